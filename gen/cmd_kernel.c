/* nessgen kernel: the Ker L0 basis and its sectors (Sect. IV A). */
#include <unistd.h>

#include "cli.h"

int cmd_kernel(cli_t *cli)
{
    int N = cli->N != 0 ? cli->N : 2;
    ng_ring_t R;
    ng_named_basis_t B;
    ng_status st;
    double need;

    ng_ring_init_qq(R);
    need = ng_kernel_basis_bytes(N, R);
    if (need > cli_memory_budget()) {
        fprintf(stderr,
                "nessgen kernel: N = %d is too large: the Ker L0 basis would need about "
                "%.3g GiB of memory (budget %.3g GiB)\n",
                N, need / (1 << 30), cli_memory_budget() / (1 << 30));
        ng_ring_clear(R);
        return CLI_EUSAGE;
    }
    ng_named_basis_init(B);
    st = ng_kernel_basis(B, N, R);
    if (st == NG_OK) {
        ng_emit_opts o = cli_emit_opts(cli);
        ng_kernel_basis_write(cli->out, N, B, R, &o);
    }
    ng_named_basis_clear(B, R);
    ng_ring_clear(R);
    return st == NG_OK ? CLI_OK : cli_fail(cli, st);
}
