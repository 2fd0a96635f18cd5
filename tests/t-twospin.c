/* The two-spin derivation (two_spin.h): the symbolic identities of Sect. IV B
 * and App. B, the limits of K, and a second route — at random rational
 * points the model is solved in exact rationals on its own and must agree
 * with the symbolic solution evaluated there (as certified balls). */
#include "ng_test.h"

#include <string.h>

#include "nessgen/engine.h"
#include "nessgen/two_spin.h"

static void resolve(ng_model_t M, const char *const *kv, int unknowns)
{
    static const char *const names[3] = {"t1", "t2", "g"};
    ng_model_spec *spec = ng_model_spec_new();
    assert_int_equal(ng_model_spec_set_preset(spec, kv[0]), NG_OK);
    assert_int_equal(ng_model_spec_set_symbolic_defaults(spec), NG_OK);
    if (unknowns)
        assert_int_equal(ng_model_spec_add_symbols(spec, names, 3), NG_OK);
    for (int i = 1; kv[i] != NULL; i += 2)
        assert_int_equal(ng_model_spec_set(spec, kv[i], kv[i + 1]), NG_OK);
    if (ng_model_resolve(M, spec, 128) != NG_OK)
        fail_msg("resolve: %s", ng_error_message());
    ng_model_spec_free(spec);
}

static void assert_cmp(ng_srcptr derived, const char *printed, ng_cmp want,
                       const ng_model_t M)
{
    ng_ptr p = ng_elem_new(M->R), f = ng_elem_new(M->R);
    assert_int_equal(ng_two_spin_eval_text(p, printed, M), NG_OK);
    if (ng_two_spin_compare(f, derived, p, M) != want) {
        ng_test_print_elem("derived", derived, M->R);
        ng_test_print_elem("printed", p, M->R);
        fail_msg("comparison with %s", printed);
    }
    ng_elem_free(p, M->R);
    ng_elem_free(f, M->R);
}

/* Eqs. 96–98, 103, B18, B23–B25 and Eq. 44 for the tilted Ising model with
 * every parameter free (unequal baths). */
static void test_symbolic_general(void **state)
{
    (void)state;
    static const char *const kv[] = {"tilted-ising", NULL};
    ng_model_t M;
    ng_two_spin_t T;
    resolve(M, kv, 1);
    assert_int_equal(ng_two_spin_derive(T, M), NG_OK);
    assert_int_equal(T->P->dim_p1, 4);
    assert_true(T->gamma_defined);
    assert_true(ng_elem_equal(T->gamma, T->gamma_formula, M->R) == T_TRUE);
    assert_cmp(T->gamma, ng_two_spin_printed_gamma_b22, NG_CMP_EQUAL, M);
    assert_true(T->eq103_in_kernel);
    assert_true(T->eq44_holds);
    for (int i = 0; i < 3; i++) {
        assert_cmp(ng_vec_entry(T->p1l2, i, M->R), ng_two_spin_printed_b18[i], NG_CMP_EQUAL, M);
        assert_cmp(ng_vec_entry(T->p1l2, i, M->R), ng_two_spin_printed_b23_b25[i],
                   NG_CMP_PROPORTIONAL, M);
    }
    /* for unequal baths the solution is not Eq. 111 with averaged c, d */
    ng_ptr p = ng_elem_new(M->R);
    assert_int_equal(ng_two_spin_eval_text(p, "(tL+tR)/2 + (((cL+cR)/2)*(tL-tR)^2*cos(theta)^4/"
                                              "(((cL+cR)/2)*(tL-tR)^2*cos(theta)^4 + "
                                              "sin(theta)^2*(2*((dL+dR)/2)*cos(theta)^2 + "
                                              "((cL+cR)/2)*sin(theta)^2)))/2*(tL-tR)",
                                           M),
                     NG_OK);
    assert_true(ng_elem_equal(T->t1, p, M->R) == T_FALSE);
    ng_elem_free(p, M->R);
    ng_two_spin_clear(T);
    ng_model_clear(M);
}

