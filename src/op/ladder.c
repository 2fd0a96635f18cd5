/* Exact changes between the Pauli and ladder bases (Eq. 78):
 *   σ^x = σ^+ + σ^-,   σ^y = −iσ^+ + iσ^-,
 *   σ^+ = (σ^x + iσ^y)/2,   σ^- = (σ^x − iσ^y)/2.
 * A string with k off-diagonal letters expands into 2^k strings. */
#include "nessgen/op.h"

/* Phase exponent of the factor picked at one off-diagonal site:
 * from_letter_z is the source z bit, to_z the chosen target z bit. */
static int to_ladder_phase(int from_z, int to_z)
{
    return from_z ? (to_z ? 1 : 3) : 0; /* σ^y → −i σ^+ (i^3), +i σ^- (i^1) */
}

static int to_pauli_phase(int from_z, int to_z)
{
    return to_z ? (from_z ? 3 : 1) : 0; /* σ^± → σ^x/2 ± i σ^y/2 */
}

static void change_basis(ng_op_t B, const ng_op_t A, ng_basis target,
                         int (*phase)(int, int), const ng_ring_t R)
{
    ng_op_t T;
    ng_ptr t = ng_elem_new(R);
    ng_op_init(T, A->nsites, target, R);
    for (slong i = 0; i < A->length; i++) {
        ng_string s = A->keys[i].s;
        uint64_t off = s.x, sub = 0;
        slong scale = target == NG_PAULI ? -__builtin_popcountll(off) : 0;
        ng_elem_mul_2exp_si(t, ng_vec_srcentry(A->coeffs, i, R), scale, R);
        do { /* all subsets `sub` of the off-diagonal sites: the new z bits */
            ng_string u = {s.x, (s.z & ~off) | sub};
            int k = (int)A->keys[i].im;
            for (uint64_t m = off; m != 0; m &= m - 1) {
                int l = __builtin_ctzll(m);
                k += phase((s.z >> l) & 1, (sub >> l) & 1);
            }
            ng_op_push_phase(T, u, k, t, R);
            sub = (sub - off) & off;
        } while (sub != 0);
    }
    ng_op_canonicalise(T, R);
    ng_op_swap(B, T);
    ng_op_clear(T, R);
    ng_elem_free(t, R);
}

void ng_op_to_ladder(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    if (A->basis == NG_LADDER)
        ng_op_set(B, A, R);
    else
        change_basis(B, A, NG_LADDER, to_ladder_phase, R);
}

void ng_op_to_pauli(ng_op_t B, const ng_op_t A, const ng_ring_t R)
{
    if (A->basis == NG_PAULI)
        ng_op_set(B, A, R);
    else
        change_basis(B, A, NG_PAULI, to_pauli_phase, R);
}
