#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int verr(struct judge_error *err, enum judge_error_kind kind, int code, const char *fmt, va_list ap)
        _printf_(4, 0);
static int verr(struct judge_error *err, enum judge_error_kind kind, int code, const char *fmt, va_list ap) {
        if (code > 0)
                code = -code;
        if (code == 0)
                code = -EIO;
        if (err) {
                vsnprintf(err->msg, sizeof err->msg, fmt, ap);
                err->code = code;
                err->kind = kind;
        }
        return code;
}

int judge_err(struct judge_error *err, int code, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        code = verr(err, JUDGE_ERR_UNSET, code, fmt, ap);
        va_end(ap);
        return code;
}

int judge_err_kind(struct judge_error *err, enum judge_error_kind kind, int code, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        code = verr(err, kind, code, fmt, ap);
        va_end(ap);
        return code;
}

int judge_err_classify(struct judge_error *err, int code, enum judge_error_kind kind) {
        if (err && err->kind == JUDGE_ERR_UNSET)
                err->kind = kind;
        return code;
}

bool judge_err_is_permanent(const struct judge_error *err) {
        return err && err->kind == JUDGE_ERR_PERMANENT;
}

const char *judge_err_kind_name(enum judge_error_kind kind) {
        static const char *const names[_JUDGE_ERR_KIND_MAX] = {
                [JUDGE_ERR_UNSET] = "unset",
                [JUDGE_ERR_TRANSIENT] = "transient",
                [JUDGE_ERR_ENGINE] = "engine",
                [JUDGE_ERR_PERMANENT] = "permanent",
        };
        return kind >= 0 && kind < _JUDGE_ERR_KIND_MAX ? names[kind] : "unset";
}

int judge_err_prefix(struct judge_error *err, const char *fmt, ...) {
        if (!err)
                return -EIO;
        char prefix[512], old[sizeof err->msg];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(prefix, sizeof prefix, fmt, ap);
        va_end(ap);
        memcpy(old, err->msg, sizeof old);
        snprintf(err->msg, sizeof err->msg, "%s: %s", prefix, old);
        return err->code ? err->code : -EIO;
}
