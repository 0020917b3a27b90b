/*
 * read_bench.c - times the ingest stage alone (detection, decoding,
 * parsing, value cleaning; no analysis or outputs) on one export, for
 * make bench: the readers' throughput on one core.
 *
 * Usage: read_bench FILE
 * Prints: format, records, MB, wall seconds, MB/s of wall time, CPU
 * seconds of the reading thread, MB/s of that CPU time (the one-core
 * throughput, whatever else the machine runs; the input's SHA-256 is
 * computed on a second thread and not counted).
 */
#include <stdio.h>
#include <time.h>

#include "ingest/ingest.h"

static ts_status count(void *ctx, const ts_record *rec, ts_error *err)
{
    unsigned long *n = ctx;

    (void)err;
    *n += rec->len[TS_COL_ID] > 0;
    return TS_OK;
}

int main(int argc, char **argv)
{
    struct timespec t0, t1, c0, c1;
    ts_ingest_stats st;
    ts_error err;
    unsigned long n = 0;
    double s, cpu;
    ts_status rc;

    if (argc != 2) {
        fprintf(stderr, "usage: read_bench FILE\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    rc = ingest_file(argv[1], NULL, count, NULL, &n, &st, &err);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc != TS_OK) {
        fprintf(stderr, "read_bench: %s:%lu:%lu: %s\n", argv[1], err.line,
                err.column, err.msg);
        return 1;
    }
    s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) /
                                              1e9;
    cpu = (double)(c1.tv_sec - c0.tv_sec) +
          (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
    printf("%s\t%lu\t%.1f\t%.2f\t%.0f\t%.2f\t%.0f\n", st.format, n,
           (double)st.bytes / 1e6, s, (double)st.bytes / 1e6 / s, cpu,
           (double)st.bytes / 1e6 / cpu);
    return 0;
}
