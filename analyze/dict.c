/*
 * dict.c - loading the dictionaries and keyed lookup (analyze stage).
 */
#include "analyze/dict.h"

#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/sha256.h"
#include "common/strmap.h"
#include "common/xalloc.h"

#define MAX_COLUMNS 8

typedef struct sub_rec {
    ts_substance pub;
    char *name;             /* owned */
    size_t *targets;        /* owned */
    size_t *immuno;         /* owned */
} sub_rec;

/* How a regimen's name must be written in a text to name it. */
enum { CASE_ANY, CASE_CAPITALS, CASE_EXACT };

typedef struct regimen_rec {
    char *name;             /* owned */
    size_t *parts;          /* owned; substance indices */
    size_t nparts;
    int match_case;         /* CASE_*: the file's case column */
} regimen_rec;

typedef struct target_rec {
    ts_target pub;
    char *symbol;           /* owned */
    char *display;          /* owned */
    char *family;           /* owned */
} target_rec;

typedef struct class_rec {
    ts_drug_class pub;
    char *key;              /* owned */
    char *label;            /* owned */
} class_rec;

typedef struct stem_rec {
    ts_stem pub;
    char *stem;             /* owned */
    char *meaning;          /* owned */
} stem_rec;

/* An antigen or target name and the target ids it stands for. */
typedef struct alias_rec {
    size_t *ids;            /* owned */
    size_t n, cap;
    unsigned long line;
} alias_rec;

/* What a key means: a substance or a regimen, with the file and line that
 * defined it (for duplicate reports and --explain). */
typedef struct key_val {
    int regimen;
    size_t index;
    unsigned long line;
    size_t source;          /* index in sources */
    int generation;         /* which load defined it */
    int full;               /* a full key bound because the short key
                             * meant another entry (bind_key) */
} key_val;

typedef struct source_rec {
    char *path;             /* owned */
    char sha[65];
} source_rec;

struct ts_dict {
    source_rec *sources;    /* owned */
    size_t nsources, capsources;
    sub_rec *subs;
    size_t nsubs, capsubs;
    ts_strmap *names;       /* owned; substance name -> index */
    regimen_rec *regs;
    size_t nregs, capregs;
    target_rec *targets;
    size_t ntargets, captargets;
    ts_strmap *tmap;        /* owned; symbol -> target id */
    class_rec *classes;
    size_t nclasses, capclasses;
    ts_strmap *cmap;        /* owned; class key -> id */
    stem_rec *stems;
    size_t nstems, capstems;
    ts_strmap *smap;        /* owned; stem without its first '-' -> id */
    size_t stem_max;        /* longest stem, in bytes */
    alias_rec *aliases;
    size_t capaliases;
    ts_strmap *amap;        /* owned; alias key -> alias_rec index */
    ts_strmap *keys;        /* owned; key -> key_val index */
    uint64_t *bloom;        /* owned; KEY_BLOOM_BITS bits, one set per
                             * hash of every key in keys */
    key_val *vals;
    size_t capvals;
    int reserved;           /* tables sized for the files to load */
    ts_strbuf key, full;    /* scratch keys for loading */
    int generation;
};

static const char *const modality_keys[TS_MOD_COUNT] = {
    "chemotherapy", "targeted",   "immunotherapy",      "radiotherapy",
    "surgery",      "cell_gene",  "hormonal",           "supportive",
    "placebo",      "other",      "drug",               "device",
    "behavioral",   "procedure",  "dietary_supplement", "diagnostic",
    "genetic",      "combination_product", "assessment",
};
static const char *const modality_labels[TS_MOD_COUNT] = {
    "Chemotherapy",         "Targeted therapy",   "Immunotherapy",
    "Radiotherapy",         "Surgery",            "Cell or gene therapy",
    "Hormonal therapy",     "Supportive care",    "Placebo/control",
    "Other",                "Drug therapy",       "Device",
    "Behavioural",          "Procedure",          "Dietary supplement",
    "Diagnostic",           "Genetic",            "Combination product",
    "Assessment",
};
static const char *const modality_short[TS_MOD_COUNT] = {
    "Chemo",    "Targeted", "Immuno",     "Radio",   "Surgery",
    "Cell/gene", "Hormonal", "Supportive", "Placebo", "Other",
    "Drug",     "Device",   "Behavioural", "Procedure", "Supplement",
    "Diagnostic", "Genetic", "Combination", "Assessment",
};
static const char *const chemo_keys[TS_CHEMO_COUNT] = {
    "dna", "dna_synthesis", "microtubule", "topoisomerase", "other",
};
static const char *const chemo_labels[TS_CHEMO_COUNT] = {
    "DNA inhibitors", "DNA synthesis inhibitors", "Microtubule inhibitors",
    "Topoisomerase inhibitors", "Other chemotherapy",
};

const char *dict_modality_key(ts_modality m)
{
    return (int)m >= 0 && m < TS_MOD_COUNT ? modality_keys[m] : "-";
}

const char *dict_modality_label(ts_modality m)
{
    return (int)m >= 0 && m < TS_MOD_COUNT ? modality_labels[m] : "";
}

const char *dict_modality_short(ts_modality m)
{
    return (int)m >= 0 && m < TS_MOD_COUNT ? modality_short[m] : "";
}

const char *dict_chemo_key(ts_chemo_class c)
{
    return (int)c >= 0 && c < TS_CHEMO_COUNT ? chemo_keys[c] : "-";
}

const char *dict_chemo_label(ts_chemo_class c)
{
    return (int)c >= 0 && c < TS_CHEMO_COUNT ? chemo_labels[c] : "";
}

/* ---- keys ---- */

/* Words that never name a substance: salts, formulations, routes, dose
 * units and schedules. Sorted for bsearch. */
static const char *const stop_words[] = {
    "acetate", "aerosol", "albumin", "anhydrous", "auto", "autoinjector",
    "base", "besilate", "besylate", "bid", "bitartrate", "blinded", "bound",
    "bromide", "buccal", "calcium", "capsule", "capsules", "cgy",
    "chewable", "chloride", "citrate", "cream", "cycle", "cycles", "daily",
    "day", "days", "delayed", "depot", "dihydrate", "dihydrochloride",
    "dimaleate", "dimesylate", "diphosphate", "disodium", "dispersible",
    "ditosylate", "dose", "doses", "dosing", "drops", "emulsion", "every",
    "extended", "film", "foam", "for", "fumarate", "gel", "gluconate",
    "granules", "gy", "hcl", "hemihydrate", "high", "hyclate",
    "hydrobromide", "hydrochloride", "im", "implant", "infusion",
    "inhalation", "inhaled", "inhaler", "inj", "injectable", "injection",
    "injector", "intramuscular", "intrathecal", "intravenous",
    "intravenously", "iu", "iv", "kg", "label", "lactate", "liposomal",
    "liposome", "liposomes", "lotion", "low", "magnesium", "malate",
    "maleate", "masked", "mcg", "mesilate", "mesylate", "mg", "ml",
    "monohydrate", "monthly", "nanoparticle", "nasal", "ng", "of",
    "ointment", "once", "open", "ophthalmic", "oral", "orally", "patch",
    "peg", "pegylated", "phosphate", "pill", "pills", "po", "potassium",
    "powder", "prefilled", "prn", "protein", "q12w", "q2w", "q3w", "q4w",
    "q6w", "q8w", "qd", "qid", "rectal", "release", "sachet", "sc",
    "sodium", "softgel", "solution", "spray", "standard", "subcutaneous",
    "subcutaneously", "sublingual", "succinate", "sulfate", "sulphate",
    "suppository", "suspension", "sustained", "syringe", "syrup", "tablet",
    "tablets", "tartrate", "tid", "topical", "tosylate", "transdermal",
    "trihydrate", "twice", "ug", "vaginal", "vial", "weekly",
};

/* Units after a number: "800 mg", "1.5 mg/m2", "60 Gy". */
static const char *const unit_words[] = {
    "%", "cells", "cgy", "g", "gbq", "gm", "gy", "iu", "kg", "l", "m2", "mbq",
    "mci", "mcg", "mg", "mg/kg", "ml", "mmol", "ng", "pfu", "u", "ug",
    "unit", "units", "vp",
};

