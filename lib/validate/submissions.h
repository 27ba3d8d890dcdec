/* The lint of a problem package's submissions/ folder, for `judge validate`: a folder that is not
 * one of the verdict names, a file no language claims by its extension. It lives here, not in
 * problem_load, because the problem model comes before the language registry. */
#pragma once

#include "problem/problem.h"

/* Add a warning to diags for each thing in dir/submissions that `judge validate` will ignore.
 * A missing submissions/ folder is no warning (it is optional). */
void submissions_check(const char *dir, struct diag_list *diags);
