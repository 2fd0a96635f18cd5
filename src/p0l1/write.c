/* The writers of `nessgen table p0l1` (p0l1.h): the derivation as text,
 * JSON or a LaTeX document with the paper's equation numbers for N = 2
 * (Eqs. 81, 87–95, 101–102) and Eq. 121–123 for N spins. */
#include <string.h>

#include "nessgen/emit.h"
#include "nessgen/p0l1.h"
#include "nessgen/report.h"

typedef ng_p0l1_derivation_struct table_data;

/* Paper equation for P0 L_{I|E} b_i on the Eq. 81 basis (N = 2). */
static const char *const eq_li[6] = {"87", "87", "87", "88", "89", "90"};
static const char *const eq_le[6] = {"92", "92", "92", "93", "94", "95"};

/* The multiple q with c = q·a, if q is a polynomial with no more terms than c
 * (as Eqs. 89–94 are written in α_+ and Δα^z); a itself must not be constant. */
static int simpler_multiple(ng_ptr q, ng_srcptr c, ng_srcptr a, const ng_ring_t R)
{
    fmpq_t dummy;
    int constant;
    if (R->kind != NG_QQ_PARAMS || ng_elem_is_exact_zero(c, R))
        return 0;
    fmpq_init(dummy);
    constant = ng_elem_get_fmpq(dummy, a, R);
    fmpq_clear(dummy);
    if (constant || !ng_elem_div(q, c, a, R))
        return 0;
    slong qn, cn;
    ng_elem_nterms(&qn, NULL, q, R);
    ng_elem_nterms(&cn, NULL, c, R);
    return ng_elem_is_polynomial(q, R) && qn <= cn;
}

/* c as text or LaTeX, as a named multiple where one applies; *is_sum tells
 * whether the result needs brackets as a factor. */
static char *coefficient_text(int *is_sum, ng_srcptr c, const table_data *Q,
                              int latex, slong digits, const ng_ring_t R)
{
    static const char *const text_names[2] = {"alpha_+", "Dalpha^z"};
    static const char *const latex_names[2] = {"\\alpha_+", "\\Delta\\alpha^z"};
    ng_srcptr named[2] = {Q->alpha_plus, Q->delta_alpha_z};
    ng_ptr q = ng_elem_new(R);
    char *res = NULL;
    for (int k = 0; k < 2 && res == NULL; k++) {
        if (!simpler_multiple(q, c, named[k], R))
            continue;
        char *qs = latex ? ng_elem_get_latex(q, digits, R) : ng_elem_get_str(q, digits, R);
        res = ng_term_get_str(qs, ng_elem_is_sum(q, R), latex ? latex_names[k] : text_names[k],
                              1, latex);
        flint_free(qs);
    }
    ng_elem_free(q, R);
    *is_sum = 0;
    if (res != NULL)
        return res;
    *is_sum = ng_elem_is_sum(c, R);
    return latex ? ng_elem_get_latex(c, digits, R) : ng_elem_get_str(c, digits, R);
}

/* Σ_j c_j b_j with named coefficients. */
static void print_combination(FILE *out, ng_srcptr coeffs, const ng_named_basis_t B,
                              const table_data *Q, int latex, slong digits,
                              const ng_ring_t R)
{
    int first = 1;
    for (slong j = 0; j < B->length; j++) {
        ng_srcptr c = ng_vec_srcentry(coeffs, j, R);
        int is_sum;
        char *s, *term;
        if (ng_elem_is_exact_zero(c, R))
            continue;
        s = coefficient_text(&is_sum, c, Q, latex, digits, R);
        term = ng_term_get_str(s, is_sum, latex ? B->latex[j] : B->names[j], first, latex);
        fputs(term, out);
        flint_free(term);
        flint_free(s);
        first = 0;
    }
    if (first)
        fprintf(out, "0");
}

static const char *truth_word(truth_t t)
{
    return t == T_TRUE ? "holds" : (t == T_FALSE ? "FAILS" : "undecided");
}

