/* Python: no glue (the harness imports solution.py and finds the user's class by name);
 * LeetCode's Python 3 starter code. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lang/codegen_internal.h"

static int codegen_py_type(const struct type *t, struct buf *out) {
        switch (t->kind) {
        case TYPE_INT:
        case TYPE_LONG:
                return buf_puts(out, "int");
        case TYPE_DOUBLE:
                return buf_puts(out, "float");
        case TYPE_BOOL:
                return buf_puts(out, "bool");
        case TYPE_CHAR:
        case TYPE_STRING:
                return buf_puts(out, "str");
        case TYPE_LIST_NODE:
                return buf_puts(out, "Optional[ListNode]");
        case TYPE_TREE_NODE:
                return buf_puts(out, "Optional[TreeNode]");
        case TYPE_VOID:
                return buf_puts(out, "None");
        case TYPE_ARRAY:
                buf_puts(out, "List[");
                codegen_py_type(t->elem, out);
                return buf_puts(out, "]");
        default:
                return codegen_fail(out, -EINVAL);
        }
}

static int codegen_py_params(const struct method *m, struct buf *out) {
        buf_puts(out, "self");
        for (size_t i = 0; i < m->n_params; i++) {
                buf_printf(out, ", %s: ", m->params[i].name);
                codegen_py_type(m->params[i].type, out);
        }
        return buf_err(out);
}

/* "def name(self, a: T, ...) -> R:" */
static int codegen_py_def(const char *name, const struct method *m, struct buf *out) {
        buf_printf(out, "def %s(", name);
        codegen_py_params(m, out);
        buf_puts(out, ") -> ");
        codegen_py_type(m->returns, out);
        return buf_puts(out, ":\n");
}

static const struct codegen_usage codegen_py_usage = {"# ", "obj = $C(", ",", "param_$N = ", NULL, "obj.",
                                                      NULL, NULL,        ",", ")\n",         ""};

int codegen_python_stub(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        codegen_node_defs(s,
                          "# Definition for singly-linked list.\n"
                          "# class ListNode:\n"
                          "#     def __init__(self, val=0, next=None):\n"
                          "#         self.val = val\n"
                          "#         self.next = next\n",
                          "# Definition for a binary tree node.\n"
                          "# class TreeNode:\n"
                          "#     def __init__(self, val=0, left=None, right=None):\n"
                          "#         self.val = val\n"
                          "#         self.left = left\n"
                          "#         self.right = right\n",
                          out);

        if (!s->is_class) {
                buf_puts(out, "class Solution:\n    ");
                codegen_py_def(s->fn.name ? s->fn.name : s->name, &s->fn, out);
                if (s->fn.returns->kind == TYPE_VOID && s->output_param >= 0 &&
                    (size_t)s->output_param < s->fn.n_params)
                        buf_printf(out,
                                   "        \"\"\"\n"
                                   "        Do not return anything, modify %s in-place instead.\n"
                                   "        \"\"\"\n",
                                   s->fn.params[s->output_param].name);
                return buf_puts(out, "        \n");
        }

        buf_printf(out, "class %s:\n\n    def __init__(", s->name);
        codegen_py_params(&s->ctor, out);
        buf_puts(out, "):\n        \n\n");
        for (size_t i = 0; i < s->n_methods; i++) {
                buf_puts(out, "    ");
                codegen_py_def(s->methods[i].name, &s->methods[i], out);
                buf_puts(out, "        \n\n");
        }
        buf_puts(out, "\n");
        return codegen_usage(s, &codegen_py_usage, out);
}
