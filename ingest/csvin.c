/*
 * csvin.c - libcsv driven one physical line at a time (ingest stage).
 */
#include "ingest/csvin.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

struct ts_csvin {
    ts_source *src;             /* owned when own_src */
    int own_src;
    struct csv_parser parser;
    int parser_ready;
    char delim;
    int quoted;                 /* 0: TSV without quoting */
    unsigned char *keep;        /* owned; per column */
    size_t nkeep;

    /* the row being assembled */
    ts_strbuf arena;            /* kept field text, NUL-separated */
    size_t *off;                /* owned; per field offset in arena */
    size_t *len;                /* owned; per field length */
    const char **field;         /* owned array of views */
    size_t nfields, cap;
    unsigned long row_line;     /* line where the current row began */
    size_t max_field;           /* bytes one field may hold */
    size_t oversize;            /* field over the limit in this row */
    unsigned long nrows;        /* rows delivered, header included */

    unsigned long line;         /* current physical line, 1-based */
    const char *name;           /* the source's display name; view */

    int fast;                   /* plain records skip libcsv */

    ts_csvrow_fn fn;
    ts_warn_fn warn;
    void *ctx;
    ts_status stop;             /* set by the callback */
    ts_error *err;
};

ts_status csvin_open_source(ts_source *src, ts_csvin **out)
{
    ts_csvin *in = xcalloc(1, sizeof(*in));

    in->src = src;
    in->name = source_name(src);
    in->delim = ',';
    in->quoted = 1;
    in->max_field = TS_MAX_FIELD_DEFAULT;
    in->fast = 1;
    *out = in;
    return TS_OK;
}

void csvin_set_fast(ts_csvin *in, int on)
{
    in->fast = on;
}

ts_status csvin_open(const char *path, ts_csvin **out, ts_error *err)
{
    ts_source *src;
    ts_status rc;

    *out = NULL;
    rc = source_open(path, &src, err);
    if (rc != TS_OK)
        return rc;
    csvin_open_source(src, out);
    (*out)->own_src = 1;
    return TS_OK;
}

void csvin_close(ts_csvin *in)
{
    if (!in)
        return;
    if (in->parser_ready)
        csv_free(&in->parser);
    if (in->own_src)
        source_close(in->src);
    free(in->keep);
    free(in->off);
    free(in->len);
    free(in->field);
    sb_free(&in->arena);
    free(in);
}

void csvin_set_max_field(ts_csvin *in, size_t max)
{
    in->max_field = max ? max : TS_MAX_FIELD_DEFAULT;
}

void csvin_keep_columns(ts_csvin *in, const unsigned char *keep, size_t n)
{
    free(in->keep);
    in->keep = xmalloc(n ? n : 1);
    if (n)
        memcpy(in->keep, keep, n);
    in->nkeep = n;
}

const char *csvin_name(const ts_csvin *in)
{
    return in->name;
}

char csvin_delimiter(const ts_csvin *in)
{
    return in->delim;
}

unsigned long long csvin_bytes(const ts_csvin *in)
{
    return source_bytes(in->src);
}

const char *csvin_sha256(const ts_csvin *in)
{
    return source_sha256(in->src);
}

unsigned long csvin_lines(const ts_csvin *in)
{
    return in->line;
}

/* Makes room for field nfields; returns whether its text is kept. */
static int next_field(ts_csvin *in, size_t n)
{
    size_t i = in->nfields;
    int keep = in->nrows == 0 || (i < in->nkeep && in->keep[i]);

    if (i == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 64;
        in->off = xrealloc(in->off, in->cap * sizeof(size_t));
        in->len = xrealloc(in->len, in->cap * sizeof(size_t));
        in->field = xrealloc(in->field, in->cap * sizeof(char *));
    }
    in->len[i] = n;
    if (n > in->max_field) {
        if (!in->oversize)
            in->oversize = i + 1;
        keep = 0;
    }
    in->off[i] = keep ? in->arena.len : (size_t)-1;
    return keep;
}

