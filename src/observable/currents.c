/* Heat and spin currents as operators (observable.h), and their values.
 *
 * Why J_ν = λ²⟨D_ν†(H0)⟩ + λ³⟨D_ν†(H1)⟩: the system energy H_S = H0 + λH1
 * changes only through the baths, d⟨H_S⟩/dt = Tr(H_S Lρ) = λ² Σ_ν Tr(H_S D_ν ρ),
 * because Tr(H_S [H_S, ρ]) = 0 (Eqs. 15–19).  Expanding ρ = Σ λ^m ρ_m, the
 * coefficient of λ^p is ⟨D_ν†H0⟩_{ρ_{p−2}} + ⟨D_ν†H1⟩_{ρ_{p−3}}; at p = 2 only
 * H0 and ρ0 enter.  D_ν† acts on the edge spin e alone, so
 * D_ν†(H0) = h D_ν†(σ^z_e), and with ξ = x^x − i x^y, [X, σ^z] = −2(ξσ^+ − ξ̄σ^−)
 * and S_ν of Eq. 13 one finds (σ^+σ^z = −σ^+, σ^±σ^∓ = (1 ± σ^z)/2)
 *   D_ν†(σ^z_e) = −Γ_ν (σ^z_e + t_ν) + 2 d_ν x^z (x^x σ^x_e + x^y σ^y_e),
 *   Γ_ν = 2 c_ν |ξ|² = 2 c_ν ((x^x)² + (x^y)²).
 * ρ0 lies in Ker L0, where ⟨σ^x_e⟩ = ⟨σ^y_e⟩ = 0, hence
 *   J_ν^[2] = ⟨D_ν†H0⟩_{ρ0} = h Γ_ν (t_e − t_ν),   t_e = −⟨σ^z_e⟩_{ρ0},
 * the zeroth-order local t of the edge spin against the bath's t_ν (tests
 * check this identity on the operators and on ρ0).  J_L + J_R = 0 in the
 * steady state at every λ, and at order λ² exactly: H0 ∈ Im P1, so
 * Tr(H0 L2 ρ0) = Tr(H0 P1 L2 ρ0) = 0 by Eq. 47 (in the degenerate case the
 * extra L1 K L1 term of Eq. 43 drops out because L1†H0 = L0 H1 and ρ0
 * commutes with P0 H1 P0). */
#include "nessgen/observable.h"

void ng_dissipator_adjoint(ng_op_t res, const ng_op_t O, int nu, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_t C, T, acc;
    ng_op_init(C, L->N, NG_PAULI, R);
    ng_op_init(T, L->N, NG_PAULI, R);
    ng_op_init(acc, L->N, NG_PAULI, R);
    /* Tr(O D ρ) = Tr(ρ ([X, O] S − S† [X, O])) for D ρ = −[X, Sρ] − [ρ S†, X] (Eq. 7) */
    ng_op_commutator(C, L->x[nu], O, R);
    ng_op_mul(acc, C, L->s[nu], R);
    ng_op_mul(T, L->sdag[nu], C, R);
    ng_op_sub(acc, acc, T, R);
    ng_op_swap(res, acc);
    ng_op_clear(C, R);
    ng_op_clear(T, R);
    ng_op_clear(acc, R);
}

static void sigma_z(ng_op_t A, int l, int N, const ng_ring_t R)
{
    ng_string s = {0, 0};
    ng_op_zero(A, R);
    A->nsites = N;
    A->basis = NG_PAULI;
    ng_string_set_letter(&s, l, NG_SZ);
    ng_op_push_si(A, s, 0, 1, R);
}

/* res = i c [A, B] (Hermitian for Hermitian A, B and real c). */
static void i_commutator(ng_op_t res, const ng_op_t A, const ng_op_t B, ng_srcptr c,
                         const ng_ring_t R)
{
    ng_op_commutator(res, A, B, R);
    ng_op_mul_i_pow(res, res, 1, R);
    if (c != NULL)
        ng_op_scalar_mul(res, res, c, R);
}

/* j_l = i[h_{l−1}, h_l] at order λ: (ih/2)([H_I(l−1,l), σ^z_l] + [σ^z_l, H_I(l,l+1)]),
 * l 0-based interior site (bonds l − 1 and l). */
