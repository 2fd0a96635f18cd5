/* Bit-packed strings (src/pauli) against dense 2^N × 2^N matrices: the
 * products of Kronecker products in ng_dense.h are the second route. */
#include <string.h>

#include "ng_dense.h"
#include "ng_test.h"

static ng_string rand_string(flint_rand_t state, int nsites)
{
    ng_string s = {0, 0};
    for (int l = 0; l < nsites; l++)
        ng_string_set_letter(&s, l, (int)n_randint(state, 4));
    return s;
}

static void print_string(const char *label, ng_string s, int nsites, ng_basis basis)
{
    char buf[NG_MAX_SITES + 1];
    ng_string_get_str(buf, s, nsites, basis);
    fprintf(stderr, "%s: \"%s\" (x=%#llx z=%#llx)\n", label, buf, (unsigned long long)s.x,
            (unsigned long long)s.z);
}

/* i^k·M */
static void dense_mul_i_pow(ng_dense_t C, const ng_dense_t M, int k)
{
    fmpq_t one;
    fmpq_init(one);
    fmpq_one(one);
    ng_dense_scalar_mul(C, M, one, k);
    fmpq_clear(one);
}

/* Checks a·b = i^k c and the commutation answer against the matrices. */
static void check_product(ng_string a, ng_string b, int nsites, const char *file,
                          int line)
{
    ng_dense_t A, B, C, AB, BA, rhs, t;
    ng_string c;
    int k = ng_string_pauli_mul(&c, a, b);
    int commute = ng_string_pauli_commute(a, b);
    int ok;
    ng_dense_init(A, 1), ng_dense_init(B, 1), ng_dense_init(C, 1), ng_dense_init(AB, 1);
    ng_dense_init(BA, 1), ng_dense_init(rhs, 1), ng_dense_init(t, 1);
    ng_dense_string(A, a, nsites, NG_PAULI);
    ng_dense_string(B, b, nsites, NG_PAULI);
    ng_dense_string(C, c, nsites, NG_PAULI);
    ng_dense_mul(AB, A, B);
    ng_dense_mul(BA, B, A);
    dense_mul_i_pow(rhs, C, k);
    ok = k >= 0 && k <= 3 && ng_dense_equal(AB, rhs);
    /* commute ⇔ AB − BA = 0; anticommute ⇔ AB + BA = 0 (Pauli strings do one or the
     * other) */
    if (commute)
        ng_dense_sub(t, AB, BA);
    else
        dense_mul_i_pow(t, BA, 2), ng_dense_sub(t, AB, t);
    ok = ok && ng_dense_is_zero(t) && (commute == 0 || commute == 1);
    if (!ok) {
        fprintf(stderr, "%s:%d: product/commutation mismatch, k = %d, commute = %d\n",
                file, line, k, commute);
        print_string("a", a, nsites, NG_PAULI);
        print_string("b", b, nsites, NG_PAULI);
        print_string("c", c, nsites, NG_PAULI);
        ng_dense_print("dense a*b", AB);
        ng_dense_print("dense b*a", BA);
        ng_test_fail(file, line);
    }
    ng_dense_clear(A), ng_dense_clear(B), ng_dense_clear(C), ng_dense_clear(AB);
    ng_dense_clear(BA), ng_dense_clear(rhs), ng_dense_clear(t);
}

static void test_single_site_table(void **unused)
{
    (void)unused;
    /* All 16 products, each compared with the 2×2 matrices. */
    for (int a = 0; a < 4; a++)
        for (int b = 0; b < 4; b++) {
            ng_string sa = {0, 0}, sb = {0, 0};
            ng_string_set_letter(&sa, 0, a);
            ng_string_set_letter(&sb, 0, b);
            check_product(sa, sb, 1, __FILE__, __LINE__);
        }
    /* The table has the textbook shape: σ^a σ^a = σ^0, σ^x σ^y = iσ^z cyclically. */
    {
        ng_string x = {1, 0}, y = {1, 1}, z = {0, 1}, c;
        assert_int_equal(ng_string_pauli_mul(&c, x, y), 1);
        assert_true(ng_string_equal(c, z));
        assert_int_equal(ng_string_pauli_mul(&c, y, x), 3);
        assert_true(ng_string_equal(c, z));
        assert_int_equal(ng_string_pauli_mul(&c, y, y), 0);
        assert_true(ng_string_is_identity(c));
    }
}

