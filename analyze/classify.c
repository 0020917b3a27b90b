/*
 * classify.c - intervention text to substances and modalities (analyze
 * stage).
 */
#include "analyze/classify.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/xalloc.h"

/* ---- id sets ---- */

#define IDSET_LINEAR 16     /* up to this many ids, a scan is enough */

static size_t hash_id(size_t id)
{
    unsigned long long h = (unsigned long long)id * 0x9E3779B97F4A7C15ULL;

    return (size_t)(h >> 17);
}

static void idset_index(ts_idset *s)
{
    size_t i;

    if (s->nslot < s->n * 2) {
        size_t n = s->nslot ? s->nslot : 64;

        while (n < s->n * 2)
            n *= 2;
        free(s->slot);
        s->slot = xmalloc(n * sizeof(size_t));
        s->nslot = n;
    }
    memset(s->slot, 0, s->nslot * sizeof(size_t));
    for (i = 0; i < s->n; i++) {
        size_t k = hash_id(s->id[i]) & (s->nslot - 1);

        while (s->slot[k])
            k = (k + 1) & (s->nslot - 1);
        s->slot[k] = s->id[i] + 1;
    }
}

int idset_has(const ts_idset *s, size_t id)
{
    size_t i;

    if (s->n <= IDSET_LINEAR) {
        for (i = 0; i < s->n; i++)
            if (s->id[i] == id)
                return 1;
        return 0;
    }
    for (i = hash_id(id) & (s->nslot - 1); s->slot[i];
         i = (i + 1) & (s->nslot - 1))
        if (s->slot[i] == id + 1)
            return 1;
    return 0;
}

int idset_add(ts_idset *s, size_t id)
{
    if (idset_has(s, id))
        return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->id = xrealloc(s->id, s->cap * sizeof(size_t));
    }
    s->id[s->n++] = id;
    if (s->n > IDSET_LINEAR) {
        if (s->nslot < s->n * 2) {
            idset_index(s);
        } else {
            size_t k = hash_id(id) & (s->nslot - 1);

            if (s->n == IDSET_LINEAR + 1) {
                idset_index(s);
            } else {
                while (s->slot[k])
                    k = (k + 1) & (s->nslot - 1);
                s->slot[k] = id + 1;
            }
        }
    }
    return 1;
}

void idset_reset(ts_idset *s)
{
    s->n = 0;
}

void idset_free(ts_idset *s)
{
    free(s->id);
    free(s->slot);
    memset(s, 0, sizeof(*s));
}

/* ---- substances made for one trial (stems, rules) ---- */

typedef struct pool_sub {
    ts_substance pub;
    ts_strbuf name;
    ts_idset targets;
    ts_idset immuno;
} pool_sub;

struct ts_class_pool {
    pool_sub **sub;         /* owned, each owned; stable addresses */
    size_t n, cap;
    size_t *slot;           /* owned; names' hash index: index + 1 */
    size_t nslot;
    ts_idset seen;          /* the trial's substances, by address */
};

static size_t hash_text(const char *s, size_t n);

/* The slot of name in the pool's index: where it is, or the empty slot
 * where it would go. */
static size_t pool_slot(const ts_class_pool *p, const char *name, size_t n)
{
    size_t k = hash_text(name, n) & (p->nslot - 1);

    while (p->slot[k]) {
        const ts_strbuf *have = &p->sub[p->slot[k] - 1]->name;

        if (have->len == n && memcmp(have->buf, name, n) == 0)
            break;
        k = (k + 1) & (p->nslot - 1);
    }
    return k;
}

static void pool_reindex(ts_class_pool *p)
{
    size_t i, n = p->nslot ? p->nslot : 32;

    while (n < (p->n + 1) * 2)
        n *= 2;
    free(p->slot);
    p->slot = xcalloc(n, sizeof(size_t));
    p->nslot = n;
    for (i = 0; i < p->n; i++) {
        const ts_strbuf *name = &p->sub[i]->name;

        p->slot[pool_slot(p, name->buf, name->len)] = i + 1;
    }
}

/* Appends s[0..n) to b with ASCII letters lower-cased. */
static void sb_put_lower(ts_strbuf *b, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        sb_putc(b, s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a')
                                               : s[i]);
}

/* A fresh pooled substance with this name (lower-cased; not in the pool
 * yet). */
static pool_sub *pool_new(ts_class *c, const char *name, size_t n)
{
    ts_class_pool *p = c->pool;
    pool_sub *s;
    size_t i;

    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 8;
        p->sub = xrealloc(p->sub, p->cap * sizeof(pool_sub *));
        for (i = p->n; i < p->cap; i++)
            p->sub[i] = xcalloc(1, sizeof(pool_sub));
    }
    s = p->sub[p->n++];
    sb_reset(&s->name);
    sb_put_lower(&s->name, name, n);
    idset_reset(&s->targets);
    idset_reset(&s->immuno);
    memset(&s->pub, 0, sizeof(s->pub));
    s->pub.chemo = TS_CHEMO_NONE;
    s->pub.drug_class = TS_DRUG_CLASS_NONE;
    if (p->nslot < (p->n + 1) * 2)
        pool_reindex(p);
    else
        p->slot[pool_slot(p, s->name.buf, s->name.len)] = p->n;
    return s;
}

/* Makes the pooled substance's views current (after its sets grew). */
static const ts_substance *pool_done(pool_sub *s)
{
    s->pub.name = sb_str(&s->name);
    s->pub.targets = s->targets.id;
    s->pub.ntargets = s->targets.n;
    s->pub.immuno = s->immuno.id;
    s->pub.nimmuno = s->immuno.n;
    return &s->pub;
}

/* A pooled substance of this trial with this name (lower-case, as pooled
 * names are), or NULL. */
static const ts_substance *pool_find(ts_class *c, const char *name)
{
    ts_class_pool *p;
    size_t k;

    if (!c->pool)
        c->pool = xcalloc(1, sizeof(*c->pool));
    p = c->pool;
    if (!p->n)
        return NULL;
    k = p->slot[pool_slot(p, name, strlen(name))];
    return k ? &p->sub[k - 1]->pub : NULL;
}

static void pool_free(ts_class_pool *p)
{
    size_t i;

    if (!p)
        return;
    for (i = 0; i < p->cap; i++) {
        sb_free(&p->sub[i]->name);
        idset_free(&p->sub[i]->targets);
        idset_free(&p->sub[i]->immuno);
        free(p->sub[i]);
    }
    free(p->sub);
    free(p->slot);
    idset_free(&p->seen);
    free(p);
}

/* ---- the class ---- */

static void memo_free(ts_class_memo *m);

void classify_reset(ts_class *c)
{
    c->modalities = 0;
    c->chemo_classes = 0;
    c->nchemo = 0;
    c->nsubs = 0;
    idset_reset(&c->targets);
    idset_reset(&c->immuno);
    idset_reset(&c->ftargets);
    idset_reset(&c->primary);
    idset_reset(&c->classes);
    if (c->nunmatched && c->unmatched_slot)
        memset(c->unmatched_slot, 0, c->nunmatched_slot * sizeof(size_t));
    c->nunmatched = 0;
    sb_reset(&c->text);
    c->mentions = c->matched = c->inferred = c->placebo = 0;
    c->item_modalities = 0;
    c->rule_modalities = 0;
    c->unknown = 0;
    c->oncology = 0;
    sb_reset(&c->regimen);
    if (c->pool) {
        if (c->pool->n)
            memset(c->pool->slot, 0, c->pool->nslot * sizeof(size_t));
        c->pool->n = 0;
        idset_reset(&c->pool->seen);
    }
    c->nwhy = 0;
    sb_reset(&c->why_text);
}

void classify_free(ts_class *c)
{
    free(c->subs);
    idset_free(&c->targets);
    idset_free(&c->immuno);
    idset_free(&c->ftargets);
    idset_free(&c->primary);
    idset_free(&c->classes);
    free(c->unmatched_off);
    free(c->unmatched_key);
    free(c->unmatched_slot);
    sb_free(&c->text);
    sb_free(&c->regimen);
    pool_free(c->pool);
    strmap_free(c->near_miss);
    memo_free(c->memo);
    free(c->why);
    sb_free(&c->why_text);
    {
        int explain = c->explain;

        memset(c, 0, sizeof(*c));
        c->explain = explain;
    }
}

const char *classify_unmatched(const ts_class *c, size_t i)
{
    return c->text.buf + c->unmatched_off[i];
}

const char *classify_unmatched_key(const ts_class *c, size_t i)
{
    return c->text.buf + c->unmatched_key[i];
}

const char *classify_why_text(const ts_class *c, size_t off)
{
    return c->why_text.buf ? c->why_text.buf + off : "";
}

/* ---- explanations ---- */

/* Appends a why record; value, source and how are printf'ed into
 * why_text. Only called when c->explain. */
static void why_add(ts_class *c, const char *field, const char *value,
                    const char *file, unsigned long line, const char *how)
{
    ts_why *w;

    if (c->nwhy == c->capwhy) {
        c->capwhy = c->capwhy ? c->capwhy * 2 : 16;
        c->why = xrealloc(c->why, c->capwhy * sizeof(ts_why));
    }
    w = &c->why[c->nwhy++];
    w->field = field;
    w->value = c->why_text.len;
    sb_puts(&c->why_text, value);
    sb_putc(&c->why_text, '\0');
    w->source = c->why_text.len;
    if (file && line)
        sb_printf(&c->why_text, "%s:%lu", file, line);
    else
        sb_puts(&c->why_text, file ? file : "rule");
    sb_putc(&c->why_text, '\0');
    w->how = c->why_text.len;
    sb_puts(&c->why_text, how);
    sb_putc(&c->why_text, '\0');
}

/* How a substance was found, for --explain: what text matched and where
 * the name or rule that matched it is. */
typedef struct match_how {
    const char *what;       /* "the whole text", "a part", ... */
    const char *text;       /* the text that matched */
    size_t len;
    const ts_dict_hit *hit; /* the dictionary name, or NULL */
    const char *rule;       /* a rule's description, or NULL */
} match_how;

static void why_substance_how(ts_strbuf *how, const ts_substance *s,
                              const match_how *m)
{
    int n = (int)(m->len > 200 ? 200 : m->len);

    if (m->hit)
        sb_printf(how, "%s \"%.*s\" is %s \"%s\" (%s:%lu)", m->what, n,
                  m->text, m->hit->regimen ? "the regimen" : "a name of",
                  m->hit->regimen ? m->hit->regimen : s->name, m->hit->file,
                  m->hit->line);
    else if (m->rule)
        sb_printf(how, "%s \"%.*s\": %s", m->what, n, m->text, m->rule);
}

static void why_substance(ts_class *c, const ts_dict *d, const ts_substance *s,
                          const match_how *m)
{
    ts_strbuf how = {0};
    size_t i;
    char tag[160];

    if (m) {
        /* The text as it matched, without the spaces around it. */
        match_how t = *m;

        while (t.len && (t.text[0] == ' ' || t.text[0] == '\t'))
            t.text++, t.len--;
        while (t.len &&
               (t.text[t.len - 1] == ' ' || t.text[t.len - 1] == '\t'))
            t.len--;
        why_substance_how(&how, s, &t);
    }
    why_add(c, "substance", s->name, s->file, s->line, sb_str(&how));
    snprintf(tag, sizeof(tag), "of %s", s->name);
    why_add(c, "modality", dict_modality_key(s->modality), s->file, s->line,
            tag);
    if (s->chemo != TS_CHEMO_NONE)
        why_add(c, "chemo_class", dict_chemo_key(s->chemo), s->file,
                s->line, tag);
    if (s->drug_class != TS_DRUG_CLASS_NONE)
        why_add(c, "drug_class", dict_class(d, s->drug_class)->key,
                s->class_file, s->class_line, tag);
    for (i = 0; i < s->ntargets; i++)
        why_add(c, "targets", dict_target(d, s->targets[i])->symbol,
                s->file, s->line, tag);
    for (i = 0; i < s->nimmuno; i++)
        why_add(c, "immuno_targets", dict_target(d, s->immuno[i])->symbol,
                s->file, s->line, tag);
    sb_free(&how);
}

/* ---- matching ---- */

static const struct {
    const char *name;
    ts_itype type;
} itypes[] = {
    {"drug", TS_ITYPE_DRUG},
    {"biological", TS_ITYPE_BIOLOGICAL},
    {"radiation", TS_ITYPE_RADIATION},
    {"procedure", TS_ITYPE_PROCEDURE},
    {"procedure/surgery", TS_ITYPE_PROCEDURE},
    {"device", TS_ITYPE_DEVICE},
    {"genetic", TS_ITYPE_GENETIC},
    {"behavioral", TS_ITYPE_BEHAVIORAL},
    {"dietary supplement", TS_ITYPE_DIETARY},
    {"dietary_supplement", TS_ITYPE_DIETARY},
    {"diagnostic test", TS_ITYPE_DIAGNOSTIC},
    {"diagnostic_test", TS_ITYPE_DIAGNOSTIC},
    {"combination product", TS_ITYPE_COMBINATION},
    {"combination_product", TS_ITYPE_COMBINATION},
    {"other", TS_ITYPE_OTHER},
};

ts_itype classify_type(const char *text, size_t len, size_t *name_start)
{
    const char *colon = memchr(text, ':', len < 24 ? len : 24);
    size_t i, n;

    *name_start = 0;
    if (!colon)
        return TS_ITYPE_NONE;
    n = (size_t)(colon - text);
    for (i = 0; i < sizeof(itypes) / sizeof(itypes[0]); i++) {
        if (strlen(itypes[i].name) == n &&
            strncasecmp(itypes[i].name, text, n) == 0) {
            size_t s = n + 1;

            while (s < len && text[s] == ' ')
                s++;
            *name_start = s;
            return itypes[i].type;
        }
    }
    return TS_ITYPE_NONE;
}

static int drug_like(ts_itype t)
{
    return t == TS_ITYPE_NONE || t == TS_ITYPE_DRUG ||
           t == TS_ITYPE_BIOLOGICAL || t == TS_ITYPE_COMBINATION;
}

static void add_sub(ts_class *c, const ts_dict *d, const ts_substance *s,
                    const match_how *m)
{
    size_t i;
    int primary = 0;

    c->item_modalities |= 1u << s->modality;
    if (!c->pool)
        c->pool = xcalloc(1, sizeof(*c->pool));
    if (!idset_add(&c->pool->seen, (size_t)(uintptr_t)(const void *)s))
        return;
    if (c->nsubs == c->capsubs) {
        c->capsubs = c->capsubs ? c->capsubs * 2 : 16;
        c->subs = xrealloc(c->subs, c->capsubs * sizeof(*c->subs));
    }
    c->subs[c->nsubs++] = s;
    c->modalities |= 1u << s->modality;
    if (s->modality == TS_MOD_CHEMO) {
        c->nchemo++;
        if (s->chemo != TS_CHEMO_NONE)
            c->chemo_classes |= 1u << s->chemo;
    }
    if (s->drug_class != TS_DRUG_CLASS_NONE)
        idset_add(&c->classes, s->drug_class);
    for (i = 0; i < s->ntargets; i++) {
        size_t k;
        int immune = 0;

        idset_add(&c->targets, s->targets[i]);
        for (k = 0; k < s->nimmuno; k++)
            immune |= s->immuno[k] == s->targets[i];
        if (immune)
            continue;
        idset_add(&c->ftargets, s->targets[i]);
        if (!primary) {
            /* The first of the substance's panel F targets. */
            idset_add(&c->primary, s->targets[i]);
            primary = 1;
        }
    }
    for (i = 0; i < s->nimmuno; i++)
        idset_add(&c->immuno, s->immuno[i]);
    if (c->explain)
        why_substance(c, d, s, m);
}

/* Looks s[0..n) up as one name; adds and counts what it stands for. */
static size_t lookup_add(const ts_dict *d, const char *s, size_t n,
                         ts_class *c, const char *what)
{
    const ts_substance *small[16], **found = small;
    ts_dict_hit hit;
    size_t k = dict_lookup(d, s, n, found, 16, &hit), i;

    if (k > 16) {
        /* A regimen of more than 16 agents. */
        found = xmalloc(k * sizeof(*found));
        dict_lookup(d, s, n, found, k, &hit);
    }
    for (i = 0; i < k; i++) {
        match_how m = {what, s, n, &hit, NULL};

        add_sub(c, d, found[i], &m);
    }
    if (found != small)
        free(found);
    return k;
}

static size_t words_in(const char *s, size_t n);

/* A name no dictionary knows, but with an INN stem: each word of the
 * part, from the first, is tried; the first with a stem is taken as the
 * name. Only the first three words are tried, so prose does not count. */
static size_t match_stem(const ts_dict *d, const char *s, size_t n,
                         ts_class *c)
{
    size_t i = 0, words = 0;
    /* In prose (more than five words) only the first word is a name, as
     * for the word windows. */
    size_t most = words_in(s, n) > 5 ? 1 : 3;

    if (!dict_nstems(d))
        return 0;
    while (i < n && words < most) {
        char w[48];
        size_t a, k = 0;
        const ts_stem *st;

        while (i < n && !((s[i] >= 'a' && s[i] <= 'z') ||
                          (s[i] >= 'A' && s[i] <= 'Z') ||
                          (s[i] >= '0' && s[i] <= '9')))
            i++;
        if (i >= n)
            break;
        a = i;
        while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
                         (s[i] >= 'A' && s[i] <= 'Z') ||
                         (s[i] >= '0' && s[i] <= '9')) &&
               k < sizeof(w) - 1) {
            char ch = s[i++];

            w[k++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
        }
        while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
                         (s[i] >= 'A' && s[i] <= 'Z') ||
                         (s[i] >= '0' && s[i] <= '9')))
            i++, k = 0;     /* a word too long for a name */
        words++;
        w[k] = '\0';
        if (k < 6 || strspn(w, "abcdefghijklmnopqrstuvwxyz") != k)
            continue;
        st = dict_stem(d, w, k);
        if (st) {
            const ts_substance *have = pool_find(c, w);
            pool_sub *p;
            match_how m = {"the word", s + a, k, NULL, NULL};
            char rule[200];

            if (!have) {
                p = pool_new(c, w, k);
                p->pub.modality = st->modality;
                p->pub.chemo = st->chemo;
                p->pub.drug_class = st->drug_class;
                p->pub.inferred = st->stem;
                p->pub.file = st->file;
                p->pub.line = st->line;
                have = pool_done(p);
            }
            snprintf(rule, sizeof(rule),
                     "no dictionary name; it ends in the INN stem %s (%s), "
                     "which gives modality and class, never a target",
                     st->stem, st->meaning);
            m.rule = rule;
            add_sub(c, d, have, &m);
            if (c->explain)
                why_add(c, "inferred", st->stem, st->file, st->line, rule);
            return 1;
        }
    }
    return 0;
}

/* Whether a[0..an) is an abbreviation of b[0..bn): two to six letters
 * only, found in b in order, the first at the start of b. */
static int letters_of(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i, j = 0;

    while (an && a[0] == ' ')
        a++, an--;
    while (an && a[an - 1] == ' ')
        an--;
    while (bn && b[0] == ' ')
        b++, bn--;
    if (an < 2 || an > 6 || !bn || (a[0] | 0x20) != (b[0] | 0x20))
        return 0;
    for (i = 0; i < an; i++) {
        char ch = (char)(a[i] | 0x20);

        if (ch < 'a' || ch > 'z')
            return 0;
        while (j < bn && (b[j] | 0x20) != ch)
            j++;
        if (j++ >= bn)
            return 0;
    }
    return 1;
}

/* Whole name, then without parentheses, then (if inner) the
 * parenthesised part. */
static size_t match_simple(const ts_dict *d, const char *s, size_t n,
                           int inner, ts_class *c, const char *what)
{
    const char *open = memchr(s, '(', n);
    char small[512], *outer = small;
    size_t k, o = 0, i, depth = 0;

    k = lookup_add(d, s, n, c, what);
    if (k || !open)
        return k;
    if (n > sizeof(small))
        outer = xmalloc(n);
    for (i = 0; i < n; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth)
            depth--;
        else if (!depth)
            outer[o++] = s[i];
    }
    k = lookup_add(d, outer, o, c, "the text without its parentheses");
    if (outer != small)
        free(outer);
    if (inner) {
        const char *close = memchr(open, ')', (size_t)(s + n - open));
        const char *end = close ? close : s + n;

        /* "Interferon beta-1a (IFN)": the letters of the name the text
         * already named, not a name of its own. */
        if (!k || !letters_of(open + 1, (size_t)(end - open - 1), s,
                              (size_t)(open - s)))
            k += lookup_add(d, open + 1, (size_t)(end - open - 1), c,
                            "the part in parentheses");
    }
    return k;
}

static int is_word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9');
}

static int dose_word(const char *w, size_t n);

/* Whether w[0..n) is a word that makes the name before it a part of the
 * body's biology, not a medicine given ("Stimulator of Interferon Genes",
 * "insulin resistance", "cortisol levels"). */
