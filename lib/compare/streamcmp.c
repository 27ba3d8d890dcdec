/* Streaming typed answer comparison; see streamcmp.h and compare.h for the rules. */
#define _GNU_SOURCE 1 /* qsort_r */
#include "compare/streamcmp.h"
#include "compare/compare.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SIGN ((uint64_t)1 << 63)

static const struct type int_type = {.kind = TYPE_INT};

static bool is_array_type(const struct type *t) {
        return t && (t->kind == TYPE_ARRAY || t->kind == TYPE_LIST_NODE || t->kind == TYPE_TREE_NODE);
}

static const struct type *elem_type(const struct type *t) {
        if (t->kind == TYPE_ARRAY)
                return t->elem;
        return &int_type; /* ListNode, TreeNode */
}

/* Fixed-size (8-byte key) encodings: numbers, bools, null. */
static bool is_key_type(const struct type *t) {
        return t->kind == TYPE_INT || t->kind == TYPE_LONG || t->kind == TYPE_DOUBLE ||
               t->kind == TYPE_BOOL || t->kind == TYPE_VOID;
}

/* ---- numbers, with type_json_int's and yajl's (type_json_double's) acceptance ---- */

/* Integer syntax (digits, optional '-') within 64 bits: 0, else -EINVAL / -ERANGE. */
static int parse_int(const char *s, size_t n, long long *ret) {
        bool neg = n > 0 && s[0] == '-';
        size_t i = neg;
        if (i >= n)
                return -EINVAL;
        uint64_t v = 0;
        int r = 0;
        for (; i < n; i++) {
                unsigned d = (unsigned)(s[i] - '0');
                if (d > 9)
                        return -EINVAL;
                if (v > (UINT64_MAX - d) / 10)
                        r = -ERANGE; /* keep checking the syntax */
                else
                        v = v * 10 + d;
        }
        if (r < 0)
                return r;
        if (neg ? v > SIGN : v > SIGN - 1)
                return -ERANGE;
        *ret = neg ? (long long)(0 - v) : (long long)v;
        return 0;
}

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The double of a JSON number as yajl's tree gives it (strtod, and only without ERANGE): 0 or
 * -ERANGE. Short decimals take an exact fast path (mantissa < 2^53, power of ten <= 22: one
 * correctly rounded operation, as strtod's). */
static int parse_double(const char *s, size_t n, double *ret) {
        size_t i = 0;
        bool neg = s[0] == '-';
        i += neg;
        uint64_t m = 0;
        int digits = 0, exp10 = 0;
        bool simple = true;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
                if (m || s[i] != '0')
                        digits++;
                m = m * 10 + (uint64_t)(s[i] - '0');
                if (digits > 15)
                        simple = false, digits = 15;
        }
        if (simple && i < n && s[i] == '.')
                for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
                        if (m || s[i] != '0')
                                digits++;
                        m = m * 10 + (uint64_t)(s[i] - '0');
                        exp10--;
                        if (digits > 15)
                                simple = false, digits = 15;
                }
        if (simple && i < n) {
                /* an exponent: short ones only */
                i++;
                bool eneg = false;
                if (i < n && (s[i] == '+' || s[i] == '-'))
                        eneg = s[i++] == '-';
                int e = 0;
                for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
                        if ((e = e * 10 + (s[i] - '0')) > 400)
                                simple = false, e = 400;
                exp10 += eneg ? -e : e;
        }
        if (simple && exp10 >= -22 && exp10 <= 22) {
                double d = (double)m;
                d = exp10 < 0 ? d / pow10_exact[-exp10] : d * pow10_exact[exp10];
                *ret = neg ? -d : d;
                return 0;
        }
        char small[64];
        char *t = n < sizeof small ? small : malloc(n + 1);
        if (!t)
                return -ENOMEM;
        memcpy(t, s, n);
        t[n] = 0;
        errno = 0;
        char *end = NULL;
        double d = strtod(t, &end);
        int r = errno == 0 && end && *end == 0 ? 0 : -ERANGE;
        if (t != small)
                free(t);
        *ret = d;
        return r;
}

static int yajl_int(const yajl_val v, long long *ret) {
        if (!YAJL_IS_NUMBER(v) || !v->u.number.r)
                return -EINVAL;
        const char *r = v->u.number.r;
        if (r[0] >= '0' && r[0] <= '9' && !r[1]) { /* one digit: most of a large answer */
                *ret = r[0] - '0';
                return 0;
        }
        return parse_int(r, strlen(r), ret);
}

static int yajl_double(const yajl_val v, double *ret) {
        if (!YAJL_IS_NUMBER(v) || !v->u.number.r || !(v->u.number.flags & YAJL_NUMBER_DOUBLE_VALID))
                return -ERANGE;
        *ret = v->u.number.d;
        return 0;
}

