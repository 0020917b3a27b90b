/*
 * strbuf.c - growable byte buffer (common).
 */
#include "common/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/xalloc.h"
#include <stdlib.h>

char *sb_reserve(ts_strbuf *sb, size_t n)
{
    if (sb->len + n + 1 > sb->cap) {
        size_t cap = sb->cap ? sb->cap : 64;

        while (cap < sb->len + n + 1)
            cap *= 2;
        sb->buf = xrealloc(sb->buf, cap);
        sb->cap = cap;
    }
    return sb->buf + sb->len;
}

void sb_append(ts_strbuf *sb, const char *s, size_t len)
{
    char *dst = sb_reserve(sb, len);

    if (len)
        memcpy(dst, s, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void sb_puts(ts_strbuf *sb, const char *s)
{
    sb_append(sb, s, strlen(s));
}

void sb_putc(ts_strbuf *sb, char c)
{
    sb_append(sb, &c, 1);
}

void sb_printf(ts_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    sb_reserve(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void sb_reset(ts_strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

const char *sb_str(const ts_strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

void sb_free(ts_strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = 0;
    sb->cap = 0;
}
