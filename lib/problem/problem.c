/* Loading and checking a problem package against PROBLEM-FORMAT.md.
 *
 * Every violation is reported (the loader does not stop at the first one): errors make the
 * package unusable, warnings do not. Messages name the file relative to the package and, for
 * test cases, the case by its 0-based position in its file ("case 3") followed by a JSON path
 * inside the case ("args[0][5]").
 *
 * Decisions where the format leaves room:
 * - an empty tests/sample.json is an error, an empty tests/hidden.json a warning;
 * - a missing "limits" object is a warning (1000 ms, 256 MiB are used), a present but invalid one
 *   an error; a missing or unknown "difficulty" is a warning;
 * - class problems must have "constructor" (with "params", possibly empty), so that harnesses
 *   can read the signature without guessing;
 * - unknown keys and duplicate keys in objects are warnings (the first duplicate wins, as
 *   yajl_tree_get does);
 * - duplicate cases (same args, and for class problems same calls) are warnings naming both;
 * - "unordered" of a class problem is bounded by the deepest method return type, and applies to
 *   each call's value up to that value's own depth. */
#define _GNU_SOURCE 1 /* asprintf, qsort_r, strndup */
#include "problem/problem.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/parse.h"

#define PROBLEM_JSON_MAX ((size_t) 1 << 20)
#define STATEMENT_MAX ((size_t) 4 << 20)
#define TESTS_MAX ((size_t) 64 << 20)
#define JSON_NESTING_MAX 512
#define VALUE_JSON_DEPTH_MAX 1000
#define DEFAULT_TIME_MS 1000
#define DEFAULT_MEMORY_MB 256
#define DEFAULT_FLOAT_TOLERANCE 1e-5
#define DIAG_MAX 10000

/* ---- diagnostics ---- */

static void diag_addv(struct diag_list *l, enum diag_level level, const char *file, const char *fmt,
                      va_list ap) {
        if (!l)
                return;
        if (level == DIAG_ERROR)
                l->n_errors++;
        if (l->n >= DIAG_MAX)
                return; /* a huge broken test file must not make a huge report */
        struct diag *items = realloc(l->items, (l->n + 1) * sizeof *items);
        if (!items)
                return;
        l->items = items;
        char *msg = NULL;
        if (vasprintf(&msg, fmt, ap) < 0)
                return;
        char *f = strdup(file ? file : "");
        if (!f) {
                free(msg);
                return;
        }
        l->items[l->n++] = (struct diag){ .level = level, .file = f, .msg = msg };
}

void diag_add(struct diag_list *l, enum diag_level level, const char *file, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        diag_addv(l, level, file, fmt, ap);
        va_end(ap);
}

void diag_list_free(struct diag_list *l) {
        if (!l)
                return;
        for (size_t i = 0; i < l->n; i++) {
                free(l->items[i].file);
                free(l->items[i].msg);
        }
        free(l->items);
        *l = (struct diag_list){ 0 };
}

/* ---- the problem ---- */

static void method_clear(struct method *m) {
        free(m->name);
        for (size_t i = 0; i < m->n_params; i++) {
                free(m->params[i].name);
                type_free(m->params[i].type);
        }
        free(m->params);
        type_free(m->returns);
        *m = (struct method){ 0 };
}

struct problem *problem_free(struct problem *p) {
        if (!p)
                return NULL;
        free(p->dir);
        free(p->slug);
        free(p->title);
        free(p->difficulty);
        for (size_t i = 0; i < p->n_tags; i++)
                free(p->tags[i]);
        free(p->tags);
        free(p->statement);
        free(p->sig.name);
        method_clear(&p->sig.fn);
        method_clear(&p->sig.ctor);
        for (size_t i = 0; i < p->sig.n_methods; i++)
                method_clear(&p->sig.methods[i]);
        free(p->sig.methods);
        for (size_t i = 0; i < p->n_cases; i++)
                free(p->cases[i].name);
        free(p->cases);
        yajl_tree_free(p->doc);
        yajl_tree_free(p->sample_doc);
        yajl_tree_free(p->hidden_doc);
        free(p);
        return NULL;
}

const struct type *problem_answer_type(const struct problem *p) {
        if (!p || p->sig.is_class)
                return NULL;
        if (p->sig.fn.returns && p->sig.fn.returns->kind == TYPE_VOID && p->sig.output_param >= 0 &&
            (size_t) p->sig.output_param < p->sig.fn.n_params)
                return p->sig.fn.params[p->sig.output_param].type;
        return p->sig.fn.returns;
}

/* The class name finds the constructor (returns NULL), so that a calls[] array can be walked
 * with one lookup per entry. */
const struct method *problem_find_method(const struct problem *p, const char *name) {
        if (!p || !name || !p->sig.is_class)
                return NULL;
        for (size_t i = 0; i < p->sig.n_methods; i++)
                if (p->sig.methods[i].name && strcmp(p->sig.methods[i].name, name) == 0)
                        return &p->sig.methods[i];
        if (p->sig.ctor.name && strcmp(p->sig.ctor.name, name) == 0)
                return &p->sig.ctor;
        return NULL;
}

/* ---- JSON helpers ---- */

/* The appends below need no checks of their own: the buffer's error is sticky (buf.h), and
 * what each function returns is the last append's result or an earlier non-buffer failure. */
static int value_json(const yajl_val v, struct buf *out, int depth) {
        int r;
        if (depth > VALUE_JSON_DEPTH_MAX)
                return -ELOOP;
        if (!v || YAJL_IS_NULL(v))
                return buf_puts(out, "null");
        switch (v->type) {
        case yajl_t_true:
                return buf_puts(out, "true");
        case yajl_t_false:
                return buf_puts(out, "false");
        case yajl_t_number:
                return buf_puts(out, v->u.number.r ? v->u.number.r : "0");
        case yajl_t_string:
                return buf_json_string(out, v->u.string, strlen(v->u.string));
        case yajl_t_array:
                buf_puts(out, "[");
                for (size_t i = 0; i < v->u.array.len; i++) {
                        if (i)
                                buf_puts(out, ",");
                        if ((r = value_json(v->u.array.values[i], out, depth + 1)) < 0)
                                return r;
                }
                return buf_puts(out, "]");
        case yajl_t_object:
                buf_puts(out, "{");
                for (size_t i = 0; i < v->u.object.len; i++) {
                        if (i)
                                buf_puts(out, ",");
                        buf_json_string(out, v->u.object.keys[i], strlen(v->u.object.keys[i]));
                        buf_puts(out, ":");
                        if ((r = value_json(v->u.object.values[i], out, depth + 1)) < 0)
                                return r;
                }
                return buf_puts(out, "}");
        default:
                return -EINVAL;
        }
}

