/*
 * plot.h - print-ready gnuplot figures: a .dat data file plus a .gp
 * script, rendered to PNG, SVG and PDF by running gnuplot (report stage).
 *
 * A figure is one or more charts laid out on a page of a given width in
 * millimetres (two charts a row when it is wide enough), with text sized
 * in points at that size: 6.5 pt for labels, 7.5 pt bold titles, 10 pt
 * bold panel letters. The PDF is exactly that size, the PNG is the same
 * page at 300 dpi and the SVG at 96 px an inch. Bar charts keep one bar
 * thickness and row pitch whatever their number of rows, and long labels
 * wrap onto up to three lines rather than being cut.
 *
 * Safety: gnuplot executes backquotes, system(), @macros and "<"/"|" file
 * names inside scripts, but text read from a data file is inert. So every
 * label that may come from an export goes only into the .dat file; the
 * .gp script is built from trialscape's own constants, which plot_write()
 * checks, and gnuplot runs with -d (no init files).
 */
#ifndef TS_REPORT_PLOT_H
#define TS_REPORT_PLOT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "common/error.h"

typedef enum ts_chart_kind {
    TS_CHART_BARS,      /* horizontal bars, first row on top */
    TS_CHART_PAIRS,     /* two horizontal bars a row (compare's A and B) */
    TS_CHART_YEARS,     /* a column per year, stacked by series */
    TS_CHART_HEATMAP    /* rows x columns of cells shaded by count */
} ts_chart_kind;

/* Output formats, combined as a bit set. */
#define TS_FORMAT_PNG 1u
#define TS_FORMAT_SVG 2u
#define TS_FORMAT_PDF 4u
#define TS_FORMAT_ALL 7u

/* Widths in millimetres: a journal's double and single column. */
#define TS_FIGURE_WIDTH_MM 180.0
#define TS_PANEL_WIDTH_MM 85.0

/*
 * One chart. Texts marked "constant" must pass the constant-text rule
 * (letters, digits, spaces and .,:;()/%+-=<> only) and go into the
 * script; texts marked "any" go only into the .dat file. Arrays are
 * borrowed.
 */
typedef struct ts_chart {
    const char *name;           /* file stem of a single-chart figure:
                                 * [a-z0-9_] only */
    const char *title;          /* constant; short */
    const char *nline;          /* constant: "n = 152 trials", or NULL */
    const char *note;           /* constant, under the plot, or NULL */
    const char *empty;          /* constant: drawn instead of the plot when
                                 * not NULL ("No conditions in this
                                 * export") */
    const char *axis;           /* constant: the count axis title */
    const char *xaxis;          /* constant: YEARS' x axis title */
    ts_chart_kind kind;
    size_t n;                   /* rows: bars, years or heatmap rows */
    const char *const *labels;  /* BARS, HEATMAP: row labels, any */
    const char *const *values;  /* BARS: text at each bar's end, any */
    const unsigned long *counts;/* BARS: n; YEARS, HEATMAP: n x nseries,
                                 * row by row */
    const unsigned *rgb;        /* BARS: 0xRRGGBB per bar, or NULL */
    const unsigned long *counts2;   /* PAIRS: the second bar of each row */
    const char *const *values2; /* PAIRS: text at the second bar's end */
    const int *years;           /* YEARS: the year of each row */
    size_t nseries;             /* YEARS: stacked series; HEATMAP:
                                 * columns */
    const char *const *series;  /* their labels, any */
    const unsigned *series_rgb; /* YEARS: a colour per series; PAIRS: the
                                 * two bars' colours */
    const unsigned char *mark;  /* HEATMAP: 1 marks a row, or NULL */
    const char *mark_label;     /* HEATMAP: constant, beside marked rows */
    size_t nlegend;             /* BARS, PAIRS: legend entries under the
                                 * plot */
    const char *const *legend;  /* any */
    const unsigned *legend_rgb;
} ts_chart;

