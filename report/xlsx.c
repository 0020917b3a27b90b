/*
 * xlsx.c - the workbook, written with libxlsxwriter (report stage).
 */
#include "report/xlsx.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "report/textout.h"
#include "report/trials.h"

#define STR_MAX 32767       /* Excel's limit on a cell's text */
#define WIDTH_MAX 60.0

struct ts_xlsx {
    lxw_workbook *wb;
    lxw_format *bold;
    lxw_format *title;
    lxw_format *header;
    lxw_format *pct;
    lxw_format *wrap;
    lxw_format *gap;
    lxw_error lerr;         /* first libxlsxwriter error */
    unsigned long cut;      /* cells cut to STR_MAX */
    ts_strbuf tmp;
    const char *name;       /* the workbook's name in messages; borrowed */
    /* Every sheet is added when the workbook opens, so the Trials sheet
     * can fill while the inputs are read and still come last. */
    lxw_worksheet *summary;
    lxw_worksheet *table[TS_TABLE_COUNT];
    lxw_worksheet *xtab[TS_X_COUNT];
    lxw_worksheet *enrollment;
    lxw_worksheet *unmapped;
    lxw_worksheet *trials;
    /* The Trials sheet while it fills. */
    lxw_format *link;
    lxw_row_t row;          /* next row */
    unsigned long beyond;   /* trials past Excel's row limit */
    int to_sheet[64];       /* trials.tsv column -> sheet column, or -1 */
    char numeric[64];       /* 1: a number when it holds an integer */
    double width[64];       /* widest text per sheet column */
    size_t ncol;            /* trials.tsv columns */
    size_t nct_col;         /* trials.tsv column of the NCT id */
    lxw_col_t nsheet;       /* sheet columns */
};

typedef struct ts_xlsx book;

const char *xlsx_library_version(void)
{
    return LXW_VERSION;
}

static void check(book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->lerr == LXW_NO_ERROR)
        b->lerr = e;
}

/* Writes text as a string cell (never a formula), cut to Excel's limit at
 * a UTF-8 character boundary. */
static void put_text(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                     const char *s, size_t len, lxw_format *f)
{
    if (len == 0)
        return;
    if (len > STR_MAX) {
        /* The limit counts characters (libxlsxwriter counts UTF-8 lead
         * bytes), not bytes: stop where character STR_MAX + 1 begins. */
        size_t k, chars = 0;

        for (k = 0; k < len; k++)
            if (((unsigned char)s[k] & 0xC0) != 0x80 && chars++ == STR_MAX)
                break;
        if (k < len) {
            len = k;
            b->cut++;
        }
    }
    sb_reset(&b->tmp);
    sb_append(&b->tmp, s, len);
    check(b, worksheet_write_string(ws, r, c, b->tmp.buf, f));
}

static void put_str(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                    const char *s, lxw_format *f)
{
    put_text(b, ws, r, c, s, strlen(s), f);
}

static void put_num(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                    double v, lxw_format *f)
{
    check(b, worksheet_write_number(ws, r, c, v, f));
}

static lxw_worksheet *add_sheet(book *b, const char *name)
{
    lxw_error e = workbook_validate_sheet_name(b->wb, name);

    if (e != LXW_NO_ERROR) {
        check(b, e);
        return NULL;
    }
    return workbook_add_worksheet(b->wb, name);
}

static const char *denom_name(const ts_run *run)
{
    return landscape_denominator(run->ls) == TS_DENOM_ALL
               ? "all trials"
               : "trials with a known value";
}