int problem_value_json(const yajl_val v, struct buf *out) {
        return value_json(v, out, 0);
}

int problem_case_args_json(const struct problem *p, const struct test_case *c, struct buf *out) {
        int r;
        if (p && p->sig.is_class) {
                buf_puts(out, "{\"calls\":");
                if ((r = problem_value_json(c->calls, out)) < 0)
                        return r;
                buf_puts(out, ",\"args\":");
        } else
                buf_puts(out, "{\"args\":");
        if ((r = problem_value_json(c->args, out)) < 0)
                return r;
        return buf_puts(out, "}");
}

static int type_json(const struct type *t, struct buf *out) {
        struct buf name;
        buf_init(&name, 0);
        int r = type_format(t, &name);
        if (r >= 0)
                r = buf_json_string(out, name.data, name.len);
        buf_free(&name);
        return r;
}

static int method_json(const struct method *m, bool with_name, struct buf *out) {
        int r;
        buf_puts(out, "{");
        if (with_name) {
                buf_puts(out, "\"name\":");
                buf_json_string(out, m->name, strlen(m->name));
                buf_puts(out, ",");
        }
        buf_puts(out, "\"params\":[");
        for (size_t i = 0; i < m->n_params; i++) {
                buf_puts(out, i ? ",{\"name\":" : "{\"name\":");
                buf_json_string(out, m->params[i].name, strlen(m->params[i].name));
                buf_puts(out, ",\"type\":");
                if ((r = type_json(m->params[i].type, out)) < 0)
                        return r;
                buf_puts(out, "}");
        }
        buf_puts(out, "]");
        if (m->returns) {
                buf_puts(out, ",\"returns\":");
                if ((r = type_json(m->returns, out)) < 0)
                        return r;
        }
        return buf_puts(out, "}");
}

int problem_signature_json(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        int r;
        buf_puts(out, s->is_class ? "{\"kind\":\"class\",\"name\":" : "{\"kind\":\"function\",\"name\":");
        buf_json_string(out, s->name, strlen(s->name));
        if (!s->is_class) {
                /* the function's own object, flattened: "params", "returns" */
                struct buf fn;
                buf_init(&fn, 0);
                r = method_json(&s->fn, false, &fn);
                if (r >= 0) {
                        buf_puts(out, ",");
                        buf_append(out, fn.data + 1, fn.len - 2); /* without its braces */
                }
                buf_free(&fn);
                if (r < 0)
                        return r;
                if (s->output_param >= 0)
                        buf_printf(out, ",\"output_param\":%d", s->output_param);
        } else {
                buf_puts(out, ",\"constructor\":");
                if ((r = method_json(&s->ctor, false, out)) < 0)
                        return r;
                buf_puts(out, ",\"methods\":[");
                for (size_t i = 0; i < s->n_methods; i++) {
                        if (i)
                                buf_puts(out, ",");
                        if ((r = method_json(&s->methods[i], true, out)) < 0)
                                return r;
                }
                buf_puts(out, "]");
        }
        return buf_puts(out, "}");
}

static yajl_val obj_get(const yajl_val o, const char *key) {
        if (!YAJL_IS_OBJECT(o))
                return NULL;
        for (size_t i = 0; i < o->u.object.len; i++)
                if (strcmp(o->u.object.keys[i], key) == 0)
                        return o->u.object.values[i];
        return NULL;
}

static const char *kind_name(const yajl_val v) {
        if (!v)
                return "missing";
        switch (v->type) {
        case yajl_t_string:
                return "a string";
        case yajl_t_number:
                return "a number";
        case yajl_t_object:
                return "an object";
        case yajl_t_array:
                return "an array";
        case yajl_t_true:
        case yajl_t_false:
                return "a boolean";
        case yajl_t_null:
                return "null";
        default:
                return "unknown";
        }
}

/* ---- the loader ---- */

struct loader {
        struct problem *p;
        struct diag_list *diags;
        struct judge_error *err;
        bool have_err;
        bool sig_ok; /* the signature is usable for checking cases */
};

static void lerr(struct loader *l, const char *file, const char *fmt, ...) _printf_(3, 4);
static void lerr(struct loader *l, const char *file, const char *fmt, ...) {
        va_list ap;
        if (!l->have_err) {
                char msg[900];
                va_start(ap, fmt);
                vsnprintf(msg, sizeof msg, fmt, ap);
                va_end(ap);
                judge_err(l->err, -EINVAL, "%s: %s", file, msg);
                l->have_err = true;
        }
        va_start(ap, fmt);
        diag_addv(l->diags, DIAG_ERROR, file, fmt, ap);
        va_end(ap);
}

static void lwarn(struct loader *l, const char *file, const char *fmt, ...) _printf_(3, 4);
static void lwarn(struct loader *l, const char *file, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        diag_addv(l->diags, DIAG_WARNING, file, fmt, ap);
        va_end(ap);
}

/* Warn about keys outside known[] (NULL-terminated) and about repeated keys. */
static void check_keys(struct loader *l, const char *file, const char *where, const yajl_val o,
                       const char *const *known) {
        if (!YAJL_IS_OBJECT(o))
                return;
        for (size_t i = 0; i < o->u.object.len; i++) {
                const char *k = o->u.object.keys[i];
                bool ok = false;
                for (const char *const *q = known; *q; q++)
                        if (strcmp(*q, k) == 0)
                                ok = true;
                if (!ok)
                        lwarn(l, file, "%s%sunknown key \"%.64s\" ignored", where, *where ? ": " : "", k);
                for (size_t j = 0; j < i; j++)
                        if (strcmp(o->u.object.keys[j], k) == 0) {
                                lwarn(l, file, "%s%sduplicate key \"%.64s\" (the first one is used)", where,
                                      *where ? ": " : "", k);
                                break;
                        }
        }
}

/* o's "name" when it is an identifier; else reports "WHERE.name must be an identifier, got ..."
 * and returns NULL. */
static const char *identifier_name(struct loader *l, const char *file, const char *where, const yajl_val o) {
        const char *name = YAJL_GET_STRING(obj_get(o, "name"));
        if (problem_is_identifier(name))
                return name;
        lerr(l, file, "%s.name must be an identifier, got %s%.64s%s", where, name ? "\"" : "",
             name ? name : kind_name(obj_get(o, "name")), name ? "\"" : "");
        return NULL;
}

