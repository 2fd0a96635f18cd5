/* The writers of `nessgen two-spin` (two_spin.h): the study — Sect. IV B
 * and Appendix B derived for general parameters and compared with the
 * printed formulas — as text, JSON or a LaTeX derivation. */
#include <stdlib.h>
#include <string.h>

#include "nessgen/emit.h"
#include "nessgen/report.h"
#include "nessgen/two_spin.h"

/* An expression typed by the user in LaTeX math: names as the ring's
 * generators print them (tL as t_{L}), numbers exactly (ng_expr_get_latex). */
static int put_expr_latex(FILE *out, const char *text)
{
    ng_expr *e = NULL;
    char *s;
    if (ng_expr_parse(&e, text, "value") != NG_OK) {
        ng_error_clear();
        return 0;
    }
    s = ng_expr_get_latex(e);
    fputs(s, out);
    flint_free(s);
    ng_expr_free(e);
    return 1;
}

/* A held number "name = expression" (ng_model_t's held_keys) as math,
 * "$\theta = 1$"; as typed (in \texttt) if it does not parse. */
static void latex_assignment(FILE *out, const char *text)
{
    const char *eq = strstr(text, " = ");
    char *name;
    if (eq == NULL) {
        fprintf(out, "\\texttt{%s}", text);
        return;
    }
    name = flint_malloc(eq - text + 1);
    memcpy(name, text, eq - text);
    name[eq - text] = '\0';
    fprintf(out, "$");
    put_expr_latex(out, name);
    fprintf(out, " = ");
    put_expr_latex(out, eq + 3);
    fprintf(out, "$");
    flint_free(name);
}

/* Comma-separated parameter names ("cL, cR") in math. */
static void latex_names(FILE *out, const char *list)
{
    const char *p = list;
    fprintf(out, "$");
    for (int first = 1; *p != '\0'; first = 0) {
        size_t n = strcspn(p, ", ");
        char *name = flint_malloc(n + 1);
        memcpy(name, p, n);
        name[n] = '\0';
        fprintf(out, "%s", first ? "" : ", ");
        put_expr_latex(out, name);
        flint_free(name);
        p += n;
        p += strspn(p, ", ");
    }
    fprintf(out, "$");
}

static const char *const eq_b18_names[3] = {"szz", "(s0z+sz0)", "rhoC'"};

typedef ng_two_spin_run_struct run;

typedef struct {
    ng_cmp cmp;
    char *factor, *factor_latex; /* derived/printed when proportional */
    char *num_latex, *den_latex; /* its numerator and denominator (symbolic ring) */
} comparison;

/* The LaTeX of the numerator and denominator of a rational function, factored. */
static void fraction_parts_latex(char **num, char **den, ng_srcptr x, const ng_ring_t R,
                                 slong digits)
{
    ng_ptr part = ng_elem_new(R);
    ng_elem_numerator(part, x, R);
    *num = ng_elem_get_latex_factored(part, digits, R);
    ng_elem_denominator(part, x, R);
    *den = ng_elem_get_latex_factored(part, digits, R);
    ng_elem_free(part, R);
}

/* The strings of a comparison the study made: derived/printed as text
 * and LaTeX, factored, and its numerator and denominator apart. */
static void comparison_set(comparison *c, const ng_two_spin_cmp_struct *s, slong digits)
{
    c->cmp = s->cmp;
    c->factor = c->factor_latex = c->num_latex = c->den_latex = NULL;
    if (s->factor == NULL)
        return;
    c->factor = ng_elem_get_str_factored(s->factor, digits, s->R);
    c->factor_latex = ng_elem_get_latex_factored(s->factor, digits, s->R);
    if (s->R->kind == NG_QQ_PARAMS)
        fraction_parts_latex(&c->num_latex, &c->den_latex, s->factor, s->R, digits);
}

static const char *cmp_word(const comparison *c)
{
    switch (c->cmp) {
    case NG_CMP_EQUAL:
        return "agrees";
    case NG_CMP_PROPORTIONAL:
        return "agrees up to a nonzero factor";
    case NG_CMP_DIFFERENT:
        return "DIFFERS";
    default:
        return "not applicable";
    }
}

typedef struct {
    const ng_two_spin_study_struct *S;
    comparison gamma, gamma_b22, b18[3], b23[3], eq111[3], eq114;
    char *K, *K_limit[2]; /* K = (t1 − t2)/(tL − tR) derived; at θ = π/2 and θ → 0 */
    char *held;           /* numbers held as free names: "theta = 1, TL = 3/2" */
    char *K_held;         /* K there, a certified ball, or NULL */
    char *K_held_latex;   /* the same rounded for LaTeX (ng_report_latex_arb) */
    char *K_missing;      /* or the free names K needs values for */
    char *K_display;      /* K as a LaTeX display (u_θ form) */
    size_t K_display_len;
} report;

