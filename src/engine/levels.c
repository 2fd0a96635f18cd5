/* The exact number of distinct levels of each sector block of P0 H1 P0 for a
 * rational H1: the degree of the block's minimal polynomial (a real
 * symmetric block is diagonalisable, so its minimal polynomial is
 * squarefree with one root per level).
 *
 * Two exact symmetries make this cheap (checked on the blocks themselves,
 * never assumed from the model):
 *  - the mirror R: s ↦ the state with sites l and N − 1 − l exchanged maps
 *    sector k to itself;
 *  - the global spin flip F = Π σ^x_l maps sector k to N − k.
 * If F A_k F = A_{N−k} (or RF A_k FR = A_{N−k}), the two blocks have the
 * same levels.  If a subgroup G of {1, R, F, RF} (F and RF when k = N − k)
 * commutes with A_k, A_k is the direct sum of its restrictions to the
 * isotypic subspaces of the ±1 characters χ of G, and its minimal
 * polynomial is the lcm of theirs.  With
 * b_r = Σ_{g∈G} χ(g) e_{g r} for the orbit representatives r whose
 * stabiliser lies in ker χ (the others give b_r = 0), A b_s = Σ_t A_ts
 * χ(g_t) b_{rep t}, t = g_t rep t, so the restriction has the integer
 * matrix M_{r s} = Σ_{t ∈ orbit r} χ(g_t) A_{t s}: half (a quarter) of the
 * block's size, and the multimodular minimal polynomial costs about d^4.
 *
 * The minimal polynomial itself is certified here rather than taken from
 * fmpz_mat_minpoly: FLINT 2.9's multimodular routine may return a result it
 * has not verified when its coefficient bound is too small (FLINT issues
 * 2296 and 2480, fixed in 2025).  Modulo a prime p, deg minpoly_p ≤ deg
 * minpoly_Q; the Krylov spaces of the generators e_i that span F_p^n also
 * span Q^n, so an integer f with f(A) e_i = 0 for those generators has
 * f(A) = 0 and deg minpoly_Q ≤ deg f.  Hence CRT over primes until the
 * coefficients are stable and f(A) e_i = 0 holds exactly proves
 * deg minpoly_Q = deg f — given that nmod_mat_minpoly_with_gens returns
 * the minimal polynomial modulo p and generators whose Krylov spaces span
 * F_p^n, as its algorithm does (the lcm of each generator's exact Krylov
 * relation, generators added until their Krylov vectors reach rank n). */
#include <flint/fmpz_poly.h>
#include <flint/nmod_mat.h>
#include <flint/nmod_poly.h>

#include "internal.h"

/* ---- the certified minimal polynomial ---------------------------------- */

typedef struct { /* the nonzero entries of an integer matrix, by rows */
    slong n;
    slong *start, *col;
    fmpz *val;
} sparse_int;

static void sparse_int_init(sparse_int *S, const fmpz_mat_t A)
{
    slong n = fmpz_mat_nrows(A), nnz = 0;
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < n; j++)
            nnz += !fmpz_is_zero(fmpz_mat_entry(A, i, j));
    S->n = n;
    S->start = flint_malloc((n + 1) * sizeof(slong));
    S->col = flint_malloc(FLINT_MAX(nnz, 1) * sizeof(slong));
    S->val = _fmpz_vec_init(FLINT_MAX(nnz, 1));
    nnz = 0;
    for (slong i = 0; i < n; i++) {
        S->start[i] = nnz;
        for (slong j = 0; j < n; j++)
            if (!fmpz_is_zero(fmpz_mat_entry(A, i, j))) {
                S->col[nnz] = j;
                fmpz_set(S->val + nnz++, fmpz_mat_entry(A, i, j));
            }
    }
    S->start[n] = nnz;
}

static void sparse_int_clear(sparse_int *S)
{
    _fmpz_vec_clear(S->val, FLINT_MAX(S->start[S->n], 1));
    flint_free(S->start);
    flint_free(S->col);
}

/* 1 if f(A) e_i = 0 exactly (Horner: w ← A w + f_j e_i). */
static int annihilates(const fmpz_poly_t f, const sparse_int *A, slong i)
{
    slong n = A->n, len = fmpz_poly_length(f);
    fmpz *w = _fmpz_vec_init(n), *t = _fmpz_vec_init(n);
    int zero;
    fmpz_set(w + i, f->coeffs + len - 1);
    for (slong j = len - 2; j >= 0; j--) {
        for (slong r = 0; r < n; r++) {
            fmpz_zero(t + r);
            for (slong q = A->start[r]; q < A->start[r + 1]; q++)
                fmpz_addmul(t + r, A->val + q, w + A->col[q]);
        }
        fmpz_add(t + i, t + i, f->coeffs + j);
        fmpz *u = w;
        w = t;
        t = u;
    }
    zero = _fmpz_vec_is_zero(w, n);
    _fmpz_vec_clear(w, n);
    _fmpz_vec_clear(t, n);
    return zero;
}

