/* The report of `nessgen rho0` (results.h): the route and the structure of
 * P0 H1 P0, the local observables (Sect. IV C), Eq. 103 for two spins, the
 * λ² currents with the contact law, and the --observable values. */
#include <stdio.h>
#include <string.h>

#include "nessgen/results.h"

static const char *route_key(int route)
{
    return route == NG_ENGINE_EIGEN ? "eigen" : route == NG_ENGINE_CLUSTER ? "cluster"
                                                                           : "commutant";
}

static const char *route_name(int route)
{
    return route == NG_ENGINE_EIGEN     ? "eigen (rate equation, Eq. 47)"
           : route == NG_ENGINE_CLUSTER ? "cluster (P1 [L2 + i[H_2, .]] P1 rho0 = 0)"
                                        : "commutant (Eqs. 24, 41-43)";
}

static const char *const route_latex[3] = {
    "\n\\paragraph{Route: \\texttt{eigen}.} Certified eigenpairs of $H_1$ "
    "within each eigenspace of $H_0$ (Eqs.~(25)--(27)), sector by sector "
    "in the magnetisation $M = \\sum_l s_l$, and the rate equation "
    "$\\mathcal{P}_1\\mathcal{L}_2\\rho_0 = 0$ (Eq.~(47)).",
    "\n\\paragraph{Route: \\texttt{cluster}.} Certified orthonormal bases of "
    "the clusters of equal levels of $H_1$ within each eigenspace of $H_0$, "
    "and $\\rho_0$ with a full block on each cluster from "
    "$\\mathcal{P}_1[\\mathcal{L}_2 + i[H_2, \\cdot\\,]]\\mathcal{P}_1\\rho_0 = 0$, "
    "$H_2 = \\sum_{k>0}[V_{-k}, V_k]/(hk)$, which is Eqs.~(24), (41)--(43): "
    "$\\mathcal{P}_0\\mathcal{L}_1(\\mathcal{Q}_0\\mathcal{L}_0\\mathcal{Q}_0)^{-1}"
    "\\mathcal{L}_1\\mathcal{P}_0 = -i[H_2, \\cdot\\,]$ on "
    "$\\operatorname{Ker}\\mathcal{L}_0$.",
    "\n\\paragraph{Route: \\texttt{commutant}.} The condition "
    "$\\mathcal{P}_1[\\mathcal{L}_2 - \\mathcal{L}_1(\\mathcal{Q}_0"
    "\\mathcal{L}_0\\mathcal{Q}_0)^{-1}\\mathcal{L}_1]\\mathcal{P}_1\\rho_0 = 0$ "
    "(Eqs.~(24), (41)--(43)) on the commutant, sector by sector in the "
    "magnetisation $M = \\sum_l s_l$."};

/* How each sector's eigenspaces were obtained (engine.h). */
static const char *basis_key(int basis)
{
    return basis == NG_ENGINE_BASIS_EXACT ? "exact" : basis == NG_ENGINE_BASIS_QR ? "qr"
                                                                                  : "refined";
}

static const char *basis_description(int basis)
{
    return basis == NG_ENGINE_BASIS_EXACT ? "exact characteristic polynomial"
           : basis == NG_ENGINE_BASIS_QR  ? "certified bases, QR at full precision"
                                          : "certified bases, refined doubles";
}

static void route_notes(ng_report_t rep, const ng_engine_rho0_t res, const ng_model_t M)
{
    char *model = ng_model_get_latex_paragraph(M), *rule = ng_report_latex_rounding_rule_str(
                                                            rep->digits);
    int k = res->route == NG_ENGINE_EIGEN ? 0 : res->route == NG_ENGINE_CLUSTER ? 1 : 2;
    ng_report_note(rep, NG_REPORT_LATEX, "%s%s%s%s$\\dim\\operatorname{Im}\\mathcal{P}_1 = "
                   "%ld$ ($2^N = %ld$).\n", model, route_latex[k],
                   res->exact ? "  The state and its observables are exact; $T_l$ and the "
                                "levels are certified balls.  " : "  ", rule,
                   (long)res->dim_p1, (long)(WORD(1) << M->N));
    flint_free(model);
    flint_free(rule);
}

