/*
 * zipspeed.h - the workbook's compression level (report stage).
 *
 * libxlsxwriter deflates each part of the workbook through minizip at
 * zlib's default level and has no setting for it. At registry scale that
 * default is half of a run: a million trials make about 1.4 GB of sheet
 * XML, which takes some 20 s at the default level and half that at the
 * fastest, for a file about a fifth larger. zipspeed.c therefore defines
 * minizip's zipOpenNewFileInZip4_64(): the dynamic linker binds
 * libxlsxwriter's calls to the program's definition first, and it passes
 * them on to minizip's with the fastest level. Where libxlsxwriter carries
 * its own minizip inside, the definition is never called and the default
 * level stays.
 */
#ifndef TS_REPORT_ZIPSPEED_H
#define TS_REPORT_ZIPSPEED_H

/* Parts of workbooks compressed at the fastest level so far. */
unsigned long zipspeed_parts(void);

#endif