static bool doubles_equal(double x, double y, double tol) { /* x expected */
        if (x == y)
                return true;
        double d = fabs(y - x);
        return d <= tol || d <= tol * fabs(x);
}

/* ---- the canonical encoding (multiset levels) ---- */

static uint64_t key_of_int(long long v) {
        return (uint64_t)v ^ SIGN;
}

static uint64_t key_of_double(double d) {
        if (d == 0)
                d = 0; /* -0 sorts with 0 */
        uint64_t b;
        memcpy(&b, &d, 8);
        return b & SIGN ? ~b : b | SIGN;
}

static double double_of_key(uint64_t k) {
        uint64_t b = k & SIGN ? k & ~SIGN : ~k;
        double d;
        memcpy(&d, &b, 8);
        return d;
}

static uint64_t load64(const char *p) {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
}

static uint32_t load32(const char *p) {
        uint32_t v;
        memcpy(&v, p, 4);
        return v;
}

/* Bytes of the encoded value of type t at p. */
static size_t enc_size(const struct type *t, const char *p) {
        if (is_key_type(t))
                return 8;
        if (t->kind == TYPE_CHAR || t->kind == TYPE_STRING)
                return 4 + (size_t)load32(p);
        return 8 + (size_t)load32(p + 4);
}

/* compare.c's order (rank, then value), on encodings of type t. */
static int cmp_enc(const struct type *t, const char *a, const char *b) {
        if (is_key_type(t)) {
                uint64_t x = load64(a), y = load64(b);
                return x < y ? -1 : x > y;
        }
        if (t->kind == TYPE_CHAR || t->kind == TYPE_STRING) {
                uint32_t la = load32(a), lb = load32(b);
                int c = memcmp(a + 4, b + 4, la < lb ? la : lb);
                if (c)
                        return c < 0 ? -1 : 1;
                return la < lb ? -1 : la > lb;
        }
        const struct type *et = elem_type(t);
        uint32_t ca = load32(a), cb = load32(b);
        a += 8, b += 8;
        for (uint32_t i = 0; i < ca && i < cb; i++) {
                int c = cmp_enc(et, a, b);
                if (c)
                        return c;
                a += enc_size(et, a);
                b += enc_size(et, b);
        }
        return ca < cb ? -1 : ca > cb;
}

/* Equality with tolerance on canonical encodings, e expected. */
static bool eq_enc(const struct type *t, const char *e, const char *a, double tol) {
        if (t->kind == TYPE_DOUBLE)
                return doubles_equal(double_of_key(load64(e)), double_of_key(load64(a)), tol);
        if (is_key_type(t))
                return load64(e) == load64(a);
        if (t->kind == TYPE_CHAR || t->kind == TYPE_STRING)
                return load32(e) == load32(a) && memcmp(e + 4, a + 4, load32(e)) == 0;
        const struct type *et = elem_type(t);
        uint32_t n = load32(e);
        if (load32(a) != n)
                return false;
        e += 8, a += 8;
        for (uint32_t i = 0; i < n; i++) {
                if (!eq_enc(et, e, a, tol))
                        return false;
                e += enc_size(et, e);
                a += enc_size(et, a);
        }
        return true;
}

/* Scratch memory kept across the sorts of one comparison: fresh pages cost a fault each. */
struct scratch {
        uint64_t *tmp;
        size_t n;
};

/* LSD radix sort of n 8-byte keys, a byte at a time, skipping bytes where all keys agree. */
static int radix_sort(uint64_t *k, size_t n, struct scratch *sc) {
        if (n < 2)
                return 0;
        if (sc->n < n) {
                free(sc->tmp);
                sc->tmp = malloc(n * sizeof *sc->tmp);
                sc->n = sc->tmp ? n : 0;
        }
        size_t(*hist)[256] = calloc(8, sizeof *hist);
        uint64_t *tmp = sc->tmp;
        if (!hist || !tmp) {
                free(hist);
                return -ENOMEM;
        }
        for (size_t i = 0; i < n; i++)
                for (int b = 0; b < 8; b++)
                        hist[b][(k[i] >> (8 * b)) & 0xff]++;
        uint64_t *src = k, *dst = tmp;
        for (int b = 0; b < 8; b++) {
                if (hist[b][(k[0] >> (8 * b)) & 0xff] == n)
                        continue;
                size_t pos[256], sum = 0;
                for (int d = 0; d < 256; d++) {
                        pos[d] = sum;
                        sum += hist[b][d];
                }
                for (size_t i = 0; i < n; i++)
                        dst[pos[(src[i] >> (8 * b)) & 0xff]++] = src[i];
                uint64_t *x = src;
                src = dst;
                dst = x;
        }
        if (src != k)
                memcpy(k, src, n * sizeof *k);
        free(hist);
        return 0;
}

