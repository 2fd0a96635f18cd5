/* nessgen rho0 with free names (issue 14): ρ0's observables as exact rational
 * functions of the names (θ through u_theta = tan(θ/2)), reconstructed by
 * ng_engine_rho0_closed; K_N = (t_1 − t_N)/(t_L − t_R) with its limits
 * θ → 0 (u_θ → 0) and θ → π/2 (u_θ → 1); Eq. 150 decided as an identity of
 * rational functions. */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "nessgen/engine.h"

/* LaTeX beyond this many characters is replaced by degrees (a page holds
 * about 4000 characters of formula). */
#define LATEX_PAGE_CHARS 4000
/* A factored display formula longer than this would overrun the line. */
#define LATEX_DISPLAY_CHARS 400
/* The CPU seconds a closed form may be estimated to take unless --max-cpu
 * says otherwise: N = 4 in θ (6 s here) passes; N = 3 in θ, t_L, t_R (about
 * a minute) needs the option; and a fuzzed model file through `rho0 -o`
 * stays well inside CI's 60 s (the run stops at twice the limit). */
#define DEFAULT_MAX_CPU 20

typedef struct {
    ng_engine_closed_t C;
    int have_K, have_eq150;
    ng_ptr K, lhs, rhs;
    int K_limit_ok[2];
    ng_ptr K_limit[2]; /* θ → 0 (u_θ = 0), θ → π/2 (u_θ = 1) */
    int eq150_identity;
    double seconds;
} closed_report;

static double wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void report_init(closed_report *r, const ng_ring_t R)
{
    memset(r, 0, sizeof *r);
    r->K = ng_elem_new(R);
    r->lhs = ng_elem_new(R);
    r->rhs = ng_elem_new(R);
    r->K_limit[0] = ng_elem_new(R);
    r->K_limit[1] = ng_elem_new(R);
}

static void report_clear(closed_report *r, const ng_ring_t R)
{
    ng_elem_free(r->K, R);
    ng_elem_free(r->lhs, R);
    ng_elem_free(r->rhs, R);
    ng_elem_free(r->K_limit[0], R);
    ng_elem_free(r->K_limit[1], R);
    ng_engine_closed_clear(r->C);
}

/* K_N = (t_1 − t_N)/(t_L − t_R) (Eq. 114 for N = 2) and its limits. */
static void derive_K(closed_report *r, const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    slong u = ng_ring_param_index(R, "u_theta");
    ng_ptr d = ng_elem_new(R);
    ng_elem_sub(d, M->t[0], M->t[1], R);
    ng_elem_sub(r->K, ng_vec_entry(r->C->obs->t, 0, R),
                ng_vec_entry(r->C->obs->t, M->N - 1, R), R);
    r->have_K = ng_elem_div(r->K, r->K, d, R);
    for (int i = 0; i < 2 && r->have_K && u >= 0; i++) {
        fmpq_t v;
        fmpq_init(v);
        fmpq_set_si(v, i, 1);
        r->K_limit_ok[i] = ng_elem_substitute_fmpq(r->K_limit[i], r->K, u, v, R);
        fmpq_clear(v);
    }
    ng_elem_free(d, R);
}

