/*
 * figures.c - the figures of a run: what each draws, its colours, and
 * the gnuplot runs (report stage).
 */
#include "report/figures.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/enrollment.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "report/palette.h"
#include "report/plot.h"
#include "report/view.h"

typedef enum colour_rule {
    COLOUR_ONE,             /* every bar blue */
    COLOUR_STATUS_GROUP,    /* a status by its group */
    COLOUR_SPONSOR_CLASS,   /* a sponsor: industry or not */
    COLOUR_PHASE,           /* series are phases */
    COLOUR_MODALITY,        /* series are modalities */
    COLOUR_GROUP            /* series are status groups */
} colour_rule;

/* The combined figures a panel is in. */
#define FIG1 1
#define FIG2 2

/* A panel drawn from the enrollment by phase table (PAIRS). */
#define ENROLLMENT_BY_PHASE 0

/*
 * The figures, in the order they are rendered (the first failure is
 * reported). fig1 and fig2 hold those marked, lettered in this order. For a
 * cross-tab, `what` is what its n counts and `empty` what is said when it
 * has no rows. A new table becomes a figure with one more row here.
 */
static const struct figure_spec {
    const char *name;           /* file stem */
    const char *script;         /* NAME.gp; static, as errors name it */
    const char *title;          /* short */
    int figs;                   /* FIG1, FIG2: the combined figures it
                                 * is a panel of */
    ts_chart_kind kind;
    int table;                  /* BARS: a ts_table; PAIRS: an
                                 * enrollment table */
    int xtab;                   /* YEARS, HEATMAP: a ts_xtab */
    colour_rule colour;
    const char *what;           /* YEARS, HEATMAP: n counts these */
    const char *empty;          /* YEARS, HEATMAP: said without rows */
} specs[] = {
    {"phase", "phase.gp", "Phase", FIG1, TS_CHART_BARS, TS_TABLE_PHASE, -1,
     COLOUR_ONE, NULL, NULL},
    {"status", "status.gp", "Recruitment status", FIG1, TS_CHART_BARS,
     TS_TABLE_STATUS, -1, COLOUR_STATUS_GROUP, NULL, NULL},
    {"indication", "indication.gp", "Indications", FIG1, TS_CHART_BARS,
     TS_TABLE_INDICATION, -1, COLOUR_ONE, NULL, NULL},
    {"regimen", "regimen.gp", "Treatment regimens", FIG1, TS_CHART_BARS,
     TS_TABLE_REGIMEN, -1, COLOUR_ONE, NULL, NULL},
    {"chemo_class", "chemo_class.gp", "Chemotherapy drug classes", FIG1,
     TS_CHART_BARS, TS_TABLE_CHEMO_CLASS, -1, COLOUR_ONE, NULL, NULL},
    {"targets", "targets.gp", "Targeted proteins", FIG1, TS_CHART_BARS,
     TS_TABLE_TARGETS, -1, COLOUR_ONE, NULL, NULL},
    {"immuno_targets", "immuno_targets.gp", "Immunotherapy targets", FIG1,
     TS_CHART_BARS, TS_TABLE_IMMUNO_TARGETS, -1, COLOUR_ONE, NULL, NULL},
    {"start_year", "start_year.gp", "Trials started per year, by phase",
     FIG1 | FIG2, TS_CHART_YEARS, -1, TS_X_YEAR_PHASE, COLOUR_PHASE,
     "trials with a start year", "No start dates in this export"},
    {"start_year_modality", "start_year_modality.gp",
     "Trials started per year, by modality", FIG2, TS_CHART_YEARS, -1,
     TS_X_YEAR_MODALITY, COLOUR_MODALITY,
     "trials with a start year and a classified modality",
     "No start dates or interventions in this export"},
    {"country", "country.gp", "Countries", 0, TS_CHART_BARS,
     TS_TABLE_COUNTRY, -1, COLOUR_ONE, NULL, NULL},
    {"sponsor", "sponsor.gp", "Lead sponsors", 0, TS_CHART_BARS,
     TS_TABLE_SPONSOR, -1, COLOUR_SPONSOR_CLASS, NULL, NULL},
    {"registry", "registry.gp", "Source registries", 0, TS_CHART_BARS,
     TS_TABLE_REGISTRY, -1, COLOUR_ONE, NULL, NULL},
    {"target_phase", "target_phase.gp", "Targets by phase", 0,
     TS_CHART_HEATMAP, -1, TS_X_TARGET_PHASE, COLOUR_ONE,
     "trials with a molecular target", "No trials with a molecular target"},
    {"indication_phase", "indication_phase.gp", "Indications by phase", 0,
     TS_CHART_HEATMAP, -1, TS_X_INDICATION_PHASE, COLOUR_ONE,
     "trials with a reported indication", "No conditions in this export"},
    {"start_year_status_group", "start_year_status_group.gp",
     "Trials started per year, by status group", FIG2, TS_CHART_YEARS, -1,
     TS_X_YEAR_GROUP, COLOUR_GROUP, "trials with a start year",
     "No start dates in this export"},
    {"enrollment_phase", "enrollment_phase.gp",
     "Median enrollment by phase", FIG2, TS_CHART_PAIRS,
     ENROLLMENT_BY_PHASE, -1, COLOUR_ONE, "trials with an enrollment",
     "No enrollment in this export"},
    {"sponsors_industry", "sponsors_industry.gp",
     "Industry lead sponsors by phase", FIG2, TS_CHART_HEATMAP, -1,
     TS_X_INDUSTRY_SPONSOR_PHASE, COLOUR_ONE, "trials funded by industry",
     "No industry-funded trials in this export"},
    {"sponsors_other", "sponsors_other.gp", "Other lead sponsors by phase",
     FIG2, TS_CHART_HEATMAP, -1, TS_X_OTHER_SPONSOR_PHASE, COLOUR_ONE,
     "trials of other known funder types",
     "No trials of other known funder types in this export"},
    {"design", "design.gp", "Allocation", FIG2, TS_CHART_BARS,
     TS_TABLE_DESIGN, -1, COLOUR_ONE, NULL, NULL},
    {"masking", "masking.gp", "Masking", FIG2, TS_CHART_BARS,
     TS_TABLE_MASKING, -1, COLOUR_ONE, NULL, NULL},
    {"results", "results.gp", "Results posted", FIG2, TS_CHART_BARS,
     TS_TABLE_RESULTS, -1, COLOUR_ONE, NULL, NULL},
};

