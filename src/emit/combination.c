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

char *ng_term_get_str(const char *coeff, int coeff_is_sum, const char *name, int first,
                      int latex)
{
    char *buf = NULL;
    size_t len = 0;
    int neg = coeff[0] == '-' && !coeff_is_sum;
    const char *body = neg ? coeff + 1 : coeff;
    append(&buf, &len, first ? (neg ? "-" : "") : (neg ? " - " : " + "));
    if (strcmp(body, "1") != 0) {
        append(&buf, &len, coeff_is_sum ? (latex ? "\\left(" : "(") : "");
        append(&buf, &len, body);
        append(&buf, &len, coeff_is_sum ? (latex ? "\\right)" : ")") : "");
        append(&buf, &len, latex ? "\\," : "*");
    }
    append(&buf, &len, name);
    return buf;
}

static char *combination(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                         const ng_ring_t R, int latex)
{
    char *buf = NULL;
    size_t len = 0;
    append(&buf, &len, "");
    for (slong i = 0; i < B->length; i++) {
        ng_srcptr x = ng_vec_srcentry(coeffs, i, R);
        char *c, *term;
        if (ng_elem_is_exact_zero(x, R))
            continue;
        c = latex ? ng_elem_get_latex(x, digits, R) : ng_elem_get_str(x, digits, R);
        term = ng_term_get_str(c, ng_elem_is_sum(x, R), latex ? B->latex[i] : B->names[i],
                               len == 0, latex);
        append(&buf, &len, term);
        flint_free(term);
        flint_free(c);
    }
    if (len == 0)
        append(&buf, &len, "0");
    return buf;
}

char *ng_combination_get_str(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                             const ng_ring_t R)
{
    return combination(coeffs, B, digits, R, 0);
}

char *ng_combination_get_latex(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                               const ng_ring_t R)
{
    return combination(coeffs, B, digits, R, 1);
}
