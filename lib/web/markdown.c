/* Markdown to sanitized HTML: md4c's parser (md_parse) with our own renderer callbacks. md4c-html
 * cannot filter URLs, and writing the HTML here means the only tags that can come out are the
 * ones this file writes (markdown.h lists them). The layout (newlines after block tags) follows
 * md4c-html's, so that statements without links render the same as with md_html. */
#include "web/markdown.h"

#include <errno.h>
#include <md4c.h>
#include <stdint.h>
#include <string.h>

#include "base/utf8.h"

/* Raw HTML is text (MD_FLAG_NOHTML). GitHub's bare URL, www. and e-mail autolinks stay off: in
 * md4c 0.4.8 the first two take time quadratic in the statement (9 s of CPU for 1 MiB); <URL>
 * autolinks work. */
#define MARKDOWN_FLAGS (MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH)

/* What is open, blocks and spans alike, innermost last. md4c 0.4.8 does not always leave a span it
 * entered (an emphasis around a link can stay open at the end of its paragraph), so the tags
 * written are closed from this stack, never from md4c's word alone: whatever md4c reports, every
 * tag written is closed, in order. */
struct open {
        bool block;
        uint8_t type;  /* MD_BLOCKTYPE or MD_SPANTYPE */
        bool wrote;    /* its opening tag was written */
        uint8_t level; /* a heading's */
};

struct render {
        struct buf *b;
        struct open *stack;
        size_t depth, alloc;
        bool in_img; /* inside a written <img>'s alt text: nothing is markup there (as md4c-html) */
        int err;     /* -ENOMEM (the stack could not grow), -ENOBUFS (a URL passed the cap) */
        const char *in, *in_end; /* the copy md4c parses, and the end of its text (padding follows) */
};

/* Zero bytes after the text md4c parses. md4c 0.4.8 reads past the end of a text that does not end
 * in a newline (the statement "2" one byte, "[d](ja" more, and hands what it found there over as
 * text): it parses a copy that ends in one, followed by these. */
#define MD4C_PADDING 64

/* Whether [s, s + n) runs past the end of the text into the padding (it is then cut, or dropped). */
static bool past_end(const struct render *r, const char *s, size_t n) {
        uintptr_t p = (uintptr_t)s, lo = (uintptr_t)r->in, end = (uintptr_t)r->in_end;
        return p >= lo && p <= end + MD4C_PADDING && n > end - p;
}

