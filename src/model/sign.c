/* Deciding the sign of a parameter expression for the range checks
 * (T > 0, c, d ≥ 0, |t| < 1, h ≠ 0): exactly when it is rational, with
 * balls of doubling precision when it is real (an irrational number is not
 * zero, so some precision decides it; a number whose rationality Calcium
 * could not decide and that is 0 exhausts MAX_PREC and is reported), and
 * from the rational function when it is symbolic (only constants have a
 * sign). */
#include "internal.h"

/* Irrational values are separated from 0 long before this. */
#define MAX_PREC 32768

ng_status _ng_model_expr_sign(int *sign, int *decided, const ng_expr *e, slong prec,
                              const ng_ring_t R)
{
    ng_expr_domain dom;
    ng_status st = ng_expr_classify(&dom, e);
    fmpq_t q;

    *decided = 0;
    *sign = 0;
    if (st != NG_OK)
        return st;
    fmpq_init(q);
    if (dom == NG_EXPR_RATIONAL) {
        st = ng_expr_get_fmpq(q, e);
        if (st == NG_OK) {
            *sign = fmpq_sgn(q);
            *decided = 1;
        }
    } else if (dom == NG_EXPR_REAL) {
        slong p = FLINT_MAX(prec, 64);
        for (; p <= MAX_PREC && !*decided && st == NG_OK; p *= 2) {
            ng_ring_t B;
            ng_ptr v;
            ng_ring_init_ball(B, p);
            v = ng_elem_new(B);
            st = ng_expr_eval(v, e, B);
            if (st == NG_OK && ng_elem_sgn(sign, v, B) == 0)
                *decided = 1;
            ng_elem_free(v, B);
            ng_ring_clear(B);
        }
        if (st == NG_OK && !*decided)
            st = ng_error(NG_ECOMPUTE,
                          "could not decide the sign of %s with %d bits of precision",
                          ng_expr_text(e), MAX_PREC);
    } else if (R != NULL && R->kind == NG_QQ_PARAMS) {
        ng_ptr v = ng_elem_new(R);
        st = ng_expr_eval(v, e, R);
        if (st == NG_OK && ng_elem_get_fmpq(q, v, R)) {
            *sign = fmpq_sgn(q);
            *decided = 1;
        }
        ng_elem_free(v, R);
    }
    fmpq_clear(q);
    return st;
}