/* Eqs. 111–114 hold exactly for equal baths; K → 0 at θ = π/2, → 1 as θ → 0. */
static void test_equal_baths_K(void **state)
{
    (void)state;
    static const char *const kv[] = {"tilted-ising", "c", "c", "d", "d", NULL};
    ng_model_t M;
    ng_two_spin_t T;
    resolve(M, kv, 0);
    assert_int_equal(ng_two_spin_derive(T, M), NG_OK);
    ng_srcptr sol[3] = {T->t1, T->t2, T->g};
    for (int i = 0; i < 3; i++)
        assert_cmp(sol[i], ng_two_spin_printed_111_113[i], NG_CMP_EQUAL, M);
    /* K = (t1 − t2)/(tL − tR) at u = 1 (θ = π/2) and u = 0 (θ = 0) */
    const ng_ring_struct *R = M->R;
    ng_ptr K = ng_elem_new(R), d = ng_elem_new(R);
    ng_elem_sub(K, T->t1, T->t2, R);
    assert_int_equal(ng_two_spin_eval_text(d, "tL-tR", M), NG_OK);
    assert_true(ng_elem_div(K, K, d, R));
    slong u = ng_ring_param_index(R, "u_theta");
    assert_true(u >= 0);
    for (slong v = 0; v <= 1; v++) {
        fmpq_t c;
        ng_ptr y = ng_elem_new(R), one = ng_elem_new(R);
        fmpq_init(c);
        fmpq_set_si(c, v, 1);
        ng_elem_one(one, R);
        assert_true(ng_elem_substitute_fmpq(y, K, u, c, R));
        /* u = 0 gives K = 1 (θ = 0), u = 1 gives K = 0 (θ = π/2), App. B end */
        if (v == 0)
            assert_true(ng_elem_equal(y, one, R) == T_TRUE);
        else
            assert_true(ng_elem_is_exact_zero(y, R));
        ng_elem_free(y, R);
        ng_elem_free(one, R);
        fmpq_clear(c);
    }
    ng_elem_free(K, R);
    ng_elem_free(d, R);
    ng_two_spin_clear(T);
    ng_model_clear(M);
}

/* t_L = t_R: Δα^z = 0, γ undefined; the kernel then holds ρ^A and the state
 * is the equilibrium product with t1 = t2 = t_L, g = 0. */
static void test_equal_temperatures(void **state)
{
    (void)state;
    static const char *const kv[] = {"tilted-ising", "tL", "1/3", "tR", "1/3", NULL};
    ng_model_t M;
    ng_two_spin_t T;
    resolve(M, kv, 1);
    assert_int_equal(ng_two_spin_derive(T, M), NG_OK);
    assert_false(T->gamma_defined);
    ng_ptr third = ng_elem_new(M->R);
    ng_elem_set_si(third, 1, M->R);
    ng_elem_div_si(third, third, 3, M->R);
    assert_true(ng_elem_equal(T->t1, third, M->R) == T_TRUE);
    assert_true(ng_elem_equal(T->t2, third, M->R) == T_TRUE);
    assert_true(ng_elem_is_zero(T->g, M->R) == T_TRUE);
    ng_elem_free(third, M->R);
    ng_two_spin_clear(T);
    ng_model_clear(M);
}

/* Second route: at random rational points (u = tan(θ/2), t, c, d rational)
 * build the model numerically in exact rationals through the generic preset
 * (α and X_ν, Ȳ_ν of Eqs. 104–110 written out), solve it there, and check the
 * symbolic solution, evaluated at the same point with balls, contains it. */
