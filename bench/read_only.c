/*
 * read_only.c - times the ingest stage alone on one export (make bench):
 * every record is read, cleaned and reshaped by its reader and handed to a
 * callback that only counts it. Prints bytes, records, CPU seconds and
 * MB/s of CPU time, so the reader's own speed shows whatever else runs on
 * the machine.
 *
 * Usage: read_only FILE
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ingest/ingest.h"

static unsigned long records;

static ts_status on_record(void *ctx, const ts_record *rec, ts_error *err)
{
    (void)ctx;
    (void)err;
    records += rec->len[TS_COL_ID] > 0;
    return TS_OK;
}

int main(int argc, char **argv)
{
    ts_ingest_opts opts;
    ts_ingest_stats stats;
    ts_error err;
    ts_status rc;
    struct timespec a, b;
    double cpu;

    if (argc != 2) {
        fprintf(stderr, "usage: read_only FILE\n");
        return 2;
    }
    memset(&opts, 0, sizeof(opts));
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    rc = ingest_file(argv[1], &opts, on_record, NULL, NULL, &stats, &err);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    if (rc != TS_OK) {
        fprintf(stderr, "read_only: %s\n", err.msg);
        return 1;
    }
    cpu = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%s %llu bytes %lu records %.2f cpu_s %.0f MB/s\n", stats.format,
           stats.bytes, records, cpu, (double)stats.bytes / 1e6 / cpu);
    return 0;
}
