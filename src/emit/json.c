/* JSON forms of numbers, models and documents (DESIGN §4). */
#include <string.h>

#include "nessgen/emit.h"
#include "nessgen/nessgen.h"

json_t *ng_json_elem(ng_srcptr x, slong digits, const ng_ring_t R)
{
    return ng_report_json_elem(x, digits, R, NULL, NULL);
}

json_t *ng_json_document(const char *command, const ng_model_t M, slong digits)
{
    return ng_report_json_document(command, NULL, M ? ng_model_to_json(M, digits) : NULL);
}

json_t *ng_emit_json_document(const ng_emit_opts *o, const ng_model_t M)
{
    json_t *doc = ng_json_document(o->command, M, o->digits);
    json_object_set_new(doc, "command_line",
                        o->command_line ? json_string(o->command_line) : json_null());
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
