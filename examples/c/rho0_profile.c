/* The zeroth-order NESS ρ0 of a preset chain: the local temperatures along it.
 *
 *   cc rho0_profile.c $(pkg-config --cflags --libs nessgen) -o rho0_profile
 *   ./rho0_profile [N]
 *
 * The tilted Ising chain at the paper's parameters (the preset's defaults:
 * θ = π/4, T_L = 3/2, T_R = 1/2), N spins (default 6); prints t_l = −⟨σ^z_l⟩
 * and T_l = h/artanh(t_l) as certified balls (mid +/- rad), the numbers of
 * `nessgen rho0 --N 6`. */
#include <stdio.h>
#include <stdlib.h>

#include <nessgen/nessgen.h>

static void print_ball(const char *name, int l, ng_srcptr x, const ng_ring_t R)
{
    char *mid, *rad;
    ng_elem_get_mid_rad(&mid, &rad, x, 15, R);
    printf("%s_%d = %s +/- %s\n", name, l, mid, rad);
    flint_free(mid);
    flint_free(rad);
}

int main(int argc, char **argv)
{
    const char *N = argc > 1 ? argv[1] : "6";
    ng_model_spec *spec = ng_model_spec_new();
    ng_model_t M;
    ng_engine_opts opts;
    ng_engine_rho0_t rho0;
    arb_t T;
    ng_ptr Tl;

    if (ng_model_spec_set_preset(spec, "tilted-ising") != NG_OK ||
        ng_model_spec_set(spec, "N", N) != NG_OK || ng_model_resolve(M, spec, 128) != NG_OK) {
        fprintf(stderr, "rho0_profile: %s\n", ng_error_message());
        ng_model_spec_free(spec);
        return 2;
    }
    ng_model_spec_free(spec);
    ng_engine_opts_init(&opts); /* 15 certified digits */
    if (ng_engine_rho0(rho0, M, &opts) != NG_OK) {
        fprintf(stderr, "rho0_profile: %s\n", ng_error_message());
        ng_engine_rho0_clear(rho0);
        ng_model_clear(M);
        return 1;
    }
    arb_init(T);
    Tl = ng_elem_new(rho0->R);
    for (int l = 0; l < M->N; l++)
        print_ball("t", l + 1, ng_vec_srcentry(rho0->obs->t, l, rho0->R), rho0->R);
    for (int l = 0; l < M->N; l++) { /* T_l = h/artanh(t_l), h = 1 */
        ng_elem_get_arb(T, ng_vec_srcentry(rho0->obs->t, l, rho0->R), rho0->prec, rho0->R);
        arb_atanh(T, T, rho0->prec);
        arb_inv(T, T, rho0->prec);
        ng_elem_set_arb(Tl, T, rho0->R);
        print_ball("T", l + 1, Tl, rho0->R);
    }
    ng_elem_free(Tl, rho0->R);
    arb_clear(T);
    ng_engine_rho0_clear(rho0);
    ng_model_clear(M);
    return 0;
}
