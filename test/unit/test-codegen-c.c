/* codegen for c: glue (main.c, judge_proto.h) and starter code (stub.c) of every fixture package
 * under test/harness/, compared with the golden files in expected/ (JUDGE_UPDATE_GOLDEN=1
 * rewrites them); hand-made signatures checked against LeetCode's own C stubs. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "lang/codegen.h"
#include "problem/problem.h"
#include "tap.h"
#include "problem/types.h"

#define FIXTURES SOURCE_ROOT "/test/harness"
#define LANG "c"

static char *read_text(const char *path) {
        FILE *f = fopen(path, "rb");
        if (!f)
                return NULL;
        struct buf b;
        buf_init(&b, 1 << 20);
        char chunk[4096];
        size_t n;
        int r = 0;
        while (r >= 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
                r = buf_append(&b, chunk, n);
        fclose(f);
        if (r < 0) {
                buf_free(&b);
                return NULL;
        }
        return buf_steal(&b);
}

static void check_golden(const char *slug, const char *name, const char *text) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/expected/%s", FIXTURES, slug, name);
        if (getenv("JUDGE_UPDATE_GOLDEN")) {
                FILE *f = fopen(path, "wb");
                CHECK(f && fputs(text, f) >= 0 && fclose(f) == 0, "%s: wrote %s", slug, name);
                return;
        }
        _cleanup_free_ char *want = read_text(path);
        bool same = want && strcmp(want, text) == 0;
        CHECK(same, "%s: %s matches the golden file", slug, name);
        if (!same) {
                tap_diag("got:", text);
                tap_diag(path, want ? want : "(missing)");
        }
}

static void test_fixture(const char *slug) {
        char dir[4096];
        struct judge_error err = {0};
        _cleanup_(problem_freep) struct problem *p = NULL;
        snprintf(dir, sizeof dir, "%s/%s", FIXTURES, slug);
        int r = problem_load(dir, &p, NULL, &err);
        CHECK(r == 0, "%s: problem_load (%s)", slug, r < 0 ? err.msg : "ok");
        if (r < 0)
                return;
        struct codegen_file *files = NULL;
        size_t n = 0;
        r = codegen_glue(p, LANG, &files, &n, &err);
        CHECK(r == 0 && n == 2 && strcmp(files[0].path, "main.c") == 0 &&
                      strcmp(files[1].path, "judge_proto.h") == 0,
              "%s: c glue is main.c and judge_proto.h (%s)", slug, r < 0 ? err.msg : "ok");
        if (r == 0 && n == 2) {
                check_golden(slug, "main.c", files[0].text);
                check_golden(slug, "judge_proto.h", files[1].text);
        }
        codegen_files_free(files, n);
        _cleanup_buf_ struct buf b;
        buf_init(&b, 1 << 20);
        r = codegen_stub(p, LANG, &b, &err);
        CHECK(r == 0, "%s: c stub generated (%s)", slug, r < 0 ? err.msg : "ok");
        if (r == 0)
                check_golden(slug, "stub.c", b.data ? b.data : "");
}

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

static void check_stub(const char *what, const char *spec, int output_param, const char *want) {
        struct hand *h = make(spec, output_param);
        struct problem *p = &h->p;
        _cleanup_buf_ struct buf b;
        buf_init(&b, 1 << 20);
        struct judge_error err = {0};
        int r = p ? codegen_stub(p, LANG, &b, &err) : -EINVAL;
        bool same = r == 0 && strcmp(b.data ? b.data : "", want) == 0;
        CHECK(same, "%s: LeetCode's C stub", what);
        if (!same) {
                tap_diag("got:", r == 0 ? b.data : err.msg);
                tap_diag("want:", want);
        }
        hand_free(h);
}

static void test_leetcode_stubs(void) {
        check_stub("two sum", "twoSum(int[] nums, int target) -> int[]", -1,
                   "/**\n * Note: The returned array must be malloced, assume caller calls free().\n */\n"
                   "int* twoSum(int* nums, int numsSize, int target, int* returnSize) {\n    \n}\n");
        check_stub("rotate image", "rotate(int[][] matrix) -> void", 0,
                   "void rotate(int** matrix, int matrixSize, int* matrixColSize) {\n    \n}\n");
        check_stub("reverse string", "reverseString(char[] s) -> void", 0,
                   "void reverseString(char* s, int sSize) {\n    \n}\n");
        check_stub("group anagrams", "groupAnagrams(string[] strs) -> list<list<string>>", -1,
                   "/**\n * Return an array of arrays of size *returnSize.\n"
                   " * The sizes of the arrays are returned as *returnColumnSizes array.\n"
                   " * Note: Both returned array and *columnSizes array must be malloced, assume caller "
                   "calls free().\n"
                   " */\n"
                   "char*** groupAnagrams(char** strs, int strsSize, int* returnSize, int** "
                   "returnColumnSizes) {\n    \n}\n");
        check_stub("word search", "exist(char[][] board, string word) -> bool", -1,
                   "bool exist(char** board, int boardSize, int* boardColSize, char* word) {\n    \n}\n");
        check_stub("max product", "maxProduct(long[] nums) -> long", -1,
                   "long long maxProduct(long long* nums, int numsSize) {\n    \n}\n");
        check_stub("max depth", "maxDepth(TreeNode root) -> int", -1,
                   "/**\n * Definition for a binary tree node.\n * struct TreeNode {\n *     int val;\n"
                   " *     struct TreeNode *left;\n *     struct TreeNode *right;\n * };\n */\n"
                   "int maxDepth(struct TreeNode* root) {\n    \n}\n");
        check_stub("merge k lists", "mergeKLists(ListNode[] lists) -> ListNode", -1,
                   "/**\n * Definition for singly-linked list.\n * struct ListNode {\n *     int val;\n"
                   " *     struct ListNode *next;\n * };\n */\n"
                   "struct ListNode* mergeKLists(struct ListNode** lists, int listsSize) {\n    \n}\n");
        check_stub("min stack", "MinStack() | push(int val) -> void | getMin() -> int", -1,
                   "\n\n\ntypedef struct {\n    \n} MinStack;\n\n\nMinStack* minStackCreate() {\n    \n}\n\n"
                   "void minStackPush(MinStack* obj, int val) {\n    \n}\n\n"
                   "int minStackGetMin(MinStack* obj) {\n    \n}\n\n"
                   "void minStackFree(MinStack* obj) {\n    \n}\n\n"
                   "/**\n * Your MinStack struct will be instantiated and called as such:\n"
                   " * MinStack* obj = minStackCreate();\n"
                   " * minStackPush(obj, val);\n \n"
                   " * int param_2 = minStackGetMin(obj);\n \n"
                   " * minStackFree(obj);\n*/\n");
        check_stub("lru cache",
                   "LRUCache(int capacity) | get(int key) -> int | put(int key, int value) -> void", -1,
                   "\n\n\ntypedef struct {\n    \n} LRUCache;\n\n\nLRUCache* lRUCacheCreate(int capacity) "
                   "{\n    \n}\n\n"
                   "int lRUCacheGet(LRUCache* obj, int key) {\n    \n}\n\n"
                   "void lRUCachePut(LRUCache* obj, int key, int value) {\n    \n}\n\n"
                   "void lRUCacheFree(LRUCache* obj) {\n    \n}\n\n"
                   "/**\n * Your LRUCache struct will be instantiated and called as such:\n"
                   " * LRUCache* obj = lRUCacheCreate(capacity);\n"
                   " * int param_1 = lRUCacheGet(obj, key);\n \n"
                   " * lRUCachePut(obj, key, value);\n \n"
                   " * lRUCacheFree(obj);\n*/\n");
}

