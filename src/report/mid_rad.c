/* A ball as two doubles (mid, rad) that a double-precision reader can trust.
 *
 * Claim.  Let x = [m ± r] be a finite ball (m, r exact), d = fl(m) the double
 * nearest to m, E = r + |m − d| (computed exactly), k an integer with
 * |d| + E < 2^(k−1), s = max(2^(k−53), 2^−1074), and B = the double E + s
 * rounded up (B = 0 when E = 0).  Then for every v in x:
 *   (a) d − B ≤ v ≤ d + B as real numbers, and
 *   (b) fl(d − B) ≤ v ≤ fl(d + B) for the round-to-nearest sums a reader
 *       computes.
 * Proof.  (a) |v − d| ≤ |v − m| + |m − d| ≤ r + |m − d| = E ≤ B.
 * (b) If E = 0 then B = 0 and fl(d ± 0) = d = v.  Otherwise |d| + B ≤
 * (|d| + E + s)(1 + 2^−52) < 2^k (as s ≤ 2^(k−53) unless the sum is
 * subnormal-small), so d ± B lies where doubles are spaced at most 2^(k−53)
 * apart and round-to-nearest moves it by at most 2^(k−54) ≤ s/2 (at most
 * 2^−1075 ≤ s/2 in the subnormal range).  Hence fl(d + B) ≥ d + B − s/2 ≥
 * d + E ≥ v, and likewise fl(d − B) ≤ v.  ∎
 * The reader also needs d and B exactly: they are written as decimals that
 * read back as the same doubles (ng_report_double_str; strtod and Python's
 * float() round correctly).  tests/t-report.c checks (a) and (b) against
 * exact rationals. */
#include <math.h>

#include "nessgen/report.h"

int ng_report_arb_get_mid_rad_d(double *mid, double *rad, const arb_t x)
{
    arf_t e, t;
    double d, b = 0.0;
    int ok = 0;
    *mid = *rad = NAN;
    if (!arb_is_finite(x))
        return 0;
    d = arf_get_d(arb_midref(x), ARF_RND_NEAR);
    if (!isfinite(d))
        return 0;
    arf_init(e);
    arf_init(t);
    arf_set_d(t, d);
    arf_sub(e, arb_midref(x), t, ARF_PREC_EXACT, ARF_RND_DOWN); /* exact */
    arf_abs(e, e);
    arf_set_mag(t, arb_radref(x));
    arf_add(e, e, t, ARF_PREC_EXACT, ARF_RND_DOWN); /* E, exact */
    if (!arf_is_zero(e)) {
        slong k;
        arf_set_d(t, fabs(d));
        arf_add(t, t, e, ARF_PREC_EXACT, ARF_RND_DOWN); /* |d| + E */
        k = arf_abs_bound_lt_2exp_si(t) + 1;             /* |d| + E < 2^(k-1) */
        arf_one(t);
        arf_mul_2exp_si(t, t, FLINT_MAX(k - 53, -1074));
        arf_add(e, e, t, ARF_PREC_EXACT, ARF_RND_DOWN);
        b = arf_get_d(e, ARF_RND_UP);
    }
    if (isfinite(b)) {
        *mid = d;
        *rad = b;
        ok = 1;
    }
    arf_clear(e);
    arf_clear(t);
    return ok;
}
