/* Cross-checking an external NESS solver (`nessgen check`): a user's local
 * temperatures at finite λ, read from CSV, against the weak-coupling series
 * ρ0 + λρ1 of the N-spin engine (engine.h, certified).
 *
 * Input: a header line naming the columns, then one row per (λ, site):
 *
 *     lambda,site,t        t_l = −⟨σ^z_l⟩
 *     lambda,site,T        T_l (converted with t_l = tanh(h/T_l))
 *     lambda,site,sz       ⟨σ^z_l⟩ (t_l = −sz)
 *
 * Columns may come in any order; other named columns are ignored (so the
 * CSV of `nessgen ness --format csv` can be checked as it is, using t).
 * Lines starting with '#' and blank lines are skipped; fields are plain
 * decimal numbers (no quotes).  Every error names the line and column. */
#ifndef NESSGEN_CHECK_H
#define NESSGEN_CHECK_H

#include <stddef.h>

#include "nessgen/error.h"
#include "nessgen/model.h"
#include "nessgen/observable.h"
#include "nessgen/report.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Inputs are bounded so that a hostile file cannot exhaust memory. */
#define NG_CHECK_MAX_BYTES (64L << 20)
#define NG_CHECK_MAX_ROWS 1000000L

typedef enum { NG_CHECK_T = 0, NG_CHECK_TEMPERATURE = 1, NG_CHECK_SZ = 2 } ng_check_quantity;

/* Extra state-wide columns a reader may be asked for (`--observable`). */
#define NG_CHECK_MAX_EXTRA 8

typedef struct {
    double lambda;
    int site;      /* 1-based */
    double value;  /* as given, in the quantity's column */
    long line;
    double extra[NG_CHECK_MAX_EXTRA]; /* the extra columns, in the order asked */
} ng_check_point;

typedef struct {
    ng_check_quantity quantity;
    const char *column;   /* "t", "T" or "sz" */
    slong n;
    ng_check_point *points;
    int max_site;
    slong nignored;       /* columns ignored */
    slong nempty;         /* rows whose value is empty (ness: no digit supported), skipped */
} ng_check_data_struct;
typedef ng_check_data_struct ng_check_data_t[1];

void ng_check_data_init(ng_check_data_t D);
void ng_check_data_clear(ng_check_data_t D);

/* Parses len bytes of CSV (need not be NUL-terminated; NUL bytes are an
 * error).  what names the input in messages ("results.csv: line 7, column
 * 't': expected a number, got 'abc'").  NG_EINPUT for any malformed input:
 * no header, unknown layout, wrong field count, numbers that do not parse or
 * are out of range (λ > 0, site 1..64, |t| ≤ 1, |sz| ≤ 1, T ≠ 0), a (λ, site)
 * given twice, no rows, or more than NG_CHECK_MAX_BYTES / NG_CHECK_MAX_ROWS.
 * D is left empty on failure.  O(len). */
ng_status ng_check_read_csv(ng_check_data_t D, const char *text, size_t len, const char *what);
/* The same, also reading the columns named in extra[0..nextra) (nextra ≤
 * NG_CHECK_MAX_EXTRA) as plain numbers into each point's extra[]; a missing
 * one is NG_EINPUT naming it. */
ng_status ng_check_read_csv_extra(ng_check_data_t D, const char *text, size_t len,
                                  const char *what, const char *const *extra, int nextra);

/* The comparison, per point and per site. */
typedef struct {
    double lambda;
    int site;
    double t;       /* the data as t_l */
    double ref;     /* t0 + λ t1 (or t0 without the series) */
    double dev0;    /* t − t0 */
    double dev1;    /* t − t0 − λ t1 (NaN without the series) */
    double allowed; /* tolerance on |dev1| (on |dev0| without the series); NaN: not judged */
    int ok;         /* 1 within, 0 outside, −1 not judged (λ > NG_CHECK_MAX_LAMBDA) */
    long line;
} ng_check_row;

#define NG_CHECK_MAX_LAMBDA 0.2 /* points at larger λ are reported, not judged */
/* Why a verdict rests on ρ0 alone (ng_engine_reference could not form the series). */
#define NG_CHECK_RHO0_ONLY "no series rho1 (degenerate levels with an irrational H1)"
#define NG_CHECK_FACTOR 4.0     /* |t − t0 − λt1| ≤ 4 λ² max_l |t2_l| + floor */
#define NG_CHECK_FLOOR 1e-9     /* absolute floor: double-precision solvers */

