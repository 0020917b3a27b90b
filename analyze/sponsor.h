/*
 * sponsor.h - lead sponsor names normalised, so that one organisation is
 * one category however the registry spells it: "Eisai Co., Ltd.", "Eisai
 * Inc." and "EISAI LIMITED" are all Eisai (analyze stage).
 *
 * A name is cut into words (letters, digits and any non-ASCII byte; dots
 * and apostrophes inside a word are dropped, so "S.A." is the word "SA");
 * everything else separates words. Legal forms at the end ("Inc.",
 * "Ltd", "GmbH", "Co.", "Corporation", "S.A.", "A/S", "S.p.A." and
 * others) are dropped, repeatedly, then a dangling "and", and a leading
 * "The"; a name made only of such words is kept whole.
 */
#ifndef TS_ANALYZE_SPONSOR_H
#define TS_ANALYZE_SPONSOR_H

#include <stddef.h>

#include "common/strbuf.h"

/*
 * Replaces the contents of key with the comparison key of name[0..len):
 * the kept words in ASCII lower case joined by single spaces ("eisai",
 * "janssen cilag"). Two names are the same sponsor when their keys are
 * equal. Returns the key's length; 0 for a name without words.
 */
size_t sponsor_key(const char *name, size_t len, ts_strbuf *key);

/*
 * Replaces the contents of out with the name as displayed: the original
 * spelling from its first kept word to its last, white space runs made
 * one space ("Janssen-Cilag, S.A." -> "Janssen-Cilag"). Returns its
 * length; 0 for a name without words.
 */
size_t sponsor_display(const char *name, size_t len, ts_strbuf *out);

#endif
