/* The languages' code generators behind one entry: codegen_glue and codegen_stub find the
 * language's handler in the table (lib/lang/languages.c), check the signature once for every
 * language, and call the handler's generator (lib/codegen_<lang>.c). */
#include "lang/codegen.h"
#include "lang/codegen_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"

static int codegen_check_method(const struct method *m, bool need_name, bool need_returns,
                                struct judge_error *err) {
        if (need_name && !problem_is_identifier(m->name))
                return judge_err(err, -EINVAL, "codegen: \"%s\" is not an identifier",
                                 m->name ? m->name : "(null)");
        for (size_t i = 0; i < m->n_params; i++) {
                if (!problem_is_identifier(m->params[i].name))
                        return judge_err(err, -EINVAL, "codegen: parameter \"%s\" of %s is not an identifier",
                                         m->params[i].name ? m->params[i].name : "(null)",
                                         m->name ? m->name : "?");
                if (!m->params[i].type)
                        return judge_err(err, -EINVAL, "codegen: parameter %s has no type",
                                         m->params[i].name);
                if (m->params[i].type->kind == TYPE_VOID)
                        return judge_err(err, -EINVAL, "codegen: parameter %s is void", m->params[i].name);
        }
        if (need_returns && !m->returns)
                return judge_err(err, -EINVAL, "codegen: %s%s has no return type", need_name ? "method " : "",
                                 m->name ? m->name : "?");
        return 0;
}

int codegen_check_signature(const struct signature *s, struct judge_error *err) {
        int r;
        if (!problem_is_identifier(s->name))
                return judge_err(err, -EINVAL, "codegen: \"%s\" is not an identifier",
                                 s->name ? s->name : "(null)");
        if (!s->is_class) {
                if (s->fn.name && !problem_is_identifier(s->fn.name))
                        return judge_err(err, -EINVAL, "codegen: \"%s\" is not an identifier", s->fn.name);
                struct method fn = s->fn;
                if (!fn.name)
                        fn.name = s->name;
                return codegen_check_method(&fn, false, true, err);
        }
        r = codegen_check_method(&s->ctor, false, false, err);
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++)
                r = codegen_check_method(&s->methods[i], true, true, err);
        return r;
}

/* The handler of lang, with p's signature checked for it. */
static int codegen_handler(const struct problem *p, const char *lang, const struct lang_handler **ret,
                           struct judge_error *err) {
        const struct lang_handler *h = lang_handler_find(lang);
        char known[256];
        if (!h)
                return judge_err(err, -EINVAL, "codegen: unknown language \"%s\" (known: %s)",
                                 lang ? lang : "(null)", lang_known(known, sizeof known, ", "));
        int r = codegen_check_signature(&p->sig, err);
        if (r >= 0 && h->check)
                r = h->check(&p->sig, err);
        if (r < 0)
                return r;
        *ret = h;
        return 0;
}

int codegen_glue(const struct problem *p, const char *lang, struct codegen_file **ret_files, size_t *ret_n,
                 struct judge_error *err) {
        const struct lang_handler *h;
        int r = codegen_handler(p, lang, &h, err);
        if (r < 0)
                return r;
        if (!h->glue) {
                *ret_files = NULL;
                *ret_n = 0;
                return 0;
        }
        return h->glue(p, ret_files, ret_n, err);
}

int codegen_stub(const struct problem *p, const char *lang, struct buf *out, struct judge_error *err) {
        const struct lang_handler *h;
        int r = codegen_handler(p, lang, &h, err);
        if (r < 0)
                return r;
        r = h->stub(p, out);
        if (r < 0)
                return judge_err(err, r, "codegen: generating the %s starter code failed", h->name);
        return 0;
}

/* ---- helpers shared by the generators ------------------------------------------------------ */

int codegen_arg_list(const struct method *m, const char *sep, void (*name)(const char *n, struct buf *out),
                     struct buf *out) {
        for (size_t i = 0; i < m->n_params; i++) {
                if (i)
                        buf_puts(out, sep);
                if (name)
                        name(m->params[i].name, out);
                else
                        buf_puts(out, m->params[i].name);
        }
        return buf_err(out);
}

