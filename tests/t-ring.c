/* Coefficient rings (src/ring).  Second routes: exact NG_QQ arithmetic for
 * balls (containment), evaluation at integer points for rational functions
 * (a ring homomorphism where the denominators do not vanish), re-parsing for
 * text output. */
#include <string.h>

#include "ng_test.h"

/* ---- a table of expressions, evaluated in any ring ------------------------ */

typedef struct {
    slong c;  /* a nonzero word-sized integer */
    fmpq_t q; /* a rational */
    slong e;  /* a power-of-two exponent */
    ulong n;  /* a small power */
} args_t;

typedef int (*expr_fn)(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                       const ng_ring_t R);

static int e_add(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                 const ng_ring_t R)
{
    (void)z, (void)a;
    ng_elem_add(r, x, y, R);
    return 1;
}

static int e_sub(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                 const ng_ring_t R)
{
    (void)z, (void)a;
    ng_elem_sub(r, x, y, R);
    return 1;
}

static int e_mul(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                 const ng_ring_t R)
{
    (void)z, (void)a;
    ng_elem_mul(r, x, y, R);
    return 1;
}

static int e_neg(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                 const ng_ring_t R)
{
    (void)y, (void)z, (void)a;
    ng_elem_neg(r, x, R);
    return 1;
}

static int e_addmul(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                    const ng_ring_t R)
{
    (void)a;
    ng_elem_set(r, z, R);
    ng_elem_addmul(r, x, y, R);
    return 1;
}

static int e_mul_si(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                    const ng_ring_t R)
{
    (void)y, (void)z;
    ng_elem_mul_si(r, x, a->c, R);
    return 1;
}

static int e_mul_fmpq(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                      const ng_ring_t R)
{
    (void)y, (void)z;
    ng_elem_mul_fmpq(r, x, a->q, R);
    return 1;
}

static int e_mul_2exp(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                      const ng_ring_t R)
{
    (void)y, (void)z;
    ng_elem_mul_2exp_si(r, x, a->e, R);
    return 1;
}

static int e_div_si(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                    const ng_ring_t R)
{
    (void)y, (void)z;
    ng_elem_div_si(r, x, a->c, R);
    return 1;
}

static int e_div(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                 const ng_ring_t R)
{
    (void)z, (void)a;
    return ng_elem_div(r, x, y, R);
}

static int e_pow(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                 const ng_ring_t R)
{
    (void)y, (void)z;
    ng_elem_pow_ui(r, x, a->n, R);
    return 1;
}

/* (x + y)(z − x)·c + q·x^n / z, through set/set_si/set_fmpq/one/zero too. */
static int e_compound(ng_ptr r, ng_srcptr x, ng_srcptr y, ng_srcptr z, const args_t *a,
                      const ng_ring_t R)
{
    ng_ptr s = ng_elem_new(R), t = ng_elem_new(R), u = ng_elem_new(R);
    int ok;
    ng_elem_add(s, x, y, R);
    ng_elem_sub(t, z, x, R);
    ng_elem_mul(s, s, t, R);
    ng_elem_set_si(t, a->c, R);
    ng_elem_mul(s, s, t, R);
    ng_elem_pow_ui(t, x, a->n, R);
    ng_elem_set_fmpq(u, a->q, R);
    ng_elem_mul(t, t, u, R);
    ok = ng_elem_div(t, t, z, R);
    ng_elem_one(u, R);
    ng_elem_mul(s, s, u, R);
    ng_elem_zero(u, R);
    ng_elem_add(s, s, u, R);
    if (ok)
        ng_elem_add(r, s, t, R);
    ng_elem_free(s, R), ng_elem_free(t, R), ng_elem_free(u, R);
    return ok;
}

static const struct {
    const char *name;
    expr_fn f;
    int divisor; /* 1: divides by y, 2: by z */
} exprs[] = {
    {"x + y", e_add, 0},      {"x - y", e_sub, 0},
    {"x * y", e_mul, 0},      {"-x", e_neg, 0},
    {"z + x*y", e_addmul, 0}, {"x * c", e_mul_si, 0},
    {"x * q", e_mul_fmpq, 0}, {"x * 2^e", e_mul_2exp, 0},
    {"x / c", e_div_si, 0},   {"x / y", e_div, 1},
    {"x^n", e_pow, 0},        {"(x+y)(z-x)c + q x^n/z", e_compound, 2},
};
#define NEXPRS ((slong)(sizeof exprs / sizeof *exprs))

static void args_init(args_t *a)
{
    fmpq_init(a->q);
}

static void args_clear(args_t *a)
{
    fmpq_clear(a->q);
}

static void args_randtest(args_t *a, flint_rand_t state)
{
    static const slong extremes[] = {1, -1, 2, WORD_MAX, WORD_MIN, -WORD_MAX};
    if (n_randint(state, 4) == 0)
        a->c = extremes[n_randint(state, 6)];
    else
        do
            a->c = (slong)n_randint(state, 2001) - 1000;
        while (a->c == 0);
    fmpq_randtest(a->q, state, 1 + n_randint(state, 80));
    a->e = (slong)n_randint(state, 141) - 70;
    a->n = n_randint(state, 7);
}

static void print_args(const args_t *a)
{
    char *q = fmpq_get_str(NULL, 10, a->q);
    fprintf(stderr, "c = %ld, q = %s, e = %ld, n = %lu\n", (long)a->c, q, (long)a->e,
            (unsigned long)a->n);
    flint_free(q);
}

static void randtest_fmpq(fmpq_t x, flint_rand_t state)
{
    switch (n_randint(state, 4)) {
    case 0:
        fmpq_zero(x);
        break;
    case 1: /* small, often dyadic */
        fmpq_set_si(x, (slong)n_randint(state, 21) - 10, UWORD(1) << n_randint(state, 4));
        break;
    default:
        fmpq_randtest(x, state, 1 + n_randint(state, 200));
    }
}

/* Balls: every expression, evaluated on the ball enclosures of rational inputs,
 * contains the exact NG_QQ value of the same expression. */