/* The stop and unit words in an open-addressing table built once
 * (pthread_once): a word is hashed and compared once, not searched for
 * (loading 60,000 names asks about 200,000 words). */
#define WORD_SLOTS 1024

static unsigned short stop_slot[WORD_SLOTS];    /* index + 1, 0 = empty */
static unsigned short unit_slot[WORD_SLOTS];
static pthread_once_t word_once = PTHREAD_ONCE_INIT;

static unsigned word_hash(const char *w)
{
    unsigned h = 2166136261u;

    while (*w)
        h = (h ^ (unsigned char)*w++) * 16777619u;
    return h;
}

static void word_table(unsigned short *slot, const char *const *list,
                       size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned k = word_hash(list[i]) & (WORD_SLOTS - 1);

        while (slot[k])
            k = (k + 1) & (WORD_SLOTS - 1);
        slot[k] = (unsigned short)(i + 1);
    }
}

static void build_word_tables(void)
{
    word_table(stop_slot, stop_words, sizeof(stop_words) / sizeof(char *));
    word_table(unit_slot, unit_words, sizeof(unit_words) / sizeof(char *));
}

static int in_list(const char *w, const unsigned short *slot,
                   const char *const *list)
{
    unsigned k;

    pthread_once(&word_once, build_word_tables);
    for (k = word_hash(w) & (WORD_SLOTS - 1); slot[k];
         k = (k + 1) & (WORD_SLOTS - 1))
        if (strcmp(list[slot[k] - 1], w) == 0)
            return 1;
    return 0;
}

static int is_stop(const char *w)
{
    return in_list(w, stop_slot, stop_words);
}

static int is_unit(const char *w)
{
    return in_list(w, unit_slot, unit_words);
}

/* A number, possibly decimal, possibly glued to a unit ("800mg"). Returns
 * 1 for a bare number, 2 for number+unit, 0 otherwise. */
static int number_kind(const char *w)
{
    const char *p = w;

    if (*p < '0' || *p > '9')
        return 0;
    while ((*p >= '0' && *p <= '9') || *p == '.')
        p++;
    if (*p == '\0')
        return 1;
    return is_unit(p) ? 2 : 0;
}

/*
 * The name of a Greek letter at text[i] (UTF-8, alpha to lambda and omega,
 * lower or upper case; not mu, which is "micro" in units), else NULL:
 * "IFN-\xce\xb2-1a" has the key of "IFN-beta-1a", "\xce\x94" "9-THC" that
 * of "delta-9-THC".
 */
static const char *greek_at(const char *text, size_t len, size_t i)
{
    static const char *const names[] = {
        "alpha", "beta",  "gamma", "delta", "epsilon", "zeta",
        "eta",   "theta", "iota",  "kappa", "lambda"};
    unsigned char a, b;

    if (i + 1 >= len)
        return NULL;
    a = (unsigned char)text[i];
    b = (unsigned char)text[i + 1];
    if (a == 0xCE && b >= 0xB1 && b <= 0xBB)
        return names[b - 0xB1];
    if (a == 0xCE && b >= 0x91 && b <= 0x9B)    /* upper case */
        return names[b - 0x91];
    if ((a == 0xCF && b == 0x89) || (a == 0xCE && b == 0xA9))
        return "omega";
    return NULL;
}

size_t dict_key(const char *text, size_t len, int keep_all, ts_strbuf *key)
{
    char words[64][40];
    size_t nw = 0, i = 0, w;

    sb_reset(key);
    /* Split into lower-case words of [a-z0-9.]; other bytes separate. */
    while (i < len && nw < 64) {
        size_t k = 0;

        while (i < len) {
            unsigned char c = (unsigned char)text[i];

            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                (c == '.' && k > 0))
                break;
            /* "%" is a unit of its own ("0.3% cream"), a Greek letter a
             * word. */
            if (c == '%' || greek_at(text, len, i))
                break;
            i++;
        }
        if (i < len && text[i] == '%') {
            words[nw][0] = '%';
            words[nw][1] = '\0';
            nw++;
            i++;
            continue;
        }
        if (i < len && greek_at(text, len, i)) {
            snprintf(words[nw], sizeof(words[0]), "%s",
                     greek_at(text, len, i));
            nw++;
            i += 2;
            continue;
        }
        while (i < len) {
            unsigned char c = (unsigned char)text[i];

            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '.'))
                break;
            if (k < sizeof(words[0]) - 1)
                words[nw][k++] = (char)c;
            i++;
        }
        while (k > 0 && words[nw][k - 1] == '.')
            k--;
        words[nw][k] = '\0';
        if (k > 0)
            nw++;
    }
    for (w = 0; w < nw; w++) {
        const char *word = words[w];
        int drop = 0;

        if (!keep_all) {
            int nk = number_kind(word);

            if (nk == 2) {
                drop = 1;
                while (w + 1 < nw && is_unit(words[w + 1]))
                    w++;
            } else if (nk == 1 && w + 1 < nw && is_unit(words[w + 1])) {
                drop = 1;
                /* The units go with it: "0.5 mg/m2", "10 mg/kg". */
                while (w + 1 < nw && is_unit(words[w + 1]))
                    w++;
            } else if (is_stop(word)) {
                drop = 1;
            }
        }
        if (drop)
            continue;
        {
            char *dst = sb_reserve(key, sizeof(words[0]));
            size_t k = 0;

            for (i = 0; word[i]; i++)
                if (word[i] != '.' && word[i] != '%')
                    dst[k++] = word[i];
            key->len += k;
            key->buf[key->len] = '\0';
        }
    }
    return key->len;
}

/* ---- the keys' Bloom filter ----
 *
 * Most lookups miss: a text is tried whole, without its brackets, part by
 * part, by runs of words and, for a misspelling, in hundreds of one-letter
 * variants. A bit array of 128 KB, three bits per key, answers "certainly
 * not a key" from cache for nearly all of them (about 1 % false
 * positives at 80,000 keys) before the hash table is probed. */

#define KEY_BLOOM_BITS (1u << 20)

