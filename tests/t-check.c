/* The CSV reader and the analysis of `nessgen check` (check.h): accepted and
 * refused inputs with their messages, mutations of a good file that must be
 * read or refused but never crash, and the verdict on the engine's own
 * series (consistent) and on shifted data (inconsistent). */
#include "ng_test.h"

#include <math.h>
#include <string.h>

#include "nessgen/check.h"
#include "nessgen/engine.h"

static ng_status read_str(ng_check_data_t D, const char *s)
{
    return ng_check_read_csv(D, s, strlen(s), "in.csv");
}

static void expect_error(const char *csv, const char *msg)
{
    ng_check_data_t D;
    ng_status st = read_str(D, csv);
    if (st != NG_EINPUT || strstr(ng_error_message(), msg) == NULL)
        print_error("input:\n%s\nstatus %d, message '%s', expected '%s'\n", csv, (int)st,
                    ng_error_message(), msg);
    assert_int_equal(st, NG_EINPUT);
    assert_non_null(strstr(ng_error_message(), msg));
    assert_int_equal(D->n, 0);
    assert_null(D->points);
}

static void test_accept(void **state)
{
    ng_check_data_t D;
    (void)state;
    /* any column order, extra columns ignored, comments, blank lines, CRLF */
    assert_int_equal(read_str(D, "# made by hand\r\nsite , t, lambda,other\r\n2,0.5,1e-2,\r\n"
                                 "\r\n1,-0.25,0.01,x\r\n1,0.125,0.1,y\n"),
                     NG_OK);
    assert_int_equal(D->n, 3);
    assert_int_equal(D->quantity, NG_CHECK_T);
    assert_int_equal(D->max_site, 2);
    assert_int_equal(D->nignored, 1);
    /* sorted by site, then λ decreasing */
    assert_int_equal(D->points[0].site, 1);
    assert_true(D->points[0].lambda == 0.1);
    assert_true(D->points[1].value == -0.25);
    assert_int_equal(D->points[1].line, 5);
    assert_int_equal(D->points[2].site, 2);
    ng_check_data_clear(D);
    /* t is preferred over T over sz when several are present */
    assert_int_equal(read_str(D, "lambda,site,sz,T\n0.1,1,-0.5,2\n"), NG_OK);
    assert_int_equal(D->quantity, NG_CHECK_TEMPERATURE);
    assert_true(D->points[0].value == 2.0);
    ng_check_data_clear(D);
    assert_int_equal(read_str(D, "lambda,site,sz\n0.1,1,-0.5"), NG_OK);
    assert_int_equal(D->quantity, NG_CHECK_SZ);
    ng_check_data_clear(D);
    /* pandas' DataFrame.to_csv(): an unnamed index column first, NaN empty */
    assert_int_equal(read_str(D, ",lambda,site,t,rhoA\n0,0.1,1,0.5,0.25\n1,0.1,2,0.75,\n"),
                     NG_OK);
    assert_int_equal(D->n, 2);
    assert_int_equal(D->nignored, 2);
    assert_true(D->points[1].value == 0.75);
    ng_check_data_clear(D);
    /* ness writes a value with no supported digit as an empty field: skipped, counted */
    assert_int_equal(read_str(D, "lambda,site,t\n0.1,1,0.5\n0.1,2,\n0.2,2,0.25\n"), NG_OK);
    assert_int_equal(D->n, 2);
    assert_int_equal(D->nempty, 1);
    assert_true(D->points[1].value == 0.25);
    ng_check_data_clear(D);
}

static void test_refuse(void **state)
{
    (void)state;
    expect_error("lambda,site,t\n0.1,1,\n", "a header but no rows with a value");
    expect_error("", "empty");
    expect_error("# only a comment\n\n", "empty");
    expect_error("lambda,site,t\n", "a header but no rows");
    expect_error("lambda,site\n0.1,1\n", "line 1: expected a header");
    expect_error("lambda,site,t,t\n0.1,1,0.5,0.5\n", "line 1: column 't' appears twice");
    expect_error("lambda,,t\n", "line 1: header column 2 is empty");
    expect_error("lambda,site,t\n0.1,1\n", "line 2: 2 fields, the header has 3");
    expect_error("lambda,site,t\n0.1,1,0.5,7\n", "line 2: 4 fields, the header has 3");
    expect_error("lambda,site,t\n0,1,0.5\n", "line 2, column 'lambda': expected a number > 0");
    expect_error("lambda,site,t\ninf,1,0.5\n", "column 'lambda'");
    expect_error("lambda,site,t\n1e999,1,0.5\n", "column 'lambda'");
    expect_error("lambda,site,t\n0x10,1,0.5\n", "column 'lambda'");
    expect_error("lambda,site,t\n0.1,65,0.5\n", "line 2, column 'site': expected an integer");
    expect_error("lambda,site,t\n0.1,1.0,0.5\n", "column 'site'");
    expect_error("lambda,site,t\n0.1,-1,0.5\n", "column 'site'");
    expect_error("lambda,site,t\n0.1,1,-1.5\n", "expected a value in [-1, 1]");
    expect_error("lambda,site,sz\n0.1,1,nan\n", "column 'sz': expected a number");
    expect_error("lambda,site,T\n0.1,1,0\n", "expected a nonzero temperature");
    expect_error("lambda,site,t\n0.1,1,0.5\n0.10,1,0.5\n", "lines 2 and 3: site 1 at lambda");
    expect_error("lambda,site,t\n'0.1',1,0.5\n", "column 'lambda'");
    expect_error("lambda,site,t\n\"0.1\",1,0.5\n", "line 2: quoted fields");
    {
        static const char nul[] = "lambda,site,t\n0.1,1\0,0.5\n";
        ng_check_data_t D;
        assert_int_equal(ng_check_read_csv(D, nul, sizeof nul - 1, "in.csv"), NG_EINPUT);
        assert_non_null(strstr(ng_error_message(), "NUL byte"));
    }
    {
        /* more columns than the reader takes */
        char buf[400] = "lambda,site,t";
        ng_check_data_t D;
        for (int k = 0; k < 70; k++)
            strcat(buf, ",x");
        assert_int_equal(read_str(D, buf), NG_EINPUT);
        assert_non_null(strstr(ng_error_message(), "more than 64 columns"));
    }
}

