/* Doubles that carry their own absolute error estimate (the full-Liouvillian
 * solver's values, obs_error.c): each is printed with the significant digits
 * its estimate supports and no more, in every format — text, JSON, CSV and
 * LaTeX round the same way, so the four agree digit for digit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/report.h"

int ng_report_supported_digits(double x, double err)
{
    double r;
    if (!isfinite(x) || !(err >= 0.0) || isinf(err))
        return 0;
    if (err == 0.0 || x == 0.0)
        return x == 0.0 ? 0 : 16;
    r = log10(fabs(x) / err);
    return r <= 0.0 ? 0 : r >= 16.0 ? 16 : (int)floor(r);
}

static int shown(double x, double err, int cap)
{
    int d = ng_report_supported_digits(x, err);
    return cap > 0 && d > cap ? cap : d;
}

double ng_report_double_rounded(double x, double err, int cap)
{
    char buf[64];
    int d = shown(x, err, cap);
    if (d == 0)
        return NAN;
    snprintf(buf, sizeof buf, "%.*e", d - 1, x);
    return strtod(buf, NULL);
}

char *ng_report_double_err_str(char *buf, double x, double err, int cap)
{
    int d = shown(x, err, cap);
    if (d == 0)
        return strcpy(buf, "noise");
    snprintf(buf, NG_REPORT_DOUBLE_LEN, "%.*g", d, x);
    return buf;
}

char *ng_report_latex_double_err(double x, double err, int cap)
{
    int d = shown(x, err, cap);
    return d == 0 ? strcpy(flint_malloc(16), "\\text{--}") : ng_report_latex_double_digits(x, d);
}

void ng_report_cell_sig(ng_report_table_t *T, double x, int d)
{
    char text[40], *l = ng_report_latex_double_digits(x, d);
    if (isfinite(x))
        snprintf(text, sizeof text, "%.*g", d, x);
    else
        snprintf(text, sizeof text, "-");
    ng_report_cell_math(T, text, l);
    flint_free(l);
}
