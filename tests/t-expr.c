/* Parameter expressions (src/expr).  Second routes: a reference evaluator
 * over fmpq for random rational trees, Arb at four times the precision for
 * random real trees, Taylor bounds in exact rationals for tanh(2/3), the
 * half-angle identities in Q(u), and re-parsing of synthesised text. */
#include <string.h>
#include <time.h>

#include "nessgen/expr.h"
#include "ng_test.h"

/* ---- helpers ------------------------------------------------------------- */

static ng_expr *parse_ok(const char *text, const char *file, int line)
{
    ng_expr *e = NULL;
    if (ng_expr_parse(&e, text, "--x") != NG_OK) {
        fprintf(stderr, "%s:%d: parsing \"%s\" failed: %s\n", file, line, text,
                ng_error_message());
        ng_test_fail(file, line);
    }
    return e;
}
#define PARSE(text) parse_ok((text), __FILE__, __LINE__)

static void assert_status(ng_status got, ng_status want, const char *what,
                          const char *file, int line)
{
    if (got == want)
        return;
    fprintf(stderr, "%s:%d: %s: status %d, expected %d (message: %s)\n", file, line, what,
            got, want, ng_error_message());
    ng_test_fail(file, line);
}
#define ASSERT_STATUS(got, want, what)                                                   \
    assert_status((got), (want), (what), __FILE__, __LINE__)

static void assert_message_has(const char *needle, const char *input, const char *file,
                               int line)
{
    if (strstr(ng_error_message(), needle) != NULL)
        return;
    fprintf(stderr, "%s:%d: input \"%s\": message \"%s\" lacks \"%s\"\n", file, line,
            input, ng_error_message(), needle);
    ng_test_fail(file, line);
}
#define ASSERT_MESSAGE_HAS(needle, input)                                                \
    assert_message_has((needle), (input), __FILE__, __LINE__)

/* The exact value of a rational expression, written "p/q". */
static void assert_rational(const ng_expr *e, const char *want, const char *file,
                            int line)
{
    ng_expr_domain d;
    fmpq_t got, w;
    fmpq_init(got);
    fmpq_init(w);
    fmpq_set_str(w, want, 10);
    ng_status s = ng_expr_classify(&d, e);
    if (s != NG_OK || d != NG_EXPR_RATIONAL || ng_expr_get_fmpq(got, e) != NG_OK ||
        !fmpq_equal(got, w)) {
        fprintf(stderr, "%s:%d: \"%s\": status %d domain %d value ", file, line,
                ng_expr_text(e), s, s == NG_OK ? (int)d : -1);
        fmpq_fprint(stderr, got);
        fprintf(stderr, ", expected the rational %s (%s)\n", want, ng_error_message());
        ng_test_fail(file, line);
    }
    fmpq_clear(got);
    fmpq_clear(w);
}

static void assert_domain(const char *text, ng_expr_domain want, const char *file,
                          int line)
{
    ng_expr *e = parse_ok(text, file, line);
    ng_expr_domain d;
    ng_status s = ng_expr_classify(&d, e);
    if (s != NG_OK || d != want) {
        fprintf(stderr, "%s:%d: \"%s\": status %d domain %d, expected domain %d (%s)\n",
                file, line, text, s, s == NG_OK ? (int)d : -1, want, ng_error_message());
        ng_test_fail(file, line);
    }
    ng_expr_free(e);
}
#define ASSERT_DOMAIN(text, want) assert_domain((text), (want), __FILE__, __LINE__)

/* ---- decimals are exact -------------------------------------------------- */

