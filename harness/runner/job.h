/* The job, from the host's sealed file to the harness's pipe (docs/internals.md, "The job").
 *
 * The host writes the job lines encrypted (/sub/p/job.enc, chacha20.h) and gives the key to the
 * runner alone, in its environment (JUDGE_JOB_KEY). The runner takes the key out of its
 * environment before anything else runs, decrypts the job into memory that its children do not
 * inherit (MADV_WIPEONFORK), and feeds the harness over a pipe: the header line and case 0 when
 * the harness starts, case i only after case i-1's R line. So neither the compile step nor the
 * user's code during a case can read a later case's arguments. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct job {
        uint8_t *key;       /* CHACHA20_KEY_SIZE bytes in a wipe-on-fork page, or NULL */
        char *text;         /* the decrypted job lines, in a wipe-on-fork mapping, or NULL */
        size_t text_len, map_len;
        size_t *line_end;   /* offset just past line k's newline, for k < n_lines */
        long long n_lines;  /* 1 (header) + cases */
        int fd;             /* write end of the feed pipe (non-blocking), -1 when none */
        size_t sent, allowed; /* bytes of text written to the pipe, and that may be */
};

/* Take the key from $JUDGE_JOB_KEY into j and erase it from the environment (the variable's
 * bytes in place, then the entry). Call first thing in main: the key must be gone before any
 * child exists. A missing or malformed key is not an error here (job_load reports it). */
void job_take_key(struct job *j);

/* Read and decrypt the sealed job at path and check it has exactly 1 + cases lines, each
 * ending in a newline. The key is erased afterwards. Returns 0, or -errno with errbuf set. */
int job_load(struct job *j, const char *path, long long cases, char *errbuf, size_t errlen);

/* Create the feed pipe: returns the read end for the harness (close-on-exec; the child moves it
 * to fd 4), or -errno. The header and case 0 are allowed at once. */
int job_feed_open(struct job *j);

/* Cases 0..done may now be sent (call with the number of cases answered by R lines). */
void job_feed_allow(struct job *j, long long done);

/* Whether allowed bytes are still waiting for room in the pipe (poll the fd for POLLOUT). */
bool job_feed_pending(const struct job *j);

/* Write what is allowed and fits, without blocking. A harness that closed its end gets no more
 * (its next read fails, which is its own runtime error). */
void job_feed_pump(struct job *j);

/* Erase and release everything; j is reset. */
void job_free(struct job *j);
