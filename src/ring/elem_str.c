/* Text and LaTeX forms of elements. */
#include <string.h>

#include "ring_internal.h"

static char *copy_str(const char *s)
{
    char *r = flint_malloc(strlen(s) + 1);
    strcpy(r, s);
    return r;
}

static int is_monomial_or_constant(const fmpz_mpoly_t p, const fmpz_mpoly_ctx_t ctx)
{
    return fmpz_mpoly_length(p, ctx) <= 1;
}

static char *params_get_str(const fmpz_mpoly_q_struct *f, const ng_ring_t R)
{
    const char **names = (const char **)R->names;
    char *num = fmpz_mpoly_get_str_pretty(fmpz_mpoly_q_numref(f), names, R->mctx);
    char *res;
    if (fmpz_mpoly_is_one(fmpz_mpoly_q_denref(f), R->mctx)) {
        res = copy_str(num);
    } else {
        char *den = fmpz_mpoly_get_str_pretty(fmpz_mpoly_q_denref(f), names, R->mctx);
        int pn = !is_monomial_or_constant(fmpz_mpoly_q_numref(f), R->mctx);
        int pd = !is_monomial_or_constant(fmpz_mpoly_q_denref(f), R->mctx) ||
                 !fmpz_mpoly_is_fmpz(fmpz_mpoly_q_denref(f), R->mctx);
        res = flint_malloc(strlen(num) + strlen(den) + 6);
        sprintf(res, "%s%s%s/%s%s%s", pn ? "(" : "", num, pn ? ")" : "", pd ? "(" : "",
                den, pd ? ")" : "");
        flint_free(den);
    }
    flint_free(num);
    return res;
}

char *ng_elem_get_str(ng_srcptr x, slong digits, const ng_ring_t R)
{
    char *s, *r;
    switch (R->kind) {
    case NG_QQ:
        s = fmpq_get_str(NULL, 10, QC(x));
        r = copy_str(s);
        flint_free(s);
        return r;
    case NG_QQ_PARAMS:
        return params_get_str(FC(x), R);
    default:
        return arb_get_str(BC(x), digits, 0);
    }
}

/* arb_get_str prints a rigorous enclosure "[m +/- r]", "[+/- r]" or "m"
 * (exact); split it so JSON's {"mid","rad"} inherits that guarantee. */
void ng_elem_get_mid_rad(char **mid, char **rad, ng_srcptr x, slong digits,
                         const ng_ring_t R)
{
    arb_t b;
    char *s, *pm;
    arb_init(b);
    if (!ng_elem_get_arb(b, x, FLINT_MAX(64, 4 * digits), R))
        flint_abort(); /* internal invariant: callers pass constants only */
    s = arb_get_str(b, digits, 0);
    pm = strstr(s, "+/-");
    if (s[0] != '[' || pm == NULL) {
        *mid = copy_str(s);
        *rad = copy_str("0");
    } else {
        char *end = strchr(pm, ']');
        *end = '\0';
        *rad = copy_str(pm + 4);
        if (pm == s + 1) {
            *mid = copy_str("0");
        } else {
            pm[-1] = '\0';
            *mid = copy_str(s + 1);
        }
    }
    flint_free(s);
    arb_clear(b);
}
