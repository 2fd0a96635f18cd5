/* The printed forms of Eqs. 121, 128, 130–150, TRANSCRIBED FROM THE PAPER FOR
 * COMPARISON ONLY (paper/ishida-sugita-2022-weak-coupling-ness.md, Sect. IV C).
 * Nothing here enters a derivation: these strings are parsed only by
 * ng_hier_terms_parse to be compared with what the operator algebra gives.
 * They are transcribed as printed, typesetting damage included (missing or
 * extra overlines, indices); e.g. Eq. 128 is garbled in our copy and is kept so.
 * Where the extraction is evidently damaged, an entry also gives the evident
 * reading (terms and LaTeX) and says what the damage is; the comparison
 * reports both (src/hierarchy/verdict.c).
 *
 * Keys: cA[l-1*,l,l+1] is c^A_{\overline{l-1},l,l+1} (a * marks the overlined
 * site, where σ^z sits); t[l+1] is t_{l+1}; <cA[…]> the expectation value of
 * the element the coefficient multiplies (Eq. 150); S: a Σ_l term.  Symbols:
 * alpha_+ is written alpha_xx+alpha_yy, α_1^z = xL_z and α_N^z = xR_z (the
 * generic preset's mean fields, Ȳ = 1), t_L = tL, t_R = tR. */
#include "nessgen/hierarchy.h"

#define AP "(alpha_xx+alpha_yy)"
#define CLEAN NULL, NULL, NULL /* no extraction damage: no reading */

