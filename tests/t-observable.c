/* Observables (src/observable) and their values in the engine's states:
 * parsing as the text writer writes operators, Hermiticity and site checks,
 * linearity; Tr(O ρ0) against a dense evaluation (the Ker L0 reference ρ0 as a
 * dense matrix, Tr(O ρ0) by matrix products) for N ≤ 5, on both engine routes;
 * the currents: D_ν†(σ^z_e) derived on the generic model, J_ν^[2] = hΓ_ν(t_e − t_ν),
 * J_L + J_R = 0 exactly on ρ0 (also with degenerate levels), and in the series
 * the bond currents equal to J_L order by order; finite λ against the
 * coefficients with the fitted order (full-Liouvillian solver). */
#include "ng_dense.h"
#include "ng_test.h"

#include <math.h>
#include <string.h>

#include "nessgen/engine.h"
#include "nessgen/numerics.h"
#include "nessgen/observable.h"
#include "nessgen/pert.h"

/* Tilted Ising at cos θ = 3/5 (u = 1/2), unequal baths (as in t-engine.c). */
static const char tilted_rational[] =
    "{\"N\": 2, \"h\": 1, \"alpha\": {\"xx\": \"16/25\", \"xz\": \"-12/25\", \"zz\": "
    "\"9/25\"},"
    " \"baths\": {\"L\": {\"X\": {\"x\": \"-4/5\", \"z\": \"3/5\"}, \"Ybar\": \"-3/10\","
    " \"c\": 1, \"d\": \"1/2\", \"t\": \"1/2\"},"
    " \"R\": {\"X\": {\"x\": \"-4/5\", \"z\": \"3/5\"}, \"Ybar\": \"-3/25\","
    " \"c\": \"3/2\", \"d\": 1, \"t\": \"1/5\"}}}";

/* Every kind of coupling, x, y, z bath parts (as in t-engine.c). */
static const char generic_rational[] =
    "{\"N\": 2, \"h\": 1, \"alpha\": {\"xx\": \"1/2\", \"yy\": \"1/3\", \"zz\": \"2/5\","
    " \"xz\": \"-1/4\", \"xy\": \"1/7\"},"
    " \"baths\": {\"L\": {\"X\": {\"x\": \"1/2\", \"y\": \"1/3\", \"z\": \"2/3\"},"
    " \"Ybar\": \"-1/5\", \"c\": 1, \"d\": \"1/2\", \"t\": \"1/2\"},"
    " \"R\": {\"X\": {\"x\": \"-2/3\", \"y\": \"1/4\", \"z\": \"1/2\"},"
    " \"Ybar\": \"1/7\", \"c\": \"3/2\", \"d\": 1, \"t\": \"1/5\"}}}";

static void parse_ok(ng_observable_t O, const char *text)
{
    if (ng_observable_parse(O, text, "--observable") != NG_OK)
        fprintf(stderr, "'%s': %s\n", text, ng_error_message());
    assert_int_equal(ng_observable_parse(O, text, "--observable"), NG_OK);
}

static void parse_fails(const char *text, const char *expect)
{
    ng_observable_t O;
    ng_observable_init(O);
    assert_int_equal(ng_observable_parse(O, text, "--observable"), NG_EINPUT);
    if (strstr(ng_error_message(), expect) == NULL)
        fprintf(stderr, "'%s': message '%s' lacks '%s'\n", text, ng_error_message(),
                expect);
    assert_non_null(strstr(ng_error_message(), expect));
    ng_observable_clear(O);
}

