/* Closed forms as C functions (`nessgen rho0 --format c`, issue 14): each
 * rational function N/D of the free names becomes
 *
 *   int NAME_arb(arb_t res, const arb_t x_1, …, slong prec)
 *       N and D with their exact integer coefficients, evaluated by Horner's
 *       rule in Arb's ball arithmetic: res contains the exact value for every
 *       point of the argument balls (Arb's inclusion principle); 0 (res not
 *       finite) if the ball of D contains 0.  Raise prec for a tighter ball.
 *
 *   double NAME_d(double *err, double x_1, …)
 *       the same Horner evaluation in IEEE binary64 (round to nearest, no
 *       wider intermediates), with a rigorous bound *err on |value − f(x)| at
 *       the exact double arguments; *err = INFINITY where it cannot be bounded
 *       (D too close to 0 for its rounding error, overflow).  The bound: a
 *       nested Horner evaluation of p = Σ c_t x^t of degrees d_v gives
 *       p̂ = Σ c_t x^t (1 + θ_t), |θ_t| ≤ γ_{2D}, D = Σ_v d_v (Higham,
 *       Accuracy and Stability of Numerical Algorithms, 2nd ed., Eq. 5.3,
 *       applied per variable), so |p̂ − p| ≤ γ_{2D+1} Σ|c_t||x|^t with the
 *       rounding of the coefficients to doubles (+1); the sum of moduli is
 *       evaluated alongside, itself to within γ_{2D}, and subnormal
 *       intermediates add at most 2^−1074 per operation, amplified by
 *       Π max(1, |x_v|)^{d_v}.  The quotient adds
 *       (e_N + |q| e_D)/(|D̂| − e_D) + 2u|q|.  Emitted only when the
 *       coefficients fit in doubles after one common power-of-two scaling of
 *       N and D (which leaves N/D unchanged); otherwise the file says why.
 *
 * The coefficients are stored densely (degree box of each polynomial, zero
 * coefficients as null strings), x_1 outermost in the nesting. */
#include <string.h>

#include <arf.h>

#include "nessgen/emit.h"

/* The arguments' names: the free names, with a trailing _ where a name is a
 * C keyword or one of the emitted functions' own identifiers. */
static void put_param_name(FILE *out, const char *name)
{
    static const char *const reserved[] = {
        "auto",     "break",  "case",     "char",   "const",    "continue", "default",
        "do",       "double", "else",     "enum",   "extern",   "float",    "for",
        "goto",     "if",     "inline",   "int",    "long",     "register", "restrict",
        "return",   "short",  "signed",   "sizeof", "static",   "struct",   "switch",
        "typedef",  "union",  "unsigned", "void",   "volatile", "while",    "res",
        "err",      "prec",   "x",        "slong",  "arb_t",    "bool",     "true",
        "false",    "NULL",   "INFINITY", "NAN",    NULL};
    fputs(name, out);
    for (int i = 0; reserved[i] != NULL; i++)
        if (strcmp(name, reserved[i]) == 0 || strncmp(name, "_", 1) == 0) {
            fputc('_', out);
            break;
        }
}

