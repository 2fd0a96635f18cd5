/* Values of `nessgen ness` (doubles) printed with the digits their own error
 * estimates support (ng_ness_obs_err_t, src/numerics/obs_error.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_ness_digits.h"

#define NESS_DIGITS 10 /* as gen/cmd_ness.c: at most this many in text */

/* A value with its own error estimate (ng_ness_obs_err_t): only the digits
 * the estimate supports (at most cap), none (NULL / null / empty) if it
 * supports no digit. */
static int shown_digits(double v, double err, int cap)
{
    int d = ng_ness_digits(v, err);
    return d < cap ? d : cap;
}

double cli_ness_rounded(double v, double err)
{
    char buf[64];
    int d = shown_digits(v, err, 17);
    if (d == 0)
        return NAN;
    snprintf(buf, sizeof buf, "%.*e", d - 1, v);
    return strtod(buf, NULL);
}

json_t *cli_ness_jval(double v, double err)
{
    double r = cli_ness_rounded(v, err);
    return isnan(r) ? json_null() : json_real(r);
}

void cli_ness_put_val(FILE *out, const char *fmt_width, double v, double err)
{
    char buf[64];
    int d = shown_digits(v, err, NESS_DIGITS);
    if (d == 0)
        snprintf(buf, sizeof buf, "noise");
    else
        snprintf(buf, sizeof buf, "%.*g", d, v);
    fprintf(out, fmt_width, buf);
}

/* Appends name to the list of values without a supported digit. */
static void note_noise(char *buf, size_t len, int *count, const char *name, double v,
                       double err)
{
    size_t at = strlen(buf);
    if (ng_ness_digits(v, err) > 0)
        return;
    (*count)++;
    if (at + 40 < len)
        snprintf(buf + at, len - at, "%s%s", *count > 1 ? ", " : "", name);
}

/* The values printed that no digit supports, as "t_1, <B(1,2)>, …"; the
 * number of those and of all values printed. */
int cli_ness_noise_list(char *buf, size_t len, int *total, const ng_ness_obs_t O,
                      const ng_ness_obs_err_t E)
{
    int N = O->N, count = 0;
    char name[48];
    buf[0] = '\0';
    *total = 2 * N + 2 * (N - 1) + 2 * (N - 2) + 2;
    for (int l = 0; l < N; l++) {
        snprintf(name, sizeof name, "t_%d", l + 1);
        note_noise(buf, len, &count, name, O->t[l], E->t[l]);
        snprintf(name, sizeof name, "T_%d", l + 1);
        note_noise(buf, len, &count, name, O->T[l], E->T[l]);
    }
    for (int l = 0; l + 1 < N; l++) {
        snprintf(name, sizeof name, "<A(%d,%d)>", l + 1, l + 2);
        note_noise(buf, len, &count, name, O->rhoA[l], E->rhoA[l]);
        snprintf(name, sizeof name, "<B(%d,%d)>", l + 1, l + 2);
        note_noise(buf, len, &count, name, O->rhoB[l], E->rhoB[l]);
    }
    for (int l = 2; l < N; l++) {
        snprintf(name, sizeof name, "<Z%d A(%d,%d)>", l - 1, l, l + 1);
        note_noise(buf, len, &count, name, O->zA[l - 2], E->zA[l - 2]);
        snprintf(name, sizeof name, "<A(%d,%d) Z%d>", l - 1, l, l + 1);
        note_noise(buf, len, &count, name, O->Az[l - 2], E->Az[l - 2]);
    }
    note_noise(buf, len, &count, "Eq. 150 lhs", O->eq150_lhs, E->eq150_lhs);
    note_noise(buf, len, &count, "Eq. 150 rhs", O->eq150_rhs, E->eq150_rhs);
    return count;
}

