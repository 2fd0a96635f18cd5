/* nessgen verify: every paper check the project can make, as a pass/fail
 * table (verify.h); exit status 1 if any fails. */
#include <unistd.h>

#include "cli.h"
#include "nessgen/verify.h"

int cmd_verify(cli_t *cli)
{
    ng_verify_t V;
    double total = 0.0;
    int all, npass = 0;
    ng_verify_run(V, isatty(STDERR_FILENO) ? stderr : NULL);
    all = ng_verify_all_passed(V);
    for (slong i = 0; i < V->n; i++) {
        npass += V->items[i].passed;
        total += V->items[i].seconds;
    }
    if (cli->format == NG_FORMAT_JSON) {
        json_t *doc = cli_json_document(cli, NULL), *checks = json_array();
        for (slong i = 0; i < V->n; i++) {
            const ng_verify_item *it = V->items + i;
            json_array_append_new(checks, json_pack("{s:s,s:s,s:b,s:s}", "name", it->name,
                                                    "claim", it->what, "passed", it->passed,
                                                    "detail", it->detail));
        }
        json_object_set_new(doc, "checks", checks);
        json_object_set_new(doc, "passed", json_integer(npass));
        json_object_set_new(doc, "failed", json_integer(V->n - npass));
        json_object_set_new(doc, "all_passed", json_boolean(all));
        ng_report_json_write(cli->out, doc);
        json_decref(doc);
    } else {
        fprintf(cli->out, "%-22s  %-6s  %s\n", "check", "result", "claim / measured");
        for (slong i = 0; i < V->n; i++) {
            const ng_verify_item *it = V->items + i;
            fprintf(cli->out, "%-22s  %-6s  %s\n%-22s  %-6s  %s\n", it->name,
                    it->passed ? "pass" : "FAIL", it->what, "", "", it->detail);
        }
        fprintf(cli->out, "%d of %ld checks passed%s (%.1f s)\n", npass, (long)V->n,
                all ? "" : "; FAILED", total);
    }
    if (!all) {
        /* the table is the answer: write it, then fail */
        int st = cli_finish(cli);
        fprintf(stderr, "nessgen verify: %ld of %ld checks failed\n", (long)V->n - npass,
                (long)V->n);
        ng_verify_clear(V);
        return st != CLI_OK ? st : CLI_ECOMPUTE;
    }
    ng_verify_clear(V);
    return CLI_OK;
}
