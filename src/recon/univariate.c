/* Univariate reconstruction over Q of several functions sharing samples:
 * Thiele modulo a first prime decides how many samples each function needs
 * (early termination, or 2B + 1 with a degree bound B); the same samples
 * modulo further primes, Chinese remaindering and rational reconstruction
 * until the rational coefficients no longer change. */
#include <flint/ulong_extras.h>

#include "internal.h"

/* Word-size primes below 2^63: large enough that an accidental agreement or
 * an unlucky reduction has probability ~ degree/2^62. */
#define FIRST_PRIME_FROM (UWORD(1) << 62)
#define MAX_PRIMES 4000
/* Consecutive points where a function is undefined (or, inside the
 * recursion, not of its generic shape) after which the reconstruction gives
 * up on this line: the line itself is special (two names' samples equal,
 * t_L = t_R = 2/5 say, where t_l no longer depends on θ), and the caller
 * skips it.  Without this cap such a line cost max_samples (4000) inner
 * reconstructions. */
#define MAX_SKIPPED_IN_A_ROW 40

void ng_recon_sample_point(fmpq_t x, slong v, slong i)
{
    fmpz_set_si(fmpq_numref(x), i + 2 + v);
    fmpz_set_si(fmpq_denref(x), 2 * i + 5 + 3 * v);
    fmpq_canonicalise(x);
}

void _ng_ratfun_clear(_ng_ratfun *f)
{
    if (f->num != NULL)
        _fmpq_vec_clear(f->num, f->dn + 1);
    if (f->den != NULL)
        _fmpq_vec_clear(f->den, f->dd + 1);
    f->num = f->den = NULL;
}

void _ng_uni_clear(_ng_uni *U)
{
    for (slong o = 0; U->out != NULL && o < U->nout; o++)
        _ng_ratfun_clear(U->out + o);
    flint_free(U->out);
    U->out = NULL;
}

/* The samples taken so far: xs[k], ys[k·nout + o]. */
typedef struct {
    slong n, alloc, nout;
    fmpq *xs, *ys;
} samples_t;

static void samples_clear(samples_t *S)
{
    for (slong k = 0; k < S->n; k++) {
        fmpq_clear(S->xs + k);
        for (slong o = 0; o < S->nout; o++)
            fmpq_clear(S->ys + k * S->nout + o);
    }
    flint_free(S->xs);
    flint_free(S->ys);
}

static void samples_push(samples_t *S, const fmpq_t x, const fmpq *y)
{
    if (S->n == S->alloc) {
        S->alloc = FLINT_MAX(32, 2 * S->alloc);
        S->xs = flint_realloc(S->xs, S->alloc * sizeof(fmpq));
        S->ys = flint_realloc(S->ys, S->alloc * S->nout * sizeof(fmpq));
    }
    fmpq_init(S->xs + S->n);
    fmpq_set(S->xs + S->n, x);
    for (slong o = 0; o < S->nout; o++) {
        fmpq_init(S->ys + S->n * S->nout + o);
        fmpq_set(S->ys + S->n * S->nout + o, y + o);
    }
    S->n++;
}

/* Per function: which samples its continued fraction uses, and its shape. */
typedef struct {
    _ng_thiele T;
    slong *used, nused, consumed, agreed;
    int done;
    slong dn, dd, j0;
} track_t;

static int track_finished(const track_t *t, const _ng_uni *U)
{
    if (U->bound >= 0)
        return t->consumed >= 2 * U->bound + 1;
    return t->agreed >= U->agree;
}

/* Feeds sample k to function o modulo the first prime. */
static ng_status track_feed(track_t *t, const samples_t *S, slong k, slong o,
                            const _ng_uni *U)
{
    mp_limb_t x, y;
    if (!_ng_fmpq_get_nmod(&x, S->xs + k, t->T.mod) ||
        !_ng_fmpq_get_nmod(&y, S->ys + k * S->nout + o, t->T.mod))
        return ng_error(NG_ECOMPUTE,
                        "functional reconstruction: a sample's denominator is "
                        "divisible by the prime %lu",
                        (unsigned long)t->T.mod.n);
    t->consumed++;
    if (_ng_thiele_agrees(&t->T, x, y)) {
        t->agreed++;
    } else {
        t->agreed = 0;
        if (_ng_thiele_add(&t->T, x, y))
            t->used[t->nused++] = k;
    }
    t->done = track_finished(t, U);
    return NG_OK;
}

