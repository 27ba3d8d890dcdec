/* C code generation: LeetCode's C starter code, and the glue (main.c, judge_proto.h) that
 * calls the user's function with LeetCode's C conventions through harness/c/judge.h.
 *
 * LeetCode's C conventions: T[] is "T* name, int nameSize"; T[][] is "T** name, int nameSize,
 * int* nameColSize"; returning T[] adds "int* returnSize", returning T[][] adds
 * "int* returnSize, int** returnColumnSizes" (design methods: retSize, retColSize); string is
 * char*, long is long long, ListNode and TreeNode are struct pointers. A design class Foo is a
 * typedef'd struct the user writes, with fooCreate, fooMethod(Foo* obj, ...) and fooFree. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/codegen_internal.h"

#define C_MAX ((size_t)1 << 20)

/* Array depth and innermost type; C represents depth 0..2 (string[][] is char***). */
static int c_check_type(const struct type *t, struct judge_error *err) {
        if (!t)
                return judge_err(err, -EINVAL, "codegen: a type is missing");
        if (type_depth(t) > 2)
                return judge_err(err, -EOPNOTSUPP,
                                 "codegen: arrays nested deeper than 2 are not supported in C");
        return 0;
}

int codegen_c_check(const struct signature *s, struct judge_error *err) {
        int r = 0;
        if (!s->is_class) {
                for (size_t i = 0; r >= 0 && i < s->fn.n_params; i++)
                        r = c_check_type(s->fn.params[i].type, err);
                return r < 0 ? r : c_check_type(s->fn.returns, err);
        }
        for (size_t i = 0; r >= 0 && i < s->ctor.n_params; i++)
                r = c_check_type(s->ctor.params[i].type, err);
        for (size_t k = 0; r >= 0 && k < s->n_methods; k++) {
                const struct method *m = &s->methods[k];
                for (size_t i = 0; r >= 0 && i < m->n_params; i++)
                        r = c_check_type(m->params[i].type, err);
                if (r >= 0)
                        r = c_check_type(m->returns, err);
        }
        return r;
}

/* "int", "char*", "struct TreeNode*" for a non-array type. */
static const char *c_scalar(const struct type *t) {
        switch (t->kind) {
        case TYPE_INT:
                return "int";
        case TYPE_LONG:
                return "long long";
        case TYPE_DOUBLE:
                return "double";
        case TYPE_BOOL:
                return "bool";
        case TYPE_CHAR:
                return "char";
        case TYPE_STRING:
                return "char*";
        case TYPE_LIST_NODE:
                return "struct ListNode*";
        case TYPE_TREE_NODE:
                return "struct TreeNode*";
        default:
                return "void";
        }
}

static const char *c_judge_type(const struct type *t) {
        switch (type_base(t)->kind) {
        case TYPE_INT:
                return "JUDGE_INT";
        case TYPE_LONG:
                return "JUDGE_LONG";
        case TYPE_DOUBLE:
                return "JUDGE_DOUBLE";
        case TYPE_BOOL:
                return "JUDGE_BOOL";
        case TYPE_CHAR:
                return "JUDGE_CHAR";
        case TYPE_STRING:
                return "JUDGE_STRING";
        case TYPE_LIST_NODE:
                return "JUDGE_LIST";
        default:
                return "JUDGE_TREE";
        }
}

/* The C spelling of t: base type then one '*' per array level ("int**", "char***"). */
static void c_type(struct buf *o, const struct type *t) {
        int depth = type_depth(t);
        buf_printf(o, "%s%.*s", c_scalar(type_base(t)), depth, "**");
}

static void c_params(struct buf *o, const struct method *m, bool first) {
        for (size_t i = 0; i < m->n_params; i++) {
                const struct param *p = &m->params[i];
                int depth = type_depth(p->type);
                buf_printf(o, "%s", first && i == 0 ? "" : ", ");
                c_type(o, p->type);
                buf_printf(o, " %s", p->name);
                if (depth >= 1)
                        buf_printf(o, ", int %sSize", p->name);
                if (depth == 2)
                        buf_printf(o, ", int* %sColSize", p->name);
        }
}

/* The size out-parameters of an array return: returnSize (functions) or retSize (methods). */
static void c_return_params(struct buf *o, const struct type *ret, bool method, bool first) {
        int depth = ret ? type_depth(ret) : 0;
        if (depth >= 1)
                buf_printf(o, "%sint* %s", first ? "" : ", ", method ? "retSize" : "returnSize");
        if (depth == 2)
                buf_printf(o, ", int** %s", method ? "retColSize" : "returnColumnSizes");
}

