/* judge validate: check a whole problem set, as CI does before a set is published.
 *
 * Static checks come from problem_load (every error and warning with its file); this verb adds
 * what needs an engine: every reference solution in submissions/<expected>/ is judged and must
 * get its folder's verdict, with a time margin for accepted ones. Results go to a summary table
 * (stdout), a progress line per judgement (stderr), and optionally JUnit XML and JSON reports. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "engine/images.h"
#include "judge/judge.h"
#include "lang/lang.h"
#include "problem/problem.h"
#include "validate/report.h"
#include "validate/submissions.h"
#include "validate/unpack.h"

/* Declared here as well as in main.c (cli.h is shared; the lead may move it there). */
int verb_validate(int argc, char **argv);

#define MAX_WORKERS 16
#define SOLUTION_MAX_BYTES (1 << 20)

static const char *const expected_dirs[] = {
        "accepted",      "wrong_answer", "time_limit_exceeded", "memory_limit_exceeded",
        "runtime_error", "compile_error", "output_limit_exceeded",
};
static const char *const static_files[] = { "problem.json", "statement.md", "tests/sample.json",
                                            "tests/hidden.json" };

/* One language's state for this run, looked up once. */
struct lang_slot {
        const char *name;
        bool wanted;          /* named with --lang, or no --lang given */
        bool named;           /* named with --lang */
        bool checked;         /* availability looked up */
        struct lang *lang;    /* NULL when it has no lang.json */
        bool available;
        char reason[1024];     /* why it is not available */
};

struct package;

struct solution {
        struct package *pkg;
        char *rel;            /* "submissions/accepted/sol.py" */
        char *path;
        const char *folder;   /* "accepted" */
        enum verdict expected;
        struct lang_slot *slot;
        bool judge;           /* to be judged */
        /* results, written by one worker */
        bool done;
        int rc;               /* < 0: the judge failed (IE) on every attempt */
        int attempts;
        struct judge_error err;
        struct judge_result *res;
        double wall_s;
};

struct package {
        char *dir;            /* where it is on disk */
        char *name;           /* folder name */
        char *display;        /* for people: the path given, or ARCHIVE:path-inside */
        struct problem *p;    /* NULL when the package has errors */
        struct diag_list diags;
        struct judge_error load_err;
        double load_s;
        struct solution *sols;
        size_t n_sols;
        size_t n_accepted;    /* files in submissions/accepted/ with a known language */
};

/* A suite-level failure that is not about one package (an archive, an empty set). */
struct input_failure {
        char *name, *display, *check, *msg;
};

struct validate {
        struct lang_slot langs[LANG_HANDLERS_MAX];
        size_t n_langs;
        bool lang_filter;
        bool werror, no_judge;
        const char *engine_url;
        long jobs;
        struct package **pkgs;
        size_t n_pkgs;
        struct input_failure *fails;
        size_t n_fails;
        char **tmpdirs;
        size_t n_tmpdirs;
        /* the work queue */
        struct solution **queue;
        size_t n_queue, next, finished;
        pthread_mutex_t lock;
};

