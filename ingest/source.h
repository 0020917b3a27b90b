/*
 * source.h - the bytes of one input: opening (a file or standard input),
 * reading in large chunks, their SHA-256 on a thread of its own, and their
 * conversion to UTF-8 (ingest stage; every reader reads through it).
 *
 * The encoding is detected as decode.h describes. When the input is not
 * UTF-8 one warning names the encoding it was decoded from, and the count
 * of units that could not be decoded.
 */
#ifndef TS_INGEST_SOURCE_H
#define TS_INGEST_SOURCE_H

#include <stddef.h>

#include "common/error.h"
#include "ingest/decode.h"

typedef struct ts_source ts_source;

/* Receives recoverable problems (the reader goes on). */
typedef void (*ts_warn_fn)(void *ctx, const ts_error *warning);

/* Opens path ("-" = standard input, shown as "<stdin>"). TS_ERR_IO when it
 * cannot be opened or is a directory. */
ts_status source_open(const char *path, ts_source **out, ts_error *err);

/* Where the encoding warning goes (none by default). */
void source_set_warn(ts_source *s, ts_warn_fn warn, void *ctx);

/*
 * The next piece of the input as UTF-8 text, in *text and *len; *len is 0
 * at the end. The text is a view valid until the next call, and the caller
 * may change it after source_own(). TS_ERR_IO on a read error.
 */
ts_status source_read(ts_source *s, char **text, size_t *len, ts_error *err);

/* The first piece of text without consuming it: the next source_read()
 * returns it. *len is 0 for an empty input. */
ts_status source_peek(ts_source *s, const char **text, size_t *len,
                      ts_error *err);

/* Lets the caller write into the text source_read() last returned (waits
 * until its raw bytes are hashed). */
void source_own(ts_source *s);

/* Display name ("<stdin>" for "-"); a view valid until source_close. */
const char *source_name(const ts_source *s);
/* Raw bytes read so far. */
unsigned long long source_bytes(const ts_source *s);
/* SHA-256 of the raw bytes read (64 hex digits): the whole input once
 * source_read() returned its end; stops the hashing thread. */
const char *source_sha256(ts_source *s);
/* The input's encoding as detected so far. */
ts_encoding source_encoding(const ts_source *s);

/* Closes the file (never standard input) and frees s; NULL is a no-op. */
void source_close(ts_source *s);

#endif
