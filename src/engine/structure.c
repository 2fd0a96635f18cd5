/* Exact structure of P0 H1 P0 when H1 is rational: the sector blocks over Q,
 * and their levels with multiplicities from the squarefree factorisation of
 * the characteristic polynomial (degeneracy decided exactly, never from balls). */
#include <string.h>

#include <arb_fmpz_poly.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpz_poly_factor.h>

#include "internal.h"

static slong quantity_index(const ng_model_t M, const char *name)
{
    for (slong i = 0; i < M->nquantities; i++)
        if (strcmp(M->quantity_names[i], name) == 0)
            return i;
    return -1;
}

static int rational_quantity(fmpq_t q, const ng_model_t M, const char *name)
{
    slong i = quantity_index(M, name);
    if (i < 0)
        return 0;
    if (M->R->kind == NG_QQ)
        return ng_elem_get_fmpq(q, ng_vec_srcentry(M->values, i, M->R), M->R);
    return M->domains[i] == NG_EXPR_RATIONAL && ng_expr_get_fmpq(q, M->exprs[i]) == NG_OK;
}

static ng_string one_site(int l, int letter)
{
    ng_string s = {0, 0};
    ng_string_set_letter(&s, l, letter);
    return s;
}

/* H1 = Σ_l Σ_jk α_jk σ^j_l σ^k_{l+1} + Σ_ν Ȳ_ν Σ_j x_ν^j σ^j_{e_ν} (Eqs. 70, 6). */
int _ng_engine_h1_rational(ng_op_t H, const ng_model_t M, const ng_ring_t Rq)
{
    static const char *const axes = "xyz";
    static const int letter[3] = {NG_SX, NG_SY, NG_SZ};
    fmpq_t alpha[9], x[2][3], y[2];
    char name[16];
    int ok = 1, N = M->N;
    for (int i = 0; i < 9; i++) {
        fmpq_init(alpha[i]);
        snprintf(name, sizeof name, "alpha_%c%c", axes[i / 3], axes[i % 3]);
        ok = ok && rational_quantity(alpha[i], M, name);
    }
    for (int nu = 0; nu < 2; nu++) {
        fmpq_init(y[nu]);
        ok = ok && rational_quantity(y[nu], M, nu == 0 ? "YbarL" : "YbarR");
        for (int j = 0; j < 3; j++) {
            fmpq_init(x[nu][j]);
            snprintf(name, sizeof name, "X%c_%c", nu == 0 ? 'L' : 'R', axes[j]);
            ok = ok && rational_quantity(x[nu][j], M, name);
        }
    }
    if (ok) {
        fmpq_t c;
        fmpq_init(c);
        ng_op_zero(H, Rq);
        H->nsites = N;
        H->basis = NG_PAULI;
        for (int l = 0; l + 1 < N; l++)
            for (int i = 0; i < 9; i++) {
                ng_string s = one_site(l, letter[i / 3]);
                ng_string_set_letter(&s, l + 1, letter[i % 3]);
                if (!fmpq_is_zero(alpha[i]))
                    ng_op_push(H, s, 0, alpha[i], Rq);
            }
        for (int nu = 0; nu < 2; nu++)
            for (int j = 0; j < 3; j++) {
                fmpq_mul(c, y[nu], x[nu][j]);
                if (!fmpq_is_zero(c))
                    ng_op_push(H, one_site(nu == 0 ? 0 : N - 1, letter[j]), 0, c, Rq);
            }
        ng_op_canonicalise(H, Rq);
        fmpq_clear(c);
    }
    for (int i = 0; i < 9; i++)
        fmpq_clear(alpha[i]);
    for (int nu = 0; nu < 2; nu++) {
        fmpq_clear(y[nu]);
        for (int j = 0; j < 3; j++)
            fmpq_clear(x[nu][j]);
    }
    return ok;
}

