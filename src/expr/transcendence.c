/* Rationality with the classical transcendence theorems.
 *
 * Calcium 0.4 answers T_UNKNOWN for "is tanh(2/3) rational?": the number is
 * (a - 1)/(a + 1) in the field Q(a), a = e^{4/3}, and Calcium does not use
 * that a is transcendental (its ca_check_is_algebraic says "todo: handle
 * simple transcendental numbers").  We add that step.
 *
 * Let x = N(α, g)/D(α, g) where the α are algebraic generators and g is a
 * single other generator that a theorem makes transcendental:
 *   pi                                (Lindemann),
 *   e^a, sin a, cos a, tan a, a ≠ 0   (Hermite–Lindemann; a algebraic),
 *   log a, a ≠ 0, 1                   (Hermite–Lindemann),
 *   a^b, a ≠ 0, 1, b irrational       (Gelfond–Schneider; a, b algebraic).
 * Put f(T) = N(α, T)/D(α, T) ∈ Q̄(T).  If f is not constant and x = f(g) were
 * algebraic, g would be a root of the nonzero polynomial N(α, T) - x D(α, T),
 * so algebraic: a contradiction.  Hence x is transcendental, in particular
 * irrational, as soon as f is not constant — which a rigorous numerical
 * evaluation shows once f(g) and f(g + k) are disjoint balls. */
#include <acb.h>
#include <calcium/ca_ext.h>
#include <calcium/ca_field.h>

#include "expr_internal.h"

static int is_algebraic_nonzero(const ca_t a, ca_ctx_t ctx)
{
    return ca_check_is_algebraic(a, ctx) == T_TRUE && _ng_ca_is_zero(a, ctx) == T_FALSE;
}

static int is_not_one(const ca_t a, ca_ctx_t ctx)
{
    int cmp;
    return _ng_ca_cmp_si(&cmp, a, 1, ctx) == T_TRUE && cmp != 0;
}

static int is_irrational_algebraic(const ca_t a, ca_ctx_t ctx)
{
    return ca_check_is_algebraic(a, ctx) == T_TRUE && _ng_ca_qqbar_cheap(a, ctx) &&
           ca_check_is_rational(a, ctx) == T_FALSE;
}

static int ext_is_transcendental(ca_ext_struct *ext, ca_ctx_t ctx)
{
    ca_srcptr args = CA_EXT_FUNC_ARGS(ext);
    slong nargs = CA_EXT_FUNC_NARGS(ext);

    switch (CA_EXT_HEAD(ext)) {
    case CA_Pi:
        return 1;
    case CA_Exp:
    case CA_Sin:
    case CA_Cos:
    case CA_Tan:
        return nargs == 1 && is_algebraic_nonzero(args, ctx);
    case CA_Log:
        return nargs == 1 && is_algebraic_nonzero(args, ctx) && is_not_one(args, ctx);
    case CA_Pow:
        return nargs == 2 && is_algebraic_nonzero(args, ctx) && is_not_one(args, ctx) &&
               is_irrational_algebraic(args + 1, ctx);
    default:
        return 0;
    }
}

/* The index of the only non-algebraic generator x depends on, or -1. */
static slong single_transcendental_generator(const ca_t x, ca_ctx_t ctx)
{
    ca_field_srcptr K = CA_FIELD(x, ctx);
    const fmpz_mpoly_ctx_struct *mctx = CA_FIELD_MCTX(K, ctx);
    slong n = CA_FIELD_LENGTH(K), g = -1;
    slong *dnum = flint_malloc(sizeof(slong) * n);
    slong *dden = flint_malloc(sizeof(slong) * n);

    fmpz_mpoly_degrees_si(dnum, fmpz_mpoly_q_numref(CA_MPOLY_Q(x)), mctx);
    fmpz_mpoly_degrees_si(dden, fmpz_mpoly_q_denref(CA_MPOLY_Q(x)), mctx);
    for (slong i = 0; i < n; i++) {
        if (dnum[i] <= 0 && dden[i] <= 0)
            continue;
        if (CA_EXT_IS_QQBAR(CA_FIELD_EXT_ELEM(K, i)))
            continue;
        if (g >= 0) {
            g = -1;
            break;
        }
        g = i;
    }
    if (g >= 0 && !ext_is_transcendental(CA_FIELD_EXT_ELEM(K, g), ctx))
        g = -1;
    flint_free(dnum);
    flint_free(dden);
    return g;
}

/* Is f(T) = x with generator g replaced by T provably not constant? */
static int depends_on_generator(const ca_t x, slong g, ca_ctx_t ctx)
{
    ca_field_srcptr K = CA_FIELD(x, ctx);
    const fmpz_mpoly_ctx_struct *mctx = CA_FIELD_MCTX(K, ctx);
    slong n = CA_FIELD_LENGTH(K);
    acb_ptr v = _acb_vec_init(n);
    acb_t at_g, at_shift, g0;
    int found = 0;

    acb_init(at_g);
    acb_init(at_shift);
    acb_init(g0);
    for (slong prec = 64; prec <= 1024 && !found; prec *= 2) {
        for (slong i = 0; i < n; i++)
            ca_ext_get_acb_raw(v + i, CA_FIELD_EXT_ELEM(K, i), prec, ctx);
        acb_set(g0, v + g);
        fmpz_mpoly_q_evaluate_acb(at_g, CA_MPOLY_Q(x), v, prec, mctx);
        if (!acb_is_finite(at_g))
            continue;
        for (slong k = 1; k <= 3 && !found; k++) {
            acb_add_si(v + g, g0, k, prec);
            fmpz_mpoly_q_evaluate_acb(at_shift, CA_MPOLY_Q(x), v, prec, mctx);
            found = acb_is_finite(at_shift) && !acb_overlaps(at_g, at_shift);
        }
    }
    acb_clear(at_g);
    acb_clear(at_shift);
    acb_clear(g0);
    _acb_vec_clear(v, n);
    return found;
}

truth_t _ng_ca_check_is_rational(const ca_t x, ca_ctx_t ctx)
{
    if (CA_IS_SPECIAL(x) || !CA_FIELD_IS_GENERIC(CA_FIELD(x, ctx)))
        return ca_check_is_rational(x, ctx);
    slong g = single_transcendental_generator(x, ctx);
    if (g >= 0 && depends_on_generator(x, g, ctx))
        return T_FALSE;
    /* Calcium's own test converts to qqbar; Calcium 0.4 does that without a
     * cost bound (degree 32 roots with 10^4-bit coefficients take minutes),
     * so it is only tried on small algebraic parts. */
    if (!_ng_ca_qqbar_cheap(x, ctx))
        return T_UNKNOWN;
    return ca_check_is_rational(x, ctx);
}
