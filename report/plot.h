/*
 * plot.h - gnuplot charts as a .dat data file plus a .gp script, rendered
 * to PNG, SVG and PDF by running gnuplot (report stage).
 *
 * Safety: gnuplot executes backquotes, system(), @macros and "<"/"|" file
 * names inside scripts, but text read from a data file is inert. So every
 * label from an export goes only into the .dat file; the .gp script is
 * built from trialscape's own constants, which plot_write() checks, and
 * gnuplot runs with -d (no init files).
 */
#ifndef TS_REPORT_PLOT_H
#define TS_REPORT_PLOT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "common/error.h"

typedef enum ts_chart_kind {
    TS_CHART_COLUMNS,   /* vertical bars, categories along x */
    TS_CHART_BARS,      /* horizontal bars, first category on top */
    TS_CHART_PAIRS      /* horizontal bars, two series (compare's A and
                         * B) side by side, first category on top */
} ts_chart_kind;

/* Output formats, combined as a bit set. */
#define TS_FORMAT_PNG 1u
#define TS_FORMAT_SVG 2u
#define TS_FORMAT_PDF 4u
#define TS_FORMAT_ALL 7u

typedef struct ts_chart {
    const char *name;           /* file stem: [a-z0-9_] only */
    const char *title;          /* our constant: letters, digits, spaces
                                 * and .,:;()/%+- only */
    const char *axis;           /* value axis label, same rule */
    ts_chart_kind kind;
    size_t n;                   /* categories */
    const char *const *labels;  /* borrowed; any text (goes to .dat) */
    const unsigned long *counts;/* borrowed */
    const double *percent;      /* borrowed; < 0 = no percentage */
    unsigned formats;           /* TS_FORMAT_* bits to write; 0 = all */
    /* PAIRS: the second series, and both series' names (any text: they
     * go to the .dat file, whose header row gnuplot reads as titles). */
    const unsigned long *counts2;
    const double *percent2;
    const char *series[2];
} ts_chart;

/*
 * Writes NAME.dat and NAME.gp content to dat and gp. The script reads
 * 'NAME.dat' and writes NAME.png, NAME.svg and NAME.pdf in its own
 * directory, so `gnuplot NAME.gp` there rebuilds the figure.
 * TS_ERR_INTERNAL if name, title or axis break the constant-text rule.
 */
ts_status plot_write(const ts_chart *chart, FILE *dat, FILE *gp,
                     ts_error *err);

/*
 * Writes a multi-panel figure script (NAME.gp) that draws the given
 * charts two per row from their own .dat files, for each format in fmts.
 * title (may be NULL) must pass plot_title_ok(). caption (may be NULL) is
 * a line under the title, the user's own words (the filter they gave):
 * in the script's double-quoted title string, any character other than
 * printable ASCII, or one of `"@$\{}, is written as '?', so gnuplot runs
 * and expands nothing. TS_ERR_INTERNAL if any other text breaks the
 * constant-text rule.
 */
ts_status plot_write_figure(const ts_chart *const *charts, size_t n,
                            const char *name, const char *title,
                            const char *caption, unsigned fmts, FILE *gp,
                            ts_error *err);

/* 1 if a user's figure title is safe in a script: letters, digits,
 * spaces, .,:;()/%+-' and at most 120 characters. */
int plot_title_ok(const char *title);

/* "png", "svg" or "pdf" for one TS_FORMAT_* bit. */
const char *plot_format_ext(unsigned flag);

/* Writes one data-file label: quoted, with tabs, newlines and quotes made
 * harmless. Exposed for tests. */
void plot_put_label(FILE *dat, const char *label);

/* Returns 1 if a gnuplot executable is on PATH. */
int plot_gnuplot_available(void);

/*
 * Runs "gnuplot -d SCRIPT" in dir; script is a name such as "phase.gp",
 * borrowed: it must outlive *err, which names it. TS_ERR_PLOT with
 * gnuplot's last error line when it fails or cannot be started. With
 * epoch >= 0 (SOURCE_DATE_EPOCH) the PDF's creation date is set to it, so
 * reruns give the same bytes (cairo stamps the current time).
 */
ts_status plot_render(const char *dir, const char *script, long long epoch,
                      ts_error *err);

/* A gnuplot run under way, so several can render at once. */
typedef struct ts_render {
    const char *script;         /* borrowed */
    pid_t pid;
    int fd;                     /* gnuplot's standard error */
} ts_render;

/* plot_render() in two halves: start gnuplot, then wait for it. Every
 * started job must be finished. */
ts_status plot_render_start(const char *dir, const char *script,
                            ts_render *job, ts_error *err);
ts_status plot_render_finish(ts_render *job, const char *dir,
                             long long epoch, ts_error *err);

/* Rewrites "/CreationDate (D:YYYYMMDDHHMMSSZ)" in the PDF at path to the
 * given time, in place and at the same length. Returns 1 if it did. */
int plot_pdf_set_date(const char *path, long long epoch);

#endif
