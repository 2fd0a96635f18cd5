/* Option parsing shared by all subcommands (DESIGN §4). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char cli_model_help[] =
    "Model options:\n"
    "  --preset NAME     tilted-ising | xxz | xyz | generic\n"
    "  --model FILE      a model file (JSON; see README): its values, N included,\n"
    "                    are the model; the options below override them, wherever\n"
    "                    they stand on the command line\n"
    "  --N n             number of spins\n"
    "  --h x             field h (H0 = h sum_l sigma^z_l)\n"
    "  --theta x         tilt angle of the tilted Ising preset\n"
    "  --Delta x         anisotropy of the xxz preset\n"
    "  --Jx x --Jy x --Jz x   couplings of the xyz preset\n"
    "  --TL x --TR x     bath temperatures   (or --tL x --tR x: t = tanh(h/T))\n"
    "  --c x --d x       bath data c, d of both baths (or --cL --cR --dL --dR)\n"
    "  --prec bits       starting ball precision (raised automatically)\n"
    "Values are expressions: 3/2, 0.25, 1e-3, pi/4, sqrt(2)/2, tanh(2/3), or a\n"
    "free name such as theta, which makes the results symbolic.\n";

/* Options whose value is a model parameter expression: the spec key is the
 * option name itself. */
static const char *const model_keys[] = {"h",  "theta", "Delta", "Jx", "Jy", "Jz", "TL",
                                         "TR", "tL",    "tR",    "c",  "d",  "cL", "cR",
                                         "dL", "dR"};
#define NMODEL_KEYS ((int)(sizeof model_keys / sizeof model_keys[0]))

enum { OPT_FORMAT = 256, OPT_PRESET, OPT_MODEL, OPT_N, OPT_PREC, OPT_DIGITS, OPT_HELP,
       OPT_LAMBDA, OPT_ORDER, OPT_OUT, OPT_INPUT, OPT_OUTPUT, OPT_OBSERVABLE, OPT_STANDALONE,
       OPT_MAX_CPU, OPT_KEY0 };

/* Every option of every command; `needs` is the CLI_OPT_* bit a command must
 * list to accept it (0: all commands).  One row per option, so a new option
 * is one row, one bit and one field. */
static const struct {
    const char *name;
    int code;
    unsigned needs;
} option_table[] = {
    {"help", OPT_HELP, 0},
    {"format", OPT_FORMAT, 0},
    {"output", OPT_OUTPUT, CLI_OPT_OUTPUT},
    {"N", OPT_N, CLI_OPT_N},
    {"digits", OPT_DIGITS, CLI_OPT_DIGITS},
    {"out", OPT_OUT, CLI_OPT_OUT},
    {"input", OPT_INPUT, CLI_OPT_INPUT},
    {"observable", OPT_OBSERVABLE, CLI_OPT_OBSERVABLE},
    {"standalone", OPT_STANDALONE, CLI_OPT_STANDALONE},
    {"max-cpu", OPT_MAX_CPU, CLI_OPT_MAX_CPU},
    {"lambda", OPT_LAMBDA, CLI_OPT_LAMBDA},
    {"order", OPT_ORDER, CLI_OPT_ORDER},
    {"preset", OPT_PRESET, CLI_OPT_MODEL},
    {"model", OPT_MODEL, CLI_OPT_MODEL},
    {"prec", OPT_PREC, CLI_OPT_MODEL},
};
#define NOPTIONS ((int)(sizeof option_table / sizeof option_table[0]))
#define MAX_LONG_OPTIONS (NOPTIONS + NMODEL_KEYS + 1)

