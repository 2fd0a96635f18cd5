/* Thiele's interpolating continued fraction modulo a word-size prime: built
 * one point at a time by inverse differences, evaluated projectively (so an
 * intermediate infinity is no special case), converted to num/den. */
#include <flint/ulong_extras.h>

#include "internal.h"

void _ng_thiele_init(_ng_thiele *T, mp_limb_t p)
{
    nmod_init(&T->mod, p);
    T->len = T->alloc = 0;
    T->x = T->a = NULL;
}

void _ng_thiele_clear(_ng_thiele *T)
{
    flint_free(T->x);
    flint_free(T->a);
    T->x = T->a = NULL;
    T->len = T->alloc = 0;
}

/* value = P/Q from the last coefficient down: P' = a_i P + (x − x_i) Q, Q' = P. */
int _ng_thiele_agrees(const _ng_thiele *T, mp_limb_t x, mp_limb_t y)
{
    mp_limb_t P, Q, t;
    if (T->len == 0)
        return 0;
    P = T->a[T->len - 1];
    Q = 1;
    for (slong i = T->len - 2; i >= 0; i--) {
        t = nmod_add(nmod_mul(T->a[i], P, T->mod),
                     nmod_mul(nmod_sub(x, T->x[i], T->mod), Q, T->mod), T->mod);
        Q = P;
        P = t;
    }
    return Q != 0 && nmod_mul(y, Q, T->mod) == P;
}

int _ng_thiele_add(_ng_thiele *T, mp_limb_t x, mp_limb_t y)
{
    mp_limb_t r = y, d;
    for (slong i = 0; i < T->len; i++) {
        d = nmod_sub(r, T->a[i], T->mod);
        if (d == 0 || x == T->x[i])
            return 0;
        r = nmod_mul(nmod_sub(x, T->x[i], T->mod), nmod_inv(d, T->mod), T->mod);
    }
    if (T->len == T->alloc) {
        T->alloc = FLINT_MAX(16, 2 * T->alloc);
        T->x = flint_realloc(T->x, T->alloc * sizeof(mp_limb_t));
        T->a = flint_realloc(T->a, T->alloc * sizeof(mp_limb_t));
    }
    T->x[T->len] = x;
    T->a[T->len] = r;
    T->len++;
    return 1;
}

void _ng_thiele_get_fraction(nmod_poly_t num, nmod_poly_t den, slong *j0,
                             const _ng_thiele *T)
{
    nmod_poly_t t, lin, g;
    mp_limb_t c;
    nmod_poly_init_mod(t, T->mod);
    nmod_poly_init_mod(lin, T->mod);
    nmod_poly_init_mod(g, T->mod);
    nmod_poly_zero(num);
    nmod_poly_one(den);
    if (T->len > 0)
        nmod_poly_set_coeff_ui(num, 0, T->a[T->len - 1]);
    for (slong i = T->len - 2; i >= 0; i--) {
        /* num/den ← a_i + (x − x_i)·den/num */
        nmod_poly_zero(lin);
        nmod_poly_set_coeff_ui(lin, 1, 1);
        nmod_poly_set_coeff_ui(lin, 0, nmod_neg(T->x[i], T->mod));
        nmod_poly_mul(lin, lin, den);
        nmod_poly_scalar_mul_nmod(t, num, T->a[i]);
        nmod_poly_add(t, t, lin);
        nmod_poly_swap(den, num);
        nmod_poly_swap(num, t);
    }
    if (!nmod_poly_is_zero(num)) {
        nmod_poly_gcd(g, num, den);
        nmod_poly_div(num, num, g);
        nmod_poly_div(den, den, g);
    } else {
        nmod_poly_one(den);
    }
    *j0 = 0;
    while (nmod_poly_get_coeff_ui(den, *j0) == 0)
        (*j0)++;
    c = nmod_inv(nmod_poly_get_coeff_ui(den, *j0), T->mod);
    nmod_poly_scalar_mul_nmod(num, num, c);
    nmod_poly_scalar_mul_nmod(den, den, c);
    nmod_poly_clear(t);
    nmod_poly_clear(lin);
    nmod_poly_clear(g);
}

int _ng_fmpq_get_nmod(mp_limb_t *r, const fmpq_t x, nmod_t mod)
{
    mp_limb_t d = fmpz_fdiv_ui(fmpq_denref(x), mod.n);
    if (d == 0)
        return 0;
    *r = nmod_mul(fmpz_fdiv_ui(fmpq_numref(x), mod.n), nmod_inv(d, mod), mod);
    return 1;
}
