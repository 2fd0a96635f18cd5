/* Expression nodes: life cycle, deep copies and the builders that compose
 * derived quantities (the model's cos²θ, tanh(h/T), …) from given ones. */
#include <string.h>

#include "expr_internal.h"

static const char *const func_names[NG_FUNC_COUNT] = {"sqrt", "exp", "log",  "sin",
                                                      "cos",  "tan", "tanh", "atanh"};

const char *_ng_expr_func_name(ng_expr_func f)
{
    return func_names[f];
}

int _ng_expr_func_lookup(ng_expr_func *f, const char *name, size_t len)
{
    for (int i = 0; i < NG_FUNC_COUNT; i++) {
        if (strlen(func_names[i]) == len && memcmp(func_names[i], name, len) == 0) {
            *f = (ng_expr_func)i;
            return 1;
        }
    }
    return 0;
}

char *_ng_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *t = flint_malloc(n);
    memcpy(t, s, n);
    return t;
}

ng_expr *_ng_expr_new(ng_expr_kind kind)
{
    ng_expr *e = flint_calloc(1, sizeof(ng_expr));
    e->kind = kind;
    e->closed = (kind != NG_EXPR_NAME);
    e->exact_state = NG_EXACT_NONE;
    e->rational = T_UNKNOWN;
    fmpq_init(e->exact);
    return e;
}

void ng_expr_free(ng_expr *e)
{
    if (e == NULL)
        return;
    ng_expr_free(e->arg[0]);
    ng_expr_free(e->arg[1]);
    flint_free(e->name);
    flint_free(e->text);
    flint_free(e->what);
    fmpq_clear(e->exact);
    flint_free(e);
}

ng_expr *ng_expr_copy(const ng_expr *e)
{
    if (e == NULL)
        return NULL;
    ng_expr *c = _ng_expr_new(e->kind);
    c->func = e->func;
    c->closed = e->closed;
    for (int i = 0; i < 2; i++)
        c->arg[i] = ng_expr_copy(e->arg[i]);
    c->name = e->name ? _ng_strdup(e->name) : NULL;
    c->text = e->text ? _ng_strdup(e->text) : NULL;
    c->what = e->what ? _ng_strdup(e->what) : NULL;
    /* The analysis cache is a pure function of the tree, so it carries over. */
    c->exact_state = e->exact_state;
    c->rational = e->rational;
    c->rational_final = e->rational_final;
    c->gave_up = e->gave_up;
    fmpq_set(c->exact, e->exact);
    return c;
}

ng_expr *ng_expr_rational(slong p, ulong q)
{
    if (q == 0)
        return NULL;
    ng_expr *e = _ng_expr_new(NG_EXPR_NUM);
    fmpq_set_si(e->exact, p, q);
    e->exact_state = NG_EXACT_DONE;
    e->rational = T_TRUE;
    e->rational_final = 1;
    return e;
}

static ng_expr *compose(ng_expr_kind kind, ng_expr *a, ng_expr *b)
{
    ng_expr *e = _ng_expr_new(kind);
    e->arg[0] = a;
    e->arg[1] = b;
    e->closed = a->closed && (b == NULL || b->closed);
    return e;
}

static int binary_kind(ng_expr_kind *kind, char op)
{
    switch (op) {
    case '+':
        *kind = NG_EXPR_ADD;
        return 1;
    case '-':
        *kind = NG_EXPR_SUB;
        return 1;
    case '*':
        *kind = NG_EXPR_MUL;
        return 1;
    case '/':
        *kind = NG_EXPR_DIV;
        return 1;
    case '^':
        *kind = NG_EXPR_POW;
        return 1;
    default:
        return 0;
    }
}

ng_expr *ng_expr_binary(char op, ng_expr *a, ng_expr *b)
{
    ng_expr_kind kind;
    if (a == NULL || b == NULL || !binary_kind(&kind, op)) {
        /* The builders own their arguments even when they fail, so chains
         * of builders need a single NULL check at the end. */
        ng_expr_free(a);
        ng_expr_free(b);
        return NULL;
    }
    return compose(kind, a, b);
}

ng_expr *ng_expr_neg(ng_expr *a)
{
    if (a == NULL)
        return NULL;
    return compose(NG_EXPR_NEG, a, NULL);
}

ng_expr *ng_expr_call(const char *func, ng_expr *a)
{
    ng_expr_func f;
    if (a == NULL || func == NULL || !_ng_expr_func_lookup(&f, func, strlen(func))) {
        ng_expr_free(a);
        return NULL;
    }
    ng_expr *e = compose(NG_EXPR_CALL, a, NULL);
    e->func = f;
    return e;
}