static void write_text(FILE *out, const table_data *D, slong digits)
{
    const ng_ring_struct *R = D->M->R;
    int N = D->M->N, paper = N == 2;
    char *ap = ng_elem_get_str(D->alpha_plus, digits, R);
    char *daz = ng_elem_get_str(D->delta_alpha_z, digits, R);
    fprintf(out, "P0 L1 on Ker L0 for N = %d (%s coefficients)\n", N, ng_ring_kind_name(R));
    for (slong i = 0; i < D->M->nheld; i++) /* DESIGN §3: no exact ring holds them */
        fprintf(out, "%s is held as the symbol %s (its value: %s)\n", D->M->held_keys[i],
                D->M->held_symbols[i], ng_expr_text(D->M->held_values[i]));
    fprintf(out, "alpha_+ = %s\nDalpha^z = %s\n\nBasis%s:\n", ap, daz,
            paper ? " (Eq. 81)" : " of Ker L0");
    for (slong i = 0; i < D->B->length; i++) {
        char *s = ng_op_get_str(D->B->ops + i, digits, R);
        fprintf(out, "  %-10s = %s\n", D->B->names[i], s);
        flint_free(s);
    }
    for (int part = 0; part < 2; part++) {
        fprintf(out, "\n");
        for (slong i = 0; i < D->B->length; i++) {
            fprintf(out, "P0 %s %s = ", part ? "L_E" : "L_I", D->B->names[i]);
            print_combination(out, ng_vec_srcentry(part ? D->T->le : D->T->li, i * D->B->length,
                                                   R),
                              D->B, D, 0, digits, R);
            if (paper)
                fprintf(out, "    (Eq. %s)", part ? eq_le[i] : eq_li[i]);
            fprintf(out, "\n");
        }
    }
    fprintf(out, "\nProduct of local equilibrium states, rho_LE(b_l) = (I - t_l Z_l)/2:\n");
    if (paper) {
        fprintf(out, "rho_LE(b1) x rho_LE(b2) = ");
        print_combination(out, D->ple_coeffs, D->B, D, 0, digits, R);
        fprintf(out, "    (Eq. 101)\n");
    }
    for (int l = 0; l + 1 < N; l++) {
        fprintf(out, "P0 L_I(%d,%d) rho_PLE = [", l + 1, l + 2);
        print_combination(out, ng_vec_srcentry(D->bonds, 6 * l, R), D->B2, D, 0, digits,
                          R);
        fprintf(out, "]_(%d,%d) x (other sites in rho_LE)    (Eq. %s)\n", l + 1, l + 2,
                paper ? "102" : "121");
    }
    fprintf(out, "factorisation of Eq. %s: %s\n", paper ? "102" : "121",
            truth_word(D->bonds_ok));
    fprintf(out, "P0 L_E(e_nu) rho_PLE = 0 for both baths (Eq. 122): %s\n",
            truth_word(D->edges_vanish));
    fprintf(out, "P_(l) P0 L1 rho_PLE = 0 for every site (Eq. 123): %s\n",
            truth_word(D->one_site_vanish));
    flint_free(ap);
    flint_free(daz);
}

static json_t *combination_json(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                                const ng_ring_t R)
{
    return ng_json_combination(coeffs, B, digits, R);
}

static void write_json(FILE *out, const table_data *D, const ng_emit_opts *o)
{
    const ng_ring_struct *R = D->M->R;
    int N = D->M->N, paper = N == 2;
    json_t *doc = ng_emit_json_document(o, D->M);
    json_t *rows = json_array(), *ple = json_array(), *basis = json_array();
    json_object_set_new(doc, "table_name", json_string("p0l1"));
    json_object_set_new(doc, "N", json_integer(N));
    json_object_set_new(doc, "basis_kind", json_string(paper ? "eq81" : "kernel"));
    if (D->M->nheld > 0) {
        json_t *held = json_array();
        for (slong i = 0; i < D->M->nheld; i++) {
            json_t *h = json_object();
            json_object_set_new(h, "given", json_string(D->M->held_keys[i]));
            json_object_set_new(h, "symbol", json_string(D->M->held_symbols[i]));
            json_object_set_new(h, "value", json_string(ng_expr_text(D->M->held_values[i])));
            json_array_append_new(held, h);
        }
        json_object_set_new(doc, "held_as_symbols", held);
    }
    json_object_set_new(doc, "alpha_plus", ng_json_elem(D->alpha_plus, o->digits, R));
    json_object_set_new(doc, "delta_alpha_z",
                        ng_json_elem(D->delta_alpha_z, o->digits, R));
    for (slong i = 0; i < D->B->length; i++) {
        json_t *b = json_object(), *row = json_object();
        char *s = ng_op_get_str(D->B->ops + i, o->digits, R);
        json_object_set_new(b, "name", json_string(D->B->names[i]));
        json_object_set_new(b, "latex", json_string(D->B->latex[i]));
        json_object_set_new(b, "pauli", json_string(s));
        json_array_append_new(basis, b);
        flint_free(s);
        json_object_set_new(row, "element", json_string(D->B->names[i]));
        json_object_set_new(row, "P0_LI",
                            combination_json(ng_vec_srcentry(D->T->li, i * D->B->length, R),
                                             D->B, o->digits, R));
        json_object_set_new(row, "P0_LE",
                            combination_json(ng_vec_srcentry(D->T->le, i * D->B->length, R),
                                             D->B, o->digits, R));
        if (paper) {
            json_object_set_new(row, "eq_LI", json_string(eq_li[i]));
            json_object_set_new(row, "eq_LE", json_string(eq_le[i]));
        }
        json_array_append_new(rows, row);
    }
    for (int l = 0; l + 1 < N; l++) {
        json_t *b = json_object();
        json_object_set_new(b, "sites", json_pack("[i,i]", l + 1, l + 2));
        json_object_set_new(b, "two_site_factor",
                            combination_json(ng_vec_srcentry(D->bonds, 6 * l, R), D->B2,
                                             o->digits, R));
        json_array_append_new(ple, b);
    }
    json_object_set_new(doc, "basis", basis);
    json_object_set_new(doc, "table", rows);
    json_object_set_new(doc, "P0_LI_bond_rho_PLE", ple);
    json_object_set_new(doc, "factorisation_eq121", json_boolean(D->bonds_ok == T_TRUE));
    json_object_set_new(doc, "eq122_holds", json_boolean(D->edges_vanish == T_TRUE));
    json_object_set_new(doc, "eq123_holds", json_boolean(D->one_site_vanish == T_TRUE));
    ng_report_json_write(out, doc);
    json_decref(doc);
}

