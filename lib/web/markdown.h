/* A problem's statement (statement.md) as HTML for the web app, sanitized.
 *
 * The Markdown is parsed by md4c (CommonMark, plus GitHub's tables and strikethrough; not its bare
 * URL autolinks, quadratic in md4c 0.4.8) and the HTML is written here, tag by tag, so that only the tags
 * chosen below can come out: p, h1-h6, ul, ol, li, blockquote, hr, pre, code, em, strong, del, a, img, br,
 * table, thead, tbody, tr, th, td, with the attributes href, title (a), src, alt, title (img), start (ol),
 * class="language-..." (code) and align (th, td), every value escaped and double-quoted. Raw HTML in the
 * statement, as a block or inline, is never markup: it comes out as escaped text. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* A statement longer than this is refused (-EFBIG): statements are pages, not books. */
#define MARKDOWN_MAX_INPUT ((size_t)1 << 20)

/* Render the statement md (len bytes, need not be NUL-terminated, may hold NUL bytes) as an HTML
 * fragment (what goes inside <body>) and append it to out.
 *
 * A link's or image's URL is kept only if it is safe after its character references are decoded:
 * no control character, no named reference other than &amp; &lt; &gt; &quot; &apos;,
 * and either no scheme (relative, fragment, "//host" links) or one of http, https, mailto (links)
 * or http, https and data:image/{png,gif,jpeg,webp};base64,... (images). A refused link or image
 * is rendered as its text alone, without the <a> or <img>.
 *
 * The output never holds "javascript:" or "vbscript:" (any case), nor " on<letters>=", literally:
 * a colon or equals sign after those words is written &#58; / &#61; (%3A in a URL), which a browser
 * shows the same. A leading byte order mark is dropped.
 *
 * Returns 0; or -EFBIG (md longer than MARKDOWN_MAX_INPUT), -ENOBUFS (the HTML would pass out's
 * cap), -ENOMEM (no memory, or md4c failed), each described in err. On failure nothing of the
 * statement's HTML is appended, unless out already held text and only the final append hit its
 * cap (then out carries the sticky -ENOBUFS): pass an empty buf. Thread-safe (no global state). */
int markdown_to_html(const char *md, size_t len, struct buf *out, struct judge_error *err);

/* Whether url (already free of character references, n bytes) may be an href (image false) or an
 * img src (image true): the scheme test above, exported for the tests. */
bool markdown_url_allowed(const char *url, size_t n, bool image);
