/*
 * mesh.c - MeSH descriptor table, condition keys and the mapping of a
 * condition's text to a descriptor (analyze stage).
 */
/* MAP_ANONYMOUS and MAP_POPULATE (see bulk_alloc()). */
#define _DEFAULT_SOURCE 1

#include "analyze/mesh.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/sha256.h"
#include "common/xalloc.h"

#define MAX_WORDS 48        /* words of a text that count */
#define PHRASE_WORDS 16     /* words mesh_map() looks for phrases in */
#define PHRASE_MAX 8        /* longest phrase tried */
#define WORD_MAX 63         /* bytes kept of a word */

/*
 * Memory the loader fills at once. A few MB of fresh memory touched page
 * by page costs more than reading the files (every first touch of a page
 * is a fault, and faults are slow in virtual machines), so it is mapped
 * and populated in one system call where the system has MAP_POPULATE;
 * elsewhere, or when that fails, it comes from xcalloc(). Zeroed either
 * way.
 */
typedef struct bulk {
    void *p;                /* owned */
    size_t size;
    int mapped;             /* 1: munmap(), 0: free() */
} bulk;

static void *bulk_alloc(bulk *b, size_t size)
{
    b->size = size ? size : 1;
    b->mapped = 0;
#if defined(MAP_ANONYMOUS) && defined(MAP_POPULATE)
    b->p = mmap(NULL, b->size, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (b->p != MAP_FAILED) {
        b->mapped = 1;
        return b->p;
    }
#endif
    b->p = xcalloc(1, b->size);
    return b->p;
}

static void bulk_free(bulk *b)
{
    if (!b->p)
        return;
    if (b->mapped)
        munmap(b->p, b->size);
    else
        free(b->p);
    b->p = NULL;
}

/* Carves n bytes, 8-aligned, from the arena at *at. */
static void *carve(char **at, size_t n)
{
    void *p = *at;

    *at += (n + 7) & ~(size_t)7;
    return p;
}

/*
 * A file's text, read-only: mapped (and populated at once) where the
 * system allows, else read into a buffer. Nothing is written into it:
 * fields are views with lengths, and the strings kept as C strings (ids,
 * labels, tree numbers) are copied into the arena.
 */
typedef struct file_text {
    const char *path;
    const char *buf;
    size_t len;
    const char *p;          /* next line */
    unsigned long line;     /* of the line last returned */
    void *map;              /* the mapping, or NULL */
    size_t maplen;
    bulk copy;              /* the text when it is not mapped */
} file_text;

/*
 * A hash table of strings that live elsewhere (in the files' text, which
 * the table does not outlive): entry i is the key with id i. Sized once,
 * when the number of keys is known, so it never rehashes. Only descriptor
 * ids go in one; tree numbers and term keys are sorted in their files and
 * found by binary search, so loading builds no large table.
 */
typedef struct vkey {
    const char *key;        /* view */
    uint32_t len;
} vkey;

typedef struct vslot {
    uint32_t hash;
    uint32_t id;            /* id + 1; 0 = empty */
} vslot;

typedef struct vtab {
    vkey *entry;            /* in the arena; by id */
    uint32_t count;
    uint32_t cap;           /* entries allocated */
    vslot *slot;            /* in the arena; the hash beside the id, so a
                             * probe touches one cache line, not the key */
    uint32_t mask;          /* slots - 1 */
} vtab;

static uint32_t hash_view(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ^ (h >> 15);
}

static size_t vtab_slots(size_t cap)
{
    size_t slots = 16;

    while (slots < cap * 2)
        slots *= 2;
    return slots;
}

/* Bytes vtab_init() carves for cap keys. */
static size_t vtab_bytes(size_t cap)
{
    return ((cap * sizeof(vkey) + 7) & ~(size_t)7) +
           vtab_slots(cap) * sizeof(vslot);
}

/* A table for cap keys, carved from zeroed memory at *at. */
static void vtab_init(vtab *t, size_t cap, char **at)
{
    size_t slots = vtab_slots(cap);

    t->entry = carve(at, cap * sizeof(vkey));
    t->count = 0;
    t->cap = (uint32_t)cap;
    t->slot = carve(at, slots * sizeof(vslot));
    t->mask = (uint32_t)(slots - 1);
}

/* The slot of key[0..len) with hash h: its own, or the empty one where it
 * would go. */
static const vslot *vtab_probe(const vtab *t, const char *key, size_t len,
                               uint32_t h)
{
    uint32_t j = h & t->mask;

    while (t->slot[j].id) {
        const vslot *s = &t->slot[j];

        if (s->hash == h) {
            const vkey *e = &t->entry[s->id - 1];

            if (e->len == len && memcmp(e->key, key, len) == 0)
                return s;
        }
        j = (j + 1) & t->mask;
    }
    return &t->slot[j];
}

/* The id of key[0..len), or TS_MESH_NONE. */
static size_t vtab_find(const vtab *t, const char *key, size_t len)
{
    const vslot *s;

    if (!t->slot)
        return TS_MESH_NONE;
    s = vtab_probe(t, key, len, hash_view(key, len));
    return s->id ? s->id - 1 : TS_MESH_NONE;
}

/* Adds key (a view that must outlive the table) and returns its id, or
 * the id it has already (*added = 0 then). The table must have room. */
static size_t vtab_add(vtab *t, const char *key, size_t len, int *added)
{
    uint32_t h = hash_view(key, len);
    vslot *s = &t->slot[vtab_probe(t, key, len, h) - t->slot];

    *added = 0;
    if (s->id)
        return s->id - 1;
    assert(t->count < t->cap);
    t->entry[t->count].key = key;
    t->entry[t->count].len = (uint32_t)len;
    s->hash = h;
    s->id = ++t->count;
    *added = 1;
    return t->count - 1;
}

/* A string view compared in byte order, shorter first on a tie: the order
 * of the sorted files. */
static int view_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    size_t n = an < bn ? an : bn;
    int c = n ? memcmp(a, b, n) : 0;

    return c ? c : (an > bn) - (an < bn);
}

