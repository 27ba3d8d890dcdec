/* runner.conf: the host's instructions to the runner (docs/internals.md, "runner.conf"). */
#pragma once

#include <stddef.h>

struct conf {
        char *workdir;
        char **compile_argv; /* NULL-terminated; n_compile == 0 means no compile step */
        size_t n_compile;
        long long compile_time_ms, compile_memory_mb;
        char **run_argv; /* NULL-terminated, at least one entry */
        size_t n_run;
        char **env; /* NULL-terminated NAME=value lines */
        size_t n_env;
        long long cases, case_time_ms, case_wall_ms, memory_mb, output_limit, stdout_cap, answer_limit,
                stack_mb, nproc, nofile, fsize_mb;
        long long startup_allowance_ms; /* optional (0): CPU of the runtime's boot not charged */
};

/* Parse the file at path into *ret (zeroed first). Unknown keys are ignored; a missing required
 * key, a malformed number or an oversized file fails with a negative errno and a message in
 * errbuf. On failure *ret holds whatever was parsed; conf_free() it either way. */
int conf_load(const char *path, struct conf *ret, char *errbuf, size_t errlen);
void conf_free(struct conf *c);
