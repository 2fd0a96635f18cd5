/* nessgen hierarchy: the N-spin local hierarchy of Sect. IV C (Eqs. 121–150)
 * derived from the operator algebra, a second route to Eq. 150 through the
 * total spin current, and the comparison with the printed equations. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nessgen/hierarchy.h"

#define NMAX_SUM 8 /* the telescoped sum is derived for N = 3 … NMAX_SUM */

/* One model on N sites with symbols t1..tN. */
typedef struct {
    ng_model_t M;
    ng_superop_ctx_t L;
    ng_ptr t;
    int ready;
} chain;

static ng_status add_site_symbols(ng_model_spec *spec, int N)
{
    char names[64][16];
    const char *ptrs[64];
    for (int l = 0; l < N; l++) {
        snprintf(names[l], sizeof names[l], "t%d", l + 1);
        ptrs[l] = names[l];
    }
    return ng_model_spec_add_symbols(spec, ptrs, N);
}

/* paper_bath: α_1^z = −α_zz t_L, α_N^z = −α_zz t_R (the bath coupling of the
 * same form as the spin-spin coupling, used for Eq. 150). */
static ng_status chain_init(chain *C, const ng_model_spec *given, int N, int paper_bath)
{
    ng_model_spec *spec = ng_model_spec_new();
    char buf[16];
    ng_status st = NG_OK;
    C->ready = 0;
    if (given == NULL || paper_bath) {
        st = ng_model_spec_set_preset(spec, "generic");
        if (st == NG_OK && paper_bath) {
            const char *keys[6] = {"XL_x", "XL_y", "XL_z", "XR_x", "XR_y", "XR_z"};
            const char *vals[6] = {"xL_x", "xL_y", "-alpha_zz*tL", "xR_x", "xR_y",
                                   "-alpha_zz*tR"};
            for (int i = 0; i < 6 && st == NG_OK; i++)
                st = ng_model_spec_set(spec, keys[i], vals[i]);
        }
    } else {
        ng_model_spec_free(spec);
        spec = NULL;
    }
    ng_model_spec *use = spec != NULL ? spec : (ng_model_spec *)given;
    snprintf(buf, sizeof buf, "%d", N);
    if (st == NG_OK)
        st = ng_model_spec_set_symbolic_defaults(use);
    if (st == NG_OK)
        st = ng_model_spec_set(use, "N", buf);
    if (st == NG_OK)
        st = add_site_symbols(use, N);
    if (st == NG_OK)
        st = ng_model_resolve(C->M, use, 64);
    if (spec != NULL)
        ng_model_spec_free(spec);
    if (st != NG_OK)
        return st;
    if (C->M->R->kind != NG_QQ_PARAMS) {
        ng_model_clear(C->M);
        return ng_error(NG_EINPUT, "hierarchy: the derivation is symbolic; give rational "
                                   "values or symbols (e.g. --tL tL instead of --TL 3/2)");
    }
    ng_superop_ctx_init(C->L, C->M);
    C->t = ng_vec_init(N, C->M->R);
    for (int l = 0; l < N; l++) {
        snprintf(buf, sizeof buf, "t%d", l + 1);
        ng_elem_gen(ng_vec_entry(C->t, l, C->M->R), ng_ring_param_index(C->M->R, buf),
                    C->M->R);
    }
    C->ready = 1;
    return NG_OK;
}

static void chain_clear(chain *C)
{
    if (!C->ready)
        return;
    ng_vec_clear(C->t, C->M->N, C->M->R);
    ng_superop_ctx_clear(C->L);
    ng_model_clear(C->M);
    C->ready = 0;
}

/* A derived window equation: bulk (l−1..l+2), left edge (1..3), right edge
 * (N−2..N), on a 4-site chain. */
typedef struct {
    const char *name;       /* "bulk", "left", "right" */
    ng_hier_labels labels;
    ng_hier_bond_t E;
    ng_hier_terms_t comp[6]; /* ρ^B, ρ^A, ρ^C, σ^0z+σ^z0, σ^zz, σ^00 components */
    int other_zero;          /* σ^00, σ^zz, σ^0z+σ^z0 components vanish */
    slong nallowed, ncontrib;
} window_eq;

static const int comp_index[6] = {NG_HIER_RHOB,  NG_HIER_RHOA, NG_HIER_RHOC,
                                  NG_HIER_SZSUM, NG_HIER_SZZ,  NG_HIER_S00};
static const char *const comp_name[6] = {"B", "A", "C", "(s0z+sz0)", "szz", "s00"};
static const char *const comp_latex[6] = {"\\rho^{\\mathrm{B}}", "\\rho^{\\mathrm{A}}",
                                          "\\rho^{\\mathrm{C}}",
                                          "(\\sigma^{0z}+\\sigma^{z0})", "\\sigma^{zz}",
                                          "\\sigma^{00}"};

static ng_status window_derive(window_eq *W, const char *name, const chain *C)
{
    const ng_ring_struct *R = C->M->R;
    int l, first, last, baths;
    uint64_t bonds;
    ng_hier_unknowns_t U;
    ng_status st;
    W->name = name;
    if (strcmp(name, "bulk") == 0) {
        l = 1, first = 0, last = 3, bonds = 7, baths = 0; /* Eq. 125 */
        W->labels = NG_HIER_FROM_BOND;
    } else if (strcmp(name, "left") == 0) {
        l = 0, first = 0, last = 2, bonds = 3, baths = 1; /* Eq. 134 */
        W->labels = NG_HIER_ABSOLUTE;
    } else {
        l = 2, first = 1, last = 3, bonds = 6, baths = 2; /* its mirror image */
        W->labels = NG_HIER_FROM_END;
    }
    ng_hier_unknowns_init(U);
    st = ng_hier_unknowns_window(U, first, last, C->M->N, W->labels, l, R);
    W->nallowed = U->length;
    {
        ng_status st2 = ng_hier_bond_init(W->E, l, bonds, baths, U, C->t, C->L);
        if (st == NG_OK)
            st = st2;
    }
    ng_hier_unknowns_clear(U, R);
    W->ncontrib = 0;
    for (slong i = 0; i < W->E->U->length; i++)
        W->ncontrib += ng_hier_bond_contributes(W->E, i, R);
    W->other_zero = 1;
    for (int c = 0; c < 6; c++) {
        ng_hier_terms_init(W->comp[c]);
        if (st == NG_OK)
            st = ng_hier_bond_terms(W->comp[c], W->E, comp_index[c], C->t, W->labels, C->L);
    }
    for (int c = 3; c < 6 && st == NG_OK; c++)
        if (W->comp[c]->length > 0)
            W->other_zero = 0;
    return st;
}

static void window_clear(window_eq *W, const ng_ring_t R)
{
    for (int c = 0; c < 6; c++)
        ng_hier_terms_clear(W->comp[c], R);
    ng_hier_bond_clear(W->E, R);
}

/* ---- names ------------------------------------------------------------ */

/* "cA[l-1*,l,l+1]" → c^{\mathrm{A}}_{\overline{l-1},l,l+1}; "t[l]" → t_{l};
 * "<cA[1*,2,3]>" → \langle\sigma^z_{1}\rho^{\mathrm{A}}_{2,3}\rangle. */
