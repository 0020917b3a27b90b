/*
 * plot.c - print-ready gnuplot figures: layout in millimetres, the .dat
 * and .gp files, and the gnuplot process (report stage).
 *
 * Every position is computed here, in millimetres on the page, and handed
 * to gnuplot as screen fractions, so a figure looks the same in PNG, SVG
 * and PDF and its text has the point size it says at the printed width.
 */
#include "report/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

/* Type sizes (points) and spacing (millimetres). */
#define PT_MM (25.4 / 72.0)
#define FONT_PT 6.5             /* labels, ticks, values, notes */
#define TITLE_PT 7.5            /* chart titles, bold */
#define LETTER_PT 10.0          /* panel letters, bold */
#define FIGTITLE_PT 9.0         /* the figure's title, bold */
#define LINE_MM (FONT_PT * PT_MM * 1.2)     /* one line of label text */
/* gnuplot sets the lines of a multi-line label 1.164 em apart and centres
 * the first on the label's position. */
#define LINE_ADV_MM (FONT_PT * PT_MM * 1.164)
#define BAR_MM 2.3              /* bar thickness, every chart */
#define PITCH_MM 3.3            /* row pitch of one-line labels */
#define CELL_PITCH_MM 4.0       /* heatmap row pitch, one-line labels */
#define AXIS_MM 6.6             /* tick labels and the axis title */
#define YEARS_PLOT_MM 28.0      /* height of a years chart's plot */
#define GUTTER_MM 6.0           /* between two charts of a row */
#define ROW_GAP_MM 2.5          /* between rows of charts */
#define LABEL_SHARE 0.50        /* most of a chart's width for labels */
#define MAX_LINES 3             /* lines of a wrapped label */

#define COLOR_TEXT "#222222"
#define COLOR_AXIS "#444444"
#define COLOR_GRID "#DDDDDD"
#define COLOR_MARK "#D55E00"    /* Okabe-Ito vermillion */
#define COLOR_EMPTY "#F2F2F2"
#define COLOR_ZERO 0xF2F2F2u    /* heatmap cell without trials */

#define FONT "DejaVu Sans"
#define FONT_BOLD "DejaVu Sans:Bold"

/*
 * Advance widths of printable ASCII (32-126) in DejaVu Sans and DejaVu
 * Sans Bold, in thousandths of an em, read from the fonts' hmtx tables by
 * scripts/font-widths.py. Other characters count as 0.62 em.
 */
static const unsigned short widths[2][95] = {
    {
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838,
        318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636,
        636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
        770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
        337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
        634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
        392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    },
    {
        348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838,
        380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696,
        696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
        830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
        733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
        365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
        712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
        478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
    },
};

/* pngcairo rounds glyph advances to whole pixels, which makes a line of
 * text up to 1.5% wider in the PNG than in the PDF (measured at 6.5 pt,
 * 300 dpi); widths are estimated with that slack so text fits both. */
#define RENDER_SLACK 1.025

static double text_em(const char *s, size_t n, int bold)
{
    double em = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 32 && c < 127)
            em += widths[bold ? 1 : 0][c - 32] / 1000.0;
        else if ((c & 0xC0) != 0x80)
            em += 0.62;
    }
    return em * RENDER_SLACK;
}

double plot_text_mm(const char *text, double size_pt, int bold)
{
    return text_em(text, strlen(text), bold) * size_pt * PT_MM;
}

/* Script text must come from us; refuse anything that could be gnuplot
 * syntax (quotes, backquotes, @, $, braces, backslash, newline). */
static int constant_ok(const char *s, int name)
{
    const char *p;

    if (!s || !*s)
        return 0;
    for (p = s; *p; p++) {
        char c = *p;

        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')
            continue;
        if (name)
            return 0;
        if ((c >= 'A' && c <= 'Z') || strchr(" .,:;()/%+-=<>", c))
            continue;
        return 0;
    }
    return 1;
}

/* An optional constant: NULL is fine. */
static int optional_ok(const char *s)
{
    return !s || constant_ok(s, 0);
}

int plot_title_ok(const char *title)
{
    const char *p;

    for (p = title; *p; p++)
        if (*p != '\'' && !strchr("=<>", *p) &&
            !constant_ok((char[]){*p, '\0'}, 0))
            return 0;
    return strlen(title) <= 120;
}

/* One character of a data-file label, made harmless. */
static void put_label_char(FILE *dat, char c)
{
    if (c == '"')
        c = '\'';
    else if (c == '\t' || c == '\n' || c == '\r' || c == '\\')
        c = ' ';
    fputc(c, dat);
}

void plot_put_label(FILE *dat, const char *label)
{
    fputc('"', dat);
    for (; *label; label++)
        put_label_char(dat, *label);
    fputc('"', dat);
}

/* A wrapped label: its lines (joined by '\n') become gnuplot's "\n"
 * escape, which starts a new line in data-file strings. */
static void put_lines(FILE *dat, const char *lines)
{
    fputc('"', dat);
    for (; *lines; lines++) {
        if (*lines == '\n')
            fputs("\\n", dat);
        else
            put_label_char(dat, *lines);
    }
    fputc('"', dat);
}

/* Appends s[0..n) to out[*o..size), keeping it NUL-terminated. */
static void append(char *out, size_t size, size_t *o, const char *s,
                   size_t n)
{
    if (*o + n >= size)
        n = *o + 1 < size ? size - *o - 1 : 0;
    memcpy(out + *o, s, n);
    *o += n;
    out[*o] = '\0';
}

/* Length of the UTF-8 character at s. */
static size_t char_len(const char *s)
{
    size_t n = 1;

    while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
        n++;
    return n;
}

size_t plot_wrap(const char *label, double width_mm, double size_pt,
                 size_t max_lines, char *out, size_t size)
{
    double scale = size_pt * PT_MM, dots = text_em("...", 3, 0) * scale;
    const char *p = label;
    size_t o = 0, lines = 1;
    double used = 0;

    out[0] = '\0';
    while (*p == ' ')
        p++;
    while (*p) {
        const char *w = p;
        size_t n;
        double ww, space = o && out[o - 1] != '\n' ? text_em(" ", 1, 0) *
                                                         scale
                                                   : 0;

        while (*w && *w != ' ')
            w++;
        n = (size_t)(w - p);
        ww = text_em(p, n, 0) * scale;
        if (used + space + ww <= width_mm || used == 0) {
            if (used + space + ww > width_mm) {
                /* A word longer than a line: as much as fits. */
                size_t k = 0;

                while (k < n && used + text_em(p, k + char_len(p + k), 0) *
                                           scale <= width_mm)
                    k += char_len(p + k);
                if (k == 0)
                    k = char_len(p);
                n = k;
                w = p + k;
                ww = text_em(p, n, 0) * scale;
            }
            if (space > 0) {
                append(out, size, &o, " ", 1);
                used += space;
            }
            append(out, size, &o, p, n);
            used += ww;
            p = w;
            while (*p == ' ')
                p++;
            continue;
        }
        if (lines == max_lines) {
            /* No room left: end the last line with "...". */
            while (o > 0 && out[o - 1] != '\n' && used + dots > width_mm) {
                size_t k = o - 1;

                while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80)
                    k--;
                used -= text_em(out + k, o - k, 0) * scale;
                o = k;
            }
            while (o > 0 && out[o - 1] == ' ')
                o--;
            out[o] = '\0';
            append(out, size, &o, "...", 3);
            return lines;
        }
        append(out, size, &o, "\n", 1);
        lines++;
        used = 0;
    }
    return lines;
}