/* f ← the minimal polynomial of the square integer matrix A, proved. */
static void minpoly_certified(fmpz_poly_t f, const fmpz_mat_t A)
{
    slong n = fmpz_mat_nrows(A), deg = -1;
    mp_limb_t p = UWORD(1) << (FLINT_BITS - 2);
    ulong *gens = flint_malloc(FLINT_MAX(n, 1) * sizeof(ulong));
    fmpz_poly_t last;
    fmpz_t m;
    sparse_int S;
    int done = n == 0;
    fmpz_poly_one(f);
    fmpz_poly_init(last);
    fmpz_init(m);
    sparse_int_init(&S, A);
    while (!done) {
        nmod_mat_t Ap;
        nmod_poly_t fp;
        p = n_nextprime(p, 0);
        nmod_mat_init(Ap, n, n, p);
        nmod_poly_init(fp, p);
        fmpz_mat_get_nmod_mat(Ap, A);
        for (slong i = 0; i < n; i++)
            gens[i] = 0;
        nmod_mat_minpoly_with_gens(fp, Ap, gens);
        if (nmod_poly_degree(fp) > deg) { /* every earlier prime was unlucky */
            deg = nmod_poly_degree(fp);
            fmpz_one(m);
            fmpz_poly_zero(f);
            fmpz_poly_zero(last);
        }
        if (nmod_poly_degree(fp) == deg) {
            fmpz_poly_CRT_ui(f, f, m, fp, 1);
            fmpz_mul_ui(m, m, p);
            if (fmpz_poly_equal(f, last)) {
                done = 1;
                for (slong i = 0; i < n && done; i++)
                    done = !gens[i] || annihilates(f, &S, i);
            }
            fmpz_poly_set(last, f);
        }
        nmod_mat_clear(Ap);
        nmod_poly_clear(fp);
    }
    sparse_int_clear(&S);
    fmpz_clear(m);
    fmpz_poly_clear(last);
    flint_free(gens);
}

/* ---- symmetries of one sector block ------------------------------------ */

static ulong mirror(ulong s, int N)
{
    ulong r = 0;
    for (int l = 0; l < N; l++)
        r |= ((s >> l) & 1) << (N - 1 - l);
    return r;
}

static ulong act(ulong s, int g, int N) /* g: bit 0 the mirror, bit 1 the flip */
{
    if (g & 1)
        s = mirror(s, N);
    if (g & 2)
        s ^= (UWORD(1) << N) - 1;
    return s;
}

/* 1 if B_{g s', g s} = A_{s', s} for all states s, s' of sector k (B is the
 * block of sector k's image under g). */
static int maps_onto(const fmpz_mat_t B, const fmpz_mat_t A, int g, int k,
                     const _ng_hilbert *H)
{
    const ulong *st = H->states + H->sec_off[k];
    for (slong i = 0; i < H->sec_dim[k]; i++)
        for (slong j = 0; j < H->sec_dim[k]; j++)
            if (!fmpz_equal(fmpz_mat_entry(B, H->pos[act(st[i], g, H->N)],
                                           H->pos[act(st[j], g, H->N)]),
                            fmpz_mat_entry(A, i, j)))
                return 0;
    return 1;
}

/* The integer matrix of a sector block (denominators cleared: the levels
 * scale, their number does not); 0 if the block is not real. */
static int integer_block(fmpz_mat_t A, const _ng_terms *T, int k, const _ng_hilbert *H)
{
    slong d = H->sec_dim[k];
    fmpq_mat_t re, im;
    fmpz_t den;
    int real;
    fmpq_mat_init(re, d, d);
    fmpq_mat_init(im, d, d);
    fmpz_init(den);
    _ng_sector_block_fmpq(re, im, T, k, H);
    real = fmpq_mat_is_zero(im);
    fmpz_mat_init(A, d, d);
    if (real)
        fmpq_mat_get_fmpz_mat_matwise(A, den, re);
    fmpz_clear(den);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    return real;
}

/* The symmetry group of sector k's block A: bit g of the result set when
 * the element g (bits as in act: 1 mirror, 2 flip, 3 both) commutes with A;
 * the flips only for k = N − k (they map sector k to N − k). */
static unsigned symmetries(const fmpz_mat_t A, int k, const _ng_hilbert *H)
{
    unsigned S = 1; /* the identity */
    for (int g = 1; g < 4; g++)
        if ((g == 1 || 2 * k == H->N) && maps_onto(A, A, g, k, H))
            S |= 1u << g;
    return S;
}

static int chi(int g, int sign) /* the character `sign` of Z2 × Z2 at g */
{
    return __builtin_popcount(g & sign) & 1 ? -1 : 1;
}

/* M ← the restriction of A (sector k) to the isotypic subspace of the
 * character `sign` of the symmetry group S (a bit set of elements). */
