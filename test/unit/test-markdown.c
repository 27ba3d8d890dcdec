/* lib/web/markdown.c: problem statements from Markdown to sanitized HTML. Hostile statements
 * (script, raw HTML, javascript: links in every disguise) come out as text; ordinary Markdown
 * comes out as the expected tags; every statement in problems/ renders as md4c-html renders it
 * (they hold no link, where the two differ); every output passes htmlcheck.h's invariants. */
#include <dirent.h>
#include <errno.h>
#include <md4c-html.h>
#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "htmlcheck.h"
#include "tap.h"
#include "web/markdown.h"

static char *render(const char *md, size_t len, int *ret_r) {
        struct buf b;
        buf_init(&b, 0);
        struct judge_error e = {0};
        *ret_r = markdown_to_html(md, len, &b, &e);
        if (*ret_r < 0)
                tap_diag("error", e.msg);
        return buf_steal(&b);
}

/* Render md (n bytes), compare with want exactly, and check the invariants. */
static void expect_n(const char *what, const char *md, size_t n, const char *want) {
        int r;
        _cleanup_free_ char *got = render(md, n, &r);
        const char *why = html_check(got, strlen(got));
        CHECK(r == 0 && strcmp(got, want) == 0, "%s: exact output", what);
        if (r != 0 || strcmp(got, want) != 0) {
                tap_diag("input", md);
                tap_diag("want", want);
                tap_diag("got", got);
        }
        CHECK(!why, "%s: output passes the HTML checker%s%s", what, why ? ": " : "", why ? why : "");
}

/* A statement (up to its first NUL) and the HTML it must render to. */
struct md_case {
        const char *what, *md, *want;
};

static void expect_table(const struct md_case *c, size_t n) {
        for (size_t i = 0; i < n; i++)
                expect_n(c[i].what, c[i].md, strlen(c[i].md), c[i].want);
}

