/* The zeroth-order state in Ker L0 coordinates (Eqs. 33, 45–47; DESIGN §2). */
#include "nessgen/pert.h"

static void dense_matrix(ng_mat_t A, ng_superop_fn map, const ng_pert_t P, truth_t *ok)
{
    ng_sparse_mat_t S;
    truth_t t;
    ng_sparse_mat_init(S, 0, 0, P->R);
    t = ng_superop_matrix(S, map, 1, P->B, P->L);
    if (t != T_TRUE)
        *ok = t;
    ng_sparse_mat_to_dense(A, S, P->R);
    ng_sparse_mat_clear(S, P->R);
}

static void basis_functionals(ng_pert_t P)
{
    const ng_ring_struct *R = P->R;
    ng_ptr im = ng_elem_new(R);
    for (slong i = 0; i < P->B->length; i++) {
        ng_op_hs_product(ng_vec_entry(P->gram, i, R), im, P->B->ops + i, P->B->ops + i, R);
        ng_op_trace(ng_vec_entry(P->trace, i, R), im, P->B->ops + i, R);
    }
    ng_elem_free(im, R);
}

/* W = Vᵀ G M V: the condition P1 M P1 ρ = 0 on Im P1, since for x ∈ Ker L0,
 * P1 x = 0 ⇔ ⟨v_a, x⟩ = 0 for every column v_a of V. */
static void restrict_to_p1(ng_mat_t W, const ng_mat_t M, const ng_pert_t P)
{
    const ng_ring_struct *R = P->R;
    ng_mat_t MV, VtG;
    ng_mat_init(MV, 0, 0, R);
    ng_mat_init(VtG, P->V->c, P->V->r, R);
    ng_mat_mul(MV, M, P->V, R);
    for (slong a = 0; a < P->V->c; a++)
        for (slong i = 0; i < P->V->r; i++)
            ng_elem_mul(ng_mat_entry(VtG, a, i, R), ng_mat_entry(P->V, i, a, R),
                        ng_vec_entry(P->gram, i, R), R);
    ng_mat_mul(W, VtG, MV, R);
    ng_mat_clear(MV, R);
    ng_mat_clear(VtG, R);
}

ng_status ng_pert_init(ng_pert_t P, const ng_named_basis_t B, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    slong n = B->length;
    truth_t ok = T_TRUE;
    ng_mat_t A2, AS;

    P->L = L;
    P->R = R;
    P->B = B;
    P->gram = ng_vec_init(n, R);
    P->trace = ng_vec_init(n, R);
    ng_mat_init(P->A1, 0, 0, R);
    ng_mat_init(P->V, 0, 0, R);
    ng_mat_init(P->W, 0, 0, R);
    basis_functionals(P);
    if (ng_elem_is_zero(L->M->h, R) != T_FALSE) {
        ng_pert_clear(P);
        return ng_error(NG_ECOMPUTE, "the field h cannot be certified nonzero");
    }

    dense_matrix(P->A1, ng_superop_l1, P, &ok);
    if (ok == T_TRUE)
        ok = ng_mat_nullspace(P->V, P->A1, R);
    if (ok != T_TRUE) {
        ng_pert_clear(P);
        return ng_error(NG_ECOMPUTE, "Ker(P0 L1 P0): the rank cannot be decided at %ld "
                                     "bits (balls straddle zero)", (long)R->prec);
    }
    P->dim_p1 = P->V->c;
    P->degenerate = P->dim_p1 > (WORD(1) << L->N);

    ng_mat_init(A2, 0, 0, R);
    ng_mat_init(AS, 0, 0, R);
    dense_matrix(A2, ng_superop_l2, P, &ok);
    dense_matrix(AS, ng_superop_second_order, P, &ok);
    restrict_to_p1(P->W, AS, P);
    P->eq44 = ng_mat_is_zero(P->W, R);
    for (slong k = 0; k < n * n; k++)
        ng_elem_sub(ng_vec_entry(A2->entries, k, R), ng_vec_entry(A2->entries, k, R),
                    ng_vec_entry(AS->entries, k, R), R);
    restrict_to_p1(P->W, A2, P);
    ng_mat_clear(A2, R);
    ng_mat_clear(AS, R);
    if (ok != T_TRUE) {
        ng_pert_clear(P);
        return ng_error(NG_ECOMPUTE, "P0 L2 P0 left Ker L0 coordinates undecided");
    }
    return NG_OK;
}

void ng_pert_clear(ng_pert_t P)
{
    ng_vec_clear(P->gram, P->B->length, P->R);
    ng_vec_clear(P->trace, P->B->length, P->R);
    ng_mat_clear(P->A1, P->R);
    ng_mat_clear(P->V, P->R);
    ng_mat_clear(P->W, P->R);
}

ng_status ng_pert_rho0(ng_ptr coords, const ng_pert_t P)
{
    const ng_ring_struct *R = P->R;
    ng_mat_t Y;
    ng_ptr tr = ng_elem_new(R);
    ng_status st = NG_OK;
    ng_mat_init(Y, 0, 0, R);
    if (ng_mat_nullspace(Y, P->W, R) != T_TRUE) {
        st = ng_error(NG_ECOMPUTE, "zeroth order: the rank of P1 L2 P1 cannot be decided "
                                   "at %ld bits", (long)R->prec);
    } else if (Y->c != 1) {
        st = ng_error(NG_ECOMPUTE,
                      "zeroth order: the solution of P1 [L2 - L1 (Q0L0Q0)^-1 L1] P1 rho0 = 0 "
                      "is not unique (a %ld-dimensional space of solutions)",
                      (long)Y->c);
    } else {
        for (slong i = 0; i < P->V->r; i++) {
            ng_ptr c = ng_vec_entry(coords, i, R);
            ng_elem_zero(c, R);
            for (slong a = 0; a < P->V->c; a++)
                ng_elem_addmul(c, ng_mat_entry(P->V, i, a, R), ng_mat_entry(Y, a, 0, R), R);
        }
        ng_elem_zero(tr, R);
        for (slong i = 0; i < P->V->r; i++)
            ng_elem_addmul(tr, ng_vec_entry(coords, i, R), ng_vec_entry(P->trace, i, R), R);
        if (ng_elem_is_zero(tr, R) != T_FALSE)
            st = ng_error(NG_ECOMPUTE, "zeroth order: the stationary solution has a trace "
                                       "that cannot be certified nonzero");
        for (slong i = 0; i < P->V->r && st == NG_OK; i++)
            ng_elem_div(ng_vec_entry(coords, i, R), ng_vec_entry(coords, i, R), tr, R);
    }
    ng_mat_clear(Y, R);
    ng_elem_free(tr, R);
    return st;
}

void ng_pert_coords_to_op(ng_op_t rho, ng_srcptr coords, const ng_pert_t P)
{
    ng_op_zero(rho, P->R);
    rho->nsites = P->L->N;
    rho->basis = NG_PAULI;
    for (slong i = 0; i < P->B->length; i++)
        ng_op_addmul(rho, P->B->ops + i, ng_vec_srcentry(coords, i, P->R), P->R);
}
