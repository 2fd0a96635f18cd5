/* nessgen check: a user's t_l(λ) against the weak-coupling series (check.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/check.h"
#include "nessgen/engine.h"
#include "nessgen/numerics.h"

/* A state's expectations (ng_engine_reference_expect_fn) as doubles. */
typedef struct {
    ng_string_expect_fn f;
    const void *state;
    const ng_ring_struct *R;
} state_d;

static double expect_d(ng_string P, const void *arg)
{
    const state_d *s = arg;
    ng_ptr x = ng_elem_new(s->R);
    double d;
    s->f(x, P, s->state);
    d = ng_elem_get_d(x, s->R);
    ng_elem_free(x, s->R);
    return d;
}

/* oref[k][m] = ⟨O_k⟩_{ρ_m}, m = 0..2 (⟨O_k⟩_{ρ0} in every entry without the
 * series), the operators' coefficients read as doubles: the comparison is in
 * doubles. */
static ng_status observable_refs(double (*oref)[3], const ng_engine_reference_t ref,
                                 const ng_observable_struct *obs, int nobs, int N)
{
    ng_ring_t B;
    ng_status st = NG_OK;
    ng_ring_init_ball(B, 128);
    for (int k = 0; k < nobs && st == NG_OK; k++) {
        ng_op_t A;
        if (obs[k].symbolic) {
            st = ng_error(NG_EINPUT, "--observable '%s': check compares numbers; give numbers, "
                                     "not free names", obs[k].text);
            break;
        }
        ng_op_init(A, N, NG_PAULI, B);
        st = ng_observable_op(A, obs + k, N, B);
        for (int m = 0; m <= 2 && st == NG_OK; m++) {
            state_d s = {NULL, NULL, ng_engine_reference_ring(ref)};
            ng_engine_reference_expect_fn(&s.f, &s.state, ref, FLINT_MIN(m, ref->order));
            oref[k][m] = ng_observable_expect_d(A, B, expect_d, &s);
        }
        ng_op_clear(A, B);
    }
    ng_ring_clear(B);
    return st;
}

/* t0, t1, t2 from the series (order 1 with ρ2 as error scale), or t0 alone
 * when the levels are degenerate (engine.h: ng_engine_reference, run once),
 * and the observables' references from the same states. */
static ng_status reference(ng_check_result_t res, ng_model_t M, double (*oref)[3],
                           const ng_observable_struct *obs, int nobs)
{
    ng_engine_opts opts;
    ng_engine_reference_t ref;
    ng_status st;
    int N = M->N;
    ng_engine_opts_init(&opts);
    opts.keep_state = nobs > 0;
    res->t0 = calloc((size_t)N, sizeof(double));
    st = ng_engine_reference(ref, M, &opts);
    if (st == NG_OK) {
        ng_engine_reference_t_d(res->t0, ref, 0);
        res->order = ref->order == 2 ? 1 : 0;
        if (ref->order == 2) {
            res->t1 = calloc((size_t)N, sizeof(double));
            res->t2 = calloc((size_t)N, sizeof(double));
            ng_engine_reference_t_d(res->t1, ref, 1);
            ng_engine_reference_t_d(res->t2, ref, 2);
            for (int l = 0; l < N; l++)
                res->t2_max = fmax(res->t2_max, fabs(res->t2[l]));
        }
        st = observable_refs(oref, ref, obs, nobs, N);
    }
    ng_engine_reference_clear(ref);
    return st;
}

static double to_t(const ng_check_point *p, ng_check_quantity q, double h)
{
    return q == NG_CHECK_T ? p->value : q == NG_CHECK_SZ ? -p->value : tanh(h / p->value);
}

