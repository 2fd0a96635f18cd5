/* libFuzzer target: arbitrary bytes as a model file, then resolution, the
 * operators and the JSON output.  N is overridden to 3 after reading, so
 * every resolved model stays cheap whatever N the input asks for. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/model.h"

static void exercise(const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    ng_op_t A;
    ng_ptr s = ng_elem_new(R);
    json_t *j;
    char *text;
    ng_op_init(A, M->N, NG_PAULI, R);
    ng_model_h0(A, M);
    ng_model_hi(A, M);
    ng_model_bond(A, M, 0);
    ng_model_h1(A, M);
    for (int nu = 0; nu < 2; nu++) {
        ng_model_x(A, M, nu);
        ng_model_he(A, M, nu);
        ng_model_s(A, M, nu);
    }
    ng_model_alpha_plus(s, M);
    ng_model_delta_alpha_z(s, M);
    j = ng_model_to_json(M, 15);
    text = json_dumps(j, 0);
    free(text);
    json_decref(j);
    ng_elem_free(s, R);
    ng_op_clear(A, R);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_model_spec *spec;
    char *text;
    if (size > 8192)
        return 0;
    text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    spec = ng_model_spec_new();
    if (ng_model_spec_read_json(spec, text, "fuzz.json") == NG_OK &&
        ng_model_spec_set(spec, "N", "3") == NG_OK) {
        ng_model_t M;
        if (ng_model_resolve(M, spec, 64) == NG_OK) {
            exercise(M);
            if (ng_model_set_prec(M, 96) == NG_OK)
                exercise(M);
            ng_model_clear(M);
        }
    }
    ng_model_spec_free(spec);
    free(text);
    return 0;
}
