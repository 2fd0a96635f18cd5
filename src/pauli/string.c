/* Bit-packed strings: letters, products, charges, text. */
#include <string.h>

#include "nessgen/pauli.h"

int ng_string_get_letter(ng_string a, int l)
{
    int x = (a.x >> l) & 1, z = (a.z >> l) & 1;
    if (x)
        return z ? 2 : 1;
    return z ? 3 : 0;
}

void ng_string_set_letter(ng_string *a, int l, int letter)
{
    uint64_t bit = UINT64_C(1) << l;
    a->x &= ~bit;
    a->z &= ~bit;
    if (letter == 1 || letter == 2)
        a->x |= bit;
    if (letter == 2 || letter == 3)
        a->z |= bit;
}

/* Per site σ^a σ^b = δ_ab + i ε_abc σ^c: cyclic pairs (x,y), (y,z), (z,x) give
 * +i, the reversed ones −i.  Count both over all sites with masks. */
int ng_string_pauli_mul(ng_string *c, ng_string a, ng_string b)
{
    uint64_t ax = a.x & ~a.z, ay = a.x & a.z, az = ~a.x & a.z;
    uint64_t bx = b.x & ~b.z, by = b.x & b.z, bz = ~b.x & b.z;
    int plus = __builtin_popcountll((ax & by) | (ay & bz) | (az & bx));
    int minus = __builtin_popcountll((ay & bx) | (az & by) | (ax & bz));
    c->x = a.x ^ b.x;
    c->z = a.z ^ b.z;
    return (plus - minus) & 3;
}

int ng_string_pauli_commute(ng_string a, ng_string b)
{
    /* symplectic form: the number of sites with distinct non-identity letters */
    return (__builtin_popcountll((a.x & b.z) ^ (a.z & b.x)) & 1) == 0;
}

int ng_string_ladder_charge(ng_string a)
{
    return __builtin_popcountll(a.x & ~a.z) - __builtin_popcountll(a.x & a.z);
}

ng_string ng_string_ladder_adjoint(ng_string a)
{
    ng_string r = {a.x, a.z ^ a.x};
    return r;
}

static const char *letters(ng_basis basis)
{
    return basis == NG_PAULI ? "0xyz" : "0+-z";
}

int ng_string_set_str(ng_string *a, int *nsites, const char *s, ng_basis basis)
{
    size_t n = strlen(s);
    a->x = a->z = 0;
    if (n == 0 || n > NG_MAX_SITES)
        return -1;
    for (size_t l = 0; l < n; l++) {
        const char *p = strchr(letters(basis), s[l]);
        if (p == NULL || s[l] == '\0')
            return -1;
        ng_string_set_letter(a, (int)l, (int)(p - letters(basis)));
    }
    *nsites = (int)n;
    return 0;
}

void ng_string_get_str(char *buf, ng_string a, int nsites, ng_basis basis)
{
    for (int l = 0; l < nsites; l++)
        buf[l] = letters(basis)[ng_string_get_letter(a, l)];
    buf[nsites] = '\0';
}
