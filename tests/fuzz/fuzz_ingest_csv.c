/*
 * fuzz_ingest_csv.c - libFuzzer harness for the ingest stage fed CSV-like
 * bytes: the input is read as an export file by ingest_file() and every
 * record goes through the whole analysis (landscape_add) with the real
 * dictionaries and indication rules; then csvin reads it with its fast
 * path and without, and both must give the same rows. Seeds:
 * tests/fuzz/corpus/.
 */
#include "tests/fuzz/fuzz.h"

#include "common/strbuf.h"
#include "ingest/csvin.h"

/* Every row csvin delivers, as text: line, fields (or the field over the
 * limit, whose text is not used), then warnings and the result. */
typedef struct rows_text {
    ts_csvin *in;
    ts_strbuf sb;
} rows_text;

static ts_status put_row(void *ctx, const ts_csvrow *row, ts_error *err)
{
    rows_text *t = ctx;
    size_t i;

    (void)err;
    if (row->row == 0) {
        static const unsigned char keep[8] = {1, 0, 1, 1, 0, 1, 0, 1};

        csvin_keep_columns(t->in, keep, sizeof(keep));
    }
    sb_printf(&t->sb, "%lu/%lu/%zu:", row->line, row->row, row->nfields);
    if (row->oversize) {
        sb_printf(&t->sb, "over %zu\n", row->oversize);
        return TS_OK;
    }
    for (i = 0; i < row->nfields; i++) {
        sb_printf(&t->sb, "%zu=", row->len[i]);
        sb_append(&t->sb, row->field[i], strlen(row->field[i]));
        sb_putc(&t->sb, '\x1f');
    }
    sb_putc(&t->sb, '\n');
    return TS_OK;
}

static void put_warning(void *ctx, const ts_error *w)
{
    rows_text *t = ctx;

    sb_printf(&t->sb, "warning %lu:%lu %s\n", w->line, w->column, w->msg);
}

/* csvin's rows of the scratch file, with its fast path or without. */
static void read_rows(int fast, ts_strbuf *out)
{
    rows_text t = {NULL, {0}};
    ts_error err;
    ts_status rc;

    if (csvin_open(fuzz_scratch, &t.in, &err) != TS_OK)
        fuzz_fail("csvin_open", err.msg);
    csvin_set_fast(t.in, fast);
    csvin_set_max_field(t.in, 64);
    ts_error_clear(&err);
    rc = csvin_run(t.in, put_row, put_warning, &t, &err);
    sb_printf(&t.sb, "end %d %lu %lu %s\n", (int)rc, err.line,
              csvin_lines(t.in), err.msg);
    csvin_close(t.in);
    *out = t.sb;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_ingest_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A small field limit, so inputs of a few KB reach the oversize path
     * (16 MB by default). */
    ts_ingest_opts opts = {.strict = 0, .max_field = 1024};

    ts_strbuf fast, slow;

    fuzz_ingest_bytes(data, size, &opts, TS_DENOM_ALL);
    /* The fast path for plain records reads every input as libcsv does
     * (csvin.c). */
    read_rows(1, &fast);
    read_rows(0, &slow);
    if (fast.len != slow.len || memcmp(fast.buf, slow.buf, fast.len) != 0)
        fuzz_fail("csvin's fast path and libcsv read different rows",
                  fast.buf);
    sb_free(&fast);
    sb_free(&slow);
    return 0;
}
