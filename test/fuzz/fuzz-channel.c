/* Fuzz target for the runner's answer-channel parser (run_line in harness/runner/runner.c): the
 * lines a harness, or the user's code sharing its process, writes on fd 3.
 *
 * The runner is one static program with file-local functions, so this target includes its source
 * with main renamed and drives the parser the way run_read_channel does: split at newlines, one
 * run_line per line. What must hold, whatever the bytes: the runner never calls it an internal
 * error (a forged or broken line is the submission's verdict), never reports more cases than
 * there are, leaves no reported case "not run", and keeps every answer it accepted valid JSON.
 *
 * Built with -DJUDGE_LIBFUZZER and -fsanitize=fuzzer it is a libFuzzer target; otherwise main()
 * (replay.c) replays every corpus file given as arguments (meson test, suite 'fuzz'). */
#define main judge_runner_main
int judge_runner_main(int argc, char **argv);
#include "../../harness/runner/runner.c"
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_CASES = 3 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct conf c = {
                .cases = FUZZ_CASES,
                .case_time_ms = 1000000, /* the parser is under test here, not the clock */
                .case_wall_ms = 1000000,
                .memory_mb = 1 << 20,
                .output_limit = 1 << 20,
                .stdout_cap = 1024,
                .answer_limit = 1 << 20,
        };
        struct case_result cases[FUZZ_CASES] = { 0 };
        struct result r = { .status = "ok", .cases = cases, .n_cases = FUZZ_CASES };
        struct acct a = { .cpu_kind = ACCT_PROC, .mem_kind = ACCT_PROC, .clk_tck = 100 };
        struct run u = { .c = &c, .r = &r, .acct = &a, .pid = getpid(), .fd = { -1, -1, -1 } };
        clk_tck = 100;
        u.idle_since_ns = u.busy_ns = now_ns();

        const char *p = (const char *) data, *end = p + size;
        while (p < end && !u.stop) {
                const char *nl = memchr(p, '\n', (size_t) (end - p));
                if (!nl)
                        break; /* an unfinished line is never parsed */
                run_line(&u, p, (size_t) (nl - p));
                p = nl + 1;
        }

        if (strcmp(r.status, "ok") != 0)
                abort(); /* a line on the channel made a judge error */
        if (u.done < 0 || u.done > FUZZ_CASES)
                abort();
        for (long long i = 0; i < u.done; i++) {
                if (cases[i].status == CASE_NOT_RUN)
                        abort();
                if (cases[i].answer && !jsonw_valid(cases[i].answer, cases[i].answer_len))
                        abort();
        }
        for (int i = 0; i < FUZZ_CASES; i++) {
                free(cases[i].answer);
                free(cases[i].out.data);
                free(cases[i].err.data);
                jsonw_free(&cases[i].error);
        }
        jsonw_free(&r.message);
        jsonw_free(&r.notes);
        free(u.line);
        return 0;
}