static void test_multisite_products(void **unused)
{
    flint_rand_t state;
    (void)unused;
    ng_test_rand_init(state);
    for (slong iter = 0; iter < ng_test_iters(1200); iter++) {
        int nsites = 1 + (int)n_randint(state, 4);
        check_product(rand_string(state, nsites), rand_string(state, nsites), nsites,
                      __FILE__, __LINE__);
    }
    ng_test_rand_clear(state);
}

/* On 64 sites: the product is the site-by-site product and the phase the sum of
 * the one-site phases (the one-site table being checked above). */
static void test_wide_products(void **unused)
{
    flint_rand_t state;
    (void)unused;
    ng_test_rand_init(state);
    for (slong iter = 0; iter < ng_test_iters(6000); iter++) {
        int nsites = 1 + (int)n_randint(state, NG_MAX_SITES);
        ng_string a = rand_string(state, nsites), b = rand_string(state, nsites), c,
                  e = {0, 0};
        int k = ng_string_pauli_mul(&c, a, b), ksum = 0, anti = 0;
        for (int l = 0; l < nsites; l++) {
            ng_string al = {0, 0}, bl = {0, 0}, cl;
            ng_string_set_letter(&al, 0, ng_string_get_letter(a, l));
            ng_string_set_letter(&bl, 0, ng_string_get_letter(b, l));
            ksum += ng_string_pauli_mul(&cl, al, bl);
            anti += !ng_string_pauli_commute(al, bl);
            ng_string_set_letter(&e, l, ng_string_get_letter(cl, 0));
        }
        if (k != ksum % 4 || !ng_string_equal(c, e) ||
            ng_string_pauli_commute(a, b) != (anti % 2 == 0)) {
            print_string("a", a, nsites, NG_PAULI);
            print_string("b", b, nsites, NG_PAULI);
            print_string("c", c, nsites, NG_PAULI);
            print_string("sitewise", e, nsites, NG_PAULI);
            fprintf(stderr, "k = %d, sitewise %d; anticommuting sites %d\n", k, ksum % 4,
                    anti);
            ng_test_fail(__FILE__, __LINE__);
        }
    }
    ng_test_rand_clear(state);
}

/* [Σ_l σ_l^z, S] = 2(n₊ − n₋) S for a ladder string S, and S's adjoint is the
 * conjugate transpose of its matrix. */
static void test_ladder_charge_adjoint(void **unused)
{
    flint_rand_t state;
    ng_dense_t S, Sd, Zsum, Z1, t1, t2, lhs, rhs;
    fmpq_t q;
    (void)unused;
    ng_test_rand_init(state);
    fmpq_init(q);
    ng_dense_init(S, 1), ng_dense_init(Sd, 1), ng_dense_init(Zsum, 1),
        ng_dense_init(Z1, 1);
    ng_dense_init(t1, 1), ng_dense_init(t2, 1), ng_dense_init(lhs, 1),
        ng_dense_init(rhs, 1);
    for (slong iter = 0; iter < ng_test_iters(900); iter++) {
        int nsites = 1 + (int)n_randint(state, 4), np = 0, nm = 0;
        ng_string s = rand_string(state, nsites), sd = ng_string_ladder_adjoint(s),
                  z = {0, 0};
        int charge = ng_string_ladder_charge(s);
        for (int l = 0; l < nsites; l++) {
            np += ng_string_get_letter(s, l) == NG_LPLUS;
            nm += ng_string_get_letter(s, l) == NG_LMINUS;
        }
        ng_dense_string(S, s, nsites, NG_LADDER);
        ng_dense_string(Sd, sd, nsites, NG_LADDER);
        ng_dense_clear(Zsum);
        ng_dense_init(Zsum, S->n);
        fmpq_one(q);
        for (int l = 0; l < nsites; l++) {
            z.x = 0, z.z = UWORD(1) << l;
            ng_dense_string(Z1, z, nsites, NG_PAULI);
            ng_dense_addmul(Zsum, Zsum, Z1, q, 0);
        }
        ng_dense_mul(t1, Zsum, S);
        ng_dense_mul(t2, S, Zsum);
        ng_dense_sub(lhs, t1, t2);
        fmpq_set_si(q, 2 * charge, 1);
        ng_dense_scalar_mul(rhs, S, q, 0);
        ng_dense_adjoint(t1, S);
        if (charge != np - nm || !ng_dense_equal(lhs, rhs) || !ng_dense_equal(t1, Sd) ||
            !ng_string_equal(ng_string_ladder_adjoint(sd), s) ||
            ng_string_ladder_charge(sd) != -charge ||
            ng_string_support(sd) != ng_string_support(s)) {
            print_string("S", s, nsites, NG_LADDER);
            print_string("S^dagger", sd, nsites, NG_LADDER);
            fprintf(stderr, "charge %d, counted n+ - n- = %d\n", charge, np - nm);
            ng_dense_print("[sum sz, S]", lhs);
            ng_test_fail(__FILE__, __LINE__);
        }
    }
    ng_dense_clear(S), ng_dense_clear(Sd), ng_dense_clear(Zsum), ng_dense_clear(Z1);
    ng_dense_clear(t1), ng_dense_clear(t2), ng_dense_clear(lhs), ng_dense_clear(rhs);
    fmpq_clear(q);
    ng_test_rand_clear(state);
}

