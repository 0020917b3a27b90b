/*
 * compare.c - the identifier set of landscapes A and B, and the changes
 * it holds (analyze stage).
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

/* One trial of A or B. 16 bytes. Status and phase are packed in a byte a
 * side: status in the high four bits (TS_ST_COUNT <= 16), phase in the
 * low four (TS_PHASE_COUNT <= 16). */
typedef struct slot {
    uint64_t key;       /* NCT number, or TEXT_KEY | hash of the text */
    uint32_t text;      /* offset of the identifier in ids, or NO_TEXT */
    uint8_t flags;      /* IN_A ...; 0 = empty slot */
    uint8_t a;          /* A's status and phase */
    uint8_t b;          /* B's */
    uint8_t pad;
} slot;

typedef char status_fits[TS_ST_COUNT <= 16 && TS_PHASE_COUNT <= 16 ? 1 : -1];

#define PACK(st, ph) ((uint8_t)(((unsigned)(st) << 4) | (unsigned)(ph)))
#define STATUS_OF(v) ((int)((v) >> 4))
#define PHASE_OF(v) ((int)((v)&15))

enum { LABEL_NONE = -1, LABEL_LEFT_OUT = -2 };

struct ts_compare {
    slot *slots;                /* owned; a hash table until finished,
                                 * then the used slots in identifier
                                 * order */
    size_t cap, used;           /* cap is a power of two */
    int finished;
    ts_strbuf ids;              /* owned; identifier texts, NUL-ended */
    unsigned long count[TS_CHANGE_COUNT];
    size_t nchanges;
    unsigned long unidentified[2];
    size_t cursor_change;       /* compare_change's place: change number, */
    size_t cursor_slot;         /* the slot it belongs to, */
    int cursor_sub;             /* and which of the slot's changes */
    char idbuf[2][64];          /* formatted identifiers */
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
    /* The merge stage's canonical number ("2015-001234-56" for every
     * member-state copy), else the id as written. */
    if (t->merged && t->merged->id[0]) {
        s = t->merged->id;
        n = strlen(s);
    } else {
        s = t->rec->value[TS_COL_ID];
        n = t->rec->len[TS_COL_ID];
    }
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

/* The slot of the trial's identifier, added (with *found = 0) when new;
 * NULL when the trial has none. */
static slot *find(ts_compare *c, const ts_trial *t, int side, int *found)
{
    uint64_t key;
    size_t k;

    if (!identify(c, t, &key)) {
        c->unidentified[side]++;
        return NULL;
    }
    if ((c->used + 1) * 10 > c->cap * 7)
        grow(c);
    for (k = slot_of(key, c->cap); c->slots[k].flags;
         k = (k + 1) & (c->cap - 1))
        if (same(c, &c->slots[k], key)) {
            *found = 1;
            return &c->slots[k];
        }
    *found = 0;
    c->used++;
    c->slots[k].key = key;
    c->slots[k].text = NO_TEXT;
    if (key & TEXT_KEY) {
        c->slots[k].text = (uint32_t)c->ids.len;
        sb_append(&c->ids, c->key.buf, c->key.len + 1);
    }
    return &c->slots[k];
}

void compare_add_a(ts_compare *c, const ts_trial *t, int kept)
{
    int found;
    slot *s = find(c, t, 0, &found);

    if (!s || found)
        return;             /* no identifier, or read before */
    s->flags = (uint8_t)(IN_A | (kept ? KEPT_A : 0));
    s->a = PACK(t->status, t->phase);
}

void compare_add_b(ts_compare *c, const ts_trial *t, int kept)
{
    int found;
    slot *s = find(c, t, 1, &found);

    if (!s || (s->flags & IN_B))
        return;             /* no identifier, or read before in B */
    s->flags |= (uint8_t)(IN_B | (kept ? KEPT_B : 0));
    s->b = PACK(t->status, t->phase);
}

/* The changes one slot makes, in kind order, into kind[], from[], to[]
 * (labels: status or phase indices, or LABEL_*); returns how many (0 to
 * 2). */
static int slot_changes(const slot *s, ts_change_kind kind[2], int from[2],
                        int to[2])
{
    int ka = (s->flags & KEPT_A) != 0, kb = (s->flags & KEPT_B) != 0, n = 0;

    if (kb && !ka) {
        kind[0] = TS_CHANGE_ADDED;
        from[0] = (s->flags & IN_A) ? LABEL_LEFT_OUT : LABEL_NONE;
        to[0] = STATUS_OF(s->b);
        return 1;
    }
    if (ka && !kb) {
        kind[0] = TS_CHANGE_REMOVED;
        from[0] = STATUS_OF(s->a);
        to[0] = (s->flags & IN_B) ? LABEL_LEFT_OUT : LABEL_NONE;
        return 1;
    }
    if (!ka)
        return 0;
    if (STATUS_OF(s->a) != STATUS_OF(s->b)) {
        kind[n] = TS_CHANGE_STATUS;
        from[n] = STATUS_OF(s->a);
        to[n++] = STATUS_OF(s->b);
    }
    if (PHASE_OF(s->a) != PHASE_OF(s->b)) {
        kind[n] = TS_CHANGE_PHASE;
        from[n] = PHASE_OF(s->a);
        to[n++] = PHASE_OF(s->b);
    }
    return n;
}

/* Writes a slot's identifier into buf (64 bytes); returns it. */
static const char *id_text(const ts_compare *c, const slot *s, char *buf)
{
    if (s->text != NO_TEXT)
        return c->ids.buf + s->text;
    snprintf(buf, 64, "NCT%08lu", (unsigned long)s->key);
    return buf;
}

static ts_compare *sorting;    /* qsort has no context argument */

static int cmp_slots(const void *pa, const void *pb)
{
    const slot *a = pa, *b = pb;

    if (a->text == NO_TEXT && b->text == NO_TEXT)
        return a->key < b->key ? -1 : a->key > b->key;
    return strcmp(id_text(sorting, a, sorting->idbuf[0]),
                  id_text(sorting, b, sorting->idbuf[1]));
}

void compare_finish(ts_compare *c)
{
    size_t i, n = 0;

    /* The table is no longer looked up: its used slots move to the
     * front, in identifier order, in place. */
    for (i = 0; i < c->cap; i++)
        if (c->slots[i].flags)
            c->slots[n++] = c->slots[i];
    sorting = c;
    qsort(c->slots, n, sizeof(slot), cmp_slots);
    sorting = NULL;
    c->used = n;
    c->finished = 1;
    for (i = 0; i < n; i++) {
        ts_change_kind kind[2];
        int from[2], to[2], k, m = slot_changes(&c->slots[i], kind, from, to);

        for (k = 0; k < m; k++)
            c->count[kind[k]]++;
        c->nchanges += (size_t)m;
    }
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
    ts_change_kind kind[2];
    int from[2], to[2], m;

    if (i >= c->nchanges) {
        memset(out, 0, sizeof(*out));
        out->id = out->from = out->to = "";
        return;
    }
    /* Changes are read in order: walk on from the last one asked for. */
    if (i < c->cursor_change || c->cursor_change == 0) {
        c->cursor_change = 0;
        c->cursor_slot = 0;
        c->cursor_sub = 0;
    }
    for (;;) {
        m = slot_changes(&c->slots[c->cursor_slot], kind, from, to);
        if (c->cursor_change + (size_t)(m - c->cursor_sub) > i)
            break;
        c->cursor_change += (size_t)(m - c->cursor_sub);
        c->cursor_slot++;
        c->cursor_sub = 0;
    }
    c->cursor_sub += (int)(i - c->cursor_change);
    c->cursor_change = i;
    out->id = id_text(c, &c->slots[c->cursor_slot], c->idbuf[0]);
    out->kind = kind[c->cursor_sub];
    out->from = label(out->kind, from[c->cursor_sub]);
    out->to = label(out->kind, to[c->cursor_sub]);
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
    return (unsigned long)c->used;
}

size_t compare_memory(const ts_compare *c)
{
    return c->cap * sizeof(slot) + c->ids.cap;
}
