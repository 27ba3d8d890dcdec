/* Unit tests for lib/problem/types.c: parsing, printing and value checking of the type language. */
#include <string.h>

#include "tap.h"
#include "testlib.h"
#include "problem/types.h"

#define J testlib_json_kept

/* type_parse(s) then type_format: expect canonical (NULL: expect a parse error containing
 * msg). */
static void parse_case(const char *s, const char *canonical, const char *msg) {
        struct type *t = NULL;
        struct judge_error e = { 0 };
        int r = type_parse(s, &t, &e);
        if (canonical) {
                struct buf b;
                buf_init(&b, 0);
                int fr = r >= 0 ? type_format(t, &b) : -1;
                CHECK(r == 0 && fr == 0 && b.data && strcmp(b.data, canonical) == 0, "parse \"%s\" -> %s (got %s%s)",
                      s, canonical, r < 0 ? "error: " : "", r < 0 ? e.msg : b.data ? b.data : "?");
                buf_free(&b);
        } else
                CHECK(r < 0 && strstr(e.msg, msg), "reject \"%s\" (%s) [%s]", s, msg, e.msg);
        type_free(t);
}

static struct type *T(const char *s) {
        struct type *t = NULL;
        if (type_parse(s, &t, NULL) < 0)
                printf("# cannot parse %s\n", s);
        return t;
}

/* check value (JSON text) against type: ok, or error containing msg */
static void value_case(const char *type, const char *json, const char *msg) {
        _cleanup_(type_freep) struct type *t = T(type);
        struct judge_error e = { 0 };
        yajl_val v = J(json);
        int r = type_check_value(t, v, "args[0]", &e);
        if (!msg)
                CHECK(r == 0, "%s accepts %s [%s]", type, json, r < 0 ? e.msg : "");
        else
                CHECK(r == -EINVAL && strstr(e.msg, msg), "%s rejects %s: want \"%s\", got \"%s\"", type, json, msg,
                      e.msg);
}

