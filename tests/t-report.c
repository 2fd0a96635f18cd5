/* The report core (report.h): the (mid, rad) doubles of a ball contain the
 * exact value as real numbers and as a double reader computes the ends,
 * checked against exact rationals; shortest round-trip doubles; the JSON
 * forms of exact, ball, symbolic and non-numbers; the JSON writer against
 * jansson's own dump; provenance lines; a report object through each of the
 * four writers. */
#include "ng_test.h"

#include <math.h>
#include <string.h>

#include "nessgen/nessgen.h"

static void fmpq_set_double(fmpq_t q, double d)
{
    arf_t a;
    arf_init(a);
    arf_set_d(a, d);
    arf_get_fmpq(q, a);
    arf_clear(a);
}

/* The claim of report/mid_rad.c for the ball x around the exact value q. */
static void assert_encloses(const arb_t x, const fmpq_t q)
{
    double d, b;
    volatile double lo, hi;
    fmpq_t e, t;
    assert_true(ng_report_arb_get_mid_rad_d(&d, &b, x));
    assert_true(isfinite(d) && isfinite(b) && b >= 0);
    fmpq_init(e);
    fmpq_init(t);
    fmpq_set_double(e, d);
    fmpq_sub(e, e, q);
    fmpq_abs(e, e); /* |d - q| exactly */
    fmpq_set_double(t, b);
    if (fmpq_cmp(e, t) > 0) {
        flint_printf("q = "); fmpq_print(q); flint_printf("\nx = "); arb_printd(x, 40);
        flint_printf("\nmid = %.17g rad = %.17g\n", d, b);
    }
    assert_true(fmpq_cmp(e, t) <= 0); /* (a) */
    lo = d - b;
    hi = d + b;
    fmpq_set_double(t, lo);
    assert_true(fmpq_cmp(t, q) <= 0); /* (b) */
    fmpq_set_double(t, hi);
    assert_true(fmpq_cmp(t, q) >= 0);
    fmpq_clear(e);
    fmpq_clear(t);
}

/* The JSON text of x read back by a double parser gives the same doubles. */
static void assert_json_round_trip(const arb_t x)
{
    double d, b;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_t *j = ng_report_json_arb(x, 15, NULL, "x"), *r;
    assert_int_equal(ng_report_json_write(f, j), 0);
    fclose(f);
    r = json_loads(buf, JSON_DECODE_ANY, NULL);
    assert_non_null(r);
    assert_true(ng_report_arb_get_mid_rad_d(&d, &b, x));
    assert_true(json_number_value(json_object_get(r, "mid")) == d);
    assert_true(json_number_value(json_object_get(r, "rad")) == b);
    assert_true(json_is_string(json_object_get(r, "ball")));
    json_decref(j);
    json_decref(r);
    free(buf);
}

static void test_mid_rad_encloses(void **state)
{
    flint_rand_t rs;
    fmpq_t q;
    arb_t x, y;
    (void)state;
    ng_test_rand_init(rs);
    fmpq_init(q);
    arb_init(x);
    arb_init(y);
    for (slong iter = 0; iter < ng_test_iters(3000); iter++) {
        slong prec = 2 + n_randint(rs, 300), scale = (slong)n_randint(rs, 2000) - 1000;
        fmpq_randtest(q, rs, 1 + n_randint(rs, 200));
        if (fmpq_is_zero(q) && n_randint(rs, 2))
            fmpq_set_si(q, 1, 3);
        if (scale > 0)
            fmpq_mul_2exp(q, q, (ulong)scale % 900);
        else
            fmpq_div_2exp(q, q, (ulong)(-scale) % 900);
        switch (n_randint(rs, 3)) {
        case 0: /* a correctly rounded enclosure */
            arb_set_fmpq(x, q, prec);
            break;
        case 1: /* a wider one, midpoint moved within it */
            arb_set_fmpq(x, q, prec);
            arb_randtest(y, rs, prec, 4);
            arb_get_rad_arb(y, y);
            mag_mul_2exp_si(arb_radref(y), arb_radref(y), -(slong)n_randint(rs, 120));
            arb_add_error(x, y);
            arb_set_round(x, x, 2 + n_randint(rs, 80));
            break;
        default: /* very tight: the midpoint's rounding to a double dominates */
            arb_set_fmpq(x, q, 1000);
            break;
        }
        if (!arb_is_finite(x))
            continue;
        {
            double d, b;
            if (!ng_report_arb_get_mid_rad_d(&d, &b, x))
                continue; /* beyond the double range: reported, not bounded */
        }
        assert_encloses(x, q);
        if (iter % 10 == 0)
            assert_json_round_trip(x);
    }
    /* the case that needs the widening: 1/3 at 1000 bits has a radius of
     * 1e-301, its double midpoint is 1/3 - 1.85e-17 */
    fmpq_set_si(q, 1, 3);
    arb_set_fmpq(x, q, 1000);
    assert_encloses(x, q);
    /* an exact double stays exact */
    {
        double d, b;
        arb_set_d(x, 0.5);
        assert_true(ng_report_arb_get_mid_rad_d(&d, &b, x));
        assert_true(d == 0.5 && b == 0.0);
        /* beyond doubles: refused */
        arb_set_ui(x, 1);
        arb_mul_2exp_si(x, x, 5000);
        assert_false(ng_report_arb_get_mid_rad_d(&d, &b, x));
        arb_indeterminate(x);
        assert_false(ng_report_arb_get_mid_rad_d(&d, &b, x));
    }
    fmpq_clear(q);
    arb_clear(x);
    arb_clear(y);
    flint_randclear(rs);
}

