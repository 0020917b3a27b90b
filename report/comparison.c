/*
 * comparison.c - side-by-side tables, changes, figures, workbook and
 * manifest of `trialscape compare` (report stage).
 */
#include "report/comparison.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "report/figures.h"
#include "report/palette.h"
#include "report/plot.h"
#include "report/view.h"
#include "report/textout.h"
#include "report/xlsx.h"
#include "report/zipspeed.h"

#define NO_ROW ((size_t)-1)

/* The percentage of a category side s does not have: 0 of its
 * denominator, or none (as landscape_row_percent has it for a special
 * row under the "known" denominator). */
static double zero_percent(ts_landscape *ls, ts_table i, const char *label)
{
    if (landscape_denominator(ls) == TS_DENOM_KNOWN &&
        tally_label_is_special(label))
        return -1.0;
    return tally_percent(0, landscape_table_denominator(ls, i));
}

size_t comparison_rows(const ts_comparison *c, ts_table i,
                       ts_pair_row **rows)
{
    ts_tally *t[2], *merged;
    size_t *row_of[2], s, k, n;
    ts_pair_row *out;

    for (s = 0; s < 2; s++) {
        t[s] = landscape_table(c->side[s].ls, i);
        row_of[s] = xmalloc((tally_nlabels(t[s]) + 1) * sizeof(size_t));
        for (k = 0; k < tally_nlabels(t[s]); k++)
            row_of[s][k] = NO_ROW;
        for (k = 0; k < tally_rows(t[s]); k++)
            row_of[s][tally_row_id(t[s], k)] = k;
    }
    /* Both sides' categories in one tally of the table's kind, A's first
     * (seeds in vocabulary order), counted with both sides' trials: its
     * rows are the table's order over both. */
    merged = tally_new(tally_name(t[0]), tally_title(t[0]),
                       tally_order(t[0]));
    for (s = 0; s < 2; s++)
        for (k = 0; k < tally_nlabels(t[s]); k++)
            tally_seed(merged, tally_label(t[s], k));
    for (k = 0; k < tally_nlabels(merged); k++) {
        const char *label = tally_label(merged, k);
        unsigned long sum = 0;

        for (s = 0; s < 2; s++)
            sum += tally_count(t[s], tally_find(t[s], label, strlen(label)));
        tally_add_id(merged, k, sum);
    }
    n = tally_rows(merged);
    out = xcalloc(n ? n : 1, sizeof(ts_pair_row));
    for (k = 0; k < n; k++) {
        const char *label = tally_row_label(merged, k);

        out[k].label = NULL;
        for (s = 0; s < 2; s++) {
            ts_landscape *ls = c->side[s].ls;
            size_t id = tally_find(t[s], label, strlen(label));
            size_t r = id < tally_nlabels(t[s]) ? row_of[s][id] : NO_ROW;

            if (r == NO_ROW) {
                out[k].n[s] = 0;
                out[k].pct[s] = zero_percent(ls, i, label);
                continue;
            }
            if (!out[k].label)
                out[k].label = tally_row_label(t[s], r);
            out[k].n[s] = tally_row_count(t[s], r);
            out[k].pct[s] = landscape_row_percent(ls, i, r);
        }
    }
    tally_free(merged);
    free(row_of[0]);
    free(row_of[1]);
    *rows = out;
    return n;
}

double comparison_difference(const ts_pair_row *row)
{
    if (row->pct[0] < 0 || row->pct[1] < 0)
        return -2000.0;
    return row->pct[1] - row->pct[0];
}

/* The difference as the tables print it: one decimal, "" when none, and
 * never "-0.0". */
static void format_difference(char buf[24], const ts_pair_row *row)
{
    double d = comparison_difference(row);

    if (d < -1000) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, 24, "%.1f", d);
    if (strcmp(buf, "-0.0") == 0)
        snprintf(buf, 24, "0.0");
}