static void test_decimal_examples(void **state)
{
    (void)state;
    /* Each decimal against the same number written as an integer quotient. */
    static const char *const pairs[][2] = {
        {"0.1", "1/10"},   {"0.25", "1/4"},
        {".5", "1/2"},     {"1e-3", "1/1000"},
        {"2.5E+2", "250"}, {"1.", "1"},
        {"007", "7"},      {"12.34e-1", "1234/1000"},
        {"1e0", "1"},      {"0.000", "0"},
        {"3E2", "300"},    {"1e-20", "1/100000000000000000000"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        ng_expr *a = PARSE(pairs[i][0]);
        ng_expr *b = PARSE(pairs[i][1]);
        fmpq_t x, y;
        fmpq_init(x);
        fmpq_init(y);
        ASSERT_STATUS(ng_expr_get_fmpq(x, a), NG_OK, pairs[i][0]);
        ASSERT_STATUS(ng_expr_get_fmpq(y, b), NG_OK, pairs[i][1]);
        if (!fmpq_equal(x, y)) {
            fprintf(stderr, "%s != %s\n", pairs[i][0], pairs[i][1]);
            ng_test_fail(__FILE__, __LINE__);
        }
        fmpq_clear(x);
        fmpq_clear(y);
        ng_expr_free(a);
        ng_expr_free(b);
    }

    /* 0.1 is exactly 1/10: ten of them make exactly 1, unlike doubles. */
    ng_expr *e = PARSE("0.1+0.1+0.1+0.1+0.1+0.1+0.1+0.1+0.1+0.1 - 1");
    assert_rational(e, "0", __FILE__, __LINE__);
    ng_expr_free(e);
}

/* Random decimals m.f e k against m*10^(k - digits(f)) computed with fmpz. */
static void test_decimal_random(void **state)
{
    (void)state;
    flint_rand_t rs;
    ng_test_rand_init(rs);
    for (slong iter = 0; iter < ng_test_iters(300); iter++) {
        char intpart[40], frac[40], text[128];
        fmpz_t m;
        fmpq_t want, got;
        slong ni = 1 + (slong)n_randint(rs, 20), nf = (slong)n_randint(rs, 20);
        slong k = (slong)n_randint(rs, 81) - 40;
        for (slong i = 0; i < ni; i++)
            intpart[i] = (char)('0' + n_randint(rs, 10));
        intpart[ni] = '\0';
        for (slong i = 0; i < nf; i++)
            frac[i] = (char)('0' + n_randint(rs, 10));
        frac[nf] = '\0';
        snprintf(text, sizeof text, "%s%s%s%c%ld", intpart, nf ? "." : "", frac,
                 n_randint(rs, 2) ? 'e' : 'E', k);

        fmpz_init(m);
        fmpq_init(want);
        fmpq_init(got);
        char digits[80];
        snprintf(digits, sizeof digits, "%s%s", intpart, frac);
        fmpz_set_str(m, digits, 10);
        fmpz_set(fmpq_numref(want), m);
        fmpz_one(fmpq_denref(want));
        fmpz_t ten;
        fmpz_init_set_ui(ten, 10);
        slong e10 = k - nf;
        fmpz_pow_ui(ten, ten, (ulong)FLINT_ABS(e10));
        if (e10 >= 0)
            fmpq_mul_fmpz(want, want, ten);
        else
            fmpq_div_fmpz(want, want, ten);

        ng_expr *e = PARSE(text);
        ASSERT_STATUS(ng_expr_get_fmpq(got, e), NG_OK, text);
        if (!fmpq_equal(got, want)) {
            fprintf(stderr, "decimal %s parsed wrongly\n", text);
            ng_test_fail(__FILE__, __LINE__);
        }
        ng_expr_free(e);
        fmpz_clear(ten);
        fmpz_clear(m);
        fmpq_clear(want);
        fmpq_clear(got);
    }
    ng_test_rand_clear(rs);
}

/* ---- classification ------------------------------------------------------ */

static void test_classify_examples(void **state)
{
    (void)state;
    static const char *const rational[][2] = {
        {"cos(pi/4)^2", "1/2"},
        {"cos(pi/2)", "0"},
        {"sqrt(4)", "2"},
        {"0.1", "1/10"},
        {"3/2", "3/2"},
        {"sin(pi/6)", "1/2"},
        {"tan(pi/4)", "1"},
        {"sqrt(8)/sqrt(2)", "2"},
        {"exp(log(3/7))", "3/7"},
        {"atanh(tanh(1/3))", "1/3"},
        {"sin(1)^2 + cos(1)^2", "1"},
        {"8^(1/3)", "2"},
        {"2^-1", "1/2"},
        {"-2^2", "-4"},
        {"2^3^2", "512"},
        {"(-1)^(10^30)", "1"},
        {"0^0", "1"},
        {"0^(1/2)", "0"},
        {"2^2^2^2^2 / 2^65535", "2"},
        {"sqrt(2)^2", "2"},
        {"cos(pi)", "-1"},
        {"log(exp(7/3))", "7/3"},
        {"tanh(0)", "0"},
        {"atanh(0)", "0"},
    };
    for (size_t i = 0; i < sizeof rational / sizeof rational[0]; i++) {
        ng_expr *e = PARSE(rational[i][0]);
        assert_rational(e, rational[i][1], __FILE__, __LINE__);
        /* The cached answer is the same. */
        assert_rational(e, rational[i][1], __FILE__, __LINE__);
        ng_expr_free(e);
    }

    static const char *const real[] = {
        "tanh(2/3)", "tanh(2)",   "sqrt(2)/2", "pi/4",        "cos(1)",
        "sin(1)^2",  "tan(1)",    "log(2)",    "atanh(1/2)",  "exp(sqrt(2))",
        "2^sqrt(2)", "(1+pi)^30", "cos(pi/5)", "cos(pi/8)^2", "1/(tanh(2/3) + 1)",
        "pi - 3",
    };
    for (size_t i = 0; i < sizeof real / sizeof real[0]; i++)
        ASSERT_DOMAIN(real[i], NG_EXPR_REAL);

    static const char *const symbolic[] = {"theta", "cos(theta)^2", "a*b + 1", "x/pi"};
    for (size_t i = 0; i < sizeof symbolic / sizeof symbolic[0]; i++)
        ASSERT_DOMAIN(symbolic[i], NG_EXPR_SYMBOLIC);
}

static void test_undefined_values(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"1/0", "divides by zero"},
        {"1/(1 - 1)", "divides by zero"},
        {"log(0)", "log needs a positive argument"},
        {"log(-2)", "log needs a positive argument"},
        {"sqrt(-1)", "sqrt needs a nonnegative argument"},
        {"sqrt(cos(pi))", "sqrt needs a nonnegative argument"},
        {"atanh(1)", "atanh needs an argument strictly between -1 and 1"},
        {"atanh(-3/2)", "atanh needs"},
        {"tan(pi/2)", "cosine of its argument is 0"},
        {"(-8)^(1/3)", "nonnegative base"},
        {"0^-1", "divides by zero"},
        {"1/cos(pi/2)", "divides by zero"},
        {"log(sin(pi))", "log needs"},
        {"2 + 1/(sin(1)^2 + cos(1)^2 - 1)", "divides by zero"},
    };
    ng_ring_t B;
    ng_ring_init_ball(B, NG_TEST_PREC);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ng_expr *e = PARSE(cases[i][0]);
        ng_expr_domain d;
        ASSERT_STATUS(ng_expr_classify(&d, e), NG_EINPUT, cases[i][0]);
        ASSERT_MESSAGE_HAS(cases[i][1], cases[i][0]);
        ASSERT_MESSAGE_HAS("--x: ", cases[i][0]);
        ng_ptr x = ng_elem_new(B);
        ng_expr *f = PARSE(cases[i][0]); /* fresh: no cache from classify */
        ASSERT_STATUS(ng_expr_eval(x, f, B), NG_EINPUT, cases[i][0]);
        ng_elem_free(x, B);
        ng_expr_free(e);
        ng_expr_free(f);
    }
    ng_ring_clear(B);
}

/* Rationality that no known theorem settles is not an error (DESIGN §3): the
 * number is real, for balls; the ball holds the value (checked against an
 * independent enclosure: arb's own constants). */
