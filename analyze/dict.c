/*
 * dict.c - loading the dictionaries and keyed lookup (analyze stage).
 */
#include "analyze/dict.h"

#include <errno.h>
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

typedef struct regimen_rec {
    char *name;             /* owned */
    size_t *parts;          /* owned; substance indices */
    size_t nparts;
} regimen_rec;

typedef struct target_rec {
    ts_target pub;
    char *symbol;           /* owned */
    char *display;          /* owned */
    char *family;           /* owned */
} target_rec;

/* What a key means: a substance or a regimen, with the file and line that
 * defined it (for duplicate reports). */
typedef struct key_val {
    int regimen;
    size_t index;
    unsigned long line;
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
    size_t nsources;
    sub_rec *subs;
    size_t nsubs, capsubs;
    regimen_rec *regs;
    size_t nregs, capregs;
    target_rec *targets;
    size_t ntargets, captargets;
    ts_strmap *tmap;        /* owned; symbol -> target id */
    ts_strmap *keys;        /* owned; key -> key_val index */
    key_val *vals;
    size_t capvals;
    int generation;
};

static const char *const modality_keys[TS_MOD_COUNT] = {
    "chemotherapy", "targeted",   "immunotherapy", "radiotherapy",
    "surgery",      "cell_gene",  "hormonal",      "supportive",
    "placebo",      "other",
};
static const char *const modality_labels[TS_MOD_COUNT] = {
    "Chemotherapy",         "Targeted therapy", "Immunotherapy",
    "Radiotherapy",         "Surgery",          "Cell or gene therapy",
    "Hormonal therapy",     "Supportive care",  "Placebo/control",
    "Other",
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
    "acetate", "albumin", "anhydrous", "base", "besilate", "besylate",
    "bid", "bitartrate", "bound", "bromide", "calcium", "capsule",
    "capsules", "cgy", "chloride", "citrate", "cycle", "cycles", "daily",
    "day", "days", "dihydrate", "dihydrochloride", "dimaleate", "dimesylate",
    "diphosphate", "disodium", "ditosylate", "dose", "doses", "dosing",
    "every", "extended", "for", "fumarate", "gluconate", "gy", "hcl",
    "hemihydrate", "high", "hyclate", "hydrobromide", "hydrochloride",
    "im", "infusion", "inj", "injectable", "injection", "intramuscular",
    "intrathecal", "intravenous", "intravenously", "iu", "iv", "kg",
    "lactate", "liposomal", "liposome", "liposomes", "low", "magnesium",
    "malate", "maleate", "mcg", "mesilate", "mesylate", "mg", "ml",
    "monohydrate", "nanoparticle", "ng", "of", "oral", "orally", "peg",
    "pegylated", "phosphate", "po", "potassium", "protein", "q2w", "q3w",
    "q4w", "qd", "release", "sc", "sodium", "solution", "standard",
    "subcutaneous", "subcutaneously", "succinate", "sulfate", "sulphate",
    "suspension", "tablet", "tablets", "tartrate", "tid", "tosylate",
    "trihydrate", "ug", "weekly",
};

/* Units after a number: "800 mg", "1.5 mg/m2", "60 Gy". */
static const char *const unit_words[] = {
    "cells", "cgy", "g", "gbq", "gm", "gy", "iu", "kg", "l", "m2", "mbq",
    "mci", "mcg", "mg", "mg/kg", "ml", "mmol", "ng", "pfu", "u", "ug",
    "unit", "units", "vp",
};

static int cmp_word(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_list(const char *w, const char *const *list, size_t n)
{
    return bsearch(&w, list, n, sizeof(char *), cmp_word) != NULL;
}

static int is_stop(const char *w)
{
    return in_list(w, stop_words, sizeof(stop_words) / sizeof(char *));
}

static int is_unit(const char *w)
{
    return in_list(w, unit_words, sizeof(unit_words) / sizeof(char *));
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
            i++;
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
        for (i = 0; word[i]; i++)
            if (word[i] != '.')
                sb_putc(key, word[i]);
    }
    return key->len;
}

/* ---- storage ---- */

