/*
 * test_common.c - unit tests of the common modules through their headers:
 * error (ts_strerror pinned to the enum, setters), log formatting, strbuf,
 * strmap interning, sha256 against FIPS 180 vectors, and stage (atomic
 * output directories), plus xalloc's string copies.
 */
#include "tests/unit/unit.h"

#include "common/error.h"
#include "common/log.h"
#include "common/sha256.h"
#include "common/stage.h"
#include "common/strbuf.h"
#include "common/strmap.h"
#include "common/xalloc.h"

/* ---- error ------------------------------------------------------------ */

/* Keeps the string table in step with the enum (libxlsxwriter
 * test_strerror): a status added without its string shifts every later
 * one, and this list no longer matches. */
static void test_error_strerror_pins_each_status_string(void **state)
{
    (void)state;
    assert_string_equal(ts_strerror(TS_OK), "no error");
    assert_string_equal(ts_strerror(TS_ERR_USAGE), "usage error");
    assert_string_equal(ts_strerror(TS_ERR_PARSE), "malformed input");
    assert_string_equal(ts_strerror(TS_ERR_DICT), "malformed dictionary");
    assert_string_equal(ts_strerror(TS_ERR_IO), "cannot read input");
    assert_string_equal(ts_strerror(TS_ERR_OUTPUT), "cannot write output");
    assert_string_equal(ts_strerror(TS_ERR_XLSX), "workbook error");
    assert_string_equal(ts_strerror(TS_ERR_PLOT), "chart error");
    assert_string_equal(ts_strerror(TS_ERR_INTERNAL), "internal error");
    assert_int_equal(TS_STATUS_MAX, TS_ERR_INTERNAL + 1);
}

static void test_error_strerror_gives_every_status_a_distinct_string(
    void **state)
{
    int i, j;

    (void)state;
    for (i = 0; i < TS_STATUS_MAX; i++) {
        const char *s = ts_strerror((ts_status)i);

        assert_non_null(s);
        assert_true(s[0] != '\0');
        assert_string_not_equal(s, "unknown status");
        for (j = 0; j < i; j++)
            assert_string_not_equal(s, ts_strerror((ts_status)j));
    }
}

static void test_error_strerror_names_out_of_range_unknown(void **state)
{
    (void)state;
    assert_string_equal(ts_strerror(TS_STATUS_MAX), "unknown status");
    assert_string_equal(ts_strerror((ts_status)(TS_STATUS_MAX + 7)),
                        "unknown status");
    assert_string_equal(ts_strerror((ts_status)-1), "unknown status");
}

static void test_error_set_fills_every_field_and_returns_status(void **state)
{
    ts_error err;
    ts_status rc;

    (void)state;
    memset(&err, 0x5A, sizeof(err));
    rc = ts_error_set(&err, TS_ERR_PARSE, "trials.csv", 1042, 7,
                      "unknown phase \"%s\" (field \"%s\")", "Phase 2/3b",
                      "Phase");
    assert_int_equal(rc, TS_ERR_PARSE);
    assert_int_equal(err.status, TS_ERR_PARSE);
    assert_int_equal(err.sys_errno, 0);
    assert_string_equal(err.file, "trials.csv");
    assert_int_equal(err.line, 1042);
    assert_int_equal(err.column, 7);
    assert_string_equal(err.msg,
                        "unknown phase \"Phase 2/3b\" (field \"Phase\")");
}

static void test_error_set_truncates_long_message_to_buffer(void **state)
{
    ts_error err;
    char big[1000];

    (void)state;
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    ts_error_set(&err, TS_ERR_IO, NULL, 0, 0, "%s", big);
    assert_int_equal(strlen(err.msg), sizeof(err.msg) - 1);
    assert_null(err.file);
}