static uint64_t key_hash(const char *k, size_t n)
{
    uint64_t h = 1469598103934665603ull;    /* FNV-1a */
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static void bloom_add(ts_dict *d, const char *k, size_t n)
{
    uint64_t h = key_hash(k, n);
    int j;

    for (j = 0; j < 3; j++) {
        uint32_t bit = (uint32_t)(h >> (j * 21)) & (KEY_BLOOM_BITS - 1);

        d->bloom[bit >> 6] |= 1ull << (bit & 63);
    }
}

static int bloom_may_have(const ts_dict *d, const char *k, size_t n)
{
    uint64_t h = key_hash(k, n);
    int j;

    for (j = 0; j < 3; j++) {
        uint32_t bit = (uint32_t)(h >> (j * 21)) & (KEY_BLOOM_BITS - 1);

        if (!(d->bloom[bit >> 6] & (1ull << (bit & 63))))
            return 0;
    }
    return 1;
}

/* Interns a key, and sets its bits. */
static size_t intern_key(ts_dict *d, const char *k, size_t n, int *added)
{
    size_t id = strmap_intern(d->keys, k, n, added);

    if (*added)
        bloom_add(d, k, n);
    return id;
}

/* ---- storage ---- */

ts_dict *dict_new(void)
{
    ts_dict *d = xcalloc(1, sizeof(*d));

    d->tmap = strmap_new();
    d->keys = strmap_new();
    d->bloom = xcalloc(KEY_BLOOM_BITS / 64, sizeof(uint64_t));
    d->names = strmap_new();
    d->cmap = strmap_new();
    d->smap = strmap_new();
    d->amap = strmap_new();
    return d;
}

void dict_free(ts_dict *d)
{
    size_t i;

    if (!d)
        return;
    for (i = 0; i < d->nsubs; i++) {
        free(d->subs[i].name);
        free(d->subs[i].targets);
        free(d->subs[i].immuno);
    }
    for (i = 0; i < d->nregs; i++) {
        free(d->regs[i].name);
        free(d->regs[i].parts);
    }
    for (i = 0; i < d->ntargets; i++) {
        free(d->targets[i].symbol);
        free(d->targets[i].display);
        free(d->targets[i].family);
    }
    for (i = 0; i < d->nclasses; i++) {
        free(d->classes[i].key);
        free(d->classes[i].label);
    }
    for (i = 0; i < d->nstems; i++) {
        free(d->stems[i].stem);
        free(d->stems[i].meaning);
    }
    for (i = 0; i < strmap_count(d->amap); i++)
        free(d->aliases[i].ids);
    for (i = 0; i < d->nsources; i++)
        free(d->sources[i].path);
    free(d->sources);
    free(d->subs);
    free(d->regs);
    free(d->targets);
    free(d->classes);
    free(d->stems);
    free(d->aliases);
    free(d->vals);
    sb_free(&d->key);
    sb_free(&d->full);
    strmap_free(d->tmap);
    strmap_free(d->keys);
    free(d->bloom);
    strmap_free(d->names);
    strmap_free(d->cmap);
    strmap_free(d->smap);
    strmap_free(d->amap);
    free(d);
}

/* Adds target ids to the alias with this key (made of text[0..n)). */
static void add_alias(ts_dict *d, const char *text, size_t n,
                      const size_t *ids, size_t nids, unsigned long line)
{
    int added;
    size_t a, i, k;
    alias_rec *r;

    if (dict_key(text, n, 1, &d->key) == 0)
        return;
    a = strmap_intern(d->amap, d->key.buf, d->key.len, &added);
    if (a >= d->capaliases) {
        size_t cap = d->capaliases ? d->capaliases * 2 : 256;

        d->aliases = xrealloc(d->aliases, cap * sizeof(alias_rec));
        memset(d->aliases + d->capaliases, 0,
               (cap - d->capaliases) * sizeof(alias_rec));
        d->capaliases = cap;
    }
    r = &d->aliases[a];
    if (added)
        r->line = line;
    for (i = 0; i < nids; i++) {
        int dup = 0;

        for (k = 0; k < r->n; k++)
            dup |= r->ids[k] == ids[i];
        if (dup)
            continue;
        if (r->n == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 2;
            r->ids = xrealloc(r->ids, r->cap * sizeof(size_t));
        }
        r->ids[r->n++] = ids[i];
    }
}

static size_t target_id(ts_dict *d, const char *sym, size_t n, int immune)
{
    int added;
    size_t id = strmap_intern(d->tmap, sym, n, &added);

    if (added) {
        target_rec *t;

        if (d->ntargets == d->captargets) {
            d->captargets = d->captargets ? d->captargets * 2 : 64;
            d->targets =
                xrealloc(d->targets, d->captargets * sizeof(target_rec));
        }
        t = &d->targets[d->ntargets++];
        memset(t, 0, sizeof(*t));
        t->symbol = xstrndup(sym, n);
        t->display = xstrndup(sym, n);
        t->family = xstrdup("");
        t->pub.symbol = t->symbol;
        t->pub.display = t->display;
        t->pub.family = t->family;
        t->pub.immune = immune;
        add_alias(d, sym, n, &id, 1, 0);
    } else if (immune) {
        d->targets[id].pub.immune = 1;
    }
    return id;
}

/* Pointers into arrays that grew while loading are set once loading is
 * done (or before a lookup during loading). */
static void fix_views(ts_dict *d)
{
    size_t i;

    /* Substances set their views themselves (set_sub, new_sub): their
     * name and target arrays are allocations of their own that do not
     * move, and walking 20,000 substances after every file cost more than
     * reading some of the files. */
    for (i = 0; i < d->ntargets; i++) {
        target_rec *t = &d->targets[i];

        t->pub.symbol = t->symbol;
        t->pub.display = t->display;
        t->pub.family = t->family;
    }
    for (i = 0; i < d->nclasses; i++) {
        d->classes[i].pub.key = d->classes[i].key;
        d->classes[i].pub.label = d->classes[i].label;
    }
    for (i = 0; i < d->nstems; i++) {
        d->stems[i].pub.stem = d->stems[i].stem;
        d->stems[i].pub.meaning = d->stems[i].meaning;
    }
}

/* ---- file reading ---- */

typedef struct line_reader {
    ts_sha256 sha;          /* of every byte read */
    FILE *fp;
    const char *path;       /* as given, for errors */
    const char *file;       /* the dict's copy, for substances */
    size_t source;          /* index in the dict's sources */
    char *buf;
    size_t cap;
    unsigned long line;
    char *col[MAX_COLUMNS];
    size_t len[MAX_COLUMNS];
    size_t ncol;
} line_reader;

static ts_status reader_open(line_reader *r, ts_dict *d, const char *path,
                             ts_error *err)
{
    memset(r, 0, sizeof(*r));
    sha256_init(&r->sha);
    r->path = path;
    r->fp = fopen(path, "r");
    if (!r->fp)
        return ts_error_sys(err, TS_ERR_IO, errno, path,
                            "cannot open dictionary");
    /* Registered now: substances point at the path as they load. */
    if (d->nsources == d->capsources) {
        d->capsources = d->capsources ? d->capsources * 2 : 8;
        d->sources =
            xrealloc(d->sources, d->capsources * sizeof(source_rec));
    }
    r->source = d->nsources;
    d->sources[d->nsources].path = xstrdup(path);
    d->sources[d->nsources].sha[0] = '\0';
    d->nsources++;
    r->file = d->sources[r->source].path;
    return TS_OK;
}

/* Closes the file; a dictionary read to its end gets its checksum. */
static void reader_close(line_reader *r, ts_dict *d, ts_status rc)
{
    if (r->fp)
        fclose(r->fp);
    free(r->buf);
    if (rc == TS_OK)
        sha256_final_hex(&r->sha, d->sources[r->source].sha);
    fix_views(d);
}

static void trim(char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\r'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\r'))
        (*n)--;
    (*s)[*n] = '\0';
}

/* Reads the next non-comment, non-blank line and splits it at tabs.
 * Returns 1, 0 at end, -1 on a read error or too many columns. */