static int parse_int(long *v, const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    *v = strtol(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' && *v >= lo && *v <= hi;
}

/* Characters a shell passes through unquoted. */
static int shell_safe(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           strchr("-_./,:=+@%^", c) != NULL;
}

char *cli_shell_quote(const char *arg)
{
    size_t n = strlen(arg), k = 0;
    int plain = n > 0, control = 0;
    char *r = flint_malloc(4 * n + 8);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)arg[i];
        plain &= shell_safe(c);
        control |= c < 0x20 || c == 0x7f;
    }
    if (plain) {
        memcpy(r, arg, n + 1);
        return r;
    }
    if (control) { /* $'...': every control character as an escape */
        r[k++] = '$';
        r[k++] = '\'';
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)arg[i];
            if (c == '\'' || c == '\\') {
                r[k++] = '\\';
                r[k++] = (char)c;
            } else if (c < 0x20 || c == 0x7f) {
                k += (size_t)sprintf(r + k, "\\x%02x", c);
            } else {
                r[k++] = (char)c;
            }
        }
        r[k++] = '\'';
        r[k] = '\0';
        return r;
    }
    r[k++] = '\''; /* '...', each ' as '\'' */
    for (size_t i = 0; i < n; i++) {
        if (arg[i] == '\'') {
            memcpy(r + k, "'\\''", 4);
            k += 4;
        } else {
            r[k++] = arg[i];
        }
    }
    r[k++] = '\'';
    r[k] = '\0';
    return r;
}

/* prefix and the n words, each as one shell word, separated by spaces. */
static char *join_quoted(const char *prefix, int n, char **words)
{
    size_t len = strlen(prefix) + 1, k = strlen(prefix);
    char **q = flint_malloc(sizeof(char *) * (size_t)(n > 0 ? n : 1)), *line;
    for (int i = 0; i < n; i++) {
        q[i] = cli_shell_quote(words[i]);
        len += strlen(q[i]) + 1;
    }
    line = flint_malloc(len);
    memcpy(line, prefix, k);
    for (int i = 0; i < n; i++) {
        size_t m = strlen(q[i]);
        if (k > 0)
            line[k++] = ' ';
        memcpy(line + k, q[i], m);
        k += m;
        flint_free(q[i]);
    }
    line[k] = '\0';
    flint_free(q);
    return line;
}

static void record_command_line(cli_t *cli, int argc, char **argv)
{
    cli->command_line = join_quoted("nessgen", argc, argv);
}

/* After getopt has moved the options before the other words: argv[1 ..
 * optind - 1] are the options as typed (a final "--" left out). */
static void record_option_words(cli_t *cli, char **argv, int optind_end)
{
    int n = optind_end - 1;
    if (n > 0 && strcmp(argv[n], "--") == 0)
        n--;
    cli->option_words = join_quoted("", n > 0 ? n : 0, argv + 1);
}

static int usage_error(const cli_t *cli, const char *msg, const char *arg)
{
    fprintf(stderr, "nessgen %s: %s%s%s\nTry 'nessgen %s --help'.\n", cli->command, msg,
            arg ? " " : "", arg ? arg : "", cli->command);
    return CLI_EUSAGE;
}

static int spec_error(const cli_t *cli)
{
    cli_print_error(cli);
    return CLI_EUSAGE;
}

/* The long options cmd accepts. */
static int build_options(struct option *opts, const cli_command *cmd)
{
    int n = 0;
    for (int i = 0; i < NOPTIONS; i++)
        if ((option_table[i].needs & cmd->options) == option_table[i].needs)
            opts[n++] = (struct option){option_table[i].name,
                                        option_table[i].code == OPT_HELP ||
                                                option_table[i].code == OPT_STANDALONE
                                            ? no_argument
                                            : required_argument,
                                        NULL, option_table[i].code};
    if (cmd->options & CLI_OPT_MODEL)
        for (int k = 0; k < NMODEL_KEYS; k++)
            opts[n++] = (struct option){model_keys[k], required_argument, NULL, OPT_KEY0 + k};
    opts[n] = (struct option){NULL, 0, NULL, 0};
    return n;
}

