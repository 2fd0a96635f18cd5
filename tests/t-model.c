/* The model (src/model): specs, presets, model files, resolution into the
 * tightest ring, range checks, operators.  Every expected value is computed
 * a second way here (from θ through u = tan(θ/2), from Eq. B9, from the
 * Gibbs state's stationarity), never pasted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nessgen/model.h"

#define PREC 128

/* ---- helpers ----------------------------------------------------------- */

static void fail_with(const char *file, int line, const char *fmt, const char *a,
                      const char *b)
{
    fprintf(stderr, "%s:%d: ", file, line);
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\n");
    _fail(file, line);
}

/* spec from a preset (NULL: none) and key/value pairs, NULL-terminated. */
static ng_model_spec *make_spec(const char *preset, ...)
{
    ng_model_spec *spec = ng_model_spec_new();
    va_list ap;
    const char *key;
    if (preset != NULL && ng_model_spec_set_preset(spec, preset) != NG_OK)
        fail_with(__FILE__, __LINE__, "preset %s: %s", preset, ng_error_message());
    va_start(ap, preset);
    while ((key = va_arg(ap, const char *)) != NULL) {
        const char *value = va_arg(ap, const char *);
        if (ng_model_spec_set(spec, key, value) != NG_OK)
            fail_with(__FILE__, __LINE__, "set: %s (%s)", ng_error_message(), key);
    }
    va_end(ap);
    return spec;
}

static void _resolve_ok(ng_model_t M, ng_model_spec *spec, const char *file, int line)
{
    if (ng_model_resolve(M, spec, PREC) != NG_OK)
        fail_with(file, line, "resolve failed: %s%s", ng_error_message(), "");
    ng_model_spec_free(spec);
}
#define resolve_ok(M, spec) _resolve_ok((M), (spec), __FILE__, __LINE__)

static void _expect_error(ng_status st, ng_status code, const char *needle,
                          const char *file, int line)
{
    if (st != code)
        fail_with(file, line,
                  "expected an error mentioning '%s', got status OK or "
                  "another code; message: %s",
                  needle, ng_error_message());
    if (strstr(ng_error_message(), needle) == NULL)
        fail_with(file, line, "message '%s' does not mention '%s'", ng_error_message(),
                  needle);
}
#define expect_error(st, code, needle)                                                   \
    _expect_error((st), (code), (needle), __FILE__, __LINE__)

/* Resolving must fail with code and a message mentioning needle. */
static void _expect_resolve_error(ng_model_spec *spec, ng_status code, const char *needle,
                                  const char *file, int line)
{
    ng_model_t M;
    ng_status st = ng_model_resolve(M, spec, PREC);
    ng_model_spec_free(spec);
    if (st == NG_OK)
        ng_model_clear(M);
    _expect_error(st, code, needle, file, line);
}
#define expect_resolve_error(spec, code, needle)                                         \
    _expect_resolve_error((spec), (code), (needle), __FILE__, __LINE__)

static void _assert_op_eq(const ng_op_t A, const ng_op_t B, const ng_ring_t R,
                          const char *file, int line)
{
    if (ng_op_equal(A, B, R) != T_TRUE) {
        char *a = ng_op_get_str(A, 20, R), *b = ng_op_get_str(B, 20, R);
        fprintf(stderr, "%s:%d: operators differ [%s]\n  %s\n  %s\n", file, line,
                ng_ring_kind_name(R), a, b);
        flint_free(a);
        flint_free(b);
        _fail(file, line);
    }
}
#define assert_op_eq(A, B, R) _assert_op_eq((A), (B), (R), __FILE__, __LINE__)

static void _assert_elem_eq(ng_srcptr x, ng_srcptr y, const ng_ring_t R, const char *file,
                            int line)
{
    if (ng_elem_equal(x, y, R) != T_TRUE) {
        char *a = ng_elem_get_str(x, 20, R), *b = ng_elem_get_str(y, 20, R);
        fprintf(stderr, "%s:%d: %s != %s\n", file, line, a, b);
        flint_free(a);
        flint_free(b);
        _fail(file, line);
    }
}
#define assert_elem_eq(x, y, R) _assert_elem_eq((x), (y), (R), __FILE__, __LINE__)

/* x is exactly the rational p/q. */
static void _assert_elem_q(ng_srcptr x, slong p, ulong q, const ng_ring_t R,
                           const char *file, int line)
{
    fmpq_t c;
    int ok;
    fmpq_init(c);
    fmpq_set_si(c, p, q);
    ok = ng_ring_is_exact(R)
             ? ng_elem_contains_fmpq(x, c, R)
             : (ng_elem_contains_fmpq(x, c, R) && arb_is_exact((const arb_struct *)x));
    fmpq_clear(c);
    if (!ok) {
        char *a = ng_elem_get_str(x, 20, R), want[64];
        snprintf(want, sizeof want, "%ld/%lu", (long)p, (unsigned long)q);
        fprintf(stderr, "%s:%d: %s is not exactly %s\n", file, line, a, want);
        flint_free(a);
        _fail(file, line);
    }
}
#define assert_elem_q(x, p, q, R) _assert_elem_q((x), (p), (q), (R), __FILE__, __LINE__)

static ng_srcptr alpha(const ng_model_t M, int j, int k)
{
    return ng_vec_srcentry(M->alpha, 3 * j + k, M->R);
}

static ng_srcptr xcomp(const ng_model_t M, int nu, int j)
{
    return ng_vec_srcentry(M->x[nu], j, M->R);
}

/* c·σ^letter on site l, appended */
static void push1(ng_op_t A, int l, int letter, unsigned im, ng_srcptr c,
                  const ng_ring_t R)
{
    ng_string s = {0, 0};
    ng_string_set_letter(&s, l, letter);
    ng_op_push(A, s, im, c, R);
}

/* D_ν ρ = −[X, Sρ] − [ρS†, X] (Eq. 7 with Eq. 13), computed from the
 * model's X_ν and S_ν with operator products. */
static void dissipator(ng_op_t D, const ng_op_t X, const ng_op_t S, const ng_op_t rho,
                       const ng_ring_t R)
{
    ng_op_t T, U, Sd;
    ng_op_init(T, X->nsites, NG_PAULI, R);
    ng_op_init(U, X->nsites, NG_PAULI, R);
    ng_op_init(Sd, X->nsites, NG_PAULI, R);
    ng_op_mul(T, S, rho, R);
    ng_op_commutator(U, X, T, R);
    ng_op_adjoint(Sd, S, R);
    ng_op_mul(T, rho, Sd, R);
    ng_op_commutator(T, T, X, R);
    ng_op_add(D, U, T, R);
    ng_op_neg(D, D, R);
    ng_op_clear(T, R);
    ng_op_clear(U, R);
    ng_op_clear(Sd, R);
}

/* DESIGN §1 sanity fact: D_ν(σ^0 − t_ν σ^z) = 0 on the edge spin, and D_ν
 * preserves the trace of a traceless-looking test state; plus X_ν, H̄_SB and
 * H1 Hermitian, H1 = H_I + Ȳ_L X_L + Ȳ_R X_R. */
