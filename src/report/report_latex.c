/* The LaTeX writer of a report (report.h): a fragment to \input or a
 * standalone document (ng_report_latex_begin); values as align*, tables as
 * tabular, certified digits only. */
#include <string.h>

#include "report_writers.h"

static int is_math(const ng_report_cell *c)
{
    return c->kind == NG_REPORT_CELL_ELEM || c->kind == NG_REPORT_CELL_ARB ||
           c->kind == NG_REPORT_CELL_DOUBLE || c->kind == NG_REPORT_CELL_MATH;
}

/* A cell in a tabular: math in display style, a bond as $(l,m)$, a negative
 * integer in math (a minus sign, not a hyphen), empty for an empty NONE. */
static void put_table_cell(FILE *out, const ng_report_cell *c, slong dg)
{
    char *s = ng_report_cell_latex(c, dg);
    if (is_math(c))
        fprintf(out, "$\\displaystyle %s$", s);
    else if (c->kind == NG_REPORT_CELL_BOND || (c->kind == NG_REPORT_CELL_INT && c->i < 0))
        fprintf(out, "$%s$", s);
    else
        fputs(s, out);
    flint_free(s);
}

static void put_row_cell(FILE *out, const ng_report_cell *c, slong dg)
{
    fputs(" &", out);
    if (c != NULL && (c->kind != NG_REPORT_CELL_NONE || (c->s != NULL && c->s[0]))) {
        fputc(' ', out);
        put_table_cell(out, c, dg);
    }
}

static int shown(const ng_report_node *T, slong c)
{
    return (T->cols[c].formats & NG_REPORT_LATEX) != 0;
}

/* The header row and the rows; the first column shown starts each row. */
static void table_rows(FILE *out, const ng_report_node *T, slong dg)
{
    int first = 1;
    fprintf(out, "\\hline\n");
    for (slong c = 0; c < T->ncols; c++)
        if (shown(T, c)) {
            fprintf(out, "%s%s", first ? "" : " & ",
                    T->cols[c].latex ? T->cols[c].latex : T->cols[c].text);
            first = 0;
        }
    fprintf(out, " \\\\\n\\hline\n");
    for (slong r = 0; r < T->nrows; r++) {
        first = 1;
        for (slong c = 0; c < T->ncols; c++) {
            const ng_report_cell *x = _ng_report_table_cell(T, r, c);
            if (!shown(T, c))
                continue;
            if (first && x != NULL)
                put_table_cell(out, x, dg);
            else if (!first)
                put_row_cell(out, x, dg);
            first = 0;
        }
        fprintf(out, " \\\\\n");
    }
}

/* The tables from child i on that share one tabular (NG_REPORT_LATEX_CONTINUE);
 * returns the index after them. */
static slong tabular(FILE *out, const ng_report_node *g, slong i, slong dg)
{
    const ng_report_node *T = g->child[i];
    slong e = i + 1;
    while (e < g->nchild && g->child[e]->kind == NG_REPORT_NODE_TABLE &&
           (g->child[e]->flags & NG_REPORT_LATEX_CONTINUE))
        e++;
    if (T->latex != NULL)
        fputs(T->latex, out);
    /* air between rows for exact fractions in display style */
    fprintf(out, "\\begin{center}\n\\renewcommand{\\arraystretch}{1.4}\n\\begin{tabular}{");
    for (slong c = 0; c < T->ncols; c++) {
        const ng_report_cell *x = _ng_report_table_cell(T, 0, c);
        if (!shown(T, c))
            continue;
        fputc(x != NULL && (x->kind == NG_REPORT_CELL_INT || x->kind == NG_REPORT_CELL_BOND)
                  ? 'r' : 'l', out);
    }
    fprintf(out, "}\n");
    for (slong k = i; k < e; k++)
        if (g->child[k]->nrows > 0 && (g->child[k]->formats & NG_REPORT_LATEX))
            table_rows(out, g->child[k], dg);
    fprintf(out, "\\hline\n\\end{tabular}\n\\end{center}\n");
    return e;
}

static void values_latex(FILE *out, const ng_report_node *g, slong a, slong b, slong dg)
{
    int first = 1;
    fprintf(out, "\\begin{align*}\n");
    for (slong i = a; i < b; i++) {
        const ng_report_node *n = g->child[i];
        char *s;
        if (!(n->formats & NG_REPORT_LATEX))
            continue;
        s = ng_report_cell_latex(&n->cell, dg);
        if (!first)
            fputs(n->flags & NG_REPORT_LATEX_SAME_ROW ? ", & " : ", \\\\\n", out);
        if (n->cell.kind == NG_REPORT_CELL_NONE)
            fprintf(out, "%s &\\quad\\text{%s}", n->latex, s);
        else
            fprintf(out, "%s &= %s", n->latex, s);
        flint_free(s);
        first = 0;
    }
    fprintf(out, ".\n\\end{align*}\n");
}

static void group_latex(FILE *out, const ng_report_node *g, slong dg)
{
    if (g->latex != NULL && (g->formats & NG_REPORT_LATEX))
        fputs(g->latex, out);
    for (slong i = 0; i < g->nchild;) {
        const ng_report_node *n = g->child[i];
        slong e = _ng_report_value_run(g, i, NG_REPORT_LATEX);
        if (e > i) {
            values_latex(out, g, i, e, dg);
            i = e;
        } else if (!(n->formats & NG_REPORT_LATEX)) {
            i++;
        } else if (n->kind == NG_REPORT_NODE_TABLE) {
            i = n->nrows > 0 ? tabular(out, g, i, dg) : i + 1;
        } else {
            if (n->kind == NG_REPORT_NODE_NOTE)
                fputs(n->text, out);
            else if (n->kind == NG_REPORT_NODE_GROUP || n->kind == NG_REPORT_NODE_LIST)
                group_latex(out, n, dg);
            i++;
        }
    }
}

void _ng_report_write_latex(FILE *out, const ng_report_t rep, int standalone)
{
    ng_report_latex_begin(out, standalone, rep->title_latex, rep->command_line);
    group_latex(out, &rep->root, rep->digits);
    for (size_t i = 0; i < json_array_size(rep->warnings); i++) {
        ng_report_cell c = {0};
        c.kind = NG_REPORT_CELL_STRING;
        c.s = (char *)json_string_value(json_array_get(rep->warnings, i));
        char *s = ng_report_cell_latex(&c, 0);
        fprintf(out, "\n\\paragraph{Warning.} %s\n", s);
        flint_free(s);
    }
    ng_report_latex_end(out, standalone);
}