static int biology_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "gene",       "genes",      "receptor",   "receptors", "pathway",
        "pathways",   "signaling",  "signalling", "level",     "levels",
        "expression", "resistance", "deficiency", "production", "secretion",
        "sensitivity", "response",  "responses",  "dependent", NULL,
    };
    char low[16];
    size_t i;

    if (n >= sizeof(low))
        return 0;
    for (i = 0; i < n; i++)
        low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] - 'A' + 'a' : w[i]);
    low[n] = '\0';
    for (i = 0; words[i]; i++)
        if (strcmp(low, words[i]) == 0)
            return 1;
    return 0;
}

/* Whether a run of words after the first words of a long part may be a
 * name: six letters or more, and no word the lookup would drop ("as a"
 * is not "ASA", "SSD 40" not "SSD", "of various doses of" not
 * "various"). */
static int later_run(const char *s, size_t n)
{
    ts_strbuf k1 = {0}, k2 = {0};
    size_t i, letters = 0, kept, all;

    for (i = 0; i < n; i++)
        letters += is_word_char(s[i]) != 0;
    if (letters < 6)
        return 0;
    kept = dict_key(s, n, 0, &k1);
    all = dict_key(s, n, 1, &k2);
    sb_free(&k1);
    sb_free(&k2);
    return kept > 0 && kept == all;
}

/* Runs of up to four words inside an unmatched part, longest first:
 * finds "doxorubicin" in "doxorubicin-based chemotherapy". A lone word
 * must have four or more letters, so abbreviations do not match by
 * accident inside prose. prose is 0 for a part (of more than five words,
 * only runs from its first word), 1 for a sentence of free text that says
 * a medicine is given, 2 for a part of a drug-typed text (every word may
 * start a run). */
static size_t match_windows(const ts_dict *d, const char *s, size_t n,
                            int prose, ts_class *c)
{
    size_t ws[32], we[32], nw = 0, i = 0, k = 0, w, first, starts;

    while (i < n && nw < 32) {
        while (i < n && !is_word_char(s[i]))
            i++;
        if (i >= n)
            break;
        ws[nw] = i;
        while (i < n && is_word_char(s[i]))
            i++;
        we[nw++] = i;
    }
    /* In a long text ("X is an antibody targeting Y ...") only the first
     * words are taken as a name; the rest is prose. Leading numbers
     * ("5000 Low molecular weight heparin therapy") start no name. */
    for (w = 0; w < nw && w + 1 < 32; w++) {
        size_t j = ws[w];

        while (j < we[w] && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j < we[w])
            break;
    }
    first = w;
    starts = nw > 5 && prose == 0 ? first + 1 : nw;
    for (w = 0; w < starts;) {
        size_t len, got = 0;

        /* In a sentence of free text that says a medicine is given
         * ("patients take X tablets"), every word may be a name: a lone
         * word of six letters or more (runs of words inside a sentence
         * meet class names such as "nasal preparations" by accident).
         * In a long part of a drug-typed text the first words are the
         * name as written; a later run of words or a lone word of six
         * letters or more may be one too ("Standard of care
         * administration of letrozole"). */
        int in_prose = nw > 5 && prose == 1 && w > 0;
        int later = nw > 5 && prose == 2 && w > first;

        for (len = in_prose ? 1 : nw - w < 4 ? nw - w : 4; len >= 1; len--) {
            size_t a = ws[w], b = we[w + len - 1];

            if (len == 1 && b - a < (in_prose || later ? 6u : 4u))
                break;
            if ((in_prose || later) && dose_word(s + a, b - a))
                break;
            if (later && (!later_run(s + a, b - a) ||
                          (w + len < nw &&
                           biology_word(s + ws[w + len],
                                        we[w + len] - ws[w + len]))))
                continue;
            got = lookup_add(d, s + a, b - a, c, "the words");
            if (got)
                break;
        }
        k += got;
        w += got ? len : 1;
    }
    return k;
}

static size_t words_in(const char *s, size_t n)
{
    size_t i = 0, w = 0;

    while (i < n) {
        while (i < n && !is_word_char(s[i]))
            i++;
        if (i < n)
            w++;
        while (i < n && is_word_char(s[i]))
            i++;
    }
    return w;
}

/* Where the separator at s[i] ends (0 if none): "+", "/", ",", ";", "&",
 * or one of the joining words between spaces. */
static size_t separator_at(const char *s, size_t n, size_t i)
{
    static const char *const words[] = {
        " and ",        " plus ",   " with ", " followed by ", " then ",
        " versus ",     " vs. ",    " vs ",   " or ",          " combined ",
        " in combination ",
    };
    size_t k;

    if (s[i] == '/') {
        /* "mg/kg", "ng/kg", "mg/m2" are units, not two names. */
        static const char *const units[] = {"mg", "ng", "mcg", "ug", "g",
                                            "ml", "iu", "units"};
        size_t b = i, k2;

        while (b > 0 && is_word_char(s[b - 1]))
            b--;
        /* A dose glued to its unit ("75mg/m2") is a unit too. */
        while (b < i && s[b] >= '0' && s[b] <= '9')
            b++;
        for (k2 = 0; k2 < sizeof(units) / sizeof(units[0]); k2++)
            if (strlen(units[k2]) == i - b &&
                strncasecmp(s + b, units[k2], i - b) == 0)
                return 0;
        return i + 1;
    }
    if (strchr("+,;&", s[i]))
        return i + 1;
    /* The full-width and ideographic forms of Chinese and Japanese
     * registries: "，" "；" "＋" "、". */
    if (i + 2 < n && (unsigned char)s[i] == 0xEF &&
        (unsigned char)s[i + 1] == 0xBC &&
        ((unsigned char)s[i + 2] == 0x8C || (unsigned char)s[i + 2] == 0x9B ||
         (unsigned char)s[i + 2] == 0x8B))
        return i + 3;
    if (i + 2 < n && (unsigned char)s[i] == 0xE3 &&
        (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x81)
        return i + 3;
    /* "Arm 1: X", "X: 200 mg bid"; not "10:30" or "1:1". */
    if (s[i] == ':')
        return i > 0 && i + 1 < n && s[i - 1] >= '0' && s[i - 1] <= '9' &&
                       s[i + 1] >= '0' && s[i + 1] <= '9'
                   ? 0
                   : i + 1;
    if (s[i] != ' ')
        return 0;
    for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        size_t m = strlen(words[k]);

        if (i + m <= n && strncasecmp(s + i, words[k], m) == 0)
            return i + m - 1;   /* keep the trailing space as text */
    }
    return 0;
}

/* Whether s[0..n) has a separator outside parentheses. */
static int splits_outside_parens(const char *s, size_t n)
{
    size_t i, depth = 0;

    for (i = 0; i < n; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth)
            depth--;
        else if (!depth && separator_at(s, n, i))
            return 1;
    }
    return 0;
}

static size_t hash_text(const char *s, size_t n)
{
    unsigned long long h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return (size_t)h;
}

/* The slot of key in the unmatched index: where it is, or the empty slot
 * where it would go. */
static size_t unmatched_slot(const ts_class *c, const char *key, size_t n)
{
    size_t k = hash_text(key, n) & (c->nunmatched_slot - 1);

    while (c->unmatched_slot[k]) {
        const char *have = c->text.buf + c->unmatched_key[c->unmatched_slot[k] - 1];

        if (strlen(have) == n && memcmp(have, key, n) == 0)
            break;
        k = (k + 1) & (c->nunmatched_slot - 1);
    }
    return k;
}

static void unmatched_reindex(ts_class *c)
{
    size_t i, n = c->nunmatched_slot ? c->nunmatched_slot : 64;

    while (n < (c->nunmatched + 1) * 2)
        n *= 2;
    free(c->unmatched_slot);
    c->unmatched_slot = xcalloc(n, sizeof(size_t));
    c->nunmatched_slot = n;
    for (i = 0; i < c->nunmatched; i++) {
        const char *key = c->text.buf + c->unmatched_key[i];

        c->unmatched_slot[unmatched_slot(c, key, strlen(key))] = i + 1;
    }
}

/* Adds an unmatched name s[0..n) with its lookup key, once per trial per
 * key. */
static void unmatched_put(ts_class *c, const char *s, size_t n,
                          const char *key, size_t nkey)
{
    size_t slot;

    if (c->nunmatched_slot < (c->nunmatched + 1) * 2)
        unmatched_reindex(c);
    slot = unmatched_slot(c, key, nkey);
    if (c->unmatched_slot[slot])
        return;
    if (c->nunmatched == c->capunmatched) {
        c->capunmatched = c->capunmatched ? c->capunmatched * 2 : 16;
        c->unmatched_off =
            xrealloc(c->unmatched_off, c->capunmatched * sizeof(size_t));
        c->unmatched_key =
            xrealloc(c->unmatched_key, c->capunmatched * sizeof(size_t));
    }
    c->unmatched_off[c->nunmatched] = c->text.len;
    sb_append(&c->text, s, n);
    sb_putc(&c->text, '\0');
    c->unmatched_key[c->nunmatched] = c->text.len;
    sb_append(&c->text, key, nkey);
    sb_putc(&c->text, '\0');
    c->unmatched_slot[slot] = ++c->nunmatched;
    if (c->explain) {
        ts_strbuf v = {0};

        sb_append(&v, s, n);
        why_add(c, "unmatched", sb_str(&v), "-", 0,
                "no dictionary name, rule or stem matched");
        sb_free(&v);
    }
}

static void note_unmatched(ts_class *c, const char *s, size_t n)
{
    ts_strbuf key = {0};

    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (dict_key(s, n, 0, &key))
        unmatched_put(c, s, n, key.buf, key.len);
    sb_free(&key);
}

/* ---- rules for wordings no dictionary lists ---- */

/* A word of a text: [A-Za-z0-9] with superscript digits read as digits
 * ("⁶⁸Ga"), lower-cased in low; upper: it had no lower-case letter. */
typedef struct tok {
    size_t a, b;            /* where it is in the text */
    char low[32];
    int upper;
} tok;

#define MAX_TOKS 24

/* The digit a superscript at s[i] stands for (its byte length in *n), or
 * -1. */
static int superscript(const unsigned char *s, size_t i, size_t n,
                       size_t *len)
{
    if (i + 1 < n && s[i] == 0xC2 &&
        (s[i + 1] == 0xB2 || s[i + 1] == 0xB3 || s[i + 1] == 0xB9)) {
        *len = 2;
        return s[i + 1] == 0xB9 ? 1 : s[i + 1] - 0xB2 + 2;
    }
    if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x81 &&
        (s[i + 2] == 0xB0 || (s[i + 2] >= 0xB4 && s[i + 2] <= 0xB9))) {
        *len = 3;
        return s[i + 2] == 0xB0 ? 0 : s[i + 2] - 0xB0;
    }
    return -1;
}

static size_t tokenize(const char *text, size_t n, tok *t, size_t max)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, nt = 0, len;

    while (i < n && nt < max) {
        tok *k = &t[nt];
        size_t m = 0;

        while (i < n && !is_word_char((char)s[i]) &&
               superscript(s, i, n, &len) < 0)
            i++;
        if (i >= n)
            break;
        k->a = i;
        k->upper = 1;
        for (;;) {
            int sup = i < n ? superscript(s, i, n, &len) : -1;
            char ch;

            if (sup >= 0) {
                ch = (char)('0' + sup);
                i += len;
            } else if (i < n && is_word_char((char)s[i])) {
                ch = (char)s[i++];
                if (ch >= 'a' && ch <= 'z')
                    k->upper = 0;
                else if (ch >= 'A' && ch <= 'Z')
                    ch = (char)(ch - 'A' + 'a');
            } else {
                break;
            }
            if (m < sizeof(k->low) - 1)
                k->low[m++] = ch;
        }
        k->low[m] = '\0';
        k->b = i;
        nt++;
    }
    return nt;
}

/* Whether a key is a short word ("ar", "met", "ace"): such an alias must
 * be written in capitals to count. */
static int short_word(const char *key)
{
    size_t n = strlen(key), i;

    for (i = 0; i < n; i++)
        if (key[i] < 'a' || key[i] > 'z')
            return 0;
    return n <= 3;
}

/* Targets named in tokens t[from..nt): runs of up to three tokens, the
 * longest first, looked up as antigen or target names (targets.tsv).
 * Adds their ids to out (once each) and returns how many tokens named
 * one; *line gets the first alias's targets.tsv line. */
static size_t find_targets(const ts_dict *d, const tok *t, size_t from,
                           size_t nt, ts_idset *out, unsigned long *line,
                           ts_strbuf *names)
{
    size_t i = from, hits = 0;

    while (i < nt) {
        size_t len, got = 0;

        for (len = nt - i < 3 ? nt - i : 3; len >= 1; len--) {
            char key[96];
            size_t k, o = 0, ids[16];
            int upper = 1;
            unsigned long l = 0;

            for (k = 0; k < len; k++) {
                size_t m = strlen(t[i + k].low);

                if (o + m >= sizeof(key))
                    break;
                memcpy(key + o, t[i + k].low, m);
                o += m;
                upper &= t[i + k].upper;
            }
            key[o] = '\0';
            if (k < len || (short_word(key) && !upper))
                continue;
            got = dict_alias(d, key, o, ids, 16, &l);
            if (got) {
                for (k = 0; k < got && k < 16; k++) {
                    if (idset_add(out, ids[k]) && names) {
                        if (names->len)
                            sb_putc(names, '/');
                        sb_puts(names, dict_target(d, ids[k])->symbol);
                    }
                }
                if (!*line)
                    *line = l;
                hits++;
                break;
            }
        }
        i += got ? len : 1;
    }
    return hits;
}

static int has(const char *low, const char *w)
{
    return strstr(low, w) != NULL;
}

/* Whether w starts a word of low. */
static int has_word(const char *low, const char *w)
{
    const char *p = low;
    size_t n = strlen(w);

    while ((p = strstr(p, w)) != NULL) {
        if ((p == low || !is_word_char(p[-1])) && !is_word_char(p[n]))
            return 1;
        p++;
    }
    return 0;
}

/* Whether w occurs in low at the start of a word. */
static int has_word_start(const char *low, const char *w)
{
    const char *p = low;

    while ((p = strstr(p, w)) != NULL) {
        if (p == low || !is_word_char(p[-1]))
            return 1;
        p++;
    }
    return 0;
}

/* Lower-cased copy of s[0..n), cut at cap - 1 bytes. */
static void lower_copy(const char *s, size_t n, char *out, size_t cap)
{
    size_t i;

    for (i = 0; i < n && i + 1 < cap; i++)
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    out[i] = '\0';
}

/* Adds a substance a rule made: name, modality, class key (or NULL), the
 * targets in ids (immune ones also as immuno when immuno_too). */
static void add_made(ts_class *c, const ts_dict *d, const char *name,
                     ts_modality mod, const char *cls, const ts_idset *ids,
                     int immuno_too, const char *s, size_t n,
                     const char *rule, const char *file, unsigned long line)
{
    ts_strbuf low = {0};
    const ts_substance *have;
    match_how m = {"the text", s, n, NULL, rule};
    size_t i;

    /* Rules name what they make in any case ("CAR-NK cells"); pooled
     * names are lower-case, so two texts making one name make one
     * substance. */
    sb_put_lower(&low, name, strlen(name));
    have = pool_find(c, sb_str(&low));
    sb_free(&low);
    if (!have) {
        pool_sub *p = pool_new(c, name, strlen(name));

        p->pub.modality = mod;
        if (cls)
            p->pub.drug_class = dict_class_by_key(d, cls);
        for (i = 0; ids && i < ids->n; i++) {
            idset_add(&p->targets, ids->id[i]);
            if (immuno_too)
                idset_add(&p->immuno, ids->id[i]);
        }
        p->pub.file = file ? file : "rule";
        p->pub.line = line;
        have = pool_done(p);
    }
    add_sub(c, d, have, &m);
}

/* Whether pair is an isotope's name written mass first: "90yttrium" for
 * "yttrium90", "99mtechnetium" for "technetium99m". */
static int mass_first(const char *pair, const char *named)
{
    size_t a = strcspn(named, "0123456789");
    size_t m = strlen(named) - a;

    return strlen(pair) == a + m && strncmp(pair, named + a, m) == 0 &&
           strncmp(pair + m, named, a) == 0;
}

/* An isotope as it may be written: "68ga", "ga68", "gallium68". */
typedef struct isotope {
    const char *iso, *alt, *named;
    int therapy;
} isotope;

/* Whether token w is the isotope's element, by symbol ("ga", "lu") or
 * name ("gallium"), as "[68Ga]Ga-FAPI-04" and "Lutetium (177Lu)" repeat
 * it. */
static int element_word(const isotope *iso, const char *w)
{
    size_t sym = strcspn(iso->alt, "0123456789");
    size_t name = strcspn(iso->named, "0123456789");

    return (strlen(w) == sym && strncmp(w, iso->alt, sym) == 0) ||
           (strlen(w) == name && strncmp(w, iso->named, name) == 0);
}

/* Whether a dictionary substance may be the radiolabelled agent a text
 * names: a radiopharmaceutical of the isotope's kind (diagnostic or
 * therapeutic), so "177Lu-DOTATOC" is not the diagnostic 68Ga tracer. */
static int radio_kind(const ts_substance *sub, int therapy)
{
    return sub->modality == (therapy ? TS_MOD_RADIO : TS_MOD_DIAGNOSTIC);
}

/* Whether the substance's name names this isotope ("technetium tc 99m
 * sestamibi" names 99mTc) or none ("edotreotide"): then the vector alone
 * may find it. */
static int names_isotope(const ts_substance *sub, const isotope *iso)
{
    ts_strbuf key = {0};
    const char *n = sub->name;
    int ok = strpbrk(n, "0123456789") == NULL;

    if (!ok) {
        dict_key(n, strlen(n), 1, &key);
        ok = strstr(sb_str(&key), iso->alt) != NULL ||
             strstr(sb_str(&key), iso->iso) != NULL;
        sb_free(&key);
    }
    return ok;
}

/* Whether a substance is a monoclonal antibody: its first word is an INN
 * ending in "-mab" ("girentuximab", "trastuzumab deruxtecan"). */
static int antibody_name(const ts_substance *sub)
{
    size_t w = strcspn(sub->name, " ");

    return w > 5 && strncmp(sub->name + w - 3, "mab", 3) == 0;
}

static int word_in(const char *w, size_t n, const char *const *list);

/* Chelators written between an isotope and its vector. */
static const char *const chelators[] = {"dota", "dfo", "df", "nota",
                                        "nodaga", "dtpa", "chx",
                                        "tcmc", "hynic", "sar", NULL};

/* The dictionary's radiopharmaceutical a radiolabelled text names, read
 * by its vector (the words beside the isotope) and the isotope in the
 * spellings dictionaries use: "99mTc-MDP bone scan" is "Tc-99m MDP",
 * "[18F]fluoroestradiol" "fluoroestradiol F 18", "Zr-89 girentuximab PET"
 * "zirconium Zr 89 girentuximab", "99mTc-sestamibi" sestamibi. The
 * longest run of vector words from the first one that names one wins,
 * so words after the name ("bone", "renal", "myocardial perfusion") do
 * not hide it; a run ends between words, never inside "PSMA-617". Adds
 * it and returns 1; 0 when none does. With none, a monoclonal antibody
 * the vector names (after a chelator: "64Cu-DOTA-trastuzumab") adds its
 * targets to ids: the labelled antibody binds what the antibody binds
 * ("89Zr-atezolizumab" PD-L1). */
