/* nessgen rho0: the zeroth-order NESS for N spins (Sect. III, Eqs. 45–47; the
 * degenerate condition of Eqs. 24, 41–43 where needed) and its local
 * observables (Sect. IV C, Eq. 150), exact or certified, as text, JSON, CSV
 * or a LaTeX document. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_extra.h"
#include "cli_obs.h"
#include "nessgen/engine.h"

/* What ρ0 gives beyond the fixed observables: the --observable values and
 * the λ² coefficients of the currents, J_ν^[2] = ⟨D_ν†(H0)⟩_ρ0, with the
 * contact law h Γ_ν (t_e − t_ν) it equals (observable.h). */
typedef struct {
    cli_user_obs U;
    cli_values vals;
    ng_current_values_t J;
    ng_ptr gamma, newton; /* 2 entries each, in res->R */
} extras_t;

static ng_status extras_compute(extras_t *X, const ng_model_t M, const ng_engine_rho0_t res,
                                slong prec)
{
    const ng_ring_struct *R = res->R;
    int N = M->N;
    slong n = ng_currents_nraw(N);
    cli_currents C;
    ng_ptr raw = ng_vec_init(n, R), g = ng_elem_new(M->R);
    ng_status st = cli_user_obs_eval(&X->vals, &X->U, N, ng_engine_rho0_expect, res, R, prec);
    cli_currents_init(&C, M);
    ng_current_values_init(X->J, N, R);
    X->gamma = ng_vec_init(2, R);
    X->newton = ng_vec_init(2, R);
    if (st == NG_OK)
        st = ng_currents_raw_baths(raw, C.C, M->R, ng_engine_rho0_expect, res, R);
    if (st == NG_OK)
        ng_current_values_order(X->J, raw, 0, 2, R); /* bonds need ρ1: not here */
    for (int nu = 0; nu < 2 && st == NG_OK; nu++) {
        ng_ptr gn = ng_vec_entry(X->gamma, nu, R), w = ng_vec_entry(X->newton, nu, R);
        ng_ptr t = ng_elem_new(R);
        ng_currents_contact_rate(g, M, nu);
        ng_observable_convert(gn, g, M->R, R);
        ng_observable_convert(t, M->t[nu], M->R, R);
        ng_elem_sub(w, ng_vec_srcentry(res->obs->t, nu == 0 ? 0 : N - 1, R), t, R);
        ng_elem_mul(w, w, gn, R);
        ng_observable_convert(t, M->h, M->R, R);
        ng_elem_mul(w, w, t, R);
        ng_elem_free(t, R);
    }
    ng_elem_free(g, M->R);
    ng_vec_clear(raw, n, R);
    cli_currents_clear(&C);
    return st;
}

static void extras_clear(extras_t *X, const ng_ring_t R)
{
    cli_values_clear(&X->vals);
    ng_current_values_clear(X->J, R);
    ng_vec_clear(X->gamma, 2, R);
    ng_vec_clear(X->newton, 2, R);
    cli_user_obs_clear(&X->U);
}

static const char currents_title[] =
    "coefficient of lambda^2 from rho0 (J_nu = lambda^2 <D_nu^dag(H0)>_rho0 + O(lambda^3); "
    "bond currents need rho1: nessgen series)";

static void contact_text(FILE *out, const extras_t *X, const ng_ring_t R, slong dg)
{
    static const char *const nm[2] = {"L", "R"};
    fprintf(out, "  contact law J_nu^[2] = h Gamma_nu (t_e - t_nu), Gamma_nu = 2 c_nu "
                 "((x_nu^x)^2 + (x_nu^y)^2):\n");
    for (int nu = 0; nu < 2; nu++) {
        fprintf(out, "    Gamma_%s = ", nm[nu]);
        cli_put_elem(out, "%s, ", ng_vec_srcentry(X->gamma, nu, R), dg, R);
        fprintf(out, "h Gamma_%s (t_%s - t_%s) = ", nm[nu], nu == 0 ? "1" : "N", nm[nu]);
        cli_put_elem(out, "%s\n", ng_vec_srcentry(X->newton, nu, R), dg, R);
    }
}

