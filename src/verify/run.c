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

/* The exact checks run at these rational points of the tilted Ising chain
 * (and on the boundary-field model below).  u = tan(θ/2) makes every
 * quantity rational: cos θ = (1 − u²)/(1 + u²), sin θ = 2u/(1 + u²),
 * α = σ^z'σ^z', X_ν = σ^z' = cos θ σ^z − sin θ σ^x, Ȳ_ν = −cos θ t_ν
 * (Eqs. 104–110, B9).  The first is the single point verify used before. */
typedef struct {
    const char *u, *tL, *tR, *cL, *cR, *dL, *dR;
} rational_point;

static const rational_point points[] = {{"1/2", "1/2", "1/5", "1", "1", "1", "1"},
                                        {"1/3", "1/3", "-1/4", "2", "1", "1/2", "3/2"},
                                        {"3/4", "3/4", "1/7", "1/2", "1", "2", "1"}};
#define NPOINTS ((int)(sizeof points / sizeof points[0]))

static char *qstr(const fmpq_t x)
{
    return fmpq_get_str(NULL, 10, x);
}

/* The model file text of the tilted Ising chain at point k. */
static char *tilted_point_json(int k)
{
    const rational_point *P = points + k;
    fmpq_t u, c, s, t, a[3], ybar[2];
    char *txt[8], *json;
    size_t n;
    fmpq_init(u), fmpq_init(c), fmpq_init(s), fmpq_init(t);
    for (int i = 0; i < 3; i++)
        fmpq_init(a[i]);
    fmpq_set_str(u, P->u, 10);
    fmpq_mul(t, u, u);
    fmpq_add_si(s, t, 1);          /* s = 1 + u² */
    fmpq_neg(c, t);
    fmpq_add_si(c, c, 1);
    fmpq_div(c, c, s);             /* cos θ */
    fmpq_mul_2exp(t, u, 1);
    fmpq_div(s, t, s);             /* sin θ */
    fmpq_mul(a[0], s, s);          /* α_xx = sin² */
    fmpq_mul(a[1], c, s);
    fmpq_neg(a[1], a[1]);          /* α_xz = −cos sin */
    fmpq_mul(a[2], c, c);          /* α_zz = cos² */
    for (int nu = 0; nu < 2; nu++) {
        fmpq_init(ybar[nu]);
        fmpq_set_str(t, nu ? P->tR : P->tL, 10);
        fmpq_mul(ybar[nu], c, t);
        fmpq_neg(ybar[nu], ybar[nu]);
    }
    fmpq_neg(s, s);                /* X_x = −sin θ */
    txt[0] = qstr(a[0]), txt[1] = qstr(a[1]), txt[2] = qstr(a[2]), txt[3] = qstr(s);
    txt[4] = qstr(c), txt[5] = qstr(ybar[0]), txt[6] = qstr(ybar[1]), txt[7] = NULL;
    n = 1024;
    json = flint_malloc(n);
    snprintf(json, n,
             "{\"N\": 2, \"h\": 1, \"alpha\": {\"xx\": \"%s\", \"xz\": \"%s\", \"zx\": \"%s\","
             " \"zz\": \"%s\"}, \"baths\": {"
             "\"L\": {\"X\": {\"x\": \"%s\", \"z\": \"%s\"}, \"Ybar\": \"%s\", \"c\": \"%s\","
             " \"d\": \"%s\", \"t\": \"%s\"}, "
             "\"R\": {\"X\": {\"x\": \"%s\", \"z\": \"%s\"}, \"Ybar\": \"%s\", \"c\": \"%s\","
             " \"d\": \"%s\", \"t\": \"%s\"}}}",
             txt[0], txt[1], txt[1], txt[2], txt[3], txt[4], txt[5], P->cL, P->dL, P->tL,
             txt[3], txt[4], txt[6], P->cR, P->dR, P->tR);
    for (int i = 0; i < 7; i++)
        flint_free(txt[i]);
    fmpq_clear(u), fmpq_clear(c), fmpq_clear(s), fmpq_clear(t);
    for (int i = 0; i < 3; i++)
        fmpq_clear(a[i]);
    fmpq_clear(ybar[0]), fmpq_clear(ybar[1]);
    return json;
}