/* ---- P0 H1 P0 as a real multiple of a rational matrix -------------------
 *
 * Only the magnetisation-conserving part of H1 (Eqs. 70, 6) enters P0 H1 P0:
 * with σ^x = σ^+ + σ^−, σ^y = −i(σ^+ − σ^−), the bond terms keep
 * (α_xx + α_yy)(σ^+σ^− + σ^−σ^+) = (α_xx + α_yy)/2 (σ^xσ^x + σ^yσ^y) and
 * (α_xy − α_yx) i(σ^+σ^− − σ^−σ^+) = (α_xy − α_yx)/2 (σ^xσ^y − σ^yσ^x),
 * plus α_zz σ^zσ^z, and the edges keep Ȳ_ν x_ν^z σ^z.  So P0 H1 P0 = Σ_i w_i
 * P0 B_i P0 with five rational matrices B_i and weights w = (α_xx + α_yy,
 * α_xy − α_yx, α_zz, Ȳ_L x_L^z, Ȳ_R x_R^z).  When every ratio w_i / w_0 to
 * one weight w_0 ≠ 0 is proved rational (Calcium, ng_expr_classify), P0 H1 P0
 * = w_0 P0 H P0 with the rational H = Σ_i (w_i / w_0) B_i: same eigenvectors,
 * levels scaled by w_0 ≠ 0, hence the same degeneracy structure, decided
 * exactly from H (an irrational overall scale, α = 1/√2, is covered). */

/* The expression of a model quantity (a copy), or NULL. */
static ng_expr *quantity_expr(const ng_model_t M, const char *name)
{
    slong i = quantity_index(M, name);
    return i < 0 || M->exprs == NULL || M->exprs[i] == NULL ? NULL : ng_expr_copy(M->exprs[i]);
}

/* The five weights w_i above as expressions (NULL if a quantity is missing). */
static void p0_weights(ng_expr **w, const ng_model_t M)
{
    w[0] = ng_expr_binary('+', quantity_expr(M, "alpha_xx"), quantity_expr(M, "alpha_yy"));
    w[1] = ng_expr_binary('-', quantity_expr(M, "alpha_xy"), quantity_expr(M, "alpha_yx"));
    w[2] = quantity_expr(M, "alpha_zz");
    w[3] = ng_expr_binary('*', quantity_expr(M, "YbarL"), quantity_expr(M, "XL_z"));
    w[4] = ng_expr_binary('*', quantity_expr(M, "YbarR"), quantity_expr(M, "XR_z"));
}

/* 1 if e is proved rational (its value in q), 0 otherwise. */
static int expr_rational(fmpq_t q, const ng_expr *e)
{
    ng_expr_domain d;
    return e != NULL && ng_expr_classify(&d, e) == NG_OK && d == NG_EXPR_RATIONAL &&
           ng_expr_get_fmpq(q, e) == NG_OK;
}

/* 1 if e is certified nonzero (proved irrational, or a ball without 0). */
static int expr_nonzero(const ng_expr *e)
{
    ng_ring_t R;
    ng_ptr v;
    fmpq_t q;
    int nz = 0;
    fmpq_init(q);
    if (expr_rational(q, e)) {
        nz = !fmpq_is_zero(q);
    } else if (e != NULL) {
        ng_ring_init_ball(R, 128);
        v = ng_elem_new(R);
        nz = ng_expr_eval(v, e, R) == NG_OK && arb_is_nonzero((arb_srcptr)v);
        ng_elem_free(v, R);
        ng_ring_clear(R);
    }
    fmpq_clear(q);
    return nz;
}

/* H ← Σ_i r_i B_i (the rational matrices above). */
static void p0_shape_op(ng_op_t H, const fmpq *r, int N, const ng_ring_t Rq)
{
    static const int pair[4][2] = {{NG_SX, NG_SX}, {NG_SY, NG_SY}, {NG_SX, NG_SY}, {NG_SY, NG_SX}};
    fmpq_t c;
    fmpq_init(c);
    ng_op_zero(H, Rq);
    H->nsites = N;
    H->basis = NG_PAULI;
    for (int l = 0; l + 1 < N; l++) {
        for (int j = 0; j < 4; j++) { /* r_0/2 (xx + yy) + r_1/2 (xy − yx) */
            ng_string s = one_site(l, pair[j][0]);
            ng_string_set_letter(&s, l + 1, pair[j][1]);
            fmpq_div_2exp(c, r + (j < 2 ? 0 : 1), 1);
            if (j == 3)
                fmpq_neg(c, c);
            if (!fmpq_is_zero(c))
                ng_op_push(H, s, 0, c, Rq);
        }
        if (!fmpq_is_zero(r + 2)) {
            ng_string s = one_site(l, NG_SZ);
            ng_string_set_letter(&s, l + 1, NG_SZ);
            ng_op_push(H, s, 0, r + 2, Rq);
        }
    }
    for (int nu = 0; nu < 2; nu++)
        if (!fmpq_is_zero(r + 3 + nu))
            ng_op_push(H, one_site(nu == 0 ? 0 : N - 1, NG_SZ), 0, r + 3 + nu, Rq);
    ng_op_canonicalise(H, Rq);
    fmpq_clear(c);
}

