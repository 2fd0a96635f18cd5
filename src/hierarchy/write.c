/* The writers of `nessgen hierarchy` (hierarchy.h): the N-spin local
 * hierarchy of Sect. IV C (Eqs. 121–150) and the second route to Eq. 150
 * as text, a LaTeX derivation (align environments with the paper's
 * equation numbers) or JSON (schemas/hierarchy.json). */
#include <stdlib.h>
#include <string.h>

#include "nessgen/emit.h"
#include "nessgen/hierarchy.h"
#include "nessgen/report.h"

#include "write_internal.h"

const char *const _ng_hier_comp_name[6] = {"B", "A", "C", "(s0z+sz0)", "szz", "s00"};
static const char *const comp_latex[6] = {"\\rho^{\\mathrm{B}}", "\\rho^{\\mathrm{A}}",
                                          "\\rho^{\\mathrm{C}}",
                                          "(\\sigma^{0z}+\\sigma^{z0})", "\\sigma^{zz}",
                                          "\\sigma^{00}"};

/* ---- names ------------------------------------------------------------ */

/* The generic preset's mean-field symbols in the paper's notation:
 * α_1^z = xL_z, α_N^z = xR_z (Ȳ = 1); rewritten in place. */
static char *paper_names(char *s, int latex)
{
    static const char *const from[2][2] = {{"xL_z", "xR_z"}, {"x_{L,z}", "x_{R,z}"}};
    static const char *const to[2][2] = {{"alpha_1^z", "alpha_N^z"},
                                         {"\\alpha^z_1", "\\alpha^z_N"}};
    for (int k = 0; k < 2; k++) {
        char *p;
        while ((p = strstr(s, from[latex][k])) != NULL) {
            size_t a = strlen(from[latex][k]), b = strlen(to[latex][k]), n = strlen(s);
            char *t = flint_malloc(n + b - a + 1);
            memcpy(t, s, (size_t)(p - s));
            strcpy(t + (p - s), to[latex][k]);
            strcat(t, p + a);
            flint_free(s);
            s = t;
        }
    }
    return s;
}

/* a b c d, concatenated (flint_malloc'd) */
static char *joined(const char *a, const char *b, const char *c, const char *d)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(d) + 1;
    char *res = flint_malloc(n);
    snprintf(res, n, "%s%s%s%s", a, b, c, d);
    return res;
}

static int fewer_terms(ng_srcptr q, ng_srcptr c, const ng_ring_t R)
{
    slong qn, qd, cn, cd;
    ng_elem_nterms(&qn, &qd, q, R);
    ng_elem_nterms(&cn, &cd, c, R);
    return qn + qd < cn + cd;
}

/* Coefficient text in one notation: a multiple q·α_+ is written "qα_+"
 * ("2\alpha_+", "-\frac{1}{4}\alpha_+"), a quotient q/α_+ with a polynomial q
 * is written "\frac{q}{\alpha_+}" — α_xx + α_yy never appears — and the mean
 * fields as α^z_1, α^z_N. */
static char *coefficient_str(ng_srcptr c, const ng_hier_chain_struct *C, int latex, int *is_sum)
{
    const ng_ring_struct *R = C->M->R;
    ng_ptr ap = ng_elem_new(R), q = ng_elem_new(R);
    const char *aps = latex ? "\\alpha_+" : "alpha_+";
    char *s, *res = NULL;
    *is_sum = 0;
    ng_model_alpha_plus(ap, C->M);
    if (R->kind == NG_QQ_PARAMS && ng_elem_is_zero(ap, R) == T_FALSE) {
        /* c = q α_+ */
        int times = ng_elem_div(q, c, ap, R) && fewer_terms(q, c, R) &&
                    ng_elem_is_polynomial(q, R) && !ng_elem_is_sum(q, R);
        int over = 0;
        if (!times && ng_elem_is_zero(c, R) == T_FALSE) {
            ng_elem_mul(q, c, ap, R);
            over = fewer_terms(q, c, R) && ng_elem_is_polynomial(q, R);
        }
        if (times) {
            s = latex ? ng_elem_get_latex(q, 10, R) : ng_elem_get_str(q, 10, R);
            if (strcmp(s, "1") == 0 || strcmp(s, "-1") == 0)
                res = joined(s[0] == '-' ? "-" : "", "", aps, "");
            else
                res = joined(s, latex ? "" : "*", aps, "");
            flint_free(s);
        } else if (over) {
            /* c = q / α_+ with q a polynomial */
            int sum = ng_elem_is_sum(q, R), neg;
            s = latex ? ng_elem_get_latex(q, 10, R) : ng_elem_get_str(q, 10, R);
            neg = !sum && s[0] == '-';
            if (latex)
                res = joined(neg ? "-\\frac{" : "\\frac{", s + neg, "}{\\alpha_+}", "");
            else
                res = joined(sum ? "(" : "", s, sum ? ")/" : "/", aps);
            flint_free(s);
            *is_sum = sum && !latex;
        }
    }
    if (res == NULL) {
        res = latex ? ng_elem_get_latex(c, 10, R) : ng_elem_get_str(c, 10, R);
        *is_sum = ng_elem_is_sum(c, R);
    }
    ng_elem_free(ap, R);
    ng_elem_free(q, R);
    return paper_names(res, latex);
}