static void check_bath_structure(const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    ng_op_t X, S, rho, D, H, T;
    ng_ptr minus_t = ng_elem_new(R), re = ng_elem_new(R), im = ng_elem_new(R);
    ng_op_init(X, M->N, NG_PAULI, R);
    ng_op_init(S, M->N, NG_PAULI, R);
    ng_op_init(rho, M->N, NG_PAULI, R);
    ng_op_init(D, M->N, NG_PAULI, R);
    ng_op_init(H, M->N, NG_PAULI, R);
    ng_op_init(T, M->N, NG_PAULI, R);
    for (int nu = 0; nu < 2; nu++) {
        int e = nu == NG_LEFT ? 0 : M->N - 1;
        ng_string id = {0, 0};
        ng_model_x(X, M, nu);
        ng_model_s(S, M, nu);
        assert_int_equal(ng_op_is_hermitian(X, R), T_TRUE);
        ng_op_zero(rho, R);
        ng_op_push_si(rho, id, 0, 1, R);
        ng_elem_neg(minus_t, M->t[nu], R);
        push1(rho, e, NG_SZ, 0, minus_t, R);
        ng_op_canonicalise(rho, R);
        dissipator(D, X, S, rho, R);
        if (ng_op_is_zero(D, R) != T_TRUE) {
            char *s = ng_op_get_str(D, 20, R);
            fprintf(stderr, "D_%c(σ^0 − tσ^z) = %s\n", nu ? 'R' : 'L', s);
            flint_free(s);
            fail();
        }
        /* trace preservation on σ^x σ^z-type states: Tr D(σ^x_e) = 0 */
        ng_op_zero(rho, R);
        push1(rho, e, NG_SX, 0, M->h, R);
        dissipator(D, X, S, rho, R);
        ng_op_trace(re, im, D, R);
        assert_int_equal(ng_elem_is_zero(re, R), T_TRUE);
        assert_int_equal(ng_elem_is_zero(im, R), T_TRUE);
        ng_model_he(H, M, nu);
        assert_int_equal(ng_op_is_hermitian(H, R), T_TRUE);
    }
    ng_model_hi(H, M);
    ng_model_he(T, M, NG_LEFT);
    ng_op_add(H, H, T, R);
    ng_model_he(T, M, NG_RIGHT);
    ng_op_add(H, H, T, R);
    ng_model_h1(T, M);
    assert_op_eq(T, H, R);
    assert_int_equal(ng_op_is_hermitian(T, R), T_TRUE);
    ng_elem_free(minus_t, R);
    ng_elem_free(re, R);
    ng_elem_free(im, R);
    ng_op_clear(X, R);
    ng_op_clear(S, R);
    ng_op_clear(rho, R);
    ng_op_clear(D, R);
    ng_op_clear(H, R);
    ng_op_clear(T, R);
}

/* ---- specs --------------------------------------------------------------- */

static void test_spec_keys_and_N(void **state)
{
    static const char *const bad_N[] = {"3.5", "abc", "0",    "1",
                                        "65",  "",    "-3",   " 4",
                                        "4 ",  "1e1", "0x10", "99999999999999999999"};
    static const char *const good_N[] = {"2", "7", "64"};
    ng_model_spec *spec = ng_model_spec_new();
    (void)state;
    expect_error(ng_model_spec_set(spec, "thetta", "1"), NG_EINPUT, "--thetta");
    expect_error(ng_model_spec_set(spec, "thetta", "1"), NG_EINPUT, "theta");
    expect_error(ng_model_spec_set(spec, "thetta", "1"), NG_EINPUT, "alpha_xx");
    expect_error(ng_model_spec_set(spec, "h", NULL), NG_EINPUT, "--h");
    for (size_t i = 0; i < sizeof bad_N / sizeof bad_N[0]; i++) {
        expect_error(ng_model_spec_set(spec, "N", bad_N[i]), NG_EINPUT, "--N");
        expect_error(ng_model_spec_set(spec, "N", bad_N[i]), NG_EINPUT, "from 2 to 64");
    }
    for (size_t i = 0; i < sizeof good_N / sizeof good_N[0]; i++)
        assert_int_equal(ng_model_spec_set(spec, "N", good_N[i]), NG_OK);
    /* a malformed expression is reported with its key and column */
    expect_error(ng_model_spec_set(spec, "theta", "1 + * 2"), NG_EINPUT, "--theta");
    expect_error(ng_model_spec_set(spec, "theta", "1 + * 2"), NG_EINPUT, "column");
    expect_error(ng_model_spec_set_preset(spec, "ising"), NG_EINPUT, "tilted-ising");
    ng_model_spec_free(spec);
    /* a preset's parameters only */
    expect_resolve_error(make_spec("tilted-ising", "Delta", "1", NULL), NG_EINPUT,
                         "--Delta: not a parameter of the tilted-ising preset");
    expect_resolve_error(make_spec("xxz", "theta", "1", NULL), NG_EINPUT, "--theta");
    expect_resolve_error(make_spec("xxz", "alpha_xx", "1", NULL), NG_EINPUT,
                         "--alpha_xx");
    expect_resolve_error(make_spec("tilted-ising", "XL_x", "1", NULL), NG_EINPUT,
                         "--XL_x");
    expect_resolve_error(make_spec(NULL, NULL), NG_EINPUT, "no model given");
}

/* ---- tilted Ising ------------------------------------------------------- */