static void test_error_set_with_null_record_only_returns_status(void **state)
{
    (void)state;
    assert_int_equal(ts_error_set(NULL, TS_ERR_DICT, "f", 1, 2, "x"),
                     TS_ERR_DICT);
    assert_int_equal(ts_error_sys(NULL, TS_ERR_IO, ENOENT, "f", "x"),
                     TS_ERR_IO);
}

static void test_error_sys_appends_strerror_and_clears_position(void **state)
{
    ts_error err;
    char want[300];

    (void)state;
    ts_error_set(&err, TS_ERR_PARSE, "old.csv", 9, 9, "old");
    assert_int_equal(ts_error_sys(&err, TS_ERR_OUTPUT, ENOSPC, "out.xlsx",
                                  "cannot write %s", "landscape.xlsx"),
                     TS_ERR_OUTPUT);
    snprintf(want, sizeof(want), "cannot write landscape.xlsx: %s",
             strerror(ENOSPC));
    assert_string_equal(err.msg, want);
    assert_int_equal(err.status, TS_ERR_OUTPUT);
    assert_int_equal(err.sys_errno, ENOSPC);
    assert_string_equal(err.file, "out.xlsx");
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
}

static void test_error_sys_with_zero_errno_adds_no_suffix(void **state)
{
    ts_error err;

    (void)state;
    ts_error_sys(&err, TS_ERR_IO, 0, "in.csv", "read error");
    assert_string_equal(err.msg, "read error");
    assert_int_equal(err.sys_errno, 0);
}

static void test_error_clear_resets_to_ok_without_position(void **state)
{
    ts_error err;

    (void)state;
    ts_error_set(&err, TS_ERR_PLOT, "a.gp", 3, 4, "boom");
    ts_error_clear(&err);
    assert_int_equal(err.status, TS_OK);
    assert_null(err.file);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.msg, "");
    ts_error_clear(NULL);
}

/* ---- log ---------------------------------------------------------------- */

static void test_log_format_leaves_out_unknown_position_parts(void **state)
{
    char buf[256];

    (void)state;
    log_format(buf, sizeof(buf), TS_LOG_ERROR, "trials.csv", 1042, 7,
               "unknown phase");
    assert_string_equal(buf,
                        "trialscape: trials.csv:1042:7: error: unknown phase");
    log_format(buf, sizeof(buf), TS_LOG_WARNING, "trials.csv", 12, 0,
               "row skipped");
    assert_string_equal(buf, "trialscape: trials.csv:12: warning: row skipped");
    log_format(buf, sizeof(buf), TS_LOG_ERROR, "out.xlsx", 0, 0,
               "cannot create");
    assert_string_equal(buf, "trialscape: out.xlsx: error: cannot create");
    log_format(buf, sizeof(buf), TS_LOG_INFO, NULL, 0, 0, "3 trials");
    assert_string_equal(buf, "trialscape: info: 3 trials");
}

/* ---- strbuf ------------------------------------------------------------- */

static void test_sb_str_of_zeroed_buffer_is_empty_string(void **state)
{
    ts_strbuf sb = {0};

    (void)state;
    assert_string_equal(sb_str(&sb), "");
    assert_int_equal(sb.len, 0);
    sb_free(&sb);
    assert_null(sb.buf);
}

static void test_sb_append_grows_past_initial_capacity(void **state)
{
    ts_strbuf sb = {0};
    size_t i;

    (void)state;
    for (i = 0; i < 10000; i++)
        sb_putc(&sb, (char)('a' + i % 26));
    assert_int_equal(sb.len, 10000);
    assert_true(sb.cap > sb.len);
    assert_int_equal(strlen(sb_str(&sb)), 10000);
    for (i = 0; i < 10000; i++)
        assert_int_equal(sb.buf[i], 'a' + i % 26);
    sb_free(&sb);
    assert_int_equal(sb.cap, 0);
    assert_int_equal(sb.len, 0);
}

static void test_sb_append_keeps_embedded_nul_bytes(void **state)
{
    ts_strbuf sb = {0};

    (void)state;
    sb_append(&sb, "a\0b", 3);
    sb_puts(&sb, "cd");
    assert_int_equal(sb.len, 5);
    assert_memory_equal(sb.buf, "a\0bcd", 6);
    sb_free(&sb);
}

