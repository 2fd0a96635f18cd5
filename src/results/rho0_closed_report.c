/* The report of `nessgen rho0` with free names (results.h): each closed
 * form as {"exact", "degrees"} in JSON, factored with its degrees in text,
 * and in LaTeX factored where it is short, else as N/D, else its degrees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/results.h"

/* LaTeX beyond this many characters is replaced by degrees (a page holds
 * about 4000 characters of formula). */
#define LATEX_PAGE_CHARS 4000
/* A factored display formula longer than this would overrun the line. */
#define LATEX_DISPLAY_CHARS 400

/* What a writer puts in a memory stream, flint_malloc'd. */
typedef struct {
    FILE *f;
    char *buf;
    size_t len;
} mem_t;

static FILE *mem_open(mem_t *m)
{
    m->buf = NULL;
    m->len = 0;
    return m->f = open_memstream(&m->buf, &m->len);
}

static char *mem_close(mem_t *m)
{
    char *r;
    fclose(m->f);
    r = strcpy(flint_malloc(strlen(m->buf) + 1), m->buf);
    free(m->buf);
    return r;
}

static json_t *degrees_json(ng_srcptr x, const ng_ring_t R)
{
    json_t *o = json_object();
    for (slong v = 0; v < R->nvars; v++) {
        slong dn, dd;
        ng_elem_degree(&dn, &dd, x, v, R);
        json_object_set_new(o, R->names[v],
                            json_pack("[I,I]", (json_int_t)dn, (json_int_t)dd));
    }
    return o;
}

/* {"exact": "…", "degrees": {name: [deg num, deg den]}} */
static json_t *closed_json(ng_srcptr x, const ng_ring_t R)
{
    char *s = ng_elem_get_str(x, 0, R);
    json_t *o = json_pack("{s:s,s:o}", "exact", s, "degrees", degrees_json(x, R));
    flint_free(s);
    return o;
}

static void put_degrees(FILE *out, ng_srcptr x, const ng_ring_t R)
{
    for (slong v = 0; v < R->nvars; v++) {
        slong dn, dd;
        ng_elem_degree(&dn, &dd, x, v, R);
        fprintf(out, "%s%s %ld/%ld", v ? ", " : "", R->names[v], (long)dn, (long)dd);
    }
}

static void put_closed_put(FILE *out, const char *label, ng_srcptr x, const ng_ring_t R)
{
    char *s = ng_elem_get_str_factored(x, 0, R);
    fprintf(out, "%s = %s\n    (degrees num/den: ", label, s);
    put_degrees(out, x, R);
    fprintf(out, ")\n");
    flint_free(s);
}

/* A polynomial factored if that is short (a line), else expanded, which
 * LaTeX can break at + and −. */
static char *short_latex(ng_srcptr p, const ng_ring_t R)
{
    char *s = ng_elem_get_latex_factored(p, 0, R);
    if (strlen(s) <= LATEX_DISPLAY_CHARS)
        return s;
    flint_free(s);
    return ng_elem_get_latex(p, 0, R);
}

/* A closed form in LaTeX: factored as a display where it is short; else as
 * N/D with N and D expanded inline, which LaTeX breaks across lines at + and
 * −, where they fit on a page; else its degrees (the JSON holds it whole). */