static void test_errors(void) {
        struct hand *h = make("f(int[][][] x) -> int", -1);
        struct problem *p = &h->p;
        struct judge_error err = {0};
        struct codegen_file *files = NULL;
        size_t n = 0;
        int r = p ? codegen_glue(p, LANG, &files, &n, &err) : 0;
        CHECK(r == -EOPNOTSUPP, "int[][][] is refused in C (%s)", err.msg);
        codegen_files_free(files, n);
        hand_free(h);
}

int main(void) {
        DIR *d = opendir(FIXTURES);
        CHECK(d != NULL, "fixtures directory %s", FIXTURES);
        char *slugs[64];
        size_t n = 0;
        struct dirent *e;
        while (d && (e = readdir(d)) && n < ELEMENTSOF(slugs)) {
                char path[4096];
                struct stat st;
                snprintf(path, sizeof path, "%s/%s/problem.json", FIXTURES, e->d_name);
                if (e->d_name[0] != '.' && stat(path, &st) == 0)
                        slugs[n++] = strdup(e->d_name);
        }
        if (d)
                closedir(d);
        for (size_t i = 0; i < n; i++)
                for (size_t j = i + 1; j < n; j++)
                        if (strcmp(slugs[i], slugs[j]) > 0) {
                                char *t = slugs[i];
                                slugs[i] = slugs[j];
                                slugs[j] = t;
                        }
        CHECK(n >= 6, "%zu fixture packages", n);
        for (size_t i = 0; i < n; i++) {
                test_fixture(slugs[i]);
                free(slugs[i]);
        }
        test_leetcode_stubs();
        test_errors();
        return tap_done();
}