static const char *route_name(const ng_engine_rho0_t res)
{
    return res->route == NG_ENGINE_EIGEN     ? "eigen (rate equation, Eq. 47)"
           : res->route == NG_ENGINE_CLUSTER ? "cluster (P1 [L2 + i[H_2, .]] P1 rho0 = 0)"
                                             : "commutant (Eqs. 24, 41-43)";
}

/* The cluster structure of P0 H1 P0 (engine.h): how each sector's
 * eigenspaces were obtained. */
static const char *basis_name(int basis)
{
    return basis == NG_ENGINE_BASIS_EXACT ? "exact"
           : basis == NG_ENGINE_BASIS_QR  ? "qr"
                                          : "refined";
}

static json_t *clusters_json(const ng_engine_rho0_t res)
{
    json_t *a = json_array();
    for (slong k = 0; k < res->nsectors; k++) {
        const ng_engine_sector_info *si = res->sectors + k;
        json_array_append_new(a, json_pack("{s:i,s:I,s:I,s:I,s:s}", "sector", si->sector, "dim",
                                           (json_int_t)si->dim, "levels",
                                           (json_int_t)si->ndistinct, "max_multiplicity",
                                           (json_int_t)si->maxmult, "basis",
                                           basis_name(si->basis)));
    }
    return a;
}

static const char *basis_description(int basis)
{
    return basis == NG_ENGINE_BASIS_EXACT ? "exact characteristic polynomial"
           : basis == NG_ENGINE_BASIS_QR  ? "certified bases, QR at full precision"
                                          : "certified bases, refined doubles";
}

/* The same table as clusters_text, as a LaTeX fragment. */
static void clusters_latex(FILE *out, const ng_engine_rho0_t res, int N)
{
    if (res->nsectors == 0)
        return;
    fprintf(out, "\n\\paragraph{Cluster structure of $\\mathcal{P}_0 H_1 \\mathcal{P}_0$.} "
                 "Per sector ($k$ down spins, magnetisation $M = N - 2k$): its dimension, "
                 "the number of distinct levels of $H_1$, the largest multiplicity, and "
                 "how the eigenspaces were obtained.\n\n"
                 "\\begin{tabular}{rrrrrl}\n\\hline\n"
                 "$k$ & $M$ & dim & levels & max.\\ mult. & eigenspaces\\\\\n\\hline\n");
    for (slong k = 0; k < res->nsectors; k++) {
        const ng_engine_sector_info *si = res->sectors + k;
        fprintf(out, "%d & $%d$ & %ld & %ld & %ld & %s\\\\\n", si->sector,
                N - 2 * si->sector, (long)si->dim, (long)si->ndistinct, (long)si->maxmult,
                basis_description(si->basis));
    }
    fprintf(out, "\\hline\n\\end{tabular}\n");
}

static void clusters_text(FILE *out, const ng_engine_rho0_t res, int N)
{
    if (res->nsectors == 0)
        return;
    fprintf(out, "cluster structure of P0 H1 P0 (sector k = down spins: dimension, distinct "
                 "levels, largest multiplicity, eigenspaces):\n");
    for (slong k = 0; k < res->nsectors; k++) {
        const ng_engine_sector_info *si = res->sectors + k;
        fprintf(out, "  k = %d (magnetization %+d): %ld, %ld, %ld, %s\n", si->sector,
                N - 2 * si->sector, (long)si->dim, (long)si->ndistinct, (long)si->maxmult,
                basis_description(si->basis));
    }
}

