/* The rate matrix of Eq. 47 by sector blocks, from certified real
 * eigenvectors (sym_eig.c).  W_ab = ⟨E_a| L2(|E_b⟩⟨E_b|) |E_a⟩ =
 * Σ_ν 2 Re(⟨a|S_ν|b⟩ conj⟨a|X_ν|b⟩) for a ≠ b (D_ν of Eq. 7, X_ν Hermitian);
 * with S_ν = ½[d x^z σ^z + c(1−t)(x^x − i x^y)σ^+ + c(1+t)(x^x + i x^y)σ^−]
 * (Eq. 13) this is Σ_ν w_ν |⟨a|X_ν|b⟩|², w = d in a sector, c(1 − t) for σ^+
 * (one down spin fewer), c(1 + t) for σ^−.  X_ν acts on one edge spin e:
 *   ⟨a|X|b⟩ = (x^x + i x^y) M_ab,  M = V_{k+1}[S + e]ᵀ V_k[S],  b ∈ k, a ∈ k + 1,
 * S the states of sector k with spin e up (rows selected, one product), and
 *   ⟨a|X|b⟩ = x^z ⟨a|σ^z_e|b⟩ = ±2 (V_k[S']ᵀ V_k[S'])_ab,  a ≠ b in sector k,
 * S' the states of sector k with spin e up (+) or down (−), whichever are
 * fewer (the eigenvectors are orthonormal).  The diagonal follows from trace
 * preservation, W_bb = −Σ_{a≠b} W_ab. */
#include "internal.h"

void _ng_rate_blocks_init(_ng_rate_blocks *W, const _ng_hilbert *H)
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

void _ng_rate_blocks_clear(_ng_rate_blocks *W)
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

/* The bath data of ν at prec: edge bit, the weights and |x^x + i x^y|², (x^z)². */
typedef struct {
    ulong edge;
    arb_t w_same, w_up, w_down, flip2, z2;
} bath;

static void bath_init(bath *B, const ng_model_t M, int nu, slong prec)
{
    arb_t c, t, x;
    arb_init(c);
    arb_init(t);
    arb_init(x);
    arb_init(B->w_same);
    arb_init(B->w_up);
    arb_init(B->w_down);
    arb_init(B->flip2);
    arb_init(B->z2);
    B->edge = UWORD(1) << (nu == NG_LEFT ? 0 : M->N - 1);
    ng_elem_get_arb(B->w_same, M->d[nu], prec, M->R);
    ng_elem_get_arb(c, M->c[nu], prec, M->R);
    ng_elem_get_arb(t, M->t[nu], prec, M->R);
    arb_sub_ui(B->w_up, t, 1, prec); /* c(1 − t) */
    arb_mul(B->w_up, B->w_up, c, prec);
    arb_neg(B->w_up, B->w_up);
    arb_add_ui(B->w_down, t, 1, prec); /* c(1 + t) */
    arb_mul(B->w_down, B->w_down, c, prec);
    for (int j = NG_X; j <= NG_Y; j++) {
        ng_elem_get_arb(x, ng_vec_srcentry(M->x[nu], j, M->R), prec, M->R);
        arb_addmul(B->flip2, x, x, prec);
    }
    ng_elem_get_arb(x, ng_vec_srcentry(M->x[nu], NG_Z, M->R), prec, M->R);
    arb_sqr(B->z2, x, prec);
    arb_mul_2exp_si(B->z2, B->z2, 2); /* the (±2)² of ⟨a|σ^z|b⟩ */
    arb_clear(c);
    arb_clear(t);
    arb_clear(x);
}

static void bath_clear(bath *B)
{
    arb_clear(B->w_same);
    arb_clear(B->w_up);
    arb_clear(B->w_down);
    arb_clear(B->flip2);
    arb_clear(B->z2);
}

/* Y = rows[·]ᵀ of V (len × d, transposed into d × len). */
static void rows_transposed(arb_mat_t Y, const arb_mat_t V, const slong *rows, slong len)
{
    for (slong r = 0; r < len; r++)
        for (slong a = 0; a < arb_mat_ncols(V); a++)
            arb_set(arb_mat_entry(Y, a, r), arb_mat_entry(V, rows[r], a));
}

static void rows_copy(arb_mat_t Y, const arb_mat_t V, const slong *rows, slong len)
{
    for (slong r = 0; r < len; r++)
        _arb_vec_set(Y->rows[r], V->rows[rows[r]], arb_mat_ncols(V));
}

