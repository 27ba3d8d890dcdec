/* The sealed job, decrypted into memory the runner's children never see, fed to the harness
 * one case at a time (job.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "job.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chacha20.h"

#define JOB_MAX ((size_t)1 << 30) /* the host caps the job at 256 MiB */
#define FEED_PIPE_SIZE (1 << 20)  /* the unprivileged maximum by default (fs.pipe-max-size) */

/* Anonymous memory that a fork() child sees as zeros and that no core dump holds. */
static void *secret_alloc(size_t len) {
        void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
                return NULL;
        /* Best effort: before Linux 4.14 the children get a copy, which they cannot show anyone
         * (they exec at once, and the runner is not dumpable); the key is erased when loaded. */
        (void)madvise(p, len, MADV_WIPEONFORK);
        (void)madvise(p, len, MADV_DONTDUMP);
        return p;
}

static void secret_free(void *p, size_t len) {
        if (!p)
                return;
        explicit_bzero(p, len);
        munmap(p, len);
}

static size_t page_round(size_t n) {
        size_t pg = (size_t)sysconf(_SC_PAGESIZE);
        return (n + pg - 1) / pg * pg;
}

void job_take_key(struct job *j) {
        *j = (struct job){.fd = -1};
        char *hex = getenv(JOBSEAL_KEY_ENV);
        if (!hex)
                return;
        j->key = secret_alloc(page_round(CHACHA20_KEY_SIZE));
        if (j->key && chacha20_unhex(hex, j->key, CHACHA20_KEY_SIZE) < 0) {
                secret_free(j->key, page_round(CHACHA20_KEY_SIZE));
                j->key = NULL;
        }
        /* In place: /proc/<pid>/environ shows the process's original environment block. */
        explicit_bzero(hex, strlen(hex));
        unsetenv(JOBSEAL_KEY_ENV);
}

static void drop_key(struct job *j) {
        secret_free(j->key, page_round(CHACHA20_KEY_SIZE));
        j->key = NULL;
}

static ssize_t read_full(int fd, void *buf, size_t n) {
        size_t got = 0;
        while (got < n) {
                ssize_t k = read(fd, (char *)buf + got, n - got);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k < 0)
                        return -errno;
                if (k == 0)
                        break;
                got += (size_t)k;
        }
        return (ssize_t)got;
}

int job_load(struct job *j, const char *path, long long cases, char *errbuf, size_t errlen) {
        uint8_t head[JOBSEAL_HEADER_SIZE];
        struct stat st;
        int ret = 0;
        if (!j->key) {
                drop_key(j);
                snprintf(errbuf, errlen, "no job key: $%s is missing or not 64 hex digits", JOBSEAL_KEY_ENV);
                return -ENOKEY;
        }
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
                ret = -errno;
                snprintf(errbuf, errlen, "open %s: %s", path, strerror(errno));
                goto out;
        }
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size < JOBSEAL_HEADER_SIZE ||
            (size_t)st.st_size - JOBSEAL_HEADER_SIZE > JOB_MAX) {
                ret = -EINVAL;
                snprintf(errbuf, errlen, "%s is not a sealed job (size)", path);
                goto out;
        }
        if (read_full(fd, head, sizeof head) != (ssize_t)sizeof head ||
            memcmp(head, JOBSEAL_MAGIC, JOBSEAL_MAGIC_SIZE) != 0) {
                ret = -EINVAL;
                snprintf(errbuf, errlen, "%s is not a sealed job (header)", path);
                goto out;
        }
        j->text_len = (size_t)st.st_size - JOBSEAL_HEADER_SIZE;
        j->map_len = page_round(j->text_len ? j->text_len : 1);
        j->text = secret_alloc(j->map_len);
        if (!j->text) {
                ret = -ENOMEM;
                snprintf(errbuf, errlen, "out of memory for a %zu-byte job", j->text_len);
                goto out;
        }
        if (read_full(fd, j->text, j->text_len) != (ssize_t)j->text_len) {
                ret = -EIO;
                snprintf(errbuf, errlen, "reading %s: short or failed read", path);
                goto out;
        }
        chacha20_xor(j->key, 1, head + JOBSEAL_MAGIC_SIZE, j->text, j->text_len);

        /* 1 + cases lines, each ending in a newline. */
        long long n = 0;
        for (size_t i = 0; i < j->text_len; i++)
                n += j->text[i] == '\n';
        if (n != cases + 1 || j->text_len == 0 || j->text[j->text_len - 1] != '\n') {
                ret = -EINVAL;
                snprintf(errbuf, errlen, "the job has %lld lines, not 1 + %lld cases (wrong key?)", n, cases);
                goto out;
        }
        j->line_end = malloc((size_t)n * sizeof *j->line_end);
        if (!j->line_end) {
                ret = -ENOMEM;
                snprintf(errbuf, errlen, "out of memory");
                goto out;
        }
        j->n_lines = 0;
        for (size_t i = 0; i < j->text_len; i++)
                if (j->text[i] == '\n')
                        j->line_end[j->n_lines++] = i + 1;
out:
        if (fd >= 0)
                close(fd);
        drop_key(j);
        return ret;
}

int job_feed_open(struct job *j) {
        int p[2];
        if (!j->text || pipe2(p, O_CLOEXEC) < 0)
                return j->text ? -errno : -EINVAL;
        /* Fewer round trips for a large case; the default (64 KiB) works too. */
        (void)fcntl(p[1], F_SETPIPE_SZ, FEED_PIPE_SIZE);
        fcntl(p[1], F_SETFL, O_NONBLOCK);
        j->fd = p[1];
        j->sent = 0;
        j->allowed = 0;
        job_feed_allow(j, 0);
        return p[0];
}

void job_feed_allow(struct job *j, long long done) {
        if (!j->line_end || done < 0)
                return;
        long long last = done + 1 < j->n_lines ? done + 1 : j->n_lines - 1;
        if (j->line_end[last] > j->allowed)
                j->allowed = j->line_end[last];
}

bool job_feed_pending(const struct job *j) {
        return j->fd >= 0 && j->sent < j->allowed;
}

void job_feed_pump(struct job *j) {
        while (job_feed_pending(j)) {
                ssize_t n = write(j->fd, j->text + j->sent, j->allowed - j->sent);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0 && errno == EAGAIN)
                        return;
                if (n <= 0) {
                        /* The harness's end is closed: nobody to feed. */
                        close(j->fd);
                        j->fd = -1;
                        return;
                }
                /* Sent is no longer needed here. */
                explicit_bzero(j->text + j->sent, (size_t)n);
                j->sent += (size_t)n;
        }
}

void job_free(struct job *j) {
        drop_key(j);
        secret_free(j->text, j->map_len);
        free(j->line_end);
        if (j->fd >= 0)
                close(j->fd);
        *j = (struct job){.fd = -1};
}
