/* Element life cycle and assignment, dispatched on the number domain. */
#include "ring_internal.h"

void ng_elem_init(ng_ptr x, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_init(Q(x));
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_init(F(x), R->mctx);
        break;
    case NG_BALL:
        arb_init(B(x));
        break;
    }
}

void ng_elem_clear(ng_ptr x, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_clear(Q(x));
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_clear(F(x), R->mctx);
        break;
    case NG_BALL:
        arb_clear(B(x));
        break;
    }
}

void ng_elem_swap(ng_ptr x, ng_ptr y, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_swap(Q(x), Q(y));
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_swap(F(x), F(y), R->mctx);
        break;
    case NG_BALL:
        arb_swap(B(x), B(y));
        break;
    }
}

void ng_elem_set(ng_ptr y, ng_srcptr x, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_set(Q(y), QC(x));
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_set(F(y), FC(x), R->mctx);
        break;
    case NG_BALL:
        arb_set(B(y), BC(x));
        break;
    }
}

void ng_elem_zero(ng_ptr x, const ng_ring_t R)
{
    ng_elem_set_si(x, 0, R);
}

void ng_elem_one(ng_ptr x, const ng_ring_t R)
{
    ng_elem_set_si(x, 1, R);
}

void ng_elem_set_si(ng_ptr x, slong c, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_set_si(Q(x), c, 1);
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_set_si(F(x), c, R->mctx);
        break;
    case NG_BALL:
        arb_set_si(B(x), c);
        break;
    }
}

void ng_elem_set_fmpq(ng_ptr x, const fmpq_t c, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_set(Q(x), c);
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_set_fmpq(F(x), c, R->mctx);
        break;
    case NG_BALL:
        arb_set_fmpq(B(x), c, R->prec);
        break;
    }
}

void ng_elem_set_arb(ng_ptr x, const arb_t c, const ng_ring_t R)
{
    if (R->kind != NG_BALL)
        flint_abort(); /* internal invariant: callers check the domain */
    arb_set_round(B(x), c, R->prec);
}

void ng_elem_gen(ng_ptr x, slong i, const ng_ring_t R)
{
    if (R->kind != NG_QQ_PARAMS || i < 0 || i >= R->nvars)
        flint_abort();
    fmpz_mpoly_q_gen(F(x), i, R->mctx);
}

ng_ptr ng_elem_new(const ng_ring_t R)
{
    ng_ptr x = flint_malloc(ng_ring_elem_size(R));
    ng_elem_init(x, R);
    return x;
}

void ng_elem_free(ng_ptr x, const ng_ring_t R)
{
    ng_elem_clear(x, R);
    flint_free(x);
}