/* ---- layout ---------------------------------------------------------- */

/* A nice step for a count axis from 0 to max with at most `ticks` steps:
 * 1, 2 or 5 times a power of ten, never below 1 (counts are whole). */
static unsigned long nice_step(unsigned long max, unsigned long ticks)
{
    unsigned long base = 1;

    for (;;) {
        static const unsigned long m[] = {1, 2, 5};
        size_t i;

        for (i = 0; i < 3; i++)
            if (max <= base * m[i] * ticks)
                return base * m[i];
        base *= 10;
    }
}

/* Where one chart's parts go, in millimetres from its top-left corner. */
typedef struct layout {
    const ts_chart *c;
    double w;                   /* the chart's width */
    double h;                   /* the height it needs */
    double plot_top;            /* top of the plot area */
    double plot_h;              /* height of the plot area */
    double plot_left;           /* from the chart's left edge */
    double plot_w;
    double label_w;             /* BARS, HEATMAP: row label column */
    double cell_w;              /* HEATMAP */
    double colhead_h;           /* HEATMAP: column labels above the rows */
    int rotated;                /* HEATMAP: column labels turned upright,
                                 * as a word of one is wider than a cell */
    double *y;                  /* owned: row centres from plot_top */
    double *pitch;              /* owned: row heights */
    char **lines;               /* owned: wrapped row labels */
    char **collines;            /* owned: HEATMAP wrapped column labels */
    unsigned long axis_max;     /* count axis: 0..axis_max */
    unsigned long axis_step;
    int year_min, year_max, year_step;
    double note_top;            /* note lines */
    char note[600];             /* the wrapped note */
    size_t note_lines;
    double legend_top;          /* legend band */
    size_t nlegend;             /* entries shown */
    const char **legend;        /* owned array of borrowed labels */
    const unsigned *legend_rgb; /* borrowed, or own_rgb */
    unsigned *own_rgb;          /* owned: YEARS series colours shown */
    double *legend_x;           /* owned: entry positions in the band */
    double *legend_y;
} layout;

static void layout_free(layout *l)
{
    size_t i;

    if (l->lines)
        for (i = 0; i < l->c->n; i++)
            free(l->lines[i]);
    if (l->collines)
        for (i = 0; i < l->c->nseries; i++)
            free(l->collines[i]);
    free(l->lines);
    free(l->collines);
    free(l->y);
    free(l->pitch);
    free(l->legend_x);
    free(l->legend_y);
    free(l->legend);
    free(l->own_rgb);
}

#define HEADER_MM 7.0           /* title line and n line */
#define TITLE_Y_MM 1.9          /* centre of the title line */
#define NLINE_Y_MM 4.9          /* centre of the n line */
#define LETTER_W_MM 5.0         /* room for a panel letter */
#define EMPTY_MM 16.0           /* the box of an empty chart */

static double header_mm(const ts_chart *c)
{
    return c->nline ? HEADER_MM : HEADER_MM - 3.0;
}

/* Wraps the row labels into l->lines with at most width_mm a line, and
 * sets each row's pitch and centre. Returns the total height. */
static double wrap_rows(layout *l, double width_mm, double min_pitch)
{
    const ts_chart *c = l->c;
    double y = 0;
    size_t i;

    l->lines = xcalloc(c->n ? c->n : 1, sizeof(char *));
    l->y = xcalloc(c->n ? c->n : 1, sizeof(double));
    l->pitch = xcalloc(c->n ? c->n : 1, sizeof(double));
    for (i = 0; i < c->n; i++) {
        char buf[1024];
        size_t k = plot_wrap(c->labels[i], width_mm, FONT_PT, MAX_LINES, buf,
                             sizeof(buf));
        double p = (double)k * LINE_ADV_MM + 0.7;

        l->lines[i] = xstrdup(buf);
        l->pitch[i] = p > min_pitch ? p : min_pitch;
        l->y[i] = y + l->pitch[i] / 2;
        y += l->pitch[i];
    }
    return y;
}

/* The widest line of the labels, capped. */
static double widest_label(const ts_chart *c, double cap)
{
    double w = 0;
    size_t i;

    for (i = 0; i < c->n; i++) {
        double x = plot_text_mm(c->labels[i], FONT_PT, 0);

        if (x > w)
            w = x;
    }
    return w < cap ? w : cap;
}

/* Lays the legend entries out in rows under the plot; returns the band's
 * height. */
static double place_legend(layout *l, size_t n,
                           const char *const *labels, const unsigned *rgb)
{
    double x = 0, y = LINE_MM / 2, rows = 0;
    size_t i;

    l->nlegend = n;
    l->legend_x = xcalloc(n ? n : 1, sizeof(double));
    l->legend_y = xcalloc(n ? n : 1, sizeof(double));
    l->legend = xcalloc(n ? n : 1, sizeof(char *));
    for (i = 0; i < n; i++) {
        double w = 2.2 + 1.0 + plot_text_mm(labels[i], FONT_PT, 0) + 3.0;

        if (x > 0 && x + w > l->w) {
            x = 0;
            y += LINE_MM + 0.5;
        }
        if (i == 0)
            rows = 1;
        else if (x == 0)
            rows++;
        l->legend[i] = labels[i];
        l->legend_x[i] = x;
        l->legend_y[i] = y;
        x += w;
    }
    l->legend_rgb = rgb;
    return rows * (LINE_MM + 0.5);
}

/* The note under the plot, wrapped to the chart's width. */
static double place_note(layout *l)
{
    if (!l->c->note)
        return 0;
    l->note_lines = plot_wrap(l->c->note, l->w, FONT_PT, 4, l->note,
                              sizeof(l->note));
    return (double)l->note_lines * LINE_MM + 0.6;
}

