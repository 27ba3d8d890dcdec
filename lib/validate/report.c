/* JUnit XML and JSON check reports: see report.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/utf8.h"
#include "validate/report.h"

struct report *report_new(void) {
        return calloc(1, sizeof(struct report));
}

static void case_free(struct report_case *c) {
        if (!c)
                return;
        free(c->name);
        free(c->message);
        for (size_t i = 0; i < c->n_warnings; i++)
                free(c->warnings[i]);
        free(c->warnings);
        free(c->lang);
        free(c->expected);
        free(c->verdict);
        free(c);
}

struct report *report_free(struct report *r) {
        if (!r)
                return NULL;
        for (size_t i = 0; i < r->n_suites; i++) {
                struct report_suite *s = r->suites[i];
                for (size_t j = 0; j < s->n_cases; j++)
                        case_free(s->cases[j]);
                free(s->cases);
                free(s->name);
                free(s->path);
                free(s);
        }
        free(r->suites);
        free(r);
        return NULL;
}

static char *strdup_or_null(const char *s, bool *oom) {
        if (!s)
                return NULL;
        char *d = strdup(s);
        if (!d)
                *oom = true;
        return d;
}

struct report_suite *report_suite_add(struct report *r, const char *name, const char *path) {
        struct report_suite **v = realloc(r->suites, (r->n_suites + 1) * sizeof *v);
        if (!v)
                return NULL;
        r->suites = v;
        struct report_suite *s = calloc(1, sizeof *s);
        if (!s)
                return NULL;
        bool oom = false;
        s->name = strdup_or_null(name ? name : "", &oom);
        s->path = strdup_or_null(path, &oom);
        if (oom) {
                free(s->name);
                free(s->path);
                free(s);
                return NULL;
        }
        r->suites[r->n_suites++] = s;
        return s;
}

struct report_case *report_case_add(struct report_suite *s, const char *name) {
        struct report_case **v = realloc(s->cases, (s->n_cases + 1) * sizeof *v);
        if (!v)
                return NULL;
        s->cases = v;
        struct report_case *c = calloc(1, sizeof *c);
        if (!c || !(c->name = strdup(name ? name : ""))) {
                free(c);
                return NULL;
        }
        c->slowest_ms = -1;
        c->memory_kb = -1;
        s->cases[s->n_cases++] = c;
        return c;
}

static char *vformat(const char *fmt, va_list ap) {
        char *s = NULL;
        if (vasprintf(&s, fmt, ap) < 0)
                return NULL;
        return s;
}

void report_case_fail(struct report_case *c, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        char *m = vformat(fmt, ap);
        va_end(ap);
        if (c->status == REPORT_FAIL && c->message && m) {
                char *both = NULL;
                if (asprintf(&both, "%s; %s", c->message, m) >= 0) {
                        free(m);
                        m = both;
                }
        }
        c->status = REPORT_FAIL;
        if (m) {
                free(c->message);
                c->message = m;
        }
}

void report_case_skip(struct report_case *c, const char *fmt, ...) {
        if (c->status == REPORT_FAIL)
                return;
        va_list ap;
        va_start(ap, fmt);
        char *m = vformat(fmt, ap);
        va_end(ap);
        c->status = REPORT_SKIP;
        free(c->message);
        c->message = m;
}

void report_case_warn(struct report_case *c, const char *fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        char *m = vformat(fmt, ap);
        va_end(ap);
        if (!m)
                return;
        char **v = realloc(c->warnings, (c->n_warnings + 1) * sizeof *v);
        if (!v) {
                free(m);
                return;
        }
        c->warnings = v;
        c->warnings[c->n_warnings++] = m;
}

void report_case_set_solution(struct report_case *c, const char *lang, const char *expected, const char *verdict,
                              double slowest_ms, long memory_kb) {
        bool oom = false;
        free(c->lang);
        free(c->expected);
        free(c->verdict);
        c->lang = strdup_or_null(lang, &oom);
        c->expected = strdup_or_null(expected, &oom);
        c->verdict = strdup_or_null(verdict, &oom);
        c->slowest_ms = slowest_ms;
        c->memory_kb = memory_kb;
}

bool report_case_failed(const struct report *r, const struct report_case *c) {
        return c->status == REPORT_FAIL || (r->werror && c->n_warnings > 0);
}

void report_totals(const struct report *r, struct report_totals *ret) {
        struct report_totals t = { 0 };
        for (size_t i = 0; i < r->n_suites; i++)
                for (size_t j = 0; j < r->suites[i]->n_cases; j++) {
                        const struct report_case *c = r->suites[i]->cases[j];
                        t.cases++;
                        t.warnings += c->n_warnings;
                        if (report_case_failed(r, c))
                                t.failed++;
                        else if (c->status == REPORT_SKIP)
                                t.skipped++;
                }
        *ret = t;
}

static bool xml_char_ok(uint32_t c) {
        return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
               (c >= 0x10000 && c <= 0x10ffff);
}

int report_xml_escape(struct buf *out, const char *s, size_t n) {
        const unsigned char *p = (const unsigned char *) s;
        size_t i = 0;
        int r = 0;
        while (i < n && r >= 0) {
                size_t run = i;
                /* copy plain ASCII runs in one go */
                while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '&' && p[run] != '<' &&
                       p[run] != '>' && p[run] != '"' && p[run] != '\'')
                        run++;
                if (run > i) {
                        r = buf_append(out, p + i, run - i);
                        i = run;
                        continue;
                }
                uint32_t cp = 0;
                size_t len = utf8_decode(p + i, n - i, &cp);
                if (len == 0 || !xml_char_ok(cp)) {
                        r = buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD */
                        i += len ? len : 1;
                        continue;
                }
                switch (cp) {
                case '&': r = buf_puts(out, "&amp;"); break;
                case '<': r = buf_puts(out, "&lt;"); break;
                case '>': r = buf_puts(out, "&gt;"); break;
                case '"': r = buf_puts(out, "&quot;"); break;
                case '\'': r = buf_puts(out, "&apos;"); break;
                case '\t': r = buf_puts(out, "&#9;"); break;
                case '\n': r = buf_puts(out, "&#10;"); break;
                case '\r': r = buf_puts(out, "&#13;"); break;
                default: r = buf_append(out, p + i, len); break;
                }
                i += len;
        }
        return r;
}

