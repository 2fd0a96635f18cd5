/* `nessgen hierarchy compare` (hierarchy.h): the derived equations of
 * Sect. IV C against the printed paper, as Markdown
 * (derivations/paper_comparison.md): the verdict of every printed equation,
 * the elements the printed ansatz leaves out, Eq. 150 with z boundary
 * fields computed by the engine, and Appendix B's Eqs. B13–B16. */
#include <string.h>

#include "nessgen/hierarchy.h"
#include "nessgen/report.h"
#include "nessgen/two_spin.h"

#include "write_internal.h"

/* ---- α_zz = 0 with z boundary fields, computed by the engine ------------ */

#define NBF_MAX 8 /* larger N are not attempted, to keep regeneration short */

/* One row of the table (ng_hier_boundary_study). */
static void boundary_row(FILE *out, const ng_hier_boundary_row *r)
{
    fprintf(out, "| %d | %s%s | %s | ", r->N, r->eigen ? "eigen" : "commutant",
            r->degenerate ? ", degenerate levels" : "", r->t_first);
    if (r->t_bulk != NULL)
        fprintf(out, "%s%s", r->t_bulk, r->flat ? "" : " (not flat)");
    else
        fprintf(out, "(no bulk)");
    fprintf(out, " | %s | %s | %s | %s |\n", r->t_last, r->lhs, r->rhs, r->printed_rhs);
}

static void write_boundary_fields(FILE *out, FILE *progress)
{
    ng_hier_boundary_t B;
    int last;
    ng_hier_boundary_study(B, NBF_MAX, progress);
    last = B->nrows > 0 ? B->rows[B->nrows - 1].N : 0;
    fprintf(out, "## Eq. 150 with z boundary fields and alpha_zz = 0, computed\n\n"
                 "The paper reads Eq. 150 as: alpha_zz != 0 is necessary for a temperature "
                 "gradient.  That holds only with the paper's bath, alpha_1^z = -alpha_zz t_L, "
                 "alpha_N^z = -alpha_zz t_R.  The model of `examples/xxz_boundary_fields.json` "
                 "with alpha_zz set to 0 keeps z boundary fields alpha_1^z = %s, "
                 "alpha_N^z = %s; its rho0, computed exactly by the engine (`nessgen rho0`) "
                 "for N from 2 up to %d, as far as the engine gives exact values:\n\n"
                 "| N | route | t_1 | t_2 = ... = t_{N-1} | t_N | t_N - t_1 | general RHS "
                 "(Eq. 149 with boundary terms) | printed Eq. 150 RHS |\n"
                 "|---|---|---|---|---|---|---|---|\n",
            B->alpha_z[0] != NULL ? B->alpha_z[0] : "?",
            B->alpha_z[1] != NULL ? B->alpha_z[1] : "?", NBF_MAX);
    for (slong i = 0; i < B->nrows; i++)
        boundary_row(out, B->rows + i);
    if (B->stop_n > 0)
        fprintf(out, "\nN = %d: not tabulated: %s.\n", B->stop_n, B->stop_message);
    fprintf(out, "\nFor every N = 2..%d above: the bulk is flat (t_2 = ... = t_{N-1}): %s; the "
                 "whole difference t_N - t_1 sits in the edge bonds (1,2) and (N-1,N).  The "
                 "general form (Eq. 149 with the boundary terms alpha_1^z <rho^A_{1,2}> - "
                 "alpha_N^z <rho^A_{N-1,N}>, over alpha_+) equals t_N - t_1: %s.  The printed "
                 "Eq. 150, whose right side vanishes with alpha_zz, does not: %s.  So "
                 "alpha_zz != 0 is necessary for a gradient only when also alpha_1^z = "
                 "alpha_N^z = 0 (or they take the paper's form).\n\n",
            last, B->flat ? "yes" : "NO", B->general ? "yes" : "NO",
            B->printed_fails ? "it fails at every N" : "it HOLDS at some N");
    if (B->first_degenerate > 0)
        fprintf(out, "P0 H1 P0 of this model has degenerate levels from N = %d on.%s\n\n",
                B->first_degenerate,
                last == NBF_MAX ? "  Larger N are not attempted here, to keep making this "
                                  "report short."
                                : "");
    ng_hier_boundary_clear(B);
}


/* ---- Appendix B, Eqs. B13–B16 (the two-spin derivation, two_spin.h) ------- */

/* The paper's two-spin model with general θ, c_ν, d_ν, t_ν (free names)
 * and the symbols t1, t2, g, derived (two_spin.h). */