static void layout_bars(layout *l)
{
    const ts_chart *c = l->c;
    double value_w = 0, label_w;
    unsigned long max = 0;
    size_t i;

    int pairs = c->kind == TS_CHART_PAIRS;

    for (i = 0; i < c->n; i++) {
        double v = plot_text_mm(c->values[i], FONT_PT, 0);

        if (v > value_w)
            value_w = v;
        if (c->counts[i] > max)
            max = c->counts[i];
        if (pairs) {
            v = plot_text_mm(c->values2[i], FONT_PT, 0);
            if (v > value_w)
                value_w = v;
            if (c->counts2[i] > max)
                max = c->counts2[i];
        }
    }
    label_w = widest_label(c, l->w * LABEL_SHARE);
    l->label_w = label_w;
    l->plot_top = header_mm(c) + 1.0;
    /* Pairs: two bars of the one thickness, a little apart. */
    l->plot_h = wrap_rows(l, label_w, pairs ? 2 * BAR_MM + 1.6 : PITCH_MM);
    l->plot_left = label_w + 1.6;
    l->plot_w = l->w - l->plot_left - value_w - 1.8;
    l->axis_step = nice_step(max ? max : 1, l->plot_w > 40 ? 5 : 3);
    l->axis_max = (max + l->axis_step - 1) / l->axis_step * l->axis_step;
    if (l->axis_max == 0)
        l->axis_max = l->axis_step;
    l->note_top = l->plot_top + l->plot_h + AXIS_MM;
    l->legend_top = l->note_top + place_note(l);
    l->h = l->legend_top +
           place_legend(l, c->nlegend, c->legend, c->legend_rgb) + 1.0;
}

static void layout_years(layout *l)
{
    const ts_chart *c = l->c;
    unsigned long max = 0;
    static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
    size_t i, k, shown = 0;
    double ylabels;
    int span;

    for (i = 0; i < c->n; i++) {
        unsigned long sum = 0;

        for (k = 0; k < c->nseries; k++)
            sum += c->counts[i * c->nseries + k];
        if (sum > max)
            max = sum;
    }
    l->year_min = c->n ? c->years[0] : 2000;
    l->year_max = c->n ? c->years[c->n - 1] : 2000;
    l->axis_step = nice_step(max ? max : 1, 4);
    l->axis_max = (max + l->axis_step - 1) / l->axis_step * l->axis_step;
    if (l->axis_max == 0)
        l->axis_max = l->axis_step;
    {
        char buf[32];

        snprintf(buf, sizeof(buf), "%lu", l->axis_max);
        ylabels = plot_text_mm(buf, FONT_PT, 0);
    }
    l->plot_top = header_mm(c) + 1.5;
    l->plot_h = YEARS_PLOT_MM;
    l->plot_left = ylabels + LINE_MM + 2.4;
    l->plot_w = l->w - l->plot_left - 2.0;
    span = l->year_max - l->year_min + 1;
    l->year_step = 100;
    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        double per = l->plot_w / ((double)span / steps[i]);

        if (per >= 8.5) {
            l->year_step = steps[i];
            break;
        }
    }
    /* The legend lists the series that have trials. */
    {
        unsigned *rgb = xcalloc(c->nseries ? c->nseries : 1,
                                sizeof(unsigned));
        const char **labels = xcalloc(c->nseries ? c->nseries : 1,
                                      sizeof(char *));

        for (k = 0; k < c->nseries; k++) {
            unsigned long sum = 0;

            for (i = 0; i < c->n; i++)
                sum += c->counts[i * c->nseries + k];
            if (sum) {
                labels[shown] = c->series[k];
                rgb[shown++] = c->series_rgb[k];
            }
        }
        l->note_top = l->plot_top + l->plot_h + AXIS_MM;
        l->legend_top = l->note_top + place_note(l);
        l->h = l->legend_top + place_legend(l, shown, labels, rgb) + 1.0;
        l->own_rgb = rgb;
        free(labels);
    }
}

static void layout_heatmap(layout *l)
{
    const ts_chart *c = l->c;
    double mark_w = c->mark_label ? plot_text_mm(c->mark_label, FONT_PT, 0)
                                      + 2.0
                                  : 0;
    double label_w = widest_label(c, l->w * 0.4);
    size_t k, lines = 1;

    double word = 0;

    /* Cells as wide as the longest word of a column heading, the label
     * column giving way down to 22% of the width; headings turn upright
     * when even that is not enough. */
    for (k = 0; k < c->nseries; k++) {
        const char *s = c->series[k];

        while (*s) {
            size_t n = strcspn(s, " ");
            double w = text_em(s, n, 0) * FONT_PT * PT_MM + 0.5;

            if (w > word)
                word = w;
            s += n;
            s += strspn(s, " ");
        }
    }
    if (word < 5.0)
        word = 5.0;
    if (c->nseries &&
        l->w - label_w - 1.6 - mark_w - 1.0 < word * (double)c->nseries) {
        label_w = l->w - 1.6 - mark_w - 1.0 - word * (double)c->nseries;
        if (label_w < l->w * 0.22)
            label_w = l->w * 0.22;
    }
    l->label_w = label_w;
    l->plot_left = label_w + 1.6;
    l->cell_w = c->nseries ? (l->w - l->plot_left - mark_w - 1.0) /
                                 (double)c->nseries
                           : 10;
    if (l->cell_w > 11.0)
        l->cell_w = 11.0;
    l->plot_w = l->cell_w * (double)c->nseries + mark_w;
    l->collines = xcalloc(c->nseries ? c->nseries : 1, sizeof(char *));
    l->rotated = word > l->cell_w;
    l->colhead_h = 0;
    for (k = 0; k < c->nseries; k++) {
        char buf[256];
        size_t m;

        if (l->rotated) {
            /* Upright, one line each; the band is the longest one. */
            double w = plot_text_mm(c->series[k], FONT_PT, 0) + 1.2;

            m = plot_wrap(c->series[k], 30.0, FONT_PT, 1, buf, sizeof(buf));
            if (w > l->colhead_h)
                l->colhead_h = w > 31.2 ? 31.2 : w;
        } else {
            m = plot_wrap(c->series[k], l->cell_w - 0.6, FONT_PT, 2, buf,
                          sizeof(buf));
        }
        l->collines[k] = xstrdup(buf);
        if (m > lines)
            lines = m;
    }
    if (!l->rotated)
        l->colhead_h = (double)lines * LINE_MM + 1.0;
    l->plot_top = header_mm(c) + 0.8 + l->colhead_h;
    l->plot_h = wrap_rows(l, label_w, CELL_PITCH_MM);
    l->note_top = l->plot_top + l->plot_h + 1.2;
    l->legend_top = l->note_top + place_note(l);
    l->h = l->legend_top + 1.0;
}

static void layout_chart(layout *l, const ts_chart *c, double w)
{
    memset(l, 0, sizeof(*l));
    l->c = c;
    l->w = w;
    if (c->empty) {
        l->plot_top = header_mm(c) + 1.0;
        l->plot_h = EMPTY_MM;
        l->h = l->plot_top + l->plot_h + 1.0;
        return;
    }
    switch (c->kind) {
    case TS_CHART_BARS:
    case TS_CHART_PAIRS:
        layout_bars(l);
        break;
    case TS_CHART_YEARS:
        layout_years(l);
        break;
    case TS_CHART_HEATMAP:
        layout_heatmap(l);
        break;
    }
}

/* ---- writing --------------------------------------------------------- */

