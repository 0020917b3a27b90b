/*
 * csvin.h - streaming CSV/TSV reader on top of libcsv (ingest stage; the
 * only user of libcsv).
 *
 * The input is read in large chunks and fed to libcsv one physical line at
 * a time, so every row knows the exact line it starts on even when quoted
 * fields hold newlines. Records end in LF or CRLF; a UTF-8 BOM is skipped.
 * Rows are pushed to a callback, never kept: memory does not grow with the
 * number of rows. The file's SHA-256 is computed on the way, on a thread
 * of its own.
 */
#ifndef TS_INGEST_CSVIN_H
#define TS_INGEST_CSVIN_H

#include <stddef.h>

#include "common/error.h"

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
typedef void (*ts_warn_fn)(void *ctx, const ts_error *warning);

/* Opens path ("-" = standard input, shown as "<stdin>"). TS_ERR_IO when it
 * cannot be opened or is a directory. */
ts_status csvin_open(const char *path, ts_csvin **out, ts_error *err);

/* A field longer than max bytes is cut (memory stays bounded) and its
 * row reports it in ts_csvrow.oversize. Default TS_MAX_FIELD_DEFAULT. */
void csvin_set_max_field(ts_csvin *in, size_t max);

/* Keeps the text of column i only where keep[i] is nonzero (columns past
 * n are not kept). Call from the header callback; the header itself is
 * always kept whole. keep is copied. */
void csvin_keep_columns(ts_csvin *in, const unsigned char *keep, size_t n);

/* Reads everything. Malformed quoting (a stray quote inside a quoted
 * field) is recovered as libcsv's lenient mode does, with a warning naming
 * the line; a quoted field still open at end of file is TS_ERR_PARSE with
 * the line where it began. Read errors are TS_ERR_IO. */
ts_status csvin_run(ts_csvin *in, ts_csvrow_fn fn, ts_warn_fn warn, void *ctx,
                    ts_error *err);

/* Reads the first bytes of the input (up to 64 KB; fewer at its end)
 * without consuming them: csvin_run and csvin_run_raw start with them.
 * *p (a view valid until the run) and *n get them, a UTF-8 BOM skipped.
 * TS_ERR_IO on a read error. */
ts_status csvin_peek(ts_csvin *in, const char **p, size_t *n, ts_error *err);

/* Receives the input in chunks (buf, n), then once more with n == 0 at
 * its end. Returning anything but TS_OK stops the reading. */
typedef ts_status (*ts_chunk_fn)(void *ctx, const char *buf, size_t n,
                                 ts_error *err);

/* Reads everything as raw bytes for a reader of another syntax (XML,
 * plain text): the BOM skipped, the SHA-256, byte and line counts kept as
 * csvin_run keeps them. Read errors are TS_ERR_IO. */
ts_status csvin_run_raw(ts_csvin *in, ts_chunk_fn fn, void *ctx,
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

/* Closes the file (never standard input) and frees in; NULL is a no-op. */
void csvin_close(ts_csvin *in);

#endif