static void derive_eq150(closed_report *r, const ng_model_t M)
{
    if (M->N < 3)
        return;
    r->have_eq150 = ng_engine_eq150(r->lhs, r->rhs, r->C->obs, M, M->R);
    r->eq150_identity = r->have_eq150 && ng_elem_equal(r->lhs, r->rhs, M->R) == T_TRUE;
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

static void write_json(cli_t *cli, const ng_model_t M, const closed_report *r)
{
    const ng_ring_struct *R = M->R;
    const ng_engine_obs_struct *O = r->C->obs;
    int N = M->N;
    json_t *doc = cli_json_document(cli, M), *names = json_array(), *a;
    for (slong v = 0; v < R->nvars; v++)
        json_array_append_new(names, json_string(R->names[v]));
    json_object_set_new(doc, "N", json_integer(N));
    json_object_set_new(doc, "route", json_string("closed form"));
    json_object_set_new(doc, "exact", json_true());
    json_object_set_new(doc, "variables", names);
    json_object_set_new(doc, "u_theta", json_string("tan(theta/2)"));
    json_object_set_new(doc, "generic_structure",
                        json_pack("{s:b,s:I}", "degenerate", r->C->degenerate,
                                  "dim_im_p1", (json_int_t)r->C->dim_p1));
    json_object_set_new(doc, "reconstruction",
                        json_pack("{s:s,s:I,s:I,s:I}", "method",
                                  "Thiele modulo primes, CRT, rational reconstruction, "
                                  "recursive in the variables; checked at 3 fresh points",
                                  "evaluations", (json_int_t)r->C->evaluations, "skipped",
                                  (json_int_t)r->C->skipped, "primes",
                                  (json_int_t)r->C->primes));
    if (r->C->estimated_seconds > 0)
        json_object_set_new(json_object_get(doc, "reconstruction"), "estimate",
                            json_pack("{s:I,s:f,s:f}", "probe_evaluations",
                                      (json_int_t)r->C->probe_evaluations, "evaluations",
                                      r->C->estimated_evaluations, "cpu_seconds",
                                      r->C->estimated_seconds));
    json_object_set_new(doc, "trace", closed_json(O->trace, R));
    a = json_array();
    for (int l = 0; l < N; l++)
        json_array_append_new(a, json_pack("{s:i,s:o}", "site", l + 1, "t",
                                           closed_json(ng_vec_entry(O->t, l, R), R)));
    json_object_set_new(doc, "sites", a);
    a = json_array();
    for (int l = 0; l + 1 < N; l++)
        json_array_append_new(
            a, json_pack("{s:[i,i],s:o,s:o}", "sites", l + 1, l + 2, "rhoA",
                         closed_json(ng_vec_entry(O->rho_a, l, R), R), "rhoB",
                         closed_json(ng_vec_entry(O->rho_b, l, R), R)));
    json_object_set_new(doc, "bonds", a);
    a = json_array();
    for (int l = 0; l + 2 < N; l++)
        json_array_append_new(a,
                              json_pack("{s:i,s:o,s:o}", "site", l + 2, "zA",
                                        closed_json(ng_vec_entry(O->z_a, l, R), R), "Az",
                                        closed_json(ng_vec_entry(O->a_z, l, R), R)));
    json_object_set_new(doc, "three_body", a);
    if (r->have_eq150)
        json_object_set_new(doc, "eq150",
                            json_pack("{s:o,s:o,s:b}", "lhs", closed_json(r->lhs, R),
                                      "rhs", closed_json(r->rhs, R), "identity",
                                      r->eq150_identity));
    if (r->have_K) {
        json_t *k = closed_json(r->K, R);
        for (int i = 0; i < 2; i++)
            json_object_set_new(k, i ? "theta_to_pi_2" : "theta_to_0",
                                r->K_limit_ok[i] ? closed_json(r->K_limit[i], R)
                                                 : json_null());
        json_object_set_new(doc, "K", k);
    }
    json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', cli->out);
    json_decref(doc);
}

static void put_degrees(FILE *out, ng_srcptr x, const ng_ring_t R)
{
    for (slong v = 0; v < R->nvars; v++) {
        slong dn, dd;
        ng_elem_degree(&dn, &dd, x, v, R);
        fprintf(out, "%s%s %ld/%ld", v ? ", " : "", R->names[v], (long)dn, (long)dd);
    }
}

static void put_closed(FILE *out, const char *label, ng_srcptr x, const ng_ring_t R)
{
    char *s = ng_elem_get_str_factored(x, 0, R);
    fprintf(out, "%s = %s\n    (degrees num/den: ", label, s);
    put_degrees(out, x, R);
    fprintf(out, ")\n");
    flint_free(s);
}

static void write_text(cli_t *cli, const ng_model_t M, const closed_report *r)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = M->R;
    const ng_engine_obs_struct *O = r->C->obs;
    char label[64];
    fprintf(out, "rho0 for N = %d as exact rational functions of", M->N);
    for (slong v = 0; v < R->nvars; v++)
        fprintf(out, "%s %s", v ? "," : "", R->names[v]);
    fprintf(out, "\n");
    if (ng_ring_param_index(R, "u_theta") >= 0)
        fprintf(out, "theta enters through u_theta = tan(theta/2).\n");
    fprintf(out,
            "Reconstructed from %ld evaluations of the exact commutant route at rational "
            "points (%ld skipped, up to %ld primes), checked at 3 fresh random points.\n",
            (long)r->C->evaluations, (long)r->C->skipped, (long)r->C->primes);
    fprintf(
        out,
        "Generic structure: %s levels of P0 H1 P0, dim Im P1 = %ld; the formulas hold "
        "away from the parameter points where it changes.\n\n",
        r->C->degenerate ? "degenerate" : "simple", (long)r->C->dim_p1);
    put_closed(out, "Tr rho0", O->trace, R);
    for (int l = 0; l < M->N; l++) {
        snprintf(label, sizeof label, "t%d", l + 1);
        put_closed(out, label, ng_vec_entry(O->t, l, R), R);
    }
    for (int l = 0; l + 1 < M->N; l++) {
        snprintf(label, sizeof label, "<rhoA_%d,%d>", l + 1, l + 2);
        put_closed(out, label, ng_vec_entry(O->rho_a, l, R), R);
        snprintf(label, sizeof label, "<rhoB_%d,%d>", l + 1, l + 2);
        put_closed(out, label, ng_vec_entry(O->rho_b, l, R), R);
    }
    for (int l = 0; l + 2 < M->N; l++) {
        snprintf(label, sizeof label, "<Z%d rhoA_%d,%d>", l + 1, l + 2, l + 3);
        put_closed(out, label, ng_vec_entry(O->z_a, l, R), R);
        snprintf(label, sizeof label, "<rhoA_%d,%d Z%d>", l + 1, l + 2, l + 3);
        put_closed(out, label, ng_vec_entry(O->a_z, l, R), R);
    }
    if (r->have_eq150)
        fprintf(out, "\nEq. 150 on rho0: %s as rational functions\n",
                r->eq150_identity ? "holds identically" : "does NOT hold identically");
    if (r->have_K) {
        fprintf(out, "\n");
        put_closed(out, "K = (t1 - tN)/(tL - tR)", r->K, R);
        for (int i = 0; i < 2; i++) {
            if (ng_ring_param_index(R, "u_theta") < 0)
                break;
            if (r->K_limit_ok[i])
                put_closed(out,
                           i ? "K as theta -> pi/2 (u_theta -> 1)"
                             : "K as theta -> 0 (u_theta -> 0)",
                           r->K_limit[i], R);
            else
                fprintf(out, "K as theta -> %s: not finite\n", i ? "pi/2" : "0");
        }
    }
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
static void latex_closed(FILE *out, const char *label, ng_srcptr x, const ng_ring_t R)
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

static void write_latex(cli_t *cli, const ng_model_t M, const closed_report *r)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = M->R;
    const ng_engine_obs_struct *O = r->C->obs;
    char title[128], label[64];
    snprintf(title, sizeof title,
             "Closed forms of $\\rho_0$ for $N = %d$ spins as rational functions", M->N);
    ng_report_latex_begin(out, cli->standalone, title, cli->command_line);
    fprintf(out,
            "\\noindent Exact rational functions, reconstructed from %ld evaluations of "
            "the exact commutant route at rational points and checked at fresh points"
            "%s.  Generic structure: %s levels, $\\dim\\operatorname{Im}\\mathcal{P}_1 = "
            "%ld$; valid away from the points where it changes.\n\n",
            (long)r->C->evaluations,
            ng_ring_param_index(R, "u_theta") >= 0 ? "; $u_\\theta = \\tan(\\theta/2)$"
                                                   : "",
            r->C->degenerate ? "degenerate" : "simple", (long)r->C->dim_p1);
    fprintf(out, "\\raggedright\n"); /* long polynomials break at + and − */
    for (int l = 0; l < M->N; l++) {
        snprintf(label, sizeof label, "t_{%d}", l + 1);
        latex_closed(out, label, ng_vec_entry(O->t, l, R), R);
    }
    if (r->have_eq150)
        fprintf(out,
                "\\noindent Eq.~(150) on $\\rho_0$ %s as an identity of rational "
                "functions.\n\n",
                r->eq150_identity ? "holds" : "does \\emph{not} hold");
    if (r->have_K) {
        snprintf(label, sizeof label, "K_{%d} = \\frac{t_1 - t_{%d}}{t_L - t_R}", M->N,
                 M->N);
        latex_closed(out, label, r->K, R);
        for (int i = 0; i < 2 && ng_ring_param_index(R, "u_theta") >= 0; i++)
            if (r->K_limit_ok[i])
                latex_closed(
                    out, i ? "\\lim_{\\theta\\to\\pi/2} K" : "\\lim_{\\theta\\to 0} K",
                    r->K_limit[i], R);
    }
    ng_report_latex_end(out, cli->standalone);
}

