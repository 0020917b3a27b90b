/*
 * sheetrows.h - the rows of a large worksheet as deflated XML, made
 * beside libxlsxwriter (report stage).
 *
 * libxlsxwriter writes each cell with printf-style calls into a temporary
 * file, copies that file into another when the workbook closes, and
 * deflates the copy at zlib's level on one core: at a million trials that
 * was over half of a run. Here cells are appended to a chunk of sheet XML
 * as they come. Each full chunk (TS_SHEETROWS_CHUNK bytes, cut at the end
 * of a row) is deflated on its own (ISA-L, level 1, no history shared with
 * the chunk before, ending in a full flush) by a pool of threads, and the
 * pieces are written in order to a file. Joined, the pieces are one
 * deflate stream, as pigz joins its blocks; xlsxzip.h puts that stream
 * into the workbook. Chunks are cut where the XML says, never by timing,
 * so the bytes do not depend on the number of threads.
 */
#ifndef TS_REPORT_SHEETROWS_H
#define TS_REPORT_SHEETROWS_H

#include <stddef.h>

#include "common/error.h"

typedef struct ts_sheetrows ts_sheetrows;

/* XML bytes deflated as one piece. */
#define TS_SHEETROWS_CHUNK (1u << 20)

/* What the rows came to: the input of xlsxzip_splice(). */
typedef struct ts_sheetrows_info {
    unsigned long long raw;     /* XML bytes */
    unsigned long long packed;  /* deflated bytes in the file */
    unsigned long crc;          /* CRC-32 of the XML */
    unsigned long rows;         /* rows written */
} ts_sheetrows_info;

/*
 * Starts rows whose deflated XML goes to a new file at path (borrowed),
 * deflated on `threads` threads (1 or less: on the caller's). TS_ERR_OUTPUT
 * when the file cannot be created.
 */
ts_status sheetrows_open(const char *path, int threads, ts_sheetrows **out,
                         ts_error *err);

/* Starts row `row` (0-based; rows must come in increasing order), ending
 * the row before. */
void sheetrows_row(ts_sheetrows *w, unsigned long row);

/* Cells of the current row, in increasing column order (0-based); xf is
 * the style's index (0: none). Strings are escaped for XML; characters XML
 * cannot hold are written as Excel's _xHHHH_ escapes. */
void sheetrows_string(ts_sheetrows *w, unsigned col, const char *s, size_t n,
                      int xf);
void sheetrows_number(ts_sheetrows *w, unsigned col, double v, int xf);
/* A formula (without '=') whose cached result is the string value. */
void sheetrows_formula(ts_sheetrows *w, unsigned col, const char *formula,
                       const char *value, int xf);

/*
 * Ends the last row, waits for the pool and closes the file; *info
 * describes what it holds. Frees w. TS_ERR_OUTPUT on a write error (the
 * first one met, with its errno) or when deflating failed.
 */
ts_status sheetrows_close(ts_sheetrows *w, ts_sheetrows_info *info,
                          ts_error *err);

/* Stops the pool and frees w without finishing (w may be NULL); the file
 * is left for the caller to remove. */
void sheetrows_discard(ts_sheetrows *w);

/* Excel's column name of a 0-based column ("A", "Z", "AA", ...) into
 * buf[4] and the length; for cell references. */
size_t sheetrows_colname(unsigned col, char buf[4]);

#endif