/* The page and where a chart sits on it. */
typedef struct page {
    double w, h;                /* millimetres */
    FILE *gp;
    FILE *dat;
    const char *dat_name;       /* NAME.dat */
    int block;                  /* next data block index */
} page;

static double sx(const page *p, double x)
{
    return x / p->w;
}

static double sy(const page *p, double y)
{
    return 1.0 - y / p->h;
}

/* Ends a data block; gnuplot's `index` counts blocks separated by two
 * blank lines. Returns the block's index. */
static int end_block(page *p)
{
    fputs("\n\n", p->dat);
    return p->block++;
}

static void put_rgb(FILE *dat, unsigned rgb)
{
    fprintf(dat, "\t%u", rgb & 0xFFFFFFu);
}

/* Margins that make the plot area the rectangle (x, y, w, h) in mm. */
static void set_area(page *p, double x, double y, double w, double h)
{
    fprintf(p->gp, "set lmargin at screen %.5f\n", sx(p, x));
    fprintf(p->gp, "set rmargin at screen %.5f\n", sx(p, x + w));
    fprintf(p->gp, "set tmargin at screen %.5f\n", sy(p, y));
    fprintf(p->gp, "set bmargin at screen %.5f\n", sy(p, y + h));
}

/* What every chart starts from. */
static void write_style(page *p)
{
    fputs("reset\n"
          "set datafile separator tab\n"
          "set datafile commentschars '#'\n"
          "unset key\n"
          "set tics textcolor rgb '" COLOR_TEXT "'\n"
          "set border lw 0.7 lc rgb '" COLOR_AXIS "'\n"
          "set style fill solid 1.0 noborder\n",
          p->gp);
}

/* Letter, title and n line at the chart's top-left corner. */
static void write_header(page *p, const ts_chart *c, double x0, double y0,
                         char letter)
{
    double tx = x0 + (letter ? LETTER_W_MM : 0);

    if (letter)
        fprintf(p->gp, "set label '%c' at screen %.5f,%.5f left font '"
                       FONT_BOLD ",%g' textcolor rgb '#000000'\n",
                letter, sx(p, x0), sy(p, y0 + TITLE_Y_MM - 0.3), LETTER_PT);
    fprintf(p->gp, "set label '%s' at screen %.5f,%.5f left font '"
                   FONT_BOLD ",%g' textcolor rgb '#000000'\n",
            c->title, sx(p, tx), sy(p, y0 + TITLE_Y_MM), TITLE_PT);
    if (c->nline)
        fprintf(p->gp, "set label '%s' at screen %.5f,%.5f left textcolor "
                       "rgb '" COLOR_TEXT "'\n",
                c->nline, sx(p, tx), sy(p, y0 + NLINE_Y_MM));
}

/* Where to put a wrapped label so that its lines centre on y. */
static double centred(const char *lines, double y)
{
    size_t k = 0;

    for (; *lines; lines++)
        k += *lines == '\n';
    return y - (double)k * LINE_ADV_MM / 2;
}

/* The wrapped note as one label per line. */
static void write_note(page *p, const layout *l, double x0, double y0)
{
    const char *s = l->note;
    double y = y0 + l->note_top + LINE_MM / 2;

    while (l->note_lines && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);

        fprintf(p->gp, "set label '%.*s' at screen %.5f,%.5f left textcolor "
                       "rgb '" COLOR_TEXT "'\n",
                (int)n, s, sx(p, x0), sy(p, y));
        y += LINE_MM;
        s += n + (nl ? 1 : 0);
    }
}

/* The legend band: a plot in millimetre coordinates over the band. */
static void write_legend(page *p, const layout *l, double x0, double y0)
{
    double top = y0 + l->legend_top, h = 0;
    size_t i;
    int b;

    if (!l->nlegend)
        return;
    for (i = 0; i < l->nlegend; i++) {
        fprintf(p->dat, "%.2f\t%.2f\t", l->legend_x[i], l->legend_y[i]);
        plot_put_label(p->dat, l->legend[i]);
        put_rgb(p->dat, l->legend_rgb[i]);
        fputc('\n', p->dat);
        if (l->legend_y[i] > h)
            h = l->legend_y[i];
    }
    h += LINE_MM / 2 + 0.5;
    b = end_block(p);
    write_style(p);
    set_area(p, x0, top, l->w, h);
    fprintf(p->gp, "set xrange [0:%.2f]\nset yrange [%.2f:0]\n"
                   "unset border\nunset tics\n",
            l->w, h);
    fprintf(p->gp,
            "plot '%s' index %d using ($1+1.1):2:(1.1):(1.1):4 with "
            "boxxyerror lc rgb variable, \\\n"
            "     '' index %d using ($1+2.9):2:3 with labels left "
            "textcolor rgb '" COLOR_TEXT "'\n",
            p->dat_name, b, b);
}

/* An empty chart: its header and the message in a light box. */
static void write_empty(page *p, const layout *l, double x0, double y0)
{
    const ts_chart *c = l->c;
    double top = y0 + l->plot_top;

    fprintf(p->gp, "set object 1 rectangle from screen %.5f,%.5f to screen "
                   "%.5f,%.5f fillcolor rgb '" COLOR_EMPTY "' fillstyle "
                   "solid 1.0 noborder behind\n",
            sx(p, x0), sy(p, top), sx(p, x0 + l->w), sy(p, top + l->plot_h));
    fprintf(p->gp, "set label '%s' at screen %.5f,%.5f center textcolor "
                   "rgb '" COLOR_TEXT "'\n",
            c->empty, sx(p, x0 + l->w / 2), sy(p, top + l->plot_h / 2));
    set_area(p, x0, top, l->w, l->plot_h);
    fputs("unset border\nunset tics\n"
          "plot [0:1][0:1] NaN notitle\n",
          p->gp);
}

