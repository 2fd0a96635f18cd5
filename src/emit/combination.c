/* Linear combinations of named basis elements as text and LaTeX. */
#include <string.h>

#include "nessgen/emit.h"

typedef char *(*elem_writer)(ng_srcptr, slong, const ng_ring_t);

static void append(char **buf, size_t *len, const char *s)
{
    size_t n = strlen(s);
    *buf = flint_realloc(*buf, *len + n + 1);
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* A coefficient needs brackets when it is a sum (a sign past its first char). */
static int is_compound(const char *c)
{
    if (c[0] == '[')
        return 0;
    for (const char *p = c + 1; *p; p++)
        if ((*p == '+' || *p == '-') && p[-1] != '{' && p[-1] != 'e' && p[-1] != '(')
            return 1;
    return 0;
}

static char *combination(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                         const ng_ring_t R, elem_writer write, char *const *names,
                         const char *open, const char *close, const char *times)
{
    char *buf = NULL;
    size_t len = 0;
    append(&buf, &len, "");
    for (slong i = 0; i < B->length; i++) {
        ng_srcptr x = ng_vec_srcentry(coeffs, i, R);
        char *c;
        const char *body;
        int neg;
        if (ng_elem_is_exact_zero(x, R))
            continue;
        c = write(x, digits, R);
        neg = c[0] == '-' && !is_compound(c);
        body = neg ? c + 1 : c;
        append(&buf, &len, len == 0 ? (neg ? "-" : "") : (neg ? " - " : " + "));
        if (strcmp(body, "1") != 0) {
            int compound = is_compound(body);
            append(&buf, &len, compound ? open : "");
            append(&buf, &len, body);
            append(&buf, &len, compound ? close : "");
            append(&buf, &len, times);
        }
        append(&buf, &len, names[i]);
        flint_free(c);
    }
    if (len == 0)
        append(&buf, &len, "0");
    return buf;
}

char *ng_combination_get_str(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                             const ng_ring_t R)
{
    return combination(coeffs, B, digits, R, ng_elem_get_str, B->names, "(", ")", "*");
}

char *ng_combination_get_latex(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                               const ng_ring_t R)
{
    return combination(coeffs, B, digits, R, ng_elem_get_latex, B->latex, "\\left(",
                       "\\right)", "\\,");
}