static void test_double_str(void **state)
{
    char buf[NG_REPORT_DOUBLE_LEN];
    flint_rand_t rs;
    (void)state;
    assert_string_equal(ng_report_double_str(buf, 0.1), "0.1");
    assert_string_equal(ng_report_double_str(buf, 1e-10), "1e-10");
    assert_string_equal(ng_report_double_str(buf, -2.5), "-2.5");
    assert_string_equal(ng_report_double_str(buf, 1.0 / 3), "0.3333333333333333");
    assert_string_equal(ng_report_double_str(buf, NAN), "nan");
    ng_test_rand_init(rs);
    for (slong i = 0; i < ng_test_iters(2000); i++) {
        double x = d_randtest(rs) * ldexp(1.0, (int)n_randint(rs, 200) - 100);
        assert_true(strtod(ng_report_double_str(buf, x), NULL) == x);
    }
    flint_randclear(rs);
}

static char *written(const json_t *j)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(ng_report_json_write(f, j), 0);
    fclose(f);
    return buf;
}

static void test_json_forms(void **state)
{
    ng_ring_t Q, B, P;
    ng_ptr x;
    json_t *j, *w = json_array();
    char *s;
    const char *names[] = {"a", "b"};
    (void)state;
    ng_ring_init_qq(Q);
    ng_ring_init_ball(B, 128);
    ng_ring_init_params(P, names, 2);
    /* an exact rational: a ball and "exact" */
    x = ng_elem_new(Q);
    ng_elem_set_si(x, 1, Q);
    ng_elem_div_si(x, x, 3, Q);
    j = ng_report_json_elem(x, 15, Q, w, "q");
    assert_string_equal(json_string_value(json_object_get(j, "exact")), "1/3");
    assert_true(json_real_value(json_object_get(j, "rad")) > 0);
    assert_non_null(strstr(json_string_value(json_object_get(j, "ball")), "0.333333333333333"));
    json_decref(j);
    ng_elem_free(x, Q);
    /* a ball: no "exact" */
    x = ng_elem_new(B);
    arb_const_pi((arb_ptr)x, 128);
    j = ng_report_json_elem(x, 15, B, w, "pi");
    assert_null(json_object_get(j, "exact"));
    assert_true(fabs(json_real_value(json_object_get(j, "mid")) - 3.141592653589793) == 0);
    /* every certified digit: 128 bits are about 38 digits */
    assert_true(strlen(json_string_value(json_object_get(j, "ball"))) > 35);
    json_decref(j);
    ng_elem_free(x, B);
    /* a rational function: {"exact"} alone */
    x = ng_elem_new(P);
    ng_elem_gen(x, 0, P);
    j = ng_report_json_elem(x, 15, P, w, "a");
    assert_int_equal(json_object_size(j), 1);
    assert_string_equal(json_string_value(json_object_get(j, "exact")), "a");
    json_decref(j);
    ng_elem_free(x, P);
    /* doubles; a NaN is null plus a warning naming it */
    assert_int_equal(json_array_size(w), 0);
    j = ng_report_json_double(NAN, w, "T_3");
    assert_true(json_is_null(j));
    assert_int_equal(json_array_size(w), 1);
    assert_non_null(strstr(json_string_value(json_array_get(w, 0)), "T_3"));
    j = ng_report_json_double(0.1, w, "lambda");
    s = written(j);
    assert_string_equal(s, "0.1\n");
    free(s);
    json_decref(j);
    j = json_real(2.0);
    s = written(j);
    assert_string_equal(s, "2.0\n");
    free(s);
    json_decref(j);
    json_decref(w);
    ng_ring_clear(Q);
    ng_ring_clear(B);
    ng_ring_clear(P);
}

