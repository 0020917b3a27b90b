/*
 * fieldmap.c - header names of each supported export (ingest stage).
 */
#include "ingest/fieldmap.h"

#include <string.h>
#include <strings.h>

typedef struct colname {
    ts_column col;
    const char *modern;     /* ctg-studies.csv name, NULL if none */
    const char *classic;    /* SearchResults name, NULL if none */
} colname;

static const colname names_table[] = {
    {TS_COL_NCT, "NCT Number", "NCT Number"},
    {TS_COL_TITLE, "Study Title", "Title"},
    {TS_COL_URL, "Study URL", "URL"},
    {TS_COL_ACRONYM, "Acronym", "Acronym"},
    {TS_COL_STATUS, "Study Status", "Status"},
    {TS_COL_CONDITIONS, "Conditions", "Conditions"},
    {TS_COL_INTERVENTIONS, "Interventions", "Interventions"},
    {TS_COL_SPONSOR, "Sponsor", "Sponsor/Collaborators"},
    {TS_COL_COLLABORATORS, "Collaborators", NULL},
    {TS_COL_SEX, "Sex", "Gender"},
    {TS_COL_AGE, "Age", "Age"},
    {TS_COL_PHASES, "Phases", "Phases"},
    {TS_COL_ENROLLMENT, "Enrollment", "Enrollment"},
    {TS_COL_FUNDER, "Funder Type", "Funded Bys"},
    {TS_COL_STUDY_TYPE, "Study Type", "Study Type"},
    {TS_COL_DESIGN, "Study Design", "Study Designs"},
    {TS_COL_OTHER_IDS, "Other IDs", "Other IDs"},
    {TS_COL_START, "Start Date", "Start Date"},
    {TS_COL_PRIMARY_COMPLETION, "Primary Completion Date",
     "Primary Completion Date"},
    {TS_COL_COMPLETION, "Completion Date", "Completion Date"},
    {TS_COL_FIRST_POSTED, "First Posted", "First Posted"},
    {TS_COL_LOCATIONS, "Locations", "Locations"},
};

#define NNAMES (sizeof(names_table) / sizeof(names_table[0]))

/* Header names only the modern export uses, and only the classic one. */
static const char *const modern_only[] = {
    "Study Status", "Study Title", "Study URL", "Funder Type",
    "Study Design", "Brief Summary", "Collaborators", "Sex",
};
static const char *const classic_only[] = {
    "Rank", "Title", "Status", "URL", "Funded Bys", "Study Designs",
    "Gender", "Sponsor/Collaborators", "Outcome Measures",
};

static int name_eq(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name);

    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n == k && strncasecmp(s, name, k) == 0;
}

static size_t count_names(size_t n, const char *const *names,
                          const size_t *lens, const char *const *list,
                          size_t nlist)
{
    size_t i, j, hits = 0;

    for (j = 0; j < nlist; j++)
        for (i = 0; i < n; i++)
            if (name_eq(names[i], lens[i], list[j])) {
                hits++;
                break;
            }
    return hits;
}

ts_status fieldmap_build(ts_fieldmap *map, size_t n, const char *const *names,
                         const size_t *lens, const char *file,
                         unsigned long line, ts_error *err)
{
    size_t i, j, modern, classic, known = 0;

    memset(map, 0, sizeof(*map));
    map->duplicate = -1;
    for (j = 0; j < TS_COL_COUNT; j++)
        map->index[j] = -1;
    map->ncolumns = n;
    map->width = n;
    while (map->width > 0 && lens[map->width - 1] == 0)
        map->width--;

    modern = count_names(n, names, lens, modern_only,
                         sizeof(modern_only) / sizeof(modern_only[0]));
    classic = count_names(n, names, lens, classic_only,
                          sizeof(classic_only) / sizeof(classic_only[0]));
    map->format = modern >= classic ? TS_FORMAT_CTGOV_MODERN
                                    : TS_FORMAT_CTGOV_CLASSIC;

    for (j = 0; j < NNAMES; j++) {
        const char *want = map->format == TS_FORMAT_CTGOV_MODERN
                               ? names_table[j].modern
                               : names_table[j].classic;

        if (!want)
            continue;
        for (i = 0; i < n; i++) {
            if (!name_eq(names[i], lens[i], want))
                continue;
            if (map->index[names_table[j].col] < 0) {
                map->index[names_table[j].col] = (long)i;
                known++;
            } else if (map->duplicate < 0) {
                map->duplicate = (long)i;
            }
        }
    }
    if (known == 0 ||
        (map->index[TS_COL_NCT] < 0 && map->index[TS_COL_URL] < 0)) {
        map->format = TS_FORMAT_UNKNOWN;
        return ts_error_set(err, TS_ERR_PARSE, file, line, 0,
                            "unrecognized header: expected a "
                            "ClinicalTrials.gov export with an \"NCT "
                            "Number\" or URL column (e.g. \"NCT Number,"
                            "Study Title,...\")");
    }
    return TS_OK;
}

const char *fieldmap_column_name(const ts_fieldmap *map, ts_column c)
{
    size_t j;

    for (j = 0; j < NNAMES; j++)
        if (names_table[j].col == c)
            return map->format == TS_FORMAT_CTGOV_CLASSIC &&
                           names_table[j].classic
                       ? names_table[j].classic
                       : names_table[j].modern;
    return "?";
}

int fieldmap_has_name(const ts_fieldmap *map, ts_column c)
{
    size_t j;

    for (j = 0; j < NNAMES; j++)
        if (names_table[j].col == c)
            return (map->format == TS_FORMAT_CTGOV_CLASSIC
                        ? names_table[j].classic
                        : names_table[j].modern) != NULL;
    return 0;
}
