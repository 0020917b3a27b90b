/*
 * test_ingest.c - unit tests of the ingest stage through its headers:
 * record_clean_value (trimming, null, entities, NBSP, CRLF, bad UTF-8,
 * control characters), csvin on small files written to a scratch
 * directory (record ends, line numbers, BOM, TSV, malformed quoting,
 * errors, checksum), fieldmap header detection, and ingest_file's row
 * checks and statistics.
 */
#include "tests/unit/unit.h"

#include "common/error.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "ingest/csvin.h"
#include "ingest/fieldmap.h"
#include "ingest/decode.h"
#include "ingest/ingest.h"
#include "ingest/record.h"


/* Writes data to the scratch directory; caller frees the path. */
static char *scratch(const char *name, const char *data, size_t len)
{
    return ut_write(tmpdir, name, data, len);
}

static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;

    return slash ? slash + 1 : path ? path : "(null)";
}

/* Appends s[0..n) with \n, \r and \t made visible. */
static void put_visible(ts_strbuf *sb, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] == '\n')
            sb_puts(sb, "\\n");
        else if (s[i] == '\r')
            sb_puts(sb, "\\r");
        else if (s[i] == '\t')
            sb_puts(sb, "\\t");
        else
            sb_putc(sb, s[i]);
    }
}

/* ---- record ----------------------------------------------------------- */

/* The cleaned form of raw[0..len) as a new string; *bad as the call sets
 * it. Checks the returned length against the NUL. */
static char *clean(const char *raw, size_t len, int *bad)
{
    ts_strbuf out = {0};
    size_t n = 99, off;
    char *s;

    *bad = 0;
    off = record_clean_value(&out, raw, len, &n, bad);
    assert_int_equal(off, 0);
    assert_int_equal(strlen(out.buf), n);
    assert_int_equal(out.len, n + 1);
    s = xstrdup(out.buf);
    sb_free(&out);
    return s;
}

#define assert_clean(raw, want)                                             \
    do {                                                                    \
        int bad_;                                                           \
        char *got_ = clean(raw, sizeof(raw) - 1, &bad_);                    \
        assert_string_equal(got_, want);                                    \
        assert_int_equal(bad_, 0);                                          \
        free(got_);                                                         \
    } while (0)

static void test_record_clean_value_trims_surrounding_white_space(
    void **state)
{
    (void)state;
    assert_clean("  \t hello  world \n ", "hello  world");
    assert_clean("\n\n", "");
    assert_clean("", "");
    assert_clean("a\tb\nc", "a\tb\nc");
}

static void test_record_clean_value_turns_literal_null_into_empty(
    void **state)
{
    (void)state;
    assert_clean("null", "");
    assert_clean("  null\t", "");
    assert_clean("nullify", "nullify");
    assert_clean("not null", "not null");
}

static void test_record_clean_value_decodes_html_entities(void **state)
{
    (void)state;
    assert_clean("Crohn&#39;s &amp; Colitis", "Crohn's & Colitis");
    assert_clean("&#x41;&#X42;&#67;", "ABC");
    assert_clean("&lt;b&gt; &quot;q&quot; &apos;s", "<b> \"q\" 's");
    assert_clean("a&nbsp;b", "a b");
    assert_clean("a&#160;b", "a b");
    assert_clean("&#8364;5", "\xE2\x82\xAC" "5");
    assert_clean("&#x1F600;", "\xF0\x9F\x98\x80");
    /* Decoding is done once: "&amp;amp;" is the text "&amp;". */
    assert_clean("&amp;amp;", "&amp;");
}

static void test_record_clean_value_keeps_invalid_entities_as_text(
    void **state)
{
    (void)state;
    assert_clean("AT&T", "AT&T");
    assert_clean("&foo;", "&foo;");
    assert_clean("&amp", "&amp");
    assert_clean("& amp;", "& amp;");
    assert_clean("&#;", "&#;");
    assert_clean("&#x;", "&#x;");
    assert_clean("&#12a;", "&#12a;");
    assert_clean("&#0;", "&#0;");
    assert_clean("&#xD800;", "&#xD800;");
    assert_clean("&#x110000;", "&#x110000;");
    assert_clean("&#123456789;", "&#123456789;");
    assert_clean("x&", "x&");
}

static void test_record_clean_value_turns_nbsp_into_space(void **state)
{
    (void)state;
    assert_clean("18\xC2\xA0Years and older", "18 Years and older");
    assert_clean("\xC2\xA0padded\xC2\xA0", "padded");
    /* Other two-byte characters stay. */
    assert_clean("caf\xC3\xA9", "caf\xC3\xA9");
}

static void test_record_clean_value_turns_crlf_into_lf(void **state)
{
    (void)state;
    assert_clean("line 1\r\nline 2\r\nline 3", "line 1\nline 2\nline 3");
    assert_clean("old\rmac", "old\nmac");
    assert_clean("x\r\n", "x");
}