static void test_parse(void **state)
{
    ng_observable_t O;
    ng_ring_t Q;
    ng_op_t A, B;
    flint_rand_t rs;
    (void)state;
    ng_observable_init(O);
    ng_ring_init_qq(Q);
    ng_op_init(A, 5, NG_PAULI, Q);
    ng_op_init(B, 5, NG_PAULI, Q);
    parse_ok(O, "X1 X3");
    assert_int_equal(O->len, 1);
    assert_int_equal(O->max_site, 3);
    parse_ok(O, "X1 Y2 - Y1 X2");
    assert_int_equal(O->len, 2);
    parse_ok(O, "3/2*Z1 Z2 + (1 + sqrt(2))*X1 - 1e-3*Y4 + 1/2*I");
    assert_int_equal(O->len, 4);
    assert_int_equal(ng_observable_op(A, O, 5, Q), NG_EINPUT); /* sqrt(2) is not in Q */
    parse_ok(O, "i*X1 Y2 - i*X1 Y2 + Z1");                     /* the i* terms cancel */
    assert_int_equal(O->len, 1);
    assert_int_equal(ng_observable_check_sites(O, 2, "--observable"), NG_OK);
    parse_ok(O, "Z1 Z7");
    assert_int_equal(ng_observable_check_sites(O, 6, "--observable"), NG_EINPUT);
    assert_non_null(strstr(ng_error_message(), "site 7 outside 1..6"));
    parse_fails("X0", "outside 1..64");
    parse_fails("X65", "outside 1..64");
    parse_fails("X1 X1", "site 1 named twice");
    parse_fails("Q1", "expected a Pauli string");
    parse_fails("X1 +", "expected a Pauli string");
    parse_fails("X1 Z2 Y", "expected + or -");
    parse_fails("", "empty");
    parse_fails("i*X1 Y2", "not Hermitian");
    parse_fails("X1 Y2 + i*1/2*Y2", "not Hermitian");
    parse_fails("2*i*X1", "names i");
    parse_ok(O, "a*X1 + cos(theta)*Z2"); /* free names: a symbolic observable */
    assert_true(O->symbolic);
    parse_fails("sqrt(-1)*X1", "coefficient");
    parse_fails("(1 +)*X1", "coefficient");
    /* what the text writer writes reads back as the same operator */
    ng_test_rand_init(rs);
    for (slong it = 0; it < ng_test_iters(200); it++) {
        char *s;
        ng_op_randtest(A, rs, 1 + (slong)n_randint(rs, 6), 5, 1, Q);
        if (A->length == 0)
            continue;
        s = ng_op_get_str(A, 0, Q);
        parse_ok(O, s);
        assert_int_equal(ng_observable_op(B, O, 5, Q), NG_OK);
        if (ng_op_equal(A, B, Q) != T_TRUE)
            fprintf(stderr, "round trip of '%s' failed\n", s);
        assert_int_equal(ng_op_equal(A, B, Q), T_TRUE);
        flint_free(s);
    }
    ng_test_rand_clear(rs);
    ng_op_clear(A, Q);
    ng_op_clear(B, Q);
    ng_observable_clear(O);
    ng_ring_clear(Q);
}

/* Tr(O ρ) densely: both operators as Kronecker products of 2×2 letters
 * (ng_dense.h, independent of the string and engine code), then a trace. */
static void dense_expect(fmpq_t res, const ng_op_t O, const ng_op_t rho,
                         const ng_ring_t Q)
{
    slong n = WORD(1) << O->nsites;
    ng_dense_t A, B;
    fmpq_t im;
    fmpq_init(im);
    ng_dense_init(A, n);
    ng_dense_init(B, n);
    ng_dense_from_op(A, O, Q);
    ng_dense_from_op(B, rho, Q);
    ng_dense_mul(A, A, B);
    ng_dense_trace(res, im, A);
    assert_true(fmpq_is_zero(im));
    ng_dense_clear(A);
    ng_dense_clear(B);
    fmpq_clear(im);
}

static void reference_rho0(ng_op_t rho, const ng_model_t M)
{
    ng_named_basis_t B;
    ng_superop_ctx_t L;
    ng_pert_t P;
    ng_ptr coords;
    ng_named_basis_init(B);
    assert_int_equal(ng_kernel_basis(B, M->N, M->R), NG_OK);
    ng_superop_ctx_init(L, M);
    assert_int_equal(ng_pert_init(P, B, L), NG_OK);
    coords = ng_vec_init(B->length, M->R);
    assert_int_equal(ng_pert_rho0(coords, P), NG_OK);
    ng_pert_coords_to_op(rho, coords, P);
    ng_vec_clear(coords, B->length, M->R);
    ng_pert_clear(P);
    ng_superop_ctx_clear(L);
    ng_named_basis_clear(B, M->R);
}

