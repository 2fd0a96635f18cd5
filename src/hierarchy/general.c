/* The general-N form of the telescoped sum (Eqs. 149–150): the terms derived
 * on one chain grouped into translation classes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/hierarchy.h"

void ng_hier_general_init(ng_hier_general_t G)
{
    G->length = 0;
    G->terms = NULL;
}

void ng_hier_general_clear(ng_hier_general_t G)
{
    flint_free(G->terms);
    ng_hier_general_init(G);
}

/* Sites (1-based), σ^z marks and kind of an absolute key "cA[1*,2,3]". */
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

static int is_t_key(const char *key)
{
    return strchr(key, '[') == NULL || key[key[0] == '<'] == 't';
}

/* Key j is a translate of the key (kind, sites, stars, n) of the same sort. */
static int same_class(const char *keyj, const char *keyi, const char *kind,
                      const int *sites, const int *stars, int n)
{
    int s2[4], st2[4], n2, same;
    char k2[8];
    if (keyj[0] != keyi[0] || is_t_key(keyj))
        return 0;
    n2 = parse_key_sites(s2, st2, k2, keyj);
    same = n2 == n && strcmp(k2, kind) == 0;
    for (int a = 0; same && a < n; a++)
        same = s2[a] - s2[0] == sites[a] - sites[0] && st2[a] == stars[a];
    return same;
}

/* "<cA[l-1*,l,l+1]>" from the sites relative to the centre, or from the
 * nearer end. */
static void write_pattern(char *buf, size_t size, int expect, const char *kind,
                          const int *sites, const int *stars, int n, int centre,
                          int relative, int from_end, int N)
{
    snprintf(buf, size, "%s%s[", expect ? "<" : "", kind);
    for (int a = 0; a < n; a++) {
        char lab[24];
        int o = sites[a] - sites[0] - centre;
        if (relative && o == 0)
            snprintf(lab, sizeof lab, "l");
        else if (relative)
            snprintf(lab, sizeof lab, "l%+d", o);
        else if (from_end && sites[a] != N)
            snprintf(lab, sizeof lab, "N%+d", sites[a] - N);
        else if (from_end)
            snprintf(lab, sizeof lab, "N");
        else
            snprintf(lab, sizeof lab, "%d", sites[a]);
        strncat(buf, a ? "," : "", size - strlen(buf) - 1);
        strncat(buf, lab, size - strlen(buf) - 1);
        if (stars[a])
            strncat(buf, "*", size - strlen(buf) - 1);
    }
    strncat(buf, expect ? "]>" : "]", size - strlen(buf) - 1);
}

void ng_hier_general_form(ng_hier_general_t G, const ng_hier_terms_t T, int N,
                          const ng_ring_t R)
{
    int *done = flint_calloc(T->length + 1, sizeof(int));
    ng_hier_general_clear(G);
    G->terms = flint_malloc(FLINT_MAX(T->length, 1) * sizeof(ng_hier_general_term));
    for (slong i = 0; i < T->length; i++) {
        ng_hier_general_term *g = G->terms + G->length;
        int sites[4], stars[4], n, w, expect = T->keys[i][0] == '<';
        char kind[8];
        slong count = 0;
        int uniform = 1;
        if (done[i])
            continue;
        if (is_t_key(T->keys[i])) {
            snprintf(g->pattern, sizeof g->pattern, "%s",
                     strcmp(T->keys[i], "t[1]") == 0 ? "t[1]" : "t[N]");
            g->sum = 0;
            g->coeff = i;
            G->length++;
            done[i] = 1;
            continue;
        }
        n = parse_key_sites(sites, stars, kind, T->keys[i]);
        w = sites[n - 1] - sites[0] + 1;
        for (slong j = 0; j < T->length; j++) {
            if (!same_class(T->keys[j], T->keys[i], kind, sites, stars, n))
                continue;
            count++;
            if (ng_elem_equal(ng_vec_srcentry(T->coeffs, j, R),
                              ng_vec_srcentry(T->coeffs, i, R), R) != T_TRUE)
                uniform = 0;
        }
        if (uniform && count == N - w + 1 && N - w + 1 > 1) {
            int centre = (w - 1) / 2;
            write_pattern(g->pattern, sizeof g->pattern, expect, kind, sites, stars, n,
                          centre, 1, 0, N);
            g->sum = 1;
            g->lo = 1 + centre;
            g->hi = w - 1 - centre;
            for (slong j = 0; j < T->length; j++)
                if (same_class(T->keys[j], T->keys[i], kind, sites, stars, n))
                    done[j] = 1;
        } else {
            write_pattern(g->pattern, sizeof g->pattern, expect, kind, sites, stars, n, 0,
                          0, sites[n - 1] == N && sites[0] != 1, N);
            g->sum = 0;
            done[i] = 1;
        }
        g->coeff = i;
        G->length++;
    }
    flint_free(done);
}