static void test_record_clean_value_replaces_invalid_utf8_and_sets_flag(
    void **state)
{
    int bad;
    char *s;

    (void)state;
    s = clean("a\xFF" "b", 3, &bad);
    assert_string_equal(s, "a\xEF\xBF\xBD" "b");
    assert_int_equal(bad, 1);
    free(s);

    /* Overlong NUL: both bytes are invalid on their own. */
    s = clean("\xC0\x80", 2, &bad);
    assert_string_equal(s, "\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(bad, 1);
    free(s);

    /* A sequence cut off by the end of the value. */
    s = clean("x\xE2\x82", 3, &bad);
    assert_string_equal(s, "x\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(bad, 1);
    free(s);

    /* UTF-16 surrogates are not UTF-8. */
    s = clean("\xED\xA0\x80", 3, &bad);
    assert_string_equal(s, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(bad, 1);
    free(s);

    /* Valid 2-, 3- and 4-byte characters are left alone. */
    assert_clean("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80",
                 "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

static void test_record_clean_value_never_resets_bad_utf8_flag(void **state)
{
    ts_strbuf out = {0};
    size_t n;
    int bad = 0;

    (void)state;
    record_clean_value(&out, "\xFE", 1, &n, &bad);
    assert_int_equal(bad, 1);
    record_clean_value(&out, "fine", 4, &n, &bad);
    assert_int_equal(bad, 1);
    sb_free(&out);
}

static void test_record_clean_value_turns_control_chars_into_spaces(
    void **state)
{
    (void)state;
    assert_clean("a\x01" "b\x1F" "c\x7F" "d\x1B", "a b c d");
    assert_clean("a&#1;b", "a b");
    assert_clean("a&#9;b&#10;c", "a\tb\nc");
}

static void test_record_clean_value_appends_after_existing_content(
    void **state)
{
    ts_strbuf out = {0};
    size_t n, off1, off2;
    int bad = 0;

    (void)state;
    off1 = record_clean_value(&out, " first ", 7, &n, &bad);
    assert_int_equal(off1, 0);
    assert_int_equal(n, 5);
    off2 = record_clean_value(&out, "second", 6, &n, &bad);
    assert_int_equal(off2, 6);
    assert_int_equal(n, 6);
    assert_int_equal(out.len, 13);
    assert_string_equal(out.buf + off1, "first");
    assert_string_equal(out.buf + off2, "second");
    sb_free(&out);
}

static void test_registry_name_names_each_registry(void **state)
{
    size_t i;

    (void)state;
    assert_string_equal(registry_name(TS_REG_CTGOV), "ClinicalTrials.gov");
    assert_string_equal(registry_key(TS_REG_EUCTR), "euctr");
    assert_string_equal(registry_name(TS_REG_UNKNOWN), "Unknown registry");
    assert_string_equal(registry_name(TS_REG_COUNT), "Unknown registry");
    assert_string_equal(registry_key((ts_registry)-1), "unknown");
    for (i = 1; i < TS_REG_COUNT; i++) {
        assert_string_not_equal(registry_key((ts_registry)i), "unknown");
        assert_true(strlen(registry_name((ts_registry)i)) > 0);
    }
}

/* ---- csvin ------------------------------------------------------------ */

typedef struct collect {
    ts_csvin *in;
    ts_strbuf rows;         /* "LINE/ROW: f1|f2|...\n" per row */
    ts_strbuf warns;        /* "FILE:LINE:COL: msg\n" per warning */
    size_t nrows;
    size_t nwarns;
    unsigned long stop_at;  /* data row whose callback fails; 0 = never */
    const unsigned char *keep;  /* passed to csvin_keep_columns */
    size_t nkeep;
} collect;

/* 1: rows over the field limit show as such, without their text. */
static int csv_hide_oversize;

static ts_status collect_row(void *ctx, const ts_csvrow *row, ts_error *err)
{
    collect *c = ctx;
    size_t i;

    if (row->row == 0) {
        static const unsigned char all[64] = {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        };

        if (c->keep)
            csvin_keep_columns(c->in, c->keep, c->nkeep);
        else
            csvin_keep_columns(c->in, all, 32);
    }
    if (c->stop_at && row->row == c->stop_at)
        return ts_error_set(err, TS_ERR_PARSE, "callback", row->line, 2,
                            "stopped by the callback");
    sb_printf(&c->rows, "%lu/%lu:", row->line, row->row);
    if (csv_hide_oversize && row->oversize) {
        /* Text of a row over the limit is not used: only its verdict. */
        sb_printf(&c->rows, " field %zu over the limit\n", row->oversize);
        c->nrows++;
        return TS_OK;
    }
    for (i = 0; i < row->nfields; i++) {
        sb_putc(&c->rows, i ? '|' : ' ');
        if (row->len[i] > 0 && row->field[i][0] == '\0')
            sb_printf(&c->rows, "<%zu>", row->len[i]);
        else
            put_visible(&c->rows, row->field[i], row->len[i]);
    }
    sb_putc(&c->rows, '\n');
    c->nrows++;
    return TS_OK;
}

static void collect_warning(void *ctx, const ts_error *w)
{
    collect *c = ctx;

    assert_int_equal(w->status, TS_ERR_PARSE);
    sb_printf(&c->warns, "%s:%lu:%lu: %s\n", base_name(w->file), w->line,
              w->column, w->msg);
    c->nwarns++;
}

typedef struct csv_result {
    ts_status rc;
    ts_error err;
    char errfile[256];      /* base name of err.file (a view of the reader) */
    char delim;
    unsigned long long bytes;
    char sha[65];
    unsigned long lines;
    collect c;
} csv_result;

static void csv_result_free(csv_result *r)
{
    sb_free(&r->c.rows);
    sb_free(&r->c.warns);
}

/* csv_read's reader settings: the fast path, and a field limit (0: the
 * default). */
static int csv_fast = 1;
static size_t csv_max_field;

/* Writes data as name in the scratch directory and reads it with csvin. */
static void csv_read(const char *name, const char *data, size_t len,
                     csv_result *r)
{
    char *path = scratch(name, data, len);
    ts_csvin *in = NULL;

    r->rc = csvin_open(path, &in, &r->err);
    assert_int_equal(r->rc, TS_OK);
    assert_string_equal(csvin_name(in), path);
    csvin_set_fast(in, csv_fast);
    csvin_set_max_field(in, csv_max_field);
    r->c.in = in;
    ts_error_clear(&r->err);
    r->rc = csvin_run(in, collect_row, collect_warning, &r->c, &r->err);
    snprintf(r->errfile, sizeof(r->errfile), "%s", base_name(r->err.file));
    r->delim = csvin_delimiter(in);
    r->bytes = csvin_bytes(in);
    snprintf(r->sha, sizeof(r->sha), "%s", csvin_sha256(in));
    r->lines = csvin_lines(in);
    csvin_close(in);
    free(path);
}

#define CSV_READ(name, text, r)                                             \
    do {                                                                    \
        memset(&(r), 0, sizeof(r));                                         \
        csv_read(name, text, sizeof(text) - 1, &(r));                       \
    } while (0)

/* Reads data with the fast path and without it (every record through
 * libcsv) and fails unless both give the same rows, warnings, error and
 * line count. */
static void csv_same_both_ways(const char *data, size_t len)
{
    csv_result a, b;

    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    csv_fast = 1;
    csv_read("both.csv", data, len, &a);
    csv_fast = 0;
    csv_read("both.csv", data, len, &b);
    csv_fast = 1;
    if (a.rc != b.rc || strcmp(sb_str(&a.c.rows), sb_str(&b.c.rows)) != 0 ||
        strcmp(sb_str(&a.c.warns), sb_str(&b.c.warns)) != 0 ||
        a.lines != b.lines || strcmp(a.err.msg, b.err.msg) != 0 ||
        a.err.line != b.err.line)
        fail_msg("fast and libcsv differ on [%.*s]:\n%s%s--- libcsv:\n%s%s",
                 (int)(len < 300 ? len : 300), data, sb_str(&a.c.rows),
                 sb_str(&a.c.warns), sb_str(&b.c.rows), sb_str(&b.c.warns));
    csv_result_free(&a);
    csv_result_free(&b);
}

/* 2026-11-30: the fast path for plain records must read every input as
 * libcsv does: hand-picked edge cases, random bytes from the characters
 * that matter, and a file whose records straddle the 1 MiB read pieces. */
static void test_csvin_fast_path_reads_like_libcsv(void **state)
{
    static const char *const cases[] = {
        "a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\n1,2", "a,b\n\n\n1,2\n\n",
        "a,b\r\n\r\n1,2\r\n", "a,b\n\"x\"\"y\",\"\"\n", "a,b\n\"1\n2\",3\n",
        "a,b\n\"1\r\n2\",3\r\n", "a,b\nx\"y,2\n", "a,b\n\"x\"y,2\n",
        "a,b\n\"x\" ,2\n", "a,b\n1\r2,3\n", "a,b\n1,2\r", "a,b\n\"open,2\n",
        "a,b\n,\n,,\n", "a\tb\n\"q\tx\n", "\"a\"\t\"b\"\n\"1\t2\"\t3\n",
        "a;b\n\"1;2\";3\n", "a,b\n\"\"\"\",\"\"\n", "a,b\n1,\"2\"\"\"\n",
        "a,b\n1,\"long long long field\"\n", "a,b\r\n1,2\n3,4\r\n",
    };
    static const char alphabet[] = "ab,\"\n\r\t;x";
    unsigned long seed = 12345;
    size_t i, k;
    ts_strbuf big = {0};

    (void)state;
    csv_hide_oversize = 1;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        csv_same_both_ways(cases[i], strlen(cases[i]));
    for (i = 0; i < 600; i++) {
        char buf[96];
        size_t n;

        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        n = (size_t)(seed >> 33) % sizeof(buf);
        memcpy(buf, "a,b,c\n", 6);
        for (k = 6; k < n; k++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            buf[k] = alphabet[(seed >> 33) % (sizeof(alphabet) - 1)];
        }
        /* Every other input with a limit that long fields pass. */
        csv_max_field = i % 2 ? 8 : 0;
        csv_same_both_ways(buf, n > 6 ? n : 6);
    }
    csv_max_field = 0;
    sb_puts(&big, "id,text,n\n");
    for (i = 0; big.len < 2600000; i++) {
        if (i % 97 == 0)
            sb_printf(&big, "%zu,\"multi\nline \"\"%zu\"\"\",%zu\r\n", i, i, i);
        else if (i % 89 == 0)
            sb_printf(&big, "%zu,stray\"quote,%zu\n", i, i);
        else
            sb_printf(&big, "%zu,\"plain, quoted text %zu\",%zu\n", i, i, i);
    }
    csv_same_both_ways(big.buf, big.len);
    csv_hide_oversize = 0;
    sb_free(&big);
}

/* Records and warnings in one stream, as the callbacks receive them. */
typedef struct ordered {
    ts_strbuf text;
    unsigned long stop_at;      /* row whose callback fails; 0 = never */
} ordered;

static ts_status ordered_record(void *ctx, const ts_record *rec,
                                ts_error *err)
{
    ordered *o = ctx;
    size_t i;

    sb_printf(&o->text, "R %lu/%lu %s %s:", rec->line, rec->row,
              rec->format, base_name(rec->file));
    for (i = 0; i < TS_COL_COUNT; i++) {
        assert_int_equal(strlen(rec->value[i]), rec->len[i]);
        sb_printf(&o->text, "|%d:%s=", rec->present[i],
                  rec->name[i] ? rec->name[i] : "-");
        put_visible(&o->text, rec->value[i], rec->len[i]);
    }
    sb_putc(&o->text, '\n');
    if (o->stop_at && rec->row == o->stop_at)
        return ts_error_set(err, TS_ERR_PARSE, "callback", rec->line, 3,
                            "stopped by the callback");
    return TS_OK;
}

static void ordered_warning(void *ctx, const ts_error *w)
{
    ordered *o = ctx;

    sb_printf(&o->text, "W %lu:%lu %s\n", w->line, w->column, w->msg);
}

/* Reads path with jobs threads; returns the stream, rc and error. */
static char *ordered_read(const char *path, int jobs, int strict,
                          unsigned long stop_at, ts_status *rc,
                          ts_error *err)
{
    ordered o = {{0}, stop_at};
    ts_ingest_opts opts;
    ts_ingest_stats stats;

    memset(&opts, 0, sizeof(opts));
    opts.jobs = jobs;
    opts.strict = strict;
    ts_error_clear(err);
    *rc = ingest_file(path, &opts, ordered_record, ordered_warning, &o,
                      &stats, err);
    sb_printf(&o.text, "rows %lu skipped %lu blank %lu warnings %lu\n",
              stats.rows, stats.skipped, stats.blank, stats.warnings);
    return o.text.buf;
}

/* 2026-11-30: with -j 2 the reader runs on a thread of its own and hands
 * records over in batches (relay.h): every record, value and warning
 * must reach the callbacks as on one thread, in the same order, over many
 * batches; strict mode and a stopping callback end alike. */
static void test_ingest_reader_thread_relays_everything_in_order(
    void **state)
{
    ts_strbuf csv = {0};
    char *path, *a, *b;
    ts_status ra, rb;
    ts_error ea, eb;
    unsigned long i;
    int strict;

    (void)state;
    sb_puts(&csv, "NCT Number,Study Title,Study Status,Phases,Conditions,"
                  "Interventions,Locations\n");
    for (i = 1; i <= 3000; i++) {
        if (i % 211 == 0)
            sb_printf(&csv, "NCT%08lu,ragged row\n", i);
        else if (i % 307 == 0)
            sb_puts(&csv, ",,,,,,\n");
        else
            sb_printf(&csv, "NCT%08lu,\"Trial %lu, \"\"quoted\"\"\nsecond "
                            "line\",RECRUITING,PHASE2,Sarcoma|Cancer %lu,"
                            "DRUG: Drug %lu,\"Site, City, France\"\n",
                      i, i, i % 50, i % 70);
    }
    path = scratch("relay.csv", csv.buf, csv.len);
    for (strict = 0; strict <= 1; strict++) {
        a = ordered_read(path, 1, strict, 0, &ra, &ea);
        b = ordered_read(path, 2, strict, 0, &rb, &eb);
        assert_int_equal(ra, rb);
        assert_string_equal(ea.msg, eb.msg);
        assert_int_equal(ea.line, eb.line);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    /* A callback that stops: the same records and error up to there. */
    a = ordered_read(path, 1, 0, 1500, &ra, &ea);
    b = ordered_read(path, 2, 0, 1500, &rb, &eb);
    assert_int_equal(ra, TS_ERR_PARSE);
    assert_int_equal(rb, TS_ERR_PARSE);
    assert_string_equal(ea.msg, eb.msg);
    strstr(a, "\nrows ")[1] = '\0';   /* read-ahead may count more rows */
    strstr(b, "\nrows ")[1] = '\0';
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(path);
    sb_free(&csv);
}

static void test_csvin_run_reads_lf_records(void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("lf.csv", "a,b,c\n1,2,3\n4,,6\n", r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.c.rows), "1/0: a|b|c\n"
                                           "2/1: 1|2|3\n"
                                           "3/2: 4||6\n");
    assert_int_equal(r.delim, ',');
    assert_int_equal(r.lines, 3);
    assert_int_equal(r.c.nwarns, 0);
    csv_result_free(&r);
}

static void test_csvin_run_reads_crlf_records_without_cr(void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("crlf.csv", "a,b\r\n1,2\r\n3,4\r\n", r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.c.rows), "1/0: a|b\n"
                                           "2/1: 1|2\n"
                                           "3/2: 3|4\n");
    assert_int_equal(r.lines, 3);
    csv_result_free(&r);
}

static void test_csvin_run_reads_last_record_without_newline(void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("noeol.csv", "a,b\n1,2\n3,4", r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.c.rows), "1/0: a|b\n"
                                           "2/1: 1|2\n"
                                           "3/2: 3|4\n");
    csv_result_free(&r);
}

/* Quoted fields hold commas, doubled quotes and newlines; the row after a
 * multi-line value must still know its own physical line. */
static void test_csvin_run_keeps_line_of_row_after_quoted_newline(
    void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("quoted_newline.csv",
             "id,text,n\n"
             "1,\"a, \"\"quoted\"\" word\",2\n"
             "3,\"three\nline\r\nvalue\",4\n"
             "5,after,6\n"
             "\n"
             "7,\"\",8\n",
             r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.c.rows),
                        "1/0: id|text|n\n"
                        "2/1: 1|a, \"quoted\" word|2\n"
                        "3/2: 3|three\\nline\\r\\nvalue|4\n"
                        "6/3: 5|after|6\n"
                        "8/4: 7||8\n");
    assert_int_equal(r.lines, 8);
    csv_result_free(&r);
}

static void test_csvin_run_skips_utf8_bom(void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("bom_crlf.csv",
             "\xEF\xBB\xBFNCT Number,Phases\r\nNCT00000001,PHASE2\r\n", r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.c.rows), "1/0: NCT Number|Phases\n"
                                           "2/1: NCT00000001|PHASE2\n");
    /* The BOM is skipped, not dropped from the byte count. */
    assert_int_equal(r.bytes, 3 + 19 + 20);
    csv_result_free(&r);
}

static void test_csvin_run_detects_tab_delimiter(void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("classic.tsv",
             "Rank\tNCT Number\tTitle, with comma\n"
             "1\tNCT00000001\tA, B, C\n",
             r);
    assert_int_equal(r.rc, TS_OK);
    assert_int_equal(r.delim, '\t');
    assert_string_equal(sb_str(&r.c.rows),
                        "1/0: Rank|NCT Number|Title, with comma\n"
                        "2/1: 1|NCT00000001|A, B, C\n");
    csv_result_free(&r);
}

/* Registry TSVs are unquoted: a field that starts with a quote is text,
 * and a quote never joins lines. */
static void test_csvin_run_keeps_quote_of_tsv_field_literally(void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("quote_in_field.tsv",
             "a\tb\tc\n"
             "\"Expanded Access\":Treatment IND/Protocol\"\t\"open\tz\n"
             "x\ty\tw\n",
             r);
    assert_int_equal(r.rc, TS_OK);
    assert_int_equal(r.delim, '\t');
    assert_string_equal(
        sb_str(&r.c.rows),
        "1/0: a|b|c\n"
        "2/1: \"Expanded Access\":Treatment IND/Protocol\"|\"open|z\n"
        "3/2: x|y|w\n");
    assert_int_equal(r.c.nwarns, 0);
    csv_result_free(&r);
}

/* With quoting off, libcsv's quote character is NUL: a NUL byte in an
 * unquoted TSV must not start a quoted field. */
static void test_csvin_run_reads_nul_byte_in_tsv_as_space(void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("nul.tsv", "a\tb\nx\0y\tz\nnext\tline\n", r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.c.rows), "1/0: a|b\n"
                                           "2/1: x y|z\n"
                                           "3/2: next|line\n");
    csv_result_free(&r);
}

