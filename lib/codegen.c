#include "codegen.h"
#include "codegen_internal.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CODEGEN_MAX ((size_t)1 << 20)

enum codegen_lang { LANG_PYTHON, LANG_CPP, _LANG_MAX };

static int codegen_lang_from_name(const char *lang, struct judge_error *err) {
        if (lang && strcmp(lang, "python") == 0)
                return LANG_PYTHON;
        if (lang && strcmp(lang, "cpp") == 0)
                return LANG_CPP;
        return judge_err(err, -EINVAL, "codegen: unknown language \"%s\" (known: python, cpp)",
                         lang ? lang : "(null)");
}

/* Names end up in generated source: only identifiers may pass. */
static bool codegen_is_identifier(const char *s) {
        if (!s || !*s || !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
                return false;
        for (const char *c = s; *c; c++)
                if (!(*c == '_' || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
                      (*c >= '0' && *c <= '9')))
                        return false;
        return strlen(s) <= 128;
}

static int codegen_check_method(const struct method *m, bool need_name, struct judge_error *err) {
        if (need_name && !codegen_is_identifier(m->name))
                return judge_err(err, -EINVAL, "codegen: \"%s\" is not an identifier",
                                 m->name ? m->name : "(null)");
        for (size_t i = 0; i < m->n_params; i++) {
                if (!codegen_is_identifier(m->params[i].name))
                        return judge_err(err, -EINVAL, "codegen: parameter \"%s\" of %s is not an identifier",
                                         m->params[i].name ? m->params[i].name : "(null)",
                                         m->name ? m->name : "?");
                if (!m->params[i].type)
                        return judge_err(err, -EINVAL, "codegen: parameter %s has no type",
                                         m->params[i].name);
        }
        return 0;
}

static int codegen_check_signature(const struct signature *s, struct judge_error *err) {
        int r;
        if (!codegen_is_identifier(s->name))
                return judge_err(err, -EINVAL, "codegen: \"%s\" is not an identifier",
                                 s->name ? s->name : "(null)");
        if (!s->is_class)
                return codegen_check_method(&s->fn, false, err);
        r = codegen_check_method(&s->ctor, false, err);
        if (r < 0)
                return r;
        for (size_t i = 0; i < s->n_methods; i++) {
                r = codegen_check_method(&s->methods[i], true, err);
                if (r < 0)
                        return r;
        }
        return 0;
}

/* ---- type spellings ---------------------------------------------------------------------- */

static int codegen_cpp_type(const struct type *t, struct buf *out) {
        int r;
        switch (t->kind) {
        case TYPE_INT:
                return buf_puts(out, "int");
        case TYPE_LONG:
                return buf_puts(out, "long long");
        case TYPE_DOUBLE:
                return buf_puts(out, "double");
        case TYPE_BOOL:
                return buf_puts(out, "bool");
        case TYPE_CHAR:
                return buf_puts(out, "char");
        case TYPE_STRING:
                return buf_puts(out, "string");
        case TYPE_LIST_NODE:
                return buf_puts(out, "ListNode*");
        case TYPE_TREE_NODE:
                return buf_puts(out, "TreeNode*");
        case TYPE_VOID:
                return buf_puts(out, "void");
        case TYPE_ARRAY:
                r = buf_puts(out, "vector<");
                if (r >= 0)
                        r = codegen_cpp_type(t->elem, out);
                if (r >= 0)
                        r = buf_puts(out, ">");
                return r;
        default:
                return -EINVAL;
        }
}

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

/* LeetCode's C++ parameters: arrays by reference ("vector<int>& nums"), the rest by value. */
static int codegen_cpp_params(const struct method *m, struct buf *out) {
        int r = 0;
        for (size_t i = 0; r >= 0 && i < m->n_params; i++) {
                const struct param *p = &m->params[i];
                if (i)
                        r = buf_puts(out, ", ");
                if (r >= 0)
                        r = codegen_cpp_type(p->type, out);
                if (r >= 0)
                        r = buf_printf(out, "%s %s", p->type->kind == TYPE_ARRAY ? "&" : "", p->name);
        }
        return r;
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

/* Plain argument names, comma-separated without spaces as in LeetCode's usage comments. */
static int codegen_arg_names(const struct method *m, struct buf *out) {
        int r = 0;
        for (size_t i = 0; r >= 0 && i < m->n_params; i++)
                r = buf_printf(out, "%s%s", i ? "," : "", m->params[i].name);
        return r;
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

/* ---- glue ------------------------------------------------------------------------------------ */

static int codegen_cpp_main(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        int r = buf_printf(out,
                           "// Generated by judge from the signature of \"%s\": the harness's main().\n"
                           "#include \"judge.hpp\"\n"
                           "#include \"solution.cpp\"\n"
                           "\n"
                           "int main() {\n",
                           p->slug ? p->slug : s->name);
        if (r < 0)
                return r;
        if (!s->is_class)
                return buf_printf(out, "        return judge::run_function<Solution>(&Solution::%s);\n}\n",
                                  s->fn.name ? s->fn.name : s->name);

        r = buf_printf(out,
                       "        return judge::run_class<%1$s>(\n"
                       "                [](%1$s **obj, const judge::Json &args) {\n"
                       "                        return judge::construct<%1$s",
                       s->name);
        for (size_t i = 0; r >= 0 && i < s->ctor.n_params; i++) {
                r = buf_puts(out, ", ");
                if (r >= 0)
                        r = codegen_cpp_type(s->ctor.params[i].type, out);
        }
        if (r >= 0)
                r = buf_printf(out,
                               ">(obj, args);\n"
                               "                },\n"
                               "                [](%s **obj, const std::string &name, const judge::Json "
                               "&args) -> judge::Step {\n",
                               s->name);
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++)
                r = buf_printf(
                        out,
                        "                        if (name == \"%1$s\")\n"
                        "                                return judge::method(obj, &%2$s::%1$s, args);\n",
                        s->methods[i].name, s->name);
        if (r >= 0)
                r = buf_puts(out, "                        return {};\n"
                                  "                });\n"
                                  "}\n");
        return r;
}

int codegen_one_file(const char *path, struct buf *text, struct codegen_file **ret_files, size_t *ret_n,
                     struct judge_error *err) {
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

int codegen_glue(const struct problem *p, const char *lang, struct codegen_file **ret_files, size_t *ret_n,
                 struct judge_error *err) {
        _cleanup_buf_ struct buf text = {0};
        if (lang && strcmp(lang, "c") == 0)
                return codegen_c_glue(p, ret_files, ret_n, err);
        if (lang && strcmp(lang, "go") == 0)
                return codegen_go_glue(p, ret_files, ret_n, err);
        if (lang && strcmp(lang, "rust") == 0)
                return codegen_rust_glue(p, ret_files, ret_n, err);
        if (lang && strcmp(lang, "java") == 0)
                return codegen_java_glue(p, ret_files, ret_n, err);
        if (lang && strcmp(lang, "javascript") == 0)
                return codegen_javascript_glue(p, ret_files, ret_n, err);
        int l = codegen_lang_from_name(lang, err), r;
        if (l < 0)
                return l;
        r = codegen_check_signature(&p->sig, err);
        if (r < 0)
                return r;
        if (l == LANG_PYTHON) {
                *ret_files = NULL;
                *ret_n = 0;
                return 0;
        }

        buf_init(&text, CODEGEN_MAX);
        r = codegen_cpp_main(p, &text);
        if (r < 0)
                return judge_err(err, r, "codegen: generating main.cpp failed");
        return codegen_one_file("main.cpp", &text, ret_files, ret_n, err);
}

/* ---- starter code ------------------------------------------------------------------------------- */

static int codegen_py_stub(const struct problem *p, struct buf *out) {
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

static int codegen_cpp_stub(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        int r = 0;
        if (codegen_signature_uses(s, TYPE_LIST_NODE))
                r = buf_puts(out, "/**\n"
                                  " * Definition for singly-linked list.\n"
                                  " * struct ListNode {\n"
                                  " *     int val;\n"
                                  " *     ListNode *next;\n"
                                  " *     ListNode() : val(0), next(nullptr) {}\n"
                                  " *     ListNode(int x) : val(x), next(nullptr) {}\n"
                                  " *     ListNode(int x, ListNode *next) : val(x), next(next) {}\n"
                                  " * };\n"
                                  " */\n");
        if (r >= 0 && codegen_signature_uses(s, TYPE_TREE_NODE))
                r = buf_puts(out, "/**\n"
                                  " * Definition for a binary tree node.\n"
                                  " * struct TreeNode {\n"
                                  " *     int val;\n"
                                  " *     TreeNode *left;\n"
                                  " *     TreeNode *right;\n"
                                  " *     TreeNode() : val(0), left(nullptr), right(nullptr) {}\n"
                                  " *     TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}\n"
                                  " *     TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), "
                                  "left(left), right(right) {}\n"
                                  " * };\n"
                                  " */\n");
        if (r < 0)
                return r;

        if (!s->is_class) {
                r = buf_puts(out, "class Solution {\npublic:\n    ");
                if (r >= 0)
                        r = codegen_cpp_type(s->fn.returns, out);
                if (r >= 0)
                        r = buf_printf(out, " %s(", s->fn.name ? s->fn.name : s->name);
                if (r >= 0)
                        r = codegen_cpp_params(&s->fn, out);
                if (r >= 0)
                        r = buf_puts(out, ") {\n        \n    }\n};\n");
                return r;
        }

        r = buf_printf(out, "class %1$s {\npublic:\n    %1$s(", s->name);
        if (r >= 0)
                r = codegen_cpp_params(&s->ctor, out);
        if (r >= 0)
                r = buf_puts(out, ") {\n        \n    }\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                r = buf_puts(out, "    \n    ");
                if (r >= 0)
                        r = codegen_cpp_type(m->returns, out);
                if (r >= 0)
                        r = buf_printf(out, " %s(", m->name);
                if (r >= 0)
                        r = codegen_cpp_params(m, out);
                if (r >= 0)
                        r = buf_puts(out, ") {\n        \n    }\n");
        }
        if (r >= 0)
                r = buf_printf(out,
                               "};\n"
                               "\n"
                               "/**\n"
                               " * Your %1$s object will be instantiated and called as such:\n"
                               " * %1$s* obj = new %1$s(",
                               s->name);
        if (r >= 0)
                r = codegen_arg_names(&s->ctor, out);
        if (r >= 0)
                r = buf_puts(out, ");\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                r = buf_puts(out, " * ");
                if (r >= 0 && m->returns->kind != TYPE_VOID) {
                        r = codegen_cpp_type(m->returns, out);
                        if (r >= 0)
                                r = buf_printf(out, " param_%zu = ", i + 1);
                }
                if (r >= 0)
                        r = buf_printf(out, "obj->%s(", m->name);
                if (r >= 0)
                        r = codegen_arg_names(m, out);
                if (r >= 0)
                        r = buf_puts(out, ");\n");
        }
        if (r >= 0)
                r = buf_puts(out, " */\n");
        return r;
}

int codegen_stub(const struct problem *p, const char *lang, struct buf *out, struct judge_error *err) {
        if (lang && strcmp(lang, "c") == 0)
                return codegen_c_stub(p, out, err);
        if (lang && strcmp(lang, "go") == 0)
                return codegen_go_stub(p, out, err);
        if (lang && strcmp(lang, "rust") == 0)
                return codegen_rust_stub(p, out, err);
        if (lang && strcmp(lang, "java") == 0)
                return codegen_java_stub(p, out, err);
        if (lang && strcmp(lang, "javascript") == 0)
                return codegen_javascript_stub(p, out, err);
        int l = codegen_lang_from_name(lang, err), r;
        if (l < 0)
                return l;
        r = codegen_check_signature(&p->sig, err);
        if (r < 0)
                return r;
        if (!p->sig.is_class && !p->sig.fn.returns)
                return judge_err(err, -EINVAL, "codegen: %s has no return type", p->sig.name);
        for (size_t i = 0; p->sig.is_class && i < p->sig.n_methods; i++)
                if (!p->sig.methods[i].returns)
                        return judge_err(err, -EINVAL, "codegen: method %s has no return type",
                                         p->sig.methods[i].name);
        r = l == LANG_PYTHON ? codegen_py_stub(p, out) : codegen_cpp_stub(p, out);
        if (r < 0)
                return judge_err(err, r, "codegen: generating the %s starter code failed", lang);
        return 0;
}
