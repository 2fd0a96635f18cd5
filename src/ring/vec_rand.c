/* Vectors of elements, and random elements for tests. */
#include <string.h>

#include "nessgen/ring.h"

ng_ptr ng_vec_init(slong n, const ng_ring_t R)
{
    ng_ptr v = flint_malloc(FLINT_MAX(n, 1) * ng_ring_elem_size(R));
    for (slong i = 0; i < n; i++)
        ng_elem_init(ng_vec_entry(v, i, R), R);
    return v;
}

void ng_vec_clear(ng_ptr v, slong n, const ng_ring_t R)
{
    for (slong i = 0; i < n; i++)
        ng_elem_clear(ng_vec_entry(v, i, R), R);
    flint_free(v);
}

ng_ptr ng_vec_grow(ng_ptr v, slong old_n, slong new_n, const ng_ring_t R)
{
    v = flint_realloc(v, FLINT_MAX(new_n, 1) * ng_ring_elem_size(R));
    for (slong i = old_n; i < new_n; i++)
        ng_elem_init(ng_vec_entry(v, i, R), R);
    return v;
}

void ng_elem_randtest(ng_ptr x, flint_rand_t state, const ng_ring_t R)
{
    fmpq_t c;
    fmpq_init(c);
    fmpq_randtest(c, state, 6);
    switch (R->kind) {
    case NG_QQ:
        ng_elem_set_fmpq(x, c, R);
        break;
    case NG_QQ_PARAMS:
        if (R->nvars > 0 && n_randint(state, 3) != 0)
            fmpz_mpoly_q_randtest((fmpz_mpoly_q_struct *)x, state, 3, 4, 2, R->mctx);
        else
            ng_elem_set_fmpq(x, c, R);
        break;
    case NG_BALL:
        /* A dyadic point is exact, so ball results stay comparable with
         * exact rational arithmetic on the same inputs. */
        fmpz_set_ui(fmpq_denref(c), UWORD(1) << n_randint(state, 5));
        fmpq_canonicalise(c);
        ng_elem_set_fmpq(x, c, R);
        break;
    }
    fmpq_clear(c);
}
