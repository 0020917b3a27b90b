/*
 * fuzz.h - helpers shared by the libFuzzer harnesses in tests/fuzz/: the
 * input as a file the loaders can open, the real dictionaries, the ingest
 * plus analysis run, and checks of what the library promises. Header-only
 * (static) so each harness stays one translation unit.
 */
#ifndef TS_TESTS_FUZZ_H
#define TS_TESTS_FUZZ_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze/classify.h"
#include "analyze/dict.h"
#include "analyze/indication.h"
#include "analyze/landscape.h"
#include "analyze/merge.h"
#include "common/error.h"
#include "ingest/ingest.h"

/* libFuzzer's entry points (declared for -Wmissing-prototypes). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The harnesses run from the repository root (make fuzz). */
#define FUZZ_DATA_DIR "data"
#define FUZZ_RULES "data/indications-sarcoma.tsv"

/* Stops the run: a broken promise is reported as a crash with its text. */
static inline void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

/* A scratch file holding the current input. It is unlinked at once and
 * reached through /proc/self/fd, so nothing is left behind when libFuzzer
 * stops the process; path receives that name. Returns the descriptor. */
static inline int fuzz_file_new(char *path, size_t size)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    int fd;

    if (!base || !*base)
        base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(tmpl, sizeof(tmpl), "%s/trialscape-fuzz.XXXXXX", base);
    fd = mkstemp(tmpl);
    if (fd < 0)
        fuzz_fail("mkstemp", strerror(errno));
    unlink(tmpl);
    snprintf(path, size, "/proc/self/fd/%d", fd);
    return fd;
}

/* Replaces the scratch file's content with data[0..size). */
static inline void fuzz_file_put(int fd, const uint8_t *data, size_t size)
{
    size_t done = 0;

    if (ftruncate(fd, 0) != 0)
        fuzz_fail("ftruncate", strerror(errno));
    while (done < size) {
        ssize_t w = pwrite(fd, data + done, size - done, (off_t)done);

        if (w <= 0)
            fuzz_fail("pwrite", strerror(errno));
        done += (size_t)w;
    }
}

/* Loads data/ and the sarcoma rules; the harness cannot run without. */
static inline void fuzz_load_real(ts_dict **dict, ts_rules **rules)
{
    ts_error err;

    *dict = dict_new();
    if (dict_load_dir(*dict, FUZZ_DATA_DIR, &err) != TS_OK)
        fuzz_fail("cannot load the dictionaries (run from the repository "
                  "root)",
                  err.msg);
    if (rules && rules_load(FUZZ_RULES, rules, &err) != TS_OK)
        fuzz_fail("cannot load the indication rules", err.msg);
}

