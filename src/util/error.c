#include <stdarg.h>
#include <stdio.h>

#include "nessgen/error.h"

static _Thread_local char message[1024];

ng_status ng_error(ng_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return code;
}

const char *ng_error_message(void)
{
    return message;
}

void ng_error_clear(void)
{
    message[0] = '\0';
}
