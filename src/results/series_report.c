/* The report of `nessgen series` (results.h): the terms ρ_0 … ρ_m of the
 * NESS, ρ = Σ λ^m ρ_m (Sect. III B, Eqs. 52, 55, 62; first order Eqs. 64–67),
 * their currents, and with --lambda their sum at that λ. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nessgen/results.h"

static void header_notes(ng_report_t rep, const ng_series_result_t r, const ng_model_t M)
{
    const ng_engine_series_struct *S = r->S;
    char *model = ng_model_get_latex_paragraph(M), *rule =
                                                       ng_report_latex_rounding_rule_str(
                                                           rep->digits);
    char *sp = ng_report_latex_arb(S->spacing, rep->digits);
    ng_report_note(rep, NG_REPORT_LATEX,
                   "%s\n\\paragraph{Route: \\texttt{%s}.} $\\rho = \\sum_m \\lambda^m\\rho_m$ "
                   "with $\\mathcal{Q}_0\\rho_m$ by Eq.~(52), $\\mathcal{Q}_1\\rho_m$ by "
                   "Eq.~(55) and $\\mathcal{P}_1\\rho_m$ by Eq.~(62), in the eigenbasis of "
                   "$H_1$ within each eigenspace of $H_0$ (Eqs.~(25)--(27)).  %s",
                   model, S->degenerate ? "cluster" : "eigen", rule);
    if (S->degenerate)
        ng_report_note(rep, NG_REPORT_LATEX,
                       "\n\\paragraph{Degenerate levels.} Some levels $e^{(n)}_k$ of $H_1$ "
                       "within an eigenspace of $H_0$ are degenerate (decided exactly): "
                       "$\\mathcal{P}_1$ keeps the coherences within each cluster of equal "
                       "levels ($\\dim\\mathrm{Im}\\,\\mathcal{P}_1 = %ld$) and "
                       "$\\mathcal{P}_1\\tilde{\\mathcal{L}}_2\\mathcal{P}_1 = "
                       "\\mathcal{P}_1[\\mathcal{L}_2 + i[H_2, \\cdot]]\\mathcal{P}_1$; the "
                       "smallest spacing between distinct levels within a sector is "
                       "$\\min|e^{(n)}_k - e^{(n)}_{k'}| = %s$.\n", (long)S->dim_p1, sp);
    else
        ng_report_note(rep, NG_REPORT_LATEX,
                       "\n\\paragraph{Simple levels.} The levels $e^{(n)}_k$ of $H_1$ within "
                       "each eigenspace of $H_0$ are simple (the series does not take the "
                       "degenerate path); the smallest first-order level spacing within a "
                       "sector is $\\min|e^{(n)}_k - e^{(n)}_{k'}| = %s$.\n", sp);
    flint_free(model);
    flint_free(rule);
    flint_free(sp);
}

static void checks_note(ng_report_t rep, const ng_engine_series_t S)
{
    char *tr = ng_report_latex_arb(S->max_trace, rep->digits),
         *ah = ng_report_latex_arb(S->max_antiherm, rep->digits);
    ng_report_note(rep, NG_REPORT_LATEX,
                   "Checks: $\\max_{m\\ge1}|\\operatorname{Tr}\\rho_m| = %s$ (zero by "
                   "Eq.~(63)), $\\max_m|\\rho_m - \\rho_m^\\dagger| = %s$ (zero: Hermitian).\n",
                   tr, ah);
    flint_free(tr);
    flint_free(ah);
}

/* U = Π_{l odd} Z_l maps L1 to −L1 (θ = π/2): odd orders of t_l vanish. */
static void symmetry_note(ng_report_t rep, int odd_symmetric)
{
    if (!odd_symmetric)
        return;
    ng_report_note(rep, NG_REPORT_TEXT,
                   "symmetry: U = prod_{l odd} Z_l maps L1 to -L1 and leaves L0, L2 and every "
                   "Z_l alone, so t_l is even in lambda: every odd-order correction "
                   "t_l^(2j+1) vanishes (and <rhoA>, <rhoB> vanish at even orders)\n");
    ng_report_note(rep, NG_REPORT_LATEX,
                   "\n\\paragraph{Symmetry.} $U = \\prod_{l\\ \\mathrm{odd}}\\sigma^z_l$ maps "
                   "$\\mathcal{L}_1$ to $-\\mathcal{L}_1$ and leaves $\\mathcal{L}_0$, "
                   "$\\mathcal{L}_2$ and every $\\sigma^z_l$ alone, so $U\\rho_mU^\\dagger = "
                   "(-1)^m\\rho_m$ and $t_l$ is even in $\\lambda$: every odd-order correction "
                   "of $t_l$ vanishes.\n");
}