/* 1 if s[0..n) is valid UTF-8 (the same rules as record.c). */
static inline int fuzz_utf8_ok(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    while (i < n) {
        size_t k, need;

        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if (s[i] >= 0xC2 && s[i] <= 0xDF)
            need = 1;
        else if (s[i] >= 0xE0 && s[i] <= 0xEF)
            need = 2;
        else if (s[i] >= 0xF0 && s[i] <= 0xF4)
            need = 3;
        else
            return 0;
        if (n - i <= need)
            return 0;
        for (k = 1; k <= need; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        if ((s[i] == 0xE0 && s[i + 1] < 0xA0) ||
            (s[i] == 0xED && s[i + 1] >= 0xA0) ||
            (s[i] == 0xF0 && s[i + 1] < 0x90) ||
            (s[i] == 0xF4 && s[i + 1] >= 0x90))
            return 0;
        i += need + 1;
    }
    return 1;
}

/* An error the library filled must say what and where. */
static inline void fuzz_check_error(ts_status rc, const ts_error *err)
{
    if (rc == TS_OK)
        return;
    if (err->status != rc)
        fuzz_fail("returned status differs from err->status", err->msg);
    if (memchr(err->msg, '\0', sizeof(err->msg)) == NULL || !err->msg[0])
        fuzz_fail("error without a message", NULL);
}

/* Reads every row of a tally as the report stage does. */
static inline size_t fuzz_walk_tally(ts_tally *t)
{
    size_t r, n = tally_rows(t), sum = 0;

    for (r = 0; r < n; r++) {
        const char *label = tally_row_label(t, r);

        if (!fuzz_utf8_ok(label, strlen(label)))
            fuzz_fail("tally label is not valid UTF-8", tally_name(t));
        sum += tally_row_count(t, r) + (size_t)tally_row_is_special(t, r);
    }
    return sum + tally_special_total(t);
}

/* Reads every table and cross-tab of a landscape. */
static inline size_t fuzz_walk_landscape(ts_landscape *ls)
{
    size_t i, r, c, sum = 0;
    unsigned long mentions, matched, placebo;

    for (i = 0; i < TS_TABLE_COUNT; i++) {
        sum += fuzz_walk_tally(landscape_table(ls, (ts_table)i));
        sum += landscape_table_denominator(ls, (ts_table)i);
    }
    for (i = 0; i < landscape_unmapped_count(); i++)
        sum += fuzz_walk_tally(landscape_unmapped(ls, i));
    for (i = 0; i < TS_X_COUNT; i++) {
        ts_crosstab *x = landscape_crosstab(ls, (ts_xtab)i);

        for (r = 0; r < crosstab_rows(x); r++) {
            sum += strlen(crosstab_row_label(x, r));
            sum += crosstab_row_total(x, r);
            for (c = 0; c < crosstab_cols(x); c++)
                sum += crosstab_cell(x, r, c);
        }
        for (c = 0; c < crosstab_cols(x); c++)
            sum += crosstab_col_total(x, c);
    }
    landscape_coverage(ls, &mentions, &matched, &placebo);
    if (matched > mentions)
        fuzz_fail("more matched mentions than mentions", NULL);
    return sum;
}

/* What one ingest run saw. */
typedef struct fuzz_run {
    ts_landscape *ls;           /* owned by the caller */
    ts_merge *merge;            /* owned by the caller */
    unsigned long records;
    unsigned long trials;
    unsigned long warnings;
    size_t sink;                /* keeps the reads below from being dropped */
} fuzz_run;

static inline void fuzz_on_warning(void *ctx, const ts_error *w)
{
    fuzz_run *run = ctx;

    run->warnings++;
    if (!w->file || memchr(w->msg, '\0', sizeof(w->msg)) == NULL ||
        !w->msg[0])
        fuzz_fail("warning without a file or message", NULL);
}

/* The record callback: checks record.h's promises about cleaned values,
 * then runs the whole analysis of the trial. */
static inline ts_status fuzz_on_record(void *ctx, const ts_record *rec,
                                ts_error *err)
{
    fuzz_run *run = ctx;
    size_t i;

    run->records++;
    for (i = 0; i < TS_COL_COUNT; i++) {
        const char *v = rec->value[i];
        size_t k;

        if (!v || strlen(v) != rec->len[i])
            fuzz_fail("record value length differs from len[]", NULL);
        if (!fuzz_utf8_ok(v, rec->len[i]))
            fuzz_fail("cleaned value is not valid UTF-8", v);
        for (k = 0; k < rec->len[i]; k++) {
            unsigned char ch = (unsigned char)v[k];

            if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7F)
                fuzz_fail("control character left in a cleaned value", v);
        }
        if (rec->len[i] && (v[0] == ' ' || v[rec->len[i] - 1] == ' '))
            fuzz_fail("cleaned value not trimmed", v);
    }
    return merge_add(run->merge, rec, err);
}

/* A trial after merging: the whole analysis, as `trialscape run` does. */
static inline void fuzz_on_trial(void *ctx, const ts_merged *m)
{
    fuzz_run *run = ctx;
    ts_trial trial;
    size_t i;

    if (!fuzz_utf8_ok(m->ids, strlen(m->ids)) || m->nrecords == 0 ||
        (m->nrecords > 1 && !m->rec->present[TS_COL_COUNTRIES]))
        fuzz_fail("merged trial breaks merge.h's promises", m->ids);
    run->trials++;
    landscape_add(run->ls, m, &trial);
    run->sink += strlen(trial.nct) + strlen(trial.countries);
    run->sink += trial.sponsor_len + strlen(m->id);
    if (trial.indication)
        run->sink += strlen(trial.indication);
    if (trial.cls) {
        const ts_class *c = trial.cls;

        run->sink += strlen(sb_str(&c->regimen));
        for (i = 0; i < c->nsubs; i++)
            run->sink += strlen(c->subs[i]->name);
        for (i = 0; i < c->nunmatched; i++)
            run->sink += strlen(classify_unmatched(c, i));
    }
}

