/* The model (README, "Model options"): N spins, H0 = h Σ σ^z, nearest-neighbour coupling α,
 * two baths ν ∈ {L, R} on the edge spins with coupling operator X_ν, bath
 * data c_ν, d_ν, t_ν and mean field Ȳ_ν.
 *
 * A model is described by a spec (what the user gave: a preset or a model
 * file, plus option overrides, each an unevaluated expression) and resolved
 * into a model (every quantity as an expression and as a value in the
 * tightest ring that holds them all: rationals, rational functions of the
 * free names, or balls). */
#ifndef NESSGEN_MODEL_H
#define NESSGEN_MODEL_H

#include <jansson.h>

#include "nessgen/error.h"
#include "nessgen/expr.h"
#include "nessgen/op.h"
#include "nessgen/ring.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { NG_LEFT = 0, NG_RIGHT = 1 };
enum { NG_X = 0, NG_Y = 1, NG_Z = 2 };

/* Largest N any command accepts (bit-packed strings); commands with a model
 * need N ≥ 2. */
#define NG_MODEL_MAX_N 64

typedef struct ng_model_spec_struct ng_model_spec;

/* A spec holds a preset name (or a model file's content) and named
 * overrides.  Keys are the command line's option names without dashes:
 * "N" "h" "theta" "TL" "TR" "tL" "tR" "c" "d" "cL" "cR" "dL" "dR" "Delta"
 * "Jx" "Jy" "Jz" (xyz preset), and for explicit models "alpha_xx" … "alpha_zz",
 * "XL_x" … "XR_z", "YbarL", "YbarR". */
ng_model_spec *ng_model_spec_new(void);
ng_model_spec *ng_model_spec_copy(const ng_model_spec *spec);
void ng_model_spec_free(ng_model_spec *spec);
/* "tilted-ising", "xxz", "xyz" or "generic" (every α_jk, the mean fields
 * α_ν^j = Ȳ_ν x_ν^j of Eq. 91 and the bath data are free symbols, for
 * derivations); NG_EINPUT for anything else. */
ng_status ng_model_spec_set_preset(ng_model_spec *spec, const char *preset);
/* Parses the value now, so a malformed expression is reported with its key. */
ng_status ng_model_spec_set(ng_model_spec *spec, const char *key, const char *value);
/* Reads a model file (format documented at the top of src/model/read_json.c;
 * examples in examples/).  The file describes an explicit model: α, X_ν, Ȳ_ν
 * and the bath data are all given; keys set afterwards override it.  `what`
 * names the input in messages (the file name). */
/* Parameters a preset would default (h, theta, Delta, Jx, Jy, Jz, and the
 * bath data cL … dR, tL, tR) become free names of the same name instead, for
 * derivations with "symbolic α when no values are given". */
ng_status ng_model_spec_set_symbolic_defaults(ng_model_spec *spec);
/* Further free names (e.g. t1 … tN for the product of local equilibrium
 * states) that the model's ring must hold; the model then resolves into
 * Q(names), and NG_EINPUT if it would need balls. */
ng_status ng_model_spec_add_symbols(ng_model_spec *spec, const char *const *names, slong n);
/* For exact derivations (Q(names), ring.h): a given number that no exact ring can
 * hold next to free names (theta = 1: cos 1 is irrational; TL = 3/2: tL =
 * tanh(2/3)) is held as a free name instead — theta stays theta (so u_theta
 * = tan(theta/2)), TL and TR become tL and tR, any other key its own name —
 * and the model remembers the value (ng_model_eval_held). */
void ng_model_spec_set_hold_reals(ng_model_spec *spec);
/* Model files larger than this are refused unread (NG_EINPUT), so a device
 * such as /dev/zero cannot make the reader grow without bound. */
#define NG_MODEL_FILE_MAX_BYTES (1L << 20)
ng_status ng_model_spec_read_file(ng_model_spec *spec, const char *path);
ng_status ng_model_spec_read_json(ng_model_spec *spec, const char *text, const char *what);
/* The number of spins set so far (by a model file or "N"), 0 if none. */
int ng_model_spec_get_N(const ng_model_spec *spec);
/* The expression given for key (an option or a model file's value), as
 * typed; NULL if the key was not given (a preset's default is not "given").
 * For N use ng_model_spec_get_N. */
const char *ng_model_spec_get(const ng_model_spec *spec, const char *key);
/* The preset name, or NULL for a model file or a spec with neither. */
const char *ng_model_spec_get_preset(const ng_model_spec *spec);
/* The model file's name, or NULL when no model file was read. */
const char *ng_model_spec_get_file(const ng_model_spec *spec);

