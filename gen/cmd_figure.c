/* nessgen figure: the paper's Figs. 4–6 recomputed (figures.h), at the
 * paper's parameters or the model options given, written as CSV, a
 * standalone pgfplots document and a gnuplot script, and rendered to PNG
 * with gnuplot when it is installed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "nessgen/figures.h"

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "nessgen figure: %s%s%s\nTry 'nessgen figure --help'.\n", msg,
            arg ? " " : "", arg ? arg : "");
    return CLI_EUSAGE;
}

/* mkdir -p; -1 with errno set on failure. */
static int make_dirs(const char *path)
{
    char buf[4096];
    struct stat st;
    size_t len = strlen(path);
    if (len >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(buf, path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    if (mkdir(buf, 0777) == 0)
        return 0;
    if (errno != EEXIST)
        return -1;
    if (stat(buf, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

typedef enum { OUT_CSV, OUT_TEX, OUT_GP, OUT_PNG, NOUT } out_kind;
static const char *const out_ext[NOUT] = {"csv", "tex", "gp", "png"};

/* Writes one file into the staging folder. */
static int write_file(const char *dir, const char *name, const ng_figure_t F,
                      const char *command_line, out_kind kind, const char *png)
{
    char path[4300];
    FILE *f;
    int ok;
    snprintf(path, sizeof path, "%.4200s/%.31s", dir, name);
    f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "nessgen figure: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (kind == OUT_CSV)
        ng_figure_write_csv(f, F, command_line);
    else if (kind == OUT_TEX)
        ng_figure_write_pgfplots(f, F, command_line);
    else
        ng_figure_write_gnuplot(f, F, command_line, png);
    ok = !ferror(f);
    ok = (fclose(f) == 0) && ok;
    if (!ok) {
        fprintf(stderr, "nessgen figure: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Runs `gnuplot figN.gp` in dir; 0 on success, 1 if gnuplot is missing, -1
 * if it failed. */
static int render(const char *dir, const char *script)
{
    int status;
    pid_t pid;
    fflush(NULL);
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (chdir(dir) != 0)
            _exit(126);
        execlp("gnuplot", "gnuplot", script, (char *)NULL);
        _exit(errno == ENOENT ? 127 : 126);
    }
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status) == 0 ? 0 : WEXITSTATUS(status) == 127 ? 1 : -1;
}

static void file_name(char *buf, size_t size, int number, out_kind kind)
{
    snprintf(buf, size, "fig%d.%s", number, out_ext[kind]);
}

/* The staged files of one figure; rendered[i] says whether its PNG exists. */
static int stage_figure(const cli_t *cli, const char *stage, const ng_figure_t F, int number,
                        int *rendered)
{
    char name[NOUT][32], *command_line;
    size_t len = strlen(cli->option_words) + 32;
    int r = 0;
    for (int k = 0; k < NOUT; k++)
        file_name(name[k], sizeof name[k], number, (out_kind)k);
    /* the command that makes this figure alone: its number and every option
     * (shell words: a newline in --out cannot end a comment line) */
    command_line = flint_malloc(len);
    snprintf(command_line, len, "nessgen figure %d%s%s", number,
             cli->option_words[0] != '\0' ? " " : "", cli->option_words);
    for (int k = OUT_CSV; k <= OUT_GP && r == 0; k++)
        r = write_file(stage, name[k], F, command_line, (out_kind)k, name[OUT_PNG]);
    flint_free(command_line);
    if (r != 0)
        return -1;
    r = render(stage, name[OUT_GP]);
    *rendered = r == 0;
    if (r < 0)
        fprintf(stderr, "nessgen figure: gnuplot failed on %s\n", name[OUT_GP]);
    return r < 0 ? -1 : 0;
}

/* Removes the staging folder and whatever is left in it. */
static void remove_stage(const char *stage, const int *numbers, int n)
{
    char path[4300], name[32];
    for (int i = 0; i < n; i++)
        for (int k = 0; k < NOUT; k++) {
            file_name(name, sizeof name, numbers[i], (out_kind)k);
            snprintf(path, sizeof path, "%s/%s", stage, name);
            unlink(path);
        }
    rmdir(stage);
}

/* Moves the staged files into dir, one rename each. */
static int publish(const char *stage, const char *dir, const int *numbers, int n,
                   const int *rendered)
{
    char from[4300], to[4300], name[32];
    for (int i = 0; i < n; i++)
        for (int k = 0; k < NOUT; k++) {
            if (k == OUT_PNG && !rendered[i])
                continue;
            file_name(name, sizeof name, numbers[i], (out_kind)k);
            snprintf(from, sizeof from, "%s/%s", stage, name);
            snprintf(to, sizeof to, "%s/%s", dir, name);
            if (rename(from, to) != 0) {
                fprintf(stderr, "nessgen figure: cannot move %s to %s: %s\n", from, to,
                        strerror(errno));
                return -1;
            }
        }
    return 0;
}

static void report(FILE *out, const ng_figure_t F, int number, const char *dir, int rendered)
{
    fprintf(out, "Fig. %d (N = %d): %s/fig%d.csv, %s/fig%d.tex, %s/fig%d.gp", number, F->N, dir,
            number, dir, number, dir, number);
    if (rendered)
        fprintf(out, ", %s/fig%d.png\n", dir, number);
    else
        fprintf(out, "\n  (gnuplot is not installed -- Debian: gnuplot-nox; run 'gnuplot "
                     "fig%d.gp' in %s to render fig%d.png)\n",
                number, dir, number);
    fprintf(out, "  computed in %.1f s\n", F->seconds);
    for (slong i = 0; i < F->nnotes; i++)
        fprintf(out, "  %s\n", F->notes[i]);
}

/* The set is computed whole before any file is touched, written into a
 * staging folder DIR/.nessgen-figures-XXXXXX and then moved into DIR file
 * by file: a run that fails or is killed while computing or writing leaves
 * DIR's old files as they were (a kill while writing leaves the staging
 * folder behind); only the final renames, a few system calls, can be cut
 * between old and new files (README). */
static int write_set(cli_t *cli, ng_figure_t *F, const int *numbers, int n, const char *dir)
{
    char stage[4200];
    int rendered[3] = {0, 0, 0}, status = CLI_OK;
    snprintf(stage, sizeof stage, "%s/.nessgen-figures-XXXXXX", dir);
    if (mkdtemp(stage) == NULL) {
        fprintf(stderr, "nessgen figure: --out %s: cannot write there: %s\n", dir,
                strerror(errno));
        return CLI_EUSAGE;
    }
    for (int i = 0; i < n && status == CLI_OK; i++)
        if (stage_figure(cli, stage, F[i], numbers[i], rendered + i) != 0)
            status = CLI_ECOMPUTE;
    if (status == CLI_OK && publish(stage, dir, numbers, n, rendered) != 0)
        status = CLI_ECOMPUTE;
    remove_stage(stage, numbers, n);
    for (int i = 0; i < n && status == CLI_OK; i++)
        report(cli->out, F[i], numbers[i], dir, rendered[i]);
    return status;
}

int cmd_figure(cli_t *cli)
{
    const char *dir = cli->out_dir != NULL ? cli->out_dir : ".";
    ng_figure_t F[3];
    ng_figure_opts opts;
    double lam[NG_FIGURE_MAX_LAMBDA];
    int numbers[3], n = 0, computed = 0, status = CLI_OK;
    if (cli->npositional == 0)
        return usage("expected the figure number(s): 4, 5 or 6", NULL);
    for (int i = 0; i < cli->npositional; i++) {
        const char *a = cli->positional[i];
        if (strlen(a) != 1 || a[0] < '4' || a[0] > '6')
            return usage("expected the figure number(s) 4, 5 or 6, got", a);
        for (int j = 0; j < n; j++)
            if (numbers[j] == a[0] - '0')
                return usage("a figure number was given twice:", a);
        numbers[n++] = a[0] - '0';
    }
    if (cli->output != NULL)
        return usage("use --out DIR (the figures are several files), not -o", NULL);
    if (dir[0] == '\0')
        return usage("--out: expected a directory name, got an empty one", NULL);
    ng_figure_opts_init(&opts);
    if (cli->lambda != NULL &&
        (status = cli_lambda_list(cli, lam, &opts.nlambda, NG_FIGURE_MAX_LAMBDA)) != CLI_OK)
        return status;
    opts.lambda = lam;
    opts.spec = cli->spec;
    opts.N = cli_model_N(cli, 0);
    opts.prec = cli->prec;
    opts.memory_budget = cli_memory_budget();
    opts.progress = isatty(STDERR_FILENO) ? stderr : NULL;
    if (make_dirs(dir) != 0) {
        fprintf(stderr, "nessgen figure: --out %s: cannot create the directory: %s\n", dir,
                strerror(errno));
        return CLI_EUSAGE;
    }
    for (; computed < n && status == CLI_OK; computed++) {
        ng_status st = ng_figure_compute(F[computed], numbers[computed], &opts);
        if (st != NG_OK)
            status = cli_fail(cli, st);
    }
    if (status == CLI_OK)
        status = write_set(cli, F, numbers, n, dir);
    for (int i = 0; i < computed; i++)
        ng_figure_clear(F[i]);
    return status;
}
