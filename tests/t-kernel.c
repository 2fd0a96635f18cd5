/* Tests for Ker L0 (Sect. IV A): its dimension, the Hermitian basis and its
 * names, the two-spin basis of Eq. 81, and the projections P0, Q0.
 *
 * Every expected value is computed a second way: dimensions by brute-force
 * counting of matrix units |s⟩⟨s'| (Eqs. 72–73), basis elements by rebuilding
 * them from their printed names with Pauli products (Eqs. 79–80, 78), P0 as the
 * orthogonal projection onto the basis and on matrix units, and Eq. 101 from
 * the product of two one-spin Gibbs states (Eq. 100). */
#include <math.h>
#include <string.h>

#include "ng_test.h"

#include "nessgen/kernel.h"

static const ng_ring_kind all_kinds[] = {NG_QQ, NG_QQ_PARAMS, NG_BALL};

/* ---------------------------------------------------------------- helpers */

static void assert_op_zero(const ng_op_t A, const ng_ring_t R, const char *what,
                           const char *file, int line)
{
    if (ng_op_is_zero(A, R) == T_FALSE ||
        (ng_ring_is_exact(R) && ng_op_is_zero(A, R) != T_TRUE)) {
        fprintf(stderr, "%s:%d: expected %s == 0\n", file, line, what);
        ng_test_print_op(what, A, R);
        _fail(file, line);
    }
}
#define ng_assert_op_zero(A, R) assert_op_zero((A), (R), #A, __FILE__, __LINE__)

/* x is zero: exact rings decide, a ball must contain zero. */
static void assert_elem_zero(ng_srcptr x, const ng_ring_t R, const char *what,
                             const char *file, int line)
{
    truth_t t = ng_elem_is_zero(x, R);
    if (t == T_TRUE || (!ng_ring_is_exact(R) && t == T_UNKNOWN))
        return;
    fprintf(stderr, "%s:%d: expected %s == 0\n", file, line, what);
    ng_test_print_elem(what, x, R);
    _fail(file, line);
}
#define ng_assert_elem_zero(x, R) assert_elem_zero((x), (R), #x, __FILE__, __LINE__)

