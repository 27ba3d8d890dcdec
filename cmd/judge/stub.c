/* judge stub PROBLEM_DIR --lang L: print the starter code LeetCode's editor would show for the
 * problem in language L (lib/lang/codegen.c's codegen_stub). */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "cli.h"
#include "lang/codegen.h"
#include "lang/lang.h"
#include "problem/problem.h"

static void stub_usage(FILE *f) {
        fputs("Usage: judge stub PROBLEM_DIR --lang LANG\n"
              "\n"
              "Print the empty solution a user starts from in LANG (LeetCode's template: the\n"
              "signature, the ListNode/TreeNode definitions in comments, the design-class usage note).\n"
              "Languages: python, cpp, java, javascript, c, go, rust.\n",
              f);
}

int verb_stub(int argc, char **argv) {
        const char *dir = NULL, *lang = NULL;
        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
                        stub_usage(stdout);
                        return 0;
                }
                if ((strcmp(argv[i], "--lang") == 0 || strcmp(argv[i], "-l") == 0) && i + 1 < argc)
                        lang = argv[++i];
                else if (strncmp(argv[i], "--lang=", 7) == 0)
                        lang = argv[i] + 7;
                else if (argv[i][0] == '-' || dir) {
                        fprintf(stderr, "judge stub: unexpected argument '%s'\n\n", argv[i]);
                        stub_usage(stderr);
                        return EXIT_USAGE;
                } else
                        dir = argv[i];
        }
        if (!dir || !lang) {
                stub_usage(stderr);
                return EXIT_USAGE;
        }

        struct judge_error err = { 0 };
        _cleanup_(problem_freep) struct problem *p = NULL;
        if (problem_load(dir, &p, NULL, &err) < 0) {
                fprintf(stderr, "judge stub: %s: %s\n", dir, err.msg);
                return EXIT_USAGE;
        }
        _cleanup_buf_ struct buf out;
        buf_init(&out, 1 << 20);
        if (codegen_stub(p, lang, &out, &err) < 0) {
                fprintf(stderr, "judge stub: %s\n", err.msg);
                return EXIT_USAGE;
        }
        if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
                return EXIT_USAGE;
        return fflush(stdout) == 0 ? 0 : EXIT_USAGE;
}
