/* Code generation for Rust: main.rs, the glue that includes the user's solution.rs and drives
 * harness/rust/judge_harness.rs, and LeetCode's Rust starter code. The glue names methods only
 * (LeetCode's snake_case spelling of the signature's names); argument and result types come
 * from the user's own declarations by type inference in the harness's traits. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen_internal.h"

#define CODEGEN_RUST_MAX ((size_t)1 << 20)
#define RUST_NAME_MAX 300

static bool rust_is_identifier(const char *s) {
        if (!s || !*s || strlen(s) > 128 ||
            !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
                return false;
        for (const char *c = s; *c; c++)
                if (!(*c == '_' || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
                      (*c >= '0' && *c <= '9')))
                        return false;
        return true;
}

static bool rust_is_upper(char c) {
        return c >= 'A' && c <= 'Z';
}

static bool rust_is_lower_or_digit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* LeetCode's snake_case of a camelCase name: maxDepth -> max_depth, isValidSudoku ->
 * is_valid_sudoku, sortedArrayToBST -> sorted_array_to_bst, convertToBase7 -> convert_to_base7.
 * An underscore goes before an upper-case letter that follows a lower-case letter or a digit,
 * or that starts a word after an acronym (the B of "BSTIterator"'s "ST|It"). Keywords get r#,
 * and the four that cannot be raw a trailing underscore. out holds RUST_NAME_MAX bytes. */
static void rust_snake(const char *name, char *out) {
        static const char *const keywords[] = {
                "as",       "break", "const",    "continue", "else",    "enum",   "extern", "false",
                "fn",       "for",   "if",       "impl",     "in",      "let",    "loop",   "match",
                "mod",      "move",  "mut",      "pub",      "ref",     "return", "static", "struct",
                "trait",    "true",  "type",     "unsafe",   "use",     "where",  "while",  "async",
                "await",    "dyn",   "abstract", "become",   "box",     "do",     "final",  "macro",
                "override", "priv",  "typeof",   "unsized",  "virtual", "yield",  "try",
        };
        static const char *const unraw[] = {"self", "Self", "super", "crate"};
        char s[RUST_NAME_MAX - 3]; /* room for "r#" or "_" */
        size_t n = 0, len = strlen(name);
        for (size_t i = 0; i < len && n + 2 < sizeof s; i++) {
                char c = name[i];
                if (rust_is_upper(c)) {
                        if (i > 0 && (rust_is_lower_or_digit(name[i - 1]) ||
                                      (rust_is_upper(name[i - 1]) && i + 1 < len && name[i + 1] >= 'a' &&
                                       name[i + 1] <= 'z')))
                                s[n++] = '_';
                        c = (char)(c - 'A' + 'a');
                }
                s[n++] = c;
        }
        s[n] = '\0';
        for (size_t i = 0; i < ELEMENTSOF(unraw); i++)
                if (strcmp(s, unraw[i]) == 0) {
                        snprintf(out, RUST_NAME_MAX, "%s_", s);
                        return;
                }
        for (size_t i = 0; i < ELEMENTSOF(keywords); i++)
                if (strcmp(s, keywords[i]) == 0) {
                        snprintf(out, RUST_NAME_MAX, "r#%s", s);
                        return;
                }
        snprintf(out, RUST_NAME_MAX, "%s", s);
}

static int rust_check_method(const struct method *m, bool need_name, struct judge_error *err) {
        if (need_name && !rust_is_identifier(m->name))
                return judge_err(err, -EINVAL, "codegen: \"%s\" is not an identifier",
                                 m->name ? m->name : "(null)");
        for (size_t i = 0; i < m->n_params; i++) {
                if (!rust_is_identifier(m->params[i].name))
                        return judge_err(err, -EINVAL, "codegen: parameter \"%s\" of %s is not an identifier",
                                         m->params[i].name ? m->params[i].name : "(null)",
                                         m->name ? m->name : "?");
                if (!m->params[i].type)
                        return judge_err(err, -EINVAL, "codegen: parameter %s has no type",
                                         m->params[i].name);
        }
        return 0;
}