static int radiolabel_vector(const ts_dict *d, const char *s, size_t n,
                             const tok *t, size_t first, size_t nt,
                             size_t hit, size_t hend, const isotope *iso,
                             ts_class *c, ts_idset *ids)
{
    const char *elem_end = iso->named + strcspn(iso->named, "0123456789");
    int elem = (int)(elem_end - iso->named);
    size_t from, to, b0 = first, b1 = hit, k;
    int antibody = 0;

    /* The vector after the isotope, without the element repeated. */
    from = hend;
    while (from < nt && element_word(iso, t[from].low))
        from++;
    /* Before it ("Fluciclovine F18", "Gallium citrate Ga-67"), without
     * the element's name or symbol. */
    while (b0 < b1 && element_word(iso, t[b0].low))
        b0++;
    while (b1 > b0 && element_word(iso, t[b1 - 1].low))
        b1--;
    for (to = nt; to > from || (to == from && b1 > b0); to--) {
        const char *v;
        int vn;
        size_t form;

        /* A run ends between words, not inside one written with a
         * hyphen ("PSMA-617" is not "PSMA"). */
        if (to > from && to < nt && t[to - 1].b < n &&
            s[t[to - 1].b] != ' ' && s[t[to - 1].b] != '/' &&
            s[t[to - 1].b] != ',' && s[t[to - 1].b] != '(')
            continue;
        if (to > from) {
            v = s + t[from].a;
            vn = (int)(t[to - 1].b - t[from].a);
        } else {
            /* Last: the words before the isotope. */
            v = s + t[b0].a;
            vn = (int)(t[b1 - 1].b - t[b0].a);
        }
        for (form = 0; form < 6; form++) {
            char buf[256];
            const ts_substance *out[2];
            ts_dict_hit where;
            size_t got;

            switch (form) {
            case 0:
                snprintf(buf, sizeof(buf), "%s %.*s", iso->iso, vn, v);
                break;
            case 1:
                snprintf(buf, sizeof(buf), "%s %.*s", iso->alt, vn, v);
                break;
            case 2:
                snprintf(buf, sizeof(buf), "%.*s %s", vn, v, iso->alt);
                break;
            case 3:
                snprintf(buf, sizeof(buf), "%.*s %s %.*s", elem,
                         iso->named, iso->alt, vn, v);
                break;
            case 4:
                snprintf(buf, sizeof(buf), "%.*s %.*s", elem, iso->named,
                         vn, v);
                break;
            default:
                snprintf(buf, sizeof(buf), "%.*s", vn, v);
                break;
            }
            got = dict_lookup(d, buf, strlen(buf), out, 2, &where);
            if (got != 1 || where.regimen)
                continue;
            if (radio_kind(out[0], iso->therapy) &&
                (form < 5 || names_isotope(out[0], iso))) {
                match_how m = {"the radiolabelled text", s, n, &where,
                               NULL};

                add_sub(c, d, out[0], &m);
                return 1;
            }
            if (form == 5 && !antibody && antibody_name(out[0])) {
                for (k = 0; k < out[0]->ntargets; k++)
                    idset_add(ids, out[0]->targets[k]);
                antibody = 1;
            }
        }
        if (to == from)
            break;
    }
    /* A chelator between the isotope and the antibody
     * ("64Cu-DOTA-trastuzumab", "89Zr-DFO-durvalumab"). */
    k = from;
    while (!antibody && k < nt && word_in(t[k].low, strlen(t[k].low),
                                          chelators))
        k++;
    if (!antibody && k > from && k < nt) {
        const ts_substance *out[2];
        size_t got = dict_lookup(d, s + t[k].a, t[k].b - t[k].a, out, 2,
                                 NULL);

        if (got == 1 && antibody_name(out[0]))
            for (to = 0; to < out[0]->ntargets; to++)
                idset_add(ids, out[0]->targets[to]);
    }
    return 0;
}

/* The first token from token from on that is an isotope, alone ("68Ga",
 * "F18") or with the next ("Ga 68", "gallium-68", "90-Yttrium"): its
 * index (nt if none), *end the token after it and *iso the isotope. */
static size_t find_isotope(const isotope *isotopes, size_t niso,
                           const tok *t, size_t nt, size_t from,
                           size_t *end, const isotope **iso)
{
    size_t i, j, k;

    for (i = from; i < nt; i++) {
        char pair[72];
        int one = 0;

        for (j = 0; t[i].low[j]; j++)
            one |= t[i].low[j] >= '0' && t[i].low[j] <= '9';
        if (i + 1 < nt)
            snprintf(pair, sizeof(pair), "%s%s", t[i].low, t[i + 1].low);
        else
            pair[0] = '\0';
        for (k = 0; k < niso; k++) {
            *iso = &isotopes[k];
            if (one && (strcmp(t[i].low, isotopes[k].iso) == 0 ||
                        strcmp(t[i].low, isotopes[k].alt) == 0)) {
                *end = i + 1;
                return i;
            }
            if (pair[0] && (strcmp(pair, isotopes[k].iso) == 0 ||
                            strcmp(pair, isotopes[k].alt) == 0 ||
                            strcmp(pair, isotopes[k].named) == 0 ||
                            mass_first(pair, isotopes[k].named))) {
                *end = i + 2;  /* the pair is one isotope: "Ga 68" */
                return i;
            }
        }
    }
    return nt;
}

/* Words between two radiolabelled agents of one text. */
static const char *const between_agents[] = {
    "and", "or", "with", "plus", "vs", "versus", "then", "followed", "by",
    "to", "after", "before", "compared", "pet", "ct", "mri", "mr", "spect",
    "scan", "scans", "imaging", "scintigraphy", NULL};

/* How many parentheses are open at s[at]. */
static size_t paren_depth(const char *s, size_t at)
{
    size_t i, depth = 0;

    for (i = 0; i < at; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth)
            depth--;
    }
    return depth;
}

/* One radiolabelled agent, tokens t[first..last) with its isotope at
 * t[hit..hend): the dictionary's (radiolabel_vector), else one named by
 * its words from t[named] on. */
static void radiolabel_one(const ts_dict *d, const char *s, size_t n,
                           const tok *t, size_t first, size_t named,
                           size_t last, size_t hit, size_t hend,
                           const isotope *iso, ts_class *c)
{
    ts_idset ids = {0};
    unsigned long line = 0;
    char name[200], rule[160];
    size_t o = 0, i;
    int therapy = iso->therapy;

    if (radiolabel_vector(d, s, n, t, first, last, hit, hend, iso, c,
                          &ids)) {
        idset_free(&ids);
        return;
    }
    find_targets(d, t, named, last, &ids, &line, NULL);
    /* The name: the agent's words, lower-case, joined by "-". */
    for (i = named; i < last && o + 34 < sizeof(name); i++)
        o += (size_t)snprintf(name + o, sizeof(name) - o, "%s%s",
                              i > named ? "-" : "", t[i].low);
    snprintf(rule, sizeof(rule), "radiolabelled: a %s isotope%s",
             therapy ? "therapeutic" : "diagnostic",
             ids.n ? "; the targets its vector names" : "");
    add_made(c, d, name, therapy ? TS_MOD_RADIO : TS_MOD_DIAGNOSTIC,
             therapy ? "therapeutic_radiopharmaceuticals"
                     : "diagnostic_radiopharmaceuticals",
             &ids, 0, s, n, rule, line ? dict_source_path(d, 0) : NULL,
             line);
    idset_free(&ids);
}

/* Radiolabelled agents: an isotope ("68Ga", "⁶⁸Ga", "[18F]", "Ga-68",
 * "gallium-68", "177Lu") makes a radiopharmaceutical, diagnostic or
 * therapeutic by the isotope: the dictionary's when the vector and the
 * isotope name one (radiolabel_vector), else one named by the text with
 * the targets its vector names (PSMA -> FOLH1, DOTATATE -> SSTR2, FAPI ->
 * FAP: aliases in targets.tsv). Each isotope outside parentheses starts
 * an agent of its own (radiolabel_one). */
static int rule_radiolabel(const ts_dict *d, const char *s, size_t n,
                           ts_class *c)
{
    static const isotope isotopes[] = {
        {"68ga", "ga68", "gallium68", 0},     {"18f", "f18", "fluorine18", 0},
        {"11c", "c11", "carbon11", 0},        {"99mtc", "tc99m", "technetium99m", 0},
        {"111in", "in111", "indium111", 0},   {"89zr", "zr89", "zirconium89", 0},
        {"64cu", "cu64", "copper64", 0},      {"123i", "i123", "iodine123", 0},
        {"124i", "i124", "iodine124", 0},     {"13n", "n13", "nitrogen13", 0},
        {"15o", "o15", "oxygen15", 0},        {"82rb", "rb82", "rubidium82", 0},
        {"67ga", "ga67", "gallium67", 0},     {"201tl", "tl201", "thallium201", 0},
        {"133xe", "xe133", "xenon133", 0},    {"51cr", "cr51", "chromium51", 0},
        {"177lu", "lu177", "lutetium177", 1}, {"131i", "i131", "iodine131", 1},
        {"225ac", "ac225", "actinium225", 1}, {"90y", "y90", "yttrium90", 1},
        {"223ra", "ra223", "radium223", 1},   {"212pb", "pb212", "lead212", 1},
        {"227th", "th227", "thorium227", 1},  {"211at", "at211", "astatine211", 1},
        {"161tb", "tb161", "terbium161", 1},  {"166ho", "ho166", "holmium166", 1},
        {"153sm", "sm153", "samarium153", 1}, {"89sr", "sr89", "strontium89", 1},
        {"67cu", "cu67", "copper67", 1},      {"213bi", "bi213", "bismuth213", 1},
        {"186re", "re186", "rhenium186", 1},  {"188re", "re188", "rhenium188", 1},
    };
    tok t[MAX_TOKS];
    size_t nt, j, from, end = 0, np = 0, pos[8], ends[8];
    const isotope *found = NULL, *isos[8];
    int digit = 0;

    /* An isotope has a mass number: no digit, no isotope (most texts). */
    for (j = 0; j < n && !digit; j++)
        digit = (s[j] >= '0' && s[j] <= '9') ||
                (unsigned char)s[j] == 0xC2 || (unsigned char)s[j] == 0xE2;
    if (!digit)
        return 0;
    nt = tokenize(s, n, t, MAX_TOKS);
    /* Every isotope; one inside parentheses after the first names the
     * same agent again ("[11C]MeNER ([11C]MRB)"). */
    for (from = 0; np < sizeof(pos) / sizeof(pos[0]); from = end) {
        size_t at = find_isotope(isotopes,
                                 sizeof(isotopes) / sizeof(isotopes[0]), t,
                                 nt, from, &end, &found);

        if (at == nt)
            break;
        if (np && paren_depth(s, t[at].a))
            continue;
        pos[np] = at;
        ends[np] = end;
        isos[np++] = found;
    }
    if (!np)
        return 0;
    /* Each agent from its isotope to the next one ("18F-FDG and
     * 68Ga-FAPI", "PET-MRI with [18F]-Florbetaben and PET-MRI with
     * [18F]-DPA-714"), without the joining and imaging words between. */
    for (j = 0; j < np; j++) {
        size_t last = j + 1 < np ? pos[j + 1] : nt;

        while (j + 1 < np && last > ends[j] &&
               (word_in(t[last - 1].low, strlen(t[last - 1].low),
                        between_agents) ||
                element_word(isos[j + 1], t[last - 1].low)))
            last--;
        /* Of several, each is named from its isotope on ("PET with
         * 11C-X or PET with 64Cu-Y"); one alone by all its words. */
        radiolabel_one(d, s, n, t, j ? pos[j] : 0, np > 1 ? pos[j] : 0,
                       last, pos[j], ends[j], isos[j], c);
    }
    return 1;
}

/* Generic wordings of oncology agents: CAR-T cells and T-cell engagers
 * with their antigens, antibody-drug conjugates, "anti-X antibody", "X
 * inhibitor", "PD-1 inhibitor": the modality, and the HGNC symbol of each
 * antigen or target named. */
static int rule_generic(const ts_dict *d, const char *s, size_t n,
                        ts_class *c)
{
    char low[256], name[160];
    tok t[MAX_TOKS];
    size_t nt, i;
    ts_idset ids = {0};
    ts_strbuf syms = {0};
    unsigned long line = 0;
    int kind = 0, immune = 0, hormone = 0;
    const char *what = NULL, *cls = NULL;
    ts_modality mod = TS_MOD_TARGETED;

    enum { CAR = 1, TCR, ENGAGER, ADC, AGENT, CHECKPOINT };
    lower_copy(s, n, low, sizeof(low));
    nt = tokenize(s, n, t, MAX_TOKS);
    if (nt > 10)
        return 0;   /* prose, not a name */
    if (has(low, "car-t") || has(low, "car t") || has_word(low, "cart") ||
        has(low, "chimeric antigen receptor") || has(low, "car-nk") ||
        has(low, "car nk"))
        kind = CAR;
    else if (has(low, "tcr-t") || has(low, "tcr t") ||
             has(low, "t cell receptor") || has(low, "t-cell receptor"))
        kind = TCR;
    else if (has(low, "bispecific") || has(low, "bi-specific") ||
             has(low, "engager") || has_word(low, "bite") ||
             has(low, "xcd3") || has(low, " x cd3") || has(low, "x-cd3") ||
             has(low, "\xc3\x97") /* U+00D7 multiplication sign */)
        kind = ENGAGER;
    else if (has(low, "antibody-drug conjugate") ||
             has(low, "antibody drug conjugate") || has_word(low, "adc"))
        kind = ADC;
    else if (has(low, "checkpoint inhibitor") ||
             has(low, "checkpoint blockade"))
        kind = CHECKPOINT;
    else if (has_word(low, "anti") || has(low, "inhibitor") ||
             has(low, "antagonist") || has(low, "blocker") ||
             has(low, "blockade") || has(low, "antibod") ||
             has(low, "directed") || has(low, "targeted") ||
             has(low, "targeting") || has(low, "monoclonal") ||
             has_word(low, "mab") ||
             has(low, "agonist") || has(low, "degrader"))
        kind = AGENT;
    if (!kind)
        return 0;
    find_targets(d, t, 0, nt, &ids, &line, &syms);
    if (kind == ENGAGER && ids.n) {
        /* "X x CD3": the CD3 arm is CD3E. */
        const ts_target *cd3 = dict_target_by_symbol(d, "CD3E");

        if (cd3 && (has(low, "cd3") || has(low, "t-cell engager") ||
                    has(low, "t cell engager") || has_word(low, "bite")))
            for (i = 0; i < dict_ntargets(d); i++)
                if (dict_target(d, i) == cd3)
                    idset_add(&ids, i);
    }
    for (i = 0; i < ids.n; i++) {
        const ts_target *tg = dict_target(d, ids.id[i]);
        static const char *const immunotherapy_families[] = {
            "checkpoint",       "co-stimulatory receptor", "B-cell antigen",
            "plasma-cell antigen", "lymphoid antigen",     "myeloid antigen",
            "myeloid checkpoint", "T-cell engager",        "TLR",
            "cereblon",
        };
        size_t f;

        for (f = 0; f < sizeof(immunotherapy_families) / sizeof(char *); f++)
            immune |= strcmp(tg->family, immunotherapy_families[f]) == 0;
        hormone |= strcmp(tg->family, "hormone receptor") == 0 ||
                   strcmp(tg->family, "steroidogenesis") == 0 ||
                   strcmp(tg->family, "GnRH receptor") == 0;
        /* Immunology and neurology targets: a medicine, not an oncology
         * modality, with the class its target implies. */
        if (strcmp(tg->family, "interleukin") == 0)
            cls = "interleukin_inhibitors";
        else if (strcmp(tg->family, "TNF") == 0)
            cls = "tnf_inhibitors";
        else if (strcmp(tg->family, "integrin") == 0 ||
                 strcmp(tg->family, "S1P receptor") == 0)
            cls = "immunosuppressants";
        else if (strcmp(tg->family, "neuropeptide") == 0 ||
                 strcmp(tg->family, "neuropeptide receptor") == 0)
            cls = "antimigraine";
        else if (strcmp(tg->family, "amyloid") == 0 ||
                 strcmp(tg->family, "tau") == 0)
            cls = "anti_dementia";
        else if (strcmp(tg->family, "incretin receptor") == 0)
            cls = "antidiabetics";
    }
    switch (kind) {
    case CAR:
        mod = TS_MOD_CELL_GENE;
        what = has(low, "nk") ? "CAR-NK cells" : "CAR-T cells";
        break;
    case TCR:
        mod = TS_MOD_CELL_GENE;
        what = "TCR-T cells";
        break;
    case ENGAGER:
        mod = TS_MOD_IMMUNO;
        what = "T-cell engager";
        break;
    case ADC:
        mod = TS_MOD_TARGETED;
        what = "antibody-drug conjugate";
        break;
    case CHECKPOINT:
        mod = TS_MOD_IMMUNO;
        what = "checkpoint inhibitor";
        break;
    default:
        if (!ids.n) {
            idset_free(&ids);
            sb_free(&syms);
            return 0;   /* "X inhibitor" naming no known target */
        }
        mod = hormone  ? TS_MOD_HORMONAL
              : immune ? TS_MOD_IMMUNO
              : cls    ? TS_MOD_DRUG
                       : TS_MOD_TARGETED;
        what = "agent";
        break;
    }
    if (kind == AGENT)
        snprintf(name, sizeof(name), "anti-%s agent", sb_str(&syms));
    else if (syms.len)
        snprintf(name, sizeof(name), "%s %s", sb_str(&syms), what);
    else
        snprintf(name, sizeof(name), "%s", what);
    {
        char rule[200];

        snprintf(rule, sizeof(rule), "generic wording (%s)%s", what,
                 ids.n ? "; antigens and targets by their names in "
                         "targets.tsv"
                       : "; no antigen named");
        add_made(c, d, name, mod, mod == TS_MOD_DRUG ? cls : NULL, &ids,
                 mod == TS_MOD_IMMUNO || mod == TS_MOD_CELL_GENE, s, n, rule,
                 line ? dict_source_path(d, 0) : NULL, line);
    }
    idset_free(&ids);
    sb_free(&syms);
    return 1;
}

/*
 * What kind of product a drug or biological is, when the text names a kind
 * and no dictionary substance: vaccines and toxoids; convalescent plasma,
 * antisera and immunoglobulins; plasma; cell therapies (stem, stromal,
 * mononuclear, dendritic, T and NK cells, their vesicles); gene therapies;
 * and wordings that name a therapeutic class ("antibiotics", "PDE5
 * inhibitor", "antiepileptic drugs"). Each becomes a substance of that
 * kind with its modality and class and never a target: the product is
 * named only by its kind. Only for texts of a drug-like registry type.
 */