static const struct md_case hostile_cases[] = {
        { "script block", "<script>alert(1)</script>\n",
          "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n" },
        { "script inline", "a <script>alert(1)</script> b\n",
          "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>\n" },
        { "script in a list", "- <SCRIPT src=//e/x.js></SCRIPT>\n",
          "<ul>\n<li>&lt;SCRIPT src=//e/x.js&gt;&lt;/SCRIPT&gt;</li>\n</ul>\n" },
        { "img onerror", "<img src=x onerror=alert(1)>\n",
          "<p>&lt;img src=x onerror&#61;alert(1)&gt;</p>\n" },
        { "img onerror inline", "see <img src=x onerror=alert(1)> here\n",
          "<p>see &lt;img src=x onerror&#61;alert(1)&gt; here</p>\n" },
        { "javascript: link", "[x](javascript:alert(1))\n", "<p>x</p>\n" },
        { "JaVaScRiPt: link", "[x](JaVaScRiPt:alert(1))\n", "<p>x</p>\n" },
        { "link with a leading space", "[x]( javascript:alert(1))\n", "<p>x</p>\n" },
        { "link with &#x09; in the scheme", "[x](jav&#x09;ascript:alert(1))\n", "<p>x</p>\n" },
        { "link with &#106; for j", "[x](&#106;avascript:alert(1))\n", "<p>x</p>\n" },
        { "link with &#x6A; for j", "[x](&#x6A;avascript:alert(1))\n", "<p>x</p>\n" },
        { "link with &colon;", "[x](javascript&colon;alert(1))\n", "<p>x</p>\n" },
        { "link with &Tab;", "[x](java&Tab;script:alert(1))\n", "<p>x</p>\n" },
        { "link with &#0000058; for the colon", "[x](javascript&#0000058;alert(1))\n", "<p>x</p>\n" },
        { "link with an escaped colon", "[x](javascript\\:alert(1))\n", "<p>x</p>\n" },
        { "link in angle brackets with a space", "[x](< javascript:alert(1)>)\n", "<p>x</p>\n" },
        { "vbscript: link", "[x](vbscript:msgbox(1))\n", "<p>x</p>\n" },
        { "javascript: image", "![i](javascript:alert(1))\n", "<p>i</p>\n" },
        { "raw <a href=javascript:>", "<a href=\"javascript:alert(1)\">x</a>\n",
          "<p>&lt;a href=&quot;javascript&#58;alert(1)&quot;&gt;x&lt;/a&gt;</p>\n" },
        { "autolink <javascript:...>", "<javascript:alert(1)>\n", "<p>javascript&#58;alert(1)</p>\n" },
        { "data:text/html link", "[x](data:text/html;base64,PHNjcmlwdD4=)\n", "<p>x</p>\n" },
        { "data:text/html link with markup", "[x](<data:text/html,<script>alert(1)</script>>)\n",
          "<p>[x](&lt;data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;&gt;)</p>\n" },
        { "data:image/svg+xml image", "![s](data:image/svg+xml;base64,PHN2Zz4=)\n", "<p>s</p>\n" },
        { "data:image/png with junk", "![s](data:image/png;base64,AA\"onload=x)\n", "<p>s</p>\n" },
        { "data: link to a png", "[x](data:image/png;base64,iVBORw==)\n", "<p>x</p>\n" },
        { "mailto: image", "![m](mailto:a@b.c)\n", "<p>m</p>\n" },
        { "ftp: link", "[x](ftp://a/b)\n", "<p>x</p>\n" },
        { "link title with quotes", "[x](http://a \"a\\\" onmouseover=\\\"x\")\n",
          "<p><a href=\"http://a\" title=\"a&quot; onmouseover&#61;&quot;x\">x</a></p>\n" },
        { "image title with quotes", "![i](http://a/i.png 'a\" onload=\"x')\n",
          "<p><img src=\"http://a/i.png\" alt=\"i\" title=\"a&quot; onload&#61;&quot;x\"></p>\n" },
        { "href with a quote", "[x](<http://a/\"onmouseover=x>)\n",
          "<p><a href=\"http://a/%22onmouseover=x\">x</a></p>\n" },
        { "html comment", "<!-- hidden -->\n", "<p>&lt;!-- hidden --&gt;</p>\n" },
        { "iframe", "<iframe src=\"http://e\"></iframe>\n",
          "<p>&lt;iframe src=&quot;http://e&quot;&gt;&lt;/iframe&gt;</p>\n" },
        { "style", "<style>body{display:none}</style>\n",
          "<p>&lt;style&gt;body{display:none}&lt;/style&gt;</p>\n" },
        { "svg onload", "<svg onload=alert(1)>\n", "<p>&lt;svg onload&#61;alert(1)&gt;</p>\n" },
        { "html block around markdown", "<div>\n*hi*\n</div>\n",
          "<p>&lt;div&gt;\n<em>hi</em>\n&lt;/div&gt;</p>\n" },
        { "script in a fenced code block", "```html\n<script>alert(1)</script>\n```\n",
          "<pre><code class=\"language-html\">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n" },
        { "code block language with a quote", "```x\"onmouseover=y\n1\n```\n",
          "<pre><code>1\n</code></pre>\n" },
        { "script in a code span", "`<script>`\n", "<p><code>&lt;script&gt;</code></p>\n" },
        { "javascript: in a code span", "`javascript:alert(1)`\n",
          "<p><code>javascript&#58;alert(1)</code></p>\n" },
        { "javascript: in prose", "Say JavaScript: a language.\n",
          "<p>Say JavaScript&#58; a language.</p>\n" },
        { "javascript: split by emphasis in alt", "![java*script*:x](a.png)\n",
          "<p><img src=\"a.png\" alt=\"javascript&#58;x\"></p>\n" },
        { "javascript: in an allowed URL's path", "[x](https://a/javascript:b)\n",
          "<p><a href=\"https://a/javascript%3Ab\">x</a></p>\n" },
        { "entity-encoded markup stays text", "&lt;script&gt; &#60;b&#62;\n",
          "<p>&lt;script&gt; &#60;b&#62;</p>\n" },
        { "link inside a refused link's text", "[**b** `c`](javascript:x)\n",
          "<p><strong>b</strong> <code>c</code></p>\n" },
        { "image in a refused link", "[![i](a.png)](javascript:x)\n",
          "<p><img src=\"a.png\" alt=\"i\"></p>\n" },
        { "refused image in a link", "[![i](javascript:x)](http://a)\n",
          "<p><a href=\"http://a\">i</a></p>\n" },
        { "image in an image's alt", "![a ![b](javascript:x) [c](javascript:y)](p.png)\n",
          "<p><img src=\"p.png\" alt=\"a b c\"></p>\n" },
        /* md4c 0.4.8 enters the <strong> and never leaves it (the title's "**" ends it in its
         * eyes): found by fuzz-markdown; the renderer closes what it opened */
        { "emphasis md4c leaves open", "**a[x](http://a \"b:** c\")\n",
          "<p><strong>a<a href=\"http://a\" title=\"b:** c\">x</a></strong></p>\n" },
        { "control character and invalid UTF-8", "a\x01 \xff\xfe \xC3\xA9\n",
          "<p>a\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD \xC3\xA9</p>\n" },
};

