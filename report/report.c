/*
 * report.c - tables, charts, workbook and manifest of a run (report stage).
 */
#include "report/report.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "report/plot.h"
#include "report/textout.h"
#include "report/trials.h"
#include "report/xlsx.h"
#include "report/zipspeed.h"

void report_format_percent(char buf[16], double percent)
{
    if (percent < 0)
        buf[0] = '\0';
    else
        snprintf(buf, 16, "%.1f", percent);
}

static ts_status write_table(ts_stage *st, ts_landscape *ls, ts_table i,
                             ts_error *err)
{
    ts_tally *t = landscape_table(ls, i);
    char rel[64], pct[16];
    size_t k;
    FILE *fp;
    ts_status rc;

    snprintf(rel, sizeof(rel), "tables/%s.tsv", tally_name(t));
    rc = stage_fopen(st, rel, &fp, err);
    if (rc != TS_OK)
        return rc;
    fputs("category\ttrials\tpercent\n", fp);
    for (k = 0; k < tally_rows(t); k++) {
        const char *label = tally_row_label(t, k);
        unsigned long c = tally_row_count(t, k);

        report_format_percent(pct, landscape_row_percent(ls, i, k));
        tsv_put(fp, label, strlen(label));
        fprintf(fp, "\t%lu\t%s\n", c, pct);
    }
    return stage_fclose(st, rel, fp, err);
}

/* A lower-case column name for a dimension title ("Start year" ->
 * "start_year"). */
