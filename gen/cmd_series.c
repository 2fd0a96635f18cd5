/* nessgen series: the local observables of the series terms ρ_0 … ρ_m of the
 * NESS, ρ = Σ λ^m ρ_m (Sect. III B, Eqs. 52, 55, 62; first order Eqs. 64–67),
 * certified, and with --lambda their sum at that λ. */
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "cli_extra.h"
#include "cli_obs.h"
#include "nessgen/engine.h"

/* Beyond the fixed observables: the --observable values of each ρ_m, the
 * currents' coefficients of λ^p (p = 1 .. order + 1: J^[p] needs ρ_{p−2},
 * ρ_{p−3}, the bond currents ρ_{p−1}, ρ_{p−2}; observable.h) and, with --lambda,
 * both at the sum. */
typedef struct {
    cli_user_obs U;
    int order;
    cli_values *vals;            /* order + 1 */
    ng_current_values_struct *J; /* order + 1: J[p − 1] for λ^p */
    cli_values sum_vals;
    ng_current_values_t sum_J;
    int have_sum;
} extras_t;

static ng_status extras_compute(extras_t *X, const ng_model_t M, const ng_engine_series_t S,
                                ng_srcptr lambda)
{
    const ng_ring_struct *R = S->R;
    int N = M->N, order = S->order;
    slong n = ng_currents_nraw(N);
    cli_currents C;
    ng_ptr raw = ng_vec_init(n * (order + 1), R);
    ng_status st = NG_OK;
    cli_currents_init(&C, M);
    X->order = order;
    X->have_sum = lambda != NULL;
    X->vals = flint_malloc((order + 1) * sizeof(cli_values));
    X->J = flint_malloc((order + 1) * sizeof(ng_current_values_struct));
    for (int m = 0; m <= order; m++) {
        ng_engine_series_term tm = {S, m};
        ng_status s1 = cli_user_obs_eval(X->vals + m, &X->U, N, ng_engine_series_expect, &tm,
                                         R, S->prec);
        ng_status s2 = ng_currents_raw(ng_vec_entry(raw, m * n, R), C.C, M->R,
                                       ng_engine_series_expect, &tm, R);
        if (st == NG_OK)
            st = s1 != NG_OK ? s1 : s2;
        ng_current_values_init(X->J + m, N, R);
        ng_current_values_order(X->J + m, raw, order, m + 1, R);
    }
    if (lambda != NULL) {
        ng_ptr rs = ng_vec_init(n, R), t = ng_elem_new(R);
        cli_values_copy(&X->sum_vals, X->vals + order);
        for (int m = order - 1; m >= 0; m--)
            cli_values_horner(&X->sum_vals, X->vals + m, lambda);
        for (slong k = 0; k < n; k++) { /* Σ_m λ^m raw_m by Horner's rule */
            ng_ptr y = ng_vec_entry(rs, k, R);
            for (int m = order; m >= 0; m--) {
                ng_elem_mul(t, y, lambda, R);
                ng_elem_add(y, t, ng_vec_srcentry(raw, m * n + k, R), R);
            }
        }
        ng_current_values_init(X->sum_J, N, R);
        ng_current_values_at(X->sum_J, rs, lambda, R);
        ng_vec_clear(rs, n, R);
        ng_elem_free(t, R);
    }
    ng_vec_clear(raw, n * (order + 1), R);
    cli_currents_clear(&C);
    return st;
}

static void extras_clear(extras_t *X, const ng_ring_t R)
{
    for (int m = 0; m <= X->order; m++) {
        cli_values_clear(X->vals + m);
        ng_current_values_clear(X->J + m, R);
    }
    flint_free(X->vals);
    flint_free(X->J);
    if (X->have_sum) {
        cli_values_clear(&X->sum_vals);
        ng_current_values_clear(X->sum_J, R);
    }
    cli_user_obs_clear(&X->U);
}

static const char sum_title[] =
    "at the sum (J_nu = lambda^2 <D_nu^dag(H0 + lambda H1)>, j = i[h_{l-1}, h_l] with "
    "the bond energies h_b, js = lambda (i/2)[H_I(b,b+1), Z_{b+1} - Z_b])";

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "nessgen series: %s%s%s\nTry 'nessgen series --help'.\n", msg,
            arg ? " " : "", arg ? arg : "");
    return CLI_EUSAGE;
}