void ng_emit_c_prelude(FILE *out)
{
    fputs(
        "#include <float.h>\n"
        "#include <math.h>\n"
        "\n"
        "#include <arb.h>\n"
        "\n"
        "#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0\n"
        "#error \"the double versions' error bounds assume binary64 evaluation "
        "(FLT_EVAL_METHOD 0)\"\n"
        "#endif\n"
        "\n"
        "/* p at x: coefficient (i_0, ..., i_{k-1}) at index\n"
        " * ((i_0 (d_1 + 1) + i_1)(d_2 + 1) + ...), a null string for 0; Horner's\n"
        " * rule in x_0 outermost. */\n"
        "static inline void ng_horner_arb(arb_t res, const char *const *c, const int *d,\n"
        "                                 int k, arb_srcptr const *x, slong prec)\n"
        "{\n"
        "    long block = 1;\n"
        "    arb_t t;\n"
        "    if (k == 0) {\n"
        "        fmpz_t z;\n"
        "        fmpz_init(z);\n"
        "        if (c[0] != 0)\n"
        "            fmpz_set_str(z, c[0], 10);\n"
        "        arb_set_fmpz(res, z);\n"
        "        fmpz_clear(z);\n"
        "        return;\n"
        "    }\n"
        "    for (int v = 1; v < k; v++)\n"
        "        block *= d[v] + 1;\n"
        "    arb_init(t);\n"
        "    arb_zero(res);\n"
        "    for (int i = d[0]; i >= 0; i--) {\n"
        "        arb_mul(res, res, x[0], prec);\n"
        "        ng_horner_arb(t, c + i * block, d + 1, k - 1, x + 1, prec);\n"
        "        arb_add(res, res, t, prec);\n"
        "    }\n"
        "    arb_clear(t);\n"
        "}\n"
        "\n"
        ,
        out);
    fputs(
        "/* res = N(x)/D(x), certified; 0 if the ball of D contains 0. */\n"
        "static inline int ng_ratfun_arb(arb_t res, const char *const *num, const int "
        "*dnum,\n"
        "                                const char *const *den, const int *dden, int k,\n"
        "                                arb_srcptr const *x, slong prec)\n"
        "{\n"
        "    arb_t n, d;\n"
        "    int ok;\n"
        "    arb_init(n);\n"
        "    arb_init(d);\n"
        "    ng_horner_arb(n, num, dnum, k, x, prec);\n"
        "    ng_horner_arb(d, den, dden, k, x, prec);\n"
        "    arb_div(res, n, d, prec);\n"
        "    ok = arb_is_finite(res);\n"
        "    arb_clear(n);\n"
        "    arb_clear(d);\n"
        "    return ok;\n"
        "}\n"
        "\n"
        ,
        out);
    fputs(
        "/* p at x in doubles by the same Horner scheme; *abs = the same scheme on\n"
        " * |c| and |x| (all terms nonnegative). */\n"
        "static inline double ng_horner_d(double *abs, const double *c, const int *d, int "
        "k,\n"
        "                                 const double *x)\n"
        "{\n"
        "    long block = 1;\n"
        "    double y = 0, a = 0, ax;\n"
        "    if (k == 0) {\n"
        "        *abs = fabs(c[0]);\n"
        "        return c[0];\n"
        "    }\n"
        "    for (int v = 1; v < k; v++)\n"
        "        block *= d[v] + 1;\n"
        "    ax = fabs(x[0]);\n"
        "    for (int i = d[0]; i >= 0; i--) {\n"
        "        double ai, yi = ng_horner_d(&ai, c + i * block, d + 1, k - 1, x + 1);\n"
        "        y = y * x[0] + yi;\n"
        "        a = a * ax + ai;\n"
        "    }\n"
        "    *abs = a;\n"
        "    return y;\n"
        "}\n"
        "\n"
        ,
        out);
    fputs(
        "/* A bound on |p^ - p| (see the header of this file): gamma_{2D+1} for the\n"
        " * Horner steps and the coefficients' rounding, over 1 - gamma_{2D} for the\n"
        " * computed sum of moduli, is below 1.001 (2D + 2) u when (2D + 2) u < 1e-6\n"
        " * (D < 4e9); a subnormal result errs by at most 2^-1075 (2 operations per\n"
        " * entry of the degree box, in p^ and in the sum of moduli), amplified by at\n"
        " * most F = prod max(1, |x_v|)^d_v. */\n"
        "static inline double ng_horner_bound(double abs, const int *d, int k, const double "
        "*x)\n"
        "{\n"
        "    double D = 0, size = 1, F = 1;\n"
        "    for (int v = 0; v < k; v++) {\n"
        "        double ax = fabs(x[v]) > 1 ? fabs(x[v]) : 1;\n"
        "        D += d[v];\n"
        "        size *= d[v] + 1;\n"
        "        for (int i = 0; i < d[v]; i++)\n"
        "            F *= ax;\n"
        "    }\n"
        "    return 1.001 * (2 * D + 2) * 0x1p-53 * abs + F * (4 * size) * 0x1p-1074;\n"
        "}\n"
        "\n"
        ,
        out);
    fputs(
        "/* N(x)/D(x) in doubles; *err bounds |value - N(x)/D(x)| for the exact\n"
        " * arguments, INFINITY where it cannot be bounded.  With e_N, e_D the bounds\n"
        " * on N and D and q = fl(N^/D^): |N^/D^ - N/D| <= (e_N + |N^/D^| e_D)/(|D^| -\n"
        " * e_D), |N^/D^| <= |q| (1 + 2u), |q - N^/D^| <= 2u |q|; the factor 1 + 2^-48\n"
        " * covers the rounding of these few operations, 2^-160 their subnormal\n"
        " * steps once |D^| - e_D >= 2^-900 (below that: not bounded). */\n"
        "static inline double ng_ratfun_d(double *err, const double *num, const int *dnum,\n"
        "                                 const double *den, const int *dden, int k,\n"
        "                                 const double *x)\n"
        "{\n"
        "    double an, ad, n = ng_horner_d(&an, num, dnum, k, x);\n"
        "    double d = ng_horner_d(&ad, den, dden, k, x);\n"
        "    double en = ng_horner_bound(an, dnum, k, x), ed = ng_horner_bound(ad, dden, k, "
        "x);\n"
        "    double q = n / d, aq = fabs(q), gap = fabs(d) - ed, e;\n"
        "    if (!(gap >= 0x1p-900) || !isfinite(q) || !isfinite(en) || !isfinite(ed)) {\n"
        "        *err = INFINITY;\n"
        "        return q;\n"
        "    }\n"
        "    e = (en + aq * (1 + 0x1p-52) * ed) / gap + 0x1p-52 * aq;\n"
        "    e = e * (1 + 0x1p-48) + 0x1p-160;\n"
        "    *err = isfinite(e) ? e : INFINITY;\n"
        "    return q;\n"
        "}\n",
        out);
}