#define NFIG (sizeof(specs) / sizeof(specs[0]))

/* A chart and the arrays it points into (owned). */
typedef struct panel {
    ts_chart chart;
    ts_view view;
    char title[96];
    char nline[160];
    char note[480];
    const char **labels;
    char (*valbuf)[40];
    const char **values;
    char (*valbuf2)[40];
    const char **values2;
    unsigned long *counts;
    unsigned long *counts2;
    unsigned *rgb;
    int *years;
    const char **series;
    char (*serbuf)[40];
    unsigned *series_rgb;
    unsigned char *mark;
    const char *legend[TS_GRP_COUNT + 4];
    unsigned legend_rgb[TS_GRP_COUNT + 4];
} panel;

static void panel_free(panel *p)
{
    view_free(&p->view);
    free(p->labels);
    free(p->valbuf);
    free(p->values);
    free(p->valbuf2);
    free(p->values2);
    free(p->counts);
    free(p->counts2);
    free(p->rgb);
    free(p->years);
    free(p->series);
    free(p->serbuf);
    free(p->series_rgb);
    free(p->mark);
}

/* "Top targeted proteins" for a cut chart. */
static void set_title(panel *p, const char *title, int top)
{
    if (top)
        snprintf(p->title, sizeof(p->title), "Top %c%s",
                 title[0] >= 'A' && title[0] <= 'Z' ? title[0] + 32
                                                     : title[0],
                 title + 1);
    else
        snprintf(p->title, sizeof(p->title), "%s", title);
    p->chart.title = p->title;
}

static void note_add(panel *p, const char *text)
{
    size_t len = strlen(p->note);

    if (!text || !text[0])
        return;
    snprintf(p->note + len, sizeof(p->note) - len, "%s%s", len ? "; " : "",
             text);
}

