/* The data of Figs. 4–6: full-Liouvillian solves at each λ and the
 * weak-coupling limit ρ0 of the N-spin engine, at the paper's parameters
 * unless the options give others (figures.h). */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nessgen/engine.h"
#include "internal.h"
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

/* The model of one panel: the options' spec (the tilted Ising preset when
 * it names neither a preset nor a file), N spins, and the panel's θ when
 * the figure chose it (theta NULL: as the spec says). */
static ng_status panel_model(ng_model_t M, const ng_figure_opts *o, int N, const char *theta)
{
    ng_model_spec *spec = o->spec != NULL ? ng_model_spec_copy(o->spec) : ng_model_spec_new();
    char buf[16];
    ng_status st = NG_OK;
    snprintf(buf, sizeof buf, "%d", N);
    if (ng_model_spec_get_preset(spec) == NULL && ng_model_spec_get_file(spec) == NULL)
        st = ng_model_spec_set_preset(spec, "tilted-ising");
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "N", buf);
    if (st == NG_OK && theta != NULL)
        st = ng_model_spec_set(spec, "theta", theta);
    if (st == NG_OK)
        st = ng_model_resolve(M, spec, o->prec > 0 ? o->prec : 128);
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

/* "theta = pi/4, " for messages, "" when the model has no θ. */
static const char *panel_prefix(char *buf, size_t size, const ng_figure_t F, int panel)
{
    buf[0] = '\0';
    if (F->panel_theta[panel] != NULL)
        snprintf(buf, size, "theta = %.200s, ", F->panel_theta[panel]);
    return buf;
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
        char pre[256];
        double t0 = wall_seconds(), secs;
        ng_ness_params_init(&p, F->lambda[k]);
        ng_ness_init(S);
        st = ng_ness_solve(S, D, &p);
        secs = wall_seconds() - t0;
        if (st == NG_ECOMPUTE && S->rho != NULL) {
            add_note(F, "%slambda = %g: GMRES did not reach its tolerance (%s); "
                        "these points are not to be trusted",
                     panel_prefix(pre, sizeof pre, F, panel), F->lambda[k],
                     ng_error_message());
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
                        "figure %d: N = %d, %slambda = %g: %.2f s, %d iterations, "
                        "%d digits supported (condition estimate %.1e)\n",
                        F->number, M->N, panel_prefix(pre, sizeof pre, F, panel),
                        F->lambda[k], secs,
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
            char pre[256];
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
                         "%slambda = %-6g max_l |T_l - T_l(rho0)|/T_l(rho0) = %.1e; "
                         "solve %.2f s, %d digits supported%s%s",
                         panel_prefix(pre, sizeof pre, F, panel),
                         F->lambda[k], dev, secs, digits,
                         converged ? "" : ", NOT CONVERGED", few);
            if (digits < need)
                add_note(F,
                         "  warning: ness supports only about %d significant digits here "
                         "(honesty figures), fewer than the decimals written",
                         digits);
        }
}

void ng_figure_opts_init(ng_figure_opts *opts)
{
    memset(opts, 0, sizeof *opts);
}

/* The paper's λ (DESIGN §1) unless the options give a list. */
static ng_status set_lambdas(ng_figure_t F, const ng_figure_opts *o)
{
    static const double lam4[] = {0.1, 0.01};
    static const double lam5[] = {1e-1, 1e-2, 1e-3, 1e-4};
    static const double lam6[] = {0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2};
    const double *lam = F->number == 4 ? lam4 : F->number == 5 ? lam5 : lam6;
    int n = F->number == 4 ? 2 : F->number == 5 ? 4 : 7;
    if (o->nlambda > 0) {
        if (o->nlambda > NG_FIGURE_MAX_LAMBDA)
            return ng_error(NG_EINPUT, "--lambda: at most %d values", NG_FIGURE_MAX_LAMBDA);
        for (int k = 0; k < o->nlambda; k++)
            if (!(o->lambda[k] > 0.0) || !isfinite(o->lambda[k]))
                return ng_error(NG_EINPUT, "--lambda: expected numbers > 0, got %g",
                                o->lambda[k]);
        lam = o->lambda;
        n = o->nlambda;
    }
    memcpy(F->lambda, lam, (size_t)n * sizeof *lam);
    F->nlambda = n;
    return NG_OK;
}

/* The panels: a given θ, or a model without θ (another preset, a model
 * file), makes one panel as the spec says; otherwise the paper's θ = π/4
 * and π/2 (Fig. 6: π/4 only). */
static ng_status set_panels(ng_figure_t F, const ng_model_spec *spec)
{
    const char *preset = spec != NULL ? ng_model_spec_get_preset(spec) : NULL;
    int tilted = spec == NULL || (ng_model_spec_get_file(spec) == NULL &&
                                  (preset == NULL || strcmp(preset, "tilted-ising") == 0));
    const char *theta = spec != NULL ? ng_model_spec_get(spec, "theta") : NULL;
    ng_status st = NG_OK;
    if (!tilted) {
        F->npanels = 1;
        return NG_OK;
    }
    if (theta != NULL) {
        F->npanels = 1;
        return _ng_figure_set_panel(F, 0, theta);
    }
    F->npanels = F->number == 6 ? 1 : 2;
    for (int p = 0; p < F->npanels && st == NG_OK; p++)
        st = _ng_figure_set_panel(F, p, p == 0 ? "pi/4" : "pi/2");
    return st;
}

ng_status ng_figure_compute(ng_figure_t F, int number, const ng_figure_opts *opts)
{
    ng_figure_opts defaults;
    const ng_figure_opts *o = opts != NULL ? opts : &defaults;
    double t0 = wall_seconds();
    int spec_N = o->spec != NULL ? ng_model_spec_get_N(o->spec) : 0;
    ng_status st;
    ng_figure_opts_init(&defaults);
    memset(F, 0, sizeof *F);
    F->number = number;
    if (number < 4 || number > 6)
        return ng_error(NG_EINPUT, "figure: expected 4, 5 or 6, got %d", number);
    F->N = o->N > 0 ? o->N : spec_N > 0 ? spec_N : number == 4 ? 2 : 6;
    st = set_lambdas(F, o);
    if (st == NG_OK && o->memory_budget > 0)
        st = ng_ness_check_size(F->N, NULL, o->memory_budget);
    if (st == NG_OK)
        st = set_panels(F, o->spec);
    if (st == NG_OK)
        _ng_figure_describe(F, o->spec);
    for (int panel = 0; panel < F->npanels && st == NG_OK; panel++) {
        ng_model_t M;
        /* the paper's panels set θ; a given θ is in the spec already */
        int own_theta = F->panel_theta[panel] != NULL &&
                        (o->spec == NULL || ng_model_spec_get(o->spec, "theta") == NULL);
        st = panel_model(M, o, F->N, own_theta ? F->panel_theta[panel] : NULL);
        if (st != NG_OK)
            break;
        for (slong i = 0; i < M->nwarnings && panel == 0; i++) /* the model's, once */
            add_note(F, "warning: %s", M->warnings[i]);
        st = limit_rows(F, panel, M);
        if (st == NG_OK)
            st = numeric_rows(F, panel, M, o->progress);
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
    for (int p = 0; p < 2; p++) {
        free(F->panel_theta[p]);
        free(F->panel_latex[p]);
        free(F->panel_utf8[p]);
    }
    free(F->chain);
    free(F->parameters);
    free(F->notes);
    free(F->rows);
    memset(F, 0, sizeof *F);
}
