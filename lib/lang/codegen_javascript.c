/* JavaScript: no glue (harness/javascript/harness.js runs the user's script and looks the
 * function or class up by name); the starter code is LeetCode's JavaScript template, JSDoc
 * comments included. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "lang/codegen_internal.h"

/* LeetCode's JSDoc type names: number, boolean, character, string, T[], ListNode, TreeNode. */
static int js_type(const struct type *t, struct buf *out) {
        int r;
        switch (t->kind) {
        case TYPE_INT:
        case TYPE_LONG:
        case TYPE_DOUBLE:
                return buf_puts(out, "number");
        case TYPE_BOOL:
                return buf_puts(out, "boolean");
        case TYPE_CHAR:
                return buf_puts(out, "character");
        case TYPE_STRING:
                return buf_puts(out, "string");
        case TYPE_LIST_NODE:
                return buf_puts(out, "ListNode");
        case TYPE_TREE_NODE:
                return buf_puts(out, "TreeNode");
        case TYPE_VOID:
                return buf_puts(out, "void");
        case TYPE_ARRAY:
                r = js_type(t->elem, out);
                if (r >= 0)
                        r = buf_puts(out, "[]");
                return r;
        default:
                return -EINVAL;
        }
}

/* " * @param {T} name" lines; trailing_space: LeetCode's method comments end every line but
 * the last @param with a space. */
static int js_param_docs(const struct method *m, bool trailing_space, struct buf *out) {
        int r = 0;
        for (size_t i = 0; r >= 0 && i < m->n_params; i++) {
                r = buf_puts(out, " * @param {");
                if (r >= 0)
                        r = js_type(m->params[i].type, out);
                if (r >= 0)
                        r = buf_printf(out, "} %s%s\n", m->params[i].name,
                                       trailing_space && i + 1 < m->n_params ? " " : "");
        }
        return r;
}

static int js_arg_names(const struct method *m, const char *sep, struct buf *out) {
        int r = 0;
        for (size_t i = 0; r >= 0 && i < m->n_params; i++)
                r = buf_printf(out, "%s%s", i ? sep : "", m->params[i].name);
        return r;
}

static int js_stub(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        int r = 0;
        if (codegen_signature_uses(s, TYPE_LIST_NODE))
                r = buf_puts(out, "/**\n"
                                  " * Definition for singly-linked list.\n"
                                  " * function ListNode(val, next) {\n"
                                  " *     this.val = (val===undefined ? 0 : val)\n"
                                  " *     this.next = (next===undefined ? null : next)\n"
                                  " * }\n"
                                  " */\n");
        if (r >= 0 && codegen_signature_uses(s, TYPE_TREE_NODE))
                r = buf_puts(out, "/**\n"
                                  " * Definition for a binary tree node.\n"
                                  " * function TreeNode(val, left, right) {\n"
                                  " *     this.val = (val===undefined ? 0 : val)\n"
                                  " *     this.left = (left===undefined ? null : left)\n"
                                  " *     this.right = (right===undefined ? null : right)\n"
                                  " * }\n"
                                  " */\n");
        if (r < 0)
                return r;

        if (!s->is_class) {
                const char *name = s->fn.name ? s->fn.name : s->name;
                r = buf_puts(out, "/**\n");
                if (r >= 0)
                        r = js_param_docs(&s->fn, false, out);
                if (r >= 0)
                        r = buf_puts(out, " * @return {");
                if (r >= 0)
                        r = js_type(s->fn.returns, out);
                if (r >= 0)
                        r = buf_puts(out, "}");
                if (r >= 0 && s->fn.returns->kind == TYPE_VOID && s->output_param >= 0 &&
                    (size_t)s->output_param < s->fn.n_params)
                        r = buf_printf(out, " Do not return anything, modify %s in-place instead.",
                                       s->fn.params[s->output_param].name);
                if (r >= 0)
                        r = buf_printf(out, "\n */\nvar %s = function(", name);
                if (r >= 0)
                        r = js_arg_names(&s->fn, ", ", out);
                if (r >= 0)
                        r = buf_puts(out, ") {\n    \n};\n");
                return r;
        }

        if (s->ctor.n_params > 0) {
                r = buf_puts(out, "/**\n");
                if (r >= 0)
                        r = js_param_docs(&s->ctor, false, out);
                if (r >= 0)
                        r = buf_puts(out, " */\n");
        }
        if (r >= 0)
                r = buf_printf(out, "var %s = function(", s->name);
        if (r >= 0)
                r = js_arg_names(&s->ctor, ", ", out);
        if (r >= 0)
                r = buf_puts(out, ") {\n    \n};\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                r = buf_puts(out, m->n_params > 0 ? "\n/** \n" : "\n/**\n");
                if (r >= 0)
                        r = js_param_docs(m, true, out);
                if (r >= 0)
                        r = buf_puts(out, " * @return {");
                if (r >= 0)
                        r = js_type(m->returns, out);
                if (r >= 0)
                        r = buf_printf(out, "}\n */\n%s.prototype.%s = function(", s->name, m->name);
                if (r >= 0)
                        r = js_arg_names(m, ", ", out);
                if (r >= 0)
                        r = buf_puts(out, ") {\n    \n};\n");
        }
        if (r >= 0)
                r = buf_printf(out,
                               "\n"
                               "/** \n"
                               " * Your %1$s object will be instantiated and called as such:\n"
                               " * var obj = new %1$s(",
                               s->name);
        if (r >= 0)
                r = js_arg_names(&s->ctor, ",", out);
        if (r >= 0)
                r = buf_puts(out, ")\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                if (m->returns->kind == TYPE_VOID)
                        r = buf_printf(out, " * obj.%s(", m->name);
                else
                        r = buf_printf(out, " * var param_%zu = obj.%s(", i + 1, m->name);
                if (r >= 0)
                        r = js_arg_names(m, ",", out);
                if (r >= 0)
                        r = buf_puts(out, ")\n");
        }
        if (r >= 0)
                r = buf_puts(out, " */\n");
        return r;
}

int codegen_javascript_stub(const struct problem *p, struct buf *out, struct judge_error *err) {
        int r = js_stub(p, out);
        if (r < 0)
                return judge_err(err, r, "codegen: generating the javascript starter code failed");
        return 0;
}
