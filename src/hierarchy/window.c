/* The bulk and edge window equations on a 4-site chain (Eqs. 125–142). */
#include "nessgen/hierarchy.h"

const int ng_hier_window_component[6] = {NG_HIER_RHOB,  NG_HIER_RHOA, NG_HIER_RHOC,
                                         NG_HIER_SZSUM, NG_HIER_SZZ,  NG_HIER_S00};

ng_status ng_hier_window_init(ng_hier_window_t W, ng_hier_window_kind w,
                              const ng_hier_chain_t C)
{
    const ng_ring_struct *R = C->M->R;
    int l, first, last, baths;
    uint64_t bonds;
    ng_hier_unknowns_t U;
    ng_status st, st2;
    if (w == NG_HIER_BULK) {
        W->name = "bulk";
        l = 1, first = 0, last = 3, bonds = 7, baths = 0; /* Eq. 125 */
        W->labels = NG_HIER_FROM_BOND;
    } else if (w == NG_HIER_LEFT) {
        W->name = "left";
        l = 0, first = 0, last = 2, bonds = 3, baths = 1; /* Eq. 134 */
        W->labels = NG_HIER_ABSOLUTE;
    } else {
        W->name = "right";
        l = 2, first = 1, last = 3, bonds = 6, baths = 2; /* its mirror image */
        W->labels = NG_HIER_FROM_END;
    }
    ng_hier_unknowns_init(U);
    st = ng_hier_unknowns_window(U, first, last, C->M->N, W->labels, l, R);
    W->nallowed = U->length;
    st2 = ng_hier_bond_init(W->E, l, bonds, baths, U, C->t, C->L);
    if (st == NG_OK)
        st = st2;
    ng_hier_unknowns_clear(U, R);
    W->ncontrib = 0;
    for (slong i = 0; i < W->E->U->length; i++)
        W->ncontrib += ng_hier_bond_contributes(W->E, i, R);
    for (int c = 0; c < 6; c++) {
        ng_hier_terms_init(W->comp[c]);
        if (st == NG_OK)
            st = ng_hier_bond_terms(W->comp[c], W->E, ng_hier_window_component[c], C->t,
                                    W->labels, C->L);
    }
    W->other_zero = 1;
    for (int c = 3; c < 6 && st == NG_OK; c++)
        if (W->comp[c]->length > 0)
            W->other_zero = 0;
    return st;
}

void ng_hier_window_clear(ng_hier_window_t W, const ng_ring_t R)
{
    for (int c = 0; c < 6; c++)
        ng_hier_terms_clear(W->comp[c], R);
    ng_hier_bond_clear(W->E, R);
}
