/*
 * textout.h - escaping of export text for the plain-text outputs (report
 * stage).
 *
 * TSV fields escape backslash, tab, newline and carriage return as \\, \t,
 * \n and \r, so one record is always one line with a fixed number of
 * fields (the "linear TSV" convention). JSON strings escape what RFC 8259
 * requires. Neither can break out of its field.
 */
#ifndef TS_REPORT_TEXTOUT_H
#define TS_REPORT_TEXTOUT_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..len) as one escaped TSV field. */
void tsv_put(FILE *fp, const char *s, size_t len);
/* Reverses tsv_put in place; returns the new length. */
size_t tsv_unescape(char *s, size_t len);
/* Writes s[0..len) as a quoted JSON string. */
void json_put(FILE *fp, const char *s, size_t len);
/* json_put of a NUL-terminated string. */
void json_puts(FILE *fp, const char *s);

#endif