/* Is name (up to '=' or the end) an option of any command? */
static int known_elsewhere(const char *name, size_t len)
{
    for (int i = 0; i < NOPTIONS; i++)
        if (strlen(option_table[i].name) == len && strncmp(option_table[i].name, name, len) == 0)
            return 1;
    for (int k = 0; k < NMODEL_KEYS; k++)
        if (strlen(model_keys[k]) == len && strncmp(model_keys[k], name, len) == 0)
            return 1;
    return 0;
}

/* getopt_long accepts any unambiguous prefix (--out for --output, --the for
 * --theta); nessgen does not: the name typed must be the option's name. */
static int typed_exactly(const char *typed, const char *name)
{
    size_t n = strlen(name);
    return strncmp(typed + 2, name, n) == 0 && (typed[2 + n] == '\0' || typed[2 + n] == '=');
}

static int unknown_option(const cli_t *cli, const char *typed)
{
    char buf[160];
    if (strncmp(typed, "--", 2) == 0) {
        size_t len = strcspn(typed + 2, "=");
        if (known_elsewhere(typed + 2, len)) {
            snprintf(buf, sizeof buf, "option --%.*s does not apply to nessgen %s",
                     (int)(len > 60 ? 60 : len), typed + 2, cli->command);
            return usage_error(cli, buf, NULL);
        }
    }
    return usage_error(cli, "unknown option", typed);
}

/* The model options are collected while parsing and applied afterwards: the
 * preset or model file first, then the parameters in the order given, so an
 * option overrides the file wherever it stands on the command line. */
typedef struct {
    int code;
    const char *arg;
} model_arg;

static int apply_model_args(cli_t *cli, const model_arg *args, int n)
{
    const model_arg *base = NULL;
    for (int i = 0; i < n; i++) {
        if (args[i].code != OPT_PRESET && args[i].code != OPT_MODEL)
            continue;
        if (base != NULL && base->code != args[i].code)
            return usage_error(cli, "give --preset or --model, not both", NULL);
        base = args + i;
    }
    if (base != NULL) {
        ng_status st = base->code == OPT_PRESET
                           ? ng_model_spec_set_preset(cli->spec, base->arg)
                           : ng_model_spec_read_file(cli->spec, base->arg);
        if (st != NG_OK)
            return spec_error(cli);
        cli->have_model = 1;
    }
    for (int i = 0; i < n; i++)
        if (args[i].code >= OPT_KEY0 &&
            ng_model_spec_set(cli->spec, model_keys[args[i].code - OPT_KEY0], args[i].arg) !=
                NG_OK)
            return spec_error(cli);
    return CLI_OK;
}

static int handle_option(cli_t *cli, const cli_command *cmd, int c, const char *arg)
{
    long v;
    switch (c) {
    case OPT_FORMAT: {
        int f = ng_format_from_str(arg);
        if (f < 0 || !(cmd->formats & (1u << f)))
            return usage_error(cli, "--format: unsupported format", arg);
        cli->format = (ng_format)f;
        return CLI_OK;
    }
    case 'o':
    case OPT_OUTPUT:
        cli->output = arg;
        return CLI_OK;
    case OPT_N:
        if (!parse_int(&v, arg, 1, NG_MODEL_MAX_N))
            return usage_error(cli, "--N: expected an integer from 1 to 64, got", arg);
        cli->N = (int)v;
        return CLI_OK;
    case OPT_DIGITS:
        if (!parse_int(&v, arg, 1, 10000))
            return usage_error(cli, "--digits: expected an integer from 1 to 10000, got", arg);
        cli->digits = v;
        return CLI_OK;
    case OPT_PREC:
        if (!parse_int(&v, arg, 16, 1 << 20))
            return usage_error(cli, "--prec: expected bits from 16 to 1048576, got", arg);
        cli->prec = v;
        return CLI_OK;
    case OPT_LAMBDA:
        cli->lambda = arg;
        return CLI_OK;
    case OPT_MAX_CPU:
        if (!parse_int(&v, arg, 1, 100000000))
            return usage_error(cli, "--max-cpu: expected seconds, an integer from 1 to 1e8, got",
                               arg);
        cli->max_cpu = (double)v;
        return CLI_OK;
    case OPT_ORDER:
        if (!parse_int(&v, arg, 0, 20))
            return usage_error(cli, "--order: expected an integer from 0 to 20, got", arg);
        cli->order = (int)v;
        return CLI_OK;
    case OPT_OUT:
        cli->out_dir = arg;
        return CLI_OK;
    case OPT_INPUT:
        cli->input = arg;
        return CLI_OK;
    case OPT_STANDALONE:
        cli->standalone = 1;
        return CLI_OK;
    case OPT_OBSERVABLE: /* parsed by the command, which knows N (cli_extra.c) */
        cli->observables =
            realloc(cli->observables, (size_t)(cli->nobservables + 1) * sizeof(char *));
        cli->observables[cli->nobservables++] = arg;
        return CLI_OK;
    default:
        return usage_error(cli, "internal error: unhandled option", NULL);
    }
}