static void assert_value(ng_srcptr x, const fmpq_t q, const ng_ring_t R, const char *what)
{
    fmpq_t v;
    int ok;
    fmpq_init(v);
    ok = R->kind == NG_QQ ? ng_elem_get_fmpq(v, x, R) && fmpq_equal(v, q)
                          : ng_elem_contains_fmpq(x, q, R);
    if (!ok) {
        char *s = ng_elem_get_str(x, 30, R), *e = fmpq_get_str(NULL, 10, q);
        fprintf(stderr, "%s: engine %s, dense %s\n", what, s, e);
        flint_free(s);
        flint_free(e);
    }
    fmpq_clear(v);
    assert_true(ok);
}

/* Random Hermitian observables on ρ0, N = 2..5, both routes, against the
 * dense trace with the reference ρ0; and linearity ⟨aA + bB⟩ = a⟨A⟩ + b⟨B⟩. */
static void test_dense(void **state)
{
    const char *models[2] = {tilted_rational, generic_rational};
    flint_rand_t rs;
    (void)state;
    ng_test_rand_init(rs);
    for (int mi = 0; mi < 2; mi++)
        for (int N = 2; N <= (mi == 0 ? 5 : 4); N++) {
            ng_model_t M;
            ng_op_t rho, A, B, C;
            fmpq_t ref, refb, a, b;
            ng_test_model(M, models[mi], NULL, N, NULL);
            ng_op_init(rho, N, NG_PAULI, M->R);
            ng_op_init(A, N, NG_PAULI, M->R);
            ng_op_init(B, N, NG_PAULI, M->R);
            ng_op_init(C, N, NG_PAULI, M->R);
            fmpq_init(ref);
            fmpq_init(refb);
            fmpq_init(a);
            fmpq_init(b);
            reference_rho0(rho, M);
            for (int route = NG_ENGINE_EIGEN; route <= NG_ENGINE_COMMUTANT; route++) {
                ng_engine_opts o;
                ng_engine_rho0_t res;
                ng_ptr v = NULL, w = NULL, u = NULL;
                ng_engine_opts_init(&o);
                o.route = route;
                o.digits = 20;
                o.keep_state = 1;
                assert_int_equal(ng_engine_rho0(res, M, &o), NG_OK);
                v = ng_elem_new(res->R);
                w = ng_elem_new(res->R);
                u = ng_elem_new(res->R);
                for (slong it = 0; it < ng_test_iters(N <= 3 ? 12 : 4); it++) {
                    /* strings of any weight, also magnetisation-changing ones */
                    ng_op_randtest(A, rs, 1 + (slong)n_randint(rs, 8), N, 1, M->R);
                    ng_op_randtest(B, rs, 1 + (slong)n_randint(rs, 8), N, 1, M->R);
                    dense_expect(ref, A, rho, M->R);
                    dense_expect(refb, B, rho, M->R);
                    assert_int_equal(ng_observable_expect(
                                         v, A, M->R, ng_engine_rho0_expect, res, res->R),
                                     NG_OK);
                    assert_value(v, ref, res->R, "<A>");
                    /* linearity: <aA + bB> = a<A> + b<B> */
                    fmpq_set_si(a, -3, 7);
                    fmpq_set_si(b, 5, 2);
                    {
                        ng_ptr ca = ng_elem_new(M->R), cb = ng_elem_new(M->R);
                        ng_elem_set_fmpq(ca, a, M->R);
                        ng_elem_set_fmpq(cb, b, M->R);
                        ng_op_scalar_mul(C, A, ca, M->R);
                        ng_op_addmul(C, B, cb, M->R);
                        ng_elem_free(ca, M->R);
                        ng_elem_free(cb, M->R);
                    }
                    assert_int_equal(ng_observable_expect(
                                         w, C, M->R, ng_engine_rho0_expect, res, res->R),
                                     NG_OK);
                    fmpq_mul(ref, ref, a);
                    fmpq_addmul(ref, refb, b);
                    assert_value(w, ref, res->R, "<aA + bB>");
                    assert_int_equal(ng_observable_expect(
                                         u, B, M->R, ng_engine_rho0_expect, res, res->R),
                                     NG_OK);
                    assert_value(u, refb, res->R, "<B>");
                }
                ng_elem_free(v, res->R);
                ng_elem_free(w, res->R);
                ng_elem_free(u, res->R);
                ng_engine_rho0_clear(res);
            }
            fmpq_clear(ref);
            fmpq_clear(refb);
            fmpq_clear(a);
            fmpq_clear(b);
            ng_op_clear(rho, M->R);
            ng_op_clear(A, M->R);
            ng_op_clear(B, M->R);
            ng_op_clear(C, M->R);
            ng_model_clear(M);
        }
    ng_test_rand_clear(rs);
}

