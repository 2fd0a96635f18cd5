/* Closed forms of rho0 as code (results.h): a Python module over
 * fractions.Fraction, and C functions over Arb balls and doubles
 * (nessgen/emit.h), one per observable, named as in the JSON. */
#include <stdio.h>

#include "nessgen/nessgen.h"

/* x as a Python expression over fractions.Fraction: integers become
 * _F(n) (so that / is exact), ^ becomes ** (exponents stay plain ints). */
static void put_python_expr(FILE *out, ng_srcptr x, const ng_ring_t R)
{
    char *s = ng_elem_get_str(x, 0, R);
    int after_pow = 0;
    for (const char *c = s; *c != '\0';) {
        if (*c == '^') {
            fputs("**", out);
            after_pow = 1;
            c++;
        } else if (*c >= '0' && *c <= '9' &&
                   (c == s || !(c[-1] == '_' || (c[-1] >= 'a' && c[-1] <= 'z') ||
                                (c[-1] >= 'A' && c[-1] <= 'Z')))) {
            const char *e = c;
            while (*e >= '0' && *e <= '9')
                e++;
            fprintf(out, after_pow ? "%.*s" : "_F(%.*s)", (int)(e - c), c);
            after_pow = 0;
            c = e;
        } else {
            if (*c != ' ')
                after_pow = 0;
            fputc(*c++, out);
        }
    }
    flint_free(s);
}

static void put_python_function(FILE *out, const char *name, ng_srcptr x,
                                const ng_ring_t R, void *data)
{
    (void)data;
    fprintf(out, "\n\ndef %s(", name);
    for (slong v = 0; v < R->nvars; v++)
        fprintf(out, "%s%s", v ? ", " : "", R->names[v]);
    fprintf(out, "):\n    return ");
    put_python_expr(out, x, R);
    fprintf(out, "\n");
}

typedef void (*put_function)(FILE *out, const char *name, ng_srcptr x, const ng_ring_t R,
                             void *data);

/* Every closed form with the name the emitted code gives it (as in the JSON):
 * trace, t_1 … t_N, rhoA_l_m, rhoB_l_m, zA_l, Az_l, K. */
static void put_each_function(FILE *out, const char *prefix, put_function put, void *data,
                              const ng_model_t M, const ng_rho0_closed_result_t r)
{
    const ng_ring_struct *R = M->R;
    const ng_engine_obs_struct *O = r->C->obs;
    char name[96];
    snprintf(name, sizeof name, "%strace", prefix);
    put(out, name, O->trace, R, data);
    for (int l = 0; l < M->N; l++) {
        snprintf(name, sizeof name, "%st_%d", prefix, l + 1);
        put(out, name, ng_vec_entry(O->t, l, R), R, data);
    }
    for (int l = 0; l + 1 < M->N; l++) {
        snprintf(name, sizeof name, "%srhoA_%d_%d", prefix, l + 1, l + 2);
        put(out, name, ng_vec_entry(O->rho_a, l, R), R, data);
        snprintf(name, sizeof name, "%srhoB_%d_%d", prefix, l + 1, l + 2);
        put(out, name, ng_vec_entry(O->rho_b, l, R), R, data);
    }
    for (int l = 0; l + 2 < M->N; l++) {
        snprintf(name, sizeof name, "%szA_%d", prefix, l + 2);
        put(out, name, ng_vec_entry(O->z_a, l, R), R, data);
        snprintf(name, sizeof name, "%sAz_%d", prefix, l + 2);
        put(out, name, ng_vec_entry(O->a_z, l, R), R, data);
    }
    if (r->have_K) {
        snprintf(name, sizeof name, "%sK", prefix);
        put(out, name, r->K, R, data);
    }
}

/* A Python module (standard library only) with one exact function per
 * observable, named as in the JSON, and a provenance header. */
