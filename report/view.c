/*
 * view.c - the rows, cut, denominator and notes of one chart (report
 * stage).
 */
#include "report/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

size_t view_cut(const unsigned long *c, size_t n, size_t top)
{
    size_t end, start;

    if (top == 0 || n <= top)
        return n;
    if (c[top] < c[top - 1])
        return top;
    /* c[top - 1] == c[top]: the cut would split a tie. */
    for (end = top; end < n && c[end] == c[top - 1]; end++)
        ;
    if (end <= top + (top / 10 ? top / 10 : 1))
        return end;
    for (start = top - 1; start > 0 && c[start - 1] == c[top - 1]; start--)
        ;
    if (start >= (top + 1) / 2)
        return start;
    return top;
}

void view_more(char *buf, size_t size, const unsigned long *c, size_t n,
               size_t shown)
{
    unsigned long most;

    buf[0] = '\0';
    if (shown >= n)
        return;
    most = c[shown];
    snprintf(buf, size, "+%zu more with %lu trial%s%s", n - shown, most,
             most == 1 ? "" : "s", c[n - 1] == most ? "" : " or fewer");
}

void view_percent_text(char buf[8], unsigned long count, double percent)
{
    double r;

    if (percent < 0) {
        buf[0] = '\0';
        return;
    }
    r = floor(percent + 0.5);
    if (count > 0 && r < 1)
        snprintf(buf, 8, "<1%%");
    else
        snprintf(buf, 8, "%.0f%%", r > 999 ? 999 : r);
}

void view_value_text(char buf[40], unsigned long count, double percent)
{
    char pct[8];

    view_percent_text(pct, count, percent);
    if (pct[0])
        snprintf(buf, 40, "%lu (%s)", count, pct);
    else
        snprintf(buf, 40, "%lu", count);
}

int view_year(const char *label)
{
    int y = 0, k;

    for (k = 0; label[k]; k++) {
        if (label[k] < '0' || label[k] > '9' || k >= 4)
            return 0;
        y = y * 10 + (label[k] - '0');
    }
    return k == 4 ? y : 0;
}

void view_nline(char *buf, size_t size, unsigned long n, const char *what)
{
    if (n == 1 && strncmp(what, "trials", 6) == 0)
        snprintf(buf, size, "n = 1 trial%s", what + 6);
    else
        snprintf(buf, size, "n = %lu %s", n, what);
}

/* 1 if every trial of the tally is in its "Not reported" row (or it has
 * none at all): the export gave no value. */
static int nothing_reported(ts_tally *t)
{
    size_t k, n = tally_rows(t);

    for (k = 0; k < n; k++)
        if (strcmp(tally_row_label(t, k), TS_LABEL_NOT_REPORTED) != 0)
            return 0;
    return 1;
}

/* Appends "; " and text to the note. */
static void note_add(ts_view *v, const char *text)
{
    size_t len = strlen(v->note);

    if (!text[0])
        return;
    snprintf(v->note + len, sizeof(v->note) - len, "%s%s", len ? "; " : "",
             text);
}

void view_table(ts_landscape *ls, ts_table t, unsigned long top,
                ts_view *v)
{
    const ts_table_info *info = landscape_table_info(t);
    ts_tally *tally = landscape_table(ls, t);
    size_t k, rows = tally_rows(tally), shown;
    unsigned long *counts;
    char part[96];
    int reported = 0;

    memset(v, 0, sizeof(*v));
    v->rows = xcalloc(rows ? rows : 1, sizeof(ts_view_row));
    v->denominator = landscape_table_denominator(ls, t);
    view_nline(v->nline, sizeof(v->nline), v->denominator,
               landscape_table_counts(ls, t));
    for (k = 0; k < rows; k++) {
        const char *label = tally_row_label(tally, k);
        unsigned long count = tally_row_count(tally, k);
        double pct = landscape_row_percent(ls, t, k);

        if (pct < 0)
            continue;       /* outside the denominator */
        if (strcmp(label, TS_LABEL_NOT_REPORTED) != 0)
            reported = 1;
        if (!info->ordinal && tally_row_is_special(tally, k)) {
            char lower[40];
            size_t i;

            for (i = 0; label[i] && i + 1 < sizeof(lower); i++)
                lower[i] = (char)(i == 0 && label[i] >= 'A' &&
                                          label[i] <= 'Z'
                                      ? label[i] + 32
                                      : label[i]);
            lower[i] = '\0';
            snprintf(part, sizeof(part), "%lu %s", count, lower);
            note_add(v, part);
            continue;
        }
        v->rows[v->n].label = label;
        v->rows[v->n].count = count;
        v->rows[v->n].percent = pct;
        v->n++;
    }
    if (!reported || v->n == 0) {
        v->empty = info->empty;
        /* A table of drug classes has nothing to say when the export has
         * no interventions at all; say that. */
        if (info->applicable &&
            nothing_reported(landscape_table(ls, TS_TABLE_REGIMEN)))
            v->empty = landscape_table_info(TS_TABLE_REGIMEN)->empty;
        v->n = 0;
        v->note[0] = '\0';
        return;
    }
    counts = xcalloc(v->n, sizeof(unsigned long));
    for (k = 0; k < v->n; k++)
        counts[k] = v->rows[k].count;
    shown = info->ordinal ? v->n : view_cut(counts, v->n, top);
    if (shown < v->n) {
        char more[96];
        char saved[sizeof(v->note)];

        view_more(more, sizeof(more), counts, v->n, shown);
        v->more = v->n - shown;
        v->n = shown;
        /* The cut comes first in the note. */
        snprintf(saved, sizeof(saved), "%s", v->note);
        snprintf(v->note, sizeof(v->note), "%s", more);
        note_add(v, saved);
    }
    free(counts);
    if (info->multi)
        note_add(v, "a trial may count in several rows");
}

void view_free(ts_view *v)
{
    free(v->rows);
    v->rows = NULL;
    v->n = 0;
}
