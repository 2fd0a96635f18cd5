/* nessgen kernel: the Ker L0 basis and its sectors (Sect. IV A). */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

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

static void write_json(cli_t *cli, int N, const fmpz_t dim, const ng_named_basis_t B,
                       const ng_ring_t R)
{
    json_t *doc = cli_json_document(cli, NULL);
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
        char *s = ng_op_get_str(B->ops + i, cli->digits, R);
        json_object_set_new(e, "name", json_string(B->names[i]));
        json_object_set_new(e, "latex", json_string(B->latex[i]));
        json_object_set_new(e, "type", json_string(type_name(B->types[i])));
        json_object_set_new(e, "pauli", json_string(s));
        json_array_append_new(basis, e);
        flint_free(s);
    }
    json_object_set_new(doc, "sectors", sectors);
    json_object_set_new(doc, "basis", basis);
    ng_report_json_write(cli->out, doc);
    json_decref(doc);
    fmpz_clear(d);
}

static void write_latex(cli_t *cli, int N, const fmpz_t dim, const ng_named_basis_t B)
{
    FILE *out = cli->out;
    fmpz_t d;
    fmpz_init(d);
    ng_report_latex_begin(out, cli->standalone, "A basis of $\\operatorname{Ker}\\mathcal{L}_0$",
                            cli->command_line);
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
    ng_report_latex_end(out, cli->standalone);
    fmpz_clear(d);
}

int cmd_kernel(cli_t *cli)
{
    int N = cli->N != 0 ? cli->N : 2;
    ng_ring_t R;
    ng_named_basis_t B;
    fmpz_t dim;
    ng_status st;
    double need;

    ng_ring_init_qq(R);
    need = ng_kernel_basis_bytes(N, R);
    if (need > cli_memory_budget()) {
        fprintf(stderr,
                "nessgen kernel: N = %d is too large: the Ker L0 basis would need about "
                "%.3g GiB of memory (budget %.3g GiB)\n",
                N, need / (1 << 30), cli_memory_budget() / (1 << 30));
        ng_ring_clear(R);
        return CLI_EUSAGE;
    }
    fmpz_init(dim);
    ng_kernel_dim(dim, N);
    ng_named_basis_init(B);
    st = ng_kernel_basis(B, N, R);
    if (st == NG_OK) {
        if (cli->format == NG_FORMAT_JSON)
            write_json(cli, N, dim, B, R);
        else if (cli->format == NG_FORMAT_LATEX)
            write_latex(cli, N, dim, B);
        else
            write_text(cli->out, N, dim, B, R);
    }
    ng_named_basis_clear(B, R);
    fmpz_clear(dim);
    ng_ring_clear(R);
    return st == NG_OK ? CLI_OK : cli_fail(cli, st);
}
