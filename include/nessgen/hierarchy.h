/* The N-spin local hierarchy of Sect. IV C (Eqs. 115–152), derived.
 *
 * ρ0 = ρ_PLE + ρ_a (Eq. 126) with ρ_a ∈ Ker L0 leaving every one-site state
 * unchanged (Eq. 127).  In the orthogonal Hermitian basis of Ker L0
 * (kernel.h) Eq. 127 says exactly: ρ_a has no identity component and no
 * single-σ^z component; every basis element of weight ≥ 2 is allowed.  Each
 * allowed element e on a window of sites is an *unknown*, with coefficient
 * c_e and the normalisation of Eq. 129 (σ^0/2 on every site outside its
 * support), so that ρ_a = Σ_e c_e e.
 *
 * A bond equation is the two-site projection
 *     P_(l,l+1) P0 (Σ_parts L_part) (ρ_PLE + Σ_e c_e e) = 0
 * (Eqs. 125, 134) expanded in the Eq. 81 basis; each of its six components is
 * an affine form  K_j(t) + Σ_e a_{e,j} c_e  whose coefficients come from
 * applying the maps to the operators — nothing is typed in.
 *
 * Every function takes the model through a superoperator context whose ring
 * holds the symbols t (N entries: t_1 … t_N of ρ_PLE, Eq. 115). */
#ifndef NESSGEN_HIERARCHY_H
#define NESSGEN_HIERARCHY_H

#include "nessgen/kernel.h"
#include "nessgen/p0l1.h"
#include "nessgen/superop.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Components of the Eq. 81 basis, in ng_kernel_basis_two_spin order. */
enum { NG_HIER_S00, NG_HIER_SZZ, NG_HIER_SZSUM, NG_HIER_RHOA, NG_HIER_RHOB, NG_HIER_RHOC };

/* How sites are written in names: 1-based numbers, relative to the bond's
 * left site l ("l-1", "l+2"), or relative to the last site ("N-1"). */
typedef enum { NG_HIER_ABSOLUTE, NG_HIER_FROM_BOND, NG_HIER_FROM_END } ng_hier_labels;

/* A list of unknowns: the elements e (normalised as in Eq. 129, on the
 * model's N sites) with the names of their coefficients, c^A_{\overline{l-1},l,l+1}
 * (text "cA[l-1*,l,l+1]", * marking the σ^z site, the paper's overline), and of
 * the elements themselves (text "Z[l-1] A(l,l+1)", LaTeX
 * "\sigma^z_{l-1}\rho^{\mathrm{A}}_{l,l+1}"). */
typedef struct {
    slong length;
    ng_op_struct *ops;
    char **ctext, **clatex; /* coefficient names */
    char **etext, **elatex; /* element names */
    int *kind;              /* ng_ker_type */
    int *width;             /* support size */
} ng_hier_unknowns_struct;
typedef ng_hier_unknowns_struct ng_hier_unknowns_t[1];

void ng_hier_unknowns_init(ng_hier_unknowns_t U);
void ng_hier_unknowns_clear(ng_hier_unknowns_t U, const ng_ring_t R);
/* Index of the unknown whose element equals e, or −1. */
slong ng_hier_unknowns_find(const ng_hier_unknowns_t U, const ng_op_t e, const ng_ring_t R);
/* Appends a copy of unknown i of V (names copied). */
void ng_hier_unknowns_append_from(ng_hier_unknowns_t U, const ng_hier_unknowns_t V, slong i,
                                  const ng_ring_t R);
/* The unknowns allowed by Eq. 127 on the contiguous window of sites
 * [first, last] (0-based) of an N-site chain: the Ker L0 basis elements of
 * the window with weight ≥ 2, embedded and normalised (Eq. 129); names use
 * the label scheme with reference site l (FROM_BOND). */
ng_status ng_hier_unknowns_window(ng_hier_unknowns_t U, int first, int last, int N,
                                  ng_hier_labels labels, int l, const ng_ring_t R);
/* A site's label in a scheme, written into buf (size ≥ 16). */
void ng_hier_site_label(char *buf, int site, ng_hier_labels labels, int l, int N);

/* Which L1 parts a bond equation applies: bit b of bonds for L_I(b,b+1)
 * (0-based), and baths bit 0 for L_E(1), bit 1 for L_E(N) (Eqs. 116–120). */
