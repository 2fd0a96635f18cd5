/* --observable EXPR and the currents of a state (cli_extra.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_extra.h"
#include "cli_obs.h"
#include "nessgen/engine.h"
#include "nessgen/numerics.h"

int cli_user_obs_init(cli_user_obs *U, const cli_t *cli, int N)
{
    U->n = 0;
    U->obs = flint_malloc(FLINT_MAX(cli->nobservables, 1) * sizeof(ng_observable_struct));
    for (int i = 0; i < cli->nobservables; i++) {
        ng_observable_init(U->obs + i);
        U->n++;
        if (ng_observable_parse(U->obs + i, cli->observables[i], "--observable") !=
                NG_OK ||
            ng_observable_check_sites(U->obs + i, N, "--observable") != NG_OK) {
            fprintf(stderr, "nessgen %s: %s\n", cli->command, ng_error_message());
            cli_user_obs_clear(U);
            return CLI_EUSAGE;
        }
    }
    return CLI_OK;
}

void cli_user_obs_clear(cli_user_obs *U)
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
static int value_ring(ng_ring_struct *Ri, const ng_observable_t O, int N,
                      const ng_ring_t R, slong prec)
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

ng_status cli_user_obs_eval(cli_values *V, const cli_user_obs *U, int N,
                            ng_string_expect_fn f, const void *state, const ng_ring_t R,
                            slong prec)
{
    ng_status st = NG_OK;
    V->n = U->n;
    V->R = flint_malloc(FLINT_MAX(U->n, 1) * sizeof(ng_ring_struct));
    V->v = flint_malloc(FLINT_MAX(U->n, 1) * sizeof(ng_ptr));
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

void cli_values_horner(cli_values *V, const cli_values *A, ng_srcptr c)
{
    for (int i = 0; i < V->n; i++) {
        ng_ptr t = ng_elem_new(V->R + i);
        ng_elem_mul(t, V->v[i], c, V->R + i);
        ng_elem_add(V->v[i], A->v[i], t, V->R + i);
        ng_elem_free(t, V->R + i);
    }
}

void cli_values_copy(cli_values *V, const cli_values *A)
{
    V->n = A->n;
    V->R = flint_malloc(FLINT_MAX(A->n, 1) * sizeof(ng_ring_struct));
    V->v = flint_malloc(FLINT_MAX(A->n, 1) * sizeof(ng_ptr));
    for (int i = 0; i < A->n; i++) {
        if (A->R[i].kind == NG_BALL)
            ng_ring_init_ball(V->R + i, A->R[i].prec);
        else
            ng_ring_init_qq(V->R + i);
        V->v[i] = ng_elem_new(V->R + i);
        ng_elem_set(V->v[i], A->v[i], V->R + i);
    }
}

void cli_values_clear(cli_values *V)
{
    for (int i = 0; i < V->n; i++) {
        ng_elem_free(V->v[i], V->R + i);
        ng_ring_clear(V->R + i);
    }
    flint_free(V->R);
    flint_free(V->v);
}

void cli_user_obs_eval_d(double *v, const cli_user_obs *U, int N,
                         double (*f)(ng_string P, const void *state), const void *state)
{
    ng_ring_t B;
    ng_ring_init_ball(B, 128);
    for (int i = 0; i < U->n; i++) {
        ng_op_t A;
        ng_op_init(A, N, NG_PAULI, B);
        v[i] = ng_observable_op(A, U->obs + i, N, B) == NG_OK
                   ? ng_observable_expect_d(A, B, f, state)
                   : NAN;
        ng_op_clear(A, B);
    }
    ng_ring_clear(B);
}

void cli_user_obs_text(FILE *out, const cli_user_obs *U, const cli_values *V,
                       slong digits)
{
    for (int i = 0; i < U->n; i++) {
        fprintf(out, "<%s> = ", U->obs[i].text);
        cli_put_elem(out, "%s\n", V->v[i], digits, V->R + i);
    }
}

void cli_user_obs_text_d(FILE *out, const cli_user_obs *U, const double *v)
{
    for (int i = 0; i < U->n; i++)
        fprintf(out, "<%s> = %.10g\n", U->obs[i].text, v[i]);
}

void cli_user_obs_json(json_t *doc, const cli_user_obs *U, const cli_values *V,
                       slong digits)
{
    json_t *a = json_array();
    for (int i = 0; i < U->n; i++)
        json_array_append_new(a, json_pack("{s:s,s:o}", "expression", U->obs[i].text,
                                           "value",
                                           ng_json_elem(V->v[i], digits, V->R + i)));
    json_object_set_new(doc, "observables", a);
}

void cli_user_obs_json_d(json_t *doc, const cli_user_obs *U, const double *v)
{
    json_t *a = json_array();
    for (int i = 0; i < U->n; i++)
        json_array_append_new(
            a, json_pack("{s:s,s:o}", "expression", U->obs[i].text, "value",
                         isfinite(v[i]) ? json_real(v[i]) : json_null()));
    json_object_set_new(doc, "observables", a);
}

void cli_user_obs_csv_header(FILE *out, const cli_user_obs *U, int balls)
{
    for (int i = 0; i < U->n; i++)
        fprintf(out, balls ? ",obs%d_mid,obs%d_rad" : ",obs%d", i + 1, i + 1);
}

void cli_user_obs_csv(FILE *out, const cli_user_obs *U, const cli_values *V, slong digits)
{
    (void)digits;
    for (int i = 0; i < U->n; i++) {
        fputc(',', out);
        ng_report_csv_elem(out, V->v[i], V->R + i);
    }
}

void cli_user_obs_csv_d(FILE *out, const cli_user_obs *U, const double *v)
{
    for (int i = 0; i < U->n; i++) {
        fputc(',', out);
        ng_report_csv_double(out, v[i]);
    }
}

void cli_user_obs_latex(FILE *out, const cli_user_obs *U, const cli_values *V,
                        slong digits)
{
    if (U->n == 0)
        return;
    fprintf(out, "\n\\paragraph{Observables.} Given with \\texttt{--observable} (Pauli "
                 "letters $X_l, Y_l, Z_l$ for $\\sigma^x_l, \\sigma^y_l, \\sigma^z_l$):\n"
                 "\\begin{align*}\n");
    for (int i = 0; i < U->n; i++) {
        fprintf(out, "\\langle ");
        cli_latex_texttt(out, U->obs[i].text);
        fprintf(out, "\\rangle &= ");
        cli_put_elem_latex(out, V->v[i], digits, V->R + i);
        fprintf(out, "%s\n", i + 1 < U->n ? ", \\\\" : ".");
    }
    fprintf(out, "\\end{align*}\n");
}

void cli_currents_init(cli_currents *X, const ng_model_t M)
{
    ng_superop_ctx_init(X->L, M);
    ng_currents_init(X->C, X->L);
    X->R = M->R;
}

void cli_currents_clear(cli_currents *X)
{
    ng_currents_clear(X->C, X->R);
    ng_superop_ctx_clear(X->L);
}

static const char *const bath_name[2] = {"L", "R"};

void cli_currents_text(FILE *out, const char *title, const ng_current_values_t V,
                       const ng_ring_t R, slong digits, int parts)
{
    int N = V->N;
    fprintf(out, "currents, %s:\n", title);
    for (int nu = 0; nu < 2; nu++) {
        fprintf(out, "  heat into the chain from bath %s: J_%s = ", bath_name[nu],
                bath_name[nu]);
        cli_put_elem(out, "%s", ng_vec_srcentry(V->J, nu, R), digits, R);
        fprintf(out, ", spin (sum of sigma^z): Js_%s = ", bath_name[nu]);
        cli_put_elem(out, "%s\n", ng_vec_srcentry(V->Js, nu, R), digits, R);
    }
    cli_put_elem(out, "  J_L + J_R = %s (0 in the steady state)\n", V->sum, digits, R);
    if (!(parts & CLI_CURRENTS_BONDS))
        return;
    for (int l = 0; l + 2 < N; l++) {
        fprintf(out,
                "  energy current through site %d (bond %d,%d -> %d,%d): j = ", l + 2,
                l + 1, l + 2, l + 2, l + 3);
        cli_put_elem(out, "%s\n", ng_vec_srcentry(V->j, l, R), digits, R);
    }
    for (int b = 0; b + 1 < N; b++) {
        fprintf(out, "  spin current on bond (%d,%d): js = ", b + 1, b + 2);
        cli_put_elem(out, "%s\n", ng_vec_srcentry(V->js, b, R), digits, R);
    }
}

json_t *cli_currents_json(const ng_current_values_t V, const ng_ring_t R, slong digits,
                          int parts)
{
    int N = V->N;
    json_t *c = json_object();
    json_object_set_new(c, "J_L", ng_json_elem(ng_vec_srcentry(V->J, 0, R), digits, R));
    json_object_set_new(c, "J_R", ng_json_elem(ng_vec_srcentry(V->J, 1, R), digits, R));
    json_object_set_new(c, "sum", ng_json_elem(V->sum, digits, R));
    json_object_set_new(c, "Js_L", ng_json_elem(ng_vec_srcentry(V->Js, 0, R), digits, R));
    json_object_set_new(c, "Js_R", ng_json_elem(ng_vec_srcentry(V->Js, 1, R), digits, R));
    if (parts & CLI_CURRENTS_BONDS) {
        json_t *e = json_array(), *s = json_array();
        for (int l = 0; l + 2 < N; l++)
            json_array_append_new(
                e, json_pack("{s:i,s:o}", "site", l + 2, "j",
                             ng_json_elem(ng_vec_srcentry(V->j, l, R), digits, R)));
        for (int b = 0; b + 1 < N; b++)
            json_array_append_new(
                s, json_pack("{s:[i,i],s:o}", "sites", b + 1, b + 2, "js",
                             ng_json_elem(ng_vec_srcentry(V->js, b, R), digits, R)));
        json_object_set_new(c, "energy", e);
        json_object_set_new(c, "spin", s);
    }
    return c;
}

void cli_currents_latex(FILE *out, const char *title, const ng_current_values_t V,
                        const ng_ring_t R, slong digits, int parts)
{
    int N = V->N;
    fprintf(out, "\n\\paragraph{Currents (%s).}\n\\begin{align*}\n", title);
    for (int nu = 0; nu < 2; nu++) {
        fprintf(out, "J_{%s} &= ", bath_name[nu]);
        cli_put_elem_latex(out, ng_vec_srcentry(V->J, nu, R), digits, R);
        fprintf(out, ", & J^{s}_{%s} &= ", bath_name[nu]);
        cli_put_elem_latex(out, ng_vec_srcentry(V->Js, nu, R), digits, R);
        fprintf(out, ", \\\\\n");
    }
    fprintf(out, "J_{L} + J_{R} &= ");
    cli_put_elem_latex(out, V->sum, digits, R);
    if (parts & CLI_CURRENTS_BONDS) {
        for (int l = 0; l + 2 < N; l++) {
            fprintf(out, ", \\\\\nj_{%d} &= ", l + 2);
            cli_put_elem_latex(out, ng_vec_srcentry(V->j, l, R), digits, R);
        }
        for (int b = 0; b + 1 < N; b++) {
            fprintf(out, ", \\\\\nj^{s}_{%d,%d} &= ", b + 1, b + 2);
            cli_put_elem_latex(out, ng_vec_srcentry(V->js, b, R), digits, R);
        }
    }
    fprintf(out, ".\n\\end{align*}\n");
}

void cli_currents_text_d(FILE *out, const ng_current_values_d *V)
{
    fprintf(out,
            "currents: J_L = %.10g, J_R = %.10g, J_L + J_R = %.3e; Js_L = %.10g, "
            "Js_R = %.10g\n",
            V->J[0], V->J[1], V->sum, V->Js[0], V->Js[1]);
    for (int l = 0; l + 2 < V->N; l++)
        fprintf(out, "  energy current through site %d: j = %.10g\n", l + 2, V->j[l]);
    for (int b = 0; b + 1 < V->N; b++)
        fprintf(out, "  spin current on bond (%d,%d): js = %.10g\n", b + 1, b + 2,
                V->js[b]);
}

static json_t *jd(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

json_t *cli_currents_json_d(const ng_current_values_d *V)
{
    json_t *c = json_pack("{s:o,s:o,s:o,s:o,s:o}", "J_L", jd(V->J[0]), "J_R", jd(V->J[1]),
                          "sum", jd(V->sum), "Js_L", jd(V->Js[0]), "Js_R", jd(V->Js[1]));
    json_t *e = json_array(), *s = json_array();
    for (int l = 0; l + 2 < V->N; l++)
        json_array_append_new(e, json_pack("{s:i,s:o}", "site", l + 2, "j", jd(V->j[l])));
    for (int b = 0; b + 1 < V->N; b++)
        json_array_append_new(
            s, json_pack("{s:[i,i],s:o}", "sites", b + 1, b + 2, "js", jd(V->js[b])));
    json_object_set_new(c, "energy", e);
    json_object_set_new(c, "spin", s);
    return c;
}

void cli_currents_csv_header(FILE *out)
{
    fprintf(out, ",J_L,J_R,Js_L,Js_R,j,js");
}

static void csv_d(FILE *out, double x)
{
    fputc(',', out);
    ng_report_csv_double(out, x);
}

void cli_currents_csv_d(FILE *out, const ng_current_values_d *V, int l)
{
    for (int i = 0; i < 2; i++)
        csv_d(out, V->J[i]);
    for (int i = 0; i < 2; i++)
        csv_d(out, V->Js[i]);
    csv_d(out, l >= 2 && l <= V->N - 1 ? V->j[l - 2] : NAN);
    csv_d(out, l <= V->N - 1 ? V->js[l - 1] : NAN);
}

void cli_announce(const cli_t *cli, const char *what, double bytes, double ref_seconds,
                  int ref_N, double growth, int N)
{
    double t = ref_seconds * pow(growth, N - ref_N);
    if (!isatty(STDERR_FILENO))
        return;
    fprintf(stderr,
            "nessgen %s: %s; about %.0f MiB of memory and, roughly, %.0f s of CPU time "
            "(extrapolated: %.3g s at N = %d, x%.3g per spin; an estimate, not a bound)\n",
            cli->command, what, bytes / 1048576.0, t, ref_seconds, ref_N, growth);
}

void cli_csv_with_suffix(FILE *out, const char *rows, const char *suffix)
{
    for (const char *p = rows, *q; *p != '\0'; p = q + 1) {
        q = strchr(p, '\n');
        if (q == NULL)
            q = p + strlen(p);
        fwrite(p, 1, (size_t)(q - p), out);
        fprintf(out, "%s\n", suffix);
        if (*q == '\0')
            break;
    }
}

int cli_ness_extras_init(cli_ness_extras *X, const cli_t *cli, const ng_model_t M)
{
    int status = cli_user_obs_init(&X->U, cli, M->N);
    if (status != CLI_OK)
        return status;
    for (int i = 0; i < X->U.n; i++)
        if (X->U.obs[i].symbolic) {
            fprintf(stderr,
                    "nessgen %s: --observable '%s': coefficients with free names "
                    "need an exact state (rho0); the solver works in doubles: give "
                    "numbers\n",
                    cli->command, X->U.obs[i].text);
            cli_user_obs_clear(&X->U);
            return CLI_EUSAGE;
        }
    cli_currents_init(&X->C, M);
    X->N = M->N;
    return CLI_OK;
}

void cli_ness_extras_clear(cli_ness_extras *X)
{
    cli_user_obs_clear(&X->U);
    cli_currents_clear(&X->C);
}

typedef struct {
    const double _Complex *rho;
    int N;
} ness_state;

static double ness_expect(ng_string P, const void *arg)
{
    const ness_state *s = arg;
    return ng_ness_expect(s->rho, s->N, P);
}

void cli_ness_extras_eval(double *vals, ng_current_values_d *V, const cli_ness_extras *X,
                          const void *rho, double lambda)
{
    ness_state s = {rho, X->N};
    if (vals != NULL)
        cli_user_obs_eval_d(vals, &X->U, X->N, ness_expect, &s);
    ng_current_values_d_at(V, X->C.C, X->C.R, ness_expect, &s, lambda);
}

static double mid_d(ng_srcptr x, const ng_ring_t R)
{
    return ng_elem_get_d(x, R);
}

ng_status cli_current_sweep_init(cli_current_sweep *W, ng_model_t M)
{
    ng_engine_opts o;
    ng_engine_reference_t E;
    cli_currents C;
    ng_status st;
    slong n = ng_currents_nraw(M->N);
    memset(W, 0, sizeof *W);
    ng_engine_opts_init(&o);
    o.digits = 17;
    o.keep_state = 1;
    st = ng_engine_reference(E, M, &o);
    cli_currents_init(&C, M);
    if (st == NG_OK) {
        const ng_ring_struct *R = ng_engine_reference_ring(E);
        ng_ptr raw = ng_vec_init(3 * n, R);
        ng_current_values_t V;
        W->order = E->order;
        for (int m = 0; m <= E->order && st == NG_OK; m++) {
            ng_string_expect_fn f;
            const void *state;
            ng_engine_reference_expect_fn(&f, &state, E, m);
            /* ρ0 alone (degenerate levels) gives J^[2] from the baths */
            st = E->order == 2 ? ng_currents_raw(ng_vec_entry(raw, m * n, R), C.C, M->R, f,
                                                 state, R)
                               : ng_currents_raw_baths(raw, C.C, M->R, f, state, R);
        }
        ng_current_values_init(V, M->N, R);
        for (int p = 2; p <= 2 + E->order; p++) {
            ng_current_values_order(V, raw, E->order, p, R);
            W->J[p - 2] = mid_d(ng_vec_srcentry(V->J, 0, R), R);
        }
        ng_current_values_clear(V, R);
        ng_vec_clear(raw, 3 * n, R);
    }
    ng_engine_reference_clear(E);
    cli_currents_clear(&C);
    return st;
}

