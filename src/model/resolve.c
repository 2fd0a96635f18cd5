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

void _ng_model_point_fields(ng_model_t M)
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
    M->nwarnings = b->nwarnings;
    M->warnings = b->warnings;
    b->nwarnings = 0;
    b->warnings = NULL;
}

/* ---- numbers held as free names (ng_model_spec_set_hold_reals) ---------- */

/* An irrational quantity next to free names (or the extra symbols of a
 * derivation): no exact ring holds both. */
static int mixes_reals(const ng_expr_domain *dom, const ng_model_spec *spec)
{
    int real = 0, sym = spec->nextra > 0;
    for (int i = 0; i < _NG_NQUANTITIES; i++) {
        real |= dom[i] == NG_EXPR_REAL;
        sym |= dom[i] == NG_EXPR_SYMBOLIC;
    }
    return real && sym;
}

/* A free name as an expression that messages label like the input it replaces. */
static ng_expr *free_name(const char *name, const char *label)
{
    ng_expr *e = NULL;
    if (ng_expr_parse(&e, name, label) != NG_OK)
        flint_abort(); /* internal invariant: keys are names */
    return e;
}

static void hold(ng_model_t M, const _ng_spec_entry *en, const char *symbol, ng_expr *value)
{
    size_t n = strlen(en->key) + strlen(ng_expr_text(en->expr)) + 4;
    char *given = flint_malloc(n);
    snprintf(given, n, "%s = %s", en->key, ng_expr_text(en->expr));
    M->held_keys = flint_realloc(M->held_keys, (M->nheld + 1) * sizeof(char *));
    M->held_symbols = flint_realloc(M->held_symbols, (M->nheld + 1) * sizeof(char *));
    M->held_values = flint_realloc(M->held_values, (M->nheld + 1) * sizeof(ng_expr *));
    M->held_keys[M->nheld] = given;
    M->held_symbols[M->nheld] = _ng_model_strdup(symbol);
    M->held_values[M->nheld] = value;
    M->nheld++;
}

/* A copy of spec in which every given entry behind an irrational quantity is
 * a free name (theta stays theta, under cos/sin as u_theta = tan(theta/2);
 * a temperature TL becomes tL = tanh(h/TL); any other key its own name); the
 * values go to H (whose ring is not set up).  NULL if no given entry is
 * behind one (a default: then nothing can be held). */
static ng_model_spec *hold_real_entries(ng_model_t H, const _ng_model_build *b,
                                        const ng_expr_domain *dom, const ng_model_spec *spec)
{
    ng_model_spec *s = NULL;
    for (slong k = 0; k < spec->length; k++) {
        const _ng_spec_entry *en = spec->entries + k;
        int behind = -1;
        for (int i = 0; i < _NG_NQUANTITIES && behind < 0; i++)
            if (dom[i] == NG_EXPR_REAL && b->label[i] != NULL &&
                strcmp(b->label[i], en->label) == 0)
                behind = i;
        if (behind < 0)
            continue;
        if (s == NULL) {
            s = _ng_model_spec_copy(spec);
            s->hold_reals = 0;
        }
        if (strcmp(en->key, "theta") == 0) {
            hold(H, en, "u_theta",
                 ng_expr_call("tan", ng_expr_binary('/', ng_expr_copy(en->expr),
                                                    ng_expr_rational(2, 1))));
            _ng_model_spec_put(s, "theta", free_name("theta", en->label),
                               en->label);
        } else if (strcmp(en->key, "TL") == 0 || strcmp(en->key, "TR") == 0) {
            const char *t = en->key[1] == 'L' ? "tL" : "tR";
            hold(H, en, t, ng_expr_copy(b->q[_NG_Q_T + (en->key[1] == 'L' ? 0 : 1)]));
            _ng_model_spec_put(s, t, free_name(t, en->label), en->label);
        } else {
            hold(H, en, en->key, ng_expr_copy(en->expr));
            _ng_model_spec_put(s, en->key, free_name(en->key, en->label),
                               en->label);
        }
    }
    return s;
}

static void held_clear(ng_model_t M)
{
    for (slong i = 0; i < M->nheld; i++) {
        flint_free(M->held_keys[i]);
        flint_free(M->held_symbols[i]);
        ng_expr_free(M->held_values[i]);
    }
    flint_free(M->held_keys);
    flint_free(M->held_symbols);
    flint_free(M->held_values);
    M->nheld = 0;
    M->held_keys = M->held_symbols = NULL;
    M->held_values = NULL;
}

int ng_model_eval_held(arb_t res, ng_srcptr x, const ng_model_t M, slong prec, char *missing,
                       size_t size)
{
    const ng_ring_struct *R = M->R;
    slong n = R->kind == NG_QQ_PARAMS ? R->nvars : 0;
    arb_ptr vals = _arb_vec_init(FLINT_MAX(n, 1));
    int *known = flint_calloc(FLINT_MAX(n, 1), sizeof(int)), ok;
    int *need = flint_calloc(FLINT_MAX(n, 1), sizeof(int));
    for (slong i = 0; i < M->nheld; i++) {
        slong j = ng_ring_param_index(R, M->held_symbols[i]);
        ng_ring_t B;
        ng_ring_init_ball(B, prec);
        if (j >= 0 && ng_expr_eval(vals + j, M->held_values[i], B) == NG_OK)
            known[j] = 1;
        else
            ng_error_clear();
        ng_ring_clear(B);
    }
    ok = ng_elem_eval_arb(res, need, x, vals, known, prec, R);
    if (!ok && missing != NULL && size > 0) {
        size_t len = 0;
        missing[0] = '\0';
        for (slong j = 0; j < n; j++)
            if (need[j] && len < size)
                len += snprintf(missing + len, size - len, "%s%s", len ? ", " : "",
                                R->names[j]);
    }
    _arb_vec_clear(vals, FLINT_MAX(n, 1));
    flint_free(known);
    flint_free(need);
    return ok;
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
    if (st == NG_OK && spec->hold_reals && mixes_reals(dom, spec)) {
        ng_model_struct held;
        ng_model_spec *s;
        memset(&held, 0, sizeof held);
        s = hold_real_entries(&held, &b, dom, spec);
        if (s != NULL) {
            _ng_model_build_clear(&b);
            st = ng_model_resolve(M, s, prec);
            ng_model_spec_free(s);
            if (st == NG_OK) {
                M->nheld = held.nheld;
                M->held_keys = held.held_keys;
                M->held_symbols = held.held_symbols;
                M->held_values = held.held_values;
            } else {
                held_clear(&held);
            }
            return st;
        }
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
    _ng_model_point_fields(M);
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
    for (slong i = 0; i < M->nwarnings; i++)
        flint_free(M->warnings[i]);
    flint_free(M->warnings);
    ng_model_spec_free(M->spec);
    held_clear(M);
    ng_ring_clear(M->R);
    memset(M, 0, sizeof(ng_model_struct));
}
