/*
 * normalize.h - raw registry labels to the normalized categories of SPEC
 * section 5 (analyze stage).
 *
 * Each categorical dimension has a fixed vocabulary of display labels; a
 * value is mapped to an index into it. Both ClinicalTrials.gov vocabularies
 * are accepted whatever the file's format ("RECRUITING" and "Recruiting",
 * "PHASE1|PHASE2" and "Phase 1|Phase 2"). Every vocabulary ends with
 * "Not reported" (no value) and "Unclassified" (a value we cannot map).
 */
#ifndef TS_ANALYZE_NORMALIZE_H
#define TS_ANALYZE_NORMALIZE_H

#include <stddef.h>

typedef enum ts_dim {
    TS_DIM_PHASE,
    TS_DIM_STATUS,
    TS_DIM_STATUS_GROUP,
    TS_DIM_STUDY_TYPE,
    TS_DIM_FUNDER,
    TS_DIM_DESIGN,
    TS_DIM_MASKING,
    TS_DIM_RESULTS,
    TS_DIM_COUNT
} ts_dim;

typedef enum ts_phase {
    TS_PHASE_EARLY_1, TS_PHASE_1, TS_PHASE_1_2, TS_PHASE_2, TS_PHASE_2_3,
    TS_PHASE_3, TS_PHASE_4, TS_PHASE_NA, TS_PHASE_NOT_REPORTED,
    TS_PHASE_UNCLASSIFIED, TS_PHASE_COUNT
} ts_phase;

typedef enum ts_trial_status {
    TS_ST_RECRUITING, TS_ST_NOT_YET, TS_ST_BY_INVITATION, TS_ST_ACTIVE,
    TS_ST_COMPLETED, TS_ST_TERMINATED, TS_ST_WITHDRAWN, TS_ST_SUSPENDED,
    TS_ST_UNKNOWN, TS_ST_AVAILABLE, TS_ST_NO_LONGER_AVAILABLE,
    TS_ST_TEMP_NOT_AVAILABLE, TS_ST_APPROVED, TS_ST_WITHHELD,
    TS_ST_NOT_REPORTED, TS_ST_UNCLASSIFIED, TS_ST_COUNT
} ts_trial_status;

typedef enum ts_status_group {
    TS_GRP_OPEN, TS_GRP_PLANNED, TS_GRP_CLOSED, TS_GRP_COMPLETED,
    TS_GRP_TERMINATED, TS_GRP_WITHDRAWN, TS_GRP_SUSPENDED, TS_GRP_UNKNOWN,
    TS_GRP_OTHER, TS_GRP_NOT_REPORTED, TS_GRP_UNCLASSIFIED, TS_GRP_COUNT
} ts_status_group;

typedef enum ts_study_type {
    TS_TYPE_INTERVENTIONAL, TS_TYPE_OBSERVATIONAL, TS_TYPE_EXPANDED,
    TS_TYPE_NOT_REPORTED, TS_TYPE_UNCLASSIFIED, TS_TYPE_COUNT
} ts_study_type;

typedef enum ts_funder {
    TS_FUND_INDUSTRY, TS_FUND_NIH, TS_FUND_FED, TS_FUND_OTHER_GOV,
    TS_FUND_INDIV, TS_FUND_NETWORK, TS_FUND_AMBIG, TS_FUND_OTHER,
    TS_FUND_UNKNOWN, TS_FUND_NOT_REPORTED, TS_FUND_UNCLASSIFIED,
    TS_FUND_COUNT
} ts_funder;

/* How participants are assigned (the Study Design's Allocation and
 * Intervention Model): randomised, not, or one group (single arm); "Not
 * applicable" for observational studies and expanded access. */
typedef enum ts_design {
    TS_DESIGN_RANDOMIZED, TS_DESIGN_NON_RANDOMIZED, TS_DESIGN_SINGLE_ARM,
    TS_DESIGN_NOT_APPLICABLE, TS_DESIGN_NOT_REPORTED, TS_DESIGN_UNCLASSIFIED,
    TS_DESIGN_COUNT
} ts_design;

/* Who is masked (blinded): the Study Design's Masking. */
typedef enum ts_masking {
    TS_MASK_NONE, TS_MASK_SINGLE, TS_MASK_DOUBLE, TS_MASK_TRIPLE,
    TS_MASK_QUADRUPLE, TS_MASK_NOT_APPLICABLE, TS_MASK_NOT_REPORTED,
    TS_MASK_UNCLASSIFIED, TS_MASK_COUNT
} ts_masking;