static void test_undecidable_rationality(void **state)
{
    (void)state;
    static const char *const open[] = {"pi + exp(1)", "pi*tanh(2/3)",
                                       "-cos(1)*tanh(1/(3/2))", "cos(pi/7)*sin(pi/7)"};
    ng_ring_t B;
    ng_ring_init_ball(B, NG_TEST_PREC);
    arb_t want, u;
    arb_init(want);
    arb_init(u);
    for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
        ng_expr *e = PARSE(open[i]);
        ng_expr_domain d;
        ASSERT_STATUS(ng_expr_classify(&d, e), NG_OK, open[i]);
        assert_int_equal(d, NG_EXPR_REAL);
        ng_ptr x = ng_elem_new(B);
        ASSERT_STATUS(ng_expr_eval(x, e, B), NG_OK, open[i]);
        arb_const_pi(want, NG_TEST_PREC);
        if (i == 0) {
            arb_const_e(u, NG_TEST_PREC);
            arb_add(want, want, u, NG_TEST_PREC);
        } else if (i == 1) {
            arb_set_si(u, 2);
            arb_div_ui(u, u, 3, NG_TEST_PREC);
            arb_tanh(u, u, NG_TEST_PREC);
            arb_mul(want, want, u, NG_TEST_PREC);
        } else if (i == 2) {
            arb_set_si(u, 2);
            arb_div_ui(u, u, 3, NG_TEST_PREC);
            arb_tanh(u, u, NG_TEST_PREC);
            arb_one(want);
            arb_cos(want, want, NG_TEST_PREC);
            arb_mul(want, want, u, NG_TEST_PREC);
            arb_neg(want, want);
        } else { /* cos(pi/7) sin(pi/7) = sin(2 pi/7)/2 */
            arb_mul_ui(want, want, 2, NG_TEST_PREC);
            arb_div_ui(want, want, 7, NG_TEST_PREC);
            arb_sin(want, want, NG_TEST_PREC);
            arb_mul_2exp_si(want, want, -1);
        }
        assert_true(arb_overlaps(want, (arb_struct *)x));
        ng_elem_free(x, B);
        ng_expr_free(e);
    }
    arb_clear(want);
    arb_clear(u);
    /* A huge argument of cos is reduced modulo pi with enough bits: cos(1e999)^2
     * = 0.85870416871237883250538... (mpmath at 4000 bits from the exact
     * integer 10^999); an argument beyond 2^(2^20) is refused, naming the
     * precision it would need. */
    {
        ng_expr *h = PARSE("cos(1e999)^2");
        ng_ptr y = ng_elem_new(B);
        arb_t w;
        arb_init(w);
        ASSERT_STATUS(ng_expr_eval(y, h, B), NG_OK, "cos(1e999)^2");
        arb_set_str(w, "[0.8587041687123788325053844 +/- 1e-24]", NG_TEST_PREC);
        assert_true(arb_overlaps(w, (arb_struct *)y));
        assert_true(arb_rel_accuracy_bits((arb_struct *)y) > NG_TEST_PREC - 8);
        arb_clear(w);
        ng_expr_free(h);
        h = PARSE("sin(exp(1e7))");
        ASSERT_STATUS(ng_expr_eval(y, h, B), NG_ECOMPUTE, "sin(exp(1e7))");
        ASSERT_MESSAGE_HAS("bits of precision", "sin(exp(1e7))");
        ng_expr_free(h);
        /* A decimal exponent too large to expand is a power of ten, like a
         * typed 10^k (a real number: issue 10), not a parse error: 1e100000
         * is 10^100000 exactly; cos(1e999999999) names the precision. */
        h = PARSE("-2.5E+10001");
        {
            fmpq_t q, w10;
            ng_expr_domain dq;
            fmpq_init(q);
            fmpq_init(w10);
            ASSERT_STATUS(ng_expr_classify(&dq, h), NG_OK, "-2.5E+10001");
            assert_int_equal(dq, NG_EXPR_RATIONAL);
            ASSERT_STATUS(ng_expr_get_fmpq(q, h), NG_OK, "-2.5E+10001");
            fmpz_set_ui(fmpq_numref(w10), 10);
            fmpz_pow_ui(fmpq_numref(w10), fmpq_numref(w10), 10000);
            fmpz_mul_si(fmpq_numref(w10), fmpq_numref(w10), -25);
            assert_true(fmpq_equal(q, w10));
            fmpq_clear(q);
            fmpq_clear(w10);
        }
        ng_expr_free(h);
        h = PARSE("cos(1e999999999)");
        ASSERT_STATUS(ng_expr_eval(y, h, B), NG_ECOMPUTE, "cos(1e999999999)");
        ASSERT_MESSAGE_HAS("bits of precision", "cos(1e999999999)");
        ng_expr_free(h);
        /* an argument whose ball is not even finite (10^(10^100000) is beyond
         * arb_exp's range) is refused the same way, not evaluated as [0 +/- 1] */
        h = PARSE("sin(10^(10^100000))");
        ASSERT_STATUS(ng_expr_eval(y, h, B), NG_ECOMPUTE, "sin(10^(10^100000))");
        ASSERT_MESSAGE_HAS("cannot be bounded", "sin(10^(10^100000))");
        ng_expr_free(h);
        ng_elem_free(y, B);
    }
    /* Too large for exact arithmetic, fine as a ball. */
    ng_expr *e = PARSE("9^9^9");
    ng_expr_domain d;
    ASSERT_STATUS(ng_expr_classify(&d, e), NG_OK, "9^9^9");
    assert_int_equal(d, NG_EXPR_REAL);
    ng_ptr x = ng_elem_new(B);
    ASSERT_STATUS(ng_expr_eval(x, e, B), NG_OK, "9^9^9 as a ball");
    /* log2(9^(9^9)) = 9^9 log2(9) */
    arb_t l;
    arb_init(l);
    arb_log_ui(l, 9, 128);
    arb_mul_ui(l, l, 387420489, 128);
    arb_exp(l, l, 128);
    assert_true(arb_overlaps(l, (arb_struct *)x));
    arb_clear(l);
    ng_elem_free(x, B);
    ng_expr_free(e);
    ng_ring_clear(B);
}

/* ---- balls ------------------------------------------------------------------ */

/* e^x bounds from the Taylor series: S_N <= e^x <= S_N + x^{N+1}/(N+1)! * 2
 * for 0 <= x <= 2 and N >= 10 (the tail is dominated by a geometric series of
 * ratio x/(N+2) <= 1/2). */
static void exp_bounds(fmpq_t lo, fmpq_t hi, const fmpq_t x, slong N)
{
    fmpq_t term;
    fmpz_t k1;
    fmpq_init(term);
    fmpz_init(k1);
    fmpq_one(term);
    fmpq_zero(lo);
    for (slong k = 0; k <= N; k++) {
        fmpq_add(lo, lo, term);
        fmpq_mul(term, term, x);
        fmpz_set_si(k1, k + 1);
        fmpq_div_fmpz(term, term, k1);
    }
    fmpq_mul_2exp(term, term, 1);
    fmpq_add(hi, lo, term);
    fmpq_clear(term);
    fmpz_clear(k1);
}

static void test_tanh_ball(void **state)
{
    (void)state;
    fmpq_t x, elo, ehi, lo, hi, t;
    fmpq_init(x);
    fmpq_init(elo);
    fmpq_init(ehi);
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq_init(t);
    /* tanh(2/3) = (E - 1)/(E + 1) with E = e^{4/3}, increasing in E. */
    fmpq_set_si(x, 4, 3);
    exp_bounds(elo, ehi, x, 160); /* width ~ (4/3)^161/161! < 2^-800 */
    fmpq_sub_si(lo, elo, 1);
    fmpq_add_si(t, elo, 1);
    fmpq_div(lo, lo, t);
    fmpq_sub_si(hi, ehi, 1);
    fmpq_add_si(t, ehi, 1);
    fmpq_div(hi, hi, t);

    ng_ring_t B;
    for (slong prec = 32; prec <= 512; prec *= 2) {
        ng_ring_init_ball(B, prec);
        ng_expr *e = PARSE("tanh(2/3)");
        arb_t y;
        arb_init(y);
        ASSERT_STATUS(ng_expr_eval(y, e, B), NG_OK, "tanh(2/3)");
        if (!arb_contains_fmpq(y, lo) || !arb_contains_fmpq(y, hi) ||
            arb_rel_accuracy_bits(y) < prec - 4) {
            fprintf(stderr, "tanh(2/3) at %ld bits: ", prec);
            arb_fprintd(stderr, y, 40);
            fprintf(stderr, "\n");
            ng_test_fail(__FILE__, __LINE__);
        }
        arb_clear(y);
        ng_expr_free(e);
        ng_ring_clear(B);
    }
    fmpq_clear(x);
    fmpq_clear(elo);
    fmpq_clear(ehi);
    fmpq_clear(lo);
    fmpq_clear(hi);
    fmpq_clear(t);
}