void cli_current_sweep_add(cli_current_sweep *W, double lambda,
                           const ng_current_values_d *V)
{
    int k = W->n++;
    double l2 = lambda * lambda, y = V->J[0] / l2, s = 0.0, p = 1.0;
    W->lam[k] = lambda;
    W->JL[k] = y;
    for (int m = 0; m <= W->order; m++, p *= lambda) {
        s += p * W->J[m];
        W->err[m][k] = fabs(y - s);
    }
    W->sum[k] = fabs(V->sum) / l2;
    W->bond[k] = 0.0;
    for (int l = 0; l + 2 < V->N; l++)
        W->bond[k] = fmax(W->bond[k], fabs(V->j[l] - V->J[0]) / l2);
}

static const char *const sweep_heads[3] = {"|J-J2|", "|J-J2-l J3|", "|J-..-l^2 J4|"};

void cli_current_sweep_text(FILE *out, const cli_current_sweep *W,
                            double (*fit)(const double *, const double *, int))
{
    fprintf(out,
            "\nheat current into the chain from the left bath, J = J_L/lambda^2, against "
            "its series J2 + lambda J3 + lambda^2 J4\n(J2 = <D_L^dag(H0)>_rho0 = "
            "h Gamma_L (t_1 - t_L); coefficients from the certified engine):");
    for (int m = 0; m <= W->order; m++)
        fprintf(out, " J%d = %.12g%s", m + 2, W->J[m], m < W->order ? "," : "\n");
    fprintf(out, "%10s  %15s", "lambda", "J_L/lambda^2");
    for (int m = 0; m <= W->order; m++)
        fprintf(out, "  %15s", sweep_heads[m]);
    fprintf(out, "  %15s  %17s\n", "|J_L+J_R|/l^2", "max|j_l-J_L|/l^2");
    for (int k = 0; k < W->n; k++) {
        fprintf(out, "%10g  %15.10g", W->lam[k], W->JL[k]);
        for (int m = 0; m <= W->order; m++)
            fprintf(out, "  %15.6e", W->err[m][k]);
        fprintf(out, "  %15.3e  %17.3e\n", W->sum[k], W->bond[k]);
    }
    fprintf(out, "fitted order p (error ~ lambda^p):");
    for (int m = 0; m <= W->order; m++)
        fprintf(out, " %s %.3f%s", sweep_heads[m], fit(W->lam, W->err[m], W->n),
                m < W->order ? "," : "");
    fprintf(out,
            " (each added term should raise p by about one, until the double-precision\n"
            "floor; a small J3 makes the first fit steeper than 1)\n");
}

