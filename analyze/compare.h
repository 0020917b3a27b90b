/*
 * compare.h - what changed between two landscapes A and B, trial by trial
 * (analyze stage): trials only in B (added), only in A (removed), and
 * trials in both whose status or phase differ.
 *
 * Trials are matched by identifier, after each side's records are merged
 * (merge.h): the NCT number (the trial's own or a merged record's), else
 * its registry number in canonical form (trialid.h), else its id as
 * written (TS_COL_ID); a trial with none cannot be matched and is only
 * counted. Every identifier of A and B is held once, with each
 * side's status and phase, in a hash table of 16-byte slots at most 70%
 * full: 23 to 46 bytes a distinct trial (33.6 at one million NCT
 * numbers; while the table doubles, the old one is held too, for a
 * moment), plus the text of any identifier that is not an NCT number.
 * Nothing else grows: the changes are read from the table, which
 * compare_finish sorts in place.
 *
 * With a filter (--where), "in a landscape" means read and kept by the
 * filter: a trial kept in B but not in A is added (when A's export has it
 * but the filter left it out, that is said in its "from" column), and the
 * other way round removed; status and phase changes are those of trials
 * kept on both sides.
 */
#ifndef TS_ANALYZE_COMPARE_H
#define TS_ANALYZE_COMPARE_H

#include <stddef.h>

#include "analyze/landscape.h"

typedef enum ts_change_kind {
    TS_CHANGE_ADDED,    /* only in B */
    TS_CHANGE_REMOVED,  /* only in A */
    TS_CHANGE_STATUS,   /* in both, another status */
    TS_CHANGE_PHASE,    /* in both, another phase */
    TS_CHANGE_COUNT
} ts_change_kind;

/* "added", "removed", "status", "phase". */
const char *compare_kind_name(ts_change_kind kind);

/* The text in a change's from (or to) column when the trial is in that
 * export but the filter left it out. */
#define TS_CHANGE_LEFT_OUT "left out by --where"

typedef struct ts_compare ts_compare;

ts_compare *compare_new(void);
/* Frees c; NULL is a no-op. */
void compare_free(ts_compare *c);

/* Notes a trial of A or of B (read by landscape_read, not a duplicate);
 * kept is 1 when it passed the filter. The first trial of an identifier
 * on a side counts. */
void compare_add_a(ts_compare *c, const ts_trial *t, int kept);
void compare_add_b(ts_compare *c, const ts_trial *t, int kept);
/* After the last trial: orders the changes by identifier, then kind
 * (added, removed, status, phase). No trial may be added afterwards. */
void compare_finish(ts_compare *c);

/* One change; the strings are views valid until the next call of
 * compare_change or compare_free. Reading them in order is fast (each
 * call walks on from the last); out of order, each walks from the
 * start. */
typedef struct ts_change {
    const char *id;             /* "NCT01234567", or the registry's id */
    ts_change_kind kind;
    const char *from;           /* A's label, "" when none */
    const char *to;             /* B's label, "" when none */
} ts_change;

/* Changes after compare_finish, in order. */
size_t compare_changes(const ts_compare *c);
void compare_change(ts_compare *c, size_t i, ts_change *out);
/* Changes of one kind. */
unsigned long compare_count(const ts_compare *c, ts_change_kind kind);

/* Trials of side 0 (A) or 1 (B) without an identifier: counted in their
 * landscape, never matched. */
unsigned long compare_unidentified(const ts_compare *c, int side);
/* Distinct identifiers held (A and B), and the bytes they take. */
unsigned long compare_held(const ts_compare *c);
size_t compare_memory(const ts_compare *c);

#endif
