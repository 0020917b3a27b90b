/*
 * fieldmap.h - finds trialscape's fields in a CSV header by name (ingest
 * stage).
 *
 * Each CSV format gives a table of its header names. Names are compared
 * after trimming, case-insensitively. Users export column subsets, so any
 * subset is accepted; columns trialscape does not know are ignored.
 */
#ifndef TS_INGEST_FIELDMAP_H
#define TS_INGEST_FIELDMAP_H

#include <stddef.h>

#include "ingest/record.h"

/* A header name and the field it fills. A field may have several names
 * (e.g. an old and a new spelling): the one the header holds is used, the
 * first of the table when it holds more. Secondary identifiers
 * (TS_COL_OTHER_IDS) are gathered instead: an export may give each linked
 * registry a column of its own (ISRCTN's "EudraCT number" and
 * "ClinicalTrials.gov number"), so every column under one of the field's
 * names is read, the first as the field's and up to TS_FIELDMAP_MORE
 * others as "more" columns whose values the reader joins to it. */
typedef struct ts_csvname {
    ts_column col;
    const char *name;
} ts_csvname;

#define TS_FIELDMAP_MORE 8

typedef struct ts_fieldmap {
    size_t ncolumns;            /* header width, trailing blanks included */
    size_t width;               /* header width without trailing blanks */
    long index[TS_COL_COUNT];   /* column position, or -1 if absent */
    long duplicate;             /* first duplicated known column, or -1 */
    size_t known;               /* fields found */
    const char *name[TS_COL_COUNT]; /* the table's name found for each
                                 * field, NULL if absent; static, or
                                 * gathered_name */
    size_t nmore;               /* further columns of gathered fields */
    long more[TS_FIELDMAP_MORE];        /* their positions */
    ts_column more_col[TS_FIELDMAP_MORE];   /* the field each fills */
    char gathered_name[200];    /* a gathered field of several columns:
                                 * their names, " / "-joined ("EudraCT
                                 * number / ClinicalTrials.gov number") */
} ts_fieldmap;

/* Maps the header cells cells[0..n) (lengths lens) with the names table
 * names[0..nnames). */
void fieldmap_build(ts_fieldmap *map, const ts_csvname *names,
                    size_t nnames, size_t n, const char *const *cells,
                    const size_t *lens);

/* 1 if cell[0..len) is name, trimmed and case-insensitively. */
int fieldmap_name_eq(const char *cell, size_t len, const char *name);

/* The table's first name of field c; "?" if none. */
const char *fieldmap_column_name(const ts_csvname *names, size_t nnames,
                                 ts_column c);

#endif