static ng_status appendix_b_derive(ng_model_t M, ng_two_spin_t T)
{
    ng_model_spec *spec = ng_model_spec_new();
    ng_status st = ng_model_spec_set_preset(spec, "tilted-ising");
    if (st == NG_OK)
        st = ng_two_spin_model(M, spec, NULL, 128);
    ng_model_spec_free(spec);
    if (st != NG_OK)
        return st;
    st = ng_two_spin_derive(T, M);
    if (st != NG_OK) { /* the message stays for the caller */
        ng_two_spin_clear(T);
        ng_model_clear(M);
    }
    return st;
}

/* One line per printed equation B13–B16: agrees, or each coefficient that
 * differs with derived/printed. */
static void appendix_b_lines(FILE *out, const ng_two_spin_t T)
{
    static const char pc[4] = {'0', 'x', 'y', 'z'};
    const ng_ring_struct *R = T->M->R;
    ng_ptr f = ng_elem_new(R);
    for (int col = 0; col < 4; col++) {
        int agree = 1;
        fprintf(out, "- Eq. B1%d (D sigma^%c): ", 3 + col, pc[col]);
        for (int nu = 0; nu < 2; nu++)
            for (int row = 0; row < 4; row++) {
                char *fs = NULL;
                int has_ratio;
                if (!ng_two_spin_b13_b16_differs(f, &has_ratio, T, nu, row, col))
                    continue;
                if (has_ratio)
                    fs = ng_elem_get_str(f, 10, R);
                fprintf(out, "%sthe sigma^%c coefficient for bath %s differs, "
                             "derived/printed = %s",
                        agree ? "" : "; ", pc[row], nu ? "R" : "L",
                        fs != NULL ? fs : "(printed 0)");
                agree = 0;
                flint_free(fs);
            }
        fprintf(out, "%s\n", agree ? "agrees" : "");
    }
    ng_elem_free(f, R);
}

static void write_appendix_b(FILE *out)
{
    ng_model_t M;
    ng_two_spin_t T;
    ng_status st;
    fprintf(out, "## Appendix B, Eqs. B13-B16 (from `nessgen two-spin`)\n\n");
    st = appendix_b_derive(M, T);
    if (st == NG_OK && T->dmat_printed[0] != NULL) {
        fprintf(out, "The single-spin dissipator D sigma^mu of each bath, derived from Eq. 7 "
                     "with S of Eq. B9, against the printed B13-B16 (a = c sin(theta), "
                     "b = d cos(theta)), general theta, c_nu, d_nu, t_nu:\n\n");
        appendix_b_lines(out, T);
        if (T->p1l2_printed_d != NULL)
            fprintf(out, "\nEq. B18 recomputed with the printed B13-B16 in place of the "
                         "derived dissipators: %s.\n\n",
                    ng_two_spin_b18_printed_d_same(T)
                        ? "the same, so the difference is harmless there (P0 removes it)"
                        : "DIFFERENT");
    } else {
        fprintf(out, "Not derived: %s\n\n", st != NG_OK ? ng_error_message() : "no printed form");
        ng_error_clear();
    }
    if (st == NG_OK) {
        ng_two_spin_clear(T);
        ng_model_clear(M);
    }
}

/* ---- the comparison with print (derivations/paper_comparison.md) -------- */

static const char *verdict_kind_word(const ng_hier_verdict_struct *V)
{
    switch (V->kind) {
    case NG_HIER_AGREES:
        return V->damaged ? "agrees as evidently read (our copy is damaged by text extraction)"
                          : "agrees";
    case NG_HIER_FOLLOWS:
        return V->chain ? "follows from the derived equations of every bond with the edges"
                        : "follows locally from the derived equations of its window";
    case NG_HIER_WITHIN_ANSATZ:
        return "agrees within the printed ansatz (the elements it leaves out set to zero)";
    case NG_HIER_INCOMPLETE:
        return "printed ansatz incomplete: it leaves out current-like elements";
    default:
        return "differs in substance";
    }
}

/* The verdict, saying when it is about the evident reading of damaged text. */
static const char *verdict_word(const ng_hier_verdict_struct *V)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s%s", verdict_kind_word(V),
             V->damaged && V->kind != NG_HIER_AGREES
                 ? " (as evidently read; our copy is damaged by text extraction)"
                 : "");
    return buf;
}

/* The six derived components of the window an equation names (for a
 * "follows" verdict: the equations it follows from). */
