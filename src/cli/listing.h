/*
 * listing.h -- option parsing and output shared by the commands that list
 * parts of a scenario (show, sources, timeline, facts, institutions).
 */
#ifndef ENT_CLI_LISTING_H
#define ENT_CLI_LISTING_H

#include "cli/cli.h"

enum {
    LIST_GREP = 1,            /* --grep TEXT */
    LIST_ACTOR = 2,           /* --actor ID */
    LIST_RANGE = 4,           /* --from YEAR --to YEAR */
    LIST_PERIOD = 8,          /* --period P */
    LIST_CHECK = 16,          /* --check */
    LIST_CONTRADICTIONS = 32, /* --contradictions */
};

typedef struct list_args {
    const char *source, *grep, *actor, *period, *output;
    int from, to;
    int check;          /* --check given */
    int contradictions; /* --contradictions given */
    cli_format format;
    int help; /* --help printed the usage: nothing else to do */
} list_args;

/* Parses the options `allowed` permits plus --format, -o and --help.
   Returns ENT_EXIT_OK (a->help: --help was printed), or ENT_EXIT_INPUT
   after a usage error. */
ent_exit list_parse(int argc, char **argv, const char *cmd, unsigned allowed,
                    const char *usage, list_args *a);

/* Case-insensitive substring test; true when needle is NULL. */
int list_match(const char *haystack, const char *needle);

/* Joins a list with `sep` into buf (truncating). */
const char *list_join(const ent_strlist *l, const char *sep, char *buf,
                      size_t size);

/* Prints the table (or CSV) to stdout or -o FILE; frees it.  Returns the
   exit code. */
int list_emit(const list_args *a, ent_table *t, const char *title);

#endif