/* Charts on one page. */
typedef struct ts_figure {
    const char *name;           /* file stem: [a-z0-9_] only */
    const char *title;          /* NULL, or passes plot_title_ok() */
    const char *subtitle;       /* any text (the user's own words: a
                                 * filter, compare's labels), drawn from
                                 * the .dat file under the title; or NULL */
    const char *caption;        /* constant, under the charts, or NULL */
    double width_mm;            /* page width */
    int letters;                /* 1: panel letters A, B, ... */
    unsigned formats;           /* TS_FORMAT_* bits to write; 0 = all */
    const ts_chart *const *charts;
    size_t n;
} ts_figure;

/*
 * Writes the figure's data to dat (NAME.dat) and its script to gp
 * (NAME.gp). The script reads only 'NAME.dat' and writes NAME.png,
 * NAME.svg and NAME.pdf in its own directory, so `gnuplot NAME.gp` there
 * rebuilds the figure. *height_mm (may be NULL) receives the page height.
 * TS_ERR_INTERNAL, before writing anything, if a text breaks the
 * constant-text rule.
 */
ts_status plot_write(const ts_figure *fig, FILE *dat, FILE *gp,
                     double *height_mm, ts_error *err);

/* 1 if a user's figure title is safe in a script: letters, digits,
 * spaces, .,:;()/%+-' and at most 120 characters. */
int plot_title_ok(const char *title);

/* "png", "svg" or "pdf" for one TS_FORMAT_* bit. */
const char *plot_format_ext(unsigned flag);

/* Writes one data-file label: quoted, with tabs, newlines and quotes made
 * harmless. Exposed for tests. */
void plot_put_label(FILE *dat, const char *label);

/*
 * Wraps label into at most max_lines lines no wider than width_mm at
 * size_pt, breaking at spaces (a word too long for a line is broken
 * inside); a label still too long ends its last line with "...". Writes
 * the lines to out joined by '\n' and returns how many there are.
 * Exposed for tests.
 */
size_t plot_wrap(const char *label, double width_mm, double size_pt,
                 size_t max_lines, char *out, size_t size);

/* The width in millimetres of text in DejaVu Sans at size_pt. */
double plot_text_mm(const char *text, double size_pt, int bold);

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

/*
 * A gnuplot run under way: one process renders a batch of scripts in
 * turn, so several batches can render at once and each process's start
 * (about 0.09 CPU s of loading libraries, as much as a small figure) is
 * paid once per batch. Between two scripts the process puts gnuplot's
 * SVG terminal back in the state a fresh process starts in (its line
 * width and colour carry over from one output to the next), so a script
 * renders the same bytes in a batch as alone; after each script it
 * prints a marker on standard error, so a failure names its script.
 */
typedef struct ts_render {
    const char *const *scripts; /* borrowed, n of them */
    size_t n;
    size_t done;                /* scripts rendered so far */
    pid_t pid;
    int fd;                     /* gnuplot's standard error */
} ts_render;

/* plot_render() of n scripts in one gnuplot, in two halves: start it,
 * then wait for it. Every started job must be finished. A failure names
 * the script gnuplot was on; the scripts before it were rendered. */
ts_status plot_render_start(const char *dir, const char *const *scripts,
                            size_t n, ts_render *job, ts_error *err);
ts_status plot_render_finish(ts_render *job, const char *dir,
                             long long epoch, ts_error *err);

/* Rewrites "/CreationDate (D:YYYYMMDDHHMMSSZ)" in the PDF at path to the
 * given time, in place and at the same length. Returns 1 if it did. */
int plot_pdf_set_date(const char *path, long long epoch);

/* gnuplot's SVG names a bold font "DejaVu Sans:Bold", which no browser
 * knows; rewrites it, in the SVG at path, as the family plus
 * font-weight="bold". Returns 1 if the file was read and written. */
int plot_svg_fix_bold(const char *path);

#endif
