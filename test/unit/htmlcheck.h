/* A checker of the statement renderer's output (lib/web/markdown.c), written apart from it: the
 * invariants test-markdown and fuzz-markdown assert on every output.
 *
 *   - no "<script", "javascript:", "vbscript:" anywhere (any case), no " on<letters>=" anywhere;
 *   - every '<' starts an allowed tag, every '>' ends one; '&' starts a character reference;
 *   - a tag is <name attr="value" ...> or </name>, with the tag's own allowed attributes, each at
 *     most once, values double-quoted with no '<', '>' or '"' in them;
 *   - href and src hold no control character or space, and a scheme only from the allow-list
 *     (http, https, mailto for links; http, https, data:image/{png,gif,jpeg,webp};base64 for img);
 *   - tags nest: each closing tag closes the last one opened, all are closed at the end.
 * html_check returns NULL when all hold, else a static description of the first broken one. */
#pragma once

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct htmlcheck_tag {
        const char *name;
        bool is_void;
        const char *attrs; /* space-separated, with spaces around: " href title " */
};

static const struct htmlcheck_tag htmlcheck_tags[] = {
        {"p", false, ""},
        {"h1", false, ""},
        {"h2", false, ""},
        {"h3", false, ""},
        {"h4", false, ""},
        {"h5", false, ""},
        {"h6", false, ""},
        {"ul", false, ""},
        {"ol", false, " start "},
        {"li", false, ""},
        {"blockquote", false, ""},
        {"hr", true, ""},
        {"pre", false, ""},
        {"code", false, " class "},
        {"em", false, ""},
        {"strong", false, ""},
        {"del", false, ""},
        {"a", false, " href title "},
        {"img", true, " src alt title "},
        {"br", true, ""},
        {"table", false, ""},
        {"thead", false, ""},
        {"tbody", false, ""},
        {"tr", false, ""},
        {"th", false, " align "},
        {"td", false, " align "},
};

static char htmlcheck_why[256];

static const char *htmlcheck_fail(const char *fmt, const char *a, size_t at) {
        snprintf(htmlcheck_why, sizeof htmlcheck_why, fmt, a, at);
        return htmlcheck_why;
}

static bool htmlcheck_ci_prefix(const char *s, size_t n, const char *p) {
        size_t k = strlen(p);
        if (n < k)
                return false;
        for (size_t i = 0; i < k; i++) {
                char c = s[i];
                if (c >= 'A' && c <= 'Z')
                        c += 32;
                if (c != p[i])
                        return false;
        }
        return true;
}

/* Length of the character reference at s ("&amp;", "&#58;", "&#x3a;"), 0 if none. */
static size_t htmlcheck_entity(const char *s, size_t n) {
        size_t i = 1;
        if (n < 3 || s[0] != '&')
                return 0;
        if (s[1] == '#') {
                i = 2;
                bool hex = i < n && (s[i] == 'x' || s[i] == 'X');
                i += hex;
                size_t d = i;
                while (i < n &&
                       (hex ? strchr("0123456789abcdefABCDEF", s[i]) && s[i] : s[i] >= '0' && s[i] <= '9'))
                        i++;
                if (i == d)
                        return 0;
        } else {
                while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                                 (s[i] >= '0' && s[i] <= '9')))
                        i++;
                if (i == 1)
                        return 0;
        }
        return i < n && s[i] == ';' ? i + 1 : 0;
}

/* The URL checks on an attribute value: only &amp; may stand for a character in it (the
 * renderer percent-encodes everything else). */
static const char *htmlcheck_url(const char *v, size_t n, bool image, size_t at) {
        char *u = malloc(n + 1);
        size_t un = 0;
        if (!u)
                return "out of memory";
        for (size_t i = 0; i < n; i++) {
                if (v[i] == '&') {
                        if (!htmlcheck_ci_prefix(v + i, n - i, "&amp;")) {
                                free(u);
                                return htmlcheck_fail("%s: a URL at %zu holds a reference other than &amp;",
                                                      "url", at);
                        }
                        i += 4;
                        u[un++] = '&';
                } else if ((unsigned char)v[i] <= 0x20 || v[i] == 0x7f) {
                        free(u);
                        return htmlcheck_fail("%s: control character or space in a URL at %zu", "url", at);
                } else {
                        u[un++] = v[i];
                }
        }
        size_t i = 0;
        while (i < un && !strchr(":/?#", u[i]))
                i++;
        bool ok = true;
        if (i < un && u[i] == ':') {
                ok = (i == 4 && htmlcheck_ci_prefix(u, un, "http:")) ||
                     (i == 5 && htmlcheck_ci_prefix(u, un, "https:"));
                if (!image)
                        ok = ok || (i == 6 && htmlcheck_ci_prefix(u, un, "mailto:"));
                else
                        ok = ok || htmlcheck_ci_prefix(u, un, "data:image/png;base64,") ||
                             htmlcheck_ci_prefix(u, un, "data:image/gif;base64,") ||
                             htmlcheck_ci_prefix(u, un, "data:image/jpeg;base64,") ||
                             htmlcheck_ci_prefix(u, un, "data:image/webp;base64,");
        }
        free(u);
        return ok ? NULL
                  : htmlcheck_fail("%s: a URL at %zu has a scheme not allowed", image ? "src" : "href", at);
}

