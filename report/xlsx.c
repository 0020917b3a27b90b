/*
 * xlsx.c - the workbook, written with libxlsxwriter (report stage).
 *
 * Every sheet prints landscape on A4, one page wide, with its header rows
 * repeated and its name and page number in the footer. Table sheets chart
 * the same rows as the figures (see view.h); the start-year sheets chart
 * every year from the first to the last, zeros included.
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
#include "report/palette.h"
#include "report/sheetrows.h"
#include "report/textout.h"
#include "report/trials.h"
#include "report/view.h"
#include "report/xlsxzip.h"

#define STR_MAX 32767       /* Excel's limit on a cell's text */
#define WIDTH_MAX 60.0
#define MAX_SHEETS 64
#define RESERVE (4u << 20) /* headroom checked before libxlsxwriter
                             * allocates (see xlsx_open()) */
#define HEAD_ROW 3          /* the header row of table and cross-tab
                             * sheets; data starts below it */

/* A sheet and the line the Summary gives it. */
typedef struct sheet {
    lxw_worksheet *ws;
    char name[32];
    const char *about;      /* borrowed constant */
} sheet;

struct ts_xlsx {
    lxw_workbook *wb;
    lxw_format *bold;
    lxw_format *title;
    lxw_format *header;     /* left-aligned, for text columns */
    lxw_format *header_num; /* right-aligned over numbers */
    lxw_format *header_mid; /* wrapped and centred, cross-tab columns */
    lxw_format *pct;        /* whole percents, "<1%" for small shares */
    lxw_format *pct0;       /* a share of 0 */
    lxw_format *wrap;
    lxw_format *gap;
    lxw_format *note;       /* a sheet's description line */
    lxw_format *empty;      /* "No conditions in this export" */
    lxw_format *link;
    lxw_format *date_day;
    lxw_format *date_month;
    lxw_format *datetime;
    lxw_format *num_top;    /* a number at the top of a tall row */
    lxw_error lerr;         /* first libxlsxwriter error */
    unsigned long cut;      /* cells cut to STR_MAX */
    ts_strbuf tmp;
    const char *name;       /* the workbook's name in messages; borrowed */
    /* Every sheet is added when the workbook opens, so the Trials sheet
     * can fill while the inputs are read and still come last. */
    sheet sheets[MAX_SHEETS];
    size_t nsheets;
    lxw_worksheet *summary;
    lxw_worksheet *table[TS_TABLE_COUNT];
    lxw_worksheet *xtab[TS_X_COUNT];
    lxw_worksheet *enrollment;
    lxw_worksheet *unmapped;
    lxw_worksheet *duplicates;
    lxw_worksheet *trials;
    int nadded;             /* worksheets added */
    int trials_no;          /* the Trials sheet's number (sheetN.xml) */
    /* The Trials sheet while it fills: its header row through
     * libxlsxwriter, the other rows beside it (sheetrows.h), put into the
     * workbook when it closes (xlsxzip.h). */
    ts_sheetrows *rows;
    char *path;             /* owned; the workbook */
    char *lxw_path;         /* owned; what libxlsxwriter writes */
    char *rows_path;        /* owned; the rows' deflated XML */
    int link_xf;            /* link's style index */
    int date_day_xf;        /* date_day's and date_month's */
    int date_month_xf;
    lxw_row_t row;          /* next row */
    unsigned long beyond;   /* trials past Excel's row limit */
    int to_sheet[64];       /* trials.tsv column -> sheet column, or -1 */
    char numeric[64];       /* 1: a number when it holds an integer */
    char date[64];          /* 1: a date when it holds one */
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
/* The length of s[0..len) cut to Excel's limit, counted in b->cut. */
static size_t cut_text(book *b, const char *s, size_t len)
{
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
    return len;
}

static void put_text(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                     const char *s, size_t len, lxw_format *f)
{
    if (len == 0)
        return;
    len = cut_text(b, s, len);
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

/* Adds a sheet to the workbook and to the Summary's list. */
static lxw_worksheet *add_sheet(book *b, const char *name, const char *about)
{
    lxw_error e = workbook_validate_sheet_name(b->wb, name);
    lxw_worksheet *ws;

    if (e != LXW_NO_ERROR) {
        check(b, e);
        return NULL;
    }
    ws = workbook_add_worksheet(b->wb, name);
    if (!ws)
        xalloc_failed(sizeof(lxw_worksheet));  /* the name was valid */
    b->nadded++;
    if (b->nsheets < MAX_SHEETS) {
        sheet *s = &b->sheets[b->nsheets++];

        s->ws = ws;
        snprintf(s->name, sizeof(s->name), "%s", name);
        s->about = about;
    }
    return ws;
}

/* Landscape A4, one page wide, the rows first_row..last_row (and column
 * A when repeat_col) on every page, the sheet's name and the page number
 * in the footer. */
static void page_setup(book *b, lxw_worksheet *ws, int first_row,
                       int last_row, int repeat_col)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.6);
    worksheet_fit_to_pages(ws, 1, 0);
    if (first_row >= 0)
        check(b, worksheet_repeat_rows(ws, (lxw_row_t)first_row,
                                       (lxw_row_t)last_row));
    if (repeat_col)
        check(b, worksheet_repeat_columns(ws, 0, 0));
    check(b, worksheet_set_footer(ws, "&L&A&RPage &P of &N"));
}

static const char *denom_name(const ts_run *run)
{
    return landscape_denominator(run->ls) == TS_DENOM_ALL
               ? "all trials, or the trials a table applies to"
               : "the trials with a known value in each table";
}

/* A date and time (UTC) from seconds since the epoch. */
static lxw_datetime to_datetime(long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    lxw_datetime d;

    memset(&d, 0, sizeof(d));
    if (gmtime_r(&tt, &tm)) {
        d.year = tm.tm_year + 1900;
        d.month = tm.tm_mon + 1;
        d.day = tm.tm_mday;
        d.hour = tm.tm_hour;
        d.min = tm.tm_min;
        d.sec = tm.tm_sec;
    }
    return d;
}

/* A run's description line of one sheet: what it shows and its n. */
static void sheet_line(char *buf, size_t size, const sheet *s,
                       const ts_run *run)
{
    size_t i;

    snprintf(buf, size, "%s", s->about ? s->about : "");
    for (i = 0; i < TS_TABLE_COUNT; i++)
        if (strcmp(s->name, landscape_table_info((ts_table)i)->title) == 0) {
            char n[160];
            size_t len = strlen(buf);

            view_nline(n, sizeof(n),
                       landscape_table_denominator(run->ls, (ts_table)i),
                       landscape_table_counts(run->ls, (ts_table)i));
            snprintf(buf + len, size - len, "; %s", n);
        }
}

/* The height in points of a row whose wrapped text s fills a column of
 * width characters (a character of text is narrower than the digit the
 * width counts; LXW_DEF_ROW_HEIGHT when one line does). */
static double wrapped_height(const char *s, double width)
{
    size_t per = (size_t)(width * 1.2), len = strlen(s);

    if (len <= per)
        return LXW_DEF_ROW_HEIGHT;
    return 15.0 * (double)((len + per - 1) / per);
}