static int cmp_offsets(const void *x, const void *y, void *arg) {
        const void **ctx = arg;
        const char *base = ctx[1];
        return cmp_enc(ctx[0], base + *(const size_t *)x, base + *(const size_t *)y);
}

/* Sort the count elements (type et) of the array region data[from, to) into canonical order. */
static int sort_region(char *data, size_t from, size_t to, const struct type *et, uint32_t count,
                       struct scratch *sc) {
        if (count < 2)
                return 0;
        if (is_key_type(et)) {
                if ((uintptr_t)(data + from) % _Alignof(uint64_t) == 0)
                        return radix_sort((uint64_t *)(void *)(data + from), count, sc); /* in place */
                uint64_t *k = malloc((size_t)count * 8);
                if (!k)
                        return -ENOMEM;
                memcpy(k, data + from, (size_t)count * 8);
                int r = radix_sort(k, count, sc);
                if (r >= 0)
                        memcpy(data + from, k, (size_t)count * 8);
                free(k);
                return r;
        }
        size_t *offs = malloc((size_t)count * sizeof *offs);
        char *tmp = malloc(to - from);
        if (!offs || !tmp) {
                free(offs);
                free(tmp);
                return -ENOMEM;
        }
        size_t o = from;
        for (uint32_t i = 0; i < count; i++) {
                offs[i] = o;
                o += enc_size(et, data + o);
        }
        const void *ctx[2] = {et, data};
        qsort_r(offs, count, sizeof *offs, cmp_offsets, ctx);
        size_t w = 0;
        for (uint32_t i = 0; i < count; i++) {
                size_t sz = enc_size(et, data + offs[i]);
                memcpy(tmp + w, data + offs[i], sz);
                w += sz;
        }
        memcpy(data + from, tmp, w);
        free(offs);
        free(tmp);
        return 0;
}

struct ebuf {
        char *data;
        size_t len, alloc, cap; /* cap: past it the answer cannot be equal */
};

/* Append: 0, 1 when over the cap (unequal), -ENOMEM. */
static int ebuf_put(struct ebuf *b, const void *p, size_t n) {
        if (n > b->cap - b->len)
                return 1;
        if (b->len + n > b->alloc) {
                /* a known cap is taken at once: pages are only touched as they are written,
                 * and growing by copies would move the whole encoding again and again */
                size_t a = b->cap != SIZE_MAX ? b->cap : b->alloc ? b->alloc : 256;
                while (a < b->len + n)
                        a *= 2;
                if (a > b->cap)
                        a = b->cap;
                char *q = realloc(b->data, a);
                if (!q)
                        return -ENOMEM;
                b->data = q;
                b->alloc = a;
        }
        memcpy(b->data + b->len, p, n);
        b->len += n;
        return 0;
}

static int ebuf_key(struct ebuf *b, uint64_t k) {
        return ebuf_put(b, &k, 8);
}

/* Encode the (checked) expected value v of type t, level `level`, the first u levels sets. */
static int encode_tree(const struct type *t, const yajl_val v, int level, int u, struct ebuf *b,
                       struct scratch *sc) {
        long long x;
        double d;
        switch (t->kind) {
        case TYPE_INT:
        case TYPE_LONG:
                if (yajl_int(v, &x) < 0)
                        return -EINVAL;
                return ebuf_key(b, key_of_int(x));
        case TYPE_DOUBLE:
                if (yajl_double(v, &d) < 0)
                        return -EINVAL;
                return ebuf_key(b, key_of_double(d));
        case TYPE_BOOL:
                if (!YAJL_IS_TRUE(v) && !YAJL_IS_FALSE(v))
                        return -EINVAL;
                return ebuf_key(b, YAJL_IS_TRUE(v));
        case TYPE_VOID:
                return ebuf_key(b, 0);
        case TYPE_CHAR:
        case TYPE_STRING: {
                if (!YAJL_IS_STRING(v))
                        return -EINVAL;
                uint32_t n = (uint32_t)strlen(v->u.string);
                int r = ebuf_put(b, &n, 4);
                return r ? r : ebuf_put(b, v->u.string, n);
        }
        default:
                break;
        }
        size_t n = 0;
        if (v && !YAJL_IS_NULL(v)) {
                if (!YAJL_IS_ARRAY(v))
                        return -EINVAL;
                n = v->u.array.len;
                if (t->kind == TYPE_TREE_NODE)
                        while (n > 0 && YAJL_IS_NULL(v->u.array.values[n - 1]))
                                n--;
        }
        size_t start = b->len;
        uint32_t hdr[2] = {(uint32_t)n, 0};
        int r = ebuf_put(b, hdr, 8);
        const struct type *et = elem_type(t);
        for (size_t i = 0; r == 0 && i < n; i++) {
                yajl_val e = v->u.array.values[i];
                if (t->kind == TYPE_TREE_NODE && YAJL_IS_NULL(e))
                        r = ebuf_key(b, 0);
                else
                        r = encode_tree(et, e, level + 1, u, b, sc);
        }
        if (r)
                return r;
        uint32_t bytes = (uint32_t)(b->len - start - 8);
        memcpy(b->data + start + 4, &bytes, 4);
        if (t->kind == TYPE_ARRAY && level < u)
                return sort_region(b->data, start + 8, b->len, et, (uint32_t)n, sc);
        return 0;
}