/* Samples until every function's continued fraction modulo the first prime
 * is complete. */
static ng_status sample_first_prime(samples_t *S, track_t *tr, _ng_uni *U)
{
    fmpq_t x;
    fmpq *y = _fmpq_vec_init(U->nout);
    ng_status st = NG_OK;
    slong remaining = U->nout, in_a_row = 0;
    fmpq_init(x);
    for (slong i = 0; remaining > 0 && st == NG_OK; i++) {
        if (in_a_row >= MAX_SKIPPED_IN_A_ROW) {
            st = ng_error(NG_ECOMPUTE,
                          "functional reconstruction: undefined at %d consecutive "
                          "samples of variable %ld",
                          MAX_SKIPPED_IN_A_ROW, (long)U->var + 1);
            break;
        }
        if (i >= U->max_samples) {
            st = ng_error(
                NG_ECOMPUTE,
                "functional reconstruction: no rational function of variable %ld "
                "fits %ld samples (degree above the limit, or undefined at too "
                "many points)",
                (long)U->var + 1, (long)U->max_samples);
            break;
        }
        ng_recon_sample_point(x, U->var, i);
        U->evaluations++;
        st = U->f(y, x, U->data);
        if (st == NG_ECOMPUTE) {
            U->skipped++;
            in_a_row++;
            st = NG_OK;
            continue;
        }
        if (st != NG_OK)
            break;
        in_a_row = 0;
        if (U->even) /* interpolate in w = x² */
            fmpq_mul(x, x, x);
        samples_push(S, x, y);
        for (slong o = 0; o < U->nout && st == NG_OK; o++) {
            if (tr[o].done)
                continue;
            if (tr[o].used == NULL)
                tr[o].used = flint_malloc(U->max_samples * sizeof(slong));
            st = track_feed(tr + o, S, S->n - 1, o, U);
            if (tr[o].done)
                remaining--;
        }
    }
    fmpq_clear(x);
    _fmpq_vec_clear(y, U->nout);
    return st;
}

/* Function o modulo p from its samples: residues of num (dn + 1) then den
 * (dd + 1) into r.  0 if p is unlucky (a breakdown or another shape). */
static int fraction_mod_p(mp_limb_t *r, const samples_t *S, const track_t *t, slong o,
                          mp_limb_t p)
{
    _ng_thiele T;
    nmod_poly_t num, den;
    slong j0;
    int ok = 1;
    _ng_thiele_init(&T, p);
    for (slong k = 0; k < t->nused && ok; k++) {
        mp_limb_t x, y;
        slong s = t->used[k];
        ok = _ng_fmpq_get_nmod(&x, S->xs + s, T.mod) &&
             _ng_fmpq_get_nmod(&y, S->ys + s * S->nout + o, T.mod) &&
             _ng_thiele_add(&T, x, y);
    }
    nmod_poly_init(num, p);
    nmod_poly_init(den, p);
    if (ok) {
        _ng_thiele_get_fraction(num, den, &j0, &T);
        ok = j0 == t->j0 && FLINT_MAX(nmod_poly_degree(num), 0) == t->dn &&
             nmod_poly_degree(den) == t->dd;
    }
    for (slong i = 0; ok && i <= t->dn; i++)
        r[i] = nmod_poly_get_coeff_ui(num, i);
    for (slong i = 0; ok && i <= t->dd; i++)
        r[t->dn + 1 + i] = nmod_poly_get_coeff_ui(den, i);
    nmod_poly_clear(num);
    nmod_poly_clear(den);
    _ng_thiele_clear(&T);
    return ok;
}