/* One term "± coefficient · name" of a sum (the first without its "+");
 * frees cs. */
static void put_term(FILE *out, char *cs, int is_sum, const char *name, int *first, int latex)
{
    char *term = ng_term_get_str(cs, is_sum, name, *first, latex);
    fputs(term, out);
    flint_free(term);
    flint_free(cs);
    *first = 0;
}

void _ng_hier_print_terms(FILE *out, const ng_hier_terms_t T, const ng_hier_chain_struct *C,
                          int latex, int skip_first)
{
    int first = 1;
    for (slong i = 0; i < T->length; i++) {
        int is_sum;
        char name[256], *cs;
        if (i < skip_first || ng_elem_is_exact_zero(ng_vec_srcentry(T->coeffs, i, C->M->R),
                                                    C->M->R))
            continue;
        cs = coefficient_str(ng_vec_srcentry(T->coeffs, i, C->M->R), C, latex, &is_sum);
        if (latex)
            ng_hier_key_latex(name, sizeof name, T->keys[i]);
        else
            snprintf(name, sizeof name, "%s", T->keys[i]);
        put_term(out, cs, is_sum, name, &first, latex);
    }
    if (first)
        fputs("0", out);
}

/* Prints a solved form "t_a - t_b = rest" from S of ng_hier_terms_solve (S[0] = t_a,
 * the other t key with coefficient −1 goes left, the rest is negated). */
static void print_solved(FILE *out, const ng_hier_terms_t S, const ng_hier_chain_struct *C, int latex)
{
    const ng_ring_struct *R = C->M->R;
    ng_hier_terms_t rest;
    ng_ptr m = ng_elem_new(R);
    char a[64], b[64] = "";
    ng_hier_terms_init(rest);
    for (slong i = 1; i < S->length; i++) {
        if (S->keys[i][0] == 't' && b[0] == '\0') {
            if (latex)
                ng_hier_key_latex(b, sizeof b, S->keys[i]);
            else
                snprintf(b, sizeof b, "%s", S->keys[i]);
            continue;
        }
        ng_elem_neg(m, ng_vec_srcentry(S->coeffs, i, R), R);
        ng_hier_terms_add(rest, S->keys[i], m, R);
    }
    if (latex)
        ng_hier_key_latex(a, sizeof a, S->keys[0]);
    else
        snprintf(a, sizeof a, "%s", S->keys[0]);
    fprintf(out, "%s - %s = ", a, b);
    _ng_hier_print_terms(out, rest, C, latex, 0);
    ng_hier_terms_clear(rest, R);
    ng_elem_free(m, R);
}

/* ---- the general-N form, Eqs. 149–150 ----------------------------------- */

static void print_general(FILE *out, const ng_hier_general_t G, const ng_hier_terms_t T,
                          const ng_hier_chain_struct *C, int latex)
{
    int first = 1;
    for (slong g = 0; g < G->length; g++) {
        int is_sum;
        char name[8192], lat[256], *cs;
        if (strncmp(G->terms[g].pattern, "t[", 2) == 0)
            continue;
        cs = coefficient_str(ng_vec_srcentry(T->coeffs, G->terms[g].coeff, C->M->R), C, latex, &is_sum);
        if (latex)
            ng_hier_key_latex(lat, sizeof lat, G->terms[g].pattern);
        if (G->terms[g].sum)
            snprintf(name, sizeof name,
                     latex ? "\\sum_{l=%d}^{N-%d} %s" : "sum_{l=%d}^{N-%d} %s", G->terms[g].lo,
                     G->terms[g].hi, latex ? lat : G->terms[g].pattern);
        else
            snprintf(name, sizeof name, "%s", latex ? lat : G->terms[g].pattern);
        put_term(out, cs, is_sum, name, &first, latex);
    }
    if (first)
        fputs("0", out);
}