/* λ > 0 from its expression, as a ball of R (exact decimals stay exact). */
static int parse_lambda(ng_ptr lambda, const char *text, const ng_ring_t R)
{
    ng_expr *e;
    arb_t a;
    ng_status st;
    int ok;
    if (strchr(text, ',') != NULL)
        return usage("--lambda: expected one value (ness takes lists), got", text);
    if (ng_expr_parse(&e, text, "--lambda") != NG_OK) {
        fprintf(stderr, "nessgen series: %s\n", ng_error_message());
        return CLI_EUSAGE;
    }
    arb_init(a);
    st = ng_expr_eval(lambda, e, R);
    ok = st == NG_OK && ng_elem_get_arb(a, lambda, R->prec, R) && arb_is_positive(a);
    arb_clear(a);
    ng_expr_free(e);
    if (st != NG_OK) {
        fprintf(stderr, "nessgen series: %s\n", ng_error_message());
        return st == NG_EINPUT ? CLI_EUSAGE : CLI_ECOMPUTE;
    }
    return ok ? CLI_OK : usage("--lambda: expected a number > 0, got", text);
}

/* U = Π_{l odd} Z_l maps L1 to −L1 (θ = π/2): odd orders of t_l vanish. */
static const char odd_text[] =
    "U = prod_{l odd} Z_l maps L1 to -L1 and leaves L0, L2 and every Z_l alone, so t_l is "
    "even in lambda: every odd-order correction t_l^(2j+1) vanishes (and <rhoA>, <rhoB> "
    "vanish at even orders)";

static int odd_symmetric(const ng_model_t M)
{
    return ng_engine_odd_symmetry(M) == T_TRUE;
}

/* {"given": text, "value": ball, plus "exact": "p/q" for a rational λ}. */
static json_t *lambda_json(const char *text, ng_srcptr lambda, slong dg, const ng_ring_t R)
{
    json_t *v = ng_json_elem(lambda, dg, R);
    ng_expr *e;
    fmpq_t q;
    fmpq_init(q);
    if (ng_expr_parse(&e, text, "--lambda") == NG_OK) {
        if (ng_expr_get_fmpq(q, e) == NG_OK) {
            char *s = fmpq_get_str(NULL, 10, q);
            json_object_set_new(v, "exact", json_string(s));
            flint_free(s);
        }
        ng_expr_free(e);
    }
    fmpq_clear(q);
    return json_pack("{s:s,s:o}", "given", text, "value", v);
}

static json_t *obs_json(const ng_engine_obs_t O, const ng_model_t M, const ng_ring_t R,
                        slong dg, slong prec, int with_T)
{
    json_t *j = json_object();
    json_object_set_new(j, "trace", ng_json_elem(O->trace, dg, R));
    cli_obs_json(j, O, M, R, dg, prec, with_T);
    return j;
}

/* The λ range in which the truncated sum Σ_{m ≤ order} λ^m t_m is accurate
 * to the digits shown (10^{-d} in every t_l).  The truncation error is about
 * the next term, λ^{order+1} T_{order+1} with T_k = max_l |t_{k,l}|, and
 * T_{order+1} is extrapolated from the growth of the computed terms: T_order
 * times the larger of the last two ratios T_k / T_{k−1} (the ratios grow —
 * the series is asymptotic; tilted Ising N = 8: T_k ≈ 0.8, 0.7, 20, 1.7e4,
 * 1.7e8, 1.8e11 for k = 0..5).  NaN for order 0 (no growth to read). */
typedef struct {
    double tmax[21]; /* --order is at most 20 (cli_options.c) */
    double next;       /* estimate of T_{order+1} */
    double lambda_max; /* next λ^{order+1} = 10^{-d} */
} truncation_t;

static void truncation_range(truncation_t *r, const ng_engine_series_t S, slong digits)
{
    int m = S->order;
    for (int k = 0; k <= m; k++) {
        r->tmax[k] = 0.0;
        for (int l = 0; l < S->obs[k].N; l++)
            r->tmax[k] = fmax(r->tmax[k],
                              fabs(ng_elem_get_d(ng_vec_srcentry(S->obs[k].t, l, S->R), S->R)));
    }
    r->next = r->lambda_max = NAN;
    if (m >= 1 && r->tmax[m - 1] > 0.0) {
        double ratio = r->tmax[m] / r->tmax[m - 1];
        if (m >= 2 && r->tmax[m - 2] > 0.0)
            ratio = fmax(ratio, r->tmax[m - 1] / r->tmax[m - 2]);
        r->next = r->tmax[m] * ratio;
        if (r->next > 0.0)
            r->lambda_max = pow(pow(10.0, -(double)digits) / r->next, 1.0 / (m + 1));
    }
}

