/* Observables the user chooses, and the heat and spin currents derived from
 * the model.
 *
 * A user observable is a Hermitian sum of Pauli strings written as nessgen's
 * text output writes operators (ng_op_get_str): "X1 X3", "Z2",
 * "X1 Y2 - Y1 X2", "3/2*Z1 Z2 + (1 + sqrt(2))*X1", "1/2*I".  Coefficients are
 * parameter expressions (expr.h) with a real value: rationals stay exact,
 * other real numbers go into balls.  The value of an observable in a state is
 * Σ_j c_j ⟨P_j⟩, where the state supplies ⟨P⟩ = Tr(P ρ) for single strings
 * through a function (ng_string_expect_fn): the engines (exact, balls) and the
 * double-precision solver each provide one.
 *
 * Currents (derivation in README "Heat and spin currents", and in
 * currents.c): with H_S = H0 + λH1 and L = L0 + λL1 + λ²Σ_ν D_ν,
 *   d⟨H_S⟩/dt = λ² Σ_ν Tr(H_S D_ν ρ)    (the −i[H_S,·] part is traceless),
 * so the heat current into the chain from bath ν is
 *   J_ν = λ² ⟨D_ν†(H0)⟩ + λ³ ⟨D_ν†(H1)⟩,
 * with D_ν†(O) = [X_ν, O] S_ν − S_ν† [X_ν, O] (adjoint of Eq. 7).  Its
 * leading coefficient is ⟨D_ν†(H0)⟩_{ρ0} = h Γ_ν (t_{e_ν} − t_ν) with
 * Γ_ν = 2 c_ν ((x_ν^x)² + (x_ν^y)²): Newton's law at the contact, fixed by
 * the zeroth-order local t of the edge spin.  The bond energies
 * h_b = λ H_I(b,b+1) + (h/2)(σ^z_b + σ^z_{b+1}) (the edge spins' whole field
 * and Ȳ_ν X_ν in the edge bonds) obey d h_b/dt = j_b − j_{b+1} in the bulk with
 *   j_l = i[h_{l−1}, h_l] = λ (ih/2)([H_I(l−1,l), σ^z_l] + [σ^z_l, H_I(l,l+1)])
 *                           + λ² i[H_I(l−1,l), H_I(l,l+1)],
 * the energy current through site l = 2..N−1; in the steady state ⟨j_l⟩ = J_L
 * on every site.  The spin current through bond (b, b+1) is the part of
 * dσ^z/dt carried by that bond, j^s_b = λ (i/2)[H_I(b,b+1), σ^z_{b+1} − σ^z_b],
 * and the spin current from bath ν is λ²⟨D_ν†(Σ_l σ^z_l)⟩. */
#ifndef NESSGEN_OBSERVABLE_H
#define NESSGEN_OBSERVABLE_H

#include "nessgen/error.h"
#include "nessgen/expr.h"
#include "nessgen/op.h"
#include "nessgen/superop.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A parsed observable: distinct strings with real coefficient expressions. */
typedef struct {
    char *text; /* as given */
    slong len;
    ng_string *s;
    ng_expr **coef;
    int max_site; /* largest site named, 1-based */
    int symbolic; /* some coefficient has free names */
} ng_observable_struct;
typedef ng_observable_struct ng_observable_t[1];

void ng_observable_init(ng_observable_t O);
void ng_observable_clear(ng_observable_t O);
/* Parses text.  NG_EINPUT, naming `what` and the column, for a malformed
 * expression, a site outside 1..64 or named twice in one string, a
 * coefficient that is not real (sqrt of a negative, the name i), or an
 * operator that is not Hermitian (i* terms that do not cancel exactly).
 * Coefficients may hold free names (O->symbolic): real rational functions of
 * them, evaluated in a Q(names) ring (ng_observable_symbols). */
ng_status ng_observable_parse(ng_observable_t O, const char *text, const char *what);
/* Appends the names a Q(names) ring needs for the coefficients (as
 * ng_expr_symbols: a name under sin/cos/tan becomes u_<name>). */
ng_status ng_observable_symbols(char ***names, slong *n, const ng_observable_t O);
/* Appends the names a Q(names) ring needs for the coefficients (as
 * ng_expr_symbols: a name under sin/cos/tan becomes u_<name>). */
ng_status ng_observable_symbols(char ***names, slong *n, const ng_observable_t O);
/* NG_EINPUT naming `what` if a site lies outside 1..N. */
ng_status ng_observable_check_sites(const ng_observable_t O, int N, const char *what);
/* The operator on N sites with the coefficients evaluated in R (Pauli basis,
 * canonical).  NG_EINPUT if a coefficient cannot go into R (an irrational
 * one into Q). */
ng_status ng_observable_op(ng_op_t A, const ng_observable_t O, int N, const ng_ring_t R);

/* res = Tr(P ρ) (real part; ρ and P Hermitian) in the ring of the state. */
typedef void (*ng_string_expect_fn)(ng_ptr res, ng_string P, const void *state);

/* res = ⟨A⟩ = Σ_j c_j ⟨P_j⟩ in R, for A over RA (Hermitian part only:
 * terms with an i phase are skipped, they have zero expectation in a
 * Hermitian state).  RA may be Q or balls when R is balls (converted at
 * R's precision); Q into Q(names).  NG_EINPUT if RA cannot be converted
 * into R. */