/* A polynomial's dense coefficient box. */
typedef struct {
    slong nvars, len, size;
    fmpz *c;
    ulong *e;
    int *deg;
} dense_t;

static void dense_init(dense_t *P, ng_srcptr x, int den, const ng_ring_t R)
{
    P->nvars = R->nvars;
    P->len = ng_elem_get_terms(&P->c, &P->e, x, den, R);
    P->deg = flint_calloc(P->nvars, sizeof(int));
    for (slong k = 0; k < P->len; k++)
        for (slong v = 0; v < P->nvars; v++)
            P->deg[v] = FLINT_MAX(P->deg[v], (int)P->e[k * P->nvars + v]);
    P->size = 1;
    for (slong v = 0; v < P->nvars; v++)
        P->size *= P->deg[v] + 1;
}

static void dense_clear(dense_t *P)
{
    _fmpz_vec_clear(P->c, P->len);
    flint_free(P->e);
    flint_free(P->deg);
}

/* Index of term k in the box. */
static slong dense_index(const dense_t *P, slong k)
{
    slong i = 0;
    for (slong v = 0; v < P->nvars; v++)
        i = i * (P->deg[v] + 1) + (slong)P->e[k * P->nvars + v];
    return i;
}

static void put_degrees(FILE *out, const char *name, const char *what, const dense_t *P)
{
    fprintf(out, "static const int %s_%s_deg[] = {", name, what);
    for (slong v = 0; v < P->nvars; v++)
        fprintf(out, "%s%d", v ? ", " : "", P->deg[v]);
    fprintf(out, "};\n");
}

/* The coefficients as decimal strings (null for 0), dense. */
static void put_strings(FILE *out, const char *name, const char *what, const dense_t *P)
{
    slong *at = flint_malloc(P->size * sizeof(slong));
    for (slong i = 0; i < P->size; i++)
        at[i] = -1;
    for (slong k = 0; k < P->len; k++)
        at[dense_index(P, k)] = k;
    fprintf(out, "static const char *const %s_%s[] = {\n", name, what);
    for (slong i = 0; i < P->size; i++) {
        if (at[i] < 0) {
            fputs("    0,\n", out);
        } else {
            char *s = fmpz_get_str(NULL, 10, P->c + at[i]);
            fprintf(out, "    \"%s\",\n", s);
            flint_free(s);
        }
    }
    fprintf(out, "};\n");
    flint_free(at);
}

/* The coefficients times 2^−shift, rounded to the nearest double, as exact
 * hexadecimal literals; 0 (nothing written) if one would be subnormal. */