static void write_summary(book *b, const ts_run *run)
{
    lxw_worksheet *ws = b->summary;
    lxw_row_t r = 0;
    size_t i;
    char buf[128];

    if (!ws)
        return;
    put_str(b, ws, r++, 0, "Clinical trial landscape", b->title);
    snprintf(buf, sizeof(buf), "trialscape %s", run->version);
    put_str(b, ws, r++, 0, buf, NULL);
    r++;
    put_str(b, ws, r, 0, "Trials analysed", b->bold);
    put_num(b, ws, r++, 1, (double)landscape_trials(run->ls), NULL);
    put_str(b, ws, r, 0, "Duplicate rows not counted", b->bold);
    put_num(b, ws, r++, 1, (double)landscape_duplicates(run->ls), NULL);
    if (filter_count(run->filter)) {
        put_str(b, ws, r, 0, "Filter (--where)", b->bold);
        put_str(b, ws, r++, 1, filter_text(run->filter), NULL);
        put_str(b, ws, r, 0, "Trials left out by the filter", b->bold);
        put_num(b, ws, r++, 1, (double)landscape_left_out(run->ls), NULL);
    }
    put_str(b, ws, r, 0, "Percentages are of", b->bold);
    put_str(b, ws, r++, 1, denom_name(run), NULL);
    put_str(b, ws, r, 0, "Warnings", b->bold);
    put_num(b, ws, r++, 1, (double)run->warnings_total, NULL);
    {
        unsigned long mentions, matched, placebo;

        landscape_coverage(run->ls, &mentions, &matched, &placebo);
        put_str(b, ws, r, 0, "Drug/biological mentions", b->bold);
        put_num(b, ws, r++, 1, (double)mentions, NULL);
        put_str(b, ws, r, 0, "Matched to a substance", b->bold);
        if (mentions)
            put_num(b, ws, r, 1, (double)matched / (double)mentions, b->pct);
        r++;
        put_str(b, ws, r, 0, "Placebo mentions (not counted)", b->bold);
        put_num(b, ws, r++, 1, (double)placebo, NULL);
        if (run->dict) {
            snprintf(buf, sizeof(buf),
                     "%zu substances, %zu names, %zu regimens, %zu targets",
                     dict_nsubstances(run->dict), dict_nkeys(run->dict),
                     dict_nregimens(run->dict), dict_ntargets(run->dict));
            put_str(b, ws, r, 0, "Dictionary", b->bold);
            put_str(b, ws, r++, 1, buf, NULL);
        }
        {
            /* Which classes panel E shows, and why (landscape_panel_e). */
            unsigned long cancer, trials;
            ts_table e = landscape_panel_e(run->ls, &cancer, &trials);
            char rule[200];

            snprintf(rule, sizeof(rule),
                     "%s: %lu of %lu trials are about cancer (chemotherapy "
                     "classes when at least half are)",
                     e == TS_TABLE_CHEMO_CLASS ? "chemotherapy classes"
                                               : "drug classes",
                     cancer, trials);
            put_str(b, ws, r, 0, "Panel E shows", b->bold);
            put_str(b, ws, r++, 1, rule, NULL);
        }
    }
    r++;

    put_str(b, ws, r++, 0, "Inputs", b->title);
    {
        static const char *const head[] = {
            "File", "Format", "Rows read", "Rows skipped", "Blank rows",
            "Warnings", "SHA-256", "Error",
        };

        for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
            put_str(b, ws, r, (lxw_col_t)i, head[i], b->header);
        r++;
    }
    for (i = 0; i < run->ninputs; i++) {
        const ts_run_input *in = &run->inputs[i];

        put_str(b, ws, r, 0, in->stats.name, NULL);
        put_str(b, ws, r, 1, in->stats.format, NULL);
        put_num(b, ws, r, 2, (double)in->stats.rows, NULL);
        put_num(b, ws, r, 3, (double)in->stats.skipped, NULL);
        put_num(b, ws, r, 4, (double)in->stats.blank, NULL);
        put_num(b, ws, r, 5, (double)in->stats.warnings, NULL);
        put_str(b, ws, r, 6, in->stats.sha256, NULL);
        if (in->failed)
            put_str(b, ws, r, 7, in->error, NULL);
        r++;
    }
    r++;
    put_str(b, ws, r++, 0, "Tables", b->title);
    put_str(b, ws, r, 0, "Sheet", b->header);
    put_str(b, ws, r, 1, "Denominator", b->header);
    put_str(b, ws, r++, 2, "Trials with a known value", b->header);
    for (i = 0; i < TS_TABLE_COUNT; i++) {
        ts_tally *t = landscape_table(run->ls, (ts_table)i);

        put_str(b, ws, r, 0, tally_title(t), NULL);
        put_num(b, ws, r, 1,
                (double)landscape_table_denominator(run->ls, (ts_table)i),
                NULL);
        put_num(b, ws, r++, 2,
                (double)(landscape_trials(run->ls) - tally_special_total(t)),
                NULL);
    }
    if (run->nwarnings) {
        r++;
        put_str(b, ws, r++, 0, "Warnings", b->title);
        for (i = 0; i < run->nwarnings; i++)
            put_str(b, ws, r++, 0, run->warnings[i], NULL);
        if (run->warnings_total > run->nwarnings) {
            snprintf(buf, sizeof(buf), "... and %lu more (see manifest.json)",
                     run->warnings_total - run->nwarnings);
            put_str(b, ws, r++, 0, buf, NULL);
        }
    }
    check(b, worksheet_set_column(ws, 0, 0, 34, NULL));
    check(b, worksheet_set_column(ws, 1, 5, 16, NULL));
    check(b, worksheet_set_column(ws, 6, 6, 66, NULL));
}

#define CHART_ROWS 15    /* bars in a sheet's native chart */

/* A native Excel bar chart of the sheet's first rows (special rows such
 * as "Not reported" left out), placed beside the table. */
static void add_chart(book *b, lxw_worksheet *ws, const char *sheet,
                      ts_tally *t, size_t n)
{
    lxw_chart *chart;
    lxw_chart_series *series;
    size_t k, shown = 0;

    for (k = 0; k < n && shown < CHART_ROWS; k++)
        if (!tally_row_is_special(t, k))
            shown++;
    if (shown == 0)
        return;
    chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
    if (!chart)
        return;
    series = chart_add_series(chart, NULL, NULL);
    chart_series_set_categories(series, sheet, 4, 0,
                                (lxw_row_t)(4 + shown - 1), 0);
    chart_series_set_values(series, sheet, 4, 1, (lxw_row_t)(4 + shown - 1),
                            1);
    chart_series_set_labels(series);
    chart_title_set_name(chart, sheet);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_reverse(chart->y_axis);  /* first row on top */
    {
        lxw_chart_options opt;

        memset(&opt, 0, sizeof(opt));
        opt.x_scale = 1.4;
        opt.y_scale = 1.0 + (double)shown / 15.0;
        check(b, worksheet_insert_chart_opt(ws, 3, 4, chart, &opt));
    }
}

