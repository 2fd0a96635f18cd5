/* Which parameters the derived equations contain; generic α enters only
 * through α_+ (Sect. IV C with every α_jk symbolic). */
#include "nessgen/hierarchy.h"

void ng_hier_terms_symbols(int *used, const ng_hier_terms_t T, const ng_ring_t R)
{
    int *u = flint_calloc(FLINT_MAX(R->nvars, 1), sizeof(int));
    for (slong i = 0; i < T->length; i++) {
        ng_elem_used_params(u, ng_vec_srcentry(T->coeffs, i, R), R);
        for (slong v = 0; v < R->nvars; v++)
            used[v] |= u[v];
    }
    flint_free(u);
}

/* A function of α_xx and α_yy through α_+ = α_xx + α_yy alone has equal
 * partial derivatives in the two. */
int ng_hier_terms_only_via_alpha_plus(const ng_hier_terms_t T, const ng_ring_t R)
{
    slong vx = ng_ring_param_index(R, "alpha_xx"),
          vy = ng_ring_param_index(R, "alpha_yy");
    int ok = 1;
    ng_ptr a, b;
    if (vx < 0 || vy < 0)
        return 1;
    a = ng_elem_new(R);
    b = ng_elem_new(R);
    for (slong i = 0; i < T->length && ok; i++) {
        ng_srcptr c = ng_vec_srcentry(T->coeffs, i, R);
        ng_elem_derivative(a, c, vx, R);
        ng_elem_derivative(b, c, vy, R);
        ok = ng_elem_equal(a, b, R) == T_TRUE;
    }
    ng_elem_free(a, R);
    ng_elem_free(b, R);
    return ok;
}
