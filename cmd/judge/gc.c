#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Remove every container and volume labelled judge.owner=judge: what a crash or a kill -9 of
 * a judge left behind. Safe while nothing is judging on this engine; a running judgement's
 * container is removed too (its judge then reports an internal error and retries). */
int verb_gc(int argc, char **argv) {
        static const struct option longopts[] = { { "engine", required_argument, NULL, 'e' },
                                                  { "help", no_argument, NULL, 'h' },
                                                  { NULL, 0, NULL, 0 } };
        const char *url = NULL;
        int c;
        while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
                switch (c) {
                case 'e': url = optarg; break;
                case 'h': printf("Usage: judge gc [--engine URL]\nRemove every container and volume the judge created.\n"); return 0;
                default: return EXIT_USAGE;
                }
        }
        _cleanup_(engine_freep) struct engine *e = cli_engine_open(url, true);
        if (!e)
                return EXIT_USAGE;
        struct judge_error err = { 0 };
        _cleanup_(engine_strv_freep) char **ids = NULL, **vols = NULL;
        if (engine_container_list(e, "judge.owner=judge", &ids, &err) < 0) {
                fprintf(stderr, "judge gc: %s\n", err.msg);
                return EXIT_USAGE;
        }
        int removed = 0, failed = 0;
        for (char **id = ids; id && *id; id++) {
                if (engine_container_remove(e, *id, &err) < 0) {
                        fprintf(stderr, "judge gc: container %.12s: %s\n", *id, err.msg);
                        failed++;
                } else
                        removed++;
        }
        int vremoved = 0;
        if (engine_volume_list(e, "judge.owner=judge", &vols, &err) < 0) {
                fprintf(stderr, "judge gc: %s\n", err.msg);
                return EXIT_USAGE;
        }
        for (char **v = vols; v && *v; v++) {
                if (engine_volume_remove(e, *v, &err) < 0) {
                        fprintf(stderr, "judge gc: volume %s: %s\n", *v, err.msg);
                        failed++;
                } else
                        vremoved++;
        }
        printf("removed %d container(s) and %d volume(s)%s\n", removed, vremoved, failed ? " (some failed)" : "");
        return failed ? 1 : 0;
}
