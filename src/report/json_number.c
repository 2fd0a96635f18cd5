/* Numbers as JSON (report.h, DESIGN §4). */
#include <math.h>
#include <string.h>

#include "nessgen/report.h"

static void warn(json_t *warnings, const char *what, const char *why)
{
    if (warnings != NULL)
        json_array_append_new(warnings, json_sprintf("%s: %s", what ? what : "value", why));
}

char *ng_report_arb_get_str_certified(const arb_t x, slong digits)
{
    slong n = FLINT_MAX(digits, 1);
    char *s, *r;
    if (!mag_is_zero(arb_radref(x)) && !arf_is_zero(arb_midref(x)))
        /* arb_get_str prints no digit beyond those the radius certifies */
        n = FLINT_MAX(n, (slong)(arb_rel_accuracy_bits(x) * 0.30103) + 3);
    s = arb_get_str(x, n, 0);
    r = strcpy(flint_malloc(strlen(s) + 1), s);
    flint_free(s);
    return r;
}

json_t *ng_report_json_arb(const arb_t x, slong digits, json_t *warnings, const char *what)
{
    double mid, rad;
    char *s;
    json_t *j;
    if (!arb_is_finite(x)) {
        warn(warnings, what, "not a finite number (the ball is unbounded)");
        return json_null();
    }
    s = ng_report_arb_get_str_certified(x, digits);
    if (ng_report_arb_get_mid_rad_d(&mid, &rad, x)) {
        j = json_pack("{s:f,s:f,s:s}", "mid", mid, "rad", rad, "ball", s);
    } else { /* a number beyond doubles (1e400): its text alone */
        warn(warnings, what, "beyond the range of doubles: mid and rad are null, see \"ball\"");
        j = json_pack("{s:n,s:n,s:s}", "mid", "rad", "ball", s);
    }
    flint_free(s);
    return j;
}

json_t *ng_report_json_elem(ng_srcptr x, slong digits, const ng_ring_t R, json_t *warnings,
                            const char *what)
{
    fmpq_t q;
    json_t *j;
    int rational;
    fmpq_init(q);
    rational = R->kind != NG_BALL && ng_elem_get_fmpq(q, x, R);
    if (R->kind == NG_QQ_PARAMS && !rational) {
        char *s = ng_elem_get_str(x, digits, R);
        j = json_pack("{s:s}", "exact", s);
        flint_free(s);
    } else {
        arb_t b;
        arb_init(b);
        /* an exact rational as a ball precise to the last bit of a double */
        if (!ng_elem_get_arb(b, x, FLINT_MAX(R->kind == NG_BALL ? R->prec : 0,
                                             (slong)(3.33 * digits) + 64),
                             R))
            arb_indeterminate(b);
        j = ng_report_json_arb(b, digits, warnings, what);
        if (rational && json_is_object(j)) {
            char *s = fmpq_get_str(NULL, 10, q);
            json_object_set_new(j, "exact", json_string(s));
            flint_free(s);
        }
        arb_clear(b);
    }
    fmpq_clear(q);
    return j;
}

json_t *ng_report_json_double(double x, json_t *warnings, const char *what)
{
    if (isfinite(x))
        return json_real(x);
    warn(warnings, what, isnan(x) ? "not a number (NaN)" : "infinite");
    return json_null();
}