static void test_sb_printf_appends_formatted_text(void **state)
{
    ts_strbuf sb = {0};
    char big[300];

    (void)state;
    sb_puts(&sb, "n=");
    sb_printf(&sb, "%d, s=%s, x=%04x", 42, "abc", 255);
    assert_string_equal(sb_str(&sb), "n=42, s=abc, x=00ff");
    assert_int_equal(sb.len, strlen("n=42, s=abc, x=00ff"));

    /* Longer than the first allocation: the buffer must grow first. */
    memset(big, 'y', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    sb_printf(&sb, "[%s]", big);
    assert_int_equal(sb.len, strlen("n=42, s=abc, x=00ff") + 301);
    assert_int_equal(sb.buf[sb.len - 1], ']');
    assert_int_equal(sb.buf[sb.len], '\0');
    sb_printf(&sb, "%s", "");
    assert_int_equal(sb.len, strlen("n=42, s=abc, x=00ff") + 301);
    sb_free(&sb);
}

static void test_sb_reserve_makes_room_without_changing_length(void **state)
{
    ts_strbuf sb = {0};
    char *p;

    (void)state;
    sb_puts(&sb, "abc");
    p = sb_reserve(&sb, 1000);
    assert_ptr_equal(p, sb.buf + 3);
    assert_int_equal(sb.len, 3);
    assert_true(sb.cap >= 1004);
    memcpy(p, "def", 3);
    sb.len += 3;
    sb.buf[sb.len] = '\0';
    assert_string_equal(sb_str(&sb), "abcdef");
    sb_free(&sb);
}

static void test_sb_reset_empties_and_keeps_memory(void **state)
{
    ts_strbuf sb = {0};
    size_t cap;

    (void)state;
    sb_puts(&sb, "some text");
    cap = sb.cap;
    sb_reset(&sb);
    assert_int_equal(sb.len, 0);
    assert_int_equal(sb.cap, cap);
    assert_string_equal(sb_str(&sb), "");
    sb_free(&sb);
}

/* ---- strmap ------------------------------------------------------------- */

static void test_strmap_intern_gives_dense_ids_in_first_seen_order(
    void **state)
{
    ts_strmap *m = strmap_new();
    int added = -1;

    (void)state;
    assert_int_equal(strmap_intern(m, "beta", 4, &added), 0);
    assert_int_equal(added, 1);
    assert_int_equal(strmap_intern(m, "alpha", 5, &added), 1);
    assert_int_equal(added, 1);
    assert_int_equal(strmap_intern(m, "beta", 4, &added), 0);
    assert_int_equal(added, 0);
    assert_int_equal(strmap_intern(m, "gamma", 5, NULL), 2);
    assert_int_equal(strmap_count(m), 3);
    assert_string_equal(strmap_key(m, 0), "beta");
    assert_string_equal(strmap_key(m, 1), "alpha");
    assert_string_equal(strmap_key(m, 2), "gamma");
    assert_int_equal(strmap_keylen(m, 1), 5);
    assert_null(strmap_key(m, 3));
    strmap_free(m);
    strmap_free(NULL);
}

static void test_strmap_find_returns_none_for_absent_key(void **state)
{
    ts_strmap *m = strmap_new();

    (void)state;
    assert_int_equal(strmap_find(m, "x", 1), TS_STRMAP_NONE);
    strmap_intern(m, "Phase II", 8, NULL);
    strmap_intern(m, "Phase I", 7, NULL);
    assert_int_equal(strmap_find(m, "Phase I", 7), 1);
    assert_int_equal(strmap_find(m, "Phase II", 8), 0);
    /* A prefix of a key is a different key. */
    assert_int_equal(strmap_find(m, "Phase II", 6), TS_STRMAP_NONE);
    assert_int_equal(strmap_find(m, "phase i", 7), TS_STRMAP_NONE);
    assert_int_equal(strmap_count(m), 2);
    strmap_free(m);
}

/* Many keys force both the slot table and the key arena to grow: every id
 * must still resolve, and views taken early must not move. */
static void test_strmap_key_views_stay_valid_after_growth(void **state)
{
    enum { N = 50000 };
    ts_strmap *m = strmap_new();
    const char *early[16];
    char key[32];
    size_t i;

    (void)state;
    for (i = 0; i < N; i++) {
        int n = snprintf(key, sizeof(key), "key-%zu-%zu", i, i * 7919);

        assert_int_equal(strmap_intern(m, key, (size_t)n, NULL), i);
        if (i < 16)
            early[i] = strmap_key(m, i);
    }
    assert_int_equal(strmap_count(m), N);
    for (i = 0; i < 16; i++) {
        snprintf(key, sizeof(key), "key-%zu-%zu", i, i * 7919);
        assert_ptr_equal(early[i], strmap_key(m, i));
        assert_string_equal(early[i], key);
    }
    for (i = 0; i < N; i += 997) {
        int n = snprintf(key, sizeof(key), "key-%zu-%zu", i, i * 7919);

        assert_int_equal(strmap_find(m, key, (size_t)n), i);
        assert_string_equal(strmap_key(m, i), key);
        assert_int_equal(strmap_keylen(m, i), (size_t)n);
    }
    /* A key longer than an arena block gets its own block. */
    {
        size_t big = 100 * 1024;
        char *k = xmalloc(big);

        memset(k, 'z', big);
        assert_int_equal(strmap_intern(m, k, big, NULL), N);
        assert_int_equal(strmap_keylen(m, N), big);
        assert_memory_equal(strmap_key(m, N), k, big);
        assert_int_equal(strmap_key(m, N)[big], '\0');
        free(k);
    }
    strmap_free(m);
}

static void test_strmap_intern_keeps_binary_keys_with_nul_apart(void **state)
{
    ts_strmap *m = strmap_new();
    int added;

    (void)state;
    assert_int_equal(strmap_intern(m, "a\0b", 3, &added), 0);
    assert_int_equal(strmap_intern(m, "a\0c", 3, &added), 1);
    assert_int_equal(added, 1);
    assert_int_equal(strmap_intern(m, "a", 1, &added), 2);
    assert_int_equal(added, 1);
    assert_int_equal(strmap_intern(m, "", 0, &added), 3);
    assert_int_equal(added, 1);
    assert_int_equal(strmap_intern(m, "a\0b", 3, &added), 0);
    assert_int_equal(added, 0);
    assert_int_equal(strmap_find(m, "\0", 1), TS_STRMAP_NONE);
    assert_int_equal(strmap_find(m, "", 0), 3);
    assert_int_equal(strmap_keylen(m, 1), 3);
    assert_memory_equal(strmap_key(m, 1), "a\0c", 4);
    assert_int_equal(strmap_count(m), 4);
    strmap_free(m);
}

/* ---- sha256 ------------------------------------------------------------- */

static void sha_of(const void *data, size_t len, char hex[65])
{
    ts_sha256 s;

    sha256_init(&s);
    sha256_update(&s, data, len);
    sha256_final_hex(&s, hex);
}

static void test_sha256_final_hex_matches_vector_for_empty_message(void **state)
{
    char hex[65];

    (void)state;
    sha_of("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b"
                             "934ca495991b7852b855");
}

static void test_sha256_final_hex_matches_vector_for_abc(void **state)
{
    char hex[65];

    (void)state;
    sha_of("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a39617"
                             "7a9cb410ff61f20015ad");
}

static void test_sha256_final_hex_matches_vector_for_448_bits(void **state)
{
    const char *msg =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    char hex[65];

    (void)state;
    assert_int_equal(strlen(msg) * 8, 448);
    sha_of(msg, strlen(msg), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff"
                             "2167f6ecedd419db06c1");
}

static void test_sha256_final_hex_matches_vector_for_896_bits(void **state)
{
    const char *msg =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
        "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    char hex[65];

    (void)state;
    sha_of(msg, strlen(msg), hex);
    assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f0"
                             "7a51afac45037afee9d1");
}

