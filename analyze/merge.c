/*
 * merge.c - identity of trials across records, inputs and registries
 * (analyze stage).
 *
 * Memory per trial (merge.h says why streaming keeps it this small): a
 * ClinicalTrials.gov record handed over at once costs one entry of the
 * identifier index (8-byte key, 4-byte value, the table at most 70% full:
 * about 17 bytes) and a 16-byte node (its number and where it was read).
 * A spooled record costs a node of about 80 bytes, its secondary
 * identifiers and country ids (8 and 4 bytes each) and its identifier as
 * written; its values wait in the spool file.
 */
#include "analyze/merge.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze/country.h"
#include "common/strbuf.h"
#include "common/strmap.h"
#include "common/xalloc.h"
#include "ingest/trialid.h"

#define NONE UINT32_MAX

/* A reference to a record: a streamed node, or a spooled one. */
#define REF_STREAMED 0x80000000u
#define REF_SECONDARY 0x40000000u   /* index only: the key is one of the
                                     * record's secondary ids */
#define REF_MASK 0x3FFFFFFFu

/* ---- identifier keys ----
 *
 * A key packs an identifier into 64 bits: the registry in bits 57-62,
 * then either the identifier's digits after a leading 1 (numbers of a
 * fixed prefix: NCT, EudraCT, ISRCTN, ...: exact and no memory), or,
 * with bit 56 set, the id of its canonical text in a string table. */
#define KEY_INTERNED (UINT64_C(1) << 56)
#define KEY_REG(k) ((ts_registry)((k) >> 57))

/* The fixed prefix of registries whose numbers are prefix + digits. */
static const char *digit_prefix(ts_registry r)
{
    switch (r) {
    case TS_REG_CTGOV:
        return "NCT";
    case TS_REG_ISRCTN:
        return "ISRCTN";
    case TS_REG_ANZCTR:
        return "ACTRN";
    case TS_REG_CRIS:
        return "KCT";
    case TS_REG_DRKS:
        return "DRKS";
    case TS_REG_UMIN:
        return "UMIN";
    case TS_REG_PACTR:
        return "PACTR";
    case TS_REG_RPCEC:
        return "RPCEC";
    case TS_REG_TCTR:
        return "TCTR";
    case TS_REG_LBCTR:
        return "LBCTR";
    case TS_REG_ITMCTR:
        return "ITMCTR";
    case TS_REG_OMON:
        return "NL-OMON";
    case TS_REG_JAPIC:
        return "JapicCTI-";
    case TS_REG_JMA:
        return "JMA-IIA";
    default:
        return NULL;
    }
}

/* ---- the identifier index: key -> record reference ---- */

typedef struct idindex {
    uint64_t *key;              /* owned; 0 = empty slot */
    uint32_t *val;              /* owned */
    size_t cap;                 /* power of two, or 0 */
    size_t n;
} idindex;

static size_t slot_of(uint64_t k, size_t cap)
{
    k ^= k >> 33;
    k *= UINT64_C(0xff51afd7ed558ccd);
    k ^= k >> 33;
    k *= UINT64_C(0xc4ceb9fe1a85ec53);
    k ^= k >> 33;
    return (size_t)k & (cap - 1);
}

static uint32_t *idx_find(const idindex *x, uint64_t key)
{
    size_t i;

    if (!x->cap)
        return NULL;
    for (i = slot_of(key, x->cap);; i = (i + 1) & (x->cap - 1)) {
        if (x->key[i] == key)
            return &x->val[i];
        if (x->key[i] == 0)
            return NULL;
    }
}

static void idx_grow(idindex *x)
{
    size_t cap = x->cap ? x->cap * 2 : 1024, i, j;
    uint64_t *key = xcalloc(cap, sizeof(uint64_t));
    uint32_t *val = xmalloc(cap * sizeof(uint32_t));

    for (i = 0; i < x->cap; i++) {
        if (!x->key[i])
            continue;
        for (j = slot_of(x->key[i], cap); key[j]; j = (j + 1) & (cap - 1))
            ;
        key[j] = x->key[i];
        val[j] = x->val[i];
    }
    free(x->key);
    free(x->val);
    x->key = key;
    x->val = val;
    x->cap = cap;
}

/* Adds key -> val unless key is there. */
static void idx_put(idindex *x, uint64_t key, uint32_t val)
{
    size_t i;

    if ((x->n + 1) * 10 > x->cap * 7)
        idx_grow(x);
    for (i = slot_of(key, x->cap); x->key[i]; i = (i + 1) & (x->cap - 1))
        if (x->key[i] == key)
            return;
    x->key[i] = key;
    x->val[i] = val;
    x->n++;
}

/* ---- nodes ---- */

/* How a record (or the group it headed) joined its trial. */
enum { LINK_NONE, LINK_SAME, LINK_LISTS, LINK_SHARED };

typedef struct idlink {
    uint64_t key;               /* the identifier that linked */
    uint64_t owner_key;         /* owner's number when streamed */
    uint64_t other_key;         /* other's number when streamed */
    uint32_t owner;             /* ref of the record whose field lists key
                                 * (LISTS, SHARED), or of the record with
                                 * the same number (SAME) */
    uint32_t other;             /* SHARED: the second record listing it */
    uint16_t field;             /* owner's field name (fields table) */
    uint16_t field2;            /* SHARED: other's field name */
    uint8_t kind;
} idlink;

/* Of a record handed over on arrival (a "streamed node") only its line is
 * kept, in sline[] (4 bytes); its number is the index's key that leads to
 * it, copied where a link or a duplicates row needs it; its input is found
 * in sinput[], the first node of each run of one input (records are read
 * one input after another). */
typedef struct srun {
    uint32_t first;             /* first streamed node of the run */
    uint32_t input;
} srun;

/* A spooled record. */
typedef struct dnode {
    uint64_t spool;             /* offset of its values in the spool */
    uint64_t key;               /* its number, 0 if none */
    uint32_t parent;            /* union-find */
    uint32_t next;              /* circular list of its group */
    uint32_t line;
    uint32_t input;
    uint32_t raw;               /* offset of its id as written in text */
    uint32_t sec, nsec;         /* its secondary keys in seckeys[] */
    uint32_t cty, ncty;         /* its country ids in ctys[] */
    uint32_t claim;             /* root: the streamed node that took the
                                 * group over, or NONE */
    uint64_t claim_key;         /* root: that node's number */
    uint32_t sum;               /* root: list of the group's numbers in
                                 * sums[], one per registry, or NONE */
    uint32_t size;              /* root: records in the group */
    uint32_t rep;               /* root, at the end: the chosen record */
    uint32_t parts;             /* parts its reader merged (TS_COL_PARTS):
                                 * 0 or 1 for a record of one */
    uint32_t parts_text;        /* their "LINE LABEL|..." in text */
    uint16_t f_id, f_other;     /* its field names (fields table) */
    uint8_t reg;                /* its registry */
    uint8_t prec;               /* precedence; lower wins */
    uint8_t emitted;
    idlink how;                   /* how it joined (absorbed roots only) */
} dnode;

/* A record merged into a streamed trial without being spooled: the same
 * number exported twice. */
typedef struct join {
    uint64_t key;               /* the number of both */
    uint32_t s;                 /* the streamed node */
    uint32_t line, input;
    uint32_t raw;               /* its id as written, in text */
    uint8_t reg;
} join;

typedef struct claim {
    uint64_t key;               /* the streamed node's number */
    uint32_t s;                 /* streamed node */
    uint32_t root;              /* deferred group root taken over (find()
                                 * it again: later unions move roots) */
} claim;

