/*
 * country.c - the country table: ClinicalTrials.gov's spellings and the
 * variants other registries and exports use (analyze stage).
 */
#include "analyze/country.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strmap.h"
#include "common/xalloc.h"

/* The table built in: data/countries.tsv as of the build (see
 * scripts/gen-countries.sh). Each country as tables name it
 * (ClinicalTrials.gov's spelling), and its other spellings, '|'-joined. */
static const struct {
    const char *name;
    const char *variants;       /* NULL: none */
} builtin[] = {
#include "analyze/country_table.inc"
};

struct ts_countries {
    ts_strmap *keys;            /* owned; key -> row of spelling[] */
    const char **spelling;      /* owned array; static names or owned[] */
    unsigned long *line;        /* owned; the loaded file's line that set
                                 * each row, 0 if none */
    size_t cap;                 /* rows allocated */
    char **owned;               /* owned; names read from files */
    size_t nowned, owned_cap;
};

/* The matching key of s[0..n): ASCII letters (lower case) and digits;
 * Latin-1 letters in UTF-8 read as their base letter; everything else
 * dropped. */
static void make_key(const char *s, size_t n, char *out, size_t size)
{
    static const char latin[64] =
        /* U+00C0..U+00FF: A A A A A A AE C E E E E I I I I D N O O O O O x
         * O U U U U Y Th ss a a a a a a ae c e e e e i i i i d n o o o o
         * o / o u u u u y th y */
        "aaaaaaaceeeeiiiidnooooo_ouuuuyts"
        "aaaaaaaceeeeiiiidnooooo_ouuuuyty";
    size_t i, k = 0;

    for (i = 0; i < n && k + 1 < size; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 'A' && c <= 'Z')
            out[k++] = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[k++] = (char)c;
        else if (c == 0xC3 && i + 1 < n &&
                 (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] <= 0xBF) {
            char b = latin[(unsigned char)s[i + 1] - 0x80];

            if (b != '_')
                out[k++] = b;
            i++;
        }
    }
    out[k] = '\0';
}

/* The row of variant's key, added when new (spelling NULL, line 0). */
static size_t row_of(ts_countries *ct, const char *variant, size_t n,
                     int *added)
{
    char key[128];
    size_t id;

    make_key(variant, n, key, sizeof(key));
    id = strmap_intern(ct->keys, key, strlen(key), added);
    if (id >= ct->cap) {
        size_t cap = ct->cap ? ct->cap * 2 : 512;

        while (cap <= id)
            cap *= 2;
        ct->spelling = xrealloc(ct->spelling, cap * sizeof(char *));
        ct->line = xrealloc(ct->line, cap * sizeof(unsigned long));
        memset(ct->line + ct->cap, 0, (cap - ct->cap) * sizeof(unsigned long));
        ct->cap = cap;
    }
    if (*added)
        ct->spelling[id] = NULL;
    return id;
}

/* The built-in table: names first, so a name's own key wins over another
 * country's variant. */
static void add_builtin(ts_countries *ct)
{
    size_t i, pass;
    int added;

    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
            const char *v = builtin[i].variants;

            if (pass == 0) {
                size_t id = row_of(ct, builtin[i].name,
                                   strlen(builtin[i].name), &added);

                ct->spelling[id] = builtin[i].name;
                continue;
            }
            while (v && *v) {
                const char *bar = strchr(v, '|');
                size_t n = bar ? (size_t)(bar - v) : strlen(v);
                size_t id = row_of(ct, v, n, &added);

                if (added)
                    ct->spelling[id] = builtin[i].name;
                v += n + (bar != NULL);
            }
        }
}

ts_countries *country_new(void)
{
    ts_countries *ct = xcalloc(1, sizeof(*ct));

    ct->keys = strmap_new();
    add_builtin(ct);
    return ct;
}

