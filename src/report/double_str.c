/* Doubles as the shortest decimal that reads back as the same double: what
 * a reader sees is what was computed (0.1, not 0.10000000000000001), and
 * nothing is lost (17 significant digits always round-trip, IEEE 754 §5.12). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/report.h"

char *ng_report_double_str(char *buf, double x)
{
    if (isnan(x))
        return strcpy(buf, "nan");
    if (isinf(x))
        return strcpy(buf, x > 0 ? "inf" : "-inf");
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, NG_REPORT_DOUBLE_LEN, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}
