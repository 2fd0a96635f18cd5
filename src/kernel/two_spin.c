/* The paper's two-spin basis of Ker L0, Eq. 81 (with Eqs. 79, 80, 83). */
#include "nessgen/kernel.h"

static void append_combination(ng_named_basis_t B, const char *a, slong ca, const char *b,
                               slong cb, const char *name, const char *latex,
                               ng_ker_type type, const ng_ring_t R)
{
    ng_op_t op, t;
    ng_ptr c = ng_elem_new(R);
    ng_op_init(op, 2, NG_PAULI, R);
    ng_op_init(t, 2, NG_PAULI, R);
    ng_elem_set_si(c, ca, R);
    ng_op_set_term_str(op, a, NG_PAULI, c, R);
    if (b != NULL) {
        ng_elem_set_si(c, cb, R);
        ng_op_set_term_str(t, b, NG_PAULI, c, R);
        ng_op_add(op, op, t, R);
    }
    ng_named_basis_append(B, op, name, latex, type, R);
    ng_op_clear(op, R);
    ng_op_clear(t, R);
    ng_elem_free(c, R);
}

void ng_kernel_basis_two_spin(ng_named_basis_t B, const ng_ring_t R)
{
    append_combination(B, "00", 1, NULL, 0, "s00", "\\sigma^{00}", NG_KER_DIAGONAL, R);
    append_combination(B, "zz", 1, NULL, 0, "szz", "\\sigma^{zz}", NG_KER_DIAGONAL, R);
    append_combination(B, "0z", 1, "z0", 1, "(s0z+sz0)", "\\left(\\sigma^{0z}+\\sigma^{z0}\\right)",
                       NG_KER_COMBINATION, R);
    append_combination(B, "xx", 1, "yy", 1, "rhoA", "\\rho^{\\mathrm{A}}", NG_KER_A, R);
    append_combination(B, "xy", 1, "yx", -1, "rhoB", "\\rho^{\\mathrm{B}}", NG_KER_B, R);
    append_combination(B, "0z", 1, "z0", -1, "rhoC", "\\rho^{\\mathrm{C}}",
                       NG_KER_COMBINATION, R);
}
