/*
 * compare.h - what changed between two landscapes A and B, trial by trial
 * (analyze stage): trials only in B (added), only in A (removed), and
 * trials in both whose status or phase differ.
 *
 * Trials are matched by identifier: the NCT number, else the registry's
 * own identifier (TS_COL_ID); a trial with neither cannot be matched and
 * is only counted. Side A is read first and its trials are held in a hash
 * table; side B is looked up as it is read, so memory grows with A's
 * trials only: 16 bytes a table slot, at most 70% of slots used (16 to 46
 * bytes a trial; 34 at one million NCT numbers), plus the text of any
 * identifier that is not an NCT number, plus 16 bytes a change found.
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

/* Notes a trial of A (read by landscape_read, not a duplicate); kept is 1
 * when it passed the filter. All of A comes before any of B. */
void compare_add_a(ts_compare *c, const ts_trial *t, int kept);
/* Notes a trial of B and records its changes against A. */
void compare_add_b(ts_compare *c, const ts_trial *t, int kept);
/* After the last trial of B: records A's trials B does not have, and
 * orders the changes by identifier, then kind. */
void compare_finish(ts_compare *c);

/* One change; the strings are views valid until the next call of
 * compare_change or compare_free. */
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
/* Trials of A held, and the bytes the identifier set takes. */
unsigned long compare_held(const ts_compare *c);
size_t compare_memory(const ts_compare *c);

#endif