/* Parse JSON text with a cap on nesting (yajl_tree frees recursively, so an absurdly deep
 * document would exhaust the stack). NULL and a diag on failure. */
static yajl_val parse_json(struct loader *l, const char *file, const char *data, size_t len) {
        char errbuf[512];
        yajl_val v = json_parse_bounded(data, len, JSON_NESTING_MAX, errbuf, sizeof errbuf);
        if (!v)
                lerr(l, file, "invalid JSON: %s", errbuf);
        return v;
}

bool problem_is_identifier(const char *s) {
        if (!s || !*s || (*s >= '0' && *s <= '9'))
                return false;
        size_t n = 0;
        for (; *s; s++, n++)
                if (!(*s == '_' || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
                      (*s >= '0' && *s <= '9')))
                        return false;
        return n <= 64;
}

static bool is_slug(const char *s) {
        size_t n = strlen(s);
        if (n < 1 || n > 64)
                return false;
        for (size_t i = 0; i < n; i++) {
                char c = s[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && c == '-');
                if (!ok)
                        return false;
        }
        return true;
}

/* An integer member within [lo, hi]; -1 when absent (nothing reported), -2 when invalid
 * (reported). */
static int get_int_in(struct loader *l, const char *file, const char *what, const yajl_val v, long lo, long hi,
                      long *ret) {
        if (!v)
                return -1;
        long long x;
        int r = type_json_int(v, &x);
        if (r < 0 || x < lo || x > hi) {
                if (YAJL_IS_NUMBER(v))
                        lerr(l, file, "%s must be an integer in [%ld, %ld], got %.64s", what, lo, hi, v->u.number.r);
                else
                        lerr(l, file, "%s must be an integer in [%ld, %ld], got %s", what, lo, hi, kind_name(v));
                return -2;
        }
        *ret = (long) x;
        return 0;
}

static char *type_name(const struct type *t) {
        struct buf b;
        buf_init(&b, 256);
        if (type_format(t, &b) < 0) {
                buf_free(&b);
                return strdup("?");
        }
        return buf_steal(&b);
}

/* params: array of {"name", "type"}; void is not a parameter type. Returns false on error. */
static bool parse_params(struct loader *l, const char *where, const yajl_val arr, struct method *m) {
        static const char *const known[] = { "name", "type", NULL };
        const char *F = "problem.json";
        if (!arr) {
                lerr(l, F, "%s.params is missing", where);
                return false;
        }
        if (!YAJL_IS_ARRAY(arr)) {
                lerr(l, F, "%s.params must be an array, got %s", where, kind_name(arr));
                return false;
        }
        size_t n = arr->u.array.len;
        m->params = calloc(n ? n : 1, sizeof *m->params);
        if (!m->params) {
                lerr(l, F, "out of memory");
                return false;
        }
        m->n_params = n;
        bool ok = true;
        for (size_t i = 0; i < n; i++) {
                yajl_val pv = arr->u.array.values[i];
                char w[256];
                snprintf(w, sizeof w, "%s.params[%zu]", where, i);
                if (!YAJL_IS_OBJECT(pv)) {
                        lerr(l, F, "%s must be an object with \"name\" and \"type\", got %s", w, kind_name(pv));
                        ok = false;
                        continue;
                }
                check_keys(l, F, w, pv, known);
                const char *name = identifier_name(l, F, w, pv);
                if (!name) {
                        ok = false;
                } else {
                        for (size_t j = 0; j < i; j++)
                                if (m->params[j].name && strcmp(m->params[j].name, name) == 0) {
                                        lerr(l, F, "%s.name: duplicate parameter name \"%s\"", w, name);
                                        ok = false;
                                }
                        m->params[i].name = strdup(name);
                }
                yajl_val tv = obj_get(pv, "type");
                if (!YAJL_IS_STRING(tv)) {
                        lerr(l, F, "%s.type must be a type name string, got %s", w, kind_name(tv));
                        ok = false;
                        continue;
                }
                struct judge_error e = { 0 };
                if (type_parse(tv->u.string, &m->params[i].type, &e) < 0) {
                        lerr(l, F, "%s.type: %s", w, e.msg);
                        ok = false;
                        continue;
                }
                if (m->params[i].type->kind == TYPE_VOID) {
                        lerr(l, F, "%s.type: void is only a return type", w);
                        ok = false;
                }
        }
        return ok;
}

static bool parse_returns(struct loader *l, const char *where, const yajl_val rv, struct method *m) {
        const char *F = "problem.json";
        if (!YAJL_IS_STRING(rv)) {
                lerr(l, F, "%s.returns must be a type name string, got %s", where, kind_name(rv));
                return false;
        }
        struct judge_error e = { 0 };
        if (type_parse(rv->u.string, &m->returns, &e) < 0) {
                lerr(l, F, "%s.returns: %s", where, e.msg);
                return false;
        }
        return true;
}

/* signature.kind and signature.name: sets p->sig.is_class and p->sig.name (*ret_name, NULL when
 * it is not a string). Returns false when either is invalid (reported); *ret_kind_known is false
 * when the kind is neither "function" nor "class" (the rest cannot be read then). */
static bool parse_sig_head(struct loader *l, const yajl_val sig, const char **ret_name, bool *ret_kind_known) {
        const char *F = "problem.json";
        struct problem *p = l->p;
        bool ok = true;
        const char *kind = YAJL_GET_STRING(obj_get(sig, "kind"));
        if (kind && strcmp(kind, "class") == 0)
                p->sig.is_class = true;
        else if (!kind || strcmp(kind, "function") != 0) {
                lerr(l, F, "signature.kind must be \"function\" or \"class\", got %s%.64s%s", kind ? "\"" : "",
                     kind ? kind : kind_name(obj_get(sig, "kind")), kind ? "\"" : "");
                ok = false;
        }
        const char *name = YAJL_GET_STRING(obj_get(sig, "name"));
        if (!identifier_name(l, F, "signature", sig))
                ok = false;
        else
                p->sig.name = strdup(name);
        *ret_name = name;
        *ret_kind_known = kind && (p->sig.is_class || strcmp(kind, "function") == 0);
        return ok;
}