int cli_parse(cli_t *cli, const cli_command *cmd, int argc, char **argv)
{
    struct option opts[MAX_LONG_OPTIONS];
    model_arg *margs = flint_malloc(sizeof(model_arg) * (size_t)(argc + 1));
    int nmargs = 0, c, idx, st = CLI_OK;
    memset(cli, 0, sizeof *cli);
    cli->command = cmd->name;
    cli->format = NG_FORMAT_TEXT;
    cli->digits = 15;
    cli->prec = 128;
    cli->order = -1;
    cli->spec = ng_model_spec_new();
    record_command_line(cli, argc, argv);
    build_options(opts, cmd);

    opterr = 0;
    optind = 0; /* 0, not 1: glibc then reinitialises (the fuzzer parses many times) */
    while (st == CLI_OK &&
           (c = getopt_long(argc, argv, (cmd->options & CLI_OPT_OUTPUT) ? ":o:" : ":", opts,
                            &idx)) != -1) {
        if (c >= OPT_FORMAT && c != '?' && c != ':') {
            /* the option's own word: before its value when that is separate */
            const char *typed = argv[optind - 1] == optarg && optind >= 2 ? argv[optind - 2]
                                                                          : argv[optind - 1];
            if (!typed_exactly(typed, opts[idx].name)) {
                st = unknown_option(cli, typed);
                break;
            }
        }
        switch (c) {
        case OPT_HELP: {
            /* the examples come last, after the model options */
            const char *ex = strstr(cmd->usage, "\nExamples:\n");
            int head = ex != NULL ? (int)(ex - cmd->usage) + 1 : (int)strlen(cmd->usage);
            printf("%.*s", head, cmd->usage);
            if (cmd->options & CLI_OPT_MODEL)
                printf("\n%s", cli_model_help);
            if (ex != NULL)
                printf("%s", ex);
        }
            flint_free(margs);
            return -1;
        case ':':
            st = usage_error(cli, "missing value for option", argv[optind - 1]);
            break;
        case '?':
            st = unknown_option(cli, argv[optind - 1]);
            break;
        case OPT_PRESET:
        case OPT_MODEL:
            margs[nmargs++] = (model_arg){c, optarg};
            break;
        default:
            if (c >= OPT_KEY0)
                margs[nmargs++] = (model_arg){c, optarg};
            else
                st = handle_option(cli, cmd, c, optarg);
        }
    }
    if (st == CLI_OK) {
        record_option_words(cli, argv, optind);
        cli->positional = argv + optind;
        cli->npositional = argc - optind;
        if (cmd->max_positional >= 0 && cli->npositional > cmd->max_positional)
            st = usage_error(cli, "unexpected argument",
                             cli->positional[cmd->max_positional]);
    }
    if (st == CLI_OK && cli->standalone && cli->format != NG_FORMAT_LATEX)
        st = usage_error(cli, "--standalone: a whole LaTeX document; give it with --format "
                              "latex, not with --format", ng_format_name(cli->format));
    if (st == CLI_OK)
        st = apply_model_args(cli, margs, nmargs);
    flint_free(margs);
    if (st == CLI_OK)
        st = cli_check_output(cli);
    if (st != CLI_OK)
        return st;
    cli->out = open_memstream(&cli->out_buf, &cli->out_len);
    return cli->out == NULL ? CLI_ECOMPUTE : CLI_OK;
}

