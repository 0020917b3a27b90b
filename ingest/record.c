/*
 * record.c - cleaning of raw export values (ingest stage).
 */
#include "ingest/record.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

const char *record_column_key(ts_column c)
{
    static const char *const keys[TS_COL_COUNT] = {
        "trial_id", "title", "url", "acronym", "status", "conditions",
        "interventions", "sponsor", "collaborators", "sex", "age", "phases",
        "enrollment", "funder_type", "study_type", "study_design",
        "other_ids", "start_date", "primary_completion_date",
        "completion_date", "first_posted", "locations", "countries",
        "keywords", "condition_mesh", "condition_mesh_id",
        "condition_ancestors", "condition_ancestor_id",
        "intervention_other_names", "arm_groups", "arm_interventions",
        "study_results", "enrollment_type", "recruitment_status",
        "parts",
    };

    return (unsigned)c < TS_COL_COUNT ? keys[c] : "?";
}

/* Writes code point cp as UTF-8 into out; returns the byte count. */
static size_t put_utf8(unsigned long cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes an entity at s[0] == '&' within s[0..n). On success returns the
 * number of input bytes used and sets *cp; returns 0 if it is not one. */
static size_t decode_entity(const char *s, size_t n, unsigned long *cp)
{
    static const struct {
        const char *name;
        unsigned long cp;
    } named[] = {
        {"amp;", '&'},   {"lt;", '<'},    {"gt;", '>'},   {"quot;", '"'},
        {"apos;", '\''}, {"nbsp;", 0xA0},
    };
    size_t i;

    if (n >= 4 && s[1] == '#') {
        unsigned long v = 0;
        int hex = (s[2] == 'x' || s[2] == 'X');
        size_t j = hex ? 3 : 2, start = j;

        for (; j < n && j < start + 8; j++) {
            char c = s[j];
            int d;

            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F')
                d = c - 'A' + 10;
            else
                break;
            v = v * (hex ? 16 : 10) + (unsigned long)d;
        }
        if (j == start || j >= n || s[j] != ';')
            return 0;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return j + 1;
    }
    for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        size_t k = strlen(named[i].name);

        if (n > k && memcmp(s + 1, named[i].name, k) == 0) {
            *cp = named[i].cp;
            return k + 1;
        }
    }
    return 0;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (s[0] == 0xE0 && s[1] < 0xA0)
            return 0;
        if (s[0] == 0xED && s[1] >= 0xA0)
            return 0;
        return 3;
    }
    if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (s[0] == 0xF0 && s[1] < 0x90)
            return 0;
        if (s[0] == 0xF4 && s[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

/* Bytes 0x80 of each byte of a word, and 0x01 of each. */
#define HIGHS 0x8080808080808080ULL
#define LOWS 0x0101010101010101ULL

/* The length of the plain prefix of s[0..len): printable ASCII other than
 * '&', which cleaning leaves as it is. Eight bytes at a time: a byte is
 * below 0x20, above 0x7E or '&' exactly when its high bit comes up in
 * one of the three tests (each exact for "some byte is"). */
static size_t plain_prefix(const char *s, size_t len)
{
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        uint64_t x, amp;

        memcpy(&x, s + i, 8);
        amp = x ^ (LOWS * '&');
        if ((((x - LOWS * 0x20) & ~x) | ((x + LOWS * (0x7F - 0x7E)) | x) |
             ((amp - LOWS) & ~amp)) & HIGHS)
            break;
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c < 0x20 || c > 0x7E || c == '&')
            break;
    }
    return i;
}