const char ng_verify_boundary_field_model[] =
    "{\"N\": 4, \"h\": 1, \"alpha\": {\"xx\": 1, \"yy\": 1, \"zz\": 0.5},"
    " \"baths\": {\"L\": {\"X\": {\"x\": \"4/5\", \"z\": \"3/5\"}, \"Ybar\": \"-1/2\","
    " \"c\": 1, \"d\": 1, \"t\": \"1/2\"},"
    " \"R\": {\"X\": {\"x\": \"4/5\", \"z\": \"3/5\"}, \"Ybar\": \"1/2\","
    " \"c\": 1, \"d\": 1, \"t\": \"1/4\"}}}";

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

/* Where a model comes from: a rational point of the tilted Ising chain
 * (0 ≤ k < NPOINTS), the boundary-field model, or a preset. */
enum { SRC_PRESET = -2, SRC_BOUNDARY = -1 };

static const char *source_name(int src, char *buf, size_t size)
{
    if (src >= 0)
        snprintf(buf, size, "u=%s", points[src].u);
    else
        snprintf(buf, size, "%s", src == SRC_BOUNDARY ? "bfield" : "preset");
    return buf;
}

/* A model with N and overrides kv from its source (preset: the preset name). */
static ng_status make_model(ng_model_t M, int src, const char *preset, int N,
                            const char *const *kv)
{
    ng_model_spec *spec = ng_model_spec_new();
    char buf[16], *json = NULL;
    ng_status st;
    snprintf(buf, sizeof buf, "%d", N);
    if (src == SRC_PRESET) {
        st = ng_model_spec_set_preset(spec, preset);
    } else if (src == SRC_BOUNDARY) {
        st = ng_model_spec_read_json(spec, ng_verify_boundary_field_model,
                                     "examples/xxz_boundary_fields.json");
    } else {
        json = tilted_point_json(src);
        st = ng_model_spec_read_json(spec, json, "tilted Ising at a rational point");
        flint_free(json);
    }
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

/* 1. Eqs. 111–113: the derived two-spin solution for c_L = c_R = c,
 * d_L = d_R = d against the printed formulas — identities of rational
 * functions in (u_θ, t_L, t_R, c, d), so no rational points are needed.
 * K of Eq. 114 is not checked on its own: Eqs. 111–112 define it, so
 * (t1 − t2)/(tL − tR) = K follows from the first two checks. */
static void check_two_spin(run_t *r)
{
    static const char *const unknowns[3] = {"t1", "t2", "g"};
    static const char *const names[3] = {"eq111-t1", "eq112-t2", "eq113-g"};
    static const char *const whats[3] = {
        "two-spin t1 (equal baths) is Eq. 111 with K of Eq. 114, exactly",
        "two-spin t2 (equal baths) is Eq. 112 with K of Eq. 114, exactly (so K = (t1-t2)/(tL-tR))",
        "two-spin g (equal baths) is Eq. 113, exactly"};
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
        record(r, names[0], whats[0], 0, "model: %s", ng_error_message());
        return;
    }
    st = ng_two_spin_derive(T, M);
    if (st != NG_OK) {
        record(r, names[0], whats[0], 0, "derivation: %s", ng_error_message());
        ng_model_clear(M);
        return;
    }
    {
        const ng_ring_struct *R = M->R;
        ng_srcptr sol[3] = {T->t1, T->t2, T->g};
        ng_ptr p = ng_elem_new(R), f = ng_elem_new(R);
        for (int i = 0; i < 3; i++) {
            ng_cmp c = ng_two_spin_eval_text(p, ng_two_spin_printed_111_113[i], M) == NG_OK
                           ? ng_two_spin_compare(f, sol[i], p, M)
                           : NG_CMP_NOT_APPLICABLE;
            record(r, names[i], whats[i], c == NG_CMP_EQUAL,
                   "derived and printed rational functions of (u_theta, tL, tR, c, d): %s",
                   cmp_word(c));
        }
        ng_elem_free(p, R);
        ng_elem_free(f, R);
    }
    ng_two_spin_clear(T);
    ng_model_clear(M);
}

