/* The presets of DESIGN §1 and explicit models (model files), as
 * expressions: H0's field h, the coupling α (Eq. 70), the bath couplings
 * X_ν, the bath data c_ν, d_ν, t_ν and the mean fields Ȳ_ν.
 *
 * Defaults, when a parameter is not given (the paper's figure parameters,
 * Sect. IV B):  N = 2, h = 1, c = d = 1, T_L = 3/2, T_R = 1/2, and
 *   tilted-ising  theta = pi/4 (Eqs. 104–110, App. B; X_ν = σ^{z'} and
 *                 Ȳ_ν = −cosθ t_ν are part of the preset, not options);
 *   xxz           α_xx = α_yy = 1, α_zz = Delta = 1/2;
 *   xyz           α_xx = Jx = 1, α_yy = Jy = 1/2, α_zz = Jz = 1/4;
 *   generic       everything free: h, alpha_jk (j ≤ k; α_kj = α_jk),
 *                 xL_x … xR_z, cL cR dL dR, tL tR, with Ȳ_ν = 1 so that
 *                 Ȳ_ν x_ν^j plays the α_ν^j of Eq. 91.
 * For xxz and xyz the bath couples through X_ν = σ^x with Ȳ_ν = 0: σ^x flips
 * the edge spin, so the bath thermalises it (D_ν(σ^0 − tσ^z) = 0) without
 * adding a boundary field.  Giving any of XL_x, XL_y, XL_z replaces the
 * whole left coupling (absent components 0), likewise on the right; YbarL,
 * YbarR set the mean fields. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const quantity_names[_NG_NQUANTITIES] = {
    "h",        "alpha_xx", "alpha_xy", "alpha_xz", "alpha_yx", "alpha_yy",
    "alpha_yz", "alpha_zx", "alpha_zy", "alpha_zz", "XL_x",     "XL_y",
    "XL_z",     "XR_x",     "XR_y",     "XR_z",     "cL",       "cR",
    "dL",       "dR",       "tL",       "tR",       "YbarL",    "YbarR"};

const char *_ng_model_quantity_name(int i)
{
    return quantity_names[i];
}

/* Expressions remember the label they were parsed with, so their messages
 * often name it already; it is not repeated. */
ng_status _ng_model_relabel(ng_status st, const char *label)
{
    char msg[1024];
    size_t n = strlen(label);
    snprintf(msg, sizeof msg, "%s", ng_error_message());
    if (strncmp(msg, label, n) == 0 && msg[n] == ':')
        return st;
    return ng_error(st, "%s: %s", label, msg);
}

void _ng_model_build_clear(_ng_model_build *b)
{
    for (int i = 0; i < _NG_NQUANTITIES; i++)
        ng_expr_free(b->q[i]);
    for (slong i = 0; i < b->ninputs; i++)
        ng_expr_free(b->inputs[i]);
    for (int i = 0; i < b->nowned; i++)
        flint_free(b->owned[i]);
    for (slong i = 0; i < b->nwarnings; i++)
        flint_free(b->warnings[i]);
    flint_free(b->warnings);
    memset(b, 0, sizeof(_ng_model_build));
}

static const char *own(_ng_model_build *b, const char *s)
{
    if (b->nowned == _NG_MAX_OWNED)
        flint_abort(); /* internal invariant: the presets make few labels */
    b->owned[b->nowned] = _ng_model_strdup(s);
    return b->owned[b->nowned++];
}

