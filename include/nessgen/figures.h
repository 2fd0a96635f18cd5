/* The paper's Figs. 4–6, recomputed: the full-Liouvillian NESS at finite λ
 * (numerics.h, doubles) against the weak-coupling limit ρ0 of the N-spin
 * engine (engine.h, certified).  The defaults are the paper's (the tilted
 * Ising preset, h = 1, c = d = 1, T_L = 3/2, T_R = 1/2):
 *
 *   Fig. 4: N = 2, T_l against l for θ = π/4 and π/2, λ = 0.1, 0.01;
 *   Fig. 5: N = 6, the same for λ = 1e−1, 1e−2, 1e−3, 1e−4;
 *   Fig. 6: N = 6, θ = π/4, both sides of Eq. 150 for λ = 0.001 … 0.2;
 *
 * any model option (ng_figure_opts: N, θ, λ, temperatures, baths, another
 * preset or a model file) replaces the paper's value, and the captions and
 * axes follow.  A given θ, or a model without θ, makes one panel.
 *
 * The data are a table of rows; λ = 0 marks the weak-coupling limit (ρ0),
 * and in Figs. 4–5 sites 0 and N + 1 of the λ = 0 rows are the baths (T_L,
 * T_R), drawn at the chain's ends as in the paper.  Everything written is
 * rounded to fixed decimals (NG_FIGURE_DECIMALS for numerics,
 * NG_FIGURE_DECIMALS_EXACT for ρ0) so the files are reproducible across BLAS
 * builds and thread counts: the numerics differ between them by ~1e−9 at
 * λ = 1e−4.  Units: k_B = 1, energies and temperatures in units of h. */
#ifndef NESSGEN_FIGURES_H
#define NESSGEN_FIGURES_H

#include <stdio.h>

#include "nessgen/error.h"
#include "nessgen/model.h"
#include "nessgen/ring.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NG_FIGURE_DECIMALS 5       /* t_l, T_l from the full Liouvillian */
#define NG_FIGURE_DECIMALS_150 6   /* both sides of Eq. 150 from the full Liouvillian */
#define NG_FIGURE_DECIMALS_EXACT 10 /* values of ρ0 (certified) */
#define NG_FIGURE_MAX_LAMBDA 64    /* finite λ per figure */

typedef struct {
    int panel;          /* 0 or 1 (θ = π/4, π/2); Fig. 6: 0 */
    double lambda;      /* 0: the weak-coupling limit ρ0 */
    int site;           /* 1..N; 0 and N + 1 the baths (λ = 0); Fig. 6: 0 */
    double t, T;        /* Figs. 4–5: t_l = −⟨σ^z_l⟩, T_l = h/artanh t_l */
    double lhs, rhs;    /* Fig. 6: both sides of Eq. 150 */
    int trusted_digits; /* numerics' honesty figure; 17 for ρ0 */
    int converged;      /* GMRES reached its tolerance (1 for ρ0) */
    double seconds;     /* wall time of the solve (not written to files) */
} ng_figure_row;

typedef struct {
    int number;               /* 4, 5 or 6 */
    int N;
    int npanels;
    char *panel_theta[2];     /* θ as typed ("pi/4"); NULL when the model has no θ */
    char *panel_latex[2];     /* "\\pi/4", … */
    char *panel_utf8[2];      /* "π/4", … (gnuplot titles) */
    char *chain;              /* "tilted Ising chain", "chain of model file F", … */
    char *parameters;         /* "h = 1, c = d = 1, T_L = 3/2, T_R = 1/2" */
    int nlambda;
    double lambda[NG_FIGURE_MAX_LAMBDA]; /* the finite λ, in the order given */
    slong nrows;
    ng_figure_row *rows;
    slong nnotes;             /* honesty notes for the reader (not written to files) */
    char **notes;
    double seconds;           /* total wall time */
} ng_figure_struct;
typedef ng_figure_struct ng_figure_t[1];

/* What to draw; zero (ng_figure_opts_init) is the paper's figure. */
typedef struct {
    const ng_model_spec *spec; /* model options given (preset or file, parameters), or NULL */
    int N;                     /* 0: the spec's N, else the figure's (2 for Fig. 4, else 6) */
    int nlambda;               /* 0: the paper's λ list */
    const double *lambda;      /* nlambda values > 0 */
    slong prec;                /* starting ball precision of the model (0: 128) */
    double memory_budget;      /* bytes a solve may use (ng_ness_check_size; 0: no check) */
    FILE *progress;            /* one line per solve, or NULL */
} ng_figure_opts;

void ng_figure_opts_init(ng_figure_opts *opts);
/* Computes the data of Fig. number (4, 5 or 6).  NG_EINPUT for another
 * number, more than NG_FIGURE_MAX_LAMBDA values, an N whose solves would
 * not fit the memory budget, or a model the options do not resolve
 * (message naming the option); NG_ECOMPUTE if ρ0 cannot be
 * certified or a solve fails outright (a GMRES solve that stalls is kept,
 * with a note).  F is initialised; clear it with ng_figure_clear in every
 * case. */
ng_status ng_figure_compute(ng_figure_t F, int number, const ng_figure_opts *opts);
void ng_figure_clear(ng_figure_t F);

/* The data table: Figs. 4–5 "theta,lambda,site,t,T", Fig. 6
 * "lambda,lhs,rhs" (λ = 0: ρ0), after '#' comment lines naming the command
 * that made it and what the rows are. */
void ng_figure_write_csv(FILE *out, const ng_figure_t F, const char *command_line);
/* A standalone LaTeX document (pgfplots) with the data inline. */
void ng_figure_write_pgfplots(FILE *out, const ng_figure_t F, const char *command_line);
/* A self-contained gnuplot script (data inline) that renders png_name with
 * the pngcairo terminal. */
void ng_figure_write_gnuplot(FILE *out, const ng_figure_t F, const char *command_line,
                             const char *png_name);

#ifdef __cplusplus
}
#endif

#endif
