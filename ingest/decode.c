/*
 * decode.c - encoding detection and conversion to UTF-8 (ingest stage).
 */
#include "ingest/decode.h"

#include <stdint.h>
#include <string.h>

/* Windows-1252 bytes 0x80-0x9F; 0 where the code page defines nothing. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Bytes of a chunk looked at to decide between UTF-8 and Windows-1252,
 * from the first byte that is not ASCII. */
#define SNIFF_SPAN (64u * 1024)

void decode_init(ts_decoder *d)
{
    memset(d, 0, sizeof(*d));
}

const char *decode_name(ts_encoding enc)
{
    switch (enc) {
    case TS_ENC_UTF8:
        return "UTF-8";
    case TS_ENC_UTF16LE:
        return "UTF-16LE";
    case TS_ENC_UTF16BE:
        return "UTF-16BE";
    case TS_ENC_CP1252:
        return "Windows-1252";
    default:
        return "UTF-8";     /* ASCII so far, which is UTF-8 */
    }
}

int decode_converts(ts_encoding enc)
{
    return enc == TS_ENC_UTF16LE || enc == TS_ENC_UTF16BE ||
           enc == TS_ENC_CP1252;
}

static size_t put_utf8(unsigned long cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int decode_utf8_len(const unsigned char *s, size_t n)
{
    size_t need, k;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        need = 1;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        need = 2;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        need = 3;
    else
        return 0;
    for (k = 1; k <= need; k++) {
        if (k >= n)
            return -1;
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        if (k == 1 && ((s[0] == 0xE0 && s[1] < 0xA0) ||
                       (s[0] == 0xED && s[1] >= 0xA0) ||
                       (s[0] == 0xF0 && s[1] < 0x90) ||
                       (s[0] == 0xF4 && s[1] >= 0x90)))
            return 0;
    }
    return (int)need + 1;
}

/* While undecided: UTF-8 or Windows-1252 from the chunk's first non-ASCII
 * bytes; stays undecided when there are none. */
static void sniff_8bit(ts_decoder *d, const unsigned char *s, size_t n,
                       int last)
{
    size_t i = 0, end, valid = 0, invalid = 0;

    /* ASCII, eight bytes at a time: an ASCII export stays undecided and
     * is looked at in every piece. */
    for (; i + 8 <= n; i += 8) {
        uint64_t x;

        memcpy(&x, s + i, 8);
        if (x & 0x8080808080808080ULL)
            break;
    }
    while (i < n && s[i] < 0x80)
        i++;
    if (i == n)
        return;
    end = n - i > SNIFF_SPAN ? i + SNIFF_SPAN : n;
    while (i < end) {
        int k;

        if (s[i] < 0x80) {
            i++;
            continue;
        }
        k = decode_utf8_len(s + i, n - i);
        if (k > 0) {
            valid++;
            i += (size_t)k;
        } else if (k < 0) {
            /* Cut by the chunk's end: a valid start counts as UTF-8 unless
             * nothing follows. */
            if (!last)
                valid++;
            else
                invalid++;
            break;
        } else {
            invalid++;
            i++;
        }
    }
    if (valid)
        d->enc = TS_ENC_UTF8;
    else if (invalid)
        d->enc = TS_ENC_CP1252;
}

static size_t from_cp1252(ts_decoder *d, const unsigned char *s, size_t n,
                          char *o)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        unsigned c = s[i];

        if (c < 0x80) {
            o[k++] = (char)c;
        } else if (c < 0xA0) {
            unsigned long cp = cp1252_high[c - 0x80];

            if (!cp) {
                cp = 0xFFFD;
                d->replaced++;
            }
            k += put_utf8(cp, o + k);
        } else {
            k += put_utf8(c, o + k);
        }
    }
    return k;
}

/* One UTF-16 code unit into o; returns the bytes written. */
static size_t utf16_unit(ts_decoder *d, unsigned long u, char *o)
{
    size_t k = 0;

    if (u >= 0xD800 && u <= 0xDBFF) {
        if (d->high) {
            k += put_utf8(0xFFFD, o);
            d->replaced++;
        }
        d->high = u;
        return k;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) {
        if (d->high) {
            unsigned long cp = 0x10000 + ((d->high - 0xD800) << 10) +
                               (u - 0xDC00);

            d->high = 0;
            return put_utf8(cp, o);
        }
        d->replaced++;
        return put_utf8(0xFFFD, o);
    }
    if (d->high) {
        k += put_utf8(0xFFFD, o);
        d->replaced++;
        d->high = 0;
    }
    return k + put_utf8(u, o + k);
}

static size_t from_utf16(ts_decoder *d, const unsigned char *s, size_t n,
                         int last, char *o)
{
    int le = d->enc == TS_ENC_UTF16LE;
    size_t i = 0, k = 0;

    if (d->has_carry && n > 0) {
        unsigned long u = le ? (unsigned long)d->carry | (unsigned long)s[0] << 8
                             : (unsigned long)d->carry << 8 | s[0];

        d->has_carry = 0;
        k += utf16_unit(d, u, o + k);
        i = 1;
    }
    for (; i + 1 < n; i += 2) {
        unsigned long u = le ? (unsigned long)s[i] | (unsigned long)s[i + 1] << 8
                             : (unsigned long)s[i] << 8 | s[i + 1];

        k += utf16_unit(d, u, o + k);
    }
    if (i < n) {
        d->carry = s[i];
        d->has_carry = 1;
    }
    if (last) {
        if (d->has_carry) {
            d->has_carry = 0;
            k += put_utf8(0xFFFD, o + k);
            d->replaced++;
        }
        if (d->high) {
            d->high = 0;
            k += put_utf8(0xFFFD, o + k);
            d->replaced++;
        }
    }
    return k;
}

static void detect(ts_decoder *d, char **in, size_t *n)
{
    const unsigned char *s = (const unsigned char *)*in;

    d->started = 1;
    if (*n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        d->enc = TS_ENC_UTF16LE;
    } else if (*n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        d->enc = TS_ENC_UTF16BE;
    } else {
        /* UTF-16 without a byte order mark: ASCII text with every other
         * byte NUL. */
        if (*n >= 4 && s[0] && !s[1] && s[2] && !s[3])
            d->enc = TS_ENC_UTF16LE;
        else if (*n >= 4 && !s[0] && s[1] && !s[2] && s[3])
            d->enc = TS_ENC_UTF16BE;
        return;
    }
    *in += 2;
    *n -= 2;
}

char *decode_chunk(ts_decoder *d, char *in, size_t n, int last,
                   ts_strbuf *out, size_t *len)
{
    char *o;
    size_t k;

    if (!d->started && (n > 0 || last))
        detect(d, &in, &n);
    if (d->enc == TS_ENC_UNDECIDED)
        sniff_8bit(d, (const unsigned char *)in, n, last);
    if (!decode_converts(d->enc)) {
        *len = n;
        return in;
    }
    sb_reset(out);
    /* Worst cases: a Windows-1252 byte becomes 3 bytes; a UTF-16 unit
     * (2 bytes, or 1 with a carried one) up to 6 with a replaced
     * surrogate before it. */
    o = sb_reserve(out, n * 3 + 16);
    if (d->enc == TS_ENC_CP1252)
        k = from_cp1252(d, (const unsigned char *)in, n, o);
    else
        k = from_utf16(d, (const unsigned char *)in, n, last, o);
    out->len = k;
    o[k] = '\0';
    *len = k;
    return o;
}
