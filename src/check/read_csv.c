/* The strict CSV reader of `nessgen check` (check.h).  It works on a
 * length-delimited buffer, copies every field into a bounded buffer before
 * converting it, and never trusts a count it has not checked: any byte
 * sequence is either read or refused with a message. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/check.h"

#define MAX_COLUMNS 64
#define MAX_FIELD 128

void ng_check_data_init(ng_check_data_t D)
{
    memset(D, 0, sizeof *D);
    D->column = "t";
}

void ng_check_data_clear(ng_check_data_t D)
{
    free(D->points);
    ng_check_data_init(D);
}

/* A field for messages: at most 40 characters, non-printing bytes as '?'. */
static const char *shown(char *buf, const char *s, size_t len)
{
    size_t n = len > 40 ? 40 : len, k;
    for (k = 0; k < n; k++)
        buf[k] = (s[k] >= 0x20 && s[k] < 0x7f) ? s[k] : '?';
    strcpy(buf + k, len > 40 ? "..." : "");
    return buf;
}

/* Splits line [s, s+len) at commas into at most MAX_COLUMNS fields (trimmed
 * of spaces and tabs).  Returns the field count, or −1 if there are more. */
static int split(const char **fs, size_t *fl, const char *s, size_t len)
{
    int n = 0;
    size_t start = 0;
    for (size_t k = 0; k <= len; k++) {
        if (k < len && s[k] != ',')
            continue;
        if (n == MAX_COLUMNS)
            return -1;
        {
            size_t a = start, b = k;
            while (a < b && (s[a] == ' ' || s[a] == '\t'))
                a++;
            while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
                b--;
            fs[n] = s + a;
            fl[n] = b - a;
            n++;
        }
        start = k + 1;
    }
    return n;
}

static int field_is(const char *f, size_t len, const char *name)
{
    return strlen(name) == len && memcmp(f, name, len) == 0;
}

/* A finite decimal number filling the whole field. */
static int parse_double(double *x, const char *f, size_t len)
{
    char buf[MAX_FIELD + 1], *end;
    if (len == 0 || len > MAX_FIELD)
        return 0;
    memcpy(buf, f, len);
    buf[len] = '\0';
    for (size_t k = 0; k < len; k++)
        if (!strchr("0123456789+-.eE", buf[k]))
            return 0; /* no inf, nan, hex or locale surprises */
    errno = 0;
    *x = strtod(buf, &end);
    return end == buf + len && errno == 0 && isfinite(*x);
}

static int parse_site(int *site, const char *f, size_t len)
{
    long v = 0;
    if (len == 0 || len > 6)
        return 0;
    for (size_t k = 0; k < len; k++) {
        if (f[k] < '0' || f[k] > '9')
            return 0;
        v = 10 * v + (f[k] - '0');
    }
    *site = (int)v;
    return v >= 1 && v <= NG_MODEL_MAX_N;
}

static int cmp_point(const void *a, const void *b)
{
    const ng_check_point *p = a, *q = b;
    if (p->site != q->site)
        return p->site < q->site ? -1 : 1;
    if (p->lambda != q->lambda)
        return p->lambda > q->lambda ? -1 : 1;
    return 0;
}

static ng_status fail(ng_check_data_t D, ng_status st)
{
    ng_check_data_clear(D);
    return st;
}

ng_status ng_check_read_csv(ng_check_data_t D, const char *text, size_t len, const char *what)
{
    return ng_check_read_csv_extra(D, text, len, what, NULL, 0);
}

