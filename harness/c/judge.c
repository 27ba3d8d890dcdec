/* The compiled part of the C harness (see judge.h): allocation tracking, JSON parsing and
 * writing, the answer channel, the per-case drivers. Built once per image into judge.o. Every
 * name it exports starts with judge_ (or is one of malloc's), so it cannot clash with the
 * user's functions. */
#define _GNU_SOURCE
#include "judge.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>

#define MESSAGE_CAP 8192
#define TRACK_MAX ((size_t)1 << 20) /* user allocations remembered per case */

/* ---- allocation tracking ------------------------------------------------------------------- */

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

/* Under AddressSanitizer (images/c/lang.json compiles the user's code with -fsanitize=address
 * and this file with -DJUDGE_ASAN) the blocks the user can see, free or return (inputs, and
 * whatever free_owned() frees) come from ASan's allocator, which owns malloc; the harness's
 * private buffers stay on glibc's. The allocation tracking then comes from ASan's malloc and
 * free hooks instead of wrappers of its own (an executable's malloc would hide ASan's). */
#if defined(JUDGE_ASAN) || defined(__SANITIZE_ADDRESS__)
#define JUDGE_WITH_ASAN 1
void __sanitizer_install_malloc_and_free_hooks(void (*on_malloc)(const volatile void *, size_t),
                                               void (*on_free)(const volatile void *));
#define user_block_malloc malloc
#define user_block_free free
#else
#define user_block_malloc __libc_malloc
#define user_block_free __libc_free
#endif

/* Open addressing with linear probing over pointer values; 0 is an empty slot. */
struct ptr_set {
        uintptr_t *tab;
        size_t cap, n;
};

static size_t ptr_hash(uintptr_t p, size_t cap) {
        /* Blocks are 16-aligned and often equally spaced: mix every bit into the low ones. */
        uint64_t x = (uint64_t)p;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdull;
        x ^= x >> 33;
        return (size_t)x & (cap - 1);
}

static bool ptr_set_has(const struct ptr_set *s, uintptr_t p) {
        if (!s->n)
                return false;
        for (size_t i = ptr_hash(p, s->cap);; i = (i + 1) & (s->cap - 1)) {
                if (s->tab[i] == p)
                        return true;
                if (!s->tab[i])
                        return false;
        }
}

/* Returns false when out of memory (the pointer is then not remembered). */
static bool ptr_set_add(struct ptr_set *s, uintptr_t p) {
        if ((s->n + 1) * 2 > s->cap) {
                size_t cap = s->cap ? s->cap * 2 : 1024;
                uintptr_t *tab = __libc_calloc(cap, sizeof *tab);
                if (!tab)
                        return false;
                for (size_t i = 0; i < s->cap; i++) {
                        if (!s->tab[i])
                                continue;
                        size_t k = ptr_hash(s->tab[i], cap);
                        while (tab[k])
                                k = (k + 1) & (cap - 1);
                        tab[k] = s->tab[i];
                }
                __libc_free(s->tab);
                s->tab = tab;
                s->cap = cap;
        }
        size_t i = ptr_hash(p, s->cap);
        while (s->tab[i] && s->tab[i] != p)
                i = (i + 1) & (s->cap - 1);
        if (!s->tab[i]) {
                s->tab[i] = p;
                s->n++;
        }
        return true;
}

static bool ptr_set_del(struct ptr_set *s, uintptr_t p) {
        if (!s->n)
                return false;
        size_t i = ptr_hash(p, s->cap);
        while (s->tab[i] != p) {
                if (!s->tab[i])
                        return false;
                i = (i + 1) & (s->cap - 1);
        }
        /* Backward-shift deletion keeps every probe chain unbroken. */
        size_t j = i;
        for (;;) {
                j = (j + 1) & (s->cap - 1);
                if (!s->tab[j])
                        break;
                size_t k = ptr_hash(s->tab[j], s->cap);
                if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
                        s->tab[i] = s->tab[j];
                        i = j;
                }
        }
        s->tab[i] = 0;
        s->n--;
        return true;
}

static void ptr_set_clear(struct ptr_set *s) {
        if (s->n)
                memset(s->tab, 0, s->cap * sizeof *s->tab);
        s->n = 0;
}

static struct ptr_set live; /* inputs, and blocks the user allocated in this case's calls */
static bool tracking;       /* inside a user call */
static size_t tracked;      /* user blocks remembered in this case */
static char live_lock;

static void lock(void) {
        while (__atomic_test_and_set(&live_lock, __ATOMIC_ACQUIRE))
                ;
}
static void unlock(void) {
        __atomic_clear(&live_lock, __ATOMIC_RELEASE);
}

static void track(void *p) {
        if (!p || !tracking)
                return;
        lock();
        if (tracked < TRACK_MAX && ptr_set_add(&live, (uintptr_t)p))
                tracked++;
        unlock();
}

static void untrack(void *p) {
        if (!p || !live.n)
                return;
        lock();
        ptr_set_del(&live, (uintptr_t)p);
        unlock();
}