static void energy_current_1(ng_op_t res, int l, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_ptr half_h = ng_elem_new(R);
    ng_op_t Z, T;
    ng_op_init(Z, L->N, NG_PAULI, R);
    ng_op_init(T, L->N, NG_PAULI, R);
    ng_elem_mul_2exp_si(half_h, L->M->h, -1, R);
    sigma_z(Z, l, L->N, R);
    i_commutator(res, L->bond + l - 1, Z, half_h, R);
    i_commutator(T, Z, L->bond + l, half_h, R);
    ng_op_add(res, res, T, R);
    ng_op_clear(Z, R);
    ng_op_clear(T, R);
    ng_elem_free(half_h, R);
}

/* j^s_b = (i/2)[H_I(b,b+1), σ^z_{b+1} − σ^z_b] at order λ, b 0-based bond. */
static void spin_current_1(ng_op_t res, int b, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_ptr half = ng_elem_new(R);
    ng_op_t Z, T;
    ng_op_init(Z, L->N, NG_PAULI, R);
    ng_op_init(T, L->N, NG_PAULI, R);
    ng_elem_one(half, R);
    ng_elem_mul_2exp_si(half, half, -1, R);
    sigma_z(Z, b + 1, L->N, R);
    sigma_z(T, b, L->N, R);
    ng_op_sub(Z, Z, T, R);
    i_commutator(res, L->bond + b, Z, half, R);
    ng_op_clear(Z, R);
    ng_op_clear(T, R);
    ng_elem_free(half, R);
}

void ng_currents_init(ng_currents_t C, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    int N = L->N;
    ng_op_t Sz, Z;
    C->N = N;
    ng_op_init(Sz, N, NG_PAULI, R);
    ng_op_init(Z, N, NG_PAULI, R);
    for (int l = 0; l < N; l++) {
        sigma_z(Z, l, N, R);
        ng_op_add(Sz, Sz, Z, R);
    }
    for (int nu = 0; nu < 2; nu++) {
        ng_op_init(C->bath_h0[nu], N, NG_PAULI, R);
        ng_op_init(C->bath_h1[nu], N, NG_PAULI, R);
        ng_op_init(C->bath_spin[nu], N, NG_PAULI, R);
        ng_dissipator_adjoint(C->bath_h0[nu], L->h0, nu, L);
        ng_dissipator_adjoint(C->bath_h1[nu], L->h1, nu, L);
        ng_dissipator_adjoint(C->bath_spin[nu], Sz, nu, L);
    }
    C->energy1 = flint_malloc(FLINT_MAX(N - 2, 1) * sizeof(ng_op_struct));
    C->energy2 = flint_malloc(FLINT_MAX(N - 2, 1) * sizeof(ng_op_struct));
    C->spin1 = flint_malloc((N - 1) * sizeof(ng_op_struct));
    for (int l = 1; l + 1 < N; l++) {
        ng_op_init(C->energy1 + l - 1, N, NG_PAULI, R);
        ng_op_init(C->energy2 + l - 1, N, NG_PAULI, R);
        energy_current_1(C->energy1 + l - 1, l, L);
        i_commutator(C->energy2 + l - 1, L->bond + l - 1, L->bond + l, NULL, R);
    }
    for (int b = 0; b + 1 < N; b++) {
        ng_op_init(C->spin1 + b, N, NG_PAULI, R);
        spin_current_1(C->spin1 + b, b, L);
    }
    ng_op_clear(Sz, R);
    ng_op_clear(Z, R);
}

void ng_currents_clear(ng_currents_t C, const ng_ring_t R)
{
    int N = C->N;
    for (int nu = 0; nu < 2; nu++) {
        ng_op_clear(C->bath_h0[nu], R);
        ng_op_clear(C->bath_h1[nu], R);
        ng_op_clear(C->bath_spin[nu], R);
    }
    for (int l = 0; l + 2 < N; l++) {
        ng_op_clear(C->energy1 + l, R);
        ng_op_clear(C->energy2 + l, R);
    }
    for (int b = 0; b + 1 < N; b++)
        ng_op_clear(C->spin1 + b, R);
    flint_free(C->energy1);
    flint_free(C->energy2);
    flint_free(C->spin1);
}

