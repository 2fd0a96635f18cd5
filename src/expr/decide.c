/* Decisions about Calcium numbers at a bounded cost.
 *
 * Calcium's own tests (ca_check_is_zero, ca_check_gt, ca_check_is_rational)
 * fall back to exact algebraic numbers (qqbar) when a 64-bit enclosure does
 * not decide.  In Calcium 0.4 that conversion has no cost bound: a degree-32
 * radical with 1000-bit coefficients takes minutes.  So we first try
 * enclosures up to 1024 bits ourselves, and call Calcium's tests only on
 * numbers whose qqbar form is small (or that cannot become qqbar at all,
 * which Calcium detects at once). */
#include <acb.h>
#include <calcium/ca_ext.h>
#include <calcium/ca_field.h>

#include "expr_internal.h"

static slong degree_bound_rec(const ca_t x, int depth, ca_ctx_t ctx);

/* The degree an extension contributes when Calcium converts to qqbar: Sqrt
 * and rational Pow of algebraic numbers are algebraic; transcendental
 * functions are never converted (degree 1 here). */
static slong ext_degree_bound(ca_ext_struct *ext, int depth, ca_ctx_t ctx)
{
    ca_srcptr args = CA_EXT_FUNC_ARGS(ext);
    switch (CA_EXT_HEAD(ext)) {
    case CA_QQBar:
        return qqbar_degree(CA_EXT_QQBAR(ext));
    case CA_Sqrt:
        return 2 * degree_bound_rec(args, depth + 1, ctx);
    case CA_Pow:
        if (CA_EXT_FUNC_NARGS(ext) != 2 || !CA_IS_QQ(args + 1, ctx))
            return 1;
        if (fmpz_cmp_si(CA_FMPQ_DENREF(args + 1), NG_EXPR_MAX_CA_DEGREE) > 0)
            return NG_EXPR_MAX_CA_DEGREE + 1;
        return fmpz_get_si(CA_FMPQ_DENREF(args + 1)) *
               degree_bound_rec(args, depth + 1, ctx);
    default:
        return 1;
    }
}

/* Product over the generators (all of them, or those x uses), saturating
 * just past the limit. */
static slong field_degree_bound(ca_field_srcptr K, const ca_t x, int depth, ca_ctx_t ctx)
{
    if (CA_FIELD_IS_NF(K))
        return qqbar_degree(CA_FIELD_NF_QQBAR(K));
    slong n = CA_FIELD_LENGTH(K), d = 1;
    int *used = flint_calloc((size_t)FLINT_MAX(n, 1), sizeof(int));
    if (x != NULL)
        fmpz_mpoly_q_used_vars(used, CA_MPOLY_Q(x), CA_FIELD_MCTX(K, ctx));
    for (slong i = 0; i < n && d <= NG_EXPR_MAX_CA_DEGREE; i++)
        if (x == NULL || used[i])
            d *= ext_degree_bound(CA_FIELD_EXT_ELEM(K, i), depth, ctx);
    flint_free(used);
    return FLINT_MIN(d, NG_EXPR_MAX_CA_DEGREE + 1);
}

static slong degree_bound_rec(const ca_t x, int depth, ca_ctx_t ctx)
{
    if (CA_IS_SPECIAL(x) || CA_IS_QQ(x, ctx))
        return 1;
    if (depth > 8) /* radicals nested this deep are past the limit anyway */
        return NG_EXPR_MAX_CA_DEGREE + 1;
    return field_degree_bound(CA_FIELD(x, ctx), x, depth, ctx);
}

slong _ng_ca_field_degree_bound(ca_field_srcptr K, ca_ctx_t ctx)
{
    return field_degree_bound(K, NULL, 0, ctx);
}

int _ng_ca_qqbar_cheap(const ca_t x, ca_ctx_t ctx)
{
    if (CA_IS_SPECIAL(x) || CA_IS_QQ(x, ctx))
        return 1;
    if (!ca_can_evaluate_qqbar(x, ctx))
        return 1; /* Calcium gives up on the conversion at once */
    slong d = degree_bound_rec(x, 0, ctx), size = _ng_ca_size_bits(x, ctx);
    return size >= 0 && d <= NG_EXPR_MAX_CA_DEGREE && d * size <= NG_EXPR_MAX_QQBAR_WORK;
}

/* Sign from enclosures alone; 0 if they do not decide.  Values are real by
 * construction, so only the real part matters. */
static int numeric_sign(int *sign, const ca_t x, ca_ctx_t ctx)
{
    acb_t v;
    int done = 0;
    acb_init(v);
    for (slong prec = 64; prec <= 1024 && !done; prec *= 4) {
        ca_get_acb_raw(v, x, prec, ctx);
        if (arb_is_positive(acb_realref(v)))
            *sign = 1, done = 1;
        else if (arb_is_negative(acb_realref(v)))
            *sign = -1, done = 1;
    }
    acb_clear(v);
    return done;
}

truth_t _ng_ca_is_zero(const ca_t x, ca_ctx_t ctx)
{
    int sign;
    if (CA_IS_SPECIAL(x))
        return T_UNKNOWN;
    if (CA_IS_QQ(x, ctx))
        return fmpq_is_zero(CA_FMPQ(x)) ? T_TRUE : T_FALSE;
    if (CA_FIELD_IS_NF(CA_FIELD(x, ctx)))
        return nf_elem_is_zero(CA_NF_ELEM(x), CA_FIELD_NF(CA_FIELD(x, ctx))) ? T_TRUE
                                                                             : T_FALSE;
    if (numeric_sign(&sign, x, ctx))
        return T_FALSE;
    if (!_ng_ca_qqbar_cheap(x, ctx))
        return T_UNKNOWN;
    return ca_check_is_zero(x, ctx);
}

truth_t _ng_ca_sign(int *sign, const ca_t x, ca_ctx_t ctx)
{
    if (CA_IS_SPECIAL(x))
        return T_UNKNOWN;
    if (CA_IS_QQ(x, ctx)) {
        *sign = fmpq_sgn(CA_FMPQ(x));
        return T_TRUE;
    }
    if (numeric_sign(sign, x, ctx))
        return T_TRUE;
    truth_t z = _ng_ca_is_zero(x, ctx);
    if (z == T_TRUE) {
        *sign = 0;
        return T_TRUE;
    }
    if (z == T_UNKNOWN || !_ng_ca_qqbar_cheap(x, ctx))
        return T_UNKNOWN;
    /* Nonzero yet within 2^-1000 of 0: Calcium's enclosures go further. */
    ca_t zero;
    ca_init(zero, ctx);
    truth_t t = ca_check_gt(x, zero, ctx);
    ca_clear(zero, ctx);
    if (t == T_UNKNOWN)
        return T_UNKNOWN;
    *sign = (t == T_TRUE) ? 1 : -1;
    return T_TRUE;
}

truth_t _ng_ca_cmp_si(int *cmp, const ca_t x, slong c, ca_ctx_t ctx)
{
    ca_t d;
    ca_init(d, ctx);
    ca_sub_si(d, x, c, ctx);
    truth_t t = _ng_ca_sign(cmp, d, ctx);
    ca_clear(d, ctx);
    return t;
}
