/* Shared helpers for the cmocka unit tests.
 *
 *   ng_test_iters(n)            n scaled by $NG_TEST_MULTIPLIER (default 1)
 *   ng_test_rand_init(state)    a flint_rand_t seeded from $NG_TEST_SEED
 *                               (default fixed, so runs are reproducible)
 *   ng_test_ring_init(R, kind)  NG_QQ, NG_QQ_PARAMS over {a, b, c}, NG_BALL at
 *                               NG_TEST_PREC bits
 *   ng_test_foreach_ring(fn, state, arg)
 *                               runs fn(R, state, arg) once per ring kind
 *   ng_test_op_from_qq(B, A, Rq, R)
 *                               maps an NG_QQ operator into any ring (a ball
 *                               then encloses each rational coefficient)
 *   ng_assert_op_equal(A, B, R) exact rings: A = B decided; balls: A − B may be
 *                               zero (not T_FALSE).  Prints both and the ring.
 *   ng_assert_op_contains(X, E, R, Rq)
 *                               X (any ring) equals / encloses the exact NG_QQ
 *                               operator E, term by term.
 *   ng_test_model(M, json, preset, N, kv)
 *                               a model from a JSON text (or, json = NULL, a
 *                               preset) at N spins with "key", "value", …, NULL
 *                               overrides, resolved at NG_TEST_PREC bits
 *   ng_test_model_of_case(M, c)  the same from an ng_test_model_case
 *                               (preset, N, up to four key/value pairs)
 *   ng_test_random_model_json(json, len, rs, random_h)
 *                               a random rational model file (N = 2; every key)
 *   ng_test_input_op(label, A, R), ng_test_inputs_reset()
 *                               registers the inputs of the current case;
 *                               ng_test_fail (behind every assert) prints them.
 *
 * Every assert reports the caller's __FILE__/__LINE__.  This header includes
 * <cmocka.h> and the system headers it needs, and nessgen/op.h. */
#ifndef NG_TEST_H
#define NG_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "nessgen/model.h"
#include "nessgen/op.h"

#define NG_TEST_PREC 128
#define NG_TEST_DIGITS 20

static ulong ng_test_seed = 0x5eed;

static inline slong ng_test_iters(slong base)
{
    const char *m = getenv("NG_TEST_MULTIPLIER");
    double f = m != NULL ? atof(m) : 1.0;
    slong n = (slong)(base * (f > 0 ? f : 1.0));
    return n > 0 ? n : 1;
}

static inline void ng_test_rand_init(flint_rand_t state)
{
    const char *s = getenv("NG_TEST_SEED");
    if (s != NULL)
        ng_test_seed = strtoul(s, NULL, 0);
    flint_randinit(state);
    flint_randseed(state, ng_test_seed, ng_test_seed ^ UWORD(0x9e3779b9));
}

static inline void ng_test_rand_clear(flint_rand_t state)
{
    flint_randclear(state);
}

static inline void ng_test_ring_init(ng_ring_t R, ng_ring_kind kind)
{
    static const char *const names[] = {"a", "b", "c"};
    switch (kind) {
    case NG_QQ:
        ng_ring_init_qq(R);
        break;
    case NG_QQ_PARAMS:
        ng_ring_init_params(R, names, 3);
        break;
    case NG_BALL:
        ng_ring_init_ball(R, NG_TEST_PREC);
        break;
    }
}

typedef void (*ng_test_ring_fn)(const ng_ring_t R, flint_rand_t state, void *arg);

static inline void ng_test_foreach_ring(ng_test_ring_fn fn, flint_rand_t state, void *arg)
{
    static const ng_ring_kind kinds[] = {NG_QQ, NG_QQ_PARAMS, NG_BALL};
    for (int k = 0; k < 3; k++) {
        ng_ring_t R;
        ng_test_ring_init(R, kinds[k]);
        fn(R, state, arg);
        ng_ring_clear(R);
    }
}

/* Failure output: "label [ring]: text" on stderr. */
static inline void ng_test_print_op(const char *label, const ng_op_t A, const ng_ring_t R)
{
    char *s = ng_op_get_str(A, NG_TEST_DIGITS, R);
    fprintf(stderr, "%s [%s, %d sites, %s]: %s\n", label, ng_ring_kind_name(R), A->nsites,
            A->basis == NG_PAULI ? "pauli" : "ladder", s);
    flint_free(s);
}

static inline void ng_test_print_elem(const char *label, ng_srcptr x, const ng_ring_t R)
{
    char *s = ng_elem_get_str(x, NG_TEST_DIGITS, R);
    fprintf(stderr, "%s [%s]: %s\n", label, ng_ring_kind_name(R), s);
    flint_free(s);
}

