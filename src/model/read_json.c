/* Model files.
 *
 * A model file is one JSON object describing an explicit model (DESIGN §1):
 *
 *   {
 *     "comment": "an XXZ chain with boundary fields",
 *     "N": 4,
 *     "h": 1,
 *     "alpha": {"xx": 1, "yy": 1, "zz": "1/2"},
 *     "baths": {
 *       "L": {"X": {"x": "4/5", "z": "3/5"}, "Ybar": "-1/2",
 *             "c": 1, "d": 1, "T": "3/2"},
 *       "R": {"X": {"x": 1}, "Ybar": 0, "c": 1, "d": 1, "t": "1/3"}
 *     }
 *   }
 *
 *   N         the number of spins, a whole number from 2 to 64 (required).
 *   h         the field of H0 = h Σ_l σ_l^z, nonzero (required).
 *   alpha     the coupling α_jk of H_I = Σ_l Σ_jk α_jk σ_l^j σ_{l+1}^k
 *             (required): keys xx xy xz yx yy yz zx zy zz, an absent entry
 *             is 0; α is symmetric, so give xy or yx (both only if equal).
 *   baths     the left bath "L" (on spin 1) and the right bath "R" (on spin
 *             N), both required, each with
 *     X       the coupling X_ν = Σ_j x^j σ^j: keys x y z, absent ones 0;
 *     Ybar    the mean field Ȳ_ν, so that H̄_SB = Σ_ν Ȳ_ν X_ν;
 *     c, d    c_ν ≥ 0 and d_ν ≥ 0 (DESIGN §1);
 *     T or t  the temperature T_ν > 0, or t_ν = tanh(h/T_ν) with |t_ν| < 1
 *             directly; exactly one of the two.
 *   comment   free text, ignored (optional).
 *
 * Every value is an expression, given as a string ("3/2", "pi/4",
 * "tanh(2/3)", "sqrt(2)/2", a free name) or as a JSON number; a number is
 * read from its text, exactly: 0.1 is 1/10, never the double nearest to it.
 * Unknown keys, missing fields and wrong types are errors naming the JSON
 * path.  Options given after the file (--N, --h, --TL, --tL, --c, --cL, …)
 * override it.
 *
 * jansson turns numbers into doubles, so before the real parse every number
 * token is rewritten as a string marked with a leading U+001F, which no
 * expression can contain, and read exactly by ng_expr_parse_number (any
 * length: 1e400 and a 5000-digit integer are numbers like 0.1).  The
 * original text is parsed first so that syntax errors point at the user's
 * line and column; a number too large for jansson is no syntax error.
 * Files over NG_MODEL_FILE_MAX_BYTES are refused unread. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define NUMBER_MARK '\x1f'

static void append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = 2 * (*len + n + 1);
        *buf = flint_realloc(*buf, *cap);
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

/* The text of valid JSON with each number token N rewritten as "\u001fN". */
static char *mark_numbers(const char *text)
{
    size_t n = strlen(text), len = 0, cap = n + 64, i = 0;
    char *out = flint_malloc(cap);
    int in_string = 0;
    out[0] = '\0';
    while (i < n) {
        char ch = text[i];
        if (in_string) {
            size_t k = (ch == '\\' && i + 1 < n) ? 2 : 1;
            if (ch == '"')
                in_string = 0;
            append(&out, &len, &cap, text + i, k);
            i += k;
        } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
            size_t j = i;
            while (j < n && text[j] != '\0' && strchr("0123456789+-.eE", text[j]) != NULL)
                j++;
            append(&out, &len, &cap, "\"\\u001f", 7);
            append(&out, &len, &cap, text + i, j - i);
            append(&out, &len, &cap, "\"", 1);
            i = j;
        } else {
            in_string = ch == '"';
            append(&out, &len, &cap, text + i, 1);
            i++;
        }
    }
    return out;
}

static int is_number(const json_t *v)
{
    return json_is_string(v) && json_string_value(v)[0] == NUMBER_MARK;
}

static const char *type_name(const json_t *v)
{
    if (is_number(v))
        return "a number";
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    default:
        return "a number";
    }
}

typedef struct {
    ng_model_spec *spec; /* where the values go */
    const char *what;    /* the file name */
} reader;

static ng_status expect_object(const reader *r, const json_t *v, const char *path)
{
    if (json_is_object(v))
        return NG_OK;
    return ng_error(NG_EINPUT, "%s: %s: expected an object, got %s", r->what, path,
                    type_name(v));
}

