/* Which parameters the derived equations contain; generic α enters only
 * through α_+ (Sect. IV C with every α_jk symbolic). */
#include "nessgen/hierarchy.h"

void ng_hier_terms_symbols(int *used, const ng_hier_terms_t T, const ng_ring_t R)
{
    for (slong i = 0; i < T->length; i++) {
        const fmpz_mpoly_q_struct *c = ng_vec_srcentry(T->coeffs, i, R);
        for (slong v = 0; v < R->nvars; v++)
            if (fmpz_mpoly_degree_si(fmpz_mpoly_q_numref(c), v, R->mctx) > 0 ||
                fmpz_mpoly_degree_si(fmpz_mpoly_q_denref(c), v, R->mctx) > 0)
                used[v] = 1;
    }
}

int ng_hier_terms_only_via_alpha_plus(const ng_hier_terms_t T, const ng_ring_t R)
{
    slong vx = ng_ring_param_index(R, "alpha_xx"),
          vy = ng_ring_param_index(R, "alpha_yy");
    int ok = 1;
    fmpz_mpoly_t a, b, t1, t2;
    if (vx < 0 || vy < 0)
        return 1;
    fmpz_mpoly_init(a, R->mctx);
    fmpz_mpoly_init(b, R->mctx);
    fmpz_mpoly_init(t1, R->mctx);
    fmpz_mpoly_init(t2, R->mctx);
    for (slong i = 0; i < T->length && ok; i++) {
        const fmpz_mpoly_q_struct *c = ng_vec_srcentry(T->coeffs, i, R);
        const fmpz_mpoly_struct *n = fmpz_mpoly_q_numref(c), *d = fmpz_mpoly_q_denref(c);
        /* the numerator of ∂(n/d)/∂v is n' d − n d' */
        for (int k = 0; k < 2; k++) {
            slong v = k ? vy : vx;
            fmpz_mpoly_struct *dst = k ? b : a;
            fmpz_mpoly_derivative(t1, n, v, R->mctx);
            fmpz_mpoly_mul(t1, t1, d, R->mctx);
            fmpz_mpoly_derivative(t2, d, v, R->mctx);
            fmpz_mpoly_mul(t2, t2, n, R->mctx);
            fmpz_mpoly_sub(dst, t1, t2, R->mctx);
        }
        ok = fmpz_mpoly_equal(a, b, R->mctx);
    }
    fmpz_mpoly_clear(a, R->mctx);
    fmpz_mpoly_clear(b, R->mctx);
    fmpz_mpoly_clear(t1, R->mctx);
    fmpz_mpoly_clear(t2, R->mctx);
    return ok;
}