static void latex_closed_put(FILE *out, const char *label, ng_srcptr x, const ng_ring_t R)
{
    char *s = ng_elem_get_latex_factored(x, 0, R), *n, *d;
    ng_ptr num = ng_elem_new(R), den = ng_elem_new(R);
    ng_elem_numerator(num, x, R);
    ng_elem_denominator(den, x, R);
    n = short_latex(num, R);
    d = short_latex(den, R);
    if (strlen(s) <= LATEX_DISPLAY_CHARS) {
        fprintf(out, "\\[ %s = %s \\]\n", label, s);
    } else if (strlen(n) + strlen(d) <= LATEX_PAGE_CHARS) {
        fprintf(out,
                "\\noindent $%s = N/D$ with\n\n\\noindent $N = %s$,\n\n"
                "\\noindent $D = %s$.\n\n",
                label, n, d);
    } else {
        fprintf(out,
                "\\noindent $%s$: numerator and denominator %zu characters; degrees "
                "of numerator/denominator: ",
                label, strlen(n) + strlen(d));
        for (slong v = 0; v < R->nvars; v++) {
            slong dn, dd;
            ng_elem_degree(&dn, &dd, x, v, R);
            fprintf(out, "%s\\texttt{", v ? ", " : "");
            for (const char *c = R->names[v]; *c != '\0'; c++)
                fprintf(out, *c == '_' ? "\\_" : "%c", *c);
            fprintf(out, "} %ld/%ld", (long)dn, (long)dd);
        }
        fprintf(out, " (the JSON output holds it whole).\n\n");
    }
    flint_free(s);
    flint_free(n);
    flint_free(d);
    ng_elem_free(num, R);
    ng_elem_free(den, R);
}

/* A closed form: JSON {"exact", "degrees"} under key (NULL: none), text
 * "label = factored (degrees)" and, with a LaTeX label, the LaTeX form. */
static void closed(ng_report_t rep, const char *key, const char *text, const char *latex,
                   ng_srcptr x, const ng_ring_t R)
{
    mem_t m;
    char *s;
    if (key != NULL)
        ng_report_json(rep, key, closed_json(x, R));
    put_closed_put(mem_open(&m), text, x, R);
    s = mem_close(&m);
    ng_report_note(rep, NG_REPORT_TEXT, "%s", s);
    flint_free(s);
    if (latex == NULL)
        return;
    latex_closed_put(mem_open(&m), latex, x, R);
    s = mem_close(&m);
    ng_report_note(rep, NG_REPORT_LATEX, "%s", s);
    flint_free(s);
}

static void header(ng_report_t rep, const ng_rho0_closed_result_t r, const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    const ng_engine_closed_struct *C = r->C;
    int have_u = ng_ring_param_index(R, "u_theta") >= 0;
    json_t *names = json_array(), *rec;
    mem_t m;
    FILE *out = mem_open(&m);
    char *s, latex[128];
    fprintf(out, "rho0 for N = %d as exact rational functions of", M->N);
    for (slong v = 0; v < R->nvars; v++) {
        fprintf(out, "%s %s", v ? "," : "", R->names[v]);
        json_array_append_new(names, json_string(R->names[v]));
    }
    s = mem_close(&m);
    snprintf(latex, sizeof latex,
             "Closed forms of $\\rho_0$ for $N = %d$ spins as rational functions", M->N);
    ng_report_title(rep, s, latex);
    flint_free(s);
    ng_report_node_formats(ng_report_int(rep, "N", "N", NULL, M->N), NG_REPORT_JSON);
    ng_report_node_formats(ng_report_string(rep, "route", "route", NULL, "closed form"),
                           NG_REPORT_JSON);
    ng_report_node_formats(ng_report_bool(rep, "exact", "exact", NULL, 1), NG_REPORT_JSON);
    ng_report_json(rep, "variables", names);
    ng_report_node_formats(ng_report_string(rep, "u_theta", "u_theta", NULL, "tan(theta/2)"),
                           NG_REPORT_JSON);
    ng_report_json(rep, "generic_structure",
                   json_pack("{s:b,s:I}", "degenerate", C->degenerate, "dim_im_p1",
                             (json_int_t)C->dim_p1));
    rec = json_pack("{s:s,s:I,s:I,s:I}", "method",
                    "Thiele modulo primes, CRT, rational reconstruction, "
                    "recursive in the variables; checked at 3 fresh points",
                    "evaluations", (json_int_t)C->evaluations, "skipped",
                    (json_int_t)C->skipped, "primes", (json_int_t)C->primes);
    if (C->estimated_seconds > 0)
        json_object_set_new(rec, "estimate",
                            json_pack("{s:I,s:f,s:f}", "probe_evaluations",
                                      (json_int_t)C->probe_evaluations, "evaluations",
                                      C->estimated_evaluations, "cpu_seconds",
                                      C->estimated_seconds));
    ng_report_json(rep, "reconstruction", rec);
    if (have_u)
        ng_report_note(rep, NG_REPORT_TEXT, "theta enters through u_theta = tan(theta/2).\n");
    ng_report_note(rep, NG_REPORT_TEXT,
                   "Reconstructed from %ld evaluations of the exact commutant route at rational "
                   "points (%ld skipped, up to %ld primes), checked at 3 fresh random points.\n"
                   "Generic structure: %s levels of P0 H1 P0, dim Im P1 = %ld; the formulas "
                   "hold away from the parameter points where it changes.\n\n",
                   (long)C->evaluations, (long)C->skipped, (long)C->primes,
                   C->degenerate ? "degenerate" : "simple", (long)C->dim_p1);
    ng_report_note(rep, NG_REPORT_LATEX,
                   "\\noindent Exact rational functions, reconstructed from %ld evaluations of "
                   "the exact commutant route at rational points and checked at fresh points"
                   "%s.  Generic structure: %s levels, $\\dim\\operatorname{Im}\\mathcal{P}_1 = "
                   "%ld$; valid away from the points where it changes.\n\n"
                   "\\raggedright\n", /* long polynomials break at + and − */
                   (long)C->evaluations, have_u ? "; $u_\\theta = \\tan(\\theta/2)$" : "",
                   C->degenerate ? "degenerate" : "simple", (long)C->dim_p1);
}