/* A coefficient with free names on the exact ρ0: the operator of
 * "a*Z1 + b*Z1 Z2" over Q(a, b), with ρ0's exact values read into Q(a, b)
 * through ng_observable_convert (as the command line does), is the rational
 * function a⟨Z1⟩ + b⟨Z1 Z2⟩ built by hand. */
typedef struct {
    const ng_engine_rho0_struct *res;
    const ng_ring_struct *P;
} params_state;

static void expect_in_params(ng_ptr val, ng_string S, const void *arg)
{
    const params_state *ps = arg;
    ng_ptr x = ng_elem_new(ps->res->R);
    ng_engine_rho0_expect(x, S, ps->res);
    assert_true(ng_observable_convert(val, x, ps->res->R, ps->P));
    ng_elem_free(x, ps->res->R);
}

static void test_symbolic(void **state)
{
    ng_model_t M;
    ng_engine_opts o;
    ng_engine_rho0_t res;
    ng_observable_t O;
    ng_op_t A;
    ng_ring_t P;
    char **names = NULL;
    slong n = 0;
    ng_ptr v, w, g, x, y;
    params_state ps;
    ng_string z1 = {0, 1}, z12 = {0, 3};
    (void)state;
    ng_test_model(M, tilted_rational, NULL, 3, NULL);
    ng_engine_opts_init(&o);
    o.keep_state = 1;
    assert_int_equal(ng_engine_rho0(res, M, &o), NG_OK);
    assert_true(res->exact);
    ng_observable_init(O);
    parse_ok(O, "a*Z1 + b*Z1 Z2");
    assert_true(O->symbolic);
    assert_int_equal(ng_observable_symbols(&names, &n, O), NG_OK);
    assert_int_equal(n, 2);
    ng_ring_init_params(P, (const char *const *)names, n);
    ng_op_init(A, 3, NG_PAULI, P);
    assert_int_equal(ng_observable_op(A, O, 3, P), NG_OK);
    ps.res = res;
    ps.P = P;
    v = ng_elem_new(P);
    w = ng_elem_new(P);
    g = ng_elem_new(P);
    y = ng_elem_new(P);
    x = ng_elem_new(res->R);
    assert_int_equal(ng_observable_expect(v, A, P, expect_in_params, &ps, P), NG_OK);
    ng_engine_rho0_expect(x, z1, res); /* a<Z1> + b<Z1 Z2> */
    assert_true(ng_observable_convert(y, x, res->R, P));
    ng_elem_gen(g, ng_ring_param_index(P, "a"), P);
    ng_elem_mul(w, g, y, P);
    ng_engine_rho0_expect(x, z12, res);
    assert_true(ng_observable_convert(y, x, res->R, P));
    ng_elem_gen(g, ng_ring_param_index(P, "b"), P);
    ng_elem_addmul(w, g, y, P);
    assert_int_equal(ng_elem_equal(v, w, P), T_TRUE);
    assert_int_equal(ng_elem_is_zero(v, P), T_FALSE);
    for (slong k = 0; k < n; k++)
        flint_free(names[k]);
    flint_free(names);
    ng_elem_free(v, P);
    ng_elem_free(w, P);
    ng_elem_free(g, P);
    ng_elem_free(y, P);
    ng_elem_free(x, res->R);
    ng_op_clear(A, P);
    ng_ring_clear(P);
    ng_observable_clear(O);
    ng_engine_rho0_clear(res);
    ng_model_clear(M);
}

