/* Accuracy of `nessgen ness` (ng_ness_solve) against references, per λ:
 *   bench_ness_accuracy N THETA L1,L2,... [ORDER [nocert]]
 * prints one JSON object per λ (one line each) with the double solver's t_l
 * (17 digits), their per-value error estimates (obs_error.c) and digits
 * claimed, the status and honesty figures; the certified NESS balls
 * (ng_ness_certify, N ≤ NG_NESS_CERT_MAX_N; null where it refuses or with
 * nocert); and the
 * series partial sum Σ_{m<ORDER} λ^m t_m with its truncation estimate
 * max_l max(|λ^{ORDER−1} t_{ORDER−1}|, |λ^ORDER t_ORDER|): the last term kept
 * as well as the next one, since every odd order vanishes at θ = π/2
 * (ORDER default 4, 0: no series).
 * THETA is an expression (pi/4, pi/2).  bench/ness_accuracy.py turns the
 * lines into the table of bench/RESULTS.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/engine.h"
#include "nessgen/numerics.h"

#define PREC 256

static int resolve(ng_model_t M, int N, const char *theta)
{
    ng_model_spec *spec = ng_model_spec_new();
    char buf[16];
    int ok;
    snprintf(buf, sizeof buf, "%d", N);
    ok = ng_model_spec_set_preset(spec, "tilted-ising") == NG_OK &&
         ng_model_spec_set(spec, "N", buf) == NG_OK &&
         ng_model_spec_set(spec, "theta", theta) == NG_OK &&
         ng_model_resolve(M, spec, 128) == NG_OK;
    ng_model_spec_free(spec);
    return ok;
}

static void print_double_solve(const ng_ness_model_t D, double lambda)
{
    ng_ness_params p;
    ng_ness_t S;
    ng_status st;
    ng_ness_init(S);
    ng_ness_params_init(&p, lambda);
    st = ng_ness_solve(S, D, &p);
    printf("\"status\": %d, ", (int)st);
    if (S->rho == NULL) {
        printf("\"t\": null");
        ng_ness_clear(S);
        return;
    }
    {
        ng_ness_obs_t O;
        ng_ness_obs_err_t E;
        ng_ness_obs_init(O, S->rho, D);
        ng_ness_obs_err_init(E, O, S, D);
        printf("\"trusted_digits\": %d, \"cond_est\": %.3g, \"iterations\": %d, \"t\": [",
               S->trusted_digits, S->cond_est, S->iterations);
        for (int l = 0; l < D->N; l++)
            printf("%s%.17g", l ? ", " : "", O->t[l]);
        printf("], \"t_err_est\": [");
        for (int l = 0; l < D->N; l++)
            printf("%s%.3g", l ? ", " : "", E->t[l]);
        printf("], \"t_digits\": [");
        for (int l = 0; l < D->N; l++)
            printf("%s%d", l ? ", " : "", ng_ness_digits(O->t[l], E->t[l]));
        printf("]");
        ng_ness_obs_err_clear(E);
        ng_ness_obs_clear(O);
    }
    ng_ness_clear(S);
}

static void print_ball(const arb_t x)
{
    printf("[%.17g, %.3g]", arf_get_d(arb_midref(x), ARF_RND_NEAR), mag_get_d(arb_radref(x)));
}

static void print_certified(ng_model_t M, const char *lambda, int skip)
{
    ng_ness_cert_t C;
    arb_t l;
    printf(", \"certified\": ");
    if (skip || M->N > NG_NESS_CERT_MAX_N) {
        printf("null");
        return;
    }
    arb_init(l);
    arb_set_str(l, lambda, PREC);
    ng_ness_cert_init(C);
    if (ng_ness_certify(C, M, l, PREC) != NG_OK)
        printf("null");
    else {
        printf("[");
        for (int k = 0; k < M->N; k++) {
            printf("%s", k ? ", " : "");
            print_ball(C->t + k);
        }
        printf("]");
    }
    ng_ness_cert_clear(C);
    arb_clear(l);
}

/* Σ_{m<K} λ^m t_m (balls) and max_l max(|λ^{K−1} t_{K−1}|, |λ^K t_K|),
 * K = E->order. */
static void print_series(const ng_engine_series_t E, int N, const char *lambda)
{
    int K = E->order;
    double trunc = 0.0;
    arb_t l, p, v, s;
    arb_init(l);
    arb_init(p);
    arb_init(v);
    arb_init(s);
    arb_set_str(l, lambda, PREC);
    printf(", \"series_order\": %d, \"series\": [", K - 1);
    for (int site = 0; site < N; site++) {
        arb_zero(s);
        arb_one(p);
        for (int m = 0; m <= K; m++) {
            ng_elem_get_arb(v, ng_vec_srcentry(E->obs[m].t, site, E->R), PREC, E->R);
            arb_mul(v, v, p, PREC);
            if (m < K)
                arb_add(s, s, v, PREC);
            if (m >= K - 1)
                trunc = fmax(trunc, fabs(arf_get_d(arb_midref(v), ARF_RND_NEAR)));
            arb_mul(p, p, l, PREC);
        }
        printf("%s", site ? ", " : "");
        print_ball(s);
    }
    printf("], \"series_truncation\": %.3g", trunc);
    arb_clear(l);
    arb_clear(p);
    arb_clear(v);
    arb_clear(s);
}

int main(int argc, char **argv)
{
    int N, order = argc > 4 ? atoi(argv[4]) : 4;
    ng_model_t M;
    ng_ness_model_t D;
    ng_engine_series_t E;
    char *list, *tok, *save = NULL;
    if (argc < 4) {
        fprintf(stderr, "usage: bench_ness_accuracy N THETA L1,L2,... [ORDER [nocert]]\n");
        return 2;
    }
    N = atoi(argv[1]);
    if (!resolve(M, N, argv[2]) || ng_ness_model_init(D, M) != NG_OK) {
        fprintf(stderr, "model: %s\n", ng_error_message());
        return 1;
    }
    if (order > 0) {
        ng_engine_opts o;
        ng_engine_opts_init(&o);
        o.digits = 30;
        if (ng_engine_series(E, M, order, &o) != NG_OK) {
            fprintf(stderr, "series: %s\n", ng_error_message());
            return 1;
        }
    }
    list = strdup(argv[3]);
    for (tok = strtok_r(list, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        printf("{\"N\": %d, \"theta\": \"%s\", \"lambda\": \"%s\", ", N, argv[2], tok);
        print_double_solve(D, atof(tok));
        print_certified(M, tok, argc > 5 && strcmp(argv[5], "nocert") == 0);
        if (order > 0)
            print_series(E, N, tok);
        printf("}\n");
        fflush(stdout);
    }
    free(list);
    if (order > 0)
        ng_engine_series_clear(E);
    ng_ness_model_clear(D);
    ng_model_clear(M);
    return 0;
}
