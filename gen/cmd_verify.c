/* nessgen verify: every paper check the project can make, as a pass/fail
 * table (verify.h); exit status 1 if any fails. */
#include <unistd.h>

#include "cli.h"
#include "nessgen/verify.h"

int cmd_verify(cli_t *cli)
{
    ng_verify_t V;
    ng_report_t rep;
    int all;
    ng_verify_run(V, isatty(STDERR_FILENO) ? stderr : NULL);
    all = ng_verify_all_passed(V);
    cli_report_init(rep, cli, NULL);
    ng_verify_report(rep, V);
    cli_report_write(cli, rep);
    ng_report_clear(rep);
    if (!all) {
        /* the table is the answer: write it, then fail */
        slong failed = V->n;
        int st = cli_finish(cli);
        for (slong i = 0; i < V->n; i++)
            failed -= V->items[i].passed;
        fprintf(stderr, "nessgen verify: %ld of %ld checks failed\n", (long)failed,
                (long)V->n);
        ng_verify_clear(V);
        return st != CLI_OK ? st : CLI_ECOMPUTE;
    }
    ng_verify_clear(V);
    return CLI_OK;
}
