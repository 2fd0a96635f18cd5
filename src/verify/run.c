/* nessgen verify: the paper's checks in one run (verify.h). */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nessgen/engine.h"
#include "nessgen/numerics.h"
#include "nessgen/observable.h"
#include "nessgen/two_spin.h"
#include "nessgen/verify.h"

/* The tilted Ising preset at u = tan(θ/2) = 1/2 (cos θ = 3/5, sin θ = 4/5),
 * c = d = 1, t_L = 1/2, t_R = 1/5: every quantity rational, levels simple. */
static const char tilted_rational[] =
    "{\"N\": 2, \"h\": 1, \"alpha\": {\"xx\": \"16/25\", \"xz\": \"-12/25\", \"zz\": \"9/25\"},"
    " \"baths\": {\"L\": {\"X\": {\"x\": \"-4/5\", \"z\": \"3/5\"}, \"Ybar\": \"-3/10\","
    " \"c\": 1, \"d\": 1, \"t\": \"1/2\"},"
    " \"R\": {\"X\": {\"x\": \"-4/5\", \"z\": \"3/5\"}, \"Ybar\": \"-3/25\","
    " \"c\": 1, \"d\": 1, \"t\": \"1/5\"}}}";

static double wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct {
    ng_verify_t V;
    FILE *progress;
    double start;
} run_t;

static void record(run_t *r, const char *name, const char *what, int passed, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));

static void record(run_t *r, const char *name, const char *what, int passed, const char *fmt,
                   ...)
{
    ng_verify_item *it;
    va_list ap;
    double now = wall_seconds();
    r->V->items = realloc(r->V->items, (size_t)(r->V->n + 1) * sizeof *r->V->items);
    it = r->V->items + r->V->n++;
    snprintf(it->name, sizeof it->name, "%s", name);
    snprintf(it->what, sizeof it->what, "%s", what);
    va_start(ap, fmt);
    vsnprintf(it->detail, sizeof it->detail, fmt, ap);
    va_end(ap);
    it->passed = passed;
    it->seconds = now - r->start;
    r->start = now;
    if (r->progress != NULL)
        fprintf(r->progress, "verify: %-22s %s (%.2f s)\n", it->name, passed ? "pass" : "FAIL",
                it->seconds);
}

/* A model from a preset or the rational JSON model, with N and overrides. */
static ng_status make_model(ng_model_t M, const char *preset, int N, const char *const *kv)
{
    ng_model_spec *spec = ng_model_spec_new();
    char buf[16];
    ng_status st;
    snprintf(buf, sizeof buf, "%d", N);
    st = preset != NULL ? ng_model_spec_set_preset(spec, preset)
                        : ng_model_spec_read_json(spec, tilted_rational, "tilted Ising, u = 1/2");
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "N", buf);
    for (int i = 0; kv != NULL && kv[i] != NULL && st == NG_OK; i += 2)
        st = ng_model_spec_set(spec, kv[i], kv[i + 1]);
    if (st == NG_OK)
        st = ng_model_resolve(M, spec, 128);
    ng_model_spec_free(spec);
    return st;
}

static const char *cmp_word(ng_cmp c)
{
    return c == NG_CMP_EQUAL          ? "identical"
           : c == NG_CMP_PROPORTIONAL ? "only proportional"
           : c == NG_CMP_DIFFERENT    ? "different"
                                      : "not comparable";
}

/* 1. Eqs. 111–114: the derived two-spin solution for c_L = c_R = c,
 * d_L = d_R = d against the printed formulas, and K = (t1 − t2)/(tL − tR). */
