/* The telescoped sum (Eqs. 149–150) as term maps. */
#include <stdio.h>

#include "nessgen/hierarchy.h"

void ng_hier_sum_terms(ng_hier_terms_t T, const ng_hier_sum_t S, int N, int expect,
                       const ng_ring_t R)
{
    ng_ptr c = ng_elem_new(R);
    char key[200];
    snprintf(key, sizeof key, "t[%d]", N);
    ng_elem_one(c, R);
    ng_hier_terms_add(T, key, c, R);
    ng_elem_neg(c, c, R);
    ng_hier_terms_add(T, "t[1]", c, R);
    for (slong i = 0; i < S->U->length; i++) {
        ng_elem_neg(c, ng_vec_srcentry(expect ? S->s : S->r, i, R), R);
        snprintf(key, sizeof key, expect ? "<%s>" : "%s", S->U->ctext[i]);
        ng_hier_terms_add(T, key, c, R);
    }
    ng_elem_free(c, R);
}

void ng_hier_sum_rhs_terms(ng_hier_terms_t T, const ng_hier_sum_t S, int expect,
                           const ng_ring_t R)
{
    char key[200];
    for (slong i = 0; i < S->U->length; i++) {
        snprintf(key, sizeof key, expect ? "<%s>" : "%s", S->U->ctext[i]);
        ng_hier_terms_add(T, key, ng_vec_srcentry(expect ? S->s : S->r, i, R), R);
    }
}
