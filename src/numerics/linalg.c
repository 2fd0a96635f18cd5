/* Thin wrappers around BLAS for square column-major complex matrices. */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

void _ng_zgemm(double complex *C, char ta, const double complex *A, char tb,
               const double complex *B, slong n)
{
    int m = (int)n;
    double complex one = 1.0, zero = 0.0;
    zgemm_(&ta, &tb, &m, &m, &m, &one, A, &m, B, &m, &zero, C, &m, 1, 1);
}

void _ng_dgemm(char ta, char tb, int m, int n, int k, const double *A, int lda,
               const double *B, int ldb, double *C, int ldc)
{
    double one = 1.0, zero = 0.0;
    dgemm_(&ta, &tb, &m, &n, &k, &one, A, &lda, B, &ldb, &zero, C, &ldc, 1, 1);
}

/* The rows of V U are independent, so [Re V; Im V] (2n × n) goes through one
 * product; the columns of Uᵀ W are, so [Re W, Im W] (n × 2n) goes through the
 * second.  A V without imaginary part takes the n × n products alone. */
void _ng_real_congruence(double complex *out, const double complex *V, const double *U,
                         int back, slong n, double *a, double *b)
{
    int m = (int)n, realv = 1;
    char t1 = back ? 'T' : 'N', t2 = back ? 'N' : 'T';
    for (slong k = 0; k < n * n && realv; k++)
        realv = cimag(V[k]) == 0.0;
    if (realv) {
        for (slong k = 0; k < n * n; k++)
            a[k] = creal(V[k]);
        _ng_dgemm('N', t1, m, m, m, a, m, U, m, b, m);
        _ng_dgemm(t2, 'N', m, m, m, U, m, b, m, a, m);
        for (slong k = 0; k < n * n; k++)
            out[k] = a[k];
        return;
    }
    for (slong j = 0; j < n; j++)
        for (slong i = 0; i < n; i++) {
            a[i + 2 * n * j] = creal(V[i + n * j]);
            a[n + i + 2 * n * j] = cimag(V[i + n * j]);
        }
    _ng_dgemm('N', t1, 2 * m, m, m, a, 2 * m, U, m, b, 2 * m);
    for (slong j = 0; j < n; j++)
        for (slong i = 0; i < n; i++) {
            a[i + n * j] = b[i + 2 * n * j];
            a[i + n * (n + j)] = b[n + i + 2 * n * j];
        }
    _ng_dgemm(t2, 'N', m, 2 * m, m, U, m, a, m, b, m);
    for (slong j = 0; j < n; j++)
        for (slong i = 0; i < n; i++)
            out[i + n * j] = b[i + n * j] + I * b[i + n * (n + j)];
}

void _ng_herm_pack(double *a, const double complex *V, const slong *perm, slong n)
{
    for (slong j = 0; j < n; j++) {
        slong pj = perm != NULL ? perm[j] : j;
        for (slong i = 0; i < n; i++) {
            slong pi = perm != NULL ? perm[i] : i;
            double complex x = V[pi + n * pj], y = V[pj + n * pi];
            a[i + n * j] = 0.5 * ((creal(x) + creal(y)) + (cimag(x) - cimag(y)));
        }
    }
}

void _ng_herm_unpack(double complex *out, const double *a, const slong *perm, slong n)
{
    for (slong j = 0; j < n; j++) {
        slong pj = perm != NULL ? perm[j] : j;
        for (slong i = 0; i < n; i++) {
            slong pi = perm != NULL ? perm[i] : i;
            double x = a[i + n * j], y = a[j + n * i];
            out[pi + n * pj] = 0.5 * (x + y) + I * (0.5 * (x - y));
        }
    }
}

void _ng_real_congruence_herm(double complex *out, const double complex *V, const double *U,
                              int back, slong n, double *a, double *b)
{
    int m = (int)n;
    char t1 = back ? 'T' : 'N', t2 = back ? 'N' : 'T';
    _ng_herm_pack(a, V, NULL, n);
    _ng_dgemm('N', t1, m, m, m, a, m, U, m, b, m);
    _ng_dgemm(t2, 'N', m, m, m, U, m, b, m, a, m);
    _ng_herm_unpack(out, a, NULL, n);
}

int _ng_dsyevd(double *a, double *e, slong d)
{
    int m = (int)d, lwork = -1, liwork = -1, info, iq;
    double q;
    dsyevd_("V", "L", &m, a, &m, e, &q, &lwork, &iq, &liwork, &info, 1, 1);
    lwork = (int)q;
    liwork = iq;
    double *work = malloc((size_t)lwork * sizeof(double));
    int *iwork = malloc((size_t)liwork * sizeof(int));
    if (work == NULL || iwork == NULL)
        info = -1000;
    else
        dsyevd_("V", "L", &m, a, &m, e, work, &lwork, iwork, &liwork, &info, 1, 1);
    free(work);
    free(iwork);
    return info;
}

double _ng_znorm1(const double complex *A, slong n)
{
    double best = 0.0;
    for (slong j = 0; j < n; j++) {
        double s = 0.0;
        for (slong i = 0; i < n; i++)
            s += cabs(A[i + j * n]);
        if (s > best)
            best = s;
    }
    return best;
}