typedef struct {
    int l;               /* the bond (l, l+1), 0-based */
    uint64_t bonds;
    int baths;
    ng_hier_unknowns_t U;
    ng_ptr image;        /* U->length × 6: a_{e,j} */
    ng_ptr ple;          /* 6: K_j(t), the image of ρ_PLE */
    char *window_text;   /* e.g. "l-1..l+2" */
} ng_hier_bond_struct;
typedef ng_hier_bond_struct ng_hier_bond_t[1];

/* Derives the bond equation for the candidates U (taken over) and the given
 * L1 parts; t may be NULL (then ple is left zero).  NG_ECOMPUTE if a
 * projection leaves the Eq. 81 span. */
ng_status ng_hier_bond_init(ng_hier_bond_t E, int l, uint64_t bonds, int baths,
                            ng_hier_unknowns_t U, ng_srcptr t, const ng_superop_ctx_t L);
void ng_hier_bond_clear(ng_hier_bond_t E, const ng_ring_t R);
/* The six Eq. 81 coordinates of P_(l,l+1) P0 (parts) ρ_PLE(t) (Eq. 121 for one bond). */
ng_status ng_hier_ple_component(ng_ptr coeffs, int l, uint64_t bonds, int baths, ng_srcptr t,
                                const ng_superop_ctx_t L);
/* 1 if unknown i enters some component of E (nonzero a_{e,j}). */
int ng_hier_bond_contributes(const ng_hier_bond_t E, slong i, const ng_ring_t R);

/* Eq. 124 and its bath analogue: P_(l,l+1) P0 L_I(m,m+1) = 0 for |m − l| ≥ 2
 * and P_(l,l+1) P0 L_E(e) = 0 for e ∉ {l, l+1}, checked on all 4^n Pauli
 * strings of the n ≤ 5 sites involved (which suffices: the maps act as the
 * identity on the other sites).  Needs N ≥ 4; *nchecked counts the pairs. */
truth_t ng_hier_check_locality(slong *nchecked, const ng_superop_ctx_t L);

/* The telescoped sum (Eqs. 143–149) on the N-site chain of L: every bond
 * equation with the full L1 and candidates on the window l−1..l+2; the ρ^B
 * components are added.  Writes
 *     t_N − t_1 = Σ_e r_e c_e                       (coeffs r, Eq. 149)
 *     t_N − t_1 = Σ_e s_e ⟨O_e⟩,  O_e = 2^{N−|S_e|} e,  s_e = r_e / Tr(e O_e)   (Eq. 150)
 * and kappa with Σ_l K_B(l) = kappa (t_N − t_1) (kappa = α_+/4, derived).
 * NG_ECOMPUTE if the constant part is not a multiple of t_N − t_1 or kappa
 * cannot be inverted. */
typedef struct {
    ng_hier_unknowns_t U; /* unknowns with r_e ≠ 0 */
    ng_ptr r, s, factor;  /* factor_e = Tr(e O_e) */
    ng_ptr kappa;
} ng_hier_sum_struct;
typedef ng_hier_sum_struct ng_hier_sum_t[1];

/* t may be NULL; kappa is found from ρ_PLE at unit vectors t = e_i, and
 * with symbolic t the constant part is checked to be kappa (t_N − t_1). */
ng_status ng_hier_sum_init(ng_hier_sum_t S, ng_srcptr t, const ng_superop_ctx_t L);
void ng_hier_sum_clear(ng_hier_sum_t S, const ng_ring_t R);
/* The Eq. 150 operator Δ with ⟨Δ⟩ = LHS − RHS:  Δ = σ^z_1 − σ^z_N − Σ_e s_e O_e. */
void ng_hier_sum_violation_op(ng_op_t D, const ng_hier_sum_t S, int N, const ng_ring_t R);
/* ⟨Δ⟩_ρ for a state ρ (Pauli basis). */
void ng_hier_sum_violation(ng_ptr res, const ng_hier_sum_t S, const ng_op_t rho,
                           const ng_ring_t R);

/* Route 2.  O = Σ_l (σ^x_l σ^y_{l+1} − σ^y_l σ^x_{l+1}) = Σ_l ρ^B_{l,l+1}, the total
 * spin current; [H0, O] = 0. */
void ng_hier_spin_current(ng_op_t O, int N, const ng_ring_t R);
/* J = L1†(O) = i[H1, O], so Tr(O L1 ρ) = ⟨J⟩_ρ; split into the part from the
 * magnetisation-conserving H1^(0) = P0 H1 (J0, charge 0) and from
 * H1^(≠0) = Q0 H1 (Jn, charge ±1, ±2). */
