/* The text writer of a report (report.h): for people at a terminal —
 * "label = value" lines aligned on "=", tables as aligned columns. */
#include <string.h>

#include "report_writers.h"

const ng_report_cell *_ng_report_table_cell(const ng_report_node *T, slong r, slong c)
{
    slong k = r * T->ncols + c;
    return k < T->ncells ? T->cells + k : NULL;
}

/* Nodes the format does not show do not break a run; the run ends after
 * its last value. */
slong _ng_report_value_run(const ng_report_node *g, slong i, unsigned format)
{
    slong e = i;
    for (slong k = i; k < g->nchild; k++) {
        const ng_report_node *n = g->child[k];
        if (!(n->formats & format))
            continue;
        if (n->kind != NG_REPORT_NODE_VALUE)
            break;
        e = k + 1;
    }
    return e;
}

static void values_text(FILE *out, const ng_report_node *g, slong a, slong b, slong dg)
{
    size_t w = 0;
    for (slong i = a; i < b; i++)
        if (g->child[i]->formats & NG_REPORT_TEXT)
            w = FLINT_MAX(w, strlen(g->child[i]->text));
    for (slong i = a; i < b; i++) {
        char *s;
        if (!(g->child[i]->formats & NG_REPORT_TEXT))
            continue;
        s = ng_report_cell_text(&g->child[i]->cell, dg);
        fprintf(out, "%-*s = %s\n", (int)w, g->child[i]->text, s);
        flint_free(s);
    }
}

/* A row of fields padded to their columns' widths, without trailing blanks
 * (empty fields at the end of the row are left out). */
static void put_row(FILE *out, char *const *f, const size_t *w, slong nc)
{
    slong last = nc - 1;
    while (last > 0 && f[last][0] == '\0')
        last--;
    for (slong c = 0; c <= last; c++) {
        if (c < last)
            fprintf(out, "  %-*s", (int)w[c], f[c]);
        else
            fprintf(out, "  %s\n", f[c]);
    }
}

static void table_text(FILE *out, const ng_report_node *T, slong dg)
{
    slong nc = 0, *col = flint_malloc(FLINT_MAX(T->ncols, 1) * sizeof(slong));
    char **s, **head;
    size_t *w;
    for (slong c = 0; c < T->ncols; c++) /* the columns text shows */
        if (T->cols[c].formats & NG_REPORT_TEXT)
            col[nc++] = c;
    if (T->nrows == 0 || nc == 0) {
        flint_free(col);
        return;
    }
    s = flint_malloc(T->nrows * nc * sizeof(char *));
    head = flint_malloc(nc * sizeof(char *));
    w = flint_calloc(nc, sizeof(size_t));
    for (slong c = 0; c < nc; c++)
        w[c] = strlen(T->cols[col[c]].text);
    for (slong k = 0; k < T->nrows * nc; k++) {
        const ng_report_cell *cell = _ng_report_table_cell(T, k / nc, col[k % nc]);
        s[k] = cell ? ng_report_cell_text(cell, dg) : strcpy(flint_malloc(1), "");
        w[k % nc] = FLINT_MAX(w[k % nc], strlen(s[k]));
    }
    if (T->text != NULL)
        fprintf(out, "\n%s:\n", T->text);
    for (slong c = 0; c < nc; c++)
        head[c] = T->cols[col[c]].text;
    put_row(out, head, w, nc);
    for (slong r = 0; r < T->nrows; r++)
        put_row(out, s + r * nc, w, nc);
    for (slong k = 0; k < T->nrows * nc; k++)
        flint_free(s[k]);
    flint_free(s);
    flint_free(head);
    flint_free(w);
    flint_free(col);
}

static void group_text(FILE *out, const ng_report_node *g, slong dg)
{
    if (g->text != NULL && (g->formats & NG_REPORT_TEXT))
        fputs(g->text, out);
    for (slong i = 0; i < g->nchild;) {
        const ng_report_node *n = g->child[i];
        slong e = _ng_report_value_run(g, i, NG_REPORT_TEXT);
        if (e > i) {
            values_text(out, g, i, e, dg);
            i = e;
            continue;
        }
        i++;
        if (!(n->formats & NG_REPORT_TEXT))
            continue;
        if (n->kind == NG_REPORT_NODE_NOTE)
            fputs(n->text, out);
        else if (n->kind == NG_REPORT_NODE_TABLE)
            table_text(out, n, dg);
        else if (n->kind == NG_REPORT_NODE_GROUP || n->kind == NG_REPORT_NODE_LIST)
            group_text(out, n, dg);
    }
}

void _ng_report_write_text(FILE *out, const ng_report_t rep)
{
    if (rep->title_text != NULL)
        fprintf(out, "%s\n", rep->title_text);
    group_text(out, &rep->root, rep->digits);
    for (size_t i = 0; i < json_array_size(rep->warnings); i++)
        fprintf(out, "warning: %s\n", json_string_value(json_array_get(rep->warnings, i)));
}
