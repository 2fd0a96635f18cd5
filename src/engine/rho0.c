/* ng_engine_rho0: picks the route, raises the precision until the requested
 * digits are certified, and records what was decided. */
#include <math.h>
#include <string.h>

#include "internal.h"

void ng_engine_opts_init(ng_engine_opts *o)
{
    o->digits = 15;
    o->max_prec = 16384;
    o->route = NG_ENGINE_AUTO;
    o->progress = NULL;
    o->progress_fn = NULL;
    o->progress_arg = NULL;
    o->keep_state = 0;
    o->max_cpu_seconds = 0;
    o->max_bytes = 0;
}

/* Largest sector block whose characteristic polynomial is computed to decide
 * degeneracy exactly (beyond it the certified eigen-solver decides). */
#define EXACT_STRUCTURE_MAX_BLOCK 300
/* Largest sector block whose minimal polynomial is computed to count the
 * distinct levels exactly for the cluster route (C(12, 6) = 924: about a
 * minute; beyond, degenerate levels are not decided). */
#define LEVEL_COUNT_MAX_BLOCK 1000
/* Largest N for the commutant route (dense 4^N operators over the ring). */
#define COMMUTANT_MAX_N 7
/* Largest N of the eigen route: sector blocks up to C(16, 8) = 12870. */
#define ENGINE_MAX_N 16
/* Exact models up to this N go through the commutant route by default:
 * exact results. */
#define EXACT_DEFAULT_MAX_N 5

static void result_setup(ng_engine_rho0_t res, int N, int exact, slong prec)
{
    if (exact)
        ng_ring_init_qq(res->R);
    else
        ng_ring_init_ball(res->R, prec);
    res->exact = exact;
    res->prec = prec;
    ng_engine_obs_init(res->obs, N, res->R);
    _ng_local_init(res->local, N, res->R);
    res->nlevels = 0;
    res->levels = NULL;
    res->nsectors = 0;
    res->sectors = NULL;
    res->degenerate = 0;
    res->have_spacing = 0;
}

static void result_teardown(ng_engine_rho0_t res)
{
    _ng_engine_state_clear(res);
    _ng_local_clear(res->local, res->R);
    ng_engine_obs_clear(res->obs, res->R);
    for (slong i = 0; i < res->nlevels; i++)
        arb_clear(res->levels[i].value);
    flint_free(res->levels);
    flint_free(res->sectors);
    ng_ring_clear(res->R);
    res->local->diag = NULL;
    res->levels = NULL;
    res->nlevels = 0;
    res->sectors = NULL;
    res->nsectors = 0;
}

void ng_engine_rho0_clear(ng_engine_rho0_t res)
{
    if (res->local->diag != NULL)
        result_teardown(res);
    arb_clear(res->spacing);
}

/* Enough digits: t_l to `digits` significant digits, every other value to
 * absolute accuracy 10^-digits (ρ^B and correlations may vanish exactly). */
static int digits_certified(const ng_engine_rho0_t res, slong digits)
{
    const ng_ring_struct *R = res->R;
    const ng_engine_obs_struct *O = res->obs;
    slong bits = (slong)ceil(digits * 3.3219280948873623) + 1;
    mag_t tol;
    int ok = 1;
    if (R->kind != NG_BALL)
        return 1;
    mag_init(tol);
    mag_set_ui_2exp_si(tol, 1, -bits);
    for (int l = 0; l < O->N && ok; l++)
        ok = arb_rel_accuracy_bits(ng_vec_srcentry(O->t, l, R)) >= bits;
    for (int l = 0; l + 1 < O->N && ok; l++)
        ok = mag_cmp(arb_radref((arb_srcptr)ng_vec_srcentry(O->rho_a, l, R)), tol) <= 0 &&
             mag_cmp(arb_radref((arb_srcptr)ng_vec_srcentry(O->rho_b, l, R)), tol) <= 0;
    for (int l = 0; l + 2 < O->N && ok; l++)
        ok = mag_cmp(arb_radref((arb_srcptr)ng_vec_srcentry(O->z_a, l, R)), tol) <= 0 &&
             mag_cmp(arb_radref((arb_srcptr)ng_vec_srcentry(O->a_z, l, R)), tol) <= 0;
    mag_clear(tol);
    return ok;
}

/* Starting precision of the ball routes: the eigen route loses about 52 bits
 * at N = 10 and 56 at N = 11 at the tilted Ising point (~10 in the
 * eigenvector enclosures, the rest in the rate matrix and equation, where the
 * populations span ten decades and more); 40 + 3N guard bits leave ~15 to
 * spare there, so one pass usually suffices; a failed pass doubles it.  The
 * cluster route (θ = π/2) loses about 45 bits at N = 10 and 55 at N = 12
 * (30 digits: 37.5 and 36.6 certified) and works at this precision too. */
static slong start_prec(int N, slong digits)
{
    return (slong)(digits * 3.33) + 40 + 3 * N;
}

