/*
 * crosstab.h - trials counted by two categories at once, e.g. target x
 * phase, the gap matrix that shows which targets never reached phase II
 * or III (analyze stage).
 *
 * Rows are interned labels ordered like a tally; columns are a fixed
 * vocabulary given at creation. A trial adds one to each (row, column)
 * pair it belongs to; multi-valued rows (targets, modalities) count a
 * trial once per row.
 */
#ifndef TS_ANALYZE_CROSSTAB_H
#define TS_ANALYZE_CROSSTAB_H

#include <stddef.h>

#include "analyze/tally.h"

typedef struct ts_crosstab ts_crosstab;

/* name is the file stem ("target_x_phase"), title the sheet name; the
 * row and column titles name the two dimensions. All are copied; columns
 * (ncols labels) are borrowed and must outlive the crosstab. */
ts_crosstab *crosstab_new(const char *name, const char *title,
                          const char *row_title, const char *col_title,
                          ts_tally_order row_order, const char *const *columns,
                          size_t ncols);
void crosstab_free(ts_crosstab *x);

/* Seeds a row label (for a fixed row order); adds nothing. */
void crosstab_seed_row(ts_crosstab *x, const char *row);
/* Adds one trial to (row[0..len), col). */
void crosstab_add(ts_crosstab *x, const char *row, size_t len, size_t col);
/* Adds one trial to a row and to each of its n columns cols[]: the row
 * total grows by one, each cell by one. */
void crosstab_add_cols(ts_crosstab *x, const char *row, size_t len,
                       const size_t *cols, size_t n);
/* Counts one more trial among those the cross-tab holds (call once per
 * trial that was added to it, whatever its rows). */
void crosstab_count_trial(ts_crosstab *x);
/* The trials counted so. */
unsigned long crosstab_trials(const ts_crosstab *x);

const char *crosstab_name(const ts_crosstab *x);
const char *crosstab_title(const ts_crosstab *x);
const char *crosstab_row_title(const ts_crosstab *x);
const char *crosstab_col_title(const ts_crosstab *x);

/* Rows with at least one trial, in display order. */
size_t crosstab_rows(ts_crosstab *x);
const char *crosstab_row_label(ts_crosstab *x, size_t row);
/* Trials in the row (each trial once, whatever its columns, when added
 * with crosstab_add_cols). */
unsigned long crosstab_row_total(ts_crosstab *x, size_t row);
size_t crosstab_cols(const ts_crosstab *x);
const char *crosstab_col_label(const ts_crosstab *x, size_t col);
unsigned long crosstab_cell(ts_crosstab *x, size_t row, size_t col);
/* Trials in a column over all rows (a multi-row trial counts once per
 * row). */
unsigned long crosstab_col_total(ts_crosstab *x, size_t col);

#endif
