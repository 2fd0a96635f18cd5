/* The local observables of a state (engine.h: t_l, T_l, ⟨ρ^A⟩, ⟨ρ^B⟩, the
 * three-body correlations of Eqs. 151–152 and both sides of Eq. 150) as
 * report tables (results.h); shared by rho0, series and ness certified. */
#include "nessgen/results.h"

int ng_local_temperature(arb_t T, ng_srcptr t, const ng_model_t M, const ng_ring_t R,
                         slong prec)
{
    arb_t a, h;
    int ok;
    arb_init(a);
    arb_init(h);
    ng_elem_get_arb(a, t, prec, R);
    ng_elem_get_arb(h, M->h, prec, M->R);
    arb_atanh(a, a, prec); /* Eq. 100: t = tanh(h/T) */
    ok = !arb_contains_zero(a);
    if (ok)
        arb_div(T, h, a, prec);
    arb_clear(a);
    arb_clear(h);
    return ok;
}

static void sites_table(ng_report_t rep, const ng_engine_obs_t O, const ng_model_t M,
                        const ng_ring_t R, slong prec, int with_T)
{
    ng_report_table_t *T = ng_report_table(rep, "sites", NULL, NULL);
    arb_t x;
    arb_init(x);
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN);
    ng_report_column(T, "site", "site", "$l$");
    ng_report_column(T, "t", "t", "$t_l$");
    ng_report_column_ball(T);
    ng_report_column(T, "T", "T", with_T ? "$T_l$" : "");
    ng_report_column_ball(T);
    for (int l = 0; l < O->N; l++) {
        ng_srcptr t = ng_vec_srcentry(O->t, l, R);
        ng_report_row(T);
        ng_report_cell_int(T, l + 1);
        ng_report_cell_elem(T, t, R);
        if (!with_T)
            ng_report_cell_none(T, NULL);
        else if (ng_local_temperature(x, t, M, R, prec))
            ng_report_cell_arb(T, x);
        else /* artanh t_l not certified nonzero: T_l unbounded */
            ng_report_cell_none(T, "---");
    }
    arb_clear(x);
}

static void bonds_table(ng_report_t rep, const ng_engine_obs_t O, const ng_ring_t R)
{
    ng_report_table_t *T = ng_report_table(rep, "bonds", NULL, NULL);
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN | NG_REPORT_LATEX_CONTINUE);
    ng_report_column(T, "sites", "bond", "$(l,l+1)$");
    ng_report_column(T, "rhoA", "<rhoA>", "$\\langle\\rho^{\\mathrm{A}}_{l,l+1}\\rangle$");
    ng_report_column_ball(T);
    ng_report_column(T, "rhoB", "<rhoB>", "$\\langle\\rho^{\\mathrm{B}}_{l,l+1}\\rangle$");
    ng_report_column_ball(T);
    for (int l = 0; l + 1 < O->N; l++) {
        ng_report_row(T);
        ng_report_cell_bond(T, l + 1, l + 2);
        ng_report_cell_elem(T, ng_vec_srcentry(O->rho_a, l, R), R);
        ng_report_cell_elem(T, ng_vec_srcentry(O->rho_b, l, R), R);
    }
}

/* Eqs. 151–152 on the window (l−1, l, l+1), keyed by its centre l. */
static void three_body_table(ng_report_t rep, const ng_engine_obs_t O, const ng_ring_t R)
{
    ng_report_table_t *T = ng_report_table(rep, "three_body", NULL, NULL);
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN | NG_REPORT_LATEX_CONTINUE);
    ng_report_column(T, "site", "site", "$l$");
    ng_report_column(T, "zA", "<Z_{l-1} A(l,l+1)>",
                     "$\\langle\\sigma^z_{l-1}\\rho^{\\mathrm{A}}_{l,l+1}\\rangle$ (151)");
    ng_report_column_ball(T);
    ng_report_column(T, "Az", "<A(l-1,l) Z_{l+1}>",
                     "$\\langle\\rho^{\\mathrm{A}}_{l-1,l}\\sigma^z_{l+1}\\rangle$ (152)");
    ng_report_column_ball(T);
    for (int l = 0; l + 2 < O->N; l++) {
        ng_report_row(T);
        ng_report_cell_int(T, l + 2);
        ng_report_cell_elem(T, ng_vec_srcentry(O->z_a, l, R), R);
        ng_report_cell_elem(T, ng_vec_srcentry(O->a_z, l, R), R);
    }
}

static const char eq150_latex[] =
    "Both sides of Eq.~(150),\n\\[\nt_N - t_1 = \\frac{1}{\\alpha_+}\\Bigl\\{"
    "\\alpha_{zz}\\sum_{l=2}^{N-1}\\bigl(\\langle\\sigma^z_{l-1}"
    "\\rho^{\\mathrm{A}}_{l,l+1}\\rangle - \\langle\\rho^{\\mathrm{A}}_{l-1,l}"
    "\\sigma^z_{l+1}\\rangle\\bigr) + \\alpha^z_1\\langle\\rho^{\\mathrm{A}}_{1,2}"
    "\\rangle - \\alpha^z_N\\langle\\rho^{\\mathrm{A}}_{N-1,N}\\rangle\\Bigr\\},\n"
    "\\]\nwith $\\alpha^z_1 = \\bar{Y}_{L} X_{L,z}$ and $\\alpha^z_N = \\bar{Y}_{R} "
    "X_{R,z}$ (for the tilted Ising chain $-\\alpha_{zz}t_L$ and "
    "$-\\alpha_{zz}t_R$):\n";

/* Both sides of Eq. 150 (ng_engine_eq150). */
static void eq150_group(ng_report_t rep, const ng_engine_obs_t O, const ng_model_t M,
                        const ng_ring_t R)
{
    ng_ptr lhs = ng_elem_new(R), rhs = ng_elem_new(R);
    int have_rhs = ng_engine_eq150(lhs, rhs, O, M, R);
    ng_report_begin_group(rep, "eq150", "\nEq. 150 (t_N - t_1 and its expression in the "
                                        "correlations):\n", NULL);
    ng_report_note(rep, NG_REPORT_LATEX, "%s", eq150_latex);
    ng_report_elem(rep, "lhs", "lhs t_N - t_1", "\\text{left-hand side}", lhs, R);
    if (have_rhs)
        ng_report_elem(rep, "rhs", "rhs", "\\text{right-hand side}", rhs, R);
    else
        ng_report_none(rep, "rhs", "rhs", "\\text{right-hand side}",
                       "undefined (alpha_+ not certified nonzero)");
    ng_report_end(rep);
    ng_elem_free(lhs, R);
    ng_elem_free(rhs, R);
}

void ng_engine_obs_report(ng_report_t rep, const ng_engine_obs_t O, const ng_model_t M,
                          const ng_ring_t R, slong prec, int with_T)
{
    sites_table(rep, O, M, R, prec, with_T);
    bonds_table(rep, O, R);
    three_body_table(rep, O, R);
    eq150_group(rep, O, M, R);
}
