/* One JSON writer for every document: jansson's own dump prints reals with
 * 17 digits (0.1 as 0.10000000000000001); this one prints the shortest
 * decimal that reads back as the same double and is otherwise jansson's
 * JSON_INDENT(2) layout, keys in insertion order. */
#include <stdlib.h>
#include <string.h>

#include "nessgen/report.h"

static int write_value(FILE *out, const json_t *v, int depth);

static int indent(FILE *out, int depth)
{
    return fprintf(out, "\n%*s", 2 * depth, "") < 0 ? -1 : 0;
}

static int write_string(FILE *out, const char *s)
{
    json_t *j = json_string(s);
    char *t = json_dumps(j, JSON_ENCODE_ANY);
    int ok = t != NULL && fputs(t, out) >= 0;
    free(t);
    json_decref(j);
    return ok ? 0 : -1;
}

static int write_real(FILE *out, double x)
{
    char buf[NG_REPORT_DOUBLE_LEN + 2];
    ng_report_double_str(buf, x);
    if (strpbrk(buf, ".en") == NULL) /* stays a real to a reader: 2.0, not 2 */
        strcat(buf, ".0");
    return fputs(buf, out) >= 0 ? 0 : -1;
}

static int write_object(FILE *out, const json_t *v, int depth)
{
    const char *key;
    json_t *x;
    int first = 1;
    if (json_object_size(v) == 0)
        return fputs("{}", out) >= 0 ? 0 : -1;
    fputc('{', out);
    json_object_foreach((json_t *)v, key, x) {
        if (!first)
            fputc(',', out);
        first = 0;
        if (indent(out, depth + 1) || write_string(out, key) || fputs(": ", out) < 0 ||
            write_value(out, x, depth + 1))
            return -1;
    }
    return indent(out, depth) || fputc('}', out) == EOF ? -1 : 0;
}

static int write_array(FILE *out, const json_t *v, int depth)
{
    size_t n = json_array_size(v);
    if (n == 0)
        return fputs("[]", out) >= 0 ? 0 : -1;
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputc(',', out);
        if (indent(out, depth + 1) || write_value(out, json_array_get(v, i), depth + 1))
            return -1;
    }
    return indent(out, depth) || fputc(']', out) == EOF ? -1 : 0;
}

static int write_value(FILE *out, const json_t *v, int depth)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return write_object(out, v, depth);
    case JSON_ARRAY:
        return write_array(out, v, depth);
    case JSON_STRING:
        return write_string(out, json_string_value(v));
    case JSON_INTEGER:
        return fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v)) < 0 ? -1 : 0;
    case JSON_REAL:
        return write_real(out, json_real_value(v));
    case JSON_TRUE:
        return fputs("true", out) >= 0 ? 0 : -1;
    case JSON_FALSE:
        return fputs("false", out) >= 0 ? 0 : -1;
    default:
        return fputs("null", out) >= 0 ? 0 : -1;
    }
}

int ng_report_json_write(FILE *out, const json_t *value)
{
    if (write_value(out, value, 0) != 0 || fputc('\n', out) == EOF)
        return -1;
    return 0;
}
