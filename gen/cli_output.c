/* Output is buffered in memory and written whole at the end: to stdout, or to
 * -o FILE through a temporary file and rename, so a failed run leaves nothing
 * half-written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int write_all(FILE *f, const char *buf, size_t len)
{
    return fwrite(buf, 1, len, f) == len && fflush(f) == 0;
}

int cli_finish(cli_t *cli)
{
    char *tmp;
    FILE *f;
    int ok;
    fflush(cli->out);
    if (cli->output == NULL || strcmp(cli->output, "-") == 0)
        return write_all(stdout, cli->out_buf, cli->out_len) ? CLI_OK : CLI_ECOMPUTE;
    tmp = malloc(strlen(cli->output) + 16);
    sprintf(tmp, "%s.tmp%ld", cli->output, (long)getpid());
    f = fopen(tmp, "wb");
    if (f == NULL) {
        fprintf(stderr, "nessgen %s: -o %s: cannot write there\n", cli->command,
                cli->output);
        free(tmp);
        return CLI_EUSAGE;
    }
    ok = write_all(f, cli->out_buf, cli->out_len);
    ok = (fclose(f) == 0) && ok && rename(tmp, cli->output) == 0;
    if (!ok) {
        remove(tmp);
        fprintf(stderr, "nessgen %s: -o %s: writing failed\n", cli->command, cli->output);
    }
    free(tmp);
    return ok ? CLI_OK : CLI_ECOMPUTE;
}
