/* Functional reconstruction (src/recon): rational functions of one to three
 * variables with known closed forms are recovered exactly from a black box
 * that evaluates them (second route: the ring's own arithmetic built them);
 * points where the box is undefined are skipped; a planted wrong degree
 * bound is caught by the verification at fresh points, a right one is not;
 * the ring's evaluation and substitution agree with each other. */
#include <string.h>

#include "nessgen/expr.h"
#include "nessgen/recon.h"
#include "ng_test.h"

typedef struct {
    const ng_ring_struct *R;
    ng_srcptr f; /* nout targets */
    slong nout;
    const slong *vars;
    slong nvars;
    int refuse_some; /* undefined at the third sample point of variable 0 */
    int slow;        /* burn some CPU per call (the cost-estimate test) */
} target_t;

static ng_status box_eval(fmpq *values, const fmpq *point, void *data)
{
    target_t *T = data;
    fmpq *all = _fmpq_vec_init(T->R->nvars);
    ng_status st = NG_OK;
    fmpq_t x3;
    fmpq_init(x3);
    if (T->slow) { /* ~0.1 ms of CPU */
        fmpz_t z;
        fmpz_init(z);
        fmpz_fib_ui(z, 20000);
        fmpz_clear(z);
    }
    ng_recon_sample_point(x3, 0, 3);
    if (T->refuse_some && fmpq_equal(point, x3))
        st = NG_ECOMPUTE;
    for (slong i = 0; i < T->nvars; i++)
        fmpq_set(all + T->vars[i], point + i);
    for (slong o = 0; o < T->nout && st == NG_OK; o++)
        if (!ng_elem_evaluate_fmpq(values + o, ng_vec_srcentry(T->f, o, T->R), all, T->R))
            st = NG_ECOMPUTE;
    fmpq_clear(x3);
    _fmpq_vec_clear(all, T->R->nvars);
    return st;
}

static void assert_reconstructs(const ng_ring_t R, ng_srcptr f, slong nout,
                                const slong *vars, slong nvars, int refuse_some)
{
    target_t T = {R, f, nout, vars, nvars, refuse_some, 0};
    ng_recon_t rec;
    ng_ptr res = ng_vec_init(nout, R);
    ng_status st;
    ng_recon_init(rec, nvars, nout, box_eval, &T);
    st = ng_recon_rational(res, rec, vars, R);
    if (st != NG_OK)
        fail_msg("reconstruction failed: %s", ng_error_message());
    for (slong o = 0; o < nout; o++)
        if (ng_elem_equal(ng_vec_srcentry(res, o, R), ng_vec_srcentry(f, o, R), R) !=
            T_TRUE) {
            char *a = ng_elem_get_str(ng_vec_srcentry(res, o, R), 0, R);
            char *b = ng_elem_get_str(ng_vec_srcentry(f, o, R), 0, R);
            fail_msg("output %ld: reconstructed %s, expected %s", (long)o, a, b);
        }
    if (refuse_some && nvars == 1) /* (else variable 0 may need fewer samples) */
        assert_true(rec->skipped >= 1);
    ng_recon_clear(rec);
    ng_vec_clear(res, nout, R);
}

/* (a^7 − 3a + 1/2)/(a^4 + 2a + 5) and its reciprocal, a constant and zero. */
static void univariate_known(ng_ptr f, const ng_ring_t R)
{
    ng_ptr a = ng_elem_new(R), n = ng_elem_new(R), d = ng_elem_new(R), t = ng_elem_new(R);
    ng_elem_gen(a, 0, R);
    ng_elem_pow_ui(n, a, 7, R);
    ng_elem_mul_si(t, a, 3, R);
    ng_elem_sub(n, n, t, R);
    ng_elem_set_si(t, 1, R);
    ng_elem_div_si(t, t, 2, R);
    ng_elem_add(n, n, t, R);
    ng_elem_pow_ui(d, a, 4, R);
    ng_elem_mul_si(t, a, 2, R);
    ng_elem_add(d, d, t, R);
    ng_elem_set_si(t, 5, R);
    ng_elem_add(d, d, t, R);
    ng_elem_div(ng_vec_entry(f, 0, R), n, d, R);
    ng_elem_div(ng_vec_entry(f, 1, R), d, n, R);
    ng_elem_set_si(ng_vec_entry(f, 2, R), -7, R);
    ng_elem_zero(ng_vec_entry(f, 3, R), R);
    ng_elem_free(a, R);
    ng_elem_free(n, R);
    ng_elem_free(d, R);
    ng_elem_free(t, R);
}

