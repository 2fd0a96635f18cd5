/* What a comparison with print means (paper_comparison.md): a printed
 * equation agrees as extracted; or our copy of it is damaged by the text
 * extraction and its evident reading agrees; or it is a linear consequence
 * of the derived equations; or it agrees once the elements the printed
 * ansatz (Eqs. 128, 135) leaves out are set to zero; or it differs in
 * substance.  Each verdict is decided by the algebra, never typed in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/hierarchy.h"

/* ---- linear consequence ------------------------------------------------- */

static slong key_index(char ***keys, slong *n, const char *key)
{
    for (slong i = 0; i < *n; i++)
        if (strcmp((*keys)[i], key) == 0)
            return i;
    *keys = flint_realloc(*keys, (*n + 1) * sizeof(char *));
    (*keys)[*n] = (char *)key;
    return (*n)++;
}

/* rank of the rows (and of the target, if not NULL, as a last row) */
static truth_t terms_rank(slong *rank, const ng_hier_terms_struct *rows, slong n,
                          const ng_hier_terms_struct *target, const ng_ring_t R)
{
    char **keys = NULL;
    slong nk = 0, nr = n + (target != NULL);
    ng_mat_t A;
    truth_t t;
    slong *piv;
    for (slong i = 0; i < nr; i++) {
        const ng_hier_terms_struct *T = i < n ? rows + i : target;
        for (slong j = 0; j < T->length; j++)
            key_index(&keys, &nk, T->keys[j]);
    }
    ng_mat_init(A, nr, FLINT_MAX(nk, 1), R);
    ng_mat_zero(A, R);
    for (slong i = 0; i < nr; i++) {
        const ng_hier_terms_struct *T = i < n ? rows + i : target;
        for (slong j = 0; j < T->length; j++)
            ng_elem_set(ng_mat_entry(A, i, key_index(&keys, &nk, T->keys[j]), R),
                        ng_vec_srcentry(T->coeffs, j, R), R);
    }
    piv = flint_malloc(FLINT_MAX(nk, 1) * sizeof(slong));
    t = ng_mat_rref(rank, piv, A, R);
    flint_free(piv);
    ng_mat_clear(A, R);
    flint_free(keys);
    return t;
}

truth_t ng_hier_terms_in_span(const ng_hier_terms_t target, const ng_hier_terms_struct *rows,
                              slong n, const ng_ring_t R)
{
    slong r0, r1;
    truth_t a = terms_rank(&r0, rows, n, NULL, R), b;
    if (a != T_TRUE)
        return T_UNKNOWN;
    b = terms_rank(&r1, rows, n, target, R);
    if (b != T_TRUE)
        return T_UNKNOWN;
    return r1 == r0 ? T_TRUE : T_FALSE;
}

/* Appends the six components of window W to rows, every key made absolute
 * at the bond l0 of an N-site chain if absolute ≠ 0. */
static ng_status append_window(ng_hier_terms_struct **rows, slong *n, const ng_hier_window_t W,
                               int absolute, int l0, int N, const ng_ring_t R)
{
    for (int c = 0; c < 6; c++) {
        ng_hier_terms_struct *T;
        *rows = flint_realloc(*rows, (*n + 1) * sizeof(ng_hier_terms_struct));
        T = *rows + (*n)++;
        ng_hier_terms_init(T);
        for (slong i = 0; i < W->comp[c]->length; i++) {
            char key[200];
            if (absolute) {
                ng_status st = ng_hier_key_absolute(key, sizeof key, W->comp[c]->keys[i], l0, N);
                if (st != NG_OK)
                    return st;
            } else {
                snprintf(key, sizeof key, "%s", W->comp[c]->keys[i]);
            }
            ng_hier_terms_add(T, key, ng_vec_srcentry(W->comp[c]->coeffs, i, R), R);
        }
    }
    return NG_OK;
}

static void free_rows(ng_hier_terms_struct *rows, slong n, const ng_ring_t R)
{
    for (slong i = 0; i < n; i++)
        ng_hier_terms_clear(rows + i, R);
    flint_free(rows);
}

/* Does printed P = 0 (terms Pt, relative labels) follow from the derived
 * equations?  First from the six components of its own window; else from
 * every window of an N = NG_HIER_COMPARE_N chain (bulk at every bond, both
 * edges), P taken at the middle bond.  *chain says which. */
