/* The CSV writer of a report (report.h, DESIGN §4: numbers only).  A block
 * of rows per group that holds site tables (NG_REPORT_CSV_JOIN): the
 * document, or each element of a list.  The tables join on their first
 * column (a site; a bond (l, l+1) joins on l), one row per key; the values
 * with a CSV name repeat on every row, before the tables' columns if added
 * before the first table, else after.  A quantity is a ball column pair
 * name_mid,name_rad if it is a ball or element anywhere in the document. */
#include <string.h>

#include "report_writers.h"

#define MAX_PARTS 256

/* A block: its prefix and suffix values and its tables, in order. */
typedef struct {
    const ng_report_node *pre[MAX_PARTS], *post[MAX_PARTS], *tab[MAX_PARTS];
    int npre, npost, ntab;
} block_t;

static int is_csv(const ng_report_node *n)
{
    return (n->formats & NG_REPORT_CSV) != 0;
}

static void collect(block_t *b, const ng_report_node *g)
{
    for (slong i = 0; i < g->nchild; i++) {
        const ng_report_node *n = g->child[i];
        if (!is_csv(n))
            continue;
        if (n->kind == NG_REPORT_NODE_VALUE && n->csv != NULL) {
            if (b->ntab == 0 && b->npre < MAX_PARTS)
                b->pre[b->npre++] = n;
            else if (b->ntab > 0 && b->npost < MAX_PARTS)
                b->post[b->npost++] = n;
        } else if (n->kind == NG_REPORT_NODE_TABLE && (n->flags & NG_REPORT_CSV_JOIN) &&
                   b->ntab < MAX_PARTS) {
            b->tab[b->ntab++] = n;
        } else if (n->kind == NG_REPORT_NODE_GROUP) {
            collect(b, n);
        }
    }
}

static int cell_is_ball(const ng_report_cell *c)
{
    return c != NULL && (c->kind == NG_REPORT_CELL_ELEM || c->kind == NG_REPORT_CELL_ARB);
}

static int column_is_ball(const ng_report_node *T, const char *name)
{
    for (slong c = 1; c < T->ncols; c++) {
        if (strcmp(T->cols[c].key, name) != 0)
            continue;
        if (T->cols[c].ball)
            return 1;
        for (slong r = 0; r < T->nrows; r++)
            if (cell_is_ball(_ng_report_table_cell(T, r, c)))
                return 1;
    }
    return 0;
}

/* Whether the quantity `name` (a value's CSV name or a join column's key) is
 * a ball anywhere under g. */
static int name_is_ball(const ng_report_node *g, const char *name)
{
    for (slong i = 0; i < g->nchild; i++) {
        const ng_report_node *n = g->child[i];
        if (!is_csv(n))
            continue;
        if (n->kind == NG_REPORT_NODE_VALUE && n->csv && strcmp(n->csv, name) == 0 &&
            cell_is_ball(&n->cell))
            return 1;
        if (n->kind == NG_REPORT_NODE_TABLE && (n->flags & NG_REPORT_CSV_JOIN) &&
            column_is_ball(n, name))
            return 1;
        if ((n->kind == NG_REPORT_NODE_GROUP || n->kind == NG_REPORT_NODE_LIST) &&
            name_is_ball(n, name))
            return 1;
    }
    return 0;
}

static void put_name(FILE *out, const ng_report_t rep, const char *name, int *first)
{
    if (!*first)
        fputc(',', out);
    *first = 0;
    if (name_is_ball(&rep->root, name))
        ng_report_csv_ball_header(out, name);
    else
        fputs(name, out);
}

static void header(FILE *out, const ng_report_t rep, const block_t *b)
{
    int first = 1;
    for (int i = 0; i < b->npre; i++)
        put_name(out, rep, b->pre[i]->csv, &first);
    put_name(out, rep, b->tab[0]->cols[0].key, &first);
    for (int t = 0; t < b->ntab; t++)
        for (slong c = 1; c < b->tab[t]->ncols; c++)
            if (b->tab[t]->cols[c].formats & NG_REPORT_CSV) /* as the rows */
                put_name(out, rep, b->tab[t]->cols[c].key, &first);
    for (int i = 0; i < b->npost; i++)
        put_name(out, rep, b->post[i]->csv, &first);
    fputc('\n', out);
}