void ng_hier_current_balance(ng_op_t J0, ng_op_t Jn, const ng_superop_ctx_t L);
/* L2†(O) = Σ_ν ([X_ν, O] S_ν − S_ν† [X_ν, O]), so Tr(O L2 ρ) = ⟨L2†(O)⟩_ρ. */
void ng_hier_l2_adjoint(ng_op_t res, const ng_op_t O, const ng_superop_ctx_t L);
/* The exact relation of the two routes: J0 = k Δ with k returned (in the ring);
 * T_FALSE if J0 is not a multiple of Δ. */
truth_t ng_hier_route_relation(ng_ptr k, const ng_op_t J0, const ng_op_t D, const ng_ring_t R);

/* Comparison with print.  A printed equation is transcribed as data (terms
 * "coefficient expression : key", keys "cA[l-1*,l,l+1]", "t[l+1]", "<A(1,2)>");
 * see src/hierarchy/printed.c. */
typedef enum {
    NG_HIER_UP_TO_FACTOR, /* an "= 0" equation: compared after scaling on its first key */
    NG_HIER_AS_IS,        /* compared coefficient by coefficient */
    NG_HIER_ANSATZ        /* a list "coefficient name : element name" (Eqs. 128, 135) */
} ng_hier_compare_mode;

typedef struct {
    const char *eq;        /* "131" */
    const char *derived;   /* which derived object: "bulk.B", "left.A", "sum", "expect", … */
    const char *printed;   /* the printed LaTeX, as transcribed */
    ng_hier_compare_mode mode;
    int at_l;              /* ≠ 0: compare at the bond l (1-based; ≤ 0: N + at_l) of an
                            * N = NG_HIER_COMPARE_N chain, all labels made absolute */
    int sum_lo, sum_hi;    /* "S:" keys are summed over l = sum_lo … N − sum_hi */
    const char *terms;     /* "coefficient : key ; …" */
    const char *zero;      /* keys set to zero by other printed equations, or NULL */
} ng_hier_printed;

#define NG_HIER_COMPARE_N 6

extern const ng_hier_printed ng_hier_printed_equations[];

/* A term map: keys and coefficients. */
typedef struct {
    slong length;
    char **keys;
    ng_ptr coeffs;
} ng_hier_terms_struct;
typedef ng_hier_terms_struct ng_hier_terms_t[1];

void ng_hier_terms_init(ng_hier_terms_t T);
void ng_hier_terms_clear(ng_hier_terms_t T, const ng_ring_t R);
/* T[key] += c */
void ng_hier_terms_add(ng_hier_terms_t T, const char *key, ng_srcptr c, const ng_ring_t R);
/* Parses the terms of a printed equation: "S:" keys are expanded over
 * l = sum_lo … N − sum_hi; with absolute != 0 every key is made absolute
 * (labels l, l±k at the bond l, 0-based, and N, N−k evaluated).  NG_EINPUT on
 * a malformed transcription or a symbol the ring lacks. */
ng_status ng_hier_terms_parse(ng_hier_terms_t T, const ng_hier_printed *P, int l, int N,
                              int absolute, const ng_ring_t R);
/* The terms of component j of a bond equation: "t[label]" keys (the
 * coefficient of t_i, from ρ_PLE at unit vectors t = e_i; NG_ECOMPUTE if the
 * symbolic t given is not reproduced, i.e. K_j is not linear) and the ctext
 * keys of the unknowns.  Labels in the scheme of the unknowns (for t keys:
 * labels, relative to E->l). */
ng_status ng_hier_bond_terms(ng_hier_terms_t T, const ng_hier_bond_t E, int j, ng_srcptr t,
                             ng_hier_labels labels, const ng_superop_ctx_t L);
/* A key with every label evaluated (l the 0-based bond site) and written
 * 1-based.  NG_EINPUT on a malformed key. */
ng_status ng_hier_key_absolute(char *out, size_t size, const char *key, int l, int N);
/* Compares derived D with printed P (after scaling D on P's first key for
 * NG_HIER_UP_TO_FACTOR).  Appends one line per difference to *report
 * (flint_malloc'd text, *report may be NULL on entry); returns 1 if they
 * agree. */
int ng_hier_terms_compare(char **report, const ng_hier_terms_t D, const ng_hier_terms_t P,
                          ng_hier_compare_mode mode, const ng_ring_t R);

#ifdef __cplusplus
}
#endif

#endif
