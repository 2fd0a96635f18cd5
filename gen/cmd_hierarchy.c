/* nessgen hierarchy: the N-spin local hierarchy of Sect. IV C (Eqs. 121–150)
 * derived from the operator algebra, a second route to Eq. 150 through the
 * total spin current, and the comparison with the printed equations.  The
 * derivation is ng_hier_derivation_init (src/hierarchy/), its writers
 * ng_hier_derivation_write and ng_hier_comparison_write. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "nessgen/hierarchy.h"

#define NSUM_DEFAULT 8 /* the telescoped sum is derived for N = 3 … NSUM_DEFAULT */


int cmd_hierarchy(cli_t *cli)
{
    ng_hier_derivation_t D;
    int Nsum = NSUM_DEFAULT, status, compare;
    ng_status st;
    compare = cli->npositional == 1 && strcmp(cli->positional[0], "compare") == 0;
    if (cli->npositional > 1 || (cli->npositional == 1 && !compare)) {
        fprintf(stderr, "nessgen hierarchy: the only argument is 'compare', got '%s'\n",
                cli->positional[0]);
        return CLI_EUSAGE;
    }
    if (cli->N != 0) {
        if (cli->N < NG_HIER_COMPARE_N || cli->N > NG_HIER_NMAX_SUM) {
            fprintf(stderr, "nessgen hierarchy: --N: the sums are derived for N = 3..n with "
                            "%d <= n <= %d\n", NG_HIER_COMPARE_N, NG_HIER_NMAX_SUM);
            return CLI_EUSAGE;
        }
        Nsum = cli->N;
    }
    st = ng_hier_derivation_init(D, cli->have_model ? cli->spec : NULL, Nsum);
    if (st == NG_OK) {
        ng_emit_opts o = cli_emit_opts(cli);
        if (compare)
            st = ng_hier_comparison_write(cli->out, D, cli->command_line,
                                          isatty(STDERR_FILENO) ? stderr : NULL);
        else
            ng_hier_derivation_write(cli->out, D, &o);
    }
    status = st == NG_OK ? CLI_OK : cli_fail(cli, st);
    ng_hier_derivation_clear(D);
    return status;
}