static void write_bars(page *p, const layout *l, double x0, double y0)
{
    const ts_chart *c = l->c;
    size_t i;
    int b;

    int pairs = c->kind == TS_CHART_PAIRS;
    double off = pairs ? BAR_MM / 2 + 0.2 : 0;

    /* y, count, label, value, colour, label y; for pairs also the second
     * bar's count, value, colour, and both bars' y. */
    for (i = 0; i < c->n; i++) {
        fprintf(p->dat, "%.3f\t%lu\t", l->y[i], c->counts[i]);
        put_lines(p->dat, l->lines[i]);
        fputc('\t', p->dat);
        plot_put_label(p->dat, c->values[i]);
        put_rgb(p->dat, pairs && c->series_rgb ? c->series_rgb[0]
                        : c->rgb            ? c->rgb[i]
                                            : 0x0072B2u);
        fprintf(p->dat, "\t%.3f", centred(l->lines[i], l->y[i]));
        if (pairs) {
            fprintf(p->dat, "\t%lu\t", c->counts2[i]);
            plot_put_label(p->dat, c->values2[i]);
            put_rgb(p->dat, c->series_rgb ? c->series_rgb[1] : 0xE69F00u);
            fprintf(p->dat, "\t%.3f\t%.3f", l->y[i] - off, l->y[i] + off);
        }
        fputc('\n', p->dat);
    }
    b = end_block(p);
    set_area(p, x0 + l->plot_left, y0 + l->plot_top, l->plot_w, l->plot_h);
    fprintf(p->gp, "set xrange [0:%lu]\nset yrange [%.3f:0]\n", l->axis_max,
            l->plot_h);
    fprintf(p->gp, "set xtics 0,%lu,%lu out nomirror scale 0.5,0 offset 0,0.4 "
                   "format '%%.0f'\n",
            l->axis_step, l->axis_max);
    fputs("unset ytics\nset border 3\n"
          "set grid xtics back lw 0.5 lc rgb '" COLOR_GRID "'\n",
          p->gp);
    fprintf(p->gp, "set xlabel '%s' offset 0,1.0 textcolor rgb '"
                   COLOR_TEXT "'\n",
            c->axis ? c->axis : "Trials");
    if (pairs) {
        fprintf(p->gp,
                "plot '%s' index %d using ($2/2.0):10:($2/2.0):(%.3f):5 "
                "with boxxyerror lc rgb variable, \\\n"
                "     '' index %d using ($7/2.0):11:($7/2.0):(%.3f):9 with "
                "boxxyerror lc rgb variable, \\\n"
                "     '' index %d using (0):6:3 with labels right offset "
                "-0.5,0 textcolor rgb '" COLOR_TEXT "', \\\n"
                "     '' index %d using 2:10:4 with labels left offset 0.4,0 "
                "textcolor rgb '" COLOR_TEXT "', \\\n"
                "     '' index %d using 7:11:8 with labels left offset 0.4,0 "
                "textcolor rgb '" COLOR_TEXT "'\n",
                p->dat_name, b, BAR_MM / 2, b, BAR_MM / 2, b, b, b);
        return;
    }
    fprintf(p->gp,
            "plot '%s' index %d using ($2/2.0):1:($2/2.0):(%.3f):5 with "
            "boxxyerror lc rgb variable, \\\n"
            "     '' index %d using (0):6:3 with labels right offset "
            "-0.5,0 textcolor rgb '" COLOR_TEXT "', \\\n"
            "     '' index %d using 2:1:4 with labels left offset 0.4,0 "
            "textcolor rgb '" COLOR_TEXT "'\n",
            p->dat_name, b, BAR_MM / 2, b, b);
}

static void write_years(page *p, const layout *l, double x0, double y0)
{
    const ts_chart *c = l->c;
    size_t i, k;
    int b, first;

    for (i = 0; i < c->n; i++) {
        unsigned long low = 0;

        for (k = 0; k < c->nseries; k++) {
            unsigned long v = c->counts[i * c->nseries + k];

            if (!v)
                continue;
            fprintf(p->dat, "%d\t%lu\t%lu", c->years[i], low, low + v);
            put_rgb(p->dat, c->series_rgb[k]);
            fputc('\n', p->dat);
            low += v;
        }
    }
    b = end_block(p);
    set_area(p, x0 + l->plot_left, y0 + l->plot_top, l->plot_w, l->plot_h);
    fprintf(p->gp, "set xrange [%.1f:%.1f]\nset yrange [0:%lu]\n",
            l->year_min - 0.7, l->year_max + 0.7, l->axis_max);
    first = (l->year_min + l->year_step - 1) / l->year_step * l->year_step;
    fprintf(p->gp, "set xtics %d,%d out nomirror scale 0.5,0.3 offset 0,0.4 "
                   "format '%%.0f'\n",
            first, l->year_step);
    if (l->year_step > 1 && l->year_step <= 10)
        fprintf(p->gp, "set mxtics %d\n", l->year_step);
    fprintf(p->gp, "set ytics 0,%lu,%lu out nomirror scale 0.5,0 "
                   "format '%%.0f'\n",
            l->axis_step, l->axis_max);
    fputs("set border 3\n"
          "set grid ytics back lw 0.5 lc rgb '" COLOR_GRID "'\n",
          p->gp);
    fprintf(p->gp, "set ylabel '%s' textcolor rgb '" COLOR_TEXT
                   "'\n",
            c->axis ? c->axis : "Trials");
    if (c->xaxis)
        fprintf(p->gp, "set xlabel '%s' offset 0,1.0 textcolor rgb '"
                       COLOR_TEXT "'\n",
                c->xaxis);
    if (c->n)
        fprintf(p->gp,
                "plot '%s' index %d using 1:(($2+$3)/2.0):(0.4):(($3-$2)/"
                "2.0):4 with boxxyerror fillstyle solid 1.0 border lc rgb "
                "'#FFFFFF' lw 0.3 lc rgb variable\n",
                p->dat_name, b);
    else
        fputs("plot NaN notitle\n", p->gp);
}

/* A sequential blue ramp for heatmap cells, light to dark; t in 0..1. */
static unsigned ramp(double t)
{
    static const unsigned stops[] = {0xDEEBF7u, 0x9ECAE1u, 0x4292C6u,
                                     0x08519Cu, 0x08306Bu};
    double pos = t * 4;
    size_t i = pos >= 4 ? 3 : (size_t)pos;
    double f = pos - (double)i;
    unsigned a = stops[i], z = stops[i + 1], out = 0;
    int sh;

    for (sh = 16; sh >= 0; sh -= 8) {
        double ca = (a >> sh) & 0xFF, cz = (z >> sh) & 0xFF;

        out |= (unsigned)(ca + (cz - ca) * f + 0.5) << sh;
    }
    return out;
}

