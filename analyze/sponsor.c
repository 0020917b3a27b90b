/*
 * sponsor.c - sponsor name keys and display forms (analyze stage).
 */
#include "analyze/sponsor.h"

#include <string.h>

/* Names are real organisations' names, a few dozen characters; a longer
 * value (a hostile or broken export) is judged by its start. */
#define NAME_MAX_BYTES 1024
#define WORDS_MAX 256

/* Legal forms dropped from the end, as word keys; a space separates the
 * words of a form written with a separator ("A/S", "S.A. de C.V."). */
static const char *const legal_forms[] = {
    "ab", "ag", "aps", "as", "a s", "asa", "bv", "b v", "co", "company",
    "corp", "corporation", "cv", "de cv", "doo", "gmbh", "inc",
    "incorporated", "jsc", "kg", "kk", "lda", "limited", "llc", "llp", "lp",
    "ltd", "ltda", "mbh", "nv", "n v", "oy", "oyj", "pjsc", "plc", "pte",
    "pty", "pvt", "private", "sa", "s a", "sas", "sarl", "se", "sl", "spa",
    "s p a", "srl", "sro", "ulc",
};

typedef struct word {
    size_t start, end;      /* bytes of the original name */
    size_t kstart, klen;    /* the word's key in the key buffer */
} word;

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80 || c == '.' || c == '\'';
}

/* Cuts name into words and writes their keys, space-separated, to key
 * (the full key before any word is dropped). Returns the word count. */
static size_t split(const char *name, size_t len, word *w, ts_strbuf *key)
{
    size_t i = 0, n = 0;

    if (len > NAME_MAX_BYTES) {
        len = NAME_MAX_BYTES;
        while (len > 0 && ((unsigned char)name[len] & 0xC0) == 0x80)
            len--;
    }
    sb_reset(key);
    while (i < len && n < WORDS_MAX) {
        size_t start, kstart;

        while (i < len && !word_byte((unsigned char)name[i]))
            i++;
        if (i >= len)
            break;
        start = i;
        if (key->len)
            sb_putc(key, ' ');
        kstart = key->len;
        for (; i < len && word_byte((unsigned char)name[i]); i++) {
            char c = name[i];

            if (c == '.' || c == '\'')
                continue;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            sb_putc(key, c);
        }
        if (key->len == kstart) {
            /* only dots: not a word */
            if (kstart > 0) {
                key->len = kstart - 1;
                key->buf[key->len] = '\0';
            }
            continue;
        }
        w[n].start = start;
        w[n].end = i;
        w[n].kstart = kstart;
        w[n].klen = key->len - kstart;
        n++;
    }
    return n;
}

static int word_is(const ts_strbuf *key, const word *w, const char *s)
{
    size_t n = strlen(s);

    return w->klen == n && memcmp(key->buf + w->kstart, s, n) == 0;
}

/* How many of the last words of w[first..n) make a legal form (0 if
 * none); a form never takes the first word. */
static size_t legal_tail(const ts_strbuf *key, const word *w, size_t first,
                         size_t n)
{
    size_t f;

    for (f = 0; f < sizeof(legal_forms) / sizeof(legal_forms[0]); f++) {
        const char *form = legal_forms[f];
        const char *space = strchr(form, ' ');

        if (!space) {
            if (n - first >= 2 && word_is(key, &w[n - 1], form))
                return 1;
        } else if (n - first >= 3) {
            char head[8];
            size_t h = (size_t)(space - form);

            if (h >= sizeof(head))
                continue;
            memcpy(head, form, h);
            head[h] = '\0';
            if (word_is(key, &w[n - 2], head) &&
                word_is(key, &w[n - 1], space + 1))
                return 2;
        }
    }
    return 0;
}

/* The kept words: w[*first..*last). */
static void kept_words(const ts_strbuf *key, const word *w, size_t n,
                       size_t *first, size_t *last)
{
    size_t a = 0, b = n, k;

    while ((k = legal_tail(key, w, a, b)) > 0) {
        b -= k;
        if (b - a >= 2 && word_is(key, &w[b - 1], "and"))
            b--;
    }
    if (b - a >= 2 && word_is(key, &w[a], "the"))
        a++;
    *first = a;
    *last = b;
}

size_t sponsor_key(const char *name, size_t len, ts_strbuf *key)
{
    word w[WORDS_MAX];
    size_t n = split(name, len, w, key), a, b, i, k = 0;

    if (n == 0) {
        sb_reset(key);
        return 0;
    }
    kept_words(key, w, n, &a, &b);
    /* Move the kept words' keys to the front, in place (they only move
     * towards the start). */
    for (i = a; i < b; i++) {
        if (k)
            key->buf[k++] = ' ';
        memmove(key->buf + k, key->buf + w[i].kstart, w[i].klen);
        k += w[i].klen;
    }
    key->len = k;
    key->buf[k] = '\0';
    return k;
}

/* Where the display form ends: after the last kept word, and after the
 * closing quote or bracket that the kept text leaves open
 * ('Centro "Bonino-Pulejo"'). */
static size_t display_end(const char *name, size_t len, size_t start,
                          size_t end)
{
    size_t i, quotes = 0;
    long parens = 0;

    for (i = start; i < end; i++) {
        quotes += name[i] == '"';
        parens += name[i] == '(';
        parens -= name[i] == ')';
    }
    while (end < len && ((name[end] == '"' && quotes % 2 == 1) ||
                         (name[end] == ')' && parens > 0))) {
        quotes += name[end] == '"';
        parens -= name[end] == ')';
        end++;
    }
    return end;
}

size_t sponsor_display(const char *name, size_t len, ts_strbuf *out)
{
    word w[WORDS_MAX];
    ts_strbuf key = {0};
    size_t n = split(name, len, w, &key), a, b, i, end;
    int space = 0;

    sb_reset(out);
    if (n > 0) {
        kept_words(&key, w, n, &a, &b);
        end = display_end(name, len, w[a].start, w[b - 1].end);
        for (i = w[a].start; i < end; i++) {
            char c = name[i];

            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = 1;
                continue;
            }
            if (space)
                sb_putc(out, ' ');
            space = 0;
            sb_putc(out, c);
        }
    }
    sb_free(&key);
    return out->len;
}