/* A function's signature.output_param (op, NULL when absent), after its params and returns:
 * an in-place answer needs "returns": "void" and an array parameter, and a void function needs
 * one. Sets p->sig.output_param. Returns false when invalid (reported). */
static bool parse_output_param(struct loader *l, const yajl_val op) {
        const char *F = "problem.json";
        struct signature *sig = &l->p->sig;
        bool is_void = sig->fn.returns && sig->fn.returns->kind == TYPE_VOID;
        if (!op) {
                if (!is_void)
                        return true;
                lerr(l, F,
                     "signature.returns is void but there is no output_param: a function problem "
                     "needs an answer");
                return false;
        }
        long k;
        long hi = sig->fn.n_params ? (long) sig->fn.n_params - 1 : 0;
        if (!sig->fn.n_params) {
                lerr(l, F, "signature.output_param given but the function has no parameters");
                return false;
        }
        if (get_int_in(l, F, "signature.output_param", op, 0, hi, &k) < 0)
                return false;
        bool ok = true;
        sig->output_param = (int) k;
        const struct type *t = sig->fn.params[k].type;
        if (sig->fn.returns && !is_void) {
                lerr(l, F, "signature.output_param is only for \"returns\": \"void\"");
                ok = false;
        }
        if (t && t->kind != TYPE_ARRAY) {
                _cleanup_free_ char *tn = type_name(t);
                lerr(l, F,
                     "signature.output_param %ld names parameter \"%s\" of type %s, "
                     "which is not an array (only arrays can be modified in place)",
                     k, sig->fn.params[k].name ? sig->fn.params[k].name : "?", tn);
                ok = false;
        }
        return ok;
}

/* A function problem's signature (kind "function"): its params, returns and output_param into
 * p->sig.fn. Returns false when any is invalid (every problem reported). */
static bool parse_function_sig(struct loader *l, const yajl_val sig, const char *name) {
        static const char *const known[] = { "kind", "name", "params", "returns", "output_param", NULL };
        struct method *fn = &l->p->sig.fn;
        check_keys(l, "problem.json", "signature", sig, known);
        if (name)
                fn->name = strdup(name);
        bool ok = parse_params(l, "signature", obj_get(sig, "params"), fn);
        ok &= parse_returns(l, "signature", obj_get(sig, "returns"), fn);
        ok &= parse_output_param(l, obj_get(sig, "output_param"));
        return ok;
}

/* Method i of a class (mv, from signature.methods) into m: an identifier other than the class's
 * name and the earlier methods' (methods[0..i)), its params and returns. Returns false when
 * invalid (reported). */
static bool parse_method(struct loader *l, size_t i, const yajl_val mv, const char *class_name,
                         const struct method *methods, struct method *m) {
        static const char *const mk[] = { "name", "params", "returns", NULL };
        const char *F = "problem.json";
        char w[64];
        snprintf(w, sizeof w, "signature.methods[%zu]", i);
        if (!YAJL_IS_OBJECT(mv)) {
                lerr(l, F, "%s must be an object, got %s", w, kind_name(mv));
                return false;
        }
        check_keys(l, F, w, mv, mk);
        bool ok = true;
        const char *mname = identifier_name(l, F, w, mv);
        if (!mname) {
                ok = false;
        } else {
                if (class_name && strcmp(mname, class_name) == 0) {
                        lerr(l, F, "%s.name: a method cannot have the class's name \"%s\"", w, mname);
                        ok = false;
                }
                for (size_t j = 0; j < i; j++)
                        if (methods[j].name && strcmp(methods[j].name, mname) == 0) {
                                lerr(l, F, "%s.name: duplicate method \"%s\"", w, mname);
                                ok = false;
                        }
                m->name = strdup(mname);
        }
        ok &= parse_params(l, w, obj_get(mv, "params"), m);
        ok &= parse_returns(l, w, obj_get(mv, "returns"), m);
        return ok;
}

/* A class problem's signature (kind "class"): the constructor's params into p->sig.ctor (named
 * after the class), the methods into p->sig.methods. Returns false when any is invalid (every
 * problem reported; nothing after a missing or empty methods array). */
static bool parse_class_sig(struct loader *l, const yajl_val sig, const char *name) {
        static const char *const known[] = { "kind", "name", "constructor", "methods", NULL };
        const char *F = "problem.json";
        struct problem *p = l->p;
        bool ok = true;
        check_keys(l, F, "signature", sig, known);
        if (name)
                p->sig.ctor.name = strdup(name);
        if (obj_get(sig, "output_param")) {
                lerr(l, F, "signature.output_param is only for function problems");
                ok = false;
        }
        yajl_val ctor = obj_get(sig, "constructor");
        if (!YAJL_IS_OBJECT(ctor)) {
                lerr(l, F, "signature.constructor must be an object with \"params\" (possibly []), got %s",
                     kind_name(ctor));
                ok = false;
        } else {
                static const char *const ck[] = { "params", NULL };
                check_keys(l, F, "signature.constructor", ctor, ck);
                ok &= parse_params(l, "signature.constructor", obj_get(ctor, "params"), &p->sig.ctor);
        }
        yajl_val methods = obj_get(sig, "methods");
        if (!YAJL_IS_ARRAY(methods) || methods->u.array.len == 0) {
                lerr(l, F, "signature.methods must be a non-empty array, got %s",
                     YAJL_IS_ARRAY(methods) ? "[]" : kind_name(methods));
                return false;
        }
        size_t n = methods->u.array.len;
        p->sig.methods = calloc(n, sizeof *p->sig.methods);
        if (!p->sig.methods) {
                lerr(l, F, "out of memory");
                return false;
        }
        p->sig.n_methods = n;
        for (size_t i = 0; i < n; i++)
                ok &= parse_method(l, i, methods->u.array.values[i], name, p->sig.methods, &p->sig.methods[i]);
        return ok;
}

/* problem.json's "signature" into l->p->sig; l->sig_ok says whether it is usable (the cases
 * are checked against it only then). Every problem found is reported (lerr). */
static void parse_signature(struct loader *l, const yajl_val sig) {
        const char *F = "problem.json";
        l->p->sig.output_param = -1;
        if (!sig) {
                lerr(l, F, "signature is missing");
                return;
        }
        if (!YAJL_IS_OBJECT(sig)) {
                lerr(l, F, "signature must be an object, got %s", kind_name(sig));
                return;
        }
        const char *name;
        bool kind_known;
        bool ok = parse_sig_head(l, sig, &name, &kind_known);
        if (!kind_known) {
                l->sig_ok = false;
                return;
        }
        if (l->p->sig.is_class)
                ok &= parse_class_sig(l, sig, name);
        else
                ok &= parse_function_sig(l, sig, name);
        l->sig_ok = ok;
}

