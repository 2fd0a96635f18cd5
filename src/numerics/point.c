/* One λ of `nessgen ness`: the solve, the local observables, the currents and
 * the caller's observables, each value with its own error estimate.
 *
 * The error of a value ⟨A⟩ = Tr(A ρ) for A = Σ_j c_j P_j (distinct Pauli
 * strings) is bounded through the state's: |Tr(A δρ)| ≤ ‖A‖_HS ‖δρ‖_HS
 * (Cauchy–Schwarz) with ‖A‖_HS = 2^{N/2} (Σ_j c_j²)^{1/2}, so it is
 * E->state_error · (Σ_j c_j²)^{1/2} (obs_error.c has the local observables).
 * A current is a sum λ^p ⟨a⟩ + λ^q ⟨b⟩ of such values (currents.c): its
 * estimate is λ^p err(a) + λ^q err(b), and J_L + J_R adds the two. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

ng_status ng_ness_probes_init(ng_ness_probes_t P, const ng_model_t M,
                              const ng_observable_struct *obs, int nobs)
{
    ng_status st = NG_OK;
    P->N = M->N;
    P->R = M->R;
    ng_superop_ctx_init(P->L, M);
    ng_currents_init(P->C, P->L);
    ng_ring_init_ball(P->B, 128);
    P->nobs = 0;
    P->obs = flint_malloc((size_t)FLINT_MAX(nobs, 1) * sizeof(ng_op_struct));
    for (int i = 0; i < nobs && st == NG_OK; i++) {
        if (obs[i].symbolic)
            return ng_error(NG_EINPUT,
                            "--observable '%s': coefficients with free names need an exact "
                            "state (rho0); the solver works in doubles: give numbers",
                            obs[i].text);
        ng_op_init(P->obs + i, M->N, NG_PAULI, P->B);
        P->nobs++;
        st = ng_observable_op(P->obs + i, obs + i, M->N, P->B);
    }
    return st;
}

void ng_ness_probes_clear(ng_ness_probes_t P)
{
    for (int i = 0; i < P->nobs; i++)
        ng_op_clear(P->obs + i, P->B);
    flint_free(P->obs);
    ng_ring_clear(P->B);
    ng_currents_clear(P->C, P->R);
    ng_superop_ctx_clear(P->L);
}

/* (Σ_j c_j²)^{1/2} over the real terms of A (ng_observable_expect_d reads
 * only those). */
static double coefficient_norm(const ng_op_t A, const ng_ring_t R)
{
    double s = 0.0;
    for (slong j = 0; j < A->length; j++)
        if (!A->keys[j].im) {
            double c = ng_elem_get_d(ng_vec_srcentry(A->coeffs, j, R), R);
            s += c * c;
        }
    return sqrt(s);
}

/* The error estimates of the currents at λ: as ng_current_values_d_at with
 * each expectation replaced by e · (Σ c²)^{1/2} and every sum by the sum of
 * absolute values. */
static void current_errors(ng_current_values_d *W, const ng_currents_t C, const ng_ring_t R,
                           double e, double lambda)
{
    double l2 = lambda * lambda;
    for (int nu = 0; nu < 2; nu++) {
        W->J[nu] = e * l2 * (coefficient_norm(C->bath_h0[nu], R) +
                             lambda * coefficient_norm(C->bath_h1[nu], R));
        W->Js[nu] = e * l2 * coefficient_norm(C->bath_spin[nu], R);
    }
    for (int l = 0; l + 2 < C->N; l++)
        W->j[l] = e * (lambda * coefficient_norm(C->energy1 + l, R) +
                       l2 * coefficient_norm(C->energy2 + l, R));
    for (int b = 0; b + 1 < C->N; b++)
        W->js[b] = e * lambda * coefficient_norm(C->spin1 + b, R);
    W->sum = W->J[0] + W->J[1];
}

void ng_ness_point_init(ng_ness_point_t X)
{
    memset(X, 0, sizeof *X);
    ng_ness_init(X->S);
}

void ng_ness_point_clear(ng_ness_point_t X)
{
    if (X->filled) {
        ng_ness_obs_err_clear(X->E);
        ng_ness_obs_clear(X->O);
        ng_current_values_d_clear(&X->V);
        ng_current_values_d_clear(&X->Verr);
        flint_free(X->obs);
        flint_free(X->obs_err);
    }
    ng_ness_clear(X->S);
    X->filled = 0;
}

typedef struct {
    const double _Complex *rho;
    int N;
} dense_state;

static double dense_expect(ng_string P, const void *arg)
{
    const dense_state *s = arg;
    return ng_ness_expect(s->rho, s->N, P);
}

