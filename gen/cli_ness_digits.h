/* Values of `nessgen ness` (doubles) printed with only the digits their own
 * error estimates support (ng_ness_obs_err_t): none → null (JSON), 'noise'
 * (text), an empty field (CSV). */
#ifndef NESSGEN_CLI_NESS_DIGITS_H
#define NESSGEN_CLI_NESS_DIGITS_H

#include <stdio.h>

#include "nessgen/nessgen.h"
#include "nessgen/numerics.h"

/* v rounded to its supported digits (at most 17), or null. */
json_t *cli_ness_jval(double v, double err);
/* fprintf(out, fmt_width, text) with the text of v (at most 10 digits) or "noise". */
void cli_ness_put_val(FILE *out, const char *fmt_width, double v, double err);
/* v rounded to its supported digits (at most 17), NaN if none. */
double cli_ness_rounded(double v, double err);
/* The values of O that no digit supports, as "t_1, <B(1,2)>, …" in buf;
 * returns their number and sets *total to the number of values. */
int cli_ness_noise_list(char *buf, size_t len, int *total, const ng_ness_obs_t O,
                        const ng_ness_obs_err_t E);

#endif
