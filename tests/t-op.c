/* Sparse operators (src/op).  Second routes: dense matrices over Q(i) for up
 * to 3 sites (ng_dense.h), algebraic identities in every ring, and exact NG_QQ
 * results that the NG_BALL results must enclose. */
#include <string.h>

#include "ng_dense.h"
#include "ng_test.h"

/* A random operator with 0..maxlen terms (0 happens: the empty operator is an
 * input like any other, see the regression test below). */
static void rand_op(ng_op_t A, flint_rand_t state, slong maxlen, int nsites,
                    int hermitian, const ng_ring_t R)
{
    ng_op_randtest(A, state, (slong)n_randint(state, maxlen + 1), nsites, hermitian, R);
}

/* A random operator read in the ladder basis (strings are valid in both). */
static void rand_ladder_op(ng_op_t A, flint_rand_t state, slong maxlen, int nsites,
                           const ng_ring_t R)
{
    rand_op(A, state, maxlen, nsites, 0, R);
    A->basis = NG_LADDER;
}

/* For the ball ring: elements of an exact ring must be decided equal; balls
 * must overlap. */
static void check_elem_equal(ng_srcptr u, ng_srcptr v, const ng_ring_t R,
                             const char *what, int line)
{
    truth_t t = ng_elem_equal(u, v, R);
    if (t == T_TRUE || (!ng_ring_is_exact(R) && t == T_UNKNOWN))
        return;
    fprintf(stderr, "%s\n", what);
    ng_test_print_elem("lhs", u, R);
    ng_test_print_elem("rhs", v, R);
    ng_test_fail(__FILE__, line);
}

static void check_dense(const ng_op_t X, const ng_dense_t M, const ng_ring_t Rq,
                        const char *what, int line)
{
    ng_dense_t D;
    ng_dense_init(D, 1);
    ng_dense_from_op(D, X, Rq);
    if (!ng_dense_equal(D, M)) {
        fprintf(stderr, "%s: sparse result disagrees with the dense matrices\n", what);
        ng_test_print_op("sparse result", X, Rq);
        ng_dense_print("its matrix", D);
        ng_dense_print("dense route", M);
        ng_test_fail(__FILE__, line);
    }
    ng_dense_clear(D);
}

/* ---- regression: bug found while writing these tests ---------------------- */

/* ng_op_canonicalise on an operator that had never held a term claimed
 * alloc = 1 while keys was still NULL; the next ng_op_push or ng_op_set into
 * it wrote through NULL.  Any product with an empty factor did this.
 * (Found 2025-11 writing t-op; fixed in src/op/base.c.) */
static void test_regression_canonicalise_empty(void **unused)
{
    ng_ring_t R;
    ng_op_t A, B, Z;
    ng_ptr c;
    (void)unused;
    ng_test_ring_init(R, NG_QQ);
    c = ng_elem_new(R);
    ng_elem_set_si(c, 5, R);
    ng_op_init(A, 2, NG_PAULI, R);
    ng_op_init(B, 2, NG_PAULI, R);
    ng_op_init(Z, 2, NG_PAULI, R);
    ng_op_canonicalise(A, R);
    assert_int_equal(ng_op_set_term_str(B, "xz", NG_PAULI, c, R), 0);
    ng_op_set(A, B, R);
    ng_op_mul(Z, Z, B, R); /* the empty product */
    ng_op_push(Z, B->keys[0].s, 0, c, R);
    ng_op_canonicalise(Z, R);
    assert_int_equal(ng_op_equal(A, B, R), T_TRUE);
    assert_int_equal(ng_op_equal(Z, B, R), T_TRUE);
    ng_op_clear(A, R), ng_op_clear(B, R), ng_op_clear(Z, R);
    ng_elem_free(c, R);
    ng_ring_clear(R);
}

/* ng_op_add/sub/addmul gave the result the first operand's chain length, so
 * an accumulator started on 0 sites kept nsites = 0 after S = S + B: Tr S came
 * out as 1 instead of 2^3, partial traces dropped terms and get_str printed
 * "I + ".  (Found 2025-11 writing t-op; fixed in src/op/linear.c: the wider
 * operand decides, as in ng_op_mul.) */