typedef struct sumnode {
    uint64_t key;
    uint32_t next;
} sumnode;

struct ts_merge {
    ts_merged_fn fn;
    ts_warn_fn warn;
    void *ctx;
    char *tmpdir;               /* owned, or NULL */
    int streaming;

    idindex index;
    ts_strmap *istr;            /* interned canonical ids */
    ts_strmap *fields;          /* field names */
    ts_strmap *cnames;          /* canonical country names */
    ts_countries *own_countries;    /* owned; the built-in table */
    const ts_countries *countries;  /* own_countries or
                                     * merge_set_countries' */

    uint32_t *sline;            /* owned; see srun */
    size_t ns, scap;
    srun *sinput;               /* owned */
    size_t nsinput, sinputcap;
    dnode *d;                   /* owned */
    size_t nd, dcap;
    uint64_t *seckeys;          /* owned */
    size_t nsec, seccap;
    uint32_t *ctys;             /* owned */
    size_t ncty, ctycap;
    sumnode *sums;              /* owned */
    size_t nsums, sumcap;
    join *joins;                /* owned */
    size_t njoins, joincap;
    claim *claims;              /* owned */
    size_t nclaims, claimcap;
    ts_strbuf text;             /* ids as written, NUL-separated */

    char **inputs;              /* owned: the input file names, copied
                                 * (a record held for automatic
                                 * indications names its file with a
                                 * string freed when it is released) */
    size_t ninputs;

    FILE *spool;
    char *spool_path;           /* owned */
    uint64_t spool_end;

    unsigned long records, trials, refused;
    unsigned long left_out;     /* records with numbers left out */

    /* the trial being handed over */
    ts_strbuf ids, ctytext, buf;
    ts_strbuf tmp, own, nct;    /* scratch */
    ts_strbuf sectext;          /* a record's secondary ids, canonical */
    uint32_t *all;              /* owned; members of a group */
    ts_record rec;

    /* duplicates rows, built by merge_finish */
    struct duprow {
        size_t group;
        uint32_t trial;         /* text offset of the trial id */
        uint32_t record;        /* text offset of the record id */
        uint32_t file;          /* input */
        uint32_t line;
        uint32_t linked;        /* text offset of linked_by */
        uint8_t reg;
        uint8_t used;
    } *rows;
    size_t nrows, rowcap;
    size_t ngroups;
    uint32_t anchor;            /* text offset of ANCHOR_TEXT, 0: none */
    int finished;
};

#define GROW(arr, n, cap)                                                   \
    do {                                                                    \
        if ((n) == (cap)) {                                                 \
            (cap) = (cap) ? (cap) * 2 : 64;                                 \
            (arr) = xrealloc((arr), (cap) * sizeof(*(arr)));                \
        }                                                                   \
    } while (0)

/* ---- keys ---- */

static uint64_t key_of(ts_merge *m, const ts_trialid *id)
{
    const char *p = digit_prefix(id->registry), *s = id->id;
    uint64_t v = 1;
    size_t k, nd = 0;

    if (id->registry == TS_REG_EUCTR || id->registry == TS_REG_CTIS)
        p = "";
    if (p && strncmp(s, p, strlen(p)) == 0) {
        for (s += strlen(p); *s; s++) {
            if (*s >= '0' && *s <= '9') {
                v = v * 10 + (uint64_t)(*s - '0');
                nd++;
            } else if (!(*s == '-' && p[0] == '\0')) {
                break;
            }
        }
        if (!*s && nd > 0 && nd <= 16)
            return ((uint64_t)id->registry << 57) | v;
    }
    k = strmap_intern(m->istr, id->id, strlen(id->id), NULL);
    return ((uint64_t)id->registry << 57) | KEY_INTERNED | (uint64_t)k;
}

/* A primary id nobody can read: its text, as an identifier of no known
 * registry (two records with one such id are still the same trial). */
static uint64_t key_of_text(ts_merge *m, const char *s, size_t n)
{
    size_t k = strmap_intern(m->istr, s, n, NULL);

    return ((uint64_t)TS_REG_UNKNOWN << 57) | KEY_INTERNED | (uint64_t)k;
}

/* Writes the canonical text of key into sb. */
static void key_text(const ts_merge *m, uint64_t key, ts_strbuf *sb)
{
    ts_registry r = KEY_REG(key);
    char digits[24], out[48];
    size_t n = 0, k = 0, i;
    uint64_t v = key & (KEY_INTERNED - 1);
    const char *p;

    if (key & KEY_INTERNED) {
        sb_puts(sb, strmap_key(m->istr, (size_t)(key & 0xFFFFFFFFu)));
        return;
    }
    while (v > 1 && n < sizeof(digits)) {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    }
    if (r == TS_REG_EUCTR || r == TS_REG_CTIS) {
        for (i = 0; i < n; i++) {
            if (i == 4 || i == 10)
                out[k++] = '-';
            out[k++] = digits[n - 1 - i];
        }
    } else {
        for (p = digit_prefix(r); p && *p; p++)
            out[k++] = *p;
        while (n)
            out[k++] = digits[--n];
    }
    sb_append(sb, out, k);
}

/* ---- precedence ---- */

/* Lower wins: the registry's rank (its enum order, none last), then the
 * registry's own export before an aggregator's copy. */
static uint8_t precedence(ts_registry reg, int copy)
{
    unsigned rank = reg == TS_REG_UNKNOWN ? TS_REG_COUNT : (unsigned)reg;

    return (uint8_t)(rank * 2 + (copy ? 1 : 0));
}

/* Only ClinicalTrials.gov's own records: nothing outranks them. */
static int streamable(const ts_record *rec, ts_registry reg)
{
    return reg == TS_REG_CTGOV && !rec->copy;
}

void merge_set_countries(ts_merge *m, const ts_countries *ct)
{
    m->countries = ct ? ct : m->own_countries;
}

int merge_defers(const ts_reader *reader)
{
    return !reader || reader->registry != TS_REG_CTGOV;
}

/* ---- lifecycle ---- */

ts_merge *merge_new(const char *tmpdir, ts_merged_fn fn, ts_warn_fn warn,
                    void *ctx)
{
    ts_merge *m = xcalloc(1, sizeof(*m));

    m->fn = fn;
    m->warn = warn;
    m->ctx = ctx;
    m->tmpdir = tmpdir ? xstrdup(tmpdir) : NULL;
    m->istr = strmap_new();
    m->fields = strmap_new();
    m->cnames = strmap_new();
    m->own_countries = country_new();
    m->countries = m->own_countries;
    strmap_intern(m->fields, "", 0, NULL);  /* id 0: no name */
    sb_putc(&m->text, '\0');                /* offset 0: "" */
    return m;
}

void merge_free(ts_merge *m)
{
    size_t i;

    if (!m)
        return;
    if (m->spool) {
        fclose(m->spool);
        unlink(m->spool_path);
    }
    free(m->spool_path);
    free(m->tmpdir);
    free(m->index.key);
    free(m->index.val);
    strmap_free(m->istr);
    strmap_free(m->fields);
    strmap_free(m->cnames);
    country_free(m->own_countries);
    free(m->sline);
    free(m->sinput);
    free(m->d);
    free(m->seckeys);
    free(m->ctys);
    free(m->sums);
    free(m->joins);
    free(m->claims);
    for (i = 0; i < m->ninputs; i++)
        free(m->inputs[i]);
    free(m->inputs);
    free(m->rows);
    free(m->all);
    sb_free(&m->text);
    sb_free(&m->ids);
    sb_free(&m->ctytext);
    sb_free(&m->buf);
    sb_free(&m->tmp);
    sb_free(&m->own);
    sb_free(&m->nct);
    sb_free(&m->sectext);
    free(m);
}