static void test_univariate(void **state)
{
    ng_ring_t R;
    ng_ptr f;
    slong vars[1] = {0};
    (void)state;
    ng_test_ring_init(R, NG_QQ_PARAMS);
    f = ng_vec_init(4, R);
    univariate_known(f, R);
    assert_reconstructs(R, f, 4, vars, 1, 0);
    assert_reconstructs(R, f, 4, vars, 1, 1); /* skips an undefined point */
    ng_vec_clear(f, 4, R);
    ng_ring_clear(R);
}

/* Products of random rational functions of a, b, c (degrees up to ~8 per
 * variable), reconstructed in the variable orders (a, b, c) and (c, a, b). */
static void test_multivariate_random(void **state)
{
    flint_rand_t rs;
    ng_ring_t R;
    slong order1[3] = {0, 1, 2}, order2[3] = {2, 0, 1};
    (void)state;
    ng_test_rand_init(rs);
    ng_test_ring_init(R, NG_QQ_PARAMS);
    for (slong it = 0; it < ng_test_iters(4); it++) {
        ng_ptr f = ng_vec_init(3, R), g = ng_elem_new(R);
        for (slong o = 0; o < 3; o++) {
            ng_elem_randtest(ng_vec_entry(f, o, R), rs, R);
            ng_elem_randtest(g, rs, R);
            ng_elem_mul(ng_vec_entry(f, o, R), ng_vec_entry(f, o, R), g, R);
            ng_elem_randtest(g, rs, R);
            ng_elem_add(ng_vec_entry(f, o, R), ng_vec_entry(f, o, R), g, R);
        }
        assert_reconstructs(R, f, 3, it % 2 ? order2 : order1, 3, it == 1);
        ng_elem_free(g, R);
        ng_vec_clear(f, 3, R);
    }
    ng_ring_clear(R);
    ng_test_rand_clear(rs);
}

/* The cost estimate (recon.h): with no effective limit it is within a
 * factor 1.6 of the evaluations the reconstruction then makes; a limit
 * below it is NG_ELIMIT after the probes alone (no reconstruction work);
 * with one variable (no probe) the limit stops the work itself. */