/* x as a Python expression over fractions.Fraction: integers become
 * _F(n) (so that / is exact), ^ becomes ** (exponents stay plain ints). */
static void put_python_expr(FILE *out, ng_srcptr x, const ng_ring_t R)
{
    char *s = ng_elem_get_str(x, 0, R);
    int after_pow = 0;
    for (const char *c = s; *c != '\0';) {
        if (*c == '^') {
            fputs("**", out);
            after_pow = 1;
            c++;
        } else if (*c >= '0' && *c <= '9' &&
                   (c == s || !(c[-1] == '_' || (c[-1] >= 'a' && c[-1] <= 'z') ||
                                (c[-1] >= 'A' && c[-1] <= 'Z')))) {
            const char *e = c;
            while (*e >= '0' && *e <= '9')
                e++;
            fprintf(out, after_pow ? "%.*s" : "_F(%.*s)", (int)(e - c), c);
            after_pow = 0;
            c = e;
        } else {
            if (*c != ' ')
                after_pow = 0;
            fputc(*c++, out);
        }
    }
    flint_free(s);
}

static void put_python_function(FILE *out, const char *name, ng_srcptr x,
                                const ng_ring_t R, void *data)
{
    (void)data;
    fprintf(out, "\n\ndef %s(", name);
    for (slong v = 0; v < R->nvars; v++)
        fprintf(out, "%s%s", v ? ", " : "", R->names[v]);
    fprintf(out, "):\n    return ");
    put_python_expr(out, x, R);
    fprintf(out, "\n");
}