#ifdef JUDGE_WITH_ASAN
static void on_malloc(const volatile void *p, size_t n) {
        (void)n;
        track((void *)p);
}

static void on_free(const volatile void *p) {
        untrack((void *)p);
}

__attribute__((constructor)) static void install_hooks(void) {
        __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}
#else
void *malloc(size_t n) {
        void *p = __libc_malloc(n);
        track(p);
        return p;
}

void *calloc(size_t n, size_t size) {
        void *p = __libc_calloc(n, size);
        track(p);
        return p;
}

void *realloc(void *p, size_t n) {
        bool was = false;
        if (p && live.n) {
                lock();
                was = ptr_set_del(&live, (uintptr_t)p);
                unlock();
        }
        void *q = __libc_realloc(p, n);
        if (!q && p && n) { /* failed: p is still live */
                if (was) {
                        lock();
                        ptr_set_add(&live, (uintptr_t)p);
                        unlock();
                }
                return NULL;
        }
        if (q && (was || tracking)) {
                lock();
                ptr_set_add(&live, (uintptr_t)q);
                unlock();
        }
        return q;
}

void *reallocarray(void *p, size_t n, size_t size) {
        size_t total;
        if (__builtin_mul_overflow(n, size, &total)) {
                errno = ENOMEM;
                return NULL;
        }
        return realloc(p, total);
}

void free(void *p) {
        if (!p)
                return;
        untrack(p);
        __libc_free(p);
}
#endif

/* What to free at the end of the case (if still live then). */
static void **owned;
static size_t n_owned, cap_owned;

static void own(void *p) {
        if (!p)
                return;
        if (n_owned == cap_owned) {
                size_t cap = cap_owned ? cap_owned * 2 : 256;
                void **o = __libc_realloc(owned, cap * sizeof *o);
                if (!o)
                        return; /* leaks, harmlessly */
                owned = o;
                cap_owned = cap;
        }
        owned[n_owned++] = p;
}

/* An input block: live, and freed at the end of the case unless the user freed it. */
static void *own_input(void *p) {
        lock();
        ptr_set_add(&live, (uintptr_t)p);
        unlock();
        own(p);
        return p;
}

static void free_owned(void) {
        for (size_t i = 0; i < n_owned; i++) {
                lock();
                bool is_live = ptr_set_del(&live, (uintptr_t)owned[i]);
                unlock();
                if (is_live)
                        user_block_free(owned[i]);
        }
        n_owned = 0;
        lock();
        ptr_set_clear(&live);
        unlock();
        tracked = 0;
}

/* ---- the channel and failing --------------------------------------------------------------- */

static int channel_fd = -1;
static pid_t harness_pid;

static void send_raw(const char *s, size_t n) {
        /* A child the user's code forked returned into the harness: it must not answer. */
        if (getpid() != harness_pid)
                _exit(0);
        while (n > 0) {
                ssize_t w = write(channel_fd, s, n);
                if (w < 0) {
                        if (errno == EINTR)
                                continue;
                        _exit(3);
                }
                s += w;
                n -= (size_t)w;
        }
}

/* A growable text; out of memory ends the harness (the runner reports it). */
struct judge_out {
        char *data;
        size_t len, cap;
};

static void out_reserve(struct judge_out *o, size_t more) {
        if (o->len + more + 1 <= o->cap)
                return;
        size_t cap = o->cap ? o->cap : 256;
        while (cap < o->len + more + 1)
                cap *= 2;
        char *d = __libc_realloc(o->data, cap);
        if (!d) {
                fputs("harness: out of memory while encoding the answer\n", stderr);
                _exit(4);
        }
        o->data = d;
        o->cap = cap;
}

static void out_add(struct judge_out *o, const char *s, size_t n) {
        out_reserve(o, n);
        memcpy(o->data + o->len, s, n);
        o->len += n;
        o->data[o->len] = 0;
}

static void out_puts(struct judge_out *o, const char *s) {
        out_add(o, s, strlen(s));
}

