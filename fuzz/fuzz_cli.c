/* libFuzzer target: the option parser, with argv as the fuzz input.  The
 * first byte picks the command, the rest is split at NUL bytes into words.
 * Each parse that succeeds goes on as far as is cheap: the model is
 * resolved (warnings and all), and a short output is written through
 * cli_finish, so -o exercises its whole path — into a scratch folder made
 * at start-up, which holds a small model file "m.json" and is the working
 * directory while a parse runs (libFuzzer's own paths stay relative to the
 * directory it was started in).  Words containing '/' are skipped, so no -o, --model or
 * --out can reach outside that folder; commands are never run (their cost is the
 * engine's, fuzzed elsewhere). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MAX_WORDS 24
#define MAX_WORD 256

static const char model_file[] =
    "{\"N\": 3, \"h\": 1, \"alpha\": {\"xx\": 1, \"yy\": 1, \"zz\": 0.5},\n"
    " \"baths\": {\"L\": {\"X\": {\"x\": 1}, \"Ybar\": \"-t/2\", \"c\": 1, \"d\": 1, "
    "\"T\": 1.5},\n"
    "            \"R\": {\"X\": {\"x\": 1}, \"Ybar\": 0, \"c\": 1, \"d\": 1, \"t\": "
    "\"1/4\"}}}\n";

static char scratch[] = "/tmp/nessgen-fuzz-cli-XXXXXX";

static void remove_scratch(void)
{
    char path[64];
    snprintf(path, sizeof path, "%s/m.json", scratch);
    unlink(path);
    rmdir(scratch);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char path[64];
    FILE *f;
    (void)argc;
    (void)argv;
    if (mkdtemp(scratch) == NULL)
        abort();
    atexit(remove_scratch);
    snprintf(path, sizeof path, "%s/m.json", scratch);
    f = fopen(path, "w");
    if (f == NULL || fputs(model_file, f) < 0 || fclose(f) != 0)
        abort();
    /* --help and the text of successful parses go to stdout */
    if (freopen("/dev/null", "w", stdout) == NULL)
        abort();
    return 0;
}

/* Removes what -o wrote, so the folder stays small; m.json is rewritten if a
 * run replaced it. */
static void tidy(const char *output)
{
    if (output != NULL && strcmp(output, "-") != 0 && strcmp(output, "m.json") != 0)
        unlink(output);
    if (output != NULL && strcmp(output, "m.json") == 0) {
        FILE *f = fopen("m.json", "w");
        if (f != NULL) {
            fputs(model_file, f);
            fclose(f);
        }
    }
}

static void exercise(const cli_command *cmd, int argc, char **argv)
{
    cli_t cli;
    int status = cli_parse(&cli, cmd, argc, argv);
    if (status == CLI_OK) {
        if (cmd->options & CLI_OPT_MODEL) {
            ng_model_t M;
            if (cli_resolve_model(&cli, M, "tilted-ising", 2) == CLI_OK)
                ng_model_clear(M);
        }
        fprintf(cli.out, "%s\n", cli.command_line);
        cli_finish(&cli);
        tidy(cli.output);
    }
    cli_clear(&cli);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *words[MAX_WORDS + 1], buf[MAX_WORDS * (MAX_WORD + 1)];
    int ncommands = 0, argc = 1;
    size_t k = 0;
    if (size < 1 || size > sizeof buf)
        return 0;
    while (cli_commands[ncommands].name != NULL)
        ncommands++;
    const cli_command *cmd = cli_commands + data[0] % ncommands;
    words[0] = (char *)cmd->name;
    words[1] = buf;
    for (size_t i = 1; i < size; i++) {
        if (data[i] == '/' || k - (size_t)(words[argc] - buf) >= MAX_WORD)
            return 0;
        if (data[i] == '\0') {
            buf[k++] = '\0';
            if (++argc == MAX_WORDS)
                return 0;
            words[argc] = buf + k;
        } else {
            buf[k++] = (char)data[i];
        }
    }
    buf[k] = '\0';
    if (size > 1)
        argc++;
    words[argc] = NULL;
    int here = open(".", O_RDONLY | O_DIRECTORY);
    if (here < 0 || chdir(scratch) != 0)
        abort();
    exercise(cmd, argc, words);
    if (fchdir(here) != 0)
        abort();
    close(here);
    return 0;
}
