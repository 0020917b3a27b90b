/*
 * xlsxzip.h - puts rows made beside libxlsxwriter (sheetrows.h) into the
 * workbook libxlsxwriter wrote (report stage).
 *
 * libxlsxwriter writes the sheet with its header row and what follows the
 * rows (a note below them, the autofilter, page set-up). The workbook is
 * then copied part by part into a new zip file: every other part as it
 * is, still deflated; the sheet's part as its XML up to the end of the
 * header row, the rows' deflated pieces, then the rest of its XML, joined
 * into one deflate stream whose CRC-32 is combined from the pieces'. The
 * sheet's <dimension> is set to the range the rows reach. Zip64 records
 * are written where sizes or offsets need them.
 */
#ifndef TS_REPORT_XLSXZIP_H
#define TS_REPORT_XLSXZIP_H

#include "common/error.h"
#include "report/sheetrows.h"

/*
 * Writes dst: the zip at src with the part named `part` (e.g.
 * "xl/worksheets/sheet23.xml") given the rows in the file rows_path
 * (info as sheetrows_close gave it) after its first row, and its dimension
 * set to `dimension` ("A1:AB1001"). name (borrowed) is the workbook's name
 * in messages. TS_ERR_OUTPUT when a file cannot be read or written, or src
 * is not a zip libxlsxwriter could have written.
 */
ts_status xlsxzip_splice(const char *src, const char *dst, const char *part,
                         const char *rows_path,
                         const ts_sheetrows_info *info,
                         const char *dimension, const char *name,
                         ts_error *err);

#endif
