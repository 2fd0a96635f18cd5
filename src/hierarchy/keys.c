/* Keys of term maps ("cA[l-1*,l,l+1]", "t[l+1]", "<Z[1,2]>"): their sites and
 * their LaTeX. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/hierarchy.h"

int ng_hier_key_site(const char *key)
{
    char abs[64];
    if (ng_hier_key_absolute(abs, sizeof abs, key, 10, 100) != NG_OK)
        return -1;
    return atoi(abs + 2);
}

void ng_hier_key_latex(char *out, size_t size, const char *key)
{
    char kind[8] = "", inner[128], *tok, *save = NULL;
    const char *open = strchr(key, '['), *close = strrchr(key, ']');
    int expect = key[0] == '<';
    char labs[4][32], pre[160] = "", post[160] = "", rho[96] = "";
    int stars[4], n = 0, last_ladder = -1;
    if (open == NULL || close == NULL) {
        snprintf(out, size, "%s", key);
        return;
    }
    snprintf(inner, sizeof inner, "%.*s", (int)(close - open - 1), open + 1);
    if (key[expect] == 't') {
        snprintf(out, size, "t_{%s}", inner);
        return;
    }
    snprintf(kind, sizeof kind, "%.*s", (int)FLINT_MIN(open - key - 1 - expect, 7),
             key + 1 + expect);
    for (tok = strtok_r(inner, ",", &save); tok != NULL && n < 4;
         tok = strtok_r(NULL, ",", &save), n++) {
        size_t len = strlen(tok);
        stars[n] = len > 0 && tok[len - 1] == '*';
        if (stars[n])
            tok[len - 1] = '\0';
        snprintf(labs[n], sizeof labs[n], "%s", tok);
        if (!stars[n])
            last_ladder = n;
    }
    if (!expect) {
        snprintf(out, size, "c^{\\mathrm{%s}}_{", kind);
        for (int i = 0; i < n; i++) {
            char b[160];
            snprintf(b, sizeof b, stars[i] ? "%s\\overline{%s}" : "%s%s", i ? "," : "",
                     labs[i]);
            strncat(out, b, size - strlen(out) - 1);
        }
        strncat(out, "}", size - strlen(out) - 1);
        return;
    }
    for (int i = 0; i < n; i++) {
        char b[64];
        if (stars[i] || strcmp(kind, "Z") == 0) {
            snprintf(b, sizeof b, "\\sigma^z_{%s}", labs[i]);
            strncat(i < last_ladder || strcmp(kind, "Z") == 0 ? pre : post, b, 159);
        } else {
            snprintf(b, sizeof b, "%s%s", rho[0] ? "," : "", labs[i]);
            strncat(rho, b, sizeof rho - strlen(rho) - 1);
        }
    }
    if (strcmp(kind, "Z") == 0)
        snprintf(out, size, "\\langle %s\\rangle", pre);
    else
        snprintf(out, size, "\\langle %s\\rho^{\\mathrm{%s}}_{%s}%s\\rangle", pre, kind,
                 rho, post);
}