/* "lRUCache" for "LRUCache": LeetCode lower-cases the first letter only. */
static void c_prefix(struct buf *o, const char *cls) {
        buf_printf(o, "%c%s", (cls[0] >= 'A' && cls[0] <= 'Z') ? cls[0] - 'A' + 'a' : cls[0], cls + 1);
}

static void c_method_name(struct buf *o, const char *cls, const char *name) {
        c_prefix(o, cls);
        buf_printf(o, "%c%s", (name[0] >= 'a' && name[0] <= 'z') ? name[0] - 'a' + 'A' : name[0], name + 1);
}

/* ---- starter code ---------------------------------------------------------------------------- */

static void c_node_comments(struct buf *o, const struct signature *s) {
        codegen_node_defs(s,
                          "/**\n"
                          " * Definition for singly-linked list.\n"
                          " * struct ListNode {\n"
                          " *     int val;\n"
                          " *     struct ListNode *next;\n"
                          " * };\n"
                          " */\n",
                          "/**\n"
                          " * Definition for a binary tree node.\n"
                          " * struct TreeNode {\n"
                          " *     int val;\n"
                          " *     struct TreeNode *left;\n"
                          " *     struct TreeNode *right;\n"
                          " * };\n"
                          " */\n",
                          o);
}

static void c_function_stub(struct buf *o, const struct signature *s) {
        const struct method *m = &s->fn;
        int depth = type_depth(m->returns);
        if (depth == 1)
                buf_printf(o, "/**\n"
                         " * Note: The returned array must be malloced, assume caller calls free().\n"
                         " */\n");
        else if (depth == 2)
                buf_printf(o,
                      "/**\n"
                      " * Return an array of arrays of size *returnSize.\n"
                      " * The sizes of the arrays are returned as *returnColumnSizes array.\n"
                      " * Note: Both returned array and *columnSizes array must be malloced, assume caller "
                      "calls free().\n"
                      " */\n");
        c_type(o, m->returns);
        buf_printf(o, " %s(", s->name);
        c_params(o, m, true);
        c_return_params(o, m->returns, false, m->n_params == 0);
        buf_printf(o, ") {\n    \n}\n");
}

/* The argument names of a call in the usage comment: every parameter, sizes included. */
static void c_call_args(struct buf *o, const struct method *m, bool first, bool method) {
        for (size_t i = 0; i < m->n_params; i++) {
                int depth = type_depth(m->params[i].type);
                buf_printf(o, "%s%s", first && i == 0 ? "" : ", ", m->params[i].name);
                if (depth >= 1)
                        buf_printf(o, ", %sSize", m->params[i].name);
                if (depth == 2)
                        buf_printf(o, ", %sColSize", m->params[i].name);
        }
        if (m->returns && type_depth(m->returns) >= 1)
                buf_printf(o, "%s%s", first && m->n_params == 0 ? "" : ", ", method ? "retSize" : "returnSize");
        if (m->returns && type_depth(m->returns) == 2)
                buf_printf(o, ", %s", method ? "retColSize" : "returnColumnSizes");
}

static void c_class_stub(struct buf *o, const struct signature *s) {
        const char *cls = s->name;
        buf_printf(o, "\n\n\ntypedef struct {\n    \n} %s;\n\n\n%s* ", cls, cls);
        c_prefix(o, cls);
        buf_printf(o, "Create(");
        c_params(o, &s->ctor, true);
        buf_printf(o, ") {\n    \n}\n");
        for (size_t i = 0; i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                buf_printf(o, "\n");
                c_type(o, m->returns);
                buf_printf(o, " ");
                c_method_name(o, cls, m->name);
                buf_printf(o, "(%s* obj", cls);
                c_params(o, m, false);
                c_return_params(o, m->returns, true, false);
                buf_printf(o, ") {\n    \n}\n");
        }
        buf_printf(o, "\nvoid ");
        c_prefix(o, cls);
        buf_printf(o, "Free(%s* obj) {\n    \n}\n\n", cls);
        buf_printf(o, "/**\n * Your %s struct will be instantiated and called as such:\n * %s* obj = ", cls, cls);
        c_prefix(o, cls);
        buf_printf(o, "Create(");
        c_call_args(o, &s->ctor, true, true);
        buf_printf(o, ");\n");
        for (size_t i = 0; i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                buf_printf(o, " * ");
                if (m->returns->kind != TYPE_VOID) {
                        c_type(o, m->returns);
                        buf_printf(o, " param_%zu = ", i + 1);
                }
                c_method_name(o, cls, m->name);
                buf_printf(o, "(obj");
                c_call_args(o, m, false, true);
                buf_printf(o, ");\n \n");
        }
        buf_printf(o, " * ");
        c_prefix(o, cls);
        buf_printf(o, "Free(obj);\n*/\n");
}

