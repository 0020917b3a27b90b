/*
 * record.h - one trial as read from an export, before any interpretation:
 * the registry-neutral record every reader produces (ingest stage).
 *
 * Values are cleaned text: surrounding white space trimmed, the registry's
 * literal "null" turned into "", HTML entities decoded, non-breaking spaces
 * made plain, control characters other than newline and tab made spaces,
 * and invalid UTF-8 replaced by U+FFFD (record_clean_value does all of
 * it). Nothing else is changed: mapping raw labels to categories is the
 * analyze stage's work.
 *
 * Multi-valued fields (conditions, interventions, phases, collaborators,
 * countries, locations) hold their items joined by '|', as
 * ClinicalTrials.gov's CSV export does; a reader of a format with another
 * separator joins the items with '|' (and turns a '|' inside an item into
 * '/'). Interventions read best as "TYPE: name" items ("Drug: Pazopanib").
 */
#ifndef TS_INGEST_RECORD_H
#define TS_INGEST_RECORD_H

#include <stddef.h>

#include "common/error.h"
#include "common/strbuf.h"
#include "ingest/registry.h"

/* The fields trialscape reads, whatever their name in a given format. */
typedef enum ts_column {
    TS_COL_ID,              /* the primary identifier as the registry
                             * writes it: "NCT01234567",
                             * "EUCTR2015-001234-56-DE", "ISRCTN12345678" */
    TS_COL_TITLE,
    TS_COL_URL,             /* the record's page; identifies the trial
                             * when there is no TS_COL_ID */
    TS_COL_ACRONYM,
    TS_COL_STATUS,
    TS_COL_CONDITIONS,
    TS_COL_INTERVENTIONS,
    TS_COL_SPONSOR,         /* lead sponsor first */
    TS_COL_COLLABORATORS,
    TS_COL_SEX,
    TS_COL_AGE,
    TS_COL_PHASES,
    TS_COL_ENROLLMENT,
    TS_COL_FUNDER,
    TS_COL_STUDY_TYPE,
    TS_COL_DESIGN,
    TS_COL_OTHER_IDS,       /* secondary identifiers, any separators:
                             * other registries' numbers found in it link
                             * records of one trial */
    TS_COL_START,
    TS_COL_PRIMARY_COMPLETION,
    TS_COL_COMPLETION,
    TS_COL_FIRST_POSTED,
    TS_COL_LOCATIONS,       /* sites, "Facility, City, Zip, Country|...":
                             * the country is each site's last part */
    TS_COL_COUNTRIES,       /* country names, "Germany|France|..." (for
                             * formats that list countries, not sites) */
    /* Fields only structured exports (ClinicalTrials.gov JSON) carry; CSV
     * exports leave them absent. Lists are "|"-joined like the CSV's. */
    TS_COL_KEYWORDS,            /* conditionsModule.keywords */
    /* Derived condition MeSH descriptors (conditionBrowseModule.meshes):
     * terms, and their ids at the same positions, written "D" + 9 digits
     * (the registry pads old ids: D000001943 is MeSH's D001943; compare
     * ids by number). */
    TS_COL_CONDITION_MESH,
    TS_COL_CONDITION_MESH_ID,
    /* Their MeSH ancestors (conditionBrowseModule.ancestors), same form. */
    TS_COL_CONDITION_ANCESTORS,
    TS_COL_CONDITION_ANCESTOR_ID,
    /* Other names of each intervention, at the positions of Interventions:
     * one "|"-separated group per intervention, names within a group
     * joined by "; " (a group is empty when it has none). */
    TS_COL_INTERVENTION_OTHER_NAMES,
    /* Arm groups as "TYPE: label", and at the same positions the
     * interventions each arm gets, joined by "; ". */
    TS_COL_ARM_GROUPS,
    TS_COL_ARM_INTERVENTIONS,
    /* Whether results are posted: "YES"/"NO" (the current CSV and JSON's
     * hasResults), "Has Results"/"No Results Available" (classic). */
    TS_COL_RESULTS,
    /* Whether Enrollment is the actual number or the planned one:
     * "ACTUAL"/"ESTIMATED" (JSON), "Actual"/"Anticipated" (API v1). CSV
     * exports do not say; the analysis then goes by the status. */
    TS_COL_ENROLLMENT_TYPE,
    /* The recruitment status, where a registry keeps it apart from the
     * trial's overall status (ISRCTN's "Recruitment status" beside
     * "Overall trial status"). Such a reader also writes both into
     * TS_COL_STATUS, as "Overall / Recruitment", which the analyze stage
     * maps with the registry's vocabulary. */
    TS_COL_RECRUITMENT,
    /* The parts a reader merged into this record itself, when there are
     * two or more: "LINE LABEL|LINE LABEL|..." in reading order, LINE
     * where the part begins, LABEL what tells it apart (the EU CTR
     * download's member-state blocks of one trial: "12 Germany - BfArM").
     * Empty for a record of one part. The merge stage lists each part in
     * tables/duplicates.tsv and counts it as a record read. */
    TS_COL_PARTS,
    TS_COL_COUNT
} ts_column;