static ts_status write_pair_table(ts_stage *st, const ts_comparison *c,
                                  ts_table i, ts_error *err)
{
    ts_pair_row *rows;
    size_t n = comparison_rows(c, i, &rows), k;
    char rel[64], pa[16], pb[16], diff[24];
    FILE *fp;
    ts_status rc;

    snprintf(rel, sizeof(rel), "tables/%s.tsv",
             tally_name(landscape_table(c->side[0].ls, i)));
    rc = stage_fopen(st, rel, &fp, err);
    if (rc != TS_OK) {
        free(rows);
        return rc;
    }
    fputs("category\ta_trials\ta_percent\tb_trials\tb_percent\t"
          "difference_points\n",
          fp);
    for (k = 0; k < n; k++) {
        report_format_percent(pa, rows[k].pct[0]);
        report_format_percent(pb, rows[k].pct[1]);
        format_difference(diff, &rows[k]);
        tsv_put(fp, rows[k].label, strlen(rows[k].label));
        fprintf(fp, "\t%lu\t%s\t%lu\t%s\t%s\n", rows[k].n[0], pa,
                rows[k].n[1], pb, diff);
    }
    free(rows);
    return stage_fclose(st, rel, fp, err);
}

static ts_status write_changes(ts_stage *st, const ts_comparison *c,
                               ts_error *err)
{
    const char *rel = "changes.tsv";
    size_t i, n = compare_changes(c->cmp);
    FILE *fp;
    ts_status rc = stage_fopen(st, rel, &fp, err);

    if (rc != TS_OK)
        return rc;
    setvbuf(fp, NULL, _IOFBF, 1 << 16);
    fputs("nct_id\tchange\tfrom\tto\n", fp);
    for (i = 0; i < n; i++) {
        ts_change ch;

        compare_change(c->cmp, i, &ch);
        tsv_put(fp, ch.id, strlen(ch.id));
        fprintf(fp, "\t%s\t", compare_kind_name(ch.kind));
        tsv_put(fp, ch.from, strlen(ch.from));
        fputc('\t', fp);
        tsv_put(fp, ch.to, strlen(ch.to));
        fputc('\n', fp);
    }
    return stage_fclose(st, rel, fp, err);
}

/* ---- figures ------------------------------------------------------------ */

#define NPANELS_MAX 16

/* The rows one paired panel draws; arrays owned, labels borrowed. */
typedef struct pair_panel {
    ts_chart chart;
    char title[96];
    char nline[200];
    char note[200];
    const char **labels;
    unsigned long *counts[2];
    char (*valbuf[2])[40];
    const char **values[2];
    char legbuf[2][160];
    const char *legend[2];
    unsigned legend_rgb[2];
} pair_panel;

/* Both sides' categories in the figures' order and rules (view.h): an
 * ordinal table's rows inside either side's n, a nominal table's
 * categories without its "Not reported" kind of rows, cut to about top
 * by both sides' trials. */
