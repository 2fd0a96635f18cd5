/* LaTeX forms of elements: our own writer, so that parameter names come out
 * in the paper's notation (alpha_xx → \alpha_{xx}, tL → t_{L}, u_theta →
 * u_{\theta}) and rational functions as \frac{…}{…}. */
#include <ctype.h>
#include <string.h>

#include "ring_internal.h"

typedef _ng_sbuf sbuf;
#define put _ng_sbuf_put

static int is_greek(const char *s, size_t n)
{
    static const char *const greek[] = {"alpha", "beta",  "gamma", "delta", "Delta",
                                        "epsilon", "theta", "Theta", "lambda", "mu",
                                        "nu",    "phi",   "Phi",   "psi",   "omega",
                                        "Gamma", "kappa", "sigma", "tau",   NULL};
    for (int i = 0; greek[i] != NULL; i++)
        if (strlen(greek[i]) == n && strncmp(s, greek[i], n) == 0)
            return 1;
    return 0;
}

/* One word: a Greek letter, "Ybar", a single letter, or a letter followed by
 * a subscript in capitals/digits (tL, t1, cR, Jx); else \mathrm{word}.  The
 * subscript, if any, is written to sub. */
static void put_word(sbuf *b, const char *w, size_t n, sbuf *sub)
{
    char tmp[128];
    if (n >= sizeof tmp - 16)
        n = sizeof tmp - 16;
    if (is_greek(w, n)) {
        snprintf(tmp, sizeof tmp, "\\%.*s", (int)n, w);
        put(b, tmp);
    } else if (n >= 4 && strncmp(w, "Ybar", 4) == 0) {
        put(b, "\\bar{Y}");
        snprintf(tmp, sizeof tmp, "%.*s", (int)(n - 4), w + 4);
        put(sub, tmp);
    } else if (n == 1 || (isalpha((unsigned char)w[0]) && n <= 3)) {
        snprintf(tmp, sizeof tmp, "%c", w[0]);
        put(b, tmp);
        snprintf(tmp, sizeof tmp, "%.*s", (int)(n - 1), w + 1);
        put(sub, tmp);
    } else {
        snprintf(tmp, sizeof tmp, "\\mathrm{%.*s}", (int)n, w);
        put(b, tmp);
    }
}

static void put_name(sbuf *b, const char *name)
{
    const char *us = strchr(name, '_');
    size_t n = us ? (size_t)(us - name) : strlen(name);
    sbuf sub = {NULL, 0};
    put(&sub, "");
    put_word(b, name, n, &sub);
    if (us != NULL) {
        const char *rest = us + 1;
        if (sub.len > 0)
            put(&sub, ",");
        if (is_greek(rest, strlen(rest)))
            put(&sub, "\\");
        put(&sub, rest);
    }
    if (sub.len > 0) {
        put(b, "_{");
        put(b, sub.s);
        put(b, "}");
    }
    flint_free(sub.s);
}

static void put_fmpz(sbuf *b, const fmpz_t c)
{
    char *s = fmpz_get_str(NULL, 10, c);
    put(b, s);
    flint_free(s);
}

/* Σ c m in the style "2 a + b" (signs between terms, "-" first if needed). */
static void put_poly(sbuf *b, const fmpz_mpoly_t p, const ng_ring_t R)
{
    slong nvars = fmpz_mpoly_ctx_nvars(R->mctx);
    ulong *exp = flint_malloc(sizeof(ulong) * nvars);
    fmpz_t c;
    fmpz_init(c);
    if (fmpz_mpoly_is_zero(p, R->mctx))
        put(b, "0");
    for (slong i = 0; i < fmpz_mpoly_length(p, R->mctx); i++) {
        int constant = 1, first_factor = 1;
        fmpz_mpoly_get_term_coeff_fmpz(c, p, i, R->mctx);
        fmpz_mpoly_get_term_exp_ui(exp, p, i, R->mctx);
        for (slong v = 0; v < R->nvars; v++)
            constant &= exp[v] == 0;
        put(b, fmpz_sgn(c) < 0 ? (i == 0 ? "-" : " - ") : (i == 0 ? "" : " + "));
        fmpz_abs(c, c);
        if (!fmpz_is_one(c) || constant) {
            put_fmpz(b, c);
            first_factor = 0;
        }
        for (slong v = 0; v < R->nvars; v++) {
            char e[32];
            if (exp[v] == 0)
                continue;
            if (!first_factor)
                put(b, " ");
            put_name(b, R->names[v]);
            if (exp[v] > 1) {
                snprintf(e, sizeof e, "^{%lu}", (unsigned long)exp[v]);
                put(b, e);
            }
            first_factor = 0;
        }
    }
    fmpz_clear(c);
    flint_free(exp);
}

