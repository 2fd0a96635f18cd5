/* The commutant route (engine.h): Im P1 = the commutant of each sector block
 * of P0 H1 P0 (Eq. 33 in general, DESIGN §2), computed exactly over Q; ρ0
 * solves P1 [L2 − L1 (Q0L0Q0)^{-1} L1] P1 ρ0 = 0 with Tr ρ0 = 1 (Eqs. 24,
 * 41–43 without Eq. 44), in the model's ring. */
#include "internal.h"

/* Dense complex 2^N × 2^N matrices over a ring. */
typedef struct {
    slong n;
    ng_ptr re, im;
} cmat;

static void cmat_init(cmat *A, slong n, const ng_ring_t R)
{
    A->n = n;
    A->re = ng_vec_init(n * n, R);
    A->im = ng_vec_init(n * n, R);
}

static void cmat_clear(cmat *A, const ng_ring_t R)
{
    ng_vec_clear(A->re, A->n * A->n, R);
    ng_vec_clear(A->im, A->n * A->n, R);
}

static void cmat_zero(cmat *A, const ng_ring_t R)
{
    for (slong i = 0; i < A->n * A->n; i++) {
        ng_elem_zero(ng_vec_entry(A->re, i, R), R);
        ng_elem_zero(ng_vec_entry(A->im, i, R), R);
    }
}

static int cmat_entry_is_zero(const cmat *A, slong i, const ng_ring_t R)
{
    return ng_elem_is_exact_zero(ng_vec_srcentry(A->re, i, R), R) &&
           ng_elem_is_exact_zero(ng_vec_srcentry(A->im, i, R), R);
}

/* Z += i^e T Y (left) or Z += i^e Y T (right), T given by its terms. */
static void cmat_addmul_op(cmat *Z, const _ng_terms *T, const cmat *Y, int right, int e,
                           ng_ptr tmp, const ng_ring_t R)
{
    slong n = Y->n;
    for (slong r = 0; r < n; r++)
        for (slong c = 0; c < n; c++) {
            slong idx = r * n + c;
            if (cmat_entry_is_zero(Y, idx, R))
                continue;
            ng_srcptr a = ng_vec_srcentry(Y->re, idx, R), b = ng_vec_srcentry(Y->im, idx, R);
            for (slong j = 0; j < T->len; j++) {
                slong out;
                int ph;
                if (!right) { /* (T Y)(r⊕x, c) += T(r⊕x, r) Y(r, c) */
                    out = (r ^ T->x[j]) * n + c;
                    ph = _ng_term_phase(T, j, r);
                } else {      /* (Y T)(r, c⊕x) += Y(r, c) T(c, c⊕x) */
                    out = r * n + (c ^ T->x[j]);
                    ph = _ng_term_phase(T, j, c ^ T->x[j]);
                }
                _ng_cplx_addmul_phase(ng_vec_entry(Z->re, out, R), ng_vec_entry(Z->im, out, R),
                                      ng_vec_srcentry(T->c, j, R), (ph + e) & 3, a, b, tmp, R);
            }
        }
}

/* Z = −i[H, Y] (Eq. 18). */
static void hamiltonian_flow(cmat *Z, const _ng_terms *H1, const cmat *Y, ng_ptr tmp,
                             const ng_ring_t R)
{
    cmat_zero(Z, R);
    cmat_addmul_op(Z, H1, Y, 0, 3, tmp, R);
    cmat_addmul_op(Z, H1, Y, 1, 1, tmp, R);
}

typedef struct {
    const _ng_hilbert *H;
    _ng_terms h1, x[2], s[2], sdag[2];
    ng_ptr inv2h; /* 1/(2h) */
    cmat A, B, C, D;
} second_order_ctx;

/* M(Y) = L2 Y − L1 (Q0L0Q0)^{-1} L1 Y into ctx->D; only the in-sector entries
 * of the result are used. */