static void test_letters(void **unused)
{
    flint_rand_t state;
    (void)unused;
    ng_test_rand_init(state);
    for (slong iter = 0; iter < ng_test_iters(6000); iter++) {
        ng_string s = rand_string(state, NG_MAX_SITES), t = s;
        int l = (int)n_randint(state, NG_MAX_SITES), letter = (int)n_randint(state, 4);
        int weight = 0;
        ng_string_set_letter(&t, l, letter);
        assert_int_equal(ng_string_get_letter(t, l), letter);
        for (int m = 0; m < NG_MAX_SITES; m++) {
            if (m != l)
                assert_int_equal(ng_string_get_letter(t, m), ng_string_get_letter(s, m));
            weight += ng_string_get_letter(t, m) != 0;
        }
        assert_int_equal(ng_string_weight(t), weight);
        assert_int_equal(ng_string_is_identity(t), weight == 0);
    }
    ng_test_rand_clear(state);
}

static void test_str(void **unused)
{
    flint_rand_t state;
    char buf[NG_MAX_SITES + 1], big[NG_MAX_SITES + 2];
    ng_string s;
    int n = -1;
    (void)unused;
    ng_test_rand_init(state);
    /* The letter order of pauli.h's table: (x,z) = (0,0) (1,0) (1,1) (0,1). */
    assert_int_equal(ng_string_set_str(&s, &n, "0xyz", NG_PAULI), 0);
    assert_int_equal(n, 4);
    assert_true(s.x == 0x6 && s.z == 0xc);
    assert_int_equal(ng_string_set_str(&s, &n, "0+-z", NG_LADDER), 0);
    assert_true(s.x == 0x6 && s.z == 0xc);
    for (slong iter = 0; iter < ng_test_iters(3000); iter++) {
        int nsites = 1 + (int)n_randint(state, NG_MAX_SITES), m = -1;
        ng_basis basis = n_randint(state, 2) ? NG_PAULI : NG_LADDER;
        ng_string a = rand_string(state, nsites), b;
        ng_string_get_str(buf, a, nsites, basis);
        if ((int)strlen(buf) != nsites || ng_string_set_str(&b, &m, buf, basis) != 0 ||
            m != nsites || !ng_string_equal(a, b)) {
            print_string("a", a, nsites, basis);
            fprintf(stderr, "printed \"%s\", re-read on %d sites\n", buf, m);
            ng_test_fail(__FILE__, __LINE__);
        }
    }
    /* Rejections: empty, foreign letters, the other basis's letters, capitals,
     * blanks, more than 64 sites. */
    {
        const char *bad_pauli[] = {"", "a", "x y", "xX", "+", "0-", "z\n", "1"};
        const char *bad_ladder[] = {"", "x", "y", "0+ ", "P", "Z"};
        for (size_t i = 0; i < sizeof bad_pauli / sizeof *bad_pauli; i++)
            assert_int_equal(ng_string_set_str(&s, &n, bad_pauli[i], NG_PAULI), -1);
        for (size_t i = 0; i < sizeof bad_ladder / sizeof *bad_ladder; i++)
            assert_int_equal(ng_string_set_str(&s, &n, bad_ladder[i], NG_LADDER), -1);
    }
    memset(big, 'x', NG_MAX_SITES);
    big[NG_MAX_SITES] = '\0';
    assert_int_equal(ng_string_set_str(&s, &n, big, NG_PAULI), 0);
    assert_int_equal(n, NG_MAX_SITES);
    assert_true(s.x == ~UWORD(0) && s.z == 0);
    big[NG_MAX_SITES] = 'x';
    big[NG_MAX_SITES + 1] = '\0';
    assert_int_equal(ng_string_set_str(&s, &n, big, NG_PAULI), -1);
    ng_test_rand_clear(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_site_table),
        cmocka_unit_test(test_multisite_products),
        cmocka_unit_test(test_wide_products),
        cmocka_unit_test(test_ladder_charge_adjoint),
        cmocka_unit_test(test_letters),
        cmocka_unit_test(test_str),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