/* D_ν†(σ^z_e) = −Γ_ν(σ^z_e + t_ν) + 2 d_ν x^z (x^x σ^x_e + x^y σ^y_e) with
 * Γ_ν = 2c_ν((x^x)² + (x^y)²), as identical operators over Q(parameters) of the
 * generic model (every x_ν^j, c, d, t a free symbol). */
static void test_dissipator_adjoint_sz(void **state)
{
    ng_model_t M;
    ng_model_spec *spec = ng_model_spec_new();
    ng_superop_ctx_t L;
    (void)state;
    assert_int_equal(ng_model_spec_set_preset(spec, "generic"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "N", "3"), NG_OK);
    assert_int_equal(ng_model_spec_set_symbolic_defaults(spec), NG_OK);
    assert_int_equal(ng_model_resolve(M, spec, 128), NG_OK);
    assert_int_equal(M->R->kind, NG_QQ_PARAMS);
    ng_superop_ctx_init(L, M);
    for (int nu = 0; nu < 2; nu++) {
        const ng_ring_struct *R = M->R;
        int e = nu == 0 ? 0 : M->N - 1;
        ng_op_t Z, D, E, T;
        ng_ptr g = ng_elem_new(R), c = ng_elem_new(R);
        ng_string s = {0, 0};
        ng_op_init(Z, M->N, NG_PAULI, R);
        ng_op_init(D, M->N, NG_PAULI, R);
        ng_op_init(E, M->N, NG_PAULI, R);
        ng_op_init(T, M->N, NG_PAULI, R);
        ng_string_set_letter(&s, e, NG_SZ);
        ng_op_push_si(Z, s, 0, 1, R);
        ng_dissipator_adjoint(D, Z, nu, L);
        ng_currents_contact_rate(g, M, nu);
        ng_elem_neg(g, g, R);
        ng_op_scalar_mul(E, Z, g, R); /* −Γ σ^z */
        ng_op_one(T, M->N, R);
        ng_elem_mul(c, g, M->t[nu], R);
        ng_op_addmul(E, T, c, R);            /* −Γ t */
        for (int j = NG_X; j <= NG_Y; j++) { /* 2 d x^z x^j σ^j */
            ng_string sj = {0, 0};
            ng_string_set_letter(&sj, e, j == NG_X ? NG_SX : NG_SY);
            ng_op_zero(T, R);
            T->nsites = M->N;
            ng_op_push_si(T, sj, 0, 2, R);
            ng_elem_mul(c, M->d[nu], ng_vec_srcentry(M->x[nu], NG_Z, R), R);
            ng_elem_mul(c, c, ng_vec_srcentry(M->x[nu], j, R), R);
            ng_op_addmul(E, T, c, R);
        }
        if (ng_op_equal(D, E, R) != T_TRUE) {
            ng_test_print_op("D^dag(Z_e)", D, R);
            ng_test_print_op("expected", E, R);
        }
        assert_int_equal(ng_op_equal(D, E, R), T_TRUE);
        ng_op_clear(Z, R);
        ng_op_clear(D, R);
        ng_op_clear(E, R);
        ng_op_clear(T, R);
        ng_elem_free(g, R);
        ng_elem_free(c, R);
    }
    {
        /* every current operator is Hermitian (its expectation is real) */
        ng_currents_t C;
        ng_currents_init(C, L);
        for (int nu = 0; nu < 2; nu++) {
            assert_int_equal(ng_op_is_hermitian(C->bath_h0[nu], M->R), T_TRUE);
            assert_int_equal(ng_op_is_hermitian(C->bath_h1[nu], M->R), T_TRUE);
            assert_int_equal(ng_op_is_hermitian(C->bath_spin[nu], M->R), T_TRUE);
        }
        for (int l = 0; l + 2 < M->N; l++) {
            assert_int_equal(ng_op_is_hermitian(C->energy1 + l, M->R), T_TRUE);
            assert_int_equal(ng_op_is_hermitian(C->energy2 + l, M->R), T_TRUE);
            assert_true(C->energy2[l].length > 0);
        }
        for (int b = 0; b + 1 < M->N; b++)
            assert_int_equal(ng_op_is_hermitian(C->spin1 + b, M->R), T_TRUE);
        ng_currents_clear(C, M->R);
    }
    ng_superop_ctx_clear(L);
    ng_model_clear(M);
    ng_model_spec_free(spec);
}