int _ng_engine_h1_p0_shape(ng_op_t H, const ng_model_t M, const ng_ring_t Rq)
{
    ng_expr *w[5];
    fmpq r[5];
    int ok = 1, pivot = -1;
    p0_weights(w, M);
    for (int i = 0; i < 5; i++) {
        fmpq_init(r + i);
        ok = ok && w[i] != NULL;
    }
    for (int i = 0; ok && i < 5 && pivot < 0; i++)
        if (expr_nonzero(w[i]))
            pivot = i;
    ok = ok && pivot >= 0;
    for (int i = 0; ok && i < 5; i++) {
        ng_expr *q = ng_expr_binary('/', ng_expr_copy(w[i]), ng_expr_copy(w[pivot]));
        ok = expr_rational(r + i, q);
        ng_expr_free(q);
    }
    if (ok)
        p0_shape_op(H, r, M->N, Rq);
    for (int i = 0; i < 5; i++) {
        fmpq_clear(r + i);
        ng_expr_free(w[i]);
    }
    return ok;
}

void _ng_sector_block_fmpq(fmpq_mat_t re, fmpq_mat_t im, const _ng_terms *T, int k,
                           const _ng_hilbert *H)
{
    fmpq_mat_zero(re);
    fmpq_mat_zero(im);
    for (slong j = 0; j < T->len; j++) {
        const fmpq *c = ng_vec_srcentry(T->c, j, T->R);
        for (slong i = 0; i < H->sec_dim[k]; i++) {
            ulong s = H->states[H->sec_off[k] + i], s2 = s ^ T->x[j];
            if (_ng_sector(s2) != k)
                continue;
            int ph = _ng_term_phase(T, j, s);
            fmpq *e = (ph & 1) ? fmpq_mat_entry(im, H->pos[s2], i)
                               : fmpq_mat_entry(re, H->pos[s2], i);
            if (ph >= 2)
                fmpq_sub(e, e, c);
            else
                fmpq_add(e, e, c);
        }
    }
}

/* The characteristic polynomial of a Hermitian matrix A + iB over Q, as an
 * integer polynomial whose roots are the eigenvalues, each with twice its
 * multiplicity when B ≠ 0 (then of the real form [[A, −B], [B, A]]). */
static int charpoly_hermitian(fmpz_poly_t p, const fmpq_mat_t re, const fmpq_mat_t im)
{
    slong d = fmpq_mat_nrows(re);
    int doubled = !fmpq_mat_is_zero(im);
    fmpq_poly_t q;
    fmpq_poly_init(q);
    if (!doubled) {
        fmpq_mat_charpoly(q, re);
    } else {
        fmpq_mat_t E;
        fmpq_mat_init(E, 2 * d, 2 * d);
        for (slong i = 0; i < d; i++)
            for (slong j = 0; j < d; j++) {
                fmpq_set(fmpq_mat_entry(E, i, j), fmpq_mat_entry(re, i, j));
                fmpq_set(fmpq_mat_entry(E, i + d, j + d), fmpq_mat_entry(re, i, j));
                fmpq_neg(fmpq_mat_entry(E, i, j + d), fmpq_mat_entry(im, i, j));
                fmpq_set(fmpq_mat_entry(E, i + d, j), fmpq_mat_entry(im, i, j));
            }
        fmpq_mat_charpoly(q, E);
        fmpq_mat_clear(E);
    }
    fmpq_poly_get_numerator(p, q);
    fmpq_poly_clear(q);
    return doubled ? 2 : 1;
}

void _ng_block_levels_exact(_ng_block_levels *L, const fmpq_mat_t re, const fmpq_mat_t im,
                            slong prec)
{
    fmpz_poly_t p;
    fmpz_poly_factor_t fac;
    slong n = 0, total = 0;
    int doubled;
    fmpz_poly_init(p);
    fmpz_poly_factor_init(fac);
    doubled = charpoly_hermitian(p, re, im);
    fmpz_poly_factor_squarefree(fac, p);
    for (slong i = 0; i < fac->num; i++)
        total += fmpz_poly_degree(fac->p + i);
    L->ndistinct = total;
    L->mult = flint_malloc(FLINT_MAX(total, 1) * sizeof(slong));
    L->values = _arb_vec_init(total);
    for (slong i = 0; i < fac->num; i++) {
        slong deg = fmpz_poly_degree(fac->p + i);
        acb_ptr roots = _acb_vec_init(deg);
        if (deg > 0)
            arb_fmpz_poly_complex_roots(roots, fac->p + i, 0, prec);
        for (slong r = 0; r < deg; r++) {
            arb_set(L->values + n, acb_realref(roots + r)); /* Hermitian: real roots */
            L->mult[n++] = fac->exp[i] / doubled;
        }
        _acb_vec_clear(roots, deg);
    }
    /* increasing order of the (disjoint) enclosures */
    for (slong i = 1; i < n; i++)
        for (slong j = i; j > 0 && arf_cmp(arb_midref(L->values + j - 1),
                                           arb_midref(L->values + j)) > 0; j--) {
            slong t = L->mult[j];
            L->mult[j] = L->mult[j - 1];
            L->mult[j - 1] = t;
            arb_swap(L->values + j - 1, L->values + j);
        }
    fmpz_poly_factor_clear(fac);
    fmpz_poly_clear(p);
}