/* Random mutations and truncations of a good file: each is read or refused
 * cleanly (under ASan/valgrind in CI: no out-of-bounds access, no leak). */
static void test_mutations(void **state)
{
    static const char good[] = "lambda,site,t,T\n0.1,1,0.7,1.1\n0.1,2,0.72,1.09\n# c\n"
                               "0.01,1,0.76,1.005\r\n0.01,2,0.776,0.966\n";
    static const char alphabet[] = ",\n\r#\" .-+eE0123456789tTsz\tx\0";
    flint_rand_t rs;
    slong iters = ng_test_iters(20000);
    char buf[256];
    (void)state;
    ng_test_rand_init(rs);
    for (slong it = 0; it < iters; it++) {
        size_t len = sizeof good - 1, edits = 1 + n_randint(rs, 6);
        ng_check_data_t D;
        ng_status st;
        memcpy(buf, good, len);
        for (size_t e = 0; e < edits; e++) {
            size_t at = n_randint(rs, len + 1);
            switch (n_randint(rs, 4)) {
            case 0: /* replace */
                if (at < len)
                    buf[at] = alphabet[n_randint(rs, sizeof alphabet)];
                break;
            case 1: /* insert */
                if (len + 1 < sizeof buf) {
                    memmove(buf + at + 1, buf + at, len - at);
                    buf[at] = alphabet[n_randint(rs, sizeof alphabet)];
                    len++;
                }
                break;
            case 2: /* delete */
                if (at < len) {
                    memmove(buf + at, buf + at + 1, len - at - 1);
                    len--;
                }
                break;
            default: /* truncate */
                len = at;
            }
        }
        /* an exact-size heap copy, so ASan sees any read past the end */
        {
            char *exact = malloc(len ? len : 1);
            memcpy(exact, buf, len);
            st = ng_check_read_csv(D, exact, len, "mutated");
            free(exact);
        }
        assert_true(st == NG_OK || st == NG_EINPUT);
        if (st == NG_OK) {
            assert_true(D->n >= 1 && D->max_site >= 1 && D->max_site <= NG_MODEL_MAX_N);
            for (slong i = 0; i < D->n; i++)
                assert_true(isfinite(D->points[i].value) && D->points[i].lambda > 0);
        } else {
            assert_int_equal(D->n, 0);
        }
        ng_check_data_clear(D);
    }
    ng_test_rand_clear(rs);
}

static void model(ng_model_t M, int N)
{
    ng_model_spec *spec = ng_model_spec_new();
    char buf[8];
    snprintf(buf, sizeof buf, "%d", N);
    assert_int_equal(ng_model_spec_set_preset(spec, "tilted-ising"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "N", buf), NG_OK);
    assert_int_equal(ng_model_resolve(M, spec, 128), NG_OK);
    ng_model_spec_free(spec);
}

/* Data made from the series itself, t0 + λt1 + λ²t2, are consistent with
 * fitted orders 1 and 2; shifting one point by 1e-4 at λ = 1e-3 is not. */
