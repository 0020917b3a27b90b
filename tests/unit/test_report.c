/*
 * test_report.c - unit tests of the report stage through its headers:
 * textout escaping (TSV and JSON), trials.tsv shape, plot safety (script
 * text is our own constants; export labels go only to the .dat file and
 * gnuplot renders them without side effects), the classify command's
 * rows, and a report (report_open/_trial/_close) producing the tables,
 * manifest and an xlsx workbook in a stage, on one thread or two.
 */
#include "tests/unit/unit.h"

#include "analyze/landscape.h"
#include "common/stage.h"
#include "report/plot.h"
#include "report/report.h"
#include "report/sheetrows.h"
#include "report/textout.h"
#include "report/trials.h"
#include "report/view.h"
#include "report/xlsx.h"

#include <zlib.h>

/* A memory stream and what was written to it. */
typedef struct memout {
    FILE *fp;
    char *buf;
    size_t len;
} memout;

static void mem_open(memout *m)
{
    m->buf = NULL;
    m->len = 0;
    m->fp = open_memstream(&m->buf, &m->len);
    assert_non_null(m->fp);
}

/* Closes the stream; m->buf holds the text (caller frees). */
static void mem_close(memout *m)
{
    assert_int_equal(fclose(m->fp), 0);
    m->fp = NULL;
}

/* ---- textout ---------------------------------------------------------- */

static void test_tsv_put_escapes_backslash_tab_newline_and_cr(void **state)
{
    static const char in[] = "a\\b\tc\nd\re\\\\";
    memout m;

    (void)state;
    mem_open(&m);
    tsv_put(m.fp, in, sizeof(in) - 1);
    mem_close(&m);
    assert_string_equal(m.buf, "a\\\\b\\tc\\nd\\re\\\\\\\\");
    free(m.buf);

    mem_open(&m);
    tsv_put(m.fp, "plain text, \"quoted\"", 20);
    tsv_put(m.fp, "", 0);
    mem_close(&m);
    assert_string_equal(m.buf, "plain text, \"quoted\"");
    free(m.buf);
}

static void test_tsv_unescape_reverses_tsv_put_for_every_byte(void **state)
{
    char in[512], *out;
    size_t i, n;
    memout m;

    (void)state;
    for (i = 0; i < 256; i++) {
        in[i] = (char)i;
        in[511 - i] = (char)i;
    }
    mem_open(&m);
    tsv_put(m.fp, in, sizeof(in));
    mem_close(&m);
    /* One field, one line: no raw separators survive. */
    assert_null(memchr(m.buf, '\t', m.len));
    assert_null(memchr(m.buf, '\n', m.len));
    assert_null(memchr(m.buf, '\r', m.len));
    out = m.buf;
    n = tsv_unescape(out, m.len);
    assert_int_equal(n, sizeof(in));
    assert_memory_equal(out, in, sizeof(in));
    free(m.buf);
}

static void test_tsv_unescape_keeps_unknown_and_trailing_backslash(
    void **state)
{
    char s1[] = "a\\xb";
    char s2[] = "end\\";

    (void)state;
    assert_int_equal(tsv_unescape(s1, 4), 3);
    assert_memory_equal(s1, "axb", 3);
    assert_int_equal(tsv_unescape(s2, 4), 4);
    assert_memory_equal(s2, "end\\", 4);
}

static void test_json_put_escapes_quotes_backslash_and_control_chars(
    void **state)
{
    static const char in[] = "a\"b\\c\nd\te\rf\x01g\x1f\x7f/\xC3\xA9";
    memout m;

    (void)state;
    mem_open(&m);
    json_put(m.fp, in, sizeof(in) - 1);
    fputc(' ', m.fp);
    json_puts(m.fp, "");
    fputc(' ', m.fp);
    json_put(m.fp, "nul\0byte", 8);
    mem_close(&m);
    assert_string_equal(m.buf, "\"a\\\"b\\\\c\\nd\\te\\rf\\u0001g\\u001f"
                               "\\u007f/\xC3\xA9\" \"\" \"nul\\u0000byte\"");
    free(m.buf);
}

/* ---- trials ----------------------------------------------------------- */

/* Splits line[0..n) at tabs in place; returns the field count. */
/* Counts rec as a trial of its own, as the merge stage hands a record
 * nothing was merged into over. */
static void add_record(ts_landscape *ls, const ts_record *rec, ts_trial *t)
{
    static ts_merged_one one;

    landscape_add(ls, merge_one(rec, &one), t);
}

static size_t split_tabs(char *line, size_t n, char **field, size_t max)
{
    size_t k = 0;
    char *p = line, *end = line + n;

    for (;;) {
        char *tab = memchr(p, '\t', (size_t)(end - p));

        if (k < max)
            field[k] = p;
        k++;
        if (!tab) {
            *end = '\0';
            break;
        }
        *tab = '\0';
        p = tab + 1;
    }
    return k;
}

static size_t column_index(const char *name)
{
    size_t i;

    for (i = 0; i < trials_ncolumns(); i++)
        if (strcmp(trials_column(i), name) == 0)
            return i;
    fail_msg("no trials column \"%s\"", name);
    return 0;
}

static void test_trials_write_header_names_every_column(void **state)
{
    char *field[128];
    size_t i, n;
    memout m;

    (void)state;
    assert_true(trials_ncolumns() > 0 && trials_ncolumns() < 128);
    mem_open(&m);
    trials_write_header(m.fp);
    mem_close(&m);
    assert_true(m.len > 0 && m.buf[m.len - 1] == '\n');
    assert_ptr_equal(strchr(m.buf, '\n'), m.buf + m.len - 1);
    n = split_tabs(m.buf, m.len - 1, field, 128);
    assert_int_equal(n, trials_ncolumns());
    for (i = 0; i < n; i++)
        assert_string_equal(field[i], trials_column(i));
    assert_string_equal(trials_column(0), "nct_id");
    assert_string_equal(trials_column(n - 1), "source_line");
    assert_string_equal(trials_column(n), "");
    free(m.buf);
}

static void test_trials_write_row_has_every_column_on_one_line(void **state)
{
    static const char title[] = "Tab\there, newline\nthere\r\nand \\ too";
    static const char conditions[] = "MPNST|\tNF1\n";
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_record rec;
    ts_trial trial;
    char *field[128];
    size_t i, n;
    memout m;

    (void)state;
    memset(&rec, 0, sizeof(rec));
    rec.format = "ctgov-modern";
    rec.file = "in\tput.csv";
    rec.line = 7;
    rec.row = 3;
    for (i = 0; i < TS_COL_COUNT; i++) {
        rec.value[i] = "";
        rec.present[i] = 1;
    }
    rec.value[TS_COL_NCT] = "NCT00000001";
    rec.value[TS_COL_TITLE] = title;
    rec.value[TS_COL_CONDITIONS] = conditions;
    rec.value[TS_COL_PHASES] = "PHASE1|PHASE2";
    rec.value[TS_COL_START] = "2016-03";
    rec.value[TS_COL_SPONSOR] = "Lead\tSponsor|Other";
    rec.value[TS_COL_LOCATIONS] = "A, Paris, France|B, Bonn, Germany";
    for (i = 0; i < TS_COL_COUNT; i++)
        rec.len[i] = strlen(rec.value[i]);
    add_record(ls, &rec, &trial);

    mem_open(&m);
    trials_write_row(m.fp, &trial);
    mem_close(&m);
    assert_true(m.len > 0 && m.buf[m.len - 1] == '\n');
    assert_ptr_equal(strchr(m.buf, '\n'), m.buf + m.len - 1);
    assert_null(strchr(m.buf, '\r'));
    n = split_tabs(m.buf, m.len - 1, field, 128);
    assert_int_equal(n, trials_ncolumns());

    assert_string_equal(field[column_index("nct_id")], "NCT00000001");
    assert_string_equal(field[column_index("phase")], "Phase I/II");
    assert_string_equal(field[column_index("phase_raw")], "PHASE1|PHASE2");
    assert_string_equal(field[column_index("status")], "Not reported");
    assert_string_equal(field[column_index("start_year")], "2016");
    assert_string_equal(field[column_index("sponsor")], "Lead\\tSponsor");
    assert_string_equal(field[column_index("countries")], "France; Germany");
    assert_string_equal(field[column_index("url")],
                        "https://clinicaltrials.gov/study/NCT00000001");
    assert_string_equal(field[column_index("source_file")], "in\\tput.csv");
    assert_string_equal(field[column_index("source_line")], "7");
    {
        char *t = field[column_index("title")];
        size_t k = tsv_unescape(t, strlen(t));

        assert_int_equal(k, sizeof(title) - 1);
        assert_memory_equal(t, title, k);
    }
    {
        char *c = field[column_index("conditions")];

        assert_int_equal(tsv_unescape(c, strlen(c)), sizeof(conditions) - 1);
        assert_memory_equal(c, conditions, sizeof(conditions) - 1);
    }
    free(m.buf);
    landscape_free(ls);
}

