/* The problems and languages judged serves, loaded at start; and the temporary problems of the
 * Run button. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judged.h"
#include "base/parse.h"
#include "service/cleanup.h"
#include "web/markdown.h"

static struct catalog_entry *entries;
static size_t n_entries;
static struct lang *langs[LANG_HANDLERS_MAX];
static size_t n_langs;

static int cmp_names(const void *a, const void *b) {
        return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Sorted names of the entries of dir (no dot files); NULL-terminated, free each and the array. */
static void closedirp(DIR **d) {
        if (*d)
                closedir(*d);
}

static char **list_dir(const char *dir) {
        _cleanup_(closedirp) DIR *d = opendir(dir);
        if (!d)
                return NULL;
        size_t n = 0, cap = 16;
        char **v = calloc(cap + 1, sizeof(char *));
        struct dirent *de;
        while (v && (de = readdir(d))) {
                if (de->d_name[0] == '.')
                        continue;
                if (n == cap) {
                        char **nv = realloc(v, (2 * cap + 1) * sizeof(char *));
                        if (!nv)
                                break;
                        v = nv, cap *= 2;
                }
                v[n++] = strdup(de->d_name);
                v[n] = NULL;
        }
        if (v)
                qsort(v, n, sizeof(char *), cmp_names);
        return v;
}

static int lang_index(const char *name) {
        const struct lang_handler *h = lang_handler_find(name);
        return h ? (int) (h - lang_handlers) : -1;
}

/* The statement as HTML a page may insert as it is (no raw HTML, no script, only safe link and
 * image schemes), rendered once here rather than at every GET. */
static void render_statement(struct catalog_entry *e) {
        const struct problem *p = e->problem;
        _cleanup_buf_ struct buf html;
        buf_init(&html, 4 << 20);
        struct judge_error err = { 0 };
        if (markdown_to_html(p->statement ? p->statement : "", p->statement ? strlen(p->statement) : 0, &html,
                             &err) < 0)
                e->statement_error = strdup(err.msg);
        else
                e->statement_html = buf_steal(&html);
}

int catalog_load(const char *dir, struct judge_error *err) {
        for (size_t i = 0; lang_handlers[i].name && n_langs < ELEMENTSOF(langs); i++) {
                struct lang *l = NULL;
                if (lang_load(lang_handlers[i].name, &l, NULL) >= 0)
                        langs[n_langs++] = l;
        }
        _cleanup_(strv_freep) char **names = list_dir(dir);
        if (!names)
                return judge_err(err, -errno ? -errno : -ENOENT, "problem directory %s: %m", dir);
        size_t n = 0;
        while (names[n])
                n++;
        entries = calloc(n + 1, sizeof *entries);
        if (!entries)
                return judge_err(err, -ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++) {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", dir, names[i]);
                struct problem *p = NULL;
                struct judge_error perr = { 0 };
                if (problem_load(path, &p, NULL, &perr) < 0) {
                        fprintf(stderr, "judged: skipping %s: %s\n", path, perr.msg);
                        continue;
                }
                struct catalog_entry *e = &entries[n_entries++];
                e->problem = p;
                render_statement(e);
                snprintf(path, sizeof path, "%s/%s/submissions/accepted", dir, names[i]);
                _cleanup_(strv_freep) char **refs = list_dir(path);
                for (size_t k = 0; refs && refs[k]; k++) {
                        const char *ln = lang_for_path(refs[k]);
                        int li = ln ? lang_index(ln) : -1;
                        if (li < 0 || li >= (int) ELEMENTSOF(e->reference) || e->reference[li])
                                continue;
                        char full[4096];
                        snprintf(full, sizeof full, "%s/%s", path, refs[k]);
                        e->reference[li] = strdup(full);
                }
        }
        return (int) n_entries;
}

const struct catalog_entry *catalog_find(const char *slug) {
        for (size_t i = 0; i < n_entries; i++)
                if (strcmp(entries[i].problem->slug, slug) == 0)
                        return &entries[i];
        return NULL;
}

size_t catalog_count(void) {
        return n_entries;
}

const struct catalog_entry *catalog_at(size_t i) {
        return i < n_entries ? &entries[i] : NULL;
}

const struct lang *catalog_lang(const char *name) {
        for (size_t i = 0; i < n_langs; i++)
                if (strcmp(langs[i]->name, name) == 0)
                        return langs[i];
        return NULL;
}

size_t catalog_lang_count(void) {
        return n_langs;
}

const struct lang *catalog_lang_at(size_t i) {
        return i < n_langs ? langs[i] : NULL;
}

void catalog_free(void) {
        for (size_t i = 0; i < n_entries; i++) {
                problem_free(entries[i].problem);
                free(entries[i].statement_html);
                free(entries[i].statement_error);
                for (size_t k = 0; k < ELEMENTSOF(entries[i].reference); k++)
                        free(entries[i].reference[k]);
        }
        free(entries);
        entries = NULL;
        n_entries = 0;
        for (size_t i = 0; i < n_langs; i++)
                lang_free(langs[i]);
        n_langs = 0;
}

/* ---- Run: sample cases plus the user's ---- */