static void key_latex(char *out, size_t size, const char *key)
{
    char kind[8] = "", inner[128], *tok, *save = NULL;
    const char *open = strchr(key, '['), *close = strrchr(key, ']');
    int expect = key[0] == '<';
    char labs[4][32], pre[160] = "", post[160] = "", rho[96] = "";
    int stars[4], n = 0, last_ladder = -1;
    if (open == NULL || close == NULL) {
        snprintf(out, size, "%s", key);
        return;
    }
    snprintf(inner, sizeof inner, "%.*s", (int)(close - open - 1), open + 1);
    if (key[expect] == 't') {
        snprintf(out, size, "t_{%s}", inner);
        return;
    }
    snprintf(kind, sizeof kind, "%.*s", (int)FLINT_MIN(open - key - 1 - expect, 7),
             key + 1 + expect);
    for (tok = strtok_r(inner, ",", &save); tok != NULL && n < 4;
         tok = strtok_r(NULL, ",", &save), n++) {
        size_t len = strlen(tok);
        stars[n] = len > 0 && tok[len - 1] == '*';
        if (stars[n])
            tok[len - 1] = '\0';
        snprintf(labs[n], sizeof labs[n], "%s", tok);
        if (!stars[n])
            last_ladder = n;
    }
    if (!expect) {
        snprintf(out, size, "c^{\\mathrm{%s}}_{", kind);
        for (int i = 0; i < n; i++) {
            char b[160];
            snprintf(b, sizeof b, stars[i] ? "%s\\overline{%s}" : "%s%s", i ? "," : "", labs[i]);
            strncat(out, b, size - strlen(out) - 1);
        }
        strncat(out, "}", size - strlen(out) - 1);
        return;
    }
    for (int i = 0; i < n; i++) {
        char b[64];
        if (stars[i] || strcmp(kind, "Z") == 0) {
            snprintf(b, sizeof b, "\\sigma^z_{%s}", labs[i]);
            strncat(i < last_ladder || strcmp(kind, "Z") == 0 ? pre : post, b, 159);
        } else {
            snprintf(b, sizeof b, "%s%s", rho[0] ? "," : "", labs[i]);
            strncat(rho, b, sizeof rho - strlen(rho) - 1);
        }
    }
    if (strcmp(kind, "Z") == 0)
        snprintf(out, size, "\\langle %s\\rangle", pre);
    else
        snprintf(out, size, "\\langle %s\\rho^{\\mathrm{%s}}_{%s}%s\\rangle", pre, kind, rho,
                 post);
}

/* Coefficient text: a multiple q·α_+ with q simpler is written so. */
static char *coefficient_str(ng_srcptr c, const chain *C, int latex, int *is_sum)
{
    const ng_ring_struct *R = C->M->R;
    ng_ptr ap = ng_elem_new(R), q = ng_elem_new(R);
    char *s, *res;
    ng_model_alpha_plus(ap, C->M);
    if (ng_elem_is_zero(ap, R) == T_FALSE && ng_elem_div(q, c, ap, R)) {
        const fmpz_mpoly_q_struct *qf = q, *cf = c;
        if (fmpz_mpoly_length(fmpz_mpoly_q_numref(qf), R->mctx) <
                fmpz_mpoly_length(fmpz_mpoly_q_numref(cf), R->mctx) ||
            fmpz_mpoly_length(fmpz_mpoly_q_denref(qf), R->mctx) <
                fmpz_mpoly_length(fmpz_mpoly_q_denref(cf), R->mctx)) {
            s = latex ? ng_elem_get_latex(q, 10, R) : ng_elem_get_str(q, 10, R);
            res = flint_malloc(strlen(s) + 32);
            if (strcmp(s, "1") == 0)
                sprintf(res, "%s", latex ? "\\alpha_+" : "alpha_+");
            else if (strcmp(s, "-1") == 0)
                sprintf(res, "-%s", latex ? "\\alpha_+" : "alpha_+");
            else
                sprintf(res, latex ? "\\left(%s\\right)\\alpha_+" : "(%s)*alpha_+", s);
            flint_free(s);
            *is_sum = 0;
            ng_elem_free(ap, R);
            ng_elem_free(q, R);
            return res;
        }
    }
    s = latex ? ng_elem_get_latex(c, 10, R) : ng_elem_get_str(c, 10, R);
    *is_sum = strpbrk(s + 1, "+-") != NULL;
    ng_elem_free(ap, R);
    ng_elem_free(q, R);
    return s;
}

static void print_terms(FILE *out, const ng_hier_terms_t T, const chain *C, int latex,
                        int skip_first)
{
    int first = 1;
    for (slong i = 0; i < T->length; i++) {
        int is_sum;
        char name[256], *cs, *term;
        if (i < skip_first || ng_elem_is_exact_zero(ng_vec_srcentry(T->coeffs, i, C->M->R),
                                                    C->M->R))
            continue;
        cs = coefficient_str(ng_vec_srcentry(T->coeffs, i, C->M->R), C, latex, &is_sum);
        if (latex)
            key_latex(name, sizeof name, T->keys[i]);
        else
            snprintf(name, sizeof name, "%s", T->keys[i]);
        term = ng_term_get_str(cs, is_sum, name, first, latex);
        fputs(term, out);
        flint_free(term);
        flint_free(cs);
        first = 0;
    }
    if (first)
        fputs("0", out);
}

/* Site of a t key, evaluated at a large sample chain to order keys. */
static int key_site(const char *key)
{
    char abs[64];
    if (ng_hier_key_absolute(abs, sizeof abs, key, 10, 100) != NG_OK)
        return -1;
    return atoi(abs + 2);
}

/* The "= 0" equation T divided by the coefficient of its later t (Eqs.
 * 143–148 are solved for t_{l+1} − t_l); S[0] is that t with coefficient 1. */
static void solved_terms(ng_hier_terms_t S, const ng_hier_terms_t T, const ng_ring_t R)
{
    ng_ptr f = ng_elem_new(R), x = ng_elem_new(R);
    slong lead = -1;
    for (slong i = 0; i < T->length; i++)
        if (T->keys[i][0] == 't' && (lead < 0 || key_site(T->keys[i]) > key_site(T->keys[lead])))
            lead = i;
    if (lead < 0 || !ng_elem_div(f, ng_vec_srcentry(T->coeffs, lead, R),
                                 ng_vec_srcentry(T->coeffs, lead, R), R)) {
        ng_elem_free(f, R);
        ng_elem_free(x, R);
        return;
    }
    ng_elem_one(x, R);
    ng_hier_terms_add(S, T->keys[lead], x, R);
    for (slong i = 0; i < T->length; i++) {
        if (i == lead)
            continue;
        ng_elem_div(x, ng_vec_srcentry(T->coeffs, i, R), ng_vec_srcentry(T->coeffs, lead, R),
                    R);
        ng_hier_terms_add(S, T->keys[i], x, R);
    }
    ng_elem_free(f, R);
    ng_elem_free(x, R);
}

/* Prints a solved form "t_a - t_b = rest" from S of solved_terms (S[0] = t_a,
 * the other t key with coefficient −1 goes left, the rest is negated). */
static void print_solved(FILE *out, const ng_hier_terms_t S, const chain *C, int latex)
{
    const ng_ring_struct *R = C->M->R;
    ng_hier_terms_t rest;
    ng_ptr m = ng_elem_new(R);
    char a[64], b[64] = "";
    ng_hier_terms_init(rest);
    for (slong i = 1; i < S->length; i++) {
        if (S->keys[i][0] == 't' && b[0] == '\0') {
            if (latex)
                key_latex(b, sizeof b, S->keys[i]);
            else
                snprintf(b, sizeof b, "%s", S->keys[i]);
            continue;
        }
        ng_elem_neg(m, ng_vec_srcentry(S->coeffs, i, R), R);
        ng_hier_terms_add(rest, S->keys[i], m, R);
    }
    if (latex)
        key_latex(a, sizeof a, S->keys[0]);
    else
        snprintf(a, sizeof a, "%s", S->keys[0]);
    fprintf(out, "%s - %s = ", a, b);
    print_terms(out, rest, C, latex, 0);
    ng_hier_terms_clear(rest, R);
    ng_elem_free(m, R);
}

/* ---- the telescoped sum, Eqs. 149–150 ---------------------------------- */

/* Groups the terms of a derived sum on an N-chain into translation classes:
 * a class that occupies every position with one coefficient becomes a Σ_l
 * term (labels relative to the centre l), the others stay single terms
 * (labels from the nearer end).  Writes the general-N text. */
typedef struct {
    char pattern[96]; /* key with labels relative to l */
    int sum;          /* 1: Σ_{l=lo}^{N-hi} */
    int lo, hi;
    slong coeff;      /* index into the source terms (its coefficient) */
} general_term;

static int parse_key_sites(int *sites, int *stars, char *kind, const char *key)
{
    const char *open = strchr(key, '['), *p;
    int n = 0, expect = key[0] == '<';
    snprintf(kind, 8, "%.*s", (int)FLINT_MIN(open - key - expect, 7), key + expect);
    for (p = open + 1; *p && *p != ']' && n < 4; n++) {
        char *end;
        sites[n] = (int)strtol(p, &end, 10);
        stars[n] = *end == '*';
        p = end + stars[n];
        while (*p == '+' || *p == '-')
            p++;
        if (*p == ',')
            p++;
    }
    return n;
}