static void test_trials_url_builds_registry_link_from_nct(void **state)
{
    char buf[TS_URL_SIZE];

    (void)state;
    assert_string_equal(trials_url(buf, "NCT01234567"),
                        "https://clinicaltrials.gov/study/NCT01234567");
    assert_string_equal(trials_url(buf, ""), "");
}

/* ---- plot ------------------------------------------------------------- */

static const char *const safe_labels[] = {"Phase I", "Phase II"};
static const char *const safe_values[] = {"3 (38%)", "5 (63%)"};
static const unsigned long safe_counts[] = {3, 5};

static void chart_init(ts_chart *c, const char *name, const char *title)
{
    memset(c, 0, sizeof(*c));
    c->name = name;
    c->title = title;
    c->nline = "n = 8 trials";
    c->axis = "Trials";
    c->kind = TS_CHART_BARS;
    c->n = 2;
    c->labels = safe_labels;
    c->values = safe_values;
    c->counts = safe_counts;
}

/* A one-chart figure at the panel width. */
static void figure_init(ts_figure *f, const ts_chart **one, const char *name)
{
    memset(f, 0, sizeof(*f));
    f->name = name;
    f->width_mm = TS_PANEL_WIDTH_MM;
    f->charts = one;
    f->n = 1;
}

/* plot_write on memory streams; returns its status, frees the text. */
static ts_status try_chart(const ts_chart *c, ts_error *err, size_t *written)
{
    memout dat, gp;
    ts_status rc;
    ts_figure f;
    const ts_chart *one = c;

    figure_init(&f, &one, c->name ? c->name : "x");
    f.name = c->name;
    mem_open(&dat);
    mem_open(&gp);
    rc = plot_write(&f, dat.fp, gp.fp, NULL, err);
    mem_close(&dat);
    mem_close(&gp);
    *written = dat.len + gp.len;
    free(dat.buf);
    free(gp.buf);
    return rc;
}

static void test_plot_write_refuses_title_with_script_syntax(void **state)
{
    static const char *const bad[] = {
        "A 'quoted' title", "A \"quoted\" title", "`touch PWNED`",
        "@macro",           "$0",                 "back\\slash",
        "two\nlines",       "{brace}",            "semi; ok but ! bang",
        "",
    };
    ts_chart c;
    ts_error err;
    size_t i, written;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        chart_init(&c, "phase", bad[i]);
        ts_error_clear(&err);
        assert_int_equal(try_chart(&c, &err, &written), TS_ERR_INTERNAL);
        assert_int_equal(err.status, TS_ERR_INTERNAL);
        assert_string_equal(err.msg,
                            "chart text outside the constant-text rule");
        assert_int_equal(written, 0);

        /* Every other text that reaches the script too. */
        chart_init(&c, "phase", "Phase");
        c.axis = bad[i];
        assert_int_equal(try_chart(&c, &err, &written), TS_ERR_INTERNAL);
        assert_int_equal(written, 0);
        chart_init(&c, "phase", "Phase");
        c.nline = bad[i];
        assert_int_equal(try_chart(&c, &err, &written), TS_ERR_INTERNAL);
        chart_init(&c, "phase", "Phase");
        c.note = bad[i];
        assert_int_equal(try_chart(&c, &err, &written), TS_ERR_INTERNAL);
        chart_init(&c, "phase", "Phase");
        c.empty = bad[i];
        assert_int_equal(try_chart(&c, &err, &written), TS_ERR_INTERNAL);
    }
    chart_init(&c, "phase", NULL);
    assert_int_equal(try_chart(&c, &err, &written), TS_ERR_INTERNAL);
}

static void test_plot_write_refuses_name_with_dot_slash_or_capitals(
    void **state)
{
    static const char *const bad[] = {
        "phase.x", "../phase", "figures/phase", "/tmp/x", "Phase",
        "ph ase",  "ph-ase",   "",
    };
    ts_chart c;
    ts_error err;
    size_t i, written;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        chart_init(&c, bad[i], "Phase");
        assert_int_equal(try_chart(&c, &err, &written), TS_ERR_INTERNAL);
        assert_int_equal(written, 0);
    }
    chart_init(&c, NULL, "Phase");
    assert_int_equal(try_chart(&c, &err, &written), TS_ERR_INTERNAL);
}

static void test_plot_write_accepts_constant_text(void **state)
{
    ts_chart c;
    ts_error err;
    size_t written;

    (void)state;
    chart_init(&c, "status_group_2",
               "B. Trials by status (all; 100%) +/- 1, 2: x-y");
    c.note = "+3 more with 1 trial; n = 4 <1%";
    assert_int_equal(try_chart(&c, &err, &written), TS_OK);
    assert_true(written > 0);
    c.n = 0;
    c.empty = "No conditions in this export";
    assert_int_equal(try_chart(&c, &err, &written), TS_OK);
}

static void test_plot_put_label_quotes_and_flattens_text(void **state)
{
    memout m;

    (void)state;
    mem_open(&m);
    plot_put_label(m.fp, "say \"hi\"\tthere\nnow\r\\end");
    plot_put_label(m.fp, "");
    mem_close(&m);
    assert_string_equal(m.buf, "\"say 'hi' there now  end\"\"\"");
    free(m.buf);
}

static void test_plot_wrap_breaks_at_spaces_and_never_hides_the_end(
    void **state)
{
    char buf[256];
    double w;

    (void)state;
    /* Fits: one line, unchanged. */
    assert_int_equal(plot_wrap("Phase II", 40, 6.5, 3, buf, sizeof(buf)),
                     1);
    assert_string_equal(buf, "Phase II");
    /* A regimen too long for one line keeps its last component. */
    w = plot_text_mm("Chemotherapy + Chemotherapy +", 6.5, 0) + 0.5;
    assert_int_equal(plot_wrap("Chemotherapy + Chemotherapy + "
                               "Immunotherapy + Radiotherapy",
                               w, 6.5, 3, buf, sizeof(buf)),
                     2);
    assert_string_equal(buf, "Chemotherapy + Chemotherapy +\n"
                             "Immunotherapy + Radiotherapy");
    /* A word longer than a line is broken inside. */
    assert_int_equal(plot_wrap("Supercalifragilistic", 10, 6.5, 3, buf,
                               sizeof(buf)),
                     3);
    assert_null(strchr(buf, ' '));
    /* Out of lines: the last one ends with "...". */
    assert_int_equal(plot_wrap("one two three four five six seven eight",
                               8, 6.5, 2, buf, sizeof(buf)),
                     2);
    assert_true(strlen(buf) > 3 &&
                strcmp(buf + strlen(buf) - 3, "...") == 0);
    /* Widths grow with size and boldness. */
    assert_true(plot_text_mm("Phase", 7.5, 1) > plot_text_mm("Phase", 6.5, 0));
    assert_true(plot_text_mm("", 6.5, 0) == 0);
}

