/* Java: the glue is jvm.args (the JVM's heap and the harness's stack, from the problem's memory
 * limit); the harness (harness/java/Harness.java) finds the user's methods by reflection, so no
 * generated source is needed. The starter code is LeetCode's Java template. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lang/codegen_internal.h"

#define CODEGEN_JAVA_MAX ((size_t)1 << 20)

/* LeetCode's Java spelling: T[] as an array, list<T> as List<Boxed T>. */
static int java_type(const struct type *t, bool boxed, struct buf *out) {
        int r;
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
                        r = buf_puts(out, "List<");
                        if (r >= 0)
                                r = java_type(t->elem, true, out);
                        if (r >= 0)
                                r = buf_puts(out, ">");
                        return r;
                }
                r = java_type(t->elem, false, out);
                if (r >= 0)
                        r = buf_puts(out, "[]");
                return r;
        default:
                return -EINVAL;
        }
}

static int java_params(const struct method *m, struct buf *out) {
        int r = 0;
        for (size_t i = 0; r >= 0 && i < m->n_params; i++) {
                if (i)
                        r = buf_puts(out, ", ");
                if (r >= 0)
                        r = java_type(m->params[i].type, false, out);
                if (r >= 0)
                        r = buf_printf(out, " %s", m->params[i].name);
        }
        return r;
}

static int java_arg_names(const struct method *m, struct buf *out) {
        int r = 0;
        for (size_t i = 0; r >= 0 && i < m->n_params; i++)
                r = buf_printf(out, "%s%s", i ? "," : "", m->params[i].name);
        return r;
}

int codegen_java_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                      struct judge_error *err) {
        /* The heap is the problem's limit (the runner measures RSS against it too). The user's
         * calls run on a thread whose stack is a sixteenth of it (8 to 64 MB; 8 MB hold a
         * 100000-deep recursion): runaway recursion must be a StackOverflowError (runtime error,
         * as on LeetCode) before it is a memory limit, and unwinding a deep stack of compiled
         * frames costs the JVM several times the stack's size in RSS. */
        long mb = p->memory_mb > 0 ? p->memory_mb : 256;
        long stack_mb = mb / 16 < 8 ? 8 : mb / 16 > 64 ? 64 : mb / 16;
        _cleanup_buf_ struct buf text;
        buf_init(&text, CODEGEN_JAVA_MAX);
        int r = buf_printf(&text, "-Xmx%ldm\n-Djudge.stack_mb=%ld\n", mb, stack_mb);
        if (r < 0)
                return judge_err(err, r, "codegen: generating jvm.args failed");
        return codegen_one_file("jvm.args", &text, ret_files, ret_n, err);
}

static int java_stub(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        int r = 0;
        if (codegen_signature_uses(s, TYPE_LIST_NODE))
                r = buf_puts(out, "/**\n"
                                  " * Definition for singly-linked list.\n"
                                  " * public class ListNode {\n"
                                  " *     int val;\n"
                                  " *     ListNode next;\n"
                                  " *     ListNode() {}\n"
                                  " *     ListNode(int val) { this.val = val; }\n"
                                  " *     ListNode(int val, ListNode next) { this.val = val; this.next = next; }\n"
                                  " * }\n"
                                  " */\n");
        if (r >= 0 && codegen_signature_uses(s, TYPE_TREE_NODE))
                r = buf_puts(out, "/**\n"
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
                                  " */\n");
        if (r < 0)
                return r;

        if (!s->is_class) {
                r = buf_puts(out, "class Solution {\n    public ");
                if (r >= 0)
                        r = java_type(s->fn.returns, false, out);
                if (r >= 0)
                        r = buf_printf(out, " %s(", s->fn.name ? s->fn.name : s->name);
                if (r >= 0)
                        r = java_params(&s->fn, out);
                if (r >= 0)
                        r = buf_puts(out, ") {\n        \n    }\n}\n");
                return r;
        }

        r = buf_printf(out, "class %1$s {\n\n    public %1$s(", s->name);
        if (r >= 0)
                r = java_params(&s->ctor, out);
        if (r >= 0)
                r = buf_puts(out, ") {\n        \n    }\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                r = buf_puts(out, "    \n    public ");
                if (r >= 0)
                        r = java_type(m->returns, false, out);
                if (r >= 0)
                        r = buf_printf(out, " %s(", m->name);
                if (r >= 0)
                        r = java_params(m, out);
                if (r >= 0)
                        r = buf_puts(out, ") {\n        \n    }\n");
        }
        if (r >= 0)
                r = buf_printf(out,
                               "}\n"
                               "\n"
                               "/**\n"
                               " * Your %1$s object will be instantiated and called as such:\n"
                               " * %1$s obj = new %1$s(",
                               s->name);
        if (r >= 0)
                r = java_arg_names(&s->ctor, out);
        if (r >= 0)
                r = buf_puts(out, ");\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                r = buf_puts(out, " * ");
                if (r >= 0 && m->returns->kind != TYPE_VOID) {
                        r = java_type(m->returns, false, out);
                        if (r >= 0)
                                r = buf_printf(out, " param_%zu = ", i + 1);
                }
                if (r >= 0)
                        r = buf_printf(out, "obj.%s(", m->name);
                if (r >= 0)
                        r = java_arg_names(m, out);
                if (r >= 0)
                        r = buf_puts(out, ");\n");
        }
        if (r >= 0)
                r = buf_puts(out, " */\n");
        return r;
}

int codegen_java_stub(const struct problem *p, struct buf *out, struct judge_error *err) {
        int r = java_stub(p, out);
        if (r < 0)
                return judge_err(err, r, "codegen: generating the java starter code failed");
        return 0;
}