int codegen_c_stub(const struct problem *p, struct buf *out) {
        c_node_comments(out, &p->sig);
        if (p->sig.is_class)
                c_class_stub(out, &p->sig);
        else
                c_function_stub(out, &p->sig);
        return buf_err(out);
}

/* ---- glue -------------------------------------------------------------------------------------- */

/* struct judge_args_<k>: one member per value the call passes (sizes included). */
static void c_glue_args(struct buf *o, const struct method *m, size_t k) {
        buf_printf(o, "struct judge_args_%zu {\n        char judge_unused;\n", k);
        for (size_t i = 0; i < m->n_params; i++) {
                const struct param *p = &m->params[i];
                int depth = type_depth(p->type);
                buf_printf(o, "        ");
                c_type(o, p->type);
                buf_printf(o, " %s;\n", p->name);
                if (depth >= 1)
                        buf_printf(o, "        int %sSize;\n", p->name);
                if (depth == 2)
                        buf_printf(o, "        int* %sColSize;\n", p->name);
        }
        buf_printf(o, "};\n\n");
}

static void c_glue_prep(struct buf *o, const struct method *m, size_t k) {
        buf_printf(o,
              "static void *judge_prep_%zu(const struct judge_json *a) {\n"
              "        struct judge_args_%zu *s = judge_args_alloc(a, %zu, sizeof *s);\n",
              k, k, m->n_params);
        for (size_t i = 0; i < m->n_params; i++) {
                const struct param *p = &m->params[i];
                int depth = type_depth(p->type);
                if (depth == 0) {
                        static const char *const fn[_TYPE_KIND_MAX] = {
                                [TYPE_INT] = "judge_int",        [TYPE_LONG] = "judge_long",
                                [TYPE_DOUBLE] = "judge_double",  [TYPE_BOOL] = "judge_bool",
                                [TYPE_CHAR] = "judge_char",      [TYPE_STRING] = "judge_string",
                                [TYPE_LIST_NODE] = "judge_list", [TYPE_TREE_NODE] = "judge_tree",
                        };
                        buf_printf(o, "        s->%s = %s(judge_arg(a, %zu));\n", p->name, fn[p->type->kind], i);
                } else if (depth == 1) {
                        buf_printf(o,
                              "        s->%1$s = judge_array(judge_arg(a, %2$zu), %3$s, 1, &s->%1$sSize, "
                              "NULL);\n",
                              p->name, i, c_judge_type(p->type));
                } else {
                        buf_printf(o,
                              "        s->%1$s = judge_array(judge_arg(a, %2$zu), %3$s, 2, &s->%1$sSize, "
                              "&s->%1$sColSize);\n",
                              p->name, i, c_judge_type(p->type));
                }
        }
        buf_printf(o, "        return s;\n}\n\n");
}

/* Encode value expr (of type t; sizes in size/cols for arrays) into judge_o; own it when the
 * user returned it. */
static void c_glue_put(struct buf *o, const struct type *t, const char *expr, const char *size,
                       const char *cols, bool own) {
        int depth = type_depth(t);
        if (depth >= 1) {
                buf_printf(o, "        judge_put_array(judge_o, %s, %s, %d, %s, %s);\n", expr, c_judge_type(t),
                      depth, size, cols);
                if (own)
                        buf_printf(o, "        judge_own_array(%s, %s, %d, %s, %s);\n", expr, c_judge_type(t),
                              depth, size, cols);
                if (own && depth == 2)
                        buf_printf(o, "        judge_own(%s);\n", cols);
                return;
        }
        switch (t->kind) {
        case TYPE_INT:
        case TYPE_LONG:
                buf_printf(o, "        judge_put_int(judge_o, %s);\n", expr);
                break;
        case TYPE_DOUBLE:
                buf_printf(o, "        judge_put_double(judge_o, %s);\n", expr);
                break;
        case TYPE_BOOL:
                buf_printf(o, "        judge_put_bool(judge_o, %s);\n", expr);
                break;
        case TYPE_CHAR:
                buf_printf(o, "        judge_put_char(judge_o, %s);\n", expr);
                break;
        case TYPE_STRING:
                buf_printf(o, "        judge_put_string(judge_o, %s);\n", expr);
                if (own)
                        buf_printf(o, "        judge_own(%s);\n", expr);
                break;
        case TYPE_LIST_NODE:
                buf_printf(o, "        judge_put_list(judge_o, %s);\n", expr);
                if (own)
                        buf_printf(o, "        judge_own_list(%s);\n", expr);
                break;
        case TYPE_TREE_NODE:
                buf_printf(o, "        judge_put_tree(judge_o, %s);\n", expr);
                if (own)
                        buf_printf(o, "        judge_own_tree(%s);\n", expr);
                break;
        default:
                buf_printf(o, "        judge_put_null(judge_o);\n");
        }
}

