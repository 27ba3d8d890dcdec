/* Language definitions: images/<lang>/lang.json (see docs/internals.md), and where the judge's
 * data files (images/, harness/, seccomp-profiles/) and the runner binary live. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

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

struct buf;
struct codegen_file;
struct problem;
struct signature;

/* One language's code in the judge, registered in lang_handlers (lib/lang/languages.c, the only
 * place that lists languages). Everything else about a language is data in
 * images/<name>/lang.json, read by lang_load: its file extension (the only source of
 * extensions), source file name, toolchain and limits. Adding a language = one handler (its
 * generators in lib/codegen_<name>.c) and one images/<name>/ directory. codegen_glue and
 * codegen_stub find the handler by name and run codegen_check_signature, then check, before
 * calling glue or stub, so these three may assume a signature whose names are identifiers and
 * whose parameters and methods have types and return types. */
struct lang_handler {
        const char *name; /* "python": images/<name>/lang.json, --lang, job documents */
        /* What this language cannot express beyond that common check (C: arrays nested deeper
         * than 2 are -EOPNOTSUPP). 0 or a negative errno with err set; NULL: nothing more. */
        int (*check)(const struct signature *s, struct judge_error *err);
        /* The glue files beside the user's solution in src/ (codegen_glue's contract for this
         * language); NULL: none are needed (python, javascript). */
        int (*glue)(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                    struct judge_error *err);
        /* LeetCode's starter code appended to out (codegen_stub's contract); returns out's
         * error (buf_err), which codegen_stub reports as "generating the <name> starter code
         * failed". */
        int (*stub)(const struct problem *p, struct buf *out);
};

/* Room for every language in per-language arrays (judged's reference solutions); the table
 * holds at most this many (a static assertion in lib/lang/languages.c). */
#define LANG_HANDLERS_MAX 16

/* Every language, in a fixed order (python, cpp, java, javascript, c, go, rust), ended by an
 * entry whose name is NULL. */
extern const struct lang_handler lang_handlers[];

/* The handler named name, NULL for an unknown name (or NULL). */
const struct lang_handler *lang_handler_find(const char *name);
/* "python, cpp, java, javascript, c, go, rust" with sep between names, into buf (truncated
 * to size). Returns buf. For "unknown language" messages. */
const char *lang_known(char *buf, size_t size, const char *sep);

/* The language of a file by its extension: the text after the last dot of its last path
 * component, compared with the "extension" of each handler's images/<name>/lang.json (read
 * once per process; a language without a readable lang.json has no extension). 0 and *ret;
 * -EINVAL with a message naming the file and the known extensions when none matches. */
int lang_handler_for_path(const char *path, const struct lang_handler **ret, struct judge_error *err);
/* lang_handler_for_path's language name, NULL if none. */
const char *lang_for_path(const char *path);

/* Load images/<name>/lang.json. -ENOENT with a clear message for a language without one. */
int lang_load(const char *name, struct lang **ret, struct judge_error *err);
struct lang *lang_free(struct lang *l);
DEFINE_CLEANUP(struct lang, lang_free)

/* Read a whole file into a NUL-terminated buffer, failing with -EFBIG past max bytes. */
int read_file_capped(const char *path, size_t max, char **ret, size_t *ret_len, struct judge_error *err);
