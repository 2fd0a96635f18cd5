/* The two-spin theory of Sect. IV B and Appendix B, derived by the machine:
 *
 *   1. P0 L1 on Ker L0 in the basis of Eq. 81 (Eqs. 87–95);
 *   2. Ker(P0 L1 P0) found as a kernel, and γ read off from it (Eqs. 96–98);
 *   3. the general zeroth-order form Eq. 103 checked to lie in that kernel;
 *   4. P1 L2 ρ0 on it (Eqs. B17–B18), i.e. the equations B23–B25;
 *   5. their exact solution t1, t2, g for general c_ν, d_ν, t_ν;
 *   6. comparisons with the printed forms (B13–B16, B17–B18, B23–B25,
 *      Eqs. 111–114), and Eq. B18 recomputed with the printed B13–B16.
 *
 * Everything is computed in the model's ring; with free parameters the
 * results are rational functions (θ enters through u = tan(θ/2)). */
#ifndef NESSGEN_TWO_SPIN_H
#define NESSGEN_TWO_SPIN_H

#include "nessgen/kernel.h"
#include "nessgen/model.h"
#include "nessgen/pert.h"
#include "nessgen/superop.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Outcome of comparing a derived expression with the printed one. */
typedef enum {
    NG_CMP_EQUAL,       /* identical rational functions */
    NG_CMP_PROPORTIONAL /* equal up to a nonzero factor free of t1, t2, g */,
    NG_CMP_DIFFERENT,
    NG_CMP_NOT_APPLICABLE
} ng_cmp;

typedef struct {
    const ng_model_struct *M;    /* N = 2, ring holding the symbols t1, t2, g */
    ng_named_basis_t B;          /* Eq. 81 */
    ng_superop_ctx_t L;
    ng_pert_t P;                 /* P0 L1 P0, Im P1, the zeroth-order system */
    int have_pert;               /* P was built (and must be cleared) */
    ng_ptr alpha_plus, delta_alpha_z;
    int gamma_defined;           /* Δα^z ≠ 0: the kernel holds ρ^C − γρ^A */
    ng_ptr gamma;                /* read off the kernel (Eq. 98) */
    ng_ptr gamma_formula;        /* α_+/Δα^z, for comparison */
    ng_ptr kernel_extra;         /* 6 coordinates of the fourth kernel vector */
    int eq103_in_kernel;         /* P0 L1 ρ0 = 0 for the form Eq. 103 */
    ng_ptr p1l2;                 /* coordinates of P1 L2 ρ0(t1,t2,g) on
                                    σ^{zz}, σ^{0z}+σ^{z0}, ρ^{C'} (Eq. B18) */
    int eq44_holds;              /* P1 L1 (Q0L0Q0)^{-1} L1 P1 = 0 (App. A) */
    ng_ptr rho0;                 /* 6 coordinates of the solution */
    ng_ptr t1, t2, g, rhoA;      /* Eq. 103's parameters and the ρ^A coefficient */
    /* Eqs. B13–B16: bath ν's dissipator on its own spin, 16 entries
     * [4·row + col] = coefficient of σ^row in D_ν σ^col (0, x, y, z order),
     * derived (dmat) and printed with a_ν = c_ν sinθ, b_ν = d_ν cosθ, t_ν
     * (dmat_printed, NULL if the model has no θ, c_ν, d_ν to write them in) */
    ng_ptr dmat[2], dmat_printed[2];
    /* Eq. B18's three coordinates with the printed B13–B16 in place of the
     * derived D_ν (NULL unless dmat_printed and p1l2 are) */
    ng_ptr p1l2_printed_d;
} ng_two_spin_struct;
typedef ng_two_spin_struct ng_two_spin_t[1];

/* Runs steps 1–5 for a two-spin model whose ring holds the symbols t1, t2
 * and g (add them with ng_model_spec_add_symbols).  NG_ECOMPUTE if ρ0 is not
 * unique or a decision cannot be made. */
ng_status ng_two_spin_derive(ng_two_spin_t T, const ng_model_t M);
void ng_two_spin_clear(ng_two_spin_t T);

/* Eq. B18's three coordinates, P0 (D_L' + D_R') ρ0 on σ^{zz}, σ^{0z}+σ^{z0},
 * ρ^{C'}, for the form of Eq. 103 with the single-spin dissipators D_ν' given
 * as matrices m[ν] (16 entries, as dmat).  Needs gamma_defined and the
 * symbols t1, t2, g. */
void ng_two_spin_b18_with(ng_ptr out, const ng_two_spin_t T, ng_ptr const m[2]);

/* Eqs. B13–B16 against the derivation (needs dmat_printed): 1 if the σ^row
 * coefficient of D_ν σ^col (0, x, y, z order) differs from the printed one;
 * then, if ratio is not NULL, *has_ratio says whether ratio = derived/printed
 * was set (0: printed 0). */
int ng_two_spin_b13_b16_differs(ng_ptr ratio, int *has_ratio, const ng_two_spin_t T, int nu,
                                int row, int col);
/* 1 if Eq. B18 recomputed with the printed B13–B16 (p1l2_printed_d) equals
 * the derived one; 0 if it differs or was not computed. */
int ng_two_spin_b18_printed_d_same(const ng_two_spin_t T);

/* The ring element of a printed formula (an expression in the model's
 * symbols, e.g. "(tL+tR)/2"), for comparisons; NG_EINPUT if it cannot be
 * represented. */