ng_status ng_observable_expect(ng_ptr res, const ng_op_t A, const ng_ring_t RA,
                               ng_string_expect_fn f, const void *state,
                               const ng_ring_t R);
/* y (in R) = x (in RA): ng_elem_set_other_ring under its older name, kept
 * for the callers that still use it. */
static inline int ng_observable_convert(ng_ptr y, ng_srcptr x, const ng_ring_t RA,
                                        const ng_ring_t R)
{
    return ng_elem_set_other_ring(y, x, RA, R);
}
/* The same in doubles (ball midpoints, rationals rounded). */
double ng_observable_expect_d(const ng_op_t A, const ng_ring_t RA,
                              double (*f)(ng_string P, const void *state),
                              const void *state);

/* D_ν†(O) = [X_ν, O] S_ν − S_ν† [X_ν, O]: Tr(O D_ν ρ) = ⟨D_ν†(O)⟩_ρ. */
void ng_dissipator_adjoint(ng_op_t res, const ng_op_t O, int nu,
                           const ng_superop_ctx_t L);

/* The current operators of a model, over the model's ring L->R (see above). */
enum { NG_CURRENT_NOPS_PER_BATH = 3 };
typedef struct {
    int N;
    ng_op_t bath_h0[2];              /* D_ν†(H0) */
    ng_op_t bath_h1[2];              /* D_ν†(H1) */
    ng_op_t bath_spin[2];            /* D_ν†(Σ_l σ^z_l) */
    ng_op_struct *energy1, *energy2; /* N − 2 each, sites l = 2..N−1 */
    ng_op_struct *spin1;             /* N − 1 bonds */
} ng_currents_struct;
typedef ng_currents_struct ng_currents_t[1];

void ng_currents_init(ng_currents_t C, const ng_superop_ctx_t L);
void ng_currents_clear(ng_currents_t C, const ng_ring_t R);

/* The currents' values, all in one ring: J[ν] heat currents into the chain,
 * Js[ν] spin currents (Σσ^z per unit time) into the chain, j[l − 2] the
 * energy current through site l = 2..N−1, js[b − 1] the spin current through
 * bond (b, b+1) from b to b+1, and J_L + J_R. */
typedef struct {
    int N;
    ng_ptr J, Js, j, js, sum;
} ng_current_values_struct;
typedef ng_current_values_struct ng_current_values_t[1];

void ng_current_values_init(ng_current_values_t V, int N, const ng_ring_t R);
void ng_current_values_clear(ng_current_values_t V, const ng_ring_t R);

/* The raw expectations of a state: the 6 + 2(N − 2) + (N − 1) operators in
 * the order bath_h0[L,R], bath_h1[L,R], bath_spin[L,R], energy1[..],
 * energy2[..], spin1[..]. */
slong ng_currents_nraw(int N);
ng_status ng_currents_raw(ng_ptr raw, const ng_currents_t C, const ng_ring_t RC,
                          ng_string_expect_fn f, const void *state, const ng_ring_t R);
/* Only the bath operators (the rest zero): all that ρ0 alone gives at λ². */
ng_status ng_currents_raw_baths(ng_ptr raw, const ng_currents_t C, const ng_ring_t RC,
                                ng_string_expect_fn f, const void *state,
                                const ng_ring_t R);
/* Values at coupling λ from the raw expectations of the state at λ:
 * J = λ²(a + λb), Js = λ² s, j = λ e1 + λ² e2, js = λ s1. */
void ng_current_values_at(ng_current_values_t V, ng_srcptr raw, ng_srcptr lambda,
                          const ng_ring_t R);
/* The coefficient of λ^p from raw expectations of the series terms ρ_0..ρ_M
 * (raw_m = raw + m·nraw): J^[p] = a(ρ_{p−2}) + b(ρ_{p−3}), Js^[p] = s(ρ_{p−2}),
 * j^[p] = e1(ρ_{p−1}) + e2(ρ_{p−2}), js^[p] = s1(ρ_{p−1}).  Returns 0 if a
 * term needs ρ_m with m > M (values then incomplete). */
int ng_current_values_order(ng_current_values_t V, ng_srcptr raw, int M, int p,
                            const ng_ring_t R);
/* Doubles, for the full-Liouvillian solver: as ng_current_values_at. */
typedef struct {
    int N;
    double J[2], Js[2], sum;
    double *j, *js;
} ng_current_values_d;
void ng_current_values_d_init(ng_current_values_d *V, int N);
void ng_current_values_d_clear(ng_current_values_d *V);
void ng_current_values_d_at(ng_current_values_d *V, const ng_currents_t C,
                            const ng_ring_t RC,
                            double (*f)(ng_string P, const void *state),
                            const void *state, double lambda);

/* Γ_ν = 2 c_ν ((x_ν^x)² + (x_ν^y)²) over the model's ring: the contact rate in
 * ⟨D_ν†(H0)⟩_{ρ0} = h Γ_ν (t_e − t_ν). */
void ng_currents_contact_rate(ng_ptr gamma, const ng_model_t M, int nu);

#ifdef __cplusplus
}
#endif

#endif
