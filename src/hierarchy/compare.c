/* Term maps and the comparison of derived equations with printed ones. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/expr.h"
#include "nessgen/hierarchy.h"

void ng_hier_terms_init(ng_hier_terms_t T)
{
    T->length = 0;
    T->keys = NULL;
    T->coeffs = NULL;
}

void ng_hier_terms_clear(ng_hier_terms_t T, const ng_ring_t R)
{
    for (slong i = 0; i < T->length; i++)
        flint_free(T->keys[i]);
    flint_free(T->keys);
    if (T->coeffs != NULL)
        ng_vec_clear(T->coeffs, T->length, R);
    ng_hier_terms_init(T);
}

static slong find_key(const ng_hier_terms_t T, const char *key)
{
    for (slong i = 0; i < T->length; i++)
        if (strcmp(T->keys[i], key) == 0)
            return i;
    return -1;
}

void ng_hier_terms_add(ng_hier_terms_t T, const char *key, ng_srcptr c, const ng_ring_t R)
{
    slong i = find_key(T, key);
    if (i < 0) {
        i = T->length;
        T->coeffs = T->coeffs == NULL ? ng_vec_init(1, R) : ng_vec_grow(T->coeffs, i, i + 1, R);
        T->keys = flint_realloc(T->keys, (i + 1) * sizeof(char *));
        T->keys[i] = flint_malloc(strlen(key) + 1);
        strcpy(T->keys[i], key);
        T->length = i + 1;
    }
    ng_elem_add(ng_vec_entry(T->coeffs, i, R), ng_vec_entry(T->coeffs, i, R), c, R);
}

/* "l", "l+2", "N-1", "3" (with a trailing "*" or sign marker removed by the
 * caller) → 0-based site. */
static int eval_label(int *site, const char *s, int l, int N)
{
    char *end;
    long base, off = 0;
    if (s[0] == 'l')
        base = l;
    else if (s[0] == 'N')
        base = N - 1;
    else {
        base = strtol(s, &end, 10) - 1;
        if (end == s || *end != '\0')
            return -1;
        *site = (int)base;
        return 0;
    }
    if (s[1] != '\0') {
        off = strtol(s + 1, &end, 10);
        if (*end != '\0' || (s[1] != '+' && s[1] != '-'))
            return -1;
    }
    *site = (int)(base + off);
    return 0;
}

