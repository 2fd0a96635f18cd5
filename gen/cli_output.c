/* Output is buffered in memory and written at the end, to stdout or to
 * -o FILE, by the rules of README's "Exit status" section:
 *
 *   - a regular file (or a new name) is replaced whole or not at all: the
 *     output goes to a temporary file beside the target (".nessgen-XXXXXX",
 *     so a 250-byte name does not grow past the 255-byte limit), which gets
 *     the target's mode (and owner, when we may set it) and is renamed over
 *     the target;
 *   - a regular file with more than one hard link is rewritten in place (a
 *     rename would cut it from its other names): the whole output is
 *     computed before the file is opened, but a write error (a full disk)
 *     can then leave it partial — the message says so;
 *   - a device, a pipe or a socket is written through, never replaced;
 *   - a symbolic link is followed (hop by hop, also when it dangles) and its
 *     target is written by these rules; the link itself stays.
 *
 * Exit status 2 when the target cannot be written at all (empty name, a
 * directory, a folder that does not exist, no permission), 1 when writing
 * failed part way; both with the system's reason. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define MAX_LINK_HOPS 40

static int fail(const char *command, const char *what, const char *doing, int err,
                int status)
{
    fprintf(stderr, "nessgen %s: %s: %s: %s\n", command, what, doing, strerror(err));
    return status;
}

/* The folder of path ("." for a bare name); flint_malloc'd. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *d;
    if (slash == NULL)
        return strcpy(flint_malloc(2), ".");
    if (slash == path)
        return strcpy(flint_malloc(2), "/");
    d = flint_malloc((size_t)(slash - path) + 1);
    memcpy(d, path, (size_t)(slash - path));
    d[slash - path] = '\0';
    return d;
}

/* The file a chain of symbolic links ends at (it may not exist yet);
 * flint_malloc'd, NULL with errno set (ELOOP) on a loop. */
static char *follow_links(const char *path)
{
    char *p = strcpy(flint_malloc(strlen(path) + 1), path);
    for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
        struct stat st;
        char link[4096], *next;
        ssize_t n;
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
            return p;
        n = readlink(p, link, sizeof link - 1);
        if (n < 0) {
            flint_free(p);
            return NULL;
        }
        link[n] = '\0';
        if (link[0] == '/') {
            next = strcpy(flint_malloc((size_t)n + 1), link);
        } else {
            char *dir = folder_of(p);
            next = flint_malloc(strlen(dir) + (size_t)n + 2);
            sprintf(next, "%s/%s", dir, link);
            flint_free(dir);
        }
        flint_free(p);
        p = next;
    }
    flint_free(p);
    errno = ELOOP;
    return NULL;
}