/* θ free: α and X are rational functions of u = tan(θ/2); t, c, d free. */
static void test_tilted_symbolic(void **state)
{
    ng_model_t M;
    const ng_ring_struct *R;
    ng_ptr u, cs, sn, a, b, s1, s2;
    ng_op_t S, B9, X, Xe;
    slong iu;
    (void)state;
    resolve_ok(M, make_spec("tilted-ising", "N", "3", "theta", "theta", "tL", "tL", "tR",
                            "tR", "cL", "cL", "cR", "cR", "dL", "dL", "dR", "dR", NULL));
    R = M->R;
    assert_int_equal(R->kind, NG_QQ_PARAMS);
    iu = ng_ring_param_index(R, "u_theta");
    assert_true(iu >= 0);
    assert_int_equal(ng_ring_param_index(R, "theta"), -1);
    u = ng_elem_new(R), cs = ng_elem_new(R), sn = ng_elem_new(R);
    a = ng_elem_new(R), b = ng_elem_new(R), s1 = ng_elem_new(R), s2 = ng_elem_new(R);
    /* cos θ = (1 − u²)/(1 + u²), sin θ = 2u/(1 + u²) */
    ng_elem_gen(u, iu, R);
    ng_elem_mul(s1, u, u, R);
    ng_elem_one(s2, R);
    ng_elem_add(s2, s2, s1, R); /* 1 + u² */
    ng_elem_one(cs, R);
    ng_elem_sub(cs, cs, s1, R);
    assert_true(ng_elem_div(cs, cs, s2, R));
    ng_elem_mul_si(sn, u, 2, R);
    assert_true(ng_elem_div(sn, sn, s2, R));

    /* Eqs. 108–110 and the identities α_zz + α_xx = 1, α_xz² = α_zz α_xx */
    ng_elem_mul(s1, cs, cs, R);
    assert_elem_eq(alpha(M, NG_Z, NG_Z), s1, R);
    ng_elem_mul(s1, sn, sn, R);
    assert_elem_eq(alpha(M, NG_X, NG_X), s1, R);
    ng_elem_mul(s1, cs, sn, R);
    ng_elem_neg(s1, s1, R);
    assert_elem_eq(alpha(M, NG_X, NG_Z), s1, R);
    assert_elem_eq(alpha(M, NG_Z, NG_X), s1, R);
    ng_elem_add(s1, alpha(M, NG_Z, NG_Z), alpha(M, NG_X, NG_X), R);
    assert_elem_q(s1, 1, 1, R);
    ng_elem_mul(s1, alpha(M, NG_X, NG_Z), alpha(M, NG_X, NG_Z), R);
    ng_elem_mul(s2, alpha(M, NG_Z, NG_Z), alpha(M, NG_X, NG_X), R);
    assert_elem_eq(s1, s2, R);
    for (int j = 0; j < 3; j++) {
        assert_elem_q(alpha(M, NG_Y, j), 0, 1, R);
        assert_elem_q(alpha(M, j, NG_Y), 0, 1, R);
    }

    ng_op_init(S, M->N, NG_PAULI, R);
    ng_op_init(B9, M->N, NG_PAULI, R);
    ng_op_init(X, M->N, NG_PAULI, R);
    ng_op_init(Xe, M->N, NG_PAULI, R);
    for (int nu = 0; nu < 2; nu++) {
        int e = nu == NG_LEFT ? 0 : M->N - 1;
        /* X_ν = σ^{z'} = cosθ σ^z − sinθ σ^x (Eq. 106) */
        ng_op_zero(Xe, R);
        push1(Xe, e, NG_SZ, 0, cs, R);
        ng_elem_neg(s1, sn, R);
        push1(Xe, e, NG_SX, 0, s1, R);
        ng_op_canonicalise(Xe, R);
        ng_model_x(X, M, nu);
        assert_op_eq(X, Xe, R);
        /* Ȳ_ν = −cosθ t_ν */
        ng_elem_mul(s1, cs, M->t[nu], R);
        ng_elem_neg(s1, s1, R);
        assert_elem_eq(M->ybar[nu], s1, R);
        /* Eq. B9: S = ½{bσ^z − a(σ^x − i t σ^y)}, a = c sinθ, b = d cosθ */
        ng_elem_mul(a, M->c[nu], sn, R);
        ng_elem_mul(b, M->d[nu], cs, R);
        ng_op_zero(B9, R);
        ng_elem_div_si(s1, b, 2, R);
        push1(B9, e, NG_SZ, 0, s1, R);
        ng_elem_div_si(s1, a, -2, R);
        push1(B9, e, NG_SX, 0, s1, R);
        ng_elem_mul(s1, a, M->t[nu], R);
        ng_elem_div_si(s1, s1, 2, R);
        push1(B9, e, NG_SY, 1, s1, R);
        ng_op_canonicalise(B9, R);
        ng_model_s(S, M, nu);
        assert_op_eq(S, B9, R);
    }
    check_bath_structure(M);
    ng_op_clear(S, R);
    ng_op_clear(B9, R);
    ng_op_clear(X, R);
    ng_op_clear(Xe, R);
    ng_elem_free(u, R), ng_elem_free(cs, R), ng_elem_free(sn, R);
    ng_elem_free(a, R), ng_elem_free(b, R), ng_elem_free(s1, R), ng_elem_free(s2, R);
    ng_model_clear(M);
}

/* θ = π/2 (transverse Ising): cos θ = 0 exactly, so with rational t the
 * whole model is rational. */
static void test_tilted_transverse_exact(void **state)
{
    ng_model_t M;
    ng_ptr s;
    (void)state;
    resolve_ok(
        M, make_spec("tilted-ising", "theta", "pi/2", "tL", "1/2", "tR", "1/3", NULL));
    assert_int_equal(M->R->kind, NG_QQ);
    assert_int_equal(M->N, 2);
    assert_elem_q(alpha(M, NG_X, NG_X), 1, 1, M->R);
    assert_elem_q(alpha(M, NG_Z, NG_Z), 0, 1, M->R);
    assert_elem_q(alpha(M, NG_X, NG_Z), 0, 1, M->R);
    assert_elem_q(xcomp(M, NG_LEFT, NG_X), -1, 1, M->R);
    assert_elem_q(xcomp(M, NG_RIGHT, NG_Z), 0, 1, M->R);
    assert_elem_q(M->ybar[NG_LEFT], 0, 1, M->R);
    assert_elem_q(M->t[NG_LEFT], 1, 2, M->R);
    assert_elem_q(M->t[NG_RIGHT], 1, 3, M->R);
    assert_elem_q(M->c[NG_RIGHT], 1, 1, M->R);
    assert_elem_q(M->h, 1, 1, M->R);
    s = ng_elem_new(M->R);
    ng_model_alpha_plus(s, M);
    assert_elem_q(s, 1, 1, M->R);
    ng_model_delta_alpha_z(s, M);
    assert_elem_q(s, 0, 1, M->R);
    ng_elem_free(s, M->R);
    check_bath_structure(M);
    ng_model_clear(M);
}

/* θ = π/4 with rational t: α_zz = cos²(π/4) = 1/2 is rational (Calcium
 * proves it), but X_ν = (σ^z − σ^x)/√2 is not, so the model needs balls;
 * α_zz is then the exact point 1/2 and the JSON says so. */
static void test_tilted_pi4(void **state)
{
    ng_model_t M;
    json_t *j, *p;
    arb_t want;
    (void)state;
    resolve_ok(
        M, make_spec("tilted-ising", "theta", "pi/4", "tL", "1/2", "tR", "1/3", NULL));
    assert_int_equal(M->R->kind, NG_BALL);
    assert_int_equal(M->domains[1 + 3 * NG_Z + NG_Z], NG_EXPR_RATIONAL);
    assert_int_equal(M->domains[1 + 3 * NG_X + NG_Z], NG_EXPR_RATIONAL);
    {
        fmpq_t half;
        fmpq_init(half);
        fmpq_set_si(half, 1, 2);
        assert_true(ng_elem_contains_fmpq(alpha(M, NG_Z, NG_Z), half, M->R));
        fmpq_set_si(half, -1, 2);
        assert_true(ng_elem_contains_fmpq(alpha(M, NG_Z, NG_X), half, M->R));
        fmpq_clear(half);
    }
    /* x^z = cos(π/4) = √2/2 */
    arb_init(want);
    arb_sqrt_ui(want, 2, PREC);
    arb_mul_2exp_si(want, want, -1);
    assert_true(arb_overlaps(want, (const arb_struct *)xcomp(M, NG_LEFT, NG_Z)));
    assert_true(arb_rel_accuracy_bits((const arb_struct *)xcomp(M, NG_LEFT, NG_Z)) >
                PREC - 10);
    arb_clear(want);
    j = ng_model_to_json(M, 20);
    p = json_object_get(json_object_get(j, "parameters"), "alpha_zz");
    assert_non_null(p);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(p, "value"), "exact")), "1/2");
    p = json_object_get(json_object_get(j, "parameters"), "theta");
    assert_string_equal(json_string_value(json_object_get(p, "given")), "pi/4");
    assert_string_equal(json_string_value(json_object_get(p, "source")), "given");
    assert_string_equal(json_string_value(json_object_get(j, "domain")), "ball");
    assert_string_equal(json_string_value(json_object_get(j, "preset")), "tilted-ising");
    json_decref(j);
    ng_model_clear(M);
}