static void test_rational_points(void **state)
{
    (void)state;
    static const char *const kv[] = {"tilted-ising", NULL};
    flint_rand_t rs;
    ng_model_t S;
    ng_two_spin_t TS;
    ng_test_rand_init(rs);
    resolve(S, kv, 0);
    assert_int_equal(ng_two_spin_derive(TS, S), NG_OK);
    const ng_ring_struct *RS = S->R;
    for (int iter = 0; iter < ng_test_iters(8); iter++) {
        /* u in (0, 1) avoids θ = 0, π/2; t in (−1, 1) */
        slong up = 1 + n_randint(rs, 8), uq = up + 1 + n_randint(rs, 8);
        slong tl = (slong)n_randint(rs, 19) - 9, tr = (slong)n_randint(rs, 19) - 9;
        slong cl = 1 + n_randint(rs, 4), cr = 1 + n_randint(rs, 4);
        slong dl = n_randint(rs, 4), dr = n_randint(rs, 4);
        char C[64], Sn[64], v[16][160];
        if (tl == tr)
            tr = tl + 1;
        snprintf(C, sizeof C, "((%ld^2-%ld^2)/(%ld^2+%ld^2))", uq, up, uq, up);
        snprintf(Sn, sizeof Sn, "(2*%ld*%ld/(%ld^2+%ld^2))", up, uq, uq, up);
        const char *keys[] = {"alpha_zz", "alpha_xz", "alpha_xx", "alpha_xy", "alpha_yy",
                              "alpha_yz", "XL_x", "XL_z", "XR_x", "XR_z", "tL", "tR",
                              "cL", "cR", "dL", "dR"};
        snprintf(v[0], 160, "%s^2", C);
        snprintf(v[1], 160, "-%s*%s", C, Sn);
        snprintf(v[2], 160, "%s^2", Sn);
        snprintf(v[3], 160, "0");
        snprintf(v[4], 160, "0");
        snprintf(v[5], 160, "0");
        snprintf(v[6], 160, "-%s", Sn);
        snprintf(v[7], 160, "%s", C);
        snprintf(v[8], 160, "-%s", Sn);
        snprintf(v[9], 160, "%s", C);
        snprintf(v[10], 160, "%ld/10", tl);
        snprintf(v[11], 160, "%ld/10", tr);
        snprintf(v[12], 160, "%ld", cl);
        snprintf(v[13], 160, "%ld", cr);
        snprintf(v[14], 160, "%ld", dl);
        snprintf(v[15], 160, "%ld", dr);
        ng_model_spec *spec = ng_model_spec_new();
        char ybar[2][96];
        assert_int_equal(ng_model_spec_set_preset(spec, "generic"), NG_OK);
        assert_int_equal(ng_model_spec_set(spec, "N", "2"), NG_OK);
        assert_int_equal(ng_model_spec_set(spec, "h", "1"), NG_OK);
        for (int k = 0; k < 16; k++)
            assert_int_equal(ng_model_spec_set(spec, keys[k], v[k]), NG_OK);
        snprintf(ybar[0], 96, "-%s*%ld/10", C, tl); /* Ȳ_ν = −cosθ t_ν (App. B) */
        snprintf(ybar[1], 96, "-%s*%ld/10", C, tr);
        assert_int_equal(ng_model_spec_set(spec, "YbarL", ybar[0]), NG_OK);
        assert_int_equal(ng_model_spec_set(spec, "YbarR", ybar[1]), NG_OK);
        ng_model_t Q;
        ng_two_spin_t TQ;
        if (ng_model_resolve(Q, spec, 128) != NG_OK)
            fail_msg("%s", ng_error_message());
        assert_int_equal(Q->R->kind, NG_QQ);
        assert_int_equal(ng_two_spin_derive(TQ, Q), NG_OK);
        /* the symbolic t1, t2, g at the same point, as balls */
        acb_ptr point = _acb_vec_init(RS->nvars);
        for (slong i = 0; i < RS->nvars; i++) {
            const char *n = RS->names[i];
            fmpq_t q;
            fmpq_init(q);
            if (strcmp(n, "u_theta") == 0)
                fmpq_set_si(q, up, uq);
            else if (strcmp(n, "tL") == 0)
                fmpq_set_si(q, tl, 10);
            else if (strcmp(n, "tR") == 0)
                fmpq_set_si(q, tr, 10);
            else if (strcmp(n, "cL") == 0)
                fmpq_set_si(q, cl, 1);
            else if (strcmp(n, "cR") == 0)
                fmpq_set_si(q, cr, 1);
            else if (strcmp(n, "dL") == 0)
                fmpq_set_si(q, dl, 1);
            else if (strcmp(n, "dR") == 0)
                fmpq_set_si(q, dr, 1);
            else
                fmpq_set_si(q, 1, 1); /* h: the zeroth order does not involve it */
            arb_set_fmpq(acb_realref(point + i), q, 256);
            fmpq_clear(q);
        }
        ng_srcptr sym[3] = {TS->t1, TS->t2, TS->g};
        ng_srcptr num[3] = {TQ->t1, TQ->t2, TQ->g};
        for (int k = 0; k < 3; k++) {
            acb_t y;
            fmpq_t exact;
            acb_init(y);
            fmpq_init(exact);
            fmpz_mpoly_q_evaluate_acb(y, sym[k], point, 256, RS->mctx);
            assert_true(ng_elem_get_fmpq(exact, num[k], Q->R));
            if (!arb_contains_fmpq(acb_realref(y), exact)) {
                ng_test_print_elem("exact", num[k], Q->R);
                fail_msg("point %ld/%ld %ld %ld %ld %ld %ld %ld: quantity %d", up, uq, tl, tr,
                         cl, cr, dl, dr, k);
            }
            acb_clear(y);
            fmpq_clear(exact);
        }
        _acb_vec_clear(point, RS->nvars);
        ng_two_spin_clear(TQ);
        ng_model_clear(Q);
        ng_model_spec_free(spec);
    }
    ng_two_spin_clear(TS);
    ng_model_clear(S);
    ng_test_rand_clear(rs);
}

