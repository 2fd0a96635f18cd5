#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nessgen/error.h"

static _Thread_local char message[1024];

ng_status ng_error(ng_status code, const char *fmt, ...)
{
    /* formatted apart first: an argument may be ng_error_message() itself */
    char text[sizeof message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    memcpy(message, text, sizeof message);
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