ng_status ng_check_read_csv_extra(ng_check_data_t D, const char *text, size_t len,
                                  const char *what, const char *const *extra, int nextra)
{
    int col_extra[NG_CHECK_MAX_EXTRA];
    static const char *const qnames[3] = {"t", "T", "sz"};
    const char *fs[MAX_COLUMNS];
    size_t fl[MAX_COLUMNS];
    char b1[48];
    int col_lambda = -1, col_site = -1, col_q = -1, ncols = 0, have_header = 0;
    slong alloc = 0;
    long line = 0;
    size_t pos = 0;
    ng_check_data_init(D);
    if (what == NULL)
        what = "input";
    if (nextra < 0 || nextra > NG_CHECK_MAX_EXTRA)
        return ng_error(NG_EINPUT, "%s: at most %d extra columns", what, NG_CHECK_MAX_EXTRA);
    for (int e = 0; e < nextra; e++)
        col_extra[e] = -1;
    if (text == NULL && len > 0)
        return ng_error(NG_EINPUT, "%s: no data", what);
    if (len > (size_t)NG_CHECK_MAX_BYTES)
        return ng_error(NG_EINPUT, "%s: larger than %ld bytes", what, NG_CHECK_MAX_BYTES);
    if (len > 0 && memchr(text, '\0', len) != NULL)
        return ng_error(NG_EINPUT, "%s: contains a NUL byte (not a text file?)", what);
    while (pos < len) {
        const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - s) : len - pos;
        int n;
        pos += ll + (nl != NULL);
        line++;
        if (ll > 0 && s[ll - 1] == '\r')
            ll--;
        {
            size_t a = 0;
            while (a < ll && (s[a] == ' ' || s[a] == '\t'))
                a++;
            if (a == ll || s[a] == '#')
                continue; /* blank or comment */
        }
        if (memchr(s, '"', ll) != NULL)
            return fail(D, ng_error(NG_EINPUT,
                                    "%s: line %ld: quoted fields are not supported (plain "
                                    "numbers expected)",
                                    what, line));
        n = split(fs, fl, s, ll);
        if (n < 0)
            return fail(D, ng_error(NG_EINPUT, "%s: line %ld: more than %d columns", what, line,
                                    MAX_COLUMNS));
        if (!have_header) {
            for (int k = 0; k < n; k++) {
                int q = -1;
                for (int j = 0; j < 3; j++)
                    if (field_is(fs[k], fl[k], qnames[j]))
                        q = j;
                if (fl[k] == 0 && k > 0) /* a first column unnamed: pandas' index */
                    return fail(D, ng_error(NG_EINPUT, "%s: line %ld: header column %d is empty",
                                            what, line, k + 1));
                for (int j = 0; j < k; j++)
                    if (fl[j] == fl[k] && memcmp(fs[j], fs[k], fl[k]) == 0)
                        return fail(D, ng_error(NG_EINPUT,
                                                "%s: line %ld: column '%s' appears twice", what,
                                                line, shown(b1, fs[k], fl[k])));
                if (field_is(fs[k], fl[k], "lambda"))
                    col_lambda = k;
                else if (field_is(fs[k], fl[k], "site"))
                    col_site = k;
                else if (q >= 0 && (col_q < 0 || q < (int)D->quantity))
                    col_q = k, D->quantity = (ng_check_quantity)q; /* t before T before sz */
                for (int e = 0; e < nextra; e++)
                    if (field_is(fs[k], fl[k], extra[e]))
                        col_extra[e] = k;
            }
            for (int e = 0; e < nextra; e++)
                if (col_extra[e] < 0)
                    return fail(D, ng_error(NG_EINPUT,
                                            "%s: line %ld: no column '%s' in the header (as "
                                            "'nessgen ness --observable ... --format csv' "
                                            "writes it)",
                                            what, line, extra[e]));
            if (col_lambda < 0 || col_site < 0 || col_q < 0)
                return fail(D, ng_error(NG_EINPUT,
                                        "%s: line %ld: expected a header naming the columns "
                                        "lambda, site and one of t, T, sz (e.g. "
                                        "'lambda,site,t'), got '%s'",
                                        what, line, shown(b1, s, ll)));
            D->column = qnames[D->quantity];
            ncols = n;
            D->nignored = n - 3 - nextra;
            have_header = 1;
            continue;
        }
        if (n != ncols)
            return fail(D, ng_error(NG_EINPUT, "%s: line %ld: %d fields, the header has %d", what,
                                    line, n, ncols));
        if (D->n == NG_CHECK_MAX_ROWS)
            return fail(D, ng_error(NG_EINPUT, "%s: more than %ld rows", what,
                                    NG_CHECK_MAX_ROWS));
        if (D->n == alloc) {
            ng_check_point *p;
            alloc = alloc ? 2 * alloc : 64;
            p = realloc(D->points, (size_t)alloc * sizeof *p);
            if (p == NULL)
                return fail(D, ng_error(NG_ECOMPUTE, "%s: out of memory", what));
            D->points = p;
        }
        if (fl[col_q] == 0) { /* ness writes an unsupported value as an empty field */
            D->nempty++;
            continue;
        }
        {
            ng_check_point *p = D->points + D->n;
            p->line = line;
            if (!parse_double(&p->lambda, fs[col_lambda], fl[col_lambda]) || !(p->lambda > 0))
                return fail(D, ng_error(NG_EINPUT,
                                        "%s: line %ld, column 'lambda': expected a number > 0, "
                                        "got '%s'",
                                        what, line,
                                        shown(b1, fs[col_lambda], fl[col_lambda])));
            if (!parse_site(&p->site, fs[col_site], fl[col_site]))
                return fail(D, ng_error(NG_EINPUT,
                                        "%s: line %ld, column 'site': expected an integer from "
                                        "1 to %d, got '%s'",
                                        what, line, NG_MODEL_MAX_N,
                                        shown(b1, fs[col_site], fl[col_site])));
            if (!parse_double(&p->value, fs[col_q], fl[col_q]))
                return fail(D, ng_error(NG_EINPUT,
                                        "%s: line %ld, column '%s': expected a number, got '%s'",
                                        what, line, D->column,
                                        shown(b1, fs[col_q], fl[col_q])));
            if (D->quantity != NG_CHECK_TEMPERATURE && fabs(p->value) > 1.0)
                return fail(D, ng_error(NG_EINPUT,
                                        "%s: line %ld, column '%s': expected a value in "
                                        "[-1, 1], got %s",
                                        what, line, D->column,
                                        shown(b1, fs[col_q], fl[col_q])));
            if (D->quantity == NG_CHECK_TEMPERATURE && p->value == 0.0)
                return fail(D, ng_error(NG_EINPUT,
                                        "%s: line %ld, column 'T': expected a nonzero "
                                        "temperature, got %s",
                                        what, line, shown(b1, fs[col_q], fl[col_q])));
            for (int e = 0; e < nextra; e++)
                if (!parse_double(p->extra + e, fs[col_extra[e]], fl[col_extra[e]]))
                    return fail(D, ng_error(NG_EINPUT,
                                            "%s: line %ld, column '%s': expected a number, got "
                                            "'%s'",
                                            what, line, extra[e],
                                            shown(b1, fs[col_extra[e]], fl[col_extra[e]])));
            if (p->site > D->max_site)
                D->max_site = p->site;
            D->n++;
        }
    }
    if (!have_header)
        return fail(D, ng_error(NG_EINPUT,
                                "%s: empty; expected a header such as 'lambda,site,t' and rows",
                                what));
    if (D->n == 0)
        return fail(D, ng_error(NG_EINPUT, "%s: a header but no rows%s", what,
                                D->nempty ? " with a value" : ""));
    qsort(D->points, (size_t)D->n, sizeof *D->points, cmp_point);
    for (slong i = 1; i < D->n; i++)
        if (cmp_point(D->points + i - 1, D->points + i) == 0) {
            long a = D->points[i - 1].line, b = D->points[i].line;
            return fail(D, ng_error(NG_EINPUT,
                                    "%s: lines %ld and %ld: site %d at lambda = %g given twice",
                                    what, a < b ? a : b, a < b ? b : a, D->points[i].site,
                                    D->points[i].lambda));
        }
    return NG_OK;
}