static ng_status analyse(ng_check_result_t res, const ng_check_data_t D, ng_model_t M,
                         double (*oref)[3], const ng_observable_struct *obs, int nobs)
{
    ng_status st;
    double h;
    int N = M->N;
    memset(res, 0, sizeof *res);
    res->N = N;
    if (M->R->kind == NG_QQ_PARAMS)
        return ng_error(NG_EINPUT, "check: the model has free parameters; give numbers");
    if (D->n == 0)
        return ng_error(NG_EINPUT, "check: no data");
    if (D->max_site > N)
        return ng_error(NG_EINPUT, "check: the data have site %d but the model has N = %d",
                        D->max_site, N);
    h = ng_elem_get_d(M->h, M->R);
    st = reference(res, M, oref, obs, nobs);
    if (st != NG_OK) {
        ng_check_result_clear(res);
        return st;
    }
    res->nrows = D->n;
    res->rows = calloc((size_t)D->n, sizeof *res->rows);
    res->order0 = malloc((size_t)N * sizeof(double));
    res->order1 = malloc((size_t)N * sizeof(double));
    for (slong i = 0; i < D->n; i++) {
        const ng_check_point *p = D->points + i;
        ng_check_row *r = res->rows + i;
        int l = p->site - 1;
        r->lambda = p->lambda;
        r->site = p->site;
        r->line = p->line;
        r->t = to_t(p, D->quantity, h);
        r->dev0 = r->t - res->t0[l];
        if (res->order == 1) {
            r->ref = res->t0[l] + p->lambda * res->t1[l];
            r->dev1 = r->t - r->ref;
            r->allowed = NG_CHECK_FACTOR * p->lambda * p->lambda * res->t2_max + NG_CHECK_FLOOR;
        } else {
            r->ref = res->t0[l];
            r->dev1 = NAN;
            r->allowed = NAN;
        }
        r->ok = p->lambda > NG_CHECK_MAX_LAMBDA ? -1
                : res->order == 1               ? fabs(r->dev1) <= r->allowed
                                                : -1;
    }
    /* fitted orders per site over the judged λ (rows are sorted by site) */
    for (int l = 0; l < N; l++) {
        double *lam = malloc((size_t)D->n * sizeof(double)),
               *e0 = malloc((size_t)D->n * sizeof(double)),
               *e1 = malloc((size_t)D->n * sizeof(double));
        slong m = 0;
        for (slong i = 0; i < res->nrows; i++)
            if (res->rows[i].site == l + 1 && res->rows[i].lambda <= NG_CHECK_MAX_LAMBDA) {
                lam[m] = res->rows[i].lambda;
                e0[m] = fabs(res->rows[i].dev0);
                e1[m++] = fabs(res->rows[i].dev1);
            }
        res->order0[l] = m >= 2 ? ng_ness_fit_order(lam, e0, m) : NAN;
        res->order1[l] = m >= 2 && res->order == 1 ? ng_ness_fit_order(lam, e1, m) : NAN;
        free(lam);
        free(e0);
        free(e1);
    }
    /* the verdict */
    if (res->order == 1) {
        const ng_check_row *worst = NULL;
        slong judged = 0, bad = 0;
        for (slong i = 0; i < res->nrows; i++) {
            const ng_check_row *r = res->rows + i;
            if (r->ok < 0)
                continue;
            judged++;
            if (!r->ok) {
                bad++;
                if (worst == NULL || fabs(r->dev1) / r->allowed > fabs(worst->dev1) / worst->allowed)
                    worst = r;
            }
        }
        if (judged == 0) {
            res->verdict = -1;
            snprintf(res->reason, sizeof res->reason,
                     "undecided: no point has lambda <= %g, where the check is calibrated",
                     NG_CHECK_MAX_LAMBDA);
        } else if (bad == 0) {
            res->verdict = 1;
            snprintf(res->reason, sizeof res->reason,
                     "consistent with the weak-coupling limit: all %ld judged points satisfy "
                     "|t - t0 - lambda t1| <= %g lambda^2 max|t2| + %g",
                     (long)judged, NG_CHECK_FACTOR, NG_CHECK_FLOOR);
        } else {
            res->verdict = 0;
            snprintf(res->reason, sizeof res->reason,
                     "INCONSISTENT with the weak-coupling limit: %ld of %ld judged points "
                     "deviate; worst: site %d at lambda = %g (line %ld), t = %.10g but "
                     "t0 + lambda t1 = %.10g (deviation %.2e, allowed %.2e)",
                     (long)bad, (long)judged, worst->site, worst->lambda, worst->line, worst->t,
                     worst->ref, worst->dev1, worst->allowed);
        }
    } else {
        /* No series: at least linear convergence, site by site, between the
         * largest and the smallest judged λ (faster is fine: θ = π/2). */
        int judged = 0, bad_site = 0;
        double worst = 0.0, ratio = NAN;
        for (int l = 0; l < N; l++) {
            const ng_check_row *hi = NULL, *lo = NULL;
            for (slong i = 0; i < res->nrows; i++) {
                const ng_check_row *r = res->rows + i;
                if (r->site != l + 1 || r->lambda > NG_CHECK_MAX_LAMBDA)
                    continue;
                if (hi == NULL || r->lambda > hi->lambda)
                    hi = r;
                if (lo == NULL || r->lambda < lo->lambda)
                    lo = r;
            }
            if (hi == NULL || hi == lo)
                continue;
            judged++;
            {
                double allowed = 3.0 * (lo->lambda / hi->lambda) * fabs(hi->dev0) + NG_CHECK_FLOOR;
                if (fabs(lo->dev0) > allowed && fabs(lo->dev0) / allowed > worst) {
                    worst = fabs(lo->dev0) / allowed;
                    bad_site = l + 1;
                    ratio = fabs(lo->dev0) / fmax(fabs(hi->dev0), 1e-300);
                }
            }
        }
        if (judged == 0) {
            res->verdict = -1;
            snprintf(res->reason, sizeof res->reason,
                     "undecided: " NG_CHECK_RHO0_ONLY ", and judging "
                     "|t - t0| ~ lambda needs two lambda <= %g per site",
                     NG_CHECK_MAX_LAMBDA);
        } else if (bad_site == 0) {
            res->verdict = 1;
            snprintf(res->reason, sizeof res->reason,
                     "consistent with the weak-coupling limit: " NG_CHECK_RHO0_ONLY
                     ", and |t - t0| falls at least linearly in lambda at every "
                     "site (%d judged)",
                     judged);
        } else {
            res->verdict = 0;
            snprintf(res->reason, sizeof res->reason,
                     "INCONSISTENT with the weak-coupling limit: " NG_CHECK_RHO0_ONLY
                     "; at site %d |t - t0| at the smallest lambda is %.2e times "
                     "the one at the largest, more than 3 lambda_min/lambda_max allows",
                     bad_site, ratio);
        }
    }
    return NG_OK;
}

