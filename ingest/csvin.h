/*
 * csvin.h - streaming CSV/TSV reader on top of libcsv (ingest stage; the
 * only user of libcsv).
 *
 * The input is read in large chunks and fed to libcsv one physical line at
 * a time, so every row knows the exact line it starts on even when quoted
 * fields hold newlines. Records end in LF or CRLF; a UTF-8 BOM is skipped.
 * Rows are pushed to a callback, never kept: memory does not grow with the
 * number of rows. Bytes come from a source (source.h), which computes the
 * input's SHA-256 on the way.
 */
#ifndef TS_INGEST_CSVIN_H
#define TS_INGEST_CSVIN_H

#include <stddef.h>

#include "common/error.h"
#include "ingest/source.h"

typedef struct ts_csvin ts_csvin;

/* One parsed row, valid only during the callback. Fields the caller did
 * not ask to keep (csvin_keep_columns) have field[i] == "" but their true
 * length in len[i]. */
typedef struct ts_csvrow {
    size_t nfields;
    const char *const *field;   /* views */
    const size_t *len;
    unsigned long line;         /* physical line where the row starts */
    unsigned long row;          /* 0 for the header, then 1, 2, ... */
    size_t oversize;            /* 1-based field that went over the size
                                 * limit (its text is cut), or 0 */
} ts_csvrow;

/* Default limit on one field's size (csvin_set_max_field). */
#define TS_MAX_FIELD_DEFAULT (16u * 1024 * 1024)

/* Receives each row. Returning anything but TS_OK stops the reading after
 * the current line, and csvin_run() returns that status and *err. */
typedef ts_status (*ts_csvrow_fn)(void *ctx, const ts_csvrow *row,
                                  ts_error *err);
/* Receives recoverable problems (the reader goes on). */

/* Opens path ("-" = standard input, shown as "<stdin>"). TS_ERR_IO when it
 * cannot be opened or is a directory. */
ts_status csvin_open(const char *path, ts_csvin **out, ts_error *err);

/* Reads from src (borrowed: it must outlive the reader, and csvin_close
 * leaves it open); its head, if taken, is read first. Always TS_OK. */
ts_status csvin_open_source(ts_source *src, ts_csvin **out);

/* How a header line s[0..n) (BOM skipped) is read: *delim is ';' when it
 * holds more semicolons than commas and tabs outside quotes, '\t' when it
 * holds more tabs than commas, else ','; *quoted is 0 for an unquoted
 * registry TSV, where a quote is text. */
void csvin_sniff(const char *s, size_t n, char *delim, int *quoted);

/* A field longer than max bytes is cut (memory stays bounded) and its
 * row reports it in ts_csvrow.oversize. Default TS_MAX_FIELD_DEFAULT. */
void csvin_set_max_field(ts_csvin *in, size_t max);

/* Keeps the text of column i only where keep[i] is nonzero (columns past
 * n are not kept). Call from the header callback; the header itself is
 * always kept whole. keep is copied. */
void csvin_keep_columns(ts_csvin *in, const unsigned char *keep, size_t n);

/* With on = 0 every record goes through libcsv; by default plain
 * records (csvin.c says which) are read by a faster path that gives the
 * same rows. For tests and fuzzing, which compare the two. */
void csvin_set_fast(ts_csvin *in, int on);

/* Reads everything. Malformed quoting (a stray quote inside a quoted
 * field) is recovered as libcsv's lenient mode does, with a warning naming
 * the line; a quoted field still open at end of file is TS_ERR_PARSE with
 * the line where it began. Read errors are TS_ERR_IO. */
ts_status csvin_run(ts_csvin *in, ts_csvrow_fn fn, ts_warn_fn warn, void *ctx,
                    ts_error *err);

/* Display name ("<stdin>" for "-"); a view valid until csvin_close. */
const char *csvin_name(const ts_csvin *in);
/* ',' or '\t', as detected from the header line (valid after run). */
char csvin_delimiter(const ts_csvin *in);
/* Bytes read and their SHA-256 (64 hex digits; valid after run). */
unsigned long long csvin_bytes(const ts_csvin *in);
const char *csvin_sha256(const ts_csvin *in);
/* Physical lines read. */
unsigned long csvin_lines(const ts_csvin *in);

/* Frees in, closing the file it opened (never standard input, nor a
 * source it was given); NULL is a no-op. */
void csvin_close(ts_csvin *in);

#endif