typedef struct {
    int N;
    int order;            /* 1: ρ0 + λρ1 with ρ2 as the error scale; 0: ρ0 only (degenerate) */
    double *t0, *t1, *t2; /* per site (t1, t2 NULL if order 0) */
    double t2_max;
    slong nrows;
    ng_check_row *rows;   /* sorted by site, then λ decreasing */
    double *order0, *order1; /* per site: fitted order of |t − t0|, |t − t0 − λt1| (NaN) */
    int verdict;          /* 1 consistent, 0 inconsistent, −1 undecided */
    char reason[512];     /* why, naming the worst point */
} ng_check_result_struct;
typedef ng_check_result_struct ng_check_result_t[1];

/* Compares D with the weak-coupling series of M (N ≥ D->max_site).  With
 * simple levels of P0 H1 P0 each judged point must satisfy
 * |t − t0 − λt1| ≤ NG_CHECK_FACTOR λ² max_l|t2_l| + NG_CHECK_FLOOR; in the
 * degenerate case (no series) |t − t0| must fall at least linearly at every
 * site: |t − t0|(λ_min) ≤ 3 (λ_min/λ_max) |t − t0|(λ_max) + NG_CHECK_FLOOR over
 * the judged λ (undecided with fewer than two λ).  NG_EINPUT if a site
 * exceeds M->N or M is symbolic; NG_ECOMPUTE if ρ0 cannot be certified. */
ng_status ng_check_analyse(ng_check_result_t res, const ng_check_data_t D, ng_model_t M);
void ng_check_result_clear(ng_check_result_t res);

/* An observable's values o(λ) (extra column k, one value per λ, repeated on
 * the rows of that λ) against o0 + λo1 from ρ0, ρ1 (ref[0], ref[1]), judged as
 * t is: |o − o0 − λo1| ≤ NG_CHECK_FACTOR λ²|o2| + NG_CHECK_FLOOR with o2 =
 * ref[2] (order 1), or, without the series (order 0), |o − o0| falling at
 * least linearly between the largest and smallest judged λ. */
typedef struct {
    double lambda, value, ref, dev0, dev1, allowed;
    int ok; /* as in ng_check_row */
    long line;
} ng_check_obs_row;

typedef struct {
    int order;
    double ref[3];
    slong nrows;
    ng_check_obs_row *rows; /* λ decreasing */
    double order0, order1;  /* fitted orders of |o − o0|, |o − o0 − λo1| */
    int verdict;
    char reason[512];
} ng_check_obs_result_struct;
typedef ng_check_obs_result_struct ng_check_obs_result_t[1];

/* NG_EINPUT if the rows of one λ disagree on the value (naming the lines). */
ng_status ng_check_analyse_observable(ng_check_obs_result_t res, const ng_check_data_t D, int k,
                                      const double ref[3], int order);
void ng_check_obs_result_clear(ng_check_obs_result_t res);

/* ng_check_analyse and, for each observable k < nobs (≤ NG_CHECK_MAX_EXTRA;
 * the data's extra column k), ng_check_analyse_observable against ⟨O_k⟩ of
 * ρ0, ρ1, ρ2 of the same reference (one run of the engine).  NG_EINPUT for
 * an observable with free names; on failure nothing needs clearing. */
ng_status ng_check_analyse_all(ng_check_result_t res, ng_check_obs_result_struct *ores,
                               const ng_check_data_t D, ng_model_t M,
                               const ng_observable_struct *obs, int nobs);

/* The report of `nessgen check` (report.c): JSON "input", "quantity", "N",
 * "reference", "results" (per λ its rows as "sites"), "fitted_order",
 * "verdict", "reason", "observables"; text and LaTeX the comparison table of
 * every row, the fitted orders and the verdict.  A warning counts the rows
 * skipped for an empty value. */
void ng_check_report(ng_report_t rep, const ng_check_data_t D, const ng_check_result_t res,
                     const ng_observable_struct *obs, const ng_check_obs_result_struct *ores,
                     int nobs, const char *input);

#ifdef __cplusplus
}
#endif

#endif
