/* Text of an expression: the parsed text, or for composites a synthesised one
 * with only the parentheses the grammar needs ("cos(theta)^2",
 * "-cos(theta)*tL"); and the excerpts and prefixes of error messages. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr_internal.h"

typedef struct {
    char *s;
    size_t len, alloc;
} strbuf;

static void sb_append(strbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->alloc) {
        b->alloc = FLINT_MAX(2 * b->alloc, b->len + n + 1);
        b->s = flint_realloc(b->s, b->alloc);
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

/* Binding strength, as in the grammar: sums < products < negation < powers
 * < atoms.  A built rational p/q binds like a quotient, -p like a negation. */
static int precedence(const ng_expr *e)
{
    switch (e->kind) {
    case NG_EXPR_ADD:
    case NG_EXPR_SUB:
        return 1;
    case NG_EXPR_MUL:
    case NG_EXPR_DIV:
        return 2;
    case NG_EXPR_NEG:
        return 3;
    case NG_EXPR_POW:
        return 4;
    case NG_EXPR_NUM:
        if (e->name != NULL)
            return 5;
        if (fmpq_sgn(e->exact) < 0)
            return 3;
        return fmpz_is_one(fmpq_denref(e->exact)) ? 5 : 2;
    default:
        return 5;
    }
}

static int starts_with_minus(const ng_expr *e)
{
    return e->kind == NG_EXPR_NEG ||
           (e->kind == NG_EXPR_NUM && e->name == NULL && fmpq_sgn(e->exact) < 0);
}

/* Does child c of parent p need parentheses?  Where the grammar would
 * regroup but the value is the same ((-a)*b = -(a*b), a*(b/c) = a*b/c), none
 * are written; a leading minus inside an operand is always parenthesised,
 * which reads better than "a*-b". */
static int needs_parens(const ng_expr *p, const ng_expr *c, int right)
{
    int pc = precedence(c);
    switch (p->kind) {
    case NG_EXPR_ADD:
        return right && starts_with_minus(c);
    case NG_EXPR_SUB:
        return right && (pc <= 1 || starts_with_minus(c));
    case NG_EXPR_MUL:
        return pc < 2 || (right && starts_with_minus(c));
    case NG_EXPR_DIV:
        return right ? (pc <= 2 || starts_with_minus(c)) : pc < 2;
    case NG_EXPR_POW:
        return right ? (pc < 4 || starts_with_minus(c)) : pc < 5;
    case NG_EXPR_NEG:
        return pc <= 1 || starts_with_minus(c);
    default:
        return 0;
    }
}

static void write_expr(strbuf *b, const ng_expr *e);

static void write_operand(strbuf *b, const ng_expr *p, const ng_expr *c, int right)
{
    int paren = needs_parens(p, c, right);
    if (paren)
        sb_append(b, "(");
    write_expr(b, c);
    if (paren)
        sb_append(b, ")");
}

static void write_number(strbuf *b, const ng_expr *e)
{
    if (e->name != NULL) {
        sb_append(b, e->name);
        return;
    }
    char *s = fmpq_get_str(NULL, 10, e->exact);
    sb_append(b, s);
    flint_free(s);
}

static void write_expr(strbuf *b, const ng_expr *e)
{
    static const char *const ops[] = {[NG_EXPR_ADD] = " + ",
                                      [NG_EXPR_SUB] = " - ",
                                      [NG_EXPR_MUL] = "*",
                                      [NG_EXPR_DIV] = "/",
                                      [NG_EXPR_POW] = "^"};

    if (e->text != NULL) {
        sb_append(b, e->text);
        return;
    }
    switch (e->kind) {
    case NG_EXPR_NUM:
        write_number(b, e);
        break;
    case NG_EXPR_NAME:
        sb_append(b, e->name);
        break;
    case NG_EXPR_PI:
        sb_append(b, "pi");
        break;
    case NG_EXPR_NEG:
        sb_append(b, "-");
        write_operand(b, e, e->arg[0], 0);
        break;
    case NG_EXPR_CALL:
        sb_append(b, _ng_expr_func_name(e->func));
        sb_append(b, "(");
        write_expr(b, e->arg[0]);
        sb_append(b, ")");
        break;
    default:
        write_operand(b, e, e->arg[0], 0);
        sb_append(b, ops[e->kind]);
        write_operand(b, e, e->arg[1], 1);
        break;
    }
}

const char *ng_expr_text(const ng_expr *e)
{
    if (e == NULL)
        return "";
    if (e->text == NULL) {
        strbuf b = {NULL, 0, 0};
        sb_append(&b, "");
        write_expr(&b, e);
        /* A cache: the text is a function of the (immutable) tree. */
        ((ng_expr *)e)->text = b.s;
    }
    return e->text;
}

void _ng_expr_quote_bytes(char *buf, size_t size, const char *s, size_t len)
{
    enum { MAX_SHOWN = 60 };
    size_t j = 0;
    /* Room for one escape (4), the ellipsis (3) and the NUL. */
    for (size_t i = 0; i < len && i < MAX_SHOWN && j + 8 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            buf[j++] = (char)c;
        else
            j += (size_t)snprintf(buf + j, size - j, "\\x%02X", c);
    }
    if (len > MAX_SHOWN && j + 4 <= size) {
        memcpy(buf + j, "...", 3);
        j += 3;
    }
    buf[j] = '\0';
}

void _ng_expr_excerpt(char *buf, size_t size, const ng_expr *e)
{
    const char *t = ng_expr_text(e);
    _ng_expr_quote_bytes(buf, size, t, strlen(t));
}

ng_status _ng_expr_error(ng_status code, const char *what, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (what != NULL)
        return ng_error(code, "%s: %s", what, msg);
    return ng_error(code, "%s", msg);
}

ng_step _ng_expr_fail_undefined(const char *what, const ng_expr *e, const char *why)
{
    char t[128];
    _ng_expr_excerpt(t, sizeof t, e);
    _ng_expr_error(NG_EINPUT, what, "%s is undefined: %s", t, why);
    return NG_STEP_UNDEFINED;
}

ng_step _ng_expr_fail_div_zero(const char *what, const ng_expr *e, const ng_expr *divisor)
{
    char t[128], d[128];
    _ng_expr_excerpt(t, sizeof t, e);
    _ng_expr_excerpt(d, sizeof d, divisor);
    if (divisor->kind == NG_EXPR_NUM) /* "1/0": saying "0 is 0" adds nothing */
        _ng_expr_error(NG_EINPUT, what, "%s divides by zero", t);
    else
        _ng_expr_error(NG_EINPUT, what, "%s divides by zero: %s is 0", t, d);
    return NG_STEP_UNDEFINED;
}

ng_step _ng_expr_fail_undecided(const char *what, const ng_expr *e, const char *condition)
{
    char t[128];
    _ng_expr_excerpt(t, sizeof t, e);
    _ng_expr_error(NG_ECOMPUTE, what, "cannot decide whether %s in %s", condition, t);
    return NG_STEP_GIVE_UP;
}
