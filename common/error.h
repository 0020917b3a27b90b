/*
 * error.h - the one status enum and error record shared by every stage.
 *
 * Fallible functions return a ts_status and fill a caller-owned ts_error.
 * Reporting never allocates: the message lives in a fixed buffer.
 */
#ifndef TS_COMMON_ERROR_H
#define TS_COMMON_ERROR_H

#include <stddef.h>

typedef enum ts_status {
    TS_OK = 0,      /* no error */
    TS_ERR_USAGE,   /* bad command line or argument */
    TS_ERR_PARSE,   /* malformed input data */
    TS_ERR_DICT,    /* malformed dictionary or rule file */
    TS_ERR_IO,      /* cannot read an input */
    TS_ERR_OUTPUT,  /* cannot write an output */
    TS_ERR_XLSX,    /* libxlsxwriter failed */
    TS_ERR_PLOT,    /* gnuplot failed */
    TS_ERR_INTERNAL, /* a bug or an impossible state */
    TS_STATUS_MAX
} ts_status;

typedef struct ts_error {
    ts_status status;
    int sys_errno;          /* errno at failure; 0 if n/a */
    const char *file;       /* borrowed; "<stdin>" for "-"; NULL if n/a */
    unsigned long line;     /* 1-based physical line; 0 = n/a */
    unsigned long column;   /* 1-based; CSV: field number; 0 = n/a */
    char msg[256];          /* fixed buffer: reporting never allocates */
} ts_error;

/* Returns a static one-line description of a status. Never NULL. */
const char *ts_strerror(ts_status status);

/*
 * Fills *err (when err is not NULL) and returns status, so callers can write
 * "return ts_error_set(err, TS_ERR_PARSE, file, line, col, "...");".
 * The message is printf-formatted, lowercase, with no trailing period or
 * newline; it is truncated to fit msg.
 */
ts_status ts_error_set(ts_error *err, ts_status status, const char *file,
                       unsigned long line, unsigned long column,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Like ts_error_set but records errno and appends ": strerror(errno)". */
ts_status ts_error_sys(ts_error *err, ts_status status, int sys_errno,
                       const char *file, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Clears *err to TS_OK with no position or message. */
void ts_error_clear(ts_error *err);

#endif
