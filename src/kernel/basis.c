/* The Hermitian basis of Ker L0 (Sect. IV A, Eqs. 72–83). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/kernel.h"

void ng_kernel_dim(fmpz_t dim, int N)
{
    fmpz_bin_uiui(dim, 2 * N, N);
}

void ng_kernel_sector_dim(fmpz_t dim, int N, int k)
{
    fmpz_bin_uiui(dim, N, k);
    fmpz_mul(dim, dim, dim);
}

/* Strings with k ladder letters: C(N,k) C(k,k/2) 2^{N−k} balanced ones, half
 * of them representatives, each giving A and B with 2^{k−1} Pauli terms. */
double ng_kernel_basis_bytes(int N, const ng_ring_t R)
{
    double per_term = sizeof(ng_key) + ng_ring_elem_size(R) + 16.0;
    double per_element = sizeof(ng_op_struct) + 96.0; /* plus names */
    double terms = ldexp(1.0, N), elements = ldexp(1.0, N);
    for (int k = 2; k <= N; k += 2) {
        double strings = exp(lgamma(N + 1.0) - lgamma(k + 1.0) - lgamma(N - k + 1.0) +
                             lgamma(k + 1.0) - 2 * lgamma(k / 2 + 1.0)) *
                         ldexp(1.0, N - k);
        elements += strings;
        terms += strings * ldexp(1.0, k - 1);
    }
    return elements * per_element + terms * per_term;
}

typedef struct {
    ng_string s;
    int k;
} ladder_rep;

static int rep_cmp(const void *pa, const void *pb)
{
    const ladder_rep *a = pa, *b = pb;
    int wa = ng_string_weight(a->s), wb = ng_string_weight(b->s);
    if (a->k != b->k)
        return a->k - b->k;
    if (wa != wb)
        return wa - wb;
    if (a->s.x != b->s.x)
        return a->s.x < b->s.x ? -1 : 1;
    if (a->s.z != b->s.z)
        return a->s.z < b->s.z ? -1 : 1;
    return 0;
}

/* Balanced ladder strings whose first ladder letter is σ^+ (one per pair s, s†),
 * and all diagonal strings. */
static void enumerate(ladder_rep **reps, slong *n, slong *alloc, ng_string s, int l,
                      int N, int charge, int k)
{
    static const int letters[4] = {NG_L0, NG_LZ, NG_LPLUS, NG_LMINUS};
    if (l == N) {
        if (charge != 0)
            return;
        if (*n == *alloc) {
            *alloc = 2 * *alloc + 16;
            *reps = flint_realloc(*reps, *alloc * sizeof(ladder_rep));
        }
        (*reps)[*n].s = s;
        (*reps)[(*n)++].k = k;
        return;
    }
    if (abs(charge) > N - l)
        return;
    for (int i = 0; i < 4; i++) {
        int letter = letters[i];
        int off = letter == NG_LPLUS || letter == NG_LMINUS;
        if (k == 0 && letter == NG_LMINUS)
            continue; /* representative: σ^+ comes first */
        ng_string_set_letter(&s, l, letter);
        enumerate(reps, n, alloc, s, l + 1, N,
                  charge + (letter == NG_LPLUS) - (letter == NG_LMINUS), k + off);
    }
}

static void append_str(char *buf, size_t size, const char *s)
{
    strncat(buf, s, size - strlen(buf) - 1);
}

static void diagonal_names(char *text, char *latex, size_t size, ng_string s, int N)
{
    text[0] = latex[0] = '\0';
    append_str(latex, size, "\\sigma^{");
    for (int l = 0; l < N; l++) {
        int z = ng_string_get_letter(s, l) == NG_LZ;
        char site[16];
        append_str(latex, size, z ? "z" : "0");
        if (z) {
            snprintf(site, sizeof site, "%sZ%d", text[0] ? " " : "", l + 1);
            append_str(text, size, site);
        }
    }
    append_str(latex, size, "}");
    if (text[0] == '\0')
        append_str(text, size, "I");
}

/* σ^z factors left of the last ladder site come before ρ, the rest after
 * (the paper's σ^z_{l−1}ρ^A_{l,l+1}, σ^z_lρ^A_{l−1,l+1}, ρ^A_{l,l+1}σ^z_{l+2}). */