typedef void (*put_function)(FILE *out, const char *name, ng_srcptr x, const ng_ring_t R,
                             void *data);

/* Every closed form with the name the emitted code gives it (as in the JSON):
 * trace, t_1 … t_N, rhoA_l_m, rhoB_l_m, zA_l, Az_l, K. */
static void put_each_function(FILE *out, const char *prefix, put_function put, void *data,
                              const ng_model_t M, const closed_report *r)
{
    const ng_ring_struct *R = M->R;
    const ng_engine_obs_struct *O = r->C->obs;
    char name[96];
    snprintf(name, sizeof name, "%strace", prefix);
    put(out, name, O->trace, R, data);
    for (int l = 0; l < M->N; l++) {
        snprintf(name, sizeof name, "%st_%d", prefix, l + 1);
        put(out, name, ng_vec_entry(O->t, l, R), R, data);
    }
    for (int l = 0; l + 1 < M->N; l++) {
        snprintf(name, sizeof name, "%srhoA_%d_%d", prefix, l + 1, l + 2);
        put(out, name, ng_vec_entry(O->rho_a, l, R), R, data);
        snprintf(name, sizeof name, "%srhoB_%d_%d", prefix, l + 1, l + 2);
        put(out, name, ng_vec_entry(O->rho_b, l, R), R, data);
    }
    for (int l = 0; l + 2 < M->N; l++) {
        snprintf(name, sizeof name, "%szA_%d", prefix, l + 2);
        put(out, name, ng_vec_entry(O->z_a, l, R), R, data);
        snprintf(name, sizeof name, "%sAz_%d", prefix, l + 2);
        put(out, name, ng_vec_entry(O->a_z, l, R), R, data);
    }
    if (r->have_K) {
        snprintf(name, sizeof name, "%sK", prefix);
        put(out, name, r->K, R, data);
    }
}

/* A Python module (standard library only) with one exact function per
 * observable, named as in the JSON, and a provenance header. */
static void write_python(cli_t *cli, const ng_model_t M, const closed_report *r)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = M->R;
    fprintf(out, "# Generated by nessgen %s -- do not edit.\n", NESSGEN_VERSION);
    fprintf(out, "# Regenerate with: %s\n", cli->command_line);
    fprintf(
        out,
        "# Closed forms of rho0 for N = %d spins: exact rational functions of the free "
        "names,\n# reconstructed (functional reconstruction) from %ld evaluations of the "
        "exact commutant\n# route at rational points and checked at fresh points.  "
        "Generic structure: %s levels,\n# dim Im P1 = %ld; valid away from the parameter "
        "points where it changes.\n",
        M->N, (long)r->C->evaluations, r->C->degenerate ? "degenerate" : "simple",
        (long)r->C->dim_p1);
    if (ng_ring_param_index(R, "u_theta") >= 0)
        fprintf(out, "# u_theta = tan(theta/2).\n");
    fprintf(out,
            "# Arguments: fractions.Fraction (or int) give exact Fraction values; "
            "floats give floats\n# with no error bound (cancellation near poles).\n");
    fprintf(out, "from fractions import Fraction as _F\n\nN = %d\nVARIABLES = (", M->N);
    for (slong v = 0; v < R->nvars; v++)
        fprintf(out, "\"%s\", ", R->names[v]);
    fprintf(out, ")\n");
    put_each_function(out, "", put_python_function, NULL, M, r);
}

