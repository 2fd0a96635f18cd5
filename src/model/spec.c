/* Model specs: a preset or a model file plus named overrides, each parsed
 * when it is set so a malformed value is reported with its key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *_ng_model_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = flint_malloc(n);
    memcpy(r, s, n);
    return r;
}

ng_model_spec *ng_model_spec_new(void)
{
    ng_model_spec *spec = flint_malloc(sizeof(ng_model_spec));
    memset(spec, 0, sizeof(ng_model_spec));
    return spec;
}

static void entry_clear(_ng_spec_entry *e)
{
    flint_free(e->key);
    flint_free(e->label);
    ng_expr_free(e->expr);
}

void ng_model_spec_free(ng_model_spec *spec)
{
    if (spec == NULL)
        return;
    for (slong i = 0; i < spec->nextra; i++)
        flint_free(spec->extra[i]);
    flint_free(spec->extra);
    for (slong i = 0; i < spec->length; i++)
        entry_clear(spec->entries + i);
    flint_free(spec->entries);
    flint_free(spec->preset);
    flint_free(spec->source);
    flint_free(spec);
}

static char *strdup_or_null(const char *s)
{
    return s == NULL ? NULL : _ng_model_strdup(s);
}

ng_model_spec *_ng_model_spec_copy(const ng_model_spec *spec)
{
    ng_model_spec *r = ng_model_spec_new();
    r->mode = spec->mode;
    r->preset = strdup_or_null(spec->preset);
    r->source = strdup_or_null(spec->source);
    r->N = spec->N;
    r->symbolic_defaults = spec->symbolic_defaults;
    r->hold_reals = spec->hold_reals;
    for (slong i = 0; i < spec->nextra; i++)
        ng_model_spec_add_symbols(r, (const char *const *)spec->extra + i, 1);
    r->alloc = r->length = spec->length;
    r->entries = flint_malloc(FLINT_MAX(r->alloc, 1) * sizeof(_ng_spec_entry));
    for (slong i = 0; i < spec->length; i++) {
        r->entries[i].key = _ng_model_strdup(spec->entries[i].key);
        r->entries[i].label = _ng_model_strdup(spec->entries[i].label);
        r->entries[i].expr = ng_expr_copy(spec->entries[i].expr);
        r->entries[i].from_file = spec->entries[i].from_file;
    }
    return r;
}

ng_status ng_model_spec_set_preset(ng_model_spec *spec, const char *preset)
{
    for (int i = 0; preset != NULL && _ng_model_presets[i] != NULL; i++) {
        if (strcmp(preset, _ng_model_presets[i]) == 0) {
            flint_free(spec->preset);
            spec->preset = _ng_model_strdup(preset);
            spec->mode = _NG_MODE_PRESET;
            return NG_OK;
        }
    }
    return ng_error(NG_EINPUT,
                    "--preset: unknown preset '%s'; expected tilted-ising, xxz, xyz "
                    "or generic",
                    preset == NULL ? "(null)" : preset);
}

const _ng_spec_entry *_ng_model_spec_find(const ng_model_spec *spec, const char *key)
{
    for (slong i = 0; i < spec->length; i++)
        if (strcmp(spec->entries[i].key, key) == 0)
            return spec->entries + i;
    return NULL;
}

static void spec_remove(ng_model_spec *spec, const char *key)
{
    for (slong i = 0; i < spec->length; i++) {
        if (strcmp(spec->entries[i].key, key) == 0) {
            entry_clear(spec->entries + i);
            memmove(spec->entries + i, spec->entries + i + 1,
                    (size_t)(spec->length - i - 1) * sizeof(_ng_spec_entry));
            spec->length--;
            return;
        }
    }
}

/* A later setting wins over an earlier one that would contradict it: a
 * temperature replaces a given t on its side and vice versa, and c (d)
 * replaces earlier per-side cL, cR (dL, dR). */
static void remove_superseded(ng_model_spec *spec, const char *key)
{
    static const char *const rules[][3] = {
        {"TL", "tL", NULL}, {"tL", "TL", NULL}, {"TR", "tR", NULL},
        {"tR", "TR", NULL}, {"c", "cL", "cR"},  {"d", "dL", "dR"},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        if (strcmp(rules[i][0], key) != 0)
            continue;
        for (int j = 1; j < 3; j++)
            if (rules[i][j] != NULL)
                spec_remove(spec, rules[i][j]);
    }
}

