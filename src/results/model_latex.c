/* The model and given values in LaTeX, for the documents' model paragraph
 * (results.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/results.h"

/* The text written to a memory stream, flint_malloc'd (fclose sets buf). */
static char *memstream_done(FILE *f, char **buf)
{
    char *r;
    fclose(f);
    r = strcpy(flint_malloc(strlen(*buf) + 1), *buf);
    free(*buf);
    return r;
}

char *ng_latex_texttt(const char *text)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
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
    return memstream_done(out, &buf);
}

char *ng_expr_get_latex_value(const ng_expr *e)
{
    ng_expr_domain dom;
    fmpq_t q;
    char *s;
    fmpq_init(q);
    if (ng_expr_classify(&dom, e) == NG_OK && dom == NG_EXPR_RATIONAL &&
        ng_expr_get_fmpq(q, e) == NG_OK) {
        ng_ring_t Q;
        ng_ptr x;
        ng_ring_init_qq(Q);
        x = ng_elem_new(Q);
        ng_elem_set_fmpq(x, q, Q);
        s = ng_elem_get_latex_rounded(x, 0, Q);
        ng_elem_free(x, Q);
        ng_ring_clear(Q);
    } else {
        s = ng_expr_get_latex(e); /* not a decided rational: shown as typed */
        ng_error_clear();
    }
    fmpq_clear(q);
    return s;
}

static void put_name_latex(FILE *out, const char *name)
{
    char *s = ng_param_name_latex(name);
    fputs(s, out);
    flint_free(s);
}

/* α is symmetric: α_zx repeats α_xz. */
static int is_mirror_alpha(const char *name)
{
    return strncmp(name, "alpha_", 6) == 0 && strlen(name) == 8 && name[6] > name[7];
}

static void put_parameter(FILE *out, const char *name, const ng_expr *e, const char *source,
                          int *first)
{
    char *v;
    if (strcmp(source, "derived") == 0 || is_mirror_alpha(name) ||
        (strcmp(source, "default") == 0 && strcmp(ng_expr_text(e), "0") == 0))
        return;
    fprintf(out, "%s$", *first ? "" : ", ");
    put_name_latex(out, name);
    v = ng_expr_get_latex_value(e);
    fprintf(out, " = %s$", v);
    flint_free(v);
    *first = 0;
}

char *ng_model_get_latex_paragraph(const ng_model_t M)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    int first = 1;
    if (M->preset != NULL) {
        char *tt = ng_latex_texttt(M->preset);
        fprintf(out, "Model: the %s preset", tt);
        flint_free(tt);
    } else {
        fprintf(out, "Model: a model file");
    }
    fprintf(out, ", $N = %d$, with ", M->N);
    for (slong i = 0; i < M->ninputs; i++)
        put_parameter(out, M->input_names[i], M->inputs[i], M->input_sources[i], &first);
    for (slong i = 0; i < M->nquantities; i++)
        put_parameter(out, M->quantity_names[i], M->exprs[i], M->sources[i], &first);
    fprintf(out, " (given or default; the rest derived from these, or zero).\n");
    return memstream_done(out, &buf);
}
