/*
 * enrollment.h - planned and actual enrollment per category of a table
 * (phase, indication): how many trials report a number of each type, the
 * sum and the median (analyze stage).
 *
 * Each category keeps a histogram of the values it has seen, so memory
 * grows with the distinct enrollment numbers, not with the trials, and
 * medians are exact. A last row, "All trials", holds every trial.
 */
#ifndef TS_ANALYZE_ENROLLMENT_H
#define TS_ANALYZE_ENROLLMENT_H

#include <stddef.h>

#include "analyze/normalize.h"

typedef struct ts_enrollment ts_enrollment;

#define TS_LABEL_ALL_TRIALS "All trials"

/* name is the file stem ("enrollment_by_phase"), title the heading
 * ("Enrollment by phase"), by the categories' name ("Phase"); copied. */
ts_enrollment *enrollment_new(const char *name, const char *title,
                              const char *by);
/* Frees e; NULL is a no-op. */
void enrollment_free(ts_enrollment *e);

/* Adds a category with no trial, for a fixed order of categories. */
void enrollment_seed(ts_enrollment *e, const char *label);

/* Counts one trial in category label[0..len): value participants of the
 * given type, or value < 0 for a trial without a number. */
void enrollment_add(ts_enrollment *e, const char *label, size_t len,
                    ts_enroll_type type, long value);

const char *enrollment_name(const ts_enrollment *e);
const char *enrollment_title(const ts_enrollment *e);
const char *enrollment_by(const ts_enrollment *e);

/* Categories with a trial, in seed order then first seen, and "All
 * trials" last (also when no trial was counted). Valid until the next
 * add. */
size_t enrollment_rows(ts_enrollment *e);
const char *enrollment_row_label(ts_enrollment *e, size_t row);
/* Trials in the row, with or without a number. */
unsigned long enrollment_row_trials(ts_enrollment *e, size_t row);
/* Trials of the row with a number of the type, their sum, and their
 * median (-1 when there is none; the mean of the middle two for an even
 * count). */
unsigned long enrollment_count(ts_enrollment *e, size_t row,
                               ts_enroll_type type);
unsigned long long enrollment_sum(ts_enrollment *e, size_t row,
                                  ts_enroll_type type);
double enrollment_median(ts_enrollment *e, size_t row, ts_enroll_type type);

#endif