static slong general_form(general_term *G, const ng_hier_terms_t T, int N, const ng_ring_t R)
{
    slong ng = 0;
    int *done = flint_calloc(T->length + 1, sizeof(int));
    for (slong i = 0; i < T->length; i++) {
        int sites[4], stars[4], n, w, m, expect = T->keys[i][0] == '<';
        char kind[8];
        slong count = 0;
        int uniform = 1;
        if (done[i])
            continue;
        if (strchr(T->keys[i], '[') == NULL || T->keys[i][expect] == 't') {
            /* t keys: write from the nearer end */
            int s = key_site(T->keys[i]);
            (void)s;
            snprintf(G[ng].pattern, sizeof G[ng].pattern, "%s", T->keys[i]);
            if (strcmp(T->keys[i], "t[1]") != 0)
                snprintf(G[ng].pattern, sizeof G[ng].pattern, "t[N]");
            G[ng].sum = 0;
            G[ng++].coeff = i;
            done[i] = 1;
            continue;
        }
        n = parse_key_sites(sites, stars, kind, T->keys[i]);
        w = sites[n - 1] - sites[0] + 1;
        /* the class: same kind, same offsets and stars */
        for (slong j = 0; j < T->length; j++) {
            int s2[4], st2[4], n2, same;
            char k2[8];
            if (T->keys[j][0] != T->keys[i][0] || strchr(T->keys[j], '[') == NULL ||
                T->keys[j][expect] == 't')
                continue;
            n2 = parse_key_sites(s2, st2, k2, T->keys[j]);
            same = n2 == n && strcmp(k2, kind) == 0;
            for (int a = 0; same && a < n; a++)
                same = s2[a] - s2[0] == sites[a] - sites[0] && st2[a] == stars[a];
            if (!same)
                continue;
            count++;
            if (ng_elem_equal(ng_vec_srcentry(T->coeffs, j, R), ng_vec_srcentry(T->coeffs, i, R),
                              R) != T_TRUE)
                uniform = 0;
        }
        if (uniform && count == N - w + 1 && N - w + 1 > 1) {
            int centre = (w - 1) / 2;
            char buf[96];
            snprintf(buf, sizeof buf, "%s%s[", expect ? "<" : "", kind);
            for (int a = 0; a < n; a++) {
                char lab[24];
                int o = sites[a] - sites[0] - centre;
                if (o == 0)
                    snprintf(lab, sizeof lab, "l");
                else
                    snprintf(lab, sizeof lab, "l%+d", o);
                strcat(buf, a ? "," : "");
                strcat(buf, lab);
                if (stars[a])
                    strcat(buf, "*");
            }
            strcat(buf, expect ? "]>" : "]");
            snprintf(G[ng].pattern, sizeof G[ng].pattern, "%s", buf);
            G[ng].sum = 1;
            G[ng].lo = 1 + centre;
            G[ng].hi = w - 1 - centre;
            G[ng++].coeff = i;
            for (slong j = 0; j < T->length; j++) {
                int s2[4], st2[4], n2, same;
                char k2[8];
                if (T->keys[j][0] != T->keys[i][0] || strchr(T->keys[j], '[') == NULL ||
                    T->keys[j][expect] == 't')
                    continue;
                n2 = parse_key_sites(s2, st2, k2, T->keys[j]);
                same = n2 == n && strcmp(k2, kind) == 0;
                for (int a = 0; same && a < n; a++)
                    same = s2[a] - s2[0] == sites[a] - sites[0] && st2[a] == stars[a];
                if (same)
                    done[j] = 1;
            }
            continue;
        }
        /* a single term, labelled from the nearer end */
        m = sites[0];
        {
            char buf[96];
            int from_end = sites[n - 1] == N && m != 1;
            snprintf(buf, sizeof buf, "%s%s[", expect ? "<" : "", kind);
            for (int a = 0; a < n; a++) {
                char lab[24];
                if (from_end && sites[a] != N)
                    snprintf(lab, sizeof lab, "N%+d", sites[a] - N);
                else if (from_end)
                    snprintf(lab, sizeof lab, "N");
                else
                    snprintf(lab, sizeof lab, "%d", sites[a]);
                strcat(buf, a ? "," : "");
                strcat(buf, lab);
                if (stars[a])
                    strcat(buf, "*");
            }
            strcat(buf, expect ? "]>" : "]");
            snprintf(G[ng].pattern, sizeof G[ng].pattern, "%s", buf);
        }
        G[ng].sum = 0;
        G[ng++].coeff = i;
        done[i] = 1;
    }
    flint_free(done);
    return ng;
}

static void print_general(FILE *out, const general_term *G, slong ng, const ng_hier_terms_t T,
                          const chain *C, int latex)
{
    int first = 1;
    for (slong g = 0; g < ng; g++) {
        int is_sum;
        char name[8192], lat[256], *cs, *term;
        if (strncmp(G[g].pattern, "t[", 2) == 0)
            continue;
        cs = coefficient_str(ng_vec_srcentry(T->coeffs, G[g].coeff, C->M->R), C, latex, &is_sum);
        if (latex)
            key_latex(lat, sizeof lat, G[g].pattern);
        if (G[g].sum)
            snprintf(name, sizeof name,
                     latex ? "\\sum_{l=%d}^{N-%d} %s" : "sum_{l=%d}^{N-%d} %s", G[g].lo,
                     G[g].hi, latex ? lat : G[g].pattern);
        else
            snprintf(name, sizeof name, "%s", latex ? lat : G[g].pattern);
        term = ng_term_get_str(cs, is_sum, name, first, latex);
        fputs(term, out);
        flint_free(term);
        flint_free(cs);
        first = 0;
    }
    if (first)
        fputs("0", out);
}

/* The derived sum at N as terms: "t_N − t_1 = Σ r_e c_e" or with ⟨O_e⟩. */
static void sum_terms(ng_hier_terms_t T, const ng_hier_sum_t S, int N, int expect,
                      const ng_ring_t R)
{
    ng_ptr c = ng_elem_new(R);
    char key[200];
    snprintf(key, sizeof key, "t[%d]", N);
    ng_elem_one(c, R);
    ng_hier_terms_add(T, key, c, R);
    ng_elem_neg(c, c, R);
    ng_hier_terms_add(T, "t[1]", c, R);
    for (slong i = 0; i < S->U->length; i++) {
        ng_elem_neg(c, ng_vec_srcentry(expect ? S->s : S->r, i, R), R);
        snprintf(key, sizeof key, expect ? "<%s>" : "%s", S->U->ctext[i]);
        ng_hier_terms_add(T, key, c, R);
    }
    ng_elem_free(c, R);
}

static void rhs_terms(ng_hier_terms_t T, const ng_hier_sum_t S, int expect, const ng_ring_t R)
{
    char key[200];
    for (slong i = 0; i < S->U->length; i++) {
        snprintf(key, sizeof key, expect ? "<%s>" : "%s", S->U->ctext[i]);
        ng_hier_terms_add(T, key, ng_vec_srcentry(expect ? S->s : S->r, i, R), R);
    }
}

/* ---- everything derived ------------------------------------------------- */

typedef struct {
    chain c4;                      /* generic, N = 4: windows, Eqs. 121–124 */
    window_eq win[3];              /* bulk, left, right */
    ng_ptr eq121;                  /* 6 */
    truth_t eq121_factorises, eq122, eq123, eq124;
    slong eq124_pairs;
    chain cs[NMAX_SUM + 1];        /* generic chains for the sums */
    ng_hier_sum_t sum[NMAX_SUM + 1];
    ng_hier_terms_t rhs[NMAX_SUM + 1], rhs_e[NMAX_SUM + 1];
    char *general[NMAX_SUM + 1], *general_e[NMAX_SUM + 1];
    chain cp;                      /* paper bath, N = NG_HIER_COMPARE_N */
    ng_hier_sum_t sum_p;
    ng_hier_terms_t rhs_p;
    char *general_p;
    ng_op_t J0, Jn, D, L2O;        /* route 2 at N = NG_HIER_COMPARE_N (generic) */
    ng_ptr k;
    truth_t route_ok;
    int generic_only_sum;          /* α_xx, α_yy enter only through α_+ */
    char symbols[512];             /* parameters the derived coefficients contain */
} derivation;

