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
#include "nessgen/model.h"
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
    /* Where our copy (a text extraction of the paper) is damaged: the terms of
     * the evident reading, its LaTeX and what the damage is; NULL if the
     * extraction reads cleanly.  The reading is compared too, never instead. */
    const char *reading, *reading_latex, *damage;
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

/* ---- the derivation of Sect. IV C, assembled ------------------------------ */

/* A model on N sites whose ring holds the symbols t1 … tN of ρ_PLE (Eq. 115),
 * with its superoperator context and the vector t = (t1, …, tN). */
typedef struct {
    ng_model_t M;
    ng_superop_ctx_t L;
    ng_ptr t;
    int ready; /* set by a successful init; clear is a no-op otherwise */
} ng_hier_chain_struct;
typedef ng_hier_chain_struct ng_hier_chain_t[1];

/* Resolves spec (NULL: the generic preset, every α_jk symbolic) on N sites
 * (N ≤ 64) with symbolic defaults and the symbols t1 … tN added; spec is
 * copied, not changed.  paper_bath: the generic preset with the bath coupling
 * of the same form as the spin-spin coupling, α_1^z = −α_zz t_L,
 * α_N^z = −α_zz t_R (used for Eq. 150); spec is then ignored.  NG_EINPUT if
 * the model's ring is not Q(params) (the derivation is symbolic). */
ng_status ng_hier_chain_init(ng_hier_chain_t C, const ng_model_spec *spec, int N,
                             int paper_bath);
void ng_hier_chain_clear(ng_hier_chain_t C);

/* The three window equations on a 4-site chain: the bulk bond (l, l+1) with
 * L_I(l−1,l) + L_I(l,l+1) + L_I(l+1,l+2) (Eq. 125, unknowns on l−1..l+2), the
 * left edge with L_E(1) + L_I(1,2) + L_I(2,3) (Eq. 134, sites 1..3) and its
 * mirror image at the right edge (sites N−2..N). */
typedef enum { NG_HIER_BULK, NG_HIER_LEFT, NG_HIER_RIGHT } ng_hier_window_kind;

/* Order of the components in ng_hier_window_struct.comp: ρ^B, ρ^A, ρ^C
 * (the paper's Eqs. 131–133, 137–139, 140–142), then σ^0z + σ^z0, σ^zz, σ^00
 * (not in the paper; they vanish). */
extern const int ng_hier_window_component[6];

typedef struct {
    const char *name;        /* "bulk", "left", "right" */
    ng_hier_labels labels;   /* FROM_BOND, ABSOLUTE, FROM_END */
    ng_hier_bond_t E;        /* the bond equation with every allowed unknown */
    ng_hier_terms_t comp[6]; /* its components, ng_hier_window_component order */
    int other_zero;          /* the σ^0z+σ^z0, σ^zz, σ^00 components vanish */
    slong nallowed;          /* window elements allowed by Eq. 127 */
    slong ncontrib;          /* of these, the ones entering the equation (Eqs. 128, 135) */
} ng_hier_window_struct;
typedef ng_hier_window_struct ng_hier_window_t[1];

/* Derives window equation w on the 4-site chain C.  W must be cleared with
 * ng_hier_window_clear even on failure (NG_ECOMPUTE from ng_hier_bond_init or
 * ng_hier_bond_terms). */
ng_status ng_hier_window_init(ng_hier_window_t W, ng_hier_window_kind w,
                              const ng_hier_chain_t C);
void ng_hier_window_clear(ng_hier_window_t W, const ng_ring_t R);

/* The site (1-based) a t key ("t[l+1]", "t[N]", "t[3]") names, its label
 * evaluated at the bond l = 10 (0-based) of a 100-site chain, so that relative
 * keys order as their sites do; −1 on a malformed key. */
int ng_hier_key_site(const char *key);
/* The LaTeX of a key, written into out (size bytes):
 * "cA[l-1*,l,l+1]" → c^{\mathrm{A}}_{\overline{l-1},l,l+1}, "t[l]" → t_{l},
 * "<cA[1*,2,3]>" → \langle\sigma^z_{1}\rho^{\mathrm{A}}_{2,3}\rangle; a key
 * without brackets is copied. */
void ng_hier_key_latex(char *out, size_t size, const char *key);

