/* A model built in code, solved exactly: an XXZ chain whose baths couple
 * through a tilted X = (4/5)σ^x + (3/5)σ^z (examples/xxz_boundary_fields.json,
 * here as a string), every number rational, so ρ0 and both sides of Eq. 150
 * come out as exact fractions.
 *
 *   cc model_in_code.c $(pkg-config --cflags --libs nessgen) -o model_in_code
 *   ./model_in_code [N]      (default 3) */
#include <stdio.h>

#include <nessgen/nessgen.h>

static const char model[] =
    "{\"N\": 3, \"h\": 1, \"alpha\": {\"xx\": 1, \"yy\": 1, \"zz\": \"1/2\"},"
    " \"baths\": {"
    "  \"L\": {\"X\": {\"x\": \"4/5\", \"z\": \"3/5\"}, \"Ybar\": \"-1/2\", \"c\": 1, \"d\": 1,"
    "         \"t\": \"1/2\"},"
    "  \"R\": {\"X\": {\"x\": \"4/5\", \"z\": \"3/5\"}, \"Ybar\": \"1/2\", \"c\": 1, \"d\": 1,"
    "         \"t\": \"1/4\"}}}";

static void print_value(const char *name, ng_srcptr x, const ng_ring_t R)
{
    char *s = ng_elem_get_str(x, 15, R);
    printf("%s = %s\n", name, s);
    flint_free(s);
}

int main(int argc, char **argv)
{
    ng_model_spec *spec = ng_model_spec_new();
    ng_model_t M;
    ng_engine_opts opts;
    ng_engine_rho0_t rho0;
    ng_ptr lhs, rhs;
    char name[16];
    int status = 0;

    if (ng_model_spec_read_json(spec, model, "model") != NG_OK ||
        (argc > 1 && ng_model_spec_set(spec, "N", argv[1]) != NG_OK) ||
        ng_model_resolve(M, spec, 128) != NG_OK) {
        fprintf(stderr, "model_in_code: %s\n", ng_error_message());
        ng_model_spec_free(spec);
        return 2;
    }
    ng_model_spec_free(spec);
    ng_engine_opts_init(&opts);
    if (ng_engine_rho0(rho0, M, &opts) != NG_OK) {
        fprintf(stderr, "model_in_code: %s\n", ng_error_message());
        status = 1;
    } else {
        printf("rho0 is %s\n", rho0->exact ? "exact" : "certified balls");
        for (int l = 0; l < M->N; l++) {
            snprintf(name, sizeof name, "t_%d", l + 1);
            print_value(name, ng_vec_srcentry(rho0->obs->t, l, rho0->R), rho0->R);
        }
        lhs = ng_elem_new(rho0->R);
        rhs = ng_elem_new(rho0->R);
        if (ng_engine_eq150(lhs, rhs, rho0->obs, M, rho0->R)) {
            print_value("Eq. 150 lhs", lhs, rho0->R); /* t_N - t_1 */
            print_value("Eq. 150 rhs", rhs, rho0->R);
        }
        ng_elem_free(lhs, rho0->R);
        ng_elem_free(rhs, rho0->R);
    }
    ng_engine_rho0_clear(rho0);
    ng_model_clear(M);
    return status;
}