static void write_summary(book *b, const ts_run *run)
{
    lxw_worksheet *ws = b->summary;
    lxw_row_t r = 0;
    size_t i;
    char buf[512];

    if (!ws)
        return;
    put_str(b, ws, r++, 0,
            run->title ? run->title : "Clinical trial landscape", b->title);
    {
        time_t t = run->epoch >= 0 ? (time_t)run->epoch : time(NULL);
        struct tm tm;
        char when[40] = "";

        if (gmtime_r(&t, &tm))
            strftime(when, sizeof(when), " on %Y-%m-%d %H:%M UTC", &tm);
        snprintf(buf, sizeof(buf), "Made by trialscape %s%s", run->version,
                 when);
        put_str(b, ws, r++, 0, buf, NULL);
    }
    put_str(b, ws, r, 0, "Search", b->bold);
    put_str(b, ws, r++, 1,
            run->query && run->query[0]
                ? run->query
                : "not stated (give it with --query)",
            b->wrap);
    r++;
    {
        unsigned long trials = landscape_trials(run->ls);
        unsigned long records = run->merge ? merge_records(run->merge)
                                           : trials;
        unsigned long merged = run->merge ? merge_trials(run->merge)
                                          : trials;

        put_str(b, ws, r, 0, "Records read", b->bold);
        put_num(b, ws, r++, 1, (double)records, NULL);
        put_str(b, ws, r, 0, "Trials analysed", b->bold);
        put_num(b, ws, r++, 1, (double)trials, NULL);
        put_str(b, ws, r, 0, "Records merged into another trial", b->bold);
        put_num(b, ws, r++, 1, (double)(records - merged), NULL);
        if (run->merge && merge_refused(run->merge)) {
            put_str(b, ws, r, 0, "Links refused (see warnings)", b->bold);
            put_num(b, ws, r++, 1, (double)merge_refused(run->merge), NULL);
        }
    }
    if (filter_count(run->filter)) {
        put_str(b, ws, r, 0, "Filter (--where)", b->bold);
        put_str(b, ws, r++, 1, filter_text(run->filter), b->wrap);
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
        if (landscape_indications(run->ls)) {
            put_str(b, ws, r, 0, "Indications (panel C)", b->bold);
            put_str(b, ws, r++, 1,
                    indication_describe(landscape_indications(run->ls)),
                    NULL);
        }
    }
    r++;

    put_str(b, ws, r++, 0, "Inputs", b->title);
    {
        static const char *const head[] = {
            "File", "Format", "File date (UTC)", "Rows read",
            "Rows skipped", "Blank rows", "Warnings",
        };

        for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
            put_str(b, ws, r, (lxw_col_t)i, head[i],
                    i >= 3 ? b->header_num : b->header);
        r++;
    }
    for (i = 0; i < run->ninputs; i++) {
        const ts_run_input *in = &run->inputs[i];

        check(b, worksheet_set_row(ws, r, wrapped_height(in->stats.name, 30),
                                   NULL));
        put_str(b, ws, r, 0, in->stats.name, b->wrap);
        put_str(b, ws, r, 1, in->stats.format, b->wrap);
        if (in->mtime >= 0) {
            lxw_datetime d = to_datetime(in->mtime);

            check(b, worksheet_write_datetime(ws, r, 2, &d, b->datetime));
        }
        put_num(b, ws, r, 3, (double)in->stats.rows, b->num_top);
        put_num(b, ws, r, 4, (double)in->stats.skipped, b->num_top);
        put_num(b, ws, r, 5, (double)in->stats.blank, b->num_top);
        put_num(b, ws, r, 6, (double)in->stats.warnings, b->num_top);
        r++;
        put_str(b, ws, r, 0, "SHA-256", b->note);
        put_str(b, ws, r++, 1, in->stats.sha256, NULL);
        if (in->failed) {
            check(b, worksheet_set_row(ws, r, wrapped_height(in->error, 66),
                                       NULL));
            put_str(b, ws, r, 0, "Error", b->note);
            put_str(b, ws, r++, 1, in->error, b->wrap);
        }
    }
    r++;
    put_str(b, ws, r++, 0, "Sheets", b->title);
    put_str(b, ws, r, 0, "Sheet", b->header);
    put_str(b, ws, r++, 1, "What it shows", b->header);
    for (i = 0; i < b->nsheets; i++) {
        const sheet *s = &b->sheets[i];
        char url[80];

        if (s->ws == ws)
            continue;
        sheet_line(buf, sizeof(buf), s, run);
        check(b, worksheet_set_row(ws, r, wrapped_height(buf, 66), NULL));
        snprintf(url, sizeof(url), "internal:'%s'!A1", s->name);
        check(b, worksheet_write_url_opt(ws, r, 0, url, b->link, s->name,
                                         NULL));
        put_str(b, ws, r++, 1, buf, b->wrap);
    }
    if (run->nwarnings) {
        r++;
        put_str(b, ws, r++, 0, "Warnings", b->title);
        for (i = 0; i < run->nwarnings; i++) {
            check(b, worksheet_set_row(
                         ws, r, wrapped_height(run->warnings[i], 66), NULL));
            snprintf(buf, sizeof(buf), "%zu", i + 1);
            put_str(b, ws, r, 0, buf, NULL);
            put_str(b, ws, r++, 1, run->warnings[i], b->wrap);
        }
        if (run->warnings_total > run->nwarnings) {
            snprintf(buf, sizeof(buf), "... and %lu more (see manifest.json)",
                     run->warnings_total - run->nwarnings);
            put_str(b, ws, r++, 1, buf, NULL);
        }
    }
    check(b, worksheet_set_column(ws, 0, 0, 30, NULL));
    check(b, worksheet_set_column(ws, 1, 1, 66, NULL));
    check(b, worksheet_set_column(ws, 2, 2, 17, NULL));
    check(b, worksheet_set_column(ws, 3, 6, 11, NULL));
    page_setup(b, ws, -1, -1, 0);
}

/* A nice step for a count axis from 0 to max: 1, 2 or 5 times a power of
 * ten, at most 6 steps, never below 1. */
static double axis_step(unsigned long max)
{
    unsigned long base = 1;

    for (;;) {
        if (max <= base * 6)
            return (double)base;
        if (max <= base * 2 * 6)
            return (double)base * 2;
        if (max <= base * 5 * 6)
            return (double)base * 5;
        base *= 10;
    }
}

/* Years between labels on a year axis, so at most about 15 show. */
static uint16_t year_interval(size_t years)
{
    static const uint16_t steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
    size_t i;

    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
        if (years <= (size_t)steps[i] * 15)
            return steps[i];
    return 100;
}

/* A count axis: from 0, whole numbers, a title. */
static void count_axis(lxw_chart_axis *axis, unsigned long max,
                       const char *title)
{
    chart_axis_set_min(axis, 0);
    chart_axis_set_major_unit(axis, axis_step(max));
    chart_axis_set_num_format(axis, "0");
    chart_axis_set_name(axis, title);
}

static lxw_chart *add_chart(book *b, uint8_t type)
{
    lxw_chart *chart = workbook_add_chart(b->wb, type);

    if (!chart)
        xalloc_failed(sizeof(lxw_chart));
    return chart;
}

static lxw_chart_series *add_series(lxw_chart *chart)
{
    lxw_chart_series *s = chart_add_series(chart, NULL, NULL);

    if (!s)
        xalloc_failed(sizeof(lxw_chart_series));
    return s;
}

/* Chart titles: bold 11 pt. */
static lxw_chart_font title_font = {.size = 11, .bold = LXW_TRUE};

/* Shares as whole percents, "<1%" for one that is not zero but rounds to
 * 0: the figures' rule. */
#define PCT_FORMAT "[<0.005]\"<1%\";0%"

/* The native chart of a table sheet: the view's rows (rows HEAD_ROW+1 on),
 * horizontal bars; a column chart over every year for start years. */