static void hostile(void) {
        expect_table(hostile_cases, ELEMENTSOF(hostile_cases));
        expect_n("NUL byte", "a\0b\n", 4,
                 "<p>a\xEF\xBF\xBD"
                 "b</p>\n");
}

static const struct md_case ordinary_cases[] = {
        { "heading and emphasis", "# Two Sum\n\nSome *em*, **strong**, `code` and ~~del~~.\n",
          "<h1>Two Sum</h1>\n<p>Some <em>em</em>, <strong>strong</strong>, <code>code</code> and "
          "<del>del</del>.</p>\n" },
        { "headings 2 and 3", "## A\n### B\n", "<h2>A</h2>\n<h3>B</h3>\n" },
        { "lists", "- a\n- b\n\n1. x\n2. y\n",
          "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>x</li>\n<li>y</li>\n</ol>\n" },
        { "ordered list from 3", "3. x\n", "<ol start=\"3\">\n<li>x</li>\n</ol>\n" },
        { "loose list", "- a\n\n- b\n", "<ul>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n</ul>\n" },
        /* md4c 0.4.8 keeps the backslash of \| in a code span in a cell (md4c-html too) */
        { "table", "| a | b |\n|---|---:|\n| 1 | `x\\|y` |\n",
          "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n"
          "<tr>\n<td>1</td>\n<td align=\"right\"><code>x\\|y</code></td>\n</tr>\n</tbody>\n</table>\n" },
        { "fenced code", "```python\nif a < b and c > d:\n    pass\n```\n",
          "<pre><code class=\"language-python\">if a &lt; b and c &gt; d:\n    pass\n</code></pre>\n" },
        { "constraint line", "- `-10^9 <= nums[i] <= 10^9`\n",
          "<ul>\n<li><code>-10^9 &lt;= nums[i] &lt;= 10^9</code></li>\n</ul>\n" },
        { "blockquote and rule", "> q\n\n---\n", "<blockquote>\n<p>q</p>\n</blockquote>\n<hr>\n" },
        { "hard break", "a\\\nb\n", "<p>a<br>\nb</p>\n" },
        { "http link with title", "[LeetCode](https://leetcode.com/problems/two-sum/ \"Two Sum\")\n",
          "<p><a href=\"https://leetcode.com/problems/two-sum/\" title=\"Two Sum\">LeetCode</a></p>\n" },
        { "relative, fragment and mailto links",
          "[a](../b.md) [c](#ex-1) [d](mailto:a@b.c) [e](//h/p)\n",
          "<p><a href=\"../b.md\">a</a> <a href=\"#ex-1\">c</a> <a href=\"mailto:a@b.c\">d</a> "
          "<a href=\"//h/p\">e</a></p>\n" },
        { "URL with & and a space", "[x](<http://a/b c?x=1&y=2>)\n",
          "<p><a href=\"http://a/b%20c?x=1&amp;y=2\">x</a></p>\n" },
        { "URL with an entity", "[x](http://a/?x=1&amp;y=2)\n",
          "<p><a href=\"http://a/?x=1&amp;y=2\">x</a></p>\n" },
        { "URL with UTF-8", "[x](http://a/\xC3\xA9)\n", "<p><a href=\"http://a/%C3%A9\">x</a></p>\n" },
        { "autolinks: <URL> only (md4c's bare URL and www. autolinks are quadratic)",
          "<http://a.b/c> <mailto:a@b.c> www.example.com http://a.b a@b.com\n",
          "<p><a href=\"http://a.b/c\">http://a.b/c</a> <a href=\"mailto:a@b.c\">mailto:a@b.c</a> "
          "www.example.com http://a.b a@b.com</p>\n" },
        { "image", "![tree](https://a/tree.png \"t\")\n",
          "<p><img src=\"https://a/tree.png\" alt=\"tree\" title=\"t\"></p>\n" },
        { "data:image/png image", "![dot](data:image/png;base64,iVBORw0KGgo=)\n",
          "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\"></p>\n" },
        { "entities", "&copy; &amp; &#169; &#xA9;\n", "<p>&copy; &amp; &#169; &#xA9;</p>\n" },
        { "quotes in text", "say \"hi\"\n", "<p>say &quot;hi&quot;</p>\n" },
        { "empty statement", "", "" },
        { "byte order mark", "\xEF\xBB\xBFx\n", "<p>x</p>\n" },
};