static void test_sha256_update_hashes_million_a_fed_in_odd_chunks(void **state)
{
    static const size_t chunks[] = {1, 3, 7, 55, 56, 63, 64, 65, 127, 1000,
                                    4097};
    char *a = xmalloc(1000000);
    size_t done = 0, k = 0;
    ts_sha256 s;
    char hex[65];

    (void)state;
    memset(a, 'a', 1000000);
    sha256_init(&s);
    while (done < 1000000) {
        size_t n = chunks[k++ % (sizeof(chunks) / sizeof(chunks[0]))];

        if (n > 1000000 - done)
            n = 1000000 - done;
        sha256_update(&s, a + done, n);
        done += n;
    }
    sha256_final_hex(&s, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497"
                             "200e046d39ccc7112cd0");
    free(a);
}

/* Messages of 55, 56, 63, 64, 119 and 120 bytes sit on either side of the
 * point where the length no longer fits in the last block. */
/* The SHA-NI path (when the CPU has it) and the portable path give the same
 * digest for every length and every way of cutting the input. */
static void test_sha256_update_accelerated_matches_portable(void **state)
{
    static unsigned char buf[70000];
    unsigned long x = 12345;
    size_t i, t;

    (void)state;
    for (i = 0; i < sizeof(buf); i++) {
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        buf[i] = (unsigned char)(x >> 56);
    }
    for (t = 0; t < 60; t++) {
        size_t n = (t * 1171) % sizeof(buf), off = 0;
        char a[65], b[65];
        ts_sha256 s;

        sha256_force_portable(1);
        assert_int_equal(sha256_accelerated(), 0);
        sha256_init(&s);
        while (off < n) {
            size_t k = (off * 7 + t) % 300 + 1;

            if (k > n - off)
                k = n - off;
            sha256_update(&s, buf + off, k);
            off += k;
        }
        sha256_final_hex(&s, a);
        sha256_force_portable(0);
        sha256_init(&s);
        sha256_update(&s, buf, n);
        sha256_final_hex(&s, b);
        assert_string_equal(a, b);
    }
}

