/* The writer of `nessgen kernel` (kernel.h): the Ker L0 basis and its
 * sectors (Sect. IV A, Eqs. 72–83) as text, JSON or LaTeX. */
#include "nessgen/emit.h"
#include "nessgen/kernel.h"
#include "nessgen/report.h"

static json_t *fmpz_json(const fmpz_t x)
{
    if (fmpz_fits_si(x))
        return json_integer(fmpz_get_si(x));
    char *s = fmpz_get_str(NULL, 10, x);
    json_t *j = json_string(s);
    flint_free(s);
    return j;
}

static const char *type_name(ng_ker_type t)
{
    static const char *const names[] = {"diagonal", "A", "B", "combination"};
    return names[t];
}

static void write_text(FILE *out, int N, const fmpz_t dim, const ng_named_basis_t B,
                       const ng_ring_t R)
{
    fmpz_t d;
    fmpz_init(d);
    fprintf(out, "Ker L0 for N = %d: dim = ", N);
    fmpz_fprint(out, dim);
    fprintf(out, " = C(%d,%d)\nsectors (sum_l s_l = sum_l s'_l = M):\n", 2 * N, N);
    for (int k = 0; k <= N; k++) {
        ng_kernel_sector_dim(d, N, k);
        fprintf(out, "  M = %+d: dim ", N - 2 * k);
        fmpz_fprint(out, d);
        fprintf(out, "\n");
    }
    fprintf(out, "Hermitian basis (Hilbert-Schmidt orthogonal):\n");
    for (slong i = 0; i < B->length; i++) {
        char *s = ng_op_get_str(B->ops + i, 15, R);
        fprintf(out, "  %4ld  %-24s = %s\n", (long)(i + 1), B->names[i], s);
        flint_free(s);
    }
    fmpz_clear(d);
}

static void write_json(FILE *out, int N, const fmpz_t dim, const ng_named_basis_t B,
                       const ng_ring_t R, const ng_emit_opts *o)
{
    json_t *doc = ng_emit_json_document(o, NULL);
    json_t *sectors = json_array(), *basis = json_array();
    fmpz_t d;
    fmpz_init(d);
    json_object_set_new(doc, "N", json_integer(N));
    json_object_set_new(doc, "dim", fmpz_json(dim));
    for (int k = 0; k <= N; k++) {
        json_t *s = json_object();
        ng_kernel_sector_dim(d, N, k);
        json_object_set_new(s, "magnetization", json_integer(N - 2 * k));
        json_object_set_new(s, "dim", fmpz_json(d));
        json_array_append_new(sectors, s);
    }
    for (slong i = 0; i < B->length; i++) {
        json_t *e = json_object();
        char *s = ng_op_get_str(B->ops + i, o->digits, R);
        json_object_set_new(e, "name", json_string(B->names[i]));
        json_object_set_new(e, "latex", json_string(B->latex[i]));
        json_object_set_new(e, "type", json_string(type_name(B->types[i])));
        json_object_set_new(e, "pauli", json_string(s));
        json_array_append_new(basis, e);
        flint_free(s);
    }
    json_object_set_new(doc, "sectors", sectors);
    json_object_set_new(doc, "basis", basis);
    ng_report_json_write(out, doc);
    json_decref(doc);
    fmpz_clear(d);
}

static void write_latex(FILE *out, int N, const fmpz_t dim, const ng_named_basis_t B,
                        const ng_emit_opts *o)
{
    fmpz_t d;
    fmpz_init(d);
    ng_report_latex_begin(out, o->standalone, "A basis of $\\operatorname{Ker}\\mathcal{L}_0$",
                            o->command_line);
    fprintf(out, "For $N = %d$ spins, $\\dim\\operatorname{Ker}\\mathcal{L}_0 = "
                 "\\binom{%d}{%d} = ", N, 2 * N, N);
    fmpz_fprint(out, dim);
    fprintf(out, "$, with sectors $\\sum_l s_l = \\sum_l s'_l = M$ (Eqs.~72--73):\n"
                 "\\[\n");
    for (int k = 0; k <= N; k++) {
        ng_kernel_sector_dim(d, N, k);
        fprintf(out, "%s M = %+d: ", k ? ",\\quad" : "", N - 2 * k);
        fmpz_fprint(out, d);
    }
    fprintf(out, ".\n\\]\nA Hermitian basis, orthogonal for the Hilbert--Schmidt "
                 "product (notation of Eqs.~79--83 and 128):\n\\begin{gather*}\n");
    {
        /* as many elements per line as fit the page */
        double w = 0;
        for (slong i = 0; i < B->length; i++) {
            double wi = ng_latex_width(B->latex[i]) + 3;
            if (w > 0 && w + wi > 70) {
                fprintf(out, "\\\\\n");
                w = 0;
            }
            w += wi;
            fprintf(out, "%s%s\n", B->latex[i], i + 1 < B->length ? ",\\quad" : ".");
        }
    }
    fprintf(out, "\\end{gather*}\n");
    ng_report_latex_end(out, o->standalone);
    fmpz_clear(d);
}

void ng_kernel_basis_write(FILE *out, int N, const ng_named_basis_t B, const ng_ring_t R,
                           const ng_emit_opts *o)
{
    fmpz_t dim;
    fmpz_init(dim);
    ng_kernel_dim(dim, N);
    if (o->format == NG_FORMAT_JSON)
        write_json(out, N, dim, B, R, o);
    else if (o->format == NG_FORMAT_LATEX)
        write_latex(out, N, dim, B, o);
    else
        write_text(out, N, dim, B, R);
    fmpz_clear(dim);
}
