/*
 * comparison.h - the outputs of `trialscape compare` (report stage): every
 * landscape table side by side (tables/NAME.tsv), the trial-level changes
 * (changes.tsv), a workbook (compare.xlsx: Summary, one Compare sheet per
 * table with side-by-side bars, Changes), paired-bar figures for panels
 * A-G and fig1, and manifest.json.
 */
#ifndef TS_REPORT_COMPARISON_H
#define TS_REPORT_COMPARISON_H

#include <stddef.h>

#include "analyze/compare.h"
#include "report/report.h"

/* One side of a comparison; all borrowed. */
typedef struct ts_side {
    const char *label;          /* --label-a/-b, or the first file's name */
    const ts_run_input *inputs;
    size_t ninputs;
    ts_landscape *ls;
    ts_merge *merge;            /* which records were merged, or NULL */
} ts_side;

/* Everything a comparison's outputs describe; all borrowed. */
typedef struct ts_comparison {
    const char *version;
    ts_side side[2];            /* A, B */
    ts_compare *cmp;            /* finished (compare_finish) */
    const ts_filter *filter;    /* --where, or NULL */
    const ts_dict *dict;
    long long epoch;            /* SOURCE_DATE_EPOCH, or -1 */
    const char *const *warnings;
    size_t nwarnings;
    unsigned long warnings_total;
} ts_comparison;

/* One category of a table on both sides. */
typedef struct ts_pair_row {
    const char *label;          /* view into a side's table */
    unsigned long n[2];         /* trials in A, in B */
    double pct[2];              /* percent of each side's own denominator
                                 * (landscape_row_percent); < 0: none */
} ts_pair_row;

/*
 * The rows of table i on both sides: every category either side has, in
 * the table's own order (vocabulary order, years, or most trials first
 * counting both sides). *rows is a new array, caller frees it; returns
 * the number of rows.
 */
size_t comparison_rows(const ts_comparison *c, ts_table i,
                       ts_pair_row **rows);

/* Difference in percentage points, B - A, or a value < -1000 when either
 * side has no percentage. */
double comparison_difference(const ts_pair_row *row);

/*
 * Writes every output of the comparison into the stage. opts as for
 * report_close (charts, jobs, top, formats, title). TS_ERR_OUTPUT,
 * TS_ERR_XLSX or TS_ERR_PLOT with *err filled on failure.
 */
ts_status comparison_write(ts_stage *st, const ts_comparison *c,
                           ts_report_opts *opts, ts_report_warn_fn warn,
                           void *ctx, ts_error *err);

#endif
