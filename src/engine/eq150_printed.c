/* Eq. 150 as the paper prints it, on ρ0's observables: the general form
 * (ng_engine_eq150, Eq. 149 with the boundary terms) with the paper's bath
 * α_ν^z = −α_zz t_ν put in, so that a model with other boundary fields can
 * be shown to break the printed form while keeping the general one. */
#include "nessgen/engine.h"

int ng_engine_eq150_printed_rhs(ng_ptr rhs, const ng_engine_obs_t O, const ng_model_t M,
                                const ng_ring_t R)
{
    int N = O->N, ok;
    ng_ptr s = ng_elem_new(R), x = ng_elem_new(R), v = ng_elem_new(R), ap = ng_elem_new(R);
    ng_ptr apm = ng_elem_new(M->R);
    ng_model_alpha_plus(apm, M);
    ng_elem_zero(s, R);
    for (int l = 0; l + 2 < N; l++) {
        ng_elem_add(s, s, ng_vec_srcentry(O->z_a, l, R), R);
        ng_elem_sub(s, s, ng_vec_srcentry(O->a_z, l, R), R);
    }
    /* − t_L ⟨ρ^A_{1,2}⟩ + t_R ⟨ρ^A_{N−1,N}⟩ */
    ok = ng_elem_set_other_ring(v, M->t[NG_LEFT], M->R, R);
    ng_elem_mul(x, v, ng_vec_srcentry(O->rho_a, 0, R), R);
    ng_elem_sub(s, s, x, R);
    ok = ok && ng_elem_set_other_ring(v, M->t[NG_RIGHT], M->R, R);
    ng_elem_mul(x, v, ng_vec_srcentry(O->rho_a, N - 2, R), R);
    ng_elem_add(s, s, x, R);
    ok = ok && ng_elem_set_other_ring(v, ng_vec_srcentry(M->alpha, 3 * NG_Z + NG_Z, M->R), M->R, R);
    ng_elem_mul(s, s, v, R);
    ok = ok && ng_elem_set_other_ring(ap, apm, M->R, R) && ng_elem_div(rhs, s, ap, R);
    if (!ok)
        ng_elem_zero(rhs, R);
    ng_elem_free(s, R);
    ng_elem_free(x, R);
    ng_elem_free(v, R);
    ng_elem_free(ap, R);
    ng_elem_free(apm, M->R);
    return ok;
}
