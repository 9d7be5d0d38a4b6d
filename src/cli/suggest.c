/*
 * suggest.c -- "did you mean": the known word nearest to a mistyped one,
 * by edit distance (insertions, deletions, substitutions and swaps of
 * neighbouring letters each cost one).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Optimal string alignment distance of a and b (both short). */
static int distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    int *d, result;

    if (n > 64 || m > 64)
        return 99;
    d = ent_xcalloc((n + 1) * (m + 1), sizeof(int));
#define D(i, j) d[(i) * (m + 1) + (j)]
    for (size_t i = 0; i <= n; i++)
        D(i, 0) = (int)i;
    for (size_t j = 0; j <= m; j++)
        D(0, j) = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = D(i - 1, j) + 1;

            if (D(i, j - 1) + 1 < v)
                v = D(i, j - 1) + 1;
            if (D(i - 1, j - 1) + cost < v)
                v = D(i - 1, j - 1) + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < v)
                v = D(i - 2, j - 2) + 1;
            D(i, j) = v;
        }
    result = D(n, m);
#undef D
    free(d);
    return result;
}

const char *cli_suggest(const char *word, const char *const *known, int n)
{
    const char *best = NULL;
    int best_d = 99;
    size_t len = strlen(word);

    for (int i = 0; i < n; i++) {
        int d = distance(word, known[i]);

        /* a unique prefix counts as near */
        if (len >= 3 && strncmp(known[i], word, len) == 0)
            d = 1;
        if (d < best_d) {
            best_d = d;
            best = known[i];
        }
    }
    /* near enough to be a typo: at most 2 edits, and fewer than half */
    if (best && best_d <= 2 && (size_t)best_d * 2 < len + 1)
        return best;
    return NULL;
}

ent_exit cli_unknown_option(const char *cmd, const char *arg,
                            const struct option *longopts)
{
    const char *names[128];
    char word[128];
    const char *hit;
    int n = 0;

    for (int i = 0; longopts[i].name && n < 128; i++)
        names[n++] = longopts[i].name;
    snprintf(word, sizeof word, "%s", arg + strspn(arg, "-"));
    word[strcspn(word, "=")] = '\0';
    hit = strncmp(arg, "--", 2) == 0 ? cli_suggest(word, names, n) : NULL;
    if (hit)
        return cli_usage_error(cmd, "unknown option '%s'; did you mean '--%s'?",
                               arg, hit);
    return cli_usage_error(cmd, "unknown option '%s'", arg);
}