static void offdiagonal_names(char *text, char *latex, size_t size, ng_string s, int N,
                              int k, char kind)
{
    char t_rho[256] = "", l_rho[256] = "", t_pre[256] = "", l_pre[256] = "";
    char t_post[256] = "", l_post[256] = "", buf[64];
    int last = 63 - __builtin_clzll(s.x), first_ladder = 1;
    snprintf(t_rho, sizeof t_rho, "%c(", kind);
    snprintf(l_rho, sizeof l_rho, "\\rho^{\\mathrm{%c}}_{", kind);
    for (int l = 0; l < N; l++) {
        int letter = ng_string_get_letter(s, l);
        if (letter == NG_LZ) {
            int pre = l < last;
            snprintf(buf, sizeof buf, "Z%d ", l + 1);
            append_str(pre ? t_pre : t_post, sizeof t_pre, buf);
            snprintf(buf, sizeof buf, "\\sigma^z_{%d}", l + 1);
            append_str(pre ? l_pre : l_post, sizeof l_pre, buf);
        } else if (letter != NG_L0) {
            const char *sign = k == 2 ? "" : (letter == NG_LPLUS ? "+" : "-");
            snprintf(buf, sizeof buf, "%s%d%s", first_ladder ? "" : ",", l + 1, sign);
            append_str(t_rho, sizeof t_rho, buf);
            if (k == 2)
                snprintf(buf, sizeof buf, "%s%d", first_ladder ? "" : ",", l + 1);
            else
                snprintf(buf, sizeof buf, "%s%d^{%s}", first_ladder ? "" : ",", l + 1,
                         sign);
            append_str(l_rho, sizeof l_rho, buf);
            first_ladder = 0;
        }
    }
    append_str(t_rho, sizeof t_rho, ")");
    append_str(l_rho, sizeof l_rho, "}");
    snprintf(text, size, "%s%s%s%s", t_pre, t_rho, t_post[0] ? " " : "", t_post);
    if (t_post[0])
        text[strlen(text) - 1] = '\0'; /* trailing blank of the last factor */
    snprintf(latex, size, "%s%s%s", l_pre, l_rho, l_post);
}

/* A[s] = 2^{k−1}(s + s†), B[s] = 2^{k−1} i (s − s†), converted to Pauli strings. */
static void build_ab(ng_op_t res, ng_string s, int N, int k, int is_b, const ng_ring_t R)
{
    ng_op_t T;
    ng_ptr c = ng_elem_new(R);
    ng_op_init(T, N, NG_LADDER, R);
    ng_elem_one(c, R);
    ng_elem_mul_2exp_si(c, c, k - 1, R);
    ng_op_push_phase(T, s, is_b, c, R);
    ng_op_push_phase(T, ng_string_ladder_adjoint(s), is_b ? 3 : 0, c, R);
    ng_op_canonicalise(T, R);
    ng_op_to_pauli(res, T, R);
    ng_op_clear(T, R);
    ng_elem_free(c, R);
}

ng_status ng_kernel_basis(ng_named_basis_t B, int N, const ng_ring_t R)
{
    ladder_rep *reps = NULL;
    slong n = 0, alloc = 0;
    ng_string zero = {0, 0};
    char text[1024], latex[2048];
    ng_op_t op;

    if (N < 1 || N > NG_MAX_SITES)
        return ng_error(NG_EINPUT, "N = %d: expected 1 <= N <= %d", N, NG_MAX_SITES);
    enumerate(&reps, &n, &alloc, zero, 0, N, 0, 0);
    qsort(reps, n, sizeof(ladder_rep), rep_cmp);
    ng_op_init(op, N, NG_PAULI, R);
    for (slong i = 0; i < n; i++) {
        if (reps[i].k == 0) {
            ng_op_zero(op, R);
            ng_op_push_si(op, reps[i].s, 0, 1, R);
            diagonal_names(text, latex, sizeof text, reps[i].s, N);
            ng_named_basis_append(B, op, text, latex, NG_KER_DIAGONAL, R);
            continue;
        }
        for (int is_b = 0; is_b < 2; is_b++) {
            build_ab(op, reps[i].s, N, reps[i].k, is_b, R);
            offdiagonal_names(text, latex, sizeof text, reps[i].s, N, reps[i].k,
                              is_b ? 'B' : 'A');
            ng_named_basis_append(B, op, text, latex, is_b ? NG_KER_B : NG_KER_A, R);
        }
    }
    ng_op_clear(op, R);
    flint_free(reps);
    return NG_OK;
}