/* The paper's figure parameters by default: t = tanh(h/T) with T = 3/2, 1/2. */
static void test_tilted_defaults(void **state)
{
    ng_model_t M;
    arb_t t;
    json_t *j, *p;
    (void)state;
    resolve_ok(M, make_spec("tilted-ising", NULL));
    assert_int_equal(M->R->kind, NG_BALL);
    assert_int_equal(M->N, 2);
    arb_init(t);
    arb_set_ui(t, 2);
    arb_div_ui(t, t, 3, PREC);
    arb_tanh(t, t, PREC);
    assert_true(arb_overlaps(t, (const arb_struct *)M->t[NG_LEFT]));
    arb_set_ui(t, 2);
    arb_tanh(t, t, PREC);
    assert_true(arb_overlaps(t, (const arb_struct *)M->t[NG_RIGHT]));
    /* Ȳ_L = −cos(π/4) tanh(2/3) */
    arb_set_ui(t, 2);
    arb_div_ui(t, t, 3, PREC);
    arb_tanh(t, t, PREC);
    {
        arb_t c;
        arb_init(c);
        arb_sqrt_ui(c, 2, PREC);
        arb_mul_2exp_si(c, c, -1);
        arb_mul(t, t, c, PREC);
        arb_neg(t, t);
        arb_clear(c);
    }
    assert_true(arb_overlaps(t, (const arb_struct *)M->ybar[NG_LEFT]));
    arb_clear(t);
    j = ng_model_to_json(M, 20);
    p = json_object_get(json_object_get(j, "parameters"), "TL");
    assert_string_equal(json_string_value(json_object_get(p, "source")), "default");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(p, "value"), "exact")), "3/2");
    p = json_object_get(json_object_get(j, "parameters"), "tL");
    assert_string_equal(json_string_value(json_object_get(p, "source")), "derived");
    assert_non_null(json_object_get(json_object_get(p, "value"), "mid"));
    assert_null(json_object_get(json_object_get(p, "value"), "exact"));
    json_decref(j);
    ng_model_clear(M);
}

/* ---- xxz, xyz, generic -------------------------------------------------- */

static void test_xxz_xyz(void **state)
{
    ng_model_t M;
    ng_op_t H, B, X, E;
    const ng_ring_struct *R;
    (void)state;
    resolve_ok(M, make_spec("xxz", "N", "4", "tL", "1/2", "tR", "-1/3", NULL));
    R = M->R;
    assert_int_equal(R->kind, NG_QQ);
    assert_elem_q(alpha(M, NG_X, NG_X), 1, 1, R);
    assert_elem_q(alpha(M, NG_Y, NG_Y), 1, 1, R);
    assert_elem_q(alpha(M, NG_Z, NG_Z), 1, 2, R);
    assert_elem_q(alpha(M, NG_X, NG_Y), 0, 1, R);
    /* default coupling σ^x without mean field */
    assert_elem_q(xcomp(M, NG_LEFT, NG_X), 1, 1, R);
    assert_elem_q(xcomp(M, NG_LEFT, NG_Z), 0, 1, R);
    assert_elem_q(M->ybar[NG_RIGHT], 0, 1, R);
    check_bath_structure(M);
    /* H_I = Σ_l H_I(l, l+1); H_I(1,2) = σ^xσ^x + σ^yσ^y + ½σ^zσ^z */
    ng_op_init(H, M->N, NG_PAULI, R);
    ng_op_init(B, M->N, NG_PAULI, R);
    ng_op_init(X, M->N, NG_PAULI, R);
    ng_op_init(E, M->N, NG_PAULI, R);
    for (int l = 0; l + 1 < M->N; l++) {
        ng_model_bond(B, M, l);
        assert_int_equal(B->length, 3);
        ng_op_add(X, X, B, R);
    }
    ng_model_hi(H, M);
    assert_op_eq(H, X, R);
    {
        ng_ptr half = ng_elem_new(R);
        ng_elem_set_si(half, 1, R);
        ng_op_set_term_str(E, "0xx0", NG_PAULI, half, R);
        ng_op_set_term_str(X, "0yy0", NG_PAULI, half, R);
        ng_op_add(E, E, X, R);
        ng_elem_div_si(half, half, 2, R);
        ng_op_set_term_str(X, "0zz0", NG_PAULI, half, R);
        ng_op_add(E, E, X, R);
        ng_model_bond(B, M, 1);
        assert_op_eq(B, E, R);
        /* H0 = h Σ σ^z */
        ng_elem_one(half, R);
        ng_op_zero(E, R);
        for (int l = 0; l < M->N; l++)
            push1(E, l, NG_SZ, 0, half, R);
        ng_op_canonicalise(E, R);
        ng_model_h0(H, M);
        assert_op_eq(H, E, R);
        ng_elem_free(half, R);
    }
    ng_op_clear(H, R);
    ng_op_clear(B, R);
    ng_op_clear(X, R);
    ng_op_clear(E, R);
    ng_model_clear(M);

    /* giving one component of X_L replaces the default σ^x there */
    resolve_ok(
        M, make_spec("xyz", "tL", "1/2", "tR", "1/3", "XL_z", "1", "YbarL", "2", NULL));
    R = M->R;
    assert_int_equal(R->kind, NG_QQ);
    assert_elem_q(alpha(M, NG_X, NG_X), 1, 1, R);
    assert_elem_q(alpha(M, NG_Y, NG_Y), 1, 2, R);
    assert_elem_q(alpha(M, NG_Z, NG_Z), 1, 4, R);
    assert_elem_q(xcomp(M, NG_LEFT, NG_X), 0, 1, R);
    assert_elem_q(xcomp(M, NG_LEFT, NG_Z), 1, 1, R);
    assert_elem_q(xcomp(M, NG_RIGHT, NG_X), 1, 1, R);
    {
        ng_ptr s = ng_elem_new(R);
        ng_model_delta_alpha_z(s, M);
        assert_elem_q(s, 2, 1, R);
        ng_model_alpha_plus(s, M);
        assert_elem_q(s, 3, 2, R);
        ng_elem_free(s, R);
    }
    check_bath_structure(M);
    ng_model_clear(M);
}