int codegen_arg_names(const struct method *m, struct buf *out) {
        return codegen_arg_list(m, ",", NULL, out);
}

int codegen_fail(struct buf *out, int r) {
        if (!out->err)
                out->err = r;
        return out->err;
}

int codegen_node_defs(const struct signature *s, const char *list, const char *tree, struct buf *out) {
        if (codegen_signature_uses(s, TYPE_LIST_NODE))
                buf_puts(out, list);
        if (codegen_signature_uses(s, TYPE_TREE_NODE))
                buf_puts(out, tree);
        return buf_err(out);
}

/* tmpl with $C, $T and $N spelled out (codegen_usage). */
static void codegen_usage_spell(const struct codegen_usage *u, const char *tmpl, const char *cls,
                                const struct type *t, size_t number, struct buf *out) {
        for (const char *p = tmpl; *p; p++) {
                if (p[0] == '$' && p[1] == 'C')
                        buf_puts(out, cls);
                else if (p[0] == '$' && p[1] == 'T')
                        u->type(t, out);
                else if (p[0] == '$' && p[1] == 'N')
                        buf_printf(out, "%zu", number);
                else {
                        buf_append(out, p, 1);
                        continue;
                }
                p++;
        }
}

int codegen_usage(const struct signature *s, const struct codegen_usage *u, struct buf *out) {
        buf_printf(out, "%sYour %s object will be instantiated and called as such:\n%s", u->line, s->name,
                   u->line);
        codegen_usage_spell(u, u->new_obj, s->name, NULL, 0, out);
        codegen_arg_list(&s->ctor, u->ctor_sep, u->arg_name, out);
        buf_puts(out, u->end);
        for (size_t i = 0; i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                buf_puts(out, u->line);
                if (m->returns->kind != TYPE_VOID)
                        codegen_usage_spell(u, u->result, s->name, m->returns, i + 1, out);
                buf_puts(out, u->call);
                if (u->method_name)
                        u->method_name(m->name, out);
                else
                        buf_puts(out, m->name);
                buf_puts(out, "(");
                codegen_arg_list(m, u->arg_sep, u->arg_name, out);
                buf_puts(out, u->end);
        }
        return buf_puts(out, u->close);
}

static bool codegen_type_uses(const struct type *t, enum type_kind k) {
        for (; t; t = t->elem)
                if (t->kind == k)
                        return true;
        return false;
}

static bool codegen_method_uses(const struct method *m, enum type_kind k) {
        if (m->returns && codegen_type_uses(m->returns, k))
                return true;
        for (size_t i = 0; i < m->n_params; i++)
                if (codegen_type_uses(m->params[i].type, k))
                        return true;
        return false;
}

bool codegen_signature_uses(const struct signature *s, enum type_kind k) {
        if (!s->is_class)
                return codegen_method_uses(&s->fn, k);
        if (codegen_method_uses(&s->ctor, k))
                return true;
        for (size_t i = 0; i < s->n_methods; i++)
                if (codegen_method_uses(&s->methods[i], k))
                        return true;
        return false;
}

int codegen_glue_file(const struct problem *p, const char *path,
                      int (*write)(const struct problem *p, struct buf *out), struct codegen_file **ret_files,
                      size_t *ret_n, struct judge_error *err) {
        _cleanup_buf_ struct buf b;
        buf_init(&b, (size_t)1 << 20);
        int r = write(p, &b);
        if (r < 0)
                return judge_err(err, r, "codegen: generating %s failed", path);
        struct buf *text = &b;
        struct codegen_file *files = calloc(1, sizeof *files);
        if (!files)
                return judge_err(err, -ENOMEM, "codegen: out of memory");
        files[0].path = strdup(path);
        files[0].text = buf_steal(text);
        if (!files[0].path || !files[0].text) {
                codegen_files_free(files, 1);
                return judge_err(err, -ENOMEM, "codegen: out of memory");
        }
        *ret_files = files;
        *ret_n = 1;
        return 0;
}

struct codegen_file *codegen_files_free(struct codegen_file *files, size_t n) {
        if (!files)
                return NULL;
        for (size_t i = 0; i < n; i++) {
                free(files[i].path);
                free(files[i].text);
        }
        free(files);
        return NULL;
}