static void column_name(char *out, size_t size, const char *title)
{
    size_t i;

    for (i = 0; title[i] && i + 1 < size; i++) {
        char c = title[i];

        out[i] = c == ' ' ? '_' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[i] = '\0';
}

/* A cross-tab in tidy long form: one line per (row, column), zeros
 * included, so the gaps are explicit. */
static ts_status write_crosstab(ts_stage *st, ts_crosstab *x, ts_error *err)
{
    char rel[96], a[48], b[48];
    size_t r, c;
    FILE *fp;
    ts_status rc;

    snprintf(rel, sizeof(rel), "tables/%s.tsv", crosstab_name(x));
    rc = stage_fopen(st, rel, &fp, err);
    if (rc != TS_OK)
        return rc;
    column_name(a, sizeof(a), crosstab_row_title(x));
    column_name(b, sizeof(b), crosstab_col_title(x));
    fprintf(fp, "%s\t%s\ttrials\n", a, b);
    for (r = 0; r < crosstab_rows(x); r++) {
        const char *label = crosstab_row_label(x, r);

        for (c = 0; c < crosstab_cols(x); c++) {
            tsv_put(fp, label, strlen(label));
            fprintf(fp, "\t%s\t%lu\n", crosstab_col_label(x, c),
                    crosstab_cell(x, r, c));
        }
    }
    return stage_fclose(st, rel, fp, err);
}

void report_format_number(char buf[32], double v)
{
    if (v < 0)
        buf[0] = '\0';
    else if (v == (double)(unsigned long long)v)
        snprintf(buf, 32, "%llu", (unsigned long long)v);
    else
        snprintf(buf, 32, "%.1f", v);
}

/* Enrollment by phase or indication: per category, the trials, and for
 * planned and actual numbers the trials that give one, their sum and
 * median; then the trials whose number's type is unknown. */
static ts_status write_enrollment(ts_stage *st, ts_enrollment *e,
                                  ts_error *err)
{
    char rel[96], med[2][32];
    size_t r, t;
    FILE *fp;
    ts_status rc;

    snprintf(rel, sizeof(rel), "tables/%s.tsv", enrollment_name(e));
    rc = stage_fopen(st, rel, &fp, err);
    if (rc != TS_OK)
        return rc;
    fputs("category\ttrials\tplanned_trials\tplanned_sum\tplanned_median\t"
          "actual_trials\tactual_sum\tactual_median\tunknown_type_trials\n",
          fp);
    for (r = 0; r < enrollment_rows(e); r++) {
        const char *label = enrollment_row_label(e, r);

        tsv_put(fp, label, strlen(label));
        fprintf(fp, "\t%lu", enrollment_row_trials(e, r));
        for (t = TS_ENROLL_PLANNED; t <= TS_ENROLL_ACTUAL; t++) {
            report_format_number(med[t],
                                 enrollment_median(e, r, (ts_enroll_type)t));
            fprintf(fp, "\t%lu\t%llu\t%s",
                    enrollment_count(e, r, (ts_enroll_type)t),
                    enrollment_sum(e, r, (ts_enroll_type)t), med[t]);
        }
        fprintf(fp, "\t%lu\n", enrollment_count(e, r, TS_ENROLL_UNKNOWN));
    }
    return stage_fclose(st, rel, fp, err);
}

static ts_status write_unmapped(ts_stage *st, ts_landscape *ls, ts_error *err)
{
    const char *rel = "tables/unmapped.tsv";
    size_t f, k;
    FILE *fp;
    ts_status rc = stage_fopen(st, rel, &fp, err);

    if (rc != TS_OK)
        return rc;
    fputs("field\tvalue\ttrials\n", fp);
    for (f = 0; f < landscape_unmapped_count(); f++) {
        ts_tally *t = landscape_unmapped(ls, f);

        for (k = 0; k < tally_rows(t); k++) {
            const char *v = tally_row_label(t, k);

            fprintf(fp, "%s\t", landscape_unmapped_field(f));
            tsv_put(fp, v, strlen(v));
            fprintf(fp, "\t%lu\n", tally_row_count(t, k));
        }
    }
    return stage_fclose(st, rel, fp, err);
}

/* The panels of the letter's Fig. 1: table, file stem, title, bar kind,
 * and whether only the top N rows are drawn. */
static const ts_panel charts[] = {
    {TS_TABLE_PHASE, "phase", "phase.gp", "A. Trials by phase",
     TS_CHART_COLUMNS, 0},
    {TS_TABLE_STATUS, "status", "status.gp",
     "B. Trials by recruitment status", TS_CHART_BARS, 0},
    {TS_TABLE_INDICATION, "indication", "indication.gp", "C. Indications",
     TS_CHART_BARS, 0},
    {TS_TABLE_REGIMEN, "regimen", "regimen.gp", "D. Treatment regimens",
     TS_CHART_BARS, 1},
    {TS_TABLE_CHEMO_CLASS, "chemo_class", "chemo_class.gp",
     "E. Chemotherapy drug classes", TS_CHART_BARS, 0},
    {TS_TABLE_TARGETS, "targets", "targets.gp", "F. Top targeted proteins",
     TS_CHART_BARS, 1},
    {TS_TABLE_IMMUNO_TARGETS, "immuno_targets", "immuno_targets.gp",
     "G. Top immunotherapy targets", TS_CHART_BARS, 1},
};

int report_chart_skips(const ts_dict *dict, ts_table table,
                       const char *label)
{
    /* Phase and status charts show every category, as the letter does. */
    if (table != TS_TABLE_PHASE && table != TS_TABLE_STATUS &&
        (strcmp(label, TS_LABEL_NOT_APPLICABLE) == 0 ||
         strcmp(label, TS_LABEL_NOT_REPORTED) == 0))
        return 1;
    if (table == TS_TABLE_IMMUNO_TARGETS && dict) {
        static const char *const joined[] = {"PDCD1", "CD274"};
        size_t i;

        for (i = 0; i < 2; i++) {
            const ts_target *t = dict_target_by_symbol(dict, joined[i]);

            if (t && strcmp(t->display, label) == 0)
                return 1;
        }
    }
    return 0;
}

#define NCHARTS (sizeof(charts) / sizeof(charts[0]))

size_t report_npanels(void)
{
    return NCHARTS;
}

const ts_panel *report_panel(size_t i)
{
    return i < NCHARTS ? &charts[i] : NULL;
}

/* The rows one panel draws; arrays owned, labels borrowed from the
 * landscape. */
typedef struct panel {
    ts_chart chart;
    const char **labels;
    unsigned long *counts;
    double *pct;
} panel;

/* The table and title a panel shows: panel E's by the landscape
 * (chemotherapy or drug classes, landscape_panel_e), panel F's by the
 * target view chosen (--targets). */
static ts_table panel_table(const ts_run *run, const ts_report_opts *opts,
                            size_t i, const char **title)
{
    ts_table t = charts[i].table;

    *title = charts[i].title;
    if (t == TS_TABLE_CHEMO_CLASS &&
        landscape_panel_e(run->ls, NULL, NULL) == TS_TABLE_DRUG_CLASS) {
        *title = "E. Top drug classes";
        return TS_TABLE_DRUG_CLASS;
    }
    if (t == TS_TABLE_TARGETS && opts->panel_f == TS_TABLE_TARGET_FAMILIES) {
        *title = "F. Top target families";
        return TS_TABLE_TARGET_FAMILIES;
    }
    if (t == TS_TABLE_TARGETS && opts->panel_f == TS_TABLE_PRIMARY_TARGETS) {
        *title = "F. Top primary targets";
        return TS_TABLE_PRIMARY_TARGETS;
    }
    return t;
}

static void panel_build(panel *p, const ts_run *run,
                        const ts_report_opts *opts, size_t i,
                        unsigned long top, unsigned formats)
{
    ts_landscape *ls = run->ls;
    const char *title;
    ts_table table = panel_table(run, opts, i, &title);
    ts_tally *t = landscape_table(ls, table);
    size_t k, m = 0, n = tally_rows(t);
    /* Chemotherapy classes are few and all drawn; drug classes outside
     * cancer can be dozens, so panel E then draws the top N, as D, F and
     * G do (the table and workbook keep every class). */
    int top_only = charts[i].top || table == TS_TABLE_DRUG_CLASS;

    p->labels = xcalloc(n ? n : 1, sizeof(char *));
    p->counts = xcalloc(n ? n : 1, sizeof(unsigned long));
    p->pct = xcalloc(n ? n : 1, sizeof(double));
    for (k = 0; k < n; k++) {
        const char *label = tally_row_label(t, k);

        if (report_chart_skips(run->dict, table, label))
            continue;
        if (top_only && m >= top)
            break;
        p->labels[m] = label;
        p->counts[m] = tally_row_count(t, k);
        p->pct[m] = landscape_row_percent(ls, table, k);
        m++;
    }
    memset(&p->chart, 0, sizeof(p->chart));
    p->chart.name = charts[i].name;
    p->chart.title = title;
    p->chart.axis = "Trials";
    p->chart.kind = charts[i].kind;
    p->chart.n = m;
    p->chart.labels = p->labels;
    p->chart.counts = p->counts;
    p->chart.percent = p->pct;
    p->chart.formats = formats;
}

static void panel_free(panel *p)
{
    free(p->labels);
    free(p->counts);
    free(p->pct);
}

/* Records NAME.EXT of each chosen format for the commit. */
void report_record_images(ts_stage *st, const char *name, unsigned formats)
{
    unsigned f;

    for (f = TS_FORMAT_PNG; f <= TS_FORMAT_PDF; f <<= 1) {
        char rel[96];
        char *path;

        if (!(formats & f))
            continue;
        snprintf(rel, sizeof(rel), "figures/%s.%s", name, plot_format_ext(f));
        path = stage_path(st, rel);
        free(path);
    }
}

ts_status report_close_both(ts_stage *st, const char *a, FILE *fa,
                            const char *b, FILE *fb, ts_status rc,
                            ts_error *err)
{
    if (fa) {
        ts_status rc2 = stage_fclose(st, a, fa, err);

        if (rc == TS_OK)
            rc = rc2;
    }
    if (fb) {
        ts_status rc2 = stage_fclose(st, b, fb, err);

        if (rc == TS_OK)
            rc = rc2;
    }
    return rc;
}

/* Renders the charts' scripts, up to jobs gnuplot runs at once, each
 * waited for as it ends; with more than one, the last script (fig1, the
 * slowest) starts first. Once one fails no more start; the error reported
 * is that of the first script in order that failed. */
ts_status report_render_charts(const char *dir, const char *const *scripts,
                               size_t n, int jobs, long long epoch,
                               ts_error *err)
{
    ts_render job[TS_RENDER_MAX];
    int running[TS_RENDER_MAX] = {0};
    size_t next = 0, active = 0, failed, i;
    ts_status rc = TS_OK;

    if (n > TS_RENDER_MAX)
        n = TS_RENDER_MAX;
    failed = n;

    for (;;) {
        struct pollfd pfd[TS_RENDER_MAX];
        size_t which[TS_RENDER_MAX], k = 0;
        ts_error e;
        ts_status r;

        while (failed == n && next < n && (active == 0 ||
                                           active < (size_t)jobs)) {
            size_t s = jobs > 1 ? (next + n - 1) % n : next;

            if (plot_render_start(dir, scripts[s], &job[s], &e) != TS_OK) {
                failed = s;
                rc = e.status;
                *err = e;
                break;
            }
            running[s] = 1;
            next++;
            active++;
        }
        if (active == 0)
            break;
        for (i = 0; i < n; i++) {
            if (running[i]) {
                pfd[k].fd = job[i].fd;
                pfd[k].events = POLLIN;
                pfd[k].revents = 0;
                which[k++] = i;
            }
        }
        /* Whichever speaks first (an error line, or the end as it exits)
         * is waited for; the others keep running. */
        while (poll(pfd, (nfds_t)k, -1) < 0 && errno == EINTR)
            ;
        for (i = 0; i + 1 < k && !pfd[i].revents; i++)
            ;
        i = which[i];
        r = plot_render_finish(&job[i], dir, epoch, &e);
        running[i] = 0;
        active--;
        if (r != TS_OK && i < failed) {
            failed = i;
            rc = r;
            *err = e;
        }
    }
    return rc;
}

static ts_status write_charts(ts_stage *st, const ts_run *run,
                              const ts_report_opts *opts, int render,
                              ts_error *err)
{
    panel panels[NCHARTS];
    const ts_chart *list[NCHARTS];
    const char *scripts[NCHARTS + 1];
    unsigned formats = opts->formats ? opts->formats : TS_FORMAT_ALL;
    ts_status rc = TS_OK;
    ts_strbuf dir = {0};
    size_t i;

    for (i = 0; i < NCHARTS; i++) {
        panel_build(&panels[i], run, opts, i, opts->top ? opts->top : 10,
                    formats);
        list[i] = &panels[i].chart;
        scripts[i] = charts[i].script;
    }
    scripts[NCHARTS] = "fig1.gp";
    for (i = 0; i < NCHARTS && rc == TS_OK; i++) {
        char dat[64], gp[64];
        FILE *fdat = NULL, *fgp = NULL;

        snprintf(dat, sizeof(dat), "figures/%s.dat", charts[i].name);
        snprintf(gp, sizeof(gp), "figures/%s.gp", charts[i].name);
        rc = stage_fopen(st, dat, &fdat, err);
        if (rc == TS_OK)
            rc = stage_fopen(st, gp, &fgp, err);
        if (rc == TS_OK)
            rc = plot_write(list[i], fdat, fgp, err);
        rc = report_close_both(st, dat, fdat, gp, fgp, rc, err);
        if (rc == TS_OK)
            report_record_images(st, charts[i].name, formats);
    }
    if (rc == TS_OK) {
        FILE *fgp = NULL;
        ts_strbuf caption = {0};

        /* A filtered landscape says so under its figure. */
        if (filter_count(run->filter))
            sb_printf(&caption, "Filter (--where): %s (%lu of %lu trials)",
                      filter_text(run->filter), landscape_trials(run->ls),
                      landscape_trials(run->ls) +
                          landscape_left_out(run->ls));
        rc = stage_fopen(st, "figures/fig1.gp", &fgp, err);
        if (rc == TS_OK)
            rc = plot_write_figure(list, NCHARTS, "fig1", opts->title,
                                   caption.buf, formats, fgp, err);
        sb_free(&caption);
        rc = report_close_both(st, "figures/fig1.gp", fgp, NULL, NULL, rc, err);
        if (rc == TS_OK)
            report_record_images(st, "fig1", formats);
    }
    if (rc == TS_OK && render) {
        sb_printf(&dir, "%s/figures", stage_dir(st));
        rc = report_render_charts(dir.buf, scripts, NCHARTS + 1, opts->jobs,
                           run->epoch, err);
    }
    sb_free(&dir);
    for (i = 0; i < NCHARTS; i++)
        panel_free(&panels[i]);
    return rc;
}

/* ---- classify command ---- */

void report_classify_header(FILE *fp)
{
    fputs("input\tsubstance\tmodality\tchemo_class\ttargets\t"
          "immuno_targets\tdrug_class\tinferred\n",
          fp);
}

static void put_list(FILE *fp, const char *const *items, size_t n)
{
    size_t i, j;

    fputc('\t', fp);
    for (i = 0, j = 0; i < n; i++) {
        size_t k;
        int dup = 0;

        for (k = 0; k < i; k++)
            dup |= strcmp(items[k], items[i]) == 0;
        if (dup)
            continue;
        if (j++)
            fputc(',', fp);
        fputs(items[i], fp);
    }
}

/* The explanation lines of one row: "#", field, value, source, how. */
static void put_why(FILE *fp, const ts_class *c)
{
    static const char *const fields[] = {
        "substance",   "inferred",       "modality", "chemo_class",
        "drug_class",  "targets",        "immuno_targets", "unmatched",
    };
    size_t f, i;

    for (f = 0; f < sizeof(fields) / sizeof(fields[0]); f++)
        for (i = 0; i < c->nwhy; i++) {
            const ts_why *w = &c->why[i];
            const char *parts[3];
            size_t k;

            if (strcmp(w->field, fields[f]) != 0)
                continue;
            parts[0] = classify_why_text(c, w->value);
            parts[1] = classify_why_text(c, w->source);
            parts[2] = classify_why_text(c, w->how);
            fprintf(fp, "#\t%s", w->field);
            for (k = 0; k < 3; k++) {
                fputc('\t', fp);
                tsv_put(fp, parts[k], strlen(parts[k]));
            }
            fputc('\n', fp);
        }
}

void report_classify_row(FILE *fp, const ts_dict *d, const char *text,
                         size_t len, int explain)
{
    ts_class c;
    const char **items;
    size_t i, n;

    memset(&c, 0, sizeof(c));
    c.explain = explain;
    classify_intervention(d, text, len, &c);
    n = c.nsubs + c.targets.n + c.immuno.n + c.classes.n + TS_MOD_COUNT;
    items = xcalloc(n ? n : 1, sizeof(*items));
    tsv_put(fp, text, len);
    fputc('\t', fp);
    for (i = 0; i < c.nsubs; i++) {
        if (i)
            fputs(" + ", fp);
        fputs(c.subs[i]->name, fp);
    }
    for (i = 0, n = 0; i < TS_MOD_COUNT; i++)
        if (c.modalities & (1u << i))
            items[n++] = dict_modality_key((ts_modality)i);
    put_list(fp, items, n);
    for (i = 0, n = 0; i < c.nsubs; i++)
        if (c.subs[i]->chemo != TS_CHEMO_NONE)
            items[n++] = dict_chemo_key(c.subs[i]->chemo);
    put_list(fp, items, n);
    for (i = 0; i < c.targets.n; i++)
        items[i] = dict_target(d, c.targets.id[i])->symbol;
    put_list(fp, items, c.targets.n);
    for (i = 0; i < c.immuno.n; i++)
        items[i] = dict_target(d, c.immuno.id[i])->symbol;
    put_list(fp, items, c.immuno.n);
    for (i = 0; i < c.classes.n; i++)
        items[i] = dict_class(d, c.classes.id[i])->key;
    put_list(fp, items, c.classes.n);
    /* "zasocitinib (-citinib)": names classed by their INN stem only. */
    fputc('\t', fp);
    for (i = 0, n = 0; i < c.nsubs; i++)
        if (c.subs[i]->inferred)
            fprintf(fp, "%s%s (%s)", n++ ? "," : "", c.subs[i]->name,
                    c.subs[i]->inferred);
    fputc('\n', fp);
    if (explain)
        put_why(fp, &c);
    free(items);
    classify_free(&c);
}

/* landscape.json: every table and cross-tab, for R, Python and
 * pipelines. */
/* "filter": the --where expressions and what they kept, or null. */
static void write_filter_json(FILE *fp, const ts_run *run,
                              const char *indent)
{
    size_t i, n = filter_count(run->filter);

    fprintf(fp, "%s\"filter\": ", indent);
    if (n == 0) {
        fputs("null", fp);
        return;
    }
    fputs("{\"where\": [", fp);
    for (i = 0; i < n; i++) {
        fputs(i ? ", " : "", fp);
        json_puts(fp, filter_expr(run->filter, i));
    }
    fprintf(fp, "], \"trials_read\": %lu, \"trials_kept\": %lu, "
                "\"trials_left_out\": %lu}",
            landscape_trials(run->ls) + landscape_left_out(run->ls),
            landscape_trials(run->ls), landscape_left_out(run->ls));
}

static ts_status write_json(ts_stage *st, const ts_run *run, ts_error *err)
{
    const char *rel = "landscape.json";
    ts_landscape *ls = run->ls;
    int known = landscape_denominator(ls) == TS_DENOM_KNOWN;
    size_t i, k, c;
    FILE *fp;
    ts_status rc = stage_fopen(st, rel, &fp, err);

    if (rc != TS_OK)
        return rc;
    fputs("{\n  \"tool\": \"trialscape\",\n  \"version\": ", fp);
    json_puts(fp, run->version);
    fprintf(fp, ",\n  \"trials\": %lu,\n", landscape_trials(ls));
    write_filter_json(fp, run, "  ");
    fprintf(fp, ",\n  \"denominator\": \"%s\",\n", known ? "known" : "all");
    fputs("  \"tables\": {", fp);
    for (i = 0; i < TS_TABLE_COUNT; i++) {
        ts_tally *t = landscape_table(ls, (ts_table)i);
        unsigned long denom = landscape_table_denominator(ls, (ts_table)i);

        fputs(i ? ",\n    " : "\n    ", fp);
        json_puts(fp, tally_name(t));
        fputs(": {\"title\": ", fp);
        json_puts(fp, tally_title(t));
        fprintf(fp, ", \"denominator\": %lu, \"rows\": [", denom);
        for (k = 0; k < tally_rows(t); k++) {
            unsigned long n = tally_row_count(t, k);
            double p = landscape_row_percent(ls, (ts_table)i, k);

            fputs(k ? ", " : "", fp);
            fputs("{\"category\": ", fp);
            json_puts(fp, tally_row_label(t, k));
            fprintf(fp, ", \"trials\": %lu, \"percent\": ", n);
            if (p < 0)
                fputs("null}", fp);
            else
                fprintf(fp, "%.4f}", p);
        }
        fputs("]}", fp);
    }
    fputs("\n  },\n  \"crosstabs\": {", fp);
    for (i = 0; i < TS_X_COUNT; i++) {
        ts_crosstab *x = landscape_crosstab(ls, (ts_xtab)i);

        fputs(i ? ",\n    " : "\n    ", fp);
        json_puts(fp, crosstab_name(x));
        fputs(": {\"rows_are\": ", fp);
        json_puts(fp, crosstab_row_title(x));
        fputs(", \"columns_are\": ", fp);
        json_puts(fp, crosstab_col_title(x));
        fputs(", \"columns\": [", fp);
        for (c = 0; c < crosstab_cols(x); c++) {
            fputs(c ? ", " : "", fp);
            json_puts(fp, crosstab_col_label(x, c));
        }
        fputs("], \"rows\": [", fp);
        for (k = 0; k < crosstab_rows(x); k++) {
            fputs(k ? ",\n      " : "\n      ", fp);
            fputs("{\"label\": ", fp);
            json_puts(fp, crosstab_row_label(x, k));
            fprintf(fp, ", \"trials\": %lu, \"cells\": [",
                    crosstab_row_total(x, k));
            for (c = 0; c < crosstab_cols(x); c++)
                fprintf(fp, "%s%lu", c ? ", " : "", crosstab_cell(x, k, c));
            fputs("]}", fp);
        }
        fputs("]}", fp);
    }
    fputs("\n  },\n  \"enrollment\": {", fp);
    for (i = 0; i < TS_ENROLLMENT_TABLES; i++) {
        ts_enrollment *e = landscape_enrollment(ls, i);
        size_t t;

        fputs(i ? ",\n    " : "\n    ", fp);
        json_puts(fp, enrollment_name(e));
        fputs(": {\"rows_are\": ", fp);
        json_puts(fp, enrollment_by(e));
        fputs(", \"rows\": [", fp);
        for (k = 0; k < enrollment_rows(e); k++) {
            fputs(k ? ",\n      " : "\n      ", fp);
            fputs("{\"category\": ", fp);
            json_puts(fp, enrollment_row_label(e, k));
            fprintf(fp, ", \"trials\": %lu", enrollment_row_trials(e, k));
            for (t = TS_ENROLL_PLANNED; t <= TS_ENROLL_ACTUAL; t++) {
                double m = enrollment_median(e, k, (ts_enroll_type)t);

                fprintf(fp, ", \"%s\": {\"trials\": %lu, \"sum\": %llu, "
                            "\"median\": ",
                        t == TS_ENROLL_PLANNED ? "planned" : "actual",
                        enrollment_count(e, k, (ts_enroll_type)t),
                        enrollment_sum(e, k, (ts_enroll_type)t));
                if (m < 0)
                    fputs("null}", fp);
                else
                    fprintf(fp, "%.1f}", m);
            }
            fprintf(fp, ", \"unknown_type_trials\": %lu}",
                    enrollment_count(e, k, TS_ENROLL_UNKNOWN));
        }
        fputs("]}", fp);
    }
    fputs("\n  },\n  \"unmapped\": [", fp);
    for (i = 0, c = 0; i < landscape_unmapped_count(); i++) {
        ts_tally *t = landscape_unmapped(ls, i);

        for (k = 0; k < tally_rows(t); k++) {
            fputs(c++ ? ",\n    " : "\n    ", fp);
            fputs("{\"field\": ", fp);
            json_puts(fp, landscape_unmapped_field(i));
            fputs(", \"value\": ", fp);
            json_puts(fp, tally_row_label(t, k));
            fprintf(fp, ", \"trials\": %lu}", tally_row_count(t, k));
        }
    }
    {
        unsigned long mentions, matched, placebo;

        landscape_coverage(ls, &mentions, &matched, &placebo);
        fprintf(fp, "\n  ],\n  \"coverage\": {\"drug_mentions\": %lu, "
                    "\"matched\": %lu, \"placebo_mentions\": %lu}\n}\n",
                mentions, matched, placebo);
    }
    return stage_fclose(st, rel, fp, err);
}

static void json_kv_ul(FILE *fp, const char *k, unsigned long v, int comma)
{
    json_puts(fp, k);
    fprintf(fp, ": %lu%s", v, comma ? ", " : "");
}

void report_json_inputs(FILE *fp, const ts_run_input *inputs, size_t n,
                        const char *indent)
{
    size_t i, k;

    fputs("[", fp);
    for (i = 0; i < n; i++) {
        const ts_ingest_stats *s = &inputs[i].stats;

        fputs(i ? ",\n" : "\n", fp);
        fprintf(fp, "%s  {", indent);
        json_puts(fp, "file");
        fputs(": ", fp);
        json_puts(fp, s->name);
        fputs(", \"sha256\": ", fp);
        json_puts(fp, s->sha256);
        fputs(", \"format\": ", fp);
        json_puts(fp, s->format);
        fputs(", \"delimiter\": ", fp);
        if (s->delimiter)
            json_puts(fp, s->delimiter == '\t'  ? "tab"
                          : s->delimiter == ';' ? "semicolon"
                                                : "comma");
        else
            fputs("null", fp);
        fputs(", \"encoding\": ", fp);
        json_puts(fp, s->encoding ? s->encoding : "UTF-8");
        fputs(", ", fp);
        fprintf(fp, "\"bytes\": %llu, ", s->bytes);
        json_kv_ul(fp, "lines", s->lines, 1);
        json_kv_ul(fp, "rows_read", s->rows, 1);
        json_kv_ul(fp, "rows_skipped", s->skipped, 1);
        json_kv_ul(fp, "rows_blank", s->blank, 1);
        json_kv_ul(fp, "warnings", s->warnings, 1);
        fputs("\"missing_columns\": [", fp);
        for (k = 0; k < TS_COL_COUNT; k++) {
            static int first;

            if (k == 0)
                first = 1;
            if (!s->missing[k] || inputs[i].failed)
                continue;
            if (!first)
                fputs(", ", fp);
            first = 0;
            json_puts(fp, record_column_key((ts_column)k));
        }
        fputs("], \"error\": ", fp);
        if (inputs[i].failed)
            json_puts(fp, inputs[i].error);
        else
            fputs("null", fp);
        fputc('}', fp);
    }
    fprintf(fp, "\n%s]", indent);
}

static ts_status write_manifest(ts_stage *st, const ts_run *run,
                                int rendered, ts_error *err)
{
    const char *rel = "manifest.json";
    FILE *fp;
    size_t i;
    ts_status rc = stage_fopen(st, rel, &fp, err);

    if (rc != TS_OK)
        return rc;
    fputs("{\n  \"tool\": \"trialscape\",\n  \"version\": ", fp);
    json_puts(fp, run->version);
    fputs(",\n  \"libraries\": {\"libxlsxwriter\": ", fp);
    json_puts(fp, xlsx_library_version());
    fputs("},\n", fp);
    /* See zipspeed.h: whether libxlsxwriter's compression level could be
     * set to the fastest one. */
    fprintf(fp, "  \"workbook_compression\": \"%s\",\n",
            zipspeed_parts() ? "fastest" : "default");
    if (run->epoch >= 0)
        fprintf(fp, "  \"source_date_epoch\": %lld,\n", run->epoch);
    fputs("  \"inputs\": ", fp);
    report_json_inputs(fp, run->inputs, run->ninputs, "  ");
    fputs(",\n", fp);
    fprintf(fp, "  \"trials\": %lu,\n", landscape_trials(run->ls));
    fprintf(fp, "  \"duplicates_not_counted\": %lu,\n",
            landscape_duplicates(run->ls));
    write_filter_json(fp, run, "  ");
    fputs(",\n", fp);
    {
        unsigned long mentions, matched, placebo;

        landscape_coverage(run->ls, &mentions, &matched, &placebo);
        fprintf(fp, "  \"coverage\": {\"drug_mentions\": %lu, "
                    "\"matched\": %lu, \"placebo_mentions\": %lu, "
                    "\"share\": %.4f, \"inferred\": %lu},\n",
                mentions, matched, placebo,
                mentions ? (double)matched / (double)mentions : 0.0,
                landscape_inferred(run->ls));
    }
    if (run->dict) {
        fprintf(fp, "  \"dictionary\": {\"substances\": %zu, \"names\": %zu, "
                    "\"regimens\": %zu, \"targets\": %zu, \"files\": [",
                dict_nsubstances(run->dict), dict_nkeys(run->dict),
                dict_nregimens(run->dict), dict_ntargets(run->dict));
        for (i = 0; i < dict_nsources(run->dict); i++) {
            fputs(i ? ", {\"file\": " : "{\"file\": ", fp);
            json_puts(fp, dict_source_path(run->dict, i));
            fputs(", \"sha256\": ", fp);
            json_puts(fp, dict_source_sha256(run->dict, i));
            fputc('}', fp);
        }
        fputs("]},\n", fp);
    }
    {
        unsigned long cancer, trials;
        ts_table e = landscape_panel_e(run->ls, &cancer, &trials);

        fprintf(fp, "  \"panel_e\": {\"table\": \"%s\", \"cancer_trials\": "
                    "%lu, \"trials\": %lu, \"rule\": \"chemotherapy classes "
                    "when at least half of the trials are about cancer, drug "
                    "classes otherwise\"},\n",
                tally_name(landscape_table(run->ls, e)), cancer, trials);
    }
    fprintf(fp, "  \"denominator\": \"%s\",\n",
            landscape_denominator(run->ls) == TS_DENOM_ALL ? "all"
                                                           : "known");
    fputs("  \"tables\": {", fp);
    for (i = 0; i < TS_TABLE_COUNT; i++) {
        ts_tally *t = landscape_table(run->ls, (ts_table)i);

        fputs(i ? ", " : "", fp);
        json_puts(fp, tally_name(t));
        fprintf(fp, ": {\"denominator\": %lu, \"categories\": %zu}",
                landscape_table_denominator(run->ls, (ts_table)i),
                tally_rows(t));
    }
    fputs("},\n", fp);
    fprintf(fp, "  \"charts_rendered\": %s,\n", rendered ? "true" : "false");
    fprintf(fp, "  \"warnings_total\": %lu,\n", run->warnings_total);
    fputs("  \"warnings\": [", fp);
    for (i = 0; i < run->nwarnings; i++) {
        fputs(i ? ",\n    " : "\n    ", fp);
        json_puts(fp, run->warnings[i]);
    }
    fputs(run->nwarnings ? "\n  ]\n}\n" : "]\n}\n", fp);
    return stage_fclose(st, rel, fp, err);
}

/*
 * The trial-level outputs fill while the inputs are read. With a thread,
 * trials.tsv's lines go through a pipe to a thread that writes them to the
 * file and into the workbook's Trials sheet, so the sheet is built on the
 * second core while the first reads. Without one, trials.tsv is written
 * directly and read back into the sheet at the end.
 */
struct ts_report {
    ts_stage *st;
    FILE *trials;               /* the staged trials.tsv */
    FILE *out;                  /* where rows go: trials, or the pipe */
    FILE *in;                   /* the pipe's read end (the thread's) */
    ts_xlsx *xlsx;
    int threaded;               /* a thread fills the Trials sheet */
    pthread_t thread;
    int sheet_errno;            /* why the sheet could not be filled */
    int tee_errno;              /* the thread's first failed write to
                                 * trials.tsv (errno is per thread) */
    double seconds_sheet;       /* the thread's time on the sheet */
};

/* Copies trials.tsv lines from in into the Trials sheet, and to tee when
 * not NULL (the errno of its first failed write in *tee_errno). Returns
 * 0, or the errno of a failed read; in is read to its end either way, so a
 * writer on the other side of a pipe never blocks. */
static int fill_trials_sheet(ts_xlsx *x, FILE *in, FILE *tee, int *tee_errno)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int e = 0;

    errno = 0;
    while ((got = getline(&line, &cap, in)) > 0) {
        size_t n = (size_t)got;

        /* 2026-11-30: errors showed at stage_fclose, which read the main
         * thread's errno: "Input/output error" for a full disk. */
        if (tee && fwrite(line, 1, n, tee) != n && !*tee_errno)
            *tee_errno = errno ? errno : EIO;
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        xlsx_trials_line(x, line, n);
    }
    if (!feof(in)) {
        char buf[4096];

        e = errno ? errno : EIO;
        clearerr(in);
        while (fread(buf, 1, sizeof(buf), in) > 0)
            ;
    }
    free(line);
    return e;
}

