/* Go code generation: LeetCode's Go starter code, and the glue main.go that hands the user's
 * function (or Constructor and the method expressions of a design class) to the reflective
 * harness in harness/go/judge. Go's LeetCode types: int for int and long, float64, bool, byte
 * for char, string, slices, *ListNode, *TreeNode; design methods are exported (Get, Put). */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/codegen_internal.h"

#define GO_MAX ((size_t)1 << 20)

static void go_type(struct buf *o, const struct type *t) {
        switch (t->kind) {
        case TYPE_INT:
        case TYPE_LONG:
                buf_printf(o, "int");
                break;
        case TYPE_DOUBLE:
                buf_printf(o, "float64");
                break;
        case TYPE_BOOL:
                buf_printf(o, "bool");
                break;
        case TYPE_CHAR:
                buf_printf(o, "byte");
                break;
        case TYPE_STRING:
                buf_printf(o, "string");
                break;
        case TYPE_LIST_NODE:
                buf_printf(o, "*ListNode");
                break;
        case TYPE_TREE_NODE:
                buf_printf(o, "*TreeNode");
                break;
        case TYPE_ARRAY:
                buf_printf(o, "[]");
                go_type(o, t->elem);
                break;
        default:
                break;
        }
}

static void go_params(struct buf *o, const struct method *m) {
        for (size_t i = 0; i < m->n_params; i++) {
                buf_printf(o, "%s%s ", i ? ", " : "", m->params[i].name);
                go_type(o, m->params[i].type);
        }
}

/* " int {" or "  {" for void, as LeetCode's editor writes them. */
static void go_returns_open(struct buf *o, const struct type *ret) {
        if (!ret || ret->kind == TYPE_VOID) {
                buf_printf(o, "  {\n    \n}\n");
                return;
        }
        buf_printf(o, " ");
        go_type(o, ret);
        buf_printf(o, " {\n    \n}\n");
}

/* "Get" for "get". */
static void go_exported(const char *name, struct buf *o) {
        buf_printf(o, "%c%s", (name[0] >= 'a' && name[0] <= 'z') ? name[0] - 'a' + 'A' : name[0], name + 1);
}

/* ---- starter code ---------------------------------------------------------------------------- */

static void go_new_obj(_unused_ const char *cls, struct buf *out) {
        buf_puts(out, "obj := Constructor(");
}

static void go_result(_unused_ const struct type *t, size_t number, struct buf *out) {
        buf_printf(out, "param_%zu := ", number);
}

static const struct codegen_usage go_usage = {
        .line = " * ",
        .new_obj = go_new_obj,
        .ctor_sep = ", ",
        .result = go_result,
        .call = "obj.",
        .method_name = go_exported,
        .arg_sep = ",",
        .end = ");\n",
        .close = " */\n",
};

int codegen_go_stub(const struct problem *p, struct buf *out, struct judge_error *err) {
        const struct signature *s = &p->sig;
        codegen_node_defs(s,
                          "/**\n"
                          " * Definition for singly-linked list.\n"
                          " * type ListNode struct {\n"
                          " *     Val int\n"
                          " *     Next *ListNode\n"
                          " * }\n"
                          " */\n",
                          "/**\n"
                          " * Definition for a binary tree node.\n"
                          " * type TreeNode struct {\n"
                          " *     Val int\n"
                          " *     Left *TreeNode\n"
                          " *     Right *TreeNode\n"
                          " * }\n"
                          " */\n",
                          out);
        if (!s->is_class) {
                buf_printf(out, "func %s(", s->name);
                go_params(out, &s->fn);
                buf_printf(out, ")");
                go_returns_open(out, s->fn.returns);
        } else {
                buf_printf(out, "type %1$s struct {\n    \n}\n\n\nfunc Constructor(", s->name);
                go_params(out, &s->ctor);
                buf_printf(out, ") %s {\n    \n}\n\n", s->name);
                for (size_t i = 0; i < s->n_methods; i++) {
                        const struct method *m = &s->methods[i];
                        buf_printf(out, "\nfunc (this *%s) ", s->name);
                        go_exported(m->name, out);
                        buf_printf(out, "(");
                        go_params(out, m);
                        buf_printf(out, ")");
                        go_returns_open(out, m->returns);
                        buf_printf(out, "\n");
                }
                buf_puts(out, "\n/**\n");
                codegen_usage(s, &go_usage, out);
        }
        int r = buf_err(out);
        if (r < 0)
                return judge_err(err, r, "codegen: generating the go starter code failed");
        return 0;
}

/* ---- glue -------------------------------------------------------------------------------------- */

static int go_glue_main(const struct problem *p, struct buf *o) {
        const struct signature *s = &p->sig;
        buf_printf(o,
               "// Generated by judge from the signature of \"%s\": the harness's main().\n"
               "package main\n\n"
               "import judgelib \"judge\"\n\n",
               p->slug ? p->slug : s->name);
        if (codegen_signature_uses(s, TYPE_LIST_NODE))
                buf_printf(o, "type ListNode struct {\n\tVal  int\n\tNext *ListNode\n}\n\n");
        if (codegen_signature_uses(s, TYPE_TREE_NODE))
                buf_printf(o, "type TreeNode struct {\n\tVal   int\n\tLeft  *TreeNode\n\tRight *TreeNode\n}\n\n");
        if (!s->is_class) {
                buf_printf(o, "func main() {\n\tjudgelib.RunFunction(%s)\n}\n", s->name);
                return buf_err(o);
        }
        buf_printf(o, "func main() {\n\tjudgelib.RunClass(Constructor, map[string]interface{}{\n");
        for (size_t i = 0; i < s->n_methods; i++) {
                buf_printf(o, "\t\t\"%s\": (*%s).", s->methods[i].name, s->name);
                go_exported(s->methods[i].name, o);
                buf_printf(o, ",\n");
        }
        buf_printf(o, "\t})\n}\n");
        return buf_err(o);
}

int codegen_go_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                    struct judge_error *err) {
        int r;
        _cleanup_buf_ struct buf text = {0};
        buf_init(&text, GO_MAX);
        if ((r = go_glue_main(p, &text)) < 0)
                return judge_err(err, r, "codegen: generating main.go failed");
        return codegen_one_file("main.go", &text, ret_files, ret_n, err);
}
