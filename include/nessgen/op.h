/* Operators: sparse sums  Σ_k c_k i^{e_k} S_k  of strings S_k over a ring.
 *
 * Each term carries a real coefficient c_k from the ring and a phase bit
 * e_k ∈ {0,1}, so a + ib is stored as two terms.  A Hermitian operator in the
 * Pauli basis has only e = 0 terms: it costs no complex arithmetic.
 * Terms are kept sorted by (string, phase) with no exact-zero coefficients
 * after ng_op_canonicalise ("generate terms → sort → merge", as FORM does);
 * every function below returns canonical output.  Aliasing of outputs with
 * inputs is allowed everywhere. */
#ifndef NESSGEN_OP_H
#define NESSGEN_OP_H

#include "nessgen/pauli.h"
#include "nessgen/ring.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    ng_string s;
    unsigned int im; /* the term is c · i^im · s */
} ng_key;

typedef struct {
    ng_key *keys;
    ng_ptr coeffs;
    slong length;
    slong alloc;
    int nsites;
    ng_basis basis;
} ng_op_struct;
typedef ng_op_struct ng_op_t[1];

void ng_op_init(ng_op_t A, int nsites, ng_basis basis, const ng_ring_t R);
void ng_op_clear(ng_op_t A, const ng_ring_t R);
void ng_op_set(ng_op_t B, const ng_op_t A, const ng_ring_t R);
void ng_op_swap(ng_op_t A, ng_op_t B);
void ng_op_zero(ng_op_t A, const ng_ring_t R);
void ng_op_fit_length(ng_op_t A, slong len, const ng_ring_t R);

/* Appends c·i^im·s without sorting; follow with ng_op_canonicalise. */
void ng_op_push(ng_op_t A, ng_string s, unsigned int im, ng_srcptr c, const ng_ring_t R);
void ng_op_push_si(ng_op_t A, ng_string s, unsigned int im, slong c, const ng_ring_t R);
/* Appends c·i^k·s for any k (the sign of i^2 goes into the coefficient). */
void ng_op_push_phase(ng_op_t A, ng_string s, int k, ng_srcptr c, const ng_ring_t R);
void ng_op_canonicalise(ng_op_t A, const ng_ring_t R);

/* A single term c·s; the string is given as text, e.g. "xz0" (see pauli.h).
 * Returns 0, or -1 for a malformed string. */
int ng_op_set_term_str(ng_op_t A, const char *s, ng_basis basis, ng_srcptr c,
                       const ng_ring_t R);
/* The identity σ^0⊗…⊗σ^0 on nsites sites. */
void ng_op_one(ng_op_t A, int nsites, const ng_ring_t R);

void ng_op_neg(ng_op_t B, const ng_op_t A, const ng_ring_t R);
void ng_op_add(ng_op_t C, const ng_op_t A, const ng_op_t B, const ng_ring_t R);
void ng_op_sub(ng_op_t C, const ng_op_t A, const ng_op_t B, const ng_ring_t R);
void ng_op_scalar_mul(ng_op_t B, const ng_op_t A, ng_srcptr c, const ng_ring_t R);
void ng_op_scalar_mul_si(ng_op_t B, const ng_op_t A, slong c, const ng_ring_t R);
/* B = i^k A */
void ng_op_mul_i_pow(ng_op_t B, const ng_op_t A, int k, const ng_ring_t R);
/* C += c A */
void ng_op_addmul(ng_op_t C, const ng_op_t A, ng_srcptr c, const ng_ring_t R);

/* Pauli basis only. */
void ng_op_mul(ng_op_t C, const ng_op_t A, const ng_op_t B, const ng_ring_t R);
/* C = [A, B] (Pauli basis). */
void ng_op_commutator(ng_op_t C, const ng_op_t A, const ng_op_t B, const ng_ring_t R);
/* C = −i[H, A] (Pauli basis): the Hamiltonian part of a Liouvillian, Eqs. 17–18. */
void ng_op_hamiltonian_flow(ng_op_t C, const ng_op_t H, const ng_op_t A,
                            const ng_ring_t R);

void ng_op_adjoint(ng_op_t B, const ng_op_t A, const ng_ring_t R);
/* Splits A = X + iY with X, Y Hermitian (Pauli basis). */
void ng_op_hermitian_parts(ng_op_t X, ng_op_t Y, const ng_op_t A, const ng_ring_t R);

/* Tr A = re + i·im (Pauli or ladder basis). */
void ng_op_trace(ng_ptr re, ng_ptr im, const ng_op_t A, const ng_ring_t R);
/* Hilbert–Schmidt product Tr(A† B) = re + i·im (Pauli basis). */
void ng_op_hs_product(ng_ptr re, ng_ptr im, const ng_op_t A, const ng_op_t B,
                      const ng_ring_t R);

/* P_(S): trace out every site outside the mask and put σ^0/2 there (the
 * paper's P_(l), P_(l,l+1) with the normalisation of Eq. 129); in the Pauli
 * basis it keeps the strings supported inside the mask.  Pauli basis. */
void ng_op_project_sites(ng_op_t B, const ng_op_t A, uint64_t mask, const ng_ring_t R);
/* The reduced operator Tr_{outside mask} A on popcount(mask) sites, relabelled
 * in increasing site order.  Pauli basis. */
void ng_op_partial_trace(ng_op_t B, const ng_op_t A, uint64_t mask, const ng_ring_t R);

/* The inverse relabelling: A on popcount(mask) sites placed on the sites of
 * mask within nsites sites (identity elsewhere).  Pauli basis. */
void ng_op_embed(ng_op_t B, const ng_op_t A, uint64_t mask, int nsites, const ng_ring_t R);

/* Exact basis changes σ^x = σ^+ + σ^-, σ^y = −iσ^+ + iσ^- and back (Eq. 78). */
void ng_op_to_ladder(ng_op_t B, const ng_op_t A, const ng_ring_t R);
void ng_op_to_pauli(ng_op_t B, const ng_op_t A, const ng_ring_t R);

/* Decisions (balls may answer T_UNKNOWN). */
truth_t ng_op_is_zero(const ng_op_t A, const ng_ring_t R);
truth_t ng_op_equal(const ng_op_t A, const ng_op_t B, const ng_ring_t R);
truth_t ng_op_is_hermitian(const ng_op_t A, const ng_ring_t R);

/* Plain text, e.g. "3/2*X1 Z3 - i*1/4*Y2" (flint_malloc'd); "0" for zero. */
char *ng_op_get_str(const ng_op_t A, slong digits, const ng_ring_t R);
/* A random operator with up to len terms on nsites sites, for tests. */
void ng_op_randtest(ng_op_t A, flint_rand_t state, slong len, int nsites, int hermitian,
                    const ng_ring_t R);

#ifdef __cplusplus
}
#endif

#endif