int main(void) {
        /* spellings */
        parse_case("int", "int", NULL);
        parse_case("integer", "int", NULL);
        parse_case("Integer", "int", NULL);
        parse_case("long", "long", NULL);
        parse_case("Long", "long", NULL);
        parse_case("double", "double", NULL);
        parse_case("bool", "bool", NULL);
        parse_case("boolean", "bool", NULL);
        parse_case("char", "char", NULL);
        parse_case("character", "char", NULL);
        parse_case("string", "string", NULL);
        parse_case("String", "string", NULL);
        parse_case("ListNode", "ListNode", NULL);
        parse_case("TreeNode", "TreeNode", NULL);
        parse_case("void", "void", NULL);
        parse_case("int[]", "int[]", NULL);
        parse_case("int[][]", "int[][]", NULL);
        parse_case("char[][]", "char[][]", NULL);
        parse_case("string[]", "string[]", NULL);
        parse_case("list<int>", "int[]", NULL);
        parse_case("List<Integer>", "int[]", NULL);
        parse_case("list<list<String>>", "string[][]", NULL);
        parse_case("List<List<String>>", "string[][]", NULL);
        parse_case("list<int[]>", "int[][]", NULL);
        parse_case("list<int>[]", "int[][]", NULL);
        parse_case("ListNode[]", "ListNode[]", NULL);
        parse_case("  List< Integer > ", "int[]", NULL);
        parse_case("int [ ] [ ]", "int[][]", NULL);
        parse_case("TreeNode[]", "TreeNode[]", NULL);
        /* garbage */
        parse_case("", NULL, "type name expected");
        parse_case("   ", NULL, "type name expected");
        parse_case("integr", NULL, "unknown type name \"integr\"");
        parse_case("INT", NULL, "unknown type name");
        parse_case("treenode", NULL, "unknown type name");
        parse_case("float", NULL, "unknown type name");
        parse_case("int[", NULL, "']' expected");
        parse_case("int]", NULL, "unexpected ']'");
        parse_case("int[3]", NULL, "']' expected");
        parse_case("list<int", NULL, "'>' expected");
        parse_case("list", NULL, "needs an element type");
        parse_case("list<>", NULL, "unexpected '>'");
        parse_case("LIST<int>", NULL, "unknown type name");
        parse_case("int int", NULL, "unexpected 'i'");
        parse_case("int[]x", NULL, "unexpected 'x'");
        parse_case("void[]", NULL, "void cannot be an element type");
        parse_case("list<void>", NULL, "void cannot be an element type");
        parse_case("int[][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][]", NULL, "deeper than");
        parse_case("map<int,int>", NULL, "unknown type name");
        {
                struct judge_error e = { 0 };
                struct type *t = NULL;
                CHECK(type_parse(NULL, &t, &e) == -EINVAL && !t, "NULL type string rejected");
        }

        /* depth, base, spelled_list */
        {
                _cleanup_(type_freep) struct type *t = T("list<int[]>");
                CHECK(t && type_depth(t) == 2 && type_base(t)->kind == TYPE_INT, "depth 2, base int");
                CHECK(t && t->spelled_list && !t->elem->spelled_list, "spelled_list marks the list<> level");
                _cleanup_(type_freep) struct type *u = T("TreeNode");
                CHECK(type_depth(u) == 0 && type_base(u) == u, "TreeNode depth 0");
                CHECK(type_depth(NULL) == 0, "depth of NULL is 0");
        }

        /* values: ints */
        value_case("int", "0", NULL);
        value_case("int", "-2147483648", NULL);
        value_case("int", "2147483647", NULL);
        value_case("int", "2147483648", "args[0]: 2147483648 is outside the 32-bit int range");
        value_case("int", "-2147483649", "outside the 32-bit int range");
        value_case("int", "99999999999999999999999", "outside the 32-bit int range");
        value_case("int", "1.0", "args[0]: 1.0 is not an integer");
        value_case("int", "1e3", "is not an integer");
        value_case("int", "\"1\"", "args[0]: expected int, got a string");
        value_case("int", "null", "expected int, got null");
        value_case("int", "true", "got a boolean");
        value_case("int[]", "[1,2,3,4,5,3000000000]", "args[0][5]: 3000000000 is outside the 32-bit int range");
        value_case("long", "9223372036854775807", NULL);
        value_case("long", "-9223372036854775808", NULL);
        value_case("long", "9223372036854775808", "outside the 64-bit int range");
        value_case("long", "3000000000", NULL);
        value_case("long", "2.5", "not an integer");
        /* doubles */
        value_case("double", "2.5", NULL);
        value_case("double", "3", NULL);
        value_case("double", "-1e-300", NULL);
        value_case("double", "1e999", "outside the double range");
        value_case("double", "\"2.5\"", "expected double, got a string");
        /* bool */
        value_case("bool", "true", NULL);
        value_case("boolean", "false", NULL);
        value_case("bool", "1", "expected bool, got a number");
        /* char */
        value_case("char", "\"a\"", NULL);
        value_case("char", "\"\\u00e9\"", NULL);
        value_case("char", "\"\xf0\x9f\x98\x80\"", NULL);
        value_case("char", "\"\"", "exactly one character");
        value_case("char", "\"ab\"", "exactly one character");
        value_case("char", "97", "expected char, got a number");
        value_case("char[][]", "[[\"a\",\"b\"],[\"c\"]]", NULL);
        value_case("char[][]", "[[\"a\",\"b\"],[\"cd\"]]", "args[0][1][0]: a char must be");
        /* strings */
        value_case("string", "\"\"", NULL);
        value_case("String", "\"hello world\"", NULL);
        value_case("string", "[]", "expected string, got an array");
        value_case("list<list<String>>", "[[\"eat\",\"tea\"],[]]", NULL);
        value_case("list<list<String>>", "[[\"eat\",1]]", "args[0][0][1]: expected string, got a number");
        value_case("string[]", "null", "expected string[], got null");
        value_case("int[]", "{}", "got an object");
        /* void */
        value_case("void", "null", NULL);
        value_case("void", "0", "expected void");
        /* ListNode */
        value_case("ListNode", "[]", NULL);
        value_case("ListNode", "[1,2,3]", NULL);
        value_case("ListNode", "[1,null,3]", "args[0][1]: expected int (a ListNode value), got null");
        value_case("ListNode", "[1,2147483648]", "outside the 32-bit int range");
        value_case("ListNode", "null", "expected ListNode, got null");
        value_case("ListNode[]", "[[1,4,5],[1,3,4],[]]", NULL);
        /* TreeNode */
        value_case("TreeNode", "[]", NULL);
        value_case("TreeNode", "[1]", NULL);
        value_case("TreeNode", "[3,9,20,null,null,15,7]", NULL);
        value_case("TreeNode", "[1,null,2,3]", NULL);
        value_case("TreeNode", "[1,null,2,null,null]", NULL);           /* trailing nulls in real slots */
        value_case("TreeNode", "[5,4,8,11,null,13,4,7,2,null,null,null,1]", NULL);
        value_case("TreeNode", "[1,2,null,3,null,4,null,5]", NULL);     /* left chain */
        value_case("TreeNode", "[null]", "args[0][0]: a non-empty tree cannot have a null root");
        value_case("TreeNode", "[null,1]", "null root");
        value_case("TreeNode", "[1,null,null,2]", "args[0][3]: dangling tree entry");
        value_case("TreeNode", "[1,null,null,null]", "dangling tree entry");
        value_case("TreeNode", "[1,2,3,null,null,null,null,4]", "args[0][7]: dangling");
        value_case("TreeNode", "[1,\"2\"]", "args[0][1]: expected int or null, got a string");
        value_case("TreeNode", "[1,2.5]", "not an integer");
        value_case("TreeNode", "[1,3000000000]", "outside the 32-bit int range");
        value_case("TreeNode", "null", "expected TreeNode, got null");
        value_case("TreeNode", "{\"a\":1}", "got an object");
        value_case("TreeNode[]", "[[1,2],[],[3,null,4]]", NULL);
        value_case("TreeNode[]", "[[1,2],[null]]", "args[0][1][0]: a non-empty tree cannot have a null root");
        {
                struct judge_error e = { 0 };
                CHECK(type_check_value(NULL, NULL, NULL, &e) == -EINVAL, "NULL type rejected");
                _cleanup_(type_freep) struct type *t = T("int");
                CHECK(type_check_value(t, NULL, NULL, &e) == -EINVAL && strstr(e.msg, "value: expected int"),
                      "missing value, default path [%s]", e.msg);
        }

        /* helpers */
        {
                long long x = 0;
                CHECK(type_json_int(J("-0"), &x) == 0 && x == 0, "-0 is integer 0");
                CHECK(type_json_int(J("12"), &x) == 0 && x == 12, "12");
                CHECK(type_json_int(J("1.5"), &x) == -EINVAL, "1.5 not an integer");
                CHECK(type_json_int(J("18446744073709551616"), &x) == -ERANGE, "2^64 out of range");
                CHECK(type_json_int(J("\"1\""), &x) == -EINVAL, "string not an integer");
                double d = 0;
                CHECK(type_json_double(J("2.5e1"), &d) == 0 && d == 25.0, "2.5e1 = 25");
                CHECK(type_utf8_chars("a\xc3\xa9", 3) == 2, "utf8 count 2");
                CHECK(type_utf8_chars("\xc3", 1) == SIZE_MAX, "truncated utf8");
                CHECK(type_utf8_chars("\xff", 1) == SIZE_MAX, "invalid lead byte");
        }

        testlib_json_free_kept();
        return tap_done();
}
