/* Python: no glue (the harness imports solution.py and finds the user's class by name);
 * LeetCode's Python 3 starter code. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lang/codegen_internal.h"

static int codegen_py_type(const struct type *t, struct buf *out) {
        int r;
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
                r = buf_puts(out, "List[");
                if (r >= 0)
                        r = codegen_py_type(t->elem, out);
                if (r >= 0)
                        r = buf_puts(out, "]");
                return r;
        default:
                return -EINVAL;
        }
}

static int codegen_py_params(const struct method *m, struct buf *out) {
        int r = buf_puts(out, "self");
        for (size_t i = 0; r >= 0 && i < m->n_params; i++) {
                r = buf_printf(out, ", %s: ", m->params[i].name);
                if (r >= 0)
                        r = codegen_py_type(m->params[i].type, out);
        }
        return r;
}

static int codegen_py_starter(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        int r = 0;
        if (codegen_signature_uses(s, TYPE_LIST_NODE))
                r = buf_puts(out, "# Definition for singly-linked list.\n"
                                  "# class ListNode:\n"
                                  "#     def __init__(self, val=0, next=None):\n"
                                  "#         self.val = val\n"
                                  "#         self.next = next\n");
        if (r >= 0 && codegen_signature_uses(s, TYPE_TREE_NODE))
                r = buf_puts(out, "# Definition for a binary tree node.\n"
                                  "# class TreeNode:\n"
                                  "#     def __init__(self, val=0, left=None, right=None):\n"
                                  "#         self.val = val\n"
                                  "#         self.left = left\n"
                                  "#         self.right = right\n");
        if (r < 0)
                return r;

        if (!s->is_class) {
                r = buf_printf(out, "class Solution:\n    def %s(", s->fn.name ? s->fn.name : s->name);
                if (r >= 0)
                        r = codegen_py_params(&s->fn, out);
                if (r >= 0)
                        r = buf_puts(out, ") -> ");
                if (r >= 0)
                        r = codegen_py_type(s->fn.returns, out);
                if (r >= 0)
                        r = buf_puts(out, ":\n");
                if (r >= 0 && s->fn.returns->kind == TYPE_VOID && s->output_param >= 0 &&
                    (size_t)s->output_param < s->fn.n_params)
                        r = buf_printf(out,
                                       "        \"\"\"\n"
                                       "        Do not return anything, modify %s in-place instead.\n"
                                       "        \"\"\"\n",
                                       s->fn.params[s->output_param].name);
                if (r >= 0)
                        r = buf_puts(out, "        \n");
                return r;
        }

        r = buf_printf(out, "class %s:\n\n    def __init__(", s->name);
        if (r >= 0)
                r = codegen_py_params(&s->ctor, out);
        if (r >= 0)
                r = buf_puts(out, "):\n        \n\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                r = buf_printf(out, "    def %s(", m->name);
                if (r >= 0)
                        r = codegen_py_params(m, out);
                if (r >= 0)
                        r = buf_puts(out, ") -> ");
                if (r >= 0)
                        r = codegen_py_type(m->returns, out);
                if (r >= 0)
                        r = buf_puts(out, ":\n        \n\n");
        }
        if (r >= 0)
                r = buf_printf(out,
                               "\n"
                               "# Your %1$s object will be instantiated and called as such:\n"
                               "# obj = %1$s(",
                               s->name);
        if (r >= 0)
                r = codegen_arg_names(&s->ctor, out);
        if (r >= 0)
                r = buf_puts(out, ")\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                if (m->returns->kind == TYPE_VOID)
                        r = buf_printf(out, "# obj.%s(", m->name);
                else
                        r = buf_printf(out, "# param_%zu = obj.%s(", i + 1, m->name);
                if (r >= 0)
                        r = codegen_arg_names(m, out);
                if (r >= 0)
                        r = buf_puts(out, ")\n");
        }
        return r;
}

int codegen_python_stub(const struct problem *p, struct buf *out, struct judge_error *err) {
        int r = codegen_py_starter(p, out);
        if (r < 0)
                return judge_err(err, r, "codegen: generating the python starter code failed");
        return 0;
}
