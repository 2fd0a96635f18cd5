/* nessgen rho0: the zeroth-order NESS for N spins (Sect. III, Eqs. 45–47; the
 * degenerate condition of Eqs. 24, 41–43 where needed) and its local
 * observables (Sect. IV C, Eq. 150), exact or certified. */
#include <string.h>

#include "cli.h"
#include "nessgen/engine.h"

static void default_preset(cli_t *cli)
{
    if (strstr(cli->command_line, " --preset") == NULL &&
        strstr(cli->command_line, " --model") == NULL)
        ng_model_spec_set_preset(cli->spec, "tilted-ising");
}

/* T_l = h / artanh(t_l) as a ball (DESIGN §1); 0 if t_l may vanish. */
static int local_temperature(arb_t T, ng_srcptr t, const ng_model_t M, const ng_ring_t R,
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

static json_t *ball_json(const arb_t x, slong digits, slong prec)
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

static char *ball_str(const arb_t x, slong digits)
{
    char *s = arb_get_str(x, digits, 0), *r = flint_malloc(strlen(s) + 1);
    strcpy(r, s);
    flint_free(s);
    return r;
}

static const char *route_name(const ng_engine_rho0_t res)
{
    return res->route == NG_ENGINE_EIGEN ? "eigen (rate equation, Eq. 47)"
                                         : "commutant (Eqs. 24, 41-43)";
}

static void write_json(cli_t *cli, const ng_model_t M, const ng_engine_rho0_t res,
                       ng_srcptr lhs, ng_srcptr rhs, int have_rhs)
{
    const ng_ring_struct *R = res->R;
    const ng_engine_obs_struct *O = res->obs;
    slong dg = cli->digits, prec = FLINT_MAX(res->prec, 4 * dg + 64);
    int N = M->N;
    json_t *doc = ng_json_document("rho0", M, dg), *sites = json_array(), *bonds = json_array(),
           *three = json_array(), *levels = json_array(), *eq = json_object();
    arb_t T;
    arb_init(T);
    json_object_set_new(doc, "N", json_integer(N));
    json_object_set_new(doc, "route", json_string(res->route == NG_ENGINE_EIGEN ? "eigen"
                                                                                 : "commutant"));
    json_object_set_new(doc, "exact", json_boolean(res->exact));
    json_object_set_new(doc, "precision_bits", json_integer(res->exact ? 0 : res->prec));
    json_object_set_new(doc, "degenerate", json_boolean(res->degenerate));
    json_object_set_new(doc, "degeneracy_decided_exactly", json_boolean(res->structure_exact));
    json_object_set_new(doc, "dim_im_p1", json_integer(res->dim_p1));
    for (slong i = 0; i < res->nlevels; i++)
        json_array_append_new(levels, json_pack("{s:i,s:i,s:o}", "magnetization",
                                                res->levels[i].magnetisation, "multiplicity",
                                                (json_int_t)res->levels[i].multiplicity, "e",
                                                ball_json(res->levels[i].value, dg, prec)));
    json_object_set_new(doc, "degenerate_levels", levels);
    json_object_set_new(doc, "min_level_spacing",
                        res->have_spacing ? ball_json(res->spacing, dg, prec) : json_null());
    json_object_set_new(doc, "trace", ng_json_elem(O->trace, dg, R));
    for (int l = 0; l < N; l++) {
        ng_srcptr t = ng_vec_srcentry(O->t, l, R);
        json_t *s = json_pack("{s:i,s:o}", "site", l + 1, "t", ng_json_elem(t, dg, R));
        json_object_set_new(s, "T", local_temperature(T, t, M, R, prec) ? ball_json(T, dg, prec)
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
    json_object_set_new(eq, "lhs", ng_json_elem(lhs, dg, R));
    json_object_set_new(eq, "rhs", have_rhs ? ng_json_elem(rhs, dg, R) : json_null());
    json_object_set_new(doc, "eq150", eq);
    json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', cli->out);
    json_decref(doc);
    arb_clear(T);
}

static void put_elem(FILE *out, const char *fmt, ng_srcptr x, slong digits, const ng_ring_t R)
{
    char *s = ng_elem_get_str(x, digits, R);
    fprintf(out, fmt, s);
    flint_free(s);
}

static void write_text(cli_t *cli, const ng_model_t M, const ng_engine_rho0_t res,
                       ng_srcptr lhs, ng_srcptr rhs, int have_rhs)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = res->R;
    const ng_engine_obs_struct *O = res->obs;
    slong dg = cli->digits, prec = FLINT_MAX(res->prec, 4 * dg + 64);
    int N = M->N, csv = cli->format == NG_FORMAT_CSV;
    arb_t T;
    arb_init(T);
    if (csv) {
        fprintf(out, "site,t,T,rhoA_l_l+1,rhoB_l_l+1,zA_l-1_l_l+1,Az_l-1_l_l+1\n");
        for (int l = 0; l < N; l++) {
            fprintf(out, "%d,", l + 1);
            put_elem(out, "\"%s\",", ng_vec_srcentry(O->t, l, R), dg, R);
            if (local_temperature(T, ng_vec_srcentry(O->t, l, R), M, R, prec)) {
                char *s = ball_str(T, dg);
                fprintf(out, "\"%s\",", s);
                flint_free(s);
            } else {
                fprintf(out, ",");
            }
            if (l + 1 < N) {
                put_elem(out, "\"%s\",", ng_vec_srcentry(O->rho_a, l, R), dg, R);
                put_elem(out, "\"%s\",", ng_vec_srcentry(O->rho_b, l, R), dg, R);
            } else {
                fprintf(out, ",,");
            }
            if (l >= 1 && l + 1 < N) {
                put_elem(out, "\"%s\",", ng_vec_srcentry(O->z_a, l - 1, R), dg, R);
                put_elem(out, "\"%s\"\n", ng_vec_srcentry(O->a_z, l - 1, R), dg, R);
            } else {
                fprintf(out, ",\n");
            }
        }
        arb_clear(T);
        return;
    }
    fprintf(out, "rho0 for N = %d (%s values; route: %s)\n", N,
            res->exact ? "exact" : "certified ball", route_name(res));
    fprintf(out, "dim Im P1 = %ld (2^N = %ld)\n", (long)res->dim_p1, (long)(WORD(1) << N));
    if (res->degenerate) {
        fprintf(out, "P0 H1 P0 has degenerate levels (decided exactly); the zeroth-order "
                     "condition P1 [L2 - L1 (Q0L0Q0)^-1 L1] P1 rho0 = 0 was used:\n");
        for (slong i = 0; i < res->nlevels; i++) {
            char *s = ball_str(res->levels[i].value, dg);
            fprintf(out, "  magnetization %+d: e = %s, multiplicity %ld\n",
                    res->levels[i].magnetisation, s, (long)res->levels[i].multiplicity);
            flint_free(s);
        }
    } else {
        fprintf(out, "P0 H1 P0 has simple levels (%s)\n",
                res->route == NG_ENGINE_EIGEN ? "certified by the eigen-solver"
                                              : "decided exactly");
    }
    if (res->have_spacing) {
        char *s = ball_str(res->spacing, dg);
        fprintf(out, "smallest first-order level spacing within a sector: %s\n", s);
        flint_free(s);
    }
    put_elem(out, "Tr rho0 = %s\n\n", O->trace, dg, R);
    for (int l = 0; l < N; l++) {
        fprintf(out, "site %d: t = ", l + 1);
        put_elem(out, "%s", ng_vec_srcentry(O->t, l, R), dg, R);
        if (local_temperature(T, ng_vec_srcentry(O->t, l, R), M, R, prec)) {
            char *s = ball_str(T, dg);
            fprintf(out, ", T = %s", s);
            flint_free(s);
        }
        fprintf(out, "\n");
    }
    for (int l = 0; l + 1 < N; l++) {
        fprintf(out, "<rhoA(%d,%d)> = ", l + 1, l + 2);
        put_elem(out, "%s", ng_vec_srcentry(O->rho_a, l, R), dg, R);
        fprintf(out, ", <rhoB(%d,%d)> = ", l + 1, l + 2);
        put_elem(out, "%s\n", ng_vec_srcentry(O->rho_b, l, R), dg, R);
    }
    for (int l = 0; l + 2 < N; l++) {
        fprintf(out, "<Z%d A(%d,%d)> = ", l + 1, l + 2, l + 3);
        put_elem(out, "%s", ng_vec_srcentry(O->z_a, l, R), dg, R);
        fprintf(out, ", <A(%d,%d) Z%d> = ", l + 1, l + 2, l + 3);
        put_elem(out, "%s\n", ng_vec_srcentry(O->a_z, l, R), dg, R);
    }
    put_elem(out, "\nEq. 150: lhs t_N - t_1 = %s\n", lhs, dg, R);
    if (have_rhs)
        put_elem(out, "         rhs = %s\n", rhs, dg, R);
    else
        fprintf(out, "         rhs undefined (alpha_+ = 0)\n");
    arb_clear(T);
}

int cmd_rho0(cli_t *cli)
{
    ng_model_t M;
    ng_engine_opts o;
    ng_engine_rho0_t res;
    ng_status st;
    int status, have_rhs;
    ng_ptr lhs, rhs;

    default_preset(cli);
    status = cli_resolve_model(cli, M, 2);
    if (status != CLI_OK)
        return status;
    ng_engine_opts_init(&o);
    o.digits = cli->digits;
    o.progress = M->N >= 10 ? stderr : NULL;
    st = ng_engine_rho0(res, M, &o);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
        ng_engine_rho0_clear(res);
        ng_model_clear(M);
        return status;
    }
    lhs = ng_elem_new(res->R);
    rhs = ng_elem_new(res->R);
    have_rhs = ng_engine_eq150(lhs, rhs, res->obs, M, res->R);
    if (cli->format == NG_FORMAT_JSON)
        write_json(cli, M, res, lhs, rhs, have_rhs);
    else
        write_text(cli, M, res, lhs, rhs, have_rhs);
    ng_elem_free(lhs, res->R);
    ng_elem_free(rhs, res->R);
    ng_engine_rho0_clear(res);
    ng_model_clear(M);
    return CLI_OK;
}