static void add_table_chart(book *b, lxw_worksheet *ws, const char *name,
                            ts_table t, const ts_view *v, size_t rows)
{
    const ts_table_info *info = landscape_table_info(t);
    int years = t == TS_TABLE_START_YEAR;
    lxw_chart *chart;
    lxw_chart_series *series;
    lxw_chart_options opt;
    lxw_row_t first = HEAD_ROW + 1, last;
    unsigned long max = 0;
    char title[240], axis[400];
    size_t k;

    if (v->empty || rows == 0)
        return;
    last = (lxw_row_t)(first + rows - 1);
    for (k = 0; k < v->n; k++)
        if (v->rows[k].count > max)
            max = v->rows[k].count;
    chart = add_chart(b, years ? LXW_CHART_COLUMN : LXW_CHART_BAR);
    series = add_series(chart);
    chart_series_set_categories(series, name, first, 0, last, 0);
    chart_series_set_values(series, name, first, 1, last, 1);
    chart_series_set_labels(series);
    chart_set_series_gap(chart, 60);
    {
        lxw_chart_fill fill = {TS_RGB_BLUE, 0, 0};

        chart_series_set_fill(series, &fill);
    }
    if (t == TS_TABLE_STATUS && !years) {
        lxw_chart_fill *fills = xcalloc(rows, sizeof(lxw_chart_fill));
        lxw_chart_point *pts = xcalloc(rows, sizeof(lxw_chart_point));
        lxw_chart_point **list = xcalloc(rows + 1, sizeof(*list));

        for (k = 0; k < rows; k++) {
            size_t s, g = TS_GRP_UNCLASSIFIED;

            for (s = 0; s < norm_count(TS_DIM_STATUS); s++)
                if (strcmp(norm_label(TS_DIM_STATUS, (int)s),
                           v->rows[k].label) == 0)
                    g = (size_t)norm_status_group((ts_trial_status)s);
            fills[k].color = palette_status_group(g);
            pts[k].fill = &fills[k];
            list[k] = &pts[k];
        }
        check(b, chart_series_set_points(series, list));
        free(list);
        free(pts);
        free(fills);
    }
    snprintf(title, sizeof(title), "%s%s\n%s", v->more ? "Top: " : "",
             info->title, v->nline);
    chart_title_set_name(chart, title);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    snprintf(axis, sizeof(axis), "Trials%s%s%s", v->note[0] ? " (" : "",
             v->note, v->note[0] ? ")" : "");
    {
        /* libxlsxwriter names a bar chart's axes by position: its value
         * axis is x, the categories y. */
        lxw_chart_axis *value = chart->x_axis->is_value ? chart->x_axis
                                                        : chart->y_axis;
        lxw_chart_axis *cat = value == chart->x_axis ? chart->y_axis
                                                     : chart->x_axis;

        count_axis(value, max, years ? "Trials" : axis);
        chart_axis_set_name(cat, info->title);
        if (years) {
            chart_axis_set_num_format(cat, "0");
            chart_axis_set_interval_unit(cat, year_interval(rows));
        } else {
            /* First row on top, the value axis still at the bottom. */
            chart_axis_set_reverse(cat);
            chart_axis_set_crossing_max(cat);
        }
    }
    memset(&opt, 0, sizeof(opt));
    opt.x_offset = 10;
    if (years) {
        opt.x_scale = rows > 24 ? 1.0 + (double)(rows - 24) / 30.0 : 1.0;
        if (opt.x_scale > 2.2)
            opt.x_scale = 2.2;
        opt.y_scale = 1.2;
    } else {
        opt.x_scale = 1.3;
        opt.y_scale = 0.5 + (double)rows * 0.075;
        if (opt.y_scale < 0.9)
            opt.y_scale = 0.9;
    }
    check(b, worksheet_insert_chart_opt(ws, HEAD_ROW, 4, chart, &opt));
}

/* The first and last year among the labels of a tally. */
static int year_span(ts_tally *t, int *lo, int *hi)
{
    size_t k, n = tally_rows(t);

    *lo = *hi = 0;
    for (k = 0; k < n; k++) {
        int y = view_year(tally_row_label(t, k));

        if (!y)
            continue;
        if (!*lo || y < *lo)
            *lo = y;
        if (y > *hi)
            *hi = y;
    }
    return *lo != 0;
}

/* Description lines under a sheet's title. */
static lxw_row_t put_notes(book *b, lxw_worksheet *ws, const char *a,
                           const char *c)
{
    put_str(b, ws, 1, 0, a, b->note);
    if (c && c[0])
        put_str(b, ws, 2, 0, c, b->note);
    return HEAD_ROW;
}

static void write_table(book *b, const ts_run *run, ts_table i,
                        unsigned long top)
{
    ts_tally *t = landscape_table(run->ls, i);
    const ts_table_info *info = landscape_table_info(i);
    lxw_worksheet *ws = b->table[i];
    size_t k, n = tally_rows(t), rows = 0, chart_rows;
    double width = 12;
    char buf[600], more[400];
    ts_view v;
    lxw_row_t r = HEAD_ROW + 1;
    int lo = 0, hi = 0;
    int years = i == TS_TABLE_START_YEAR && year_span(t, &lo, &hi);

    if (!ws)
        return;
    view_table(run->ls, i, top, &v);
    put_str(b, ws, 0, 0, info->title, b->title);
    snprintf(buf, sizeof(buf), "%s. %s; percentages are of n.%s",
             info->about, v.nline,
             info->multi ? " A trial may count in several rows, so they add "
                           "up to more than n."
                         : "");
    more[0] = '\0';
    if (landscape_denominator(run->ls) == TS_DENOM_ALL && info->applicable)
        snprintf(more, sizeof(more), "\"%s\": trials outside n, without a "
                                     "percentage.",
                 TS_LABEL_NOT_APPLICABLE);
    else if (landscape_denominator(run->ls) == TS_DENOM_KNOWN)
        snprintf(more, sizeof(more), "Rows without a percentage are trials "
                                     "without a known value, outside n.");
    if (years)
        snprintf(more + strlen(more), sizeof(more) - strlen(more),
                 "%sEvery year from %d to %d, those without trials "
                 "included.",
                 more[0] ? " " : "", lo, hi);
    put_notes(b, ws, buf, more);
    put_str(b, ws, HEAD_ROW, 0, years ? "Year" : "Category", b->header);
    put_str(b, ws, HEAD_ROW, 1, "Trials", b->header_num);
    put_str(b, ws, HEAD_ROW, 2, "Percent", b->header_num);
    if (v.empty) {
        /* Beside the first row, before the rows below it are written (the
         * sheet is written row by row). */
        snprintf(buf, sizeof(buf), "No chart: %s", v.empty);
        put_str(b, ws, HEAD_ROW + 1, 4, buf, b->empty);
    }
    if (years) {
        int y;
        size_t at = 0;
        unsigned long d = landscape_table_denominator(run->ls, i);

        /* Every year, numeric; the table's rows are in year order. */
        for (y = lo; y <= hi; y++, r++) {
            unsigned long c = 0;

            while (at < n && view_year(tally_row_label(t, at)) &&
                   view_year(tally_row_label(t, at)) < y)
                at++;
            if (at < n && view_year(tally_row_label(t, at)) == y)
                c = tally_row_count(t, at);
            put_num(b, ws, r, 0, (double)y, NULL);
            put_num(b, ws, r, 1, (double)c, NULL);
            if (d)
                put_num(b, ws, r, 2, (double)c / (double)d,
                        c ? b->pct : b->pct0);
            rows++;
        }
        chart_rows = rows;
        for (k = 0; k < n; k++, r++) {
            const char *label = tally_row_label(t, k);
            double pct = landscape_row_percent(run->ls, i, k);

            if (view_year(label)) {
                r--;
                continue;
            }
            put_str(b, ws, r, 0, label, NULL);
            put_num(b, ws, r, 1, (double)tally_row_count(t, k), NULL);
            if (pct >= 0)
                put_num(b, ws, r, 2, pct / 100.0, b->pct);
        }
    } else {
        for (k = 0; k < n; k++, r++) {
            const char *label = tally_row_label(t, k);
            double pct = landscape_row_percent(run->ls, i, k);

            put_str(b, ws, r, 0, label, NULL);
            put_num(b, ws, r, 1, (double)tally_row_count(t, k), NULL);
            if (pct >= 0)
                put_num(b, ws, r, 2, pct / 100.0, b->pct);
            if (strlen(label) + 2 > width)
                width = (double)strlen(label) + 2;
        }
        /* The chart's rows lead the table (see view.h); check it. */
        chart_rows = v.n;
        for (k = 0; k < v.n && k < n; k++)
            if (strcmp(v.rows[k].label, tally_row_label(t, k)) != 0)
                chart_rows = 0;
    }
    check(b, worksheet_set_column(ws, 0, 0, width > WIDTH_MAX ? WIDTH_MAX
                                                              : width,
                                  NULL));
    check(b, worksheet_set_column(ws, 1, 2, 10, NULL));
    worksheet_freeze_panes(ws, HEAD_ROW + 1, 0);
    page_setup(b, ws, HEAD_ROW, HEAD_ROW, 0);
    add_table_chart(b, ws, info->title, i, &v, chart_rows);
    view_free(&v);
}