/* The inputs of the current random case, printed by every failing assert.
 * Register them with ng_test_input_op after generating them; reset per case. */
#define NG_TEST_MAX_INPUTS 8
static struct {
    const char *label;
    const ng_op_struct *op;
    const ng_ring_struct *R;
} ng_test_inputs[NG_TEST_MAX_INPUTS];
static int ng_test_ninputs = 0;

static inline void ng_test_inputs_reset(void)
{
    ng_test_ninputs = 0;
}

static inline void ng_test_input_op(const char *label, const ng_op_t A, const ng_ring_t R)
{
    if (ng_test_ninputs < NG_TEST_MAX_INPUTS) {
        ng_test_inputs[ng_test_ninputs].label = label;
        ng_test_inputs[ng_test_ninputs].op = A;
        ng_test_inputs[ng_test_ninputs].R = R;
        ng_test_ninputs++;
    }
}

/* Ends the current cmocka test after printing the registered inputs and the
 * seed, so the case can be replayed. */
static inline void ng_test_fail(const char *file, int line)
{
    for (int i = 0; i < ng_test_ninputs; i++)
        ng_test_print_op(ng_test_inputs[i].label, ng_test_inputs[i].op,
                         ng_test_inputs[i].R);
    ng_test_ninputs = 0;
    fprintf(stderr, "seed %#lx (NG_TEST_SEED)\n", (unsigned long)ng_test_seed);
    _fail(file, line);
}

static inline void ng_test_op_from_qq(ng_op_t B, const ng_op_t A, const ng_ring_t Rq,
                                      const ng_ring_t R)
{
    ng_ptr c = ng_elem_new(R);
    ng_op_zero(B, R);
    B->nsites = A->nsites;
    B->basis = A->basis;
    for (slong i = 0; i < A->length; i++) {
        ng_elem_set_fmpq(c, (const fmpq *)ng_vec_srcentry(A->coeffs, i, Rq), R);
        ng_op_push(B, A->keys[i].s, A->keys[i].im, c, R);
    }
    ng_op_canonicalise(B, R);
    ng_elem_free(c, R);
}

