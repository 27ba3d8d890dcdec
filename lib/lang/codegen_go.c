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

static void go_type(struct codegen_out *o, const struct type *t) {
        switch (t->kind) {
        case TYPE_INT:
        case TYPE_LONG:
                codegen_put(o, "int");
                break;
        case TYPE_DOUBLE:
                codegen_put(o, "float64");
                break;
        case TYPE_BOOL:
                codegen_put(o, "bool");
                break;
        case TYPE_CHAR:
                codegen_put(o, "byte");
                break;
        case TYPE_STRING:
                codegen_put(o, "string");
                break;
        case TYPE_LIST_NODE:
                codegen_put(o, "*ListNode");
                break;
        case TYPE_TREE_NODE:
                codegen_put(o, "*TreeNode");
                break;
        case TYPE_ARRAY:
                codegen_put(o, "[]");
                go_type(o, t->elem);
                break;
        default:
                break;
        }
}

static void go_params(struct codegen_out *o, const struct method *m) {
        for (size_t i = 0; i < m->n_params; i++) {
                codegen_put(o, "%s%s ", i ? ", " : "", m->params[i].name);
                go_type(o, m->params[i].type);
        }
}

/* " int {" or "  {" for void, as LeetCode's editor writes them. */
static void go_returns_open(struct codegen_out *o, const struct type *ret) {
        if (!ret || ret->kind == TYPE_VOID) {
                codegen_put(o, "  {\n    \n}\n");
                return;
        }
        codegen_put(o, " ");
        go_type(o, ret);
        codegen_put(o, " {\n    \n}\n");
}

/* "Get" for "get". */
static void go_exported(struct codegen_out *o, const char *name) {
        codegen_put(o, "%c%s", (name[0] >= 'a' && name[0] <= 'z') ? name[0] - 'a' + 'A' : name[0], name + 1);
}

/* ---- starter code ---------------------------------------------------------------------------- */

int codegen_go_stub(const struct problem *p, struct buf *out, struct judge_error *err) {
        const struct signature *s = &p->sig;
        struct codegen_out o = {out, 0};
        if (codegen_signature_uses(s, TYPE_LIST_NODE))
                codegen_put(&o, "/**\n"
                           " * Definition for singly-linked list.\n"
                           " * type ListNode struct {\n"
                           " *     Val int\n"
                           " *     Next *ListNode\n"
                           " * }\n"
                           " */\n");
        if (codegen_signature_uses(s, TYPE_TREE_NODE))
                codegen_put(&o, "/**\n"
                           " * Definition for a binary tree node.\n"
                           " * type TreeNode struct {\n"
                           " *     Val int\n"
                           " *     Left *TreeNode\n"
                           " *     Right *TreeNode\n"
                           " * }\n"
                           " */\n");
        if (!s->is_class) {
                codegen_put(&o, "func %s(", s->name);
                go_params(&o, &s->fn);
                codegen_put(&o, ")");
                go_returns_open(&o, s->fn.returns);
        } else {
                codegen_put(&o, "type %1$s struct {\n    \n}\n\n\nfunc Constructor(", s->name);
                go_params(&o, &s->ctor);
                codegen_put(&o, ") %s {\n    \n}\n\n", s->name);
                for (size_t i = 0; i < s->n_methods; i++) {
                        const struct method *m = &s->methods[i];
                        codegen_put(&o, "\nfunc (this *%s) ", s->name);
                        go_exported(&o, m->name);
                        codegen_put(&o, "(");
                        go_params(&o, m);
                        codegen_put(&o, ")");
                        go_returns_open(&o, m->returns);
                        codegen_put(&o, "\n");
                }
                codegen_put(&o,
                       "\n/**\n * Your %s object will be instantiated and called as such:\n * obj := "
                       "Constructor(",
                       s->name);
                for (size_t i = 0; i < s->ctor.n_params; i++)
                        codegen_put(&o, "%s%s", i ? ", " : "", s->ctor.params[i].name);
                codegen_put(&o, ");\n");
                for (size_t k = 0; k < s->n_methods; k++) {
                        const struct method *m = &s->methods[k];
                        codegen_put(&o, " * ");
                        if (m->returns->kind != TYPE_VOID)
                                codegen_put(&o, "param_%zu := ", k + 1);
                        codegen_put(&o, "obj.");
                        go_exported(&o, m->name);
                        codegen_put(&o, "(");
                        for (size_t i = 0; i < m->n_params; i++)
                                codegen_put(&o, "%s%s", i ? "," : "", m->params[i].name);
                        codegen_put(&o, ");\n");
                }
                codegen_put(&o, " */\n");
        }
        if (o.r < 0)
                return judge_err(err, o.r, "codegen: generating the go starter code failed");
        return 0;
}

/* ---- glue -------------------------------------------------------------------------------------- */

static int go_glue_main(const struct problem *p, struct codegen_out *o) {
        const struct signature *s = &p->sig;
        codegen_put(o,
               "// Generated by judge from the signature of \"%s\": the harness's main().\n"
               "package main\n\n"
               "import judgelib \"judge\"\n\n",
               p->slug ? p->slug : s->name);
        if (codegen_signature_uses(s, TYPE_LIST_NODE))
                codegen_put(o, "type ListNode struct {\n\tVal  int\n\tNext *ListNode\n}\n\n");
        if (codegen_signature_uses(s, TYPE_TREE_NODE))
                codegen_put(o, "type TreeNode struct {\n\tVal   int\n\tLeft  *TreeNode\n\tRight *TreeNode\n}\n\n");
        if (!s->is_class) {
                codegen_put(o, "func main() {\n\tjudgelib.RunFunction(%s)\n}\n", s->name);
                return o->r;
        }
        codegen_put(o, "func main() {\n\tjudgelib.RunClass(Constructor, map[string]interface{}{\n");
        for (size_t i = 0; i < s->n_methods; i++) {
                codegen_put(o, "\t\t\"%s\": (*%s).", s->methods[i].name, s->name);
                go_exported(o, s->methods[i].name);
                codegen_put(o, ",\n");
        }
        codegen_put(o, "\t})\n}\n");
        return o->r;
}

int codegen_go_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                    struct judge_error *err) {
        int r;
        _cleanup_buf_ struct buf text = {0};
        buf_init(&text, GO_MAX);
        struct codegen_out o = {&text, 0};
        if ((r = go_glue_main(p, &o)) < 0)
                return judge_err(err, r, "codegen: generating main.go failed");
        return codegen_one_file("main.go", &text, ret_files, ret_n, err);
}
