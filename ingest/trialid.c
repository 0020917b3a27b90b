/*
 * trialid.c - recognising trial identifiers in text (ingest stage).
 *
 * A small matcher walks the text with Unicode hyphens (U+2010 to U+2015,
 * U+2212, U+FE58, U+FE63, U+FF0D) read as '-' and a no-break space read
 * as ' ', and tries each registry's shape at every place a token starts.
 */
#include "ingest/trialid.h"

#include <stdio.h>
#include <string.h>

/* A cursor over the text. */
typedef struct cur {
    const char *s;
    size_t n;
    size_t i;
} cur;

/* The character at c->i, folded, and its byte length (0 at the end).
 * Non-ASCII characters other than hyphens and spaces come back as 0x80. */
static int peek_utf8(const cur *c, size_t *adv);

static int peek(const cur *c, size_t *adv)
{
    if (c->i < c->n && (unsigned char)c->s[c->i] < 0x80) {
        *adv = 1;
        return (unsigned char)c->s[c->i];
    }
    return peek_utf8(c, adv);
}

static int peek_utf8(const cur *c, size_t *adv)
{
    const unsigned char *u = (const unsigned char *)c->s + c->i;
    size_t left = c->n - c->i;

    *adv = 0;
    if (left == 0)
        return -1;
    if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {
        *adv = 2;
        return ' ';
    }
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 &&
        u[2] <= 0x95) {
        *adv = 3;
        return '-';
    }
    if (left >= 3 && ((u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) ||
                      (u[0] == 0xEF && u[1] == 0xB9 &&
                       (u[2] == 0x98 || u[2] == 0xA3)) ||
                      (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8D))) {
        *adv = 3;
        return '-';
    }
    /* Skip the whole UTF-8 sequence (or one invalid byte). */
    *adv = 1;
    while (*adv < left && (u[*adv] & 0xC0) == 0x80)
        (*adv)++;
    return 0x80;
}

static int get(cur *c)
{
    size_t adv;
    int ch = peek(c, &adv);

    c->i += adv;
    return ch;
}

