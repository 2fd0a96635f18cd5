/* A recursive-descent parser for parameter expressions.
 *
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | power
 *   power   := primary ('^' unary)?          right associative: 2^3^2 = 2^9
 *   primary := number | 'pi' | name | func '(' sum ')' | '(' sum ')'
 *   number  := digits ['.' digits] | '.' digits, then [('e'|'E') ['+'|'-'] digits]
 *
 * so -2^2 = -4 and 2^-1 = 1/2.  Decimals are exact rationals.  Every input,
 * whatever its bytes, either parses or gives NG_EINPUT naming the column;
 * length, nesting and decimal exponents are bounded so that no input can
 * exhaust the stack, the memory or the time. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr_internal.h"

typedef struct {
    const char *text; /* the whole input */
    size_t len;
    const char *p; /* next unread byte */
    const char *what;
    int depth;
    int failed;
} parser;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_name_char(char c)
{
    return is_name_start(c) || is_digit(c);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_space(parser *P)
{
    while (is_space(*P->p))
        P->p++;
}

/* Columns count characters, not bytes: UTF-8 continuation bytes are skipped. */
static slong column_of(const parser *P, const char *at)
{
    slong col = 1;
    for (const char *s = P->text; s < at; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            col++;
    return col;
}

/* Records the first error only: later ones are consequences of it. */
static ng_expr *fail_at(parser *P, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static ng_expr *fail_at(parser *P, const char *at, const char *fmt, ...)
{
    char msg[256], quoted[300];
    va_list ap;
    if (P->failed)
        return NULL;
    P->failed = 1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    _ng_expr_quote_bytes(quoted, sizeof quoted, P->text, P->len);
    _ng_expr_error(NG_EINPUT, P->what, "column %ld: %s in \"%s\"", column_of(P, at), msg,
                   quoted);
    return NULL;
}

/* What stands at a position, for "unexpected ..." messages. */
static void describe_at(char *buf, size_t size, const char *at)
{
    if (*at == '\0')
        snprintf(buf, size, "the end of the input");
    else if ((unsigned char)*at >= 0x20 && (unsigned char)*at < 0x7f)
        snprintf(buf, size, "'%c'", *at);
    else
        snprintf(buf, size, "the byte \\x%02X", (unsigned char)*at);
}

static ng_expr *parse_sum(parser *P);
static ng_expr *parse_unary(parser *P);

/* Reads the decimal exponent after 'e' without ever accumulating more
 * digits than fit: |e| <= NG_EXPR_MAX_EXP10 goes to *exp10; a larger one
 * sets *big (its digits start at *big_digits, *big_len of them), for the
 * caller to keep as a power of ten: 1e100000 is a real number too. */
static int scan_exponent(parser *P, slong *exp10, int *big, const char **big_digits,
                         size_t *big_len)
{
    const char *marker = P->p;
    int sign = 1;
    slong v = 0;
    *big = 0;
    P->p++;
    if (*P->p == '+' || *P->p == '-')
        sign = (*P->p++ == '-') ? -1 : 1;
    if (!is_digit(*P->p)) {
        fail_at(P, P->p, "expected digits after the exponent marker '%c'", *marker);
        return 0;
    }
    *big_digits = P->p;
    for (; is_digit(*P->p); P->p++) {
        v = 10 * v + (*P->p - '0');
        if (v > NG_EXPR_MAX_EXP10) {
            *big = sign;
            v = NG_EXPR_MAX_EXP10 + 1;
        }
    }
    *big_len = (size_t)(P->p - *big_digits);
    *exp10 = sign * v;
    return 1;
}

/* mantissa * 10^(sign * digits) for an exponent too large to expand (the
 * exact analysis and the balls handle the power like a typed 10^k). */
static ng_expr *big_decimal(ng_expr *mantissa, int sign, const char *digits, size_t len)
{
    char *d = flint_malloc(len + 1);
    ng_expr *k = ng_expr_rational(0, 1);
    memcpy(d, digits, len);
    d[len] = '\0';
    fmpz_set_str(fmpq_numref(k->exact), d, 10);
    flint_free(d);
    if (sign < 0)
        fmpq_neg(k->exact, k->exact);
    return ng_expr_binary('*', mantissa, ng_expr_binary('^', ng_expr_rational(10, 1), k));
}

/* value = mantissa * 10^exp10, with the mantissa given by its digits. */
static void set_decimal(fmpq_t value, const char *digits, slong exp10)
{
    fmpz_t ten;
    fmpz_init_set_ui(ten, 10);
    fmpz_set_str(fmpq_numref(value), digits, 10);
    fmpz_one(fmpq_denref(value));
    if (exp10 >= 0) {
        fmpz_pow_ui(ten, ten, (ulong)exp10);
        fmpz_mul(fmpq_numref(value), fmpq_numref(value), ten);
    } else {
        fmpz_pow_ui(fmpq_denref(value), ten, (ulong)(-exp10));
        fmpq_canonicalise(value);
    }
    fmpz_clear(ten);
}

static ng_expr *parse_number(parser *P)
{
    const char *start = P->p;
    size_t ndigits = 0, nfrac = 0;
    slong exp10 = 0;

    for (; is_digit(*P->p); P->p++)
        ndigits++;
    if (*P->p == '.') {
        P->p++;
        for (; is_digit(*P->p); P->p++)
            nfrac++;
    }
    if (ndigits + nfrac == 0)
        return fail_at(P, start, "expected digits around '.'");
    int big = 0;
    const char *big_digits = NULL;
    size_t big_len = 0;
    if ((*P->p == 'e' || *P->p == 'E') &&
        !scan_exponent(P, &exp10, &big, &big_digits, &big_len))
        return NULL;
    if (is_name_char(*P->p) || *P->p == '.')
        return fail_at(P, P->p, "malformed number: unexpected '%c' after \"%.*s\"", *P->p,
                       (int)(P->p - start), start);

    /* The mantissa's digits without the point; fewer than the input length. */
    char *digits = flint_malloc(ndigits + nfrac + 1);
    size_t k = 0;
    for (const char *s = start; k < ndigits + nfrac; s++)
        if (is_digit(*s))
            digits[k++] = *s;
    digits[k] = '\0';

    ng_expr *e = _ng_expr_new(NG_EXPR_NUM);
    set_decimal(e->exact, digits, big ? -(slong)nfrac : exp10 - (slong)nfrac);
    flint_free(digits);
    if (big && !fmpq_is_zero(e->exact)) {
        e->exact_state = NG_EXACT_DONE;
        e->rational = T_TRUE;
        e->rational_final = 1;
        return big_decimal(e, big, big_digits, big_len);
    }
    e->exact_state = NG_EXACT_DONE;
    e->rational = T_TRUE;
    e->rational_final = 1;
    e->name = flint_malloc((size_t)(P->p - start) + 1);
    memcpy(e->name, start, (size_t)(P->p - start));
    e->name[P->p - start] = '\0';
    return e;
}

static ng_expr *parse_call(parser *P, ng_expr_func f, const char *name_start)
{
    P->p++; /* '(' */
    ng_expr *a = parse_sum(P);
    if (a == NULL)
        return NULL;
    skip_space(P);
    if (*P->p == ',') {
        ng_expr_free(a);
        return fail_at(P, P->p, "%s takes one argument", _ng_expr_func_name(f));
    }
    if (*P->p != ')') {
        char seen[32];
        describe_at(seen, sizeof seen, P->p);
        ng_expr_free(a);
        return fail_at(P, P->p, "expected ')' to close %s( at column %ld, found %s",
                       _ng_expr_func_name(f), column_of(P, name_start), seen);
    }
    P->p++;
    ng_expr *e = _ng_expr_new(NG_EXPR_CALL);
    e->func = f;
    e->arg[0] = a;
    e->closed = a->closed;
    return e;
}

/* nan, inf and infinity (any case, as strtod spells them) look like free
 * names but are what a user types for a non-number: refused, not taken as
 * symbols. */
static int is_not_a_real_number(const char *name, size_t len)
{
    static const char *const spellings[] = {"nan", "inf", "infinity"};
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        size_t j = 0;
        if (strlen(spellings[i]) != len)
            continue;
        while (j < len && (name[j] | 0x20) == spellings[i][j])
            j++;
        if (j == len)
            return 1;
    }
    return 0;
}

static ng_expr *parse_name(parser *P)
{
    const char *start = P->p;
    while (is_name_char(*P->p))
        P->p++;
    size_t len = (size_t)(P->p - start);
    const char *after = P->p;
    ng_expr_func f;
    int is_func = _ng_expr_func_lookup(&f, start, len);

    skip_space(P);
    if (*P->p == '(') {
        if (!is_func)
            return fail_at(P, start,
                           "unknown function '%.*s' (known: sqrt exp log sin cos tan "
                           "tanh atanh)",
                           (int)FLINT_MIN(len, 64), start);
        return parse_call(P, f, start);
    }
    if (is_func) {
        char seen[32];
        describe_at(seen, sizeof seen, P->p);
        return fail_at(P, P->p, "expected '(' after the function name '%s', found %s",
                       _ng_expr_func_name(f), seen);
    }
    P->p = after;
    if (is_not_a_real_number(start, len))
        return fail_at(P, start,
                       "'%.*s' is not a real number (NaN and infinities are not "
                       "parameter values; give a finite number or a free name)",
                       (int)len, start);
    if (len == 2 && memcmp(start, "pi", 2) == 0)
        return _ng_expr_new(NG_EXPR_PI);
    ng_expr *e = _ng_expr_new(NG_EXPR_NAME);
    e->name = flint_malloc(len + 1);
    memcpy(e->name, start, len);
    e->name[len] = '\0';
    return e;
}

static ng_expr *parse_primary(parser *P)
{
    skip_space(P);
    char c = *P->p;
    if (is_digit(c) || c == '.')
        return parse_number(P);
    if (is_name_start(c))
        return parse_name(P);
    if (c == '(') {
        const char *open = P->p++;
        ng_expr *e = parse_sum(P);
        if (e == NULL)
            return NULL;
        skip_space(P);
        if (*P->p != ')') {
            char seen[32];
            describe_at(seen, sizeof seen, P->p);
            ng_expr_free(e);
            return fail_at(P, P->p,
                           "expected ')' to close the '(' at column %ld, found %s",
                           column_of(P, open), seen);
        }
        P->p++;
        return e;
    }
    if (c == '\0')
        return fail_at(P, P->p, "expected a number, a name or '(' but the input ended");
    char seen[32];
    describe_at(seen, sizeof seen, P->p);
    return fail_at(P, P->p, "expected a number, a name or '(', found %s", seen);
}

static ng_expr *combine(ng_expr_kind kind, ng_expr *a, ng_expr *b)
{
    ng_expr *e = _ng_expr_new(kind);
    e->arg[0] = a;
    e->arg[1] = b;
    e->closed = a->closed && (b == NULL || b->closed);
    return e;
}

static ng_expr *parse_power(parser *P)
{
    ng_expr *base = parse_primary(P);
    if (base == NULL)
        return NULL;
    skip_space(P);
    if (*P->p != '^')
        return base;
    P->p++;
    /* The exponent is a unary: 2^-1 is 1/2, and 2^3^2 = 2^(3^2). */
    ng_expr *exponent = parse_unary(P);
    if (exponent == NULL) {
        ng_expr_free(base);
        return NULL;
    }
    return combine(NG_EXPR_POW, base, exponent);
}

/* Every way into deeper nesting ('(', a function's argument, a sign, an
 * exponent) passes here, so this one counter bounds the recursion. */
static ng_expr *parse_unary(parser *P)
{
    ng_expr *e;
    skip_space(P);
    if (++P->depth > NG_EXPR_MAX_DEPTH) {
        e = fail_at(P, P->p, "nesting deeper than %d levels", NG_EXPR_MAX_DEPTH);
    } else if (*P->p == '-') {
        P->p++;
        ng_expr *a = parse_unary(P);
        e = a ? combine(NG_EXPR_NEG, a, NULL) : NULL;
    } else {
        e = parse_power(P);
    }
    P->depth--;
    return e;
}

static ng_expr *parse_product(parser *P)
{
    ng_expr *e = parse_unary(P);
    while (e != NULL) {
        skip_space(P);
        char op = *P->p;
        if (op != '*' && op != '/')
            break;
        P->p++;
        ng_expr *b = parse_unary(P);
        if (b == NULL) {
            ng_expr_free(e);
            return NULL;
        }
        e = combine(op == '*' ? NG_EXPR_MUL : NG_EXPR_DIV, e, b);
    }
    return e;
}

static ng_expr *parse_sum(parser *P)
{
    ng_expr *e = parse_product(P);
    while (e != NULL) {
        skip_space(P);
        char op = *P->p;
        if (op != '+' && op != '-')
            break;
        P->p++;
        ng_expr *b = parse_product(P);
        if (b == NULL) {
            ng_expr_free(e);
            return NULL;
        }
        e = combine(op == '+' ? NG_EXPR_ADD : NG_EXPR_SUB, e, b);
    }
    return e;
}

/* The input without surrounding white space, as the root's text. */
static char *trimmed_copy(const char *s, size_t len)
{
    while (len > 0 && is_space(*s)) {
        s++;
        len--;
    }
    while (len > 0 && is_space(s[len - 1]))
        len--;
    char *t = flint_malloc(len + 1);
    memcpy(t, s, len);
    t[len] = '\0';
    return t;
}

ng_status ng_expr_parse(ng_expr **e, const char *text, const char *what)
{
    parser P;
    *e = NULL;
    if (text == NULL)
        return _ng_expr_error(NG_EINPUT, what, "no expression given");

    memset(&P, 0, sizeof P);
    P.text = P.p = text;
    P.what = what;
    /* Bounded scan: a runaway string is refused without reading all of it. */
    while (P.len <= NG_EXPR_MAX_LENGTH && text[P.len] != '\0')
        P.len++;
    if (P.len > NG_EXPR_MAX_LENGTH)
        return _ng_expr_error(NG_EINPUT, what,
                              "column %d: expression longer than %d characters",
                              NG_EXPR_MAX_LENGTH + 1, NG_EXPR_MAX_LENGTH);

    skip_space(&P);
    if (*P.p == '\0') {
        fail_at(&P, P.p, "empty expression: expected a number, a name or '('");
        return NG_EINPUT;
    }
    ng_expr *root = parse_sum(&P);
    if (root != NULL) {
        skip_space(&P);
        if (*P.p != '\0') {
            char seen[32];
            describe_at(seen, sizeof seen, P.p);
            if (*P.p == ')')
                fail_at(&P, P.p, "unmatched ')'");
            else
                fail_at(&P, P.p, "expected an operator or the end of the input, found %s",
                        seen);
            ng_expr_free(root);
            root = NULL;
        }
    }
    if (root == NULL)
        return NG_EINPUT;

    flint_free(root->text);
    root->text = trimmed_copy(text, P.len);
    if (what != NULL)
        root->what = _ng_strdup(what);
    *e = root;
    return NG_OK;
}

/* A plain decimal number, as JSON writes one: no length limit beyond the
 * caller's (a model file is capped), so a 5000-digit integer is read
 * exactly; the exponent limit still holds. */
ng_status ng_expr_parse_number(ng_expr **e, const char *text, const char *what)
{
    parser P;
    int negative;
    ng_expr *root;
    *e = NULL;
    if (text == NULL)
        return _ng_expr_error(NG_EINPUT, what, "no number given");
    memset(&P, 0, sizeof P);
    P.text = P.p = text;
    P.len = strlen(text);
    P.what = what;
    negative = *P.p == '-';
    P.p += negative;
    if (!is_digit(*P.p) && *P.p != '.') {
        fail_at(&P, P.p, "expected a number");
        return NG_EINPUT;
    }
    root = parse_number(&P);
    if (root != NULL && *P.p != '\0') {
        fail_at(&P, P.p, "expected the end of the number");
        ng_expr_free(root);
        root = NULL;
    }
    if (root == NULL)
        return NG_EINPUT;
    if (negative)
        root = ng_expr_neg(root);
    flint_free(root->text);
    root->text = _ng_strdup(text);
    if (what != NULL)
        root->what = _ng_strdup(what);
    *e = root;
    return NG_OK;
}