/* The "= 0" equation T solved for the difference of its t's (Eqs. 143–148):
 * T divided by the coefficient of its t key of the highest site, which becomes
 * S's first term with coefficient 1; the other terms follow in T's order.  S
 * (initialised, empty) is left empty if T has no t key or that coefficient
 * cannot be inverted.  S and T must not alias. */
void ng_hier_terms_solve(ng_hier_terms_t S, const ng_hier_terms_t T, const ng_ring_t R);

/* The general-N form of a sum derived on an N-site chain (Eqs. 149, 150): its
 * terms grouped into translation classes (same kind, same offsets and σ^z
 * marks).  A class occupying every position of the chain with one coefficient
 * becomes a term Σ_{l=lo}^{N−hi} with labels relative to its centre l; other
 * terms stay single, labelled from the nearer end ("N-1"); t keys become
 * "t[1]" or "t[N]". */
typedef struct {
    char pattern[96]; /* a key, labels relative to l, to N, or absolute */
    int sum;          /* 1: Σ_{l=lo}^{N−hi} pattern */
    int lo, hi;
    slong coeff;      /* index of the coefficient in the source terms */
} ng_hier_general_term;

typedef struct {
    slong length;
    ng_hier_general_term *terms;
} ng_hier_general_struct;
typedef ng_hier_general_struct ng_hier_general_t[1];

void ng_hier_general_init(ng_hier_general_t G);
void ng_hier_general_clear(ng_hier_general_t G);
/* Sets G to the general form of T on N sites.  O(T->length²). */
void ng_hier_general_form(ng_hier_general_t G, const ng_hier_terms_t T, int N,
                          const ng_ring_t R);

/* The derived sum on N sites as an "= 0" equation in terms:
 * t_N − t_1 − Σ_e r_e c_e (Eq. 149), or with expect ≠ 0 t_N − t_1 − Σ_e s_e ⟨O_e⟩
 * (Eq. 150; keys "<cA[...]>").  Adds to T. */
void ng_hier_sum_terms(ng_hier_terms_t T, const ng_hier_sum_t S, int N, int expect,
                       const ng_ring_t R);
/* Only the right-hand side Σ_e r_e c_e (or Σ_e s_e ⟨O_e⟩).  Adds to T. */
void ng_hier_sum_rhs_terms(ng_hier_terms_t T, const ng_hier_sum_t S, int expect,
                           const ng_ring_t R);

/* Sets used[v] = 1 for every ring parameter v some coefficient of T contains
 * (used has R->nvars entries). */
void ng_hier_terms_symbols(int *used, const ng_hier_terms_t T, const ng_ring_t R);
/* 1 if every coefficient c of T has ∂c/∂α_xx = ∂c/∂α_yy, i.e. depends on
 * α_xx and α_yy only through α_+ = α_xx + α_yy (also 1 if the ring lacks
 * them). */
int ng_hier_terms_only_via_alpha_plus(const ng_hier_terms_t T, const ng_ring_t R);

#define NG_HIER_NMAX_SUM 10 /* the largest N the telescoped sum is derived for */

/* Everything `nessgen hierarchy` reports. */
typedef struct {
    ng_hier_chain_t c4;          /* N = 4: Eqs. 121–124 and the windows */
    ng_ptr eq121;                /* 6: P_(2,3) P0 L_I(2,3) ρ_PLE in the Eq. 81 basis */
    ng_hier_terms_t eq121_terms; /* its ρ^B component as terms in t[l], t[l+1] (Eq. 121) */
    truth_t eq121_factorises, eq122, eq123, eq124;
    slong eq124_pairs;
    ng_hier_window_t win[3];     /* ng_hier_window_kind order */
    int nwin;                    /* windows initialised */
    int nsum;                    /* the sums are derived for N = 3 … nsum */
    ng_hier_chain_t cs[NG_HIER_NMAX_SUM + 1]; /* the chains for the sums */
    ng_hier_sum_t sum[NG_HIER_NMAX_SUM + 1];  /* Eqs. 143–149 at N */
    int sum_ready[NG_HIER_NMAX_SUM + 1];
    ng_hier_terms_t rhs[NG_HIER_NMAX_SUM + 1];   /* Σ r_e c_e (Eq. 149) */
    ng_hier_terms_t rhs_e[NG_HIER_NMAX_SUM + 1]; /* Σ s_e ⟨O_e⟩ (Eq. 150) */
    ng_hier_chain_t cp;          /* paper bath, N = NG_HIER_COMPARE_N (generic model only) */
    ng_hier_sum_t sum_p;
    int sum_p_ready;
    ng_hier_terms_t rhs_p;       /* Eq. 150 with the paper's bath */
    /* route 2 on the generic chain cs[NG_HIER_COMPARE_N]: J0 = k Δ (route_ok),
     * Jn, and L2†(O) of the spin current O; k == NULL if not derived */
    ng_op_t J0, Jn, D, L2O;
    ng_ptr k;
    truth_t route_ok;
    int generic_only_sum;        /* α_xx, α_yy enter the windows only through α_+ */
    char symbols[512];           /* the parameters in the window equations, ", "-separated */
} ng_hier_derivation_struct;
typedef ng_hier_derivation_struct ng_hier_derivation_t[1];

