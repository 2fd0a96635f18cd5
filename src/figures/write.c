/* Writers for the figure data: CSV, a standalone pgfplots document and a
 * gnuplot script, all from the same rounded values (figures.h). */
#include <math.h>
#include <string.h>

#include "nessgen/figures.h"
#include "nessgen/nessgen.h"
#include "nessgen/report.h"

/* The paper's markers by λ: Fig. 4 circles and squares (λ = 0.1, 0.01);
 * Fig. 5 circles, triangles, squares, crosses; Fig. 6 circles (LHS) and
 * squares (RHS). */
static const char *const pgf_marks[4] = {"o", "triangle", "square", "x"};
static const char *const pgf_colors[4] = {"blue", "red!80!black", "green!50!black",
                                          "violet"};
static const int gp_points[4] = {6, 8, 4, 2};
static const char *const gp_colors[4] = {"#1f4fbf", "#c0282d", "#2a8a2a", "#7a2fa0"};

static int style_index(const ng_figure_t F, int k)
{
    return F->number == 4 && k == 1 ? 2 : k % 4;
}

/* x rounded to a fixed number of decimals; never "-0.000". */
static const char *fixed(char *buf, size_t len, double x, int decimals)
{
    if (!isfinite(x)) {
        snprintf(buf, len, "nan");
        return buf;
    }
    snprintf(buf, len, "%.*f", decimals, x);
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf));
    return buf;
}

static int row_decimals(const ng_figure_t F, const ng_figure_row *r)
{
    if (r->lambda == 0.0)
        return NG_FIGURE_DECIMALS_EXACT;
    return F->number == 6 ? NG_FIGURE_DECIMALS_150 : NG_FIGURE_DECIMALS;
}

/* "(h = 1, …; theta = pi/4 and pi/2)": the parameters in force and the
 * panels' θ; empty when there is nothing to say (a model file). */
static void model_parenthesis(char *buf, size_t size, const ng_figure_t F)
{
    const char *sep = F->parameters[0] != '\0' ? "; " : "";
    if (F->panel_theta[0] == NULL)
        snprintf(buf, size, F->parameters[0] != '\0' ? " (%s)" : "%s", F->parameters);
    else if (F->npanels == 2)
        snprintf(buf, size, " (%s%stheta = %s and %s)", F->parameters, sep, F->panel_theta[0],
                 F->panel_theta[1]);
    else
        snprintf(buf, size, " (%s%stheta = %s)", F->parameters, sep, F->panel_theta[0]);
}

/* "0.1, 0.01": the finite λ of the figure. */
static void lambda_list(char *buf, size_t size, const ng_figure_t F)
{
    buf[0] = '\0';
    for (int k = 0; k < F->nlambda; k++) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%g", k > 0 ? ", " : "", F->lambda[k]);
    }
}

/* The caption, written into every file's header (and kept out of the PNG):
 * what is plotted, for which model, and the units. */
static void caption(char *buf, size_t size, const ng_figure_t F)
{
    char model[2048], lam[NG_FIGURE_MAX_LAMBDA * 26];
    model_parenthesis(model, sizeof model, F);
    lambda_list(lam, sizeof lam, F);
    if (F->number == 6)
        snprintf(buf, size,
                 "Fig. 6: both sides of Eq. 150 for the %s of N = %d spins%s against lambda "
                 "= %s, and their common weak-coupling limit at rho0; both sides are "
                 "dimensionless (k_B = 1, energies in units of h)",
                 F->chain, F->N, model, lam);
    else
        snprintf(buf, size,
                 "Fig. %d: temperature profile T_l of the %s of N = %d spins%s, full "
                 "Liouvillian at lambda = %s, and the weak-coupling limit rho0; sites 0 and %d "
                 "are the baths; k_B = 1, temperatures and energies in units of h",
                 F->number, F->chain, F->N, model, lam, F->N + 1);
}

/* The range of the λ axis (Fig. 6, logarithmic): a factor 2 beyond the
 * smallest and largest λ. */
static void lambda_range(double *lo, double *hi, const ng_figure_t F)
{
    *lo = *hi = F->lambda[0];
    for (int k = 1; k < F->nlambda; k++) {
        *lo = fmin(*lo, F->lambda[k]);
        *hi = fmax(*hi, F->lambda[k]);
    }
    *lo /= 2;
    *hi *= 2;
}

