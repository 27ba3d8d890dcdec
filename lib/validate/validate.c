/* judge validate's model: packages, their solutions, languages, the judging and the report
 * (validate.h). */
#include "validate/validate.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/clock.h"
#include "engine/images.h"
#include "validate/submissions.h"
#include "validate/unpack.h"

#define SOLUTION_MAX_BYTES (1 << 20)

static const char *const expected_dirs[] = {
        "accepted",      "wrong_answer", "time_limit_exceeded", "memory_limit_exceeded",
        "runtime_error", "compile_error", "output_limit_exceeded",
};
static const char *const static_files[] = { "problem.json", "statement.md", "tests/sample.json",
                                            "tests/hidden.json" };

void validate_init(struct validate *v, const atomic_int *interrupted) {
        *v = (struct validate){ .interrupted = interrupted };
        for (size_t i = 0; i < ELEMENTSOF(v->langs) && lang_handlers[i].name; i++)
                v->langs[v->n_langs++] = (struct validate_lang){ .name = lang_handlers[i].name, .wanted = true };
}

void validate_want_langs(struct validate *v) {
        for (size_t i = 0; i < v->n_langs; i++)
                v->langs[i].wanted = !v->lang_filter || v->langs[i].named;
}

struct validate_lang *validate_lang(struct validate *v, const char *name) {
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
        struct validate_failure *f = realloc(v->fails, (v->n_fails + 1) * sizeof *f);
        if (!f)
                return -ENOMEM;
        v->fails = f;
        f = &v->fails[v->n_fails];
        *f = (struct validate_failure){ strdup(name), strdup(display), strdup(check), strdup(msg) };
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
static int scan_solutions(struct validate *v, struct validate_package *pkg) {
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
                                struct validate_solution *s = realloc(pkg->sols, (pkg->n_sols + 1) * sizeof *s);
                                if (s) {
                                        pkg->sols = s;
                                        s = &pkg->sols[pkg->n_sols];
                                        *s = (struct validate_solution){ .pkg = pkg, .folder = expected_dirs[i] };
                                        if (asprintf(&s->rel, "submissions/%s/%s", expected_dirs[i], fname) >= 0) {
                                                s->path = TAKE_PTR(path);
                                                (void) verdict_parse(expected_dirs[i], &s->expected);
                                                s->slot = validate_lang(v, lname);
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
        struct validate_package *pkg = calloc(1, sizeof *pkg);
        if (!pkg)
                return -ENOMEM;
        pkg->dir = strip_slashes(dir);
        pkg->display = strip_slashes(display);
        pkg->name = pkg->dir ? strdup(base_name(pkg->dir)) : NULL;
        struct validate_package **pp = realloc(v->pkgs, (v->n_pkgs + 1) * sizeof *pp);
        if (!pkg->dir || !pkg->display || !pkg->name || !pp) {
                free(pkg->dir), free(pkg->display), free(pkg->name), free(pkg);
                if (pp)
                        v->pkgs = pp;
                return -ENOMEM;
        }
        v->pkgs = pp;
        v->pkgs[v->n_pkgs++] = pkg;
        double t0 = mono_now_s();
        (void) problem_load(pkg->dir, &pkg->p, &pkg->diags, &pkg->load_err);
        submissions_check(pkg->dir, &pkg->diags);
        pkg->load_s = mono_now_s() - t0;
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

int validate_add_path(struct validate *v, const char *path) {
        if (is_dir(path))
                return has_problem_json(path) ? add_package(v, path, path) : add_set(v, path, path);
        return add_archive(v, path);
}

/* ---- judging ---- */

static void lang_check(struct validate_lang *s, struct engine *e) {
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

/* The pool's judge function: one attempt at one solution on this worker's engine. */
static int judge_solution(void *worker, void *item, struct judge_result **ret, struct judge_error *err) {
        struct validate_solution *s = item;
        if (!s->code) {
                int r = read_file_capped(s->path, SOLUTION_MAX_BYTES, &s->code, &s->code_len, err);
                if (r < 0) /* a file on this disk: reading it again cannot help */
                        return judge_err_classify(err, r, JUDGE_ERR_PERMANENT);
        }
        struct judge_options o = { 0 };
        return judge_submission(worker, s->pkg->p, s->slot->lang, s->code, s->code_len, &o, ret, err);
}

size_t validate_wanted(const struct validate *v) {
        size_t wanted = 0;
        for (size_t i = 0; !v->no_judge && i < v->n_pkgs; i++)
                for (size_t k = 0; k < v->pkgs[i]->n_sols; k++) {
                        const struct validate_solution *s = &v->pkgs[i]->sols[k];
                        if (v->pkgs[i]->p && s->slot && s->slot->wanted)
                                wanted++;
                }
        return wanted;
}

int validate_schedule(struct validate *v, struct engine *e, size_t *ret_n) {
        size_t wanted = validate_wanted(v);
        free(v->queue);
        v->queue = NULL;
        v->n_queue = 0;
        if (wanted > 0 && !(v->queue = calloc(wanted, sizeof *v->queue)))
                return -ENOMEM;
        for (size_t i = 0; wanted > 0 && i < v->n_pkgs; i++)
                for (size_t k = 0; k < v->pkgs[i]->n_sols; k++) {
                        struct validate_solution *s = &v->pkgs[i]->sols[k];
                        if (!v->pkgs[i]->p || !s->slot || !s->slot->wanted)
                                continue;
                        lang_check(s->slot, e);
                        if (s->slot->available) {
                                s->judge = true;
                                s->task.item = s;
                                v->queue[v->n_queue++] = &s->task;
                        }
                }
        *ret_n = v->n_queue;
        return 0;
}

int validate_judge(struct validate *v, struct engine *const *engines, size_t n_engines,
                   void (*on_done)(void *userdata, const struct pool_task *t, size_t finished, size_t total),
                   void *userdata) {
        const struct pool pool = {
                .judge = judge_solution, .on_done = on_done, .userdata = userdata, .interrupted = v->interrupted
        };
        return pool_run(&pool, (void *const *) engines, n_engines, v->queue, v->n_queue);
}

/* ---- the report ---- */

static struct report_case *case_for(struct report_suite *s, const char *name) {
        for (size_t i = 0; i < s->n_cases; i++)
                if (strcmp(s->cases[i]->name, name) == 0)
                        return s->cases[i];
        return report_case_add(s, name);
}

static bool was_interrupted(const struct validate *v) {
        return v->interrupted && *v->interrupted;
}

static int build_package_report(const struct validate *v, const struct validate_package *pkg,
                                struct report *rep) {
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
                struct validate_solution *s = &pkg->sols[k];
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
                const struct pool_task *t = &s->task;
                if (!t->done || (was_interrupted(v) && t->rc == -EINTR)) {
                        report_case_skip(c, "not judged: interrupted");
                        continue;
                }
                c->time_s = t->wall_s;
                if (t->rc < 0) {
                        report_case_fail(c, "the judge failed (IE)%s: %s", t->attempts > 1 ? " twice" : "",
                                         t->err.msg);
                        continue;
                }
                const struct judge_result *res = t->res;
                report_case_set_solution(c, lname, verdict_code(s->expected), verdict_code(res->verdict),
                                         res->max_time_ms, res->max_memory_kb);
                if (t->attempts > 1)
                        report_case_warn(c, "the judge failed once and was retried: %s", t->err.msg);
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

int validate_report(const struct validate *v, struct report *rep) {
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

void validate_free(struct validate *v) {
        for (size_t i = 0; i < v->n_pkgs; i++) {
                struct validate_package *pkg = v->pkgs[i];
                for (size_t k = 0; k < pkg->n_sols; k++) {
                        free(pkg->sols[k].rel);
                        free(pkg->sols[k].path);
                        free(pkg->sols[k].code);
                        pool_task_clear(&pkg->sols[k].task);
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
}