static void test_regression_sum_keeps_sites(void **unused)
{
    ng_ring_t R;
    ng_op_t S, B;
    ng_ptr c, re, im;
    fmpq_t eight;
    char *s;
    (void)unused;
    ng_test_ring_init(R, NG_QQ);
    c = ng_elem_new(R), re = ng_elem_new(R), im = ng_elem_new(R);
    fmpq_init(eight);
    fmpq_set_si(eight, 8, 1);
    ng_op_init(S, 0, NG_PAULI, R);
    ng_op_init(B, 3, NG_PAULI, R);
    ng_elem_one(c, R);
    ng_op_set_term_str(B, "00z", NG_PAULI, c, R);
    ng_op_one(S, 3, R);
    ng_op_add(B, B, S, R); /* B = I + Z3 on 3 sites */
    ng_op_zero(S, R);
    S->nsites = 0;
    ng_op_add(S, S, B, R);
    assert_int_equal(S->nsites, 3);
    ng_op_trace(re, im, S, R);
    assert_true(ng_elem_contains_fmpq(re, eight, R));
    s = ng_op_get_str(S, 10, R), assert_string_equal(s, "I + Z3"), flint_free(s);
    ng_op_zero(S, R);
    S->nsites = 1;
    ng_op_addmul(S, B, c, R);
    assert_int_equal(S->nsites, 3);
    ng_op_zero(S, R);
    S->nsites = 2;
    ng_op_sub(S, S, B, R);
    assert_int_equal(S->nsites, 3);
    ng_op_clear(S, R), ng_op_clear(B, R);
    ng_elem_free(c, R), ng_elem_free(re, R), ng_elem_free(im, R);
    fmpq_clear(eight);
    ng_ring_clear(R);
}

/* ---- dense matrices: exact rationals, up to 3 sites ----------------------- */

static void test_dense(void **unused)
{
    flint_rand_t state;
    ng_ring_t R;
    ng_op_t A, B, C;
    ng_dense_t MA, MB, MC, T;
    fmpq_t re, im, dre, dim;
    ng_ptr ere, eim, c;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_ring_init(R, NG_QQ);
    ng_op_init(A, 1, NG_PAULI, R), ng_op_init(B, 1, NG_PAULI, R),
        ng_op_init(C, 1, NG_PAULI, R);
    ng_dense_init(MA, 1), ng_dense_init(MB, 1), ng_dense_init(MC, 1), ng_dense_init(T, 1);
    fmpq_init(re), fmpq_init(im), fmpq_init(dre), fmpq_init(dim);
    ere = ng_elem_new(R), eim = ng_elem_new(R), c = ng_elem_new(R);
    for (slong iter = 0; iter < ng_test_iters(1500); iter++) {
        int nsites = 1 + (int)n_randint(state, 3), k = (int)n_randint(state, 4);
        ng_test_inputs_reset();
        rand_op(A, state, 8, nsites, 0, R);
        rand_op(B, state, 8, nsites, 0, R);
        ng_elem_randtest(c, state, R);
        ng_test_input_op("A", A, R), ng_test_input_op("B", B, R);
        ng_dense_from_op(MA, A, R);
        ng_dense_from_op(MB, B, R);

        ng_op_mul(C, A, B, R);
        ng_dense_mul(MC, MA, MB);
        check_dense(C, MC, R, "AB", __LINE__);

        ng_op_commutator(C, A, B, R);
        ng_dense_mul(T, MB, MA);
        ng_dense_sub(MC, MC, T);
        check_dense(C, MC, R, "[A, B]", __LINE__);

        ng_op_hamiltonian_flow(C, A, B, R);
        fmpq_one(re);
        ng_dense_scalar_mul(MC, MC, re, 3);
        check_dense(C, MC, R, "-i[A, B]", __LINE__);

        ng_op_adjoint(C, A, R);
        ng_dense_adjoint(MC, MA);
        check_dense(C, MC, R, "A^dagger", __LINE__);

        ng_op_add(C, A, B, R);
        fmpq_one(re);
        ng_dense_addmul(MC, MA, MB, re, 0);
        check_dense(C, MC, R, "A + B", __LINE__);

        ng_op_sub(C, A, B, R);
        ng_dense_sub(MC, MA, MB);
        check_dense(C, MC, R, "A - B", __LINE__);

        ng_op_neg(C, A, R);
        fmpq_set_si(re, -1, 1);
        ng_dense_scalar_mul(MC, MA, re, 0);
        check_dense(C, MC, R, "-A", __LINE__);

        ng_op_scalar_mul(C, A, c, R);
        ng_dense_scalar_mul(MC, MA, c, 0);
        check_dense(C, MC, R, "c A", __LINE__);

        ng_op_scalar_mul_si(C, A, k - 2, R);
        fmpq_set_si(re, k - 2, 1);
        ng_dense_scalar_mul(MC, MA, re, 0);
        check_dense(C, MC, R, "k A", __LINE__);

        ng_op_mul_i_pow(C, A, k - 5, R); /* negative powers of i too */
        fmpq_one(re);
        ng_dense_scalar_mul(MC, MA, re, k - 5 + 8);
        check_dense(C, MC, R, "i^k A", __LINE__);

        ng_op_set(C, B, R);
        ng_op_addmul(C, A, c, R);
        ng_dense_addmul(MC, MB, MA, c, 0);
        check_dense(C, MC, R, "B + c A", __LINE__);

        ng_op_to_ladder(C, A, R);
        check_dense(C, MA, R, "A in the ladder basis", __LINE__);
        rand_ladder_op(C, state, 8, nsites, R);
        ng_test_input_op("L", C, R);
        ng_dense_from_op(T, C, R);
        ng_op_to_pauli(C, C, R);
        check_dense(C, T, R, "L in the Pauli basis", __LINE__);

        /* Tr A and Tr(A† B) */
        ng_op_trace(ere, eim, A, R);
        ng_dense_trace(dre, dim, MA);
        if (!fmpq_equal(ere, dre) || !fmpq_equal(eim, dim)) {
            ng_test_print_elem("Tr A re", ere, R), ng_test_print_elem("Tr A im", eim, R);
            ng_test_print_elem("dense re", dre, R),
                ng_test_print_elem("dense im", dim, R);
            ng_test_fail(__FILE__, __LINE__);
        }
        ng_op_hs_product(ere, eim, A, B, R);
        ng_dense_adjoint(T, MA);
        ng_dense_mul(T, T, MB);
        ng_dense_trace(dre, dim, T);
        if (!fmpq_equal(ere, dre) || !fmpq_equal(eim, dim)) {
            ng_test_print_elem("<A, B> re", ere, R),
                ng_test_print_elem("<A, B> im", eim, R);
            ng_test_print_elem("dense re", dre, R),
                ng_test_print_elem("dense im", dim, R);
            ng_test_fail(__FILE__, __LINE__);
        }

        /* restrictions to a random set of sites (bits beyond the chain too) */
        {
            uint64_t mask = n_randlimb(state) & ((UWORD(1) << (nsites + 1)) - 1);
            uint64_t inside = mask & ((UWORD(1) << nsites) - 1);
            int out = nsites - __builtin_popcountll(inside);
            ng_op_partial_trace(C, A, mask, R);
            assert_int_equal(C->nsites, nsites - out);
            ng_dense_partial_trace(MC, MA, nsites, inside);
            check_dense(C, MC, R, "partial trace", __LINE__);
            /* P_(S) A = Tr_out(A) ⊗ (σ^0/2)^⊗out, written entrywise */
            ng_op_project_sites(C, A, mask, R);
            ng_dense_clear(T);
            ng_dense_init(T, MA->n);
            for (slong r = 0; r < MA->n; r++)
                for (slong s = 0; s < MA->n; s++) {
                    slong rk, rt, sk, st;
                    ng_dense_split_index(&rk, &rt, r, nsites, inside);
                    ng_dense_split_index(&sk, &st, s, nsites, inside);
                    if (rt != st)
                        continue;
                    fmpq_div_2exp(NG_DRE(T, r, s), NG_DRE(MC, rk, sk), out);
                    fmpq_div_2exp(NG_DIM(T, r, s), NG_DIM(MC, rk, sk), out);
                }
            check_dense(C, T, R, "P_(S)", __LINE__);
        }
    }
    ng_op_clear(A, R), ng_op_clear(B, R), ng_op_clear(C, R);
    ng_dense_clear(MA), ng_dense_clear(MB), ng_dense_clear(MC), ng_dense_clear(T);
    fmpq_clear(re), fmpq_clear(im), fmpq_clear(dre), fmpq_clear(dim);
    ng_elem_free(ere, R), ng_elem_free(eim, R), ng_elem_free(c, R);
    ng_ring_clear(R);
    ng_test_rand_clear(state);
}