/* ---- one value ---- */

struct oframe { /* an ordered array being compared in place */
        const struct type *t;
        yajl_val *vals;
        size_t en, idx;
};

struct eframe { /* an array being encoded */
        const struct type *t;
        size_t start;
        uint32_t count;
        size_t nulls; /* TreeNode: nulls not written yet (trailing ones never are) */
};

struct vcmp {
        const struct type *t;
        yajl_val e;
        int u;
        double tol;
        bool started, done, dead;
        int skip; /* open containers inside a part that is no longer compared */
        /* ordered */
        struct oframe *of;
        size_t n_of, max_of;
        const char *estr; /* string being compared, its length, how much matched */
        size_t elen, epos;
        bool str_nul, str_bad;
        /* unordered */
        struct ebuf enc, exp;
        struct scratch sc;
        struct eframe *ef;
        size_t n_ef, max_ef;
        size_t str_at; /* offset of the string being encoded */
};

static void vcmp_clear(struct vcmp *v) {
        free(v->of);
        free(v->ef);
        free(v->enc.data);
        free(v->exp.data);
        free(v->sc.tmp);
        *v = (struct vcmp){0};
}

static int vcmp_init(struct vcmp *v, const struct type *t, const yajl_val e, int u, double tol) {
        *v = (struct vcmp){.t = t, .e = e, .tol = tol >= 0 ? tol : 0};
        if (!t) {
                v->dead = true;
                return 0;
        }
        int depth = type_depth(t);
        v->u = u > depth ? depth : u < 0 ? 0 : u;
        v->max_of = (size_t)depth + 2;
        v->of = calloc(v->max_of, sizeof *v->of);
        if (!v->of)
                return -ENOMEM;
        if (v->u > 0) {
                v->max_ef = (size_t)depth + 2;
                v->ef = calloc(v->max_ef, sizeof *v->ef);
                if (!v->ef)
                        return -ENOMEM;
                v->exp.cap = SIZE_MAX;
                /* -EINVAL: an expected value that does not fit t (problem_load checks them: the
                 * problem set is broken), the judge's error like -ENOMEM, never a verdict */
                int r = encode_tree(t, e, 0, v->u, &v->exp, &v->sc);
                if (r < 0)
                        return r;
                v->enc.cap = v->exp.len;
        }
        return 0;
}

/* The type and expected value at the current position (ordered). ok false: past the end. */
static const struct type *opos(struct vcmp *v, yajl_val *ret_e, bool *ret_in) {
        if (v->n_of == 0) {
                *ret_e = v->e;
                *ret_in = true;
                return v->t;
        }
        struct oframe *f = &v->of[v->n_of - 1];
        *ret_in = f->idx < f->en;
        *ret_e = *ret_in ? f->vals[f->idx] : NULL;
        return elem_type(f->t);
}

/* An element (or the whole value) is complete. */
static void value_end(struct vcmp *v) {
        if (v->u > 0) {
                if (v->n_ef > 0)
                        v->ef[v->n_ef - 1].count++;
                else
                        v->done = true;
                return;
        }
        if (v->n_of > 0)
                v->of[v->n_of - 1].idx++;
        else
                v->done = true;
}

static void mismatch(struct vcmp *v) {
        v->dead = true;
}

/* TreeNode: a null element at the current ordered position. */
static bool tree_null_ok(struct oframe *f) {
        if (f->idx < f->en)
                return YAJL_IS_NULL(f->vals[f->idx]);
        return true; /* a trailing null (a non-null after it is caught then) */
}

/* ---- encoding events ---- */

static const struct type *epos(struct vcmp *v) {
        return v->n_ef ? elem_type(v->ef[v->n_ef - 1].t) : v->t;
}

static bool in_tree(struct vcmp *v) {
        return v->n_ef && v->ef[v->n_ef - 1].t->kind == TYPE_TREE_NODE;
}

