#include "nessgen/two_spin.h"

/* Printed formulas, transcribed from the paper for comparison only (never
 * used as results).  a_ν = c_ν sinθ, b_ν = d_ν cosθ (Eqs. B10–B11, after
 * B33); γ of Eq. B22 is substituted for G. */
#define A_L "cL*sin(theta)"
#define A_R "cR*sin(theta)"
#define B_L "dL*cos(theta)"
#define B_R "dR*cos(theta)"
#define G "(-sin(theta)^2/((tL-tR)*cos(theta)^2))"
const char *const ng_two_spin_printed_b18[3] = {
    "-sin(theta)/2*(" A_L "*(t1-tL)*t2 + " A_R "*(t2-tR)*t1 + 4*g*(" A_L "+" A_R "))",
    "sin(theta)/4*(" A_L "*(t1-tL) + " A_R "*(t2-tR))",
    "1/(8*(1+" G "^2))*(2*sin(theta)*(" A_R "*(t2-tR) - " A_L "*(t1-tL)) + " G
    "^2*(t2-t1)*(2*(" B_L "+" B_R ")*cos(theta) + (" A_L "+" A_R ")*sin(theta)))"};
const char *const ng_two_spin_printed_b23_b25[3] = {
    A_L "*(t1-tL)*t2 + " A_R "*(t2-tR)*t1 + 4*g*(" A_L "+" A_R ")",
    A_L "*(t1-tL) + " A_R "*(t2-tR)",
    "2*sin(theta)*(" A_R "*(t2-tR) - " A_L "*(t1-tL)) + " G "^2*(t2-t1)*(2*(" B_L "+" B_R
    ")*cos(theta) + (" A_L "+" A_R ")*sin(theta))"};
const char *const ng_two_spin_printed_gamma_b22 = G;
#define K_114 "(c*(tL-tR)^2*cos(theta)^4/(c*(tL-tR)^2*cos(theta)^4 + " \
          "sin(theta)^2*(2*d*cos(theta)^2 + c*sin(theta)^2)))"
/* Eqs. 111–113 with K of Eq. 114 (c = (cL+cR)/2, d = (dL+dR)/2 by B30–B31). */
const char *const ng_two_spin_printed_111_113[3] = {"(tL+tR)/2 + " K_114 "/2*(tL-tR)",
                                               "(tL+tR)/2 - " K_114 "/2*(tL-tR)",
                                               "-" K_114 "*(1-" K_114 ")/16*(tL-tR)^2"};
const char *const ng_two_spin_printed_K = K_114;

/* Eqs. B13–B16, D σ^col = Σ_row m[row][col] σ^row with a = c_ν sinθ,
 * b = d_ν cosθ, t = t_ν (B10–B12); rows and columns 0, x, y, z:
 *   B13  D σ_0 = −2at(σ_x cosθ + σ_z sinθ)
 *   B14  D σ_x = −2b(σ_x cosθ − σ_z sinθ)
 *   B15  D σ_y = −2(b cosθ + a sinθ) σ_y
 *   B16  D σ_z = −2a(σ_x cosθ + σ_z sinθ) */
#define B13_B16(a, b, t)                                                                     \
    {"0", "0", "0", "0",                                                                     \
     "-2*" a "*" t "*cos(theta)", "-2*" b "*cos(theta)", "0", "-2*" a "*cos(theta)",         \
     "0", "0", "-2*(" b "*cos(theta) + " a "*sin(theta))", "0",                              \
     "-2*" a "*" t "*sin(theta)", "2*" b "*sin(theta)", "0", "-2*" a "*sin(theta)"}
const char *const ng_two_spin_printed_b13_b16[2][16] = {B13_B16("(" A_L ")", "(" B_L ")", "tL"),
                                                        B13_B16("(" A_R ")", "(" B_R ")", "tR")};
