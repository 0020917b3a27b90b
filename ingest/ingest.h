/*
 * ingest.h - reads one registry export and pushes one ts_record per trial
 * row to a callback (ingest stage's entry point).
 *
 * Detects the format from the header, maps columns by name, cleans values
 * and checks row shape. Rows with the wrong number of fields are skipped
 * with a warning and counted (fatal with strict). Blank rows are counted
 * and ignored. Warnings go to the warning callback; nothing is printed.
 */
#ifndef TS_INGEST_INGEST_H
#define TS_INGEST_INGEST_H

#include "common/error.h"
#include "ingest/csvin.h"
#include "ingest/fieldmap.h"
#include "ingest/record.h"

/* What reading one input produced; filled by ingest_file(). */
typedef struct ts_ingest_stats {
    char name[512];             /* display name */
    ts_format format;
    char delimiter;             /* ',' or '\t' */
    char sha256[65];            /* hex digest of the bytes read */
    unsigned long long bytes;
    unsigned long lines;        /* physical lines */
    unsigned long rows;         /* data rows read (header excluded) */
    unsigned long skipped;      /* malformed rows not used */
    unsigned long blank;        /* rows with no value at all */
    unsigned long warnings;     /* warnings raised for this input */
    unsigned long bad_utf8_rows;/* rows where invalid UTF-8 was replaced */
    int missing[TS_COL_COUNT];  /* 1 if the column is absent */
} ts_ingest_stats;

typedef struct ts_ingest_opts {
    int strict;                 /* first malformed row is fatal */
    size_t max_field;           /* bytes one field may hold; 0 = default */
} ts_ingest_opts;

/*
 * Reads path ("-" = stdin) and calls fn for every usable row. Returns
 * TS_ERR_IO when the file cannot be read, TS_ERR_PARSE for an unusable
 * file (empty, unknown header, unterminated quote) or, with strict, the
 * first bad row; or whatever fn returned. stats is filled in all cases.
 */
ts_status ingest_file(const char *path, const ts_ingest_opts *opts,
                      ts_record_fn fn, ts_warn_fn warn, void *ctx,
                      ts_ingest_stats *stats, ts_error *err);

#endif
