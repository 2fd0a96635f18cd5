/* LaTeX: fragments to \input, or standalone documents; certified digits
 * only (the rounding rule of ng_arb_get_str_rounded, stated once). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/report.h"

void ng_report_latex_begin(FILE *out, int standalone, const char *title,
                           const char *command_line)
{
    ng_report_provenance(out, NG_REPORT_COMMENT_PERCENT, command_line);
    if (!standalone) {
        if (title != NULL)
            fprintf(out, "%% %s\n", title);
        return;
    }
    fprintf(out, "\\documentclass[11pt]{article}\n"
                 "\\usepackage{amsmath,amssymb,booktabs}\n"
                 "\\usepackage[margin=2cm]{geometry}\n"
                 "\\allowdisplaybreaks\n"
                 "\\begin{document}\n");
    if (title != NULL)
        fprintf(out, "\\section*{%s}\n", title);
}

void ng_report_latex_end(FILE *out, int standalone)
{
    if (standalone)
        fprintf(out, "\\end{document}\n");
}

char *ng_report_latex_rounding_rule_str(slong places)
{
    static const char rule[] =
        "Certified values are printed as the true value rounded to %ld decimal "
        "places (error at most $\\frac{1}{2}\\cdot 10^{-%ld}$); the digits do not "
        "depend on how they were computed.  A value written $x \\pm r$ could not "
        "be rounded with certainty: it lies in $[x - r, x + r]$.\n";
    int n = snprintf(NULL, 0, rule, (long)places, (long)places);
    char *s = flint_malloc(n + 1);
    snprintf(s, n + 1, rule, (long)places, (long)places);
    return s;
}

char *ng_report_latex_arb(const arb_t x, slong places)
{
    char *s = ng_arb_get_str_rounded(x, places);
    if (s == NULL) {
        ng_ring_t B;
        ng_ring_init_ball(B, FLINT_MAX(arb_bits(x), 64));
        s = ng_elem_get_latex((ng_srcptr)x, places, B);
        ng_ring_clear(B);
    }
    return s;
}

char *ng_report_latex_double(double x)
{
    return ng_report_latex_double_digits(x, 0);
}

char *ng_report_latex_double_digits(double x, int digits)
{
    char buf[NG_REPORT_DOUBLE_LEN + 8], *e, *s;
    if (!isfinite(x))
        return strcpy(flint_malloc(16), "\\text{--}");
    if (digits <= 0)
        ng_report_double_str(buf, x);
    else
        snprintf(buf, sizeof buf, "%.*g", FLINT_MIN(digits, 17), x);
    s = flint_malloc(2 * sizeof buf + 16);
    e = strchr(buf, 'e');
    if (e == NULL)
        return strcpy(s, buf);
    *e = '\0';
    if (strcmp(buf, "1") == 0)
        sprintf(s, "10^{%d}", atoi(e + 1));
    else if (strcmp(buf, "-1") == 0)
        sprintf(s, "-10^{%d}", atoi(e + 1));
    else
        sprintf(s, "%s \\times 10^{%d}", buf, atoi(e + 1));
    return s;
}
