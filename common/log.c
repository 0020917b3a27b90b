/*
 * log.c - diagnostics on stderr in one format (common).
 */
#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static int verbosity;

double log_clock(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double log_cpu_clock(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return 0.0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void log_set_verbosity(int v)
{
    verbosity = v;
}

int log_verbosity(void)
{
    return verbosity;
}

static const char *level_name(ts_log_level level)
{
    switch (level) {
    case TS_LOG_ERROR:
        return "error";
    case TS_LOG_WARNING:
        return "warning";
    default:
        return "info";
    }
}

void log_format(char *buf, size_t size, ts_log_level level, const char *file,
                unsigned long line, unsigned long column, const char *text)
{
    if (file && line && column)
        snprintf(buf, size, "trialscape: %s:%lu:%lu: %s: %s", file, line,
                 column, level_name(level), text);
    else if (file && line)
        snprintf(buf, size, "trialscape: %s:%lu: %s: %s", file, line,
                 level_name(level), text);
    else if (file)
        snprintf(buf, size, "trialscape: %s: %s: %s", file,
                 level_name(level), text);
    else
        snprintf(buf, size, "trialscape: %s: %s", level_name(level), text);
}

static int shown(ts_log_level level)
{
    if (level == TS_LOG_ERROR)
        return 1;
    if (level == TS_LOG_WARNING)
        return verbosity >= 0;
    return verbosity > 0;
}

static void emit(ts_log_level level, const char *file, unsigned long line,
                 unsigned long column, const char *text)
{
    char buf[1024];

    if (!shown(level))
        return;
    log_format(buf, sizeof(buf), level, file, line, column, text);
    fprintf(stderr, "%s\n", buf);
}

void log_error_at(ts_log_level level, const ts_error *err)
{
    emit(level, err->file, err->line, err->column, err->msg);
}

void log_msg(ts_log_level level, const char *file, unsigned long line,
             unsigned long column, const char *fmt, ...)
{
    char text[768];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    emit(level, file, line, column, text);
}