static int xml_str(struct buf *out, const char *s) {
        return report_xml_escape(out, s ? s : "", s ? strlen(s) : 0);
}

static const char *const status_names[_REPORT_STATUS_MAX] = { "pass", "fail", "skip" };

/* The failure text of a case: its message, and with werror its warnings. */
static int failure_message(const struct report *r, const struct report_case *c, struct buf *m) {
        if (c->status == REPORT_FAIL && c->message)
                buf_puts(m, c->message);
        if (r->werror && c->status != REPORT_FAIL)
                for (size_t i = 0; i < c->n_warnings; i++)
                        buf_printf(m, "%swarning: %s", i ? "; " : "", c->warnings[i]);
        if (m->len == 0)
                buf_puts(m, "failed");
        return buf_err(m);
}

/* The writers below append freely: out's error is sticky, so one check at the end reports the
 * first failure (a cap hit), and a loop stops early once out has failed. */
int report_junit(const struct report *r, struct buf *out) {
        struct report_totals t;
        report_totals(r, &t);
        double total_time = 0;
        for (size_t i = 0; i < r->n_suites; i++)
                for (size_t j = 0; j < r->suites[i]->n_cases; j++)
                        total_time += r->suites[i]->cases[j]->time_s;
        buf_printf(out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<testsuites name=\"judge validate\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
                   "skipped=\"%zu\" time=\"%.3f\">\n",
                   t.cases, t.failed, t.skipped, total_time);
        for (size_t i = 0; !buf_err(out) && i < r->n_suites; i++) {
                const struct report_suite *s = r->suites[i];
                size_t failed = 0, skipped = 0;
                double time = 0;
                for (size_t j = 0; j < s->n_cases; j++) {
                        if (report_case_failed(r, s->cases[j]))
                                failed++;
                        else if (s->cases[j]->status == REPORT_SKIP)
                                skipped++;
                        time += s->cases[j]->time_s;
                }
                buf_puts(out, "  <testsuite name=\"");
                xml_str(out, s->name);
                buf_printf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"%.3f\"",
                           s->n_cases, failed, skipped, time);
                if (s->path) {
                        buf_puts(out, " file=\"");
                        xml_str(out, s->path);
                        buf_puts(out, "\"");
                }
                buf_puts(out, ">\n");
                for (size_t j = 0; !buf_err(out) && j < s->n_cases; j++) {
                        const struct report_case *c = s->cases[j];
                        buf_puts(out, "    <testcase classname=\"");
                        xml_str(out, s->name);
                        buf_puts(out, "\" name=\"");
                        xml_str(out, c->name);
                        buf_printf(out, "\" time=\"%.3f\"", c->time_s);
                        bool failed_c = report_case_failed(r, c);
                        if (!failed_c && c->status != REPORT_SKIP && c->n_warnings == 0) {
                                buf_puts(out, "/>\n");
                                continue;
                        }
                        buf_puts(out, ">\n");
                        if (failed_c) {
                                _cleanup_buf_ struct buf m;
                                buf_init(&m, 1 << 20);
                                int q = failure_message(r, c, &m);
                                if (q < 0)
                                        return q;
                                buf_puts(out, "      <failure message=\"");
                                report_xml_escape(out, m.data, m.len);
                                buf_puts(out, "\" type=\"");
                                buf_puts(out, c->status == REPORT_FAIL ? "check" : "warning");
                                buf_puts(out, "\">");
                                report_xml_escape(out, m.data, m.len);
                                buf_puts(out, "</failure>\n");
                        } else if (c->status == REPORT_SKIP) {
                                buf_puts(out, "      <skipped message=\"");
                                xml_str(out, c->message);
                                buf_puts(out, "\"/>\n");
                        }
                        if (c->n_warnings) {
                                buf_puts(out, "      <system-out>");
                                for (size_t k = 0; k < c->n_warnings; k++) {
                                        buf_puts(out, "warning: ");
                                        xml_str(out, c->warnings[k]);
                                        buf_puts(out, "\n");
                                }
                                buf_puts(out, "</system-out>\n");
                        }
                        buf_puts(out, "    </testcase>\n");
                }
                buf_puts(out, "  </testsuite>\n");
        }
        buf_puts(out, "</testsuites>\n");
        return buf_err(out);
}