void ng_figure_write_csv(FILE *out, const ng_figure_t F, const char *command_line)
{
    char a[64], b[64], cap[4096];
    caption(cap, sizeof cap, F);
    ng_report_provenance(out, NG_REPORT_COMMENT_HASH, command_line);
    fprintf(out, "# %s.\n# lambda = 0 rows: the weak-coupling limit rho0 (N-spin engine, "
                 "certified); other rows: nessgen ness (doubles), rounded to %d decimals.\n",
            cap, F->number == 6 ? NG_FIGURE_DECIMALS_150 : NG_FIGURE_DECIMALS);
    if (F->number == 6) {
        fprintf(out, "lambda,lhs,rhs\n");
        for (slong i = 0; i < F->nrows; i++) {
            const ng_figure_row *r = F->rows + i;
            int d = row_decimals(F, r);
            fprintf(out, "%g,%s,%s\n", r->lambda, fixed(a, sizeof a, r->lhs, d),
                    fixed(b, sizeof b, r->rhs, d));
        }
        return;
    }
    /* a theta column when the model has θ (the tilted Ising chain) */
    fprintf(out, "%slambda,site,t,T\n", F->panel_theta[0] != NULL ? "theta," : "");
    for (slong i = 0; i < F->nrows; i++) {
        const ng_figure_row *r = F->rows + i;
        int d = row_decimals(F, r);
        if (F->panel_theta[r->panel] != NULL)
            fprintf(out, "%s,", F->panel_theta[r->panel]);
        fprintf(out, "%g,%d,%s,%s\n", r->lambda, r->site, fixed(a, sizeof a, r->t, d),
                fixed(b, sizeof b, r->T, d));
    }
}

/* "(x,y) (x,y) …" of the rows of one panel and λ; Fig. 6: y = lhs (which = 0)
 * or rhs (which = 1) against λ. */
static void pgf_coordinates(FILE *out, const ng_figure_t F, int panel, double lambda,
                            int which)
{
    char a[64];
    int n = 0;
    for (slong i = 0; i < F->nrows; i++) {
        const ng_figure_row *r = F->rows + i;
        if (r->panel != panel)
            continue;
        if (F->number == 6) {
            if (r->lambda == 0.0)
                continue;
            fprintf(out, "%s(%g,%s)", n++ % 6 == 0 ? "\n    " : " ", r->lambda,
                    fixed(a, sizeof a, which == 0 ? r->lhs : r->rhs, row_decimals(F, r)));
        } else if (r->lambda == lambda) {
            fprintf(out, "%s(%d,%s)", n++ % 6 == 0 ? "\n    " : " ", r->site,
                    fixed(a, sizeof a, r->T, row_decimals(F, r)));
        }
    }
}

static const ng_figure_row *limit_row(const ng_figure_t F, int panel)
{
    for (slong i = 0; i < F->nrows; i++)
        if (F->rows[i].panel == panel && F->rows[i].lambda == 0.0)
            return F->rows + i;
    return NULL;
}

static void latex_lambda(char *buf, size_t len, double lambda)
{
    int e = (int)lround(log10(lambda));
    if (fabs(lambda - pow(10.0, e)) < 1e-12 * lambda && e <= -3)
        snprintf(buf, len, "10^{%d}", e);
    else
        snprintf(buf, len, "%g", lambda);
}

static void pgf_end(FILE *out)
{
    fprintf(out, "\\end{tikzpicture}\n"
                 "\\end{lrbox}\n"
                 "\\pdfpagewidth=\\dimexpr\\wd\\nessgenfigure+12pt\\relax\n"
                 "\\pdfpageheight=\\dimexpr\\ht\\nessgenfigure+\\dp\\nessgenfigure+12pt\\relax\n"
                 "\\usebox{\\nessgenfigure}\n"
                 "\\end{document}\n");
}