void _ng_block_levels_clear(_ng_block_levels *L)
{
    flint_free(L->mult);
    _arb_vec_clear(L->values, L->ndistinct);
}

/* ---- non-uniqueness of ρ0 from the zero pattern of the model ------------
 *
 * Decided on exact structure, never on small balls (DESIGN §3): a quantity
 * counts as zero only when it is a rational 0 (cos(pi/2), c = 0); a number
 * not proved rational is treated like a free symbol, i.e. generically
 * nonzero, so no non-uniqueness is claimed for it. */

static int zero_quantity(const ng_model_t M, const char *name)
{
    fmpq_t q;
    int z;
    fmpq_init(q);
    z = rational_quantity(q, M, name) && fmpq_is_zero(q);
    fmpq_clear(q);
    return z;
}

/* Bath ν flips its edge spin only through S_ν's σ^± part, c_ν(1 ∓ t_ν)
 * (x^x ∓ i x^y) (DESIGN §1; 1 ∓ t_ν > 0). */
static int bath_cannot_flip(const ng_model_t M, int nu)
{
    char x[8], y[8];
    snprintf(x, sizeof x, "X%c_x", nu == 0 ? 'L' : 'R');
    snprintf(y, sizeof y, "X%c_y", nu == 0 ? 'L' : 'R');
    return zero_quantity(M, nu == 0 ? "cL" : "cR") ||
           (zero_quantity(M, x) && zero_quantity(M, y));
}

/* S_ν = 0: no flips and no σ^z part d_ν x_ν^z either. */
static int bath_absent(const ng_model_t M, int nu)
{
    return bath_cannot_flip(M, nu) && (zero_quantity(M, nu == 0 ? "dL" : "dR") ||
                                       zero_quantity(M, nu == 0 ? "XL_z" : "XR_z"));
}

/* Neither bath flipping a spin makes ρ0 non-unique whatever H1 is, with
 * simple or degenerate levels: the population p_M = Tr(Π_M ρ) of every
 * magnetisation sector is conserved by P1 [L2 − L1 (Q0L0Q0)^{-1} L1] P1
 * (Eqs. 24, 41–43; Π_M lies in Im P1).  L2 without σ^± parts in S_ν maps a
 * block-diagonal ρ to traceless changes of every block, and the second-order
 * term moves ρ_M through blocks M' ≠ M and back with opposite denominators
 * ±1/(2ih(M' − M)), so its change of Tr ρ_M is κ Tr(AB ρ_M − ρ_M AB) = 0 for
 * A = H1_{MM'}, B = H1_{M'M}.  N + 1 ≥ 2 conserved populations leave a
 * solution space of dimension ≥ N + 1 (the exact commutant route finds
 * exactly N + 1 for α_xz = α_zx = 1, c = 0, N = 3: degenerate levels and an
 * H1 that does not conserve Σσ^z). */
ng_status _ng_engine_check_unique(const ng_model_t M)
{
    if (bath_absent(M, 0) && bath_absent(M, 1))
        return ng_error(NG_ENOTUNIQUE,
                        "rho0 is not unique: neither bath acts on the chain (c x^x, c x^y "
                        "and d x^z vanish for both baths, so L2 = 0 and every state of "
                        "Im P1 is stationary)");
    if (bath_cannot_flip(M, 0) && bath_cannot_flip(M, 1))
        return ng_error(NG_ENOTUNIQUE,
                        "rho0 is not unique: neither bath can flip a spin (c x^x = c x^y = 0 "
                        "for both baths, e.g. theta = 0 or c = 0), so the population of "
                        "every magnetisation sector is conserved at zeroth order");
    return NG_OK;
}
