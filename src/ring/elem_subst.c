/* Evaluation of rational functions of the parameters at rational values: a
 * ring homomorphism Q(params) → Q (or Q(params) → Q(params) for one
 * variable) wherever the denominator does not vanish.  Used by the
 * functional reconstruction (src/recon) to check a reconstructed closed
 * form at fresh points, and for limits such as θ → 0 (u_θ = 0). */
#include "ring_internal.h"

#include <flint/fmpq_mpoly.h>

/* p as an element of Q[params] (FLINT's fmpq_mpoly with the same variables
 * and ordering as R->mctx, so the exponent layout carries over). */
static void mpoly_to_fmpq_mpoly(fmpq_mpoly_t A, const fmpz_mpoly_t p,
                                const fmpq_mpoly_ctx_t qctx)
{
    fmpz_mpoly_set(A->zpoly, p, qctx->zctx);
    fmpq_one(A->content);
    fmpq_mpoly_reduce(A, qctx);
}

static void fmpq_mpoly_ctx_init_like(fmpq_mpoly_ctx_t qctx, const ng_ring_t R)
{
    fmpq_mpoly_ctx_init(qctx, R->mctx->minfo->nvars, R->mctx->minfo->ord);
}

/* Value of an fmpz_mpoly at a rational point (vals: one per variable). */
static void mpoly_eval_all(fmpq_t res, const fmpz_mpoly_t p, fmpq *vals,
                           const fmpq_mpoly_ctx_t qctx)
{
    fmpq_mpoly_t A;
    slong n = qctx->zctx->minfo->nvars;
    fmpq **ptrs = flint_malloc(n * sizeof(fmpq *));
    for (slong i = 0; i < n; i++)
        ptrs[i] = vals + i;
    fmpq_mpoly_init(A, qctx);
    mpoly_to_fmpq_mpoly(A, p, qctx);
    fmpq_mpoly_evaluate_all_fmpq(res, A, ptrs, qctx); /* small degrees: cannot fail */
    fmpq_mpoly_clear(A, qctx);
    flint_free(ptrs);
}

int ng_elem_evaluate_fmpq(fmpq_t res, ng_srcptr x, const fmpq *vals, const ng_ring_t R)
{
    fmpq_mpoly_ctx_t qctx;
    fmpq_t den;
    slong n;
    fmpq *v;
    int ok;
    if (R->kind == NG_QQ) {
        fmpq_set(res, QC(x));
        return 1;
    }
    if (R->kind != NG_QQ_PARAMS)
        return 0;
    n = R->mctx->minfo->nvars;
    fmpq_mpoly_ctx_init_like(qctx, R);
    fmpq_init(den);
    /* evaluate_all_fmpq takes non-const pointers to the values; copy them */
    v = _fmpq_vec_init(n);
    for (slong i = 0; i < n && i < R->nvars; i++)
        fmpq_set(v + i, vals + i);
    mpoly_eval_all(den, fmpz_mpoly_q_denref(FC(x)), v, qctx);
    ok = !fmpq_is_zero(den);
    if (ok) {
        mpoly_eval_all(res, fmpz_mpoly_q_numref(FC(x)), v, qctx);
        fmpq_div(res, res, den);
    }
    _fmpq_vec_clear(v, n);
    fmpq_clear(den);
    fmpq_mpoly_ctx_clear(qctx);
    return ok;
}

/* num/den of A as a canonical fmpz_mpoly_q: A = content · zpoly. */
static void fmpq_mpoly_split(fmpz_mpoly_t num, fmpz_t den, const fmpq_mpoly_t A,
                             const fmpq_mpoly_ctx_t qctx)
{
    fmpz_mpoly_scalar_mul_fmpz(num, A->zpoly, fmpq_numref(A->content), qctx->zctx);
    fmpz_set(den, fmpq_denref(A->content));
}