static void test_cost_estimate(void **state)
{
    flint_rand_t rs;
    ng_ring_t R;
    slong vars[3] = {0, 1, 2};
    ng_ptr f, g, res;
    double est_seconds;
    (void)state;
    ng_test_rand_init(rs);
    ng_test_ring_init(R, NG_QQ_PARAMS);
    f = ng_vec_init(2, R);
    g = ng_elem_new(R);
    res = ng_vec_init(2, R);
    /* degrees 4 to 5 in each variable */
    {
        static const char *const text[2] = {
            "(a^4*b^2 + 3*a*b^4*c - c^4 + 2)/(a^3 + b*c^4 + 5*a^2*b + 7)",
            "(a^2 + b^3 - c^5)/(1 + a*b*c + a^4)"};
        for (slong o = 0; o < 2; o++) {
            ng_expr *e;
            if (ng_expr_parse(&e, text[o], "test function") != NG_OK ||
                ng_expr_eval(ng_vec_entry(f, o, R), e, R) != NG_OK)
                fail_msg("%s: %s", text[o], ng_error_message());
            ng_expr_free(e);
        }
    }
    {
        target_t T = {R, f, 2, vars, 3, 0, 1};
        ng_recon_t rec;
        double work;
        ng_recon_init(rec, 3, 2, box_eval, &T);
        rec->max_seconds = 1e6;
        assert_int_equal(ng_recon_rational(res, rec, vars, R), NG_OK);
        work = (double)(rec->evaluations - rec->probe_evaluations);
        assert_true(rec->probe_evaluations > 0);
        if (rec->estimated_evaluations < work / 1.6 || rec->estimated_evaluations > 1.6 * work)
            fail_msg("estimated %g evaluations, made %g", rec->estimated_evaluations, work);
        /* the probes are a small part: a limit of a fifth is refused by the estimate */
        if (rec->probe_evaluations * 20 >= rec->evaluations)
            fail_msg("probes %ld of %ld evaluations", (long)rec->probe_evaluations,
                     (long)rec->evaluations);
        est_seconds = rec->estimated_seconds;
        ng_recon_clear(rec);
        ng_recon_init(rec, 3, 2, box_eval, &T);
        rec->max_seconds = est_seconds / 5;
        assert_int_equal(ng_recon_rational(res, rec, vars, R), NG_ELIMIT);
        assert_true(rec->estimated_seconds > rec->max_seconds);
        assert_int_equal(rec->evaluations, rec->probe_evaluations);
        assert_true(ng_elem_is_exact_zero(ng_vec_srcentry(res, 0, R), R));
        ng_recon_clear(rec);
    }
    {
        target_t T = {R, f, 2, vars, 1, 0, 1};
        ng_recon_t rec;
        ng_recon_init(rec, 1, 2, box_eval, &T);
        rec->max_seconds = 1e-9;
        assert_int_equal(ng_recon_rational(res, rec, vars, R), NG_ELIMIT);
        assert_int_equal(rec->probe_evaluations, 0);
        ng_recon_clear(rec);
    }
    ng_elem_free(g, R);
    ng_vec_clear(f, 2, R);
    ng_vec_clear(res, 2, R);
    ng_ring_clear(R);
    ng_test_rand_clear(rs);
}

/* Degree 7 in a: a promised bound of 5 must fail (NG_ECOMPUTE, result zero),
 * a bound of 7 or 9 must succeed. */
static void test_planted_degree_bound(void **state)
{
    ng_ring_t R;
    ng_ptr f, res;
    slong vars[1] = {0};
    (void)state;
    ng_test_ring_init(R, NG_QQ_PARAMS);
    f = ng_vec_init(4, R);
    res = ng_vec_init(4, R);
    univariate_known(f, R);
    for (slong bound = 5; bound <= 9; bound += 2) {
        target_t T = {R, f, 4, vars, 1, 0, 0};
        ng_recon_t rec;
        ng_status st;
        ng_recon_init(rec, 1, 4, box_eval, &T);
        ng_recon_set_max_degree(rec, 0, bound);
        st = ng_recon_rational(res, rec, vars, R);
        if (bound < 7) {
            assert_int_equal(st, NG_ECOMPUTE);
            assert_non_null(strstr(ng_error_message(), "fresh point"));
            assert_true(ng_elem_is_exact_zero(ng_vec_srcentry(res, 0, R), R));
        } else {
            assert_int_equal(st, NG_OK);
            assert_true(ng_elem_equal(ng_vec_srcentry(res, 0, R),
                                      ng_vec_srcentry(f, 0, R), R) == T_TRUE);
        }
        ng_recon_clear(rec);
    }
    ng_vec_clear(f, 4, R);
    ng_vec_clear(res, 4, R);
    ng_ring_clear(R);
}

/* Even functions of a, reconstructed in a² (half the samples); the promise
 * is checked: claimed for a function with an odd part, it fails. */
