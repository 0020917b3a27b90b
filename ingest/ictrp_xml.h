/*
 * ictrp_xml.h - reader of the WHO ICTRP search portal's XML export
 * (<Trials_downloaded_from_ICTRP><Trial>...</Trial>...), streaming with
 * expat (ingest stage).
 *
 * One record per <Trial>; its child elements are found by name, whatever
 * their order and whichever of them an export of a given year has (no
 * <Phase> in 2014; <Countries> from 2020; <Secondary_ID>,
 * <Prospective_registration> later). Values are cleaned as CSV values and
 * reshaped as ICTRP CSV values (ictrp.h). DTDs may not declare entities:
 * such a file is refused before anything is expanded, and no external
 * entity is ever fetched. Invalid UTF-8 is replaced by U+FFFD with a
 * warning. A file cut short is an error naming the line and column where
 * it ends; the trials before the cut are kept.
 */
#ifndef TS_INGEST_ICTRP_XML_H
#define TS_INGEST_ICTRP_XML_H

#include <stddef.h>

#include "ingest/ingest.h"

/* 1 if the first bytes of an input look like XML ("<?xml" or "<"
 * after white space). */
int ictrp_xml_sniff(const char *p, size_t n);

/* Reads the XML export in `in` (opened, maybe peeked) as ingest_file()
 * reads a CSV export: records to fn, warnings to warn, counts in stats.
 * TS_ERR_PARSE for a malformed or refused document (positioned), or
 * whatever fn returned. */
ts_status ictrp_xml_read(ts_csvin *in, const ts_ingest_opts *opts,
                         ts_record_fn fn, ts_warn_fn warn, void *ctx,
                         ts_ingest_stats *stats, ts_error *err);

/* expat's version, "expat_2.5.0". */
const char *ictrp_xml_library_version(void);

#endif
