/* The nessgen command line: options shared by the subcommands, output that is
 * written whole or not at all, and the subcommand table. */
#ifndef NESSGEN_CLI_H
#define NESSGEN_CLI_H

#include <stdio.h>

#include "nessgen/nessgen.h"

/* Exit statuses (DESIGN §4). */
enum { CLI_OK = 0, CLI_ECOMPUTE = 1, CLI_EUSAGE = 2 };

/* The options a command accepts, beyond --help and --format (every command):
 * a bit set in cli_command.options.  An option a command does not list is
 * refused (exit 2) rather than ignored.  To add one: a bit here, a row in
 * the option table of cli_options.c, a field in cli_t, and the bit in the
 * commands that honour it. */
enum {
    CLI_OPT_OUTPUT = 1u << 0, /* -o, --output FILE */
    CLI_OPT_N = 1u << 1,      /* --N n (a model option for commands with a model) */
    CLI_OPT_DIGITS = 1u << 2, /* --digits d: for commands that certify digits */
    CLI_OPT_MODEL = 1u << 3,  /* --preset, --model, --prec and the parameters */
    CLI_OPT_LAMBDA = 1u << 4, /* --lambda x[,x...] */
    CLI_OPT_ORDER = 1u << 5,  /* --order m */
    CLI_OPT_OUT = 1u << 6,    /* --out DIR */
    CLI_OPT_INPUT = 1u << 7,  /* --input FILE */
    CLI_OPT_OBSERVABLE = 1u << 8, /* --observable EXPR, repeatable */
    CLI_OPT_STANDALONE = 1u << 9, /* --standalone: LaTeX as a whole document, not a fragment */
    CLI_OPT_MAX_CPU = 1u << 10    /* --max-cpu S: closed forms' CPU limit */
};

typedef struct {
    const char *command;   /* e.g. "kernel", "table" */
    char *command_line;    /* the invocation, for generated-file headers */
    char *option_words;    /* the options as typed (shell words), without the command and
                              the other arguments: "--N 3 --out figs" */
    ng_format format;
    const char *output;    /* -o FILE, or NULL for stdout */
    slong digits;          /* digits printed for balls */
    slong prec;            /* starting ball precision in bits */
    int N;                 /* --N, or 0 if not given */
    int have_model;        /* --preset or --model given */
    ng_model_spec *spec;   /* the preset or model file, then the options in order */
    const char *lambda;    /* --lambda x (only commands whose usage names it), or NULL */
    int order;             /* --order m (only commands whose usage names it), or -1 */
    const char *out_dir;   /* --out DIR (only commands whose usage names it), or NULL */
    const char *input;     /* --input FILE (likewise), or NULL */
    const char **observables; /* --observable EXPR, repeatable, in order given */
    int nobservables;
    int standalone;        /* --standalone (LaTeX: a document, else a fragment to \input) */
    double max_cpu;        /* --max-cpu S (rho0 closed forms), or 0 if not given */
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
    unsigned formats;        /* bit set of ng_format values it can write */
    int (*run)(cli_t *cli);
    unsigned options;        /* CLI_OPT_* it accepts */
    int max_positional;      /* words after the command it accepts (-1: any number) */
} cli_command;

extern const cli_command cli_commands[];
extern const char cli_model_help[];

/* Dispatches argv[1] to its command; returns the exit status (nessgen.c). */
int cli_main(int argc, char **argv);

/* Parses argv for cmd; prints the message and returns CLI_EUSAGE on error,
 * or CLI_OK (-1 when --help was printed). */
int cli_parse(cli_t *cli, const cli_command *cmd, int argc, char **argv);
void cli_clear(cli_t *cli);
/* The library's message (ng_error_message) after "nessgen COMMAND: " on
 * stderr; a leading "COMMAND: " of the message itself is not repeated. */
void cli_print_error(const cli_t *cli);
/* Reports a library error and maps its status to an exit code. */
int cli_fail(const cli_t *cli, ng_status status);
/* Writes the buffered output to stdout or to -o FILE (README, "Exit status"):
 * a regular file is replaced whole (temporary file beside it, then rename,
 * keeping its mode); a file with several hard links is rewritten in place;
 * devices and pipes are written through; symbolic links are followed. */
int cli_finish(cli_t *cli);
/* Checks -o before any computation: exit 2 with the reason for an empty
 * name, a directory, or a folder that does not exist or cannot be written. */
int cli_check_output(const cli_t *cli);
/* Writes len bytes to path by the rules of cli_finish; on failure prints a
 * message naming `what` (e.g. "-o out.json") and the system's reason and
 * returns CLI_EUSAGE (the target cannot be written at all) or CLI_ECOMPUTE
 * (writing failed part way, e.g. a full disk). */
int cli_write_file(const char *command, const char *what, const char *path, const char *buf,
                   size_t len);
/* The argument as one shell word that retypes it: quoted where needed,
 * control characters (a newline) as $'\n', so a command line echoed into
 * a comment stays on one line.  flint_malloc'd. */
char *cli_shell_quote(const char *arg);
/* The options of a library emitter (emit.h): format, digits, standalone,
 * command and its line. */
ng_emit_opts cli_emit_opts(const cli_t *cli);
/* A report (report.h) with this invocation's envelope: command, command
 * line, the model's JSON (M may be NULL), --digits. */
void cli_report_init(ng_report_t rep, const cli_t *cli, const ng_model_t M);
/* Writes rep to the command's output in --format (text, json, latex with
 * --standalone, csv); returns CLI_OK (the output is buffered: cli_finish). */
int cli_report_write(cli_t *cli, const ng_report_t rep);
/* ng_json_document plus "command_line", the invocation that regenerates it. */
json_t *cli_json_document(const cli_t *cli, const ng_model_t M);
/* Memory a command may plan to use: three quarters of this machine's RAM. */
double cli_memory_budget(void);
/* Resolves the model options into M: the preset def_preset unless --preset
 * or --model was given (NULL: none); N from --N, else from the model file,
 * else def_N.  Warnings of the model (a file value that depends on an
 * overridden one) go to stderr. */
int cli_resolve_model(cli_t *cli, ng_model_t M, const char *def_preset, int def_N);
/* The N a command should use: --N, else the model file's, else def_N. */
int cli_model_N(const cli_t *cli, int def_N);

int cmd_kernel(cli_t *cli);
int cmd_table(cli_t *cli);
int cmd_rho0(cli_t *cli);
/* rho0 for a model with free names: closed forms (gen/cmd_rho0_closed.c). */
int cmd_rho0_closed(cli_t *cli, ng_model_t M);
int cmd_ness(cli_t *cli);
/* One λ of --lambda as a ball, the expression exactly as typed (1e-8 is
 * 10^-8, not the double nearest to it); CLI_EUSAGE with a message (naming
 * the command) if it is not a real number (gen/cli_lambda.c). */
int cli_lambda_ball(const char *command, arb_t lam, const char *tok, slong prec);
/* --lambda x[,x…] as doubles > 0 (at most max values), each as
 * cli_lambda_ball reads it; CLI_EUSAGE with a message naming the item
 * (gen/cli_lambda.c). */
int cli_lambda_list(const cli_t *cli, double *lam, int *n, int max);
/* ness certified: balls for each λ of --lambda (gen/cmd_ness_certified.c). */
int cmd_ness_certified(cli_t *cli, const ng_model_t M, int nobservables);
int cmd_two_spin(cli_t *cli);
int cmd_hierarchy(cli_t *cli);
int cmd_check(cli_t *cli);
int cmd_verify(cli_t *cli);
int cmd_figure(cli_t *cli);
int cmd_series(cli_t *cli);

#endif
