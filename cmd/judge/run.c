#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "judge/judge.h"
#include "lang/lang.h"

static int usage_run(FILE *f) {
        fputs("Usage: judge run PROBLEM_DIR SOLUTION_FILE [--lang L] [--json] [--engine URL] [--sample] [--all]\n"
              "\n"
              "Judge SOLUTION_FILE against every case of the problem package PROBLEM_DIR (sample cases\n"
              "first, then hidden) in a fresh sandboxed container, and print a per-case table and the\n"
              "verdict. The language comes from the file's extension unless --lang says otherwise.\n"
              "As a submission does, the report stops at the first failing case: later cases are shown\n"
              "as withheld (they are still run in the container); --all reports every case.\n"
              "\n"
              "  --lang L         python, cpp, java, javascript, c, go or rust\n"
              "  --json           print one JSON document instead of the table\n"
              "  --engine URL     unix:///path/to/engine.sock (else $JUDGE_ENGINE, $DOCKER_HOST, defaults)\n"
              "  --sample         run the sample cases only (LeetCode's Run)\n"
              "  --all            report every case, not only those up to the first failure\n"
              "  --output-limit N bytes of stdout+stderr before Output Limit Exceeded (default 4 MiB)\n"
              "  --deadline-ms N  the host's hard wall-clock deadline for the whole container (default: computed\n"
              "                   from the limits and the number of cases)\n"
              "  --id ID          label the container judge.submission=ID (default: random)\n"
              "  --uid-range A-B  the container runs as a uid:gid of its own from A-B (default: $JUDGE_UID_RANGE,\n"
              "                   else " UID_RANGE_DEFAULT "); no other judgement on this host holds it meanwhile\n"
              "\n"
              "Exit status: 0 Accepted, 1 any other verdict, 2 usage or judge error.\n",
              f);
        return f == stdout ? 0 : EXIT_USAGE;
}

/* Print text with a cap and an indent, for the failing case's details. */
static void print_block(const char *label, const char *text, size_t cap) {
        if (!text || !*text)
                return;
        size_t n = strlen(text);
        printf("  %-9s", label);
        bool first = true;
        for (const char *p = text; *p && (size_t) (p - text) < cap;) {
                const char *nl = strchr(p, '\n');
                size_t len = nl ? (size_t) (nl - p) : strlen(p);
                printf("%s%.*s\n", first ? "" : "           ", (int) len, p);
                first = false;
                p += len + (nl ? 1 : 0);
        }
        if (n > cap)
                printf("           ... (%zu more bytes)\n", n - cap);
}

static void print_table(const struct judge_result *r, const struct problem *p, const struct lang *l) {
        printf("%s (%s) in %s: %zu cases, runtime start-up %.1f ms of CPU\n", p->slug, p->title, l->display,
               r->n_cases, r->startup_ms);
        if (r->verdict == VERDICT_CE) {
                printf("\nCompile Error\n");
                print_block("compiler", r->compile_output, 8192);
        } else {
                printf("  %-4s %-28s %-8s %10s %10s\n", "#", "case", "verdict", "time", "memory");
                for (size_t i = 0; i < r->n_cases; i++) {
                        const struct case_result *c = &r->cases[i];
                        const struct test_case *tc = &p->cases[i];
                        char name[64];
                        if (tc->name)
                                snprintf(name, sizeof name, "%s %.40s", tc->hidden ? "hidden" : "sample", tc->name);
                        else
                                snprintf(name, sizeof name, "%s %zu", tc->hidden ? "hidden" : "sample",
                                         tc->hidden ? i - p->n_sample + 1 : i + 1);
                        if (!c->run) {
                                printf("  %-4zu %-28.28s %-8s\n", i + 1, name, c->withheld ? "withheld" : "-");
                                continue;
                        }
                        printf("  %-4zu %-28.28s %-8s %7.2f ms %7.1f MB\n", i + 1, name, verdict_code(c->verdict),
                               c->time_ms, (double) c->memory_kb / 1024.0);
                }
                if (r->first_failed >= 0) {
                        const struct case_result *c = &r->cases[r->first_failed];
                        const struct test_case *tc = &p->cases[r->first_failed];
                        struct buf b;
                        printf("\n%s\n", r->message);
                        buf_init(&b, 1 << 20);
                        if (problem_value_json(tc->calls ? tc->calls : tc->args, &b) >= 0)
                                print_block(tc->calls ? "calls" : "input", b.data, 2048);
                        buf_reset(&b);
                        if (tc->calls && problem_value_json(tc->args, &b) >= 0)
                                print_block("args", b.data, 2048);
                        buf_reset(&b);
                        if (problem_value_json(tc->expected, &b) >= 0)
                                print_block("expected", b.data, 2048);
                        buf_free(&b);
                        if (c->verdict == VERDICT_WA) {
                                print_block("actual", c->answer, 2048);
                                if (c->answer_truncated)
                                        printf("  (the first %zu of %zu bytes; sha256 %s)\n", strlen(c->answer),
                                               c->answer_bytes, c->answer_sha256);
                        }
                        print_block("error", c->error, 4096);
                        print_block("stdout", c->stdout_text, 2048);
                        if (c->verdict != VERDICT_WA)
                                print_block("stderr", c->stderr_text, 2048);
                }
        }
        printf("\nVerdict: %s (%s)  %zu/%zu passed, max time %.2f ms, peak memory %.1f MB, judged in %.2f s\n",
               verdict_name(r->verdict), verdict_code(r->verdict), r->passed, r->n_cases, r->max_time_ms,
               (double) r->max_memory_kb / 1024.0, r->wall_ms / 1000.0);
}