static void test_sha256_final_hex_pads_at_block_boundaries(void **state)
{
    static const struct {
        size_t n;
        const char *hex;
    } v[] = {
        {55,
         "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56,
         "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63,
         "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64,
         "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {119,
         "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120,
         "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
    };
    char a[128], hex[65];
    size_t i;

    (void)state;
    memset(a, 'a', sizeof(a));
    for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        sha_of(a, v[i].n, hex);
        assert_string_equal(hex, v[i].hex);
    }
}

/* ---- stage -------------------------------------------------------------- */

static void write_staged(ts_stage *st, const char *rel, const char *text)
{
    ts_error err;
    FILE *fp;

    assert_int_equal(stage_fopen(st, rel, &fp, &err), TS_OK);
    fputs(text, fp);
    assert_int_equal(stage_fclose(st, rel, fp, &err), TS_OK);
}

static void test_stage_commit_renames_files_and_removes_staging_dir(
    void **state)
{
    const char *tmp = *state;
    char *out = ut_path(tmp, "out/nested");
    char *staging, *p, *text;
    ts_stage *st;
    ts_error err;

    assert_int_equal(stage_open(out, &st, &err), TS_OK);
    assert_string_equal(stage_final_dir(st), out);
    {
        char want[512];

        snprintf(want, sizeof(want), "%s/.trialscape-tmp.%ld", out,
                 (long)getpid());
        assert_string_equal(stage_dir(st), want);
    }
    staging = xstrdup(stage_dir(st));
    assert_true(ut_is_dir(staging));
    write_staged(st, "trials.tsv", "header\n");
    write_staged(st, "tables/phase.tsv", "category\ttrials\tpercent\n");
    p = stage_path(st, "figures/phase.png"); /* recorded, never written */
    assert_true(ut_is_dir(p) == 0);
    free(p);

    /* Nothing has its final name before the commit. */
    p = ut_path(out, "trials.tsv");
    assert_false(ut_exists(p));
    assert_int_equal(stage_commit(st, &err), TS_OK);
    text = ut_read(p, NULL);
    assert_non_null(text);
    assert_string_equal(text, "header\n");
    free(text);
    free(p);
    p = ut_path(out, "tables/phase.tsv");
    text = ut_read(p, NULL);
    assert_non_null(text);
    assert_string_equal(text, "category\ttrials\tpercent\n");
    free(text);
    free(p);
    p = ut_path(out, "figures");
    assert_false(ut_exists(p));
    free(p);
    assert_false(ut_exists(staging));
    /* trials.tsv and tables/ only */
    assert_int_equal(ut_count_entries(out), 2);

    free(staging);
    free(out);
}