static void *trials_thread(void *arg)
{
    ts_report *r = arg;
    double t0 = log_clock();

    r->sheet_errno = fill_trials_sheet(r->xlsx, r->in, r->trials,
                                       &r->tee_errno);
    r->seconds_sheet = log_clock() - t0;
    return NULL;
}

/* Starts the thread behind a pipe; 0 when that cannot be done (the rows
 * are then written directly). */
static int start_thread(ts_report *r)
{
    pthread_attr_t attr;
    int fd[2], ok;

    if (pipe(fd) != 0)
        return 0;
    r->in = fdopen(fd[0], "rb");
    r->out = r->in ? fdopen(fd[1], "wb") : NULL;
    if (!r->in || !r->out) {
        if (r->in)
            fclose(r->in);
        else
            close(fd[0]);
        close(fd[1]);
        r->in = r->out = NULL;
        return 0;
    }
    setvbuf(r->in, NULL, _IOFBF, 1 << 20);
    setvbuf(r->out, NULL, _IOFBF, 1 << 20);
    /* A small stack: the thread needs little, and an address-space limit
     * (ulimit -v) should not stop the run. */
    ok = pthread_attr_init(&attr) == 0;
    if (ok) {
        pthread_attr_setstacksize(&attr, 1 << 20);
        ok = pthread_create(&r->thread, &attr, trials_thread, r) == 0;
        pthread_attr_destroy(&attr);
    }
    if (!ok) {
        fclose(r->out);
        fclose(r->in);
        r->in = r->out = NULL;
        return 0;
    }
    return 1;
}

