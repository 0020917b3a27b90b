/*
 * decode.h - the text encoding of an input and its conversion to UTF-8
 * (ingest stage).
 *
 * Exports re-saved by a spreadsheet arrive as UTF-16 ("Unicode text", with
 * a byte order mark) or in Windows-1252 (Excel's "CSV" in western
 * locales). The encoding is told from the first bytes: a UTF-16 byte order
 * mark, or UTF-16 text without one (every other byte NUL); otherwise it
 * stays undecided while the text is ASCII, and the first chunk holding
 * other bytes decides: UTF-8 when it has a valid multi-byte sequence,
 * Windows-1252 when it has only sequences that are not UTF-8. A UTF-8 file
 * with a stray bad byte therefore stays UTF-8 (the bad byte is replaced
 * later by record cleaning, with a warning). A UTF-8 byte order mark is
 * passed through for the readers to skip.
 */
#ifndef TS_INGEST_DECODE_H
#define TS_INGEST_DECODE_H

#include <stddef.h>

#include "common/strbuf.h"

typedef enum ts_encoding {
    TS_ENC_UNDECIDED,           /* only ASCII so far: read as UTF-8 */
    TS_ENC_UTF8,
    TS_ENC_UTF16LE,
    TS_ENC_UTF16BE,
    TS_ENC_CP1252
} ts_encoding;

typedef struct ts_decoder {
    ts_encoding enc;
    int started;                /* the first bytes were looked at */
    unsigned char carry;        /* UTF-16: first byte of a split unit */
    int has_carry;
    unsigned long high;         /* UTF-16: pending high surrogate, or 0 */
    unsigned long replaced;     /* units not decodable, made U+FFFD */
} ts_decoder;

void decode_init(ts_decoder *d);

/*
 * Converts the next n bytes of the input. The first call must hold the
 * first 4 bytes, or all of a shorter input: the encoding is detected from
 * them. last = 1 for the final call, which may have n = 0, flushes what is
 * pending. Returns the UTF-8 text and its length in *len: in itself when
 * no conversion is needed, else out's buffer (out is reset first). The
 * view is valid until in or out change.
 */
char *decode_chunk(ts_decoder *d, char *in, size_t n, int last,
                   ts_strbuf *out, size_t *len);

/* Length of the valid UTF-8 sequence at s (1 for ASCII); 0 if s starts
 * an invalid sequence (overlong, surrogate, above U+10FFFF, a stray
 * continuation byte); -1 if s ends, after n >= 1 bytes, before a sequence
 * that is valid so far is complete. */
int decode_utf8_len(const unsigned char *s, size_t n);

/* "UTF-8" (also for UNDECIDED: ASCII is UTF-8), "UTF-16LE", "UTF-16BE",
 * "Windows-1252". */
const char *decode_name(ts_encoding enc);

/* 1 when enc is converted (UTF-16 or Windows-1252). */
int decode_converts(ts_encoding enc);

#endif
