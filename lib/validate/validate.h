/* `judge validate`'s model: the problem packages (given as a package, a set of them, or an
 * archive of either), every reference solution in their submissions/<expected>/ folders, the
 * languages those are in, judging them over a pool of engines (validate/pool.h), and the report
 * of it all (validate/report.h). cmd/judge/validate.c parses options, opens engines and prints.
 *
 * Flow: validate_init; name languages (validate_lang, then set named and lang_filter);
 * validate_want_langs; validate_add_path per PATH; validate_schedule on one engine;
 * validate_judge on one engine per worker; validate_report; validate_free. */
#pragma once

#include <stdatomic.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "engine/engine.h"
#include "judge/judge.h"
#include "lang/lang.h"
#include "problem/problem.h"
#include "validate/pool.h"
#include "validate/report.h"

/* One language's state for this run, looked up once. */
struct validate_lang {
        const char *name;
        bool wanted;       /* named with --lang, or no --lang given */
        bool named;        /* named with --lang */
        bool checked;      /* availability looked up */
        struct lang *lang; /* NULL when it has no lang.json */
        bool available;
        char reason[1024]; /* why it is not available */
};

struct validate_package;

struct validate_solution {
        struct validate_package *pkg;
        char *rel;                  /* "submissions/accepted/sol.py" */
        char *path;
        const char *folder;         /* "accepted" */
        enum verdict expected;
        struct validate_lang *slot; /* its language */
        bool judge;                 /* to be judged (queued) */
        char *code;                 /* read on the first attempt */
        size_t code_len;
        struct pool_task task;      /* the judgement, written by the worker that takes it */
};

struct validate_package {
        char *dir;         /* where it is on disk */
        char *name;        /* folder name */
        char *display;     /* for people: the path given, or ARCHIVE:path-inside */
        struct problem *p; /* NULL when the package has errors */
        struct diag_list diags;
        struct judge_error load_err;
        double load_s;
        struct validate_solution *sols;
        size_t n_sols;
        size_t n_accepted; /* files in submissions/accepted/ with a known language */
};

/* A suite-level failure that is not about one package (an archive, an empty set). */
struct validate_failure {
        char *name, *display, *check, *msg;
};

struct validate {
        struct validate_lang langs[LANG_HANDLERS_MAX];
        size_t n_langs;
        bool lang_filter; /* some language was named: only named ones are wanted */
        bool no_judge;    /* static checks only */
        const atomic_int *interrupted; /* stops the adding and judging; NULL: never */
        struct validate_package **pkgs;
        size_t n_pkgs;
        struct validate_failure *fails;
        size_t n_fails;
        char **tmpdirs; /* archives' extractions, removed by validate_free */
        size_t n_tmpdirs;
        struct pool_task **queue; /* what the pool judges */
        size_t n_queue;
};

/* Set v up empty with one slot per language of lang_handlers, every one wanted. */
void validate_init(struct validate *v, const atomic_int *interrupted);
/* Free everything v holds and remove the archives' temporary trees; v itself is the caller's. */
void validate_free(struct validate *v);

/* The slot of the language called name, or NULL if there is none. */
struct validate_lang *validate_lang(struct validate *v, const char *name);
/* After naming languages (slot->named, v->lang_filter): wanted = named, or all if none was. */
void validate_want_langs(struct validate *v);

/* Add what path holds: a package (a directory with problem.json), a problem set (any other
 * directory: each visible subdirectory a package) or an archive of either (extracted into a
 * temporary directory). Each package is loaded and statically checked now (problem_load, the
 * submissions/ lint, which languages cannot express its signature) and its solutions listed.
 * What is wrong with the input (an unreadable set, a bad archive) becomes a failure in the
 * report, not an error. Returns 0, or -ENOMEM. */
int validate_add_path(struct validate *v, const char *path);

/* How many solutions would be judged, given an engine: wanted languages, loadable packages, and
 * not no_judge. */
size_t validate_wanted(const struct validate *v);

/* Look up each wanted language on e (its lang.json, its image built there) once, and queue
 * every solution whose language is available. Returns 0 with *ret_n the number queued, or
 * -ENOMEM. */
int validate_schedule(struct validate *v, struct engine *e, size_t *ret_n);

/* Judge the queued solutions on n_engines engines at once (one worker thread each; n_engines
 * from pool_workers) under the pool's retry policy. on_done (may be NULL) is called as each
 * finishes; its task's item is the struct validate_solution. Returns 0, or -EINVAL for a bad
 * n_engines. */
int validate_judge(struct validate *v, struct engine *const *engines, size_t n_engines,
                   void (*on_done)(void *userdata, const struct pool_task *t, size_t finished, size_t total),
                   void *userdata);

/* Add every check to rep: one suite per package (its files, its submissions/ folder, one case
 * per solution with its verdict and warnings) and one per input failure. Returns 0, or -ENOMEM. */
int validate_report(const struct validate *v, struct report *rep);
