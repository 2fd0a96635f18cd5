/* JSON forms of numbers, models and documents (DESIGN §4). */
#include <string.h>

#include "nessgen/emit.h"
#include "nessgen/nessgen.h"

json_t *ng_json_elem(ng_srcptr x, slong digits, const ng_ring_t R)
{
    json_t *obj = json_object();
    fmpq_t q;
    char *s;
    fmpq_init(q);
    if (R->kind == NG_QQ_PARAMS && !ng_elem_get_fmpq(q, x, R)) {
        s = ng_elem_get_str(x, digits, R);
        json_object_set_new(obj, "expr", json_string(s));
        flint_free(s);
    } else {
        char *mid, *rad;
        ng_elem_get_mid_rad(&mid, &rad, x, digits, R);
        json_object_set_new(obj, "mid", json_string(mid));
        json_object_set_new(obj, "rad", json_string(rad));
        flint_free(mid);
        flint_free(rad);
        if (ng_elem_get_fmpq(q, x, R)) {
            s = fmpq_get_str(NULL, 10, q);
            json_object_set_new(obj, "exact", json_string(s));
            flint_free(s);
        }
    }
    fmpq_clear(q);
    return obj;
}

json_t *ng_json_document(const char *command, const ng_model_t M, slong digits)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "command", json_string(command));
    json_object_set_new(doc, "nessgen_version", json_string(NESSGEN_VERSION));
    if (M != NULL)
        json_object_set_new(doc, "model", ng_model_to_json(M, digits));
    return doc;
}

json_t *ng_json_combination(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                            const ng_ring_t R)
{
    json_t *arr = json_array();
    for (slong i = 0; i < B->length; i++) {
        ng_srcptr c = ng_vec_srcentry(coeffs, i, R);
        json_t *term;
        if (ng_elem_is_exact_zero(c, R))
            continue;
        term = json_object();
        json_object_set_new(term, "element", json_string(B->names[i]));
        json_object_set_new(term, "latex", json_string(B->latex[i]));
        json_object_set_new(term, "coefficient", ng_json_elem(c, digits, R));
        json_array_append_new(arr, term);
    }
    return arr;
}
