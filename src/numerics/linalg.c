/* Thin wrappers around BLAS for square column-major complex matrices. */
#include <math.h>

#include "internal.h"

void _ng_zgemm(double complex *C, char ta, const double complex *A, char tb,
               const double complex *B, slong n)
{
    int m = (int)n;
    double complex one = 1.0, zero = 0.0;
    zgemm_(&ta, &tb, &m, &m, &m, &one, A, &m, B, &m, &zero, C, &m, 1, 1);
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