static char *general_text(const ng_hier_terms_t T, int N, const chain *C, int latex)
{
    general_term G[64];
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    slong ng = general_form(G, T, N, C->M->R);
    print_general(f, G, ng, T, C, latex);
    fclose(f);
    return buf;
}

/* Which parameters the coefficients of T contain. */
static void collect_symbols(int *used, const ng_hier_terms_t T, const ng_ring_t R)
{
    for (slong i = 0; i < T->length; i++) {
        const fmpz_mpoly_q_struct *c = ng_vec_srcentry(T->coeffs, i, R);
        for (slong v = 0; v < R->nvars; v++)
            if (fmpz_mpoly_degree_si(fmpz_mpoly_q_numref(c), v, R->mctx) > 0 ||
                fmpz_mpoly_degree_si(fmpz_mpoly_q_denref(c), v, R->mctx) > 0)
                used[v] = 1;
    }
}

/* ∂c/∂α_xx = ∂c/∂α_yy, i.e. c depends on them only through α_+. */
static int only_through_alpha_plus(const ng_hier_terms_t T, const ng_ring_t R)
{
    slong vx = ng_ring_param_index(R, "alpha_xx"), vy = ng_ring_param_index(R, "alpha_yy");
    int ok = 1;
    fmpz_mpoly_t a, b, t1, t2;
    if (vx < 0 || vy < 0)
        return 1;
    fmpz_mpoly_init(a, R->mctx);
    fmpz_mpoly_init(b, R->mctx);
    fmpz_mpoly_init(t1, R->mctx);
    fmpz_mpoly_init(t2, R->mctx);
    for (slong i = 0; i < T->length && ok; i++) {
        const fmpz_mpoly_q_struct *c = ng_vec_srcentry(T->coeffs, i, R);
        const fmpz_mpoly_struct *n = fmpz_mpoly_q_numref(c), *d = fmpz_mpoly_q_denref(c);
        /* n' d − n d' for each variable */
        for (int k = 0; k < 2; k++) {
            slong v = k ? vy : vx;
            fmpz_mpoly_struct *dst = k ? b : a;
            fmpz_mpoly_derivative(t1, n, v, R->mctx);
            fmpz_mpoly_mul(t1, t1, d, R->mctx);
            fmpz_mpoly_derivative(t2, d, v, R->mctx);
            fmpz_mpoly_mul(t2, t2, n, R->mctx);
            fmpz_mpoly_sub(dst, t1, t2, R->mctx);
        }
        ok = fmpz_mpoly_equal(a, b, R->mctx);
    }
    fmpz_mpoly_clear(a, R->mctx);
    fmpz_mpoly_clear(b, R->mctx);
    fmpz_mpoly_clear(t1, R->mctx);
    fmpz_mpoly_clear(t2, R->mctx);
    return ok;
}

static ng_status derive(derivation *D, const ng_model_spec *given, int Nsum)
{
    ng_status st;
    const ng_ring_struct *R;
    memset(D, 0, sizeof *D);
    st = chain_init(&D->c4, given, 4, 0);
    if (st != NG_OK)
        return st;
    R = D->c4.M->R;
    /* Eqs. 121–124 */
    D->eq121 = ng_vec_init(6, R);
    st = ng_hier_ple_component(D->eq121, 1, 2, 0, D->c4.t, D->c4.L);
    {
        ng_named_basis_t B2;
        ng_ptr co = ng_vec_init(6, R);
        ng_named_basis_init(B2);
        ng_kernel_basis_two_spin(B2, R);
        D->eq121_factorises = ng_p0l1_ple_bond(co, 1, D->c4.t, B2, D->c4.L);
        ng_named_basis_clear(B2, R);
        ng_vec_clear(co, 6, R);
    }
    D->eq122 = ng_p0l1_ple_edges_vanish(D->c4.t, D->c4.L);
    D->eq123 = ng_p0l1_ple_one_site_vanish(D->c4.t, D->c4.L);
    D->eq124 = ng_hier_check_locality(&D->eq124_pairs, D->c4.L);
    for (int w = 0; w < 3 && st == NG_OK; w++)
        st = window_derive(&D->win[w], w == 0 ? "bulk" : (w == 1 ? "left" : "right"), &D->c4);
    /* Eqs. 143–149 for N = 3 … Nsum */
    for (int N = 3; N <= Nsum && st == NG_OK; N++) {
        st = chain_init(&D->cs[N], given, N, 0);
        if (st == NG_OK)
            st = ng_hier_sum_init(D->sum[N], D->cs[N].t, D->cs[N].L);
        if (st != NG_OK)
            break;
        ng_hier_terms_init(D->rhs[N]);
        ng_hier_terms_init(D->rhs_e[N]);
        rhs_terms(D->rhs[N], D->sum[N], 0, D->cs[N].M->R);
        rhs_terms(D->rhs_e[N], D->sum[N], 1, D->cs[N].M->R);
        D->general[N] = general_text(D->rhs[N], N, &D->cs[N], 0);
        D->general_e[N] = general_text(D->rhs_e[N], N, &D->cs[N], 0);
    }
    /* Eq. 150 with the bath coupling of the same form (α_1^z = −α_zz t_L) */
    if (st == NG_OK && given == NULL)
        st = chain_init(&D->cp, NULL, NG_HIER_COMPARE_N, 1);
    if (st == NG_OK && D->cp.ready)
        st = ng_hier_sum_init(D->sum_p, D->cp.t, D->cp.L);
    if (st == NG_OK && D->cp.ready) {
        ng_hier_terms_init(D->rhs_p);
        rhs_terms(D->rhs_p, D->sum_p, 1, D->cp.M->R);
        D->general_p = general_text(D->rhs_p, NG_HIER_COMPARE_N, &D->cp, 0);
    }
    /* route 2 on the N = NG_HIER_COMPARE_N generic chain */
    if (st == NG_OK && Nsum >= NG_HIER_COMPARE_N) {
        const chain *C = &D->cs[NG_HIER_COMPARE_N];
        const ng_ring_struct *RC = C->M->R;
        ng_op_t O;
        ng_op_init(D->J0, C->M->N, NG_PAULI, RC);
        ng_op_init(D->Jn, C->M->N, NG_PAULI, RC);
        ng_op_init(D->D, C->M->N, NG_PAULI, RC);
        ng_op_init(D->L2O, C->M->N, NG_PAULI, RC);
        ng_op_init(O, C->M->N, NG_PAULI, RC);
        D->k = ng_elem_new(RC);
        ng_hier_current_balance(D->J0, D->Jn, C->L);
        ng_hier_sum_violation_op(D->D, D->sum[NG_HIER_COMPARE_N], C->M->N, RC);
        D->route_ok = ng_hier_route_relation(D->k, D->J0, D->D, RC);
        ng_hier_spin_current(O, C->M->N, RC);
        ng_hier_l2_adjoint(D->L2O, O, C->L);
        ng_op_clear(O, RC);
    }
    /* generic α: the parameters that enter */
    if (st == NG_OK) {
        int used[256] = {0};
        for (int w = 0; w < 3; w++)
            for (int c = 0; c < 3; c++)
                collect_symbols(used, D->win[w].comp[c], R);
        D->generic_only_sum = 1;
        for (int w = 0; w < 3; w++)
            for (int c = 0; c < 3; c++)
                D->generic_only_sum &= only_through_alpha_plus(D->win[w].comp[c], R);
        D->symbols[0] = '\0';
        for (slong v = 0; v < R->nvars && v < 256; v++)
            if (used[v]) {
                strncat(D->symbols, D->symbols[0] ? ", " : "", 500 - strlen(D->symbols));
                strncat(D->symbols, R->names[v], 500 - strlen(D->symbols));
            }
    }
    return st;
}

