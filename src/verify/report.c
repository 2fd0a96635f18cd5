/* `nessgen verify` as a report (report.h): the table of checks (JSON
 * "checks": name, claim, passed, detail), the counts, and for text one
 * two-line entry per check (the claim, then what was measured) and the
 * summary line. */
#include "nessgen/verify.h"

/* The counts and the total wall time of the checks. */
static int count_passed(const ng_verify_t V, double *seconds)
{
    int npass = 0;
    *seconds = 0.0;
    for (slong i = 0; i < V->n; i++) {
        npass += V->items[i].passed;
        *seconds += V->items[i].seconds;
    }
    return npass;
}

static void checks_table(ng_report_t rep, const ng_verify_t V)
{
    ng_report_table_t *T = ng_report_table(rep, "checks", NULL, NULL);
    ng_report_node_formats(T, NG_REPORT_JSON);
    ng_report_column(T, "name", "check", NULL);
    ng_report_column(T, "claim", "claim", NULL);
    ng_report_column(T, "passed", "passed", NULL);
    ng_report_column(T, "detail", "measured", NULL);
    for (slong i = 0; i < V->n; i++) {
        const ng_verify_item *it = V->items + i;
        ng_report_row(T);
        ng_report_cell_string(T, it->name);
        ng_report_cell_string(T, it->what);
        ng_report_cell_bool(T, it->passed);
        ng_report_cell_string(T, it->detail);
    }
}

/* Text: a claim and its measurement under each other, the names aligned
 * (the claims and details are too long for one line of columns). */
static void checks_text(ng_report_t rep, const ng_verify_t V)
{
    ng_report_note(rep, NG_REPORT_TEXT, "%-22s  %-6s  %s\n", "check", "result",
                   "claim / measured");
    for (slong i = 0; i < V->n; i++) {
        const ng_verify_item *it = V->items + i;
        ng_report_note(rep, NG_REPORT_TEXT, "%-22s  %-6s  %s\n%-22s  %-6s  %s\n", it->name,
                       it->passed ? "pass" : "FAIL", it->what, "", "", it->detail);
    }
}

void ng_verify_report(ng_report_t rep, const ng_verify_t V)
{
    double seconds;
    int npass = count_passed(V, &seconds), all = ng_verify_all_passed(V);
    checks_table(rep, V);
    checks_text(rep, V);
    ng_report_node_formats(ng_report_int(rep, "passed", "passed", NULL, npass), NG_REPORT_JSON);
    ng_report_node_formats(ng_report_int(rep, "failed", "failed", NULL, V->n - npass),
                           NG_REPORT_JSON);
    ng_report_node_formats(ng_report_bool(rep, "all_passed", "all passed", NULL, all),
                           NG_REPORT_JSON);
    ng_report_note(rep, NG_REPORT_TEXT, "%d of %ld checks passed%s (%.1f s)\n", npass,
                   (long)V->n, all ? "" : "; FAILED", seconds);
}