static int write_fd(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : EIO;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Devices, pipes, and files with several hard links: opened and written. */
static int write_in_place(const char *command, const char *what, const char *target,
                          int flags, const char *buf, size_t len)
{
    int fd = open(target, O_WRONLY | O_NOCTTY | flags), err;
    if (fd < 0)
        return fail(command, what, "cannot write", errno, CLI_EUSAGE);
    err = write_fd(fd, buf, len);
    if (close(fd) != 0 && err == 0 && errno != EINTR)
        err = errno;
    if (err != 0)
        return fail(command, what,
                    (flags & O_TRUNC)
                        ? "writing failed (the file, rewritten in place to keep "
                          "its hard links, may be partial)"
                        : "writing failed",
                    err, CLI_ECOMPUTE);
    return CLI_OK;
}

static mode_t new_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* A temporary file beside target, renamed over it once complete. */
static int replace_whole(const char *command, const char *what, const char *target,
                         const struct stat *old, const char *buf, size_t len)
{
    static const char name[] = "/.nessgen-XXXXXX";
    char *dir = folder_of(target), *tmp;
    size_t n = strlen(dir);
    int fd, err = 0;
    tmp = flint_malloc(n + sizeof name);
    memcpy(tmp, dir, n);
    memcpy(tmp + n, name, sizeof name);
    flint_free(dir);
    fd = mkstemp(tmp);
    if (fd < 0) {
        err = errno;
        flint_free(tmp);
        return fail(command, what, "cannot write", err, CLI_EUSAGE);
    }
    /* owner first: fchown clears the set-id bits that fchmod then restores */
    if (old != NULL && geteuid() == 0 && fchown(fd, old->st_uid, old->st_gid) != 0)
        err = errno;
    if (err == 0 && fchmod(fd, old != NULL ? old->st_mode & 07777 : new_file_mode()) != 0)
        err = errno;
    if (err == 0)
        err = write_fd(fd, buf, len);
    if (err == 0 && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && err == 0)
        err = errno;
    if (err == 0 && rename(tmp, target) != 0)
        err = errno;
    if (err != 0)
        unlink(tmp);
    flint_free(tmp);
    return err == 0 ? CLI_OK
                    : fail(command, what, "writing failed (the old file is unchanged)",
                           err, CLI_ECOMPUTE);
}

/* The file to write for path, and whether it exists (*exists); CLI_OK or a
 * message.  What stat() reaches through the links and is no regular file
 * (a device, a pipe — also behind /proc's /dev/stdout, whose link text is
 * no path) is written through path itself; for a regular file or a new
 * name the links are followed, so that the rename replaces the target. */
static int examine(char **target, struct stat *st, int *exists, const char *command,
                   const char *what, const char *path)
{
    if (path[0] == '\0')
        return fail(command, what, "cannot write", ENOENT, CLI_EUSAGE);
    if (stat(path, st) == 0 && !S_ISREG(st->st_mode)) {
        if (S_ISDIR(st->st_mode))
            return fail(command, what, "cannot write", EISDIR, CLI_EUSAGE);
        *exists = 1;
        *target = strcpy(flint_malloc(strlen(path) + 1), path);
        return CLI_OK;
    }
    *target = follow_links(path);
    if (*target == NULL)
        return fail(command, what, "cannot write", errno, CLI_EUSAGE);
    *exists = stat(*target, st) == 0;
    if (!*exists && errno != ENOENT) {
        int err = errno;
        flint_free(*target);
        return fail(command, what, "cannot write", err, CLI_EUSAGE);
    }
    if (*exists && S_ISDIR(st->st_mode)) {
        flint_free(*target);
        return fail(command, what, "cannot write", EISDIR, CLI_EUSAGE);
    }
    return CLI_OK;
}

int cli_write_file(const char *command, const char *what, const char *path,
                   const char *buf, size_t len)
{
    struct stat st;
    char *target;
    int exists, status = examine(&target, &st, &exists, command, what, path);
    if (status != CLI_OK)
        return status;
    if (exists && !S_ISREG(st.st_mode))
        status = write_in_place(command, what, target, 0, buf, len);
    else if (exists && st.st_nlink > 1)
        status = write_in_place(command, what, target, O_TRUNC, buf, len);
    else
        status = replace_whole(command, what, target, exists ? &st : NULL, buf, len);
    flint_free(target);
    return status;
}

/* "-o NAME" for messages, NAME quoted as a shell word ('' for an empty one). */
static void output_label(char *buf, size_t size, const char *output)
{
    char *q = cli_shell_quote(output);
    snprintf(buf, size, "-o %s", q);
    flint_free(q);
}

int cli_check_output(const cli_t *cli)
{
    struct stat st, dst;
    char *target, *dir, what[4200];
    int exists, status;
    if (cli->output == NULL || strcmp(cli->output, "-") == 0)
        return CLI_OK;
    output_label(what, sizeof what, cli->output);
    status = examine(&target, &st, &exists, cli->command, what, cli->output);
    if (status != CLI_OK)
        return status;
    dir = folder_of(target);
    if (exists && !S_ISREG(st.st_mode))
        status = CLI_OK; /* written through; opening a pipe now could block */
    else if (exists && st.st_nlink > 1)
        status = access(target, W_OK) == 0
                     ? CLI_OK
                     : fail(cli->command, what, "cannot write", errno, CLI_EUSAGE);
    else if (stat(dir, &dst) != 0)
        status = fail(cli->command, what, "cannot write", errno, CLI_EUSAGE);
    else if (!S_ISDIR(dst.st_mode))
        status = fail(cli->command, what, "cannot write", ENOTDIR, CLI_EUSAGE);
    else if (access(dir, W_OK | X_OK) != 0)
        status = fail(cli->command, what, "cannot write", errno, CLI_EUSAGE);
    flint_free(dir);
    flint_free(target);
    return status;
}

int cli_finish(cli_t *cli)
{
    char what[4200];
    if (fflush(cli->out) != 0)
        return fail(cli->command, "output", "cannot buffer", errno, CLI_ECOMPUTE);
    if (cli->output == NULL || strcmp(cli->output, "-") == 0) {
        if (fwrite(cli->out_buf, 1, cli->out_len, stdout) != cli->out_len ||
            fflush(stdout) != 0)
            return fail(cli->command, "standard output", "writing failed", errno,
                        CLI_ECOMPUTE);
        return CLI_OK;
    }
    output_label(what, sizeof what, cli->output);
    return cli_write_file(cli->command, what, cli->output, cli->out_buf, cli->out_len);
}