/* In-sector: W_kk(a, b) += w d x_z² · 4 G_ab², G = V[S']ᵀ V[S']. */
static void add_same_sector(arb_mat_t Wk, const arb_mat_t V, const bath *B, int k,
                            const _ng_hilbert *H, arb_t w, slong *rows, slong prec)
{
    slong d = H->sec_dim[k], nup = 0, ndown = 0, len;
    int down;
    arb_mat_t Yt, Y, G;
    arb_mul(w, B->w_same, B->z2, prec);
    if (d < 2 || arb_is_zero(w))
        return;
    for (slong i = 0; i < d; i++) {
        if (H->states[H->sec_off[k] + i] & B->edge)
            ndown++;
        else
            nup++;
    }
    down = ndown < nup;
    len = 0;
    for (slong i = 0; i < d; i++)
        if (!(H->states[H->sec_off[k] + i] & B->edge) == !down)
            rows[len++] = i;
    arb_mat_init(Yt, d, len);
    arb_mat_init(Y, len, d);
    arb_mat_init(G, d, d);
    rows_transposed(Yt, V, rows, len);
    rows_copy(Y, V, rows, len);
    arb_mat_mul(G, Yt, Y, prec);
    for (slong a = 0; a < d; a++)
        for (slong b = 0; b < d; b++)
            if (a != b) {
                arb_ptr g = arb_mat_entry(G, a, b);
                arb_sqr(g, g, prec);
                arb_addmul(arb_mat_entry(Wk, a, b), w, g, prec);
            }
    arb_mat_clear(Yt);
    arb_mat_clear(Y);
    arb_mat_clear(G);
}

/* Between k and k + 1: down(a, b) += c(1+t) |x|² M_ab², up(b, a) += c(1−t) |x|² M_ab². */
static void add_flips(arb_mat_t down, arb_mat_t up, const arb_mat_struct *V, const bath *B,
                      int k, const _ng_hilbert *H, arb_t wd, arb_t wu, slong *rows,
                      slong *rows2, slong prec)
{
    slong d = H->sec_dim[k], d2 = H->sec_dim[k + 1], len = 0;
    arb_mat_t Yt, Y, Mt;
    arb_mul(wd, B->w_down, B->flip2, prec);
    arb_mul(wu, B->w_up, B->flip2, prec);
    if (arb_is_zero(B->flip2))
        return;
    for (slong i = 0; i < d; i++) {
        ulong s = H->states[H->sec_off[k] + i];
        if (!(s & B->edge)) {
            rows[len] = i;
            rows2[len++] = H->pos[s | B->edge];
        }
    }
    arb_mat_init(Yt, d2, len);
    arb_mat_init(Y, len, d);
    arb_mat_init(Mt, d2, d);
    rows_transposed(Yt, V + k + 1, rows2, len);
    rows_copy(Y, V + k, rows, len);
    arb_mat_mul(Mt, Yt, Y, prec);
    for (slong a = 0; a < d2; a++)
        for (slong b = 0; b < d; b++) {
            arb_ptr m = arb_mat_entry(Mt, a, b);
            arb_sqr(m, m, prec);
            arb_addmul(arb_mat_entry(down, a, b), wd, m, prec);
            arb_addmul(arb_mat_entry(up, b, a), wu, m, prec);
        }
    arb_mat_clear(Yt);
    arb_mat_clear(Y);
    arb_mat_clear(Mt);
}

static void fill_diagonal(_ng_rate_blocks *W, const _ng_hilbert *H, slong prec)
{
    int N = H->N;
    arb_t col;
    arb_init(col);
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
    arb_clear(col);
}

/* The work of a sector's blocks, for progress: the products with V_k cost
 * about dim_k^2 (dim_k + dim_{k+1}). */
static double sector_work(const _ng_hilbert *H, int k)
{
    double d = (double)H->sec_dim[k];
    return d * d * (d + (k < H->N ? (double)H->sec_dim[k + 1] : 0.0));
}

void _ng_rate_blocks_assemble(_ng_rate_blocks *W, const ng_model_t M, const arb_mat_struct *V,
                              const _ng_hilbert *H, slong prec, const ng_engine_opts *opts,
                              double from, double to)
{
    double total = 0.0, done = 0.0;
    slong *rows = flint_malloc(H->dim * sizeof(slong)), *rows2 = flint_malloc(H->dim * sizeof(slong));
    arb_t wd, wu;
    arb_init(wd);
    arb_init(wu);
    for (int k = 0; k <= H->N; k++)
        total += 2.0 * sector_work(H, k);
    for (int nu = 0; nu < 2; nu++) {
        bath B;
        bath_init(&B, M, nu, prec);
        for (int k = 0; k <= H->N; k++) {
            add_same_sector(W->diag + k, V + k, &B, k, H, wd, rows, prec);
            if (k < H->N)
                add_flips(W->down + k, W->up + k, V, &B, k, H, wd, wu, rows, rows2, prec);
            done += sector_work(H, k);
            _ng_engine_progress(opts, from + (to - from) * done / total, "rate matrix");
        }
        bath_clear(&B);
    }
    fill_diagonal(W, H, prec);
    arb_clear(wd);
    arb_clear(wu);
    flint_free(rows);
    flint_free(rows2);
}