void merge_stream(ts_merge *m)
{
    m->streaming = 1;
}

unsigned long merge_records(const ts_merge *m)
{
    return m->records;
}

unsigned long merge_trials(const ts_merge *m)
{
    return m->trials;
}

unsigned long merge_refused(const ts_merge *m)
{
    return m->refused;
}

unsigned long merge_warnings(const ts_merge *m)
{
    return m->refused + m->left_out;
}

/* ---- small helpers ---- */

/* The input streamed node s was read from. */
static uint32_t s_input(const ts_merge *m, uint32_t s)
{
    size_t lo = 0, hi = m->nsinput;

    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;

        if (m->sinput[mid].first <= s)
            lo = mid;
        else
            hi = mid;
    }
    return m->nsinput ? m->sinput[lo].input : 0;
}

/* The input named file, by number; its name is copied the first time
 * (the last input is nearly always the one asked for). */
static uint32_t input_of(ts_merge *m, const char *file)
{
    size_t i;

    if (!file)
        file = "";
    for (i = m->ninputs; i-- > 0;)
        if (strcmp(m->inputs[i], file) == 0)
            return (uint32_t)i;
    m->inputs = xrealloc(m->inputs, (m->ninputs + 1) * sizeof(char *));
    m->inputs[m->ninputs] = xstrdup(file);
    return (uint32_t)m->ninputs++;
}

static uint32_t put_text(ts_merge *m, const char *s, size_t n)
{
    uint32_t off = (uint32_t)m->text.len;

    sb_append(&m->text, s, n);
    sb_putc(&m->text, '\0');
    return off;
}

static uint16_t field_id(ts_merge *m, const char *name)
{
    size_t id;

    if (!name)
        return 0;
    id = strmap_intern(m->fields, name, strlen(name), NULL);
    return id > 0xFFFF ? 0 : (uint16_t)id;
}

static uint32_t find(ts_merge *m, uint32_t x)
{
    uint32_t r = x;

    while (m->d[r].parent != r)
        r = m->d[r].parent;
    while (m->d[x].parent != r) {
        uint32_t up = m->d[x].parent;

        m->d[x].parent = r;
        x = up;
    }
    return r;
}

/* The identity of a record: its registry and number. */
typedef struct ident {
    ts_registry reg;
    uint64_t key;               /* 0 if none */
    const char *raw;            /* its id as written; view */
    size_t rawlen;
    char canon[TS_TRIALID_MAX]; /* its canonical form when read now */
} ident;

static void identify(ts_merge *m, const ts_record *rec, ident *id)
{
    ts_trialid t;
    const char *v = rec->value[TS_COL_ID];
    size_t n = rec->len[TS_COL_ID];

    memset(id, 0, sizeof(*id));
    id->reg = rec->registry;
    id->raw = v;
    id->rawlen = n;
    if (trialid_parse(v, n, &t) ||
        (!rec->present[TS_COL_ID] &&
         trialid_parse(rec->value[TS_COL_URL], rec->len[TS_COL_URL], &t))) {
        /* EudraCT and CTIS numbers share one form, told apart by the
         * middle part's first digit (trialid.h); a record of either
         * register's own export is that register's, whatever the digit. */
        if ((t.registry == TS_REG_EUCTR || t.registry == TS_REG_CTIS) &&
            (rec->registry == TS_REG_EUCTR || rec->registry == TS_REG_CTIS))
            t.registry = rec->registry;
        id->key = key_of(m, &t);
        memcpy(id->canon, t.id, sizeof(id->canon));
        /* The registry the number says; a reader's own registry stands
         * when the number is no registry's (e.g. a garbled id). The
         * number as written is where it was found ("EUCTR2015-001234-
         * 56-DE", not the URL around an NCT number). */
        id->reg = t.registry;
        id->raw = (n ? v : rec->value[TS_COL_URL]) + t.start;
        id->rawlen = t.end - t.start;
    } else if (n) {
        id->key = key_of_text(m, v, n);
    }
}

/* A record lists a second number of one registry: said once per
 * record, naming the numbers left out. */
static void warn_second(ts_merge *m, const ts_record *rec,
                        const ts_strbuf *left)
{
    ts_error w;

    if (!m->warn)
        return;
    ts_error_set(&w, TS_ERR_PARSE, rec->file, rec->line, 0,
                 "%s lists two numbers of one registry: %s not linked (a "
                 "trial has one number per registry; the first listed links "
                 "it)",
                 rec->name[TS_COL_OTHER_IDS] ? rec->name[TS_COL_OTHER_IDS]
                                             : "the record",
                 sb_str(left));
    m->warn(m->ctx, &w);
}

/* The keys of rec's secondary ids, into out[0..max), skipping its own
 * number and its own registry's other numbers (related studies), and, of
 * another registry, every number after the first one listed (a trial
 * holds one number per registry: a record listing two, say two NCT
 * numbers, links by the first, with a warning); their canonical texts,
 * "; "-joined, into m->sectext. Returns how many. */
static size_t secondaries(ts_merge *m, const ts_record *rec, const ident *id,
                          uint64_t *out, size_t max)
{
    const char *v = rec->value[TS_COL_OTHER_IDS];
    size_t n = rec->len[TS_COL_OTHER_IDS], pos = 0, k = 0, i;
    ts_trialid t;
    ts_strbuf left = {0};

    sb_reset(&m->sectext);
    while (k < max && trialid_next(v, n, &pos, &t)) {
        uint64_t key;
        int dup = 0, second = 0;

        if (t.registry == id->reg && id->reg != TS_REG_UNKNOWN)
            continue;
        key = key_of(m, &t);
        for (i = 0; i < k; i++) {
            dup |= out[i] == key;
            second |= KEY_REG(out[i]) == KEY_REG(key);
        }
        if (dup || key == id->key)
            continue;
        if (second) {
            if (!strstr(sb_str(&left), t.id)) {
                sb_puts(&left, left.len ? ", " : "");
                sb_puts(&left, t.id);
            }
            continue;
        }
        out[k++] = key;
        sb_puts(&m->sectext, "; ");
        sb_puts(&m->sectext, t.id);
    }
    if (left.len) {
        m->left_out++;
        warn_second(m, rec, &left);
    }
    sb_free(&left);
    return k;
}

#define MAX_SECONDARY 64

/* ---- group numbers ---- */

static uint32_t sum_push(ts_merge *m, uint64_t key, uint32_t next)
{
    GROW(m->sums, m->nsums, m->sumcap);
    m->sums[m->nsums].key = key;
    m->sums[m->nsums].next = next;
    return (uint32_t)m->nsums++;
}

/* The number of registry r in group list l, or 0. */
static uint64_t sum_get(const ts_merge *m, uint32_t l, ts_registry r)
{
    for (; l != NONE; l = m->sums[l].next)
        if (KEY_REG(m->sums[l].key) == r)
            return m->sums[l].key;
    return 0;
}

/* The first number of a that another of b contradicts (same registry,
 * other number), or 0. Ids of no known registry count as one registry:
 * a trial holds one such id at most. */
static uint64_t sum_conflict(const ts_merge *m, uint32_t a, uint32_t b,
                             uint64_t *theirs)
{
    for (; a != NONE; a = m->sums[a].next) {
        ts_registry r = KEY_REG(m->sums[a].key);
        uint64_t k = sum_get(m, b, r);

        if (k && k != m->sums[a].key) {
            *theirs = k;
            return m->sums[a].key;
        }
    }
    return 0;
}

