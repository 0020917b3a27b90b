/*
 * indication.h - groups a trial's conditions into an indication (panel C):
 * with an ordered, editable rule file (a user's, or a shipped set), or
 * automatically, at a level chosen from the data (analyze stage).
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

#include "analyze/mesh.h"
#include "analyze/meshgroup.h"
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

/* The file a rule set was loaded from and its SHA-256 (64 hex digits). */
const char *rules_path(const ts_rules *r);
const char *rules_sha256(const ts_rules *r);

/*
 * The grouping of a run (ts_indications): one of
 *   - a rule file given by the user, used for every trial;
 *   - a shipped rule set named by the user (--indications sarcoma);
 *   - automatic: the shipped sets are tried on the trials observed, and
 *     the first that fits best is used; when none fits, the conditions are
 *     mapped to MeSH and grouped at a level chosen from the data
 *     (meshgroup.h). A set fits when it leaves at most 20% of the trials
 *     with conditions in "Other" and puts at most 75% of them in one
 *     group (one group for nearly every trial says nothing); among sets
 *     that fit, the one with the fewest trials in "Other" wins, ties going
 *     to the set added first.
 * Automatic grouping is decided from the trials observed before
 * indication_decide() (the caller holds the first trials back until
 * then; see landscape_hold()).
 */
typedef struct ts_indications ts_indications;

/* The shipped rule sets, in the order automatic grouping tries them:
 * "sarcoma" (the letter's MPNST groups), "haematological" (also
 * "hematological") and "solid-tumours" (also "solid-tumors", by primary
 * site). Names and their files (in the data directory). */
size_t indication_nshipped(void);
const char *indication_shipped_name(size_t i);
const char *indication_shipped_file(size_t i);
/* The set called name (or an alias of it), or (size_t)-1. */
size_t indication_find_shipped(const char *name);

typedef enum ts_grouping {
    TS_GROUPING_FILE,       /* the user's rule file */
    TS_GROUPING_NAMED,      /* a shipped set named by the user */
    TS_GROUPING_SHIPPED,    /* a shipped set chosen automatically */
    TS_GROUPING_MESH        /* MeSH, level chosen from the data */
} ts_grouping;

ts_indications *indication_new(void);
void indication_free(ts_indications *ix);

/* Uses rules (borrowed) for every trial; name (copied) is the set's name
 * or the file as the user gave it. */
void indication_use_rules(ts_indications *ix, const ts_rules *rules,
                          const char *name, ts_grouping how);
/* Automatic grouping: a shipped set to try (borrowed; tried in the order
 * added), and the MeSH table (borrowed) for when none fits (NULL: none;
 * then "Other" for every trial if no set fits). */
void indication_add_candidate(ts_indications *ix, const ts_rules *rules,
                              const char *name);
void indication_use_mesh(ts_indications *ix, const ts_mesh *mesh);

/* 1 while the grouping still depends on trials not observed. */
int indication_pending(const ts_indications *ix);
/* Counts one trial toward the decision: its conditions ('|', ';' or
 * newline separated) and the MeSH descriptor ids its export gives
 * (mesh[0..mlen), '|'-separated; may be empty). */
void indication_observe(ts_indications *ix, const char *cond, size_t len,
                        const char *mesh, size_t mlen);
void indication_decide(ts_indications *ix);

/* The group of a trial (decides first if pending): "Not reported" when it
 * has neither conditions nor MeSH ids, "Other" when no rule matches,
 * "Unclassified" when no condition maps to MeSH. The view is valid until
 * indication_free(). Where export MeSH ids name descriptors of the table,
 * they are used and the texts are not mapped. */
const char *indication_label(ts_indications *ix, const char *cond,
                             size_t len, const char *mesh, size_t mlen);
/* The conditions of the trial last labelled that mapped to no MeSH
 * descriptor (views into its cond). */
size_t indication_nunmapped(const ts_indications *ix);
const char *indication_unmapped(const ts_indications *ix, size_t i,
                                size_t *len);

/* After the decision: the groups to list, in order (without "Not
 * reported" and "Unclassified"). */
size_t indication_ngroups(const ts_indications *ix);
const char *indication_group(const ts_indications *ix, size_t i);

/* What was used: how, the set's name or file (NULL for MeSH), the MeSH
 * focus (a descriptor label, NULL for disease areas or rules), the trials
 * the decision looked at, and one line saying all that for people. */
ts_grouping indication_grouping(const ts_indications *ix);
const char *indication_name(const ts_indications *ix);
const ts_rules *indication_rules(const ts_indications *ix);
const ts_mesh *indication_mesh(const ts_indications *ix);
const char *indication_focus(const ts_indications *ix);
const char *indication_focus_tree(const ts_indications *ix);
unsigned long indication_observed(const ts_indications *ix);
const char *indication_describe(ts_indications *ix);

#endif