static void apply_m(second_order_ctx *ctx, const cmat *Y, ng_ptr tmp, const ng_ring_t R)
{
    slong n = Y->n;
    const _ng_hilbert *H = ctx->H;
    hamiltonian_flow(&ctx->A, &ctx->h1, Y, tmp, R);
    /* (Q0 L0 Q0)^{-1}: |r⟩⟨c| ↦ |r⟩⟨c| / (−2ih(k_c − k_r)) off the sectors (Eq. 40) */
    for (slong r = 0; r < n; r++)
        for (slong c = 0; c < n; c++) {
            slong idx = r * n + c;
            int dk = _ng_sector(c) - _ng_sector(r);
            ng_ptr re = ng_vec_entry(ctx->A.re, idx, R), im = ng_vec_entry(ctx->A.im, idx, R);
            if (dk == 0) {
                ng_elem_zero(re, R);
                ng_elem_zero(im, R);
                continue;
            }
            if (cmat_entry_is_zero(&ctx->A, idx, R))
                continue;
            /* multiply by i/(2h dk): (a + ib) i = −b + ia */
            ng_elem_mul(tmp, re, ctx->inv2h, R);
            ng_elem_mul(re, im, ctx->inv2h, R);
            ng_elem_neg(re, re, R);
            ng_elem_div_si(re, re, dk, R);
            ng_elem_div_si(im, tmp, dk, R);
        }
    hamiltonian_flow(&ctx->B, &ctx->h1, &ctx->A, tmp, R);
    /* D_ν Y = −X(SY) + (SY)X − (YS†)X + X(YS†) (Eq. 7) */
    cmat_zero(&ctx->D, R);
    for (int nu = 0; nu < 2; nu++) {
        cmat_zero(&ctx->A, R);
        cmat_addmul_op(&ctx->A, &ctx->s[nu], Y, 0, 0, tmp, R);
        cmat_addmul_op(&ctx->D, &ctx->x[nu], &ctx->A, 0, 2, tmp, R);
        cmat_addmul_op(&ctx->D, &ctx->x[nu], &ctx->A, 1, 0, tmp, R);
        cmat_zero(&ctx->C, R);
        cmat_addmul_op(&ctx->C, &ctx->sdag[nu], Y, 1, 0, tmp, R);
        cmat_addmul_op(&ctx->D, &ctx->x[nu], &ctx->C, 1, 2, tmp, R);
        cmat_addmul_op(&ctx->D, &ctx->x[nu], &ctx->C, 0, 0, tmp, R);
    }
    for (slong i = 0; i < n * n; i++) {
        ng_elem_sub(ng_vec_entry(ctx->D.re, i, R), ng_vec_entry(ctx->D.re, i, R),
                    ng_vec_entry(ctx->B.re, i, R), R);
        ng_elem_sub(ng_vec_entry(ctx->D.im, i, R), ng_vec_entry(ctx->D.im, i, R),
                    ng_vec_entry(ctx->B.im, i, R), R);
    }
    (void)H;
}

/* Hermitian d×d matrices Y with [B, Y] = 0 for the block B = Bre + i Bim:
 * real parameters u_i (diagonal), a_ij, b_ij (i < j; Y_ij = a + ib).  Returns
 * the basis as real/imaginary fmpq matrices and, per element, whether its
 * free parameter is diagonal (then the identity has coordinate 1 on it). */
typedef struct {
    slong count;
    fmpq_mat_struct *re, *im;
    int *diag_free;
} commutant;

static slong param_index(slong i, slong j, slong d, int imag)
{
    /* diag: i; then pairs i<j in row-major order: real, imaginary */
    if (i == j)
        return i;
    slong pair = i * d - i * (i + 1) / 2 + (j - i - 1);
    return d + 2 * pair + imag;
}

/* Y_mj = yr + i yi as parameter indices with signs (−1 index: zero). */
static void entry_params(slong *pr, int *sr, slong *pi, int *si, slong m, slong j, slong d)
{
    if (m == j) {
        *pr = m, *sr = 1, *pi = -1, *si = 0;
    } else if (m < j) {
        *pr = param_index(m, j, d, 0), *sr = 1;
        *pi = param_index(m, j, d, 1), *si = 1;
    } else {
        *pr = param_index(j, m, d, 0), *sr = 1;
        *pi = param_index(j, m, d, 1), *si = -1;
    }
}