/* Adds a legend entry once. */
static void legend_add(panel *p, const char *label, unsigned rgb)
{
    size_t i, n = p->chart.nlegend;

    for (i = 0; i < n; i++)
        if (strcmp(p->legend[i], label) == 0)
            return;
    if (n == sizeof(p->legend) / sizeof(p->legend[0]))
        return;
    p->legend[n] = label;
    p->legend_rgb[n] = rgb;
    p->chart.nlegend = n + 1;
}

/* The index of a label in a dimension's vocabulary, or -1. */
static int vocab_index(ts_dim dim, const char *label)
{
    size_t k;

    for (k = 0; k < norm_count(dim); k++)
        if (strcmp(norm_label(dim, (int)k), label) == 0)
            return (int)k;
    return -1;
}

/* The status group of a status label. */
static size_t status_group_of(const char *label)
{
    int s = vocab_index(TS_DIM_STATUS, label);

    return s < 0 ? TS_GRP_UNCLASSIFIED
                 : (size_t)norm_status_group((ts_trial_status)s);
}

/* Bars coloured by status group, with the groups shown in the legend in
 * their order. */
static void colour_status(panel *p)
{
    size_t i, g;

    for (i = 0; i < p->chart.n; i++)
        p->rgb[i] = palette_status_group(status_group_of(p->labels[i]));
    for (g = 0; g < TS_GRP_COUNT; g++)
        for (i = 0; i < p->chart.n; i++)
            if (status_group_of(p->labels[i]) == g)
                legend_add(p, norm_label(TS_DIM_STATUS_GROUP, (int)g),
                           palette_status_group(g));
}

/* Bars of lead sponsors by the funder type of most of their trials:
 * industry or not. */
static void colour_sponsor(panel *p, ts_landscape *ls)
{
    ts_crosstab *x = landscape_crosstab(ls, TS_X_SPONSOR_FUNDER);
    size_t i, r, rows = crosstab_rows(x);
    int cls[3] = {0, 0, 0};
    static const char *const names[3] = {"Industry", "Other funder",
                                         "Funder type not reported"};
    static const unsigned rgb[3] = {TS_RGB_ORANGE, TS_RGB_BLUE, TS_RGB_LIGHT_GREY};

    for (i = 0; i < p->chart.n; i++) {
        int c = 2;

        for (r = 0; r < rows; r++) {
            if (strcmp(crosstab_row_label(x, r), p->labels[i]) == 0) {
                unsigned long ind = crosstab_cell(x, r, TS_FUND_INDUSTRY);
                unsigned long none =
                    crosstab_cell(x, r, TS_FUND_NOT_REPORTED) +
                    crosstab_cell(x, r, TS_FUND_UNCLASSIFIED);
                unsigned long other = crosstab_row_total(x, r) - ind - none;

                c = ind + other == 0 ? 2 : ind >= other ? 0 : 1;
                break;
            }
        }
        p->rgb[i] = rgb[c];
        cls[c] = 1;
    }
    for (i = 0; i < 3; i++)
        if (cls[i])
            legend_add(p, names[i], rgb[i]);
}

/* The table and title a bar panel shows: panel E's by the landscape
 * (chemotherapy classes in an oncology landscape, drug classes otherwise:
 * landscape_panel_e), panel F's by the target view chosen (--targets). */
static ts_table bars_table(const ts_run *run, const ts_report_opts *opts,
                           const struct figure_spec *s, const char **title)
{
    ts_table t = (ts_table)s->table;

    *title = s->title;
    if (t == TS_TABLE_CHEMO_CLASS &&
        landscape_panel_e(run->ls, NULL, NULL) == TS_TABLE_DRUG_CLASS) {
        *title = "Drug classes";
        return TS_TABLE_DRUG_CLASS;
    }
    if (t == TS_TABLE_TARGETS && opts->panel_f == TS_TABLE_TARGET_FAMILIES) {
        *title = "Target families";
        return TS_TABLE_TARGET_FAMILIES;
    }
    if (t == TS_TABLE_TARGETS && opts->panel_f == TS_TABLE_PRIMARY_TARGETS) {
        *title = "Primary targets";
        return TS_TABLE_PRIMARY_TARGETS;
    }
    return t;
}