static void check_two_spin(run_t *r)
{
    static const char *const unknowns[3] = {"t1", "t2", "g"};
    static const char *const names[3] = {"eq111-t1", "eq112-t2", "eq113-g"};
    static const char *const whats[3] = {
        "two-spin t1 (equal baths) is Eq. 111 with K of Eq. 114, exactly",
        "two-spin t2 (equal baths) is Eq. 112 with K of Eq. 114, exactly",
        "two-spin g (equal baths) is Eq. 113, exactly"};
    const char *what_K = "K = (t1 - t2)/(tL - tR) derived equals Eq. 114 (any theta, t, c, d)";
    ng_model_spec *spec = ng_model_spec_new();
    ng_model_t M;
    ng_two_spin_t T;
    ng_status st = ng_model_spec_set_preset(spec, "tilted-ising");
    if (st == NG_OK)
        st = ng_model_spec_set_symbolic_defaults(spec);
    if (st == NG_OK)
        st = ng_model_spec_add_symbols(spec, unknowns, 3);
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "N", "2");
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "c", "c");
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "d", "d");
    if (st == NG_OK)
        st = ng_model_resolve(M, spec, 128);
    ng_model_spec_free(spec);
    if (st != NG_OK) {
        record(r, "eq111-114", what_K, 0, "model: %s", ng_error_message());
        return;
    }
    st = ng_two_spin_derive(T, M);
    if (st != NG_OK) {
        record(r, "eq111-114", what_K, 0, "derivation: %s", ng_error_message());
        ng_model_clear(M);
        return;
    }
    {
        const ng_ring_struct *R = M->R;
        ng_srcptr sol[3] = {T->t1, T->t2, T->g};
        ng_ptr p = ng_elem_new(R), f = ng_elem_new(R), K = ng_elem_new(R);
        for (int i = 0; i < 3; i++) {
            ng_cmp c = ng_two_spin_eval_text(p, ng_two_spin_printed_111_113[i], M) == NG_OK
                           ? ng_two_spin_compare(f, sol[i], p, M)
                           : NG_CMP_NOT_APPLICABLE;
            record(r, names[i], whats[i], c == NG_CMP_EQUAL,
                   "derived and printed rational functions of (u_theta, tL, tR, c, d): %s",
                   cmp_word(c));
        }
        ng_elem_sub(K, T->t1, T->t2, R);
        if (ng_two_spin_eval_text(p, "tL-tR", M) == NG_OK && ng_elem_div(K, K, p, R) &&
            ng_two_spin_eval_text(p, ng_two_spin_printed_K, M) == NG_OK) {
            truth_t eq = ng_elem_equal(K, p, R);
            record(r, "eq114-K", what_K, eq == T_TRUE, "K derived %s Eq. 114",
                   eq == T_TRUE ? "==" : "!=");
        } else {
            record(r, "eq114-K", what_K, 0, "K could not be formed");
        }
        ng_elem_free(p, R);
        ng_elem_free(f, R);
        ng_elem_free(K, R);
    }
    ng_two_spin_clear(T);
    ng_model_clear(M);
}

/* 2. Appendix A, Eq. 44: holds with simple levels (dim Im P1 = 2^N), fails in
 * the degenerate case (dim Im P1 > 2^N). */
static void eq44_one(run_t *r, int N, int degenerate)
{
    static const char *const flat[] = {"theta", "pi/2", "tL", "1/2", "tR", "1/5", NULL};
    char name[48], what[160];
    ng_model_t M;
    truth_t holds;
    slong dim = 0, pow2 = WORD(1) << N;
    ng_status st;
    int ok;
    snprintf(name, sizeof name, degenerate ? "eq44-fails-pi/2-N%d" : "eq44-N%d", N);
    snprintf(what, sizeof what,
             degenerate ? "Eq. 44 fails at theta = pi/2, N = %d (degenerate levels)"
                        : "Eq. 44: P1 L1 (Q0L0Q0)^-1 L1 P1 = 0, N = %d, simple levels",
             N);
    st = degenerate ? make_model(M, "tilted-ising", N, flat) : make_model(M, NULL, N, NULL);
    if (st != NG_OK) {
        record(r, name, what, 0, "model: %s", ng_error_message());
        return;
    }
    st = ng_engine_check_eq44(&holds, &dim, M);
    if (st != NG_OK) {
        record(r, name, what, 0, "%s", ng_error_message());
    } else {
        ok = degenerate ? holds == T_FALSE && dim > pow2 : holds == T_TRUE && dim == pow2;
        record(r, name, what, ok, "dim Im P1 = %ld (2^N = %ld); Eq. 44 %s (exact, over Q)",
               (long)dim, (long)pow2,
               holds == T_TRUE ? "holds" : holds == T_FALSE ? "fails" : "undecided");
    }
    ng_model_clear(M);
}

