/* The LaTeX line breaker (emit.h): long sums are broken only at top-level
 * signs, never inside braces or \left…\right, and every line but one-term
 * lines stays within the width asked for. */
#include "ng_test.h"

#include <stdlib.h>
#include <string.h>

#include "nessgen/emit.h"

static char *broken(const char *s, double width)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ng_latex_write_broken(f, s, width, "|");
    fclose(f);
    return buf;
}

static void test_width(void **state)
{
    (void)state;
    /* commands that print nothing count nothing; subscripts count less */
    assert_true(ng_latex_width("\\mathrm{B}") == ng_latex_width("B"));
    assert_true(ng_latex_width("x_{abc}") < ng_latex_width("xabc"));
    /* a fraction counts its wider part */
    assert_true(ng_latex_width("\\frac{abcd}{e}") < ng_latex_width("abcde"));
    assert_true(ng_latex_width("\\frac{abcd}{e}") >= ng_latex_width("abcd"));
}

static void test_breaks(void **state)
{
    const char *s = "a_{1} + b_{2} - \\left(c + d\\right) + e^{x + y} + f + g + h";
    char *out, *line, *save = NULL;
    (void)state;
    /* wide enough: unchanged */
    out = broken(s, 1000);
    assert_string_equal(out, s);
    free(out);
    /* narrow: broken at top-level signs only, each line within the width
     * unless it is a single term */
    out = broken(s, 6);
    assert_non_null(strchr(out, '|'));
    assert_null(strstr(out, "c |+"));  /* not inside \left( … \right) */
    assert_null(strstr(out, "x |+"));  /* not inside a superscript */
    for (line = strtok_r(out, "|", &save); line != NULL; line = strtok_r(NULL, "|", &save)) {
        const char *body = line[0] == ' ' ? line + 3 : line; /* " + term" */
        if (strstr(body, " + ") != NULL || strstr(body, " - ") != NULL)
            assert_true(ng_latex_width(line) <= 6 + 1e-9 ||
                        strstr(body, "\\left") != NULL || strstr(body, "^{") != NULL);
    }
    free(out);
    /* the text is kept: removing the break marks gives it back */
    out = broken(s, 6);
    {
        char *w = out, *r = out;
        for (; *r; r++)
            if (*r != '|')
                *w++ = *r;
        *w = '\0';
    }
    assert_string_equal(out, s);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_breaks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
