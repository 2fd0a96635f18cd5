/* The unknowns of ρ_a (Eqs. 126–129): Ker L0 basis elements of weight ≥ 2 on a
 * window of sites, normalised with σ^0/2 off their support, and their names. */
#include <stdio.h>
#include <string.h>

#include "nessgen/hierarchy.h"

static char *copy_str(const char *s)
{
    char *r = flint_malloc(strlen(s) + 1);
    strcpy(r, s);
    return r;
}

void ng_hier_unknowns_init(ng_hier_unknowns_t U)
{
    memset(U, 0, sizeof(ng_hier_unknowns_struct));
}

void ng_hier_unknowns_clear(ng_hier_unknowns_t U, const ng_ring_t R)
{
    for (slong i = 0; i < U->length; i++) {
        ng_op_clear(U->ops + i, R);
        flint_free(U->ctext[i]);
        flint_free(U->clatex[i]);
        flint_free(U->etext[i]);
        flint_free(U->elatex[i]);
    }
    flint_free(U->ops);
    flint_free(U->ctext);
    flint_free(U->clatex);
    flint_free(U->etext);
    flint_free(U->elatex);
    flint_free(U->kind);
    flint_free(U->width);
    ng_hier_unknowns_init(U);
}

/* Takes over op and the names. */
static void push_unknown(ng_hier_unknowns_t U, ng_op_t op, char *ctext, char *clatex,
                         char *etext, char *elatex, int kind, int width, const ng_ring_t R)
{
    slong n = U->length + 1;
    U->ops = flint_realloc(U->ops, n * sizeof(ng_op_struct));
    U->ctext = flint_realloc(U->ctext, n * sizeof(char *));
    U->clatex = flint_realloc(U->clatex, n * sizeof(char *));
    U->etext = flint_realloc(U->etext, n * sizeof(char *));
    U->elatex = flint_realloc(U->elatex, n * sizeof(char *));
    U->kind = flint_realloc(U->kind, n * sizeof(int));
    U->width = flint_realloc(U->width, n * sizeof(int));
    ng_op_init(U->ops + U->length, op->nsites, NG_PAULI, R);
    ng_op_swap(U->ops + U->length, op);
    U->ctext[U->length] = ctext;
    U->clatex[U->length] = clatex;
    U->etext[U->length] = etext;
    U->elatex[U->length] = elatex;
    U->kind[U->length] = kind;
    U->width[U->length] = width;
    U->length = n;
}

void ng_hier_unknowns_append_from(ng_hier_unknowns_t U, const ng_hier_unknowns_t V, slong i,
                                  const ng_ring_t R)
{
    ng_op_t op;
    ng_op_init(op, V->ops[i].nsites, NG_PAULI, R);
    ng_op_set(op, V->ops + i, R);
    push_unknown(U, op, copy_str(V->ctext[i]), copy_str(V->clatex[i]), copy_str(V->etext[i]),
                 copy_str(V->elatex[i]), V->kind[i], V->width[i], R);
}

slong ng_hier_unknowns_find(const ng_hier_unknowns_t U, const ng_op_t e, const ng_ring_t R)
{
    for (slong i = 0; i < U->length; i++) {
        const ng_op_struct *u = U->ops + i;
        if (u->length != e->length || u->length == 0 ||
            !ng_string_equal(u->keys[0].s, e->keys[0].s))
            continue;
        if (ng_op_equal(U->ops + i, e, R) == T_TRUE)
            return i;
    }
    return -1;
}

void ng_hier_site_label(char *buf, int site, ng_hier_labels labels, int l, int N)
{
    int o;
    switch (labels) {
    case NG_HIER_FROM_BOND:
        o = site - l;
        if (o == 0)
            snprintf(buf, 16, "l");
        else
            snprintf(buf, 16, "l%+d", o);
        break;
    case NG_HIER_FROM_END:
        o = site - (N - 1);
        if (o == 0)
            snprintf(buf, 16, "N");
        else
            snprintf(buf, 16, "N%+d", o);
        break;
    default:
        snprintf(buf, 16, "%d", site + 1);
    }
}

static void append(char *buf, size_t size, const char *s)
{
    strncat(buf, s, size - strlen(buf) - 1);
}

/* The ladder representative of an off-diagonal element (σ^+ on its first
 * ladder site), from which the names are read. */
static ng_string ladder_representative(const ng_op_t e, const ng_ring_t R)
{
    ng_op_t lad;
    ng_string best = {0, 0};
    ng_op_init(lad, e->nsites, NG_LADDER, R);
    ng_op_to_ladder(lad, e, R);
    for (slong i = 0; i < lad->length; i++) {
        ng_string s = lad->keys[i].s;
        int first = __builtin_ctzll(s.x);
        if (ng_string_get_letter(s, first) == NG_LPLUS) {
            best = s;
            break;
        }
    }
    ng_op_clear(lad, R);
    return best;
}

/* Names of an element of kind A/B (k ladder sites) or diagonal, following the
 * paper: σ^z factors left of the last ladder site before ρ, the rest after
 * (Eq. 128); coefficient subscripts list the support with the σ^z sites
 * overlined. */