/* Export text a hostile or careless registry entry could hold. */
static const char *const nasty_labels[] = {
    "`touch PWNED`",
    "\"; system(\"touch PWNED\"); \"",
    "system(\"touch PWNED\")",
    "line one\nline two",
    "tab\there",
    "@x",
    "<cmd",
    "|cmd",
    "$(touch PWNED)",
    "'; ! touch PWNED; '",
    "back\\slash\\",
};
#define NNASTY (sizeof(nasty_labels) / sizeof(nasty_labels[0]))

/* A chart of each kind whose every label is hostile. */
static void nasty_chart(ts_chart *c, ts_chart_kind kind)
{
    static unsigned long counts[NNASTY * NNASTY];
    static int years[NNASTY];
    static unsigned rgb[NNASTY];
    static unsigned char mark[NNASTY];
    size_t i;

    for (i = 0; i < NNASTY * NNASTY; i++)
        counts[i] = i % 3;
    for (i = 0; i < NNASTY; i++) {
        years[i] = 2000 + (int)i;
        rgb[i] = 0x0072B2u;
        mark[i] = i % 2;
    }
    chart_init(c, "nasty", "Phase");
    c->kind = kind;
    c->n = NNASTY;
    c->labels = nasty_labels;
    c->values = nasty_labels;
    c->counts = counts;
    c->rgb = rgb;
    c->years = years;
    c->nseries = NNASTY;
    c->series = nasty_labels;
    c->series_rgb = rgb;
    c->mark = mark;
    c->mark_label = "gap";
    c->nlegend = NNASTY;
    c->legend = nasty_labels;
    c->legend_rgb = rgb;
}

static void write_named_chart(const char *dir, ts_chart_kind kind,
                              const char *name)
{
    ts_strbuf path = {0};
    ts_chart c;
    const ts_chart *one = &c;
    ts_figure f;
    ts_error err;
    FILE *dat, *gp;

    nasty_chart(&c, kind);
    figure_init(&f, &one, name);
    sb_printf(&path, "%s/%s.dat", dir, name);
    dat = fopen(path.buf, "w");
    assert_non_null(dat);
    sb_reset(&path);
    sb_printf(&path, "%s/%s.gp", dir, name);
    gp = fopen(path.buf, "w");
    assert_non_null(gp);
    assert_int_equal(plot_write(&f, dat, gp, NULL, &err), TS_OK);
    assert_int_equal(fclose(dat), 0);
    assert_int_equal(fclose(gp), 0);
    sb_free(&path);
}

static void write_nasty_chart(const char *dir, ts_chart_kind kind)
{
    write_named_chart(dir, kind, "nasty");
}

static const ts_chart_kind all_kinds[] = {TS_CHART_BARS, TS_CHART_YEARS,
                                          TS_CHART_HEATMAP};

static void test_plot_write_keeps_labels_out_of_the_script(void **state)
{
    static const char *const never[] = {
        "`", "\"", "@", "<", "|", "PWNED", "system", "!", "line two",
    };
    const char *dir = *state;
    size_t i, k;

    for (k = 0; k < 3; k++) {
        char *gp_path, *dat_path, *gp, *dat;
        size_t gp_len, dat_len;

        write_nasty_chart(dir, all_kinds[k]);
        gp_path = ut_path(dir, "nasty.gp");
        dat_path = ut_path(dir, "nasty.dat");
        gp = ut_read(gp_path, &gp_len);
        dat = ut_read(dat_path, &dat_len);
        assert_non_null(gp);
        assert_non_null(dat);
        for (i = 0; i < NNASTY; i++)
            assert_false(ut_contains(gp, gp_len, nasty_labels[i]));
        for (i = 0; i < sizeof(never) / sizeof(never[0]); i++)
            if (ut_contains(gp, gp_len, never[i]))
                fail_msg("the .gp script contains \"%s\"", never[i]);
        /* The script reads the data file and nothing else, and writes
         * the three formats. */
        assert_true(ut_contains(gp, gp_len, "plot 'nasty.dat'"));
        assert_true(ut_contains(gp, gp_len, "do for [fmt in 'png svg pdf']"));
        assert_true(ut_contains(gp, gp_len, "set output 'nasty.'.fmt"));

        /* The data file holds the labels, made harmless. */
        if (all_kinds[k] != TS_CHART_YEARS) {
            assert_true(ut_contains(dat, dat_len, "\"`touch PWNED`\""));
            assert_true(ut_contains(dat, dat_len, "system('touch"));
            assert_true(ut_contains(dat, dat_len, "\"back slash \""));
        }
        assert_false(ut_contains(dat, dat_len, "line one\nline two"));
        free(gp);
        free(dat);
        free(gp_path);
        free(dat_path);
    }
}

static void test_plot_render_draws_hostile_labels_without_side_effects(
    void **state)
{
    static const char *const outputs[] = {"nasty.dat", "nasty.gp",
                                          "nasty.png", "nasty.svg",
                                          "nasty.pdf"};
    int pwned_here = ut_exists("PWNED");
    const char *dir = *state;
    size_t i, k;

    if (!plot_gnuplot_available())
        skip();
    for (k = 0; k < 3; k++) {
        ts_error err;
        ts_status rc;

        write_nasty_chart(dir, all_kinds[k]);
        ts_error_clear(&err);
        rc = plot_render(dir, "nasty.gp", -1, &err);
        if (rc != TS_OK)
            fail_msg("plot_render: %s: %s", err.file ? err.file : "",
                     err.msg);
        for (i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++) {
            char *p = ut_path(dir, outputs[i]);
            size_t len = 0;
            char *data = ut_read(p, &len);

            if (!data || len == 0)
                fail_msg("%s missing or empty", outputs[i]);
            if (i == 2)
                assert_memory_equal(data, "\x89PNG", 4);
            if (i == 4)
                assert_memory_equal(data, "%PDF", 4);
            /* The SVG names its bold font as browsers know it. */
            if (i == 3)
                assert_false(ut_contains(data, len, "Sans:Bold"));
            free(data);
            free(p);
        }
        /* Nothing else: no PWNED, no file named after a label. */
        assert_int_equal(ut_count_entries(dir), 5);
    }
    assert_int_equal(ut_exists("PWNED"), pwned_here);
}

static void test_plot_render_reports_gnuplot_failure(void **state)
{
    const char *dir = *state;
    char *gp;
    ts_error err;

    if (!plot_gnuplot_available())
        skip();
    gp = ut_write_text(dir, "broken.gp", "this is not gnuplot\n");
    ts_error_clear(&err);
    assert_int_equal(plot_render(dir, "broken.gp", -1, &err), TS_ERR_PLOT);
    assert_int_equal(err.status, TS_ERR_PLOT);
    assert_string_equal(err.file, "broken.gp");
    assert_true(strncmp(err.msg, "gnuplot failed: ", 16) == 0);
    assert_null(strchr(err.msg, '\n'));
    free(gp);
}

