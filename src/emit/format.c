/* Output formats and the LaTeX document frame. */
#include <string.h>

#include "nessgen/emit.h"
#include "nessgen/nessgen.h"

static const char *const format_names[] = {"text", "json", "latex", "csv", "python", "c"};

int ng_format_from_str(const char *s)
{
    for (int i = 0; i < 6; i++)
        if (strcmp(s, format_names[i]) == 0)
            return i;
    return -1;
}

const char *ng_format_name(ng_format f)
{
    return format_names[f];
}

