/* nessgen: the command-line generator.  One file per subcommand; this one
 * only dispatches (cli_main, run by main.c and by ng_cli_run). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define FMT(f) (1u << (f))

const cli_command cli_commands[] = {
    {"kernel", "the basis of Ker L0 by magnetisation sector (Sect. IV A)",
     "Usage: nessgen kernel --N n [--format text|json|latex] [--standalone] [-o FILE]\n"
     "\n"
     "Enumerates Ker L0 for N spins (1 <= N): its dimension C(2N,N), the sectors\n"
     "sum_l s_l = sum_l s'_l = M with their dimensions C(N,k)^2, and a Hermitian,\n"
     "Hilbert-Schmidt-orthogonal basis in the paper's notation: diagonal strings\n"
     "sigma^{0z...} (Eq. 82) and the correlation structures rho^A, rho^B with\n"
     "sigma^z decorations (Eqs. 79-80, 128).\n"
     "\n"
     "Options:\n"
     "  --N n            number of spins (default 2)\n"
     "  --format F       text (default), json or latex (a fragment to \\input)\n"
     "  --standalone     with --format latex: a whole document\n"
     "  -o, --output F   write to F (whole or not at all) instead of stdout\n"
     "\n"
     "Examples:\n"
     "  nessgen kernel --N 3\n"
     "  nessgen kernel --N 4 --format json -o kernel_N4.json\n",
     FMT(NG_FORMAT_TEXT) | FMT(NG_FORMAT_JSON) | FMT(NG_FORMAT_LATEX), cmd_kernel, CLI_OPT_OUTPUT | CLI_OPT_STANDALONE | CLI_OPT_N, 0},
    {"table", "coefficient tables of P0 L1 on Ker L0 (Eqs. 87-95, 101-102, 121-122)",
     "Usage: nessgen table p0l1 [model options] [--format text|json|latex] [--standalone]\n"
     "                          [-o FILE]\n"
     "\n"
     "Applies P0 L_I and P0 L_E to every element of the Ker L0 basis (for N = 2\n"
     "the paper's basis of Eq. 81) and expands the results in the same basis\n"
     "(Eqs. 87-95); then applies P0 L1 to the product of local equilibrium\n"
     "states with symbolic t_1..t_N (Eqs. 101-102 for N = 2, Eqs. 121-122 for N\n"
     "spins).  Parameters not given stay free symbols (the generic preset makes\n"
     "every alpha_jk symbolic), so the coefficients are derived exactly.\n"
     "Coefficients proportional to alpha_+ = alpha_xx + alpha_yy or to\n"
     "Delta alpha^z = alpha_L^z - alpha_R^z are printed as such.\n"
     "\n"
     "Options:\n"
     "  --format F       text (default), json or latex (a fragment to \\input)\n"
     "  --standalone     with --format latex: a whole document\n"
     "  -o, --output F   write to F (whole or not at all) instead of stdout\n"
     "\n"
     "Examples:\n"
     "  nessgen table p0l1\n"
     "  nessgen table p0l1 --preset tilted-ising --N 3\n"
     "  nessgen table p0l1 --format latex --standalone -o p0l1.tex\n",
     FMT(NG_FORMAT_TEXT) | FMT(NG_FORMAT_JSON) | FMT(NG_FORMAT_LATEX), cmd_table, CLI_OPT_OUTPUT | CLI_OPT_STANDALONE | CLI_OPT_N | CLI_OPT_MODEL, 1},
    {"two-spin", "the two-spin theory derived: Ker(P0 L1 P0), rho0, K(theta) (Sect. IV B)",
     "Usage: nessgen two-spin [model options] [--format text|json|latex] [--standalone]\n"
     "                        [-o FILE]\n"
     "\n"
     "Derives the two-spin theory of Sect. IV B and Appendix B for general\n"
     "parameters (those not given stay free symbols; theta enters through\n"
     "u_theta = tan(theta/2)): Ker(P0 L1 P0) as a nullspace and gamma read off it\n"
     "(Eqs. 96-98), the form of Eq. 103, P1 L2 rho0 and the equations B23-B25,\n"
     "their exact solution t1, t2, g for unequal baths, the identity with\n"
     "Eqs. 111-114 for equal baths, and theta = pi/2.  Each derived formula is\n"
     "compared with the printed one.  A number no exact ring holds (--theta 1)\n"
     "stays a free symbol, and (t1 - t2)/(tL - tR) is evaluated there at the end\n"
     "as a certified ball when every parameter it needs has a value.  Default\n"
     "model: tilted-ising.\n"
     "\n"
     "Options:\n"
     "  --format F       text (default), json or latex (a fragment to \\input)\n"
     "  --standalone     with --format latex: a whole document\n"
     "  -o, --output F   write to F (whole or not at all) instead of stdout\n"
     "\n"
     "Examples:\n"
     "  nessgen two-spin\n"
     "  nessgen two-spin --h 1 --c 1 --d 1 --theta 1 --TL 3/2 --TR 1\n"
     "  nessgen two-spin --format json -o two_spin.json\n",
     FMT(NG_FORMAT_TEXT) | FMT(NG_FORMAT_JSON) | FMT(NG_FORMAT_LATEX), cmd_two_spin, CLI_OPT_OUTPUT | CLI_OPT_STANDALONE | CLI_OPT_N | CLI_OPT_MODEL, 0},
    {"rho0", "zeroth-order NESS for N spins, exact or certified (Sect. III, Eqs. 45-47, 150)",
     "Usage: nessgen rho0 [model options] [--digits d] [--observable EXPR ...]\n"
     "                    [--max-cpu S] [--format text|json|latex|csv|python|c]\n"
     "                    [--standalone] [-o FILE]\n"
     "\n"
     "The weak-coupling limit rho0 of the NESS for N spins, computed by magnetisation\n"
     "sector: certified eigenpairs of P0 H1 P0 and the rate equation P1 L2 rho0 = 0\n"
     "(Eqs. 45-47), or, when P0 H1 P0 has degenerate levels (decided exactly from a\n"
     "rational H1, e.g. theta = pi/2, or from P0 H1 P0 when it is a real multiple of a\n"
     "rational matrix, e.g. alpha_xx = alpha_yy = 1/sqrt(2)), the condition\n"
     "P1 [L2 - L1 (Q0L0Q0)^-1 L1] P1\n"
     "rho0 = 0 (Eqs. 24, 41-43), which is P1 [L2 + i[H_2, .]] P1 rho0 = 0 with a full\n"
     "block of rho0 on each cluster of equal levels (cluster route; exact rational\n"
     "models with N <= 7 use the commutant route instead); rational models give exact\n"
     "values (N <= 5, and N <= 7 when degenerate).  Prints per site t_l = -<Z_l> and T_l = h/artanh(t_l), <rhoA(l,l+1)>,\n"
     "<rhoB(l,l+1)>, <Z_{l-1} A(l,l+1)>, <A(l-1,l) Z_{l+1}>, both sides of Eq. 150,\n"
     "the smallest first-order level spacing within a sector and which levels were\n"
     "degenerate, with the cluster structure (per sector: distinct levels, largest\n"
     "multiplicity, and whether the eigenspaces came from refined doubles, QR at\n"
     "full precision or exactly; JSON \"clusters\").  Default model: tilted-ising.\n"
     "Exit status 1 if rho0 is not unique\n"
     "(decided from the model's zero pattern, e.g. theta = 0 or c = 0: the baths\n"
     "cannot flip spins; the message names the cause) or the digits cannot be\n"
     "certified.  LaTeX: a document with these as a table in the paper's notation\n"
     "(exact values as fractions, certified values rounded to d decimal places).\n"
     "Also the heat currents at order lambda^2, J_nu = lambda^2 <D_nu^dag(H0)>_rho0\n"
     "= lambda^2 h Gamma_nu (t_e - t_nu), their sum (0), and the bath spin currents.\n"
     "\n"
     "Free names (e.g. --theta theta --tL tL, or names in a model file), N <= 6:\n"
     "the observables as exact rational functions of the names (theta enters as\n"
     "u_theta = tan(theta/2)), reconstructed from the exact commutant route at\n"
     "rational points and checked at fresh points; K = (t1 - tN)/(tL - tR) with its\n"
     "limits theta -> 0, pi/2; Eq. 150 decided as an identity.  JSON \"exact\"\n"
     "strings are expressions nessgen reads.  Formats text, json, latex, and\n"
     "python: a module of exact functions (fractions.Fraction in, Fraction out);\n"
     "c: C functions per observable, NAME_arb (Arb balls, certified) and NAME_d\n"
     "(doubles with a rigorous bound on their rounding error).\n"     "Before the work, the cost is estimated (a degree probe per name, then\n"
     "evaluations x CPU time per evaluation); above --max-cpu (default 20 s) it is\n"
     "refused with the figures, exit 1.  The run itself stops at the limit (one\n"
     "name) or twice it (several).\n"
     "\n"
     "Options:\n"
     "  --digits d       certify d significant digits of every t_l (default 15;\n"
     "                   precision is raised); text prints them, LaTeX rounds to d\n"
     "                   decimal places, JSON's \"ball\" carries every certified digit\n"
     "  --observable EXPR  also <EXPR> (repeatable): a Hermitian sum of Pauli strings\n"
     "                   as the text output writes them: 'X1 X3', 'X1 Y2 - Y1 X2',\n"
     "                   '3/2*Z1 Z2 + sqrt(2)*X1' (real coefficients, sites 1..N)\n"
     "  --format F       text (default), json, latex (a fragment to \\input), csv\n"
     "                   (balls as name_mid,name_rad; lambda = 0), or python, c (free names)\n"
     "  --standalone     with --format latex: a whole document\n"
     "  --max-cpu S      free names: CPU seconds the closed forms may be estimated\n"
     "                   to take (default 20)\n"
     "  -o, --output F   write to F (whole or not at all) instead of stdout\n"
     "\n"
     "Examples:\n"
     "  nessgen rho0 --N 6\n"
     "  nessgen rho0 --N 4 --theta pi/2 --digits 30 --format json -o rho0.json\n"
     "  nessgen rho0 --N 3 --theta theta --tL 1/2 --tR 1/5 --format latex --standalone\n",
     FMT(NG_FORMAT_TEXT) | FMT(NG_FORMAT_JSON) | FMT(NG_FORMAT_LATEX) |
            FMT(NG_FORMAT_CSV) | FMT(NG_FORMAT_PYTHON) | FMT(NG_FORMAT_C), cmd_rho0,
     CLI_OPT_OUTPUT | CLI_OPT_N | CLI_OPT_MODEL | CLI_OPT_DIGITS | CLI_OPT_OBSERVABLE |
         CLI_OPT_STANDALONE | CLI_OPT_MAX_CPU, 0},
    {"ness", "NESS of the full Liouvillian at finite lambda (doubles), lambda sweep vs rho0",
     "Usage: nessgen ness [sweep|certified] [model options] --lambda x[,x...]\n"
     "                    [--observable EXPR ...] [--format text|json|csv|latex]\n"
     "                    [--standalone] [-o FILE]\n"
     "\n"
     "Solves L rho = 0, Tr rho = 1 for L = L0 + lambda L1 + lambda^2 L2 (Eqs. 15-19)\n"
     "in double precision (restarted GMRES on the lambda-scaled system, refined with\n"
     "double-double residuals, preconditioned in the eigenbasis of H0 + lambda H1 by\n"
     "the exact secular block).  Prints per site t_l = -<Z_l> and\n"
     "T_l = h/artanh(t_l), <rho^A_{l,l+1}>, <rho^B_{l,l+1}>, the three-body\n"
     "correlations <Z_{l-1} rho^A_{l,l+1}>, <rho^A_{l-1,l} Z_{l+1}> (Eqs. 151-152),\n"
     "both sides of Eq. 150, and honesty figures: ||L rho||, ||L rho||/lambda^2, a\n"
     "condition estimate, the digits they support, and a warning below 10 digits\n"
     "(no digit at all: exit 1, nothing printed).  Every value, the currents and\n"
     "--observable values included, shows only the digits its own error estimate\n"
     "supports ('noise' in text, null in JSON, an empty CSV field, -- in LaTeX when\n"
     "none); J_L + J_R, a balance check, is printed as computed with its estimate.\n"
     "Model quantities that do not fit\n"
     "in a double, lambda outside 1e-146..1e146, and 2|h| below 1.2e-7 times\n"
     "max(lambda ||H1||, lambda^2 ||L2||) are refused with exit 2 (see README).\n"
     "A steady state that is not unique (a second null vector of the scaled rate\n"
     "block, e.g. a conserved spin) is refused with exit 1.  The smallest\n"
     "eigenvalue of rho (N <= 8) is reported as a diagnostic: it may be negative.\n"
     "'ness sweep' compares t_l with rho0, rho0 + lambda rho1 and + lambda^2 rho2 of\n"
     "the N-spin engine (and ||rho - rho0|| for N <= 5) for each lambda (default\n"
     "0.2 ... 0.001) and fits the convergence orders; JSON and LaTeX add the table\n"
     "a paper needs: per lambda and site, t_l from the solver and from the series,\n"
     "their difference and the digits supported.  Default model: tilted-ising.\n"
     "Also the currents: heat J_nu = lambda^2 Tr(H_S D_nu rho) into the chain from\n"
     "each bath (H_S = H0 + lambda H1), J_L + J_R (0), bond energy currents through\n"
     "each inner site and spin currents on each bond; 'ness sweep' compares\n"
     "J_L/lambda^2 with its series coefficients, with fitted orders.\n"
     "'ness certified' (N <= 6) prints the local observables as balls (30 digits)\n"
     "that contain the exact NESS at each lambda as typed (1e-8 is exactly 10^-8):\n"
     "an approximate inverse R of the lambda-scaled system with a certified bound\n"
     "||I - R A|| < 1 (which also proves the steady state unique), refined with\n"
     "ball residuals; it reaches about lambda = 1e-12 (exit 1 with the bound where\n"
     "it cannot certify).  No --observable or currents there; LaTeX rounds the\n"
     "balls to --digits decimal places.\n"
     "\n"
     "Options:\n"
     "  --lambda x[,x..] coupling(s) lambda > 0 (expressions: 0.01, 1e-3, 1/64)\n"
     "  --observable EXPR  also <EXPR> (repeatable): a Hermitian sum of Pauli strings\n"
     "                   as the text output writes them: 'X1 X3', 'X1 Y2 - Y1 X2',\n"
     "                   '3/2*Z1 Z2 + sqrt(2)*X1' (real coefficients, sites 1..N)\n"

     "  --format F       text (default), json (\"results\": one object per lambda),\n"
     "                   csv (one row per lambda and site) or latex (a fragment to\n"
     "                   \\input: a table per lambda; the sweep's comparison table)\n"
     "  --standalone     with --format latex: a whole document\n"
     "  -o, --output F   write to F (whole or not at all) instead of stdout\n"
     "\n"
     "Examples:\n"
     "  nessgen ness --N 4 --lambda 0.1,0.01\n"
     "  nessgen ness --N 6 --lambda 0.01 --observable 'X1 X3' --format csv -o ness.csv\n"
     "  nessgen ness sweep --N 4 --format latex --standalone -o sweep.tex\n",
     FMT(NG_FORMAT_TEXT) | FMT(NG_FORMAT_JSON) | FMT(NG_FORMAT_CSV) | FMT(NG_FORMAT_LATEX), cmd_ness,
     CLI_OPT_OUTPUT | CLI_OPT_N | CLI_OPT_MODEL | CLI_OPT_LAMBDA | CLI_OPT_OBSERVABLE |
         CLI_OPT_STANDALONE, 1},
    {"series", "series terms rho_0..rho_m of the NESS and their sum at lambda (Eqs. 52, 55, 62)",
     "Usage: nessgen series --order m [model options] [--lambda x] [--digits d]\n"
     "                      [--observable EXPR ...] [--format text|json|latex|csv]\n"
     "                      [--standalone] [-o FILE]\n"
     "\n"
     "The terms of rho = sum_m lambda^m rho_m (Sect. III B: Q0 rho_m by Eq. 52, Q1 rho_m\n"
     "by Eq. 55, P1 rho_m by Eq. 62 with the pseudoinverse of P1 L2 P1; Tr rho_m = 0\n"
     "for m >= 1), certified, in the eigenbasis of P0 H1 P0 (N <= 10).  Degenerate\n"
     "levels (decided exactly from a rational H1, e.g. theta = pi/2, or from P0 H1 P0\n"
     "when it is a real multiple of a rational matrix): P1 keeps the\n"
     "coherences within each cluster of equal levels and P1 L2 P1 becomes\n"
     "P1 [L2 + i[H_2, .]] P1.  For each rho_0 .. rho_m: t_l = -<Z_l> (and T_l for rho_0),\n"
     "<rhoA(l,l+1)>, <rhoB(l,l+1)>, <Z_{l-1} A(l,l+1)>, <A(l-1,l) Z_{l+1}> and both\n"
     "sides of Eq. 150; with --lambda also their sum at that lambda.  Also the lambda\n"
     "range in which the truncated sum is accurate to 1e-d (d = --digits), estimated\n"
     "from the growth of the terms (order >= 1).  Default model:\n"
     "tilted-ising.  Exit status 1 if levels cannot be separated and their\n"
     "degeneracy cannot be decided (P0 H1 P0 not a real multiple of a rational\n"
     "matrix), rho0 is not unique, or the digits\n"
     "cannot be certified.  LaTeX: a document with one table per order (and the sum).\n"
     "Also the currents' coefficients of lambda^p, p = 1 .. m+1: heat from each bath,\n"
     "J_L + J_R (0), energy currents through each inner site (= J_L) and spin\n"
     "currents on each bond; with --lambda their values at the sum.\n"
     "\n"
     "Options:\n"
     "  --order m        highest order m, 0 <= m <= 20 (required)\n"
     "  --observable EXPR  also <EXPR> (repeatable): a Hermitian sum of Pauli strings\n"
     "                   as the text output writes them: 'X1 X3', 'X1 Y2 - Y1 X2',\n"
     "                   '3/2*Z1 Z2 + sqrt(2)*X1' (real coefficients, sites 1..N)\n"

     "  --lambda x       also print sum_{k<=m} lambda^k (observables of rho_k), x > 0\n"
     "  --digits d       certify d significant digits of every t_l (default 15); text\n"
     "                   prints them, LaTeX rounds to d decimal places, JSON's \"ball\"\n"
     "                   carries every certified digit\n"
     "  --format F       text (default), json, latex (a fragment to \\input) or csv\n"
     "                   (rows of rho_m: column m; rows of the sum: column lambda)\n"
     "  --standalone     with --format latex: a whole document\n"
     "  -o, --output F   write to F (whole or not at all) instead of stdout\n"
     "\n"
     "Examples:\n"
     "  nessgen series --N 4 --order 2\n"
     "  nessgen series --N 6 --order 3 --lambda 0.01 --format json -o series.json\n"
     "  nessgen series --N 4 --order 2 --lambda 1/100 --format csv -o series.csv\n",
     FMT(NG_FORMAT_TEXT) | FMT(NG_FORMAT_JSON) | FMT(NG_FORMAT_LATEX) |
            FMT(NG_FORMAT_CSV), cmd_series,
     CLI_OPT_OUTPUT | CLI_OPT_N | CLI_OPT_MODEL | CLI_OPT_DIGITS | CLI_OPT_LAMBDA | CLI_OPT_ORDER |
         CLI_OPT_OBSERVABLE | CLI_OPT_STANDALONE,
     0},
    {"hierarchy", "the N-spin local hierarchy, Eqs. 121-150, derived; comparison with print",
     "Usage: nessgen hierarchy [compare] [model options] [--N n] [--format text|json|latex]\n"
     "                         [--standalone] [-o FILE]\n"
     "\n"
     "Derives Sect. IV C from the operator algebra with every alpha_jk symbolic (generic\n"
     "preset unless a model is given), symbolic t_l and bath mean fields: Eqs. 121-124;\n"
     "the Ker L0 elements of the window l-1..l+2 allowed by Eq. 127 and those that\n"
     "contribute (Eq. 128); the bulk and edge equations (Eqs. 130-142) as the rho^B,\n"
     "rho^A, rho^C components of the two-site projection; their solved forms\n"
     "(Eqs. 143-148); the telescoped sum (Eq. 149) for N = 3..n and Eq. 150 in\n"
     "expectation values; the second route through the total spin current O and the\n"
     "finite-lambda identity for the violation of Eq. 150.\n"
     "With 'compare': a Markdown report comparing each derived equation (Eqs. 121,\n"
     "128, 130-150) with the printed one.\n"
     "\n"
     "Options:\n"
     "  --N n            the sums are derived for N = 3..n (6 <= n <= 10, default 8)\n"
     "  --format F       text (default), json or latex (a fragment to \\input)\n"
     "  --standalone     with --format latex: a whole document\n"
     "  -o, --output F   write to F (whole or not at all) instead of stdout\n"
     "\n"
     "Examples:\n"
     "  nessgen hierarchy\n"
     "  nessgen hierarchy --model examples/xxz_boundary_fields.json --format json\n"
     "  nessgen hierarchy compare -o paper_comparison.md\n",
     FMT(NG_FORMAT_TEXT) | FMT(NG_FORMAT_JSON) | FMT(NG_FORMAT_LATEX), cmd_hierarchy, CLI_OPT_OUTPUT | CLI_OPT_STANDALONE | CLI_OPT_N | CLI_OPT_MODEL, 1},
    {"figure", "the paper's Figs. 4-6 (or at other parameters): CSV, pgfplots, gnuplot, PNG",
     "Usage: nessgen figure 4|5|6 [4|5|6 ...] [--out DIR] [--N n] [--lambda x,...]\n"
     "                      [model options]\n"
     "\n"
     "Recomputes the paper's figures.  By default they are the paper's: the tilted\n"
     "Ising chain with h = 1, c = d = 1, T_L = 3/2, T_R = 1/2; Fig. 4 (N = 2, T_l for\n"
     "theta = pi/4 and pi/2, lambda = 0.1, 0.01), Fig. 5 (N = 6, lambda = 1e-1 ..\n"
     "1e-4), each with the weak-coupling limit rho0 (the line; the baths at sites 0\n"
     "and N+1), and Fig. 6 (N = 6, theta = pi/4, both sides of Eq. 150 against\n"
     "lambda = 0.001 .. 0.2, and their common value at rho0).  --N, --lambda and the\n"
     "model options (temperatures, baths, theta, another preset, a model file)\n"
     "replace the paper's values in every figure asked for; a given theta, or a\n"
     "model without theta, gives one panel instead of two.  Captions and axes\n"
     "follow the values used.  Units: k_B = 1, energies and temperatures in units\n"
     "of h.  The finite-lambda points come from 'nessgen ness' (doubles), rho0 from\n"
     "the certified engine.\n"
     "Writes DIR/figN.csv (data; lambda = 0 rows are rho0), DIR/figN.tex (standalone\n"
     "pgfplots document), DIR/figN.gp (gnuplot script) and renders DIR/figN.png with\n"
     "gnuplot when installed (Debian: gnuplot-nox); the caption is in each file's\n"
     "header, not in the PNG.  Values are rounded to fixed decimals so the files are\n"
     "reproducible.  Prints the files, the run time, the distance of each lambda\n"
     "from rho0 and the solver's honesty notes.  The set is computed first, staged\n"
     "in DIR/.nessgen-figures-XXXXXX and then moved into DIR, so a failed or\n"
     "interrupted run leaves the old files as they were.\n"
     "\n"
     "Options:\n"
     "  --out DIR        directory for the files (created; default .)\n"
     "  --N n            spins (default: 2 for Fig. 4, 6 for Figs. 5 and 6)\n"
     "  --lambda x[,x..] the finite lambda values (default: the paper's)\n"
     "\n"
     "Examples:\n"
     "  nessgen figure 4 5 6 --out figures\n"
     "  nessgen figure 5 --N 5 --theta 1 --lambda 0.01,0.03 --out figs\n"
     "  nessgen figure 4 --TL 2 --TR 1/4 --c 2 --out figs\n",
     FMT(NG_FORMAT_TEXT), cmd_figure,
     CLI_OPT_OUTPUT | CLI_OPT_OUT | CLI_OPT_N | CLI_OPT_MODEL | CLI_OPT_LAMBDA, 3},
    {"verify", "every paper check nessgen can make, as a pass/fail table",
     "Usage: nessgen verify [--format text|json] [-o FILE]\n"
     "\n"
     "Runs the paper's checks and prints a pass/fail table: the two-spin solution for\n"
     "equal baths is Eqs. 111-113 with K of Eq. 114 (exact, general parameters).\n"
     "Every exact check runs at three rational tilted Ising points (u = tan(theta/2)\n"
     "= 1/2, 1/3, 3/4) and on examples/xxz_boundary_fields.json: Eq. 44 holds for\n"
     "N = 2..4 with simple levels and fails at theta = pi/2, N = 4; (Q0L0Q0)^-1\n"
     "inverts Q0L0Q0 on L1(Ker L0) (Eq. 44 alone cannot tell a wrong inverse);\n"
     "Eq. 150 (general form) holds exactly on rho0 for N = 3..5; alpha_zz = 0\n"
     "(theta = pi/2) gives t_N - t_1 = 0 exactly for N = 2..5, but not with z\n"
     "boundary fields; the full-Liouvillian NESS converges to rho0 with order 1 and\n"
     "to rho0 + lambda rho1 with order 2; at theta = pi/2 the flat profile carries\n"
     "the heat current h Gamma_L Gamma_R (t_R - t_L)/(Gamma_L + Gamma_R) (exact,\n"
     "N = 2..5; and the full Liouvillian).\n"
     "Exit status 0 if every check passes, 1 otherwise.\n"
     "\n"
     "Options:\n"
     "  --format F       text (default) or json\n"
     "  -o, --output F   write to F (whole or not at all) instead of stdout\n"
     "\n"
     "Examples:\n"
     "  nessgen verify\n"
     "  nessgen verify --format json -o verify.json\n",
     FMT(NG_FORMAT_TEXT) | FMT(NG_FORMAT_JSON), cmd_verify, CLI_OPT_OUTPUT, 0},
    {"check", "check a solver's NESS results (CSV) against the weak-coupling series",
     "Usage: nessgen check --input FILE [model options] [--observable EXPR ...]\n"
     "                     [--format text|json|latex] [--standalone] [-o FILE]\n"
     "\n"
     "Reads local results of an external NESS solver from CSV -- a header naming the\n"
     "columns lambda, site and one of t (= -<Z_l>), T (t = tanh(h/T)) or sz (= <Z_l>),\n"
     "then one row per lambda and site; other columns are ignored, '#' lines skipped,\n"
     "so 'nessgen ness --format csv' output can be checked as it is, and so can pandas'\n"
     "to_csv output (an unnamed index column first) -- and compares\n"
     "each point with rho0 + lambda rho1 of the certified N-spin engine for the model\n"
     "(default: tilted-ising at the paper's parameters, N = the largest site).  A\n"
     "point with lambda <= 0.2 passes if |t - t0 - lambda t1| <= 4 lambda^2 max|t2| +\n"
     "1e-9 (rho2 sets the scale); per site the apparent convergence orders of\n"
     "|t - t0| and |t - t0 - lambda t1| are fitted.  Without a series (degenerate\n"
     "levels whose degeneracy cannot be decided)\n"
     "|t - t0| must fall at least linearly in lambda.  Exit status: 0 consistent (or\n"
     "undecided),\n"
     "1 inconsistent with the weak-coupling limit, 2 malformed input (the message\n"
     "names the line and column).  With --observable EXPR (at most 8) the K-th\n"
     "observable's values are read from the column obsK, as 'nessgen ness\n"
     "--observable EXPR --format csv' writes it (one value per lambda), and judged\n"
     "the same way against <EXPR>_rho0 + lambda <EXPR>_rho1.\n"
     "\n"
     "Options:\n"
     "  --input FILE     the CSV file ('-' for stdin)\n"
     "  --observable EXPR  also check <EXPR> (repeatable; column obs1, obs2, ...)\n"
     "  --format F       text (default), json or latex (a fragment to \\input: the\n"
     "                   comparison table)\n"
     "  --standalone     with --format latex: a whole document\n"
     "  -o, --output F   write to F (whole or not at all) instead of stdout\n"
     "\n"
     "Examples:\n"
     "  nessgen ness --N 4 --lambda 0.05,0.01,0.002 --format csv -o ness.csv\n"
     "  nessgen check --input ness.csv\n"
     "  nessgen check --input mine.csv --model chain.json --format latex -o check.tex\n",
     FMT(NG_FORMAT_TEXT) | FMT(NG_FORMAT_JSON) | FMT(NG_FORMAT_LATEX), cmd_check,
     CLI_OPT_OUTPUT | CLI_OPT_N | CLI_OPT_MODEL | CLI_OPT_INPUT | CLI_OPT_OBSERVABLE |
         CLI_OPT_STANDALONE, 0},
    {NULL, NULL, NULL, 0, NULL, 0, 0},
};

/* The fuzzer of the option parser (fuzz/fuzz_cli.c) links this file for the
 * command table, without the dispatcher. */
