/*
 * indication.c - ordered condition rules (analyze stage).
 */
#include "analyze/indication.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/normalize.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/strmap.h"
#include "common/xalloc.h"

typedef struct clause {
    int negate;
    char **terms;           /* owned; lower-case */
    size_t *ids;            /* owned; each term's index in the set's terms */
    size_t nterms;
} clause;

typedef struct rule {
    size_t group;
    clause *clauses;        /* owned */
    size_t nclauses;
} rule;

/* Terms are found in one pass over a text: at each word start, only the
 * terms whose first two bytes hash to the text's next two are compared
 * (one-byte terms are few and compared at every word start). */
#define TERM_BUCKETS 1024

struct ts_rules {
    char **groups;          /* owned */
    size_t ngroups;
    rule *rules;            /* owned */
    size_t nrules;
    char *path;             /* owned; the file read */
    char sha[65];           /* its SHA-256 */
    ts_strmap *terms;       /* owned; every distinct term, by id */
    size_t *bucket;         /* owned; TERM_BUCKETS + 1 offsets into byb */
    size_t *byb;            /* owned; term ids of two bytes or more */
    size_t *short_ids;      /* owned; the one-byte terms */
    size_t nshort;
};

static size_t bucket_of(const char *t)
{
    return ((size_t)(unsigned char)t[0] * 31u + (unsigned char)t[1]) &
           (TERM_BUCKETS - 1);
}

/* Gives every term of every rule an id and builds the buckets. */
static void index_terms(ts_rules *r)
{
    size_t i, j, k, n, *fill;

    r->terms = strmap_new();
    for (i = 0; i < r->nrules; i++)
        for (j = 0; j < r->rules[i].nclauses; j++) {
            clause *c = &r->rules[i].clauses[j];

            c->ids = xcalloc(c->nterms, sizeof(size_t));
            for (k = 0; k < c->nterms; k++)
                c->ids[k] = strmap_intern(r->terms, c->terms[k],
                                          strlen(c->terms[k]), NULL);
        }
    n = strmap_count(r->terms);
    r->bucket = xcalloc(TERM_BUCKETS + 1, sizeof(size_t));
    r->byb = xcalloc(n ? n : 1, sizeof(size_t));
    r->short_ids = xcalloc(n ? n : 1, sizeof(size_t));
    for (i = 0; i < n; i++)
        if (strmap_keylen(r->terms, i) >= 2)
            r->bucket[bucket_of(strmap_key(r->terms, i)) + 1]++;
    for (i = 0; i < TERM_BUCKETS; i++)
        r->bucket[i + 1] += r->bucket[i];
    fill = xcalloc(TERM_BUCKETS, sizeof(size_t));
    for (i = 0; i < n; i++) {
        const char *t = strmap_key(r->terms, i);

        if (strmap_keylen(r->terms, i) >= 2) {
            size_t b = bucket_of(t);

            r->byb[r->bucket[b] + fill[b]++] = i;
        } else {
            r->short_ids[r->nshort++] = i;
        }
    }
    free(fill);
}

void rules_free(ts_rules *r)
{
    size_t i, j, k;

    if (!r)
        return;
    for (i = 0; i < r->nrules; i++) {
        for (j = 0; j < r->rules[i].nclauses; j++) {
            for (k = 0; k < r->rules[i].clauses[j].nterms; k++)
                free(r->rules[i].clauses[j].terms[k]);
            free(r->rules[i].clauses[j].terms);
            free(r->rules[i].clauses[j].ids);
        }
        free(r->rules[i].clauses);
    }
    for (i = 0; i < r->ngroups; i++)
        free(r->groups[i]);
    free(r->groups);
    free(r->rules);
    free(r->path);
    strmap_free(r->terms);
    free(r->bucket);
    free(r->byb);
    free(r->short_ids);
    free(r);
}

const char *rules_path(const ts_rules *r)
{
    return r->path ? r->path : "";
}

const char *rules_sha256(const ts_rules *r)
{
    return r->sha;
}

