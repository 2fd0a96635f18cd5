/* The old observable writers, on top of the report core (cli_obs.h). */
#include <stdlib.h>
#include <string.h>

#include "cli_obs.h"

json_t *cli_ball_json(const arb_t x, slong digits, slong prec)
{
    ng_ring_t B;
    json_t *j;
    ng_ptr e;
    ng_ring_init_ball(B, prec);
    e = ng_elem_new(B);
    ng_elem_set_arb(e, x, B);
    j = ng_json_elem(e, digits, B);
    ng_elem_free(e, B);
    ng_ring_clear(B);
    return j;
}

char *cli_ball_latex(const arb_t x, slong digits, slong prec)
{
    (void)prec;
    return ng_report_latex_arb(x, digits);
}

char *cli_ball_str(const arb_t x, slong digits)
{
    char *s = arb_get_str(x, digits, 0), *r = flint_malloc(strlen(s) + 1);
    strcpy(r, s);
    flint_free(s);
    return r;
}

/* A report holding the observables of O alone. */
static void obs_report(ng_report_t rep, const ng_engine_obs_t O, const ng_model_t M,
                       const ng_ring_t R, slong digits, slong prec, int with_T)
{
    ng_report_init(rep, "observables", NULL, NULL, digits);
    ng_engine_obs_report(rep, O, M, R, prec, with_T);
}

void cli_obs_json(json_t *doc, const ng_engine_obs_t O, const ng_model_t M,
                  const ng_ring_t R, slong digits, slong prec, int with_T)
{
    static const char *const keys[] = {"sites", "bonds", "three_body", "eq150"};
    ng_report_t rep;
    json_t *j;
    obs_report(rep, O, M, R, digits, prec, with_T);
    j = ng_report_to_json(rep);
    for (int k = 0; k < 4; k++)
        json_object_set(doc, keys[k], json_object_get(j, keys[k]));
    json_decref(j);
    ng_report_clear(rep);
}

void cli_obs_text(FILE *out, const ng_engine_obs_t O, const ng_model_t M, const ng_ring_t R,
                  slong digits, slong prec, int with_T)
{
    ng_report_t rep;
    obs_report(rep, O, M, R, digits, prec, with_T);
    ng_report_write(out, rep, NG_REPORT_TEXT, 0);
    ng_report_clear(rep);
}

void cli_obs_csv_header(FILE *out, int balls)
{
    static const char *const q[] = {"t", "T", "rhoA", "rhoB", "zA", "Az"};
    fprintf(out, "site");
    for (int i = 0; i < 6; i++) {
        fputc(',', out);
        if (balls)
            ng_report_csv_ball_header(out, q[i]);
        else
            fputs(q[i], out);
    }
}

void cli_obs_csv(FILE *out, const char *prefix, const ng_engine_obs_t O, const ng_model_t M,
                 const ng_ring_t R, slong digits, slong prec, int with_T)
{
    ng_report_t rep;
    char *buf = NULL, *p;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    obs_report(rep, O, M, R, digits, prec, with_T);
    ng_report_write(f, rep, NG_REPORT_CSV, 0);
    fclose(f);
    p = strchr(buf, '\n'); /* the rows after the header, each with the prefix */
    for (p = p ? p + 1 : buf + len; *p != '\0';) {
        char *e = strchr(p, '\n');
        fprintf(out, "%s%.*s\n", prefix, (int)(e ? e - p : (ptrdiff_t)strlen(p)), p);
        p = e ? e + 1 : p + strlen(p);
    }
    free(buf);
    ng_report_clear(rep);
}

void cli_assignment_latex(FILE *out, const char *text)
{
    const char *eq = strstr(text, " = ");
    ng_expr *e = NULL;
    char *name, *n, *v;
    if (eq == NULL || ng_expr_parse(&e, eq + 3, "value") != NG_OK) {
        ng_error_clear();
        v = ng_latex_texttt(text);
        fputs(v, out);
        flint_free(v);
        return;
    }
    name = flint_malloc(eq - text + 1);
    memcpy(name, text, eq - text);
    name[eq - text] = '\0';
    n = ng_param_name_latex(name);
    v = ng_expr_get_latex_value(e);
    fprintf(out, "$%s = %s$", n, v);
    flint_free(n);
    flint_free(v);
    flint_free(name);
    ng_expr_free(e);
}

void cli_names_latex(FILE *out, const char *list)
{
    const char *p = list;
    fprintf(out, "$");
    while (*p != '\0') {
        size_t n = strcspn(p, ", ");
        if (n > 0) {
            char *name = flint_malloc(n + 1), *s;
            memcpy(name, p, n);
            name[n] = '\0';
            s = ng_param_name_latex(name);
            fprintf(out, "%s%s", p == list ? "" : ", ", s);
            flint_free(s);
            flint_free(name);
        }
        p += n;
        p += strspn(p, ", ");
    }
    fprintf(out, "$");
}