static void add_term(fmpq_mat_t A, slong row, slong col, const fmpq_t c, int sign)
{
    if (col < 0 || sign == 0 || fmpq_is_zero(c))
        return;
    if (sign > 0)
        fmpq_add(fmpq_mat_entry(A, row, col), fmpq_mat_entry(A, row, col), c);
    else
        fmpq_sub(fmpq_mat_entry(A, row, col), fmpq_mat_entry(A, row, col), c);
}

static void commutant_compute(commutant *C, const fmpq_mat_t Bre, const fmpq_mat_t Bim)
{
    slong d = fmpq_mat_nrows(Bre), np = d * d, rank;
    fmpq_mat_t A;
    fmpq_mat_init(A, 2 * d * d, np);
    for (slong i = 0; i < d; i++)
        for (slong j = 0; j < d; j++) {
            slong rr = 2 * (i * d + j), ri = rr + 1;
            for (slong m = 0; m < d; m++) {
                slong pr, pi;
                int sr, si;
                /* + B_im Y_mj */
                entry_params(&pr, &sr, &pi, &si, m, j, d);
                add_term(A, rr, pr, fmpq_mat_entry(Bre, i, m), sr);
                add_term(A, rr, pi, fmpq_mat_entry(Bim, i, m), -si);
                add_term(A, ri, pi, fmpq_mat_entry(Bre, i, m), si);
                add_term(A, ri, pr, fmpq_mat_entry(Bim, i, m), sr);
                /* − Y_im B_mj */
                entry_params(&pr, &sr, &pi, &si, i, m, d);
                add_term(A, rr, pr, fmpq_mat_entry(Bre, m, j), -sr);
                add_term(A, rr, pi, fmpq_mat_entry(Bim, m, j), si);
                add_term(A, ri, pi, fmpq_mat_entry(Bre, m, j), -si);
                add_term(A, ri, pr, fmpq_mat_entry(Bim, m, j), -sr);
            }
        }
    rank = fmpq_mat_rref(A, A);
    {
        slong *pivot = flint_malloc(np * sizeof(slong));
        int *is_pivot = flint_calloc(np, sizeof(int));
        slong f = 0;
        for (slong r = 0, col = 0; r < rank; r++) {
            while (fmpq_is_zero(fmpq_mat_entry(A, r, col)))
                col++;
            pivot[r] = col;
            is_pivot[col] = 1;
        }
        C->count = np - rank;
        C->re = flint_malloc(C->count * sizeof(fmpq_mat_struct));
        C->im = flint_malloc(C->count * sizeof(fmpq_mat_struct));
        C->diag_free = flint_malloc(FLINT_MAX(C->count, 1) * sizeof(int));
        for (slong free = 0; free < np; free++) {
            if (is_pivot[free])
                continue;
            fmpq *v = _fmpq_vec_init(np);
            fmpq_one(v + free);
            for (slong r = 0; r < rank; r++)
                fmpq_neg(v + pivot[r], fmpq_mat_entry(A, r, free));
            fmpq_mat_init(C->re + f, d, d);
            fmpq_mat_init(C->im + f, d, d);
            for (slong i = 0; i < d; i++)
                for (slong j = 0; j < d; j++) {
                    slong pr, pi;
                    int sr, si;
                    entry_params(&pr, &sr, &pi, &si, i, j, d);
                    fmpq_set(fmpq_mat_entry(C->re + f, i, j), v + pr);
                    if (pi >= 0) {
                        if (si > 0)
                            fmpq_set(fmpq_mat_entry(C->im + f, i, j), v + pi);
                        else
                            fmpq_neg(fmpq_mat_entry(C->im + f, i, j), v + pi);
                    }
                }
            C->diag_free[f] = free < d;
            f++;
            _fmpq_vec_clear(v, np);
        }
        flint_free(pivot);
        flint_free(is_pivot);
    }
    fmpq_mat_clear(A);
}