/* A stacked column chart of a year cross-tab's non-empty columns over
 * every year (rows first..last), beside the table at column `at`. */
static void add_years_chart(book *b, lxw_worksheet *ws, const char *name,
                            ts_crosstab *x, const size_t *cols, size_t nc,
                            lxw_row_t first, lxw_row_t last, lxw_col_t at,
                            unsigned (*colour)(size_t), unsigned long max)
{
    lxw_chart *chart = add_chart(b, LXW_CHART_COLUMN_STACKED);
    lxw_chart_options opt;
    size_t c;
    char title[160];

    for (c = 0; c < nc; c++) {
        lxw_chart_series *s = add_series(chart);
        lxw_chart_fill fill = {0, 0, 0};

        chart_series_set_categories(s, name, first, 0, last, 0);
        chart_series_set_values(s, name, first, (lxw_col_t)(c + 1), last,
                                (lxw_col_t)(c + 1));
        chart_series_set_name_range(s, name, HEAD_ROW, (lxw_col_t)(c + 1));
        fill.color = colour(cols[c]);
        chart_series_set_fill(s, &fill);
    }
    chart_set_series_gap(chart, 40);
    snprintf(title, sizeof(title), "%s", crosstab_title(x));
    chart_title_set_name(chart, title);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    count_axis(chart->y_axis, max, "Trials");
    chart_axis_set_name(chart->x_axis, "Start year");
    chart_axis_set_num_format(chart->x_axis, "0");
    chart_axis_set_interval_unit(chart->x_axis,
                                 year_interval((size_t)(last - first + 1)));
    memset(&opt, 0, sizeof(opt));
    opt.x_offset = 10;
    opt.x_scale = 1.3;
    opt.y_scale = 1.4;
    check(b, worksheet_insert_chart_opt(ws, HEAD_ROW, at, chart, &opt));
}

/* A column wide enough for the longest word of its wrapped heading. */
static double heading_width(const char *s)
{
    size_t longest = 0;

    while (*s) {
        size_t n = strcspn(s, " ");

        if (n > longest)
            longest = n;
        s += n;
        s += strspn(s, " ");
    }
    return longest + 2 < 8 ? 8 : (double)longest + 2;
}

/* A cross-tab as a matrix: one row per category, a column per column
 * category that has trials, the row total, and for phase cross-tabs a
 * last column counting trials at phase II or later (phase I/II counts),
 * highlighted where there is none: the gaps. Counts are shaded from white
 * to blue. Year rows run over every year, zeros included, under a stacked
 * column chart. */
static void write_crosstab(book *b, const ts_run *run, ts_xtab xi)
{
    ts_crosstab *x = landscape_crosstab(run->ls, xi);
    const ts_xtab_info *info = landscape_xtab_info(xi);
    lxw_worksheet *ws = b->xtab[xi];
    size_t r, c, nr = crosstab_rows(x), ncols = crosstab_cols(x), nc = 0;
    size_t *cols = xcalloc(ncols + 1, sizeof(size_t));
    double width = 14;
    unsigned long max = 0, ymax = 0;
    char buf[600], n[160];
    lxw_row_t row = HEAD_ROW + 1, first_year = 0, last_year = 0;
    int lo = 0, hi = 0, y;

    if (!ws) {
        free(cols);
        return;
    }
    for (c = 0; c < ncols; c++)
        if (crosstab_col_total(x, c))
            cols[nc++] = c;
    if (info->years)
        for (r = 0; r < nr; r++) {
            y = view_year(crosstab_row_label(x, r));
            if (y && (!lo || y < lo))
                lo = y;
            if (y > hi)
                hi = y;
        }
    put_str(b, ws, 0, 0, crosstab_title(x), b->title);
    view_nline(n, sizeof(n), crosstab_trials(x), info->scope);
    snprintf(buf, sizeof(buf), "%s. %s. Rows: %s; columns: %s (columns "
                               "without trials left out).",
             info->about, n, crosstab_row_title(x), crosstab_col_title(x));
    put_notes(b, ws, buf,
              info->gaps ? "Phase II or later counts phase I/II, II, II/III, "
                           "III and IV trials; highlighted 0: a gap, no trial "
                           "at phase II or later."
              : info->years ? "Every year from the first to the last, those "
                              "without trials included."
                            : NULL);
    {
        double lines = 2;

        for (c = 0; c < nc; c++) {
            const char *h = crosstab_col_label(x, cols[c]);
            double w = heading_width(h) - 1, k = 1;
            size_t len = strlen(h);

            while (k * w < (double)len)
                k++;
            if (k > lines)
                lines = k;
        }
        check(b, worksheet_set_row(ws, HEAD_ROW, 15 * lines, NULL));
    }
    put_str(b, ws, HEAD_ROW, 0, crosstab_row_title(x), b->header);
    for (c = 0; c < nc; c++)
        put_str(b, ws, HEAD_ROW, (lxw_col_t)(c + 1),
                crosstab_col_label(x, cols[c]), b->header_mid);
    put_str(b, ws, HEAD_ROW, (lxw_col_t)(nc + 1), "Trials", b->header_mid);
    if (info->gaps)
        put_str(b, ws, HEAD_ROW, (lxw_col_t)(nc + 2),
                "Phase II or later", b->header_mid);
    /* Year rows first, every year; then the rest in table order. */
    for (y = lo; lo && y <= hi; y++, row++) {
        unsigned long tot = 0;

        put_num(b, ws, row, 0, (double)y, NULL);
        for (r = 0; r < nr; r++)
            if (view_year(crosstab_row_label(x, r)) == y)
                break;
        for (c = 0; c < nc; c++) {
            unsigned long v = r < nr ? crosstab_cell(x, r, cols[c]) : 0;

            put_num(b, ws, row, (lxw_col_t)(c + 1), (double)v, NULL);
            if (v > max)
                max = v;
            tot += v;
        }
        if (tot > ymax)
            ymax = tot;
        put_num(b, ws, row, (lxw_col_t)(nc + 1),
                r < nr ? (double)crosstab_row_total(x, r) : 0, b->bold);
    }
    if (lo) {
        first_year = HEAD_ROW + 1;
        last_year = row - 1;
    }
    for (r = 0; r < nr; r++) {
        const char *label = crosstab_row_label(x, r);

        if (lo && view_year(label))
            continue;
        put_str(b, ws, row, 0, label, NULL);
        for (c = 0; c < nc; c++) {
            unsigned long v = crosstab_cell(x, r, cols[c]);

            put_num(b, ws, row, (lxw_col_t)(c + 1), (double)v, NULL);
            if (v > max)
                max = v;
        }
        put_num(b, ws, row, (lxw_col_t)(nc + 1),
                (double)crosstab_row_total(x, r), b->bold);
        if (info->gaps) {
            unsigned long late = 0;

            for (c = 0; c < ncols; c++)
                if (landscape_phase_late(c))
                    late += crosstab_cell(x, r, c);
            put_num(b, ws, row, (lxw_col_t)(nc + 2), (double)late,
                    late ? NULL : b->gap);
        }
        if (strlen(label) + 2 > width)
            width = (double)strlen(label) + 2;
        row++;
    }
    if (nc && row > HEAD_ROW + 1 && max > 0) {
        lxw_conditional_format cf;

        memset(&cf, 0, sizeof(cf));
        cf.type = LXW_CONDITIONAL_2_COLOR_SCALE;
        cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
        cf.min_value = 0;
        cf.min_color = 0xFFFFFF;
        cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_MAXIMUM;
        cf.max_color = 0x6BAED6;
        check(b, worksheet_conditional_format_range(
                     ws, HEAD_ROW + 1, 1, row - 1, (lxw_col_t)nc, &cf));
    }
    check(b, worksheet_set_column(ws, 0, 0, width > 45 ? 45 : width, NULL));
    for (c = 0; c < nc; c++)
        check(b, worksheet_set_column(ws, (lxw_col_t)(c + 1),
                                      (lxw_col_t)(c + 1),
                                      heading_width(crosstab_col_label(
                                          x, cols[c])),
                                      NULL));
    check(b, worksheet_set_column(ws, (lxw_col_t)(nc + 1),
                                  (lxw_col_t)(nc + 2), 9, NULL));
    worksheet_freeze_panes(ws, HEAD_ROW + 1, 1);
    page_setup(b, ws, HEAD_ROW, HEAD_ROW, 1);
    if (lo && nc)
        add_years_chart(b, ws, crosstab_title(x), x, cols, nc, first_year,
                        last_year, (lxw_col_t)(nc + 3),
                        xi == TS_X_YEAR_PHASE   ? palette_phase
                        : xi == TS_X_YEAR_GROUP ? palette_status_group
                                                : palette_modality,
                        ymax);
    free(cols);
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
        put_str(b, ws, r, (lxw_col_t)(c + 1), head[c], b->header_num);
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
    page_setup(b, ws, -1, -1, 0);
    if (n > 1) {
        lxw_chart *chart = add_chart(b, LXW_CHART_BAR);
        lxw_chart_axis *value, *cat;
        lxw_chart_options opt;
        double max = 0, m;
        size_t t;

        for (t = TS_ENROLL_PLANNED; t <= TS_ENROLL_ACTUAL; t++) {
            lxw_chart_series *sr = add_series(chart);
            lxw_chart_fill fill = {0, 0, 0};
            lxw_col_t col = (lxw_col_t)(4 + 3 * t);

            /* rows 5 .. 5 + n - 2: the phases, not "All trials" */
            chart_series_set_categories(sr, "Enrollment", 5, 0,
                                        (lxw_row_t)(5 + n - 2), 0);
            chart_series_set_values(sr, "Enrollment", 5, col,
                                    (lxw_row_t)(5 + n - 2), col);
            chart_series_set_name_range(sr, "Enrollment", 4, col);
            fill.color = t == TS_ENROLL_PLANNED ? TS_RGB_SKY : TS_RGB_BLUE;
            chart_series_set_fill(sr, &fill);
            for (i = 0; i + 1 < n; i++) {
                m = enrollment_median(by_phase, i, (ts_enroll_type)t);
                if (m > max)
                    max = m;
            }
        }
        chart_title_set_name(chart, "Median enrollment by phase");
        chart_title_set_name_font(chart, &title_font);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        /* A bar chart's value axis is x (see add_table_chart). */
        value = chart->x_axis->is_value ? chart->x_axis : chart->y_axis;
        cat = value == chart->x_axis ? chart->y_axis : chart->x_axis;
        count_axis(value, (unsigned long)(max + 0.5),
                   "Participants per trial (median)");
        chart_axis_set_name(cat, "Phase");
        /* First phase on top, the value axis still at the bottom. */
        chart_axis_set_reverse(cat);
        chart_axis_set_crossing_max(cat);
        memset(&opt, 0, sizeof(opt));
        opt.x_scale = 1.4;
        opt.y_scale = 1.4;
        /* Under the tables: the sheet stays nine columns wide in print. */
        check(b, worksheet_insert_chart_opt(ws, r + 1, 0, chart, &opt));
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
            b->note);
    put_str(b, ws, 2, 0, "Field", b->header);
    put_str(b, ws, 2, 1, "Value", b->header);
    put_str(b, ws, 2, 2, "Trials", b->header_num);
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
    page_setup(b, ws, 2, 2, 0);
}