static void on_field(void *s, size_t n, void *data)
{
    ts_csvin *in = data;

    /* A long field on one line ends inside one piece: next_field cuts it
     * too. */
    if (next_field(in, n)) {
        sb_append(&in->arena, s ? s : "", s ? n : 0);
        sb_putc(&in->arena, '\0');
    }
    in->nfields++;
}

static void on_row(int c, void *data)
{
    ts_csvin *in = data;
    ts_csvrow row;
    size_t i;

    (void)c;
    for (i = 0; i < in->nfields; i++)
        in->field[i] = in->off[i] == (size_t)-1 ? "" : in->arena.buf +
                                                         in->off[i];
    row.nfields = in->nfields;
    row.field = in->field;
    row.len = in->len;
    row.line = in->row_line;
    row.row = in->nrows;
    row.oversize = in->oversize;
    in->oversize = 0;
    if (in->stop == TS_OK)
        in->stop = in->fn(in->ctx, &row, in->err);
    in->nrows++;
    in->nfields = 0;
    sb_reset(&in->arena);
}

/* Feeds one piece of a physical line, recovering from strict-mode quote
 * errors by re-feeding the rest leniently. */
static void feed(ts_csvin *in, const char *s, size_t n)
{
    while (n) {
        size_t used = csv_parse(&in->parser, s, n, on_field, on_row, in);

        if (used == n)
            return;
        if (csv_error(&in->parser) == CSV_EPARSE) {
            ts_error w;

            ts_error_set(&w, TS_ERR_PARSE, in->name, in->line,
                         in->nfields + 1,
                         "malformed quoting: stray quote inside a quoted "
                         "field; kept as text");
            if (in->warn)
                in->warn(in->ctx, &w);
            csv_set_opts(&in->parser, CSV_APPEND_NULL);
            in->parser.status = CSV_SUCCESS;
            used += csv_parse(&in->parser, s + used, n - used, on_field,
                              on_row, in);
            csv_set_opts(&in->parser,
                         CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
            s += used;
            n -= used;
            if (n == 0)
                return;
            continue;
        }
        /* CSV_ENOMEM and friends: libcsv could not grow its buffer. */
        in->stop = ts_error_set(in->err, TS_ERR_INTERNAL, in->name,
                                in->line, in->nfields + 1, "csv parser: %s",
                                csv_strerror(csv_error(&in->parser)));
        return;
    }
}

void csvin_sniff(const char *s, size_t n, char *delim, int *quoted)
{
    size_t i, tabs = 0, commas = 0, semis = 0;
    int inq = 0;

    for (i = 0; i < n && (inq || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            inq = !inq;
        else if (!inq && s[i] == '\t')
            tabs++;
        else if (!inq && s[i] == ',')
            commas++;
        else if (!inq && s[i] == ';')
            semis++;
    }
    /* A semicolon is what spreadsheets write in locales whose decimal
     * mark is a comma (European Excel). */
    if (semis > commas && semis > tabs)
        *delim = ';';
    else
        *delim = tabs > commas ? '\t' : ',';
    /* Registry TSVs are unquoted: a quote there is text. */
    *quoted = *delim != '\t' || (n > 0 && s[0] == '"');
}

static int is_space_none(unsigned char c)
{
    (void)c;
    return 0;
}

static ts_status setup_parser(ts_csvin *in)
{
    if (csv_init(&in->parser, CSV_STRICT | CSV_STRICT_FINI |
                                  CSV_APPEND_NULL) != 0)
        return ts_error_set(in->err, TS_ERR_INTERNAL, in->name, 0, 0,
                            "cannot initialize the csv parser");
    in->parser_ready = 1;
    /* libcsv grows a field's buffer by a fixed block (128 bytes by
     * default): with long fields that is quadratic copying. 2026-11-23:
     * a 16 MB field took minutes under AddressSanitizer, whose realloc
     * always copies. */
    csv_set_blk_size(&in->parser, 1u << 20);
    csv_set_delim(&in->parser, (unsigned char)in->delim);
    /* Trimming is ours to do (record.c), and libcsv's would treat the TSV
     * delimiter as a space. */
    csv_set_space_func(&in->parser, is_space_none);
    if (!in->quoted)
        csv_set_quote(&in->parser, '\0');
    return TS_OK;
}

/*
 * The fast path. Most records of a registry export are plain RFC 4180:
 * every field either unquoted, with no quote, CR or LF in it, or quoted
 * from its first byte to a closing quote that a delimiter or the line end
 * follows, quotes inside doubled; the record ends in LF or CRLF. Such a
 * record means the same to any CSV reader, and libcsv's byte-at-a-time
 * state machine (some 36 instructions a byte) is most of the cost of
 * reading it. fast_record() reads one such record with memchr and hands
 * its fields over as libcsv would have; anything else (a stray quote, a
 * lone CR, NUL bytes, a record running past the buffer) goes to libcsv
 * from the record's start, line by line as before, and the fast path
 * takes over again at the next line that starts with libcsv idle. A test
 * and the CSV fuzz harness check that both read every input alike.
 */

/* Stores field text s[0..n), with doubled quotes made single when
 * quotes != 0. */
static void fast_field(ts_csvin *in, const char *s, size_t n, int quotes)
{
    size_t i, k = n;

    if (quotes)
        for (i = k = 0; i < n; i++, k++)
            if (s[i] == '"')
                i++;    /* the second of a pair */
    if (next_field(in, k)) {
        if (!quotes) {
            sb_append(&in->arena, s, n);
        } else {
            char *o = sb_reserve(&in->arena, k);

            for (i = k = 0; i < n; i++) {
                o[k++] = s[i];
                if (s[i] == '"')
                    i++;
            }
            in->arena.len += k;
        }
        sb_putc(&in->arena, '\0');
    }
    in->nfields++;
}

/* Reads the plain record at p (a line start, libcsv idle) that ends
 * before end, storing its fields; returns the byte after it and adds its
 * physical lines to *lines. NULL when it is not plain or not whole (its
 * fields are dropped again). */
static const char *fast_record(ts_csvin *in, const char *p, const char *end,
                               unsigned long *lines)
{
    const char d = in->delim;
    const int q = in->quoted;
    unsigned long nl = 1;

    for (;;) {
        if (q && p < end && *p == '"') {
            const char *a = p + 1, *r = a, *z;
            int pairs = 0;

            for (;;) {
                z = memchr(r, '"', (size_t)(end - r));
                if (!z || z + 1 >= end)
                    goto slow;
                if (z[1] != '"')
                    break;
                pairs = 1;
                r = z + 2;
            }
            for (r = a; (r = memchr(r, '\n', (size_t)(z - r))) != NULL; r++)
                nl++;
            fast_field(in, a, (size_t)(z - a), pairs);
            p = z + 1;
        } else {
            const char *a = p;

            while (p < end && *p != d && *p != '\n' && *p != '\r' &&
                   *p != '"')
                p++;
            if (p < end && *p == '"' && !q) {
                /* Without quoting a quote is text: look on. */
                while (p < end && *p != d && *p != '\n' && *p != '\r')
                    p++;
            }
            if (p >= end || *p == '"')
                goto slow;
            fast_field(in, a, (size_t)(p - a), 0);
        }
        if (p >= end)
            goto slow;
        if (*p == d) {
            p++;
            continue;
        }
        if (*p == '\n')
            break;
        if (*p == '\r' && p + 1 < end && p[1] == '\n') {
            p++;
            break;
        }
        goto slow;
    }
    *lines += nl;
    return p + 1;
slow:
    in->nfields = 0;
    in->oversize = 0;
    sb_reset(&in->arena);
    return NULL;
}

/* Feeds a buffer, splitting it at newlines to keep line numbers exact. */
static void feed_lines(ts_csvin *in, char *buf, size_t n, int *at_line_start,
                       int has_nul)
{
    char *p = buf, *end = buf + n;
    int fast = in->fast && !has_nul && in->parser_ready;

    while (p < end && in->stop == TS_OK) {
        char *nl;
        size_t len;

        if (fast && *at_line_start && in->parser.pstate == 0 &&
            in->nfields == 0 && in->parser.entry_pos == 0) {
            unsigned long lines = 0;
            const char *next;

            if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
                in->line++;     /* a blank line, as libcsv skips it */
                p += *p == '\r' ? 2 : 1;
                continue;
            }
            next = fast_record(in, p, end, &lines);
            if (next) {
                in->row_line = in->line + 1;
                in->line += lines;
                on_row(0, in);
                p += next - p;
                continue;
            }
        }
        nl = memchr(p, '\n', (size_t)(end - p));
        len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

        if (*at_line_start) {
            in->line++;
            if (in->parser.pstate == 0 && in->nfields == 0)
                in->row_line = in->line;
        }
        if (has_nul && memchr(p, '\0', len)) {
            /* NUL is no text (and, with quoting off, libcsv's quote). */
            ts_error w;
            size_t i;

            for (i = 0; i < len; i++)
                if (p[i] == '\0')
                    p[i] = ' ';
            ts_error_set(&w, TS_ERR_PARSE, in->name, in->line, 0,
                         "NUL byte replaced by a space");
            if (in->warn)
                in->warn(in->ctx, &w);
        }
        feed(in, p, len);
        if (in->parser.entry_pos > in->max_field) {
            /* Drop what libcsv holds of the field so memory stays bounded;
             * the row is reported as bad (its text is no longer whole). */
            if (!in->oversize)
                in->oversize = in->nfields + 1;
            in->parser.entry_pos = 0;
        }
        *at_line_start = nl != NULL;
        p += len;
    }
}

ts_status csvin_run(ts_csvin *in, ts_csvrow_fn fn, ts_warn_fn warn, void *ctx,
                    ts_error *err)
{
    int first = 1, at_line_start = 1;
    ts_status rc = TS_OK;

    in->fn = fn;
    in->warn = warn;
    in->ctx = ctx;
    in->err = err;
    in->stop = TS_OK;
    for (;;) {
        char *p;
        size_t n;
        int has_nul;

        rc = source_read(in->src, &p, &n, err);
        if (rc != TS_OK)
            goto done;
        if (n == 0)
            break;
        if (first) {
            first = 0;
            if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
                p += 3;
                n -= 3;
            }
            csvin_sniff(p, n, &in->delim, &in->quoted);
            /* A spreadsheet's tab-separated "Unicode text" (UTF-16) or
             * Windows-1252 text quotes fields holding tabs, quotes or
             * newlines. */
            if (decode_converts(source_encoding(in->src)))
                in->quoted = 1;
            rc = setup_parser(in);
            if (rc != TS_OK)
                goto done;
        }
        has_nul = memchr(p, '\0', n) != NULL;
        if (has_nul)
            source_modify(in->src);     /* feed_lines rewrites NUL bytes */
        feed_lines(in, p, n, &at_line_start, has_nul);
        if (in->stop != TS_OK) {
            rc = in->stop;
            goto done;
        }
    }
    if (first) {
        rc = ts_error_set(err, TS_ERR_PARSE, in->name, 0, 0,
                          "empty file: no header line");
        goto done;
    }
    if (csv_fini(&in->parser, on_field, on_row, in) != 0) {
        rc = ts_error_set(err, TS_ERR_PARSE, in->name, in->row_line, 0,
                          "file ends inside a quoted field that begins "
                          "in this record");
        goto done;
    }
    rc = in->stop;
done:
    source_finish(in->src);
    return rc;
}