static void derivation_clear(derivation *D, int Nsum)
{
    if (D->route_ok || D->k != NULL) {
        const ng_ring_struct *RC = D->cs[NG_HIER_COMPARE_N].M->R;
        ng_op_clear(D->J0, RC);
        ng_op_clear(D->Jn, RC);
        ng_op_clear(D->D, RC);
        ng_op_clear(D->L2O, RC);
        ng_elem_free(D->k, RC);
    }
    if (D->cp.ready) {
        if (D->general_p != NULL) {
            ng_hier_terms_clear(D->rhs_p, D->cp.M->R);
            free(D->general_p);
        }
        ng_hier_sum_clear(D->sum_p, D->cp.M->R);
        chain_clear(&D->cp);
    }
    for (int N = 3; N <= Nsum; N++) {
        if (!D->cs[N].ready)
            continue;
        if (D->general[N] != NULL) {
            ng_hier_terms_clear(D->rhs[N], D->cs[N].M->R);
            ng_hier_terms_clear(D->rhs_e[N], D->cs[N].M->R);
            free(D->general[N]);
            free(D->general_e[N]);
        }
        if (D->sum[N]->U->length || D->sum[N]->kappa != NULL)
            ng_hier_sum_clear(D->sum[N], D->cs[N].M->R);
        chain_clear(&D->cs[N]);
    }
    if (D->c4.ready) {
        for (int w = 0; w < 3; w++)
            if (D->win[w].name != NULL)
                window_clear(&D->win[w], D->c4.M->R);
        ng_vec_clear(D->eq121, 6, D->c4.M->R);
        chain_clear(&D->c4);
    }
}

static const char *truth_word(truth_t t)
{
    return t == T_TRUE ? "holds" : (t == T_FALSE ? "FAILS" : "undecided");
}

static const char *const window_eqs[3][3] = {
    {"130/131", "130/132", "130/133"}, {"136/137", "136/138", "136/139"},
    {"140", "141", "142"}};
static const char *const window_title[3] = {
    "Bulk: P_(l,l+1) P0 (L_I(l-1,l) + L_I(l,l+1) + L_I(l+1,l+2)) rho0 = 0 (Eq. 125)",
    "Left edge: P_(1,2) P0 (L_E(1) + L_I(1,2) + L_I(2,3)) rho0 = 0 (Eq. 134)",
    "Right edge: P_(N-1,N) P0 (L_I(N-2,N-1) + L_I(N-1,N) + L_E(N)) rho0 = 0"};

/* The smallest N from which the derived general forms all coincide. */
static int same_from(const derivation *D, int Nsum, int expect)
{
    int N = Nsum;
    while (N > 3 && strcmp(expect ? D->general_e[N - 1] : D->general[N - 1],
                           expect ? D->general_e[Nsum] : D->general[Nsum]) == 0)
        N--;
    return N;
}

static void write_text(FILE *out, const derivation *D, int Nsum)
{
    const chain *C = &D->c4;
    const ng_ring_struct *R = C->M->R;
    int NC = NG_HIER_COMPARE_N;
    fprintf(out, "The N-spin local hierarchy (Sect. IV C), derived with symbolic alpha_jk, "
                 "t_l and bath mean fields alpha_1^z = xL_z, alpha_N^z = xR_z.\n\n");
    fprintf(out, "Eq. 121: P0 L_I(l,l+1) rho_PLE = [");
    {
        ng_hier_terms_t T;
        ng_hier_bond_t E;
        ng_hier_unknowns_t U;
        ng_hier_unknowns_init(U);
        ng_hier_bond_init(E, 1, 2, 0, U, C->t, C->L);
        ng_hier_terms_init(T);
        ng_hier_bond_terms(T, E, NG_HIER_RHOB, C->t, NG_HIER_FROM_BOND, C->L);
        print_terms(out, T, C, 0, 0);
        ng_hier_terms_clear(T, R);
        ng_hier_bond_clear(E, R);
    }
    fprintf(out, "] rhoB(l,l+1) x (rho_LE elsewhere); factorisation %s\n",
            truth_word(D->eq121_factorises));
    fprintf(out, "Eq. 122: P0 L_E(1) rho_PLE = P0 L_E(N) rho_PLE = 0: %s\n", truth_word(D->eq122));
    fprintf(out, "Eq. 123: P_(l) P0 L1 rho_PLE = 0 for every l: %s\n", truth_word(D->eq123));
    fprintf(out, "Eq. 124: P_(l,l+1) P0 L_I(m,m+1) = 0 for |m-l| >= 2, and P_(l,l+1) P0 L_E(e) = 0 "
                 "for e not in {l,l+1}: %s (%ld pairs, every Pauli string of the sites "
                 "involved, N = 4)\n\n",
            truth_word(D->eq124), (long)D->eq124_pairs);
    fprintf(out, "Eq. 127 allows every Ker L0 element of weight >= 2 (it excludes exactly "
                 "the identity and the single sigma^z_m, which rho_PLE fixes);\n"
                 "unknowns are normalised with sigma^0/2 off their support (Eq. 129).\n"
                 "Names: cA[l-1*,l,l+1] = c^A_{bar(l-1),l,l+1}, * marks the sigma^z site.\n");
    for (int w = 0; w < 3; w++) {
        const window_eq *W = &D->win[w];
        fprintf(out, "\n%s\n", window_title[w]);
        fprintf(out, "  %ld window elements allowed by Eq. 127, %ld contribute (Eq. %s):\n",
                (long)W->nallowed, (long)W->ncontrib, w == 0 ? "128" : (w == 1 ? "135" : "135 mirrored"));
        for (slong i = 0; i < W->E->U->length; i++)
            if (ng_hier_bond_contributes(W->E, i, R))
                fprintf(out, "    %-16s %s\n", W->E->U->ctext[i], W->E->U->etext[i]);
        for (int c = 0; c < 6; c++) {
            if (c >= 3 && W->comp[c]->length == 0)
                continue;
            fprintf(out, "  %s%s: ", c < 3 ? "rho" : "", comp_name[c]);
            print_terms(out, W->comp[c], C, 0, 0);
            fprintf(out, " = 0    (%s%s)\n", c < 3 ? "Eq. " : "",
                    c < 3 ? window_eqs[w][c] : "not in the paper");
        }
        {
            ng_hier_terms_t S;
            ng_hier_terms_init(S);
            solved_terms(S, W->comp[0], R);
            fprintf(out, "  solved: ");
            print_solved(out, S, C, 0);
            fprintf(out, "    (Eq. %s)\n", w == 0 ? "144-147" : (w == 1 ? "143" : "148"));
            ng_hier_terms_clear(S, R);
        }
    }
    fprintf(out, "\nTelescoped sum of the rhoB equations of every bond (full L1, windows l-1..l+2):\n");
    for (int N = 3; N <= Nsum; N++) {
        char *kap = coefficient_str(D->sum[N]->kappa, &D->cs[N], 0, (int[]){0});
        fprintf(out, "  N = %d: sum of the rho_PLE parts = (%s)(t_N - t_1); t_N - t_1 = ", N, kap);
        print_terms(out, D->rhs[N], &D->cs[N], 0, 0);
        fprintf(out, "\n");
        flint_free(kap);
    }
    fprintf(out, "  general form (identical as derived for N = %d..%d):  t_N - t_1 = %s    (Eq. 149)\n",
            same_from(D, Nsum, 0), Nsum, D->general[Nsum]);
    fprintf(out, "\nConversion c_e = <O_e> / Tr(e O_e), O_e = e without the sigma^0/2 factors:\n");
    for (slong i = 0; i < D->sum[NC]->U->length; i++) {
        char *f = ng_elem_get_str(ng_vec_srcentry(D->sum[NC]->factor, i, D->cs[NC].M->R), 10,
                                  D->cs[NC].M->R);
        fprintf(out, "  %-12s <%s> = %s * %s\n", D->sum[NC]->U->ctext[i],
                D->sum[NC]->U->etext[i], f, D->sum[NC]->U->ctext[i]);
        flint_free(f);
    }
    fprintf(out, "  general form (identical for N = %d..%d): t_N - t_1 = %s    (Eq. 150, generic bath)\n",
            same_from(D, Nsum, 1), Nsum, D->general_e[Nsum]);
    if (D->general_p != NULL)
        fprintf(out, "  with alpha_1^z = -alpha_zz tL, alpha_N^z = -alpha_zz tR:  t_N - t_1 = %s"
                     "    (Eq. 150)\n", D->general_p);
    fprintf(out, "\nGeneric alpha: the parameters in the bond equations are {%s}; alpha_xx, "
                 "alpha_yy enter only through alpha_+: %s.\n",
            D->symbols, D->generic_only_sum ? "yes" : "NO");
    if (D->k != NULL) {
        const ng_ring_struct *RC = D->cs[NC].M->R;
        char *ks = ng_elem_get_str(D->k, 10, RC);
        char *jn = ng_op_get_str(D->Jn, 10, RC), *l2 = ng_op_get_str(D->L2O, 10, RC);
        fprintf(out, "\nRoute 2 (N = %d): O = sum_l (X_l Y_{l+1} - Y_l X_{l+1}), [H0, O] = 0;\n"
                     "  Tr(O L1 rho) = <J0> + <Jn>, J0 = i[P0 H1, O], Jn = i[Q0 H1, O].\n"
                     "  J0 = k * Delta with <Delta> = LHS - RHS of Eq. 150 (generic bath): %s, "
                     "k = %s\n",
                NC, truth_word(D->route_ok), ks);
        fprintf(out, "  so the first-order condition Tr(O P0 L1 rho0) = 0 is Eq. 150 times k.\n"
                     "  Finite lambda, exact NESS rho:  LHS - RHS = -(lambda <L2^dag(O)> + <Jn>) / k\n"
                     "  Jn = %s\n  L2^dag(O) = %s\n", jn, l2);
        flint_free(ks);
        flint_free(jn);
        flint_free(l2);
    }
}