void ng_current_values_init(ng_current_values_t V, int N, const ng_ring_t R)
{
    V->N = N;
    V->J = ng_vec_init(2, R);
    V->Js = ng_vec_init(2, R);
    V->j = ng_vec_init(FLINT_MAX(N - 2, 1), R);
    V->js = ng_vec_init(N - 1, R);
    V->sum = ng_vec_init(1, R);
}

void ng_current_values_clear(ng_current_values_t V, const ng_ring_t R)
{
    ng_vec_clear(V->J, 2, R);
    ng_vec_clear(V->Js, 2, R);
    ng_vec_clear(V->j, FLINT_MAX(V->N - 2, 1), R);
    ng_vec_clear(V->js, V->N - 1, R);
    ng_vec_clear(V->sum, 1, R);
}

slong ng_currents_nraw(int N)
{
    return 6 + 2 * (N - 2) + (N - 1);
}

/* The operators in raw order. */
static const ng_op_struct *raw_op(const ng_currents_t C, slong k)
{
    int N = C->N;
    if (k < 6)
        return (k < 2 ? C->bath_h0 : k < 4 ? C->bath_h1 : C->bath_spin)[k % 2];
    k -= 6;
    if (k < N - 2)
        return C->energy1 + k;
    k -= N - 2;
    if (k < N - 2)
        return C->energy2 + k;
    return C->spin1 + (k - (N - 2));
}

ng_status ng_currents_raw(ng_ptr raw, const ng_currents_t C, const ng_ring_t RC,
                          ng_string_expect_fn f, const void *state, const ng_ring_t R)
{
    ng_status st = NG_OK;
    for (slong k = 0; k < ng_currents_nraw(C->N) && st == NG_OK; k++)
        st = ng_observable_expect(ng_vec_entry(raw, k, R), raw_op(C, k), RC, f, state, R);
    return st;
}

ng_status ng_currents_raw_baths(ng_ptr raw, const ng_currents_t C, const ng_ring_t RC,
                                ng_string_expect_fn f, const void *state,
                                const ng_ring_t R)
{
    ng_status st = NG_OK;
    for (slong k = 0; k < ng_currents_nraw(C->N); k++)
        ng_elem_zero(ng_vec_entry(raw, k, R), R);
    for (slong k = 0; k < 6 && st == NG_OK; k++)
        st = ng_observable_expect(ng_vec_entry(raw, k, R), raw_op(C, k), RC, f, state, R);
    return st;
}

/* Offsets into a raw vector. */
#define RAW_A(nu) (nu)
#define RAW_B(nu) (2 + (nu))
#define RAW_S(nu) (4 + (nu))
#define RAW_E1(N, l) (6 + (l))
#define RAW_E2(N, l) (6 + ((N)-2) + (l))
#define RAW_S1(N, b) (6 + 2 * ((N)-2) + (b))

static void set_sum(ng_current_values_t V, const ng_ring_t R)
{
    ng_elem_add(V->sum, ng_vec_srcentry(V->J, 0, R), ng_vec_srcentry(V->J, 1, R), R);
}

void ng_current_values_at(ng_current_values_t V, ng_srcptr raw, ng_srcptr lambda,
                          const ng_ring_t R)
{
    int N = V->N;
    ng_ptr l2 = ng_elem_new(R), t = ng_elem_new(R);
#define RAW(k) ng_vec_srcentry(raw, (k), R)
    ng_elem_mul(l2, lambda, lambda, R);
    for (int nu = 0; nu < 2; nu++) {
        ng_ptr J = ng_vec_entry(V->J, nu, R);
        ng_elem_mul(t, lambda, RAW(RAW_B(nu)), R); /* λ²(a + λb) */
        ng_elem_add(t, t, RAW(RAW_A(nu)), R);
        ng_elem_mul(J, t, l2, R);
        ng_elem_mul(ng_vec_entry(V->Js, nu, R), RAW(RAW_S(nu)), l2, R);
    }
    for (int l = 0; l + 2 < N; l++) { /* λ e1 + λ² e2 */
        ng_ptr j = ng_vec_entry(V->j, l, R);
        ng_elem_mul(t, lambda, RAW(RAW_E2(N, l)), R);
        ng_elem_add(t, t, RAW(RAW_E1(N, l)), R);
        ng_elem_mul(j, t, lambda, R);
    }
    for (int b = 0; b + 1 < N; b++)
        ng_elem_mul(ng_vec_entry(V->js, b, R), RAW(RAW_S1(N, b)), lambda, R);
    set_sum(V, R);
    ng_elem_free(l2, R);
    ng_elem_free(t, R);
}

