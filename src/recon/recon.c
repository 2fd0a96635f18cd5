/* Multivariate functional reconstruction, one variable at a time (see
 * include/nessgen/recon.h), and the verification at fresh points. */
#include <string.h>
#include <time.h>

#include "internal.h"

static double cpu_seconds(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

void ng_recon_init(ng_recon_t rec, slong nvars, slong nout, ng_recon_box box, void *data)
{
    memset(rec, 0, sizeof(ng_recon_struct));
    rec->nvars = nvars;
    rec->nout = nout;
    rec->box = box;
    rec->data = data;
    rec->max_degree = flint_malloc(FLINT_MAX(nvars, 1) * sizeof(slong));
    rec->even = flint_calloc(FLINT_MAX(nvars, 1), sizeof(int));
    rec->samples = flint_malloc(FLINT_MAX(nvars, 1) * sizeof(slong));
    for (slong v = 0; v < nvars; v++)
        rec->max_degree[v] = rec->samples[v] = -1;
    rec->checks = 3;
    rec->max_samples = 4000;
    rec->seed = 14;
}

void ng_recon_clear(ng_recon_t rec)
{
    flint_free(rec->max_degree);
    flint_free(rec->even);
    flint_free(rec->samples);
    rec->max_degree = NULL;
    rec->even = NULL;
    rec->samples = NULL;
}

void ng_recon_set_even(ng_recon_t rec, slong var)
{
    if (var >= 0 && var < rec->nvars)
        rec->even[var] = 1;
}

void ng_recon_set_max_degree(ng_recon_t rec, slong var, slong bound)
{
    if (var >= 0 && var < rec->nvars)
        rec->max_degree[var] = bound;
}

/* The functions of variables first … nvars−1 at one level of the recursion:
 * level 0 is the black box; level L + 1 gives the normalised coefficients
 * (numerator 0 … dn, denominator 0 … dd without j0) of each output of
 * level L in variable L, as functions of the remaining variables. */
typedef struct level_s {
    struct level_s *parent;
    ng_recon_struct *rec;
    slong first, nout;
    slong *dn, *dd, *j0; /* the parent's generic shape, per parent output */
} level_t;

typedef struct {
    level_t *B;
    const fmpq *rest; /* values of variables B->first + 1 … */
} slice_t;

static ng_status level_eval(fmpq *vals, const fmpq *pt, level_t *B);

/* The function of one variable x ↦ B(x, rest). */
static ng_status slice_eval(fmpq *vals, const fmpq_t x, void *data)
{
    slice_t *s = data;
    slong n = s->B->rec->nvars - s->B->first;
    fmpq *pt = _fmpq_vec_init(n);
    ng_status st;
    fmpq_set(pt, x);
    _ng_fmpq_vec_set(pt + 1, s->rest, n - 1);
    st = level_eval(vals, pt, s->B);
    _fmpq_vec_clear(pt, n);
    return st;
}

static void uni_setup(_ng_uni *U, level_t *B, slice_t *s, slong agree)
{
    memset(U, 0, sizeof(_ng_uni));
    U->nout = B->nout;
    U->var = B->first;
    U->bound = B->rec->max_degree[B->first];
    U->agree = agree;
    U->max_samples = B->rec->max_samples;
    U->even = B->rec->even[B->first];
    U->f = slice_eval;
    U->data = s;
}

static void uni_account(ng_recon_struct *rec, const _ng_uni *U)
{
    rec->skipped += U->skipped;
    rec->primes = FLINT_MAX(rec->primes, U->primes);
}

/* Coefficients of the parent's outputs in its first variable at the point
 * pt of the others; NG_ECOMPUTE (skip pt) where the shape is not generic in
 * a way that would change the normalised coefficients. */
static ng_status coefficients_eval(fmpq *vals, const fmpq *pt, level_t *B)
{
    level_t *P = B->parent;
    slice_t s = {P, pt};
    _ng_uni U;
    ng_status st;
    slong k = 0;
    uni_setup(&U, P, &s, 1);
    st = _ng_recon_univariate(&U);
    uni_account(B->rec, &U);
    for (slong o = 0; o < P->nout && st == NG_OK; o++) {
        const _ng_ratfun *f = U.out + o;
        if (f->dn > B->dn[o] || f->dd > B->dd[o] || f->j0 != B->j0[o] ||
            (f->dd < B->dd[o] && f->dn < B->dn[o] && B->dn[o] > 0))
            st = NG_ECOMPUTE; /* a cancellation at pt, or a spurious early stop */
    }
    for (slong o = 0; o < P->nout && st == NG_OK; o++) {
        const _ng_ratfun *f = U.out + o;
        for (slong i = 0; i <= B->dn[o]; i++, k++)
            if (i <= f->dn)
                fmpq_set(vals + k, f->num + i);
            else
                fmpq_zero(vals + k);
        for (slong j = 0; j <= B->dd[o]; j++) {
            if (j == B->j0[o])
                continue;
            if (j <= f->dd)
                fmpq_set(vals + k, f->den + j);
            else
                fmpq_zero(vals + k);
            k++;
        }
    }
    _ng_uni_clear(&U);
    return st;
}

/* One call of the black box, counted, and stopped at the CPU limit. */
static ng_status box_eval(fmpq *vals, const fmpq *pt, ng_recon_struct *rec)
{
    if (rec->cpu_stop > 0 && cpu_seconds() > rec->cpu_stop)
        return ng_error(NG_ELIMIT,
                        "functional reconstruction: stopped at the CPU limit of %g s "
                        "after %ld evaluations (raise the limit: --max-cpu)",
                        rec->max_seconds, (long)rec->evaluations);
    rec->evaluations++;
    if (rec->progress != NULL && rec->evaluations % 200 == 0)
        fprintf(rec->progress, "reconstruction: %ld evaluations\n",
                (long)rec->evaluations);
    return rec->box(vals, pt, rec->data);
}

static ng_status level_eval(fmpq *vals, const fmpq *pt, level_t *B)
{
    if (B->parent != NULL)
        return coefficients_eval(vals, pt, B);
    return box_eval(vals, pt, B->rec);
}

/* Σ_i c[i] x^i, x the parameter var (or its square for an even variable). */
static void horner(ng_ptr res, ng_srcptr c, slong len, slong var, int even,
                   const ng_ring_t R)
{
    ng_ptr x = ng_elem_new(R);
    ng_elem_gen(x, var, R);
    if (even)
        ng_elem_mul(x, x, x, R);
    ng_elem_zero(res, R);
    for (slong i = len - 1; i >= 0; i--) {
        ng_elem_mul(res, res, x, R);
        ng_elem_add(res, res, ng_vec_srcentry(c, i, R), R);
    }
    ng_elem_free(x, R);
}

/* res = (Σ num_i x^i)/(Σ den_j x^j), coefficients already in R. */
static void assemble(ng_ptr res, ng_srcptr num, slong dn, ng_srcptr den, slong dd,
                     slong var, int even, const ng_ring_t R)
{
    ng_ptr n = ng_elem_new(R), d = ng_elem_new(R);
    horner(n, num, dn + 1, var, even, R);
    horner(d, den, dd + 1, var, even, R);
    ng_elem_div(res, n, d, R); /* d ≠ 0: its coefficient j0 is 1 */
    ng_elem_free(n, R);
    ng_elem_free(d, R);
}

static ng_status reconstruct_level(ng_ptr res, level_t *B, const slong *vars,
                                   const ng_ring_t R)
{
    slong n = B->rec->nvars - B->first, var = vars[B->first];
    fmpq *rest = _fmpq_vec_init(FLINT_MAX(n - 1, 1));
    slice_t s = {B, rest};
    _ng_uni U;
    ng_status st;
    for (slong v = 1; v < n; v++)
        ng_recon_sample_point(rest + v - 1, B->first + v, 0);
    uni_setup(&U, B, &s, 2);
    st = _ng_recon_univariate(&U);
    uni_account(B->rec, &U);
    if (st == NG_OK && n == 1) {
        for (slong o = 0; o < B->nout; o++) {
            const _ng_ratfun *f = U.out + o;
            ng_ptr num = ng_vec_init(f->dn + 1, R), den = ng_vec_init(f->dd + 1, R);
            for (slong i = 0; i <= f->dn; i++)
                ng_elem_set_fmpq(ng_vec_entry(num, i, R), f->num + i, R);
            for (slong j = 0; j <= f->dd; j++)
                ng_elem_set_fmpq(ng_vec_entry(den, j, R), f->den + j, R);
            assemble(ng_vec_entry(res, o, R), num, f->dn, den, f->dd, var,
                     B->rec->even[B->first], R);
            ng_vec_clear(num, f->dn + 1, R);
            ng_vec_clear(den, f->dd + 1, R);
        }
    } else if (st == NG_OK) {
        level_t C = {B, B->rec, B->first + 1, 0, NULL, NULL, NULL};
        ng_ptr coef;
        C.dn = flint_malloc(B->nout * sizeof(slong));
        C.dd = flint_malloc(B->nout * sizeof(slong));
        C.j0 = flint_malloc(B->nout * sizeof(slong));
        for (slong o = 0; o < B->nout; o++) {
            C.dn[o] = U.out[o].dn;
            C.dd[o] = U.out[o].dd;
            C.j0[o] = U.out[o].j0;
            C.nout += C.dn[o] + 1 + C.dd[o];
        }
        coef = ng_vec_init(C.nout, R);
        st = reconstruct_level(coef, &C, vars, R);
        for (slong o = 0, k = 0; o < B->nout && st == NG_OK; o++) {
            ng_ptr den = ng_vec_init(C.dd[o] + 1, R);
            ng_srcptr num = ng_vec_srcentry(coef, k, R);
            k += C.dn[o] + 1;
            for (slong j = 0; j <= C.dd[o]; j++)
                if (j == C.j0[o])
                    ng_elem_one(ng_vec_entry(den, j, R), R);
                else
                    ng_elem_set(ng_vec_entry(den, j, R), ng_vec_srcentry(coef, k++, R),
                                R);
            assemble(ng_vec_entry(res, o, R), num, C.dn[o], den, C.dd[o], var,
                     B->rec->even[B->first], R);
            ng_vec_clear(den, C.dd[o] + 1, R);
        }
        ng_vec_clear(coef, C.nout, R);
        flint_free(C.dn);
        flint_free(C.dd);
        flint_free(C.j0);
    }
    _ng_uni_clear(&U);
    _fmpq_vec_clear(rest, FLINT_MAX(n - 1, 1));
    return st;
}

/* A random rational p/q, 2^10 ≤ q < 2^16, 0 < |p| < q: not a sample point
 * (those have denominators below 2^12 only for i < 2^11, and lie in (1/3, 1/2)
 * with numerator (i + 2 + v) ≈ q/2 — a collision is harmless anyway: it only
 * weakens one check). */
static void fresh_point(fmpq_t x, flint_rand_t state)
{
    ulong q = (UWORD(1) << 10) + n_randint(state, (UWORD(1) << 16) - (UWORD(1) << 10));
    slong p;
    do
        p = (slong)n_randint(state, 2 * q - 1) - (slong)(q - 1);
    while (p == 0);
    fmpz_set_si(fmpq_numref(x), p);
    fmpz_set_ui(fmpq_denref(x), q);
    fmpq_canonicalise(x);
}

/* Compares res with the black box at rec->checks fresh random points. */
static ng_status verify(ng_srcptr res, ng_recon_struct *rec, const slong *vars,
                        const ng_ring_t R)
{
    flint_rand_t state;
    fmpq *pt = _fmpq_vec_init(rec->nvars), *all = _fmpq_vec_init(FLINT_MAX(R->nvars, 1));
    fmpq *box = _fmpq_vec_init(rec->nout);
    fmpq_t v;
    ng_status st = NG_OK;
    slong done = 0, tries = 0;
    flint_randinit(state);
    flint_randseed(state, rec->seed, rec->seed ^ UWORD(0x9e3779b97f4a7c15));
    fmpq_init(v);
    while (done < rec->checks && st == NG_OK) {
        int defined = 1;
        if (++tries > 20 * rec->checks + 20) {
            st = ng_error(NG_ECOMPUTE,
                          "functional reconstruction: no fresh point where the "
                          "functions are defined, for the verification");
            break;
        }
        for (slong i = 0; i < rec->nvars; i++) {
            fresh_point(pt + i, state);
            fmpq_set(all + vars[i], pt + i);
        }
        st = box_eval(box, pt, rec);
        if (st == NG_ECOMPUTE) {
            st = NG_OK;
            continue;
        }
        for (slong o = 0; o < rec->nout && st == NG_OK && defined; o++) {
            defined = ng_elem_evaluate_fmpq(v, ng_vec_srcentry(res, o, R), all, R);
            if (defined && !fmpq_equal(v, box + o))
                st = ng_error(NG_ECOMPUTE,
                              "functional reconstruction: output %ld disagrees with the "
                              "black box at a fresh point (a degree bound too low, or an "
                              "unlucky sample)",
                              (long)o + 1);
        }
        if (defined && st == NG_OK)
            done++;
    }
    fmpq_clear(v);
    _fmpq_vec_clear(pt, rec->nvars);
    _fmpq_vec_clear(all, FLINT_MAX(R->nvars, 1));
    _fmpq_vec_clear(box, rec->nout);
    flint_randclear(state);
    return st;
}

/* The black box along variable var, the others at their first sample. */
typedef struct {
    ng_recon_struct *rec;
    slong var;
} probe_t;

static ng_status probe_eval(fmpq *vals, const fmpq_t x, void *data)
{
    probe_t *p = data;
    slong n = p->rec->nvars;
    fmpq *pt = _fmpq_vec_init(n);
    ng_status st;
    for (slong v = 0; v < n; v++)
        if (v == p->var)
            fmpq_set(pt + v, x);
        else
            ng_recon_sample_point(pt + v, v, 0);
    st = box_eval(vals, pt, p->rec);
    _fmpq_vec_clear(pt, n);
    return st;
}

/* E of recon.h from the samples of the first nprobed variables, the others
 * counted as one sample each: a lower bound of E while probing, E itself at
 * the end (E grows with every s_v). */
static double estimated_evaluations(const ng_recon_struct *rec, slong nprobed)
{
    double E = (double)rec->checks, prod = 1;
    for (slong v = 0; v < rec->nvars; v++) {
        double s = v < nprobed ? (double)rec->samples[v] : 1;
        E += prod * s;
        prod *= FLINT_MAX(s - 1, 1);
    }
    return E;
}

/* NG_ELIMIT with the figures, the names not yet probed shown as "?". */
static ng_status over_limit(const ng_recon_struct *rec, slong nprobed, const slong *vars,
                            const ng_ring_t R)
{
    char samples[512];
    size_t len = 0;
    samples[0] = '\0';
    for (slong v = 0; v < rec->nvars && len + 80 < sizeof samples; v++)
        len += v < nprobed
                   ? (size_t)snprintf(samples + len, sizeof samples - len, "%s%s %ld",
                                      v ? " x " : "", R->names[vars[v]], (long)rec->samples[v])
                   : (size_t)snprintf(samples + len, sizeof samples - len, "%s%s ?",
                                      v ? " x " : "", R->names[vars[v]]);
    return ng_error(NG_ELIMIT,
                    "closed forms: estimated %s%.3g s of CPU, above the limit of %g s "
                    "(raise it: --max-cpu): %s%.3g evaluations of the exact "
                    "route at %.3g ms each (samples per name, from its degrees: %s%s)",
                    nprobed < rec->nvars ? "at least " : "", rec->estimated_seconds,
                    rec->max_seconds, nprobed < rec->nvars ? "at least " : "about ",
                    rec->estimated_evaluations, 1e3 * rec->seconds_per_evaluation, samples,
                    len + 80 < sizeof samples ? "" : " ...");
}

/* One variable's probe: the samples its univariate reconstruction needs. */
static ng_status probe_variable(ng_recon_struct *rec, slong v, const slong *vars,
                                const ng_ring_t R)
{
    probe_t p = {rec, v};
    _ng_uni U;
    ng_status st;
    memset(&U, 0, sizeof U);
    U.nout = rec->nout;
    U.var = v;
    U.bound = rec->max_degree[v];
    U.agree = 2;
    U.max_samples = rec->max_samples;
    U.even = rec->even[v];
    U.f = probe_eval;
    U.data = &p;
    st = _ng_recon_univariate(&U);
    rec->samples[v] = U.evaluations;
    _ng_uni_clear(&U);
    if (st == NG_ELIMIT)
        st = ng_error(NG_ELIMIT,
                      "closed forms: the degree probe in %s alone took more than the "
                      "CPU limit of %g s (%ld evaluations); raise the limit: --max-cpu",
                      R->names[vars[v]], rec->max_seconds, (long)rec->evaluations);
    return st;
}

/* The cost estimate of recon.h: probes, E, E·t against max_seconds.  After
 * each probe the estimate so far (a lower bound) is checked, so a request far
 * over the limit is refused without probing the remaining names. */
static ng_status estimate_cost(ng_recon_struct *rec, const slong *vars, const ng_ring_t R)
{
    double t0 = cpu_seconds();
    rec->cpu_stop = t0 + rec->max_seconds;
    if (rec->nvars < 2)
        return NG_OK; /* the probe would be the whole work: stop at the limit */
    for (slong v = 0; v < rec->nvars; v++) {
        ng_status st = probe_variable(rec, v, vars, R);
        if (st != NG_OK)
            return st;
        rec->probe_evaluations = rec->evaluations;
        rec->probe_seconds = cpu_seconds() - t0;
        rec->seconds_per_evaluation = rec->probe_seconds / FLINT_MAX(rec->evaluations, 1);
        rec->estimated_evaluations = estimated_evaluations(rec, v + 1);
        rec->estimated_seconds =
            rec->probe_seconds + rec->estimated_evaluations * rec->seconds_per_evaluation;
        if (rec->estimated_seconds > rec->max_seconds)
            return over_limit(rec, v + 1, vars, R);
    }
    rec->cpu_stop = t0 + 2 * rec->max_seconds;
    return NG_OK;
}

ng_status ng_recon_rational(ng_ptr res, ng_recon_t rec, const slong *vars,
                            const ng_ring_t R)
{
    level_t B = {NULL, rec, 0, rec->nout, NULL, NULL, NULL};
    ng_status st;
    rec->evaluations = rec->skipped = rec->primes = 0;
    if (R->kind != NG_QQ_PARAMS || rec->nvars < 1 || rec->nout < 1)
        return ng_error(NG_EINPUT,
                        "functional reconstruction: needs at least one variable "
                        "and one output, into a ring of rational functions");
    for (slong i = 0; i < rec->nvars; i++)
        if (vars[i] < 0 || vars[i] >= R->nvars)
            return ng_error(NG_EINPUT,
                            "functional reconstruction: variable %ld is not a "
                            "parameter of the ring",
                            (long)i + 1);
    rec->cpu_stop = 0;
    st = rec->max_seconds > 0 ? estimate_cost(rec, vars, R) : NG_OK;
    if (st == NG_OK)
        st = reconstruct_level(res, &B, vars, R);
    if (st == NG_OK)
        st = verify(res, rec, vars, R);
    rec->cpu_stop = 0;
    if (st != NG_OK)
        for (slong o = 0; o < rec->nout; o++)
            ng_elem_zero(ng_vec_entry(res, o, R), R);
    return st;
}