static char *general_text(const ng_hier_terms_t T, int N, const ng_hier_chain_struct *C, int latex)
{
    ng_hier_general_t G;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ng_hier_general_init(G);
    ng_hier_general_form(G, T, N, C->M->R);
    print_general(f, G, T, C, latex);
    fclose(f);
    ng_hier_general_clear(G);
    return buf;
}

/* The general form of Eq. 149 (expect = 0) or 150 derived at N, as text. */
static char *general_at(const ng_hier_derivation_struct *D, int N, int expect)
{
    return general_text(expect ? D->rhs_e[N] : D->rhs[N], N, D->cs[N], 0);
}

static const char *truth_word(truth_t t)
{
    return t == T_TRUE ? "holds" : (t == T_FALSE ? "FAILS" : "undecided");
}

static const char *const window_eqs[3][3] = {
    {"130/131", "130/132", "130/133"}, {"136/137", "136/138", "136/139"},
    {"140", "141", "142"}};
static const char *const window_title[3] = {
    "Bulk: P_(l,l+1) P0 (L_I(l-1,l) + L_I(l,l+1) + L_I(l+1,l+2)) rho0 = 0 (Eq. 125)",
    "Left edge: P_(1,2) P0 (L_E(1) + L_I(1,2) + L_I(2,3)) rho0 = 0 (Eq. 134)",
    "Right edge: P_(N-1,N) P0 (L_I(N-2,N-1) + L_I(N-1,N) + L_E(N)) rho0 = 0"};

/* The smallest N from which the derived general forms all coincide. */
static int same_from(const ng_hier_derivation_struct *D, int Nsum, int expect)
{
    char *last = general_at(D, Nsum, expect);
    int N = Nsum;
    while (N > 3) {
        char *g = general_at(D, N - 1, expect);
        int same = strcmp(g, last) == 0;
        free(g);
        if (!same)
            break;
        N--;
    }
    free(last);
    return N;
}

