/* The command line as a library call: any nessgen subcommand, run exactly as
 * the `nessgen` executable runs it (same options, same documents, same exit
 * statuses), for programs and language bindings that want a command's JSON
 * document without a subprocess.  The Python module `nessgen` is a thin ctypes
 * layer over ng_cli_run.
 *
 * The contract is the command line's (README, "Commands"): argv in, the
 * document and the messages out.  How a command computes its document is not
 * part of it and may change underneath. */
#ifndef NESSGEN_CLI_H
#define NESSGEN_CLI_H

#ifdef __cplusplus
extern "C" {
#endif

/* Runs `argv[0] argv[1] …` as the nessgen executable would, e.g.
 * {"nessgen", "rho0", "--N", "4", "--format", "json"}, and returns its exit
 * status: 0 success, 1 a computation that could not be completed, 2 bad usage
 * or input.  What the executable would print on standard output is returned
 * in *out, what it would print on standard error in *err, both
 * NUL-terminated and malloc'd (free them with ng_cli_free), both set (possibly
 * to "") whatever the status; a command that fails may still have written a
 * document (`verify` and `check` print their table, then exit 1).  With
 * `-o FILE` (or `figure --out DIR`) the files are written as by the
 * executable and *out stays empty; `check --input -` reads the process's
 * stdin.  argv is not modified.
 *
 * While it runs, the process's stdout and stderr streams (the C library's
 * FILE objects, not file descriptors 1 and 2) are redirected into the two
 * buffers, so calls are serialised by a lock; output other threads write to
 * those streams meanwhile lands in the buffers.  Progress messages, which a
 * command prints when file descriptor 2 is a terminal, land in *err.
 * Returns -1 (and sets both to NULL) only if memory for the buffers could not
 * be had. */
int ng_cli_run(int argc, const char *const *argv, char **out, char **err);

/* Frees a buffer returned by ng_cli_run (NULL is allowed). */
void ng_cli_free(char *buf);

/* The nessgen executable's main: runs argv, printing to stdout and stderr as
 * they are, and returns the exit status. */
int ng_cli_main(int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif
