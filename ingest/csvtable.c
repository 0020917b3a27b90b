/*
 * csvtable.c - from raw CSV rows to cleaned trial records, for any format
 * described by a table of header names (ingest stage).
 */
#include "ingest/csvtable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

typedef struct table_ctx {
    const ts_csvtable *t;
    const ts_ingest_opts *opts;
    ts_csvin *in;
    ts_sink *sink;
    ts_ingest_stats *stats;
    ts_fieldmap map;
    ts_record rec;
    ts_strbuf clean;            /* cleaned values of the current row */
    ts_strbuf scratch;          /* the fix hook's */
    size_t max_field;
} table_ctx;

static void on_csv_warning(void *data, const ts_error *w)
{
    table_ctx *c = data;

    sink_warning(c->sink, w);
}

/* Fields some output or the merging of records reads; the text of the
 * others (sex, age, other dates) is never copied or cleaned. A table with
 * a fix hook gets every field it names: the hook reads them (secondary
 * ids, a second status column). */
static int column_used(const ts_csvtable *t, ts_column c)
{
    if (t->fix)
        return 1;
    switch (c) {
    case TS_COL_COLLABORATORS:
    case TS_COL_SEX:
    case TS_COL_AGE:
    case TS_COL_PRIMARY_COMPLETION:
    case TS_COL_COMPLETION:
    case TS_COL_FIRST_POSTED:
        return 0;
    default:
        return 1;
    }
}

static int has_identity(const ts_csvtable *t, const ts_fieldmap *map)
{
    size_t i;

    for (i = 0; i < t->nidentity; i++)
        if (map->index[t->identity[i]] >= 0)
            return 1;
    return 0;
}

static int is_identity(const ts_csvtable *t, ts_column col)
{
    size_t i;

    for (i = 0; i < t->nidentity; i++)
        if (t->identity[i] == col)
            return 1;
    return 0;
}

/* Names, in one warning, the important fields the header lacks. */
static void warn_missing(table_ctx *c, unsigned long line)
{
    const ts_csvtable *t = c->t;
    ts_strbuf names = {0};
    size_t i, nmissing = 0;

    for (i = 0; i < t->nimportant; i++) {
        ts_column col = t->important[i];

        if (c->map.index[col] >= 0)
            continue;
        if (is_identity(t, col) && has_identity(t, &c->map))
            continue;   /* the trial is identified by another field */
        sb_printf(&names, "%s\"%s\"", nmissing++ ? ", " : "",
                  fieldmap_column_name(t->names, t->nnames, col));
    }
    if (nmissing)
        sink_warn(c->sink, line, 0,
                  "no %s column%s; \"Not reported\" for every trial of "
                  "this file",
                  sb_str(&names), nmissing > 1 ? "s" : "");
    sb_free(&names);
}

/* The header: map columns, say once what is missing, keep only what we
 * use so unused long text is never copied. */
static ts_status on_header(table_ctx *c, const ts_csvrow *row, ts_error *err)
{
    const ts_csvtable *t = c->t;
    const char *file = sink_name(c->sink);
    size_t i, n = row->nfields;
    unsigned char *mask;

    fieldmap_build(&c->map, t->names, t->nnames, n, row->field, row->len);
    if (c->map.known == 0 || !has_identity(t, &c->map))
        return ts_error_set(err, TS_ERR_PARSE, file, row->line, 0, "%s",
                            t->unrecognized);
    if (c->map.duplicate >= 0)
        sink_warn(c->sink, row->line, (unsigned long)c->map.duplicate + 1,
                  "duplicate column \"%s\"; the first one is used",
                  row->field[c->map.duplicate]);
    warn_missing(c, row->line);
    for (i = 0; i < t->nnames; i++)
        c->stats->missing[t->names[i].col] = 1;
    for (i = 0; i < TS_COL_COUNT; i++) {
        c->stats->missing[i] &= c->map.index[i] < 0;
        c->rec.present[i] = c->map.index[i] >= 0;
        c->rec.name[i] = c->map.name[i];
    }
    mask = xcalloc(n ? n : 1, 1);
    for (i = 0; i < TS_COL_COUNT; i++)
        if (c->map.index[i] >= 0 && column_used(c->t, (ts_column)i))
            mask[c->map.index[i]] = 1;
    for (i = 0; i < c->map.nmore; i++)
        if (column_used(c->t, c->map.more_col[i]))
            mask[c->map.more[i]] = 1;
    csvin_keep_columns(c->in, mask, n);
    free(mask);
    return TS_OK;
}

/* A row is blank when every kept field is white space and every field
 * not kept (read as "") is empty. */
static int row_is_blank(const ts_csvrow *row)
{
    size_t i, j;

    for (i = 0; i < row->nfields; i++) {
        if (row->len[i] > 0 && row->field[i][0] == '\0')
            return 0;
        for (j = 0; j < row->len[i]; j++) {
            char ch = row->field[i][j];

            if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n')
                return 0;
        }
    }
    return 1;
}

/* Joins the cleaned values of a gathered field's further columns to the
 * field's own, '|' between non-empty values (see fieldmap.h); off[] and
 * rec.len[] as on_row keeps them. */
