/*
 * indication.c - ordered condition rules (analyze stage).
 */
#include "analyze/indication.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

typedef struct clause {
    int negate;
    char **terms;           /* owned; lower-case */
    size_t nterms;
} clause;

typedef struct rule {
    size_t group;
    clause *clauses;        /* owned */
    size_t nclauses;
} rule;

struct ts_rules {
    char **groups;          /* owned */
    size_t ngroups;
    rule *rules;            /* owned */
    size_t nrules;
};

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
        }
        free(r->rules[i].clauses);
    }
    for (i = 0; i < r->ngroups; i++)
        free(r->groups[i]);
    free(r->groups);
    free(r->rules);
    free(r);
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

    *out = NULL;
    if (!fp)
        return ts_error_sys(err, TS_ERR_IO, errno, path,
                            "cannot open indication rules");
    r = xcalloc(1, sizeof(*r));
    while ((got = getline(&line, &cap, fp)) >= 0) {
        char *tab, *group;
        rule *ru;
        size_t bad = 0, n = (size_t)got;

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

/* term occurs in text (already lower-case) at the start of a word. */
static int has_term(const char *text, size_t len, const char *term)
{
    size_t m = strlen(term), i;

    for (i = 0; i + m <= len; i++) {
        if (text[i] != term[0])
            continue;
        if (i > 0) {
            char b = text[i - 1];

            if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9'))
                continue;
        }
        if (memcmp(text + i, term, m) == 0)
            return 1;
    }
    return 0;
}

size_t rules_match(const ts_rules *r, const char *conditions, size_t len)
{
    char stack[2048];
    char *low = len < sizeof(stack) ? stack : xmalloc(len + 1);
    size_t i, j, k, found = r->ngroups;

    for (i = 0; i < len; i++) {
        char ch = conditions[i];

        low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    low[len] = '\0';
    for (i = 0; i < r->nrules && found == r->ngroups; i++) {
        int ok = 1;

        for (j = 0; j < r->rules[i].nclauses && ok; j++) {
            const clause *c = &r->rules[i].clauses[j];
            int any = 0;

            for (k = 0; k < c->nterms && !any; k++)
                any = has_term(low, len, c->terms[k]);
            ok = c->negate ? !any : any;
        }
        if (ok)
            found = r->rules[i].group;
    }
    if (low != stack)
        free(low);
    return found;
}
