/*
 * relay.h - a reader on a thread of its own, its records and warnings
 * handed to the caller's thread in their order (ingest stage).
 *
 * Parsing and cleaning an input (the reader) and analysing its records
 * (the caller's callback) then run on two cores. The reader's sink
 * copies each record into a batch and each warning beside it; full
 * batches go to the caller, which calls its own callbacks for every item
 * in the order the reader made them, so every output is the same as when
 * the reader runs on the caller's thread. A callback that stops the
 * reading stops the reader at its next record.
 */
#ifndef TS_INGEST_RELAY_H
#define TS_INGEST_RELAY_H

#include "common/error.h"
#include "ingest/reader.h"

/*
 * Runs reader->read(src, opts, sink, ...) on a new thread, where sink
 * counts into stats (name and strict as for sink_new), and calls fn and
 * warn (with ctx) on the caller's thread for what it reads. Returns what
 * reading returned, or the first error fn returned (that one wins), with
 * *err filled. Returns TS_ERR_INTERNAL with *started = 0 when no thread
 * could be started (the caller then reads without one).
 */
ts_status relay_read(const ts_reader *reader, ts_source *src,
                     const ts_ingest_opts *opts, const char *name,
                     ts_ingest_stats *stats, int strict, ts_record_fn fn,
                     ts_warn_fn warn, void *ctx, int *started,
                     ts_error *err);

#endif
