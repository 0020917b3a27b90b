/*
 * record.c - cleaning of raw export values (ingest stage).
 */
#include "ingest/record.h"

#include <string.h>

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

size_t record_clean_value(ts_strbuf *out, const char *raw, size_t len,
                          size_t *clean_len, int *bad_utf8)
{
    size_t start = out->len, i = 0;
    char *dst;
    size_t o = 0;

    /* Every input byte yields at most 3 output bytes (U+FFFD). */
    dst = sb_reserve(out, len * 3 + 1);
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