static void write_heatmap(page *p, const layout *l, double x0, double y0)
{
    const ts_chart *c = l->c;
    unsigned long max = 1;
    size_t i, k;
    int cells, rows, cols, marks = -1;

    for (i = 0; i < c->n * c->nseries; i++)
        if (c->counts[i] > max)
            max = c->counts[i];
    for (i = 0; i < c->n; i++)
        for (k = 0; k < c->nseries; k++) {
            unsigned long v = c->counts[i * c->nseries + k];
            double t = v ? sqrt((double)v / (double)max) : 0;

            fprintf(p->dat, "%.3f\t%.3f\t%.3f\t%.3f", l->cell_w * (k + 0.5),
                    l->y[i], l->cell_w / 2 - 0.2, l->pitch[i] / 2 - 0.2);
            put_rgb(p->dat, v ? ramp(t) : COLOR_ZERO);
            if (v)
                fprintf(p->dat, "\t\"%lu\"", v);
            else
                fputs("\t\"\"", p->dat);
            put_rgb(p->dat, t > 0.55 ? 0xFFFFFFu : 0x222222u);
            fputc('\n', p->dat);
        }
    cells = end_block(p);
    for (i = 0; i < c->n; i++) {
        fprintf(p->dat, "%.3f\t", centred(l->lines[i], l->y[i]));
        put_lines(p->dat, l->lines[i]);
        fputc('\n', p->dat);
    }
    rows = end_block(p);
    for (k = 0; k < c->nseries; k++) {
        fprintf(p->dat, "%.3f\t%.3f\t", l->cell_w * (k + 0.5),
                l->rotated ? -0.6
                           : centred(l->collines[k], -l->colhead_h / 2));
        put_lines(p->dat, l->collines[k]);
        fputc('\n', p->dat);
    }
    cols = end_block(p);
    if (c->mark && c->mark_label) {
        size_t m = 0;

        for (i = 0; i < c->n; i++)
            if (c->mark[i]) {
                fprintf(p->dat, "%.3f\t%.3f\t", l->cell_w * c->nseries + 1.0,
                        l->y[i]);
                plot_put_label(p->dat, c->mark_label);
                fputc('\n', p->dat);
                m++;
            }
        if (m)
            marks = end_block(p);
    }
    set_area(p, x0 + l->plot_left, y0 + l->plot_top - l->colhead_h,
             l->plot_w, l->plot_h + l->colhead_h);
    fprintf(p->gp, "set xrange [0:%.3f]\nset yrange [%.3f:%.3f]\n"
                   "unset border\nunset tics\n",
            l->plot_w, l->plot_h, -l->colhead_h);
    fprintf(p->gp,
            "plot '%s' index %d using 1:2:3:4:5 with boxxyerror lc rgb "
            "variable, \\\n"
            "     '' index %d using 1:2:6:7 with labels center textcolor "
            "rgb variable, \\\n"
            "     '' index %d using (0):1:2 with labels right offset "
            "-0.5,0 textcolor rgb '" COLOR_TEXT "', \\\n"
            "     '' index %d using 1:2:3 with labels %s textcolor rgb '"
            COLOR_TEXT "'",
            p->dat_name, cells, cells, rows, cols,
            l->rotated ? "rotate by 90 left" : "center");
    if (marks >= 0)
        fprintf(p->gp, ", \\\n     '' index %d using 1:2:3 with labels left "
                       "font '" FONT_BOLD ",%g' textcolor rgb '" COLOR_MARK
                       "'",
                marks, FONT_PT);
    fputc('\n', p->gp);
}

/* One chart at (x0, y0) on the page. */
static void write_chart(page *p, const layout *l, double x0, double y0,
                        char letter)
{
    fprintf(p->gp, "# %s\n", l->c->title);
    write_style(p);
    write_header(p, l->c, x0, y0, letter);
    if (l->c->empty) {
        write_empty(p, l, x0, y0);
        return;
    }
    if (l->c->note)
        write_note(p, l, x0, y0);
    switch (l->c->kind) {
    case TS_CHART_BARS:
    case TS_CHART_PAIRS:
        write_bars(p, l, x0, y0);
        break;
    case TS_CHART_YEARS:
        write_years(p, l, x0, y0);
        break;
    case TS_CHART_HEATMAP:
        write_heatmap(p, l, x0, y0);
        break;
    }
    write_legend(p, l, x0, y0);
}

