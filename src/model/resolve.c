/* Resolving a spec into a model: build every quantity as an expression,
 * classify them exactly, pick the tightest ring that holds them all
 * (DESIGN §3), evaluate, and check the ranges of DESIGN §1. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define MIN_PREC 16
#define MAX_PREC (1L << 20)

static ng_status check_prec(slong prec)
{
    if (prec < MIN_PREC || prec > MAX_PREC)
        return ng_error(NG_EINPUT,
                        "--prec: expected a precision from %d to %ld bits, got %ld",
                        MIN_PREC, MAX_PREC, (long)prec);
    return NG_OK;
}

/* The ring: Q if everything is rational, Q(symbols) if something is
 * symbolic, balls if something is irrational; symbolic and irrational
 * together have no exact home, and balls cannot hold free names. */
static ng_status pick_ring(ng_ring_t R, const _ng_model_build *b,
                           const ng_expr_domain *dom, slong prec, const ng_model_spec *spec)
{
    int real = -1, sym = -1;
    char **names = NULL;
    slong n = 0;
    ng_status st = NG_OK;

    for (int i = 0; i < _NG_NQUANTITIES; i++) {
        if (dom[i] == NG_EXPR_REAL && real < 0)
            real = i;
        if (dom[i] == NG_EXPR_SYMBOLIC && sym < 0)
            sym = i;
    }
    if (real >= 0 && sym >= 0)
        return ng_error(NG_EINPUT,
                        "the model mixes free names (%s = %s, from %s) with irrational "
                        "numbers (%s = %s, from %s); exact symbolic results need every "
                        "number rational: give rational values (e.g. --tL 1/2 instead of "
                        "a temperature) or free names for the irrational ones",
                        _ng_model_quantity_name(sym), ng_expr_text(b->q[sym]),
                        b->label[sym], _ng_model_quantity_name(real),
                        ng_expr_text(b->q[real]), b->label[real]);
    if (real >= 0 && spec->nextra > 0)
        return ng_error(NG_EINPUT,
                        "%s = %s (from %s) is irrational, but this derivation is exact and "
                        "symbolic: give rational values or free names",
                        _ng_model_quantity_name(real), ng_expr_text(b->q[real]),
                        b->label[real]);
    if (real >= 0) {
        ng_ring_init_ball(R, prec);
        return NG_OK;
    }
    if (sym < 0 && spec->nextra == 0) {
        ng_ring_init_qq(R);
        return NG_OK;
    }
    for (int i = 0; i < _NG_NQUANTITIES && st == NG_OK; i++) {
        st = ng_expr_symbols(&names, &n, b->q[i]);
        if (st != NG_OK)
            st = _ng_model_relabel(st, b->label[i]);
    }
    for (slong i = 0; i < spec->nextra; i++) {
        int seen = 0;
        for (slong j = 0; j < n; j++)
            seen |= strcmp(names[j], spec->extra[i]) == 0;
        if (!seen) {
            names = flint_realloc(names, (n + 1) * sizeof(char *));
            names[n++] = _ng_model_strdup(spec->extra[i]);
        }
    }
    /* θ and u_θ = tan(θ/2) are not independent: no rational function holds
     * both, so a name may appear bare or under sin/cos, not both. */
    for (slong i = 0; i < n && st == NG_OK; i++)
        for (slong j = 0; j < n && st == NG_OK; j++)
            if (strncmp(names[i], "u_", 2) == 0 && strcmp(names[i] + 2, names[j]) == 0)
                st = ng_error(NG_EINPUT,
                              "the free name %s appears both bare and under sin/cos/tan "
                              "(as %s = tan(%s/2)); no rational function holds both: use "
                              "different names",
                              names[j], names[i], names[j]);
    if (st == NG_OK)
        ng_ring_init_params(R, (const char *const *)names, n);
    for (slong i = 0; i < n; i++)
        flint_free(names[i]);
    flint_free(names);
    return st;
}

/* sign(e) must satisfy want (">0", ">=0", "!=0") when it can be decided;
 * a non-constant rational function of free names is taken as valid. */
static ng_status check_sign(const ng_expr *e, const char *want, const char *what,
                            const char *label, slong prec, const ng_ring_t R)
{
    int sign, decided, ok;
    ng_status st = _ng_model_expr_sign(&sign, &decided, e, prec, R);
    if (st != NG_OK)
        return _ng_model_relabel(st, label);
    if (!decided)
        return NG_OK;
    if (strcmp(want, ">0") == 0)
        ok = sign > 0;
    else if (strcmp(want, ">=0") == 0)
        ok = sign >= 0;
    else
        ok = sign != 0;
    return ok ? NG_OK : ng_error(NG_EINPUT, "%s: %s", label, what);
}