static void test_stage_abort_leaves_earlier_outputs_untouched(void **state)
{
    const char *tmp = *state;
    char *old = ut_write_text(tmp, "trials.tsv", "from the last run\n");
    char *staging, *text;
    ts_stage *st;
    ts_error err;

    assert_int_equal(stage_open(tmp, &st, &err), TS_OK);
    staging = xstrdup(stage_dir(st));
    write_staged(st, "trials.tsv", "half-written\n");
    write_staged(st, "tables/status.tsv", "x\n");
    stage_abort(st);
    stage_abort(NULL);

    text = ut_read(old, NULL);
    assert_string_equal(text, "from the last run\n");
    free(text);
    assert_false(ut_exists(staging));
    assert_int_equal(ut_count_entries(tmp), 1);

    free(staging);
    free(old);
}

static void test_stage_open_under_dev_full_fails_with_output_error(
    void **state)
{
    ts_error err;
    ts_stage *st = (void *)&err;    /* must be reset to NULL */
    char want[300];

    (void)state;
    ts_error_clear(&err);
    assert_int_equal(stage_open("/dev/full/out", &st, &err), TS_ERR_OUTPUT);
    assert_null(st);
    assert_int_equal(err.status, TS_ERR_OUTPUT);
    assert_string_equal(err.file, "/dev/full/out");
    assert_int_equal(err.sys_errno, ENOTDIR);
    snprintf(want, sizeof(want), "cannot create directory: %s",
             strerror(ENOTDIR));
    assert_string_equal(err.msg, want);
}

static void test_stage_open_on_regular_file_fails_with_output_error(
    void **state)
{
    const char *tmp = *state;
    char *file = ut_write_text(tmp, "report", "not a directory\n");
    ts_stage *st;
    ts_error err;

    assert_int_equal(stage_open(file, &st, &err), TS_ERR_OUTPUT);
    assert_null(st);
    assert_string_equal(err.file, file);
    assert_string_equal(err.msg, "not a directory");
    /* The file is left as it was, and nothing was created beside it. */
    assert_int_equal(ut_count_entries(tmp), 1);
    free(file);
}

static void test_stage_fclose_reports_full_disk_as_output_error(void **state)
{
    const char *tmp = *state;
    ts_stage *st;
    ts_error err;
    FILE *fp;
    char want[300];

    assert_int_equal(stage_open(tmp, &st, &err), TS_OK);
    fp = fopen("/dev/full", "w");
    if (!fp) {
        stage_abort(st);
        skip();
    }
    fputs("some data that cannot be flushed\n", fp);
    assert_int_equal(stage_fclose(st, "trials.tsv", fp, &err),
                     TS_ERR_OUTPUT);
    assert_int_equal(err.sys_errno, ENOSPC);
    assert_string_equal(err.file, tmp);
    snprintf(want, sizeof(want), "cannot write trials.tsv: %s",
             strerror(ENOSPC));
    assert_string_equal(err.msg, want);
    stage_abort(st);
    assert_int_equal(ut_count_entries(tmp), 0);
}

