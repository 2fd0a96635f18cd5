/* Long LaTeX sums broken into lines that fit the page (no derivations/ file
 * may run past the margin).  Widths are estimates in ems, on the safe
 * side: what a reader sees, not what TeX measures. */
#include <ctype.h>
#include <string.h>

#include "nessgen/emit.h"

/* commands that print nothing themselves (their arguments are counted) */
static int invisible_command(const char *name, size_t n)
{
    static const char *const list[] = {"mathrm", "overline", "operatorname", "text", "mathcal",
                                       "left",   "right",    "bigl",         "bigr", "Bigl",
                                       "Bigr",   "displaystyle", "mathbf", NULL};
    for (int i = 0; list[i] != NULL; i++)
        if (strlen(list[i]) == n && strncmp(list[i], name, n) == 0)
            return 1;
    return 0;
}

/* width of s[0..n), advancing over one group "{...}" or one token when
 * group_only is set */
static double width_of(const char *s, size_t n);

/* the end of the group starting at s (s[0] == '{'), or s + 1 */
static const char *group_end(const char *s, const char *end)
{
    int depth = 0;
    for (const char *p = s; p < end; p++) {
        if (*p == '\\' && p + 1 < end) {
            p++;
            continue;
        }
        if (*p == '{')
            depth++;
        else if (*p == '}' && --depth == 0)
            return p + 1;
    }
    return end;
}

/* one argument: a group or a single token */
static const char *argument(const char *p, const char *end, double *w)
{
    if (p >= end) {
        *w = 0;
        return p;
    }
    if (*p == '{') {
        const char *q = group_end(p, end);
        *w = width_of(p + 1, (size_t)(q - p - 2 > 0 ? q - p - 2 : 0));
        return q;
    }
    if (*p == '\\') {
        const char *q = p + 1;
        while (q < end && isalpha((unsigned char)*q))
            q++;
        if (q == p + 1 && q < end)
            q++;
        *w = 1;
        return q;
    }
    *w = 1;
    return p + 1;
}

static double width_of(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    double w = 0, a, b;
    while (p < end) {
        if (*p == '\\') {
            const char *q = p + 1;
            size_t len;
            while (q < end && isalpha((unsigned char)*q))
                q++;
            len = (size_t)(q - p - 1);
            if (len == 0) { /* \, \; \\ \{ … */
                w += p + 1 < end && (p[1] == '{' || p[1] == '}') ? 0.6 : 0.2;
                p += 2;
            } else if (len == 4 && strncmp(p + 1, "frac", 4) == 0) {
                q = argument(q, end, &a);
                q = argument(q, end, &b);
                w += (a > b ? a : b) + 0.4;
                p = q;
            } else if (len == 5 && strncmp(p + 1, "quad", 4) == 0) {
                w += 2;
                p = q;
            } else if (len == 4 && strncmp(p + 1, "quad", 4) == 0) {
                w += 1;
                p = q;
            } else {
                w += invisible_command(p + 1, len) ? 0 : 1;
                p = q;
            }
        } else if (*p == '_' || *p == '^') {
            p = argument(p + 1, end, &a);
            w += 0.7 * a;
        } else if (*p == '{' || *p == '}' || *p == ' ') {
            p++;
        } else {
            w += (*p == '+' || *p == '-' || *p == '=') ? 1.6 : 1; /* with spacing */
            p++;
        }
    }
    return w;
}

double ng_latex_width(const char *s)
{
    return width_of(s, strlen(s));
}

/* 1 at " + " / " - " outside braces and \left…\right, at s + i */
static int top_level_sign(const char *s, size_t i, int depth)
{
    return depth == 0 && i > 0 && s[i] == ' ' && (s[i + 1] == '+' || s[i + 1] == '-') &&
           s[i + 2] == ' ';
}

void ng_latex_write_broken(FILE *out, const char *s, double width, const char *sep)
{
    int depth = 0;
    size_t start = 0, last_break = 0, n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && strncmp(s + i, "\\left", 5) == 0 && !isalpha((unsigned char)s[i + 5]))
            depth++;
        else if (s[i] == '\\' && strncmp(s + i, "\\right", 6) == 0 &&
                 !isalpha((unsigned char)s[i + 6]))
            depth--;
        else if (s[i] == '\\')
            i++; /* an escaped character: \{ \} */
        else if (s[i] == '{')
            depth++;
        else if (s[i] == '}')
            depth--;
        else if (top_level_sign(s, i, depth) && i > last_break) {
            /* break before this sign if the line so far plus the next term is too wide */
            size_t j = i + 3;
            int d = 0;
            while (j < n && !(d == 0 && top_level_sign(s, j, 0))) {
                if (s[j] == '{')
                    d++;
                else if (s[j] == '}')
                    d--;
                else if (s[j] == '\\' && j + 1 < n && (s[j + 1] == '{' || s[j + 1] == '}'))
                    j++;
                j++;
            }
            if (width_of(s + start, j - start) > width && i > start) {
                fwrite(s + start, 1, i - start, out);
                fputs(sep, out);
                start = i;
                last_break = i;
            }
        }
    }
    fputs(s + start, out);
}
