/* Internal to src/model: the spec's storage, the parameter keys, and the
 * helpers the resolver, the reader and the JSON writer share. */
#ifndef NESSGEN_MODEL_INTERNAL_H
#define NESSGEN_MODEL_INTERNAL_H

#include "nessgen/model.h"

/* One given parameter: its key ("theta", "alpha_xy", "XL_z"), the parsed
 * expression and a label for messages ("--theta", "m.json: baths.L.c"). */
typedef struct {
    char *key;
    char *label;
    ng_expr *expr;
    int from_file; /* read from a model file (not an option) */
} _ng_spec_entry;

typedef enum {
    _NG_MODE_NONE = 0, /* nothing chosen yet */
    _NG_MODE_PRESET,
    _NG_MODE_FILE /* an explicit model: α, X_ν, Ȳ_ν and the bath data given */
} _ng_spec_mode;

struct ng_model_spec_struct {
    _ng_spec_mode mode;
    char *preset; /* for _NG_MODE_PRESET */
    char *source; /* for _NG_MODE_FILE: the file name, for messages */
    int N;        /* 0 when not given */
    slong length, alloc;
    _ng_spec_entry *entries;
    int symbolic_defaults; /* parameters not given become free names */
    int hold_reals;        /* given numbers no exact ring holds become free names */
    slong nextra;          /* further free names the ring must hold */
    char **extra;
};

/* The preset names, NULL-terminated. */
extern const char *const _ng_model_presets[];

/* Is key a parameter at all / of this mode and preset (preset NULL: a model
 * file)?  The list of valid keys is written to buf for messages. */
int _ng_model_key_known(const char *key);
int _ng_model_key_valid(const char *key, const char *preset);
void _ng_model_keys_list(char *buf, size_t size, const char *preset);

/* Sets key to a parsed expression (taking ownership), with the label used in
 * later messages; handles the "last one wins" rules (T vs t, c vs cL/cR). */
void _ng_model_spec_put(ng_model_spec *spec, const char *key, ng_expr *e,
                        const char *label);
/* Parses and stores a value; N is an integer, everything else an expression. */
ng_status _ng_model_spec_set_labelled(ng_model_spec *spec, const char *key,
                                      const char *value, const char *label);
const _ng_spec_entry *_ng_model_spec_find(const ng_model_spec *spec, const char *key);
ng_model_spec *_ng_model_spec_copy(const ng_model_spec *spec);

/* Sign of a closed or symbolic expression, decided exactly where it is
 * rational, with balls of increasing precision where it is irrational.
 * *decided = 0 for a non-constant symbolic expression (no sign). */
ng_status _ng_model_expr_sign(int *sign, int *decided, const ng_expr *e, slong prec,
                              const ng_ring_t R);

/* Copies s with flint_malloc. */
char *_ng_model_strdup(const char *s);

/* Points h, alpha, … of M at their entries of M->values. */
void _ng_model_point_fields(ng_model_t M);

/* Quantity layout inside ng_model_struct.values. */
enum {
    _NG_Q_H = 0,
    _NG_Q_ALPHA = 1, /* 9 */
    _NG_Q_X = 10,    /* 2 × 3 */
    _NG_Q_C = 16,    /* 2 */
    _NG_Q_D = 18,    /* 2 */
    _NG_Q_T = 20,    /* 2 */
    _NG_Q_YBAR = 22, /* 2 */
    _NG_NQUANTITIES = 24
};

/* What the presets build: every quantity as an expression, where it came
 * from, and the inputs that are not quantities themselves (theta, T_ν, …). */
#define _NG_MAX_INPUTS 8
#define _NG_MAX_OWNED 64
typedef struct {
    ng_expr *q[_NG_NQUANTITIES];
    const char *label[_NG_NQUANTITIES];  /* the input behind it, for messages */
    const char *source[_NG_NQUANTITIES]; /* "given", "default" or "derived" */
    int alpha_both_given[9];             /* α_jk and α_kj given separately */
    slong ninputs;
    const char *input_names[_NG_MAX_INPUTS];
    ng_expr *inputs[_NG_MAX_INPUTS];
    const char *input_labels[_NG_MAX_INPUTS];
    const char *input_sources[_NG_MAX_INPUTS];
    char *owned[_NG_MAX_OWNED]; /* labels made up for defaults */
    int nowned;
    slong nwarnings; /* flint_malloc'd messages, moved into the model */
    char **warnings;
} _ng_model_build;

/* Builds the quantities of spec's preset or model file; prec is where the
 * ball checks start (T > 0).  b must be zeroed; clear it in every case. */
ng_status _ng_model_build_quantities(_ng_model_build *b, const ng_model_spec *spec,
                                     slong prec);
void _ng_model_build_clear(_ng_model_build *b);
/* The display name of quantity i: "h", "alpha_xy", "XL_z", "cR", "YbarL". */
const char *_ng_model_quantity_name(int i);
/* Prefixes the current error message with label and returns st. */
ng_status _ng_model_relabel(ng_status st, const char *label);

#endif
