/* Typed answer comparison; see compare.h for the rules. */
#define _GNU_SOURCE 1 /* asprintf, qsort_r, strndup */
#include "compare/compare.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct type int_type = { .kind = TYPE_INT };

static bool is_array_type(const struct type *t) {
        return t && (t->kind == TYPE_ARRAY || t->kind == TYPE_LIST_NODE || t->kind == TYPE_TREE_NODE);
}

static const struct type *elem_type(const struct type *t) {
        if (!t)
                return NULL;
        if (t->kind == TYPE_ARRAY)
                return t->elem;
        if (t->kind == TYPE_LIST_NODE || t->kind == TYPE_TREE_NODE)
                return &int_type;
        return NULL;
}

/* The elements of v seen as an array of type t: null counts as [] for array types (Go's nil
 * slice). For TreeNode, trailing nulls are not counted. False if v is not array-shaped. */
static bool array_view(const struct type *t, const yajl_val v, yajl_val **ret_vals, size_t *ret_n) {
        if ((!v || YAJL_IS_NULL(v)) && is_array_type(t)) {
                *ret_vals = NULL;
                *ret_n = 0;
                return true;
        }
        if (!YAJL_IS_ARRAY(v))
                return false;
        size_t n = v->u.array.len;
        if (t && t->kind == TYPE_TREE_NODE)
                while (n > 0 && YAJL_IS_NULL(v->u.array.values[n - 1]))
                        n--;
        *ret_vals = v->u.array.values;
        *ret_n = n;
        return true;
}

/* ---- a total order over JSON values, guided by the type ---- */

static int rank(const struct type *t, const yajl_val v) {
        if (!v || YAJL_IS_NULL(v))
                return is_array_type(t) ? 5 : 0;
        switch (v->type) {
        case yajl_t_false:
                return 1;
        case yajl_t_true:
                return 2;
        case yajl_t_number:
                return 3;
        case yajl_t_string:
                return 4;
        case yajl_t_array:
                return 5;
        default:
                return 6;
        }
}

static int cmp_ll(long long a, long long b) {
        return a < b ? -1 : a > b;
}

static int cmp_double(double a, double b) {
        return a < b ? -1 : a > b;
}

/* Numbers: for int/long types the integers first, by value, then anything else by its text; for
 * other types the finite doubles by value, then the rest by text. A total preorder: values that
 * tie (1 and 1.0) are interchangeable for eq(), so how qsort orders them does not matter; a
 * tie-break by text would sort [1.0,3] after [1,5] and pair it with the wrong element. */
static int cmp_number(const struct type *t, const yajl_val x, const yajl_val y) {
        const char *xr = x->u.number.r ? x->u.number.r : "", *yr = y->u.number.r ? y->u.number.r : "";
        if (t && (t->kind == TYPE_INT || t->kind == TYPE_LONG)) {
                long long a, b;
                bool ai = type_json_int(x, &a) == 0, bi = type_json_int(y, &b) == 0;
                if (ai != bi)
                        return ai ? -1 : 1;
                if (ai)
                        return cmp_ll(a, b);
                return strcmp(xr, yr);
        }
        double a, b;
        bool ad = type_json_double(x, &a) == 0, bd = type_json_double(y, &b) == 0;
        if (ad != bd)
                return ad ? -1 : 1;
        if (ad)
                return cmp_double(a, b); /* equal values are equal, whatever their text */
        return strcmp(xr, yr);
}

static int cmp_json(const struct type *t, const yajl_val x, const yajl_val y) {
        int rx = rank(t, x), ry = rank(t, y);
        if (rx != ry)
                return rx < ry ? -1 : 1;
        switch (rx) {
        case 3:
                return cmp_number(t, x, y);
        case 4:
                return strcmp(x->u.string, y->u.string);
        case 5: {
                yajl_val *xv, *yv;
                size_t xn, yn;
                /* both are arrays or (for array types) null, so the views exist */
                if (!array_view(t, x, &xv, &xn) || !array_view(t, y, &yv, &yn))
                        return 0;
                const struct type *et = elem_type(t);
                for (size_t i = 0; i < xn && i < yn; i++) {
                        int c = cmp_json(et, xv[i], yv[i]);
                        if (c)
                                return c;
                }
                return xn < yn ? -1 : xn > yn;
        }
        default:
                return 0; /* null, false, true, objects: one class each */
        }
}