/* Unknown keys are named, all of them; so are missing required ones. */
static ng_status check_fields(const reader *r, json_t *obj, const char *path,
                              const char *const *allowed, const char *const *required)
{
    char unknown[400] = "", missing[200] = "", list[200] = "";
    const char *key;
    json_t *v;
    size_t ul = 0, ml = 0, ll = 0;

    json_object_foreach(obj, key, v)
    {
        int ok = 0;
        for (int i = 0; allowed[i] != NULL; i++)
            ok |= strcmp(key, allowed[i]) == 0;
        if (!ok && ul + 4 < sizeof unknown)
            ul += (size_t)snprintf(unknown + ul, sizeof unknown - ul, "%s'%.40s'",
                                   ul ? ", " : "", key);
    }
    for (int i = 0; allowed[i] != NULL; i++)
        if (ll + 4 < sizeof list)
            ll += (size_t)snprintf(list + ll, sizeof list - ll, "%s%s", ll ? ", " : "",
                                   allowed[i]);
    if (ul > 0)
        return ng_error(NG_EINPUT, "%s: %s: unknown key%s %s; expected %s", r->what,
                        path[0] ? path : "top level", strchr(unknown, ',') ? "s" : "",
                        unknown, list);
    for (int i = 0; required != NULL && required[i] != NULL; i++)
        if (json_object_get(obj, required[i]) == NULL && ml + 4 < sizeof missing)
            ml += (size_t)snprintf(missing + ml, sizeof missing - ml, "%s'%s'",
                                   ml ? ", " : "", required[i]);
    if (ml > 0)
        return ng_error(NG_EINPUT, "%s: %s: missing %s", r->what,
                        path[0] ? path : "top level", missing);
    return NG_OK;
}

/* A value (string or number) stored under key; path names it in messages. */
static ng_status read_value(const reader *r, const json_t *v, const char *key,
                            const char *path)
{
    char label[512];
    const char *text;
    snprintf(label, sizeof label, "%s: %s", r->what, path);
    if (!json_is_string(v))
        return ng_error(NG_EINPUT, "%s: expected a string or a number, got %s", label,
                        type_name(v));
    text = json_string_value(v);
    if (text[0] == NUMBER_MARK && strcmp(key, "N") != 0) {
        ng_expr *e;
        ng_status st = ng_expr_parse_number(&e, text + 1, label);
        if (st == NG_OK)
            _ng_model_spec_put(r->spec, key, e, label);
        return st;
    }
    if (text[0] == NUMBER_MARK)
        text++;
    return _ng_model_spec_set_labelled(r->spec, key, text, label);
}

static ng_status read_alpha(const reader *r, json_t *alpha)
{
    static const char *const allowed[] = {"xx", "xy", "xz", "yx", "yy",
                                          "yz", "zx", "zy", "zz", NULL};
    const char *key;
    json_t *v;
    ng_status st = expect_object(r, alpha, "alpha");
    if (st == NG_OK)
        st = check_fields(r, alpha, "alpha", allowed, NULL);
    json_object_foreach(alpha, key, v)
    {
        char k[16], path[16];
        if (st != NG_OK)
            break;
        snprintf(k, sizeof k, "alpha_%s", key);
        snprintf(path, sizeof path, "alpha.%s", key);
        st = read_value(r, v, k, path);
    }
    return st;
}

static ng_status read_bath(const reader *r, json_t *bath, char side)
{
    static const char *const allowed[] = {"X", "Ybar", "c", "d", "T", "t", NULL};
    static const char *const required[] = {"X", "Ybar", "c", "d", NULL};
    static const char *const xallowed[] = {"x", "y", "z", NULL};
    static const char *const names[] = {"Ybar", "c", "d", "T", "t"};
    char path[32], key[16];
    const char *comp;
    json_t *X, *v;
    ng_status st;

    snprintf(path, sizeof path, "baths.%c", side);
    st = expect_object(r, bath, path);
    if (st == NG_OK)
        st = check_fields(r, bath, path, allowed, required);
    if (st != NG_OK)
        return st;
    if (json_object_get(bath, "T") != NULL && json_object_get(bath, "t") != NULL)
        return ng_error(NG_EINPUT,
                        "%s: %s: give the temperature T or t = tanh(h/T), not both",
                        r->what, path);
    if (json_object_get(bath, "T") == NULL && json_object_get(bath, "t") == NULL)
        return ng_error(NG_EINPUT,
                        "%s: %s: missing 'T' (the temperature) or 't' (tanh(h/T))",
                        r->what, path);
    X = json_object_get(bath, "X");
    snprintf(path, sizeof path, "baths.%c.X", side);
    st = expect_object(r, X, path);
    if (st == NG_OK)
        st = check_fields(r, X, path, xallowed, NULL);
    json_object_foreach(X, comp, v)
    {
        if (st != NG_OK)
            break;
        snprintf(key, sizeof key, "X%c_%s", side, comp);
        snprintf(path, sizeof path, "baths.%c.X.%s", side, comp);
        st = read_value(r, v, key, path);
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0] && st == NG_OK; i++) {
        v = json_object_get(bath, names[i]);
        if (v == NULL)
            continue;
        snprintf(key, sizeof key, "%s%c", names[i], side);
        snprintf(path, sizeof path, "baths.%c.%s", side, names[i]);
        st = read_value(r, v, key, path);
    }
    return st;
}

