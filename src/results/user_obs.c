/* Observables the user names (--observable): parsing, values in a state,
 * and their report (results.h). */
#include <string.h>

#include "nessgen/results.h"

ng_status ng_user_obs_init(ng_user_obs_t U, const char *const *exprs, int n, int N)
{
    U->n = 0;
    U->obs = flint_malloc(FLINT_MAX(n, 1) * sizeof(ng_observable_struct));
    for (int i = 0; i < n; i++) {
        ng_observable_init(U->obs + i);
        U->n++;
        if (ng_observable_parse(U->obs + i, exprs[i], "--observable") != NG_OK ||
            ng_observable_check_sites(U->obs + i, N, "--observable") != NG_OK)
            return NG_EINPUT;
    }
    return NG_OK;
}

void ng_user_obs_clear(ng_user_obs_t U)
{
    for (int i = 0; i < U->n; i++)
        ng_observable_clear(U->obs + i);
    flint_free(U->obs);
    U->obs = NULL;
    U->n = 0;
}

/* A state's values read in another ring Rout: exact values as balls (an
 * irrational coefficient), or as constants of Q(names) (free names). */
typedef struct {
    ng_string_expect_fn f;
    const void *state;
    const ng_ring_struct *R, *Rout;
} ring_adapter;

static void expect_in_ring(ng_ptr res, ng_string P, const void *arg)
{
    const ring_adapter *a = arg;
    ng_ptr x = ng_elem_new(a->R);
    a->f(x, P, a->state);
    ng_elem_set_other_ring(res, x, a->R, a->Rout);
    ng_elem_free(x, a->R);
}

/* The observable's coefficients all rational: its value stays exact. */
static int coefficients_fit(const ng_observable_t O, int N, const ng_ring_t R)
{
    ng_op_t A;
    int ok;
    ng_op_init(A, N, NG_PAULI, R);
    ok = ng_observable_op(A, O, N, R) == NG_OK;
    ng_op_clear(A, R);
    ng_error_clear();
    return ok;
}

/* The ring of one observable's value in a state over R; 1 if the state's
 * values go in as they are, 0 if they need expect_in_ring; −1 (ring not
 * set up) for free names on a state that is not exact. */
static int value_ring(ng_ring_struct *Ri, const ng_observable_t O, int N, const ng_ring_t R,
                      slong prec)
{
    if (O->symbolic) {
        char **names = NULL;
        slong n = 0;
        if (R->kind != NG_QQ || ng_observable_symbols(&names, &n, O) != NG_OK)
            return -1;
        ng_ring_init_params(Ri, (const char *const *)names, n);
        for (slong k = 0; k < n; k++)
            flint_free(names[k]);
        flint_free(names);
        return 0;
    }
    if (R->kind == NG_BALL) {
        ng_ring_init_ball(Ri, R->prec);
        return 1;
    }
    if (coefficients_fit(O, N, R)) {
        ng_ring_init_qq(Ri);
        return 1;
    }
    ng_ring_init_ball(Ri, prec);
    return 0;
}

static void values_alloc(ng_obs_values_t V, int n)
{
    V->n = n;
    V->R = flint_malloc(FLINT_MAX(n, 1) * sizeof(ng_ring_struct));
    V->v = flint_malloc(FLINT_MAX(n, 1) * sizeof(ng_ptr));
}

