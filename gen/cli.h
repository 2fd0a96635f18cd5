/* The nessgen command line: options shared by the subcommands, output that is
 * written whole or not at all, and the subcommand table. */
#ifndef NESSGEN_CLI_H
#define NESSGEN_CLI_H

#include <stdio.h>

#include "nessgen/nessgen.h"

/* Exit statuses (DESIGN §4). */
enum { CLI_OK = 0, CLI_ECOMPUTE = 1, CLI_EUSAGE = 2 };

typedef struct {
    const char *command;   /* e.g. "kernel", "table" */
    char *command_line;    /* the invocation, for generated-file headers */
    ng_format format;
    const char *output;    /* -o FILE, or NULL for stdout */
    slong digits;          /* digits printed for balls */
    slong prec;            /* starting ball precision in bits */
    int N;                 /* --N, or 0 if not given */
    int have_model;        /* --preset or --model given */
    ng_model_spec *spec;
    const char *lambda;    /* --lambda x (only commands whose usage names it), or NULL */
    int order;             /* --order m (only commands whose usage names it), or -1 */
    const char *out_dir;   /* --out DIR (only commands whose usage names it), or NULL */
    const char *input;     /* --input FILE (likewise), or NULL */
    char **positional;     /* arguments after the options */
    int npositional;
    FILE *out;             /* in-memory buffer, flushed by cli_finish */
    char *out_buf;
    size_t out_len;
} cli_t;

typedef struct {
    const char *name;
    const char *summary;
    const char *usage;       /* the command's --help text */
    int takes_model;         /* accepts the model options of DESIGN §4 */
    unsigned formats;        /* bit set of ng_format values it can write */
    int (*run)(cli_t *cli);
} cli_command;

extern const cli_command cli_commands[];
extern const char cli_model_help[];

/* Parses argv for cmd; prints the message and returns CLI_EUSAGE on error,
 * or CLI_OK (-1 when --help was printed). */
int cli_parse(cli_t *cli, const cli_command *cmd, int argc, char **argv);
void cli_clear(cli_t *cli);
/* Reports a library error (ng_error_message) and maps its status to an exit code. */
int cli_fail(const cli_t *cli, ng_status status);
/* Writes the buffered output to stdout or atomically to -o FILE. */
int cli_finish(cli_t *cli);
/* ng_json_document plus "command_line", the invocation that regenerates it. */
json_t *cli_json_document(const cli_t *cli, const ng_model_t M);
/* Memory a command may plan to use: three quarters of this machine's RAM. */
double cli_memory_budget(void);
/* Resolves the model options into M: the preset def_preset unless --preset
 * or --model was given (NULL: none), N = def_N unless --N was given. */
int cli_resolve_model(cli_t *cli, ng_model_t M, const char *def_preset, int def_N);

int cmd_kernel(cli_t *cli);
int cmd_table(cli_t *cli);
int cmd_rho0(cli_t *cli);
int cmd_ness(cli_t *cli);
int cmd_two_spin(cli_t *cli);
int cmd_hierarchy(cli_t *cli);
int cmd_check(cli_t *cli);
int cmd_verify(cli_t *cli);
int cmd_figure(cli_t *cli);
int cmd_series(cli_t *cli);

#endif