typedef struct desc_rec {
    const char *ui;         /* in the arena */
    const char *label;      /* in the arena */
    uint32_t first;         /* first of its nodes in desc_nodes */
    uint32_t nnodes;
} desc_rec;

typedef struct node_rec {
    const char *tree;       /* in the arena */
    uint32_t len;
    uint32_t parent;        /* NO_NODE for a root */
    uint32_t desc;
    uint32_t depth;         /* 1 for a root */
} node_rec;

typedef struct term_rec {
    const char *key;        /* view into text[1] (len bytes) */
    uint32_t len;
    uint32_t desc;
} term_rec;

#define NO_NODE UINT32_MAX

/* The files' checksums, computed on demand. */
typedef struct lazy_sha {
    char hex[2][65];
    int done[2];
} lazy_sha;

struct ts_mesh {
    file_text text[2];      /* the two files, read-only */
    bulk arena;             /* every table below, and kept strings */
    desc_rec *desc;         /* in the arena */
    size_t ndesc;
    size_t *desc_nodes;     /* in the arena; node ids of every descriptor */
    vtab uis;               /* ui -> descriptor (same ids) */
    node_rec *node;         /* in the arena; sorted by tree number */
    size_t nnodes;
    term_rec *term;         /* in the arena; sorted by key */
    size_t nterms;
    char *path[2];          /* owned; the files read */
    lazy_sha *sha;          /* owned; their SHA-256 */
};

/* ---- words and keys ------------------------------------------------- */

enum {
    W_CAPS = 1,             /* written in capitals, 2 to 6 characters */
    W_QUALIFIER = 2,        /* a qualifier (mesh_map strips it) */
    W_GENERIC = 4           /* too generic to stand alone as a phrase */
};

typedef struct word {
    char text[WORD_MAX + 1];
    size_t len;
    unsigned flags;
} word;

typedef struct words {
    word w[MAX_WORDS];
    size_t n;
} words;

/* Latin-1 letters U+00C0..U+00FF folded to ASCII ("" = not a letter). */
static const char *const fold_latin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i",
    "i", "i", "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u",
    "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e",
    "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o",
    "",  "o", "u", "u", "u", "u", "y", "th", "y",
};

/* Words with a role, in normalised form (singular, American spelling),
 * sorted for bsearch(). W_STOP: a joining word, dropped from keys. */
enum { W_STOP = 8 };

typedef struct special_word {
    const char *text;
    unsigned flags;
} special_word;

static const special_word specials[] = {
    {"abnormality", W_GENERIC}, {"active", W_QUALIFIER},
    {"acute", W_QUALIFIER},     {"adult", W_QUALIFIER},
    {"advanced", W_QUALIFIER},  {"and", W_STOP},
    {"at", W_STOP},             {"by", W_STOP},
    {"child", W_QUALIFIER},     {"childhood", W_QUALIFIER},
    {"children", W_QUALIFIER},  {"chronic", W_QUALIFIER},
    {"complication", W_GENERIC}, {"condition", W_GENERIC},
    {"de", W_QUALIFIER},        {"deficiency", W_GENERIC},
    {"diagnosed", W_QUALIFIER}, {"disease", W_GENERIC},
    {"disorder", W_GENERIC},    {"dysfunction", W_GENERIC},
    {"early", W_QUALIFIER},     {"effect", W_GENERIC},
    {"failure", W_GENERIC},     {"first", W_QUALIFIER},
    {"for", W_STOP},            {"from", W_STOP},
    {"function", W_GENERIC},    {"grade", W_QUALIFIER},
    {"high", W_QUALIFIER},      {"history", W_GENERIC},
    {"impairment", W_GENERIC},  {"in", W_STOP},
    {"individual", W_QUALIFIER}, {"injury", W_GENERIC},
    {"inoperable", W_QUALIFIER}, {"intermediate", W_QUALIFIER},
    {"late", W_QUALIFIER},      {"lesion", W_GENERIC},
    {"line", W_QUALIFIER},      {"locally", W_QUALIFIER},
    {"locoregional", W_QUALIFIER}, {"low", W_QUALIFIER},
    {"metastasized", W_QUALIFIER}, {"metastatic", W_QUALIFIER},
    {"mild", W_QUALIFIER},      {"moderate", W_QUALIFIER},
    {"moderately", W_QUALIFIER}, {"naive", W_QUALIFIER},
    {"newly", W_QUALIFIER},     {"novo", W_QUALIFIER},
    {"of", W_STOP},             {"on", W_STOP},
    {"operable", W_QUALIFIER},  {"or", W_STOP},
    {"participant", W_QUALIFIER}, {"patient", W_QUALIFIER},
    {"pediatric", W_QUALIFIER}, {"people", W_QUALIFIER},
    {"persistent", W_QUALIFIER}, {"person", W_QUALIFIER},
    {"population", W_QUALIFIER}, {"previously", W_QUALIFIER},
    {"problem", W_GENERIC},     {"progression", W_QUALIFIER},
    {"progressive", W_QUALIFIER}, {"recurrent", W_QUALIFIER},
    {"recurring", W_QUALIFIER}, {"refractory", W_QUALIFIER},
    {"relapsed", W_QUALIFIER},  {"resectable", W_QUALIFIER},
    {"risk", W_QUALIFIER},      {"second", W_QUALIFIER},
    {"severe", W_QUALIFIER},    {"severely", W_QUALIFIER},
    {"sign", W_GENERIC},        {"stage", W_QUALIFIER},
    {"status", W_GENERIC},      {"subject", W_QUALIFIER},
    {"symptom", W_GENERIC},     {"syndrome", W_GENERIC},
    {"the", W_STOP},            {"third", W_QUALIFIER},
    {"to", W_STOP},             {"treated", W_QUALIFIER},
    {"type", W_GENERIC},        {"unresectable", W_QUALIFIER},
    {"untreated", W_QUALIFIER}, {"volunteer", W_GENERIC},
    {"with", W_STOP},
};

static int cmp_special(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const special_word *)elem)->text);
}