/* The tables of the JSON; in text one closed form per line, in LaTeX t_l. */
static void observables(ng_report_t rep, const ng_engine_obs_struct *O, int N,
                        const ng_ring_t R)
{
    char label[64], latex[32];
    ng_report_table_t *T;
    closed(rep, "trace", "Tr rho0", NULL, O->trace, R);
    T = ng_report_table(rep, "sites", NULL, NULL);
    ng_report_node_formats(T, NG_REPORT_JSON);
    ng_report_column(T, "site", "site", NULL);
    ng_report_column(T, "t", "t", NULL);
    for (int l = 0; l < N; l++) {
        ng_report_row(T);
        ng_report_cell_int(T, l + 1);
        ng_report_cell_json(T, closed_json(ng_vec_srcentry(O->t, l, R), R));
        snprintf(label, sizeof label, "t%d", l + 1);
        snprintf(latex, sizeof latex, "t_{%d}", l + 1);
        closed(rep, NULL, label, latex, ng_vec_srcentry(O->t, l, R), R);
    }
    T = ng_report_table(rep, "bonds", NULL, NULL);
    ng_report_node_formats(T, NG_REPORT_JSON);
    ng_report_column(T, "sites", "bond", NULL);
    ng_report_column(T, "rhoA", "rhoA", NULL);
    ng_report_column(T, "rhoB", "rhoB", NULL);
    for (int l = 0; l + 1 < N; l++) {
        ng_report_row(T);
        ng_report_cell_bond(T, l + 1, l + 2);
        ng_report_cell_json(T, closed_json(ng_vec_srcentry(O->rho_a, l, R), R));
        ng_report_cell_json(T, closed_json(ng_vec_srcentry(O->rho_b, l, R), R));
        snprintf(label, sizeof label, "<rhoA_%d,%d>", l + 1, l + 2);
        closed(rep, NULL, label, NULL, ng_vec_srcentry(O->rho_a, l, R), R);
        snprintf(label, sizeof label, "<rhoB_%d,%d>", l + 1, l + 2);
        closed(rep, NULL, label, NULL, ng_vec_srcentry(O->rho_b, l, R), R);
    }
    T = ng_report_table(rep, "three_body", NULL, NULL);
    ng_report_node_formats(T, NG_REPORT_JSON);
    ng_report_column(T, "site", "site", NULL);
    ng_report_column(T, "zA", "zA", NULL);
    ng_report_column(T, "Az", "Az", NULL);
    for (int l = 0; l + 2 < N; l++) {
        ng_report_row(T);
        ng_report_cell_int(T, l + 2);
        ng_report_cell_json(T, closed_json(ng_vec_srcentry(O->z_a, l, R), R));
        ng_report_cell_json(T, closed_json(ng_vec_srcentry(O->a_z, l, R), R));
        snprintf(label, sizeof label, "<Z%d rhoA_%d,%d>", l + 1, l + 2, l + 3);
        closed(rep, NULL, label, NULL, ng_vec_srcentry(O->z_a, l, R), R);
        snprintf(label, sizeof label, "<rhoA_%d,%d Z%d>", l + 1, l + 2, l + 3);
        closed(rep, NULL, label, NULL, ng_vec_srcentry(O->a_z, l, R), R);
    }
}