static void parse_meta(struct loader *l, const yajl_val doc, const char *dirname) {
        static const char *const known[] = { "format",    "slug",   "title",     "difficulty", "tags",
                                             "limits",    "signature", "compare", "hidden_failure", NULL };
        const char *F = "problem.json";
        struct problem *p = l->p;
        if (!YAJL_IS_OBJECT(doc)) {
                lerr(l, F, "must be a JSON object, got %s", kind_name(doc));
                return;
        }
        check_keys(l, F, "", doc, known);

        long fmt;
        int r = get_int_in(l, F, "format", obj_get(doc, "format"), 1, 1, &fmt);
        if (r == -1)
                lerr(l, F, "format is missing (this judge reads format 1)");

        const char *slug = YAJL_GET_STRING(obj_get(doc, "slug"));
        if (!slug)
                lerr(l, F, "slug must be a string, got %s", kind_name(obj_get(doc, "slug")));
        else if (!is_slug(slug))
                lerr(l, F, "slug \"%.80s\" does not match [a-z0-9][a-z0-9-]{0,63}", slug);
        else {
                p->slug = strdup(slug);
                if (dirname && strcmp(dirname, slug) != 0)
                        lerr(l, F, "slug \"%s\" does not match the directory name \"%.200s\"", slug, dirname);
        }

        const char *title = YAJL_GET_STRING(obj_get(doc, "title"));
        if (!title || !*title)
                lerr(l, F, "title must be a non-empty string");
        else
                p->title = strdup(title);

        const char *diff = YAJL_GET_STRING(obj_get(doc, "difficulty"));
        if (!diff)
                lwarn(l, F, "difficulty is missing (easy, medium or hard)");
        else {
                if (strcmp(diff, "easy") != 0 && strcmp(diff, "medium") != 0 && strcmp(diff, "hard") != 0)
                        lwarn(l, F, "difficulty \"%.64s\" is not easy, medium or hard", diff);
                p->difficulty = strdup(diff);
        }

        yajl_val tags = obj_get(doc, "tags");
        if (tags && !YAJL_IS_ARRAY(tags))
                lerr(l, F, "tags must be an array of strings, got %s", kind_name(tags));
        else if (tags && tags->u.array.len) {
                p->tags = calloc(tags->u.array.len, sizeof *p->tags);
                for (size_t i = 0; p->tags && i < tags->u.array.len; i++) {
                        const char *t = YAJL_GET_STRING(tags->u.array.values[i]);
                        if (!t)
                                lerr(l, F, "tags[%zu] must be a string, got %s", i,
                                     kind_name(tags->u.array.values[i]));
                        else
                                p->tags[p->n_tags++] = strdup(t);
                }
        }

        p->time_ms = DEFAULT_TIME_MS;
        p->memory_mb = DEFAULT_MEMORY_MB;
        yajl_val limits = obj_get(doc, "limits");
        if (!limits)
                lwarn(l, F, "limits is missing; using time_ms %d and memory_mb %d", DEFAULT_TIME_MS,
                      DEFAULT_MEMORY_MB);
        else if (!YAJL_IS_OBJECT(limits))
                lerr(l, F, "limits must be an object, got %s", kind_name(limits));
        else {
                static const char *const lk[] = { "time_ms", "memory_mb", NULL };
                check_keys(l, F, "limits", limits, lk);
                if (get_int_in(l, F, "limits.time_ms", obj_get(limits, "time_ms"), 1, 60000, &p->time_ms) == -1)
                        lwarn(l, F, "limits.time_ms is missing; using %d", DEFAULT_TIME_MS);
                if (get_int_in(l, F, "limits.memory_mb", obj_get(limits, "memory_mb"), 16, 4096, &p->memory_mb) ==
                    -1)
                        lwarn(l, F, "limits.memory_mb is missing; using %d", DEFAULT_MEMORY_MB);
        }

        /* What a non-admin sees of a failing hidden case: its input (LeetCode) or nothing. */
        yajl_val hf = obj_get(doc, "hidden_failure");
        const char *hfs = YAJL_GET_STRING(hf);
        if (hf && (!hfs || (strcmp(hfs, "input") != 0 && strcmp(hfs, "none") != 0)))
                lerr(l, F, "hidden_failure must be \"input\" or \"none\", got %.64s",
                     hfs ? hfs : kind_name(hf));
        else
                p->hidden_failure_none = hfs && strcmp(hfs, "none") == 0;

        parse_signature(l, obj_get(doc, "signature"));

        p->unordered = 0;
        p->float_tolerance = DEFAULT_FLOAT_TOLERANCE;
        yajl_val cmp = obj_get(doc, "compare");
        if (cmp && !YAJL_IS_OBJECT(cmp))
                lerr(l, F, "compare must be an object, got %s", kind_name(cmp));
        else if (cmp) {
                static const char *const ck[] = { "unordered", "float_tolerance", NULL };
                check_keys(l, F, "compare", cmp, ck);
                int depth = 0;
                if (l->sig_ok && !p->sig.is_class)
                        depth = type_depth(problem_answer_type(p));
                else if (l->sig_ok)
                        for (size_t i = 0; i < p->sig.n_methods; i++) {
                                int d = type_depth(p->sig.methods[i].returns);
                                if (d > depth)
                                        depth = d;
                        }
                else
                        depth = 64; /* the signature is broken: check the range only loosely */
                long u;
                if (get_int_in(l, F, "compare.unordered", obj_get(cmp, "unordered"), 0, depth, &u) == 0)
                        p->unordered = (int) u;
                yajl_val tol = obj_get(cmp, "float_tolerance");
                double d;
                if (tol && (type_json_double(tol, &d) < 0 || !(d >= 0) || !isfinite(d)))
                        lerr(l, F, "compare.float_tolerance must be a number >= 0, got %.64s",
                             YAJL_IS_NUMBER(tol) ? tol->u.number.r : kind_name(tol));
                else if (tol)
                        p->float_tolerance = d;
        }
}

/* ---- test cases ---- */

struct case_key {
        char *key;
        const char *file;
        size_t pos;   /* position in its file */
        size_t order; /* position over both files */
};

