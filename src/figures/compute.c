/* The data of Figs. 4–6: full-Liouvillian solves at the paper's λ and the
 * weak-coupling limit ρ0 of the N-spin engine, at the paper's parameters. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nessgen/engine.h"
#include "nessgen/figures.h"
#include "nessgen/numerics.h"

static double wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static ng_figure_row *new_row(ng_figure_t F)
{
    ng_figure_row *r;
    F->rows = realloc(F->rows, (size_t)(F->nrows + 1) * sizeof *F->rows);
    r = F->rows + F->nrows++;
    memset(r, 0, sizeof *r);
    r->trusted_digits = 17;
    r->converged = 1;
    r->t = r->T = r->lhs = r->rhs = NAN;
    return r;
}

static void add_note(ng_figure_t F, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add_note(ng_figure_t F, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    F->notes = realloc(F->notes, (size_t)(F->nnotes + 1) * sizeof *F->notes);
    F->notes[F->nnotes] = malloc(strlen(buf) + 1);
    strcpy(F->notes[F->nnotes++], buf);
}

/* The tilted Ising chain at the paper's parameters (DESIGN §1). */
static ng_status paper_model(ng_model_t M, int N, const char *theta)
{
    ng_model_spec *spec = ng_model_spec_new();
    char buf[16];
    ng_status st;
    snprintf(buf, sizeof buf, "%d", N);
    st = ng_model_spec_set_preset(spec, "tilted-ising");
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "N", buf);
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "theta", theta);
    if (st == NG_OK)
        st = ng_model_resolve(M, spec, 128);
    ng_model_spec_free(spec);
    return st;
}

/* The λ = 0 rows: ρ0's profile with the baths at sites 0 and N + 1, or
 * both sides of Eq. 150 (equal at ρ0). */
static ng_status limit_rows(ng_figure_t F, int panel, ng_model_t M)
{
    ng_engine_opts opts;
    ng_engine_rho0_t res;
    ng_status st;
    double h = ng_elem_get_d(M->h, M->R);
    ng_engine_opts_init(&opts);
    st = ng_engine_rho0(res, M, &opts);
    if (st != NG_OK) {
        ng_engine_rho0_clear(res);
        return st;
    }
    if (F->number == 6) {
        ng_ptr lhs = ng_elem_new(res->R), rhs = ng_elem_new(res->R);
        ng_figure_row *r = new_row(F);
        r->panel = panel;
        if (ng_engine_eq150(lhs, rhs, res->obs, M, res->R)) {
            r->lhs = ng_elem_get_d(lhs, res->R);
            r->rhs = ng_elem_get_d(rhs, res->R);
        } else {
            st = ng_error(NG_ECOMPUTE, "figure 6: alpha_+ of Eq. 150 not certified nonzero");
        }
        ng_elem_free(lhs, res->R);
        ng_elem_free(rhs, res->R);
    } else {
        for (int l = 0; l <= M->N + 1; l++) {
            ng_figure_row *r = new_row(F);
            r->panel = panel;
            r->site = l;
            if (l == 0 || l == M->N + 1)
                r->t = ng_elem_get_d(M->t[l == 0 ? 0 : 1], M->R);
            else
                r->t = ng_elem_get_d(ng_vec_srcentry(res->obs->t, l - 1, res->R), res->R);
            r->T = h / atanh(r->t);
        }
    }
    ng_engine_rho0_clear(res);
    return st;
}

static ng_status numeric_rows(ng_figure_t F, int panel, const ng_model_t M, FILE *progress)
{
    ng_ness_model_t D;
    ng_status st = ng_ness_model_init(D, M);
    if (st != NG_OK)
        return st;
    for (int k = 0; k < F->nlambda && st == NG_OK; k++) {
        ng_ness_params p;
        ng_ness_t S;
        ng_ness_obs_t O;
        double t0 = wall_seconds(), secs;
        ng_ness_params_init(&p, F->lambda[k]);
        ng_ness_init(S);
        st = ng_ness_solve(S, D, &p);
        secs = wall_seconds() - t0;
        if (st == NG_ECOMPUTE && S->rho != NULL) {
            add_note(F, "theta = %s, lambda = %g: GMRES did not reach its tolerance (%s); "
                        "these points are not to be trusted",
                     F->panel_theta[panel], F->lambda[k], ng_error_message());
            ng_error_clear();
            st = NG_OK;
        }
        if (st == NG_OK) {
            ng_ness_obs_init(O, S->rho, D);
            if (F->number == 6) {
                ng_figure_row *r = new_row(F);
                r->panel = panel;
                r->lambda = F->lambda[k];
                r->lhs = O->eq150_lhs;
                r->rhs = O->eq150_rhs;
                r->trusted_digits = S->trusted_digits;
                r->converged = S->converged;
                r->seconds = secs;
            } else {
                for (int l = 1; l <= M->N; l++) {
                    ng_figure_row *r = new_row(F);
                    r->panel = panel;
                    r->lambda = F->lambda[k];
                    r->site = l;
                    r->t = O->t[l - 1];
                    r->T = O->T[l - 1];
                    r->trusted_digits = S->trusted_digits;
                    r->converged = S->converged;
                    r->seconds = secs;
                }
            }
            ng_ness_obs_clear(O);
            if (progress != NULL)
                fprintf(progress,
                        "figure %d: N = %d, theta = %s, lambda = %g: %.2f s, %d iterations, "
                        "%d digits supported (condition estimate %.1e)\n",
                        F->number, M->N, F->panel_theta[panel], F->lambda[k], secs,
                        S->iterations, S->trusted_digits, S->cond_est);
        }
        ng_ness_clear(S);
    }
    ng_ness_model_clear(D);
    return st;
}