static void commutant_clear(commutant *C)
{
    for (slong f = 0; f < C->count; f++) {
        fmpq_mat_clear(C->re + f);
        fmpq_mat_clear(C->im + f);
    }
    flint_free(C->re);
    flint_free(C->im);
    flint_free(C->diag_free);
}

/* Basis element (sector k, element f) as a dense operator over R. */
static void embed_basis_element(cmat *Y, const commutant *C, slong f, int k,
                                const _ng_hilbert *H, const ng_ring_t R)
{
    slong d = H->sec_dim[k], n = H->dim;
    cmat_zero(Y, R);
    for (slong i = 0; i < d; i++)
        for (slong j = 0; j < d; j++) {
            slong idx = (slong)H->states[H->sec_off[k] + i] * n + H->states[H->sec_off[k] + j];
            ng_elem_set_fmpq(ng_vec_entry(Y->re, idx, R), fmpq_mat_entry(C->re + f, i, j), R);
            ng_elem_set_fmpq(ng_vec_entry(Y->im, idx, R), fmpq_mat_entry(C->im + f, i, j), R);
        }
}

/* Re Tr(Y_i Z) = Σ_{a,b in sector} Re(Y_i(b, a) Z(a, b)). */
static void trace_pairing(ng_ptr res, const commutant *C, slong f, int k, const cmat *Z,
                          const _ng_hilbert *H, ng_ptr tmp, const ng_ring_t R)
{
    slong d = H->sec_dim[k], n = H->dim;
    ng_elem_zero(res, R);
    for (slong a = 0; a < d; a++)
        for (slong b = 0; b < d; b++) {
            const fmpq *yr = fmpq_mat_entry(C->re + f, b, a), *yi = fmpq_mat_entry(C->im + f, b, a);
            slong idx = (slong)H->states[H->sec_off[k] + a] * n + H->states[H->sec_off[k] + b];
            if (!fmpq_is_zero(yr)) {
                ng_elem_mul_fmpq(tmp, ng_vec_srcentry(Z->re, idx, R), yr, R);
                ng_elem_add(res, res, tmp, R);
            }
            if (!fmpq_is_zero(yi)) {
                ng_elem_mul_fmpq(tmp, ng_vec_srcentry(Z->im, idx, R), yi, R);
                ng_elem_sub(res, res, tmp, R);
            }
        }
}

static void fmpq_mat_trace_q(fmpq_t t, const fmpq_mat_t A)
{
    fmpq_zero(t);
    for (slong i = 0; i < fmpq_mat_nrows(A); i++)
        fmpq_add(t, t, fmpq_mat_entry(A, i, i));
}

static void record_levels(ng_engine_rho0_t res, const _ng_block_levels *Lv, int k, int N,
                          slong prec)
{
    ng_engine_sector_info *si;
    if (res->sectors == NULL)
        res->sectors = flint_calloc(N + 1, sizeof(ng_engine_sector_info));
    res->nsectors = N + 1;
    si = res->sectors + k;
    si->sector = k;
    si->ndistinct = Lv->ndistinct;
    si->basis = NG_ENGINE_BASIS_EXACT;
    si->dim = 0;
    si->maxmult = 0;
    for (slong i = 0; i < Lv->ndistinct; i++) {
        si->dim += Lv->mult[i];
        si->maxmult = FLINT_MAX(si->maxmult, Lv->mult[i]);
    }
    for (slong i = 0; i < Lv->ndistinct; i++) {
        if (Lv->mult[i] > 1) {
            size_t bytes = (size_t)(res->nlevels + 1) * sizeof(ng_engine_level);
            ng_engine_level *lv;
            res->levels = flint_realloc(res->levels, bytes);
            lv = res->levels + res->nlevels++;
            lv->magnetisation = N - 2 * k;
            lv->sector = k;
            lv->index = i;
            lv->basis = NG_ENGINE_BASIS_EXACT;
            lv->multiplicity = Lv->mult[i];
            arb_init(lv->value);
            arb_add(lv->value, lv->value, Lv->values + i, prec);
            res->degenerate = 1;
        }
        if (i + 1 < Lv->ndistinct) {
            arb_t g;
            arb_init(g);
            arb_sub(g, Lv->values + i + 1, Lv->values + i, prec);
            if (!res->have_spacing || arf_cmp(arb_midref(g), arb_midref(res->spacing)) < 0)
                arb_swap(res->spacing, g);
            res->have_spacing = 1;
            arb_clear(g);
        }
    }
}