static const struct {
    unsigned flag;
    const char *ext;
    const char *terminal;       /* gnuplot terminal */
    double per_mm;              /* size unit per millimetre */
    const char *unit;           /* size unit suffix */
    double fontscale;           /* makes a nominal N pt font N pt here */
    double linewidth;           /* makes lw 1 half a point */
} formats[] = {
    /* pngcairo: 300 dpi; its fonts come out at 96/72 of nominal at
     * fontscale 1, so 300/96. Measured with pdftotext -bbox (PDF) and
     * against the PDF rasterized at 300 dpi (PNG). */
    {TS_FORMAT_PNG, "png", "pngcairo", 300 / 25.4, "", 3.125, 2.0833},
    {TS_FORMAT_SVG, "svg", "svg", 96 / 25.4, "", 96 / 72.0, 0.6667},
    {TS_FORMAT_PDF, "pdf", "pdfcairo", 0.1, "cm", 0.75, 1.0},
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const char *plot_format_ext(unsigned flag)
{
    size_t f;

    for (f = 0; f < NFORMATS; f++)
        if (formats[f].flag == flag)
            return formats[f].ext;
    return "";
}

/* Every constant text of a chart checked before anything is written. */
static int chart_ok(const ts_chart *c, int single)
{
    return (!single || constant_ok(c->name, 1)) &&
           constant_ok(c->title, 0) && optional_ok(c->nline) &&
           optional_ok(c->note) && optional_ok(c->empty) &&
           optional_ok(c->axis) && optional_ok(c->xaxis) &&
           optional_ok(c->mark_label);
}

/* The figure's title, with '' for each quote. */
static void put_title(FILE *gp, const char *title)
{
    for (; *title; title++) {
        if (*title == '\'')
            fputc('\'', gp);
        fputc(*title, gp);
    }
}

ts_status plot_write(const ts_figure *fig, FILE *dat, FILE *gp,
                     double *height_mm, ts_error *err)
{
    unsigned fmts = fig->formats ? fig->formats : TS_FORMAT_ALL;
    size_t i, f, cols = fig->n >= 2 && fig->width_mm >= 120 ? 2 : 1;
    double colw = (fig->width_mm - GUTTER_MM * (double)(cols - 1)) /
                  (double)cols;
    double top = fig->title ? 6.0 : 0.5, y, height, sub_top = top;
    layout *l;
    double *row_y;
    char caption[1200], subtitle[1200];
    size_t caption_lines = 0, sub_lines = 0;
    page p;
    char name_dat[96];

    if (!constant_ok(fig->name, 1) || (fig->title && !plot_title_ok(fig->title))
        || !optional_ok(fig->caption) || fig->n == 0)
        return ts_error_set(err, TS_ERR_INTERNAL, NULL, 0, 0,
                            "figure text outside the constant-text rule");
    for (i = 0; i < fig->n; i++)
        if (!chart_ok(fig->charts[i], fig->n == 1))
            return ts_error_set(err, TS_ERR_INTERNAL, NULL, 0, 0,
                                "chart text outside the constant-text rule");
    if (fig->subtitle && fig->subtitle[0]) {
        sub_lines = plot_wrap(fig->subtitle, fig->width_mm, FONT_PT, 3,
                              subtitle, sizeof(subtitle));
        top += (double)sub_lines * LINE_MM + 1.0;
    }
    l = xcalloc(fig->n, sizeof(layout));
    row_y = xcalloc(fig->n, sizeof(double));
    for (i = 0; i < fig->n; i++)
        layout_chart(&l[i], fig->charts[i], colw);
    y = top;
    for (i = 0; i < fig->n; i += cols) {
        double h = l[i].h;

        if (cols == 2 && i + 1 < fig->n && l[i + 1].h > h)
            h = l[i + 1].h;
        row_y[i] = y;
        if (i + 1 < fig->n)
            row_y[i + 1] = y;
        y += h + ROW_GAP_MM;
    }
    y -= ROW_GAP_MM;
    if (fig->caption) {
        caption_lines = plot_wrap(fig->caption, fig->width_mm, FONT_PT, 6,
                                  caption, sizeof(caption));
        y += 1.5 + (double)caption_lines * LINE_MM;
    }
    height = y + 1.0;
    if (height_mm)
        *height_mm = height;

    snprintf(name_dat, sizeof(name_dat), "%s.dat", fig->name);
    memset(&p, 0, sizeof(p));
    p.w = fig->width_mm;
    p.h = height;
    p.dat = dat;
    p.gp = gp;
    p.dat_name = name_dat;
    fprintf(dat, "# trialscape figure data for %s.gp: blocks of "
                 "tab-separated rows, two blank lines apart\n",
            fig->name);
    fprintf(gp, "# trialscape figure %s: %.0f x %.0f mm\n", fig->name,
            fig->width_mm, height);
    fprintf(gp, "# Rebuild with: gnuplot %s.gp (reads %s only; labels come "
                "from the data file)\n",
            fig->name, name_dat);
    fputs("# Positions are screen fractions of the page; text sizes are "
          "points at this size.\n\n",
          gp);
    fputs("do for [fmt in '", gp);
    for (f = 0, i = 0; f < NFORMATS; f++)
        if (fmts & formats[f].flag)
            fprintf(gp, "%s%s", i++ ? " " : "", formats[f].ext);
    fputs("'] {\n", gp);
    for (f = 0; f < NFORMATS; f++) {
        if (!(fmts & formats[f].flag))
            continue;
        fprintf(gp, "if (fmt eq '%s') {\n    set terminal %s size ",
                formats[f].ext, formats[f].terminal);
        if (formats[f].unit[0])
            fprintf(gp, "%.2f%s,%.2f%s", fig->width_mm * formats[f].per_mm,
                    formats[f].unit, height * formats[f].per_mm,
                    formats[f].unit);
        else
            fprintf(gp, "%.0f,%.0f", fig->width_mm * formats[f].per_mm,
                    height * formats[f].per_mm);
        fprintf(gp, " font '" FONT ",%g' fontscale %.4f linewidth %.4f "
                    "noenhanced\n}\n",
                FONT_PT, formats[f].fontscale, formats[f].linewidth);
    }
    fprintf(gp, "set output '%s.'.fmt\nset multiplot\n", fig->name);
    for (i = 0; i < fig->n; i++) {
        double x0 = (double)(i % cols) * (colw + GUTTER_MM);

        write_chart(&p, &l[i], x0, row_y[i],
                    fig->letters ? (char)('A' + i) : 0);
    }
    write_style(&p);
    if (fig->title) {
        fputs("set label '", gp);
        put_title(gp, fig->title);
        fprintf(gp, "' at screen 0,%.5f left font '" FONT_BOLD ",%g'\n",
                sy(&p, 3.0), FIGTITLE_PT);
    }
    if (caption_lines) {
        const char *s = caption;
        double cy = height - 1.0 - (double)caption_lines * LINE_MM +
                    LINE_MM / 2;

        while (*s) {
            const char *nl = strchr(s, '\n');
            size_t n = nl ? (size_t)(nl - s) : strlen(s);

            fprintf(gp, "set label '%.*s' at screen 0,%.5f left textcolor "
                        "rgb '" COLOR_TEXT "'\n",
                    (int)n, s, sy(&p, cy));
            cy += LINE_MM;
            s += n + (nl ? 1 : 0);
        }
    }
    if (sub_lines) {
        /* The user's words come from the data file, never the script. */
        const char *s = subtitle;
        double sy0 = sub_top + LINE_MM / 2;
        int b;

        while (*s) {
            size_t n = strcspn(s, "\n");
            char line[1200];

            snprintf(line, sizeof(line), "%.*s", (int)n, s);
            fprintf(dat, "0\t%.3f\t", sy0);
            plot_put_label(dat, line);
            fputc('\n', dat);
            sy0 += LINE_MM;
            s += n + (s[n] ? 1 : 0);
        }
        b = end_block(&p);
        fprintf(gp, "set lmargin at screen 0\nset rmargin at screen 1\n"
                    "set tmargin at screen 1\nset bmargin at screen 0\n"
                    "unset border\nunset tics\n"
                    "set xrange [0:%.2f]\nset yrange [%.2f:0]\n"
                    "plot '%s' index %d using 1:2:3 with labels left "
                    "textcolor rgb '" COLOR_TEXT "'\n",
                    fig->width_mm, height, name_dat, b);
    } else if (fig->title || caption_lines) {
        fputs("set lmargin at screen 0\nset rmargin at screen 1\n"
              "set tmargin at screen 1\nset bmargin at screen 0\n"
              "unset border\nunset tics\nplot [0:1][0:1] NaN notitle\n",
              gp);
    }
    fputs("unset multiplot\nunset output\n}\n", gp);
    for (i = 0; i < fig->n; i++)
        layout_free(&l[i]);
    free(l);
    free(row_y);
    return TS_OK;
}

int plot_gnuplot_available(void)
{
    const char *path = getenv("PATH");
    ts_strbuf sb = {0};
    int found = 0;

    if (!path)
        path = "/usr/bin:/bin";
    while (*path && !found) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);

        sb_reset(&sb);
        if (n)
            sb_append(&sb, path, n);
        else
            sb_putc(&sb, '.');
        sb_puts(&sb, "/gnuplot");
        found = access(sb.buf, X_OK) == 0;
        path += n + (colon ? 1 : 0);
    }
    sb_free(&sb);
    return found;
}

/* First occurrence of needle in hay[0..n) (PDFs hold NUL bytes). */
static char *find_bytes(char *hay, size_t n, const char *needle, size_t m)
{
    size_t i;

    for (i = 0; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

int plot_pdf_set_date(const char *path, long long epoch)
{
    static const char tag[] = "/CreationDate (D:";
    FILE *fp = fopen(path, "r+b");
    char *buf = NULL, stamp[32];
    long size;
    int done = 0;
    time_t t = (time_t)epoch;
    struct tm tm;

    if (!fp)
        return 0;
    if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) > 0 &&
        fseek(fp, 0, SEEK_SET) == 0 && gmtime_r(&t, &tm)) {
        buf = xmalloc((size_t)size + 1);
        if (fread(buf, 1, (size_t)size, fp) == (size_t)size) {
            char *p;

            buf[size] = '\0';
            strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%SZ", &tm);
            p = find_bytes(buf, (size_t)size, tag, sizeof(tag) - 1);
            /* Only the exact 15-character form, so the length (and the
             * PDF's byte offsets) stay the same. */
            if (p && p + sizeof(tag) - 1 + 16 < buf + size &&
                p[sizeof(tag) - 1 + 15] == ')' && strlen(stamp) == 15) {
                long at = (long)(p - buf) + (long)sizeof(tag) - 1;

                done = fseek(fp, at, SEEK_SET) == 0 &&
                       fwrite(stamp, 1, 15, fp) == 15;
            }
        }
    }
    free(buf);
    if (fclose(fp) != 0)
        done = 0;
    return done;
}