/* ---- identities in every ring --------------------------------------------- */

static void identities_in(const ng_ring_t R, flint_rand_t state, void *arg)
{
    ng_op_t A, B, C, X, Y, Z, W;
    ng_ptr u = ng_elem_new(R), v = ng_elem_new(R), w = ng_elem_new(R), x = ng_elem_new(R);
    int params = R->kind == NG_QQ_PARAMS;
    slong len = params ? 4 : 10;
    (void)arg;
    ng_op_init(A, 1, NG_PAULI, R), ng_op_init(B, 1, NG_PAULI, R),
        ng_op_init(C, 1, NG_PAULI, R);
    ng_op_init(X, 1, NG_PAULI, R), ng_op_init(Y, 1, NG_PAULI, R),
        ng_op_init(Z, 1, NG_PAULI, R);
    ng_op_init(W, 1, NG_PAULI, R);
    for (slong iter = 0; iter < ng_test_iters(params ? 125 : 500); iter++) {
        int nsites = 1 + (int)n_randint(state, 8);
        int herm = (int)n_randint(state, 2);
        ng_test_inputs_reset();
        rand_op(A, state, len, nsites, herm, R);
        rand_op(B, state, len, nsites, herm, R);
        rand_op(C, state, len, nsites, 0, R);
        ng_test_input_op("A", A, R), ng_test_input_op("B", B, R),
            ng_test_input_op("C", C, R);

        /* (AB)C = A(BC) */
        ng_op_mul(X, A, B, R), ng_op_mul(X, X, C, R);
        ng_op_mul(Y, B, C, R), ng_op_mul(Y, A, Y, R);
        ng_assert_op_equal(X, Y, R);

        /* [A, B] = AB − BA */
        ng_op_commutator(X, A, B, R);
        ng_op_mul(Y, A, B, R), ng_op_mul(Z, B, A, R), ng_op_sub(Y, Y, Z, R);
        ng_assert_op_equal(X, Y, R);

        /* −i[A, B] = −i(AB − BA), and = i^3 [A, B] */
        ng_op_hamiltonian_flow(X, A, B, R);
        ng_op_mul_i_pow(Y, Y, 3, R);
        ng_assert_op_equal(X, Y, R);

        /* Jacobi: [A,[B,C]] + [B,[C,A]] + [C,[A,B]] = 0 */
        ng_op_commutator(X, B, C, R), ng_op_commutator(X, A, X, R);
        ng_op_commutator(Y, C, A, R), ng_op_commutator(Y, B, Y, R);
        ng_op_commutator(Z, A, B, R), ng_op_commutator(Z, C, Z, R);
        ng_op_add(X, X, Y, R), ng_op_add(X, X, Z, R);
        ng_op_zero(W, R);
        ng_assert_op_equal(X, W, R);

        /* (AB)† = B†A† */
        ng_op_mul(X, A, B, R), ng_op_adjoint(X, X, R);
        ng_op_adjoint(Y, B, R), ng_op_adjoint(Z, A, R), ng_op_mul(Y, Y, Z, R);
        ng_assert_op_equal(X, Y, R);
        ng_op_adjoint(Y, X, R), ng_op_adjoint(Y, Y, R);
        ng_assert_op_equal(X, Y, R); /* † is an involution */

        /* Hermitian H, A: −i[H, A] is Hermitian (Liouvillians preserve
         * Hermiticity, DESIGN §1) */
        if (herm) {
            assert_int_not_equal(ng_op_is_hermitian(A, R), T_FALSE);
            ng_op_hamiltonian_flow(X, A, B, R);
            if (ng_op_is_hermitian(X, R) == T_FALSE) {
                ng_test_print_op("-i[A, B]", X, R);
                ng_test_fail(__FILE__, __LINE__);
            }
        }

        /* A = X + iY with X, Y Hermitian */
        ng_op_hermitian_parts(X, Y, C, R);
        assert_int_not_equal(ng_op_is_hermitian(X, R), T_FALSE);
        assert_int_not_equal(ng_op_is_hermitian(Y, R), T_FALSE);
        ng_op_mul_i_pow(Y, Y, 1, R), ng_op_add(X, X, Y, R);
        ng_assert_op_equal(X, C, R);

        /* Tr(AB) = Tr(BA) */
        ng_op_mul(X, A, B, R), ng_op_trace(u, v, X, R);
        ng_op_mul(Y, B, A, R), ng_op_trace(w, x, Y, R);
        check_elem_equal(u, w, R, "Re Tr(AB) = Re Tr(BA)", __LINE__);
        check_elem_equal(v, x, R, "Im Tr(AB) = Im Tr(BA)", __LINE__);

        /* <A, B> = Tr(A† B), and <B, A> is its conjugate */
        ng_op_hs_product(u, v, A, B, R);
        ng_op_adjoint(X, A, R), ng_op_mul(X, X, B, R), ng_op_trace(w, x, X, R);
        check_elem_equal(u, w, R, "Re <A, B> = Re Tr(A^dagger B)", __LINE__);
        check_elem_equal(v, x, R, "Im <A, B> = Im Tr(A^dagger B)", __LINE__);
        ng_op_hs_product(w, x, B, A, R), ng_elem_neg(x, x, R);
        check_elem_equal(u, w, R, "Re <B, A> = Re <A, B>", __LINE__);
        check_elem_equal(v, x, R, "Im <B, A> = -Im <A, B>", __LINE__);

        /* Tr over everything = Tr over a part, then over the rest */
        {
            uint64_t mask = n_randlimb(state);
            ng_op_partial_trace(X, A, mask, R), ng_op_trace(u, v, X, R);
            ng_op_trace(w, x, A, R);
            check_elem_equal(u, w, R, "Re Tr Tr_out A = Re Tr A", __LINE__);
            check_elem_equal(v, x, R, "Im Tr Tr_out A = Im Tr A", __LINE__);
            /* P_(S) is a projection */
            ng_op_project_sites(X, A, mask, R), ng_op_project_sites(Y, X, mask, R);
            ng_assert_op_equal(X, Y, R);
        }
    }
    ng_op_clear(A, R), ng_op_clear(B, R), ng_op_clear(C, R);
    ng_op_clear(X, R), ng_op_clear(Y, R), ng_op_clear(Z, R), ng_op_clear(W, R);
    ng_elem_free(u, R), ng_elem_free(v, R), ng_elem_free(w, R), ng_elem_free(x, R);
    ng_test_inputs_reset();
}

