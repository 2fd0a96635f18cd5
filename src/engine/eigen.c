/* The eigen route (engine.h): certified eigenpairs of P0 H1 P0 by sector and
 * the classical rate equation of Eq. 47 on the 2^N eigenstates. */
#include <time.h>

#include "internal.h"

/* Seconds of CPU time, for the progress lines of long runs. */
static double cpu_seconds(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

/* In-sector block of an operator as a complex ball matrix. */
static void sector_block_acb(acb_mat_t A, const _ng_terms *T, int k, const _ng_hilbert *H,
                             slong prec, const ng_ring_t R)
{
    arb_t c;
    acb_t z;
    arb_init(c);
    acb_init(z);
    acb_mat_zero(A);
    for (slong j = 0; j < T->len; j++) {
        if (__builtin_popcountll(T->x[j]) % 2 != 0)
            continue;
        ng_elem_get_arb(c, ng_vec_srcentry(T->c, j, R), prec, R);
        for (slong i = 0; i < H->sec_dim[k]; i++) {
            ulong s = H->states[H->sec_off[k] + i], s2 = s ^ T->x[j];
            if (_ng_sector(s2) != k)
                continue;
            _ng_acb_set_phase(z, c, _ng_term_phase(T, j, s));
            acb_add(acb_mat_entry(A, H->pos[s2], i), acb_mat_entry(A, H->pos[s2], i), z, prec);
        }
    }
    arb_clear(c);
    acb_clear(z);
}

static void normalise_columns(acb_mat_t V, slong prec)
{
    arb_t n, t;
    arb_init(n);
    arb_init(t);
    for (slong j = 0; j < acb_mat_ncols(V); j++) {
        arb_zero(n);
        for (slong i = 0; i < acb_mat_nrows(V); i++) {
            acb_abs(t, acb_mat_entry(V, i, j), prec);
            arb_addmul(n, t, t, prec);
        }
        arb_rsqrt(n, n, prec);
        for (slong i = 0; i < acb_mat_nrows(V); i++)
            acb_mul_arb(acb_mat_entry(V, i, j), acb_mat_entry(V, i, j), n, prec);
    }
    arb_clear(n);
    arb_clear(t);
}

int _ng_engine_eigensystem(acb_ptr *E, acb_mat_struct *V, const _ng_terms *T,
                           const _ng_hilbert *H, slong prec, FILE *progress)
{
    /* T is over a ball ring whose precision the caller matched to prec */
    int ok = 1;
    for (int k = 0; k <= H->N && ok; k++) {
        slong d = H->sec_dim[k];
        acb_mat_t A, Rap;
        acb_ptr Eap = _acb_vec_init(d);
        acb_mat_init(A, d, d);
        acb_mat_init(Rap, d, d);
        sector_block_acb(A, T, k, H, prec, T->R);
        if (d == 1) {
            acb_set(E[k], acb_mat_entry(A, 0, 0));
            acb_one(acb_mat_entry(V + k, 0, 0));
        } else {
            /* fast approximation first; Arb's QR at full precision if it fails */
            ok = _ng_engine_approx_eig_hermitian(Eap, Rap, A, prec) &&
                 acb_mat_eig_simple(E[k], NULL, V + k, A, Eap, Rap, prec);
            if (!ok) {
                if (progress != NULL)
                    fprintf(progress, "  sector %d: refined LAPACK eigenpairs not certified; "
                                      "QR at %ld bits\n", k, (long)prec);
                acb_mat_approx_eig_qr(Eap, NULL, Rap, A, NULL, 0, prec);
                ok = acb_mat_eig_simple(E[k], NULL, V + k, A, Eap, Rap, prec);
            }
            if (ok)
                normalise_columns(V + k, prec);
        }
        for (slong i = 0; i < d && ok; i++)
            arb_zero(acb_imagref(E[k] + i)); /* Hermitian block: real spectrum */
        if (progress != NULL)
            fprintf(progress, "  sector %d (dim %ld): eigenpairs %s at %ld bits\n", k,
                    (long)d, ok ? "certified" : "not separated", (long)prec);
        acb_mat_clear(A);
        acb_mat_clear(Rap);
        _acb_vec_clear(Eap, d);
    }
    return ok;
}

void _ng_engine_min_gap(arb_t gap, int *have, acb_srcptr E, slong n, slong prec)
{
    arb_ptr v = _arb_vec_init(n);
    arb_t g;
    arb_init(g);
    for (slong i = 0; i < n; i++)
        arb_set(v + i, acb_realref(E + i));
    /* sort by midpoint (insertion sort: blocks are small compared with the work) */
    for (slong i = 1; i < n; i++)
        for (slong j = i; j > 0 && arf_cmp(arb_midref(v + j - 1), arb_midref(v + j)) > 0; j--)
            arb_swap(v + j - 1, v + j);
    for (slong i = 0; i + 1 < n; i++) {
        arb_sub(g, v + i + 1, v + i, prec);
        arb_abs(g, g);
        if (!*have || arf_cmp(arb_midref(g), arb_midref(gap)) < 0)
            arb_set(gap, g);
        *have = 1;
    }
    arb_clear(g);
    _arb_vec_clear(v, n);
}

/* Y = V_r† X V_c for an operator X on one edge spin: X has at most three
 * Pauli terms, each a signed permutation of the basis, so X V_c costs
 * O(d_r d_c) and the transform one dense product. */
static void edge_in_eigenbasis(acb_mat_t Y, const _ng_terms *X, const acb_mat_struct *V,
                               int kr, int kc, const _ng_hilbert *H, slong prec)
{
    slong dr = H->sec_dim[kr], dc = H->sec_dim[kc];
    acb_mat_t XV, Vh;
    arb_t c;
    acb_t z;
    acb_mat_init(XV, dr, dc);
    acb_mat_init(Vh, dr, dr);
    arb_init(c);
    acb_init(z);
    for (slong j = 0; j < X->len; j++) {
        ng_elem_get_arb(c, ng_vec_srcentry(X->c, j, X->R), prec, X->R);
        for (slong i = 0; i < dc; i++) {
            ulong s = H->states[H->sec_off[kc] + i], s2 = s ^ X->x[j];
            if (_ng_sector(s2) != kr)
                continue;
            _ng_acb_set_phase(z, c, _ng_term_phase(X, j, s));
            for (slong b = 0; b < dc; b++)
                acb_addmul(acb_mat_entry(XV, H->pos[s2], b), z, acb_mat_entry(V + kc, i, b),
                           prec);
        }
    }
    acb_mat_conjugate_transpose(Vh, V + kr);
    acb_mat_mul(Y, Vh, XV, prec);
    acb_mat_clear(XV);
    acb_mat_clear(Vh);
    arb_clear(c);
    acb_clear(z);
}

/* The rate matrix of Eq. 47 by sector blocks: it couples sector k only to
 * k − 1, k, k + 1, because X_ν and S_ν act on one edge spin.  diag[k] = W_kk,
 * up[k] = W_{k,k+1}, down[k] = W_{k+1,k}. */
typedef struct {
    int N;
    arb_mat_struct *diag, *up, *down;
} rate_blocks;

static void rate_blocks_init(rate_blocks *W, const _ng_hilbert *H)
{
    int N = H->N;
    W->N = N;
    W->diag = flint_malloc((N + 1) * sizeof(arb_mat_struct));
    W->up = flint_malloc(FLINT_MAX(N, 1) * sizeof(arb_mat_struct));
    W->down = flint_malloc(FLINT_MAX(N, 1) * sizeof(arb_mat_struct));
    for (int k = 0; k <= N; k++)
        arb_mat_init(W->diag + k, H->sec_dim[k], H->sec_dim[k]);
    for (int k = 0; k < N; k++) {
        arb_mat_init(W->up + k, H->sec_dim[k], H->sec_dim[k + 1]);
        arb_mat_init(W->down + k, H->sec_dim[k + 1], H->sec_dim[k]);
    }
}

static void rate_blocks_clear(rate_blocks *W)
{
    for (int k = 0; k <= W->N; k++)
        arb_mat_clear(W->diag + k);
    for (int k = 0; k < W->N; k++) {
        arb_mat_clear(W->up + k);
        arb_mat_clear(W->down + k);
    }
    flint_free(W->diag);
    flint_free(W->up);
    flint_free(W->down);
}

/* Bath weights of Eq. 13: S_ν = ½[d x^z σ^z + c(1−t)(x^x − i x^y)σ^+ +
 * c(1+t)(x^x + i x^y)σ^−] is ½ w X_ν on each ladder component of X_ν, with
 * w = d (same sector), c(1−t) (σ^+: one down spin fewer), c(1+t) (σ^−). */
static void bath_weights(arb_t w_same, arb_t w_up, arb_t w_down, const ng_model_t M, int nu,
                         slong prec)
{
    arb_t c, t;
    arb_init(c);
    arb_init(t);
    ng_elem_get_arb(w_same, M->d[nu], prec, M->R);
    ng_elem_get_arb(c, M->c[nu], prec, M->R);
    ng_elem_get_arb(t, M->t[nu], prec, M->R);
    arb_sub_ui(w_up, t, 1, prec);
    arb_mul(w_up, w_up, c, prec);
    arb_neg(w_up, w_up);
    arb_add_ui(w_down, t, 1, prec);
    arb_mul(w_down, w_down, c, prec);
    arb_clear(c);
    arb_clear(t);
}

/* y += w |z|². */
static void add_weighted_abs2(arb_t y, const arb_t w, const acb_t z, slong prec)
{
    arb_t a;
    arb_init(a);
    arb_sqr(a, acb_realref(z), prec);
    arb_addmul(a, acb_imagref(z), acb_imagref(z), prec);
    arb_addmul(y, w, a, prec);
    arb_clear(a);
}

/* W_ab = ⟨E_a| L2(|E_b⟩⟨E_b|) |E_a⟩ = Σ_ν 2 Re(⟨a|S_ν|b⟩ conj⟨a|X_ν|b⟩) for
 * a ≠ b (D_ν of Eq. 7, X_ν Hermitian) = Σ_ν w_ν |⟨a|X_ν|b⟩|² by the weights
 * above: one transform of X_ν per pair of adjacent sectors (and per sector),
 * the pair's two blocks from one product since |X_ab| = |X_ba|.  The diagonal
 * follows from trace preservation, W_bb = −Σ_{a≠b} W_ab. */
static void rate_blocks_assemble(rate_blocks *W, const ng_model_t M,
                                 const ng_superop_ctx_struct *L, const acb_mat_struct *V,
                                 const _ng_hilbert *H, slong prec)
{
    int N = H->N;
    arb_t ws, wu, wd, col;
    arb_init(ws);
    arb_init(wu);
    arb_init(wd);
    arb_init(col);
    for (int nu = 0; nu < 2; nu++) {
        _ng_terms X;
        _ng_terms_init(&X, L->x[nu], L->R);
        bath_weights(ws, wu, wd, M, nu, prec);
        for (int k = 0; k <= N; k++) {
            slong d = H->sec_dim[k];
            acb_mat_t Y;
            acb_mat_init(Y, d, d);
            edge_in_eigenbasis(Y, &X, V, k, k, H, prec);
            for (slong a = 0; a < d; a++)
                for (slong b = 0; b < d; b++)
                    if (a != b)
                        add_weighted_abs2(arb_mat_entry(W->diag + k, a, b), ws,
                                          acb_mat_entry(Y, a, b), prec);
            acb_mat_clear(Y);
            if (k == N)
                continue;
            acb_mat_init(Y, H->sec_dim[k + 1], d);
            edge_in_eigenbasis(Y, &X, V, k + 1, k, H, prec);
            for (slong a = 0; a < H->sec_dim[k + 1]; a++)
                for (slong b = 0; b < d; b++) {
                    acb_srcptr z = acb_mat_entry(Y, a, b);
                    add_weighted_abs2(arb_mat_entry(W->down + k, a, b), wd, z, prec);
                    add_weighted_abs2(arb_mat_entry(W->up + k, b, a), wu, z, prec);
                }
            acb_mat_clear(Y);
        }
        _ng_terms_clear(&X, L->R);
    }
    for (int k = 0; k <= N; k++)
        for (slong b = 0; b < H->sec_dim[k]; b++) {
            arb_zero(col);
            for (slong a = 0; a < H->sec_dim[k]; a++)
                if (a != b)
                    arb_add(col, col, arb_mat_entry(W->diag + k, a, b), prec);
            if (k > 0)
                for (slong a = 0; a < H->sec_dim[k - 1]; a++)
                    arb_add(col, col, arb_mat_entry(W->up + k - 1, a, b), prec);
            if (k < N)
                for (slong a = 0; a < H->sec_dim[k + 1]; a++)
                    arb_add(col, col, arb_mat_entry(W->down + k, a, b), prec);
            arb_neg(arb_mat_entry(W->diag + k, b, b), col);
        }
    arb_clear(ws);
    arb_clear(wu);
    arb_clear(wd);
    arb_clear(col);
}

/* The system for the populations of sectors 1..N once p_0 = 1 is fixed
 * (sector 0 is the single all-up state; its equation is redundant because the
 * columns of W sum to zero): W' x = f, with W' = W restricted to sectors
 * k ≥ 1, block tridiagonal.  x and f are indexed like p (from sec_off[1]). */

/* y = W' x in ball arithmetic (x exact or balls). */
static void apply_reduced(arb_ptr y, const rate_blocks *W, arb_srcptr x, const _ng_hilbert *H,
                          slong prec)
{
    int N = H->N;
    for (int k = 1; k <= N; k++) {
        slong d = H->sec_dim[k];
        arb_srcptr xk = x + H->sec_off[k];
        for (slong i = 0; i < d; i++) {
            arb_ptr yi = y + H->sec_off[k] + i;
            arb_dot(yi, NULL, 0, W->diag[k].rows[i], 1, xk, 1, d, prec);
            if (k > 1)
                arb_dot(yi, yi, 0, W->down[k - 1].rows[i], 1, x + H->sec_off[k - 1], 1,
                        H->sec_dim[k - 1], prec);
            if (k < N)
                arb_dot(yi, yi, 0, W->up[k].rows[i], 1, x + H->sec_off[k + 1], 1,
                        H->sec_dim[k + 1], prec);
        }
    }
}

/* Approximate solution of W' x = f (midpoints only) by block elimination over
 * the sectors: Schur complements S_1 = W_11, S_{k+1} = W_{k+1,k+1} −
 * W_{k+1,k} S_k^{-1} W_{k,k+1}, then back substitution.  −W' is a nonsingular
 * M-matrix when ρ0 is unique, so elimination without pivoting across sectors
 * is stable.  Cost Σ_k C(N,k)³ instead of 8^N.  Returns 0 if a block is
 * numerically singular. */
static int approx_solve_reduced(arb_ptr x, const rate_blocks *W, arb_srcptr f,
                                const _ng_hilbert *H, slong prec)
{
    int N = H->N, ok = 1;
    arb_mat_struct *S = flint_malloc((N + 1) * sizeof(arb_mat_struct));
    arb_mat_struct *G = flint_malloc((N + 1) * sizeof(arb_mat_struct)); /* [S_k^{-1}W_{k,k+1} | y_k] */
    arb_mat_t T, B;
    for (int k = 1; k <= N; k++) {
        slong d = H->sec_dim[k], dn = k < N ? H->sec_dim[k + 1] : 0;
        arb_mat_init(S + k, d, d);
        arb_mat_init(G + k, d, dn + 1);
    }
    arb_mat_get_mid(S + 1, W->diag + 1);
    for (int k = 1; k <= N && ok; k++) {
        slong d = H->sec_dim[k], dn = k < N ? H->sec_dim[k + 1] : 0;
        arb_mat_init(B, d, dn + 1);
        for (slong i = 0; i < d; i++) {
            for (slong j = 0; j < dn; j++)
                arf_set(arb_midref(arb_mat_entry(B, i, j)),
                        arb_midref(arb_mat_entry(W->up + k, i, j)));
            /* f_k, plus −W_{k,k−1} y_{k−1} parked in x_k by the previous step */
            if (k == 1)
                arb_set(arb_mat_entry(B, i, dn), f + H->sec_off[k] + i);
            else
                arb_add(arb_mat_entry(B, i, dn), x + H->sec_off[k] + i, f + H->sec_off[k] + i,
                        prec);
            arb_get_mid_arb(arb_mat_entry(B, i, dn), arb_mat_entry(B, i, dn));
        }
        ok = arb_mat_approx_solve(G + k, S + k, B, prec);
        arb_mat_clear(B);
        if (!ok || k == N)
            break;
        /* S_{k+1} = W_{k+1,k+1} − W_{k+1,k} G_k;  f_{k+1} − W_{k+1,k} y_k goes
         * into the last column of the next right-hand side */
        arb_mat_init(T, dn, dn + 1);
        arb_mat_init(B, dn, d);
        arb_mat_get_mid(B, W->down + k);
        arb_mat_approx_mul(T, B, G + k, prec);
        for (slong i = 0; i < dn; i++) {
            for (slong j = 0; j < dn; j++)
                arf_sub(arb_midref(arb_mat_entry(S + k + 1, i, j)),
                        arb_midref(arb_mat_entry(W->diag + k + 1, i, j)),
                        arb_midref(arb_mat_entry(T, i, j)), prec, ARF_RND_NEAR);
            arf_neg(arb_midref(x + H->sec_off[k + 1] + i), arb_midref(arb_mat_entry(T, i, dn)));
            mag_zero(arb_radref(x + H->sec_off[k + 1] + i));
        }
        arb_mat_clear(T);
        arb_mat_clear(B);
    }
    if (ok) /* back substitution x_k = y_k − G_k x_{k+1} */
        for (int k = N; k >= 1; k--) {
            slong d = H->sec_dim[k], dn = k < N ? H->sec_dim[k + 1] : 0;
            arb_ptr xk = x + H->sec_off[k], xn = k < N ? x + H->sec_off[k + 1] : NULL;
            for (slong i = 0; i < d; i++) {
                arb_set(xk + i, arb_mat_entry(G + k, i, dn));
                for (slong j = 0; j < dn; j++)
                    arb_submul(xk + i, arb_mat_entry(G + k, i, j), xn + j, prec);
                arb_get_mid_arb(xk + i, xk + i);
            }
        }
    for (int k = 1; k <= N; k++) {
        arb_mat_clear(S + k);
        arb_mat_clear(G + k);
    }
    flint_free(S);
    flint_free(G);
    return ok;
}

/* p with W p = 0, Σ p = 1, certified.  With p_0 = 1, A = −W' and b = W_{·,0}
 * the populations of sectors ≥ 1 solve A x = b.  A is a Z-matrix: W_ab =
 * Σ_ν w_ν |⟨a|X_ν|b⟩|² ≥ 0 for a ≠ b, as c_ν, d_ν ≥ 0 and |t_ν| < 1.  For an
 * approximate solution x̃ with residual r = b − A x̃ (balls) and a vector
 * v > 0 with A v ≥ |r| componentwise and A v > 0 (certified in balls), A is a
 * nonsingular M-matrix, A^{-1} ≥ 0, and
 *     |x − x̃| = |A^{-1} r| ≤ A^{-1}|r| ≤ v        componentwise;
 * v is computed as an approximate solution of A v = 2|r| + (a small floor),
 * so the bound is about twice A^{-1}|r| (the populations span many orders of
 * magnitude: a normwise bound would lose their small components).  The
 * certificate also proves ρ0 unique (A nonsingular).  Returns 0 if it cannot
 * be established at this precision. */
static int stationary_blocks(arb_ptr p, const rate_blocks *W, const _ng_hilbert *H, slong prec)
{
    slong n = H->dim, off = H->sec_off[1];
    arb_ptr f = _arb_vec_init(n), x = _arb_vec_init(n), v = _arb_vec_init(n),
            r = _arb_vec_init(n);
    mag_t rmax, floor, m;
    arb_t e, total;
    int ok;
    mag_init(rmax);
    mag_init(floor);
    mag_init(m);
    arb_init(e);
    arb_init(total);
    /* x̃: W' x = −W_{·,0} (p_0 = 1) */
    for (slong i = 0; i < H->sec_dim[1]; i++)
        arb_neg(f + off + i, arb_mat_entry(W->down + 0, i, 0));
    ok = approx_solve_reduced(x, W, f, H, prec + 32);
    if (ok) { /* r = b − A x̃ = W' x̃ + W_{·,0};  f = −(2|r| + floor), so W' v = f is A v = −f */
        apply_reduced(r, W, x, H, prec);
        for (slong i = 0; i < H->sec_dim[1]; i++)
            arb_add(r + off + i, r + off + i, arb_mat_entry(W->down + 0, i, 0), prec);
        mag_zero(rmax);
        for (slong i = off; i < n; i++) {
            arb_get_mag(m, r + i);
            mag_max(rmax, rmax, m);
        }
        mag_mul_2exp_si(floor, rmax, -prec);
        if (mag_is_zero(floor))
            mag_set_ui_2exp_si(floor, 1, -2 * prec);
        for (slong i = off; i < n; i++) {
            arb_get_mag(m, r + i);
            mag_mul_2exp_si(m, m, 1);
            mag_add(m, m, floor);
            arf_set_mag(arb_midref(f + i), m);
            arb_neg(f + i, f + i);
        }
        ok = approx_solve_reduced(v, W, f, H, prec + 32);
    }
    for (slong i = off; i < n && ok; i++)
        ok = arb_is_positive(v + i);
    if (ok) { /* certify A v − |r| > 0, with A v = −W' v */
        arb_ptr av = f;
        apply_reduced(av, W, v, H, prec);
        for (slong i = off; i < n && ok; i++) {
            arb_get_mag(m, r + i);
            arf_set_mag(arb_midref(e), m);
            mag_zero(arb_radref(e));
            arb_add(e, e, av + i, prec); /* |r_i| − (A v)_i */
            ok = arb_is_negative(e);
        }
    }
    if (ok) {
        for (slong i = off; i < n; i++) {
            arb_get_mag(m, v + i);
            mag_add(arb_radref(x + i), arb_radref(x + i), m);
        }
        arb_one(x); /* p_0 */
        arb_zero(total);
        for (slong i = 0; i < n; i++)
            arb_add(total, total, x + i, prec);
        _arb_vec_scalar_div(p, x, n, total, prec);
    }
    _arb_vec_clear(f, n);
    _arb_vec_clear(x, n);
    _arb_vec_clear(v, n);
    _arb_vec_clear(r, n);
    mag_clear(rmax);
    mag_clear(floor);
    mag_clear(m);
    arb_clear(e);
    arb_clear(total);
    return ok;
}

/* ρ_k = V_k diag(p_k) V_k†, copied into ring blocks. */
static void state_blocks(ng_engine_rho0_t res, const acb_mat_struct *V, arb_srcptr p,
                         const _ng_hilbert *H, slong prec)
{
    const ng_ring_struct *R = res->R;
    for (int k = 0; k <= H->N; k++) {
        slong d = H->sec_dim[k];
        acb_mat_t VP, Vh, rho;
        acb_mat_init(VP, d, d);
        acb_mat_init(Vh, d, d);
        acb_mat_init(rho, d, d);
        for (slong i = 0; i < d; i++)
            for (slong a = 0; a < d; a++)
                acb_mul_arb(acb_mat_entry(VP, i, a), acb_mat_entry(V + k, i, a),
                            p + H->sec_off[k] + a, prec);
        acb_mat_conjugate_transpose(Vh, V + k);
        acb_mat_mul(rho, VP, Vh, prec);
        for (slong i = 0; i < d; i++)
            for (slong j = 0; j < d; j++) {
                ng_elem_set_arb(ng_mat_entry(res->block_re + k, i, j, R),
                                acb_realref(acb_mat_entry(rho, i, j)), R);
                ng_elem_set_arb(ng_mat_entry(res->block_im + k, i, j, R),
                                acb_imagref(acb_mat_entry(rho, i, j)), R);
            }
        acb_mat_clear(VP);
        acb_mat_clear(Vh);
        acb_mat_clear(rho);
    }
}

ng_status _ng_engine_rho0_eigen(ng_engine_rho0_t res, const ng_model_t M, slong prec,
                                int *retry, const ng_engine_opts *opts)
{
    _ng_hilbert H;
    _ng_terms T;
    ng_superop_ctx_t L;
    ng_op_t H1;
    acb_ptr *E;
    acb_mat_struct *V;
    rate_blocks W;
    arb_ptr p;
    ng_status st = NG_OK;
    int N = M->N;

    *retry = 0;
    _ng_hilbert_init(&H, N);
    ng_superop_ctx_init(L, M);
    ng_op_init(H1, N, NG_PAULI, M->R);
    ng_model_h1(H1, M);
    _ng_terms_init(&T, H1, M->R);
    _ng_eigensystem_init(&E, &V, &H);
    rate_blocks_init(&W, &H);
    p = _arb_vec_init(H.dim);

    res->route = NG_ENGINE_EIGEN;
    res->prec = prec;
    res->dim_p1 = H.dim;
    if (!_ng_engine_eigensystem(E, V, &T, &H, prec, opts->progress)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the levels of P0 H1 P0 cannot be separated at %ld bits "
                                   "(degenerate, or nearly so)", (long)prec);
        goto cleanup;
    }
    res->have_spacing = 0;
    for (int k = 0; k <= N; k++)
        _ng_engine_min_gap(res->spacing, &res->have_spacing, E[k], H.sec_dim[k], prec);
    if (opts->progress != NULL)
        fprintf(opts->progress, "  eigenpairs done (%.2f s CPU); rate matrix by sector blocks\n",
                cpu_seconds());
    rate_blocks_assemble(&W, M, L, V, &H, prec);
    if (opts->progress != NULL)
        fprintf(opts->progress, "  rate matrix done (%.2f s CPU); rate equation\n",
                cpu_seconds());
    if (!stationary_blocks(p, &W, &H, prec)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the rate equation (Eq. 47) cannot be solved at %ld bits",
                      (long)prec);
        goto cleanup;
    }
    if (opts->progress != NULL)
        fprintf(opts->progress, "  rate equation solved (%.2f s CPU)\n", cpu_seconds());
    state_blocks(res, V, p, &H, prec);
    _ng_obs_from_blocks(res->obs, res->block_re, res->block_im, &H, res->R);
    if (opts->progress != NULL)
        fprintf(opts->progress, "  state and observables done (%.2f s CPU)\n", cpu_seconds());

cleanup:
    _ng_eigensystem_clear(E, V, &H);
    rate_blocks_clear(&W);
    _arb_vec_clear(p, H.dim);
    _ng_terms_clear(&T, M->R);
    ng_op_clear(H1, M->R);
    ng_superop_ctx_clear(L);
    _ng_hilbert_clear(&H);
    return st;
}

void _ng_eigensystem_init(acb_ptr **E, acb_mat_struct **V, const _ng_hilbert *H)
{
    *E = flint_malloc((H->N + 1) * sizeof(acb_ptr));
    *V = flint_malloc((H->N + 1) * sizeof(acb_mat_struct));
    for (int k = 0; k <= H->N; k++) {
        (*E)[k] = _acb_vec_init(H->sec_dim[k]);
        acb_mat_init(*V + k, H->sec_dim[k], H->sec_dim[k]);
    }
}

void _ng_eigensystem_clear(acb_ptr *E, acb_mat_struct *V, const _ng_hilbert *H)
{
    for (int k = 0; k <= H->N; k++) {
        _acb_vec_clear(E[k], H->sec_dim[k]);
        acb_mat_clear(V + k);
    }
    flint_free(E);
    flint_free(V);
}