static void element_names(char *ctext, char *clatex, char *etext, char *elatex, size_t size,
                          const ng_op_t e, int kind, ng_hier_labels labels, int l, int N,
                          const ng_ring_t R)
{
    ng_string s = kind == NG_KER_DIAGONAL ? e->keys[0].s : ladder_representative(e, R);
    int k = __builtin_popcountll(s.x), last = s.x ? 63 - __builtin_clzll(s.x) : -1;
    const char *kname = kind == NG_KER_DIAGONAL ? "Z" : (kind == NG_KER_A ? "A" : "B");
    char pre_t[128] = "", pre_l[128] = "", post_t[128] = "", post_l[128] = "";
    char rho_t[128] = "", rho_l[128] = "", lab[16], buf[64];
    int first = 1;

    snprintf(ctext, size, "c%s%s[", kname, k > 2 ? "4" : "");
    snprintf(clatex, size, "c^{\\mathrm{%s}}_{", kname);
    for (int site = 0; site < N; site++) {
        int letter = ng_string_get_letter(s, site);
        if (letter == NG_L0)
            continue;
        ng_hier_site_label(lab, site, labels, l, N);
        const char *sign = k > 2 ? (letter == NG_LPLUS ? "+" : "-") : "";
        int z = letter == NG_LZ && kind != NG_KER_DIAGONAL;
        snprintf(buf, sizeof buf, "%s%s%s%s", first ? "" : ",", lab, sign, z ? "*" : "");
        append(ctext, size, buf);
        if (z)
            snprintf(buf, sizeof buf, "%s\\overline{%s}", first ? "" : ",", lab);
        else if (k > 2 && letter != NG_LZ)
            snprintf(buf, sizeof buf, "%s%s^{%s}", first ? "" : ",", lab, sign);
        else
            snprintf(buf, sizeof buf, "%s%s", first ? "" : ",", lab);
        append(clatex, size, buf);
        first = 0;
        if (letter == NG_LZ) {
            int pre = kind == NG_KER_DIAGONAL || site < last;
            snprintf(buf, sizeof buf, "Z[%s] ", lab);
            append(pre ? pre_t : post_t, sizeof pre_t, buf);
            snprintf(buf, sizeof buf, "\\sigma^z_{%s}", lab);
            append(pre ? pre_l : post_l, sizeof pre_l, buf);
        } else {
            snprintf(buf, sizeof buf, "%s%s%s", rho_t[0] ? "," : "", lab, sign);
            append(rho_t, sizeof rho_t, buf);
            if (k > 2)
                snprintf(buf, sizeof buf, "%s%s^{%s}", rho_l[0] ? "," : "", lab, sign);
            else
                snprintf(buf, sizeof buf, "%s%s", rho_l[0] ? "," : "", lab);
            append(rho_l, sizeof rho_l, buf);
        }
    }
    append(ctext, size, "]");
    append(clatex, size, "}");
    if (kind == NG_KER_DIAGONAL) {
        snprintf(etext, size, "%s", pre_t);
        if (etext[0])
            etext[strlen(etext) - 1] = '\0';
        snprintf(elatex, size, "%s", pre_l);
        return;
    }
    snprintf(etext, size, "%s%s(%s)%s%s", pre_t, kname, rho_t, post_t[0] ? " " : "", post_t);
    if (post_t[0])
        etext[strlen(etext) - 1] = '\0';
    snprintf(elatex, size, "%s\\rho^{\\mathrm{%s}}_{%s}%s", pre_l, kname, rho_l, post_l);
}

ng_status ng_hier_unknowns_window(ng_hier_unknowns_t U, int first, int last, int N,
                                  ng_hier_labels labels, int l, const ng_ring_t R)
{
    ng_named_basis_t B;
    int w = last - first + 1;
    uint64_t mask;
    ng_status st;
    if (first < 0 || last >= N || w < 1 || w > 6)
        return ng_error(NG_EINPUT, "hierarchy window: sites %d..%d of %d (at most 6) expected",
                        first + 1, last + 1, N);
    mask = ((UINT64_C(1) << w) - 1) << first;
    ng_named_basis_init(B);
    st = ng_kernel_basis(B, w, R);
    for (slong i = 0; st == NG_OK && i < B->length; i++) {
        ng_op_t e;
        ng_ptr c;
        char ct[256], cl[256], et[256], el[256];
        int width = ng_string_weight(B->ops[i].keys[0].s);
        if (width < 2)
            continue; /* identity and single σ^z change the one-site states (Eq. 127) */
        ng_op_init(e, N, NG_PAULI, R);
        ng_op_embed(e, B->ops + i, mask, N, R);
        c = ng_elem_new(R);
        ng_elem_one(c, R);
        ng_elem_mul_2exp_si(c, c, -(N - width), R); /* σ^0/2 off the support (Eq. 129) */
        ng_op_scalar_mul(e, e, c, R);
        ng_elem_free(c, R);
        element_names(ct, cl, et, el, sizeof ct, e, B->types[i], labels, l, N, R);
        push_unknown(U, e, copy_str(ct), copy_str(cl), copy_str(et), copy_str(el), B->types[i],
                     width, R);
        ng_op_clear(e, R);
    }
    ng_named_basis_clear(B, R);
    return st;
}