static void check_eq44(run_t *r)
{
    for (int N = 2; N <= 4; N++)
        eq44_one(r, N, 0);
    eq44_one(r, 4, 1);
}

/* ρ0 of a rational model, exactly (res is cleared on failure). */
static ng_status exact_rho0(ng_engine_rho0_t res, ng_model_t M)
{
    ng_engine_opts opts;
    ng_status st;
    ng_engine_opts_init(&opts);
    st = ng_engine_rho0(res, M, &opts);
    if (st == NG_OK && !res->exact) {
        ng_engine_rho0_clear(res);
        return ng_error(NG_ECOMPUTE, "rho0 was not computed exactly");
    }
    return st;
}

/* 3. Eq. 150 on ρ0, exactly; 4. α_zz = 0 ⇒ t_N = t_1. */
static void check_eq150(run_t *r)
{
    static const char *const flat[] = {"theta", "pi/2", "tL", "1/2", "tR", "1/5", NULL};
    char name[48], what[192];
    for (int pass = 0; pass < 2; pass++)
        for (int N = pass == 0 ? 3 : 2; N <= 5; N++) {
            ng_model_t M;
            ng_engine_rho0_t res;
            ng_status st;
            if (pass == 0) {
                snprintf(name, sizeof name, "eq150-exact-N%d", N);
                snprintf(what, sizeof what,
                         "Eq. 150 holds exactly on rho0, N = %d (rational point u = 1/2)", N);
                st = make_model(M, NULL, N, NULL);
            } else {
                snprintf(name, sizeof name, "no-gradient-pi/2-N%d", N);
                snprintf(what, sizeof what,
                         "alpha_zz = 0 (theta = pi/2) => t_N - t_1 = 0 exactly, N = %d", N);
                st = make_model(M, "tilted-ising", N, flat);
            }
            if (st != NG_OK) {
                record(r, name, what, 0, "model: %s", ng_error_message());
                continue;
            }
            st = exact_rho0(res, M);
            if (st != NG_OK) {
                record(r, name, what, 0, "rho0: %s", ng_error_message());
                ng_model_clear(M);
                continue;
            }
            {
                const ng_ring_struct *R = res->R;
                ng_ptr lhs = ng_elem_new(R), rhs = ng_elem_new(R);
                int have_rhs = ng_engine_eq150(lhs, rhs, res->obs, M, R);
                if (pass == 0) {
                    truth_t eq = have_rhs ? ng_elem_equal(lhs, rhs, R) : T_UNKNOWN;
                    truth_t nz = ng_elem_is_zero(lhs, R);
                    record(r, name, what, eq == T_TRUE && nz == T_FALSE,
                           "lhs %s rhs exactly over Q (lhs = t_N - t_1 %s 0; %s)",
                           eq == T_TRUE ? "==" : "!=", nz == T_FALSE ? "!=" : "==",
                           res->degenerate ? "degenerate levels" : "simple levels");
                } else {
                    truth_t z = ng_elem_is_zero(lhs, R);
                    record(r, name, what, z == T_TRUE,
                           "t_N - t_1 %s 0 exactly over Q (%s; route %s)",
                           z == T_TRUE ? "==" : "!=",
                           res->degenerate ? "degenerate levels" : "simple levels",
                           res->route == NG_ENGINE_EIGEN ? "eigen" : "commutant");
                }
                ng_elem_free(lhs, R);
                ng_elem_free(rhs, R);
            }
            ng_engine_rho0_clear(res);
            ng_model_clear(M);
        }
}

static double t_double(const ng_engine_obs_t O, int l, const ng_ring_t R)
{
    return ng_elem_get_d(ng_vec_srcentry(O->t, l, R), R);
}