static void pair_panel_build(pair_panel *p, const ts_comparison *c,
                             const ts_panel *def, unsigned long top)
{
    const ts_table_info *info = landscape_table_info(def->table);
    ts_pair_row *rows;
    size_t n = comparison_rows(c, def->table, &rows), k, m = 0, s, shown;
    unsigned long *sum = xcalloc(n ? n : 1, sizeof(unsigned long));
    char more[96];

    memset(p, 0, sizeof(*p));
    p->labels = xcalloc(n ? n : 1, sizeof(char *));
    for (s = 0; s < 2; s++) {
        p->counts[s] = xcalloc(n ? n : 1, sizeof(unsigned long));
        p->valbuf[s] = xcalloc(n ? n : 1, sizeof(*p->valbuf[s]));
        p->values[s] = xcalloc(n ? n : 1, sizeof(char *));
    }
    for (k = 0; k < n; k++) {
        if (rows[k].pct[0] < 0 && rows[k].pct[1] < 0)
            continue;       /* outside both sides' n */
        if (!info->ordinal && tally_label_is_special(rows[k].label))
            continue;
        p->labels[m] = rows[k].label;
        for (s = 0; s < 2; s++) {
            p->counts[s][m] = rows[k].n[s];
            view_value_text(p->valbuf[s][m], rows[k].n[s], rows[k].pct[s]);
            p->values[s][m] = p->valbuf[s][m];
        }
        sum[m] = rows[k].n[0] + rows[k].n[1];
        m++;
    }
    free(rows);
    shown = info->ordinal ? m : view_cut(sum, m, top);
    view_more(more, sizeof(more), sum, m, shown);
    if (shown < m)
        snprintf(p->note, sizeof(p->note), "%s (A and B together)", more);
    free(sum);
    if (info->multi) {
        size_t len = strlen(p->note);

        snprintf(p->note + len, sizeof(p->note) - len, "%sa trial may "
                 "count in several rows", len ? "; " : "");
    }
    snprintf(p->title, sizeof(p->title), "%s%s", shown < m ? "Top " : "",
             def->title);
    if (shown < m)
        p->title[4] = (char)(p->title[4] >= 'A' && p->title[4] <= 'Z'
                                 ? p->title[4] + 32
                                 : p->title[4]);
    snprintf(p->nline, sizeof(p->nline), "n = %lu (A) and %lu (B) %s",
             landscape_table_denominator(c->side[0].ls, def->table),
             landscape_table_denominator(c->side[1].ls, def->table),
             landscape_table_counts(c->side[0].ls, def->table));
    /* The sides' names are the user's words: the legend reads them from
     * the data file. */
    for (s = 0; s < 2; s++) {
        snprintf(p->legbuf[s], sizeof(p->legbuf[s]), "%c: %s",
                 s ? 'B' : 'A', c->side[s].label);
        p->legend[s] = p->legbuf[s];
    }
    p->legend_rgb[0] = TS_RGB_BLUE;
    p->legend_rgb[1] = TS_RGB_ORANGE;
    p->chart.name = def->name;
    p->chart.title = p->title;
    p->chart.nline = p->nline;
    p->chart.note = p->note[0] ? p->note : NULL;
    p->chart.axis = "Trials";
    p->chart.kind = TS_CHART_PAIRS;
    p->chart.n = shown;
    p->chart.labels = p->labels;
    p->chart.counts = p->counts[0];
    p->chart.values = p->values[0];
    p->chart.counts2 = p->counts[1];
    p->chart.values2 = p->values[1];
    p->chart.series_rgb = p->legend_rgb;
    p->chart.nlegend = 2;
    p->chart.legend = p->legend;
    p->chart.legend_rgb = p->legend_rgb;
    if (m == 0)
        p->chart.empty = info->empty;
}

static void pair_panel_free(pair_panel *p)
{
    size_t s;

    free(p->labels);
    for (s = 0; s < 2; s++) {
        free(p->counts[s]);
        free(p->valbuf[s]);
        free(p->values[s]);
    }
}

