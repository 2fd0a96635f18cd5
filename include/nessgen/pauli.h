/* Bit-packed operator strings on up to 64 spins.
 *
 * Site l (0-based internally, 1-based in all output) is stored in bit l of two
 * masks.  The x bit marks an off-diagonal factor in both bases:
 *
 *              (x,z) = (0,0)  (1,0)  (1,1)  (0,1)
 *   Pauli basis        σ^0    σ^x    σ^y    σ^z
 *   ladder basis       σ^0    σ^+    σ^-    σ^z      σ^± = (σ^x ± iσ^y)/2 (Eq. 78)
 *
 * Pauli strings multiply to a single string times a power of i; ladder strings
 * are the eigen-operators of L0 (eigenvalue −2ih(n₊ − n₋)). */
#ifndef NESSGEN_PAULI_H
#define NESSGEN_PAULI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NG_MAX_SITES 64

typedef enum { NG_PAULI, NG_LADDER } ng_basis;

typedef struct {
    uint64_t x, z;
} ng_string;

/* Letters of a single site, in the order of the (x,z) table above. */
typedef enum { NG_S0 = 0, NG_SX = 1, NG_SY = 2, NG_SZ = 3 } ng_pauli_letter;
typedef enum { NG_L0 = 0, NG_LPLUS = 1, NG_LMINUS = 2, NG_LZ = 3 } ng_ladder_letter;

static inline uint64_t ng_string_support(ng_string a)
{
    return a.x | a.z;
}

static inline int ng_string_weight(ng_string a)
{
    return __builtin_popcountll(a.x | a.z);
}

static inline int ng_string_is_identity(ng_string a)
{
    return (a.x | a.z) == 0;
}

static inline int ng_string_equal(ng_string a, ng_string b)
{
    return a.x == b.x && a.z == b.z;
}

/* Letter at site l (0-based): an ng_pauli_letter or ng_ladder_letter value. */
int ng_string_get_letter(ng_string a, int l);
void ng_string_set_letter(ng_string *a, int l, int letter);

/* Pauli basis: a·b = i^k c with the returned k in 0..3. */
int ng_string_pauli_mul(ng_string *c, ng_string a, ng_string b);
/* Pauli basis: 1 if the strings commute, 0 if they anticommute. */
int ng_string_pauli_commute(ng_string a, ng_string b);

/* Ladder basis: n₊ − n₋; L0 acts as multiplication by −2ih(n₊ − n₋). */
int ng_string_ladder_charge(ng_string a);
/* Ladder basis: the adjoint string (σ^+ ↔ σ^-). */
ng_string ng_string_ladder_adjoint(ng_string a);

/* "0xyz" (Pauli) or "0+-z" (ladder), one character per site, site 1 first.
 * Returns 0 on success, -1 on a bad character or length > 64. */
int ng_string_set_str(ng_string *a, int *nsites, const char *s, ng_basis basis);
/* Writes nsites characters and a NUL into buf (size ≥ nsites + 1). */
void ng_string_get_str(char *buf, ng_string a, int nsites, ng_basis basis);

#ifdef __cplusplus
}
#endif

#endif
