/* Decisions on operators, text output, random operators for tests. */
#include <string.h>

#include "nessgen/op.h"

truth_t ng_op_is_zero(const ng_op_t A, const ng_ring_t R)
{
    truth_t res = T_TRUE;
    for (slong i = 0; i < A->length; i++) {
        truth_t t = ng_elem_is_zero(ng_vec_srcentry(A->coeffs, i, R), R);
        if (t == T_FALSE)
            return T_FALSE;
        if (t == T_UNKNOWN)
            res = T_UNKNOWN;
    }
    return res;
}

truth_t ng_op_equal(const ng_op_t A, const ng_op_t B, const ng_ring_t R)
{
    ng_op_t D;
    truth_t t;
    ng_op_init(D, A->nsites, A->basis, R);
    ng_op_sub(D, A, B, R);
    t = ng_op_is_zero(D, R);
    ng_op_clear(D, R);
    return t;
}

truth_t ng_op_is_hermitian(const ng_op_t A, const ng_ring_t R)
{
    ng_op_t D;
    truth_t t;
    ng_op_init(D, A->nsites, A->basis, R);
    ng_op_adjoint(D, A, R);
    t = ng_op_equal(D, A, R);
    ng_op_clear(D, R);
    return t;
}

static void append(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        *cap = 2 * (*len + n + 1);
        *buf = flint_realloc(*buf, *cap);
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

static int needs_parens(const char *c)
{
    return strpbrk(c + 1, "+-") != NULL && c[0] != '[';
}

/* "X1 Z3" with Pauli letters X Y Z or ladder letters P (σ^+), M (σ^-), Z. */
static void append_string(char **buf, size_t *len, size_t *cap, ng_string s, int nsites,
                          ng_basis basis)
{
    const char *names = basis == NG_PAULI ? "IXYZ" : "IPMZ";
    char site[24];
    int first = 1;
    if (ng_string_is_identity(s)) {
        append(buf, len, cap, "I");
        return;
    }
    for (int l = 0; l < nsites; l++) {
        int letter = ng_string_get_letter(s, l);
        if (letter == 0)
            continue;
        snprintf(site, sizeof site, "%s%c%d", first ? "" : " ", names[letter], l + 1);
        append(buf, len, cap, site);
        first = 0;
    }
}

char *ng_op_get_str(const ng_op_t A, slong digits, const ng_ring_t R)
{
    size_t len = 0, cap = 64;
    char *buf = flint_malloc(cap);
    buf[0] = '\0';
    if (A->length == 0)
        append(&buf, &len, &cap, "0");
    for (slong i = 0; i < A->length; i++) {
        char *c = ng_elem_get_str(ng_vec_srcentry(A->coeffs, i, R), digits, R);
        const char *body = c;
        int negative = c[0] == '-' && !needs_parens(c);
        if (negative)
            body = c + 1;
        append(&buf, &len, &cap, i == 0 ? (negative ? "-" : "") : (negative ? " - " : " + "));
        if (A->keys[i].im)
            append(&buf, &len, &cap, "i*");
        if (strcmp(body, "1") != 0) {
            int p = needs_parens(body);
            append(&buf, &len, &cap, p ? "(" : "");
            append(&buf, &len, &cap, body);
            append(&buf, &len, &cap, p ? ")*" : "*");
        }
        append_string(&buf, &len, &cap, A->keys[i].s, A->nsites, A->basis);
        flint_free(c);
    }
    return buf;
}

void ng_op_randtest(ng_op_t A, flint_rand_t state, slong len, int nsites, int hermitian,
                    const ng_ring_t R)
{
    ng_ptr c = ng_elem_new(R);
    ng_op_zero(A, R);
    A->nsites = nsites;
    A->basis = NG_PAULI;
    for (slong i = 0; i < len; i++) {
        ng_string s = {0, 0};
        int weight = 1 + (int)n_randint(state, FLINT_MIN(nsites, 4));
        for (int w = 0; w < weight; w++)
            ng_string_set_letter(&s, (int)n_randint(state, nsites), (int)n_randint(state, 4));
        ng_elem_randtest(c, state, R);
        ng_op_push(A, s, hermitian ? 0 : (unsigned)n_randint(state, 2), c, R);
    }
    ng_op_canonicalise(A, R);
    ng_elem_free(c, R);
}
