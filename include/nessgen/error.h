/* Errors: every fallible public function returns an ng_status; the message
 * (naming the bad input and what was expected) is kept per thread. */
#ifndef NESSGEN_ERROR_H
#define NESSGEN_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    NG_OK = 0,
    NG_ECOMPUTE = 1, /* a computation that could not be completed */
    NG_EINPUT = 2,   /* bad usage or input */
    NG_ENOTUNIQUE = 3, /* the steady state asked for is not unique (a physical
                          fact of the model, not a numerical failure; exit 1) */
    NG_ELIMIT = 4      /* refused or stopped at a resource limit the caller can
                          raise (e.g. the closed forms' CPU estimate; exit 1) */
} ng_status;

/* Records a printf-style message and returns code, so callers can write
 * `return ng_error(NG_EINPUT, "--N: expected ...");`. */
ng_status ng_error(ng_status code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *ng_error_message(void);
void ng_error_clear(void);

#ifdef __cplusplus
}
#endif

#endif