static void structure_values(ng_report_t rep, const ng_engine_rho0_t res, int N)
{
    char label[64];
    ng_report_node_formats(ng_report_int(rep, "N", "N", NULL, N), NG_REPORT_JSON);
    ng_report_node_formats(ng_report_string(rep, "route", "route", NULL, route_key(res->route)),
                           NG_REPORT_JSON);
    ng_report_node_formats(ng_report_bool(rep, "exact", "exact", NULL, res->exact),
                           NG_REPORT_JSON);
    ng_report_int(rep, "precision_bits", "precision (bits; 0: exact)", NULL,
                  res->exact ? 0 : res->prec);
    ng_report_bool(rep, "degenerate", "degenerate levels of P0 H1 P0", NULL, res->degenerate);
    ng_report_bool(rep, "degeneracy_decided_exactly", "degeneracy decided exactly", NULL,
                   res->structure_exact);
    snprintf(label, sizeof label, "dim Im P1 (2^N = %ld)", (long)(WORD(1) << N));
    ng_report_int(rep, "dim_im_p1", label, NULL, res->dim_p1);
}

static void levels_table(ng_report_t rep, const ng_engine_rho0_t res)
{
    ng_report_table_t *T = ng_report_table(rep, "degenerate_levels", "degenerate levels",
                                           NULL);
    ng_report_column(T, "magnetization", "magnetization", "$M$");
    ng_report_column(T, "sector", "sector k", "$k$");
    ng_report_column(T, "index", "level", "level");
    ng_report_column(T, "multiplicity", "multiplicity", "multiplicity");
    ng_report_column(T, "e", "e", "$e^{(n)}_k$");
    ng_report_column(T, "basis", "eigenspaces", "eigenspaces");
    for (slong i = 0; i < res->nlevels; i++) {
        const ng_engine_level *L = res->levels + i;
        ng_report_row(T);
        ng_report_cell_int(T, L->magnetisation);
        ng_report_cell_int(T, L->sector);
        ng_report_cell_int(T, L->index);
        ng_report_cell_int(T, L->multiplicity);
        ng_report_cell_arb(T, L->value);
        ng_report_cell_string(T, basis_key(L->basis));
    }
}

/* The cluster structure of P0 H1 P0 (engine.h): per sector, how its
 * eigenspaces were obtained. */
static void clusters_table(ng_report_t rep, const ng_engine_rho0_t res, int N)
{
    ng_report_table_t *T = ng_report_table(
        rep, "clusters",
        "cluster structure of P0 H1 P0 (sector k = down spins, M = N - 2k)",
        "\n\\paragraph{Cluster structure of $\\mathcal{P}_0 H_1 \\mathcal{P}_0$.} "
        "Per sector ($k$ down spins, magnetisation $M = N - 2k$): its dimension, "
        "the number of distinct levels of $H_1$, the largest multiplicity, and "
        "how the eigenspaces were obtained.\n\n");
    ng_report_column(T, "sector", "k", "$k$");
    ng_report_column(T, "magnetization", "M", "$M$");
    ng_report_column_formats(T, NG_REPORT_TEXT | NG_REPORT_LATEX);
    ng_report_column(T, "dim", "dim", "dim");
    ng_report_column(T, "levels", "levels", "levels");
    ng_report_column(T, "max_multiplicity", "max mult.", "max.\\ mult.");
    ng_report_column(T, "basis", "eigenspaces", "eigenspaces");
    if (!res->degenerate)
        ng_report_node_formats(T, NG_REPORT_TEXT | NG_REPORT_JSON);
    for (slong k = 0; k < res->nsectors; k++) {
        const ng_engine_sector_info *si = res->sectors + k;
        ng_report_row(T);
        ng_report_cell_int(T, si->sector);
        ng_report_cell_int(T, N - 2 * si->sector);
        ng_report_cell_int(T, si->dim);
        ng_report_cell_int(T, si->ndistinct);
        ng_report_cell_int(T, si->maxmult);
        ng_report_cell_string_latex(T, basis_key(si->basis), basis_description(si->basis));
    }
}