static void test_verdict(void **state)
{
    enum { N = 3 };
    static const double lam[3] = {0.01, 0.003, 0.001};
    ng_model_t M;
    ng_engine_series_t S;
    ng_engine_opts opts;
    double t[3][N];
    char csv[2048];
    (void)state;
    model(M, N);
    ng_engine_opts_init(&opts);
    assert_int_equal(ng_engine_series(S, M, 2, &opts), NG_OK);
    for (int m = 0; m < 3; m++)
        for (int l = 0; l < N; l++) {
            arb_t a;
            arb_init(a);
            ng_elem_get_arb(a, ng_vec_srcentry(S->obs[m].t, l, S->R), 128, S->R);
            t[m][l] = arf_get_d(arb_midref(a), ARF_RND_NEAR);
            arb_clear(a);
        }
    ng_engine_series_clear(S);
    for (int shift = 0; shift < 2; shift++) {
        ng_check_data_t D;
        ng_check_result_t res;
        size_t len = (size_t)snprintf(csv, sizeof csv, "lambda,site,t\n");
        for (int k = 0; k < 3; k++)
            for (int l = 0; l < N; l++) {
                double v = t[0][l] + lam[k] * t[1][l] + lam[k] * lam[k] * t[2][l];
                if (shift && k == 2 && l == 1)
                    v += 1e-4;
                len += (size_t)snprintf(csv + len, sizeof csv - len, "%.17g,%d,%.17g\n", lam[k],
                                        l + 1, v);
            }
        assert_int_equal(ng_check_read_csv(D, csv, len, "series.csv"), NG_OK);
        assert_int_equal(ng_check_analyse(res, D, M), NG_OK);
        assert_int_equal(res->order, 1);
        if (!shift) {
            assert_int_equal(res->verdict, 1);
            for (int l = 0; l < N; l++) {
                assert_true(fabs(res->order0[l] - 1.0) < 0.1);
                assert_true(fabs(res->order1[l] - 2.0) < 0.05);
            }
        } else {
            assert_int_equal(res->verdict, 0);
            assert_non_null(strstr(res->reason, "site 2 at lambda = 0.001"));
        }
        ng_check_result_clear(res);
        ng_check_data_clear(D);
    }
    {
        /* a site beyond the model's N is an input error */
        ng_check_data_t D;
        ng_check_result_t res;
        assert_int_equal(read_str(D, "lambda,site,t\n0.01,4,0.5\n"), NG_OK);
        assert_int_equal(ng_check_analyse(res, D, M), NG_EINPUT);
        assert_non_null(strstr(ng_error_message(), "site 4 but the model has N = 3"));
        ng_check_data_clear(D);
    }
    ng_model_clear(M);
}

/* --observable columns: read, refused when missing or disagreeing within a λ,
 * and judged: values built as o0 + λo1 + λ²o2 pass, a shifted point fails,
 * and the fitted orders are 1 and 2 (the constructed data say so exactly). */
static void test_observable(void **state)
{
    static const char *const names[1] = {"obs1"};
    const double ref[3] = {0.25, -0.5, 2.0};
    char csv[2048];
    size_t len = 0;
    ng_check_data_t D;
    ng_check_obs_result_t r;
    (void)state;
    len += (size_t)snprintf(csv + len, sizeof csv - len, "lambda,site,t,obs1\n");
    for (int k = 0; k < 3; k++) {
        double lam = k == 0 ? 0.01 : k == 1 ? 0.005 : 0.002;
        double o = ref[0] + lam * ref[1] + lam * lam * ref[2];
        for (int site = 1; site <= 2; site++)
            len += (size_t)snprintf(csv + len, sizeof csv - len, "%.17g,%d,0.5,%.17g\n", lam,
                                    site, o);
    }
    assert_int_equal(ng_check_read_csv_extra(D, csv, len, "in.csv", names, 1), NG_OK);
    assert_int_equal(ng_check_analyse_observable(r, D, 0, ref, 1), NG_OK);
    assert_int_equal(r->nrows, 3);
    assert_int_equal(r->verdict, 1);
    assert_true(fabs(r->order0 - 1) < 0.05 && fabs(r->order1 - 2) < 1e-6);
    ng_check_obs_result_clear(r);
    /* the same data judged against a shifted reference: inconsistent */
    {
        const double off[3] = {0.25, -0.4, 2.0};
        assert_int_equal(ng_check_analyse_observable(r, D, 0, off, 1), NG_OK);
        assert_int_equal(r->verdict, 0);
        assert_non_null(strstr(r->reason, "INCONSISTENT"));
        ng_check_obs_result_clear(r);
    }
    ng_check_data_clear(D);
    /* a missing column, a non-number, two rows of one λ that disagree */
    {
        const char *none = "lambda,site,t\n0.01,1,0.5\n";
        assert_int_equal(ng_check_read_csv_extra(D, none, strlen(none), "in.csv", names, 1),
                         NG_EINPUT);
    }
    assert_non_null(strstr(ng_error_message(), "no column 'obs1'"));
    {
        const char *bad = "lambda,site,t,obs1\n0.01,1,0.5,abc\n";
        assert_int_equal(ng_check_read_csv_extra(D, bad, strlen(bad), "in.csv", names, 1),
                         NG_EINPUT);
        assert_non_null(strstr(ng_error_message(), "column 'obs1': expected a number"));
    }
    {
        const char *split = "lambda,site,t,obs1\n0.01,1,0.5,0.1\n0.01,2,0.5,0.2\n";
        assert_int_equal(ng_check_read_csv_extra(D, split, strlen(split), "in.csv", names, 1),
                         NG_OK);
        assert_int_equal(ng_check_analyse_observable(r, D, 0, ref, 1), NG_EINPUT);
        assert_non_null(strstr(ng_error_message(), "differs at lambda = 0.01"));
        ng_check_data_clear(D);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accept),
        cmocka_unit_test(test_refuse),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_verdict),
        cmocka_unit_test(test_observable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