ts_dict *dict_new(void)
{
    ts_dict *d = xcalloc(1, sizeof(*d));

    d->tmap = strmap_new();
    d->keys = strmap_new();
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
    for (i = 0; i < d->nsources; i++)
        free(d->sources[i].path);
    free(d->sources);
    free(d->subs);
    free(d->regs);
    free(d->targets);
    free(d->vals);
    strmap_free(d->tmap);
    strmap_free(d->keys);
    free(d);
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
        t->symbol = xstrndup(sym, n);
        t->display = xstrndup(sym, n);
        t->family = xstrdup("");
        t->pub.symbol = t->symbol;
        t->pub.display = t->display;
        t->pub.family = t->family;
        t->pub.immune = immune;
    } else if (immune) {
        d->targets[id].pub.immune = 1;
    }
    return id;
}

/* ---- file reading ---- */

typedef struct line_reader {
    ts_sha256 sha;          /* of every byte read */
    FILE *fp;
    const char *path;
    char *buf;
    size_t cap;
    unsigned long line;
    char *col[MAX_COLUMNS];
    size_t len[MAX_COLUMNS];
    size_t ncol;
} line_reader;

static ts_status reader_open(line_reader *r, const char *path, ts_error *err)
{
    memset(r, 0, sizeof(*r));
    sha256_init(&r->sha);
    r->path = path;
    r->fp = fopen(path, "r");
    if (!r->fp)
        return ts_error_sys(err, TS_ERR_IO, errno, path,
                            "cannot open dictionary");
    return TS_OK;
}

/* Closes the file; a dictionary read to its end is recorded with its
 * checksum. */
