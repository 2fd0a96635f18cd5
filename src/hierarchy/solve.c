/* A bond equation solved for t_{l+1} − t_l (Eqs. 143–148). */
#include "nessgen/hierarchy.h"

void ng_hier_terms_solve(ng_hier_terms_t S, const ng_hier_terms_t T, const ng_ring_t R)
{
    ng_ptr f = ng_elem_new(R), x = ng_elem_new(R);
    slong lead = -1;
    for (slong i = 0; i < T->length; i++)
        if (T->keys[i][0] == 't' &&
            (lead < 0 || ng_hier_key_site(T->keys[i]) > ng_hier_key_site(T->keys[lead])))
            lead = i;
    if (lead < 0 || !ng_elem_div(f, ng_vec_srcentry(T->coeffs, lead, R),
                                 ng_vec_srcentry(T->coeffs, lead, R), R)) {
        ng_elem_free(f, R);
        ng_elem_free(x, R);
        return;
    }
    ng_elem_one(x, R);
    ng_hier_terms_add(S, T->keys[lead], x, R);
    for (slong i = 0; i < T->length; i++) {
        if (i == lead)
            continue;
        ng_elem_div(x, ng_vec_srcentry(T->coeffs, i, R),
                    ng_vec_srcentry(T->coeffs, lead, R), R);
        ng_hier_terms_add(S, T->keys[i], x, R);
    }
    ng_elem_free(f, R);
    ng_elem_free(x, R);
}
