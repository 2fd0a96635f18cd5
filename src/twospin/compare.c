/* Comparing derived expressions with printed ones.  A printed formula is
 * written in the paper's names (tL, cL, c, theta, …); a name that is not a
 * free symbol of the model's ring is replaced by the model's own expression
 * for it, so the comparison also holds at the values the user gave. */
#include <ctype.h>
#include <string.h>

#include "nessgen/expr.h"
#include "nessgen/two_spin.h"

/* The model's expression text for a paper name, or NULL. */
static const char *model_text(const char *name, const ng_model_t M)
{
    /* c and d of Eqs. B30–B31 are the common values when the baths are equal */
    const char *alias = strcmp(name, "c") == 0 ? "cL" : (strcmp(name, "d") == 0 ? "dL" : name);
    for (slong i = 0; i < M->nquantities; i++)
        if (strcmp(M->quantity_names[i], alias) == 0)
            return ng_expr_text(M->exprs[i]);
    for (slong i = 0; i < M->ninputs; i++)
        if (strcmp(M->input_names[i], alias) == 0)
            return ng_expr_text(M->inputs[i]);
    return NULL;
}

static void append(char **buf, size_t *len, const char *s, size_t n)
{
    *buf = flint_realloc(*buf, *len + n + 1);
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

static char *substitute_names(const char *text, const ng_model_t M)
{
    static const char *const functions[] = {"sin", "cos", "tan", "tanh", "atanh", "sqrt",
                                            "exp", "log", "pi", NULL};
    char *out = NULL, name[64];
    size_t len = 0;
    append(&out, &len, "", 0);
    for (const char *p = text; *p;) {
        size_t n = 0;
        const char *sub;
        int function = 0;
        if (!isalpha((unsigned char)*p) && *p != '_') {
            append(&out, &len, p++, 1);
            continue;
        }
        while (isalnum((unsigned char)p[n]) || p[n] == '_')
            n++;
        snprintf(name, sizeof name, "%.*s", (int)n, p);
        for (int i = 0; functions[i] != NULL; i++)
            function |= strcmp(name, functions[i]) == 0;
        sub = function || ng_ring_param_index(M->R, name) >= 0 ? NULL : model_text(name, M);
        if (sub != NULL) {
            append(&out, &len, "(", 1);
            append(&out, &len, sub, strlen(sub));
            append(&out, &len, ")", 1);
        } else {
            append(&out, &len, p, n);
        }
        p += n;
    }
    return out;
}

ng_status ng_two_spin_eval_text(ng_ptr res, const char *text, const ng_model_t M)
{
    ng_expr *e;
    char *full = substitute_names(text, M);
    ng_status st = ng_expr_parse(&e, full, "printed formula");
    flint_free(full);
    if (st != NG_OK)
        return st;
    st = ng_expr_eval(res, e, M->R);
    ng_expr_free(e);
    return st;
}

/* Does x involve any of the symbols t1, t2, g (the unknowns of Eq. 103)? */
static int involves_unknowns(ng_srcptr x, const ng_ring_t R)
{
    static const char *const unknowns[3] = {"t1", "t2", "g"};
    int *used;
    int res = 0;
    if (R->kind != NG_QQ_PARAMS)
        return 0;
    used = flint_calloc(FLINT_MAX(R->nvars, 1), sizeof(int));
    ng_elem_used_params(used, x, R);
    for (int k = 0; k < 3; k++) {
        slong i = ng_ring_param_index(R, unknowns[k]);
        res |= i >= 0 && used[i];
    }
    flint_free(used);
    return res;
}

ng_cmp ng_two_spin_compare(ng_ptr factor, ng_srcptr derived, ng_srcptr printed,
                           const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    if (ng_elem_equal(derived, printed, R) == T_TRUE) {
        ng_elem_one(factor, R);
        return NG_CMP_EQUAL;
    }
    if (ng_elem_is_zero(printed, R) != T_FALSE || ng_elem_is_zero(derived, R) != T_FALSE ||
        !ng_elem_div(factor, derived, printed, R) || involves_unknowns(factor, R))
        return NG_CMP_DIFFERENT;
    return NG_CMP_PROPORTIONAL;
}