/* Rational values come out of the ball ring as exact points. */
static void test_ball_exact_points(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"cos(pi/2)", "0"}, {"cos(pi/4)^2", "1/2"}, {"0.5", "1/2"}, {"sqrt(9/4)", "3/2"}};
    ng_ring_t B;
    ng_ring_init_ball(B, NG_TEST_PREC);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ng_expr *e = PARSE(cases[i][0]);
        arb_t y;
        fmpq_t q;
        arb_init(y);
        fmpq_init(q);
        fmpq_set_str(q, cases[i][1], 10);
        ASSERT_STATUS(ng_expr_eval(y, e, B), NG_OK, cases[i][0]);
        if (!arb_is_exact(y) || !arb_contains_fmpq(y, q)) {
            fprintf(stderr, "%s is not the exact point %s\n", cases[i][0], cases[i][1]);
            ng_test_fail(__FILE__, __LINE__);
        }
        arb_clear(y);
        fmpq_clear(q);
        ng_expr_free(e);
    }
    ng_ring_clear(B);
}

/* ---- random rational trees: reference fmpq, Calcium, balls, Q(a,b,c), text -- */

/* Builds a random tree of + - * / ^ and negation over small rationals and
 * computes its value with fmpq alongside; *defined = 0 after a division by
 * zero. */
static ng_expr *random_rational_tree(fmpq_t v, int *defined, flint_rand_t rs, int depth)
{
    ulong r = n_randint(rs, depth > 0 ? 8 : 1);
    if (r == 0) {
        slong p = (slong)n_randint(rs, 19) - 9;
        ulong q = 1 + n_randint(rs, 9);
        fmpq_set_si(v, p, q);
        if (n_randint(rs, 4) == 0 && q == 1 && p >= 0) {
            /* sometimes a decimal literal: p.25 */
            char text[32];
            ng_expr *e;
            snprintf(text, sizeof text, "%ld.25", p);
            fmpq_set_si(v, 4 * p + 1, 4);
            if (ng_expr_parse(&e, text, NULL) != NG_OK)
                ng_test_fail(__FILE__, __LINE__);
            return e;
        }
        return ng_expr_rational(p, q);
    }
    fmpq_t w;
    fmpq_init(w);
    ng_expr *a = random_rational_tree(v, defined, rs, depth - 1), *e;
    if (r == 1) {
        fmpq_neg(v, v);
        e = ng_expr_neg(a);
    } else if (r == 2) {
        slong k = (slong)n_randint(rs, 7) - 3;
        if (k < 0 && fmpq_is_zero(v))
            *defined = 0;
        else if (*defined)
            fmpq_pow_si(v, v, k);
        e = ng_expr_binary('^', a, ng_expr_rational(k, 1));
    } else {
        static const char ops[] = "+-*/+-";
        char op = ops[r - 3];
        ng_expr *b = random_rational_tree(w, defined, rs, depth - 1);
        if (op == '+')
            fmpq_add(v, v, w);
        else if (op == '-')
            fmpq_sub(v, v, w);
        else if (op == '*')
            fmpq_mul(v, v, w);
        else if (fmpq_is_zero(w))
            *defined = 0;
        else if (*defined)
            fmpq_div(v, v, w);
        e = ng_expr_binary(op, a, b);
    }
    fmpq_clear(w);
    return e;
}

static void check_rational_tree(const ng_expr *e, const fmpq_t v, int defined,
                                const ng_ring_t Q, const ng_ring_t B, const ng_ring_t P)
{
    const char *text = ng_expr_text(e);
    ng_status want = defined ? NG_OK : NG_EINPUT;
    ng_expr_domain d;
    fmpq_t got;
    fmpq_init(got);

    ASSERT_STATUS(ng_expr_classify(&d, e), want, text);
    if (defined) {
        char *vs = fmpq_get_str(NULL, 10, v);
        assert_rational(e, vs, __FILE__, __LINE__);
        flint_free(vs);
    }

    ng_ptr q = ng_elem_new(Q), b = ng_elem_new(B), p = ng_elem_new(P);
    ASSERT_STATUS(ng_expr_eval(q, e, Q), want, text);
    ASSERT_STATUS(ng_expr_eval(b, e, B), want, text);
    ASSERT_STATUS(ng_expr_eval(p, e, P), want, text);
    if (defined && (!fmpq_equal((fmpq *)q, v) || !ng_elem_contains_fmpq(b, v, B) ||
                    !ng_elem_contains_fmpq(p, v, P))) {
        fprintf(stderr, "%s: rings disagree with the reference ", text);
        fmpq_fprint(stderr, v);
        fprintf(stderr, "\n");
        ng_test_fail(__FILE__, __LINE__);
    }
    ng_elem_free(q, Q);
    ng_elem_free(b, B);
    ng_elem_free(p, P);
    fmpq_clear(got);
}

static void test_random_rational_trees(void **state)
{
    (void)state;
    flint_rand_t rs;
    ng_ring_t Q, B, P;
    ng_test_rand_init(rs);
    ng_test_ring_init(Q, NG_QQ);
    ng_test_ring_init(B, NG_BALL);
    ng_test_ring_init(P, NG_QQ_PARAMS);
    for (slong iter = 0; iter < ng_test_iters(400); iter++) {
        fmpq_t v;
        int defined = 1;
        fmpq_init(v);
        ng_expr *e = random_rational_tree(v, &defined, rs, 5);
        check_rational_tree(e, v, defined, Q, B, P);

        /* The synthesised text re-parses to the same value: the printer's
         * parentheses are right. */
        ng_expr *f = PARSE(ng_expr_text(e));
        check_rational_tree(f, v, defined, Q, B, P);

        /* A copy is independent of the original. */
        ng_expr *c = ng_expr_copy(e);
        ng_expr_free(e);
        check_rational_tree(c, v, defined, Q, B, P);
        ng_expr_free(c);
        ng_expr_free(f);
        fmpq_clear(v);
    }
    ng_ring_clear(Q);
    ng_ring_clear(B);
    ng_ring_clear(P);
    ng_test_rand_clear(rs);
}

/* ---- random real trees against Arb at four times the precision ------------ */

typedef enum { REF_OK, REF_UNDEFINED, REF_UNSURE } ref_result;

/* The test's own evaluator: Arb on the test's description of the tree. */
typedef struct ref_node {
    char op; /* 'q' rational, 'p' pi, 'n' negation, '+', '-', '*', '/', 'f' call */
    const char *func;
    slong p, q;
    struct ref_node *a, *b;
} ref_node;

