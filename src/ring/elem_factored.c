/* Factored forms of rational functions, for reading: numerator and
 * denominator are factored over Z (FLINT's fmpz_mpoly_factor) and printed as
 * products of powers.  Other domains print as usual. */
#include <string.h>

#include <flint/fmpz_mpoly_factor.h>

#include "ring_internal.h"

typedef _ng_sbuf sbuf;
#define put _ng_sbuf_put

/* A polynomial as an element of R, so the usual writers print it. */
static char *poly_str(const fmpz_mpoly_t p, int latex, const ng_ring_t R)
{
    fmpz_mpoly_q_t q;
    char *s;
    fmpz_mpoly_q_init(q, R->mctx);
    fmpz_mpoly_set(fmpz_mpoly_q_numref(q), p, R->mctx);
    s = latex ? ng_elem_get_latex(q, 0, R) : ng_elem_get_str(q, 0, R);
    fmpz_mpoly_q_clear(q, R->mctx);
    return s;
}

/* c · Π f_i^{e_i}; returns 0 if factoring failed (then nothing is written). */
static int put_factored(sbuf *b, const fmpz_mpoly_t p, int latex, const ng_ring_t R)
{
    fmpz_mpoly_factor_t f;
    int ok;
    fmpz_mpoly_factor_init(f, R->mctx);
    ok = fmpz_mpoly_factor(f, p, R->mctx);
    if (ok) {
        char *c = fmpz_get_str(NULL, 10, f->constant);
        int first = 1;
        if (fmpz_is_one(f->constant) && f->num > 0) {
        } else if (fmpz_equal_si(f->constant, -1) && f->num > 0) {
            put(b, "-");
        } else {
            put(b, c);
            first = 0;
        }
        flint_free(c);
        for (slong i = 0; i < f->num; i++) {
            char *s = poly_str(f->poly + i, latex, R);
            int paren = fmpz_mpoly_length(f->poly + i, R->mctx) > 1 ||
                        (!fmpz_is_one(f->exp + i) && strpbrk(s, "^*{") != NULL);
            if (!first)
                put(b, latex ? " " : "*");
            put(b, paren ? (latex ? "\\left(" : "(") : "");
            put(b, s);
            put(b, paren ? (latex ? "\\right)" : ")") : "");
            if (!fmpz_is_one(f->exp + i)) {
                char *e = fmpz_get_str(NULL, 10, f->exp + i);
                put(b, latex ? "^{" : "^");
                put(b, e);
                put(b, latex ? "}" : "");
                flint_free(e);
            }
            flint_free(s);
            first = 0;
        }
    }
    fmpz_mpoly_factor_clear(f, R->mctx);
    return ok;
}

/* Does s need brackets to stand as a factor of a quotient: a product or
 * a sign ahead of more, as opposed to one bracketed group or one symbol? */
static int needs_group(const char *s)
{
    int depth = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        else if (depth == 0 && (*p == '*' || *p == '+' || (*p == '-' && p != s)))
            return 1;
        if (depth == 0 && *p == ')' && p[1] != '\0' && p[1] != '^')
            return 1;
    }
    return 0;
}

static char *factored(ng_srcptr x, slong digits, int latex, const ng_ring_t R)
{
    const fmpz_mpoly_q_struct *f = x;
    sbuf num = {NULL, 0}, den = {NULL, 0};
    char *res;
    if (R->kind != NG_QQ_PARAMS || fmpz_mpoly_q_is_zero(f, R->mctx))
        return latex ? ng_elem_get_latex(x, digits, R) : ng_elem_get_str(x, digits, R);
    put(&num, "");
    put(&den, "");
    if (!put_factored(&num, fmpz_mpoly_q_numref(f), latex, R) ||
        !put_factored(&den, fmpz_mpoly_q_denref(f), latex, R)) {
        flint_free(num.s);
        flint_free(den.s);
        return latex ? ng_elem_get_latex(x, digits, R) : ng_elem_get_str(x, digits, R);
    }
    if (fmpz_mpoly_is_one(fmpz_mpoly_q_denref(f), R->mctx)) {
        res = num.s;
        flint_free(den.s);
        return res;
    }
    res = flint_malloc(num.len + den.len + 32);
    if (latex) {
        sprintf(res, "\\frac{%s}{%s}", num.s, den.s);
    } else {
        int pn = needs_group(num.s), pd = needs_group(den.s);
        sprintf(res, "%s%s%s/%s%s%s", pn ? "(" : "", num.s, pn ? ")" : "", pd ? "(" : "", den.s,
                pd ? ")" : "");
    }
    flint_free(num.s);
    flint_free(den.s);
    return res;
}

char *ng_elem_get_str_factored(ng_srcptr x, slong digits, const ng_ring_t R)
{
    return factored(x, digits, 0, R);
}

char *ng_elem_get_latex_factored(ng_srcptr x, slong digits, const ng_ring_t R)
{
    return factored(x, digits, 1, R);
}