static void test_csvin_run_recovers_stray_quote_with_warning_naming_line(
    void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("stray_quote.csv",
             "a,b,c\n"
             "1,2,3\n"
             "\"a\"b\",x,y\n"
             "NCT1,\"Expanded Access\":Treatment IND/Protocol\",z\n"
             "4,5,6\n",
             r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(
        sb_str(&r.c.rows),
        "1/0: a|b|c\n"
        "2/1: 1|2|3\n"
        "3/2: a\"b|x|y\n"
        "4/3: NCT1|Expanded Access\":Treatment IND/Protocol|z\n"
        "5/4: 4|5|6\n");
    assert_string_equal(sb_str(&r.c.warns),
                        "stray_quote.csv:3:1: malformed quoting: stray quote "
                        "inside a quoted field; kept as text\n"
                        "stray_quote.csv:4:2: malformed quoting: stray quote "
                        "inside a quoted field; kept as text\n");
    csv_result_free(&r);
}

static void test_csvin_run_reports_start_line_of_unterminated_quote(
    void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("unterminated_quote.csv",
             "a,b,c\n"
             "1,2,3\n"
             "4,\"never closed,6\n"
             "7,8,9\n"
             "10,11,12\n",
             r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_int_equal(r.err.status, TS_ERR_PARSE);
    assert_string_equal(r.errfile, "unterminated_quote.csv");
    assert_int_equal(r.err.line, 3);
    assert_int_equal(r.err.column, 0);
    assert_string_equal(r.err.msg, "file ends inside a quoted field that "
                                   "begins in this record");
    assert_string_equal(sb_str(&r.c.rows), "1/0: a|b|c\n"
                                           "2/1: 1|2|3\n");
    assert_int_equal(r.lines, 5);
    csv_result_free(&r);
}

static void test_csvin_run_rejects_empty_file(void **state)
{
    csv_result r;

    (void)state;
    CSV_READ("empty.csv", "", r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_string_equal(r.errfile, "empty.csv");
    assert_int_equal(r.err.line, 0);
    assert_int_equal(r.err.column, 0);
    assert_string_equal(r.err.msg, "empty file: no header line");
    assert_int_equal(r.bytes, 0);
    assert_string_equal(r.sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b"
                               "934ca495991b7852b855");
    assert_int_equal(r.c.nrows, 0);
    csv_result_free(&r);
}

static void test_csvin_open_reports_missing_file(void **state)
{
    char *path = ut_path(tmpdir, "does-not-exist.csv");
    ts_csvin *in = (void *)&path;
    ts_error err;
    char want[300];

    (void)state;
    assert_int_equal(csvin_open(path, &in, &err), TS_ERR_IO);
    assert_null(in);
    assert_int_equal(err.status, TS_ERR_IO);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.sys_errno, ENOENT);
    snprintf(want, sizeof(want), "cannot open: %s", strerror(ENOENT));
    assert_string_equal(err.msg, want);
    free(path);
}

static void test_csvin_open_rejects_directory(void **state)
{
    ts_csvin *in = (void *)&in;
    ts_error err;

    (void)state;
    assert_int_equal(csvin_open(tmpdir, &in, &err), TS_ERR_IO);
    assert_null(in);
    assert_string_equal(err.file, tmpdir);
    assert_string_equal(err.msg, "is a directory, not an export file");
    csvin_close(NULL);
}

static void test_csvin_run_counts_bytes_and_hashes_them(void **state)
{
    static const char text[] = "\xEF\xBB\xBF" "a,b\r\n1,\"x\ny\"\r\n";
    csv_result r;
    ts_sha256 s;
    char hex[65];

    (void)state;
    CSV_READ("hash.csv", text, r);
    assert_int_equal(r.rc, TS_OK);
    assert_int_equal(r.bytes, sizeof(text) - 1);
    sha256_init(&s);
    sha256_update(&s, text, sizeof(text) - 1);
    sha256_final_hex(&s, hex);
    assert_string_equal(r.sha, hex);
    assert_int_equal(r.lines, 3);
    csv_result_free(&r);
}

/* The hash runs on its own thread over a ring of 1 MB buffers: a file of
 * many more chunks than the ring holds, with records across chunk
 * boundaries, hashes to the digest of its bytes, and every row is read. */
static void test_csvin_run_hashes_many_chunks_in_order(void **state)
{
    size_t n = 0, cap = 9 * 1024 * 1024, rows = 0;
    char *text = xmalloc(cap);
    csv_result r;
    ts_sha256 s;
    char hex[65];

    (void)state;
    n += (size_t)snprintf(text, cap, "id,note\n");
    while (n + 200 < cap) {
        n += (size_t)snprintf(text + n, cap - n,
                              "%zu,\"line one of %zu\nline two, \"\"q\"\"\"\n",
                              rows, rows * 7919 % 1000003);
        rows++;
    }
    memset(&r, 0, sizeof(r));
    csv_read("many.csv", text, n, &r);
    assert_int_equal(r.rc, TS_OK);
    assert_int_equal(r.bytes, n);
    assert_int_equal(r.lines, 1 + 2 * rows);
    assert_int_equal(r.c.nrows, rows + 1);
    sha256_init(&s);
    sha256_update(&s, text, n);
    sha256_final_hex(&s, hex);
    assert_string_equal(r.sha, hex);
    csv_result_free(&r);
    free(text);
}

/* NUL bytes are read as spaces, but the hash is of the bytes as they are
 * in the file. */
static void test_csvin_run_hashes_nul_bytes_as_read(void **state)
{
    static const char text[] = "a\tb\nx\0y\tz\n";
    csv_result r;
    ts_sha256 s;
    char hex[65];

    (void)state;
    CSV_READ("nulhash.tsv", text, r);
    assert_int_equal(r.rc, TS_OK);
    sha256_init(&s);
    sha256_update(&s, text, sizeof(text) - 1);
    sha256_final_hex(&s, hex);
    assert_string_equal(r.sha, hex);
    csv_result_free(&r);
}

/* Columns not kept read as "" with their true length. */
static void test_csvin_keep_columns_drops_text_but_keeps_length(void **state)
{
    static const unsigned char keep[] = {1, 0};
    csv_result r;

    (void)state;
    memset(&r, 0, sizeof(r));
    r.c.keep = keep;
    r.c.nkeep = sizeof(keep);
    csv_read("keep.csv", "a,b,c\nkept,dropped,past\n", 24, &r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.c.rows), "1/0: a|b|c\n"
                                           "2/1: kept|<7>|<4>\n");
    csv_result_free(&r);
}

static void test_csvin_run_stops_when_callback_fails(void **state)
{
    csv_result r;

    (void)state;
    memset(&r, 0, sizeof(r));
    r.c.stop_at = 2;
    csv_read("stop.csv", "a\n1\n2\n3\n", 8, &r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_string_equal(r.err.msg, "stopped by the callback");
    assert_int_equal(r.err.line, 3);
    assert_int_equal(r.err.column, 2);
    assert_string_equal(sb_str(&r.c.rows), "1/0: a\n2/1: 1\n");
    csv_result_free(&r);
}

/* ---- fieldmap --------------------------------------------------------- */

#define MODERN_HEADER                                                       \
    "NCT Number,Study Title,Study URL,Acronym,Study Status,Brief Summary,"  \
    "Study Results,Conditions,Interventions,Primary Outcome Measures,"      \
    "Secondary Outcome Measures,Other Outcome Measures,Sponsor,"            \
    "Collaborators,Sex,Age,Phases,Enrollment,Funder Type,Study Type,"       \
    "Study Design,Other IDs,Start Date,Primary Completion Date,"            \
    "Completion Date,First Posted,Results First Posted,Last Update Posted," \
    "Locations,Study Documents"

#define CLASSIC_HEADER                                                      \
    "Rank,NCT Number,Title,Acronym,Status,Study Results,Conditions,"        \
    "Interventions,Outcome Measures,Sponsor/Collaborators,Gender,Age,"      \
    "Phases,Enrollment,Funded Bys,Study Type,Study Designs,Other IDs,"      \
    "Start Date,Primary Completion Date,Completion Date,First Posted,"      \
    "Results First Posted,Last Update Posted,Locations,Study Documents,URL"

/* The values of the first record of header + one row "v0,v1,...". */
typedef struct mapped {
    ts_status rc;
    ts_error err;
    const char *format;         /* static */
    char *value[TS_COL_COUNT];  /* owned; NULL when not present */
    const char *name[TS_COL_COUNT];
    ts_registry registry;
    int copy;
} mapped;

static ts_status keep_first(void *ctx, const ts_record *rec, ts_error *err)
{
    mapped *m = ctx;
    size_t i;

    (void)err;
    m->format = rec->format;
    m->registry = rec->registry;
    m->copy = rec->copy;
    for (i = 0; i < TS_COL_COUNT; i++) {
        m->value[i] = rec->present[i] ? xstrdup(rec->value[i]) : NULL;
        m->name[i] = rec->name[i];
    }
    return TS_OK;
}

static void map_header(mapped *m, const char *header)
{
    ts_strbuf text = {0};
    ts_ingest_stats stats;
    size_t i, n = 1, tabs = 0, commas = 0;
    char delim;
    char *path;

    memset(m, 0, sizeof(*m));
    for (i = 0; header[i]; i++) {
        tabs += header[i] == '\t';
        commas += header[i] == ',';
    }
    delim = tabs > commas ? '\t' : ',';
    n += delim == '\t' ? tabs : commas;
    sb_printf(&text, "%s\n", header);
    for (i = 0; i < n; i++) {
        if (i)
            sb_putc(&text, delim);
        sb_printf(&text, "v%zu", i);
    }
    sb_putc(&text, '\n');
    path = scratch("header.csv", text.buf, text.len);
    m->rc = ingest_file(path, NULL, keep_first, NULL, m, &stats, &m->err);
    free(path);
    sb_free(&text);
}

static void mapped_free(mapped *m)
{
    size_t i;

    for (i = 0; i < TS_COL_COUNT; i++)
        free(m->value[i]);
}

#define assert_mapped(m, col, want)                                         \
    do {                                                                    \
        assert_non_null((m).value[col]);                                    \
        assert_string_equal((m).value[col], want);                          \
    } while (0)

static void test_ingest_detect_finds_modern_header(void **state)
{
    mapped m;
    const ts_reader *r = ingest_detect(MODERN_HEADER "\n", 
                                       sizeof(MODERN_HEADER));

    (void)state;
    assert_non_null(r);
    assert_string_equal(r->name, "ctgov-modern");
    assert_int_equal(r->registry, TS_REG_CTGOV);
    map_header(&m, MODERN_HEADER);
    assert_int_equal(m.rc, TS_OK);
    assert_string_equal(m.format, "ctgov-modern");
    assert_int_equal(m.registry, TS_REG_CTGOV);
    assert_int_equal(m.copy, 0);
    assert_mapped(m, TS_COL_ID, "v0");
    assert_mapped(m, TS_COL_TITLE, "v1");
    assert_mapped(m, TS_COL_URL, "v2");
    assert_mapped(m, TS_COL_ACRONYM, "v3");
    assert_mapped(m, TS_COL_STATUS, "v4");
    assert_mapped(m, TS_COL_CONDITIONS, "v7");
    assert_mapped(m, TS_COL_INTERVENTIONS, "v8");
    assert_mapped(m, TS_COL_SPONSOR, "v12");
    assert_mapped(m, TS_COL_PHASES, "v16");
    assert_mapped(m, TS_COL_ENROLLMENT, "v17");
    assert_mapped(m, TS_COL_FUNDER, "v18");
    assert_mapped(m, TS_COL_STUDY_TYPE, "v19");
    assert_mapped(m, TS_COL_START, "v22");
    assert_mapped(m, TS_COL_LOCATIONS, "v28");
    /* Present but not read: never copied. */
    assert_mapped(m, TS_COL_COLLABORATORS, "");
    assert_mapped(m, TS_COL_DESIGN, "v20");
    assert_null(m.value[TS_COL_COUNTRIES]);
    assert_string_equal(m.name[TS_COL_STATUS], "Study Status");
    assert_string_equal(m.name[TS_COL_OTHER_IDS], "Other IDs");
    assert_null(m.name[TS_COL_COUNTRIES]);
    mapped_free(&m);
}

static void test_ingest_detect_finds_classic_header(void **state)
{
    mapped m;
    const ts_reader *r = ingest_detect(CLASSIC_HEADER "\n",
                                       sizeof(CLASSIC_HEADER));

    (void)state;
    assert_non_null(r);
    assert_string_equal(r->name, "ctgov-classic");
    map_header(&m, CLASSIC_HEADER);
    assert_int_equal(m.rc, TS_OK);
    assert_string_equal(m.format, "ctgov-classic");
    assert_mapped(m, TS_COL_ID, "v1");
    assert_mapped(m, TS_COL_TITLE, "v2");
    assert_mapped(m, TS_COL_STATUS, "v4");
    assert_mapped(m, TS_COL_CONDITIONS, "v6");
    assert_mapped(m, TS_COL_INTERVENTIONS, "v7");
    assert_mapped(m, TS_COL_SPONSOR, "v9");
    assert_null(m.value[TS_COL_COLLABORATORS]);
    assert_mapped(m, TS_COL_PHASES, "v12");
    assert_mapped(m, TS_COL_FUNDER, "v14");
    assert_mapped(m, TS_COL_STUDY_TYPE, "v15");
    assert_mapped(m, TS_COL_START, "v18");
    assert_mapped(m, TS_COL_LOCATIONS, "v24");
    assert_mapped(m, TS_COL_URL, "v26");
    assert_string_equal(m.name[TS_COL_STATUS], "Status");
    assert_string_equal(m.name[TS_COL_FUNDER], "Funded Bys");
    mapped_free(&m);
}

static void test_ingest_detect_accepts_column_subset(void **state)
{
    mapped m;
    size_t i;

    (void)state;
    map_header(&m, "NCT Number,Study Status,Phases");
    assert_int_equal(m.rc, TS_OK);
    assert_string_equal(m.format, "ctgov-modern");
    assert_mapped(m, TS_COL_ID, "v0");
    assert_mapped(m, TS_COL_STATUS, "v1");
    assert_mapped(m, TS_COL_PHASES, "v2");
    for (i = 0; i < TS_COL_COUNT; i++)
        if (i != TS_COL_ID && i != TS_COL_STATUS && i != TS_COL_PHASES)
            assert_null(m.value[i]);
    mapped_free(&m);

    map_header(&m, "Rank,NCT Number,Status,URL");
    assert_int_equal(m.rc, TS_OK);
    assert_string_equal(m.format, "ctgov-classic");
    assert_mapped(m, TS_COL_STATUS, "v2");
    assert_mapped(m, TS_COL_URL, "v3");
    mapped_free(&m);

    /* The URL alone identifies the trials. */
    map_header(&m, "Title,URL");
    assert_int_equal(m.rc, TS_OK);
    assert_string_equal(m.format, "ctgov-classic");
    assert_null(m.value[TS_COL_ID]);
    assert_mapped(m, TS_COL_URL, "v1");
    mapped_free(&m);

    /* A tie of distinctive names goes to the current export. */
    map_header(&m, "NCT Number,Phases");
    assert_string_equal(m.format, "ctgov-modern");
    mapped_free(&m);
}

static void test_ingest_detect_matches_names_case_insensitively_trimmed(
    void **state)
{
    mapped m;

    (void)state;
    map_header(&m, " nct number ,STUDY STATUS,\tphases");
    assert_int_equal(m.rc, TS_OK);
    assert_mapped(m, TS_COL_ID, "v0");
    assert_mapped(m, TS_COL_STATUS, "v1");
    assert_mapped(m, TS_COL_PHASES, "v2");
    mapped_free(&m);
}

static void test_ingest_detect_rejects_unknown_header(void **state)
{
    static const char *const msg =
        "unrecognized header: expected a ClinicalTrials.gov export with an "
        "\"NCT Number\" or URL column (e.g. \"NCT Number,Study Title,...\")";
    mapped m;

    (void)state;
    assert_null(ingest_detect("id,name,value\n", 14));
    map_header(&m, "id,name,value");
    assert_int_equal(m.rc, TS_ERR_PARSE);
    assert_int_equal(m.err.status, TS_ERR_PARSE);
    assert_string_equal(base_name(m.err.file), "header.csv");
    assert_int_equal(m.err.line, 1);
    assert_int_equal(m.err.column, 0);
    assert_string_equal(m.err.msg, msg);
    mapped_free(&m);

    /* Known columns, but nothing that identifies a trial. */
    map_header(&m, "Study Title,Phases");
    assert_int_equal(m.rc, TS_ERR_PARSE);
    assert_string_equal(m.err.msg, msg);
    mapped_free(&m);
}

static void test_ingest_reader_table_lists_ctgov_formats_first(void **state)
{
    (void)state;
    assert_true(ingest_nreaders() >= 2);
    assert_string_equal(ingest_reader(0)->name, "ctgov-modern");
    assert_string_equal(ingest_reader(1)->name, "ctgov-classic");
    assert_null(ingest_reader(ingest_nreaders()));
}

/* A names table of a made-up format, for fieldmap itself. */
static const ts_csvname test_names[] = {
    {TS_COL_ID, "Trial ID"},
    {TS_COL_STATUS, "Status"},
    {TS_COL_STATUS, "Recruitment status"},
    {TS_COL_PHASES, "Phase"},
};

static void build(ts_fieldmap *map, const char *const *cells, size_t n)
{
    size_t lens[16], i;

    for (i = 0; i < n; i++)
        lens[i] = strlen(cells[i]);
    fieldmap_build(map, test_names, 4, n, cells, lens);
}

static void test_fieldmap_build_reports_duplicate_column(void **state)
{
    static const char *const dup[] = {"Trial ID", "Phase", "Status",
                                      "PHASE"};
    static const char *const alt[] = {"Recruitment status", "Trial ID",
                                      "Status"};
    ts_fieldmap map;

    (void)state;
    build(&map, dup, 4);
    assert_int_equal(map.index[TS_COL_PHASES], 1);
    assert_int_equal(map.index[TS_COL_STATUS], 2);
    assert_int_equal(map.duplicate, 3);
    assert_int_equal(map.known, 3);
    /* Another name of a field is an alternative, not a duplicate: the
     * table's first name wins. */
    build(&map, alt, 3);
    assert_int_equal(map.duplicate, -1);
    assert_int_equal(map.index[TS_COL_STATUS], 2);
    assert_string_equal(map.name[TS_COL_STATUS], "Status");
    assert_null(map.name[TS_COL_PHASES]);
}

/* Secondary ids gather every column under one of their names: the first
 * is the field's, the others "more" columns; the same name twice is
 * still a duplicate. */
static void test_fieldmap_build_gathers_id_columns(void **state)
{
    static const ts_csvname names[] = {
        {TS_COL_ID, "ISRCTN"},
        {TS_COL_OTHER_IDS, "EudraCT number"},
        {TS_COL_OTHER_IDS, "ClinicalTrials.gov number"},
        {TS_COL_OTHER_IDS, "Other number"},
    };
    static const char *const cells[] = {
        "ClinicalTrials.gov number", "ISRCTN", "EudraCT number",
        "Other number", "ClinicalTrials.gov number",
    };
    size_t lens[5], i;
    ts_fieldmap map;

    (void)state;
    for (i = 0; i < 5; i++)
        lens[i] = strlen(cells[i]);
    fieldmap_build(&map, names, 4, 5, cells, lens);
    assert_int_equal(map.index[TS_COL_OTHER_IDS], 2);
    /* Named by every column it gathers. */
    assert_string_equal(map.name[TS_COL_OTHER_IDS],
                        "EudraCT number / ClinicalTrials.gov number / Other "
                        "number");
    assert_int_equal(map.nmore, 2);
    assert_int_equal(map.more[0], 0);
    assert_int_equal(map.more_col[0], TS_COL_OTHER_IDS);
    assert_int_equal(map.more[1], 3);
    assert_int_equal(map.duplicate, 4);
    assert_int_equal(map.known, 2);
    /* Other fields do not gather: an alternative name is ignored. */
    build(&map, (const char *const[]){"Status", "Recruitment status"}, 2);
    assert_int_equal(map.nmore, 0);
    assert_int_equal(map.duplicate, -1);
}

static void test_fieldmap_build_ignores_trailing_blank_header_cells(
    void **state)
{
    static const char *const cells[] = {"Trial ID", "Phase", "", ""};
    ts_fieldmap map;

    (void)state;
    build(&map, cells, 4);
    assert_int_equal(map.ncolumns, 4);
    assert_int_equal(map.width, 2);
    assert_int_equal(map.index[TS_COL_PHASES], 1);
}

static void test_fieldmap_column_name_gives_first_name(void **state)
{
    (void)state;
    assert_string_equal(fieldmap_column_name(test_names, 4, TS_COL_STATUS),
                        "Status");
    assert_string_equal(fieldmap_column_name(test_names, 4, TS_COL_TITLE),
                        "?");
}

/* ---- sniff ------------------------------------------------------------ */

static void test_sniff_new_splits_header_cells(void **state)
{
    static const char head[] =
        "\xEF\xBB\xBF\"Trial number\",\"a \"\"quoted\"\" name\", Plain \r\n"
        "x,y,z\n";
    ts_sniff *s = sniff_new(head, sizeof(head) - 1);

    (void)state;
    assert_int_equal(s->bom, 1);
    assert_int_equal(s->delimiter, ',');
    assert_int_equal(s->ncells, 3);
    assert_string_equal(s->cell[0], "Trial number");
    assert_string_equal(s->cell[1], "a \"quoted\" name");
    assert_int_equal(s->cell_len[1], 15);
    assert_true(sniff_has_cell(s, "plain"));
    assert_false(sniff_has_cell(s, "x"));
    assert_string_equal(s->xml_root, "");
    assert_int_equal(s->json_top, 0);
    sniff_free(s);
}

static void test_sniff_new_finds_xml_root_and_json_key(void **state)
{
    static const char xml[] =
        "<?xml version='1.0' encoding='UTF-8' ?>\n<!-- c -->\n"
        "<!DOCTYPE x>\n  <Trials_downloaded_from_ICTRP>\n  <Trial>";
    static const char array[] = " [ {\"protocolSection\": {\"a\": 1}}]";
    static const char object[] = "{\n  \"studies\": [], \"next\": 1}";
    static const char text[] = "Summary\nEudraCT Number: 2022-002568-62\n";
    ts_sniff *s;

    (void)state;
    s = sniff_new(xml, sizeof(xml) - 1);
    assert_string_equal(s->xml_root, "Trials_downloaded_from_ICTRP");
    sniff_free(s);
    s = sniff_new(array, sizeof(array) - 1);
    assert_int_equal(s->json_top, '[');
    assert_string_equal(s->json_key, "protocolSection");
    sniff_free(s);
    s = sniff_new(object, sizeof(object) - 1);
    assert_int_equal(s->json_top, '{');
    assert_string_equal(s->json_key, "studies");
    sniff_free(s);
    s = sniff_new(text, sizeof(text) - 1);
    assert_true(sniff_contains(s, "EudraCT Number:"));
    assert_false(sniff_contains(s, "NCT Number"));
    assert_string_equal(s->xml_root, "");
    sniff_free(s);
    s = sniff_new("", 0);
    assert_int_equal(s->ncells, 1);
    assert_int_equal(s->cell_len[0], 0);
    sniff_free(s);
}

/* ---- ingest_file ------------------------------------------------------ */

/* Every column ingest warns about when missing, and a title. */
#define INGEST_COLUMNS                                                      \
    "NCT Number,Study Title,Study Status,Conditions,Interventions,Phases,"  \
    "Funder Type,Study Type,Start Date,Locations"
#define INGEST_HEADER INGEST_COLUMNS "\n"

typedef struct ingest_result {
    ts_status rc;
    ts_error err;
    ts_ingest_stats stats;
    ts_strbuf recs;         /* "LINE/ROW: nct|title|status|phases\n" */
    ts_strbuf warns;        /* "FILE:LINE:COL: msg\n" */
    size_t nrecs;
    size_t nwarns;
    char *path;             /* the input written */
} ingest_result;

static ts_status collect_record(void *ctx, const ts_record *rec,
                                ts_error *err)
{
    static const ts_column shown[] = {TS_COL_NCT, TS_COL_TITLE,
                                      TS_COL_STATUS, TS_COL_PHASES};
    ingest_result *r = ctx;
    size_t i;

    (void)err;
    sb_printf(&r->recs, "%lu/%lu:", rec->line, rec->row);
    for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
        assert_int_equal(strlen(rec->value[shown[i]]), rec->len[shown[i]]);
        sb_putc(&r->recs, i ? '|' : ' ');
        put_visible(&r->recs, rec->value[shown[i]], rec->len[shown[i]]);
    }
    sb_putc(&r->recs, '\n');
    r->nrecs++;
    return TS_OK;
}

static void collect_ingest_warning(void *ctx, const ts_error *w)
{
    ingest_result *r = ctx;

    assert_int_equal(w->status, TS_ERR_PARSE);
    sb_printf(&r->warns, "%s:%lu:%lu: %s\n", base_name(w->file), w->line,
              w->column, w->msg);
    r->nwarns++;
}

/* ingest_run's threads (ts_ingest_opts.jobs). */
static int ingest_jobs = 1;

static void ingest_run(const char *name, const char *data, size_t len,
                       int strict, ingest_result *r)
{
    ts_ingest_opts opts;

    memset(r, 0, sizeof(*r));
    /* 2026-11-30: max_field was left uninitialized; a small garbage value
     * made the header "too long" under the sanitizer build. */
    memset(&opts, 0, sizeof(opts));
    opts.strict = strict;
    opts.jobs = ingest_jobs;
    r->path = scratch(name, data, len);
    ts_error_clear(&r->err);
    r->rc = ingest_file(r->path, &opts, collect_record,
                        collect_ingest_warning, r, &r->stats, &r->err);
}

#define INGEST(name, text, strict, r)                                       \
    ingest_run(name, text, sizeof(text) - 1, strict, &(r))

static void ingest_result_free(ingest_result *r)
{
    sb_free(&r->recs);
    sb_free(&r->warns);
    free(r->path);
}

#define RAGGED_CSV                                                          \
    INGEST_HEADER                                                           \
    "NCT00000001,One,RECRUITING,c,i,PHASE1,INDUSTRY,INTERVENTIONAL,"        \
    "2016-03,loc\n"                                                         \
    "NCT00000002,Two,COMPLETED\n"                                           \
    "NCT00000003,Three,COMPLETED,c,i,PHASE2,NIH,INTERVENTIONAL,2017,loc\n"

static void test_ingest_file_skips_ragged_row_with_warning(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("ragged.csv", RAGGED_CSV, 0, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.recs),
                        "2/1: NCT00000001|One|RECRUITING|PHASE1\n"
                        "4/3: NCT00000003|Three|COMPLETED|PHASE2\n");
    assert_string_equal(sb_str(&r.warns),
                        "ragged.csv:3:0: 3 fields where the header has 10; "
                        "row skipped\n");
    assert_int_equal(r.stats.rows, 3);
    assert_int_equal(r.stats.skipped, 1);
    assert_int_equal(r.stats.warnings, 1);
    ingest_result_free(&r);
}