/* Whether an enrollment number is the planned (anticipated, estimated)
 * or the actual one. */
typedef enum ts_enroll_type {
    TS_ENROLL_PLANNED, TS_ENROLL_ACTUAL, TS_ENROLL_UNKNOWN,
    TS_ENROLL_TYPES
} ts_enroll_type;

/* Whether the registry has the trial's results (Study Results). */
typedef enum ts_results {
    TS_RESULTS_POSTED, TS_RESULTS_NONE, TS_RESULTS_NOT_REPORTED,
    TS_RESULTS_UNCLASSIFIED, TS_RESULTS_COUNT
} ts_results;

#define TS_LABEL_NOT_REPORTED "Not reported"
#define TS_LABEL_NOT_APPLICABLE "Not applicable"
#define TS_LABEL_UNCLASSIFIED "Unclassified"

/* Vocabulary size and labels of a dimension, in display order. */
size_t norm_count(ts_dim dim);
const char *norm_label(ts_dim dim, int index);
/* The dimension's table name ("phase", "status", "status_group",
 * "study_type", "funder_type"). */
const char *norm_dim_name(ts_dim dim);

/* Upper-cases raw into key, turning each run of other characters into one
 * '_' and trimming them at the ends ("Not yet recruiting" gives
 * "NOT_YET_RECRUITING"). Returns the key length: 0 when raw has no letter
 * or digit, or when the key does not fit in size bytes (the value is then
 * too long to be a label). */
size_t norm_key(const char *raw, size_t len, char *key, size_t size);

/* Each returns an index into its vocabulary. */
ts_phase norm_phase(const char *raw, size_t len);
ts_trial_status norm_status(const char *raw, size_t len);
ts_status_group norm_status_group(ts_trial_status status);
ts_study_type norm_study_type(const char *raw, size_t len);
/* Uses the first class of a "|"-joined list (classic "Funded Bys" puts the
 * lead sponsor's class first). */
ts_funder norm_funder(const char *raw, size_t len);

/*
 * Design and masking from a Study Design value ("Allocation: RANDOMIZED|
 * Intervention Model: PARALLEL|Masking: DOUBLE (PARTICIPANT, ...)|...",
 * or the classic "Allocation: Randomized|...|Masking: None (Open
 * Label)|..."). Allocation N/A, or none with a single-group model, is a
 * single arm. A value without Allocation, Intervention Model or Masking
 * (an observational design), or none at all in a study of type, is "Not
 * applicable" unless the study is interventional (then "Not reported").
 */
void norm_design(const char *raw, size_t len, ts_study_type type,
                 ts_design *design, ts_masking *masking);

/*
 * The type of a trial's enrollment number: from the export when it says
 * ("ACTUAL", "ESTIMATED", "Anticipated"), else from the status as the
 * registry sets it: planned while not yet recruiting, recruiting,
 * enrolling by invitation or suspended; actual once active not
 * recruiting, completed, terminated or withdrawn; unknown otherwise
 * (unknown status, expanded access, no status).
 */
ts_enroll_type norm_enroll_type(const char *raw, size_t len,
                                ts_trial_status status);

/* "YES", "Has Results" -> posted; "NO", "No Results Available" -> none. */
ts_results norm_results(const char *raw, size_t len);

/*
 * Year of a registry date: "2016-03-01", "2016-03", "March 2016",
 * "March 3, 2016", "3/1/2016" (re-saved by spreadsheets). Returns 0 for an
 * empty value and -1 when no plausible year (1900-2100) is found.
 */
int norm_year(const char *raw, size_t len);

/*
 * The calendar date of a registry value: "2016-03-01", "2016-03",
 * "March 2016", "March 3, 2016", "3/1/2016" (month first, as spreadsheets
 * re-save them). Returns 3 for a day, 2 for a month (*day is then 1), and
 * 0 when the value is not one of these forms or not a real date.
 */
int norm_date(const char *raw, size_t len, int *year, int *month, int *day);

/*
 * Writes the NCT identifier ("NCT" + 8 digits) found in raw into out[12]
 * and returns its number (0..99999999), or -1 when there is none. Accepts
 * the bare id and URLs that contain it.
 */
long norm_nct(const char *raw, size_t len, char out[12]);

/*
 * Iterates over the countries of a Locations value ("Facility, City,
 * State, Zip, Country|..."): the country is the last comma-separated part
 * of each site. Call with *pos = 0; each call returns 1 and sets the
 * country's start and length, or returns 0 at the end.
 */
int norm_next_country(const char *raw, size_t len, size_t *pos,
                      const char **start, size_t *clen);

#endif
