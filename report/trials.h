/*
 * trials.h - trials.tsv, one normalized row per trial, written while the
 * inputs are read so no trial is kept in memory (report stage).
 *
 * Columns: see trials_columns(). Raw registry values stand beside the
 * normalized ones so every count can be traced to its rows. Fields are
 * escaped as in textout.h.
 */
#ifndef TS_REPORT_TRIALS_H
#define TS_REPORT_TRIALS_H

#include <stdio.h>

#include "analyze/landscape.h"

/* Number of columns and their header names. */
size_t trials_ncolumns(void);
const char *trials_column(size_t i);

/* Writes the header line. */
void trials_write_header(FILE *fp);
/* Writes one trial. */
void trials_write_row(FILE *fp, const ts_trial *trial);

/* The registry page of a trial ("" when it has no NCT id), written into
 * buf, which is returned. Safe to call from several threads at once. */
#define TS_URL_SIZE 64
const char *trials_url(char buf[TS_URL_SIZE], const char *nct);

#endif