/* Everything measured in the solved state X->S. */
static void measure(ng_ness_point_t X, const ng_ness_model_t D, const ng_ness_probes_t P)
{
    dense_state s = {X->S->rho, P->N};
    double e;
    ng_ness_obs_init(X->O, X->S->rho, D);
    ng_ness_obs_err_init(X->E, X->O, X->S, D);
    e = X->E->state_error;
    ng_current_values_d_init(&X->V, P->N);
    ng_current_values_d_init(&X->Verr, P->N);
    ng_current_values_d_at(&X->V, P->C, P->R, dense_expect, &s, X->S->lambda);
    current_errors(&X->Verr, P->C, P->R, e, X->S->lambda);
    X->nobs = P->nobs;
    X->obs = flint_malloc((size_t)FLINT_MAX(P->nobs, 1) * sizeof(double));
    X->obs_err = flint_malloc((size_t)FLINT_MAX(P->nobs, 1) * sizeof(double));
    for (int i = 0; i < P->nobs; i++) {
        X->obs[i] = ng_observable_expect_d(P->obs + i, P->B, dense_expect, &s);
        X->obs_err[i] = e * coefficient_norm(P->obs + i, P->B);
    }
    X->filled = 1;
}

ng_status ng_ness_point_solve(ng_ness_point_t X, const ng_ness_model_t D,
                              const ng_ness_probes_t P, const ng_ness_params *p)
{
    ng_status st = ng_ness_solve(X->S, D, p);
    if (X->S->rho != NULL && st != NG_EINPUT)
        measure(X, D, P);
    return st;
}

/* Appends name to the list when v has no supported digit. */
static void note_noise(char *buf, size_t len, int *count, int *total, const char *name,
                       double v, double err)
{
    size_t at = strlen(buf);
    (*total)++;
    if (ng_ness_digits(v, err) > 0)
        return;
    (*count)++;
    if (at + 48 < len)
        snprintf(buf + at, len - at, "%s%s", *count > 1 ? ", " : "", name);
}

static void noise_local(char *buf, size_t len, int *count, int *total, const ng_ness_obs_t O,
                        const ng_ness_obs_err_t E)
{
    char name[48];
    int N = O->N;
    for (int l = 0; l < N; l++) {
        snprintf(name, sizeof name, "t_%d", l + 1);
        note_noise(buf, len, count, total, name, O->t[l], E->t[l]);
        snprintf(name, sizeof name, "T_%d", l + 1);
        note_noise(buf, len, count, total, name, O->T[l], E->T[l]);
    }
    for (int l = 0; l + 1 < N; l++) {
        snprintf(name, sizeof name, "<A(%d,%d)>", l + 1, l + 2);
        note_noise(buf, len, count, total, name, O->rhoA[l], E->rhoA[l]);
        snprintf(name, sizeof name, "<B(%d,%d)>", l + 1, l + 2);
        note_noise(buf, len, count, total, name, O->rhoB[l], E->rhoB[l]);
    }
    for (int l = 2; l < N; l++) {
        snprintf(name, sizeof name, "<Z%d A(%d,%d)>", l - 1, l, l + 1);
        note_noise(buf, len, count, total, name, O->zA[l - 2], E->zA[l - 2]);
        snprintf(name, sizeof name, "<A(%d,%d) Z%d>", l - 1, l, l + 1);
        note_noise(buf, len, count, total, name, O->Az[l - 2], E->Az[l - 2]);
    }
    note_noise(buf, len, count, total, "Eq. 150 lhs", O->eq150_lhs, E->eq150_lhs);
    note_noise(buf, len, count, total, "Eq. 150 rhs", O->eq150_rhs, E->eq150_rhs);
}

/* J_L + J_R is a conservation check (0 in the steady state), not a value:
 * it is not counted. */
static void noise_currents(char *buf, size_t len, int *count, int *total,
                           const ng_current_values_d *V, const ng_current_values_d *W)
{
    static const char *const bath[2] = {"L", "R"};
    char name[48];
    for (int nu = 0; nu < 2; nu++) {
        snprintf(name, sizeof name, "J_%s", bath[nu]);
        note_noise(buf, len, count, total, name, V->J[nu], W->J[nu]);
        snprintf(name, sizeof name, "Js_%s", bath[nu]);
        note_noise(buf, len, count, total, name, V->Js[nu], W->Js[nu]);
    }
    for (int l = 0; l + 2 < V->N; l++) {
        snprintf(name, sizeof name, "j_%d", l + 2);
        note_noise(buf, len, count, total, name, V->j[l], W->j[l]);
    }
    for (int b = 0; b + 1 < V->N; b++) {
        snprintf(name, sizeof name, "js_%d,%d", b + 1, b + 2);
        note_noise(buf, len, count, total, name, V->js[b], W->js[b]);
    }
}

int ng_ness_point_noise(char *buf, size_t len, int *total, const ng_ness_point_t X)
{
    int count = 0;
    char name[48];
    buf[0] = '\0';
    *total = 0;
    noise_local(buf, len, &count, total, X->O, X->E);
    noise_currents(buf, len, &count, total, &X->V, &X->Verr);
    for (int i = 0; i < X->nobs; i++) {
        snprintf(name, sizeof name, "observable %d", i + 1);
        note_noise(buf, len, &count, total, name, X->obs[i], X->obs_err[i]);
    }
    return count;
}