static void test_identities(void **unused)
{
    flint_rand_t state;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_foreach_ring(identities_in, state, NULL);
    ng_test_rand_clear(state);
}

/* ---- balls enclose the exact results -------------------------------------- */

static void test_ball_contains_exact(void **unused)
{
    flint_rand_t state;
    ng_ring_t Q, B;
    ng_op_t A, Bo, C, Ab, Bb, Cb, E, X;
    ng_ptr re = NULL, im = NULL, bre = NULL, bim = NULL;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_ring_init(Q, NG_QQ);
    ng_test_ring_init(B, NG_BALL);
    re = ng_elem_new(Q), im = ng_elem_new(Q), bre = ng_elem_new(B), bim = ng_elem_new(B);
    ng_op_init(A, 1, NG_PAULI, Q), ng_op_init(Bo, 1, NG_PAULI, Q),
        ng_op_init(C, 1, NG_PAULI, Q);
    ng_op_init(E, 1, NG_PAULI, Q);
    ng_op_init(Ab, 1, NG_PAULI, B), ng_op_init(Bb, 1, NG_PAULI, B);
    ng_op_init(Cb, 1, NG_PAULI, B), ng_op_init(X, 1, NG_PAULI, B);
    for (slong iter = 0; iter < ng_test_iters(750); iter++) {
        int nsites = 1 + (int)n_randint(state, 10);
        uint64_t mask = n_randlimb(state);
        ng_test_inputs_reset();
        rand_op(A, state, 12, nsites, 0, Q);
        rand_op(Bo, state, 12, nsites, 0, Q);
        rand_op(C, state, 12, nsites, 0, Q);
        ng_test_input_op("A", A, Q), ng_test_input_op("B", Bo, Q),
            ng_test_input_op("C", C, Q);
        ng_test_op_from_qq(Ab, A, Q, B);
        ng_test_op_from_qq(Bb, Bo, Q, B);
        ng_test_op_from_qq(Cb, C, Q, B);

        ng_op_mul(E, A, Bo, Q), ng_op_mul(E, E, C, Q);
        ng_op_mul(X, Ab, Bb, B), ng_op_mul(X, X, Cb, B);
        ng_assert_op_contains(X, E, B, Q);
        ng_op_commutator(E, A, Bo, Q), ng_op_commutator(X, Ab, Bb, B);
        ng_assert_op_contains(X, E, B, Q);
        ng_op_hamiltonian_flow(E, A, Bo, Q), ng_op_hamiltonian_flow(X, Ab, Bb, B);
        ng_assert_op_contains(X, E, B, Q);
        ng_op_sub(E, A, Bo, Q), ng_op_sub(X, Ab, Bb, B);
        ng_assert_op_contains(X, E, B, Q);
        ng_op_adjoint(E, C, Q), ng_op_adjoint(X, Cb, B);
        ng_assert_op_contains(X, E, B, Q);
        ng_op_to_ladder(E, C, Q), ng_op_to_ladder(X, Cb, B);
        ng_assert_op_contains(X, E, B, Q);
        ng_op_to_pauli(E, E, Q), ng_op_to_pauli(X, X, B);
        ng_assert_op_contains(X, E, B, Q);
        ng_op_partial_trace(E, C, mask, Q), ng_op_partial_trace(X, Cb, mask, B);
        ng_assert_op_contains(X, E, B, Q);
        ng_op_hs_product(re, im, A, Bo, Q), ng_op_hs_product(bre, bim, Ab, Bb, B);
        if (!ng_elem_contains_fmpq(bre, re, B) || !ng_elem_contains_fmpq(bim, im, B)) {
            ng_test_print_elem("<A, B> re", re, Q),
                ng_test_print_elem("<A, B> im", im, Q);
            ng_test_print_elem("ball re", bre, B), ng_test_print_elem("ball im", bim, B);
            ng_test_fail(__FILE__, __LINE__);
        }
    }
    ng_op_clear(A, Q), ng_op_clear(Bo, Q), ng_op_clear(C, Q), ng_op_clear(E, Q);
    ng_op_clear(Ab, B), ng_op_clear(Bb, B), ng_op_clear(Cb, B), ng_op_clear(X, B);
    ng_elem_free(re, Q), ng_elem_free(im, Q), ng_elem_free(bre, B), ng_elem_free(bim, B);
    ng_ring_clear(Q), ng_ring_clear(B);
    ng_test_inputs_reset();
    ng_test_rand_clear(state);
}