/* Reads the file at path with opts and analyses every record with dict
 * and rules, as `trialscape run` does; with stream, records that cannot
 * be outranked are handed over as they come, else every record is
 * spooled and merged at the end. */
static inline void fuzz_ingest(const char *path, const ts_ingest_opts *opts,
                        const ts_dict *dict, const ts_rules *rules,
                        ts_denominator denom, int stream)
{
    fuzz_run run;
    ts_ingest_stats stats;
    ts_error err;
    ts_status rc;

    memset(&run, 0, sizeof(run));
    run.ls = landscape_new(denom);
    run.merge = merge_new(NULL, fuzz_on_trial, fuzz_on_warning, &run);
    if (stream)
        merge_stream(run.merge);
    landscape_set_classifier(run.ls, dict, rules);
    rc = ingest_file(path, opts, fuzz_on_record, fuzz_on_warning, &run,
                     &stats, &err);
    fuzz_check_error(rc, &err);
    rc = merge_finish(run.merge, &err);
    fuzz_check_error(rc, &err);
    {
        size_t i, n = merge_dup_rows(run.merge);

        for (i = 0; i < n; i++) {
            ts_dup_row r;

            merge_dup_row(run.merge, i, &r);
            if (!r.group || r.group > merge_groups(run.merge) ||
                !fuzz_utf8_ok(r.linked_by, strlen(r.linked_by)) ||
                !fuzz_utf8_ok(r.record_id, strlen(r.record_id)))
                fuzz_fail("duplicates row breaks merge.h's promises", NULL);
            run.sink += strlen(r.trial_id) + r.line;
        }
    }
    if (stats.skipped + stats.blank > stats.rows)
        fuzz_fail("more rows skipped or blank than read", NULL);
    if (stats.warnings + merge_refused(run.merge) != run.warnings)
        fuzz_fail("stats.warnings differs from the warnings delivered",
                  NULL);
    if (landscape_trials(run.ls) != run.trials ||
        merge_trials(run.merge) != run.trials ||
        merge_records(run.merge) != run.records || run.trials > run.records)
        fuzz_fail("trials after merging do not add up to the records",
                  NULL);
    run.sink += fuzz_walk_landscape(run.ls);
    merge_free(run.merge);
    landscape_free(run.ls);
    if (run.sink == (size_t)-1)
        fuzz_fail("unreachable", NULL);
}

/* The ingest harnesses (CSV and TSV) share their set-up and body: the
 * real dictionaries loaded once, one scratch file rewritten per input. */
static ts_dict *fuzz_real_dict;
static ts_rules *fuzz_real_rules;
static int fuzz_scratch_fd = -1;
static char fuzz_scratch[64];

static inline void fuzz_ingest_setup(void)
{
    fuzz_load_real(&fuzz_real_dict, &fuzz_real_rules);
    fuzz_scratch_fd = fuzz_file_new(fuzz_scratch, sizeof(fuzz_scratch));
}

static inline void fuzz_ingest_bytes(const uint8_t *data, size_t size,
                                     const ts_ingest_opts *opts,
                                     ts_denominator denom)
{
    fuzz_file_put(fuzz_scratch_fd, data, size);
    /* Both ways of merging, by the input's last bit. */
    fuzz_ingest(fuzz_scratch, opts, fuzz_real_dict, fuzz_real_rules, denom,
                size > 0 && (data[size - 1] & 1));
}

/* The same with a fixed prefix before the input (a header line, the
 * start of a block), so a harness spends its time in one reader. */
static inline void fuzz_ingest_prefixed(const char *prefix,
                                        const uint8_t *data, size_t size,
                                        const ts_ingest_opts *opts)
{
    size_t k = strlen(prefix);
    uint8_t *buf = malloc(k + size + 1);

    if (!buf)
        fuzz_fail("out of memory", NULL);
    memcpy(buf, prefix, k);
    if (size)
        memcpy(buf + k, data, size);
    fuzz_ingest_bytes(buf, k + size, opts, TS_DENOM_ALL);
    free(buf);
}

#endif