void ng_figure_write_pgfplots(FILE *out, const ng_figure_t F, const char *command_line)
{
    char a[64], lam[32], cap[4096];
    double lo, hi;
    caption(cap, sizeof cap, F);
    lambda_range(&lo, &hi, F);
    ng_report_provenance(out, NG_REPORT_COMMENT_PERCENT, command_line);
    fprintf(out, "%% %s.\n", cap);
    /* article with the page fitted to the plot (pdflatex): standalone.cls is
     * in texlive-latex-extra, which nessgen does not require */
    fprintf(out, "\\documentclass{article}\n"
                 "\\usepackage{pgfplots}\n"
                 "\\usepgfplotslibrary{groupplots}\n"
                 "\\pgfplotsset{compat=1.16}\n"
                 "\\pagestyle{empty}\n"
                 "\\setlength{\\textwidth}{40cm}\\setlength{\\textheight}{40cm}\n"
                 "\\setlength{\\hoffset}{-1in}\\setlength{\\voffset}{-1in}\n"
                 "\\setlength{\\oddsidemargin}{6pt}\\setlength{\\topmargin}{6pt}\n"
                 "\\setlength{\\headheight}{0pt}\\setlength{\\headsep}{0pt}\n"
                 "\\setlength{\\parindent}{0pt}\n"
                 "\\newsavebox{\\nessgenfigure}\n"
                 "\\begin{document}\n"
                 "\\begin{lrbox}{\\nessgenfigure}\n"
                 "\\begin{tikzpicture}\n");
    if (F->number == 6) {
        const ng_figure_row *z = limit_row(F, 0);
        /* no title: the caption (in the file's header) says what this is */
        fprintf(out, "\\begin{semilogxaxis}[width=10cm, height=7cm, xlabel={$\\lambda$},\n"
                     "  ylabel={both sides of Eq.~(150)},\n"
                     "  xmin=%g, xmax=%g, legend pos=north west, legend cell align=left,\n"
                     "  scaled y ticks=false, yticklabel style={/pgf/number format/fixed,\n"
                     "  /pgf/number format/precision=3}]\n",
                lo, hi);
        fprintf(out, "\\addplot[only marks, mark=o, blue, mark size=2.5pt] coordinates {");
        pgf_coordinates(out, F, 0, 0.0, 0);
        fprintf(out, "};\n\\addlegendentry{LHS $t_N - t_1$}\n");
        fprintf(out, "\\addplot[only marks, mark=square, red!80!black, mark size=2.5pt] "
                     "coordinates {");
        pgf_coordinates(out, F, 0, 0.0, 1);
        fprintf(out, "};\n\\addlegendentry{RHS}\n");
        if (z != NULL)
            fprintf(out,
                    "\\addplot[dashed, black, domain=%g:%g, samples=2] {%s};\n"
                    "\\addlegendentry{weak-coupling limit ($\\rho_0$)}\n",
                    lo, hi, fixed(a, sizeof a, z->lhs, NG_FIGURE_DECIMALS_EXACT));
        fprintf(out, "\\end{semilogxaxis}\n");
        pgf_end(out);
        return;
    }
    fprintf(out,
            "\\begin{groupplot}[group style={group size=%d by 1, horizontal sep=1.8cm},\n"
            "  width=7.5cm, height=7cm, xlabel={site $l$},\n"
            "  ylabel={$T_l/h$ ($k_{\\mathrm{B}} = 1$)},\n"
            "  xtick={0,...,%d}, xmin=-0.4, xmax=%g, legend pos=south west,\n"
            "  legend cell align=left, legend style={font=\\footnotesize}]\n",
            F->npanels, F->N + 1, F->N + 1.4);
    for (int panel = 0; panel < F->npanels; panel++) {
        if (F->panel_latex[panel] != NULL)
            fprintf(out, "\\nextgroupplot[title={$\\theta = %s$}]\n", F->panel_latex[panel]);
        else
            fprintf(out, "\\nextgroupplot\n");
        fprintf(out, "\\addplot[black, thick, mark=*, mark size=1.2pt] coordinates {");
        pgf_coordinates(out, F, panel, 0.0, 0);
        fprintf(out, "};\n\\addlegendentry{weak-coupling limit}\n");
        for (int k = 0; k < F->nlambda; k++) {
            int s = style_index(F, k);
            latex_lambda(lam, sizeof lam, F->lambda[k]);
            fprintf(out, "\\addplot[only marks, mark=%s, %s, mark size=2.5pt] coordinates {",
                    pgf_marks[s], pgf_colors[s]);
            pgf_coordinates(out, F, panel, F->lambda[k], 0);
            fprintf(out, "};\n\\addlegendentry{$\\lambda = %s$}\n", lam);
        }
    }
    fprintf(out, "\\end{groupplot}\n");
    pgf_end(out);
}