/* A cross-tab as a matrix: one row per category, one column per
 * column category, and the row total. For target x phase, a last column
 * counts trials in phase II or later and highlights the targets with
 * none: the gaps. */
static void write_crosstab(book *b, lxw_worksheet *ws, ts_crosstab *x,
                           int gaps)
{
    size_t r, c, nr = crosstab_rows(x), nc = crosstab_cols(x);
    double width = 14;
    char buf[200];

    if (!ws)
        return;
    put_str(b, ws, 0, 0, crosstab_title(x), b->title);
    snprintf(buf, sizeof(buf),
             "Trials by %s (rows) and %s (columns). A trial counts once in "
             "each row it belongs to.%s",
             crosstab_row_title(x), crosstab_col_title(x),
             gaps ? " Highlighted: no trial in phase II or later." : "");
    put_str(b, ws, 1, 0, buf, NULL);
    put_str(b, ws, 3, 0, crosstab_row_title(x), b->header);
    for (c = 0; c < nc; c++)
        put_str(b, ws, 3, (lxw_col_t)(c + 1), crosstab_col_label(x, c),
                b->header);
    put_str(b, ws, 3, (lxw_col_t)(nc + 1), "Trials", b->header);
    if (gaps)
        put_str(b, ws, 3, (lxw_col_t)(nc + 2), "Phase II or later",
                b->header);
    for (r = 0; r < nr; r++) {
        const char *label = crosstab_row_label(x, r);
        lxw_row_t row = (lxw_row_t)(4 + r);

        put_str(b, ws, row, 0, label, NULL);
        for (c = 0; c < nc; c++)
            put_num(b, ws, row, (lxw_col_t)(c + 1),
                    (double)crosstab_cell(x, r, c), NULL);
        put_num(b, ws, row, (lxw_col_t)(nc + 1),
                (double)crosstab_row_total(x, r), b->bold);
        if (gaps) {
            unsigned long late = crosstab_cell(x, r, TS_PHASE_2) +
                                 crosstab_cell(x, r, TS_PHASE_2_3) +
                                 crosstab_cell(x, r, TS_PHASE_3) +
                                 crosstab_cell(x, r, TS_PHASE_4);

            put_num(b, ws, row, (lxw_col_t)(nc + 2), (double)late,
                    late ? NULL : b->gap);
        }
        if (strlen(label) + 2 > width)
            width = (double)strlen(label) + 2;
    }
    check(b, worksheet_set_column(ws, 0, 0, width > WIDTH_MAX ? WIDTH_MAX
                                                              : width,
                                  NULL));
    check(b, worksheet_set_column(ws, 1, (lxw_col_t)(nc + 2), 13, NULL));
    worksheet_freeze_panes(ws, 4, 1);
}

static void write_table(book *b, const ts_run *run, ts_table i)
{
    ts_tally *t = landscape_table(run->ls, i);
    lxw_worksheet *ws = b->table[i];
    unsigned long denom = landscape_table_denominator(run->ls, i);
    size_t k, n = tally_rows(t);
    double width = 12;
    char buf[160];

    if (!ws)
        return;
    put_str(b, ws, 0, 0, tally_title(t), b->title);
    snprintf(buf, sizeof(buf), "Trials per category; percentages of %lu %s. "
                               "A trial may count in several categories.",
             denom, denom_name(run));
    put_str(b, ws, 1, 0, buf, NULL);
    put_str(b, ws, 3, 0, "Category", b->header);
    put_str(b, ws, 3, 1, "Trials", b->header);
    put_str(b, ws, 3, 2, "Percent", b->header);
    for (k = 0; k < n; k++) {
        const char *label = tally_row_label(t, k);
        unsigned long c = tally_row_count(t, k);
        lxw_row_t r = (lxw_row_t)(4 + k);
        double pct = landscape_row_percent(run->ls, i, k);

        put_str(b, ws, r, 0, label, NULL);
        put_num(b, ws, r, 1, (double)c, NULL);
        if (pct >= 0)
            put_num(b, ws, r, 2, pct / 100.0, b->pct);
        if (strlen(label) + 2 > width)
            width = (double)strlen(label) + 2;
    }
    check(b, worksheet_set_column(ws, 0, 0, width > WIDTH_MAX ? WIDTH_MAX
                                                              : width,
                                  NULL));
    check(b, worksheet_set_column(ws, 1, 2, 10, NULL));
    worksheet_freeze_panes(ws, 4, 0);
    add_chart(b, ws, tally_title(t), t, n);
}

/* One enrollment table from row r of the sheet; returns the next free
 * row. */