static void test_ball_contains_exact(void **unused)
{
    flint_rand_t state;
    ng_ring_t Q, B;
    args_t a;
    (void)unused;
    ng_test_rand_init(state);
    ng_ring_init_qq(Q);
    args_init(&a);
    for (slong iter = 0; iter < ng_test_iters(10000); iter++) {
        slong prec = n_randint(state, 4) == 0 ? 2 + n_randint(state, 60) : NG_TEST_PREC;
        ng_ptr xq = ng_elem_new(Q), yq = ng_elem_new(Q), zq = ng_elem_new(Q),
               rq = ng_elem_new(Q), xb, yb, zb, rb;
        ng_ring_init_ball(B, prec);
        xb = ng_elem_new(B), yb = ng_elem_new(B), zb = ng_elem_new(B),
        rb = ng_elem_new(B);
        randtest_fmpq(xq, state);
        randtest_fmpq(yq, state);
        randtest_fmpq(zq, state);
        args_randtest(&a, state);
        ng_elem_set_fmpq(xb, xq, B);
        ng_elem_set_fmpq(yb, yq, B);
        ng_elem_set_fmpq(zb, zq, B);
        for (slong k = 0; k < NEXPRS; k++) {
            int okq = exprs[k].f(rq, xq, yq, zq, &a, Q);
            int okb = exprs[k].f(rb, xb, yb, zb, &a, B);
            /* The ball may refuse only when the divisor's enclosure contains zero
             * (possible for a nonzero rational at a few bits); it may never
             * divide by an exact zero. */
            ng_srcptr div = exprs[k].divisor == 1 ? yb : zb;
            int refusal_ok =
                exprs[k].divisor != 0 && ng_elem_is_zero(div, B) == T_UNKNOWN;
            if ((okq != okb && !(okq && refusal_ok)) ||
                (okq && okb && !ng_elem_contains_fmpq(rb, rq, B))) {
                fprintf(stderr, "%s at %ld bits: exact ok %d, ball ok %d\n",
                        exprs[k].name, (long)prec, okq, okb);
                ng_test_print_elem("x", xq, Q), ng_test_print_elem("y", yq, Q);
                ng_test_print_elem("z", zq, Q), print_args(&a);
                ng_test_print_elem("exact", rq, Q), ng_test_print_elem("ball", rb, B);
                ng_test_fail(__FILE__, __LINE__);
            }
        }
        ng_elem_free(xq, Q), ng_elem_free(yq, Q), ng_elem_free(zq, Q),
            ng_elem_free(rq, Q);
        ng_elem_free(xb, B), ng_elem_free(yb, B), ng_elem_free(zb, B),
            ng_elem_free(rb, B);
        ng_ring_clear(B);
    }
    args_clear(&a);
    ng_ring_clear(Q);
    ng_test_rand_clear(state);
}

/* Rational functions: evaluating at an integer point commutes with every
 * expression wherever the denominators involved do not vanish. */
static int eval_params(fmpq_t v, ng_srcptr f, fmpz *const *pt, const ng_ring_t R)
{
    const fmpz_mpoly_q_struct *F = f;
    fmpz_t n, d;
    int ok;
    fmpz_init(n);
    fmpz_init(d);
    ok = fmpz_mpoly_evaluate_all_fmpz(n, fmpz_mpoly_q_numref(F), pt, R->mctx) &&
         fmpz_mpoly_evaluate_all_fmpz(d, fmpz_mpoly_q_denref(F), pt, R->mctx) &&
         !fmpz_is_zero(d);
    if (ok)
        fmpq_set_fmpz_frac(v, n, d);
    fmpz_clear(n);
    fmpz_clear(d);
    return ok;
}

static void test_params_evaluation(void **unused)
{
    flint_rand_t state;
    ng_ring_t Q, P;
    args_t a;
    fmpz *vals = _fmpz_vec_init(3);
    fmpz *pt[3] = {vals, vals + 1, vals + 2};
    (void)unused;
    ng_test_rand_init(state);
    ng_ring_init_qq(Q);
    ng_test_ring_init(P, NG_QQ_PARAMS);
    args_init(&a);
    for (slong iter = 0; iter < ng_test_iters(1500); iter++) {
        ng_ptr x = ng_elem_new(P), y = ng_elem_new(P), z = ng_elem_new(P),
               r = ng_elem_new(P);
        ng_ptr xq = ng_elem_new(Q), yq = ng_elem_new(Q), zq = ng_elem_new(Q),
               rq = ng_elem_new(Q), rv = ng_elem_new(Q);
        ng_elem_randtest(x, state, P);
        ng_elem_randtest(y, state, P);
        ng_elem_randtest(z, state, P);
        if (n_randint(state, 8) == 0)
            ng_elem_zero(y, P);
        args_randtest(&a, state);
        a.c = FLINT_MAX(FLINT_MIN(a.c, 1000), -1000); /* keep the evaluation small */
        if (a.c == 0)
            a.c = 1;
        for (int i = 0; i < 3; i++)
            fmpz_set_si(vals + i, (slong)n_randint(state, 11) - 5);
        if (!eval_params(xq, x, pt, P) || !eval_params(yq, y, pt, P) ||
            !eval_params(zq, z, pt, P))
            goto next; /* a pole: another point next time */
        for (slong k = 0; k < NEXPRS; k++) {
            int okp = exprs[k].f(r, x, y, z, &a, P);
            int okq = exprs[k].f(rq, xq, yq, zq, &a, Q);
            int defined = okp && eval_params(rv, r, pt, P);
            /* both refuse (a zero divisor), or x/y with y ≠ 0 but y(point) = 0:
             * a pole of the result, not a bug */
            if (!okq)
                continue;
            if (okp != okq || !defined || !fmpq_equal(rv, rq)) {
                fprintf(stderr, "%s: symbolic ok %d, at the point ok %d\n", exprs[k].name,
                        okp, okq);
                ng_test_print_elem("x", x, P), ng_test_print_elem("y", y, P);
                ng_test_print_elem("z", z, P), print_args(&a);
                fprintf(stderr, "point (a, b, c) = (%ld, %ld, %ld)\n",
                        (long)fmpz_get_si(vals), (long)fmpz_get_si(vals + 1),
                        (long)fmpz_get_si(vals + 2));
                ng_test_print_elem("symbolic", r, P);
                ng_test_print_elem("evaluated first", rq, Q);
                ng_test_fail(__FILE__, __LINE__);
            }
        }
    next:
        ng_elem_free(x, P), ng_elem_free(y, P), ng_elem_free(z, P), ng_elem_free(r, P);
        ng_elem_free(xq, Q), ng_elem_free(yq, Q), ng_elem_free(zq, Q),
            ng_elem_free(rq, Q);
        ng_elem_free(rv, Q);
    }
    args_clear(&a);
    _fmpz_vec_clear(vals, 3);
    ng_ring_clear(P);
    ng_ring_clear(Q);
    ng_test_rand_clear(state);
}

/* ---- field axioms in every ring ------------------------------------------ */

/* Exact rings must decide equality; balls may only fail to separate. */
static void check_equal(ng_srcptr u, ng_srcptr v, const ng_ring_t R, const char *what,
                        ng_srcptr x, ng_srcptr y, ng_srcptr z, int line)
{
    truth_t t = ng_elem_equal(u, v, R);
    if (t == T_TRUE || (!ng_ring_is_exact(R) && t == T_UNKNOWN))
        return;
    fprintf(stderr, "axiom %s fails in %s\n", what, ng_ring_kind_name(R));
    ng_test_print_elem("x", x, R), ng_test_print_elem("y", y, R),
        ng_test_print_elem("z", z, R);
    ng_test_print_elem("lhs", u, R), ng_test_print_elem("rhs", v, R);
    ng_test_fail(__FILE__, line);
}