static json_t *truncation_json(const truncation_t *r, const ng_engine_series_t S, slong digits,
                               ng_srcptr lambda)
{
    json_t *j = json_object(), *t = json_array();
    for (int k = 0; k <= S->order; k++)
        json_array_append_new(t, json_real(r->tmax[k]));
    json_object_set_new(j, "digits", json_integer(digits));
    json_object_set_new(j, "max_abs_t", t);
    json_object_set_new(j, "next_term_estimate",
                        isfinite(r->next) ? json_real(r->next) : json_null());
    json_object_set_new(j, "lambda_max",
                        isfinite(r->lambda_max) ? json_real(r->lambda_max) : json_null());
    if (lambda != NULL && isfinite(r->next)) {
        double x = ng_elem_get_d(lambda, S->R);
        json_object_set_new(j, "error_estimate_at_lambda",
                            json_real(r->next * pow(x, S->order + 1)));
    } else {
        json_object_set_new(j, "error_estimate_at_lambda", json_null());
    }
    return j;
}

static void truncation_text(FILE *out, const truncation_t *r, const ng_engine_series_t S,
                            slong digits, ng_srcptr lambda)
{
    fprintf(out, "truncation: max_l |t_m| =");
    for (int k = 0; k <= S->order; k++)
        fprintf(out, " %.2g", r->tmax[k]);
    if (!isfinite(r->lambda_max)) {
        fprintf(out, "; no growth to extrapolate at order %d (use --order >= 1 for the lambda "
                     "range)\n",
                S->order);
        return;
    }
    fprintf(out, "\n            the sum to order %d is accurate to about 1e-%ld in t_l for "
                 "lambda <= %.2g\n            (next term ~ %.2g lambda^%d, extrapolated from "
                 "the growth of the terms)\n",
            S->order, (long)digits, r->lambda_max, r->next, S->order + 1);
    if (lambda != NULL)
        fprintf(out, "            estimated truncation error at the given lambda: %.2g\n",
                r->next * pow(ng_elem_get_d(lambda, S->R), S->order + 1));
}

static void write_json(cli_t *cli, const ng_model_t M, const ng_engine_series_t S,
                       ng_srcptr lambda, const ng_engine_obs_t sum, const extras_t *X)
{
    json_t *currents = json_array(), *s_obj = NULL;
    slong dg = cli->digits, prec = FLINT_MAX(S->prec, 4 * dg + 64);
    json_t *doc = cli_json_document(cli, M), *orders = json_array();
    json_object_set_new(doc, "N", json_integer(M->N));
    json_object_set_new(doc, "order", json_integer(S->order));
    json_object_set_new(doc, "route", json_string(S->degenerate ? "cluster" : "eigen"));
    json_object_set_new(doc, "degenerate", json_boolean(S->degenerate));
    json_object_set_new(doc, "dim_im_p1", json_integer(S->dim_p1));
    json_object_set_new(doc, "exact", json_false());
    json_object_set_new(doc, "precision_bits", json_integer(S->prec));
    json_object_set_new(doc, "min_level_spacing", cli_ball_json(S->spacing, dg, prec));
    json_object_set_new(doc, "max_abs_trace", cli_ball_json(S->max_trace, dg, prec));
    json_object_set_new(doc, "max_antihermitian", cli_ball_json(S->max_antiherm, dg, prec));
    json_object_set_new(doc, "odd_orders_of_t_vanish", json_boolean(odd_symmetric(M)));
    for (int m = 0; m <= S->order; m++) {
        json_t *o = json_pack("{s:i}", "m", m);
        json_object_update_new(o, obs_json(S->obs + m, M, S->R, dg, prec, m == 0));
        cli_user_obs_json(o, &X->U, X->vals + m, dg);
        json_array_append_new(orders, o);
    }
    json_object_set_new(doc, "orders", orders);
    for (int p = 1; p <= S->order + 1; p++) {
        json_t *c = cli_currents_json(X->J + p - 1, S->R, dg, CLI_CURRENTS_BATHS | CLI_CURRENTS_BONDS);
        json_object_set_new(c, "lambda_power", json_integer(p));
        json_array_append_new(currents, c);
    }
    json_object_set_new(doc, "currents", currents);
    if (lambda != NULL) {
        s_obj = json_pack("{s:o}", "lambda", lambda_json(cli->lambda, lambda, dg, S->R));
        json_object_update_new(s_obj, obs_json(sum, M, S->R, dg, prec, 1));
        cli_user_obs_json(s_obj, &X->U, &X->sum_vals, dg);
        json_object_set_new(s_obj, "currents",
                            cli_currents_json(X->sum_J, S->R, dg,
                                              CLI_CURRENTS_BATHS | CLI_CURRENTS_BONDS));
    }
    /* the sum at each λ given (DESIGN §4: a list, empty without --lambda) */
    json_object_set_new(doc, "results", lambda ? json_pack("[o]", s_obj) : json_array());
    truncation_t tr;
    truncation_range(&tr, S, dg);
    json_object_set_new(doc, "truncation", truncation_json(&tr, S, dg, lambda));
    ng_report_json_write(cli->out, doc);
    json_decref(doc);
}

