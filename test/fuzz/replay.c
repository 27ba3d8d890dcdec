/* The corpus replayer every fuzz target here links with (unless built as a libFuzzer target with
 * -DJUDGE_LIBFUZZER -fsanitize=fuzzer): main() feeds each file of the directories (or files)
 * given as arguments, up to 4 MiB of it, to LLVMFuzzerTestOneInput. A target that holds state
 * across inputs frees it in fuzz_replay_done(), if it defines one. */
#ifndef JUDGE_LIBFUZZER
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_replay_done(void) __attribute__((weak));

static int replay(const char *path) {
        FILE *f = fopen(path, "rbe");
        if (!f) {
                perror(path);
                return -1;
        }
        size_t cap = 4 << 20;
        uint8_t *b = malloc(cap);
        if (!b) {
                fclose(f);
                return -1;
        }
        size_t n = fread(b, 1, cap, f);
        fclose(f);
        LLVMFuzzerTestOneInput(b, n);
        free(b);
        return 0;
}

int main(int argc, char **argv) {
        const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
        int files = 0;
        for (int i = 1; i < argc; i++) {
                DIR *d = opendir(argv[i]);
                if (!d) {
                        if (replay(argv[i]) < 0)
                                return 1;
                        files++;
                        continue;
                }
                struct dirent *de;
                while ((de = readdir(d))) {
                        if (de->d_name[0] == '.')
                                continue;
                        char path[4096];
                        snprintf(path, sizeof path, "%s/%s", argv[i], de->d_name);
                        if (replay(path) < 0) {
                                closedir(d);
                                return 1;
                        }
                        files++;
                }
                closedir(d);
        }
        if (fuzz_replay_done)
                fuzz_replay_done();
        if (files == 0) {
                fprintf(stderr, "%s: no corpus files given\n", name);
                return 1;
        }
        printf("%s: replayed %d corpus files\n", name, files);
        return 0;
}
#endif