/* Every record of every merged trial: which identifiers, from which
 * registries and files, linked by what, and whose values were used. */
static void write_duplicates(book *b, const ts_run *run)
{
    static const char *const head[] = {
        "Trial", "Record", "Registry", "File", "Line", "Linked by",
        "Values used",
    };
    lxw_worksheet *ws = b->duplicates;
    size_t i, n = run->merge ? merge_dup_rows(run->merge) : 0;
    lxw_row_t r = 3;
    char buf[200];

    if (!ws)
        return;
    put_str(b, ws, 0, 0, "Records merged into one trial", b->title);
    snprintf(buf, sizeof(buf),
             "%zu trials were registered or exported more than once; each "
             "is counted once, with the values of the record marked yes.",
             run->merge ? merge_groups(run->merge) : (size_t)0);
    put_str(b, ws, 1, 0, buf, NULL);
    for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
        put_str(b, ws, 2, (lxw_col_t)i, head[i], b->header);
    for (i = 0; i < n && r < LXW_ROW_MAX; i++, r++) {
        ts_dup_row d;

        merge_dup_row(run->merge, i, &d);
        put_str(b, ws, r, 0, d.trial_id, NULL);
        put_str(b, ws, r, 1, d.record_id, NULL);
        put_str(b, ws, r, 2, registry_name(d.registry), NULL);
        put_str(b, ws, r, 3, d.file, NULL);
        put_num(b, ws, r, 4, (double)d.line, NULL);
        put_str(b, ws, r, 5, d.linked_by, NULL);
        put_str(b, ws, r, 6, d.used ? "yes" : "no", d.used ? b->bold : NULL);
    }
    check(b, worksheet_set_column(ws, 0, 1, 24, NULL));
    check(b, worksheet_set_column(ws, 2, 2, 18, NULL));
    check(b, worksheet_set_column(ws, 3, 3, 30, NULL));
    check(b, worksheet_set_column(ws, 4, 4, 8, NULL));
    check(b, worksheet_set_column(ws, 5, 5, 60, NULL));
    check(b, worksheet_set_column(ws, 6, 6, 11, NULL));
    worksheet_freeze_panes(ws, 3, 0);
    page_setup(b, ws, 2, 2, 0);
    if (r > 3)
        check(b, worksheet_autofilter(ws, 2, 0, r - 1, 6));
}

/* Whether a trials.tsv column is shown in the Trials sheet. The raw
 * registry codes and the page URL (the NCT id links to it) stay in
 * trials.tsv, so the sheet is narrower and easier to read (and quicker to
 * write: the sheet's XML is most of the workbook). */
static int sheet_column(const char *name)
{
    size_t n = strlen(name);

    /* The trial's registry, every identifier it holds and its record
     * count are shown: a reader filters the sheet by registry and sees
     * which numbers were linked (they cost about 2% of a run's
     * instructions: 2 more text cells a row measured 1.7%). */
    return strcmp(name, "url") != 0 &&
           !(n > 4 && strcmp(name + n - 4, "_raw") == 0);
}

/* Columns of trials.tsv written as numbers when they hold an integer. */
static int numeric_column(const char *name)
{
    return strcmp(name, "enrollment") == 0 ||
           strcmp(name, "start_year") == 0 ||
           strcmp(name, "records") == 0 ||
           strcmp(name, "source_line") == 0;
}

/* Columns of trials.tsv written as dates when they hold one. */
static int date_column(const char *name)
{
    size_t n = strlen(name);

    return n > 5 && strcmp(name + n - 5, "_date") == 0;
}

/* A readable header for a trials.tsv column: "start_year" as "Start
 * year", "nct_id" as "NCT ID". */