static ref_result ref_eval(arb_t y, const ref_node *n, slong prec)
{
    arb_t t;
    ref_result r = REF_OK, s;
    switch (n->op) {
    case 'q':
        arb_set_si(y, n->p);
        arb_div_si(y, y, n->q, prec);
        return REF_OK;
    case 'p':
        arb_const_pi(y, prec);
        return REF_OK;
    case 'n':
        r = ref_eval(y, n->a, prec);
        arb_neg(y, y);
        return r;
    case 'f':
        r = ref_eval(y, n->a, prec);
        if (r != REF_OK)
            return r;
        if (strcmp(n->func, "sqrt") == 0) {
            if (arb_is_negative(y))
                return REF_UNDEFINED;
            if (!arb_is_positive(y))
                return REF_UNSURE;
            arb_sqrt(y, y, prec);
        } else if (strcmp(n->func, "log") == 0) {
            if (arb_is_nonpositive(y))
                return REF_UNDEFINED;
            if (!arb_is_positive(y))
                return REF_UNSURE;
            arb_log(y, y, prec);
        } else if (strcmp(n->func, "exp") == 0) {
            arb_exp(y, y, prec);
        } else if (strcmp(n->func, "sin") == 0) {
            arb_sin(y, y, prec);
        } else if (strcmp(n->func, "cos") == 0) {
            arb_cos(y, y, prec);
        } else {
            arb_tanh(y, y, prec);
        }
        return REF_OK;
    default:
        arb_init(t);
        r = ref_eval(y, n->a, prec);
        s = ref_eval(t, n->b, prec);
        if (r == REF_OK)
            r = s;
        if (r == REF_OK) {
            if (n->op == '+')
                arb_add(y, y, t, prec);
            else if (n->op == '-')
                arb_sub(y, y, t, prec);
            else if (n->op == '*')
                arb_mul(y, y, t, prec);
            else if (arb_is_zero(t))
                r = REF_UNDEFINED;
            else if (arb_contains_zero(t))
                r = REF_UNSURE;
            else
                arb_div(y, y, t, prec);
        }
        arb_clear(t);
        return r;
    }
}

static void ref_free(ref_node *n)
{
    if (n == NULL)
        return;
    ref_free(n->a);
    ref_free(n->b);
    flint_free(n);
}

static ng_expr *random_real_tree(ref_node **out, flint_rand_t rs, int depth)
{
    static const char *const funcs[] = {"sqrt", "log", "exp", "sin", "cos", "tanh"};
    ref_node *n = flint_calloc(1, sizeof(ref_node));
    ulong r = n_randint(rs, depth > 0 ? 8 : 2);
    ng_expr *e;
    *out = n;
    if (r == 0) {
        n->op = 'q';
        n->p = (slong)n_randint(rs, 13) - 4;
        n->q = 1 + (slong)n_randint(rs, 4);
        return ng_expr_rational(n->p, (ulong)n->q);
    }
    if (r == 1) {
        n->op = 'p';
        return ng_expr_parse(&e, "pi", NULL) == NG_OK ? e : NULL;
    }
    if (r == 2) {
        n->op = 'n';
        return ng_expr_neg(random_real_tree(&n->a, rs, depth - 1));
    }
    if (r <= 4) {
        n->op = 'f';
        n->func = funcs[n_randint(rs, 6)];
        return ng_expr_call(n->func, random_real_tree(&n->a, rs, depth - 1));
    }
    n->op = "+-*/"[r - 5 + (n_randint(rs, 2) ? 1 : 0)];
    ng_expr *a = random_real_tree(&n->a, rs, depth - 1);
    ng_expr *b = random_real_tree(&n->b, rs, depth - 1);
    return ng_expr_binary(n->op, a, b);
}

static void test_random_real_trees(void **state)
{
    (void)state;
    flint_rand_t rs;
    ng_ring_t B;
    ng_test_rand_init(rs);
    ng_ring_init_ball(B, NG_TEST_PREC);
    slong compared = 0;
    for (slong iter = 0; iter < ng_test_iters(200); iter++) {
        ref_node *n;
        ng_expr *e = random_real_tree(&n, rs, 4);
        arb_t ref, y;
        arb_init(ref);
        arb_init(y);
        ref_result r = ref_eval(ref, n, 4 * NG_TEST_PREC);
        ng_status s = ng_expr_eval(y, e, B);
        const char *text = ng_expr_text(e);
        if (r == REF_UNDEFINED) {
            ASSERT_STATUS(s, NG_EINPUT, text);
        } else if (r == REF_OK && arb_is_finite(ref) &&
                   arb_rel_accuracy_bits(ref) > 200) {
            /* Library undefined while the reference is a certified number would be
             * wrong; NG_ECOMPUTE (undecidable domain) is allowed. */
            if (s == NG_EINPUT)
                ASSERT_STATUS(s, NG_OK, text);
            if (s == NG_OK) {
                compared++;
                /* An exact point (a value proved rational) lies in the reference;
                 * otherwise the much smaller reference lies in the ball. */
                if (arb_is_exact(y) ? !arb_contains(ref, y) : !arb_contains(y, ref)) {
                    fprintf(stderr, "%s: ball ", text);
                    arb_fprintd(stderr, y, 30);
                    fprintf(stderr, " does not contain the reference ");
                    arb_fprintd(stderr, ref, 30);
                    fprintf(stderr, "\n");
                    ng_test_fail(__FILE__, __LINE__);
                }
            }
        }
        arb_clear(ref);
        arb_clear(y);
        ref_free(n);
        ng_expr_free(e);
    }
    assert_true(compared > ng_test_iters(200) / 4);
    ng_ring_clear(B);
    ng_test_rand_clear(rs);
}

/* ---- symbolic expressions -------------------------------------------------- */

/* Parses, collects the symbols, builds Q(symbols), evaluates. */
static ng_status eval_symbolic(fmpz_mpoly_q_t res, ng_ring_t R, const char *text,
                               const char *const *expect_names, slong nexpect)
{
    char **names = NULL;
    slong n = 0;
    ng_expr *e = PARSE(text);
    ng_status s = ng_expr_symbols(&names, &n, e);
    if (s == NG_OK && expect_names != NULL) {
        assert_int_equal(n, nexpect);
        for (slong i = 0; i < n; i++)
            assert_string_equal(names[i], expect_names[i]);
    }
    ng_ring_init_params(R, (const char *const *)names, n);
    fmpz_mpoly_q_init(res, R->mctx);
    if (s == NG_OK)
        s = ng_expr_eval(res, e, R);
    for (slong i = 0; i < n; i++)
        flint_free(names[i]);
    flint_free(names);
    ng_expr_free(e);
    return s;
}

static void assert_symbolic_value(const char *text, const char *value,
                                  const char *const *names, slong n, const char *file,
                                  int line)
{
    ng_ring_t R;
    fmpz_mpoly_q_t x;
    fmpq_t q;
    ng_status s = eval_symbolic(x, R, text, names, n);
    fmpq_init(q);
    fmpq_set_str(q, value, 10);
    ng_ptr want = ng_elem_new(R);
    ng_elem_set_fmpq(want, q, R);
    if (s != NG_OK || ng_elem_equal(x, want, R) != T_TRUE) {
        fprintf(stderr, "%s:%d: %s: status %d, expected exactly %s (%s)\n", file, line,
                text, s, value, ng_error_message());
        ng_test_fail(file, line);
    }
    ng_elem_free(want, R);
    fmpq_clear(q);
    fmpz_mpoly_q_clear(x, R->mctx);
    ng_ring_clear(R);
}
#define ASSERT_SYMBOLIC_VALUE(text, value, names, n)                                     \
    assert_symbolic_value((text), (value), (names), (n), __FILE__, __LINE__)

