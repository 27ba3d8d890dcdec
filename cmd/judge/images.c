#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "engine/images.h"
#include "cli.h"
#include "lang/lang.h"

static int usage_images(FILE *f) {
        fputs("Usage: judge images build [--engine URL] [--force] [LANG...]\n"
              "       judge images list [--engine URL]\n"
              "\n"
              "build: make each language's image (all languages that have an images/<lang>/lang.json when\n"
              "none is named): a Debian root filesystem made by mmdebstrap from this machine's apt sources,\n"
              "imported through the engine API, then the language image built FROM it with the runner and\n"
              "harness. Images are tagged by a hash of their definition: an unchanged one is not rebuilt.\n"
              "Set JUDGE_BASE_IMAGE_<LANG> (or \"base\" in lang.json) to use an existing base image instead.\n",
              f);
        return f == stdout ? 0 : EXIT_USAGE;
}

int verb_images(int argc, char **argv) {
        static const struct option longopts[] = { { "engine", required_argument, NULL, 'e' },
                                                  { "force", no_argument, NULL, 'f' },
                                                  { "help", no_argument, NULL, 'h' },
                                                  { NULL, 0, NULL, 0 } };
        const char *url = NULL;
        bool force = false;
        int c;
        while ((c = getopt_long(argc, argv, "hf", longopts, NULL)) != -1) {
                switch (c) {
                case 'e': url = optarg; break;
                case 'f': force = true; break;
                case 'h': return usage_images(stdout);
                default: return EXIT_USAGE;
                }
        }
        if (optind >= argc)
                return usage_images(stderr);
        const char *sub = argv[optind++];
        bool build = strcmp(sub, "build") == 0;
        if (!build && strcmp(sub, "list") != 0) {
                fprintf(stderr, "judge images: unknown subcommand '%s'\n", sub);
                return usage_images(stderr);
        }

        /* Which languages: those named, else every one with a definition. */
        const char *names[16];
        size_t n = 0;
        for (int i = optind; i < argc && n < ELEMENTSOF(names); i++)
                names[n++] = argv[i];
        bool all = n == 0;
        if (all)
                for (size_t i = 0; lang_handlers[i].name; i++)
                        names[n++] = lang_handlers[i].name;

        _cleanup_(engine_freep) struct engine *e = cli_engine_open(url, false);
        if (!e)
                return EXIT_USAGE;
        int failed = 0;
        for (size_t i = 0; i < n && !judge_interrupted; i++) {
                struct judge_error err = { 0 };
                _cleanup_(lang_freep) struct lang *l = NULL;
                int r = lang_load(names[i], &l, &err);
                if (r == -ENOENT && all)
                        continue;
                if (r < 0) {
                        fprintf(stderr, "judge images: %s\n", err.msg);
                        failed++;
                        continue;
                }
                _cleanup_free_ char *ref = NULL;
                if (build) {
                        r = images_build(e, l, force, cli_progress, NULL, &ref, &err);
                        if (r < 0) {
                                fprintf(stderr, "judge images: %s: %s\n", l->name, err.msg);
                                failed++;
                        } else
                                printf("%-11s %s\n", l->name, ref);
                } else {
                        bool present = false;
                        r = images_ref(l, &ref, &err);
                        if (r >= 0)
                                r = images_present(e, l, &present, &err);
                        if (r < 0) {
                                fprintf(stderr, "judge images: %s: %s\n", l->name, err.msg);
                                failed++;
                        } else
                                printf("%-11s %-45s %s\n", l->name, ref, present ? "built" : "not built");
                }
        }
        if (judge_interrupted)
                return EXIT_INTERRUPTED;
        return failed ? EXIT_VERDICT : 0;
}