const ng_hier_printed ng_hier_printed_equations[] = {
    {"121", "ple.B",
     "\\mathcal{P}_0\\mathcal{L}_{I(l,l+1)}\\rho_{PLE} = \\frac{t_{l+1}-t_l}{4}\\alpha_+"
     "\\rho^B_{l,l+1}\\bigotimes_{m\\neq l,l+1}\\rho_{LE}(\\beta_m)",
     NG_HIER_AS_IS, 0, 0, 0, AP "/4 : t[l+1] ; -" AP "/4 : t[l]", NULL, CLEAN},
    {"128", "ansatz.bulk",
     "\\rho_a = c^A_{\\overline{l-1},l,l+1}\\sigma^z_{l-1}\\rho^A_{l,l+1} + "
     "c^B_{\\overline{l-1},l,l+1}\\sigma^z_{l-1}\\rho^B_{l,l+1} + "
     "c^A_{l-1,\\overline{l},l+1}\\sigma^z_l\\rho^A_{l-1,l+1} + "
     "c^B_{l-1,\\overline{l},l+1}\\sigma^z_l\\rho^B_{l-1,l+1} + "
     "c^A_{l,\\overline{l+1},l+2}\\sigma^z_{l+1}\\rho^A_{l,l+2} + "
     "c^B_{l,l+1,\\overline{l+2}}\\rho^A_{l,l+2} + c^A_{l,l+1,\\overline{l+2}}\\rho^A_{l,l+2} + "
     "c^B_{l,l+1,\\overline{l+2}}\\rho^B_{l,l+2} + "
     "c^A_{l,l+1,\\overline{l+2}}\\rho^A_{l,l+1}\\sigma^z_{l+2} + "
     "c^B_{l,l+1,\\overline{l+2}}\\rho^B_{l,l+1}\\sigma^z_{l+2} + "
     "c^B_{l,l+1,\\overline{l+2}}\\rho^B_{l,l+1}\\sigma^z_{l+2} + c^B_{l,l+1}\\rho^B_{l,l+1}",
     NG_HIER_ANSATZ, 0, 0, 0,
     "cA[l-1*,l,l+1] : Z[l-1] A(l,l+1) ; cB[l-1*,l,l+1] : Z[l-1] B(l,l+1) ; "
     "cA[l-1,l*,l+1] : Z[l] A(l-1,l+1) ; cB[l-1,l*,l+1] : Z[l] B(l-1,l+1) ; "
     "cA[l,l+1*,l+2] : Z[l+1] A(l,l+2) ; cB[l,l+1,l+2*] : A(l,l+2) ; "
     "cA[l,l+1,l+2*] : A(l,l+2) ; cB[l,l+1,l+2*] : B(l,l+2) ; "
     "cA[l,l+1,l+2*] : A(l,l+1) Z[l+2] ; cB[l,l+1,l+2*] : B(l,l+1) Z[l+2] ; "
     "cB[l,l+1] : B(l,l+1)",
     NULL,
     "cA[l-1*,l,l+1] : Z[l-1] A(l,l+1) ; cB[l-1*,l,l+1] : Z[l-1] B(l,l+1) ; "
     "cA[l-1,l*,l+1] : Z[l] A(l-1,l+1) ; cB[l-1,l*,l+1] : Z[l] B(l-1,l+1) ; "
     "cA[l,l+1*,l+2] : Z[l+1] A(l,l+2) ; cB[l,l+1*,l+2] : Z[l+1] B(l,l+2) ; "
     "cA[l,l+1,l+2*] : A(l,l+1) Z[l+2] ; cB[l,l+1,l+2*] : B(l,l+1) Z[l+2] ; "
     "cB[l,l+1] : B(l,l+1)",
     "\\rho_a = c^A_{\\overline{l-1},l,l+1}\\sigma^z_{l-1}\\rho^A_{l,l+1} + "
     "c^B_{\\overline{l-1},l,l+1}\\sigma^z_{l-1}\\rho^B_{l,l+1} + "
     "c^A_{l-1,\\overline{l},l+1}\\sigma^z_l\\rho^A_{l-1,l+1} + "
     "c^B_{l-1,\\overline{l},l+1}\\sigma^z_l\\rho^B_{l-1,l+1} + "
     "c^A_{l,\\overline{l+1},l+2}\\sigma^z_{l+1}\\rho^A_{l,l+2} + "
     "c^B_{l,\\overline{l+1},l+2}\\sigma^z_{l+1}\\rho^B_{l,l+2} + "
     "c^A_{l,l+1,\\overline{l+2}}\\rho^A_{l,l+1}\\sigma^z_{l+2} + "
     "c^B_{l,l+1,\\overline{l+2}}\\rho^B_{l,l+1}\\sigma^z_{l+2} + c^B_{l,l+1}\\rho^B_{l,l+1}",
     "three printed terms pair a coefficient c_{l,l+1,\\overline{l+2}} (sigma^z at l+2) with "
     "an element rho_{l,l+2} that has no sigma^z at all, and one term appears twice; the "
     "readable terms come in A/B pairs with sigma^z at l-1, l, l+1, l+2, and the pair with "
     "sigma^z at l+1 lacks its B member, so the evident reading is the four pairs and "
     "c^B_{l,l+1} rho^B_{l,l+1}"},
    {"130 (rho^B)", "bulk.B",
     "\\left\\{\\frac{t_{l+1}-t_l}{4}\\alpha_+ + 4\\alpha_{zz}(-c^A_{\\overline{l-1},l,l+1} + "
     "c^A_{l,l+1,\\overline{l+2}}) + 2\\alpha_+(c^A_{l-1,\\overline{l},l+1} - "
     "c^A_{l,\\overline{l+1},l+2})\\right\\}\\rho^B_{l,l+1}",
     NG_HIER_AS_IS, 0, 0, 0,
     AP "/4 : t[l+1] ; -" AP "/4 : t[l] ; -4*alpha_zz : cA[l-1*,l,l+1] ; "
        "4*alpha_zz : cA[l,l+1,l+2*] ; 2*" AP " : cA[l-1,l*,l+1] ; -2*" AP " : cA[l,l+1*,l+2]",
     NULL, CLEAN},
    {"130 (rho^A)", "bulk.A",
     "-2\\left\\{2\\alpha_{zz}(-c^B_{\\overline{l-1},l,l+1} + c^B_{l,l+1,\\overline{l+2}}) + "
     "\\alpha_+(c^B_{l-1,\\overline{l},l+1} - c^B_{l,\\overline{l+1},l+2})\\right\\}"
     "\\rho^A_{l,l+1}",
     NG_HIER_AS_IS, 0, 0, 0,
     "4*alpha_zz : cB[l-1*,l,l+1] ; -4*alpha_zz : cB[l,l+1,l+2*] ; -2*" AP
     " : cB[l-1,l*,l+1] ; 2*" AP " : cB[l,l+1*,l+2]",
     NULL, CLEAN},
    {"130 (rho^C)", "bulk.C", "2\\alpha_+ c^B_{l,l+1}\\rho^C_{l,l+1}", NG_HIER_AS_IS, 0, 0, 0,
     "2*" AP " : cB[l,l+1]", NULL, CLEAN},
    {"131", "bulk.B",
     "(t_{l+1}-t_l)\\alpha_+ + 16\\alpha_{zz}(-c^A_{\\overline{l-1},l,l+1} + "
     "c^A_{l,l+1,\\overline{l+2}}) + 8\\alpha_+(c^A_{l-1,\\overline{l},l+1} - "
     "c^A_{l,\\overline{l+1},l+2}) = 0",
     NG_HIER_UP_TO_FACTOR, 0, 0, 0,
     AP " : t[l+1] ; -" AP " : t[l] ; -16*alpha_zz : cA[l-1*,l,l+1] ; "
        "16*alpha_zz : cA[l,l+1,l+2*] ; 8*" AP " : cA[l-1,l*,l+1] ; -8*" AP " : cA[l,l+1*,l+2]",
     NULL, CLEAN},
    {"132", "bulk.A",
     "2\\alpha_{zz}(-c^B_{\\overline{l-1},l,l+1} + c^B_{l,l+1,\\overline{l+2}}) + "
     "\\alpha_+(c^B_{l-1,\\overline{l},l+1} - c^B_{l,\\overline{l+1},l+2}) = 0",
     NG_HIER_UP_TO_FACTOR, 0, 0, 0,
     "-2*alpha_zz : cB[l-1*,l,l+1] ; 2*alpha_zz : cB[l,l+1,l+2*] ; " AP
     " : cB[l-1,l*,l+1] ; -" AP " : cB[l,l+1*,l+2]",
     NULL, CLEAN},
    {"133", "bulk.C", "c^B_{l,l+1} = 0", NG_HIER_UP_TO_FACTOR, 0, 0, 0, "1 : cB[l,l+1]", NULL, CLEAN},
    {"135", "ansatz.left",
     "\\rho_a = c^A_{1,\\bar2,3}\\sigma^z_2\\rho^A_{1,3} + c^B_{1,\\bar2,3}\\sigma^z_2\\rho^B_{1,3}"
     " + c^A_{1,2,\\bar3}\\rho^A_{1,2}\\sigma^z_3 + c^B_{1,2,\\bar3}\\rho^B_{1,2}\\sigma^z_3 + "
     "c^A_{1,2}\\rho^A_{1,2} + c^B_{1,2}\\rho^B_{1,2}",
     NG_HIER_ANSATZ, 0, 0, 0,
     "cA[1,2*,3] : Z[2] A(1,3) ; cB[1,2*,3] : Z[2] B(1,3) ; cA[1,2,3*] : A(1,2) Z[3] ; "
     "cB[1,2,3*] : B(1,2) Z[3] ; cA[1,2] : A(1,2) ; cB[1,2] : B(1,2)",
     NULL, CLEAN},
    {"136 (rho^B)", "left.B",
     "\\left\\{\\frac{t_2-t_1}{4}\\alpha_+ + 4\\alpha_{zz}c^A_{1,2,\\overline{3}} - "
     "2\\alpha_+c^A_{1,\\overline{2},3} - 2\\alpha^z_1c^A_{1,2}\\right\\}\\rho^B_{1,2}",
     NG_HIER_AS_IS, 0, 0, 0,
     AP "/4 : t[2] ; -" AP "/4 : t[1] ; 4*alpha_zz : cA[1,2,3*] ; -2*" AP
        " : cA[1,2*,3] ; -2*xL_z : cA[1,2]",
     NULL, CLEAN},
    {"136 (rho^A)", "left.A",
     "-2\\left\\{2\\alpha_{zz}c^B_{1,2,\\overline{3}} - \\alpha_+c^B_{1,\\overline{2},3} - "
     "\\alpha^z_1c^B_{1,2}\\right\\}\\rho^A_{1,2}",
     NG_HIER_AS_IS, 0, 0, 0,
     "-4*alpha_zz : cB[1,2,3*] ; 2*" AP " : cB[1,2*,3] ; 2*xL_z : cB[1,2]", NULL, CLEAN},
    {"136 (rho^C)", "left.C", "2\\alpha_+c^B_{1,2}\\rho^C_{1,2}", NG_HIER_AS_IS, 0, 0, 0,
     "2*" AP " : cB[1,2]", NULL, CLEAN},
    {"137", "left.B",
     "(t_2-t_1)\\alpha_+ + 16\\alpha_{zz}c^A_{1,2,\\overline{3}} - "
     "8\\alpha_+c^A_{1,\\overline{2},3} - 8\\alpha^z_1c^A_{1,2} = 0",
     NG_HIER_UP_TO_FACTOR, 0, 0, 0,
     AP " : t[2] ; -" AP " : t[1] ; 16*alpha_zz : cA[1,2,3*] ; -8*" AP
        " : cA[1,2*,3] ; -8*xL_z : cA[1,2]",
     NULL, CLEAN},
    {"138", "left.A",
     "2\\alpha_{zz}c^B_{1,2,\\bar3} - \\alpha_+c^B_{1,\\bar2,\\bar3} = 0",
     NG_HIER_UP_TO_FACTOR, 0, 0, 0, "2*alpha_zz : cB[1,2,3*] ; -" AP " : cB[1,2*,3*]",
     "cB[1,2]",
     "2*alpha_zz : cB[1,2,3*] ; -" AP " : cB[1,2*,3]",
     "2\\alpha_{zz}c^B_{1,2,\\bar3} - \\alpha_+c^B_{1,\\bar2,3} = 0",
     "c^B_{1,\\bar2,\\bar3} carries two overlines, but a three-site element of rho_a has "
     "sigma^z on one site only; read c^B_{1,\\bar2,3}, the element of Eq. 135"},
    {"139", "left.C", "c^B_{1,2} = 0", NG_HIER_UP_TO_FACTOR, 0, 0, 0, "1 : cB[1,2]", NULL, CLEAN},
    {"140", "right.B",
     "(t_N-t_{N-1})\\alpha_+ - 16\\alpha_{zz}c^A_{\\overline{N-2},N-1,N} + "
     "8\\alpha_+c^A_{N-2,\\overline{N-1},N} + 8\\alpha^z_Nc^A_{N-1,N} = 0",
     NG_HIER_UP_TO_FACTOR, 0, 0, 0,
     AP " : t[N] ; -" AP " : t[N-1] ; -16*alpha_zz : cA[N-2*,N-1,N] ; 8*" AP
        " : cA[N-2,N-1*,N] ; 8*xR_z : cA[N-1,N]",
     NULL, CLEAN},
    {"141", "right.A",
     "2\\alpha_{zz}c^B_{\\overline{N-1},N-1,N} - \\alpha_+c^B_{N-2,\\overline{N-1},N} = 0",
     NG_HIER_UP_TO_FACTOR, 0, 0, 0, "2*alpha_zz : cB[N-1*,N-1,N] ; -" AP " : cB[N-2,N-1*,N]",
     "cB[N-1,N]",
     "2*alpha_zz : cB[N-2*,N-1,N] ; -" AP " : cB[N-2,N-1*,N]",
     "2\\alpha_{zz}c^B_{\\overline{N-2},N-1,N} - \\alpha_+c^B_{N-2,\\overline{N-1},N} = 0",
     "c^B_{\\overline{N-1},N-1,N} names site N-1 twice; read c^B_{\\overline{N-2},N-1,N}, "
     "the mirror image of Eq. 138's c^B_{1,2,\\bar3} (then the factors match Eq. 138 too)"},
    {"142", "right.C", "c^B_{N-1,N} = 0", NG_HIER_UP_TO_FACTOR, 0, 0, 0, "1 : cB[N-1,N]",
     NULL, CLEAN},
    {"143", "left.B",
     "t_2-t_1 = \\frac{8}{\\alpha_+}(-2\\alpha_{zz}c^A_{1,2,\\bar3} + \\alpha_+c^A_{1,\\bar2,3} + "
     "\\alpha^z_1c^A_{1,2})",
     NG_HIER_UP_TO_FACTOR, 0, 0, 0,
     "1 : t[2] ; -1 : t[1] ; 16*alpha_zz/" AP " : cA[1,2,3*] ; -8 : cA[1,2*,3] ; -8*xL_z/" AP
     " : cA[1,2]",
     NULL, CLEAN},
    {"144", "bulk.B",
     "t_3-t_2 = \\frac{8}{\\alpha_+}\\left\\{2\\alpha_{zz}(c^A_{\\overline{1},2,3} - "
     "c^A_{2,3,\\overline{4}}) + \\alpha_+(-c^A_{1,\\overline{2},3} + c^A_{2,\\overline{3},4})"
     "\\right\\}",
     NG_HIER_UP_TO_FACTOR, 2, 0, 0,
     "1 : t[3] ; -1 : t[2] ; -16*alpha_zz/" AP " : cA[1*,2,3] ; 16*alpha_zz/" AP
     " : cA[2,3,4*] ; 8 : cA[1,2*,3] ; -8 : cA[2,3*,4]",
     NULL, CLEAN},
    {"145", "bulk.B",
     "t_4-t_3 = \\frac{8}{\\alpha_+}\\left\\{2\\alpha_{zz}(c^A_{\\overline{2},3,4} - "
     "c^A_{3,4,\\overline{5}}) + \\alpha_+(-c^A_{2,\\overline{3},4} + c^A_{3,\\overline{4},5})"
     "\\right\\}",
     NG_HIER_UP_TO_FACTOR, 3, 0, 0,
     "1 : t[4] ; -1 : t[3] ; -16*alpha_zz/" AP " : cA[2*,3,4] ; 16*alpha_zz/" AP
     " : cA[3,4,5*] ; 8 : cA[2,3*,4] ; -8 : cA[3,4*,5]",
     NULL, CLEAN},
    {"147", "bulk.B",
     "t_{N-1}-t_{N-2} = \\frac{8}{\\alpha_+}\\left\\{2\\alpha_{zz}(c^A_{\\overline{N-3},N-2,N-1} "
     "- c^A_{\\overline{N-2},N-1,\\overline{N}}) + \\alpha_+(-c^A_{\\overline{N-3},"
     "\\overline{N-2},N-1} + c^A_{\\overline{N-2},\\overline{N-1},N})\\right\\}",
     NG_HIER_UP_TO_FACTOR, -2, 0, 0,
     "1 : t[N-1] ; -1 : t[N-2] ; -16*alpha_zz/" AP " : cA[N-3*,N-2,N-1] ; 16*alpha_zz/" AP
     " : cA[N-2*,N-1,N*] ; 8 : cA[N-3*,N-2*,N-1] ; -8 : cA[N-2*,N-1*,N]",
     NULL,
     "1 : t[N-1] ; -1 : t[N-2] ; -16*alpha_zz/" AP " : cA[N-3*,N-2,N-1] ; 16*alpha_zz/" AP
     " : cA[N-2,N-1,N*] ; 8 : cA[N-3,N-2*,N-1] ; -8 : cA[N-2,N-1*,N]",
     "t_{N-1}-t_{N-2} = \\frac{8}{\\alpha_+}\\left\\{2\\alpha_{zz}(c^A_{\\overline{N-3},N-2,N-1} "
     "- c^A_{N-2,N-1,\\overline{N}}) + \\alpha_+(-c^A_{N-3,\\overline{N-2},N-1} + "
     "c^A_{N-2,\\overline{N-1},N})\\right\\}",
     "three coefficients carry two overlines each, but every three-site element of Eq. 128 "
     "has sigma^z on one site; "
     "read with the overlines of Eqs. 144-145 at l = N-2, the pattern the equation continues"},
    {"148", "right.B",
     "t_N-t_{N-1} = \\frac{8}{\\alpha_+}(2\\alpha_{zz}c^A_{\\overline{N-2},N-1,N} - "
     "\\alpha_+c^A_{N-2,\\overline{N-1},N} - \\alpha^z_Nc^A_{N-1,N})",
     NG_HIER_UP_TO_FACTOR, 0, 0, 0,
     "1 : t[N] ; -1 : t[N-1] ; -16*alpha_zz/" AP " : cA[N-2*,N-1,N] ; 8 : cA[N-2,N-1*,N] ; "
     "8*xR_z/" AP " : cA[N-1,N]",
     NULL, CLEAN},
    {"149", "sum",
     "t_N-t_1 = \\frac{8}{\\alpha_+}\\left\\{2\\alpha_{zz}\\sum_{l=2}^{N-1}"
     "(c^A_{l-1,l,l+1} - c^A_{l-1,l,\\overline{l+1}}) + \\alpha^z_1c^A_{1,2} - "
     "\\alpha^z_Nc^A_{N-1,N}\\right\\}",
     NG_HIER_UP_TO_FACTOR, 0, 2, 1,
     "1 : t[N] ; -1 : t[1] ; -16*alpha_zz/" AP " : S:cA[l-1,l,l+1] ; 16*alpha_zz/" AP
     " : S:cA[l-1,l,l+1*] ; -8*xL_z/" AP " : cA[1,2] ; 8*xR_z/" AP " : cA[N-1,N]",
     NULL,
     "1 : t[N] ; -1 : t[1] ; -16*alpha_zz/" AP " : S:cA[l-1*,l,l+1] ; 16*alpha_zz/" AP
     " : S:cA[l-1,l,l+1*] ; -8*xL_z/" AP " : cA[1,2] ; 8*xR_z/" AP " : cA[N-1,N]",
     "t_N-t_1 = \\frac{8}{\\alpha_+}\\left\\{2\\alpha_{zz}\\sum_{l=2}^{N-1}"
     "(c^A_{\\overline{l-1},l,l+1} - c^A_{l-1,l,\\overline{l+1}}) + \\alpha^z_1c^A_{1,2} - "
     "\\alpha^z_Nc^A_{N-1,N}\\right\\}",
     "the first coefficient of the sum has lost its overline: c^A_{l-1,l,l+1} names no "
     "element of Eq. 128 (each three-site element has one overlined sigma^z site); "
     "read c^A_{\\overline{l-1},l,l+1}, the coefficient Eqs. 144-148 sum"},
    {"150", "expect",
     "t_N-t_1 = \\frac{\\alpha_{zz}}{\\alpha_+}\\left\\{\\sum_{l=2}^{N-1}(\\langle\\sigma^z_{l-1}"
     "\\rho^A_{l,l+1}\\rangle - \\langle\\rho^A_{l-1,l}\\sigma^z_{l+1}\\rangle) - "
     "t_L\\langle\\rho^A_{1,2}\\rangle + \\langle\\rho^A_{N-1,N}\\rangle t_R\\right\\}",
     NG_HIER_UP_TO_FACTOR, 0, 2, 1,
     "1 : t[N] ; -1 : t[1] ; -alpha_zz/" AP " : S:<cA[l-1*,l,l+1]> ; alpha_zz/" AP
     " : S:<cA[l-1,l,l+1*]> ; alpha_zz*tL/" AP " : <cA[1,2]> ; -alpha_zz*tR/" AP
     " : <cA[N-1,N]>",
     NULL, CLEAN},
    {NULL, NULL, NULL, NG_HIER_AS_IS, 0, 0, 0, NULL, NULL, CLEAN},
};