/* Third route, at the paper's Fig. 4 parameters (T_L = 3/2, T_R = 1/2,
 * c = d = h = 1, θ = π/4 and π/3): the N-spin engine's certified ρ0 (its own
 * eigenbasis and rate equation) overlaps the symbolic two-spin solution
 * evaluated in balls at u = tan(θ/2), t_ν = tanh(1/T_ν). */
static void test_engine_at_figure_parameters(void **state)
{
    (void)state;
    static const char *const kv[] = {"tilted-ising", NULL};
    static const char *const thetas[2] = {"pi/4", "pi/3"};
    ng_model_t S;
    ng_two_spin_t TS;
    resolve(S, kv, 0);
    assert_int_equal(ng_two_spin_derive(TS, S), NG_OK);
    const ng_ring_struct *RS = S->R;
    for (int k = 0; k < 2; k++) {
        ng_model_spec *spec = ng_model_spec_new();
        ng_model_t M;
        ng_engine_rho0_t E;
        ng_engine_opts opts;
        acb_ptr point = _acb_vec_init(RS->nvars);
        arb_t theta;
        slong prec = 256;
        assert_int_equal(ng_model_spec_set_preset(spec, "tilted-ising"), NG_OK);
        assert_int_equal(ng_model_spec_set(spec, "theta", thetas[k]), NG_OK);
        assert_int_equal(ng_model_resolve(M, spec, 128), NG_OK);
        ng_engine_opts_init(&opts);
        assert_int_equal(ng_engine_rho0(E, M, &opts), NG_OK);
        arb_init(theta);
        arb_const_pi(theta, prec);
        arb_div_ui(theta, theta, k == 0 ? 8 : 6, prec); /* θ/2 */
        for (slong i = 0; i < RS->nvars; i++) {
            arb_ptr x = acb_realref(point + i);
            if (strcmp(RS->names[i], "u_theta") == 0)
                arb_tan(x, theta, prec);
            else if (strcmp(RS->names[i], "tL") == 0)
                arb_set_ui(x, 2), arb_div_ui(x, x, 3, prec), arb_tanh(x, x, prec);
            else if (strcmp(RS->names[i], "tR") == 0)
                arb_set_ui(x, 2), arb_tanh(x, x, prec);
            else
                arb_one(x); /* c_ν = d_ν = h = 1 */
        }
        ng_srcptr sym[2] = {TS->t1, TS->t2};
        for (int l = 0; l < 2; l++) {
            acb_t y;
            arb_t e;
            acb_init(y);
            arb_init(e);
            fmpz_mpoly_q_evaluate_acb(y, sym[l], point, prec, RS->mctx);
            assert_true(ng_elem_get_arb(e, ng_vec_entry(E->obs->t, l, E->R), prec, E->R));
            if (!arb_overlaps(acb_realref(y), e)) {
                arb_printd(acb_realref(y), 30);
                flint_printf("\n");
                arb_printd(e, 30);
                fail_msg("theta = %s, site %d", thetas[k], l + 1);
            }
            assert_true(arb_rel_accuracy_bits(e) > 40);
            acb_clear(y);
            arb_clear(e);
        }
        arb_clear(theta);
        _acb_vec_clear(point, RS->nvars);
        ng_engine_rho0_clear(E);
        ng_model_clear(M);
        ng_model_spec_free(spec);
    }
    ng_two_spin_clear(TS);
    ng_model_clear(S);
}