static void write_json(cli_t *cli, const ng_model_t M, const ng_engine_rho0_t res,
                       const extras_t *X)
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
        json_array_append_new(
            levels, json_pack("{s:i,s:i,s:I,s:I,s:o,s:s}", "magnetization",
                              res->levels[i].magnetisation, "sector", res->levels[i].sector,
                              "index", (json_int_t)res->levels[i].index, "multiplicity",
                              (json_int_t)res->levels[i].multiplicity, "e",
                              cli_ball_json(res->levels[i].value, dg, prec), "basis",
                              basis_name(res->levels[i].basis)));
    json_object_set_new(doc, "degenerate_levels", levels);
    json_object_set_new(doc, "clusters", clusters_json(res));
    json_object_set_new(doc, "min_level_spacing",
                        res->have_spacing ? cli_ball_json(res->spacing, dg, prec) : json_null());
    json_object_set_new(doc, "trace", ng_json_elem(res->obs->trace, dg, R));
    cli_obs_json(doc, res->obs, M, R, dg, prec, 1);
    if (N == 2) {
        ng_ptr g = ng_elem_new(R), a = ng_elem_new(R);
        ng_engine_rho0_eq103(g, a, res);
        json_object_set_new(doc, "g", ng_json_elem(g, dg, R));
        json_object_set_new(doc, "rhoA_coefficient", ng_json_elem(a, dg, R));
        ng_elem_free(g, R);
        ng_elem_free(a, R);
    }
    cli_user_obs_json(doc, &X->U, &X->vals, dg);
    {
        json_t *c = cli_currents_json(X->J, R, dg, CLI_CURRENTS_BATHS), *law = json_array();
        for (int nu = 0; nu < 2; nu++)
            json_array_append_new(
                law, json_pack("{s:s,s:o,s:o}", "bath", nu == 0 ? "L" : "R", "Gamma",
                               ng_json_elem(ng_vec_srcentry(X->gamma, nu, R), dg, R),
                               "h_Gamma_dt", ng_json_elem(ng_vec_srcentry(X->newton, nu, R), dg, R)));
        json_object_set_new(c, "lambda_power", json_integer(2));
        json_object_set_new(c, "contact_law", law);
        json_object_set_new(doc, "currents", c);
    }
    ng_report_json_write(cli->out, doc);
    json_decref(doc);
}

static void write_text(cli_t *cli, const ng_model_t M, const ng_engine_rho0_t res,
                       const extras_t *X)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = res->R;
    slong dg = cli->digits, prec = FLINT_MAX(res->prec, 4 * dg + 64);
    int N = M->N;
    if (cli->format == NG_FORMAT_CSV) {
        /* one table: the state-wide values (currents at λ², --observable) repeat on
         * every row */
        char *line = NULL, *suffix = NULL;
        size_t len = 0, slen = 0;
        FILE *rows = open_memstream(&line, &len), *suf = open_memstream(&suffix, &slen);
        /* lambda = 0: ρ0 is the λ → 0 limit; joins series and ness on (site, lambda) */
        fprintf(out, "lambda,");
        cli_obs_csv_header(out, 1);
        fprintf(out, ",J2_L_mid,J2_L_rad,J2_R_mid,J2_R_rad,Js2_L_mid,Js2_L_rad,Js2_R_mid,"
                     "Js2_R_rad");
        cli_user_obs_csv_header(out, &X->U, 1);
        fputc('\n', out);
        cli_obs_csv(rows, "0,", res->obs, M, R, dg, prec, 1);
        fclose(rows);
        for (int nu = 0; nu < 2; nu++) {
            fputc(',', suf);
            ng_report_csv_elem(suf, ng_vec_srcentry(X->J->J, nu, R), R);
        }
        for (int nu = 0; nu < 2; nu++) {
            fputc(',', suf);
            ng_report_csv_elem(suf, ng_vec_srcentry(X->J->Js, nu, R), R);
        }
        cli_user_obs_csv(suf, &X->U, &X->vals, dg);
        fclose(suf);
        cli_csv_with_suffix(out, line, suffix);
        free(suffix);
        free(line);
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
            fprintf(out, "  magnetization %+d (sector %d, level %ld): e = %s, multiplicity %ld\n",
                    res->levels[i].magnetisation, res->levels[i].sector,
                    (long)res->levels[i].index, s, (long)res->levels[i].multiplicity);
            flint_free(s);
        }
    } else {
        fprintf(out, "P0 H1 P0 has simple levels (%s)\n",
                res->route == NG_ENGINE_EIGEN ? "certified by the eigen-solver"
                                              : "decided exactly");
    }
    clusters_text(out, res, N);
    if (res->have_spacing) {
        char *s = cli_ball_str(res->spacing, dg);
        fprintf(out, "smallest first-order level spacing within a sector: %s\n", s);
        flint_free(s);
    }
    cli_put_elem(out, "Tr rho0 = %s\n\n", res->obs->trace, dg, R);
    cli_obs_text(out, res->obs, M, R, dg, prec, 1);
    if (N == 2) {
        ng_ptr g = ng_elem_new(R), a = ng_elem_new(R);
        ng_engine_rho0_eq103(g, a, res);
        fprintf(out, "\nEq. 103: ");
        cli_put_elem(out, "g = %s, ", g, dg, R);
        cli_put_elem(out, "rhoA coefficient = %s\n", a, dg, R);
        ng_elem_free(g, R);
        ng_elem_free(a, R);
    }
    if (X->U.n > 0)
        fputc('\n', out);
    cli_user_obs_text(out, &X->U, &X->vals, dg);
    fputc('\n', out);
    cli_currents_text(out, currents_title, X->J, R, dg, CLI_CURRENTS_BATHS);
    contact_text(out, X, R, dg);
}