ng_status _ng_engine_rho0_commutant(ng_engine_rho0_t res, const ng_model_t M,
                                    const ng_op_t H1q, const ng_ring_t Rq,
                                    const ng_engine_opts *opts)
{
    const ng_ring_struct *R = res->R;
    int N = M->N;
    _ng_hilbert H;
    _ng_terms Tq;
    commutant *C;
    second_order_ctx ctx;
    ng_superop_ctx_t L;
    ng_op_t H1;
    cmat Y;
    ng_mat_t G, sol;
    slong D = 0, row0 = -1;
    slong *first;
    ng_ptr tmp = ng_elem_new(R), one = ng_elem_new(R);
    ng_status st = NG_OK;

    _ng_hilbert_init(&H, N);
    _ng_terms_init(&Tq, H1q, Rq);
    C = flint_malloc((N + 1) * sizeof(commutant));
    first = flint_malloc((N + 2) * sizeof(slong));
    res->have_spacing = 0;
    for (int k = 0; k <= N; k++) {
        fmpq_mat_t Bre, Bim;
        _ng_block_levels Lv;
        fmpq_mat_init(Bre, H.sec_dim[k], H.sec_dim[k]);
        fmpq_mat_init(Bim, H.sec_dim[k], H.sec_dim[k]);
        _ng_sector_block_fmpq(Bre, Bim, &Tq, k, &H);
        _ng_block_levels_exact(&Lv, Bre, Bim, FLINT_MAX(res->prec, 64));
        record_levels(res, &Lv, k, N, FLINT_MAX(res->prec, 64));
        _ng_block_levels_clear(&Lv);
        commutant_compute(C + k, Bre, Bim);
        first[k] = D;
        D += C[k].count;
        fmpq_mat_clear(Bre);
        fmpq_mat_clear(Bim);
    }
    first[N + 1] = D;
    res->dim_p1 = D;
    res->route = NG_ENGINE_COMMUTANT;
    res->structure_exact = 1;
    if (opts->progress != NULL)
        fprintf(opts->progress, "  dim Im P1 = %ld (2^N = %ld)%s\n", (long)D, (long)H.dim,
                res->degenerate ? ": degenerate levels" : "");

    /* the operators of L1 and L2 in the model's ring, taken into R */
    ng_superop_ctx_init(L, M);
    ng_op_init(H1, N, NG_PAULI, M->R);
    ng_model_h1(H1, M);
    {
        ng_op_struct *src[7] = {H1, L->x[0], L->s[0], L->sdag[0], L->x[1], L->s[1], L->sdag[1]};
        _ng_terms *dst[7] = {&ctx.h1, &ctx.x[0], &ctx.s[0], &ctx.sdag[0], &ctx.x[1], &ctx.s[1],
                             &ctx.sdag[1]};
        for (int i = 0; i < 7; i++) {
            _ng_terms_init(dst[i], src[i], M->R);
            if (M->R != R) { /* re-express the coefficients in R */
                ng_ptr c = ng_vec_init(dst[i]->len, R);
                for (slong j = 0; j < dst[i]->len; j++) {
                    fmpq_t q;
                    arb_t a;
                    fmpq_init(q);
                    arb_init(a);
                    if (M->R->kind == NG_QQ && ng_elem_get_fmpq(q, ng_vec_srcentry(dst[i]->c, j, M->R), M->R))
                        ng_elem_set_fmpq(ng_vec_entry(c, j, R), q, R);
                    else {
                        ng_elem_get_arb(a, ng_vec_srcentry(dst[i]->c, j, M->R), R->prec, M->R);
                        ng_elem_set_arb(ng_vec_entry(c, j, R), a, R);
                    }
                    fmpq_clear(q);
                    arb_clear(a);
                }
                ng_vec_clear(dst[i]->c, dst[i]->len, M->R);
                dst[i]->c = c;
                dst[i]->R = R;
            }
        }
    }
    ctx.H = &H;
    ctx.inv2h = ng_elem_new(R);
    {
        fmpq_t q;
        arb_t a;
        fmpq_init(q);
        arb_init(a);
        if (M->R->kind == NG_QQ && ng_elem_get_fmpq(q, M->h, M->R))
            ng_elem_set_fmpq(tmp, q, R);
        else {
            ng_elem_get_arb(a, M->h, R->prec, M->R);
            ng_elem_set_arb(tmp, a, R);
        }
        ng_elem_mul_si(tmp, tmp, 2, R);
        ng_elem_one(one, R);
        if (!ng_elem_div(ctx.inv2h, one, tmp, R))
            st = ng_error(NG_ECOMPUTE, "the field h cannot be certified nonzero");
        fmpq_clear(q);
        arb_clear(a);
    }
    cmat_init(&Y, H.dim, R);
    cmat_init(&ctx.A, H.dim, R);
    cmat_init(&ctx.B, H.dim, R);
    cmat_init(&ctx.C, H.dim, R);
    cmat_init(&ctx.D, H.dim, R);
    ng_mat_init(G, D, D, R);
    ng_mat_init(sol, 0, 0, R);

    /* G_ij = Tr(Y_i M(Y_j)): P1 M P1 in the (non-orthogonal) basis Y; P1 x = 0
     * ⇔ Tr(Y_i x) = 0 for all i, since P1 is the orthogonal projector. */
    for (int kj = 0; kj <= N && st == NG_OK; kj++)
        for (slong fj = 0; fj < C[kj].count; fj++) {
            embed_basis_element(&Y, C + kj, fj, kj, &H, R);
            apply_m(&ctx, &Y, tmp, R);
            for (int ki = FLINT_MAX(kj - 2, 0); ki <= FLINT_MIN(kj + 2, N); ki++)
                for (slong fi = 0; fi < C[ki].count; fi++)
                    trace_pairing(ng_mat_entry(G, first[ki] + fi, first[kj] + fj, R), C + ki, fi,
                                  ki, &ctx.D, &H, tmp, R);
            if (opts->progress != NULL && fj + 1 == C[kj].count)
                fprintf(opts->progress, "  P1 M P1: sector %d done\n", kj);
        }
    /* a row to trade for the trace: one where the identity has a coordinate */
    for (int k = 0; k <= N && row0 < 0; k++)
        for (slong f = 0; f < C[k].count && row0 < 0; f++)
            if (C[k].diag_free[f])
                row0 = first[k] + f;

    if (st == NG_OK && ng_ring_is_exact(R)) {
        truth_t ok = ng_mat_nullspace(sol, G, R);
        if (ok != T_TRUE)
            st = ng_error(NG_ECOMPUTE, "zeroth order: rank undecided");
        else if (sol->c != 1)
            st = ng_error(NG_ENOTUNIQUE,
                          "zeroth order: rho0 is not unique: P1 [L2 - L1 (Q0L0Q0)^-1 L1] P1 "
                          "rho0 = 0 has a %ld-dimensional space of solutions (dim Im P1 = %ld)",
                          (long)sol->c, (long)D);
    } else if (st == NG_OK) {
        ng_mat_t B;
        ng_mat_init(B, D, 1, R);
        for (int k = 0; k <= N; k++)
            for (slong f = 0; f < C[k].count; f++) {
                fmpq_t t;
                fmpq_init(t);
                fmpq_mat_trace_q(t, C[k].re + f);
                ng_elem_set_fmpq(ng_mat_entry(G, row0, first[k] + f, R), t, R);
                fmpq_clear(t);
            }
        ng_elem_one(ng_mat_entry(B, row0, 0, R), R);
        if (ng_mat_solve(sol, G, B, R) != T_TRUE)
            st = ng_error(NG_ECOMPUTE, "zeroth order: uniqueness of rho0 cannot be certified "
                                       "at %ld bits (P1 [L2 - L1 (Q0L0Q0)^-1 L1] P1 with the "
                                       "trace condition is not certified invertible)",
                          (long)R->prec);
        ng_mat_clear(B, R);
    }
    if (st == NG_OK) {
        /* blocks of ρ0 = Σ c_j Y_j, then Tr ρ0 = 1 */
        ng_ptr tr = ng_elem_new(R);
        ng_mat_struct *re, *im;
        fmpq_t t;
        fmpq_init(t);
        _ng_blocks_init(&re, &im, &H, R);
        ng_elem_zero(tr, R);
        for (int k = 0; k <= N; k++) {
            slong d = H.sec_dim[k];
            ng_mat_zero(re + k, R);
            ng_mat_zero(im + k, R);
            for (slong f = 0; f < C[k].count; f++) {
                ng_srcptr c = ng_mat_entry(sol, first[k] + f, 0, R);
                fmpq_mat_trace_q(t, C[k].re + f);
                ng_elem_mul_fmpq(tmp, c, t, R);
                ng_elem_add(tr, tr, tmp, R);
                for (slong i = 0; i < d; i++)
                    for (slong j = 0; j < d; j++) {
                        ng_elem_mul_fmpq(tmp, c, fmpq_mat_entry(C[k].re + f, i, j), R);
                        ng_elem_add(ng_mat_entry(re + k, i, j, R),
                                    ng_mat_entry(re + k, i, j, R), tmp, R);
                        ng_elem_mul_fmpq(tmp, c, fmpq_mat_entry(C[k].im + f, i, j), R);
                        ng_elem_add(ng_mat_entry(im + k, i, j, R),
                                    ng_mat_entry(im + k, i, j, R), tmp, R);
                    }
            }
        }
        if (!ng_elem_div(tr, one, tr, R)) {
            st = ng_error(NG_ECOMPUTE, "zeroth order: Tr rho0 cannot be certified nonzero");
        } else {
            for (int k = 0; k <= N; k++)
                for (slong i = 0; i < H.sec_dim[k] * H.sec_dim[k]; i++) {
                    ng_elem_mul(ng_vec_entry(re[k].entries, i, R),
                                ng_vec_entry(re[k].entries, i, R), tr, R);
                    ng_elem_mul(ng_vec_entry(im[k].entries, i, R),
                                ng_vec_entry(im[k].entries, i, R), tr, R);
                }
            _ng_local_from_blocks(res->local, re, im, &H, R);
            _ng_obs_from_local(res->obs, res->local, &H, R);
            if (opts->keep_state)
                _ng_engine_state_from_blocks(res, &re, &im, N);
        }
        _ng_blocks_clear(re, im, N, R);
        fmpq_clear(t);
        ng_elem_free(tr, R);
    }

    ng_mat_clear(G, R);
    ng_mat_clear(sol, R);
    cmat_clear(&Y, R);
    cmat_clear(&ctx.A, R);
    cmat_clear(&ctx.B, R);
    cmat_clear(&ctx.C, R);
    cmat_clear(&ctx.D, R);
    ng_elem_free(ctx.inv2h, R);
    {
        _ng_terms *all[7] = {&ctx.h1, &ctx.x[0], &ctx.s[0], &ctx.sdag[0], &ctx.x[1], &ctx.s[1],
                             &ctx.sdag[1]};
        for (int i = 0; i < 7; i++)
            _ng_terms_clear(all[i], all[i]->R);
    }
    ng_op_clear(H1, M->R);
    ng_superop_ctx_clear(L);
    for (int k = 0; k <= N; k++)
        commutant_clear(C + k);
    flint_free(C);
    flint_free(first);
    _ng_terms_clear(&Tq, Rq);
    _ng_hilbert_clear(&H);
    ng_elem_free(tmp, R);
    ng_elem_free(one, R);
    return st;
}