/* List a with b's numbers it lacks added (a new list head). */
static uint32_t sum_join(ts_merge *m, uint32_t a, uint32_t b)
{
    for (; b != NONE; b = m->sums[b].next)
        if (!sum_get(m, a, KEY_REG(m->sums[b].key)))
            a = sum_push(m, m->sums[b].key, a);
    return a;
}

/* ---- warnings ---- */

static void refuse(ts_merge *m, const ts_record *rec, uint64_t mine,
                   uint64_t theirs, uint64_t via)
{
    ts_error w;
    ts_strbuf a = {0}, b = {0}, c = {0};

    m->refused++;
    if (!m->warn)
        return;
    key_text(m, mine < theirs ? mine : theirs, &a);
    key_text(m, mine < theirs ? theirs : mine, &b);
    key_text(m, via, &c);
    ts_error_set(&w, TS_ERR_PARSE, rec->file, rec->line, 0,
                 "%s links records not merged: they would make one trial "
                 "of %s and %s, two %s numbers",
                 sb_str(&c), sb_str(&a), sb_str(&b),
                 registry_name(KEY_REG(mine)));
    m->warn(m->ctx, &w);
    sb_free(&a);
    sb_free(&b);
    sb_free(&c);
}

/* ---- spool ---- */

static ts_status spool_open(ts_merge *m, ts_error *err)
{
    const char *dir = m->tmpdir;
    ts_strbuf p = {0};
    int fd;

    if (!dir || !*dir)
        dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    sb_printf(&p, "%s/trialscape-spool.XXXXXX", dir);
    fd = mkstemp(p.buf);
    if (fd < 0 || !(m->spool = fdopen(fd, "w+b"))) {
        int e = errno;

        if (fd >= 0) {
            close(fd);
            unlink(p.buf);
        }
        sb_free(&p);
        return ts_error_sys(err, TS_ERR_OUTPUT, e, dir,
                            "cannot create the merge spool");
    }
    m->spool_path = p.buf;
    setvbuf(m->spool, NULL, _IOFBF, 1 << 20);
    return TS_OK;
}

/* One spooled record: a header, then per field its name id, length
 * (UINT32_MAX: absent) and bytes. The format (a static string) is kept as
 * it is, the file as the merge's copy of its name. */
typedef struct spoolhead {
    const char *format;
    const char *file;
    unsigned long line, row;
    int registry, copy;
} spoolhead;

static ts_status spool_write(ts_merge *m, const ts_record *rec,
                             ts_error *err)
{
    spoolhead h;
    size_t i;
    uint32_t k;

    if (!m->spool) {
        ts_status rc = spool_open(m, err);

        if (rc != TS_OK)
            return rc;
    }
    memset(&h, 0, sizeof(h));
    h.format = rec->format;
    k = input_of(m, rec->file);     /* may move m->inputs */
    h.file = m->inputs[k];
    h.line = rec->line;
    h.row = rec->row;
    h.registry = (int)rec->registry;
    h.copy = rec->copy;
    fwrite(&h, sizeof(h), 1, m->spool);
    m->spool_end += sizeof(h);
    for (i = 0; i < TS_COL_COUNT; i++) {
        uint32_t len = rec->present[i] ? (uint32_t)rec->len[i] : UINT32_MAX;
        uint16_t f = field_id(m, rec->name[i]);

        fwrite(&f, sizeof(f), 1, m->spool);
        fwrite(&len, sizeof(len), 1, m->spool);
        m->spool_end += sizeof(f) + sizeof(len);
        if (len != UINT32_MAX && len) {
            fwrite(rec->value[i], 1, len, m->spool);
            m->spool_end += len;
        }
    }
    if (ferror(m->spool))
        return ts_error_sys(err, TS_ERR_OUTPUT, errno, m->spool_path,
                            "cannot write the merge spool");
    return TS_OK;
}

/* Reads the record at the spool's position into m->rec (views into
 * m->buf). */
static ts_status spool_read(ts_merge *m, ts_error *err)
{
    spoolhead h;
    size_t i, off[TS_COL_COUNT];

    sb_reset(&m->buf);
    if (fread(&h, sizeof(h), 1, m->spool) != 1)
        goto fail;
    memset(&m->rec, 0, sizeof(m->rec));
    m->rec.format = h.format;
    m->rec.file = h.file;
    m->rec.line = h.line;
    m->rec.row = h.row;
    m->rec.registry = (ts_registry)h.registry;
    m->rec.copy = h.copy;
    for (i = 0; i < TS_COL_COUNT; i++) {
        uint16_t f;
        uint32_t len;

        if (fread(&f, sizeof(f), 1, m->spool) != 1 ||
            fread(&len, sizeof(len), 1, m->spool) != 1)
            goto fail;
        off[i] = m->buf.len;
        m->rec.present[i] = len != UINT32_MAX;
        m->rec.name[i] = f ? strmap_key(m->fields, f) : NULL;
        if (len == UINT32_MAX)
            len = 0;
        if (len && fread(sb_reserve(&m->buf, len), 1, len, m->spool) != len)
            goto fail;
        m->buf.len += len;
        sb_putc(&m->buf, '\0');
        m->rec.len[i] = len;
    }
    for (i = 0; i < TS_COL_COUNT; i++)
        m->rec.value[i] = m->buf.buf + off[i];
    return TS_OK;
fail:
    return ts_error_sys(err, TS_ERR_OUTPUT, ferror(m->spool) ? errno : EIO,
                        m->spool_path, "cannot read the merge spool back");
}

/* ---- countries ---- */

/* The field a record's countries come from: its country list, else its
 * sites. */
static void country_field(const ts_record *rec, const char **v, size_t *n,
                          int *sites)
{
    *sites = !(rec->present[TS_COL_COUNTRIES] && rec->len[TS_COL_COUNTRIES]);
    *v = rec->value[*sites ? TS_COL_LOCATIONS : TS_COL_COUNTRIES];
    *n = rec->len[*sites ? TS_COL_LOCATIONS : TS_COL_COUNTRIES];
}

/* Appends rec's distinct canonical country ids to ctys[]; returns how
 * many. */
static uint32_t add_countries(ts_merge *m, const ts_record *rec)
{
    const char *v, *c;
    size_t n, pos = 0, clen, start = m->ncty, i;
    int sites;

    country_field(rec, &v, &n, &sites);
    while (country_next(m->countries, v, n, sites, &pos, &c, &clen)) {
        size_t len, id;
        const char *name = country_canonical(m->countries, c, clen, &len);
        int dup = 0;

        id = strmap_intern(m->cnames, name, len, NULL);
        for (i = start; i < m->ncty && !dup; i++)
            dup = m->ctys[i] == id;
        if (dup)
            continue;
        GROW(m->ctys, m->ncty, m->ctycap);
        m->ctys[m->ncty++] = (uint32_t)id;
    }
    return (uint32_t)(m->ncty - start);
}

/* ---- adding records ---- */

/* Unites the groups of roots a (the older) and b under a, recording on
 * b how it joined. Returns 0 (nothing changed) when their numbers or
 * takers contradict each other. */
