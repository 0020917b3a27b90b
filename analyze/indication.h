/*
 * indication.h - groups a trial's conditions into an indication (panel C)
 * with an ordered, editable rule file (analyze stage).
 *
 * Rule file (data/indications.tsv): lines "group<TAB>expression", tried in
 * order; the first rule whose expression holds names the group, and a
 * trial no rule matches is "Other". An expression is clauses joined by
 * " & ", all of which must hold; a clause is terms joined by "|", at least
 * one of which must occur in the conditions; a clause starting with "!"
 * must not hold. Terms match case-insensitively at the start of a word
 * anywhere in the trial's conditions. Example:
 *   NF1-associated MPNST<TAB>nf1|neurofibromatosis & mpnst|malignant peripheral nerve sheath
 */
#ifndef TS_ANALYZE_INDICATION_H
#define TS_ANALYZE_INDICATION_H

#include <stddef.h>

#include "common/error.h"

typedef struct ts_rules ts_rules;

#define TS_INDICATION_OTHER "Other"

/* Loads a rule file. TS_ERR_IO if unreadable, TS_ERR_DICT with line and
 * column for a malformed rule (empty group, empty term, bad header). */
ts_status rules_load(const char *path, ts_rules **out, ts_error *err);
void rules_free(ts_rules *r);

/* Number of groups (without "Other") and their names, in file order
 * (a group named by several rules appears once). */
size_t rules_ngroups(const ts_rules *r);
const char *rules_group(const ts_rules *r, size_t i);

/* Returns the group index of conditions[0..len), or rules_ngroups() for
 * "Other". */
size_t rules_match(const ts_rules *r, const char *conditions, size_t len);

#endif