/* The role flags of a normalised word (0 for most words). */
static unsigned special_flags(const char *w)
{
    const special_word *s =
        bsearch(w, specials, sizeof(specials) / sizeof(specials[0]),
                sizeof(specials[0]), cmp_special);

    return s ? s->flags : 0;
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t m = strlen(suffix);

    return n >= m && memcmp(w + n - m, suffix, m) == 0;
}

/* Replaces w[at..at+cut) with rep (no longer than cut). */
static void splice_word(word *w, size_t at, size_t cut, const char *rep)
{
    size_t r = strlen(rep);

    memcpy(w->text + at, rep, r);
    memmove(w->text + at + r, w->text + at + cut, w->len - at - cut + 1);
    w->len -= cut - r;
}

static void singular(word *w)
{
    const char *t = w->text;
    size_t n = w->len;

    if (n <= 3)
        return;
    if (n > 4 && ends_with(t, n, "ies"))
        splice_word(w, n - 3, 3, "y");
    else if (ends_with(t, n, "aches") &&        /* headaches, not */
             (n == 5 || !strchr("aeiou", t[n - 6])))  /* approaches */
        splice_word(w, n - 1, 1, "");
    else if (n > 5 && ends_with(t, n, "oses"))  /* psychoses, fibroses */
        splice_word(w, n - 2, 2, "is");
    else if (ends_with(t, n, "uses") || ends_with(t, n, "sses") ||
             ends_with(t, n, "xes") || ends_with(t, n, "ches") ||
             ends_with(t, n, "shes"))
        splice_word(w, n - 2, 2, "");
    else if (t[n - 1] == 's' && !ends_with(t, n, "ss") &&
             !ends_with(t, n, "us") && !ends_with(t, n, "is"))
        splice_word(w, n - 1, 1, "");
}

static void american(word *w)
{
    static const struct {
        const char *from, *to;
    } subs[] = {{"rrhoea", "rrhea"}, {"coeli", "celi"}, {"foet", "fet"}};
    size_t i;
    int oe = 0;

    for (i = 0; i + 1 < w->len; i++) {
        if (w->text[i + 1] != 'e')
            continue;
        if (w->text[i] == 'a')
            splice_word(w, i, 2, "e");
        else if (w->text[i] == 'o')
            oe = 1;
    }
    if (oe) {
        if (w->len > 2 && w->text[0] == 'o' && w->text[1] == 'e')
            splice_word(w, 0, 2, "e");
        for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
            char *p = strstr(w->text, subs[i].from);

            if (p)
                splice_word(w, (size_t)(p - w->text), strlen(subs[i].from),
                            subs[i].to);
        }
    }
    if (w->len > 4 && ends_with(w->text, w->len, "our"))
        splice_word(w, w->len - 3, 3, "or");
}

/* Roman numerals and stage suffixes that follow "stage" or "grade":
 * "iv", "iiib", "2", "b". */
static int is_stage_number(const char *w)
{
    size_t i, n = strlen(w);

    if (n == 1 && w[0] >= 'a' && w[0] <= 'c')
        return 1;
    for (i = 0; i < n && is_digit(w[i]); i++)
        ;
    if (i == n)
        return 1;
    for (i = 0; i < n && (w[i] == 'i' || w[i] == 'v' || w[i] == 'x'); i++)
        ;
    return i > 0 && (i == n || (i + 1 == n && w[i] >= 'a' && w[i] <= 'c'));
}

/* Ends the word being built in cur: normalises it and keeps it unless it
 * is a joining word. */
static void finish_word(words *ws, word *cur, int upper, int lower)
{
    word *w;
    unsigned flags;

    if (cur->len == 0)
        return;
    cur->text[cur->len] = '\0';
    if (ws->n == MAX_WORDS) {
        cur->len = 0;
        return;
    }
    w = &ws->w[ws->n];
    *w = *cur;
    cur->len = 0;
    w->flags = 0;
    singular(w);
    american(w);
    flags = special_flags(w->text);
    if (flags & W_STOP)
        return;
    ws->n++;
    w->flags = flags;
    if (upper && !lower && w->len >= 2 && w->len <= 6)
        w->flags |= W_CAPS;
}

/* Length of an apostrophe-like character at t[i] (', `, U+00B4, U+2018,
 * U+2019, or an HTML entity left undecoded such as "&#39;"), or 0. */
static size_t apostrophe(const char *t, size_t i, size_t n)
{
    unsigned char c = (unsigned char)t[i];
    size_t k;

    if (c == '\'' || c == '`')
        return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xB4)
        return 2;
    if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x98 || (unsigned char)t[i + 2] == 0x99))
        return 3;
    if (c == '&') {
        for (k = i + 1; k < n && k < i + 10; k++) {
            if (t[k] == ';')
                return k > i + 1 ? k - i + 1 : 0;
            if (!is_alpha(t[k]) && !is_digit(t[k]) && t[k] != '#')
                return 0;
        }
    }
    return 0;
}

/* Byte classes for the tokenizer. */
enum { C_SEP, C_LOWER, C_UPPER, C_DIGIT, C_OTHER };

static unsigned char byte_class(unsigned char c)
{
    if (c >= 'a' && c <= 'z')
        return C_LOWER;
    if (c >= 'A' && c <= 'Z')
        return C_UPPER;
    if (c >= '0' && c <= '9')
        return C_DIGIT;
    if (c >= 0x80 || c == '(' || c == ')' || c == '[' || c == ']' ||
        c == '\'' || c == '`' || c == '&')
        return C_OTHER;
    return C_SEP;
}

/* Splits text[0..n) into normalised words. parens: 0 every word, 1 only
 * words outside () and [], 2 only words inside them. */