/* "M = +2", "M = 0": a magnetisation sector as the kernel document writes it. */
static void put_sector(FILE *out, int m)
{
    if (m == 0)
        fprintf(out, "$M = 0$");
    else
        fprintf(out, "$M = %+d$", m);
}

static void write_latex(cli_t *cli, const ng_model_t M, const ng_engine_rho0_t res,
                        const extras_t *X)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = res->R;
    slong dg = cli->digits, prec = FLINT_MAX(res->prec, 4 * dg + 64);
    int N = M->N;
    char title[96];
    snprintf(title, sizeof title,
             "The zeroth-order NESS $\\rho_0$ for $N = %d$ spins (Sect.~III)", N);
    ng_report_latex_begin(out, cli->standalone, title, cli->command_line);
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
    ng_report_latex_rounding_rule(out, dg);
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
        clusters_latex(out, res, N);
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
        ng_engine_rho0_eq103(g, a, res);
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
    cli_user_obs_latex(out, &X->U, &X->vals, dg);
    cli_currents_latex(out, "coefficients of $\\lambda^2$ from $\\rho_0$", X->J, R, dg,
                       CLI_CURRENTS_BATHS);
    fprintf(out,
            "Here $J_\\nu = \\lambda^2\\langle\\mathcal{D}_\\nu^\\dagger(H_0)\\rangle"
            " + O(\\lambda^3)$ is the heat current into the chain from bath $\\nu$ and "
            "$J^s_\\nu$ the rate of change of $\\sum_l\\sigma^z_l$ it causes; "
            "$J_\\nu = h\\Gamma_\\nu(t_{e_\\nu} - t_\\nu)$ with "
            "$\\Gamma_\\nu = 2c_\\nu((x^x_\\nu)^2 + (x^y_\\nu)^2)$: ");
    for (int nu = 0; nu < 2; nu++) {
        fprintf(out, "$\\Gamma_{%s} = ", nu == 0 ? "L" : "R");
        cli_put_elem_latex(out, ng_vec_srcentry(X->gamma, nu, R), dg, R);
        fprintf(out, "$%s", nu == 0 ? ", " : ".\n");
    }
    ng_report_latex_end(out, cli->standalone);
}