/* Derives Sect. IV C for spec (NULL: the generic preset, and then also Eq. 150
 * with the paper's bath) with the sums for N = 3 … nsum.  NG_EINPUT unless
 * NG_HIER_COMPARE_N ≤ nsum ≤ NG_HIER_NMAX_SUM or if the model is not symbolic;
 * NG_ECOMPUTE from the steps.  D must be cleared even on failure.  The sums
 * dominate the cost, growing quickly with nsum. */
ng_status ng_hier_derivation_init(ng_hier_derivation_t D, const ng_model_spec *spec, int nsum);
void ng_hier_derivation_clear(ng_hier_derivation_t D);

/* Writes D as `nessgen hierarchy` does (src/hierarchy/write.c): text, a
 * LaTeX derivation or JSON (schemas/hierarchy.json), by o->format (emit.h). */
struct ng_emit_opts_struct;
void ng_hier_derivation_write(FILE *out, const ng_hier_derivation_t D,
                              const struct ng_emit_opts_struct *o);
/* `nessgen hierarchy compare` (src/hierarchy/write_compare.c): D against the
 * printed equations as Markdown, with the provenance of command_line; the
 * boundary-field table computes ρ0 with the engine (progress, if not NULL,
 * gets a line per N).  NG_ECOMPUTE if a verdict cannot be made. */
ng_status ng_hier_comparison_write(FILE *out, const ng_hier_derivation_t D,
                                   const char *command_line, FILE *progress);

/* The derived terms a printed equation is compared with (its "derived"
 * field), with the keys P->zero set to zero.  Writes the chain whose ring the
 * terms live in to *C, and the bond (0-based) and label mode for
 * ng_hier_terms_parse to *l0 and *absolute.  NG_EINPUT on a malformed key. */
ng_status ng_hier_derivation_printed_terms(ng_hier_terms_t T, const ng_hier_chain_struct **C,
                                           int *l0, int *absolute,
                                           const ng_hier_derivation_t D,
                                           const ng_hier_printed *P);

/* ---- what a comparison means (src/hierarchy/verdict.c) ---------------- */

/* 1 (T_TRUE) if target is a linear combination of rows (keys as coordinates);
 * T_UNKNOWN if balls cannot decide a rank. */
truth_t ng_hier_terms_in_span(const ng_hier_terms_t target, const ng_hier_terms_struct *rows,
                              slong n, const ng_ring_t R);

/* The bulk window's derived components (all six) against Eqs. 133, 139,
 * 142: *same says whether c^B_{l,l+1} = c^B_{l−1,l} follows from them (it
 * should: c^B is the same on every bond), *zero whether c^B_{l,l+1} = 0
 * follows from them alone (it should not: the edge windows make it zero);
 * decided by ng_hier_terms_in_span. */
void ng_hier_bulk_cB(truth_t *same, truth_t *zero, const ng_hier_derivation_t D);

/* The derived contributing elements of a window that the printed ansatz
 * (Eq. 128 as read, Eq. 135, Eq. 135 mirrored at the right edge) leaves
 * out, by coefficient name, and the claims about them, decided here:
 * all_current_like (every one is ρ^B-type), outside_rhoB (none enters the
 * window's ρ^B equation, the one telescoped into Eqs. 143–150) and
 * sums_without_B (no ρ^B-type coefficient in the derived Eq. 149 for any N). */
