/*
 * compare.c - the identifier set of landscape A and the changes B makes
 * to it (analyze stage).
 */
#include "analyze/compare.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

#define NO_TEXT UINT32_MAX      /* an NCT number: no identifier text */
#define TEXT_KEY (1ULL << 63)   /* keys of other identifiers */

enum {
    IN_A = 1,           /* read in A */
    KEPT_A = 2,         /* and kept by the filter */
    IN_B = 4,
    KEPT_B = 8
};

/* One trial of A (or an identifier of B's that is not an NCT number, so
 * B's duplicates are seen). 16 bytes. */
typedef struct slot {
    uint64_t key;       /* NCT number, or TEXT_KEY | hash of the text */
    uint32_t text;      /* offset of the identifier in ids, or NO_TEXT */
    uint8_t flags;      /* IN_A ...; 0 = empty slot */
    uint8_t status;     /* A's ts_trial_status */
    uint8_t phase;      /* A's ts_phase */
    uint8_t pad;
} slot;

/* One change. 16 bytes. */
typedef struct change {
    uint64_t key;
    uint32_t text;
    uint8_t kind;       /* ts_change_kind */
    uint8_t from, to;   /* labels: status or phase indices, or LABEL_* */
    uint8_t pad;
} change;

enum { LABEL_NONE = 255, LABEL_LEFT_OUT = 254 };

struct ts_compare {
    slot *slots;                /* owned */
    size_t cap, used;           /* cap is a power of two */
    ts_strbuf ids;              /* owned; identifier texts, NUL-ended */
    change *changes;            /* owned */
    size_t nchanges, capchanges;
    unsigned long count[TS_CHANGE_COUNT];
    unsigned long unidentified[2];
    unsigned long held;
    char idbuf[2][64];          /* formatted identifiers for sorting */
    ts_strbuf key;              /* scratch: the current identifier */
};

static const char *const kind_names[TS_CHANGE_COUNT] = {
    "added", "removed", "status", "phase",
};

const char *compare_kind_name(ts_change_kind kind)
{
    return (unsigned)kind < TS_CHANGE_COUNT ? kind_names[kind] : "?";
}

ts_compare *compare_new(void)
{
    ts_compare *c = xcalloc(1, sizeof(*c));

    c->cap = 1024;
    c->slots = xcalloc(c->cap, sizeof(slot));
    return c;
}

void compare_free(ts_compare *c)
{
    if (!c)
        return;
    free(c->slots);
    sb_free(&c->ids);
    sb_free(&c->key);
    free(c->changes);
    free(c);
}

/* 64-bit FNV-1a, with the top bit set so it never equals an NCT number. */
static uint64_t text_key(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h | TEXT_KEY;
}

/* The trial's identifier: *key and, for one that is not an NCT number,
 * its text in c->key. Returns 0 when it has none. */
static int identify(ts_compare *c, const ts_trial *t, uint64_t *key)
{
    const char *s;
    size_t n, i;

    if (t->nct[0]) {
        *key = (uint64_t)strtoul(t->nct + 3, NULL, 10);
        return 1;
    }
    s = t->rec->value[TS_COL_ID];
    n = t->rec->len[TS_COL_ID];
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || n > 200)
        return 0;
    sb_reset(&c->key);
    for (i = 0; i < n; i++)
        sb_putc(&c->key, (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32
                                                          : s[i]));
    *key = text_key(c->key.buf, c->key.len);
    return 1;
}

static size_t slot_of(uint64_t key, size_t cap)
{
    /* Multiplicative hashing spreads consecutive NCT numbers. */
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (cap - 1);
}

static int same(const ts_compare *c, const slot *s, uint64_t key)
{
    if (s->key != key)
        return 0;
    return s->text == NO_TEXT || strcmp(c->ids.buf + s->text, c->key.buf) == 0;
}

static void grow(ts_compare *c)
{
    size_t cap = c->cap * 2, i;
    slot *to = xcalloc(cap, sizeof(slot));

    for (i = 0; i < c->cap; i++) {
        size_t k;

        if (!c->slots[i].flags)
            continue;
        for (k = slot_of(c->slots[i].key, cap); to[k].flags;
             k = (k + 1) & (cap - 1))
            ;
        to[k] = c->slots[i];
    }
    free(c->slots);
    c->slots = to;
    c->cap = cap;
}

/* The slot of key (the text in c->key when it has one); a new empty one
 * with its key set when absent (*found = 0). */
static slot *find(ts_compare *c, uint64_t key, int *found)
{
    size_t k;

    if ((c->used + 1) * 10 > c->cap * 7)
        grow(c);
    for (k = slot_of(key, c->cap); c->slots[k].flags;
         k = (k + 1) & (c->cap - 1))
        if (same(c, &c->slots[k], key)) {
            *found = 1;
            return &c->slots[k];
        }
    *found = 0;
    c->slots[k].key = key;
    c->slots[k].text = NO_TEXT;
    if (key & TEXT_KEY) {
        c->slots[k].text = (uint32_t)c->ids.len;
        sb_append(&c->ids, c->key.buf, c->key.len + 1);
    }
    return &c->slots[k];
}