int plot_svg_fix_bold(const char *path)
{
    static const char bad[] = "font-family=\"" FONT_BOLD "\"";
    static const char good[] = "font-family=\"" FONT "\" font-weight=\"bold\"";
    FILE *fp = fopen(path, "rb");
    ts_strbuf in = {0}, out = {0};
    char buf[8192];
    size_t n;
    int ok = 0;

    if (!fp)
        return 0;
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
        sb_append(&in, buf, n);
    ok = !ferror(fp);
    fclose(fp);
    if (ok && in.len) {
        char *p = in.buf, *end = in.buf + in.len, *hit;

        while ((hit = find_bytes(p, (size_t)(end - p),
                                 bad, sizeof(bad) - 1)) != NULL) {
            sb_append(&out, p, (size_t)(hit - p));
            sb_puts(&out, good);
            p = hit + sizeof(bad) - 1;
        }
        sb_append(&out, p, (size_t)(end - p));
        fp = fopen(path, "wb");
        ok = fp && fwrite(out.buf, 1, out.len, fp) == out.len;
        if (fp && fclose(fp) != 0)
            ok = 0;
    }
    sb_free(&in);
    sb_free(&out);
    return ok;
}

/* Printed by gnuplot after each script of a batch. */
#define RENDERED "trialscape: rendered"

/* Run between two scripts of a batch: the SVG terminal keeps its line
 * width and colour from one output to the next and opens each new SVG
 * with them, so a plot at width 1 and an empty page (which leaves the
 * colour at the terminal's default) give the next script the state of a
 * fresh gnuplot. Written to /dev/null. */
#define FRESH_SVG                                                          \
    "set terminal svg; set output '/dev/null'; reset; unset border; "     \
    "unset tics; unset key; plot [0:1][0:1] 2 lw 1 notitle; "             \
    "set multiplot; unset multiplot; unset output; reset"

static void free_argv(char **argv)
{
    size_t i;

    for (i = 0; argv[i]; i++)
        free(argv[i]);
    free(argv);
}

ts_status plot_render_start(const char *dir, const char *const *scripts,
                            size_t n, ts_render *job, ts_error *err)
{
    int pipefd[2];
    pid_t pid;
    char **argv;
    size_t i, k = 0;

    job->scripts = scripts;
    job->n = n;
    job->done = 0;
    job->pid = -1;
    job->fd = -1;
    /* gnuplot -d S1 -e MARK -e FRESH S2 -e MARK ... (built before the
     * fork: the child of a threaded process must not allocate) */
    argv = xcalloc(3 + 5 * n, sizeof(*argv));
    argv[k++] = xstrdup("gnuplot");
    argv[k++] = xstrdup("-d");
    for (i = 0; i < n; i++) {
        if (i) {
            argv[k++] = xstrdup("-e");
            argv[k++] = xstrdup(FRESH_SVG);
        }
        argv[k++] = xstrdup(scripts[i]);
        argv[k++] = xstrdup("-e");
        argv[k++] = xstrdup("print '" RENDERED "'");
    }
    argv[k] = NULL;
    if (pipe(pipefd) != 0) {
        free_argv(argv);
        return ts_error_sys(err, TS_ERR_PLOT, errno, NULL,
                            "cannot start gnuplot");
    }
    pid = fork();
    if (pid < 0) {
        int e = errno;

        close(pipefd[0]);
        close(pipefd[1]);
        free_argv(argv);
        return ts_error_sys(err, TS_ERR_PLOT, e, NULL,
                            "cannot start gnuplot");
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);

        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
        }
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        close(pipefd[1]);
        if (chdir(dir) != 0)
            _exit(126);
        execvp("gnuplot", argv);
        _exit(127);
    }
    free_argv(argv);
    close(pipefd[1]);
    job->pid = pid;
    job->fd = pipefd[0];
    return TS_OK;
}

/* The PDF's date and the SVG's bold font of a rendered script. */
static void render_fix(const char *dir, const char *script, long long epoch)
{
    char out[4200];
    size_t n = strlen(script);

    if (n > 3 && strcmp(script + n - 3, ".gp") == 0)
        n -= 3;
    if (epoch >= 0) {
        snprintf(out, sizeof(out), "%s/%.*s.pdf", dir, (int)n, script);
        (void)plot_pdf_set_date(out, epoch);
    }
    snprintf(out, sizeof(out), "%s/%.*s.svg", dir, (int)n, script);
    (void)plot_svg_fix_bold(out);
}

ts_status plot_render_finish(ts_render *job, const char *dir,
                             long long epoch, ts_error *err)
{
    char line[200], msg[200] = "";
    size_t len = 0, i;
    int status, whole = 1;
    const char *script;

    /* Line by line: the markers count the scripts rendered; the last
     * other line that is not blank is gnuplot's most telling one. */
    for (;;) {
        char buf[512];
        ssize_t n = read(job->fd, buf, sizeof(buf));

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (i = 0; i < (size_t)n; i++) {
            if (buf[i] != '\n') {
                if (len < sizeof(line) - 1)
                    line[len++] = buf[i];
                else
                    whole = 0;
                continue;
            }
            line[len] = '\0';
            if (whole && strcmp(line, RENDERED) == 0)
                job->done++;
            else if (line[strspn(line, " \t\r")])
                memcpy(msg, line, len + 1);
            len = 0;
            whole = 1;
        }
    }
    if (len) {
        line[len] = '\0';
        if (line[strspn(line, " \t\r")])
            memcpy(msg, line, len + 1);
    }
    close(job->fd);
    job->fd = -1;
    while (waitpid(job->pid, &status, 0) < 0)
        if (errno != EINTR)
            return ts_error_sys(err, TS_ERR_PLOT, errno, NULL,
                                "cannot wait for gnuplot");
    job->pid = -1;
    for (i = 0; i < job->done && i < job->n; i++)
        render_fix(dir, job->scripts[i], epoch);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && job->done >= job->n)
        return TS_OK;
    script = job->scripts[job->done < job->n ? job->done : job->n - 1];
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return ts_error_set(err, TS_ERR_PLOT, script, 0, 0,
                            "cannot run gnuplot: not found");
    len = strlen(msg);
    while (len && (msg[len - 1] == ' ' || msg[len - 1] == '\r'))
        msg[--len] = '\0';
    return ts_error_set(err, TS_ERR_PLOT, script, 0, 0, "gnuplot failed%s%s",
                        len ? ": " : "", msg);
}

ts_status plot_render(const char *dir, const char *script, long long epoch,
                      ts_error *err)
{
    ts_render job;
    ts_status rc = plot_render_start(dir, &script, 1, &job, err);

    return rc == TS_OK ? plot_render_finish(&job, dir, epoch, err) : rc;
}
