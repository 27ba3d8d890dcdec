/* Java: the glue is jvm.args (the JVM's heap and the harness's stack, from the problem's memory
 * limit); the harness (harness/java/Harness.java) finds the user's methods by reflection, so no
 * generated source is needed. The starter code is LeetCode's Java template. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lang/codegen_internal.h"

/* LeetCode's Java spelling: T[] as an array, list<T> as List<Boxed T>. */
static int java_type(const struct type *t, bool boxed, struct buf *out) {
        switch (t->kind) {
        case TYPE_INT:
                return buf_puts(out, boxed ? "Integer" : "int");
        case TYPE_LONG:
                return buf_puts(out, boxed ? "Long" : "long");
        case TYPE_DOUBLE:
                return buf_puts(out, boxed ? "Double" : "double");
        case TYPE_BOOL:
                return buf_puts(out, boxed ? "Boolean" : "boolean");
        case TYPE_CHAR:
                return buf_puts(out, boxed ? "Character" : "char");
        case TYPE_STRING:
                return buf_puts(out, "String");
        case TYPE_LIST_NODE:
                return buf_puts(out, "ListNode");
        case TYPE_TREE_NODE:
                return buf_puts(out, "TreeNode");
        case TYPE_VOID:
                return buf_puts(out, "void");
        case TYPE_ARRAY:
                if (t->spelled_list) {
                        buf_puts(out, "List<");
                        java_type(t->elem, true, out);
                        return buf_puts(out, ">");
                }
                java_type(t->elem, false, out);
                return buf_puts(out, "[]");
        default:
                return codegen_fail(out, -EINVAL);
        }
}

static int java_params(const struct method *m, struct buf *out) {
        for (size_t i = 0; i < m->n_params; i++) {
                if (i)
                        buf_puts(out, ", ");
                java_type(m->params[i].type, false, out);
                buf_printf(out, " %s", m->params[i].name);
        }
        return buf_err(out);
}

static int java_jvm_args(const struct problem *p, struct buf *out) {
        /* The heap is the problem's limit (the runner measures RSS against it too). The user's
         * calls run on a thread whose stack is a sixteenth of it (8 to 64 MB; 8 MB hold a
         * 100000-deep recursion): runaway recursion must be a StackOverflowError (runtime error,
         * as on LeetCode) before it is a memory limit, and unwinding a deep stack of compiled
         * frames costs the JVM several times the stack's size in RSS. */
        long mb = p->memory_mb > 0 ? p->memory_mb : 256;
        long stack_mb = mb / 16 < 8 ? 8 : mb / 16 > 64 ? 64 : mb / 16;
        return buf_printf(out, "-Xmx%ldm\n-Djudge.stack_mb=%ld\n", mb, stack_mb);
}

int codegen_java_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                      struct judge_error *err) {
        return codegen_glue_file(p, "jvm.args", java_jvm_args, ret_files, ret_n, err);
}

/* "public T name(params) {...}" with an empty body. */
static int java_method(const struct type *returns, const char *name, const struct method *m, struct buf *out) {
        buf_puts(out, "public ");
        java_type(returns, false, out);
        buf_printf(out, " %s(", name);
        java_params(m, out);
        return buf_puts(out, ") {\n        \n    }\n");
}

static int java_type_unboxed(const struct type *t, struct buf *out) {
        return java_type(t, false, out);
}

static const struct codegen_usage java_usage = { " * ", "$C obj = new $C(", ",", "$T param_$N = ", java_type_unboxed,
                                                 "obj.", NULL, NULL, ",", ");\n", " */\n" };

int codegen_java_stub(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        codegen_node_defs(s,
                          "/**\n"
                          " * Definition for singly-linked list.\n"
                          " * public class ListNode {\n"
                          " *     int val;\n"
                          " *     ListNode next;\n"
                          " *     ListNode() {}\n"
                          " *     ListNode(int val) { this.val = val; }\n"
                          " *     ListNode(int val, ListNode next) { this.val = val; this.next = next; }\n"
                          " * }\n"
                          " */\n",
                          "/**\n"
                          " * Definition for a binary tree node.\n"
                          " * public class TreeNode {\n"
                          " *     int val;\n"
                          " *     TreeNode left;\n"
                          " *     TreeNode right;\n"
                          " *     TreeNode() {}\n"
                          " *     TreeNode(int val) { this.val = val; }\n"
                          " *     TreeNode(int val, TreeNode left, TreeNode right) {\n"
                          " *         this.val = val;\n"
                          " *         this.left = left;\n"
                          " *         this.right = right;\n"
                          " *     }\n"
                          " * }\n"
                          " */\n",
                          out);

        if (!s->is_class) {
                buf_puts(out, "class Solution {\n    ");
                java_method(s->fn.returns, s->fn.name ? s->fn.name : s->name, &s->fn, out);
                return buf_puts(out, "}\n");
        }

        buf_printf(out, "class %1$s {\n\n    public %1$s(", s->name);
        java_params(&s->ctor, out);
        buf_puts(out, ") {\n        \n    }\n");
        for (size_t i = 0; i < s->n_methods; i++) {
                buf_puts(out, "    \n    ");
                java_method(s->methods[i].returns, s->methods[i].name, &s->methods[i], out);
        }
        buf_puts(out, "}\n\n/**\n");
        return codegen_usage(s, &java_usage, out);
}
