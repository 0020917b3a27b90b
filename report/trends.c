/*
 * trends.c - trends, sponsors, enrollment and design figures (report
 * stage).
 */
#include "report/trends.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/crosstab.h"
#include "analyze/enrollment.h"
#include "analyze/landscape.h"
#include "analyze/tally.h"
#include "common/xalloc.h"
#include "report/plot.h"

enum { FROM_XTAB, FROM_TABLE, FROM_ENROLLMENT };

#define YEARS_MAX 40    /* years drawn; earlier ones are joined */

/* The panels of fig2: where each reads, file stem, title, axis, kind. */
static const struct {
    int from;
    int which;          /* ts_xtab, ts_table or enrollment table */
    const char *name, *script, *title, *axis;
    ts_chart_kind kind;
} panels[] = {
    {FROM_XTAB, TS_X_YEAR_PHASE, "trends_phase", "trends_phase.gp",
     "A. Trials started per year, by phase", "Trials",
     TS_CHART_STACKED_COLUMNS},
    {FROM_XTAB, TS_X_YEAR_MODALITY, "trends_modality", "trends_modality.gp",
     "B. Trials started per year, by modality",
     "Trials (one part per modality of a trial)", TS_CHART_STACKED_COLUMNS},
    {FROM_XTAB, TS_X_YEAR_GROUP, "trends_status_group",
     "trends_status_group.gp", "C. Trials started per year, by status group",
     "Trials", TS_CHART_STACKED_COLUMNS},
    {FROM_ENROLLMENT, 0, "enrollment_phase", "enrollment_phase.gp",
     "D. Median enrollment by phase", "Participants (median of trials)",
     TS_CHART_PAIRS},
    {FROM_XTAB, TS_X_INDUSTRY_SPONSOR_PHASE, "sponsors_industry",
     "sponsors_industry.gp", "E. Top industry lead sponsors, by phase",
     "Trials", TS_CHART_STACKED_BARS},
    {FROM_XTAB, TS_X_OTHER_SPONSOR_PHASE, "sponsors_other",
     "sponsors_other.gp", "F. Top other lead sponsors, by phase", "Trials",
     TS_CHART_STACKED_BARS},
    {FROM_TABLE, TS_TABLE_DESIGN, "design", "design.gp", "G. Allocation",
     "Trials", TS_CHART_BARS},
    {FROM_TABLE, TS_TABLE_MASKING, "masking", "masking.gp", "H. Masking",
     "Trials", TS_CHART_BARS},
    {FROM_TABLE, TS_TABLE_RESULTS, "results", "results.gp",
     "I. Results posted", "Trials", TS_CHART_BARS},
};

#define NPANELS (sizeof(panels) / sizeof(panels[0]))

size_t trends_nscripts(void)
{
    return NPANELS + 1;
}

/* One panel's rows; every array and label owned. */
typedef struct panel {
    ts_chart chart;
    char **labels;
    unsigned long *counts, *counts2, *values;
    double *pct, *pct2;
    const char *names[TS_CHART_MAX_SERIES];
} panel;

static void panel_alloc(panel *p, size_t n, size_t nseries)
{
    n = n ? n : 1;
    p->labels = xcalloc(n, sizeof(char *));
    p->counts = xcalloc(n, sizeof(unsigned long));
    p->counts2 = xcalloc(n, sizeof(unsigned long));
    p->pct = xcalloc(n, sizeof(double));
    p->pct2 = xcalloc(n, sizeof(double));
    p->values = xcalloc(n * (nseries ? nseries : 1), sizeof(unsigned long));
}

static void panel_free(panel *p)
{
    size_t i;

    for (i = 0; i < p->chart.n; i++)
        free(p->labels[i]);
    free(p->labels);
    free(p->counts);
    free(p->counts2);
    free(p->values);
    free(p->pct);
    free(p->pct2);
}

/* The parts a cross-tab's bars are split into: its columns with a
 * trial, in their order; past TS_CHART_MAX_SERIES, the largest keep their
 * own colour and the rest are joined as "Others". map[col] is the part
 * of each column, or -1 for an empty one. Returns the parts. */
