/* The type language of PROBLEM-FORMAT.md.
 *
 * Accepted spellings (case-sensitive; anything else is an error):
 *   int      also integer, Integer
 *   long     also Long
 *   double   also Double
 *   bool     also boolean, Boolean
 *   char     also character, Character
 *   string   also String
 *   ListNode, TreeNode, void
 *   T[]      any depth, and list<T> / List<T> (same JSON form, any nesting: List<List<String>>,
 *            list<int[]>, list<int>[])
 * The boxed Java names (Integer, Long...) are accepted because they are what LeetCode writes
 * inside List<...>. Whitespace is allowed around every token ("List< Integer >", "int [ ]"),
 * nothing else is: no trailing garbage, no empty brackets contents, no lowercase "treenode".
 * void is a type of its own (return types only; problem.c enforces where) and cannot be an
 * element type. Nesting is capped at TYPE_MAX_DEPTH array levels. */
#include "problem/types.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define TYPE_MAX_DEPTH 32

static const struct {
        const char *name;
        enum type_kind kind;
} type_names[] = {
        { "int", TYPE_INT },           { "integer", TYPE_INT },        { "Integer", TYPE_INT },
        { "long", TYPE_LONG },         { "Long", TYPE_LONG },          { "double", TYPE_DOUBLE },
        { "Double", TYPE_DOUBLE },     { "bool", TYPE_BOOL },          { "boolean", TYPE_BOOL },
        { "Boolean", TYPE_BOOL },      { "char", TYPE_CHAR },          { "character", TYPE_CHAR },
        { "Character", TYPE_CHAR },    { "string", TYPE_STRING },      { "String", TYPE_STRING },
        { "ListNode", TYPE_LIST_NODE }, { "TreeNode", TYPE_TREE_NODE }, { "void", TYPE_VOID },
};

static const char *const canonical_names[_TYPE_KIND_MAX] = {
        [TYPE_INT] = "int",           [TYPE_LONG] = "long",         [TYPE_DOUBLE] = "double",
        [TYPE_BOOL] = "bool",         [TYPE_CHAR] = "char",         [TYPE_STRING] = "string",
        [TYPE_ARRAY] = "[]",          [TYPE_LIST_NODE] = "ListNode", [TYPE_TREE_NODE] = "TreeNode",
        [TYPE_VOID] = "void",
};

struct type *type_free(struct type *t) {
        while (t) {
                struct type *e = t->elem;
                free(t);
                t = e;
        }
        return NULL;
}

static struct type *type_new(enum type_kind kind, struct type *elem) {
        struct type *t = calloc(1, sizeof *t);
        if (t) {
                t->kind = kind;
                t->elem = elem;
        }
        return t;
}

struct type_parser {
        const char *s; /* whole input, for messages */
        const char *p;
        int depth;
        struct judge_error *err;
};

static void skip_ws(struct type_parser *tp) {
        while (*tp->p == ' ' || *tp->p == '\t')
                tp->p++;
}

static bool is_ident_char(char c) {
        return isalnum((unsigned char) c) || c == '_';
}

static int parse_type(struct type_parser *tp, struct type **ret);

static int wrap_array(struct type_parser *tp, struct type **t, bool spelled_list) {
        if ((*t)->kind == TYPE_VOID)
                return judge_err(tp->err, -EINVAL, "invalid type \"%s\": void cannot be an element type",
                                 tp->s);
        if (++tp->depth > TYPE_MAX_DEPTH)
                return judge_err(tp->err, -EINVAL, "invalid type \"%s\": nested deeper than %d levels", tp->s,
                                 TYPE_MAX_DEPTH);
        struct type *a = type_new(TYPE_ARRAY, *t);
        if (!a)
                return judge_err(tp->err, -ENOMEM, "out of memory");
        a->spelled_list = spelled_list;
        *t = a;
        return 0;
}

/* type := ident [ '<' type '>' ] { '[' ']' } */
static int parse_type(struct type_parser *tp, struct type **ret) {
        _cleanup_(type_freep) struct type *t = NULL;
        int r;

        skip_ws(tp);
        const char *start = tp->p;
        while (is_ident_char(*tp->p))
                tp->p++;
        size_t n = (size_t) (tp->p - start);
        if (n == 0) {
                if (*tp->p == 0)
                        return judge_err(tp->err, -EINVAL, "invalid type \"%s\": type name expected", tp->s);
                return judge_err(tp->err, -EINVAL, "invalid type \"%s\": unexpected '%c'", tp->s, *tp->p);
        }

        if ((n == 4 && memcmp(start, "list", 4) == 0) || (n == 4 && memcmp(start, "List", 4) == 0)) {
                skip_ws(tp);
                if (*tp->p != '<')
                        return judge_err(tp->err, -EINVAL, "invalid type \"%s\": %.4s needs an element type <T>",
                                         tp->s, start);
                tp->p++;
                r = parse_type(tp, &t);
                if (r < 0)
                        return r;
                skip_ws(tp);
                if (*tp->p != '>')
                        return judge_err(tp->err, -EINVAL, "invalid type \"%s\": '>' expected", tp->s);
                tp->p++;
                r = wrap_array(tp, &t, true);
                if (r < 0)
                        return r;
        } else {
                bool found = false;
                for (size_t i = 0; i < ELEMENTSOF(type_names); i++)
                        if (strlen(type_names[i].name) == n && memcmp(type_names[i].name, start, n) == 0) {
                                t = type_new(type_names[i].kind, NULL);
                                if (!t)
                                        return judge_err(tp->err, -ENOMEM, "out of memory");
                                found = true;
                                break;
                        }
                if (!found)
                        return judge_err(tp->err, -EINVAL, "invalid type \"%s\": unknown type name \"%.*s\"", tp->s,
                                         (int) (n > 64 ? 64 : n), start);
        }

        for (;;) {
                skip_ws(tp);
                if (*tp->p != '[')
                        break;
                tp->p++;
                skip_ws(tp);
                if (*tp->p != ']')
                        return judge_err(tp->err, -EINVAL, "invalid type \"%s\": ']' expected", tp->s);
                tp->p++;
                r = wrap_array(tp, &t, false);
                if (r < 0)
                        return r;
        }
        *ret = TAKE_PTR(t);
        return 0;
}