/* The numbers held as free names (DESIGN §3) and K there, as text. */
static void held_K_text(report *rep, slong digits)
{
    const ng_two_spin_study_struct *S = rep->S;
    const ng_model_struct *M = S->general.M;
    size_t len = 0;
    if (!S->have_K_held)
        return;
    rep->held = flint_malloc(1024);
    rep->held[0] = '\0';
    for (slong i = 0; i < M->nheld && len < 1024; i++)
        len += snprintf(rep->held + len, 1024 - len, "%s%s", i ? ", " : "", M->held_keys[i]);
    if (S->K_held_ok) {
        char *s = arb_get_str(S->K_held, digits, 0);
        rep->K_held = flint_malloc(strlen(s) + 1);
        strcpy(rep->K_held, s);
        flint_free(s);
        rep->K_held_latex = ng_report_latex_arb(S->K_held, digits);
    } else {
        rep->K_missing = flint_malloc(strlen(S->K_missing) + 1);
        strcpy(rep->K_missing, S->K_missing);
    }
}
static void latex_elem(FILE *out, const char *lhs, ng_srcptr x, const ng_ring_t R,
                       slong digits, const char *tag);

/* K from the solution for equal baths, Eqs. 111–112: t1 − t2 = K (tL − tR). */
static void K_text(report *rep, slong digits)
{
    const ng_two_spin_study_struct *S = rep->S;
    const ng_ring_struct *R;
    if (!S->have_K)
        return;
    R = S->equal.M->R;
    rep->K = ng_elem_get_str_factored(S->K, digits, R);
    comparison_set(&rep->eq114, &S->eq114, digits);
    for (int k = 0; k < 2; k++) /* θ = π/2, θ → 0 */
        if (S->have_K_limit[k])
            rep->K_limit[k] = ng_elem_get_str(S->K_limit[k], digits, R);
    {
        FILE *f = open_memstream(&rep->K_display, &rep->K_display_len);
        latex_elem(f, "K", S->K, R, digits, NULL);
        fclose(f);
    }
}

/* The strings of every comparison the study made, and of K. */
static void compare_all(report *rep, slong digits)
{
    const ng_two_spin_study_struct *S = rep->S;
    comparison_set(&rep->gamma_b22, &S->gamma_b22, digits);
    comparison_set(&rep->gamma, &S->gamma, digits);
    for (int i = 0; i < 3; i++) {
        comparison_set(&rep->b18[i], &S->b18[i], digits);
        comparison_set(&rep->b23[i], &S->b23[i], digits);
    }
    if (S->have_equal) {
        for (int i = 0; i < 3; i++)
            comparison_set(&rep->eq111[i], &S->eq111[i], digits);
        K_text(rep, digits);
    }
    held_K_text(rep, digits);
}

static void comparisons_clear(report *rep)
{
    comparison *all[] = {&rep->gamma, &rep->gamma_b22, rep->b18, rep->b18 + 1, rep->b18 + 2,
                         rep->b23, rep->b23 + 1, rep->b23 + 2, rep->eq111, rep->eq111 + 1,
                         rep->eq111 + 2, &rep->eq114};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        flint_free(all[i]->factor);
        flint_free(all[i]->factor_latex);
        flint_free(all[i]->num_latex);
        flint_free(all[i]->den_latex);
    }
    flint_free(rep->K);
    flint_free(rep->K_limit[0]);
    flint_free(rep->K_limit[1]);
    flint_free(rep->held);
    flint_free(rep->K_held);
    flint_free(rep->K_held_latex);
    flint_free(rep->K_missing);
    free(rep->K_display);
}


/* ------------------------------------------------------- Eqs. B13–B16 */

/* One line per printed equation B13–B16 (D σ^0, σ^x, σ^y, σ^z), for both
 * baths: agrees, or which coefficient differs and derived/printed. */