static void structure(ng_report_t rep, const ng_engine_rho0_t res, int N)
{
    const char *how = res->route == NG_ENGINE_EIGEN ? "certified by the eigen-solver"
                                                    : "decided exactly";
    if (res->degenerate) {
        ng_report_note(rep, NG_REPORT_TEXT,
                       "P0 H1 P0 has degenerate levels (decided exactly); the zeroth-order "
                       "condition P1 [L2 - L1 (Q0L0Q0)^-1 L1] P1 rho0 = 0 was used%s.\n",
                       res->route == NG_ENGINE_CLUSTER
                           ? ", as P1 [L2 + i[H_2, .]] P1 rho0 = 0 on the cluster blocks"
                           : "");
        ng_report_note(rep, NG_REPORT_LATEX,
                       "\n\\paragraph{Degenerate levels.} $H_1$ has degenerate levels "
                       "$e^{(n)}_k$ within an eigenspace of $H_0$ (decided exactly), so the "
                       "degenerate condition above was used.  The degenerate levels:\n");
    } else {
        ng_report_note(rep, NG_REPORT_TEXT, "P0 H1 P0 has simple levels (%s)\n", how);
        ng_report_note(rep, NG_REPORT_LATEX,
                       "\n\\paragraph{Simple levels.} The levels $e^{(n)}_k$ of $H_1$ "
                       "within each eigenspace of $H_0$ are simple (%s); the degenerate "
                       "condition was not needed.\n", how);
    }
    levels_table(rep, res);
    clusters_table(rep, res, N);
}

static void spacing(ng_report_t rep, const ng_engine_rho0_t res)
{
    const char *text = "smallest first-order level spacing within a sector";
    if (!res->have_spacing) {
        ng_report_none(rep, "min_level_spacing", text, NULL, "none (no two levels)");
        return;
    }
    ng_report_arb(rep, "min_level_spacing", text, NULL, res->spacing);
    {
        char *s = ng_report_latex_arb(res->spacing, rep->digits);
        ng_report_note(rep, NG_REPORT_LATEX,
                       "The smallest first-order level spacing within a sector is "
                       "$\\min|e^{(n)}_k - e^{(n)}_{k'}| = %s$.\n", s);
        flint_free(s);
    }
}

static void local_observables(ng_report_t rep, const ng_rho0_result_t r, const ng_model_t M)
{
    const ng_ring_struct *R = r->res->R;
    char *s = ng_report_elem_latex(r->res->obs->trace, rep->digits, R);
    ng_report_elem(rep, "trace", "Tr rho0", NULL, r->res->obs->trace, R);
    ng_report_note(rep, NG_REPORT_LATEX,
                   "\n\\paragraph{Local observables.} $\\operatorname{Tr}\\rho_0 = %s$; "
                   "$\\langle X\\rangle = \\operatorname{Tr}(X\\rho_0)$, "
                   "$t_l = -\\langle\\sigma^z_l\\rangle$ and $T_l = h/\\operatorname{artanh} "
                   "t_l$ (so that $t_l = \\tanh(h/T_l)$, Eq.~(100)).\n", s);
    flint_free(s);
    ng_engine_obs_report(rep, r->res->obs, M, R, r->prec, 1);
}

/* Eq. 103: ρ0 = ρ_LE(β1) ⊗ ρ_LE(β2) + (t2 − t1)/8 γ ρ^A + g σ^zz. */
static void eq103(ng_report_t rep, const ng_rho0_result_t r)
{
    const ng_ring_struct *R = r->res->R;
    if (!r->have_eq103)
        return;
    ng_report_note(rep, NG_REPORT_TEXT, "\nEq. 103:\n");
    ng_report_note(rep, NG_REPORT_LATEX,
                   "\n\\paragraph{Eq.~(103).} $\\rho_0 = \\rho_{\\mathrm{LE}}(\\beta_1) "
                   "\\otimes \\rho_{\\mathrm{LE}}(\\beta_2) + \\frac{t_2 - t_1}{8}\\gamma"
                   "\\rho^{\\mathrm{A}} + g\\sigma^{zz}$ with\n");
    ng_report_elem(rep, "g", "g", "g", r->g, R);
    ng_report_elem(rep, "rhoA_coefficient", "rhoA coefficient",
                   "\\frac{t_2 - t_1}{8}\\gamma = "
                   "\\frac{\\langle\\rho^{\\mathrm{A}}_{1,2}\\rangle}{8}", r->a, R);
}