static void put_c_function(FILE *out, const char *name, ng_srcptr x, const ng_ring_t R,
                           void *data)
{
    slong *without_double = data;
    if (!ng_emit_c_function(out, name, x, R))
        (*without_double)++;
}

/* C functions (Arb balls, and doubles with an error bound) per observable,
 * named rho0_N<N>_<name as in the Python module>, with a provenance header. */
static void write_c(cli_t *cli, const ng_model_t M, const closed_report *r)
{
    FILE *out = cli->out;
    const ng_ring_struct *R = M->R;
    char prefix[32];
    slong without_double = 0;
    snprintf(prefix, sizeof prefix, "rho0_N%d_", M->N);
    fprintf(out, "/* Generated by nessgen %s -- do not edit.\n", NESSGEN_VERSION);
    fprintf(out, " * Regenerate with: %s\n", cli->command_line);
    fprintf(out,
            " *\n * Closed forms of rho0 for N = %d spins: exact rational functions of "
            "the free names\n * (",
            M->N);
    for (slong v = 0; v < R->nvars; v++)
        fprintf(out, "%s%s", v ? ", " : "", R->names[v]);
    fprintf(out,
            "%s), reconstructed by functional\n * reconstruction from %ld evaluations of "
            "the exact commutant route at rational\n * points and checked at fresh "
            "points.  Generic structure: %s levels, dim Im P1 =\n * %ld; valid away from "
            "the parameter points where it changes.\n *\n",
            ng_ring_param_index(R, "u_theta") >= 0 ? "; u_theta = tan(theta/2)" : "",
            (long)r->C->evaluations, r->C->degenerate ? "degenerate" : "simple",
            (long)r->C->dim_p1);
    fprintf(out,
            " * Per observable NAME = %s<observable> (trace, t_l, rhoA_l_m, rhoB_l_m, "
            "zA_l, Az_l, K):\n"
            " *   int NAME_arb(arb_t res, const arb_t <names>, slong prec): the exact "
            "N/D by Horner's\n"
            " *     rule in Arb balls; res contains the true value for every point of "
            "the argument\n"
            " *     balls; returns 0 (res not finite) where the ball of D contains 0.\n"
            " *   double NAME_d(double *err, double <names>): the same in IEEE doubles "
            "(round to\n"
            " *     nearest); *err is a rigorous bound on |value - exact value at the "
            "double\n"
            " *     arguments| (nested Horner: |p^ - p| <= gamma_{2D+1} sum |c||x|^t, "
            "Higham Eq. 5.3,\n"
            " *     evaluated alongside), INFINITY where it cannot be bounded (near a "
            "zero of D,\n"
            " *     overflow).\n"
            " * Compile against Arb (Debian: cc -c FILE.c, link -lflint-arb -lflint "
            "-lgmp -lm).\n */\n",
            prefix);
    ng_emit_c_prelude(out);
    put_each_function(out, prefix, put_c_function, &without_double, M, r);
    if (without_double > 0)
        fprintf(stderr,
                "nessgen rho0: --format c: %ld closed forms have no double version (see "
                "the comments in the file)\n",
                (long)without_double);
}

int cmd_rho0_closed(cli_t *cli, ng_model_t M)
{
    ng_engine_opts o;
    closed_report r;
    ng_status st;
    double t0 = wall_seconds();
    if (cli->format == NG_FORMAT_CSV) {
        fprintf(stderr,
                "nessgen rho0: --format csv: closed forms (free names in the model) "
                "are written as text, json or latex\n");
        return CLI_EUSAGE;
    }
    ng_engine_opts_init(&o);
    o.progress = isatty(STDERR_FILENO) ? stderr : NULL;
    o.max_cpu_seconds = cli->max_cpu > 0 ? cli->max_cpu : DEFAULT_MAX_CPU;
    report_init(&r, M->R);
    st = ng_engine_rho0_closed(r.C, M, &o, NULL);
    if (st != NG_OK) {
        report_clear(&r, M->R);
        return cli_fail(cli, st);
    }
    r.seconds = wall_seconds() - t0;
    derive_K(&r, M);
    derive_eq150(&r, M);
    if (cli->format == NG_FORMAT_JSON)
        write_json(cli, M, &r);
    else if (cli->format == NG_FORMAT_LATEX)
        write_latex(cli, M, &r);
    else if (cli->format == NG_FORMAT_PYTHON)
        write_python(cli, M, &r);
    else if (cli->format == NG_FORMAT_C)
        write_c(cli, M, &r);
    else
        write_text(cli, M, &r);
    report_clear(&r, M->R);
    return CLI_OK;
}