static void b13_b16_report(FILE *out, const run *g, int latex, slong digits)
{
    static const char pc[4] = {'0', 'x', 'y', 'z'};
    /* the printed equations, for display (their terms are in printed.c) */
    static const char *const shown[4] = {
        "\\mathcal{D}\\sigma_0 = -2at(\\sigma_x\\cos\\theta + \\sigma_z\\sin\\theta)",
        "\\mathcal{D}\\sigma_x = -2b(\\sigma_x\\cos\\theta - \\sigma_z\\sin\\theta)",
        "\\mathcal{D}\\sigma_y = -2(b\\cos\\theta + a\\sin\\theta)\\sigma_y",
        "\\mathcal{D}\\sigma_z = -2a(\\sigma_x\\cos\\theta + \\sigma_z\\sin\\theta)"};
    const ng_ring_struct *R = g->M->R;
    ng_ptr f = ng_elem_new(R);
    for (int col = 0; col < 4; col++) {
        int agree = 1;
        if (latex)
            fprintf(out, "Eq.~B1%d, $%s$: ", 3 + col, shown[col]);
        else
            fprintf(out, "  Eq. B1%d (D s%c): ", 3 + col, pc[col]);
        for (int nu = 0; nu < 2; nu++)
            for (int row = 0; row < 4; row++) {
                char *fs = NULL;
                int has_ratio;
                if (!ng_two_spin_b13_b16_differs(f, &has_ratio, g->T, nu, row, col))
                    continue;
                if (has_ratio)
                    fs = latex ? ng_elem_get_latex(f, digits, R) : ng_elem_get_str(f, digits, R);
                fprintf(out, latex ? "%sthe $\\sigma^%c$ coefficient for bath %s "
                                     "\\textbf{differs}, derived/printed $= %s$"
                                   : "%sthe s%c coefficient for bath %s DIFFERS, "
                                     "derived/printed = %s",
                        agree ? "" : "; ", pc[row], nu == 0 ? "L" : "R",
                        fs != NULL ? fs : (latex ? "\\infty" : "(printed 0)"));
                agree = 0;
                flint_free(fs);
            }
        fprintf(out, "%s%s", agree ? (latex ? "\\textbf{agrees}" : "agrees") : "",
                latex ? ".\n\n" : "\n");
    }
    ng_elem_free(f, R);
}

/* ------------------------------------------------------------------ text */

static void text_elem(FILE *out, const char *label, ng_srcptr x, const ng_ring_t R,
                      slong digits)
{
    char *s = ng_elem_get_str_factored(x, digits, R);
    fprintf(out, "  %s = %s\n", label, s);
    flint_free(s);
}

static void text_cmp(FILE *out, const char *what, const comparison *c)
{
    fprintf(out, "  %s: %s%s%s\n", what, cmp_word(c), c->factor ? ", derived/printed = " : "",
            c->factor ? c->factor : "");
}

