/*
 * source.h - the bytes of one input, read in large pieces, with its size
 * and SHA-256 (ingest stage).
 *
 * Every reader reads its input through a source, so the manifest's
 * checksum and byte count are the same for every format. The first bytes
 * can be looked at before reading (source_head), which is how the format
 * is detected even on standard input, which cannot be rewound. The
 * checksum is computed on a thread of its own while the reader parses.
 *
 * Readers get text in UTF-8 whatever the input's encoding: exports re-saved
 * by a spreadsheet in UTF-16 or Windows-1252 are converted (decode.h tells
 * how the encoding is detected), the head included, and one warning names
 * the encoding. Byte counts and the checksum are of the input as it is.
 */
#ifndef TS_INGEST_SOURCE_H
#define TS_INGEST_SOURCE_H

#include <stddef.h>

#include "common/error.h"
#include "ingest/decode.h"

typedef struct ts_source ts_source;

/* Receives recoverable problems (the reader goes on). */
typedef void (*ts_warn_fn)(void *ctx, const ts_error *warning);

/* Bytes source_head() makes available when the input is that long. */
#define TS_SOURCE_HEAD (64 * 1024)

/* Opens path ("-" = standard input, shown as "<stdin>"). TS_ERR_IO when it
 * cannot be opened or is a directory. */
ts_status source_open(const char *path, ts_source **out, ts_error *err);

/* Where the warnings about the encoding go (none by default): "encoded
 * in Windows-1252, not UTF-8: decoded to UTF-8" once the encoding is
 * known, and at the end the count of characters that could not be
 * decoded, if any. A warning due before this call comes with the next
 * source_read(). */
void source_set_warn(ts_source *src, ts_warn_fn warn, void *ctx);

/* The input's encoding as detected so far (TS_ENC_UNDECIDED: ASCII). */
ts_encoding source_encoding(const ts_source *src);

/* Display name ("<stdin>" for "-"); a view valid until source_close. */
const char *source_name(const ts_source *src);

/*
 * The first bytes of the input without consuming them: at least
 * TS_SOURCE_HEAD bytes, or the whole input when it is shorter (*len == 0:
 * empty). *head is NUL-terminated, a view valid until the first
 * source_read. TS_ERR_IO on a read error.
 */
ts_status source_head(ts_source *src, const char **head, size_t *len,
                      ts_error *err);

/*
 * The next piece of the input, in order (the head's bytes first): *buf
 * points to *len bytes, *len == 0 at the end. The piece is valid until the
 * next call; call source_modify() before changing its bytes. TS_ERR_IO on
 * a read error.
 */
ts_status source_read(ts_source *src, char **buf, size_t *len,
                      ts_error *err);

/* Waits until the checksum has taken in the last piece read, so its bytes
 * may be changed in place (e.g. NUL bytes replaced). */
void source_modify(ts_source *src);

/* Bytes read so far (as in the input, before any conversion). */
unsigned long long source_bytes(const ts_source *src);

/* SHA-256 of the bytes read, as 64 hex digits: complete once the end was
 * read (source_read gave *len == 0) or after source_finish(). */
const char *source_sha256(ts_source *src);

/* Stops the checksum thread and fixes the checksum of what was read (a
 * reader that stopped early calls it, or source_close does). */
void source_finish(ts_source *src);

/* Closes the file (never standard input) and frees src; NULL is a
 * no-op. */
void source_close(ts_source *src);

#endif