/* The called function's name and "(": the function's, XCreate, or xMethod with obj (the call's
 * first argument, or the prototype's first parameter) first. kind as for c_glue_run. */
static void c_glue_callee(struct buf *o, const struct signature *s, const struct method *m, int kind,
                          const char *obj) {
        if (kind == 0)
                buf_printf(o, "%s(", s->name);
        else if (kind == 1) {
                c_prefix(o, s->name);
                buf_printf(o, "Create(");
        } else {
                c_method_name(o, s->name, m->name);
                buf_printf(o, "(%s", obj);
        }
}

/* kind: 0 function, 1 constructor, 2 method. */
static void c_glue_run(struct buf *o, const struct signature *s, const struct method *m, size_t k,
                       int kind) {
        const struct type *ret = kind == 1 ? NULL : m->returns;
        int depth = ret ? type_depth(ret) : 0;
        buf_printf(o,
              "static void judge_run_%zu(void **judge_obj, void *judge_p, struct judge_out *judge_o) {\n"
              "        struct judge_args_%zu *s = judge_p;\n",
              k, k);
        if (kind == 0)
                buf_printf(o, "        (void)judge_obj;\n");
        if (depth >= 1)
                buf_printf(o, "        int judge_rs = 0;\n");
        if (depth == 2)
                buf_printf(o, "        int *judge_rcs = NULL;\n");
        buf_printf(o, "        judge_begin();\n        ");
        if (kind == 1)
                buf_printf(o, "*judge_obj = ");
        else if (ret->kind != TYPE_VOID || depth >= 1) {
                c_type(o, ret);
                buf_printf(o, " judge_r = ");
        }
        c_glue_callee(o, s, m, kind, "*judge_obj");
        for (size_t i = 0; i < m->n_params; i++) {
                const struct param *p = &m->params[i];
                int pd = type_depth(p->type);
                buf_printf(o, "%ss->%s", i == 0 && kind != 2 ? "" : ", ", p->name);
                if (pd >= 1)
                        buf_printf(o, ", s->%sSize", p->name);
                if (pd == 2)
                        buf_printf(o, ", s->%sColSize", p->name);
        }
        if (depth >= 1)
                buf_printf(o, "%s&judge_rs", m->n_params == 0 && kind != 2 ? "" : ", ");
        if (depth == 2)
                buf_printf(o, ", &judge_rcs");
        buf_printf(o, ");\n        judge_end();\n");

        if (kind == 1 || (ret->kind == TYPE_VOID && (kind == 2 || s->output_param < 0))) {
                buf_printf(o, "        judge_put_null(judge_o);\n");
        } else if (ret->kind == TYPE_VOID) {
                /* In place: the answer is the argument after the call. */
                const struct param *p = &m->params[s->output_param];
                char expr[200], size[200], cols[200];
                snprintf(expr, sizeof expr, "s->%s", p->name);
                snprintf(size, sizeof size, "s->%sSize", p->name);
                snprintf(cols, sizeof cols, "s->%sColSize", p->name);
                c_glue_put(o, p->type, expr, size, type_depth(p->type) == 2 ? cols : "NULL", false);
        } else {
                c_glue_put(o, ret, "judge_r", "judge_rs", depth == 2 ? "judge_rcs" : "NULL", true);
        }
        buf_printf(o, "}\n\n");
}

