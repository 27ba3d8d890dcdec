/* Per-language images, built offline through the engine API: a Debian root filesystem made by
 * mmdebstrap from the machine's own apt sources, imported as a base image, then the language
 * image built FROM it with the runner, the harness and lang.json added. Tags are content
 * hashes, so an unchanged definition is not rebuilt. */
#pragma once

#include <stdbool.h>

#include "engine/engine.h"
#include "base/error.h"
#include "lang/lang.h"


/* The image reference a language's submissions run in: "localhost/judge-<lang>:<hash>", the
 * hash covering images/<lang>/, harness/<lang>/, the runner's sources, the base image, the
 * build recipe (the Dockerfile) and the npm pins. */
int images_ref(const struct lang *l, char **ret, struct judge_error *err);

/* The base image the language's image is built FROM: the admin's ("base" in lang.json), else
 * "localhost/judge-base-<lang>:<hash of the Debian release and the packages>". */
int images_base_ref(const struct lang *l, char **ret, struct judge_error *err);

/* Build the language's image unless one with its hash exists (force: rebuild anyway).
 * Progress lines go to progress. On success *ret_ref (if non-NULL) is the image reference. */
int images_build(struct engine *e, const struct lang *l, bool force, engine_progress_fn progress,
                 void *userdata, char **ret_ref, struct judge_error *err);

/* Fail (-EPERM, the files named in err) if any file of image ref, symlinks aside, has a set-uid or
 * set-gid bit: runs find(1) as root in a throwaway container without network. images_build
 * checks every image it builds this way and removes one that fails. */
int images_check_setid(struct engine *e, const char *ref, struct judge_error *err);

/* Make sure every npm package pinned in lang.json ("npm") is in the cache directory
 * ($JUDGE_CACHE_DIR, else /var/cache/judge for root, else ~/.cache/judge) under npm/, as the
 * tarball `npm pack` writes, and matches its pinned sha256. A missing one is fetched with
 * `npm pack` (the host's npm and its configured registry; the only network use of an image
 * build); a tarball that does not match is refused (-EBADMSG, both hashes in err) and not used.
 * images_build calls this; nothing is fetched when every tarball is cached. */
int images_npm_fetch(const struct lang *l, engine_progress_fn progress, void *userdata, struct judge_error *err);

/* Whether the language's current image exists on the engine. */
int images_present(struct engine *e, const struct lang *l, bool *ret, struct judge_error *err);