static void build_bars(panel *p, const ts_run *run,
                       const ts_report_opts *opts,
                       const struct figure_spec *s, unsigned long top)
{
    ts_view *v = &p->view;
    const char *title;
    ts_table table = bars_table(run, opts, s, &title);
    size_t i;

    view_table(run->ls, table, top, v);
    set_title(p, title, v->more > 0);
    snprintf(p->nline, sizeof(p->nline), "%s", v->nline);
    snprintf(p->note, sizeof(p->note), "%s", v->note);
    p->chart.kind = TS_CHART_BARS;
    p->chart.empty = v->empty;
    p->chart.n = v->n;
    p->labels = xcalloc(v->n + 1, sizeof(char *));
    p->valbuf = xcalloc(v->n + 1, sizeof(*p->valbuf));
    p->values = xcalloc(v->n + 1, sizeof(char *));
    p->counts = xcalloc(v->n + 1, sizeof(unsigned long));
    p->rgb = xcalloc(v->n + 1, sizeof(unsigned));
    for (i = 0; i < v->n; i++) {
        p->labels[i] = v->rows[i].label;
        p->counts[i] = v->rows[i].count;
        view_value_text(p->valbuf[i], v->rows[i].count, v->rows[i].percent);
        p->values[i] = p->valbuf[i];
        p->rgb[i] = TS_RGB_BLUE;
    }
    if (s->colour == COLOUR_STATUS_GROUP)
        colour_status(p);
    else if (s->colour == COLOUR_SPONSOR_CLASS)
        colour_sponsor(p, run->ls);
    p->chart.labels = p->labels;
    p->chart.values = p->values;
    p->chart.counts = p->counts;
    p->chart.rgb = p->rgb;
    p->chart.axis = "Trials";
}

/* Trials per start year, every year from the first to the last, zeros
 * included, stacked by the cross-tab's columns. */
static void build_years(panel *p, const ts_run *run,
                        const struct figure_spec *s)
{
    ts_crosstab *x = landscape_crosstab(run->ls, (ts_xtab)s->xtab);
    const ts_xtab_info *info = landscape_xtab_info((ts_xtab)s->xtab);
    size_t r, c, rows = crosstab_rows(x), cols = crosstab_cols(x);
    int lo = 0, hi = 0;
    unsigned long with = 0, without = 0;
    char part[96];

    set_title(p, s->title, 0);
    p->chart.kind = TS_CHART_YEARS;
    for (r = 0; r < rows; r++) {
        int y = view_year(crosstab_row_label(x, r));

        if (!y) {
            without += crosstab_row_total(x, r);
            continue;
        }
        with += crosstab_row_total(x, r);
        if (!lo || y < lo)
            lo = y;
        if (y > hi)
            hi = y;
    }
    view_nline(p->nline, sizeof(p->nline), with, s->what);
    if (!lo) {
        p->chart.empty = s->empty;
        return;
    }
    p->chart.n = (size_t)(hi - lo + 1);
    p->chart.nseries = cols;
    p->years = xcalloc(p->chart.n, sizeof(int));
    p->counts = xcalloc(p->chart.n * cols, sizeof(unsigned long));
    p->series = xcalloc(cols, sizeof(char *));
    p->series_rgb = xcalloc(cols, sizeof(unsigned));
    for (r = 0; r < p->chart.n; r++)
        p->years[r] = lo + (int)r;
    for (r = 0; r < rows; r++) {
        int y = view_year(crosstab_row_label(x, r));

        if (y)
            for (c = 0; c < cols; c++)
                p->counts[(size_t)(y - lo) * cols + c] =
                    crosstab_cell(x, r, c);
    }
    for (c = 0; c < cols; c++) {
        p->series[c] = crosstab_col_label(x, c);
        p->series_rgb[c] = s->colour == COLOUR_PHASE   ? palette_phase(c)
                           : s->colour == COLOUR_GROUP ? palette_status_group(c)
                                                       : palette_modality(c);
    }
    if (without) {
        snprintf(part, sizeof(part), "%lu without a start year", without);
        note_add(p, part);
    }
    if (info->multi)
        note_add(p, "a trial counts once per modality");
    p->chart.years = p->years;
    p->chart.counts = p->counts;
    p->chart.series = p->series;
    p->chart.series_rgb = p->series_rgb;
    p->chart.axis = "Trials";
    p->chart.xaxis = "Start year";
}

