/* No set-uid or set-gid file in any language image, on every engine of $JUDGE_TEST_ENGINES, for
 * every language of $JUDGE_LANGS (default: every images/<lang>/): images_check_setid passes on
 * the image the judge runs, and fails, naming su, on its base image (mmdebstrap's essential set
 * keeps setuid su), which shows the check can fail. An image that is not built is a failure. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/images.h"
#include "lang/lang.h"
#include "../unit/tap.h"

static const char all_langs[] = "python cpp java javascript c go rust";

int main(void) {
        const char *engines = getenv("JUDGE_TEST_ENGINES");
        if (!engines || !*engines) {
                CHECK(0, "no engine given: set JUDGE_TEST_ENGINES (scripts/test.sh does)");
                return tap_done();
        }
        const char *langs = getenv("JUDGE_LANGS");
        if (!langs || !*langs)
                langs = all_langs;
        _cleanup_free_ char *ecopy = strdup(engines);
        char *esave = NULL;
        for (char *url = strtok_r(ecopy, " ", &esave); url; url = strtok_r(NULL, " ", &esave)) {
                struct judge_error err = {0};
                struct engine *e = NULL;
                if (engine_open(url, &e, &err) < 0 || engine_ping(e, NULL, &err) < 0) {
                        CHECK(0, "[%s] engine answers: %s", url, err.msg);
                        engine_free(e);
                        continue;
                }
                _cleanup_free_ char *lcopy = strdup(langs);
                char *lsave = NULL;
                bool base_checked = false;
                for (char *name = strtok_r(lcopy, " ", &lsave); name; name = strtok_r(NULL, " ", &lsave)) {
                        struct lang *l = NULL;
                        char *ref = NULL;
                        err = (struct judge_error){0};
                        if (lang_load(name, &l, &err) < 0 || images_ref(l, &ref, &err) < 0) {
                                CHECK(0, "[%s] %s: %s", url, name, err.msg);
                                lang_free(l);
                                continue;
                        }
                        int k = engine_image_exists(e, ref, &err);
                        if (k <= 0) {
                                CHECK(0, "[%s] %s: image %s is not built (judge images build %s)", url, name,
                                      ref, name);
                        } else {
                                k = images_check_setid(e, ref, &err);
                                CHECK(k == 0, "[%s] %s: no set-id file in %s%s%s", url, name, ref,
                                      k ? ": " : "", k ? err.msg : "");
                        }
                        /* The check itself can fail: the base root filesystem still has setuid su. */
                        if (!base_checked && !l->base_image) {
                                char *base = NULL;
                                if (images_base_ref(l, &base, &err) >= 0 &&
                                    engine_image_exists(e, base, NULL) > 0) {
                                        err = (struct judge_error){0};
                                        k = images_check_setid(e, base, &err);
                                        CHECK(k == -EPERM && strstr(err.msg, "/su"),
                                              "[%s] the check fails on the base image %s: %.200s", url, base,
                                              err.msg);
                                        base_checked = true;
                                }
                                free(base);
                        }
                        free(ref);
                        lang_free(l);
                }
                CHECK(base_checked, "[%s] the check was shown to fail on a base image with setuid su", url);
                engine_free(e);
        }
        return tap_done();
}