static int rust_check_signature(const struct signature *s, bool need_returns, struct judge_error *err) {
        int r;
        if (!rust_is_identifier(s->name))
                return judge_err(err, -EINVAL, "codegen: \"%s\" is not an identifier",
                                 s->name ? s->name : "(null)");
        if (!s->is_class) {
                if (s->fn.name && !rust_is_identifier(s->fn.name))
                        return judge_err(err, -EINVAL, "codegen: \"%s\" is not an identifier", s->fn.name);
                if (need_returns && !s->fn.returns)
                        return judge_err(err, -EINVAL, "codegen: %s has no return type", s->name);
                return rust_check_method(&s->fn, false, err);
        }
        r = rust_check_method(&s->ctor, false, err);
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                r = rust_check_method(&s->methods[i], true, err);
                if (r >= 0 && need_returns && !s->methods[i].returns)
                        r = judge_err(err, -EINVAL, "codegen: method %s has no return type",
                                      s->methods[i].name);
        }
        return r;
}

/* ---- glue -------------------------------------------------------------------------------------- */

/* The statements that decode a call's arguments into slots __a0.. (before the clock). */
static int rust_decode_args(const struct method *m, const char *indent, struct buf *out) {
        int r = buf_printf(out, "%s::judge_harness::arity(__args, %zu)?;\n", indent, m->n_params);
        for (size_t i = 0; r >= 0 && i < m->n_params; i++)
                r = buf_printf(out, "%slet mut __a%zu = ::judge_harness::slot(__args, %zu)?;\n", indent, i,
                               i);
        return r;
}

/* The arguments of the call: each passed as the user's parameter type wants it. */
static int rust_call_args(const struct method *m, bool after_object, struct buf *out) {
        int r = 0;
        for (size_t i = 0; r >= 0 && i < m->n_params; i++)
                r = buf_printf(out, "%s::judge_harness::Param::take(&mut __a%zu)",
                               i > 0 || after_object ? ", " : "", i);
        return r;
}

static int rust_main(const struct problem *p, struct buf *out) {
        const struct signature *s = &p->sig;
        bool list = codegen_signature_uses(s, TYPE_LIST_NODE), tree = codegen_signature_uses(s, TYPE_TREE_NODE);
        char name[RUST_NAME_MAX];
        int r = buf_printf(out,
                           "// Generated by judge from the signature of \"%s\": the harness's main().\n"
                           "::judge_harness::prelude!(%s%s%s);\n",
                           p->slug ? p->slug : s->name, list ? "ListNode" : "", list && tree ? ", " : "",
                           tree ? "TreeNode" : "");
        if (r >= 0 && !s->is_class)
                r = buf_puts(out, "pub struct Solution;\n");
        if (r >= 0)
                r = buf_puts(out, "include!(\"solution.rs\");\n\nfn main() {\n");
        if (r < 0)
                return r;

        if (!s->is_class) {
                bool in_place = s->fn.returns && s->fn.returns->kind == TYPE_VOID && s->output_param >= 0 &&
                                (size_t)s->output_param < s->fn.n_params;
                rust_snake(s->fn.name ? s->fn.name : s->name, name);
                r = buf_puts(out, "    ::judge_harness::run_function(|__args| {\n");
                if (r >= 0)
                        r = rust_decode_args(&s->fn, "        ", out);
                if (r >= 0)
                        r = buf_printf(out, "        Ok(Box::new(move || {\n            %sSolution::%s(",
                                       in_place ? "" : "let __r = ", name);
                if (r >= 0)
                        r = rust_call_args(&s->fn, false, out);
                if (r >= 0 && in_place)
                        r = buf_printf(out, ");\n            Box::new(__a%d)", s->output_param);
                else if (r >= 0)
                        r = buf_puts(out, ");\n            Box::new(__r)");
                if (r >= 0)
                        r = buf_puts(out, " as Box<dyn ::judge_harness::ToJson>\n"
                                          "        }) as ::judge_harness::Call)\n"
                                          "    })\n"
                                          "}\n");
                return r;
        }

        r = buf_puts(out, "    ::judge_harness::run_class(\n        |__args| {\n");
        if (r >= 0)
                r = rust_decode_args(&s->ctor, "            ", out);
        if (r >= 0)
                r = buf_printf(out, "            Ok(Box::new(move || %s::new(", s->name);
        if (r >= 0)
                r = rust_call_args(&s->ctor, false, out);
        if (r >= 0)
                r = buf_printf(out,
                               ")) as ::judge_harness::Ctor<%s>)\n"
                               "        },\n"
                               "        |__name, __args| match __name {\n",
                               s->name);
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                rust_snake(m->name, name);
                r = buf_printf(out, "            \"%s\" => {\n", m->name);
                if (r >= 0)
                        r = rust_decode_args(m, "                ", out);
                if (r >= 0)
                        r = buf_printf(out,
                                       "                Ok(Box::new(move |__o: &mut %1$s| {\n"
                                       "                    let __r = %1$s::%2$s(__o",
                                       s->name, name);
                if (r >= 0)
                        r = rust_call_args(m, true, out);
                if (r >= 0)
                        r = buf_printf(
                                out,
                                ");\n"
                                "                    Box::new(__r) as Box<dyn ::judge_harness::ToJson>\n"
                                "                }) as ::judge_harness::Method<%s>)\n"
                                "            }\n",
                                s->name);
        }
        if (r >= 0)
                r = buf_puts(out,
                             "            _ => Err(::judge_harness::Bad::Job(format!(\"unknown method {}\", "
                             "__name))),\n"
                             "        },\n"
                             "    )\n"
                             "}\n");
        return r;
}