int verb_run(int argc, char **argv) {
        static const struct option longopts[] = { { "lang", required_argument, NULL, 'l' },
                                                  { "json", no_argument, NULL, 'j' },
                                                  { "engine", required_argument, NULL, 'e' },
                                                  { "sample", no_argument, NULL, 's' },
                                                  { "output-limit", required_argument, NULL, 'o' },
                                                  { "image", required_argument, NULL, 'i' },
                                                  { "deadline-ms", required_argument, NULL, 'd' },
                                                  { "id", required_argument, NULL, 'I' },
                                                  { "all", no_argument, NULL, 'A' },
                                                  { "uid-range", required_argument, NULL, 'U' },
                                                  { "help", no_argument, NULL, 'h' },
                                                  { NULL, 0, NULL, 0 } };
        const char *lang_name = NULL, *url = NULL;
        bool json = false;
        /* stopped at the first failure, as a submission is; --all reports every case */
        struct judge_options o = { .stop_at_failure = true };
        struct judge_error err = { 0 };
        int c;
        while ((c = getopt_long(argc, argv, "hl:j", longopts, NULL)) != -1) {
                switch (c) {
                case 'l': lang_name = optarg; break;
                case 'j': json = true; break;
                case 'e': url = optarg; break;
                case 's': o.sample_only = true; break;
                case 'o':
                        if (cli_number("run", "--output-limit", optarg, 1, 1L << 30, &o.output_limit) < 0)
                                return EXIT_USAGE;
                        break;
                case 'i': o.image = optarg; break;
                case 'd':
                        if (cli_number("run", "--deadline-ms", optarg, 1, 24L * 3600 * 1000, &o.deadline_ms) < 0)
                                return EXIT_USAGE;
                        break;
                case 'A': o.stop_at_failure = false; break;
                case 'I': o.submission_id = optarg; break;
                case 'U':
                        if (uid_range_parse(optarg, &o.uid_range, &err) < 0) {
                                fprintf(stderr, "judge run: --uid-range: %s\n", err.msg);
                                return EXIT_USAGE;
                        }
                        break;
                case 'h': return usage_run(stdout);
                default: return usage_run(stderr);
                }
        }
        if (argc - optind != 2)
                return usage_run(stderr);
        const char *dir = argv[optind], *file = argv[optind + 1];
        const struct lang_handler *h;
        if (!lang_name && lang_handler_for_path(file, &h, &err) < 0) {
                fprintf(stderr, "judge run: %s; use --lang\n", err.msg);
                return EXIT_USAGE;
        }
        if (!lang_name)
                lang_name = h->name;
        if (!o.uid_range.last && uid_range_default(&o.uid_range, &err) < 0) {
                fprintf(stderr, "judge run: %s\n", err.msg);
                return EXIT_USAGE;
        }

        _cleanup_(lang_freep) struct lang *l = NULL;
        if (lang_load(lang_name, &l, &err) < 0) {
                fprintf(stderr, "judge run: %s\n", err.msg);
                return EXIT_USAGE;
        }
        struct diag_list diags = { 0 };
        _cleanup_(problem_freep) struct problem *p = NULL;
        int r = problem_load(dir, &p, &diags, &err);
        if (r < 0) {
                fprintf(stderr, "judge run: %s is not a valid problem package:\n", dir);
                for (size_t i = 0; i < diags.n; i++)
                        if (diags.items[i].level == DIAG_ERROR)
                                fprintf(stderr, "  %s: %s\n", diags.items[i].file, diags.items[i].msg);
                if (!diags.n_errors)
                        fprintf(stderr, "  %s\n", err.msg);
                diag_list_free(&diags);
                return EXIT_USAGE;
        }
        diag_list_free(&diags);
        _cleanup_free_ char *code = NULL;
        size_t code_len = 0;
        if (read_file_capped(file, 1 << 20, &code, &code_len, &err) < 0) {
                fprintf(stderr, "judge run: %s\n", err.msg);
                return EXIT_USAGE;
        }

        _cleanup_(engine_freep) struct engine *e = cli_engine_open(url, true);
        if (!e)
                return EXIT_USAGE;
        _cleanup_(judge_result_freep) struct judge_result *res = NULL;
        r = judge_submission(e, p, l, code, code_len, &o, &res, &err);
        if (judge_interrupted) {
                fprintf(stderr, "judge run: interrupted; the container was removed\n");
                return EXIT_INTERRUPTED;
        }
        if (r < 0) {
                if (json) {
                        _cleanup_buf_ struct buf b;
                        buf_init(&b, 1 << 20);
                        buf_puts(&b, "{\"verdict\":\"IE\",\"verdict_name\":\"Internal Error\",\"message\":");
                        buf_json_string(&b, err.msg, strlen(err.msg));
                        if (buf_puts(&b, "}") >= 0)
                                printf("%s\n", b.data);
                }
                fprintf(stderr, "judge run: %s\n", err.msg);
                return EXIT_USAGE;
        }
        if (json) {
                struct buf b;
                buf_init(&b, (size_t) 512 << 20);
                if (judge_result_json(res, p, l, true, &b) < 0) {
                        buf_free(&b);
                        fprintf(stderr, "judge run: the result is too large to print\n");
                        return EXIT_USAGE;
                }
                printf("%s\n", b.data);
                buf_free(&b);
        } else
                print_table(res, p, l);
        return res->verdict == VERDICT_AC ? EXIT_AC : EXIT_VERDICT;
}