static void test_ingest_file_strict_makes_ragged_row_fatal(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("ragged_strict.csv", RAGGED_CSV, 1, r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_int_equal(r.err.status, TS_ERR_PARSE);
    assert_string_equal(r.err.file, r.path);
    /* err.file must outlive the reader: it points at the stats copy. */
    assert_ptr_equal(r.err.file, r.stats.name);
    assert_int_equal(r.err.line, 3);
    assert_int_equal(r.err.column, 0);
    assert_string_equal(r.err.msg,
                        "3 fields where the header has 10 (--strict)");
    assert_string_equal(sb_str(&r.recs),
                        "2/1: NCT00000001|One|RECRUITING|PHASE1\n");
    assert_int_equal(r.nwarns, 0);
    assert_int_equal(r.stats.skipped, 1);
    ingest_result_free(&r);
}

/* Extra trailing fields are fine when empty; a row may also stop short of
 * blank trailing header cells. Anything else is ragged. */
static void test_ingest_file_accepts_only_blank_extra_fields(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("extra.csv",
           "NCT Number,Study Title,,\n"
           "NCT00000001,four fields,,\n"
           "NCT00000002,two fields\n"
           "NCT00000003,six blank tail,,,,\n"
           "NCT00000004,one field past,,,x\n"
           "NCT00000005\n",
           0, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.recs),
                        "2/1: NCT00000001|four fields||\n"
                        "3/2: NCT00000002|two fields||\n"
                        "4/3: NCT00000003|six blank tail||\n");
    assert_int_equal(r.stats.skipped, 2);
    assert_true(ut_contains(sb_str(&r.warns), r.warns.len,
                            "extra.csv:5:0: 5 fields where the header has 2; "
                            "row skipped\n"));
    assert_true(ut_contains(sb_str(&r.warns), r.warns.len,
                            "extra.csv:6:0: 1 fields where the header has 2; "
                            "row skipped\n"));
    ingest_result_free(&r);
}

