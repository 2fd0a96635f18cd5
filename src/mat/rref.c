/* Gauss–Jordan elimination, once for every domain: exact rings take the first
 * nonzero pivot, balls the candidate farthest from zero. */
#include "nessgen/mat.h"

/* Row index ≥ start of a usable pivot in column j, or −1 if the column is
 * zero below start; *undecided is set when balls straddle zero. */
static slong find_pivot(const ng_mat_t A, slong start, slong j, int *undecided,
                        const ng_ring_t R)
{
    slong best = -1;
    arb_t a;
    arf_t lo, best_lo;
    arb_init(a);
    arf_init(lo);
    arf_init(best_lo);
    for (slong i = start; i < A->r; i++) {
        ng_srcptr x = ng_mat_entry(A, i, j, R);
        truth_t z = ng_elem_is_zero(x, R);
        if (z == T_TRUE)
            continue;
        if (z == T_UNKNOWN) {
            *undecided = 1;
            continue;
        }
        if (R->kind != NG_BALL) {
            best = i;
            break;
        }
        arb_abs(a, x);
        arb_get_lbound_arf(lo, a, 30);
        if (best < 0 || arf_cmp(lo, best_lo) > 0) {
            best = i;
            arf_set(best_lo, lo);
        }
    }
    arb_clear(a);
    arf_clear(lo);
    arf_clear(best_lo);
    return best;
}

static void swap_rows(ng_mat_t A, slong i, slong k, const ng_ring_t R)
{
    if (i != k)
        for (slong j = 0; j < A->c; j++)
            ng_elem_swap(ng_mat_entry(A, i, j, R), ng_mat_entry(A, k, j, R), R);
}

/* Row k ← row k / pivot, then every other row i ← row i − A[i][j] row k. */
static void eliminate(ng_mat_t A, slong k, slong j, const ng_ring_t R)
{
    ng_ptr f = ng_elem_new(R), t = ng_elem_new(R);
    ng_elem_set(f, ng_mat_entry(A, k, j, R), R);
    for (slong jj = j; jj < A->c; jj++)
        ng_elem_div(ng_mat_entry(A, k, jj, R), ng_mat_entry(A, k, jj, R), f, R);
    ng_elem_one(ng_mat_entry(A, k, j, R), R); /* exactly, also for balls */
    for (slong i = 0; i < A->r; i++) {
        if (i == k || ng_elem_is_exact_zero(ng_mat_entry(A, i, j, R), R))
            continue;
        ng_elem_set(f, ng_mat_entry(A, i, j, R), R);
        for (slong jj = j; jj < A->c; jj++) {
            ng_elem_mul(t, f, ng_mat_entry(A, k, jj, R), R);
            ng_elem_sub(ng_mat_entry(A, i, jj, R), ng_mat_entry(A, i, jj, R), t, R);
        }
        ng_elem_zero(ng_mat_entry(A, i, j, R), R);
    }
    ng_elem_free(f, R);
    ng_elem_free(t, R);
}

truth_t ng_mat_rref(slong *rank, slong *pivots, ng_mat_t A, const ng_ring_t R)
{
    slong k = 0;
    for (slong j = 0; j < A->c && k < A->r; j++) {
        int undecided = 0;
        slong p = find_pivot(A, k, j, &undecided, R);
        if (p < 0) {
            if (undecided)
                return T_UNKNOWN; /* the rank depends on a ball that straddles zero */
            continue;
        }
        swap_rows(A, k, p, R);
        eliminate(A, k, j, R);
        pivots[k++] = j;
    }
    *rank = k;
    return T_TRUE;
}

truth_t ng_mat_nullspace(ng_mat_t X, const ng_mat_t A, const ng_ring_t R)
{
    ng_mat_t E;
    slong rank, *pivots = flint_malloc(sizeof(slong) * FLINT_MAX(A->c, 1));
    char *is_pivot = flint_calloc(FLINT_MAX(A->c, 1), 1);
    truth_t t;
    ng_mat_t T;
    ng_mat_init(E, A->r, A->c, R);
    ng_mat_set(E, A, R);
    t = ng_mat_rref(&rank, pivots, E, R);
    ng_mat_init(T, A->c, t == T_TRUE ? A->c - rank : 0, R);
    if (t == T_TRUE) {
        slong col = 0;
        for (slong k = 0; k < rank; k++)
            is_pivot[pivots[k]] = 1;
        for (slong f = 0; f < A->c; f++) {
            if (is_pivot[f])
                continue;
            /* free variable f = 1; pivot variables from their rows */
            ng_elem_one(ng_mat_entry(T, f, col, R), R);
            for (slong k = 0; k < rank; k++)
                ng_elem_neg(ng_mat_entry(T, pivots[k], col, R), ng_mat_entry(E, k, f, R), R);
            col++;
        }
    }
    ng_mat_swap(X, T);
    ng_mat_clear(T, R);
    ng_mat_clear(E, R);
    flint_free(pivots);
    flint_free(is_pivot);
    return t;
}

truth_t ng_mat_solve(ng_mat_t X, const ng_mat_t A, const ng_mat_t B, const ng_ring_t R)
{
    ng_mat_t E;
    slong n = A->r, m = B->c, rank, *pivots = flint_malloc(sizeof(slong) * (n + m));
    truth_t t;
    ng_mat_init(E, n, n + m, R);
    for (slong i = 0; i < n; i++) {
        for (slong j = 0; j < n; j++)
            ng_elem_set(ng_mat_entry(E, i, j, R), ng_mat_entry(A, i, j, R), R);
        for (slong j = 0; j < m; j++)
            ng_elem_set(ng_mat_entry(E, i, n + j, R), ng_mat_entry(B, i, j, R), R);
    }
    t = ng_mat_rref(&rank, pivots, E, R);
    if (t == T_TRUE && (rank < n || pivots[n - 1] != n - 1))
        t = T_FALSE;
    if (t == T_TRUE) {
        ng_mat_t T;
        ng_mat_init(T, n, m, R);
        for (slong i = 0; i < n; i++)
            for (slong j = 0; j < m; j++)
                ng_elem_swap(ng_mat_entry(T, i, j, R), ng_mat_entry(E, i, n + j, R), R);
        ng_mat_swap(X, T);
        ng_mat_clear(T, R);
    }
    ng_mat_clear(E, R);
    flint_free(pivots);
    return t;
}