static void axioms_in(const ng_ring_t R, flint_rand_t state, void *arg)
{
    (void)arg;
    for (slong iter = 0; iter < ng_test_iters(R->kind == NG_QQ_PARAMS ? 750 : 5000);
         iter++) {
        ng_ptr x = ng_elem_new(R), y = ng_elem_new(R), z = ng_elem_new(R);
        ng_ptr u = ng_elem_new(R), v = ng_elem_new(R), w = ng_elem_new(R);
        fmpq_t q;
        slong c = (slong)n_randint(state, 200) - 100;
        ulong n = n_randint(state, 6);
        fmpq_init(q);
        ng_elem_randtest(x, state, R);
        ng_elem_randtest(y, state, R);
        ng_elem_randtest(z, state, R);
#define CHECK(what) check_equal(u, v, R, what, x, y, z, __LINE__)
        ng_elem_add(u, x, y, R), ng_elem_add(v, y, x, R), CHECK("x+y = y+x");
        ng_elem_mul(u, x, y, R), ng_elem_mul(v, y, x, R), CHECK("xy = yx");
        ng_elem_add(u, x, y, R), ng_elem_add(u, u, z, R);
        ng_elem_add(v, y, z, R), ng_elem_add(v, x, v, R), CHECK("(x+y)+z = x+(y+z)");
        ng_elem_mul(u, x, y, R), ng_elem_mul(u, u, z, R);
        ng_elem_mul(v, y, z, R), ng_elem_mul(v, x, v, R), CHECK("(xy)z = x(yz)");
        ng_elem_add(u, y, z, R), ng_elem_mul(u, x, u, R);
        ng_elem_mul(v, x, y, R), ng_elem_mul(w, x, z, R), ng_elem_add(v, v, w, R);
        CHECK("x(y+z) = xy+xz");
        ng_elem_zero(w, R), ng_elem_add(u, x, w, R), ng_elem_set(v, x, R),
            CHECK("x+0 = x");
        ng_elem_one(w, R), ng_elem_mul(u, x, w, R), CHECK("x*1 = x");
        ng_elem_neg(w, x, R), ng_elem_add(u, x, w, R), ng_elem_zero(v, R),
            CHECK("x+(-x) = 0");
        ng_elem_sub(u, x, y, R), ng_elem_neg(w, y, R), ng_elem_add(v, x, w, R);
        CHECK("x-y = x+(-y)");
        ng_elem_set(u, z, R), ng_elem_addmul(u, x, y, R);
        ng_elem_mul(v, x, y, R), ng_elem_add(v, z, v, R), CHECK("addmul: z+xy");
        ng_elem_mul_si(u, x, c, R), ng_elem_set_si(w, c, R), ng_elem_mul(v, x, w, R);
        CHECK("x*c (si)");
        fmpq_randtest(q, state, 20);
        ng_elem_mul_fmpq(u, x, q, R), ng_elem_set_fmpq(w, q, R), ng_elem_mul(v, x, w, R);
        CHECK("x*q (fmpq)");
        ng_elem_mul_2exp_si(u, x, c, R), ng_elem_mul_2exp_si(u, u, -c, R),
            ng_elem_set(v, x, R);
        CHECK("x*2^c*2^-c = x");
        fmpq_set_si(q, 1, 1), fmpq_mul_2exp(q, q, (ulong)FLINT_ABS(c));
        if (c < 0)
            fmpq_inv(q, q);
        ng_elem_mul_2exp_si(u, x, c, R), ng_elem_mul_fmpq(v, x, q, R), CHECK("x*2^c");
        if (c != 0) {
            ng_elem_div_si(u, x, c, R), ng_elem_mul_si(u, u, c, R), ng_elem_set(v, x, R);
            CHECK("(x/c)*c = x");
        }
        ng_elem_pow_ui(u, x, n, R), ng_elem_one(v, R);
        for (ulong k = 0; k < n; k++)
            ng_elem_mul(v, v, x, R);
        CHECK("x^n = x*...*x");
        if (ng_elem_is_zero(y, R) == T_FALSE) {
            assert_true(ng_elem_div(u, x, y, R));
            ng_elem_mul(u, u, y, R), ng_elem_set(v, x, R), CHECK("(x/y)*y = x");
            assert_true(ng_elem_div(u, y, y, R));
            ng_elem_one(v, R), CHECK("y/y = 1");
        }
#undef CHECK
        fmpq_clear(q);
        ng_elem_free(x, R), ng_elem_free(y, R), ng_elem_free(z, R);
        ng_elem_free(u, R), ng_elem_free(v, R), ng_elem_free(w, R);
    }
}

static void test_field_axioms(void **unused)
{
    flint_rand_t state;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_foreach_ring(axioms_in, state, NULL);
    ng_test_rand_clear(state);
}

/* ---- aliasing ------------------------------------------------------------ */

/* Bit-for-bit the same value (balls: same midpoint and radius). */
static int same(ng_srcptr u, ng_srcptr v, const ng_ring_t R)
{
    if (R->kind == NG_BALL)
        return arb_equal(u, v);
    return ng_elem_equal(u, v, R) == T_TRUE;
}

typedef void (*binary_fn)(ng_ptr, ng_srcptr, ng_srcptr, const ng_ring_t);

static void div_or_zero(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R)
{
    if (!ng_elem_div(z, x, y, R))
        ng_elem_zero(z, R);
}

static void addmul_fn(ng_ptr z, ng_srcptr x, ng_srcptr y, const ng_ring_t R)
{
    ng_elem_addmul(z, x, y, R);
}