static void split_words(const char *t, size_t n, int parens, words *ws)
{
    static unsigned char cls[256];
    static int ready;
    word cur;
    size_t i = 0;
    int depth = 0, upper = 0, lower = 0;
    int kind = 0;           /* of cur's last character: 1 letter, 2 digit */

    if (!ready) {
        /* Idempotent: racing threads write the same bytes. */
        for (i = 0; i < 256; i++)
            cls[i] = byte_class((unsigned char)i);
        ready = 1;
        i = 0;
    }
    ws->n = 0;
    cur.len = 0;
    while (i < n) {
        unsigned char c = (unsigned char)t[i];
        unsigned char k = cls[c];
        int take = parens == 0 || (parens == 1 ? depth == 0 : depth > 0);
        const char *fold;
        size_t step = 1, a;
        int wk;

        if (k == C_SEP) {
            finish_word(ws, &cur, upper, lower);
            i++;
            continue;
        }
        if (k != C_OTHER) {
            /* A letter or digit: the common case. */
            wk = k == C_DIGIT ? 2 : 1;
            if (cur.len && wk != kind)
                finish_word(ws, &cur, upper, lower);
            if (!take) {
                i++;
                continue;
            }
            if (cur.len == 0)
                upper = lower = 0;
            kind = wk;
            if (k == C_UPPER) {
                upper = 1;
                c = (unsigned char)(c + 32);
            } else if (k == C_LOWER) {
                lower = 1;
            }
            if (cur.len < WORD_MAX)
                cur.text[cur.len++] = (char)c;
            i++;
            continue;
        }
        if (c == '(' || c == '[' || c == ')' || c == ']') {
            finish_word(ws, &cur, upper, lower);
            depth += (c == '(' || c == '[') ? 1 : (depth > 0 ? -1 : 0);
            i++;
            continue;
        }
        a = apostrophe(t, i, n);
        if (a) {
            size_t j = i + a;

            /* A possessive "'s" (also "' s") goes with its apostrophe. */
            if (j < n && t[j] == ' ')
                j++;
            if (j < n && (t[j] == 's' || t[j] == 'S') &&
                (j + 1 == n || (!is_alpha(t[j + 1]) && !is_digit(t[j + 1]))))
                a = j + 1 - i;
            finish_word(ws, &cur, upper, lower);
            i += a;
            continue;
        }
        fold = NULL;
        if (c == 0xC3 && i + 1 < n &&
            ((unsigned char)t[i + 1] & 0xC0) == 0x80) {
            fold = fold_latin1[(unsigned char)t[i + 1] & 0x3F];
            step = 2;
            if (!*fold)
                fold = NULL;
        } else if (c >= 0x80) {
            /* Any other character separates words; skip it whole. */
            while (i + step < n &&
                   ((unsigned char)t[i + step] & 0xC0) == 0x80)
                step++;
        }
        if (!fold || !take) {
            finish_word(ws, &cur, upper, lower);
            i += step;
            continue;
        }
        if (cur.len && kind != 1)
            finish_word(ws, &cur, upper, lower);
        if (cur.len == 0)
            upper = lower = 0;
        kind = 1;
        lower = 1;
        while (*fold) {
            if (cur.len < WORD_MAX)
                cur.text[cur.len++] = *fold;
            fold++;
        }
        i += step;
    }
    finish_word(ws, &cur, upper, lower);
}

/* The key of the given words: sorted, de-duplicated, space-joined. */
static void make_key(const word *const *w, size_t n, ts_strbuf *key)
{
    const word *sorted[MAX_WORDS];
    size_t i;

    sb_reset(key);
    /* Insertion sort: a key has a handful of words. */
    for (i = 0; i < n; i++) {
        size_t j = i;

        while (j > 0 && strcmp(sorted[j - 1]->text, w[i]->text) > 0) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = w[i];
    }
    for (i = 0; i < n; i++) {
        if (i && strcmp(sorted[i]->text, sorted[i - 1]->text) == 0)
            continue;
        if (key->len)
            sb_putc(key, ' ');
        sb_append(key, sorted[i]->text, sorted[i]->len);
    }
}

static void key_of_words(const words *ws, ts_strbuf *key)
{
    const word *p[MAX_WORDS];
    size_t i;

    for (i = 0; i < ws->n; i++)
        p[i] = &ws->w[i];
    make_key(p, ws->n, key);
}

void mesh_key(const char *text, size_t len, ts_strbuf *key)
{
    words ws;

    split_words(text, len, 0, &ws);
    key_of_words(&ws, key);
}

/* ---- lookup ------------------------------------------------------------ */

static size_t lookup(const ts_mesh *m, const ts_strbuf *key)
{
    size_t lo = 0, hi = key->len ? m->nterms : 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const term_rec *t = &m->term[mid];
        int c = view_cmp(t->key, t->len, key->buf, key->len);

        if (c == 0)
            return t->desc;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return TS_MESH_NONE;
}

static size_t lookup_words(const ts_mesh *m, const word *const *w, size_t n,
                           ts_strbuf *key)
{
    make_key(w, n, key);
    return lookup(m, key);
}

static int has_parens(const char *t, size_t n)
{
    return memchr(t, '(', n) != NULL || memchr(t, '[', n) != NULL;
}

/* The words of ws without qualifiers (and the numbers after "stage" and
 * "grade"), into out[]; returns their number. */
static size_t unqualified(const words *ws, const word **out)
{
    size_t i, n = 0;
    int after_stage = 0;

    for (i = 0; i < ws->n; i++) {
        const word *w = &ws->w[i];

        if (after_stage && is_stage_number(w->text))
            continue;
        after_stage = strcmp(w->text, "stage") == 0 ||
                      strcmp(w->text, "grade") == 0;
        if (w->flags & W_QUALIFIER)
            continue;
        out[n++] = w;
    }
    return n;
}

/* The words w[0..n) with their kind of illness named another way: with
 * "disease", "syndrome" or "disorder" added when none is there
 * ("Parkinson", "Primary Headache" -> "Headache Disorders, Primary"), or
 * the one there replaced by another ("Sjogren Disease" -> "Sjogren's
 * Syndrome"). w has room for one more word. */