static void test_symbolic_identities(void **state)
{
    (void)state;
    static const char *const u_theta[] = {"u_theta"};
    static const char *const ab[] = {"a", "b"};
    ASSERT_SYMBOLIC_VALUE("cos(theta)^2 + sin(theta)^2", "1", u_theta, 1);
    ASSERT_SYMBOLIC_VALUE("(a+b)^2 - a^2 - 2*a*b - b^2", "0", ab, 2);
    ASSERT_SYMBOLIC_VALUE("tan(theta)*cos(theta) - sin(theta)", "0", u_theta, 1);
    ASSERT_SYMBOLIC_VALUE("(a^-2*b)^3 * a^6/b^3", "1", ab, 2);
    ASSERT_SYMBOLIC_VALUE("a*cos(pi/3)*2/a", "1", NULL, 0);
    ASSERT_SYMBOLIC_VALUE("(a - b)/(b - a)", "-1", ab, 2);
    /* sin 2θ = 2 sin θ cos θ and cos 2θ = cos²θ − sin²θ, through u. */
    ASSERT_SYMBOLIC_VALUE("(2*sin(t)*cos(t))^2 + (cos(t)^2 - sin(t)^2)^2", "1", NULL, 0);
}

/* cos θ at u = tan(θ/2) = 1, i.e. θ = π/2: the substitution is the half-angle one. */
static void test_half_angle_substitution(void **state)
{
    (void)state;
    ng_ring_t R;
    fmpz_mpoly_q_t x;
    assert_int_equal(eval_symbolic(x, R, "cos(t) + 2*sin(t) + 3*tan(t/1)", NULL, 0),
                     NG_EINPUT); /* tan(t/1) is not of a bare name */
    fmpz_mpoly_q_clear(x, R->mctx);
    ng_ring_clear(R);

    static const char *const u_t[] = {"u_t"};
    assert_int_equal(eval_symbolic(x, R, "cos(t) + 2*sin(t)", u_t, 1), NG_OK);
    /* u = 2: cos = (1 - 4)/(1 + 4), sin = 4/5, so the sum is 1;
     * u = 3: cos = -8/10, sin = 6/10, so the sum is 2/5. */
    static const slong points[][3] = {{2, 1, 1}, {3, 2, 5}};
    for (int i = 0; i < 2; i++) {
        fmpz_t u, num, den;
        fmpz_init_set_si(u, points[i][0]);
        fmpz_init(num);
        fmpz_init(den);
        fmpz *vals[1] = {u};
        fmpz_mpoly_evaluate_all_fmpz(num, fmpz_mpoly_q_numref(x), vals, R->mctx);
        fmpz_mpoly_evaluate_all_fmpz(den, fmpz_mpoly_q_denref(x), vals, R->mctx);
        /* num/den = p/q */
        fmpz_mul_si(num, num, points[i][2]);
        fmpz_mul_si(den, den, points[i][1]);
        assert_true(fmpz_equal(num, den));
        fmpz_clear(u);
        fmpz_clear(num);
        fmpz_clear(den);
    }
    fmpz_mpoly_q_clear(x, R->mctx);
    ng_ring_clear(R);
}

static void test_symbolic_errors(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"exp(a)", "under exp"},
        {"a + cos(a)", "both bare and under sin, cos or tan"},
        {"a^b", "exponent contains the free name 'b'"},
        {"a^(1/2)", "integer exponent"},
        {"sin(2*a)", "only for a bare name"},
        {"sqrt(a)", "under sqrt"},
        {"a^10001", "at most 10000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char **names = NULL;
        slong n = 0;
        ng_expr *e = PARSE(cases[i][0]);
        ASSERT_STATUS(ng_expr_symbols(&names, &n, e), NG_EINPUT, cases[i][0]);
        ASSERT_MESSAGE_HAS(cases[i][1], cases[i][0]);
        assert_int_equal(n, 0); /* nothing appended on failure */
        flint_free(names);
        ng_expr_free(e);
    }

    /* Evaluation errors in a ring of {a, b}. */
    static const char *const ring_names[] = {"a", "b"};
    static const char *const eval_cases[][2] = {
        {"a/(a - a)", "divides by zero"},
        {"c + 1", "not a parameter"},
        {"a*pi", "irrational"},
        {"cos(a)", "not a parameter"}, /* needs u_a */
        {"(b - b)^-1 * a", "divides by zero"},
        {"a + 1/0", "divides by zero"},
    };
    ng_ring_t R;
    ng_ring_init_params(R, ring_names, 2);
    for (size_t i = 0; i < sizeof eval_cases / sizeof eval_cases[0]; i++) {
        ng_expr *e = PARSE(eval_cases[i][0]);
        ng_ptr x = ng_elem_new(R);
        ASSERT_STATUS(ng_expr_eval(x, e, R), NG_EINPUT, eval_cases[i][0]);
        ASSERT_MESSAGE_HAS(eval_cases[i][1], eval_cases[i][0]);
        ng_elem_free(x, R);
        ng_expr_free(e);
    }
    ng_ring_clear(R);

    /* A symbolic expression has no rational or ball value. */
    ng_ring_t Q;
    ng_ring_init_qq(Q);
    ng_expr *e = PARSE("theta/2");
    ng_ptr q = ng_elem_new(Q);
    ASSERT_STATUS(ng_expr_eval(q, e, Q), NG_EINPUT, "theta/2 into Q");
    ASSERT_MESSAGE_HAS("free name 'theta'", "theta/2");
    ng_elem_free(q, Q);
    ng_expr_free(e);
    ng_ring_clear(Q);
}

static void test_symbols_accumulate(void **state)
{
    (void)state;
    char **names = NULL;
    slong n = 0;
    ng_expr *e1 = PARSE("a*cos(theta) + b");
    ng_expr *e2 = PARSE("b/u_theta - c");
    assert_int_equal(ng_expr_symbols(&names, &n, e1), NG_OK);
    assert_int_equal(ng_expr_symbols(&names, &n, e2), NG_OK);
    static const char *const want[] = {"a", "u_theta", "b", "c"};
    assert_int_equal(n, 4);
    for (slong i = 0; i < n; i++) {
        assert_string_equal(names[i], want[i]);
        flint_free(names[i]);
    }
    flint_free(names);
    ng_expr_free(e1);
    ng_expr_free(e2);
}

/* ---- malformed input ---------------------------------------------------------- */

