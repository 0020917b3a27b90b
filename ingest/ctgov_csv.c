/*
 * ctgov_csv.c - the two ClinicalTrials.gov CSV exports: the current
 * ctg-studies.csv (2023 on) and the classic SearchResults.csv/.tsv
 * (before 2024), told apart by the header names only one of them uses
 * (ingest stage; readers "ctgov-modern" and "ctgov-classic").
 */
#include "ingest/csvtable.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const ts_csvname modern_names[] = {
    {TS_COL_ID, "NCT Number"},
    {TS_COL_TITLE, "Study Title"},
    {TS_COL_URL, "Study URL"},
    {TS_COL_ACRONYM, "Acronym"},
    {TS_COL_STATUS, "Study Status"},
    {TS_COL_CONDITIONS, "Conditions"},
    {TS_COL_INTERVENTIONS, "Interventions"},
    {TS_COL_SPONSOR, "Sponsor"},
    {TS_COL_COLLABORATORS, "Collaborators"},
    {TS_COL_SEX, "Sex"},
    {TS_COL_AGE, "Age"},
    {TS_COL_PHASES, "Phases"},
    {TS_COL_ENROLLMENT, "Enrollment"},
    {TS_COL_FUNDER, "Funder Type"},
    {TS_COL_STUDY_TYPE, "Study Type"},
    {TS_COL_DESIGN, "Study Design"},
    {TS_COL_RESULTS, "Study Results"},
    {TS_COL_OTHER_IDS, "Other IDs"},
    {TS_COL_START, "Start Date"},
    {TS_COL_PRIMARY_COMPLETION, "Primary Completion Date"},
    {TS_COL_COMPLETION, "Completion Date"},
    {TS_COL_FIRST_POSTED, "First Posted"},
    {TS_COL_LOCATIONS, "Locations"},
};

static const ts_csvname classic_names[] = {
    {TS_COL_ID, "NCT Number"},
    {TS_COL_TITLE, "Title"},
    {TS_COL_URL, "URL"},
    {TS_COL_ACRONYM, "Acronym"},
    {TS_COL_STATUS, "Status"},
    {TS_COL_CONDITIONS, "Conditions"},
    {TS_COL_INTERVENTIONS, "Interventions"},
    {TS_COL_SPONSOR, "Sponsor/Collaborators"},
    {TS_COL_SEX, "Gender"},
    {TS_COL_AGE, "Age"},
    {TS_COL_PHASES, "Phases"},
    {TS_COL_ENROLLMENT, "Enrollment"},
    {TS_COL_FUNDER, "Funded Bys"},
    {TS_COL_STUDY_TYPE, "Study Type"},
    {TS_COL_DESIGN, "Study Designs"},
    {TS_COL_RESULTS, "Study Results"},
    {TS_COL_OTHER_IDS, "Other IDs"},
    {TS_COL_START, "Start Date"},
    {TS_COL_PRIMARY_COMPLETION, "Primary Completion Date"},
    {TS_COL_COMPLETION, "Completion Date"},
    {TS_COL_FIRST_POSTED, "First Posted"},
    {TS_COL_LOCATIONS, "Locations"},
};

/* Header names only the modern export uses, and only the classic one. */
static const char *const modern_only[] = {
    "Study Status", "Study Title", "Study URL", "Funder Type",
    "Study Design", "Brief Summary", "Collaborators", "Sex",
};
static const char *const classic_only[] = {
    "Rank", "Title", "Status", "URL", "Funded Bys", "Study Designs",
    "Gender", "Sponsor/Collaborators", "Outcome Measures",
};

/* The NCT number, or the page URL that holds it, identifies a trial. */
static const ts_column identity[] = {TS_COL_ID, TS_COL_URL};

static const ts_column important[] = {
    TS_COL_ID, TS_COL_STATUS, TS_COL_PHASES, TS_COL_CONDITIONS,
    TS_COL_INTERVENTIONS, TS_COL_STUDY_TYPE, TS_COL_FUNDER,
    TS_COL_START, TS_COL_LOCATIONS,
};

static const char unrecognized[] =
    "unrecognized header: expected a ClinicalTrials.gov export with an "
    "\"NCT Number\" or URL column (e.g. \"NCT Number,Study Title,...\")";

static const ts_csvtable modern_table = {
    modern_names, COUNT(modern_names), identity, COUNT(identity),
    unrecognized, important, COUNT(important), TS_REG_CTGOV, 0, NULL,
};

static const ts_csvtable classic_table = {
    classic_names, COUNT(classic_names), identity, COUNT(identity),
    unrecognized, important, COUNT(important), TS_REG_CTGOV, 0, NULL,
};

static size_t count_known(const ts_sniff *s, const ts_csvname *names,
                          size_t n)
{
    size_t i, hits = 0;

    for (i = 0; i < n; i++)
        hits += (size_t)sniff_has_cell(s, names[i].name);
    return hits;
}

/* Both exports share most names; the one with more of its own names
 * present wins, the current export on a tie. A header with none of a
 * format's names is not that format. */
static int detect_modern(const ts_sniff *s)
{
    size_t m = sniff_count_cells(s, modern_only, COUNT(modern_only));
    size_t c = sniff_count_cells(s, classic_only, COUNT(classic_only));

    if (!count_known(s, modern_names, COUNT(modern_names)))
        return 0;
    return m >= c ? 60 : 40;
}

static int detect_classic(const ts_sniff *s)
{
    size_t m = sniff_count_cells(s, modern_only, COUNT(modern_only));
    size_t c = sniff_count_cells(s, classic_only, COUNT(classic_only));

    if (!count_known(s, classic_names, COUNT(classic_names)))
        return 0;
    return c > m ? 60 : 40;
}

static ts_status read_modern(ts_source *src, const ts_ingest_opts *opts,
                             ts_sink *sink, ts_error *err)
{
    return csvtable_read(&modern_table, src, opts, sink, err);
}

static ts_status read_classic(ts_source *src, const ts_ingest_opts *opts,
                              ts_sink *sink, ts_error *err)
{
    return csvtable_read(&classic_table, src, opts, sink, err);
}

const ts_reader reader_ctgov_modern = {
    "ctgov-modern", "ClinicalTrials.gov CSV export (ctg-studies.csv)",
    TS_REG_CTGOV, detect_modern, read_modern,
};

const ts_reader reader_ctgov_classic = {
    "ctgov-classic",
    "ClinicalTrials.gov classic export (SearchResults.csv or .tsv)",
    TS_REG_CTGOV, detect_classic, read_classic,
};