int type_parse(const char *s, struct type **ret, struct judge_error *err) {
        if (!s)
                return judge_err(err, -EINVAL, "invalid type: missing");
        struct type_parser tp = { .s = s, .p = s, .err = err };
        _cleanup_(type_freep) struct type *t = NULL;
        int r = parse_type(&tp, &t);
        if (r < 0)
                return r;
        skip_ws(&tp);
        if (*tp.p != 0)
                return judge_err(err, -EINVAL, "invalid type \"%s\": unexpected '%c'", s, *tp.p);
        *ret = TAKE_PTR(t);
        return 0;
}

int type_format(const struct type *t, struct buf *out) {
        int depth = type_depth(t);
        const struct type *b = type_base(t);
        if (!b || b->kind < 0 || b->kind >= _TYPE_KIND_MAX || b->kind == TYPE_ARRAY)
                return -EINVAL;
        int r = buf_puts(out, canonical_names[b->kind]);
        for (int i = 0; i < depth && r >= 0; i++)
                r = buf_puts(out, "[]");
        return r;
}

int type_depth(const struct type *t) {
        int d = 0;
        for (; t && t->kind == TYPE_ARRAY; t = t->elem)
                d++;
        return d;
}

const struct type *type_base(const struct type *t) {
        while (t && t->kind == TYPE_ARRAY && t->elem)
                t = t->elem;
        return t;
}

int type_json_int(const yajl_val v, long long *ret) {
        if (!YAJL_IS_NUMBER(v) || !v->u.number.r)
                return -EINVAL;
        /* yajl's own integer flag cannot represent LLONG_MIN; parse the text ourselves and insist
         * on the integer syntax: 3.0 and 3e0 are numbers but not integers. */
        const char *s = v->u.number.r;
        const char *d = s + (*s == '-');
        if (!isdigit((unsigned char) *d))
                return -EINVAL;
        for (const char *q = d; *q; q++)
                if (!isdigit((unsigned char) *q))
                        return -EINVAL;
        errno = 0;
        char *end = NULL;
        long long x = strtoll(s, &end, 10);
        if (errno == ERANGE)
                return -ERANGE;
        if (!end || *end)
                return -EINVAL;
        if (ret)
                *ret = x;
        return 0;
}

int type_json_double(const yajl_val v, double *ret) {
        if (!YAJL_IS_NUMBER(v) || !v->u.number.r)
                return -EINVAL;
        if (!(v->u.number.flags & YAJL_NUMBER_DOUBLE_VALID))
                return -ERANGE;
        if (ret)
                *ret = v->u.number.d;
        return 0;
}

size_t type_utf8_chars(const char *s, size_t n) {
        const unsigned char *u = (const unsigned char *) s;
        size_t count = 0;
        for (size_t i = 0; i < n;) {
                unsigned char c = u[i];
                size_t len;
                if (c < 0x80)
                        len = 1;
                else if ((c & 0xE0) == 0xC0)
                        len = 2;
                else if ((c & 0xF0) == 0xE0)
                        len = 3;
                else if ((c & 0xF8) == 0xF0)
                        len = 4;
                else
                        return SIZE_MAX;
                if (len > n - i)
                        return SIZE_MAX;
                for (size_t k = 1; k < len; k++)
                        if ((u[i + k] & 0xC0) != 0x80)
                                return SIZE_MAX;
                i += len;
                count++;
        }
        return count;
}

static const char *json_kind_name(const yajl_val v) {
        if (!v || YAJL_IS_NULL(v))
                return "null";
        if (YAJL_IS_NUMBER(v))
                return "a number";
        if (YAJL_IS_STRING(v))
                return "a string";
        if (YAJL_IS_TRUE(v) || YAJL_IS_FALSE(v))
                return "a boolean";
        if (YAJL_IS_ARRAY(v))
                return "an array";
        if (YAJL_IS_OBJECT(v))
                return "an object";
        return "an unknown value";
}