static ng_status check_ranges(const _ng_model_build *b, slong prec, const ng_ring_t R)
{
    static const char *const axis = "xyz";
    char what[512];
    ng_status st;

    snprintf(what, sizeof what, "h must be nonzero (H0 = h Σ σ^z), got '%s'",
             ng_expr_text(b->q[_NG_Q_H]));
    st = check_sign(b->q[_NG_Q_H], "!=0", what, b->label[_NG_Q_H], prec, R);
    for (int nu = 0; nu < 2 && st == NG_OK; nu++) {
        int ic = _NG_Q_C + nu, id = _NG_Q_D + nu, it = _NG_Q_T + nu;
        ng_expr *lo, *hi;
        snprintf(what, sizeof what, "expected c ≥ 0 (a rate of the bath), got '%s'",
                 ng_expr_text(b->q[ic]));
        st = check_sign(b->q[ic], ">=0", what, b->label[ic], prec, R);
        if (st != NG_OK)
            break;
        snprintf(what, sizeof what, "expected d ≥ 0 (a rate of the bath), got '%s'",
                 ng_expr_text(b->q[id]));
        st = check_sign(b->q[id], ">=0", what, b->label[id], prec, R);
        if (st != NG_OK)
            break;
        snprintf(what, sizeof what, "expected |t| < 1 (t = tanh(h/T)), got '%s'",
                 ng_expr_text(b->q[it]));
        lo = ng_expr_binary('+', ng_expr_rational(1, 1), ng_expr_copy(b->q[it]));
        hi = ng_expr_binary('-', ng_expr_rational(1, 1), ng_expr_copy(b->q[it]));
        st = check_sign(lo, ">0", what, b->label[it], prec, R);
        if (st == NG_OK)
            st = check_sign(hi, ">0", what, b->label[it], prec, R);
        ng_expr_free(lo);
        ng_expr_free(hi);
    }
    for (int j = 0; j < 3 && st == NG_OK; j++) {
        for (int k = j + 1; k < 3 && st == NG_OK; k++) {
            int ijk = _NG_Q_ALPHA + 3 * j + k, ikj = _NG_Q_ALPHA + 3 * k + j;
            ng_expr *diff;
            int sign, decided;
            if (!b->alpha_both_given[3 * j + k])
                continue;
            diff = ng_expr_binary('-', ng_expr_copy(b->q[ijk]), ng_expr_copy(b->q[ikj]));
            st = _ng_model_expr_sign(&sign, &decided, diff, prec, R);
            if (st != NG_OK)
                st = _ng_model_relabel(st, b->label[ikj]);
            else if (!decided || sign != 0)
                st = ng_error(NG_EINPUT,
                              "%s and %s: alpha_%c%c = '%s' differs from alpha_%c%c = "
                              "'%s'; α must be symmetric",
                              b->label[ijk], b->label[ikj], axis[j], axis[k],
                              ng_expr_text(b->q[ijk]), axis[k], axis[j],
                              ng_expr_text(b->q[ikj]));
            ng_expr_free(diff);
        }
    }
    return st;
}

static void point_fields(ng_model_t M)
{
    ng_ptr v = M->values;
    M->h = ng_vec_entry(v, _NG_Q_H, M->R);
    M->alpha = ng_vec_entry(v, _NG_Q_ALPHA, M->R);
    for (int nu = 0; nu < 2; nu++) {
        M->x[nu] = ng_vec_entry(v, _NG_Q_X + 3 * nu, M->R);
        M->c[nu] = ng_vec_entry(v, _NG_Q_C + nu, M->R);
        M->d[nu] = ng_vec_entry(v, _NG_Q_D + nu, M->R);
        M->t[nu] = ng_vec_entry(v, _NG_Q_T + nu, M->R);
        M->ybar[nu] = ng_vec_entry(v, _NG_Q_YBAR + nu, M->R);
    }
}

static ng_status eval_all(ng_model_t M)
{
    ng_status st = NG_OK;
    for (slong i = 0; i < M->nquantities && st == NG_OK; i++) {
        st = ng_expr_eval(ng_vec_entry(M->values, i, M->R), M->exprs[i], M->R);
        if (st != NG_OK)
            st = _ng_model_relabel(st, M->quantity_names[i]);
    }
    return st;
}

