/*
 * ingest.c - from raw CSV rows to cleaned trial records (ingest stage).
 */
#include "ingest/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "ingest/euctr.h"
#include "ingest/ictrp_xml.h"

typedef struct ingest_ctx {
    const ts_ingest_opts *opts;
    ts_csvin *in;
    ts_fieldmap map;
    ts_record rec;
    ts_strbuf clean;            /* cleaned values of the current row */
    ts_shaper shaper;           /* values the format reshapes */
    ts_record_fn fn;
    ts_warn_fn warn;
    void *ctx;
    ts_ingest_stats *stats;
    size_t max_field;
} ingest_ctx;

static void warn(ingest_ctx *c, const ts_error *w)
{
    c->stats->warnings++;
    if (c->warn)
        c->warn(c->ctx, w);
}

static void on_csv_warning(void *data, const ts_error *w)
{
    warn(data, w);
}

/* Columns some output reads; the text of the others (sex, age, design,
 * other dates and IDs) is never copied or cleaned. Other registries'
 * formats read every column they name. */
static int column_used(const ts_fieldmap *map, ts_column c)
{
    if (map->format != TS_FORMAT_CTGOV_MODERN &&
        map->format != TS_FORMAT_CTGOV_CLASSIC)
        return map->named[c];
    switch (c) {
    case TS_COL_COLLABORATORS:
    case TS_COL_SEX:
    case TS_COL_AGE:
    case TS_COL_DESIGN:
    case TS_COL_OTHER_IDS:
    case TS_COL_PRIMARY_COMPLETION:
    case TS_COL_COMPLETION:
    case TS_COL_FIRST_POSTED:
        return 0;
    default:
        return 1;
    }
}

/* The header: map columns, say once what is missing, keep only what we
 * use so unused long text is never copied. */