ng_status ng_obs_values_eval(ng_obs_values_t V, const ng_user_obs_t U, int N,
                             ng_string_expect_fn f, const void *state, const ng_ring_t R,
                             slong prec)
{
    ng_status st = NG_OK;
    values_alloc(V, U->n);
    for (int i = 0; i < U->n; i++) {
        ng_ring_struct *Ri = V->R + i;
        int direct = value_ring(Ri, U->obs + i, N, R, prec);
        ring_adapter a = {f, state, R, Ri};
        ng_op_t A;
        if (direct < 0) {
            ng_ring_init_qq(Ri); /* a placeholder, so that clear is safe */
            if (st == NG_OK)
                st = ng_error(NG_EINPUT,
                              "--observable '%s': coefficients with free names need an "
                              "exact state (a rational model on the commutant route, "
                              "N <= 5, in rho0); give numbers",
                              U->obs[i].text);
        }
        V->v[i] = ng_elem_new(Ri);
        if (st != NG_OK)
            continue;
        ng_op_init(A, N, NG_PAULI, Ri);
        st = ng_observable_op(A, U->obs + i, N, Ri);
        if (st == NG_OK)
            st = ng_observable_expect(V->v[i], A, Ri, direct ? f : expect_in_ring,
                                      direct ? state : &a, Ri);
        ng_op_clear(A, Ri);
    }
    return st;
}

void ng_obs_values_horner(ng_obs_values_t V, const ng_obs_values_t A, ng_srcptr c)
{
    for (int i = 0; i < V->n; i++) {
        ng_ptr t = ng_elem_new(V->R + i);
        ng_elem_mul(t, V->v[i], c, V->R + i);
        ng_elem_add(V->v[i], A->v[i], t, V->R + i);
        ng_elem_free(t, V->R + i);
    }
}

void ng_obs_values_copy(ng_obs_values_t V, const ng_obs_values_t A)
{
    values_alloc(V, A->n);
    for (int i = 0; i < A->n; i++) {
        if (A->R[i].kind == NG_BALL)
            ng_ring_init_ball(V->R + i, A->R[i].prec);
        else
            ng_ring_init_qq(V->R + i);
        V->v[i] = ng_elem_new(V->R + i);
        ng_elem_set(V->v[i], A->v[i], V->R + i);
    }
}

void ng_obs_values_clear(ng_obs_values_t V)
{
    for (int i = 0; i < V->n; i++) {
        ng_elem_free(V->v[i], V->R + i);
        ng_ring_clear(V->R + i);
    }
    flint_free(V->R);
    flint_free(V->v);
    V->n = 0;
    V->R = NULL;
    V->v = NULL;
}

void ng_user_obs_report(ng_report_t rep, const ng_user_obs_t U, const ng_obs_values_t V)
{
    ng_report_table_t *T = ng_report_table(rep, "observables", "observables (--observable)",
                                           NULL);
    ng_report_node_formats(T, NG_REPORT_TEXT | NG_REPORT_JSON);
    ng_report_column(T, "expression", "<expression>", NULL);
    ng_report_column(T, "value", "value", NULL);
    for (int i = 0; i < U->n; i++) {
        ng_report_row(T);
        ng_report_cell_string(T, U->obs[i].text);
        ng_report_cell_elem(T, V->v[i], V->R + i);
    }
    if (U->n == 0)
        return;
    ng_report_note(rep, NG_REPORT_LATEX,
                   "\n\\paragraph{Observables.} Given with \\texttt{--observable} (Pauli "
                   "letters $X_l, Y_l, Z_l$ for $\\sigma^x_l, \\sigma^y_l, \\sigma^z_l$):\n");
    for (int i = 0; i < U->n; i++) { /* LaTeX: an align* */
        char *tt = ng_latex_texttt(U->obs[i].text), *label = flint_malloc(strlen(tt) + 32);
        sprintf(label, "\\langle %s\\rangle", tt);
        ng_report_node_formats(ng_report_elem(rep, NULL, NULL, label, V->v[i], V->R + i),
                               NG_REPORT_LATEX);
        flint_free(tt);
        flint_free(label);
    }
}

void ng_user_obs_report_csv(ng_report_t rep, const ng_user_obs_t U, const ng_obs_values_t V)
{
    for (int i = 0; i < U->n; i++) {
        char csv[32];
        ng_report_node *n;
        snprintf(csv, sizeof csv, "obs%d", i + 1);
        n = ng_report_elem(rep, csv, NULL, NULL, V->v[i], V->R + i);
        ng_report_node_formats(n, NG_REPORT_CSV);
        ng_report_node_csv(n, csv);
    }
}