static int reader_next(line_reader *r, ts_error *err)
{
    ssize_t got;

    while ((got = getline(&r->buf, &r->cap, r->fp)) >= 0) {
        char *p = r->buf, *end;
        size_t n = (size_t)got;

        sha256_update(&r->sha, r->buf, n);
        r->line++;
        if (n && p[n - 1] == '\n')
            p[--n] = '\0';
        if (r->line == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
            p += 3, n -= 3;
        /* 2026-11-23: the blank-line test below trims a copy, and trim()
         * wrote a NUL over a trailing space: the last column kept it in
         * its length, so "PDCD1 " became a second target and "- " a
         * target "-" (fuzz_dict). Drop trailing white space first. */
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
            p[--n] = '\0';
        end = p + n;
        {
            char *q = p;
            size_t m = n;

            trim(&q, &m);
            if (m == 0 || q[0] == '#')
                continue;
        }
        r->ncol = 0;
        for (;;) {
            char *tab = memchr(p, '\t', (size_t)(end - p));
            char *stop = tab ? tab : end;

            if (r->ncol == MAX_COLUMNS) {
                ts_error_set(err, TS_ERR_DICT, r->path, r->line, 0,
                             "too many columns");
                return -1;
            }
            r->col[r->ncol] = p;
            r->len[r->ncol] = (size_t)(stop - p);
            *stop = '\0';
            trim(&r->col[r->ncol], &r->len[r->ncol]);
            r->ncol++;
            if (!tab)
                break;
            p = tab + 1;
        }
        return 1;
    }
    if (ferror(r->fp)) {
        ts_error_sys(err, TS_ERR_IO, errno, r->path,
                     "cannot read dictionary");
        return -1;
    }
    return 0;
}

/* 1-based byte column of column i, for error positions. */
static unsigned long col_pos(const line_reader *r, size_t i)
{
    return (unsigned long)(r->col[i] - r->buf) + 1;
}

/* Checks the header line: the required columns, then any of the optional
 * ones in their order. Returns the number of columns, or 0 with *err set. */
static size_t expect_header(line_reader *r, const char *header,
                            const char *optional, ts_error *err)
{
    int got = reader_next(r, err);
    char want[256];
    size_t i, n = 0;

    if (got < 0)
        return 0;
    snprintf(want, sizeof(want), "%s%s%s", header, optional ? "\t" : "",
             optional ? optional : "");
    if (got == 0) {
        ts_error_set(err, TS_ERR_DICT, r->path, r->line, 0,
                     "empty dictionary: expected the header \"%s\"", header);
        return 0;
    }
    /* Compare column by column with the full list; a prefix that holds
     * the required columns is accepted. */
    {
        const char *h = want;

        for (i = 0; i < r->ncol; i++) {
            const char *tab = strchr(h, '\t');
            size_t k = tab ? (size_t)(tab - h) : strlen(h);

            if (k != r->len[i] || memcmp(h, r->col[i], k) != 0 || !*h)
                break;
            n++;
            h = tab ? tab + 1 : h + k;
        }
    }
    {
        size_t required = 1;
        const char *p;

        for (p = header; *p; p++)
            required += *p == '\t';
        if (n != r->ncol || n < required) {
            if (optional)
                ts_error_set(err, TS_ERR_DICT, r->path, r->line, 1,
                             "bad header: expected \"%s\", optionally "
                             "followed by \"%s\"",
                             header, optional);
            else
                ts_error_set(err, TS_ERR_DICT, r->path, r->line, 1,
                             "bad header: expected \"%s\"", header);
            return 0;
        }
    }
    return n;
}

static int is_none(const char *s, size_t n)
{
    return n == 0 || (n == 1 && s[0] == '-');
}

/* Parses a ','-separated list of symbols into target ids. */
static size_t parse_targets(ts_dict *d, const char *s, size_t n, int immune,
                            size_t **out)
{
    size_t count = 0, i = 0;

    *out = NULL;
    if (is_none(s, n))
        return 0;
    *out = xcalloc(n + 1, sizeof(size_t));
    while (i < n) {
        size_t j = i, a, b;

        while (j < n && s[j] != ',')
            j++;
        a = i;
        b = j;
        while (a < b && s[a] == ' ')
            a++;
        while (b > a && s[b - 1] == ' ')
            b--;
        if (b > a) {
            size_t id = target_id(d, s + a, b - a, immune), k;
            int dup = 0;

            for (k = 0; k < count; k++)
                dup |= (*out)[k] == id;
            if (!dup)
                (*out)[count++] = id;
        }
        i = j + 1;
    }
    return count;
}

static key_val *val_slot(ts_dict *d, size_t id)
{
    if (id >= d->capvals) {
        size_t cap = d->capvals ? d->capvals * 2 : 4096;

        while (cap <= id)
            cap *= 2;
        d->vals = xrealloc(d->vals, cap * sizeof(key_val));
        d->capvals = cap;
    }
    return &d->vals[id];
}

/* Binds one key; returns 0 when it already means something else that
 * may not be taken over, with *clash set to that meaning. */
static int bind_one(ts_dict *d, const ts_strbuf *key, int regimen,
                    size_t index, int override, const line_reader *r,
                    int full, key_val *clash)
{
    int added;
    size_t id = intern_key(d, key->buf, key->len, &added);
    key_val *v = val_slot(d, id);

    if (!added && (v->regimen != regimen || v->index != index)) {
        if (v->generation == d->generation || !override) {
            *clash = *v;
            return 0;
        }
    }
    if (added || v->regimen != regimen || v->index != index) {
        v->regimen = regimen;
        v->index = index;
        v->line = r->line;
        v->source = r->source;
        v->generation = d->generation;
        v->full = full;
    }
    return 1;
}

/* Whether a key is a head noun that names no medicine by itself: what is
 * left of "nasal preparations" or "agents for ..." once the stop words
 * are dropped, of "albumin human" (a word of origin: "Recombinant
 * Human Interferon" names no albumin), or of "calcium carbonate",
 * "potassium cation" and "protein supplements" (a kind of compound, once
 * the salt's metal is dropped). */
static int bare_head_noun(const ts_strbuf *key)
{
    static const char *const nouns[] = {
        "agent", "agents", "aggregated", "anion", "carbonate", "cation",
        "combinations", "compounds", "drug", "drugs", "human", "hydrate",
        "ion", "medicine", "medicines", "oxide", "peroxide", "preparation",
        "preparations", "product", "products", "silicate", "supplement",
        "supplements",
    };
    size_t lo = 0, hi = sizeof(nouns) / sizeof(nouns[0]);

    /* nouns is sorted: every name of the dictionaries comes here. */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(key->buf, nouns[mid]);

        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* The key a name is bound by into d->key; its length. Stop words are
 * dropped, as lookups do; every word is kept when that would leave
 * nothing, a single character ("A-16L" without its "16 l" would be "a")
 * or a bare head noun ("nasal preparations" would be "preparations",
 * "albumin human" "human"):
 * such a key would match texts that do not name the substance. */
static size_t name_key(ts_dict *d, const char *text, size_t n)
{
    if (dict_key(text, n, 0, &d->key) < 2 || bare_head_noun(&d->key))
        dict_key(text, n, 1, &d->key);
    return d->key.len;
}

static const char *entry_name(const ts_dict *d, const key_val *v)
{
    return v->regimen ? d->regs[v->index].name : d->subs[v->index].name;
}

/* Binds a name or synonym to a substance or regimen. Its key is the one
 * lookups compute (stop words dropped); when that already means another
 * entry ("nanoparticle albumin-bound paclitaxel" -> "paclitaxel"), the
 * full key with every word is bound instead. Meaning two things either
 * way is an error, except that an override load (--dict) takes over. */
static ts_status bind_key(ts_dict *d, line_reader *r, size_t col,
                          const char *text, size_t n, int regimen,
                          size_t index, int override, ts_error *err)
{
    key_val first, clash;
    int ok;

    if (name_key(d, text, n) == 0)
        return TS_OK;
    ok = bind_one(d, &d->key, regimen, index, override, r, 0, &first);
    if (!ok) {
        dict_key(text, n, 1, &d->key);
        ok = bind_one(d, &d->key, regimen, index, override, r, 1, &clash);
        if (!ok) {
            const char *file = d->sources[first.source].path;
            int same = first.source == r->source;

            return ts_error_set(err, TS_ERR_DICT, r->path, r->line,
                                col_pos(r, col),
                                "\"%.*s\" already names \"%s\" (line %lu%s"
                                "%s)",
                                (int)n, text, entry_name(d, &first),
                                first.line, same ? "" : " of ",
                                same ? "" : file);
        }
    }
    return TS_OK;
}

static int parse_enum(const char *s, size_t n, const char *const *keys,
                      int count)
{
    int i;

    for (i = 0; i < count; i++)
        if (strlen(keys[i]) == n && memcmp(keys[i], s, n) == 0)
            return i;
    return -1;
}

/* Adds each '|'-separated alias of s[0..n) for target id. */
static void add_aliases(ts_dict *d, const char *s, size_t n, size_t id,
                        unsigned long line)
{
    const char *p = s, *end = s + n;

    if (is_none(s, n))
        return;
    while (p < end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        size_t k = bar ? (size_t)(bar - p) : (size_t)(end - p);

        add_alias(d, p, k, &id, 1, line);
        p += k + 1;
    }
}

ts_status dict_load_targets(ts_dict *d, const char *path, ts_error *err)
{
    line_reader r;
    ts_status rc = reader_open(&r, d, path, err);
    size_t ncol;
    int got = 0;

    if (rc != TS_OK)
        return rc;
    ncol = expect_header(&r, "symbol\tdisplay\tfamily\timmune", "aliases",
                         err);
    if (!ncol)
        rc = err->status;
    while (rc == TS_OK && (got = reader_next(&r, err)) > 0) {
        target_rec *t;
        size_t id;
        int added;

        if (r.ncol != ncol) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 0,
                              "%zu columns where %zu are expected", r.ncol,
                              ncol);
            break;
        }
        if (r.len[0] == 0 || r.len[1] == 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 1,
                              "empty symbol or display name");
            break;
        }
        if (strcmp(r.col[3], "yes") != 0 && strcmp(r.col[3], "no") != 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                              col_pos(&r, 3),
                              "immune must be yes or no, not \"%s\"",
                              r.col[3]);
            break;
        }
        id = strmap_find(d->tmap, r.col[0], r.len[0]);
        added = id == TS_STRMAP_NONE;
        if (!added && d->targets[id].pub.line != 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 1,
                              "duplicate target \"%s\"", r.col[0]);
            break;
        }
        id = target_id(d, r.col[0], r.len[0], 0);
        t = &d->targets[id];
        free(t->display);
        free(t->family);
        t->display = xstrdup(r.col[1]);
        t->family = xstrdup(r.len[2] ? r.col[2] : "-");
        t->pub.immune = strcmp(r.col[3], "yes") == 0;
        t->pub.line = r.line;
        /* The common name in the display ("KDR (VEGFR2)") is an alias. */
        {
            const char *open = strchr(r.col[1], '(');
            const char *close = open ? strrchr(open, ')') : NULL;

            if (open && close && close > open + 1)
                add_alias(d, open + 1, (size_t)(close - open - 1), &id, 1,
                          r.line);
        }
        if (ncol > 4)
            add_aliases(d, r.col[4], r.len[4], id, r.line);
    }
    if (rc == TS_OK && got < 0)
        rc = err->status;
    reader_close(&r, d, rc);
    return rc;
}