static int is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_alpha(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

/* Matches the literal lit, case-insensitively. */
static int lit(cur *c, const char *lit)
{
    cur save = *c;

    for (; *lit; lit++)
        if (lower(get(c)) != lower((unsigned char)*lit)) {
            *c = save;
            return 0;
        }
    return 1;
}

/* Matches one character ch exactly. */
static int chr(cur *c, int ch)
{
    size_t adv;

    if (peek(c, &adv) != ch)
        return 0;
    c->i += adv;
    return 1;
}

/* Skips what may stand between a prefix and its number: at most three of
 * ' ', ':', '-', '_', '#', '.'. */
static void gap(cur *c)
{
    size_t k, adv;

    for (k = 0; k < 3; k++) {
        int ch = peek(c, &adv);

        if (ch != ' ' && ch != ':' && ch != '-' && ch != '_' && ch != '#' &&
            ch != '.')
            return;
        c->i += adv;
    }
}

/* Matches min..max digits, not followed by another digit, appending them
 * to out (room for max more and a NUL). */
static int digits(cur *c, size_t min, size_t max, char *out)
{
    size_t k = 0, adv;
    cur save = *c;

    while (k < max && is_digit(peek(c, &adv))) {
        out[k++] = (char)get(c);
    }
    if (k < min || is_digit(peek(c, &adv))) {
        *c = save;
        return 0;
    }
    out[k] = '\0';
    return 1;
}

/* 1 unless s holds only zeros and separators (a placeholder number). */
static int nonzero(const char *s)
{
    for (; *s; s++)
        if (*s >= '1' && *s <= '9')
            return 1;
    return 0;
}

/* Appends s to the id buffer. */
static void put(ts_trialid *id, const char *s)
{
    size_t k = strlen(id->id), m = strlen(s);

    if (k + m < sizeof(id->id)) {
        memcpy(id->id + k, s, m);
        id->id[k + m] = '\0';
    }
}

/* PREFIX [gap] digits{min,max}: the common shape. */
static const struct simple {
    ts_registry reg;
    const char *prefix;         /* matched case-insensitively */
    const char *canon;          /* written */
    unsigned char min, max;
} simple[] = {
    {TS_REG_CTGOV, "NCT", "NCT", 8, 8},
    {TS_REG_ISRCTN, "ISRCTN", "ISRCTN", 8, 8},
    {TS_REG_ANZCTR, "ACTRN", "ACTRN", 14, 14},
    {TS_REG_DRKS, "DRKS", "DRKS", 8, 8},
    {TS_REG_UMIN, "UMIN", "UMIN", 9, 9},
    {TS_REG_CRIS, "KCT", "KCT", 7, 7},
    {TS_REG_TCTR, "TCTR", "TCTR", 11, 11},
    {TS_REG_PACTR, "PACTR", "PACTR", 15, 16},
    {TS_REG_RPCEC, "RPCEC", "RPCEC", 8, 11},
    {TS_REG_LBCTR, "LBCTR", "LBCTR", 10, 10},
    {TS_REG_ITMCTR, "ITMCTR", "ITMCTR", 7, 12},
    {TS_REG_OMON, "NL-OMON", "NL-OMON", 1, 9},
    {TS_REG_NTR, "NTR", "NTR", 1, 5},
    {TS_REG_JAPIC, "JapicCTI", "JapicCTI-", 6, 6},
    {TS_REG_JMA, "JMA-IIA", "JMA-IIA", 5, 5},
};

static int match_simple(cur *c, const struct simple *p, ts_trialid *id)
{
    char num[24];
    cur save = *c;

    if (!lit(c, p->prefix))
        return 0;
    gap(c);
    if (!digits(c, p->min, p->max, num) || !nonzero(num)) {
        *c = save;
        return 0;
    }
    id->registry = p->reg;
    put(id, p->canon);
    put(id, num);
    return 1;
}

/* NL + up to 5 digits: the Netherlands Trial Register's later numbers.
 * "NL12345.078.15" is a Dutch ethics (ABR) number, not a registration. */
static int match_nl(cur *c, ts_trialid *id)
{
    char num[8];
    cur save = *c;
    size_t adv;

    if (!lit(c, "NL") || !digits(c, 1, 5, num) || !nonzero(num) ||
        peek(c, &adv) == '.') {
        *c = save;
        return 0;
    }
    id->registry = TS_REG_NTR;
    put(id, "NL");
    put(id, num);
    return 1;
}

/* EudraCT YYYY-NNNNNN-NN and CTIS YYYY-5NNNNN-NN(-NN), with ICTRP's
 * "EUCTR" or "CTIS" in front and a member state or resubmission after. */
static int match_eu(cur *c, ts_trialid *id)
{
    char year[8], mid[8], check[4], buf[32];
    cur save = *c, after;
    size_t adv;

    if (!is_digit(peek(c, &adv))) {
        if (!lit(c, "EUCTR") && !lit(c, "CTIS") && !lit(c, "EudraCT"))
            return 0;
        gap(c);
    }
    if (!digits(c, 4, 4, year) || !chr(c, '-') || !digits(c, 6, 6, mid) ||
        !chr(c, '-') || !digits(c, 2, 2, check) || year[0] < '1' ||
        year[0] > '2' || !nonzero(mid)) {
        *c = save;
        return 0;
    }
    id->registry = mid[0] == '5' ? TS_REG_CTIS : TS_REG_EUCTR;
    snprintf(buf, sizeof(buf), "%s-%s-%s", year, mid, check);
    put(id, buf);
    /* A suffix: two digits (CTIS), or a member state: two letters or
     * "3RD" (a third country), standing alone. */
    after = *c;
    if (chr(c, '-')) {
        char suf[4] = "";
        size_t k = 0;
        int ch;

        while (k < 3 && (ch = peek(c, &adv), is_alpha(ch) || is_digit(ch))) {
            suf[k++] = (char)(is_alpha(ch) ? ch & ~0x20 : ch);
            c->i += adv;
        }
        suf[k] = '\0';
        ch = peek(c, &adv);
        if ((k == 2 || (k == 3 && strcmp(suf, "3RD") == 0)) &&
            !is_alpha(ch) && !is_digit(ch))
            memcpy(id->suffix, suf, k + 1);
        else
            *c = after;
    }
    return 1;
}

/* ChiCTR + 8 to 10 digits, or the older ChiCTR-XXX-8 digits. */
static int match_chictr(cur *c, ts_trialid *id)
{
    char num[16], kind[4];
    cur save = *c;
    size_t k;

    if (!lit(c, "ChiCTR"))
        return 0;
    chr(c, '-');
    for (k = 0; k < 3; k++) {
        size_t adv;
        int ch = peek(c, &adv);

        if (!is_alpha(ch))
            break;
        kind[k] = (char)(ch & ~0x20);
        c->i += adv;
    }
    kind[k] = '\0';
    if ((k != 0 && (k != 3 || !chr(c, '-'))) || !digits(c, 8, 10, num) ||
        !nonzero(num)) {
        *c = save;
        return 0;
    }
    id->registry = TS_REG_CHICTR;
    put(id, "ChiCTR");
    if (k) {
        put(id, "-");
        put(id, kind);
        put(id, "-");
    }
    put(id, num);
    return 1;
}

/* CTRI/YYYY/MM/NNNNNN (the month sometimes with three digits). */
static int match_ctri(cur *c, ts_trialid *id)
{
    char y[8], m[8], n[12], buf[48];
    cur save = *c;

    if (!lit(c, "CTRI") || !chr(c, '/') || !digits(c, 4, 4, y) ||
        !chr(c, '/') || !digits(c, 2, 3, m) || !chr(c, '/') ||
        !digits(c, 5, 6, n) || !nonzero(n)) {
        *c = save;
        return 0;
    }
    id->registry = TS_REG_CTRI;
    snprintf(buf, sizeof(buf), "CTRI/%s/%s/%s", y, m, n);
    put(id, buf);
    return 1;
}

/* SLCTR/YYYY/NNN. */
static int match_slctr(cur *c, ts_trialid *id)
{
    char y[8], n[8], buf[32];
    cur save = *c;

    if (!lit(c, "SLCTR") || !chr(c, '/') || !digits(c, 4, 4, y) ||
        !chr(c, '/') || !digits(c, 3, 4, n) || !nonzero(n)) {
        *c = save;
        return 0;
    }
    id->registry = TS_REG_SLCTR;
    snprintf(buf, sizeof(buf), "SLCTR/%s/%s", y, n);
    put(id, buf);
    return 1;
}

/* IRCT + digits + N + digits. */
static int match_irct(cur *c, ts_trialid *id)
{
    char a[24], b[8], buf[48];
    cur save = *c;

    if (!lit(c, "IRCT") || !digits(c, 6, 16, a) || !lit(c, "N") ||
        !digits(c, 1, 3, b) || !nonzero(a)) {
        *c = save;
        return 0;
    }
    id->registry = TS_REG_IRCT;
    snprintf(buf, sizeof(buf), "IRCT%sN%s", a, b);
    put(id, buf);
    return 1;
}

/* jRCT and 10 digits, or a lower-case letter (jRCTs, jRCTb, ...) and 9
 * or 10 digits. */
static int match_jrct(cur *c, ts_trialid *id)
{
    char num[16], buf[32], letter[2] = "";
    cur save = *c;
    size_t adv;
    int ch;

    if (!lit(c, "jRCT"))
        return 0;
    ch = peek(c, &adv);
    if (is_alpha(ch)) {
        letter[0] = (char)lower(ch);
        c->i += adv;
    }
    if (!digits(c, letter[0] ? 9 : 10, 10, num) || !nonzero(num)) {
        *c = save;
        return 0;
    }
    id->registry = TS_REG_JRCT;
    snprintf(buf, sizeof(buf), "jRCT%s%s", letter, num);
    put(id, buf);
    return 1;
}

/* RBR- and 6 to 8 letters and digits (ReBEC), lower case. */
static int match_rebec(cur *c, ts_trialid *id)
{
    char buf[16] = "RBR-";
    cur save = *c;
    size_t k = 4, adv;
    int ch, digit = 0;

    if (!lit(c, "RBR") || !chr(c, '-'))
        return (*c = save, 0);
    while (k < 12 && (ch = peek(c, &adv), is_alpha(ch) || is_digit(ch))) {
        digit |= is_digit(ch);
        buf[k++] = (char)lower(ch);
        c->i += adv;
    }
    buf[k] = '\0';
    ch = peek(c, &adv);
    if (k < 10 || k > 12 || !digit || is_alpha(ch) || is_digit(ch)) {
        *c = save;
        return 0;
    }
    id->registry = TS_REG_REBEC;
    put(id, buf);
    return 1;
}

/* PER-NNN-YY (REPEC). */
static int match_repec(cur *c, ts_trialid *id)
{
    char a[8], b[8], buf[32];
    cur save = *c;

    if (!lit(c, "PER") || !chr(c, '-') || !digits(c, 3, 3, a) ||
        !chr(c, '-') || !digits(c, 2, 2, b) || !nonzero(a)) {
        *c = save;
        return 0;
    }
    id->registry = TS_REG_REPEC;
    snprintf(buf, sizeof(buf), "PER-%s-%s", a, b);
    put(id, buf);
    return 1;
}

/* U1111-NNNN-NNNN (WHO Universal Trial Number). */
static int match_utn(cur *c, ts_trialid *id)
{
    char a[8], b[8], buf[32];
    cur save = *c;

    if (!lit(c, "U1111") || !chr(c, '-') || !digits(c, 4, 4, a) ||
        !chr(c, '-') || !digits(c, 4, 4, b) ||
        (!nonzero(a) && !nonzero(b))) {
        *c = save;
        return 0;
    }
    id->registry = TS_REG_UTN;
    snprintf(buf, sizeof(buf), "U1111-%s-%s", a, b);
    put(id, buf);
    return 1;
}

/* Tries the shapes that can start with c->i's character (the first
 * letter of each prefix, or a digit for EudraCT and CTIS numbers). */
static int match_at(cur *c, ts_trialid *id)
{
    size_t adv, k;
    int ch = lower(peek(c, &adv));

    id->id[0] = '\0';
    id->suffix[0] = '\0';
    if (is_digit(ch) || ch == 'e' || ch == 'c')
        if (match_eu(c, id))
            return 1;
    switch (ch) {
    case 'c':
        if (match_chictr(c, id) || match_ctri(c, id))
            return 1;
        break;
    case 'i':
        if (match_irct(c, id))
            return 1;
        break;
    case 'j':
        if (match_jrct(c, id))
            return 1;
        break;
    case 'p':
        if (match_repec(c, id))
            return 1;
        break;
    case 'r':
        if (match_rebec(c, id))
            return 1;
        break;
    case 's':
        if (match_slctr(c, id))
            return 1;
        break;
    case 'u':
        if (match_utn(c, id))
            return 1;
        break;
    case 'n':
        if (match_nl(c, id))
            return 1;
        break;
    default:
        break;
    }
    if (!is_alpha(ch))
        return 0;
    for (k = 0; k < sizeof(simple) / sizeof(simple[0]); k++)
        if (lower((unsigned char)simple[k].prefix[0]) == ch &&
            match_simple(c, &simple[k], id))
            return 1;
    return 0;
}

int trialid_next(const char *text, size_t len, size_t *pos, ts_trialid *id)
{
    cur c;
    int prev = ' ';

    c.s = text;
    c.n = len;
    c.i = *pos;
    while (c.i < len) {
        size_t adv;
        int ch = peek(&c, &adv);
        int alnum = is_alpha(ch) || is_digit(ch);
        cur t = c;
        int found = 0;

        if (alnum && !is_alpha(prev) && !is_digit(prev)) {
            found = match_at(&t, id);
        } else if (is_digit(ch) && is_alpha(prev)) {
            /* An EudraCT number glued to a word ("EUDRACTNO2015-...");
             * other shapes need a token of their own. */
            id->id[0] = '\0';
            id->suffix[0] = '\0';
            found = match_eu(&t, id);
        }
        if (found) {
            id->start = c.i;
            id->end = t.i;
            *pos = t.i;
            return 1;
        }
        prev = ch;
        c.i += adv;
    }
    *pos = len;
    return 0;
}

int trialid_parse(const char *text, size_t len, ts_trialid *id)
{
    size_t pos = 0;

    return trialid_next(text, len, &pos, id);
}
