/* Helpers shared by the figure files (not installed). */
#ifndef NESSGEN_FIGURES_INTERNAL_H
#define NESSGEN_FIGURES_INTERNAL_H

#include "nessgen/figures.h"

/* malloc'd copy (freed by ng_figure_clear). */
char *_ng_figure_strdup(const char *s);
/* F->chain and F->parameters from the model options (describe.c). */
void _ng_figure_describe(ng_figure_t F, const ng_model_spec *spec);
/* Panel p's θ: as typed, in LaTeX and in UTF-8 (describe.c). */
ng_status _ng_figure_set_panel(ng_figure_t F, int p, const char *theta);

#endif