static truth_t follows(int *chain, const ng_hier_derivation_t D, const ng_hier_printed *P,
                       const ng_hier_terms_t Pt, int w, const ng_ring_t R)
{
    const int NC = NG_HIER_COMPARE_N, lmid = NC / 2 - 1;
    ng_hier_terms_struct *rows = NULL;
    slong n = 0;
    truth_t t;
    ng_status st = append_window(&rows, &n, D->win[w], 0, 0, NC, R);
    *chain = 0;
    t = st == NG_OK && P->at_l == 0 ? ng_hier_terms_in_span(Pt, rows, n, R) : T_FALSE;
    free_rows(rows, n, R);
    if (t == T_TRUE)
        return t;
    rows = NULL, n = 0;
    for (int l = 1; l + 2 < NC && st == NG_OK; l++)
        st = append_window(&rows, &n, D->win[NG_HIER_BULK], 1, l, NC, R);
    if (st == NG_OK)
        st = append_window(&rows, &n, D->win[NG_HIER_LEFT], 1, 0, NC, R);
    if (st == NG_OK)
        st = append_window(&rows, &n, D->win[NG_HIER_RIGHT], 1, NC - 2, NC, R);
    t = T_UNKNOWN;
    if (st == NG_OK) {
        ng_hier_terms_t A;
        ng_hier_terms_init(A);
        st = ng_hier_terms_parse(A, P, lmid, NC, 1, R);
        if (st == NG_OK)
            t = ng_hier_terms_in_span(A, rows, n, R);
        ng_hier_terms_clear(A, R);
    }
    free_rows(rows, n, R);
    *chain = t == T_TRUE;
    return t;
}

/* ---- the elements the printed ansatz leaves out -------------------------- */

/* "cB[1*,2,3]" → "cB[N-2,N-1,N*]": the mirror image of a left-edge key. */
static void mirror_key(char *out, size_t size, const char *key)
{
    const char *open = strchr(key, '['), *close = strrchr(key, ']');
    char inner[64], *tok[8], *save = NULL;
    int n = 0;
    snprintf(out, size, "%.*s[", (int)(open - key), key);
    snprintf(inner, sizeof inner, "%.*s", (int)(close - open - 1), open + 1);
    for (char *t = strtok_r(inner, ",", &save); t != NULL && n < 8; t = strtok_r(NULL, ",", &save))
        tok[n++] = t;
    for (int i = n - 1; i >= 0; i--) {
        char b[24];
        int site = atoi(tok[i]), star = strchr(tok[i], '*') != NULL;
        if (site == 1)
            snprintf(b, sizeof b, "%sN%s", i == n - 1 ? "" : ",", star ? "*" : "");
        else
            snprintf(b, sizeof b, "%sN-%d%s", i == n - 1 ? "" : ",", site - 1, star ? "*" : "");
        strncat(out, b, size - strlen(out) - 1);
    }
    strncat(out, "]", size - strlen(out) - 1);
}

static const ng_hier_printed *printed_ansatz(ng_hier_window_kind w)
{
    const char *want = w == NG_HIER_BULK ? "ansatz.bulk" : "ansatz.left";
    for (const ng_hier_printed *P = ng_hier_printed_equations; P->eq != NULL; P++)
        if (strcmp(P->derived, want) == 0)
            return P;
    return NULL;
}

/* 1 if the coefficient name key is among the printed ansatz terms (read). */
static int ansatz_has(const ng_hier_printed *P, const char *key, int mirror)
{
    const char *terms = P->reading != NULL ? P->reading : P->terms;
    char *copy = flint_malloc(strlen(terms) + 1), *term, *save = NULL;
    int found = 0;
    strcpy(copy, terms);
    for (term = strtok_r(copy, ";", &save); term != NULL && !found;
         term = strtok_r(NULL, ";", &save)) {
        char name[96], m[96];
        if (sscanf(term, " %95[^ :]", name) != 1)
            continue;
        if (mirror)
            mirror_key(m, sizeof m, name);
        found = strcmp(mirror ? m : name, key) == 0;
    }
    flint_free(copy);
    return found;
}

