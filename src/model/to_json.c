/* The resolved model as JSON (DESIGN §4): every parameter as given and as
 * evaluated.
 *
 *   {"preset": "tilted-ising" | "xxz" | "xyz" | "generic" | null,
 *    "model_file": "<name>"            (model files only),
 *    "N": 4, "domain": "rational" | "symbolic" | "ball",
 *    "prec": 128                        (balls only),
 *    "symbols": ["u_theta", …]          (symbolic only),
 *    "parameters": {
 *      "<name>": {"given": "<expression>", "source": "given" | "default" | "derived" | "free",
 *                 "value": {"exact": "<rational function>"}
 *                        | {"mid": m, "rad": r, "ball": "…"[, "exact": "p/q"]}}, …}}
 * (numbers by report.h's rule, DESIGN §4)
 *
 * The inputs a preset reads that are not quantities themselves (theta, TL,
 * TR, Delta, Jx, Jy, Jz) come first, then h, alpha_jk (all nine), XL_x …
 * XR_z, cL, cR, dL, dR, tL, tR, YbarL, YbarR. */
#include <string.h>

#include "internal.h"
#include "nessgen/report.h"

static json_t *string_value(const char *key, char *s)
{
    json_t *v = json_object();
    json_object_set_new(v, key, json_string(s));
    flint_free(s);
    return v;
}

/* {"mid", "rad", "ball"} by report.h's rule. */
static void set_mid_rad(json_t *v, ng_srcptr x, slong digits, const ng_ring_t R)
{
    json_t *b = ng_report_json_elem(x, digits, R, NULL, NULL);
    json_object_update(v, b);
    json_object_del(v, "exact"); /* set from the expression where it is rational */
    json_decref(b);
}

static void set_exact_if_rational(json_t *v, const ng_expr *e, ng_expr_domain dom)
{
    fmpq_t q;
    if (dom != NG_EXPR_RATIONAL)
        return;
    fmpq_init(q);
    if (ng_expr_get_fmpq(q, e) == NG_OK) {
        char *s = fmpq_get_str(NULL, 10, q);
        json_object_set_new(v, "exact", json_string(s));
        flint_free(s);
    }
    fmpq_clear(q);
}

static json_t *element_value(ng_srcptr x, const ng_expr *e, ng_expr_domain dom,
                             slong digits, const ng_ring_t R)
{
    json_t *v;
    if (R->kind == NG_BALL) {
        v = json_object();
        set_mid_rad(v, x, digits, R);
        set_exact_if_rational(v, e, dom);
        return v;
    }
    return ng_report_json_elem(x, digits, R, NULL, NULL); /* ball + exact, or {"exact"} */
}

/* An input outside the ring (e.g. theta = pi/4 of an exact model). */
static json_t *expr_value(const ng_expr *e, slong digits, slong prec)
{
    ng_expr_domain dom;
    json_t *v = NULL;
    if (ng_expr_classify(&dom, e) != NG_OK) {
        ng_error_clear();
        return json_null();
    }
    if (dom == NG_EXPR_SYMBOLIC)
        return string_value("exact", _ng_model_strdup(ng_expr_text(e)));
    v = json_object();
    { /* real or rational: a ball (DESIGN §4: an exact value is a ball plus "exact") */
        ng_ring_t B;
        ng_ptr x;
        ng_ring_init_ball(B, prec);
        x = ng_elem_new(B);
        if (ng_expr_eval(x, e, B) == NG_OK)
            set_mid_rad(v, x, digits, B);
        ng_elem_free(x, B);
        ng_ring_clear(B);
    }
    set_exact_if_rational(v, e, dom);
    return v;
}

static json_t *parameter(const ng_expr *e, const char *source, json_t *value)
{
    json_t *p = json_object();
    json_object_set_new(p, "given", json_string(ng_expr_text(e)));
    json_object_set_new(p, "source", json_string(source));
    json_object_set_new(p, "value", value);
    return p;
}

json_t *ng_model_to_json(const ng_model_t M, slong digits)
{
    json_t *root = json_object(), *params = json_object();
    digits = FLINT_MAX(digits, 1);
    json_object_set_new(root, "preset", M->preset ? json_string(M->preset) : json_null());
    if (M->spec != NULL && M->spec->mode == _NG_MODE_FILE && M->spec->source != NULL)
        json_object_set_new(root, "model_file", json_string(M->spec->source));
    json_object_set_new(root, "N", json_integer(M->N));
    json_object_set_new(root, "domain", json_string(ng_ring_kind_name(M->R)));
    if (M->R->kind == NG_BALL)
        json_object_set_new(root, "prec", json_integer(M->R->prec));
    if (M->R->kind == NG_QQ_PARAMS) {
        json_t *names = json_array();
        for (slong i = 0; i < M->R->nvars; i++)
            json_array_append_new(names, json_string(M->R->names[i]));
        json_object_set_new(root, "symbols", names);
    }
    for (slong i = 0; i < M->ninputs; i++)
        json_object_set_new(params, M->input_names[i],
                            parameter(M->inputs[i], M->input_sources[i],
                                      expr_value(M->inputs[i], digits, M->prec)));
    for (slong i = 0; i < M->nquantities; i++)
        json_object_set_new(
            params, M->quantity_names[i],
            parameter(M->exprs[i], M->sources[i],
                      element_value(ng_vec_srcentry(M->values, i, M->R), M->exprs[i],
                                    M->domains[i], digits, M->R)));
    json_object_set_new(root, "parameters", params);
    return root;
}