static ts_status write_figures(ts_stage *st, const ts_comparison *c,
                               const ts_report_opts *opts, int render,
                               ts_error *err)
{
    pair_panel panels[NPANELS_MAX];
    const ts_chart *list[NPANELS_MAX];
    const char *scripts[NPANELS_MAX + 1];
    unsigned formats = opts->formats ? opts->formats : TS_FORMAT_ALL;
    size_t n = figures_npanels(), i;
    ts_status rc = TS_OK;
    ts_strbuf caption = {0}, dir = {0};
    ts_figure f;

    if (n > NPANELS_MAX)
        n = NPANELS_MAX;
    for (i = 0; i < n; i++) {
        pair_panel_build(&panels[i], c, figures_panel(i),
                         opts->top ? opts->top : 10);
        list[i] = &panels[i].chart;
        scripts[i] = figures_panel(i)->script;
    }
    scripts[n] = "fig1.gp";
    for (i = 0; i < n && rc == TS_OK; i++) {
        memset(&f, 0, sizeof(f));
        f.name = list[i]->name;
        f.width_mm = opts->panel_mm > 0 ? opts->panel_mm : TS_PANEL_WIDTH_MM;
        f.formats = formats;
        f.charts = &list[i];
        f.n = 1;
        rc = figures_write_one(st, &f, err);
    }
    if (rc == TS_OK) {
        /* The sides' labels and the filter are the user's words: the
         * subtitle is drawn from the data file. */
        sb_printf(&caption, "A: %s (%lu trials) vs B: %s (%lu trials)",
                  c->side[0].label, landscape_trials(c->side[0].ls),
                  c->side[1].label, landscape_trials(c->side[1].ls));
        if (filter_count(c->filter))
            sb_printf(&caption, "; filter (--where): %s",
                      filter_text(c->filter));
        memset(&f, 0, sizeof(f));
        f.name = "fig1";
        f.title = opts->title;
        f.subtitle = caption.buf;
        f.caption = "Numbers are trials; in brackets, their percent of "
                    "the n of each side stated in each panel (<1%: more "
                    "than 0 but under 0.5%).";
        f.width_mm = opts->figure_mm > 0 ? opts->figure_mm
                                         : TS_FIGURE_WIDTH_MM;
        f.letters = 1;
        f.formats = formats;
        f.charts = list;
        f.n = n;
        rc = figures_write_one(st, &f, err);
    }
    if (rc == TS_OK && render) {
        sb_printf(&dir, "%s/figures", stage_dir(st));
        rc = report_render_charts(dir.buf, scripts, n + 1, opts->jobs,
                                  c->epoch, err);
    }
    sb_free(&caption);
    sb_free(&dir);
    for (i = 0; i < n; i++)
        pair_panel_free(&panels[i]);
    return rc;
}

/* ---- manifest ----------------------------------------------------------- */

static void write_side_json(FILE *fp, const ts_comparison *c, int s)
{
    const ts_side *side = &c->side[s];

    fprintf(fp, "  \"%c\": {\"label\": ", s ? 'b' : 'a');
    json_puts(fp, side->label);
    fputs(",\n    \"inputs\": ", fp);
    report_json_inputs(fp, side->inputs, side->ninputs, "    ");
    fprintf(fp, ",\n    \"records\": %lu, \"trials\": %lu, "
                "\"duplicates_not_counted\": %lu, \"trials_left_out\": %lu, "
                "\"trials_without_identifier\": %lu}",
            side->merge ? merge_records(side->merge) : 0UL,
            landscape_trials(side->ls),
            side->merge ? merge_records(side->merge) -
                              merge_trials(side->merge)
                        : 0UL,
            landscape_left_out(side->ls), compare_unidentified(c->cmp, s));
}