static int rule_kind(const ts_dict *d, const char *s, size_t n, ts_class *c)
{
    static const struct {
        const char *word;       /* a whole word, or a prefix ending '*' */
        const char *name;
        const char *cls;
    } class_words[] = {
        {"antibiotic*", "antibiotic", "antibacterials"},
        {"antibacterial*", "antibiotic", "antibacterials"},
        {"antiviral*", "antiviral", "antivirals"},
        {"antifungal*", "antifungal", "antimycotics"},
        {"antiretroviral*", "antiretroviral therapy", "antivirals"},
        {"corticosteroid*", "corticosteroid", "corticosteroids"},
        {"glucocorticoid*", "corticosteroid", "corticosteroids"},
        {"antiepileptic*", "antiepileptic", "antiepileptics"},
        {"anticonvulsant*", "antiepileptic", "antiepileptics"},
        {"aed", "antiepileptic", "antiepileptics"},
        {"aeds", "antiepileptic", "antiepileptics"},
        {"antidepressant*", "antidepressant", "antidepressants"},
        {"antipsychotic*", "antipsychotic", "antipsychotics"},
        {"opioid*", "opioid", "opioids"},
        {"nsaid*", "NSAID", "antiinflammatory"},
        {"antihypertensive*", "antihypertensive", "antihypertensives"},
        {"statin", "statin", "lipid_modifying"},
        {"statins", "statin", "lipid_modifying"},
        {"antihistamine*", "antihistamine", "antihistamines"},
        {"anticoagula*", "anticoagulant", "antithrombotics"},
        {"antiplatelet*", "antiplatelet agent", "antithrombotics"},
        {"bisphosphonate*", "bisphosphonate", "bone"},
        {"triptan*", "triptan", "antimigraine"},
        {"pde5i", "PDE5 inhibitor", "urologicals"},
        {"pde5", "PDE5 inhibitor", "urologicals"},
        {"pde-5", "PDE5 inhibitor", "urologicals"},
        {"anticholinergic*", "anticholinergic", NULL},
        {"immunosuppress*", "immunosuppressant", "immunosuppressants"},
        {"antimalarial*", "antimalarial", "antiprotozoals"},
        {"anthelmint*", "anthelmintic", "anthelmintics"},
        {"laxative*", "laxative", "laxatives"},
        {"antiemetic*", "antiemetic", "antiemetics"},
        {"diuretic*", "diuretic", "diuretics"},
    };
    char low[256];
    const char *name = NULL, *cls = NULL, *why = NULL, *dict_name = NULL;
    ts_modality mod = TS_MOD_DRUG;
    size_t i;

    lower_copy(s, n, low, sizeof(low));
    if (words_in(s, n) > 16)
        return 0;   /* prose, not a name */
    if (has(low, "vaccin") || has_word(low, "toxoid") ||
        has_word(low, "bcg")) {
        int cancer = has(low, "tumo") || has(low, "cancer") ||
                     has(low, "neoantigen") || has(low, "dendritic") ||
                     has(low, "lymphoma") || has(low, "leuk") ||
                     has(low, "melanoma") || has(low, "carcinoma");

        name = cancer ? "cancer vaccine" : "vaccine";
        cls = cancer ? NULL : "vaccines";
        mod = cancer ? TS_MOD_IMMUNO : TS_MOD_DRUG;
        why = "a vaccine or toxoid";
    } else if (has(low, "convalescent") || has(low, "hyperimmune") ||
               has(low, "antiserum") || has(low, "antisera") ||
               has(low, "immune serum") ||
               (has_word(low, "plasma") && has_word(low, "anti"))) {
        name = "convalescent plasma or antiserum";
        cls = "immune_sera";
        why = "an antiserum or convalescent plasma";
    } else if (has_word(low, "plasma") && !has(low, "exchange") &&
               !has(low, "pheresis") && !has(low, "platelet") &&
               !has(low, "level") && !has(low, "concentration")) {
        name = "plasma";
        cls = "blood_substitutes";
        why = "plasma, a blood product";
    } else if (has(low, "stem cell") || has(low, "stromal cell") ||
               has(low, "mesenchymal") || has(low, "msc") ||
               has(low, "mononuclear cell") || has(low, "dendritic cell") ||
               has_word(low, "t cells") || has_word(low, "t-cells") ||
               has(low, "t lymphocyte") || has(low, "t-lymphocyte") ||
               has_word(low, "nk cells") || has_word(low, "ctl") ||
               has(low, "cell therap") || has(low, "cellular therap") ||
               has(low, "cell injection") || has(low, "cell infusion") ||
               has_word(low, "svf") || has(low, "stromal vascular") ||
               has(low, "exosome") || has(low, "extracellular vesicle") ||
               has(low, "progenitor cell") || has(low, "precursor cell") ||
               has(low, "schwann cell") ||
               (has(low, "cd34") && has(low, "cell")) ||
               has(low, "antigen presenting cell") ||
               has(low, "antigen-presenting cell") || has_word(low, "aapc")) {
        name = "cell therapy";
        mod = TS_MOD_CELL_GENE;
        why = "a cell therapy";
    } else if (has(low, "gene therap") || has_word(low, "aav") ||
               has(low, "aav2") || has(low, "aav9") ||
               has(low, "lentivir") || has(low, "oncolytic vir")) {
        name = "gene therapy";
        mod = TS_MOD_CELL_GENE;
        why = "a gene therapy";
    } else if (has(low, "platelet") && !has(low, "fibrin") &&
               !has(low, "poor") && !has(low, "transfus") &&
               (has(low, "rich") || has_word(low, "gel") ||
                has(low, "lysate") || has(low, "concentrate") ||
                has(low, "releasate"))) {
        dict_name = "platelet rich plasma";
        why = "platelet-rich plasma or a platelet gel";
    } else if ((has(low, "microbiota") &&
                (has(low, "transplant") || has(low, "fecal") ||
                 has(low, "faecal"))) ||
               has_word(low, "fmt") || has(low, "stool transplant") ||
               has(low, "fecal transplant") || has(low, "faecal transplant")) {
        dict_name = "fecal microbiota";
        why = "faecal microbiota transplantation";
    } else if ((has(low, "amniotic") || has_word(low, "amnion")) &&
               !has(low, "fluid") && !has(low, "centesis")) {
        dict_name = "amniotic membrane allograft";
        why = "an amniotic membrane or tissue product";
    } else if (has(low, "antiven") || has(low, "anti-ven") ||
               (has(low, "f(ab") &&
                (has(low, "snake") || has(low, "scorpion") ||
                 has(low, "venom") || has(low, "crotal") ||
                 has(low, "micrurus") || has(low, "viper") ||
                 has(low, "bothrops") || has(low, "spider")))) {
        name = "antivenom";
        cls = "immune_sera";
        why = "an antivenom";
    } else if (has(low, "cord blood")) {
        name = "cord blood cells";
        mod = TS_MOD_CELL_GENE;
        why = "umbilical cord blood";
    } else if ((has(low, "bone marrow") &&
                (has(low, "concentrate") || has(low, "aspirate") ||
                 has(low, "tissue"))) ||
               has_word(low, "bmac") || has_word(low, "cbma")) {
        name = "bone marrow concentrate";
        mod = TS_MOD_CELL_GENE;
        why = "bone marrow concentrate or aspirate";
    } else if ((has(low, "adipose") || has(low, "lipoaspirat") ||
                has(low, "fat graft") || has(low, "micro-fragmented") ||
                has(low, "microfragmented")) &&
               !has(low, "acellular")) {
        name = "autologous adipose tissue";
        mod = TS_MOD_CELL_GENE;
        why = "adipose tissue or fat graft";
    } else if (has(low, "decoction") || has_word(low, "tcm") ||
               has(low, "chinese medicine") || has(low, "herbal") ||
               has(low, "traditional medicine") ||
               has(low, "traditional chinese") ||
               has(low, "integrated chinese") ||
               has(low, "integrate chinese") ||
               has(low, "integrative chinese") ||
               has(low, "mongolian medicine") ||
               has(low, "tibetan medicine") || has(low, "ayurved") ||
               has_word(low, "kampo")) {
        name = "herbal or traditional medicine";
        cls = "herbal";
        why = "an herbal or traditional medicine";
    } else {
        for (i = 0; !name && i < sizeof(class_words) / sizeof(class_words[0]);
             i++) {
            const char *w = class_words[i].word;
            size_t wl = strlen(w);

            if (w[wl - 1] == '*') {
                char pre[40];
                const char *p = low;

                snprintf(pre, sizeof(pre), "%.*s", (int)(wl - 1), w);
                while ((p = strstr(p, pre)) != NULL) {
                    if (p == low || !is_word_char(p[-1]))
                        break;
                    p++;
                }
                if (!p)
                    continue;
            } else if (!has_word(low, w)) {
                continue;
            }
            name = class_words[i].name;
            cls = class_words[i].cls;
            why = "a therapeutic class named by its wording";
        }
    }
    if (dict_name) {
        /* A kind the dictionary has a line for (its one meaning). */
        const ts_substance *out[2];
        ts_dict_hit hit;
        char rule[320];

        if (dict_lookup(d, dict_name, strlen(dict_name), out, 2, &hit) != 1)
            return 0;
        snprintf(rule, sizeof(rule),
                 "kind of product (%s), named by the dictionary's \"%s\" "
                 "(%s:%lu)",
                 why, dict_name, hit.file, hit.line);
        {
            match_how m = {"the text", s, n, NULL, rule};

            add_sub(c, d, out[0], &m);
        }
        return 1;
    }
    if (!name)
        return 0;
    {
        char rule[160];

        snprintf(rule, sizeof(rule),
                 "kind of product (%s); no substance named, so no target",
                 why);
        add_made(c, d, name, mod, cls, NULL, 0, s, n, rule, NULL, 0);
    }
    return 1;
}

/* Whether a text describes an assessment, not a treatment: laboratory
 * and biomarker analyses, samples, swabs and specimen collection,
 * questionnaires and quality-of-life measures, pharmacokinetics, imaging
 * and other tests. */
static const char *assessment_word(const char *low)
{
    static const char *const words[] = {
        "questionnaire", "questionaire", "survey", "assessment",
        "interview", "biomarker", "diagnostic procedure",
        "biospecimen", "specimen", "blood draw",
        "sampling", "pharmacokinetic",
        "pharmacodynamic", "laboratory", "lab test", "quality of life",
        "quality-of-life", "patient-reported", "patient reported",
        "imaging", "scan", "tomography", "magnetic resonance",
        "ultrasonograph", "ultrasound", "x-ray", "radiograph",
        "mammogra", "angiogra", "endoscop", "colonoscop", "electrocardiogra",
        "echocardiogra", "electroencephalogra", "spirometr", "biopsy",
        "genotyp", "sequencing", "gene expression", "screening",
        "chart review", "medical record",
        "diagnostic test", "cognitive test", "neuropsycholog",
        "actigraph", "accelerometer", "correlative", "monitoring",
        "measurement", "evaluation", "polysomnograph", "swab",
        "sample", "collection", "serolog", "blood test", "biological test",
        "pregnancy test", "stimulation test", "urine culture", "pcr",
    };
    size_t i;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (i + 1 == sizeof(words) / sizeof(words[0]) ? has_word(low, words[i])
                                                      : has(low, words[i]))
            return words[i];
    /* Bare acronyms of tests, as words. */
    if (has_word(low, "mri") || has_word(low, "fmri") || has_word(low, "ct") ||
        has_word(low, "pet") || has_word(low, "ecg") || has_word(low, "eeg") ||
        has_word(low, "pk"))
        return "imaging or test acronym";
    return NULL;
}

/* Control arms that name no agent. */
static const char *control_word(const char *low)
{
    static const char *const words[] = {
        "standard of care", "standard care", "standard treatment",
        "standard therapy", "usual care", "usual practice",
        "routine care", "conventional treatment", "conventional therapy",
        "treatment as usual", "no treatment", "no intervention",
        "observation", "wait list", "waitlist", "wait-list",
        "control group", "active control", "no drug", "untreated",
        "attention control", "care as usual", "best medical therapy",
        "best medical treatment", "background therapy", "usual treatment",
        "routine treatment", "conventional medication",
        "conventional medicine", "western medicine", "basic treatment",
        "general treatment", "normal treatment", "best available therapy",
        "symptomatic treatment", "standard medication", "usual medication",
        "conventional standardized treatment", "conventional drug",
        "conventional medical", "conventional western", "conventional treat",
        "coventional treat", "convention treatment", "routine medical",
        "routine therap", "routine supportive", "routine symptomatic",
        "routine regimen", "routinel treat", "routine medicine",
        "routine drug", "routine respiratory", "routine western",
        "basic conventional", "conventional management",
        "conventional medicines", "regular treatment",
        "regular therapy", "standard medical", "western medical",
        "basic therap", "supportive treatment", "supportive therapy",
        "symptomatic therap", "symptomatic support", "support treatment",
        "comprehensive treatment", "according to guideline",
        "according to the guideline", "treatment plan",
        "physician preference", "physician's choice", "physician choice",
        "medical management", "western therapy", "western treatment",
        "soc",
    };
    size_t i;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (i + 1 == sizeof(words) / sizeof(words[0]) ? has_word(low, words[i])
                                                      : has(low, words[i]))
            return words[i];
    return NULL;
}

/* A word list of keyword rules: each word with the modality it gives
 * and where in a text it counts. */
typedef enum kw_match {
    KW_ANY,         /* anywhere ("radiotherap" in "chemoradiotherapy") */
    KW_START,       /* at the start of a word ("ratio", not in
                     * "administration") */
    KW_WORD         /* as a whole word ("app", "IgG" but not "IgG1") */
} kw_match;

typedef struct kw_word {
    const char *word;
    ts_modality mod;
    kw_match match;
} kw_word;

/* The modality of the first word of t[0..n) found in low (its word in
 * *why), or -1. */
static int kw_find(const kw_word *t, size_t n, const char *low,
                   const char **why)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int found = t[i].match == KW_WORD    ? has_word(low, t[i].word)
                    : t[i].match == KW_START ? has_word_start(low, t[i].word)
                                             : has(low, t[i].word);

        if (found) {
            *why = t[i].word;
            return (int)t[i].mod;
        }
    }
    return -1;
}

/* Modality from words of a text no dictionary or rule named; *why gets
 * the word. Radiation counts only in a therapy sense. */
static int keyword_modality(const char *low, const char **why)
{
    static const kw_word words[] = {
        {"chemoradi", TS_MOD_RADIO, KW_ANY},
        {"radiotherap", TS_MOD_RADIO, KW_ANY},
        {"radiation therap", TS_MOD_RADIO, KW_ANY},
        {"radiation treatment", TS_MOD_RADIO, KW_ANY},
        {"irradiation", TS_MOD_RADIO, KW_ANY},
        {"brachytherap", TS_MOD_RADIO, KW_ANY},
        {"proton therap", TS_MOD_RADIO, KW_ANY},
        {"proton beam", TS_MOD_RADIO, KW_ANY}, {"imrt", TS_MOD_RADIO, KW_ANY},
        {"sbrt", TS_MOD_RADIO, KW_ANY}, {"stereotactic", TS_MOD_RADIO, KW_ANY},
        {"radiosurgery", TS_MOD_RADIO, KW_ANY},
        {"surgery", TS_MOD_SURGERY, KW_ANY},
        {"surgical", TS_MOD_SURGERY, KW_ANY},
        {"resection", TS_MOD_SURGERY, KW_ANY},
        {"excision", TS_MOD_SURGERY, KW_ANY},
        {"amputation", TS_MOD_SURGERY, KW_ANY},
        {"ectomy", TS_MOD_SURGERY, KW_ANY},
        {"caesarean", TS_MOD_SURGERY, KW_ANY},
        {"cesarean", TS_MOD_SURGERY, KW_ANY},
        {"transplant", TS_MOD_OTHER, KW_ANY},
        {"chemotherap", TS_MOD_CHEMO, KW_ANY},
        {"placebo", TS_MOD_PLACEBO, KW_ANY}, {"sham", TS_MOD_PLACEBO, KW_ANY},
        {"stem cell", TS_MOD_CELL_GENE, KW_ANY},
        {"stromal cell", TS_MOD_CELL_GENE, KW_ANY},
        {"gene therap", TS_MOD_CELL_GENE, KW_ANY},
        {"immunotherap", TS_MOD_IMMUNO, KW_ANY},
    };

    return kw_find(words, sizeof(words) / sizeof(words[0]), low, why);
}

/* Records a modality that a rule, not a substance, gave. */
static void add_rule_modality(ts_class *c, int mod, const char *s, size_t n,
                              const char *rule)
{
    c->modalities |= 1u << mod;
    c->rule_modalities |= 1u << mod;
    c->item_modalities |= 1u << mod;
    if (c->explain) {
        ts_strbuf how = {0};

        sb_printf(&how, "\"%.*s\": %s", (int)(n > 200 ? 200 : n), s, rule);
        why_add(c, "modality", dict_modality_key((ts_modality)mod), NULL, 0,
                sb_str(&how));
        sb_free(&how);
    }
}

/* What an intervention of registry type OTHER is, by its words: exercise
 * and education are behavioural, diets are dietary, tapes and prostheses
 * devices, physiotherapy and acupuncture procedures; -1 if none says. */
static int other_modality(const char *low, const char **why)
{
    static const kw_word words[] = {
        {"diet", TS_MOD_DIETARY, KW_ANY}, {"food", TS_MOD_DIETARY, KW_ANY},
        {"meal", TS_MOD_DIETARY, KW_ANY},
        {"nutrition", TS_MOD_DIETARY, KW_ANY},
        {"supplement", TS_MOD_DIETARY, KW_ANY},
        {"drink", TS_MOD_DIETARY, KW_ANY}, {"juice", TS_MOD_DIETARY, KW_ANY},
        {"feeding", TS_MOD_DIETARY, KW_ANY},
        {"physiotherap", TS_MOD_PROCEDURE, KW_ANY},
        {"physical therap", TS_MOD_PROCEDURE, KW_ANY},
        {"massage", TS_MOD_PROCEDURE, KW_ANY},
        {"manual therap", TS_MOD_PROCEDURE, KW_ANY},
        {"mobilization", TS_MOD_PROCEDURE, KW_ANY},
        {"mobilisation", TS_MOD_PROCEDURE, KW_ANY},
        {"acupuncture", TS_MOD_PROCEDURE, KW_ANY},
        {"dry needling", TS_MOD_PROCEDURE, KW_ANY},
        {"shock wave", TS_MOD_PROCEDURE, KW_ANY},
        {"shockwave", TS_MOD_PROCEDURE, KW_ANY},
        {"transfusion", TS_MOD_PROCEDURE, KW_ANY},
        {"graft", TS_MOD_PROCEDURE, KW_ANY},
        {"nerve block", TS_MOD_PROCEDURE, KW_ANY},
        {"puncture", TS_MOD_PROCEDURE, KW_ANY},
        {"punction", TS_MOD_PROCEDURE, KW_ANY},
        {"centesis", TS_MOD_PROCEDURE, KW_ANY},
        {"suction", TS_MOD_PROCEDURE, KW_ANY},
        {"injection", TS_MOD_PROCEDURE, KW_ANY},
        {"device", TS_MOD_DEVICE, KW_ANY}, {"tape", TS_MOD_DEVICE, KW_ANY},
        {"taping", TS_MOD_DEVICE, KW_ANY}, {"prosthes", TS_MOD_DEVICE, KW_ANY},
        {"orthos", TS_MOD_DEVICE, KW_ANY}, {"brace", TS_MOD_DEVICE, KW_ANY},
        {"splint", TS_MOD_DEVICE, KW_ANY}, {"glasses", TS_MOD_DEVICE, KW_ANY},
        {"laser", TS_MOD_DEVICE, KW_ANY},
        {"stimulation", TS_MOD_DEVICE, KW_ANY},
        {"temporal interference", TS_MOD_DEVICE, KW_ANY},
        {"catheter", TS_MOD_DEVICE, KW_ANY},
        {"dressing", TS_MOD_DEVICE, KW_ANY},
        {"scaffold", TS_MOD_DEVICE, KW_ANY},
        {"cpap", TS_MOD_PROCEDURE, KW_WORD},
        {"bipap", TS_MOD_PROCEDURE, KW_WORD},
        {"positive airway pressure", TS_MOD_PROCEDURE, KW_ANY},
        {"exercis", TS_MOD_BEHAVIORAL, KW_ANY},
        {"training", TS_MOD_BEHAVIORAL, KW_ANY},
        {"education", TS_MOD_BEHAVIORAL, KW_ANY},
        {"educational", TS_MOD_BEHAVIORAL, KW_ANY},
        {"mindfulness", TS_MOD_BEHAVIORAL, KW_ANY},
        {"counsel", TS_MOD_BEHAVIORAL, KW_ANY},
        {"cognitive", TS_MOD_BEHAVIORAL, KW_ANY},
        {"psychotherap", TS_MOD_BEHAVIORAL, KW_ANY},
        {"coaching", TS_MOD_BEHAVIORAL, KW_ANY},
        {"motivational", TS_MOD_BEHAVIORAL, KW_ANY},
        {"yoga", TS_MOD_BEHAVIORAL, KW_ANY},
        {"pilates", TS_MOD_BEHAVIORAL, KW_ANY},
        {"meditation", TS_MOD_BEHAVIORAL, KW_ANY},
        {"virtual reality", TS_MOD_BEHAVIORAL, KW_ANY},
        {"video", TS_MOD_BEHAVIORAL, KW_ANY},
        {"music", TS_MOD_BEHAVIORAL, KW_ANY},
        {"art therap", TS_MOD_BEHAVIORAL, KW_ANY},
        {"relaxation", TS_MOD_BEHAVIORAL, KW_ANY},
        {"sleep health", TS_MOD_BEHAVIORAL, KW_ANY},
        {"biofeedback", TS_MOD_BEHAVIORAL, KW_ANY},
        {"kegel", TS_MOD_BEHAVIORAL, KW_WORD},
        {"cycling", TS_MOD_BEHAVIORAL, KW_WORD},
        {"sleep hygiene", TS_MOD_BEHAVIORAL, KW_ANY},
        {"program", TS_MOD_BEHAVIORAL, KW_ANY},
        {"self-management", TS_MOD_BEHAVIORAL, KW_ANY},
        {"physical activity", TS_MOD_BEHAVIORAL, KW_ANY},
        {"walking", TS_MOD_BEHAVIORAL, KW_ANY},
        {"strengthening", TS_MOD_BEHAVIORAL, KW_ANY},
        {"rehabilitation", TS_MOD_BEHAVIORAL, KW_ANY},
        {"behavio", TS_MOD_BEHAVIORAL, KW_ANY},
        {"app", TS_MOD_BEHAVIORAL, KW_WORD},
        {"psycholog", TS_MOD_BEHAVIORAL, KW_ANY},
        {"qigong", TS_MOD_BEHAVIORAL, KW_ANY},
        {"tai chi", TS_MOD_BEHAVIORAL, KW_ANY},
        {"text messag", TS_MOD_BEHAVIORAL, KW_ANY},
        {"support group", TS_MOD_BEHAVIORAL, KW_ANY},
        {"care model", TS_MOD_BEHAVIORAL, KW_ANY},
        {"practice model", TS_MOD_BEHAVIORAL, KW_ANY},
    };

    return kw_find(words, sizeof(words) / sizeof(words[0]), low, why);
}

/* other_modality for a text that may name a medicine: "injection" alone
 * does not decide there (a product's name may end in it), nor does
 * "stimulation" of the ovaries (gonadotropins are given). */
static int non_drug_modality(const char *low, const char **why)
{
    int om = other_modality(low, why);

    if (om >= 0 && strcmp(*why, "stimulation") == 0 && has(low, "ovar"))
        return -1;
    return om >= 0 && strcmp(*why, "injection") != 0 ? om : -1;
}

/* The modality a registry type gives an intervention nothing named. */
static int type_modality(ts_itype type)
{
    switch (type) {
    case TS_ITYPE_RADIATION:
        return TS_MOD_RADIO;
    case TS_ITYPE_PROCEDURE:
        return TS_MOD_PROCEDURE;
    case TS_ITYPE_DEVICE:
        return TS_MOD_DEVICE;
    case TS_ITYPE_GENETIC:
        return TS_MOD_GENETIC;
    case TS_ITYPE_BEHAVIORAL:
        return TS_MOD_BEHAVIORAL;
    case TS_ITYPE_DIETARY:
        return TS_MOD_DIETARY;
    case TS_ITYPE_DIAGNOSTIC:
        return TS_MOD_DIAGNOSTIC;
    case TS_ITYPE_COMBINATION:
        return TS_MOD_COMBINATION;
    case TS_ITYPE_OTHER:
        return TS_MOD_OTHER;
    default:
        return -1;
    }
}

