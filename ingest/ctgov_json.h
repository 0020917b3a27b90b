/*
 * ctgov_json.h - ClinicalTrials.gov JSON reader (ingest stage; the only
 * user of libyajl).
 *
 * Reads, streaming, every JSON form the registry hands out: the website's
 * Download -> JSON (a top-level array of API v2 study objects, one a line
 * or pretty-printed), raw API v2 pages ({"studies": [...],
 * "nextPageToken": ...}), single study objects and one study object a line
 * (NDJSON), and the retired API v1 FullStudiesResponse (PascalCase keys).
 * Each study becomes one ts_record in the columns of the current CSV
 * export (Phases "PHASE1|PHASE2", Interventions "DRUG: name|...", Study
 * Design "Allocation: ...|Masking: ...", Locations one country per site),
 * plus the structured fields only JSON carries (keywords, condition MeSH
 * terms and ancestors, intervention other names, arm groups). Values are
 * cleaned as record.h says, so a study reads the same from CSV and JSON.
 *
 * Memory does not grow with the file: only the current study's kept fields
 * are held, and a value longer than max_field is cut as it streams by (its
 * study is skipped with a warning when the value is one trialscape keeps).
 * Nesting deeper than TS_JSON_MAX_DEPTH is an error.
 */
#ifndef TS_INGEST_CTGOV_JSON_H
#define TS_INGEST_CTGOV_JSON_H

#include <stddef.h>

#include "common/error.h"
#include "ingest/record.h"
#include "ingest/source.h"

#define TS_JSON_MAX_DEPTH 512

/* What one JSON input produced. */
typedef struct ts_json_stats {
    ts_format format;           /* CTGOV_JSON, or _V1 when every study so */
    unsigned long studies;      /* study objects read */
    unsigned long skipped;      /* studies not used (oversize values) */
    unsigned long lines;        /* physical lines read */
    unsigned long bad_utf8;     /* studies where invalid UTF-8 was replaced */
    unsigned long surrogates;   /* lone UTF-16 surrogate escapes replaced */
} ts_json_stats;

/* 1 when text (the start of an input, after any byte order mark) is JSON:
 * its first byte other than white space is '[' or '{'. */
int ctgov_json_detect(const char *text, size_t len);

/*
 * Reads src to its end and calls fn for every study. max_field bounds one
 * value (0: TS_MAX_FIELD_DEFAULT); with strict, a skipped study is fatal.
 * TS_ERR_PARSE for malformed JSON (the message names line and column, and
 * how many studies were read before: those were passed to fn), for nesting
 * past TS_JSON_MAX_DEPTH, and for JSON holding no ClinicalTrials.gov
 * study object at all; TS_ERR_IO for a read error; or what fn returned.
 * Warnings (skipped studies, replaced characters) go to warn.
 */
ts_status ctgov_json_run(ts_source *src, size_t max_field, int strict,
                         ts_record_fn fn, ts_warn_fn warn, void *ctx,
                         ts_json_stats *stats, ts_error *err);

#endif