static void test_ingest_file_counts_blank_rows_and_skips_them(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("blank.csv",
           INGEST_HEADER
           ",,,,,,,,,\n"
           "NCT00000001,One,RECRUITING,c,i,PHASE1,INDUSTRY,INTERVENTIONAL,"
           "2016,loc\n"
           " ,\t, ,,,,,,,\n"
           ",,\n",
           0, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.recs),
                        "3/2: NCT00000001|One|RECRUITING|PHASE1\n");
    assert_int_equal(r.stats.rows, 4);
    assert_int_equal(r.stats.blank, 3);
    assert_int_equal(r.stats.skipped, 0);
    assert_int_equal(r.nwarns, 0);
    ingest_result_free(&r);
}

static void test_ingest_file_names_missing_columns_in_one_warning(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("subset.csv",
           "NCT Number,Study Status,Phases\n"
           "NCT00000001,RECRUITING,PHASE2\n"
           "NCT00000002,COMPLETED,PHASE3\n",
           0, r);
    assert_int_equal(r.rc, TS_OK);
    assert_int_equal(r.nrecs, 2);
    assert_string_equal(sb_str(&r.warns),
                        "subset.csv:1:0: no \"Conditions\", "
                        "\"Interventions\", \"Study Type\", \"Funder "
                        "Type\", \"Start Date\", \"Locations\" columns; "
                        "\"Not reported\" for every trial of this file\n");
    assert_int_equal(r.stats.warnings, 1);
    assert_int_equal(r.stats.missing[TS_COL_NCT], 0);
    assert_int_equal(r.stats.missing[TS_COL_STATUS], 0);
    assert_int_equal(r.stats.missing[TS_COL_PHASES], 0);
    assert_int_equal(r.stats.missing[TS_COL_CONDITIONS], 1);
    assert_int_equal(r.stats.missing[TS_COL_TITLE], 1);
    ingest_result_free(&r);
}

static void test_ingest_file_warns_about_duplicate_column(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("dup.csv",
           INGEST_COLUMNS ",phases\n"
           "NCT00000001,One,RECRUITING,c,i,PHASE1,INDUSTRY,INTERVENTIONAL,"
           "2016,loc,PHASE3\n",
           0, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.warns),
                        "dup.csv:1:11: duplicate column \"phases\"; the "
                        "first one is used\n");
    assert_string_equal(sb_str(&r.recs),
                        "2/1: NCT00000001|One|RECRUITING|PHASE1\n");
    assert_int_equal(r.stats.warnings, 1);
    ingest_result_free(&r);
}

static void test_ingest_file_fills_stats(void **state)
{
    static const char text[] =
        "\xEF\xBB\xBF" INGEST_HEADER
        "NCT00000001,Caf\xFF,RECRUITING,c,i,PHASE1,INDUSTRY,INTERVENTIONAL,"
        "2016,loc\n"
        "NCT00000002,\"multi\nline\",Completed,c,i,Phase 2,NIH,"
        "Interventional,2017,loc\n"
        ",,,,,,,,,\n"
        "NCT00000003,short\n";
    ingest_result r;
    ts_sha256 s;
    char hex[65];
    size_t i;

    (void)state;
    INGEST("stats.csv", text, 0, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(r.stats.name, r.path);
    assert_string_equal(r.stats.format, "ctgov-modern");
    assert_int_equal(r.stats.delimiter, ',');
    assert_int_equal(r.stats.bytes, sizeof(text) - 1);
    sha256_init(&s);
    sha256_update(&s, text, sizeof(text) - 1);
    sha256_final_hex(&s, hex);
    assert_string_equal(r.stats.sha256, hex);
    assert_int_equal(r.stats.lines, 6);
    assert_int_equal(r.stats.rows, 4);
    assert_int_equal(r.stats.skipped, 1);
    assert_int_equal(r.stats.blank, 1);
    assert_int_equal(r.stats.bad_utf8_rows, 1);
    assert_int_equal(r.stats.warnings, 2);
    for (i = 0; i < TS_COL_COUNT; i++) {
        int used = i == TS_COL_COUNTRIES ||    /* not in the format */
                   i == TS_COL_NCT || i == TS_COL_TITLE ||
                   i == TS_COL_STATUS || i == TS_COL_CONDITIONS ||
                   i == TS_COL_INTERVENTIONS || i == TS_COL_PHASES ||
                   i == TS_COL_FUNDER || i == TS_COL_STUDY_TYPE ||
                   i == TS_COL_START || i == TS_COL_LOCATIONS;

        /* Columns a CSV export never has (MeSH terms, ...) are not
         * "missing" from it. */
        if (i >= TS_COL_KEYWORDS && i != TS_COL_RESULTS)
            used = 1;
        assert_int_equal(r.stats.missing[i], !used);
    }
    assert_string_equal(sb_str(&r.recs),
                        "2/1: NCT00000001|Caf\xEF\xBF\xBD|RECRUITING|PHASE1\n"
                        "3/2: NCT00000002|multi\\nline|Completed|Phase 2\n");
    assert_string_equal(sb_str(&r.warns),
                        "stats.csv:2:0: invalid UTF-8 replaced by U+FFFD\n"
                        "stats.csv:6:0: 2 fields where the header has 10; "
                        "row skipped\n");
    ingest_result_free(&r);
}

static void test_ingest_file_cleans_values(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("clean.csv",
           INGEST_HEADER
           "  NCT00000001  ,Crohn&#39;s &amp; co,null,c,i,\" PHASE2 \","
           "INDUSTRY,INTERVENTIONAL,2016,loc\n",
           0, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.recs),
                        "2/1: NCT00000001|Crohn's & co||PHASE2\n");
    ingest_result_free(&r);
}

