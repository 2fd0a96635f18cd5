/* --observable EXPR and the currents of a state (cli_extra.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_extra.h"
#include "cli_obs.h"
#include "nessgen/engine.h"
#include "nessgen/numerics.h"

int cli_user_obs_init(cli_user_obs *U, const cli_t *cli, int N)
{
    if (ng_user_obs_init(U, cli->observables, cli->nobservables, N) == NG_OK)
        return CLI_OK;
    fprintf(stderr, "nessgen %s: %s\n", cli->command, ng_error_message());
    ng_user_obs_clear(U);
    return CLI_EUSAGE;
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

void cli_user_obs_text_d(FILE *out, const cli_user_obs *U, const double *v)
{
    for (int i = 0; i < U->n; i++)
        fprintf(out, "<%s> = %.10g\n", U->obs[i].text, v[i]);
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

void cli_user_obs_csv_d(FILE *out, const cli_user_obs *U, const double *v)
{
    for (int i = 0; i < U->n; i++) {
        fputc(',', out);
        ng_report_csv_double(out, v[i]);
    }
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

static double wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void progress_line(void *arg, double fraction, const char *stage)
{
    cli_progress *P = arg;
    double now = wall_seconds(), elapsed = now - P->start;
    if (fraction < 1.0 && now - P->last < 1.0)
        return; /* at most a line a second, and always the end */
    P->last = now;
    fprintf(stderr, "nessgen %s: %3.0f%% done (%s); %.0f s elapsed", P->cli->command,
            100.0 * fraction, stage, elapsed);
    if (fraction >= 0.02 && fraction < 1.0)
        fprintf(stderr, ", about %.0f s left", elapsed * (1.0 - fraction) / fraction);
    fputc('\n', stderr);
}

void cli_progress_attach(cli_progress *P, const cli_t *cli, ng_engine_opts *o)
{
    P->cli = cli;
    P->start = wall_seconds();
    P->last = P->start - 1.0; /* the first milestone always prints */
    if (!isatty(STDERR_FILENO))
        return;
    o->progress_fn = progress_line;
    o->progress_arg = P;
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