static inline void _ng_assert_op_equal(const ng_op_t A, const ng_op_t B,
                                       const ng_ring_t R, const char *a, const char *b,
                                       const char *file, int line)
{
    truth_t t = ng_op_equal(A, B, R);
    if (t == T_TRUE || (!ng_ring_is_exact(R) && t == T_UNKNOWN))
        return;
    fprintf(stderr, "%s:%d: expected %s == %s\n", file, line, a, b);
    ng_test_print_op(a, A, R);
    ng_test_print_op(b, B, R);
    ng_test_fail(file, line);
}
#define ng_assert_op_equal(A, B, R)                                                      \
    _ng_assert_op_equal((A), (B), (R), #A, #B, __FILE__, __LINE__)

/* Merge walk over the sorted terms of X and E: matching keys must contain the
 * exact coefficient, unmatched terms of X must contain 0. */
static inline void _ng_assert_op_contains(const ng_op_t X, const ng_op_t E,
                                          const ng_ring_t R, const ng_ring_t Rq,
                                          const char *x, const char *e, const char *file,
                                          int line)
{
    slong i = 0, j = 0;
    int ok = X->basis == E->basis;
    fmpq_t zero;
    fmpq_init(zero);
    while (ok && (i < X->length || j < E->length)) {
        int cmp;
        if (i == X->length)
            cmp = 1;
        else if (j == E->length)
            cmp = -1;
        else if (X->keys[i].s.x != E->keys[j].s.x)
            cmp = X->keys[i].s.x < E->keys[j].s.x ? -1 : 1;
        else if (X->keys[i].s.z != E->keys[j].s.z)
            cmp = X->keys[i].s.z < E->keys[j].s.z ? -1 : 1;
        else
            cmp = (int)X->keys[i].im - (int)E->keys[j].im;
        if (cmp < 0)
            ok = ng_elem_contains_fmpq(ng_vec_srcentry(X->coeffs, i++, R), zero, R);
        else if (cmp > 0)
            ok = 0, j++; /* E has a nonzero term that X lacks */
        else
            ok = ng_elem_contains_fmpq(ng_vec_srcentry(X->coeffs, i++, R),
                                       (const fmpq *)ng_vec_srcentry(E->coeffs, j++, Rq),
                                       R);
    }
    fmpq_clear(zero);
    if (ok)
        return;
    fprintf(stderr, "%s:%d: expected %s to contain %s\n", file, line, x, e);
    ng_test_print_op(x, X, R);
    ng_test_print_op(e, E, Rq);
    ng_test_fail(file, line);
}
#define ng_assert_op_contains(X, E, R, Rq)                                               \
    _ng_assert_op_contains((X), (E), (R), (Rq), #X, #E, __FILE__, __LINE__)

static inline void ng_test_model(ng_model_t M, const char *json, const char *preset, int N,
                                 const char *const *kv)
{
    ng_model_spec *spec = ng_model_spec_new();
    char buf[16];
    if (json != NULL)
        assert_int_equal(ng_model_spec_read_json(spec, json, "test model"), NG_OK);
    else
        assert_int_equal(ng_model_spec_set_preset(spec, preset), NG_OK);
    snprintf(buf, sizeof buf, "%d", N);
    assert_int_equal(ng_model_spec_set(spec, "N", buf), NG_OK);
    for (int i = 0; kv != NULL && kv[i] != NULL; i += 2)
        assert_int_equal(ng_model_spec_set(spec, kv[i], kv[i + 1]), NG_OK);
    assert_int_equal(ng_model_resolve(M, spec, NG_TEST_PREC), NG_OK);
    ng_model_spec_free(spec);
}

/* A preset at N spins with up to four "key" = "value" overrides: the cases
 * of the numerics tests. */
typedef struct {
    const char *preset;
    int N;
    const char *keys[4];
    const char *values[4];
} ng_test_model_case;

static inline void ng_test_model_of_case(ng_model_t M, const ng_test_model_case *c)
{
    const char *kv[9] = {NULL};
    for (int k = 0; k < 4 && c->keys[k] != NULL; k++) {
        kv[2 * k] = c->keys[k];
        kv[2 * k + 1] = c->values[k];
    }
    ng_test_model(M, NULL, c->preset, c->N, kv);
}

/* p/q with |p| ≤ 9, 1 ≤ q ≤ 9 (nonnegative if asked) as JSON text. */
static inline void ng_test_random_fraction(char *buf, size_t len, flint_rand_t rs, int nonnegative)
{
    int p = (int)n_randint(rs, 10), q = 1 + (int)n_randint(rs, 9);
    if (!nonnegative && n_randint(rs, 2))
        p = -p;
    snprintf(buf, len, "\"%d/%d\"", p, q);
}

/* A random rational model (JSON, N = 2): symmetric α with all six couplings,
 * X_ν with x, y, z parts, Ȳ_ν, c_ν, d_ν ≥ 0, |t_ν| < 1; h = 1, or a random
 * p/q > 0 if random_h. */
static inline void ng_test_random_model_json(char *json, size_t len, flint_rand_t rs,
                                             int random_h)
{
    static const char *const alpha[6] = {"xx", "yy", "zz", "xy", "xz", "yz"};
    char v[24][48];
    int k = 0, n = 0;
    for (int i = 0; i < 6; i++)
        ng_test_random_fraction(v[k++], sizeof v[0], rs, 0);
    for (int nu = 0; nu < 2; nu++) {
        for (int j = 0; j < 4; j++)
            ng_test_random_fraction(v[k++], sizeof v[0], rs, 0); /* X x, y, z, Ybar */
        ng_test_random_fraction(v[k++], sizeof v[0], rs, 1);      /* c */
        ng_test_random_fraction(v[k++], sizeof v[0], rs, 1);      /* d */
        snprintf(v[k++], sizeof v[0], "\"%d/10\"", (int)n_randint(rs, 19) - 9); /* t */
    }
    if (random_h)
        n += snprintf(json + n, len - n, "{\"N\": 2, \"h\": \"%d/%d\", \"alpha\": {",
                      1 + (int)n_randint(rs, 5), 1 + (int)n_randint(rs, 3));
    else
        n += snprintf(json + n, len - n, "{\"N\": 2, \"h\": 1, \"alpha\": {");
    for (int i = 0; i < 6; i++)
        n += snprintf(json + n, len - n, "%s\"%s\": %s", i ? ", " : "", alpha[i], v[i]);
    n += snprintf(json + n, len - n, "}, \"baths\": {");
    for (int nu = 0; nu < 2; nu++) {
        char(*b)[48] = v + 6 + 7 * nu;
        n += snprintf(json + n, len - n,
                      "%s\"%s\": {\"X\": {\"x\": %s, \"y\": %s, \"z\": %s}, \"Ybar\": %s, "
                      "\"c\": %s, \"d\": %s, \"t\": %s}",
                      nu ? ", " : "", nu ? "R" : "L", b[0], b[1], b[2], b[3], b[4], b[5], b[6]);
    }
    snprintf(json + n, len - n, "}}");
}

#endif