static void out_printf(struct judge_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out_printf(struct judge_out *o, const char *fmt, ...) {
        char tmp[128];
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
        va_end(ap);
        out_add(o, tmp, n < 0 ? 0 : (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* s[0..n) as a JSON string literal; invalid UTF-8 becomes U+FFFD. */
static void out_json_string(struct judge_out *o, const char *s, size_t n) {
        static const char hex[] = "0123456789abcdef";
        out_add(o, "\"", 1);
        for (size_t i = 0; i < n;) {
                unsigned char c = (unsigned char)s[i];
                if (c == '"' || c == '\\') {
                        char e[2] = {'\\', (char)c};
                        out_add(o, e, 2);
                        i++;
                } else if (c < 0x20 || c == 0x7F) {
                        char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                        out_add(o, e, 6);
                        i++;
                } else if (c < 0x80) {
                        out_add(o, s + i, 1);
                        i++;
                } else {
                        size_t len = c >= 0xF0 && c <= 0xF4  ? 4
                                     : c >= 0xE0             ? 3
                                     : c >= 0xC2 && c < 0xE0 ? 2
                                                             : 0;
                        bool ok = len > 0 && i + len <= n;
                        for (size_t k = 1; ok && k < len; k++)
                                ok = ((unsigned char)s[i + k] & 0xC0) == 0x80;
                        if (ok && len == 3) {
                                unsigned char c1 = (unsigned char)s[i + 1];
                                ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
                        }
                        if (ok && len == 4) {
                                unsigned char c1 = (unsigned char)s[i + 1];
                                ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
                        }
                        if (ok) {
                                out_add(o, s + i, len);
                                i += len;
                        } else {
                                out_puts(o, "\\ufffd");
                                i++;
                        }
                }
        }
        out_add(o, "\"", 1);
}

static void send_message(char kind, const char *head, const char *msg) {
        struct judge_out o = {0};
        out_printf(&o, "%c %s", kind, head);
        size_t n = strlen(msg);
        out_json_string(&o, msg, n < MESSAGE_CAP ? n : MESSAGE_CAP);
        out_add(&o, "\n", 1);
        send_raw(o.data, o.len);
        __libc_free(o.data);
}

/* The job is not what the harness expects: X line, exit 2. */
static void bad_job(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void bad_job(const char *fmt, ...) {
        char msg[512];
        int n = snprintf(msg, sizeof msg, "bad job: ");
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
        va_end(ap);
        fflush(NULL);
        send_message('X', "", msg);
        _exit(2);
}

/* The user's answer cannot be encoded: an E line for the current case (see the drivers). */
static jmp_buf case_jmp;
static char case_error[512];

static void user_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void user_error(const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(case_error, sizeof case_error, fmt, ap);
        va_end(ap);
        longjmp(case_jmp, 1);
}

/* ---- JSON ---------------------------------------------------------------------------------- */

enum json_kind { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };

struct judge_json {
        enum json_kind kind;
        size_t n;                 /* string length, number text length, items */
        char *s;                  /* string (decoded in place, NUL-terminated); number text */
        struct judge_json *items; /* array and object values */
        char **keys;              /* object keys */
        bool b;
};

struct parser {
        char *p, *end;
};

static void json_fail(const char *what) __attribute__((noreturn));
static void json_fail(const char *what) {
        bad_job("job: %s", what);
}

static void ws(struct parser *ps) {
        while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
                ps->p++;
}

static unsigned hex4(struct parser *ps) {
        if (ps->end - ps->p < 4)
                json_fail("bad \\u escape");
        unsigned v = 0;
        for (int i = 0; i < 4; i++) {
                char c = *ps->p++;
                v <<= 4;
                if (c >= '0' && c <= '9')
                        v |= (unsigned)(c - '0');
                else if (c >= 'a' && c <= 'f')
                        v |= (unsigned)(c - 'a' + 10);
                else if (c >= 'A' && c <= 'F')
                        v |= (unsigned)(c - 'A' + 10);
                else
                        json_fail("bad \\u escape");
        }
        return v;
}

/* Decode the string at ps->p (an opening quote) in place: the text only shrinks. */
static char *parse_string(struct parser *ps, size_t *ret_len) {
        char *start = ++ps->p, *w = start;
        for (;;) {
                if (ps->p >= ps->end)
                        json_fail("unterminated string");
                char c = *ps->p++;
                if (c == '"')
                        break;
                if ((unsigned char)c < 0x20)
                        json_fail("control character in a string");
                if (c != '\\') {
                        *w++ = c;
                        continue;
                }
                if (ps->p >= ps->end)
                        json_fail("unterminated string");
                c = *ps->p++;
                switch (c) {
                case '"':
                case '\\':
                case '/':
                        *w++ = c;
                        break;
                case 'b':
                        *w++ = '\b';
                        break;
                case 'f':
                        *w++ = '\f';
                        break;
                case 'n':
                        *w++ = '\n';
                        break;
                case 'r':
                        *w++ = '\r';
                        break;
                case 't':
                        *w++ = '\t';
                        break;
                case 'u': {
                        unsigned cp = hex4(ps);
                        if (cp >= 0xD800 && cp < 0xDC00 && ps->end - ps->p >= 6 && ps->p[0] == '\\' &&
                            ps->p[1] == 'u') {
                                char *save = ps->p;
                                ps->p += 2;
                                unsigned lo = hex4(ps);
                                if (lo >= 0xDC00 && lo < 0xE000)
                                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                else
                                        ps->p = save;
                        }
                        if (cp >= 0xD800 && cp < 0xE000)
                                cp = 0xFFFD;
                        if (cp < 0x80) {
                                *w++ = (char)cp;
                        } else if (cp < 0x800) {
                                *w++ = (char)(0xC0 | (cp >> 6));
                                *w++ = (char)(0x80 | (cp & 0x3F));
                        } else if (cp < 0x10000) {
                                *w++ = (char)(0xE0 | (cp >> 12));
                                *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                                *w++ = (char)(0x80 | (cp & 0x3F));
                        } else {
                                *w++ = (char)(0xF0 | (cp >> 18));
                                *w++ = (char)(0x80 | ((cp >> 12) & 0x3F));
                                *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                                *w++ = (char)(0x80 | (cp & 0x3F));
                        }
                        break;
                }
                default:
                        json_fail("bad escape");
                }
        }
        *ret_len = (size_t)(w - start);
        *w = 0; /* at or before the closing quote, which was read already */
        return start;
}

static bool lit(struct parser *ps, const char *word) {
        size_t n = strlen(word);
        if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, word, n) == 0) {
                ps->p += n;
                return true;
        }
        return false;
}

static void parse_value(struct parser *ps, struct judge_json *v, int depth) {
        memset(v, 0, sizeof *v);
        if (depth > 512)
                json_fail("nested too deeply");
        ws(ps);
        if (ps->p >= ps->end)
                json_fail("unexpected end");
        char c = *ps->p;
        if (c == '[' || c == '{') {
                bool obj = c == '{';
                char close = obj ? '}' : ']';
                size_t cap = 0;
                v->kind = obj ? J_OBJECT : J_ARRAY;
                ps->p++;
                ws(ps);
                if (ps->p < ps->end && *ps->p == close) {
                        ps->p++;
                        return;
                }
                for (;;) {
                        if (v->n == cap) {
                                cap = cap ? cap * 2 : 4;
                                v->items = __libc_realloc(v->items, cap * sizeof *v->items);
                                if (obj)
                                        v->keys = __libc_realloc(v->keys, cap * sizeof *v->keys);
                                if (!v->items || (obj && !v->keys))
                                        json_fail("out of memory");
                        }
                        if (obj) {
                                size_t klen;
                                ws(ps);
                                if (ps->p >= ps->end || *ps->p != '"')
                                        json_fail("expected a key");
                                v->keys[v->n] = parse_string(ps, &klen);
                                ws(ps);
                                if (ps->p >= ps->end || *ps->p++ != ':')
                                        json_fail("expected ':'");
                        }
                        parse_value(ps, &v->items[v->n], depth + 1);
                        v->n++;
                        ws(ps);
                        if (ps->p < ps->end && *ps->p == ',') {
                                ps->p++;
                                continue;
                        }
                        if (ps->p < ps->end && *ps->p == close) {
                                ps->p++;
                                return;
                        }
                        json_fail(obj ? "expected ',' or '}'" : "expected ',' or ']'");
                }
        }
        if (c == '"') {
                v->kind = J_STRING;
                v->s = parse_string(ps, &v->n);
                return;
        }
        if (lit(ps, "true")) {
                v->kind = J_BOOL;
                v->b = true;
                return;
        }
        if (lit(ps, "false")) {
                v->kind = J_BOOL;
                return;
        }
        if (lit(ps, "null"))
                return;
        char *start = ps->p;
        while (ps->p < ps->end && ((*ps->p >= '0' && *ps->p <= '9') || *ps->p == '-' || *ps->p == '+' ||
                                   *ps->p == '.' || *ps->p == 'e' || *ps->p == 'E'))
                ps->p++;
        if (ps->p == start || ps->p - start > 64)
                json_fail("unexpected character");
        v->kind = J_NUMBER;
        v->s = start;
        v->n = (size_t)(ps->p - start);
}

static const struct judge_json *json_get(const struct judge_json *v, const char *key) {
        if (!v || v->kind != J_OBJECT)
                return NULL;
        for (size_t i = 0; i < v->n; i++)
                if (strcmp(v->keys[i], key) == 0)
                        return &v->items[i];
        return NULL;
}

/* ---- decoding ---------------------------------------------------------------------------- */

void *judge_args_alloc(const struct judge_json *args, size_t n_args, size_t size) {
        if (!args || args->kind != J_ARRAY || args->n != n_args)
                bad_job("expected %zu arguments", n_args);
        void *p = __libc_calloc(1, size ? size : 1);
        if (!p)
                bad_job("out of memory");
        return p;
}

const struct judge_json *judge_arg(const struct judge_json *args, size_t i) {
        if (!args || args->kind != J_ARRAY || i >= args->n)
                bad_job("argument %zu is missing", i);
        return &args->items[i];
}

static void number_text(const struct judge_json *v, char *buf, bool integer) {
        if (!v || v->kind != J_NUMBER)
                bad_job(integer ? "expected an integer" : "expected a number");
        memcpy(buf, v->s, v->n);
        buf[v->n] = 0;
        if (integer && strpbrk(buf, ".eE"))
                bad_job("expected an integer, got %s", buf);
}

long long judge_long(const struct judge_json *v) {
        char buf[80], *end;
        number_text(v, buf, true);
        errno = 0;
        long long x = strtoll(buf, &end, 10);
        if (errno || *end)
                bad_job("integer out of range: %s", buf);
        return x;
}

int judge_int(const struct judge_json *v) {
        long long x = judge_long(v);
        if (x < INT_MIN || x > INT_MAX)
                bad_job("integer out of range: %lld", x);
        return (int)x;
}

double judge_double(const struct judge_json *v) {
        char buf[80];
        number_text(v, buf, false);
        return strtod(buf, NULL);
}

bool judge_bool(const struct judge_json *v) {
        if (!v || v->kind != J_BOOL)
                bad_job("expected true or false");
        return v->b;
}

char judge_char(const struct judge_json *v) {
        if (!v || v->kind != J_STRING || v->n == 0)
                bad_job("expected a one-character string");
        return v->s[0];
}

static void *input_alloc(size_t n) {
        void *p = user_block_malloc(n ? n : 1);
        if (!p)
                bad_job("out of memory decoding the arguments");
        return own_input(p);
}

char *judge_string(const struct judge_json *v) {
        if (!v || v->kind != J_STRING)
                bad_job("expected a string");
        char *s = input_alloc(v->n + 1);
        memcpy(s, v->s, v->n + 1);
        return s;
}

struct ListNode *judge_list(const struct judge_json *v) {
        if (!v || v->kind != J_ARRAY)
                bad_job("expected an array for a ListNode");
        struct ListNode *head = NULL;
        for (size_t i = v->n; i-- > 0;) {
                struct ListNode *n = input_alloc(sizeof *n);
                n->val = judge_int(&v->items[i]);
                n->next = head;
                head = n;
        }
        return head;
}

static struct TreeNode *tree_node(const struct judge_json *v) {
        if (v->kind == J_NULL)
                return NULL;
        struct TreeNode *t = input_alloc(sizeof *t);
        t->val = judge_int(v);
        t->left = t->right = NULL;
        return t;
}

struct TreeNode *judge_tree(const struct judge_json *v) {
        if (!v || v->kind != J_ARRAY)
                bad_job("expected an array for a TreeNode");
        if (v->n == 0 || v->items[0].kind == J_NULL)
                return NULL;
        /* A queue of the nodes still to get children, in level order: at most one per value. */
        struct TreeNode **q = __libc_malloc(v->n * sizeof *q);
        if (!q)
                bad_job("out of memory decoding a tree");
        size_t head = 0, tail = 0, i = 1;
        struct TreeNode *root = tree_node(&v->items[0]);
        q[tail++] = root;
        while (i < v->n) {
                if (head == tail)
                        bad_job("level order has values below no parent");
                struct TreeNode *t = q[head++];
                if ((t->left = tree_node(&v->items[i++])))
                        q[tail++] = t->left;
                if (i < v->n && (t->right = tree_node(&v->items[i++])))
                        q[tail++] = t->right;
        }
        __libc_free(q);
        return root;
}

static size_t type_size(enum judge_type t) {
        switch (t) {
        case JUDGE_INT:
                return sizeof(int);
        case JUDGE_LONG:
                return sizeof(long long);
        case JUDGE_DOUBLE:
                return sizeof(double);
        case JUDGE_BOOL:
                return sizeof(bool);
        case JUDGE_CHAR:
                return 1;
        default:
                return sizeof(void *);
        }
}

static void decode_elem(const struct judge_json *v, enum judge_type t, void *at) {
        switch (t) {
        case JUDGE_INT:
                *(int *)at = judge_int(v);
                break;
        case JUDGE_LONG:
                *(long long *)at = judge_long(v);
                break;
        case JUDGE_DOUBLE:
                *(double *)at = judge_double(v);
                break;
        case JUDGE_BOOL:
                *(bool *)at = judge_bool(v);
                break;
        case JUDGE_CHAR:
                *(char *)at = judge_char(v);
                break;
        case JUDGE_STRING:
                *(char **)at = judge_string(v);
                break;
        case JUDGE_LIST:
                *(struct ListNode **)at = judge_list(v);
                break;
        case JUDGE_TREE:
                *(struct TreeNode **)at = judge_tree(v);
                break;
        }
}

static int array_len(const struct judge_json *v) {
        if (!v || v->kind != J_ARRAY)
                bad_job("expected an array");
        if (v->n > INT_MAX)
                bad_job("array too long");
        return (int)v->n;
}

void *judge_array(const struct judge_json *v, enum judge_type t, int depth, int *ret_size,
                  int **ret_col_sizes) {
        int n = array_len(v);
        *ret_size = n;
        if (depth <= 1) {
                size_t es = type_size(t);
                char *p = input_alloc((size_t)n * es + (t == JUDGE_CHAR)); /* char[]: NUL-terminated too */
                for (int i = 0; i < n; i++)
                        decode_elem(&v->items[i], t, p + (size_t)i * es);
                if (t == JUDGE_CHAR)
                        p[n] = 0;
                return p;
        }
        if (depth != 2 || !ret_col_sizes)
                bad_job("arrays deeper than 2 are not supported in C");
        void **rows = input_alloc((size_t)n * sizeof *rows);
        int *cols = input_alloc((size_t)n * sizeof *cols);
        for (int i = 0; i < n; i++)
                rows[i] = judge_array(&v->items[i], t, 1, &cols[i], NULL);
        *ret_col_sizes = cols;
        return rows;
}

/* ---- encoding ---------------------------------------------------------------------------- */

void judge_put_null(struct judge_out *o) {
        out_puts(o, "null");
}

void judge_put_int(struct judge_out *o, long long v) {
        out_printf(o, "%lld", v);
}

void judge_put_double(struct judge_out *o, double d) {
        if (!isfinite(d)) {
                out_puts(o, "null");
                return;
        }
        /* The shortest digits that read back as d, then Python's repr layout: positional for
         * exponents -4..15, else d.ddde+XX. */
        char e[40];
        for (int prec = 0; prec < 17; prec++) {
                snprintf(e, sizeof e, "%.*e", prec, d);
                if (strtod(e, NULL) == d)
                        break;
        }
        char digits[24];
        size_t nd = 0;
        const char *c = e;
        bool neg = *c == '-';
        if (neg)
                c++;
        for (; *c && *c != 'e'; c++)
                if (*c != '.')
                        digits[nd++] = *c;
        int exp = atoi(c + 1);
        while (nd > 1 && digits[nd - 1] == '0')
                nd--;
        digits[nd] = 0;
        if (neg)
                out_add(o, "-", 1);
        if (exp >= -4 && exp < 16) {
                if (exp < 0) {
                        out_add(o, "0.", 2);
                        for (int k = -1; k > exp; k--)
                                out_add(o, "0", 1);
                        out_add(o, digits, nd);
                } else if ((size_t)exp + 1 >= nd) {
                        out_add(o, digits, nd);
                        for (size_t k = nd; k < (size_t)exp + 1; k++)
                                out_add(o, "0", 1);
                        out_add(o, ".0", 2);
                } else {
                        out_add(o, digits, (size_t)exp + 1);
                        out_add(o, ".", 1);
                        out_add(o, digits + exp + 1, nd - (size_t)exp - 1);
                }
                return;
        }
        out_add(o, digits, 1);
        if (nd > 1) {
                out_add(o, ".", 1);
                out_add(o, digits + 1, nd - 1);
        }
        out_printf(o, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
}

void judge_put_bool(struct judge_out *o, bool v) {
        out_puts(o, v ? "true" : "false");
}

void judge_put_char(struct judge_out *o, char v) {
        out_json_string(o, &v, 1);
}

void judge_put_string(struct judge_out *o, const char *s) {
        if (!s)
                out_puts(o, "null");
        else
                out_json_string(o, s, strlen(s));
}

void judge_put_list(struct judge_out *o, const struct ListNode *v) {
        /* Floyd's check first: a cycle must not make the answer grow without end. */
        const struct ListNode *slow = v, *fast = v;
        while (fast && fast->next) {
                slow = slow->next;
                fast = fast->next->next;
                if (slow == fast)
                        user_error("Error - Found cycle in the ListNode");
        }
        out_add(o, "[", 1);
        for (bool first = true; v; v = v->next, first = false)
                out_printf(o, first ? "%d" : ",%d", v->val);
        out_add(o, "]", 1);
}

void judge_put_tree(struct judge_out *o, const struct TreeNode *v) {
        struct ptr_set seen = {0};
        const struct TreeNode **q = NULL;
        size_t head = 0, tail = 0, cap = 0;
        out_add(o, "[", 1);
        size_t start = o->len, keep = o->len; /* keep: length up to the last non-null value */
#define PUSH(x)                                                                                              \
        do {                                                                                                 \
                if (tail == cap) {                                                                           \
                        cap = cap ? cap * 2 : 64;                                                            \
                        q = __libc_realloc(q, cap * sizeof *q);                                              \
                        if (!q)                                                                              \
                                _exit(4);                                                                    \
                }                                                                                            \
                q[tail++] = (x);                                                                             \
        } while (0)
        PUSH(v);
        while (head < tail) {
                const struct TreeNode *t = q[head++];
                if (o->len > start)
                        out_add(o, ",", 1);
                if (!t) {
                        out_puts(o, "null");
                        continue;
                }
                if (ptr_set_has(&seen, (uintptr_t)t)) {
                        __libc_free(q);
                        __libc_free(seen.tab);
                        user_error("Error - Found cycle in the TreeNode");
                }
                ptr_set_add(&seen, (uintptr_t)t);
                out_printf(o, "%d", t->val);
                keep = o->len;
                PUSH(t->left);
                PUSH(t->right);
                /* Only nulls are left to print once the queue holds nothing else: stop early. */
        }
#undef PUSH
        o->len = keep;
        o->data[o->len] = 0;
        out_add(o, "]", 1);
        __libc_free(q);
        __libc_free(seen.tab);
}

static void put_elem(struct judge_out *o, const void *at, enum judge_type t) {
        switch (t) {
        case JUDGE_INT:
                judge_put_int(o, *(const int *)at);
                break;
        case JUDGE_LONG:
                judge_put_int(o, *(const long long *)at);
                break;
        case JUDGE_DOUBLE:
                judge_put_double(o, *(const double *)at);
                break;
        case JUDGE_BOOL:
                judge_put_bool(o, *(const bool *)at);
                break;
        case JUDGE_CHAR:
                judge_put_char(o, *(const char *)at);
                break;
        case JUDGE_STRING:
                judge_put_string(o, *(char *const *)at);
                break;
        case JUDGE_LIST:
                judge_put_list(o, *(struct ListNode *const *)at);
                break;
        case JUDGE_TREE:
                judge_put_tree(o, *(struct TreeNode *const *)at);
                break;
        }
}

void judge_put_array(struct judge_out *o, const void *p, enum judge_type t, int depth, int size,
                     const int *col_sizes) {
        const char *what = depth == 2 ? "returned array" : "array";
        if (size < 0)
                user_error("the size of the %s is negative (%d)", what, size);
        if (size > 0 && !p)
                user_error("the %s is NULL but its size is %d", what, size);
        if (depth == 2 && size > 0 && !col_sizes)
                user_error("the column sizes of the returned array were not set (returnColumnSizes)");
        out_add(o, "[", 1);
        for (int i = 0; i < size; i++) {
                if (i)
                        out_add(o, ",", 1);
                if (depth == 2)
                        judge_put_array(o, ((const void *const *)p)[i], t, 1, col_sizes[i], NULL);
                else
                        put_elem(o, (const char *)p + (size_t)i * type_size(t), t);
        }
        out_add(o, "]", 1);
}

/* ---- freeing what the user returned ------------------------------------------------------------ */

void judge_own(void *p) {
        own(p);
}

void judge_own_list(struct ListNode *v) {
        /* Called after judge_put_list accepted the list: no cycle. */
        for (; v; v = v->next)
                own(v);
}

static void own_tree_rec(struct TreeNode *t, int depth) {
        /* The encoder accepted it, so it is a tree; iterate down the right spine to bound depth. */
        for (; t; t = t->right) {
                own(t);
                if (depth < 100000)
                        own_tree_rec(t->left, depth + 1);
        }
}

void judge_own_tree(struct TreeNode *v) {
        own_tree_rec(v, 0);
}

void judge_own_array(void *p, enum judge_type t, int depth, int size, const int *col_sizes) {
        if (!p)
                return;
        own(p);
        for (int i = 0; i < size; i++) {
                if (depth == 2) {
                        if (col_sizes)
                                judge_own_array(((void **)p)[i], t, 1, col_sizes[i], NULL);
                        else
                                own(((void **)p)[i]);
                } else if (t == JUDGE_STRING) {
                        own(((char **)p)[i]);
                } else if (t == JUDGE_LIST) {
                        judge_own_list(((struct ListNode **)p)[i]);
                } else if (t == JUDGE_TREE) {
                        judge_own_tree(((struct TreeNode **)p)[i]);
                } else {
                        break;
                }
        }
}

/* ---- the clock and the drivers ------------------------------------------------------------------ */

/* The thread's clock: the process clock is tick-granular while RLIMIT_CPU is set (the runner
 * sets it), and the user's call runs on this thread. */
static long long cpu_ns(void) {
        struct timespec ts;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long case_cpu_ns, call_start_ns;

void judge_begin(void) {
        tracking = true;
        call_start_ns = cpu_ns();
}

void judge_end(void) {
        case_cpu_ns += cpu_ns() - call_start_ns;
        tracking = false;
}

static void open_channel(void) {
        const char *e = getenv("JUDGE_CHANNEL_FD");
        int fd = e ? atoi(e) : 3;
        /* Off the well-known fd (close-on-exec, still below RLIMIT_NOFILE), so that the user's
         * code cannot write answers by number. */
        int moved = fcntl(fd, F_DUPFD_CLOEXEC, 100);
        if (moved < 0) {
                fprintf(stderr, "harness: no answer channel on fd %d\n", fd);
                _exit(2);
        }
        close(fd);
        channel_fd = moved;
        harness_pid = getpid();
        send_raw("B\n", 2); /* booted; constructors ran before main and count as start-up */
}

/* The job from the runner's pipe (fd $JUDGE_JOB_FD): a header line, then one line per case,
 * which the runner sends only when the case before it has answered. */
static int job_fd = -1;
static char *job_buf;
static size_t job_len, job_cap;

static void open_job(void) {
        const char *e = getenv("JUDGE_JOB_FD");
        int fd = e ? atoi(e) : 4;
        /* Off the well-known fd and close-on-exec, like the channel. */
        int moved = fcntl(fd, F_DUPFD_CLOEXEC, 100);
        if (moved < 0)
                bad_job("no job pipe on fd %d", fd);
        close(fd);
        job_fd = moved;
}

/* Read the next line and parse it into *ret (a new tree; its strings point into a new buffer). */
static void job_line(struct judge_json *ret) {
        size_t nl;
        for (;;) {
                char *p = job_len ? memchr(job_buf, '\n', job_len) : NULL;
                if (p) {
                        nl = (size_t)(p - job_buf);
                        break;
                }
                if (job_len == job_cap) {
                        size_t cap = job_cap ? job_cap * 2 : 1 << 16;
                        char *b = __libc_realloc(job_buf, cap);
                        if (!b)
                                bad_job("out of memory reading the job");
                        job_buf = b;
                        job_cap = cap;
                }
                ssize_t r = read(job_fd, job_buf + job_len, job_cap - job_len);
                if (r < 0 && errno == EINTR)
                        continue;
                if (r <= 0) {
                        /* Only the user's code can have closed or drained the pipe: its runtime
                         * error (exit without an X line). */
                        fflush(NULL);
                        static const char msg[] = "harness: the job pipe was closed or read by someone else\n";
                        (void)!write(2, msg, sizeof msg - 1);
                        _exit(3);
                }
                job_len += (size_t)r;
        }
        char *text = __libc_malloc(nl + 1);
        if (!text)
                bad_job("out of memory reading the job");
        memcpy(text, job_buf, nl);
        text[nl] = '\0';
        memmove(job_buf, job_buf + nl + 1, job_len - nl - 1);
        job_len -= nl + 1;
        struct parser ps = {text, text + nl};
        parse_value(&ps, ret, 0);
        ws(&ps);
        if (ps.p != ps.end)
                json_fail("trailing characters");
}

/* Open the job and read its header; returns the number of cases. */
static size_t load_job(void) {
        static struct judge_json head;
        open_job();
        job_line(&head);
        const struct judge_json *n = json_get(&head, "case_count");
        if (!json_get(&head, "signature") || !n || n->kind != J_NUMBER)
                bad_job("the job's header needs a signature object and a case_count");
        char *end;
        errno = 0;
        unsigned long long v = strtoull(n->s, &end, 10);
        if (errno || end != n->s + n->n || n->s[0] == '-')
                bad_job("case_count is not a count");
        return (size_t)v;
}

struct step {
        const struct judge_method *m;
        void *prepared;
};

/* Run the prepared steps of case i under the clock; as_array for a class problem. Returns
 * false when the case ended with an E line. */
static bool run_case(size_t i, struct step *steps, size_t n, bool as_array, void (*free_obj)(void *)) {
        static struct judge_out out;
        void *obj = NULL;
        char head[64];
        out.len = 0;
        out_reserve(&out, 0);
        out.data[0] = 0;
        case_cpu_ns = 0;
        snprintf(head, sizeof head, "S %zu\n", i);
        send_raw(head, strlen(head));
        if (setjmp(case_jmp)) {
                tracking = false;
                fflush(NULL);
                snprintf(head, sizeof head, "%zu %lld ", i, case_cpu_ns / 1000);
                send_message('E', head, case_error);
                return false;
        }
        if (as_array)
                out_add(&out, "[", 1);
        for (size_t k = 0; k < n; k++) {
                if (as_array && k)
                        out_add(&out, ",", 1);
                steps[k].m->run(&obj, steps[k].prepared, &out);
        }
        if (as_array)
                out_add(&out, "]", 1);
        if (free_obj && obj) {
                judge_begin();
                free_obj(obj);
                judge_end();
        }
        free_owned();
        for (size_t k = 0; k < n; k++)
                __libc_free(steps[k].prepared);
        fflush(NULL);
        snprintf(head, sizeof head, "R %zu %lld ", i, case_cpu_ns / 1000);
        send_raw(head, strlen(head));
        out_add(&out, "\n", 1);
        send_raw(out.data, out.len);
        return true;
}

int judge_run_function(const struct judge_method *fn) {
        open_channel();
        size_t n_cases = load_job();
        for (size_t i = 0; i < n_cases; i++) {
                static struct judge_json c;
                job_line(&c);
                const struct judge_json *args = json_get(&c, "args");
                if (!args)
                        bad_job("case %zu has no args", i);
                struct step s = {fn, fn->prep(args)};
                if (!run_case(i, &s, 1, false, NULL))
                        return 0;
        }
        return 0;
}

int judge_run_class(const struct judge_method *ctor, const struct judge_method *methods, size_t n_methods,
                    void (*free_obj)(void *obj)) {
        open_channel();
        size_t n_cases = load_job();
        for (size_t i = 0; i < n_cases; i++) {
                static struct judge_json c;
                job_line(&c);
                const struct judge_json *calls = json_get(&c, "calls");
                const struct judge_json *args = json_get(&c, "args");
                if (!calls || !args || calls->kind != J_ARRAY || args->kind != J_ARRAY ||
                    calls->n != args->n || calls->n == 0)
                        bad_job("case %zu: calls and args do not match", i);
                struct step *steps = __libc_malloc(calls->n * sizeof *steps);
                if (!steps)
                        bad_job("out of memory");
                steps[0] = (struct step){ctor, ctor->prep(&args->items[0])};
                for (size_t k = 1; k < calls->n; k++) {
                        const struct judge_json *name = &calls->items[k];
                        const struct judge_method *m = NULL;
                        for (size_t j = 0; name->kind == J_STRING && j < n_methods && !m; j++)
                                if (strcmp(methods[j].name, name->s) == 0)
                                        m = &methods[j];
                        if (!m)
                                bad_job("case %zu: unknown method %s", i,
                                        name->kind == J_STRING ? name->s : "(not a string)");
                        steps[k] = (struct step){m, m->prep(&args->items[k])};
                }
                bool ok = run_case(i, steps, calls->n, true, free_obj);
                __libc_free(steps);
                if (!ok)
                        return 0;
        }
        return 0;
}
