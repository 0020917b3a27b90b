/*
 * csvtable.h - reads any CSV/TSV export whose columns are known by their
 * header names into records (ingest stage).
 *
 * A CSV format is then a table: its header names, the fields that
 * identify a trial, the fields worth a warning when missing, and an
 * optional hook for what names alone cannot say (a registry per row,
 * another list separator). Rows are checked for shape: a row with the
 * wrong number of fields is skipped with a warning (fatal with --strict),
 * a blank row is counted and ignored, a field over --max-field makes its
 * row bad. Only the fields some output reads are copied and cleaned.
 */
#ifndef TS_INGEST_CSVTABLE_H
#define TS_INGEST_CSVTABLE_H

#include <stddef.h>

#include "common/strbuf.h"
#include "ingest/fieldmap.h"
#include "ingest/reader.h"

typedef struct ts_csvtable ts_csvtable;

/*
 * The optional per-record hook: called with each cleaned record before it
 * goes to the sink. It may change rec->registry, rec->copy and values;
 * new text goes into scratch (emptied before each call), and since
 * appending may move scratch->buf, value pointers into it are set after
 * the last append. Returns TS_OK, or an error that stops the reading.
 */
typedef ts_status (*ts_csvfix_fn)(const ts_csvtable *t, ts_record *rec,
                                  ts_strbuf *scratch, ts_sink *sink,
                                  ts_error *err);

struct ts_csvtable {
    const ts_csvname *names;    /* the format's header names */
    size_t nnames;
    const ts_column *identity;  /* the header needs one of these */
    size_t nidentity;
    const char *unrecognized;   /* error message when it has none */
    const ts_column *important; /* named in one warning when missing (an
                                 * identity field only when no other
                                 * identity field is there) */
    size_t nimportant;
    ts_registry registry;       /* every record's, unless fix says */
    int copy;                   /* every record's, unless fix says */
    ts_csvfix_fn fix;           /* NULL: none */
};

/*
 * Reads src as CSV/TSV with table t: TS_ERR_PARSE when the header has
 * none of the identity fields (t->unrecognized at line 1), for an empty
 * file, a quoted field left open at the end, or (strict) the first bad
 * row; TS_ERR_IO on a read error; or whatever the sink returned. Fills
 * the sink's stats (delimiter, lines, rows, skipped, blank, missing).
 */
ts_status csvtable_read(const ts_csvtable *t, ts_source *src,
                        const ts_ingest_opts *opts, ts_sink *sink,
                        ts_error *err);

#endif