static const char *const itype_names[] = {
    "", "DRUG", "BIOLOGICAL", "RADIATION", "PROCEDURE", "DEVICE", "GENETIC",
    "BEHAVIORAL", "DIETARY_SUPPLEMENT", "DIAGNOSTIC_TEST",
    "COMBINATION_PRODUCT", "OTHER",
};

/* The length of a text without the imaging words that end it: "18F-FDG
 * PET/CT", "Amyvid PET scan" and "DaTscan SPECT imaging" name their
 * tracer before them. 0 when no such word ends the text. */
static size_t without_imaging_words(const char *s, size_t n)
{
    static const char *const words[] = {
        "pet", "ct", "mri", "mr", "spect", "scan", "scans", "scanning",
        "imaging", "scintigraphy", "tomography", "angiography",
        "echocardiography", "echocardiogram", "ultrasound",
        "ultrasonography", "enhanced", "contrast",
    };
    size_t end = n, cut = 0;

    for (;;) {
        size_t b = end, w, i;

        while (b && (s[b - 1] == ' ' || s[b - 1] == '/' || s[b - 1] == '-'))
            b--;
        w = b;
        while (w && ((s[w - 1] >= 'a' && s[w - 1] <= 'z') ||
                     (s[w - 1] >= 'A' && s[w - 1] <= 'Z')))
            w--;
        if (w == b || w == 0 ||
            !(s[w - 1] == ' ' || s[w - 1] == '/' || s[w - 1] == '-'))
            break;
        for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
            if (strlen(words[i]) == b - w &&
                strncasecmp(s + w, words[i], b - w) == 0)
                break;
        if (i == sizeof(words) / sizeof(words[0]))
            break;
        end = w;
        cut = 1;
    }
    while (end && (s[end - 1] == ' ' || s[end - 1] == '/' ||
                   s[end - 1] == '-'))
        end--;
    return cut ? end : 0;
}

/* A part the dictionary did not name: the wording rules, in order. */
static size_t match_rules(const ts_dict *d, const char *s, size_t n,
                          ts_class *c)
{
    size_t m = without_imaging_words(s, n);

    /* The tracer a dictionary names, before the rules read the text. */
    if (m && lookup_add(d, s, m, c, "the text without its imaging words"))
        return 1;
    /* "68Ga-FAPI-46 PET" is the agent 68Ga-FAPI-46. */
    if (rule_radiolabel(d, s, m ? m : n, c))
        return 1;
    if (rule_generic(d, s, n, c))
        return 1;
    return 0;
}

/* Whether a text has a letter: "3" or "5." is not a name. */
static int has_letter(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
            (unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/* ---- parts of free text that name no agent ---- */

/* Whether a part says what is not given: "no use of traditional Chinese
 * medicine", "without antivirals", "non-intervention". A wording rule
 * must not make it a medicine; a dictionary name in it still counts. */
static int negated(const char *s, size_t n)
{
    static const char *const starts[] = {"no ", "not ", "without ", "none",
                                         "do not ", "does not ", "did not "};
    size_t i;

    while (n && !is_word_char(*s)) {
        s++;
        n--;
    }
    for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
        if (n >= strlen(starts[i]) &&
            strncasecmp(s, starts[i], strlen(starts[i])) == 0)
            return 1;
    return 0;
}

/* Whether w (lower case, n bytes) is one of the NULL-ended words. */
static int word_in(const char *w, size_t n, const char *const *list)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

/* Words of doses, schedules, routes and dose forms, and the small words
 * between them: "2 tablets (0.1 g/tablet), BID", "80 mg on day 4",
 * "20 ug each time, twice a day, 7-14 days", "intravenous drip", "with
 * food", "fasted". */
static const char *const dose_words[] = {
    "mg", "g", "ug", "mcg", "ng", "kg", "ml", "l", "iu", "ui", "u", "unit",
    "units", "m2", "mmol", "vp", "pfu", "cells", "gy", "bid", "tid", "qid",
    "qd", "qod", "qn", "qw", "qhs", "prn", "od", "bd", "tds", "once", "twice",
    "thrice", "time", "times", "daily", "weekly", "monthly", "hourly",
    "nightly", "every", "each", "per", "day", "days", "d", "week", "weeks",
    "wk", "h", "hr", "hrs", "hour", "hours", "min", "mins", "minute",
    "minutes", "month", "months", "morning", "evening", "night", "bedtime",
    "breakfast", "lunch", "dinner", "meal", "meals", "food", "fed",
    "fasted", "fasting", "dose", "doses", "dosage", "dosing",
    "loading", "maintenance", "first", "second", "third", "initial",
    "subsequent", "total", "course", "courses", "cycle", "cycles",
    "consecutive", "consecutively", "tablet", "tablets", "table", "tab",
    "tabs", "capsule", "capsules", "cap", "caps", "pill", "pills", "bag",
    "bags", "bottle", "bottles", "vial", "vials", "ampoule", "ampoules",
    "sachet", "sachets", "drop", "drops", "puff", "puffs", "piece", "pieces",
    "oral", "orally", "po", "iv", "im", "sc", "intravenous", "intravenously",
    "intramuscular", "subcutaneous", "drip", "infusion", "infused",
    "inhalation", "inhaled", "nebulized", "nebulised", "injection", "high",
    "low", "middle", "medium", "small", "large", "warm", "water", "a", "an",
    "the", "of", "for", "on", "in", "at", "to", "with", "and", "or", "as",
    "by", "from", "after", "before", "then", "up", "until", "not", "no",
    "more", "than", "over", "within", "via", "x", "is", "was", "will", "be",
    "given", "take", "taken", "administered", "administration", "duration",
    "treatment", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "fourteen", "single", "double", "year",
    "adult", "adults", "apart",
    "years", "cc", "intra", "vein", "venous", "only", "use", "hard", "soft",
    "coated", "film", "flat", "round", "powder", "solvent", "solution",
    "suspension", "concentrate", "syringe", "prefilled", "pre", "filled",
    "injectable", "tabletten", "tablette", "comprim", "pellicul",
    "inactivated", "adsorbed", "attenuated", "otherwise", "identical",
    "mouth", "nasal", "spray", "rectal", "topical", "ivgtt", "ivd",
    "preparation", "preparations", "therapy",
    "phosphate", "sulfate", "sulphate", "citrate", "acid", NULL,
};

/* Whether s[0..n) is one of the dose words, in any case. */
static int dose_word(const char *s, size_t n)
{
    char w[32];
    size_t i;

    if (n >= sizeof(w))
        return 0;
    for (i = 0; i < n; i++)
        w[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    return word_in(w, n, dose_words);
}

/* Whether a word with digits is a dose or a schedule: a number with a
 * unit ("80mg", "0", "1g", "14days", "1e11vp"), a day or cycle number
 * ("day4", "d8", "c1") or an interval ("q4h", "q12h"). */
static int dose_number(const char *w, size_t n)
{
    static const char *const before[] = {"day", "d", "week", "w", "cycle",
                                         "c", "q", "x", "h", NULL};
    size_t a = 0, b;

    while (a < n && !(w[a] >= '0' && w[a] <= '9'))
        a++;
    b = a;
    /* "1e11vp"; "4x200mg", a count of strengths */
    while (b < n && ((w[b] >= '0' && w[b] <= '9') ||
                     ((w[b] == 'e' || w[b] == 'x') && b + 1 < n &&
                      w[b + 1] >= '0' && w[b + 1] <= '9' && b > a)))
        b++;
    if (a == b)
        return 0;
    if (a > 0 && !word_in(w, a, before))
        return 0;
    return b == n || word_in(w + b, n - b, dose_words);
}

/* Whether low has only words of doses and schedules (and at least one
 * word): such a part is the dose of the item before it, no mention. */
static int dose_only(const char *low)
{
    static const char *const small[] = {
        "a", "an", "the", "of", "for", "on", "in", "at", "to", "with", "and",
        "or", "as", "by", "from", "after", "before", "then", "up", "until",
        "not", "no", "more", "than", "over", "within", "via", "x", "is",
        "was", "will", "be", NULL,
    };
    size_t i = 0, words = 0, real = 0;

    while (low[i]) {
        size_t a;

        while (low[i] && !is_word_char(low[i]))
            i++;
        if (!low[i])
            break;
        a = i;
        while (is_word_char(low[i]))
            i++;
        words++;
        if (!word_in(low + a, i - a, dose_words) &&
            !dose_number(low + a, i - a))
            return 0;
        real += !word_in(low + a, i - a, small);
    }
    return words > 0 && real > 0;   /* "A" alone is a name */
}

/* Whether low names only a group or arm: "Intervention 1", "Arm B",
 * "Experimental group", "Group A", "Cohort 2". Single letters, numbers
 * and roman numerals go with the label words. */
static int label_only(const char *low)
{
    static const char *const words[] = {
        "arm", "arms", "group", "groups", "cohort", "cohorts", "intervention",
        "interventions", "experimental", "experiment", "treatment", "case",
        "cases", "part", "phase", "stage", "step", "period", "stratum",
        "subgroup", "sub", "substudy", "substudies", "study", "studies",
        "comparison", "number", "subject",
        "planned", "day",
        "days", "visit", "i", "ii", "iii", "iv", "vi", "first", "second",
        "third", "the", "of", "and", "all", "each", "index", "test",
        "gold", "standard", "reference", "name", "description", "type",
        "adherence", "identification", "design", "research", "details",
        "patient", "patients",
        "participants", "subjects", "people", "population", "healthy",
        "volunteers", "women", "men", "children", "elderly", "staff",
        "workers", "students", "medical", "cases", "mild", "moderate",
        "severe", "critical", "complicated", "common", "general", "covid",
        "sars", "cov", "ncov", "ncp", "negative", "positive", "confirmed",
        "suspected", "infected", "recovered", "with", "without", "or", "in",
        "generic", "etc", "therapeutic", "category", "code", "codes",
        "investigational", "material", "materials", "inn", "route", "routes",
        "frequency", "form", "forms", "volume", "composition", "details",
        "product", "products", "imp", "protocol", "protocols", "guideline",
        "guidelines", "version", "edition", "plan", "according",
        "accordance", "local",
        /* a medicine not named: "Study Drug", "Investigational Agent",
         * "Drug therapy", "Biological Drug", "Combination drug" */
        "study", "drug", "drugs", "agent", "agents", "therapy",
        "medication", "medications", "biological", "combination", NULL,
    };
    size_t i = 0, words_seen = 0;

    while (low[i]) {
        size_t a;

        while (low[i] && !is_word_char(low[i]))
            i++;
        if (!low[i])
            break;
        a = i;
        while (is_word_char(low[i]))
            i++;
        words_seen++;
        if (i - a == 1 || word_in(low + a, i - a, words) ||
            word_in(low + a, i - a, dose_words) ||
            dose_number(low + a, i - a))
            continue;
        {
            /* "Intervention1", "Group2", "3" */
            size_t b = i;

            while (b > a && low[b - 1] >= '0' && low[b - 1] <= '9')
                b--;
            if (b > a && !word_in(low + a, b - a, words))
                return 0;
        }
    }
    return words_seen > 0;
}

/* Whether low is an empty value ("None.", "N/A", "null") or only a
 * registry type (the value of "Intervention Type: Drug"). */
static int empty_value(const char *low)
{
    static const char *const words[] = {
        "none", "n a", "na", "nil", "null", "not applicable", "no", "nothing",
        "not available", "unknown", "drug", "biological", "device",
        "procedure", "behavioral", "behavioural", "other", "radiation",
        "genetic", "dietary supplement", NULL,
    };
    char w[64];
    size_t i, k = 0;

    for (i = 0; low[i] && k + 1 < sizeof(w); i++) {
        if (is_word_char(low[i]))
            w[k++] = low[i];
        else if (k && w[k - 1] != ' ')
            w[k++] = ' ';
    }
    while (k && w[k - 1] == ' ')
        k--;
    return low[i] == '\0' && word_in(w, k, words);
}

/* Words that say a text of no registry type (ICTRP, EU CTR, CTIS) is not
 * a medicine: samples, tests and analyses (assessment), procedures and
 * devices of care, exercise, behaviour and diet. Used only where nothing
 * in the text was named. */
static int untyped_modality(const char *low, const char **why)
{
    static const kw_word words[] = {
        {"swab", TS_MOD_ASSESSMENT, KW_START},
        {"sputum", TS_MOD_ASSESSMENT, KW_START},
        {"saliva", TS_MOD_ASSESSMENT, KW_START},
        {"urine", TS_MOD_ASSESSMENT, KW_START},
        {"feces", TS_MOD_ASSESSMENT, KW_START},
        {"faeces", TS_MOD_ASSESSMENT, KW_START},
        {"stool", TS_MOD_ASSESSMENT, KW_START},
        {"semen", TS_MOD_ASSESSMENT, KW_START},
        {"secretion", TS_MOD_ASSESSMENT, KW_START},
        {"samples", TS_MOD_ASSESSMENT, KW_START},
        {"nucleic acid", TS_MOD_ASSESSMENT, KW_START},
        {"detection", TS_MOD_ASSESSMENT, KW_START},
        {"serolog", TS_MOD_ASSESSMENT, KW_START},
        {"igg", TS_MOD_ASSESSMENT, KW_WORD},
        {"igm", TS_MOD_ASSESSMENT, KW_WORD},
        {"polymerase chain", TS_MOD_ASSESSMENT, KW_START},
        {"outcome", TS_MOD_ASSESSMENT, KW_START},
        {"retrospective", TS_MOD_ASSESSMENT, KW_START},
        {"prospective", TS_MOD_ASSESSMENT, KW_START},
        {"analysis", TS_MOD_ASSESSMENT, KW_START},
        {"case series", TS_MOD_ASSESSMENT, KW_START},
        {"diagnos", TS_MOD_ASSESSMENT, KW_START},
        {"prognos", TS_MOD_ASSESSMENT, KW_START},
        {"predict", TS_MOD_ASSESSMENT, KW_START},
        {"score", TS_MOD_ASSESSMENT, KW_START},
        {"proteomic", TS_MOD_ASSESSMENT, KW_START},
        {"metabolomic", TS_MOD_ASSESSMENT, KW_START},
        {"genomic", TS_MOD_ASSESSMENT, KW_START},
        {"mass spectromet", TS_MOD_ASSESSMENT, KW_START},
        {"microbiolog", TS_MOD_ASSESSMENT, KW_START},
        {"scale", TS_MOD_ASSESSMENT, KW_START},
        {"status", TS_MOD_ASSESSMENT, KW_START},
        {"ethnicity", TS_MOD_ASSESSMENT, KW_START},
        {"cross-sectional", TS_MOD_ASSESSMENT, KW_START},
        {"cohort study", TS_MOD_ASSESSMENT, KW_START},
        {"case-control", TS_MOD_ASSESSMENT, KW_START},
        {"observational", TS_MOD_ASSESSMENT, KW_START},
        {"survival", TS_MOD_ASSESSMENT, KW_START},
        {"died", TS_MOD_ASSESSMENT, KW_START},
        {"death", TS_MOD_ASSESSMENT, KW_START},
        {"discharge", TS_MOD_ASSESSMENT, KW_START},
        {"recovery", TS_MOD_ASSESSMENT, KW_START},
        {"factors", TS_MOD_ASSESSMENT, KW_START},
        {"marker", TS_MOD_ASSESSMENT, KW_START},
        {"biomarker", TS_MOD_ASSESSMENT, KW_START},
        {"genotyping", TS_MOD_ASSESSMENT, KW_START},
        {"ratio", TS_MOD_ASSESSMENT, KW_START},
        {"criteria", TS_MOD_ASSESSMENT, KW_START},
        {"typing", TS_MOD_ASSESSMENT, KW_START},
        {"validation", TS_MOD_ASSESSMENT, KW_START},
        {"exposure", TS_MOD_ASSESSMENT, KW_START},
        {"exposed", TS_MOD_ASSESSMENT, KW_START},
        {"early warning", TS_MOD_ASSESSMENT, KW_START},
        {"respiratory support", TS_MOD_PROCEDURE, KW_ANY},
        {"earplug", TS_MOD_DEVICE, KW_ANY},
        {"eye patch", TS_MOD_DEVICE, KW_ANY},
        {"hemadsorption", TS_MOD_PROCEDURE, KW_ANY},
        {"haemadsorption", TS_MOD_PROCEDURE, KW_ANY},
        {"adsorption", TS_MOD_PROCEDURE, KW_ANY},
        {"removal therap", TS_MOD_PROCEDURE, KW_ANY},
        {"acupoint", TS_MOD_PROCEDURE, KW_ANY},
        {"auricular", TS_MOD_PROCEDURE, KW_ANY},
        {"boxing", TS_MOD_BEHAVIORAL, KW_ANY},
        {"advice", TS_MOD_BEHAVIORAL, KW_ANY},
        {"infotainment", TS_MOD_BEHAVIORAL, KW_ANY},
        {"information", TS_MOD_ASSESSMENT, KW_START},
        {"report", TS_MOD_ASSESSMENT, KW_START},
        {"affiliation", TS_MOD_ASSESSMENT, KW_START},
        {"history", TS_MOD_ASSESSMENT, KW_START},
        {"symptom", TS_MOD_ASSESSMENT, KW_START},
        {"manifestation", TS_MOD_ASSESSMENT, KW_START},
        {"follow-up", TS_MOD_ASSESSMENT, KW_START},
        {"clinical data", TS_MOD_ASSESSMENT, KW_START},
        {"mapping", TS_MOD_ASSESSMENT, KW_START},
        {"temperature", TS_MOD_ASSESSMENT, KW_START},
        {"artificial intelligence", TS_MOD_DEVICE, KW_ANY},
        {"decision support", TS_MOD_DEVICE, KW_ANY},
        {"software", TS_MOD_DEVICE, KW_ANY}, {"system", TS_MOD_DEVICE, KW_ANY},
        {"mask", TS_MOD_DEVICE, KW_ANY}, {"lens", TS_MOD_DEVICE, KW_ANY},
        {"monitor", TS_MOD_DEVICE, KW_ANY},
        {"membrane", TS_MOD_DEVICE, KW_ANY},
        {"cytosorb", TS_MOD_DEVICE, KW_ANY},
        {"ventilat", TS_MOD_PROCEDURE, KW_ANY},
        {"airway pressure", TS_MOD_PROCEDURE, KW_ANY},
        {"cpap", TS_MOD_PROCEDURE, KW_ANY}, {"hfno", TS_MOD_PROCEDURE, KW_ANY},
        {"hfnc", TS_MOD_PROCEDURE, KW_ANY},
        {"high flow", TS_MOD_PROCEDURE, KW_ANY},
        {"high-flow", TS_MOD_PROCEDURE, KW_ANY},
        {"ecmo", TS_MOD_PROCEDURE, KW_ANY},
        {"extracorporeal", TS_MOD_PROCEDURE, KW_ANY},
        {"crrt", TS_MOD_PROCEDURE, KW_ANY},
        {"renal replacement", TS_MOD_PROCEDURE, KW_ANY},
        {"dialysis", TS_MOD_PROCEDURE, KW_ANY},
        {"hemofiltration", TS_MOD_PROCEDURE, KW_ANY},
        {"haemofiltration", TS_MOD_PROCEDURE, KW_ANY},
        {"hemoperfusion", TS_MOD_PROCEDURE, KW_ANY},
        {"blood purification", TS_MOD_PROCEDURE, KW_ANY},
        {"plasma exchange", TS_MOD_PROCEDURE, KW_ANY},
        {"intubation", TS_MOD_PROCEDURE, KW_ANY},
        {"extubation", TS_MOD_PROCEDURE, KW_ANY},
        {"tracheotomy", TS_MOD_PROCEDURE, KW_ANY},
        {"bronchoscop", TS_MOD_PROCEDURE, KW_ANY},
        {"prone position", TS_MOD_PROCEDURE, KW_ANY},
        {"moxibustion", TS_MOD_PROCEDURE, KW_ANY},
        {"acupressure", TS_MOD_PROCEDURE, KW_ANY},
        {"cupping", TS_MOD_PROCEDURE, KW_ANY},
        {"electrotherap", TS_MOD_PROCEDURE, KW_ANY},
        {"pacing", TS_MOD_PROCEDURE, KW_ANY},
        {"autohemotherap", TS_MOD_PROCEDURE, KW_ANY},
        {"intensive care", TS_MOD_PROCEDURE, KW_ANY},
        {"baduanjin", TS_MOD_BEHAVIORAL, KW_ANY},
        {"ba duanjin", TS_MOD_BEHAVIORAL, KW_ANY},
        {"gong method", TS_MOD_BEHAVIORAL, KW_ANY},
        {"breathing", TS_MOD_BEHAVIORAL, KW_ANY},
        {"guidance", TS_MOD_BEHAVIORAL, KW_ANY},
        {"educatio", TS_MOD_BEHAVIORAL, KW_ANY},
        {"sleep hygiene", TS_MOD_BEHAVIORAL, KW_ANY},
        {"cbt", TS_MOD_BEHAVIORAL, KW_ANY},
        {"sfbt", TS_MOD_BEHAVIORAL, KW_ANY},
        {"writing", TS_MOD_BEHAVIORAL, KW_ANY},
        {"write about", TS_MOD_BEHAVIORAL, KW_ANY},
        {"humanistic", TS_MOD_BEHAVIORAL, KW_ANY},
        {"nursing", TS_MOD_BEHAVIORAL, KW_ANY},
        {"quarantine", TS_MOD_BEHAVIORAL, KW_ANY},
        {"isolation", TS_MOD_BEHAVIORAL, KW_ANY},
        {"life style", TS_MOD_BEHAVIORAL, KW_ANY},
        {"lifestyle", TS_MOD_BEHAVIORAL, KW_ANY},
        {"activities", TS_MOD_BEHAVIORAL, KW_ANY},
        {"media", TS_MOD_BEHAVIORAL, KW_ANY},
        {"practice", TS_MOD_BEHAVIORAL, KW_ANY},
        {"probiotic", TS_MOD_DIETARY, KW_ANY},
    };
    int om = non_drug_modality(low, why);

    if (om >= 0)
        return om;
    /* An assessment word starts a word ("serological", "ratio"), so that
     * "administration", "preparation" or "duration" of an unknown
     * medicine is not a ratio; antibody classes are words of their own
     * ("IgG", not "IgG1 monoclonal antibody"). */
    return kw_find(words, sizeof(words) / sizeof(words[0]), low, why);
}

/* The assessment word of s[0..n), or NULL. */
static const char *assessment_word_of(const char *s, size_t n)
{
    char low[512];

    lower_copy(s, n, low, sizeof(low));
    return assessment_word(low);
}

/* What an unnamed part of an intervention text is. */
enum {
    PART_DRUG,      /* may name a medicine: a mention */
    PART_PROSE,     /* a sentence that names nothing we know */
    PART_NOTHING,   /* an empty value, a dose, a group label */
    PART_CONTROL,   /* a control arm naming no agent */
    PART_OTHER      /* assessment, procedure, device, behaviour, diet */
};

/* Words of taking a medicine: a sentence with one may name it. */
static int intake_words(const char *low)
{
    return has(low, "given") || has(low, "receiv") || has(low, "take") ||
           has(low, "taking") || has(low, "administ") || has(low, "inject") ||
           has(low, "infus") || has(low, "inhal") || has(low, "oral") ||
           has(low, "tablet") || has(low, "capsule") || has(low, "granule") ||
           has(low, "drug") || has(low, "medicine") || has(low, "dose");
}

/* long_text: the part is a piece of a long description (more than 25
 * words): a short piece without words of taking a medicine is prose too. */
/* Whether s[0..n) has a research code: capitals and digits ("AT-1501",
 * "C105", "T89"), not a day, cycle or interval ("D8", "Day 10", "Q12h")
 * nor "COVID-19". */
static int has_code(const char *s, size_t n)
{
    static const char *const not_codes[] = {"day", "d", "week", "w", "cycle",
                                            "c", "q", "x", "h", "covid",
                                            "ncov", NULL};
    size_t i = 0;

    while (i < n) {
        size_t a = i, l, dg;
        int upper = 0;
        char low[8];

        while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
                         (s[i] >= 'A' && s[i] <= 'Z'))) {
            upper |= s[i] >= 'A' && s[i] <= 'Z';
            i++;
        }
        l = i - a;
        if (i < n && s[i] == '-' && l)
            i++;
        for (dg = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            dg++;
        if (l >= 1 && l <= 6 && upper && dg >= 2 &&
            (a == 0 || !is_word_char(s[a - 1]))) {
            size_t k;

            for (k = 0; k < l; k++)
                low[k] = (char)(s[a + k] >= 'A' && s[a + k] <= 'Z'
                                    ? s[a + k] - 'A' + 'a'
                                    : s[a + k]);
            if ((!word_in(low, l, not_codes) &&
                 (l < 3 || !dose_word(low, l))) ||
                (l == 1 && dg >= 3))
                return 1;
        }
        if (i == a)
            i++;
    }
    return 0;
}

/* Whether s[0..n) (low, lower-cased) names a group and gives it nothing:
 * "Rheumatic disease with COVID-19:N/A", "Health care group: None", as
 * registries of observational studies write each group with its
 * intervention. The text after the last colon is an empty value. */
static int group_given_nothing(const char *s, size_t n, const char *low)
{
    size_t i = n;

    while (i > 0 && s[i - 1] != ':')
        i--;
    if (i < 2 || i >= n || strlen(low) != n)
        return 0;
    return has_letter(s, i - 1) && empty_value(low + i);
}

/* Whether low describes a group of people ("Medical staff in Tongji
 * Hospital", "college students", "Patients with mild COVID-19"): its
 * first or second word names people, or the word after a group number
 * or letter ("Group 1: Patient with ..."). */
static int population(const char *low)
{
    static const char *const people[] = {
        "patients", "patient", "staff", "workers", "students", "clinicians",
        "physicians", "doctors", "nurses", "women", "men", "children",
        "adults", "infants", "volunteers", "participants", "subjects",
        "people", "population", "persons", "individuals", "residents",
        "employees", "household", "contacts", "pregnant", NULL,
    };
    size_t i = 0, w;

    for (w = 0; low[i]; w++) {
        size_t a, k;

        while (low[i] && !is_word_char(low[i]))
            i++;
        a = i;
        while (is_word_char(low[i]))
            i++;
        if (i > a && word_in(low + a, i - a, people))
            return 1;
        /* After the first word, a group number or letter may come
         * first: "Group 1: Patients with ...", "Arm B: healthy ..." */
        for (k = a; k < i && low[k] >= '0' && low[k] <= '9'; k++)
            ;
        if (w >= 1 && k < i && i - a > 1)
            return 0;
    }
    return 0;
}

/* Whether low names a condition: its last word is a word of disease
 * ("Underlying autoinflammatory disease", "concomitant diseases",
 * "Rheumatic disease"), as observational studies give their groups. */
static int condition(const char *low)
{
    static const char *const words[] = {
        "disease",  "diseases", "disorder",    "disorders",
        "syndrome", "syndromes", "comorbidity", "comorbidities", NULL,
    };
    size_t i = strlen(low), b;

    while (i > 0 && !is_word_char(low[i - 1]))
        i--;
    b = i;
    while (i > 0 && is_word_char(low[i - 1]))
        i--;
    return b > i && word_in(low + i, b - i, words);
}

static int part_kind(const char *s, size_t n, ts_itype type, int long_text,
                     int *mod, const char **why)
{
    char low[512];
    size_t words = words_in(s, n);

    lower_copy(s, n, low, sizeof(low));
    *mod = -1;
    *why = NULL;
    if (has_code(s, n))
        return PART_DRUG;
    if (!has_letter(s, n) || empty_value(low) || dose_only(low) ||
        ((type == TS_ITYPE_NONE || words >= 2) && label_only(low))) {
        *why = "an empty value, a dose or a group label";
        return PART_NOTHING;
    }
    *why = assessment_word(low);
    if (*why) {
        *mod = TS_MOD_ASSESSMENT;
        return PART_OTHER;
    }
    *why = control_word(low);
    if (!*why && negated(s, n))
        *why = "a negation (no agent given)";
    if (!*why && words <= 3 &&
        (has_word(low, "control") || has_word(low, "controls") ||
         has_word(low, "blank")))
        *why = "control";
    if (*why)
        return PART_CONTROL;
    if (type == TS_ITYPE_DRUG || type == TS_ITYPE_BIOLOGICAL ||
        type == TS_ITYPE_COMBINATION) {
        /* Typed as a drug but named by the words of a device, procedure,
         * diet or behaviour ("Femoral nerve catheter", "Focused shockwave
         * therapy", "Diet", "Lumbar puncture", "CPAP Therapy"). */
        *mod = non_drug_modality(low, why);
        if (*mod >= 0)
            return PART_OTHER;
        *why = NULL;
    }
    if (type == TS_ITYPE_NONE) {
        int kw = keyword_modality(low, why);

        if (kw == TS_MOD_SURGERY || kw == TS_MOD_RADIO) {
            *mod = kw;
            return PART_OTHER;
        }
        *mod = untyped_modality(low, why);
        if (*mod >= 0)
            return PART_OTHER;
        if (population(low) && !intake_words(low)) {
            *why = "a group of people, not a treatment";
            return PART_NOTHING;
        }
        if (condition(low) && !intake_words(low)) {
            *why = "a condition, not a treatment";
            return PART_NOTHING;
        }
    }
    return (words > 5 || long_text) && !intake_words(low) ? PART_PROSE
                                                          : PART_DRUG;
}

/* Whether low is a description of the study, not a name: a sentence that
 * starts with an article, a pronoun or a word of study conduct ("The
 * session will last 45 minutes", "One hospital site will use method 1",
 * "Adherence will be measured ...") and says nothing is given or taken. */
static int description(const char *low)
{
    static const char *const starts[] = {
        "the", "a", "an", "this", "these", "those", "both", "each", "all",
        "one", "two", "three", "for", "after", "before", "during", "if",
        "when", "there", "it", "we", "they", "randomization",
        "randomisation", "adherence", "follow", "data", "information", NULL,
    };
    size_t i = 0, a;

    while (low[i] && !is_word_char(low[i]))
        i++;
    a = i;
    while (is_word_char(low[i]))
        i++;
    return words_in(low, strlen(low)) > 5 && word_in(low + a, i - a, starts) &&
           !intake_words(low);
}

/* Whether s[0..n) is "i.e." or "e.g." (the regimen IE is written
 * without dots). */
/* Whether part s[0..n) is the initials of the part before it, p[0..pn)
 * ("Temporal Interference,TI", "Continuous positive airway pressure,
 * CPAP"): it names nothing the part before did not. */
static int initials_of(const char *p, size_t pn, const char *s, size_t n)
{
    size_t i = 0, k = 0;

    while (n && !is_word_char(*s)) {
        s++;
        n--;
    }
    while (n && !is_word_char(s[n - 1]))
        n--;
    if (n < 2 || n > 6 || !p)
        return 0;
    for (i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
            return 0;
    for (i = 0; i < pn && k <= n;) {
        while (i < pn && !is_word_char(p[i]))
            i++;
        if (i >= pn)
            break;
        if (k == n || (p[i] | 0x20) != (s[k] | 0x20))
            return 0;
        k++;
        while (i < pn && is_word_char(p[i]))
            i++;
    }
    return k == n;
}

static int abbreviation(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '(')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == ')'))
        n--;
    return (n == 4 || n == 3) &&
           (strncasecmp(s, "i.e.", n) == 0 || strncasecmp(s, "e.g.", n) == 0);
}

