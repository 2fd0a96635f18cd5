/* Evaluating a rational function of the parameters at certified balls: the
 * end of a derivation in which a number was held as a free name (DESIGN §3,
 * ng_model_spec_set_hold_reals). */
#include <acb.h>

#include "ring_internal.h"

int ng_elem_eval_arb(arb_t res, int *missing, ng_srcptr x, arb_srcptr vals,
                     const int *known, slong prec, const ng_ring_t R)
{
    const fmpz_mpoly_q_struct *f = x;
    int *used, ok = 1;
    acb_ptr v;
    acb_t y;
    if (R->kind != NG_QQ_PARAMS)
        return ng_elem_get_arb(res, x, prec, R);
    used = flint_calloc(FLINT_MAX(R->nvars, 1), sizeof(int));
    fmpz_mpoly_q_used_vars(used, f, R->mctx);
    for (slong i = 0; i < R->nvars; i++) {
        ok = ok && (!used[i] || known[i]);
        if (missing != NULL)
            missing[i] = used[i] && !known[i];
    }
    flint_free(used);
    if (!ok)
        return 0;
    v = _acb_vec_init(FLINT_MAX(R->nvars, 1));
    acb_init(y);
    for (slong i = 0; i < R->nvars; i++)
        if (known[i])
            acb_set_arb(v + i, vals + i);
    fmpz_mpoly_q_evaluate_acb(y, f, v, prec, R->mctx);
    ok = acb_is_finite(y);
    if (ok)
        arb_set(res, acb_realref(y)); /* real parameters, real coefficients */
    acb_clear(y);
    _acb_vec_clear(v, FLINT_MAX(R->nvars, 1));
    return ok;
}
