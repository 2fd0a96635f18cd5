/* nessgen rho0 with free names (issue 14): the closed forms and their
 * report are the library's (results.h); this file keeps the options, the
 * CPU limit and I/O. */
#include <unistd.h>

#include "cli.h"
#include "nessgen/results.h"

/* The CPU seconds a closed form may be estimated to take unless --max-cpu
 * says otherwise: N = 4 in θ (6 s here) passes; N = 3 in θ, t_L, t_R (about
 * a minute) needs the option; and a fuzzed model file through `rho0 -o`
 * stays well inside CI's 60 s (the run stops at twice the limit). */
#define DEFAULT_MAX_CPU 20

static int write_code(cli_t *cli, const ng_rho0_closed_result_t r, const ng_model_t M)
{
    slong without_double;
    if (cli->format == NG_FORMAT_PYTHON) {
        ng_rho0_closed_write_python(cli->out, r, M, cli->command_line);
        return CLI_OK;
    }
    without_double = ng_rho0_closed_write_c(cli->out, r, M, cli->command_line);
    if (without_double > 0)
        fprintf(stderr,
                "nessgen rho0: --format c: %ld closed forms have no double version (see "
                "the comments in the file)\n",
                (long)without_double);
    return CLI_OK;
}

int cmd_rho0_closed(cli_t *cli, ng_model_t M)
{
    ng_engine_opts o;
    ng_rho0_closed_result_t r;
    ng_report_t rep;
    ng_status st;
    int status;
    if (cli->format == NG_FORMAT_CSV) {
        fprintf(stderr,
                "nessgen rho0: --format csv: closed forms (free names in the model) "
                "are written as text, json or latex\n");
        return CLI_EUSAGE;
    }
    ng_engine_opts_init(&o);
    o.progress = isatty(STDERR_FILENO) ? stderr : NULL;
    o.max_cpu_seconds = cli->max_cpu > 0 ? cli->max_cpu : DEFAULT_MAX_CPU;
    st = ng_rho0_closed_result_compute(r, M, &o);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
    } else if (cli->format == NG_FORMAT_PYTHON || cli->format == NG_FORMAT_C) {
        status = write_code(cli, r, M);
    } else {
        cli_report_init(rep, cli, M);
        ng_rho0_closed_result_report(rep, r, M);
        status = cli_report_write(cli, rep);
        ng_report_clear(rep);
    }
    ng_rho0_closed_result_clear(r);
    return status;
}