size_t record_clean_value(ts_strbuf *out, const char *raw, size_t len,
                          size_t *clean_len, int *bad_utf8)
{
    size_t start = out->len, i;
    char *dst;
    size_t o;

    /* Every input byte yields at most 3 output bytes (U+FFFD). */
    dst = sb_reserve(out, len * 3 + 1);
    /* Most text is plain: copied at once, the rest byte by byte. */
    i = o = plain_prefix(raw, len);
    memcpy(dst, raw, i);
    while (i < len) {
        unsigned char c = (unsigned char)raw[i];

        if (c == '&') {
            unsigned long cp;
            size_t used = decode_entity(raw + i, len - i, &cp);

            if (used) {
                if (cp == 0xA0)
                    cp = ' ';
                if (cp < 0x20 && cp != '\n' && cp != '\t')
                    cp = ' ';
                o += put_utf8(cp, dst + o);
                i += used;
                continue;
            }
            dst[o++] = '&';
            i++;
        } else if (c < 0x80) {
            if (c == '\r') {
                /* CRLF inside a quoted field is one line break. */
                if (i + 1 < len && raw[i + 1] == '\n') {
                    i++;
                    continue;
                }
                c = '\n';
            } else if (c < 0x20 && c != '\n' && c != '\t') {
                c = ' ';
            } else if (c == 0x7F) {
                c = ' ';
            }
            dst[o++] = (char)c;
            i++;
        } else {
            size_t v = utf8_valid_len((const unsigned char *)raw + i,
                                      len - i);

            if (v == 0) {
                memcpy(dst + o, "\xEF\xBF\xBD", 3);
                o += 3;
                i++;
                *bad_utf8 = 1;
            } else if (v == 2 && c == 0xC2 && (unsigned char)raw[i + 1] ==
                                                  0xA0) {
                dst[o++] = ' ';
                i += 2;
            } else {
                memcpy(dst + o, raw + i, v);
                o += v;
                i += v;
            }
        }
    }
    /* Trim white space (space, tab, newline) at both ends. */
    {
        size_t a = 0, b = o;

        while (a < b && (dst[a] == ' ' || dst[a] == '\t' || dst[a] == '\n'))
            a++;
        while (b > a &&
               (dst[b - 1] == ' ' || dst[b - 1] == '\t' || dst[b - 1] == '\n'))
            b--;
        if (a)
            memmove(dst, dst + a, b - a);
        o = b - a;
    }
    if (o == 4 && memcmp(dst, "null", 4) == 0)
        o = 0;
    dst[o] = '\0';
    out->len = start + o + 1;
    *clean_len = o;
    return start;
}

void shaper_init(ts_shaper *sh, ts_strbuf *buf)
{
    sh->buf = buf;
    memset(sh->set, 0, sizeof(sh->set));
    sh->open = -1;
}

void shaper_begin(ts_shaper *sh, ts_column col)
{
    sh->off[col] = sh->buf->len;
    sh->set[col] = 1;
    sh->open = (int)col;
}

void shaper_end(ts_shaper *sh)
{
    sb_putc(sh->buf, '\0');
    sh->open = -1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Length of an HTML line break at s ("<br>", "<br/>", "<br />"), or 0. */
static size_t br_len(const char *s, size_t n)
{
    size_t i = 3;

    if (n < 4 || !record_prefix(s, n, "<br"))
        return 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i < n && s[i] == '/')
        i++;
    return i < n && s[i] == '>' ? i + 1 : 0;
}

int shaper_item(ts_shaper *sh, const char *s, size_t n)
{
    size_t i, start = sh->buf->len, first;

    if (!n || sh->open < 0)
        return 0;
    if (start > sh->off[sh->open])
        sb_putc(sh->buf, '|');
    first = sh->buf->len;
    for (i = 0; i < n; i++) {
        char c = s[i];
        size_t br = c == '<' ? br_len(s + i, n - i) : 0;

        /* An item is one line, and '|' is the list separator. */
        if (br) {
            i += br - 1;
            c = ' ';
        } else if (c == '\n' || c == '\t' || c == '\r') {
            c = ' ';
        } else if (c == '|') {
            c = '/';
        }
        /* No white space at the start, one space for a run. */
        if (c == ' ' && (sh->buf->len == first ||
                         sh->buf->buf[sh->buf->len - 1] == ' '))
            continue;
        sb_putc(sh->buf, c);
    }
    while (sh->buf->len > first && sh->buf->buf[sh->buf->len - 1] == ' ')
        sh->buf->len--;
    if (sh->buf->len == first) {
        /* Nothing but white space and line breaks: no item. */
        sh->buf->len = start;
        if (sh->buf->buf)
            sh->buf->buf[start] = '\0';
        return 0;
    }
    sh->buf->buf[sh->buf->len] = '\0';
    return 1;
}

