/* Operators in double precision: A|s⟩ = Σ_k f_k(s) |s ⊕ x_k⟩.  A Pauli string
 * with masks (x, z) is i^{|x∧z|} X^x Z^z (σ^y = iσ^xσ^z), so it sends |s⟩ to
 * i^{|x∧z|} (−1)^{|z∧s|} |s ⊕ x⟩ (pauli.h). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

double _ng_elem_get_d(int *ok, ng_srcptr x, const ng_ring_t R)
{
    double d = ng_elem_get_d(x, R);
    *ok = !isnan(d);
    return *ok ? d : 0.0;
}

void _ng_dop_init_zero(ng_dop_t A, int N)
{
    A->N = N;
    A->n = WORD(1) << N;
    A->nmasks = 0;
    A->xmask = NULL;
    A->f = NULL;
}

static slong mask_slot(ng_dop_t A, uint64_t x)
{
    for (slong k = 0; k < A->nmasks; k++)
        if (A->xmask[k] == x)
            return k;
    A->xmask = realloc(A->xmask, (size_t)(A->nmasks + 1) * sizeof(uint64_t));
    A->f = realloc(A->f, (size_t)(A->nmasks + 1) * (size_t)A->n * sizeof(double complex));
    A->xmask[A->nmasks] = x;
    memset(A->f + A->nmasks * A->n, 0, (size_t)A->n * sizeof(double complex));
    return A->nmasks++;
}

ng_status _ng_dop_init_from_op(ng_dop_t A, const ng_op_t op, int N, const ng_ring_t R)
{
    static const double complex ipow[4] = {1.0, I, -1.0, -I};
    _ng_dop_init_zero(A, N);
    if (op->basis != NG_PAULI)
        return ng_error(NG_EINPUT, "numerics: operators must be in the Pauli basis");
    for (slong t = 0; t < op->length; t++) {
        int ok;
        ng_string s = op->keys[t].s;
        double c = _ng_elem_get_d(&ok, ng_vec_srcentry(op->coeffs, t, R), R);
        if (!ok)
            return ng_error(NG_EINPUT, "numerics: the model has free parameters; give every "
                                       "parameter a numerical value");
        double complex ph = c * ipow[(op->keys[t].im + __builtin_popcountll(s.x & s.z)) & 3];
        slong k = mask_slot(A, s.x);
        double complex *f = A->f + k * A->n;
        for (slong b = 0; b < A->n; b++)
            f[b] += __builtin_parityll(s.z & (uint64_t)b) ? -ph : ph;
    }
    return NG_OK;
}

double _ng_dop_norm1_bound(const ng_dop_t A)
{
    double s = 0.0;
    for (slong k = 0; k < A->nmasks; k++) {
        double m = 0.0;
        for (slong b = 0; b < A->n; b++)
            m = fmax(m, cabs(A->f[k * A->n + b]));
        s += m;
    }
    return s;
}

int _ng_dop_is_real(const ng_dop_t A)
{
    for (slong k = 0; k < A->nmasks * A->n; k++)
        if (cimag(A->f[k]) != 0.0)
            return 0;
    return 1;
}

void _ng_dop_clear(ng_dop_t A)
{
    free(A->xmask);
    free(A->f);
    _ng_dop_init_zero(A, A->N);
}

/* Both products work column by column (every mask on one column while it is
 * in cache); the columns are independent and split over the cores
 * (parallel.c).  The complex products are written out in real arithmetic,
 * (a + ib)(c + id) = (ac − bd) + i(ad + bc), which is what C's complex
 * multiplication computes for finite operands but lets the compiler keep the
 * loops free of its NaN-recovery branch (measured: the left product was 30 %
 * of a solve at N = 10); the numbers are the same. */
typedef struct {
    double complex *out;
    const ng_dop_struct *A;
    const double complex *rho;
    double complex c;
    const double complex *g; /* c f_k(s), nmasks × n (left product) */
} mul_args;

NG_VECTOR_CLONES static void mul_left_cols(slong j0, slong j1, void *p)
{
    const mul_args *m = p;
    slong n = m->A->n;
    for (slong j = j0; j < j1; j++) {
        const double *col = (const double *)(m->rho + j * n);
        double *o = (double *)(m->out + j * n);
        for (slong k = 0; k < m->A->nmasks; k++) {
            slong x = (slong)m->A->xmask[k], run = x != 0 ? x & -x : n;
            const double *g = (const double *)(m->g + k * n);
            /* s ↦ s ⊕ x keeps runs of 2^ctz(x) states in order: contiguous
             * inner loops */
            for (slong s0 = 0; s0 < n; s0 += run) {
                const double *gs = g + 2 * s0, *cs = col + 2 * s0;
                double *ot = o + 2 * (s0 ^ x);
                for (slong r = 0; r < run; r++) {
                    double a = gs[2 * r], b = gs[2 * r + 1], c = cs[2 * r], d = cs[2 * r + 1];
                    ot[2 * r] += a * c - b * d;
                    ot[2 * r + 1] += a * d + b * c;
                }
            }
        }
    }
}

/* (ρA)_{i,t} = ρ_{i, t⊕x} f(t): whole columns at a time. */
NG_VECTOR_CLONES static void mul_right_cols(slong t0, slong t1, void *p)
{
    const mul_args *m = p;
    slong n = m->A->n;
    for (slong t = t0; t < t1; t++) {
        double *o = (double *)(m->out + t * n);
        for (slong k = 0; k < m->A->nmasks; k++) {
            double complex w = m->c * m->A->f[k * n + t];
            double a = creal(w), b = cimag(w);
            const double *col = (const double *)(m->rho + (t ^ (slong)m->A->xmask[k]) * n);
            if (w != 0)
                for (slong i = 0; i < n; i++) {
                    double c = col[2 * i], d = col[2 * i + 1];
                    o[2 * i] += a * c - b * d;
                    o[2 * i + 1] += a * d + b * c;
                }
        }
    }
}

void _ng_dop_mul_left(double complex *out, const ng_dop_t A, const double complex *rho,
                      double complex c)
{
    slong len = A->nmasks * A->n;
    double complex *g = malloc((size_t)(len > 0 ? len : 1) * sizeof(double complex));
    for (slong k = 0; k < len; k++)
        g[k] = c * A->f[k];
    mul_args m = {out, A, rho, c, g};
    _ng_par_columns(A->n, mul_left_cols, &m);
    free(g);
}

void _ng_dop_mul_right(double complex *out, const double complex *rho, const ng_dop_t A,
                       double complex c)
{
    mul_args m = {out, A, rho, c, NULL};
    _ng_par_columns(A->n, mul_right_cols, &m);
}

void _ng_dop_add_dense(double complex *M, const ng_dop_t A, double complex c)
{
    slong n = A->n;
    for (slong k = 0; k < A->nmasks; k++)
        for (slong s = 0; s < n; s++)
            M[(s ^ (slong)A->xmask[k]) + n * s] += c * A->f[k * n + s];
}