static size_t completed(const ts_mesh *m, const word **w, size_t n,
                        ts_strbuf *key)
{
    static const word kinds[3] = {
        {"disease", 7, W_GENERIC}, {"syndrome", 8, W_GENERIC},
        {"disorder", 8, W_GENERIC}};
    size_t i, k, at = n, d;

    for (i = 0; i < n; i++) {
        for (k = 0; k < 3; k++)
            if (strcmp(w[i]->text, kinds[k].text) == 0)
                break;
        if (k == 3)
            continue;
        if (at != n)
            return TS_MESH_NONE;    /* two kinds named: leave it */
        at = i;
    }
    if (at == n && n == MAX_WORDS)
        return TS_MESH_NONE;
    for (k = 0; k < 3; k++) {
        const word *was = at < n ? w[at] : NULL;

        if (was && strcmp(was->text, kinds[k].text) == 0)
            continue;
        w[at] = &kinds[k];
        d = lookup_words(m, w, at == n ? n + 1 : n, key);
        if (was)
            w[at] = was;
        if (d != TS_MESH_NONE)
            return d;
    }
    return TS_MESH_NONE;
}

size_t mesh_map(const ts_mesh *m, const char *text, size_t len,
                ts_mesh_how *how)
{
    words ws;
    const word *w[MAX_WORDS];
    ts_strbuf key = {0};
    size_t d = TS_MESH_NONE, n, k, i;
    ts_mesh_how found = TS_MAP_NONE;
    int parens = has_parens(text, len);

    split_words(text, len, 0, &ws);
    key_of_words(&ws, &key);
    d = lookup(m, &key);
    if (d != TS_MESH_NONE) {
        found = TS_MAP_EXACT;
        goto done;
    }
    if (parens) {
        words in;

        split_words(text, len, 2, &in);
        split_words(text, len, 1, &ws);
        key_of_words(&ws, &key);
        d = lookup(m, &key);
        if (d != TS_MESH_NONE) {
            found = TS_MAP_EXACT;
            goto done;
        }
        key_of_words(&in, &key);
        d = lookup(m, &key);
        if (d != TS_MESH_NONE) {
            found = TS_MAP_PAREN;
            goto done;
        }
    }
    n = unqualified(&ws, w);
    if (n == 0)
        goto done;
    if (n < ws.n) {
        d = lookup_words(m, w, n, &key);
        if (d != TS_MESH_NONE) {
            found = TS_MAP_QUALIFIED;
            goto done;
        }
    }
    d = completed(m, w, n, &key);
    if (d != TS_MESH_NONE) {
        found = TS_MAP_COMPLETED;
        goto done;
    }
    if (n > PHRASE_WORDS)
        n = PHRASE_WORDS;
    for (k = n - 1 < PHRASE_MAX ? n - 1 : PHRASE_MAX; k >= 1; k--) {
        for (i = 0; i + k <= n; i++) {
            if (k == 1 && ((w[i]->flags & W_GENERIC) ||
                           (w[i]->len < 4 && !(w[i]->flags & W_CAPS))))
                continue;
            d = lookup_words(m, w + i, k, &key);
            if (d != TS_MESH_NONE) {
                found = TS_MAP_PHRASE;
                goto done;
            }
        }
    }
done:
    sb_free(&key);
    if (how)
        *how = found;
    return found == TS_MAP_NONE ? TS_MESH_NONE : d;
}

/* ---- loading ------------------------------------------------------------ */

static void file_close(file_text *f)
{
    if (f->map)
        munmap(f->map, f->maplen);
    f->map = NULL;
    bulk_free(&f->copy);
}

static ts_status read_file(file_text *f, const char *path, ts_error *err)
{
    FILE *fp = fopen(path, "rb");
    size_t got;
    long size;

    memset(f, 0, sizeof(*f));
    f->path = path;
    if (!fp)
        return ts_error_sys(err, TS_ERR_IO, errno, path,
                            "cannot open MeSH table");
    if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
        fseek(fp, 0, SEEK_SET) != 0) {
        int e = errno ? errno : ESPIPE;

        fclose(fp);
        return ts_error_sys(err, TS_ERR_IO, e, path,
                            "cannot read MeSH table");
    }
#if defined(MAP_POPULATE)
    if (size > 0) {
        void *map = mmap(NULL, (size_t)size, PROT_READ,
                         MAP_PRIVATE | MAP_POPULATE, fileno(fp), 0);

        if (map != MAP_FAILED) {
            fclose(fp);
            f->map = map;
            f->maplen = (size_t)size;
            f->buf = map;
            f->len = (size_t)size;
            goto done;
        }
    }
#endif
    {
        char *buf = bulk_alloc(&f->copy, (size_t)size + 1);

        while (f->len < (size_t)size &&
               (got = fread(buf + f->len, 1, (size_t)size - f->len, fp)) >
                   0)
            f->len += got;
        f->buf = buf;
    }
    if (ferror(fp)) {
        int e = errno;

        fclose(fp);
        file_close(f);
        return ts_error_sys(err, TS_ERR_IO, e, path,
                            "cannot read MeSH table");
    }
    fclose(fp);
#if defined(MAP_POPULATE)
done:
#endif
    f->p = f->buf;
    if (f->len >= 3 && memcmp(f->buf, "\xEF\xBB\xBF", 3) == 0)
        f->p += 3;
    return TS_OK;
}

/* How many times c occurs in the file: bounds the rows before they are
 * read. */
