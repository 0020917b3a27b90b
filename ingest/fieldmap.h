/*
 * fieldmap.h - finds trialscape's columns in an export header by name and
 * tells which registry format the header belongs to (ingest stage).
 *
 * Each CSV export format is described by a ts_csvformat: the header names
 * only it uses (to recognize it), the names of the columns trialscape
 * reads, and an optional function that reshapes a record's values. Names
 * are compared after trimming, case-insensitively. Users export column
 * subsets, so any subset is accepted; columns trialscape does not use are
 * ignored.
 */
#ifndef TS_INGEST_FIELDMAP_H
#define TS_INGEST_FIELDMAP_H

#include <stddef.h>

#include "common/error.h"
#include "ingest/record.h"

/* A column and its header names, '|'-separated alternatives. */
typedef struct ts_colname {
    ts_column col;
    const char *names;
} ts_colname;

/* Rewrites the cleaned values of rec through sh (ICTRP's ';' lists, CTIS
 * locations, ...); the caller applies sh afterwards. */
typedef void (*ts_shape_fn)(ts_record *rec, ts_shaper *sh);

typedef struct ts_csvformat {
    ts_format format;
    const char *const *signature;   /* names only this format uses; NULL
                                     * ends the list */
    const ts_colname *columns;      /* names == NULL ends the list */
    ts_column id;                   /* the column a file must have */
    const char *expected;           /* what the error says is expected */
    ts_shape_fn shape;              /* NULL: values are used as cleaned */
} ts_csvformat;

typedef struct ts_fieldmap {
    ts_format format;
    const ts_csvformat *csv;    /* the format recognized */
    size_t ncolumns;            /* header width, trailing blanks included */
    size_t width;               /* header width without trailing blanks */
    long index[TS_COL_COUNT];   /* column position, or -1 if absent */
    unsigned char named[TS_COL_COUNT]; /* 1 if the format has the column */
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

/* The CSV formats of other registries, each defined in its reader's file
 * (ingest/ictrp.c, ingest/ctis.c, ingest/isrctn.c). */
extern const ts_csvformat ts_csv_ictrp;
extern const ts_csvformat ts_csv_ctis;
extern const ts_csvformat ts_csv_isrctn;

/* 1 if map's format has a column for c at all (CSV exports have no MeSH
 * terms, for instance: such a column is not "missing" from the file). */
int fieldmap_has_name(const ts_fieldmap *map, ts_column c);

#endif
