/* Writing the local observables of a state (engine.h: t_l, T_l, ⟨ρ^A⟩, ⟨ρ^B⟩,
 * the three-body correlations of Eqs. 151–152 and both sides of Eq. 150) as
 * text, JSON (DESIGN §4: "sites" with "site", "t", "T"), CSV rows or a LaTeX
 * table; shared by `nessgen rho0` and `nessgen series`. */
#ifndef NESSGEN_CLI_OBS_H
#define NESSGEN_CLI_OBS_H

#include <stdio.h>

#include "nessgen/nessgen.h"
#include "nessgen/engine.h"

/* T = h / artanh(t) as a ball (DESIGN §1); 0 if artanh(t) may vanish. */
int cli_local_temperature(arb_t T, ng_srcptr t, const ng_model_t M, const ng_ring_t R,
                          slong prec);
json_t *cli_ball_json(const arb_t x, slong digits, slong prec);
/* flint_malloc'd decimal of a ball. */
char *cli_ball_str(const arb_t x, slong digits);
/* flint_malloc'd LaTeX of a ball: its true value rounded to `digits`
 * decimal places (ng_elem_get_latex_rounded), so that documents do not
 * depend on the computation; "x \pm r" only if the ball cannot decide the
 * rounding.  cli_put_elem_latex writes elements the same way (exact values
 * exactly).  Documents state the rule once: ng_report_latex_rounding_rule. */
char *cli_ball_latex(const arb_t x, slong digits, slong prec);
void cli_put_elem(FILE *out, const char *fmt, ng_srcptr x, slong digits, const ng_ring_t R);
void cli_put_elem_latex(FILE *out, ng_srcptr x, slong digits, const ng_ring_t R);
/* \texttt{text} with LaTeX's special characters escaped. */
void cli_latex_texttt(FILE *out, const char *text);
/* Digits the engine certifies beyond those printed in LaTeX, so that the
 * rounding is decided (a value within 10^-(d+8) of a rounding boundary is
 * the only case left to the "x \pm r" fallback). */
#define CLI_LATEX_GUARD_DIGITS 8

/* Adds "sites" ("T" null unless with_T: series coefficients are not states),
 * "bonds", "three_body" and "eq150" {"lhs", "rhs"} to doc.  prec: bits for T. */
void cli_obs_json(json_t *doc, const ng_engine_obs_t O, const ng_model_t M,
                  const ng_ring_t R, slong digits, slong prec, int with_T);
/* One line per site, bond and three-site window, then both sides of Eq. 150. */
void cli_obs_text(FILE *out, const ng_engine_obs_t O, const ng_model_t M, const ng_ring_t R,
                  slong digits, slong prec, int with_T);
/* CSV (DESIGN §4: numbers only): the header "site,t,T,rhoA,rhoB,zA,Az"
 * (balls: each as name_mid,name_rad), and one row per site l, preceded by
 * prefix (e.g. "0.1," for a lambda column): t_l, T_l (empty unless with_T),
 * the bond (l, l+1)'s ⟨ρ^A⟩, ⟨ρ^B⟩ and the window (l−1, l, l+1)'s
 * correlations (empty where the site has none), balls by report.h. */
void cli_obs_csv_header(FILE *out, int balls);
void cli_obs_csv(FILE *out, const char *prefix, const ng_engine_obs_t O, const ng_model_t M,
                 const ng_ring_t R, slong digits, slong prec, int with_T);
/* A LaTeX tabular (no packages beyond ng_latex_begin_document's) with blocks
 * per site l (t_l, T_l; the T column empty unless with_T), per bond (l,l+1)
 * (⟨ρ^A⟩, ⟨ρ^B⟩) and per window l = 2..N−1 (Eqs. 151, 152), then both sides of
 * Eq. 150 in an align*.  Exact values as \frac, balls as "m \pm r". */
void cli_obs_latex(FILE *out, const ng_engine_obs_t O, const ng_model_t M,
                   const ng_ring_t R, slong digits, slong prec, int with_T);
/* The model as a LaTeX paragraph: preset (or model file), N, and every parameter
 * given or defaulted (derived ones, zero defaults and the mirror α_jk, j > k,
 * left out); names in the ring's LaTeX notation, rational values exact,
 * others as typed. */
void cli_model_latex(FILE *out, const ng_model_t M);
/* An expression's value, for LaTeX math mode: \frac{p}{q} if rational, else
 * its text as typed in \texttt (there is no expression-to-LaTeX writer). */
void cli_expr_latex(FILE *out, const ng_expr *e);
/* A given value "name = expression" (as ng_model_t's held_keys record it) in
 * math, "$\theta = 1$"; the text in \texttt if it does not parse. */
void cli_assignment_latex(FILE *out, const char *text);
/* Comma-separated parameter names ("cL, cR") in math. */
void cli_names_latex(FILE *out, const char *list);

#endif
