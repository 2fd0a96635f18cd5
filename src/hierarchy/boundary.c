/* Eq. 150 with z boundary fields and α_zz = 0, computed: the model of
 * examples/xxz_boundary_fields.json (ng_verify_boundary_field_model) with
 * α_zz set to 0 keeps the boundary fields α_1^z, α_N^z; its exact ρ0 for
 * N = 2, 3, … decides whether the bulk is flat, whether the general form
 * (Eq. 149 with boundary terms) equals t_N − t_1 and whether the printed
 * Eq. 150 (right side ∝ α_zz) fails.  The study behind the section of
 * derivations/paper_comparison.md written by `nessgen hierarchy compare`. */
#include <stdlib.h>
#include <string.h>

#include "nessgen/engine.h"
#include "nessgen/hierarchy.h"
#include "nessgen/verify.h"

#define DIGITS 15 /* digits of a non-rational exact value in the strings */

static char *elem_str(ng_srcptr x, const ng_ring_t R)
{
    return ng_elem_get_str(x, DIGITS, R);
}

static ng_status boundary_model(ng_model_t M, int N)
{
    ng_model_spec *spec = ng_model_spec_new();
    char n[16];
    ng_status st = ng_model_spec_read_json(spec, ng_verify_boundary_field_model,
                                           "examples/xxz_boundary_fields.json");
    snprintf(n, sizeof n, "%d", N);
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "alpha_zz", "0");
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "N", n);
    if (st == NG_OK)
        st = ng_model_resolve(M, spec, 128);
    ng_model_spec_free(spec);
    return st;
}

/* α_ν^z = Ȳ_ν x_ν^z (Eq. 91), from the N = 2 model ("?" if it fails). */
static void boundary_alpha_z(ng_hier_boundary_t B)
{
    ng_model_t M0;
    for (int nu = 0; nu < 2; nu++)
        B->alpha_z[nu] = NULL;
    if (boundary_model(M0, 2) != NG_OK) {
        ng_error_clear();
        return;
    }
    for (int nu = 0; nu < 2; nu++) {
        ng_ptr a = ng_elem_new(M0->R);
        ng_elem_mul(a, M0->ybar[nu], ng_vec_srcentry(M0->x[nu], NG_Z, M0->R), M0->R);
        B->alpha_z[nu] = elem_str(a, M0->R);
        ng_elem_free(a, M0->R);
    }
    ng_model_clear(M0);
}

/* The row of one exact ρ0; folds its verdicts into B's. */
static void boundary_row(ng_hier_boundary_row *row, ng_hier_boundary_t B,
                         const ng_engine_rho0_t res, const ng_model_t M)
{
    const ng_ring_struct *R = res->R;
    int N = M->N, f = 1;
    ng_ptr lhs = ng_elem_new(R), rhs = ng_elem_new(R), prhs = ng_elem_new(R);
    ng_srcptr t = res->obs->t;
    if (res->degenerate && B->first_degenerate == 0)
        B->first_degenerate = N;
    for (int l = 2; l + 1 < N; l++)
        f &= ng_elem_equal(ng_vec_srcentry(t, l, R), ng_vec_srcentry(t, 1, R), R) == T_TRUE;
    ng_engine_eq150(lhs, rhs, res->obs, M, R);
    ng_engine_eq150_printed_rhs(prhs, res->obs, M, R);
    row->N = N;
    row->eigen = res->route == NG_ENGINE_EIGEN;
    row->degenerate = res->degenerate;
    row->flat = f;
    row->t_first = elem_str(ng_vec_srcentry(t, 0, R), R);
    row->t_bulk = N > 2 ? elem_str(ng_vec_srcentry(t, 1, R), R) : NULL;
    row->t_last = elem_str(ng_vec_srcentry(t, N - 1, R), R);
    row->lhs = elem_str(lhs, R);
    row->rhs = elem_str(rhs, R);
    row->printed_rhs = elem_str(prhs, R);
    B->flat &= f;
    B->general &= ng_elem_equal(lhs, rhs, R) == T_TRUE;
    B->printed_fails &= ng_elem_equal(lhs, prhs, R) == T_FALSE;
    ng_elem_free(lhs, R);
    ng_elem_free(rhs, R);
    ng_elem_free(prhs, R);
}

/* Exact ρ0 of the model at N, or NG_ECOMPUTE when it comes as balls. */
static ng_status boundary_rho0(ng_engine_rho0_t res, ng_model_t M, FILE *progress)
{
    ng_engine_opts opts;
    ng_status st;
    ng_engine_opts_init(&opts);
    opts.progress = progress;
    if (progress != NULL)
        fprintf(progress, "hierarchy compare: rho0 of the boundary-field model, N = %d\n", M->N);
    st = ng_engine_rho0(res, M, &opts);
    if (st == NG_OK && !res->exact) {
        const char *route = res->route == NG_ENGINE_EIGEN ? "eigen" : "degenerate";
        ng_engine_rho0_clear(res);
        st = ng_error(NG_ECOMPUTE, "rho0 comes as certified balls (%s route), not exact "
                                   "values, and this table holds exact values only", route);
    }
    return st;
}

void ng_hier_boundary_study(ng_hier_boundary_t B, int nmax, FILE *progress)
{
    memset(B, 0, sizeof *B);
    B->nmax = nmax;
    B->flat = B->general = B->printed_fails = 1;
    B->rows = calloc((size_t)(nmax > 1 ? nmax - 1 : 1), sizeof *B->rows);
    boundary_alpha_z(B);
    for (int N = 2; N <= nmax; N++) {
        ng_model_t M;
        ng_engine_rho0_t res;
        ng_status st = boundary_model(M, N);
        if (st == NG_OK) {
            st = boundary_rho0(res, M, progress);
            if (st == NG_OK) {
                boundary_row(B->rows + B->nrows++, B, res, M);
                ng_engine_rho0_clear(res);
            }
            ng_model_clear(M);
        }
        if (st != NG_OK) {
            const char *msg = ng_error_message();
            B->stop_n = N;
            B->stop_message = malloc(strlen(msg) + 1);
            strcpy(B->stop_message, msg);
            ng_error_clear();
            break;
        }
    }
}

void ng_hier_boundary_clear(ng_hier_boundary_t B)
{
    for (slong i = 0; i < B->nrows; i++) {
        ng_hier_boundary_row *r = B->rows + i;
        flint_free(r->t_first);
        flint_free(r->t_bulk);
        flint_free(r->t_last);
        flint_free(r->lhs);
        flint_free(r->rhs);
        flint_free(r->printed_rhs);
    }
    free(B->rows);
    for (int nu = 0; nu < 2; nu++)
        flint_free(B->alpha_z[nu]);
    free(B->stop_message);
    memset(B, 0, sizeof *B);
}