/* acc += raw_m[k] if 0 ≤ m ≤ M; sets *complete = 0 if m > M. */
static void add_term(ng_ptr acc, ng_srcptr raw, int M, int m, slong k, int N,
                     int *complete, const ng_ring_t R)
{
    if (m < 0)
        return;
    if (m > M) {
        *complete = 0;
        return;
    }
    ng_elem_add(acc, acc, ng_vec_srcentry(raw, m * ng_currents_nraw(N) + k, R), R);
}

int ng_current_values_order(ng_current_values_t V, ng_srcptr raw, int M, int p,
                            const ng_ring_t R)
{
    int N = V->N, complete = 1;
    for (int nu = 0; nu < 2; nu++) {
        ng_ptr J = ng_vec_entry(V->J, nu, R), Js = ng_vec_entry(V->Js, nu, R);
        ng_elem_zero(J, R);
        ng_elem_zero(Js, R);
        add_term(J, raw, M, p - 2, RAW_A(nu), N, &complete, R);
        add_term(J, raw, M, p - 3, RAW_B(nu), N, &complete, R);
        add_term(Js, raw, M, p - 2, RAW_S(nu), N, &complete, R);
    }
    for (int l = 0; l + 2 < N; l++) {
        ng_ptr j = ng_vec_entry(V->j, l, R);
        ng_elem_zero(j, R);
        add_term(j, raw, M, p - 1, RAW_E1(N, l), N, &complete, R);
        add_term(j, raw, M, p - 2, RAW_E2(N, l), N, &complete, R);
    }
    for (int b = 0; b + 1 < N; b++) {
        ng_ptr js = ng_vec_entry(V->js, b, R);
        ng_elem_zero(js, R);
        add_term(js, raw, M, p - 1, RAW_S1(N, b), N, &complete, R);
    }
    set_sum(V, R);
    return complete;
}

void ng_current_values_d_init(ng_current_values_d *V, int N)
{
    V->N = N;
    V->j = flint_calloc(FLINT_MAX(N - 2, 1), sizeof(double));
    V->js = flint_calloc(N - 1, sizeof(double));
}

void ng_current_values_d_clear(ng_current_values_d *V)
{
    flint_free(V->j);
    flint_free(V->js);
}

void ng_current_values_d_at(ng_current_values_d *V, const ng_currents_t C,
                            const ng_ring_t RC,
                            double (*f)(ng_string P, const void *state),
                            const void *state, double lambda)
{
    int N = C->N;
    double l2 = lambda * lambda;
    for (int nu = 0; nu < 2; nu++) {
        V->J[nu] = l2 * (ng_observable_expect_d(C->bath_h0[nu], RC, f, state) +
                         lambda * ng_observable_expect_d(C->bath_h1[nu], RC, f, state));
        V->Js[nu] = l2 * ng_observable_expect_d(C->bath_spin[nu], RC, f, state);
    }
    for (int l = 0; l + 2 < N; l++)
        V->j[l] = lambda * ng_observable_expect_d(C->energy1 + l, RC, f, state) +
                  l2 * ng_observable_expect_d(C->energy2 + l, RC, f, state);
    for (int b = 0; b + 1 < N; b++)
        V->js[b] = lambda * ng_observable_expect_d(C->spin1 + b, RC, f, state);
    V->sum = V->J[0] + V->J[1];
}

void ng_currents_contact_rate(ng_ptr gamma, const ng_model_t M, int nu)
{
    const ng_ring_struct *R = M->R;
    ng_ptr t = ng_elem_new(R);
    ng_srcptr xx = ng_vec_srcentry(M->x[nu], NG_X, R),
              xy = ng_vec_srcentry(M->x[nu], NG_Y, R);
    ng_elem_mul(gamma, xx, xx, R);
    ng_elem_mul(t, xy, xy, R);
    ng_elem_add(gamma, gamma, t, R);
    ng_elem_mul(gamma, gamma, M->c[nu], R);
    ng_elem_mul_2exp_si(gamma, gamma, 1, R);
    ng_elem_free(t, R);
}
