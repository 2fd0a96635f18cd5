/* ng_cli_run (cli.h): a command run in-process returns the exit status and
 * the program's stdout and stderr in memory, leaves the process's streams as
 * they were, and repeated calls (a failed parse among them) do not disturb
 * each other.  In the unit suite so that it runs under ASan and valgrind. */
#include "ng_test.h"

#include <string.h>

#include "nessgen/nessgen.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int run(char **out, char **err, int argc, const char *const *argv)
{
    FILE *saved_out = stdout, *saved_err = stderr;
    int status = ng_cli_run(argc, argv, out, err);
    assert_ptr_equal(stdout, saved_out);
    assert_ptr_equal(stderr, saved_err);
    assert_non_null(*out);
    assert_non_null(*err);
    return status;
}

static void test_document_in_memory(void **state)
{
    const char *argv[] = {"nessgen", "kernel", "--N", "2", "--format", "json"};
    char *out, *err, *again, *err2;
    (void)state;
    assert_int_equal(run(&out, &err, ARGC(argv), argv), 0);
    /* Ker L0 for N = 2 has dimension C(4,2) = 6 (Sect. IV A) */
    assert_non_null(strstr(out, "\"command\": \"kernel\""));
    assert_non_null(strstr(out, "\"dim\": 6"));
    assert_string_equal(err, "");
    assert_int_equal(run(&again, &err2, ARGC(argv), argv), 0);
    assert_string_equal(out, again); /* the same document twice */
    ng_cli_free(out);
    ng_cli_free(err);
    ng_cli_free(again);
    ng_cli_free(err2);
}

static void test_failure_status_and_message(void **state)
{
    const char *bad_n[] = {"nessgen", "rho0", "--N", "0"};
    const char *unknown[] = {"nessgen", "frobnicate"};
    char *out, *err;
    (void)state;
    assert_int_equal(run(&out, &err, ARGC(bad_n), bad_n), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "nessgen rho0: --N: expected an integer from 1 to 64, got 0"));
    ng_cli_free(out);
    ng_cli_free(err);
    assert_int_equal(run(&out, &err, ARGC(unknown), unknown), 2);
    assert_non_null(strstr(err, "unknown command 'frobnicate'"));
    ng_cli_free(out);
    ng_cli_free(err);
}

/* getopt's state is process-wide: a parse abandoned in the middle of a
 * cluster of short options must not leak into the next call. */
static void test_abandoned_parse(void **state)
{
    const char *cluster[] = {"nessgen", "kernel", "-qz"};
    const char *good[] = {"nessgen", "kernel", "--N", "3"};
    char *out, *err;
    (void)state;
    assert_int_equal(run(&out, &err, ARGC(cluster), cluster), 2);
    ng_cli_free(out);
    ng_cli_free(err);
    assert_int_equal(run(&out, &err, ARGC(good), good), 0);
    assert_non_null(strstr(out, "Ker L0 for N = 3: dim = 20")); /* C(6,3) */
    ng_cli_free(out);
    ng_cli_free(err);
}

static void test_help_and_version(void **state)
{
    const char *version[] = {"nessgen", "--version"};
    const char *help[] = {"nessgen", "rho0", "--help"};
    char *out, *err;
    (void)state;
    assert_int_equal(run(&out, &err, ARGC(version), version), 0);
    assert_string_equal(out, "nessgen " NESSGEN_VERSION "\n");
    ng_cli_free(out);
    ng_cli_free(err);
    assert_int_equal(run(&out, &err, ARGC(help), help), 0);
    assert_non_null(strstr(out, "Usage: nessgen rho0"));
    ng_cli_free(out);
    ng_cli_free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_in_memory),
        cmocka_unit_test(test_failure_status_and_message),
        cmocka_unit_test(test_abandoned_parse),
        cmocka_unit_test(test_help_and_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