/* A value of type t, for a case whose expected output is not known yet. */
static int placeholder(const struct type *t, struct buf *b) {
        if (!t)
                return buf_puts(b, "null");
        switch (t->kind) {
        case TYPE_INT:
        case TYPE_LONG:
        case TYPE_DOUBLE: return buf_puts(b, "0");
        case TYPE_BOOL: return buf_puts(b, "false");
        case TYPE_CHAR: return buf_puts(b, "\"a\"");
        case TYPE_STRING: return buf_puts(b, "\"\"");
        case TYPE_ARRAY:
        case TYPE_LIST_NODE:
        case TYPE_TREE_NODE: return buf_puts(b, "[]");
        default: return buf_puts(b, "null");
        }
}

static int placeholder_for(const struct problem *p, yajl_val uc, struct buf *b) {
        if (!p->sig.is_class)
                return placeholder(problem_answer_type(p), b);
        yajl_val calls = yajl_tree_get(uc, (const char *[]){ "calls", NULL }, yajl_t_array);
        if (!calls)
                return buf_puts(b, "null"); /* the loader reports the missing calls */
        buf_puts(b, "[");
        for (size_t i = 0; i < calls->u.array.len; i++) {
                const struct method *m = NULL;
                if (i > 0 && YAJL_IS_STRING(calls->u.array.values[i]))
                        m = problem_find_method(p, calls->u.array.values[i]->u.string);
                buf_puts(b, i ? "," : "");
                placeholder(m ? m->returns : NULL, b);
        }
        return buf_puts(b, "]");
}

int catalog_run_problem(const struct problem *p, const char *user_cases, char *const *answers,
                        struct problem **ret, struct judge_error *err) {
        char ebuf[256];
        /* the API wrote them from a body nested at most 64 deep; the row is checked again */
        _cleanup_yajl_val_ yajl_val uc = json_parse_bounded(user_cases, strlen(user_cases), 64, ebuf, sizeof ebuf);
        if (!uc || !YAJL_IS_ARRAY(uc))
                return judge_err(err, -EINVAL, "cases must be a JSON array");
        _cleanup_buf_ struct buf pj, sample;
        buf_init(&pj, 4 << 20);
        buf_init(&sample, 16 << 20);
        /* r: the first failure, of sample's buffer or of a value's conversion (too deep) */
        int r = problem_value_json(p->doc, &pj);
        buf_puts(&sample, "[");
        for (size_t i = 0; r >= 0 && !buf_err(&sample) && i < p->n_sample; i++) {
                const struct test_case *tc = &p->cases[i];
                buf_puts(&sample, i ? "," : "");
                r = problem_case_args_json(p, tc, &sample);
                /* {"args":...} -> {"args":...,"expected":...} */
                if (r >= 0 && sample.len && sample.data[sample.len - 1] == '}') {
                        sample.len--;
                        buf_puts(&sample, ",\"expected\":");
                        r = problem_value_json(tc->expected, &sample);
                        buf_puts(&sample, "}");
                }
        }
        for (size_t i = 0; r >= 0 && !buf_err(&sample) && i < uc->u.array.len; i++) {
                yajl_val c = uc->u.array.values[i];
                if (!YAJL_IS_OBJECT(c)) {
                        r = judge_err(err, -EINVAL, "case %zu must be an object", i + 1);
                        break;
                }
                buf_puts(&sample, (p->n_sample || i) ? ",{" : "{");
                bool first = true;
                for (size_t k = 0; r >= 0 && !buf_err(&sample) && k < c->u.object.len; k++) {
                        const char *key = c->u.object.keys[k];
                        if (strcmp(key, "args") != 0 && strcmp(key, "calls") != 0)
                                continue; /* "expected" comes from the reference, never the user */
                        buf_printf(&sample, "%s\"%s\":", first ? "" : ",", key);
                        r = problem_value_json(c->u.object.values[k], &sample);
                        first = false;
                }
                buf_printf(&sample, "%s\"name\":\"custom %zu\",\"expected\":", first ? "" : ",", i + 1);
                if (answers && answers[i])
                        buf_puts(&sample, answers[i]);
                else
                        placeholder_for(p, c, &sample);
                buf_puts(&sample, "}");
        }
        if (r >= 0)
                r = buf_puts(&sample, "]");
        if (r < 0)
                return err && err->code ? err->code : judge_err(err, r, "the cases are too large");
        struct problem_source src = {
                .dir = NULL,
                .problem_json = pj.data,
                .problem_json_len = pj.len,
                .statement = p->statement ? p->statement : "",
                .statement_len = p->statement ? strlen(p->statement) : 0,
                .sample = sample.data,
                .sample_len = sample.len,
                .hidden = "[]",
                .hidden_len = 2,
        };
        struct diag_list diags = { 0 };
        r = problem_load_from_memory(&src, ret, &diags, err);
        if (r < 0 && diags.n_errors) {
                /* The first error names the case: "tests/sample.json: case 3: ..." */
                for (size_t i = 0; i < diags.n; i++)
                        if (diags.items[i].level == DIAG_ERROR) {
                                judge_err(err, -EINVAL, "%s", diags.items[i].msg);
                                break;
                        }
        }
        diag_list_free(&diags);
        return r;
}