/* The primary identifier's column under its name before registries other
 * than ClinicalTrials.gov were read. */
#define TS_COL_NCT TS_COL_ID

/* A value record: the views point into the reader's buffers and are valid
 * only during the callback that receives the record. */
typedef struct ts_record {
    const char *format;                 /* static; the reader's format name
                                         * (e.g. "ctgov-modern") */
    ts_registry registry;               /* registry of the primary id;
                                         * TS_REG_UNKNOWN: tell by the id */
    int copy;                           /* 1: a copy held by an aggregator
                                         * (a WHO ICTRP record), 0: the
                                         * registry's own export */
    const char *file;                   /* borrowed; display name */
    unsigned long line;                 /* physical line where it starts */
    unsigned long row;                  /* 1-based record number */
    const char *value[TS_COL_COUNT];    /* cleaned text; "" if empty */
    size_t len[TS_COL_COUNT];           /* byte length of value[i] */
    unsigned char present[TS_COL_COUNT];/* 1 if the file has the field */
    const char *name[TS_COL_COUNT];     /* the export's name of each
                                         * present field ("Other IDs"),
                                         * NULL if absent; views */
} ts_record;

/* A column's key in manifest.json ("nct_id", "condition_mesh", ...). */
const char *record_column_key(ts_column c);

/* Receives each record a reader produces (ingest_file and the readers). */
typedef ts_status (*ts_record_fn)(void *ctx, const ts_record *rec,
                                  ts_error *err);

/*
 * Appends the cleaned form of raw[0..len) to out, plus a NUL, and returns
 * the offset of the cleaned value in out->buf. The cleaned length is
 * returned in *clean_len. *bad_utf8 is set to 1 (never reset) when invalid
 * UTF-8 was replaced.
 */
size_t record_clean_value(ts_strbuf *out, const char *raw, size_t len,
                          size_t *clean_len, int *bad_utf8);

/*
 * A reader that reshapes cleaned values (splits a registry's lists into
 * '|'-joined ones, drops placeholders, extracts ids) writes the new values
 * into a shaper, then points the record at them with shaper_apply(). The
 * record's other values are untouched.
 */
typedef struct ts_shaper {
    ts_strbuf *buf;                     /* borrowed; new values, each
                                         * NUL-terminated */
    size_t off[TS_COL_COUNT];           /* offset of a new value in buf */
    unsigned char set[TS_COL_COUNT];    /* 1 once col has a new value */
    int open;                           /* column being written, or -1 */
} ts_shaper;

/* Starts a record's new values, written to the end of buf (which the
 * caller empties and frees). */
void shaper_init(ts_shaper *sh, ts_strbuf *buf);
/* Starts col's new value (empty); sb_append to sh->buf to fill it, then
 * shaper_end(). */
void shaper_begin(ts_shaper *sh, ts_column col);
/* Appends one item to the value begun: trims it, turns inner newlines
 * and tabs into spaces, skips it when empty, and puts a '|' before every
 * item but the first. Returns 1 if it was added. */
int shaper_item(ts_shaper *sh, const char *s, size_t n);
void shaper_end(ts_shaper *sh);
/* As shaper_item, but an item already in the value (compared without
 * regard to case) and a placeholder ("N/A", "NA", "None", "No", "Nil",
 * "-") are left out. */
int shaper_item_once(ts_shaper *sh, const char *s, size_t n);
/* col's new value is s[0..n), trimmed. */
void shaper_put(ts_shaper *sh, ts_column col, const char *s, size_t n);
/* Points rec->value/len of every column given a new value at it, and
 * marks it present; the views live until buf changes. */
void shaper_apply(ts_shaper *sh, ts_record *rec);

/*
 * Splits a registry list into items, passing each to shaper_item: items
 * are separated by any of the characters in seps, by newlines, and by the
 * HTML line break "<br>" (in any case, also "<br/>", "<br />") that WHO
 * ICTRP keeps in its text. Returns the number of items added.
 */
size_t record_split(ts_shaper *sh, const char *s, size_t n, const char *seps);

/* col's new value is the text s[0..n) on one line: every "<br>",
 * newline and run of white space becomes one space. */
void record_one_line(ts_shaper *sh, ts_column col, const char *s, size_t n);

/* col's new value is s[0..n) with every "<br>" a line break, each line
 * trimmed and empty lines dropped. */
void record_lines(ts_shaper *sh, ts_column col, const char *s, size_t n);

/* 1 if s[0..n) starts with the ASCII prefix p, ignoring case. */
int record_prefix(const char *s, size_t n, const char *p);

#endif