static int case_key_cmp(const void *a, const void *b) {
        const struct case_key *x = a, *y = b;
        int c = strcmp(x->key, y->key);
        if (c)
                return c;
        return x->order < y->order ? -1 : x->order > y->order;
}

struct case_keys {
        struct case_key *items;
        size_t n;
};

static void check_fn_case(struct loader *l, const char *F, const char *cl, const yajl_val cv, bool *ok) {
        struct problem *p = l->p;
        if (obj_get(cv, "calls")) {
                lerr(l, F, "%s: \"calls\" is only for class problems", cl);
                *ok = false;
        }
        yajl_val args = obj_get(cv, "args");
        if (!YAJL_IS_ARRAY(args)) {
                lerr(l, F, "%s: args must be an array, got %s", cl, kind_name(args));
                *ok = false;
        } else if (args->u.array.len != p->sig.fn.n_params) {
                lerr(l, F, "%s: args has %zu values, %s takes %zu parameter%s", cl, args->u.array.len,
                     p->sig.fn.name ? p->sig.fn.name : "the function", p->sig.fn.n_params,
                     p->sig.fn.n_params == 1 ? "" : "s");
                *ok = false;
        } else
                for (size_t i = 0; i < args->u.array.len; i++) {
                        char path[32];
                        snprintf(path, sizeof path, "args[%zu]", i);
                        struct judge_error e = { 0 };
                        if (type_check_value(p->sig.fn.params[i].type, args->u.array.values[i], path, &e) < 0) {
                                lerr(l, F, "%s: %s", cl, e.msg);
                                *ok = false;
                        }
                }
        yajl_val exp = obj_get(cv, "expected");
        if (!exp) {
                lerr(l, F, "%s: expected is missing", cl);
                *ok = false;
        } else {
                struct judge_error e = { 0 };
                if (type_check_value(problem_answer_type(p), exp, "expected", &e) < 0) {
                        lerr(l, F, "%s: %s", cl, e.msg);
                        *ok = false;
                }
        }
}

static void check_class_case(struct loader *l, const char *F, const char *cl, const yajl_val cv, bool *ok) {
        struct problem *p = l->p;
        yajl_val calls = obj_get(cv, "calls"), args = obj_get(cv, "args"), exp = obj_get(cv, "expected");
        if (!YAJL_IS_ARRAY(calls) || calls->u.array.len == 0) {
                lerr(l, F, "%s: calls must be a non-empty array of method names, got %s", cl,
                     YAJL_IS_ARRAY(calls) ? "[]" : kind_name(calls));
                *ok = false;
                return;
        }
        size_t n = calls->u.array.len;
        const struct method **ms = calloc(n, sizeof *ms);
        if (!ms) {
                lerr(l, F, "out of memory");
                *ok = false;
                return;
        }
        for (size_t i = 0; i < n; i++) {
                const char *c = YAJL_GET_STRING(calls->u.array.values[i]);
                if (!c) {
                        lerr(l, F, "%s: calls[%zu] must be a method name string, got %s", cl, i,
                             kind_name(calls->u.array.values[i]));
                        *ok = false;
                        continue;
                }
                const struct method *m = problem_find_method(p, c);
                if (i == 0 && m != &p->sig.ctor) {
                        lerr(l, F, "%s: calls[0] must be the constructor \"%s\", got \"%.64s\"", cl,
                             p->sig.ctor.name ? p->sig.ctor.name : "?", c);
                        *ok = false;
                } else if (i > 0 && m == &p->sig.ctor) {
                        lerr(l, F, "%s: calls[%zu]: the constructor \"%.64s\" may only be the first call", cl, i, c);
                        *ok = false;
                } else if (!m) {
                        lerr(l, F, "%s: calls[%zu]: unknown method \"%.64s\"", cl, i, c);
                        *ok = false;
                } else
                        ms[i] = m;
        }
        if (!YAJL_IS_ARRAY(args) || args->u.array.len != n) {
                if (YAJL_IS_ARRAY(args))
                        lerr(l, F, "%s: args has %zu entries, calls has %zu (one array of arguments per call)", cl,
                             args->u.array.len, n);
                else
                        lerr(l, F, "%s: args must be an array (one array of arguments per call), got %s", cl,
                             kind_name(args));
                *ok = false;
        } else
                for (size_t i = 0; i < n; i++) {
                        yajl_val a = args->u.array.values[i];
                        if (!YAJL_IS_ARRAY(a)) {
                                lerr(l, F, "%s: args[%zu] must be an array of arguments, got %s", cl, i, kind_name(a));
                                *ok = false;
                                continue;
                        }
                        if (!ms[i])
                                continue;
                        if (a->u.array.len != ms[i]->n_params) {
                                lerr(l, F, "%s: args[%zu]: %s takes %zu argument%s, got %zu", cl, i, ms[i]->name,
                                     ms[i]->n_params, ms[i]->n_params == 1 ? "" : "s", a->u.array.len);
                                *ok = false;
                                continue;
                        }
                        for (size_t k = 0; k < a->u.array.len; k++) {
                                char path[64];
                                snprintf(path, sizeof path, "args[%zu][%zu]", i, k);
                                struct judge_error e = { 0 };
                                if (type_check_value(ms[i]->params[k].type, a->u.array.values[k], path, &e) < 0) {
                                        lerr(l, F, "%s: %s", cl, e.msg);
                                        *ok = false;
                                }
                        }
                }
        if (!YAJL_IS_ARRAY(exp) || exp->u.array.len != n) {
                if (YAJL_IS_ARRAY(exp))
                        lerr(l, F, "%s: expected has %zu entries, calls has %zu (one per call)", cl,
                             exp->u.array.len, n);
                else
                        lerr(l, F, "%s: expected must be an array (one entry per call), got %s", cl, kind_name(exp));
                *ok = false;
        } else
                for (size_t i = 0; i < n; i++) {
                        if (!ms[i])
                                continue;
                        yajl_val e = exp->u.array.values[i];
                        char path[32];
                        snprintf(path, sizeof path, "expected[%zu]", i);
                        if (!ms[i]->returns || ms[i]->returns->kind == TYPE_VOID) {
                                if (!YAJL_IS_NULL(e)) {
                                        lerr(l, F, "%s: %s must be null (%s returns nothing)", cl, path,
                                             i == 0 ? "the constructor" : ms[i]->name);
                                        *ok = false;
                                }
                                continue;
                        }
                        struct judge_error je = { 0 };
                        if (type_check_value(ms[i]->returns, e, path, &je) < 0) {
                                lerr(l, F, "%s: %s", cl, je.msg);
                                *ok = false;
                        }
                }
        free(ms);
}

