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
    "  --model FILE      a model file (JSON; see README)\n"
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
       OPT_LAMBDA, OPT_ORDER, OPT_OUT, OPT_INPUT, OPT_KEY0 };

static int parse_int(long *v, const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    *v = strtol(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' && *v >= lo && *v <= hi;
}

static void record_command_line(cli_t *cli, int argc, char **argv)
{
    size_t len = strlen("nessgen") + 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 3;
    cli->command_line = malloc(len);
    strcpy(cli->command_line, "nessgen");
    for (int i = 0; i < argc; i++) {
        int quote = strpbrk(argv[i], " ()*") != NULL;
        strcat(cli->command_line, quote ? " '" : " ");
        strcat(cli->command_line, argv[i]);
        if (quote)
            strcat(cli->command_line, "'");
    }
}

static int usage_error(const cli_t *cli, const char *msg, const char *arg)
{
    fprintf(stderr, "nessgen %s: %s%s%s\nTry 'nessgen %s --help'.\n", cli->command, msg,
            arg ? " " : "", arg ? arg : "", cli->command);
    return CLI_EUSAGE;
}

static int spec_error(const cli_t *cli)
{
    fprintf(stderr, "nessgen %s: %s\n", cli->command, ng_error_message());
    return CLI_EUSAGE;
}

static int handle_model_option(cli_t *cli, int c, const char *arg)
{
    ng_status st;
    if (c == OPT_PRESET)
        st = ng_model_spec_set_preset(cli->spec, arg);
    else if (c == OPT_MODEL)
        st = ng_model_spec_read_file(cli->spec, arg);
    else
        st = ng_model_spec_set(cli->spec, model_keys[c - OPT_KEY0], arg);
    cli->have_model |= c == OPT_PRESET || c == OPT_MODEL;
    return st == NG_OK ? CLI_OK : spec_error(cli);
}

int cli_parse(cli_t *cli, const cli_command *cmd, int argc, char **argv)
{
    struct option opts[NMODEL_KEYS + 16];
    int n = 0, c;
    long v;
    memset(cli, 0, sizeof *cli);
    cli->command = cmd->name;
    cli->format = NG_FORMAT_TEXT;
    cli->digits = 15;
    cli->prec = 128;
    cli->order = -1;
    cli->spec = ng_model_spec_new();
    record_command_line(cli, argc, argv);

    opts[n++] = (struct option){"format", required_argument, NULL, OPT_FORMAT};
    opts[n++] = (struct option){"output", required_argument, NULL, 'o'};
    opts[n++] = (struct option){"N", required_argument, NULL, OPT_N};
    opts[n++] = (struct option){"digits", required_argument, NULL, OPT_DIGITS};
    opts[n++] = (struct option){"help", no_argument, NULL, OPT_HELP};
    /* an output directory or an input file: for the commands that document it */
    if (strstr(cmd->usage, "--out DIR") != NULL)
        opts[n++] = (struct option){"out", required_argument, NULL, OPT_OUT};
    if (strstr(cmd->usage, "--input FILE") != NULL)
        opts[n++] = (struct option){"input", required_argument, NULL, OPT_INPUT};
    if (cmd->takes_model) {
        opts[n++] = (struct option){"preset", required_argument, NULL, OPT_PRESET};
        opts[n++] = (struct option){"model", required_argument, NULL, OPT_MODEL};
        opts[n++] = (struct option){"prec", required_argument, NULL, OPT_PREC};
        for (int k = 0; k < NMODEL_KEYS; k++)
            opts[n++] = (struct option){model_keys[k], required_argument, NULL, OPT_KEY0 + k};
        /* λ of L = L0 + λL1 + λ²L2: for the commands that document it */
        if (strstr(cmd->usage, "--lambda") != NULL)
            opts[n++] = (struct option){"lambda", required_argument, NULL, OPT_LAMBDA};
        /* perturbation order of the series ρ = Σ λ^m ρ_m, likewise */
        if (strstr(cmd->usage, "--order") != NULL)
            opts[n++] = (struct option){"order", required_argument, NULL, OPT_ORDER};
    }
    opts[n] = (struct option){NULL, 0, NULL, 0};

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        int st = CLI_OK;
        switch (c) {
        case OPT_HELP:
            printf("%s", cmd->usage);
            if (cmd->takes_model)
                printf("\n%s", cli_model_help);
            return -1;
        case OPT_FORMAT: {
            int f = ng_format_from_str(optarg);
            if (f < 0 || !(cmd->formats & (1u << f)))
                return usage_error(cli, "--format: unsupported format", optarg);
            cli->format = (ng_format)f;
            break;
        }
        case 'o':
            cli->output = optarg;
            break;
        case OPT_N:
            if (!parse_int(&v, optarg, 1, NG_MODEL_MAX_N))
                return usage_error(cli, "--N: expected an integer from 1 to 64, got", optarg);
            cli->N = (int)v;
            break;
        case OPT_DIGITS:
            if (!parse_int(&v, optarg, 1, 10000))
                return usage_error(cli, "--digits: expected an integer from 1 to 10000, got",
                                   optarg);
            cli->digits = v;
            break;
        case OPT_PREC:
            if (!parse_int(&v, optarg, 16, 1 << 20))
                return usage_error(cli, "--prec: expected bits from 16 to 1048576, got",
                                   optarg);
            cli->prec = v;
            break;
        case OPT_LAMBDA:
            cli->lambda = optarg;
            break;
        case OPT_ORDER:
            if (!parse_int(&v, optarg, 0, 20))
                return usage_error(cli, "--order: expected an integer from 0 to 20, got",
                                   optarg);
            cli->order = (int)v;
            break;
        case OPT_OUT:
            cli->out_dir = optarg;
            break;
        case OPT_INPUT:
            cli->input = optarg;
            break;
        case ':':
            return usage_error(cli, "missing value for option", argv[optind - 1]);
        case '?':
            return usage_error(cli, "unknown option", argv[optind - 1]);
        default:
            st = handle_model_option(cli, c, optarg);
        }
        if (st != CLI_OK)
            return st;
    }
    cli->positional = argv + optind;
    cli->npositional = argc - optind;
    cli->out = open_memstream(&cli->out_buf, &cli->out_len);
    return cli->out == NULL ? CLI_ECOMPUTE : CLI_OK;
}