/* A phase column's heading, short enough for a cell: "Phase I/II" as
 * "I/II", "Early Phase I" as "0", "Not applicable" as "NA" (the note says
 * so). Returns what the note says of an abbreviation, or NULL. */
static const char *short_phase(char *buf, size_t size, const char *label)
{
    static const char *const abbrev[][3] = {
        {"Early Phase I", "0", "0: early phase I (phase 0)"},
        {TS_LABEL_NOT_APPLICABLE, "NA", "NA: not applicable"},
        {TS_LABEL_NOT_REPORTED, "NR", "NR: not reported"},
        {TS_LABEL_UNCLASSIFIED, "UC", "UC: unclassified"},
    };
    size_t i;

    for (i = 0; i < sizeof(abbrev) / sizeof(abbrev[0]); i++)
        if (strcmp(label, abbrev[i][0]) == 0) {
            snprintf(buf, size, "%s", abbrev[i][1]);
            return abbrev[i][2];
        }
    if (strncmp(label, "Phase ", 6) == 0)
        snprintf(buf, size, "%s", label + 6);
    else
        snprintf(buf, size, "%s", label);
    return NULL;
}

static int special_label(const char *s)
{
    return strcmp(s, TS_LABEL_NOT_REPORTED) == 0 ||
           strcmp(s, TS_LABEL_NOT_APPLICABLE) == 0 ||
           strcmp(s, TS_LABEL_UNCLASSIFIED) == 0;
}

/* Rows by phase: the top rows by trials, the phases any of them has, and
 * the rows with no trial at phase II or later (phase I/II counts)
 * marked. */
static void build_heatmap(panel *p, const ts_run *run,
                          const struct figure_spec *s, unsigned long top)
{
    ts_crosstab *x = landscape_crosstab(run->ls, (ts_xtab)s->xtab);
    const ts_xtab_info *info = landscape_xtab_info((ts_xtab)s->xtab);
    size_t r, c, k, rows = crosstab_rows(x), cols = crosstab_cols(x);
    size_t n = 0, shown, nc = 0, *row = xcalloc(rows + 1, sizeof(size_t));
    size_t *col = xcalloc(cols + 1, sizeof(size_t));
    unsigned long *totals = xcalloc(rows + 1, sizeof(unsigned long));
    unsigned long special = 0;
    char part[96];

    set_title(p, s->title, 0);
    p->chart.kind = TS_CHART_HEATMAP;
    for (r = 0; r < rows; r++) {
        if (special_label(crosstab_row_label(x, r))) {
            special += crosstab_row_total(x, r);
            continue;
        }
        row[n] = r;
        totals[n++] = crosstab_row_total(x, r);
    }
    view_nline(p->nline, sizeof(p->nline),
               info->multi ? crosstab_trials(x)
                           : crosstab_trials(x) - special,
               s->what);
    if (n == 0) {
        p->chart.empty = s->empty;
        free(row);
        free(col);
        free(totals);
        return;
    }
    shown = view_cut(totals, n, top);
    if (shown < n) {
        view_more(part, sizeof(part), totals, n, shown);
        note_add(p, part);
        set_title(p, s->title, 1);
    }
    for (c = 0; c < cols; c++) {
        unsigned long sum = 0;

        for (k = 0; k < shown; k++)
            sum += crosstab_cell(x, row[k], c);
        if (sum)
            col[nc++] = c;
    }
    p->chart.n = shown;
    p->chart.nseries = nc;
    p->labels = xcalloc(shown, sizeof(char *));
    p->counts = xcalloc(shown * nc + 1, sizeof(unsigned long));
    p->mark = xcalloc(shown, 1);
    p->series = xcalloc(nc + 1, sizeof(char *));
    p->serbuf = xcalloc(nc + 1, sizeof(*p->serbuf));
    for (k = 0; k < shown; k++) {
        unsigned long late = 0;

        p->labels[k] = crosstab_row_label(x, row[k]);
        for (c = 0; c < nc; c++)
            p->counts[k * nc + c] = crosstab_cell(x, row[k], col[c]);
        for (c = 0; c < cols; c++)
            if (landscape_phase_late(c))
                late += crosstab_cell(x, row[k], c);
        p->mark[k] = info->gaps && late == 0;
    }
    if (info->gaps)
        note_add(p, "gap: no trial at phase II or later, counting phase I/II");
    for (c = 0; c < nc; c++) {
        note_add(p, short_phase(p->serbuf[c], sizeof(p->serbuf[c]),
                                crosstab_col_label(x, col[c])));
        p->series[c] = p->serbuf[c];
    }
    if (special) {
        snprintf(part, sizeof(part), "%lu not reported", special);
        note_add(p, part);
    }
    if (info->multi)
        note_add(p, "a trial may count in several rows");
    p->chart.labels = p->labels;
    p->chart.counts = p->counts;
    p->chart.series = p->series;
    p->chart.mark = info->gaps ? p->mark : NULL;
    p->chart.mark_label = info->gaps ? "gap" : NULL;
    free(row);
    free(col);
    free(totals);
}