/* Raw current expectations of ρ0 (exact) and the λ² values. */
static void rho0_currents(ng_current_values_t V, ng_engine_rho0_t res, ng_model_t M)
{
    ng_superop_ctx_t L;
    ng_currents_t C;
    ng_ptr raw;
    slong n = ng_currents_nraw(M->N);
    ng_superop_ctx_init(L, M);
    ng_currents_init(C, L);
    raw = ng_vec_init(n, res->R);
    assert_int_equal(ng_currents_raw(raw, C, M->R, ng_engine_rho0_expect, res, res->R),
                     NG_OK);
    ng_current_values_init(V, M->N, res->R);
    assert_true(!ng_current_values_order(V, raw, 0, 2, res->R) || M->N == 2);
    ng_vec_clear(raw, n, res->R);
    ng_currents_clear(C, M->R);
    ng_superop_ctx_clear(L);
}

/* J_L + J_R = 0 exactly on ρ0 and J_ν^[2] = hΓ_ν(t_e − t_ν), N = 2..5, also
 * at θ = π/2 where N ≥ 4 has degenerate levels; and there, the flat profile
 * carries a nonzero current J_L^[2] = hΓ_LΓ_R(t_R − t_L)/(Γ_L + Γ_R). */
static void test_bath_currents_rho0(void **state)
{
    static const char *const transverse[] = {"theta", "pi/2", "tL", "1/2", "tR", "1/5",
                                             "c",     "1",    "d",  "1",   NULL};
    (void)state;
    for (int which = 0; which < 3; which++)
        for (int N = 2; N <= 5; N++) {
            ng_model_t M;
            ng_engine_opts o;
            ng_engine_rho0_t res;
            ng_current_values_t V;
            const ng_ring_struct *R;
            ng_ptr g, x;
            if (which == 2)
                ng_test_model(M, NULL, "tilted-ising", N, transverse);
            else
                ng_test_model(M, which == 0 ? tilted_rational : generic_rational, NULL, N,
                           NULL);
            ng_engine_opts_init(&o);
            o.keep_state = 1;
            assert_int_equal(ng_engine_rho0(res, M, &o), NG_OK);
            assert_true(res->exact);
            R = res->R;
            rho0_currents(V, res, M);
            assert_int_equal(ng_elem_is_zero(V->sum, R), T_TRUE);
            assert_int_equal(ng_elem_is_zero(ng_vec_srcentry(V->J, 0, R), R), T_FALSE);
            g = ng_elem_new(R);
            x = ng_elem_new(R);
            for (int nu = 0; nu < 2; nu++) {
                ng_currents_contact_rate(g, M, nu); /* exact model: same ring */
                ng_elem_sub(x, ng_vec_srcentry(res->obs->t, nu == 0 ? 0 : N - 1, R),
                            M->t[nu], R);
                ng_elem_mul(x, x, g, R);
                ng_elem_mul(x, x, M->h, R);
                assert_int_equal(ng_elem_equal(x, ng_vec_srcentry(V->J, nu, R), R),
                                 T_TRUE);
                /* leading spin current = J/h */
                ng_elem_mul(x, ng_vec_srcentry(V->Js, nu, R), M->h, R);
                assert_int_equal(ng_elem_equal(x, ng_vec_srcentry(V->J, nu, R), R),
                                 T_TRUE);
            }
            if (which == 2) {
                fmpq_t q;
                fmpq_init(q);
                for (int l = 1; l < N; l++)
                    assert_int_equal(ng_elem_equal(ng_vec_srcentry(res->obs->t, l, R),
                                                   ng_vec_srcentry(res->obs->t, 0, R), R),
                                     T_TRUE);
                fmpq_set_si(q, -3, 10); /* Γ = 2: 2·2/(2+2)·(1/5 − 1/2) */
                assert_value(ng_vec_srcentry(V->J, 0, R), q, R, "J_L at theta = pi/2");
                assert_int_equal(res->degenerate, N >= 4);
                fmpq_clear(q);
            }
            ng_elem_free(g, R);
            ng_elem_free(x, R);
            ng_current_values_clear(V, R);
            ng_engine_rho0_clear(res);
            ng_model_clear(M);
        }
}