static void aliasing_in(const ng_ring_t R, flint_rand_t state, void *arg)
{
    static const struct {
        const char *name;
        binary_fn f;
        int accumulates; /* the output is also an input (addmul) */
    } ops[] = {{"add", ng_elem_add, 0},
               {"sub", ng_elem_sub, 0},
               {"mul", ng_elem_mul, 0},
               {"div", div_or_zero, 0},
               {"addmul", addmul_fn, 1}};
    (void)arg;
    for (slong iter = 0; iter < ng_test_iters(R->kind == NG_QQ_PARAMS ? 300 : 1500);
         iter++) {
        ng_ptr x = ng_elem_new(R), y = ng_elem_new(R), z0 = ng_elem_new(R);
        ng_ptr want = ng_elem_new(R), t = ng_elem_new(R), xc = ng_elem_new(R);
        slong c = (slong)n_randint(state, 200) - 100;
        fmpq_t q;
        fmpq_init(q);
        fmpq_randtest(q, state, 10);
        ng_elem_randtest(x, state, R);
        ng_elem_randtest(y, state, R);
        ng_elem_randtest(z0, state, R);
        for (size_t k = 0; k < sizeof ops / sizeof *ops; k++) {
            int bad = 0;
            /* z = f(x, y) into a fresh output first */
            ng_elem_set(want, z0, R), ops[k].f(want, x, y, R);
            ng_elem_set(t, x, R), ops[k].f(t, t, y, R); /* z aliases x */
            if (!ops[k].accumulates)
                bad |= !same(t, want, R);
            ng_elem_set(t, y, R), ops[k].f(t, x, t, R); /* z aliases y */
            if (!ops[k].accumulates)
                bad |= !same(t, want, R);
            ng_elem_set(want, z0, R), ops[k].f(want, x, x, R);
            ng_elem_set(t, z0, R), ng_elem_set(xc, x, R),
                ops[k].f(t, xc, xc, R); /* x = y */
            bad |= !same(t, want, R);
            if (!ops[k].accumulates) {
                ng_elem_set(t, x, R), ops[k].f(t, t, t, R); /* all three */
                bad |= !same(t, want, R);
            } else {
                /* z += z*y and z += x*z against a copy of z as input */
                ng_elem_set(want, z0, R), ng_elem_set(xc, z0, R),
                    ops[k].f(want, xc, y, R);
                ng_elem_set(t, z0, R), ops[k].f(t, t, y, R);
                bad |= !same(t, want, R);
                ng_elem_set(want, z0, R), ops[k].f(want, x, xc, R);
                ng_elem_set(t, z0, R), ops[k].f(t, x, t, R);
                bad |= !same(t, want, R);
                ng_elem_set(want, z0, R), ops[k].f(want, xc, xc, R);
                ng_elem_set(t, z0, R), ops[k].f(t, t, t, R);
                bad |= !same(t, want, R);
            }
            if (bad) {
                fprintf(stderr, "aliasing in %s\n", ops[k].name);
                ng_test_print_elem("x", x, R), ng_test_print_elem("y", y, R);
                ng_test_print_elem("z", z0, R);
                ng_test_print_elem("fresh output", want, R);
                ng_test_print_elem("aliased output", t, R);
                ng_test_fail(__FILE__, __LINE__);
            }
        }
        /* unary operations in place */
#define UNARY(call_fresh, call_inplace)                                                  \
    do {                                                                                 \
        call_fresh;                                                                      \
        ng_elem_set(t, x, R);                                                            \
        call_inplace;                                                                    \
        if (!same(t, want, R)) {                                                         \
            fprintf(stderr, "aliasing in %s\n", #call_inplace);                          \
            ng_test_print_elem("x", x, R);                                               \
            ng_test_print_elem("fresh output", want, R);                                 \
            ng_test_print_elem("aliased output", t, R);                                  \
            ng_test_fail(__FILE__, __LINE__);                                            \
        }                                                                                \
    } while (0)
        UNARY(ng_elem_neg(want, x, R), ng_elem_neg(t, t, R));
        UNARY(ng_elem_mul_si(want, x, c, R), ng_elem_mul_si(t, t, c, R));
        UNARY(ng_elem_mul_fmpq(want, x, q, R), ng_elem_mul_fmpq(t, t, q, R));
        UNARY(ng_elem_mul_2exp_si(want, x, c, R), ng_elem_mul_2exp_si(t, t, c, R));
        if (c != 0)
            UNARY(ng_elem_div_si(want, x, c, R), ng_elem_div_si(t, t, c, R));
        UNARY(ng_elem_pow_ui(want, x, 3, R), ng_elem_pow_ui(t, t, 3, R));
        UNARY(ng_elem_set(want, x, R), ng_elem_set(t, t, R));
#undef UNARY
        /* swap */
        ng_elem_set(t, x, R), ng_elem_set(xc, y, R), ng_elem_swap(t, xc, R);
        assert_true(same(t, y, R) && same(xc, x, R));
        fmpq_clear(q);
        ng_elem_free(x, R), ng_elem_free(y, R), ng_elem_free(z0, R);
        ng_elem_free(want, R), ng_elem_free(t, R), ng_elem_free(xc, R);
    }
}

static void test_aliasing(void **unused)
{
    flint_rand_t state;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_foreach_ring(aliasing_in, state, NULL);
    ng_test_rand_clear(state);
}

/* ---- division by zero and decisions -------------------------------------- */

/* A ball [m +/- 2^r_exp] in ring B. */
static void ball_set(ng_ptr x, slong m_num, ulong m_den, slong r_exp, const ng_ring_t B)
{
    arb_t b;
    fmpq_t m;
    arb_init(b);
    fmpq_init(m);
    fmpq_set_si(m, m_num, m_den);
    arb_set_fmpq(b, m, B->prec);
    mag_set_ui_2exp_si(arb_radref(b), 1, r_exp);
    ng_elem_set_arb(x, b, B);
    arb_clear(b);
    fmpq_clear(m);
}

static void div_zero_in(const ng_ring_t R, flint_rand_t state, void *arg)
{
    ng_ptr x = ng_elem_new(R), zero = ng_elem_new(R), z = ng_elem_new(R);
    (void)arg;
    for (slong iter = 0; iter < ng_test_iters(250); iter++) {
        ng_elem_randtest(x, state, R);
        ng_elem_zero(zero, R);
        assert_int_equal(ng_elem_div(z, x, zero, R), 0);
        ng_elem_sub(zero, x, x, R); /* zero computed, not set */
        if (R->kind != NG_BALL)
            assert_int_equal(ng_elem_div(z, x, zero, R), 0);
    }
    if (R->kind == NG_BALL) {
        /* a ball that contains zero without being zero cannot be divided by */
        ball_set(zero, 0, 1, -100, R);
        assert_int_equal(ng_elem_div(z, x, zero, R), 0);
        ball_set(zero, 1, 1 << 20, -10, R); /* [2^-20 +/- 2^-10] */
        assert_int_equal(ng_elem_div(z, x, zero, R), 0);
        ball_set(zero, 3, 1, -10, R); /* [3 +/- 2^-10] excludes zero */
        assert_int_equal(ng_elem_div(z, x, zero, R), 1);
    }
    ng_elem_free(x, R), ng_elem_free(zero, R), ng_elem_free(z, R);
}

static void test_div_by_zero(void **unused)
{
    flint_rand_t state;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_foreach_ring(div_zero_in, state, NULL);
    ng_test_rand_clear(state);
}

static void test_decisions(void **unused)
{
    flint_rand_t state;
    ng_ring_t Q, P, B;
    ng_ptr x, y;
    fmpq_t c, d;
    arb_t b;
    int sign = 7;
    (void)unused;
    ng_test_rand_init(state);
    fmpq_init(c), fmpq_init(d), arb_init(b);
    ng_test_ring_init(Q, NG_QQ), ng_test_ring_init(P, NG_QQ_PARAMS);
    ng_test_ring_init(B, NG_BALL);

    /* Exact rationals, and constants of Q(a, b, c): sign and zero test of the fmpq. */
    for (slong iter = 0; iter < ng_test_iters(1500); iter++) {
        const ng_ring_struct *rings[2] = {Q, P};
        randtest_fmpq(c, state);
        for (int k = 0; k < 2; k++) {
            const ng_ring_struct *R = rings[k];
            x = ng_elem_new(R);
            ng_elem_set_fmpq(x, c, R);
            assert_int_equal(ng_elem_sgn(&sign, x, R), 0);
            assert_int_equal(sign, fmpq_sgn(c));
            assert_int_equal(ng_elem_is_zero(x, R), fmpq_is_zero(c) ? T_TRUE : T_FALSE);
            assert_int_equal(ng_elem_is_exact_zero(x, R), fmpq_is_zero(c));
            assert_true(ng_elem_get_fmpq(d, x, R) && fmpq_equal(c, d));
            assert_true(ng_elem_contains_fmpq(x, c, R));
            fmpq_add_si(d, c, 1);
            assert_false(ng_elem_contains_fmpq(x, d, R));
            assert_true(ng_elem_get_arb(b, x, 100, R) && arb_contains_fmpq(b, c));
            ng_elem_free(x, R);
        }
    }

    /* A parameter is not a constant: no sign, no rational value, no enclosure. */
    x = ng_elem_new(P), y = ng_elem_new(P);
    ng_elem_gen(x, 1, P);
    assert_int_equal(ng_elem_sgn(&sign, x, P), -1);
    assert_int_equal(ng_elem_is_zero(x, P), T_FALSE);
    assert_int_equal(ng_elem_get_fmpq(c, x, P), 0);
    assert_int_equal(ng_elem_get_arb(b, x, 64, P), 0);
    ng_elem_gen(y, 2, P);
    assert_int_equal(ng_elem_equal(x, y, P), T_FALSE);
    ng_elem_sub(y, x, x, P);
    assert_int_equal(ng_elem_is_zero(y, P), T_TRUE);
    ng_elem_free(x, P), ng_elem_free(y, P);

    /* Balls. */
    x = ng_elem_new(B), y = ng_elem_new(B);
    ng_elem_zero(x, B);
    assert_int_equal(ng_elem_is_zero(x, B), T_TRUE);
    assert_int_equal(ng_elem_sgn(&sign, x, B), 0);
    assert_int_equal(sign, 0);
    ball_set(x, 0, 1, -60, B);
    assert_int_equal(ng_elem_is_zero(x, B), T_UNKNOWN);
    assert_int_equal(ng_elem_is_exact_zero(x, B), 0);
    assert_int_equal(ng_elem_sgn(&sign, x, B), -1);
    assert_int_equal(ng_elem_get_fmpq(c, x, B), 0);
    ball_set(x, 1, 3, -60, B);
    assert_int_equal(ng_elem_is_zero(x, B), T_FALSE);
    assert_int_equal(ng_elem_sgn(&sign, x, B), 0);
    assert_int_equal(sign, 1);
    ball_set(x, -1, 3, -60, B);
    assert_int_equal(ng_elem_sgn(&sign, x, B), 0);
    assert_int_equal(sign, -1);
    ball_set(y, -1, 3, -50, B);
    assert_int_equal(ng_elem_equal(x, y, B), T_UNKNOWN); /* overlapping balls */
    ball_set(y, 1, 3, -50, B);
    assert_int_equal(ng_elem_equal(x, y, B), T_FALSE);
    ng_elem_set_si(x, -5, B), ng_elem_div_si(x, x, 4, B); /* −5/4 is dyadic: exact */
    fmpq_set_si(d, -5, 4);
    assert_true(ng_elem_get_fmpq(c, x, B) && fmpq_equal(c, d));
    ng_elem_set_si(y, -5, B);
    ng_elem_mul_2exp_si(y, y, -2, B);
    assert_int_equal(ng_elem_equal(x, y, B), T_TRUE);
    ng_elem_free(x, B), ng_elem_free(y, B);

    ng_ring_clear(Q), ng_ring_clear(P), ng_ring_clear(B);
    fmpq_clear(c), fmpq_clear(d), arb_clear(b);
    ng_test_rand_clear(state);
}

/* ---- text ---------------------------------------------------------------- */

/* Parses get_str's rational-function form "N", "N/D", "(N)/D", "N/(D)",
 * "(N)/(D)" with fmpz_mpoly_set_str_pretty: the second route for params text. */
static int parse_params(ng_ptr f, const char *s, const ng_ring_t R)
{
    size_t n = strlen(s);
    char *buf = flint_malloc(n + 1), *num = buf, *den = NULL;
    int depth = 0, ok;
    fmpz_mpoly_q_struct *F = f;
    strcpy(buf, s);
    for (size_t i = 0; i < n; i++) {
        depth += (buf[i] == '(') - (buf[i] == ')');
        if (depth == 0 && buf[i] == '/')
            buf[i] = '\0', den = buf + i + 1;
    }
    ok = fmpz_mpoly_set_str_pretty(fmpz_mpoly_q_numref(F), num, (const char **)R->names,
                                   R->mctx) == 0;
    if (den == NULL)
        fmpz_mpoly_one(fmpz_mpoly_q_denref(F), R->mctx);
    else
        ok = ok && fmpz_mpoly_set_str_pretty(fmpz_mpoly_q_denref(F), den,
                                             (const char **)R->names, R->mctx) == 0;
    ok = ok && !fmpz_mpoly_is_zero(fmpz_mpoly_q_denref(F), R->mctx);
    if (ok)
        fmpz_mpoly_q_canonicalise(F, R->mctx);
    else
        fmpz_mpoly_q_zero(F, R->mctx), fmpz_mpoly_one(fmpz_mpoly_q_denref(F), R->mctx);
    flint_free(buf);
    return ok;
}

/* "[mid +/- rad]" re-read at a generous precision. */
static void reparse_mid_rad(arb_t b, ng_srcptr x, slong digits, const ng_ring_t R)
{
    char *mid, *rad, *s;
    ng_elem_get_mid_rad(&mid, &rad, x, digits, R);
    s = flint_malloc(strlen(mid) + strlen(rad) + 10);
    sprintf(s, "[%s +/- %s]", mid, rad);
    if (arb_set_str(b, s, 4 * digits + 256) != 0) {
        fprintf(stderr, "mid/rad \"%s\" does not parse\n", s);
        ng_test_fail(__FILE__, __LINE__);
    }
    flint_free(s), flint_free(mid), flint_free(rad);
}

/* s is a plain decimal (no brackets) that reads back as exactly p/q. */
static void assert_exact_decimal(const char *s, slong p, ulong q)
{
    arb_t b;
    fmpq_t c;
    arb_init(b);
    fmpq_init(c);
    fmpq_set_si(c, p, q);
    if (strchr(s, '[') != NULL || arb_set_str(b, s, 256) != 0 || !arb_is_exact(b) ||
        !arb_contains_fmpq(b, c)) {
        fprintf(stderr, "\"%s\" is not exactly %ld/%lu\n", s, (long)p, (unsigned long)q);
        ng_test_fail(__FILE__, __LINE__);
    }
    arb_clear(b);
    fmpq_clear(c);
}

static void test_strings_known(void **unused)
{
    ng_ring_t Q, P, B;
    ng_ptr x, y;
    fmpq_t c;
    char *s, *mid, *rad;
    (void)unused;
    fmpq_init(c);
    ng_test_ring_init(Q, NG_QQ), ng_test_ring_init(P, NG_QQ_PARAMS);
    ng_test_ring_init(B, NG_BALL);

    /* 3/2: the forms ring.h documents */
    x = ng_elem_new(Q);
    fmpq_set_si(c, 3, 2);
    ng_elem_set_fmpq(x, c, Q);
    s = ng_elem_get_str(x, 10, Q), assert_string_equal(s, "3/2"), flint_free(s);
    s = ng_elem_get_latex(x, 10, Q), assert_string_equal(s, "\\frac{3}{2}"),
    flint_free(s);
    /* 3/2 is a binary fraction, so its enclosure is exact: radius "0" and a
     * midpoint that reads back as exactly 3/2 (arb pads it to the digits asked) */
    ng_elem_get_mid_rad(&mid, &rad, x, 10, Q);
    assert_string_equal(rad, "0");
    assert_exact_decimal(mid, 3, 2);
    flint_free(mid), flint_free(rad);
    ng_elem_free(x, Q);

    /* (2a + b)/c: LaTeX as ring.h documents it.  The plain form is FLINT's
     * fmpz_mpoly_get_str_pretty "2*a+b" with elem_str.c's rule of bracketing
     * a non-constant denominator; ring.h's example "(2*a + b)/c" shows spaces
     * and no brackets, which the code has never produced. */
    x = ng_elem_new(P), y = ng_elem_new(P);
    ng_elem_gen(x, 0, P), ng_elem_mul_si(x, x, 2, P);
    ng_elem_gen(y, 1, P), ng_elem_add(x, x, y, P);
    ng_elem_gen(y, 2, P), assert_true(ng_elem_div(x, x, y, P));
    s = ng_elem_get_latex(x, 10, P), assert_string_equal(s, "\\frac{2 a + b}{c}"),
    flint_free(s);
    s = ng_elem_get_str(x, 10, P), assert_string_equal(s, "(2*a+b)/(c)"), flint_free(s);
    ng_elem_gen(y, 0, P);
    s = ng_elem_get_str(y, 10, P), assert_string_equal(s, "a"), flint_free(s);
    ng_elem_free(x, P), ng_elem_free(y, P);

    /* Balls: an exact value prints without brackets; 1/3 encloses. */
    x = ng_elem_new(B);
    fmpq_set_si(c, 3, 2);
    ng_elem_set_fmpq(x, c, B);
    s = ng_elem_get_str(x, 10, B), assert_exact_decimal(s, 3, 2), flint_free(s);
    ng_elem_get_mid_rad(&mid, &rad, x, 10, B);
    assert_string_equal(rad, "0");
    assert_exact_decimal(mid, 3, 2);
    flint_free(mid), flint_free(rad);
    fmpq_set_si(c, -1, 3);
    ng_elem_set_fmpq(x, c, B);
    s = ng_elem_get_str(x, 5, B);
    assert_true(s[0] == '[' && strstr(s, "+/-") != NULL);
    flint_free(s);
    ng_elem_zero(x, B);
    ng_elem_get_mid_rad(&mid, &rad, x, 10, B);
    assert_string_equal(mid, "0"), assert_string_equal(rad, "0");
    flint_free(mid), flint_free(rad);
    ball_set(x, 0, 1, -30, B); /* "[+/- r]": the midpoint reads as 0 */
    ng_elem_get_mid_rad(&mid, &rad, x, 10, B);
    assert_string_equal(mid, "0");
    flint_free(mid), flint_free(rad);
    ng_elem_free(x, B);

    ng_ring_clear(Q), ng_ring_clear(P), ng_ring_clear(B);
    fmpq_clear(c);
}

static void test_strings_roundtrip(void **unused)
{
    flint_rand_t state;
    ng_ring_t Q, P, B;
    fmpq_t c, d;
    arb_t b;
    (void)unused;
    ng_test_rand_init(state);
    fmpq_init(c), fmpq_init(d), arb_init(b);
    ng_test_ring_init(Q, NG_QQ), ng_test_ring_init(P, NG_QQ_PARAMS);
    ng_test_ring_init(B, NG_BALL);
    for (slong iter = 0; iter < ng_test_iters(2500); iter++) {
        slong digits = 1 + n_randint(state, 40);
        ng_ptr x = ng_elem_new(Q), f = ng_elem_new(P), g = ng_elem_new(P),
               y = ng_elem_new(B);
        char *s;
        randtest_fmpq(c, state);

        /* rationals: get_str re-read by fmpq_set_str; mid/rad contains the value */
        ng_elem_set_fmpq(x, c, Q);
        s = ng_elem_get_str(x, digits, Q);
        if (fmpq_set_str(d, s, 10) != 0 || !fmpq_equal(c, d)) {
            fprintf(stderr, "\"%s\" does not re-read as itself\n", s);
            ng_test_fail(__FILE__, __LINE__);
        }
        flint_free(s);
        reparse_mid_rad(b, x, digits, Q);
        if (!arb_contains_fmpq(b, c)) {
            ng_test_print_elem("x", x, Q);
            arb_printd(b, 30),
                fprintf(stderr, " (re-read mid/rad at %ld digits)\n", (long)digits);
            ng_test_fail(__FILE__, __LINE__);
        }

        /* rational functions: the text re-parses to the same element */
        ng_elem_randtest(f, state, P);
        s = ng_elem_get_str(f, digits, P);
        if (!parse_params(g, s, P) || ng_elem_equal(f, g, P) != T_TRUE) {
            fprintf(stderr, "\"%s\" does not re-parse as itself\n", s);
            ng_test_print_elem("re-parsed", g, P);
            ng_test_fail(__FILE__, __LINE__);
        }
        flint_free(s);
        ng_elem_set_fmpq(f, c, P);
        reparse_mid_rad(b, f, digits, P);
        assert_true(arb_contains_fmpq(b, c));

        /* balls: the re-read mid/rad contains the whole printed ball */
        ng_elem_set_fmpq(y, c, B);
        if (n_randint(state, 2))
            mag_set_ui_2exp_si(arb_radref((arb_struct *)y), 1 + n_randint(state, 1000),
                               -(slong)n_randint(state, 200));
        reparse_mid_rad(b, y, digits, B);
        if (!arb_contains(b, y)) {
            ng_test_print_elem("ball", y, B);
            arb_printd(b, 30),
                fprintf(stderr, " (re-read mid/rad at %ld digits)\n", (long)digits);
            ng_test_fail(__FILE__, __LINE__);
        }
        s = ng_elem_get_str(y, digits, B);
        assert_int_equal(arb_set_str(b, s, 4 * digits + 256), 0);
        assert_true(arb_contains(b, y));
        flint_free(s);
        ng_elem_free(x, Q), ng_elem_free(f, P), ng_elem_free(g, P), ng_elem_free(y, B);
    }
    ng_ring_clear(Q), ng_ring_clear(P), ng_ring_clear(B);
    fmpq_clear(c), fmpq_clear(d), arb_clear(b);
    ng_test_rand_clear(state);
}

/* ---- contexts and vectors ------------------------------------------------ */

static void test_contexts(void **unused)
{
    const char *names[] = {"alpha", "t_L"};
    ng_ring_t R;
    ng_ptr v;
    fmpq_t c;
    (void)unused;
    fmpq_init(c);
    ng_ring_init_params(R, names, 2);
    names[0] = "changed"; /* names are copied */
    assert_int_equal(ng_ring_param_index(R, "alpha"), 0);
    assert_int_equal(ng_ring_param_index(R, "t_L"), 1);
    assert_int_equal(ng_ring_param_index(R, "t"), -1);
    assert_true(ng_ring_is_exact(R));
    assert_string_equal(ng_ring_kind_name(R), "symbolic");
    v = ng_vec_init(3, R);
    ng_elem_gen(ng_vec_entry(v, 1, R), 1, R);
    v = ng_vec_grow(v, 3, 5, R);
    {
        char *s = ng_elem_get_str(ng_vec_srcentry(v, 1, R), 10, R);
        assert_string_equal(s, "t_L");
        flint_free(s);
    }
    assert_int_equal(ng_elem_is_zero(ng_vec_srcentry(v, 4, R), R), T_TRUE);
    ng_vec_clear(v, 5, R);
    ng_ring_clear(R);

    ng_ring_init_params(R, NULL, 0); /* Q written as Q() */
    v = ng_vec_init(2, R);
    fmpq_set_si(c, -7, 3);
    ng_elem_set_fmpq(v, c, R);
    ng_elem_mul(ng_vec_entry(v, 1, R), v, v, R);
    fmpq_mul(c, c, c);
    assert_true(ng_elem_contains_fmpq(ng_vec_srcentry(v, 1, R), c, R));
    ng_vec_clear(v, 2, R);
    ng_ring_clear(R);

    ng_ring_init_qq(R);
    assert_int_equal(ng_ring_param_index(R, "a"), -1);
    assert_string_equal(ng_ring_kind_name(R), "rational");
    ng_ring_clear(R);
    ng_ring_init_ball(R, 77);
    assert_false(ng_ring_is_exact(R));
    assert_int_equal(R->prec, 77);
    assert_string_equal(ng_ring_kind_name(R), "ball");
    ng_ring_clear(R);
    fmpq_clear(c);
}

/* ---- shape, derivatives and maps between rings --------------------------- */

static void assert_elem_equal(ng_srcptr x, ng_srcptr y, const ng_ring_t R, const char *what,
                              int line)
{
    if (ng_elem_equal(x, y, R) != T_TRUE) {
        fprintf(stderr, "%s differs\n", what);
        ng_test_print_elem("got", x, R);
        ng_test_print_elem("expected", y, R);
        ng_test_fail(__FILE__, line);
    }
}

/* ∂ is a derivation: ∂(fg) = f'g + fg', ∂(f/g) = (f'g − fg')/g², ∂(gen w)
 * = δ_vw; and the known ∂_a (a²b/(a + 1)) = ab(a + 2)/(a + 1)². */
static void test_derivative(void **unused)
{
    flint_rand_t state;
    ng_ring_t P;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_ring_init(P, NG_QQ_PARAMS);
    ng_ptr f = ng_elem_new(P), g = ng_elem_new(P), df = ng_elem_new(P), dg = ng_elem_new(P),
           l = ng_elem_new(P), r = ng_elem_new(P), t = ng_elem_new(P);
    for (slong iter = 0; iter < ng_test_iters(300); iter++) {
        slong v = n_randint(state, 3);
        ng_elem_randtest(f, state, P);
        ng_elem_randtest(g, state, P);
        ng_elem_derivative(df, f, v, P);
        ng_elem_derivative(dg, g, v, P);
        ng_elem_mul(t, f, g, P);
        ng_elem_derivative(l, t, v, P);
        ng_elem_mul(r, df, g, P);
        ng_elem_addmul(r, f, dg, P);
        assert_elem_equal(l, r, P, "product rule", __LINE__);
        if (ng_elem_div(t, f, g, P)) {
            ng_elem_derivative(t, t, v, P); /* aliased */
            ng_elem_mul(r, df, g, P);
            ng_elem_mul(l, f, dg, P);
            ng_elem_sub(r, r, l, P);
            ng_elem_mul(l, g, g, P);
            assert_true(ng_elem_div(r, r, l, P));
            assert_elem_equal(t, r, P, "quotient rule", __LINE__);
        }
        ng_elem_gen(t, n_randint(state, 3), P);
        ng_elem_derivative(l, t, v, P);
        ng_elem_gen(r, v, P);
        ng_elem_set_si(r, ng_elem_equal(t, r, P) == T_TRUE, P);
        assert_elem_equal(l, r, P, "derivative of a parameter", __LINE__);
    }
    /* a²b/(a + 1) */
    ng_elem_gen(f, 0, P);
    ng_elem_gen(g, 1, P);
    ng_elem_mul(t, f, f, P);
    ng_elem_mul(t, t, g, P);
    ng_elem_set_si(l, 1, P);
    ng_elem_add(l, l, f, P); /* a + 1 */
    assert_true(ng_elem_div(t, t, l, P));
    ng_elem_derivative(df, t, 0, P);
    {
        char *s = ng_elem_get_str(df, 10, P);
        assert_string_equal(s, "(a^2*b+2*a*b)/(a^2+2*a+1)");
        flint_free(s);
    }
    ng_elem_derivative(df, t, 2, P);
    assert_true(ng_elem_is_exact_zero(df, P));
    ng_elem_free(f, P), ng_elem_free(g, P), ng_elem_free(df, P), ng_elem_free(dg, P);
    ng_elem_free(l, P), ng_elem_free(r, P), ng_elem_free(t, P);
    ng_ring_clear(P);
    ng_test_rand_clear(state);
}

static void test_shape(void **unused)
{
    ng_ring_t P, Q;
    int used[3];
    slong n, d;
    (void)unused;
    ng_test_ring_init(P, NG_QQ_PARAMS);
    ng_ring_init_qq(Q);
    ng_ptr x = ng_elem_new(P), y = ng_elem_new(P), q = ng_elem_new(Q);
    /* (a + 3c)/(2c) */
    ng_elem_gen(x, 0, P);
    ng_elem_gen(y, 2, P);
    ng_elem_mul_si(y, y, 3, P);
    ng_elem_add(x, x, y, P);
    ng_elem_gen(y, 2, P);
    ng_elem_mul_si(y, y, 2, P);
    assert_true(ng_elem_div(x, x, y, P));
    ng_elem_used_params(used, x, P);
    assert_true(used[0] && !used[1] && used[2]);
    ng_elem_nterms(&n, &d, x, P);
    assert_int_equal(n, 2);
    assert_int_equal(d, 1);
    assert_false(ng_elem_is_polynomial(x, P));
    ng_elem_mul(x, x, y, P); /* a + 3c */
    assert_true(ng_elem_is_polynomial(x, P));
    ng_elem_set_si(x, 5, P);
    ng_elem_nterms(&n, NULL, x, P);
    assert_int_equal(n, 1);
    ng_elem_used_params(used, x, P);
    assert_true(!used[0] && !used[1] && !used[2]);
    ng_elem_nterms(&n, &d, q, Q); /* zero */
    assert_int_equal(n, 0);
    assert_int_equal(d, 1);
    assert_true(ng_elem_is_polynomial(q, Q));
    ng_elem_free(x, P), ng_elem_free(y, P), ng_elem_free(q, Q);
    ng_ring_clear(P);
    ng_ring_clear(Q);
}

/* Q(a, b, c) → Q(c, x, a) by names: evaluation commutes with the map, the
 * way back is the identity, an element with b has no image; constants go
 * into Q and balls (enclosed), non-constants do not. */
static void test_set_other_ring(void **unused)
{
    static const char *const names2[] = {"c", "x", "a"};
    flint_rand_t state;
    ng_ring_t P, P2, Q, B;
    fmpq *v1 = _fmpq_vec_init(3), *v2 = _fmpq_vec_init(3);
    fmpq_t r1, r2;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_ring_init(P, NG_QQ_PARAMS);
    ng_ring_init_params(P2, names2, 3);
    ng_ring_init_qq(Q);
    ng_ring_init_ball(B, 64);
    fmpq_init(r1);
    fmpq_init(r2);
    ng_ptr f = ng_elem_new(P), g = ng_elem_new(P2), h = ng_elem_new(P), q = ng_elem_new(Q),
           b = ng_elem_new(B);
    for (slong iter = 0; iter < ng_test_iters(300); iter++) {
        int used[3], ok;
        ng_elem_randtest(f, state, P);
        ng_elem_used_params(used, f, P);
        ok = ng_elem_set_other_ring(g, f, P, P2);
        assert_int_equal(ok, !used[1]);
        if (ok) {
            assert_true(ng_elem_set_other_ring(h, g, P2, P));
            assert_elem_equal(h, f, P, "there and back", __LINE__);
            for (int i = 0; i < 3; i++)
                fmpq_set_si(v1 + i, (slong)n_randint(state, 9) - 4, 1 + n_randint(state, 3));
            fmpq_set(v2 + 0, v1 + 2), fmpq_set(v2 + 2, v1 + 0);
            fmpq_set_si(v2 + 1, 17, 1);
            if (ng_elem_evaluate_fmpq(r1, f, v1, P)) {
                assert_true(ng_elem_evaluate_fmpq(r2, g, v2, P2));
                assert_true(fmpq_equal(r1, r2));
            }
        }
        ok = ng_elem_get_fmpq(r1, f, P);
        assert_int_equal(ng_elem_set_other_ring(q, f, P, Q), ok);
        assert_int_equal(ng_elem_set_other_ring(b, f, P, B), ok);
        if (ok) {
            assert_true(ng_elem_contains_fmpq(q, r1, Q));
            assert_true(ng_elem_contains_fmpq(b, r1, B));
            assert_true(ng_elem_set_other_ring(h, q, Q, P));
            assert_elem_equal(h, f, P, "a constant back from Q", __LINE__);
        }
    }
    /* a ball that is not a point has no exact image */
    fmpq_set_si(r1, 1, 3);
    ng_elem_set_fmpq(b, r1, B);
    assert_false(ng_elem_set_other_ring(q, b, B, Q));
    ng_elem_free(f, P), ng_elem_free(g, P2), ng_elem_free(h, P), ng_elem_free(q, Q);
    ng_elem_free(b, B);
    fmpq_clear(r1);
    fmpq_clear(r2);
    _fmpq_vec_clear(v1, 3);
    _fmpq_vec_clear(v2, 3);
    ng_ring_clear(P), ng_ring_clear(P2), ng_ring_clear(Q), ng_ring_clear(B);
    ng_test_rand_clear(state);
}

/* Certified rounding: the text depends on the true value only.  Expected
 * strings are the decimal expansions of the inputs, rounded by hand. */
static void test_rounded(void **state)
{
    (void)state;
    static const struct {
        const char *ball; /* arb_set_str input */
        slong places;
        const char *want; /* NULL: the ball straddles a rounding boundary */
    } cases[] = {
        {"0.125", 2, "0.13"},          /* an exact half rounds away from zero */
        {"-0.125", 2, "-0.13"},
        {"[0.1234 +/- 1e-6]", 3, "0.123"},
        {"[0.1235 +/- 1e-6]", 3, NULL}, /* 0.1234990..0.1235010 */
        {"[-0.0004 +/- 1e-6]", 3, "0"}, /* rounds to 0: no "-0" */
        {"[-0.0004 +/- 1e-6]", 3, "0.000"},
        {"[0 +/- 1e-20]", 15, "0.000000000000000"},
        {"[12.5 +/- 0.4]", 0, NULL},
        {"[12.3 +/- 0.1]", 0, "12"},
        {"[1e-7 +/- 1e-12]", 9, "0.000000100"},
        {"[-123.456789 +/- 1e-9]", 4, "-123.4568"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arb_t x;
        char *s;
        arb_init(x);
        assert_int_equal(arb_set_str(x, cases[i].ball, 128), 0);
        s = ng_arb_get_str_rounded(x, cases[i].places);
        if (cases[i].want == NULL) {
            assert_null(s);
        } else if (strcmp(cases[i].want, "0") == 0) {
            assert_non_null(s);
            assert_true(s[0] != '-');
        } else {
            assert_non_null(s);
            if (strcmp(s, cases[i].want) != 0)
                fail_msg("%s at %ld places: got %s, want %s", cases[i].ball,
                         (long)cases[i].places, s, cases[i].want);
        }
        flint_free(s);
        arb_clear(x);
    }
    /* Two balls around the same value, of different radii and midpoints (two
     * BLAS kernels), print alike. */
    arb_t a, b;
    char *sa, *sb;
    arb_init(a);
    arb_init(b);
    arb_const_pi(a, 200);
    arb_set_round(b, a, 60);
    mag_mul_2exp_si(arb_radref(b), arb_radref(b), 4);
    sa = ng_arb_get_str_rounded(a, 15);
    sb = ng_arb_get_str_rounded(b, 15);
    assert_non_null(sa);
    assert_non_null(sb);
    assert_string_equal(sa, "3.141592653589793");
    assert_string_equal(sa, sb);
    flint_free(sa);
    flint_free(sb);
    arb_clear(a);
    arb_clear(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rounded),
        cmocka_unit_test(test_ball_contains_exact),
        cmocka_unit_test(test_params_evaluation),
        cmocka_unit_test(test_field_axioms),
        cmocka_unit_test(test_aliasing),
        cmocka_unit_test(test_div_by_zero),
        cmocka_unit_test(test_decisions),
        cmocka_unit_test(test_strings_known),
        cmocka_unit_test(test_strings_roundtrip),
        cmocka_unit_test(test_contexts),
        cmocka_unit_test(test_derivative),
        cmocka_unit_test(test_shape),
        cmocka_unit_test(test_set_other_ring),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
