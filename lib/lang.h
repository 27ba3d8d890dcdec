/* Language definitions: images/<lang>/lang.json (see docs/internals.md), and where the judge's
 * data files (images/, harness/, seccomp-profiles/) and the runner binary live. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* One npm package of a language's image ("npm" in lang.json): the tarball is fetched on the host
 * into the cache directory once, checked against sha256 and unpacked in the image under
 * /opt/judge/node_modules/<name>. */
struct lang_npm {
        char *name;    /* "lodash", "@datastructures-js/queue" */
        char *version; /* "4.17.21": an exact version, no range */
        char *sha256;  /* 64 lowercase hex digits: the tarball's SHA-256 */
};

struct lang {
        char *name;           /* "python" */
        char *extension;      /* "py" */
        char *source;         /* file name of the user's code in src/: "solution.py" */
        char *display;        /* "Python 3.11" */
        double time_multiplier;
        char *base_image;     /* admin override of the base image, NULL = build one with mmdebstrap */
        char **packages;      /* Debian packages of the base root filesystem; NULL-terminated */
        char *suite;          /* Debian release of that root filesystem ("trixie"); NULL = the host's */
        char **compile;       /* argv of the compile step, NULL-terminated; NULL when none */
        long compile_time_ms;
        long compile_memory_mb;
        char **run;           /* argv of the harness, NULL-terminated */
        char **env;           /* NAME=value, NULL-terminated */
        char ***prepare;      /* image build steps (argv each), NULL-terminated; may be NULL */
        long memory_extra_mb; /* runtime overhead allowed on top of the problem's memory limit */
        long startup_allowance_ms; /* CPU of the runtime's own boot (exec to the B line) not charged */
        struct lang_npm *npm; /* npm packages of the image, n_npm of them; NULL when none */
        size_t n_npm;
        char *dir;            /* images/<name> */
        char *json;           /* lang.json text */
};

/* Root of the data files: $JUDGE_HOME, else the source tree the binary was built from, else
 * the installed data directory. Never NULL. */
const char *lang_data_dir(void);
/* Path of the runner binary: $JUDGE_RUNNER, else the build tree's, else the installed one. */
const char *lang_runner_path(void);

/* Language name for a file name by its extension (PROBLEM-FORMAT.md's table), NULL if none. */
const char *lang_for_path(const char *path);
/* Every language the format knows, NULL-terminated, in a fixed order. */
extern const char *const lang_all[];

/* Load images/<name>/lang.json. -ENOENT with a clear message for a language without one. */
int lang_load(const char *name, struct lang **ret, struct judge_error *err);
struct lang *lang_free(struct lang *l);
DEFINE_CLEANUP(struct lang, lang_free)

/* Read a whole file into a NUL-terminated buffer, failing with -EFBIG past max bytes. */
int read_file_capped(const char *path, size_t max, char **ret, size_t *ret_len, struct judge_error *err);