static void write_text(FILE *out, const ng_hier_derivation_struct *D)
{
    const ng_hier_chain_struct *C = D->c4;
    const ng_ring_struct *R = C->M->R;
    int NC = NG_HIER_COMPARE_N, Nsum = D->nsum;
    char *g;
    fprintf(out, "The N-spin local hierarchy (Sect. IV C), derived with symbolic alpha_jk, "
                 "t_l and bath mean fields alpha_1^z = xL_z, alpha_N^z = xR_z.\n\n");
    fprintf(out, "Eq. 121: P0 L_I(l,l+1) rho_PLE = [");
    _ng_hier_print_terms(out, D->eq121_terms, C, 0, 0);
    fprintf(out, "] rhoB(l,l+1) x (rho_LE elsewhere); factorisation %s\n",
            truth_word(D->eq121_factorises));
    fprintf(out, "Eq. 122: P0 L_E(1) rho_PLE = P0 L_E(N) rho_PLE = 0: %s\n", truth_word(D->eq122));
    fprintf(out, "Eq. 123: P_(l) P0 L1 rho_PLE = 0 for every l: %s\n", truth_word(D->eq123));
    fprintf(out, "Eq. 124: P_(l,l+1) P0 L_I(m,m+1) = 0 for |m-l| >= 2, and P_(l,l+1) P0 L_E(e) = 0 "
                 "for e not in {l,l+1}: %s (%ld pairs, every Pauli string of the sites "
                 "involved, N = 4)\n\n",
            truth_word(D->eq124), (long)D->eq124_pairs);
    fprintf(out, "Eq. 127 allows every Ker L0 element of weight >= 2 (it excludes exactly "
                 "the identity and the single sigma^z_m, which rho_PLE fixes);\n"
                 "unknowns are normalised with sigma^0/2 off their support (Eq. 129).\n"
                 "Names: cA[l-1*,l,l+1] = c^A_{bar(l-1),l,l+1}, * marks the sigma^z site.\n");
    for (int w = 0; w < 3; w++) {
        const ng_hier_window_struct *W = D->win[w];
        fprintf(out, "\n%s\n", window_title[w]);
        fprintf(out, "  %ld window elements allowed by Eq. 127, %ld contribute (Eq. %s):\n",
                (long)W->nallowed, (long)W->ncontrib, w == 0 ? "128" : (w == 1 ? "135" : "135 mirrored"));
        for (slong i = 0; i < W->E->U->length; i++)
            if (ng_hier_bond_contributes(W->E, i, R))
                fprintf(out, "    %-16s %s\n", W->E->U->ctext[i], W->E->U->etext[i]);
        for (int c = 0; c < 6; c++) {
            if (c >= 3 && W->comp[c]->length == 0)
                continue;
            fprintf(out, "  %s%s: ", c < 3 ? "rho" : "", _ng_hier_comp_name[c]);
            _ng_hier_print_terms(out, W->comp[c], C, 0, 0);
            fprintf(out, " = 0    (%s%s)\n", c < 3 ? "Eq. " : "",
                    c < 3 ? window_eqs[w][c] : "not in the paper");
        }
        {
            ng_hier_terms_t S;
            ng_hier_terms_init(S);
            ng_hier_terms_solve(S, W->comp[0], R);
            fprintf(out, "  solved: ");
            print_solved(out, S, C, 0);
            fprintf(out, "    (Eq. %s)\n", w == 0 ? "144-147" : (w == 1 ? "143" : "148"));
            ng_hier_terms_clear(S, R);
        }
    }
    fprintf(out, "\nTelescoped sum of the rhoB equations of every bond (full L1, windows l-1..l+2):\n");
    for (int N = 3; N <= Nsum; N++) {
        char *kap = coefficient_str(D->sum[N]->kappa, D->cs[N], 0, (int[]){0});
        fprintf(out, "  N = %d: sum of the rho_PLE parts = (%s)(t_N - t_1); t_N - t_1 = ", N, kap);
        _ng_hier_print_terms(out, D->rhs[N], D->cs[N], 0, 0);
        fprintf(out, "\n");
        flint_free(kap);
    }
    g = general_at(D, Nsum, 0);
    fprintf(out, "  general form (identical as derived for N = %d..%d):  t_N - t_1 = %s    (Eq. 149)\n",
            same_from(D, Nsum, 0), Nsum, g);
    free(g);
    fprintf(out, "\nConversion c_e = <O_e> / Tr(e O_e), O_e = e without the sigma^0/2 factors:\n");
    for (slong i = 0; i < D->sum[NC]->U->length; i++) {
        char *f = ng_elem_get_str(ng_vec_srcentry(D->sum[NC]->factor, i, D->cs[NC]->M->R), 10,
                                  D->cs[NC]->M->R);
        fprintf(out, "  %-12s <%s> = %s * %s\n", D->sum[NC]->U->ctext[i],
                D->sum[NC]->U->etext[i], f, D->sum[NC]->U->ctext[i]);
        flint_free(f);
    }
    g = general_at(D, Nsum, 1);
    fprintf(out, "  general form (identical for N = %d..%d): t_N - t_1 = %s    (Eq. 150, generic bath)\n",
            same_from(D, Nsum, 1), Nsum, g);
    free(g);
    if (D->cp->ready) {
        g = general_text(D->rhs_p, NC, D->cp, 0);
        fprintf(out, "  with alpha_1^z = -alpha_zz tL, alpha_N^z = -alpha_zz tR:  t_N - t_1 = %s"
                     "    (Eq. 150)\n", g);
        free(g);
    }
    fprintf(out, "\nGeneric alpha: the parameters in the bond equations are {%s}; alpha_xx, "
                 "alpha_yy enter only through alpha_+: %s.\n",
            D->symbols, D->generic_only_sum ? "yes" : "NO");
    if (D->k != NULL) {
        const ng_ring_struct *RC = D->cs[NC]->M->R;
        char *ks = ng_elem_get_str(D->k, 10, RC);
        char *jn = ng_op_get_str(D->Jn, 10, RC), *l2 = ng_op_get_str(D->L2O, 10, RC);
        fprintf(out, "\nRoute 2 (N = %d): O = sum_l (X_l Y_{l+1} - Y_l X_{l+1}), [H0, O] = 0;\n"
                     "  Tr(O L1 rho) = <J0> + <Jn>, J0 = i[P0 H1, O], Jn = i[Q0 H1, O].\n"
                     "  J0 = k * Delta with <Delta> = LHS - RHS of Eq. 150 (generic bath): %s, "
                     "k = %s\n",
                NC, truth_word(D->route_ok), ks);
        fprintf(out, "  so the first-order condition Tr(O P0 L1 rho0) = 0 is Eq. 150 times k.\n"
                     "  Finite lambda, exact NESS rho:  LHS - RHS = -(lambda <L2^dag(O)> + <Jn>) / k\n"
                     "  Jn = %s\n  L2^dag(O) = %s\n", jn, l2);
        flint_free(ks);
        flint_free(jn);
        flint_free(l2);
    }
}