static void warn(_ng_model_build *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void warn(_ng_model_build *b, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    b->warnings = flint_realloc(b->warnings, (size_t)(b->nwarnings + 1) * sizeof(char *));
    b->warnings[b->nwarnings++] = _ng_model_strdup(buf);
}

static const char *mode_name(const ng_model_spec *spec)
{
    return spec->mode == _NG_MODE_PRESET ? spec->preset : "model file";
}

/* Parameters (not structure such as X_ν's components) that symbolic defaults
 * turn into free names. */
static int is_model_parameter(const char *key)
{
    static const char *const names[] = {"h", "theta", "Delta", "Jx", "Jy", "Jz", NULL};
    for (int i = 0; names[i] != NULL; i++)
        if (strcmp(key, names[i]) == 0)
            return 1;
    return 0;
}

/* A parameter: the first of keys[] that is given, else the default text
 * (NULL: none; *e stays NULL). */
static ng_status fetch(ng_expr **e, const char **label, const char **source,
                       _ng_model_build *b, const ng_model_spec *spec,
                       const char *const *keys, const char *dflt)
{
    char buf[128];
    ng_status st;
    *e = NULL;
    for (int i = 0; keys[i] != NULL; i++) {
        const _ng_spec_entry *en = _ng_model_spec_find(spec, keys[i]);
        if (en != NULL) {
            *e = ng_expr_copy(en->expr);
            *label = en->label;
            *source = "given";
            return NG_OK;
        }
    }
    if (dflt == NULL)
        return NG_OK;
    if (spec->symbolic_defaults && is_model_parameter(keys[0])) {
        *label = own(b, keys[0]);
        *source = "free";
        return ng_expr_parse(e, keys[0], *label);
    }
    snprintf(buf, sizeof buf, "%s (%s default)", keys[0], mode_name(spec));
    *label = own(b, buf);
    *source = "default";
    st = ng_expr_parse(e, dflt, *label);
    return st;
}

static ng_status fetch1(ng_expr **e, const char **label, const char **source,
                        _ng_model_build *b, const ng_model_spec *spec, const char *key,
                        const char *dflt)
{
    const char *keys[2] = {key, NULL};
    return fetch(e, label, source, b, spec, keys, dflt);
}

/* Quantity i from keys (or the default); a model file must give it. */
static ng_status set_q(_ng_model_build *b, const ng_model_spec *spec, int i,
                       const char *const *keys, const char *dflt)
{
    ng_status st = fetch(&b->q[i], &b->label[i], &b->source[i], b, spec, keys, dflt);
    if (st == NG_OK && b->q[i] == NULL)
        st = ng_error(NG_EINPUT, "%s: no value for %s (required in a model file)",
                      spec->source ? spec->source : "model", keys[0]);
    return st;
}

static void set_derived(_ng_model_build *b, int i, ng_expr *e, const char *label)
{
    b->q[i] = e;
    b->label[i] = label;
    b->source[i] = "derived";
}

static void add_input(_ng_model_build *b, const char *name, ng_expr *e, const char *label,
                      const char *source)
{
    b->input_names[b->ninputs] = name;
    b->inputs[b->ninputs] = e;
    b->input_labels[b->ninputs] = label;
    b->input_sources[b->ninputs] = source;
    b->ninputs++;
}

static ng_status classify_labelled(ng_expr_domain *d, const ng_expr *e, const char *label)
{
    ng_status st = ng_expr_classify(d, e);
    return st == NG_OK ? st : _ng_model_relabel(st, label);
}

/* t_ν: given, or tanh(h/T_ν) from a temperature (Eq. 100), or the default. */
static ng_status build_t(_ng_model_build *b, const ng_model_spec *spec, int nu,
                         const char *dflt_T, const char *dflt_t, slong prec)
{
    const char *tkey = nu == NG_LEFT ? "tL" : "tR";
    const char *Tkey = nu == NG_LEFT ? "TL" : "TR";
    const int i = _NG_Q_T + nu;
    const _ng_spec_entry *en = _ng_model_spec_find(spec, tkey);
    ng_expr *T = NULL;
    const char *label, *source;
    ng_expr_domain dom;
    int sign, decided;
    ng_status st;

    if (en != NULL || (_ng_model_spec_find(spec, Tkey) == NULL && dflt_T == NULL)) {
        if (en == NULL && dflt_t == NULL)
            return ng_error(NG_EINPUT,
                            "%s: the %s bath needs a temperature: give T or t (%s or %s)",
                            spec->source ? spec->source : "model",
                            nu == NG_LEFT ? "left" : "right", Tkey, tkey);
        const _ng_spec_entry *h = _ng_model_spec_find(spec, "h");
        if (en != NULL && en->from_file && h != NULL && !h->from_file)
            warn(b,
                 "%s = '%s' is kept, but t = tanh(h/T) depends on h, which %s overrides; "
                 "give the temperature (%s) instead if it is T that is fixed",
                 en->label, ng_expr_text(en->expr), h->label, Tkey);
        return set_q(b, spec, i, (const char *const[]){tkey, NULL}, dflt_t);
    }
    st = fetch1(&T, &label, &source, b, spec, Tkey, dflt_T);
    if (st != NG_OK)
        return st;
    add_input(b, Tkey, T, label, source);
    st = classify_labelled(&dom, T, label);
    if (st != NG_OK)
        return st;
    if (dom == NG_EXPR_SYMBOLIC)
        return ng_error(NG_EINPUT,
                        "%s: a temperature must be a number, since t = tanh(h/T) is no "
                        "rational function of a free name; give %s instead for a "
                        "symbolic t",
                        label, tkey);
    st = _ng_model_expr_sign(&sign, &decided, T, prec, NULL);
    if (st != NG_OK)
        return _ng_model_relabel(st, label);
    if (sign <= 0)
        return ng_error(NG_EINPUT, "%s: expected a temperature T > 0, got '%s'", label,
                        ng_expr_text(T));
    st = classify_labelled(&dom, b->q[_NG_Q_H], b->label[_NG_Q_H]);
    if (st != NG_OK)
        return st;
    if (dom == NG_EXPR_SYMBOLIC)
        return ng_error(
            NG_EINPUT,
            "%s: t = tanh(h/T) needs a numeric h, but h is '%s' (%s); give %s "
            "instead of a temperature",
            label, ng_expr_text(b->q[_NG_Q_H]), b->label[_NG_Q_H], tkey);
    set_derived(b, i,
                ng_expr_call("tanh", ng_expr_binary('/', ng_expr_copy(b->q[_NG_Q_H]),
                                                    ng_expr_copy(T))),
                label);
    return NG_OK;
}

static const char *const side_key[2][6] = {{"cL", "dL", "YbarL", "XL_x", "XL_y", "XL_z"},
                                           {"cR", "dR", "YbarR", "XR_x", "XR_y", "XR_z"}};

/* c_ν, d_ν and t_ν; c and d set both sides, cL … dR one.  Defaults: dflt_cd
 * for c and d (NULL: none, or free names cL … dR when free_cd). */
static ng_status build_bath_data(_ng_model_build *b, const ng_model_spec *spec,
                                 const char *dflt_cd, int free_cd,
                                 const char *const dflt_T[2], const char *const dflt_t[2],
                                 slong prec)
{
    ng_status st = NG_OK;
    for (int nu = 0; nu < 2 && st == NG_OK; nu++) {
        const char *ck[3] = {side_key[nu][0], "c", NULL};
        const char *dk[3] = {side_key[nu][1], "d", NULL};
        st = set_q(b, spec, _NG_Q_C + nu, ck, free_cd ? ck[0] : dflt_cd);
        if (st == NG_OK)
            st = set_q(b, spec, _NG_Q_D + nu, dk, free_cd ? dk[0] : dflt_cd);
        if (st == NG_OK)
            st = build_t(b, spec, nu, dflt_T[nu], dflt_t[nu], prec);
    }
    return st;
}

/* X_ν and Ȳ_ν from the keys.  When no component of X_ν is given, the
 * components default to dflt_x[ν]; once one is given, the others are 0. */
static ng_status build_coupling(_ng_model_build *b, const ng_model_spec *spec,
                                const char *const dflt_x[2][3],
                                const char *const dflt_ybar[2])
{
    ng_status st = NG_OK;
    for (int nu = 0; nu < 2 && st == NG_OK; nu++) {
        int any = 0;
        for (int j = 0; j < 3; j++)
            any |= _ng_model_spec_find(spec, side_key[nu][3 + j]) != NULL;
        for (int j = 0; j < 3 && st == NG_OK; j++) {
            const char *keys[2] = {side_key[nu][3 + j], NULL};
            st = set_q(b, spec, _NG_Q_X + 3 * nu + j, keys, any ? "0" : dflt_x[nu][j]);
        }
        if (st == NG_OK) {
            const char *keys[2] = {side_key[nu][2], NULL};
            st = set_q(b, spec, _NG_Q_YBAR + nu, keys, dflt_ybar[nu]);
        }
    }
    return st;
}

/* The bath's temperature as an expression: the given T_ν, else h/artanh t_ν. */
static ng_expr *bath_temperature(const _ng_model_build *b, int nu)
{
    const char *Tkey = nu == NG_LEFT ? "TL" : "TR";
    for (slong i = 0; i < b->ninputs; i++)
        if (strcmp(b->input_names[i], Tkey) == 0)
            return ng_expr_copy(b->inputs[i]);
    return ng_expr_binary('/', ng_expr_copy(b->q[_NG_Q_H]),
                          ng_expr_call("atanh", ng_expr_copy(b->q[_NG_Q_T + nu])));
}

/* A model file's mean field Ȳ_ν = ⟨Y_ν⟩_β depends on the bath's temperature
 * (DESIGN §1).  Written with the names t and T it is an expression of them:
 * they become the bath's t_ν and T_ν, also when an option overrides them.
 * Written as a plain value it is kept, with a warning when an option
 * overrides the temperature. */
static void bind_mean_field(_ng_model_build *b, const ng_model_spec *spec, int nu)
{
    const int iy = _NG_Q_YBAR + nu;
    const _ng_spec_entry *y = _ng_model_spec_find(spec, side_key[nu][2]);
    const _ng_spec_entry *temp = _ng_model_spec_find(spec, nu == NG_LEFT ? "TL" : "TR");
    int uses_t, uses_T;
    if (temp == NULL)
        temp = _ng_model_spec_find(spec, nu == NG_LEFT ? "tL" : "tR");
    if (y == NULL || !y->from_file || b->q[iy] == NULL)
        return;
    uses_t = ng_expr_has_name(b->q[iy], "t");
    uses_T = ng_expr_has_name(b->q[iy], "T");
    if (uses_t) {
        ng_expr *r = ng_expr_substitute(b->q[iy], "t", b->q[_NG_Q_T + nu]);
        ng_expr_free(b->q[iy]);
        b->q[iy] = r;
    }
    if (uses_T) {
        ng_expr *T = bath_temperature(b, nu);
        ng_expr *r = ng_expr_substitute(b->q[iy], "T", T);
        ng_expr_free(T);
        ng_expr_free(b->q[iy]);
        b->q[iy] = r;
    }
    if (!uses_t && !uses_T && temp != NULL && !temp->from_file)
        warn(
            b,
            "%s = '%s' is kept, but the mean field Ybar = <Y>_beta depends on the "
            "temperature, which %s overrides; write Ybar in the file as an expression of "
            "the bath's t or T (e.g. \"-cos(pi/4)*t\") to have it follow",
            y->label, ng_expr_text(y->expr), temp->label);
}

static const char axis[3] = {'x', 'y', 'z'};

static void alpha_set_rational(_ng_model_build *b, int j, int k, slong p,
                               const char *label)
{
    b->q[_NG_Q_ALPHA + 3 * j + k] = ng_expr_rational(p, 1);
    b->label[_NG_Q_ALPHA + 3 * j + k] = label;
    b->source[_NG_Q_ALPHA + 3 * j + k] = "derived";
}

/* α from alpha_jk keys; dflt "sym" makes each a free name alpha_jk (j ≤ k),
 * otherwise dflt is the default text of every entry. */
static ng_status build_alpha_keys(_ng_model_build *b, const ng_model_spec *spec,
                                  const char *dflt)
{
    ng_status st = NG_OK;
    for (int j = 0; j < 3; j++) {
        for (int k = j; k < 3 && st == NG_OK; k++) {
            char kjk[16], kkj[16];
            const _ng_spec_entry *ejk, *ekj;
            int ijk = _NG_Q_ALPHA + 3 * j + k, ikj = _NG_Q_ALPHA + 3 * k + j;
            snprintf(kjk, sizeof kjk, "alpha_%c%c", axis[j], axis[k]);
            snprintf(kkj, sizeof kkj, "alpha_%c%c", axis[k], axis[j]);
            ejk = _ng_model_spec_find(spec, kjk);
            ekj = _ng_model_spec_find(spec, kkj);
            {
                const char *keys[3] = {kjk, kkj, NULL};
                st = set_q(b, spec, ijk, keys, strcmp(dflt, "sym") == 0 ? kjk : dflt);
            }
            if (st != NG_OK || j == k)
                continue;
            if (ejk != NULL && ekj != NULL) {
                b->q[ikj] = ng_expr_copy(ekj->expr);
                b->label[ikj] = ekj->label;
                b->source[ikj] = "given";
                b->alpha_both_given[3 * j + k] = 1;
            } else {
                b->q[ikj] = ng_expr_copy(b->q[ijk]);
                b->label[ikj] = b->label[ijk];
                b->source[ikj] = b->source[ijk];
            }
        }
    }
    return st;
}

/* Eqs. 104–110 and App. B: α from σ^{z'} ⊗ σ^{z'}, X_ν = σ^{z'} =
 * cosθ σ^z − sinθ σ^x, Ȳ_ν = −cosθ t_ν. */
static ng_status build_tilted_ising(_ng_model_build *b, const ng_model_spec *spec)
{
    ng_expr *theta;
    const char *label, *source;
    ng_status st = fetch1(&theta, &label, &source, b, spec, "theta", "pi/4");
    if (st != NG_OK)
        return st;
    add_input(b, "theta", theta, label, source);
#define COS() ng_expr_call("cos", ng_expr_copy(theta))
#define SIN() ng_expr_call("sin", ng_expr_copy(theta))
    for (int j = 0; j < 3; j++)
        for (int k = 0; k < 3; k++)
            if (j == NG_Y || k == NG_Y)
                alpha_set_rational(b, j, k, 0, label);
    set_derived(b, _NG_Q_ALPHA + 3 * NG_Z + NG_Z,
                ng_expr_binary('^', COS(), ng_expr_rational(2, 1)), label);
    set_derived(b, _NG_Q_ALPHA + 3 * NG_X + NG_X,
                ng_expr_binary('^', SIN(), ng_expr_rational(2, 1)), label);
    set_derived(b, _NG_Q_ALPHA + 3 * NG_X + NG_Z,
                ng_expr_neg(ng_expr_binary('*', COS(), SIN())), label);
    set_derived(b, _NG_Q_ALPHA + 3 * NG_Z + NG_X,
                ng_expr_neg(ng_expr_binary('*', COS(), SIN())), label);
    for (int nu = 0; nu < 2; nu++) {
        set_derived(b, _NG_Q_X + 3 * nu + NG_X, ng_expr_neg(SIN()), label);
        set_derived(b, _NG_Q_X + 3 * nu + NG_Y, ng_expr_rational(0, 1), label);
        set_derived(b, _NG_Q_X + 3 * nu + NG_Z, COS(), label);
        set_derived(
            b, _NG_Q_YBAR + nu,
            ng_expr_neg(ng_expr_binary('*', COS(), ng_expr_copy(b->q[_NG_Q_T + nu]))),
            label);
    }
#undef COS
#undef SIN
    return NG_OK;
}

/* α = diag(Jx, Jy, Jz); xxz is Jx = Jy = 1, Jz = Delta. */
static ng_status build_diagonal_alpha(_ng_model_build *b, const ng_model_spec *spec,
                                      const char *const keys[3],
                                      const char *const dflt[3])
{
    ng_status st = NG_OK;
    for (int j = 0; j < 3; j++)
        for (int k = 0; k < 3; k++)
            if (j != k)
                alpha_set_rational(b, j, k, 0, mode_name(spec));
    for (int j = 0; j < 3 && st == NG_OK; j++) {
        int i = _NG_Q_ALPHA + 4 * j;
        if (keys[j] == NULL) {
            b->q[i] = ng_expr_rational(1, 1);
            b->label[i] = mode_name(spec);
            b->source[i] = "derived";
            continue;
        }
        st = fetch1(&b->q[i], &b->label[i], &b->source[i], b, spec, keys[j], dflt[j]);
        if (st == NG_OK)
            add_input(b, keys[j], ng_expr_copy(b->q[i]), b->label[i], b->source[i]);
    }
    return st;
}

static ng_status check_keys(const ng_model_spec *spec)
{
    const char *preset = spec->mode == _NG_MODE_PRESET ? spec->preset : NULL;
    for (slong i = 0; i < spec->length; i++) {
        if (!_ng_model_key_valid(spec->entries[i].key, preset)) {
            char list[512];
            _ng_model_keys_list(list, sizeof list, preset);
            if (preset == NULL)
                return ng_error(NG_EINPUT,
                                "%s: not a parameter of a model file; its parameters "
                                "are: %s",
                                spec->entries[i].label, list);
            return ng_error(
                NG_EINPUT, "%s: not a parameter of the %s preset; its parameters are: %s",
                spec->entries[i].label, preset, list);
        }
    }
    return NG_OK;
}

ng_status _ng_model_build_quantities(_ng_model_build *b, const ng_model_spec *spec,
                                     slong prec)
{
    static const char *const paper_T[2] = {"3/2", "1/2"};
    static const char *const no_t[2] = {NULL, NULL};
    static const char *const free_t[2] = {"tL", "tR"};
    static const char *const sigma_x[2][3] = {{"1", "0", "0"}, {"1", "0", "0"}};
    static const char *const zero_x[2][3] = {{"0", "0", "0"}, {"0", "0", "0"}};
    static const char *const free_x[2][3] = {{"xL_x", "xL_y", "xL_z"},
                                             {"xR_x", "xR_y", "xR_z"}};
    static const char *const zero2[2] = {"0", "0"};
    static const char *const one2[2] = {"1", "1"};
    static const char *const none2[2] = {NULL, NULL};
    const char *preset = spec->mode == _NG_MODE_PRESET ? spec->preset : "";
    int tilted = strcmp(preset, "tilted-ising") == 0;
    int generic = strcmp(preset, "generic") == 0;
    int free_bath = generic || spec->symbolic_defaults;
    int file = spec->mode == _NG_MODE_FILE;
    ng_status st;

    if (spec->mode == _NG_MODE_NONE)
        return ng_error(NG_EINPUT, "no model given: choose a preset (--preset "
                                   "tilted-ising, xxz, xyz or generic) or a model file "
                                   "(--model FILE.json)");
    st = check_keys(spec);
    if (st != NG_OK)
        return st;
    st = set_q(b, spec, _NG_Q_H, (const char *const[]){"h", NULL},
               file ? NULL : (generic ? "h" : "1"));
    if (st == NG_OK)
        st = build_bath_data(b, spec, file || free_bath ? NULL : "1", free_bath,
                             file || free_bath ? none2 : paper_T,
                             free_bath ? free_t : no_t, prec);
    if (st != NG_OK)
        return st;
    if (tilted)
        return build_tilted_ising(b, spec);
    if (strcmp(preset, "xxz") == 0) {
        static const char *const keys[3] = {NULL, NULL, "Delta"};
        static const char *const dflt[3] = {NULL, NULL, "1/2"};
        st = build_diagonal_alpha(b, spec, keys, dflt);
    } else if (strcmp(preset, "xyz") == 0) {
        static const char *const keys[3] = {"Jx", "Jy", "Jz"};
        static const char *const dflt[3] = {"1", "1/2", "1/4"};
        st = build_diagonal_alpha(b, spec, keys, dflt);
    } else {
        st = build_alpha_keys(b, spec, generic ? "sym" : "0");
    }
    if (st == NG_OK)
        st = build_coupling(b, spec, generic ? free_x : (file ? zero_x : sigma_x),
                            generic ? one2 : (file ? none2 : zero2));
    for (int nu = 0; nu < 2 && st == NG_OK && file; nu++)
        bind_mean_field(b, spec, nu);
    return st;
}
