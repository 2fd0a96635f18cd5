/* Emitters: numbers and documents as the commands print them (README, "Commands").
 *
 * JSON numbers are report.h's (schema 0.2): a certified real is {"mid": m,
 * "rad": r, "ball": "<Arb text>"} with doubles m, r whose [m ± r] contains
 * the value, plus "exact": "p/q" where the value is rational; a rational
 * function of parameters is {"exact": "<text>"} in the syntax of nessgen's
 * expression parser. */
#ifndef NESSGEN_EMIT_H
#define NESSGEN_EMIT_H

#include <stdio.h>

#include <jansson.h>

#include "nessgen/kernel.h"
#include "nessgen/model.h"
#include "nessgen/op.h"
#include "nessgen/ring.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    NG_FORMAT_TEXT,
    NG_FORMAT_JSON,
    NG_FORMAT_LATEX,
    NG_FORMAT_CSV,
    NG_FORMAT_PYTHON, /* closed forms as a Python module (rho0 with free names) */
    NG_FORMAT_C       /* closed forms as C functions over Arb and doubles (likewise) */
} ng_format;

/* How a library emitter writes a command's document (the derivations:
 * table, two-spin, hierarchy, kernel): the format; digits (significant
 * digits of balls in text and JSON, decimal places in LaTeX); LaTeX as a
 * whole document or a fragment to \input; the command ("command" of the
 * JSON envelope) and its invocation (the provenance header, JSON
 * "command_line"; NULL: none). */
typedef struct ng_emit_opts_struct {
    int format; /* an ng_format */
    slong digits;
    int standalone;
    const char *command;
    const char *command_line;
} ng_emit_opts;

/* "text", "json", "latex", "csv", "python", "c"; -1 for anything else. */
int ng_format_from_str(const char *s);
const char *ng_format_name(ng_format f);

/* Closed forms as C (src/emit/c_code.c; the file's header states the
 * error analysis): the prelude (includes, the static evaluators) once, then
 * per rational function x ∈ Q(params) of R its coefficient tables and
 *   int NAME_arb(arb_t res, const arb_t p_1, …, slong prec)   certified ball,
 *   double NAME_d(double *err, double p_1, …)                  value, *err a
 *       rigorous bound on its rounding error (INFINITY: not bounded),
 * the arguments named as R's parameters.  Returns 1 if the double version
 * was written, 0 if not (its coefficients do not fit in doubles; the file
 * then says so). */
void ng_emit_c_prelude(FILE *out);
int ng_emit_c_function(FILE *out, const char *name, ng_srcptr x, const ng_ring_t R);

json_t *ng_json_elem(ng_srcptr x, slong digits, const ng_ring_t R);
/* report.h's envelope {"command", "nessgen_version", "schema_version",
 * "command_line": null, "model", "warnings"} (model may be NULL). */
json_t *ng_json_document(const char *command, const ng_model_t M, slong digits);
/* ng_json_document for o->command with "command_line" set from o. */
json_t *ng_emit_json_document(const ng_emit_opts *o, const ng_model_t M);
/* [{"element": name, "coefficient": number}, …] for the nonzero coefficients. */
json_t *ng_json_combination(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                            const ng_ring_t R);

/* c_1 b_1 + c_2 b_2 + … in plain text or LaTeX ("0" if all vanish);
 * flint_malloc'd. */
char *ng_combination_get_str(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                             const ng_ring_t R);
char *ng_combination_get_latex(ng_srcptr coeffs, const ng_named_basis_t B, slong digits,
                               const ng_ring_t R);

/* One term "± coeff·name" of a sum (flint_malloc'd): the sign is pulled out
 * of a non-sum coefficient, a sum is bracketed, a unit coefficient dropped. */
char *ng_term_get_str(const char *coeff, int coeff_is_sum, const char *name, int first,
                      int latex);

/* The estimated printed width of a LaTeX math fragment, in ems (on the safe
 * side: sub- and superscripts at 0.7, a \frac at its wider part). */
double ng_latex_width(const char *s);
/* Writes the sum s, breaking before a " + " or " - " outside braces and
 * \left…\right whenever the line would exceed width ems; each break writes
 * sep (e.g. " \\\\\n&\\quad" in an align, " \\\\\n" in a multline). */
void ng_latex_write_broken(FILE *out, const char *s, double width, const char *sep);

#ifdef __cplusplus
}
#endif

#endif