void ng_rho0_closed_write_python(FILE *out, const ng_rho0_closed_result_t r,
                                 const ng_model_t M, const char *command_line)
{
    const ng_ring_struct *R = M->R;
    ng_report_provenance(out, NG_REPORT_COMMENT_HASH, command_line);
    fprintf(
        out,
        "# Closed forms of rho0 for N = %d spins: exact rational functions of the free "
        "names,\n# reconstructed (functional reconstruction) from %ld evaluations of the "
        "exact commutant\n# route at rational points and checked at fresh points.  "
        "Generic structure: %s levels,\n# dim Im P1 = %ld; valid away from the parameter "
        "points where it changes.\n",
        M->N, (long)r->C->evaluations, r->C->degenerate ? "degenerate" : "simple",
        (long)r->C->dim_p1);
    if (ng_ring_param_index(R, "u_theta") >= 0)
        fprintf(out, "# u_theta = tan(theta/2).\n");
    fprintf(out,
            "# Arguments: fractions.Fraction (or int) give exact Fraction values; "
            "floats give floats\n# with no error bound (cancellation near poles).\n");
    fprintf(out, "from fractions import Fraction as _F\n\nN = %d\nVARIABLES = (", M->N);
    for (slong v = 0; v < R->nvars; v++)
        fprintf(out, "\"%s\", ", R->names[v]);
    fprintf(out, ")\n");
    put_each_function(out, "", put_python_function, NULL, M, r);
}

static void put_c_function(FILE *out, const char *name, ng_srcptr x, const ng_ring_t R,
                           void *data)
{
    slong *without_double = data;
    if (!ng_emit_c_function(out, name, x, R))
        (*without_double)++;
}

/* C functions (Arb balls, and doubles with an error bound) per observable,
 * named rho0_N<N>_<name as in the Python module>, with a provenance header. */
slong ng_rho0_closed_write_c(FILE *out, const ng_rho0_closed_result_t r, const ng_model_t M,
                             const char *command_line)
{
    const ng_ring_struct *R = M->R;
    char prefix[32];
    slong without_double = 0;
    snprintf(prefix, sizeof prefix, "rho0_N%d_", M->N);
    fprintf(out, "/* Generated by nessgen %s -- do not edit.\n", NESSGEN_VERSION);
    fprintf(out, " * Regenerate with: %s\n", command_line);
    fprintf(out,
            " *\n * Closed forms of rho0 for N = %d spins: exact rational functions of "
            "the free names\n * (",
            M->N);
    for (slong v = 0; v < R->nvars; v++)
        fprintf(out, "%s%s", v ? ", " : "", R->names[v]);
    fprintf(out,
            "%s), reconstructed by functional\n * reconstruction from %ld evaluations of "
            "the exact commutant route at rational\n * points and checked at fresh "
            "points.  Generic structure: %s levels, dim Im P1 =\n * %ld; valid away from "
            "the parameter points where it changes.\n *\n",
            ng_ring_param_index(R, "u_theta") >= 0 ? "; u_theta = tan(theta/2)" : "",
            (long)r->C->evaluations, r->C->degenerate ? "degenerate" : "simple",
            (long)r->C->dim_p1);
    fprintf(out,
            " * Per observable NAME = %s<observable> (trace, t_l, rhoA_l_m, rhoB_l_m, "
            "zA_l, Az_l, K):\n"
            " *   int NAME_arb(arb_t res, const arb_t <names>, slong prec): the exact "
            "N/D by Horner's\n"
            " *     rule in Arb balls; res contains the true value for every point of "
            "the argument\n"
            " *     balls; returns 0 (res not finite) where the ball of D contains 0.\n"
            " *   double NAME_d(double *err, double <names>): the same in IEEE doubles "
            "(round to\n"
            " *     nearest); *err is a rigorous bound on |value - exact value at the "
            "double\n"
            " *     arguments| (nested Horner: |p^ - p| <= gamma_{2D+1} sum |c||x|^t, "
            "Higham Eq. 5.3,\n"
            " *     evaluated alongside), INFINITY where it cannot be bounded (near a "
            "zero of D,\n"
            " *     overflow).\n"
            " * Compile against Arb (Debian: cc -c FILE.c, link -lflint-arb -lflint "
            "-lgmp -lm).\n */\n",
            prefix);
    ng_emit_c_prelude(out);
    put_each_function(out, prefix, put_c_function, &without_double, M, r);
    return without_double;
}