/* One gnuplot renders a batch of scripts with the same bytes as one
 * gnuplot each (the SVG terminal's line width and colour would otherwise
 * carry over from one script to the next). */
static void test_plot_render_batch_same_bytes_as_alone(void **state)
{
    static const char *const names[] = {"heat", "years", "bars"};
    static const char *const scripts[] = {"heat.gp", "years.gp", "bars.gp"};
    static const char *const exts[] = {"png", "svg", "pdf"};
    const ts_chart_kind kinds[] = {TS_CHART_HEATMAP, TS_CHART_YEARS,
                                   TS_CHART_BARS};
    const char *dir = *state;
    char *alone[3][3];
    size_t len[3][3], i, e;
    ts_render job;
    ts_error err;

    if (!plot_gnuplot_available())
        skip();
    for (i = 0; i < 3; i++) {
        write_named_chart(dir, kinds[i], names[i]);
        ts_error_clear(&err);
        assert_int_equal(plot_render(dir, scripts[i], 1700000000, &err),
                         TS_OK);
        for (e = 0; e < 3; e++) {
            char name[32], *p;

            snprintf(name, sizeof(name), "%s.%s", names[i], exts[e]);
            p = ut_path(dir, name);
            alone[i][e] = ut_read(p, &len[i][e]);
            assert_non_null(alone[i][e]);
            assert_int_equal(remove(p), 0);
            free(p);
        }
    }
    ts_error_clear(&err);
    assert_int_equal(plot_render_start(dir, scripts, 3, &job, &err), TS_OK);
    assert_int_equal(plot_render_finish(&job, dir, 1700000000, &err), TS_OK);
    assert_int_equal(job.done, 3);
    for (i = 0; i < 3; i++) {
        for (e = 0; e < 3; e++) {
            char name[32], *p, *data;
            size_t n = 0;

            snprintf(name, sizeof(name), "%s.%s", names[i], exts[e]);
            p = ut_path(dir, name);
            data = ut_read(p, &n);
            assert_non_null(data);
            if (n != len[i][e] || memcmp(data, alone[i][e], n) != 0)
                fail_msg("%s differs rendered in a batch", name);
            free(data);
            free(p);
            free(alone[i][e]);
        }
    }
}

/* A script that fails in the middle of a batch is the one named; the ones
 * before it were rendered, the ones after it not. */
static void test_plot_render_batch_names_the_failing_script(void **state)
{
    static const char *const scripts[] = {"first.gp", "broken.gp",
                                          "last.gp"};
    const char *dir = *state;
    char *gp, *p;
    ts_render job;
    ts_error err;

    if (!plot_gnuplot_available())
        skip();
    write_named_chart(dir, TS_CHART_BARS, "first");
    write_named_chart(dir, TS_CHART_BARS, "last");
    gp = ut_write_text(dir, "broken.gp", "this is not gnuplot\n");
    ts_error_clear(&err);
    assert_int_equal(plot_render_start(dir, scripts, 3, &job, &err), TS_OK);
    assert_int_equal(plot_render_finish(&job, dir, -1, &err), TS_ERR_PLOT);
    assert_int_equal(job.done, 1);
    assert_string_equal(err.file, "broken.gp");
    assert_true(strncmp(err.msg, "gnuplot failed: ", 16) == 0);
    assert_null(strchr(err.msg, '\n'));
    p = ut_path(dir, "first.png");
    assert_true(ut_exists(p));
    free(p);
    p = ut_path(dir, "last.png");
    assert_false(ut_exists(p));
    free(p);
    free(gp);
}

/* Saves PATH and makes a scratch directory; the teardown puts PATH back
 * even when the test fails. */
typedef struct path_fixture {
    char *saved;            /* PATH before the test, or NULL if unset */
    char *dir;              /* scratch directory */
} path_fixture;

static int path_setup(void **state)
{
    path_fixture *f = xcalloc(1, sizeof(*f));
    const char *old = getenv("PATH");

    f->saved = old ? xstrdup(old) : NULL;
    f->dir = ut_mkdtemp();
    *state = f;
    return 0;
}

static int path_teardown(void **state)
{
    path_fixture *f = *state;

    if (f->saved)
        setenv("PATH", f->saved, 1);
    else
        unsetenv("PATH");
    ut_rm_rf(f->dir);
    free(f->dir);
    free(f->saved);
    free(f);
    return 0;
}

static void test_plot_gnuplot_available_searches_path(void **state)
{
    path_fixture *f = *state;
    ts_strbuf sb = {0};
    char *fake;

    assert_int_equal(setenv("PATH", f->dir, 1), 0);
    assert_int_equal(plot_gnuplot_available(), 0);
    fake = ut_write_text(f->dir, "gnuplot", "#!/bin/sh\nexit 0\n");
    assert_int_equal(plot_gnuplot_available(), 0);  /* not executable */
    assert_int_equal(chmod(fake, 0755), 0);
    assert_int_equal(plot_gnuplot_available(), 1);
    /* Found in a later PATH entry too. */
    sb_printf(&sb, "/nonexistent-dir-for-trialscape:%s", f->dir);
    assert_int_equal(setenv("PATH", sb.buf, 1), 0);
    assert_int_equal(plot_gnuplot_available(), 1);
    sb_free(&sb);
    free(fake);
}

/* Adds a trial with a phase, countries, a lead sponsor and its funder
 * type. */
static void add_view_trial(ts_landscape *ls, int i, const char *phase,
                           const char *locations, const char *sponsor,
                           const char *funder)
{
    ts_record rec;
    ts_trial trial;
    ts_merged_one one;
    char nct[16];
    size_t c;

    snprintf(nct, sizeof(nct), "NCT%08d", i);
    memset(&rec, 0, sizeof(rec));
    rec.format = "ctgov-modern";
    rec.file = "unit.csv";
    for (c = 0; c < TS_COL_COUNT; c++) {
        rec.value[c] = "";
        rec.present[c] = 1;
    }
    rec.value[TS_COL_NCT] = nct;
    rec.value[TS_COL_PHASES] = phase;
    rec.value[TS_COL_LOCATIONS] = locations;
    rec.value[TS_COL_SPONSOR] = sponsor;
    rec.value[TS_COL_FUNDER] = funder;
    for (c = 0; c < TS_COL_COUNT; c++)
        rec.len[c] = strlen(rec.value[c]);
    landscape_add(ls, merge_one(&rec, &one), &trial);
}

static void test_view_table_orders_cuts_and_states_n(void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_view v;

    (void)state;
    add_view_trial(ls, 1, "PHASE2", "A, Lyon, France|B, Rome, Italy",
                   " Acme ", "INDUSTRY");
    add_view_trial(ls, 2, "PHASE1", "A, Rome, Italy", "Acme", "INDUSTRY");
    add_view_trial(ls, 3, "", "", "City Hospital|Acme", "OTHER");
    add_view_trial(ls, 4, "NA", "A, Oslo, Norway", "", "");
    /* Ordinal: natural order, "Not applicable" and "Not reported" drawn
     * as the categories they are. */
    view_table(ls, TS_TABLE_PHASE, 10, &v);
    assert_int_equal(v.n, 4);
    assert_string_equal(v.rows[0].label, "Phase I");
    assert_string_equal(v.rows[3].label, TS_LABEL_NOT_REPORTED);
    assert_string_equal(v.nline, "n = 4 trials");
    assert_string_equal(v.note, "");
    assert_null(v.empty);
    view_free(&v);
    /* Nominal: by count, then name; "Not reported" said in the note; a
     * cut of 1 keeps the tie (Italy 2) and says what is left out. */
    view_table(ls, TS_TABLE_COUNTRY, 1, &v);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.rows[0].label, "Italy");
    assert_int_equal(v.more, 2);
    assert_string_equal(v.note, "+2 more with 1 trial; 1 not reported; "
                                "a trial may count in several rows");
    view_free(&v);
    /* Lead sponsors: the first of a "|" list, trimmed. */
    view_table(ls, TS_TABLE_SPONSOR, 10, &v);
    assert_int_equal(v.n, 2);
    assert_string_equal(v.rows[0].label, "Acme");
    assert_int_equal(v.rows[0].count, 2);
    assert_string_equal(v.rows[1].label, "City Hospital");
    view_free(&v);
    /* No chemotherapy anywhere, no interventions: the panel says so. */
    view_table(ls, TS_TABLE_CHEMO_CLASS, 10, &v);
    assert_int_equal(v.n, 0);
    assert_non_null(v.empty);
    view_free(&v);
    view_table(ls, TS_TABLE_INDICATION, 10, &v);
    assert_string_equal(v.empty, "No conditions in this export");
    view_free(&v);
    landscape_free(ls);
}