/* Whether a part of free text is a sentence that says a medicine is
 * given: every word of it may start a name. */
static int prose_intake(const char *s, size_t n)
{
    char low[512];

    lower_copy(s, n, low, sizeof(low));
    return words_in(s, n) > 5 && intake_words(low);
}

/* ---- base names: a name without its dose and arm qualifiers ---- */

/* A word of a text split at spaces, with the punctuation around it and
 * its lower-case letters and digits. */
typedef struct span_word {
    size_t a, b;            /* the token in the text */
    size_t na, nb;          /* its name part: no brackets or punctuation */
    char low[24];           /* the name part lower-cased ("" if longer) */
    int mark;               /* a trademark sign ends the token's name */
    int close;              /* the token ends a bracket */
} span_word;

/* Words that qualify a name without naming anything: doses and how they
 * are given, arms, parts and cohorts, formulations. A name ends before
 * the first of them ("ACI-24.060 at Dose A", "X 40 mg (MAD)"). */
static const char *const qualifier_words[] = {
    "active", "administered", "arm", "ascending", "at", "bid", "bolus",
    "booster", "cap", "caps", "capsule", "capsules", "cohort", "daily",
    "dosage", "dose", "doses", "dosing", "drug", "every", "formula",
    "formulation", "given", "group", "groups", "high", "im", "infusion",
    "inhalation", "injection", "intramuscular", "intranasal", "intrathecal",
    "intravenous", "iv", "level", "low", "mad", "medium", "mid", "moderate",
    "monthly", "multiple", "nebulised", "nebulized", "on", "once", "oral",
    "part", "patch", "patches", "po", "primary", "product", "qd",
    "reference", "sad", "sc", "single", "subcutaneous", "tab", "tablet",
    "tablets", "tabs", "test", "tid", "twice", "weekly",
    /* schedules: "every two weeks" */
    "day", "days", "hour", "hours", "month", "months", "three", "times",
    "two", "week", "weeks",
};

/* Words before a name that say what is done with it, or which arm it
 * is: "Administer X", "Experimental: X", "Part 1 X", "Active X". */
static const char *const lead_words[] = {
    "active",     "add-on",     "administer", "administration", "arm",     "cohort",
    "comparator", "experimental", "give",         "group",   "of",
    "part",       "receive",    "receiving",      "take",    "taking",
    "treatment",  "use",        "using",          "with",
};

/* Words that join a name to what follows it: left at the end when the
 * name is cut before a qualifier ("AT-1501 on day 1", "Thymosin for
 * injection"), they are no part of it. */
static const char *const joining_words[] = {
    "and", "as", "at", "by", "during", "for", "from", "given", "in", "of",
    "on", "or", "per", "plus", "then", "to", "via", "with",
};

/* Words that make a text a placebo or sham of what it names. */
static const char *const placebo_words[] = {
    "dummy", "matching", "placebo", "placebos", "sham", "vehicle",
};

/* Units after a number ("20 ug" with a micro sign, "100 millions",
 * "12 cm2"). */
static const char *const dose_units[] = {
    "%", "billion", "billions", "cells", "cgy", "cm", "cm2", "cm^2", "g",
    "gbq", "gm", "gy", "iu", "kg", "l", "m2", "mbq", "mcg", "mci", "mg",
    "mg/day", "mg/kg", "mg/m2", "mg/ml", "microgram", "micrograms",
    "milligram", "milligrams", "million", "millions", "ml", "mmol", "ng",
    "pfu", "u", "ug", "unit", "units", "vp",
    "\xc2\xb5g", "\xce\xbcg",
};

static int in_words(const char *w, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return 1;
    return 0;
}

#define IN_WORDS(w, list) in_words(w, list, sizeof(list) / sizeof(list[0]))

/* Whether w is a number, alone (1) or glued to a unit (2: "40mg"). */
static int glued_dose_number(const char *w)
{
    const char *p = w;

    if (*p < '0' || *p > '9')
        return 0;
    while ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',')
        p++;
    if (!*p)
        return 1;
    return IN_WORDS(p, dose_units) ? 2 : 0;
}

/* A label after "Part", "Cohort", "Arm", "Group", "Dose": a number, a
 * Roman numeral or one letter. */
static int arm_label(const char *w)
{
    if (glued_dose_number(w) == 1)
        return 1;
    if (w[0] && !w[1])
        return 1;
    return w[0] && strspn(w, "ivx") == strlen(w) && strlen(w) <= 4;
}

/* Whether the words from w[i] to the end of its brackets are qualifiers,
 * arm labels, doses or units only. */
static int qualifiers_only(const span_word *w, size_t i, size_t nw)
{
    size_t k;

    for (k = i; k < nw; k++) {
        const char *t = w[k].low;

        if (w[k].na < w[k].nb && !IN_WORDS(t, qualifier_words) &&
            !IN_WORDS(t, lead_words) && !IN_WORDS(t, dose_units) &&
            !glued_dose_number(t) && !(k > i && arm_label(t)))
            return 0;
        if (w[k].close)
            break;
    }
    return 1;
}

static size_t split_words(const char *s, size_t n, span_word *w, size_t max)
{
    size_t i = 0, nw = 0;

    while (i < n && nw < max) {
        span_word *t = &w[nw];
        size_t k, j;

        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= n)
            break;
        t->a = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        t->b = i;
        t->na = t->a;
        while (t->na < t->b && strchr("([{\"'", s[t->na]))
            t->na++;
        t->nb = t->b;
        t->mark = 0;
        t->close = s[t->b - 1] == ')' || s[t->b - 1] == ']' ||
                   (t->b - t->a > 1 && strchr(")]", s[t->b - 2]));
        /* A trademark sign ends the name: "Brand(R) drug product". */
        for (j = t->na; j + 1 < t->nb; j++)
            if (((unsigned char)s[j] == 0xC2 &&
                 ((unsigned char)s[j + 1] == 0xAE ||
                  (unsigned char)s[j + 1] == 0xA9)) ||
                (j + 2 < t->nb && (unsigned char)s[j] == 0xE2 &&
                 (unsigned char)s[j + 1] == 0x84 &&
                 (unsigned char)s[j + 2] == 0xA2)) {
                t->nb = j;
                t->mark = 1;
                break;
            }
        while (t->nb > t->na && strchr(")]}\"',;:.", s[t->nb - 1]))
            t->nb--;
        /* "-", "--", "&": no letter or digit, not a word of the name. */
        for (j = t->na; j < t->nb && !is_word_char(s[j]) &&
                        (unsigned char)s[j] < 0x80;
             j++)
            ;
        if (j == t->nb)
            t->na = t->nb;
        k = 0;
        for (j = t->na; j < t->nb && k < sizeof(t->low) - 1; j++) {
            char ch = s[j];

            t->low[k++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
        }
        t->low[j < t->nb ? 0 : k] = '\0';
        nw++;
    }
    return nw;
}

/*
 * The name in s[0..n) without what qualifies it: leading verbs and arm
 * labels ("Administer", "Experimental:", "Part 1"), then the name's
 * words up to the first dose ("40 mg", "20 ug", "10mg/kg"), qualifier
 * ("at Dose A", "(MAD)", "IV dose of", "- MCI") or trademark sign.
 * Sets *b and *bn; returns 0 when s names nothing but qualifiers, 1 when
 * a name of at most four words is left, -1 when the text is prose or
 * too long to read this way (the caller keeps the whole text).
 */
static int base_name(const char *s, size_t n, const char **b, size_t *bn)
{
    span_word w[24];
    size_t nw = split_words(s, n, w, 24), i = 0, k, first, last;

    if (nw == 0 || nw == 24)
        return -1;
    /* What comes before the name. */
    while (i < nw) {
        const char *t = w[i].low;
        int num = glued_dose_number(t);

        if (w[i].na == w[i].nb) {
            i++;                        /* "-", ":", "(" */
        } else if (strchr(t, '%') ||
                   (i + 1 < nw && !strcmp(w[i + 1].low, "%"))) {
            break;      /* a strength names the product: "0.9% saline" */
        } else if (num == 2 || (num == 1 && i + 1 < nw &&
                                IN_WORDS(w[i + 1].low, dose_units))) {
            i += num == 2 ? 1 : 2;      /* "12 cm2 - 2 Active X" */
        } else if (num == 1 && i + 1 < nw) {
            i++;
        } else if ((!strcmp(t, "part") || !strcmp(t, "cohort") ||
                    !strcmp(t, "arm") || !strcmp(t, "group")) &&
                   i + 1 < nw && arm_label(w[i + 1].low)) {
            i += 2;
        } else if (IN_WORDS(t, lead_words) ||
                   IN_WORDS(t, qualifier_words) ||
                   IN_WORDS(t, joining_words)) {
            i++;        /* a joining word never starts a name */
        } else {
            break;
        }
    }
    if (i == nw)
        return 0;
    first = i;
    last = i;
    for (i = first; i < nw; i++) {
        const char *t = w[i].low;
        int num = glued_dose_number(t);

        if (i > first) {
            if (s[w[i].a] == '(' || s[w[i].a] == '[') {
                /* "(MAD)", "(Part II)", "(7mg)" qualify the name; "(ZR-1)"
                 * may be its code: the text is kept whole. */
                if (!qualifiers_only(w, i, nw))
                    return -1;
                break;
            }
            if (w[i].na == w[i].nb || IN_WORDS(t, qualifier_words) ||
                num == 2 ||
                (num == 1 && i + 1 < nw &&
                 IN_WORDS(w[i + 1].low, dose_units)))
                break;
            /* "Patients receive X every three weeks" is prose. */
            if (IN_WORDS(t, lead_words))
                return -1;
        }
        last = i;
        if (w[i].mark || s[w[i].b - 1] == ',' || s[w[i].b - 1] == ';')
            break;
    }
    /* A word that joins the name to the qualifier cut off is not part of
     * it: "AT-1501 on day 1", "X at Dose A", "X given by infusion". */
    if (last + 1 < nw)
        while (last > first && IN_WORDS(w[last].low, joining_words))
            last--;
    if (last - first >= 4)
        return -1;
    /* A placebo of the drug ("X tablets placebo", "X Arm Matching
     * Placebo") is read as written. */
    for (i = last + 1; i < nw; i++)
        if (IN_WORDS(w[i].low, placebo_words))
            return -1;
    *b = s + w[first].na;
    *bn = w[last].nb - w[first].na;
    if (!has_letter(*b, *bn))
        return 0;
    /* One or two characters ("A" of "Formulation A") are a label, not a
     * name to look up: the text is kept whole. */
    for (i = 0, k = 0; i < *bn; i++)
        k += is_word_char((*b)[i]);
    return k >= 3 ? 1 : -1;
}