static void header_values(ng_report_t rep, const ng_series_result_t r, int N)
{
    const ng_engine_series_struct *S = r->S;
    ng_report_node_formats(ng_report_int(rep, "N", "N", NULL, N), NG_REPORT_JSON);
    ng_report_node_formats(ng_report_int(rep, "order", "order", NULL, S->order),
                           NG_REPORT_JSON);
    ng_report_string(rep, "route", "route", NULL, S->degenerate ? "cluster" : "eigen");
    ng_report_bool(rep, "degenerate", "degenerate levels of P0 H1 P0 (decided exactly)",
                   NULL, S->degenerate);
    if (S->degenerate)
        ng_report_note(rep, NG_REPORT_TEXT,
                       "degenerate levels (decided exactly): Im P1 holds the coherences within "
                       "each cluster of equal levels, dim Im P1 = %ld; P1 rho_m from "
                       "P1 [L2 + i[H_2, .]] P1\n", (long)S->dim_p1);
    ng_report_int(rep, "dim_im_p1", "dim Im P1", NULL, S->dim_p1);
    ng_report_node_formats(ng_report_bool(rep, "exact", "exact", NULL, 0), NG_REPORT_JSON);
    ng_report_int(rep, "precision_bits", "precision (bits)", NULL, S->prec);
    ng_report_arb(rep, "min_level_spacing",
                  S->degenerate ? "smallest spacing between distinct levels within a sector"
                                : "smallest first-order level spacing within a sector",
                  NULL, S->spacing);
    ng_report_arb(rep, "max_abs_trace", "max_{m>=1} |Tr rho_m| (0 by Eq. 63)", NULL,
                  S->max_trace);
    ng_report_arb(rep, "max_antihermitian", "max |rho_m - rho_m^dagger| (0: Hermitian)", NULL,
                  S->max_antiherm);
    ng_report_bool(rep, "odd_orders_of_t_vanish", "odd orders of t_l vanish (symmetry)", NULL,
                   r->odd_symmetric);
}

/* The CSV's lambda and m columns of a block (ρ_m: m set; the sum: lambda set). */
static void csv_key(ng_report_t rep, const char *name, double x, int have)
{
    ng_report_node *n = have ? ng_report_double(rep, name, NULL, NULL, x)
                             : ng_report_none(rep, name, NULL, NULL, NULL);
    ng_report_node_formats(n, NG_REPORT_CSV);
    ng_report_node_csv(n, name);
}

