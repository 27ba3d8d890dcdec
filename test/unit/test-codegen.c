/* codegen, table-driven: one row per language (its glue and stub golden files, its hand-made
 * checks). For every fixture package under test/harness/ and every chosen language, the glue
 * and the starter code are compared with the golden files in the package's expected/ directory
 * (main.cpp, stub.py, main.c, judge_proto.h, jvm.args, ...); JUDGE_UPDATE_GOLDEN=1 rewrites the
 * golden files instead (review the diff before committing). Then each row's hand-made checks:
 * LeetCode's own stubs for hand-made signatures, names that are not identifiers, unsupported
 * types, an unknown language.
 *
 *   test-codegen [LANG...]     (no LANG: every row; test/unit/meson.build runs one test a row) */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "lang/codegen.h"
#include "problem/problem.h"
#include "problem/types.h"
#include "tap.h"

#define FIXTURES SOURCE_ROOT "/test/harness"

/* ---- golden files ------------------------------------------------------------------------ */

/* The whole file at path (an empty file is ""), or NULL. */
static char *read_text(const char *path) {
        FILE *f = fopen(path, "rbe");
        if (!f)
                return NULL;
        struct buf b;
        buf_init(&b, 1 << 20);
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
                buf_append(&b, chunk, n);
        fclose(f);
        if (buf_err(&b) < 0 || !b.data) {
                bool failed = buf_err(&b) < 0;
                buf_free(&b);
                return failed ? NULL : strdup("");
        }
        return buf_steal(&b);
}

static int write_text(const char *path, const char *text) {
        FILE *f = fopen(path, "wbe");
        if (!f)
                return -errno;
        fputs(text, f);
        return fclose(f) == 0 ? 0 : -EIO;
}

/* Compare text with the golden file FIXTURES/slug/expected/name (or rewrite it). */
static void check_golden(const char *slug, const char *name, const char *text) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/expected", FIXTURES, slug);
        if (getenv("JUDGE_UPDATE_GOLDEN")) {
                mkdir(path, 0755);
                snprintf(path, sizeof path, "%s/%s/expected/%s", FIXTURES, slug, name);
                CHECK(write_text(path, text) == 0, "%s: wrote %s", slug, name);
                return;
        }
        snprintf(path, sizeof path, "%s/%s/expected/%s", FIXTURES, slug, name);
        _cleanup_free_ char *want = read_text(path);
        bool same = want && strcmp(want, text) == 0;
        CHECK(same, "%s: %s matches the golden file", slug, name);
        if (!same) {
                tap_diag("got:", text);
                tap_diag(path, want ? want : "(missing)");
        }
}

/* ---- hand-made problems ------------------------------------------------------------------ */

/* A hand-made problem: spec is "name(type pname, ...) -> type" for a function, or, for a
 * class, "Class(ctor params) | method(params) -> type | ..."; output_param for void returns. */
struct hand {
        struct problem p;
        struct method methods[8];
        struct param params[8][8];
};