static void write_text(FILE *out, const report *rep, slong digits)
{
    const run *g = &rep->S->general;
    const ng_ring_struct *R = g->M->R;
    char what[64];
    fprintf(out, "Two-spin theory (Sect. IV B, App. B), derived in %s arithmetic.\n",
            ng_ring_kind_name(R));
    if (ng_ring_param_index(R, "u_theta") >= 0)
        fprintf(out, "theta enters through u_theta = tan(theta/2).\n");
    fprintf(out, "\n1. P0 L1 on Ker L0 (Eqs. 87-95): see 'nessgen table p0l1'.\n");
    text_elem(out, "alpha_+", g->T->alpha_plus, R, digits);
    text_elem(out, "Dalpha^z", g->T->delta_alpha_z, R, digits);
    fprintf(out, "\n2. Ker(P0 L1 P0) has dimension %ld (Eq. 96): s00, szz, (s0z+sz0) and\n",
            (long)g->T->P->dim_p1);
    if (g->T->gamma_defined) {
        fprintf(out, "   rhoC' = rhoC - gamma*rhoA (Eq. 97) with, read off the kernel,\n");
        text_elem(out, "gamma", g->T->gamma, R, digits);
        text_cmp(out, "gamma = alpha_+/Dalpha^z (Eq. 98)", &rep->gamma);
        text_cmp(out, "gamma of Eq. B22", &rep->gamma_b22);
        fprintf(out, "\n3. The form of Eq. 103 lies in Ker(P0 L1 P0): %s\n",
                g->T->eq103_in_kernel ? "holds" : "FAILS");
        if (g->T->dmat_printed[0] != NULL) {
            fprintf(out, "\n4a. The single-spin dissipators D_nu s^mu, derived from Eq. 7, "
                         "against Eqs. B13-B16 (a = c sin(theta), b = d cos(theta)):\n");
            b13_b16_report(out, g, 0, digits);
            if (g->T->p1l2_printed_d != NULL)
                fprintf(out, "  Eq. B18 with the printed B13-B16 in place of the derived "
                             "dissipators: %s\n",
                        rep->S->b18_same_with_printed_d ? "the same (P0 removes what differs)"
                                                   : "DIFFERENT");
        }
        fprintf(out, "\n4. P1 L2 rho0 for the form of Eq. 103 (Eqs. B17-B18):\n");
        for (int i = 0; i < 3; i++) {
            snprintf(what, sizeof what, "coefficient of %s", eq_b18_names[i]);
            text_elem(out, what, ng_vec_srcentry(g->T->p1l2, i, R), R, digits);
            snprintf(what, sizeof what, "vs Eq. B18 (%s)", eq_b18_names[i]);
            text_cmp(out, what, &rep->b18[i]);
            snprintf(what, sizeof what, "vs the equation B%d", 23 + i);
            text_cmp(out, what, &rep->b23[i]);
        }
    } else {
        fprintf(out, "   rhoA itself: Dalpha^z = 0, so gamma = alpha_+/Dalpha^z (Eq. 98) is\n"
                     "   undefined; rhoC' = rhoC - gamma*rhoA degenerates to its limit rhoA.\n"
                     "   Eq. 103 does not apply; the solution below comes from the kernel\n"
                     "   directly.\n");
    }
    fprintf(out, "\n   P1 L1 (Q0L0Q0)^-1 L1 P1 = 0 (Eq. 44, App. A): %s\n",
            g->T->eq44_holds ? "holds" : "FAILS");
    fprintf(out, "\n5. The zeroth-order state (unique), for the parameters as given:\n");
    text_elem(out, "t1", g->T->t1, R, digits);
    text_elem(out, "t2", g->T->t2, R, digits);
    text_elem(out, "g", g->T->g, R, digits);
    text_elem(out, "rhoA coefficient", g->T->rhoA, R, digits);
    if (rep->S->have_equal) {
        const ng_ring_struct *Re = rep->S->equal.M->R;
        fprintf(out, "\n6. Equal baths cL = cR = c, dL = dR = d:\n");
        text_elem(out, "t1", rep->S->equal.T->t1, Re, digits);
        for (int i = 0; i < 3; i++) {
            snprintf(what, sizeof what, "%s vs Eq. %d with K of Eq. 114",
                     i == 0 ? "t1" : (i == 1 ? "t2" : "g"), 111 + i);
            text_cmp(out, what, &rep->eq111[i]);
        }
        if (rep->K != NULL) {
            fprintf(out, "  K = (t1 - t2)/(tL - tR) = %s\n", rep->K);
            text_cmp(out, "K vs Eq. 114", &rep->eq114);
            if (rep->K_limit[0] != NULL && rep->K_limit[1] != NULL)
                fprintf(out, "  K at theta = pi/2 (u_theta = 1): %s;  as theta -> 0: %s\n",
                        rep->K_limit[0], rep->K_limit[1]);
            if (rep->K_held != NULL)
                fprintf(out, "  (t1 - t2)/(tL - tR) at %s, baths as given (certified ball): "
                             "%s\n", rep->held, rep->K_held);
            else if (rep->K_missing != NULL)
                fprintf(out, "  (t1 - t2)/(tL - tR) at %s, baths as given: needs values for "
                             "%s\n", rep->held, rep->K_missing[0] ? rep->K_missing : "(undefined)");
        }
    }
    if (rep->S->have_flat) {
        const ng_ring_struct *Rf = rep->S->flat.M->R;
        fprintf(out, "\n7. theta = pi/2 (transverse Ising): ");
        if (rep->S->flat.ok) {
            char *s = ng_elem_get_str(rep->S->flat_diff, digits, Rf);
            fprintf(out, "t1 - t2 = %s (a flat profile, K = 0)\n", s);
            flint_free(s);
        } else {
            fprintf(out, "%s\n", rep->S->flat.note);
        }
    }
}

/* ------------------------------------------------------------------ JSON */

static json_t *cmp_json(const comparison *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "result", json_string(cmp_word(c)));
    if (c->factor)
        json_object_set_new(o, "derived_over_printed", json_pack("{s:s}", "exact", c->factor));
    return o;
}

static json_t *expr_json(ng_srcptr x, const ng_ring_t R, slong digits)
{
    return ng_json_elem(x, digits, R);
}