/* 2. Appendix A, Eq. 44: holds with simple levels (dim Im P1 = 2^N), fails in
 * the degenerate case (dim Im P1 > 2^N).  At every rational point the levels
 * must be simple and Eq. 44 hold; on the boundary-field model, whose levels
 * may be degenerate, Eq. 44 must hold exactly when they are simple. */
static void eq44_one(run_t *r, int src, int N, int degenerate)
{
    static const char *const flat[] = {"theta", "pi/2", "tL", "1/2", "tR", "1/5", NULL};
    char name[48], what[192], sn[16];
    ng_model_t M;
    truth_t holds;
    slong dim = 0, pow2 = WORD(1) << N;
    ng_status st;
    int ok;
    source_name(src, sn, sizeof sn);
    if (degenerate) {
        snprintf(name, sizeof name, "eq44-fails-pi/2-N%d", N);
        snprintf(what, sizeof what, "Eq. 44 fails at theta = pi/2, N = %d (degenerate levels)",
                 N);
    } else {
        snprintf(name, sizeof name, "eq44-%s-N%d", sn, N);
        snprintf(what, sizeof what,
                 "Eq. 44: P1 L1 (Q0L0Q0)^-1 L1 P1 = 0 iff levels are simple, N = %d, %s", N,
                 src == SRC_BOUNDARY ? "boundary-field model" : sn);
    }
    st = degenerate ? make_model(M, SRC_PRESET, "tilted-ising", N, flat)
                    : make_model(M, src, NULL, N, NULL);
    if (st != NG_OK) {
        record(r, name, what, 0, "model: %s", ng_error_message());
        return;
    }
    st = ng_engine_check_eq44(&holds, &dim, M);
    if (st != NG_OK) {
        record(r, name, what, 0, "%s", ng_error_message());
    } else {
        if (degenerate)
            ok = holds == T_FALSE && dim > pow2;
        else if (src == SRC_BOUNDARY)
            ok = holds == (dim == pow2 ? T_TRUE : T_FALSE);
        else
            ok = holds == T_TRUE && dim == pow2;
        record(r, name, what, ok, "dim Im P1 = %ld (2^N = %ld); Eq. 44 %s (exact, over Q)",
               (long)dim, (long)pow2,
               holds == T_TRUE ? "holds" : holds == T_FALSE ? "fails" : "undecided");
    }
    ng_model_clear(M);
}

static void check_eq44(run_t *r)
{
    for (int src = 0; src < NPOINTS; src++)
        for (int N = 2; N <= 4; N++)
            eq44_one(r, src, N, 0);
    for (int N = 2; N <= 4; N++)
        eq44_one(r, SRC_BOUNDARY, N, 0);
    eq44_one(r, SRC_PRESET, 4, 1);
}

/* 2'. Eq. 44 holds for any map in place of (Q0L0Q0)^{-1} that is odd in the
 * way the true inverse is, so it cannot tell a wrong inverse.  This check
 * can: on y = L1 b for every basis element b of Ker L0, inv must satisfy
 * L0 inv(y) = Q0 y and P0 inv(y) = 0 (Eq. 40), exactly. */
truth_t ng_verify_q0l0q0_inverse(slong *nchecked, const ng_model_t M, ng_verify_inverse_fn inv)
{
    const ng_ring_struct *R = M->R;
    ng_named_basis_t B;
    ng_superop_ctx_t L;
    ng_op_t y, z, w, q;
    truth_t ok = T_TRUE;
    *nchecked = 0;
    ng_named_basis_init(B);
    if (ng_kernel_basis(B, M->N, R) != NG_OK) {
        ng_named_basis_clear(B, R);
        return T_UNKNOWN;
    }
    ng_superop_ctx_init(L, M);
    ng_op_init(y, M->N, NG_PAULI, R);
    ng_op_init(z, M->N, NG_PAULI, R);
    ng_op_init(w, M->N, NG_PAULI, R);
    ng_op_init(q, M->N, NG_PAULI, R);
    for (slong i = 0; i < B->length && ok == T_TRUE; i++) {
        truth_t a, b;
        ng_superop_l1(y, B->ops + i, L);
        if (inv(z, y, L) != NG_OK) {
            ok = T_UNKNOWN;
            break;
        }
        ng_superop_l0(w, z, L);       /* L0 inv(y) */
        ng_kernel_p0(q, y, R);
        ng_op_sub(q, y, q, R);        /* Q0 y */
        a = ng_op_equal(w, q, R);
        ng_kernel_p0(q, z, R);        /* P0 inv(y) */
        b = ng_op_is_zero(q, R);
        ok = a == T_TRUE && b == T_TRUE ? T_TRUE
                                        : (a == T_FALSE || b == T_FALSE ? T_FALSE : T_UNKNOWN);
        (*nchecked)++;
    }
    ng_op_clear(y, R);
    ng_op_clear(z, R);
    ng_op_clear(w, R);
    ng_op_clear(q, R);
    ng_superop_ctx_clear(L);
    ng_named_basis_clear(B, R);
    return ok;
}