static int unite(ts_merge *m, const ts_record *rec, uint32_t a, uint32_t b,
                 const idlink *how)
{
    dnode *A, *B;
    uint64_t mine, theirs = 0;

    if (a == b)
        return 1;
    if (a > b) {
        uint32_t t = a;

        a = b;
        b = t;
    }
    A = &m->d[a];
    B = &m->d[b];
    mine = sum_conflict(m, B->sum, A->sum, &theirs);
    if (!mine && A->claim != NONE && B->claim != NONE &&
        A->claim != B->claim) {
        mine = B->claim_key;
        theirs = A->claim_key;
    }
    if (mine) {
        refuse(m, rec, mine, theirs, how->key);
        return 0;
    }
    B->parent = a;
    B->how = *how;
    {
        uint32_t t = A->next;

        A->next = B->next;
        B->next = t;
    }
    A->sum = sum_join(m, A->sum, B->sum);
    A->size += B->size;
    if (A->claim == NONE) {
        A->claim = B->claim;
        A->claim_key = B->claim_key;
    }
    return 1;
}

/* The idlink between record ref `self` (which holds the key as primary when
 * self_primary, else in its field f_self) and the index entry found. */
static idlink make_link(uint64_t key, uint32_t self, int self_primary,
                        uint16_t f_self, uint64_t self_key, uint32_t found,
                        uint16_t f_found, uint64_t found_key)
{
    idlink l;
    int found_primary = !(found & REF_SECONDARY);

    memset(&l, 0, sizeof(l));
    l.key = key;
    found &= ~REF_SECONDARY;
    if (self_primary && found_primary) {
        l.kind = LINK_SAME;
        l.owner = found;
        l.owner_key = found_key;
    } else if (self_primary) {
        l.kind = LINK_LISTS;
        l.owner = found;
        l.owner_key = found_key;
        l.field = f_found;
    } else if (found_primary) {
        l.kind = LINK_LISTS;
        l.owner = self;
        l.owner_key = self_key;
        l.field = f_self;
    } else {
        l.kind = LINK_SHARED;
        l.owner = self;
        l.owner_key = self_key;
        l.field = f_self;
        l.other = found;
        l.other_key = found_key;
        l.field2 = f_found;
    }
    return l;
}

static uint16_t ref_field(const ts_merge *m, uint32_t ref)
{
    return (ref & REF_STREAMED) ? 0 : m->d[ref & REF_MASK].f_other;
}

/* The parts a reader merged into rec (TS_COL_PARTS): 1 for a record of
 * one part. */
static uint32_t parts_of(const ts_record *rec)
{
    const char *v = rec->value[TS_COL_PARTS];
    size_t n = rec->len[TS_COL_PARTS], i;
    uint32_t k = 1;

    if (!rec->present[TS_COL_PARTS] || n == 0)
        return 1;
    for (i = 0; i < n; i++)
        k += v[i] == '|';
    return k;
}

/* A record that may be outranked: spooled, linked, kept. */
static ts_status add_deferred(ts_merge *m, const ts_record *rec,
                              const ident *id, ts_error *err)
{
    uint64_t sec[MAX_SECONDARY];
    size_t nsec = secondaries(m, rec, id, sec, MAX_SECONDARY), i;
    uint32_t x = (uint32_t)m->nd, *found;
    uint64_t at = m->spool_end;
    dnode *d;
    ts_status rc;

    if (m->nd >= REF_MASK)
        return ts_error_set(err, TS_ERR_INTERNAL, rec->file, rec->line, 0,
                            "too many records to merge");
    rc = spool_write(m, rec, err);
    if (rc != TS_OK)
        return rc;
    GROW(m->d, m->nd, m->dcap);
    d = &m->d[m->nd++];
    memset(d, 0, sizeof(*d));
    d->spool = at;
    d->key = id->key;
    d->parent = d->next = x;
    d->line = (uint32_t)rec->line;
    d->input = input_of(m, rec->file);
    d->raw = put_text(m, id->raw, id->rawlen);
    d->claim = NONE;
    d->sum = id->key ? sum_push(m, id->key, NONE) : NONE;
    d->size = 1;
    d->rep = NONE;
    d->parts = parts_of(rec);
    if (d->parts > 1)
        d->parts_text = put_text(m, rec->value[TS_COL_PARTS],
                                 rec->len[TS_COL_PARTS]);
    d->f_id = field_id(m, rec->name[TS_COL_ID]);
    d->f_other = field_id(m, rec->name[TS_COL_OTHER_IDS]);
    d->reg = (uint8_t)id->reg;
    d->prec = precedence(id->reg, rec->copy);
    d->sec = (uint32_t)m->nsec;
    d->nsec = (uint32_t)nsec;
    for (i = 0; i < nsec; i++) {
        GROW(m->seckeys, m->nsec, m->seccap);
        m->seckeys[m->nsec++] = sec[i];
    }
    d->cty = (uint32_t)m->ncty;
    d->ncty = add_countries(m, rec);

    /* Link by the record's number, then by each secondary id; a record
     * without a number of its own is a trial of its own. */
    for (i = 0; id->key && i <= nsec; i++) {
        uint64_t key = i == 0 ? id->key : sec[i - 1];
        uint32_t ref;

        if (!key)
            continue;
        found = idx_find(&m->index, key);
        if (!found) {
            idx_put(&m->index, key, x | (i ? REF_SECONDARY : 0));
            continue;
        }
        ref = *found;
        if (ref & REF_STREAMED) {
            /* Read after streaming began: the record joins a trial
             * already handed over (its countries come too late). */
            /* Only streamed numbers lead to streamed nodes: key is its
             * number. */
            uint32_t s = ref & REF_MASK, root = find(m, x);
            uint64_t theirs = key;
            ts_registry r = KEY_REG(theirs);
            uint64_t mine = sum_get(m, m->d[root].sum, r);
            idlink l;

            if (mine && mine != theirs) {
                refuse(m, rec, mine, theirs, key);
                continue;
            }
            if (m->d[root].claim != NONE && m->d[root].claim != s)
                continue;
            l = make_link(key, x, i == 0, m->d[x].f_other, 0, ref, 0, key);
            if (m->d[root].claim == NONE) {
                m->d[root].claim = s;
                m->d[root].claim_key = theirs;
                m->d[root].sum = sum_push(m, theirs, m->d[root].sum);
                m->d[root].how = l;
                GROW(m->claims, m->nclaims, m->claimcap);
                m->claims[m->nclaims].key = theirs;
                m->claims[m->nclaims].s = s;
                m->claims[m->nclaims++].root = root;
            }
            continue;
        }
        {
            uint32_t other = ref & REF_MASK;
            idlink l = make_link(key, x, i == 0, m->d[x].f_other, 0, ref,
                                 ref_field(m, ref), 0);

            unite(m, rec, find(m, other), find(m, x), &l);
        }
    }
    return TS_OK;
}

/* ---- handing trials over ---- */

/* Adds the canonical text of key to m->ids unless listed; the first
 * NCT number becomes the trial's (m->nct). */
static void ids_add(ts_merge *m, uint64_t key)
{
    const char *p = m->ids.buf;
    size_t n;

    /* An id no registry's shape fits merges copies, but is no
     * identifier to show. */
    if (!key || KEY_REG(key) == TS_REG_UNKNOWN)
        return;
    sb_reset(&m->tmp);
    key_text(m, key, &m->tmp);
    n = m->tmp.len;
    while (p && *p) {
        const char *end = strstr(p, "; ");
        size_t k = end ? (size_t)(end - p) : strlen(p);

        if (k == n && memcmp(p, m->tmp.buf, n) == 0)
            return;
        p = end ? end + 2 : p + k;
    }
    if (m->ids.len)
        sb_puts(&m->ids, "; ");
    sb_append(&m->ids, m->tmp.buf, n);
    if (KEY_REG(key) == TS_REG_CTGOV && !m->nct.len)
        sb_append(&m->nct, m->tmp.buf, n);
}