static lxw_row_t enrollment_block(book *b, lxw_worksheet *ws, lxw_row_t r,
                                  ts_enrollment *e)
{
    static const char *const head[] = {
        "Trials", "Planned: trials", "Planned: sum", "Planned: median",
        "Actual: trials", "Actual: sum", "Actual: median",
        "Type unknown: trials",
    };
    size_t k, t, c;

    put_str(b, ws, r++, 0, enrollment_title(e), b->title);
    put_str(b, ws, r, 0, enrollment_by(e), b->header);
    for (c = 0; c < sizeof(head) / sizeof(head[0]); c++)
        put_str(b, ws, r, (lxw_col_t)(c + 1), head[c], b->header);
    r++;
    for (k = 0; k < enrollment_rows(e); k++, r++) {
        int last = k + 1 == enrollment_rows(e);

        put_str(b, ws, r, 0, enrollment_row_label(e, k),
                last ? b->bold : NULL);
        put_num(b, ws, r, 1, (double)enrollment_row_trials(e, k), NULL);
        for (t = TS_ENROLL_PLANNED; t <= TS_ENROLL_ACTUAL; t++) {
            lxw_col_t col = (lxw_col_t)(2 + 3 * t);
            double m = enrollment_median(e, k, (ts_enroll_type)t);

            put_num(b, ws, r, col,
                    (double)enrollment_count(e, k, (ts_enroll_type)t), NULL);
            put_num(b, ws, r, col + 1,
                    (double)enrollment_sum(e, k, (ts_enroll_type)t), NULL);
            if (m >= 0)
                put_num(b, ws, r, col + 2, m, NULL);
        }
        put_num(b, ws, r, 8, (double)enrollment_count(e, k, TS_ENROLL_UNKNOWN),
                NULL);
    }
    return r + 1;
}

/* Enrollment by phase and by indication, and a chart of the medians by
 * phase. */
static void write_enrollment(book *b, const ts_run *run)
{
    lxw_worksheet *ws = b->enrollment;
    ts_enrollment *by_phase = landscape_enrollment(run->ls, 0);
    lxw_row_t r = 3;
    size_t i, n = enrollment_rows(by_phase);

    if (!ws)
        return;
    put_str(b, ws, 0, 0, "Enrollment", b->title);
    put_str(b, ws, 1, 0,
            "Participants per trial: planned (anticipated) and actual "
            "numbers, their sum and median, by phase and by indication. "
            "An export that does not give the type is read by the status: "
            "planned until recruitment ends, actual after.",
            NULL);
    for (i = 0; i < TS_ENROLLMENT_TABLES; i++)
        r = enrollment_block(b, ws, r, landscape_enrollment(run->ls, i));
    check(b, worksheet_set_column(ws, 0, 0, 28, NULL));
    check(b, worksheet_set_column(ws, 1, 8, 13, NULL));
    if (n > 1) {
        lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
        lxw_col_t col;

        for (col = 4; chart && col <= 7; col += 3) {
            lxw_chart_series *sr = chart_add_series(chart, NULL, NULL);

            /* rows 5 .. 5 + n - 2: the phases, not "All trials" */
            chart_series_set_categories(sr, "Enrollment", 5, 0,
                                        (lxw_row_t)(5 + n - 2), 0);
            chart_series_set_values(sr, "Enrollment", 5, col,
                                    (lxw_row_t)(5 + n - 2), col);
            chart_series_set_name_range(sr, "Enrollment", 4, col);
        }
        if (chart) {
            lxw_chart_options opt;

            chart_title_set_name(chart, "Median enrollment by phase");
            chart_legend_set_position(chart, LXW_CHART_LEGEND_TOP);
            chart_axis_set_reverse(chart->y_axis);
            memset(&opt, 0, sizeof(opt));
            opt.x_scale = 1.4;
            opt.y_scale = 1.4;
            check(b, worksheet_insert_chart_opt(ws, 3, 10, chart, &opt));
        }
    }
}

static void write_unmapped(book *b, const ts_run *run)
{
    lxw_worksheet *ws = b->unmapped;
    lxw_row_t r = 3;
    size_t f, k;

    if (!ws)
        return;
    put_str(b, ws, 0, 0, "Values that could not be mapped", b->title);
    put_str(b, ws, 1, 0,
            "Counted as \"Unclassified\" in their table; listed here with "
            "the number of trials.",
            NULL);
    put_str(b, ws, 2, 0, "Field", b->header);
    put_str(b, ws, 2, 1, "Value", b->header);
    put_str(b, ws, 2, 2, "Trials", b->header);
    for (f = 0; f < landscape_unmapped_count(); f++) {
        ts_tally *t = landscape_unmapped(run->ls, f);

        for (k = 0; k < tally_rows(t); k++) {
            put_str(b, ws, r, 0, landscape_unmapped_field(f), NULL);
            put_str(b, ws, r, 1, tally_row_label(t, k), NULL);
            put_num(b, ws, r, 2, (double)tally_row_count(t, k), NULL);
            r++;
        }
    }
    check(b, worksheet_set_column(ws, 0, 0, 14, NULL));
    check(b, worksheet_set_column(ws, 1, 1, 50, NULL));
    check(b, worksheet_set_column(ws, 2, 2, 10, NULL));
    worksheet_freeze_panes(ws, 3, 0);
}

/* Whether a trials.tsv column is shown in the Trials sheet. The raw
 * registry codes and the page URL (the NCT id links to it) stay in
 * trials.tsv, so the sheet is narrower and easier to read. */
static int sheet_column(const char *name)
{
    size_t n = strlen(name);

    return strcmp(name, "url") != 0 &&
           !(n > 4 && strcmp(name + n - 4, "_raw") == 0);
}

/* Columns of trials.tsv written as numbers when they hold an integer. */
static int numeric_column(const char *name)
{
    return strcmp(name, "enrollment") == 0 ||
           strcmp(name, "start_year") == 0 ||
           strcmp(name, "source_line") == 0;
}