/* The series: at every order p = 2..M+1 the bond energy currents equal J_L^[p]
 * and J_L^[p] + J_R^[p] = 0 (balls containing 0); at p = 1 everything vanishes. */
static void test_series_currents(void **state)
{
    const int order = 2;
    (void)state;
    for (int which = 0; which < 2; which++)
        for (int N = 3; N <= 4; N++) {
            ng_model_t M;
            ng_engine_opts o;
            ng_engine_series_t S;
            ng_superop_ctx_t L;
            ng_currents_t C;
            ng_current_values_t V;
            ng_ptr raw, d;
            slong n = ng_currents_nraw(N);
            ng_test_model(M, which == 0 ? tilted_rational : generic_rational, NULL, N, NULL);
            ng_engine_opts_init(&o);
            o.keep_state = 1;
            o.digits = 20;
            assert_int_equal(ng_engine_series(S, M, order, &o), NG_OK);
            ng_superop_ctx_init(L, M);
            ng_currents_init(C, L);
            raw = ng_vec_init(n * (order + 1), S->R);
            for (int m = 0; m <= order; m++) {
                ng_engine_series_term tm = {S, m};
                assert_int_equal(ng_currents_raw(ng_vec_entry(raw, m * n, S->R), C, M->R,
                                                 ng_engine_series_expect, &tm, S->R),
                                 NG_OK);
            }
            ng_current_values_init(V, N, S->R);
            d = ng_elem_new(S->R);
            for (int p = 1; p <= order + 1; p++) {
                assert_true(ng_current_values_order(V, raw, order, p, S->R));
                assert_true(arb_contains_zero(V->sum));
                for (int l = 0; l + 2 < N; l++) {
                    ng_elem_sub(d, ng_vec_srcentry(V->j, l, S->R),
                                ng_vec_srcentry(V->J, 0, S->R), S->R);
                    if (!arb_contains_zero(d)) {
                        ng_test_print_elem("j_l", ng_vec_srcentry(V->j, l, S->R), S->R);
                        ng_test_print_elem("J_L", ng_vec_srcentry(V->J, 0, S->R), S->R);
                        fprintf(stderr, "N = %d, p = %d, l = %d\n", N, p, l + 2);
                    }
                    assert_true(arb_contains_zero(d));
                }
                if (p == 1) /* O(λ) vanishes: ⟨ρ^B-type currents⟩_ρ0 = 0 */
                    assert_true(arb_contains_zero(ng_vec_srcentry(V->j, 0, S->R)));
                if (p == 2) /* a real current, not a zero that passes trivially */
                    assert_false(arb_contains_zero(ng_vec_srcentry(V->J, 0, S->R)));
            }
            assert_false(ng_current_values_order(V, raw, order, order + 2, S->R));
            ng_elem_free(d, S->R);
            ng_current_values_clear(V, S->R);
            ng_vec_clear(raw, n * (order + 1), S->R);
            ng_currents_clear(C, M->R);
            ng_superop_ctx_clear(L);
            ng_engine_series_clear(S);
            ng_model_clear(M);
        }
}

static double ness_expect(ng_string P, const void *state)
{
    const ng_ness_struct *S = state;
    return ng_ness_expect(S->rho, S->N, P);
}

/* Finite λ (full Liouvillian, doubles): J_L + J_R = 0 and j_l = J_L to solver
 * accuracy; J_L(λ)/λ² → J^[2] with fitted order 1, and J/λ² − J^[2] − λJ^[3]
 * with order 2. */