static void write_latex(FILE *out, const table_data *D, const ng_emit_opts *o)
{
    const ng_ring_struct *R = D->M->R;
    int N = D->M->N, paper = N == 2;
    slong digits = o->digits;
    char *ap = ng_elem_get_latex(D->alpha_plus, digits, R);
    char *daz = ng_elem_get_latex(D->delta_alpha_z, digits, R);
    ng_report_latex_begin(out, o->standalone, "$\\mathcal{P}_0\\mathcal{L}_1$ on "
                                 "$\\operatorname{Ker}\\mathcal{L}_0$",
                            o->command_line);
    fprintf(out, "Derived by nessgen for $N = %d$ (%s coefficients), with\n"
                 "\\[ \\alpha_+ = %s, \\qquad \\Delta\\alpha^z = %s. \\]\n",
            N, ng_ring_kind_name(R), ap, daz);
    for (int part = 0; part < 2; part++) {
        fprintf(out, "\\begin{align}\n");
        for (slong i = 0; i < D->B->length; i++) {
            fprintf(out, "\\mathcal{P}_0\\mathcal{L}_{\\mathrm{%s}} %s &= ", part ? "E" : "I",
                    D->B->latex[i]);
            print_combination(out, ng_vec_srcentry(part ? D->T->le : D->T->li,
                                                   i * D->B->length, R),
                              D->B, D, 1, digits, R);
            if (paper)
                fprintf(out, " \\tag{%s}", part ? eq_le[i] : eq_li[i]);
            else
                fprintf(out, " \\notag");
            fprintf(out, "%s\n", i + 1 < D->B->length ? " \\\\" : "");
        }
        fprintf(out, "\\end{align}\n");
    }
    fprintf(out, "On the product of local equilibrium states, "
                 "$\\rho_{\\mathrm{LE}}(\\beta_l) = (\\sigma^0 - t_l\\sigma^z)/2$:\n"
                 "\\begin{align}\n");
    if (paper) {
        fprintf(out, "\\rho_{\\mathrm{LE}}(\\beta_1)\\otimes\\rho_{\\mathrm{LE}}(\\beta_2) &= ");
        print_combination(out, D->ple_coeffs, D->B, D, 1, digits, R);
        fprintf(out, " \\tag{101} \\\\\n");
    }
    for (int l = 0; l + 1 < N; l++) {
        fprintf(out, "\\mathcal{P}_0\\mathcal{L}_{\\mathrm{I}(%d,%d)}\\rho_{\\mathrm{PLE}} &= "
                     "\\Bigl[",
                l + 1, l + 2);
        print_combination(out, ng_vec_srcentry(D->bonds, 6 * l, R), D->B2, D, 1, digits,
                          R);
        fprintf(out, "\\Bigr]_{%d,%d} \\bigotimes_{m \\neq %d,%d} \\rho_{\\mathrm{LE}}(\\beta_m)"
                     " \\tag{%s}%s\n",
                l + 1, l + 2, l + 1, l + 2, paper ? "102" : "121", l + 2 < N ? " \\\\" : "");
    }
    fprintf(out, "\\end{align}\n"
                 "The factorisation %s; $\\mathcal{P}_0\\mathcal{L}_{\\mathrm{E}(l)}"
                 "\\rho_{\\mathrm{PLE}} = 0$ (Eq.~122) %s; "
                 "$\\mathcal{P}_{(l)}\\mathcal{P}_0\\mathcal{L}_1\\rho_{\\mathrm{PLE}} = 0$ "
                 "(Eq.~123) %s.\n",
            truth_word(D->bonds_ok), truth_word(D->edges_vanish),
            truth_word(D->one_site_vanish));
    ng_report_latex_end(out, o->standalone);
    flint_free(ap);
    flint_free(daz);
}

void ng_p0l1_derivation_write(FILE *out, const ng_p0l1_derivation_t D, const ng_emit_opts *o)
{
    if (o->format == NG_FORMAT_JSON)
        write_json(out, D, o);
    else if (o->format == NG_FORMAT_LATEX)
        write_latex(out, D, o);
    else
        write_text(out, D, o->digits);
}
