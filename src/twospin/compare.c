/* Comparing derived expressions with printed ones. */
#include "nessgen/expr.h"
#include "nessgen/two_spin.h"

ng_status ng_two_spin_eval_text(ng_ptr res, const char *text, const ng_model_t M)
{
    ng_expr *e;
    ng_status st = ng_expr_parse(&e, text, "printed formula");
    if (st != NG_OK)
        return st;
    st = ng_expr_eval(res, e, M->R);
    ng_expr_free(e);
    return st;
}

/* Does x involve any of the symbols t1, t2, g (the unknowns of Eq. 103)? */
static int involves_unknowns(ng_srcptr x, const ng_ring_t R)
{
    static const char *const unknowns[3] = {"t1", "t2", "g"};
    int *used;
    int res = 0;
    if (R->kind != NG_QQ_PARAMS)
        return 0;
    used = flint_calloc(FLINT_MAX(R->nvars, 1), sizeof(int));
    fmpz_mpoly_q_used_vars(used, x, R->mctx);
    for (int k = 0; k < 3; k++) {
        slong i = ng_ring_param_index(R, unknowns[k]);
        res |= i >= 0 && used[i];
    }
    flint_free(used);
    return res;
}

ng_cmp ng_two_spin_compare(ng_ptr factor, ng_srcptr derived, ng_srcptr printed,
                           const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    if (ng_elem_equal(derived, printed, R) == T_TRUE) {
        ng_elem_one(factor, R);
        return NG_CMP_EQUAL;
    }
    if (ng_elem_is_zero(printed, R) != T_FALSE || ng_elem_is_zero(derived, R) != T_FALSE ||
        !ng_elem_div(factor, derived, printed, R) || involves_unknowns(factor, R))
        return NG_CMP_DIFFERENT;
    return NG_CMP_PROPORTIONAL;
}
