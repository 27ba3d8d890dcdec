#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "cli.h"
#include "lang/lang.h"
#include "base/parse.h"

atomic_int judge_interrupted; /* the signal that stopped us; read by the validate pool's threads */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the signal handler stores to an atomic_int");

static void on_signal(int sig) {
        atomic_store(&judge_interrupted, sig);
}

int cli_number(const char *verb, const char *opt, const char *v, long min, long max, long *ret) {
        int r = parse_long(v, min, max, ret);
        if (r == -ERANGE)
                fprintf(stderr, "judge %s: %s %.40s is out of range (%ld to %ld)\n", verb, opt, v, min, max);
        else if (r < 0)
                fprintf(stderr, "judge %s: %s wants an integer, got '%.40s'\n", verb, opt, v);
        return r < 0 ? -EINVAL : 0;
}

struct engine *cli_engine_open(const char *url, bool quiet) {
        struct judge_error err = { 0 };
        struct engine *e = NULL;
        if (engine_open(url, &e, &err) < 0) {
                fprintf(stderr, "judge: %s\n", err.msg);
                return NULL;
        }
        engine_set_interrupt(e, &judge_interrupted); /* its transfers stop (-EINTR) once a signal came */
        char *desc = NULL;
        if ((quiet ? engine_probe(e, &err) : engine_ping(e, &desc, &err)) < 0) {
                fprintf(stderr, "judge: the container engine at %s does not answer: %s\n", engine_socket_path(e),
                        err.msg);
                return engine_free(e);
        }
        if (!quiet)
                fprintf(stderr, "engine: %s at %s\n", desc, engine_socket_path(e));
        free(desc);
        return e;
}

void cli_progress(const char *line, void *userdata) {
        fprintf(stderr, "%s\n", line);
}

static int verb_version(int argc, char **argv) {
        printf("judge %s\n", JUDGE_VERSION);
        printf("data: %s\n", lang_data_dir());
        const char *url = NULL;
        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
                        printf("Usage: judge version [--engine URL]\n");
                        return 0;
                }
                if (strcmp(argv[i], "--engine") == 0 && i + 1 < argc)
                        url = argv[++i];
                else if (strncmp(argv[i], "--engine=", 9) == 0)
                        url = argv[i] + 9;
        }
        struct judge_error err = { 0 };
        _cleanup_(engine_freep) struct engine *e = NULL;
        if (engine_open(url, &e, &err) < 0) {
                printf("engine: none (%s)\n", err.msg);
                return 0;
        }
        engine_set_interrupt(e, &judge_interrupted); /* its transfers stop (-EINTR) once a signal came */
        char *desc = NULL;
        if (engine_ping(e, &desc, &err) < 0)
                printf("engine: %s does not answer (%s)\n", engine_socket_path(e), err.msg);
        else
                printf("engine: %s at %s\n", desc, engine_socket_path(e));
        free(desc);
        return 0;
}

static int verb_help(int argc, char **argv);

/* The verbs, in the order `judge --help` lists them. help holds the verb's lines there, a
 * synopsis and what it does ("\n" continues the description on the next line); a verb without
 * help is an alias that is not listed. */
static const struct verb {
        const char *name;
        int (*run)(int argc, char **argv);
        const char *help[2][2];
} verbs[] = {
        { "run", verb_run, { { "run PROBLEM_DIR SOLUTION_FILE", "judge one solution and print the verdict" } } },
        { "validate", verb_validate,
          { { "validate PATH...", "check problem packages or a set (dir, .tar, .tar.gz, .zip):\n"
                                  "format, cases, and every reference solution's verdict" } } },
        { "images", verb_images,
          { { "images build [LANG...]", "build the per-language images (offline, content-hashed)" },
            { "images list", "show each language's image and whether it is built" } } },
        { "stub", verb_stub, { { "stub PROBLEM_DIR --lang LANG", "print the starter code of a problem in LANG" } } },
        { "leaderboard", verb_leaderboard,
          { { "leaderboard rebuild ID", "rebuild a competition's Redis leaderboard from PostgreSQL" } } },
        { "gc", verb_gc, { { "gc", "remove every container and volume the judge left behind" } } },
        { "version", verb_version, { { "version", "print the version, and the engine's if one answers" } } },
        { "--version", verb_version, { { NULL } } },
        { "help", verb_help, { { NULL } } },
        { "--help", verb_help, { { NULL } } },
        { "-h", verb_help, { { NULL } } },
};

static void usage(FILE *f) {
        fputs("Usage: judge COMMAND [OPTIONS]\n"
              "\n"
              "A self-hosted, LeetCode-compatible code judge: every submission runs in its own\n"
              "sandboxed container (Docker or Podman).\n"
              "\n"
              "Commands:\n",
              f);
        for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
                for (size_t k = 0; k < ELEMENTSOF(verbs[i].help) && verbs[i].help[k][0]; k++) {
                        const char *what = verbs[i].help[k][1] ? verbs[i].help[k][1] : "";
                        fprintf(f, "  %-31s %.*s\n", verbs[i].help[k][0], (int) strcspn(what, "\n"), what);
                        for (const char *nl = strchr(what, '\n'); nl; nl = strchr(nl + 1, '\n'))
                                fprintf(f, "  %-31s %.*s\n", "", (int) strcspn(nl + 1, "\n"), nl + 1);
                }
        fputs("\n"
              "Run 'judge COMMAND --help' for a command's options.\n"
              "Engine: --engine unix:///path, else $JUDGE_ENGINE, else $DOCKER_HOST, else the usual\n"
              "Docker and Podman socket paths.\n",
              f);
}

static int verb_help(int argc _unused_, char **argv _unused_) {
        usage(stdout);
        return 0;
}

int main(int argc, char **argv) {
        struct sigaction sa = { .sa_handler = on_signal };
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);

        if (argc < 2) {
                usage(stderr);
                return EXIT_USAGE;
        }
        for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
                if (strcmp(argv[1], verbs[i].name) == 0)
                        return verbs[i].run(argc - 1, argv + 1);
        fprintf(stderr, "judge: unknown command '%s'\n\n", argv[1]);
        usage(stderr);
        return EXIT_USAGE;
}