static void test_ingest_file_reads_classic_tsv(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("SearchResults.tsv",
           "Rank\tNCT Number\tTitle\tStatus\tConditions\tInterventions\t"
           "Phases\tFunded Bys\tStudy Type\tStart Date\tLocations\tURL\n"
           "1\tNCT00000001\t\"Quoted\" title\tActive, not recruiting\tc\t"
           "i\tPhase 1|Phase 2\tIndustry|Other\tInterventional\tMarch 2016"
           "\tx\thttps://ClinicalTrials.gov/show/NCT00000001\n",
           0, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(r.stats.format, "ctgov-classic");
    assert_int_equal(r.stats.delimiter, '\t');
    assert_string_equal(sb_str(&r.recs),
                        "2/1: NCT00000001|\"Quoted\" title|Active, not "
                        "recruiting|Phase 1|Phase 2\n");
    assert_int_equal(r.nwarns, 0);
    ingest_result_free(&r);
}

static void test_ingest_file_reports_unterminated_quote_position(
    void **state)
{
    ingest_result r;

    (void)state;
    INGEST("unterminated.csv",
           INGEST_HEADER
           "NCT00000001,One,RECRUITING,c,i,PHASE1,INDUSTRY,INTERVENTIONAL,"
           "2016,loc\n"
           "NCT00000002,\"Two,RECRUITING,c,i,PHASE1,INDUSTRY,"
           "INTERVENTIONAL,2016,loc\n"
           "NCT00000003,Three,RECRUITING,c,i,PHASE1,INDUSTRY,"
           "INTERVENTIONAL,2016,loc\n",
           0, r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_ptr_equal(r.err.file, r.stats.name);
    assert_int_equal(r.err.line, 3);
    assert_int_equal(r.err.column, 0);
    assert_string_equal(r.err.msg, "file ends inside a quoted field that "
                                   "begins in this record");
    assert_int_equal(r.nrecs, 1);
    assert_int_equal(r.stats.lines, 4);
    ingest_result_free(&r);
}

static void test_ingest_file_rejects_file_without_header(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("empty.csv", "", 0, r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_string_equal(r.err.msg, "empty file: no header line");
    assert_ptr_equal(r.err.file, r.stats.name);
    ingest_result_free(&r);

    INGEST("bom_only.csv", "\xEF\xBB\xBF", 0, r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_string_equal(r.err.msg, "no header line");
    assert_int_equal(r.err.line, 1);
    assert_ptr_equal(r.err.file, r.stats.name);
    ingest_result_free(&r);

    INGEST("unknown.csv", "id,name\n1,x\n", 0, r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_int_equal(r.err.line, 1);
    assert_ptr_equal(r.err.file, r.stats.name);
    assert_string_equal(r.stats.format, "unknown");
    assert_int_equal(r.nrecs, 0);
    ingest_result_free(&r);
}

static void test_ingest_file_reports_missing_file(void **state)
{
    char *path = ut_path(tmpdir, "missing.csv");
    ts_ingest_stats stats;
    ts_ingest_opts opts = {0};
    ts_error err;

    (void)state;
    assert_int_equal(ingest_file(path, &opts, collect_record, NULL, NULL,
                                 &stats, &err),
                     TS_ERR_IO);
    assert_int_equal(err.sys_errno, ENOENT);
    assert_string_equal(stats.name, path);
    free(path);
}


/* ---- decode (issue 12, item 6) ---------------------------------------- */

/* Decodes data[0..n) in pieces of `piece` bytes (the first at least 4);
 * returns the text in a new string (caller frees) and the encoding. */
static char *decode_pieces(const char *data, size_t n, size_t piece,
                           ts_encoding *enc, unsigned long *replaced)
{
    ts_decoder d;
    ts_strbuf out = {0}, all = {0};
    char *copy = malloc(n + 1);
    size_t at = 0;

    assert_non_null(copy);
    memcpy(copy, data, n);
    decode_init(&d);
    for (;;) {
        size_t want = at == 0 && piece < 4 ? 4 : piece;
        size_t k = n - at < want ? n - at : want, len;
        int last = at + k == n;
        char *text = decode_chunk(&d, copy + at, k, last, &out, &len);

        sb_append(&all, text, len);
        at += k;
        if (last)
            break;
    }
    *enc = d.enc;
    *replaced = d.replaced;
    sb_free(&out);
    free(copy);
    copy = xstrdup(sb_str(&all));
    sb_free(&all);
    return copy;
}

static void test_decode_chunk_converts_utf16le_with_bom_in_any_pieces(
    void **state)
{
    /* "Caf\u00e9 \U0001F600\r\n" in UTF-16LE after a byte order mark. */
    static const char in[] = "\xFF\xFE" "C\0a\0f\0\xE9\0 \0\x3D\xD8\x00\xDE"
                             "\r\0\n\0";
    size_t piece;

    (void)state;
    for (piece = 1; piece <= sizeof(in); piece++) {
        ts_encoding enc;
        unsigned long bad;
        char *t = decode_pieces(in, sizeof(in) - 1, piece, &enc, &bad);

        assert_int_equal(enc, TS_ENC_UTF16LE);
        assert_string_equal(t, "Caf\xC3\xA9 \xF0\x9F\x98\x80\r\n");
        assert_int_equal(bad, 0);
        free(t);
    }
}

static void test_decode_chunk_converts_utf16be_and_replaces_lone_halves(
    void **state)
{
    /* BE: "A", a lone high surrogate, "B", a lone low one, and an odd
     * last byte. */
    static const char in[] = "\xFE\xFF\0A\xD8\0\0B\xDC\0\0";
    ts_encoding enc;
    unsigned long bad;
    char *t;

    (void)state;
    t = decode_pieces(in, sizeof(in) - 1, 3, &enc, &bad);
    assert_int_equal(enc, TS_ENC_UTF16BE);
    assert_string_equal(t, "A\xEF\xBF\xBD" "B\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(bad, 3);
    free(t);
}

static void test_decode_utf8_len_checks_each_sequence(void **state)
{
    (void)state;
    assert_int_equal(decode_utf8_len((const unsigned char *)"A", 1), 1);
    assert_int_equal(decode_utf8_len((const unsigned char *)"\xC3\xA9", 2), 2);
    assert_int_equal(decode_utf8_len((const unsigned char *)"\xE2\x80\x90", 3),
                     3);
    assert_int_equal(
        decode_utf8_len((const unsigned char *)"\xF0\x9F\x98\x80", 4), 4);
    /* Cut before the end: valid so far. */
    assert_int_equal(decode_utf8_len((const unsigned char *)"\xE2\x80", 2), -1);
    /* Overlong, surrogate, above U+10FFFF, stray continuation, bad tail. */
    assert_int_equal(decode_utf8_len((const unsigned char *)"\xC0\xAF", 2), 0);
    assert_int_equal(decode_utf8_len((const unsigned char *)"\xED\xA0\x80", 3),
                     0);
    assert_int_equal(
        decode_utf8_len((const unsigned char *)"\xF4\x90\x80\x80", 4), 0);
    assert_int_equal(decode_utf8_len((const unsigned char *)"\x80", 1), 0);
    assert_int_equal(decode_utf8_len((const unsigned char *)"\xC3" "A", 2), 0);
}

static void test_decode_chunk_detects_utf16_without_bom(void **state)
{
    static const char in[] = "N\0C\0T\0,\0";
    ts_encoding enc;
    unsigned long bad;
    char *t;

    (void)state;
    t = decode_pieces(in, sizeof(in) - 1, 64, &enc, &bad);
    assert_int_equal(enc, TS_ENC_UTF16LE);
    assert_string_equal(t, "NCT,");
    free(t);
}

static void test_decode_chunk_reads_windows_1252(void **state)
{
    /* e-acute, curly quotes, euro, and 0x81 which the code page lacks. */
    static const char in[] = "Caf\xE9 \x93q\x94 \x80 \x81";
    ts_encoding enc;
    unsigned long bad;
    char *t;

    (void)state;
    t = decode_pieces(in, sizeof(in) - 1, 64, &enc, &bad);
    assert_int_equal(enc, TS_ENC_CP1252);
    assert_string_equal(t, "Caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D "
                           "\xE2\x82\xAC \xEF\xBF\xBD");
    assert_int_equal(bad, 1);
    free(t);
}

static void test_decode_chunk_keeps_utf8_with_a_stray_byte(void **state)
{
    /* A valid e-acute decides UTF-8: the stray 0xE9 is left for record
     * cleaning to replace, and nothing is copied. */
    static const char in[] = "plain ascii, then Caf\xC3\xA9 and \xE9";
    ts_encoding enc;
    unsigned long bad;
    char *t;

    (void)state;
    t = decode_pieces(in, sizeof(in) - 1, 7, &enc, &bad);
    assert_int_equal(enc, TS_ENC_UTF8);
    assert_string_equal(t, in);
    free(t);
    t = decode_pieces("only ascii", 10, 4, &enc, &bad);
    assert_int_equal(enc, TS_ENC_UNDECIDED);
    assert_string_equal(decode_name(enc), "UTF-8");
    free(t);
}

static void test_csvin_sniff_finds_semicolon_delimiter(void **state)
{
    char delim;
    int quoted;

    (void)state;
    csvin_sniff("NCT Number;Study Title;Phases\r\n", 31, &delim, &quoted);
    assert_int_equal(delim, ';');
    assert_int_equal(quoted, 1);
    /* Semicolons inside quotes or fewer than the commas do not count. */
    csvin_sniff("\"a;b;c\",d,e\n", 12, &delim, &quoted);
    assert_int_equal(delim, ',');
    csvin_sniff("a;b\tc\td\n", 8, &delim, &quoted);
    assert_int_equal(delim, '\t');
}

static void test_ingest_file_decodes_excel_semicolon_csv(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("excel.csv",
           "NCT Number;Study Title;Study Status;Phases\r\n"
           "NCT00000001;\"Caf\xE9; \x93one\x94\";RECRUITING;PHASE2\r\n",
           0, r);
    assert_int_equal(r.rc, TS_OK);
    assert_int_equal(r.stats.delimiter, ';');
    assert_string_equal(r.stats.encoding, "Windows-1252");
    assert_string_equal(sb_str(&r.recs),
                        "2/1: NCT00000001|Caf\xC3\xA9; \xE2\x80\x9Cone"
                        "\xE2\x80\x9D|RECRUITING|PHASE2\n");
    assert_string_equal(sb_str(&r.warns),
                        "excel.csv:0:0: encoded in Windows-1252, not UTF-8: "
                        "decoded to UTF-8\n"
                        "excel.csv:1:0: no \"Conditions\", \"Interventions\", "
                        "\"Study Type\", \"Funder Type\", \"Start Date\", "
                        "\"Locations\" columns; \"Not reported\" for every "
                        "trial of this file\n");
    ingest_result_free(&r);
}

/* ---- ClinicalTrials.gov JSON (issue 12, item 5) ------------------------ */

/* Every column of the first record, "key=value" a line. */
typedef struct json_first {
    ts_strbuf cols;
    unsigned long n;
    char format[32];
} json_first;

static ts_status keep_columns(void *ctx, const ts_record *rec, ts_error *err)
{
    json_first *f = ctx;
    size_t i;

    (void)err;
    if (f->n++ == 0) {
        snprintf(f->format, sizeof(f->format), "%s", rec->format);
        for (i = 0; i < TS_COL_COUNT; i++)
            if (rec->len[i])
                sb_printf(&f->cols, "%s=%s\n",
                          record_column_key((ts_column)i), rec->value[i]);
    }
    return TS_OK;
}

#define JSON_STUDY                                                          \
    "{\"protocolSection\":{\"identificationModule\":{\"nctId\":"            \
    "\"NCT00000001\",\"orgStudyIdInfo\":{\"id\":\"ORG-1\"},"               \
    "\"secondaryIdInfos\":[{\"id\":\"2019-001234-56\",\"type\":"           \
    "\"EUDRACT_NUMBER\"},{\"id\":\"2023-501234-12-00\",\"type\":\"CTIS\"}],"\
    "\"briefTitle\":\"A study\"},\"statusModule\":{\"overallStatus\":"     \
    "\"RECRUITING\",\"startDateStruct\":{\"date\":\"2019-03\"}},"           \
    "\"sponsorCollaboratorsModule\":{\"leadSponsor\":{\"name\":\"Hosp\","   \
    "\"class\":\"OTHER\"},\"collaborators\":[{\"name\":\"Pharma\"}]},"      \
    "\"conditionsModule\":{\"conditions\":[\"MPNST\",\"NF1\"],"            \
    "\"keywords\":[\"sarcoma\"]},\"designModule\":{\"studyType\":"         \
    "\"INTERVENTIONAL\",\"phases\":[\"PHASE1\",\"PHASE2\"],\"designInfo\":"\
    "{\"allocation\":\"RANDOMIZED\",\"interventionModel\":\"PARALLEL\","    \
    "\"primaryPurpose\":\"TREATMENT\",\"maskingInfo\":{\"masking\":"        \
    "\"DOUBLE\",\"whoMasked\":[\"PARTICIPANT\",\"INVESTIGATOR\"]}},"        \
    "\"enrollmentInfo\":{\"count\":40}},\"eligibilityModule\":{\"sex\":"    \
    "\"ALL\",\"stdAges\":[\"ADULT\",\"OLDER_ADULT\"]},"                     \
    "\"armsInterventionsModule\":{\"armGroups\":[{\"label\":\"Arm A\","     \
    "\"type\":\"EXPERIMENTAL\",\"interventionNames\":[\"Drug: X\","         \
    "\"Radiation: IMRT\"]}],\"interventions\":[{\"type\":\"DRUG\","         \
    "\"name\":\"X\",\"otherNames\":[\"pazopanib\",\"GW|786034\"]},"         \
    "{\"type\":\"RADIATION\",\"name\":\"IMRT\"}]},"                         \
    "\"contactsLocationsModule\":{\"locations\":[{\"facility\":\"S1\","     \
    "\"city\":\"Lyon\",\"zip\":\"69000\",\"country\":\"France\"},"          \
    "{\"city\":\"Seoul\",\"country\":\"Korea, Republic of\"}]}},"           \
    "\"derivedSection\":{\"conditionBrowseModule\":{\"meshes\":[{\"id\":"   \
    "\"D018317\",\"term\":\"Neurofibrosarcoma\"},{\"id\":\"D000009456\","   \
    "\"term\":\"Neurofibromatosis 1\"}],\"ancestors\":[{\"id\":"            \
    "\"D009380\",\"term\":\"Neoplasms, Nerve Tissue\"}]}}}"

static void test_ctgov_json_reads_every_kept_field(void **state)
{
    static const char text[] = "[\n" JSON_STUDY "\n]\n";
    char *path = scratch("one.json", text, sizeof(text) - 1);
    json_first f;
    ts_ingest_stats st;
    ts_error err;

    (void)state;
    memset(&f, 0, sizeof(f));
    assert_int_equal(ingest_file(path, NULL, keep_columns, NULL, &f, &st,
                                 &err),
                     TS_OK);
    assert_string_equal(st.format, "ctgov-json");
    assert_string_equal(f.format, "ctgov-json");
    assert_int_equal(st.rows, 1);
    assert_int_equal(st.lines, 3);
    assert_int_equal(st.delimiter, 0);
    assert_string_equal(
        sb_str(&f.cols),
        "trial_id=NCT00000001\n"
        "title=A study\n"
        "status=RECRUITING\n"
        "conditions=MPNST|NF1\n"
        "interventions=DRUG: X|RADIATION: IMRT\n"
        "sponsor=Hosp\n"
        "collaborators=Pharma\n"
        "sex=ALL\n"
        "age=ADULT, OLDER_ADULT\n"
        "phases=PHASE1|PHASE2\n"
        "enrollment=40\n"
        "funder_type=OTHER\n"
        "study_type=INTERVENTIONAL\n"
        "study_design=Allocation: RANDOMIZED|Intervention Model: PARALLEL|"
        "Masking: DOUBLE (PARTICIPANT, INVESTIGATOR)|Primary Purpose: "
        "TREATMENT\n"
        "other_ids=ORG-1|2019-001234-56|2023-501234-12-00\n"
        "start_date=2019-03\n"
        "locations=S1, Lyon, 69000, France|Seoul, Korea, Republic of\n"
        "countries=France|Korea, Republic of\n"
        "keywords=sarcoma\n"
        "condition_mesh=Neurofibrosarcoma|Neurofibromatosis 1\n"
        "condition_mesh_id=D000018317|D000009456\n"
        "condition_ancestors=Neoplasms, Nerve Tissue\n"
        "condition_ancestor_id=D000009380\n"
        "intervention_other_names=pazopanib; GW/786034|\n"
        "arm_groups=EXPERIMENTAL: Arm A\n"
        "arm_interventions=Drug: X; Radiation: IMRT\n");
    sb_free(&f.cols);
    free(path);
}

#define JSON_SHORT                                                          \
    "{\"protocolSection\":{\"identificationModule\":{\"nctId\":"            \
    "\"NCT00000003\"}},\"hasResults\":false}"

static void test_ctgov_json_reads_page_single_ndjson_and_v1(void **state)
{
    static const struct {
        const char *name, *text, *format;
        unsigned long studies;
    } cases[] = {
        {"page.json",
         "{\"studies\":[" JSON_STUDY "," JSON_SHORT "],"
         "\"nextPageToken\":\"abc\"}",
         "ctgov-json", 2},
        {"single.json", "\xEF\xBB\xBF  " JSON_STUDY, "ctgov-json", 1},
        {"lines.json", JSON_SHORT "\n" JSON_STUDY "\n" JSON_SHORT "\n",
         "ctgov-json", 3},
        {"v1.json",
         "{\"FullStudiesResponse\":{\"NStudiesReturned\":1,\"FullStudies\":"
         "[{\"Rank\":1,\"Study\":{\"ProtocolSection\":{"
         "\"IdentificationModule\":{\"NCTId\":\"NCT00000002\"},"
         "\"DesignModule\":{\"PhaseList\":{\"Phase\":[\"Phase 1\","
         "\"Phase 2\"]}}}}}]}}",
         "ctgov-json-v1", 1},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *path = scratch(cases[i].name, cases[i].text,
                             strlen(cases[i].text));
        json_first f;
        ts_ingest_stats st;
        ts_error err;

        memset(&f, 0, sizeof(f));
        assert_int_equal(ingest_file(path, NULL, keep_columns, NULL, &f,
                                     &st, &err),
                         TS_OK);
        assert_string_equal(st.format, cases[i].format);
        assert_int_equal(f.n, cases[i].studies);
        assert_int_equal(st.rows, cases[i].studies);
        if (i == 3)
            assert_string_equal(sb_str(&f.cols),
                                "trial_id=NCT00000002\n"
                                "phases=Phase 1|Phase 2\n");
        sb_free(&f.cols);
        free(path);
    }
}

static void test_ctgov_json_reports_position_of_cut_file(void **state)
{
    ingest_result r;

    (void)state;
    INGEST("cut.json", "[" JSON_STUDY ",\n  {\"protocolSection\":{\"a\"", 0,
           r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_int_equal(r.nrecs, 1);
    assert_int_equal(r.err.line, 2);
    assert_int_equal(r.err.column, 26);
    assert_string_equal(r.err.msg, "file ends inside a JSON value (cut "
                                   "short?) after 1 study");
    ingest_result_free(&r);
}

static void test_ctgov_json_skips_study_with_value_over_max_field(
    void **state)
{
    static const char text[] =
        "[{\"protocolSection\":{\"identificationModule\":{\"nctId\":"
        "\"NCT00000001\",\"briefTitle\":\"0123456789012345678901234567890"
        "123456789\"}}},\n"
        "{\"protocolSection\":{\"identificationModule\":{\"nctId\":"
        "\"NCT00000002\"},\"descriptionModule\":{\"briefSummary\":\"012345"
        "6789012345678901234567890123456789\"}}}]";
    char *path = scratch("long.json", text, sizeof(text) - 1);
    ts_ingest_opts opts = {0, 32, 1};
    ingest_result r;

    (void)state;
    memset(&r, 0, sizeof(r));
    r.rc = ingest_file(path, &opts, collect_record, collect_ingest_warning,
                       &r, &r.stats, &r.err);
    assert_int_equal(r.rc, TS_OK);
    /* The long title is kept, so its study is skipped; the summary is
     * not, so its study reads. */
    assert_string_equal(sb_str(&r.recs), "2/2: NCT00000002|||\n");
    assert_string_equal(sb_str(&r.warns),
                        "long.json:1:0: a value is longer than 32 bytes "
                        "(--max-field); row skipped\n");
    assert_int_equal(r.stats.skipped, 1);
    opts.strict = 1;
    ingest_result_free(&r);
    memset(&r, 0, sizeof(r));
    r.rc = ingest_file(path, &opts, collect_record, collect_ingest_warning,
                       &r, &r.stats, &r.err);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    ingest_result_free(&r);
    free(path);
}

/* ---- other registries' readers ---------------------------------------- */

/* Records as "ID|phase|status|countries|conditions|interventions|ids". */
static ts_status collect_neutral(void *ctx, const ts_record *rec,
                                 ts_error *err)
{
    static const ts_column shown[] = {
        TS_COL_ID, TS_COL_PHASES, TS_COL_STATUS, TS_COL_COUNTRIES,
        TS_COL_CONDITIONS, TS_COL_INTERVENTIONS, TS_COL_OTHER_IDS,
    };
    ingest_result *r = ctx;
    size_t i;

    (void)err;
    sb_printf(&r->recs, "%lu:", rec->line);
    for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
        assert_int_equal(strlen(rec->value[shown[i]]), rec->len[shown[i]]);
        sb_putc(&r->recs, i ? ';' : ' ');
        put_visible(&r->recs, rec->value[shown[i]], rec->len[shown[i]]);
    }
    if (rec->len[TS_COL_PARTS]) {
        sb_puts(&r->recs, " parts=");
        put_visible(&r->recs, rec->value[TS_COL_PARTS],
                    rec->len[TS_COL_PARTS]);
    }
    sb_putc(&r->recs, '\n');
    r->nrecs++;
    return TS_OK;
}

static void neutral_run(const char *name, const char *data, size_t len,
                        ingest_result *r)
{
    ts_ingest_opts opts;

    memset(r, 0, sizeof(*r));
    memset(&opts, 0, sizeof(opts));
    r->path = scratch(name, data, len);
    ts_error_clear(&r->err);
    r->rc = ingest_file(r->path, &opts, collect_neutral,
                        collect_ingest_warning, r, &r->stats, &r->err);
}

#define NEUTRAL(name, text, r) neutral_run(name, text, sizeof(text) - 1, &(r))

static void test_ictrp_xml_reads_trials_and_cleans_text(void **state)
{
    static const char xml[] =
        "<?xml version='1.0' encoding='UTF-8' ?>\n"
        "<Trials_downloaded_from_ICTRP>\n"
        "  <Trial><TrialID>EUCTR2020-001234-56-FR\n    </TrialID>\n"
        "    <Phase>Human pharmacology (Phase I): no&#x0D;&lt;br&gt;"
        "Therapeutic exploratory (Phase II): yes\n    </Phase>\n"
        "    <Countries>France;Korea, Republic of;France\n    </Countries>\n"
        "    <Condition>Sarcoma&#x0D;&lt;br&gt;MedDRA version: 20.1;MPNST"
        "</Condition>\n"
        "    <Intervention>&lt;br&gt;Product Name: A1&lt;br&gt;INN or "
        "Proposed INN: PAZOPANIB&lt;br&gt;&lt;br&gt;Trade Name: B"
        "</Intervention>\n"
        "    <Secondary_ID>NCT01234567;2020-001234-56</Secondary_ID>\n"
        "    <Unknown_element>ignored</Unknown_element>\n"
        "  </Trial>\n"
        "  <Trial><TrialID>ChiCTR2000000002</TrialID><Phase/>"
        "<Intervention>case group:drug C;control group:none;</Intervention>"
        "</Trial>\n"
        "</Trials_downloaded_from_ICTRP>\n";
    ingest_result r;

    (void)state;
    NEUTRAL("ictrp.xml", xml, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(r.stats.format, "ictrp-xml");
    assert_string_equal(
        sb_str(&r.recs),
        "3: EUCTR2020-001234-56-FR;Human pharmacology (Phase I): no\\n"
        "Therapeutic exploratory (Phase II): yes;;France|Korea, Republic "
        "of;Sarcoma|MPNST;PAZOPANIB|B;NCT01234567|2020-001234-56\n"
        "14: ChiCTR2000000002;;;;;drug C;\n");
    ingest_result_free(&r);
}

static void test_ictrp_xml_refuses_entity_declarations(void **state)
{
    static const char xml[] =
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE Trials_downloaded_from_ICTRP [\n"
        "<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
        "<Trials_downloaded_from_ICTRP><Trial><TrialID>&e;</TrialID>"
        "</Trial></Trials_downloaded_from_ICTRP>\n";
    ingest_result r;

    (void)state;
    NEUTRAL("xxe.xml", xml, r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_int_equal(r.nrecs, 0);
    assert_int_equal(r.err.line, 3);
    assert_string_equal(r.err.msg,
                        "XML external entity declared; entities are not "
                        "expanded or fetched, the file is refused: \"e\"");
    ingest_result_free(&r);
}

static void test_ictrp_xml_reports_where_a_cut_file_ends(void **state)
{
    static const char xml[] =
        "<Trials_downloaded_from_ICTRP>\n"
        "<Trial><TrialID>NCT00000001</TrialID></Trial>\n"
        "<Trial><TrialID>NCT0000";
    ingest_result r;

    (void)state;
    NEUTRAL("cut.xml", xml, r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_int_equal(r.nrecs, 1);
    assert_int_equal(r.err.line, 3);
    assert_int_equal(r.err.column, 24);
    assert_string_equal(r.err.msg,
                        "file ends inside an element (cut short?): no "
                        "element found; the 1 trials before it are kept, "
                        "the trial it cuts is not");
    ingest_result_free(&r);
}

static void test_ictrp_xml_refuses_other_root_elements(void **state)
{
    static const char xml[] = "<rss><channel/></rss>\n";
    ingest_result r;

    (void)state;
    NEUTRAL("feed.xml", xml, r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_int_equal(r.err.line, 1);
    assert_string_equal(r.err.msg,
                        "unrecognized XML export: expected a WHO ICTRP "
                        "export (root element <Trials_downloaded_from_ICTRP>)"
                        ", not \"rss\"");
    ingest_result_free(&r);
}

/* ChiCTR's "group:intervention;" loses its group label; a text before
 * the colon that names no group ("drug F:200 mg bid") stays. */
static void test_ictrp_csv_splits_lists_per_registry(void **state)
{
    static const char csv[] =
        "TrialID,Source Register,Recruitment Status,Phase,Countries,"
        "Condition,Intervention\n"
        "NCT00000001,ClinicalTrials.gov,Recruiting,Phase 2/Phase 3,"
        "\"United States;Canada;United States\",\"A;B\","
        "\"Drug: X;Radiation: Y\"\n"
        "ChiCTR2000000002,ChiCTR,Not Recruiting,1-2,Chian,"
        "\"C <br>D\",\"exp group:drug E;ctl group:No;"
        "drug F:200 mg bid;B:drug G;\"\n"
        "JPRN-UMIN000000003,JPRN,,Not selected,"
        "\"Japan,Asia(except Japan)\",E,\"arm 1<br>arm 2\"\n";
    ingest_result r;

    (void)state;
    NEUTRAL("ictrp.csv", csv, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(r.stats.format, "ictrp-csv");
    assert_string_equal(
        sb_str(&r.recs),
        "2: NCT00000001;Phase 2/Phase 3;Recruiting;United States|Canada;A|B;"
        "Drug: X|Radiation: Y;\n"
        "3: ChiCTR2000000002;1-2;Not Recruiting;Chian;C|D;"
        "drug E|drug F:200 mg bid|drug G;\n"
        "4: JPRN-UMIN000000003;Not selected;;Japan|Asia(except Japan);E;"
        "arm 1|arm 2;\n");
    ingest_result_free(&r);
}

#define EU_BLOCK(number, state, status, p1, p2, extra)                      \
    "Summary\nEudraCT Number: " number "\nTrial Status: " state "\n"        \
    "A.1 Member State Concerned: " extra "\n"                               \
    "E.1.1 Medical condition(s) being investigated: \n"                     \
    "E.1.1.1 Medical condition in easily understood language: Sarcoma\n"    \
    "D.IMP: 1\nD.3.1 Product name: Drug X\n"                                \
    "D.3.8 INN - Proposed INN: DOXORUBICIN\n"                               \
    "E.7.1 Human pharmacology (Phase I): " p1 "\n"                          \
    "E.7.2 Therapeutic exploratory (Phase II): " p2 "\n"                    \
    "E.8.6.3 If E.8.6.1 or E.8.6.2 are Yes, specify the regions in which "  \
    "trial sites are planned:\nUnited States\n"                             \
    "P. End of Trial\nP. End of Trial Status: " status "\n\n"

static void test_euctr_merges_member_state_blocks(void **state)
{
    static const char text[] =
        "This file contains full details on each clinical trial.\n\n"
        EU_BLOCK("2020-000001-01", "Completed", "Completed", "Yes", "No",
                 "Spain - AEMPS")
        EU_BLOCK("2020-000001-01", "Ongoing", "", "Yes", "Yes",
                 "France - ANSM")
        EU_BLOCK("2021-000002-02", "Completed", "Prematurely Ended", "No",
                 "No", "Italy - AIFA");
    ingest_result r;

    (void)state;
    NEUTRAL("eu.txt", text, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(r.stats.format, "euctr-text");
    assert_string_equal(
        sb_str(&r.recs),
        "4: 2020-000001-01;Human pharmacology (Phase I): yes\\n"
        "Therapeutic exploratory (Phase II): yes\\n"
        "Therapeutic confirmatory (Phase III): no\\n"
        "Therapeutic use (Phase IV): no;Ongoing;Spain|United States|France;"
        "Sarcoma;DOXORUBICIN; parts=4 Spain - AEMPS|20 France - ANSM\n"
        "36: 2021-000002-02;Human pharmacology (Phase I): no\\n"
        "Therapeutic exploratory (Phase II): no\\n"
        "Therapeutic confirmatory (Phase III): no\\n"
        "Therapeutic use (Phase IV): no;Prematurely Ended;Italy|United "
        "States;Sarcoma;DOXORUBICIN;\n");
    ingest_result_free(&r);
}

static void test_euctr_reports_a_cut_block(void **state)
{
    static const char text[] =
        EU_BLOCK("2020-000001-01", "Completed", "Completed", "Yes", "No",
                 "Spain - AEMPS")
        "Summary\nEudraCT Number: 2021-000002-02\nTrial Status: Ongoing\n"
        "A.1 Member State Concerned: Italy - AIFA\nA.3 Full tit";
    ingest_result r;

    (void)state;
    NEUTRAL("cut.txt", text, r);
    assert_int_equal(r.rc, TS_ERR_PARSE);
    assert_int_equal(r.nrecs, 1);
    assert_int_equal(r.err.line, 18);
    assert_string_equal(r.err.msg,
                        "file ends inside the block of EudraCT "
                        "2021-000002-02 that begins on this line (no section "
                        "P: cut short?); the trials before it are kept, this "
                        "one is not");
    ingest_result_free(&r);
}

/* The countries CTIS's reader derives from "Country:status" are a
 * present field, as if the export had a country column (the merge stage
 * prefers a present country list to sites, and spools present fields). */
static ts_status collect_ctis_countries(void *ctx, const ts_record *rec,
                                        ts_error *err)
{
    ingest_result *r = ctx;

    (void)err;
    assert_true(rec->present[TS_COL_COUNTRIES]);
    sb_printf(&r->recs, "%s;", rec->value[TS_COL_COUNTRIES]);
    return TS_OK;
}

static void test_ctis_countries_are_a_present_field(void **state)
{
    static const char csv[] =
        "Trial number,Location(s) and recruitment status\n"
        "2024-000001-01-00,\"Poland:Ongoing, recruiting, Belgium:Authorised, "
        "recruitment pending, Lithuania:Ended\"\n";
    ts_ingest_opts opts;
    ingest_result r;

    (void)state;
    memset(&r, 0, sizeof(r));
    memset(&opts, 0, sizeof(opts));
    r.path = scratch("ctis3.csv", csv, sizeof(csv) - 1);
    assert_int_equal(ingest_file(r.path, &opts, collect_ctis_countries,
                                 collect_ingest_warning, &r, &r.stats,
                                 &r.err),
                     TS_OK);
    assert_string_equal(sb_str(&r.recs), "Poland|Belgium|Lithuania;");
    ingest_result_free(&r);
}

static void test_ctis_reads_locations_and_submissions(void **state)
{
    static const char csv[] =
        "\xEF\xBB\xBFTrial number,Overall trial status,"
        "Location(s) and recruitment status,Trial phase,Product\n"
        "2024-000001-01-01,\"Authorised, recruiting\",\"Croatia:Authorised, "
        "recruiting, Bulgaria:Ended\",N/A,\"Drug A 5 mg, solution, Drug B\"\n";
    ingest_result r;

    (void)state;
    NEUTRAL("ctis.csv", csv, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(r.stats.format, "ctis-csv");
    assert_string_equal(sb_str(&r.recs),
                        "2: 2024-000001-01-01;;Authorised, recruiting;"
                        "Croatia|Bulgaria;;Drug A 5 mg, solution|Drug B;\n");
    ingest_result_free(&r);
}

/* Checks each ISRCTN record's recruitment status field. */
static ts_status collect_recruitment(void *ctx, const ts_record *rec,
                                     ts_error *err)
{
    ingest_result *r = ctx;

    (void)err;
    assert_true(rec->present[TS_COL_RECRUITMENT]);
    assert_string_equal(rec->name[TS_COL_RECRUITMENT], "Recruitment status");
    assert_false(rec->present[TS_COL_AGE]);
    assert_false(rec->present[TS_COL_DESIGN]);
    sb_printf(&r->recs, "%s|", rec->value[TS_COL_RECRUITMENT]);
    return TS_OK;
}

static void test_isrctn_drops_placeholders_and_joins_status(void **state)
{
    static const char csv[] =
        "ClinicalTrials.gov number,ISRCTN,Overall trial status,"
        "Recruitment status,EudraCT number\n"
        "N/A,ISRCTN00000001,Ongoing,Recruiting,Nil known\n"
        "NCT00000002,ISRCTN00000002,Completed,No longer recruiting,"
        "2020\xE2\x80\x90" "000001\xE2\x80\x90" "01\n"
        "\"NCT00000003, NCT00000004;nct00000003\",ISRCTN00000003,,,"
        "2020-000003-03\n"
        "Nil known,ISRCTN00000004,Stopped,Stopped,NCT00000005\n";
    ts_ingest_opts opts;
    ingest_result r;

    (void)state;
    NEUTRAL("isrctn.csv", csv, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(r.stats.format, "isrctn-csv");
    /* Both link columns are secondary ids, wherever they stand, split
     * and each id once; the two status columns are joined. */
    assert_string_equal(sb_str(&r.recs),
                        "2: ISRCTN00000001;;Ongoing / Recruiting;;;;\n"
                        "3: ISRCTN00000002;;Completed / No longer recruiting;"
                        ";;;2020-000001-01|NCT00000002\n"
                        "4: ISRCTN00000003;;;;;;2020-000003-03|NCT00000003|"
                        "NCT00000004\n"
                        "5: ISRCTN00000004;;Stopped / Stopped;;;;"
                        "NCT00000005\n");
    /* The recruitment status has a field of its own; the export's missing
     * columns are named by the fields that lack them, never by fields
     * the format does not have. */
    assert_false(r.stats.missing[TS_COL_RECRUITMENT]);
    assert_false(r.stats.missing[TS_COL_OTHER_IDS]);
    assert_true(r.stats.missing[TS_COL_PHASES]);
    assert_false(r.stats.missing[TS_COL_AGE]);
    assert_false(r.stats.missing[TS_COL_DESIGN]);
    assert_string_equal(record_column_key(TS_COL_RECRUITMENT),
                        "recruitment_status");
    ingest_result_free(&r);

    memset(&r, 0, sizeof(r));
    memset(&opts, 0, sizeof(opts));
    r.path = scratch("isrctn2.csv", csv, sizeof(csv) - 1);
    assert_int_equal(ingest_file(r.path, &opts, collect_recruitment,
                                 collect_ingest_warning, &r, &r.stats,
                                 &r.err),
                     TS_OK);
    assert_string_equal(sb_str(&r.recs),
                        "Recruiting|No longer recruiting||Stopped|");
    ingest_result_free(&r);
}

static void test_isrctn_names_missing_link_and_status_columns(void **state)
{
    static const char csv[] =
        "ISRCTN,Overall trial status,ClinicalTrials.gov number\n"
        "ISRCTN00000001,Ongoing,NCT00000001\n";
    ingest_result r;

    (void)state;
    NEUTRAL("isrctn.csv", csv, r);
    assert_int_equal(r.rc, TS_OK);
    assert_string_equal(sb_str(&r.recs),
                        "2: ISRCTN00000001;;Ongoing;;;;NCT00000001\n");
    assert_true(r.stats.missing[TS_COL_RECRUITMENT]);
    assert_false(r.stats.missing[TS_COL_OTHER_IDS]);
    assert_false(r.stats.missing[TS_COL_AGE]);
    assert_false(r.stats.missing[TS_COL_DESIGN]);
    ingest_result_free(&r);
}

static void test_record_split_splits_on_br_and_separators(void **state)
{
    ts_shaper sh;
    static const char text[] = " a ;b<br>c<BR/> <br />d\ne|f;;";
    ts_record rec;

    (void)state;
    ts_strbuf buf = {0};

    memset(&rec, 0, sizeof(rec));
    shaper_init(&sh, &buf);
    shaper_begin(&sh, TS_COL_CONDITIONS);
    assert_int_equal(record_split(&sh, text, sizeof(text) - 1, ";"), 5);
    shaper_end(&sh);
    shaper_apply(&sh, &rec);
    assert_string_equal(rec.value[TS_COL_CONDITIONS], "a|b|c|d|e/f");
    assert_int_equal(rec.len[TS_COL_CONDITIONS], 11);
    sb_free(&buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ictrp_xml_reads_trials_and_cleans_text),
        cmocka_unit_test(test_ictrp_xml_refuses_entity_declarations),
        cmocka_unit_test(test_ictrp_xml_reports_where_a_cut_file_ends),
        cmocka_unit_test(test_ictrp_xml_refuses_other_root_elements),
        cmocka_unit_test(test_ictrp_csv_splits_lists_per_registry),
        cmocka_unit_test(test_euctr_merges_member_state_blocks),
        cmocka_unit_test(test_euctr_reports_a_cut_block),
        cmocka_unit_test(test_ctis_reads_locations_and_submissions),
        cmocka_unit_test(test_ctis_countries_are_a_present_field),
        cmocka_unit_test(test_isrctn_drops_placeholders_and_joins_status),
        cmocka_unit_test(test_isrctn_names_missing_link_and_status_columns),
        cmocka_unit_test(test_record_split_splits_on_br_and_separators),
        cmocka_unit_test(test_record_clean_value_trims_surrounding_white_space),
        cmocka_unit_test(test_record_clean_value_turns_literal_null_into_empty),
        cmocka_unit_test(test_record_clean_value_decodes_html_entities),
        cmocka_unit_test(
            test_record_clean_value_keeps_invalid_entities_as_text),
        cmocka_unit_test(test_record_clean_value_turns_nbsp_into_space),
        cmocka_unit_test(test_record_clean_value_turns_crlf_into_lf),
        cmocka_unit_test(
            test_record_clean_value_replaces_invalid_utf8_and_sets_flag),
        cmocka_unit_test(test_record_clean_value_never_resets_bad_utf8_flag),
        cmocka_unit_test(
            test_record_clean_value_turns_control_chars_into_spaces),
        cmocka_unit_test(
            test_record_clean_value_appends_after_existing_content),
        cmocka_unit_test(test_registry_name_names_each_registry),
        cmocka_unit_test(test_csvin_run_reads_lf_records),
        cmocka_unit_test(test_csvin_fast_path_reads_like_libcsv),
        cmocka_unit_test(test_ingest_reader_thread_relays_everything_in_order),
        cmocka_unit_test(test_csvin_run_reads_crlf_records_without_cr),
        cmocka_unit_test(test_csvin_run_reads_last_record_without_newline),
        cmocka_unit_test(test_csvin_run_keeps_line_of_row_after_quoted_newline),
        cmocka_unit_test(test_csvin_run_skips_utf8_bom),
        cmocka_unit_test(test_csvin_run_detects_tab_delimiter),
        cmocka_unit_test(test_csvin_run_keeps_quote_of_tsv_field_literally),
        cmocka_unit_test(test_csvin_run_reads_nul_byte_in_tsv_as_space),
        cmocka_unit_test(
            test_csvin_run_recovers_stray_quote_with_warning_naming_line),
        cmocka_unit_test(
            test_csvin_run_reports_start_line_of_unterminated_quote),
        cmocka_unit_test(test_csvin_run_rejects_empty_file),
        cmocka_unit_test(test_csvin_open_reports_missing_file),
        cmocka_unit_test(test_csvin_open_rejects_directory),
        cmocka_unit_test(test_csvin_run_counts_bytes_and_hashes_them),
        cmocka_unit_test(test_csvin_run_hashes_many_chunks_in_order),
        cmocka_unit_test(test_csvin_run_hashes_nul_bytes_as_read),
        cmocka_unit_test(test_csvin_keep_columns_drops_text_but_keeps_length),
        cmocka_unit_test(test_csvin_run_stops_when_callback_fails),
        cmocka_unit_test(test_ingest_detect_finds_modern_header),
        cmocka_unit_test(test_ingest_detect_finds_classic_header),
        cmocka_unit_test(test_ingest_detect_accepts_column_subset),
        cmocka_unit_test(
            test_ingest_detect_matches_names_case_insensitively_trimmed),
        cmocka_unit_test(test_ingest_detect_rejects_unknown_header),
        cmocka_unit_test(test_ingest_reader_table_lists_ctgov_formats_first),
        cmocka_unit_test(test_fieldmap_build_reports_duplicate_column),
        cmocka_unit_test(test_fieldmap_build_gathers_id_columns),
        cmocka_unit_test(
            test_fieldmap_build_ignores_trailing_blank_header_cells),
        cmocka_unit_test(test_fieldmap_column_name_gives_first_name),
        cmocka_unit_test(test_sniff_new_splits_header_cells),
        cmocka_unit_test(test_sniff_new_finds_xml_root_and_json_key),
        cmocka_unit_test(test_ingest_file_skips_ragged_row_with_warning),
        cmocka_unit_test(test_ingest_file_strict_makes_ragged_row_fatal),
        cmocka_unit_test(test_ingest_file_accepts_only_blank_extra_fields),
        cmocka_unit_test(test_ingest_file_counts_blank_rows_and_skips_them),
        cmocka_unit_test(test_ingest_file_names_missing_columns_in_one_warning),
        cmocka_unit_test(test_ingest_file_warns_about_duplicate_column),
        cmocka_unit_test(test_ingest_file_fills_stats),
        cmocka_unit_test(test_ingest_file_cleans_values),
        cmocka_unit_test(test_ingest_file_reads_classic_tsv),
        cmocka_unit_test(
            test_ingest_file_reports_unterminated_quote_position),
        cmocka_unit_test(test_ingest_file_rejects_file_without_header),
        cmocka_unit_test(test_ingest_file_reports_missing_file),
        cmocka_unit_test(
            test_decode_chunk_converts_utf16le_with_bom_in_any_pieces),
        cmocka_unit_test(
            test_decode_chunk_converts_utf16be_and_replaces_lone_halves),
        cmocka_unit_test(test_decode_utf8_len_checks_each_sequence),
        cmocka_unit_test(test_decode_chunk_detects_utf16_without_bom),
        cmocka_unit_test(test_decode_chunk_reads_windows_1252),
        cmocka_unit_test(test_decode_chunk_keeps_utf8_with_a_stray_byte),
        cmocka_unit_test(test_csvin_sniff_finds_semicolon_delimiter),
        cmocka_unit_test(test_ingest_file_decodes_excel_semicolon_csv),
        cmocka_unit_test(test_ctgov_json_reads_every_kept_field),
        cmocka_unit_test(test_ctgov_json_reads_page_single_ndjson_and_v1),
        cmocka_unit_test(test_ctgov_json_reports_position_of_cut_file),
        cmocka_unit_test(
            test_ctgov_json_skips_study_with_value_over_max_field),
    };

    return cmocka_run_group_tests(tests, ut_group_setup, ut_group_teardown);
}