int codegen_rust_glue(const struct problem *p, struct codegen_file **ret_files, size_t *ret_n,
                      struct judge_error *err) {
        _cleanup_buf_ struct buf text = {0};
        int r = rust_check_signature(&p->sig, false, err);
        if (r < 0)
                return r;
        buf_init(&text, CODEGEN_RUST_MAX);
        r = rust_main(p, &text);
        if (r < 0)
                return judge_err(err, r, "codegen: generating main.rs failed");
        return codegen_one_file("main.rs", &text, ret_files, ret_n, err);
}

/* ---- starter code ---------------------------------------------------------------------------- */

static int rust_type(const struct type *t, struct buf *out) {
        int r;
        switch (t->kind) {
        case TYPE_INT:
                return buf_puts(out, "i32");
        case TYPE_LONG:
                return buf_puts(out, "i64");
        case TYPE_DOUBLE:
                return buf_puts(out, "f64");
        case TYPE_BOOL:
                return buf_puts(out, "bool");
        case TYPE_CHAR:
                return buf_puts(out, "char");
        case TYPE_STRING:
                return buf_puts(out, "String");
        case TYPE_LIST_NODE:
                return buf_puts(out, "Option<Box<ListNode>>");
        case TYPE_TREE_NODE:
                return buf_puts(out, "Option<Rc<RefCell<TreeNode>>>");
        case TYPE_VOID:
                return buf_puts(out, "()");
        case TYPE_ARRAY:
                r = buf_puts(out, "Vec<");
                if (r >= 0)
                        r = rust_type(t->elem, out);
                if (r >= 0)
                        r = buf_puts(out, ">");
                return r;
        default:
                return -EINVAL;
        }
}

/* "nums: Vec<i32>, target: i32"; self_param ("&self") first when given; the in-place
 * parameter (index mut_param) as &mut. */
static int rust_params(const struct method *m, const char *self_param, long mut_param, struct buf *out) {
        char name[RUST_NAME_MAX];
        int r = self_param ? buf_puts(out, self_param) : 0;
        for (size_t i = 0; r >= 0 && i < m->n_params; i++) {
                rust_snake(m->params[i].name, name);
                r = buf_printf(out, "%s%s: %s", i > 0 || self_param ? ", " : "", name,
                               (long)i == mut_param ? "&mut " : "");
                if (r >= 0)
                        r = rust_type(m->params[i].type, out);
        }
        return r;
}

static int rust_returns(const struct type *t, struct buf *out) {
        int r = 0;
        if (t && t->kind != TYPE_VOID) {
                r = buf_puts(out, " -> ");
                if (r >= 0)
                        r = rust_type(t, out);
        }
        return r;
}

static int rust_arg_names(const struct method *m, struct buf *out) {
        char name[RUST_NAME_MAX];
        int r = 0;
        for (size_t i = 0; r >= 0 && i < m->n_params; i++) {
                rust_snake(m->params[i].name, name);
                r = buf_printf(out, "%s%s", i ? ", " : "", name);
        }
        return r;
}

