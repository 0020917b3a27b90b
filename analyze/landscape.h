/*
 * landscape.h - the whole analysis of a run: turns each ingested record
 * into a trial's normalized facts and keeps every tally the outputs need
 * (analyze stage).
 *
 * Memory grows with the number of distinct categories, not with the
 * number of trials: trial facts are handed to the caller one at a time
 * (to be written out) and then forgotten. Which records make one trial is
 * the merge stage's business (merge.h): a landscape reads and counts every
 * trial it is given.
 */
#ifndef TS_ANALYZE_LANDSCAPE_H
#define TS_ANALYZE_LANDSCAPE_H

#include <stddef.h>

#include "analyze/classify.h"
#include "analyze/crosstab.h"
#include "analyze/country.h"
#include "analyze/dict.h"
#include "analyze/enrollment.h"
#include "analyze/indication.h"
#include "analyze/merge.h"
#include "analyze/normalize.h"
#include "analyze/tally.h"
#include "ingest/record.h"

typedef struct ts_landscape ts_landscape;

/* Which trials a percentage is of (SPEC section 3). */
typedef enum ts_denominator {
    TS_DENOM_ALL,       /* every trial in the analysed set */
    TS_DENOM_KNOWN      /* only trials with a known value in that table */
} ts_denominator;

/* The normalized facts of one trial; views valid during the callback. */
typedef struct ts_trial {
    const ts_record *rec;       /* borrowed; the raw values (those of the
                                 * record chosen among merged ones) */
    const ts_merged *merged;    /* borrowed; its identifiers and records */
    char nct[12];               /* "NCT01234567" (its own or a linked
                                 * record's) or "" */
    ts_phase phase;
    ts_trial_status status;
    ts_status_group group;
    ts_study_type study_type;
    ts_funder funder;
    int start_year;             /* 0 not reported, -1 unreadable */
    long enrollment;            /* participants; -1 not reported or not a
                                 * whole number */
    ts_enroll_type enroll_type; /* planned or actual */
    ts_design design;           /* randomised, single arm, ... */
    ts_masking masking;
    ts_results results;         /* results posted or not */
    const char *countries;      /* "; "-joined distinct countries, in
                                 * their canonical spelling; view */
    size_t sponsor_len;         /* lead sponsor: rec->value[SPONSOR][0..n) */
    const char *indication;     /* group label; view */
    const ts_class *cls;        /* interventions; NULL without a dict */
    const ts_dict *dict;        /* borrowed; the dict cls refers to */
    int other_vocab;            /* 1: values read with vocab.h (WHO ICTRP,
                                 * EU CTR, CTIS, ISRCTN) */
    unsigned ambiguous;         /* TS_AMBIGUOUS_* of values mapped although
                                 * ambiguous (listed in unmapped.tsv) */
} ts_trial;

#define TS_AMBIGUOUS_PHASE 1u
#define TS_AMBIGUOUS_STATUS 2u
#define TS_AMBIGUOUS_TYPE 4u

/* Table indices, in output order. */
typedef enum ts_table {
    TS_TABLE_PHASE,
    TS_TABLE_STATUS,
    TS_TABLE_STATUS_GROUP,
    TS_TABLE_INDICATION,
    TS_TABLE_REGIMEN,
    TS_TABLE_MODALITY,
    TS_TABLE_CHEMO_CLASS,
    TS_TABLE_TARGETS,
    TS_TABLE_IMMUNO_TARGETS,
    TS_TABLE_STUDY_TYPE,
    TS_TABLE_FUNDER_TYPE,
    TS_TABLE_START_YEAR,
    TS_TABLE_COUNTRY,
    TS_TABLE_SPONSOR,
    TS_TABLE_REGISTRY,
    TS_TABLE_DESIGN,
    TS_TABLE_MASKING,
    TS_TABLE_RESULTS,
    TS_TABLE_UNMATCHED,
    TS_TABLE_COUNT
} ts_table;

/* What a table is, for its outputs (figures, workbook, Summary). All
 * strings are trialscape's own constants. */
typedef struct ts_table_info {
    const char *name;           /* file stem: "chemo_class" */
    const char *title;          /* sheet name: "Chemotherapy class" */
    ts_tally_order order;       /* natural (seed or label) or by count */
    int ordinal;                /* 1: a natural order (phase, status,
                                 * year); never cut to a top N */
    int multi;                  /* 1: a trial may count in several rows */
    int applicable;             /* 1: "Not applicable" rows are trials the
                                 * table does not apply to, outside n */
    const char *scope;          /* what n counts: "trials with
                                 * chemotherapy" */
    const char *known;          /* the same under --denominator=known */
    const char *empty;          /* said when there is nothing to show */
    const char *about;          /* one line on what the table shows */
} ts_table_info;

const ts_table_info *landscape_table_info(ts_table i);

/* Cross-tabs, in output order. */
typedef enum ts_xtab {
    TS_X_PHASE_STATUS,
    TS_X_INDICATION_PHASE,
    TS_X_MODALITY_PHASE,
    TS_X_YEAR_PHASE,
    TS_X_TARGET_PHASE,
    TS_X_YEAR_MODALITY,
    TS_X_SPONSOR_FUNDER,
    TS_X_YEAR_GROUP,
    TS_X_SPONSOR_PHASE,
    TS_X_INDUSTRY_SPONSOR_PHASE,    /* lead sponsors of funder type
                                     * Industry */
    TS_X_OTHER_SPONSOR_PHASE,       /* of any other known funder type */
    TS_X_COUNT
} ts_xtab;

