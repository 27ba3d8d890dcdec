/* judge validate: check a whole problem set, as CI does before a set is published.
 *
 * Static checks come from problem_load (every error and warning with its file); this verb adds
 * what needs an engine: every reference solution in submissions/<expected>/ is judged and must
 * get its folder's verdict, with a time margin for accepted ones. Results go to a summary table
 * (stdout), a progress line per judgement (stderr), and optionally JUnit XML and JSON reports. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "validate/unpack.h"
#include "validate/validate.h"

static int usage_validate(FILE *f) {
        fputs("Usage: judge validate PATH... [--lang L...] [--junit FILE] [--json FILE] [-j N] [--werror]\n"
              "\n"
              "Check problem packages before they are published. PATH is a package, a problem-set\n"
              "directory (one package per subdirectory), or a .tar, .tar.gz or .zip of either.\n"
              "Each package is checked against the problem format (problem.json, statement, both test\n"
              "files, every case against the signature; duplicate cases are warnings), then every\n"
              "solution in submissions/<expected>/ is judged and must get that verdict. An accepted\n"
              "solution whose slowest case takes over half the time limit is a warning.\n"
              "\n"
              "  --lang L         judge only solutions in L (repeat, or L1,L2); a named language whose\n"
              "                   image is not built is a failure, others are skipped with a warning\n"
              "  --junit FILE     write a JUnit XML report (one testcase per check and per solution)\n"
              "  --json FILE      write the same report as one JSON document\n"
              "  -j, --jobs N     judge N solutions at once (default 1; timing is more reliable at 1)\n"
              "  --werror         warnings fail too\n"
              "  --no-judge       static checks only: judge no solution (no engine needed)\n"
              "  --engine URL     unix:///path/to/engine.sock (else $JUDGE_ENGINE, $DOCKER_HOST, defaults)\n"
              "\n"
              "Exit status: 0 everything holds, 1 a check failed, 2 usage error, 130 interrupted.\n",
              f);
        return f == stdout ? 0 : EXIT_USAGE;
}

/* A progress line per judgement, as each finishes (the pool calls it under its lock). */
static void print_progress(void *userdata, const struct pool_task *t, size_t finished, size_t total) {
        const struct validate_solution *s = t->item;
        const char *got = t->rc < 0 ? "IE" : verdict_code(t->res->verdict);
        bool match = t->rc >= 0 && t->res->verdict == s->expected;
        fprintf(stderr, "[%zu/%zu] %s %s ... %s %.1fs%s\n", finished, total, s->pkg->name,
                s->rel + strlen("submissions/"), got, t->wall_s,
                match ? "" : t->rc < 0 ? "  (judge failed)" : "  (unexpected)");
        fflush(stderr);
}

/* Open the engines (one per worker) and judge every wanted solution. Returns 0, or EXIT_USAGE
 * when no engine answers. */
static int judge_all(struct validate *v, const char *engine_url, long jobs) {
        if (validate_wanted(v) == 0)
                return 0;
        _cleanup_(engine_freep) struct engine *probe = cli_engine_open(engine_url, false);
        if (!probe)
                return EXIT_USAGE;
        size_t n_queue = 0;
        if (validate_schedule(v, probe, &n_queue) < 0)
                return EXIT_USAGE;
        if (n_queue == 0)
                return 0;

        size_t n_workers = pool_workers(jobs, n_queue);
        struct engine *engines[POOL_MAX_WORKERS] = { 0 };
        /* Engines are opened here, one per worker, before any thread starts (libcurl's global
         * initialisation is not thread-safe). */
        engines[0] = TAKE_PTR(probe);
        for (size_t i = 1; i < n_workers; i++)
                if (!(engines[i] = cli_engine_open(engine_url, true))) {
                        for (size_t j = 0; j < i; j++)
                                engine_free(engines[j]);
                        return EXIT_USAGE;
                }
        fprintf(stderr, "judging %zu solution%s with %zu worker%s\n", n_queue, n_queue == 1 ? "" : "s", n_workers,
                n_workers == 1 ? "" : "s");
        (void) validate_judge(v, engines, n_workers, print_progress, NULL);
        for (size_t i = 0; i < n_workers; i++)
                engine_free(engines[i]);
        return 0;
}