static void contact_law_table(ng_report_t rep, const ng_rho0_result_t r)
{
    const ng_ring_struct *R = r->res->R;
    ng_report_table_t *T = ng_report_table(
        rep, "contact_law",
        "contact law J_nu^[2] = h Gamma_nu (t_e - t_nu), Gamma_nu = 2 c_nu "
        "((x_nu^x)^2 + (x_nu^y)^2)", NULL);
    ng_report_node_formats(T, NG_REPORT_TEXT | NG_REPORT_JSON);
    ng_report_column(T, "bath", "bath", NULL);
    ng_report_column(T, "Gamma", "Gamma_nu", NULL);
    ng_report_column(T, "h_Gamma_dt", "h Gamma_nu (t_e - t_nu)", NULL);
    for (int nu = 0; nu < 2; nu++) {
        ng_report_row(T);
        ng_report_cell_string(T, nu == 0 ? "L" : "R");
        ng_report_cell_elem(T, ng_vec_srcentry(r->gamma, nu, R), R);
        ng_report_cell_elem(T, ng_vec_srcentry(r->newton, nu, R), R);
    }
}

static void currents(ng_report_t rep, const ng_rho0_result_t r)
{
    static const char *const key[4] = {"J_L", "J_R", "Js_L", "Js_R"};
    static const char *const csv[4] = {"J2_L", "J2_R", "Js2_L", "Js2_R"};
    const ng_ring_struct *R = r->res->R;
    ng_report_node *g;
    char *s[2];
    ng_currents_report_begin(rep, "currents",
                             "coefficient of lambda^2 from rho0 (J_nu = lambda^2 "
                             "<D_nu^dag(H0)>_rho0 + O(lambda^3); bond currents need rho1: "
                             "nessgen series)",
                             "coefficients of $\\lambda^2$ from $\\rho_0$", r->J, R,
                             NG_CURRENTS_BATHS);
    g = rep->cur;
    for (slong i = 0; i < g->nchild; i++) /* CSV: the λ² coefficients on every row */
        for (int k = 0; k < 4; k++)
            if (g->child[i]->key != NULL && strcmp(g->child[i]->key, key[k]) == 0)
                ng_report_node_csv(g->child[i], csv[k]);
    ng_report_node_formats(ng_report_int(rep, "lambda_power", "power of lambda", NULL, 2),
                           NG_REPORT_JSON);
    contact_law_table(rep, r);
    ng_report_end(rep);
    for (int nu = 0; nu < 2; nu++)
        s[nu] = ng_report_elem_latex(ng_vec_srcentry(r->gamma, nu, R), rep->digits, R);
    ng_report_note(rep, NG_REPORT_LATEX,
                   "Here $J_\\nu = \\lambda^2\\langle\\mathcal{D}_\\nu^\\dagger(H_0)\\rangle"
                   " + O(\\lambda^3)$ is the heat current into the chain from bath $\\nu$ and "
                   "$J^s_\\nu$ the rate of change of $\\sum_l\\sigma^z_l$ it causes; "
                   "$J_\\nu = h\\Gamma_\\nu(t_{e_\\nu} - t_\\nu)$ with "
                   "$\\Gamma_\\nu = 2c_\\nu((x^x_\\nu)^2 + (x^y_\\nu)^2)$: "
                   "$\\Gamma_{L} = %s$, $\\Gamma_{R} = %s$.\n", s[0], s[1]);
    flint_free(s[0]);
    flint_free(s[1]);
}

void ng_rho0_result_report(ng_report_t rep, const ng_rho0_result_t r, const ng_model_t M)
{
    const ng_engine_rho0_struct *res = r->res;
    char text[160], latex[96];
    ng_report_node *n;
    snprintf(text, sizeof text, "rho0 for N = %d (%s values; route: %s)", M->N,
             res->exact ? "exact" : "certified ball", route_name(res->route));
    snprintf(latex, sizeof latex,
             "The zeroth-order NESS $\\rho_0$ for $N = %d$ spins (Sect.~III)", M->N);
    ng_report_title(rep, text, latex);
    route_notes(rep, res, M);
    structure_values(rep, res, M->N);
    structure(rep, res, M->N);
    spacing(rep, res);
    /* CSV: ρ0 is the λ → 0 limit; joins series and ness on (site, lambda) */
    n = ng_report_double(rep, "lambda", NULL, NULL, 0.0);
    ng_report_node_formats(n, NG_REPORT_CSV);
    ng_report_node_csv(n, "lambda");
    local_observables(rep, r, M);
    eq103(rep, r);
    ng_user_obs_report(rep, r->U, r->vals);
    currents(rep, r);
    ng_user_obs_report_csv(rep, r->U, r->vals);
}
