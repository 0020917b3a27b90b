/*
 * fieldmap.h - finds trialscape's columns in an export header by name and
 * tells which registry format the header belongs to (ingest stage).
 *
 * Names are compared after trimming, case-insensitively. Users export
 * column subsets, so any subset is accepted; columns trialscape does not
 * use are ignored.
 */
#ifndef TS_INGEST_FIELDMAP_H
#define TS_INGEST_FIELDMAP_H

#include <stddef.h>

#include "common/error.h"
#include "ingest/record.h"

typedef struct ts_fieldmap {
    ts_format format;
    size_t ncolumns;            /* header width, trailing blanks included */
    size_t width;               /* header width without trailing blanks */
    long index[TS_COL_COUNT];   /* column position, or -1 if absent */
    long duplicate;             /* first duplicated known column, or -1 */
} ts_fieldmap;

/*
 * Builds the map from the header's fields. TS_ERR_PARSE (message naming
 * what was expected) when the header is not one of a known export.
 */
ts_status fieldmap_build(ts_fieldmap *map, size_t n, const char *const *names,
                         const size_t *lens, const char *file,
                         unsigned long line, ts_error *err);

/* The header name of column c in map's format (e.g. "Study Status"). */
const char *fieldmap_column_name(const ts_fieldmap *map, ts_column c);

/* 1 if map's format has a column for c at all (CSV exports have no MeSH
 * terms, for instance: such a column is not "missing" from the file). */
int fieldmap_has_name(const ts_fieldmap *map, ts_column c);

#endif
