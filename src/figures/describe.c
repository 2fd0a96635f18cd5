/* What a figure shows, in words for its caption: the chain (preset or model
 * file), the parameters in force (the paper's defaults, DESIGN §1, unless
 * given) and the θ of each panel as typed, in LaTeX and in UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *_ng_figure_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    memcpy(r, s, n);
    return r;
}

/* Appends ", " (unless first) and the formatted item to buf. */
static void append(char *buf, size_t size, const char *name, const char *value)
{
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, "%s%s = %s", len > 0 ? ", " : "", name, value);
}

static const char *given_or(const ng_model_spec *spec, const char *key, const char *def)
{
    const char *v = spec != NULL ? ng_model_spec_get(spec, key) : NULL;
    return v != NULL ? v : def;
}

/* One bath quantity (c or d): "c = 1", or "c_L = 2, c_R = 1" when a side
 * was given on its own.  The presets default both sides to 1. */
static void bath_pair(char *out, size_t size, const ng_model_spec *spec, const char *key)
{
    char kL[4], kR[4], nL[8], nR[8];
    const char *common = given_or(spec, key, "1");
    snprintf(kL, sizeof kL, "%sL", key);
    snprintf(kR, sizeof kR, "%sR", key);
    snprintf(nL, sizeof nL, "%s_L", key);
    snprintf(nR, sizeof nR, "%s_R", key);
    out[0] = '\0';
    if (spec != NULL && (ng_model_spec_get(spec, kL) != NULL || ng_model_spec_get(spec, kR) != NULL)) {
        append(out, size, nL, given_or(spec, kL, common));
        append(out, size, nR, given_or(spec, kR, common));
    } else {
        append(out, size, key, common);
    }
}

/* A bath's temperature: "T_L = 3/2" (the default), or "t_L = …" when
 * t = tanh(h/T) was given instead. */
static void bath_temperature(char *buf, size_t size, const ng_model_spec *spec, int side)
{
    const char *T = side == 0 ? "TL" : "TR", *t = side == 0 ? "tL" : "tR";
    const char *tv = spec != NULL ? ng_model_spec_get(spec, t) : NULL;
    if (tv != NULL)
        append(buf, size, side == 0 ? "t_L" : "t_R", tv);
    else
        append(buf, size, side == 0 ? "T_L" : "T_R",
               given_or(spec, T, side == 0 ? "3/2" : "1/2"));
}

/* The keys of the other presets and of explicit models, listed when given. */
static void other_keys(char *buf, size_t size, const ng_model_spec *spec)
{
    static const char *const named[] = {"Delta", "Jx", "Jy", "Jz", "YbarL", "YbarR"};
    static const char xyz[] = "xyz";
    char key[16];
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (ng_model_spec_get(spec, named[i]) != NULL)
            append(buf, size, named[i], ng_model_spec_get(spec, named[i]));
    for (int j = 0; j < 3; j++)
        for (int k = 0; k < 3; k++) {
            snprintf(key, sizeof key, "alpha_%c%c", xyz[j], xyz[k]);
            if (ng_model_spec_get(spec, key) != NULL)
                append(buf, size, key, ng_model_spec_get(spec, key));
        }
    for (int side = 0; side < 2; side++)
        for (int j = 0; j < 3; j++) {
            snprintf(key, sizeof key, "X%c_%c", side == 0 ? 'L' : 'R', xyz[j]);
            if (ng_model_spec_get(spec, key) != NULL)
                append(buf, size, key, ng_model_spec_get(spec, key));
        }
}

static const char *chain_name(const char *preset)
{
    if (preset == NULL || strcmp(preset, "tilted-ising") == 0)
        return "tilted Ising chain";
    if (strcmp(preset, "xxz") == 0)
        return "XXZ chain";
    if (strcmp(preset, "xyz") == 0)
        return "XYZ chain";
    return "generic chain";
}

/* F->chain and F->parameters.  A model file's values are its own (its name
 * is in the caption; options given beside it are in the command line). */
void _ng_figure_describe(ng_figure_t F, const ng_model_spec *spec)
{
    char buf[2048] = "", c[256], d[256];
    const char *file = spec != NULL ? ng_model_spec_get_file(spec) : NULL;
    if (file != NULL) {
        snprintf(buf, sizeof buf, "chain of model file %s", file);
        F->chain = _ng_figure_strdup(buf);
        F->parameters = _ng_figure_strdup("");
        return;
    }
    F->chain = _ng_figure_strdup(chain_name(spec != NULL ? ng_model_spec_get_preset(spec) : NULL));
    append(buf, sizeof buf, "h", given_or(spec, "h", "1"));
    bath_pair(c, sizeof c, spec, "c");
    bath_pair(d, sizeof d, spec, "d");
    /* "c = d = 1" when both are one value and the same (the paper's case) */
    if (strchr(c, ',') == NULL && strchr(d, ',') == NULL && strcmp(c + 4, d + 4) == 0)
        append(buf, sizeof buf, "c = d", c + 4);
    else
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), ", %s, %s", c, d);
    bath_temperature(buf, sizeof buf, spec, 0);
    bath_temperature(buf, sizeof buf, spec, 1);
    if (spec != NULL)
        other_keys(buf, sizeof buf, spec);
    F->parameters = _ng_figure_strdup(buf);
}

/* s with every "pi" written π, for gnuplot's UTF-8 titles. */
static char *utf8_pi(const char *s)
{
    size_t n = strlen(s);
    char *r = malloc(n + 1), *q = r;
    while (*s) {
        if (s[0] == 'p' && s[1] == 'i') {
            memcpy(q, "\xcf\x80", 2);
            q += 2;
            s += 2;
        } else {
            *q++ = *s++;
        }
    }
    *q = '\0';
    return r;
}

/* Panel p at θ typed as text; the paper's two angles keep their short LaTeX. */
ng_status _ng_figure_set_panel(ng_figure_t F, int p, const char *theta)
{
    ng_expr *e;
    char *latex;
    ng_status st;
    F->panel_theta[p] = _ng_figure_strdup(theta);
    F->panel_utf8[p] = utf8_pi(theta);
    if (strcmp(theta, "pi/4") == 0 || strcmp(theta, "pi/2") == 0) {
        F->panel_latex[p] = _ng_figure_strdup(theta[3] == '4' ? "\\pi/4" : "\\pi/2");
        return NG_OK;
    }
    st = ng_expr_parse(&e, theta, "--theta");
    if (st != NG_OK)
        return st;
    latex = ng_expr_get_latex(e);
    F->panel_latex[p] = _ng_figure_strdup(latex);
    flint_free(latex);
    ng_expr_free(e);
    return NG_OK;
}