/*
 * Spelling tolerance: a single word of letters no dictionary names, in a
 * drug or biological text, that is one edit from exactly one dictionary
 * name, from its third letter on, is that name (words keep their first
 * letters when misspelt; "Origin" is not the brand Onrigin, nor
 * "concentrate" the "C concentrate" of protein C). The edit is a letter left
 * out or added, or two neighbours swapped, with a name of NEAR_MIN
 * letters or more ("Leqemi" is Leqembi, "Semagludtide" semaglutide), or
 * a letter changed in a word of NEAR_SUBST letters or more ("aducanamab"
 * is aducanumab): distinct names of shorter drugs often differ by one
 * letter (Albutein, albumin, is not albutoin; "Retinal" is not retinol).
 * Never for research codes (a word with a digit), never when two names
 * are that close.
 */
#define NEAR_MIN 7
#define NEAR_SUBST 10
#define NEAR_MEMO 65536     /* words remembered as no misspelling */

typedef struct near_hit {
    const ts_substance *sub;
    ts_dict_hit hit;
    char key[48];
    int ambiguous;
} near_hit;

static void near_try(const ts_dict *d, const char *v, size_t n, near_hit *h)
{
    const ts_substance *out[2];
    ts_dict_hit hit;
    size_t k;

    if (n < NEAR_MIN || h->ambiguous)
        return;
    /* v is one lower-case word of letters: its key is itself. */
    k = dict_lookup_key(d, v, n, out, 2, &hit);
    if (k == 0)
        return;
    if (k > 1 || (h->sub && h->sub != out[0])) {
        h->ambiguous = 1;
        return;
    }
    if (!h->sub) {
        h->sub = out[0];
        h->hit = hit;
        memcpy(h->key, v, n);
        h->key[n] = '\0';
    }
}

/* When the key of s[0..*n) (salt, formulation, route and dose words
 * dropped) is one word of the text, of letters only, narrows *s and *n
 * to that word. */
static void one_word_of_key(const char **s, size_t *n)
{
    ts_strbuf key = {0};
    size_t kn = dict_key(*s, *n, 0, &key), i = 0;

    while (kn && i < *n) {
        size_t a, k;

        while (i < *n && (*s)[i] == ' ')
            i++;
        a = i;
        while (i < *n && (*s)[i] != ' ')
            i++;
        if (i - a != kn)
            continue;
        for (k = 0; k < kn; k++) {
            char ch = (*s)[a + k];

            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch - 'A' + 'a');
            if (ch != key.buf[k])
                break;
        }
        if (k == kn) {
            *s += a;
            *n = kn;
            break;
        }
    }
    sb_free(&key);
}

static size_t match_near_word(const ts_dict *d, const char *s, size_t n,
                              const char *word, size_t wn, ts_class *c);

/* Whether the dictionary name is the word w[0..n) and one more word of a
 * single letter ("peptide T" for "peptide", "protein C"): a letter added
 * at the end that is a word of its own names another thing. */
static int adds_a_word(const char *name, const char *w, size_t n)
{
    size_t len = strlen(name), i, k = 0;

    if (len < 3 || !is_word_char(name[len - 1]) || is_word_char(name[len - 2]))
        return 0;
    for (i = 0; i + 1 < len; i++) {
        char ch = name[i];

        if (!is_word_char(ch))
            continue;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if (k >= n || ch != w[k])
            return 0;
        k++;
    }
    return k == n;
}

/* A name one letter from a dictionary name, for the word of a one-word
 * name ("Venalafaxine hydrochloride": its salt, formulation and route
 * words dropped). */
static size_t match_near(const ts_dict *d, const char *s, size_t n,
                         ts_class *c)
{
    if (memchr(s, ' ', n))
        one_word_of_key(&s, &n);
    return match_near_word(d, s, n, s, n, c);
}

/* How many words of s[0..n) have a capital letter, or letters and digits
 * ("Zorib", "AB12"): words that may be names. */
static size_t named_words(const char *s, size_t n)
{
    size_t i = 0, count = 0;

    while (i < n) {
        int upper = 0, letter = 0, digit = 0;

        while (i < n && !is_word_char(s[i]))
            i++;
        while (i < n && is_word_char(s[i])) {
            upper |= s[i] >= 'A' && s[i] <= 'Z';
            letter |= (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z');
            digit |= s[i] >= '0' && s[i] <= '9';
            i++;
        }
        count += upper || (letter && digit);
    }
    return count;
}

/* Whether a word of a name of several words may be tried alone for a
 * misspelling: not a word the key drops ("hydrochloride", "phosphate"),
 * and not one a dictionary name is only the plural of ("supplement",
 * "interleukin": a generic word, not a misspelt name). */
static int near_word_ok(const ts_dict *d, const char *w, size_t n)
{
    ts_strbuf key = {0};
    const ts_substance *out[2];
    char v[48];
    size_t kn = dict_key(w, n, 0, &key), i;

    sb_free(&key);
    if (kn != n || n + 1 >= sizeof(v))
        return 0;
    for (i = 0; i < n; i++)
        v[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] - 'A' + 'a' : w[i]);
    v[n] = 's';
    return dict_lookup_key(d, v, n + 1, out, 2, NULL) == 0;
}

/* The last resort for a drug-typed part of two to four words that nothing
 * named, not even in runs of its words: the key of the base name, which is
 * how a name of several words is stored, one letter from a dictionary
 * name ("Indocyaine Green", "Povidine-iodine", "gama-Globulin"); else a
 * word of seven letters or more one letter from a one-word name
 * ("intake hydroxycholoroquine 0.2"). */
static size_t match_near_words(const ts_dict *d, const char *s, size_t n,
                               ts_class *c)
{
    ts_strbuf key = {0};
    const char *b;
    size_t bn, kn, i, words, k = 0;

    if (base_name(s, n, &b, &bn) <= 0)
        return 0;
    words = words_in(b, bn);
    if (words < 2 || words > 4)
        return 0;
    kn = dict_key(b, bn, 0, &key);
    for (i = 0; i < kn; i++)
        if (key.buf[i] < 'a' || key.buf[i] > 'z')
            break;
    if (kn && i == kn)
        k = match_near_word(d, b, bn, key.buf, kn, c);
    sb_free(&key);
    /* One word alone, when the others are lower-case words or numbers:
     * beside another capitalised word or a code ("Pazopanb Zorib") the
     * name may be that other word. */
    if (!k && named_words(b, bn) > 1)
        return 0;
    for (i = 0; i < bn && !k;) {
        size_t a;

        while (i < bn && !is_word_char(b[i]))
            i++;
        a = i;
        while (i < bn && is_word_char(b[i]))
            i++;
        if (i - a >= NEAR_MIN && near_word_ok(d, b + a, i - a))
            k = match_near_word(d, b + a, i - a, b + a, i - a, c);
    }
    return k;
}

/* match_near for one word of letters, word[0..wn) (lower or upper case),
 * standing for the text s[0..n). */
static size_t match_near_word(const ts_dict *d, const char *s, size_t n,
                              const char *word, size_t wn, ts_class *c)
{
    char w[40], v[48];
    size_t i, tn = n;
    near_hit h;
    char ch;

    if (wn + 1 < NEAR_MIN || wn >= sizeof(w))
        return 0;
    for (i = 0; i < wn; i++) {
        ch = word[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if (ch < 'a' || ch > 'z')
            return 0;           /* a code, or more than one word */
        w[i] = ch;
    }
    n = wn;
    /* Registries repeat their unknown names trial after trial: a word
     * found to be no misspelling is not tried again. */
    if (c->near_miss && c->near_dict != d) {
        strmap_free(c->near_miss);
        c->near_miss = NULL;
    }
    if (c->near_miss && strmap_find(c->near_miss, w, n) != TS_STRMAP_NONE)
        return 0;
    memset(&h, 0, sizeof(h));
    /* A letter left out of the name: add one. */
    for (i = 2; i <= n && !h.ambiguous; i++)
        for (ch = 'a'; ch <= 'z'; ch++) {
            memcpy(v, w, i);
            v[i] = ch;
            memcpy(v + i + 1, w + i, n - i);
            near_try(d, v, n + 1, &h);
        }
    /* A letter too many: drop one. */
    for (i = 2; i < n && !h.ambiguous; i++) {
        memcpy(v, w, i);
        memcpy(v + i, w + i + 1, n - i - 1);
        near_try(d, v, n - 1, &h);
    }
    /* A letter changed, or two neighbours swapped. */
    for (i = 2; i < n && !h.ambiguous; i++) {
        memcpy(v, w, n);
        for (ch = 'a'; ch <= 'z' && n >= NEAR_SUBST; ch++)
            if (ch != w[i]) {
                v[i] = ch;
                near_try(d, v, n, &h);
            }
        if (i + 1 < n && w[i] != w[i + 1]) {
            memcpy(v, w, n);
            v[i] = w[i + 1];
            v[i + 1] = w[i];
            near_try(d, v, n, &h);
        }
    }
    if (h.sub && !h.ambiguous && adds_a_word(h.sub->name, w, n))
        h.sub = NULL;
    if (!h.sub || h.ambiguous) {
        int added;

        if (!c->near_miss || strmap_count(c->near_miss) >= NEAR_MEMO) {
            strmap_free(c->near_miss);
            c->near_miss = strmap_new();
            c->near_dict = d;
        }
        strmap_intern(c->near_miss, w, n, &added);
        return 0;
    }
    {
        char rule[320];
        match_how m = {memchr(s, ' ', tn) ? "the words" : "the word", s, tn,
                       NULL, rule};

        snprintf(rule, sizeof(rule),
                 "no dictionary name; one letter from \"%s\" (%s:%lu), the "
                 "only name that close (spelling tolerance: a letter left "
                 "out, added or swapped in names of %d letters or more, "
                 "changed in names of %d or more)",
                 h.key, h.hit.file, h.hit.line, NEAR_MIN, NEAR_SUBST);
        add_sub(c, d, h.sub, &m);
        if (c->explain)
            why_add(c, "misspelling", h.sub->name, h.hit.file, h.hit.line,
                    rule);
    }
    return 1;
}

/* Whether s[0..n) is one of placebo_words ("Placebo", "Sham"). */
static int placebo_name(const char *s, size_t n)
{
    char low[16];

    if (n >= sizeof(low))
        return 0;
    lower_copy(s, n, low, sizeof(low));
    return IN_WORDS(low, placebo_words);
}

/* A part no name matched: its base name, then a misspelling of one. */
static size_t match_base(const ts_dict *d, const char *s, size_t n,
                         int drug, ts_class *c)
{
    const char *b;
    size_t bn, k = 0;

    if (base_name(s, n, &b, &bn) <= 0)
        return 0;
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    if (b != s || bn != n)
        k = lookup_add(d, b, bn, c,
                       "the name without its dose and arm qualifiers");
    if (!k && drug)
        k = match_near(d, b, bn, c);
    /* What follows the name may name another ("Budesonide in
     * Calfactant", "Docetaxel * Sunitinib"): its own base name, read as
     * words, so "at Dose A" stays a qualifier. What follows a placebo
     * ("Placebo for IV acetaminophen") is what it stands in for. */
    if (k && b + bn < s + n && !placebo_name(b, bn)) {
        const char *r = b + bn, *rb;
        size_t rbn;

        if (base_name(r, (size_t)(s + n - r), &rb, &rbn) > 0)
            k += match_windows(d, rb, rbn, 0, c);
    }
    return k;
}

/* The length of s[0..n) without a closing bracket that names the maker
 * ("Infasurf (ONY, Inc.)", "Xeomin (MERZ PHARMACEUTICALS GMBH)"): two
 * words or more, the last a company word. */
static size_t without_maker(const char *s, size_t n)
{
    static const char *const company[] = {
        "inc", "ltd", "llc", "gmbh", "corp", "corporation", "limited",
        "plc", "pharma", "pharmaceuticals", "pharmaceutical",
        "laboratories", "company", NULL,
    };
    size_t open, e, a, words;

    if (n < 4 || s[n - 1] != ')')
        return n;
    for (open = n - 1; open > 0 && s[open - 1] != '(' && s[open - 1] != ')';
         open--)
        ;
    if (open == 0 || s[open - 1] != '(')
        return n;
    words = words_in(s + open, n - 1 - open);
    /* The last word of the bracket. */
    for (e = n - 1; e > open && !is_word_char(s[e - 1]); e--)
        ;
    for (a = e; a > open && is_word_char(s[a - 1]); a--)
        ;
    {
        char low[24];

        if (words < 2 || e - a >= sizeof(low))
            return n;
        lower_copy(s + a, e - a, low, sizeof(low));
        if (!word_in(low, e - a, company))
            return n;
    }
    for (open--; open > 0 && (s[open - 1] == ' ' || s[open - 1] == '\t');
         open--)
        ;
    return has_letter(s, open) ? open : n;
}

/* Whether a text that named nothing is no treatment: an assessment by
 * its words, or a control arm ("Control", and with control_words the
 * control wordings of control_word); adds that modality. */
static int not_treatment(ts_class *c, const char *s, size_t n,
                         const char *low, int drug, int control_words)
{
    const char *word = assessment_word(low);

    if (word) {
        add_rule_modality(c, TS_MOD_ASSESSMENT, s, n,
                          "an assessment, not a treatment (keyword)");
        return 1;
    }
    word = control_words ? control_word(low) : NULL;
    /* "Control", "Controls", "Control arm": short texts only. */
    if (!word && words_in(s, n) <= 3 &&
        (has_word(low, "control") || has_word(low, "controls")))
        word = "control";
    if (!word)
        return 0;
    add_rule_modality(c, TS_MOD_PLACEBO, s, n,
                      "a control arm naming no agent (keyword)");
    if (drug)
        c->placebo++;
    return 1;
}

/* Whether s[0..n) has a trademark sign (U+2122, U+00AE, U+00A9): a
 * product's own name is in it ("Antivenin ... Anascorp(TM)"), so the
 * kind of product it is waits until runs of its words are looked up. */
static int brand_sign(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i + 1 < n; i++)
        if (((unsigned char)s[i] == 0xC2 &&
             ((unsigned char)s[i + 1] == 0xAE ||
              (unsigned char)s[i + 1] == 0xA9)) ||
            (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
             (unsigned char)s[i + 1] == 0x84 &&
             (unsigned char)s[i + 2] == 0xA2))
            return 1;
    return 0;
}

static size_t classify_item(const ts_dict *d, const char *text, size_t len,
                            ts_class *c)
{
    size_t start, k = 0, inferred = 0;
    ts_itype type = classify_type(text, len, &start);
    const char *s = text + start;
    size_t n = len - start;
    int drug = drug_like(type);
    char low[512];
    const char *word = NULL;
    int parts_noted = 0, later;

    c->dict = d;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    n = without_maker(s, n);
    if (n == 0 || !has_letter(s, n))
        return 0;
    c->item_modalities = 0;
    /* With a separator outside parentheses the text names several
     * things ("Nivolumab (BMS-936558) + Ipilimumab"): a code in
     * parentheses stands for one of them only, so it waits for the split. */
    k = match_simple(d, s, n, !splits_outside_parens(s, n), c,
                     "the whole text");
    if (!k)
        k = match_rules(d, s, n, c);
    lower_copy(s, n, low, sizeof(low));
    /* A generic wording names the treatment even in a control arm's
     * words ("Standard of care administration of endocrine therapy"). */
    if (!k && drug && !splits_outside_parens(s, n) && !negated(s, n) &&
        !assessment_word(low) && !brand_sign(s, n))
        k = rule_kind(d, s, n, c);
    /* Not treatment: an assessment, or a control arm naming no agent.
     * A text of several parts is judged part by part (below), so that a
     * control arm beside a medicine ("Conventional treatment: donepezil")
     * or, in free text of no registry type, a swab beside it does not
     * hide it. A drug-typed text of several parts is an assessment only
     * when no part names a medicine ("Sildenafil and questionnaire",
     * "Amyloid PET with Amyvid" name one). */
    later = drug && type != TS_ITYPE_NONE && splits_outside_parens(s, n);
    /* A control arm's words around a name name that medicine ("Standard
     * of care administration of letrozole", "Usual care with endocrine
     * therapy"): the name is looked for before the text is called a
     * control arm. */
    if (!k && drug && !splits_outside_parens(s, n) && !negated(s, n) &&
        !assessment_word(low) && control_word(low))
        k = match_windows(d, s, n, type != TS_ITYPE_NONE ? 2 : 0, c);
    if (!k && type != TS_ITYPE_DEVICE && !later &&
        (!drug || !splits_outside_parens(s, n)) &&
        not_treatment(c, s, n, low, drug, 1))
        return 0;
    if (!k) {
        /* Split into parts. A part nothing named is judged by its words
         * (part_kind): doses, schedules, group labels and empty values
         * belong to the item and are no mention; control arms,
         * assessments, procedures, devices, behaviour and diet are no
         * medicine; the rest may name one. */
        size_t i = 0, a = 0, nmiss = 0, capmiss = 0, ndrug = 0, nprose = 0;
        size_t nnothing = 0, ncontrol = 0, nother = 0, depth = 0, prevn = 0;
        const char *prev = NULL;
        size_t *miss = NULL;
        int other_mod = -1, heading, long_text;
        const char *other_why = NULL, *control_why = NULL;
        ts_strbuf key = {0};

        /* "Patients will be randomised to:", "Cohort identification:" */
        heading = s[n - 1] == ':' && words_in(s, n) >= 2;
        long_text = words_in(s, n) > 25 ||
                    (type == TS_ITYPE_NONE && description(low));
        while (i <= n) {
            size_t e;

            /* A "/" inside a bracket that closes does not split it
             * ("CKD-355A (D797/Memantine)": the bracket explains the
             * name before it). Commas and "+" there still do: "(ARBs,
             * losartan)", "(eg, R-ICE)" list names. */
            if (i < n && s[i] == '(' && memchr(s + i, ')', n - i))
                depth++;
            else if (i < n && s[i] == ')' && depth)
                depth--;
            e = i < n && !(depth && s[i] == '/') ? separator_at(s, n, i)
                                                 : 0;

            if (i == n || e) {
                size_t got;

                const char *b = s + a;
                size_t bn = i - a;
                int base = base_name(s + a, i - a, &b, &bn);

                if (abbreviation(s + a, i - a)) {
                    nnothing++;     /* "i.e.", "e.g.": not "IE" */
                } else if (initials_of(prev, prevn, s + a, i - a)) {
                    nnothing++;
                } else if (base == 0) {
                    /* A part of qualifiers only ("every two weeks")
                     * names nothing, as a part of doses only. */
                    nnothing++;
                } else if (dict_key(s + a, i - a, 0, &key) > 0) {
                    got = match_simple(d, s + a, i - a, 1, c, "the part");
                    if (!got && base > 0)
                        got = match_base(d, s + a, i - a, drug, c);
                    if (!got && (a > 0 || i < n))
                        got = match_rules(d, s + a, i - a, c);
                    {
                        int mod = -1, kind = PART_DRUG, quick = 0;
                        const char *why = NULL;
                        int neg = negated(s + a, i - a);

                        /* Doses, labels, control arms and assessments are
                         * judged before words inside the part are looked
                         * for ("Blood sample and CSF collection"). */
                        if (!got) {
                            kind = part_kind(s + a, i - a, type, long_text,
                                             &mod, &why);
                            quick = kind == PART_NOTHING ||
                                    kind == PART_CONTROL ||
                                    (kind == PART_OTHER &&
                                     why == assessment_word_of(s + a, i - a));
                        }
                        if (!got && !quick && !neg)
                            got = match_windows(d, s + a, i - a,
                                                drug && type != TS_ITYPE_NONE
                                                    ? 2
                                                    : 0,
                                                c);
                        if (!got && !quick && drug && !neg)
                            got = rule_kind(d, s + a, i - a, c);
                        if (!got && !quick && drug && !neg)
                            got = match_near_words(d, s + a, i - a, c);
                        if (!got && !quick && drug && !neg &&
                            match_stem(d, s + a, i - a, c)) {
                            got = 1;
                            inferred++;
                        }
                        if (!got && !quick && type == TS_ITYPE_NONE && !neg &&
                            prose_intake(s + a, i - a))
                            got = match_windows(d, s + a, i - a, 1, c);
                    if (!got) {
                        if (kind == PART_DRUG) {
                            if (base < 0) {
                                b = s + a;
                                bn = i - a;
                            }
                            if (nmiss == capmiss) {
                                capmiss = capmiss ? capmiss * 2 : 16;
                                miss = xrealloc(miss,
                                                capmiss * 2 * sizeof(size_t));
                            }
                            /* Listed by its base name: "X 5 mg" and "X
                             * (MAD)" are one unmatched name. */
                            miss[2 * nmiss] = (size_t)(b - s);
                            miss[2 * nmiss + 1] = bn;
                            nmiss++;
                            ndrug++;
                        } else if (kind == PART_PROSE) {
                            nprose++;
                        } else if (kind == PART_NOTHING) {
                            nnothing++;
                        } else if (kind == PART_CONTROL) {
                            if (!ncontrol++)
                                control_why = why;
                        } else if (!nother++) {
                            other_mod = mod;
                            other_why = why;
                        }
                    }
                    }
                    k += got;
                } else if (i > a) {
                    /* Only dropped words: a dose or a route ("100 mg
                     * twice daily") is none; "potassium chloride" is. */
                    char part[256];

                    lower_copy(s + a, i - a, part, sizeof(part));
                    if (dose_only(part))
                        nnothing++;
                }
                if (i == n)
                    break;
                prev = s + a;
                prevn = i - a;
                a = e;
                i = e;
                continue;
            }
            i++;
        }
        sb_free(&key);
        if (!k && later && not_treatment(c, s, n, low, drug, 0)) {
            free(miss);
            return 0;
        }
        /* Nothing named in a group given nothing, or in a text about
         * people ("Patients with mild COVID-19 confirmed by testing",
         * "Combination Product: Patients with COVID-19 Pneumonia"), that
         * says nothing is given: no intervention, no mention. */
        if (!k && drug &&
            (group_given_nothing(s, n, low) ||
             (population(low) && !intake_words(low) && !has_code(s, n)))) {
            free(miss);
            return 0;
        }
        /* Nothing named and no part that may name a medicine: no drug
         * mention. A text of sentences only stays one (it may name a
         * medicine nobody knows). */
        if (!k && drug && !ndrug &&
            (heading || ncontrol || nother || (nnothing && !nprose) ||
             (type == TS_ITYPE_NONE && description(low)))) {
            char rule[128];

            free(miss);
            if (ncontrol) {
                snprintf(rule, sizeof(rule),
                         "a control arm naming no agent (keyword \"%s\")",
                         control_why);
                add_rule_modality(c, TS_MOD_PLACEBO, s, n, rule);
                c->placebo++;
            } else if (nother) {
                snprintf(rule, sizeof(rule), "%s, keyword \"%s\"",
                         type == TS_ITYPE_NONE ? "no registry type"
                                               : "not a treatment",
                         other_why);
                add_rule_modality(c, other_mod, s, n, rule);
            }
            return 0;
        }
        /* With part of the text matched, the parts that may name a
         * medicine are what is unmatched (short ones: a long one is a
         * sentence around the name found); with nothing matched, the
         * whole text is (below), or those parts when others were doses,
         * labels or not medicines. */
        parts_noted = !k && ndrug >= 1 && ndrug <= 2 &&
                      nprose + nnothing + ncontrol + nother > 0;
        for (i = 0; drug && i < nmiss; i++)
            if ((k && words_in(s + miss[2 * i], miss[2 * i + 1]) <= 3) ||
                parts_noted)
                note_unmatched(c, s + miss[2 * i], miss[2 * i + 1]);
        free(miss);
    }
    if (drug) {
        /* What this text matched, even if the trial had it already. An
         * assessment or diagnostic agent is not a drug mention. */
        unsigned notreat = (1u << TS_MOD_ASSESSMENT);

        if (k && c->item_modalities == 1u << TS_MOD_PLACEBO)
            c->placebo++;
        else if (!k || (c->item_modalities & ~notreat)) {
            c->mentions++;
            if (k)
                c->matched++;
            if (k && inferred == k)
                c->inferred++;
        }
    }
    if (!k) {
        int kw = keyword_modality(low, &word);
        int tm = type_modality(type);
        char rule[96];

        if (kw == TS_MOD_RADIO || kw == TS_MOD_SURGERY ||
            kw == TS_MOD_PLACEBO || kw == TS_MOD_CELL_GENE || tm < 0 ||
            (kw == TS_MOD_CHEMO && drug)) {
            if (kw >= 0) {
                snprintf(rule, sizeof(rule), "keyword \"%s\"", word);
                add_rule_modality(c, kw, s, n, rule);
            }
        } else {
            kw = -1;
        }
        if (kw < 0 && type == TS_ITYPE_OTHER) {
            /* "Other: Pilates exercises" is behavioural. */
            int om = other_modality(low, &word);

            if (om >= 0) {
                snprintf(rule, sizeof(rule),
                         "registry type OTHER, keyword \"%s\"", word);
                add_rule_modality(c, om, s, n, rule);
                tm = -1;
            }
        }
        if (kw < 0 && tm >= 0) {
            snprintf(rule, sizeof(rule), "registry type %s",
                     itype_names[type]);
            add_rule_modality(c, tm, s, n, rule);
        }
        if (drug && kw != TS_MOD_PLACEBO) {
            /* Unidentified, unless a keyword said what it is
             * ("chemotherapy"). */
            const char *b;
            size_t bn;

            if (kw < 0)
                c->unknown++;
            if (!parts_noted) {
                if (base_name(s, n, &b, &bn) > 0)
                    note_unmatched(c, b, bn);
                else
                    note_unmatched(c, s, n);
            }
        }
    }
    return k;
}