/* Without reals the writer's layout is jansson's JSON_INDENT(2). */
static void test_json_writer(void **state)
{
    json_t *doc = ng_report_json_document("rho0", "nessgen rho0 --N 3", NULL);
    char *a, *b;
    (void)state;
    json_object_set_new(doc, "sites", json_pack("[{s:i,s:[],s:{}},{s:s,s:b,s:n}]", "site", 1,
                                                "e", "o", "k", "q\"\\\n\u00e9", "t", 1, "T"));
    json_array_append_new(ng_report_json_warnings(doc), json_string("w"));
    a = written(doc);
    b = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    assert_non_null(b);
    assert_int_equal(strncmp(a, b, strlen(b)), 0);
    assert_string_equal(a + strlen(b), "\n");
    /* the envelope's keys, in order */
    assert_non_null(strstr(a, "\"command\": \"rho0\",\n  \"nessgen_version\""));
    assert_non_null(strstr(a, "\"schema_version\": \"" NG_REPORT_SCHEMA_VERSION "\""));
    free(a);
    free(b);
    json_decref(doc);
}

static void test_provenance_and_latex(void **state)
{
    char *buf = NULL, *s;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    arb_t x;
    (void)state;
    ng_report_provenance(f, NG_REPORT_COMMENT_HTML, "nessgen hierarchy");
    fclose(f);
    assert_string_equal(buf, "<!-- Generated by nessgen " NESSGEN_VERSION
                             " -- do not edit. -->\n<!-- Regenerate with: nessgen hierarchy -->\n");
    free(buf);
    /* a command line cannot close the HTML comment: its "-->" becomes "--&gt;" */
    buf = NULL;
    f = open_memstream(&buf, &len);
    ng_report_provenance(f, NG_REPORT_COMMENT_HTML, "nessgen hierarchy compare -o 'a-->b'");
    fclose(f);
    assert_non_null(strstr(buf, "\n<!-- Regenerate with: nessgen hierarchy compare -o "
                                "'a--&gt;b' -->\n"));
    free(buf);
    s = ng_report_latex_double(2.5e-7);
    assert_string_equal(s, "2.5 \\times 10^{-7}");
    flint_free(s);
    arb_init(x);
    arb_set_d(x, 0.125);
    s = ng_report_latex_arb(x, 2);
    assert_string_equal(s, "0.13"); /* halves away from zero */
    flint_free(s);
    arb_clear(x);
}

/* What one writer makes of a report, as a string. */
static char *report_as(const ng_report_t rep, ng_report_format f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(ng_report_write(out, rep, f, 0), 0);
    fclose(out);
    return buf;
}

/* A small report: a value run, a site table and a bond table joined in the
 * CSV, a list of two groups, a note, a NaN. */
static void small_report(ng_report_t rep, const ng_ring_t Q)
{
    ng_ptr x = ng_elem_new(Q);
    ng_report_table_t *T;
    ng_report_node *n;
    ng_report_init(rep, "demo", "nessgen demo", NULL, 5);
    ng_report_title(rep, "demo", "Demo");
    ng_report_note(rep, NG_REPORT_LATEX, "Prose.\n");
    ng_report_int(rep, "N", "N", "N", 2);
    ng_report_node_flags(ng_report_double(rep, "x", "x value", "x", 0.5),
                         NG_REPORT_LATEX_SAME_ROW);
    ng_report_double(rep, "bad", "bad", NULL, NAN);
    ng_report_warning(rep, "stated %d", 1);
    n = ng_report_double(rep, "lambda", NULL, NULL, 0.1);
    ng_report_node_formats(n, NG_REPORT_CSV);
    ng_report_node_csv(n, "lambda");
    T = ng_report_table(rep, "sites", NULL, NULL);
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN);
    ng_report_column(T, "site", "site", "$l$");
    ng_report_column(T, "t", "t", "$t_l$");
    for (int l = 1; l <= 2; l++) {
        ng_elem_set_si(x, l, Q);
        ng_elem_div_si(x, x, 3, Q);
        ng_report_row(T);
        ng_report_cell_int(T, l);
        ng_report_cell_elem(T, x, Q);
    }
    T = ng_report_table(rep, "bonds", NULL, NULL);
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN | NG_REPORT_LATEX_CONTINUE);
    ng_report_column(T, "sites", "bond", "$(l,l+1)$");
    ng_report_column(T, "q", "q", "$q$");
    ng_report_column_ball(T);
    ng_report_row(T);
    ng_report_cell_bond(T, 1, 2);
    ng_report_cell_none(T, NULL);
    n = ng_report_int(rep, "k", NULL, NULL, 7);
    ng_report_node_formats(n, NG_REPORT_CSV | NG_REPORT_JSON);
    ng_report_node_csv(n, "k");
    ng_report_begin_list(rep, "results");
    for (int r = 0; r < 2; r++) {
        ng_report_begin_group(rep, NULL, "== group ==\n", NULL);
        ng_report_int(rep, "r", "r", NULL, r);
        ng_report_end(rep);
    }
    ng_report_end(rep);
    ng_elem_free(x, Q);
}