/* Eqs. B13–B16 derived from D ρ = −[σ^z', Sρ] − [ρS†, σ^z'] against print:
 * all entries agree but one, the σ^z part of D σ^x, whose sign differs
 * (derived −2b sinθ, printed +2b sinθ); Eq. B18 is the same with either,
 * because P0 removes what that entry changes — and a planted change in an
 * entry P0 keeps (B15's) does change B18. */
static void test_appendix_b13_b16(void **state)
{
    (void)state;
    static const char *const kv[] = {"tilted-ising", NULL};
    ng_model_t M;
    ng_two_spin_t T;
    ng_ptr p, m[2], out;
    const ng_ring_struct *R;
    resolve(M, kv, 1);
    R = M->R;
    assert_int_equal(ng_two_spin_derive(T, M), NG_OK);
    assert_non_null(T->dmat_printed[0]);
    p = ng_elem_new(R);
    for (int nu = 0; nu < 2; nu++)
        for (int i = 0; i < 16; i++) {
            truth_t eq = ng_elem_equal(ng_vec_entry(T->dmat[nu], i, R),
                                       ng_vec_entry(T->dmat_printed[nu], i, R), R);
            assert_true(eq == (i == 4 * 3 + 1 ? T_FALSE : T_TRUE));
        }
    /* the audit's form, an independent transcription: D σ^x = −2b(σ^x cosθ + σ^z sinθ) */
    assert_int_equal(ng_two_spin_eval_text(p, "-2*dL*cos(theta)*sin(theta)", M), NG_OK);
    assert_true(ng_elem_equal(ng_vec_entry(T->dmat[0], 4 * 3 + 1, R), p, R) == T_TRUE);
    /* the same through the writers' test: only (row z, col x) differs, for
     * either bath, with derived/printed = −1 (the sign) */
    for (int nu = 0; nu < 2; nu++)
        for (int row = 0; row < 4; row++)
            for (int col = 0; col < 4; col++) {
                int has_ratio = 0, d = ng_two_spin_b13_b16_differs(p, &has_ratio, T, nu, row, col);
                assert_int_equal(d, row == 3 && col == 1);
                if (d) {
                    assert_true(has_ratio);
                    assert_int_equal(ng_two_spin_eval_text(out = ng_elem_new(R), "-1", M), NG_OK);
                    assert_true(ng_elem_equal(p, out, R) == T_TRUE);
                    ng_elem_free(out, R);
                }
            }
    assert_non_null(T->p1l2_printed_d);
    assert_true(ng_two_spin_b18_printed_d_same(T));
    for (int i = 0; i < 3; i++)
        assert_true(ng_elem_equal(ng_vec_entry(T->p1l2_printed_d, i, R),
                                  ng_vec_entry(T->p1l2, i, R), R) == T_TRUE);
    /* the derived matrices reproduce B18 through the same route */
    out = ng_vec_init(3, R);
    ng_two_spin_b18_with(out, T, T->dmat);
    for (int i = 0; i < 3; i++)
        assert_true(ng_elem_equal(ng_vec_entry(out, i, R), ng_vec_entry(T->p1l2, i, R), R) ==
                    T_TRUE);
    /* planted: B15's σ^y entry halved for bath L changes B18 */
    for (int nu = 0; nu < 2; nu++) {
        m[nu] = ng_vec_init(16, R);
        for (int i = 0; i < 16; i++)
            ng_elem_set(ng_vec_entry(m[nu], i, R), ng_vec_entry(T->dmat[nu], i, R), R);
    }
    ng_elem_div_si(ng_vec_entry(m[0], 4 * 2 + 2, R), ng_vec_entry(m[0], 4 * 2 + 2, R), 2, R);
    ng_two_spin_b18_with(out, T, m);
    assert_true(ng_elem_equal(ng_vec_entry(out, 2, R), ng_vec_entry(T->p1l2, 2, R), R) ==
                T_FALSE);
    ng_vec_clear(m[0], 16, R);
    ng_vec_clear(m[1], 16, R);
    ng_vec_clear(out, 3, R);
    ng_elem_free(p, R);
    ng_two_spin_clear(T);
    ng_model_clear(M);
}