/* Check every case of one test file and append the good ones to p->cases. */
static void parse_tests(struct loader *l, const char *F, const yajl_val doc, bool hidden, struct case_keys *keys) {
        struct problem *p = l->p;
        if (!YAJL_IS_ARRAY(doc)) {
                lerr(l, F, "must be a JSON array of cases, got %s", kind_name(doc));
                return;
        }
        size_t n = doc->u.array.len;
        if (n == 0) {
                if (hidden)
                        lwarn(l, F, "no hidden cases");
                else
                        lerr(l, F, "no sample cases (at least one is needed)");
                return;
        }
        struct test_case *cases = realloc(p->cases, (p->n_cases + n) * sizeof *cases);
        struct case_key *ki = realloc(keys->items, (keys->n + n) * sizeof *ki);
        if (cases)
                p->cases = cases;
        if (ki)
                keys->items = ki;
        if (!cases || !ki) {
                lerr(l, F, "out of memory");
                return;
        }
        for (size_t i = 0; i < n; i++) {
                static const char *const fk[] = { "name", "args", "expected", NULL };
                static const char *const ck[] = { "name", "calls", "args", "expected", NULL };
                yajl_val cv = doc->u.array.values[i];
                char cl[160];
                const char *name = YAJL_GET_STRING(obj_get(cv, "name"));
                if (name)
                        snprintf(cl, sizeof cl, "case %zu (\"%.100s\")", i, name);
                else
                        snprintf(cl, sizeof cl, "case %zu", i);
                if (!YAJL_IS_OBJECT(cv)) {
                        lerr(l, F, "%s must be an object, got %s", cl, kind_name(cv));
                        continue;
                }
                check_keys(l, F, cl, cv, p->sig.is_class ? ck : fk);
                bool ok = true;
                if (obj_get(cv, "name") && !name) {
                        lerr(l, F, "%s: name must be a string, got %s", cl, kind_name(obj_get(cv, "name")));
                        ok = false;
                }
                if (!l->sig_ok)
                        continue; /* the signature's errors are reported already */
                if (p->sig.is_class)
                        check_class_case(l, F, cl, cv, &ok);
                else
                        check_fn_case(l, F, cl, cv, &ok);
                if (!ok)
                        continue;

                struct buf kb;
                buf_init(&kb, TESTS_MAX);
                struct test_case tc = {
                        .name = name ? strdup(name) : NULL,
                        .hidden = hidden,
                        .index = p->n_cases,
                        .args = obj_get(cv, "args"),
                        .calls = p->sig.is_class ? obj_get(cv, "calls") : NULL,
                        .expected = obj_get(cv, "expected"),
                };
                if (problem_case_args_json(p, &tc, &kb) < 0) {
                        buf_free(&kb);
                        free(tc.name);
                        lerr(l, F, "%s: cannot serialize the arguments", cl);
                        continue;
                }
                p->cases[p->n_cases++] = tc;
                keys->items[keys->n] = (struct case_key){
                        .key = buf_steal(&kb), .file = F, .pos = i, .order = keys->n };
                keys->n++;
        }
}

static void check_duplicates(struct loader *l, struct case_keys *keys) {
        if (keys->n < 2)
                return;
        qsort(keys->items, keys->n, sizeof *keys->items, case_key_cmp);
        for (size_t i = 1; i < keys->n; i++) {
                struct case_key *a = &keys->items[i - 1], *b = &keys->items[i];
                if (strcmp(a->key, b->key) != 0)
                        continue;
                /* a run of equal keys: name each later one against the first of the run */
                size_t first = i - 1;
                while (first > 0 && strcmp(keys->items[first - 1].key, b->key) == 0)
                        first--;
                a = &keys->items[first];
                lwarn(l, b->file, "case %zu duplicates %s case %zu (same %s)", b->pos, a->file, a->pos,
                      l->p->sig.is_class ? "calls and args" : "args");
        }
}

static void check_statement(struct loader *l, const char *data, size_t len) {
        const char *F = "statement.md";
        if (!data) {
                lerr(l, F, "missing");
                return;
        }
        bool blank = true;
        for (size_t i = 0; i < len && blank; i++)
                if (!isspace((unsigned char) data[i]))
                        blank = false;
        if (blank)
                lwarn(l, F, "empty");
        if (memchr(data, 0, len) || type_utf8_chars(data, len) == SIZE_MAX)
                lwarn(l, F, "not valid UTF-8 text");
        l->p->statement = strndup(data, len);
}

/* unreadable: bit i set when file i (problem.json, statement.md, sample, hidden) exists but could
 * not be read; the caller reported that already, so it is not "missing" here. */
