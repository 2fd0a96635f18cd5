/* Certified rounding: the decimal a ball's true value rounds to, decided
 * from the ball alone.  Printed documents must not depend on how a result
 * was computed (BLAS kernel, precision retries, DESIGN §3): a ball's
 * midpoint and radius do, but the rounding of the value it contains does
 * not, once both ends of the ball round alike. */
#include <string.h>

#include "ring_internal.h"

/* n = round(y · 10^places), halves away from zero, y exact. */
static void round_scaled(fmpz_t n, const arf_t y, slong places)
{
    arf_t s, half;
    fmpz_t p;
    arf_init(s);
    arf_init(half);
    fmpz_init(p);
    fmpz_ui_pow_ui(p, 10, (ulong)places);
    arf_mul_fmpz(s, y, p, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_set_d(half, 0.5);
    if (arf_sgn(s) < 0) {
        arf_sub(s, s, half, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_get_fmpz(n, s, ARF_RND_CEIL);
    } else {
        arf_add(s, s, half, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_get_fmpz(n, s, ARF_RND_FLOOR);
    }
    arf_clear(s);
    arf_clear(half);
    fmpz_clear(p);
}

/* "-12.3400" from n = -123400, places = 4. */
static char *fixed_str(const fmpz_t n, slong places)
{
    char *digits = fmpz_get_str(NULL, 10, n), *d = digits;
    int neg = d[0] == '-';
    size_t len, lead;
    char *s;
    if (neg)
        d++;
    len = strlen(d);
    lead = len > (size_t)places ? len - places : 1; /* digits before the point */
    s = flint_malloc(lead + places + 3);
    {
        char *p = s;
        size_t pad = len > (size_t)places ? 0 : places + 1 - len; /* leading zeros */
        if (neg && !fmpz_is_zero(n))
            *p++ = '-';
        for (size_t i = 0; i < lead + places; i++) {
            char c = i < pad ? '0' : d[i - pad];
            if (i == lead)
                *p++ = '.';
            *p++ = c;
        }
        *p = '\0';
    }
    flint_free(digits);
    return s;
}

char *ng_arb_get_str_rounded(const arb_t x, slong places)
{
    arf_t lo, hi;
    fmpz_t a, b;
    char *s = NULL;
    if (!arb_is_finite(x) || places < 0)
        return NULL;
    arf_init(lo);
    arf_init(hi);
    fmpz_init(a);
    fmpz_init(b);
    /* the ends of the ball, exactly (outward would be fine too) */
    arb_get_lbound_arf(lo, x, ARF_PREC_EXACT);
    arb_get_ubound_arf(hi, x, ARF_PREC_EXACT);
    round_scaled(a, lo, places);
    round_scaled(b, hi, places);
    if (fmpz_equal(a, b))
        s = fixed_str(a, places);
    arf_clear(lo);
    arf_clear(hi);
    fmpz_clear(a);
    fmpz_clear(b);
    return s;
}

char *ng_elem_get_latex_rounded(ng_srcptr x, slong places, const ng_ring_t R)
{
    char *s;
    if (R->kind != NG_BALL)
        return ng_elem_get_latex(x, places, R);
    s = ng_arb_get_str_rounded((arb_srcptr)x, places);
    return s != NULL ? s : ng_elem_get_latex(x, places, R);
}
