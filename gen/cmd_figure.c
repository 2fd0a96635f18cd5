/* nessgen figure: the paper's Figs. 4–6 recomputed (figures.h), written as
 * CSV, a standalone pgfplots document and a gnuplot script, and rendered to
 * PNG with gnuplot when it is installed. */
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

static int make_dirs(const char *path)
{
    char buf[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf)
        return -1;
    strcpy(buf, path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

typedef enum { OUT_CSV, OUT_TEX, OUT_GP } out_kind;

/* Writes one file whole or not at all (temporary file, then rename). */
static int write_file(const char *dir, const char *name, const ng_figure_t F,
                      const char *command_line, out_kind kind, const char *png)
{
    char path[4096], tmp[4200];
    FILE *f;
    int ok;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    f = fopen(tmp, "w");
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
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "nessgen figure: cannot write %s: %s\n", path, strerror(errno));
        remove(tmp);
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

static int one_figure(cli_t *cli, int number, const char *dir)
{
    ng_figure_t F;
    char command_line[4200], csv[32], tex[32], gp[32], png[32];
    int r;
    ng_status st;
    snprintf(command_line, sizeof command_line, "nessgen figure %d --out %s", number, dir);
    snprintf(csv, sizeof csv, "fig%d.csv", number);
    snprintf(tex, sizeof tex, "fig%d.tex", number);
    snprintf(gp, sizeof gp, "fig%d.gp", number);
    snprintf(png, sizeof png, "fig%d.png", number);
    st = ng_figure_compute(F, number, isatty(STDERR_FILENO) ? stderr : NULL);
    if (st != NG_OK) {
        ng_figure_clear(F);
        return cli_fail(cli, st);
    }
    if (write_file(dir, csv, F, command_line, OUT_CSV, png) != 0 ||
        write_file(dir, tex, F, command_line, OUT_TEX, png) != 0 ||
        write_file(dir, gp, F, command_line, OUT_GP, png) != 0) {
        ng_figure_clear(F);
        return CLI_EUSAGE;
    }
    fprintf(cli->out, "Fig. %d (N = %d): %s/%s, %s/%s, %s/%s", number, F->N, dir, csv, dir,
            tex, dir, gp);
    r = render(dir, gp);
    if (r == 0)
        fprintf(cli->out, ", %s/%s\n", dir, png);
    else if (r == 1)
        fprintf(cli->out, "\n  (gnuplot is not installed -- Debian: gnuplot-nox; "
                          "run 'gnuplot %s' in %s to render %s)\n",
                gp, dir, png);
    else
        fprintf(stderr, "nessgen figure: gnuplot failed on %s/%s\n", dir, gp);
    fprintf(cli->out, "  computed in %.1f s\n", F->seconds);
    for (slong i = 0; i < F->nnotes; i++)
        fprintf(cli->out, "  %s\n", F->notes[i]);
    ng_figure_clear(F);
    return r < 0 ? CLI_ECOMPUTE : CLI_OK;
}

int cmd_figure(cli_t *cli)
{
    const char *dir = cli->out_dir != NULL ? cli->out_dir : ".";
    int numbers[3], n = 0, status = CLI_OK;
    if (cli->npositional == 0)
        return usage("expected the figure number(s): 4, 5 or 6", NULL);
    for (int i = 0; i < cli->npositional; i++) {
        const char *a = cli->positional[i];
        if (n == 3 || strlen(a) != 1 || a[0] < '4' || a[0] > '6')
            return usage("expected the figure number(s) 4, 5 or 6, got", a);
        numbers[n++] = a[0] - '0';
    }
    if (cli->output != NULL)
        return usage("use --out DIR (the figures are several files), not -o", NULL);
    if (make_dirs(dir) != 0) {
        fprintf(stderr, "nessgen figure: cannot create directory %s: %s\n", dir,
                strerror(errno));
        return CLI_EUSAGE;
    }
    for (int i = 0; i < n && status == CLI_OK; i++)
        status = one_figure(cli, numbers[i], dir);
    return status;
}
