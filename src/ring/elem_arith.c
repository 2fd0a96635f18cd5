/* Field operations, dispatched on the number domain. */
#include "ring_internal.h"

void ng_elem_neg(ng_ptr y, ng_srcptr x, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_neg(Q(y), QC(x));
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_neg(F(y), FC(x), R->mctx);
        break;
    case NG_BALL:
        arb_neg(B(y), BC(x));
        break;
    }
}

void ng_elem_add(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_add(Q(z), QC(x), QC(y));
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_add(F(z), FC(x), FC(y), R->mctx);
        break;
    case NG_BALL:
        arb_add(B(z), BC(x), BC(y), R->prec);
        break;
    }
}

void ng_elem_sub(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_sub(Q(z), QC(x), QC(y));
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_sub(F(z), FC(x), FC(y), R->mctx);
        break;
    case NG_BALL:
        arb_sub(B(z), BC(x), BC(y), R->prec);
        break;
    }
}

void ng_elem_mul(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_mul(Q(z), QC(x), QC(y));
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_mul(F(z), FC(x), FC(y), R->mctx);
        break;
    case NG_BALL:
        arb_mul(B(z), BC(x), BC(y), R->prec);
        break;
    }
}

void ng_elem_addmul(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_addmul(Q(z), QC(x), QC(y));
        break;
    case NG_BALL:
        arb_addmul(B(z), BC(x), BC(y), R->prec);
        break;
    case NG_QQ_PARAMS: {
        fmpz_mpoly_q_t t;
        fmpz_mpoly_q_init(t, R->mctx);
        fmpz_mpoly_q_mul(t, FC(x), FC(y), R->mctx);
        fmpz_mpoly_q_add(F(z), F(z), t, R->mctx);
        fmpz_mpoly_q_clear(t, R->mctx);
        break;
    }
    }
}

void ng_elem_mul_si(ng_ptr y, ng_srcptr x, slong c, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpz_mul_si(fmpq_numref(Q(y)), fmpq_numref(QC(x)), c);
        fmpz_set(fmpq_denref(Q(y)), fmpq_denref(QC(x)));
        fmpq_canonicalise(Q(y));
        break;
    case NG_QQ_PARAMS: {
        fmpz_t t;
        fmpz_init_set_si(t, c);
        fmpz_mpoly_q_mul_fmpz(F(y), FC(x), t, R->mctx);
        fmpz_clear(t);
        break;
    }
    case NG_BALL:
        arb_mul_si(B(y), BC(x), c, R->prec);
        break;
    }
}

void ng_elem_mul_fmpq(ng_ptr y, ng_srcptr x, const fmpq_t c, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_mul(Q(y), QC(x), c);
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_mul_fmpq(F(y), FC(x), c, R->mctx);
        break;
    case NG_BALL:
        arb_mul_fmpz(B(y), BC(x), fmpq_numref(c), R->prec);
        arb_div_fmpz(B(y), B(y), fmpq_denref(c), R->prec);
        break;
    }
}

void ng_elem_mul_2exp_si(ng_ptr y, ng_srcptr x, slong e, const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        fmpq_mul_2exp(Q(y), QC(x), e >= 0 ? e : 0);
        if (e < 0)
            fmpq_div_2exp(Q(y), Q(y), -e);
        break;
    case NG_QQ_PARAMS: {
        fmpq_t t;
        fmpq_init(t);
        fmpq_one(t);
        fmpq_mul_2exp(t, t, e >= 0 ? e : 0);
        if (e < 0)
            fmpq_div_2exp(t, t, -e);
        fmpz_mpoly_q_mul_fmpq(F(y), FC(x), t, R->mctx);
        fmpq_clear(t);
        break;
    }
    case NG_BALL:
        arb_mul_2exp_si(B(y), BC(x), e);
        break;
    }
}

void ng_elem_div_si(ng_ptr y, ng_srcptr x, slong c, const ng_ring_t R)
{
    fmpq_t t;
    if (c == 0)
        flint_abort(); /* internal invariant: callers never divide by literal 0 */
    fmpq_init(t);
    fmpq_set_si(t, 1, 1);
    fmpz_set_si(fmpq_denref(t), c);
    fmpq_canonicalise(t);
    ng_elem_mul_fmpq(y, x, t, R);
    fmpq_clear(t);
}

int ng_elem_div(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R)
{
    if (ng_elem_is_zero(y, R) != T_FALSE)
        return 0;
    switch (R->kind) {
    case NG_QQ:
        fmpq_div(Q(z), QC(x), QC(y));
        break;
    case NG_QQ_PARAMS:
        fmpz_mpoly_q_div(F(z), FC(x), FC(y), R->mctx);
        break;
    case NG_BALL:
        arb_div(B(z), BC(x), BC(y), R->prec);
        break;
    }
    return 1;
}

void ng_elem_pow_ui(ng_ptr y, ng_srcptr x, ulong e, const ng_ring_t R)
{
    ng_ptr base = ng_elem_new(R);
    ng_elem_set(base, x, R);
    ng_elem_one(y, R);
    for (; e != 0; e >>= 1) {
        if (e & 1)
            ng_elem_mul(y, y, base, R);
        ng_elem_mul(base, base, base, R);
    }
    ng_elem_free(base, R);
}