static ts_status on_header(ingest_ctx *c, const ts_csvrow *row, ts_error *err)
{
    static const ts_column important[] = {
        TS_COL_NCT, TS_COL_STATUS, TS_COL_PHASES, TS_COL_CONDITIONS,
        TS_COL_INTERVENTIONS, TS_COL_STUDY_TYPE, TS_COL_FUNDER,
        TS_COL_START, TS_COL_LOCATIONS,
    };
    const char *file = csvin_name(c->in);
    size_t i, n = row->nfields;
    unsigned char *mask;
    ts_status rc;

    rc = fieldmap_build(&c->map, n, row->field, row->len, file, row->line,
                        err);
    if (rc != TS_OK)
        return rc;
    c->stats->format = c->map.format;
    if (c->map.duplicate >= 0) {
        ts_error w;

        ts_error_set(&w, TS_ERR_PARSE, file, row->line,
                     (unsigned long)c->map.duplicate + 1,
                     "duplicate column \"%s\"; the first one is used",
                     row->field[c->map.duplicate]);
        warn(c, &w);
    }
    {
        ts_strbuf names = {0};
        size_t nmissing = 0;
        ts_error w;

        for (i = 0; i < sizeof(important) / sizeof(important[0]); i++) {
            ts_column col = important[i];

            if (c->map.index[col] >= 0 || !c->map.named[col])
                continue;
            if (col == TS_COL_NCT && c->map.index[TS_COL_URL] >= 0)
                continue;   /* the NCT number is taken from the URL */
            sb_printf(&names, "%s\"%s\"", nmissing++ ? ", " : "",
                      fieldmap_column_name(&c->map, col));
        }
        if (nmissing) {
            ts_error_set(&w, TS_ERR_PARSE, file, row->line, 0,
                         "no %s column%s; \"Not reported\" for every trial "
                         "of this file",
                         sb_str(&names), nmissing > 1 ? "s" : "");
            warn(c, &w);
        }
        sb_free(&names);
    }
    for (i = 0; i < TS_COL_COUNT; i++) {
        c->stats->missing[i] = c->map.index[i] < 0 &&
                               fieldmap_has_name(&c->map, (ts_column)i);
        c->rec.present[i] = c->map.index[i] >= 0;
    }
    mask = xcalloc(n ? n : 1, 1);
    for (i = 0; i < TS_COL_COUNT; i++)
        if (c->map.index[i] >= 0 && column_used(&c->map, (ts_column)i))
            mask[c->map.index[i]] = 1;
    csvin_keep_columns(c->in, mask, n);
    free(mask);
    c->rec.format = c->map.format;
    c->rec.file = file;
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

static ts_status bad_row(ingest_ctx *c, const ts_csvrow *row, ts_error *err,
                         const char *why)
{
    ts_error w;

    c->stats->skipped++;
    ts_error_set(&w, TS_ERR_PARSE, csvin_name(c->in), row->line, 0,
                 "%s; row skipped", why);
    if (c->opts && c->opts->strict) {
        ts_error_set(err, TS_ERR_PARSE, csvin_name(c->in), row->line, 0,
                     "%s (--strict)", why);
        return TS_ERR_PARSE;
    }
    warn(c, &w);
    return TS_OK;
}

static ts_status on_row(void *data, const ts_csvrow *row, ts_error *err)
{
    ingest_ctx *c = data;
    size_t i, width = c->map.ncolumns;
    int bad_utf8 = 0;

    if (row->row == 0) {
        if (row->oversize)
            return ts_error_set(err, TS_ERR_PARSE, csvin_name(c->in),
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
        return bad_row(c, row, err, why);
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
            return bad_row(c, row, err, why);
        }
    }
    sb_reset(&c->clean);
    {
        size_t off[TS_COL_COUNT];

        for (i = 0; i < TS_COL_COUNT; i++) {
            long k = c->map.index[i];
            size_t clen = 0;

            if (k < 0 || (size_t)k >= row->nfields ||
                !column_used(&c->map, (ts_column)i)) {
                off[i] = (size_t)-1;
                c->rec.len[i] = 0;
                continue;
            }
            off[i] = record_clean_value(&c->clean, row->field[k],
                                        row->len[k], &clen, &bad_utf8);
            c->rec.len[i] = clen;
        }
        for (i = 0; i < TS_COL_COUNT; i++)
            c->rec.value[i] = off[i] == (size_t)-1 ? "" : c->clean.buf +
                                                             off[i];
    }
    if (bad_utf8) {
        ts_error w;

        c->stats->bad_utf8_rows++;
        ts_error_set(&w, TS_ERR_PARSE, csvin_name(c->in), row->line, 0,
                     "invalid UTF-8 replaced by U+FFFD");
        warn(c, &w);
    }
    c->rec.line = row->line;
    c->rec.row = row->row;
    if (c->map.csv && c->map.csv->shape) {
        c->map.csv->shape(&c->rec, &c->shaper);
        shaper_apply(&c->shaper, &c->rec);
    }
    return c->fn(c->ctx, &c->rec, err);
}

ts_status ingest_file(const char *path, const ts_ingest_opts *opts,
                      ts_record_fn fn, ts_warn_fn warnfn, void *ctx,
                      ts_ingest_stats *stats, ts_error *err)
{
    ingest_ctx c;
    ts_status rc;

    memset(stats, 0, sizeof(*stats));
    snprintf(stats->name, sizeof(stats->name), "%s",
             strcmp(path, "-") == 0 ? "<stdin>" : path);
    memset(&c, 0, sizeof(c));
    c.opts = opts;
    c.fn = fn;
    c.warn = warnfn;
    c.ctx = ctx;
    c.stats = stats;
    rc = csvin_open(path, &c.in, err);
    if (rc != TS_OK)
        return rc;
    c.max_field = opts && opts->max_field ? opts->max_field
                                          : TS_MAX_FIELD_DEFAULT;
    csvin_set_max_field(c.in, c.max_field);
    /* The format is told by content: an XML root element or the EU CTR's
     * text blocks; anything else is CSV, told by its header. */
    {
        const char *head;
        size_t nhead;

        rc = csvin_peek(c.in, &head, &nhead, err);
        if (rc != TS_OK) {
        } else if (ictrp_xml_sniff(head, nhead)) {
            stats->format = TS_FORMAT_ICTRP_XML;
            rc = ictrp_xml_read(c.in, opts, fn, warnfn, ctx, stats, err);
        } else if (euctr_sniff(head, nhead)) {
            stats->format = TS_FORMAT_EUCTR;
            rc = euctr_read(c.in, opts, fn, warnfn, ctx, stats, err);
        } else {
            rc = csvin_run(c.in, on_row, on_csv_warning, &c, err);
            if (rc == TS_OK && c.map.ncolumns == 0)
                rc = ts_error_set(err, TS_ERR_PARSE, csvin_name(c.in), 1, 0,
                                  "no header line");
        }
    }
    stats->delimiter = csvin_delimiter(c.in);
    stats->bytes = csvin_bytes(c.in);
    stats->lines = csvin_lines(c.in);
    memcpy(stats->sha256, csvin_sha256(c.in), sizeof(stats->sha256));
    /* err->file may point at the reader's name: keep it alive by pointing
     * at the stats copy before the reader goes. */
    if (rc != TS_OK && err && err->file == csvin_name(c.in))
        err->file = stats->name;
    csvin_close(c.in);
    sb_free(&c.clean);
    shaper_free(&c.shaper);
    return rc;
}