static ng_status read_model(const reader *r, json_t *root)
{
    static const char *const allowed[] = {"comment", "N", "h", "alpha", "baths", NULL};
    static const char *const required[] = {"N", "h", "alpha", "baths", NULL};
    static const char *const sides[] = {"L", "R", NULL};
    json_t *baths, *comment;
    ng_status st = expect_object(r, root, "top level");
    if (st == NG_OK)
        st = check_fields(r, root, "", allowed, required);
    if (st != NG_OK)
        return st;
    comment = json_object_get(root, "comment");
    if (comment != NULL && (!json_is_string(comment) || is_number(comment)))
        return ng_error(NG_EINPUT, "%s: comment: expected a string, got %s", r->what,
                        type_name(comment));
    st = read_value(r, json_object_get(root, "N"), "N", "N");
    if (st == NG_OK)
        st = read_value(r, json_object_get(root, "h"), "h", "h");
    if (st == NG_OK)
        st = read_alpha(r, json_object_get(root, "alpha"));
    if (st != NG_OK)
        return st;
    baths = json_object_get(root, "baths");
    st = expect_object(r, baths, "baths");
    if (st == NG_OK)
        st = check_fields(r, baths, "baths", sides, sides);
    if (st == NG_OK)
        st = read_bath(r, json_object_get(baths, "L"), 'L');
    if (st == NG_OK)
        st = read_bath(r, json_object_get(baths, "R"), 'R');
    return st;
}

/* Reads into a fresh spec and merges on success, so a bad file leaves spec
 * as it was. */
ng_status ng_model_spec_read_json(ng_model_spec *spec, const char *text, const char *what)
{
    json_error_t err;
    json_t *root;
    char *marked;
    reader r;
    ng_status st;

    if (what == NULL)
        what = "model";
    if (text == NULL)
        return ng_error(NG_EINPUT, "%s: no model text", what);
    root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL && json_error_code(&err) != json_error_numeric_overflow)
        return ng_error(NG_EINPUT, "%s: line %d, column %d: %s", what, err.line,
                        err.column, err.text);
    json_decref(root);
    marked = mark_numbers(text);
    root = json_loads(marked, JSON_REJECT_DUPLICATES, &err);
    flint_free(marked);
    if (root == NULL)
        return ng_error(NG_EINPUT, "%s: line %d, column %d: %s", what, err.line,
                        err.column, err.text);
    r.spec = ng_model_spec_new();
    r.what = what;
    st = read_model(&r, root);
    json_decref(root);
    if (st == NG_OK) {
        spec->mode = _NG_MODE_FILE;
        flint_free(spec->preset);
        spec->preset = NULL;
        flint_free(spec->source);
        spec->source = _ng_model_strdup(what);
        spec->N = r.spec->N;
        for (slong i = 0; i < r.spec->length; i++) {
            _ng_spec_entry *e = r.spec->entries + i;
            _ng_model_spec_put(spec, e->key, e->expr, e->label);
            spec->entries[spec->length - 1].from_file = 1;
            e->expr = NULL;
        }
    }
    ng_model_spec_free(r.spec);
    return st;
}

static ng_status read_error(const char *path, int err)
{
    return ng_error(NG_EINPUT, "%s: cannot read the model file: %s", path, strerror(err));
}

ng_status ng_model_spec_read_file(ng_model_spec *spec, const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    char *text;
    size_t len = 0, n;
    ng_status status;
    if (f == NULL)
        return ng_error(NG_EINPUT, "%s: cannot open the model file: %s", path,
                        strerror(errno));
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return read_error(path, EISDIR);
    }
    /* one byte more than allowed, to tell "at the limit" from "past it" */
    text = flint_malloc(NG_MODEL_FILE_MAX_BYTES + 2);
    while (len <= NG_MODEL_FILE_MAX_BYTES &&
           (n = fread(text + len, 1, NG_MODEL_FILE_MAX_BYTES + 1 - len, f)) > 0)
        len += n;
    text[len] = '\0';
    if (ferror(f))
        status = read_error(path, errno != 0 ? errno : EIO);
    else if (len > NG_MODEL_FILE_MAX_BYTES)
        status = ng_error(NG_EINPUT,
                          "%s: the model file is larger than %ld bytes; a model "
                          "is a short JSON object (see README)",
                          path, (long)NG_MODEL_FILE_MAX_BYTES);
    else if (memchr(text, '\0', len) != NULL)
        status = ng_error(NG_EINPUT,
                          "%s: cannot read the model file: it contains a NUL "
                          "byte (not JSON text)",
                          path);
    else
        status = ng_model_spec_read_json(spec, text, path);
    fclose(f);
    flint_free(text);
    return status;
}
