/* The two-spin study against the paper's printed formulas: each derived
 * expression compared with its transcription (printed.c) as rational
 * functions, equal or proportional by a factor free of t1, t2, g. */
#include "nessgen/two_spin.h"

#include "twospin_internal.h"

/* derived against the printed text, in run r's ring. */
static void compare_printed(ng_two_spin_cmp_struct *c, ng_srcptr derived, const char *printed,
                            const ng_two_spin_run_struct *r)
{
    const ng_ring_struct *R = r->M->R;
    ng_ptr p = ng_elem_new(R), f = ng_elem_new(R);
    c->R = R;
    c->factor = NULL;
    if (ng_two_spin_eval_text(p, printed, r->M) != NG_OK) {
        ng_error_clear();
        c->cmp = NG_CMP_NOT_APPLICABLE;
    } else {
        c->cmp = ng_two_spin_compare(f, derived, p, r->M);
    }
    if (c->cmp == NG_CMP_PROPORTIONAL) {
        c->factor = f;
        f = NULL;
    }
    ng_elem_free(p, R);
    if (f != NULL)
        ng_elem_free(f, R);
}

void _ng_two_spin_study_compare(ng_two_spin_study_t S)
{
    const ng_two_spin_run_struct *g = &S->general, *e = &S->equal;
    const ng_ring_struct *R = g->M->R;
    compare_printed(&S->gamma_b22, g->T->gamma, ng_two_spin_printed_gamma_b22, g);
    /* Eq. 98: γ read off the kernel is α_+/Δα^z exactly, or it is not */
    S->gamma.R = R;
    S->gamma.cmp = ng_elem_equal(g->T->gamma, g->T->gamma_formula, R) == T_TRUE
                       ? NG_CMP_EQUAL
                       : NG_CMP_DIFFERENT;
    for (int i = 0; i < 3; i++) {
        ng_srcptr c = ng_vec_srcentry(g->T->p1l2, i, R);
        compare_printed(&S->b18[i], c, ng_two_spin_printed_b18[i], g);
        compare_printed(&S->b23[i], c, ng_two_spin_printed_b23_b25[i], g);
    }
    S->b18_same_with_printed_d = ng_two_spin_b18_printed_d_same(g->T);
    if (!S->have_equal)
        return;
    {
        ng_srcptr sol[3] = {e->T->t1, e->T->t2, e->T->g};
        for (int i = 0; i < 3; i++)
            compare_printed(&S->eq111[i], sol[i], ng_two_spin_printed_111_113[i], e);
    }
    if (S->have_K)
        compare_printed(&S->eq114, S->K, ng_two_spin_printed_K, e);
}

static void cmp_clear(ng_two_spin_cmp_struct *c)
{
    if (c->factor != NULL)
        ng_elem_free(c->factor, c->R);
    c->factor = NULL;
}

void _ng_two_spin_study_compare_clear(ng_two_spin_study_t S)
{
    ng_two_spin_cmp_struct *all[] = {&S->gamma, &S->gamma_b22, S->b18, S->b18 + 1, S->b18 + 2,
                                     S->b23, S->b23 + 1, S->b23 + 2, S->eq111, S->eq111 + 1,
                                     S->eq111 + 2, &S->eq114};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        cmp_clear(all[i]);
}