static size_t count_byte(const file_text *f, char c)
{
    const char *p = f->buf, *end = f->buf + f->len;
    size_t n = 0;

    while (p < end && (p = memchr(p, c, (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

#define MAX_FIELDS 4

typedef struct row {
    const char *field[MAX_FIELDS];  /* views, not NUL-terminated */
    size_t len[MAX_FIELDS];
    size_t nfields;         /* more than MAX_FIELDS: MAX_FIELDS + 1 */
    const char *start;      /* of the line, for columns */
} row;

static unsigned long col_of(const row *r, const char *at)
{
    return (unsigned long)(at - r->start) + 1;
}

/*
 * Next line that is neither blank nor a comment, split at tabs into
 * views (surrounding spaces trimmed). Returns 1, 0 at the end, or -1 with
 * *err set for a NUL byte in the line.
 */
static int next_row(file_text *f, row *r, ts_error *err)
{
    const char *file_end = f->buf + f->len;

    while (f->p < file_end) {
        const char *s = f->p, *nl, *end, *q;

        nl = memchr(s, '\n', (size_t)(file_end - s));
        end = nl ? nl : file_end;
        f->p = nl ? nl + 1 : end;
        f->line++;
        q = memchr(s, '\0', (size_t)(end - s));
        if (q) {
            ts_error_set(err, TS_ERR_DICT, f->path, f->line,
                         (unsigned long)(q - s) + 1, "NUL byte in line");
            return -1;
        }
        if (end > s && end[-1] == '\r')
            end--;
        for (q = s; q < end && *q == ' '; q++)
            ;
        if (q == end || *q == '#')
            continue;
        r->start = s;
        r->nfields = 0;
        for (q = s;;) {
            const char *tab = memchr(q, '\t', (size_t)(end - q));
            const char *stop = tab ? tab : end;
            const char *a = q, *b = stop;

            while (a < b && *a == ' ')
                a++;
            while (b > a && b[-1] == ' ')
                b--;
            if (r->nfields < MAX_FIELDS) {
                r->field[r->nfields] = a;
                r->len[r->nfields] = (size_t)(b - a);
            }
            r->nfields++;
            if (!tab)
                break;
            q = tab + 1;
        }
        return 1;
    }
    return 0;
}

/* A field as a C string in the arena. */
static const char *keep(char **strings, const char *s, size_t n)
{
    char *out = *strings;

    memcpy(out, s, n);
    out[n] = '\0';
    *strings += n + 1;
    return out;
}

/* Length of a valid UTF-8 prefix of s[0..n). */
static size_t utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned char c = s[i];
        size_t k, need;
        unsigned long cp;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 3, cp = c & 0x07;
        else
            return i;
        if (i + need >= n)
            return i;
        for (k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += need + 1;
    }
    return n;
}

/* want with "\t" written for its tabs, for messages. */
static void shown_header(const char *want, char out[64])
{
    size_t i, k = 0;

    for (i = 0; want[i] && k + 3 < 64; i++) {
        if (want[i] == '\t') {
            out[k++] = '\\';
            out[k++] = 't';
        } else {
            out[k++] = want[i];
        }
    }
    out[k] = '\0';
}

/* The header line must be the fields of want, joined by tabs. */
static ts_status expect_header(file_text *f, row *r, const char *want,
                               ts_error *err)
{
    int got = next_row(f, r, err);
    size_t i, off = 0, n = strlen(want);
    char shown[64];
    int ok;

    if (got < 0)
        return err->status;
    shown_header(want, shown);
    if (got == 0)
        return ts_error_set(err, TS_ERR_DICT, f->path, f->line, 0,
                            "no header line: expected \"%s\"", shown);
    ok = r->nfields <= MAX_FIELDS;
    for (i = 0; ok && i < r->nfields; i++) {
        const char *tab = memchr(want + off, '\t', n - off);
        size_t wl = tab ? (size_t)(tab - want - off) : n - off;

        ok = (tab != NULL) == (i + 1 < r->nfields) && wl == r->len[i] &&
             memcmp(want + off, r->field[i], wl) == 0;
        off += wl + 1;
    }
    if (!ok)
        return ts_error_set(err, TS_ERR_DICT, f->path, f->line, 1,
                            "bad header: expected \"%s\"", shown);
    return TS_OK;
}

static int tree_char_ok(char c)
{
    return is_alpha(c) || is_digit(c);
}

/* Checks a tree number: parts of letters and digits joined by dots.
 * Returns 0 if fine, else the 1-based offset of the first bad byte. */
static size_t tree_bad_at(const char *t, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (t[i] == '.') {
            if (i == 0 || i + 1 == n || t[i - 1] == '.')
                return i + 1;
        } else if (!tree_char_ok(t[i])) {
            return i + 1;
        }
    }
    return 0;
}

/* Checks a key as mesh_key() writes it: words of [a-z0-9] joined by single
 * spaces. Returns 0 if fine, else the 1-based offset of the first bad
 * byte. */
static size_t key_bad_at(const char *k, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        char c = k[i];

        if (c == ' ') {
            if (i == 0 || i + 1 == n || k[i - 1] == ' ')
                return i + 1;
        } else if (!((c >= 'a' && c <= 'z') || is_digit(c))) {
            return i + 1;
        }
    }
    return 0;
}

/* Sizes of the tables, bounded by the files' lines. */
typedef struct sizes {
    size_t nodes;           /* descriptor file lines */
    size_t terms;           /* term file lines */
    size_t text;            /* descriptor file bytes (bounds the strings
                             * kept from it) */
} sizes;

#define ROUND8(x) (((x) + 7) & ~(size_t)7)

static size_t arena_bytes(const sizes *z)
{
    return ROUND8(z->nodes * sizeof(desc_rec)) +
           ROUND8(z->nodes * sizeof(uint32_t)) +        /* desc_line */
           ROUND8(z->nodes * sizeof(uint32_t)) +        /* stack */
           ROUND8(z->nodes * sizeof(size_t)) +          /* desc_nodes */
           ROUND8(z->nodes * sizeof(node_rec)) +
           ROUND8(z->terms * sizeof(term_rec)) + vtab_bytes(z->nodes) +
           ROUND8(z->text + z->nodes);
}

/*
 * The descriptor file: one line per tree number, sorted, so a number's
 * parent is on the path of numbers above it (a stack), and a descriptor's
 * lines, wherever they are, must agree on its label.
 */
static ts_status load_descriptors(ts_mesh *m, file_text *f, const sizes *z,
                                  char **at, ts_error *err)
{
    row r;
    int got;
    uint32_t *desc_line = carve(at, z->nodes * sizeof(*desc_line));
    uint32_t *stack = carve(at, z->nodes * sizeof(*stack));
    char *strings = carve(at, z->text + z->nodes);
    size_t depth = 0, i, fill;
    ts_status rc = expect_header(f, &r, "tree\tui\tlabel", err);

    m->desc = carve(at, z->nodes * sizeof(*m->desc));
    m->desc_nodes = carve(at, z->nodes * sizeof(*m->desc_nodes));
    m->node = carve(at, z->nodes * sizeof(*m->node));
    vtab_init(&m->uis, z->nodes, at);
    while (rc == TS_OK && (got = next_row(f, &r, err)) != 0) {
        node_rec *n;
        size_t id, bad, plen;
        int added;

        if (got < 0) {
            rc = err->status;
            break;
        }
        if (r.nfields != 3) {
            rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line, 1,
                              "expected 3 tab-separated columns (tree, ui, "
                              "label), found %zu",
                              r.nfields);
            break;
        }
        for (i = 0; i < 3 && rc == TS_OK; i++)
            if (r.len[i] == 0) {
                static const char *const what[3] = {"tree number", "ui",
                                                    "label"};

                rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line,
                                  col_of(&r, r.field[i]), "empty %s",
                                  what[i]);
            }
        if (rc != TS_OK)
            break;
        bad = tree_bad_at(r.field[0], r.len[0]);
        if (bad) {
            rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line, bad,
                              "bad tree number: letters and digits joined "
                              "by dots expected");
            break;
        }
        if (m->nnodes > 0) {
            const node_rec *prev = &m->node[m->nnodes - 1];

            if (view_cmp(prev->tree, prev->len, r.field[0], r.len[0]) >= 0) {
                rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line, 1,
                                  "tree number \"%.*s\" is not after "
                                  "\"%s\": lines must be sorted by tree "
                                  "number",
                                  (int)r.len[0], r.field[0], prev->tree);
                break;
            }
        }
        bad = utf8_valid((const unsigned char *)r.field[2], r.len[2]);
        if (bad != r.len[2]) {
            rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line,
                              col_of(&r, r.field[2]) + bad,
                              "invalid UTF-8 in label");
            break;
        }
        /* The path above: pop what is not a prefix of this number. */
        for (plen = r.len[0]; plen > 0 && r.field[0][plen - 1] != '.'; plen--)
            ;
        plen = plen ? plen - 1 : 0;
        while (depth > 0) {
            const node_rec *top = &m->node[stack[depth - 1]];

            if (top->len < r.len[0] && r.field[0][top->len] == '.' &&
                memcmp(top->tree, r.field[0], top->len) == 0)
                break;
            depth--;
        }
        if (plen > 0 && (depth == 0 || m->node[stack[depth - 1]].len != plen)) {
            rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line, 1,
                              "tree number \"%.*s\" has no parent \"%.*s\" "
                              "above it",
                              (int)r.len[0], r.field[0], (int)plen,
                              r.field[0]);
            break;
        }
        if (plen == 0)
            depth = 0;
        id = vtab_add(&m->uis, r.field[1], r.len[1], &added);
        if (added) {
            m->desc[id].ui = keep(&strings, r.field[1], r.len[1]);
            m->desc[id].label = keep(&strings, r.field[2], r.len[2]);
            m->desc[id].nnodes = 0;
            /* The table's key is the kept copy from now on. */
            m->uis.entry[id].key = m->desc[id].ui;
            desc_line[id] = (uint32_t)f->line;
            m->ndesc++;
        } else if (strlen(m->desc[id].label) != r.len[2] ||
                   memcmp(m->desc[id].label, r.field[2], r.len[2]) != 0) {
            rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line,
                              col_of(&r, r.field[2]),
                              "descriptor \"%s\" is labelled \"%s\" on line "
                              "%lu",
                              m->desc[id].ui, m->desc[id].label,
                              (unsigned long)desc_line[id]);
            break;
        }
        m->desc[id].nnodes++;
        n = &m->node[m->nnodes];
        n->tree = keep(&strings, r.field[0], r.len[0]);
        n->len = (uint32_t)r.len[0];
        n->parent = depth ? stack[depth - 1] : NO_NODE;
        n->desc = (uint32_t)id;
        n->depth = (uint32_t)depth + 1;
        stack[depth++] = (uint32_t)m->nnodes++;
    }
    if (rc == TS_OK && m->nnodes == 0)
        rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line, 0,
                          "no tree numbers in file");
    /* Each descriptor's nodes, in tree order. */
    for (i = 0, fill = 0; rc == TS_OK && i < m->ndesc; i++) {
        m->desc[i].first = (uint32_t)fill;
        fill += m->desc[i].nnodes;
        m->desc[i].nnodes = 0;
    }
    for (i = 0; rc == TS_OK && i < m->nnodes; i++) {
        desc_rec *d = &m->desc[m->node[i].desc];

        m->desc_nodes[d->first + d->nnodes++] = i;
    }
    return rc;
}