/* ---- the ladder basis ----------------------------------------------------- */

static void ladder_in(const ng_ring_t R, flint_rand_t state, void *arg)
{
    ng_op_t A, L, P, H, F, E;
    ng_ptr h = ng_elem_new(R), t = ng_elem_new(R), re = ng_elem_new(R),
           im = ng_elem_new(R), re2 = ng_elem_new(R), im2 = ng_elem_new(R);
    int params = R->kind == NG_QQ_PARAMS;
    (void)arg;
    ng_op_init(A, 1, NG_PAULI, R), ng_op_init(L, 1, NG_PAULI, R),
        ng_op_init(P, 1, NG_PAULI, R);
    ng_op_init(H, 1, NG_PAULI, R), ng_op_init(F, 1, NG_PAULI, R),
        ng_op_init(E, 1, NG_PAULI, R);
    for (slong iter = 0; iter < ng_test_iters(params ? 200 : 750); iter++) {
        int nsites = 1 + (int)n_randint(state, 10);
        ng_test_inputs_reset();

        /* Pauli → ladder → Pauli, and ladder → Pauli → ladder, are identities */
        rand_op(A, state, params ? 6 : 12, nsites, 0, R);
        ng_test_input_op("A", A, R);
        ng_op_to_ladder(L, A, R);
        assert_int_equal(L->basis, NG_LADDER);
        ng_op_to_pauli(P, L, R);
        assert_int_equal(P->basis, NG_PAULI);
        ng_assert_op_equal(P, A, R);
        ng_op_trace(re, im, A, R), ng_op_trace(re2, im2, L, R);
        check_elem_equal(re, re2, R, "Re Tr in both bases", __LINE__);
        check_elem_equal(im, im2, R, "Im Tr in both bases", __LINE__);
        rand_ladder_op(A, state, params ? 6 : 12, nsites, R);
        ng_op_to_pauli(P, A, R), ng_op_to_ladder(L, P, R);
        ng_assert_op_equal(L, A, R);
        /* the adjoint commutes with the change of basis */
        ng_op_adjoint(L, A, R), ng_op_to_pauli(L, L, R);
        ng_op_adjoint(P, P, R);
        ng_assert_op_equal(L, P, R);

        /* Ladder strings are L0 eigen-operators: −i[h Σσ^z, S] = −2ih(n₊ − n₋) S
         * (DESIGN §2), checked through the Pauli basis */
        ng_elem_randtest(h, state, R);
        ng_op_zero(H, R);
        H->nsites = nsites, H->basis = NG_PAULI;
        for (int l = 0; l < nsites; l++) {
            ng_string z = {0, UWORD(1) << l};
            ng_op_push(H, z, 0, h, R);
        }
        ng_op_canonicalise(H, R);
        ng_op_zero(E, R);
        E->nsites = nsites, E->basis = NG_LADDER;
        for (slong i = 0; i < A->length; i++) {
            ng_elem_mul(t, ng_vec_srcentry(A->coeffs, i, R), h, R);
            ng_elem_mul_si(t, t, -2 * ng_string_ladder_charge(A->keys[i].s), R);
            ng_op_push_phase(E, A->keys[i].s, (int)A->keys[i].im + 1, t, R);
        }
        ng_op_canonicalise(E, R);
        ng_test_input_op("H", H, R);
        ng_op_to_pauli(P, A, R);
        ng_op_hamiltonian_flow(F, H, P, R);
        ng_op_to_ladder(F, F, R);
        ng_assert_op_equal(F, E, R);
    }
    ng_op_clear(A, R), ng_op_clear(L, R), ng_op_clear(P, R);
    ng_op_clear(H, R), ng_op_clear(F, R), ng_op_clear(E, R);
    ng_elem_free(h, R), ng_elem_free(t, R), ng_elem_free(re, R), ng_elem_free(im, R);
    ng_elem_free(re2, R), ng_elem_free(im2, R);
    ng_test_inputs_reset();
}

