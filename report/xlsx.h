/*
 * xlsx.h - the landscape workbook (report stage; the only includer of
 * xlsxwriter.h).
 *
 * Sheets: Summary (inputs, counts, a linked list of the sheets), one per
 * table with a chart, one per cross-tab, Unmapped, Trials (one row per
 * trial, frozen header and NCT column, autofilter, real dates). Every
 * sheet prints one page wide. Text from exports is always
 * written as a string cell, never as a formula; the only formulas are the
 * links built from well-formed NCT ids. The workbook is built in libxlsxwriter's
 * constant-memory mode, with its temporary files in the staging directory.
 */
#ifndef TS_REPORT_XLSX_H
#define TS_REPORT_XLSX_H

#include "common/error.h"
#include "report/comparison.h"
#include "report/report.h"

typedef struct ts_xlsx ts_xlsx;

/*
 * Creates the workbook at path with all its sheets, still empty, in their
 * order; name (borrowed, it must outlive *err) is what messages call it,
 * tmpdir receives libxlsxwriter's temporary files, ls gives the sheet
 * names. The Trials sheet can then fill (xlsx_trials_line) while
 * the inputs are read; xlsx_close() writes the rest. Its rows are made
 * beside libxlsxwriter (sheetrows.h), deflated on `threads` threads, and
 * put into the workbook when it closes (xlsxzip.h); libxlsxwriter writes
 * PATH.lxw and the rows go to PATH.rows meanwhile, both removed by
 * xlsx_close and xlsx_discard. TS_ERR_OUTPUT when a file cannot be
 * created.
 */
ts_status xlsx_open(const char *path, const char *name, const char *tmpdir,
                    ts_landscape *ls, const char *version, long long epoch,
                    int threads, ts_xlsx **out, ts_error *err);

/* Adds one line of trials.tsv, without its newline, to the Trials sheet:
 * the header line first, then one per trial. The line is unescaped in
 * place and line[len] must be writable. Lines past Excel's row limit are
 * counted and noted under the last row. */
void xlsx_trials_line(ts_xlsx *x, char *line, size_t len);

/* What the workbook could not hold. */
typedef struct ts_xlsx_loss {
    unsigned long cut;          /* cells cut to 32767 characters */
    unsigned long beyond;       /* trials past the last row */
} ts_xlsx_loss;

/* Writes the other sheets from run, closes the workbook and frees x;
 * charts of nominal tables show about the top categories (0: 10), as the
 * figures do. *loss says what Excel's limits kept out. TS_ERR_XLSX or
 * TS_ERR_OUTPUT on failure. */
ts_status xlsx_close(ts_xlsx *x, const ts_run *run, unsigned long top,
                     ts_xlsx_loss *loss, ts_error *err);

/* The Trials sheet's header for a trials.tsv column: "start_year" as
 * "Start year", "nct_id" as "NCT ID". */
void xlsx_column_title(char *buf, size_t size, const char *name);

/* Abandons a workbook (x may be NULL): its file is still written, for the
 * caller to remove. */
void xlsx_discard(ts_xlsx *x);

/*
 * Writes compare.xlsx at path: Summary (both sides' inputs and counts,
 * the filter, the changes by kind), one sheet per landscape table with
 * both sides' trials and percentages, the difference in points and a
 * side-by-side bar chart, and Changes (one row per change; the NCT id
 * linked). *beyond receives the changes past Excel's row limit (they are
 * in changes.tsv only). TS_ERR_OUTPUT or TS_ERR_XLSX on failure.
 */
ts_status xlsx_write_comparison(const char *path, const char *name,
                                const char *tmpdir, const ts_comparison *c,
                                unsigned long *beyond, ts_error *err);

/*
 * Writes compare.xlsx at path: Summary (both sides' inputs and counts,
 * the filter, the changes by kind), one sheet per landscape table with
 * both sides' trials and percentages, the difference in points and a
 * side-by-side bar chart, and Changes (one row per change; the NCT id
 * linked). Every sheet prints one page wide. *beyond receives the changes
 * past Excel's row limit (they are in changes.tsv only). TS_ERR_OUTPUT or
 * TS_ERR_XLSX on failure.
 */
ts_status xlsx_write_comparison(const char *path, const char *name,
                                const char *tmpdir, const ts_comparison *c,
                                unsigned long *beyond, ts_error *err);

/* libxlsxwriter's version string, for --version. */
const char *xlsx_library_version(void);

#endif