static void order_group(ng_report_t rep, const ng_series_result_t r, const ng_model_t M, int m)
{
    const ng_ring_struct *R = r->S->R;
    const ng_engine_obs_struct *O = r->S->obs + m;
    char head[64], *tr = ng_report_elem_latex(O->trace, rep->digits, R);
    ng_report_node *n;
    snprintf(head, sizeof head, "\n== order %d: rho_%d ==\n", m, m);
    ng_report_begin_group(rep, NULL, head, NULL);
    csv_key(rep, "lambda", 0.0, 0);
    n = ng_report_int(rep, "m", "m", NULL, m);
    ng_report_node_formats(n, NG_REPORT_JSON | NG_REPORT_CSV);
    ng_report_node_csv(n, "m");
    ng_report_note(rep, NG_REPORT_LATEX,
                   "\n\\subsection*{Order %d: $\\rho_{%d}$}\n$\\operatorname{Tr}\\rho_{%d} = "
                   "%s$; here $\\langle X\\rangle = \\operatorname{Tr}(X\\rho_{%d})$ and "
                   "$t_l = -\\langle\\sigma^z_l\\rangle$%s.\n",
                   m, m, m, tr, m,
                   m == 0 ? ", $T_l = h/\\operatorname{artanh} t_l$"
                          : " ($T_l$ only for $\\rho_0$: the other terms are corrections, "
                            "not states)");
    flint_free(tr);
    ng_report_elem(rep, "trace", "Tr rho_m", NULL, O->trace, R);
    ng_engine_obs_report(rep, O, M, R, FLINT_MAX(r->S->prec, 4 * rep->digits + 64), m == 0);
    ng_user_obs_report(rep, r->U, r->vals + m);
    ng_user_obs_report_csv(rep, r->U, r->vals + m);
    if (m >= 1)
        ng_report_note(rep, NG_REPORT_LATEX,
                       "Eq.~(150) is derived for $\\rho_0$ (from "
                       "$\\mathcal{P}_0\\mathcal{L}_1\\rho_0 = 0$); for $\\rho_{%d}$ its two "
                       "sides are printed for comparison only and need not agree.\n", m);
    ng_report_end(rep);
}

static void currents_list(ng_report_t rep, const ng_series_result_t r)
{
    ng_report_note(rep, NG_REPORT_TEXT,
                   "\n== currents: coefficients of lambda^p (J_nu from rho_{p-2}, rho_{p-3}; "
                   "bond currents from rho_{p-1}, rho_{p-2}) ==\n");
    ng_report_note(
        rep, NG_REPORT_LATEX,
        "\n\\subsection*{Currents}\nThe heat current into the chain from bath $\\nu$ is "
        "$J_\\nu = \\lambda^2\\operatorname{Tr}(H_S\\mathcal{D}_\\nu\\rho)$ with $H_S = "
        "H_0 + \\lambda H_1$; $J^s_\\nu$ is the rate of change of $\\sum_l\\sigma^z_l$ "
        "it causes; $j_l = i[h_{l-1}, h_l]$ is the energy current through site $l$ "
        "between the bond energies $h_b = \\lambda H_I(b,b+1) + \\frac{h}{2}"
        "(\\sigma^z_b + \\sigma^z_{b+1})$, and $j^s_{b,b+1} = \\lambda\\frac{i}{2}"
        "[H_I(b,b+1), \\sigma^z_{b+1} - \\sigma^z_b]$ the spin current on a bond.  "
        "Their coefficients of $\\lambda^p$:\n");
    ng_report_begin_list(rep, "currents");
    for (int p = 1; p <= r->S->order + 1; p++) {
        char text[32], latex[32];
        snprintf(text, sizeof text, "lambda^%d", p);
        snprintf(latex, sizeof latex, "$\\lambda^{%d}$", p);
        ng_currents_report_begin(rep, NULL, text, latex, r->J + p - 1, r->S->R,
                                 NG_CURRENTS_BATHS | NG_CURRENTS_BONDS);
        ng_report_node_formats(ng_report_int(rep, "lambda_power", "power of lambda", NULL, p),
                               NG_REPORT_JSON);
        ng_report_end(rep);
    }
    ng_report_end(rep);
}

/* {"given": text, "value": ball, plus "exact": "p/q" for a rational λ}. */
static json_t *lambda_json(const ng_series_result_t r, slong digits)
{
    json_t *v = ng_report_json_elem(r->lambda, digits, r->S->R, NULL, "lambda");
    ng_expr *e;
    fmpq_t q;
    fmpq_init(q);
    if (ng_expr_parse(&e, r->lambda_text, "--lambda") == NG_OK) {
        if (ng_expr_get_fmpq(q, e) == NG_OK && json_is_object(v)) {
            char *s = fmpq_get_str(NULL, 10, q);
            json_object_set_new(v, "exact", json_string(s));
            flint_free(s);
        }
        ng_expr_free(e);
    }
    ng_error_clear();
    fmpq_clear(q);
    return json_pack("{s:s,s:o}", "given", r->lambda_text, "value", v);
}

