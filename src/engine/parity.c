/* The λ → −λ symmetry of the transverse case (θ = π/2).
 *
 * Claim: if a unitary U commutes with H0 and every σ^z_l, U V U† = −V for
 * V = H_I + H̄_SB, and U X_ν U† = ±X_ν for both baths, then t_l(λ) =
 * −Tr(σ^z_l ρ(λ)) is even in λ, so every odd-order correction t_l^{(2j+1)}
 * of the series vanishes.
 *
 * Proof.  Let 𝒰ρ = UρU†.  𝒰 L0 𝒰^{-1} = L0 ([U, H0] = 0) and 𝒰 L1 𝒰^{-1} =
 * −L1 (L1 = −i[V, ·]).  S_ν (Eq. 13) is built from the σ^z, σ^+ and σ^−
 * components of X_ν, and U — a product of σ^z's — multiplies σ^± by the same
 * sign as σ^x, σ^y and leaves σ^z alone, so U X_ν U† = s X_ν implies
 * U S_ν U† = s S_ν (for s = −1 the σ^z component of X_ν is zero); D_ν of
 * Eq. 7 is bilinear in (X_ν, S_ν), so 𝒰 L2 𝒰^{-1} = L2.  Hence
 * 𝒰 L(λ) 𝒰^{-1} = L0 − λL1 + λ²L2 = L(−λ), and 𝒰ρ(λ) is a steady state of
 * L(−λ); by uniqueness 𝒰ρ(λ) = ρ(−λ), and order by order 𝒰ρ_m = (−1)^m ρ_m
 * (the series of ρ(−λ) is Σ(−λ)^m ρ_m).  Since U commutes with σ^z_l,
 * Tr(σ^z_l ρ_m) = Tr(σ^z_l 𝒰ρ_m) = (−1)^m Tr(σ^z_l ρ_m): zero for odd m.
 * Likewise ⟨ρ^A_{l,l+1}⟩, ⟨ρ^B_{l,l+1}⟩ (σ^xσ^x + σ^yσ^y flips sign under
 * U = Π_{l odd} σ^z_l) vanish at even orders, in particular in ρ0.
 *
 * The tilted Ising chain at θ = π/2 has V = H_I = Σ σ^x_l σ^x_{l+1} (α_xx =
 * 1, Ȳ_ν = −cos θ t_ν = 0) and X_ν = −σ^x: U = Π_{l odd} σ^z_l (1-based)
 * puts exactly one σ^z on each bond, so U V U† = −V, and X_ν → ±X_ν. */
#include "internal.h"

/* B = U A U† for U = Π_{l ∈ mask} σ^z_l: the strings with an odd number of
 * σ^x, σ^y factors on the mask change sign. */
static void conjugate_by_z(ng_op_t B, const ng_op_t A, uint64_t mask, const ng_ring_t R)
{
    ng_op_set(B, A, R);
    for (slong j = 0; j < B->length; j++)
        if (__builtin_popcountll(B->keys[j].s.x & mask) & 1)
            ng_elem_neg(ng_vec_entry(B->coeffs, j, R), ng_vec_srcentry(B->coeffs, j, R), R);
}

/* U A U† = sign·A, decided (T_UNKNOWN if balls cannot tell). */
static truth_t maps_to(const ng_op_t A, int sign, uint64_t mask, const ng_ring_t R)
{
    ng_op_t B;
    truth_t t;
    ng_op_init(B, A->nsites, NG_PAULI, R);
    conjugate_by_z(B, A, mask, R);
    if (sign < 0)
        ng_op_add(B, B, A, R);
    else
        ng_op_sub(B, B, A, R);
    t = ng_op_is_zero(B, R);
    ng_op_clear(B, R);
    return t;
}

truth_t ng_engine_odd_symmetry(const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    uint64_t mask = 0;
    ng_op_t V, X;
    truth_t t;
    for (int l = 0; l < M->N; l += 2) /* sites 1, 3, 5, … (1-based) */
        mask |= UWORD(1) << l;
    ng_op_init(V, M->N, NG_PAULI, R);
    ng_op_init(X, M->N, NG_PAULI, R);
    ng_model_h1(V, M);
    t = maps_to(V, -1, mask, R);
    for (int nu = 0; nu < 2 && t == T_TRUE; nu++) {
        truth_t plus, minus;
        ng_model_x(X, M, nu);
        plus = maps_to(X, 1, mask, R);
        minus = maps_to(X, -1, mask, R);
        t = plus == T_TRUE || minus == T_TRUE ? T_TRUE
            : plus == T_FALSE && minus == T_FALSE ? T_FALSE : T_UNKNOWN;
    }
    ng_op_clear(V, R);
    ng_op_clear(X, R);
    return t;
}