/* Starts the identifiers of a trial. */
static void ids_reset(ts_merge *m)
{
    sb_reset(&m->ids);
    sb_reset(&m->nct);
}

/* Adds country id c to the list in m->ctytext unless listed (marks in
 * seen[], sized by cnames). */
static void cty_add(ts_merge *m, uint32_t c, unsigned char *seen)
{
    if (seen[c])
        return;
    seen[c] = 1;
    if (m->ctytext.len)
        sb_putc(&m->ctytext, '|');
    sb_puts(&m->ctytext, strmap_key(m->cnames, c));
}

/* Adds a merged record's countries, identifiers, registry and record
 * count (its parts, or 1) to the trial being handed over. */
static void add_member(ts_merge *m, const dnode *d, unsigned char *seen,
                       unsigned *registries, size_t *nrecords)
{
    size_t i;

    for (i = 0; i < d->ncty; i++)
        cty_add(m, m->ctys[d->cty + i], seen);
    ids_add(m, d->key);
    for (i = 0; i < d->nsec; i++)
        ids_add(m, m->seckeys[d->sec + i]);
    *registries |= 1u << d->reg;
    *nrecords += d->parts ? d->parts : 1;
}

/* Hands over rec as one trial. */
static void emit(ts_merge *m, const ts_record *rec, const ident *id,
                 size_t nrecords, unsigned registries)
{
    ts_merged t;

    memset(&t, 0, sizeof(t));
    t.rec = rec;
    t.registry = id->reg;
    sb_reset(&m->own);
    if (id->canon[0])
        sb_puts(&m->own, id->canon);
    else if (id->key && !(id->key & KEY_INTERNED && KEY_REG(id->key) ==
                                                      TS_REG_UNKNOWN))
        key_text(m, id->key, &m->own);
    t.id = sb_str(&m->own);
    t.nct = sb_str(&m->nct);
    t.ids = sb_str(&m->ids);
    t.nrecords = nrecords;
    t.registries = registries;
    m->trials++;
    m->fn(m->ctx, &t);
}

/* The members of root's group in reading order, into *all (owned by
 * m); returns how many. */
static size_t members(ts_merge *m, uint32_t root, uint32_t **all)
{
    size_t n = 0, i, j;
    uint32_t y = root;

    *all = xrealloc(*all, m->d[root].size * sizeof(uint32_t));
    do {
        (*all)[n++] = y;
        y = m->d[y].next;
    } while (y != root && n < m->d[root].size);
    /* Insertion sort: groups are small, and nearly sorted. */
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && (*all)[j - 1] > (*all)[j]; j--) {
            uint32_t t = (*all)[j];

            (*all)[j] = (*all)[j - 1];
            (*all)[j - 1] = t;
        }
    return n;
}

/* A record nothing can outrank, handed over at once: alone, or with the
 * spooled groups it links to taken over. */
static ts_status add_streamed(ts_merge *m, const ts_record *rec,
                              const ident *id, ts_error *err)
{
    uint64_t sec[MAX_SECONDARY];
    size_t nsec = secondaries(m, rec, id, sec, MAX_SECONDARY), i;
    uint32_t s = (uint32_t)m->ns, *found;
    uint32_t roots[MAX_SECONDARY + 1];
    size_t nroots = 0;
    uint16_t f_other = field_id(m, rec->name[TS_COL_OTHER_IDS]);
    uint32_t have = NONE;       /* numbers of the trial so far */
    unsigned registries = 1u << TS_REG_CTGOV;
    size_t nrecords = 1;
    ts_record with;

    (void)err;
    if (id->key) {
        found = idx_find(&m->index, id->key);
        if (found && (*found & REF_STREAMED)) {
            /* The same number exported twice: the first one stands. */
            join *j;

            GROW(m->joins, m->njoins, m->joincap);
            j = &m->joins[m->njoins++];
            j->key = id->key;
            j->s = *found & REF_MASK;
            j->line = (uint32_t)rec->line;
            j->input = input_of(m, rec->file);
            j->raw = put_text(m, id->raw, id->rawlen);
            j->reg = (uint8_t)id->reg;
            return TS_OK;
        }
        if (found) {
            uint32_t root = find(m, *found & REF_MASK);
            uint32_t c = m->d[root].claim;

            if (c != NONE && m->d[root].claim_key == id->key) {
                join *j;

                GROW(m->joins, m->njoins, m->joincap);
                j = &m->joins[m->njoins++];
                j->key = id->key;
                j->s = c;
                j->line = (uint32_t)rec->line;
                j->input = input_of(m, rec->file);
                j->raw = put_text(m, id->raw, id->rawlen);
                j->reg = (uint8_t)id->reg;
                return TS_OK;
            }
        }
    }
    if (m->ns >= REF_MASK)
        return ts_error_set(err, TS_ERR_INTERNAL, rec->file, rec->line, 0,
                            "too many records to merge");
    if (m->ns == m->scap) {
        m->scap = m->scap ? m->scap * 2 : 1024;
        m->sline = xrealloc(m->sline, m->scap * sizeof(uint32_t));
    }
    m->sline[s] = (uint32_t)rec->line;
    {
        uint32_t in = input_of(m, rec->file);

        if (!m->nsinput || m->sinput[m->nsinput - 1].input != in) {
            GROW(m->sinput, m->nsinput, m->sinputcap);
            m->sinput[m->nsinput].first = s;
            m->sinput[m->nsinput++].input = in;
        }
    }
    m->ns++;
    if (id->key && m->nd)
        have = sum_push(m, id->key, NONE);

    /* Spooled groups this record links to, by its number and its
     * secondary ids, are taken over unless a number contradicts. */
    for (i = 0; m->nd && id->key && i <= nsec; i++) {
        uint64_t key = i == 0 ? id->key : sec[i - 1];
        uint32_t root, ref;
        uint64_t mine, theirs = 0;
        idlink l;
        size_t k;
        int dup = 0;

        if (!key || !(found = idx_find(&m->index, key)) ||
            (*found & REF_STREAMED))
            continue;
        ref = *found;
        root = find(m, ref & REF_MASK);
        for (k = 0; k < nroots; k++)
            dup |= roots[k] == root;
        if (dup)
            continue;
        if (m->d[root].claim != NONE) {
            refuse(m, rec, id->key, m->d[root].claim_key, key);
            continue;
        }
        mine = sum_conflict(m, have, m->d[root].sum, &theirs);
        if (mine) {
            refuse(m, rec, mine, theirs, key);
            continue;
        }
        l = make_link(key, s | REF_STREAMED, i == 0, f_other, id->key, ref,
                      ref_field(m, ref), 0);
        m->d[root].claim = s;
        m->d[root].claim_key = id->key;
        m->d[root].how = l;
        have = sum_join(m, have, m->d[root].sum);
        m->d[root].sum = sum_push(m, id->key, m->d[root].sum);
        roots[nroots++] = root;
        GROW(m->claims, m->nclaims, m->claimcap);
        m->claims[m->nclaims].key = id->key;
        m->claims[m->nclaims].s = s;
        m->claims[m->nclaims++].root = root;
    }
    if (id->key)
        idx_put(&m->index, id->key, s | REF_STREAMED);

    if (nroots == 0) {
        /* Alone, as nearly always: the record as it is, its identifiers
         * as just read (no text made from keys). */
        ids_reset(m);
        if (id->canon[0]) {
            sb_puts(&m->ids, id->canon);
            if (id->reg == TS_REG_CTGOV)
                sb_puts(&m->nct, id->canon);
        }
        if (m->sectext.len)
            sb_puts(&m->ids, m->sectext.buf + (m->ids.len ? 0 : 2));
        emit(m, rec, id, 1, registries);
        return TS_OK;
    }
    ids_reset(m);
    ids_add(m, id->key);
    for (i = 0; i < nsec; i++)
        ids_add(m, sec[i]);
    /* Countries of every record, numbers of every record. */
    {
        const char *v, *c;
        size_t n, pos = 0, clen, r, first = m->ncty, k;
        int sites;
        unsigned char *seen;

        sb_reset(&m->ctytext);
        /* The record's own countries, for now at the end of ctys[]. */
        country_field(rec, &v, &n, &sites);
        while (country_next(m->countries, v, n, sites, &pos, &c, &clen)) {
            size_t len;
            const char *name = country_canonical(m->countries, c, clen, &len);

            GROW(m->ctys, m->ncty, m->ctycap);
            m->ctys[m->ncty++] =
                (uint32_t)strmap_intern(m->cnames, name, len, NULL);
        }
        seen = xcalloc(strmap_count(m->cnames) + 1, 1);
        for (k = first; k < m->ncty; k++)
            cty_add(m, m->ctys[k], seen);
        m->ncty = first;
        for (r = 0; r < nroots; r++) {
            size_t nm = members(m, roots[r], &m->all);

            for (k = 0; k < nm; k++)
                add_member(m, &m->d[m->all[k]], seen, &registries,
                           &nrecords);
        }
        free(seen);
    }
    with = *rec;
    with.value[TS_COL_COUNTRIES] = sb_str(&m->ctytext);
    with.len[TS_COL_COUNTRIES] = m->ctytext.len;
    with.present[TS_COL_COUNTRIES] = 1;
    emit(m, &with, id, nrecords, registries);
    return TS_OK;
}