static bool is_alpha(unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(unsigned char c) {
        return is_alpha(c) || (c >= '0' && c <= '9');
}

/* c is one of set's characters (never NUL, which strchr would find) */
static bool in_set(unsigned char c, const char *set) {
        return c != 0 && strchr(set, c) != NULL;
}

static unsigned char lower(unsigned char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The run of ASCII letters that ends the output so far: its start and length. */
static size_t letters_before(const struct buf *b, const char **ret_start) {
        size_t n = 0;
        if (!b->data) {
                *ret_start = "";
                return 0;
        }
        while (n < b->len && is_alpha((unsigned char)b->data[b->len - 1 - n]))
                n++;
        *ret_start = b->data + b->len - n;
        return n;
}

static bool ends_with_word(const char *s, size_t n, const char *word) {
        size_t w = strlen(word);
        if (n < w)
                return false;
        for (size_t i = 0; i < w; i++)
                if (lower((unsigned char)s[n - w + i]) != (unsigned char)word[i])
                        return false;
        return true;
}

/* A ':' right after "javascript" or "vbscript" (any case) is written otherwise, so that the
 * output never holds those schemes literally, not even as text: a reader or a filter grepping
 * for them finds none. Where a browser shows the text, nothing changes. */
static bool colon_needs_escape(const struct buf *b) {
        const char *s;
        size_t n = letters_before(b, &s);
        return ends_with_word(s, n, "javascript") || ends_with_word(s, n, "vbscript");
}

/* Likewise an '=' after a word starting with "on" (" onerror=" in escaped HTML shown as text). */
static bool equals_needs_escape(const struct buf *b) {
        const char *s;
        size_t n = letters_before(b, &s);
        return n >= 3 && lower((unsigned char)s[0]) == 'o' && lower((unsigned char)s[1]) == 'n';
}

/* Length of the valid UTF-8 sequence at s (n bytes available), 0 if none starts there. */
static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Text, or an attribute value (always double-quoted): &, <, >, " escaped; C0 controls other than
 * tab, newline and carriage return, DEL and invalid UTF-8 become U+FFFD. */
static void put_escaped(struct buf *b, const char *text, size_t n) {
        const unsigned char *s = (const unsigned char *)text;
        size_t run = 0; /* bytes at s[i - run .. i) still to copy as they are */
        for (size_t i = 0; i < n;) {
                unsigned char c = s[i];
                const char *rep = NULL;
                size_t step = 1;
                if (c == '&')
                        rep = "&amp;";
                else if (c == '<')
                        rep = "&lt;";
                else if (c == '>')
                        rep = "&gt;";
                else if (c == '"')
                        rep = "&quot;";
                else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                        rep = replacement;
                else if (c == ':' || c == '=') {
                        buf_append(b, s + i - run, run);
                        run = 0;
                        if (c == ':' ? colon_needs_escape(b) : equals_needs_escape(b))
                                rep = c == ':' ? "&#58;" : "&#61;";
                } else if (c >= 0x80) {
                        step = utf8_decode(s + i, n - i, NULL);
                        if (step == 0) {
                                step = 1;
                                rep = replacement;
                        }
                }
                if (rep) {
                        buf_append(b, s + i - run, run);
                        buf_puts(b, rep);
                        run = 0;
                } else {
                        run += step;
                }
                i += step;
        }
        buf_append(b, s + n - run, run);
}

/* md4c hands character references over verbatim, as anything matching &name; &#digits; or
 * &#xhex; (it knows no list of names). Written as they are, a browser decodes them to characters
 * (text, never markup); anything else is escaped as text. */
static bool is_hex(unsigned char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool entity_shape(const char *s, size_t n) {
        if (n < 3 || n > 64 || s[0] != '&' || s[n - 1] != ';')
                return false;
        size_t i = 1;
        bool numeric = s[1] == '#', hex = false;
        if (numeric) {
                i = 2;
                if (s[i] == 'x' || s[i] == 'X')
                        hex = true, i++;
        }
        if (i >= n - 1)
                return false;
        for (; i < n - 1; i++) {
                unsigned char c = (unsigned char)s[i];
                if (!(hex ? is_hex(c) : numeric ? c >= '0' && c <= '9' : is_alnum(c)))
                        return false;
        }
        return true;
}

static void put_entity(struct buf *b, const char *s, size_t n) {
        if (entity_shape(s, n))
                buf_append(b, s, n);
        else
                put_escaped(b, s, n);
}

/* An attribute md4c built (title, code block language): its parts by type. */
static void put_attribute(struct buf *b, const MD_ATTRIBUTE *a) {
        for (unsigned i = 0; a->substr_offsets[i] < a->size; i++) {
                const char *s = a->text + a->substr_offsets[i];
                size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
                switch (a->substr_types[i]) {
                case MD_TEXT_ENTITY:
                        put_entity(b, s, n);
                        break;
                case MD_TEXT_NULLCHAR:
                        buf_puts(b, replacement);
                        break;
                default:
                        put_escaped(b, s, n);
                        break;
                }
        }
}

static void put_utf8(struct buf *b, uint32_t cp) {
        char u[4];
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                buf_puts(b, replacement);
                return;
        }
        buf_append(b, u, utf8_encode(cp, u));
}

/* Decode one character reference of a URL into b. A browser decodes every named reference HTML
 * knows (&colon; &Tab; &NewLine; ...) before it looks at the scheme; we decode the five any
 * URL may need and refuse the rest (returns false). */
static bool decode_entity(struct buf *b, const char *s, size_t n) {
        static const struct {
                const char *name;
                char c;
        } named[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        if (!entity_shape(s, n))
                return false;
        if (s[1] != '#') {
                for (size_t i = 0; i < ELEMENTSOF(named); i++)
                        if (strlen(named[i].name) == n && memcmp(named[i].name, s, n) == 0) {
                                buf_append(b, &named[i].c, 1);
                                return true;
                        }
                return false;
        }
        bool hex = s[2] == 'x' || s[2] == 'X';
        uint32_t cp = 0;
        for (size_t i = hex ? 3 : 2; i < n - 1; i++) {
                unsigned char c = (unsigned char)s[i];
                unsigned d = c <= '9' ? (unsigned)(c - '0') : (unsigned)(lower(c) - 'a' + 10);
                cp = cp * (hex ? 16 : 10) + d;
                if (cp > 0x10FFFF)
                        cp = 0x110000; /* stays out of range however long the digits run */
        }
        put_utf8(b, cp);
        return true;
}

static bool scheme_is(const char *url, size_t n, const char *scheme) {
        size_t k = strlen(scheme);
        if (n != k)
                return false;
        for (size_t i = 0; i < k; i++)
                if (lower((unsigned char)url[i]) != (unsigned char)scheme[i])
                        return false;
        return true;
}

static bool has_prefix_ci(const char *s, size_t n, const char *prefix) {
        size_t k = strlen(prefix);
        if (n < k)
                return false;
        for (size_t i = 0; i < k; i++)
                if (lower((unsigned char)s[i]) != (unsigned char)prefix[i])
                        return false;
        return true;
}

/* data:image/<png|gif|jpeg|webp>;base64,<base64>: raster images only (an SVG can hold script). */
static bool data_image_allowed(const char *url, size_t n) {
        static const char *const types[] = {"data:image/png;base64,", "data:image/gif;base64,",
                                            "data:image/jpeg;base64,", "data:image/webp;base64,"};
        for (size_t t = 0; t < ELEMENTSOF(types); t++) {
                size_t k = strlen(types[t]);
                if (!has_prefix_ci(url, n, types[t]))
                        continue;
                for (size_t i = k; i < n; i++)
                        if (!is_alnum((unsigned char)url[i]) && url[i] != '+' && url[i] != '/' &&
                            url[i] != '=')
                                return false;
                return true;
        }
        return false;
}

bool markdown_url_allowed(const char *url, size_t n, bool image) {
        /* Browsers drop tabs and newlines anywhere in a URL and spaces and controls around it:
         * "java\tscript:" is javascript. A URL with a control character is refused outright; a
         * space can only be inside one (around it, it would make the scheme unknown, below). */
        for (size_t i = 0; i < n; i++)
                if ((unsigned char)url[i] < 0x20 || url[i] == 0x7f)
                        return false;
        size_t i = 0;
        while (i < n && !in_set((unsigned char)url[i], ":/?#"))
                i++;
        if (i == n || url[i] != ':')
                return true; /* no scheme: relative, "//host/...", "?query" or "#fragment" */
        if (scheme_is(url, i, "http") || scheme_is(url, i, "https"))
                return true;
        if (image)
                return scheme_is(url, i, "data") && data_image_allowed(url, n);
        return scheme_is(url, i, "mailto");
}

/* A link's or image's URL, percent-encoded for an attribute value, into b (empty), if it is
 * allowed; false if it is refused. */
static bool url_attr(struct buf *b, const MD_ATTRIBUTE *a, bool image) {
        _cleanup_buf_ struct buf url;
        buf_init(&url, MARKDOWN_MAX_INPUT * 4);
        for (unsigned i = 0; a->substr_offsets[i] < a->size; i++) {
                const char *s = a->text + a->substr_offsets[i];
                size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
                switch (a->substr_types[i]) {
                case MD_TEXT_NORMAL:
                        buf_append(&url, s, n);
                        break;
                case MD_TEXT_ENTITY:
                        if (!decode_entity(&url, s, n))
                                return false;
                        break;
                default:
                        return false; /* NUL */
                }
        }
        if (buf_err(&url) < 0 || !markdown_url_allowed(url.data ? url.data : "", url.len, image))
                return false;
        for (size_t i = 0; i < url.len; i++) {
                unsigned char c = (unsigned char)url.data[i];
                if (c == '&')
                        buf_puts(b, "&amp;");
                else if (c == ':' && colon_needs_escape(b))
                        buf_puts(b, "%3A");
                else if (is_alnum(c) || in_set(c, "-._~:/?#[]@!$'()*+,;=%"))
                        buf_append(b, &c, 1);
                else
                        buf_printf(b, "%%%02X", c);
        }
        return true;
}

/* A fenced code block's language, as class="language-x", when it is a plain name. */
static void put_code_class(struct buf *b, const MD_ATTRIBUTE *lang) {
        if (lang->size == 0 || lang->size > 64 || lang->substr_types[0] != MD_TEXT_NORMAL ||
            lang->substr_offsets[1] != lang->size)
                return;
        for (MD_SIZE i = 0; i < lang->size; i++)
                if (!is_alnum((unsigned char)lang->text[i]) && !in_set((unsigned char)lang->text[i], "_+#.-"))
                        return;
        buf_puts(b, " class=\"language-");
        buf_append(b, lang->text, lang->size);
        buf_puts(b, "\"");
}

static void put_cell(struct buf *b, const char *tag, const MD_BLOCK_TD_DETAIL *d) {
        static const char *const align[] = {
                [MD_ALIGN_LEFT] = "left", [MD_ALIGN_CENTER] = "center", [MD_ALIGN_RIGHT] = "right"};
        if (d->align > MD_ALIGN_DEFAULT && d->align <= MD_ALIGN_RIGHT)
                buf_printf(b, "<%s align=\"%s\">", tag, align[d->align]);
        else
                buf_printf(b, "<%s>", tag);
}

static const char *simple_span(MD_SPANTYPE type) {
        switch (type) {
        case MD_SPAN_EM:
                return "em";
        case MD_SPAN_STRONG:
                return "strong";
        case MD_SPAN_CODE:
                return "code";
        case MD_SPAN_DEL:
                return "del";
        default:
                return NULL; /* math, wiki links, underline: not enabled */
        }
}

static const char *block_end(MD_BLOCKTYPE type) {
        switch (type) {
        case MD_BLOCK_QUOTE:
                return "</blockquote>\n";
        case MD_BLOCK_UL:
                return "</ul>\n";
        case MD_BLOCK_OL:
                return "</ol>\n";
        case MD_BLOCK_LI:
                return "</li>\n";
        case MD_BLOCK_CODE:
                return "</code></pre>\n";
        case MD_BLOCK_P:
                return "</p>\n";
        case MD_BLOCK_TABLE:
                return "</table>\n";
        case MD_BLOCK_THEAD:
                return "</thead>\n";
        case MD_BLOCK_TBODY:
                return "</tbody>\n";
        case MD_BLOCK_TR:
                return "</tr>\n";
        case MD_BLOCK_TH:
                return "</th>\n";
        case MD_BLOCK_TD:
                return "</td>\n";
        default:
                return ""; /* the document, a rule (void), an HTML block (never with MD_FLAG_NOHTML) */
        }
}

static int push(struct render *r, struct open o) {
        if (r->depth == r->alloc) {
                size_t n = r->alloc ? 2 * r->alloc : 64;
                struct open *s = realloc(r->stack, n * sizeof *s);
                if (!s)
                        return r->err = -ENOMEM;
                r->stack = s;
                r->alloc = n;
        }
        r->stack[r->depth++] = o;
        return 0;
}

/* Write the end of what o opened; detail is md4c's for it, or NULL when md4c did not say. */
static void close_open(struct render *r, const struct open *o, const void *detail) {
        struct buf *b = r->b;
        if (!o->wrote)
                return;
        if (o->block) {
                if (o->type == MD_BLOCK_H)
                        buf_printf(b, "</h%u>\n", o->level);
                else
                        buf_puts(b, block_end(o->type));
        } else if (o->type == MD_SPAN_IMG) {
                const MD_ATTRIBUTE *title = detail ? &((const MD_SPAN_IMG_DETAIL *)detail)->title : NULL;
                buf_puts(b, "\"");
                if (title && title->size > 0 && !past_end(r, title->text, title->size)) {
                        buf_puts(b, " title=\"");
                        put_attribute(b, title);
                        buf_puts(b, "\"");
                }
                buf_puts(b, ">");
                r->in_img = false;
        } else if (o->type == MD_SPAN_A) {
                buf_puts(b, "</a>");
        } else if (simple_span(o->type)) {
                buf_printf(b, "</%s>", simple_span(o->type));
        }
}

/* Close down to and including the innermost open block (or span) of this type; nothing if there
 * is none. */
static void leave(struct render *r, bool block, unsigned type, const void *detail) {
        size_t i = r->depth;
        while (i > 0 && !(r->stack[i - 1].block == block && r->stack[i - 1].type == type))
                i--;
        if (i == 0)
                return;
        while (r->depth > i) {
                r->depth--;
                close_open(r, &r->stack[r->depth], NULL);
        }
        r->depth--;
        close_open(r, &r->stack[r->depth], detail);
}

static void close_spans(struct render *r) {
        while (r->depth > 0 && !r->stack[r->depth - 1].block) {
                r->depth--;
                close_open(r, &r->stack[r->depth], NULL);
        }
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata) {
        struct render *r = userdata;
        struct buf *b = r->b;
        struct open o = {.block = true, .type = (uint8_t)type, .wrote = true};
        close_spans(r);
        switch (type) {
        case MD_BLOCK_QUOTE:
                buf_puts(b, "<blockquote>\n");
                break;
        case MD_BLOCK_UL:
                buf_puts(b, "<ul>\n");
                break;
        case MD_BLOCK_OL: {
                const MD_BLOCK_OL_DETAIL *d = detail;
                if (d->start == 1)
                        buf_puts(b, "<ol>\n");
                else
                        buf_printf(b, "<ol start=\"%u\">\n", d->start);
                break;
        }
        case MD_BLOCK_LI:
                buf_puts(b, "<li>");
                break;
        case MD_BLOCK_HR:
                buf_puts(b, "<hr>\n");
                break;
        case MD_BLOCK_H: {
                const MD_BLOCK_H_DETAIL *d = detail;
                o.level = (uint8_t)(d->level >= 1 && d->level <= 6 ? d->level : 6);
                buf_printf(b, "<h%u>", o.level);
                break;
        }
        case MD_BLOCK_CODE:
                buf_puts(b, "<pre><code");
                if (!past_end(r, ((const MD_BLOCK_CODE_DETAIL *)detail)->lang.text,
                              ((const MD_BLOCK_CODE_DETAIL *)detail)->lang.size))
                        put_code_class(b, &((const MD_BLOCK_CODE_DETAIL *)detail)->lang);
                buf_puts(b, ">");
                break;
        case MD_BLOCK_P:
                buf_puts(b, "<p>");
                break;
        case MD_BLOCK_TABLE:
                buf_puts(b, "<table>\n");
                break;
        case MD_BLOCK_THEAD:
                buf_puts(b, "<thead>\n");
                break;
        case MD_BLOCK_TBODY:
                buf_puts(b, "<tbody>\n");
                break;
        case MD_BLOCK_TR:
                buf_puts(b, "<tr>\n");
                break;
        case MD_BLOCK_TH:
                put_cell(b, "th", detail);
                break;
        case MD_BLOCK_TD:
                put_cell(b, "td", detail);
                break;
        default:
                o.wrote = false;
                break;
        }
        return push(r, o) ?: buf_err(b);
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata) {
        struct render *r = userdata;
        leave(r, true, type, detail);
        return buf_err(r->b);
}

static int enter_span(MD_SPANTYPE type, void *detail, void *userdata) {
        struct render *r = userdata;
        struct buf *b = r->b;
        struct open o = {.type = (uint8_t)type};
        if (r->in_img) {
                /* alt text: no markup */
        } else if (type == MD_SPAN_A || type == MD_SPAN_IMG) {
                bool image = type == MD_SPAN_IMG;
                const MD_ATTRIBUTE *url = image ? &((const MD_SPAN_IMG_DETAIL *)detail)->src
                                                : &((const MD_SPAN_A_DETAIL *)detail)->href;
                _cleanup_buf_ struct buf u;
                buf_init(&u, b->max);
                /* a refused link or image writes no tag: its text stays, as plain text */
                o.wrote = !past_end(r, url->text, url->size) && url_attr(&u, url, image);
                if (buf_err(&u) < 0)
                        return r->err = buf_err(&u);
                if (o.wrote) {
                        buf_puts(b, image ? "<img src=\"" : "<a href=\"");
                        buf_append(b, u.data, u.len);
                }
                if (o.wrote && image) {
                        buf_puts(b, "\" alt=\"");
                        r->in_img = true;
                } else if (o.wrote) {
                        const MD_ATTRIBUTE *title = &((const MD_SPAN_A_DETAIL *)detail)->title;
                        if (title->size > 0 && !past_end(r, title->text, title->size)) {
                                buf_puts(b, "\" title=\"");
                                put_attribute(b, title);
                        }
                        buf_puts(b, "\">");
                }
        } else if (simple_span(type)) {
                buf_printf(b, "<%s>", simple_span(type));
                o.wrote = true;
        }
        return push(r, o) ?: buf_err(b);
}

static int leave_span(MD_SPANTYPE type, void *detail, void *userdata) {
        struct render *r = userdata;
        leave(r, false, type, detail);
        return buf_err(r->b);
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *userdata) {
        struct render *r = userdata;
        struct buf *b = r->b;
        if (past_end(r, s, n))
                n = s < r->in_end ? (MD_SIZE)(r->in_end - s) : 0;
        switch (type) {
        case MD_TEXT_NULLCHAR:
                buf_puts(b, replacement);
                break;
        case MD_TEXT_BR:
                buf_puts(b, r->in_img ? " " : "<br>\n");
                break;
        case MD_TEXT_SOFTBR:
                buf_puts(b, r->in_img ? " " : "\n");
                break;
        case MD_TEXT_ENTITY:
                put_entity(b, s, n);
                break;
        default:
                put_escaped(b, s, n);
                break; /* normal, code, math; raw HTML is text too */
        }
        return buf_err(b);
}

int markdown_to_html(const char *md, size_t len, struct buf *out, struct judge_error *err) {
        if (len > MARKDOWN_MAX_INPUT)
                return judge_err(err, -EFBIG, "statement is %zu bytes, more than the %zu allowed", len,
                                 MARKDOWN_MAX_INPUT);
        if (len >= 3 && memcmp(md, "\xEF\xBB\xBF", 3) == 0) {
                md += 3; /* a byte order mark is no text */
                len -= 3;
        }
        if (buf_err(out) < 0)
                return judge_err(err, buf_err(out),
                                 "rendering the statement: the output buffer had failed before");
        /* Rendered apart, so that a failure leaves out as it was. */
        _cleanup_buf_ struct buf html;
        buf_init(&html, out->max);
        _cleanup_free_ char *copy = malloc(len + 1 + MD4C_PADDING);
        if (!copy)
                return judge_err(err, -ENOMEM, "rendering the statement: out of memory");
        size_t n = len;
        if (len)
                memcpy(copy, md, len);
        if (n == 0 || copy[n - 1] != '\n')
                copy[n++] = '\n';
        memset(copy + n, 0, MD4C_PADDING);
        struct render r = {.b = &html, .in = copy, .in_end = copy + n};
        const MD_PARSER parser = {
                .flags = MARKDOWN_FLAGS,
                .enter_block = enter_block,
                .leave_block = leave_block,
                .enter_span = enter_span,
                .leave_span = leave_span,
                .text = text,
        };
        int p = md_parse(copy, (MD_SIZE)n, &parser, &r);
        while (r.depth > 0) {
                r.depth--;
                close_open(&r, &r.stack[r.depth], NULL);
        }
        free(r.stack);
        int e = r.err ?: buf_err(&html);
        if (e == 0 && p != 0)
                return judge_err(err, -ENOMEM, "md4c failed to parse the statement (out of memory)");
        if (e == 0)
                e = buf_append(out, html.data, html.len);
        if (e == -ENOBUFS)
                return judge_err(err, -ENOBUFS, "the statement's HTML is larger than the %zu bytes allowed",
                                 html.max);
        if (e < 0)
                return judge_err(err, e, "rendering the statement: out of memory");
        return 0;
}