static void write_json(FILE *out, const report *rep, const ng_emit_opts *o)
{
    const run *g = &rep->S->general;
    const ng_ring_struct *R = g->M->R;
    slong d = o->digits;
    json_t *doc = ng_emit_json_document(o, g->M);
    json_t *kernel = json_object(), *sol = json_object(), *b18 = json_array();
    json_object_set_new(doc, "expression_syntax",
                        json_string("nessgen parameter expressions (README); u_theta = "
                                    "tan(theta/2); t1, t2, g are the unknowns of Eq. 103"));
    json_object_set_new(doc, "alpha_plus", expr_json(g->T->alpha_plus, R, d));
    json_object_set_new(doc, "delta_alpha_z", expr_json(g->T->delta_alpha_z, R, d));
    json_object_set_new(kernel, "dim", json_integer(g->T->P->dim_p1));
    json_object_set_new(kernel, "gamma_defined", json_boolean(g->T->gamma_defined));
    if (g->T->gamma_defined) {
        json_object_set_new(kernel, "gamma", expr_json(g->T->gamma, R, d));
        json_object_set_new(kernel, "eq98", cmp_json(&rep->gamma));
        json_object_set_new(kernel, "eqB22", cmp_json(&rep->gamma_b22));
        json_object_set_new(doc, "eq103_in_kernel", json_boolean(g->T->eq103_in_kernel));
        for (int i = 0; i < 3; i++) {
            json_t *c = json_object();
            json_object_set_new(c, "element", json_string(eq_b18_names[i]));
            json_object_set_new(c, "coefficient",
                                expr_json(ng_vec_srcentry(g->T->p1l2, i, R), R, d));
            json_object_set_new(c, "eqB18", cmp_json(&rep->b18[i]));
            json_object_set_new(c, "equation", json_integer(23 + i));
            json_object_set_new(c, "eqB23_B25", cmp_json(&rep->b23[i]));
            json_array_append_new(b18, c);
        }
    }
    json_object_set_new(doc, "kernel_p0l1p0", kernel);
    if (g->T->dmat_printed[0] != NULL) {
        json_t *b13 = json_array();
        for (int col = 0; col < 4; col++) {
            json_t *o = json_object(), *dif = json_array();
            json_object_set_new(o, "equation", json_integer(13 + col));
            for (int nu = 0; nu < 2; nu++)
                for (int row = 0; row < 4; row++) {
                    ng_srcptr dv = ng_vec_srcentry(g->T->dmat[nu], 4 * row + col, R);
                    ng_srcptr pv = ng_vec_srcentry(g->T->dmat_printed[nu], 4 * row + col, R);
                    if (!ng_two_spin_b13_b16_differs(NULL, NULL, g->T, nu, row, col))
                        continue;
                    json_array_append_new(dif, json_pack("{s:s,s:s,s:o,s:o}", "bath",
                                                         nu ? "R" : "L", "component",
                                                         (const char *[]){"0", "x", "y", "z"}[row],
                                                         "derived", expr_json(dv, R, d),
                                                         "printed", expr_json(pv, R, d)));
                }
            json_object_set_new(o, "agrees", json_boolean(json_array_size(dif) == 0));
            json_object_set_new(o, "differences", dif);
            json_array_append_new(b13, o);
        }
        json_object_set_new(doc, "eqB13_B16", b13);
        if (g->T->p1l2_printed_d != NULL)
            json_object_set_new(doc, "eqB18_same_with_printed_B13_B16",
                                json_boolean(rep->S->b18_same_with_printed_d));
    }
    json_object_set_new(doc, "p1_l2_rho0", b18);
    json_object_set_new(doc, "eq44_holds", json_boolean(g->T->eq44_holds));
    json_object_set_new(sol, "t1", expr_json(g->T->t1, R, d));
    json_object_set_new(sol, "t2", expr_json(g->T->t2, R, d));
    json_object_set_new(sol, "g", expr_json(g->T->g, R, d));
    json_object_set_new(sol, "rhoA", expr_json(g->T->rhoA, R, d));
    json_object_set_new(doc, "solution", sol);
    if (rep->S->have_equal) {
        json_t *eq = json_array();
        for (int i = 0; i < 3; i++)
            json_array_append_new(eq, cmp_json(&rep->eq111[i]));
        json_object_set_new(doc, "equal_baths_eq111_113", eq);
        if (rep->S->have_K) {
            const ng_two_spin_study_struct *S = rep->S;
            const ng_ring_struct *Re = S->equal.M->R;
            json_t *k = json_object();
            json_object_set_new(k, "value", expr_json(S->K, Re, d));
            json_object_set_new(k, "eq114", cmp_json(&rep->eq114));
            for (int i = 0; i < 2; i++) /* u_θ = 1, 0 */
                json_object_set_new(k, i ? "theta_to_0" : "theta_pi_2",
                                    S->have_K_limit[i] ? expr_json(S->K_limit[i], Re, d)
                                                       : json_null());
            json_object_set_new(doc, "K", k);
        }
    }
    if (rep->held != NULL) { /* numbers held as free names, and K there */
        json_t *h = json_object();
        json_object_set_new(h, "given", json_string(rep->held));
        if (rep->S->K_held_ok)
            json_object_set_new(h, "K", ng_report_json_arb(rep->S->K_held, d,
                                                           ng_report_json_warnings(doc), "K"));
        else
            json_object_set_new(h, "K_needs", json_string(rep->K_missing));
        json_object_set_new(doc, "held_as_symbols", h);
    }
    if (rep->S->have_flat && rep->S->flat.ok)
        json_object_set_new(doc, "theta_pi_2_t1_minus_t2",
                            expr_json(rep->S->flat_diff, rep->S->flat.M->R, d));
    ng_report_json_write(out, doc);
    json_decref(doc);
}