static void test_malformed(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int column;
    } cases[] = {
        {"1 + * 2", 5},
        {"", 1},
        {"   ", 4},
        {"(", 2},
        {")", 1},
        {"(1", 3},
        {"1)", 2},
        {"1 2", 3},
        {"2x", 2},
        {"1.2.3", 4},
        {".", 1},
        {"1e", 3},
        {"1e+", 4},
        {"foo(2)", 1},
        {"sqrt", 5},
        {"sqrt 2", 6},
        {"sin(1, 2)", 6},
        {"pi(2)", 1},
        {"2 ^", 4},
        {"* 3", 1},
        {"3 +", 4},
        {"a $ b", 3},
        {"\xce\xb8 + 1", 1},
        {"1 + \xce\xb8", 5},
        {"cos()", 5},
        {"1 // 2", 4},
        {"2**3", 3},
        {"--", 3},
        {"1 + (2", 7},
        {"exp(1))", 7},
        {"\x01", 1},
        {"1,5", 2},
        {"+1", 1},
        {"a.b", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ng_expr *e = (ng_expr *)&e; /* must be reset to NULL */
        char col[32];
        ASSERT_STATUS(ng_expr_parse(&e, cases[i].text, "--theta"), NG_EINPUT,
                      cases[i].text);
        assert_null(e);
        snprintf(col, sizeof col, "column %d:", cases[i].column);
        ASSERT_MESSAGE_HAS(col, cases[i].text);
        ASSERT_MESSAGE_HAS("--theta: ", cases[i].text);
    }
    ng_expr *e;
    ASSERT_STATUS(ng_expr_parse(&e, NULL, "--theta"), NG_EINPUT, "NULL");
    /* What strtod would read as a non-number is refused, not a free name. */
    static const char *const non_numbers[] = {"nan", "NaN", "-inf", "Inf", "infinity",
                                              "1 + INFINITY", "pi*nan"};
    for (size_t i = 0; i < sizeof non_numbers / sizeof non_numbers[0]; i++) {
        ASSERT_STATUS(ng_expr_parse(&e, non_numbers[i], "--theta"), NG_EINPUT,
                      non_numbers[i]);
        ASSERT_MESSAGE_HAS("--theta: ", non_numbers[i]);
        ASSERT_MESSAGE_HAS("is not a real number", non_numbers[i]);
    }
    /* ... but names that merely start like them are names. */
    ASSERT_STATUS(ng_expr_parse(&e, "info + nano", "--theta"), NG_OK, "info + nano");
    ng_expr_free(e);
}

static char *repeat_around(const char *left, const char *mid, const char *right, slong n)
{
    size_t ll = strlen(left), lm = strlen(mid), lr = strlen(right);
    char *s = flint_malloc((size_t)n * (ll + lr) + lm + 1), *p = s;
    for (slong i = 0; i < n; i++, p += ll)
        memcpy(p, left, ll);
    memcpy(p, mid, lm);
    p += lm;
    for (slong i = 0; i < n; i++, p += lr)
        memcpy(p, right, lr);
    *p = '\0';
    return s;
}

static void test_limits(void **state)
{
    (void)state;
    ng_expr *e;
    static const struct {
        const char *left, *mid, *right;
        slong n;
        ng_status want;
    } cases[] = {
        {"(", "1", ")", 100000, NG_EINPUT}, /* too long */
        {"(", "1", ")", 1000, NG_EINPUT},   /* within the length, too deep */
        {"(", "1", ")", 150, NG_OK},        {"-", "1", "", 500, NG_EINPUT},
        {"sin(", "1", ")", 300, NG_EINPUT}, {"2^", "2", "", 300, NG_EINPUT},
        {"1+", "1", "", 2000, NG_OK}, /* long but flat */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = repeat_around(cases[i].left, cases[i].mid, cases[i].right, cases[i].n);
        ASSERT_STATUS(ng_expr_parse(&e, s, NULL), cases[i].want, cases[i].left);
        if (cases[i].want != NG_OK)
            assert_true(strstr(ng_error_message(), "deeper") != NULL ||
                        strstr(ng_error_message(), "longer") != NULL);
        ng_expr_free(e);
        flint_free(s);
    }

    /* The flat sum has value 2001. */
    char *s = repeat_around("1+", "1", "", 2000);
    assert_int_equal(ng_expr_parse(&e, s, NULL), NG_OK);
    assert_rational(e, "2001", __FILE__, __LINE__);
    ng_expr_free(e);
    flint_free(s);

    /* Exponent bound: 1e10000 is accepted and exact. */
    assert_int_equal(ng_expr_parse(&e, "1e10000 / 10^10000", NULL), NG_OK);
    assert_rational(e, "1", __FILE__, __LINE__);
    ng_expr_free(e);
    assert_int_equal(ng_expr_parse(&e, "1e-10000 * 10^10000", NULL), NG_OK);
    assert_rational(e, "1", __FILE__, __LINE__);
    ng_expr_free(e);
}

/* Random bytes and random token soups never crash; whatever parses can be
 * classified and evaluated (the fuzz target does this at scale). */
static void test_random_inputs(void **state)
{
    (void)state;
    static const char *const tokens[] = {
        "1",    "0",     "2",      "0.5", "1e3", "pi",    "a",    "theta", "+",    "-",
        "*",    "/",     "^",      "(",   ")",   "sqrt(", "exp(", "log(",  "sin(", "cos(",
        "tan(", "tanh(", "atanh(", " ",   "1/3", "-",     "9",    "."};
    flint_rand_t rs;
    ng_ring_t B;
    ng_test_rand_init(rs);
    ng_ring_init_ball(B, 64);
    for (slong iter = 0; iter < ng_test_iters(2000); iter++) {
        char buf[128];
        size_t len = 0;
        if (iter % 4 == 0) {
            size_t n = n_randint(rs, 20);
            for (size_t i = 0; i < n; i++)
                buf[len++] = (char)(1 + n_randint(rs, 255));
        } else {
            size_t n = 1 + n_randint(rs, 12);
            for (size_t i = 0; i < n; i++) {
                const char *t = tokens[n_randint(rs, sizeof tokens / sizeof tokens[0])];
                size_t lt = strlen(t);
                if (len + lt >= sizeof buf)
                    break;
                memcpy(buf + len, t, lt);
                len += lt;
            }
        }
        buf[len] = '\0';
        ng_expr *e;
        if (ng_expr_parse(&e, buf, "--fuzz") != NG_OK)
            continue;
        ng_expr_domain d;
        ng_ptr x = ng_elem_new(B);
        ng_status s = ng_expr_classify(&d, e);
        ng_status t = ng_expr_eval(x, e, B);
        /* Undefined is undefined whichever way it is asked. */
        if (s == NG_EINPUT)
            ASSERT_STATUS(t, NG_EINPUT, buf);
        ng_elem_free(x, B);
        ng_expr_free(e);
    }
    ng_ring_clear(B);
    ng_test_rand_clear(rs);
}

/* ---- text ------------------------------------------------------------------------ */