static void test_ladder(void **unused)
{
    flint_rand_t state;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_foreach_ring(ladder_in, state, NULL);
    ng_test_rand_clear(state);
}

/* ---- aliasing ------------------------------------------------------------- */

typedef void (*op_binary)(ng_op_t, const ng_op_t, const ng_op_t, const ng_ring_t);
typedef void (*op_unary)(ng_op_t, const ng_op_t, const ng_ring_t);

static void partial_trace_13(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    ng_op_partial_trace(B, A, 0x5, R);
}

static void project_13(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    ng_op_project_sites(B, A, 0x5, R);
}

static void times_i(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    ng_op_mul_i_pow(B, A, 1, R);
}

static void times_minus_3(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    ng_op_scalar_mul_si(B, A, -3, R);
}

static void real_part(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    ng_op_t Y;
    ng_op_init(Y, A->nsites, A->basis, R);
    ng_op_hermitian_parts(B, Y, A, R);
    ng_op_clear(Y, R);
}

static void imaginary_part(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    ng_op_t X;
    ng_op_init(X, A->nsites, A->basis, R);
    ng_op_hermitian_parts(X, B, A, R);
    ng_op_clear(X, R);
}

static void aliasing_in(const ng_ring_t R, flint_rand_t state, void *arg)
{
    static const struct {
        const char *name;
        op_binary f;
    } binary[] = {{"mul", ng_op_mul},
                  {"commutator", ng_op_commutator},
                  {"hamiltonian_flow", ng_op_hamiltonian_flow},
                  {"add", ng_op_add},
                  {"sub", ng_op_sub}};
    static const struct {
        const char *name;
        op_unary f;
    } unary[] = {{"set", ng_op_set},
                 {"neg", ng_op_neg},
                 {"adjoint", ng_op_adjoint},
                 {"to_ladder", ng_op_to_ladder},
                 {"mul_i_pow", times_i},
                 {"scalar_mul_si", times_minus_3},
                 {"partial_trace", partial_trace_13},
                 {"project_sites", project_13},
                 {"hermitian_parts X", real_part},
                 {"hermitian_parts Y", imaginary_part}};
    ng_op_t A, B, C, W;
    ng_ptr c = ng_elem_new(R);
    (void)arg;
    ng_op_init(A, 1, NG_PAULI, R), ng_op_init(B, 1, NG_PAULI, R);
    ng_op_init(C, 1, NG_PAULI, R), ng_op_init(W, 1, NG_PAULI, R);
    for (slong iter = 0; iter < ng_test_iters(R->kind == NG_QQ_PARAMS ? 100 : 300);
         iter++) {
        int nsites = 1 + (int)n_randint(state, 6);
        ng_test_inputs_reset();
        rand_op(A, state, 6, nsites, 0, R);
        rand_op(B, state, 6, nsites, 0, R);
        ng_test_input_op("A", A, R), ng_test_input_op("B", B, R);
        for (size_t k = 0; k < sizeof binary / sizeof *binary; k++) {
            binary[k].f(W, A, B, R);
            ng_op_set(C, A, R), binary[k].f(C, C, B, R); /* C = A */
            ng_assert_op_equal(C, W, R);
            ng_op_set(C, B, R), binary[k].f(C, A, C, R); /* C = B */
            ng_assert_op_equal(C, W, R);
            binary[k].f(W, A, A, R);
            ng_op_set(C, A, R), binary[k].f(C, C, C, R); /* C = A = B */
            ng_assert_op_equal(C, W, R);
        }
        for (size_t k = 0; k < sizeof unary / sizeof *unary; k++) {
            unary[k].f(W, A, R);
            ng_op_set(C, A, R), unary[k].f(C, C, R);
            ng_assert_op_equal(C, W, R);
        }
        /* the ladder → Pauli direction */
        ng_op_to_ladder(B, A, R);
        ng_op_to_pauli(W, B, R);
        ng_op_to_pauli(B, B, R);
        ng_assert_op_equal(B, W, R);
        /* scalar_mul and addmul with C = A */
        ng_elem_randtest(c, state, R);
        ng_op_scalar_mul(W, A, c, R);
        ng_op_set(C, A, R), ng_op_scalar_mul(C, C, c, R);
        ng_assert_op_equal(C, W, R);
        ng_op_set(W, A, R), ng_op_addmul(W, A, c, R); /* fresh A */
        ng_op_set(C, A, R), ng_op_addmul(C, C, c, R); /* C += cC */
        ng_assert_op_equal(C, W, R);
    }
    ng_op_clear(A, R), ng_op_clear(B, R), ng_op_clear(C, R), ng_op_clear(W, R);
    ng_elem_free(c, R);
    ng_test_inputs_reset();
}

