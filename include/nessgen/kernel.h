/* Ker L0 (Sect. IV A): the span of |{s}⟩⟨{s'}| with Σ s_l = Σ s'_l, i.e. of the
 * balanced ladder strings, dimension C(2N, N).
 *
 * Its Hermitian basis, in the paper's notation: the 2^N diagonal strings of
 * σ^0/σ^z (written σ^{0z…}, Eq. 82), and for every balanced string s with
 * k ≥ 2 ladder factors (representative: σ^+ on its first one)
 *
 *     A[s] = 2^{k−1} (s + s†),     B[s] = 2^{k−1} i (s − s†),
 *
 * which for k = 2 are σ^z decorations of ρ^A_{l,m} and ρ^B_{l,m} (Eqs. 79–80,
 * 128).  The basis is orthogonal for the Hilbert–Schmidt product. */
#ifndef NESSGEN_KERNEL_H
#define NESSGEN_KERNEL_H

#include "nessgen/error.h"
#include "nessgen/op.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { NG_KER_DIAGONAL, NG_KER_A, NG_KER_B, NG_KER_COMBINATION } ng_ker_type;

/* A list of named, mutually orthogonal Hermitian operators. */
typedef struct {
    slong length;
    ng_op_struct *ops;
    char **names;   /* plain text, e.g. "Z1 A(2,3)" */
    char **latex;   /* e.g. "\sigma^z_{1}\rho^{\mathrm{A}}_{2,3}" */
    ng_ker_type *types;
} ng_named_basis_struct;
typedef ng_named_basis_struct ng_named_basis_t[1];

void ng_named_basis_init(ng_named_basis_t B);
void ng_named_basis_clear(ng_named_basis_t B, const ng_ring_t R);
/* Takes ownership of op (which is left zeroed). */
void ng_named_basis_append(ng_named_basis_t B, ng_op_t op, const char *name,
                           const char *latex, ng_ker_type type, const ng_ring_t R);
/* coeffs[i] = ⟨b_i, A⟩ / ⟨b_i, b_i⟩ (real parts; A Hermitian).  Returns
 * T_TRUE if A lies in the span (the residual is zero), T_FALSE if not,
 * T_UNKNOWN if balls cannot decide. coeffs must hold B->length elements. */
truth_t ng_named_basis_decompose(ng_ptr coeffs, const ng_op_t A, const ng_named_basis_t B,
                                 const ng_ring_t R);

/* P0 keeps the balanced ladder components (n₊ = n₋), Q0 = 1 − P0 (L0 multiplies
 * a ladder string by −2ih(n₊ − n₋)).
 * Pauli basis in and out. */
void ng_kernel_p0(ng_op_t res, const ng_op_t rho, const ng_ring_t R);
void ng_kernel_q0(ng_op_t res, const ng_op_t rho, const ng_ring_t R);

/* C(2N, N), the dimension of Ker L0. */
void ng_kernel_dim(fmpz_t dim, int N);
/* Dimension of the sector Σ s_l = Σ s'_l = N − 2k: C(N, k)^2. */
void ng_kernel_sector_dim(fmpz_t dim, int N, int k);
/* Bytes the Hermitian basis would take for N spins (for refusing large N). */
double ng_kernel_basis_bytes(int N, const ng_ring_t R);
/* Appends the Hermitian basis above to B, ordered by the number of ladder
 * factors, then weight, then position. */
ng_status ng_kernel_basis(ng_named_basis_t B, int N, const ng_ring_t R);
/* The paper's two-spin basis of Eq. 81:
 * σ^{00}, σ^{zz}, σ^{0z} + σ^{z0}, ρ^A, ρ^B, ρ^C = σ^{0z} − σ^{z0} (Eq. 83). */
void ng_kernel_basis_two_spin(ng_named_basis_t B, const ng_ring_t R);

/* Writes the basis B of N spins with dim Ker L0 and its sectors as `nessgen
 * kernel` does (src/kernel/write.c): text, JSON (schemas/kernel.json) or
 * LaTeX, by o->format (emit.h's ng_emit_opts; emit.h includes this header). */
struct ng_emit_opts_struct;
void ng_kernel_basis_write(FILE *out, int N, const ng_named_basis_t B, const ng_ring_t R,
                           const struct ng_emit_opts_struct *o);

#ifdef __cplusplus
}
#endif

#endif
