/* ⟨A⟩ = Σ_j c_j ⟨P_j⟩ from a state's string expectations. */
#include "nessgen/observable.h"

ng_status ng_observable_expect(ng_ptr res, const ng_op_t A, const ng_ring_t RA,
                               ng_string_expect_fn f, const void *state,
                               const ng_ring_t R)
{
    ng_ptr c = ng_elem_new(R), v = ng_elem_new(R), acc = ng_elem_new(R);
    ng_status st = NG_OK;
    for (slong j = 0; j < A->length; j++) {
        if (A->keys[j].im)
            continue;
        if (!ng_elem_set_other_ring(c, ng_vec_srcentry(A->coeffs, j, RA), RA, R)) {
            st = ng_error(NG_EINPUT,
                          "an observable's coefficients (%s) cannot be combined "
                          "with values in %s",
                          ng_ring_kind_name(RA), ng_ring_kind_name(R));
            break;
        }
        f(v, A->keys[j].s, state);
        ng_elem_addmul(acc, c, v, R);
    }
    if (st == NG_OK)
        ng_elem_swap(res, acc, R);
    ng_elem_free(c, R);
    ng_elem_free(v, R);
    ng_elem_free(acc, R);
    return st;
}

double ng_observable_expect_d(const ng_op_t A, const ng_ring_t RA,
                              double (*f)(ng_string P, const void *state),
                              const void *state)
{
    double acc = 0.0;
    for (slong j = 0; j < A->length; j++)
        if (!A->keys[j].im)
            acc += ng_elem_get_d(ng_vec_srcentry(A->coeffs, j, RA), RA) *
                   f(A->keys[j].s, state);
    return acc;
}