static void reader_close(line_reader *r, ts_dict *d, ts_status rc)
{
    if (r->fp)
        fclose(r->fp);
    free(r->buf);
    if (rc == TS_OK && d) {
        source_rec *s;

        d->sources =
            xrealloc(d->sources, (d->nsources + 1) * sizeof(source_rec));
        s = &d->sources[d->nsources++];
        s->path = xstrdup(r->path);
        sha256_final_hex(&r->sha, s->sha);
    }
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

static ts_status expect_header(line_reader *r, const char *header,
                               ts_error *err)
{
    int got = reader_next(r, err);
    const char *h = header;
    size_t i;

    if (got < 0)
        return err->status;
    if (got == 0)
        return ts_error_set(err, TS_ERR_DICT, r->path, r->line, 0,
                            "empty dictionary: expected the header \"%s\"",
                            header);
    /* Compare column by column; all of them, and no more. */
    for (i = 0; i < r->ncol; i++) {
        const char *tab = strchr(h, '\t');
        size_t n = tab ? (size_t)(tab - h) : strlen(h);

        if (n != r->len[i] || memcmp(h, r->col[i], n) != 0)
            break;
        if (!tab) {
            i++;
            break;
        }
        h = tab + 1;
    }
    if (i != r->ncol || strchr(h, '\t'))
        return ts_error_set(err, TS_ERR_DICT, r->path, r->line, 1,
                            "bad header: expected \"%s\"", header);
    return TS_OK;
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

/* Binds one key; returns 0 when it already means something else that
 * may not be taken over, with *clash set to that meaning. */
static int bind_one(ts_dict *d, const ts_strbuf *key, int regimen,
                    size_t index, int override, unsigned long line,
                    int full, const key_val **clash)
{
    int added;
    size_t id = strmap_intern(d->keys, key->buf, key->len, &added);
    key_val *v;

    if (id >= d->capvals) {
        d->capvals = d->capvals ? d->capvals * 2 : 1024;
        d->vals = xrealloc(d->vals, d->capvals * sizeof(key_val));
    }
    v = &d->vals[id];
    if (!added && (v->regimen != regimen || v->index != index)) {
        if (v->generation == d->generation || !override) {
            *clash = v;
            return 0;
        }
    }
    if (added || v->regimen != regimen || v->index != index) {
        v->regimen = regimen;
        v->index = index;
        v->line = line;
        v->generation = d->generation;
        v->full = full;
    }
    return 1;
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
    ts_strbuf key = {0};
    const key_val *clash = NULL;
    ts_status rc = TS_OK;
    int ok;

    if (dict_key(text, n, 0, &key) == 0)
        dict_key(text, n, 1, &key);
    if (key.len == 0) {
        sb_free(&key);
        return TS_OK;
    }
    ok = bind_one(d, &key, regimen, index, override, r->line, 0, &clash);
    if (!ok) {
        key_val first = *clash;     /* d->vals may move below */

        dict_key(text, n, 1, &key);
        ok = bind_one(d, &key, regimen, index, override, r->line, 1,
                      &clash);
        if (!ok) {
            const char *other = first.regimen ? d->regs[first.index].name
                                              : d->subs[first.index].name;

            rc = ts_error_set(err, TS_ERR_DICT, r->path, r->line,
                              col_pos(r, col),
                              "\"%.*s\" already names \"%s\" (line %lu)",
                              (int)n, text, other, first.line);
        }
    }
    sb_free(&key);
    return rc;
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

ts_status dict_load_targets(ts_dict *d, const char *path, ts_error *err)
{
    line_reader r;
    ts_status rc = reader_open(&r, path, err);
    int got;

    if (rc != TS_OK)
        return rc;
    rc = expect_header(&r, "symbol\tdisplay\tfamily\timmune", err);
    while (rc == TS_OK && (got = reader_next(&r, err)) > 0) {
        target_rec *t;
        size_t id;
        int added;

        if (r.ncol != 4) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 0,
                              "%zu columns where 4 are expected", r.ncol);
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
        if (!added && d->targets[id].pub.family[0] != '\0') {
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
        t->pub.display = t->display;
        t->pub.family = t->family;
        t->pub.immune = strcmp(r.col[3], "yes") == 0;
    }
    if (rc == TS_OK && got < 0)
        rc = err->status;
    reader_close(&r, d, rc);
    return rc;
}

static size_t find_sub(const ts_dict *d, const char *name)
{
    size_t i;

    for (i = 0; i < d->nsubs; i++)
        if (strcmp(d->subs[i].name, name) == 0)
            return i;
    return (size_t)-1;
}

ts_status dict_load_substances(ts_dict *d, const char *path, int override,
                               ts_error *err)
{
    line_reader r;
    ts_status rc = reader_open(&r, path, err);
    int got = 0;

    if (rc != TS_OK)
        return rc;
    d->generation++;
    rc = expect_header(&r, "name\tsynonyms\tmodality\tchemo_class\t"
                           "targets\timmuno_targets",
                       err);
    while (rc == TS_OK && (got = reader_next(&r, err)) > 0) {
        int mod, chemo = TS_CHEMO_NONE;
        size_t idx;
        sub_rec *s;
        char *p, *end;

        if (r.ncol != 6) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 0,
                              "%zu columns where 6 are expected", r.ncol);
            break;
        }
        if (r.len[0] == 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 1,
                              "empty substance name");
            break;
        }
        mod = parse_enum(r.col[2], r.len[2], modality_keys, TS_MOD_COUNT);
        if (mod < 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                              col_pos(&r, 2), "unknown modality \"%s\"",
                              r.col[2]);
            break;
        }
        if (!is_none(r.col[3], r.len[3])) {
            chemo = parse_enum(r.col[3], r.len[3], chemo_keys,
                               TS_CHEMO_COUNT);
            if (chemo < 0) {
                rc = ts_error_set(err, TS_ERR_DICT, path, r.line,
                                  col_pos(&r, 3),
                                  "unknown chemo_class \"%s\"", r.col[3]);
                break;
            }
        }
        idx = find_sub(d, r.col[0]);
        if (idx != (size_t)-1 && !override) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 1,
                              "duplicate substance \"%s\"", r.col[0]);
            break;
        }
        if (idx == (size_t)-1) {
            if (d->nsubs == d->capsubs) {
                d->capsubs = d->capsubs ? d->capsubs * 2 : 512;
                d->subs = xrealloc(d->subs, d->capsubs * sizeof(sub_rec));
            }
            idx = d->nsubs++;
            d->subs[idx].name = xstrdup(r.col[0]);
        } else {
            free(d->subs[idx].targets);
            free(d->subs[idx].immuno);
        }
        s = &d->subs[idx];
        s->pub.name = s->name;
        s->pub.modality = (ts_modality)mod;
        s->pub.chemo = (ts_chemo_class)chemo;
        s->pub.ntargets = parse_targets(d, r.col[4], r.len[4], 0,
                                        &s->targets);
        s->pub.nimmuno = parse_targets(d, r.col[5], r.len[5], 1,
                                       &s->immuno);
        s->pub.targets = s->targets;
        s->pub.immuno = s->immuno;
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
    /* Pointers into subs may have moved while it grew. */
    {
        size_t i;

        for (i = 0; i < d->nsubs; i++)
            d->subs[i].pub.name = d->subs[i].name;
    }
    reader_close(&r, d, rc);
    return rc;
}

