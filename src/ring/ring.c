/* Ring contexts: which number domain, its precision or its parameter names. */
#include <string.h>

#include "nessgen/ring.h"

void ng_ring_init_qq(ng_ring_t R)
{
    memset(R, 0, sizeof(ng_ring_struct));
    R->kind = NG_QQ;
}

void ng_ring_init_ball(ng_ring_t R, slong prec)
{
    memset(R, 0, sizeof(ng_ring_struct));
    R->kind = NG_BALL;
    R->prec = prec;
}

void ng_ring_init_params(ng_ring_t R, const char *const *names, slong nvars)
{
    memset(R, 0, sizeof(ng_ring_struct));
    R->kind = NG_QQ_PARAMS;
    R->nvars = nvars;
    R->names = flint_malloc(sizeof(char *) * FLINT_MAX(nvars, 1));
    for (slong i = 0; i < nvars; i++) {
        R->names[i] = flint_malloc(strlen(names[i]) + 1);
        strcpy(R->names[i], names[i]);
    }
    /* fmpz_mpoly needs at least one variable; an unused one costs nothing. */
    fmpz_mpoly_ctx_init(R->mctx, FLINT_MAX(nvars, 1), ORD_LEX);
}

void ng_ring_clear(ng_ring_t R)
{
    if (R->kind == NG_QQ_PARAMS) {
        for (slong i = 0; i < R->nvars; i++)
            flint_free(R->names[i]);
        flint_free(R->names);
        fmpz_mpoly_ctx_clear(R->mctx);
    }
}

slong ng_ring_param_index(const ng_ring_t R, const char *name)
{
    if (R->kind != NG_QQ_PARAMS)
        return -1;
    for (slong i = 0; i < R->nvars; i++)
        if (strcmp(R->names[i], name) == 0)
            return i;
    return -1;
}

const char *ng_ring_kind_name(const ng_ring_t R)
{
    switch (R->kind) {
    case NG_QQ:
        return "rational";
    case NG_QQ_PARAMS:
        return "symbolic";
    default:
        return "ball";
    }
}

int ng_ring_is_exact(const ng_ring_t R)
{
    return R->kind != NG_BALL;
}
