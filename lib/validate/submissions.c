/* The lint of a problem package's submissions/ folder (see submissions.h). */
#include "validate/submissions.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/macro.h"
#include "lang/lang.h"

static const char *const expected_dirs[] = {
        "accepted",      "wrong_answer", "time_limit_exceeded", "memory_limit_exceeded",
        "runtime_error", "compile_error", "output_limit_exceeded",
};

void submissions_check(const char *dir, struct diag_list *diags) {
        _cleanup_free_ char *sub = NULL;
        if (asprintf(&sub, "%s/submissions", dir) < 0)
                return;
        DIR *d = opendir(sub);
        if (!d)
                return; /* optional */
        struct dirent *de;
        while ((de = readdir(d))) {
                if (de->d_name[0] == '.')
                        continue;
                bool known = false;
                for (size_t i = 0; i < ELEMENTSOF(expected_dirs); i++)
                        if (strcmp(de->d_name, expected_dirs[i]) == 0)
                                known = true;
                _cleanup_free_ char *rel = NULL;
                if (asprintf(&rel, "submissions/%s", de->d_name) < 0)
                        break;
                if (!known) {
                        diag_add(diags, DIAG_WARNING, rel, "not one of the expected verdict directories "
                                                           "(accepted, wrong_answer, ...); ignored");
                        continue;
                }
                _cleanup_free_ char *full = NULL;
                if (asprintf(&full, "%s/%s", sub, de->d_name) < 0)
                        break;
                DIR *sd = opendir(full);
                if (!sd) {
                        diag_add(diags, DIAG_WARNING, rel, "not a directory; ignored");
                        continue;
                }
                struct dirent *fe;
                while ((fe = readdir(sd))) {
                        if (fe->d_name[0] == '.')
                                continue;
                        if (!lang_for_path(fe->d_name))
                                diag_add(diags, DIAG_WARNING, rel, "%s: unknown language extension; ignored",
                                         fe->d_name);
                }
                closedir(sd);
        }
        closedir(d);
}