static void gp_block(FILE *out, const ng_figure_t F, const char *name, int panel,
                     double lambda, int which)
{
    char a[64];
    fprintf(out, "$%s << EOD\n", name);
    for (slong i = 0; i < F->nrows; i++) {
        const ng_figure_row *r = F->rows + i;
        if (r->panel != panel)
            continue;
        if (F->number == 6 && r->lambda != 0.0)
            fprintf(out, "%g %s\n", r->lambda,
                    fixed(a, sizeof a, which == 0 ? r->lhs : r->rhs, row_decimals(F, r)));
        else if (F->number != 6 && r->lambda == lambda)
            fprintf(out, "%d %s\n", r->site, fixed(a, sizeof a, r->T, row_decimals(F, r)));
    }
    fprintf(out, "EOD\n");
}

void ng_figure_write_gnuplot(FILE *out, const ng_figure_t F, const char *command_line,
                             const char *png_name)
{
    char a[64], cap[4096];
    double lo, hi;
    caption(cap, sizeof cap, F);
    lambda_range(&lo, &hi, F);
    ng_report_provenance(out, NG_REPORT_COMMENT_HASH, command_line);
    fprintf(out, "# %s.\n# Render with: gnuplot fig%d.gp  (writes %s)\n", cap, F->number,
            png_name);
    fprintf(out, "set encoding utf8\nset terminal pngcairo size %d,620 enhanced font "
                 "'Sans,12'\nset output '%s'\n",
            F->number == 6 ? 820 : 100 + 650 * F->npanels, png_name);
    if (F->number == 6) {
        const ng_figure_row *z = limit_row(F, 0);
        gp_block(out, F, "lhs", 0, 0.0, 0);
        gp_block(out, F, "rhs", 0, 0.0, 1);
        /* no title: the caption (the header above) says what this is */
        fprintf(out, "set xlabel 'λ'\nset ylabel 'both sides of Eq. (150)'\n"
                     "set logscale x\nset xrange [%g:%g]\n"
                     "set format x '10^{%%L}'\nset grid\nset key bottom left Left reverse box opaque\n",
                lo, hi);
        fprintf(out,
                "plot $lhs with points pt 6 ps 2 lw 2 lc rgb '%s' title 'LHS  t_N − t_1', \\\n"
                "     $rhs with points pt 4 ps 2 lw 2 lc rgb '%s' title 'RHS', \\\n"
                "     %s with lines dt 2 lw 2 lc rgb 'black' title 'weak-coupling limit (ρ_0)'\n",
                gp_colors[0], gp_colors[1],
                z != NULL ? fixed(a, sizeof a, z->lhs, NG_FIGURE_DECIMALS_EXACT) : "NaN");
        return;
    }
    for (int panel = 0; panel < F->npanels; panel++) {
        char name[32];
        snprintf(name, sizeof name, "limit%d", panel);
        gp_block(out, F, name, panel, 0.0, 0);
        for (int k = 0; k < F->nlambda; k++) {
            snprintf(name, sizeof name, "p%d_%d", panel, k);
            gp_block(out, F, name, panel, F->lambda[k], 0);
        }
    }
    /* no overall title: the caption (the header above) says what this is */
    fprintf(out, "set multiplot layout 1,%d\n", F->npanels);
    fprintf(out, "set xlabel 'site l'\nset ylabel 'T_l / h  (k_B = 1)'\nset xrange [-0.4:%g]\n"
                 "set xtics 1\nset grid\nset key bottom left Left reverse box opaque\n",
            F->N + 1.4);
    for (int panel = 0; panel < F->npanels; panel++) {
        if (F->panel_utf8[panel] != NULL)
            fprintf(out, "set title 'θ = %s'\n", F->panel_utf8[panel]);
        fprintf(out, "plot $limit%d with linespoints lw 2 pt 7 ps 0.6 lc rgb 'black' "
                     "title 'weak-coupling limit'",
                panel);
        for (int k = 0; k < F->nlambda; k++) {
            int s = style_index(F, k);
            fprintf(out, ", \\\n     $p%d_%d with points pt %d ps 2 lw 2 lc rgb '%s' "
                         "title 'λ = %g'",
                    panel, k, gp_points[s], gp_colors[s], F->lambda[k]);
        }
        fprintf(out, "\n");
    }
    fprintf(out, "unset multiplot\n");
}