/* ---- report ----------------------------------------------------------- */

static void test_report_format_percent_prints_one_decimal(void **state)
{
    char buf[16];

    (void)state;
    report_format_percent(buf, 25.0);
    assert_string_equal(buf, "25.0");
    report_format_percent(buf, 100.0 * 77 / 131);
    assert_string_equal(buf, "58.8");
    report_format_percent(buf, 0.0);
    assert_string_equal(buf, "0.0");
    report_format_percent(buf, 100.0);
    assert_string_equal(buf, "100.0");
    report_format_percent(buf, -1.0);
    assert_string_equal(buf, "");
    /* A share that is not zero never prints as 0.0. */
    report_format_percent(buf, 100.0 * 1 / 2964);
    assert_string_equal(buf, "0.03");
    report_format_percent(buf, 100.0 * 1 / 1000000);
    assert_string_equal(buf, "0.0001");
    report_format_percent(buf, 0.05);
    assert_string_equal(buf, "0.1");
}

/* ---- view ------------------------------------------------------------- */

static void test_view_percent_text_prints_small_shares_as_below_one(
    void **state)
{
    char buf[8], val[40];

    (void)state;
    view_percent_text(buf, 20, 19.6);
    assert_string_equal(buf, "20%");
    view_percent_text(buf, 10, 0.34);
    assert_string_equal(buf, "<1%");
    view_percent_text(buf, 1, 0.5);
    assert_string_equal(buf, "1%");
    view_percent_text(buf, 0, 0.0);
    assert_string_equal(buf, "0%");
    view_percent_text(buf, 3, -1.0);
    assert_string_equal(buf, "");
    view_value_text(val, 31, 20.4);
    assert_string_equal(val, "31 (20%)");
    view_value_text(val, 10, 0.2);
    assert_string_equal(val, "10 (<1%)");
    view_value_text(val, 7, -1);
    assert_string_equal(val, "7");
}

static void test_view_cut_keeps_ties_together_or_says_so(void **state)
{
    static const unsigned long clean[] = {9, 8, 7, 6, 5, 4};
    static const unsigned long one_more[] = {9, 8, 7, 6, 5, 5, 2};
    static const unsigned long before[] = {9, 8, 7, 6, 5, 5, 5, 5, 1};
    static const unsigned long all_tied[] = {1, 1, 1, 1, 1, 1, 1, 1};
    char buf[96];

    (void)state;
    /* No tie at the cut: exactly N. */
    assert_int_equal(view_cut(clean, 6, 3), 3);
    view_more(buf, sizeof(buf), clean, 6, 3);
    assert_string_equal(buf, "+3 more with 6 trials or fewer");
    /* A tie one row past the cut: both shown. */
    assert_int_equal(view_cut(one_more, 7, 5), 6);
    view_more(buf, sizeof(buf), one_more, 7, 6);
    assert_string_equal(buf, "+1 more with 2 trials");
    /* A longer tie: the cut moves before it. */
    assert_int_equal(view_cut(before, 9, 5), 4);
    view_more(buf, sizeof(buf), before, 9, 4);
    assert_string_equal(buf, "+5 more with 5 trials or fewer");
    /* Everything tied: N shown, the rest said. */
    assert_int_equal(view_cut(all_tied, 8, 3), 3);
    view_more(buf, sizeof(buf), all_tied, 8, 3);
    assert_string_equal(buf, "+5 more with 1 trial");
    /* No cut. */
    assert_int_equal(view_cut(clean, 6, 0), 6);
    assert_int_equal(view_cut(clean, 6, 10), 6);
    view_more(buf, sizeof(buf), clean, 6, 6);
    assert_string_equal(buf, "");
    view_nline(buf, sizeof(buf), 1, "trials with chemotherapy");
    assert_string_equal(buf, "n = 1 trial with chemotherapy");
    view_nline(buf, sizeof(buf), 49, "trials with chemotherapy");
    assert_string_equal(buf, "n = 49 trials with chemotherapy");
}

static void test_report_classify_row_prints_one_tsv_line_per_text(
    void **state)
{
    char *tp = ut_write_text(*state, "targets.tsv",
                             "symbol\tdisplay\tfamily\timmune\n"
                             "KDR\tKDR (VEGFR2)\tVEGFR\tno\n"
                             "PDCD1\tPD-1\tCheckpoint\tyes\n");
    char *sp = ut_write_text(
        *state, "substances.tsv",
        "name\tsynonyms\tmodality\tchemo_class\ttargets\timmuno_targets\n"
        "gemcitabine\tGemzar\tchemotherapy\tdna_synthesis\t-\t-\n"
        "docetaxel\tTaxotere\tchemotherapy\tmicrotubule\t-\t-\n"
        "paclitaxel\tTaxol\tchemotherapy\tmicrotubule\t-\t-\n"
        "pazopanib\tVotrient\ttargeted\t-\tKDR,PDGFRB\t-\n"
        "pembrolizumab\tKeytruda|MK-3475\timmunotherapy\t-\t-\tPDCD1\n"
        "placebo\t-\tplacebo\t-\t-\t-\n");
    static const char *const texts[] = {
        "DRUG: Gemcitabine + Docetaxel",
        "Docetaxel + Paclitaxel",
        "Votrient + Keytruda",
        "Placebo",
        "Blorbimab",
        "RADIATION: Proton beam",
        "Docetaxel\tweekly",
    };
    ts_dict *d = dict_new();
    ts_error err;
    memout m;
    size_t i;

    assert_int_equal(dict_load_targets(d, tp, &err), TS_OK);
    assert_int_equal(dict_load_substances(d, sp, 0, &err), TS_OK);
    mem_open(&m);
    report_classify_header(m.fp);
    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        report_classify_row(m.fp, d, texts[i], strlen(texts[i]), 0);
    /* Only len bytes are read. */
    report_classify_row(m.fp, d, "Taxol + Gemzar", 5, 0);
    mem_close(&m);
    assert_string_equal(
        m.buf,
        "input\tsubstance\tmodality\tchemo_class\ttargets\timmuno_targets\t"
        "drug_class\tinferred\n"
        "DRUG: Gemcitabine + Docetaxel\tgemcitabine + docetaxel\t"
        "chemotherapy\tdna_synthesis,microtubule\t\t\t\t\n"
        "Docetaxel + Paclitaxel\tdocetaxel + paclitaxel\tchemotherapy\t"
        "microtubule\t\t\t\t\n"
        "Votrient + Keytruda\tpazopanib + pembrolizumab\t"
        "targeted,immunotherapy\t\tKDR,PDGFRB\tPDCD1\t\t\n"
        "Placebo\tplacebo\tplacebo\t\t\t\t\t\n"
        "Blorbimab\t\t\t\t\t\t\t\n"
        "RADIATION: Proton beam\t\tradiotherapy\t\t\t\t\t\n"
        "Docetaxel\\tweekly\tdocetaxel\tchemotherapy\tmicrotubule\t\t\t\t\n"
        "Taxol\tpaclitaxel\tchemotherapy\tmicrotubule\t\t\t\t\n");
    free(m.buf);
    dict_free(d);
    free(tp);
    free(sp);
}