static int load(const struct problem_source *src, unsigned unreadable, struct problem **ret,
                struct diag_list *diags, struct judge_error *err) {
        struct diag_list local = { 0 };
        struct loader l = { .diags = diags ? diags : &local, .err = err, .sig_ok = false };
        _cleanup_(problem_freep) struct problem *p = calloc(1, sizeof *p);
        if (!p)
                return judge_err(err, -ENOMEM, "out of memory");
        l.p = p;
        p->sig.output_param = -1;
        p->float_tolerance = DEFAULT_FLOAT_TOLERANCE;
        p->dir = strdup(src->dir ? src->dir : "");
        size_t errors_before = l.diags->n_errors;

        const char *dirname = NULL;
        _cleanup_free_ char *dircopy = NULL;
        if (src->dir) {
                dircopy = realpath(src->dir, NULL);
                if (!dircopy)
                        dircopy = strdup(src->dir);
                if (dircopy) {
                        size_t n = strlen(dircopy);
                        while (n > 1 && dircopy[n - 1] == '/')
                                dircopy[--n] = 0;
                        char *slash = strrchr(dircopy, '/');
                        dirname = slash && slash[1] ? slash + 1 : dircopy;
                }
        }

        if (!src->problem_json) {
                if (!(unreadable & 1u))
                        lerr(&l, "problem.json", "missing");
        }
        else if (src->problem_json_len > PROBLEM_JSON_MAX)
                lerr(&l, "problem.json", "larger than %zu bytes", PROBLEM_JSON_MAX);
        else {
                p->doc = parse_json(&l, "problem.json", src->problem_json, src->problem_json_len);
                if (p->doc)
                        parse_meta(&l, p->doc, dirname);
        }

        if (src->statement && src->statement_len > STATEMENT_MAX)
                lerr(&l, "statement.md", "larger than %zu bytes", STATEMENT_MAX);
        else if (src->statement || !(unreadable & 2u))
                check_statement(&l, src->statement, src->statement_len);

        struct case_keys keys = { 0 };
        static const char *const files[2] = { "tests/sample.json", "tests/hidden.json" };
        const char *data[2] = { src->sample, src->hidden };
        size_t lens[2] = { src->sample_len, src->hidden_len };
        yajl_val *docs[2] = { &p->sample_doc, &p->hidden_doc };
        for (int f = 0; f < 2; f++) {
                if (!data[f]) {
                        if (!(unreadable & (4u << f)))
                                lerr(&l, files[f], "missing");
                        continue;
                }
                if (lens[f] > TESTS_MAX) {
                        lerr(&l, files[f], "larger than %zu bytes", TESTS_MAX);
                        continue;
                }
                *docs[f] = parse_json(&l, files[f], data[f], lens[f]);
                if (!*docs[f])
                        continue;
                if (!p->doc) {
                        /* no signature to check against; at least the shape of the file */
                        if (!YAJL_IS_ARRAY(*docs[f]))
                                lerr(&l, files[f], "must be a JSON array of cases, got %s", kind_name(*docs[f]));
                        continue;
                }
                if (f == 0)
                        parse_tests(&l, files[f], *docs[f], false, &keys);
                else {
                        p->n_sample = p->n_cases;
                        parse_tests(&l, files[f], *docs[f], true, &keys);
                }
        }
        if (!src->hidden || !p->hidden_doc)
                p->n_sample = p->n_cases;
        check_duplicates(&l, &keys);
        for (size_t i = 0; i < keys.n; i++)
                free(keys.items[i].key);
        free(keys.items);

        bool failed = l.diags->n_errors > errors_before;
        diag_list_free(&local);
        if (failed)
                return err ? err->code : -EINVAL;
        *ret = TAKE_PTR(p);
        return 0;
}

int problem_load_from_memory(const struct problem_source *src, struct problem **ret, struct diag_list *diags,
                             struct judge_error *err) {
        if (!src || !ret)
                return judge_err(err, -EINVAL, "invalid arguments");
        return load(src, 0, ret, diags, err);
}

/* Read a whole regular file, failing past max bytes. *ret NUL-terminated. */
static int read_capped(const char *path, size_t max, char **ret, size_t *ret_len) {
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
                return -errno;
        struct stat st;
        if (fstat(fd, &st) < 0)
                return -errno;
        if (S_ISDIR(st.st_mode))
                return -EISDIR;
        if (!S_ISREG(st.st_mode))
                return -EBADF;
        if ((uintmax_t) st.st_size > max)
                return -EFBIG;
        size_t alloc = (size_t) st.st_size + 1, len = 0;
        _cleanup_free_ char *data = malloc(alloc);
        if (!data)
                return -ENOMEM;
        for (;;) {
                if (len + 1 >= alloc) {
                        if (alloc > max + 1)
                                return -EFBIG;
                        alloc *= 2;
                        char *d = realloc(data, alloc);
                        if (!d)
                                return -ENOMEM;
                        data = d;
                }
                ssize_t k = read(fd, data + len, alloc - 1 - len);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                if (k == 0)
                        break;
                len += (size_t) k;
                if (len > max)
                        return -EFBIG;
        }
        data[len] = 0;
        *ret = TAKE_PTR(data);
        *ret_len = len;
        return 0;
}

int problem_load(const char *dir, struct problem **ret, struct diag_list *diags, struct judge_error *err) {
        if (!dir || !ret)
                return judge_err(err, -EINVAL, "invalid arguments");
        static const char *const names[4] = { "problem.json", "statement.md", "tests/sample.json",
                                              "tests/hidden.json" };
        static const size_t caps[4] = { PROBLEM_JSON_MAX, STATEMENT_MAX, TESTS_MAX, TESTS_MAX };
        char *data[4] = { NULL };
        size_t lens[4] = { 0 };
        struct diag_list local = { 0 };
        struct diag_list *dl = diags ? diags : &local;
        size_t errors_before = dl->n_errors;
        struct judge_error first = { 0 };
        unsigned unreadable = 0;

        struct stat st;
        if (stat(dir, &st) < 0)
                return judge_err(err, -errno, "%s: %m", dir);
        if (!S_ISDIR(st.st_mode))
                return judge_err(err, -ENOTDIR, "%s: not a directory", dir);

        for (int i = 0; i < 4; i++) {
                _cleanup_free_ char *path = NULL;
                if (asprintf(&path, "%s/%s", dir, names[i]) < 0) {
                        for (int j = 0; j < i; j++)
                                free(data[j]);
                        diag_list_free(&local);
                        return judge_err(err, -ENOMEM, "out of memory");
                }
                int r = read_capped(path, caps[i], &data[i], &lens[i]);
                if (r == -ENOENT)
                        continue; /* reported as missing by load() */
                if (r < 0) {
                        unreadable |= 1u << i;
                        if (r == -EFBIG)
                                diag_add(dl, DIAG_ERROR, names[i], "larger than %zu bytes", caps[i]);
                        else
                                diag_add(dl, DIAG_ERROR, names[i], "cannot read: %s", strerror(-r));
                        if (!first.code)
                                judge_err(&first, r, "%s: %s", names[i],
                                          r == -EFBIG ? "file too large" : strerror(-r));
                }
        }

        struct problem_source src = {
                .dir = dir,
                .problem_json = data[0],
                .problem_json_len = lens[0],
                .statement = data[1],
                .statement_len = lens[1],
                .sample = data[2],
                .sample_len = lens[2],
                .hidden = data[3],
                .hidden_len = lens[3],
        };
        struct judge_error e2 = { 0 };
        _cleanup_(problem_freep) struct problem *p = NULL;
        int r = load(&src, unreadable, &p, dl, &e2);
        for (int i = 0; i < 4; i++)
                free(data[i]);

        bool failed = r < 0 || dl->n_errors > errors_before;
        diag_list_free(&local);
        if (failed) {
                if (first.code)
                        return judge_err(err, -EINVAL, "%s", first.msg);
                if (r < 0 && e2.code)
                        return judge_err(err, e2.code, "%s", e2.msg);
                return judge_err(err, -EINVAL, "invalid problem package");
        }
        *ret = TAKE_PTR(p);
        return 0;
}