ts_status dict_load_classes(ts_dict *d, const char *path, ts_error *err)
{
    line_reader r;
    ts_status rc = reader_open(&r, d, path, err);
    int got = 0;

    if (rc != TS_OK)
        return rc;
    if (!expect_header(&r, "key\tlabel\tcancer\tatc\tmesh", NULL, err))
        rc = err->status;
    while (rc == TS_OK && (got = reader_next(&r, err)) > 0) {
        class_rec *c;
        int added;
        size_t i;

        if (r.ncol != 5) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 0,
                              "%zu columns where 5 are expected", r.ncol);
            break;
        }
        for (i = 0; i < r.len[0]; i++) {
            char ch = r.col[0][i];

            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                  ch == '_'))
                break;
        }
        if (r.len[0] == 0 || i < r.len[0]) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 1 + i,
                              "a class key is lower-case letters, digits "
                              "and '_'");
            break;
        }
        if (r.len[1] == 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                              col_pos(&r, 1), "empty class label");
            break;
        }
        if (strcmp(r.col[2], "yes") != 0 && strcmp(r.col[2], "no") != 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                              col_pos(&r, 2),
                              "cancer must be yes or no, not \"%s\"",
                              r.col[2]);
            break;
        }
        strmap_intern(d->cmap, r.col[0], r.len[0], &added);
        if (!added) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 1,
                              "duplicate class \"%s\"", r.col[0]);
            break;
        }
        if (d->nclasses == d->capclasses) {
            d->capclasses = d->capclasses ? d->capclasses * 2 : 64;
            d->classes =
                xrealloc(d->classes, d->capclasses * sizeof(class_rec));
        }
        c = &d->classes[d->nclasses++];
        memset(c, 0, sizeof(*c));
        c->key = xstrdup(r.col[0]);
        c->label = xstrdup(r.col[1]);
        c->pub.cancer = strcmp(r.col[2], "yes") == 0;
        c->pub.line = r.line;
    }
    if (rc == TS_OK && got < 0)
        rc = err->status;
    reader_close(&r, d, rc);
    return rc;
}

static size_t find_sub(const ts_dict *d, const char *name, size_t n)
{
    size_t id = strmap_find(d->names, name, n);

    return id == TS_STRMAP_NONE ? (size_t)-1 : id;
}

/* A substance line's fields, checked. */
typedef struct sub_line {
    int modality;
    int chemo;
    size_t drug_class;
} sub_line;

static ts_status check_sub_line(const ts_dict *d, line_reader *r,
                                size_t ncol, sub_line *out, ts_error *err)
{
    const char *path = r->path;

    if (r->ncol != ncol)
        return ts_error_set(err, TS_ERR_DICT, path, r->line, 0,
                            "%zu columns where %zu are expected", r->ncol,
                            ncol);
    if (r->len[0] == 0)
        return ts_error_set(err, TS_ERR_DICT, path, r->line, 1,
                            "empty substance name");
    out->modality = parse_enum(r->col[2], r->len[2], modality_keys,
                               TS_MOD_COUNT);
    if (out->modality < 0)
        return ts_error_set(err, TS_ERR_DICT, path, r->line,
                            col_pos(r, 2), "unknown modality \"%s\"",
                            r->col[2]);
    out->chemo = TS_CHEMO_NONE;
    if (!is_none(r->col[3], r->len[3])) {
        out->chemo = parse_enum(r->col[3], r->len[3], chemo_keys,
                                TS_CHEMO_COUNT);
        if (out->chemo < 0)
            return ts_error_set(err, TS_ERR_DICT, path, r->line,
                                col_pos(r, 3), "unknown chemo_class \"%s\"",
                                r->col[3]);
    }
    out->drug_class = TS_DRUG_CLASS_NONE;
    if (ncol > 6 && !is_none(r->col[6], r->len[6])) {
        out->drug_class = strmap_find(d->cmap, r->col[6], r->len[6]);
        if (out->drug_class == TS_STRMAP_NONE)
            return ts_error_set(err, TS_ERR_DICT, path, r->line,
                                col_pos(r, 6),
                                "unknown drug_class \"%s\" (not in "
                                "classes.tsv)",
                                r->col[6]);
    }
    return TS_OK;
}

/* Sets substance idx from the line (a new one, or one replaced). */
static void set_sub(ts_dict *d, size_t idx, line_reader *r,
                    const sub_line *f)
{
    sub_rec *s = &d->subs[idx];

    free(s->targets);
    free(s->immuno);
    s->pub.modality = (ts_modality)f->modality;
    s->pub.chemo = (ts_chemo_class)f->chemo;
    s->pub.ntargets = parse_targets(d, r->col[4], r->len[4], 0, &s->targets);
    s->pub.nimmuno = parse_targets(d, r->col[5], r->len[5], 1, &s->immuno);
    s->pub.targets = s->targets;
    s->pub.immuno = s->immuno;
    s->pub.drug_class = f->drug_class;
    s->pub.file = r->file;
    s->pub.line = r->line;
    s->pub.class_file = f->drug_class == TS_DRUG_CLASS_NONE ? NULL : r->file;
    s->pub.class_line = f->drug_class == TS_DRUG_CLASS_NONE ? 0 : r->line;
    s->pub.inferred = NULL;
}

static size_t new_sub(ts_dict *d, const char *name, size_t n)
{
    size_t idx;

    if (d->nsubs == d->capsubs) {
        d->capsubs = d->capsubs ? d->capsubs * 2 : 512;
        d->subs = xrealloc(d->subs, d->capsubs * sizeof(sub_rec));
    }
    idx = d->nsubs++;
    memset(&d->subs[idx], 0, sizeof(sub_rec));
    d->subs[idx].name = xstrndup(name, n);
    d->subs[idx].pub.name = d->subs[idx].name;
    strmap_intern(d->names, name, n, NULL);
    return idx;
}

#define SUB_HEADER "name\tsynonyms\tmodality\tchemo_class\ttargets\t" \
                   "immuno_targets"
#define SUB_OPTIONAL "drug_class\tsource"

ts_status dict_load_substances(ts_dict *d, const char *path, int override,
                               ts_error *err)
{
    line_reader r;
    ts_status rc = reader_open(&r, d, path, err);
    size_t ncol;
    int got = 0;

    if (rc != TS_OK)
        return rc;
    d->generation++;
    ncol = expect_header(&r, SUB_HEADER, SUB_OPTIONAL, err);
    if (!ncol)
        rc = err->status;
    while (rc == TS_OK && (got = reader_next(&r, err)) > 0) {
        sub_line f;
        size_t idx;
        char *p, *end;

        rc = check_sub_line(d, &r, ncol, &f, err);
        if (rc != TS_OK)
            break;
        idx = find_sub(d, r.col[0], r.len[0]);
        if (idx != (size_t)-1 && !override) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 1,
                              "duplicate substance \"%s\"", r.col[0]);
            break;
        }
        if (idx == (size_t)-1)
            idx = new_sub(d, r.col[0], r.len[0]);
        set_sub(d, idx, &r, &f);
        rc = bind_key(d, &r, 0, r.col[0], r.len[0], 0, idx, override, err);
        p = r.col[1];
        end = p + r.len[1];
        while (rc == TS_OK && p < end && !is_none(r.col[1], r.len[1])) {
            char *bar = memchr(p, '|', (size_t)(end - p));
            size_t n = bar ? (size_t)(bar - p) : (size_t)(end - p);

            if (n)
                rc = bind_key(d, &r, 1, p, n, 0, idx, override, err);
            p += n + 1;
        }
    }
    if (rc == TS_OK && got < 0)
        rc = err->status;
    reader_close(&r, d, rc);
    return rc;
}

