/* json_tree_parse: see jsontree.h. */
#include "base/jsontree.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* One open container: the value, its capacity, and for an object the key waiting for its value. */
struct frame {
        yajl_val v;
        size_t cap;
        char *key;
};

struct builder {
        struct frame *stack;
        size_t depth, stack_cap;
        yajl_val root;
        bool oom;
};

static yajl_val value_new(yajl_type t) {
        yajl_val v = calloc(1, sizeof *v);
        if (v)
                v->type = t;
        return v;
}

/* Attach v to the innermost open container (or make it the root). Takes v in every case. */
static int attach(struct builder *b, yajl_val v) {
        if (!v) {
                b->oom = true;
                return 0;
        }
        if (b->depth == 0) {
                if (b->root)
                        yajl_tree_free(b->root);
                b->root = v;
                return 1;
        }
        struct frame *f = &b->stack[b->depth - 1];
        if (YAJL_IS_ARRAY(f->v)) {
                if (f->v->u.array.len == f->cap) {
                        size_t nc = f->cap ? f->cap * 2 : 8;
                        yajl_val *nv = realloc(f->v->u.array.values, nc * sizeof *nv);
                        if (!nv) {
                                yajl_tree_free(v);
                                b->oom = true;
                                return 0;
                        }
                        f->v->u.array.values = nv;
                        f->cap = nc;
                }
                f->v->u.array.values[f->v->u.array.len++] = v;
                return 1;
        }
        /* an object: the key came first */
        if (!f->key) {
                yajl_tree_free(v);
                return 0;
        }
        if (f->v->u.object.len == f->cap) {
                size_t nc = f->cap ? f->cap * 2 : 8;
                const char **nk = realloc((void *) f->v->u.object.keys, nc * sizeof *nk);
                if (nk)
                        f->v->u.object.keys = nk;
                yajl_val *nv = nk ? realloc(f->v->u.object.values, nc * sizeof *nv) : NULL;
                if (!nv) {
                        yajl_tree_free(v);
                        b->oom = true;
                        return 0;
                }
                f->v->u.object.values = nv;
                f->cap = nc;
        }
        f->v->u.object.keys[f->v->u.object.len] = f->key;
        f->v->u.object.values[f->v->u.object.len++] = v;
        f->key = NULL;
        return 1;
}

static int push(struct builder *b, yajl_type t) {
        if (b->depth == b->stack_cap) {
                size_t nc = b->stack_cap ? b->stack_cap * 2 : 16;
                struct frame *ns = realloc(b->stack, nc * sizeof *ns);
                if (!ns) {
                        b->oom = true;
                        return 0;
                }
                b->stack = ns;
                b->stack_cap = nc;
        }
        yajl_val v = value_new(t);
        if (!v) {
                b->oom = true;
                return 0;
        }
        b->stack[b->depth++] = (struct frame){ .v = v };
        return 1;
}

static int pop(struct builder *b) {
        if (b->depth == 0)
                return 0;
        struct frame f = b->stack[--b->depth];
        free(f.key);
        return attach(b, f.v);
}

static int on_null(void *ctx) {
        return attach(ctx, value_new(yajl_t_null));
}

static int on_bool(void *ctx, int boolean) {
        return attach(ctx, value_new(boolean ? yajl_t_true : yajl_t_false));
}

/* Integer syntax and in range of long long, as yajl_tree_parse decides INT_VALID. */
static bool parse_ll(const char *s, size_t n, long long *ret) {
        size_t i = 0;
        bool neg = false;
        if (i < n && (s[i] == '-' || s[i] == '+'))
                neg = s[i++] == '-';
        if (i == n)
                return false;
        /* yajl takes the magnitude up to LLONG_MAX for either sign (so not LLONG_MIN): the same. */
        unsigned long long v = 0, lim = (unsigned long long) LLONG_MAX;
        for (; i < n; i++) {
                if (s[i] < '0' || s[i] > '9')
                        return false;
                unsigned d = (unsigned) (s[i] - '0');
                if (v > (lim - d) / 10)
                        return false;
                v = v * 10 + d;
        }
        *ret = neg ? -(long long) v : (long long) v;
        return true;
}

static int on_number(void *ctx, const char *s, size_t n) {
        yajl_val v = value_new(yajl_t_number);
        char *raw = v ? malloc(n + 1) : NULL;
        if (!raw) {
                free(v);
                return attach(ctx, NULL);
        }
        memcpy(raw, s, n);
        raw[n] = 0;
        v->u.number.r = raw;
        if (parse_ll(raw, n, &v->u.number.i))
                v->u.number.flags |= YAJL_NUMBER_INT_VALID;
        char *end = NULL;
        errno = 0;
        v->u.number.d = strtod(raw, &end);
        if (errno == 0 && end && *end == 0)
                v->u.number.flags |= YAJL_NUMBER_DOUBLE_VALID;
        return attach(ctx, v);
}

static char *dup_n(const unsigned char *s, size_t n) {
        char *p = malloc(n + 1);
        if (p) {
                memcpy(p, s, n);
                p[n] = 0;
        }
        return p;
}

static int on_string(void *ctx, const unsigned char *s, size_t n) {
        yajl_val v = value_new(yajl_t_string);
        if (v && !(v->u.string = dup_n(s, n))) {
                free(v);
                v = NULL;
        }
        return attach(ctx, v);
}

static int on_start_map(void *ctx) {
        return push(ctx, yajl_t_object);
}

static int on_map_key(void *ctx, const unsigned char *s, size_t n) {
        struct builder *b = ctx;
        struct frame *f = &b->stack[b->depth - 1];
        free(f->key);
        if (!(f->key = dup_n(s, n))) {
                b->oom = true;
                return 0;
        }
        return 1;
}

static int on_start_array(void *ctx) {
        return push(ctx, yajl_t_array);
}

static int on_end(void *ctx) {
        return pop(ctx);
}

static const yajl_callbacks callbacks = {
        .yajl_null = on_null,
        .yajl_boolean = on_bool,
        .yajl_number = on_number,
        .yajl_string = on_string,
        .yajl_start_map = on_start_map,
        .yajl_map_key = on_map_key,
        .yajl_end_map = on_end,
        .yajl_start_array = on_start_array,
        .yajl_end_array = on_end,
};

yajl_val json_tree_parse(const char *text, size_t len, char *errbuf, size_t errbuf_size) {
        struct builder b = { 0 };
        yajl_handle h = yajl_alloc(&callbacks, NULL, &b);
        if (!h) {
                if (errbuf_size)
                        snprintf(errbuf, errbuf_size, "out of memory");
                return NULL;
        }
        (void) yajl_config(h, yajl_allow_comments, 1);
        yajl_status st = yajl_parse(h, (const unsigned char *) text, len);
        if (st == yajl_status_ok)
                st = yajl_complete_parse(h);
        if (st != yajl_status_ok || b.oom) {
                if (errbuf_size) {
                        if (b.oom)
                                snprintf(errbuf, errbuf_size, "out of memory");
                        else {
                                unsigned char *m = yajl_get_error(h, 1, (const unsigned char *) text, len);
                                snprintf(errbuf, errbuf_size, "%s", m ? (const char *) m : "parse error");
                                yajl_free_error(h, m);
                        }
                }
                while (b.depth > 0) { /* free what is still open, innermost first */
                        struct frame f = b.stack[--b.depth];
                        free(f.key);
                        yajl_tree_free(f.v);
                }
                free(b.stack);
                yajl_tree_free(b.root);
                yajl_free(h);
                return NULL;
        }
        free(b.stack);
        yajl_free(h);
        return b.root;
}