static void print_summary(struct validate *v, const struct report *rep) {
        /* The table: problem x solution. */
        int wp = 7, ws = 8;
        for (size_t i = 0; i < v->n_pkgs; i++) {
                int n = (int) strlen(v->pkgs[i]->name);
                wp = n > wp ? n : wp;
                for (size_t k = 0; k < v->pkgs[i]->n_sols; k++) {
                        int m = (int) strlen(v->pkgs[i]->sols[k].rel) - (int) strlen("submissions/");
                        ws = m > ws ? m : ws;
                }
        }
        wp = wp > 40 ? 40 : wp;
        ws = ws > 56 ? 56 : ws;
        bool any = false;
        for (size_t i = 0; i < rep->n_suites; i++) {
                const struct report_suite *s = rep->suites[i];
                for (size_t j = 0; j < s->n_cases; j++) {
                        const struct report_case *c = s->cases[j];
                        if (strncmp(c->name, "submissions/", 12) != 0)
                                continue;
                        if (!any)
                                printf("%-*s  %-*s  %-10s  %-8s  %-7s  %10s  %9s  %s\n", wp, "problem", ws, "solution",
                                       "lang", "expected", "verdict", "slowest", "memory", "result");
                        any = true;
                        char slowest[32] = "-", mem[32] = "-";
                        if (c->slowest_ms >= 0)
                                snprintf(slowest, sizeof slowest, "%.1f ms", c->slowest_ms);
                        if (c->memory_kb >= 0)
                                snprintf(mem, sizeof mem, "%.1f MB", (double) c->memory_kb / 1024.0);
                        const char *result = report_case_failed(rep, c) ? "FAIL"
                                             : c->status == REPORT_SKIP ? "skipped"
                                             : c->n_warnings            ? "ok (warning)"
                                                                        : "ok";
                        printf("%-*.*s  %-*.*s  %-10s  %-8s  %-7s  %10s  %9s  %s\n", wp, wp, s->name, ws, ws,
                               c->name + 12, c->lang ? c->lang : "-", c->expected ? c->expected : "-",
                               c->verdict ? c->verdict : "-", slowest, mem, result);
                }
        }
        if (any)
                printf("\n");

        /* Then every failure and warning, with its file and reason. */
        size_t shown = 0;
        for (size_t i = 0; i < rep->n_suites; i++) {
                const struct report_suite *s = rep->suites[i];
                for (size_t j = 0; j < s->n_cases; j++) {
                        const struct report_case *c = s->cases[j];
                        if (c->status == REPORT_FAIL) {
                                printf("FAIL  %s: %s: %s\n", s->path ? s->path : s->name, c->name, c->message);
                                shown++;
                        }
                        for (size_t k = 0; k < c->n_warnings; k++) {
                                printf("%s  %s: %s: %s\n", rep->werror ? "FAIL" : "warn", s->path ? s->path : s->name,
                                       c->name, c->warnings[k]);
                                shown++;
                        }
                }
        }
        if (shown)
                printf("\n");
        struct report_totals t;
        report_totals(rep, &t);
        size_t judged = 0;
        for (size_t i = 0; i < v->n_pkgs; i++)
                for (size_t k = 0; k < v->pkgs[i]->n_sols; k++)
                        judged += v->pkgs[i]->sols[k].task.done;
        printf("validate: %zu problem%s, %zu solution%s judged, %zu check%s: %zu failing, %zu warning%s, %zu skipped%s\n",
               v->n_pkgs, v->n_pkgs == 1 ? "" : "s", judged, judged == 1 ? "" : "s", t.cases, t.cases == 1 ? "" : "s",
               t.failed, t.warnings, t.warnings == 1 ? "" : "s", t.skipped,
               t.failed ? " -- FAILED" : " -- OK");
}

static int write_report(const char *path, const struct report *rep, bool junit) {
        struct buf b;
        buf_init(&b, (size_t) 256 << 20);
        int r = junit ? report_junit(rep, &b) : report_json(rep, &b);
        struct judge_error err = { 0 };
        if (r < 0)
                judge_err(&err, r, "the report does not fit in memory");
        else
                r = report_write_file(path, b.data, b.len, &err);
        buf_free(&b);
        if (r < 0)
                fprintf(stderr, "judge validate: %s: %s\n", path, err.msg);
        return r;
}

