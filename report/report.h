/*
 * report.h - writes a run's outputs into the staging directory: tables,
 * charts, the workbook and the manifest (report stage's entry point).
 *
 * trials.tsv is written by the caller while reading (see trials.h); the
 * workbook's Trials sheet is read back from it, so no stage keeps every
 * trial in memory.
 */
#ifndef TS_REPORT_REPORT_H
#define TS_REPORT_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "analyze/filter.h"
#include "analyze/landscape.h"
#include "common/error.h"
#include "common/stage.h"
#include "ingest/ingest.h"
#include "report/plot.h"

/* One input of the run. */
typedef struct ts_run_input {
    ts_ingest_stats stats;
    long long mtime;            /* the file's modification time (the
                                 * export's date), or -1 (stdin) */
    int failed;                 /* 1: could not be read or parsed */
    char error[400];            /* the error message when failed */
} ts_run_input;

/* Everything the outputs describe; all borrowed. */
typedef struct ts_run {
    const char *version;        /* trialscape version */
    const ts_run_input *inputs;
    size_t ninputs;
    const char *const *warnings;/* formatted messages, first ones only */
    size_t nwarnings;
    unsigned long warnings_total;
    ts_landscape *ls;
    ts_merge *merge;            /* which records were merged, or NULL */
    const ts_dict *dict;        /* the dictionaries used, or NULL */
    const ts_filter *filter;    /* --where, or NULL */
    long long epoch;            /* SOURCE_DATE_EPOCH, or -1 */
    const char *query;          /* --query: the search as the user gives
                                 * it, or NULL */
    const char *title;          /* --title, or NULL */
} ts_run;

typedef struct ts_report_opts {
    int charts;                 /* render with gnuplot (0: .gp/.dat only) */
    int jobs;                   /* gnuplot runs at once (0 or 1: one) */
    unsigned long top;          /* bars in top-N charts */
    unsigned formats;           /* TS_FORMAT_* bits; 0 = all */
    const char *title;          /* fig1's title, or NULL; borrowed;
                                 * must pass plot_title_ok() */
    ts_table panel_f;           /* panel F's view: TS_TABLE_TARGETS (the
                                 * default, per target),
                                 * TS_TABLE_TARGET_FAMILIES or
                                 * TS_TABLE_PRIMARY_TARGETS; 0 = default */
    double figure_mm;           /* fig1's width; 0: 180 mm */
    double panel_mm;            /* single panels' width; 0: 85 mm */
    double seconds_sheet;       /* out: time spent on the Trials sheet */
    double seconds_workbook;    /* out: time spent on the rest of the
                                 * workbook and on closing it */
    double seconds_charts;      /* out: time spent on the charts */
} ts_report_opts;

/* Called for each problem that does not stop the report (a chart gnuplot
 * could not render, a cell cut to Excel's limit). */
typedef void (*ts_report_warn_fn)(void *ctx, const ts_error *warning);

typedef struct ts_report ts_report;

/*
 * Starts a run's outputs in the stage: trials.tsv and landscape.xlsx,
 * whose Trials sheet fills as trials arrive. With threads > 1 a second
 * thread builds the sheet while the caller reads the inputs; otherwise the
 * sheet is built from trials.tsv when the report closes. ls (borrowed)
 * names the workbook's sheets; version and epoch (SOURCE_DATE_EPOCH or -1)
 * stamp it. TS_ERR_OUTPUT when a file cannot be created.
 */
ts_status report_open(ts_stage *st, ts_landscape *ls, const char *version,
                      long long epoch, int threads, ts_report **out,
                      ts_error *err);

/* Writes one trial to trials.tsv and the workbook's Trials sheet. */
void report_trial(ts_report *r, const ts_trial *trial);

/*
 * Finishes the trial rows, then writes tables/NAME.tsv,
 * tables/unmapped.tsv, landscape.json, figures/, the rest of
 * landscape.xlsx and manifest.json into the stage; frees r. Returns
 * TS_ERR_OUTPUT, TS_ERR_XLSX or TS_ERR_PLOT (gnuplot present but failing)
 * with *err filled.
 */
ts_status report_close(ts_report *r, const ts_run *run,
                       ts_report_opts *opts, ts_report_warn_fn warn,
                       void *ctx, ts_error *err);

/* Abandons a report that will not be committed (r may be NULL). */
void report_abort(ts_report *r);

/* The header and one row of `trialscape classify` output:
 * input, substance, modality, chemo_class, targets, immuno_targets,
 * drug_class (therapeutic class keys), inferred ("name (-stem)" for each
 * name classed by its INN stem only).
 * Several substances (a combination) are joined with " + ", the other
 * columns list distinct values joined with ","; empty when none. With
 * explain, the row is followed by one line per value found: "#", the
 * field, the value, the dictionary FILE:LINE (or "rule") that decided it
 * and how, tab-separated. */
void report_classify_header(FILE *fp);
void report_classify_row(FILE *fp, const ts_dict *d, const char *text,
                         size_t len, int explain);

/* Shared by the outputs of run and compare. */

/* Records figures/NAME.EXT of each format in formats for the commit. */
void report_record_images(ts_stage *st, const char *name, unsigned formats);

/* Closes the staged files a and b (either may be NULL) and returns rc,
 * or the first close error when rc is TS_OK. */
ts_status report_close_both(ts_stage *st, const char *a, FILE *fa,
                            const char *b, FILE *fb, ts_status rc,
                            ts_error *err);

/* Writes figures/NAME.dat and figures/NAME.gp of one chart (plot_write)
 * and records its images. */
ts_status report_write_chart(ts_stage *st, const ts_chart *chart,
                             unsigned formats, ts_error *err);

/* Writes figures/NAME.gp, the n charts on one page (plot_write_figure),
 * and records its images. */
ts_status report_write_figure(ts_stage *st, const ts_chart *const *list,
                              size_t n, const char *name, const char *title,
                              const char *caption, unsigned formats,
                              ts_error *err);

/* Renders n (at most TS_RENDER_MAX) gnuplot scripts in dir in up to jobs
 * gnuplot processes at once, each rendering a batch of them in turn (see
 * ts_render); the last scripts (the combined figures, the slowest) go to
 * different batches. Reports the failure of the first script in order
 * that failed. The bytes written do not depend on jobs. */
#define TS_RENDER_MAX 32
ts_status report_render_charts(const char *dir, const char *const *scripts,
                               size_t n, int jobs, long long epoch,
                               ts_error *err);

/* report_render_charts() in two halves, so other work runs while gnuplot
 * renders: start sets *out (also on failure: finish it) and returns a
 * failure to start; finish waits for every gnuplot, returns the first
 * failure (a start's, else the first script's in order) and frees c
 * (NULL: TS_OK). The script names must outlive c. */
typedef struct ts_charts ts_charts;
ts_status report_charts_start(const char *dir, const char *const *scripts,
                              size_t n, int jobs, long long epoch,
                              ts_charts **out, ts_error *err);
ts_status report_charts_finish(ts_charts *c, ts_error *err);

/* Writes the "inputs" array of manifest.json (its values after the key),
 * its lines indented by indent. */
void report_json_inputs(FILE *fp, const ts_run_input *inputs, size_t n,
                        const char *indent);

/* A count or median as the tables print it: a whole number without
 * decimals, else one decimal; "" when v < 0. */
void report_format_number(char buf[32], double v);

/* Percent as the tables print it: one decimal, more for a share that is
 * not zero but would print as 0.0 (0.013), "" when n/a. */
void report_format_percent(char buf[16], double percent);

#endif