/* ---- LaTeX: long sums broken to fit the page ------------------------------ */

#define LINE_ALIGN 62.0  /* estimated widths (ng_latex_width) per line */
#define LINE_MULTLINE 70.0

static char *terms_latex(const ng_hier_terms_t T, const ng_hier_chain_struct *C)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    _ng_hier_print_terms(f, T, C, 1, 0);
    fclose(f);
    return buf;
}

/* One row "label & sum = 0" of an align, broken; the tag on its last line. */
static void latex_align_row(FILE *out, const char *label, const char *sum, const char *rhs,
                            const char *tag, int last)
{
    fprintf(out, "%s & ", label);
    ng_latex_write_broken(out, sum, LINE_ALIGN, " \\notag \\\\\n& \\quad ");
    if (tag != NULL)
        fprintf(out, "%s \\tag{%s}", rhs, tag);
    else
        fprintf(out, "%s \\notag", rhs);
    fputs(last ? "\n" : " \\\\\n", out);
}

/* \begin{multline} lhs sum \tag{tag} \end{multline}, broken */
static void latex_multline(FILE *out, const char *lhs, const char *sum, const char *tag)
{
    fprintf(out, "\\begin{multline}\n%s", lhs);
    ng_latex_write_broken(out, sum, LINE_MULTLINE, " \\\\\n");
    fprintf(out, " \\tag{%s}\n\\end{multline}\n", tag);
}

