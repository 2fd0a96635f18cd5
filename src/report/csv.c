/* CSV fields (DESIGN §4: numbers only; a ball is two columns name_mid,
 * name_rad with the guarantee of ng_report_arb_get_mid_rad_d). */
#include <math.h>

#include "nessgen/report.h"

void ng_report_csv_double(FILE *out, double x)
{
    char buf[NG_REPORT_DOUBLE_LEN];
    if (!isnan(x))
        fputs(ng_report_double_str(buf, x), out);
}

void ng_report_csv_arb(FILE *out, const arb_t x)
{
    double mid, rad;
    if (ng_report_arb_get_mid_rad_d(&mid, &rad, x)) {
        ng_report_csv_double(out, mid);
        fputc(',', out);
        ng_report_csv_double(out, rad);
    } else {
        fputc(',', out);
    }
}

void ng_report_csv_elem(FILE *out, ng_srcptr x, const ng_ring_t R)
{
    arb_t b;
    arb_init(b);
    if (ng_elem_get_arb(b, x, R->kind == NG_BALL ? R->prec : 128, R))
        ng_report_csv_arb(out, b);
    else
        fputc(',', out);
    arb_clear(b);
}

void ng_report_csv_ball_header(FILE *out, const char *name)
{
    fprintf(out, "%s_mid,%s_rad", name, name);
}