void xlsx_column_title(char *buf, size_t size, const char *name)
{
    static const char *const upper[] = {"nct", "id", "url", NULL};
    size_t o = 0;
    const char *p = name;

    while (*p && o + 1 < size) {
        size_t n = strcspn(p, "_"), k;
        int up = 0;

        for (k = 0; upper[k]; k++)
            up |= strlen(upper[k]) == n && strncmp(p, upper[k], n) == 0;
        if (o && o + 1 < size)
            buf[o++] = ' ';
        for (k = 0; k < n && o + 1 < size; k++) {
            char c = p[k];

            if ((up || (o == 0 && k == 0)) && c >= 'a' && c <= 'z')
                c = (char)(c - 32);
            buf[o++] = c;
        }
        p += n;
        p += strspn(p, "_");
    }
    buf[o] = '\0';
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
 * nothing to give every row one. Returns 0 (nothing built) for any other
 * text. */
static int nct_formula(const char *s, size_t n, char formula[128],
                       char nct[12])
{
    char url[TS_URL_SIZE];
    size_t i;

    for (i = 3; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        ;
    if (n != 11 || memcmp(s, "NCT", 3) != 0 || i != n)
        return 0;
    memcpy(nct, s, 11);
    nct[11] = '\0';
    snprintf(formula, 128, "=HYPERLINK(\"%s\",\"%s\")",
             trials_url(url, nct), nct);
    return 1;
}

/* The NCT id cell of a libxlsxwriter sheet. */
static void put_nct(book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                    const char *s, size_t n)
{
    char formula[128], nct[12];

    if (!nct_formula(s, n, formula, nct))
        put_text(b, ws, r, c, s, n, NULL);
    else
        check(b, worksheet_write_formula_str(ws, r, c, formula, b->link,
                                             nct));
}

/* The NCT id cell of a Trials row. */
static void row_nct(book *b, lxw_col_t c, const char *s, size_t n)
{
    char formula[128], nct[12];

    if (!nct_formula(s, n, formula, nct)) {
        if (n)
            sheetrows_string(b->rows, c, s, cut_text(b, s, n), 0);
    } else {
        /* sheet XML holds the formula without its '=' */
        sheetrows_formula(b->rows, c, formula + 1, nct, b->link_xf);
    }
}

/* A date of a Trials row as a date cell beside libxlsxwriter, as
 * put_date() writes it through libxlsxwriter: 1 if it was one. */
static int row_date(book *b, lxw_col_t c, const char *s, size_t n)
{
    int y, m, d, prec = norm_date(s, n, &y, &m, &d);
    lxw_datetime dt;

    if (!prec)
        return 0;
    memset(&dt, 0, sizeof(dt));
    dt.year = y;
    dt.month = m;
    dt.day = d;
    sheetrows_number(b->rows, c, lxw_datetime_to_excel_datetime(&dt),
                     prec == 3 ? b->date_day_xf : b->date_month_xf);
    return 1;
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
    if (r > 0)
        sheetrows_row(b->rows, r);
    for (c = 0; c < b->ncol && p <= end; c++) {
        char *tab = memchr(p, '\t', (size_t)(end - p));
        size_t n = tab ? (size_t)(tab - p) : (size_t)(end - p);
        int sc = b->to_sheet[c];
        double v;

        if (sc >= 0) {
            lxw_col_t col = (lxw_col_t)sc;

            n = tsv_unescape(p, n);
            if (r == 0) {
                char title[64];

                p[n] = '\0';
                xlsx_column_title(title, sizeof(title), p);
                n = strlen(title);
                put_text(b, ws, r, col, title, n, b->header);
            } else if (c == b->nct_col) {
                row_nct(b, col, p, n);
            } else if (b->numeric[c] && parse_int(p, n, &v)) {
                sheetrows_number(b->rows, col, v, 0);
            } else if (!(b->date[c] && row_date(b, col, p, n)) && n) {
                sheetrows_string(b->rows, col, p, cut_text(b, p, n), 0);
            }
            if ((double)n + 2 > b->width[sc])
                b->width[sc] = (double)n + 2;
        }
        p = tab ? tab + 1 : end + 1;
    }
    b->row++;
}

/* libxlsxwriter objects are allocated with malloc(); a NULL is out of
 * memory, and the workbook is not to be used after it. */
static lxw_format *add_format(book *b)
{
    lxw_format *f = workbook_add_format(b->wb);

    if (!f)
        xalloc_failed(sizeof(lxw_format));
    return f;
}

/* A column heading: bold on a pale blue band with a rule under it,
 * wrapped, at the bottom of its cell, aligned as the column (align). */
static lxw_format *header_format(book *b, uint8_t align)
{
    lxw_format *f = add_format(b);

    format_set_bold(f);
    format_set_bottom(f, LXW_BORDER_THIN);
    format_set_bg_color(f, 0xDCE6F1);
    format_set_text_wrap(f);
    if (align != LXW_ALIGN_NONE)
        format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_BOTTOM);
    return f;
}

static void make_formats(book *b)
{
    b->bold = add_format(b);
    format_set_bold(b->bold);
    b->title = add_format(b);
    format_set_bold(b->title);
    format_set_font_size(b->title, 13);
    b->header = header_format(b, LXW_ALIGN_NONE);
    b->header_num = header_format(b, LXW_ALIGN_RIGHT);
    b->header_mid = header_format(b, LXW_ALIGN_CENTER);
    b->pct = add_format(b);
    format_set_num_format(b->pct, PCT_FORMAT);
    b->pct0 = add_format(b);
    format_set_num_format(b->pct0, "0%");
    b->wrap = add_format(b);
    format_set_text_wrap(b->wrap);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
    b->gap = add_format(b);
    format_set_bg_color(b->gap, 0xF8CBAD);
    format_set_bold(b->gap);
    b->note = add_format(b);
    format_set_italic(b->note);
    b->empty = add_format(b);
    format_set_bold(b->empty);
    format_set_font_color(b->empty, 0x555555);
    b->link = add_format(b);
    format_set_font_color(b->link, LXW_COLOR_BLUE);
    format_set_underline(b->link, LXW_UNDERLINE_SINGLE);
    format_set_align(b->link, LXW_ALIGN_VERTICAL_TOP);
    b->date_day = add_format(b);
    format_set_num_format(b->date_day, "yyyy-mm-dd");
    b->date_month = add_format(b);
    format_set_num_format(b->date_month, "yyyy-mm");
    b->datetime = add_format(b);
    format_set_num_format(b->datetime, "yyyy-mm-dd hh:mm");
    format_set_align(b->datetime, LXW_ALIGN_LEFT);
    format_set_align(b->datetime, LXW_ALIGN_VERTICAL_TOP);
    b->num_top = add_format(b);
    format_set_align(b->num_top, LXW_ALIGN_VERTICAL_TOP);
}

static void xlsx_free(book *b)
{
    sb_free(&b->tmp);
    free(b->path);
    free(b->lxw_path);
    free(b->rows_path);
    free(b);
}

/* A new string "path" + "suffix"; caller frees. */
static char *path_with(const char *path, const char *suffix)
{
    ts_strbuf sb = {0};

    sb_puts(&sb, path);
    sb_puts(&sb, suffix);
    return sb.buf;
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

    /* libxlsxwriter 1.1.4 crashes when some of its allocations fail (the
     * error path of a new worksheet), so out of memory must come here
     * first: keep headroom for it. */
    xalloc_reserve(RESERVE);
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
    make_formats(b);
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
                    int threads, ts_xlsx **out, ts_error *err)
{
    book *b;
    size_t i;
    char *lxw_path = path_with(path, ".lxw");

    *out = NULL;
    b = book_new(lxw_path, name, tmpdir, "Clinical trial landscape", version,
                 epoch, err);
    if (!b) {
        free(lxw_path);
        return err->status;
    }
    b->path = xstrdup(path);
    b->lxw_path = lxw_path;
    b->rows_path = path_with(path, ".rows");
    b->summary = add_sheet(b, "Summary",
                           "This page: inputs, counts and the sheets");
    for (i = 0; i < TS_TABLE_COUNT; i++) {
        const ts_table_info *info = landscape_table_info((ts_table)i);

        b->table[i] = add_sheet(b, info->title, info->about);
    }
    for (i = 0; i < TS_X_COUNT; i++)
        b->xtab[i] = add_sheet(
            b, crosstab_title(landscape_crosstab(ls, (ts_xtab)i)),
            landscape_xtab_info((ts_xtab)i)->about);
    b->enrollment = add_sheet(b, "Enrollment",
                              "Participants per trial, planned and actual: "
                              "trials, sum and median by phase and by "
                              "indication");
    b->unmapped = add_sheet(b, "Unmapped",
                            "Registry values (phase, status, ...) that "
                            "could not be mapped, by trials");
    b->duplicates = add_sheet(b, "Duplicates",
                              "Records of one trial merged into one: their "
                              "identifiers, registries, what linked them and "
                              "whose values are used");
    b->trials = add_sheet(b, "Trials",
                          "One row per trial: normalized values and "
                          "classification, filterable; the NCT id links "
                          "to the registry");
    b->trials_no = b->nadded;
    /* The style indexes of the rows written beside libxlsxwriter. */
    b->link_xf = lxw_format_get_xf_index(b->link);
    b->date_day_xf = lxw_format_get_xf_index(b->date_day);
    b->date_month_xf = lxw_format_get_xf_index(b->date_month);
    b->ncol = trials_ncolumns();
    if (b->ncol > sizeof(b->to_sheet) / sizeof(b->to_sheet[0]))
        b->ncol = sizeof(b->to_sheet) / sizeof(b->to_sheet[0]);
    b->nct_col = b->ncol;
    for (i = 0; i < b->ncol; i++) {
        b->to_sheet[i] = sheet_column(trials_column(i)) ? b->nsheet++ : -1;
        b->numeric[i] = (char)numeric_column(trials_column(i));
        b->date[i] = (char)date_column(trials_column(i));
        if (strcmp(trials_column(i), "nct_id") == 0)
            b->nct_col = i;
    }
    if (sheetrows_open(b->rows_path, threads, &b->rows, err) != TS_OK) {
        int e = err->sys_errno;

        (void)workbook_close(b->wb);
        (void)remove(b->lxw_path);
        xlsx_free(b);
        return ts_error_sys(err, TS_ERR_OUTPUT, e, name,
                            "cannot create workbook");
    }
    *out = b;
    return TS_OK;
}

/* The Trials sheet's last touches: widths, frozen header and NCT column,
 * filter, page setup, and the note on the row limit. The filter comes
 * before the note: in constant-memory mode nothing may refer to a row
 * above the last one written. */
static void finish_trials(book *b)
{
    lxw_worksheet *ws = b->trials;
    lxw_row_t r = b->row;
    size_t c;

    if (!ws)
        return;
    for (c = 0; c < b->nsheet; c++) {
        double w = b->width[c] > 40 ? 40 : b->width[c] < 9 ? 9 : b->width[c];

        check(b, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w,
                                      NULL));
    }
    worksheet_freeze_panes(ws, 1, b->nct_col < b->ncol ? 1 : 0);
    if (r > 0 && b->nsheet > 0)
        check(b, worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 0,
                                      (lxw_col_t)(b->nsheet - 1)));
    page_setup(b, ws, 0, 0, 1);
    if (b->beyond) {
        char buf[200];

        snprintf(buf, sizeof(buf),
                 "Excel's row limit reached: %lu more trials are in "
                 "trials.tsv",
                 b->beyond);
        put_str(b, ws, r, 0, buf, b->bold);
    }
}