/* "\rho = \rho_0 + \lambda\rho_1 + \dots + \lambda^{m}\rho_{m}" with λ as given. */
static char *sum_heading_latex(const ng_series_result_t r)
{
    int m = r->S->order;
    ng_expr *e;
    char *lam, *s, tail[64] = "";
    size_t len;
    if (ng_expr_parse(&e, r->lambda_text, "--lambda") == NG_OK) {
        lam = ng_expr_get_latex_value(e);
        ng_expr_free(e);
    } else { /* parsed before: cannot fail */
        ng_error_clear();
        lam = strcpy(flint_malloc(2), "?");
    }
    if (m >= 2)
        snprintf(tail, sizeof tail, " + \\lambda^{%d}\\rho_{%d}", m, m);
    len = strlen(lam) + strlen(tail) + 128;
    s = flint_malloc(len);
    snprintf(s, len, "\n\\subsection*{The sum at $\\lambda = %s$: $\\rho = \\rho_0%s%s%s$}\n", lam,
             m >= 1 ? " + \\lambda\\rho_1" : "", m >= 3 ? " + \\dots" : "", tail);
    flint_free(lam);
    return s;
}

static void sum_group(ng_report_t rep, const ng_series_result_t r, const ng_model_t M)
{
    const ng_ring_struct *R = r->S->R;
    char *head = sum_heading_latex(r), *tr = ng_report_elem_latex(r->sum->trace, rep->digits, R);
    char text[128];
    snprintf(text, sizeof text,
             "\n== sum at lambda = %s: rho_0 + lambda rho_1 + ... + lambda^%d rho_%d ==\n",
             r->lambda_text, r->S->order, r->S->order);
    ng_report_begin_group(rep, NULL, text, head);
    csv_key(rep, "lambda", ng_elem_get_d(r->lambda, R), 1);
    csv_key(rep, "m", 0.0, 0);
    ng_report_json(rep, "lambda", lambda_json(r, rep->digits));
    ng_report_note(rep, NG_REPORT_LATEX,
                   "$\\operatorname{Tr}\\rho = %s$; here $\\langle X\\rangle = "
                   "\\operatorname{Tr}(X\\rho)$, $t_l = -\\langle\\sigma^z_l\\rangle$ and "
                   "$T_l = h/\\operatorname{artanh} t_l$.\n", tr);
    ng_report_elem(rep, "trace", "Tr rho", NULL, r->sum->trace, R);
    ng_engine_obs_report(rep, r->sum, M, R, FLINT_MAX(r->S->prec, 4 * rep->digits + 64), 1);
    ng_report_note(rep, NG_REPORT_LATEX,
                   "At finite $\\lambda$ the two sides of Eq.~(150) agree only up to "
                   "$O(\\lambda)$: it holds for $\\rho_0$.\n");
    ng_user_obs_report(rep, r->U, r->sum_vals);
    ng_user_obs_report_csv(rep, r->U, r->sum_vals);
    ng_currents_report_begin(rep, "currents",
                             "at the sum (J_nu = lambda^2 <D_nu^dag(H0 + lambda H1)>, j = "
                             "i[h_{l-1}, h_l] with the bond energies h_b, js = lambda (i/2)"
                             "[H_I(b,b+1), Z_{b+1} - Z_b])",
                             "values at the sum", r->sum_J, R,
                             NG_CURRENTS_BATHS | NG_CURRENTS_BONDS);
    ng_report_end(rep);
    ng_report_end(rep);
    flint_free(head);
    flint_free(tr);
}