void ng_hier_omitted_init(ng_hier_omitted_t O, const ng_hier_derivation_t D,
                          ng_hier_window_kind w)
{
    const ng_hier_window_struct *W = D->win[w];
    const ng_ring_struct *R = D->c4->M->R;
    const ng_hier_printed *P = printed_ansatz(w);
    O->n = 0;
    O->keys = NULL;
    O->all_current_like = 1;
    O->outside_rhoB = 1;
    for (slong i = 0; i < W->E->U->length && P != NULL; i++) {
        if (!ng_hier_bond_contributes(W->E, i, R) ||
            ansatz_has(P, W->E->U->ctext[i], w == NG_HIER_RIGHT))
            continue;
        O->keys = flint_realloc(O->keys, (O->n + 1) * sizeof(char *));
        O->keys[O->n] = flint_malloc(strlen(W->E->U->ctext[i]) + 1);
        strcpy(O->keys[O->n++], W->E->U->ctext[i]);
        O->all_current_like &= W->E->U->kind[i] == NG_KER_B;
        /* the ρ^B components are the ones telescoped into Eqs. 143–150 */
        for (slong k = 0; k < W->comp[0]->length; k++)
            if (strcmp(W->comp[0]->keys[k], W->E->U->ctext[i]) == 0 &&
                !ng_elem_is_exact_zero(ng_vec_srcentry(W->comp[0]->coeffs, k, R), R))
                O->outside_rhoB = 0;
    }
    /* and no current-like coefficient survives in the derived sums */
    O->sums_without_B = 1;
    for (int N = 3; N <= D->nsum; N++)
        for (slong k = 0; k < D->rhs[N]->length; k++)
            if (strncmp(D->rhs[N]->keys[k], "cB", 2) == 0)
                O->sums_without_B = 0;
}

void ng_hier_bulk_cB(truth_t *same, truth_t *zero, const ng_hier_derivation_t D)
{
    const ng_hier_window_struct *W = D->win[NG_HIER_BULK];
    const ng_ring_struct *R = D->c4->M->R;
    ng_hier_terms_t d, z;
    ng_ptr one = ng_elem_new(R);
    ng_hier_terms_init(d);
    ng_hier_terms_init(z);
    ng_elem_one(one, R);
    ng_hier_terms_add(d, "cB[l,l+1]", one, R);
    ng_hier_terms_add(z, "cB[l,l+1]", one, R);
    ng_elem_neg(one, one, R);
    ng_hier_terms_add(d, "cB[l-1,l]", one, R); /* c^B_{l,l+1} − c^B_{l−1,l} */
    *same = ng_hier_terms_in_span(d, W->comp[0], 6, R);
    *zero = ng_hier_terms_in_span(z, W->comp[0], 6, R);
    ng_hier_terms_clear(d, R);
    ng_hier_terms_clear(z, R);
    ng_elem_free(one, R);
}

void ng_hier_omitted_clear(ng_hier_omitted_t O)
{
    for (slong i = 0; i < O->n; i++)
        flint_free(O->keys[i]);
    flint_free(O->keys);
    O->keys = NULL;
    O->n = 0;
}

/* ---- the verdict ---------------------------------------------------------- */

static int window_of(const ng_hier_printed *P)
{
    if (strncmp(P->derived, "bulk", 4) == 0 || strcmp(P->derived, "ansatz.bulk") == 0)
        return NG_HIER_BULK;
    if (strncmp(P->derived, "left", 4) == 0 || strcmp(P->derived, "ansatz.left") == 0)
        return NG_HIER_LEFT;
    if (strncmp(P->derived, "right", 5) == 0)
        return NG_HIER_RIGHT;
    return -1;
}

void ng_hier_verdict_init(ng_hier_verdict_t V)
{
    memset(V, 0, sizeof *V);
}

void ng_hier_verdict_clear(ng_hier_verdict_t V)
{
    flint_free(V->report_printed);
    flint_free(V->report);
    ng_hier_verdict_init(V);
}

/* Dt with the omitted elements of window w (made absolute as P's keys are)
 * set to zero. */
