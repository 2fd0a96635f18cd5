/* nessgen rho0: the zeroth-order NESS for N spins (Sect. III, Eqs. 45–47; the
 * degenerate condition of Eqs. 24, 41–43 where needed) and its local
 * observables (Sect. IV C, Eq. 150), exact or certified. */
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_obs.h"
#include "nessgen/engine.h"

static void default_preset(cli_t *cli)
{
    if (strstr(cli->command_line, " --preset") == NULL &&
        strstr(cli->command_line, " --model") == NULL)
        ng_model_spec_set_preset(cli->spec, "tilted-ising");
}

static const char *route_name(const ng_engine_rho0_t res)
{
    return res->route == NG_ENGINE_EIGEN ? "eigen (rate equation, Eq. 47)"
                                         : "commutant (Eqs. 24, 41-43)";
}

/* For two spins, Eq. 103's other two parameters: g = (⟨σ^z_1σ^z_2⟩ − t1 t2)/4, where
 * ⟨σ^zσ^z⟩ is +1 on the states ↑↑, ↓↓ and −1 on ↑↓, ↓↑ (populations), and
 * the ρ^A coefficient ⟨ρ^A⟩/Tr(ρ^Aρ^A) = ⟨ρ^A⟩/8. */
static void two_spin_parameters(ng_ptr g, ng_ptr a, const ng_engine_rho0_t res)
{
    const ng_ring_struct *R = res->R;
    ng_ptr t = ng_elem_new(R);
    ng_elem_zero(g, R);
    for (ulong s = 0; s < 4; s++) {
        ng_srcptr x = ng_vec_srcentry(res->local->diag, s, R);
        if (s == 1 || s == 2)
            ng_elem_sub(g, g, x, R);
        else
            ng_elem_add(g, g, x, R);
    }
    ng_elem_mul(t, ng_vec_entry(res->obs->t, 0, R), ng_vec_entry(res->obs->t, 1, R), R);
    ng_elem_sub(g, g, t, R);
    ng_elem_mul_2exp_si(g, g, -2, R);
    ng_elem_mul_2exp_si(a, ng_vec_entry(res->obs->rho_a, 0, R), -3, R);
    ng_elem_free(t, R);
}

static void write_json(cli_t *cli, const ng_model_t M, const ng_engine_rho0_t res)
{
    const ng_ring_struct *R = res->R;
    slong dg = cli->digits, prec = FLINT_MAX(res->prec, 4 * dg + 64);
    int N = M->N;
    json_t *doc = ng_json_document("rho0", M, dg), *levels = json_array();
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
                                                cli_ball_json(res->levels[i].value, dg, prec)));
    json_object_set_new(doc, "degenerate_levels", levels);
    json_object_set_new(doc, "min_level_spacing",
                        res->have_spacing ? cli_ball_json(res->spacing, dg, prec) : json_null());
    json_object_set_new(doc, "trace", ng_json_elem(res->obs->trace, dg, R));
    cli_obs_json(doc, res->obs, M, R, dg, prec, 1);
    if (N == 2) {
        ng_ptr g = ng_elem_new(R), a = ng_elem_new(R);
        two_spin_parameters(g, a, res);
        json_object_set_new(doc, "g", ng_json_elem(g, dg, R));
        json_object_set_new(doc, "rhoA_coefficient", ng_json_elem(a, dg, R));
        ng_elem_free(g, R);
        ng_elem_free(a, R);
    }
    json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', cli->out);
    json_decref(doc);
}

static void write_text(cli_t *cli, const ng_model_t M, const ng_engine_rho0_t res)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = res->R;
    slong dg = cli->digits, prec = FLINT_MAX(res->prec, 4 * dg + 64);
    int N = M->N;
    if (cli->format == NG_FORMAT_CSV) {
        fprintf(out, "site,t,T,rhoA_l_l+1,rhoB_l_l+1,zA_l-1_l_l+1,Az_l-1_l_l+1\n");
        cli_obs_csv(out, "", res->obs, M, R, dg, prec, 1);
        return;
    }
    fprintf(out, "rho0 for N = %d (%s values; route: %s)\n", N,
            res->exact ? "exact" : "certified ball", route_name(res));
    fprintf(out, "dim Im P1 = %ld (2^N = %ld)\n", (long)res->dim_p1, (long)(WORD(1) << N));
    if (res->degenerate) {
        fprintf(out, "P0 H1 P0 has degenerate levels (decided exactly); the zeroth-order "
                     "condition P1 [L2 - L1 (Q0L0Q0)^-1 L1] P1 rho0 = 0 was used:\n");
        for (slong i = 0; i < res->nlevels; i++) {
            char *s = cli_ball_str(res->levels[i].value, dg);
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
        char *s = cli_ball_str(res->spacing, dg);
        fprintf(out, "smallest first-order level spacing within a sector: %s\n", s);
        flint_free(s);
    }
    cli_put_elem(out, "Tr rho0 = %s\n\n", res->obs->trace, dg, R);
    cli_obs_text(out, res->obs, M, R, dg, prec, 1);
    if (N == 2) {
        ng_ptr g = ng_elem_new(R), a = ng_elem_new(R);
        two_spin_parameters(g, a, res);
        fprintf(out, "\nEq. 103: ");
        cli_put_elem(out, "g = %s, ", g, dg, R);
        cli_put_elem(out, "rhoA coefficient = %s\n", a, dg, R);
        ng_elem_free(g, R);
        ng_elem_free(a, R);
    }
}

int cmd_rho0(cli_t *cli)
{
    ng_model_t M;
    ng_engine_opts o;
    ng_engine_rho0_t res;
    ng_status st;
    int status;

    default_preset(cli);
    status = cli_resolve_model(cli, M, 2);
    if (status != CLI_OK)
        return status;
    ng_engine_opts_init(&o);
    o.digits = cli->digits;
    o.progress = M->N >= 10 && isatty(STDERR_FILENO) ? stderr : NULL;
    st = ng_engine_rho0_check_size(M->N, &o, cli_memory_budget());
    if (st != NG_OK) {
        ng_model_clear(M);
        return cli_fail(cli, st);
    }
    st = ng_engine_rho0(res, M, &o);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
        ng_engine_rho0_clear(res);
        ng_model_clear(M);
        return status;
    }
    if (cli->format == NG_FORMAT_JSON)
        write_json(cli, M, res);
    else
        write_text(cli, M, res);
    ng_engine_rho0_clear(res);
    ng_model_clear(M);
    return CLI_OK;
}