static void write_text(cli_t *cli, const ng_model_t M, const ng_engine_series_t S,
                       ng_srcptr lambda, const ng_engine_obs_t sum, const extras_t *X)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = S->R;
    slong dg = cli->digits, prec = FLINT_MAX(S->prec, 4 * dg + 64);
    char *s;
    if (cli->format == NG_FORMAT_CSV) {
        /* rows of ρ_m: m set, lambda empty; rows of the sum at λ: lambda set, m
         * empty (numbers only; joins ness on (site, lambda)) */
        fprintf(out, "lambda,m,");
        cli_obs_csv_header(out, 1);
        cli_user_obs_csv_header(out, &X->U, 1);
        fputc('\n', out);
        for (int m = 0; m <= S->order + (lambda != NULL); m++) {
            char prefix[64], lam[NG_REPORT_DOUBLE_LEN], *rows = NULL, *suffix = NULL;
            size_t len = 0, slen = 0;
            FILE *fr = open_memstream(&rows, &len), *fs = open_memstream(&suffix, &slen);
            int is_sum = m > S->order;
            if (is_sum)
                snprintf(prefix, sizeof prefix, "%s,,",
                         ng_report_double_str(lam, ng_elem_get_d(lambda, R)));
            else
                snprintf(prefix, sizeof prefix, ",%d,", m);
            cli_obs_csv(fr, prefix, is_sum ? sum : S->obs + m, M, R, dg, prec,
                        m == 0 || is_sum);
            cli_user_obs_csv(fs, &X->U, is_sum ? &X->sum_vals : X->vals + m, dg);
            fclose(fr);
            fclose(fs);
            cli_csv_with_suffix(out, rows, suffix);
            free(rows);
            free(suffix);
        }
        return;
    }
    fprintf(out, "series rho = sum_m lambda^m rho_m, m = 0..%d, for N = %d (certified balls "
                 "at %ld bits; %s levels of P0 H1 P0; Eqs. 52, 55, 62)\n",
            S->order, M->N, (long)S->prec, S->degenerate ? "degenerate" : "simple");
    if (S->degenerate)
        fprintf(out, "degenerate levels (decided exactly): Im P1 holds the coherences within "
                     "each cluster of equal levels, dim Im P1 = %ld; P1 rho_m from "
                     "P1 [L2 + i[H_2, .]] P1\n", (long)S->dim_p1);
    s = cli_ball_str(S->spacing, dg);
    fprintf(out, "smallest first-order level spacing within a sector%s: %s\n",
            S->degenerate ? " (between distinct levels)" : "", s);
    flint_free(s);
    s = cli_ball_str(S->max_trace, dg);
    fprintf(out, "max_{m>=1} |Tr rho_m| in %s (0 by Eq. 63)\n", s);
    flint_free(s);
    s = cli_ball_str(S->max_antiherm, dg);
    fprintf(out, "max |rho_m - rho_m^dagger| in %s (0: Hermitian)\n", s);
    flint_free(s);
    truncation_t tr;
    truncation_range(&tr, S, dg);
    truncation_text(out, &tr, S, dg, lambda);
    if (odd_symmetric(M))
        fprintf(out, "symmetry: %s\n", odd_text);
    for (int m = 0; m <= S->order; m++) {
        fprintf(out, "\n== order %d: rho_%d ==\n", m, m);
        cli_put_elem(out, "Tr rho_m = %s\n", S->obs[m].trace, dg, R);
        cli_obs_text(out, S->obs + m, M, R, dg, prec, m == 0);
        cli_user_obs_text(out, &X->U, X->vals + m, dg);
    }
    fprintf(out, "\n== currents: coefficients of lambda^p (J_nu from rho_{p-2}, rho_{p-3}; "
                 "bond currents from rho_{p-1}, rho_{p-2}) ==\n");
    for (int p = 1; p <= S->order + 1; p++) {
        char title[32];
        snprintf(title, sizeof title, "lambda^%d", p);
        cli_currents_text(out, title, X->J + p - 1, R, dg,
                          CLI_CURRENTS_BATHS | CLI_CURRENTS_BONDS);
    }
    if (lambda != NULL) {
        fprintf(out, "\n== sum at lambda = %s: rho_0 + lambda rho_1 + ... + lambda^%d rho_%d ==\n",
                cli->lambda, S->order, S->order);
        cli_put_elem(out, "Tr rho = %s\n", sum->trace, dg, R);
        cli_obs_text(out, sum, M, R, dg, prec, 1);
        cli_user_obs_text(out, &X->U, &X->sum_vals, dg);
        cli_currents_text(out, sum_title, X->sum_J, R, dg,
                          CLI_CURRENTS_BATHS | CLI_CURRENTS_BONDS);
    }
}

