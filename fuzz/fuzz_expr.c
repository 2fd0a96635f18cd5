/* libFuzzer target: arbitrary bytes as a parameter expression.  Whatever
 * parses is classified, evaluated as a ball and as an exact rational, its
 * symbols collected and, when symbolic, evaluated as a rational function;
 * a composite built from it is printed and re-parsed.  Nothing may crash,
 * leak or trip a sanitizer, and undefined must mean undefined everywhere. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/expr.h"

static void evaluate_symbolic(const ng_expr *e)
{
    char **names = NULL;
    slong n = 0;
    if (ng_expr_symbols(&names, &n, e) == NG_OK) {
        ng_ring_t R;
        ng_ring_init_params(R, (const char *const *)names, n);
        ng_ptr x = ng_elem_new(R);
        ng_expr_eval(x, e, R);
        ng_elem_free(x, R);
        ng_ring_clear(R);
    }
    for (slong i = 0; i < n; i++)
        flint_free(names[i]);
    flint_free(names);
}

/* The printer's output for a composite must be accepted by the parser,
 * unless the composite outgrows the input limits. */
static void reprint(const ng_expr *e, size_t size)
{
    ng_expr *c =
        ng_expr_binary('^', ng_expr_neg(ng_expr_copy(e)), ng_expr_rational(-3, 2));
    ng_expr *r;
    ng_status s = ng_expr_parse(&r, ng_expr_text(c), NULL);
    if (s != NG_OK && size < 2000 && strstr(ng_error_message(), "deeper") == NULL)
        abort();
    ng_expr_free(r);
    ng_expr_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_expr *e;
    char *text;
    if (size > 8192) /* past the parser's limit already; keep copies cheap */
        return 0;
    text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    if (ng_expr_parse(&e, text, "--fuzz") == NG_OK) {
        ng_expr_domain d;
        ng_ring_t B, Q;
        ng_ring_init_ball(B, 64);
        ng_ring_init_qq(Q);
        ng_ptr x = ng_elem_new(B), q = ng_elem_new(Q);
        ng_status sc = ng_expr_classify(&d, e);
        ng_status sb = ng_expr_eval(x, e, B);
        ng_status sq = ng_expr_eval(q, e, Q);
        /* A value proved undefined cannot be evaluated another way. */
        if (sc == NG_EINPUT && (sb == NG_OK || sq == NG_OK))
            abort();
        /* A proved rational is an exact point of the ball ring. */
        if (sc == NG_OK && d == NG_EXPR_RATIONAL &&
            (sq != NG_OK || sb != NG_OK || !ng_elem_contains_fmpq(x, q, B)))
            abort();
        if (sc == NG_OK && d == NG_EXPR_SYMBOLIC)
            evaluate_symbolic(e);
        reprint(e, size);
        ng_elem_free(x, B);
        ng_elem_free(q, Q);
        ng_ring_clear(B);
        ng_ring_clear(Q);
        ng_expr_free(e);
    }
    free(text);
    return 0;
}