static ng_status drop_omitted(ng_hier_terms_t Dt, const ng_hier_derivation_t D, int w,
                              int absolute, int l0, const ng_ring_t R)
{
    ng_hier_omitted_t O;
    ng_status st = NG_OK;
    ng_hier_omitted_init(O, D, (ng_hier_window_kind)w);
    for (slong i = 0; i < O->n && st == NG_OK; i++) {
        char key[200];
        if (absolute)
            st = ng_hier_key_absolute(key, sizeof key, O->keys[i], l0, NG_HIER_COMPARE_N);
        else
            snprintf(key, sizeof key, "%s", O->keys[i]);
        for (slong k = 0; k < Dt->length && st == NG_OK; k++) {
            const char *dk = Dt->keys[k], *colon = strstr(dk, " : ");
            size_t len = colon != NULL ? (size_t)(colon - dk) : strlen(dk);
            if (strlen(key) == len && strncmp(dk, key, len) == 0)
                ng_elem_zero(ng_vec_entry(Dt->coeffs, k, R), R);
        }
    }
    ng_hier_omitted_clear(O);
    return st;
}

/* Only "derived ... is not printed" lines: every printed term is derived. */
static int only_unprinted(const char *report)
{
    for (const char *line = report; line != NULL && *line; line = strchr(line, '\n')) {
        if (*line == '\n')
            line++;
        if (*line && strncmp(line, "derived ", 8) != 0)
            return 0;
    }
    return 1;
}

ng_status ng_hier_verdict(ng_hier_verdict_t V, ng_hier_terms_t Dt, const ng_hier_chain_struct **C,
                          const ng_hier_derivation_t D, const ng_hier_printed *P)
{
    const ng_ring_struct *R;
    ng_hier_terms_t Pt, Qt;
    ng_hier_printed read;
    int l0, absolute, w = window_of(P);
    ng_status st = ng_hier_derivation_printed_terms(Dt, C, &l0, &absolute, D, P);
    if (st != NG_OK)
        return st;
    R = (*C)->M->R;
    ng_hier_terms_init(Pt);
    ng_hier_terms_init(Qt);
    st = ng_hier_terms_parse(Pt, P, l0, NG_HIER_COMPARE_N, absolute, R);
    read = *P;
    if (P->reading != NULL)
        read.terms = P->reading;
    if (st == NG_OK && P->reading != NULL)
        st = ng_hier_terms_parse(Qt, &read, l0, NG_HIER_COMPARE_N, absolute, R);
    if (st != NG_OK)
        goto done;
    V->kind = NG_HIER_AGREES;
    if (ng_hier_terms_compare(&V->report_printed, Dt, Pt, P->mode, R))
        goto done;
    V->damaged = P->reading != NULL;
    for (int pass = 0; pass < 2; pass++) {
        const ng_hier_terms_struct *Q = V->damaged ? Qt : Pt;
        flint_free(V->report);
        V->report = NULL;
        if (pass == 0 && V->damaged && ng_hier_terms_compare(&V->report, Dt, Q, P->mode, R))
            goto done;
        if (pass == 0 && P->mode == NG_HIER_UP_TO_FACTOR && w >= 0 &&
            follows(&V->chain, D, &read, Q, w, R) == T_TRUE) {
            V->kind = NG_HIER_FOLLOWS;
            goto done;
        }
        if (pass == 1 && w >= 0) {
            ng_hier_terms_t E;
            ng_hier_terms_init(E);
            for (slong k = 0; k < Dt->length; k++)
                ng_hier_terms_add(E, Dt->keys[k], ng_vec_srcentry(Dt->coeffs, k, R), R);
            st = drop_omitted(E, D, w, absolute, l0, R);
            if (st == NG_OK && P->mode != NG_HIER_ANSATZ &&
                ng_hier_terms_compare(&V->report, E, Q, P->mode, R)) {
                V->kind = NG_HIER_WITHIN_ANSATZ;
                ng_hier_terms_clear(E, R);
                goto done;
            }
            ng_hier_terms_clear(E, R);
            if (st != NG_OK)
                goto done;
        }
    }
    flint_free(V->report);
    V->report = NULL;
    ng_hier_terms_compare(&V->report, Dt, V->damaged ? Qt : Pt, P->mode, R);
    V->kind = P->mode == NG_HIER_ANSATZ && only_unprinted(V->report) ? NG_HIER_INCOMPLETE
                                                                      : NG_HIER_DIFFERS;
done:
    ng_hier_terms_clear(Pt, R);
    ng_hier_terms_clear(Qt, R);
    return st;
}