static void isotypic_block(fmpz_mat_t M, const fmpz_mat_t A, unsigned S, int sign, int k,
                           const _ng_hilbert *H)
{
    slong d = H->sec_dim[k], m = 0;
    const ulong *st = H->states + H->sec_off[k];
    slong *rep = flint_malloc(d * sizeof(slong)), *idx = flint_malloc(d * sizeof(slong));
    int *sgn = flint_malloc(d * sizeof(int));
    for (slong i = 0; i < d; i++) { /* rep: least index in the orbit, sgn = χ(g_t) */
        rep[i] = i;
        sgn[i] = 1;
        for (int g = 1; g < 4; g++)
            if ((S >> g & 1) && H->pos[act(st[i], g, H->N)] < rep[i]) {
                rep[i] = H->pos[act(st[i], g, H->N)];
                sgn[i] = chi(g, sign);
            }
    }
    for (slong i = 0; i < d; i++) { /* kept: representatives whose stabiliser is in ker χ */
        int kept = rep[i] == i;
        for (int g = 1; g < 4 && kept; g++)
            if ((S >> g & 1) && act(st[i], g, H->N) == st[i])
                kept = chi(g, sign) == 1;
        idx[i] = kept ? m++ : -1;
    }
    fmpz_mat_init(M, m, m);
    for (slong t = 0; t < d; t++)
        if (idx[rep[t]] >= 0)
            for (slong s = 0; s < d; s++)
                if (idx[s] >= 0) {
                    fmpz *e = fmpz_mat_entry(M, idx[rep[t]], idx[s]);
                    if (sgn[t] > 0)
                        fmpz_add(e, e, fmpz_mat_entry(A, t, s));
                    else
                        fmpz_sub(e, e, fmpz_mat_entry(A, t, s));
                }
    flint_free(rep);
    flint_free(idx);
    flint_free(sgn);
}

/* deg of the minimal polynomial of A (sector k), via its isotypic blocks:
 * one per character of the symmetry group S (characters `sign` of Z2 × Z2
 * that differ on S). */
static slong distinct_levels(const fmpz_mat_t A, int k, const _ng_hilbert *H)
{
    unsigned S = symmetries(A, k, H);
    fmpz_poly_t lcm, f, h;
    slong deg;
    fmpz_poly_init(lcm);
    fmpz_poly_init(f);
    fmpz_poly_init(h);
    fmpz_poly_one(lcm);
    for (int sign = 0; sign < 4; sign++) {
        fmpz_mat_t M;
        int first = 1; /* the least sign with its restriction to S */
        for (int other = 0; other < sign && first; other++) {
            int same = 1;
            for (int g = 1; g < 4; g++)
                same = same && (!(S >> g & 1) || chi(g, sign) == chi(g, other));
            first = !same;
        }
        if (!first)
            continue;
        isotypic_block(M, A, S, sign, k, H);
        minpoly_certified(f, M);
        fmpz_poly_gcd(h, lcm, f); /* lcm ← lcm f / gcd(lcm, f) */
        fmpz_poly_div(f, f, h);
        fmpz_poly_mul(lcm, lcm, f);
        fmpz_mat_clear(M);
    }
    deg = fmpz_poly_degree(lcm);
    fmpz_poly_clear(lcm);
    fmpz_poly_clear(f);
    fmpz_poly_clear(h);
    return deg;
}

/* The number of distinct levels of a complex Hermitian block (not met for
 * the models of DESIGN §1, whose α is symmetric): its characteristic
 * polynomial's squarefree part. */
static slong distinct_levels_complex(const _ng_terms *T, int k, const _ng_hilbert *H)
{
    slong d = H->sec_dim[k], g;
    fmpq_mat_t re, im;
    _ng_block_levels Lv;
    fmpq_mat_init(re, d, d);
    fmpq_mat_init(im, d, d);
    _ng_sector_block_fmpq(re, im, T, k, H);
    _ng_block_levels_exact(&Lv, re, im, 64);
    g = Lv.ndistinct;
    _ng_block_levels_clear(&Lv);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    return g;
}

void _ng_engine_level_counts(slong *g, const ng_op_t H1q, const ng_ring_t Rq, int N)
{
    _ng_hilbert H;
    _ng_terms T;
    _ng_hilbert_init(&H, N);
    _ng_terms_init(&T, H1q, Rq);
    for (int k = 0; k <= N; k++) {
        fmpz_mat_t A, B;
        if (!integer_block(A, &T, k, &H)) {
            g[k] = distinct_levels_complex(&T, k, &H);
        } else if (2 * k > N) { /* F A_{N−k} F = A_k: the levels of sector N − k */
            int real = integer_block(B, &T, N - k, &H);
            g[k] = real && (maps_onto(A, B, 2, N - k, &H) || maps_onto(A, B, 3, N - k, &H))
                       ? g[N - k]
                       : distinct_levels(A, k, &H);
            fmpz_mat_clear(B);
        } else {
            g[k] = distinct_levels(A, k, &H);
        }
        fmpz_mat_clear(A);
    }
    _ng_terms_clear(&T, Rq);
    _ng_hilbert_clear(&H);
}
