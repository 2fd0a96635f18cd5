/* Throughput of operator products and commutators (src/op/mul.c).
 *
 * A and B are random sums of Pauli strings on N sites: every site of every
 * string gets a uniformly random letter of {σ^0, σ^x, σ^y, σ^z}, and every
 * coefficient is p/q with p uniform in [-100, 100] \ {0}, q in [1, 100]
 * (as an exact fmpq, or as a 128-bit ball enclosing p/q).  Strings are drawn
 * until the canonical operator has the wanted number of distinct terms (at
 * most 4^N / 2: on 8 sites "10^5 terms" are 32768).  "pairs" is |A|·|B|, the string
 * products the generate → sort → merge algorithm forms; pairs/s is the figure of merit.
 *
 *   bench_op            the full table
 *   bench_op --quick    sizes ÷ 10, for a smoke test */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "nessgen/op.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static void random_sum(ng_op_t A, flint_rand_t state, slong len, int nsites,
                       const ng_ring_t R)
{
    ng_ptr c = ng_elem_new(R);
    fmpq_t q;
    double space = 1.0;
    fmpq_init(q);
    for (int l = 0; l < nsites && space < 1e18; l++)
        space *= 4;
    if (len > space / 2) /* half the strings: random draws still find new ones */
        len = (slong)(space / 2);
    ng_op_zero(A, R);
    A->nsites = nsites;
    A->basis = NG_PAULI;
    while (A->length < len) {
        for (slong k = A->length; k < len; k++) {
            ng_string s = {0, 0};
            for (int l = 0; l < nsites; l++)
                ng_string_set_letter(&s, l, (int)n_randint(state, 4));
            fmpq_set_si(q, 1 + (slong)n_randint(state, 100), 1 + n_randint(state, 100));
            if (n_randint(state, 2))
                fmpq_neg(q, q);
            ng_elem_set_fmpq(c, q, R);
            ng_op_push(A, s, 0, c, R);
        }
        ng_op_canonicalise(A, R);
    }
    fmpq_clear(q);
    ng_elem_free(c, R);
}

typedef void (*binary_op)(ng_op_t, const ng_op_t, const ng_op_t, const ng_ring_t);

/* Best of at least two calls of C = op(A, B), repeating until 0.5 s have
 * passed: the minimum is the least disturbed by other load on the machine. */
static double time_op(binary_op f, ng_op_t C, const ng_op_t A, const ng_op_t B,
                      const ng_ring_t R)
{
    double start = now(), best = 1e300;
    int reps = 0;
    while (reps < 2 || now() - start < 0.5) {
        double t0 = now(), t;
        f(C, A, B, R);
        t = now() - t0;
        best = t < best ? t : best;
        reps++;
    }
    return best;
}

int main(int argc, char **argv)
{
    static const int sites[] = {8, 16, 32};
    static const slong pairs[][2] = {{1000, 10}, {10000, 10}, {100000, 10}, {1000, 1000}};
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    flint_rand_t state;
    flint_randinit(state);

    printf(
        "A, B: random sums of Pauli strings on N sites (uniform letters on every site),\n"
        "coefficients +-p/q, 1 <= p, q <= 100.  mul: C = A*B;  comm: C = [A, B].\n"
        "pairs = |A|*|B| string products formed; %s\n\n",
        quick ? "--quick: sizes / 10" : "full sizes");
    printf("%-5s %3s %-5s %8s %6s %10s %10s %10s %12s\n", "ring", "N", "op", "|A|", "|B|",
           "pairs", "terms out", "seconds", "pairs/s");
    for (int kind = 0; kind < 2; kind++) {
        ng_ring_t R;
        if (kind == 0)
            ng_ring_init_qq(R);
        else
            ng_ring_init_ball(R, 128);
        for (size_t n = 0; n < sizeof sites / sizeof *sites; n++) {
            for (size_t p = 0; p < sizeof pairs / sizeof *pairs; p++) {
                ng_op_t A, B, C;
                slong la = pairs[p][0], lb = pairs[p][1];
                if (quick)
                    la = FLINT_MAX(la / 10, 1), lb = FLINT_MAX(lb / 10, 1);
                ng_op_init(A, sites[n], NG_PAULI, R);
                ng_op_init(B, sites[n], NG_PAULI, R);
                ng_op_init(C, sites[n], NG_PAULI, R);
                random_sum(A, state, la, sites[n], R);
                random_sum(B, state, lb, sites[n], R);
                for (int which = 0; which < 2; which++) {
                    double s = time_op(which ? ng_op_commutator : ng_op_mul, C, A, B, R);
                    double np = (double)A->length * (double)B->length;
                    printf("%-5s %3d %-5s %8ld %6ld %10.0f %10ld %10.4f %12.3g\n",
                           kind ? "ball" : "QQ", sites[n], which ? "comm" : "mul",
                           (long)A->length, (long)B->length, np, (long)C->length, s,
                           np / s);
                    fflush(stdout);
                }
                ng_op_clear(A, R), ng_op_clear(B, R), ng_op_clear(C, R);
            }
        }
        ng_ring_clear(R);
    }
    flint_randclear(state);
    flint_cleanup();
    return 0;
}