static int put_doubles(FILE *out, const char *name, const char *what, const dense_t *P,
                       slong shift)
{
    double *d = flint_calloc(P->size, sizeof(double));
    arf_t a;
    int ok = 1;
    arf_init(a);
    for (slong k = 0; k < P->len && ok; k++) {
        if ((slong)fmpz_bits(P->c + k) - shift < -1020) {
            ok = 0;
            break;
        }
        arf_set_fmpz(a, P->c + k);
        arf_mul_2exp_si(a, a, -shift);
        d[dense_index(P, k)] = arf_get_d(a, ARF_RND_NEAR);
    }
    if (ok) {
        fprintf(out, "static const double %s_%s_d[] = {\n", name, what);
        for (slong i = 0; i < P->size; i++)
            fprintf(out, "    %a,\n", d[i]);
        fprintf(out, "};\n");
    }
    arf_clear(a);
    flint_free(d);
    return ok;
}

static void put_params(FILE *out, const char *type, const ng_ring_t R)
{
    for (slong v = 0; v < R->nvars; v++) {
        fprintf(out, ", %s", type);
        put_param_name(out, R->names[v]);
    }
}

static void put_args_array(FILE *out, const char *type, const ng_ring_t R)
{
    fprintf(out, "    %s x[] = {", type);
    for (slong v = 0; v < R->nvars; v++) {
        fputs(v ? ", " : "", out);
        put_param_name(out, R->names[v]);
    }
    fprintf(out, "};\n");
}

int ng_emit_c_function(FILE *out, const char *name, ng_srcptr x, const ng_ring_t R)
{
    dense_t n, d;
    slong bits = 0, shift;
    int have_double;
    dense_init(&n, x, 0, R);
    dense_init(&d, x, 1, R);
    for (slong k = 0; k < n.len; k++)
        bits = FLINT_MAX(bits, (slong)fmpz_bits(n.c + k));
    for (slong k = 0; k < d.len; k++)
        bits = FLINT_MAX(bits, (slong)fmpz_bits(d.c + k));
    shift = FLINT_MAX(bits - 1000, 0); /* the largest coefficient below 2^1000 */
    fprintf(out, "\n/* %s = N/D, N and D in Z[", name);
    for (slong v = 0; v < R->nvars; v++)
        fprintf(out, "%s%s", v ? ", " : "", R->names[v]);
    fprintf(out, "]: %ld and %ld terms, coefficients up to %ld bits. */\n", (long)n.len,
            (long)d.len, (long)bits);
    put_degrees(out, name, "num", &n);
    put_degrees(out, name, "den", &d);
    put_strings(out, name, "num", &n);
    put_strings(out, name, "den", &d);
    have_double = put_doubles(out, name, "num", &n, shift) &&
                  put_doubles(out, name, "den", &d, shift);

    for (int def = 0; def < 2; def++) { /* a prototype, then the definition */
        fprintf(out, "\nint %s_arb(arb_t res", name);
        put_params(out, "const arb_t ", R);
        fprintf(out, ", slong prec)%s", def ? "\n{\n" : ";");
    }
    put_args_array(out, "arb_srcptr", R);
    fprintf(out,
            "    return ng_ratfun_arb(res, %s_num, %s_num_deg, %s_den, %s_den_deg, %ld, x, "
            "prec);\n}\n",
            name, name, name, name, (long)R->nvars);
    if (have_double) {
        if (shift > 0)
            fprintf(out,
                    "\n/* The double coefficients are N and D times 2^-%ld (the same "
                    "factor: N/D is unchanged). */\n",
                    (long)shift);
        for (int def = 0; def < 2; def++) {
            fprintf(out, "%sdouble %s_d(double *err", def ? "\n" : "", name);
            put_params(out, "double ", R);
            fprintf(out, ")%s", def ? "\n{\n" : ";");
        }
        put_args_array(out, "const double", R);
        fprintf(out,
                "    return ng_ratfun_d(err, %s_num_d, %s_num_deg, %s_den_d, %s_den_deg, "
                "%ld, x);\n}\n",
                name, name, name, name, (long)R->nvars);
    } else {
        fprintf(out,
                "/* No double version of %s: its coefficients span more than 2000 binary "
                "orders, so no common power-of-two scaling fits them all in normal "
                "doubles, and the error bound above would not hold. */\n",
                name);
    }
    dense_clear(&n);
    dense_clear(&d);
    return have_double;
}