/* Notes for the reader, one line per panel and λ: the distance from the
 * weak-coupling limit (the paper quotes relative errors of order 1e-2 at
 * λ = 0.01), or the gap between the two sides of Eq. 150; the run time; the
 * digits the solver supports, with a warning where they are fewer than the
 * decimals written. */
static void summarise(ng_figure_t F)
{
    const ng_figure_row *z = NULL;
    for (int panel = 0; panel < F->npanels; panel++)
        for (int k = 0; k < F->nlambda; k++) {
            double dev = 0.0, secs = 0.0, gap = 0.0, lhs = NAN;
            int digits = 17, converged = 1, need = 5;
            const char *few;
            for (slong i = 0; i < F->nrows; i++) {
                const ng_figure_row *r = F->rows + i;
                if (r->panel == panel && r->lambda == 0.0 && F->number == 6)
                    z = r;
                if (r->panel != panel || r->lambda != F->lambda[k])
                    continue;
                digits = r->trusted_digits < digits ? r->trusted_digits : digits;
                converged &= r->converged;
                secs = r->seconds;
                gap = fabs(r->lhs - r->rhs);
                lhs = r->lhs;
                if (F->number == 6)
                    continue;
                for (slong j = 0; j < F->nrows; j++) {
                    const ng_figure_row *y = F->rows + j;
                    if (y->panel == panel && y->lambda == 0.0 && y->site == r->site)
                        dev = fmax(dev, fabs(r->T - y->T) / y->T);
                }
            }
            few = digits < 10 && digits >= need
                      ? " (`nessgen ness` warns below 10; enough for the decimals written)"
                      : "";
            if (F->number == 6)
                add_note(F,
                         "lambda = %-6g |lhs - rhs| = %.1e, lhs - lhs(rho0) = %+.1e; "
                         "solve %.2f s, %d digits supported%s%s",
                         F->lambda[k], gap,
                         lhs - (z ? z->lhs : NAN), secs,
                         digits, converged ? "" : ", NOT CONVERGED", few);
            else
                add_note(F,
                         "theta = %s, lambda = %-6g max_l |T_l - T_l(rho0)|/T_l(rho0) = %.1e; "
                         "solve %.2f s, %d digits supported%s%s",
                         F->panel_theta[panel], F->lambda[k], dev, secs, digits,
                         converged ? "" : ", NOT CONVERGED", few);
            if (digits < need)
                add_note(F,
                         "  warning: ness supports only about %d significant digits here "
                         "(honesty figures), fewer than the decimals written",
                         digits);
        }
}

ng_status ng_figure_compute(ng_figure_t F, int number, FILE *progress)
{
    static const double lam4[] = {0.1, 0.01};
    static const double lam5[] = {1e-1, 1e-2, 1e-3, 1e-4};
    static const double lam6[] = {0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2};
    const double *lam;
    double t0 = wall_seconds();
    ng_status st = NG_OK;
    memset(F, 0, sizeof *F);
    F->number = number;
    if (number == 4) {
        F->N = 2;
        lam = lam4;
        F->nlambda = 2;
    } else if (number == 5) {
        F->N = 6;
        lam = lam5;
        F->nlambda = 4;
    } else if (number == 6) {
        F->N = 6;
        lam = lam6;
        F->nlambda = 7;
    } else {
        return ng_error(NG_EINPUT, "figure: expected 4, 5 or 6, got %d", number);
    }
    memcpy(F->lambda, lam, (size_t)F->nlambda * sizeof *lam);
    F->npanels = number == 6 ? 1 : 2;
    F->panel_theta[0] = "pi/4";
    F->panel_latex[0] = "\\pi/4";
    F->panel_theta[1] = "pi/2";
    F->panel_latex[1] = "\\pi/2";
    for (int panel = 0; panel < F->npanels && st == NG_OK; panel++) {
        ng_model_t M;
        st = paper_model(M, F->N, F->panel_theta[panel]);
        if (st != NG_OK)
            break;
        st = limit_rows(F, panel, M);
        if (st == NG_OK)
            st = numeric_rows(F, panel, M, progress);
        ng_model_clear(M);
    }
    if (st == NG_OK)
        summarise(F);
    F->seconds = wall_seconds() - t0;
    return st;
}

void ng_figure_clear(ng_figure_t F)
{
    for (slong i = 0; i < F->nnotes; i++)
        free(F->notes[i]);
    free(F->notes);
    free(F->rows);
    memset(F, 0, sizeof *F);
}
