/* The weak-coupling series at a finite coupling: t_l(λ) = Σ_{m≤2} λ^m t_l^(m)
 * (Sect. III B, Eqs. 52, 55, 62) for the tilted Ising chain, certified.
 *
 *   cc series_at_lambda.c $(pkg-config --cflags --libs nessgen) -o series_at_lambda
 *   ./series_at_lambda [N [lambda]]     (default 4 and 1/100)
 *
 * The numbers of `nessgen series --order 2 --N 4 --lambda 1/100` ("sum"). */
#include <stdio.h>

#include <nessgen/nessgen.h>

enum { ORDER = 2 };

int main(int argc, char **argv)
{
    const char *N = argc > 1 ? argv[1] : "4", *lambda_text = argc > 2 ? argv[2] : "1/100";
    ng_model_spec *spec = ng_model_spec_new();
    ng_model_t M;
    ng_engine_opts opts;
    ng_engine_series_t S;
    ng_engine_obs_t sum;
    ng_expr *e;
    ng_ptr lambda;

    if (ng_model_spec_set_preset(spec, "tilted-ising") != NG_OK ||
        ng_model_spec_set(spec, "N", N) != NG_OK || ng_model_resolve(M, spec, 128) != NG_OK) {
        fprintf(stderr, "series_at_lambda: %s\n", ng_error_message());
        ng_model_spec_free(spec);
        return 2;
    }
    ng_model_spec_free(spec);
    ng_engine_opts_init(&opts);
    if (ng_engine_series(S, M, ORDER, &opts) != NG_OK) {
        fprintf(stderr, "series_at_lambda: %s\n", ng_error_message());
        ng_engine_series_clear(S);
        ng_model_clear(M);
        return 1;
    }
    lambda = ng_elem_new(S->R);
    if (ng_expr_parse(&e, lambda_text, "lambda") != NG_OK ||
        ng_expr_eval(lambda, e, S->R) != NG_OK) {
        fprintf(stderr, "series_at_lambda: %s\n", ng_error_message());
        ng_elem_free(lambda, S->R);
        ng_engine_series_clear(S);
        ng_model_clear(M);
        return 2;
    }
    ng_expr_free(e);
    /* sum = Σ_m λ^m (observables of ρ_m), by Horner's rule */
    ng_engine_obs_init(sum, M->N, S->R);
    ng_engine_series_sum_obs(sum, S, lambda);
    for (int l = 0; l < M->N; l++) {
        char *mid, *rad;
        ng_elem_get_mid_rad(&mid, &rad, ng_vec_srcentry(sum->t, l, S->R), 15, S->R);
        printf("t_%d = %s +/- %s\n", l + 1, mid, rad);
        flint_free(mid);
        flint_free(rad);
    }
    ng_engine_obs_clear(sum, S->R);
    ng_elem_free(lambda, S->R);
    ng_engine_series_clear(S);
    ng_model_clear(M);
    return 0;
}