static int json_str(struct buf *out, const char *s) {
        if (!s)
                return buf_puts(out, "null");
        return buf_json_string(out, s, strlen(s));
}

int report_json(const struct report *r, struct buf *out) {
        struct report_totals t;
        report_totals(r, &t);
        buf_printf(out,
                   "{\"ok\":%s,\"werror\":%s,\"totals\":{\"checks\":%zu,\"failed\":%zu,\"skipped\":%zu,"
                   "\"warnings\":%zu},\"problems\":[",
                   t.failed ? "false" : "true", r->werror ? "true" : "false", t.cases, t.failed, t.skipped,
                   t.warnings);
        for (size_t i = 0; !buf_err(out) && i < r->n_suites; i++) {
                const struct report_suite *s = r->suites[i];
                bool ok = true;
                for (size_t j = 0; j < s->n_cases; j++)
                        if (report_case_failed(r, s->cases[j]))
                                ok = false;
                buf_puts(out, i ? ",{\"slug\":" : "{\"slug\":");
                json_str(out, s->name);
                buf_puts(out, ",\"path\":");
                json_str(out, s->path);
                buf_printf(out, ",\"ok\":%s,\"checks\":[", ok ? "true" : "false");
                for (size_t j = 0; !buf_err(out) && j < s->n_cases; j++) {
                        const struct report_case *c = s->cases[j];
                        buf_puts(out, j ? ",{\"name\":" : "{\"name\":");
                        json_str(out, c->name);
                        buf_printf(out, ",\"status\":\"%s\",\"failed\":%s,\"message\":", status_names[c->status],
                                   report_case_failed(r, c) ? "true" : "false");
                        json_str(out, c->message);
                        buf_puts(out, ",\"warnings\":[");
                        for (size_t k = 0; k < c->n_warnings; k++) {
                                if (k)
                                        buf_puts(out, ",");
                                json_str(out, c->warnings[k]);
                        }
                        buf_printf(out, "],\"time_s\":%.3f", c->time_s);
                        if (c->lang || c->verdict || c->expected) {
                                buf_puts(out, ",\"lang\":");
                                json_str(out, c->lang);
                                buf_puts(out, ",\"expected\":");
                                json_str(out, c->expected);
                                buf_puts(out, ",\"verdict\":");
                                json_str(out, c->verdict);
                                if (c->slowest_ms >= 0)
                                        buf_printf(out, ",\"slowest_ms\":%.2f", c->slowest_ms);
                                if (c->memory_kb >= 0)
                                        buf_printf(out, ",\"memory_kb\":%ld", c->memory_kb);
                        }
                        buf_puts(out, "}");
                }
                buf_puts(out, "]}");
        }
        buf_puts(out, "]}\n");
        return buf_err(out);
}

int report_write_file(const char *path, const char *data, size_t len, struct judge_error *err) {
        _cleanup_free_ char *tmp = NULL;
        if (asprintf(&tmp, "%s.tmpXXXXXX", path) < 0)
                return judge_err(err, -ENOMEM, "out of memory");
        int fd = mkstemp(tmp);
        if (fd < 0)
                return judge_err(err, -errno, "%s: %m", path);
        int r = 0;
        for (size_t off = 0; off < len;) {
                ssize_t w = write(fd, data + off, len - off);
                if (w < 0 && errno == EINTR)
                        continue;
                if (w < 0) {
                        r = judge_err(err, -errno, "%s: write: %m", path);
                        break;
                }
                off += (size_t) w;
        }
        if (r >= 0 && fchmod(fd, 0644) < 0)
                r = judge_err(err, -errno, "%s: %m", path);
        if (close(fd) < 0 && r >= 0)
                r = judge_err(err, -errno, "%s: close: %m", path);
        if (r >= 0 && rename(tmp, path) < 0)
                r = judge_err(err, -errno, "%s: %m", path);
        if (r < 0)
                unlink(tmp);
        return r;
}