static void parse_method(struct method *m, struct param *params, char *text, bool ctor) {
        char *open = strchr(text, '('), *close = strchr(text, ')');
        *open = *close = 0;
        while (*text == ' ')
                text++;
        m->name = strdup(text);
        m->params = params;
        m->n_params = 0;
        for (char *save = NULL, *tok = strtok_r(open + 1, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
                while (*tok == ' ')
                        tok++;
                char *sp = strrchr(tok, ' ');
                *sp = 0;
                params[m->n_params].name = strdup(sp + 1);
                if (type_parse(tok, &params[m->n_params].type, NULL) < 0)
                        printf("# bad type %s\n", tok);
                m->n_params++;
        }
        char *arrow = strstr(close + 1, "->");
        m->returns = NULL;
        if (!ctor && arrow && type_parse(arrow + 2, &m->returns, NULL) < 0)
                printf("# bad type %s\n", arrow + 2);
}

static struct hand *make(const char *spec, int output_param) {
        struct hand *h = calloc(1, sizeof *h);
        char *text = strdup(spec), *bar = strchr(text, '|');
        struct signature *s = &h->p.sig;
        h->p.slug = (char *)"hand-made";
        s->output_param = output_param;
        if (!bar) {
                parse_method(&s->fn, h->params[0], text, false);
                s->name = strdup(s->fn.name);
        } else {
                s->is_class = true;
                *bar = 0;
                parse_method(&s->ctor, h->params[0], text, true);
                s->name = strdup(s->ctor.name);
                s->methods = h->methods;
                for (char *save = NULL, *tok = strtok_r(bar + 1, "|", &save); tok;
                     tok = strtok_r(NULL, "|", &save)) {
                        parse_method(&h->methods[s->n_methods], h->params[s->n_methods + 1], tok, false);
                        s->n_methods++;
                }
        }
        free(text);
        return h;
}

static void free_method(struct method *m) {
        free(m->name);
        for (size_t i = 0; i < m->n_params; i++) {
                free(m->params[i].name);
                type_free(m->params[i].type);
        }
        type_free(m->returns);
}

static void hand_free(struct hand *h) {
        struct signature *s = &h->p.sig;
        if (s->is_class) {
                free_method(&s->ctor);
                for (size_t i = 0; i < s->n_methods; i++)
                        free_method(&s->methods[i]);
        } else
                free_method(&s->fn);
        free(s->name);
        free(h);
}

/* The stub of p in lang, or NULL (with err, and codegen_stub's return in *ret if ret). */
static char *stub_of(const struct problem *p, const char *lang, struct judge_error *err, int *ret) {
        struct buf b;
        buf_init(&b, 1 << 20);
        int r = codegen_stub(p, lang, &b, err);
        if (ret)
                *ret = r;
        if (r < 0) {
                buf_free(&b);
                return NULL;
        }
        return b.data ? buf_steal(&b) : strdup("");
}

/* f(int x) -> int on the stack, whose names the error checks break one at a time; what the last
 * small_glue/small_stub made (freed by the next call and by small_done) and its error. */
struct small {
        struct type t_int;
        struct param params[1];
        struct problem p;
        struct judge_error err;
        struct codegen_file *files;
        size_t n;
        char *stub;
};

static void small_init(struct small *s) {
        *s = (struct small){.t_int = {.kind = TYPE_INT}};
        s->params[0] = (struct param){.name = (char *)"x", .type = &s->t_int};
        s->p = (struct problem){
                .slug = (char *)"hand-made",
                .sig = {.name = (char *)"f",
                        .fn = {.name = (char *)"f", .params = s->params, .n_params = 1, .returns = &s->t_int},
                        .output_param = -1},
        };
}

static void small_done(struct small *s) {
        s->files = codegen_files_free(s->files, s->n);
        s->n = 0;
        free(s->stub);
        s->stub = NULL;
}

/* codegen_glue of s->p in lang; its return. */
static int small_glue(struct small *s, const char *lang) {
        small_done(s);
        int r = codegen_glue(&s->p, lang, &s->files, &s->n, &s->err);
        if (r < 0)
                s->files = NULL, s->n = 0;
        return r;
}

/* codegen_stub of s->p in lang; its return. */
static int small_stub(struct small *s, const char *lang) {
        small_done(s);
        int r;
        s->stub = stub_of(&s->p, lang, &s->err, &r);
        return r;
}

static void set_name(struct problem *p, const char *name) {
        p->sig.name = p->sig.fn.name = (char *)name;
}

static bool same_text(const char *got, const char *want, const char *err) {
        bool same = got && strcmp(got, want) == 0;
        if (!same) {
                tap_diag("got:", got ? got : err);
                tap_diag("want:", want);
        }
        return same;
}

/* p's stub in lang is want (differences shown as TAP comments). */
static bool stub_is(const struct problem *p, const char *lang, const char *want) {
        struct judge_error err = {0};
        _cleanup_free_ char *stub = stub_of(p, lang, &err, NULL);
        return same_text(stub, want, err.msg);
}

static struct type *parse(const char *s) {
        struct type *t = NULL;
        struct judge_error err = {0};
        if (type_parse(s, &t, &err) < 0)
                return NULL;
        return t;
}

/* ---- LeetCode's stubs for hand-made signatures, one column per language ------------------ */

static const struct leetcode_stub {
        const char *what, *spec;
        int output_param;
        const char *c, *go; /* NULL: not checked in that language */
} leetcode_stubs[] = {
        {"two sum", "twoSum(int[] nums, int target) -> int[]", -1,
         "/**\n * Note: The returned array must be malloced, assume caller calls free().\n */\n"
         "int* twoSum(int* nums, int numsSize, int target, int* returnSize) {\n    \n}\n",
         "func twoSum(nums []int, target int) []int {\n    \n}\n"},
        {"rotate image", "rotate(int[][] matrix) -> void", 0,
         "void rotate(int** matrix, int matrixSize, int* matrixColSize) {\n    \n}\n",
         "func rotate(matrix [][]int)  {\n    \n}\n"},
        {"reverse string", "reverseString(char[] s) -> void", 0,
         "void reverseString(char* s, int sSize) {\n    \n}\n", "func reverseString(s []byte)  {\n    \n}\n"},
        {"group anagrams", "groupAnagrams(string[] strs) -> list<list<string>>", -1,
         "/**\n * Return an array of arrays of size *returnSize.\n"
         " * The sizes of the arrays are returned as *returnColumnSizes array.\n"
         " * Note: Both returned array and *columnSizes array must be malloced, assume caller "
         "calls free().\n"
         " */\n"
         "char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** "
         "returnColumnSizes) {\n    \n}\n",
         "func groupAnagrams(strs []string) [][]string {\n    \n}\n"},
        {"word search", "exist(char[][] board, string word) -> bool", -1,
         "bool exist(char** board, int boardSize, int* boardColSize, char* word) {\n    \n}\n",
         "func exist(board [][]byte, word string) bool {\n    \n}\n"},
        {"max product", "maxProduct(long[] nums) -> long", -1,
         "long long maxProduct(long long* nums, int numsSize) {\n    \n}\n", NULL},
        {"my pow", "myPow(double x, long n) -> double", -1, NULL,
         "func myPow(x float64, n int) float64 {\n    \n}\n"},
        {"max depth", "maxDepth(TreeNode root) -> int", -1,
         "/**\n * Definition for a binary tree node.\n * struct TreeNode {\n *     int val;\n"
         " *     struct TreeNode *left;\n *     struct TreeNode *right;\n * };\n */\n"
         "int maxDepth(struct TreeNode* root) {\n    \n}\n",
         "/**\n * Definition for a binary tree node.\n * type TreeNode struct {\n *     Val int\n"
         " *     Left *TreeNode\n *     Right *TreeNode\n * }\n */\n"
         "func maxDepth(root *TreeNode) int {\n    \n}\n"},
        {"merge k lists", "mergeKLists(ListNode[] lists) -> ListNode", -1,
         "/**\n * Definition for singly-linked list.\n * struct ListNode {\n *     int val;\n"
         " *     struct ListNode *next;\n * };\n */\n"
         "struct ListNode* mergeKLists(struct ListNode** lists, int listsSize) {\n    \n}\n",
         "/**\n * Definition for singly-linked list.\n * type ListNode struct {\n *     Val int\n"
         " *     Next *ListNode\n * }\n */\n"
         "func mergeKLists(lists []*ListNode) *ListNode {\n    \n}\n"},
        {"min stack", "MinStack() | push(int val) -> void | getMin() -> int", -1,
         "\n\n\ntypedef struct {\n    \n} MinStack;\n\n\nMinStack* minStackCreate() {\n    \n}\n\n"
         "void minStackPush(MinStack* obj, int val) {\n    \n}\n\n"
         "int minStackGetMin(MinStack* obj) {\n    \n}\n\n"
         "void minStackFree(MinStack* obj) {\n    \n}\n\n"
         "/**\n * Your MinStack struct will be instantiated and called as such:\n"
         " * MinStack* obj = minStackCreate();\n"
         " * minStackPush(obj, val);\n \n"
         " * int param_2 = minStackGetMin(obj);\n \n"
         " * minStackFree(obj);\n*/\n",
         NULL},
        {"lru cache", "LRUCache(int capacity) | get(int key) -> int | put(int key, int value) -> void", -1,
         "\n\n\ntypedef struct {\n    \n} LRUCache;\n\n\nLRUCache* lRUCacheCreate(int capacity) "
         "{\n    \n}\n\n"
         "int lRUCacheGet(LRUCache* obj, int key) {\n    \n}\n\n"
         "void lRUCachePut(LRUCache* obj, int key, int value) {\n    \n}\n\n"
         "void lRUCacheFree(LRUCache* obj) {\n    \n}\n\n"
         "/**\n * Your LRUCache struct will be instantiated and called as such:\n"
         " * LRUCache* obj = lRUCacheCreate(capacity);\n"
         " * int param_1 = lRUCacheGet(obj, key);\n \n"
         " * lRUCachePut(obj, key, value);\n \n"
         " * lRUCacheFree(obj);\n*/\n",
         "type LRUCache struct {\n    \n}\n\n\n"
         "func Constructor(capacity int) LRUCache {\n    \n}\n\n\n"
         "func (this *LRUCache) Get(key int) int {\n    \n}\n\n\n"
         "func (this *LRUCache) Put(key int, value int)  {\n    \n}\n\n\n"
         "/**\n * Your LRUCache object will be instantiated and called as such:\n"
         " * obj := Constructor(capacity);\n"
         " * param_1 := obj.Get(key);\n"
         " * obj.Put(key,value);\n */\n"},
};

/* Every row of leetcode_stubs with a want in this language (column picks c or go). */
static void check_leetcode_stubs(const char *lang, const char *title, bool go) {
        for (size_t i = 0; i < ELEMENTSOF(leetcode_stubs); i++) {
                const struct leetcode_stub *c = &leetcode_stubs[i];
                const char *want = go ? c->go : c->c;
                if (!want)
                        continue;
                struct hand *h = make(c->spec, c->output_param);
                CHECK(stub_is(&h->p, lang, want), "%s: LeetCode's %s stub", c->what, title);
                hand_free(h);
        }
}

/* ---- each language's own checks ---------------------------------------------------------- */

static void extra_python(void) {
        _cleanup_(small_done) struct small s;
        small_init(&s);
        s.params[0].name = (char *)"1x";
        int r = small_stub(&s, "python");
        CHECK(r == -EINVAL, "a parameter name that is not an identifier is refused (%s)", s.err.msg);
}

static void extra_cpp(void) {
        _cleanup_(small_done) struct small s;
        small_init(&s);
        int r = small_glue(&s, "cobol");
        CHECK(r == -EINVAL && strstr(s.err.msg, "cobol"), "unknown language is -EINVAL naming it (%s)",
              s.err.msg);
        r = small_stub(&s, "cobol");
        CHECK(r == -EINVAL, "unknown language stub is -EINVAL");

        r = small_stub(&s, "cpp");
        CHECK(r == 0 && strcmp(s.stub,
                               "class Solution {\npublic:\n    int f(int x) {\n        \n    }\n};\n") == 0,
              "hand-made cpp stub");

        set_name(&s.p, "f(); system(\"x\")");
        r = small_glue(&s, "cpp");
        CHECK(r == -EINVAL, "a name that is not an identifier is refused (%s)", s.err.msg);
}

static void extra_c(void) {
        check_leetcode_stubs("c", "C", false);
        struct hand *h = make("f(int[][][] x) -> int", -1);
        struct judge_error err = {0};
        struct codegen_file *files = NULL;
        size_t n = 0;
        int r = codegen_glue(&h->p, "c", &files, &n, &err);
        CHECK(r == -EOPNOTSUPP, "int[][][] is refused in C (%s)", err.msg);
        codegen_files_free(files, n);
        hand_free(h);
}

static void extra_go(void) {
        check_leetcode_stubs("go", "Go", true);
}

static void extra_java(void) {
        _cleanup_(type_freep) struct type *ret = parse("list<list<integer>>");
        _cleanup_(type_freep) struct type *a = parse("char[][]");
        _cleanup_(type_freep) struct type *b = parse("list<int[]>");
        _cleanup_(type_freep) struct type *c = parse("long");
        _cleanup_(type_freep) struct type *d = parse("list<boolean>");
        struct param params[] = {{.name = (char *)"board", .type = a},
                                 {.name = (char *)"pairs", .type = b},
                                 {.name = (char *)"k", .type = c},
                                 {.name = (char *)"flags", .type = d}};
        struct problem p = {
                .slug = (char *)"hand-made",
                .memory_mb = 64,
                .sig = {.name = (char *)"f",
                        .fn = {.name = (char *)"f", .params = params, .n_params = 4, .returns = ret},
                        .output_param = -1},
        };
        struct judge_error err = {0};
        CHECK(stub_is(&p, "java",
                        "class Solution {\n"
                        "    public List<List<Integer>> f(char[][] board, List<int[]> pairs, long k, "
                        "List<Boolean> flags) {\n"
                        "        \n"
                        "    }\n"
                        "}\n"),
              "T[] stays an array, list<T> is List<Boxed T>");

        struct codegen_file *files = NULL;
        size_t n = 0;
        int r = codegen_glue(&p, "java", &files, &n, &err);
        CHECK(r == 0 && n == 1 && strcmp(files[0].text, "-Xmx64m\n-Djudge.stack_mb=8\n") == 0,
              "jvm.args: the heap is the memory limit, the stack a sixteenth of it, at least 8 MB");
        files = codegen_files_free(files, n);

        set_name(&p, "f(); System.exit(0)");
        r = codegen_glue(&p, "java", &files, &n, &err);
        CHECK(r == -EINVAL, "a name that is not an identifier is refused (%s)", err.msg);
        set_name(&p, "f");
        params[1].name = (char *)"a b";
        _cleanup_free_ char *bad = stub_of(&p, "java", &err, &r);
        CHECK(r == -EINVAL, "a parameter name that is not an identifier is refused (%s)", err.msg);
}

static void extra_javascript(void) {
        _cleanup_(type_freep) struct type *t_void = parse("void");
        _cleanup_(type_freep) struct type *t_int = parse("int");
        _cleanup_(type_freep) struct type *t_chars = parse("character[]");
        struct param inplace[] = {{.name = (char *)"s", .type = t_chars}};
        struct param one[] = {{.name = (char *)"val", .type = t_int}};
        struct method methods[] = {
                {.name = (char *)"push", .params = one, .n_params = 1, .returns = t_void},
                {.name = (char *)"top", .returns = t_int},
        };
        struct problem p = {
                .slug = (char *)"hand-made",
                .sig = {.is_class = true,
                        .name = (char *)"MinStack",
                        .ctor = {.name = (char *)"MinStack"},
                        .methods = methods,
                        .n_methods = 2,
                        .output_param = -1},
        };
        struct judge_error err = {0};
        CHECK(stub_is(&p, "javascript",
                        "var MinStack = function() {\n"
                        "    \n"
                        "};\n"
                        "\n"
                        "/** \n"
                        " * @param {number} val\n"
                        " * @return {void}\n"
                        " */\n"
                        "MinStack.prototype.push = function(val) {\n"
                        "    \n"
                        "};\n"
                        "\n"
                        "/**\n"
                        " * @return {number}\n"
                        " */\n"
                        "MinStack.prototype.top = function() {\n"
                        "    \n"
                        "};\n"
                        "\n"
                        "/** \n"
                        " * Your MinStack object will be instantiated and called as such:\n"
                        " * var obj = new MinStack()\n"
                        " * obj.push(val)\n"
                        " * var param_2 = obj.top()\n"
                        " */\n"),
              "a design class without constructor parameters, LeetCode's layout");

        struct problem q = {
                .slug = (char *)"in-place",
                .sig = {.name = (char *)"reverseString",
                        .fn = {.name = (char *)"reverseString",
                               .params = inplace,
                               .n_params = 1,
                               .returns = t_void},
                        .output_param = 0},
        };
        CHECK(stub_is(&q, "javascript",
                        "/**\n"
                        " * @param {character[]} s\n"
                        " * @return {void} Do not return anything, modify s in-place instead.\n"
                        " */\n"
                        "var reverseString = function(s) {\n"
                        "    \n"
                        "};\n"),
              "an in-place function says so in @return");

        methods[1].name = (char *)"top-1";
        int r;
        _cleanup_free_ char *bad = stub_of(&p, "javascript", &err, &r);
        CHECK(r == -EINVAL, "a method name that is not an identifier is refused (%s)", err.msg);
        struct codegen_file *files = NULL;
        size_t n = 0;
        q.sig.name = (char *)"x=1";
        r = codegen_glue(&q, "javascript", &files, &n, &err);
        CHECK(r == -EINVAL, "a function name that is not an identifier is refused (%s)", err.msg);
}

/* The rust stub of a one-parameter function fn(param: type) -> type. */
static char *rust_stub(const char *fn, const char *param, enum type_kind kind, int output_param) {
        struct type t = {.kind = kind}, t_void = {.kind = TYPE_VOID};
        struct param params[] = {{.name = (char *)param, .type = &t}};
        struct problem p = {
                .slug = (char *)"hand-made",
                .sig = {.name = (char *)fn,
                        .fn = {.name = (char *)fn,
                               .params = params,
                               .n_params = 1,
                               .returns = output_param >= 0 ? &t_void : &t},
                        .output_param = output_param},
        };
        struct judge_error err = {0};
        return stub_of(&p, "rust", &err, NULL);
}

static void extra_rust(void) {
        /* LeetCode's snake_case names and keywords. */
        static const struct {
                const char *fn, *param, *want;
        } cases[] = {
                {"maxDepth", "root", "pub fn max_depth(root: i32) -> i32"},
                {"isValidSudoku", "board", "pub fn is_valid_sudoku(board: i32) -> i32"},
                {"twoSum", "nums", "pub fn two_sum(nums: i32) -> i32"},
                {"sortedArrayToBST", "nums", "pub fn sorted_array_to_bst(nums: i32) -> i32"},
                {"convertToBase7", "num", "pub fn convert_to_base7(num: i32) -> i32"},
                {"kClosest", "numCourses", "pub fn k_closest(num_courses: i32) -> i32"},
                {"fib", "n", "pub fn fib(n: i32) -> i32"},
                {"f", "type", "pub fn f(r#type: i32) -> i32"},
                {"match", "self", "pub fn r#match(self_: i32) -> i32"},
        };
        for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
                _cleanup_free_ char *s = rust_stub(cases[i].fn, cases[i].param, TYPE_INT, -1);
                CHECK(s && strstr(s, cases[i].want), "%s(%s) is \"%s\"", cases[i].fn, cases[i].param,
                      cases[i].want);
                if (s && !strstr(s, cases[i].want))
                        tap_diag("got:", s);
        }
        _cleanup_free_ char *inplace = rust_stub("reverseString", "s", TYPE_CHAR, 0);
        CHECK(inplace && strcmp(inplace,
                                "impl Solution {\n    pub fn reverse_string(s: &mut char) {\n        \n    "
                                "}\n}\n") == 0,
              "in-place parameter is &mut, void has no return type");

        /* Glue and names. */
        _cleanup_(small_done) struct small s;
        small_init(&s);
        int r = small_glue(&s, "rust");
        CHECK(r == 0 && s.n == 1 &&
                      strstr(s.files[0].text,
                             "let __r = Solution::f(::judge_harness::Param::take(&mut __a0));"),
              "hand-made glue calls Solution::f");

        set_name(&s.p, "f(); std::process::exit(0)");
        r = small_glue(&s, "rust");
        CHECK(r == -EINVAL, "a name that is not an identifier is refused (%s)", s.err.msg);
        set_name(&s.p, "f");
        s.params[0].name = (char *)"x\"y";
        r = small_stub(&s, "rust");
        CHECK(r == -EINVAL, "a parameter name that is not an identifier is refused (%s)", s.err.msg);
        s.params[0].name = (char *)"x";
        s.p.sig.fn.returns = NULL;
        r = small_stub(&s, "rust");
        CHECK(r == -EINVAL, "a stub without a return type is refused (%s)", s.err.msg);
}

