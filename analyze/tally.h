/*
 * tally.h - a count of trials per category for one table (analyze stage).
 *
 * Categories are interned labels; counting is one hash lookup (or, with a
 * known id, one increment). Tallies of a fixed vocabulary are seeded with
 * their labels so the table keeps the vocabulary's order. The special rows
 * "Not reported", "Not applicable" and "Unclassified" always come last and
 * are left out of the "known" denominator.
 */
#ifndef TS_ANALYZE_TALLY_H
#define TS_ANALYZE_TALLY_H

#include <stddef.h>

typedef struct ts_tally ts_tally;

typedef enum ts_tally_order {
    TS_ORDER_SEED,      /* seeded vocabulary order, then first seen */
    TS_ORDER_COUNT,     /* most trials first, ties by label */
    TS_ORDER_LABEL      /* by label (byte order), e.g. years */
} ts_tally_order;

/* name is the table name ("phase"); title is shown in the workbook and
 * charts ("Phase"). Both are copied. */
ts_tally *tally_new(const char *name, const char *title,
                    ts_tally_order order);
void tally_free(ts_tally *t);

/* Adds a category with a zero count (for seeding); returns its id. */
size_t tally_seed(ts_tally *t, const char *label);
/* Adds n trials to category id (from tally_seed or tally_add). */
void tally_add_id(ts_tally *t, size_t id, unsigned long n);
/* Adds n trials to the category labelled label[0..len); returns its id. */
size_t tally_add(ts_tally *t, const char *label, size_t len, unsigned long n);

const char *tally_name(const ts_tally *t);
const char *tally_title(const ts_tally *t);
ts_tally_order tally_order(const ts_tally *t);

/* Every category by id (0 .. tally_nlabels - 1), seeded and counted,
 * zero counts included: seeds come first, in seed order. */
size_t tally_nlabels(const ts_tally *t);
const char *tally_label(const ts_tally *t, size_t id);
unsigned long tally_count(const ts_tally *t, size_t id);
/* The id of label[0..len), or (size_t)-1 when the tally has none. */
size_t tally_find(const ts_tally *t, const char *label, size_t len);

/* Categories with a nonzero count, in display order; valid until the next
 * add (call after counting). */
size_t tally_rows(ts_tally *t);
const char *tally_row_label(ts_tally *t, size_t row);
/* The category id (as returned by tally_add) shown at display row. */
size_t tally_row_id(ts_tally *t, size_t row);
unsigned long tally_row_count(ts_tally *t, size_t row);
/* 1 for "Not reported", "Not applicable" and "Unclassified". */
int tally_row_is_special(ts_tally *t, size_t row);
int tally_label_is_special(const char *label);

/* Sum of counts over the special rows. Each trial without a usable value
 * falls in exactly one of them, so trials minus this is the number of
 * trials with a known value, even for multi-valued tables. */
unsigned long tally_special_total(ts_tally *t);

/* 100 * count / denominator, or -1 when the denominator is 0. */
double tally_percent(unsigned long count, unsigned long denominator);

#endif
