/* JavaScript: no glue (harness/javascript/harness.js runs the user's script and looks the
 * function or class up by name); the starter code is LeetCode's JavaScript template, JSDoc
 * comments included. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "lang/codegen_internal.h"

/* LeetCode's JSDoc type names: number, boolean, character, string, T[], ListNode, TreeNode. */
static int js_type(const struct type *t, struct buf *out) {
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
                js_type(t->elem, out);
                return buf_puts(out, "[]");
        default:
                return codegen_fail(out, -EINVAL);
        }
}

/* " * @param {T} name" lines; trailing_space: LeetCode's method comments end every line but
 * the last @param with a space. */
static int js_param_docs(const struct method *m, bool trailing_space, struct buf *out) {
        for (size_t i = 0; i < m->n_params; i++) {
                buf_puts(out, " * @param {");
                js_type(m->params[i].type, out);
                buf_printf(out, "} %s%s\n", m->params[i].name,
                           trailing_space && i + 1 < m->n_params ? " " : "");
        }
        return buf_err(out);
}

/* "var name = function(a, b) {...};" with an empty body, or "Class.prototype.name = ..." for
 * a method of cls. */
static int js_function(const char *cls, const char *name, const struct method *m, struct buf *out) {
        if (cls)
                buf_printf(out, "%s.prototype.%s = function(", cls, name);
        else
                buf_printf(out, "var %s = function(", name);
        codegen_arg_list(m, ", ", NULL, out);
        return buf_puts(out, ") {\n    \n};\n");
}

static const struct codegen_usage js_usage = {
        " * ", "var obj = new $C(", ",", "var param_$N = ", NULL, "obj.", NULL, NULL, ",", ")\n", " */\n"};

int codegen_javascript_stub(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        codegen_node_defs(s,
                          "/**\n"
                          " * Definition for singly-linked list.\n"
                          " * function ListNode(val, next) {\n"
                          " *     this.val = (val===undefined ? 0 : val)\n"
                          " *     this.next = (next===undefined ? null : next)\n"
                          " * }\n"
                          " */\n",
                          "/**\n"
                          " * Definition for a binary tree node.\n"
                          " * function TreeNode(val, left, right) {\n"
                          " *     this.val = (val===undefined ? 0 : val)\n"
                          " *     this.left = (left===undefined ? null : left)\n"
                          " *     this.right = (right===undefined ? null : right)\n"
                          " * }\n"
                          " */\n",
                          out);

        if (!s->is_class) {
                buf_puts(out, "/**\n");
                js_param_docs(&s->fn, false, out);
                buf_puts(out, " * @return {");
                js_type(s->fn.returns, out);
                buf_puts(out, "}");
                if (s->fn.returns->kind == TYPE_VOID && s->output_param >= 0 &&
                    (size_t)s->output_param < s->fn.n_params)
                        buf_printf(out, " Do not return anything, modify %s in-place instead.",
                                   s->fn.params[s->output_param].name);
                buf_puts(out, "\n */\n");
                return js_function(NULL, s->fn.name ? s->fn.name : s->name, &s->fn, out);
        }

        if (s->ctor.n_params > 0) {
                buf_puts(out, "/**\n");
                js_param_docs(&s->ctor, false, out);
                buf_puts(out, " */\n");
        }
        js_function(NULL, s->name, &s->ctor, out);
        for (size_t i = 0; i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                buf_puts(out, m->n_params > 0 ? "\n/** \n" : "\n/**\n");
                js_param_docs(m, true, out);
                buf_puts(out, " * @return {");
                js_type(m->returns, out);
                buf_puts(out, "}\n */\n");
                js_function(s->name, m->name, m, out);
        }
        buf_puts(out, "\n/** \n");
        return codegen_usage(s, &js_usage, out);
}