ts_status report_open(ts_stage *st, ts_landscape *ls, const char *version,
                      long long epoch, int threads, ts_report **out,
                      ts_error *err)
{
    ts_report *r = xcalloc(1, sizeof(*r));
    char *path;
    ts_status rc;

    *out = NULL;
    r->st = st;
    rc = stage_fopen(st, "trials.tsv", &r->trials, err);
    if (rc != TS_OK) {
        free(r);
        return rc;
    }
    setvbuf(r->trials, NULL, _IOFBF, 1 << 20);
    path = stage_path(st, "landscape.xlsx");
    rc = xlsx_open(path, "landscape.xlsx", stage_dir(st), ls, version, epoch,
                   &r->xlsx, err);
    free(path);
    if (rc != TS_OK) {
        fclose(r->trials);
        free(r);
        return rc;
    }
    r->threaded = threads > 1 && start_thread(r);
    if (!r->threaded)
        r->out = r->trials;
    trials_write_header(r->out);
    *out = r;
    return TS_OK;
}

void report_trial(ts_report *r, const ts_trial *trial)
{
    trials_write_row(r->out, trial);
}

/* Closes the pipe and waits for the thread to empty it. */
static void stop_thread(ts_report *r)
{
    if (!r->threaded)
        return;
    fclose(r->out);         /* the thread sees the end of the pipe */
    pthread_join(r->thread, NULL);
    fclose(r->in);
    r->threaded = 0;
}