static int type_mismatch(const struct type *t, const yajl_val v, const char *path, struct judge_error *err) {
        char name[128] = "?";
        struct buf b;
        buf_init(&b, sizeof name - 1);
        if (type_format(t, &b) >= 0 && b.data)
                snprintf(name, sizeof name, "%s", b.data);
        buf_free(&b);
        return judge_err(err, -EINVAL, "%s: expected %s, got %s", path, name, json_kind_name(v));
}

static int check_int_range(const yajl_val v, bool is_long, const char *path, struct judge_error *err) {
        long long x;
        int r = type_json_int(v, &x);
        if (r == -EINVAL)
                return judge_err(err, -EINVAL, "%s: %.64s is not an integer", path, v->u.number.r);
        if (r == -ERANGE || (!is_long && (x < INT32_MIN || x > INT32_MAX)))
                return judge_err(err, -EINVAL, "%s: %.64s is outside the %s int range", path, v->u.number.r,
                                 is_long ? "64-bit" : "32-bit");
        return 0;
}

/* Level-order tree: element 0 is the root (non-null); element i >= 1 is a child slot of the
 * ((i-1)/2)-th non-null node, which must exist before i. An entry without such a parent is
 * dangling and rejected, even a null (harnesses decoding with a queue would underflow on it);
 * nulls at the end that do fill real child slots are fine. */
static int check_tree(const yajl_val v, const char *path, struct judge_error *err) {
        size_t n = v->u.array.len;
        size_t nonnull = 0;
        for (size_t i = 0; i < n; i++) {
                yajl_val e = v->u.array.values[i];
                char sub[512];
                snprintf(sub, sizeof sub, "%s[%zu]", path, i);
                if (i == 0 && YAJL_IS_NULL(e))
                        return judge_err(err, -EINVAL, "%s: a non-empty tree cannot have a null root", sub);
                if (i > 0 && (i - 1) / 2 >= nonnull)
                        return judge_err(err, -EINVAL,
                                         "%s: dangling tree entry (no parent left in level order; the tree "
                                         "can hold only %zu entries)",
                                         sub, i);
                if (YAJL_IS_NULL(e))
                        continue;
                if (!YAJL_IS_NUMBER(e))
                        return judge_err(err, -EINVAL, "%s: expected int or null, got %s", sub, json_kind_name(e));
                int r = check_int_range(e, false, sub, err);
                if (r < 0)
                        return r;
                nonnull++;
        }
        return 0;
}

int type_check_value(const struct type *t, const yajl_val v, const char *path, struct judge_error *err) {
        if (!path)
                path = "value";
        if (!t)
                return judge_err(err, -EINVAL, "%s: no type", path);
        switch (t->kind) {
        case TYPE_INT:
        case TYPE_LONG:
                if (!YAJL_IS_NUMBER(v))
                        return type_mismatch(t, v, path, err);
                return check_int_range(v, t->kind == TYPE_LONG, path, err);
        case TYPE_DOUBLE:
                if (!YAJL_IS_NUMBER(v))
                        return type_mismatch(t, v, path, err);
                if (type_json_double(v, NULL) < 0)
                        return judge_err(err, -EINVAL, "%s: %.64s is outside the double range", path,
                                         v->u.number.r);
                return 0;
        case TYPE_BOOL:
                if (!YAJL_IS_TRUE(v) && !YAJL_IS_FALSE(v))
                        return type_mismatch(t, v, path, err);
                return 0;
        case TYPE_CHAR:
                if (!YAJL_IS_STRING(v))
                        return type_mismatch(t, v, path, err);
                if (type_utf8_chars(v->u.string, strlen(v->u.string)) != 1)
                        return judge_err(err, -EINVAL, "%s: a char must be a string of exactly one character",
                                         path);
                return 0;
        case TYPE_STRING:
                if (!YAJL_IS_STRING(v))
                        return type_mismatch(t, v, path, err);
                return 0;
        case TYPE_VOID:
                if (!YAJL_IS_NULL(v))
                        return type_mismatch(t, v, path, err);
                return 0;
        case TYPE_LIST_NODE:
        case TYPE_TREE_NODE:
        case TYPE_ARRAY:
                break;
        default:
                return judge_err(err, -EINVAL, "%s: invalid type", path);
        }

        if (!YAJL_IS_ARRAY(v))
                return type_mismatch(t, v, path, err);
        if (t->kind == TYPE_TREE_NODE)
                return check_tree(v, path, err);
        for (size_t i = 0; i < v->u.array.len; i++) {
                yajl_val e = v->u.array.values[i];
                char sub[512];
                snprintf(sub, sizeof sub, "%s[%zu]", path, i);
                int r;
                if (t->kind == TYPE_LIST_NODE) {
                        if (!YAJL_IS_NUMBER(e))
                                return judge_err(err, -EINVAL, "%s: expected int (a ListNode value), got %s", sub,
                                                 json_kind_name(e));
                        r = check_int_range(e, false, sub, err);
                } else
                        r = type_check_value(t->elem, e, sub, err);
                if (r < 0)
                        return r;
        }
        return 0;
}
