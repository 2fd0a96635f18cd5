/* The chains the hierarchy is derived on: a model with the symbols t1 … tN of
 * ρ_PLE (Eq. 115). */
#include <stdio.h>

#include "nessgen/hierarchy.h"

static ng_status add_site_symbols(ng_model_spec *spec, int N)
{
    char names[64][16];
    const char *ptrs[64];
    for (int l = 0; l < N; l++) {
        snprintf(names[l], sizeof names[l], "t%d", l + 1);
        ptrs[l] = names[l];
    }
    return ng_model_spec_add_symbols(spec, ptrs, N);
}

/* The bath coupling of the same form as the spin-spin coupling (Eq. 150). */
static ng_status set_paper_bath(ng_model_spec *spec)
{
    static const char *const keys[6] = {"XL_x", "XL_y", "XL_z", "XR_x", "XR_y", "XR_z"};
    static const char *const vals[6] = {"xL_x", "xL_y", "-alpha_zz*tL",
                                        "xR_x", "xR_y", "-alpha_zz*tR"};
    ng_status st = NG_OK;
    for (int i = 0; i < 6 && st == NG_OK; i++)
        st = ng_model_spec_set(spec, keys[i], vals[i]);
    return st;
}

ng_status ng_hier_chain_init(ng_hier_chain_t C, const ng_model_spec *spec, int N,
                             int paper_bath)
{
    ng_model_spec *use;
    char buf[16];
    ng_status st = NG_OK;
    C->ready = 0;
    if (N < 1 || N > 64)
        return ng_error(NG_EINPUT, "hierarchy: N = %d, expected 1 <= N <= 64", N);
    if (spec == NULL || paper_bath) {
        use = ng_model_spec_new();
        st = ng_model_spec_set_preset(use, "generic");
        if (st == NG_OK && paper_bath)
            st = set_paper_bath(use);
    } else {
        use = ng_model_spec_copy(spec);
    }
    snprintf(buf, sizeof buf, "%d", N);
    if (st == NG_OK)
        st = ng_model_spec_set_symbolic_defaults(use);
    if (st == NG_OK)
        st = ng_model_spec_set(use, "N", buf);
    if (st == NG_OK)
        st = add_site_symbols(use, N);
    if (st == NG_OK)
        st = ng_model_resolve(C->M, use, 64);
    ng_model_spec_free(use);
    if (st != NG_OK)
        return st;
    if (C->M->R->kind != NG_QQ_PARAMS) {
        ng_model_clear(C->M);
        return ng_error(NG_EINPUT,
                        "hierarchy: the derivation is symbolic; give rational "
                        "values or symbols (e.g. --tL tL instead of --TL 3/2)");
    }
    ng_superop_ctx_init(C->L, C->M);
    C->t = ng_vec_init(N, C->M->R);
    for (int l = 0; l < N; l++) {
        snprintf(buf, sizeof buf, "t%d", l + 1);
        ng_elem_gen(ng_vec_entry(C->t, l, C->M->R), ng_ring_param_index(C->M->R, buf),
                    C->M->R);
    }
    C->ready = 1;
    return NG_OK;
}

void ng_hier_chain_clear(ng_hier_chain_t C)
{
    if (!C->ready)
        return;
    ng_vec_clear(C->t, C->M->N, C->M->R);
    ng_superop_ctx_clear(C->L);
    ng_model_clear(C->M);
    C->ready = 0;
}
