/*
 * xlsx.h - the landscape workbook (report stage; the only includer of
 * xlsxwriter.h).
 *
 * Sheets: Summary, one per table, Unmapped, Trials (one row per trial,
 * frozen header, autofilter). Text from exports is always written as a
 * string cell, never as a formula. The workbook is built in libxlsxwriter's
 * constant-memory mode, with its temporary files in the staging directory.
 */
#ifndef TS_REPORT_XLSX_H
#define TS_REPORT_XLSX_H

#include "common/error.h"
#include "report/report.h"

/*
 * Writes the workbook to path. trials_tsv is the staged trials.tsv to read
 * the Trials sheet from; tmpdir receives libxlsxwriter's temporary files.
 * *cut is set to the number of cells cut to Excel's 32767-character limit.
 * TS_ERR_XLSX or TS_ERR_OUTPUT on failure.
 */
ts_status xlsx_write_report(const char *path, const ts_run *run,
                            const char *trials_tsv, const char *tmpdir,
                            unsigned long *cut, ts_error *err);

/* libxlsxwriter's version string, for --version. */
const char *xlsx_library_version(void);

#endif