/* Warnings report_write raised: "FILE: STRERROR: msg\n" each. */
static void collect_warning(void *ctx, const ts_error *w)
{
    sb_printf(ctx, "%s: %s: %s\n", w->file ? w->file : "-",
              ts_strerror(w->status), w->msg);
}

/* Stages trials.tsv for n trials (titles and conditions given, phases
 * cycling I, II, II) through report_open, report_trial and report_close
 * with the given threads, and commits into tmpdir/name.
 * Returns the output directory (caller frees); warnings go to warns. */
static char *write_report_threads(const char *name,
                                  const char *const *titles,
                                  const char *const *conditions, size_t n,
                                  ts_strbuf *warns, int threads)
{
    static const char *const phases[] = {"PHASE1", "PHASE2", "PHASE2"};
    char *out = ut_path(tmpdir, name);
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_run_input input;
    ts_report_opts opts;
    ts_run run;
    ts_stage *st;
    ts_error err;
    ts_report *rep;
    char *staging, *p;
    size_t i;

    assert_int_equal(stage_open(out, &st, &err), TS_OK);
    staging = xstrdup(stage_dir(st));
    assert_int_equal(report_open(st, ls, "0.0.0-unit", 0, threads, &rep,
                                 &err),
                     TS_OK);
    for (i = 0; i < n; i++) {
        ts_record rec;
        ts_trial trial;
        char nct[24];
        size_t c;

        snprintf(nct, sizeof(nct), "NCT%08zu", i + 1);
        memset(&rec, 0, sizeof(rec));
        rec.format = "ctgov-modern";
        rec.file = "unit.csv";
        rec.line = (unsigned long)i + 2;
        rec.row = (unsigned long)i + 1;
        for (c = 0; c < TS_COL_COUNT; c++) {
            rec.value[c] = "";
            rec.present[c] = 1;
        }
        rec.value[TS_COL_NCT] = nct;
        rec.value[TS_COL_TITLE] = titles[i];
        rec.value[TS_COL_CONDITIONS] = conditions[i];
        rec.value[TS_COL_PHASES] = phases[i % 3];
        rec.value[TS_COL_STATUS] = "RECRUITING";
        rec.value[TS_COL_START] = "2020-05";
        rec.value[TS_COL_LOCATIONS] = "S, Lyon, France";
        for (c = 0; c < TS_COL_COUNT; c++)
            rec.len[c] = strlen(rec.value[c]);
        add_record(ls, &rec, &trial);
        report_trial(rep, &trial);
    }

    memset(&input, 0, sizeof(input));
    snprintf(input.stats.name, sizeof(input.stats.name), "unit.csv");
    input.stats.format = "ctgov-modern";
    input.stats.delimiter = ',';
    memset(input.stats.sha256, '0', 64);
    input.stats.rows = n;
    memset(&run, 0, sizeof(run));
    run.version = "0.0.0-unit";
    run.inputs = &input;
    run.ninputs = 1;
    run.ls = ls;
    run.epoch = 0;
    memset(&opts, 0, sizeof(opts));
    opts.charts = 0;
    opts.top = 10;
    ts_error_clear(&err);
    if (report_close(rep, &run, &opts, collect_warning, warns, &err) !=
        TS_OK)
        fail_msg("report_close: %s: %s", err.file ? err.file : "", err.msg);

    /* Everything is still staged: nothing has its final name yet. */
    p = ut_path(out, "landscape.xlsx");
    assert_false(ut_exists(p));
    free(p);
    assert_int_equal(stage_commit(st, &err), TS_OK);
    assert_false(ut_exists(staging));
    free(staging);
    landscape_free(ls);
    return out;
}

static char *write_report(const char *name, const char *const *titles,
                          const char *const *conditions, size_t n,
                          ts_strbuf *warns)
{
    return write_report_threads(name, titles, conditions, n, warns, 2);
}

/* Reads OUT/rel; caller frees. */
static char *read_output(const char *out, const char *rel, size_t *len)
{
    char *p = ut_path(out, rel);
    char *text = ut_read(p, len);

    if (!text)
        fail_msg("%s was not written", rel);
    free(p);
    return text;
}

/* A three-trial run written through report_write into a stage, then
 * committed: the workbook is a zip ("PK"), the tables hold the counts. */
static void test_report_write_creates_workbook_and_tables(void **state)
{
    static const char *const titles[] = {
        "=HYPERLINK(\"http://x\")\tTitle", "Two", "Three"};
    static const char *const conditions[] = {"MPNST", "", "NF1"};
    ts_strbuf warns = {0};
    char *out, *text, *p;
    size_t len = 0;

    (void)state;
    out = write_report("report-out", titles, conditions, 3, &warns);
    assert_string_equal(sb_str(&warns), "");

    text = read_output(out, "landscape.xlsx", &len);
    assert_true(len > 4);
    assert_memory_equal(text, "PK\x03\x04", 4);
    free(text);

    text = read_output(out, "tables/phase.tsv", NULL);
    assert_string_equal(text, "category\ttrials\tpercent\n"
                              "Phase I\t1\t33.3\n"
                              "Phase II\t2\t66.7\n");
    free(text);

    text = read_output(out, "tables/country.tsv", NULL);
    assert_string_equal(text, "category\ttrials\tpercent\n"
                              "France\t3\t100.0\n");
    free(text);

    text = read_output(out, "manifest.json", &len);
    assert_true(ut_contains(text, len, "\"trials\": 3,"));
    assert_true(ut_contains(text, len, "\"charts_rendered\": false"));
    free(text);

    p = ut_path(out, "figures/phase.gp");
    assert_true(ut_exists(p));
    free(p);
    p = ut_path(out, "figures/phase.png");
    assert_false(ut_exists(p));     /* charts off: nothing rendered */
    free(p);

    sb_free(&warns);
    free(out);
}

/* 2026-11-23: cells were cut at 32767 bytes, but Excel's limit (and
 * libxlsxwriter's check) counts characters, so non-ASCII text well under
 * the limit lost its end in the workbook, with a warning. */
static void test_report_write_cuts_only_cells_over_excels_character_limit(
    void **state)
{
    const size_t neuro = 12000;         /* 12000 chars, 36000 bytes */
    char *euros = xmalloc(3 * neuro + 1);
    char *xs = xmalloc(40001);
    const char *titles[2], *conditions[2];
    ts_strbuf warns = {0};
    char *out, *text;
    size_t i, len = 0;

    (void)state;
    for (i = 0; i < neuro; i++)
        memcpy(euros + 3 * i, "\xE2\x82\xAC", 3);
    euros[3 * neuro] = '\0';
    memset(xs, 'x', 40000);
    xs[40000] = '\0';
    titles[0] = euros;
    conditions[0] = "MPNST";
    titles[1] = "Short title";
    conditions[1] = xs;
    out = write_report("report-long", titles, conditions, 2, &warns);
    assert_string_equal(sb_str(&warns),
                        "landscape.xlsx: workbook error: 1 cells longer "
                        "than Excel's "
                        "32767 characters were cut in the workbook "
                        "(trials.tsv has them whole)\n");
    text = read_output(out, "landscape.xlsx", &len);
    assert_memory_equal(text, "PK\x03\x04", 4);
    free(text);
    /* trials.tsv keeps both values whole. */
    text = read_output(out, "trials.tsv", &len);
    assert_true(ut_contains(text, len, euros));
    assert_true(ut_contains(text, len, xs));
    free(text);
    sb_free(&warns);
    free(out);
    free(euros);
    free(xs);
}