/* The prototype of function or method m as the glue calls it (design objects as void*). */
static void c_glue_prototype(struct buf *o, const struct signature *s, const struct method *m, int kind) {
        if (kind == 1)
                buf_printf(o, "void* ");
        else {
                c_type(o, m->returns);
                buf_printf(o, " ");
        }
        c_glue_callee(o, s, m, kind, "void* obj");
        c_params(o, m, kind != 2);
        c_return_params(o, kind == 1 ? NULL : m->returns, kind == 2, kind != 2 && m->n_params == 0);
        if (kind != 2 && m->n_params == 0 && !(kind == 0 && type_depth(m->returns) >= 1))
                buf_printf(o, "void");
        buf_printf(o, ");\n");
}

static int c_glue_main(const struct problem *p, struct buf *o) {
        const struct signature *s = &p->sig;
        buf_printf(o,
              "/* Generated by judge from the signature of \"%s\": the harness's main(). */\n"
              "#include \"judge.h\"\n\n",
              p->slug ? p->slug : s->name);
        if (!s->is_class) {
                if (s->fn.returns->kind == TYPE_VOID && s->output_param >= (int)s->fn.n_params)
                        return -EINVAL;
                c_glue_args(o, &s->fn, 0);
                c_glue_prep(o, &s->fn, 0);
                c_glue_run(o, s, &s->fn, 0, 0);
                buf_printf(o,
                      "int main(void) {\n"
                      "        static const struct judge_method fn = {\"%1$s\", judge_prep_0, judge_run_0};\n"
                      "        return judge_run_function(&fn);\n"
                      "}\n",
                      s->name);
                return buf_err(o);
        }
        c_glue_prototype(o, s, &s->ctor, 1);
        for (size_t i = 0; i < s->n_methods; i++)
                c_glue_prototype(o, s, &s->methods[i], 2);
        buf_printf(o, "void ");
        c_prefix(o, s->name);
        buf_printf(o, "Free(void* obj) __attribute__((weak));\n\n");
        c_glue_args(o, &s->ctor, 0);
        c_glue_prep(o, &s->ctor, 0);
        c_glue_run(o, s, &s->ctor, 0, 1);
        for (size_t i = 0; i < s->n_methods; i++) {
                c_glue_args(o, &s->methods[i], i + 1);
                c_glue_prep(o, &s->methods[i], i + 1);
                c_glue_run(o, s, &s->methods[i], i + 1, 2);
        }
        buf_printf(o,
              "int main(void) {\n"
              "        static const struct judge_method ctor = {\"%s\", judge_prep_0, judge_run_0};\n"
              "        static const struct judge_method methods[] = {\n",
              s->name);
        for (size_t i = 0; i < s->n_methods; i++)
                buf_printf(o, "                {\"%s\", judge_prep_%zu, judge_run_%zu},\n", s->methods[i].name,
                      i + 1, i + 1);
        if (s->n_methods == 0)
                buf_printf(o, "                {NULL, NULL, NULL},\n");
        buf_printf(o, "        };\n        return judge_run_class(&ctor, methods, %zu, ", s->n_methods);
        c_prefix(o, s->name);
        buf_printf(o, "Free);\n}\n");
        return buf_err(o);
}

static int c_glue_proto(const struct problem *p, struct buf *o) {
        const struct signature *s = &p->sig;
        buf_printf(o,
              "/* Generated by judge from the signature of \"%s\": included before solution.c, so that a\n"
              " * signature other than LeetCode's is a compile error there. */\n",
              p->slug ? p->slug : s->name);
        if (!s->is_class)
                c_glue_prototype(o, s, &s->fn, 0);
        else
                buf_printf(o, "/* (a design class: the user defines its struct, the glue declares its functions) "
                         "*/\n");
        return buf_err(o);
}

int codegen_c_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                   struct judge_error *err) {
        int r;
        _cleanup_buf_ struct buf main_c = {0}, proto = {0};
        buf_init(&main_c, C_MAX);
        buf_init(&proto, C_MAX);
        if ((r = c_glue_main(p, &main_c)) < 0 || (r = c_glue_proto(p, &proto)) < 0)
                return judge_err(err, r, "codegen: generating the c glue failed");
        struct codegen_file *files = calloc(2, sizeof *files);
        if (!files)
                return judge_err(err, -ENOMEM, "codegen: out of memory");
        files[0].path = strdup("main.c");
        files[0].text = buf_steal(&main_c);
        files[1].path = strdup("judge_proto.h");
        files[1].text = buf_steal(&proto);
        if (!files[0].path || !files[0].text || !files[1].path || !files[1].text) {
                codegen_files_free(files, 2);
                return judge_err(err, -ENOMEM, "codegen: out of memory");
        }
        *ret_files = files;
        *ret_n = 2;
        return 0;
}
