/*
 * reader.c - what every reader shares: the sniff of an input's start and
 * the sink its records go to (ingest stage).
 */
#include "ingest/reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "ingest/fieldmap.h"

#define MAX_CELLS 1024
#define NAME_MAX_LEN 128

typedef struct sniff_store {
    ts_sniff pub;               /* first: sniff_free casts back */
    char *head;                 /* owned copy, NUL-terminated */
    ts_strbuf cells;            /* cell text, NUL-separated */
    const char **cell;          /* owned array of views */
    size_t *cell_len;           /* owned */
    char xml_root[NAME_MAX_LEN];
    char json_key[NAME_MAX_LEN];
} sniff_store;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Splits the first line of s into cells, unquoting them as csvin does. */
static void split_header(sniff_store *st, const char *s, size_t n)
{
    size_t i = 0, ncells = 0, *off;
    char delim;
    int quoted;

    csvin_sniff(s, n, &delim, &quoted);
    st->pub.delimiter = delim;
    off = xmalloc(MAX_CELLS * sizeof(size_t));
    st->cell_len = xmalloc(MAX_CELLS * sizeof(size_t));
    while (ncells < MAX_CELLS) {
        size_t start = st->cells.len;

        if (quoted && i < n && s[i] == '"') {
            i++;
            while (i < n) {
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') {
                        sb_putc(&st->cells, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                sb_putc(&st->cells, s[i++]);
            }
        }
        while (i < n && s[i] != delim && s[i] != '\n' && s[i] != '\r')
            sb_putc(&st->cells, s[i++]);
        off[ncells] = start;
        st->cell_len[ncells] = st->cells.len - start;
        sb_putc(&st->cells, '\0');
        ncells++;
        if (i >= n || s[i] != delim)
            break;
        i++;
    }
    st->cell = xmalloc((ncells ? ncells : 1) * sizeof(char *));
    for (i = 0; i < ncells; i++)
        st->cell[i] = st->cells.buf + off[i];
    free(off);
    st->pub.ncells = ncells;
    st->pub.cell = st->cell;
    st->pub.cell_len = st->cell_len;
}

/* Copies the name starting at s[i] (up to a space, '>', '/' or the end). */
static void copy_name(char *out, const char *s, size_t n, size_t i,
                      const char *stops)
{
    size_t k = 0;

    while (i < n && !is_space(s[i]) && !strchr(stops, s[i]) &&
           k + 1 < NAME_MAX_LEN)
        out[k++] = s[i++];
    out[k] = '\0';
}

/* The root element: the first tag after the prolog, comments and
 * declarations. */
static void find_xml_root(sniff_store *st, const char *s, size_t n)
{
    size_t i = 0;

    for (;;) {
        const char *close;

        while (i < n && is_space(s[i]))
            i++;
        if (i >= n || s[i] != '<')
            return;
        if (i + 1 < n && s[i + 1] == '?')
            close = "?>";
        else if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0)
            close = "-->";
        else if (i + 1 < n && s[i + 1] == '!')
            close = ">";
        else
            break;
        {
            const char *end = strstr(s + i + 1, close);

            if (!end)
                return;
            i = (size_t)(end - s) + strlen(close);
        }
    }
    copy_name(st->xml_root, s, n, i + 1, ">/");
}

/* The first key of the top object, or of the first object of the top
 * array. */
static void find_json_key(sniff_store *st, const char *s, size_t n)
{
    size_t i = 0, k = 0;

    while (i < n && is_space(s[i]))
        i++;
    if (i >= n || (s[i] != '{' && s[i] != '['))
        return;
    st->pub.json_top = s[i];
    if (s[i] == '[') {
        i++;
        while (i < n && is_space(s[i]))
            i++;
        if (i >= n || s[i] != '{')
            return;
    }
    i++;
    while (i < n && is_space(s[i]))
        i++;
    if (i >= n || s[i] != '"')
        return;
    for (i++; i < n && s[i] != '"' && k + 1 < NAME_MAX_LEN; i++) {
        if (s[i] == '\\' && i + 1 < n)
            i++;
        st->json_key[k++] = s[i];
    }
    st->json_key[k] = '\0';
}

