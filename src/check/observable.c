/* nessgen check --observable: a user's ⟨O⟩(λ) against ⟨O⟩_ρ0 + λ⟨O⟩_ρ1
 * (check.h), judged by the rule used for t_l. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/check.h"
#include "nessgen/numerics.h"

/* One row per λ (points are sorted by site, then λ decreasing): the value of
 * the first row of each λ; every other row of that λ must repeat it. */
static ng_status collect(ng_check_obs_result_t res, const ng_check_data_t D, int k)
{
    res->rows = calloc((size_t)D->n, sizeof *res->rows);
    for (slong i = 0; i < D->n; i++) {
        const ng_check_point *p = D->points + i;
        slong j;
        for (j = 0; j < res->nrows; j++)
            if (res->rows[j].lambda == p->lambda)
                break;
        if (j < res->nrows) {
            if (res->rows[j].value != p->extra[k])
                return ng_error(NG_EINPUT,
                                "lines %ld and %ld: column %d of the observables "
                                "differs at lambda = %g (a value of the state, "
                                "expected on every row of that lambda)",
                                res->rows[j].line, p->line, k + 1, p->lambda);
            continue;
        }
        res->rows[res->nrows].lambda = p->lambda;
        res->rows[res->nrows].value = p->extra[k];
        res->rows[res->nrows++].line = p->line;
    }
    for (slong a = 1; a < res->nrows; a++) /* λ decreasing (insertion sort) */
        for (slong b = a; b > 0 && res->rows[b].lambda > res->rows[b - 1].lambda; b--) {
            ng_check_obs_row t = res->rows[b];
            res->rows[b] = res->rows[b - 1];
            res->rows[b - 1] = t;
        }
    return NG_OK;
}

static void fit_orders(ng_check_obs_result_t res)
{
    double *lam = malloc((size_t)res->nrows * sizeof(double) + 1),
           *e0 = malloc((size_t)res->nrows * sizeof(double) + 1),
           *e1 = malloc((size_t)res->nrows * sizeof(double) + 1);
    slong m = 0;
    for (slong i = 0; i < res->nrows; i++)
        if (res->rows[i].lambda <= NG_CHECK_MAX_LAMBDA) {
            lam[m] = res->rows[i].lambda;
            e0[m] = fabs(res->rows[i].dev0);
            e1[m++] = fabs(res->rows[i].dev1);
        }
    res->order0 = m >= 2 ? ng_ness_fit_order(lam, e0, m) : NAN;
    res->order1 = m >= 2 && res->order == 1 ? ng_ness_fit_order(lam, e1, m) : NAN;
    free(lam);
    free(e0);
    free(e1);
}

static void verdict_series(ng_check_obs_result_t res)
{
    const ng_check_obs_row *worst = NULL;
    slong judged = 0, bad = 0;
    for (slong i = 0; i < res->nrows; i++) {
        const ng_check_obs_row *r = res->rows + i;
        if (r->ok < 0)
            continue;
        judged++;
        if (!r->ok) {
            bad++;
            if (worst == NULL ||
                fabs(r->dev1) / r->allowed > fabs(worst->dev1) / worst->allowed)
                worst = r;
        }
    }
    res->verdict = judged == 0 ? -1 : bad == 0;
    if (judged == 0)
        snprintf(res->reason, sizeof res->reason,
                 "undecided: no point has lambda <= %g, where the check is calibrated",
                 NG_CHECK_MAX_LAMBDA);
    else if (bad == 0)
        snprintf(res->reason, sizeof res->reason,
                 "consistent with the weak-coupling limit: all %ld judged lambda satisfy "
                 "|o - o0 - lambda o1| <= %g lambda^2 |o2| + %g",
                 (long)judged, NG_CHECK_FACTOR, NG_CHECK_FLOOR);
    else
        snprintf(
            res->reason, sizeof res->reason,
            "INCONSISTENT with the weak-coupling limit: %ld of %ld judged lambda "
            "deviate; "
            "worst lambda = %g (line %ld): %.10g but o0 + lambda o1 = %.10g (deviation "
            "%.2e, allowed %.2e)",
            (long)bad, (long)judged, worst->lambda, worst->line, worst->value, worst->ref,
            worst->dev1, worst->allowed);
}

/* No series: |o − o0| at the smallest judged λ at most 3 λ_min/λ_max times the
 * one at the largest (the rule of ng_check_analyse). */
static void verdict_rho0(ng_check_obs_result_t res)
{
    const ng_check_obs_row *hi = NULL, *lo = NULL;
    for (slong i = 0; i < res->nrows; i++) {
        const ng_check_obs_row *r = res->rows + i;
        if (r->lambda > NG_CHECK_MAX_LAMBDA)
            continue;
        if (hi == NULL || r->lambda > hi->lambda)
            hi = r;
        if (lo == NULL || r->lambda < lo->lambda)
            lo = r;
    }
    if (hi == NULL || hi == lo) {
        res->verdict = -1;
        snprintf(res->reason, sizeof res->reason,
                 "undecided: " NG_CHECK_RHO0_ONLY ", and judging "
                 "|o - o0| ~ lambda needs two lambda <= %g",
                 NG_CHECK_MAX_LAMBDA);
        return;
    }
    res->verdict = fabs(lo->dev0) <=
                   3.0 * (lo->lambda / hi->lambda) * fabs(hi->dev0) + NG_CHECK_FLOOR;
    snprintf(res->reason, sizeof res->reason,
             res->verdict
                 ? "consistent with the weak-coupling limit: " NG_CHECK_RHO0_ONLY
                   ", and |o - o0| falls at least "
                   "linearly in lambda (%.2e at lambda = %g, %.2e at %g)"
                 : "INCONSISTENT with the weak-coupling limit: " NG_CHECK_RHO0_ONLY
                   ", and |o - o0| is %.2e at lambda = "
                   "%g but %.2e at %g, more than 3 lambda_min/lambda_max allows",
             fabs(hi->dev0), hi->lambda, fabs(lo->dev0), lo->lambda);
}

ng_status ng_check_analyse_observable(ng_check_obs_result_t res, const ng_check_data_t D,
                                      int k, const double ref[3], int order)
{
    ng_status st;
    memset(res, 0, sizeof *res);
    res->order = order;
    memcpy(res->ref, ref, sizeof res->ref);
    st = collect(res, D, k);
    if (st != NG_OK) {
        ng_check_obs_result_clear(res);
        return st;
    }
    for (slong i = 0; i < res->nrows; i++) {
        ng_check_obs_row *r = res->rows + i;
        r->dev0 = r->value - ref[0];
        r->ref = order == 1 ? ref[0] + r->lambda * ref[1] : ref[0];
        r->dev1 = order == 1 ? r->value - r->ref : NAN;
        r->allowed = order == 1 ? NG_CHECK_FACTOR * r->lambda * r->lambda * fabs(ref[2]) +
                                      NG_CHECK_FLOOR
                                : NAN;
        r->ok = r->lambda > NG_CHECK_MAX_LAMBDA || order != 1
                    ? -1
                    : fabs(r->dev1) <= r->allowed;
    }
    fit_orders(res);
    if (order == 1)
        verdict_series(res);
    else
        verdict_rho0(res);
    return NG_OK;
}

void ng_check_obs_result_clear(ng_check_obs_result_t res)
{
    free(res->rows);
    memset(res, 0, sizeof *res);
}
