/*
 * replay.c -- runs a fuzz target's LLVMFuzzerTestOneInput on files, without
 * libFuzzer: `make test` builds every target with the normal compiler and
 * replays the seed corpora and every crash reproducer through it (under
 * ASan and UBSan with SANITIZE=1), so they stay regression tests on
 * machines without clang.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The whole file (NULL if it cannot be read or memory runs out). */
static unsigned char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;

    if (!f)
        return NULL;
    for (;;) {
        unsigned char *grown;

        if (n == cap) {
            cap = cap ? 2 * cap : 4096;
            grown = realloc(buf, cap);
            if (!grown) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
        }
        size_t got = fread(buf + n, 1, cap - n, f);

        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *size = n;
    return buf;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        size_t size = 0;
        unsigned char *data = slurp(argv[i], &size);

        if (!data) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            return 1;
        }
        LLVMFuzzerTestOneInput(data, size);
        free(data);
    }
    printf("replayed %d input(s)\n", argc - 1);
    return 0;
}