void _ng_model_spec_put(ng_model_spec *spec, const char *key, ng_expr *e,
                        const char *label)
{
    _ng_spec_entry *entry;
    remove_superseded(spec, key);
    spec_remove(spec, key);
    if (spec->length == spec->alloc) {
        spec->alloc = FLINT_MAX(8, 2 * spec->alloc);
        spec->entries =
            flint_realloc(spec->entries, (size_t)spec->alloc * sizeof(_ng_spec_entry));
    }
    entry = spec->entries + spec->length++;
    entry->key = _ng_model_strdup(key);
    entry->label = _ng_model_strdup(label);
    entry->expr = e;
    entry->from_file = 0;
}

/* Strictly a decimal integer in [2, NG_MODEL_MAX_N]: no sign, no spaces, no
 * fraction, so "3.5", "abc" and "" are refused rather than truncated. */
static ng_status parse_N(int *N, const char *value, const char *label)
{
    size_t n = strlen(value);
    long v;
    if (n == 0 || n > 4 || strspn(value, "0123456789") != n)
        goto bad;
    v = strtol(value, NULL, 10);
    if (v < 2 || v > NG_MODEL_MAX_N)
        goto bad;
    *N = (int)v;
    return NG_OK;
bad:
    return ng_error(NG_EINPUT,
                    "%s: expected a whole number of spins from 2 to %d, got '%s'", label,
                    NG_MODEL_MAX_N, value);
}

ng_status _ng_model_spec_set_labelled(ng_model_spec *spec, const char *key,
                                      const char *value, const char *label)
{
    ng_expr *e = NULL;
    ng_status st;
    if (!_ng_model_key_known(key)) {
        char list[512];
        _ng_model_keys_list(list, sizeof list, "*");
        return ng_error(NG_EINPUT, "%s: unknown parameter; the parameters are: %s", label,
                        list);
    }
    if (value == NULL)
        return ng_error(NG_EINPUT, "%s: a value is required", label);
    if (strcmp(key, "N") == 0) {
        int N = 0;
        st = parse_N(&N, value, label);
        if (st == NG_OK)
            spec->N = N;
        return st;
    }
    st = ng_expr_parse(&e, value, label);
    if (st != NG_OK)
        return st;
    _ng_model_spec_put(spec, key, e, label);
    return NG_OK;
}

ng_status ng_model_spec_set(ng_model_spec *spec, const char *key, const char *value)
{
    char label[64];
    if (key == NULL)
        return ng_error(NG_EINPUT, "a parameter name is required");
    snprintf(label, sizeof label, "--%.60s", key);
    return _ng_model_spec_set_labelled(spec, key, value, label);
}

void ng_model_spec_set_hold_reals(ng_model_spec *spec)
{
    spec->hold_reals = 1;
}

ng_status ng_model_spec_set_symbolic_defaults(ng_model_spec *spec)
{
    spec->symbolic_defaults = 1;
    return NG_OK;
}

ng_status ng_model_spec_add_symbols(ng_model_spec *spec, const char *const *names, slong n)
{
    for (slong i = 0; i < n; i++) {
        const char *p = names[i];
        int ok = (p[0] == '_' || (p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z'));
        for (; ok && *p; p++)
            ok = *p == '_' || (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
                 (*p >= 'a' && *p <= 'z');
        if (!ok)
            return ng_error(NG_EINPUT, "'%s' is not a valid symbol name", names[i]);
        spec->extra = flint_realloc(spec->extra, (spec->nextra + 1) * sizeof(char *));
        spec->extra[spec->nextra++] = _ng_model_strdup(names[i]);
    }
    return NG_OK;
}

int ng_model_spec_get_N(const ng_model_spec *spec)
{
    return spec->N;
}

const char *ng_model_spec_get(const ng_model_spec *spec, const char *key)
{
    const _ng_spec_entry *e = _ng_model_spec_find(spec, key);
    return e != NULL ? ng_expr_text(e->expr) : NULL;
}

const char *ng_model_spec_get_preset(const ng_model_spec *spec)
{
    return spec->mode == _NG_MODE_PRESET ? spec->preset : NULL;
}

const char *ng_model_spec_get_file(const ng_model_spec *spec)
{
    return spec->mode == _NG_MODE_FILE ? spec->source : NULL;
}

ng_model_spec *ng_model_spec_copy(const ng_model_spec *spec)
{
    return _ng_model_spec_copy(spec);
}
