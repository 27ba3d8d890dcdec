/* The judge CLI: one file per verb, thin front ends over lib/. */
#pragma once

#include <stdatomic.h>
#include <signal.h>

#include "engine/engine.h"

/* Exit statuses: 0 accepted / success, 1 another verdict / a check failed, 2 usage or judge error. */
enum { EXIT_AC = 0, EXIT_VERDICT = 1, EXIT_USAGE = 2, EXIT_INTERRUPTED = 130 };

extern atomic_int judge_interrupted;

/* The verbs, one file each; main.c's table dispatches on argv[1] and passes argc - 1, argv + 1
 * (argv[0] is the verb). Each returns the process's exit status. */
int verb_run(int argc, char **argv);         /* run.c */
int verb_validate(int argc, char **argv);    /* validate.c */
int verb_images(int argc, char **argv);      /* images.c */
int verb_stub(int argc, char **argv);        /* stub.c */
int verb_leaderboard(int argc, char **argv); /* leaderboard.c */
int verb_gc(int argc, char **argv);          /* gc.c */

/* A numeric option value (opt names it, "--deadline-ms") in [min, max] through parse_long; on
 * a bad one prints "judge VERB: ..." and returns -EINVAL (the caller exits EXIT_USAGE). */
int cli_number(const char *verb, const char *opt, const char *v, long min, long max, long *ret);

/* Open the engine named by --engine (NULL: auto) and ping it; prints the error and returns NULL on failure. */
struct engine *cli_engine_open(const char *url, bool quiet);
void cli_progress(const char *line, void *userdata);
