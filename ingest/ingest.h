/*
 * ingest.h - reads one registry export and pushes one ts_record per trial
 * record to a callback (ingest stage's entry point).
 *
 * The format is detected from the input's content by the table of
 * readers (reader.h says how to add one); the chosen reader maps fields
 * by name, cleans values and checks records. Malformed records are
 * skipped with a warning and counted (fatal with strict). Warnings go to
 * the warning callback; nothing is printed.
 */
#ifndef TS_INGEST_INGEST_H
#define TS_INGEST_INGEST_H

#include <stddef.h>

#include "common/error.h"
#include "ingest/csvin.h"
#include "ingest/reader.h"
#include "ingest/record.h"

/*
 * Reads path ("-" = stdin) and calls fn for every usable record. Returns
 * TS_ERR_IO when the file cannot be read, TS_ERR_PARSE for an unusable
 * file (empty, unknown format, unterminated quote) or, with strict, the
 * first bad record; or whatever fn returned. stats is filled in all
 * cases.
 */
ts_status ingest_file(const char *path, const ts_ingest_opts *opts,
                      ts_record_fn fn, ts_warn_fn warn, void *ctx,
                      ts_ingest_stats *stats, ts_error *err);

/* The reader of an input that starts with head[0..len), or NULL when no
 * reader recognises it. */
const ts_reader *ingest_detect(const char *head, size_t len);

/* The reader of the file at path, from its first bytes, or NULL when it
 * cannot be read or no reader recognises it. Standard input ("-") is not
 * probed (it cannot be read twice): NULL. */
const ts_reader *ingest_probe(const char *path);

/* The reader named name (ts_reader.name, as in ts_record.format), or
 * NULL. */
const ts_reader *ingest_reader_named(const char *name);

/* The readers, in detection order: count, and the i-th. */
size_t ingest_nreaders(void);
const ts_reader *ingest_reader(size_t i);

#endif