ts_status dict_load_regimens(ts_dict *d, const char *path, ts_error *err)
{
    line_reader r;
    ts_status rc = reader_open(&r, path, err);
    int got = 0;

    if (rc != TS_OK)
        return rc;
    d->generation++;
    rc = expect_header(&r, "name\tcomponents", err);
    while (rc == TS_OK && (got = reader_next(&r, err)) > 0) {
        regimen_rec *g;
        char *p, *end;

        if (r.ncol != 2 || r.len[0] == 0 || r.len[1] == 0) {
            rc = ts_error_set(err, TS_ERR_DICT, path, r.line, 0,
                              "expected a name and its components");
            break;
        }
        if (d->nregs == d->capregs) {
            d->capregs = d->capregs ? d->capregs * 2 : 64;
            d->regs = xrealloc(d->regs, d->capregs * sizeof(regimen_rec));
        }
        g = &d->regs[d->nregs];
        memset(g, 0, sizeof(*g));
        g->name = xstrdup(r.col[0]);
        g->parts = xcalloc(r.len[1] + 1, sizeof(size_t));
        d->nregs++;
        p = r.col[1];
        end = p + r.len[1];
        while (p < end) {
            char *bar = memchr(p, '|', (size_t)(end - p));
            size_t n = bar ? (size_t)(bar - p) : (size_t)(end - p);
            size_t idx;

            p[n] = '\0';
            idx = find_sub(d, p);
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

ts_status dict_load_dir(ts_dict *d, const char *dir, ts_error *err)
{
    static const char *const files[3] = {"targets.tsv", "substances.tsv",
                                         "regimens.tsv"};
    static char paths[3][4096];
    ts_status rc = TS_OK;
    int i;

    for (i = 0; i < 3 && rc == TS_OK; i++) {
        snprintf(paths[i], sizeof(paths[i]), "%s/%s", dir, files[i]);
        if (i == 0)
            rc = dict_load_targets(d, paths[i], err);
        else if (i == 1)
            rc = dict_load_substances(d, paths[i], 0, err);
        else
            rc = dict_load_regimens(d, paths[i], err);
    }
    return rc;
}

/* ---- lookup ---- */

size_t dict_lookup_key(const ts_dict *d, const char *key, size_t len,
                       const ts_substance **out, size_t max)
{
    size_t id = strmap_find(d->keys, key, len), i;
    const key_val *v;

    if (id == TS_STRMAP_NONE)
        return 0;
    v = &d->vals[id];
    if (!v->regimen) {
        if (max)
            out[0] = &d->subs[v->index].pub;
        return 1;
    }
    for (i = 0; i < d->regs[v->index].nparts && i < max; i++)
        out[i] = &d->subs[d->regs[v->index].parts[i]].pub;
    return d->regs[v->index].nparts;
}

size_t dict_lookup(const ts_dict *d, const char *text, size_t len,
                   const ts_substance **out, size_t max)
{
    ts_strbuf key = {0}, full = {0};
    size_t n = 0, id = TS_STRMAP_NONE;
    size_t short_len = dict_key(text, len, 0, &key);

    if (dict_key(text, len, 1, &full) > short_len)
        id = strmap_find(d->keys, full.buf, full.len);
    /* Entries whose short key was taken are bound by their full key
     * (bind_key); that wins, as the short key means the other entry. */
    if (id != TS_STRMAP_NONE && d->vals[id].full)
        n = dict_lookup_key(d, full.buf, full.len, out, max);
    if (n == 0 && short_len)
        n = dict_lookup_key(d, key.buf, key.len, out, max);
    if (n == 0 && id != TS_STRMAP_NONE)
        n = dict_lookup_key(d, full.buf, full.len, out, max);
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
    size_t i = find_sub(d, name);

    return i == (size_t)-1 ? NULL : &d->subs[i].pub;
}
