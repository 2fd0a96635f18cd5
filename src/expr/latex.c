/* LaTeX of an expression as typed, so that documents write parameters as
 * mathematics: "pi/4" is \frac{\pi}{4}, "sqrt(2)/2" is \frac{\sqrt{2}}{2},
 * "tanh(2/3)" is \tanh\left(\frac{2}{3}\right), theta is \theta.  Only the
 * parentheses the notation needs are written (fractions and roots group by
 * themselves). */
#include <stdio.h>
#include <string.h>

#include "expr_internal.h"
#include "nessgen/ring.h"

typedef struct {
    char *s;
    size_t len;
} lbuf;

static void put(lbuf *b, const char *s)
{
    size_t n = strlen(s);
    b->s = flint_realloc(b->s, b->len + n + 1);
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

char *ng_param_name_latex(const char *name)
{
    ng_ring_t P;
    ng_ptr x;
    char *s;
    ng_ring_init_params(P, &name, 1);
    x = ng_elem_new(P);
    ng_elem_gen(x, 0, P);
    s = ng_elem_get_latex(x, 0, P);
    ng_elem_free(x, P);
    ng_ring_clear(P);
    return s;
}

static void put_name(lbuf *b, const char *name)
{
    char *s = ng_param_name_latex(name);
    put(b, s);
    flint_free(s);
}

/* A literal as typed ("0.25", "1e-3" → 10^{-3}, "2.5e3" → 2.5 \cdot 10^{3}),
 * or an exact rational built by the program. */
static void put_number(lbuf *b, const ng_expr *e)
{
    if (e->name != NULL) {
        const char *x = strpbrk(e->name, "eE");
        if (x == NULL) {
            put(b, e->name);
            return;
        }
        char *m = flint_malloc(x - e->name + 1);
        memcpy(m, e->name, x - e->name);
        m[x - e->name] = '\0';
        if (strcmp(m, "1") != 0) {
            put(b, m);
            put(b, " \\cdot ");
        }
        put(b, "10^{");
        put(b, x[1] == '+' ? x + 2 : x + 1);
        put(b, "}");
        flint_free(m);
        return;
    }
    char *p = fmpz_get_str(NULL, 10, fmpq_numref(e->exact));
    if (fmpz_is_one(fmpq_denref(e->exact))) {
        put(b, p);
    } else {
        char *q = fmpz_get_str(NULL, 10, fmpq_denref(e->exact));
        if (p[0] == '-')
            put(b, "-");
        put(b, "\\frac{");
        put(b, p + (p[0] == '-'));
        put(b, "}{");
        put(b, q);
        put(b, "}");
        flint_free(q);
    }
    flint_free(p);
}

static int is_sum(const ng_expr *e)
{
    return e->kind == NG_EXPR_ADD || e->kind == NG_EXPR_SUB;
}

static int is_negative(const ng_expr *e)
{
    return e->kind == NG_EXPR_NEG ||
           (e->kind == NG_EXPR_NUM &&
            (e->name != NULL ? e->name[0] == '-' : fmpq_sgn(e->exact) < 0));
}

static void put_expr(lbuf *b, const ng_expr *e);

static void put_parens(lbuf *b, const ng_expr *e, int parens)
{
    if (parens)
        put(b, "\\left(");
    put_expr(b, e);
    if (parens)
        put(b, "\\right)");
}

static const char *const func_latex[NG_FUNC_COUNT] = {
    [NG_FUNC_SQRT] = "\\sqrt", [NG_FUNC_EXP] = "\\exp", [NG_FUNC_LOG] = "\\log",
    [NG_FUNC_SIN] = "\\sin",   [NG_FUNC_COS] = "\\cos", [NG_FUNC_TAN] = "\\tan",
    [NG_FUNC_TANH] = "\\tanh", [NG_FUNC_ATANH] = "\\operatorname{artanh}"};

static void put_expr(lbuf *b, const ng_expr *e)
{
    switch (e->kind) {
    case NG_EXPR_NUM:
        put_number(b, e);
        break;
    case NG_EXPR_NAME:
        put_name(b, e->name);
        break;
    case NG_EXPR_PI:
        put(b, "\\pi");
        break;
    case NG_EXPR_NEG:
        put(b, "-");
        put_parens(b, e->arg[0], is_sum(e->arg[0]) || is_negative(e->arg[0]));
        break;
    case NG_EXPR_ADD:
    case NG_EXPR_SUB:
        put_expr(b, e->arg[0]);
        put(b, e->kind == NG_EXPR_ADD ? " + " : " - ");
        put_parens(b, e->arg[1],
                   is_negative(e->arg[1]) || (e->kind == NG_EXPR_SUB && is_sum(e->arg[1])));
        break;
    case NG_EXPR_MUL:
        put_parens(b, e->arg[0], is_sum(e->arg[0]));
        /* a number after a factor needs a visible product sign */
        put(b, e->arg[1]->kind == NG_EXPR_NUM ? " \\cdot " : " \\, ");
        put_parens(b, e->arg[1], is_sum(e->arg[1]) || is_negative(e->arg[1]));
        break;
    case NG_EXPR_DIV:
        put(b, "\\frac{");
        put_expr(b, e->arg[0]);
        put(b, "}{");
        put_expr(b, e->arg[1]);
        put(b, "}");
        break;
    case NG_EXPR_POW: {
        const ng_expr *x = e->arg[0];
        int atom = x->kind == NG_EXPR_NAME || x->kind == NG_EXPR_PI ||
                   (x->kind == NG_EXPR_NUM && !is_negative(x) && x->name != NULL &&
                    strpbrk(x->name, ".eE/") == NULL);
        put_parens(b, x, !atom);
        put(b, "^{");
        put_expr(b, e->arg[1]);
        put(b, "}");
        break;
    }
    case NG_EXPR_CALL:
        put(b, func_latex[e->func]);
        if (e->func == NG_FUNC_SQRT) {
            put(b, "{");
            put_expr(b, e->arg[0]);
            put(b, "}");
        } else {
            put_parens(b, e->arg[0], 1);
        }
        break;
    }
}

char *ng_expr_get_latex(const ng_expr *e)
{
    lbuf b = {NULL, 0};
    put(&b, "");
    put_expr(&b, e);
    return b.s;
}
