/* What the commands not yet written through the report core (report.h,
 * results.h) still use of the old observable writers: balls as JSON, text
 * and LaTeX, the local observables of a state as JSON, text and CSV rows
 * (through ng_engine_obs_report), and given values in LaTeX. */
#ifndef NESSGEN_CLI_OBS_H
#define NESSGEN_CLI_OBS_H

#include <stdio.h>

#include "nessgen/nessgen.h"

json_t *cli_ball_json(const arb_t x, slong digits, slong prec);
/* flint_malloc'd decimal of a ball. */
char *cli_ball_str(const arb_t x, slong digits);
/* flint_malloc'd LaTeX of a ball: its true value rounded to `digits`
 * decimal places (ng_report_latex_arb); "x \pm r" only if the ball cannot
 * decide the rounding.  Documents state the rule once:
 * ng_report_latex_rounding_rule. */
char *cli_ball_latex(const arb_t x, slong digits, slong prec);
/* Digits the engine certifies beyond those printed in LaTeX, so that the
 * rounding is decided (a value within 10^-(d+8) of a rounding boundary is
 * the only case left to the "x \pm r" fallback). */
#define CLI_LATEX_GUARD_DIGITS 8

/* ng_engine_obs_report's "sites", "bonds", "three_body" and "eq150" added
 * to doc; prec: bits for T (with_T). */
void cli_obs_json(json_t *doc, const ng_engine_obs_t O, const ng_model_t M,
                  const ng_ring_t R, slong digits, slong prec, int with_T);
/* The same as text (report.h's text writer). */
void cli_obs_text(FILE *out, const ng_engine_obs_t O, const ng_model_t M, const ng_ring_t R,
                  slong digits, slong prec, int with_T);
/* CSV: the header "site,t,T,rhoA,rhoB,zA,Az" (balls: name_mid,name_rad),
 * and one row per site, each preceded by prefix (e.g. "0.1," for a lambda
 * column). */
void cli_obs_csv_header(FILE *out, int balls);
void cli_obs_csv(FILE *out, const char *prefix, const ng_engine_obs_t O, const ng_model_t M,
                 const ng_ring_t R, slong digits, slong prec, int with_T);
/* A given value "name = expression" (as ng_model_t's held_keys record it) in
 * math, "$\theta = 1$"; the text in \texttt if it does not parse. */
void cli_assignment_latex(FILE *out, const char *text);
/* Comma-separated parameter names ("cL, cR") in math. */
void cli_names_latex(FILE *out, const char *list);

#endif
