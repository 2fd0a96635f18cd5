/* Internal to src/ring: typed views of opaque elements, and a growing string
 * buffer for the text writers. */
#ifndef NESSGEN_RING_INTERNAL_H
#define NESSGEN_RING_INTERNAL_H

#include <string.h>

#include "nessgen/ring.h"

#define Q(x) ((fmpq *)(x))
#define QC(x) ((const fmpq *)(x))
#define F(x) ((fmpz_mpoly_q_struct *)(x))
#define FC(x) ((const fmpz_mpoly_q_struct *)(x))
#define B(x) ((arb_struct *)(x))
#define BC(x) ((const arb_struct *)(x))

typedef struct {
    char *s;
    size_t len;
} _ng_sbuf;

static inline void _ng_sbuf_put(_ng_sbuf *b, const char *s)
{
    size_t n = strlen(s);
    b->s = flint_realloc(b->s, b->len + n + 1);
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

#endif
