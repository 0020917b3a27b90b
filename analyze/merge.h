/*
 * merge.h - one trial, counted once: records of the same trial, within an
 * input or across inputs and registries, merged by their identifiers
 * (analyze stage).
 *
 * LINKS. A record's primary identifier (its registry's number) and the
 * registry numbers in its secondary-id field (ingest/trialid.h reads them
 * in any writing) are its identifiers. Records sharing an identifier are
 * one trial: a ClinicalTrials.gov record whose Other IDs list a EudraCT
 * number and the EU CTR record of that number; WHO ICTRP's per-country
 * copies of one EU CTR trial (EUCTR2015-001234-56-DE, -FR: the same
 * EudraCT number); a CTIS trial and its resubmission (-00, -01); an NCT
 * number exported twice. A secondary id of the record's own registry
 * names a related study, not the same trial, and links nothing. A trial
 * never holds two different numbers of one registry: a link that would
 * join them is refused with a warning (a EU CTR trial listing two NCT
 * numbers joins the first), so identifiers shared by mistake cannot chain
 * unrelated trials together.
 *
 * PRECEDENCE. A merged trial takes every value from one record, chosen
 * by: (1) the registry of the record's own number, in this order:
 * ClinicalTrials.gov, CTIS, EU CTR, ISRCTN, then the others (registry.h's
 * order); (2) the registry's own export before a copy held by an
 * aggregator (a WHO ICTRP record); (3) the record read first. Its
 * countries are those of every record of the trial.
 *
 * STREAMING. Records that no later record can outrank (ClinicalTrials.gov
 * records from ClinicalTrials.gov's own exports) are handed over as they
 * arrive, once merge_stream() says no outrankable record is still to
 * come; so a ClinicalTrials.gov export of any size keeps the run's memory
 * flat but for the identifier index. Other records are spooled to a file
 * (their cleaned values), their identifiers and countries kept in memory,
 * and handed over by merge_finish(), one per trial, in the order their
 * chosen records were read. A ClinicalTrials.gov record that arrives
 * while streaming takes over the spooled records it links to (its
 * countries joined with theirs) and is handed over at once.
 */
#ifndef TS_ANALYZE_MERGE_H
#define TS_ANALYZE_MERGE_H

#include <stddef.h>

#include "analyze/country.h"
#include "common/error.h"
#include "ingest/csvin.h"
#include "ingest/reader.h"
#include "ingest/record.h"

typedef struct ts_merge ts_merge;

/* One trial after merging, as handed to the callback; views valid during
 * the callback only. */
typedef struct ts_merged {
    const ts_record *rec;       /* the record whose values are used; when
                                 * records were merged, its COUNTRIES field
                                 * lists every record's countries */
    ts_registry registry;       /* registry of the trial's identifier */
    const char *id;             /* that record's identifier, canonical
                                 * (trialid.h); "" when it has none */
    const char *nct;            /* the trial's NCT number (its own or a
                                 * linked record's), "" if none */
    const char *ids;            /* every identifier of the trial, canonical,
                                 * "; "-joined, its own first */
    size_t nrecords;            /* records merged into it (1: none) */
    unsigned registries;        /* bit r set for each registry r of the
                                 * records merged into it */
} ts_merged;

typedef void (*ts_merged_fn)(void *ctx, const ts_merged *trial);

/*
 * A new merge stage handing each trial to fn with ctx; warnings (links
 * refused) go to warn (may be NULL). The spool is created in tmpdir
 * (borrowed; NULL: $TMPDIR or /tmp) when the first record is spooled, and
 * removed by merge_free.
 */
ts_merge *merge_new(const char *tmpdir, ts_merged_fn fn, ts_warn_fn warn,
                    void *ctx);
void merge_free(ts_merge *m);

/* Reads country names with the table ct from now on (borrowed); NULL:
 * the built-in table. Call before the first record. */
void merge_set_countries(ts_merge *m, const ts_countries *ct);

/* 1 if the records of this format may be outranked by records read
 * later, so they are spooled until merge_finish(): read such inputs first.
 * reader may be NULL (format not known yet): 1. */
int merge_defers(const ts_reader *reader);

/* No outrankable record comes from now on: records that cannot be
 * outranked are handed over as they arrive. */
void merge_stream(ts_merge *m);

/* Takes one record (a ts_record_fn: ctx is the ts_merge). TS_ERR_OUTPUT
 * when the spool cannot be written. */
ts_status merge_add(void *m, const ts_record *rec, ts_error *err);

/* Hands over the spooled trials. TS_ERR_OUTPUT when the spool cannot be
 * read back. Call once, after the last merge_add(). */
ts_status merge_finish(ts_merge *m, ts_error *err);

/* Records taken, and trials handed over (so far). */
unsigned long merge_records(const ts_merge *m);
unsigned long merge_trials(const ts_merge *m);

/* One record of a merged trial, for tables/duplicates.tsv and the
 * Duplicates sheet. */
typedef struct ts_dup_row {
    size_t group;               /* 1, 2, ... per merged trial */
    const char *trial_id;       /* the trial's identifier (its chosen
                                 * record's) */
    const char *record_id;      /* this record's identifier as written */
    ts_registry registry;       /* this record's */
    const char *file;           /* this record's input; borrowed */
    unsigned long line;
    const char *linked_by;      /* how it joined ("" for the first):
                                 * "Other IDs lists 2015-001234-56", "same
                                 * EudraCT number (EU CTR country copy)" */
    int used;                   /* 1: the record whose values are used */
} ts_dup_row;

/* The rows of every merged trial (trials of two records or more), in
 * order; valid after merge_finish(). The views stay valid until
 * merge_free(); *row is overwritten by the next call. */
size_t merge_dup_rows(ts_merge *m);
void merge_dup_row(ts_merge *m, size_t i, ts_dup_row *row);

/* A record as the trial of its own it would be if nothing linked to it:
 * its registry and number read as merge_add() reads them, its secondary
 * ids as its identifiers (the first 16). For callers that analyse single
 * records (tests, harnesses); the strings live in *one. */
typedef struct ts_merged_one {
    ts_merged trial;
    char id[40];
    char nct[40];
    char ids[16 * 42];
} ts_merged_one;

const ts_merged *merge_one(const ts_record *rec, ts_merged_one *one);

/* Merged trials (groups) and links refused. */
size_t merge_groups(ts_merge *m);
unsigned long merge_refused(const ts_merge *m);

#endif