/* What a cross-tab is, for its outputs. */
typedef struct ts_xtab_info {
    const char *scope;          /* what its trials are: "trials with a
                                 * start year" */
    int years;                  /* 1: rows are start years */
    int gaps;                   /* 1: columns are phases and rows with no
                                 * trial at phase II or later are gaps */
    int multi;                  /* 1: a trial may count in several cells
                                 * of a row or several rows */
    const char *about;          /* one line on what it shows */
} ts_xtab_info;

const ts_xtab_info *landscape_xtab_info(ts_xtab i);

/* The gap rule of the phase cross-tabs: 1 if phase column col counts as
 * "phase II or later", which includes phase I/II (a trial that reaches
 * phase II in its second part). */
int landscape_phase_late(size_t col);

/* The immunotherapy-target row that joins PD-1 and PD-L1, as the letter
 * shows them: a trial with an agent against PD-1 (PDCD1), PD-L1 (CD274)
 * or both counts once in it, and PD-1 and PD-L1 have no rows of their own
 * in that table, so no trial is counted twice. */
#define TS_LABEL_PD1_PDL1 "PD-1/PD-L1 (combined)"

ts_landscape *landscape_new(ts_denominator denominator);
void landscape_free(ts_landscape *ls);

/* Reads country names with the table ct from now on (borrowed, e.g. the
 * built-in one extended by the data folder's countries.tsv); NULL: the
 * built-in table. Call before the first trial. A country the table lacks
 * is counted under its name as written and listed in unmapped.tsv. */
void landscape_set_countries(ts_landscape *ls, const ts_countries *ct);

/* Classifies interventions with dict and conditions with rules from now
 * on (both borrowed; either may be NULL to leave those tables empty). */
void landscape_set_classifier(ts_landscape *ls, const ts_dict *dict,
                              const ts_rules *rules);

/* Groups conditions with ix (borrowed) from now on, instead of rules. */
void landscape_set_indications(ts_landscape *ls, ts_indications *ix);
/* The grouping in use, or NULL. */
ts_indications *landscape_indications(const ts_landscape *ls);

/*
 * Automatic indications are chosen from the trials themselves, so the
 * first trials wait until enough are seen: while landscape_pending(),
 * give records to landscape_hold() (which copies and observes them)
 * instead of reading them. It returns 1 when the window is full (5,000
 * trials or 6 MB of text); then, and after the last input, call
 * landscape_release(), which decides the grouping and hands every held
 * record back to fn, in order, to be read and counted as any other
 * (the record is valid during the call). Outside automatic mode nothing
 * is ever pending.
 */
typedef void (*ts_held_fn)(void *ctx, const ts_record *rec);
int landscape_pending(const ts_landscape *ls);
int landscape_hold(ts_landscape *ls, const ts_record *rec);
void landscape_release(ts_landscape *ls, ts_held_fn fn, void *ctx);

/* Trials with conditions (or condition MeSH ids) among those counted:
 * 0 means the export had no conditions to group. */
unsigned long landscape_trials_with_conditions(const ts_landscape *ls);

/* Drug and biological intervention mentions (placebo aside), those
 * matched to a substance, and placebo mentions, over counted trials. */
void landscape_coverage(const ts_landscape *ls, unsigned long *mentions,
                        unsigned long *matched, unsigned long *placebo);

/*
 * Analyses one trial (the merge stage's: its chosen record, identifiers
 * and the registries of its records) into *trial without counting it:
 * normalized values, countries, indication and intervention classes. The
 * views in *trial stay valid until the next read.
 */
void landscape_read(ts_landscape *ls, const ts_merged *m, ts_trial *trial);

/* Counts the trial just read in every tally. */
void landscape_count(ts_landscape *ls, const ts_trial *trial);

/* Notes that the trial just read was left out of the tallies (it did not
 * pass the run's filter). */
void landscape_leave_out(ts_landscape *ls, const ts_trial *trial);

/* landscape_read(), then landscape_count(). */
void landscape_add(ts_landscape *ls, const ts_merged *m, ts_trial *trial);

/* Trials counted; trials left out. */
unsigned long landscape_trials(const ts_landscape *ls);
unsigned long landscape_left_out(const ts_landscape *ls);
ts_denominator landscape_denominator(const ts_landscape *ls);

/* The table with index i (ts_table). */
ts_tally *landscape_table(ts_landscape *ls, ts_table i);
/* The denominator of a table under the run's denominator choice: all
 * trials, less those the table does not apply to ("Not applicable" in
 * chemotherapy class: no chemotherapy), and with --denominator=known less
 * those without a known value. */
unsigned long landscape_table_denominator(ts_landscape *ls, ts_table i);
/* What that denominator counts ("trials with chemotherapy"). */
const char *landscape_table_counts(const ts_landscape *ls, ts_table i);

/* The percentage shown for display row `row` of table i: of the table's
 * denominator, or -1 when the row is outside it (no trials, a "Not
 * reported" kind of row under the "known" denominator, "Not applicable"
 * in a table that does not apply to those trials). */
double landscape_row_percent(ts_landscape *ls, ts_table i, size_t row);

/* The cross-tab with index i (ts_xtab). */
ts_crosstab *landscape_crosstab(ts_landscape *ls, ts_xtab i);

/* Enrollment, planned and actual, by phase (0) and by indication (1). */
#define TS_ENROLLMENT_TABLES 2
ts_enrollment *landscape_enrollment(ts_landscape *ls, size_t i);

/* Raw values that could not be mapped, per field: the tally's labels are
 * the raw values. Fields: "phase", "status", "study_type", "funder_type",
 * "start_date", "country" (a country not in the country table: counted
 * as written), "condition" (a condition no MeSH term matched, in
 * automatic MeSH grouping; see landscape_unmapped_field()). */
size_t landscape_unmapped_count(void);
const char *landscape_unmapped_field(size_t i);
ts_tally *landscape_unmapped(ts_landscape *ls, size_t i);

#endif