/* A median as the text at its bar's end: whole, or with its half. */
static void median_text(char *buf, size_t size, double m)
{
    if (m < 0)
        snprintf(buf, size, "no trials");
    else if (m == (double)(unsigned long)m)
        snprintf(buf, size, "%lu", (unsigned long)m);
    else
        snprintf(buf, size, "%.1f", m);
}

/* Median planned and actual enrollment side by side, for each phase with
 * either and for all trials. */
static void build_pairs(panel *p, const ts_run *run,
                        const struct figure_spec *s)
{
    ts_enrollment *e = landscape_enrollment(run->ls, (size_t)s->table);
    size_t r, m = 0, rows = enrollment_rows(e);
    unsigned long with = 0;
    char part[96];

    set_title(p, s->title, 0);
    p->chart.kind = TS_CHART_PAIRS;
    p->labels = xcalloc(rows + 1, sizeof(char *));
    p->counts = xcalloc(rows + 1, sizeof(unsigned long));
    p->counts2 = xcalloc(rows + 1, sizeof(unsigned long));
    p->valbuf = xcalloc(rows + 1, sizeof(*p->valbuf));
    p->valbuf2 = xcalloc(rows + 1, sizeof(*p->valbuf2));
    p->values = xcalloc(rows + 1, sizeof(char *));
    p->values2 = xcalloc(rows + 1, sizeof(char *));
    for (r = 0; r < rows; r++) {
        double plan = enrollment_median(e, r, TS_ENROLL_PLANNED);
        double act = enrollment_median(e, r, TS_ENROLL_ACTUAL);
        const char *label = enrollment_row_label(e, r);

        if (strcmp(label, TS_LABEL_ALL_TRIALS) == 0)
            with = enrollment_count(e, r, TS_ENROLL_PLANNED) +
                   enrollment_count(e, r, TS_ENROLL_ACTUAL);
        if (plan < 0 && act < 0)
            continue;
        p->labels[m] = label;
        p->counts[m] = plan < 0 ? 0 : (unsigned long)(plan + 0.5);
        p->counts2[m] = act < 0 ? 0 : (unsigned long)(act + 0.5);
        median_text(p->valbuf[m], sizeof(p->valbuf[m]), plan);
        median_text(p->valbuf2[m], sizeof(p->valbuf2[m]), act);
        p->values[m] = p->valbuf[m];
        p->values2[m] = p->valbuf2[m];
        m++;
    }
    view_nline(p->nline, sizeof(p->nline), with, s->what);
    /* "All trials" alone says nothing a phase would not. */
    if (m <= 1) {
        p->chart.empty = s->empty;
        return;
    }
    p->chart.n = m;
    snprintf(part, sizeof(part), "median participants per trial");
    note_add(p, part);
    p->legend[0] = "Planned";
    p->legend[1] = "Actual";
    p->legend_rgb[0] = TS_RGB_SKY;
    p->legend_rgb[1] = TS_RGB_BLUE;
    p->chart.nlegend = 2;
    p->chart.labels = p->labels;
    p->chart.counts = p->counts;
    p->chart.counts2 = p->counts2;
    p->chart.values = p->values;
    p->chart.values2 = p->values2;
    p->chart.series_rgb = p->legend_rgb;
    p->chart.axis = "Participants (median)";
}