static void test_generic(void **state)
{
    static const char *const expected[] = {
        "h",    "alpha_xx", "alpha_xy", "alpha_xz", "alpha_yy", "alpha_yz", "alpha_zz",
        "xL_x", "xL_y",     "xL_z",     "xR_x",     "xR_y",     "xR_z",     "cL",
        "cR",   "dL",       "dR",       "tL",       "tR"};
    ng_model_t M;
    const ng_ring_struct *R;
    ng_ptr s, g;
    (void)state;
    resolve_ok(M, make_spec("generic", "N", "3", NULL));
    R = M->R;
    assert_int_equal(R->kind, NG_QQ_PARAMS);
    assert_int_equal(R->nvars, (slong)(sizeof expected / sizeof expected[0]));
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        assert_true(ng_ring_param_index(R, expected[i]) >= 0);
    s = ng_elem_new(R);
    g = ng_elem_new(R);
    /* α symmetric; Ȳ = 1 so Ȳ x plays α_ν of Eq. 91 */
    assert_elem_eq(alpha(M, NG_X, NG_Y), alpha(M, NG_Y, NG_X), R);
    assert_elem_eq(alpha(M, NG_Z, NG_Y), alpha(M, NG_Y, NG_Z), R);
    assert_elem_q(M->ybar[NG_LEFT], 1, 1, R);
    ng_elem_gen(g, ng_ring_param_index(R, "xL_z"), R);
    ng_elem_gen(s, ng_ring_param_index(R, "xR_z"), R);
    ng_elem_sub(g, g, s, R);
    ng_model_delta_alpha_z(s, M);
    assert_elem_eq(s, g, R);
    check_bath_structure(M);
    ng_elem_free(s, R);
    ng_elem_free(g, R);
    ng_model_clear(M);

    /* a temperature needs a closed h */
    expect_resolve_error(make_spec("generic", "TL", "2", NULL), NG_EINPUT, "--TL");
    expect_resolve_error(make_spec("generic", "TL", "2", NULL), NG_EINPUT, "numeric h");
    /* … which then gives a ball t, and free names cannot go into balls */
    expect_resolve_error(make_spec("generic", "TL", "2", "h", "1", NULL), NG_EINPUT,
                         "mixes free names");
    /* α_xy and α_yx must agree */
    expect_resolve_error(make_spec("generic", "alpha_xy", "a", "alpha_yx", "b", NULL),
                         NG_EINPUT, "symmetric");
    resolve_ok(M, make_spec("generic", "alpha_xy", "a+1", "alpha_yx", "1+a", NULL));
    ng_model_clear(M);
    /* a name bare and under cos: no rational function holds both */
    expect_resolve_error(
        make_spec("tilted-ising", "theta", "q", "h", "q", "tL", "1/2", "tR", "1/3", NULL),
        NG_EINPUT, "both bare and under");
}

/* ---- range checks --------------------------------------------------------- */

