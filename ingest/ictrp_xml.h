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

#include "ingest/reader.h"

/* The reader "ictrp-xml" (reader.h). */
extern const ts_reader reader_ictrp_xml;

/* expat's version, "expat_2.5.0". */
const char *ictrp_xml_library_version(void);

#endif