static void panel_build(panel *p, const ts_run *run,
                        const ts_report_opts *opts,
                        const struct figure_spec *s, unsigned long top)
{
    memset(p, 0, sizeof(*p));
    p->chart.name = s->name;
    if (s->kind == TS_CHART_BARS)
        build_bars(p, run, opts, s, top);
    else if (s->kind == TS_CHART_YEARS)
        build_years(p, run, s);
    else if (s->kind == TS_CHART_PAIRS)
        build_pairs(p, run, s);
    else
        build_heatmap(p, run, s, top);
    p->chart.nline = p->nline;
    p->chart.note = p->note[0] ? p->note : NULL;
    p->chart.legend = p->legend;
    p->chart.legend_rgb = p->legend_rgb;
}

ts_status figures_write_one(ts_stage *st, const ts_figure *fig,
                            ts_error *err)
{
    char dat[96], gp[96];
    FILE *fdat = NULL, *fgp = NULL;
    ts_status rc;

    snprintf(dat, sizeof(dat), "figures/%s.dat", fig->name);
    snprintf(gp, sizeof(gp), "figures/%s.gp", fig->name);
    rc = stage_fopen(st, dat, &fdat, err);
    if (rc == TS_OK)
        rc = stage_fopen(st, gp, &fgp, err);
    if (rc == TS_OK)
        rc = plot_write(fig, fdat, fgp, NULL, err);
    rc = report_close_both(st, dat, fdat, gp, fgp, rc, err);
    if (rc == TS_OK)
        report_record_images(st, fig->name, fig->formats);
    return rc;
}

/* 1 if a panel may count a trial in several rows or parts. */
static int spec_multi(const struct figure_spec *s)
{
    if (s->kind == TS_CHART_BARS)
        return landscape_table_info((ts_table)s->table)->multi;
    if (s->kind == TS_CHART_PAIRS)
        return 0;
    return landscape_xtab_info((ts_xtab)s->xtab)->multi;
}

/* A combined figure's caption: what the numbers are, which panels count
 * a trial more than once, and which show medians. */
static void caption(char *buf, size_t size,
                    const struct figure_spec *const *in, size_t n)
{
    char multi[40] = "", median[40] = "";
    size_t i, m = 0, d = 0, len;

    for (i = 0; i < n; i++) {
        if (in[i]->kind == TS_CHART_PAIRS) {
            len = strlen(median);
            snprintf(median + len, sizeof(median) - len, "%s%c",
                     d++ ? ", " : "", (char)('A' + i));
        } else if (in[i]->kind != TS_CHART_YEARS && spec_multi(in[i])) {
            len = strlen(multi);
            snprintf(multi + len, sizeof(multi) - len, "%s%c",
                     m++ ? ", " : "", (char)('A' + i));
        }
    }
    snprintf(buf, size,
             "Numbers are trials; in brackets, their percent of the n "
             "stated in each panel (<1%%: more than 0 but under 0.5%%).%s%s%s"
             "%s%s%s",
             m ? " In " : "", multi,
             m ? " a trial may count in several rows." : "",
             d ? " " : "", median,
             d ? ": median participants per trial, planned and actual." : "");
}

/* A combined figure at print width: the panels of specs marked with fig,
 * lettered in order, the filter under the title. */