/* Gives substance idx the line's therapeutic class if it has none. */
static void fill_class(ts_dict *d, size_t idx, const line_reader *r,
                       const sub_line *f)
{
    ts_substance *s = &d->subs[idx].pub;

    if (s->drug_class == TS_DRUG_CLASS_NONE &&
        f->drug_class != TS_DRUG_CLASS_NONE) {
        s->drug_class = f->drug_class;
        s->class_file = r->file;
        s->class_line = r->line;
    }
}

/* Sets a key just interned (its value uninitialised) to substance idx. */
static void bind_new(ts_dict *d, size_t id, size_t idx, const line_reader *r)
{
    key_val *v = val_slot(d, id);

    v->regimen = 0;
    v->index = idx;
    v->line = r->line;
    v->source = r->source;
    v->generation = d->generation;
    v->full = 0;
}

/* Room for a substance file of this many bytes, allocated once: about
 * one substance per 85 bytes and one name per 29 (the generated file's
 * averages, more than the curated file's). Tables that grow while
 * loading are rehashed and copied, and each copy touches new memory. */
static void reserve_for(ts_dict *d, size_t bytes)
{
    size_t subs = bytes / 80, keys = bytes / 25;

    if (d->nsubs + subs > d->capsubs) {
        sub_rec *grown = xcalloc_big((d->nsubs + subs) * sizeof(sub_rec));

        if (d->nsubs)
            memcpy(grown, d->subs, d->nsubs * sizeof(sub_rec));
        free(d->subs);
        d->subs = grown;
        d->capsubs = d->nsubs + subs;
    }
    strmap_reserve(d->names, subs);
    strmap_reserve(d->keys, keys);
    if (strmap_count(d->keys) + keys > d->capvals) {
        size_t cap = strmap_count(d->keys) + keys;
        key_val *grown = xcalloc_big(cap * sizeof(key_val));

        if (d->capvals)
            memcpy(grown, d->vals, d->capvals * sizeof(key_val));
        free(d->vals);
        d->vals = grown;
        d->capvals = cap;
    }
}

/*
 * One hash probe per name: interning the key says whether it is new (bound
 * to the line's substance), means something from an earlier file (left
 * to it), or was claimed by an earlier line of this file (an error unless
 * it is the same substance). The generated file has 50,000 names and is
 * loaded on every run.
 */
ts_status dict_load_generated(ts_dict *d, const char *path, ts_error *err)
{
    line_reader r;
    ts_status rc = reader_open(&r, d, path, err);
    size_t ncol;
    int got = 0;

    if (rc != TS_OK)
        return rc;
    d->generation++;
    {
        struct stat st;

        /* dict_load_dir sized the tables for it already. */
        if (!d->reserved && fstat(fileno(r.fp), &st) == 0 &&
            st.st_size > 0)
            reserve_for(d, (size_t)st.st_size);
    }
    ncol = expect_header(&r, SUB_HEADER, SUB_OPTIONAL, err);
    if (!ncol)
        rc = err->status;
    while (rc == TS_OK && (got = reader_next(&r, err)) > 0) {
        sub_line f;
        size_t idx = (size_t)-1, id;
        int added;
        char *p, *end;

        rc = check_sub_line(d, &r, ncol, &f, err);
        if (rc != TS_OK)
            break;
        /* Whom the line is about: what its name means already, or a new
         * substance. */
        if (name_key(d, r.col[0], r.len[0])) {
            id = intern_key(d, d->key.buf, d->key.len, &added);
            if (!added) {
                const key_val *v = &d->vals[id];

                if (v->generation == d->generation) {
                    rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 1,
                                      "\"%s\" already names \"%s\" (line "
                                      "%lu)",
                                      r.col[0], entry_name(d, v), v->line);
                    break;
                }
                if (v->regimen)
                    continue;       /* a regimen's name: the regimen wins */
                idx = v->index;
                fill_class(d, idx, &r, &f);
            } else {
                size_t nid = strmap_intern(d->names, r.col[0], r.len[0],
                                           &added);

                if (!added) {
                    /* The same name, bound by another key before. */
                    idx = nid;
                    fill_class(d, idx, &r, &f);
                } else {
                    if (d->nsubs == d->capsubs) {
                        d->capsubs = d->capsubs ? d->capsubs * 2 : 512;
                        d->subs =
                            xrealloc(d->subs, d->capsubs * sizeof(sub_rec));
                    }
                    idx = d->nsubs++;
                    memset(&d->subs[idx], 0, sizeof(sub_rec));
                    d->subs[idx].name = xstrndup(r.col[0], r.len[0]);
                    d->subs[idx].pub.name = d->subs[idx].name;
                    set_sub(d, idx, &r, &f);
                }
                bind_new(d, id, idx, &r);
            }
        } else {
            continue;       /* a name of stop words only is never looked up */
        }
        /* Every synonym not yet meaning something now means this one. */
        p = r.col[1];
        end = p + r.len[1];
        while (rc == TS_OK && p < end && !is_none(r.col[1], r.len[1])) {
            char *bar = memchr(p, '|', (size_t)(end - p));
            size_t n = bar ? (size_t)(bar - p) : (size_t)(end - p);

            if (n && name_key(d, p, n)) {
                id = intern_key(d, d->key.buf, d->key.len, &added);
                if (added) {
                    bind_new(d, id, idx, &r);
                } else {
                    const key_val *v = &d->vals[id];

                    if (v->generation == d->generation &&
                        (v->regimen || v->index != idx))
                        rc = ts_error_set(
                            err, TS_ERR_DICT, path, r.line,
                            (unsigned long)(p - r.buf) + 1,
                            "\"%.*s\" already names \"%s\" (line %lu)",
                            (int)n, p, entry_name(d, v), v->line);
                }
            }
            p += n + 1;
        }
    }
    if (rc == TS_OK && got < 0)
        rc = err->status;
    reader_close(&r, d, rc);
    return rc;
}

static const char *const case_keys[] = {"any", "capitals", "exact"};

static int ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int ascii_alnum(char c)
{
    return ascii_letter(c) || (c >= '0' && c <= '9');
}

static int letters_only(const char *s)
{
    size_t i;

    for (i = 0; s[i]; i++)
        if (!ascii_letter(s[i]))
            return 0;
    return i > 0;
}

ts_status dict_load_regimens(ts_dict *d, const char *path, ts_error *err)
{
    line_reader r;
    ts_status rc = reader_open(&r, d, path, err);
    int got = 0;
    size_t ncol;

    if (rc != TS_OK)
        return rc;
    d->generation++;
    ncol = expect_header(&r, "name\tcomponents", "case", err);
    if (!ncol)
        rc = err->status;
    while (rc == TS_OK && (got = reader_next(&r, err)) > 0) {
        regimen_rec *g;
        char *p, *end;
        int match_case = CASE_ANY;

        if (r.ncol < 2 || r.ncol > ncol || r.len[0] == 0 || r.len[1] == 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 0,
                              ncol == 3 ? "expected a name, its components "
                                          "and how its case is matched"
                                        : "expected a name and its "
                                          "components");
            break;
        }
        if (r.ncol == 3 && !is_none(r.col[2], r.len[2])) {
            match_case = parse_enum(r.col[2], r.len[2], case_keys, 3);
            if (match_case < 0) {
                rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                                  col_pos(&r, 2),
                                  "unknown case \"%s\" (expected -, "
                                  "capitals or exact)",
                                  r.col[2]);
                break;
            }
            if (match_case != CASE_ANY && !letters_only(r.col[0])) {
                rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                                  col_pos(&r, 2),
                                  "case \"%s\" is for a name of letters "
                                  "only, not \"%s\"",
                                  r.col[2], r.col[0]);
                break;
            }
        }
        if (d->nregs == d->capregs) {
            d->capregs = d->capregs ? d->capregs * 2 : 64;
            d->regs = xrealloc(d->regs, d->capregs * sizeof(regimen_rec));
        }
        g = &d->regs[d->nregs];
        memset(g, 0, sizeof(*g));
        g->name = xstrdup(r.col[0]);
        g->match_case = match_case;
        g->parts = xcalloc(r.len[1] + 1, sizeof(size_t));
        d->nregs++;
        p = r.col[1];
        end = p + r.len[1];
        while (p < end) {
            char *bar = memchr(p, '|', (size_t)(end - p));
            size_t n = bar ? (size_t)(bar - p) : (size_t)(end - p);
            size_t idx;

            p[n] = '\0';
            idx = find_sub(d, p, n);
            if (idx == (size_t)-1) {
                rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                                  (unsigned long)(p - r.buf) + 1,
                                  "unknown substance \"%s\" in regimen "
                                  "\"%s\"",
                                  p, g->name);
                break;
            }
            g->parts[g->nparts++] = idx;
            p += n + 1;
        }
        if (rc == TS_OK)
            rc = bind_key(d, &r, 0, r.col[0], r.len[0], 1, d->nregs - 1, 0,
                          err);
    }
    if (rc == TS_OK && got < 0)
        rc = err->status;
    reader_close(&r, d, rc);
    return rc;
}