static void ordinary(void) {
        expect_table(ordinary_cases, ELEMENTSOF(ordinary_cases));
}

static void limits(void) {
        /* The cap: a statement whose HTML passes it fails with -ENOBUFS and leaves out empty. */
        struct buf b;
        buf_init(&b, 64);
        struct judge_error e = {0};
        const char *md = "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n";
        int r = markdown_to_html(md, strlen(md), &b, &e);
        CHECK(r == -ENOBUFS && b.len == 0 && strstr(e.msg, "64 bytes"),
              "HTML over the cap: -ENOBUFS, out left empty (%d, %zu, %s)", r, b.len, e.msg);
        buf_free(&b);
        buf_init(&b, 64);
        r = markdown_to_html("*a*", 3, &b, &e);
        CHECK(r == 0 && strcmp(b.data, "<p><em>a</em></p>\n") == 0, "HTML under the cap renders");
        buf_free(&b);

        /* A URL alone longer than the cap (found by fuzz-markdown: it was -ENOMEM) */
        buf_init(&b, 64);
        md = "[x](http://a/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)";
        r = markdown_to_html(md, strlen(md), &b, &e);
        CHECK(r == -ENOBUFS && b.len == 0, "a URL longer than the cap: -ENOBUFS (%d, %s)", r, e.msg);
        buf_free(&b);

        size_t n = MARKDOWN_MAX_INPUT + 1;
        char *big = malloc(n);
        CHECK(big != NULL, "allocate a statement of %zu bytes", n);
        if (big) {
                memset(big, 'a', n);
                buf_init(&b, 0);
                r = markdown_to_html(big, n, &b, &e);
                CHECK(r == -EFBIG && b.len == 0 && strstr(e.msg, "more than"),
                      "a statement over %zu bytes: -EFBIG (%s)", MARKDOWN_MAX_INPUT, e.msg);
                buf_free(&b);
                r = markdown_to_html(big, n - 1, &b, &e);
                CHECK(r == 0 && b.len == n - 1 + strlen("<p></p>\n"),
                      "a statement of exactly %zu bytes renders", MARKDOWN_MAX_INPUT);
                buf_free(&b);
                /* Deep nesting: md4c's own limits, then our checker's tag stack. */
                for (size_t i = 0; i < 100000; i++)
                        big[i] = i % 2 ? ' ' : '>';
                memcpy(big + 100000, "x\n", 2);
                _cleanup_free_ char *deep = render(big, 100002, &r);
                const char *why = html_check(deep, strlen(deep));
                CHECK(r == 0 && !why, "50000 nested blockquotes render and pass the checker%s%s",
                      why ? ": " : "", why ? why : "");
                free(big);
        }

        /* md4c 0.4.8's bare URL and www. autolinks take time quadratic in the statement (9 s of CPU
         * for 1 MiB of "www.a.b "): they are off, and such a statement renders at once. */
        static const char *const slow[] = {"www.a.b ", "http://a.b ", "a@b.c "};
        for (size_t k = 0; k < ELEMENTSOF(slow); k++) {
                size_t m = MARKDOWN_MAX_INPUT, pl = strlen(slow[k]);
                char *s = malloc(m);
                if (!s)
                        break;
                for (size_t i = 0; i < m; i++)
                        s[i] = slow[k][i % pl];
                clock_t t0 = clock();
                _cleanup_free_ char *html = render(s, m, &r);
                double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
                CHECK(r == 0 && cpu < 2.0, "1 MiB of \"%s\" renders in %.2f s of CPU (< 2)", slow[k], cpu);
                free(s);
        }

        CHECK(markdown_url_allowed("", 0, false), "the empty URL is allowed (relative)");
        CHECK(!markdown_url_allowed("java\nscript:x", 13, false), "a newline in a URL is refused");
        CHECK(!markdown_url_allowed("a\x7f", 2, false), "DEL in a URL is refused");
        CHECK(markdown_url_allowed("HTTPS://a", 9, true), "HTTPS: in capitals is allowed");
        CHECK(!markdown_url_allowed(":x", 2, false), "an empty scheme is refused");
        CHECK(markdown_url_allowed("a/b:c", 5, false), "a colon after a slash is no scheme");
        CHECK(!markdown_url_allowed("data:image/png;base64,AA==", 26, false), "data: is refused for a link");
        CHECK(markdown_url_allowed("data:image/webp;base64,AA==", 27, true),
              "data:image/webp is allowed for an image");
}

