/*
 * reader.h - the interface between the ingest stage and the reader of one
 * export format (ingest stage).
 *
 * ADDING A FORMAT takes one new file and one line:
 *   1. ingest/NAME.c defines `const ts_reader reader_NAME = {...};` with
 *      a detect function (is this input in my format?) and a read
 *      function (turn it into ts_records);
 *   2. ingest/ingest.c lists NAME in TS_READERS, which sets the order in
 *      which formats are tried.
 * A format read as CSV with named columns needs no parser of its own: its
 * read function calls csvtable_read() (csvtable.h) with a table of column
 * names, as ingest/ctgov_csv.c does.
 *
 * DETECTION is by content, never by file name. The stage reads the first
 * TS_SOURCE_HEAD bytes of the input once and hands every detect function
 * the same ts_sniff: the head itself, the first line split into cells, the
 * XML root element and the first JSON key. Each returns how sure it is:
 * 0 = not my format, otherwise higher is surer (100 certain, e.g. a root
 * element no other format has; 50-80 for header names, scored by how many
 * of the format's distinctive names are present). The highest score
 * wins; ties go to the reader listed first. When no reader scores, the
 * input is given to the first reader of the table, whose error names
 * what was expected.
 *
 * READING: read() pulls the input's bytes from the source (source.h; the
 * head is read again from the start), builds each trial as a ts_record
 * (record.h: cleaned values, '|'-joined multi-values, registry, primary
 * and secondary identifiers, countries) and hands it to sink_record().
 * Problems go to sink_warn() (a warning, reading goes on) or
 * sink_bad_record() (a record skipped and counted, or the end of the run
 * with --strict); an input that cannot be read on is an error returned
 * with *err filled (file, line, column, message). Readers never print,
 * never keep every record, and must survive any bytes (each has a fuzz
 * harness in tests/fuzz/).
 */
#ifndef TS_INGEST_READER_H
#define TS_INGEST_READER_H

#include <stddef.h>

#include "common/error.h"
#include "ingest/csvin.h"
#include "ingest/record.h"
#include "ingest/source.h"

/* What reading one input produced. The stage fills name, format, bytes
 * and sha256; readers fill the rest (through sink_* calls and directly). */
typedef struct ts_ingest_stats {
    char name[512];             /* display name */
    const char *format;         /* static; format name, "unknown" if none */
    char delimiter;             /* CSV: ',', '\t' or ';'; 0 for other
                                 * formats */
    const char *encoding;       /* static; the input's encoding, "UTF-8"
                                 * or the one converted from */
    char sha256[65];            /* hex digest of the bytes read */
    unsigned long long bytes;
    unsigned long lines;        /* physical lines (text formats) */
    unsigned long rows;         /* records read (CSV: data rows) */
    unsigned long skipped;      /* malformed records not used */
    unsigned long blank;        /* records with no value at all */
    unsigned long warnings;     /* warnings raised for this input */
    unsigned long bad_utf8_rows;/* records where invalid UTF-8 was
                                 * replaced */
    int missing[TS_COL_COUNT];  /* 1 if the format has the field but this
                                 * file lacks it (e.g. a column subset) */
} ts_ingest_stats;

typedef struct ts_ingest_opts {
    int strict;                 /* first malformed record is fatal */
    size_t max_field;           /* bytes one field may hold; 0 = default */
    int jobs;                   /* > 1: the reader runs on a thread of its
                                 * own (relay.h); same records, same
                                 * order */
} ts_ingest_opts;

/* The start of an input, as every detect function sees it. All pointers
 * are views valid during detection only. */
typedef struct ts_sniff {
    const char *head;           /* the first bytes, a UTF-8 BOM skipped;
                                 * NUL-terminated */
    size_t len;                 /* bytes in head (0: empty input) */
    int bom;                    /* 1: the input starts with a UTF-8 BOM */
    /* The first line read as a CSV header (delimiter and quoting as
     * csvin_sniff() finds them), cells unquoted and trimmed. */
    char delimiter;
    size_t ncells;
    const char *const *cell;
    const size_t *cell_len;
    const char *xml_root;       /* name of the root element of XML, or "" */
    char json_top;              /* '{' or '[' for JSON, else 0 */
    const char *json_key;       /* JSON: the first key of the top object,
                                 * or of the first object in the top
                                 * array; "" if none */
} ts_sniff;

/* 1 if the header has a cell named name (trimmed, case-insensitive). */
int sniff_has_cell(const ts_sniff *s, const char *name);

/* How many of names[0..n) are header cells. */
size_t sniff_count_cells(const ts_sniff *s, const char *const *names,
                         size_t n);

/* 1 if text occurs in the head (case-sensitive). */
int sniff_contains(const ts_sniff *s, const char *text);

/* Where records and problems of one input go; owned by the stage. */
typedef struct ts_sink ts_sink;

/* A format and how to read it. */
typedef struct ts_reader {
    const char *name;           /* format name in manifest.json, the
                                 * Summary sheet and -v: "ctgov-modern" */
    const char *title;          /* for people: "ClinicalTrials.gov CSV
                                 * export (current)" */
    ts_registry registry;       /* the registry whose own export this is;
                                 * TS_REG_UNKNOWN for an aggregator (WHO
                                 * ICTRP), whose records name theirs */
    /* How surely the input is in this format (see above). */
    int (*detect)(const ts_sniff *sniff);
    /* Reads src to its end, or until sink_record() or sink_bad_record()
     * returns an error, which read() returns. Returns TS_ERR_PARSE for
     * an unusable input (with the position in *err), TS_ERR_IO for a
     * read error. */
    ts_status (*read)(ts_source *src, const ts_ingest_opts *opts,
                      ts_sink *sink, ts_error *err);
} ts_reader;

/* The input's display name, for the record's file and for messages. */
const char *sink_name(const ts_sink *sink);

/* The input's statistics, for what sink_* calls do not count. */
ts_ingest_stats *sink_stats(ts_sink *sink);

/* Hands one record to the run: fills rec->format and rec->file and
 * returns what the run's callback returns (stop reading on anything but
 * TS_OK). The reader counts stats->rows itself (every record read,
 * skipped and blank ones included). */
ts_status sink_record(ts_sink *sink, ts_record *rec, ts_error *err);

/* A recoverable problem at line/column (0 = none) of this input: counted
 * and passed on; reading goes on. */
void sink_warn(ts_sink *sink, unsigned long line, unsigned long column,
               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* The same for a warning already made (file, position and message). */
void sink_warning(ts_sink *sink, const ts_error *warning);

/* A record that cannot be used, `why` saying so: counted in
 * stats->skipped and warned about ("WHY; row skipped"), TS_OK; with
 * --strict, TS_ERR_PARSE with "WHY (--strict)" in *err instead. */
ts_status sink_bad_record(ts_sink *sink, unsigned long line, const char *why,
                          ts_error *err);

/* ---- used by the stage (ingest.c), not by readers ---- */

/* The sniff of head[0..len) (len 0: an empty input); free with
 * sniff_free(). */
ts_sniff *sniff_new(const char *head, size_t len);
void sniff_free(ts_sniff *s);

/* A sink that counts into stats (borrowed) and passes records to fn and
 * warnings to warn (may be NULL), both with ctx; name is the input's
 * display name (borrowed). */
ts_sink *sink_new(const char *name, ts_ingest_stats *stats, int strict,
                  ts_record_fn fn, ts_warn_fn warn, void *ctx);
void sink_free(ts_sink *sink);

#endif
