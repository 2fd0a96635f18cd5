/* The derived side of the comparison with print: the terms of the derived
 * object a printed equation names ("bulk.B", "ansatz.left", "sum", …). */
#include <stdio.h>
#include <string.h>

#include "nessgen/hierarchy.h"

/* "ansatz.bulk", "ansatz.left": the contributing unknowns as
 * "coefficient : element" keys (Eqs. 128, 135). */
static void ansatz_terms(ng_hier_terms_t T, const ng_hier_window_t W, const ng_ring_t R)
{
    ng_ptr one = ng_elem_new(R);
    ng_elem_one(one, R);
    for (slong i = 0; i < W->E->U->length; i++) {
        char key[400];
        if (!ng_hier_bond_contributes(W->E, i, R))
            continue;
        snprintf(key, sizeof key, "%s : %s", W->E->U->ctext[i], W->E->U->etext[i]);
        ng_hier_terms_add(T, key, one, R);
    }
    ng_elem_free(one, R);
}

/* Adds S to T, with every key made absolute at the bond l0 of an N-site chain
 * if absolute ≠ 0. */
static ng_status copy_terms(ng_hier_terms_t T, const ng_hier_terms_t S, int absolute,
                            int l0, int N, const ng_ring_t R)
{
    for (slong i = 0; i < S->length; i++) {
        char key[200];
        if (absolute) {
            ng_status st = ng_hier_key_absolute(key, sizeof key, S->keys[i], l0, N);
            if (st != NG_OK)
                return st;
        } else {
            snprintf(key, sizeof key, "%s", S->keys[i]);
        }
        ng_hier_terms_add(T, key, ng_vec_srcentry(S->coeffs, i, R), R);
    }
    return NG_OK;
}

static void drop_keys(ng_hier_terms_t T, const char *zero, const ng_ring_t R)
{
    if (zero == NULL)
        return;
    for (slong i = 0; i < T->length; i++)
        if (strcmp(T->keys[i], zero) == 0)
            ng_elem_zero(ng_vec_entry(T->coeffs, i, R), R);
}

ng_status ng_hier_derivation_printed_terms(ng_hier_terms_t T,
                                           const ng_hier_chain_struct **C, int *l0,
                                           int *absolute, const ng_hier_derivation_t D,
                                           const ng_hier_printed *P)
{
    const int NC = NG_HIER_COMPARE_N;
    const char *src = P->derived;
    ng_status st = NG_OK;
    *absolute = P->at_l != 0 || strcmp(src, "sum") == 0 || strcmp(src, "expect") == 0;
    *l0 = P->at_l > 0 ? P->at_l - 1 : NC + P->at_l - 1;
    *C = D->c4;
    if (strcmp(src, "ple.B") == 0) {
        st = copy_terms(T, D->eq121_terms, 0, 0, NC, D->c4->M->R);
    } else if (strncmp(src, "ansatz.", 7) == 0) {
        ansatz_terms(T,
                     D->win[strcmp(src + 7, "bulk") == 0 ? NG_HIER_BULK : NG_HIER_LEFT],
                     D->c4->M->R);
    } else if (strcmp(src, "sum") == 0 || strcmp(src, "expect") == 0) {
        int e = src[0] == 'e';
        if (e && !D->cp->ready)
            return ng_error(NG_EINPUT, "hierarchy: Eq. %s needs the generic model",
                            P->eq);
        *C = e ? D->cp : D->cs[NC];
        ng_hier_sum_terms(T, e ? D->sum_p : D->sum[NC], NC, e, (*C)->M->R);
        *l0 = 0;
    } else {
        const char *dot = strchr(src, '.');
        int w = strncmp(src, "bulk", 4) == 0
                    ? NG_HIER_BULK
                    : (strncmp(src, "left", 4) == 0 ? NG_HIER_LEFT : NG_HIER_RIGHT);
        int c;
        if (dot == NULL)
            return ng_error(NG_EINPUT, "hierarchy: Eq. %s: unknown derived object '%s'",
                            P->eq, src);
        c = dot[1] == 'B' ? 0 : (dot[1] == 'A' ? 1 : 2);
        st = copy_terms(T, D->win[w]->comp[c], *absolute, *l0, NC, D->c4->M->R);
    }
    if (st == NG_OK)
        drop_keys(T, P->zero, (*C)->M->R);
    return st;
}