static json_t *truncation_json(const ng_series_result_t r, slong digits)
{
    const ng_series_truncation *T = &r->trunc;
    json_t *j = json_object(), *t = json_array();
    for (int k = 0; k <= r->S->order; k++)
        json_array_append_new(t, json_real(T->tmax[k]));
    json_object_set_new(j, "digits", json_integer(digits));
    json_object_set_new(j, "max_abs_t", t);
    json_object_set_new(j, "next_term_estimate",
                        isfinite(T->next) ? json_real(T->next) : json_null());
    json_object_set_new(j, "lambda_max",
                        isfinite(T->lambda_max) ? json_real(T->lambda_max) : json_null());
    json_object_set_new(j, "error_estimate_at_lambda",
                        r->have_sum && isfinite(T->next)
                            ? json_real(T->next * pow(ng_elem_get_d(r->lambda, r->S->R),
                                                      r->S->order + 1))
                            : json_null());
    return j;
}

static void truncation(ng_report_t rep, const ng_series_result_t r)
{
    const ng_series_truncation *T = &r->trunc;
    int m = r->S->order;
    char buf[24 * 22] = "", *p = buf;
    for (int k = 0; k <= m; k++)
        p += sprintf(p, " %.2g", T->tmax[k]);
    ng_report_json(rep, "truncation", truncation_json(r, rep->digits));
    if (!isfinite(T->lambda_max)) {
        ng_report_note(rep, NG_REPORT_TEXT,
                       "\ntruncation: max_l |t_m| =%s; no growth to extrapolate at order %d "
                       "(use --order >= 1 for the lambda range)\n", buf, m);
        return;
    }
    ng_report_note(rep, NG_REPORT_TEXT,
                   "\ntruncation: max_l |t_m| =%s\n            the sum to order %d is accurate "
                   "to about 1e-%ld in t_l for lambda <= %.2g\n            (next term ~ %.2g "
                   "lambda^%d, extrapolated from the growth of the terms)\n",
                   buf, m, (long)rep->digits, T->lambda_max, T->next, m + 1);
    if (r->have_sum)
        ng_report_note(rep, NG_REPORT_TEXT,
                       "            estimated truncation error at the given lambda: %.2g\n",
                       T->next * pow(ng_elem_get_d(r->lambda, r->S->R), m + 1));
}

static void title(ng_report_t rep, const ng_engine_series_t S, int N)
{
    char text[192], terms[48], latex[160];
    snprintf(text, sizeof text,
             "series rho = sum_m lambda^m rho_m, m = 0..%d, for N = %d (certified balls at "
             "%ld bits; %s levels of P0 H1 P0; Eqs. 52, 55, 62)",
             S->order, N, (long)S->prec, S->degenerate ? "degenerate" : "simple");
    if (S->order == 0)
        snprintf(terms, sizeof terms, "term $\\rho_0$");
    else
        snprintf(terms, sizeof terms, "terms $\\rho_0, %s\\rho_{%d}$",
                 S->order >= 2 ? "\\dots, " : "", S->order);
    snprintf(latex, sizeof latex,
             "The series %s of the NESS for $N = %d$ spins (Sect.~III\\,B)", terms, N);
    ng_report_title(rep, text, latex);
}

void ng_series_result_report(ng_report_t rep, const ng_series_result_t r, const ng_model_t M)
{
    title(rep, r->S, M->N);
    header_notes(rep, r, M);
    checks_note(rep, r->S);
    header_values(rep, r, M->N);
    symmetry_note(rep, r->odd_symmetric);
    ng_report_begin_list(rep, "orders");
    for (int m = 0; m <= r->S->order; m++)
        order_group(rep, r, M, m);
    ng_report_end(rep);
    currents_list(rep, r);
    /* the sum at each λ given (DESIGN §4: a list, empty without --lambda) */
    ng_report_begin_list(rep, "results");
    if (r->have_sum)
        sum_group(rep, r, M);
    ng_report_end(rep);
    truncation(rep, r);
}