/* ---- ordered equality ---- */

/* 1 equal, 0 not, -ENOMEM (a failure of the comparison, never a verdict). */
static int eq(const struct type *t, const yajl_val e, const yajl_val a, int unordered, double tol);

static bool eq_scalar(const struct type *t, const yajl_val e, const yajl_val a, double tol) {
        switch (t->kind) {
        case TYPE_INT:
        case TYPE_LONG: {
                long long x, y;
                return type_json_int(e, &x) == 0 && type_json_int(a, &y) == 0 && x == y;
        }
        case TYPE_DOUBLE: {
                double x, y;
                if (type_json_double(e, &x) < 0 || type_json_double(a, &y) < 0)
                        return false;
                if (x == y)
                        return true;
                double d = fabs(y - x);
                return d <= tol || d <= tol * fabs(x);
        }
        case TYPE_BOOL:
                return (YAJL_IS_TRUE(e) && YAJL_IS_TRUE(a)) || (YAJL_IS_FALSE(e) && YAJL_IS_FALSE(a));
        case TYPE_CHAR:
        case TYPE_STRING:
                return YAJL_IS_STRING(e) && YAJL_IS_STRING(a) && strcmp(e->u.string, a->u.string) == 0;
        case TYPE_VOID:
                return (!e || YAJL_IS_NULL(e)) && (!a || YAJL_IS_NULL(a));
        default:
                return false;
        }
}

/* ---- multisets: canonical forms ---- */

struct cval {
        yajl_val v;         /* leaf: compared with eq() */
        struct cval *kids;  /* a multiset level: sorted canonical elements */
        size_t n;
        bool is_set;
};

static void cval_free_kids(struct cval *c) {
        if (!c->is_set)
                return;
        for (size_t i = 0; i < c->n; i++)
                cval_free_kids(&c->kids[i]);
        free(c->kids);
        c->kids = NULL;
        c->n = 0;
}

static int cmp_cval(const struct type *t, const struct cval *x, const struct cval *y) {
        if (x->is_set != y->is_set)
                return x->is_set ? 1 : -1;
        if (!x->is_set)
                return cmp_json(t, x->v, y->v);
        const struct type *et = elem_type(t);
        for (size_t i = 0; i < x->n && i < y->n; i++) {
                int c = cmp_cval(et, &x->kids[i], &y->kids[i]);
                if (c)
                        return c;
        }
        return x->n < y->n ? -1 : x->n > y->n;
}

static int cmp_cval_qsort(const void *a, const void *b, void *arg) {
        return cmp_cval(arg, a, b);
}

/* Canonical form of v as a t with `unordered` multiset levels: -ENOMEM or 0. A value that is
 * not array-shaped where a multiset is due stays a leaf (and will compare unequal). */
static int canon(const struct type *t, const yajl_val v, int unordered, struct cval *ret) {
        *ret = (struct cval){ .v = v };
        yajl_val *vals;
        size_t n;
        if (unordered <= 0 || !t || t->kind != TYPE_ARRAY || !array_view(t, v, &vals, &n))
                return 0;
        ret->is_set = true;
        if (n == 0)
                return 0;
        ret->kids = calloc(n, sizeof *ret->kids);
        if (!ret->kids) {
                ret->is_set = false;
                return -ENOMEM;
        }
        ret->n = n;
        for (size_t i = 0; i < n; i++)
                if (canon(t->elem, vals[i], unordered - 1, &ret->kids[i]) < 0) {
                        ret->n = i + 1;
                        cval_free_kids(ret);
                        ret->is_set = false;
                        return -ENOMEM;
                }
        qsort_r(ret->kids, n, sizeof *ret->kids, cmp_cval_qsort, (void *) t->elem);
        return 0;
}

static int eq_cval(const struct type *t, const struct cval *x, const struct cval *y, double tol) {
        if (x->is_set != y->is_set)
                return 0;
        if (!x->is_set)
                return eq(t, x->v, y->v, 0, tol);
        if (x->n != y->n)
                return 0;
        for (size_t i = 0; i < x->n; i++) {
                int r = eq_cval(t->elem, &x->kids[i], &y->kids[i], tol);
                if (r <= 0)
                        return r;
        }
        return 1;
}

