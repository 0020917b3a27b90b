/*
 * strmap.c - open-addressing hash table of interned strings (common).
 *
 * Keys live in large arena blocks that never move, so views returned by
 * strmap_key() stay valid while the table itself grows.
 */
#include "common/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

#define ARENA_BLOCK (64 * 1024)

typedef struct arena_block {
    struct arena_block *next;   /* owned */
    size_t used;
    size_t size;
    char data[];
} arena_block;

typedef struct entry {
    const char *key;    /* points into an arena block */
    size_t len;
    uint64_t hash;
} entry;

/* A slot holds the key's id + 1 in its low 32 bits (0 = empty) and the
 * high 32 bits of its hash above them, so probing compares hashes without
 * touching the entries: a large map (the 50,000 names of the dictionaries)
 * costs one cache miss per probe sequence, not one per slot probed. */
#define SLOT_ID(s) ((size_t)((s)&0xffffffffu))
#define SLOT_TAG(h) ((h) >> 32 << 32)

struct ts_strmap {
    uint64_t *slots;    /* owned; tag | (id + 1), 0 = empty */
    size_t nslots;      /* power of two */
    entry *entries;     /* owned; by id */
    size_t count;
    size_t cap;
    arena_block *arena; /* owned; newest first */
};

/* FNV-1a: short keys dominate, and it needs no alignment. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

ts_strmap *strmap_new(void)
{
    ts_strmap *m = xcalloc(1, sizeof(*m));

    m->nslots = 64;
    m->slots = xcalloc(m->nslots, sizeof(uint64_t));
    return m;
}

void strmap_free(ts_strmap *m)
{
    arena_block *b, *next;

    if (!m)
        return;
    for (b = m->arena; b; b = next) {
        next = b->next;
        free(b);
    }
    free(m->slots);
    free(m->entries);
    free(m);
}

static const char *arena_copy(ts_strmap *m, const char *s, size_t len)
{
    arena_block *b = m->arena;
    char *dst;

    if (!b || b->size - b->used < len + 1) {
        size_t size = len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK;

        b = xmalloc(sizeof(*b) + size);
        b->used = 0;
        b->size = size;
        b->next = m->arena;
        m->arena = b;
    }
    dst = b->data + b->used;
    if (len)
        memcpy(dst, s, len);
    dst[len] = '\0';
    b->used += len + 1;
    return dst;
}

static void rehash(ts_strmap *m, size_t n)
{
    size_t i;
    uint64_t *slots = xcalloc_big(n * sizeof(uint64_t));

    for (i = 0; i < m->count; i++) {
        size_t j = (size_t)m->entries[i].hash & (n - 1);

        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = SLOT_TAG(m->entries[i].hash) | (uint64_t)(i + 1);
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = n;
}

static void grow(ts_strmap *m)
{
    rehash(m, m->nslots * 2);
}

void strmap_reserve(ts_strmap *m, size_t n)
{
    size_t want = m->count + n, slots = m->nslots;

    if (want > m->cap) {
        entry *grown = xcalloc_big(want * sizeof(entry));

        if (m->count)
            memcpy(grown, m->entries, m->count * sizeof(entry));
        free(m->entries);
        m->entries = grown;
        m->cap = want;
    }
    while (want * 2 > slots)
        slots *= 2;
    if (slots != m->nslots)
        rehash(m, slots);
}

static size_t lookup(const ts_strmap *m, const char *key, size_t len,
                     uint64_t h, size_t *slot)
{
    size_t j = (size_t)h & (m->nslots - 1);
    uint64_t tag = SLOT_TAG(h);

    while (m->slots[j]) {
        if (SLOT_TAG(m->slots[j]) == tag) {
            size_t id = SLOT_ID(m->slots[j]) - 1;
            const entry *e = &m->entries[id];

            if (e->hash == h && e->len == len &&
                (len == 0 || memcmp(e->key, key, len) == 0))
                return id;
        }
        j = (j + 1) & (m->nslots - 1);
    }
    *slot = j;
    return TS_STRMAP_NONE;
}

size_t strmap_find(const ts_strmap *m, const char *key, size_t len)
{
    size_t slot;

    return lookup(m, key, len, hash_bytes(key, len), &slot);
}

size_t strmap_intern(ts_strmap *m, const char *key, size_t len, int *added)
{
    uint64_t h = hash_bytes(key, len);
    size_t slot, id = lookup(m, key, len, h, &slot);

    if (added)
        *added = 0;
    if (id != TS_STRMAP_NONE)
        return id;
    if (m->count == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->entries = xrealloc(m->entries, m->cap * sizeof(entry));
    }
    id = m->count++;
    m->entries[id].key = arena_copy(m, key, len);
    m->entries[id].len = len;
    m->entries[id].hash = h;
    m->slots[slot] = SLOT_TAG(h) | (uint64_t)(id + 1);
    if (m->count * 2 > m->nslots)
        grow(m);
    if (added)
        *added = 1;
    return id;
}

const char *strmap_key(const ts_strmap *m, size_t id)
{
    return id < m->count ? m->entries[id].key : NULL;
}

size_t strmap_keylen(const ts_strmap *m, size_t id)
{
    return id < m->count ? m->entries[id].len : 0;
}

size_t strmap_count(const ts_strmap *m)
{
    return m->count;
}