int ng_elem_substitute_fmpq(ng_ptr y, ng_srcptr x, slong var, const fmpq_t val,
                            const ng_ring_t R)
{
    fmpq_mpoly_ctx_t qctx;
    fmpq_mpoly_t A, B;
    fmpz_t da, db;
    int ok;
    if (R->kind != NG_QQ_PARAMS || var < 0 || var >= R->nvars) {
        if (y != x)
            ng_elem_set(y, x, R);
        return R->kind != NG_BALL;
    }
    fmpq_mpoly_ctx_init_like(qctx, R);
    fmpq_mpoly_init(A, qctx);
    fmpq_mpoly_init(B, qctx);
    fmpz_init(da);
    fmpz_init(db);
    mpoly_to_fmpq_mpoly(A, fmpz_mpoly_q_numref(FC(x)), qctx);
    mpoly_to_fmpq_mpoly(B, fmpz_mpoly_q_denref(FC(x)), qctx);
    fmpq_mpoly_evaluate_one_fmpq(A, A, var, val, qctx);
    fmpq_mpoly_evaluate_one_fmpq(B, B, var, val, qctx);
    ok = !fmpq_mpoly_is_zero(B, qctx);
    if (ok) {
        /* (a/da)/(b/db) = (a·db)/(b·da) */
        fmpz_mpoly_struct *num = fmpz_mpoly_q_numref(F(y)),
                          *den = fmpz_mpoly_q_denref(F(y));
        fmpq_mpoly_split(num, da, A, qctx);
        fmpq_mpoly_split(den, db, B, qctx);
        fmpz_mpoly_scalar_mul_fmpz(num, num, db, R->mctx);
        fmpz_mpoly_scalar_mul_fmpz(den, den, da, R->mctx);
        fmpz_mpoly_q_canonicalise(F(y), R->mctx);
    }
    fmpz_clear(da);
    fmpz_clear(db);
    fmpq_mpoly_clear(A, qctx);
    fmpq_mpoly_clear(B, qctx);
    fmpq_mpoly_ctx_clear(qctx);
    return ok;
}

slong ng_elem_degree(slong *deg_num, slong *deg_den, ng_srcptr x, slong var,
                     const ng_ring_t R)
{
    slong a = 0, b = 0;
    if (R->kind == NG_QQ_PARAMS && var >= 0 && var < R->nvars) {
        a = fmpz_mpoly_degree_si(fmpz_mpoly_q_numref(FC(x)), var, R->mctx);
        b = fmpz_mpoly_degree_si(fmpz_mpoly_q_denref(FC(x)), var, R->mctx);
    }
    if (deg_num != NULL)
        *deg_num = a;
    if (deg_den != NULL)
        *deg_den = b;
    return FLINT_MAX(a, b);
}

void ng_elem_numerator(ng_ptr y, ng_srcptr x, const ng_ring_t R)
{
    if (R->kind != NG_QQ_PARAMS) {
        ng_elem_set(y, x, R);
        return;
    }
    fmpz_mpoly_set(fmpz_mpoly_q_numref(F(y)), fmpz_mpoly_q_numref(FC(x)), R->mctx);
    fmpz_mpoly_one(fmpz_mpoly_q_denref(F(y)), R->mctx);
}

void ng_elem_denominator(ng_ptr y, ng_srcptr x, const ng_ring_t R)
{
    if (R->kind != NG_QQ_PARAMS) {
        ng_elem_one(y, R);
        return;
    }
    fmpz_mpoly_set(fmpz_mpoly_q_numref(F(y)), fmpz_mpoly_q_denref(FC(x)), R->mctx);
    fmpz_mpoly_one(fmpz_mpoly_q_denref(F(y)), R->mctx);
}

slong ng_elem_get_terms(fmpz **coeffs, ulong **exps, ng_srcptr x, int den,
                        const ng_ring_t R)
{
    const fmpz_mpoly_struct *p;
    slong len;
    *coeffs = NULL;
    *exps = NULL;
    if (R->kind != NG_QQ_PARAMS)
        return 0;
    p = den ? fmpz_mpoly_q_denref(FC(x)) : fmpz_mpoly_q_numref(FC(x));
    len = fmpz_mpoly_length(p, R->mctx);
    *coeffs = _fmpz_vec_init(len);
    *exps = flint_calloc(FLINT_MAX(len * R->nvars, 1), sizeof(ulong));
    for (slong k = 0; k < len; k++) {
        fmpz_mpoly_get_term_coeff_fmpz(*coeffs + k, p, k, R->mctx);
        fmpz_mpoly_get_term_exp_ui(*exps + k * R->nvars, p, k, R->mctx);
    }
    return len;
}