static int parse_int(const char *s, size_t n, double *v)
{
    size_t i;
    double x = 0;

    if (n == 0 || n > 15)
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

/* An NCT id as a link to its registry page: a HYPERLINK formula, built
 * only from an id that has the NCT + 8 digits shape, so no text from the
 * file ever becomes a formula. Unlike hyperlinks proper (65530 at most
 * per sheet, each held in memory until the workbook closes), it costs
 * nothing to give every row one. */
static void put_nct(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                    const char *s, size_t n)
{
    char formula[128], nct[12], url[TS_URL_SIZE];
    size_t i;

    for (i = 3; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        ;
    if (n != 11 || memcmp(s, "NCT", 3) != 0 || i != n) {
        put_text(b, ws, r, c, s, n, NULL);
        return;
    }
    memcpy(nct, s, 11);
    nct[11] = '\0';
    snprintf(formula, sizeof(formula), "=HYPERLINK(\"%s\",\"%s\")",
             trials_url(url, nct), nct);
    check(b, worksheet_write_formula_str(ws, r, c, formula, b->link, nct));
}

void xlsx_trials_line(ts_xlsx *b, char *line, size_t len)
{
    lxw_worksheet *ws = b->trials;
    lxw_row_t r = b->row;
    char *p = line, *end = line + len;
    size_t c;

    if (!ws)
        return;
    if (r >= LXW_ROW_MAX - 1) {
        b->beyond++;
        return;
    }
    for (c = 0; c < b->ncol && p <= end; c++) {
        char *tab = memchr(p, '\t', (size_t)(end - p));
        size_t n = tab ? (size_t)(tab - p) : (size_t)(end - p);
        int sc = b->to_sheet[c];
        double v;

        if (sc >= 0) {
            lxw_col_t col = (lxw_col_t)sc;

            n = tsv_unescape(p, n);
            if (r == 0)
                put_text(b, ws, r, col, p, n, b->header);
            else if (c == b->nct_col)
                put_nct(b, ws, r, col, p, n);
            else if (b->numeric[c] && parse_int(p, n, &v))
                put_num(b, ws, r, col, v, NULL);
            else
                put_text(b, ws, r, col, p, n, NULL);
            if ((double)n + 2 > b->width[sc])
                b->width[sc] = (double)n + 2;
        }
        p = tab ? tab + 1 : end + 1;
    }
    b->row++;
}

static void xlsx_free(book *b)
{
    sb_free(&b->tmp);
    free(b);
}

/* A new workbook at path in constant-memory mode, its properties and
 * formats set; NULL (with *err filled) when it cannot be created. */
static book *book_new(const char *path, const char *name, const char *tmpdir,
                      const char *title, const char *version,
                      long long epoch, ts_error *err)
{
    lxw_workbook_options wopt;
    lxw_doc_properties props;
    book *b;
    char creator[64], doc_title[64];

    memset(&wopt, 0, sizeof(wopt));
    wopt.constant_memory = LXW_TRUE;
    wopt.tmpdir = (char *)(uintptr_t)tmpdir;
    wopt.use_zip64 = LXW_TRUE;
    b = xcalloc(1, sizeof(*b));
    b->wb = workbook_new_opt(path, &wopt);
    if (!b->wb) {
        free(b);
        ts_error_sys(err, TS_ERR_OUTPUT, errno, name,
                     "cannot create workbook");
        return NULL;
    }
    b->name = name;
    memset(&props, 0, sizeof(props));
    snprintf(creator, sizeof(creator), "trialscape %s", version);
    snprintf(doc_title, sizeof(doc_title), "%s", title);
    props.title = doc_title;
    props.author = creator;
    /* libxlsxwriter reads a created time of 0 as "not set" and stamps the
     * current time, so SOURCE_DATE_EPOCH=0 becomes one second later. */
    props.created = epoch > 0 ? (time_t)epoch : epoch == 0 ? 1 : time(NULL);
    check(b, workbook_set_properties(b->wb, &props));

    b->bold = workbook_add_format(b->wb);
    format_set_bold(b->bold);
    b->title = workbook_add_format(b->wb);
    format_set_bold(b->title);
    format_set_font_size(b->title, 13);
    b->header = workbook_add_format(b->wb);
    format_set_bold(b->header);
    format_set_bottom(b->header, LXW_BORDER_THIN);
    format_set_bg_color(b->header, 0xDCE6F1);
    b->pct = workbook_add_format(b->wb);
    format_set_num_format(b->pct, "0.0%");
    b->gap = workbook_add_format(b->wb);
    format_set_bg_color(b->gap, 0xF8CBAD);
    format_set_bold(b->gap);
    b->link = workbook_add_format(b->wb);
    format_set_font_color(b->link, LXW_COLOR_BLUE);
    format_set_underline(b->link, LXW_UNDERLINE_SINGLE);
    return b;
}

/* Closes the workbook (which frees it, even on failure) and frees b;
 * the first libxlsxwriter error met while writing wins. */
static ts_status book_close(book *b, ts_error *err)
{
    lxw_error e, first = b->lerr;
    ts_status rc = TS_OK;

    e = workbook_close(b->wb);
    if (first != LXW_NO_ERROR)
        rc = ts_error_set(err, TS_ERR_XLSX, b->name, 0, 0,
                          "cannot write workbook: %s", lxw_strerror(first));
    else if (e != LXW_NO_ERROR)
        rc = ts_error_set(err, TS_ERR_OUTPUT, b->name, 0, 0,
                          "cannot write workbook: %s", lxw_strerror(e));
    xlsx_free(b);
    return rc;
}

ts_status xlsx_open(const char *path, const char *name, const char *tmpdir,
                    ts_landscape *ls, const char *version, long long epoch,
                    ts_xlsx **out, ts_error *err)
{
    book *b;
    size_t i;

    *out = NULL;
    b = book_new(path, name, tmpdir, "Clinical trial landscape", version,
                 epoch, err);
    if (!b)
        return err->status;
    b->summary = add_sheet(b, "Summary");
    for (i = 0; i < TS_TABLE_COUNT; i++)
        b->table[i] = add_sheet(b, tally_title(landscape_table(ls,
                                                                (ts_table)i)));
    for (i = 0; i < TS_X_COUNT; i++)
        b->xtab[i] = add_sheet(b,
                               crosstab_title(landscape_crosstab(ls,
                                                                 (ts_xtab)i)));
    b->enrollment = add_sheet(b, "Enrollment");
    b->unmapped = add_sheet(b, "Unmapped");
    b->trials = add_sheet(b, "Trials");
    b->ncol = trials_ncolumns();
    if (b->ncol > sizeof(b->to_sheet) / sizeof(b->to_sheet[0]))
        b->ncol = sizeof(b->to_sheet) / sizeof(b->to_sheet[0]);
    b->nct_col = b->ncol;
    for (i = 0; i < b->ncol; i++) {
        b->to_sheet[i] = sheet_column(trials_column(i)) ? b->nsheet++ : -1;
        b->numeric[i] = (char)numeric_column(trials_column(i));
        if (strcmp(trials_column(i), "nct_id") == 0)
            b->nct_col = i;
    }
    *out = b;
    return TS_OK;
}

/* The Trials sheet's last touches: widths, frozen header, filter, and
 * the note on the row limit. The filter comes before the note: in
 * constant-memory mode nothing may refer to a row above the last one
 * written. */
static void finish_trials(book *b)
{
    lxw_worksheet *ws = b->trials;
    lxw_row_t r = b->row;
    size_t c;

    if (!ws)
        return;
    for (c = 0; c < b->nsheet; c++) {
        double w = b->width[c] > WIDTH_MAX ? WIDTH_MAX
                   : b->width[c] < 8      ? 8
                                          : b->width[c];

        check(b, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w,
                                      NULL));
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (r > 0 && b->nsheet > 0)
        check(b, worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 0,
                                      (lxw_col_t)(b->nsheet - 1)));
    if (b->beyond) {
        char buf[200];

        snprintf(buf, sizeof(buf),
                 "Excel's row limit reached: %lu more trials are in "
                 "trials.tsv",
                 b->beyond);
        put_str(b, ws, r, 0, buf, b->bold);
    }
}


ts_status xlsx_close(ts_xlsx *b, const ts_run *run, ts_xlsx_loss *loss,
                     ts_error *err)
{
    size_t i;

    write_summary(b, run);
    for (i = 0; i < TS_TABLE_COUNT; i++)
        write_table(b, run, (ts_table)i);
    for (i = 0; i < TS_X_COUNT; i++)
        write_crosstab(b, b->xtab[i],
                       landscape_crosstab(run->ls, (ts_xtab)i),
                       i == TS_X_TARGET_PHASE);
    write_enrollment(b, run);
    write_unmapped(b, run);
    finish_trials(b);
    loss->cut = b->cut;
    loss->beyond = b->beyond;
    return book_close(b, err);
}

void xlsx_discard(ts_xlsx *b)
{
    if (!b)
        return;
    /* Closing is the one documented way to free a workbook; the file it
     * writes goes with the stage. (libxlsxwriter 1.1.4 keeps the
     * temporary file of a sheet that never got a row open until exit.) */
    (void)workbook_close(b->wb);
    xlsx_free(b);
}

/* ---- compare.xlsx ------------------------------------------------------- */

static void compare_summary(book *b, lxw_worksheet *ws,
                            const ts_comparison *c)
{
    static const char *const head[] = {
        "Side", "File", "Format", "Rows read", "Rows skipped", "Warnings",
        "SHA-256", "Error",
    };
    lxw_row_t r = 0;
    size_t i, s;
    char buf[128];

    put_str(b, ws, r++, 0, "Comparison of two trial landscapes", b->title);
    snprintf(buf, sizeof(buf), "trialscape %s", c->version);
    put_str(b, ws, r++, 0, buf, NULL);
    r++;
    put_str(b, ws, r, 1, "A", b->header);
    put_str(b, ws, r++, 2, "B", b->header);
    put_str(b, ws, r, 0, "Label", b->bold);
    for (s = 0; s < 2; s++)
        put_str(b, ws, r, (lxw_col_t)(1 + s), c->side[s].label, NULL);
    r++;
    {
        static const char *const rows[] = {
            "Trials analysed", "Duplicate rows not counted",
            "Trials left out by the filter", "Trials without an identifier",
        };

        for (i = 0; i < 4; i++) {
            put_str(b, ws, r, 0, rows[i], b->bold);
            for (s = 0; s < 2; s++) {
                ts_landscape *ls = c->side[s].ls;
                unsigned long v =
                    i == 0   ? landscape_trials(ls)
                    : i == 1 ? landscape_duplicates(ls)
                    : i == 2 ? landscape_left_out(ls)
                             : compare_unidentified(c->cmp, (int)s);

                put_num(b, ws, r, (lxw_col_t)(1 + s), (double)v, NULL);
            }
            r++;
        }
    }
    if (filter_count(c->filter)) {
        put_str(b, ws, r, 0, "Filter (--where), both sides", b->bold);
        put_str(b, ws, r++, 1, filter_text(c->filter), NULL);
    }
    put_str(b, ws, r, 0, "Percentages are of", b->bold);
    put_str(b, ws, r++, 1,
            landscape_denominator(c->side[0].ls) == TS_DENOM_ALL
                ? "all trials of each side"
                : "the trials of each side with a known value",
            NULL);
    r++;
    put_str(b, ws, r++, 0, "Changes from A to B (sheet Changes)", b->title);
    for (i = 0; i < TS_CHANGE_COUNT; i++) {
        static const char *const what[TS_CHANGE_COUNT] = {
            "Added (only in B)", "Removed (only in A)", "Status changed",
            "Phase changed",
        };

        put_str(b, ws, r, 0, what[i], b->bold);
        put_num(b, ws, r++, 1,
                (double)compare_count(c->cmp, (ts_change_kind)i), NULL);
    }
    r++;
    put_str(b, ws, r++, 0, "Inputs", b->title);
    for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
        put_str(b, ws, r, (lxw_col_t)i, head[i], b->header);
    r++;
    for (s = 0; s < 2; s++) {
        for (i = 0; i < c->side[s].ninputs; i++) {
            const ts_run_input *in = &c->side[s].inputs[i];

            put_str(b, ws, r, 0, s ? "B" : "A", NULL);
            put_str(b, ws, r, 1, in->stats.name, NULL);
            put_str(b, ws, r, 2, in->stats.format, NULL);
            put_num(b, ws, r, 3, (double)in->stats.rows, NULL);
            put_num(b, ws, r, 4, (double)in->stats.skipped, NULL);
            put_num(b, ws, r, 5, (double)in->stats.warnings, NULL);
            put_str(b, ws, r, 6, in->stats.sha256, NULL);
            if (in->failed)
                put_str(b, ws, r, 7, in->error, NULL);
            r++;
        }
    }
    if (c->nwarnings) {
        r++;
        put_str(b, ws, r++, 0, "Warnings", b->title);
        for (i = 0; i < c->nwarnings; i++)
            put_str(b, ws, r++, 0, c->warnings[i], NULL);
        if (c->warnings_total > c->nwarnings) {
            snprintf(buf, sizeof(buf), "... and %lu more (see manifest.json)",
                     c->warnings_total - c->nwarnings);
            put_str(b, ws, r++, 0, buf, NULL);
        }
    }
    check(b, worksheet_set_column(ws, 0, 0, 36, NULL));
    check(b, worksheet_set_column(ws, 1, 5, 18, NULL));
    check(b, worksheet_set_column(ws, 6, 6, 66, NULL));
}

/* A clustered bar chart of both sides' first rows (special rows left
 * out), placed beside the table. */
static void compare_chart(book *b, lxw_worksheet *ws, const char *sheet,
                          const ts_pair_row *rows, size_t n)
{
    lxw_chart *chart;
    size_t k, shown = 0;
    lxw_col_t s;

    for (k = 0; k < n && shown < CHART_ROWS; k++)
        if (!tally_label_is_special(rows[k].label))
            shown++;
    if (shown == 0)
        return;
    chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
    if (!chart)
        return;
    for (s = 0; s < 2; s++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);

        chart_series_set_categories(series, sheet, 4, 0,
                                    (lxw_row_t)(4 + shown - 1), 0);
        chart_series_set_values(series, sheet, 4, (lxw_col_t)(1 + 2 * s),
                                (lxw_row_t)(4 + shown - 1),
                                (lxw_col_t)(1 + 2 * s));
        chart_series_set_name_range(series, sheet, 3, (lxw_col_t)(1 + 2 * s));
        chart_series_set_labels(series);
    }
    chart_title_set_name(chart, sheet);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_TOP);
    chart_axis_set_reverse(chart->y_axis);  /* first row on top */
    {
        lxw_chart_options opt;

        memset(&opt, 0, sizeof(opt));
        opt.x_scale = 1.5;
        opt.y_scale = 1.0 + (double)shown / 8.0;
        check(b, worksheet_insert_chart_opt(ws, 3, 7, chart, &opt));
    }
}

