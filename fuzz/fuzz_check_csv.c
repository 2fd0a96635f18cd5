/* libFuzzer target: arbitrary bytes as the CSV input of `nessgen check`
 * (check.h): read or refused, never a crash, leak or out-of-bounds read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_check_data_t D;
    ng_status st = ng_check_read_csv(D, (const char *)data, size, "fuzz");
    if (st == NG_OK && (D->n < 1 || D->max_site < 1 || D->max_site > NG_MODEL_MAX_N))
        abort();
    ng_check_data_clear(D);
    ng_error_clear();
    return 0;
}