json_t *cli_current_sweep_json(const cli_current_sweep *W,
                               double (*fit)(const double *, const double *, int))
{
    static const char *const names[3] = {"err_J2", "err_J3", "err_J4"}; /* as the CSV */
    json_t *c = json_object(), *coef = json_object(), *rows = json_array(),
           *order = json_object();
    for (int m = 0; m <= W->order; m++) {
        char key[4];
        snprintf(key, sizeof key, "J%d", m + 2);
        json_object_set_new(coef, key, json_real(W->J[m]));
    }
    for (int k = 0; k < W->n; k++) {
        json_t *r =
            json_pack("{s:f,s:f}", "lambda", W->lam[k], "J_L_over_lambda2", W->JL[k]);
        for (int m = 0; m <= W->order; m++)
            json_object_set_new(r, names[m], json_real(W->err[m][k]));
        json_object_set_new(r, "sum_over_lambda2", json_real(W->sum[k]));
        json_object_set_new(r, "max_bond_minus_J_L_over_lambda2", json_real(W->bond[k]));
        json_array_append_new(rows, r);
    }
    for (int m = 0; m <= W->order; m++) {
        double f = fit(W->lam, W->err[m], W->n);
        json_object_set_new(order, names[m], isfinite(f) ? json_real(f) : json_null());
    }
    json_object_set_new(c, "coefficients", coef);
    json_object_set_new(c, "abs_error", rows);
    json_object_set_new(c, "order", order);
    return c;
}
