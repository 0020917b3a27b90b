/*
 * fieldmap.c - header names of each supported CSV export and recognition
 * of the format from them (ingest stage).
 */
#include "ingest/fieldmap.h"

#include <string.h>
#include <strings.h>

static const ts_colname modern_cols[] = {
    {TS_COL_NCT, "NCT Number"},
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
    {TS_COL_OTHER_IDS, "Other IDs"},
    {TS_COL_START, "Start Date"},
    {TS_COL_PRIMARY_COMPLETION, "Primary Completion Date"},
    {TS_COL_COMPLETION, "Completion Date"},
    {TS_COL_FIRST_POSTED, "First Posted"},
    {TS_COL_LOCATIONS, "Locations"},
    {TS_COL_COUNT, NULL},
};

static const ts_colname classic_cols[] = {
    {TS_COL_NCT, "NCT Number"},
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
    {TS_COL_OTHER_IDS, "Other IDs"},
    {TS_COL_START, "Start Date"},
    {TS_COL_PRIMARY_COMPLETION, "Primary Completion Date"},
    {TS_COL_COMPLETION, "Completion Date"},
    {TS_COL_FIRST_POSTED, "First Posted"},
    {TS_COL_LOCATIONS, "Locations"},
    {TS_COL_COUNT, NULL},
};

/* Header names only the modern export uses, and only the classic one. */
static const char *const modern_only[] = {
    "Study Status", "Study Title", "Study URL", "Funder Type",
    "Study Design", "Brief Summary", "Collaborators", "Sex", NULL,
};
static const char *const classic_only[] = {
    "Rank", "Title", "Status", "URL", "Funded Bys", "Study Designs",
    "Gender", "Sponsor/Collaborators", "Outcome Measures", NULL,
};

static const char ctgov_expected[] =
    "a ClinicalTrials.gov export with an \"NCT Number\" or URL column "
    "(e.g. \"NCT Number,Study Title,...\"), or a WHO ICTRP, CTIS or "
    "ISRCTN export";

static const ts_csvformat csv_modern = {
    TS_FORMAT_CTGOV_MODERN, modern_only, modern_cols, TS_COL_NCT,
    ctgov_expected, NULL,
};
static const ts_csvformat csv_classic = {
    TS_FORMAT_CTGOV_CLASSIC, classic_only, classic_cols, TS_COL_NCT,
    ctgov_expected, NULL,
};

/* Other registries' formats, tried when their signature outscores both
 * ClinicalTrials.gov ones. */
static const ts_csvformat *const others[] = {
    &ts_csv_ictrp, &ts_csv_ctis, &ts_csv_isrctn,
};

#define NOTHERS (sizeof(others) / sizeof(others[0]))

static int name_eq(const char *s, size_t n, const char *name, size_t k)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n == k && strncasecmp(s, name, k) == 0;
}

/* 1 if header field s[0..n) is one of the '|'-separated names. */
static int name_in(const char *s, size_t n, const char *names)
{
    while (*names) {
        const char *bar = strchr(names, '|');
        size_t k = bar ? (size_t)(bar - names) : strlen(names);

        if (name_eq(s, n, names, k))
            return 1;
        names += k + (bar ? 1 : 0);
    }
    return 0;
}

static size_t count_names(size_t n, const char *const *names,
                          const size_t *lens, const char *const *list)
{
    size_t i, j, hits = 0;

    for (j = 0; list[j]; j++)
        for (i = 0; i < n; i++)
            if (name_in(names[i], lens[i], list[j])) {
                hits++;
                break;
            }
    return hits;
}

/* Fills map's columns from fmt's names; returns how many were found. */
static size_t map_columns(ts_fieldmap *map, const ts_csvformat *fmt, size_t n,
                          const char *const *names, const size_t *lens)
{
    size_t i, j, known = 0;

    map->duplicate = -1;
    for (j = 0; j < TS_COL_COUNT; j++) {
        map->index[j] = -1;
        map->named[j] = 0;
    }
    for (j = 0; fmt->columns[j].names; j++) {
        ts_column col = fmt->columns[j].col;

        map->named[col] = 1;
        for (i = 0; i < n; i++) {
            if (!name_in(names[i], lens[i], fmt->columns[j].names))
                continue;
            if (map->index[col] < 0) {
                map->index[col] = (long)i;
                known++;
            } else if (map->duplicate < 0) {
                map->duplicate = (long)i;
            }
        }
    }
    return known;
}

ts_status fieldmap_build(ts_fieldmap *map, size_t n, const char *const *names,
                         const size_t *lens, const char *file,
                         unsigned long line, ts_error *err)
{
    size_t j, modern, classic, best = 0, known;
    const ts_csvformat *fmt;

    memset(map, 0, sizeof(*map));
    map->ncolumns = n;
    map->width = n;
    while (map->width > 0 && lens[map->width - 1] == 0)
        map->width--;

    modern = count_names(n, names, lens, modern_only);
    classic = count_names(n, names, lens, classic_only);
    fmt = modern >= classic ? &csv_modern : &csv_classic;
    best = modern >= classic ? modern : classic;
    for (j = 0; j < NOTHERS; j++) {
        size_t hits = count_names(n, names, lens, others[j]->signature);

        if (hits > best) {
            best = hits;
            fmt = others[j];
        }
    }
    map->csv = fmt;
    map->format = fmt->format;
    known = map_columns(map, fmt, n, names, lens);
    if (known == 0 || (map->index[fmt->id] < 0 &&
                       (fmt->id != TS_COL_NCT || map->index[TS_COL_URL] < 0))) {
        map->format = TS_FORMAT_UNKNOWN;
        return ts_error_set(err, TS_ERR_PARSE, file, line, 0,
                            "unrecognized header: expected %s",
                            fmt->expected);
    }
    return TS_OK;
}

const char *fieldmap_column_name(const ts_fieldmap *map, ts_column c)
{
    static char buf[TS_COL_COUNT][64];
    const ts_csvformat *fmt = map->csv ? map->csv : &csv_modern;
    size_t j;

    for (j = 0; fmt->columns[j].names; j++) {
        const char *s = fmt->columns[j].names, *bar;
        size_t k;

        if (fmt->columns[j].col != c)
            continue;
        bar = strchr(s, '|');
        if (!bar)
            return s;
        /* The first of the alternatives names the column. */
        k = (size_t)(bar - s) < sizeof(buf[c]) ? (size_t)(bar - s)
                                               : sizeof(buf[c]) - 1;
        memcpy(buf[c], s, k);
        buf[c][k] = '\0';
        return buf[c];
    }
    /* No classic name: the modern one is used. */
    if (fmt == &csv_classic)
        for (j = 0; modern_cols[j].names; j++)
            if (modern_cols[j].col == c)
                return modern_cols[j].names;
    return "?";
}

int fieldmap_has_name(const ts_fieldmap *map, ts_column c)
{
    return (unsigned)c < TS_COL_COUNT && map->named[c];
}