static void test_finite_lambda(void **state)
{
    const int N = 4, order = 2;
    const double lam[3] = {4e-3, 2e-3, 1e-3};
    double e1[3], e2[3];
    ng_model_t M;
    ng_engine_opts o;
    ng_engine_series_t S;
    ng_superop_ctx_t L;
    ng_currents_t C;
    ng_current_values_t V;
    ng_ness_model_t D;
    ng_ptr raw;
    double J2, J3;
    slong n = ng_currents_nraw(N);
    (void)state;
    ng_test_model(M, tilted_rational, NULL, N, NULL);
    ng_engine_opts_init(&o);
    o.keep_state = 1;
    assert_int_equal(ng_engine_series(S, M, order, &o), NG_OK);
    ng_superop_ctx_init(L, M);
    ng_currents_init(C, L);
    raw = ng_vec_init(n * (order + 1), S->R);
    for (int m = 0; m <= order; m++) {
        ng_engine_series_term tm = {S, m};
        assert_int_equal(ng_currents_raw(ng_vec_entry(raw, m * n, S->R), C, M->R,
                                         ng_engine_series_expect, &tm, S->R),
                         NG_OK);
    }
    ng_current_values_init(V, N, S->R);
    ng_current_values_order(V, raw, order, 2, S->R);
    J2 = arf_get_d(arb_midref((arb_srcptr)ng_vec_srcentry(V->J, 0, S->R)), ARF_RND_NEAR);
    ng_current_values_order(V, raw, order, 3, S->R);
    J3 = arf_get_d(arb_midref((arb_srcptr)ng_vec_srcentry(V->J, 0, S->R)), ARF_RND_NEAR);
    assert_int_equal(ng_ness_model_init(D, M), NG_OK);
    for (int i = 0; i < 3; i++) {
        ng_ness_t X;
        ng_ness_params p;
        ng_current_values_d v;
        ng_ness_init(X);
        ng_ness_params_init(&p, lam[i]);
        assert_int_equal(ng_ness_solve(X, D, &p), NG_OK);
        ng_current_values_d_init(&v, N);
        ng_current_values_d_at(&v, C, M->R, ness_expect, X, lam[i]);
        /* solver accuracy: the residual is ~1e-12 relative to ρ; currents ~λ² */
        assert_true(fabs(v.sum) < 1e-9 * lam[i] * lam[i] + 1e-13);
        for (int l = 0; l + 2 < N; l++)
            assert_true(fabs(v.j[l] - v.J[0]) < 1e-9 * lam[i] * lam[i] + 1e-13);
        e1[i] = fabs(v.J[0] / (lam[i] * lam[i]) - J2);
        e2[i] = fabs(v.J[0] / (lam[i] * lam[i]) - J2 - lam[i] * J3);
        ng_current_values_d_clear(&v);
        ng_ness_clear(X);
    }
    {
        double o1 = ng_ness_fit_order(lam, e1, 3), o2 = ng_ness_fit_order(lam, e2, 3);
        if (fabs(o1 - 1) > 0.15 || fabs(o2 - 2) > 0.15)
            fprintf(stderr,
                    "fitted orders %g (expect 1), %g (expect 2); J2 = %g, J3 = %g\n", o1,
                    o2, J2, J3);
        assert_true(fabs(o1 - 1) < 0.15);
        assert_true(fabs(o2 - 2) < 0.15);
    }
    ng_ness_model_clear(D);
    ng_current_values_clear(V, S->R);
    ng_vec_clear(raw, n * (order + 1), S->R);
    ng_currents_clear(C, M->R);
    ng_superop_ctx_clear(L);
    ng_engine_series_clear(S);
    ng_model_clear(M);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_dense),
        cmocka_unit_test(test_symbolic),
        cmocka_unit_test(test_dissipator_adjoint_sz),
        cmocka_unit_test(test_bath_currents_rho0),
        cmocka_unit_test(test_series_currents),
        cmocka_unit_test(test_finite_lambda),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