static void eq150(ng_report_t rep, const ng_rho0_closed_result_t r)
{
    if (!r->have_eq150)
        return;
    ng_report_json(rep, "eq150",
                   json_pack("{s:o,s:o,s:b}", "lhs", closed_json(r->lhs, r->R), "rhs",
                             closed_json(r->rhs, r->R), "identity", r->eq150_identity));
    ng_report_note(rep, NG_REPORT_TEXT, "\nEq. 150 on rho0: %s as rational functions\n",
                   r->eq150_identity ? "holds identically" : "does NOT hold identically");
    ng_report_note(rep, NG_REPORT_LATEX,
                   "\\noindent Eq.~(150) on $\\rho_0$ %s as an identity of rational "
                   "functions.\n\n", r->eq150_identity ? "holds" : "does \\emph{not} hold");
}

/* K = (t_1 − t_N)/(t_L − t_R) and its limits θ → 0, π/2. */
static void K(ng_report_t rep, const ng_rho0_closed_result_t r, int N)
{
    const ng_ring_struct *R = r->R;
    int have_u = ng_ring_param_index(R, "u_theta") >= 0;
    char latex[96];
    json_t *k;
    if (!r->have_K)
        return;
    k = closed_json(r->K, R);
    for (int i = 0; i < 2; i++)
        json_object_set_new(k, i ? "theta_to_pi_2" : "theta_to_0",
                            r->K_limit_ok[i] ? closed_json(r->K_limit[i], R) : json_null());
    ng_report_json(rep, "K", k);
    snprintf(latex, sizeof latex, "K_{%d} = \\frac{t_1 - t_{%d}}{t_L - t_R}", N, N);
    ng_report_note(rep, NG_REPORT_TEXT, "\n");
    closed(rep, NULL, "K = (t1 - tN)/(tL - tR)", latex, r->K, R);
    for (int i = 0; i < 2 && have_u; i++) {
        if (r->K_limit_ok[i])
            closed(rep, NULL,
                   i ? "K as theta -> pi/2 (u_theta -> 1)" : "K as theta -> 0 (u_theta -> 0)",
                   i ? "\\lim_{\\theta\\to\\pi/2} K" : "\\lim_{\\theta\\to 0} K",
                   r->K_limit[i], R);
        else
            ng_report_note(rep, NG_REPORT_TEXT, "K as theta -> %s: not finite\n",
                           i ? "pi/2" : "0");
    }
}

void ng_rho0_closed_result_report(ng_report_t rep, const ng_rho0_closed_result_t r,
                                  const ng_model_t M)
{
    header(rep, r, M);
    observables(rep, r->C->obs, M->N, M->R);
    eq150(rep, r);
    K(rep, r, M->N);
}