/* 5. ‖t(λ) − t0‖_∞ ~ λ and ‖t(λ) − t0 − λ t1‖_∞ ~ λ² (N = 4, paper's
 * parameters, θ = π/4). */
static void check_numerics(run_t *r)
{
    enum { N = 4 };
    static const double lam[2] = {1e-2, 1e-3};
    const char *what0 = "full-Liouvillian NESS -> rho0 with order 1 (N = 4, lambda = 1e-2, 1e-3)";
    const char *what1 = "full-Liouvillian NESS -> rho0 + lambda rho1 with order 2 (same)";
    const double tol = 0.15;
    double err[2][2] = {{0, 0}, {0, 0}}, t0[N], t1[N];
    ng_model_t M;
    ng_ness_model_t D;
    ng_engine_series_t S;
    ng_engine_opts opts;
    int have_D;
    ng_status st = make_model(M, "tilted-ising", N, NULL);
    if (st != NG_OK) {
        record(r, "numerics-order-rho0", what0, 0, "model: %s", ng_error_message());
        return;
    }
    ng_engine_opts_init(&opts);
    st = ng_engine_series(S, M, 1, &opts);
    if (st != NG_OK) {
        record(r, "numerics-order-rho0", what0, 0, "series: %s", ng_error_message());
        ng_engine_series_clear(S);
        ng_model_clear(M);
        return;
    }
    for (int l = 0; l < N; l++) {
        t0[l] = t_double(S->obs + 0, l, S->R);
        t1[l] = t_double(S->obs + 1, l, S->R);
    }
    ng_engine_series_clear(S);
    st = ng_ness_model_init(D, M);
    have_D = st == NG_OK;
    for (int k = 0; k < 2 && st == NG_OK; k++) {
        ng_ness_params p;
        ng_ness_t X;
        ng_ness_obs_t O;
        ng_ness_params_init(&p, lam[k]);
        ng_ness_init(X);
        st = ng_ness_solve(X, D, &p);
        if (st == NG_OK) {
            ng_ness_obs_init(O, X->rho, D);
            for (int l = 0; l < N; l++) {
                err[0][k] = fmax(err[0][k], fabs(O->t[l] - t0[l]));
                err[1][k] = fmax(err[1][k], fabs(O->t[l] - t0[l] - lam[k] * t1[l]));
            }
            ng_ness_obs_clear(O);
        }
        ng_ness_clear(X);
    }
    if (st == NG_OK) {
        for (int m = 0; m < 2; m++) {
            double p = log(err[m][0] / err[m][1]) / log(lam[0] / lam[1]);
            record(r, m == 0 ? "numerics-order-rho0" : "numerics-order-rho1",
                   m == 0 ? what0 : what1, fabs(p - (m + 1)) < tol,
                   "max_l |dt_l| = %.3e, %.3e: fitted order %.3f (expected %d +- %.2f)",
                   err[m][0], err[m][1], p, m + 1, tol);
        }
    } else {
        record(r, "numerics-order-rho0", what0, 0, "ness: %s", ng_error_message());
    }
    if (have_D)
        ng_ness_model_clear(D);
    ng_model_clear(M);
}

/* ⟨D_L†(H0)⟩ of a kept ρ0: J_L^[2] (observable.h). */
static ng_status heat_current_rho0(ng_ptr J, ng_ptr sum, const ng_engine_rho0_t res,
                                   const ng_model_t M)
{
    ng_superop_ctx_t L;
    ng_currents_t C;
    ng_current_values_t V;
    ng_ptr raw = ng_vec_init(ng_currents_nraw(M->N), res->R);
    ng_status st;
    ng_superop_ctx_init(L, M);
    ng_currents_init(C, L);
    ng_current_values_init(V, M->N, res->R);
    st = ng_currents_raw_baths(raw, C, M->R, ng_engine_rho0_expect, res, res->R);
    ng_current_values_order(V, raw, 0, 2, res->R);
    ng_elem_set(J, ng_vec_srcentry(V->J, 0, res->R), res->R);
    ng_elem_set(sum, V->sum, res->R);
    ng_current_values_clear(V, res->R);
    ng_vec_clear(raw, ng_currents_nraw(M->N), res->R);
    ng_currents_clear(C, M->R);
    ng_superop_ctx_clear(L);
    return st;
}