/* Moves the built expressions into M. */
static void take_build(ng_model_t M, _ng_model_build *b, const ng_expr_domain *dom)
{
    M->nquantities = _NG_NQUANTITIES;
    M->exprs = flint_malloc(_NG_NQUANTITIES * sizeof(ng_expr *));
    M->quantity_names = flint_malloc(_NG_NQUANTITIES * sizeof(char *));
    M->domains = flint_malloc(_NG_NQUANTITIES * sizeof(ng_expr_domain));
    M->sources = flint_malloc(_NG_NQUANTITIES * sizeof(char *));
    for (int i = 0; i < _NG_NQUANTITIES; i++) {
        M->exprs[i] = b->q[i];
        b->q[i] = NULL;
        M->quantity_names[i] = _ng_model_strdup(_ng_model_quantity_name(i));
        M->domains[i] = dom[i];
        M->sources[i] = b->source[i];
    }
    M->ninputs = b->ninputs;
    M->inputs = flint_malloc(FLINT_MAX(b->ninputs, 1) * sizeof(ng_expr *));
    M->input_names = flint_malloc(FLINT_MAX(b->ninputs, 1) * sizeof(char *));
    M->input_sources = flint_malloc(FLINT_MAX(b->ninputs, 1) * sizeof(char *));
    for (slong i = 0; i < b->ninputs; i++) {
        M->inputs[i] = b->inputs[i];
        b->inputs[i] = NULL;
        M->input_names[i] = _ng_model_strdup(b->input_names[i]);
        M->input_sources[i] = b->input_sources[i];
    }
}

ng_status ng_model_resolve(ng_model_t M, const ng_model_spec *spec, slong prec)
{
    _ng_model_build b;
    ng_expr_domain dom[_NG_NQUANTITIES];
    ng_status st;

    memset(M, 0, sizeof(ng_model_struct));
    memset(&b, 0, sizeof b);
    st = spec == NULL ? ng_error(NG_EINPUT, "no model given") : check_prec(prec);
    if (st != NG_OK)
        goto cleanup;
    if (spec->N == 0 && spec->mode == _NG_MODE_FILE) {
        st = ng_error(NG_EINPUT, "%s: missing N (the number of spins)", spec->source);
        goto cleanup;
    }
    M->N = spec->N != 0 ? spec->N : 2;
    M->prec = prec;
    st = _ng_model_build_quantities(&b, spec, prec);
    for (int i = 0; i < _NG_NQUANTITIES && st == NG_OK; i++) {
        st = ng_expr_classify(&dom[i], b.q[i]);
        if (st != NG_OK)
            st = _ng_model_relabel(st, b.label[i]);
    }
    if (st == NG_OK)
        st = pick_ring(M->R, &b, dom, prec, spec);
    if (st != NG_OK)
        goto cleanup;
    st = check_ranges(&b, prec, M->R);
    if (st != NG_OK)
        goto cleanup;
    take_build(M, &b, dom);
    M->values = ng_vec_init(M->nquantities, M->R);
    point_fields(M);
    M->spec = _ng_model_spec_copy(spec);
    M->preset = M->spec->mode == _NG_MODE_PRESET ? M->spec->preset : NULL;
    st = eval_all(M);
cleanup:
    _ng_model_build_clear(&b);
    if (st != NG_OK)
        ng_model_clear(M);
    return st;
}

ng_status ng_model_set_prec(ng_model_t M, slong prec)
{
    ng_status st = check_prec(prec);
    if (st != NG_OK)
        return st;
    M->prec = prec;
    if (M->R->kind != NG_BALL)
        return NG_OK;
    M->R->prec = prec;
    return eval_all(M);
}

void ng_model_clear(ng_model_t M)
{
    if (M->values != NULL)
        ng_vec_clear(M->values, M->nquantities, M->R);
    for (slong i = 0; M->exprs != NULL && i < M->nquantities; i++)
        ng_expr_free(M->exprs[i]);
    for (slong i = 0; M->quantity_names != NULL && i < M->nquantities; i++)
        flint_free(M->quantity_names[i]);
    for (slong i = 0; i < M->ninputs; i++) {
        ng_expr_free(M->inputs[i]);
        flint_free(M->input_names[i]);
    }
    flint_free(M->exprs);
    flint_free(M->quantity_names);
    flint_free(M->domains);
    flint_free(M->sources);
    flint_free(M->inputs);
    flint_free(M->input_names);
    flint_free(M->input_sources);
    ng_model_spec_free(M->spec);
    ng_ring_clear(M->R);
    memset(M, 0, sizeof(ng_model_struct));
}