/* The Trials sheet built on a second thread while trials arrive, or from
 * trials.tsv at the end on one: the same bytes either way. */
static void test_report_threads_do_not_change_outputs(void **state)
{
    static const char *const titles[] = {"One", "Two\tTabbed", "Three",
                                         "Four", "=1+1"};
    static const char *const conditions[] = {"MPNST", "", "NF1", "Sarcoma",
                                             "MPNST"};
    static const char *const files[] = {"landscape.xlsx", "trials.tsv",
                                        "landscape.json", "manifest.json",
                                        "tables/phase.tsv"};
    ts_strbuf warns = {0};
    char *one, *two;
    size_t i;

    (void)state;
    one = write_report_threads("threads-1", titles, conditions, 5, &warns, 1);
    two = write_report_threads("threads-2", titles, conditions, 5, &warns, 2);
    assert_string_equal(sb_str(&warns), "");
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t n1 = 0, n2 = 0;
        char *a = read_output(one, files[i], &n1);
        char *b = read_output(two, files[i], &n2);

        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, n1);
        free(a);
        free(b);
    }
    sb_free(&warns);
    free(one);
    free(two);
}

/* An abandoned report (a --strict stop, no trials) leaves nothing behind
 * once the stage is dropped, and its thread is gone. */
static void test_report_abort_leaves_no_outputs(void **state)
{
    char *out = ut_path(tmpdir, "aborted");
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_report *rep;
    ts_stage *st;
    ts_error err;
    char *staging;
    int threads;

    (void)state;
    for (threads = 1; threads <= 2; threads++) {
        assert_int_equal(stage_open(out, &st, &err), TS_OK);
        staging = xstrdup(stage_dir(st));
        assert_int_equal(report_open(st, ls, "0.0.0-unit", 0, threads, &rep,
                                     &err),
                         TS_OK);
        report_abort(rep);
        stage_abort(st);
        assert_false(ut_exists(staging));
        assert_int_equal(ut_count_entries(out), 0);
        free(staging);
    }
    report_abort(NULL);
    landscape_free(ls);
    free(out);
}

/* Closes a workbook of a run that has only the landscape ls. */
static ts_status close_xlsx(ts_xlsx *x, ts_landscape *ls, ts_xlsx_loss *loss,
                            ts_error *err)
{
    ts_run run;

    memset(&run, 0, sizeof(run));
    run.version = "0.0.0-unit";
    run.ls = ls;
    run.epoch = 0;
    return xlsx_close(x, &run, 0, loss, err);
}

/* Runs a python3 script on arg; returns its exit status. */
static int run_python(const char *script, const char *arg)
{
    char *file = ut_write_text(tmpdir, "check.py", script);
    ts_strbuf cmd = {0};
    int rc;

    sb_printf(&cmd, "/usr/bin/python3 %s %s", file, arg);
    rc = system(sb_str(&cmd));
    sb_free(&cmd);
    free(file);
    return rc;
}

/* Excel holds 1048576 rows: the header and 1048574 trials, then a note of
 * how many more are in trials.tsv. */