/* ---- the table --------------------------------------------------------------------------- */

static const struct lang_row {
        const char *lang;    /* codegen's name for it */
        const char *glue[2]; /* the golden glue files, in codegen_glue's order (none: no glue) */
        const char *stub;    /* the golden stub file */
        void (*extra)(void); /* its hand-made checks */
} langs[] = {
        {"python", {NULL}, "stub.py", extra_python},
        {"cpp", {"main.cpp"}, "stub.cpp", extra_cpp},
        {"c", {"main.c", "judge_proto.h"}, "stub.c", extra_c},
        {"go", {"main.go"}, "stub.go", extra_go},
        {"java", {"jvm.args"}, "stub.java", extra_java},
        {"javascript", {NULL}, "stub.js", extra_javascript},
        {"rust", {"main.rs"}, "stub.rs", extra_rust},
};

/* Glue and stub of one fixture package in one language, against the golden files. */
static void test_fixture(const char *slug, const struct problem *p, const struct lang_row *l) {
        struct judge_error err = {0};
        struct codegen_file *files = NULL;
        size_t want_n = l->glue[1] ? 2 : l->glue[0] ? 1 : 0, n = 99;
        int r = codegen_glue(p, l->lang, &files, &n, &err);
        if (want_n == 0)
                CHECK(r == 0 && n == 0 && !files, "%s: %s needs no glue", slug, l->lang);
        else {
                bool named = r == 0 && n == want_n;
                for (size_t i = 0; named && i < n; i++)
                        named = strcmp(files[i].path, l->glue[i]) == 0;
                CHECK(named, "%s: %s glue is %s%s%s (%s)", slug, l->lang, l->glue[0],
                      want_n > 1 ? " and " : "", want_n > 1 ? l->glue[1] : "", r < 0 ? err.msg : "ok");
                if (r == 0 && n == want_n)
                        for (size_t i = 0; i < n; i++)
                                check_golden(slug, l->glue[i], files[i].text);
        }
        codegen_files_free(files, r == 0 ? n : 0);

        _cleanup_free_ char *stub = stub_of(p, l->lang, &err, NULL);
        CHECK(stub, "%s: %s stub generated (%s)", slug, l->lang, stub ? "ok" : err.msg);
        if (stub)
                check_golden(slug, l->stub, stub);
}