static void add_change(ts_compare *c, const slot *s, ts_change_kind kind,
                       int from, int to)
{
    change *ch;

    if (c->nchanges == c->capchanges) {
        c->capchanges = c->capchanges ? c->capchanges * 2 : 256;
        c->changes = xrealloc(c->changes, c->capchanges * sizeof(change));
    }
    ch = &c->changes[c->nchanges++];
    memset(ch, 0, sizeof(*ch));
    ch->key = s->key;
    ch->text = s->text;
    ch->kind = (uint8_t)kind;
    ch->from = (uint8_t)from;
    ch->to = (uint8_t)to;
    c->count[kind]++;
}

void compare_add_a(ts_compare *c, const ts_trial *t, int kept)
{
    uint64_t key;
    slot *s;
    int found;

    if (!identify(c, t, &key)) {
        c->unidentified[0]++;
        return;
    }
    s = find(c, key, &found);
    if (found)
        return;             /* read before: the first one counts */
    c->used++;
    c->held++;
    s->flags = (uint8_t)(IN_A | (kept ? KEPT_A : 0));
    s->status = (uint8_t)t->status;
    s->phase = (uint8_t)t->phase;
}

void compare_add_b(ts_compare *c, const ts_trial *t, int kept)
{
    uint64_t key;
    slot *s;
    int found;

    if (!identify(c, t, &key)) {
        c->unidentified[1]++;
        return;
    }
    s = find(c, key, &found);
    if (!found) {
        /* Only B has it. An NCT number's duplicates never come here (the
         * landscape sees them), so its slot is left empty; another
         * identifier is held, so its duplicates are known. */
        slot only_b = *s;

        if (key & TEXT_KEY) {
            c->used++;
            s->flags = IN_B;
        } else {
            s->key = 0;
        }
        if (kept)
            add_change(c, &only_b, TS_CHANGE_ADDED, LABEL_NONE, t->status);
        return;
    }
    if (s->flags & IN_B)
        return;             /* read before in B */
    s->flags |= IN_B | (kept ? KEPT_B : 0);
    if (!(s->flags & IN_A))
        return;
    if ((s->flags & KEPT_A) && kept) {
        if (s->status != (uint8_t)t->status)
            add_change(c, s, TS_CHANGE_STATUS, s->status, t->status);
        if (s->phase != (uint8_t)t->phase)
            add_change(c, s, TS_CHANGE_PHASE, s->phase, t->phase);
    } else if (kept) {
        add_change(c, s, TS_CHANGE_ADDED, LABEL_LEFT_OUT, t->status);
    } else if (s->flags & KEPT_A) {
        add_change(c, s, TS_CHANGE_REMOVED, s->status, LABEL_LEFT_OUT);
    }
}

/* Writes a change's identifier into buf (64 bytes); returns it. */
static const char *id_text(const ts_compare *c, const change *ch, char *buf)
{
    if (ch->text != NO_TEXT)
        return c->ids.buf + ch->text;
    snprintf(buf, 64, "NCT%08lu", (unsigned long)ch->key);
    return buf;
}

static ts_compare *sorting;    /* qsort has no context argument */

static int cmp_changes(const void *pa, const void *pb)
{
    const change *a = pa, *b = pb;
    int d;

    if (a->text == NO_TEXT && b->text == NO_TEXT) {
        if (a->key != b->key)
            return a->key < b->key ? -1 : 1;
    } else {
        d = strcmp(id_text(sorting, a, sorting->idbuf[0]),
                   id_text(sorting, b, sorting->idbuf[1]));
        if (d)
            return d;
    }
    return (int)a->kind - (int)b->kind;
}

void compare_finish(ts_compare *c)
{
    size_t i;

    for (i = 0; i < c->cap; i++) {
        const slot *s = &c->slots[i];

        if ((s->flags & KEPT_A) && !(s->flags & IN_B))
            add_change(c, s, TS_CHANGE_REMOVED, s->status, LABEL_NONE);
    }
    sorting = c;
    qsort(c->changes, c->nchanges, sizeof(change), cmp_changes);
    sorting = NULL;
}

size_t compare_changes(const ts_compare *c)
{
    return c->nchanges;
}

static const char *label(ts_change_kind kind, int v)
{
    if (v == LABEL_NONE)
        return "";
    if (v == LABEL_LEFT_OUT)
        return TS_CHANGE_LEFT_OUT;
    return norm_label(kind == TS_CHANGE_PHASE ? TS_DIM_PHASE : TS_DIM_STATUS,
                      v);
}

void compare_change(ts_compare *c, size_t i, ts_change *out)
{
    const change *ch = &c->changes[i];

    out->id = id_text(c, ch, c->idbuf[0]);
    out->kind = (ts_change_kind)ch->kind;
    out->from = label(out->kind, ch->from);
    out->to = label(out->kind, ch->to);
}

unsigned long compare_count(const ts_compare *c, ts_change_kind kind)
{
    return (unsigned)kind < TS_CHANGE_COUNT ? c->count[kind] : 0;
}

unsigned long compare_unidentified(const ts_compare *c, int side)
{
    return c->unidentified[side ? 1 : 0];
}

unsigned long compare_held(const ts_compare *c)
{
    return c->held;
}

size_t compare_memory(const ts_compare *c)
{
    return c->cap * sizeof(slot) + c->ids.cap;
}