ts_status merge_add(void *ctx, const ts_record *rec, ts_error *err)
{
    ts_merge *m = ctx;
    ident id;

    m->records += parts_of(rec);
    identify(m, rec, &id);
    if (m->streaming && streamable(rec, rec->registry))
        return add_streamed(m, rec, &id, err);
    return add_deferred(m, rec, &id, err);
}

/* ---- the end: spooled trials, duplicates rows ---- */

/* Whether record a wins over record b as a trial's values. */
static int outranks(const ts_merge *m, uint32_t a, uint32_t b)
{
    return m->d[a].prec != m->d[b].prec ? m->d[a].prec < m->d[b].prec
                                        : a < b;
}

/* Hands over the trial whose chosen record x was just read back. */
static void emit_group(ts_merge *m, uint32_t x)
{
    uint32_t root = find(m, x);
    unsigned char *seen = xcalloc(strmap_count(m->cnames) + 1, 1);
    unsigned registries = 0;
    size_t nrecords = 0, i, k, nm = members(m, root, &m->all);
    ident id;
    dnode *r = &m->d[x];

    ids_reset(m);
    sb_reset(&m->ctytext);
    ids_add(m, r->key);
    for (i = 0; i < r->ncty; i++)
        cty_add(m, m->ctys[r->cty + i], seen);
    for (k = 0; k < nm; k++)
        add_member(m, &m->d[m->all[k]], seen, &registries, &nrecords);
    free(seen);
    memset(&id, 0, sizeof(id));
    id.reg = (ts_registry)r->reg;
    id.key = r->key;
    /* Countries as one list, whichever field they came from. */
    m->rec.value[TS_COL_COUNTRIES] = sb_str(&m->ctytext);
    m->rec.len[TS_COL_COUNTRIES] = m->ctytext.len;
    m->rec.present[TS_COL_COUNTRIES] = 1;
    emit(m, &m->rec, &id, nrecords, registries);
}

/* The text of record ref's identifier: as written when spooled, its
 * number (key) when streamed. */
static void ref_text(const ts_merge *m, uint32_t ref, uint64_t key,
                     ts_strbuf *sb)
{
    if (ref & REF_STREAMED)
        key_text(m, key, sb);
    else
        sb_puts(sb, m->text.buf + m->d[ref].raw);
}

static const char *field_name(const ts_merge *m, uint16_t f)
{
    return f ? strmap_key(m->fields, f) : "secondary ids";
}

/* "Other IDs of NCT01234567 lists 2015-001234-56" and the like. */
static uint32_t link_text(ts_merge *m, const idlink *l)
{
    ts_strbuf sb = {0}, k = {0};
    uint32_t off;

    key_text(m, l->key, &k);
    switch (l->kind) {
    case LINK_SAME:
        sb_printf(&sb, "same %s number as ", registry_name(KEY_REG(l->key)));
        ref_text(m, l->owner, l->owner_key, &sb);
        break;
    case LINK_LISTS:
        sb_printf(&sb, "%s of ", field_name(m, l->field));
        ref_text(m, l->owner, l->owner_key, &sb);
        sb_printf(&sb, " lists %s", sb_str(&k));
        break;
    case LINK_SHARED:
        sb_printf(&sb, "%s of ", field_name(m, l->field));
        ref_text(m, l->owner, l->owner_key, &sb);
        sb_printf(&sb, " and %s of ", field_name(m, l->field2));
        ref_text(m, l->other, l->other_key, &sb);
        sb_printf(&sb, " both list %s", sb_str(&k));
        break;
    default:
        break;
    }
    off = put_text(m, sb_str(&sb), sb.len);
    sb_free(&sb);
    sb_free(&k);
    return off;
}

static void add_row(ts_merge *m, uint32_t trial, uint32_t record,
                    ts_registry reg, uint32_t input, uint32_t line,
                    uint32_t linked, int used)
{
    struct duprow *r;

    GROW(m->rows, m->nrows, m->rowcap);
    r = &m->rows[m->nrows++];
    r->group = m->ngroups;
    r->trial = trial;
    r->record = record;
    r->reg = (uint8_t)reg;
    r->file = input;
    r->line = line;
    r->linked = linked;
    r->used = (uint8_t)used;
}

/* "Linked by" of the record the others of its group are linked to (it
 * links to nothing itself). */
#define ANCHOR_TEXT "the record the others are linked to"

static uint32_t anchor_text(ts_merge *m)
{
    if (!m->anchor)
        m->anchor = put_text(m, ANCHOR_TEXT, strlen(ANCHOR_TEXT));
    return m->anchor;
}

/* The rows of the second and later parts of record d (TS_COL_PARTS):
 * the same identifier, each part's line, and the rule its reader merged
 * them by. */
static void part_rows(ts_merge *m, const dnode *d, uint32_t trial, int used)
{
    ts_strbuf parts = {0}, l = {0};
    const char *p;
    int first = 1;

    /* A copy: put_text() may move the text the parts are in. */
    sb_puts(&parts, m->text.buf + d->parts_text);
    for (p = sb_str(&parts); *p;) {
        const char *end = strchr(p, '|');
        char *label;
        unsigned long line = strtoul(p, &label, 10);
        size_t n = end ? (size_t)(end - label) : strlen(label);

        while (n && *label == ' ') {
            label++;
            n--;
        }
        if (!first) {
            sb_reset(&l);
            sb_printf(&l, "same %s number, another block of the record",
                      registry_name((ts_registry)d->reg));
            if (n)
                sb_printf(&l, " (%.*s)", (int)n, label);
            sb_puts(&l, ", merged by the reader: the most active block's "
                        "status, every block's countries");
            add_row(m, trial, d->raw, (ts_registry)d->reg, d->input,
                    (uint32_t)line, put_text(m, sb_str(&l), l.len), used);
        }
        first = 0;
        if (!end)
            break;
        p = end + 1;
    }
    sb_free(&parts);
    sb_free(&l);
}

