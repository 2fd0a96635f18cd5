/* libFuzzer target: arbitrary bytes as an --observable expression.  Whatever
 * parses is checked against N = 6, evaluated into Q and into balls, and its
 * operator printed by the text writer must parse back to the same operator
 * (unless the printed text outgrows the parser's 4096-character limit: a
 * coefficient such as (1e-22)^2200 prints as a fraction of ~50000 digits).
 * Nothing may crash, leak or trip a sanitizer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/observable.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    ng_observable_t O, P;
    memcpy(text, data, size);
    text[size] = '\0';
    ng_observable_init(O);
    ng_observable_init(P);
    if (ng_observable_parse(O, text, "fuzz") == NG_OK && O->max_site <= 64) {
        int N = O->max_site < 1 ? 1 : O->max_site;
        ng_ring_t Q, B;
        ng_op_t A, C;
        ng_ring_init_qq(Q);
        ng_ring_init_ball(B, 64);
        ng_op_init(A, N, NG_PAULI, Q);
        ng_op_init(C, N, NG_PAULI, Q);
        ng_observable_check_sites(O, 6, "fuzz");
        if (ng_observable_op(A, O, N, Q) == NG_OK && ng_op_is_hermitian(A, Q) == T_TRUE) {
            char *s = ng_op_get_str(A, 0, Q);
            if (A->length > 0 && strlen(s) <= 4096 &&
                (ng_observable_parse(P, s, "fuzz") != NG_OK ||
                 ng_observable_op(C, P, N, Q) != NG_OK || ng_op_equal(A, C, Q) != T_TRUE))
                abort(); /* the writer's output must read back as the same operator */
            flint_free(s);
        } else if (A->length > 0 && ng_op_is_hermitian(A, Q) == T_FALSE) {
            abort(); /* real coefficients: always Hermitian */
        }
        ng_op_clear(A, Q);
        ng_op_clear(C, Q);
        ng_op_init(A, N, NG_PAULI, B);
        ng_observable_op(A, O, N, B);
        ng_op_clear(A, B);
        ng_ring_clear(Q);
        ng_ring_clear(B);
    }
    ng_error_clear();
    ng_observable_clear(O);
    ng_observable_clear(P);
    free(text);
    return 0;
}