/* A field (or a mid,rad pair when the quantity is a ball). */
static void field(FILE *out, const ng_report_t rep, const char *name,
                  const ng_report_cell *c)
{
    int ball = name_is_ball(&rep->root, name);
    if (c != NULL && c->kind == NG_REPORT_CELL_ELEM)
        ng_report_csv_elem(out, c->x, c->R);
    else if (c != NULL && c->kind == NG_REPORT_CELL_ARB)
        ng_report_csv_arb(out, &c->a);
    else if (c != NULL && c->kind == NG_REPORT_CELL_DOUBLE)
        ng_report_csv_double(out, c->d);
    else if (c != NULL && (c->kind == NG_REPORT_CELL_INT || c->kind == NG_REPORT_CELL_BOOL))
        fprintf(out, "%ld", (long)c->i);
    else if (c != NULL && c->kind == NG_REPORT_CELL_BOND)
        fprintf(out, "%ld", (long)c->i);
    else if (ball)
        fputc(',', out); /* an empty ball: two empty fields */
}

static slong key_of(const ng_report_cell *c)
{
    return c == NULL ? WORD_MIN : c->i; /* INT or BOND: its first site */
}

static slong row_with_key(const ng_report_node *T, slong key)
{
    for (slong r = 0; r < T->nrows; r++)
        if (key_of(_ng_report_table_cell(T, r, 0)) == key)
            return r;
    return -1;
}

static void rows(FILE *out, const ng_report_t rep, const block_t *b)
{
    const ng_report_node *K = b->tab[0]; /* its keys order the rows */
    for (slong r = 0; r < K->nrows; r++) {
        slong key = key_of(_ng_report_table_cell(K, r, 0));
        for (int i = 0; i < b->npre; i++) {
            field(out, rep, b->pre[i]->csv, &b->pre[i]->cell);
            fputc(',', out);
        }
        fprintf(out, "%ld", (long)key);
        for (int t = 0; t < b->ntab; t++) {
            slong rt = row_with_key(b->tab[t], key);
            for (slong c = 1; c < b->tab[t]->ncols; c++) {
                if (!(b->tab[t]->cols[c].formats & NG_REPORT_CSV))
                    continue; /* a column for other writers */
                fputc(',', out);
                field(out, rep, b->tab[t]->cols[c].key,
                      rt < 0 ? NULL : _ng_report_table_cell(b->tab[t], rt, c));
            }
        }
        for (int i = 0; i < b->npost; i++) {
            fputc(',', out);
            field(out, rep, b->post[i]->csv, &b->post[i]->cell);
        }
        fputc('\n', out);
    }
}

static void blocks(FILE *out, const ng_report_t rep, const ng_report_node *g,
                   int *have_header);

/* The lists under g (through groups, which belong to g's block). */
static void list_blocks(FILE *out, const ng_report_t rep, const ng_report_node *g,
                        int *have_header)
{
    for (slong i = 0; i < g->nchild; i++) {
        const ng_report_node *n = g->child[i];
        if (!is_csv(n))
            continue;
        if (n->kind == NG_REPORT_NODE_LIST)
            for (slong k = 0; k < n->nchild; k++)
                blocks(out, rep, n->child[k], have_header);
        else if (n->kind == NG_REPORT_NODE_GROUP)
            list_blocks(out, rep, n, have_header);
    }
}

static void blocks(FILE *out, const ng_report_t rep, const ng_report_node *g,
                   int *have_header)
{
    block_t *b = flint_calloc(1, sizeof *b);
    collect(b, g);
    if (b->ntab > 0) {
        if (!*have_header)
            header(out, rep, b);
        *have_header = 1;
        rows(out, rep, b);
    }
    flint_free(b);
    list_blocks(out, rep, g, have_header);
}

void _ng_report_write_csv(FILE *out, const ng_report_t rep)
{
    int have_header = 0;
    blocks(out, rep, &rep->root, &have_header);
}