int cmd_rho0(cli_t *cli)
{
    ng_model_t M;
    ng_engine_opts o;
    ng_engine_rho0_t res;
    extras_t X;
    ng_status st;
    int status;

    status = cli_resolve_model(cli, M, "tilted-ising", 2);
    if (status != CLI_OK)
        return status;
    if ((cli->format == NG_FORMAT_PYTHON || cli->format == NG_FORMAT_C) &&
        M->R->kind != NG_QQ_PARAMS) {
        fprintf(stderr, "nessgen rho0: --format %s: writes closed forms; give at least "
                        "one free name (e.g. --theta theta)\n", ng_format_name(cli->format));
        ng_model_clear(M);
        return CLI_EUSAGE;
    }
    if (cli->max_cpu > 0 && M->R->kind != NG_QQ_PARAMS) {
        fprintf(stderr, "nessgen rho0: --max-cpu: limits closed forms; give at least one "
                        "free name (e.g. --theta theta)\n");
        ng_model_clear(M);
        return CLI_EUSAGE;
    }
    if (M->R->kind == NG_QQ_PARAMS) {
        if (cli->nobservables > 0) {
            fprintf(stderr, "nessgen rho0: --observable: not available for closed forms (free "
                            "names in the model); give values for every parameter\n");
            status = CLI_EUSAGE;
        } else {
            status = cmd_rho0_closed(cli, M);
        }
        ng_model_clear(M);
        return status;
    }
    if ((status = cli_user_obs_init(&X.U, cli, M->N)) != CLI_OK) {
        ng_model_clear(M);
        return status;
    }
    ng_engine_opts_init(&o);
    o.digits = cli->digits + (cli->format == NG_FORMAT_LATEX ? CLI_LATEX_GUARD_DIGITS : 0);
    o.keep_state = 1; /* ρ0 for --observable and the currents (no memory beyond the run's) */
    o.progress = M->N >= 10 && isatty(STDERR_FILENO) ? stderr : NULL;
    st = ng_engine_rho0_check_size(M->N, &o, cli_memory_budget());
    /* measured: N = 10 in 1.6 s CPU with simple levels; the cluster route
     * (degenerate levels, found only once the run has started) 7.3 s at
     * N = 10 and 76 s at N = 11 (bench/RESULTS.md, issues 12 and 15) */
    if (st == NG_OK && M->N >= 11) {
        char what[192];
        snprintf(what, sizeof what,
                 "rho0 for N = %d (2^N = %ld states), %ld digits; the figures are for simple "
                 "levels (degenerate levels take about 5-10x the time and memory)",
                 M->N, (long)(WORD(1) << M->N), (long)o.digits);
        cli_announce(cli, what, ng_engine_rho0_bytes(M->N, &o), 1.6, 10, 4.2, M->N);
    }
    if (st != NG_OK) {
        cli_user_obs_clear(&X.U);
        ng_model_clear(M);
        return cli_fail(cli, st);
    }
    st = ng_engine_rho0(res, M, &o);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
        cli_user_obs_clear(&X.U);
        ng_engine_rho0_clear(res);
        ng_model_clear(M);
        return status;
    }
    if (res->state == NULL) { /* a route that did not keep ρ0 (internal.h): report it */
        cli_user_obs_clear(&X.U);
        ng_engine_rho0_clear(res);
        ng_model_clear(M);
        return cli_fail(cli, ng_error(NG_ECOMPUTE, "the route taken did not keep rho0 for "
                                                   "the observables and currents"));
    }
    st = extras_compute(&X, M, res, FLINT_MAX(res->prec, 4 * cli->digits + 64));
    if (st != NG_OK)
        status = cli_fail(cli, st);
    else if (cli->format == NG_FORMAT_JSON)
        write_json(cli, M, res, &X);
    else if (cli->format == NG_FORMAT_LATEX)
        write_latex(cli, M, res, &X);
    else
        write_text(cli, M, res, &X);
    extras_clear(&X, res->R);
    ng_engine_rho0_clear(res);
    ng_model_clear(M);
    return status;
}