/* ------------------------------------------------------------------ LaTeX */

/* A long product of sums broken into lines of align* at signs outside
 * braces; \left( \right) become \bigl( \bigr), which may span lines. */
static void latex_broken_sum(FILE *out, const char *s)
{
    int depth = 0, width = 0;
    for (const char *p = s; *p; p++, width++) {
        if (strncmp(p, "\\left(", 6) == 0 || strncmp(p, "\\right)", 7) == 0) {
            fputs(p[1] == 'l' ? "\\bigl(" : "\\bigr)", out);
            p += p[1] == 'l' ? 5 : 6;
            continue;
        }
        if (*p == '{')
            depth++;
        if (*p == '}')
            depth--;
        if (depth == 0 && width > 110 && p[0] == ' ' && (p[1] == '+' || p[1] == '-') &&
            p[2] == ' ') {
            fputs(" \\\\\n&\\quad", out);
            width = 0;
        }
        fputc(*p, out);
    }
}

/* lhs = x; a long rational function is written as N/D with N and D broken
 * over lines. */
static void latex_elem(FILE *out, const char *lhs, ng_srcptr x, const ng_ring_t R,
                       slong digits, const char *tag)
{
    char *s = ng_elem_get_latex_factored(x, digits, R);
    if (strlen(s) < 160 || R->kind != NG_QQ_PARAMS) {
        fprintf(out, "\\begin{equation}\n%s = %s %s%s%s\n\\end{equation}\n", lhs, s,
                tag ? "\\tag{" : "\\notag", tag ? tag : "", tag ? "}" : "");
    } else {
        char *ps[2];
        fraction_parts_latex(&ps[0], &ps[1], x, R, digits);
        fprintf(out, "\\begin{equation}\n%s = N/D %s%s%s\n\\end{equation}\nwith\n"
                     "\\begin{align*}\nN &= ",
                lhs, tag ? "\\tag{" : "\\notag", tag ? tag : "", tag ? "}" : "");
        latex_broken_sum(out, ps[0]);
        fprintf(out, ", \\\\\nD &= ");
        latex_broken_sum(out, ps[1]);
        fprintf(out, ".\n\\end{align*}\n");
        flint_free(ps[0]);
        flint_free(ps[1]);
    }
    flint_free(s);
}

static void latex_cmp(FILE *out, const char *what, const comparison *c)
{
    int display = c->factor != NULL && strlen(c->factor_latex) > 60;
    if (display && c->num_latex != NULL && ng_latex_width(c->factor_latex) > 70) {
        /* too wide for one line: derived/printed = N/D, each broken */
        fprintf(out, "%s: \\textbf{%s}, with derived/printed $= N/D$,\n"
                     "\\begin{align*}\nN &= ", what, cmp_word(c));
        latex_broken_sum(out, c->num_latex);
        fprintf(out, ", \\\\\nD &= ");
        latex_broken_sum(out, c->den_latex);
        fprintf(out, ".\n\\end{align*}\n\n");
        return;
    }
    fprintf(out, "%s: \\textbf{%s}%s%s%s.\n\n", what, cmp_word(c),
            c->factor ? (display ? ", with\n\\[ \\frac{\\text{derived}}{\\text{printed}} = "
                                 : " (derived/printed $= ")
                      : "",
            c->factor ? c->factor_latex : "", c->factor ? (display ? " \\]" : "$)") : "");
}