/* The study `two-spin` reports (ng_two_spin_study_t) at h = c = d = 1,
 * θ = 1, TL = 3/2, TR = 1 (held as free names): K of the equal run is Eq. 114 with the
 * limits 0 at θ = π/2 and 1 as θ → 0; the flat run has t1 = t2; and the
 * ball of (t1 − t2)/(tL − tR) at the held numbers overlaps the same ratio
 * from the engine's ρ0 solved at those numbers directly (second route). */
static void test_study(void **state)
{
    (void)state;
    ng_model_spec *spec = ng_model_spec_new();
    ng_two_spin_study_t S;
    ng_model_t M;
    ng_engine_rho0_t E;
    ng_engine_opts opts;
    slong prec = 256;
    arb_t t1, t2, tL, tR;
    assert_int_equal(ng_model_spec_set_preset(spec, "tilted-ising"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "h", "1"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "c", "1"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "d", "1"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "theta", "1"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "TL", "3/2"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "TR", "1"), NG_OK);
    if (ng_two_spin_study_init(S, spec, 128, prec) != NG_OK)
        fail_msg("study: %s", ng_error_message());
    assert_true(S->general.ok && S->have_equal && S->have_flat && S->flat.ok);
    assert_true(S->have_K);
    assert_cmp(S->K, ng_two_spin_printed_K, NG_CMP_EQUAL, S->equal.M);
    assert_true(S->have_K_limit[0] && S->have_K_limit[1]);
    assert_true(ng_elem_is_zero(S->K_limit[0], S->equal.M->R) == T_TRUE);
    {
        fmpq_t one;
        fmpq_init(one);
        fmpq_one(one);
        assert_true(ng_elem_contains_fmpq(S->K_limit[1], one, S->equal.M->R));
        fmpq_clear(one);
    }
    assert_true(ng_elem_equal(S->flat.T->t1, S->flat.T->t2, S->flat.M->R) == T_TRUE);
    assert_true(S->have_K_held);
    if (!S->K_held_ok)
        fail_msg("K held: needs %s", S->K_missing);

    assert_int_equal(ng_model_resolve(M, spec, prec), NG_OK);
    assert_int_equal(M->R->kind, NG_BALL);
    ng_engine_opts_init(&opts);
    assert_int_equal(ng_engine_rho0(E, M, &opts), NG_OK);
    arb_init(t1), arb_init(t2), arb_init(tL), arb_init(tR);
    assert_true(ng_elem_get_arb(t1, ng_vec_entry(E->obs->t, 0, E->R), prec, E->R));
    assert_true(ng_elem_get_arb(t2, ng_vec_entry(E->obs->t, 1, E->R), prec, E->R));
    arb_set_ui(tL, 2), arb_div_ui(tL, tL, 3, prec), arb_tanh(tL, tL, prec); /* h/TL, h = 1 */
    arb_one(tR), arb_tanh(tR, tR, prec);
    arb_sub(t1, t1, t2, prec);
    arb_sub(tL, tL, tR, prec);
    arb_div(t1, t1, tL, prec);
    if (!arb_overlaps(t1, S->K_held) || arb_rel_accuracy_bits(S->K_held) < 60) {
        arb_printd(t1, 30), flint_printf("\n"), arb_printd(S->K_held, 30);
        fail_msg("K at the held numbers");
    }
    arb_clear(t1), arb_clear(t2), arb_clear(tL), arb_clear(tR);
    ng_engine_rho0_clear(E);
    ng_model_clear(M);
    ng_two_spin_study_clear(S);
    ng_model_spec_free(spec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_symbolic_general),
        cmocka_unit_test(test_appendix_b13_b16),
        cmocka_unit_test(test_equal_baths_K),
        cmocka_unit_test(test_equal_temperatures),
        cmocka_unit_test(test_rational_points),
        cmocka_unit_test(test_engine_at_figure_parameters),
        cmocka_unit_test(test_study),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
