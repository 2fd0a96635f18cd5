/* Shared by the hierarchy's writers (write.c, write_compare.c). */
#ifndef NESSGEN_HIERARCHY_WRITE_INTERNAL_H
#define NESSGEN_HIERARCHY_WRITE_INTERNAL_H

#include <stdio.h>

#include "nessgen/hierarchy.h"

/* The six components of a window's equation, ρ^B, ρ^A, ρ^C, σ^{0z}+σ^{z0},
 * σ^{zz}, σ^{00}, as text. */
extern const char *const _ng_hier_comp_name[6];
/* Σ c_e e with the coefficients in the paper's notation (multiples of α_+,
 * mean fields α^z_1, α^z_N); "0" if every term vanishes; the first
 * skip_first terms left out. */
void _ng_hier_print_terms(FILE *out, const ng_hier_terms_t T, const ng_hier_chain_struct *C,
                          int latex, int skip_first);

#endif
