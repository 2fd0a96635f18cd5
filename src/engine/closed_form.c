/* ρ0's local observables as exact rational functions of the model's free
 * names (issue 14): the commutant route over Q is the black box, evaluated
 * at rational points of the names, and src/recon reconstructs the rational
 * functions and checks them at fresh points.  For simple levels ρ0 solves a
 * linear system whose coefficients are rational in the names (the commutant
 * is spanned by the spectral projectors, symmetric functions of the levels),
 * so the observables are rational functions; points where the structure of
 * P0 H1 P0 changes (a level crossing) are skipped, and the result holds away
 * from them.
 *
 * In the tilted Ising preset the observables are even in u_θ: θ → −θ flips
 * the signs of sin θ, so of α_xz and x_ν^x, which is conjugation by
 * U = Π_l σ^z_l (σ^x, σ^y → −σ^x, −σ^y); H0 and every observable here
 * (σ^z_l, ρ^A, ρ^B, σ^zρ^A: even in σ^x, σ^y) are invariant, so ρ0(−θ) =
 * Uρ0(θ)U† gives the same values.  They are reconstructed in u_θ², half
 * the samples; the fresh points (of both signs) check it. */
#include <string.h>

#include "internal.h"
#include "nessgen/recon.h"

#define CLOSED_FORM_MAX_N 6

typedef struct {
    const ng_model_struct *M;
    ng_engine_opts opts;
    int have_structure, degenerate;
    slong dim_p1;
} closed_box;

static slong obs_count(int N)
{
    return 1 + N + 2 * (N - 1) + 2 * (N - 2);
}

/* The observables in the order trace, t, ρ^A, ρ^B, σ^zρ^A, ρ^Aσ^z. */
static ng_ptr obs_entry(const ng_engine_obs_t O, slong k, const ng_ring_t R)
{
    int N = O->N;
    if (k < 1)
        return ng_vec_entry(O->trace, k, R);
    k -= 1;
    if (k < N)
        return ng_vec_entry(O->t, k, R);
    k -= N;
    if (k < N - 1)
        return ng_vec_entry(O->rho_a, k, R);
    k -= N - 1;
    if (k < N - 1)
        return ng_vec_entry(O->rho_b, k, R);
    k -= N - 1;
    if (k < N - 2)
        return ng_vec_entry(O->z_a, k, R);
    return ng_vec_entry(O->a_z, k - (N - 2), R);
}

static ng_status rho0_at_point(fmpq *values, const fmpq *point, void *data)
{
    closed_box *b = data;
    ng_model_t P;
    ng_engine_rho0_t res;
    ng_status st = ng_model_specialise(P, b->M, point);
    if (st != NG_OK)
        return st;
    st = ng_engine_rho0(res, P, &b->opts);
    if (st == NG_OK && !res->exact)
        st = ng_error(NG_ECOMPUTE, "the commutant route gave no exact value");
    if (st == NG_OK && !b->have_structure) {
        b->have_structure = 1;
        b->degenerate = res->degenerate;
        b->dim_p1 = res->dim_p1;
    } else if (st == NG_OK &&
               (res->degenerate != b->degenerate || res->dim_p1 != b->dim_p1)) {
        st = NG_ECOMPUTE; /* a level crossing: not the generic structure */
    }
    for (slong k = 0; st == NG_OK && k < obs_count(P->N); k++)
        if (!ng_elem_get_fmpq(values + k, obs_entry(res->obs, k, res->R), res->R))
            st = ng_error(NG_ECOMPUTE, "the commutant route gave no exact value");
    ng_engine_rho0_clear(res);
    ng_model_clear(P);
    return st;
}

ng_status ng_engine_rho0_closed(ng_engine_closed_t res, const ng_model_t M,
                                const ng_engine_opts *opts, const slong *max_degree)
{
    const ng_ring_struct *R = M->R;
    closed_box b;
    ng_recon_t rec;
    slong n = obs_count(M->N), *vars;
    ng_ptr out;
    ng_status st;

    memset(res, 0, sizeof(ng_engine_closed_struct));
    if (R->kind != NG_QQ_PARAMS || R->nvars == 0)
        return ng_error(NG_EINPUT, "closed forms need a model with free names");
    if (M->N < 2 || M->N > CLOSED_FORM_MAX_N)
        return ng_error(NG_EINPUT,
                        "--N: closed forms of rho0 are computed for 2 <= N <= %d "
                        "spins (got %d)",
                        CLOSED_FORM_MAX_N, M->N);
    memset(&b, 0, sizeof b);
    b.M = M;
    ng_engine_opts_init(&b.opts);
    b.opts.route = NG_ENGINE_COMMUTANT;
    ng_recon_init(rec, R->nvars, n, rho0_at_point, &b);
    rec->progress = opts != NULL ? opts->progress : NULL;
    rec->max_seconds = opts != NULL ? opts->max_cpu_seconds : 0;
    if (M->preset != NULL && strcmp(M->preset, "tilted-ising") == 0 &&
        ng_ring_param_index(R, "u_theta") >= 0)
        ng_recon_set_even(rec, ng_ring_param_index(R, "u_theta"));
    for (slong v = 0; max_degree != NULL && v < R->nvars; v++)
        ng_recon_set_max_degree(rec, v, max_degree[v]);
    vars = flint_malloc(R->nvars * sizeof(slong));
    for (slong v = 0; v < R->nvars; v++)
        vars[v] = v;
    out = ng_vec_init(n, R);
    st = ng_recon_rational(out, rec, vars, R);
    if (st == NG_OK && !b.have_structure)
        st = ng_error(NG_ECOMPUTE, "rho0 is undefined at every sample point");
    if (st == NG_OK) {
        ng_engine_obs_init(res->obs, M->N, R);
        for (slong k = 0; k < n; k++)
            ng_elem_swap(obs_entry(res->obs, k, R), ng_vec_entry(out, k, R), R);
        res->have_obs = 1;
        res->degenerate = b.degenerate;
        res->dim_p1 = b.dim_p1;
        res->evaluations = rec->evaluations;
        res->skipped = rec->skipped;
        res->primes = rec->primes;
        res->probe_evaluations = rec->probe_evaluations;
        res->estimated_seconds = rec->estimated_seconds;
        res->estimated_evaluations = rec->estimated_evaluations;
    }
    res->R = R;
    ng_vec_clear(out, n, R);
    flint_free(vars);
    ng_recon_clear(rec);
    return st;
}

void ng_engine_closed_clear(ng_engine_closed_t res)
{
    if (res->have_obs)
        ng_engine_obs_clear(res->obs, res->R);
    memset(res, 0, sizeof(ng_engine_closed_struct));
}