/* ---- the memo: each distinct text classified once ---- */

/*
 * A registry repeats intervention texts: "DRUG: Placebo" in thousands of
 * trials, an unknown code in every trial of its programme. What a text
 * gives does not depend on the trial, so it is worked out once, into a
 * scratch class of its own, and kept: its substances in order (the ones
 * rules and stems made, as copies), its unmatched names with their keys,
 * the modalities rules gave and its counts. Adding a kept text to a trial
 * does what classifying it there would: substances and unmatched names
 * the trial has already are not added twice, and a made substance the
 * trial has already (by name) is the one used. classify --explain works
 * without the memo.
 */

#define MEMO_TEXTS 262144           /* texts kept at most */
#define MEMO_BYTES (48u << 20)      /* and bytes of what they give */

typedef struct memo_sub {
    const ts_substance *s;  /* the dict's, or a made copy owned below */
    int made;
} memo_sub;

typedef struct memo_entry {
    size_t k;                       /* what classify_item returned */
    unsigned rule_modalities, item_modalities;
    unsigned long mentions, matched, inferred, placebo, unknown;
    memo_sub *subs;                 /* owned */
    size_t nsubs;
    char *unmatched;                /* owned; "name\0key\0" pairs */
    size_t nunmatched;
} memo_entry;

typedef struct memo_made {
    ts_substance pub;               /* views of the three below */
    char *name;                     /* owned */
    size_t *targets, *immuno;       /* owned */
    struct memo_made *next;
} memo_made;

struct ts_class_memo {
    const ts_dict *dict;            /* the one the texts were read with */
    ts_strmap *texts;               /* owned; text -> entry */
    memo_entry *e;                  /* owned */
    size_t n, cap;
    size_t bytes;
    memo_made *made;                /* owned list */
    ts_class scratch;               /* owned */
};

static void memo_clear(ts_class_memo *m)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        free(m->e[i].subs);
        free(m->e[i].unmatched);
    }
    m->n = 0;
    m->bytes = 0;
    while (m->made) {
        memo_made *next = m->made->next;

        free(m->made->name);
        free(m->made->targets);
        free(m->made->immuno);
        free(m->made);
        m->made = next;
    }
    strmap_free(m->texts);
    m->texts = NULL;
}

static void memo_free(ts_class_memo *m)
{
    if (!m)
        return;
    memo_clear(m);
    free(m->e);
    classify_free(&m->scratch);
    free(m);
}

static size_t *ids_copy(const size_t *id, size_t n)
{
    size_t *out = xmalloc((n ? n : 1) * sizeof(size_t));

    if (n)
        memcpy(out, id, n * sizeof(size_t));
    return out;
}

/* Whether s is one of the scratch class's made substances. */
static int memo_is_made(const ts_class *x, const ts_substance *s)
{
    size_t i;

    for (i = 0; x->pool && i < x->pool->n; i++)
        if (&x->pool->sub[i]->pub == s)
            return 1;
    return 0;
}

/* Keeps what the scratch class x got from a text as entry e. */
static void memo_keep(ts_class_memo *m, memo_entry *e, const ts_class *x,
                      size_t k)
{
    size_t i, len = 0;

    memset(e, 0, sizeof(*e));
    e->k = k;
    e->rule_modalities = x->rule_modalities;
    e->item_modalities = x->item_modalities;
    e->mentions = x->mentions;
    e->matched = x->matched;
    e->inferred = x->inferred;
    e->placebo = x->placebo;
    e->unknown = x->unknown;
    e->nsubs = x->nsubs;
    if (x->nsubs) {
        e->subs = xmalloc(x->nsubs * sizeof(*e->subs));
        m->bytes += x->nsubs * sizeof(*e->subs);
    }
    for (i = 0; i < x->nsubs; i++) {
        const ts_substance *s = x->subs[i];

        e->subs[i].s = s;
        e->subs[i].made = memo_is_made(x, s);
        if (e->subs[i].made) {
            memo_made *c = xmalloc(sizeof(*c));
            size_t nl = strlen(s->name) + 1;

            c->pub = *s;
            c->name = memcpy(xmalloc(nl), s->name, nl);
            c->targets = ids_copy(s->targets, s->ntargets);
            c->immuno = ids_copy(s->immuno, s->nimmuno);
            c->pub.name = c->name;
            c->pub.targets = c->targets;
            c->pub.immuno = c->immuno;
            c->next = m->made;
            m->made = c;
            m->bytes += sizeof(*c) + nl +
                        (s->ntargets + s->nimmuno) * sizeof(size_t);
            e->subs[i].s = &c->pub;
        }
    }
    e->nunmatched = x->nunmatched;
    for (i = 0; i < x->nunmatched; i++)
        len += strlen(classify_unmatched(x, i)) + 1 +
               strlen(classify_unmatched_key(x, i)) + 1;
    if (len) {
        char *p = e->unmatched = xmalloc(len);

        for (i = 0; i < x->nunmatched; i++) {
            size_t a = strlen(classify_unmatched(x, i)) + 1;
            size_t b = strlen(classify_unmatched_key(x, i)) + 1;

            memcpy(p, classify_unmatched(x, i), a);
            memcpy(p + a, classify_unmatched_key(x, i), b);
            p += a + b;
        }
        m->bytes += len;
    }
}

/* Adds what a kept text gives to c, as classifying it in c would. */
static size_t memo_give(const ts_dict *d, const memo_entry *e, ts_class *c)
{
    size_t i;
    const char *p = e->unmatched;

    for (i = 0; i < e->nsubs; i++) {
        const ts_substance *s = e->subs[i].s;
        match_how how = {"the text", s->name, strlen(s->name), NULL, NULL};

        if (e->subs[i].made) {
            const ts_substance *have = pool_find(c, s->name);

            if (!have) {
                pool_sub *q = pool_new(c, s->name, strlen(s->name));
                size_t t;

                q->pub = *s;
                for (t = 0; t < s->ntargets; t++)
                    idset_add(&q->targets, s->targets[t]);
                for (t = 0; t < s->nimmuno; t++)
                    idset_add(&q->immuno, s->immuno[t]);
                have = pool_done(q);
            }
            s = have;
        }
        add_sub(c, d, s, &how);
    }
    for (i = 0; i < e->nunmatched; i++) {
        size_t a = strlen(p), b = strlen(p + a + 1);

        unmatched_put(c, p, a, p + a + 1, b);
        p += a + 1 + b + 1;
    }
    c->modalities |= e->rule_modalities;
    c->rule_modalities |= e->rule_modalities;
    c->item_modalities = e->item_modalities;
    c->mentions += e->mentions;
    c->matched += e->matched;
    c->inferred += e->inferred;
    c->placebo += e->placebo;
    c->unknown += e->unknown;
    return e->k;
}

size_t classify_intervention(const ts_dict *d, const char *text, size_t len,
                             ts_class *c)
{
    ts_class_memo *m = c->memo;
    size_t id, k;
    int added;

    c->dict = d;
    if (c->explain)
        return classify_item(d, text, len, c);
    if (!m)
        m = c->memo = xcalloc(1, sizeof(*m));
    if (m->dict != d || m->n >= MEMO_TEXTS || m->bytes >= MEMO_BYTES) {
        memo_clear(m);
        m->dict = d;
    }
    if (!m->texts)
        m->texts = strmap_new();
    id = strmap_intern(m->texts, text, len, &added);
    if (added) {
        ts_class *x = &m->scratch;

        classify_reset(x);
        k = classify_item(d, text, len, x);
        if (m->n == m->cap) {
            m->cap = m->cap ? m->cap * 2 : 1024;
            m->e = xrealloc(m->e, m->cap * sizeof(*m->e));
        }
        memo_keep(m, &m->e[m->n++], x, k);
        m->bytes += len + sizeof(memo_entry) + 32;
    }
    return memo_give(d, &m->e[id], c);
}

/* ---- regimen ---- */

/* One component of a regimen label, with its place in the order. */
typedef struct component {
    int rank;               /* modality rank, or 100 for a class */
    const char *label;
} component;

static int cmp_component(const void *a, const void *b)
{
    const component *x = a, *y = b;

    if (x->rank != y->rank)
        return x->rank - y->rank;
    return strcmp(x->label, y->label);
}

/* Where each modality stands in a label; -1 for what is no component. */
static int modality_rank(ts_modality m)
{
    static const int rank[TS_MOD_COUNT] = {
        [TS_MOD_CHEMO] = 1,      [TS_MOD_TARGETED] = 2,
        [TS_MOD_IMMUNO] = 3,     [TS_MOD_HORMONAL] = 4,
        [TS_MOD_CELL_GENE] = 5,  [TS_MOD_RADIO] = 6,
        [TS_MOD_SURGERY] = 7,    [TS_MOD_OTHER] = 120,
        [TS_MOD_DRUG] = 110,     [TS_MOD_PROCEDURE] = 111,
        [TS_MOD_DEVICE] = 112,   [TS_MOD_BEHAVIORAL] = 113,
        [TS_MOD_DIETARY] = 114,  [TS_MOD_GENETIC] = 115,
        [TS_MOD_COMBINATION] = 116, [TS_MOD_SUPPORTIVE] = -1,
        [TS_MOD_PLACEBO] = -1,   [TS_MOD_DIAGNOSTIC] = -1,
        [TS_MOD_ASSESSMENT] = -1,
    };

    return (int)m >= 0 && m < TS_MOD_COUNT ? rank[m] : -1;
}

static int drug_modality(ts_modality m)
{
    return m == TS_MOD_CHEMO || m == TS_MOD_TARGETED || m == TS_MOD_IMMUNO ||
           m == TS_MOD_HORMONAL || m == TS_MOD_SUPPORTIVE ||
           m == TS_MOD_OTHER || m == TS_MOD_DRUG;
}

static void add_component(component **v, size_t *nv, size_t *cap, int rank,
                          const char *label)
{
    size_t i;

    for (i = 0; i < *nv; i++)
        if (strcmp((*v)[i].label, label) == 0)
            return;
    if (*nv == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *v = xrealloc(*v, *cap * sizeof(component));
    }
    (*v)[*nv].rank = rank;
    (*v)[*nv].label = label;
    (*nv)++;
}

void classify_regimen(ts_class *c)
{
    const ts_dict *d = c->dict;
    component *v = NULL;
    size_t nv = 0, cap = 0, i;
    unsigned mods = c->rule_modalities;
    int anticancer = 0;
    size_t steroid = d ? dict_class_by_key(d, "corticosteroids")
                       : TS_DRUG_CLASS_NONE;

    sb_reset(&c->regimen);
    for (i = 0; i < c->nsubs; i++) {
        ts_modality m = c->subs[i]->modality;

        mods |= 1u << m;
        anticancer |= m == TS_MOD_CHEMO || m == TS_MOD_TARGETED ||
                      m == TS_MOD_IMMUNO || m == TS_MOD_HORMONAL;
    }
    if (c->oncology < 0) {
        /* No conditions: a trial of anticancer drugs is a cancer trial. */
        c->oncology = 0;
        for (i = 0; i < c->nsubs; i++) {
            const ts_substance *s = c->subs[i];

            if (s->modality == TS_MOD_CHEMO ||
                s->modality == TS_MOD_TARGETED ||
                s->modality == TS_MOD_IMMUNO ||
                (d && s->drug_class != TS_DRUG_CLASS_NONE &&
                 dict_class(d, s->drug_class)->cancer))
                c->oncology = 1;
        }
    }
    for (i = 0; i < c->nsubs; i++) {
        const ts_substance *s = c->subs[i];
        ts_modality m = s->modality;
        size_t cls = s->drug_class;
        int rank = modality_rank(m);

        if (rank < 0 && !(m == TS_MOD_SUPPORTIVE && !c->oncology &&
                          cls != TS_DRUG_CLASS_NONE))
            continue;
        /* Prednisone in CHOP, dexamethasone with lenalidomide in a
         * myeloma regimen, prednisone with abiraterone. */
        if (anticancer && c->oncology && cls != TS_DRUG_CLASS_NONE &&
            cls == steroid)
            continue;
        /* A medicine of another disease in a cancer trial (metformin,
         * valproate) counts by its therapeutic class. */
        if (d && cls != TS_DRUG_CLASS_NONE && drug_modality(m) &&
            (!c->oncology || m == TS_MOD_DRUG ||
             (m == TS_MOD_OTHER && !dict_class(d, cls)->cancer))) {
            add_component(&v, &nv, &cap, 100, dict_class(d, cls)->label);
            continue;
        }
        if (m == TS_MOD_CHEMO && c->nchemo >= 2) {
            /* The letter's label for two or more cytotoxic agents. */
            add_component(&v, &nv, &cap, rank, "Chemotherapy + Chemotherapy");
            continue;
        }
        add_component(&v, &nv, &cap, rank, dict_modality_label(m));
    }
    for (i = 0; i < TS_MOD_COUNT; i++) {
        int rank = modality_rank((ts_modality)i);

        if ((c->rule_modalities & (1u << i)) && rank >= 0)
            add_component(&v, &nv, &cap, rank,
                          dict_modality_label((ts_modality)i));
    }
    if (c->unknown)
        add_component(&v, &nv, &cap, 130, "Unclassified drug");
    if (nv)
        qsort(v, nv, sizeof(component), cmp_component);
    for (i = 0; i < nv; i++) {
        if (i)
            sb_puts(&c->regimen, " + ");
        sb_puts(&c->regimen, v[i].label);
    }
    if (!nv) {
        static const ts_modality alone[] = {
            TS_MOD_SUPPORTIVE, TS_MOD_PLACEBO, TS_MOD_DIAGNOSTIC,
            TS_MOD_ASSESSMENT,
        };

        for (i = 0; i < sizeof(alone) / sizeof(alone[0]); i++)
            if (mods & (1u << alone[i])) {
                sb_puts(&c->regimen, dict_modality_label(alone[i]));
                break;
            }
    }
    free(v);
}

void classify_trial(const ts_dict *d, const char *field, size_t len,
                    ts_class *c)
{
    size_t i = 0;

    c->dict = d;
    while (i < len) {
        size_t j = i;

        while (j < len && field[j] != '|')
            j++;
        if (j > i)
            classify_intervention(d, field + i, j - i, c);
        i = j + 1;
    }
    classify_regimen(c);
}

int classify_is_cancer(const char *cond, size_t len)
{
    static const char *const words[] = {
        "cancer",     "carcinom",   "neoplas",    "tumor",     "tumour",
        "malignan",   "lymphom",    "leukemi",    "leukaemi",  "myelom",
        "sarcom",     "melanom",    "gliom",      "glioblastom", "blastoma",
        "mesotheliom", "metasta",   "oncolog",    "myelodysplas",
        "myeloprolif", "hodgkin",   "waldenstr",  "carcinoid", "nsclc",
        "sclc",       "adenocarcinom", "seminom", "ependymom", "astrocytom",
        "medulloblastom", "neuroblastom", "retinoblastom", "thymom",
        "chordom",    "cholangiocarcinom", "mycosis fungoides",
        "macroglobulinemi", "myelofibros", "polycythemia vera",
        "essential thrombocyth",
    };
    /* Acronyms, as whole words. */
    static const char *const acronyms[] = {
        "mpnst", "gist", "hcc",  "rcc",  "crc",   "aml",  "cml",  "cll",
        "mds",   "dlbcl", "nhl", "hnscc", "scchn", "tnbc", "crpc", "mcrpc",
        "ptcl",  "ctcl", "mcl",  "nsclc", "sclc",  "gbm",  "dipg",
    };
    char low[4096];
    size_t i;

    lower_copy(cond, len, low, sizeof(low));
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (has(low, words[i]))
            return 1;
    for (i = 0; i < sizeof(acronyms) / sizeof(acronyms[0]); i++)
        if (has_word(low, acronyms[i]))
            return 1;
    return 0;
}
