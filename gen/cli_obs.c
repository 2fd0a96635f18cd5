/* Local observables of a state as text, JSON, CSV or LaTeX (cli_obs.h). */
#include <string.h>

#include "cli_obs.h"

int cli_local_temperature(arb_t T, ng_srcptr t, const ng_model_t M, const ng_ring_t R,
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

json_t *cli_ball_json(const arb_t x, slong digits, slong prec)
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

char *cli_ball_latex(const arb_t x, slong digits, slong prec)
{
    ng_ring_t B;
    ng_ptr e;
    char *s;
    ng_ring_init_ball(B, prec);
    e = ng_elem_new(B);
    ng_elem_set_arb(e, x, B);
    s = ng_elem_get_latex_rounded(e, digits, B);
    ng_elem_free(e, B);
    ng_ring_clear(B);
    return s;
}

char *cli_ball_str(const arb_t x, slong digits)
{
    char *s = arb_get_str(x, digits, 0), *r = flint_malloc(strlen(s) + 1);
    strcpy(r, s);
    flint_free(s);
    return r;
}

void cli_put_elem(FILE *out, const char *fmt, ng_srcptr x, slong digits, const ng_ring_t R)
{
    char *s = ng_elem_get_str(x, digits, R);
    fprintf(out, fmt, s);
    flint_free(s);
}

void cli_put_elem_latex(FILE *out, ng_srcptr x, slong digits, const ng_ring_t R)
{
    char *s = ng_elem_get_latex_rounded(x, digits, R);
    fputs(s, out);
    flint_free(s);
}

/* Both sides of Eq. 150 (engine.h); returns 0 when the rhs is undefined. */
typedef struct {
    ng_ptr lhs, rhs;
    int have_rhs;
} eq150_t;

static void eq150_init(eq150_t *e, const ng_engine_obs_t O, const ng_model_t M,
                       const ng_ring_t R)
{
    e->lhs = ng_elem_new(R);
    e->rhs = ng_elem_new(R);
    e->have_rhs = ng_engine_eq150(e->lhs, e->rhs, O, M, R);
}

static void eq150_clear(eq150_t *e, const ng_ring_t R)
{
    ng_elem_free(e->lhs, R);
    ng_elem_free(e->rhs, R);
}

void cli_obs_json(json_t *doc, const ng_engine_obs_t O, const ng_model_t M,
                  const ng_ring_t R, slong digits, slong prec, int with_T)
{
    json_t *sites = json_array(), *bonds = json_array(), *three = json_array(),
           *eq = json_object();
    slong dg = digits;
    int N = O->N;
    eq150_t e;
    arb_t T;
    arb_init(T);
    for (int l = 0; l < N; l++) {
        ng_srcptr t = ng_vec_srcentry(O->t, l, R);
        json_t *s = json_pack("{s:i,s:o}", "site", l + 1, "t", ng_json_elem(t, dg, R));
        json_object_set_new(s, "T", with_T && cli_local_temperature(T, t, M, R, prec)
                                        ? cli_ball_json(T, dg, prec)
                                        : json_null());
        json_array_append_new(sites, s);
    }
    json_object_set_new(doc, "sites", sites);
    for (int l = 0; l + 1 < N; l++)
        json_array_append_new(bonds, json_pack("{s:[i,i],s:o,s:o}", "sites", l + 1, l + 2,
                                               "rhoA", ng_json_elem(ng_vec_srcentry(O->rho_a, l, R), dg, R),
                                               "rhoB", ng_json_elem(ng_vec_srcentry(O->rho_b, l, R), dg, R)));
    json_object_set_new(doc, "bonds", bonds);
    for (int l = 0; l + 2 < N; l++)
        json_array_append_new(three, json_pack("{s:i,s:o,s:o}", "site", l + 2,
                                               "zA", ng_json_elem(ng_vec_srcentry(O->z_a, l, R), dg, R),
                                               "Az", ng_json_elem(ng_vec_srcentry(O->a_z, l, R), dg, R)));
    json_object_set_new(doc, "three_body", three);
    eq150_init(&e, O, M, R);
    json_object_set_new(eq, "lhs", ng_json_elem(e.lhs, dg, R));
    json_object_set_new(eq, "rhs", e.have_rhs ? ng_json_elem(e.rhs, dg, R) : json_null());
    json_object_set_new(doc, "eq150", eq);
    eq150_clear(&e, R);
    arb_clear(T);
}

void cli_obs_text(FILE *out, const ng_engine_obs_t O, const ng_model_t M, const ng_ring_t R,
                  slong digits, slong prec, int with_T)
{
    slong dg = digits;
    int N = O->N;
    eq150_t e;
    arb_t T;
    arb_init(T);
    for (int l = 0; l < N; l++) {
        fprintf(out, "site %d: t = ", l + 1);
        cli_put_elem(out, "%s", ng_vec_srcentry(O->t, l, R), dg, R);
        if (with_T && cli_local_temperature(T, ng_vec_srcentry(O->t, l, R), M, R, prec)) {
            char *s = cli_ball_str(T, dg);
            fprintf(out, ", T = %s", s);
            flint_free(s);
        }
        fprintf(out, "\n");
    }
    for (int l = 0; l + 1 < N; l++) {
        fprintf(out, "<rhoA(%d,%d)> = ", l + 1, l + 2);
        cli_put_elem(out, "%s", ng_vec_srcentry(O->rho_a, l, R), dg, R);
        fprintf(out, ", <rhoB(%d,%d)> = ", l + 1, l + 2);
        cli_put_elem(out, "%s\n", ng_vec_srcentry(O->rho_b, l, R), dg, R);
    }
    for (int l = 0; l + 2 < N; l++) {
        fprintf(out, "<Z%d A(%d,%d)> = ", l + 1, l + 2, l + 3);
        cli_put_elem(out, "%s", ng_vec_srcentry(O->z_a, l, R), dg, R);
        fprintf(out, ", <A(%d,%d) Z%d> = ", l + 1, l + 2, l + 3);
        cli_put_elem(out, "%s\n", ng_vec_srcentry(O->a_z, l, R), dg, R);
    }
    eq150_init(&e, O, M, R);
    cli_put_elem(out, "\nEq. 150: lhs t_N - t_1 = %s\n", e.lhs, dg, R);
    if (e.have_rhs)
        cli_put_elem(out, "         rhs = %s\n", e.rhs, dg, R);
    else
        fprintf(out, "         rhs undefined (alpha_+ = 0)\n");
    eq150_clear(&e, R);
    arb_clear(T);
}

void cli_obs_csv_header(FILE *out, int balls)
{
    static const char *const q[] = {"t", "T", "rhoA", "rhoB", "zA", "Az"};
    fprintf(out, "site");
    for (int i = 0; i < 6; i++) {
        fputc(',', out);
        if (balls)
            ng_report_csv_ball_header(out, q[i]);
        else
            fputs(q[i], out);
    }
}

void cli_obs_csv(FILE *out, const char *prefix, const ng_engine_obs_t O, const ng_model_t M,
                 const ng_ring_t R, slong digits, slong prec, int with_T)
{
    int N = O->N;
    arb_t T;
    (void)digits;
    arb_init(T);
    for (int l = 0; l < N; l++) {
        fprintf(out, "%s%d,", prefix, l + 1);
        ng_report_csv_elem(out, ng_vec_srcentry(O->t, l, R), R);
        fputc(',', out);
        if (with_T && cli_local_temperature(T, ng_vec_srcentry(O->t, l, R), M, R, prec))
            ng_report_csv_arb(out, T);
        else
            fputc(',', out);
        fputc(',', out);
        if (l + 1 < N) {
            ng_report_csv_elem(out, ng_vec_srcentry(O->rho_a, l, R), R);
            fputc(',', out);
            ng_report_csv_elem(out, ng_vec_srcentry(O->rho_b, l, R), R);
        } else {
            fputs(",,,", out);
        }
        fputc(',', out);
        if (l >= 1 && l + 1 < N) {
            ng_report_csv_elem(out, ng_vec_srcentry(O->z_a, l - 1, R), R);
            fputc(',', out);
            ng_report_csv_elem(out, ng_vec_srcentry(O->a_z, l - 1, R), R);
        } else {
            fputs(",,,", out);
        }
        fputc('\n', out);
    }
    arb_clear(T);
}

static void latex_cell(FILE *out, ng_srcptr x, slong digits, const ng_ring_t R)
{
    fprintf(out, " & $\\displaystyle ");
    cli_put_elem_latex(out, x, digits, R);
    fprintf(out, "$");
}

void cli_obs_latex(FILE *out, const ng_engine_obs_t O, const ng_model_t M,
                   const ng_ring_t R, slong digits, slong prec, int with_T)
{
    static const char rule[] = "\\hline\n";
    slong dg = digits;
    int N = O->N;
    eq150_t e;
    arb_t T;
    arb_init(T);
    /* air between rows for exact fractions in display style */
    fprintf(out,
            "\\begin{center}\n\\renewcommand{\\arraystretch}{1.4}\n"
            "\\begin{tabular}{rll}\n%s",
            rule);
    fprintf(out, "$l$ & $t_l$ & %s \\\\\n%s", with_T ? "$T_l$" : "", rule);
    for (int l = 0; l < N; l++) {
        ng_srcptr t = ng_vec_srcentry(O->t, l, R);
        fprintf(out, "%d", l + 1);
        latex_cell(out, t, dg, R);
        if (!with_T) {
            fprintf(out, " &");
        } else if (cli_local_temperature(T, t, M, R, prec)) {
            char *s = cli_ball_latex(T, dg, prec);
            fprintf(out, " & $\\displaystyle %s$", s);
            flint_free(s);
        } else { /* artanh t_l not certified nonzero: T_l unbounded */
            fprintf(out, " & ---");
        }
        fprintf(out, " \\\\\n");
    }
    fprintf(out,
            "%s$(l,l+1)$ & $\\langle\\rho^{\\mathrm{A}}_{l,l+1}\\rangle$ & "
            "$\\langle\\rho^{\\mathrm{B}}_{l,l+1}\\rangle$ \\\\\n%s",
            rule, rule);
    for (int l = 0; l + 1 < N; l++) {
        fprintf(out, "$(%d,%d)$", l + 1, l + 2);
        latex_cell(out, ng_vec_srcentry(O->rho_a, l, R), dg, R);
        latex_cell(out, ng_vec_srcentry(O->rho_b, l, R), dg, R);
        fprintf(out, " \\\\\n");
    }
    if (N >= 3)
        fprintf(out,
                "%s$l$ & $\\langle\\sigma^z_{l-1}\\rho^{\\mathrm{A}}_{l,l+1}\\rangle$ "
                "(151) & $\\langle\\rho^{\\mathrm{A}}_{l-1,l}\\sigma^z_{l+1}\\rangle$ "
                "(152) \\\\\n%s",
                rule, rule);
    for (int l = 0; l + 2 < N; l++) {
        fprintf(out, "%d", l + 2);
        latex_cell(out, ng_vec_srcentry(O->z_a, l, R), dg, R);
        latex_cell(out, ng_vec_srcentry(O->a_z, l, R), dg, R);
        fprintf(out, " \\\\\n");
    }
    fprintf(out, "%s\\end{tabular}\n\\end{center}\n", rule);

    eq150_init(&e, O, M, R);
    fprintf(
        out,
        "Both sides of Eq.~(150),\n\\[\nt_N - t_1 = \\frac{1}{\\alpha_+}\\Bigl\\{"
        "\\alpha_{zz}\\sum_{l=2}^{N-1}\\bigl(\\langle\\sigma^z_{l-1}"
        "\\rho^{\\mathrm{A}}_{l,l+1}\\rangle - \\langle\\rho^{\\mathrm{A}}_{l-1,l}"
        "\\sigma^z_{l+1}\\rangle\\bigr) + \\alpha^z_1\\langle\\rho^{\\mathrm{A}}_{1,2}"
        "\\rangle - \\alpha^z_N\\langle\\rho^{\\mathrm{A}}_{N-1,N}\\rangle\\Bigr\\},\n"
        "\\]\nwith $\\alpha^z_1 = \\bar{Y}_{L} X_{L,z}$ and $\\alpha^z_N = \\bar{Y}_{R} "
        "X_{R,z}$ (for the tilted Ising chain $-\\alpha_{zz}t_L$ and "
        "$-\\alpha_{zz}t_R$):\n\\begin{align*}\n\\text{left-hand side} &= ");
    cli_put_elem_latex(out, e.lhs, dg, R);
    fprintf(out, ", \\\\\n\\text{right-hand side} &");
    if (e.have_rhs) {
        fprintf(out, "= ");
        cli_put_elem_latex(out, e.rhs, dg, R);
        fprintf(out, ".\n");
    } else {
        fprintf(out, "\\quad\\text{undefined ($\\alpha_+$ not certified nonzero).}\n");
    }
    fprintf(out, "\\end{align*}\n");
    eq150_clear(&e, R);
    arb_clear(T);
}

/* \texttt{text} with LaTeX's special characters escaped. */
void cli_latex_texttt(FILE *out, const char *text)
{
    fprintf(out, "\\texttt{");
    for (const char *p = text; *p; p++) {
        if (strchr("#$%&_{}", *p) != NULL)
            fprintf(out, "\\%c", *p);
        else if (*p == '^' || *p == '~')
            fprintf(out, "\\%c{}", *p);
        else if (*p == '\\')
            fprintf(out, "\\textbackslash{}");
        else if ((unsigned char)*p < 0x20 || *p == 0x7f)
            fputc(' ', out); /* a newline must not end the argument's paragraph */
        else
            fputc(*p, out);
    }
    fprintf(out, "}");
}

void cli_expr_latex(FILE *out, const ng_expr *e)
{
    ng_expr_domain dom;
    fmpq_t q;
    fmpq_init(q);
    if (ng_expr_classify(&dom, e) == NG_OK && dom == NG_EXPR_RATIONAL &&
        ng_expr_get_fmpq(q, e) == NG_OK) {
        ng_ring_t Q;
        ng_ptr x;
        ng_ring_init_qq(Q);
        x = ng_elem_new(Q);
        ng_elem_set_fmpq(x, q, Q);
        cli_put_elem_latex(out, x, 0, Q);
        ng_elem_free(x, Q);
        ng_ring_clear(Q);
    } else {
        char *s = ng_expr_get_latex(e); /* not a decided rational: shown as typed */
        ng_error_clear();
        fputs(s, out);
        flint_free(s);
    }
    fmpq_clear(q);
}

/* A parameter name in the ring's LaTeX notation (tL → t_{L}, alpha_xz →
 * \alpha_{xz}, YbarL → \bar{Y}_{L}): the name as the one generator of a ring. */
static void put_name_latex(FILE *out, const char *name)
{
    ng_ring_t P;
    ng_ptr x;
    ng_ring_init_params(P, &name, 1);
    x = ng_elem_new(P);
    ng_elem_gen(x, 0, P);
    cli_put_elem_latex(out, x, 0, P);
    ng_elem_free(x, P);
    ng_ring_clear(P);
}

/* α is symmetric: α_zx repeats α_xz. */
static int is_mirror_alpha(const char *name)
{
    return strncmp(name, "alpha_", 6) == 0 && strlen(name) == 8 && name[6] > name[7];
}

static void put_parameter(FILE *out, const char *name, const ng_expr *e,
                          const char *source, int *first)
{
    if (strcmp(source, "derived") == 0 || is_mirror_alpha(name) ||
        (strcmp(source, "default") == 0 && strcmp(ng_expr_text(e), "0") == 0))
        return;
    fprintf(out, "%s$", *first ? "" : ", ");
    put_name_latex(out, name);
    fprintf(out, " = ");
    cli_expr_latex(out, e);
    fprintf(out, "$");
    *first = 0;
}

void cli_model_latex(FILE *out, const ng_model_t M)
{
    int first = 1;
    if (M->preset != NULL) {
        fprintf(out, "Model: the ");
        cli_latex_texttt(out, M->preset);
        fprintf(out, " preset");
    } else {
        fprintf(out, "Model: a model file");
    }
    fprintf(out, ", $N = %d$, with ", M->N);
    for (slong i = 0; i < M->ninputs; i++)
        put_parameter(out, M->input_names[i], M->inputs[i], M->input_sources[i], &first);
    for (slong i = 0; i < M->nquantities; i++)
        put_parameter(out, M->quantity_names[i], M->exprs[i], M->sources[i], &first);
    fprintf(out, " (given or default; the rest derived from these, or zero).\n");
}

void cli_assignment_latex(FILE *out, const char *text)
{
    const char *eq = strstr(text, " = ");
    ng_expr *e = NULL;
    if (eq == NULL || ng_expr_parse(&e, eq + 3, "value") != NG_OK) {
        ng_error_clear();
        cli_latex_texttt(out, text);
        return;
    }
    char *name = flint_malloc(eq - text + 1);
    memcpy(name, text, eq - text);
    name[eq - text] = '\0';
    fprintf(out, "$");
    put_name_latex(out, name);
    fprintf(out, " = ");
    cli_expr_latex(out, e);
    fprintf(out, "$");
    flint_free(name);
    ng_expr_free(e);
}

void cli_names_latex(FILE *out, const char *list)
{
    const char *p = list;
    fprintf(out, "$");
    while (*p != '\0') {
        size_t n = strcspn(p, ", ");
        if (n > 0) {
            char *name = flint_malloc(n + 1);
            memcpy(name, p, n);
            name[n] = '\0';
            fprintf(out, "%s", p == list ? "" : ", ");
            put_name_latex(out, name);
            flint_free(name);
        }
        p += n;
        p += strspn(p, ", ");
    }
    fprintf(out, "$");
}