double cli_memory_budget(void)
{
    return 0.75 * (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGE_SIZE);
}

int cli_model_N(const cli_t *cli, int def_N)
{
    int file_N = ng_model_spec_get_N(cli->spec);
    return cli->N != 0 ? cli->N : file_N != 0 ? file_N : def_N;
}

int cli_resolve_model(cli_t *cli, ng_model_t M, const char *def_preset, int def_N)
{
    char buf[16];
    ng_status st;
    if (def_preset != NULL && !cli->have_model &&
        ng_model_spec_set_preset(cli->spec, def_preset) != NG_OK)
        return cli_fail(cli, NG_EINPUT);
    snprintf(buf, sizeof buf, "%d", cli_model_N(cli, def_N));
    if (ng_model_spec_set(cli->spec, "N", buf) != NG_OK)
        return spec_error(cli);
    st = ng_model_resolve(M, cli->spec, cli->prec);
    if (st != NG_OK)
        return cli_fail(cli, st);
    for (slong i = 0; i < M->nwarnings; i++)
        fprintf(stderr, "nessgen %s: warning: %s\n", cli->command, M->warnings[i]);
    return CLI_OK;
}

void cli_clear(cli_t *cli)
{
    if (cli->out != NULL)
        fclose(cli->out);
    free(cli->out_buf);
    flint_free(cli->command_line);
    flint_free(cli->option_words);
    free(cli->observables);
    ng_model_spec_free(cli->spec);
}

void cli_print_error(const cli_t *cli)
{
    const char *msg = ng_error_message();
    size_t n = strlen(cli->command);
    if (strncmp(msg, cli->command, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
        msg += n + 2; /* the library named the command too: once is enough */
    fprintf(stderr, "nessgen %s: %s\n", cli->command, msg);
}

int cli_fail(const cli_t *cli, ng_status status)
{
    cli_print_error(cli);
    return status == NG_EINPUT ? CLI_EUSAGE : CLI_ECOMPUTE;
}

ng_emit_opts cli_emit_opts(const cli_t *cli)
{
    return (ng_emit_opts){(int)cli->format, cli->digits, cli->standalone, cli->command,
                          cli->command_line};
}

json_t *cli_json_document(const cli_t *cli, const ng_model_t M)
{
    ng_emit_opts o = cli_emit_opts(cli);
    return ng_emit_json_document(&o, M);
}

void cli_report_init(ng_report_t rep, const cli_t *cli, const ng_model_t M)
{
    ng_report_init(rep, cli->command, cli->command_line,
                   M != NULL ? ng_model_to_json(M, cli->digits) : NULL, cli->digits);
}

int cli_report_write(cli_t *cli, const ng_report_t rep)
{
    static const ng_report_format writer[] = {
        [NG_FORMAT_TEXT] = NG_REPORT_TEXT, [NG_FORMAT_JSON] = NG_REPORT_JSON,
        [NG_FORMAT_LATEX] = NG_REPORT_LATEX, [NG_FORMAT_CSV] = NG_REPORT_CSV};
    ng_report_write(cli->out, rep,
                    cli->format <= NG_FORMAT_CSV ? writer[cli->format] : NG_REPORT_TEXT,
                    cli->standalone);
    return CLI_OK;
}