/* Chinese remaindering over primes until the rational reconstruction of
 * every coefficient of function o repeats. */
static ng_status lift_to_q(_ng_ratfun *f, const samples_t *S, const track_t *t, slong o,
                           mp_limb_t p0, slong *nprimes)
{
    slong n = (t->dn + 1) + (t->dd + 1), used = 0;
    fmpz *res = _fmpz_vec_init(n);
    fmpz_t m;
    fmpq *q = _fmpq_vec_init(n), *prev = _fmpq_vec_init(n);
    mp_limb_t *r = flint_malloc(n * sizeof(mp_limb_t)), p = p0;
    int have_prev = 0, stable = 0;
    fmpz_init(m);
    for (slong k = 0; k < MAX_PRIMES && !stable; k++, p = n_nextprime(p, 1)) {
        int all = 1;
        if (!fraction_mod_p(r, S, t, o, p))
            continue;
        used++;
        if (fmpz_is_zero(m)) {
            for (slong i = 0; i < n; i++)
                fmpz_set_ui(res + i, r[i]);
            fmpz_set_ui(m, p);
        } else {
            for (slong i = 0; i < n; i++)
                fmpz_CRT_ui(res + i, res + i, m, r[i], p, 0);
            fmpz_mul_ui(m, m, p);
        }
        for (slong i = 0; i < n && all; i++)
            all = fmpq_reconstruct_fmpz(q + i, res + i, m);
        stable = all && have_prev && _ng_fmpq_vec_equal(q, prev, n);
        if (all) {
            _ng_fmpq_vec_set(prev, q, n);
            have_prev = 1;
        } else {
            have_prev = 0;
        }
    }
    *nprimes = FLINT_MAX(*nprimes, used);
    if (stable) {
        f->dn = t->dn;
        f->dd = t->dd;
        f->j0 = t->j0;
        f->num = _fmpq_vec_init(f->dn + 1);
        f->den = _fmpq_vec_init(f->dd + 1);
        _ng_fmpq_vec_set(f->num, q, f->dn + 1);
        _ng_fmpq_vec_set(f->den, q + f->dn + 1, f->dd + 1);
    }
    fmpz_clear(m);
    _fmpz_vec_clear(res, n);
    _fmpq_vec_clear(q, n);
    _fmpq_vec_clear(prev, n);
    flint_free(r);
    return stable ? NG_OK
                  : ng_error(NG_ECOMPUTE,
                             "functional reconstruction: the rational "
                             "coefficients did not stabilise over %d primes",
                             MAX_PRIMES);
}

ng_status _ng_recon_univariate(_ng_uni *U)
{
    mp_limb_t p0 = n_nextprime(FIRST_PRIME_FROM, 1);
    samples_t S = {0, 0, U->nout, NULL, NULL};
    track_t *tr = flint_calloc(U->nout, sizeof(track_t));
    ng_status st;
    U->out = flint_calloc(U->nout, sizeof(_ng_ratfun));
    for (slong o = 0; o < U->nout; o++)
        _ng_thiele_init(&tr[o].T, p0);
    st = sample_first_prime(&S, tr, U);
    for (slong o = 0; o < U->nout && st == NG_OK; o++) {
        nmod_poly_t num, den;
        nmod_poly_init(num, p0);
        nmod_poly_init(den, p0);
        _ng_thiele_get_fraction(num, den, &tr[o].j0, &tr[o].T);
        tr[o].dn = FLINT_MAX(nmod_poly_degree(num), 0);
        tr[o].dd = nmod_poly_degree(den);
        nmod_poly_clear(num);
        nmod_poly_clear(den);
        st = lift_to_q(U->out + o, &S, tr + o, o, p0, &U->primes);
    }
    for (slong o = 0; o < U->nout; o++) {
        _ng_thiele_clear(&tr[o].T);
        flint_free(tr[o].used);
    }
    flint_free(tr);
    samples_clear(&S);
    if (st != NG_OK)
        _ng_uni_clear(U);
    return st;
}
