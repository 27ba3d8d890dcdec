#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int judge_err(struct judge_error *err, int code, const char *fmt, ...) {
        if (code > 0)
                code = -code;
        if (code == 0)
                code = -EIO;
        if (err) {
                va_list ap;
                va_start(ap, fmt);
                vsnprintf(err->msg, sizeof err->msg, fmt, ap);
                va_end(ap);
                err->code = code;
        }
        return code;
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
