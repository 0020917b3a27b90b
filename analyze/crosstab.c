/*
 * crosstab.c - two-way trial counts (analyze stage).
 */
#include "analyze/crosstab.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

struct ts_crosstab {
    char *name;                 /* owned */
    char *title;                /* owned */
    char *row_title;            /* owned */
    char *col_title;            /* owned */
    const char *const *columns; /* borrowed */
    size_t ncols;
    ts_tally *rows;             /* owned; row totals, ordering */
    unsigned long *cells;       /* owned; [row id * ncols + col] */
    size_t caprows;
    unsigned long trials;       /* crosstab_count_trial() calls */
};

ts_crosstab *crosstab_new(const char *name, const char *title,
                          const char *row_title, const char *col_title,
                          ts_tally_order row_order, const char *const *columns,
                          size_t ncols)
{
    ts_crosstab *x = xcalloc(1, sizeof(*x));

    x->name = xstrdup(name);
    x->title = xstrdup(title);
    x->row_title = xstrdup(row_title);
    x->col_title = xstrdup(col_title);
    x->columns = columns;
    x->ncols = ncols;
    x->rows = tally_new(name, title, row_order);
    return x;
}

void crosstab_free(ts_crosstab *x)
{
    if (!x)
        return;
    free(x->name);
    free(x->title);
    free(x->row_title);
    free(x->col_title);
    tally_free(x->rows);
    free(x->cells);
    free(x);
}

static void ensure_row(ts_crosstab *x, size_t id)
{
    if (id < x->caprows)
        return;
    {
        size_t cap = x->caprows ? x->caprows * 2 : 16;

        while (cap <= id)
            cap *= 2;
        x->cells = xrealloc(x->cells, cap * x->ncols * sizeof(unsigned long));
        memset(x->cells + x->caprows * x->ncols, 0,
               (cap - x->caprows) * x->ncols * sizeof(unsigned long));
        x->caprows = cap;
    }
}

void crosstab_seed_row(ts_crosstab *x, const char *row)
{
    ensure_row(x, tally_seed(x->rows, row));
}

void crosstab_add(ts_crosstab *x, const char *row, size_t len, size_t col)
{
    size_t id = tally_add(x->rows, row, len, 1);

    ensure_row(x, id);
    if (col < x->ncols)
        x->cells[id * x->ncols + col]++;
}

void crosstab_add_cols(ts_crosstab *x, const char *row, size_t len,
                       const size_t *cols, size_t n)
{
    size_t id = tally_add(x->rows, row, len, 1), i;

    ensure_row(x, id);
    for (i = 0; i < n; i++)
        if (cols[i] < x->ncols)
            x->cells[id * x->ncols + cols[i]]++;
}

void crosstab_count_trial(ts_crosstab *x)
{
    x->trials++;
}

unsigned long crosstab_trials(const ts_crosstab *x)
{
    return x->trials;
}

const char *crosstab_name(const ts_crosstab *x)
{
    return x->name;
}

const char *crosstab_title(const ts_crosstab *x)
{
    return x->title;
}

const char *crosstab_row_title(const ts_crosstab *x)
{
    return x->row_title;
}

const char *crosstab_col_title(const ts_crosstab *x)
{
    return x->col_title;
}

size_t crosstab_rows(ts_crosstab *x)
{
    return tally_rows(x->rows);
}

const char *crosstab_row_label(ts_crosstab *x, size_t row)
{
    return tally_row_label(x->rows, row);
}

unsigned long crosstab_row_total(ts_crosstab *x, size_t row)
{
    return tally_row_count(x->rows, row);
}

size_t crosstab_cols(const ts_crosstab *x)
{
    return x->ncols;
}

const char *crosstab_col_label(const ts_crosstab *x, size_t col)
{
    return col < x->ncols ? x->columns[col] : "";
}

unsigned long crosstab_cell(ts_crosstab *x, size_t row, size_t col)
{
    return x->cells[tally_row_id(x->rows, row) * x->ncols + col];
}

unsigned long crosstab_col_total(ts_crosstab *x, size_t col)
{
    size_t r, n = crosstab_rows(x);
    unsigned long sum = 0;

    for (r = 0; r < n; r++)
        sum += crosstab_cell(x, r, col);
    return sum;
}