static void test_report_writers(void **state)
{
    ng_ring_t Q;
    ng_report_t rep;
    json_t *doc;
    char *s;
    (void)state;
    ng_ring_init_qq(Q);
    small_report(rep, Q);
    /* JSON: the envelope, values, tables as arrays of objects, a bond as
     * [l, m], a list of objects; the NaN is null with a warning; no prose */
    doc = ng_report_to_json(rep);
    assert_string_equal(json_string_value(json_object_get(doc, "command")), "demo");
    assert_int_equal(json_integer_value(json_object_get(doc, "N")), 2);
    assert_true(json_is_null(json_object_get(doc, "bad")));
    /* the stated warning, then the NaN's */
    assert_int_equal(json_array_size(json_object_get(doc, "warnings")), 2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(doc, "warnings"), 1)),
                        "bad: not a number (NaN)");
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(json_array_get(json_object_get(doc, "sites"), 1),
                                            "t"),
                            "exact")),
                        "2/3");
    assert_int_equal(json_integer_value(json_array_get(
                         json_object_get(json_array_get(json_object_get(doc, "bonds"), 0),
                                         "sites"),
                         1)),
                     2);
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 2);
    assert_null(json_object_get(doc, "lambda")); /* CSV only */
    json_decref(doc);
    /* CSV: lambda before the join, k after; the bond (1,2) on site 1; the
     * declared ball column q is two fields, empty.  rad of an exact p/q is
     * |p/q - mid| + 2^(k-53) (report/mid_rad.c): 1/3 - d = 2^-54/3 plus
     * 2^-53 = 1.2952601953960160e-16; 2/3: twice that (k = 1). */
    s = report_as(rep, NG_REPORT_CSV);
    assert_string_equal(s, "lambda,site,t_mid,t_rad,q_mid,q_rad,k\n"
                           "0.1,1,0.3333333333333333,1.295260195396016e-16,,,7\n"
                           "0.1,2,0.6666666666666666,2.590520390792032e-16,,,7\n");
    free(s);
    /* LaTeX: the note, the value run as one align* (x on N's row), the two
     * tables in one tabular, the warning stated */
    s = report_as(rep, NG_REPORT_LATEX);
    assert_non_null(strstr(s, "Prose.\n\\begin{align*}\nN &= 2, & x &= 0.5.\n\\end{align*}\n"));
    assert_non_null(strstr(s, "\\begin{tabular}{rl}\n\\hline\n$l$ & $t_l$ \\\\\n\\hline\n"
                              "1 & $\\displaystyle \\frac{1}{3}$ \\\\\n"
                              "2 & $\\displaystyle \\frac{2}{3}$ \\\\\n\\hline\n"
                              "$(l,l+1)$ & $q$ \\\\\n\\hline\n$(1,2)$ & \\\\\n\\hline\n"
                              "\\end{tabular}"));
    assert_non_null(strstr(s, "\\paragraph{Warning.} stated 1\n"));
    assert_null(strstr(s, "group"));
    free(s);
    /* text: labels aligned on "=", columns padded, headings, the warning */
    s = report_as(rep, NG_REPORT_TEXT);
    assert_non_null(strstr(s, "demo\nN       = 2\nx value = 0.5\nbad     = nan\n"));
    assert_non_null(strstr(s, "  site  t\n  1     1/3\n  2     2/3\n"));
    assert_non_null(strstr(s, "== group ==\nr = 1\n"));
    assert_non_null(strstr(s, "warning: stated 1\n"));
    assert_null(strstr(s, "Prose"));
    free(s);
    ng_report_clear(rep);
    ng_report_clear(rep); /* clear is safe after clear (FLINT's rule) */
    ng_ring_clear(Q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mid_rad_encloses), cmocka_unit_test(test_double_str),
        cmocka_unit_test(test_json_forms), cmocka_unit_test(test_json_writer),
        cmocka_unit_test(test_provenance_and_latex), cmocka_unit_test(test_report_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