/* The rows of a spooled group's members, in reading order; a record of
 * several parts gives one row per part. */
static void member_rows(ts_merge *m, uint32_t root, uint32_t trial,
                        uint32_t used)
{
    size_t n = members(m, root, &m->all), i;

    for (i = 0; i < n; i++) {
        dnode *d = &m->d[m->all[i]];

        add_row(m, trial, d->raw, (ts_registry)d->reg, d->input, d->line,
                d->how.kind ? link_text(m, &d->how) : anchor_text(m),
                m->all[i] == used);
        if (d->parts > 1)
            part_rows(m, d, trial, m->all[i] == used);
    }
}

static int cmp_claim(const void *a, const void *b)
{
    const claim *x = a, *y = b;

    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return x->root < y->root ? -1 : x->root > y->root;
}

/* By streamed node, then in reading order (inputs are read one after
 * another, so input then line). */
static int cmp_join(const void *a, const void *b)
{
    const join *x = a, *y = b;

    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    if (x->input != y->input)
        return x->input < y->input ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static void build_rows(ts_merge *m)
{
    size_t c = 0, j = 0, i;

    /* Both by streamed node: a record read again joins any earlier
     * node, and records read late claim groups for earlier nodes. */
    for (i = 0; i < m->nclaims; i++)
        m->claims[i].root = find(m, m->claims[i].root);
    if (m->nclaims)
        qsort(m->claims, m->nclaims, sizeof(claim), cmp_claim);
    if (m->njoins)
        qsort(m->joins, m->njoins, sizeof(join), cmp_join);
    while (c < m->nclaims || j < m->njoins) {
        uint32_t s = c < m->nclaims ? m->claims[c].s : UINT32_MAX;
        uint64_t key = c < m->nclaims ? m->claims[c].key : 0;
        uint32_t trial;
        ts_strbuf t = {0};

        if (j < m->njoins && m->joins[j].s <= s) {
            s = m->joins[j].s;
            key = m->joins[j].key;
        }
        m->ngroups++;
        key_text(m, key, &t);
        trial = put_text(m, sb_str(&t), t.len);
        sb_free(&t);
        add_row(m, trial, trial, TS_REG_CTGOV, s_input(m, s), m->sline[s],
                anchor_text(m), 1);
        for (; j < m->njoins && m->joins[j].s == s; j++) {
            join *x = &m->joins[j];
            ts_strbuf l = {0};

            sb_printf(&l, "same %s number (the record is read again)",
                      registry_name((ts_registry)x->reg));
            add_row(m, trial, x->raw, (ts_registry)x->reg, x->input,
                    x->line, put_text(m, sb_str(&l), l.len), 0);
            sb_free(&l);
        }
        for (; c < m->nclaims && m->claims[c].s == s; c++)
            if (c == 0 || m->claims[c - 1].s != s ||
                m->claims[c - 1].root != m->claims[c].root)
                member_rows(m, m->claims[c].root, trial, NONE);
    }
    for (i = 0; i < m->nd; i++) {
        uint32_t r = find(m, (uint32_t)i);
        ts_strbuf t = {0};
        uint32_t trial;

        if (m->d[r].claim != NONE || m->d[r].rep != i ||
            (m->d[r].size < 2 && m->d[i].parts < 2))
            continue;
        m->ngroups++;
        key_text(m, m->d[i].key, &t);
        trial = t.len ? put_text(m, sb_str(&t), t.len) : m->d[i].raw;
        sb_free(&t);
        member_rows(m, r, trial, (uint32_t)i);
    }
}

ts_status merge_finish(ts_merge *m, ts_error *err)
{
    size_t i;
    ts_status rc = TS_OK;

    if (m->finished)
        return TS_OK;
    m->finished = 1;
    for (i = 0; i < m->nd; i++) {
        uint32_t r = find(m, (uint32_t)i);

        if (m->d[r].claim != NONE)
            continue;
        if (m->d[r].rep == NONE || outranks(m, (uint32_t)i, m->d[r].rep))
            m->d[r].rep = (uint32_t)i;
    }
    if (m->nd) {
        if (fflush(m->spool) != 0 || fseek(m->spool, 0, SEEK_SET) != 0)
            return ts_error_sys(err, TS_ERR_OUTPUT, errno, m->spool_path,
                                "cannot read the merge spool back");
        for (i = 0; i < m->nd && rc == TS_OK; i++) {
            uint32_t r = find(m, (uint32_t)i);

            rc = spool_read(m, err);
            if (rc == TS_OK && m->d[r].claim == NONE && m->d[r].rep == i)
                emit_group(m, (uint32_t)i);
        }
        /* The spool is no output: gone before the outputs are kept. */
        fclose(m->spool);
        unlink(m->spool_path);
        m->spool = NULL;
    }
    build_rows(m);
    return rc;
}

size_t merge_dup_rows(ts_merge *m)
{
    return m->nrows;
}

void merge_dup_row(ts_merge *m, size_t i, ts_dup_row *row)
{
    const struct duprow *r = &m->rows[i];

    row->group = r->group;
    row->trial_id = m->text.buf + r->trial;
    row->record_id = m->text.buf + r->record;
    row->registry = (ts_registry)r->reg;
    row->file = r->file < m->ninputs ? m->inputs[r->file] : "";
    row->line = r->line;
    row->linked_by = m->text.buf + r->linked;
    row->used = r->used;
}

size_t merge_groups(ts_merge *m)
{
    return m->ngroups;
}

const ts_merged *merge_one(const ts_record *rec, ts_merged_one *one)
{
    ts_trialid t;
    size_t pos = 0, n = 0, k;
    ts_registry reg = rec->registry;
    unsigned seen = 0;          /* registries with a number listed */

    memset(one, 0, sizeof(*one));
    if (trialid_parse(rec->value[TS_COL_ID], rec->len[TS_COL_ID], &t) ||
        (!rec->present[TS_COL_ID] &&
         trialid_parse(rec->value[TS_COL_URL], rec->len[TS_COL_URL], &t))) {
        reg = t.registry;
        snprintf(one->id, sizeof(one->id), "%s", t.id);
        snprintf(one->ids, sizeof(one->ids), "%s", t.id);
        if (reg == TS_REG_CTGOV)
            snprintf(one->nct, sizeof(one->nct), "%s", t.id);
    }
    while (n < 16 && trialid_next(rec->value[TS_COL_OTHER_IDS],
                                  rec->len[TS_COL_OTHER_IDS], &pos, &t)) {
        /* As merge_add(): one number per registry, the first listed. */
        if (t.registry == reg || strstr(one->ids, t.id) ||
            (seen & (1u << t.registry)))
            continue;
        seen |= 1u << t.registry;
        k = strlen(one->ids);
        snprintf(one->ids + k, sizeof(one->ids) - k, "%s%s", k ? "; " : "",
                 t.id);
        if (t.registry == TS_REG_CTGOV && !one->nct[0])
            snprintf(one->nct, sizeof(one->nct), "%s", t.id);
        n++;
    }
    one->trial.rec = rec;
    one->trial.registry = reg;
    one->trial.id = one->id;
    one->trial.nct = one->nct;
    one->trial.ids = one->ids;
    one->trial.nrecords = 1;
    one->trial.registries = 1u << (reg < TS_REG_COUNT ? reg : 0);
    return &one->trial;
}