int shaper_item_once(ts_shaper *sh, const char *s, size_t n)
{
    static const char *const placeholders[] = {
        "N/A", "NA", "None", "No", "Nil", "-", "Not applicable",
    };
    size_t i, q, end;
    const char *b;

    while (n && is_space(*s)) {
        s++;
        n--;
    }
    while (n && is_space(s[n - 1]))
        n--;
    if (!n || sh->open < 0)
        return 0;
    for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
        if (strlen(placeholders[i]) == n &&
            strncasecmp(s, placeholders[i], n) == 0)
            return 0;
    b = sh->buf->buf;
    end = sh->buf->len;
    for (q = sh->off[sh->open]; b && q < end;) {
        const char *bar = memchr(b + q, '|', end - q);
        size_t e = bar ? (size_t)(bar - b) : end;

        if (e - q == n && strncasecmp(b + q, s, n) == 0)
            return 0;
        q = e + 1;
    }
    return shaper_item(sh, s, n);
}

void shaper_put(ts_shaper *sh, ts_column col, const char *s, size_t n)
{
    while (n && is_space(*s)) {
        s++;
        n--;
    }
    while (n && is_space(s[n - 1]))
        n--;
    shaper_begin(sh, col);
    sb_append(sh->buf, s, n);
    shaper_end(sh);
}

void shaper_apply(ts_shaper *sh, ts_record *rec)
{
    size_t i;

    for (i = 0; i < TS_COL_COUNT; i++) {
        if (!sh->set[i])
            continue;
        rec->value[i] = sh->buf->buf + sh->off[i];
        rec->len[i] = strlen(rec->value[i]);
        /* A field the reader derives (CTIS's countries from its
         * "Country:status" locations) is the record's as much as one
         * the file names: stages that copy or prefer present fields
         * must see it. */
        rec->present[i] = 1;
    }
}


int record_prefix(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);

    return n >= k && strncasecmp(s, p, k) == 0;
}

size_t record_split(ts_shaper *sh, const char *s, size_t n, const char *seps)
{
    size_t i = 0, start = 0, added = 0;

    while (i < n) {
        size_t br = s[i] == '<' ? br_len(s + i, n - i) : 0;

        if (br || s[i] == '\n' || (s[i] != '\0' && strchr(seps, s[i]))) {
            added += (size_t)shaper_item(sh, s + start, i - start);
            i += br ? br : 1;
            start = i;
        } else {
            i++;
        }
    }
    added += (size_t)shaper_item(sh, s + start, n - start);
    return added;
}

void record_one_line(ts_shaper *sh, ts_column col, const char *s, size_t n)
{
    size_t i = 0;
    int space = 0, any = 0;

    shaper_begin(sh, col);
    while (i < n) {
        size_t br = s[i] == '<' ? br_len(s + i, n - i) : 0;

        if (br || is_space(s[i])) {
            space = 1;
            i += br ? br : 1;
            continue;
        }
        if (space && any)
            sb_putc(sh->buf, ' ');
        space = 0;
        any = 1;
        sb_putc(sh->buf, s[i++]);
    }
    shaper_end(sh);
}

void record_lines(ts_shaper *sh, ts_column col, const char *s, size_t n)
{
    size_t i = 0, start = 0, first = 1;

    shaper_begin(sh, col);
    while (i <= n) {
        size_t br = i < n && s[i] == '<' ? br_len(s + i, n - i) : 0;

        if (i == n || br || s[i] == '\n') {
            const char *p = s + start;
            size_t k = i - start;

            while (k && is_space(*p)) {
                p++;
                k--;
            }
            while (k && is_space(p[k - 1]))
                k--;
            if (k) {
                if (!first)
                    sb_putc(sh->buf, '\n');
                sb_append(sh->buf, p, k);
                first = 0;
            }
            i += br ? br : 1;
            start = i;
            continue;
        }
        i++;
    }
    shaper_end(sh);
}
