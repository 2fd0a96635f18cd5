/* One cell in each format (report.h): the writers' only rendering of
 * numbers, so that a value reads the same in a table, an align and prose. */
#include <stdlib.h>
#include <string.h>

#include "nessgen/report.h"

static char *dup(const char *s)
{
    return strcpy(flint_malloc(strlen(s) + 1), s);
}

static char *printf_str(const char *fmt, slong a, slong b)
{
    char buf[64];
    snprintf(buf, sizeof buf, fmt, (long)a, (long)b);
    return dup(buf);
}

char *ng_report_elem_text(ng_srcptr x, slong digits, const ng_ring_t R)
{
    return ng_elem_get_str(x, digits, R);
}

char *ng_report_elem_latex(ng_srcptr x, slong digits, const ng_ring_t R)
{
    return ng_elem_get_latex_rounded(x, digits, R);
}

char *ng_report_cell_text(const ng_report_cell *c, slong digits)
{
    char buf[NG_REPORT_DOUBLE_LEN], *s, *r;
    switch (c->kind) {
    case NG_REPORT_CELL_ELEM:
        return ng_report_elem_text(c->x, digits, c->R);
    case NG_REPORT_CELL_ARB:
        s = arb_get_str(&c->a, digits, 0);
        r = dup(s);
        flint_free(s);
        return r;
    case NG_REPORT_CELL_DOUBLE:
        return dup(ng_report_double_str(buf, c->d));
    case NG_REPORT_CELL_INT:
        return printf_str("%ld", c->i, 0);
    case NG_REPORT_CELL_BOOL:
        return dup(c->i ? "yes" : "no");
    case NG_REPORT_CELL_BOND:
        return printf_str("(%ld,%ld)", c->i, c->j);
    case NG_REPORT_CELL_JSON:
        s = json_dumps(c->json, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
        r = dup(s != NULL ? s : "");
        free(s);
        return r;
    default: /* STRING, MATH, NONE */
        return dup(c->s != NULL ? c->s : "");
    }
}

/* LaTeX's special characters escaped, for text mode. */
static char *latex_escape(const char *s)
{
    char *r = flint_malloc(16 * strlen(s) + 1), *p = r;
    for (; *s; s++) {
        if (strchr("#$%&_{}", *s) != NULL)
            p += sprintf(p, "\\%c", *s);
        else if (*s == '^' || *s == '~')
            p += sprintf(p, "\\%c{}", *s);
        else if (*s == '\\')
            p += sprintf(p, "\\textbackslash{}");
        else
            *p++ = *s;
    }
    *p = '\0';
    return r;
}

char *ng_report_cell_latex(const ng_report_cell *c, slong digits)
{
    switch (c->kind) {
    case NG_REPORT_CELL_ELEM:
        return ng_report_elem_latex(c->x, digits, c->R);
    case NG_REPORT_CELL_ARB:
        return ng_report_latex_arb(&c->a, digits);
    case NG_REPORT_CELL_DOUBLE:
        return ng_report_latex_double(c->d);
    case NG_REPORT_CELL_INT:
        return printf_str("%ld", c->i, 0);
    case NG_REPORT_CELL_BOND:
        return printf_str("(%ld,%ld)", c->i, c->j);
    case NG_REPORT_CELL_MATH:
        return dup(c->latex != NULL ? c->latex : c->s);
    case NG_REPORT_CELL_STRING:
        if (c->latex != NULL)
            return dup(c->latex);
        return latex_escape(c->s != NULL ? c->s : "");
    case NG_REPORT_CELL_NONE:
        return latex_escape(c->s != NULL ? c->s : "");
    default: {
        char *t = ng_report_cell_text(c, digits), *r = latex_escape(t);
        flint_free(t);
        return r;
    }
    }
}

json_t *ng_report_cell_to_json(const ng_report_cell *c, slong digits, json_t *warnings,
                               const char *what)
{
    switch (c->kind) {
    case NG_REPORT_CELL_ELEM:
        return ng_report_json_elem(c->x, digits, c->R, warnings, what);
    case NG_REPORT_CELL_ARB:
        return ng_report_json_arb(&c->a, digits, warnings, what);
    case NG_REPORT_CELL_DOUBLE:
        return ng_report_json_double(c->d, warnings, what);
    case NG_REPORT_CELL_INT:
        return json_integer(c->i);
    case NG_REPORT_CELL_BOOL:
        return json_boolean(c->i);
    case NG_REPORT_CELL_STRING:
    case NG_REPORT_CELL_MATH:
        return json_string(c->s);
    case NG_REPORT_CELL_BOND:
        return json_pack("[I,I]", (json_int_t)c->i, (json_int_t)c->j);
    case NG_REPORT_CELL_JSON:
        return json_incref(c->json);
    default:
        return json_null();
    }
}