/* Write held TreeNode nulls before a non-null element. */
static int flush_nulls(struct vcmp *v) {
        if (!in_tree(v))
                return 0;
        struct eframe *f = &v->ef[v->n_ef - 1];
        for (; f->nulls > 0; f->nulls--) {
                int r = ebuf_key(&v->enc, 0);
                if (r)
                        return r;
                f->count++;
        }
        return 0;
}

/* r from an ebuf operation: over the cap is unequal, not an error. */
static int enc_result(struct vcmp *v, int r) {
        if (r > 0) {
                mismatch(v);
                return 0;
        }
        return r;
}

static int enc_key(struct vcmp *v, uint64_t k) {
        int r = flush_nulls(v);
        if (r == 0)
                r = ebuf_key(&v->enc, k);
        if (r)
                return enc_result(v, r);
        value_end(v);
        return 0;
}

static int enc_open(struct vcmp *v) {
        const struct type *t = epos(v);
        if (!is_array_type(t) || v->n_ef >= v->max_ef) {
                mismatch(v);
                v->skip++;
                return 0;
        }
        int r = flush_nulls(v);
        uint32_t hdr[2] = {0, 0};
        if (r == 0)
                r = ebuf_put(&v->enc, hdr, 8);
        if (r) {
                v->skip++;
                return enc_result(v, r);
        }
        v->ef[v->n_ef++] = (struct eframe){.t = t, .start = v->enc.len - 8};
        return 0;
}

static int enc_close(struct vcmp *v) {
        struct eframe *f = &v->ef[v->n_ef - 1];
        uint32_t hdr[2] = {f->count, (uint32_t)(v->enc.len - f->start - 8)};
        memcpy(v->enc.data + f->start, hdr, 8);
        int level = (int)v->n_ef - 1;
        if (f->t->kind == TYPE_ARRAY && level < v->u) {
                int r = sort_region(v->enc.data, f->start + 8, v->enc.len, elem_type(f->t), f->count, &v->sc);
                if (r < 0)
                        return r;
        }
        v->n_ef--;
        value_end(v);
        return 0;
}

static int enc_scalar(struct vcmp *v, enum jsonlex_scalar kind, const char *text, size_t n) {
        const struct type *t = epos(v);
        long long x;
        double d;
        if (kind == JSONLEX_NULL) {
                if (in_tree(v)) {
                        v->ef[v->n_ef - 1].nulls++;
                        return 0;
                }
                if (is_array_type(t)) { /* null is [] */
                        int r = flush_nulls(v);
                        uint32_t hdr[2] = {0, 0};
                        if (r == 0)
                                r = ebuf_put(&v->enc, hdr, 8);
                        if (r)
                                return enc_result(v, r);
                        value_end(v);
                        return 0;
                }
                if (t->kind == TYPE_VOID)
                        return enc_key(v, 0);
        } else if (kind == JSONLEX_TRUE || kind == JSONLEX_FALSE) {
                if (t->kind == TYPE_BOOL)
                        return enc_key(v, kind == JSONLEX_TRUE);
        } else if (t->kind == TYPE_INT || t->kind == TYPE_LONG) {
                /* an int outside the expected's range can never be equal: the expected value was
                 * checked against the type (32 bits for int; TreeNode's null is key 0) */
                if (parse_int(text, n, &x) == 0 &&
                    (t->kind == TYPE_LONG || (x >= INT32_MIN && x <= INT32_MAX)))
                        return enc_key(v, key_of_int(x));
        } else if (t->kind == TYPE_DOUBLE) {
                int r = parse_double(text, n, &d);
                if (r == -ENOMEM)
                        return r;
                if (r == 0)
                        return enc_key(v, key_of_double(d));
        }
        mismatch(v);
        return 0;
}

/* ---- events ---- */

static int v_open(struct vcmp *v, bool object) {
        v->started = true;
        if (v->dead || object) {
                mismatch(v);
                v->skip++;
                return 0;
        }
        if (v->u > 0)
                return enc_open(v);
        yajl_val e;
        bool in;
        const struct type *t = opos(v, &e, &in);
        if (!in || !is_array_type(t) || v->n_of >= v->max_of) {
                mismatch(v);
                v->skip++;
                return 0;
        }
        if (v->n_of > 0 && v->of[v->n_of - 1].t->kind == TYPE_TREE_NODE) {
                mismatch(v); /* a TreeNode's elements are ints or null */
                v->skip++;
                return 0;
        }
        struct oframe f = {.t = t};
        if (e && !YAJL_IS_NULL(e)) {
                if (!YAJL_IS_ARRAY(e)) {
                        mismatch(v);
                        v->skip++;
                        return 0;
                }
                f.vals = e->u.array.values;
                f.en = e->u.array.len;
                if (t->kind == TYPE_TREE_NODE)
                        while (f.en > 0 && YAJL_IS_NULL(f.vals[f.en - 1]))
                                f.en--;
        }
        v->of[v->n_of++] = f;
        return 0;
}