static int compare_names(const void *a, const void *b) {
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The fixture packages (folders with a problem.json), sorted; *ret_n of them. */
static char **fixture_slugs(size_t *ret_n) {
        char **slugs = NULL;
        size_t n = 0;
        DIR *d = opendir(FIXTURES);
        CHECK(d != NULL, "fixtures directory %s", FIXTURES);
        struct dirent *e;
        while (d && (e = readdir(d))) {
                char path[4096];
                struct stat st;
                snprintf(path, sizeof path, "%s/%s/problem.json", FIXTURES, e->d_name);
                if (e->d_name[0] == '.' || stat(path, &st) < 0)
                        continue;
                char **s = realloc(slugs, (n + 1) * sizeof *s);
                if (!s)
                        break;
                slugs = s;
                slugs[n++] = strdup(e->d_name);
        }
        if (d)
                closedir(d);
        if (n)
                qsort(slugs, n, sizeof *slugs, compare_names);
        CHECK(n >= 6, "%zu fixture packages", n);
        *ret_n = n;
        return slugs;
}

int main(int argc, char **argv) {
        const struct lang_row *chosen[ELEMENTSOF(langs)];
        size_t n_chosen = 0;
        for (size_t i = 0; i < ELEMENTSOF(langs); i++) {
                bool named = argc < 2;
                for (int a = 1; a < argc; a++)
                        named = named || strcmp(argv[a], langs[i].lang) == 0;
                if (named)
                        chosen[n_chosen++] = &langs[i];
        }
        for (int a = 1; a < argc; a++) {
                bool known = false;
                for (size_t i = 0; i < ELEMENTSOF(langs); i++)
                        known = known || strcmp(argv[a], langs[i].lang) == 0;
                CHECK(known, "%s is a row of the table", argv[a]);
        }

        size_t n = 0;
        char **slugs = fixture_slugs(&n);
        for (size_t i = 0; i < n; i++) {
                char dir[4096];
                struct judge_error err = {0};
                _cleanup_(problem_freep) struct problem *p = NULL;
                snprintf(dir, sizeof dir, "%s/%s", FIXTURES, slugs[i]);
                int r = problem_load(dir, &p, NULL, &err);
                CHECK(r == 0, "%s: problem_load (%s)", slugs[i], r < 0 ? err.msg : "ok");
                for (size_t l = 0; r == 0 && l < n_chosen; l++)
                        test_fixture(slugs[i], p, chosen[l]);
                free(slugs[i]);
        }
        free(slugs);
        for (size_t l = 0; l < n_chosen; l++)
                chosen[l]->extra();
        return tap_done();
}