/* A loaded name, owned by the table (the same text is stored once). */
static const char *keep_name(ts_countries *ct, const char *s, size_t n)
{
    size_t i;

    for (i = ct->nowned; i-- > 0;)
        if (strlen(ct->owned[i]) == n && memcmp(ct->owned[i], s, n) == 0)
            return ct->owned[i];
    if (ct->nowned == ct->owned_cap) {
        ct->owned_cap = ct->owned_cap ? ct->owned_cap * 2 : 64;
        ct->owned = xrealloc(ct->owned, ct->owned_cap * sizeof(char *));
    }
    ct->owned[ct->nowned] = xmalloc(n + 1);
    memcpy(ct->owned[ct->nowned], s, n);
    ct->owned[ct->nowned][n] = '\0';
    return ct->owned[ct->nowned++];
}

/* Gives the spelling s[0..n) (a variant of name, or name itself) the
 * name; *changed counts rows that are new or now name another country.
 * A spelling another line of the file gave to another country is an
 * error. */
static ts_status load_spelling(ts_countries *ct, const char *s, size_t n,
                               const char *name, size_t nlen,
                               const char *path, unsigned long line,
                               size_t *changed, ts_error *err)
{
    int added;
    size_t id;
    const char *old;

    if (n == 0)
        return ts_error_set(err, TS_ERR_DICT, path, line, 0,
                            "empty spelling in the variants of \"%.*s\"",
                            (int)nlen, name);
    if (n >= 128)
        return ts_error_set(err, TS_ERR_DICT, path, line, 0,
                            "spelling longer than 127 bytes");
    id = row_of(ct, s, n, &added);
    old = ct->spelling[id];
    if (old && strlen(old) == nlen && memcmp(old, name, nlen) == 0) {
        ct->line[id] = line;
        return TS_OK;
    }
    if (ct->line[id] && ct->line[id] != line)
        return ts_error_set(err, TS_ERR_DICT, path, line, 0,
                            "\"%.*s\" is already a spelling of \"%s\" "
                            "(line %lu); a spelling names one country",
                            (int)n, s, old, ct->line[id]);
    if (ct->line[id] == line)
        return TS_OK;       /* the same key twice on one line */
    ct->spelling[id] = keep_name(ct, name, nlen);
    ct->line[id] = line;
    (*changed)++;
    return TS_OK;
}

/* Strips a trailing CR and spaces. */
static size_t trimmed(const char *s, size_t n)
{
    while (n && (s[n - 1] == '\r' || s[n - 1] == ' '))
        n--;
    return n;
}

ts_status country_load(ts_countries *ct, const char *path, size_t *changed,
                       ts_error *err)
{
    FILE *fp = fopen(path, "r");
    char *buf = NULL;
    size_t cap = 0, nchanged = 0;
    unsigned long line = 0;
    int header = 0;
    ts_status rc = TS_OK;
    ssize_t got;

    if (!fp)
        return ts_error_sys(err, TS_ERR_IO, errno, path, "cannot open");
    while (rc == TS_OK && (got = getline(&buf, &cap, fp)) >= 0) {
        size_t n = (size_t)got, i;
        char *tab, *v;
        size_t nlen;

        line++;
        if (n && buf[n - 1] == '\n')
            n--;
        n = trimmed(buf, n);
        buf[n] = '\0';
        if (n == 0 || buf[0] == '#')
            continue;
        if (!header) {
            if (strcmp(buf, "country\tvariants") != 0)
                rc = ts_error_set(err, TS_ERR_DICT, path, line, 0,
                                  "header must be \"country<TAB>variants\"");
            header = 1;
            continue;
        }
        tab = strchr(buf, '\t');
        if (!tab || strchr(tab + 1, '\t') || tab == buf) {
            rc = ts_error_set(err, TS_ERR_DICT, path, line, 0,
                              "expected 2 tab-separated columns: country, "
                              "variants (- if none)");
            break;
        }
        nlen = (size_t)(tab - buf);
        rc = load_spelling(ct, buf, nlen, buf, nlen, path, line, &nchanged,
                           err);
        v = tab + 1;
        if (strcmp(v, "-") == 0)
            continue;
        for (i = 0; rc == TS_OK;) {
            size_t k = strcspn(v + i, "|");

            rc = load_spelling(ct, v + i, k, buf, nlen, path, line,
                               &nchanged, err);
            if (v[i + k] == '\0')
                break;
            i += k + 1;
        }
    }
    if (rc == TS_OK && ferror(fp))
        rc = ts_error_sys(err, TS_ERR_IO, errno, path, "cannot read");
    if (rc == TS_OK && !header)
        rc = ts_error_set(err, TS_ERR_DICT, path, line, 0,
                          "no header line \"country<TAB>variants\"");
    free(buf);
    fclose(fp);
    if (changed)
        *changed = nchanged;
    return rc;
}