static size_t pick_series(ts_crosstab *x, int *map, const char **names)
{
    size_t c, k, ncols = crosstab_cols(x), n = 0, kept = 0;
    unsigned long *tot = xcalloc(ncols ? ncols : 1, sizeof(*tot));

    for (c = 0; c < ncols; c++) {
        tot[c] = crosstab_col_total(x, c);
        map[c] = tot[c] ? 0 : -1;
        n += tot[c] > 0;
    }
    if (n > TS_CHART_MAX_SERIES) {
        /* Keep the MAX - 1 largest columns (ties: the earlier). */
        for (c = 0; c < ncols; c++) {
            size_t larger = 0;

            if (!tot[c])
                continue;
            for (k = 0; k < ncols; k++)
                larger += tot[k] > tot[c] || (tot[k] == tot[c] && k < c);
            if (larger >= TS_CHART_MAX_SERIES - 1)
                map[c] = -2;
        }
    }
    for (c = 0; c < ncols; c++)
        if (map[c] == 0) {
            names[kept] = crosstab_col_label(x, c);
            map[c] = (int)kept++;
        }
    if (n > kept) {
        names[kept] = "Others";
        for (c = 0; c < ncols; c++)
            if (map[c] == -2)
                map[c] = (int)kept;
        kept++;
    }
    free(tot);
    return kept;
}

static void put_row(panel *p, size_t m, ts_crosstab *x, size_t row,
                    const int *map, size_t ns)
{
    size_t c;

    for (c = 0; c < crosstab_cols(x); c++)
        if (map[c] >= 0)
            p->values[m * ns + (size_t)map[c]] += crosstab_cell(x, row, c);
    p->counts[m] += crosstab_row_total(x, row);
}

/* Start years from the first to the last, none left out (a year
 * without a trial is a bar of 0); at most YEARS_MAX bars, the earlier
 * years joined in the first, "Before YEAR". Rows that are not years
 * ("Not reported") are not drawn. */
static void build_years(panel *p, ts_crosstab *x, const int *map, size_t ns)
{
    size_t r, nrows = crosstab_rows(x), n, m;
    long lo = 0, hi = -1, first;

    for (r = 0; r < nrows; r++) {
        char *end;
        long y = strtol(crosstab_row_label(x, r), &end, 10);

        if (*end || y <= 0)
            continue;
        if (hi < lo || y < lo)
            lo = y;
        if (hi < lo || y > hi)
            hi = y;
    }
    n = hi >= lo ? (size_t)(hi - lo + 1) : 0;
    first = lo;
    if (n > YEARS_MAX) {
        first = hi - YEARS_MAX + 2;     /* bar 0 holds the years before */
        n = YEARS_MAX;
    }
    panel_alloc(p, n, ns);
    for (m = 0; m < n; m++) {
        char buf[32];

        if (first > lo && m == 0)
            snprintf(buf, sizeof(buf), "Before %ld", first);
        else
            snprintf(buf, sizeof(buf), "%ld",
                     first + (long)m - (first > lo ? 1 : 0));
        p->labels[m] = xstrdup(buf);
    }
    for (r = 0; r < nrows; r++) {
        char *end;
        long y = strtol(crosstab_row_label(x, r), &end, 10);

        if (*end || y <= 0)
            continue;
        m = first > lo ? (y < first ? 0 : (size_t)(y - first) + 1)
                       : (size_t)(y - first);
        put_row(p, m, x, r, map, ns);
    }
    p->chart.n = n;
}

/* The top rows of a cross-tab counted by trials. */
static void build_top(panel *p, ts_crosstab *x, const int *map, size_t ns,
                      unsigned long top)
{
    size_t r, m = 0, nrows = crosstab_rows(x);

    panel_alloc(p, nrows < top ? nrows : top, ns);
    for (r = 0; r < nrows && m < top; r++) {
        const char *label = crosstab_row_label(x, r);

        if (strcmp(label, TS_LABEL_NOT_REPORTED) == 0)
            continue;
        p->labels[m] = xstrdup(label);
        put_row(p, m, x, r, map, ns);
        m++;
    }
    p->chart.n = m;
}