static void compare_table(book *b, lxw_worksheet *ws, const ts_comparison *c,
                          ts_table i, lxw_format *points)
{
    ts_tally *t = landscape_table(c->side[0].ls, i);
    ts_pair_row *rows;
    size_t n = comparison_rows(c, i, &rows), k, s;
    double width = 12;
    char buf[300];

    put_str(b, ws, 0, 0, tally_title(t), b->title);
    snprintf(buf, sizeof(buf),
             "Trials per category in A and B; percentages of each side's "
             "own %s (A: %lu, B: %lu); difference in percentage points, B "
             "minus A.",
             landscape_denominator(c->side[0].ls) == TS_DENOM_ALL
                 ? "trials"
                 : "trials with a known value",
             landscape_table_denominator(c->side[0].ls, i),
             landscape_table_denominator(c->side[1].ls, i));
    put_str(b, ws, 1, 0, buf, NULL);
    put_str(b, ws, 3, 0, "Category", b->header);
    for (s = 0; s < 2; s++) {
        snprintf(buf, sizeof(buf), "%s: trials", c->side[s].label);
        put_str(b, ws, 3, (lxw_col_t)(1 + 2 * s), buf, b->header);
        snprintf(buf, sizeof(buf), "%s: percent", c->side[s].label);
        put_str(b, ws, 3, (lxw_col_t)(2 + 2 * s), buf, b->header);
    }
    put_str(b, ws, 3, 5, "Difference (points)", b->header);
    for (k = 0; k < n; k++) {
        lxw_row_t r = (lxw_row_t)(4 + k);
        double d = comparison_difference(&rows[k]);

        put_str(b, ws, r, 0, rows[k].label, NULL);
        for (s = 0; s < 2; s++) {
            put_num(b, ws, r, (lxw_col_t)(1 + 2 * s), (double)rows[k].n[s],
                    NULL);
            if (rows[k].pct[s] >= 0)
                put_num(b, ws, r, (lxw_col_t)(2 + 2 * s),
                        rows[k].pct[s] / 100.0, b->pct);
        }
        if (d > -1000)
            put_num(b, ws, r, 5, d, points);
        if (strlen(rows[k].label) + 2 > width)
            width = (double)strlen(rows[k].label) + 2;
    }
    check(b, worksheet_set_column(ws, 0, 0, width > WIDTH_MAX ? WIDTH_MAX
                                                              : width,
                                  NULL));
    check(b, worksheet_set_column(ws, 1, 5, 14, NULL));
    worksheet_freeze_panes(ws, 4, 1);
    compare_chart(b, ws, tally_title(t), rows, n);
    free(rows);
}

