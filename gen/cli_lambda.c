/* --lambda: each item an expression of nessgen's parser, read exactly as
 * typed (1e-8 is 10^-8, not the double nearest to it), as a ball or as the
 * double the full-Liouvillian solver works with (ness, figure). */
#include <math.h>
#include <string.h>

#include "cli.h"

static int usage(const char *command, const char *msg, const char *arg)
{
    fprintf(stderr, "nessgen %s: %s%s%s\nTry 'nessgen %s --help'.\n", command, msg,
            arg ? " " : "", arg ? arg : "", command);
    return CLI_EUSAGE;
}

int cli_lambda_ball(const char *command, arb_t lam, const char *tok, slong prec)
{
    ng_expr *e;
    ng_ring_t R;
    ng_status st;
    ng_ptr v;
    if (ng_expr_parse(&e, tok, "--lambda") != NG_OK) {
        fprintf(stderr, "nessgen %s: %s\n", command, ng_error_message());
        return CLI_EUSAGE;
    }
    ng_ring_init_ball(R, prec);
    v = ng_elem_new(R);
    st = ng_expr_eval(v, e, R);
    if (st == NG_OK && !ng_elem_get_arb(lam, v, prec, R))
        st = ng_error(NG_EINPUT, "--lambda: %s is not a number", tok);
    ng_elem_free(v, R);
    ng_ring_clear(R);
    ng_expr_free(e);
    if (st != NG_OK) {
        fprintf(stderr, "nessgen %s: %s\n", command, ng_error_message());
        return st == NG_EINPUT ? CLI_EUSAGE : CLI_ECOMPUTE;
    }
    return CLI_OK;
}

/* One λ of the list as a double: positive, and inside the double range the
 * solver works in. */
static int parse_one_lambda(const char *command, double *lam, const char *tok)
{
    arb_t a;
    int rc;
    arb_init(a);
    rc = cli_lambda_ball(command, a, tok, 128);
    if (rc == CLI_OK) {
        int positive = arb_is_positive(a);
        *lam = arf_get_d(arb_midref(a), ARF_RND_NEAR);
        if (!positive) {
            rc = usage(command, "--lambda: expected numbers > 0, got", tok);
        } else if (!(*lam > 0.0) || !isfinite(*lam)) {
            char msg[256];
            snprintf(msg, sizeof msg, "--lambda: %.60s is outside the range of double "
                     "precision (about 1e-308 to 1e308) in which ness solves", tok);
            rc = usage(command, msg, NULL);
        }
    }
    arb_clear(a);
    return rc;
}

/* A comma-separated list; an empty item is an error. */
int cli_lambda_list(const cli_t *cli, double *lam, int *n, int max)
{
    char buf[4096];
    const char *text = cli->lambda, *p = text;
    *n = 0;
    if (strlen(text) >= sizeof buf)
        return usage(cli->command, "--lambda: list too long", NULL);
    for (;;) {
        size_t len = strcspn(p, ",");
        int status;
        if (*n == max) {
            snprintf(buf, sizeof buf, "--lambda: at most %d values", max);
            return usage(cli->command, buf, NULL);
        }
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (strspn(buf, " \t") == len) {
            snprintf(buf, sizeof buf, "--lambda: item %d of '%.3000s' is empty; expected "
                     "numbers > 0 separated by commas", *n + 1, text);
            return usage(cli->command, buf, NULL);
        }
        status = parse_one_lambda(cli->command, lam + *n, buf);
        if (status != CLI_OK)
            return status;
        (*n)++;
        if (p[len] == '\0')
            return CLI_OK;
        p += len + 1;
    }
}
