/* Shared between the two-spin derivation (derive.c), Appendix B's
 * single-spin dissipators (appendix_b.c) and the study (study*.c). */
#ifndef NESSGEN_TWOSPIN_INTERNAL_H
#define NESSGEN_TWOSPIN_INTERNAL_H

#include "nessgen/two_spin.h"

/* ρ0 of Eq. 103 with the symbols t1, t2, g. */
void _ng_two_spin_eq103_form(ng_op_t rho, const ng_two_spin_t T, const ng_ring_t R);
/* P0 X on σ^{zz}, σ^{0z}+σ^{z0}, ρ^{C'} (3 coordinates; X is overwritten). */
void _ng_two_spin_b18_coords(ng_ptr out, ng_op_t X, const ng_two_spin_t T, const ng_ring_t R);
/* Eqs. B13–B16 derived and printed (T->dmat, T->dmat_printed). */
void _ng_two_spin_appendix_b(ng_two_spin_t T);
/* Eq. B18 with the printed B13–B16 in place of the derived dissipators. */
void _ng_two_spin_b18_with_printed_d(ng_two_spin_t T);
void _ng_two_spin_appendix_b_clear(ng_two_spin_t T);
/* The study's comparisons with print (study_compare.c); clear is safe after
 * the study's memset. */
void _ng_two_spin_study_compare(ng_two_spin_study_t S);
void _ng_two_spin_study_compare_clear(ng_two_spin_study_t S);

#endif