static char *lower_trim(const char *s, size_t n)
{
    char *out;
    size_t i;

    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    out = xstrndup(s, n);
    for (i = 0; i < n; i++)
        if (out[i] >= 'A' && out[i] <= 'Z')
            out[i] = (char)(out[i] - 'A' + 'a');
    return out;
}

static size_t group_id(ts_rules *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->ngroups; i++)
        if (strcmp(r->groups[i], name) == 0)
            return i;
    r->groups = xrealloc(r->groups, (r->ngroups + 1) * sizeof(char *));
    r->groups[r->ngroups] = xstrdup(name);
    return r->ngroups++;
}

/* Parses "a|b & !c" into clauses; returns 0 and sets *bad to the byte
 * offset of an empty term on error. */
static int parse_expr(const char *e, rule *ru, size_t *bad)
{
    const char *p = e;

    for (;;) {
        const char *amp = strstr(p, " & ");
        size_t n = amp ? (size_t)(amp - p) : strlen(p);
        clause *c;
        const char *q = p, *end = p + n;

        ru->clauses =
            xrealloc(ru->clauses, (ru->nclauses + 1) * sizeof(clause));
        c = &ru->clauses[ru->nclauses++];
        memset(c, 0, sizeof(*c));
        while (q < end && *q == ' ')
            q++;
        if (q < end && *q == '!') {
            c->negate = 1;
            q++;
        }
        while (q <= end) {
            const char *bar = memchr(q, '|', (size_t)(end - q));
            const char *stop = bar ? bar : end;
            char *term = lower_trim(q, (size_t)(stop - q));

            if (!term[0]) {
                free(term);
                *bad = (size_t)(q - e);
                return 0;
            }
            c->terms = xrealloc(c->terms, (c->nterms + 1) * sizeof(char *));
            c->terms[c->nterms++] = term;
            if (!bar)
                break;
            q = bar + 1;
        }
        if (!amp)
            return 1;
        p = amp + 3;
    }
}

ts_status rules_load(const char *path, ts_rules **out, ts_error *err)
{
    FILE *fp = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned long lineno = 0;
    int header = 0;
    ts_rules *r;
    ts_status rc = TS_OK;
    ts_sha256 sha;

    *out = NULL;
    if (!fp)
        return ts_error_sys(err, TS_ERR_IO, errno, path,
                            "cannot open indication rules");
    r = xcalloc(1, sizeof(*r));
    sha256_init(&sha);
    while ((got = getline(&line, &cap, fp)) >= 0) {
        char *tab, *group;
        rule *ru;
        size_t bad = 0, n = (size_t)got;

        sha256_update(&sha, line, n);
        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        tab = strchr(line, '\t');
        if (!header) {
            header = 1;
            if (strncmp(line, "\xEF\xBB\xBF", 3) == 0)
                memmove(line, line + 3, strlen(line + 3) + 1);
            if (strcmp(line, "group\texpression") != 0) {
                rc = ts_error_set(err, TS_ERR_DICT, path, lineno, 1,
                                  "bad header: expected \"group<TAB>"
                                  "expression\"");
                break;
            }
            continue;
        }
        if (!tab || tab == line || strchr(tab + 1, '\t')) {
            rc = ts_error_set(err, TS_ERR_DICT, path, lineno, 1,
                              "expected \"group<TAB>expression\"");
            break;
        }
        *tab = '\0';
        group = line;
        r->rules = xrealloc(r->rules, (r->nrules + 1) * sizeof(rule));
        ru = &r->rules[r->nrules++];
        memset(ru, 0, sizeof(*ru));
        ru->group = group_id(r, group);
        if (!parse_expr(tab + 1, ru, &bad)) {
            rc = ts_error_set(err, TS_ERR_DICT, path, lineno,
                              (unsigned long)(tab + 1 - line) + bad + 1,
                              "empty term in rule for \"%s\"", group);
            break;
        }
    }
    if (rc == TS_OK && ferror(fp))
        rc = ts_error_sys(err, TS_ERR_IO, errno, path,
                          "cannot read indication rules");
    if (rc == TS_OK && r->nrules == 0)
        rc = ts_error_set(err, TS_ERR_DICT, path, lineno, 0,
                          "no rules in file");
    free(line);
    fclose(fp);
    if (rc != TS_OK) {
        rules_free(r);
        return rc;
    }
    r->path = xstrdup(path);
    sha256_final_hex(&sha, r->sha);
    index_terms(r);
    *out = r;
    return TS_OK;
}