static int eq(const struct type *t, const yajl_val e, const yajl_val a, int unordered, double tol) {
        if (!t)
                return 0;
        if (!is_array_type(t))
                return eq_scalar(t, e, a, tol);

        yajl_val *ev, *av;
        size_t en, an;
        if (!array_view(t, e, &ev, &en) || !array_view(t, a, &av, &an))
                return 0;
        if (en != an)
                return 0;

        if (t->kind == TYPE_ARRAY && unordered > 0) {
                struct cval ce, ca;
                if (canon(t, e, unordered, &ce) < 0)
                        return -ENOMEM;
                if (canon(t, a, unordered, &ca) < 0) {
                        cval_free_kids(&ce);
                        return -ENOMEM;
                }
                int r = eq_cval(t, &ce, &ca, tol);
                cval_free_kids(&ce);
                cval_free_kids(&ca);
                return r;
        }

        const struct type *et = elem_type(t);
        for (size_t i = 0; i < en; i++) {
                if (t->kind == TYPE_TREE_NODE) {
                        bool enull = YAJL_IS_NULL(ev[i]), anull = YAJL_IS_NULL(av[i]);
                        if (enull || anull) {
                                if (enull != anull)
                                        return 0;
                                continue;
                        }
                }
                int r = eq(et, ev[i], av[i], 0, tol);
                if (r <= 0)
                        return r;
        }
        return 1;
}

int compare_answer(const struct type *t, const yajl_val expected, const yajl_val actual, int unordered,
                   double tol) {
        if (!t)
                return -EINVAL;
        int depth = type_depth(t);
        if (unordered > depth)
                unordered = depth;
        if (!(tol >= 0))
                tol = 0;
        return eq(t, expected, actual, unordered, tol);
}

int compare_call_types(const struct problem *p, const struct test_case *c, const struct type ***ret,
                       size_t *ret_n, struct judge_error *err) {
        yajl_val calls = c->calls, exp = c->expected;
        if (!YAJL_IS_ARRAY(calls) || !YAJL_IS_ARRAY(exp) || calls->u.array.len != exp->u.array.len)
                return judge_err(err, -EINVAL, "case %zu: calls and expected do not match", c->index);
        size_t n = calls->u.array.len;
        const struct type **rts = calloc(n ? n : 1, sizeof *rts);
        if (!rts)
                return judge_err(err, -ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++) {
                const char *name = YAJL_GET_STRING(calls->u.array.values[i]);
                const struct method *m = problem_find_method(p, name);
                if (!m) {
                        free(rts);
                        return judge_err(err, -EINVAL, "case %zu: unknown method \"%s\"", c->index,
                                         name ? name : "?");
                }
                rts[i] = m->returns && m->returns->kind != TYPE_VOID ? m->returns : NULL;
        }
        *ret = rts;
        *ret_n = n;
        return 0;
}

int compare_case(const struct problem *p, const struct test_case *c, const yajl_val actual, bool *ret_equal,
                 struct judge_error *err) {
        if (!p || !c || !ret_equal)
                return judge_err(err, -EINVAL, "compare_case: invalid arguments");
        if (!p->sig.is_class) {
                const struct type *t = problem_answer_type(p);
                if (!t)
                        return judge_err(err, -EINVAL, "problem %s has no answer type", p->slug ? p->slug : "?");
                int r = compare_answer(t, c->expected, actual, p->unordered, p->float_tolerance);
                if (r < 0)
                        return judge_err(err, r, "case %zu: the answer could not be compared: %s", c->index,
                                         strerror(-r));
                *ret_equal = r == 1;
                return 0;
        }

        const struct type **rts = NULL;
        size_t n = 0;
        int r = compare_call_types(p, c, &rts, &n, err);
        if (r < 0)
                return r;
        yajl_val exp = c->expected;
        int equal = YAJL_IS_ARRAY(actual) && actual->u.array.len == n;
        for (size_t i = 0; equal == 1 && i < n; i++) {
                if (!rts[i])
                        continue;
                equal = compare_answer(rts[i], exp->u.array.values[i], actual->u.array.values[i],
                                       p->unordered, p->float_tolerance);
        }
        free(rts);
        if (equal < 0)
                return judge_err(err, equal, "case %zu: the answer could not be compared: %s", c->index,
                                 strerror(-equal));
        *ret_equal = equal == 1;
        return 0;
}