/* md4c 0.4.8 reads past the end of a text that does not end in a newline ("2": one byte; found
 * by fuzz-markdown under libFuzzer, whose inputs are allocated to the byte). Each statement here
 * ends right before a page that cannot be read: the renderer must not let md4c touch it. */
static void end_of_input(void) {
        static const char *const ends[] = {"2",       "[d](ja", "[c]( j) [d](ja", "a\n\n1",
                                           "- [x](y", "```\nx", "| a |\n|-"};
        long pg = sysconf(_SC_PAGESIZE);
        char *m = mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(m != MAP_FAILED && mprotect(m + pg, (size_t)pg, PROT_NONE) == 0,
              "a page with a guard page after it");
        if (m == MAP_FAILED)
                return;
        for (size_t k = 0; k < ELEMENTSOF(ends); k++) {
                size_t n = strlen(ends[k]);
                char *in = m + pg - n;
                memcpy(in, ends[k], n);
                int r;
                _cleanup_free_ char *html = render(in, n, &r);
                const char *why = html_check(html, strlen(html));
                CHECK(r == 0 && !why, "a statement ending at a guard page renders: %s", ends[k]);
        }
        munmap(m, 2 * (size_t)pg);
}

static void out_callback(const MD_CHAR *s, MD_SIZE n, void *userdata) {
        buf_append(userdata, s, n);
}

/* Every statement of the repository's problems renders, passes the checker, and matches
 * md4c-html's rendering with the same parser flags. */
static void statements(void) {
        const char *dir = SOURCE_ROOT "/problems";
        DIR *d = opendir(dir);
        CHECK(d != NULL, "open %s", dir);
        if (!d)
                return;
        int count = 0;
        struct dirent *de;
        while ((de = readdir(d))) {
                if (de->d_name[0] == '.')
                        continue;
                char path[4096];
                snprintf(path, sizeof path, "%s/%s/statement.md", dir, de->d_name);
                FILE *f = fopen(path, "re");
                if (!f)
                        continue;
                char *md = malloc(1 << 20);
                size_t n = md ? fread(md, 1, 1 << 20, f) : 0;
                fclose(f);
                int r;
                _cleanup_free_ char *got = render(md, n, &r);
                const char *why = html_check(got, strlen(got));
                struct buf ref;
                buf_init(&ref, 0);
                md_html(md, (MD_SIZE)n, out_callback, &ref,
                        MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH, 0);
                CHECK(r == 0 && !why, "problems/%s/statement.md renders and passes the checker%s%s",
                      de->d_name, why ? ": " : "", why ? why : "");
                bool same = ref.data && strcmp(got, ref.data) == 0;
                CHECK(same && strstr(got, "<h1>") && strstr(got, "<p>") && strstr(got, "<code>"),
                      "problems/%s/statement.md: the same HTML as md4c-html's, with <h1>, <p>, <code>",
                      de->d_name);
                if (!same) {
                        tap_diag("md4c-html", ref.data);
                        tap_diag("ours", got);
                }
                buf_free(&ref);
                free(md);
                count++;
        }
        closedir(d);
        CHECK(count >= 10, "%d statements found in problems/", count);
}

/* The checker itself rejects what it should: a test that cannot fail proves nothing. */
static void checker(void) {
        static const char *const bad[] = {
                "<script>x</script>",
                "<p onclick=\"x\">a</p>",
                "<a href=\"javascript&#58;x\">a</a>",
                "<a href=\"jav&#x61;script&#58;x\">a</a>",
                "<a href=\"ftp://x\">a</a>",
                "<img src=\"data:image/svg+xml;base64,AA\" alt=\"\">",
                "<a href=\"http://x\" href=\"http://y\">a</a>",
                "<a href=http://x>a</a>",
                "<p>a",
                "<em><p></em></p>",
                "<iframe></iframe>",
                "a > b",
                "a & b",
                "<p title=\"a\">b</p>",
                "text onerror=1",
        };
        for (size_t i = 0; i < ELEMENTSOF(bad); i++)
                CHECK(html_check(bad[i], strlen(bad[i])) != NULL, "checker refuses %s", bad[i]);
        const char *good =
                "<p><a href=\"http://x/?a=1&amp;b=2\" title=\"t\">a</a> <img src=\"a.png\" alt=\"\"></p>\n";
        CHECK(html_check(good, strlen(good)) == NULL, "checker accepts %s", good);
}

int main(void) {
        checker();
        hostile();
        ordinary();
        limits();
        end_of_input();
        statements();
        return tap_done();
}
