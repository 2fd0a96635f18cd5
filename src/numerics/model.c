/* The model's operators in double precision (DESIGN §1): H0, H1 = H_I + H̄_SB,
 * and for each bath X_ν, S_ν (Eq. 13), S_ν†, X_ν S_ν and S_ν† X_ν, built exactly
 * in the model's ring and rounded once. */
#include <math.h>

#include "internal.h"

static ng_status convert(ng_dop_t A, const ng_op_t op, const ng_model_t M)
{
    return _ng_dop_init_from_op(A, op, M->N, M->R);
}

static ng_status bath_ops(ng_ness_model_t D, const ng_model_t M, int nu)
{
    ng_op_t x, s, sd, p;
    ng_status st;
    ng_op_init(x, M->N, NG_PAULI, M->R);
    ng_op_init(s, M->N, NG_PAULI, M->R);
    ng_op_init(sd, M->N, NG_PAULI, M->R);
    ng_op_init(p, M->N, NG_PAULI, M->R);
    ng_model_x(x, M, nu);
    ng_model_s(s, M, nu);
    ng_op_adjoint(sd, s, M->R);
    st = convert(D->x[nu], x, M);
    if (st == NG_OK)
        st = convert(D->s[nu], s, M);
    if (st == NG_OK)
        st = convert(D->sdag[nu], sd, M);
    if (st == NG_OK) {
        ng_op_mul(p, x, s, M->R);
        st = convert(D->xs[nu], p, M);
    }
    if (st == NG_OK) {
        ng_op_mul(p, sd, x, M->R);
        st = convert(D->sdagx[nu], p, M);
    }
    ng_op_clear(x, M->R);
    ng_op_clear(s, M->R);
    ng_op_clear(sd, M->R);
    ng_op_clear(p, M->R);
    return st;
}

/* H0 = h Σ_l σ^z_l is diagonal with E0(s) = h (N − 2|s|) (DESIGN §1), but the
 * rounded sum of N terms ±h can differ by an ulp between two states of the
 * same |s|.  The scaled solver (solve.c) relies on L0 vanishing exactly
 * between states of one magnetisation sector (an ulp there is divided by λ²),
 * so every state takes its sector's first value. */
static void sector_exact_h0(ng_dop_t A)
{
    double complex first[65];
    int seen[65] = {0};
    if (A->nmasks != 1 || A->xmask[0] != 0)
        return;
    for (slong s = 0; s < A->n; s++) {
        int k = __builtin_popcountll((unsigned long long)s);
        if (!seen[k]) {
            seen[k] = 1;
            first[k] = A->f[s];
        }
        A->f[s] = first[k];
    }
}

static ng_status scalars(ng_ness_model_t D, const ng_model_t M)
{
    int ok = 1, ok1;
    const ng_ring_struct *R = M->R;
    D->h = _ng_elem_get_d(&ok1, M->h, R);
    ok &= ok1;
    D->alpha_zz = _ng_elem_get_d(&ok1, ng_vec_srcentry(M->alpha, 8, R), R);
    ok &= ok1;
    D->alpha_plus = _ng_elem_get_d(&ok1, ng_vec_srcentry(M->alpha, 0, R), R);
    ok &= ok1;
    D->alpha_plus += _ng_elem_get_d(&ok1, ng_vec_srcentry(M->alpha, 4, R), R);
    ok &= ok1;
    for (int nu = 0; nu < 2; nu++) {
        double yb = _ng_elem_get_d(&ok1, M->ybar[nu], R);
        ok &= ok1;
        D->alpha_z[nu] = yb * _ng_elem_get_d(&ok1, ng_vec_srcentry(M->x[nu], NG_Z, R), R);
        ok &= ok1;
        D->t[nu] = _ng_elem_get_d(&ok1, M->t[nu], R);
        ok &= ok1;
    }
    return ok ? NG_OK
              : ng_error(NG_EINPUT, "numerics: the model has free parameters; give every "
                                    "parameter a numerical value");
}

/* Every model quantity must survive rounding to double: an infinite value
 * (c = 1e400) would turn L into NaNs, and a nonzero one that underflows to 0
 * (c = 1e-400) silently changes the model (c = 0 can make the NESS non-unique).
 * Refused before anything is built, naming the quantity (its option is
 * --<name>, e.g. --cL; --c sets cL and cR). */
static ng_status check_doubles(const ng_model_t M)
{
    for (slong i = 0; i < M->nquantities; i++) {
        ng_srcptr x = ng_vec_srcentry(M->values, i, M->R);
        double v = ng_elem_get_d(x, M->R);
        if (isnan(v))
            continue; /* a free parameter: reported by scalars() */
        if (isinf(v))
            return ng_error(NG_EINPUT,
                            "ness: the model quantity %s is too large for double precision "
                            "(|%s| must be below about 1e308; ness solves in doubles)",
                            M->quantity_names[i], M->quantity_names[i]);
        if (v == 0.0 && ng_elem_is_zero(x, M->R) == T_FALSE)
            return ng_error(NG_EINPUT,
                            "ness: the model quantity %s is nonzero but rounds to 0 in double "
                            "precision (|%s| must be 0 or above about 1e-308; ness solves in "
                            "doubles)",
                            M->quantity_names[i], M->quantity_names[i]);
    }
    return NG_OK;
}

ng_status ng_ness_model_init(ng_ness_model_t D, const ng_model_t M)
{
    ng_op_t op;
    ng_status st;
    D->N = M->N;
    D->n = WORD(1) << M->N;
    _ng_dop_init_zero(D->h0, M->N);
    _ng_dop_init_zero(D->h1, M->N);
    for (int nu = 0; nu < 2; nu++) {
        _ng_dop_init_zero(D->x[nu], M->N);
        _ng_dop_init_zero(D->s[nu], M->N);
        _ng_dop_init_zero(D->sdag[nu], M->N);
        _ng_dop_init_zero(D->xs[nu], M->N);
        _ng_dop_init_zero(D->sdagx[nu], M->N);
    }
    if (M->N < 2 || M->N > 30)
        return ng_error(NG_EINPUT, "numerics: N = %d is out of range (2..30)", M->N);
    st = check_doubles(M);
    if (st == NG_OK)
        st = scalars(D, M);
    if (st != NG_OK)
        return st;
    ng_op_init(op, M->N, NG_PAULI, M->R);
    ng_model_h0(op, M);
    st = convert(D->h0, op, M);
    if (st == NG_OK)
        sector_exact_h0(D->h0);
    if (st == NG_OK) {
        ng_model_h1(op, M);
        st = convert(D->h1, op, M);
    }
    ng_op_clear(op, M->R);
    for (int nu = 0; nu < 2 && st == NG_OK; nu++)
        st = bath_ops(D, M, nu);
    if (st != NG_OK)
        ng_ness_model_clear(D);
    return st;
}

void ng_ness_model_clear(ng_ness_model_t D)
{
    _ng_dop_clear(D->h0);
    _ng_dop_clear(D->h1);
    for (int nu = 0; nu < 2; nu++) {
        _ng_dop_clear(D->x[nu]);
        _ng_dop_clear(D->s[nu]);
        _ng_dop_clear(D->sdag[nu]);
        _ng_dop_clear(D->xs[nu]);
        _ng_dop_clear(D->sdagx[nu]);
    }
}