/* The term file: keys sorted, each with its descriptor. */
static ts_status load_terms(ts_mesh *m, file_text *f, const sizes *z,
                            char **at, ts_error *err)
{
    row r;
    int got;
    size_t last = TS_MESH_NONE;
    ts_status rc = expect_header(f, &r, "key\tui\tterm", err);

    m->term = carve(at, z->terms * sizeof(*m->term));
    while (rc == TS_OK && (got = next_row(f, &r, err)) != 0) {
        size_t d, bad;
        term_rec *t;

        if (got < 0) {
            rc = err->status;
            break;
        }
        if (r.nfields != 3) {
            rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line, 1,
                              "expected 3 tab-separated columns (key, ui, "
                              "term), found %zu",
                              r.nfields);
            break;
        }
        bad = r.len[0] ? key_bad_at(r.field[0], r.len[0]) : 1;
        if (bad) {
            rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line, bad,
                              r.len[0] ? "bad key: lower-case words of "
                                         "letters and digits joined by "
                                         "single spaces expected"
                                       : "empty key");
            break;
        }
        if (m->nterms > 0) {
            const term_rec *prev = &m->term[m->nterms - 1];

            if (view_cmp(prev->key, prev->len, r.field[0], r.len[0]) >= 0) {
                rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line, 1,
                                  "key \"%.*s\" is not after \"%.*s\": lines "
                                  "must be sorted by key, one line a key",
                                  (int)r.len[0], r.field[0], (int)prev->len,
                                  prev->key);
                break;
            }
        }
        /* Terms of a descriptor often follow each other. */
        if (last != TS_MESH_NONE && r.len[1] == m->uis.entry[last].len &&
            memcmp(r.field[1], m->uis.entry[last].key, r.len[1]) == 0)
            d = last;
        else
            d = last = vtab_find(&m->uis, r.field[1], r.len[1]);
        if (d == TS_MESH_NONE) {
            rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line,
                              col_of(&r, r.field[1]),
                              r.len[1] ? "unknown descriptor \"%.*s\" (not "
                                         "in the descriptor file)"
                                       : "empty ui%.*s",
                              (int)r.len[1], r.field[1]);
            break;
        }
        if (r.len[2] == 0) {
            rc = ts_error_set(err, TS_ERR_DICT, f->path, f->line,
                              col_of(&r, r.field[2]), "empty term");
            break;
        }
        t = &m->term[m->nterms++];
        t->key = r.field[0];
        t->len = (uint32_t)r.len[0];
        t->desc = (uint32_t)d;
    }
    return rc;
}