static void test_text(void **state)
{
    (void)state;
    ng_expr *theta = PARSE("pi/4"), *tL = PARSE("tL");
    ng_expr *c = ng_expr_call("cos", ng_expr_copy(theta));
    ng_expr *c2 = ng_expr_binary('^', ng_expr_copy(c), ng_expr_rational(2, 1));
    assert_string_equal(ng_expr_text(c2), "cos(pi/4)^2");

    ng_expr *t = PARSE("theta");
    ng_expr *m = ng_expr_neg(
        ng_expr_binary('*', ng_expr_call("cos", ng_expr_copy(t)), ng_expr_copy(tL)));
    assert_string_equal(ng_expr_text(m), "-cos(theta)*tL");

    static const struct {
        char op;
        const char *a, *b, *want;
    } bins[] = {
        {'^', "a + b", "2", "(a + b)^2"},   {'-', "a", "b - c", "a - (b - c)"},
        {'-', "a", "b + c", "a - (b + c)"}, {'+', "a", "b - c", "a + b - c"},
        {'/', "a", "b*c", "a/(b*c)"},       {'*', "a", "b/c", "a*b/c"},
        {'^', "2", "-1", "2^(-1)"},         {'^', "-2", "2", "(-2)^2"},
        {'^', "2^3", "2", "(2^3)^2"},       {'^', "2", "3^2", "2^3^2"},
        {'*', "-a", "b", "-a*b"},           {'*', "a", "-b", "a*(-b)"},
        {'+', "a", "-b", "a + (-b)"},       {'/', "a + b", "c", "(a + b)/c"},
    };
    for (size_t i = 0; i < sizeof bins / sizeof bins[0]; i++) {
        ng_expr *e = ng_expr_binary(bins[i].op, PARSE(bins[i].a), PARSE(bins[i].b));
        assert_string_equal(ng_expr_text(e), bins[i].want);
        ng_expr_free(e);
    }

    ng_expr *r = ng_expr_binary('*', ng_expr_rational(-3, 4), PARSE("x"));
    assert_string_equal(ng_expr_text(r), "-3/4*x");
    ng_expr_free(r);
    r = ng_expr_binary('/', PARSE("x"), ng_expr_rational(3, 4));
    assert_string_equal(ng_expr_text(r), "x/(3/4)");
    ng_expr_free(r);
    r = ng_expr_neg(ng_expr_binary('+', PARSE("x"), PARSE("1")));
    assert_string_equal(ng_expr_text(r), "-(x + 1)");
    ng_expr_free(r);

    /* Parsed text is kept as given, trimmed. */
    ng_expr *p = PARSE("  3 /  2 ");
    assert_string_equal(ng_expr_text(p), "3 /  2");
    ng_expr_free(p);

    /* Builders reject what they cannot build, freeing their arguments. */
    assert_null(ng_expr_call("cosh", PARSE("1")));
    assert_null(ng_expr_binary('%', PARSE("1"), PARSE("2")));
    assert_null(ng_expr_binary('+', NULL, PARSE("2")));
    assert_null(ng_expr_rational(1, 0));

    ng_expr_free(theta);
    ng_expr_free(tL);
    ng_expr_free(c);
    ng_expr_free(c2);
    ng_expr_free(t);
    ng_expr_free(m);
}

/* Composite expressions carry the `what` of their parsed parts into messages. */
static void test_messages_name_the_input(void **state)
{
    (void)state;
    ng_expr *theta;
    assert_int_equal(ng_expr_parse(&theta, "pi/2", "--theta"), NG_OK);
    ng_expr *t = ng_expr_call("tan", theta);
    ng_expr_domain d;
    ASSERT_STATUS(ng_expr_classify(&d, t), NG_EINPUT, "tan(pi/2)");
    ASSERT_MESSAGE_HAS("tan(pi/2) is undefined", "tan(--theta)");
    ng_expr_free(t);

    ng_expr *x;
    assert_int_equal(ng_expr_parse(&x, "1/(2 - 2)", "--h"), NG_OK);
    ng_expr *y = ng_expr_binary('*', ng_expr_rational(2, 1), x);
    ASSERT_STATUS(ng_expr_classify(&d, y), NG_EINPUT, "2*(1/(2-2))");
    ASSERT_MESSAGE_HAS("--h: 1/(2 - 2) divides by zero", "--h");
    ng_expr_free(y);
}

/* Found by fuzz_expr: a sum of products of 32nd roots with large
 * coefficients sent Calcium 0.4's qqbar fallback into minutes of root
 * refinement (now refused by the cost bounds of src/expr/decide.c). */
static void test_fuzz_regressions(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "2^-5+77777772^-5*777732^-2^-5*7777327772^-5*777732^-2^-5*777732777772 *12232 "
        "^-5-7777772^-5*777732^-2^-5*7777772 *1277772 *12232 ^-5-7777772^-5*777732^-2^-5*"
        "7777772 *12232 ^-5",
    };
    ng_ring_t B;
    ng_ring_init_ball(B, NG_TEST_PREC);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        clock_t t0 = clock();
        ng_expr *e = PARSE(cases[i]);
        ng_expr_domain d;
        ng_status s = ng_expr_classify(&d, e);
        assert_true(s == NG_OK || s == NG_ECOMPUTE);
        ng_ptr x = ng_elem_new(B);
        ASSERT_STATUS(ng_expr_eval(x, e, B), NG_OK, cases[i]);
        ng_elem_free(x, B);
        ng_expr_free(e);
        assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0);
    }
    ng_ring_clear(B);
}

/* ng_expr_get_latex: parameters as mathematics.  Expected strings written
 * by hand from the notation (fractions group by themselves; parentheses only
 * where the grammar needs them); each also compiles in the documents that
 * t-report-derive.sh builds. */
static void test_latex(void **state)
{
    static const char *const cases[][2] = {
        {"pi/4", "\\frac{\\pi}{4}"},
        {"sqrt(2)/2", "\\frac{\\sqrt{2}}{2}"},
        {"tanh(2/3)", "\\tanh\\left(\\frac{2}{3}\\right)"},
        {"theta", "\\theta"},
        {"-x^2", "-x^{2}"},
        {"(a+b)*c", "\\left(a + b\\right) \\, c"},
        {"a-(b-c)", "a - \\left(b - c\\right)"},
        {"a*2", "a \\cdot 2"},
        {"1e-3", "10^{-3}"},
        {"2.5e3", "2.5 \\cdot 10^{3}"},
        {"(-2)^3", "\\left(-2\\right)^{3}"},
        {"atanh(t)", "\\operatorname{artanh}\\left(t\\right)"},
        {"alpha_xz*tL", "\\alpha_{xz} \\, t_{L}"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ng_expr *e;
        char *s;
        assert_int_equal(ng_expr_parse(&e, cases[i][0], "test"), NG_OK);
        s = ng_expr_get_latex(e);
        if (strcmp(s, cases[i][1]) != 0)
            fail_msg("%s: got %s, expected %s", cases[i][0], s, cases[i][1]);
        flint_free(s);
        ng_expr_free(e);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_examples),
        cmocka_unit_test(test_decimal_random),
        cmocka_unit_test(test_classify_examples),
        cmocka_unit_test(test_undefined_values),
        cmocka_unit_test(test_undecidable_rationality),
        cmocka_unit_test(test_tanh_ball),
        cmocka_unit_test(test_ball_exact_points),
        cmocka_unit_test(test_random_rational_trees),
        cmocka_unit_test(test_random_real_trees),
        cmocka_unit_test(test_symbolic_identities),
        cmocka_unit_test(test_half_angle_substitution),
        cmocka_unit_test(test_symbolic_errors),
        cmocka_unit_test(test_symbols_accumulate),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_random_inputs),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_messages_name_the_input),
        cmocka_unit_test(test_fuzz_regressions),
        cmocka_unit_test(test_latex),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup_master();
    return r;
}
