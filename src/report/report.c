/* The report object (report.h): a tree of values, tables, notes, groups and
 * lists that the one writer per format walks. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/report.h"

static char *dup(const char *s)
{
    return s == NULL ? NULL : strcpy(flint_malloc(strlen(s) + 1), s);
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* The formatted text, flint_malloc'd: measured into a small buffer first
 * (a NULL destination trips GCC's -Wformat-truncation in sanitizer builds). */
static char *vformat(const char *fmt, va_list ap)
{
    char buf[256];
    va_list aq;
    int n;
    va_copy(aq, ap);
    n = vsnprintf(buf, sizeof buf, fmt, aq);
    va_end(aq);
    if (n < 0)
        n = 0, buf[0] = '\0';
    if ((size_t)n < sizeof buf)
        return dup(buf);
    {
        char *s = flint_malloc((size_t)n + 1);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        return s;
    }
}

static void cell_clear(ng_report_cell *c)
{
    if (c->kind == NG_REPORT_CELL_ELEM)
        ng_elem_free(c->x, c->R);
    else if (c->kind == NG_REPORT_CELL_ARB)
        arb_clear(&c->a);
    else if (c->kind == NG_REPORT_CELL_JSON)
        json_decref(c->json);
    flint_free(c->s);
    flint_free(c->latex);
}

static void node_clear(ng_report_node *n)
{
    for (slong i = 0; i < n->nchild; i++) {
        node_clear(n->child[i]);
        flint_free(n->child[i]);
    }
    for (slong i = 0; i < n->ncells; i++)
        cell_clear(n->cells + i);
    for (slong i = 0; i < n->ncols; i++) {
        flint_free(n->cols[i].key);
        flint_free(n->cols[i].text);
        flint_free(n->cols[i].latex);
    }
    if (n->kind == NG_REPORT_NODE_VALUE)
        cell_clear(&n->cell);
    flint_free(n->child);
    flint_free(n->cells);
    flint_free(n->cols);
    flint_free(n->key);
    flint_free(n->text);
    flint_free(n->latex);
    flint_free(n->csv);
}

void ng_report_init(ng_report_t rep, const char *command, const char *command_line,
                    json_t *model, slong digits)
{
    memset(rep, 0, sizeof *rep);
    rep->command = dup(command);
    rep->command_line = dup(command_line);
    rep->model = model;
    rep->digits = digits;
    rep->warnings = json_array();
    rep->root.kind = NG_REPORT_NODE_GROUP;
    rep->root.formats = NG_REPORT_ALL;
    rep->cur = &rep->root;
}

void ng_report_clear(ng_report_t rep)
{
    node_clear(&rep->root);
    flint_free(rep->command);
    flint_free(rep->command_line);
    flint_free(rep->title_text);
    flint_free(rep->title_latex);
    json_decref(rep->model);
    json_decref(rep->warnings);
    memset(rep, 0, sizeof *rep);
}

void ng_report_title(ng_report_t rep, const char *text, const char *latex)
{
    flint_free(rep->title_text);
    flint_free(rep->title_latex);
    rep->title_text = dup(text);
    rep->title_latex = dup(latex);
}

void ng_report_warning(ng_report_t rep, const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    s = vformat(fmt, ap);
    va_end(ap);
    json_array_append_new(rep->warnings, json_string(s));
    flint_free(s);
}

static ng_report_node *add_node(ng_report_t rep, ng_report_node_kind kind, const char *key,
                                const char *text, const char *latex)
{
    ng_report_node *p = rep->cur, *n = flint_calloc(1, sizeof *n);
    n->kind = kind;
    n->key = dup(key);
    n->text = dup(text);
    n->latex = dup(latex);
    n->parent = p;
    n->formats = NG_REPORT_TEXT | NG_REPORT_JSON | NG_REPORT_CSV | NG_REPORT_LATEX;
    if (kind == NG_REPORT_NODE_VALUE) { /* a label says where it is shown */
        if (text == NULL)
            n->formats &= ~(unsigned)NG_REPORT_TEXT;
        if (latex == NULL)
            n->formats &= ~(unsigned)NG_REPORT_LATEX;
    }
    if (p->nchild == p->alloc_child) {
        p->alloc_child = FLINT_MAX(8, 2 * p->alloc_child);
        p->child = flint_realloc(p->child, p->alloc_child * sizeof *p->child);
    }
    p->child[p->nchild++] = n;
    return n;
}