double ng_engine_rho0_bytes(int N, const ng_engine_opts *opts)
{
    slong prec = start_prec(N, opts->digits), limbs = (prec + FLINT_BITS - 1) / FLINT_BITS;
    double ball = sizeof(arb_struct) + (limbs > 2 ? 16.0 + 8.0 * limbs : 0.0);
    double sq = 0.0, adjacent = 0.0, big = 0.0, n = 1.0; /* n = C(N, k) */
    for (int k = 0; k <= N; k++) {
        double next = n * (N - k) / (k + 1);
        sq += n * n;
        adjacent += n * next;
        big = FLINT_MAX(big, n);
        n = next;
    }
    /* V and W (diagonal, up and down blocks); the largest sector's refinement
     * and products (Arb's block multiplication holds integer copies of its
     * operands): ~10 n² balls and 5 n² doubles; 1.6 and 5.8 GiB against the
     * 1.0 and 4.3 GiB measured at N = 12 and 13 */
    return ball * (2.0 * sq + 2.0 * adjacent + 10.0 * big * big) + 40.0 * big * big;
}

ng_status ng_engine_rho0_check_size(int N, const ng_engine_opts *opts, double budget)
{
    double need = N > 40 ? HUGE_VAL : ng_engine_rho0_bytes(N, opts);
    if (need > budget)
        return ng_error(NG_EINPUT,
                        "N = %d is too large: rho0 would need about %.3g GiB of memory "
                        "(budget %.3g GiB)", N, need / 1073741824.0, budget / 1073741824.0);
    return NG_OK;
}

int _ng_engine_decide_degeneracy(const ng_op_t H1q, const ng_ring_t Rq, int N)
{
    _ng_hilbert H;
    _ng_terms T;
    int result = 0;
    _ng_hilbert_init(&H, N);
    for (int k = 0; k <= N; k++)
        if (H.sec_dim[k] > EXACT_STRUCTURE_MAX_BLOCK)
            result = -1;
    if (result == 0) {
        _ng_terms_init(&T, H1q, Rq);
        for (int k = 0; k <= N && result == 0; k++) {
            fmpq_mat_t re, im;
            _ng_block_levels Lv;
            fmpq_mat_init(re, H.sec_dim[k], H.sec_dim[k]);
            fmpq_mat_init(im, H.sec_dim[k], H.sec_dim[k]);
            _ng_sector_block_fmpq(re, im, &T, k, &H);
            _ng_block_levels_exact(&Lv, re, im, 64);
            if (Lv.ndistinct < H.sec_dim[k])
                result = 1;
            _ng_block_levels_clear(&Lv);
            fmpq_mat_clear(re);
            fmpq_mat_clear(im);
        }
        _ng_terms_clear(&T, Rq);
    }
    _ng_hilbert_clear(&H);
    return result;
}

