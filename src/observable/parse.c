/* Parsing an observable as nessgen writes operators (ng_op_get_str):
 *   term {(+|-) term},  term = [i*] [coefficient *] string,
 *   string = factor {' ' factor},  factor = X<site> | Y<site> | Z<site> | I,
 * the coefficient a parameter expression (parenthesised where it holds + or −,
 * as the writer prints it).  Hermitian means real coefficients: i* terms
 * must cancel exactly. */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "nessgen/observable.h"

void ng_observable_init(ng_observable_t O)
{
    memset(O, 0, sizeof(ng_observable_struct));
}

void ng_observable_clear(ng_observable_t O)
{
    for (slong j = 0; j < O->len; j++)
        ng_expr_free(O->coef[j]);
    flint_free(O->coef);
    flint_free(O->s);
    flint_free(O->text);
    ng_observable_init(O);
}

/* One term as read: its string, i-phase and coefficient (NULL: 1). */
typedef struct {
    ng_string s;
    int im, negative;
    ng_expr *coef;
} raw_term;

static ng_status fail(const char *what, const char *text, const char *p, const char *fmt,
                      ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ng_error(NG_EINPUT, "%s '%s': column %d: %s", what, text, (int)(p - text) + 1,
                    msg);
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Length of a factor (X3, Y12, Z1, I) at p, or 0. */
static int factor_length(const char *p)
{
    int n = 1;
    if (*p == 'I')
        return isalnum((unsigned char)p[1]) || p[1] == '_' ? 0 : 1;
    if (*p != 'X' && *p != 'Y' && *p != 'Z')
        return 0;
    while (isdigit((unsigned char)p[n]))
        n++;
    return n > 1 && !isalpha((unsigned char)p[n]) && p[n] != '_' ? n : 0;
}

/* The '*' ending the coefficient of the term starting at p: the first one
 * at depth 0 followed by a factor; NULL if the term has no coefficient.
 * *end receives where the scan stopped (a top-level sign or the end). */
static const char *coefficient_star(const char *p)
{
    int depth = 0;
    for (const char *q = p; *q != '\0'; q++) {
        if (*q == '(')
            depth++;
        else if (*q == ')')
            depth--;
        else if (*q == '*' && depth == 0 && factor_length(skip_space(q + 1)) > 0)
            return q;
    }
    return NULL;
}

static ng_status read_string(raw_term *t, const char **pp, const char *what,
                             const char *text)
{
    const char *p = *pp;
    int n, nfactors = 0;
    t->s.x = t->s.z = 0;
    while ((n = factor_length(p)) > 0) {
        if (*p != 'I') {
            int site = 0, letter = *p == 'X' ? NG_SX : *p == 'Y' ? NG_SY : NG_SZ;
            for (int k = 1; k < n; k++) {
                site = 10 * site + (p[k] - '0');
                if (site > NG_MAX_SITES)
                    break;
            }
            if (site < 1 || site > NG_MAX_SITES)
                return fail(what, text, p, "site %.*s outside 1..%d", n - 1, p + 1,
                            NG_MAX_SITES);
            if (ng_string_get_letter(t->s, site - 1) != NG_S0)
                return fail(what, text, p, "site %d named twice in one string", site);
            ng_string_set_letter(&t->s, site - 1, letter);
        }
        nfactors++;
        p = skip_space(p + n);
    }
    if (nfactors == 0)
        return fail(what, text, p,
                    "expected a Pauli string such as X1 Z3 (letters X, Y, Z "
                    "with a site, or I)");
    *pp = p;
    return NG_OK;
}

static ng_status read_term(raw_term *t, const char **pp, const char *what,
                           const char *text)
{
    const char *p = skip_space(*pp), *star;
    t->coef = NULL;
    t->im = 0;
    if (strncmp(p, "i*", 2) == 0) {
        t->im = 1;
        p = skip_space(p + 2);
    }
    star = factor_length(p) > 0 ? NULL : coefficient_star(p);
    if (star != NULL) {
        size_t n = (size_t)(star - p);
        char *c = flint_malloc(n + 1);
        ng_status st;
        memcpy(c, p, n);
        c[n] = '\0';
        st = ng_expr_parse(&t->coef, c, what);
        flint_free(c);
        if (st != NG_OK)
            return ng_error(NG_EINPUT, "%s '%s': coefficient at column %d: %s", what,
                            text, (int)(p - text) + 1, ng_error_message());
        p = skip_space(star + 1);
    }
    *pp = p;
    return read_string(t, pp, what, text);
}

/* c (or 1) with the term's sign, as an expression. */
static ng_expr *signed_coefficient(raw_term *t)
{
    ng_expr *c = t->coef != NULL ? t->coef : ng_expr_rational(1, 1);
    t->coef = NULL;
    return t->negative ? ng_expr_neg(c) : c;
}

/* Collects terms with equal string and phase: coefficient expressions added. */
static void collect(ng_string **s, int **im, ng_expr ***c, slong *len, raw_term *t)
{
    for (slong j = 0; j < *len; j++)
        if (ng_string_equal((*s)[j], t->s) && (*im)[j] == t->im) {
            (*c)[j] = ng_expr_binary('+', (*c)[j], signed_coefficient(t));
            return;
        }
    *s = flint_realloc(*s, (*len + 1) * sizeof(ng_string));
    *im = flint_realloc(*im, (*len + 1) * sizeof(int));
    *c = flint_realloc(*c, (*len + 1) * sizeof(ng_expr *));
    (*s)[*len] = t->s;
    (*im)[*len] = t->im;
    (*c)[*len] = signed_coefficient(t);
    (*len)++;
}

/* A real coefficient: rational, real, or a real rational function of free
 * names (symbolic; "i" is refused: an imaginary unit is the prefix i*). */
static ng_status check_real(const ng_expr *c, const char *what, const char *text)
{
    char **names = NULL;
    slong n = 0;
    int has_i = 0;
    ng_expr_domain d;
    ng_status st = ng_expr_classify(&d, c);
    if (st == NG_ECOMPUTE) { /* undecided rationality: still a real number (balls) */
        ng_error_clear();
        return NG_OK;
    }
    if (st != NG_OK)
        return ng_error(NG_EINPUT, "%s '%s': coefficient %s: %s", what, text,
                        ng_expr_text(c), ng_error_message());
    if (d != NG_EXPR_SYMBOLIC)
        return NG_OK;
    st = ng_expr_symbols(&names, &n, c);
    for (slong k = 0; k < n; k++) {
        has_i |= strcmp(names[k], "i") == 0;
        flint_free(names[k]);
    }
    flint_free(names);
    if (st != NG_OK)
        return ng_error(NG_EINPUT, "%s '%s': coefficient %s: %s", what, text,
                        ng_expr_text(c), ng_error_message());
    if (has_i)
        return ng_error(NG_EINPUT,
                        "%s '%s': coefficient %s names i; coefficients are real "
                        "(write an imaginary unit as the prefix i*, e.g. "
                        "i*X1 Y2 - i*Y2 X1)",
                        what, text, ng_expr_text(c));
    return NG_OK;
}

/* i*c P terms are anti-Hermitian: Hermitian only if c = 0 exactly. */
static ng_status check_cancels(const ng_expr *c, ng_string s, const char *what,
                               const char *text)
{
    ng_expr_domain d;
    fmpq_t q;
    int zero = 0;
    fmpq_init(q);
    if (ng_expr_classify(&d, c) == NG_OK && d == NG_EXPR_RATIONAL &&
        ng_expr_get_fmpq(q, c) == NG_OK)
        zero = fmpq_is_zero(q);
    ng_error_clear();
    fmpq_clear(q);
    if (zero)
        return NG_OK;
    {
        ng_op_t A;
        ng_ring_t Q;
        char *str;
        ng_status st;
        ng_ring_init_qq(Q);
        ng_op_init(A, NG_MAX_SITES, NG_PAULI, Q);
        ng_op_push_si(A, s, 0, 1, Q);
        str = ng_op_get_str(A, 0, Q);
        st = ng_error(NG_EINPUT,
                      "%s '%s' is not Hermitian: the imaginary coefficient of %s "
                      "is %s, expected 0 (coefficients must be real)",
                      what, text, str, ng_expr_text(c));
        flint_free(str);
        ng_op_clear(A, Q);
        ng_ring_clear(Q);
        return st;
    }
}

ng_status ng_observable_parse(ng_observable_t O, const char *text, const char *what)
{
    const char *p = text;
    ng_string *s = NULL;
    int *im = NULL, first = 1;
    ng_expr **c = NULL;
    slong len = 0;
    ng_status st = NG_OK;

    ng_observable_clear(O);
    if (strlen(text) > 4096)
        return ng_error(NG_EINPUT, "%s: longer than 4096 characters", what);
    while (st == NG_OK) {
        raw_term t = {{0, 0}, 0, 0, NULL};
        p = skip_space(p);
        if (*p == '\0') {
            if (first)
                st = ng_error(NG_EINPUT,
                              "%s: empty; expected a sum of Pauli strings such as "
                              "'X1 X3' or 'X1 Y2 - Y1 X2'",
                              what);
            break;
        }
        if (*p == '+' || *p == '-') {
            t.negative = *p == '-';
            p++;
        } else if (!first) {
            st = fail(what, text, p, "expected + or - between terms");
            break;
        }
        st = read_term(&t, &p, what, text);
        if (st == NG_OK)
            collect(&s, &im, &c, &len, &t);
        ng_expr_free(t.coef);
        first = 0;
    }
    for (slong j = 0; j < len && st == NG_OK; j++)
        st = im[j] ? check_cancels(c[j], s[j], what, text) : check_real(c[j], what, text);
    if (st == NG_OK) {
        O->text = flint_malloc(strlen(text) + 1);
        strcpy(O->text, text);
        O->s = flint_malloc(FLINT_MAX(len, 1) * sizeof(ng_string));
        O->coef = flint_malloc(FLINT_MAX(len, 1) * sizeof(ng_expr *));
        for (slong j = 0; j < len; j++) {
            if (im[j]) {
                ng_expr_free(c[j]);
                continue;
            }
            O->s[O->len] = s[j];
            O->coef[O->len++] = c[j];
            {
                ng_expr_domain d;
                if (ng_expr_classify(&d, c[j]) == NG_OK && d == NG_EXPR_SYMBOLIC)
                    O->symbolic = 1;
                ng_error_clear();
            }
            for (int l = 0; l < NG_MAX_SITES; l++)
                if ((ng_string_support(s[j]) >> l) & 1)
                    O->max_site = FLINT_MAX(O->max_site, l + 1);
        }
    } else {
        for (slong j = 0; j < len; j++)
            ng_expr_free(c[j]);
    }
    flint_free(s);
    flint_free(im);
    flint_free(c);
    return st;
}

ng_status ng_observable_symbols(char ***names, slong *n, const ng_observable_t O)
{
    ng_status st = NG_OK;
    for (slong j = 0; j < O->len && st == NG_OK; j++)
        st = ng_expr_symbols(names, n, O->coef[j]);
    return st;
}

ng_status ng_observable_check_sites(const ng_observable_t O, int N, const char *what)
{
    if (O->max_site > N)
        return ng_error(NG_EINPUT, "%s '%s': site %d outside 1..%d (N = %d)", what,
                        O->text, O->max_site, N, N);
    return NG_OK;
}

ng_status ng_observable_op(ng_op_t A, const ng_observable_t O, int N, const ng_ring_t R)
{
    ng_ptr c = ng_elem_new(R);
    ng_status st = NG_OK;
    ng_op_zero(A, R);
    A->nsites = N;
    A->basis = NG_PAULI;
    for (slong j = 0; j < O->len && st == NG_OK; j++) {
        st = ng_expr_eval(c, O->coef[j], R);
        if (st == NG_OK)
            ng_op_push(A, O->s[j], 0, c, R);
    }
    ng_op_canonicalise(A, R);
    ng_elem_free(c, R);
    return st;
}
