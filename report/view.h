/*
 * view.h - what one chart shows of a table: its rows in order, the top-N
 * cut and its ties, the denominator line, the "no data" message, and how
 * shares are printed (report stage).
 *
 * Figures and the workbook draw their charts from the same view, so both
 * show the same categories, the same n and the same percentages.
 *
 * Rules:
 * - Ordinal tables (phase, status, year) show every row inside their
 *   denominator in their natural order. Nominal ones show their
 *   categories by count, then name; their "Not reported" and
 *   "Unclassified" rows are counted in the note instead of drawn.
 * - A top-N cut never splits a tie silently: the tied categories are all
 *   shown when that adds at most N/10 rows (at least one), else the cut
 *   moves before them when that keeps at least N/2 rows, else the cut
 *   stays and the note says "+k more with n trials". The note always
 *   says how many categories were left out.
 * - A share is printed as a whole percent; a share that is not zero but
 *   rounds to 0 prints as "<1%".
 */
#ifndef TS_REPORT_VIEW_H
#define TS_REPORT_VIEW_H

#include <stddef.h>

#include "analyze/landscape.h"

typedef struct ts_view_row {
    const char *label;          /* borrowed from the landscape */
    unsigned long count;
    double percent;             /* of the view's n, or -1 */
} ts_view_row;

typedef struct ts_view {
    ts_view_row *rows;          /* owned: the rows drawn, in order */
    size_t n;
    size_t more;                /* categories the top-N cut left out */
    unsigned long denominator;  /* n */
    char nline[160];            /* "n = 49 trials with chemotherapy" */
    char note[320];             /* "+27 more with 3 trials or fewer; 2 not
                                 * reported", or "" */
    const char *empty;          /* the message when nothing is to be
                                 * shown ("No conditions in this
                                 * export"), else NULL */
} ts_view;

/* The view of table t with at most about top categories (0: all). Free
 * with view_free(). */
void view_table(ts_landscape *ls, ts_table t, unsigned long top,
                ts_view *v);
void view_free(ts_view *v);

/* How many of n categories, counts in descending order, a top-N cut
 * shows (the rules above); n when top is 0 or n <= top. */
size_t view_cut(const unsigned long *counts, size_t n, size_t top);

/* "+k more with m trials" (all left out have m) or "+k more with m
 * trials or fewer", for the categories counts[shown..n) left out; "" when
 * none is. */
void view_more(char *buf, size_t size, const unsigned long *counts,
               size_t n, size_t shown);

/* "20%", "<1%" for a count above 0 whose share rounds to 0, "" when
 * percent < 0 (no share). */
void view_percent_text(char buf[8], unsigned long count, double percent);

/* "31 (20%)", or "31" without a share. */
void view_value_text(char buf[40], unsigned long count, double percent);

/* The year a row label holds ("2016"), or 0 when it is not a 4-digit
 * year ("Not reported"). */
int view_year(const char *label);

/* "n = 152 trials": n and what it counts (a phrase starting with
 * "trials"), singular for 1. */
void view_nline(char *buf, size_t size, unsigned long n, const char *what);

#endif
