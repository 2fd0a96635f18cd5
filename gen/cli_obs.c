/* Local observables of a state as text, JSON or CSV (cli_obs.h). */
#include <string.h>

#include "cli_obs.h"

int cli_local_temperature(arb_t T, ng_srcptr t, const ng_model_t M, const ng_ring_t R,
                          slong prec)
{
    arb_t a, h;
    int ok;
    arb_init(a);
    arb_init(h);
    ng_elem_get_arb(a, t, prec, R);
    ng_elem_get_arb(h, M->h, prec, M->R);
    arb_atanh(a, a, prec);
    ok = !arb_contains_zero(a);
    if (ok)
        arb_div(T, h, a, prec);
    arb_clear(a);
    arb_clear(h);
    return ok;
}

json_t *cli_ball_json(const arb_t x, slong digits, slong prec)
{
    ng_ring_t B;
    json_t *j;
    ng_ptr e;
    ng_ring_init_ball(B, prec);
    e = ng_elem_new(B);
    ng_elem_set_arb(e, x, B);
    j = ng_json_elem(e, digits, B);
    ng_elem_free(e, B);
    ng_ring_clear(B);
    return j;
}

char *cli_ball_str(const arb_t x, slong digits)
{
    char *s = arb_get_str(x, digits, 0), *r = flint_malloc(strlen(s) + 1);
    strcpy(r, s);
    flint_free(s);
    return r;
}

void cli_put_elem(FILE *out, const char *fmt, ng_srcptr x, slong digits, const ng_ring_t R)
{
    char *s = ng_elem_get_str(x, digits, R);
    fprintf(out, fmt, s);
    flint_free(s);
}

/* Both sides of Eq. 150 (engine.h); returns 0 when the rhs is undefined. */
typedef struct {
    ng_ptr lhs, rhs;
    int have_rhs;
} eq150_t;

static void eq150_init(eq150_t *e, const ng_engine_obs_t O, const ng_model_t M,
                       const ng_ring_t R)
{
    e->lhs = ng_elem_new(R);
    e->rhs = ng_elem_new(R);
    e->have_rhs = ng_engine_eq150(e->lhs, e->rhs, O, M, R);
}

static void eq150_clear(eq150_t *e, const ng_ring_t R)
{
    ng_elem_free(e->lhs, R);
    ng_elem_free(e->rhs, R);
}

void cli_obs_json(json_t *doc, const ng_engine_obs_t O, const ng_model_t M,
                  const ng_ring_t R, slong digits, slong prec, int with_T)
{
    json_t *sites = json_array(), *bonds = json_array(), *three = json_array(),
           *eq = json_object();
    slong dg = digits;
    int N = O->N;
    eq150_t e;
    arb_t T;
    arb_init(T);
    for (int l = 0; l < N; l++) {
        ng_srcptr t = ng_vec_srcentry(O->t, l, R);
        json_t *s = json_pack("{s:i,s:o}", "site", l + 1, "t", ng_json_elem(t, dg, R));
        json_object_set_new(s, "T", with_T && cli_local_temperature(T, t, M, R, prec)
                                        ? cli_ball_json(T, dg, prec)
                                        : json_null());
        json_array_append_new(sites, s);
    }
    json_object_set_new(doc, "sites", sites);
    for (int l = 0; l + 1 < N; l++)
        json_array_append_new(bonds, json_pack("{s:i,s:i,s:o,s:o}", "l", l + 1, "m", l + 2,
                                               "rhoA", ng_json_elem(ng_vec_srcentry(O->rho_a, l, R), dg, R),
                                               "rhoB", ng_json_elem(ng_vec_srcentry(O->rho_b, l, R), dg, R)));
    json_object_set_new(doc, "bonds", bonds);
    for (int l = 0; l + 2 < N; l++)
        json_array_append_new(three, json_pack("{s:i,s:o,s:o}", "l", l + 2,
                                               "zA", ng_json_elem(ng_vec_srcentry(O->z_a, l, R), dg, R),
                                               "Az", ng_json_elem(ng_vec_srcentry(O->a_z, l, R), dg, R)));
    json_object_set_new(doc, "three_body", three);
    eq150_init(&e, O, M, R);
    json_object_set_new(eq, "lhs", ng_json_elem(e.lhs, dg, R));
    json_object_set_new(eq, "rhs", e.have_rhs ? ng_json_elem(e.rhs, dg, R) : json_null());
    json_object_set_new(doc, "eq150", eq);
    eq150_clear(&e, R);
    arb_clear(T);
}