typedef struct {
    int N;
    ng_ring_t R;
    ng_ptr h;
    ng_ptr alpha;   /* 9 entries: alpha[3*j + k], j, k ∈ {NG_X, NG_Y, NG_Z}; symmetric */
    ng_ptr x[2];    /* 3 entries each: X_ν = Σ_j x_ν^j σ^j_{e_ν} */
    ng_ptr c[2];    /* c_ν = (Φ̃_ν(2h) + Φ̃_ν(−2h))/2 ≥ 0 */
    ng_ptr d[2];    /* d_ν = Φ̃_ν(0) ≥ 0 */
    ng_ptr t[2];    /* t_ν = tanh(β_ν h) */
    ng_ptr ybar[2]; /* Ȳ_ν */
    /* provenance: each quantity's expression and its display name */
    slong nquantities;
    ng_expr **exprs;
    char **quantity_names;
    const char *preset; /* NULL for a model file */
    ng_model_spec *spec; /* what was given (a copy owned by the model) */
    /* storage and provenance */
    ng_ptr values;              /* nquantities elements behind h … ybar */
    ng_expr_domain *domains;    /* each quantity's exact classification */
    const char **sources;       /* "given", "default" or "derived" per quantity */
    slong ninputs;              /* inputs that are not quantities: theta, TL, … */
    char **input_names;
    ng_expr **inputs;
    const char **input_sources;
    slong prec;                 /* ball precision (also for displaying inputs) */
    /* numbers held as free names (ng_model_spec_set_hold_reals) */
    slong nheld;
    char **held_keys;           /* what was given: "theta = 1", "TL = 3/2" */
    char **held_symbols;        /* the ring's name for it: "u_theta", "tL", "c" */
    ng_expr **held_values;      /* the value of that symbol: tan(theta/2), tanh(h/TL), … */
    /* Warnings for the user, e.g. a model file's mean field Ybar kept
     * although the temperature it depends on was overridden. */
    slong nwarnings;
    char **warnings;
} ng_model_struct;
typedef ng_model_struct ng_model_t[1];

/* Resolves a spec: checks completeness and ranges (N, T > 0, c, d ≥ 0, h ≠ 0,
 * |t| < 1), builds every quantity and picks the ring.  prec is the ball
 * precision if balls are needed.  NG_EINPUT with a message naming the field. */
ng_status ng_model_resolve(ng_model_t M, const ng_model_spec *spec, slong prec);
/* x (an element of M->R) with the held numbers put in as certified balls:
 * 1 on success; 0 if x also depends on a free name without a value (the
 * names are listed in missing, comma-separated, when it is not NULL) or if
 * its denominator cannot be certified nonzero at prec. */
int ng_model_eval_held(arb_t res, ng_srcptr x, const ng_model_t M, slong prec, char *missing,
                       size_t size);
/* Re-evaluates a ball model at a new precision (exact models: no-op). */
ng_status ng_model_set_prec(ng_model_t M, slong prec);
void ng_model_clear(ng_model_t M);
/* out = M (a model with free names, ring Q(names)) at the rational point
 * `point` (one value per name of M->R, in its order): every quantity
 * evaluated there, ring Q, no range checks (the rational functions continue
 * analytically).  NG_ECOMPUTE if a denominator vanishes there (out is then
 * cleared). */
ng_status ng_model_specialise(ng_model_t out, const ng_model_t M, const fmpq *point);

/* {"preset":…, "N":…, "domain":…, "parameters": {name: {"given":…, "value":…}}};
 * "value" is {"exact": "p/q"}, {"symbolic": "…"} or {"mid", "rad"[, "exact"]};
 * each parameter also says its "source" (given, default, derived).  The full
 * format is at the top of src/model/to_json.c.  digits: for mid and rad. */
json_t *ng_model_to_json(const ng_model_t M, slong digits);

/* Operators of the model, Pauli basis, on M->N sites. */
void ng_model_h0(ng_op_t H, const ng_model_t M);                 /* h Σ σ^z_l (Eq. 69) */
void ng_model_bond(ng_op_t H, const ng_model_t M, int l);        /* H_I(l,l+1), 0-based l (Eq. 118) */
void ng_model_hi(ng_op_t H, const ng_model_t M);                 /* H_I (Eq. 70) */
void ng_model_x(ng_op_t X, const ng_model_t M, int nu);          /* X_ν on its edge spin */
void ng_model_he(ng_op_t H, const ng_model_t M, int nu);         /* Ȳ_ν X_ν = H_E(e_ν) (Eqs. 91, 120) */
void ng_model_h1(ng_op_t H, const ng_model_t M);                 /* H_I + H̄_SB */
/* S_ν = ½[d x^z σ^z + c(1−t)(x^x − i x^y)σ^+ + c(1+t)(x^x + i x^y)σ^-] (Eq. 13) */
void ng_model_s(ng_op_t S, const ng_model_t M, int nu);
/* α_+ = α_xx + α_yy and Δα^z = Ȳ_L x_L^z − Ȳ_R x_R^z (Eqs. 89, 93). */
void ng_model_alpha_plus(ng_ptr res, const ng_model_t M);
void ng_model_delta_alpha_z(ng_ptr res, const ng_model_t M);

#ifdef __cplusplus
}
#endif

#endif