ng_status ng_hier_key_absolute(char *out, size_t size, const char *key, int l, int N)
{
    const char *open = strchr(key, '['), *close = strrchr(key, ']');
    char inner[128], *tok, *save = NULL;
    size_t pre;
    if (open == NULL || close == NULL || close < open ||
        (size_t)(close - open - 1) >= sizeof inner || (size_t)(open - key + 2) >= size)
        return ng_error(NG_EINPUT, "hierarchy: malformed key '%s'", key);
    pre = (size_t)(open - key) + 1;
    memcpy(out, key, pre);
    out[pre] = '\0';
    memcpy(inner, open + 1, (size_t)(close - open - 1));
    inner[close - open - 1] = '\0';
    for (tok = strtok_r(inner, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        size_t n = strlen(tok);
        int star = n > 0 && tok[n - 1] == '*', site;
        char buf[32];
        if (star)
            tok[--n] = '\0';
        if (eval_label(&site, tok, l, N) != 0)
            return ng_error(NG_EINPUT, "hierarchy: malformed site label '%s' in '%s'", tok, key);
        snprintf(buf, sizeof buf, "%s%d%s", out[strlen(out) - 1] == '[' ? "" : ",", site + 1,
                 star ? "*" : "");
        strncat(out, buf, size - strlen(out) - 1);
    }
    strncat(out, close, size - strlen(out) - 1);
    return NG_OK;
}

static ng_status parse_coefficient(ng_ptr c, const char *text, const ng_ring_t R)
{
    ng_expr *e = NULL;
    ng_status st = ng_expr_parse(&e, text, "printed coefficient");
    if (st == NG_OK)
        st = ng_expr_eval(c, e, R);
    ng_expr_free(e);
    return st;
}

static void trim(char *s)
{
    size_t n = strlen(s), a = 0;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        s[--n] = '\0';
    while (s[a] == ' ')
        a++;
    memmove(s, s + a, n - a + 1);
}

ng_status ng_hier_terms_parse(ng_hier_terms_t T, const ng_hier_printed *P, int l, int N,
                              int absolute, const ng_ring_t R)
{
    char *copy = flint_malloc(strlen(P->terms) + 1), *term, *save = NULL;
    ng_ptr c = ng_elem_new(R);
    ng_status st = NG_OK;
    strcpy(copy, P->terms);
    for (term = strtok_r(copy, ";", &save); term != NULL && st == NG_OK;
         term = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(term, ':'), key[160];
        int sum;
        if (colon == NULL || colon == term) {
            st = ng_error(NG_EINPUT, "Eq. %s: malformed printed term '%s'", P->eq, term);
            break;
        }
        *colon = '\0';
        trim(term);
        snprintf(key, sizeof key, "%s", colon + 1);
        trim(key);
        sum = strncmp(key, "S:", 2) == 0; /* a Σ_l term */
        if (sum)
            memmove(key, key + 2, strlen(key + 2) + 1);
        if (P->mode == NG_HIER_ANSATZ) {
            char both[400];
            snprintf(both, sizeof both, "%s : %s", term, key);
            ng_elem_one(c, R);
            ng_hier_terms_add(T, both, c, R);
            continue;
        }
        st = parse_coefficient(c, term, R);
        if (st != NG_OK)
            break;
        if (sum) {
            for (int L = P->sum_lo; L <= N - P->sum_hi && st == NG_OK; L++) {
                char abs[160];
                const char *k = key[0] == '<' ? key + 1 : key;
                st = ng_hier_key_absolute(abs + (key[0] == '<'), sizeof abs - 2, k, L - 1, N);
                if (key[0] == '<')
                    abs[0] = '<';
                ng_hier_terms_add(T, abs, c, R);
            }
        } else if (absolute) {
            char abs[160];
            const char *k = key[0] == '<' ? key + 1 : key;
            st = ng_hier_key_absolute(abs + (key[0] == '<'), sizeof abs - 2, k, l, N);
            if (key[0] == '<')
                abs[0] = '<';
            if (st == NG_OK)
                ng_hier_terms_add(T, abs, c, R);
        } else {
            ng_hier_terms_add(T, key, c, R);
        }
    }
    flint_free(copy);
    ng_elem_free(c, R);
    return st;
}

ng_status ng_hier_bond_terms(ng_hier_terms_t T, const ng_hier_bond_t E, int j, ng_srcptr t,
                             ng_hier_labels labels, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    int N = L->N;
    ng_ptr e = ng_vec_init(N, R), K = ng_vec_init(6, R), sum = ng_elem_new(R);
    ng_status st = NG_OK;
    for (int i = 0; i < N && st == NG_OK; i++) {
        char lab[16], key[32];
        ng_elem_one(ng_vec_entry(e, i, R), R);
        st = ng_hier_ple_component(K, E->l, E->bonds, E->baths, e, L);
        ng_elem_zero(ng_vec_entry(e, i, R), R);
        if (st != NG_OK || ng_elem_is_exact_zero(ng_vec_entry(K, j, R), R))
            continue;
        ng_hier_site_label(lab, i, labels, E->l, N);
        snprintf(key, sizeof key, "t[%s]", lab);
        ng_hier_terms_add(T, key, ng_vec_entry(K, j, R), R);
        if (t != NULL)
            ng_elem_addmul(sum, ng_vec_entry(K, j, R), ng_vec_srcentry(t, i, R), R);
    }
    if (st == NG_OK && t != NULL &&
        ng_elem_equal(sum, ng_vec_srcentry(E->ple, j, R), R) != T_TRUE)
        st = ng_error(NG_ECOMPUTE, "hierarchy: the rho_PLE part at bond (%d,%d) is not "
                                   "linear in t", E->l + 1, E->l + 2);
    for (slong i = 0; i < E->U->length && st == NG_OK; i++) {
        ng_srcptr a = ng_vec_srcentry(E->image, 6 * i + j, R);
        if (!ng_elem_is_exact_zero(a, R))
            ng_hier_terms_add(T, E->U->ctext[i], a, R);
    }
    ng_vec_clear(e, N, R);
    ng_vec_clear(K, 6, R);
    ng_elem_free(sum, R);
    return st;
}

static void report_line(char **report, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    size_t old = *report == NULL ? 0 : strlen(*report);
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    *report = flint_realloc(*report, old + strlen(line) + 2);
    if (old == 0)
        (*report)[0] = '\0';
    strcat(*report, line);
    strcat(*report, "\n");
}

int ng_hier_terms_compare(char **report, const ng_hier_terms_t D, const ng_hier_terms_t P,
                          ng_hier_compare_mode mode, const ng_ring_t R)
{
    ng_ptr f = ng_elem_new(R), x = ng_elem_new(R);
    int agree = 1;
    ng_elem_one(f, R);
    if (mode == NG_HIER_UP_TO_FACTOR && P->length > 0) {
        slong i = find_key(D, P->keys[0]);
        if (i < 0 || !ng_elem_div(f, ng_vec_srcentry(P->coeffs, 0, R),
                                  ng_vec_srcentry(D->coeffs, i, R), R)) {
            report_line(report, "the printed term in `%s` has no derived counterpart; "
                                "compared without scaling", P->keys[0]);
            ng_elem_one(f, R);
        }
    }
    for (slong i = 0; i < P->length; i++) {
        slong k = find_key(D, P->keys[i]);
        char *ps = ng_elem_get_str(ng_vec_srcentry(P->coeffs, i, R), 10, R);
        if (k < 0) {
            agree = 0;
            report_line(report, "printed term `(%s) %s`: %s", ps, P->keys[i],
                        mode == NG_HIER_ANSATZ ? "not among the derived contributing elements"
                                               : "no such derived term");
        } else if (mode != NG_HIER_ANSATZ) {
            ng_elem_mul(x, f, ng_vec_srcentry(D->coeffs, k, R), R);
            if (ng_elem_equal(x, ng_vec_srcentry(P->coeffs, i, R), R) != T_TRUE) {
                char *ds = ng_elem_get_str(x, 10, R);
                agree = 0;
                report_line(report, "`%s`: printed coefficient `%s`, derived `%s`", P->keys[i],
                            ps, ds);
                flint_free(ds);
            }
        }
        flint_free(ps);
    }
    for (slong k = 0; k < D->length; k++) {
        if (find_key(P, D->keys[k]) >= 0 ||
            ng_elem_is_zero(ng_vec_srcentry(D->coeffs, k, R), R) == T_TRUE)
            continue;
        ng_elem_mul(x, f, ng_vec_srcentry(D->coeffs, k, R), R);
        char *ds = ng_elem_get_str(x, 10, R);
        agree = 0;
        if (mode == NG_HIER_ANSATZ)
            report_line(report, "derived contributing element `%s` is not printed", D->keys[k]);
        else
            report_line(report, "derived term `(%s) %s` is not printed", ds, D->keys[k]);
        flint_free(ds);
    }
    ng_elem_free(f, R);
    ng_elem_free(x, R);
    return agree;
}