/* Finishes the Trials sheet's rows, closes the workbook (book_close frees
 * b) and puts the rows into it. */
static ts_status close_with_rows(book *b, ts_error *err)
{
    ts_sheetrows_info info;
    ts_status rc;
    char part[64], dim[32], col[4];
    /* The rows end at the last trial, or at the note below it. */
    unsigned long last = b->row + (b->beyond ? 1 : 0);
    const char *name = b->name;
    char *path = b->path, *lxw_path = b->lxw_path, *rows_path = b->rows_path;

    snprintf(part, sizeof(part), "xl/worksheets/sheet%d.xml", b->trials_no);
    sheetrows_colname(b->nsheet ? (unsigned)b->nsheet - 1 : 0, col);
    snprintf(dim, sizeof(dim), "A1:%s%lu", col, last ? last : 1);
    b->path = b->lxw_path = b->rows_path = NULL;    /* kept past b */
    rc = sheetrows_close(b->rows, &info, err);
    b->rows = NULL;
    if (rc != TS_OK) {
        ts_error keep = *err;

        (void)book_close(b, err);
        *err = keep;
    } else {
        rc = book_close(b, err);
    }
    if (rc == TS_OK)
        rc = xlsxzip_splice(lxw_path, path, part, rows_path, &info, dim,
                            name, err);
    (void)remove(lxw_path);
    (void)remove(rows_path);
    free(path);
    free(lxw_path);
    free(rows_path);
    return rc;
}

ts_status xlsx_close(ts_xlsx *b, const ts_run *run, unsigned long top,
                     ts_xlsx_loss *loss, ts_error *err)
{
    size_t i;

    xalloc_reserve(RESERVE);    /* see xlsx_open() */
    write_summary(b, run);
    for (i = 0; i < TS_TABLE_COUNT; i++)
        write_table(b, run, (ts_table)i, top ? top : 10);
    for (i = 0; i < TS_X_COUNT; i++)
        write_crosstab(b, run, (ts_xtab)i);
    write_enrollment(b, run);
    write_unmapped(b, run);
    write_duplicates(b, run);
    finish_trials(b);
    loss->cut = b->cut;
    loss->beyond = b->beyond;
    return close_with_rows(b, err);
}

void xlsx_discard(ts_xlsx *b)
{
    if (!b)
        return;
    /* Closing is the one documented way to free a workbook; the file it
     * writes goes with the stage. (libxlsxwriter 1.1.4 keeps the
     * temporary file of a sheet that never got a row open until exit.) */
    sheetrows_discard(b->rows);
    (void)workbook_close(b->wb);
    (void)remove(b->lxw_path);
    (void)remove(b->rows_path);
    xlsx_free(b);
}

/* ---- compare.xlsx ------------------------------------------------------- */