static ng_report_node *value(ng_report_t rep, const char *key, const char *text,
                             const char *latex, ng_report_cell_kind kind)
{
    ng_report_node *n = add_node(rep, NG_REPORT_NODE_VALUE, key, text, latex);
    n->cell.kind = kind;
    return n;
}

ng_report_node *ng_report_elem(ng_report_t rep, const char *key, const char *text,
                               const char *latex, ng_srcptr x, const ng_ring_t R)
{
    ng_report_node *n = value(rep, key, text, latex, NG_REPORT_CELL_ELEM);
    n->cell.R = R;
    n->cell.x = ng_elem_new(R);
    ng_elem_set(n->cell.x, x, R);
    return n;
}

ng_report_node *ng_report_arb(ng_report_t rep, const char *key, const char *text,
                              const char *latex, const arb_t x)
{
    ng_report_node *n = value(rep, key, text, latex, NG_REPORT_CELL_ARB);
    arb_init(&n->cell.a);
    arb_set(&n->cell.a, x);
    return n;
}

ng_report_node *ng_report_double(ng_report_t rep, const char *key, const char *text,
                                 const char *latex, double x)
{
    ng_report_node *n = value(rep, key, text, latex, NG_REPORT_CELL_DOUBLE);
    n->cell.d = x;
    return n;
}

ng_report_node *ng_report_int(ng_report_t rep, const char *key, const char *text,
                              const char *latex, slong i)
{
    ng_report_node *n = value(rep, key, text, latex, NG_REPORT_CELL_INT);
    n->cell.i = i;
    return n;
}

ng_report_node *ng_report_bool(ng_report_t rep, const char *key, const char *text,
                               const char *latex, int b)
{
    ng_report_node *n = value(rep, key, text, latex, NG_REPORT_CELL_BOOL);
    n->cell.i = b != 0;
    return n;
}

ng_report_node *ng_report_string(ng_report_t rep, const char *key, const char *text,
                                 const char *latex, const char *s)
{
    ng_report_node *n = value(rep, key, text, latex, NG_REPORT_CELL_STRING);
    n->cell.s = dup(s);
    return n;
}

ng_report_node *ng_report_none(ng_report_t rep, const char *key, const char *text,
                               const char *latex, const char *shown)
{
    ng_report_node *n = value(rep, key, text, latex, NG_REPORT_CELL_NONE);
    n->cell.s = dup(shown);
    return n;
}

ng_report_node *ng_report_json(ng_report_t rep, const char *key, json_t *j)
{
    ng_report_node *n = value(rep, key, NULL, NULL, NG_REPORT_CELL_JSON);
    n->cell.json = j;
    n->formats = NG_REPORT_JSON;
    return n;
}

void ng_report_node_formats(ng_report_node *n, unsigned formats)
{
    n->formats = formats;
}

void ng_report_node_flags(ng_report_node *n, unsigned flags)
{
    n->flags |= flags;
}

void ng_report_node_csv(ng_report_node *n, const char *csv_name)
{
    flint_free(n->csv);
    n->csv = dup(csv_name);
}

ng_report_node *ng_report_note(ng_report_t rep, unsigned formats, const char *fmt, ...)
{
    va_list ap;
    ng_report_node *n = add_node(rep, NG_REPORT_NODE_NOTE, NULL, NULL, NULL);
    va_start(ap, fmt);
    n->text = vformat(fmt, ap);
    va_end(ap);
    n->formats = formats;
    return n;
}

ng_report_node *ng_report_begin_group(ng_report_t rep, const char *key, const char *text,
                                      const char *latex)
{
    ng_report_node *n = add_node(rep, NG_REPORT_NODE_GROUP, key, text, latex);
    rep->cur = n;
    return n;
}

ng_report_node *ng_report_begin_list(ng_report_t rep, const char *key)
{
    ng_report_node *n = add_node(rep, NG_REPORT_NODE_LIST, key, NULL, NULL);
    rep->cur = n;
    return n;
}