void cli_obs_text(FILE *out, const ng_engine_obs_t O, const ng_model_t M, const ng_ring_t R,
                  slong digits, slong prec, int with_T)
{
    slong dg = digits;
    int N = O->N;
    eq150_t e;
    arb_t T;
    arb_init(T);
    for (int l = 0; l < N; l++) {
        fprintf(out, "site %d: t = ", l + 1);
        cli_put_elem(out, "%s", ng_vec_srcentry(O->t, l, R), dg, R);
        if (with_T && cli_local_temperature(T, ng_vec_srcentry(O->t, l, R), M, R, prec)) {
            char *s = cli_ball_str(T, dg);
            fprintf(out, ", T = %s", s);
            flint_free(s);
        }
        fprintf(out, "\n");
    }
    for (int l = 0; l + 1 < N; l++) {
        fprintf(out, "<rhoA(%d,%d)> = ", l + 1, l + 2);
        cli_put_elem(out, "%s", ng_vec_srcentry(O->rho_a, l, R), dg, R);
        fprintf(out, ", <rhoB(%d,%d)> = ", l + 1, l + 2);
        cli_put_elem(out, "%s\n", ng_vec_srcentry(O->rho_b, l, R), dg, R);
    }
    for (int l = 0; l + 2 < N; l++) {
        fprintf(out, "<Z%d A(%d,%d)> = ", l + 1, l + 2, l + 3);
        cli_put_elem(out, "%s", ng_vec_srcentry(O->z_a, l, R), dg, R);
        fprintf(out, ", <A(%d,%d) Z%d> = ", l + 1, l + 2, l + 3);
        cli_put_elem(out, "%s\n", ng_vec_srcentry(O->a_z, l, R), dg, R);
    }
    eq150_init(&e, O, M, R);
    cli_put_elem(out, "\nEq. 150: lhs t_N - t_1 = %s\n", e.lhs, dg, R);
    if (e.have_rhs)
        cli_put_elem(out, "         rhs = %s\n", e.rhs, dg, R);
    else
        fprintf(out, "         rhs undefined (alpha_+ = 0)\n");
    eq150_clear(&e, R);
    arb_clear(T);
}

void cli_obs_csv(FILE *out, const char *prefix, const ng_engine_obs_t O, const ng_model_t M,
                 const ng_ring_t R, slong digits, slong prec, int with_T)
{
    slong dg = digits;
    int N = O->N;
    arb_t T;
    arb_init(T);
    for (int l = 0; l < N; l++) {
        fprintf(out, "%s%d,", prefix, l + 1);
        cli_put_elem(out, "\"%s\",", ng_vec_srcentry(O->t, l, R), dg, R);
        if (with_T && cli_local_temperature(T, ng_vec_srcentry(O->t, l, R), M, R, prec)) {
            char *s = cli_ball_str(T, dg);
            fprintf(out, "\"%s\",", s);
            flint_free(s);
        } else {
            fprintf(out, ",");
        }
        if (l + 1 < N) {
            cli_put_elem(out, "\"%s\",", ng_vec_srcentry(O->rho_a, l, R), dg, R);
            cli_put_elem(out, "\"%s\",", ng_vec_srcentry(O->rho_b, l, R), dg, R);
        } else {
            fprintf(out, ",,");
        }
        if (l >= 1 && l + 1 < N) {
            cli_put_elem(out, "\"%s\",", ng_vec_srcentry(O->z_a, l - 1, R), dg, R);
            cli_put_elem(out, "\"%s\"\n", ng_vec_srcentry(O->a_z, l - 1, R), dg, R);
        } else {
            fprintf(out, ",\n");
        }
    }
    arb_clear(T);
}