static void test_aliasing(void **unused)
{
    flint_rand_t state;
    (void)unused;
    ng_test_rand_init(state);
    ng_test_foreach_ring(aliasing_in, state, NULL);
    ng_test_rand_clear(state);
}

/* ---- construction, decisions, text ---------------------------------------- */

static void test_construction_and_text(void **unused)
{
    ng_ring_t Q, B;
    ng_op_t A, T, U;
    ng_ptr c, b;
    fmpq_t q;
    char *s;
    (void)unused;
    ng_test_ring_init(Q, NG_QQ);
    ng_test_ring_init(B, NG_BALL);
    fmpq_init(q);
    c = ng_elem_new(Q), b = ng_elem_new(B);
    ng_op_init(A, 3, NG_PAULI, Q), ng_op_init(T, 3, NG_PAULI, Q),
        ng_op_init(U, 3, NG_PAULI, Q);

    /* op.h's example "3/2*X1 Z3 - i*1/4*Y2", built from its terms */
    fmpq_set_si(q, 3, 2), ng_elem_set_fmpq(c, q, Q);
    assert_int_equal(ng_op_set_term_str(A, "x0z", NG_PAULI, c, Q), 0);
    fmpq_set_si(q, 1, 4), ng_elem_set_fmpq(c, q, Q);
    assert_int_equal(ng_op_set_term_str(T, "0y0", NG_PAULI, c, Q), 0);
    ng_op_mul_i_pow(T, T, 3, Q);
    ng_op_add(A, A, T, Q);
    s = ng_op_get_str(A, 10, Q), assert_string_equal(s, "3/2*X1 Z3 - i*1/4*Y2"),
    flint_free(s);
    /* Hermitian? 3/2 X1Z3 is, −i/4 Y2 is not */
    assert_int_equal(ng_op_is_hermitian(A, Q), T_FALSE);
    assert_int_equal(ng_op_is_hermitian(T, Q), T_FALSE);
    ng_op_mul_i_pow(T, T, 1, Q);
    assert_int_equal(ng_op_is_hermitian(T, Q), T_TRUE);

    /* zero, identity, ladder letters */
    ng_op_zero(A, Q);
    s = ng_op_get_str(A, 10, Q), assert_string_equal(s, "0"), flint_free(s);
    assert_int_equal(ng_op_is_zero(A, Q), T_TRUE);
    ng_op_one(A, 3, Q);
    s = ng_op_get_str(A, 10, Q), assert_string_equal(s, "I"), flint_free(s);
    {
        ng_ptr im = ng_elem_new(Q);
        ng_op_trace(c, im, A, Q); /* the dimension, 2^3 */
        fmpq_set_si(q, 8, 1);
        assert_true(ng_elem_contains_fmpq(c, q, Q));
        assert_int_equal(ng_elem_is_zero(im, Q), T_TRUE);
        ng_elem_free(im, Q);
    }
    ng_elem_set_si(c, -1, Q);
    assert_int_equal(ng_op_set_term_str(A, "+-z", NG_LADDER, c, Q), 0);
    s = ng_op_get_str(A, 10, Q), assert_string_equal(s, "-P1 M2 Z3"), flint_free(s);
    assert_int_equal(ng_op_set_term_str(A, "+q", NG_LADDER, c, Q), -1);
    assert_int_equal(ng_op_set_term_str(A, "x+", NG_PAULI, c, Q), -1);

    /* terms cancel and vanish from the canonical form; push_phase folds i^2 */
    ng_op_zero(A, Q);
    A->nsites = 2, A->basis = NG_PAULI;
    {
        ng_string xz = {1, 2};
        ng_elem_set_si(c, 2, Q);
        ng_op_push_phase(A, xz, 1, c, Q);
        ng_op_push_phase(A, xz, 3, c, Q);
        ng_op_push_phase(A, xz, 2, c, Q);
        ng_op_push_si(A, xz, 0, 5, Q);
        ng_op_canonicalise(A, Q);
        assert_int_equal(A->length, 1);
        s = ng_op_get_str(A, 10, Q), assert_string_equal(s, "3*X1 Z2"), flint_free(s);
    }

    /* balls: a coefficient that may be zero stays, and decisions say so */
    ng_op_clear(A, Q);
    ng_op_init(A, 2, NG_PAULI, B);
    {
        arb_t r;
        arb_init(r);
        mag_set_ui_2exp_si(arb_radref(r), 1, -80);
        ng_elem_set_arb(b, r, B);
        assert_int_equal(ng_op_set_term_str(A, "zz", NG_PAULI, b, B), 0);
        assert_int_equal(A->length, 1);
        assert_int_equal(ng_op_is_zero(A, B), T_UNKNOWN);
        arb_one(r);
        ng_elem_set_arb(b, r, B);
        ng_op_addmul(A, A, b, B); /* A + A */
        assert_int_equal(ng_op_is_zero(A, B), T_UNKNOWN);
        ng_op_set_term_str(A, "zz", NG_PAULI, b, B);
        assert_int_equal(ng_op_is_zero(A, B), T_FALSE);
        arb_clear(r);
    }
    ng_op_clear(A, B);
    ng_op_clear(T, Q), ng_op_clear(U, Q);
    ng_elem_free(c, Q), ng_elem_free(b, B);
    fmpq_clear(q);
    ng_ring_clear(Q), ng_ring_clear(B);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regression_canonicalise_empty),
        cmocka_unit_test(test_regression_sum_keeps_sites),
        cmocka_unit_test(test_dense),
        cmocka_unit_test(test_identities),
        cmocka_unit_test(test_ball_contains_exact),
        cmocka_unit_test(test_ladder),
        cmocka_unit_test(test_aliasing),
        cmocka_unit_test(test_construction_and_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