/* λ as given: exact if rational, else as typed. */
static void put_lambda_latex(FILE *out, const char *text)
{
    ng_expr *e;
    if (ng_expr_parse(&e, text, "--lambda") != NG_OK) { /* parsed before: cannot fail */
        ng_error_clear();
        fprintf(out, "?");
        return;
    }
    cli_expr_latex(out, e);
    ng_expr_free(e);
}

static void write_latex(cli_t *cli, const ng_model_t M, const ng_engine_series_t S,
                        const ng_engine_obs_t sum, const extras_t *X)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = S->R;
    slong dg = cli->digits, prec = FLINT_MAX(S->prec, 4 * dg + 64);
    int m_max = S->order;
    char terms[48], title[160], *s;
    if (m_max == 0)
        snprintf(terms, sizeof terms, "term $\\rho_0$");
    else
        snprintf(terms, sizeof terms, "terms $\\rho_0, %s\\rho_{%d}$",
                 m_max >= 2 ? "\\dots, " : "", m_max);
    snprintf(title, sizeof title,
             "The series %s of the NESS for $N = %d$ spins (Sect.~III\\,B)", terms, M->N);
    ng_report_latex_begin(out, cli->standalone, title, cli->command_line);
    cli_model_latex(out, M);
    fprintf(out,
            "\n\\paragraph{Route: \\texttt{%s}.} $\\rho = \\sum_m \\lambda^m\\rho_m$ "
            "with $\\mathcal{Q}_0\\rho_m$ by Eq.~(52), $\\mathcal{Q}_1\\rho_m$ by "
            "Eq.~(55) and $\\mathcal{P}_1\\rho_m$ by Eq.~(62), in the eigenbasis of "
            "$H_1$ within each eigenspace of $H_0$ (Eqs.~(25)--(27)).  ",
            S->degenerate ? "cluster" : "eigen");
    ng_report_latex_rounding_rule(out, dg);
    s = cli_ball_latex(S->spacing, dg, prec);
    if (S->degenerate)
        fprintf(out,
                "\n\\paragraph{Degenerate levels.} Some levels $e^{(n)}_k$ of $H_1$ within "
                "an eigenspace of $H_0$ are degenerate (decided exactly): "
                "$\\mathcal{P}_1$ keeps the coherences within each cluster of equal levels "
                "($\\dim\\mathrm{Im}\\,\\mathcal{P}_1 = %ld$) and "
                "$\\mathcal{P}_1\\tilde{\\mathcal{L}}_2\\mathcal{P}_1 = "
                "\\mathcal{P}_1[\\mathcal{L}_2 + i[H_2, \\cdot]]\\mathcal{P}_1$; the "
                "smallest spacing between distinct levels within a sector is "
                "$\\min|e^{(n)}_k - e^{(n)}_{k'}| = %s$.\n",
                (long)S->dim_p1, s);
    else
        fprintf(out,
                "\n\\paragraph{Simple levels.} The levels $e^{(n)}_k$ of $H_1$ within each "
                "eigenspace of $H_0$ are simple (the series does not take the degenerate "
                "path); the smallest first-order level spacing within a sector is "
                "$\\min|e^{(n)}_k - e^{(n)}_{k'}| = %s$.\n",
                s);
    flint_free(s);
    s = cli_ball_latex(S->max_trace, dg, prec);
    fprintf(out,
            "Checks: $\\max_{m\\ge1}|\\operatorname{Tr}\\rho_m| = %s$ (zero by "
            "Eq.~(63)), ",
            s);
    flint_free(s);
    s = cli_ball_latex(S->max_antiherm, dg, prec);
    fprintf(out, "$\\max_m|\\rho_m - \\rho_m^\\dagger| = %s$ (zero: Hermitian).\n",
            s);
    if (odd_symmetric(M))
        fprintf(out,
                "\n\\paragraph{Symmetry.} $U = \\prod_{l\\ \\mathrm{odd}}\\sigma^z_l$ maps "
                "$\\mathcal{L}_1$ to $-\\mathcal{L}_1$ and leaves $\\mathcal{L}_0$, "
                "$\\mathcal{L}_2$ and every $\\sigma^z_l$ alone, so $U\\rho_mU^\\dagger = "
                "(-1)^m\\rho_m$ and $t_l$ is even in $\\lambda$: every odd-order correction "
                "of $t_l$ vanishes.\n");
    flint_free(s);
    for (int m = 0; m <= m_max; m++) {
        fprintf(
            out,
            "\n\\subsection*{Order %d: $\\rho_{%d}$}\n$\\operatorname{Tr}\\rho_{%d} = ",
            m, m, m);
        cli_put_elem_latex(out, S->obs[m].trace, dg, R);
        fprintf(out,
                "$; here $\\langle X\\rangle = \\operatorname{Tr}(X\\rho_{%d})$ and "
                "$t_l = -\\langle\\sigma^z_l\\rangle$%s.\n",
                m,
                m == 0 ? ", $T_l = h/\\operatorname{artanh} t_l$"
                       : " ($T_l$ only for $\\rho_0$: the other terms are corrections, "
                         "not states)");
        cli_obs_latex(out, S->obs + m, M, R, dg, prec, m == 0);
        cli_user_obs_latex(out, &X->U, X->vals + m, dg);
        if (m >= 1)
            fprintf(out, "Eq.~(150) is derived for $\\rho_0$ (from "
                         "$\\mathcal{P}_0\\mathcal{L}_1\\rho_0 = 0$); for $\\rho_{%d}$ its two "
                         "sides are printed for comparison only and need not agree.\n",
                    m);
    }
    fprintf(out,
            "\n\\subsection*{Currents}\nThe heat current into the chain from bath $\\nu$ is "
            "$J_\\nu = \\lambda^2\\operatorname{Tr}(H_S\\mathcal{D}_\\nu\\rho)$ with $H_S = "
            "H_0 + \\lambda H_1$; $J^s_\\nu$ is the rate of change of $\\sum_l\\sigma^z_l$ "
            "it causes; $j_l = i[h_{l-1}, h_l]$ is the energy current through site $l$ "
            "between the bond energies $h_b = \\lambda H_I(b,b+1) + \\frac{h}{2}"
            "(\\sigma^z_b + \\sigma^z_{b+1})$, and $j^s_{b,b+1} = \\lambda\\frac{i}{2}"
            "[H_I(b,b+1), \\sigma^z_{b+1} - \\sigma^z_b]$ the spin current on a bond.  "
            "Their coefficients of $\\lambda^p$:\n");
    for (int p = 1; p <= m_max + 1; p++) {
        char title[32];
        snprintf(title, sizeof title, "$\\lambda^{%d}$", p);
        cli_currents_latex(out, title, X->J + p - 1, R, dg,
                           CLI_CURRENTS_BATHS | CLI_CURRENTS_BONDS);
    }
    if (sum != NULL) {
        fprintf(out, "\n\\subsection*{The sum at $\\lambda = ");
        put_lambda_latex(out, cli->lambda);
        fprintf(out, "$: $\\rho = \\rho_0");
        if (m_max >= 1)
            fprintf(out, " + \\lambda\\rho_1");
        if (m_max >= 3)
            fprintf(out, " + \\dots");
        if (m_max >= 2)
            fprintf(out, " + \\lambda^{%d}\\rho_{%d}", m_max, m_max);
        fprintf(out, "$}\n$\\operatorname{Tr}\\rho = ");
        cli_put_elem_latex(out, sum->trace, dg, R);
        fprintf(
            out,
            "$; here $\\langle X\\rangle = \\operatorname{Tr}(X\\rho)$, "
            "$t_l = -\\langle\\sigma^z_l\\rangle$ and $T_l = h/\\operatorname{artanh} "
            "t_l$.\n");
        cli_obs_latex(out, sum, M, R, dg, prec, 1);
        fprintf(out, "At finite $\\lambda$ the two sides of Eq.~(150) agree only up to "
                     "$O(\\lambda)$: it holds for $\\rho_0$.\n");
        cli_user_obs_latex(out, &X->U, &X->sum_vals, dg);
        cli_currents_latex(out, "values at the sum", X->sum_J, R, dg,
                           CLI_CURRENTS_BATHS | CLI_CURRENTS_BONDS);
    }
    ng_report_latex_end(out, cli->standalone);
}