void ng_report_end(ng_report_t rep)
{
    if (rep->cur->parent != NULL)
        rep->cur = rep->cur->parent;
}

ng_report_table_t *ng_report_table(ng_report_t rep, const char *key, const char *caption,
                                   const char *latex_caption)
{
    return add_node(rep, NG_REPORT_NODE_TABLE, key, caption, latex_caption);
}

void ng_report_column(ng_report_table_t *T, const char *key, const char *text,
                      const char *latex)
{
    T->cols = flint_realloc(T->cols, (T->ncols + 1) * sizeof *T->cols);
    T->cols[T->ncols].key = dup(key);
    T->cols[T->ncols].text = dup(text);
    T->cols[T->ncols].latex = dup(latex);
    T->cols[T->ncols].ball = 0;
    T->cols[T->ncols].formats = NG_REPORT_ALL;
    T->ncols++;
}

void ng_report_column_ball(ng_report_table_t *T)
{
    if (T->ncols > 0)
        T->cols[T->ncols - 1].ball = 1;
}

void ng_report_column_formats(ng_report_table_t *T, unsigned formats)
{
    if (T->ncols > 0)
        T->cols[T->ncols - 1].formats = formats;
}

void ng_report_row(ng_report_table_t *T)
{
    T->nrows++;
}

static ng_report_cell *next_cell(ng_report_table_t *T, ng_report_cell_kind kind)
{
    ng_report_cell *c;
    if (T->ncells == T->alloc_cells) {
        T->alloc_cells = FLINT_MAX(16, 2 * T->alloc_cells);
        T->cells = flint_realloc(T->cells, T->alloc_cells * sizeof *T->cells);
    }
    c = T->cells + T->ncells++;
    memset(c, 0, sizeof *c);
    c->kind = kind;
    return c;
}

void ng_report_cell_elem(ng_report_table_t *T, ng_srcptr x, const ng_ring_t R)
{
    ng_report_cell *c = next_cell(T, NG_REPORT_CELL_ELEM);
    c->R = R;
    c->x = ng_elem_new(R);
    ng_elem_set(c->x, x, R);
}

void ng_report_cell_arb(ng_report_table_t *T, const arb_t x)
{
    ng_report_cell *c = next_cell(T, NG_REPORT_CELL_ARB);
    arb_init(&c->a);
    arb_set(&c->a, x);
}

void ng_report_cell_double(ng_report_table_t *T, double x)
{
    next_cell(T, NG_REPORT_CELL_DOUBLE)->d = x;
}

void ng_report_cell_int(ng_report_table_t *T, slong i)
{
    next_cell(T, NG_REPORT_CELL_INT)->i = i;
}

void ng_report_cell_bool(ng_report_table_t *T, int b)
{
    next_cell(T, NG_REPORT_CELL_BOOL)->i = b != 0;
}

void ng_report_cell_string(ng_report_table_t *T, const char *s)
{
    next_cell(T, NG_REPORT_CELL_STRING)->s = dup(s);
}

void ng_report_cell_math(ng_report_table_t *T, const char *text, const char *latex)
{
    ng_report_cell *c = next_cell(T, NG_REPORT_CELL_MATH);
    c->s = dup(text);
    c->latex = dup(latex);
}

void ng_report_cell_string_latex(ng_report_table_t *T, const char *text, const char *latex)
{
    ng_report_cell *c = next_cell(T, NG_REPORT_CELL_STRING);
    c->s = dup(text);
    c->latex = dup(latex);
}

void ng_report_cell_bond(ng_report_table_t *T, slong l, slong m)
{
    ng_report_cell *c = next_cell(T, NG_REPORT_CELL_BOND);
    c->i = l;
    c->j = m;
}

void ng_report_cell_none(ng_report_table_t *T, const char *shown)
{
    next_cell(T, NG_REPORT_CELL_NONE)->s = dup(shown);
}

void ng_report_cell_json(ng_report_table_t *T, json_t *j)
{
    next_cell(T, NG_REPORT_CELL_JSON)->json = j;
}