static ts_status write_manifest(ts_stage *st, const ts_comparison *c,
                                int rendered, ts_error *err)
{
    const char *rel = "manifest.json";
    FILE *fp;
    size_t i;
    ts_status rc = stage_fopen(st, rel, &fp, err);

    if (rc != TS_OK)
        return rc;
    fputs("{\n  \"tool\": \"trialscape\",\n  \"version\": ", fp);
    json_puts(fp, c->version);
    fputs(",\n  \"command\": \"compare\",\n  \"libraries\": "
          "{\"libxlsxwriter\": ",
          fp);
    json_puts(fp, xlsx_library_version());
    fprintf(fp, "},\n  \"workbook_compression\": \"%s\",\n",
            zipspeed_parts() ? "fastest" : "default");
    if (c->epoch >= 0)
        fprintf(fp, "  \"source_date_epoch\": %lld,\n", c->epoch);
    write_side_json(fp, c, 0);
    fputs(",\n", fp);
    write_side_json(fp, c, 1);
    fputs(",\n  \"filter\": ", fp);
    if (!filter_count(c->filter)) {
        fputs("null", fp);
    } else {
        fputs("{\"where\": [", fp);
        for (i = 0; i < filter_count(c->filter); i++) {
            fputs(i ? ", " : "", fp);
            json_puts(fp, filter_expr(c->filter, i));
        }
        fputs("]}", fp);
    }
    fputs(",\n  \"changes\": {", fp);
    for (i = 0; i < TS_CHANGE_COUNT; i++)
        fprintf(fp, "%s\"%s\": %lu", i ? ", " : "",
                compare_kind_name((ts_change_kind)i),
                compare_count(c->cmp, (ts_change_kind)i));
    fprintf(fp, "},\n  \"identifier_set\": {\"trials\": %lu, \"bytes\": "
                "%zu},\n",
            compare_held(c->cmp), compare_memory(c->cmp));
    fprintf(fp, "  \"denominator\": \"%s\",\n",
            landscape_denominator(c->side[0].ls) == TS_DENOM_ALL ? "all"
                                                                 : "known");
    fputs("  \"tables\": {", fp);
    for (i = 0; i < TS_TABLE_COUNT; i++) {
        ts_pair_row *rows;
        size_t n = comparison_rows(c, (ts_table)i, &rows);

        free(rows);
        fputs(i ? ", " : "", fp);
        json_puts(fp, tally_name(landscape_table(c->side[0].ls, (ts_table)i)));
        fprintf(fp, ": {\"a_denominator\": %lu, \"b_denominator\": %lu, "
                    "\"categories\": %zu}",
                landscape_table_denominator(c->side[0].ls, (ts_table)i),
                landscape_table_denominator(c->side[1].ls, (ts_table)i), n);
    }
    fputs("},\n", fp);
    fprintf(fp, "  \"charts_rendered\": %s,\n", rendered ? "true" : "false");
    fprintf(fp, "  \"warnings_total\": %lu,\n", c->warnings_total);
    fputs("  \"warnings\": [", fp);
    for (i = 0; i < c->nwarnings; i++) {
        fputs(i ? ",\n    " : "\n    ", fp);
        json_puts(fp, c->warnings[i]);
    }
    fputs(c->nwarnings ? "\n  ]\n}\n" : "]\n}\n", fp);
    return stage_fclose(st, rel, fp, err);
}

ts_status comparison_write(ts_stage *st, const ts_comparison *c,
                           ts_report_opts *opts, ts_report_warn_fn warn,
                           void *ctx, ts_error *err)
{
    int render = opts->charts && plot_gnuplot_available();
    ts_status rc = TS_OK;
    size_t i;
    unsigned long beyond = 0;

    for (i = 0; i < TS_TABLE_COUNT && rc == TS_OK; i++)
        rc = write_pair_table(st, c, (ts_table)i, err);
    if (rc == TS_OK)
        rc = write_changes(st, c, err);
    if (rc == TS_OK && opts->charts && !render && warn) {
        ts_error w;

        ts_error_set(&w, TS_ERR_PLOT, NULL, 0, 0,
                     "gnuplot not found: figures/*.gp and *.dat written, "
                     "no PNG/SVG/PDF (install gnuplot, then run gnuplot "
                     "NAME.gp in figures/)");
        warn(ctx, &w);
    }
    if (rc == TS_OK)
        rc = write_figures(st, c, opts, render, err);
    if (rc == TS_OK) {
        char *path = stage_path(st, "compare.xlsx");

        rc = xlsx_write_comparison(path, "compare.xlsx", stage_dir(st), c,
                                   &beyond, err);
        free(path);
    }
    if (rc == TS_OK && beyond && warn) {
        ts_error w;

        ts_error_set(&w, TS_ERR_XLSX, "compare.xlsx", 0, 0,
                     "the Changes sheet is full at Excel's 1048576 rows: "
                     "%lu more changes are only in changes.tsv",
                     beyond);
        warn(ctx, &w);
    }
    if (rc == TS_OK)
        rc = write_manifest(st, c, render, err);
    return rc;
}