static double now_s(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

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

static struct lang_slot *slot_for(struct validate *v, const char *name) {
        for (size_t i = 0; i < v->n_langs; i++)
                if (strcmp(v->langs[i].name, name) == 0)
                        return &v->langs[i];
        return NULL;
}

static const char *base_name(const char *path) {
        const char *s = strrchr(path, '/');
        return s ? s + 1 : path;
}

/* The path without trailing slashes (so basename works on "problems/"). */
static char *strip_slashes(const char *path) {
        char *s = strdup(path);
        if (!s)
                return NULL;
        size_t n = strlen(s);
        while (n > 1 && s[n - 1] == '/')
                s[--n] = 0;
        return s;
}

static bool is_dir(const char *path) {
        struct stat st;
        return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool has_problem_json(const char *dir) {
        _cleanup_free_ char *p = NULL;
        struct stat st;
        return asprintf(&p, "%s/problem.json", dir) >= 0 && stat(p, &st) == 0;
}

static int add_failure(struct validate *v, const char *name, const char *display, const char *check,
                       const char *msg) {
        struct input_failure *f = realloc(v->fails, (v->n_fails + 1) * sizeof *f);
        if (!f)
                return -ENOMEM;
        v->fails = f;
        f = &v->fails[v->n_fails];
        *f = (struct input_failure){ strdup(name), strdup(display), strdup(check), strdup(msg) };
        if (!f->name || !f->display || !f->check || !f->msg) {
                free(f->name), free(f->display), free(f->check), free(f->msg);
                return -ENOMEM;
        }
        v->n_fails++;
        return 0;
}

static int filter_visible(const struct dirent *de) {
        return de->d_name[0] != '.';
}

/* Collect submissions/<expected>/<file> with a known language, in a fixed order. */
static int scan_solutions(struct validate *v, struct package *pkg) {
        for (size_t i = 0; i < ELEMENTSOF(expected_dirs); i++) {
                _cleanup_free_ char *dir = NULL;
                if (asprintf(&dir, "%s/submissions/%s", pkg->dir, expected_dirs[i]) < 0)
                        return -ENOMEM;
                struct dirent **ents = NULL;
                int n = scandir(dir, &ents, filter_visible, alphasort);
                if (n < 0)
                        continue;
                for (int k = 0; k < n; k++) {
                        const char *fname = ents[k]->d_name;
                        const char *lname = lang_for_path(fname);
                        _cleanup_free_ char *path = NULL;
                        struct stat st;
                        if (lname && asprintf(&path, "%s/%s", dir, fname) >= 0 && stat(path, &st) == 0 &&
                            S_ISREG(st.st_mode)) {
                                struct solution *s = realloc(pkg->sols, (pkg->n_sols + 1) * sizeof *s);
                                if (s) {
                                        pkg->sols = s;
                                        s = &pkg->sols[pkg->n_sols];
                                        *s = (struct solution){ .pkg = pkg, .folder = expected_dirs[i] };
                                        if (asprintf(&s->rel, "submissions/%s/%s", expected_dirs[i], fname) >= 0) {
                                                s->path = TAKE_PTR(path);
                                                (void) verdict_parse(expected_dirs[i], &s->expected);
                                                s->slot = slot_for(v, lname);
                                                pkg->n_sols++;
                                                if (i == 0)
                                                        pkg->n_accepted++;
                                        }
                                }
                        }
                        free(ents[k]);
                }
                free(ents);
        }
        return 0;
}

static int add_package(struct validate *v, const char *dir, const char *display) {
        struct package *pkg = calloc(1, sizeof *pkg);
        if (!pkg)
                return -ENOMEM;
        pkg->dir = strip_slashes(dir);
        pkg->display = strip_slashes(display);
        pkg->name = pkg->dir ? strdup(base_name(pkg->dir)) : NULL;
        struct package **pp = realloc(v->pkgs, (v->n_pkgs + 1) * sizeof *pp);
        if (!pkg->dir || !pkg->display || !pkg->name || !pp) {
                free(pkg->dir), free(pkg->display), free(pkg->name), free(pkg);
                if (pp)
                        v->pkgs = pp;
                return -ENOMEM;
        }
        v->pkgs = pp;
        v->pkgs[v->n_pkgs++] = pkg;
        double t0 = now_s();
        (void) problem_load(pkg->dir, &pkg->p, &pkg->diags, &pkg->load_err);
        submissions_check(pkg->dir, &pkg->diags);
        pkg->load_s = now_s() - t0;
        /* A signature some language cannot express (C: arrays nested deeper than 2) is said here,
         * not found out by the first submission in that language. */
        for (size_t i = 0; pkg->p && lang_handlers[i].name; i++) {
                struct judge_error e = {0};
                if (lang_handlers[i].check && lang_handlers[i].check(&pkg->p->sig, &e) < 0)
                        diag_add(&pkg->diags, DIAG_WARNING, "problem.json",
                                 "%s cannot express this signature (%s): %s submissions will be refused",
                                 lang_handlers[i].name, e.msg, lang_handlers[i].name);
        }
        return scan_solutions(v, pkg);
}

/* A problem set: every visible subdirectory is a package. */
static int add_set(struct validate *v, const char *dir, const char *display) {
        struct dirent **ents = NULL;
        int n = scandir(dir, &ents, filter_visible, alphasort);
        if (n < 0) {
                _cleanup_free_ char *msg = NULL;
                if (asprintf(&msg, "cannot read the directory: %s", strerror(errno)) < 0)
                        return -ENOMEM;
                return add_failure(v, base_name(display), display, "problem set", msg);
        }
        int r = 0, found = 0;
        for (int i = 0; i < n; i++) {
                _cleanup_free_ char *sub = NULL, *disp = NULL;
                if (r >= 0 && asprintf(&sub, "%s/%s", dir, ents[i]->d_name) >= 0 &&
                    asprintf(&disp, "%s/%s", display, ents[i]->d_name) >= 0 && is_dir(sub)) {
                        r = add_package(v, sub, disp);
                        found++;
                }
                free(ents[i]);
        }
        free(ents);
        if (r >= 0 && found == 0)
                r = add_failure(v, base_name(display), display, "problem set",
                                "no problem packages in it (a set is a directory of package directories)");
        return r;
}

static char *archive_stem(const char *path) {
        static const char *const exts[] = { ".tar.gz", ".tgz", ".tar", ".zip" };
        char *s = strdup(base_name(path));
        if (!s)
                return NULL;
        size_t n = strlen(s);
        for (size_t i = 0; i < ELEMENTSOF(exts); i++) {
                size_t m = strlen(exts[i]);
                if (n > m && strcasecmp(s + n - m, exts[i]) == 0) {
                        s[n - m] = 0;
                        break;
                }
        }
        return s;
}

static int add_archive(struct validate *v, const char *path) {
        struct judge_error err = { 0 };
        _cleanup_free_ char *dir = NULL, *root = NULL, *stem = archive_stem(path);
        if (!stem)
                return -ENOMEM;
        int r = unpack_extract(path, NULL, &dir, &err);
        if (r < 0) {
                /* The report names the archive already: drop unpack's "PATH: " prefix. */
                size_t n = strlen(path);
                const char *msg = strncmp(err.msg, path, n) == 0 && strncmp(err.msg + n, ": ", 2) == 0 ? err.msg + n + 2
                                                                                                    : err.msg;
                return add_failure(v, base_name(path), path, "archive", msg);
        }
        char **t = realloc(v->tmpdirs, (v->n_tmpdirs + 1) * sizeof *t);
        if (!t) {
                unpack_remove_tree(dir);
                return -ENOMEM;
        }
        v->tmpdirs = t;
        v->tmpdirs[v->n_tmpdirs++] = strdup(dir);
        bool is_package = false;
        r = unpack_find_root(dir, stem, &root, &is_package, &err);
        if (r < 0)
                return add_failure(v, base_name(path), path, "archive", err.msg);
        _cleanup_free_ char *display = NULL;
        const char *inside = root + strlen(dir);
        if (asprintf(&display, "%s:%s", path, *inside ? inside + 1 : ".") < 0)
                return -ENOMEM;
        if (is_package)
                return add_package(v, root, display);
        return add_set(v, root, display);
}

/* ---- judging ---- */

static void lang_check(struct validate *v, struct lang_slot *s, struct engine *e) {
        if (s->checked)
                return;
        s->checked = true;
        struct judge_error err = { 0 };
        if (lang_load(s->name, &s->lang, &err) < 0) {
                snprintf(s->reason, sizeof s->reason, "%s", err.msg);
                return;
        }
        bool present = false;
        if (images_present(e, s->lang, &present, &err) < 0) {
                snprintf(s->reason, sizeof s->reason, "%s", err.msg);
                return;
        }
        if (!present) {
                snprintf(s->reason, sizeof s->reason, "its image is not built on %s (judge images build %s)",
                         engine_socket_path(e), s->name);
                return;
        }
        s->available = true;
}

static void judge_one(struct validate *v, struct engine *e, struct solution *s) {
        double t0 = now_s();
        _cleanup_free_ char *code = NULL;
        size_t len = 0;
        s->rc = read_file_capped(s->path, SOLUTION_MAX_BYTES, &code, &len, &s->err);
        if (s->rc < 0)
                return;
        struct judge_options o = { 0 };
        struct judge_error first = { 0 };
        for (s->attempts = 1; s->attempts <= 2; s->attempts++) {
                s->res = judge_result_free(s->res);
                if (s->attempts == 2)
                        first = s->err;
                s->err = (struct judge_error){ 0 };
                s->rc = judge_submission(e, s->pkg->p, s->slot->lang, code, len, &o, &s->res, &s->err);
                /* Retry the judge's failures (engine, runner), not the solution's own (by the error's
                 * kind, set where it arose: an engine's 400 is -EINVAL too). */
                if (s->rc >= 0 || judge_interrupted || judge_err_is_permanent(&s->err))
                        break;
        }
        if (s->attempts > 2)
                s->attempts = 2;
        if (s->rc >= 0 && s->attempts > 1)
                s->err = first; /* what the retry got over, for the report's warning */
        s->wall_s = now_s() - t0;
}

struct worker {
        struct validate *v;
        struct engine *e;
        pthread_t thread;
};

static void *worker_main(void *arg) {
        struct worker *w = arg;
        struct validate *v = w->v;
        for (;;) {
                pthread_mutex_lock(&v->lock);
                if (judge_interrupted || v->next >= v->n_queue) {
                        pthread_mutex_unlock(&v->lock);
                        return NULL;
                }
                struct solution *s = v->queue[v->next++];
                pthread_mutex_unlock(&v->lock);

                judge_one(v, w->e, s);

                pthread_mutex_lock(&v->lock);
                s->done = true;
                v->finished++;
                if (!judge_interrupted) {
                        const char *got = s->rc < 0 ? "IE" : verdict_code(s->res->verdict);
                        bool match = s->rc >= 0 && s->res->verdict == s->expected;
                        fprintf(stderr, "[%zu/%zu] %s %s ... %s %.1fs%s\n", v->finished, v->n_queue, s->pkg->name,
                                s->rel + strlen("submissions/"), got, s->wall_s,
                                match ? "" : s->rc < 0 ? "  (judge failed)" : "  (unexpected)");
                        fflush(stderr);
                }
                pthread_mutex_unlock(&v->lock);
        }
}

/* Open the engines and judge every queued solution. Returns 0, or EXIT_USAGE when no engine
 * answers. */
static int judge_all(struct validate *v) {
        _cleanup_(engine_freep) struct engine *probe = NULL;
        size_t wanted = 0;
        for (size_t i = 0; i < v->n_pkgs; i++)
                for (size_t k = 0; k < v->pkgs[i]->n_sols; k++) {
                        struct solution *s = &v->pkgs[i]->sols[k];
                        if (v->pkgs[i]->p && s->slot && s->slot->wanted)
                                wanted++;
                }
        if (wanted == 0 || v->no_judge)
                return 0;
        probe = cli_engine_open(v->engine_url, false);
        if (!probe)
                return EXIT_USAGE;

        v->queue = calloc(wanted, sizeof *v->queue);
        if (!v->queue)
                return EXIT_USAGE;
        for (size_t i = 0; i < v->n_pkgs; i++)
                for (size_t k = 0; k < v->pkgs[i]->n_sols; k++) {
                        struct solution *s = &v->pkgs[i]->sols[k];
                        if (!v->pkgs[i]->p || !s->slot || !s->slot->wanted)
                                continue;
                        lang_check(v, s->slot, probe);
                        if (s->slot->available) {
                                s->judge = true;
                                v->queue[v->n_queue++] = s;
                        }
                }
        if (v->n_queue == 0)
                return 0;

        size_t n_workers = (size_t) v->jobs;
        if (n_workers > v->n_queue)
                n_workers = v->n_queue;
        struct worker workers[MAX_WORKERS] = { 0 };
        /* Engines are opened here, one per worker, before any thread starts (libcurl's global
         * initialisation is not thread-safe). */
        workers[0].e = TAKE_PTR(probe);
        for (size_t i = 1; i < n_workers; i++)
                if (!(workers[i].e = cli_engine_open(v->engine_url, true))) {
                        for (size_t j = 0; j < i; j++)
                                engine_free(workers[j].e);
                        return EXIT_USAGE;
                }
        fprintf(stderr, "judging %zu solution%s with %zu worker%s\n", v->n_queue, v->n_queue == 1 ? "" : "s",
                n_workers, n_workers == 1 ? "" : "s");
        size_t started = 0;
        for (size_t i = 0; i < n_workers; i++) {
                workers[i].v = v;
                if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0)
                        break;
                started++;
        }
        if (started == 0)
                worker_main(&workers[0]);
        for (size_t i = 0; i < started; i++)
                pthread_join(workers[i].thread, NULL);
        for (size_t i = 0; i < n_workers; i++)
                engine_free(workers[i].e);
        return 0;
}

/* ---- the report ---- */

static struct report_case *case_for(struct report_suite *s, const char *name) {
        for (size_t i = 0; i < s->n_cases; i++)
                if (strcmp(s->cases[i]->name, name) == 0)
                        return s->cases[i];
        return report_case_add(s, name);
}

static int build_package_report(struct validate *v, struct package *pkg, struct report *rep) {
        struct report_suite *suite = report_suite_add(rep, pkg->name, pkg->display);
        if (!suite)
                return -ENOMEM;
        for (size_t i = 0; i < ELEMENTSOF(static_files); i++) {
                struct report_case *c = report_case_add(suite, static_files[i]);
                if (!c)
                        return -ENOMEM;
                c->time_s = i == 0 ? pkg->load_s : 0;
        }
        for (size_t i = 0; i < pkg->diags.n; i++) {
                const struct diag *d = &pkg->diags.items[i];
                struct report_case *c = case_for(suite, d->file && *d->file ? d->file : "problem.json");
                if (!c)
                        return -ENOMEM;
                if (d->level == DIAG_ERROR)
                        report_case_fail(c, "%s", d->msg);
                else if (pkg->p && pkg->p->n_cases == pkg->p->n_sample && strcmp(d->msg, "no hidden cases") == 0)
                        continue; /* made an error below */
                else
                        report_case_warn(c, "%s", d->msg);
        }
        if (!pkg->p && pkg->diags.n_errors == 0)
                report_case_fail(case_for(suite, "problem.json"), "%s", pkg->load_err.msg);
        if (pkg->p && pkg->p->n_cases == pkg->p->n_sample)
                report_case_fail(case_for(suite, "tests/hidden.json"), "no hidden cases (both test files must hold cases)");

        struct report_case *subs = report_case_add(suite, "submissions");
        if (!subs)
                return -ENOMEM;
        if (pkg->n_accepted == 0)
                report_case_fail(subs, "no accepted solution in submissions/accepted/");
        size_t accepted_judged = 0;

        for (size_t k = 0; k < pkg->n_sols; k++) {
                struct solution *s = &pkg->sols[k];
                struct report_case *c = report_case_add(suite, s->rel);
                if (!c)
                        return -ENOMEM;
                const char *lname = s->slot ? s->slot->name : "?";
                report_case_set_solution(c, lname, verdict_code(s->expected), NULL, -1, -1);
                if (!pkg->p) {
                        report_case_skip(c, "not judged: the package has errors");
                        continue;
                }
                if (v->no_judge) {
                        report_case_skip(c, "not judged (--no-judge)");
                        continue;
                }
                if (!s->slot->wanted) {
                        report_case_skip(c, "not judged: %s is not among the --lang languages", lname);
                        continue;
                }
                if (!s->judge) {
                        if (!s->slot->checked) {
                                report_case_skip(c, "not judged: no engine");
                                continue;
                        }
                        if (s->slot->named)
                                report_case_fail(c, "language %s not available: %s", lname, s->slot->reason);
                        else {
                                report_case_skip(c, "skipped: language not available (%s)", s->slot->reason);
                                report_case_warn(c, "skipped: language %s not available (%s)", lname, s->slot->reason);
                        }
                        continue;
                }
                if (!s->done || (judge_interrupted && s->rc == -EINTR)) {
                        report_case_skip(c, "not judged: interrupted");
                        continue;
                }
                c->time_s = s->wall_s;
                if (s->rc < 0) {
                        report_case_fail(c, "the judge failed (IE)%s: %s", s->attempts > 1 ? " twice" : "",
                                         s->err.msg);
                        continue;
                }
                const struct judge_result *res = s->res;
                report_case_set_solution(c, lname, verdict_code(s->expected), verdict_code(res->verdict),
                                         res->max_time_ms, res->max_memory_kb);
                if (s->attempts > 1)
                        report_case_warn(c, "the judge failed once and was retried: %s", s->err.msg);
                if (res->verdict != s->expected) {
                        report_case_fail(c, "expected %s (%s), got %s: %s", verdict_code(s->expected), s->folder,
                                         verdict_code(res->verdict), res->message ? res->message : "");
                        continue;
                }
                long limit = lround((double) pkg->p->time_ms * s->slot->lang->time_multiplier);
                if (s->expected == VERDICT_AC) {
                        accepted_judged++;
                        if (res->max_time_ms > (double) limit / 2)
                                report_case_warn(c, "slowest case took %.0f ms, over half the %ld ms limit for %s",
                                                 res->max_time_ms, limit, lname);
                }
        }
        if (pkg->p && pkg->n_accepted > 0 && accepted_judged == 0 && !v->no_judge)
                report_case_warn(subs, "no accepted solution was judged successfully here");
        return 0;
}

static int build_report(struct validate *v, struct report *rep) {
        for (size_t i = 0; i < v->n_fails; i++) {
                struct report_suite *s = report_suite_add(rep, v->fails[i].name, v->fails[i].display);
                struct report_case *c = s ? report_case_add(s, v->fails[i].check) : NULL;
                if (!c)
                        return -ENOMEM;
                report_case_fail(c, "%s", v->fails[i].msg);
        }
        for (size_t i = 0; i < v->n_pkgs; i++) {
                int r = build_package_report(v, v->pkgs[i], rep);
                if (r < 0)
                        return r;
        }
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
                        judged += v->pkgs[i]->sols[k].done;
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

static void validate_free(struct validate *v) {
        for (size_t i = 0; i < v->n_pkgs; i++) {
                struct package *pkg = v->pkgs[i];
                for (size_t k = 0; k < pkg->n_sols; k++) {
                        free(pkg->sols[k].rel);
                        free(pkg->sols[k].path);
                        judge_result_free(pkg->sols[k].res);
                }
                free(pkg->sols);
                problem_free(pkg->p);
                diag_list_free(&pkg->diags);
                free(pkg->dir), free(pkg->name), free(pkg->display);
                free(pkg);
        }
        free(v->pkgs);
        for (size_t i = 0; i < v->n_fails; i++)
                free(v->fails[i].name), free(v->fails[i].display), free(v->fails[i].check), free(v->fails[i].msg);
        free(v->fails);
        for (size_t i = 0; i < v->n_tmpdirs; i++) {
                if (v->tmpdirs[i])
                        unpack_remove_tree(v->tmpdirs[i]);
                free(v->tmpdirs[i]);
        }
        free(v->tmpdirs);
        for (size_t i = 0; i < v->n_langs; i++)
                lang_free(v->langs[i].lang);
        free(v->queue);
        pthread_mutex_destroy(&v->lock);
}

static int select_langs(struct validate *v, const char *list) {
        _cleanup_free_ char *copy = strdup(list);
        if (!copy)
                return -ENOMEM;
        char *save = NULL;
        for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
                struct lang_slot *s = slot_for(v, t);
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
        struct validate v = { .jobs = 1, .lock = PTHREAD_MUTEX_INITIALIZER };
        for (size_t i = 0; lang_handlers[i].name && i < ELEMENTSOF(v.langs); i++)
                v.langs[v.n_langs++] = (struct lang_slot){ .name = lang_handlers[i].name };
        const char *junit = NULL, *json = NULL;
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
                case 'j': {
                        long jobs = 0;
                        if (cli_number("validate", "-j", optarg, 1, MAX_WORKERS, &jobs) < 0)
                                goto out;
                        v.jobs = jobs;
                        break;
                }
                case 'W': v.werror = true; break;
                case 'N': v.no_judge = true; break;
                case 'e': v.engine_url = optarg; break;
                case 'h': rc = usage_validate(stdout); goto out;
                default: rc = usage_validate(stderr); goto out;
                }
        }
        if (optind >= argc) {
                fprintf(stderr, "judge validate: no PATH given\n\n");
                rc = usage_validate(stderr);
                goto out;
        }
        for (size_t i = 0; i < v.n_langs; i++)
                v.langs[i].wanted = !v.lang_filter || v.langs[i].named;
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
        for (int i = optind; i < argc && r >= 0 && !judge_interrupted; i++) {
                if (is_dir(argv[i]))
                        r = has_problem_json(argv[i]) ? add_package(&v, argv[i], argv[i]) : add_set(&v, argv[i], argv[i]);
                else
                        r = add_archive(&v, argv[i]);
        }
        if (r < 0) {
                fprintf(stderr, "judge validate: out of memory\n");
                goto out;
        }
        if (!judge_interrupted) {
                int jr = judge_all(&v);
                if (jr != 0) {
                        rc = jr;
                        goto out;
                }
        }

        rep = report_new();
        if (!rep || build_report(&v, rep) < 0) {
                fprintf(stderr, "judge validate: out of memory\n");
                goto out;
        }
        rep->werror = v.werror;
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