static void write_latex(FILE *out, const ng_hier_derivation_struct *D, const ng_emit_opts *o)
{
    int Nsum = D->nsum;
    const ng_hier_chain_struct *C = D->c4;
    const ng_ring_struct *R = C->M->R;
    static const char *const tags[3][3] = {{"130, 131", "130, 132", "130, 133"},
                                           {"136, 137", "136, 138", "136, 139"},
                                           {"140", "141", "142"}};
    static const char *const solved_tag[3] = {"144--147", "143", "148"};
    char *sum;
    ng_report_latex_begin(out, o->standalone, "The $N$-spin local hierarchy (Sect.~IV\\,C), derived",
                            o->command_line);
    fprintf(out, "Derived by nessgen with every $\\alpha_{jk}$ symbolic (symmetric), symbolic "
                 "local $t_l$, and bath mean fields $\\alpha^z_1$, $\\alpha^z_N$ (the generic "
                 "preset's $x_{L,z}$, $x_{R,z}$ with $\\bar Y_\\nu = 1$); "
                 "$\\alpha_+ = \\alpha_{xx} + \\alpha_{yy}$.  Unknown coefficients carry "
                 "the normalisation of Eq.~(129).\n\n");
    fprintf(out, "\\paragraph{Eqs.~(121)--(124).} ");
    fprintf(out, "\\begin{equation}\\mathcal{P}_0\\mathcal{L}_{\\mathrm{I}(l,l+1)}"
                 "\\rho_{\\mathrm{PLE}} = \\Bigl[");
    _ng_hier_print_terms(out, D->eq121_terms, C, 1, 0);
    fprintf(out, "\\Bigr]\\rho^{\\mathrm{B}}_{l,l+1}\\bigotimes_{m\\neq l,l+1}"
                 "\\rho_{\\mathrm{LE}}(\\beta_m) \\tag{121}\\end{equation}\n");
    fprintf(out, "The factorisation %s; Eq.~(122) %s; Eq.~(123) %s; Eq.~(124), with its bath "
                 "analogue, %s on every Pauli string of the sites involved (%ld pairs).\n\n",
            truth_word(D->eq121_factorises), truth_word(D->eq122), truth_word(D->eq123),
            truth_word(D->eq124), (long)D->eq124_pairs);
    fprintf(out, "Eq.~(127) excludes exactly the identity and the single $\\sigma^z_m$ "
                 "components of $\\rho_a$; every $\\operatorname{Ker}\\mathcal{L}_0$ element "
                 "of weight $\\geq 2$ on the window is allowed.\n");
    for (int w = 0; w < 3; w++) {
        const ng_hier_window_struct *W = D->win[w];
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        int first = 1;
        fprintf(out, "\\paragraph{%s.} Of the %ld allowed window elements, %ld contribute:\n",
                w == 0 ? "Bulk, Eqs.~(125)--(133)"
                       : (w == 1 ? "Left edge, Eqs.~(134)--(139)" : "Right edge, Eqs.~(140)--(142)"),
                (long)W->nallowed, (long)W->ncontrib);
        for (slong i = 0; i < W->E->U->length; i++)
            if (ng_hier_bond_contributes(W->E, i, R)) {
                fprintf(f, "%s%s\\,%s", first ? "" : " + ", W->E->U->clatex[i],
                        W->E->U->elatex[i]);
                first = 0;
            }
        fclose(f);
        latex_multline(out, "\\rho_a = ", buf, w == 0 ? "128" : (w == 1 ? "135" : "135'"));
        free(buf);
        fprintf(out, "The coefficients of $\\rho^{\\mathrm{B}}$, $\\rho^{\\mathrm{A}}$, "
                     "$\\rho^{\\mathrm{C}}$%s in the two-site projection give "
                     "(equations without a number are not in the paper)\n\\begin{align}\n",
                W->other_zero ? "" : " and of the one-site and diagonal elements");
        for (int c = 0; c < 6; c++) {
            char label[96];
            if (c >= 3 && W->comp[c]->length == 0)
                continue;
            snprintf(label, sizeof label, "%s:\\ ", comp_latex[c]);
            sum = terms_latex(W->comp[c], C);
            latex_align_row(out, label, sum, " = 0", c < 3 ? tags[w][c] : NULL, 0);
            free(sum);
        }
        {
            ng_hier_terms_t S;
            char *sbuf = NULL;
            size_t slen = 0;
            FILE *sf = open_memstream(&sbuf, &slen);
            ng_hier_terms_init(S);
            ng_hier_terms_solve(S, W->comp[0], R);
            print_solved(sf, S, C, 1);
            fclose(sf);
            latex_align_row(out, "", sbuf, "", solved_tag[w], 1);
            free(sbuf);
            ng_hier_terms_clear(S, R);
        }
        fprintf(out, "\\end{align}\n");
    }
    fprintf(out, "\\paragraph{Eqs.~(149)--(150).} Adding the $\\rho^{\\mathrm{B}}$ equations "
                 "of all bonds (each with the full $\\mathcal{L}_1$), derived for "
                 "$N = 3,\\dots,%d$; the $\\alpha_+$ terms cancel and the result has, for "
                 "every $N = %d,\\dots,%d$, the form\n",
            Nsum, same_from(D, Nsum, 0), Nsum);
    sum = general_text(D->rhs[Nsum], Nsum, D->cs[Nsum], 1);
    latex_multline(out, "t_N - t_1 = ", sum, "149");
    free(sum);
    fprintf(out, "With $c_e = \\langle O_e\\rangle/\\operatorname{Tr}(e\\,O_e)$ "
                 "($\\operatorname{Tr}(e\\,O_e) = 16$ for the three-site and $8$ for the "
                 "two-site elements, derived):\n");
    sum = general_text(D->rhs_e[Nsum], Nsum, D->cs[Nsum], 1);
    latex_multline(out, "t_N - t_1 = ", sum, "150");
    free(sum);
    if (D->cp->ready) {
        fprintf(out, "and with the bath coupling of the same form as the spin-spin coupling, "
                     "$\\alpha_1^z = -\\alpha_{zz}t_{\\mathrm{L}}$, "
                     "$\\alpha_N^z = -\\alpha_{zz}t_{\\mathrm{R}}$:\n");
        sum = general_text(D->rhs_p, NG_HIER_COMPARE_N, D->cp, 1);
        latex_multline(out, "t_N - t_1 = ", sum, "150");
        free(sum);
    }
    if (D->k != NULL) {
        const ng_ring_struct *RC = D->cs[NG_HIER_COMPARE_N]->M->R;
        char *ks = ng_elem_get_latex(D->k, 10, RC);
        fprintf(out, "\\paragraph{Second route.} With the total spin current "
                     "$O = \\sum_l (\\sigma^x_l\\sigma^y_{l+1} - \\sigma^y_l\\sigma^x_{l+1})$, "
                     "$[H_0, O] = 0$ and $\\operatorname{Tr}(O\\,\\mathcal{L}_1\\rho) = "
                     "\\langle i[H_1, O]\\rangle$.  The magnetisation-conserving part obeys "
                     "$i[\\mathcal{P}_0 H_1, O] = k\\,\\Delta$ exactly (%s, $N = %d$), where "
                     "$\\langle\\Delta\\rangle$ is LHS $-$ RHS of Eq.~(150), with\n"
                     "\\[ k = %s. \\]\nAt finite $\\lambda$ the exact NESS satisfies\n"
                     "\\[ \\mathrm{LHS} - \\mathrm{RHS} = -\\frac{1}{k}\\Bigl(\\lambda\\,"
                     "\\operatorname{Tr}(O\\,\\mathcal{L}_2\\rho) + \\bigl\\langle i[\\mathcal{Q}_0 "
                     "H_1, O]\\bigr\\rangle\\Bigr). \\]\n",
                truth_word(D->route_ok), NG_HIER_COMPARE_N, ks);
        flint_free(ks);
    }
    fprintf(out, "\\paragraph{Generic $\\alpha$.} The bond equations contain only the "
                 "parameters \\texttt{\\detokenize{%s}}; $\\alpha_{xx}$ and $\\alpha_{yy}$ enter only "
                 "through $\\alpha_+$ (%s).  $\\mathcal{P}_0\\mathcal{L}_1$ on "
                 "$\\operatorname{Ker}\\mathcal{L}_0$ sees only the magnetisation-conserving "
                 "part of $H_1$, so $\\alpha_{xy}$, $\\alpha_{xz}$, $\\alpha_{yz}$, "
                 "$\\alpha_{xx}-\\alpha_{yy}$ and $\\alpha^{x,y}_{1,N}$ drop out of "
                 "Eqs.~(121)--(150); they act only through $\\rho_0$ itself.\n",
            D->symbols, D->generic_only_sum ? "derived" : "NOT so");
    ng_report_latex_end(out, o->standalone);
}
static json_t *terms_json(const ng_hier_terms_t T, const ng_hier_chain_struct *C, slong digits)
{
    json_t *arr = json_array();
    for (slong i = 0; i < T->length; i++) {
        json_t *o = json_object();
        char lat[300];
        if (ng_elem_is_exact_zero(ng_vec_srcentry(T->coeffs, i, C->M->R), C->M->R)) {
            json_decref(o);
            continue;
        }
        ng_hier_key_latex(lat, sizeof lat, T->keys[i]);
        json_object_set_new(o, "key", json_string(T->keys[i]));
        json_object_set_new(o, "latex", json_string(lat));
        json_object_set_new(o, "coefficient",
                            ng_json_elem(ng_vec_srcentry(T->coeffs, i, C->M->R), digits, C->M->R));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *op_json(const ng_op_t A, const ng_ring_t R, slong digits)
{
    json_t *arr = json_array();
    for (slong i = 0; i < A->length; i++) {
        char s[NG_MAX_SITES + 1];
        json_t *o = json_object();
        ng_string_get_str(s, A->keys[i].s, A->nsites, NG_PAULI);
        json_object_set_new(o, "pauli", json_string(s));
        json_object_set_new(o, "i_power", json_integer(A->keys[i].im));
        json_object_set_new(o, "coefficient",
                            ng_json_elem(ng_vec_srcentry(A->coeffs, i, R), digits, R));
        json_array_append_new(arr, o);
    }
    return arr;
}

static void write_json(FILE *out, const ng_hier_derivation_struct *D, const ng_emit_opts *opts)
{
    int Nsum = D->nsum;
    char *g149 = general_at(D, Nsum, 0), *g150 = general_at(D, Nsum, 1);
    const ng_hier_chain_struct *C = D->c4;
    const ng_ring_struct *R = C->M->R;
    json_t *doc = ng_emit_json_document(opts, C->M), *wins = json_array(), *sums = json_array();
    json_object_set_new(doc, "eq121_factorises", json_boolean(D->eq121_factorises == T_TRUE));
    json_object_set_new(doc, "eq122_holds", json_boolean(D->eq122 == T_TRUE));
    json_object_set_new(doc, "eq123_holds", json_boolean(D->eq123 == T_TRUE));
    json_object_set_new(doc, "eq124_holds", json_boolean(D->eq124 == T_TRUE));
    for (int w = 0; w < 3; w++) {
        const ng_hier_window_struct *W = D->win[w];
        json_t *o = json_object(), *contrib = json_array();
        json_object_set_new(o, "window", json_string(W->name));
        json_object_set_new(o, "allowed", json_integer(W->nallowed));
        for (slong i = 0; i < W->E->U->length; i++)
            if (ng_hier_bond_contributes(W->E, i, R))
                json_array_append_new(contrib, json_pack("{s:s,s:s,s:s,s:s}", "coefficient",
                                                         W->E->U->ctext[i], "element",
                                                         W->E->U->etext[i], "coefficient_latex",
                                                         W->E->U->clatex[i], "element_latex",
                                                         W->E->U->elatex[i]));
        json_object_set_new(o, "contributing", contrib);
        json_object_set_new(o, "other_components_vanish", json_boolean(W->other_zero));
        for (int c = 0; c < 6; c++) {
            char key[48];
            snprintf(key, sizeof key, "rho%s_equation", _ng_hier_comp_name[c]);
            json_object_set_new(o, key, terms_json(W->comp[c], C, opts->digits));
            snprintf(key, sizeof key, "rho%s_eq", _ng_hier_comp_name[c]);
            json_object_set_new(o, key, json_string(c < 3 ? window_eqs[w][c] : "none"));
        }
        json_array_append_new(wins, o);
    }
    json_object_set_new(doc, "windows", wins);
    for (int N = 3; N <= Nsum; N++) {
        json_t *o = json_object();
        json_object_set_new(o, "N", json_integer(N));
        json_object_set_new(o, "kappa", ng_json_elem(D->sum[N]->kappa, opts->digits, D->cs[N]->M->R));
        json_object_set_new(o, "tN_minus_t1_coefficients", terms_json(D->rhs[N], D->cs[N], opts->digits));
        json_object_set_new(o, "tN_minus_t1_expectations", terms_json(D->rhs_e[N], D->cs[N], opts->digits));
        json_array_append_new(sums, o);
    }
    json_object_set_new(doc, "sums", sums);
    json_object_set_new(doc, "eq149_general", json_string(g149));
    json_object_set_new(doc, "eq150_general", json_string(g150));
    free(g149);
    free(g150);
    if (D->cp->ready) {
        char *g = general_text(D->rhs_p, NG_HIER_COMPARE_N, D->cp, 0);
        json_object_set_new(doc, "eq150_paper_bath", json_string(g));
        free(g);
    }
    if (D->k != NULL) {
        const ng_ring_struct *RC = D->cs[NG_HIER_COMPARE_N]->M->R;
        json_t *r2 = json_object();
        json_object_set_new(r2, "N", json_integer(NG_HIER_COMPARE_N));
        json_object_set_new(r2, "J0_equals_k_Delta", json_boolean(D->route_ok == T_TRUE));
        json_object_set_new(r2, "k", ng_json_elem(D->k, opts->digits, RC));
        json_object_set_new(r2, "identity", json_string(
            "LHS - RHS of Eq. 150 = <Delta> = -(lambda*Tr(O L2 rho) + <Jn>)/k for the exact NESS "
            "rho at coupling lambda; Tr(O L2 rho) = <L2dag_O>"));
        json_object_set_new(r2, "Delta", op_json(D->D, RC, opts->digits));
        json_object_set_new(r2, "Jn", op_json(D->Jn, RC, opts->digits));
        json_object_set_new(r2, "L2dag_O", op_json(D->L2O, RC, opts->digits));
        json_object_set_new(doc, "route2", r2);
    }
    json_object_set_new(doc, "generic_alpha_parameters", json_string(D->symbols));
    json_object_set_new(doc, "alpha_xx_yy_only_via_alpha_plus", json_boolean(D->generic_only_sum));
    ng_report_json_write(out, doc);
    json_decref(doc);
}

void ng_hier_derivation_write(FILE *out, const ng_hier_derivation_t D, const ng_emit_opts *o)
{
    if (o->format == NG_FORMAT_LATEX)
        write_latex(out, D, o);
    else if (o->format == NG_FORMAT_JSON)
        write_json(out, D, o);
    else
        write_text(out, D);
}
