/* nessgen two-spin: Sect. IV B and Appendix B derived for general parameters,
 * compared with the printed formulas, as text, JSON or a LaTeX document. */

#include "cli.h"
#include "nessgen/two_spin.h"

int cmd_two_spin(cli_t *cli)
{
    ng_two_spin_study_t S;
    ng_status st;
    int status = CLI_OK;
    if (cli_model_N(cli, 2) != 2) {
        fprintf(stderr, "nessgen two-spin: %s: the two-spin theory has N = 2, got %d\n",
                cli->N != 0 ? "--N" : "the model file", cli_model_N(cli, 2));
        return CLI_EUSAGE;
    }
    if (!cli->have_model && ng_model_spec_set_preset(cli->spec, "tilted-ising") != NG_OK)
        return cli_fail(cli, NG_EINPUT);
    st = ng_two_spin_study_init(S, cli->spec, cli->prec, 4 * cli->digits + 64);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
    } else {
        ng_emit_opts o = cli_emit_opts(cli);
        ng_two_spin_study_write(cli->out, S, &o);
    }
    ng_two_spin_study_clear(S);
    return status;
}