static void inverse_one(run_t *r, int src, int N)
{
    char name[48], what[192], sn[16];
    ng_model_t M;
    slong n;
    truth_t t;
    ng_status st;
    source_name(src, sn, sizeof sn);
    snprintf(name, sizeof name, "eq40-inverse-%s-N%d", sn, N);
    snprintf(what, sizeof what,
             "(Q0L0Q0)^-1 inverts Q0 L0 Q0 on L1(Ker L0) (Eq. 40), N = %d, %s", N,
             src == SRC_BOUNDARY ? "boundary-field model" : sn);
    st = make_model(M, src, NULL, N, NULL);
    if (st != NG_OK) {
        record(r, name, what, 0, "model: %s", ng_error_message());
        return;
    }
    t = ng_verify_q0l0q0_inverse(&n, M, ng_superop_q0l0q0_inv);
    record(r, name, what, t == T_TRUE,
           "L0 G L1 b = Q0 L1 b and P0 G L1 b = 0 %s for the %ld basis elements b of Ker L0 "
           "(exact)",
           t == T_TRUE ? "hold" : t == T_FALSE ? "FAIL" : "undecided", (long)n);
    ng_model_clear(M);
}

static void check_inverse(run_t *r)
{
    for (int src = 0; src < NPOINTS; src++)
        inverse_one(r, src, 3);
    inverse_one(r, SRC_BOUNDARY, 3);
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

/* What an Eq. 150 check asks of ρ0's lhs = t_N − t_1 and rhs (the general
 * form, Eq. 149 with boundary terms, ng_engine_eq150). */
typedef enum {
    EQ150_HOLDS,     /* lhs = rhs ≠ 0 */
    EQ150_FLAT,      /* lhs = 0 */
    EQ150_GRADIENT   /* lhs = rhs ≠ 0 although α_zz = 0 (boundary fields) */
} eq150_claim;

static void eq150_one(run_t *r, int src, const char *const *kv, int N, eq150_claim claim,
                      const char *name, const char *what)
{
    ng_model_t M;
    ng_engine_rho0_t res;
    ng_status st = make_model(M, src, "tilted-ising", N, kv);
    if (st != NG_OK) {
        record(r, name, what, 0, "model: %s", ng_error_message());
        return;
    }
    st = exact_rho0(res, M);
    if (st != NG_OK) {
        record(r, name, what, 0, "rho0: %s", ng_error_message());
        ng_model_clear(M);
        return;
    }
    {
        const ng_ring_struct *R = res->R;
        ng_ptr lhs = ng_elem_new(R), rhs = ng_elem_new(R);
        int have_rhs = ng_engine_eq150(lhs, rhs, res->obs, M, R);
        truth_t eq = have_rhs ? ng_elem_equal(lhs, rhs, R) : T_UNKNOWN;
        truth_t z = ng_elem_is_zero(lhs, R);
        const char *levels = res->degenerate ? "degenerate levels" : "simple levels";
        if (claim == EQ150_FLAT)
            record(r, name, what, z == T_TRUE, "t_N - t_1 %s 0 exactly over Q (%s; route %s)",
                   z == T_TRUE ? "==" : "!=", levels,
                   res->route == NG_ENGINE_EIGEN ? "eigen" : "commutant");
        else
            record(r, name, what, eq == T_TRUE && z == T_FALSE,
                   "lhs %s rhs exactly over Q (lhs = t_N - t_1 %s 0; %s)",
                   eq == T_TRUE ? "==" : "!=", z == T_FALSE ? "!=" : "==", levels);
        ng_elem_free(lhs, R);
        ng_elem_free(rhs, R);
    }
    ng_engine_rho0_clear(res);
    ng_model_clear(M);
}

/* 3. Eq. 150 on ρ0, exactly, at every rational point and on the boundary-field
 * model (general form); 4. α_zz = 0 (θ = π/2) ⇒ t_N = t_1 at three bath
 * settings; 4'. but with z boundary fields α_zz = 0 leaves a gradient. */
static void check_eq150(run_t *r)
{
    static const char *const flat[3][9] = {
        {"theta", "pi/2", "tL", "1/2", "tR", "1/5", NULL},
        {"theta", "pi/2", "tL", "1/3", "tR", "-1/4", "c", "2", NULL},
        {"theta", "pi/2", "tL", "3/4", "tR", "1/7", "d", "1/2", NULL}};
    static const char *const no_zz[] = {"alpha_zz", "0", NULL};
    char name[48], what[192], sn[16];
    for (int src = SRC_BOUNDARY; src < NPOINTS; src++)
        for (int N = 3; N <= 5; N++) {
            source_name(src, sn, sizeof sn);
            snprintf(name, sizeof name, "eq150-%s-N%d", sn, N);
            snprintf(what, sizeof what, "Eq. 150 (general form) holds exactly on rho0, N = %d, %s",
                     N, src == SRC_BOUNDARY ? "boundary-field model" : sn);
            eq150_one(r, src, NULL, N, EQ150_HOLDS, name, what);
        }
    for (int k = 0; k < 3; k++)
        for (int N = 2; N <= 5; N++) {
            snprintf(name, sizeof name, "no-gradient-pi/2-%c-N%d", 'a' + k, N);
            snprintf(what, sizeof what,
                     "alpha_zz = 0 (theta = pi/2, tL = %s, tR = %s) => t_N - t_1 = 0 exactly, "
                     "N = %d", flat[k][3], flat[k][5], N);
            eq150_one(r, SRC_PRESET, flat[k], N, EQ150_FLAT, name, what);
        }
    for (int N = 3; N <= 5; N++) {
        snprintf(name, sizeof name, "gradient-bfield-zz0-N%d", N);
        snprintf(what, sizeof what,
                 "alpha_zz = 0 with z boundary fields: t_N - t_1 = general Eq. 150 != 0, N = %d",
                 N);
        eq150_one(r, SRC_BOUNDARY, no_zz, N, EQ150_GRADIENT, name, what);
    }
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
    ng_engine_reference_t ref;
    ng_engine_opts opts;
    int have_D;
    ng_status st = make_model(M, SRC_PRESET, "tilted-ising", N, NULL);
    if (st != NG_OK) {
        record(r, "numerics-order-rho0", what0, 0, "model: %s", ng_error_message());
        return;
    }
    /* t0, t1 from the weak-coupling reference every command compares with */
    ng_engine_opts_init(&opts);
    st = ng_engine_reference(ref, M, &opts);
    if (st == NG_OK && ref->order < 1)
        st = ng_error(NG_ECOMPUTE, "levels are degenerate: no rho1 to compare with");
    if (st != NG_OK) {
        record(r, "numerics-order-rho0", what0, 0, "series: %s", ng_error_message());
        ng_engine_reference_clear(ref);
        ng_model_clear(M);
        return;
    }
    ng_engine_reference_t_d(t0, ref, 0);
    ng_engine_reference_t_d(t1, ref, 1);
    ng_engine_reference_clear(ref);
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
        ng_status st = make_model(M, SRC_PRESET, "tilted-ising", N, flat);
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
        ng_status st = make_model(M, SRC_PRESET, "tilted-ising", 4, paper);
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
/* Every check, in the order of the report; add new ones here (each records
 * one or more items and never stops the run). */
static void (*const checks[])(run_t *) = {check_two_spin, check_eq44, check_inverse,
                                          check_eq150, check_numerics,
                                          check_flat_current};

void ng_verify_run(ng_verify_t V, FILE *progress)
{
    run_t r;
    V->n = 0;
    V->items = NULL;
    memcpy(r.V, V, sizeof r.V);
    r.progress = progress;
    r.start = wall_seconds();
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        checks[i](&r);
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