static void latex_terms_eq(FILE *out, const ng_hier_terms_t T, const chain *C,
                           const char *tag)
{
    print_terms(out, T, C, 1, 0);
    fprintf(out, " = 0 \\tag{%s}", tag);
}

static void write_latex(cli_t *cli, const derivation *D, int Nsum)
{
    FILE *out = cli->out;
    const chain *C = &D->c4;
    const ng_ring_struct *R = C->M->R;
    static const char *const tags[3][3] = {{"130, 131", "130, 132", "130, 133"},
                                           {"136, 137", "136, 138", "136, 139"},
                                           {"140", "141", "142"}};
    static const char *const solved_tag[3] = {"144--147", "143", "148"};
    ng_latex_begin_document(out, "The $N$-spin local hierarchy (Sect.~IV\\,C), derived",
                            cli->command_line);
    fprintf(out, "Derived by nessgen with every $\\alpha_{jk}$ symbolic (symmetric), symbolic "
                 "local $t_l$, and bath mean fields $\\alpha_1^z = x_{L,z}$, "
                 "$\\alpha_N^z = x_{R,z}$ (generic preset, $\\bar Y_\\nu = 1$); "
                 "$\\alpha_+ = \\alpha_{xx} + \\alpha_{yy}$.  Unknown coefficients carry "
                 "the normalisation of Eq.~(129).\n\n");
    fprintf(out, "\\paragraph{Eqs.~(121)--(124).} ");
    {
        ng_hier_terms_t T;
        ng_hier_bond_t E;
        ng_hier_unknowns_t U;
        ng_hier_unknowns_init(U);
        ng_hier_bond_init(E, 1, 2, 0, U, C->t, C->L);
        ng_hier_terms_init(T);
        ng_hier_bond_terms(T, E, NG_HIER_RHOB, C->t, NG_HIER_FROM_BOND, C->L);
        fprintf(out, "\\begin{equation}\\mathcal{P}_0\\mathcal{L}_{\\mathrm{I}(l,l+1)}"
                     "\\rho_{\\mathrm{PLE}} = \\Bigl[");
        print_terms(out, T, C, 1, 0);
        fprintf(out, "\\Bigr]\\rho^{\\mathrm{B}}_{l,l+1}\\bigotimes_{m\\neq l,l+1}"
                     "\\rho_{\\mathrm{LE}}(\\beta_m) \\tag{121}\\end{equation}\n");
        ng_hier_terms_clear(T, R);
        ng_hier_bond_clear(E, R);
    }
    fprintf(out, "The factorisation %s; Eq.~(122) %s; Eq.~(123) %s; Eq.~(124), with its bath "
                 "analogue, %s on every Pauli string of the sites involved (%ld pairs).\n\n",
            truth_word(D->eq121_factorises), truth_word(D->eq122), truth_word(D->eq123),
            truth_word(D->eq124), (long)D->eq124_pairs);
    fprintf(out, "Eq.~(127) excludes exactly the identity and the single $\\sigma^z_m$ "
                 "components of $\\rho_a$; every $\\operatorname{Ker}\\mathcal{L}_0$ element "
                 "of weight $\\geq 2$ on the window is allowed.\n");
    for (int w = 0; w < 3; w++) {
        const window_eq *W = &D->win[w];
        fprintf(out, "\\paragraph{%s.} Of the %ld allowed window elements, %ld contribute:\n"
                     "\\begin{equation}\\rho_a = ",
                w == 0 ? "Bulk, Eqs.~(125)--(133)"
                       : (w == 1 ? "Left edge, Eqs.~(134)--(139)" : "Right edge, Eqs.~(140)--(142)"),
                (long)W->nallowed, (long)W->ncontrib);
        {
            int first = 1;
            for (slong i = 0; i < W->E->U->length; i++)
                if (ng_hier_bond_contributes(W->E, i, R)) {
                    fprintf(out, "%s%s\\,%s", first ? "" : " + ", W->E->U->clatex[i],
                            W->E->U->elatex[i]);
                    first = 0;
                }
        }
        fprintf(out, " \\tag{%s}\\end{equation}\n", w == 0 ? "128" : (w == 1 ? "135" : "135'"));
        fprintf(out, "The coefficients of $\\rho^{\\mathrm{B}}$, $\\rho^{\\mathrm{A}}$, "
                     "$\\rho^{\\mathrm{C}}$%s in the two-site projection give "
                     "(equations without a number are not in the paper)\n\\begin{align}\n",
                W->other_zero ? "" : " and of the one-site and diagonal elements");
        for (int c = 0; c < 6; c++) {
            if (c >= 3 && W->comp[c]->length == 0)
                continue;
            fprintf(out, "%s:\\ & ", comp_latex[c]);
            if (c < 3)
                latex_terms_eq(out, W->comp[c], C, tags[w][c]);
            else {
                print_terms(out, W->comp[c], C, 1, 0);
                fprintf(out, " = 0 \\notag");
            }
            fprintf(out, " \\\\\n");
        }
        fprintf(out, "& ");
        {
            ng_hier_terms_t S;
            ng_hier_terms_init(S);
            solved_terms(S, W->comp[0], R);
            print_solved(out, S, C, 1);
            fprintf(out, " \\tag{%s}\n", solved_tag[w]);
            ng_hier_terms_clear(S, R);
        }
        fprintf(out, "\\end{align}\n");
    }
    fprintf(out, "\\paragraph{Eqs.~(149)--(150).} Adding the $\\rho^{\\mathrm{B}}$ equations "
                 "of all bonds (each with the full $\\mathcal{L}_1$), derived for "
                 "$N = 3,\\dots,%d$; the $\\alpha_+$ terms cancel and the result has, for "
                 "every $N = %d,\\dots,%d$, the form\n\\begin{equation}\nt_N - t_1 = ",
            Nsum, same_from(D, Nsum, 0), Nsum);
    {
        char *g = general_text(D->rhs[Nsum], Nsum, &D->cs[Nsum], 1);
        fprintf(out, "%s \\tag{149}\\end{equation}\n", g);
        free(g);
        g = general_text(D->rhs_e[Nsum], Nsum, &D->cs[Nsum], 1);
        fprintf(out, "With $c_e = \\langle O_e\\rangle/\\operatorname{Tr}(e\\,O_e)$ "
                     "($\\operatorname{Tr}(e\\,O_e) = 16$ for the three-site and $8$ for the "
                     "two-site elements, derived):\n\\begin{equation}\nt_N - t_1 = %s "
                     "\\tag{150}\\end{equation}\n", g);
        free(g);
    }
    if (D->cp.ready) {
        char *g = general_text(D->rhs_p, NG_HIER_COMPARE_N, &D->cp, 1);
        fprintf(out, "and with the bath coupling of the same form as the spin-spin coupling, "
                     "$\\alpha_1^z = -\\alpha_{zz}t_{\\mathrm{L}}$, "
                     "$\\alpha_N^z = -\\alpha_{zz}t_{\\mathrm{R}}$:\n"
                     "\\begin{equation}\nt_N - t_1 = %s \\tag{150}\\end{equation}\n", g);
        free(g);
    }
    if (D->k != NULL) {
        const ng_ring_struct *RC = D->cs[NG_HIER_COMPARE_N].M->R;
        char *ks = ng_elem_get_latex(D->k, 10, RC);
        fprintf(out, "\\paragraph{Second route.} With the total spin current "
                     "$O = \\sum_l (\\sigma^x_l\\sigma^y_{l+1} - \\sigma^y_l\\sigma^x_{l+1})$, "
                     "$[H_0, O] = 0$ and $\\operatorname{Tr}(O\\,\\mathcal{L}_1\\rho) = "
                     "\\langle i[H_1, O]\\rangle$.  The magnetisation-conserving part obeys "
                     "$i[\\mathcal{P}_0 H_1, O] = k\\,\\Delta$ exactly (%s, $N = %d$), where "
                     "$\\langle\\Delta\\rangle$ is LHS $-$ RHS of Eq.~(150), with\n"
                     "\\[ k = %s. \\]\nAt finite $\\lambda$ the exact NESS satisfies\n"
                     "\\[ \\mathrm{LHS} - \\mathrm{RHS} = -\\frac{1}{k}\\Bigl(\\lambda\\,"
                     "\\operatorname{Tr}(O\\,\\mathcal{L}_2\\rho) + \\bigl\\langle i[\\mathcal{Q}_0 "
                     "H_1, O]\\bigr\\rangle\\Bigr). \\]\n",
                truth_word(D->route_ok), NG_HIER_COMPARE_N, ks);
        flint_free(ks);
    }
    fprintf(out, "\\paragraph{Generic $\\alpha$.} The bond equations contain only the "
                 "parameters \\texttt{\\detokenize{%s}}; $\\alpha_{xx}$ and $\\alpha_{yy}$ enter only "
                 "through $\\alpha_+$ (%s).  $\\mathcal{P}_0\\mathcal{L}_1$ on "
                 "$\\operatorname{Ker}\\mathcal{L}_0$ sees only the magnetisation-conserving "
                 "part of $H_1$, so $\\alpha_{xy}$, $\\alpha_{xz}$, $\\alpha_{yz}$, "
                 "$\\alpha_{xx}-\\alpha_{yy}$ and $\\alpha^{x,y}_{1,N}$ drop out of "
                 "Eqs.~(121)--(150); they act only through $\\rho_0$ itself.\n",
            D->symbols, D->generic_only_sum ? "derived" : "NOT so");
    ng_latex_end_document(out);
}