static int select_langs(struct validate *v, const char *list) {
        _cleanup_free_ char *copy = strdup(list);
        if (!copy)
                return -ENOMEM;
        char *save = NULL;
        for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
                struct validate_lang *s = validate_lang(v, t);
                if (!s) {
                        fprintf(stderr, "judge validate: unknown language '%s' (known:", t);
                        for (size_t i = 0; lang_handlers[i].name; i++)
                                fprintf(stderr, " %s", lang_handlers[i].name);
                        fprintf(stderr, ")\n");
                        return -EINVAL;
                }
                s->named = true;
        }
        v->lang_filter = true;
        return 0;
}

int verb_validate(int argc, char **argv) {
        static const struct option longopts[] = { { "lang", required_argument, NULL, 'l' },
                                                  { "junit", required_argument, NULL, 'J' },
                                                  { "json", required_argument, NULL, 'S' },
                                                  { "jobs", required_argument, NULL, 'j' },
                                                  { "werror", no_argument, NULL, 'W' },
                                                  { "no-judge", no_argument, NULL, 'N' },
                                                  { "engine", required_argument, NULL, 'e' },
                                                  { "help", no_argument, NULL, 'h' },
                                                  { NULL, 0, NULL, 0 } };
        struct validate v;
        validate_init(&v, &judge_interrupted);
        const char *junit = NULL, *json = NULL, *engine_url = NULL;
        long jobs = 1;
        bool werror = false;
        _cleanup_(report_freep) struct report *rep = NULL;
        int c, rc = EXIT_USAGE;
        while ((c = getopt_long(argc, argv, "hl:j:", longopts, NULL)) != -1) {
                switch (c) {
                case 'l':
                        if (select_langs(&v, optarg) < 0)
                                goto out;
                        break;
                case 'J': junit = optarg; break;
                case 'S': json = optarg; break;
                case 'j':
                        if (cli_number("validate", "-j", optarg, 1, POOL_MAX_WORKERS, &jobs) < 0)
                                goto out;
                        break;
                case 'W': werror = true; break;
                case 'N': v.no_judge = true; break;
                case 'e': engine_url = optarg; break;
                case 'h': rc = usage_validate(stdout); goto out;
                default: rc = usage_validate(stderr); goto out;
                }
        }
        if (optind >= argc) {
                fprintf(stderr, "judge validate: no PATH given\n\n");
                rc = usage_validate(stderr);
                goto out;
        }
        validate_want_langs(&v);
        /* Every PATH must exist and be of a kind we read before anything is checked. */
        for (int i = optind; i < argc; i++) {
                struct stat st;
                if (stat(argv[i], &st) < 0) {
                        fprintf(stderr, "judge validate: %s: %s\n", argv[i], strerror(errno));
                        goto out;
                }
                if (!S_ISDIR(st.st_mode) && !(S_ISREG(st.st_mode) && unpack_is_archive(argv[i]))) {
                        fprintf(stderr, "judge validate: %s: not a directory nor a .tar, .tar.gz or .zip archive\n",
                                argv[i]);
                        goto out;
                }
        }

        int r = 0;
        for (int i = optind; i < argc && r >= 0 && !judge_interrupted; i++)
                r = validate_add_path(&v, argv[i]);
        if (r < 0) {
                fprintf(stderr, "judge validate: out of memory\n");
                goto out;
        }
        if (!judge_interrupted) {
                int jr = judge_all(&v, engine_url, jobs);
                if (jr != 0) {
                        rc = jr;
                        goto out;
                }
        }

        rep = report_new();
        if (!rep || validate_report(&v, rep) < 0) {
                fprintf(stderr, "judge validate: out of memory\n");
                goto out;
        }
        rep->werror = werror;
        print_summary(&v, rep);
        bool write_failed = false;
        if (junit && write_report(junit, rep, true) < 0)
                write_failed = true;
        if (json && write_report(json, rep, false) < 0)
                write_failed = true;
        if (judge_interrupted) {
                fprintf(stderr, "judge validate: interrupted\n");
                rc = EXIT_INTERRUPTED;
                goto out;
        }
        struct report_totals t;
        report_totals(rep, &t);
        rc = t.failed || write_failed ? EXIT_VERDICT : EXIT_AC;
out:
        validate_free(&v);
        return rc;
}