static void join_more(table_ctx *c, const ts_csvrow *row, size_t *off,
                      int *bad_utf8)
{
    size_t m;

    for (m = 0; m < c->map.nmore; m++) {
        long k = c->map.more[m];
        ts_column col = c->map.more_col[m];
        size_t eoff, elen = 0, len = c->rec.len[col], at;
        char *p;

        if ((size_t)k >= row->nfields || !column_used(c->t, col))
            continue;
        eoff = record_clean_value(&c->clean, row->field[k], row->len[k],
                                  &elen, bad_utf8);
        if (elen == 0)
            continue;
        if (off[col] == (size_t)-1 || len == 0) {
            off[col] = eoff;
            c->rec.len[col] = elen;
            continue;
        }
        p = sb_reserve(&c->clean, len + 1 + elen + 1);
        at = c->clean.len;
        memcpy(p, c->clean.buf + off[col], len);
        p[len] = '|';
        memcpy(p + len + 1, c->clean.buf + eoff, elen);
        p[len + 1 + elen] = '\0';
        c->clean.len += len + 1 + elen + 1;
        off[col] = at;
        c->rec.len[col] = len + 1 + elen;
    }
}

static ts_status on_row(void *data, const ts_csvrow *row, ts_error *err)
{
    table_ctx *c = data;
    size_t i, width = c->map.ncolumns;
    int bad_utf8 = 0;

    if (row->row == 0) {
        if (row->oversize)
            return ts_error_set(err, TS_ERR_PARSE, sink_name(c->sink),
                                row->line, row->oversize,
                                "header field longer than %zu bytes",
                                c->max_field);
        return on_header(c, row, err);
    }
    c->stats->rows++;
    if (row->oversize) {
        char why[160];

        snprintf(why, sizeof(why),
                 "field %zu is longer than %zu bytes (--max-field)",
                 row->oversize, c->max_field);
        return sink_bad_record(c->sink, row->line, why, err);
    }
    if (row_is_blank(row)) {
        c->stats->blank++;
        return TS_OK;
    }
    if (row->nfields != width) {
        char why[128];
        int extra_blank = row->nfields > width;

        for (i = width; extra_blank && i < row->nfields; i++)
            if (row->len[i] != 0)
                extra_blank = 0;
        if (!extra_blank && !(row->nfields >= c->map.width &&
                              row->nfields < width)) {
            snprintf(why, sizeof(why), "%zu fields where the header has %zu",
                     row->nfields, c->map.width);
            return sink_bad_record(c->sink, row->line, why, err);
        }
    }
    sb_reset(&c->clean);
    {
        size_t off[TS_COL_COUNT];

        for (i = 0; i < TS_COL_COUNT; i++) {
            long k = c->map.index[i];
            size_t clen = 0;

            if (k < 0 || (size_t)k >= row->nfields ||
                !column_used(c->t, (ts_column)i)) {
                off[i] = (size_t)-1;
                c->rec.len[i] = 0;
                continue;
            }
            off[i] = record_clean_value(&c->clean, row->field[k],
                                        row->len[k], &clen, &bad_utf8);
            c->rec.len[i] = clen;
        }
        join_more(c, row, off, &bad_utf8);
        for (i = 0; i < TS_COL_COUNT; i++)
            c->rec.value[i] = off[i] == (size_t)-1 ? "" : c->clean.buf +
                                                             off[i];
    }
    if (bad_utf8) {
        c->stats->bad_utf8_rows++;
        sink_warn(c->sink, row->line, 0, "invalid UTF-8 replaced by U+FFFD");
    }
    c->rec.line = row->line;
    c->rec.row = row->row;
    c->rec.registry = c->t->registry;
    c->rec.copy = c->t->copy;
    if (c->t->fix) {
        ts_status rc;

        sb_reset(&c->scratch);
        rc = c->t->fix(c->t, &c->rec, &c->scratch, c->sink, err);
        if (rc != TS_OK)
            return rc;
    }
    return sink_record(c->sink, &c->rec, err);
}

ts_status csvtable_read(const ts_csvtable *t, ts_source *src,
                        const ts_ingest_opts *opts, ts_sink *sink,
                        ts_error *err)
{
    table_ctx c;
    ts_status rc;

    memset(&c, 0, sizeof(c));
    c.t = t;
    c.opts = opts;
    c.sink = sink;
    c.stats = sink_stats(sink);
    csvin_open_source(src, &c.in);
    c.max_field = opts && opts->max_field ? opts->max_field
                                          : TS_MAX_FIELD_DEFAULT;
    csvin_set_max_field(c.in, c.max_field);
    rc = csvin_run(c.in, on_row, on_csv_warning, &c, err);
    if (rc == TS_OK && c.map.ncolumns == 0)
        rc = ts_error_set(err, TS_ERR_PARSE, sink_name(sink), 1, 0,
                          "no header line");
    c.stats->delimiter = csvin_delimiter(c.in);
    c.stats->lines = csvin_lines(c.in);
    csvin_close(c.in);
    sb_free(&c.clean);
    sb_free(&c.scratch);
    return rc;
}