static json_t *terms_json(const ng_hier_terms_t T, const chain *C, slong digits)
{
    json_t *arr = json_array();
    for (slong i = 0; i < T->length; i++) {
        json_t *o = json_object();
        char lat[300];
        if (ng_elem_is_exact_zero(ng_vec_srcentry(T->coeffs, i, C->M->R), C->M->R)) {
            json_decref(o);
            continue;
        }
        key_latex(lat, sizeof lat, T->keys[i]);
        json_object_set_new(o, "key", json_string(T->keys[i]));
        json_object_set_new(o, "latex", json_string(lat));
        json_object_set_new(o, "coefficient",
                            ng_json_elem(ng_vec_srcentry(T->coeffs, i, C->M->R), digits, C->M->R));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *op_json(const ng_op_t A, const ng_ring_t R, slong digits)
{
    json_t *arr = json_array();
    for (slong i = 0; i < A->length; i++) {
        char s[NG_MAX_SITES + 1];
        json_t *o = json_object();
        ng_string_get_str(s, A->keys[i].s, A->nsites, NG_PAULI);
        json_object_set_new(o, "pauli", json_string(s));
        json_object_set_new(o, "i_power", json_integer(A->keys[i].im));
        json_object_set_new(o, "coefficient",
                            ng_json_elem(ng_vec_srcentry(A->coeffs, i, R), digits, R));
        json_array_append_new(arr, o);
    }
    return arr;
}

static void write_json(cli_t *cli, const derivation *D, int Nsum)
{
    const chain *C = &D->c4;
    const ng_ring_struct *R = C->M->R;
    json_t *doc = cli_json_document(cli, C->M), *wins = json_array(), *sums = json_array();
    json_object_set_new(doc, "eq121_factorises", json_boolean(D->eq121_factorises == T_TRUE));
    json_object_set_new(doc, "eq122_holds", json_boolean(D->eq122 == T_TRUE));
    json_object_set_new(doc, "eq123_holds", json_boolean(D->eq123 == T_TRUE));
    json_object_set_new(doc, "eq124_holds", json_boolean(D->eq124 == T_TRUE));
    for (int w = 0; w < 3; w++) {
        const window_eq *W = &D->win[w];
        json_t *o = json_object(), *contrib = json_array();
        json_object_set_new(o, "window", json_string(W->name));
        json_object_set_new(o, "allowed", json_integer(W->nallowed));
        for (slong i = 0; i < W->E->U->length; i++)
            if (ng_hier_bond_contributes(W->E, i, R))
                json_array_append_new(contrib, json_pack("{s:s,s:s,s:s,s:s}", "coefficient",
                                                         W->E->U->ctext[i], "element",
                                                         W->E->U->etext[i], "coefficient_latex",
                                                         W->E->U->clatex[i], "element_latex",
                                                         W->E->U->elatex[i]));
        json_object_set_new(o, "contributing", contrib);
        json_object_set_new(o, "other_components_vanish", json_boolean(W->other_zero));
        for (int c = 0; c < 6; c++) {
            char key[48];
            snprintf(key, sizeof key, "rho%s_equation", comp_name[c]);
            json_object_set_new(o, key, terms_json(W->comp[c], C, cli->digits));
            snprintf(key, sizeof key, "rho%s_eq", comp_name[c]);
            json_object_set_new(o, key, json_string(c < 3 ? window_eqs[w][c] : "none"));
        }
        json_array_append_new(wins, o);
    }
    json_object_set_new(doc, "windows", wins);
    for (int N = 3; N <= Nsum; N++) {
        json_t *o = json_object();
        json_object_set_new(o, "N", json_integer(N));
        json_object_set_new(o, "kappa", ng_json_elem(D->sum[N]->kappa, cli->digits, D->cs[N].M->R));
        json_object_set_new(o, "tN_minus_t1_coefficients", terms_json(D->rhs[N], &D->cs[N], cli->digits));
        json_object_set_new(o, "tN_minus_t1_expectations", terms_json(D->rhs_e[N], &D->cs[N], cli->digits));
        json_array_append_new(sums, o);
    }
    json_object_set_new(doc, "sums", sums);
    json_object_set_new(doc, "eq149_general", json_string(D->general[Nsum]));
    json_object_set_new(doc, "eq150_general", json_string(D->general_e[Nsum]));
    if (D->general_p != NULL)
        json_object_set_new(doc, "eq150_paper_bath", json_string(D->general_p));
    if (D->k != NULL) {
        const ng_ring_struct *RC = D->cs[NG_HIER_COMPARE_N].M->R;
        json_t *r2 = json_object();
        json_object_set_new(r2, "N", json_integer(NG_HIER_COMPARE_N));
        json_object_set_new(r2, "J0_equals_k_Delta", json_boolean(D->route_ok == T_TRUE));
        json_object_set_new(r2, "k", ng_json_elem(D->k, cli->digits, RC));
        json_object_set_new(r2, "identity", json_string(
            "LHS - RHS of Eq. 150 = <Delta> = -(lambda*Tr(O L2 rho) + <Jn>)/k for the exact NESS "
            "rho at coupling lambda; Tr(O L2 rho) = <L2dag_O>"));
        json_object_set_new(r2, "Delta", op_json(D->D, RC, cli->digits));
        json_object_set_new(r2, "Jn", op_json(D->Jn, RC, cli->digits));
        json_object_set_new(r2, "L2dag_O", op_json(D->L2O, RC, cli->digits));
        json_object_set_new(doc, "route2", r2);
    }
    json_object_set_new(doc, "generic_alpha_parameters", json_string(D->symbols));
    json_object_set_new(doc, "alpha_xx_yy_only_via_alpha_plus", json_boolean(D->generic_only_sum));
    json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', cli->out);
    json_decref(doc);
}

/* Derived terms for a printed equation's "derived" field. */
static ng_status derived_terms(ng_hier_terms_t T, const chain **Cout, const derivation *D,
                               const ng_hier_printed *P, int *l0, int *absolute)
{
    const int NC = NG_HIER_COMPARE_N;
    const char *src = P->derived;
    ng_status st = NG_OK;
    *absolute = P->at_l != 0 || strcmp(src, "sum") == 0 || strcmp(src, "expect") == 0;
    *l0 = P->at_l > 0 ? P->at_l - 1 : NC + P->at_l - 1;
    *Cout = &D->c4;
    if (strcmp(src, "ple.B") == 0) {
        ng_hier_bond_t E;
        ng_hier_unknowns_t U;
        ng_hier_unknowns_init(U);
        st = ng_hier_bond_init(E, 1, 2, 0, U, D->c4.t, D->c4.L);
        if (st == NG_OK)
            st = ng_hier_bond_terms(T, E, NG_HIER_RHOB, D->c4.t, NG_HIER_FROM_BOND, D->c4.L);
        ng_hier_bond_clear(E, D->c4.M->R);
        return st;
    }
    if (strncmp(src, "ansatz.", 7) == 0) {
        const window_eq *W = &D->win[strcmp(src + 7, "bulk") == 0 ? 0 : 1];
        ng_ptr one = ng_elem_new(D->c4.M->R);
        ng_elem_one(one, D->c4.M->R);
        for (slong i = 0; i < W->E->U->length; i++) {
            char key[400];
            if (!ng_hier_bond_contributes(W->E, i, D->c4.M->R))
                continue;
            snprintf(key, sizeof key, "%s : %s", W->E->U->ctext[i], W->E->U->etext[i]);
            ng_hier_terms_add(T, key, one, D->c4.M->R);
        }
        ng_elem_free(one, D->c4.M->R);
        return NG_OK;
    }
    if (strcmp(src, "sum") == 0 || strcmp(src, "expect") == 0) {
        int e = src[0] == 'e';
        const chain *C = e ? &D->cp : &D->cs[NC];
        *Cout = C;
        sum_terms(T, e ? D->sum_p : D->sum[NC], NC, e, C->M->R);
        *l0 = 0;
        return NG_OK;
    }
    {
        int w = strncmp(src, "bulk", 4) == 0 ? 0 : (strncmp(src, "left", 4) == 0 ? 1 : 2);
        const char *dot = strchr(src, '.');
        int c = dot[1] == 'B' ? 0 : (dot[1] == 'A' ? 1 : 2);
        const ng_hier_terms_struct *S = D->win[w].comp[c];
        for (slong i = 0; i < S->length; i++) {
            char key[200];
            if (*absolute) {
                st = ng_hier_key_absolute(key, sizeof key, S->keys[i], *l0, NC);
                if (st != NG_OK)
                    return st;
            } else {
                snprintf(key, sizeof key, "%s", S->keys[i]);
            }
            ng_hier_terms_add(T, key, ng_vec_srcentry(S->coeffs, i, D->c4.M->R), D->c4.M->R);
        }
    }
    return st;
}

static void drop_keys(ng_hier_terms_t T, const char *zero, const ng_ring_t R)
{
    if (zero == NULL)
        return;
    for (slong i = 0; i < T->length; i++)
        if (strcmp(T->keys[i], zero) == 0)
            ng_elem_zero(ng_vec_entry(T->coeffs, i, R), R);
}

static ng_status write_comparison(FILE *out, const derivation *D, const char *command_line)
{
    ng_status st = NG_OK;
    fprintf(out, "<!-- Generated by nessgen %s -- do not edit.\n     Regenerate with: %s -->\n\n",
            NESSGEN_VERSION, command_line);
    fprintf(out,
            "# Sect. IV C: derived equations compared with the printed paper\n\n"
            "Every derived equation comes from `nessgen hierarchy` (generic symmetric "
            "alpha, symbolic t_l, alpha_1^z = xL_z, alpha_N^z = xR_z).  The printed forms "
            "are transcribed from the paper, typesetting damage included, in "
            "`src/hierarchy/printed.c`.  Keys: `cA[l-1*,l,l+1]` is "
            "c^A_{overline(l-1),l,l+1} (`*` = overline = sigma^z site), `t[l]` is t_l, "
            "`<cA[...]>` the expectation value of the element the coefficient multiplies.  "
            "Equations printed as `= 0` are compared up to one overall factor (fixed by the "
            "first printed term); Eqs. 121, 130 and 136 as printed; Eqs. 144-147 at the bond "
            "they name in an N = %d chain; Eqs. 149-150 at N = %d.  Eq. 146 is not printed "
            "(the vertical dots between Eqs. 145 and 147).\n\n",
            NG_HIER_COMPARE_N, NG_HIER_COMPARE_N);
    for (const ng_hier_printed *P = ng_hier_printed_equations; P->eq != NULL && st == NG_OK;
         P++) {
        ng_hier_terms_t Dt, Pt;
        const chain *C;
        int l0, absolute, agree;
        char *report = NULL;
        ng_hier_terms_init(Dt);
        ng_hier_terms_init(Pt);
        st = derived_terms(Dt, &C, D, P, &l0, &absolute);
        if (st == NG_OK)
            st = ng_hier_terms_parse(Pt, P, l0, NG_HIER_COMPARE_N, absolute, C->M->R);
        if (st == NG_OK) {
            drop_keys(Dt, P->zero, C->M->R);
            agree = ng_hier_terms_compare(&report, Dt, Pt, P->mode, C->M->R);
            fprintf(out, "## Eq. %s: %s\n\nPrinted: $%s$\n\n", P->eq,
                    agree ? "agrees" : "differs", P->printed);
            if (P->zero != NULL)
                fprintf(out, "(`%s` = 0 by the neighbouring printed equation is used, as the "
                             "paper does.)\n\n", P->zero);
            if (!agree) {
                char *line = report, *next;
                for (; line != NULL && *line; line = next) {
                    next = strchr(line, '\n');
                    if (next != NULL)
                        *next++ = '\0';
                    fprintf(out, "- %s\n", line);
                }
                fprintf(out, "\n");
            }
            fprintf(out, "Derived: `");
            print_terms(out, Dt, C, 0, 0);
            fprintf(out, "`%s\n\n", P->mode == NG_HIER_ANSATZ ? " (coefficient : element)" : " = 0");
        }
        flint_free(report);
        ng_hier_terms_clear(Dt, C->M->R);
        ng_hier_terms_clear(Pt, C->M->R);
    }
    return st;
}

int cmd_hierarchy(cli_t *cli)
{
    derivation D;
    int Nsum = NMAX_SUM, status, compare;
    ng_status st;
    compare = cli->npositional == 1 && strcmp(cli->positional[0], "compare") == 0;
    if (cli->npositional > 1 || (cli->npositional == 1 && !compare)) {
        fprintf(stderr, "nessgen hierarchy: the only argument is 'compare', got '%s'\n",
                cli->positional[0]);
        return CLI_EUSAGE;
    }
    if (cli->N != 0) {
        if (cli->N < NG_HIER_COMPARE_N || cli->N > 10) {
            fprintf(stderr, "nessgen hierarchy: --N: the sums are derived for N = 3..n with "
                            "%d <= n <= 10\n", NG_HIER_COMPARE_N);
            return CLI_EUSAGE;
        }
        Nsum = cli->N;
    }
    st = derive(&D, cli->have_model ? cli->spec : NULL, Nsum);
    if (st == NG_OK) {
        if (compare)
            st = write_comparison(cli->out, &D, cli->command_line);
        else if (cli->format == NG_FORMAT_TEXT)
            write_text(cli->out, &D, Nsum);
        else if (cli->format == NG_FORMAT_LATEX)
            write_latex(cli, &D, Nsum);
        else
            write_json(cli, &D, Nsum);
    }
    status = st == NG_OK ? CLI_OK : cli_fail(cli, st);
    derivation_clear(&D, Nsum);
    return status;
}