static void put_window_components(FILE *out, const ng_hier_derivation_struct *D,
                                  const ng_hier_printed *P)
{
    int w = strncmp(P->derived, "bulk", 4) == 0
                ? NG_HIER_BULK
                : (strncmp(P->derived, "left", 4) == 0 ? NG_HIER_LEFT : NG_HIER_RIGHT);
    fprintf(out, "The derived components of the %s window:\n\n", D->win[w]->name);
    for (int c = 0; c < 6; c++) {
        if (D->win[w]->comp[c]->length == 0)
            continue;
        fprintf(out, "- %s%s: `", c < 3 ? "rho" : "", _ng_hier_comp_name[c]);
        _ng_hier_print_terms(out, D->win[w]->comp[c], D->c4, 0, 0);
        fprintf(out, "` = 0\n");
    }
    if (w == NG_HIER_BULK) {
        truth_t same, zero;
        ng_hier_bulk_cB(&same, &zero, D);
        fprintf(out, "\nc^B_{l,l+1} = c^B_{l-1,l} follows from them: %s; c^B_{l,l+1} = 0 "
                     "follows from them alone: %s.  So the bulk makes c^B_{l,l+1} the same "
                     "on every bond, and the edge windows (Eqs. 139, 142) make it zero.\n\n",
                same == T_TRUE ? "yes" : "NO", zero == T_TRUE ? "YES" : "no");
    } else {
        fprintf(out, "\n");
    }
}

static void put_report(FILE *out, const char *report)
{
    char *copy, *line, *next;
    if (report == NULL)
        return;
    copy = flint_malloc(strlen(report) + 1);
    strcpy(copy, report);
    for (line = copy; line != NULL && *line; line = next) {
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        fprintf(out, "- %s\n", line);
    }
    flint_free(copy);
    fprintf(out, "\n");
}

/* Every printed equation with its verdict (verdicts[i] for the i-th entry). */
static ng_status comparison_verdicts(ng_hier_verdict_struct *V, ng_hier_terms_struct *Dt,
                                     const ng_hier_chain_struct **C,
                                     const ng_hier_derivation_struct *D, slong n)
{
    ng_status st = NG_OK;
    for (slong i = 0; i < n; i++) {
        ng_hier_verdict_init(V + i);
        ng_hier_terms_init(Dt + i);
        C[i] = D->c4;
        if (st == NG_OK)
            st = ng_hier_verdict(V + i, Dt + i, C + i, D, ng_hier_printed_equations + i);
    }
    return st;
}

static void put_eq_list(FILE *out, const ng_hier_verdict_struct *V, slong n, int damaged,
                        int substance)
{
    int any = 0;
    for (slong i = 0; i < n; i++)
        if ((damaged && V[i].damaged) || (substance && V[i].kind == NG_HIER_DIFFERS)) {
            fprintf(out, "%s%s", any ? ", " : "", ng_hier_printed_equations[i].eq);
            any = 1;
        }
    fprintf(out, "%s", any ? "" : "none");
}

/* The claim about the elements Eqs. 128 and 135 leave out, decided by the code. */
static void write_omitted(FILE *out, const ng_hier_derivation_struct *D)
{
    static const char *const where[3] = {"Eq. 128 (bulk, as read)", "Eq. 135 (left edge)",
                                         "Eq. 135 mirrored (right edge)"};
    int all = 1;
    fprintf(out, "## The elements the printed ansatz leaves out\n\n");
    for (int w = 0; w < 3; w++) {
        ng_hier_omitted_t O;
        ng_hier_omitted_init(O, D, (ng_hier_window_kind)w);
        fprintf(out, "- %s leaves out %ld derived contributing element%s:", where[w],
                (long)O->n, O->n == 1 ? "" : "s");
        for (slong i = 0; i < O->n; i++)
            fprintf(out, "%s `%s`", i ? "," : "", O->keys[i]);
        fprintf(out, ".  All current-like (rho^B type): %s; none enters the window's rho^B "
                     "equation: %s.\n",
                O->all_current_like ? "yes" : "NO", O->outside_rhoB ? "yes" : "NO");
        all &= O->all_current_like && O->outside_rhoB && O->sums_without_B;
        if (w == 2)
            fprintf(out, "- No rho^B-type coefficient enters the derived Eq. 149 for any "
                         "N = 3..%d: %s.\n",
                    D->nsum, O->sums_without_B ? "yes" : "NO");
        ng_hier_omitted_clear(O);
    }
    fprintf(out, "\n%s\n\n",
            all ? "So every element missing from Eqs. 128 and 135 is current-like (B-type) "
                  "and does not affect Eqs. 143-150: only the rho^B components are summed "
                  "into Eq. 149, and these elements do not enter them.  They change the "
                  "rho^C equations (130, 136), which then agree within the printed ansatz, "
                  "and the printed c^B_{l,l+1} = 0 (Eqs. 133, 139, 142) still follows."
                : "The claim that the missing elements are current-like and leave Eq. 150 "
                  "alone FAILS (see above).");
}