ng_status ng_engine_rho0(ng_engine_rho0_t res, ng_model_t M, const ng_engine_opts *opts)
{
    ng_ring_t Rq;
    ng_op_t H1q, H1s;
    int N = M->N, rational, shaped, degenerate = -1, commutant, cluster, exact_model;
    slong *g = NULL; /* distinct levels per sector, decided exactly */
    slong prec;
    ng_status st = NG_OK;

    memset(res, 0, sizeof(ng_engine_rho0_struct));
    arb_init(res->spacing);
    if (M->R->kind == NG_QQ_PARAMS)
        return ng_error(NG_EINPUT, "the model has free parameters (%s ring); rho0 needs a "
                                   "value for every parameter", ng_ring_kind_name(M->R));
    if (N < 2)
        return ng_error(NG_EINPUT, "--N: expected at least 2 spins, got %d", N);
    if (N > ENGINE_MAX_N) /* LAPACK's int workspace sizes; memory refuses far earlier */
        return ng_error(NG_EINPUT, "N = %d is too large for rho0 (at most %d spins)", N,
                        ENGINE_MAX_N);
    exact_model = M->R->kind == NG_QQ;
    ng_ring_init_qq(Rq);
    ng_op_init(H1q, N, NG_PAULI, Rq);
    ng_op_init(H1s, N, NG_PAULI, Rq);
    rational = _ng_engine_h1_rational(H1q, M, Rq);
    /* the structure of P0 H1 P0 from H1 itself, or from its rational shape
     * (a ball H1 whose P0 part is a real multiple of a rational matrix) */
    shaped = rational || _ng_engine_h1_p0_shape(H1s, M, Rq);
    if (shaped)
        degenerate = _ng_engine_decide_degeneracy(rational ? H1q : H1s, Rq, N);
    if (shaped && (opts->route == NG_ENGINE_CLUSTER ||
                     (opts->route == NG_ENGINE_AUTO && degenerate != 0))) {
        slong big = 0;
        _ng_hilbert Hs;
        _ng_hilbert_init(&Hs, N);
        for (int k = 0; k <= N; k++)
            big = FLINT_MAX(big, Hs.sec_dim[k]);
        if (big <= LEVEL_COUNT_MAX_BLOCK) {
            g = flint_malloc((N + 1) * sizeof(slong));
            _ng_engine_level_counts(g, rational ? H1q : H1s, Rq, N);
            degenerate = 0;
            for (int k = 0; k <= N; k++)
                degenerate |= g[k] < Hs.sec_dim[k];
        }
        _ng_hilbert_clear(&Hs);
    }
    st = _ng_engine_check_unique(M);
    if (st != NG_OK)
        goto cleanup;
    if (opts->progress != NULL)
        fprintf(opts->progress, "rho0: N = %d, H1 %s, levels of P0 H1 P0 %s\n", N,
                rational ? "rational" : shaped ? "a real multiple of a rational matrix on P0"
                                               : "not rational",
                degenerate == 1 ? "degenerate (decided exactly)"
                : degenerate == 0 ? "simple (decided exactly)" : "to be separated with balls");

    /* exact models: exact values where the commutant route is affordable */
    commutant = opts->route == NG_ENGINE_COMMUTANT ||
                (opts->route == NG_ENGINE_AUTO && exact_model &&
                 (N <= EXACT_DEFAULT_MAX_N || (degenerate == 1 && N <= COMMUTANT_MAX_N)));
    cluster = !commutant && (opts->route == NG_ENGINE_CLUSTER ||
                             (opts->route == NG_ENGINE_AUTO && degenerate == 1));
    if (cluster && g == NULL) {
        st = ng_error(shaped ? NG_ECOMPUTE : NG_EINPUT,
                      shaped ? "the levels of P0 H1 P0 cannot be counted exactly for N = %d "
                               "(sector blocks above %d)"
                             : "the cluster route needs P0 H1 P0 to be a real multiple of a "
                               "rational matrix (alpha_xx + alpha_yy, alpha_xy - alpha_yx, "
                               "alpha_zz and the z edge fields Ybar x^z in rational ratios) to "
                               "decide which levels are equal",
                      N, LEVEL_COUNT_MAX_BLOCK);
        goto cleanup;
    }
    if (commutant && !rational) {
        st = ng_error(NG_EINPUT, "the commutant route needs a rational H1 (alpha, X and Ybar "
                                 "rational)");
        goto cleanup;
    }
    if (commutant && N > COMMUTANT_MAX_N) {
        st = ng_error(NG_ECOMPUTE,
                      "P0 H1 P0 has degenerate levels and the degenerate zeroth-order "
                      "condition (Eqs. 24, 41-43) is implemented for N <= %d only (N = %d)",
                      COMMUTANT_MAX_N, N);
        goto cleanup;
    }
    if (!commutant && !cluster && degenerate == 1) {
        st = ng_error(NG_ECOMPUTE, "P0 H1 P0 has degenerate levels: the eigen route (rate "
                                   "equation, Eq. 47) does not apply");
        goto cleanup;
    }

    prec = FLINT_MAX(M->R->prec, start_prec(N, opts->digits));
    if (exact_model)
        prec = FLINT_MAX(prec, 128);
    for (;;) {
        int retry = 0;
        if (!exact_model && ng_model_set_prec(M, prec) != NG_OK) {
            st = ng_error(NG_ECOMPUTE, "the model cannot be evaluated at %ld bits: %s",
                          (long)prec, ng_error_message());
            break;
        }
        if (opts->progress != NULL)
            fprintf(opts->progress, "rho0: %s route at %ld bits\n",
                    commutant ? "commutant" : cluster ? "cluster" : "eigen", (long)prec);
        result_setup(res, N, commutant && exact_model, prec);
        if (commutant) {
            st = _ng_engine_rho0_commutant(res, M, H1q, Rq, opts);
            retry = st == NG_ECOMPUTE && !exact_model;
        } else if (cluster) {
            st = _ng_engine_rho0_cluster(res, M, g, prec, &retry, opts);
        } else {
            st = _ng_engine_rho0_eigen(res, M, prec, &retry, opts);
        }
        if (st == NG_OK && digits_certified(res, opts->digits))
            break;
        if (st == NG_OK)
            retry = 1;
        if (!retry || 2 * prec > opts->max_prec) {
            if (st == NG_OK)
                st = ng_error(NG_ECOMPUTE, "%ld digits cannot be certified below %ld bits",
                              (long)opts->digits, (long)opts->max_prec);
            else if (retry && st == NG_ECOMPUTE)
                st = ng_error(NG_ECOMPUTE, "%s (precision exhausted at %ld bits)",
                              ng_error_message(), (long)prec);
            break;
        }
        result_teardown(res);
        prec *= 2;
    }
    res->structure_exact = degenerate >= 0;
    if (!commutant && !cluster)
        res->degenerate = 0;

cleanup:
    /* a failure leaves nothing behind (ng_engine_rho0_clear stays safe) */
    if (st != NG_OK && res->local->diag != NULL)
        result_teardown(res);
    flint_free(g);
    ng_op_clear(H1q, Rq);
    ng_op_clear(H1s, Rq);
    ng_ring_clear(Rq);
    return st;
}
