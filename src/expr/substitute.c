/* Substituting an expression for a free name (a model file's mean field
 * written as an expression of its bath's t or T). */
#include <string.h>

#include "expr_internal.h"

int ng_expr_has_name(const ng_expr *e, const char *name)
{
    if (e == NULL || e->closed)
        return 0;
    if (e->kind == NG_EXPR_NAME)
        return strcmp(e->name, name) == 0;
    return ng_expr_has_name(e->arg[0], name) || ng_expr_has_name(e->arg[1], name);
}

ng_expr *ng_expr_substitute(const ng_expr *e, const char *name, const ng_expr *value)
{
    ng_expr *r;
    if (e == NULL || value == NULL)
        return NULL;
    if (!ng_expr_has_name(e, name))
        return ng_expr_copy(e);
    if (e->kind == NG_EXPR_NAME)
        return ng_expr_copy(value);
    /* a composite above the name: rebuilt, so its text and analysis are new */
    r = _ng_expr_new(e->kind);
    r->func = e->func;
    for (int i = 0; i < 2; i++)
        r->arg[i] = e->arg[i] == NULL ? NULL : ng_expr_substitute(e->arg[i], name, value);
    r->closed = r->arg[0]->closed && (r->arg[1] == NULL || r->arg[1]->closed);
    r->what = e->what != NULL ? _ng_strdup(e->what) : NULL;
    return r;
}