ng_status ng_two_spin_eval_text(ng_ptr res, const char *text, const ng_model_t M);
/* Compares derived with printed: equal, or proportional by a factor that does
 * not involve t1, t2, g (*factor receives derived/printed then). */
ng_cmp ng_two_spin_compare(ng_ptr factor, ng_srcptr derived, ng_srcptr printed,
                           const ng_model_t M);

/* ---- the study `nessgen two-spin` reports ---------------------------- */

/* One derivation: the model it ran in (the user's spec with symbolic
 * defaults, numbers held as symbols, N = 2, the symbols t1, t2, g), and
 * the outcome (note: the library's message when it failed). */
typedef struct {
    ng_model_t M;
    ng_two_spin_t T;
    int resolved, ok;
    char note[512];
} ng_two_spin_run_struct;

/* A derived expression against the printed one (ng_two_spin_compare): the
 * outcome and, when proportional, the factor derived/printed in R. */
typedef struct {
    ng_cmp cmp;
    ng_ptr factor;            /* NULL unless cmp is NG_CMP_PROPORTIONAL */
    const ng_ring_struct *R;  /* the ring of factor (a run's model's) */
} ng_two_spin_cmp_struct;

/* Three runs: the parameters as given; equal baths cL = cR = c, dL = dR = d
 * (Eqs. 111–114); θ = π/2 (the flat profile).  A model without those
 * parameters has no equal or flat run.  From the equal run, K = (t1 − t2)/
 * (tL − tR) of Eq. 114 and its values at θ = π/2 (u_θ = 1) and θ → 0
 * (u_θ = 0); from the general run, (t1 − t2)/(tL − tR) at the numbers that
 * were held as free names: an exact value where they are rational, a
 * certified ball, or the free names it still needs. */
typedef struct {
    ng_two_spin_run_struct general, equal, flat;
    int have_equal, have_flat;
    ng_ptr flat_diff;        /* t1 − t2 of the flat run when it is ok (0: flat profile) */
    int have_K;              /* K (equal run's ring) */
    ng_ptr K;
    int have_K_limit[2];     /* K at θ = π/2, θ → 0 */
    ng_ptr K_limit[2];
    int have_K_held;         /* numbers were held (general run's nheld > 0) */
    int K_held_ok;           /* K_held encloses the value */
    arb_t K_held;
    char K_missing[256];     /* otherwise the names it needs ("" if undefined) */
    /* the general run against print: γ read off the kernel against α_+/Δα^z
     * (Eq. 98, equal or different) and Eq. B22; P1 L2 ρ0's coordinates
     * against Eq. B18 and the left sides of Eqs. B23–B25; Eq. B18 with the
     * printed B13–B16 equal to the derived one (1), or not (0) */
    ng_two_spin_cmp_struct gamma, gamma_b22, b18[3], b23[3];
    int b18_same_with_printed_d;
    /* the equal run against Eqs. 111–113 (t1, t2, g) and K against Eq. 114 */
    ng_two_spin_cmp_struct eq111[3], eq114;
} ng_two_spin_study_struct;
typedef ng_two_spin_study_struct ng_two_spin_study_t[1];

/* The model of one run: spec (not modified) with symbolic defaults, held
 * reals, t1, t2, g, N = 2, then the overrides (key, value, …, NULL). */
ng_status ng_two_spin_model(ng_model_t M, const ng_model_spec *spec,
                            const char *const *overrides, slong prec);
/* K = (t1 − t2)/(tL − tR) of a derivation (Eq. 114 for equal baths); 0 if
 * tL − tR cannot be written in M's ring or is zero. */
int ng_two_spin_K(ng_ptr K, const ng_two_spin_t T, const ng_model_t M);
/* Runs the three derivations, K and the comparisons with print; the status
 * is the general run's (the others may fail and are reported in their runs).  held_prec: the
 * precision of the held-number ball.  Clear is always safe after init. */
ng_status ng_two_spin_study_init(ng_two_spin_study_t S, const ng_model_spec *spec, slong prec,
                                 slong held_prec);
void ng_two_spin_study_clear(ng_two_spin_study_t S);
/* Writes the study as `nessgen two-spin` does (src/twospin/write.c): text,
 * JSON (schemas/two-spin.json) or a LaTeX derivation, by o->format. */
struct ng_emit_opts_struct;
void ng_two_spin_study_write(FILE *out, const ng_two_spin_study_t S,
                             const struct ng_emit_opts_struct *o);

/* The paper's printed formulas, transcribed for comparison only, in the
 * expression syntax with the names tL tR cL cR dL dR c d theta t1 t2 g:
 * Eq. B18's three coefficients, the left sides of Eqs. B23–B25, γ of
 * Eq. B22, Eqs. 111–113 with K of Eq. 114, and K itself. */
extern const char *const ng_two_spin_printed_b18[3];
extern const char *const ng_two_spin_printed_b23_b25[3];
extern const char *const ng_two_spin_printed_gamma_b22;
extern const char *const ng_two_spin_printed_111_113[3];
extern const char *const ng_two_spin_printed_K;
/* Eqs. B13–B16 for bath L and R: [ν][4·row + col] as in dmat. */
extern const char *const ng_two_spin_printed_b13_b16[2][16];

#ifdef __cplusplus
}
#endif

#endif