static void even_targets(ng_ptr g, int odd, const ng_ring_t R)
{
    ng_ptr a2 = ng_elem_new(R), b = ng_elem_new(R), n = ng_elem_new(R),
           d = ng_elem_new(R);
    ng_elem_gen(a2, 0, R);
    ng_elem_mul(a2, a2, a2, R);
    ng_elem_gen(b, 1, R);
    ng_elem_add(n, a2, b, R);  /* a² + b */
    ng_elem_mul(d, a2, a2, R); /* a⁴ + 2b + 5 */
    ng_elem_addmul(d, b, ng_vec_srcentry(g, 2, R), R);
    ng_elem_div(ng_vec_entry(g, 0, R), n, d, R);
    ng_elem_mul(n, a2, b, R); /* (a²b − 1/3)(1 + odd·a) */
    ng_elem_set_si(d, 1, R);
    ng_elem_div_si(d, d, 3, R);
    ng_elem_sub(n, n, d, R);
    ng_elem_gen(d, 0, R);
    ng_elem_mul_si(d, d, odd, R);
    ng_elem_set_si(b, 1, R);
    ng_elem_add(d, d, b, R);
    ng_elem_mul(ng_vec_entry(g, 1, R), n, d, R);
    ng_elem_free(a2, R);
    ng_elem_free(b, R);
    ng_elem_free(n, R);
    ng_elem_free(d, R);
}

static void test_even_variable(void **state)
{
    ng_ring_t R;
    ng_ptr g, res;
    slong vars[2] = {0, 1};
    (void)state;
    ng_test_ring_init(R, NG_QQ_PARAMS);
    g = ng_vec_init(4, R);
    res = ng_vec_init(4, R);
    for (int odd = 0; odd < 2; odd++) {
        target_t T = {R, g, 4, vars, 2, 0, 0};
        ng_recon_t rec;
        ng_status st;
        ng_elem_set_si(ng_vec_entry(g, 2, R), 2, R); /* used by even_targets, then kept */
        ng_elem_zero(ng_vec_entry(g, 3, R), R);
        even_targets(g, odd, R);
        ng_recon_init(rec, 2, 4, box_eval, &T);
        ng_recon_set_even(rec, 0);
        st = ng_recon_rational(res, rec, vars, R);
        if (odd) {
            assert_int_equal(st, NG_ECOMPUTE);
        } else {
            assert_int_equal(st, NG_OK);
            for (slong o = 0; o < 4; o++)
                assert_true(ng_elem_equal(ng_vec_srcentry(res, o, R),
                                          ng_vec_srcentry(g, o, R), R) == T_TRUE);
        }
        ng_recon_clear(rec);
    }
    ng_vec_clear(g, 4, R);
    ng_vec_clear(res, 4, R);
    ng_ring_clear(R);
}

/* Substituting every variable one at a time equals evaluating at once. */
static void test_substitute_vs_evaluate(void **state)
{
    flint_rand_t rs;
    ng_ring_t R;
    (void)state;
    ng_test_rand_init(rs);
    ng_test_ring_init(R, NG_QQ_PARAMS);
    for (slong it = 0; it < ng_test_iters(50); it++) {
        ng_ptr f = ng_elem_new(R), g = ng_elem_new(R);
        fmpq *v = _fmpq_vec_init(3);
        fmpq_t a, b;
        int ok1, ok2 = 1;
        fmpq_init(a);
        fmpq_init(b);
        ng_elem_randtest(f, rs, R);
        for (slong i = 0; i < 3; i++)
            fmpq_randtest(v + i, rs, 8);
        ok1 = ng_elem_evaluate_fmpq(a, f, v, R);
        ng_elem_set(g, f, R);
        for (slong i = 0; i < 3 && ok2; i++)
            ok2 = ng_elem_substitute_fmpq(g, g, i, v + i, R);
        if (ok1 && ok2) {
            assert_true(ng_elem_get_fmpq(b, g, R));
            assert_true(fmpq_equal(a, b));
        }
        fmpq_clear(a);
        fmpq_clear(b);
        _fmpq_vec_clear(v, 3);
        ng_elem_free(f, R);
        ng_elem_free(g, R);
    }
    ng_ring_clear(R);
    ng_test_rand_clear(rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_univariate),
        cmocka_unit_test(test_multivariate_random),
        cmocka_unit_test(test_planted_degree_bound),
        cmocka_unit_test(test_cost_estimate),
        cmocka_unit_test(test_even_variable),
        cmocka_unit_test(test_substitute_vs_evaluate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
