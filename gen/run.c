/* The command line as a library call (nessgen/cli.h): the subcommands write to
 * stdout and stderr, so ng_cli_run points glibc's stdout and stderr at two
 * memory streams for the duration of one command.  (glibc documents them as
 * ordinary variables that may be assigned; open_memstream is POSIX.)  The
 * command implementations stay as the executable runs them. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nessgen/cli.h"

/* One command at a time: the streams and getopt's state are process-wide. */
static pthread_mutex_t run_lock = PTHREAD_MUTEX_INITIALIZER;

int ng_cli_main(int argc, char **argv)
{
    return cli_main(argc, argv);
}

/* getopt_long permutes the argument vector: run on a copy of the pointers
 * (the strings themselves are only read). */
static int run_copy(int argc, const char *const *argv)
{
    char **copy;
    int status;
    if (argc < 0)
        argc = 0; /* no command: the usage message, exit status 2 */
    copy = malloc((size_t)(argc + 1) * sizeof *copy);
    if (copy == NULL) {
        fprintf(stderr, "nessgen: out of memory\n");
        return CLI_ECOMPUTE;
    }
    for (int i = 0; i < argc; i++)
        copy[i] = (char *)argv[i];
    copy[argc] = NULL;
    status = cli_main(argc, copy);
    free(copy);
    return status;
}

int ng_cli_run(int argc, const char *const *argv, char **out, char **err)
{
    size_t out_len, err_len;
    FILE *fout, *ferr, *saved_out, *saved_err;
    int status;
    *out = *err = NULL;
    fout = open_memstream(out, &out_len);
    ferr = fout != NULL ? open_memstream(err, &err_len) : NULL;
    if (ferr == NULL) {
        if (fout != NULL)
            fclose(fout);
        free(*out);
        *out = NULL;
        return -1;
    }
    pthread_mutex_lock(&run_lock);
    fflush(stdout);
    fflush(stderr);
    saved_out = stdout;
    saved_err = stderr;
    stdout = fout;
    stderr = ferr;
    status = run_copy(argc, argv);
    stdout = saved_out;
    stderr = saved_err;
    pthread_mutex_unlock(&run_lock);
    fclose(fout);
    fclose(ferr);
    return status;
}

void ng_cli_free(char *buf)
{
    free(buf);
}