void country_free(ts_countries *ct)
{
    size_t i;

    if (!ct)
        return;
    strmap_free(ct->keys);
    free(ct->spelling);
    free(ct->line);
    for (i = 0; i < ct->nowned; i++)
        free(ct->owned[i]);
    free(ct->owned);
    free(ct);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* The spelling of s[0..n) (trimmed), or NULL when not in the table. */
static const char *lookup(const ts_countries *ct, const char **s, size_t *n)
{
    char key[128];
    size_t id;

    while (*n && is_blank(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_blank((*s)[*n - 1]))
        (*n)--;
    if (*n >= sizeof(key))
        return NULL;
    make_key(*s, *n, key, sizeof(key));
    id = strmap_find(ct->keys, key, strlen(key));
    return id == TS_STRMAP_NONE ? NULL : ct->spelling[id];
}

const char *country_lookup(const ts_countries *ct, const char *s,
                           size_t n)
{
    return lookup(ct, &s, &n);
}

const char *country_canonical(const ts_countries *ct, const char *s,
                              size_t n, size_t *len)
{
    const char *name = lookup(ct, &s, &n);

    if (name) {
        *len = strlen(name);
        return name;
    }
    *len = n;
    return s;
}

/* 1 if s[0..n) is the tail of a name written "Name, Tail" ("Republic
 * of", "Islamic Republic of", "occupied", ...), so a site's last part
 * may not name the country alone. Checked for every site: the length
 * decides first. */
static int is_tail(const char *s, size_t n)
{
    static const struct {
        const char *text;
        size_t len;
    } tails[] = {
#define T(s) {s, sizeof(s) - 1}
        T("Republic of"), T("Islamic Republic of"),
        T("Democratic People's Republic of"), T("occupied"),
        T("The Former Yugoslav Republic of"), T("Province of China"),
        T("The Democratic Republic of the"), T("Democratic Republic of the"),
        T("Democratic Republic"), T("Federated States of"),
        T("Plurinational State of"), T("Bolivarian Republic of"),
        T("United Republic of"), T("South"), T("The"), T("State of"),
        T("Republic of China"), T("China"),
#undef T
    };
    size_t i;

    while (n && is_blank(*s)) {
        s++;
        n--;
    }
    while (n && is_blank(s[n - 1]))
        n--;
    for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
        if (tails[i].len == n && strncasecmp(s, tails[i].text, n) == 0)
            return 1;
    return 0;
}

int country_next(const ts_countries *ct, const char *raw, size_t len,
                 int sites, size_t *pos, const char **start, size_t *clen)
{
    while (*pos < len) {
        size_t a = *pos, b = a, c;

        while (b < len && raw[b] != '|')
            b++;
        *pos = b + 1;
        c = a;
        if (sites) {
            c = b;
            while (c > a && raw[c - 1] != ',')
                c--;
            if (c > a && is_tail(raw + c, b - c)) {
                /* "Seoul, Korea, Republic of": the part before belongs
                 * to the name when the two make a known country. */
                size_t d = c - 1, k;
                const char *two;

                while (d > a && raw[d - 1] != ',')
                    d--;
                two = raw + d;
                k = b - d;
                if (lookup(ct, &two, &k))
                    c = d;
            }
        }
        while (c < b && is_blank(raw[c]))
            c++;
        while (b > c && is_blank(raw[b - 1]))
            b--;
        if (b > c) {
            *start = raw + c;
            *clen = b - c;
            return 1;
        }
    }
    return 0;
}