size_t rules_ngroups(const ts_rules *r)
{
    return r->ngroups;
}

const char *rules_group(const ts_rules *r, size_t i)
{
    return i < r->ngroups ? r->groups[i] : TS_INDICATION_OTHER;
}

/* Sets bit id of seen for every term that occurs in text (already
 * lower-case) at the start of a word: after a byte that is not a
 * lower-case letter or digit, or at the start. */
static void find_terms(const ts_rules *r, const char *text, size_t len,
                       unsigned char *seen)
{
    size_t i, k;

    for (i = 0; i < len; i++) {
        if (i > 0) {
            char b = text[i - 1];

            if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9'))
                continue;
        }
        for (k = 0; k < r->nshort; k++) {
            size_t id = r->short_ids[k];

            if (text[i] == strmap_key(r->terms, id)[0])
                seen[id >> 3] |= (unsigned char)(1u << (id & 7));
        }
        if (i + 1 < len) {
            size_t b = bucket_of(text + i);

            for (k = r->bucket[b]; k < r->bucket[b + 1]; k++) {
                size_t id = r->byb[k], m = strmap_keylen(r->terms, id);

                if (i + m <= len &&
                    memcmp(text + i, strmap_key(r->terms, id), m) == 0)
                    seen[id >> 3] |= (unsigned char)(1u << (id & 7));
            }
        }
    }
}