#ifndef NESSGEN_NO_MAIN
static void print_help(void)
{
    printf("Usage: nessgen COMMAND [options]\n"
           "       nessgen COMMAND --help\n"
           "       nessgen --version\n"
           "\n"
           "Weak-coupling perturbation theory of nonequilibrium steady states of\n"
           "spin-1/2 chains between two heat baths (Ishida & Sugita).  Numbers are exact\n"
           "or balls that provably contain the true value, except those of 'ness' (and\n"
           "the finite-lambda points of 'figure' and 'verify'): the full Liouvillian in\n"
           "double precision, printed to the digits its error estimate supports\n"
           "('ness certified' prints balls).  --digits d, where a command takes it,\n"
           "certifies d significant digits (LaTeX rounds to d decimal places).\n"
           "Commands with a model take the model options (--preset, --model FILE, --N,\n"
           "--theta, --TL, ...; see their --help); defaults are the paper's parameters.\n"
           "\n"
           "Commands:\n");
    for (const cli_command *c = cli_commands; c->name != NULL; c++)
        printf("  %-10s %s\n", c->name, c->summary);
    printf("\nExit status: 0 success, 1 a computation that could not be completed,\n"
           "2 bad usage or input.\n"
           "\n"
           "Examples:\n"
           "  nessgen rho0 --N 6\n"
           "  nessgen two-spin --format latex --standalone -o two_spin.tex\n"
           "  nessgen ness --N 4 --lambda 0.1,0.01 --format csv -o ness.csv\n");
}

int cli_main(int argc, char **argv)
{
    cli_t cli;
    int status;
    if (argc < 2) {
        print_help();
        return CLI_EUSAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help();
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("nessgen %s\n", NESSGEN_VERSION);
        return CLI_OK;
    }
    for (const cli_command *c = cli_commands; c->name != NULL; c++) {
        if (strcmp(argv[1], c->name) != 0)
            continue;
        status = cli_parse(&cli, c, argc - 1, argv + 1);
        if (status == CLI_OK) {
            status = c->run(&cli);
            if (status == CLI_OK)
                status = cli_finish(&cli);
        } else if (status < 0) {
            status = CLI_OK;
        }
        cli_clear(&cli);
        return status;
    }
    fprintf(stderr, "nessgen: unknown command '%s'\nTry 'nessgen --help'.\n", argv[1]);
    return CLI_EUSAGE;
}
#endif