static int v_close(struct vcmp *v) {
        if (v->skip > 0) {
                if (--v->skip == 0 && v->n_of == 0 && v->n_ef == 0)
                        v->done = true;
                return 0;
        }
        if (v->dead) { /* died inside a frame that is still open */
                if (v->u > 0)
                        v->n_ef--;
                else
                        v->n_of--;
                if (v->n_of == 0 && v->n_ef == 0)
                        v->done = true;
                return 0;
        }
        if (v->u > 0)
                return enc_close(v);
        struct oframe *f = &v->of[v->n_of - 1];
        bool ok = f->t->kind == TYPE_TREE_NODE ? f->idx >= f->en : f->idx == f->en;
        v->n_of--;
        if (!ok)
                mismatch(v);
        value_end(v);
        return 0;
}

static int v_scalar(struct vcmp *v, enum jsonlex_scalar kind, const char *text, size_t n) {
        v->started = true;
        if (v->dead || v->skip) {
                if (!v->skip && v->n_of == 0 && v->n_ef == 0)
                        v->done = true;
                return 0;
        }
        if (v->u > 0) {
                int r = enc_scalar(v, kind, text, n);
                if (v->dead && v->n_ef == 0)
                        v->done = true;
                return r;
        }
        yajl_val e;
        bool in;
        const struct type *t = opos(v, &e, &in);
        struct oframe *f = v->n_of ? &v->of[v->n_of - 1] : NULL;
        bool ok = false;
        if (f && f->t->kind == TYPE_TREE_NODE && kind == JSONLEX_NULL)
                ok = tree_null_ok(f);
        else if (!in)
                ok = false;
        else if (f && f->t->kind == TYPE_TREE_NODE && YAJL_IS_NULL(e))
                ok = false;
        else if (kind == JSONLEX_NULL)
                ok = is_array_type(t) ? (!e || YAJL_IS_NULL(e) || (YAJL_IS_ARRAY(e) && e->u.array.len == 0) ||
                                         (t->kind == TYPE_TREE_NODE && YAJL_IS_ARRAY(e) && ({
                                                  size_t k = e->u.array.len;
                                                  while (k > 0 && YAJL_IS_NULL(e->u.array.values[k - 1]))
                                                          k--;
                                                  k == 0;
                                          })))
                                      : t->kind == TYPE_VOID && (!e || YAJL_IS_NULL(e));
        else if (kind == JSONLEX_TRUE)
                ok = t->kind == TYPE_BOOL && YAJL_IS_TRUE(e);
        else if (kind == JSONLEX_FALSE)
                ok = t->kind == TYPE_BOOL && YAJL_IS_FALSE(e);
        else if (t->kind == TYPE_INT || t->kind == TYPE_LONG) {
                long long x, y;
                ok = parse_int(text, n, &y) == 0 && yajl_int(e, &x) == 0 && x == y;
        } else if (t->kind == TYPE_DOUBLE) {
                double x, y;
                int r = parse_double(text, n, &y);
                if (r == -ENOMEM)
                        return r;
                ok = r == 0 && yajl_double(e, &x) == 0 && doubles_equal(x, y, v->tol);
        }
        if (!ok)
                mismatch(v);
        value_end(v);
        if (v->dead && v->n_of == 0)
                v->done = true;
        return 0;
}

static int v_string_begin(struct vcmp *v) {
        v->started = true;
        v->str_nul = v->str_bad = false;
        v->epos = 0;
        if (v->dead || v->skip)
                return 0;
        if (v->u > 0) {
                const struct type *t = epos(v);
                int r = t->kind == TYPE_CHAR || t->kind == TYPE_STRING ? flush_nulls(v) : 1;
                v->str_at = v->enc.len;
                uint32_t zero = 0;
                if (r == 0)
                        r = ebuf_put(&v->enc, &zero, 4);
                return r ? enc_result(v, r) : 0;
        }
        yajl_val e;
        bool in;
        const struct type *t = opos(v, &e, &in);
        if (!in || (t->kind != TYPE_CHAR && t->kind != TYPE_STRING) || !YAJL_IS_STRING(e)) {
                v->str_bad = true;
                return 0;
        }
        v->estr = e->u.string;
        v->elen = strlen(e->u.string);
        return 0;
}

