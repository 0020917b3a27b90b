/*
 * error.c - status strings and the error record setters (common).
 */
#include "common/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_strings[TS_STATUS_MAX + 1] = {
    "no error",
    "usage error",
    "malformed input",
    "malformed dictionary",
    "cannot read input",
    "cannot write output",
    "workbook error",
    "chart error",
    "internal error",
    "unknown status",
};

const char *ts_strerror(ts_status status)
{
    if ((int)status < 0 || status > TS_STATUS_MAX)
        status = TS_STATUS_MAX;
    return status_strings[status];
}

void ts_error_clear(ts_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof(*err));
}

ts_status ts_error_set(ts_error *err, ts_status status, const char *file,
                       unsigned long line, unsigned long column,
                       const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return status;
    err->status = status;
    err->sys_errno = 0;
    err->file = file;
    err->line = line;
    err->column = column;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return status;
}

ts_status ts_error_sys(ts_error *err, ts_status status, int sys_errno,
                       const char *file, const char *fmt, ...)
{
    va_list ap;
    size_t n;

    if (!err)
        return status;
    err->status = status;
    err->sys_errno = sys_errno;
    err->file = file;
    err->line = 0;
    err->column = 0;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    n = strlen(err->msg);
    if (sys_errno && n < sizeof(err->msg))
        snprintf(err->msg + n, sizeof(err->msg) - n, ": %s",
                 strerror(sys_errno));
    return status;
}