static void put_fmpq(sbuf *b, const fmpq_t q)
{
    if (fmpz_is_one(fmpq_denref(q))) {
        put_fmpz(b, fmpq_numref(q));
        return;
    }
    put(b, fmpq_sgn(q) < 0 ? "-\\frac{" : "\\frac{");
    fmpz_t a;
    fmpz_init(a);
    fmpz_abs(a, fmpq_numref(q));
    put_fmpz(b, a);
    put(b, "}{");
    put_fmpz(b, fmpq_denref(q));
    put(b, "}");
    fmpz_clear(a);
}

static void put_params(sbuf *b, const fmpz_mpoly_q_struct *f, const ng_ring_t R)
{
    const fmpz_mpoly_struct *num = fmpz_mpoly_q_numref(f), *den = fmpz_mpoly_q_denref(f);
    if (fmpz_mpoly_is_one(den, R->mctx)) {
        put_poly(b, num, R);
        return;
    }
    /* a negative single term goes in front: -\frac{t_{1}}{4} */
    if (fmpz_mpoly_length(num, R->mctx) == 1 && fmpz_sgn(num->coeffs) < 0) {
        fmpz_mpoly_t m;
        fmpz_mpoly_init(m, R->mctx);
        fmpz_mpoly_neg(m, num, R->mctx);
        put(b, "-\\frac{");
        put_poly(b, m, R);
        fmpz_mpoly_clear(m, R->mctx);
    } else {
        put(b, "\\frac{");
        put_poly(b, num, R);
    }
    put(b, "}{");
    put_poly(b, den, R);
    put(b, "}");
}

/* "1.5e-20" → "1.5 \cdot 10^{-20}" */
static void put_decimal(sbuf *b, const char *s)
{
    const char *e = strchr(s, 'e');
    char tmp[64];
    if (e == NULL) {
        put(b, s);
        return;
    }
    snprintf(tmp, sizeof tmp, "%.*s \\cdot 10^{%d}", (int)(e - s), s, atoi(e + 1));
    put(b, tmp);
}

char *ng_elem_get_latex(ng_srcptr x, slong digits, const ng_ring_t R)
{
    sbuf b = {NULL, 0};
    put(&b, "");
    if (R->kind == NG_QQ) {
        put_fmpq(&b, (const fmpq *)x);
    } else if (R->kind == NG_QQ_PARAMS) {
        put_params(&b, (const fmpz_mpoly_q_struct *)x, R);
    } else {
        char *mid, *rad;
        ng_elem_get_mid_rad(&mid, &rad, x, digits, R);
        put_decimal(&b, mid);
        if (strcmp(rad, "0") != 0) {
            put(&b, " \\pm ");
            put_decimal(&b, rad);
        }
        flint_free(mid);
        flint_free(rad);
    }
    return b.s;
}

int ng_elem_is_sum(ng_srcptr x, const ng_ring_t R)
{
    const fmpz_mpoly_q_struct *f = x;
    return R->kind == NG_QQ_PARAMS && fmpz_mpoly_is_one(fmpz_mpoly_q_denref(f), R->mctx) &&
           fmpz_mpoly_length(fmpz_mpoly_q_numref(f), R->mctx) > 1;
}
