/*
 * log.h - the only way trialscape writes diagnostics (common).
 *
 * Every message goes to stderr as
 *   trialscape: FILE:LINE:COL: error|warning: text
 * with the position parts left out when unknown. Warnings are muted by
 * quiet mode; errors are always shown.
 */
#ifndef TS_COMMON_LOG_H
#define TS_COMMON_LOG_H

#include "common/error.h"

typedef enum ts_log_level {
    TS_LOG_ERROR,
    TS_LOG_WARNING,
    TS_LOG_INFO     /* shown only with -v */
} ts_log_level;

/* 0 = normal, -1 = quiet (errors only), 1+ = verbose. */
void log_set_verbosity(int verbosity);
int log_verbosity(void);

/* Prints err (its position, its message) at the given level. */
void log_error_at(ts_log_level level, const ts_error *err);

/* Prints a message with an optional position (file NULL = none). */
void log_msg(ts_log_level level, const char *file, unsigned long line,
             unsigned long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Seconds on a monotonic clock, for progress and -v timings. */
double log_clock(void);
/* Seconds of CPU the process has used (all threads): -v timings that a
 * busy machine does not inflate with waiting. */
double log_cpu_clock(void);

/* Formats the message of log_msg() into buf without printing it. */
void log_format(char *buf, size_t size, ts_log_level level, const char *file,
                unsigned long line, unsigned long column, const char *text);

#endif