ts_status mesh_load(const char *descriptors, const char *terms,
                    ts_mesh **out, ts_error *err)
{
    ts_mesh *m = xcalloc(1, sizeof(*m));
    sizes z;
    char *at;
    ts_status rc;

    *out = NULL;
    rc = read_file(&m->text[0], descriptors, err);
    if (rc == TS_OK)
        rc = read_file(&m->text[1], terms, err);
    if (rc != TS_OK) {
        mesh_free(m);
        return rc;
    }
    z.nodes = count_byte(&m->text[0], '\n') + 1;
    z.terms = count_byte(&m->text[1], '\n') + 1;
    z.text = m->text[0].len;
    at = bulk_alloc(&m->arena, arena_bytes(&z));
    rc = load_descriptors(m, &m->text[0], &z, &at, err);
    if (rc == TS_OK)
        rc = load_terms(m, &m->text[1], &z, &at, err);
    if (rc != TS_OK) {
        mesh_free(m);
        return rc;
    }
    m->path[0] = xstrdup(descriptors);
    m->path[1] = xstrdup(terms);
    m->sha = xcalloc(1, sizeof(*m->sha));
    *out = m;
    return TS_OK;
}

void mesh_free(ts_mesh *m)
{
    if (!m)
        return;
    file_close(&m->text[0]);
    file_close(&m->text[1]);
    bulk_free(&m->arena);
    free(m->path[0]);
    free(m->path[1]);
    free(m->sha);
    free(m);
}

size_t mesh_nsources(const ts_mesh *m)
{
    return m->path[0] ? 2 : 0;
}

const char *mesh_source_path(const ts_mesh *m, size_t i)
{
    return i < mesh_nsources(m) ? m->path[i] : "";
}

/* Computed when first asked for (the manifest): loading needs none. */
const char *mesh_source_sha256(const ts_mesh *m, size_t i)
{
    ts_sha256 sha;

    if (i >= mesh_nsources(m))
        return "";
    if (!m->sha->done[i]) {
        sha256_init(&sha);
        sha256_update(&sha, m->text[i].buf, m->text[i].len);
        sha256_final_hex(&sha, m->sha->hex[i]);
        m->sha->done[i] = 1;
    }
    return m->sha->hex[i];
}

/* ---- accessors ------------------------------------------------------ */

size_t mesh_ndescriptors(const ts_mesh *m)
{
    return m->ndesc;
}

size_t mesh_nterms(const ts_mesh *m)
{
    return m->nterms;
}

const char *mesh_desc_ui(const ts_mesh *m, size_t d)
{
    return d < m->ndesc ? m->desc[d].ui : "";
}

const char *mesh_desc_label(const ts_mesh *m, size_t d)
{
    return d < m->ndesc ? m->desc[d].label : "";
}

const size_t *mesh_desc_nodes(const ts_mesh *m, size_t d, size_t *n)
{
    if (d >= m->ndesc) {
        *n = 0;
        return NULL;
    }
    *n = m->desc[d].nnodes;
    return m->desc_nodes + m->desc[d].first;
}

size_t mesh_find_ui(const ts_mesh *m, const char *ui, size_t len)
{
    size_t d = vtab_find(&m->uis, ui, len);
    char alt[16];

    if (d != TS_MESH_NONE)
        return d;
    /* "D000007938" is the zero-padded form of "D007938", and the reverse. */
    if (len == 10 && memcmp(ui, "D000", 4) == 0) {
        alt[0] = 'D';
        memcpy(alt + 1, ui + 4, 6);
        d = vtab_find(&m->uis, alt, 7);
    } else if (len == 7 && ui[0] == 'D') {
        memcpy(alt, "D000", 4);
        memcpy(alt + 4, ui + 1, 6);
        d = vtab_find(&m->uis, alt, 10);
    }
    return d;
}

size_t mesh_nnodes(const ts_mesh *m)
{
    return m->nnodes;
}

size_t mesh_node_parent(const ts_mesh *m, size_t node)
{
    if (node >= m->nnodes || m->node[node].parent == NO_NODE)
        return TS_MESH_NONE;
    return m->node[node].parent;
}

size_t mesh_node_desc(const ts_mesh *m, size_t node)
{
    return node < m->nnodes ? m->node[node].desc : TS_MESH_NONE;
}

const char *mesh_node_tree(const ts_mesh *m, size_t node)
{
    return node < m->nnodes ? m->node[node].tree : "";
}

unsigned mesh_node_depth(const ts_mesh *m, size_t node)
{
    return node < m->nnodes ? m->node[node].depth : 0;
}

size_t mesh_find_node(const ts_mesh *m, const char *tree, size_t len)
{
    size_t lo = 0, hi = m->nnodes;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = view_cmp(m->node[mid].tree, m->node[mid].len, tree, len);

        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return TS_MESH_NONE;
}