static int v_string_data(struct vcmp *v, const char *p, size_t n) {
        if (v->dead || v->skip || v->str_nul || v->str_bad)
                return 0;
        /* compare.c compares C strings: nothing after a NUL counts */
        const char *z = memchr(p, 0, n);
        if (z) {
                n = (size_t)(z - p);
                v->str_nul = true;
        }
        if (v->u > 0)
                return enc_result(v, ebuf_put(&v->enc, p, n));
        if (n > v->elen - v->epos || memcmp(v->estr + v->epos, p, n) != 0)
                v->str_bad = true;
        else
                v->epos += n;
        return 0;
}

static int v_string_end(struct vcmp *v) {
        if (v->dead || v->skip) {
                if (!v->skip && v->n_of == 0 && v->n_ef == 0)
                        v->done = true;
                return 0;
        }
        if (v->u > 0) {
                uint32_t len = (uint32_t)(v->enc.len - v->str_at - 4);
                memcpy(v->enc.data + v->str_at, &len, 4);
                value_end(v);
                return 0;
        }
        if (v->str_bad || v->epos != v->elen)
                mismatch(v);
        value_end(v);
        if (v->dead && v->n_of == 0)
                v->done = true;
        return 0;
}

static bool v_equal(const struct vcmp *v) {
        if (v->dead || !v->done)
                return false;
        if (v->u > 0)
                return v->enc.len == v->exp.len && eq_enc(v->t, v->exp.data, v->enc.data, v->tol);
        return true;
}

/* ---- a whole answer: one value, or a class problem's per-call array ---- */

struct streamcmp {
        struct vcmp v;
        bool is_class;
        const struct type **rt; /* per call: the type compared, NULL for constructor/void */
        yajl_val *exp;
        size_t n_calls, call;
        int unordered;
        double tol;
        int depth; /* class: nesting depth in the answer */
        bool in_call, started, done, dead;
};

struct streamcmp *streamcmp_free(struct streamcmp *s) {
        if (!s)
                return NULL;
        vcmp_clear(&s->v);
        free(s->rt);
        free(s);
        return NULL;
}

/* streamcmp_new with the reason of a failure: -ENOMEM, -EINVAL (expected does not fit t). */
static int streamcmp_make(const struct type *t, const yajl_val expected, int unordered, double tol,
                          struct streamcmp **ret) {
        _cleanup_(streamcmp_freep) struct streamcmp *s = calloc(1, sizeof *s);
        if (!s)
                return -ENOMEM;
        int r = vcmp_init(&s->v, t, expected, unordered, tol);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(s);
        return 0;
}

struct streamcmp *streamcmp_new(const struct type *t, const yajl_val expected, int unordered, double tol) {
        struct streamcmp *s = NULL;
        return streamcmp_make(t, expected, unordered, tol, &s) < 0 ? NULL : s;
}

int streamcmp_new_case(const struct problem *p, const struct test_case *c, struct streamcmp **ret,
                       struct judge_error *err) {
        if (!p || !c || !ret)
                return judge_err(err, -EINVAL, "streamcmp_new_case: invalid arguments");
        if (!p->sig.is_class) {
                const struct type *t = problem_answer_type(p);
                if (!t)
                        return judge_err(err, -EINVAL, "problem %s has no answer type",
                                         p->slug ? p->slug : "?");
                int r = streamcmp_make(t, c->expected, p->unordered, p->float_tolerance, ret);
                if (r == -EINVAL)
                        return judge_err(err, r, "case %zu: the expected value does not fit the answer's type",
                                         c->index);
                return r < 0 ? judge_err(err, r, "out of memory") : 0;
        }
        _cleanup_(streamcmp_freep) struct streamcmp *s = calloc(1, sizeof *s);
        if (!s)
                return judge_err(err, -ENOMEM, "out of memory");
        size_t n = 0;
        int r = compare_call_types(p, c, &s->rt, &n, err);
        if (r < 0)
                return r;
        s->is_class = true;
        s->exp = c->expected->u.array.values;
        s->n_calls = n;
        s->unordered = p->unordered;
        s->tol = p->float_tolerance;
        *ret = TAKE_PTR(s);
        return 0;
}

/* Class problems: before an event at depth 1 (a call's entry starts), set up its comparator. */
static int call_begin(struct streamcmp *s) {
        if (s->in_call)
                return 0;
        if (s->call >= s->n_calls)
                s->dead = true;
        vcmp_clear(&s->v);
        s->in_call = true;
        const struct type *t = !s->dead ? s->rt[s->call] : NULL;
        int r = vcmp_init(&s->v, t, !s->dead ? s->exp[s->call] : NULL, s->unordered, s->tol);
        if (!t)
                s->v.dead = true; /* not compared (or past the end): only walked */
        return r;
}

