/* Decisions on elements.  Exact domains always decide; a ball decides only
 * when its enclosure excludes (or is exactly) the answer, else T_UNKNOWN. */
#include <math.h>

#include "ring_internal.h"

static truth_t truth_of(int b)
{
    return b ? T_TRUE : T_FALSE;
}

truth_t ng_elem_is_zero(ng_srcptr x, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        return truth_of(fmpq_is_zero(QC(x)));
    case NG_QQ_PARAMS:
        return truth_of(fmpz_mpoly_q_is_zero(FC(x), R->mctx));
    default:
        if (arb_is_zero(BC(x)))
            return T_TRUE;
        return arb_contains_zero(BC(x)) ? T_UNKNOWN : T_FALSE;
    }
}

int ng_elem_is_exact_zero(ng_srcptr x, const ng_ring_t R)
{
    return ng_elem_is_zero(x, R) == T_TRUE;
}

truth_t ng_elem_equal(ng_srcptr x, ng_srcptr y, const ng_ring_t R)
{
    ng_ptr d = ng_elem_new(R);
    ng_elem_sub(d, x, y, R);
    truth_t t = ng_elem_is_zero(d, R);
    ng_elem_free(d, R);
    return t;
}

int ng_elem_sgn(int *sign, ng_srcptr x, const ng_ring_t R)
{
    fmpq_t c;
    int ok = 1;
    switch (R->kind) {
    case NG_BALL:
        if (arb_is_zero(BC(x)))
            *sign = 0;
        else if (arb_is_positive(BC(x)))
            *sign = 1;
        else if (arb_is_negative(BC(x)))
            *sign = -1;
        else
            ok = 0;
        break;
    default:
        fmpq_init(c);
        ok = ng_elem_get_fmpq(c, x, R);
        if (ok)
            *sign = fmpq_sgn(c);
        fmpq_clear(c);
    }
    return ok ? 0 : -1;
}

int ng_elem_get_fmpq(fmpq_t c, ng_srcptr x, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_set(c, QC(x));
        return 1;
    case NG_QQ_PARAMS: {
        fmpz_t n, d;
        if (!fmpz_mpoly_q_is_fmpq(FC(x), R->mctx))
            return 0;
        fmpz_init(n);
        fmpz_init(d);
        fmpz_mpoly_get_fmpz(n, fmpz_mpoly_q_numref(FC(x)), R->mctx);
        fmpz_mpoly_get_fmpz(d, fmpz_mpoly_q_denref(FC(x)), R->mctx);
        fmpq_set_fmpz_frac(c, n, d);
        fmpz_clear(n);
        fmpz_clear(d);
        return 1;
    }
    default:
        if (!arb_is_exact(BC(x)))
            return 0;
        arf_get_fmpq(c, arb_midref(BC(x)));
        return 1;
    }
}

int ng_elem_get_arb(arb_t y, ng_srcptr x, slong prec, const ng_ring_t R)
{
    fmpq_t c;
    int ok;
    if (R->kind == NG_BALL) {
        arb_set(y, BC(x));
        return 1;
    }
    fmpq_init(c);
    ok = ng_elem_get_fmpq(c, x, R);
    if (ok)
        arb_set_fmpq(y, c, prec);
    fmpq_clear(c);
    return ok;
}

int ng_elem_contains_fmpq(ng_srcptr x, const fmpq_t c, const ng_ring_t R)
{
    fmpq_t v;
    int ok;
    if (R->kind == NG_BALL)
        return arb_contains_fmpq(BC(x), c);
    fmpq_init(v);
    ok = ng_elem_get_fmpq(v, x, R) && fmpq_equal(v, c);
    fmpq_clear(v);
    return ok;
}

double ng_elem_get_d(ng_srcptr x, const ng_ring_t R)
{
    arb_t a;
    double d = NAN;
    arb_init(a);
    if (ng_elem_get_arb(a, x, 128, R))
        d = arf_get_d(arb_midref(a), ARF_RND_NEAR);
    arb_clear(a);
    return d;
}
