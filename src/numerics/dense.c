/* ng_ness_solve_dense: the reference route — the bordered Liouvillian
 * A ρ = Lρ + Tr(ρ) 1/2^N as a dense 4^N × 4^N matrix, LU-factorised. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

ng_status ng_ness_solve_dense(ng_ness_t S, const ng_ness_model_t D, double lambda)
{
    slong n = D->n, len = n * n;
    int m = (int)len, one = 1, info;
    double anorm, rcond;
    if (!(lambda > 0.0) || !isfinite(lambda))
        return ng_error(NG_EINPUT, "--lambda: expected a finite number > 0, got %g", lambda);
    if (D->N > NG_NESS_DENSE_MAX_N)
        return ng_error(NG_EINPUT, "ness: the dense reference solver takes N <= %d, got %d",
                        NG_NESS_DENSE_MAX_N, D->N);
    double complex *A = malloc((size_t)(len * len) * sizeof(double complex));
    double complex *e = calloc((size_t)len, sizeof(double complex));
    double complex *tmp = malloc((size_t)len * sizeof(double complex));
    int *ipiv = malloc((size_t)len * sizeof(int));
    for (slong k = 0; k < len; k++) {
        double complex *col = A + k * len;
        e[k] = 1.0;
        _ng_ness_apply_l(col, e, lambda, D, tmp);
        if (k % (n + 1) == 0) /* e_k is a diagonal entry: Tr e_k = 1 */
            for (slong i = 0; i < n; i++)
                col[i + n * i] += 1.0 / (double)n;
        e[k] = 0.0;
    }
    anorm = 0.0;
    for (slong k = 0; k < len; k++) {
        double s = 0.0;
        for (slong i = 0; i < len; i++)
            s += cabs(A[i + k * len]);
        anorm = fmax(anorm, s);
    }
    ng_ness_clear(S);
    S->N = D->N;
    S->n = n;
    S->lambda = lambda;
    S->rho = calloc((size_t)len, sizeof(double complex));
    for (slong i = 0; i < n; i++)
        S->rho[i + n * i] = 1.0 / (double)n;
    zgetrf_(&m, &m, A, &m, ipiv, &info);
    if (info == 0) {
        double complex *work = malloc((size_t)(2 * len) * sizeof(double complex));
        double *rwork = malloc((size_t)(2 * len) * sizeof(double));
        zgecon_("1", &m, A, &m, &anorm, &rcond, work, rwork, &info, 1);
        zgetrs_("N", &m, &one, A, &m, ipiv, S->rho, &m, &info, 1);
        free(work);
        free(rwork);
    }
    free(A);
    free(e);
    free(tmp);
    free(ipiv);
    if (info != 0)
        return ng_error(NG_ECOMPUTE, "ness: the bordered Liouvillian is singular (the "
                                     "steady state is not unique)");
    S->iterations = 0;
    S->converged = 1;
    S->slow_dim = len;
    S->method = "dense-lu";
    _ng_ness_finish(S, D, anorm, 1.0 / (rcond * anorm));
    return NG_OK;
}
