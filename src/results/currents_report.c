/* The current operators of a model and the report of their values
 * (results.h; the currents themselves: observable.h). */
#include <stdio.h>
#include <string.h>

#include "nessgen/results.h"

void ng_currents_ctx_init(ng_currents_ctx_t X, const ng_model_t M)
{
    ng_superop_ctx_init(X->L, M);
    ng_currents_init(X->C, X->L);
    X->R = M->R;
}

void ng_currents_ctx_clear(ng_currents_ctx_t X)
{
    ng_currents_clear(X->C, X->R);
    ng_superop_ctx_clear(X->L);
}

static const char *const bath[2] = {"L", "R"};

/* J_ν, J_L + J_R and J^s_ν of both baths (JSON, text, CSV in this order);
 * LaTeX: two per align row, J_ν beside J^s_ν, then the sum. */
static void bath_values(ng_report_t rep, const ng_current_values_t V, const ng_ring_t R)
{
    char key[8], latex[32];
    for (int k = 0; k < 4; k++) {
        int nu = k % 2, spin = k / 2;
        snprintf(key, sizeof key, "%s_%s", spin ? "Js" : "J", bath[nu]);
        ng_report_elem(rep, key, key, NULL, ng_vec_srcentry(spin ? V->Js : V->J, nu, R), R);
        if (k == 1)
            ng_report_elem(rep, "sum", "J_L + J_R", NULL, V->sum, R);
    }
    for (int k = 0; k < 4; k++) {
        int nu = k / 2, spin = k % 2;
        ng_report_node *n;
        snprintf(latex, sizeof latex, spin ? "J^{s}_{%s}" : "J_{%s}", bath[nu]);
        n = ng_report_elem(rep, NULL, NULL, latex,
                           ng_vec_srcentry(spin ? V->Js : V->J, nu, R), R);
        ng_report_node_formats(n, NG_REPORT_LATEX);
        if (spin)
            ng_report_node_flags(n, NG_REPORT_LATEX_SAME_ROW);
    }
    ng_report_node_formats(ng_report_elem(rep, NULL, NULL, "J_{L} + J_{R}", V->sum, R),
                           NG_REPORT_LATEX);
}

/* "energy": j_l through site l = 2..N−1, "spin": js on each bond; in LaTeX
 * lines of the same align*. */
static void bond_values(ng_report_t rep, const ng_current_values_t V, const ng_ring_t R)
{
    int N = V->N;
    char latex[32];
    ng_report_table_t *T = ng_report_table(rep, "energy",
                                           "energy current j through site l (bond l-1,l -> "
                                           "l,l+1)", NULL);
    ng_report_node_formats(T, NG_REPORT_TEXT | NG_REPORT_JSON);
    ng_report_column(T, "site", "site", NULL);
    ng_report_column(T, "j", "j", NULL);
    for (int l = 0; l + 2 < N; l++) {
        ng_report_row(T);
        ng_report_cell_int(T, l + 2);
        ng_report_cell_elem(T, ng_vec_srcentry(V->j, l, R), R);
    }
    T = ng_report_table(rep, "spin", "spin current js on bond (l,l+1)", NULL);
    ng_report_node_formats(T, NG_REPORT_TEXT | NG_REPORT_JSON);
    ng_report_column(T, "sites", "bond", NULL);
    ng_report_column(T, "js", "js", NULL);
    for (int b = 0; b + 1 < N; b++) {
        ng_report_row(T);
        ng_report_cell_bond(T, b + 1, b + 2);
        ng_report_cell_elem(T, ng_vec_srcentry(V->js, b, R), R);
    }
    for (int l = 0; l + 2 < N; l++) {
        snprintf(latex, sizeof latex, "j_{%d}", l + 2);
        ng_report_node_formats(ng_report_elem(rep, "j", NULL, latex,
                                              ng_vec_srcentry(V->j, l, R), R),
                               NG_REPORT_LATEX);
    }
    for (int b = 0; b + 1 < N; b++) {
        snprintf(latex, sizeof latex, "j^{s}_{%d,%d}", b + 1, b + 2);
        ng_report_node_formats(ng_report_elem(rep, "js", NULL, latex,
                                              ng_vec_srcentry(V->js, b, R), R),
                               NG_REPORT_LATEX);
    }
}

void ng_currents_report_begin(ng_report_t rep, const char *key, const char *text,
                              const char *latex, const ng_current_values_t V,
                              const ng_ring_t R, int parts)
{
    char *ht = flint_malloc(strlen(text) + 160), *hl = flint_malloc(strlen(latex) + 48);
    sprintf(ht, "\ncurrents, %s:\n(J_nu: heat into the chain from bath nu; Js_nu: the spin, "
                "sum of sigma^z, it brings in; J_L + J_R = 0 in the steady state)\n", text);
    sprintf(hl, "\n\\paragraph{Currents (%s).}\n", latex);
    ng_report_begin_group(rep, key, ht, hl);
    flint_free(ht);
    flint_free(hl);
    bath_values(rep, V, R);
    if (parts & NG_CURRENTS_BONDS)
        bond_values(rep, V, R);
}
