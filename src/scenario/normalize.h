/*
 * normalize.h -- text normalisation for quote checking (internal to the
 * scenario loader), the same rules as the reference quote checker.
 */
#ifndef ENT_SCENARIO_NORMALIZE_H
#define ENT_SCENARIO_NORMALIZE_H

#include <stddef.h>

/*
 * UTF-8 in, UTF-8 out (owned by the caller): compatibility characters
 * folded (ligatures, no-break and other wide spaces, ellipsis, fullwidth
 * ASCII), soft hyphens dropped, "word-<line break>word" joined, curly
 * quotes and en/em dashes folded to ' " -, runs of white space collapsed
 * to one space, ends trimmed, letters lower-cased (ASCII, Latin-1, Latin
 * Extended-A, Greek, Cyrillic).  Invalid UTF-8 reads as U+FFFD.
 */
char *scn_norm_text(const char *text, size_t len);
/* Only the [0-9a-z] characters of a normalised text. */
char *scn_loose_text(const char *norm);

#endif