static ts_status write_combined(ts_stage *st, const ts_run *run,
                                const ts_report_opts *opts, panel *panels,
                                int fig, const char *name, const char *title,
                                ts_error *err)
{
    const ts_chart *list[NFIG];
    const struct figure_spec *in[NFIG];
    unsigned formats = opts->formats ? opts->formats : TS_FORMAT_ALL;
    ts_strbuf filter = {0};
    ts_figure f;
    ts_status rc;
    size_t i, n = 0;
    char cap[400];

    for (i = 0; i < NFIG; i++)
        if (specs[i].figs & fig) {
            in[n] = &specs[i];
            list[n++] = &panels[i].chart;
        }
    caption(cap, sizeof(cap), in, n);
    memset(&f, 0, sizeof(f));
    f.name = name;
    f.title = title;
    /* A filtered landscape says so under the title. */
    if (filter_count(run->filter)) {
        sb_printf(&filter, "Filter (--where): %s (%lu of %lu trials)",
                  filter_text(run->filter), landscape_trials(run->ls),
                  landscape_trials(run->ls) + landscape_left_out(run->ls));
        f.subtitle = filter.buf;
    }
    f.caption = cap;
    f.width_mm = opts->figure_mm > 0 ? opts->figure_mm : TS_FIGURE_WIDTH_MM;
    f.letters = 1;
    f.formats = formats;
    f.charts = list;
    f.n = n;
    rc = figures_write_one(st, &f, err);
    sb_free(&filter);
    return rc;
}

ts_status figures_write(ts_stage *st, const ts_run *run,
                        const ts_report_opts *opts, int render,
                        ts_charts **rendering, ts_error *err)
{
    panel *panels = xcalloc(NFIG, sizeof(panel));
    const char *scripts[NFIG + 2];
    unsigned formats = opts->formats ? opts->formats : TS_FORMAT_ALL;
    unsigned long top = opts->top ? opts->top : 10;
    ts_status rc = TS_OK;
    ts_strbuf dir = {0};
    size_t i;

    for (i = 0; i < NFIG; i++) {
        panel_build(&panels[i], run, opts, &specs[i], top);
        scripts[i] = specs[i].script;
    }
    scripts[NFIG] = "fig1.gp";
    scripts[NFIG + 1] = "fig2.gp";
    for (i = 0; i < NFIG && rc == TS_OK; i++) {
        ts_figure f;
        const ts_chart *one = &panels[i].chart;

        memset(&f, 0, sizeof(f));
        f.name = specs[i].name;
        f.width_mm = opts->panel_mm > 0 ? opts->panel_mm : TS_PANEL_WIDTH_MM;
        f.formats = formats;
        f.charts = &one;
        f.n = 1;
        rc = figures_write_one(st, &f, err);
    }
    if (rc == TS_OK)
        rc = write_combined(st, run, opts, panels, FIG1, "fig1", opts->title,
                            err);
    if (rc == TS_OK)
        rc = write_combined(st, run, opts, panels, FIG2, "fig2",
                            "Trends, sponsors, enrollment and design", err);
    if (rc == TS_OK && render) {
        sb_printf(&dir, "%s/figures", stage_dir(st));
        if (rendering)
            rc = report_charts_start(dir.buf, scripts, NFIG + 2, opts->jobs,
                                     run->epoch, rendering, err);
        else
            rc = report_render_charts(dir.buf, scripts, NFIG + 2,
                                      opts->jobs, run->epoch, err);
    }
    sb_free(&dir);
    for (i = 0; i < NFIG; i++)
        panel_free(&panels[i]);
    free(panels);
    return rc;
}

size_t figures_npanels(void)
{
    size_t i, n = 0;

    for (i = 0; i < NFIG; i++)
        n += (specs[i].figs & FIG1) && specs[i].kind == TS_CHART_BARS;
    return n;
}

const ts_panel *figures_panel(size_t k)
{
    static ts_panel panels[NFIG];
    size_t i, n = 0;

    for (i = 0; i < NFIG; i++) {
        if (!(specs[i].figs & FIG1) || specs[i].kind != TS_CHART_BARS)
            continue;
        if (n++ != k)
            continue;
        panels[k].table = (ts_table)specs[i].table;
        panels[k].name = specs[i].name;
        panels[k].script = specs[i].script;
        panels[k].title = specs[i].title;
        return &panels[k];
    }
    return NULL;
}