/* A stem is '-' and lower-case letters ("-citinib"), or a monoclonal
 * antibody's target substem "-SUB-mab". Returns 0 or the bad byte's
 * 1-based offset. */
static size_t bad_stem(const char *s, size_t n)
{
    size_t i, dashes = 0;

    if (n < 3 || s[0] != '-')
        return 1;
    for (i = 1; i < n; i++) {
        if (s[i] == '-') {
            if (++dashes > 1 || i == 1 || strcmp(s + i, "-mab") != 0)
                return i + 1;
        } else if (s[i] < 'a' || s[i] > 'z') {
            return i + 1;
        }
    }
    return 0;
}

ts_status dict_load_stems(ts_dict *d, const char *path, ts_error *err)
{
    line_reader r;
    ts_status rc = reader_open(&r, d, path, err);
    int got = 0;

    if (rc != TS_OK)
        return rc;
    if (!expect_header(&r, "stem\tmodality\tchemo_class\tdrug_class\tmeaning",
                       NULL, err))
        rc = err->status;
    while (rc == TS_OK && (got = reader_next(&r, err)) > 0) {
        stem_rec *s;
        int mod, chemo = TS_CHEMO_NONE, added;
        size_t cls = TS_DRUG_CLASS_NONE, bad;

        if (r.ncol != 5) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 0,
                              "%zu columns where 5 are expected", r.ncol);
            break;
        }
        bad = bad_stem(r.col[0], r.len[0]);
        if (bad) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, bad,
                              "a stem is '-' and lower-case letters "
                              "(\"-tinib\", or \"-tu-mab\" for an antibody "
                              "substem), not \"%s\"",
                              r.col[0]);
            break;
        }
        mod = parse_enum(r.col[1], r.len[1], modality_keys, TS_MOD_COUNT);
        if (mod < 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                              col_pos(&r, 1), "unknown modality \"%s\"",
                              r.col[1]);
            break;
        }
        if (!is_none(r.col[2], r.len[2])) {
            chemo = parse_enum(r.col[2], r.len[2], chemo_keys,
                               TS_CHEMO_COUNT);
            if (chemo < 0) {
                rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                                  col_pos(&r, 2),
                                  "unknown chemo_class \"%s\"", r.col[2]);
                break;
            }
        }
        if (!is_none(r.col[3], r.len[3])) {
            cls = strmap_find(d->cmap, r.col[3], r.len[3]);
            if (cls == TS_STRMAP_NONE) {
                rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                                  col_pos(&r, 3),
                                  "unknown drug_class \"%s\" (not in "
                                  "classes.tsv)",
                                  r.col[3]);
                break;
            }
        }
        strmap_intern(d->smap, r.col[0] + 1, r.len[0] - 1, &added);
        if (!added) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 1,
                              "duplicate stem \"%s\"", r.col[0]);
            break;
        }
        if (d->nstems == d->capstems) {
            d->capstems = d->capstems ? d->capstems * 2 : 128;
            d->stems = xrealloc(d->stems, d->capstems * sizeof(stem_rec));
        }
        s = &d->stems[d->nstems++];
        memset(s, 0, sizeof(*s));
        s->stem = xstrdup(r.col[0]);
        s->meaning = xstrdup(r.col[4]);
        s->pub.modality = (ts_modality)mod;
        s->pub.chemo = (ts_chemo_class)chemo;
        s->pub.drug_class = cls;
        s->pub.file = r.file;
        s->pub.line = r.line;
        if (r.len[0] - 1 > d->stem_max)
            d->stem_max = r.len[0] - 1;
    }
    if (rc == TS_OK && got < 0)
        rc = err->status;
    reader_close(&r, d, rc);
    return rc;
}

ts_status dict_load_dir(ts_dict *d, const char *dir, ts_error *err)
{
    static const struct {
        const char *file;
        ts_status (*load)(ts_dict *, const char *, ts_error *);
    } files[] = {
        {"targets.tsv", dict_load_targets},
        {"classes.tsv", dict_load_classes},
        {"substances.tsv", NULL},
        {"regimens.tsv", dict_load_regimens},
        {"drugs-generated.tsv", dict_load_generated},
        {"stems.tsv", dict_load_stems},
    };
    ts_status rc = TS_OK;
    size_t i, bytes = 0;

    /* The tables sized once for every substance file, before the first
     * is read. */
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        ts_strbuf path = {0};
        struct stat st;

        sb_printf(&path, "%s/%s", dir, files[i].file);
        if ((files[i].load == NULL || files[i].load == dict_load_generated) &&
            stat(path.buf, &st) == 0 && st.st_size > 0)
            bytes += (size_t)st.st_size;
        sb_free(&path);
    }
    reserve_for(d, bytes);
    d->reserved = 1;
    for (i = 0; i < sizeof(files) / sizeof(files[0]) && rc == TS_OK; i++) {
        /* Each path is kept: errors and substances point at it. */
        ts_strbuf path = {0};

        sb_printf(&path, "%s/%s", dir, files[i].file);
        if (files[i].load)
            rc = files[i].load(d, path.buf, err);
        else
            rc = dict_load_substances(d, path.buf, 0, err);
        if (rc != TS_OK) {
            /* The error names the file: keep it alive in the dict. */
            size_t k;

            for (k = 0; k < d->nsources; k++)
                if (strcmp(d->sources[k].path, path.buf) == 0)
                    break;
            if (k == d->nsources) {
                if (d->nsources == d->capsources) {
                    d->capsources = d->capsources ? d->capsources * 2 : 8;
                    d->sources = xrealloc(d->sources,
                                          d->capsources * sizeof(source_rec));
                }
                d->sources[k].path = xstrdup(path.buf);
                d->sources[k].sha[0] = '\0';
                d->nsources++;
            }
            err->file = d->sources[k].path;
        }
        sb_free(&path);
    }
    return rc;
}

/* ---- lookup ---- */

/* dict_lookup_key, also saying which regimen a hit was (*reg, or NULL). */
static size_t lookup_key(const ts_dict *d, const char *key, size_t len,
                         const ts_substance **out, size_t max,
                         ts_dict_hit *hit, const regimen_rec **reg)
{
    size_t id, i;
    const key_val *v;

    *reg = NULL;
    if (!bloom_may_have(d, key, len))
        return 0;
    id = strmap_find(d->keys, key, len);
    if (id == TS_STRMAP_NONE)
        return 0;
    v = &d->vals[id];
    if (v->regimen)
        *reg = &d->regs[v->index];
    if (hit) {
        hit->file = d->sources[v->source].path;
        hit->line = v->line;
        hit->regimen = v->regimen ? d->regs[v->index].name : NULL;
    }
    if (!v->regimen) {
        if (max)
            out[0] = &d->subs[v->index].pub;
        return 1;
    }
    for (i = 0; i < d->regs[v->index].nparts && i < max; i++)
        out[i] = &d->subs[d->regs[v->index].parts[i]].pub;
    return d->regs[v->index].nparts;
}

size_t dict_lookup_key(const ts_dict *d, const char *key, size_t len,
                       const ts_substance **out, size_t max,
                       ts_dict_hit *hit)
{
    const regimen_rec *reg;

    return lookup_key(d, key, len, out, max, hit, &reg);
}