static void test_fs_mkdir_p_creates_parents_and_accepts_existing(
    void **state)
{
    const char *tmp = *state;
    char *deep = ut_path(tmp, "a/b/c");
    ts_error err;

    assert_int_equal(fs_mkdir_p(deep, &err), TS_OK);
    assert_true(ut_is_dir(deep));
    assert_int_equal(fs_mkdir_p(deep, &err), TS_OK);
    free(deep);
}

/* ---- xalloc ------------------------------------------------------------- */

static void test_xalloc_xstrndup_copies_exactly_len_bytes(void **state)
{
    char *s = xstrndup("abcdef", 3);
    char *t = xstrdup("");

    (void)state;
    assert_string_equal(s, "abc");
    assert_string_equal(t, "");
    free(s);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_strerror_pins_each_status_string),
        cmocka_unit_test(
            test_error_strerror_gives_every_status_a_distinct_string),
        cmocka_unit_test(test_error_strerror_names_out_of_range_unknown),
        cmocka_unit_test(test_error_set_fills_every_field_and_returns_status),
        cmocka_unit_test(test_error_set_truncates_long_message_to_buffer),
        cmocka_unit_test(test_error_set_with_null_record_only_returns_status),
        cmocka_unit_test(test_error_sys_appends_strerror_and_clears_position),
        cmocka_unit_test(test_error_sys_with_zero_errno_adds_no_suffix),
        cmocka_unit_test(test_error_clear_resets_to_ok_without_position),
        cmocka_unit_test(test_log_format_leaves_out_unknown_position_parts),
        cmocka_unit_test(test_sb_str_of_zeroed_buffer_is_empty_string),
        cmocka_unit_test(test_sb_append_grows_past_initial_capacity),
        cmocka_unit_test(test_sb_append_keeps_embedded_nul_bytes),
        cmocka_unit_test(test_sb_printf_appends_formatted_text),
        cmocka_unit_test(test_sb_reserve_makes_room_without_changing_length),
        cmocka_unit_test(test_sb_reset_empties_and_keeps_memory),
        cmocka_unit_test(
            test_strmap_intern_gives_dense_ids_in_first_seen_order),
        cmocka_unit_test(test_strmap_find_returns_none_for_absent_key),
        cmocka_unit_test(test_strmap_key_views_stay_valid_after_growth),
        cmocka_unit_test(test_strmap_intern_keeps_binary_keys_with_nul_apart),
        cmocka_unit_test(
            test_sha256_final_hex_matches_vector_for_empty_message),
        cmocka_unit_test(test_sha256_final_hex_matches_vector_for_abc),
        cmocka_unit_test(test_sha256_final_hex_matches_vector_for_448_bits),
        cmocka_unit_test(test_sha256_final_hex_matches_vector_for_896_bits),
        cmocka_unit_test(test_sha256_update_hashes_million_a_fed_in_odd_chunks),
        cmocka_unit_test(test_sha256_final_hex_pads_at_block_boundaries),
        cmocka_unit_test(test_sha256_update_accelerated_matches_portable),
        ut_test_in_dir(
            test_stage_commit_renames_files_and_removes_staging_dir),
        ut_test_in_dir(test_stage_abort_leaves_earlier_outputs_untouched),
        cmocka_unit_test(
            test_stage_open_under_dev_full_fails_with_output_error),
        ut_test_in_dir(
            test_stage_open_on_regular_file_fails_with_output_error),
        ut_test_in_dir(test_stage_fclose_reports_full_disk_as_output_error),
        ut_test_in_dir(
            test_fs_mkdir_p_creates_parents_and_accepts_existing),
        cmocka_unit_test(test_xalloc_xstrndup_copies_exactly_len_bytes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
