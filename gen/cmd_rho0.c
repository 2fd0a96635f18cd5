/* nessgen rho0: the zeroth-order NESS for N spins (Sect. III, Eqs. 45–47; the
 * degenerate condition of Eqs. 24, 41–43 where needed) and its local
 * observables (Sect. IV C, Eq. 150), exact or certified, as text, JSON, CSV
 * or a LaTeX document. */
#include <unistd.h>

#include "cli.h"
#include "cli_obs.h"
#include "nessgen/engine.h"

static const char *route_name(const ng_engine_rho0_t res)
{
    return res->route == NG_ENGINE_EIGEN     ? "eigen (rate equation, Eq. 47)"
           : res->route == NG_ENGINE_CLUSTER ? "cluster (P1 [L2 + i[H_2, .]] P1 rho0 = 0)"
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
    json_t *doc = cli_json_document(cli, M), *levels = json_array();
    json_object_set_new(doc, "N", json_integer(N));
    json_object_set_new(doc, "route",
                        json_string(res->route == NG_ENGINE_EIGEN     ? "eigen"
                                    : res->route == NG_ENGINE_CLUSTER ? "cluster"
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
                     "condition P1 [L2 - L1 (Q0L0Q0)^-1 L1] P1 rho0 = 0 was used%s:\n",
                res->route == NG_ENGINE_CLUSTER
                    ? ", as P1 [L2 + i[H_2, .]] P1 rho0 = 0 on the cluster blocks" : "");
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

/* "M = +2", "M = 0": a magnetisation sector as the kernel document writes it. */
static void put_sector(FILE *out, int m)
{
    if (m == 0)
        fprintf(out, "$M = 0$");
    else
        fprintf(out, "$M = %+d$", m);
}

static void write_latex(cli_t *cli, const ng_model_t M, const ng_engine_rho0_t res)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = res->R;
    slong dg = cli->digits, prec = FLINT_MAX(res->prec, 4 * dg + 64);
    int N = M->N;
    char title[96];
    snprintf(title, sizeof title,
             "The zeroth-order NESS $\\rho_0$ for $N = %d$ spins (Sect.~III)", N);
    ng_latex_begin_document(out, title, cli->command_line);
    cli_model_latex(out, M);
    if (res->route == NG_ENGINE_EIGEN)
        fprintf(out,
                "\n\\paragraph{Route: \\texttt{eigen}.} Certified eigenpairs of $H_1$ "
                "within each eigenspace of $H_0$ (Eqs.~(25)--(27)), sector by sector "
                "in the magnetisation $M = \\sum_l s_l$, and the rate equation "
                "$\\mathcal{P}_1\\mathcal{L}_2\\rho_0 = 0$ (Eq.~(47)).");
    else if (res->route == NG_ENGINE_CLUSTER)
        fprintf(out,
                "\n\\paragraph{Route: \\texttt{cluster}.} Certified orthonormal bases of "
                "the clusters of equal levels of $H_1$ within each eigenspace of $H_0$, "
                "and $\\rho_0$ with a full block on each cluster from "
                "$\\mathcal{P}_1[\\mathcal{L}_2 + i[H_2, \\cdot\\,]]\\mathcal{P}_1\\rho_0 = 0$, "
                "$H_2 = \\sum_{k>0}[V_{-k}, V_k]/(hk)$, which is Eqs.~(24), (41)--(43): "
                "$\\mathcal{P}_0\\mathcal{L}_1(\\mathcal{Q}_0\\mathcal{L}_0\\mathcal{Q}_0)^{-1}"
                "\\mathcal{L}_1\\mathcal{P}_0 = -i[H_2, \\cdot\\,]$ on "
                "$\\operatorname{Ker}\\mathcal{L}_0$.");
    else
        fprintf(
            out,
            "\n\\paragraph{Route: \\texttt{commutant}.} The condition "
            "$\\mathcal{P}_1[\\mathcal{L}_2 - \\mathcal{L}_1(\\mathcal{Q}_0"
            "\\mathcal{L}_0\\mathcal{Q}_0)^{-1}\\mathcal{L}_1]\\mathcal{P}_1\\rho_0 = 0$ "
            "(Eqs.~(24), (41)--(43)) on the commutant, sector by sector in the "
            "magnetisation $M = \\sum_l s_l$.");
    if (res->exact)
        fprintf(out,
                "  The state and its observables are exact; $T_l$ and the levels are "
                "certified balls.  ");
    else
        fprintf(out, "  ");
    cli_latex_rounding_rule(out, dg);
    fprintf(out, "$\\dim\\operatorname{Im}\\mathcal{P}_1 = %ld$ ($2^N = %ld$).\n",
            (long)res->dim_p1, (long)(WORD(1) << N));
    if (res->degenerate) {
        fprintf(out,
                "\n\\paragraph{Degenerate levels.} $H_1$ has degenerate levels "
                "$e^{(n)}_k$ within an eigenspace of $H_0$ (decided exactly), so the "
                "degenerate condition above was used.  The degenerate levels:");
        for (slong i = 0; i < res->nlevels; i++) {
            char *s = cli_ball_latex(res->levels[i].value, dg, prec);
            fprintf(out, "%s ", i ? ";" : "");
            put_sector(out, res->levels[i].magnetisation);
            fprintf(out, ", $e = %s$, multiplicity %ld", s,
                    (long)res->levels[i].multiplicity);
            flint_free(s);
        }
        fprintf(out, ".\n");
    } else {
        fprintf(out,
                "\n\\paragraph{Simple levels.} The levels $e^{(n)}_k$ of $H_1$ "
                "within each eigenspace of $H_0$ are simple (%s); the degenerate "
                "condition was not needed.\n",
                res->route == NG_ENGINE_EIGEN ? "certified by the eigen-solver"
                                              : "decided exactly");
    }
    if (res->have_spacing) {
        char *s = cli_ball_latex(res->spacing, dg, prec);
        fprintf(out,
                "The smallest first-order level spacing within a sector is "
                "$\\min|e^{(n)}_k - e^{(n)}_{k'}| = %s$.\n",
                s);
        flint_free(s);
    }
    fprintf(out, "\n\\paragraph{Local observables.} $\\operatorname{Tr}\\rho_0 = ");
    cli_put_elem_latex(out, res->obs->trace, dg, R);
    fprintf(out,
            "$; $\\langle X\\rangle = \\operatorname{Tr}(X\\rho_0)$, "
            "$t_l = -\\langle\\sigma^z_l\\rangle$ and $T_l = h/\\operatorname{artanh} "
            "t_l$ (so that $t_l = \\tanh(h/T_l)$, Eq.~(100)).\n");
    cli_obs_latex(out, res->obs, M, R, dg, prec, 1);
    if (N == 2) {
        ng_ptr g = ng_elem_new(R), a = ng_elem_new(R);
        two_spin_parameters(g, a, res);
        fprintf(out,
                "\n\\paragraph{Eq.~(103).} $\\rho_0 = \\rho_{\\mathrm{LE}}(\\beta_1) "
                "\\otimes \\rho_{\\mathrm{LE}}(\\beta_2) + \\frac{t_2 - t_1}{8}\\gamma"
                "\\rho^{\\mathrm{A}} + g\\sigma^{zz}$ with\n\\begin{align*}\n"
                "g &= ");
        cli_put_elem_latex(out, g, dg, R);
        fprintf(out, ", \\\\\n\\frac{t_2 - t_1}{8}\\gamma = "
                     "\\frac{\\langle\\rho^{\\mathrm{A}}_{1,2}\\rangle}{8} &= ");
        cli_put_elem_latex(out, a, dg, R);
        fprintf(out, ".\n\\end{align*}\n");
        ng_elem_free(g, R);
        ng_elem_free(a, R);
    }
    ng_latex_end_document(out);
}

int cmd_rho0(cli_t *cli)
{
    ng_model_t M;
    ng_engine_opts o;
    ng_engine_rho0_t res;
    ng_status st;
    int status;

    status = cli_resolve_model(cli, M, "tilted-ising", 2);
    if (status != CLI_OK)
        return status;
    ng_engine_opts_init(&o);
    o.digits = cli->digits + (cli->format == NG_FORMAT_LATEX ? CLI_LATEX_GUARD_DIGITS : 0);
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
    else if (cli->format == NG_FORMAT_LATEX)
        write_latex(cli, M, res);
    else
        write_text(cli, M, res);
    ng_engine_rho0_clear(res);
    ng_model_clear(M);
    return CLI_OK;
}
