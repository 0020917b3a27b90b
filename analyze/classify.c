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
    for (i = 0; i < n; i++) {
        char ch = name[i];

        sb_putc(&s->name,
                ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch);
    }
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

/* A pooled substance of this trial with this name (lower-case), or
 * NULL. */
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
        if (!immune)
            idset_add(&c->ftargets, s->targets[i]);
    }
    if (s->ntargets)
        idset_add(&c->primary, s->targets[0]);
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

/* A name no dictionary knows, but with an INN stem: each word of the
 * part, from the first, is tried; the first with a stem is taken as the
 * name. Only the first three words are tried, so prose does not count. */
static size_t match_stem(const ts_dict *d, const char *s, size_t n,
                         ts_class *c)
{
    size_t i = 0, words = 0;

    if (!dict_nstems(d))
        return 0;
    while (i < n && words < 3) {
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

/* Runs of up to four words inside an unmatched part, longest first:
 * finds "doxorubicin" in "doxorubicin-based chemotherapy". A lone word
 * must have four or more letters, so abbreviations do not match by
 * accident inside prose. */
static size_t match_windows(const ts_dict *d, const char *s, size_t n,
                            ts_class *c)
{
    size_t ws[32], we[32], nw = 0, i = 0, k = 0, w, starts;

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
     * words are taken as a name; the rest is prose. */
    starts = nw > 5 ? 1 : nw;
    for (w = 0; w < starts;) {
        size_t len, got = 0;

        for (len = nw - w < 4 ? nw - w : 4; len >= 1; len--) {
            size_t a = ws[w], b = we[w + len - 1];

            if (len == 1 && b - a < 4)
                break;
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

static void note_unmatched(ts_class *c, const char *s, size_t n)
{
    ts_strbuf key = {0};

    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (dict_key(s, n, 0, &key)) {
        size_t slot;

        if (c->nunmatched_slot < (c->nunmatched + 1) * 2)
            unmatched_reindex(c);
        /* Once per trial per key. */
        slot = unmatched_slot(c, key.buf, key.len);
        if (!c->unmatched_slot[slot]) {
            if (c->nunmatched == c->capunmatched) {
                c->capunmatched = c->capunmatched ? c->capunmatched * 2 : 16;
                c->unmatched_off = xrealloc(
                    c->unmatched_off, c->capunmatched * sizeof(size_t));
                c->unmatched_key = xrealloc(
                    c->unmatched_key, c->capunmatched * sizeof(size_t));
            }
            c->unmatched_off[c->nunmatched] = c->text.len;
            sb_append(&c->text, s, n);
            sb_putc(&c->text, '\0');
            c->unmatched_key[c->nunmatched] = c->text.len;
            sb_append(&c->text, key.buf, key.len);
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
    }
    sb_free(&key);
}

/* Modality from words in the text when the dictionary has no match. */
static int keyword_modality(const char *s, size_t n, const char **why)
{
    static const struct {
        const char *word;
        ts_modality mod;
    } words[] = {
        /* First match wins: a biopsy is diagnostic whatever guides it. */
        {"biopsy", TS_MOD_OTHER},
        {"chemoradi", TS_MOD_RADIO},    {"radiotherap", TS_MOD_RADIO},
        {"radiation", TS_MOD_RADIO},    {"irradiation", TS_MOD_RADIO},
        {"brachytherap", TS_MOD_RADIO}, {"proton", TS_MOD_RADIO},
        {"imrt", TS_MOD_RADIO},         {"sbrt", TS_MOD_RADIO},
        {"stereotactic", TS_MOD_RADIO}, {"radiosurgery", TS_MOD_RADIO},
        {"surgery", TS_MOD_SURGERY},    {"surgical", TS_MOD_SURGERY},
        {"resection", TS_MOD_SURGERY},  {"excision", TS_MOD_SURGERY},
        {"amputation", TS_MOD_SURGERY}, {"ectomy", TS_MOD_SURGERY},
        {"transplant", TS_MOD_OTHER},
        {"chemotherap", TS_MOD_CHEMO},  {"placebo", TS_MOD_PLACEBO},
        {"sham", TS_MOD_PLACEBO},
    };
    char low[256];
    size_t i, m = n < sizeof(low) - 1 ? n : sizeof(low) - 1;

    for (i = 0; i < m; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a'
                                                   : s[i]);
    low[m] = '\0';
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strstr(low, words[i].word)) {
            *why = words[i].word;
            return (int)words[i].mod;
        }
    return -1;
}

/* Records a modality that a rule, not a substance, gave. */
static void add_rule_modality(ts_class *c, int mod, const char *s, size_t n,
                              const char *rule)
{
    c->modalities |= 1u << mod;
    if (c->explain) {
        ts_strbuf how = {0};

        sb_printf(&how, "\"%.*s\": %s", (int)(n > 200 ? 200 : n), s, rule);
        why_add(c, "modality", dict_modality_key((ts_modality)mod), NULL, 0,
                sb_str(&how));
        sb_free(&how);
    }
}

size_t classify_intervention(const ts_dict *d, const char *text, size_t len,
                             ts_class *c)
{
    size_t start, k = 0, inferred = 0;
    ts_itype type = classify_type(text, len, &start);
    const char *s = text + start;
    size_t n = len - start;
    int drug = drug_like(type);

    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return 0;
    c->item_modalities = 0;
    /* With a separator outside parentheses the text names several
     * things ("Nivolumab (BMS-936558) + Ipilimumab"): a code in
     * parentheses stands for one of them only, so it waits for the split. */
    k = match_simple(d, s, n, !splits_outside_parens(s, n), c,
                     "the whole text");
    if (!k) {
        /* Split into parts; parts that are only doses are ignored. */
        size_t i = 0, a = 0, nmiss = 0, capmiss = 0;
        size_t *miss = NULL;
        ts_strbuf key = {0};

        while (i <= n) {
            size_t e = i < n ? separator_at(s, n, i) : 0;

            if (i == n || e) {
                size_t got;

                if (dict_key(s + a, i - a, 0, &key) > 0) {
                    got = match_simple(d, s + a, i - a, 1, c, "the part");
                    if (!got)
                        got = match_windows(d, s + a, i - a, c);
                    if (!got && drug && match_stem(d, s + a, i - a, c)) {
                        got = 1;
                        inferred++;
                    }
                    if (!got && words_in(s + a, i - a) <= 3) {
                        if (nmiss == capmiss) {
                            capmiss = capmiss ? capmiss * 2 : 16;
                            miss = xrealloc(miss,
                                            capmiss * 2 * sizeof(size_t));
                        }
                        miss[2 * nmiss] = a;
                        miss[2 * nmiss + 1] = i - a;
                        nmiss++;
                    }
                    k += got;
                }
                if (i == n)
                    break;
                a = e;
                i = e;
                continue;
            }
            i++;
        }
        sb_free(&key);
        /* With part of the text matched, the rest is what is unmatched;
         * with nothing matched the whole text is (below). */
        for (i = 0; k && drug && i < nmiss; i++)
            note_unmatched(c, s + miss[2 * i], miss[2 * i + 1]);
        free(miss);
    }
    if (drug) {
        /* What this text matched, even if the trial had it already. */
        if (k && c->item_modalities == 1u << TS_MOD_PLACEBO)
            c->placebo++;
        else {
            c->mentions++;
            if (k)
                c->matched++;
            if (k && inferred == k)
                c->inferred++;
        }
    }
    if (!k) {
        const char *word = NULL;
        int kw = keyword_modality(s, n, &word);
        const char *rule = "a word of the text";

        if (type == TS_ITYPE_RADIATION) {
            kw = TS_MOD_RADIO;
            rule = "registry type RADIATION";
        } else if (type == TS_ITYPE_GENETIC) {
            kw = TS_MOD_CELL_GENE;
            rule = "registry type GENETIC";
        } else if (kw < 0 && !drug) {
            kw = TS_MOD_OTHER;
            rule = "a registry type that names no drug";
        }
        if (kw >= 0) {
            char buf[96];

            if (word && rule[0] == 'a' && rule[2] == 'w') {
                snprintf(buf, sizeof(buf), "keyword \"%s\"", word);
                rule = buf;
            }
            add_rule_modality(c, kw, s, n, rule);
        }
        if (drug)
            note_unmatched(c, s, n);
    }
    return k;
}

void classify_regimen(ts_class *c)
{
    static const ts_modality order[] = {
        TS_MOD_CHEMO,     TS_MOD_TARGETED, TS_MOD_IMMUNO,  TS_MOD_HORMONAL,
        TS_MOD_CELL_GENE, TS_MOD_RADIO,    TS_MOD_SURGERY, TS_MOD_OTHER,
    };
    unsigned mods = c->modalities;
    size_t i;

    sb_reset(&c->regimen);
    if ((mods & ~((1u << TS_MOD_SUPPORTIVE) | (1u << TS_MOD_PLACEBO))) == 0) {
        if (mods & (1u << TS_MOD_SUPPORTIVE))
            sb_puts(&c->regimen, dict_modality_label(TS_MOD_SUPPORTIVE));
        else if (mods & (1u << TS_MOD_PLACEBO))
            sb_puts(&c->regimen, dict_modality_label(TS_MOD_PLACEBO));
        return;
    }
    for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        int times, t;

        if (!(mods & (1u << order[i])))
            continue;
        times = order[i] == TS_MOD_CHEMO && c->nchemo >= 2 ? 2 : 1;
        for (t = 0; t < times; t++) {
            if (c->regimen.len)
                sb_puts(&c->regimen, " + ");
            sb_puts(&c->regimen, dict_modality_label(order[i]));
        }
    }
}

void classify_trial(const ts_dict *d, const char *field, size_t len,
                    ts_class *c)
{
    size_t i = 0;

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