static void build_xtab(panel *p, ts_crosstab *x, int years,
                       unsigned long top)
{
    int *map = xcalloc(crosstab_cols(x) ? crosstab_cols(x) : 1, sizeof(int));
    size_t ns = pick_series(x, map, p->names);

    if (years)
        build_years(p, x, map, ns);
    else
        build_top(p, x, map, ns, top);
    free(map);
    p->chart.nseries = ns;
    p->chart.names = p->names;
    p->chart.values = p->values;
}

/* Every category of a small table, with its percentage. */
static void build_table(panel *p, ts_landscape *ls, ts_table which)
{
    ts_tally *t = landscape_table(ls, which);
    size_t k, n = tally_rows(t);

    panel_alloc(p, n, 0);
    for (k = 0; k < n; k++) {
        p->labels[k] = xstrdup(tally_row_label(t, k));
        p->counts[k] = tally_row_count(t, k);
        p->pct[k] = landscape_row_percent(ls, which, k);
    }
    p->chart.n = n;
    p->chart.percent = p->pct;
}

static unsigned long rounded(double v)
{
    return v < 0 ? 0 : (unsigned long)(v + 0.5);
}

/* Planned and actual medians side by side, for phases with either. */
static void build_enrollment(panel *p, ts_enrollment *e)
{
    size_t r, m = 0, n = enrollment_rows(e);

    panel_alloc(p, n, 0);
    for (r = 0; r < n; r++) {
        double plan = enrollment_median(e, r, TS_ENROLL_PLANNED);
        double act = enrollment_median(e, r, TS_ENROLL_ACTUAL);

        if (plan < 0 && act < 0)
            continue;
        p->labels[m] = xstrdup(enrollment_row_label(e, r));
        p->counts[m] = rounded(plan);
        p->counts2[m] = rounded(act);
        p->pct[m] = plan < 0 ? TS_CHART_NO_VALUE : -1;
        p->pct2[m] = act < 0 ? TS_CHART_NO_VALUE : -1;
        m++;
    }
    p->chart.n = m;
    p->chart.percent = p->pct;
    p->chart.percent2 = p->pct2;
    p->chart.counts2 = p->counts2;
    p->chart.series[0] = "Planned";
    p->chart.series[1] = "Actual";
}

static void panel_build(panel *p, const ts_run *run, size_t i,
                        unsigned long top, unsigned formats)
{
    memset(p, 0, sizeof(*p));
    if (panels[i].from == FROM_XTAB)
        build_xtab(p,
                   landscape_crosstab(run->ls, (ts_xtab)panels[i].which),
                   panels[i].kind == TS_CHART_STACKED_COLUMNS, top);
    else if (panels[i].from == FROM_TABLE)
        build_table(p, run->ls, (ts_table)panels[i].which);
    else
        build_enrollment(p, landscape_enrollment(run->ls,
                                                 (size_t)panels[i].which));
    p->chart.name = panels[i].name;
    p->chart.title = panels[i].title;
    p->chart.axis = panels[i].axis;
    p->chart.kind = panels[i].kind;
    p->chart.labels = (const char *const *)p->labels;
    p->chart.counts = p->counts;
    p->chart.formats = formats;
}

ts_status trends_write(ts_stage *st, const ts_run *run, unsigned long top,
                       unsigned formats, const char *caption,
                       const char **scripts, ts_error *err)
{
    panel p[NPANELS];
    const ts_chart *list[NPANELS];
    ts_status rc = TS_OK;
    size_t i;

    for (i = 0; i < NPANELS; i++) {
        panel_build(&p[i], run, i, top ? top : 10, formats);
        list[i] = &p[i].chart;
        scripts[i] = panels[i].script;
    }
    scripts[NPANELS] = "fig2.gp";
    for (i = 0; i < NPANELS && rc == TS_OK; i++)
        rc = report_write_chart(st, list[i], formats, err);
    if (rc == TS_OK)
        rc = report_write_figure(st, list, NPANELS, "fig2",
                                 "Trends, sponsors, enrollment and design",
                                 caption, formats, err);
    for (i = 0; i < NPANELS; i++)
        panel_free(&p[i]);
    return rc;
}