static void call_end(struct streamcmp *s) {
        if (!s->in_call || !s->v.done)
                return;
        if (s->rt && s->call < s->n_calls && s->rt[s->call] && !v_equal(&s->v))
                s->dead = true;
        s->in_call = false;
        s->call++;
}

int streamcmp_open(struct streamcmp *s, bool object) {
        s->started = true;
        if (!s->is_class)
                return v_open(&s->v, object);
        int r = 0;
        if (s->depth == 0) {
                if (object)
                        s->dead = true;
        } else if (s->depth == 1)
                r = call_begin(s);
        s->depth++;
        if (r == 0 && s->depth > 1)
                r = v_open(&s->v, object);
        return r;
}

int streamcmp_close(struct streamcmp *s, bool object) {
        (void)object;
        if (!s->is_class)
                return v_close(&s->v);
        s->depth--;
        if (s->depth == 0) {
                if (s->call != s->n_calls)
                        s->dead = true;
                s->done = true;
                return 0;
        }
        int r = v_close(&s->v);
        if (s->depth == 1)
                call_end(s);
        return r;
}

int streamcmp_scalar(struct streamcmp *s, enum jsonlex_scalar kind, const char *text, size_t n) {
        s->started = true;
        if (!s->is_class)
                return v_scalar(&s->v, kind, text, n);
        if (s->depth == 0) {
                s->dead = true;
                s->done = true;
                return 0;
        }
        int r = s->depth == 1 ? call_begin(s) : 0;
        if (r == 0)
                r = v_scalar(&s->v, kind, text, n);
        if (s->depth == 1)
                call_end(s);
        return r;
}

int streamcmp_string_begin(struct streamcmp *s) {
        s->started = true;
        if (!s->is_class)
                return v_string_begin(&s->v);
        if (s->depth == 0) {
                s->dead = true;
                return 0;
        }
        int r = s->depth == 1 ? call_begin(s) : 0;
        return r ? r : v_string_begin(&s->v);
}

int streamcmp_string_data(struct streamcmp *s, const char *p, size_t n) {
        if (s->is_class && s->depth == 0)
                return 0;
        return v_string_data(&s->v, p, n);
}

int streamcmp_string_end(struct streamcmp *s) {
        if (!s->is_class)
                return v_string_end(&s->v);
        if (s->depth == 0) {
                s->done = true;
                return 0;
        }
        int r = v_string_end(&s->v);
        if (s->depth == 1)
                call_end(s);
        return r;
}

bool streamcmp_done(const struct streamcmp *s) {
        return s->is_class ? s->done : s->v.done;
}

int streamcmp_equal(const struct streamcmp *s) {
        if (!streamcmp_done(s))
                return -EINVAL;
        if (s->is_class)
                return !s->dead;
        return v_equal(&s->v);
}

static int op_open(void *u, bool o) {
        return streamcmp_open(u, o);
}
static int op_close(void *u, bool o) {
        return streamcmp_close(u, o);
}
static int op_scalar(void *u, enum jsonlex_scalar k, const char *t, size_t n) {
        return streamcmp_scalar(u, k, t, n);
}
static int op_sbegin(void *u) {
        return streamcmp_string_begin(u);
}
static int op_sdata(void *u, const char *p, size_t n) {
        return streamcmp_string_data(u, p, n);
}
static int op_send(void *u) {
        return streamcmp_string_end(u);
}
/* Objects inside an answer are walked (and make it unequal); their keys are not looked at. */
const struct jsonlex_ops streamcmp_ops = {
        .open = op_open,
        .close = op_close,
        .scalar = op_scalar,
        .string_begin = op_sbegin,
        .string_data = op_sdata,
        .string_end = op_send,
};

int streamcmp_text(const struct type *t, const yajl_val expected, int unordered, double tol, const char *text,
                   size_t n, bool *ret_equal) {
        _cleanup_(streamcmp_freep) struct streamcmp *s = NULL;
        int r = streamcmp_make(t, expected, unordered, tol, &s);
        if (r < 0)
                return r;
        struct jsonlex x;
        jsonlex_init(&x, &streamcmp_ops, s, n + 1);
        size_t used = 0;
        r = jsonlex_feed(&x, text, n, &used);
        if (r == 0)
                r = jsonlex_end(&x);
        jsonlex_free(&x);
        if (r < 0)
                return r;
        for (size_t i = used; i < n; i++)
                if (!strchr(" \t\r\n", text[i]) || !text[i])
                        return -EBADMSG;
        if (!jsonlex_done(&x) || !streamcmp_done(s))
                return -EBADMSG;
        *ret_equal = streamcmp_equal(s) == 1;
        return 0;
}