ts_sniff *sniff_new(const char *head, size_t len)
{
    sniff_store *st = xcalloc(1, sizeof(*st));

    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
        head += 3;
        len -= 3;
        st->pub.bom = 1;
    }
    st->head = xmalloc(len + 1);
    memcpy(st->head, head, len);
    st->head[len] = '\0';
    head = st->head;
    st->pub.head = head;
    st->pub.len = len;
    st->pub.xml_root = st->xml_root;
    st->pub.json_key = st->json_key;
    split_header(st, head, len);
    find_xml_root(st, head, len);
    find_json_key(st, head, len);
    return &st->pub;
}

void sniff_free(ts_sniff *s)
{
    sniff_store *st = (sniff_store *)s;

    if (!st)
        return;
    sb_free(&st->cells);
    free(st->head);
    free(st->cell);
    free(st->cell_len);
    free(st);
}

int sniff_has_cell(const ts_sniff *s, const char *name)
{
    size_t i;

    for (i = 0; i < s->ncells; i++)
        if (fieldmap_name_eq(s->cell[i], s->cell_len[i], name))
            return 1;
    return 0;
}

size_t sniff_count_cells(const ts_sniff *s, const char *const *names,
                         size_t n)
{
    size_t i, hits = 0;

    for (i = 0; i < n; i++)
        hits += (size_t)sniff_has_cell(s, names[i]);
    return hits;
}

int sniff_contains(const ts_sniff *s, const char *text)
{
    return strstr(s->head, text) != NULL;
}

/* ---- sink ---- */

struct ts_sink {
    const char *name;           /* borrowed */
    ts_ingest_stats *stats;     /* borrowed */
    int strict;
    ts_record_fn fn;
    ts_warn_fn warn;
    void *ctx;
};

ts_sink *sink_new(const char *name, ts_ingest_stats *stats, int strict,
                  ts_record_fn fn, ts_warn_fn warn, void *ctx)
{
    ts_sink *k = xcalloc(1, sizeof(*k));

    k->name = name;
    k->stats = stats;
    k->strict = strict;
    k->fn = fn;
    k->warn = warn;
    k->ctx = ctx;
    return k;
}

void sink_free(ts_sink *sink)
{
    free(sink);
}

const char *sink_name(const ts_sink *sink)
{
    return sink->name;
}

ts_ingest_stats *sink_stats(ts_sink *sink)
{
    return sink->stats;
}

ts_status sink_record(ts_sink *sink, ts_record *rec, ts_error *err)
{
    rec->format = sink->stats->format;
    rec->file = sink->name;
    return sink->fn(sink->ctx, rec, err);
}

void sink_warning(ts_sink *sink, const ts_error *warning)
{
    sink->stats->warnings++;
    if (sink->warn)
        sink->warn(sink->ctx, warning);
}

void sink_warn(ts_sink *sink, unsigned long line, unsigned long column,
               const char *fmt, ...)
{
    ts_error w;
    va_list ap;

    ts_error_set(&w, TS_ERR_PARSE, sink->name, line, column, "%s", "");
    va_start(ap, fmt);
    vsnprintf(w.msg, sizeof(w.msg), fmt, ap);
    va_end(ap);
    sink_warning(sink, &w);
}

ts_status sink_bad_record(ts_sink *sink, unsigned long line, const char *why,
                          ts_error *err)
{
    sink->stats->skipped++;
    if (sink->strict)
        return ts_error_set(err, TS_ERR_PARSE, sink->name, line, 0,
                            "%s (--strict)", why);
    sink_warn(sink, line, 0, "%s; row skipped", why);
    return TS_OK;
}
