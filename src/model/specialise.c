/* A model with free names at one rational point: every quantity's rational
 * function evaluated there (the black box of the closed forms, issue 14). */
#include <string.h>

#include "internal.h"

ng_status ng_model_specialise(ng_model_t out, const ng_model_t M, const fmpq *point)
{
    ng_status st = NG_OK;
    fmpq_t v;
    memset(out, 0, sizeof(ng_model_struct));
    if (M->R->kind != NG_QQ_PARAMS)
        return ng_error(NG_EINPUT, "ng_model_specialise: the model has no free names");
    fmpq_init(v);
    out->N = M->N;
    ng_ring_init_qq(out->R);
    out->prec = M->prec;
    out->nquantities = M->nquantities;
    out->exprs = flint_calloc(M->nquantities, sizeof(ng_expr *));
    out->quantity_names = flint_calloc(M->nquantities, sizeof(char *));
    out->domains = flint_malloc(M->nquantities * sizeof(ng_expr_domain));
    out->sources = flint_malloc(M->nquantities * sizeof(char *));
    out->inputs = flint_malloc(sizeof(ng_expr *));
    out->input_names = flint_malloc(sizeof(char *));
    out->input_sources = flint_malloc(sizeof(char *));
    out->values = ng_vec_init(M->nquantities, out->R);
    _ng_model_point_fields(out);
    out->spec = _ng_model_spec_copy(M->spec);
    out->preset = out->spec->mode == _NG_MODE_PRESET ? out->spec->preset : NULL;
    for (slong i = 0; i < M->nquantities; i++) {
        out->quantity_names[i] = _ng_model_strdup(M->quantity_names[i]);
        out->domains[i] = NG_EXPR_RATIONAL;
        out->sources[i] = M->sources[i];
    }
    for (slong i = 0; i < M->nquantities && st == NG_OK; i++) {
        char *s;
        if (!ng_elem_evaluate_fmpq(v, ng_vec_srcentry(M->values, i, M->R), point, M->R)) {
            st = ng_error(NG_ECOMPUTE, "%s is undefined at this point",
                          M->quantity_names[i]);
            break;
        }
        ng_elem_set_fmpq(ng_vec_entry(out->values, i, out->R), v, out->R);
        s = fmpq_get_str(NULL, 10, v);
        st = ng_expr_parse(&out->exprs[i], s, M->quantity_names[i]);
        flint_free(s);
    }
    fmpq_clear(v);
    if (st != NG_OK)
        ng_model_clear(out);
    return st;
}
