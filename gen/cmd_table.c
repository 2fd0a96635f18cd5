/* nessgen table p0l1: P0 L_I and P0 L_E on Ker L0 (Eqs. 87–95) and P0 L1 on the
 * product of local equilibrium states (Eqs. 101–102, 121–123), derived. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nessgen/p0l1.h"

int cmd_table(cli_t *cli)
{
    ng_model_t M;
    ng_p0l1_derivation_t D;
    int status, N;
    ng_status st;

    if (cli->npositional != 1 || strcmp(cli->positional[0], "p0l1") != 0) {
        fprintf(stderr, "nessgen table: expected the table name 'p0l1'%s%s\n",
                cli->npositional ? ", got " : "", cli->npositional ? cli->positional[0] : "");
        return CLI_EUSAGE;
    }
    N = cli_model_N(cli, 2);
    if (!cli->have_model && ng_model_spec_set_preset(cli->spec, "generic") != NG_OK)
        return cli_fail(cli, NG_EINPUT);
    if (ng_model_spec_set_symbolic_defaults(cli->spec) != NG_OK ||
        ng_p0l1_spec_add_site_symbols(cli->spec, N) != NG_OK)
        return cli_fail(cli, NG_EINPUT);
    ng_model_spec_set_hold_reals(cli->spec); /* theta = 1 stays the symbol theta */
    status = cli_resolve_model(cli, M, NULL, N);
    if (status != CLI_OK)
        return status;
    if (ng_p0l1_table_bytes(N, M->R) > cli_memory_budget()) {
        fprintf(stderr,
                "nessgen table: N = %d is too large: the P0 L1 table on Ker L0 (dimension "
                "C(2N, N)) would need at least %.3g GiB of memory (budget %.3g GiB)\n",
                N, ng_p0l1_table_bytes(N, M->R) / (1 << 30), cli_memory_budget() / (1 << 30));
        ng_model_clear(M);
        return CLI_EUSAGE;
    }
    st = ng_p0l1_derivation_init(D, M);
    if (st == NG_OK) {
        ng_emit_opts o = cli_emit_opts(cli);
        ng_p0l1_derivation_write(cli->out, D, &o);
    }
    status = st == NG_OK ? CLI_OK : cli_fail(cli, st);
    ng_p0l1_derivation_clear(D);
    ng_model_clear(M);
    return status;
}