static void write_latex(FILE *out, const report *rep, const ng_emit_opts *o)
{
    const run *g = &rep->S->general;
    const ng_ring_struct *R = g->M->R;
    slong d = o->digits;
    char what[128];
    ng_report_latex_begin(out, o->standalone, "The two-spin theory, derived (Sect.~IV\\,B, App.~B)",
                            o->command_line);
    fprintf(out, "All quantities below are computed by nessgen from the operator algebra in "
                 "%s arithmetic%s; printed formulas of the paper are only compared against.\n\n",
            ng_ring_kind_name(R),
            ng_ring_param_index(R, "u_theta") >= 0 ? ", with $u_\\theta = \\tan(\\theta/2)$" : "");
    fprintf(out, "\\paragraph{Step 1: $\\mathcal{P}_0\\mathcal{L}_1$ on "
                 "$\\operatorname{Ker}\\mathcal{L}_0$ (Eqs.~87--95).} "
                 "The table is \\texttt{derivations/p0l1\\_tilted\\_ising.tex}; its constants:\n");
    latex_elem(out, "\\alpha_+", g->T->alpha_plus, R, d, NULL);
    latex_elem(out, "\\Delta\\alpha^z", g->T->delta_alpha_z, R, d, "B21");
    fprintf(out, "\\paragraph{Step 2: $\\operatorname{Ker}\\mathcal{P}_0\\mathcal{L}_1"
                 "\\mathcal{P}_0$ (Eq.~96).} The nullspace has dimension %ld; besides "
                 "$\\sigma^{00}, \\sigma^{zz}, \\sigma^{0z}+\\sigma^{z0}$ it holds ",
            (long)g->T->P->dim_p1);
    if (g->T->gamma_defined) {
        fprintf(out, "$\\rho^{\\mathrm{C}'} = \\rho^{\\mathrm{C}} - \\gamma\\rho^{\\mathrm{A}}$ "
                     "(Eq.~97) with $\\gamma$ read off the kernel:\n");
        latex_elem(out, "\\gamma", g->T->gamma, R, d, "98");
        latex_cmp(out, "Against $\\gamma = \\alpha_+/\\Delta\\alpha^z$ (Eq.~98)", &rep->gamma);
        latex_cmp(out, "Against the printed Eq.~B22", &rep->gamma_b22);
        fprintf(out, "\\paragraph{Step 3: the general form Eq.~103} with unknowns $t_1, t_2, "
                     "g$ satisfies $\\mathcal{P}_0\\mathcal{L}_1\\rho_0 = 0$: \\textbf{%s}.\n\n",
                g->T->eq103_in_kernel ? "holds" : "fails");
        if (g->T->dmat_printed[0] != NULL) {
            fprintf(out, "\\paragraph{Step 4a: the single-spin dissipators (Eqs.~B13--B16).} "
                         "$\\mathcal{D}_\\nu\\sigma^\\mu$ on the bath's spin, derived from "
                         "Eq.~7 with $S_\\nu$ of Eq.~B9, against the printed forms with "
                         "$a_\\nu = c_\\nu\\sin\\theta$, $b_\\nu = d_\\nu\\cos\\theta$:\n\n");
            b13_b16_report(out, g, 1, d);
            if (g->T->p1l2_printed_d != NULL)
                fprintf(out, "Eq.~B18 recomputed with the printed B13--B16 in place of the "
                             "derived dissipators: \\textbf{%s}.\n\n",
                        rep->S->b18_same_with_printed_d
                            ? "the same" : "different");
            if (g->T->p1l2_printed_d != NULL && rep->S->b18_same_with_printed_d)
                fprintf(out, "What the differing entries change, $\\sigma^x\\to\\sigma^z$ "
                             "on one spin, is not in $\\operatorname{Ker}\\mathcal{L}_0$ "
                             "for the $\\sigma^x$-parts of $\\rho_0$ (they sit in "
                             "$\\rho^{\\mathrm{A}}$ and $\\rho^{\\mathrm{B}}$, whose partner spin carries "
                             "$\\sigma^{x,y}$), so $\\mathcal{P}_0$ removes it.\n\n");
        }
        fprintf(out, "\\paragraph{Step 4: $\\mathcal{P}_1\\mathcal{L}_2\\rho_0$ (Eqs.~B17--B18).}"
                     " Its coefficients on $\\sigma^{zz}$, $\\sigma^{0z}+\\sigma^{z0}$ and "
                     "$\\rho^{\\mathrm{C}'}$ (that on $\\sigma^{00}$ vanishes):\n");
        for (int i = 0; i < 3; i++) {
            static const char *const lhs[3] = {"c_{zz}", "c_{0z+z0}", "c_{\\mathrm{C}'}"};
            latex_elem(out, lhs[i], ng_vec_srcentry(g->T->p1l2, i, R), R, d, NULL);
            snprintf(what, sizeof what, "Against Eq.~B18");
            latex_cmp(out, what, &rep->b18[i]);
            snprintf(what, sizeof what, "Setting it to zero against Eq.~B%d", 23 + i);
            latex_cmp(out, what, &rep->b23[i]);
        }
    } else {
        fprintf(out, "$\\rho^{\\mathrm{A}}$: here $\\Delta\\alpha^z = 0$, so $\\gamma = "
                     "\\alpha_+/\\Delta\\alpha^z$ is undefined and $\\rho^{\\mathrm{C}'}$ "
                     "degenerates to its limit direction $\\rho^{\\mathrm{A}}$; Eq.~103 does "
                     "not apply.\n\n");
    }
    fprintf(out, "Appendix A, $\\mathcal{P}_1\\mathcal{L}_1(\\mathcal{Q}_0\\mathcal{L}_0"
                 "\\mathcal{Q}_0)^{-1}\\mathcal{L}_1\\mathcal{P}_1 = 0$ (Eq.~44): \\textbf{%s}."
                 "\n\n",
            g->T->eq44_holds ? "holds" : "fails");
    fprintf(out, "\\paragraph{Step 5: the solution} of "
                 "$\\mathcal{P}_1\\mathcal{L}_2\\rho_0 = 0$, $\\operatorname{Tr}\\rho_0 = 1$, "
                 "for general $c_\\nu, d_\\nu, t_\\nu$ (the paper solves only the equal case):\n");
    latex_elem(out, "t_1", g->T->t1, R, d, NULL);
    latex_elem(out, "t_2", g->T->t2, R, d, NULL);
    latex_elem(out, "g", g->T->g, R, d, NULL);
    if (rep->S->have_equal) {
        fprintf(out, "\\paragraph{Step 6: equal baths} $c_{\\mathrm{L}} = c_{\\mathrm{R}} = c$, "
                     "$d_{\\mathrm{L}} = d_{\\mathrm{R}} = d$, against Eqs.~111--113 with $K$ of "
                     "Eq.~114 (an identity of rational functions):\n\n");
        for (int i = 0; i < 3; i++) {
            snprintf(what, sizeof what, "$%s$ against Eq.~%d", i == 0 ? "t_1" : (i == 1 ? "t_2" : "g"),
                     111 + i);
            latex_cmp(out, what, &rep->eq111[i]);
        }
        if (rep->K != NULL && rep->K_limit[0] != NULL && rep->K_limit[1] != NULL) {
            if (rep->K_display != NULL)
                fprintf(out, "The solution is $t_{1,2} = \\frac{t_{\\mathrm{L}} + "
                             "t_{\\mathrm{R}}}{2} \\pm \\frac{K}{2}(t_{\\mathrm{L}} - "
                             "t_{\\mathrm{R}})$ with, derived (in $u_\\theta$),\n%s"
                             "and, in the paper's form (Eq.~114, identical as a rational "
                             "function, as compared below),\n\\begin{equation}\nK = "
                             "\\frac{c(t_{\\mathrm{L}} - t_{\\mathrm{R}})^2\\cos^4\\theta}"
                             "{c(t_{\\mathrm{L}} - t_{\\mathrm{R}})^2\\cos^4\\theta + "
                             "\\sin^2\\theta\\,(2d\\cos^2\\theta + c\\sin^2\\theta)}. "
                             "\\notag\n\\end{equation}\n",
                        rep->K_display);
            latex_cmp(out, "$K = (t_1 - t_2)/(t_{\\mathrm{L}} - t_{\\mathrm{R}})$ from this "
                           "solution against Eq.~114", &rep->eq114);
            fprintf(out, "Its limits: $K = %s$ at $\\theta = \\pi/2$ and $K \\to %s$ as "
                         "$\\theta \\to 0$.\n\n",
                    rep->K_limit[0] ? rep->K_limit[0] : "?",
                    rep->K_limit[1] ? rep->K_limit[1] : "?");
        }
    }
    if (rep->held != NULL) {
        const ng_model_struct *Mg = rep->S->general.M;
        fprintf(out, "\\paragraph{Numbers held as symbols.} ");
        for (slong i = 0; i < Mg->nheld; i++) {
            fprintf(out, "%s", i == 0 ? "" : (i + 1 < Mg->nheld ? ", " : " and "));
            latex_assignment(out, Mg->held_keys[i]);
        }
        fprintf(out, " cannot be held exactly next to the free names, so the derivation "
                     "keeps them symbolic; ");
        if (rep->K_held != NULL) {
            fprintf(out, "there, with the baths as given, $(t_1 - t_2)/(t_{\\mathrm{L}} - "
                         "t_{\\mathrm{R}}) = ");
            fputs(rep->K_held_latex, out);
            fprintf(out, "$ (certified, rounded to %ld decimal places).\n\n", (long)d);
        } else {
            fprintf(out, "the closed forms above need values for ");
            latex_names(out, rep->K_missing);
            fprintf(out, " to be evaluated there.\n\n");
        }
    }
    if (rep->S->have_flat && rep->S->flat.ok) {
        fprintf(out, "\\paragraph{Step 7: $\\theta = \\pi/2$} (transverse Ising):\n");
        latex_elem(out, "t_1 - t_2", rep->S->flat_diff, rep->S->flat.M->R, d, NULL);
    }
    ng_report_latex_end(out, o->standalone);
}

void ng_two_spin_study_write(FILE *out, const ng_two_spin_study_t S, const ng_emit_opts *o)
{
    report rep;
    memset(&rep, 0, sizeof rep);
    rep.S = S;
    compare_all(&rep, o->digits);
    if (o->format == NG_FORMAT_JSON)
        write_json(out, &rep, o);
    else if (o->format == NG_FORMAT_LATEX)
        write_latex(out, &rep, o);
    else
        write_text(out, &rep, o->digits);
    comparisons_clear(&rep);
}