static void assert_elem_equal(ng_srcptr x, ng_srcptr y, const ng_ring_t R, const char *a,
                              const char *b, const char *file, int line)
{
    truth_t t = ng_elem_equal(x, y, R);
    if (t == T_TRUE || (!ng_ring_is_exact(R) && t == T_UNKNOWN))
        return;
    fprintf(stderr, "%s:%d: expected %s == %s\n", file, line, a, b);
    ng_test_print_elem(a, x, R);
    ng_test_print_elem(b, y, R);
    _fail(file, line);
}
#define ng_assert_elem_equal(x, y, R)                                                    \
    assert_elem_equal((x), (y), (R), #x, #y, __FILE__, __LINE__)

/* A field value h ≠ 0 in each ring: a rational, a free symbol, an inexact ball. */
static void some_field(ng_ptr h, const ng_ring_t R)
{
    fmpq_t q;
    fmpq_init(q);
    switch (R->kind) {
    case NG_QQ:
        fmpq_set_si(q, -3, 7);
        ng_elem_set_fmpq(h, q, R);
        break;
    case NG_QQ_PARAMS:
        ng_elem_gen(h, 0, R);
        break;
    default:
        fmpq_set_si(q, 1, 3); /* not dyadic: a ball of nonzero radius */
        ng_elem_set_fmpq(h, q, R);
    }
    fmpq_clear(q);
}

/* h Σ_l σ^z_l (Eq. 69), built term by term. */
static void h0_op(ng_op_t H, int N, ng_srcptr h, const ng_ring_t R)
{
    ng_op_zero(H, R);
    H->nsites = N;
    H->basis = NG_PAULI;
    for (int l = 0; l < N; l++) {
        ng_string s = {0, 0};
        ng_string_set_letter(&s, l, NG_SZ);
        ng_op_push(H, s, 0, h, R);
    }
    ng_op_canonicalise(H, R);
}

/* A Pauli operator from text terms: ("xx", 1), ("yy", 1) … */
static void op_from_terms(ng_op_t A, int N, const ng_ring_t R, int nterms,
                          const char *const *strs, const slong *coeffs)
{
    ng_op_zero(A, R);
    A->nsites = N;
    A->basis = NG_PAULI;
    for (int i = 0; i < nterms; i++) {
        ng_string s;
        int n;
        assert_int_equal(ng_string_set_str(&s, &n, strs[i], NG_PAULI), 0);
        assert_int_equal(n, N);
        ng_op_push_si(A, s, 0, coeffs[i], R);
    }
    ng_op_canonicalise(A, R);
}

/* The matrix unit |s⟩⟨s'| in the Pauli basis; bit l of s set means s_l = −1.
 * Per site: |↑⟩⟨↑| = (σ^0 + σ^z)/2, |↓⟩⟨↓| = (σ^0 − σ^z)/2, |↑⟩⟨↓| = σ^+,
 * |↓⟩⟨↑| = σ^-, with σ^± = (σ^x ± iσ^y)/2 (Eq. 78): a product of one-site
 * operators, multiplied out with ng_op_mul. */
static void matrix_unit(ng_op_t U, int N, uint64_t s, uint64_t sp, const ng_ring_t R)
{
    ng_op_t F;
    ng_ptr half = ng_elem_new(R);
    ng_elem_one(half, R);
    ng_elem_mul_2exp_si(half, half, -1, R);
    ng_op_init(F, N, NG_PAULI, R);
    ng_op_one(U, N, R);
    for (int l = 0; l < N; l++) {
        int a = (s >> l) & 1, b = (sp >> l) & 1;
        ng_string e = {0, 0}, t = {0, 0};
        ng_op_zero(F, R);
        if (a == b) {
            ng_string_set_letter(&t, l, NG_SZ);
            ng_op_push(F, e, 0, half, R);
            ng_op_push(F, t, 0, half, R);
            if (a) /* σ^z on a down spin: −1/2 */
                ng_elem_neg(ng_vec_entry(F->coeffs, 1, R), ng_vec_entry(F->coeffs, 1, R),
                            R);
        } else {
            ng_string_set_letter(&e, l, NG_SX);
            ng_string_set_letter(&t, l, NG_SY);
            ng_op_push(F, e, 0, half, R);
            /* σ^+ = (σ^x + iσ^y)/2 when s_l = ↑, σ^- = (σ^x − iσ^y)/2 when ↓ */
            ng_op_push_phase(F, t, a ? 3 : 1, half, R);
        }
        ng_op_canonicalise(F, R);
        ng_op_mul(U, U, F, R);
    }
    ng_op_clear(F, R);
    ng_elem_free(half, R);
}

/* Σ_l s_l for the spin configuration coded by bits (1 = down). */
static int magnetisation(uint64_t s, int N)
{
    return N - 2 * __builtin_popcountll(s);
}

static slong index_of_name(const ng_named_basis_t B, const char *name)
{
    for (slong i = 0; i < B->length; i++)
        if (strcmp(B->names[i], name) == 0)
            return i;
    return -1;
}

/* --------------------------------------------------------- dimensions */

static void test_dimension_three_routes(void **state)
{
    ng_ring_t R;
    (void)state;
    ng_ring_init_qq(R);
    for (int N = 1; N <= 8; N++) {
        uint64_t n = UINT64_C(1) << N;
        slong brute = 0, per_sector[9] = {0};
        fmpz_t dim, sector, sum, c;
        ng_named_basis_t B;
        slong by_k[9] = {0};

        /* Route 1: brute force over all 4^N matrix units (Eq. 73). */
        for (uint64_t s = 0; s < n; s++)
            for (uint64_t sp = 0; sp < n; sp++)
                if (magnetisation(s, N) == magnetisation(sp, N)) {
                    brute++;
                    per_sector[__builtin_popcountll(s)]++;
                }

        fmpz_init(dim);
        fmpz_init(sector);
        fmpz_init(sum);
        fmpz_init(c);
        ng_kernel_dim(dim, N);
        fmpz_bin_uiui(c, 2 * N, N);
        assert_true(fmpz_equal(dim, c));
        assert_true(fmpz_equal_si(dim, brute));

        /* Route 2: sector by sector, M = N − 2k; the brute-force count per
         * sector is C(N,k)^2. */
        for (int k = 0; k <= N; k++) {
            ng_kernel_sector_dim(sector, N, k);
            assert_true(fmpz_equal_si(sector, per_sector[k]));
            fmpz_bin_uiui(c, N, k);
            fmpz_mul(c, c, c);
            assert_true(fmpz_equal(c, sector));
            fmpz_add(sum, sum, sector);
        }
        assert_true(fmpz_equal(sum, dim));

        /* Route 3: the number of basis elements, and by number k of ladder
         * letters: 2^N diagonal strings (k = 0), and C(N,k) C(k,k/2) 2^{N−k}
         * balanced strings for even k ≥ 2 (positions, which half are σ^+,
         * σ^0/σ^z elsewhere), each pair {s, s†} giving one A and one B. */
        ng_named_basis_init(B);
        assert_int_equal(ng_kernel_basis(B, N, R), NG_OK);
        assert_int_equal(B->length, brute);
        for (slong i = 0; i < B->length; i++) {
            int k;
            assert_true(B->ops[i].length > 0);
            k = __builtin_popcountll(B->ops[i].keys[0].s.x);
            for (slong j = 1; j < B->ops[i].length; j++) /* one ladder pattern */
                assert_int_equal(B->ops[i].keys[j].s.x, B->ops[i].keys[0].s.x);
            by_k[k]++;
            assert_int_equal(B->types[i] == NG_KER_DIAGONAL, k == 0);
        }
        for (int k = 0; k <= N; k++) {
            slong expect = 0;
            if (k == 0) {
                expect = (slong)n;
            } else if (k % 2 == 0) {
                fmpz_bin_uiui(c, N, k);
                fmpz_bin_uiui(sector, k, k / 2);
                fmpz_mul(c, c, sector);
                fmpz_mul_2exp(c, c, N - k);
                expect = fmpz_get_si(c);
            }
            assert_int_equal(by_k[k], expect);
        }
        ng_named_basis_clear(B, R);
        fmpz_clear(dim);
        fmpz_clear(sector);
        fmpz_clear(sum);
        fmpz_clear(c);
    }
    ng_ring_clear(R);
}

/* ------------------------------------------------------ basis properties */

static void basis_properties(const ng_ring_t R, flint_rand_t st, void *arg)
{
    ng_ptr h = ng_elem_new(R), re = ng_elem_new(R), im = ng_elem_new(R);
    (void)st;
    (void)arg;
    some_field(h, R);
    for (int N = 1; N <= 5; N++) {
        ng_named_basis_t B;
        ng_op_t H0, T;
        ng_named_basis_init(B);
        ng_op_init(H0, N, NG_PAULI, R);
        ng_op_init(T, N, NG_PAULI, R);
        h0_op(H0, N, h, R);
        assert_int_equal(ng_kernel_basis(B, N, R), NG_OK);
        for (slong i = 0; i < B->length; i++) {
            const ng_op_struct *b = B->ops + i;
            assert_int_equal(b->nsites, N);
            assert_int_equal(b->basis, NG_PAULI);
            assert_int_equal(ng_op_is_hermitian(b, R), T_TRUE);
            ng_kernel_p0(T, b, R); /* balanced: P0 b = b, Q0 b = 0 */
            ng_assert_op_equal(T, b, R);
            ng_kernel_q0(T, b, R);
            ng_assert_op_zero(T, R);
            ng_op_hamiltonian_flow(T, H0, b, R); /* L0 b = 0 */
            ng_assert_op_zero(T, R);
            ng_op_hs_product(re, im, b, b, R); /* nonzero */
            assert_int_equal(ng_elem_is_zero(re, R), T_FALSE);
            assert_int_equal(ng_elem_is_zero(im, R), T_TRUE);
            for (slong j = 0; j < i; j++) { /* orthogonal: independent */
                ng_op_hs_product(re, im, B->ops + j, b, R);
                assert_int_equal(ng_elem_is_zero(re, R), T_TRUE);
                assert_int_equal(ng_elem_is_zero(im, R), T_TRUE);
            }
        }
        ng_op_clear(H0, R);
        ng_op_clear(T, R);
        ng_named_basis_clear(B, R);
    }
    ng_elem_free(h, R);
    ng_elem_free(re, R);
    ng_elem_free(im, R);
}

static void test_basis_properties(void **state)
{
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    ng_test_foreach_ring(basis_properties, st, NULL);
    ng_test_rand_clear(st);
}

/* Every matrix unit |s⟩⟨s'|: L0 multiplies it by −ih(Σs − Σs') (Eq. 28 with
 * Eq. 71); P0 keeps it iff Σs = Σs' (Eq. 73) and Q0 kills it then; balanced
 * ones lie in the span of the basis.  With the count of test 1 and the
 * orthogonality above, the basis spans exactly Ker L0. */
static void matrix_units(const ng_ring_t R, flint_rand_t st, void *arg)
{
    ng_ptr h = ng_elem_new(R), c = ng_elem_new(R);
    (void)st;
    (void)arg;
    some_field(h, R);
    for (int N = 1; N <= 4; N++) {
        uint64_t n = UINT64_C(1) << N;
        ng_named_basis_t B;
        ng_op_t U, H0, T, E, X, Y;
        ng_ptr coeffs;
        ng_named_basis_init(B);
        assert_int_equal(ng_kernel_basis(B, N, R), NG_OK);
        coeffs = ng_vec_init(B->length, R);
        ng_op_init(U, N, NG_PAULI, R);
        ng_op_init(H0, N, NG_PAULI, R);
        ng_op_init(T, N, NG_PAULI, R);
        ng_op_init(E, N, NG_PAULI, R);
        ng_op_init(X, N, NG_PAULI, R);
        ng_op_init(Y, N, NG_PAULI, R);
        h0_op(H0, N, h, R);
        for (uint64_t s = 0; s < n; s++)
            for (uint64_t sp = 0; sp < n; sp++) {
                int dm = magnetisation(s, N) - magnetisation(sp, N);
                matrix_unit(U, N, s, sp, R);
                ng_op_hamiltonian_flow(T, H0, U, R);
                ng_elem_mul_si(c, h, dm, R);
                ng_op_scalar_mul(E, U, c, R);
                ng_op_mul_i_pow(E, E, 3, R);
                ng_assert_op_equal(T, E, R);
                ng_kernel_p0(T, U, R);
                ng_kernel_q0(E, U, R);
                if (dm == 0) {
                    ng_assert_op_equal(T, U, R);
                    ng_assert_op_zero(E, R);
                    ng_op_hermitian_parts(X, Y, U, R);
                    assert_int_equal(ng_named_basis_decompose(coeffs, X, B, R), T_TRUE);
                    assert_int_equal(ng_named_basis_decompose(coeffs, Y, B, R), T_TRUE);
                } else {
                    ng_assert_op_zero(T, R);
                    ng_assert_op_equal(E, U, R);
                }
            }
        ng_vec_clear(coeffs, B->length, R);
        ng_named_basis_clear(B, R);
        ng_op_clear(U, R);
        ng_op_clear(H0, R);
        ng_op_clear(T, R);
        ng_op_clear(E, R);
        ng_op_clear(X, R);
        ng_op_clear(Y, R);
    }
    ng_elem_free(h, R);
    ng_elem_free(c, R);
}

static void test_matrix_units(void **state)
{
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    ng_test_foreach_ring(matrix_units, st, NULL);
    ng_test_rand_clear(st);
}

/* ------------------------------------------------------------ the names */

/* σ^±_l = (σ^x ± iσ^y)/2 (Eq. 78) as a Pauli operator. */
static void sigma_pm(ng_op_t F, int N, int l, int plus, const ng_ring_t R)
{
    ng_string sx = {0, 0}, sy = {0, 0};
    ng_ptr half = ng_elem_new(R);
    ng_elem_one(half, R);
    ng_elem_mul_2exp_si(half, half, -1, R);
    ng_string_set_letter(&sx, l, NG_SX);
    ng_string_set_letter(&sy, l, NG_SY);
    ng_op_zero(F, R);
    F->nsites = N;
    F->basis = NG_PAULI;
    ng_op_push(F, sx, 0, half, R);
    ng_op_push_phase(F, sy, plus ? 1 : 3, half, R);
    ng_op_canonicalise(F, R);
    ng_elem_free(half, R);
}

static void sigma_letter(ng_op_t F, int N, int l, int letter, const ng_ring_t R)
{
    ng_string s = {0, 0};
    ng_string_set_letter(&s, l, letter);
    ng_op_zero(F, R);
    F->nsites = N;
    F->basis = NG_PAULI;
    ng_op_push_si(F, s, 0, 1, R);
}

/* Rebuilds a basis element from its plain-text name, independently of the
 * ladder-basis code: "I", "Z1 Z3" (diagonal strings), "Z1 A(2,3)",
 * "A(1,2) Z3" (σ^z factors times ρ^A_{l,m} = σ^xσ^x + σ^yσ^y or
 * ρ^B_{l,m} = σ^xσ^y − σ^yσ^x, Eqs. 79–80), and for k ≥ 4 ladder sites
 * "A(1+,2-,3+,4-)" = 2^{k−1}(s + s†), "B(…)" = 2^{k−1} i (s − s†) with s the
 * product of σ^± (multiplied out in the Pauli basis).  Also writes the
 * expected LaTeX name.  Returns 0 on success, -1 on a malformed name. */
static int op_from_name(ng_op_t A, char *latex, size_t size, const char *name, int N,
                        const ng_ring_t R)
{
    ng_op_t F, S, Sd;
    const char *p = name;
    char pre[512] = "", rho[512] = "", post[512] = "", buf[64];
    char diag[NG_MAX_SITES + 1];
    int seen_rho = 0, ok = 0;
    ng_op_init(F, N, NG_PAULI, R);
    ng_op_init(S, N, NG_PAULI, R);
    ng_op_init(Sd, N, NG_PAULI, R);
    ng_op_one(A, N, R);
    memset(diag, '0', (size_t)N);
    diag[N] = '\0';
    if (strcmp(name, "I") == 0) {
        snprintf(latex, size, "\\sigma^{%s}", diag);
        goto done;
    }
    while (*p != '\0') {
        if (*p == ' ') {
            p++;
        } else if (*p == 'Z') {
            char *end;
            int l = (int)strtol(p + 1, &end, 10);
            p = end;
            if (l < 1 || l > N)
                goto fail;
            sigma_letter(F, N, l - 1, NG_SZ, R);
            ng_op_mul(A, A, F, R);
            diag[l - 1] = 'z';
            snprintf(buf, sizeof buf, "\\sigma^z_{%d}", l);
            strcat(seen_rho ? post : pre, buf);
        } else if ((*p == 'A' || *p == 'B') && p[1] == '(' && !seen_rho) {
            int is_b = *p == 'B', sites[NG_MAX_SITES], signs[NG_MAX_SITES], k = 0;
            p += 2;
            while (*p != ')') {
                char *end;
                if (k == NG_MAX_SITES)
                    goto fail;
                sites[k] = (int)strtol(p, &end, 10) - 1;
                p = end;
                signs[k] = *p == '+' ? 1 : *p == '-' ? -1 : 0;
                if (signs[k] != 0)
                    p++;
                if (sites[k] < 0 || sites[k] >= N || (*p != ',' && *p != ')'))
                    goto fail;
                if (*p == ',')
                    p++;
                k++;
            }
            p++;
            snprintf(rho, sizeof rho, "\\rho^{\\mathrm{%c}}_{", is_b ? 'B' : 'A');
            for (int j = 0; j < k; j++) {
                if (k == 2)
                    snprintf(buf, sizeof buf, "%s%d", j ? "," : "", sites[j] + 1);
                else
                    snprintf(buf, sizeof buf, "%s%d^{%c}", j ? "," : "", sites[j] + 1,
                             signs[j] > 0 ? '+' : '-');
                strcat(rho, buf);
            }
            strcat(rho, "}");
            if (k == 2) { /* Eqs. 79–80 verbatim */
                char s1[NG_MAX_SITES + 1], s2[NG_MAX_SITES + 1];
                const char *strs[2] = {s1, s2};
                slong cs[2] = {1, is_b ? -1 : 1};
                if (signs[0] != 0 || signs[1] != 0)
                    goto fail;
                memset(s1, '0', (size_t)N);
                memset(s2, '0', (size_t)N);
                s1[N] = s2[N] = '\0';
                s1[sites[0]] = 'x';
                s1[sites[1]] = is_b ? 'y' : 'x';
                s2[sites[0]] = 'y';
                s2[sites[1]] = is_b ? 'x' : 'y';
                op_from_terms(S, N, R, 2, strs, cs);
            } else {
                ng_ptr scale;
                if (k < 4 || k % 2 != 0)
                    goto fail;
                for (int j = 0; j < k; j++)
                    if (signs[j] == 0)
                        goto fail;
                scale = ng_elem_new(R);
                ng_op_one(S, N, R);
                for (int j = 0; j < k; j++) {
                    sigma_pm(F, N, sites[j], signs[j] > 0, R);
                    ng_op_mul(S, S, F, R);
                }
                ng_op_adjoint(Sd, S, R);
                if (is_b) {
                    ng_op_sub(S, S, Sd, R);
                    ng_op_mul_i_pow(S, S, 1, R);
                } else {
                    ng_op_add(S, S, Sd, R);
                }
                ng_elem_one(scale, R);
                ng_elem_mul_2exp_si(scale, scale, k - 1, R);
                ng_op_scalar_mul(S, S, scale, R);
                ng_elem_free(scale, R);
            }
            ng_op_mul(A, A, S, R);
            seen_rho = 1;
        } else {
            goto fail;
        }
    }
    if (seen_rho)
        snprintf(latex, size, "%s%s%s", pre, rho, post);
    else
        snprintf(latex, size, "\\sigma^{%s}", diag);
done:
    ok = 1;
fail:
    ng_op_clear(F, R);
    ng_op_clear(S, R);
    ng_op_clear(Sd, R);
    return ok ? 0 : -1;
}

static ng_ker_type type_from_name(const char *name)
{
    char c = name[strcspn(name, "AB")];
    return c == 'A' ? NG_KER_A : c == 'B' ? NG_KER_B : NG_KER_DIAGONAL;
}

static void test_names(void **state)
{
    ng_ring_t R;
    (void)state;
    ng_ring_init_qq(R);
    for (int N = 1; N <= 5; N++) {
        ng_named_basis_t B;
        ng_op_t A;
        char latex[1024];
        ng_named_basis_init(B);
        ng_op_init(A, N, NG_PAULI, R);
        assert_int_equal(ng_kernel_basis(B, N, R), NG_OK);
        for (slong i = 0; i < B->length; i++) {
            if (op_from_name(A, latex, sizeof latex, B->names[i], N, R) != 0) {
                fprintf(stderr, "N = %d: malformed name \"%s\"\n", N, B->names[i]);
                fail();
            }
            ng_assert_op_equal(A, B->ops + i, R);
            assert_string_equal(B->latex[i], latex);
            assert_int_equal(B->types[i], type_from_name(B->names[i]));
            for (slong j = 0; j < i; j++) {
                assert_string_not_equal(B->names[i], B->names[j]);
                assert_string_not_equal(B->latex[i], B->latex[j]);
            }
        }
        ng_op_clear(A, R);
        ng_named_basis_clear(B, R);
    }
    ng_ring_clear(R);
}

/* The paper's placements of σ^z around ρ (after Eq. 128): σ^z_{l−1}ρ^A_{l,l+1},
 * σ^z_l ρ^A_{l−1,l+1}, ρ^A_{l,l+1}σ^z_{l+2}, for N = 3. */
static void test_names_n3(void **state)
{
    static const char *const names[] = {"Z1 A(2,3)", "Z2 A(1,3)", "A(1,2) Z3",
                                        "Z1 B(2,3)", "A(1,2)",    "B(2,3)"};
    static const char *const latex[] = {"\\sigma^z_{1}\\rho^{\\mathrm{A}}_{2,3}",
                                        "\\sigma^z_{2}\\rho^{\\mathrm{A}}_{1,3}",
                                        "\\rho^{\\mathrm{A}}_{1,2}\\sigma^z_{3}",
                                        "\\sigma^z_{1}\\rho^{\\mathrm{B}}_{2,3}",
                                        "\\rho^{\\mathrm{A}}_{1,2}",
                                        "\\rho^{\\mathrm{B}}_{2,3}"};
    ng_ring_t R;
    ng_named_basis_t B;
    ng_op_t Z1, rho, E;
    static const char *const rho_a23[] = {"0xx", "0yy"};
    static const slong ones[] = {1, 1};
    slong i;
    (void)state;
    ng_ring_init_qq(R);
    ng_named_basis_init(B);
    assert_int_equal(ng_kernel_basis(B, 3, R), NG_OK);
    for (int j = 0; j < 6; j++) {
        i = index_of_name(B, names[j]);
        if (i < 0)
            fprintf(stderr, "no element named \"%s\"\n", names[j]);
        assert_true(i >= 0);
        assert_string_equal(B->latex[i], latex[j]);
    }
    /* "Z1 A(2,3)" = σ^z_1 ρ^A_{2,3}, the product taken in the Pauli algebra */
    ng_op_init(Z1, 3, NG_PAULI, R);
    ng_op_init(rho, 3, NG_PAULI, R);
    ng_op_init(E, 3, NG_PAULI, R);
    sigma_letter(Z1, 3, 0, NG_SZ, R);
    op_from_terms(rho, 3, R, 2, rho_a23, ones);
    ng_op_mul(E, Z1, rho, R);
    i = index_of_name(B, "Z1 A(2,3)");
    ng_assert_op_equal(B->ops + i, E, R);
    assert_int_equal(B->types[i], NG_KER_A);
    /* the diagonal names and their σ^{…} LaTeX (Eq. 82) */
    i = index_of_name(B, "Z1 Z3");
    assert_true(i >= 0);
    assert_string_equal(B->latex[i], "\\sigma^{z0z}");
    i = index_of_name(B, "I");
    assert_true(i >= 0);
    assert_string_equal(B->latex[i], "\\sigma^{000}");
    ng_op_clear(Z1, R);
    ng_op_clear(rho, R);
    ng_op_clear(E, R);
    ng_named_basis_clear(B, R);
    ng_ring_clear(R);
}

/* Regression (src/kernel/basis.c, found by test_names): the LaTeX name of an
 * element with k ≥ 4 ladder sites ran the sites together,
 * "\rho^{\mathrm{A}}_{1^{+}2^{-}3^{-}4^{+}}", while the plain name separates
 * them with commas as for k = 2. */
static void test_regression_latex_commas_k4(void **state)
{
    ng_ring_t R;
    ng_named_basis_t B;
    slong i;
    (void)state;
    ng_ring_init_qq(R);
    ng_named_basis_init(B);
    assert_int_equal(ng_kernel_basis(B, 4, R), NG_OK);
    i = index_of_name(B, "B(1+,2-,3-,4+)");
    assert_true(i >= 0);
    assert_string_equal(B->latex[i], "\\rho^{\\mathrm{B}}_{1^{+},2^{-},3^{-},4^{+}}");
    ng_named_basis_clear(B, R);
    ng_ring_clear(R);
}

/* ----------------------------------------------------- the N = 2 basis */

static void two_spin(const ng_ring_t R, flint_rand_t st, void *arg)
{
    static const char *const s00[] = {"00"}, *const szz[] = {"zz"},
                             *const ssym[] = {"0z", "z0"}, *const ra[] = {"xx", "yy"},
                             *const rb[] = {"xy", "yx"}, *const rc[] = {"0z", "z0"};
    static const slong one[] = {1}, pp[] = {1, 1}, pm[] = {1, -1};
    static const char *const names[] = {"s00", "szz", "(s0z+sz0)", "rhoA", "rhoB", "rhoC"};
    static const char *const latex[] = {
        "\\sigma^{00}",        "\\sigma^{zz}",        "\\left(\\sigma^{0z}+\\sigma^{z0}\\right)",
        "\\rho^{\\mathrm{A}}", "\\rho^{\\mathrm{B}}", "\\rho^{\\mathrm{C}}"};
    ng_named_basis_t B2, K;
    ng_op_t E, H0, T;
    ng_ptr c2 = ng_vec_init(6, R), ck = NULL, h = ng_elem_new(R), re = ng_elem_new(R),
           im = ng_elem_new(R);
    int nA = 0, nB = 0;
    (void)st;
    (void)arg;
    ng_named_basis_init(B2);
    ng_named_basis_init(K);
    ng_op_init(E, 2, NG_PAULI, R);
    ng_op_init(H0, 2, NG_PAULI, R);
    ng_op_init(T, 2, NG_PAULI, R);
    some_field(h, R);
    h0_op(H0, 2, h, R);

    /* Eq. 81 with Eqs. 79, 80, 82, 83, as written in the paper. */
    ng_kernel_basis_two_spin(B2, R);
    assert_int_equal(B2->length, 6);
    for (int i = 0; i < 6; i++) {
        switch (i) {
        case 0:
            op_from_terms(E, 2, R, 1, s00, one);
            break;
        case 1:
            op_from_terms(E, 2, R, 1, szz, one);
            break;
        case 2:
            op_from_terms(E, 2, R, 2, ssym, pp);
            break;
        case 3:
            op_from_terms(E, 2, R, 2, ra, pp);
            break;
        case 4:
            op_from_terms(E, 2, R, 2, rb, pm);
            break;
        default:
            op_from_terms(E, 2, R, 2, rc, pm);
            break;
        }
        ng_assert_op_equal(B2->ops + i, E, R);
        assert_string_equal(B2->names[i], names[i]);
        assert_string_equal(B2->latex[i], latex[i]);
        ng_op_hamiltonian_flow(T, H0, B2->ops + i, R);
        ng_assert_op_zero(T, R);
        for (int j = 0; j < i; j++) {
            ng_op_hs_product(re, im, B2->ops + j, B2->ops + i, R);
            assert_int_equal(ng_elem_is_zero(re, R), T_TRUE);
        }
    }

    /* The kernel basis spans the same space: each side decomposes exactly onto
     * the other (both have 6 = C(4,2) independent elements). */
    assert_int_equal(ng_kernel_basis(K, 2, R), NG_OK);
    assert_int_equal(K->length, 6);
    ck = ng_vec_init(K->length, R);
    for (slong i = 0; i < K->length; i++)
        assert_int_equal(ng_named_basis_decompose(c2, K->ops + i, B2, R), T_TRUE);
    for (slong i = 0; i < B2->length; i++)
        assert_int_equal(ng_named_basis_decompose(ck, B2->ops + i, K, R), T_TRUE);

    /* Its off-diagonal part is exactly ρ^A and ρ^B (Eqs. 79–80). */
    for (slong i = 0; i < K->length; i++) {
        if (K->types[i] == NG_KER_A) {
            nA++;
            ng_assert_op_equal(K->ops + i, B2->ops + 3, R);
            assert_string_equal(K->names[i], "A(1,2)");
            assert_string_equal(K->latex[i], "\\rho^{\\mathrm{A}}_{1,2}");
        } else if (K->types[i] == NG_KER_B) {
            nB++;
            ng_assert_op_equal(K->ops + i, B2->ops + 4, R);
            assert_string_equal(K->names[i], "B(1,2)");
            assert_string_equal(K->latex[i], "\\rho^{\\mathrm{B}}_{1,2}");
        } else {
            assert_int_equal(K->types[i], NG_KER_DIAGONAL);
        }
    }
    assert_int_equal(nA, 1);
    assert_int_equal(nB, 1);

    ng_vec_clear(c2, 6, R);
    ng_vec_clear(ck, K->length, R);
    ng_named_basis_clear(B2, R);
    ng_named_basis_clear(K, R);
    ng_op_clear(E, R);
    ng_op_clear(H0, R);
    ng_op_clear(T, R);
    ng_elem_free(h, R);
    ng_elem_free(re, R);
    ng_elem_free(im, R);
}

static void test_two_spin(void **state)
{
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    ng_test_foreach_ring(two_spin, st, NULL);
    ng_test_rand_clear(st);
}

/* Eq. 101: ρ_LE(β1) ⊗ ρ_LE(β2) with ρ_LE = (σ^0 − tσ^z)/2 (Eq. 100), multiplied
 * out, has the coefficients 1/4, t1t2/4, −(t1+t2)/8, 0, 0, −(t2−t1)/8 on the
 * Eq. 81 basis.  Symbolic t1 = a, t2 = b. */
static void test_eq101(void **state)
{
    ng_ring_t R;
    ng_named_basis_t B2;
    ng_op_t r1, r2, rho;
    ng_ptr c, t1 = NULL, t2 = NULL, e = NULL;
    ng_string id = {0, 0}, z1 = {0, 1}, z2 = {0, 2};
    (void)state;
    ng_test_ring_init(R, NG_QQ_PARAMS);
    t1 = ng_elem_new(R);
    t2 = ng_elem_new(R);
    e = ng_elem_new(R);
    ng_elem_gen(t1, 0, R);
    ng_elem_gen(t2, 1, R);
    ng_named_basis_init(B2);
    ng_kernel_basis_two_spin(B2, R);
    c = ng_vec_init(6, R);
    ng_op_init(r1, 2, NG_PAULI, R);
    ng_op_init(r2, 2, NG_PAULI, R);
    ng_op_init(rho, 2, NG_PAULI, R);
    /* (σ^0 − t σ^z)/2 on sites 1 and 2 */
    ng_elem_one(e, R);
    ng_elem_mul_2exp_si(e, e, -1, R);
    ng_op_push(r1, id, 0, e, R);
    ng_op_push(r2, id, 0, e, R);
    ng_elem_mul_2exp_si(e, t1, -1, R);
    ng_elem_neg(e, e, R);
    ng_op_push(r1, z1, 0, e, R);
    ng_elem_mul_2exp_si(e, t2, -1, R);
    ng_elem_neg(e, e, R);
    ng_op_push(r2, z2, 0, e, R);
    ng_op_canonicalise(r1, R);
    ng_op_canonicalise(r2, R);
    ng_op_mul(rho, r1, r2, R);
    assert_int_equal(ng_named_basis_decompose(c, rho, B2, R), T_TRUE);

    ng_elem_one(e, R);
    ng_elem_mul_2exp_si(e, e, -2, R);
    ng_assert_elem_equal(ng_vec_entry(c, 0, R), e, R); /* σ^00: 1/4 */
    ng_elem_mul(e, t1, t2, R);
    ng_elem_mul_2exp_si(e, e, -2, R);
    ng_assert_elem_equal(ng_vec_entry(c, 1, R), e, R); /* σ^zz: t1 t2/4 */
    ng_elem_add(e, t1, t2, R);
    ng_elem_mul_2exp_si(e, e, -3, R);
    ng_elem_neg(e, e, R);
    ng_assert_elem_equal(ng_vec_entry(c, 2, R), e, R); /* −(t1+t2)/8 */
    ng_assert_elem_zero(ng_vec_entry(c, 3, R), R);
    ng_assert_elem_zero(ng_vec_entry(c, 4, R), R);
    ng_elem_sub(e, t2, t1, R);
    ng_elem_mul_2exp_si(e, e, -3, R);
    ng_elem_neg(e, e, R);
    ng_assert_elem_equal(ng_vec_entry(c, 5, R), e, R); /* ρ^C: −(t2−t1)/8 */

    ng_vec_clear(c, 6, R);
    ng_op_clear(r1, R);
    ng_op_clear(r2, R);
    ng_op_clear(rho, R);
    ng_named_basis_clear(B2, R);
    ng_elem_free(t1, R);
    ng_elem_free(t2, R);
    ng_elem_free(e, R);
    ng_ring_clear(R);
}

/* ------------------------------------------------------- P0 and Q0 */

/* Σ_b ⟨b, X⟩/⟨b, b⟩ b over a Hermitian X: the orthogonal projection onto the
 * span of the basis. */
static void project_onto(ng_op_t P, const ng_op_t X, const ng_named_basis_t B,
                         const ng_ring_t R)
{
    ng_ptr c = ng_vec_init(B->length, R);
    ng_op_zero(P, R);
    P->nsites = X->nsites;
    ng_named_basis_decompose(c, X, B, R); /* coefficients are valid off the span too */
    for (slong i = 0; i < B->length; i++)
        ng_op_addmul(P, B->ops + i, ng_vec_entry(c, i, R), R);
    ng_vec_clear(c, B->length, R);
}

static void projections(const ng_ring_t R, flint_rand_t st, void *arg)
{
    ng_ptr h = ng_elem_new(R);
    (void)arg;
    some_field(h, R);
    for (int N = 1; N <= 5; N++) {
        ng_named_basis_t B;
        ng_op_t X, P, Q, T, U, H0, Xr, Xi;
        ng_named_basis_init(B);
        assert_int_equal(ng_kernel_basis(B, N, R), NG_OK);
        ng_op_init(X, N, NG_PAULI, R);
        ng_op_init(P, N, NG_PAULI, R);
        ng_op_init(Q, N, NG_PAULI, R);
        ng_op_init(T, N, NG_PAULI, R);
        ng_op_init(U, N, NG_PAULI, R);
        ng_op_init(H0, N, NG_PAULI, R);
        ng_op_init(Xr, N, NG_PAULI, R);
        ng_op_init(Xi, N, NG_PAULI, R);
        h0_op(H0, N, h, R);
        for (slong iter = 0; iter < ng_test_iters(10); iter++) {
            int hermitian = (int)n_randint(st, 2);
            ng_op_randtest(X, st, 1 + (slong)n_randint(st, 12), N, hermitian, R);
            ng_kernel_p0(P, X, R);
            ng_kernel_q0(Q, X, R);
            ng_op_add(T, P, Q, R); /* P0 + Q0 = 1 */
            ng_assert_op_equal(T, X, R);
            ng_kernel_p0(T, P, R); /* P0² = P0 */
            ng_assert_op_equal(T, P, R);
            ng_kernel_q0(T, Q, R); /* Q0² = Q0 */
            ng_assert_op_equal(T, Q, R);
            ng_kernel_p0(T, Q, R); /* P0 Q0 = 0 */
            ng_assert_op_zero(T, R);
            ng_kernel_q0(T, P, R); /* Q0 P0 = 0 */
            ng_assert_op_zero(T, R);
            ng_op_hamiltonian_flow(T, H0, P, R); /* L0 P0 = 0 */
            ng_assert_op_zero(T, R);
            ng_op_hamiltonian_flow(U, H0, X, R); /* P0 L0 = 0, so P0 L0 = L0 P0 */
            ng_kernel_p0(T, U, R);
            ng_assert_op_zero(T, R);
            ng_op_hamiltonian_flow(T, H0, Q, R); /* L0 Q0 = L0 */
            ng_assert_op_equal(T, U, R);
            ng_kernel_q0(T, U, R); /* Q0 L0 = L0 */
            ng_assert_op_equal(T, U, R);

            /* P0 is the orthogonal projection onto the span of the basis,
             * applied to X = Xr + i Xi with Xr, Xi Hermitian. */
            ng_op_hermitian_parts(Xr, Xi, X, R);
            project_onto(T, Xr, B, R);
            project_onto(U, Xi, B, R);
            ng_op_mul_i_pow(U, U, 1, R);
            ng_op_add(T, T, U, R);
            ng_assert_op_equal(T, P, R);

            /* P0 preserves Hermiticity and trace */
            if (hermitian)
                assert_int_equal(ng_op_is_hermitian(P, R), T_TRUE);
            {
                ng_ptr r1 = ng_elem_new(R), i1 = ng_elem_new(R), r2 = ng_elem_new(R),
                       i2 = ng_elem_new(R);
                ng_op_trace(r1, i1, X, R);
                ng_op_trace(r2, i2, P, R);
                ng_assert_elem_equal(r1, r2, R);
                ng_assert_elem_equal(i1, i2, R);
                ng_elem_free(r1, R);
                ng_elem_free(i1, R);
                ng_elem_free(r2, R);
                ng_elem_free(i2, R);
            }

            /* aliasing */
            ng_op_set(T, X, R);
            ng_kernel_p0(T, T, R);
            ng_assert_op_equal(T, P, R);
            ng_op_set(T, X, R);
            ng_kernel_q0(T, T, R);
            ng_assert_op_equal(T, Q, R);
        }
        ng_named_basis_clear(B, R);
        ng_op_clear(X, R);
        ng_op_clear(P, R);
        ng_op_clear(Q, R);
        ng_op_clear(T, R);
        ng_op_clear(U, R);
        ng_op_clear(H0, R);
        ng_op_clear(Xr, R);
        ng_op_clear(Xi, R);
    }
    ng_elem_free(h, R);
}

static void test_projections(void **state)
{
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    ng_test_foreach_ring(projections, st, NULL);
    ng_test_rand_clear(st);
}

/* ----------------------------------------------------------- bytes */

/* Monotone, finite, and at least what the built basis actually stores. */
static void test_basis_bytes(void **state)
{
    (void)state;
    for (int k = 0; k < 3; k++) {
        ng_ring_t R;
        double prev = 0;
        ng_test_ring_init(R, all_kinds[k]);
        for (int N = 1; N <= NG_MAX_SITES; N++) {
            double b = ng_kernel_basis_bytes(N, R);
            assert_true(isfinite(b));
            assert_true(b > prev);
            prev = b;
        }
        for (int N = 1; N <= 6; N++) {
            ng_named_basis_t B;
            double stored = 0;
            ng_named_basis_init(B);
            assert_int_equal(ng_kernel_basis(B, N, R), NG_OK);
            for (slong i = 0; i < B->length; i++)
                stored += sizeof(ng_op_struct) +
                          B->ops[i].length * (sizeof(ng_key) + ng_ring_elem_size(R));
            assert_true(ng_kernel_basis_bytes(N, R) >= stored);
            assert_true(ng_kernel_basis_bytes(N, R) <= 10 * stored);
            ng_named_basis_clear(B, R);
        }
        ng_ring_clear(R);
    }
}

static void test_bad_input(void **state)
{
    ng_ring_t R;
    ng_named_basis_t B;
    (void)state;
    ng_ring_init_qq(R);
    ng_named_basis_init(B);
    assert_int_equal(ng_kernel_basis(B, 0, R), NG_EINPUT);
    assert_int_equal(ng_kernel_basis(B, NG_MAX_SITES + 1, R), NG_EINPUT);
    assert_int_equal(B->length, 0);
    ng_named_basis_clear(B, R);
    ng_ring_clear(R);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dimension_three_routes),
        cmocka_unit_test(test_basis_properties),
        cmocka_unit_test(test_matrix_units),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_names_n3),
        cmocka_unit_test(test_regression_latex_commas_k4),
        cmocka_unit_test(test_two_spin),
        cmocka_unit_test(test_eq101),
        cmocka_unit_test(test_projections),
        cmocka_unit_test(test_basis_bytes),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