/* Whether text holds tok as a word written as tok is (capitals stay
 * capitals), dots between its letters allowed ("A.I.") and, when joins is
 * set, hyphens too ("TC-H" is TCH); upper also accepts the word in
 * capitals ("GEMOX" for GemOx). */
static int has_token_joined(const char *text, size_t len, const char *tok,
                            int joins, int upper)
{
    size_t i = 0, n = strlen(tok);

    while (i < len) {
        size_t k = 0;
        int same = 1;

        while (i < len && !ascii_alnum(text[i]))
            i++;
        while (i < len && (ascii_alnum(text[i]) || text[i] == '.' ||
                           (joins && text[i] == '-'))) {
            if (ascii_alnum(text[i]) && same) {
                if (k < n && (text[i] == tok[k] ||
                              (upper && tok[k] >= 'a' && tok[k] <= 'z' &&
                               text[i] == tok[k] - 'a' + 'A')))
                    k++;
                else
                    same = 0;
            }
            i++;
        }
        if (same && k == n && n)
            return 1;
    }
    return 0;
}

/* Whether a text writes a regimen's name as its case column asks:
 * "capitals" as it is ("ICE", not "Ice pack"; "Smile program" and "Road
 * test" name no chemotherapy), "exact" with its own case ("MATRix" and
 * "Pd", not "Matrix" or "PD"). */
static int written_as(const char *text, size_t len, const regimen_rec *g)
{
    int upper = g->match_case == CASE_CAPITALS;

    if (g->match_case == CASE_ANY)
        return 1;
    return has_token_joined(text, len, g->name, 0, upper) ||
           has_token_joined(text, len, g->name, 1, upper);
}

size_t dict_lookup(const ts_dict *d, const char *text, size_t len,
                   const ts_substance **out, size_t max, ts_dict_hit *hit)
{
    ts_strbuf key = {0}, full = {0};
    size_t n = 0, id = TS_STRMAP_NONE;
    size_t short_len = dict_key(text, len, 0, &key);
    const regimen_rec *reg = NULL;

    if (dict_key(text, len, 1, &full) > short_len)
        id = strmap_find(d->keys, full.buf, full.len);
    /* Entries whose short key was taken are bound by their full key
     * (bind_key); that wins, as the short key means the other entry. */
    if (id != TS_STRMAP_NONE && d->vals[id].full)
        n = lookup_key(d, full.buf, full.len, out, max, hit, &reg);
    if (n == 0 && short_len)
        n = lookup_key(d, key.buf, key.len, out, max, hit, &reg);
    if (n == 0 && id != TS_STRMAP_NONE)
        n = lookup_key(d, full.buf, full.len, out, max, hit, &reg);
    if (n && reg && !written_as(text, len, reg))
        n = 0;
    sb_free(&key);
    sb_free(&full);
    return n;
}

const ts_target *dict_target(const ts_dict *d, size_t id)
{
    return id < d->ntargets ? &d->targets[id].pub : NULL;
}

const ts_target *dict_target_by_symbol(const ts_dict *d, const char *sym)
{
    size_t id = strmap_find(d->tmap, sym, strlen(sym));

    return id == TS_STRMAP_NONE ? NULL : &d->targets[id].pub;
}

size_t dict_alias(const ts_dict *d, const char *key, size_t len, size_t *out,
                  size_t max, unsigned long *line)
{
    size_t a = strmap_find(d->amap, key, len), i;

    if (a == TS_STRMAP_NONE)
        return 0;
    for (i = 0; i < d->aliases[a].n && i < max; i++)
        out[i] = d->aliases[a].ids[i];
    if (line)
        *line = d->aliases[a].line;
    return d->aliases[a].n;
}

size_t dict_ntargets(const ts_dict *d)
{
    return d->ntargets;
}

size_t dict_nsubstances(const ts_dict *d)
{
    return d->nsubs;
}

size_t dict_nkeys(const ts_dict *d)
{
    return strmap_count(d->keys);
}

size_t dict_nregimens(const ts_dict *d)
{
    return d->nregs;
}

size_t dict_nclasses(const ts_dict *d)
{
    return d->nclasses;
}

const ts_drug_class *dict_class(const ts_dict *d, size_t id)
{
    return id < d->nclasses ? &d->classes[id].pub : NULL;
}

size_t dict_class_by_key(const ts_dict *d, const char *key)
{
    return strmap_find(d->cmap, key, strlen(key));
}

/* Source substems of an antibody name before "mab" (chimeric, humanized,
 * human, mouse, ...), longest first; "" for names without one. */
static const char *const mab_sources[] = {
    "xizu", "axo", "zu", "xi", "u", "o", "a", "e", "i", "",
};

/* Target substems, as spelt before a source substem or "mab", longest
 * first, with the form they are listed under in stems.tsv. */
static const struct {
    const char *spelt, *as;
} mab_targets[] = {
    {"toxa", "toxa"}, {"fung", "fung"}, {"gros", "gros"}, {"gro", "gros"},
    {"tox", "toxa"}, {"lim", "li"},    {"tuz", "tu"},     {"cir", "ci"},
    {"kin", "ki"},   {"ner", "ne"},    {"sos", "so"},     {"bac", "ba"},
    {"vir", "vi"},   {"ami", "ami"},   {"li", "li"},      {"tu", "tu"},
    {"ta", "ta"},    {"ci", "ci"},     {"ki", "ki"},      {"ne", "ne"},
    {"so", "so"},    {"ba", "ba"},     {"vi", "vi"},      {"fu", "fung"},
    {"de", "de"},    {"l", "li"},      {"t", "tu"},       {"c", "ci"},
    {"k", "ki"},     {"n", "ne"},      {"s", "so"},       {"b", "ba"},
    {"v", "vi"},
};

static const ts_stem *stem_find(const ts_dict *d, const char *s, size_t n)
{
    size_t id = strmap_find(d->smap, s, n);

    return id == TS_STRMAP_NONE ? NULL : &d->stems[id].pub;
}

/* An antibody name: its target substem, from the end of the name's
 * stem (the name without "mab") after an optional source substem. The
 * shortest prefix of three letters is kept (ipi-li-mu-mab). */
static const ts_stem *mab_stem(const ts_dict *d, const char *w, size_t n)
{
    size_t s, t;
    char buf[16];

    for (s = 0; s < sizeof(mab_sources) / sizeof(mab_sources[0]); s++) {
        size_t sl = strlen(mab_sources[s]), end;

        if (n < sl + 3 || memcmp(w + n - sl, mab_sources[s], sl) != 0)
            continue;
        end = n - sl;
        for (t = 0; t < sizeof(mab_targets) / sizeof(mab_targets[0]); t++) {
            size_t tl = strlen(mab_targets[t].spelt);
            const ts_stem *st;

            if (end < tl + 3 ||
                memcmp(w + end - tl, mab_targets[t].spelt, tl) != 0)
                continue;
            snprintf(buf, sizeof(buf), "%s-mab", mab_targets[t].as);
            st = stem_find(d, buf, strlen(buf));
            if (st)
                return st;
        }
    }
    return NULL;
}

const ts_stem *dict_stem(const ts_dict *d, const char *word, size_t len)
{
    size_t k;

    if (len > 3 && memcmp(word + len - 3, "mab", 3) == 0) {
        const ts_stem *st = mab_stem(d, word, len - 3);

        if (st)
            return st;
    }
    /* Longest stem first; the name must keep a prefix of 3 letters. */
    for (k = d->stem_max < len - 3 ? d->stem_max : len - 3; len > 3 && k >= 3;
         k--) {
        const ts_stem *st = stem_find(d, word + len - k, k);

        if (st)
            return st;
    }
    return NULL;
}

size_t dict_nstems(const ts_dict *d)
{
    return d->nstems;
}

size_t dict_nsources(const ts_dict *d)
{
    return d->nsources;
}

const char *dict_source_path(const ts_dict *d, size_t i)
{
    return i < d->nsources ? d->sources[i].path : "";
}

const char *dict_source_sha256(const ts_dict *d, size_t i)
{
    return i < d->nsources ? d->sources[i].sha : "";
}

const ts_substance *dict_find(const ts_dict *d, const char *name)
{
    size_t i = find_sub(d, name, strlen(name));

    return i == (size_t)-1 ? NULL : &d->subs[i].pub;
}