static void test_ranges(void **state)
{
    static const struct {
        const char *key, *value, *needle;
    } cases[] = {
        {"TL", "0", "--TL: expected a temperature T > 0"},
        {"TR", "-1/2", "--TR: expected a temperature T > 0"},
        {"TL", "-pi", "--TL: expected a temperature T > 0"},
        {"TL", "1 - sqrt(2)", "--TL"},
        {"c", "-1", "--c: expected c ≥ 0"},
        {"cR", "-1/1000", "--cR: expected c ≥ 0"},
        {"dL", "1 - pi", "--dL: expected d ≥ 0"},
        {"tL", "1", "--tL: expected |t| < 1"},
        {"tR", "-1", "--tR: expected |t| < 1"},
        {"tL", "3/2", "--tL: expected |t| < 1"},
        {"tL", "sqrt(2)", "--tL: expected |t| < 1"},
        {"h", "0", "--h: h must be nonzero"},
        {"h", "sin(pi)", "--h: h must be nonzero"},
        {"theta", "1/0", "--theta"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_resolve_error(
            make_spec("tilted-ising", cases[i].key, cases[i].value, NULL), NG_EINPUT,
            cases[i].needle);
    /* symbolic: only constants can be judged; a − a is the constant 0 */
    expect_resolve_error(make_spec("generic", "h", "a - a", NULL), NG_EINPUT,
                         "h must be nonzero");
    expect_resolve_error(make_spec("generic", "cL", "-2", NULL), NG_EINPUT, "--cL");
    /* c = 0 and d = 0 are allowed (a bath that does nothing) */
    {
        ng_model_t M;
        resolve_ok(M, make_spec("xxz", "c", "0", "d", "0", "tL", "0", "tR", "0", NULL));
        ng_model_clear(M);
    }
    /* the precision is checked too */
    {
        ng_model_t M;
        ng_model_spec *spec = make_spec("xxz", NULL);
        expect_error(ng_model_resolve(M, spec, 0), NG_EINPUT, "--prec");
        ng_model_spec_free(spec);
    }
}

/* The later of T and t (c and cL) wins, as on a command line. */
static void test_override_order(void **state)
{
    ng_model_t M;
    (void)state;
    resolve_ok(M, make_spec("xxz", "TL", "2", "tL", "1/2", "tR", "1/3", NULL));
    assert_int_equal(M->R->kind, NG_QQ);
    assert_elem_q(M->t[NG_LEFT], 1, 2, M->R);
    ng_model_clear(M);
    resolve_ok(M, make_spec("xxz", "tL", "1/2", "TL", "2", "tR", "1/3", NULL));
    assert_int_equal(M->R->kind, NG_BALL);
    ng_model_clear(M);
    resolve_ok(
        M, make_spec("xxz", "cL", "5", "c", "2", "cR", "3", "tL", "0", "tR", "0", NULL));
    assert_elem_q(M->c[NG_LEFT], 2, 1, M->R);
    assert_elem_q(M->c[NG_RIGHT], 3, 1, M->R);
    ng_model_clear(M);
}

static void test_set_prec(void **state)
{
    ng_model_t M;
    (void)state;
    resolve_ok(M, make_spec("tilted-ising", NULL));
    assert_int_equal(ng_model_set_prec(M, 64), NG_OK);
    assert_true(arb_rel_accuracy_bits((const arb_struct *)M->t[NG_LEFT]) < 80);
    assert_int_equal(ng_model_set_prec(M, 512), NG_OK);
    assert_true(arb_rel_accuracy_bits((const arb_struct *)M->t[NG_LEFT]) > 480);
    expect_error(ng_model_set_prec(M, -5), NG_EINPUT, "--prec");
    ng_model_clear(M);
    resolve_ok(M, make_spec("xxz", "tL", "0", "tR", "0", NULL));
    assert_int_equal(ng_model_set_prec(M, 64), NG_OK);
    assert_elem_q(M->alpha, 1, 1, M->R);
    ng_model_clear(M);
}

/* ---- model files ---------------------------------------------------------- */

/* examples/name: __FILE__ is relative to the build directory, where meson
 * runs the tests; the other candidates serve runs from the source tree. */
static char *example_path(const char *name)
{
    static char buf[4096];
    const char *slash = strrchr(__FILE__, '/');
    int n = slash ? (int)(slash - __FILE__) : 1;
    const char *fmts[] = {"%.*s/../examples/%s", "examples/%s", "../examples/%s"};
    for (int i = 0; i < 3; i++) {
        FILE *f;
        if (i == 0)
            snprintf(buf, sizeof buf, fmts[0], n, slash ? __FILE__ : ".", name);
        else
            snprintf(buf, sizeof buf, fmts[i], name);
        f = fopen(buf, "r");
        if (f != NULL) {
            fclose(f);
            return buf;
        }
    }
    return buf;
}

/* Each quantity of A overlaps (or equals) the one of B, and both are tight. */
static void assert_models_agree(const ng_model_t A, const ng_model_t B)
{
    assert_int_equal(A->N, B->N);
    assert_int_equal(A->R->kind, B->R->kind);
    assert_int_equal(A->nquantities, B->nquantities);
    for (slong i = 0; i < A->nquantities; i++) {
        ng_srcptr a = ng_vec_srcentry(A->values, i, A->R);
        ng_srcptr b = ng_vec_srcentry(B->values, i, B->R);
        int ok;
        if (A->R->kind == NG_BALL)
            ok = arb_overlaps(a, b) &&
                 (arb_is_zero(a) || arb_rel_accuracy_bits(a) > PREC - 16) &&
                 (arb_is_zero(b) || arb_rel_accuracy_bits(b) > PREC - 16);
        else
            ok = ng_elem_equal(a, b, A->R) == T_TRUE;
        if (!ok) {
            char *sa = ng_elem_get_str(a, 20, A->R), *sb = ng_elem_get_str(b, 20, B->R);
            fprintf(stderr, "%s: %s (%s) vs %s (%s)\n", A->quantity_names[i], sa,
                    ng_expr_text(A->exprs[i]), sb, ng_expr_text(B->exprs[i]));
            flint_free(sa);
            flint_free(sb);
            fail();
        }
    }
}

static void test_file_equals_preset(void **state)
{
    ng_model_t F, P;
    ng_model_spec *spec = ng_model_spec_new();
    (void)state;
    if (ng_model_spec_read_file(spec, example_path("tilted_ising.json")) != NG_OK)
        fail_with(__FILE__, __LINE__, "%s%s", ng_error_message(), "");
    resolve_ok(F, spec);
    assert_null(F->preset);
    resolve_ok(P, make_spec("tilted-ising", NULL));
    assert_models_agree(F, P);
    ng_model_clear(F);
    ng_model_clear(P);

    /* exactly, with θ free: the file spells out Eqs. 106–110 and Ȳ = −cosθ t */
    spec = ng_model_spec_new();
    assert_int_equal(
        ng_model_spec_read_json(
            spec,
            "{\"N\": 3, \"h\": \"h\", \"alpha\": {\"xx\": \"sin(theta)^2\", "
            "\"xz\": \"-cos(theta)*sin(theta)\", \"zz\": \"cos(theta)^2\"},"
            "\"baths\": {\"L\": {\"X\": {\"x\": \"-sin(theta)\", \"z\": \"cos(theta)\"},"
            "\"Ybar\": \"-cos(theta)*tL\", \"c\": \"c\", \"d\": \"d\", \"t\": \"tL\"},"
            "\"R\": {\"X\": {\"x\": \"-sin(theta)\", \"z\": \"cos(theta)\"},"
            "\"Ybar\": \"-cos(theta)*tR\", \"c\": \"c\", \"d\": \"d\", \"t\": \"tR\"}}}",
            "inline.json"),
        NG_OK);
    resolve_ok(F, spec);
    resolve_ok(P, make_spec("tilted-ising", "N", "3", "h", "h", "theta", "theta", "tL",
                            "tL", "tR", "tR", "c", "c", "d", "d", NULL));
    assert_int_equal(F->R->kind, NG_QQ_PARAMS);
    /* the rings' parameter lists may come in different orders: compare
     * through the printed forms after mapping into one ring is not needed
     * when the order agrees, which it does (both meet h first, …) */
    assert_int_equal(F->R->nvars, P->R->nvars);
    for (slong i = 0; i < F->R->nvars; i++)
        assert_true(ng_ring_param_index(P->R, F->R->names[i]) >= 0);
    for (slong i = 0; i < F->nquantities; i++) {
        char *a = ng_elem_get_str(ng_vec_srcentry(F->values, i, F->R), 20, F->R);
        char *b = ng_elem_get_str(ng_vec_srcentry(P->values, i, P->R), 20, P->R);
        if (strcmp(a, b) != 0)
            fail_with(__FILE__, __LINE__, "file %s vs preset %s", a, b);
        flint_free(a);
        flint_free(b);
    }
    ng_model_clear(F);
    ng_model_clear(P);
}

static void test_file_xxz_boundary(void **state)
{
    ng_model_t M;
    ng_model_spec *spec = ng_model_spec_new();
    json_t *j;
    ng_ptr s;
    (void)state;
    if (ng_model_spec_read_file(spec, example_path("xxz_boundary_fields.json")) != NG_OK)
        fail_with(__FILE__, __LINE__, "%s%s", ng_error_message(), "");
    /* options after the file override it */
    assert_int_equal(ng_model_spec_set(spec, "N", "5"), NG_OK);
    resolve_ok(M, spec);
    assert_int_equal(M->R->kind, NG_QQ);
    assert_int_equal(M->N, 5);
    assert_elem_q(alpha(M, NG_Z, NG_Z), 1, 2, M->R); /* JSON 0.5, read exactly */
    s = ng_elem_new(M->R);
    ng_model_delta_alpha_z(s, M);
    assert_elem_q(s, -3, 5, M->R);
    ng_elem_free(s, M->R);
    check_bath_structure(M);
    j = ng_model_to_json(M, 20);
    assert_true(json_is_null(json_object_get(j, "preset")));
    assert_string_equal(json_string_value(json_object_get(j, "domain")), "rational");
    json_decref(j);
    ng_model_clear(M);
}

/* JSON numbers are read from their text: 0.1 is 1/10, 1e-3 is 1/1000. */
static void test_file_numbers_exact(void **state)
{
    ng_model_t M;
    ng_model_spec *spec = ng_model_spec_new();
    (void)state;
    assert_int_equal(
        ng_model_spec_read_json(
            spec,
            "{\"N\": 2, \"h\": 0.1, \"alpha\": {\"xy\": -1e-3, \"yx\": \"-1/1000\"},"
            "\"baths\": {\"L\": {\"X\": {\"y\": 1}, \"Ybar\": 0, \"c\": "
            "0.30000000000000004,"
            " \"d\": 1E2, \"t\": 0.5}, \"R\": {\"X\": {}, \"Ybar\": 1, \"c\": 0, \"d\": "
            "0,"
            " \"t\": -0.25}}, \"comment\": \"numbers 1.5 inside a string stay text\"}",
            "numbers.json"),
        NG_OK);
    resolve_ok(M, spec);
    assert_int_equal(M->R->kind, NG_QQ);
    assert_elem_q(M->h, 1, 10, M->R);
    assert_elem_q(alpha(M, NG_X, NG_Y), -1, 1000, M->R);
    assert_elem_q(alpha(M, NG_Y, NG_X), -1, 1000, M->R);
    {
        fmpq_t q;
        fmpq_init(q);
        fmpq_set_str(q, "30000000000000004/100000000000000000", 10);
        fmpq_canonicalise(q);
        assert_true(ng_elem_contains_fmpq(M->c[NG_LEFT], q, M->R));
        fmpq_clear(q);
    }
    assert_elem_q(M->d[NG_LEFT], 100, 1, M->R);
    assert_elem_q(M->t[NG_RIGHT], -1, 4, M->R);
    ng_model_clear(M);
}

/* Numbers of any size are read exactly (issue 11): 1e400 and a 5000-digit
 * integer, which jansson alone refuses as overflowing. */
static void test_file_numbers_large(void **state)
{
    static const char head[] =
        "{\"N\": 2, \"h\": 1, \"alpha\": {\"xx\": 1e400}, \"baths\": "
        "{\"L\": {\"X\": {\"x\": 1}, \"Ybar\": 0, \"c\": ";
    static const char tail[] = ", \"d\": 1, \"t\": 0.5}, \"R\": {\"X\": {\"x\": 1}, "
                               "\"Ybar\": 0, \"c\": 1, \"d\": -0, \"t\": -0.25}}}";
    char *text = flint_malloc(sizeof head + sizeof tail + 5000);
    ng_model_spec *spec = ng_model_spec_new();
    ng_model_t M;
    fmpq_t q;
    ng_expr *e;
    (void)state;
    strcpy(text, head);
    memset(text + strlen(head), '7', 5000);
    strcpy(text + strlen(head) + 5000, tail);
    assert_int_equal(ng_model_spec_read_json(spec, text, "large.json"), NG_OK);
    flint_free(text);
    resolve_ok(M, spec);
    assert_int_equal(M->R->kind, NG_QQ);
    fmpq_init(q);
    fmpz_ui_pow_ui(fmpq_numref(q), 10, 400); /* 1e400 */
    assert_true(ng_elem_contains_fmpq(alpha(M, NG_X, NG_X), q, M->R));
    fmpz_set_ui(fmpq_numref(q), 7); /* 77…7 (5000 digits) = 7 (10^5000 − 1)/9 */
    fmpz_t p;
    fmpz_init(p);
    fmpz_ui_pow_ui(p, 10, 5000);
    fmpz_sub_ui(p, p, 1);
    fmpz_divexact_ui(p, p, 9);
    fmpz_mul_ui(fmpq_numref(q), p, 7);
    assert_true(ng_elem_contains_fmpq(M->c[NG_LEFT], q, M->R));
    fmpz_clear(p);
    fmpq_clear(q);
    ng_model_clear(M);
    /* the number reader itself: JSON's syntax only, exact */
    assert_int_equal(ng_expr_parse_number(&e, "-12.5e-1", "n"), NG_OK);
    fmpq_init(q);
    assert_int_equal(ng_expr_get_fmpq(q, e), NG_OK);
    assert_true(fmpz_equal_si(fmpq_numref(q), -5) && fmpz_equal_si(fmpq_denref(q), 4));
    assert_string_equal(ng_expr_text(e), "-12.5e-1");
    fmpq_clear(q);
    ng_expr_free(e);
    expect_error(ng_expr_parse_number(&e, "1.2.3", "n"), NG_EINPUT, "n: column");
    expect_error(ng_expr_parse_number(&e, "--1", "n"), NG_EINPUT, "n: column");
    /* an exponent too large to expand is the power 10^20000, still exact (a
     * larger one, 1e99999, is past exact arithmetic: a real number, balls) */
    assert_int_equal(ng_expr_parse_number(&e, "1e20000", "n"), NG_OK);
    {
        ng_expr_domain d;
        fmpz_t p;
        fmpz_init(p);
        fmpq_init(q);
        assert_int_equal(ng_expr_classify(&d, e), NG_OK);
        assert_int_equal(d, NG_EXPR_RATIONAL);
        assert_int_equal(ng_expr_get_fmpq(q, e), NG_OK);
        fmpz_ui_pow_ui(p, 10, 20000);
        assert_true(fmpz_equal(fmpq_numref(q), p) && fmpz_is_one(fmpq_denref(q)));
        assert_string_equal(ng_expr_text(e), "1e20000");
        fmpz_clear(p);
        fmpq_clear(q);
    }
    ng_expr_free(e);
}

/* A file's mean field written with t, T follows the bath's temperature, also
 * an overridden one; a plain value is kept with a warning when an option
 * overrides the temperature (issue 11). */
static void test_file_ybar_follows_t(void **state)
{
    static const char json[] =
        "{\"N\": 2, \"h\": 1, \"alpha\": {\"zz\": 1, \"xx\": 1},"
        "\"baths\": {\"L\": {\"X\": {\"x\": 1}, \"Ybar\": \"-t/2\", \"c\": 1, \"d\": 1, "
        "\"t\": \"1/3\"}, \"R\": {\"X\": {\"x\": 1}, \"Ybar\": \"1/5\", \"c\": 1, \"d\": "
        "1, "
        "\"t\": \"1/4\"}}}";
    ng_model_spec *spec = ng_model_spec_new();
    ng_model_t M;
    ng_expr *e, *v, *r;
    (void)state;
    assert_int_equal(ng_model_spec_read_json(spec, json, "y.json"), NG_OK);
    resolve_ok(M, ng_model_spec_copy(spec));
    assert_elem_q(M->ybar[NG_LEFT], -1, 6, M->R);
    assert_int_equal(M->nwarnings, 0);
    ng_model_clear(M);
    /* overrides: the left Ybar follows tL, the right one is kept, with a warning */
    assert_int_equal(ng_model_spec_set(spec, "tL", "1/7"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "tR", "1/9"), NG_OK);
    resolve_ok(M, spec);
    assert_elem_q(M->ybar[NG_LEFT], -1, 14, M->R);
    assert_elem_q(M->ybar[NG_RIGHT], 1, 5, M->R);
    assert_int_equal(M->nwarnings, 1);
    assert_non_null(strstr(M->warnings[0], "y.json: baths.R.Ybar = '1/5' is kept"));
    assert_non_null(strstr(M->warnings[0], "--tR overrides"));
    ng_model_clear(M);
    /* the substitution itself: only the named name, the rest untouched */
    assert_int_equal(ng_expr_parse(&e, "t*cos(T) + t^2", "x"), NG_OK);
    assert_int_equal(ng_expr_parse(&v, "1/2", "v"), NG_OK);
    assert_true(ng_expr_has_name(e, "t") && ng_expr_has_name(e, "T"));
    assert_false(ng_expr_has_name(e, "h"));
    r = ng_expr_substitute(e, "t", v);
    assert_false(ng_expr_has_name(r, "t"));
    assert_true(ng_expr_has_name(r, "T"));
    assert_string_equal(ng_expr_text(r), "1/2*cos(T) + (1/2)^2");
    ng_expr_free(r);
    ng_expr_free(v);
    ng_expr_free(e);
}

/* Model files: a size cap (a device such as /dev/zero cannot make the reader
 * grow without bound) and the system's reason for what cannot be read. */
static void test_file_limits(void **state)
{
    ng_model_spec *spec = ng_model_spec_new();
    (void)state;
    expect_error(ng_model_spec_read_file(spec, "/dev/zero"), NG_EINPUT,
                 "/dev/zero: the model file is larger than 1048576 bytes");
    expect_error(ng_model_spec_read_file(spec, "/"), NG_EINPUT,
                 "/: cannot read the model file: Is a directory");
    ng_model_spec_free(spec);
}

/* Every malformed file is NG_EINPUT with a message naming the field. */
static void test_file_malformed(void **state)
{
#define BATH "{\"X\": {\"x\": 1}, \"Ybar\": 0, \"c\": 1, \"d\": 1, \"t\": \"1/2\"}"
#define BATHS "{\"L\": " BATH ", \"R\": " BATH "}"
    static const struct {
        const char *text, *needle;
    } cases[] = {
        {"", "bad.json: line 1"},
        {"{\"N\": 2,}", "bad.json: line 1, column"},
        {"[1, 2]", "expected an object, got an array"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": " BATHS ", \"gamma\": 1}",
         "unknown key 'gamma'"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": " BATHS ", \"x\": 1, \"y\": 2}",
         "'x', 'y'"},
        {"{\"h\": 1, \"alpha\": {}, \"baths\": " BATHS "}", "missing 'N'"},
        {"{\"N\": 2, \"baths\": " BATHS "}", "missing 'h', 'alpha'"},
        {"{\"N\": 2.5, \"h\": 1, \"alpha\": {}, \"baths\": " BATHS "}",
         "bad.json: N: expected a whole number of spins from 2 to 64, got '2.5'"},
        {"{\"N\": 65, \"h\": 1, \"alpha\": {}, \"baths\": " BATHS "}", "N: expected"},
        {"{\"N\": true, \"h\": 1, \"alpha\": {}, \"baths\": " BATHS "}",
         "N: expected a string or a number, got a boolean"},
        {"{\"N\": 2, \"h\": [1], \"alpha\": {}, \"baths\": " BATHS "}",
         "bad.json: h: expected a string or a number, got an array"},
        {"{\"N\": 2, \"h\": null, \"alpha\": {}, \"baths\": " BATHS "}", "h: expected"},
        {"{\"N\": 2, \"h\": \"1 +\", \"alpha\": {}, \"baths\": " BATHS "}",
         "bad.json: h: column"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": 1, \"baths\": " BATHS "}",
         "alpha: expected an object, got a number"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {\"xw\": 1}, \"baths\": " BATHS "}",
         "alpha: unknown key 'xw'"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {\"xx\": {}}, \"baths\": " BATHS "}",
         "alpha.xx: expected a string or a number, got an object"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH "}}",
         "baths: missing 'R'"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH ", \"R\": " BATH
         ", \"M\": " BATH "}}",
         "baths: unknown key 'M'"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH ", \"R\": 3}}",
         "baths.R: expected an object, got a number"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {\"x\": 1}, \"c\": 1, \"d\": 1, \"t\": 0}}}",
         "baths.R: missing 'Ybar'"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {\"x\": 1}, \"Ybar\": 0, \"c\": 1, \"d\": 1}}}",
         "baths.R: missing 'T'"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {\"x\": 1}, \"Ybar\": 0, \"c\": 1, \"d\": 1, \"t\": 0, \"T\": "
         "1}}}",
         "baths.R: give the temperature T or t"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": [1], \"Ybar\": 0, \"c\": 1, \"d\": 1, \"t\": 0}}}",
         "baths.R.X: expected an object, got an array"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {\"w\": 1}, \"Ybar\": 0, \"c\": 1, \"d\": 1, \"t\": 0}}}",
         "baths.R.X: unknown key 'w'"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {\"z\": false}, \"Ybar\": 0, \"c\": 1, \"d\": 1, \"t\": 0}}}",
         "baths.R.X.z: expected a string or a number, got a boolean"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {}, \"Ybar\": 0, \"c\": \"(\", \"d\": 1, \"t\": 0}}}",
         "bad.json: baths.R.c: column"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": " BATHS ", \"comment\": 5}",
         "comment: expected a string, got a number"},
        {"{\"N\": 2, \"N\": 3, \"h\": 1, \"alpha\": {}, \"baths\": " BATHS "}",
         "duplicate"},
    };
    /* well-formed files whose values are out of range: reported at resolve */
    static const struct {
        const char *text, *needle;
    } range_cases[] = {
        {"{\"N\": 2, \"h\": 0, \"alpha\": {}, \"baths\": " BATHS "}",
         "bad.json: h: h must be nonzero"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {\"xz\": 1, \"zx\": 2}, \"baths\": " BATHS "}",
         "symmetric"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {}, \"Ybar\": 0, \"c\": -1, \"d\": 1, \"t\": 0}}}",
         "bad.json: baths.R.c: expected c ≥ 0"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {}, \"Ybar\": 0, \"c\": 1, \"d\": 1, \"T\": 0}}}",
         "bad.json: baths.R.T: expected a temperature T > 0"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {}, \"Ybar\": 0, \"c\": 1, \"d\": 1, \"t\": -1.5}}}",
         "bad.json: baths.R.t: expected |t| < 1"},
        {"{\"N\": 2, \"h\": 1, \"alpha\": {\"xx\": \"a\"}, \"baths\": {\"L\": " BATH
         ", \"R\": {\"X\": {}, \"Ybar\": 0, \"c\": 1, \"d\": 1, \"T\": 1}}}",
         "mixes free names"},
    };
#undef BATH
#undef BATHS
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ng_model_spec *spec = make_spec("xxz", "h", "7", NULL);
        ng_status st = ng_model_spec_read_json(spec, cases[i].text, "bad.json");
        if (st != NG_EINPUT || strstr(ng_error_message(), cases[i].needle) == NULL)
            fail_with(__FILE__, __LINE__, "case %s\n  message: %s", cases[i].text,
                      ng_error_message());
        /* a bad file leaves the spec as it was */
        {
            ng_model_t M;
            assert_int_equal(ng_model_spec_set(spec, "tL", "0"), NG_OK);
            assert_int_equal(ng_model_spec_set(spec, "tR", "0"), NG_OK);
            resolve_ok(M, spec);
            assert_string_equal(M->preset, "xxz");
            assert_elem_q(M->h, 7, 1, M->R);
            ng_model_clear(M);
        }
    }
    for (size_t i = 0; i < sizeof range_cases / sizeof range_cases[0]; i++) {
        ng_model_spec *spec = ng_model_spec_new();
        ng_model_t M;
        ng_status st = ng_model_spec_read_json(spec, range_cases[i].text, "bad.json");
        if (st != NG_OK)
            fail_with(__FILE__, __LINE__, "case %s: %s", range_cases[i].text,
                      ng_error_message());
        st = ng_model_resolve(M, spec, PREC);
        if (st == NG_OK)
            ng_model_clear(M);
        if (st != NG_EINPUT || strstr(ng_error_message(), range_cases[i].needle) == NULL)
            fail_with(__FILE__, __LINE__, "case %s\n  message: %s", range_cases[i].text,
                      ng_error_message());
        ng_model_spec_free(spec);
    }
    {
        ng_model_spec *spec = ng_model_spec_new();
        expect_error(ng_model_spec_read_file(spec, "/nonexistent/model.json"), NG_EINPUT,
                     "/nonexistent/model.json: cannot open");
        /* keys a model file does not have */
        assert_int_equal(ng_model_spec_read_file(spec, example_path("tilted_ising.json")),
                         NG_OK);
        assert_int_equal(ng_model_spec_set(spec, "theta", "1"), NG_OK);
        expect_resolve_error(spec, NG_EINPUT, "--theta: not a parameter of a model file");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_keys_and_N),
        cmocka_unit_test(test_tilted_symbolic),
        cmocka_unit_test(test_tilted_transverse_exact),
        cmocka_unit_test(test_tilted_pi4),
        cmocka_unit_test(test_tilted_defaults),
        cmocka_unit_test(test_xxz_xyz),
        cmocka_unit_test(test_generic),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_override_order),
        cmocka_unit_test(test_set_prec),
        cmocka_unit_test(test_file_equals_preset),
        cmocka_unit_test(test_file_xxz_boundary),
        cmocka_unit_test(test_file_numbers_exact),
        cmocka_unit_test(test_file_malformed),
        cmocka_unit_test(test_file_numbers_large),
        cmocka_unit_test(test_file_ybar_follows_t),
        cmocka_unit_test(test_file_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