double cli_memory_budget(void)
{
    return 0.75 * (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGE_SIZE);
}

int cli_resolve_model(cli_t *cli, ng_model_t M, const char *def_preset, int def_N)
{
    char buf[16];
    ng_status st;
    if (def_preset != NULL && !cli->have_model &&
        ng_model_spec_set_preset(cli->spec, def_preset) != NG_OK)
        return cli_fail(cli, NG_EINPUT);
    snprintf(buf, sizeof buf, "%d", cli->N != 0 ? cli->N : def_N);
    if (ng_model_spec_set(cli->spec, "N", buf) != NG_OK)
        return spec_error(cli);
    st = ng_model_resolve(M, cli->spec, cli->prec);
    return st == NG_OK ? CLI_OK : cli_fail(cli, st);
}

void cli_clear(cli_t *cli)
{
    if (cli->out != NULL)
        fclose(cli->out);
    free(cli->out_buf);
    free(cli->command_line);
    ng_model_spec_free(cli->spec);
}

int cli_fail(const cli_t *cli, ng_status status)
{
    fprintf(stderr, "nessgen %s: %s\n", cli->command, ng_error_message());
    return status == NG_EINPUT ? CLI_EUSAGE : CLI_ECOMPUTE;
}

json_t *cli_json_document(const cli_t *cli, const ng_model_t M)
{
    json_t *doc = ng_json_document(cli->command, M, cli->digits);
    json_object_set_new(doc, "command_line", json_string(cli->command_line));
    return doc;
}
