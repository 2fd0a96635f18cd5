/* Dense matrices over a ring: storage and products. */
#include <string.h>

#include "nessgen/mat.h"

void ng_mat_init(ng_mat_t A, slong r, slong c, const ng_ring_t R)
{
    A->r = r;
    A->c = c;
    A->entries = ng_vec_init(r * c, R);
}

void ng_mat_clear(ng_mat_t A, const ng_ring_t R)
{
    ng_vec_clear(A->entries, A->r * A->c, R);
}

void ng_mat_swap(ng_mat_t A, ng_mat_t B)
{
    ng_mat_struct t = *A;
    *A = *B;
    *B = t;
}

void ng_mat_set(ng_mat_t B, const ng_mat_t A, const ng_ring_t R)
{
    ng_mat_t T;
    if (B == A)
        return;
    ng_mat_init(T, A->r, A->c, R);
    for (slong k = 0; k < A->r * A->c; k++)
        ng_elem_set(ng_vec_entry(T->entries, k, R), ng_vec_srcentry(A->entries, k, R), R);
    ng_mat_swap(B, T);
    ng_mat_clear(T, R);
}

void ng_mat_zero(ng_mat_t A, const ng_ring_t R)
{
    for (slong k = 0; k < A->r * A->c; k++)
        ng_elem_zero(ng_vec_entry(A->entries, k, R), R);
}

void ng_mat_one(ng_mat_t A, const ng_ring_t R)
{
    ng_mat_zero(A, R);
    for (slong i = 0; i < FLINT_MIN(A->r, A->c); i++)
        ng_elem_one(ng_mat_entry(A, i, i, R), R);
}

void ng_mat_mul(ng_mat_t C, const ng_mat_t A, const ng_mat_t B, const ng_ring_t R)
{
    ng_mat_t T;
    ng_mat_init(T, A->r, B->c, R);
    for (slong i = 0; i < A->r; i++)
        for (slong k = 0; k < A->c; k++) {
            ng_srcptr a = ng_mat_entry(A, i, k, R);
            if (ng_elem_is_exact_zero(a, R))
                continue;
            for (slong j = 0; j < B->c; j++)
                ng_elem_addmul(ng_mat_entry(T, i, j, R), a, ng_mat_entry(B, k, j, R), R);
        }
    ng_mat_swap(C, T);
    ng_mat_clear(T, R);
}

truth_t ng_mat_is_zero(const ng_mat_t A, const ng_ring_t R)
{
    truth_t res = T_TRUE;
    for (slong k = 0; k < A->r * A->c; k++) {
        truth_t t = ng_elem_is_zero(ng_vec_srcentry(A->entries, k, R), R);
        if (t == T_FALSE)
            return T_FALSE;
        if (t == T_UNKNOWN)
            res = T_UNKNOWN;
    }
    return res;
}

char *ng_mat_get_str(const ng_mat_t A, slong digits, const ng_ring_t R)
{
    size_t len = 0;
    char *buf = flint_malloc(1);
    buf[0] = '\0';
    for (slong i = 0; i < A->r; i++)
        for (slong j = 0; j < A->c; j++) {
            char *s = ng_elem_get_str(ng_mat_entry(A, i, j, R), digits, R);
            size_t n = strlen(s);
            buf = flint_realloc(buf, len + n + 3);
            memcpy(buf + len, s, n);
            len += n;
            buf[len++] = j + 1 < A->c ? ' ' : '\n';
            buf[len] = '\0';
            flint_free(s);
        }
    return buf;
}