size_t rules_match(const ts_rules *r, const char *conditions, size_t len)
{
    char stack[2048];
    unsigned char seen_stack[256];
    char *low = len < sizeof(stack) ? stack : xmalloc(len + 1);
    size_t nbytes = (strmap_count(r->terms) + 7) / 8;
    unsigned char *seen =
        nbytes <= sizeof(seen_stack) ? seen_stack : xmalloc(nbytes);
    size_t i, j, k, found = r->ngroups;

    for (i = 0; i < len; i++) {
        char ch = conditions[i];

        low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    low[len] = '\0';
    memset(seen, 0, nbytes);
    find_terms(r, low, len, seen);
    for (i = 0; i < r->nrules && found == r->ngroups; i++) {
        int ok = 1;

        for (j = 0; j < r->rules[i].nclauses && ok; j++) {
            const clause *c = &r->rules[i].clauses[j];
            int any = 0;

            for (k = 0; k < c->nterms && !any; k++)
                any = (seen[c->ids[k] >> 3] >> (c->ids[k] & 7)) & 1;
            ok = c->negate ? !any : any;
        }
        if (ok)
            found = r->rules[i].group;
    }
    if (low != stack)
        free(low);
    if (seen != seen_stack)
        free(seen);
    return found;
}

/* ---- the grouping of a run --------------------------------------------- */

static const struct {
    const char *name, *alias, *file;
} shipped[] = {
    {"sarcoma", NULL, "indications-sarcoma.tsv"},
    {"haematological", "hematological", "indications-haematological.tsv"},
    {"solid-tumours", "solid-tumors", "indications-solid-tumours.tsv"},
};

#define NSHIPPED (sizeof(shipped) / sizeof(shipped[0]))

size_t indication_nshipped(void)
{
    return NSHIPPED;
}

const char *indication_shipped_name(size_t i)
{
    return i < NSHIPPED ? shipped[i].name : "";
}

const char *indication_shipped_file(size_t i)
{
    return i < NSHIPPED ? shipped[i].file : "";
}

size_t indication_find_shipped(const char *name)
{
    size_t i;

    for (i = 0; i < NSHIPPED; i++)
        if (strcmp(name, shipped[i].name) == 0 ||
            (shipped[i].alias && strcmp(name, shipped[i].alias) == 0))
            return i;
    return (size_t)-1;
}

#define MAX_CANDIDATES 8
#define FIT_OTHER_PERCENT 20    /* a set fits with at most this in Other */
#define FIT_LARGEST_PERCENT 75  /* and at most this in one group */
#define CACHE_MAX 500000        /* condition texts remembered */

typedef struct candidate {
    const ts_rules *rules;  /* borrowed */
    char *name;             /* owned */
    unsigned long *count;   /* owned; trials by group, "Other" last */
} candidate;

typedef struct span {
    size_t off, len;
} span;

struct ts_indications {
    ts_grouping how;
    int automatic;          /* choose among candidates and MeSH */
    int decided;
    const ts_rules *rules;  /* borrowed; the set in use, if any */
    char *name;             /* owned; its name or file */
    candidate cand[MAX_CANDIDATES];
    size_t ncand;
    unsigned long chosen_other;     /* "Other" of the set chosen */
    const ts_mesh *mesh;    /* borrowed */
    ts_meshgroup *mg;       /* owned */
    unsigned long observed; /* trials observed */
    unsigned long with_cond;/* of them with conditions or MeSH ids */
    ts_strmap *cache;       /* owned; condition text -> cache id */
    size_t *cache_desc;     /* owned; descriptor by cache id, or NONE */
    size_t cache_cap;
    size_t *desc;           /* owned; the current trial's descriptors */
    size_t ndesc, desc_cap;
    span *unm;              /* owned; unmapped conditions of the last */
    size_t nunm, unm_cap;
    const char *unm_base;   /* borrowed; the last trial's conditions */
    char *line;             /* owned; indication_describe() */
};

ts_indications *indication_new(void)
{
    ts_indications *ix = xcalloc(1, sizeof(*ix));

    ix->automatic = 1;
    ix->how = TS_GROUPING_MESH;
    return ix;
}

void indication_free(ts_indications *ix)
{
    size_t i;

    if (!ix)
        return;
    for (i = 0; i < ix->ncand; i++) {
        free(ix->cand[i].name);
        free(ix->cand[i].count);
    }
    free(ix->name);
    meshgroup_free(ix->mg);
    strmap_free(ix->cache);
    free(ix->cache_desc);
    free(ix->desc);
    free(ix->unm);
    free(ix->line);
    free(ix);
}

void indication_use_rules(ts_indications *ix, const ts_rules *rules,
                          const char *name, ts_grouping how)
{
    ix->automatic = 0;
    ix->decided = 1;
    ix->how = how;
    ix->rules = rules;
    free(ix->name);
    ix->name = xstrdup(name);
}

void indication_add_candidate(ts_indications *ix, const ts_rules *rules,
                              const char *name)
{
    candidate *c;

    if (ix->ncand == MAX_CANDIDATES)
        return;
    c = &ix->cand[ix->ncand++];
    c->rules = rules;
    c->name = xstrdup(name);
    c->count = xcalloc(rules_ngroups(rules) + 1, sizeof(unsigned long));
}

void indication_use_mesh(ts_indications *ix, const ts_mesh *mesh)
{
    ix->mesh = mesh;
    meshgroup_free(ix->mg);
    ix->mg = mesh ? meshgroup_new(mesh) : NULL;
    if (!ix->cache && mesh)
        ix->cache = strmap_new();
}

int indication_pending(const ts_indications *ix)
{
    return !ix->decided;
}

static int is_sep(char c)
{
    return c == '|' || c == ';' || c == '\n' || c == '\r';
}

static void add_desc(ts_indications *ix, size_t d)
{
    if (ix->ndesc == ix->desc_cap) {
        ix->desc_cap = ix->desc_cap ? ix->desc_cap * 2 : 16;
        ix->desc = xrealloc(ix->desc, ix->desc_cap * sizeof(size_t));
    }
    ix->desc[ix->ndesc++] = d;
}

/* The descriptor of one condition text, remembered. */
static size_t map_condition(ts_indications *ix, const char *s, size_t n)
{
    size_t id, d;
    int added;

    if (strmap_count(ix->cache) >= CACHE_MAX) {
        id = strmap_find(ix->cache, s, n);
        return id == TS_STRMAP_NONE ? mesh_map(ix->mesh, s, n, NULL)
                                    : ix->cache_desc[id];
    }
    id = strmap_intern(ix->cache, s, n, &added);
    if (!added)
        return ix->cache_desc[id];
    d = mesh_map(ix->mesh, s, n, NULL);
    if (id >= ix->cache_cap) {
        ix->cache_cap = ix->cache_cap ? ix->cache_cap * 2 : 1024;
        ix->cache_desc =
            xrealloc(ix->cache_desc, ix->cache_cap * sizeof(size_t));
    }
    ix->cache_desc[id] = d;
    return d;
}

/* The current trial's descriptors into ix->desc: the export's MeSH ids
 * where they name descriptors of the table, else its conditions mapped
 * (the ones that map to none are kept in ix->unm). */
static void trial_descriptors(ts_indications *ix, const char *cond,
                              size_t len, const char *mesh, size_t mlen)
{
    size_t i = 0;

    ix->ndesc = 0;
    ix->nunm = 0;
    ix->unm_base = cond;
    while (i < mlen) {
        size_t j = i, d;

        while (j < mlen && mesh[j] != '|' && mesh[j] != ',' &&
               mesh[j] != ';' && mesh[j] != ' ' && mesh[j] != '\n')
            j++;
        if (j > i) {
            d = mesh_find_ui(ix->mesh, mesh + i, j - i);
            if (d != TS_MESH_NONE)
                add_desc(ix, d);
        }
        i = j + 1;
    }
    if (ix->ndesc)
        return;
    for (i = 0; i < len;) {
        size_t a = i, b, d;

        while (i < len && !is_sep(cond[i]))
            i++;
        b = i++;
        while (a < b && (cond[a] == ' ' || cond[a] == '\t'))
            a++;
        while (b > a && (cond[b - 1] == ' ' || cond[b - 1] == '\t'))
            b--;
        if (a == b)
            continue;
        d = map_condition(ix, cond + a, b - a);
        if (d != TS_MESH_NONE) {
            add_desc(ix, d);
            continue;
        }
        if (ix->nunm == ix->unm_cap) {
            ix->unm_cap = ix->unm_cap ? ix->unm_cap * 2 : 8;
            ix->unm = xrealloc(ix->unm, ix->unm_cap * sizeof(span));
        }
        ix->unm[ix->nunm].off = a;
        ix->unm[ix->nunm].len = b - a;
        ix->nunm++;
    }
}

void indication_observe(ts_indications *ix, const char *cond, size_t len,
                        const char *mesh, size_t mlen)
{
    size_t i;

    if (ix->decided)
        return;
    ix->observed++;
    if (len == 0 && mlen == 0)
        return;
    ix->with_cond++;
    for (i = 0; i < ix->ncand; i++)
        ix->cand[i].count[rules_match(ix->cand[i].rules, cond, len)]++;
    if (ix->mg) {
        trial_descriptors(ix, cond, len, mesh, mlen);
        meshgroup_observe(ix->mg, ix->desc, ix->ndesc);
    }
}

/* 1 if candidate c fits the trials observed, with its "Other" count. */
static int fits(const ts_indications *ix, const candidate *c,
                unsigned long *other)
{
    size_t g, n = rules_ngroups(c->rules);
    unsigned long largest = 0, all = ix->with_cond;

    for (g = 0; g < n; g++)
        if (c->count[g] > largest)
            largest = c->count[g];
    *other = c->count[n];
    return all > 0 && *other * 100 <= all * FIT_OTHER_PERCENT &&
           largest * 100 <= all * FIT_LARGEST_PERCENT;
}

void indication_decide(ts_indications *ix)
{
    size_t i, best = MAX_CANDIDATES;
    unsigned long best_other = 0, other;

    if (ix->decided)
        return;
    ix->decided = 1;
    for (i = 0; i < ix->ncand; i++)
        if (fits(ix, &ix->cand[i], &other) &&
            (best == MAX_CANDIDATES || other < best_other)) {
            best = i;
            best_other = other;
        }
    if (best < MAX_CANDIDATES) {
        ix->how = TS_GROUPING_SHIPPED;
        ix->rules = ix->cand[best].rules;
        ix->name = xstrdup(ix->cand[best].name);
        ix->chosen_other = best_other;
        return;
    }
    ix->how = TS_GROUPING_MESH;
    if (ix->mg)
        meshgroup_decide(ix->mg);
}

const char *indication_label(ts_indications *ix, const char *cond,
                             size_t len, const char *mesh, size_t mlen)
{
    indication_decide(ix);
    ix->nunm = 0;
    if (len == 0 && mlen == 0)
        return TS_LABEL_NOT_REPORTED;
    if (ix->rules)
        return rules_group(ix->rules, rules_match(ix->rules, cond, len));
    if (!ix->mg)
        return TS_INDICATION_OTHER;
    trial_descriptors(ix, cond, len, mesh, mlen);
    return meshgroup_label(ix->mg, ix->desc, ix->ndesc);
}

size_t indication_nunmapped(const ts_indications *ix)
{
    return ix->nunm;
}

const char *indication_unmapped(const ts_indications *ix, size_t i,
                                size_t *len)
{
    if (i >= ix->nunm) {
        *len = 0;
        return "";
    }
    *len = ix->unm[i].len;
    return ix->unm_base + ix->unm[i].off;
}

size_t indication_ngroups(const ts_indications *ix)
{
    if (ix->rules)
        return rules_ngroups(ix->rules) + 1;
    return ix->mg && ix->decided ? meshgroup_ngroups(ix->mg) : 0;
}

const char *indication_group(const ts_indications *ix, size_t i)
{
    if (ix->rules)
        return rules_group(ix->rules, i);
    return ix->mg ? meshgroup_group(ix->mg, i) : "";
}

ts_grouping indication_grouping(const ts_indications *ix)
{
    return ix->how;
}

const char *indication_name(const ts_indications *ix)
{
    return ix->rules ? ix->name : NULL;
}

const ts_rules *indication_rules(const ts_indications *ix)
{
    return ix->rules;
}

const ts_mesh *indication_mesh(const ts_indications *ix)
{
    return ix->rules ? NULL : ix->mesh;
}

const char *indication_focus(const ts_indications *ix)
{
    size_t f;

    if (ix->rules || !ix->mg || !ix->decided)
        return NULL;
    f = meshgroup_focus(ix->mg);
    return f == TS_MESH_NONE
               ? NULL
               : mesh_desc_label(ix->mesh, mesh_node_desc(ix->mesh, f));
}

const char *indication_focus_tree(const ts_indications *ix)
{
    size_t f;

    if (ix->rules || !ix->mg || !ix->decided)
        return NULL;
    f = meshgroup_focus(ix->mg);
    return f == TS_MESH_NONE ? NULL : mesh_node_tree(ix->mesh, f);
}

unsigned long indication_observed(const ts_indications *ix)
{
    return ix->observed;
}

const char *indication_describe(ts_indications *ix)
{
    ts_strbuf sb = {0};
    const char *focus = indication_focus(ix);

    switch (ix->how) {
    case TS_GROUPING_FILE:
        sb_printf(&sb, "rules from %s (--indications)", ix->name);
        break;
    case TS_GROUPING_NAMED:
        sb_printf(&sb, "shipped rule set \"%s\" (--indications %s)",
                  ix->name, ix->name);
        break;
    case TS_GROUPING_SHIPPED:
        sb_printf(&sb,
                  "shipped rule set \"%s\", chosen automatically: it "
                  "groups %lu of the %lu trials with conditions looked at",
                  ix->name, ix->with_cond - ix->chosen_other, ix->with_cond);
        break;
    case TS_GROUPING_MESH:
        if (!ix->mg)
            sb_puts(&sb, "none (no MeSH table)");
        else if (focus)
            sb_printf(&sb,
                      "automatic (MeSH): sub-indications of %s, the "
                      "condition of %lu of the %lu trials with conditions "
                      "looked at",
                      focus, meshgroup_focus_trials(ix->mg), ix->with_cond);
        else
            sb_printf(&sb,
                      "automatic (MeSH): disease areas, since no condition "
                      "covers more than half of the %lu trials with "
                      "conditions looked at",
                      ix->with_cond);
        break;
    }
    free(ix->line);
    ix->line = xstrdup(sb_str(&sb));
    sb_free(&sb);
    return ix->line;
}