static void test_xlsx_trials_sheet_notes_rows_past_excels_limit(void **state)
{
    static const char script[] =
        "import sys, zipfile\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "x = z.read(\"xl/worksheets/sheet%d.xml\" % len([n for n in z.namelist() if n.startswith(\"xl/worksheets/sheet\")])).decode()\n"
        "assert \"row limit reached: 2 more trials are in trials.tsv\" in x, "
        "x[-600:]\n"
        "assert x.count(\"<row \") == 1048576, x.count(\"<row \")\n"
        "assert all(i.flag_bits & 6 == 6 for i in z.infolist() "
        "if i.compress_type == 8)\n";
    char *path = ut_path(tmpdir, "limit.xlsx");
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_xlsx *x;
    ts_error err;
    ts_xlsx_loss loss;
    unsigned long i;
    char line[32];

    (void)state;
    assert_int_equal(xlsx_open(path, "unit.xlsx", tmpdir, ls, "0.0.0-unit",
                               0, 2, &x, &err),
                     TS_OK);
    strcpy(line, "nct_id");
    xlsx_trials_line(x, line, strlen(line));
    for (i = 0; i < 1048574UL + 2; i++) {
        int n = snprintf(line, sizeof(line), "NCT%08lu", i + 1);

        xlsx_trials_line(x, line, (size_t)n);
    }
    if (close_xlsx(x, ls, &loss, &err) != TS_OK)
        fail_msg("xlsx_close: %s", err.msg);
    assert_int_equal(loss.beyond, 2);
    assert_int_equal(loss.cut, 0);
    assert_int_equal(run_python(script, path), 0);
    landscape_free(ls);
    free(path);
}

/* The NCT id cell links to the registry page through a HYPERLINK formula
 * only when it has the NCT + 8 digits shape; anything else is text. */
static void test_xlsx_links_only_well_formed_nct_ids(void **state)
{
    static const char script[] =
        "import sys, zipfile\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "last = len([n for n in z.namelist() if n.startswith(\"xl/worksheets/sheet\")])\n"
        "x = z.read(\"xl/worksheets/sheet%d.xml\" % last).decode()\n"
        "assert x.count(\"<f>\") == 1, x\n"
        "assert \"<f>HYPERLINK(\\\"https://clinicaltrials.gov/study/"
        "NCT01234567\\\",\\\"NCT01234567\\\")</f>\" in x, x\n"
        "assert \"NCT0123456\\\"\" not in x\n";
    static const char *const ids[] = {
        "NCT01234567", "NCT0123456", "NCT012345678", "NCT0123456x",
        "=HYPERLINK(\"http://evil\")"};
    char *path = ut_path(tmpdir, "links.xlsx");
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_xlsx *x;
    ts_error err;
    ts_xlsx_loss loss;
    char line[64];
    size_t i;

    (void)state;
    assert_int_equal(xlsx_open(path, "unit.xlsx", tmpdir, ls, "0.0.0-unit",
                               0, 2, &x, &err),
                     TS_OK);
    strcpy(line, "nct_id");
    xlsx_trials_line(x, line, strlen(line));
    for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        strcpy(line, ids[i]);
        xlsx_trials_line(x, line, strlen(line));
    }
    assert_int_equal(close_xlsx(x, ls, &loss, &err), TS_OK);
    assert_int_equal(run_python(script, path), 0);
    landscape_free(ls);
    free(path);
}

/* A workbook that cannot be written fails at close with an output error
 * naming it by the name given, which outlives the workbook. */
static void test_xlsx_close_reports_unwritable_file_by_name(void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    char *path = ut_path(tmpdir, "no-such-dir/x.xlsx");
    ts_xlsx *x = NULL;
    ts_xlsx_loss loss;
    ts_error err;
    ts_status rc;

    (void)state;
    ts_error_clear(&err);
    rc = xlsx_open(path, "unit.xlsx", tmpdir, ls, "0.0.0-unit", 0, 1, &x,
                   &err);
    if (rc == TS_OK)
        rc = close_xlsx(x, ls, &loss, &err);
    assert_int_equal(rc, TS_ERR_OUTPUT);
    assert_string_equal(err.file, "unit.xlsx");
    assert_true(strncmp(err.msg, "cannot write workbook", 21) == 0 ||
                strncmp(err.msg, "cannot create workbook", 22) == 0);
    landscape_free(ls);
    free(path);
}

/* ---- sheetrows ---------------------------------------------------------- */

/* Writes the same rows (enough for several chunks) on `threads` threads
 * into path; returns what sheetrows_close said. */
static ts_sheetrows_info write_rows(const char *path, int threads)
{
    ts_sheetrows *w;
    ts_sheetrows_info info;
    ts_error err;
    unsigned long r;

    assert_int_equal(sheetrows_open(path, threads, &w, &err), TS_OK);
    for (r = 1; r <= 40000; r++) {
        char text[96];
        int n = snprintf(text, sizeof(text), "trial %lu: a & b <c> %s", r,
                         r % 7 ? "words words words" : "\x01 ");

        sheetrows_row(w, r);
        sheetrows_formula(w, 0, "HYPERLINK(\"u\",\"v\")", "NCT1", 3);
        sheetrows_string(w, 1, text, (size_t)n, 0);
        sheetrows_number(w, 27, (double)r, 0);
        sheetrows_number(w, 28, 0.5, 2);
    }
    assert_int_equal(sheetrows_close(w, &info, &err), TS_OK);
    return info;
}

/* Inflates the joined pieces (not final: a full flush ends them). */
static char *inflate_pieces(const char *data, size_t n, size_t raw)
{
    z_stream z;
    char *out = malloc(raw + 1);

    assert_non_null(out);
    memset(&z, 0, sizeof(z));
    assert_int_equal(inflateInit2(&z, -15), Z_OK);
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)raw;
    assert_true(inflate(&z, Z_SYNC_FLUSH) == Z_OK);
    assert_int_equal(z.total_out, raw);
    assert_int_equal(z.avail_in, 0);
    inflateEnd(&z);
    out[raw] = '\0';
    return out;
}

/* Pieces deflated on one thread or four are the same bytes; joined they
 * inflate to the rows' XML, escaped as libxlsxwriter escapes, with the
 * CRC-32 and sizes sheetrows_close reports. */
static void test_sheetrows_pieces_join_into_the_rows_whatever_the_threads(
    void **state)
{
    char *p1 = ut_path(tmpdir, "rows1.bin"), *p4 = ut_path(tmpdir,
                                                           "rows4.bin");
    ts_sheetrows_info a = write_rows(p1, 1), b = write_rows(p4, 4);
    size_t n1, n4;
    char *d1 = ut_read(p1, &n1), *d4 = ut_read(p4, &n4), *xml;

    (void)state;
    assert_true(a.raw > 3 * TS_SHEETROWS_CHUNK);
    assert_int_equal(a.rows, 40000);
    assert_int_equal(a.raw, b.raw);
    assert_int_equal(a.crc, b.crc);
    assert_int_equal(a.packed, n1);
    assert_int_equal(n1, n4);
    assert_memory_equal(d1, d4, n1);
    xml = inflate_pieces(d1, n1, (size_t)a.raw);
    assert_int_equal(crc32(0, (const Bytef *)xml, (uInt)a.raw), a.crc);
    assert_non_null(strstr(xml,
        "<row r=\"2\"><c r=\"A2\" s=\"3\" t=\"str\"><f>HYPERLINK(\"u\","
        "\"v\")</f><v>NCT1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>"
        "trial 1: a &amp; b &lt;c&gt; words words words</t></is></c>"
        "<c r=\"AB2\"><v>1</v></c><c r=\"AC2\" s=\"2\"><v>0.5</v></c>"
        "</row>"));
    assert_non_null(strstr(xml, "<t xml:space=\"preserve\">trial 7: a &amp; "
                                "b &lt;c&gt; _x0001_ </t>"));
    assert_non_null(strstr(xml, "<row r=\"40001\">"));
    free(xml);
    free(d1);
    free(d4);
    free(p1);
    free(p4);
}

static void test_sheetrows_colname_counts_like_excel(void **state)
{
    char b[4];

    (void)state;
    sheetrows_colname(0, b);
    assert_string_equal(b, "A");
    sheetrows_colname(25, b);
    assert_string_equal(b, "Z");
    sheetrows_colname(26, b);
    assert_string_equal(b, "AA");
    sheetrows_colname(701, b);
    assert_string_equal(b, "ZZ");
    sheetrows_colname(702, b);
    assert_string_equal(b, "AAA");
    sheetrows_colname(16383, b);
    assert_string_equal(b, "XFD");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tsv_put_escapes_backslash_tab_newline_and_cr),
        cmocka_unit_test(test_tsv_unescape_reverses_tsv_put_for_every_byte),
        cmocka_unit_test(
            test_tsv_unescape_keeps_unknown_and_trailing_backslash),
        cmocka_unit_test(
            test_json_put_escapes_quotes_backslash_and_control_chars),
        cmocka_unit_test(test_trials_write_header_names_every_column),
        cmocka_unit_test(test_trials_write_row_has_every_column_on_one_line),
        cmocka_unit_test(test_trials_url_builds_registry_link_from_nct),
        cmocka_unit_test(test_plot_write_refuses_title_with_script_syntax),
        cmocka_unit_test(
            test_plot_write_refuses_name_with_dot_slash_or_capitals),
        cmocka_unit_test(test_plot_write_accepts_constant_text),
        cmocka_unit_test(test_plot_put_label_quotes_and_flattens_text),
        cmocka_unit_test(
            test_plot_wrap_breaks_at_spaces_and_never_hides_the_end),
        ut_test_in_dir(test_plot_write_keeps_labels_out_of_the_script),
        ut_test_in_dir(
            test_plot_render_draws_hostile_labels_without_side_effects),
        ut_test_in_dir(test_plot_render_reports_gnuplot_failure),
        ut_test_in_dir(test_plot_render_batch_same_bytes_as_alone),
        ut_test_in_dir(test_plot_render_batch_names_the_failing_script),
        cmocka_unit_test_setup_teardown(
            test_plot_gnuplot_available_searches_path, path_setup,
            path_teardown),
        cmocka_unit_test(
            test_sheetrows_pieces_join_into_the_rows_whatever_the_threads),
        cmocka_unit_test(test_sheetrows_colname_counts_like_excel),
        cmocka_unit_test(test_report_format_percent_prints_one_decimal),
        cmocka_unit_test(
            test_view_percent_text_prints_small_shares_as_below_one),
        cmocka_unit_test(test_view_cut_keeps_ties_together_or_says_so),
        cmocka_unit_test(test_view_table_orders_cuts_and_states_n),
        ut_test_in_dir(
            test_report_classify_row_prints_one_tsv_line_per_text),
        cmocka_unit_test(test_report_write_creates_workbook_and_tables),
        cmocka_unit_test(
            test_report_write_cuts_only_cells_over_excels_character_limit),
        cmocka_unit_test(test_report_threads_do_not_change_outputs),
        cmocka_unit_test(test_report_abort_leaves_no_outputs),
        cmocka_unit_test(test_xlsx_links_only_well_formed_nct_ids),
        cmocka_unit_test(test_xlsx_close_reports_unwritable_file_by_name),
        cmocka_unit_test(test_xlsx_trials_sheet_notes_rows_past_excels_limit),
    };

    return cmocka_run_group_tests(tests, ut_group_setup, ut_group_teardown);
}