/* Ends the trial rows: the thread has written all of trials.tsv and the
 * Trials sheet, or the sheet has been read back from the file. */
static ts_status end_trials(ts_report *r, ts_error *err)
{
    ts_status rc;
    int filled = r->threaded;

    stop_thread(r);
    r->out = NULL;
    if (r->tee_errno)
        errno = r->tee_errno;   /* what stage_fclose reports */
    rc = stage_fclose(r->st, "trials.tsv", r->trials, err);
    r->trials = NULL;
    if (rc == TS_OK && r->sheet_errno)
        rc = ts_error_sys(err, TS_ERR_OUTPUT, r->sheet_errno,
                          "landscape.xlsx",
                          "cannot build the Trials sheet");
    if (rc == TS_OK && !filled) {
        char *path = stage_path(r->st, "trials.tsv");
        FILE *fp = fopen(path, "rb");
        double t0 = log_clock();

        if (!fp) {
            rc = ts_error_sys(err, TS_ERR_OUTPUT, errno, "trials.tsv",
                              "cannot read back trials");
        } else {
            int e;

            setvbuf(fp, NULL, _IOFBF, 1 << 20);
            e = fill_trials_sheet(r->xlsx, fp, NULL, NULL);
            if (e)
                rc = ts_error_sys(err, TS_ERR_OUTPUT, e, "trials.tsv",
                                  "cannot read back trials");
            fclose(fp);
        }
        r->seconds_sheet = log_clock() - t0;
        free(path);
    }
    return rc;
}