int codegen_rust_stub(const struct problem *p, struct buf *out, struct judge_error *err) {
        const struct signature *s = &p->sig;
        char name[RUST_NAME_MAX];
        int r = rust_check_signature(s, true, err);
        if (r < 0)
                return r;
        if (codegen_signature_uses(s, TYPE_LIST_NODE))
                r = buf_puts(out, "// Definition for singly-linked list.\n"
                                  "// #[derive(PartialEq, Eq, Clone, Debug)]\n"
                                  "// pub struct ListNode {\n"
                                  "//   pub val: i32,\n"
                                  "//   pub next: Option<Box<ListNode>>\n"
                                  "// }\n"
                                  "// \n"
                                  "// impl ListNode {\n"
                                  "//   #[inline]\n"
                                  "//   fn new(val: i32) -> Self {\n"
                                  "//     ListNode {\n"
                                  "//       next: None,\n"
                                  "//       val\n"
                                  "//     }\n"
                                  "//   }\n"
                                  "// }\n");
        if (r >= 0 && codegen_signature_uses(s, TYPE_TREE_NODE))
                r = buf_puts(out, "// Definition for a binary tree node.\n"
                                  "// #[derive(Debug, PartialEq, Eq)]\n"
                                  "// pub struct TreeNode {\n"
                                  "//   pub val: i32,\n"
                                  "//   pub left: Option<Rc<RefCell<TreeNode>>>,\n"
                                  "//   pub right: Option<Rc<RefCell<TreeNode>>>,\n"
                                  "// }\n"
                                  "// \n"
                                  "// impl TreeNode {\n"
                                  "//   #[inline]\n"
                                  "//   pub fn new(val: i32) -> Self {\n"
                                  "//     TreeNode {\n"
                                  "//       val,\n"
                                  "//       left: None,\n"
                                  "//       right: None\n"
                                  "//     }\n"
                                  "//   }\n"
                                  "// }\n"
                                  "use std::rc::Rc;\n"
                                  "use std::cell::RefCell;\n");
        if (r < 0)
                goto fail;

        if (!s->is_class) {
                long mut_param = s->fn.returns->kind == TYPE_VOID ? s->output_param : -1;
                rust_snake(s->fn.name ? s->fn.name : s->name, name);
                r = buf_printf(out, "impl Solution {\n    pub fn %s(", name);
                if (r >= 0)
                        r = rust_params(&s->fn, NULL, mut_param, out);
                if (r >= 0)
                        r = buf_puts(out, ")");
                if (r >= 0)
                        r = rust_returns(s->fn.returns, out);
                if (r >= 0)
                        r = buf_puts(out, " {\n        \n    }\n}\n");
                if (r < 0)
                        goto fail;
                return 0;
        }

        r = buf_printf(out,
                       "struct %1$s {\n"
                       "\n"
                       "}\n"
                       "\n"
                       "\n"
                       "/** \n"
                       " * `&self` means the method takes an immutable reference.\n"
                       " * If you need a mutable reference, change it to `&mut self` instead.\n"
                       " */\n"
                       "impl %1$s {\n"
                       "\n"
                       "    fn new(",
                       s->name);
        if (r >= 0)
                r = rust_params(&s->ctor, NULL, -1, out);
        if (r >= 0)
                r = buf_puts(out, ") -> Self {\n        \n    }\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                rust_snake(m->name, name);
                r = buf_printf(out, "    \n    fn %s(", name);
                if (r >= 0)
                        r = rust_params(m, "&self", -1, out);
                if (r >= 0)
                        r = buf_puts(out, ")");
                if (r >= 0)
                        r = rust_returns(m->returns, out);
                if (r >= 0)
                        r = buf_puts(out, " {\n        \n    }\n");
        }
        if (r >= 0)
                r = buf_printf(out,
                               "}\n"
                               "\n"
                               "/**\n"
                               " * Your %1$s object will be instantiated and called as such:\n"
                               " * let obj = %1$s::new(",
                               s->name);
        if (r >= 0)
                r = rust_arg_names(&s->ctor, out);
        if (r >= 0)
                r = buf_puts(out, ");\n");
        for (size_t i = 0; r >= 0 && i < s->n_methods; i++) {
                const struct method *m = &s->methods[i];
                rust_snake(m->name, name);
                r = buf_puts(out, " * ");
                if (r >= 0 && m->returns->kind != TYPE_VOID) {
                        r = buf_printf(out, "let ret_%zu: ", i + 1);
                        if (r >= 0)
                                r = rust_type(m->returns, out);
                        if (r >= 0)
                                r = buf_puts(out, " = ");
                }
                if (r >= 0)
                        r = buf_printf(out, "obj.%s(", name);
                if (r >= 0)
                        r = rust_arg_names(m, out);
                if (r >= 0)
                        r = buf_puts(out, ");\n");
        }
        if (r >= 0)
                r = buf_puts(out, " */\n");
        if (r < 0)
                goto fail;
        return 0;
fail:
        return judge_err(err, r, "codegen: generating the rust starter code failed");
}