static void compare_summary(book *b, lxw_worksheet *ws,
                            const ts_comparison *c)
{
    static const char *const head[] = {
        "Side", "File", "Format", "Rows read", "Rows skipped", "Warnings",
    };
    lxw_row_t r = 0;
    size_t i, s;
    char buf[128];

    put_str(b, ws, r++, 0, "Comparison of two trial landscapes", b->title);
    snprintf(buf, sizeof(buf), "Made by trialscape %s", c->version);
    put_str(b, ws, r++, 0, buf, NULL);
    r++;
    put_str(b, ws, r, 1, "A", b->header);
    put_str(b, ws, r++, 2, "B", b->header);
    put_str(b, ws, r, 0, "Label", b->bold);
    for (s = 0; s < 2; s++)
        put_str(b, ws, r, (lxw_col_t)(1 + s), c->side[s].label, b->wrap);
    r++;
    {
        static const char *const rows[] = {
            "Records read", "Trials analysed",
            "Records merged into another trial",
            "Trials left out by the filter", "Trials without an identifier",
        };

        for (i = 0; i < 5; i++) {
            put_str(b, ws, r, 0, rows[i], b->bold);
            for (s = 0; s < 2; s++) {
                ts_landscape *ls = c->side[s].ls;
                const ts_merge *mg = c->side[s].merge;
                unsigned long v =
                    i == 0   ? (mg ? merge_records(mg) : 0)
                    : i == 1 ? landscape_trials(ls)
                    : i == 2 ? (mg ? merge_records(mg) - merge_trials(mg)
                                   : 0)
                    : i == 3 ? landscape_left_out(ls)
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
                ? "each side's n: all its trials, or the trials a table "
                  "applies to"
                : "each side's trials with a known value in each table",
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
        put_str(b, ws, r, (lxw_col_t)i, head[i],
                i >= 3 ? b->header_num : b->header);
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
            r++;
            put_str(b, ws, r, 1, "SHA-256", b->note);
            put_str(b, ws, r++, 2, in->stats.sha256, NULL);
            if (in->failed) {
                put_str(b, ws, r, 1, "Error", b->note);
                put_str(b, ws, r++, 2, in->error, NULL);
            }
        }
    }
    if (c->nwarnings) {
        r++;
        put_str(b, ws, r++, 0, "Warnings", b->title);
        for (i = 0; i < c->nwarnings; i++) {
            check(b, worksheet_set_row(
                         ws, r, wrapped_height(c->warnings[i], 66), NULL));
            snprintf(buf, sizeof(buf), "%zu", i + 1);
            put_str(b, ws, r, 0, buf, NULL);
            put_str(b, ws, r++, 1, c->warnings[i], b->wrap);
        }
        if (c->warnings_total > c->nwarnings) {
            snprintf(buf, sizeof(buf), "... and %lu more (see manifest.json)",
                     c->warnings_total - c->nwarnings);
            put_str(b, ws, r++, 1, buf, NULL);
        }
    }
    check(b, worksheet_set_column(ws, 0, 0, 34, NULL));
    check(b, worksheet_set_column(ws, 1, 1, 66, NULL));
    check(b, worksheet_set_column(ws, 2, 5, 18, NULL));
    page_setup(b, ws, -1, -1, 0);
}

/* Rows of a compare sheet its chart draws, from the first: as the paired
 * figures (comparison.c), an ordinal table's rows, a nominal one's
 * categories cut to about top by both sides' trials. */
static size_t compare_chart_rows(ts_table t, const ts_pair_row *rows,
                                 size_t n, unsigned long top)
{
    unsigned long *sum = xcalloc(n ? n : 1, sizeof(unsigned long));
    size_t k, m = 0, shown;

    for (k = 0; k < n; k++) {
        if (!landscape_table_info(t)->ordinal &&
            tally_label_is_special(rows[k].label))
            break;      /* special rows come last */
        sum[m++] = rows[k].n[0] + rows[k].n[1];
    }
    shown = landscape_table_info(t)->ordinal ? m : view_cut(sum, m, top);
    free(sum);
    return shown;
}

/* A clustered bar chart of both sides, beside the table. */
static void compare_chart(book *b, lxw_worksheet *ws, const char *name,
                          size_t shown, unsigned long max)
{
    lxw_chart *chart;
    lxw_col_t s;
    lxw_row_t first = HEAD_ROW + 1, last = (lxw_row_t)(first + shown - 1);

    if (shown == 0)
        return;
    chart = add_chart(b, LXW_CHART_BAR);
    for (s = 0; s < 2; s++) {
        lxw_chart_series *series = add_series(chart);
        lxw_chart_fill fill = {s ? TS_RGB_ORANGE : TS_RGB_BLUE, 0, 0};

        chart_series_set_categories(series, name, first, 0, last, 0);
        chart_series_set_values(series, name, first, (lxw_col_t)(1 + 2 * s),
                                last, (lxw_col_t)(1 + 2 * s));
        chart_series_set_name_range(series, name, HEAD_ROW,
                                    (lxw_col_t)(1 + 2 * s));
        chart_series_set_labels(series);
        chart_series_set_fill(series, &fill);
    }
    chart_title_set_name(chart, name);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_TOP);
    {
        lxw_chart_axis *value = chart->x_axis->is_value ? chart->x_axis
                                                        : chart->y_axis;
        lxw_chart_axis *cat = value == chart->x_axis ? chart->y_axis
                                                     : chart->x_axis;
        lxw_chart_options opt;

        count_axis(value, max, "Trials");
        chart_axis_set_name(cat, name);
        chart_axis_set_reverse(cat);    /* first row on top */
        chart_axis_set_crossing_max(cat);
        memset(&opt, 0, sizeof(opt));
        opt.x_offset = 10;
        opt.x_scale = 1.4;
        opt.y_scale = 0.6 + (double)shown * 0.12;
        check(b, worksheet_insert_chart_opt(ws, HEAD_ROW, 7, chart, &opt));
    }
}

static void compare_table(book *b, lxw_worksheet *ws, const ts_comparison *c,
                          ts_table i, lxw_format *points)
{
    const ts_table_info *info = landscape_table_info(i);
    ts_pair_row *rows;
    size_t n = comparison_rows(c, i, &rows), k, s, shown;
    unsigned long max = 0;
    double width = 12;
    char buf[400], na[80], nb[80];

    put_str(b, ws, 0, 0, info->title, b->title);
    view_nline(na, sizeof(na), landscape_table_denominator(c->side[0].ls, i),
               landscape_table_counts(c->side[0].ls, i));
    view_nline(nb, sizeof(nb), landscape_table_denominator(c->side[1].ls, i),
               landscape_table_counts(c->side[1].ls, i));
    snprintf(buf, sizeof(buf),
             "%s, in A and B. A: %s; B: %s; percentages are of each "
             "side's n; difference in percentage points, B minus A.%s",
             info->about, na, nb,
             info->multi ? " A trial may count in several rows." : "");
    put_notes(b, ws, buf, NULL);
    check(b, worksheet_set_row(ws, HEAD_ROW, 30, NULL));
    put_str(b, ws, HEAD_ROW, 0, "Category", b->header);
    for (s = 0; s < 2; s++) {
        snprintf(buf, sizeof(buf), "%s: trials", c->side[s].label);
        put_str(b, ws, HEAD_ROW, (lxw_col_t)(1 + 2 * s), buf, b->header_num);
        snprintf(buf, sizeof(buf), "%s: percent", c->side[s].label);
        put_str(b, ws, HEAD_ROW, (lxw_col_t)(2 + 2 * s), buf, b->header_num);
    }
    put_str(b, ws, HEAD_ROW, 5, "Difference (points)", b->header_num);
    for (k = 0; k < n; k++) {
        lxw_row_t r = (lxw_row_t)(HEAD_ROW + 1 + k);
        double d = comparison_difference(&rows[k]);

        put_str(b, ws, r, 0, rows[k].label, NULL);
        for (s = 0; s < 2; s++) {
            put_num(b, ws, r, (lxw_col_t)(1 + 2 * s), (double)rows[k].n[s],
                    NULL);
            if (rows[k].pct[s] >= 0)
                put_num(b, ws, r, (lxw_col_t)(2 + 2 * s),
                        rows[k].pct[s] / 100.0,
                        rows[k].n[s] ? b->pct : b->pct0);
            if (rows[k].n[s] > max)
                max = rows[k].n[s];
        }
        if (d > -1000)
            put_num(b, ws, r, 5, d, points);
        if (strlen(rows[k].label) + 2 > width)
            width = (double)strlen(rows[k].label) + 2;
    }
    check(b, worksheet_set_column(ws, 0, 0, width > WIDTH_MAX ? WIDTH_MAX
                                                              : width,
                                  NULL));
    check(b, worksheet_set_column(ws, 1, 5, 12, NULL));
    worksheet_freeze_panes(ws, HEAD_ROW + 1, 1);
    page_setup(b, ws, HEAD_ROW, HEAD_ROW, 1);
    shown = compare_chart_rows(i, rows, n, 10);
    compare_chart(b, ws, info->title, shown, max);
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
    worksheet_freeze_panes(ws, 1, 1);
    check(b, worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 0, 3));
    page_setup(b, ws, 0, 0, 1);
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
    points = add_format(b);
    format_set_num_format(points, "+0.0;-0.0;0.0");
    /* Constant-memory mode: every sheet exists before any is written. */
    summary = add_sheet(b, "Summary", "Both sides' inputs and counts");
    for (i = 0; i < TS_TABLE_COUNT; i++) {
        const ts_table_info *info = landscape_table_info((ts_table)i);

        table[i] = add_sheet(b, info->title, info->about);
    }
    changes = add_sheet(b, "Changes",
                        "Trials added, removed, or with a new status or "
                        "phase");
    if (summary)
        compare_summary(b, summary, c);
    for (i = 0; i < TS_TABLE_COUNT; i++)
        if (table[i])
            compare_table(b, table[i], c, (ts_table)i, points);
    if (changes)
        *beyond = compare_changes_sheet(b, changes, c);
    return book_close(b, err);
}
