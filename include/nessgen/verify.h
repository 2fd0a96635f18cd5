/* Every paper check nessgen can make, run in one go (`nessgen verify`):
 *
 *   1. the two-spin solution for equal baths is Eqs. 111–113 with K of
 *      Eq. 114, exactly, for general θ, t_ν, c, d (two_spin.h; K itself
 *      follows from Eqs. 111–112 and is not a separate check);
 *   2. Appendix A's Eq. 44 holds for N = 2..4 with simple levels at three
 *      rational tilted Ising points (u = tan(θ/2) = 1/2, 1/3, 3/4, different
 *      baths), holds on the boundary-field model exactly when its levels are
 *      simple, and fails, as the degenerate case must, at θ = π/2, N = 4;
 *      and, since Eq. 44 cannot tell a wrong (Q0L0Q0)^{-1}, that map is
 *      checked to invert Q0 L0 Q0 on L1(Ker L0) at the same models (N = 3);
 *   3. Eq. 150 (general form) holds exactly on ρ0 for N = 3..5 at those
 *      points and on the boundary-field model;
 *   4. α_zz = 0 (θ = π/2) gives t_N − t_1 = 0 exactly for N = 2..5 at three
 *      bath settings — and with z boundary fields it does not (N = 3..5);
 *   5. the full-Liouvillian NESS (numerics.h) converges to ρ0 with order 1
 *      and to ρ0 + λρ1 with order 2 (N = 4, the paper's parameters,
 *      λ = 1e-2 and 1e-3);
 *   6. θ = π/2: the flat profile carries heat, J_L^[2] = hΓ_LΓ_R(t_R − t_L)/
 *      (Γ_L + Γ_R) ≠ 0 and J_L + J_R = 0 exactly on ρ0 for N = 2..5, and the
 *      full Liouvillian (N = 4) gives J_L/λ² → J_L^[2] with every bond current
 *      equal to J_L (observable.h).
 *
 * Exact checks compare exactly; the numerical ones state their tolerance. */
#ifndef NESSGEN_VERIFY_H
#define NESSGEN_VERIFY_H

#include <stdio.h>

#include "nessgen/error.h"
#include "nessgen/model.h"
#include "nessgen/report.h"
#include "nessgen/ring.h"
#include "nessgen/superop.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char name[48];     /* short identifier, e.g. "eq150-exact-N4" */
    char what[192];    /* the claim, with the paper's equation number */
    char detail[512];  /* what was measured, or why it failed */
    int passed;
    double seconds;    /* wall time (not part of any generated file) */
} ng_verify_item;

typedef struct {
    slong n;
    ng_verify_item *items;
} ng_verify_struct;
typedef ng_verify_struct ng_verify_t[1];

/* Runs every check; a check whose computation fails is recorded as failed
 * with the library's message (the run goes on).  progress, if not NULL,
 * receives one line per check as it finishes.  Never fails itself. */
void ng_verify_run(ng_verify_t V, FILE *progress);

/* A map in place of (Q0 L0 Q0)^{-1} (ng_superop_q0l0q0_inv's signature). */
typedef ng_status (*ng_verify_inverse_fn)(ng_op_t res, const ng_op_t rho,
                                          const ng_superop_ctx_t L);
/* Whether inv acts as (Q0 L0 Q0)^{-1} on L1(Ker L0): for y = L1 b, every
 * basis element b of Ker L0, L0 inv(y) = Q0 y and P0 inv(y) = 0 (Eq. 40).
 * Exact models; *nchecked counts the b.  Eq. 44 alone cannot tell a wrong
 * inverse (any map odd as the true one passes it); this check can. */
truth_t ng_verify_q0l0q0_inverse(slong *nchecked, const ng_model_t M, ng_verify_inverse_fn inv);

/* examples/xxz_boundary_fields.json, the same model (t-hierarchy compares
 * them): an XXZ chain whose tilted bath couplings put z boundary fields
 * α_1^z = −3/10, α_N^z = 3/10 on the edge spins, every parameter rational. */
extern const char ng_verify_boundary_field_model[];
void ng_verify_clear(ng_verify_t V);
/* 1 if every check passed. */
int ng_verify_all_passed(const ng_verify_t V);
/* The checks as a report (src/verify/report.c): JSON "checks" [{"name",
 * "claim", "passed", "detail"}], "passed", "failed", "all_passed"; text one
 * entry per check and a summary line. */
void ng_verify_report(ng_report_t rep, const ng_verify_t V);

#ifdef __cplusplus
}
#endif

#endif
