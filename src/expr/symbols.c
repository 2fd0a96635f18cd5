/* Which symbols an expression needs as a rational function, and the rules
 * that decide whether it is one: free names enter through + - * /, integer
 * powers, and sin, cos, tan of a bare name θ, which become rational
 * functions of u_θ = tan(θ/2). */
#include <string.h>

#include "expr_internal.h"

const char *_ng_expr_first_name(const ng_expr *e)
{
    if (e == NULL || e->closed)
        return "";
    if (e->kind == NG_EXPR_NAME)
        return e->name;
    for (int i = 0; i < 2; i++)
        if (e->arg[i] != NULL && !e->arg[i]->closed)
            return _ng_expr_first_name(e->arg[i]);
    return "";
}

ng_status _ng_expr_check_symbolic_call(const ng_expr *call, const char *what)
{
    const ng_expr *a = call->arg[0];
    const char *f = _ng_expr_func_name(call->func);
    char t[128];
    if (a->closed || (_ng_expr_is_trig(call->func) && a->kind == NG_EXPR_NAME))
        return NG_OK;
    _ng_expr_excerpt(t, sizeof t, call);
    if (_ng_expr_is_trig(call->func))
        return _ng_expr_error(NG_EINPUT, what,
                              "%s is not a rational function of the parameters: %s of a "
                              "symbolic argument stays exact only for a bare name",
                              t, f);
    return _ng_expr_error(NG_EINPUT, what,
                          "%s is not a rational function of the parameters: the free "
                          "name '%s' appears under %s (only sin, cos and tan of a bare "
                          "name can stay exact)",
                          t, _ng_expr_first_name(a), f);
}

ng_status _ng_expr_integer_exponent(slong *n, const ng_expr *pow, const char *what)
{
    const ng_expr *ex = pow->arg[1];
    ng_expr_domain d;
    char t[128];

    _ng_expr_excerpt(t, sizeof t, pow);
    if (!ex->closed)
        return _ng_expr_error(NG_EINPUT, what,
                              "%s is not a rational function of the parameters: the "
                              "exponent contains the free name '%s'",
                              t, _ng_expr_first_name(ex));
    ng_status status = _ng_expr_classify(&d, ex, what);
    if (status != NG_OK)
        return status;
    if (d != NG_EXPR_RATIONAL || !fmpz_is_one(fmpq_denref(ex->exact)))
        return _ng_expr_error(NG_EINPUT, what,
                              "%s is not a rational function of the parameters: a "
                              "symbolic base needs an integer exponent",
                              t);
    if (_ng_fmpz_cmpabs_ui(fmpq_numref(ex->exact), NG_EXPR_MAX_PARAM_POW) > 0)
        return _ng_expr_error(NG_EINPUT, what,
                              "%s: the exponent of a symbolic base must be at most %d in "
                              "absolute value",
                              t, NG_EXPR_MAX_PARAM_POW);
    *n = fmpz_get_si(fmpq_numref(ex->exact));
    return NG_OK;
}

enum { USE_BARE = 1, USE_TRIG = 2 };

typedef struct {
    const char **name; /* borrowed from the expression */
    int *use;
    slong n;
} name_uses;

static void note_use(name_uses *U, const char *name, int use)
{
    for (slong i = 0; i < U->n; i++) {
        if (strcmp(U->name[i], name) == 0) {
            U->use[i] |= use;
            return;
        }
    }
    U->name = flint_realloc(U->name, sizeof(char *) * (size_t)(U->n + 1));
    U->use = flint_realloc(U->use, sizeof(int) * (size_t)(U->n + 1));
    U->name[U->n] = name;
    U->use[U->n] = use;
    U->n++;
}

static ng_status collect_uses(name_uses *U, const ng_expr *e, const char *what)
{
    slong n;
    ng_status status = NG_OK;

    what = _ng_expr_what(e, what);
    if (e->closed)
        return NG_OK;
    switch (e->kind) {
    case NG_EXPR_NAME:
        note_use(U, e->name, USE_BARE);
        return NG_OK;
    case NG_EXPR_CALL:
        status = _ng_expr_check_symbolic_call(e, what);
        if (status == NG_OK)
            note_use(U, e->arg[0]->name, USE_TRIG);
        return status;
    case NG_EXPR_POW:
        status = _ng_expr_integer_exponent(&n, e, what);
        if (status == NG_OK)
            status = collect_uses(U, e->arg[0], what);
        return status;
    default:
        for (int i = 0; i < 2 && status == NG_OK; i++)
            if (e->arg[i] != NULL)
                status = collect_uses(U, e->arg[i], what);
        return status;
    }
}

static int has_name(char **names, slong n, const char *name)
{
    for (slong i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

static void append_name(char ***names, slong *n, const char *prefix, const char *name)
{
    size_t lp = strlen(prefix), ln = strlen(name);
    char *s = flint_malloc(lp + ln + 1);
    memcpy(s, prefix, lp);
    memcpy(s + lp, name, ln + 1);
    if (has_name(*names, *n, s)) {
        flint_free(s);
        return;
    }
    *names = flint_realloc(*names, sizeof(char *) * (size_t)(*n + 1));
    (*names)[(*n)++] = s;
}

ng_status ng_expr_symbols(char ***names, slong *n, const ng_expr *e)
{
    name_uses U = {NULL, NULL, 0};
    if (e == NULL)
        return ng_error(NG_EINPUT, "no expression given");
    ng_status status = collect_uses(&U, e, NULL);
    for (slong i = 0; i < U.n && status == NG_OK; i++) {
        if (U.use[i] == (USE_BARE | USE_TRIG)) {
            char t[128];
            _ng_expr_excerpt(t, sizeof t, e);
            status = _ng_expr_error(
                NG_EINPUT, e->what,
                "%s uses '%s' both bare and under sin, cos or tan: one rational "
                "function cannot hold both %s and u_%s = tan(%s/2)",
                t, U.name[i], U.name[i], U.name[i], U.name[i]);
        }
    }
    /* Nothing is appended unless the whole expression is acceptable. */
    for (slong i = 0; i < U.n && status == NG_OK; i++)
        append_name(names, n, U.use[i] == USE_TRIG ? "u_" : "", U.name[i]);
    flint_free(U.name);
    flint_free(U.use);
    return status;
}