ng_status ng_check_analyse(ng_check_result_t res, const ng_check_data_t D, ng_model_t M)
{
    return analyse(res, D, M, NULL, NULL, 0);
}

ng_status ng_check_analyse_all(ng_check_result_t res, ng_check_obs_result_struct *ores,
                               const ng_check_data_t D, ng_model_t M,
                               const ng_observable_struct *obs, int nobs)
{
    double oref[NG_CHECK_MAX_EXTRA][3];
    int k;
    ng_status st;
    if (nobs > NG_CHECK_MAX_EXTRA)
        return ng_error(NG_EINPUT, "--observable: at most %d observables", NG_CHECK_MAX_EXTRA);
    st = analyse(res, D, M, oref, obs, nobs);
    if (st != NG_OK)
        return st;
    for (k = 0; k < nobs && st == NG_OK; k++)
        st = ng_check_analyse_observable(ores + k, D, k, oref[k], res->order);
    if (st != NG_OK) {
        while (k-- > 0) /* clear is safe on the one that failed */
            ng_check_obs_result_clear(ores + k);
        ng_check_result_clear(res);
    }
    return st;
}

void ng_check_result_clear(ng_check_result_t res)
{
    free(res->t0);
    free(res->t1);
    free(res->t2);
    free(res->rows);
    free(res->order0);
    free(res->order1);
    memset(res, 0, sizeof *res);
}