void report_abort(ts_report *r)
{
    if (!r)
        return;
    if (r->trials) {
        ts_error ignored;

        stop_thread(r);
        /* Closed to free it; the stage's removal discards the file. */
        stage_fclose(r->st, "trials.tsv", r->trials, &ignored);
    }
    xlsx_discard(r->xlsx);
    free(r);
}

ts_status report_close(ts_report *r, const ts_run *run,
                       ts_report_opts *opts, ts_report_warn_fn warn,
                       void *ctx, ts_error *err)
{
    ts_status rc;
    size_t i;
    int render = opts->charts && plot_gnuplot_available();
    ts_xlsx_loss loss = {0, 0};
    double t0;

    rc = end_trials(r, err);
    opts->seconds_sheet = r->seconds_sheet;
    for (i = 0; i < TS_TABLE_COUNT && rc == TS_OK; i++)
        rc = write_table(r->st, run->ls, (ts_table)i, err);
    for (i = 0; i < TS_X_COUNT && rc == TS_OK; i++)
        rc = write_crosstab(r->st, landscape_crosstab(run->ls, (ts_xtab)i),
                            err);
    for (i = 0; i < TS_ENROLLMENT_TABLES && rc == TS_OK; i++)
        rc = write_enrollment(r->st, landscape_enrollment(run->ls, i), err);
    if (rc == TS_OK)
        rc = write_unmapped(r->st, run->ls, err);
    if (rc == TS_OK)
        rc = write_json(r->st, run, err);
    if (rc == TS_OK && opts->charts && !render && warn) {
        ts_error w;

        ts_error_set(&w, TS_ERR_PLOT, NULL, 0, 0,
                     "gnuplot not found: figures/*.gp and *.dat written, "
                     "no PNG/SVG/PDF (install gnuplot, then run gnuplot "
                     "NAME.gp in figures/)");
        warn(ctx, &w);
    }
    t0 = log_clock();
    if (rc == TS_OK)
        rc = write_charts(r->st, run, opts, render, err);
    opts->seconds_charts = log_clock() - t0;
    if (rc != TS_OK) {
        report_abort(r);
        return rc;
    }
    t0 = log_clock();
    rc = xlsx_close(r->xlsx, run, &loss, err);
    r->xlsx = NULL;
    opts->seconds_workbook = log_clock() - t0;
    if (rc == TS_OK && loss.cut && warn) {
        ts_error w;

        ts_error_set(&w, TS_ERR_XLSX, "landscape.xlsx", 0, 0,
                     "%lu cells longer than Excel's 32767 characters were "
                     "cut in the workbook (trials.tsv has them whole)",
                     loss.cut);
        warn(ctx, &w);
    }
    if (rc == TS_OK && loss.beyond && warn) {
        ts_error w;

        ts_error_set(&w, TS_ERR_XLSX, "landscape.xlsx", 0, 0,
                     "the Trials sheet is full at Excel's 1048576 rows: %lu "
                     "more trials are only in trials.tsv",
                     loss.beyond);
        warn(ctx, &w);
    }
    if (rc == TS_OK)
        rc = write_manifest(r->st, run, render, err);
    free(r);
    return rc;
}
