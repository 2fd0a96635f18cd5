/* Lists of named orthogonal Hermitian operators, and decomposition onto them. */
#include <string.h>

#include "nessgen/kernel.h"

void ng_named_basis_init(ng_named_basis_t B)
{
    memset(B, 0, sizeof(ng_named_basis_struct));
}

void ng_named_basis_clear(ng_named_basis_t B, const ng_ring_t R)
{
    for (slong i = 0; i < B->length; i++) {
        ng_op_clear(B->ops + i, R);
        flint_free(B->names[i]);
        flint_free(B->latex[i]);
    }
    flint_free(B->ops);
    flint_free(B->names);
    flint_free(B->latex);
    flint_free(B->types);
}

static char *copy_str(const char *s)
{
    char *r = flint_malloc(strlen(s) + 1);
    strcpy(r, s);
    return r;
}

void ng_named_basis_append(ng_named_basis_t B, ng_op_t op, const char *name,
                           const char *latex, ng_ker_type type, const ng_ring_t R)
{
    slong n = B->length + 1;
    B->ops = flint_realloc(B->ops, n * sizeof(ng_op_struct));
    B->names = flint_realloc(B->names, n * sizeof(char *));
    B->latex = flint_realloc(B->latex, n * sizeof(char *));
    B->types = flint_realloc(B->types, n * sizeof(ng_ker_type));
    ng_op_init(B->ops + B->length, op->nsites, op->basis, R);
    ng_op_swap(B->ops + B->length, op);
    B->names[B->length] = copy_str(name);
    B->latex[B->length] = copy_str(latex);
    B->types[B->length] = type;
    B->length = n;
}

truth_t ng_named_basis_decompose(ng_ptr coeffs, const ng_op_t A, const ng_named_basis_t B,
                                 const ng_ring_t R)
{
    ng_ptr num = ng_elem_new(R), den = ng_elem_new(R), im = ng_elem_new(R);
    ng_op_t residual;
    truth_t t;
    ng_op_init(residual, A->nsites, NG_PAULI, R);
    ng_op_set(residual, A, R);
    for (slong i = 0; i < B->length; i++) {
        ng_ptr c = ng_vec_entry(coeffs, i, R);
        ng_op_hs_product(num, im, B->ops + i, A, R);
        ng_op_hs_product(den, im, B->ops + i, B->ops + i, R);
        if (!ng_elem_div(c, num, den, R))
            flint_abort(); /* a basis element has nonzero norm by construction */
        ng_elem_neg(num, c, R);
        ng_op_addmul(residual, B->ops + i, num, R);
    }
    t = ng_op_is_zero(residual, R);
    ng_op_clear(residual, R);
    ng_elem_free(num, R);
    ng_elem_free(den, R);
    ng_elem_free(im, R);
    return t;
}