ng_status ng_hier_comparison_write(FILE *out, const ng_hier_derivation_t D,
                                   const char *command_line, FILE *progress)
{
    slong n = 0;
    ng_hier_verdict_struct *V;
    ng_hier_terms_struct *Dt;
    const ng_hier_chain_struct **C;
    ng_status st;
    while (ng_hier_printed_equations[n].eq != NULL)
        n++;
    V = flint_malloc(n * sizeof *V);
    Dt = flint_malloc(n * sizeof *Dt);
    C = flint_malloc(n * sizeof *C);
    st = comparison_verdicts(V, Dt, C, D, n);
    if (st != NG_OK)
        goto done;
    ng_report_provenance(out, NG_REPORT_COMMENT_HTML, command_line);
    fprintf(out, "\n");
    fprintf(out,
            "# Sect. IV C: derived equations compared with the printed paper\n\n"
            "Every derived equation comes from `nessgen hierarchy` (generic symmetric "
            "alpha, symbolic t_l, alpha_1^z = xL_z, alpha_N^z = xR_z).  Our copy of the "
            "paper is a text extraction; the printed forms are transcribed from it, "
            "extraction damage included, in `src/hierarchy/printed.c`, and where the damage "
            "is evident (two overlines on one coefficient, a site named twice, a coefficient "
            "paired with an element it cannot multiply) also the evident reading, which is "
            "compared too.  Keys: `cA[l-1*,l,l+1]` is c^A_{overline(l-1),l,l+1} (`*` = "
            "overline = sigma^z site), `t[l]` is t_l, `<cA[...]>` the expectation value of "
            "the element the coefficient multiplies.  Equations printed as `= 0` are "
            "compared up to one overall factor (fixed by the first printed term); Eqs. 121, "
            "130 and 136 as printed; Eqs. 144-147 at the bond they name in an N = %d chain; "
            "Eqs. 149-150 at N = %d.  Eq. 146 is not printed (the vertical dots between "
            "Eqs. 145 and 147).  An `= 0` equation *follows* if it is a linear combination "
            "of the derived components (all six) of its own window, or else of every "
            "window of the N = %d chain.\n\n",
            NG_HIER_COMPARE_N, NG_HIER_COMPARE_N, NG_HIER_COMPARE_N);
    fprintf(out, "## Summary\n\n- Differs in substance, Sect. IV C: ");
    put_eq_list(out, V, n, 0, 1);
    fprintf(out, ".\n- Unreadable in our copy (text-extraction damage, most likely not the "
                 "paper's content): ");
    put_eq_list(out, V, n, 1, 0);
    fprintf(out, "; each is compared both as extracted and as evidently read.\n"
                 "- Appendix B, Eqs. B13-B16: see the section of that name below.\n\n"
                 "| Eq. | verdict |\n|---|---|\n");
    for (slong i = 0; i < n; i++)
        fprintf(out, "| %s | %s |\n", ng_hier_printed_equations[i].eq, verdict_word(V + i));
    fprintf(out, "\n");
    write_omitted(out, D);
    write_boundary_fields(out, progress);
    write_appendix_b(out);
    for (slong i = 0; i < n; i++) {
        const ng_hier_printed *P = ng_hier_printed_equations + i;
        fprintf(out, "## Eq. %s: %s\n\nPrinted (as extracted): $%s$\n\n", P->eq,
                verdict_word(V + i), P->printed);
        if (V[i].report_printed != NULL) {
            fprintf(out, "As extracted, compared with the derivation:\n\n");
            put_report(out, V[i].report_printed);
        }
        if (V[i].damaged) {
            fprintf(out, "Extraction damage: %s.\n\nEvident reading: $%s$\n\n", P->damage,
                    P->reading_latex);
            if (V[i].report != NULL) {
                fprintf(out, "As read, compared with the derivation:\n\n");
                put_report(out, V[i].report);
            }
        } else if (V[i].kind == NG_HIER_FOLLOWS) {
            put_window_components(out, D, P);
        } else if (V[i].kind == NG_HIER_WITHIN_ANSATZ) {
            fprintf(out, "Within the printed ansatz the derived equation is the printed one; "
                         "the terms above are the left-out current-like elements.\n\n");
        }
        if (P->zero != NULL)
            fprintf(out, "(`%s` = 0 by the neighbouring printed equation is used, as the "
                         "paper does.)\n\n", P->zero);
        fprintf(out, "Derived: `");
        _ng_hier_print_terms(out, Dt + i, C[i], 0, 0);
        fprintf(out, "`%s\n\n", P->mode == NG_HIER_ANSATZ ? " (coefficient : element)" : " = 0");
    }
done:
    for (slong i = 0; i < n; i++) {
        ng_hier_verdict_clear(V + i);
        ng_hier_terms_clear(Dt + i, C[i]->M->R);
    }
    flint_free(V);
    flint_free(Dt);
    flint_free(C);
    return st;
}