static const char *html_check(const char *h, size_t n) {
        static const char *const banned[] = {"<script", "javascript:", "vbscript:"};
        for (size_t i = 0; i < n; i++) {
                for (size_t k = 0; k < sizeof banned / sizeof banned[0]; k++)
                        if (htmlcheck_ci_prefix(h + i, n - i, banned[k]))
                                return htmlcheck_fail("\"%s\" at %zu", banned[k], i);
                /* " on<letters>=" */
                if ((h[i] == ' ' || h[i] == '\t' || h[i] == '\n') &&
                    htmlcheck_ci_prefix(h + i + 1, n - i - 1, "on")) {
                        size_t j = i + 3, l = 0;
                        while (j < n && ((h[j] >= 'a' && h[j] <= 'z') || (h[j] >= 'A' && h[j] <= 'Z')))
                                j++, l++;
                        if (l > 0 && j < n && h[j] == '=')
                                return htmlcheck_fail("%s at %zu", "\" on...=\"", i);
                }
        }

        size_t cap = 64, depth = 0;
        const char **stack = malloc(cap * sizeof *stack);
        if (!stack)
                return "out of memory";
        const char *why = NULL;
        for (size_t i = 0; i < n && !why;) {
                if (h[i] == '>') {
                        why = htmlcheck_fail("%s at %zu", "'>' outside a tag", i);
                        break;
                }
                if (h[i] == '&') {
                        size_t e = htmlcheck_entity(h + i, n - i);
                        if (!e)
                                why = htmlcheck_fail("%s at %zu", "'&' not starting a reference", i);
                        i += e;
                        continue;
                }
                if (h[i] != '<') {
                        i++;
                        continue;
                }
                size_t at = i++;
                bool closing = i < n && h[i] == '/';
                i += closing;
                size_t ns = i;
                while (i < n && ((h[i] >= 'a' && h[i] <= 'z') || (h[i] >= '0' && h[i] <= '9')))
                        i++;
                const struct htmlcheck_tag *tag = NULL;
                for (size_t t = 0; t < sizeof htmlcheck_tags / sizeof htmlcheck_tags[0]; t++)
                        if (strlen(htmlcheck_tags[t].name) == i - ns &&
                            memcmp(htmlcheck_tags[t].name, h + ns, i - ns) == 0)
                                tag = &htmlcheck_tags[t];
                if (!tag) {
                        why = htmlcheck_fail("%s at %zu", "'<' not starting an allowed tag", at);
                        break;
                }
                if (closing) {
                        if (i >= n || h[i] != '>')
                                why = htmlcheck_fail("%s at %zu", "closing tag not ended by '>'", at);
                        else if (tag->is_void || depth == 0 || strcmp(stack[depth - 1], tag->name) != 0)
                                why = htmlcheck_fail("</%s> closes no open tag, at %zu", tag->name, at);
                        else
                                depth--;
                        i++;
                        continue;
                }
                char seen[64] = " ";
                while (!why) {
                        if (i < n && h[i] == '>') {
                                i++;
                                break;
                        }
                        if (i >= n || h[i] != ' ') {
                                why = htmlcheck_fail("<%s ...> malformed at %zu", tag->name, i);
                                break;
                        }
                        size_t as = ++i;
                        while (i < n && h[i] >= 'a' && h[i] <= 'z')
                                i++;
                        char name[16];
                        if (i - as == 0 || i - as > 10) {
                                why = htmlcheck_fail("<%s ...> attribute name malformed at %zu", tag->name,
                                                     as);
                                break;
                        }
                        snprintf(name, sizeof name, " %.*s ", (int)(i - as), h + as);
                        if (!strstr(tag->attrs, name) || strstr(seen, name)) {
                                why = htmlcheck_fail("<%s ...> attribute not allowed or repeated at %zu",
                                                     tag->name, as);
                                break;
                        }
                        strncat(seen, name + 1, sizeof seen - strlen(seen) - 1);
                        if (i + 1 >= n || h[i] != '=' || h[i + 1] != '"') {
                                why = htmlcheck_fail("<%s ...> attribute value not quoted at %zu", tag->name,
                                                     i);
                                break;
                        }
                        i += 2;
                        size_t vs = i;
                        while (i < n && h[i] != '"') {
                                if (h[i] == '<' || h[i] == '>') {
                                        why = htmlcheck_fail("<%s ...> '<' or '>' in a value at %zu",
                                                             tag->name, i);
                                        break;
                                }
                                if (h[i] == '&') {
                                        size_t e = htmlcheck_entity(h + i, n - i);
                                        if (!e) {
                                                why = htmlcheck_fail("<%s ...> bare '&' in a value at %zu",
                                                                     tag->name, i);
                                                break;
                                        }
                                        i += e;
                                        continue;
                                }
                                i++;
                        }
                        if (why)
                                break;
                        if (i >= n) {
                                why = htmlcheck_fail("<%s ...> value not closed at %zu", tag->name, vs);
                                break;
                        }
                        if (strcmp(name, " href ") == 0 || strcmp(name, " src ") == 0)
                                why = htmlcheck_url(h + vs, i - vs, tag->name[0] == 'i', vs);
                        i++; /* the closing quote */
                }
                if (why || tag->is_void)
                        continue;
                if (depth == cap) {
                        const char **bigger = realloc(stack, 2 * cap * sizeof *stack);
                        if (!bigger) {
                                why = "out of memory";
                                break;
                        }
                        stack = bigger;
                        cap *= 2;
                }
                stack[depth++] = tag->name;
        }
        if (!why && depth > 0)
                why = htmlcheck_fail("<%s> never closed (%zu open)", stack[depth - 1], depth);
        free(stack);
        return why;
}
