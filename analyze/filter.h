/*
 * filter.h - the --where expressions that narrow a landscape to the
 * trials an analyst asks about, e.g. "phase=Phase II,Phase III",
 * "start_year>=2018", "target=KDR", "title~nf1" (analyze stage).
 *
 * A filter holds expressions that must all hold (logical AND). Each is
 * FIELD OP VALUE:
 *   FIELD=V1,V2,...  the trial has any of the values; for a multi-valued
 *                    field, any of its elements. Values are the labels of
 *                    the tables ("phase=Phase II" is Phase II only, not
 *                    Phase I/II), compared without regard to ASCII case.
 *                    A value holding a comma is written in double quotes
 *                    or with "\," ('status="Active, not recruiting"'); a
 *                    label of a fixed vocabulary is also recognised when
 *                    written plainly.
 *   FIELD>=N, FIELD<=N, FIELD>N, FIELD<N
 *                    numeric fields (start_year, enrollment): trials
 *                    without a value are left out.
 *   FIELD~TEXT       the field's text as the export gives it contains TEXT
 *                    (ASCII case ignored); for fields trialscape derives
 *                    (indication, modality, target, ...) their labels,
 *                    and for normalized ones (phase, status, ...) both.
 * Fields are named as the columns of trials.tsv, singular: see
 * filter_field_list(). The plural column names are accepted too.
 *
 * The filter also records, for every value after "=", whether any trial
 * read has it, so a typo is reported instead of passing as an empty
 * landscape, with the closest labels the trials do have.
 */
#ifndef TS_ANALYZE_FILTER_H
#define TS_ANALYZE_FILTER_H

#include <stddef.h>

#include "analyze/landscape.h"
#include "common/error.h"

typedef struct ts_filter ts_filter;

/* An empty filter (every trial passes). */
ts_filter *filter_new(void);
/* Frees f; NULL is a no-op. */
void filter_free(ts_filter *f);

/*
 * Parses one expression and adds it. On a malformed one returns
 * TS_ERR_USAGE with err->msg saying what is wrong: an unknown field
 * ("unknown field \"foo\""; the caller lists filter_field_list()), a
 * missing operator, an empty value, a number expected ("start_year>=
 * takes a whole number, not \"abc\""), or an operator the field does not
 * take. expr is copied.
 */
ts_status filter_add(ts_filter *f, const char *expr, ts_error *err);

/* The field names, comma-separated, for messages and --help. */
const char *filter_field_list(void);

/* 1 if what comes before the first operator of expr (all of it, when it
 * has none) names a field: when filter_add() failed, whether the list of
 * fields would help the user. */
int filter_names_field(const char *expr);

/* Number of expressions, and each as given. */
size_t filter_count(const ts_filter *f);
const char *filter_expr(const ts_filter *f, size_t i);

/* Every expression joined by " AND "; "" for an empty filter. A view
 * valid until the next filter_add or filter_free. */
const char *filter_text(const ts_filter *f);

/*
 * 1 if trial (as landscape_read() left it) passes every expression. Call
 * it once for each trial read, duplicates aside: it also notes which
 * values occur in some trial, and the labels each field holds.
 */
int filter_match(ts_filter *f, const ts_trial *trial);

/* Trials given to filter_match(), and those that passed. */
unsigned long filter_tested(const ts_filter *f);
unsigned long filter_passed(const ts_filter *f);

/*
 * Values after "=" that no trial had, after every trial was matched: for
 * each, calls fn with the expression, the value as given, and the labels
 * of that field that trials have closest to it (up to 3, closest first;
 * none when no trial has any). Returns how many values.
 */
typedef void (*ts_filter_unseen_fn)(void *ctx, const char *expr,
                                    const char *value,
                                    const char *const *closest,
                                    size_t nclosest);
size_t filter_report_unseen(ts_filter *f, ts_filter_unseen_fn fn, void *ctx);

#endif