static double ness_expect_fn(ng_string P, const void *state)
{
    const ng_ness_struct *X = state;
    return ng_ness_expect(X->rho, X->N, P);
}

/* 6. θ = π/2 (Fig. 5): the profile is flat, yet heat flows.  With
 * t_1 = … = t_N = t̄ the contact law J_ν^[2] = hΓ_ν(t̄ − t_ν) (observable.h) and
 * J_L + J_R = 0 give t̄ = (Γ_L t_L + Γ_R t_R)/(Γ_L + Γ_R) and
 * J_L^[2] = hΓ_LΓ_R(t_R − t_L)/(Γ_L + Γ_R) ≠ 0: the whole temperature drop sits at
 * the two contacts (ballistic transport of the transverse-field Ising chain).
 * Exact for N = 2..5 at t_L = 1/2, t_R = 1/5, c = d = 1 (Γ = 2: J_L^[2] = −3/10,
 * heat enters from the hotter right bath); then the full Liouvillian at the
 * paper's parameters, N = 4: J_L/λ² → J_L^[2] and the bond currents carry J_L. */
static void check_flat_current(run_t *r)
{
    static const char *const flat[] = {"theta", "pi/2", "tL", "1/2", "tR", "1/5", NULL};
    static const double lam[2] = {1e-2, 1e-3};
    const char *what = "theta = pi/2: flat t_l, yet J_L = lambda^2 h Gamma_L Gamma_R (t_R - t_L)/"
                       "(Gamma_L + Gamma_R) != 0 and J_L + J_R = 0 exactly on rho0, N = 2..5";
    const char *what_n = "theta = pi/2, N = 4: full-Liouvillian J_L/lambda^2 -> J_L^[2] at "
                         "least linearly, bond currents = J_L (lambda = 1e-2, 1e-3)";
    int ok = 1, N;
    char detail[256] = "";
    fmpq_t expect;
    fmpq_init(expect);
    fmpq_set_si(expect, -3, 10); /* 1·2·2/(2 + 2)·(1/5 − 1/2) */
    for (N = 2; N <= 5 && ok; N++) {
        ng_model_t M;
        ng_engine_rho0_t res;
        ng_engine_opts opts;
        ng_status st = make_model(M, "tilted-ising", N, flat);
        if (st != NG_OK) {
            snprintf(detail, sizeof detail, "model: %s", ng_error_message());
            ok = 0;
            break;
        }
        ng_engine_opts_init(&opts);
        opts.keep_state = 1;
        st = ng_engine_rho0(res, M, &opts);
        if (st == NG_OK && res->exact) {
            const ng_ring_struct *R = res->R;
            ng_ptr J = ng_elem_new(R), sum = ng_elem_new(R);
            fmpq_t q;
            fmpq_init(q);
            st = heat_current_rho0(J, sum, res, M);
            for (int l = 1; l < N && ok; l++)
                ok = ng_elem_equal(ng_vec_srcentry(res->obs->t, l, R),
                                   ng_vec_srcentry(res->obs->t, 0, R), R) == T_TRUE;
            ok = ok && st == NG_OK && ng_elem_get_fmpq(q, J, R) && fmpq_equal(q, expect) &&
                 ng_elem_is_zero(sum, R) == T_TRUE;
            if (!ok)
                snprintf(detail, sizeof detail, "N = %d: the flat profile or J_L = -3/10 "
                                                "failed", N);
            fmpq_clear(q);
            ng_elem_free(J, R);
            ng_elem_free(sum, R);
        } else {
            snprintf(detail, sizeof detail, "N = %d, rho0: %s", N,
                     st != NG_OK ? ng_error_message() : "not exact");
            ok = 0;
        }
        ng_engine_rho0_clear(res);
        ng_model_clear(M);
    }
    record(r, "flat-profile-heat-current", what, ok, "%s",
           ok ? "t_1 = ... = t_N, J_L^[2] = -3/10 = -J_R^[2] exactly over Q for N = 2..5 "
                "(degenerate levels for N >= 4)"
              : detail);
    fmpq_clear(expect);
    {
        static const char *const paper[] = {"theta", "pi/2", NULL};
        double dev[2] = {0, 0}, bond = 0, J2 = 0;
        ng_model_t M;
        ng_ness_model_t D;
        ng_engine_rho0_t res;
        ng_engine_opts opts;
        ng_superop_ctx_t L;
        ng_currents_t C;
        ng_status st = make_model(M, "tilted-ising", 4, paper);
        if (st != NG_OK) {
            record(r, "flat-current-numerics", what_n, 0, "model: %s", ng_error_message());
            return;
        }
        ng_engine_opts_init(&opts);
        opts.keep_state = 1;
        st = ng_engine_rho0(res, M, &opts);
        if (st == NG_OK) {
            ng_ptr J = ng_elem_new(res->R), sum = ng_elem_new(res->R);
            st = heat_current_rho0(J, sum, res, M);
            J2 = ng_elem_get_d(J, res->R);
            ng_elem_free(J, res->R);
            ng_elem_free(sum, res->R);
        }
        ng_engine_rho0_clear(res);
        ng_superop_ctx_init(L, M);
        ng_currents_init(C, L);
        if (st == NG_OK)
            st = ng_ness_model_init(D, M);
        for (int k = 0; k < 2 && st == NG_OK; k++) {
            ng_ness_params p;
            ng_ness_t X;
            ng_current_values_d V;
            ng_ness_params_init(&p, lam[k]);
            ng_ness_init(X);
            ng_current_values_d_init(&V, 4);
            st = ng_ness_solve(X, D, &p);
            if (st == NG_OK) {
                ng_current_values_d_at(&V, C, M->R, ness_expect_fn, X, lam[k]);
                dev[k] = fabs(V.J[0] / (lam[k] * lam[k]) - J2);
                for (int l = 0; l < 2; l++)
                    bond = fmax(bond, fabs(V.j[l] / V.J[0] - 1));
            }
            ng_current_values_d_clear(&V);
            ng_ness_clear(X);
        }
        if (st == NG_OK) {
            double p = log(dev[0] / dev[1]) / log(lam[0] / lam[1]);
            record(r, "flat-current-numerics", what_n, p > 0.85 && bond < 1e-6 && J2 > 0.3,
                   "J_L^[2] = %.10g (h Gamma (t_R - t_L)/2 with t_nu = tanh(1/T_nu)); "
                   "|J_L/lambda^2 - J_L^[2]| = %.3e, %.3e: order %.2f (>= 0.85); "
                   "max |j_l/J_L - 1| = %.1e (< 1e-6)",
                   J2, dev[0], dev[1], p, bond);
            ng_ness_model_clear(D);
        } else {
            record(r, "flat-current-numerics", what_n, 0, "%s", ng_error_message());
        }
        ng_currents_clear(C, M->R);
        ng_superop_ctx_clear(L);
        ng_model_clear(M);
    }
}

void ng_verify_run(ng_verify_t V, FILE *progress)
{
    run_t r;
    V->n = 0;
    V->items = NULL;
    memcpy(r.V, V, sizeof r.V);
    r.progress = progress;
    r.start = wall_seconds();
    check_two_spin(&r);
    check_eq44(&r);
    check_eq150(&r);
    check_numerics(&r);
    check_flat_current(&r);
    ng_error_clear();
    memcpy(V, r.V, sizeof r.V);
}

void ng_verify_clear(ng_verify_t V)
{
    free(V->items);
    V->items = NULL;
    V->n = 0;
}

int ng_verify_all_passed(const ng_verify_t V)
{
    for (slong i = 0; i < V->n; i++)
        if (!V->items[i].passed)
            return 0;
    return V->n > 0;
}