typedef struct {
    slong n;
    char **keys;
    int all_current_like, outside_rhoB, sums_without_B;
} ng_hier_omitted_struct;
typedef ng_hier_omitted_struct ng_hier_omitted_t[1];

void ng_hier_omitted_init(ng_hier_omitted_t O, const ng_hier_derivation_t D,
                          ng_hier_window_kind w);
void ng_hier_omitted_clear(ng_hier_omitted_t O);

typedef enum {
    NG_HIER_AGREES,        /* as printed (or, if damaged, as evidently read) */
    NG_HIER_FOLLOWS,       /* an "= 0" equation that is a linear consequence of the
                            * derived equations (of its window, or of the chain) */
    NG_HIER_WITHIN_ANSATZ, /* agrees once the elements the printed ansatz leaves out
                            * are set to zero */
    NG_HIER_INCOMPLETE,    /* an ansatz: every printed element is derived, some
                            * derived ones are not printed */
    NG_HIER_DIFFERS        /* in substance */
} ng_hier_verdict_kind;

typedef struct {
    ng_hier_verdict_kind kind;
    int damaged;          /* the as-extracted text differs and P->reading was used */
    int chain;            /* FOLLOWS only from the equations of every bond */
    char *report_printed; /* the differences as extracted (NULL if none) */
    char *report;         /* the differences behind the verdict (NULL if none) */
} ng_hier_verdict_struct;
typedef ng_hier_verdict_struct ng_hier_verdict_t[1];

void ng_hier_verdict_init(ng_hier_verdict_t V);
void ng_hier_verdict_clear(ng_hier_verdict_t V);
/* Decides the verdict for printed P; Dt (initialised, empty) receives the
 * derived terms and *C the chain whose ring they live in. */
ng_status ng_hier_verdict(ng_hier_verdict_t V, ng_hier_terms_t Dt,
                          const ng_hier_chain_struct **C, const ng_hier_derivation_t D,
                          const ng_hier_printed *P);

/* ---- Eq. 150 with z boundary fields and α_zz = 0 (boundary.c) ---------- */

/* One N of the study: ρ0's t_1, t_2 (= … = t_{N−1} when flat; NULL for
 * N = 2), t_N, both sides of the general Eq. 149 with boundary terms
 * (lhs = t_N − t_1, rhs) and the printed Eq. 150's right side, as the
 * ring prints exact values (ng_elem_get_str, 15 digits; flint_free'd). */
typedef struct {
    int N;
    int eigen;      /* the eigen route (else the commutant route) */
    int degenerate; /* P0 H1 P0 has degenerate levels */
    int flat;       /* t_2 = … = t_{N−1} */
    char *t_first, *t_bulk, *t_last, *lhs, *rhs, *printed_rhs;
} ng_hier_boundary_row;

/* The model of examples/xxz_boundary_fields.json with α_zz = 0, its exact ρ0
 * for N = 2 … nmax (stopping at the first N the engine gives no exact
 * values for), and the verdicts over the rows computed. */
typedef struct {
    int nmax;
    char *alpha_z[2];   /* α_1^z, α_N^z = Ȳ_ν x_ν^z (Eq. 91); NULL if unknown */
    slong nrows;        /* rows[i] is N = i + 2 */
    ng_hier_boundary_row *rows;
    int flat;           /* every row's bulk is flat */
    int general;        /* the general form equals t_N − t_1 in every row */
    int printed_fails;  /* the printed Eq. 150 fails in every row */
    int first_degenerate; /* first N with degenerate levels, 0 if none */
    int stop_n;         /* N where the study stopped early (0: reached nmax) */
    char *stop_message; /* why (the engine's message) */
} ng_hier_boundary_struct;
typedef ng_hier_boundary_struct ng_hier_boundary_t[1];

/* Computes the study; progress (or NULL) receives one line per N and the
 * engine's progress.  Never fails: a stop is recorded in B. */
void ng_hier_boundary_study(ng_hier_boundary_t B, int nmax, FILE *progress);
void ng_hier_boundary_clear(ng_hier_boundary_t B);

#ifdef __cplusplus
}
#endif

#endif
