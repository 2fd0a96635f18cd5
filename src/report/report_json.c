/* The JSON writer of a report (report.h): the envelope, then every node
 * the JSON shows, in the order added; notes are prose and not written. */
#include <stdio.h>

#include "nessgen/report.h"

static void group_json(json_t *obj, const ng_report_node *g, slong dg, json_t *warnings);

static json_t *table_json(const ng_report_node *T, slong dg, json_t *warnings)
{
    json_t *a = json_array();
    char what[160];
    for (slong r = 0; r < T->nrows; r++) {
        json_t *o = json_object();
        for (slong c = 0; c < T->ncols && r * T->ncols + c < T->ncells; c++) {
            if (!(T->cols[c].formats & NG_REPORT_JSON))
                continue;
            snprintf(what, sizeof what, "%s, row %ld, %s", T->key, (long)r + 1,
                     T->cols[c].key);
            json_object_set_new(o, T->cols[c].key,
                                ng_report_cell_to_json(T->cells + r * T->ncols + c, dg,
                                                       warnings, what));
        }
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *node_json(const ng_report_node *n, slong dg, json_t *warnings)
{
    json_t *j;
    switch (n->kind) {
    case NG_REPORT_NODE_VALUE:
        return ng_report_cell_to_json(&n->cell, dg, warnings, n->key);
    case NG_REPORT_NODE_TABLE:
        return table_json(n, dg, warnings);
    case NG_REPORT_NODE_LIST:
        j = json_array();
        for (slong i = 0; i < n->nchild; i++)
            if (n->child[i]->formats & NG_REPORT_JSON)
                json_array_append_new(j, node_json(n->child[i], dg, warnings));
        return j;
    default: /* a group */
        j = json_object();
        group_json(j, n, dg, warnings);
        return j;
    }
}

static void group_json(json_t *obj, const ng_report_node *g, slong dg, json_t *warnings)
{
    for (slong i = 0; i < g->nchild; i++) {
        const ng_report_node *n = g->child[i];
        if (!(n->formats & NG_REPORT_JSON) || n->kind == NG_REPORT_NODE_NOTE)
            continue;
        if (n->key == NULL && n->kind == NG_REPORT_NODE_GROUP)
            group_json(obj, n, dg, warnings); /* a group without key: its fields */
        else if (n->key != NULL)
            json_object_set_new(obj, n->key, node_json(n, dg, warnings));
    }
}

json_t *ng_report_to_json(const ng_report_t rep)
{
    json_t *doc = ng_report_json_document(rep->command, rep->command_line,
                                          rep->model ? json_deep_copy(rep->model) : NULL);
    json_t *w = ng_report_json_warnings(doc);
    json_array_extend(w, rep->warnings);
    group_json(doc, &rep->root, rep->digits, w);
    return doc;
}
