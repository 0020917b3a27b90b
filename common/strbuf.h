/*
 * strbuf.h - a growable byte buffer that is always NUL-terminated (common).
 *
 * A zeroed ts_strbuf is a valid empty buffer. Appending may move buf, so
 * pointers into it are invalid after any append.
 */
#ifndef TS_COMMON_STRBUF_H
#define TS_COMMON_STRBUF_H

#include <stddef.h>

typedef struct ts_strbuf {
    char *buf;      /* owned; NULL until the first append */
    size_t len;     /* bytes used, not counting the NUL */
    size_t cap;     /* bytes allocated */
} ts_strbuf;

void sb_append(ts_strbuf *sb, const char *s, size_t len);
void sb_puts(ts_strbuf *sb, const char *s);
void sb_putc(ts_strbuf *sb, char c);
void sb_printf(ts_strbuf *sb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Makes room for n more bytes and returns where they go (len unchanged). */
char *sb_reserve(ts_strbuf *sb, size_t n);
/* Empties the buffer, keeping its memory. */
void sb_reset(ts_strbuf *sb);
/* Returns the contents as a C string ("" when empty); a view. */
const char *sb_str(const ts_strbuf *sb);
/* Frees the memory; the buffer is empty and reusable afterwards. */
void sb_free(ts_strbuf *sb);

#endif
