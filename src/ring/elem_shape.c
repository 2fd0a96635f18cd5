/* The shape of a rational function of the parameters: which parameters it
 * involves, how many terms its numerator and denominator have, whether it is
 * a polynomial, and its partial derivatives.  Writers use the shape to pick
 * the shorter of two equivalent forms (c = q·α_+ in Eqs. 89–94); the
 * hierarchy uses derivatives to see that α enters only through α_+
 * (Sect. IV C).  Constants of every ring are polynomials with one term (or
 * none, for zero) and involve no parameter. */
#include "ring_internal.h"

void ng_elem_used_params(int *used, ng_srcptr x, const ng_ring_t R)
{
    for (slong v = 0; v < R->nvars; v++)
        used[v] = 0;
    if (R->kind == NG_QQ_PARAMS)
        fmpz_mpoly_q_used_vars(used, FC(x), R->mctx);
}

void ng_elem_nterms(slong *num, slong *den, ng_srcptr x, const ng_ring_t R)
{
    slong a, b = 1;
    if (R->kind == NG_QQ_PARAMS) {
        a = fmpz_mpoly_length(fmpz_mpoly_q_numref(FC(x)), R->mctx);
        b = fmpz_mpoly_length(fmpz_mpoly_q_denref(FC(x)), R->mctx);
    } else {
        a = !ng_elem_is_exact_zero(x, R);
    }
    if (num != NULL)
        *num = a;
    if (den != NULL)
        *den = b;
}

int ng_elem_is_polynomial(ng_srcptr x, const ng_ring_t R)
{
    return R->kind != NG_QQ_PARAMS ||
           fmpz_mpoly_is_fmpz(fmpz_mpoly_q_denref(FC(x)), R->mctx);
}

/* ∂(n/d)/∂v = (n' d − n d') / d², canonicalised by fmpz_mpoly_q_canonicalise. */
void ng_elem_derivative(ng_ptr y, ng_srcptr x, slong var, const ng_ring_t R)
{
    fmpz_mpoly_t t1, t2;
    fmpz_mpoly_struct *num, *den;
    if (R->kind != NG_QQ_PARAMS || var < 0 || var >= R->nvars) {
        ng_elem_zero(y, R);
        return;
    }
    fmpz_mpoly_init(t1, R->mctx);
    fmpz_mpoly_init(t2, R->mctx);
    num = fmpz_mpoly_q_numref(F(y));
    den = fmpz_mpoly_q_denref(F(y));
    fmpz_mpoly_derivative(t1, fmpz_mpoly_q_numref(FC(x)), var, R->mctx);
    fmpz_mpoly_mul(t1, t1, fmpz_mpoly_q_denref(FC(x)), R->mctx);
    fmpz_mpoly_derivative(t2, fmpz_mpoly_q_denref(FC(x)), var, R->mctx);
    fmpz_mpoly_mul(t2, t2, fmpz_mpoly_q_numref(FC(x)), R->mctx);
    /* t1, t2 are read from x before y (possibly x) is written */
    fmpz_mpoly_mul(den, fmpz_mpoly_q_denref(FC(x)), fmpz_mpoly_q_denref(FC(x)), R->mctx);
    fmpz_mpoly_sub(num, t1, t2, R->mctx);
    fmpz_mpoly_q_canonicalise(F(y), R->mctx);
    fmpz_mpoly_clear(t1, R->mctx);
    fmpz_mpoly_clear(t2, R->mctx);
}

/* x of Q(names of RX) as an element of Q(names of R): each parameter goes to
 * the parameter of R with the same name; 0 if x involves one R lacks. */
static int params_rename(ng_ptr y, ng_srcptr x, const ng_ring_t RX, const ng_ring_t R)
{
    slong n = RX->mctx->minfo->nvars;
    slong *c = flint_calloc(n, sizeof(slong));
    int *used = flint_calloc(FLINT_MAX(RX->nvars, 1), sizeof(int));
    int ok = 1;
    ng_elem_used_params(used, x, RX);
    for (slong v = 0; v < RX->nvars && ok; v++) {
        c[v] = ng_ring_param_index(R, RX->names[v]);
        ok = c[v] >= 0 || !used[v];
        c[v] = FLINT_MAX(c[v], 0); /* an unused variable may go anywhere */
    }
    if (ok) {
        fmpz_mpoly_compose_fmpz_mpoly_gen(fmpz_mpoly_q_numref(F(y)),
                                          fmpz_mpoly_q_numref(FC(x)), c, RX->mctx, R->mctx);
        fmpz_mpoly_compose_fmpz_mpoly_gen(fmpz_mpoly_q_denref(F(y)),
                                          fmpz_mpoly_q_denref(FC(x)), c, RX->mctx, R->mctx);
        /* a renaming keeps numerator and denominator coprime; only the sign
         * of the leading term may change with the variable order */
        fmpz_mpoly_q_canonicalise(F(y), R->mctx);
    }
    flint_free(c);
    flint_free(used);
    return ok;
}

int ng_elem_set_other_ring(ng_ptr y, ng_srcptr x, const ng_ring_t RX, const ng_ring_t R)
{
    int ok;
    if (RX == R || (RX->kind == R->kind && R->kind != NG_QQ_PARAMS &&
                    (R->kind != NG_BALL || RX->prec == R->prec))) {
        ng_elem_set(y, x, R);
        return 1;
    }
    if (RX->kind == NG_QQ_PARAMS && R->kind == NG_QQ_PARAMS)
        return params_rename(y, x, RX, R);
    if (R->kind == NG_BALL) {
        arb_t a;
        arb_init(a);
        ok = ng_elem_get_arb(a, x, R->prec, RX);
        if (ok)
            ng_elem_set_arb(y, a, R);
        arb_clear(a);
    } else {
        fmpq_t q;
        fmpq_init(q);
        ok = ng_elem_get_fmpq(q, x, RX);
        if (ok)
            ng_elem_set_fmpq(y, q, R);
        fmpq_clear(q);
    }
    return ok;
}