/* The Changes sheet; returns the changes past Excel's row limit. */
static unsigned long compare_changes_sheet(book *b, lxw_worksheet *ws,
                                           const ts_comparison *c)
{
    static const char *const head[] = {"Trial", "Change", "From", "To"};
    size_t i, n = compare_changes(c->cmp);
    lxw_row_t r = 1;
    unsigned long beyond = 0;
    double width[4] = {14, 10, 22, 22};

    for (i = 0; i < 4; i++)
        put_str(b, ws, 0, (lxw_col_t)i, head[i], b->header);
    for (i = 0; i < n; i++) {
        ts_change ch;
        const char *cell[3];
        size_t k;

        if (r >= LXW_ROW_MAX - 1) {
            beyond = (unsigned long)(n - i);
            break;
        }
        compare_change(c->cmp, i, &ch);
        put_nct(b, ws, r, 0, ch.id, strlen(ch.id));
        cell[0] = compare_kind_name(ch.kind);
        cell[1] = ch.from;
        cell[2] = ch.to;
        for (k = 0; k < 3; k++) {
            put_str(b, ws, r, (lxw_col_t)(k + 1), cell[k], NULL);
            if ((double)strlen(cell[k]) + 2 > width[k + 1])
                width[k + 1] = (double)strlen(cell[k]) + 2;
        }
        r++;
    }
    for (i = 0; i < 4; i++)
        check(b, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
                                      width[i] > WIDTH_MAX ? WIDTH_MAX
                                                           : width[i],
                                      NULL));
    worksheet_freeze_panes(ws, 1, 0);
    check(b, worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 0, 3));
    if (beyond) {
        char buf[160];

        snprintf(buf, sizeof(buf),
                 "Excel's row limit reached: %lu more changes are in "
                 "changes.tsv",
                 beyond);
        put_str(b, ws, r, 0, buf, b->bold);
    }
    return beyond;
}

ts_status xlsx_write_comparison(const char *path, const char *name,
                                const char *tmpdir, const ts_comparison *c,
                                unsigned long *beyond, ts_error *err)
{
    book *b = book_new(path, name, tmpdir,
                       "Comparison of two trial landscapes", c->version,
                       c->epoch, err);
    lxw_worksheet *summary, *table[TS_TABLE_COUNT], *changes;
    lxw_format *points;
    size_t i;

    *beyond = 0;
    if (!b)
        return err->status;
    points = workbook_add_format(b->wb);
    format_set_num_format(points, "+0.0;-0.0;0.0");
    /* Constant-memory mode: every sheet exists before any is written. */
    summary = add_sheet(b, "Summary");
    for (i = 0; i < TS_TABLE_COUNT; i++)
        table[i] = add_sheet(b, tally_title(landscape_table(c->side[0].ls,
                                                            (ts_table)i)));
    changes = add_sheet(b, "Changes");
    if (summary)
        compare_summary(b, summary, c);
    for (i = 0; i < TS_TABLE_COUNT; i++)
        if (table[i])
            compare_table(b, table[i], c, (ts_table)i, points);
    if (changes)
        *beyond = compare_changes_sheet(b, changes, c);
    return book_close(b, err);
}
