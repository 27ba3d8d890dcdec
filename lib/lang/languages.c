/* The language table: the one place languages are registered (see struct lang_handler in
 * lang.h), and file extensions, which come from each language's images/<name>/lang.json. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/codegen_internal.h"
#include "lang/lang.h"
#include "base/macro.h"

const struct lang_handler lang_handlers[] = {
        {.name = "python", .stub = codegen_python_stub},
        {.name = "cpp", .glue = codegen_cpp_glue, .stub = codegen_cpp_stub},
        {.name = "java", .glue = codegen_java_glue, .stub = codegen_java_stub},
        {.name = "javascript", .stub = codegen_javascript_stub},
        {.name = "c", .check = codegen_c_check, .glue = codegen_c_glue, .stub = codegen_c_stub},
        {.name = "go", .glue = codegen_go_glue, .stub = codegen_go_stub},
        {.name = "rust", .glue = codegen_rust_glue, .stub = codegen_rust_stub},
        {.name = NULL},
};

#define LANG_MAX (ELEMENTSOF(lang_handlers) - 1)
_Static_assert(LANG_MAX <= LANG_HANDLERS_MAX, "more languages than LANG_HANDLERS_MAX");

const struct lang_handler *lang_handler_find(const char *name) {
        for (const struct lang_handler *h = lang_handlers; name && h->name; h++)
                if (strcmp(h->name, name) == 0)
                        return h;
        return NULL;
}

const char *lang_known(char *buf, size_t size, const char *sep) {
        size_t n = 0;
        if (size)
                buf[0] = 0;
        for (const struct lang_handler *h = lang_handlers; h->name && n < size; h++) {
                int k = snprintf(buf + n, size - n, "%s%s", h == lang_handlers ? "" : sep, h->name);
                if (k < 0)
                        break;
                n += (size_t)k;
        }
        return buf;
}

/* Each handler's extension from its lang.json, by index; NULL where it has none. */
static char *lang_ext[LANG_MAX];
static pthread_once_t lang_ext_once = PTHREAD_ONCE_INIT;

static void lang_ext_load(void) {
        for (size_t i = 0; i < LANG_MAX; i++) {
                struct lang *l = NULL;
                if (lang_load(lang_handlers[i].name, &l, NULL) >= 0 && l->extension[0]) {
                        lang_ext[i] = l->extension;
                        l->extension = NULL;
                }
                lang_free(l);
        }
}

int lang_handler_for_path(const char *path, const struct lang_handler **ret, struct judge_error *err) {
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        const char *dot = strrchr(base, '.');
        pthread_once(&lang_ext_once, lang_ext_load);
        for (size_t i = 0; dot && i < LANG_MAX; i++)
                if (lang_ext[i] && strcmp(dot + 1, lang_ext[i]) == 0) {
                        *ret = &lang_handlers[i];
                        return 0;
                }
        char known[512] = "";
        size_t n = 0;
        for (size_t i = 0; i < LANG_MAX && n < sizeof known; i++) {
                if (!lang_ext[i])
                        continue;
                int k = snprintf(known + n, sizeof known - n, "%s.%s %s", n ? ", " : "", lang_ext[i],
                                 lang_handlers[i].name);
                if (k < 0)
                        break;
                n += (size_t)k;
        }
        if (!dot)
                return judge_err(err, -EINVAL, "%s: no file extension to tell its language by (known: %s)",
                                 path, known);
        return judge_err(err, -EINVAL, "%s: unknown language extension '%.32s' (known: %s)", path, dot,
                         known);
}

const char *lang_for_path(const char *path) {
        const struct lang_handler *h;
        return lang_handler_for_path(path, &h, NULL) < 0 ? NULL : h->name;
}