int cmd_series(cli_t *cli)
{
    ng_model_t M;
    ng_engine_opts o;
    ng_engine_series_t S;
    ng_engine_obs_t sum;
    ng_ptr lambda = NULL;
    extras_t X;
    ng_status st;
    int status, have_extras = 0;

    if (cli->order < 0)
        return usage("--order m is required (0 <= m <= 20)", NULL);
    if (cli->lambda != NULL) { /* bad input is reported before the computation */
        ng_ring_t B;
        ng_ring_init_ball(B, 64);
        lambda = ng_elem_new(B);
        status = parse_lambda(lambda, cli->lambda, B);
        ng_elem_free(lambda, B);
        ng_ring_clear(B);
        lambda = NULL;
        if (status != CLI_OK)
            return status;
    }
    status = cli_resolve_model(cli, M, "tilted-ising", 2);
    if (status != CLI_OK)
        return status;
    if ((status = cli_user_obs_init(&X.U, cli, M->N)) != CLI_OK) {
        ng_model_clear(M);
        return status;
    }
    ng_engine_opts_init(&o);
    o.digits = cli->digits + (cli->format == NG_FORMAT_LATEX ? CLI_LATEX_GUARD_DIGITS : 0);
    o.progress = M->N >= 9 && isatty(STDERR_FILENO) ? stderr : NULL;
    o.keep_state = 1; /* the terms ρ_m for --observable and the currents */
    /* measured: N = 7, order 2 in 4.9 s CPU (bench/RESULTS.md, issue 15); ~ order + 1 */
    {
        char what[96];
        snprintf(what, sizeof what, "the series to order %d for N = %d", cli->order, M->N);
        if (M->N >= 8)
            cli_announce(cli, what, ng_engine_rho0_bytes(M->N, &o) * (cli->order + 1),
                         4.9 * (cli->order + 1) / 3.0, 7, 7.0, M->N);
    }
    st = ng_engine_series(S, M, cli->order, &o);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
        goto cleanup;
    }
    if (cli->lambda != NULL) {
        lambda = ng_elem_new(S->R);
        status = parse_lambda(lambda, cli->lambda, S->R);
        if (status != CLI_OK)
            goto cleanup;
        ng_engine_obs_init(sum, M->N, S->R);
        ng_engine_series_sum_obs(sum, S, lambda);
    }
    st = extras_compute(&X, M, S, lambda);
    have_extras = 1;
    if (st != NG_OK)
        status = cli_fail(cli, st);
    else if (cli->format == NG_FORMAT_JSON)
        write_json(cli, M, S, lambda, sum, &X);
    else if (cli->format == NG_FORMAT_LATEX)
        write_latex(cli, M, S, lambda != NULL ? sum : NULL, &X);
    else
        write_text(cli, M, S, lambda, sum, &X);
    if (lambda != NULL)
        ng_engine_obs_clear(sum, S->R);
cleanup:
    if (have_extras)
        extras_clear(&X, S->R);
    else
        cli_user_obs_clear(&X.U);
    if (lambda != NULL)
        ng_elem_free(lambda, S->R);
    ng_engine_series_clear(S);
    ng_model_clear(M);
    return status;
}
