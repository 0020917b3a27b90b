/*
 * report.c - tables, charts, workbook and manifest of a run (report stage).
 */
#include "report/report.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "report/figures.h"
#include "report/plot.h"
#include "report/textout.h"
#include "report/trials.h"
#include "report/xlsx.h"
#include "report/zipspeed.h"

static double pow10i(int n)
{
    double v = 1;

    while (n-- > 0)
        v *= 10;
    return v;
}

void report_format_percent(char buf[16], double percent)
{
    int digits = 1;

    if (percent < 0) {
        buf[0] = '\0';
        return;
    }
    /* A share that is not zero never prints as 0.0: more decimals. */
    while (percent > 0 && percent < 0.05 && digits < 9 &&
           percent * 2 < 1.0 / pow10i(digits))
        digits++;
    snprintf(buf, 16, "%.*f", digits, percent);
}

static ts_status write_table(ts_stage *st, ts_landscape *ls, ts_table i,
                             ts_error *err)
{
    ts_tally *t = landscape_table(ls, i);
    char rel[64], pct[16];
    size_t k;
    FILE *fp;
    ts_status rc;

    snprintf(rel, sizeof(rel), "tables/%s.tsv", tally_name(t));
    rc = stage_fopen(st, rel, &fp, err);
    if (rc != TS_OK)
        return rc;
    fputs("category\ttrials\tpercent\n", fp);
    for (k = 0; k < tally_rows(t); k++) {
        const char *label = tally_row_label(t, k);
        unsigned long c = tally_row_count(t, k);

        report_format_percent(pct, landscape_row_percent(ls, i, k));
        tsv_put(fp, label, strlen(label));
        fprintf(fp, "\t%lu\t%s\n", c, pct);
    }
    return stage_fclose(st, rel, fp, err);
}

/* A lower-case column name for a dimension title ("Start year" ->
 * "start_year"). */
static void column_name(char *out, size_t size, const char *title)
{
    size_t i;

    for (i = 0; title[i] && i + 1 < size; i++) {
        char c = title[i];

        out[i] = c == ' ' ? '_' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[i] = '\0';
}

/* A cross-tab in tidy long form: one line per (row, column), zeros
 * included, so the gaps are explicit. */
static ts_status write_crosstab(ts_stage *st, ts_crosstab *x, ts_error *err)
{
    char rel[96], a[48], b[48];
    size_t r, c;
    FILE *fp;
    ts_status rc;

    snprintf(rel, sizeof(rel), "tables/%s.tsv", crosstab_name(x));
    rc = stage_fopen(st, rel, &fp, err);
    if (rc != TS_OK)
        return rc;
    column_name(a, sizeof(a), crosstab_row_title(x));
    column_name(b, sizeof(b), crosstab_col_title(x));
    fprintf(fp, "%s\t%s\ttrials\n", a, b);
    for (r = 0; r < crosstab_rows(x); r++) {
        const char *label = crosstab_row_label(x, r);

        for (c = 0; c < crosstab_cols(x); c++) {
            tsv_put(fp, label, strlen(label));
            fprintf(fp, "\t%s\t%lu\n", crosstab_col_label(x, c),
                    crosstab_cell(x, r, c));
        }
    }
    return stage_fclose(st, rel, fp, err);
}

void report_format_number(char buf[32], double v)
{
    if (v < 0)
        buf[0] = '\0';
    else if (v == (double)(unsigned long long)v)
        snprintf(buf, 32, "%llu", (unsigned long long)v);
    else
        snprintf(buf, 32, "%.1f", v);
}

/* Enrollment by phase or indication: per category, the trials, and for
 * planned and actual numbers the trials that give one, their sum and
 * median; then the trials whose number's type is unknown. */
static ts_status write_enrollment(ts_stage *st, ts_enrollment *e,
                                  ts_error *err)
{
    char rel[96], med[2][32];
    size_t r, t;
    FILE *fp;
    ts_status rc;

    snprintf(rel, sizeof(rel), "tables/%s.tsv", enrollment_name(e));
    rc = stage_fopen(st, rel, &fp, err);
    if (rc != TS_OK)
        return rc;
    fputs("category\ttrials\tplanned_trials\tplanned_sum\tplanned_median\t"
          "actual_trials\tactual_sum\tactual_median\tunknown_type_trials\n",
          fp);
    for (r = 0; r < enrollment_rows(e); r++) {
        const char *label = enrollment_row_label(e, r);

        tsv_put(fp, label, strlen(label));
        fprintf(fp, "\t%lu", enrollment_row_trials(e, r));
        for (t = TS_ENROLL_PLANNED; t <= TS_ENROLL_ACTUAL; t++) {
            report_format_number(med[t],
                                 enrollment_median(e, r, (ts_enroll_type)t));
            fprintf(fp, "\t%lu\t%llu\t%s",
                    enrollment_count(e, r, (ts_enroll_type)t),
                    enrollment_sum(e, r, (ts_enroll_type)t), med[t]);
        }
        fprintf(fp, "\t%lu\n", enrollment_count(e, r, TS_ENROLL_UNKNOWN));
    }
    return stage_fclose(st, rel, fp, err);
}

static ts_status write_unmapped(ts_stage *st, ts_landscape *ls, ts_error *err)
{
    const char *rel = "tables/unmapped.tsv";
    size_t f, k;
    FILE *fp;
    ts_status rc = stage_fopen(st, rel, &fp, err);

    if (rc != TS_OK)
        return rc;
    fputs("field\tvalue\ttrials\n", fp);
    for (f = 0; f < landscape_unmapped_count(); f++) {
        ts_tally *t = landscape_unmapped(ls, f);

        for (k = 0; k < tally_rows(t); k++) {
            const char *v = tally_row_label(t, k);

            fprintf(fp, "%s\t", landscape_unmapped_field(f));
            tsv_put(fp, v, strlen(v));
            fprintf(fp, "\t%lu\n", tally_row_count(t, k));
        }
    }
    return stage_fclose(st, rel, fp, err);
}

/* tables/duplicates.tsv: every record of every merged trial. */
static ts_status write_duplicates(ts_stage *st, const ts_run *run,
                                  ts_error *err)
{
    const char *rel = "tables/duplicates.tsv";
    size_t i, n = run->merge ? merge_dup_rows(run->merge) : 0;
    FILE *fp;
    ts_status rc = stage_fopen(st, rel, &fp, err);

    if (rc != TS_OK)
        return rc;
    fputs("group\ttrial_id\trecord_id\tregistry\tsource_file\t"
          "source_line\tlinked_by\tvalues_used\n",
          fp);
    for (i = 0; i < n; i++) {
        ts_dup_row r;

        merge_dup_row(run->merge, i, &r);
        fprintf(fp, "%zu\t", r.group);
        tsv_put(fp, r.trial_id, strlen(r.trial_id));
        fputc('\t', fp);
        tsv_put(fp, r.record_id, strlen(r.record_id));
        fprintf(fp, "\t%s\t", registry_name(r.registry));
        tsv_put(fp, r.file, strlen(r.file));
        fprintf(fp, "\t%lu\t", r.line);
        tsv_put(fp, r.linked_by, strlen(r.linked_by));
        fprintf(fp, "\t%s\n", r.used ? "yes" : "no");
    }
    return stage_fclose(st, rel, fp, err);
}
/* Records NAME.EXT of each chosen format for the commit. */
void report_record_images(ts_stage *st, const char *name, unsigned formats)
{
    unsigned f;

    for (f = TS_FORMAT_PNG; f <= TS_FORMAT_PDF; f <<= 1) {
        char rel[96];
        char *path;

        if (!(formats & f))
            continue;
        snprintf(rel, sizeof(rel), "figures/%s.%s", name, plot_format_ext(f));
        path = stage_path(st, rel);
        free(path);
    }
}

ts_status report_close_both(ts_stage *st, const char *a, FILE *fa,
                            const char *b, FILE *fb, ts_status rc,
                            ts_error *err)
{
    if (fa) {
        ts_status rc2 = stage_fclose(st, a, fa, err);

        if (rc == TS_OK)
            rc = rc2;
    }
    if (fb) {
        ts_status rc2 = stage_fclose(st, b, fb, err);

        if (rc == TS_OK)
            rc = rc2;
    }
    return rc;
}

/* Charts rendering: the batches of scripts, one gnuplot each. */
struct ts_charts {
    char *dir;
    long long epoch;
    size_t n, k;                    /* scripts, batches */
    const char *batch[TS_RENDER_MAX][TS_RENDER_MAX];
    size_t size[TS_RENDER_MAX];     /* scripts in each batch */
    size_t at[TS_RENDER_MAX][TS_RENDER_MAX];    /* their index in all */
    ts_render job[TS_RENDER_MAX];
    int started[TS_RENDER_MAX];
    ts_status rc;                   /* a start's failure */
    ts_error err;
};

/* The charts' scripts go to at most jobs batches: the last scripts (the
 * combined figures, the slowest) are dealt one to each batch first, the
 * others in turn after them, and each batch renders its scripts in their
 * order. */
ts_status report_charts_start(const char *dir, const char *const *scripts,
                              size_t n, int jobs, long long epoch,
                              ts_charts **out, ts_error *err)
{
    ts_charts *c = xcalloc(1, sizeof(*c));
    size_t i, b;

    if (n > TS_RENDER_MAX)
        n = TS_RENDER_MAX;
    c->dir = xstrdup(dir);
    c->epoch = epoch;
    c->n = n;
    c->k = jobs > 1 ? (size_t)jobs : 1;
    if (c->k > n)
        c->k = n;
    /* Script s goes to batch (n - 1 - s) % k. */
    for (i = 0; i < n; i++) {
        b = (n - 1 - i) % c->k;
        c->at[b][c->size[b]] = i;
        c->batch[b][c->size[b]++] = scripts[i];
    }
    for (b = 0; b < c->k; b++) {
        if (plot_render_start(c->dir, c->batch[b], c->size[b], &c->job[b],
                              &c->err) != TS_OK) {
            c->rc = c->err.status;
            break;
        }
        c->started[b] = 1;
    }
    *out = c;
    if (c->rc != TS_OK)
        *err = c->err;
    return c->rc;
}

/* Waits for every batch; the error is a start's, else that of the first
 * script in order that failed. */
ts_status report_charts_finish(ts_charts *c, ts_error *err)
{
    size_t b, failed = c ? c->n : 0;
    ts_status rc;

    if (!c)
        return TS_OK;
    rc = c->rc;
    if (rc != TS_OK) {
        *err = c->err;
        failed = 0;
    }
    for (b = 0; b < c->k; b++) {
        ts_error e;
        size_t s;

        if (!c->started[b] ||
            plot_render_finish(&c->job[b], c->dir, c->epoch, &e) == TS_OK)
            continue;
        s = c->job[b].done < c->size[b] ? c->at[b][c->job[b].done] : c->n;
        if (s < failed || rc == TS_OK) {
            failed = s;
            rc = e.status;
            *err = e;
        }
    }
    free(c->dir);
    free(c);
    return rc;
}

ts_status report_render_charts(const char *dir, const char *const *scripts,
                               size_t n, int jobs, long long epoch,
                               ts_error *err)
{
    ts_charts *c = NULL;
    ts_error e;
    ts_status rc = report_charts_start(dir, scripts, n, jobs, epoch, &c, err);
    ts_status rc2 = report_charts_finish(c, &e);

    if (rc == TS_OK && rc2 != TS_OK) {
        rc = rc2;
        *err = e;
    }
    return rc;
}

/* ---- classify command ---- */

void report_classify_header(FILE *fp)
{
    fputs("input\tsubstance\tmodality\tchemo_class\ttargets\t"
          "immuno_targets\tdrug_class\tinferred\n",
          fp);
}

static void put_list(FILE *fp, const char *const *items, size_t n)
{
    size_t i, j;

    fputc('\t', fp);
    for (i = 0, j = 0; i < n; i++) {
        size_t k;
        int dup = 0;

        for (k = 0; k < i; k++)
            dup |= strcmp(items[k], items[i]) == 0;
        if (dup)
            continue;
        if (j++)
            fputc(',', fp);
        fputs(items[i], fp);
    }
}

/* The explanation lines of one row: "#", field, value, source, how. */
static void put_why(FILE *fp, const ts_class *c)
{
    static const char *const fields[] = {
        "substance",   "inferred",       "misspelling", "modality",
        "chemo_class",
        "drug_class",  "targets",        "immuno_targets", "unmatched",
    };
    size_t f, i;

    for (f = 0; f < sizeof(fields) / sizeof(fields[0]); f++)
        for (i = 0; i < c->nwhy; i++) {
            const ts_why *w = &c->why[i];
            const char *parts[3];
            size_t k;

            if (strcmp(w->field, fields[f]) != 0)
                continue;
            parts[0] = classify_why_text(c, w->value);
            parts[1] = classify_why_text(c, w->source);
            parts[2] = classify_why_text(c, w->how);
            fprintf(fp, "#\t%s", w->field);
            for (k = 0; k < 3; k++) {
                fputc('\t', fp);
                tsv_put(fp, parts[k], strlen(parts[k]));
            }
            fputc('\n', fp);
        }
}

void report_classify_row(FILE *fp, const ts_dict *d, const char *text,
                         size_t len, int explain)
{
    ts_class c;
    const char **items;
    size_t i, n;

    memset(&c, 0, sizeof(c));
    c.explain = explain;
    classify_intervention(d, text, len, &c);
    n = c.nsubs + c.targets.n + c.immuno.n + c.classes.n + TS_MOD_COUNT;
    items = xcalloc(n ? n : 1, sizeof(*items));
    tsv_put(fp, text, len);
    fputc('\t', fp);
    for (i = 0; i < c.nsubs; i++) {
        if (i)
            fputs(" + ", fp);
        fputs(c.subs[i]->name, fp);
    }
    for (i = 0, n = 0; i < TS_MOD_COUNT; i++)
        if (c.modalities & (1u << i))
            items[n++] = dict_modality_key((ts_modality)i);
    put_list(fp, items, n);
    for (i = 0, n = 0; i < c.nsubs; i++)
        if (c.subs[i]->chemo != TS_CHEMO_NONE)
            items[n++] = dict_chemo_key(c.subs[i]->chemo);
    put_list(fp, items, n);
    for (i = 0; i < c.targets.n; i++)
        items[i] = dict_target(d, c.targets.id[i])->symbol;
    put_list(fp, items, c.targets.n);
    for (i = 0; i < c.immuno.n; i++)
        items[i] = dict_target(d, c.immuno.id[i])->symbol;
    put_list(fp, items, c.immuno.n);
    for (i = 0; i < c.classes.n; i++)
        items[i] = dict_class(d, c.classes.id[i])->key;
    put_list(fp, items, c.classes.n);
    /* "zasocitinib (-citinib)": names classed by their INN stem only. */
    fputc('\t', fp);
    for (i = 0, n = 0; i < c.nsubs; i++)
        if (c.subs[i]->inferred)
            fprintf(fp, "%s%s (%s)", n++ ? "," : "", c.subs[i]->name,
                    c.subs[i]->inferred);
    fputc('\n', fp);
    if (explain)
        put_why(fp, &c);
    free(items);
    classify_free(&c);
}

/* landscape.json: every table and cross-tab, for R, Python and
 * pipelines. */
/* "filter": the --where expressions and what they kept, or null. */
static void write_filter_json(FILE *fp, const ts_run *run,
                              const char *indent)
{
    size_t i, n = filter_count(run->filter);

    fprintf(fp, "%s\"filter\": ", indent);
    if (n == 0) {
        fputs("null", fp);
        return;
    }
    fputs("{\"where\": [", fp);
    for (i = 0; i < n; i++) {
        fputs(i ? ", " : "", fp);
        json_puts(fp, filter_expr(run->filter, i));
    }
    fprintf(fp, "], \"trials_read\": %lu, \"trials_kept\": %lu, "
                "\"trials_left_out\": %lu}",
            landscape_trials(run->ls) + landscape_left_out(run->ls),
            landscape_trials(run->ls), landscape_left_out(run->ls));
}

static ts_status write_json(ts_stage *st, const ts_run *run, ts_error *err)
{
    const char *rel = "landscape.json";
    ts_landscape *ls = run->ls;
    int known = landscape_denominator(ls) == TS_DENOM_KNOWN;
    size_t i, k, c;
    FILE *fp;
    ts_status rc = stage_fopen(st, rel, &fp, err);

    if (rc != TS_OK)
        return rc;
    fputs("{\n  \"tool\": \"trialscape\",\n  \"version\": ", fp);
    json_puts(fp, run->version);
    fprintf(fp, ",\n  \"trials\": %lu,\n", landscape_trials(ls));
    write_filter_json(fp, run, "  ");
    fprintf(fp, ",\n  \"denominator\": \"%s\",\n", known ? "known" : "all");
    fputs("  \"tables\": {", fp);
    for (i = 0; i < TS_TABLE_COUNT; i++) {
        ts_tally *t = landscape_table(ls, (ts_table)i);
        unsigned long denom = landscape_table_denominator(ls, (ts_table)i);

        fputs(i ? ",\n    " : "\n    ", fp);
        json_puts(fp, tally_name(t));
        fputs(": {\"title\": ", fp);
        json_puts(fp, tally_title(t));
        fprintf(fp, ", \"denominator\": %lu, \"rows\": [", denom);
        for (k = 0; k < tally_rows(t); k++) {
            unsigned long n = tally_row_count(t, k);
            double p = landscape_row_percent(ls, (ts_table)i, k);

            fputs(k ? ", " : "", fp);
            fputs("{\"category\": ", fp);
            json_puts(fp, tally_row_label(t, k));
            fprintf(fp, ", \"trials\": %lu, \"percent\": ", n);
            if (p < 0)
                fputs("null}", fp);
            else
                fprintf(fp, "%.4f}", p);
        }
        fputs("]}", fp);
    }
    fputs("\n  },\n  \"crosstabs\": {", fp);
    for (i = 0; i < TS_X_COUNT; i++) {
        ts_crosstab *x = landscape_crosstab(ls, (ts_xtab)i);

        fputs(i ? ",\n    " : "\n    ", fp);
        json_puts(fp, crosstab_name(x));
        fputs(": {\"rows_are\": ", fp);
        json_puts(fp, crosstab_row_title(x));
        fputs(", \"columns_are\": ", fp);
        json_puts(fp, crosstab_col_title(x));
        fputs(", \"columns\": [", fp);
        for (c = 0; c < crosstab_cols(x); c++) {
            fputs(c ? ", " : "", fp);
            json_puts(fp, crosstab_col_label(x, c));
        }
        fputs("], \"rows\": [", fp);
        for (k = 0; k < crosstab_rows(x); k++) {
            fputs(k ? ",\n      " : "\n      ", fp);
            fputs("{\"label\": ", fp);
            json_puts(fp, crosstab_row_label(x, k));
            fprintf(fp, ", \"trials\": %lu, \"cells\": [",
                    crosstab_row_total(x, k));
            for (c = 0; c < crosstab_cols(x); c++)
                fprintf(fp, "%s%lu", c ? ", " : "", crosstab_cell(x, k, c));
            fputs("]}", fp);
        }
        fputs("]}", fp);
    }
    fputs("\n  },\n  \"enrollment\": {", fp);
    for (i = 0; i < TS_ENROLLMENT_TABLES; i++) {
        ts_enrollment *e = landscape_enrollment(ls, i);
        size_t t;

        fputs(i ? ",\n    " : "\n    ", fp);
        json_puts(fp, enrollment_name(e));
        fputs(": {\"rows_are\": ", fp);
        json_puts(fp, enrollment_by(e));
        fputs(", \"rows\": [", fp);
        for (k = 0; k < enrollment_rows(e); k++) {
            fputs(k ? ",\n      " : "\n      ", fp);
            fputs("{\"category\": ", fp);
            json_puts(fp, enrollment_row_label(e, k));
            fprintf(fp, ", \"trials\": %lu", enrollment_row_trials(e, k));
            for (t = TS_ENROLL_PLANNED; t <= TS_ENROLL_ACTUAL; t++) {
                double m = enrollment_median(e, k, (ts_enroll_type)t);

                fprintf(fp, ", \"%s\": {\"trials\": %lu, \"sum\": %llu, "
                            "\"median\": ",
                        t == TS_ENROLL_PLANNED ? "planned" : "actual",
                        enrollment_count(e, k, (ts_enroll_type)t),
                        enrollment_sum(e, k, (ts_enroll_type)t));
                if (m < 0)
                    fputs("null}", fp);
                else
                    fprintf(fp, "%.1f}", m);
            }
            fprintf(fp, ", \"unknown_type_trials\": %lu}",
                    enrollment_count(e, k, TS_ENROLL_UNKNOWN));
        }
        fputs("]}", fp);
    }
    fputs("\n  },\n  \"unmapped\": [", fp);
    for (i = 0, c = 0; i < landscape_unmapped_count(); i++) {
        ts_tally *t = landscape_unmapped(ls, i);

        for (k = 0; k < tally_rows(t); k++) {
            fputs(c++ ? ",\n    " : "\n    ", fp);
            fputs("{\"field\": ", fp);
            json_puts(fp, landscape_unmapped_field(i));
            fputs(", \"value\": ", fp);
            json_puts(fp, tally_row_label(t, k));
            fprintf(fp, ", \"trials\": %lu}", tally_row_count(t, k));
        }
    }
    {
        unsigned long mentions, matched, placebo;

        landscape_coverage(ls, &mentions, &matched, &placebo);
        fprintf(fp, "\n  ],\n  \"coverage\": {\"drug_mentions\": %lu, "
                    "\"matched\": %lu, \"placebo_mentions\": %lu}\n}\n",
                mentions, matched, placebo);
    }
    return stage_fclose(st, rel, fp, err);
}

/* A time as a JSON string "2024-03-01T12:00:00Z", or null. */
static void put_time(FILE *fp, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];

    if (t < 0 || !gmtime_r(&tt, &tm)) {
        fputs("null", fp);
        return;
    }
    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_puts(fp, buf);
}

static void json_kv_ul(FILE *fp, const char *k, unsigned long v, int comma)
{
    json_puts(fp, k);
    fprintf(fp, ": %lu%s", v, comma ? ", " : "");
}

/* The manifest's "indications": how panel C was grouped, and from what. */
static void write_indications(FILE *fp, ts_landscape *ls)
{
    static const char *const how[] = {"file", "named", "shipped", "mesh"};
    ts_indications *ix = landscape_indications(ls);
    const ts_rules *rules;
    const ts_mesh *mesh;
    const char *name, *focus;
    size_t i;

    if (!ix)
        return;
    rules = indication_rules(ix);
    mesh = indication_mesh(ix);
    name = indication_name(ix);
    focus = indication_focus(ix);
    fputs("  \"indications\": {\"grouping\": ", fp);
    json_puts(fp, how[indication_grouping(ix)]);
    fputs(", \"rule_set\": ", fp);
    if (name)
        json_puts(fp, name);
    else
        fputs("null", fp);
    fputs(", \"level\": ", fp);
    if (rules || !mesh)
        fputs("null", fp);
    else
        json_puts(fp, focus ? "sub-indications" : "disease areas");
    fputs(", \"focus\": ", fp);
    if (focus) {
        fputs("{\"label\": ", fp);
        json_puts(fp, focus);
        fputs(", \"mesh_tree\": ", fp);
        json_puts(fp, indication_focus_tree(ix));
        fputc('}', fp);
    } else {
        fputs("null", fp);
    }
    fprintf(fp, ", \"trials_looked_at\": %lu, \"trials_with_conditions\": %lu",
            indication_observed(ix), landscape_trials_with_conditions(ls));
    fputs(", \"description\": ", fp);
    json_puts(fp, indication_describe(ix));
    fputs(", \"files\": [", fp);
    if (rules) {
        fputs("{\"file\": ", fp);
        json_puts(fp, rules_path(rules));
        fputs(", \"sha256\": ", fp);
        json_puts(fp, rules_sha256(rules));
        fputc('}', fp);
    }
    for (i = 0; mesh && i < mesh_nsources(mesh); i++) {
        fputs(i ? ", {\"file\": " : "{\"file\": ", fp);
        json_puts(fp, mesh_source_path(mesh, i));
        fputs(", \"sha256\": ", fp);
        json_puts(fp, mesh_source_sha256(mesh, i));
        fputc('}', fp);
    }
    fputs("]},\n", fp);
}

void report_json_inputs(FILE *fp, const ts_run_input *inputs, size_t n,
                        const char *indent)
{
    size_t i, k;

    fputs("[", fp);
    for (i = 0; i < n; i++) {
        const ts_ingest_stats *s = &inputs[i].stats;

        fputs(i ? ",\n" : "\n", fp);
        fprintf(fp, "%s  {", indent);
        json_puts(fp, "file");
        fputs(": ", fp);
        json_puts(fp, s->name);
        fputs(", \"sha256\": ", fp);
        json_puts(fp, s->sha256);
        fputs(", \"modified\": ", fp);
        put_time(fp, inputs[i].mtime);
        fputs(", \"format\": ", fp);
        json_puts(fp, s->format);
        fputs(", \"delimiter\": ", fp);
        if (s->delimiter)
            json_puts(fp, s->delimiter == '\t'  ? "tab"
                          : s->delimiter == ';' ? "semicolon"
                                                : "comma");
        else
            fputs("null", fp);
        fputs(", \"encoding\": ", fp);
        json_puts(fp, s->encoding ? s->encoding : "UTF-8");
        fputs(", ", fp);
        fprintf(fp, "\"bytes\": %llu, ", s->bytes);
        json_kv_ul(fp, "lines", s->lines, 1);
        json_kv_ul(fp, "rows_read", s->rows, 1);
        json_kv_ul(fp, "rows_skipped", s->skipped, 1);
        json_kv_ul(fp, "rows_blank", s->blank, 1);
        json_kv_ul(fp, "warnings", s->warnings, 1);
        fputs("\"missing_columns\": [", fp);
        for (k = 0; k < TS_COL_COUNT; k++) {
            static int first;

            if (k == 0)
                first = 1;
            if (!s->missing[k] || inputs[i].failed)
                continue;
            if (!first)
                fputs(", ", fp);
            first = 0;
            json_puts(fp, record_column_key((ts_column)k));
        }
        fputs("], \"error\": ", fp);
        if (inputs[i].failed)
            json_puts(fp, inputs[i].error);
        else
            fputs("null", fp);
        fputc('}', fp);
    }
    fprintf(fp, "\n%s]", indent);
}

static ts_status write_manifest(ts_stage *st, const ts_run *run,
                                int rendered, ts_error *err)
{
    const char *rel = "manifest.json";
    FILE *fp;
    size_t i;
    ts_status rc = stage_fopen(st, rel, &fp, err);

    if (rc != TS_OK)
        return rc;
    fputs("{\n  \"tool\": \"trialscape\",\n  \"version\": ", fp);
    json_puts(fp, run->version);
    fputs(",\n  \"libraries\": {\"libxlsxwriter\": ", fp);
    json_puts(fp, xlsx_library_version());
    fputs("},\n", fp);
    /* See zipspeed.h: whether libxlsxwriter's compression level could be
     * set to the fastest one. */
    fprintf(fp, "  \"workbook_compression\": \"%s\",\n",
            zipspeed_parts() ? "fastest" : "default");
    if (run->epoch >= 0)
        fprintf(fp, "  \"source_date_epoch\": %lld,\n", run->epoch);
    fputs("  \"query\": ", fp);
    if (run->query)
        json_puts(fp, run->query);
    else
        fputs("null", fp);
    fputs(",\n  \"title\": ", fp);
    if (run->title)
        json_puts(fp, run->title);
    else
        fputs("null", fp);
    fputs(",\n  \"inputs\": ", fp);
    report_json_inputs(fp, run->inputs, run->ninputs, "  ");
    fputs(",\n", fp);
    {
        unsigned long trials = landscape_trials(run->ls);
        unsigned long records = run->merge ? merge_records(run->merge)
                                           : trials;
        unsigned long merged = run->merge ? merge_trials(run->merge)
                                          : trials;

        /* Trials after merging, counted (a filter may leave some out). */
        fprintf(fp, "  \"records\": %lu,\n", records);
        fprintf(fp, "  \"trials\": %lu,\n", trials);
        fprintf(fp, "  \"duplicates_not_counted\": %lu,\n",
                records - merged);
        fprintf(fp, "  \"merged_trials\": %zu,\n",
                run->merge ? merge_groups(run->merge) : (size_t)0);
        fprintf(fp, "  \"links_refused\": %lu,\n",
                run->merge ? merge_refused(run->merge) : 0UL);
    }
    write_filter_json(fp, run, "  ");
    fputs(",\n", fp);
    {
        unsigned long mentions, matched, placebo;

        landscape_coverage(run->ls, &mentions, &matched, &placebo);
        fprintf(fp, "  \"coverage\": {\"drug_mentions\": %lu, "
                    "\"matched\": %lu, \"placebo_mentions\": %lu, "
                    "\"share\": %.4f, \"inferred\": %lu},\n",
                mentions, matched, placebo,
                mentions ? (double)matched / (double)mentions : 0.0,
                landscape_inferred(run->ls));
    }
    write_indications(fp, run->ls);
    if (run->dict) {
        fprintf(fp, "  \"dictionary\": {\"substances\": %zu, \"names\": %zu, "
                    "\"regimens\": %zu, \"targets\": %zu, \"files\": [",
                dict_nsubstances(run->dict), dict_nkeys(run->dict),
                dict_nregimens(run->dict), dict_ntargets(run->dict));
        for (i = 0; i < dict_nsources(run->dict); i++) {
            fputs(i ? ", {\"file\": " : "{\"file\": ", fp);
            json_puts(fp, dict_source_path(run->dict, i));
            fputs(", \"sha256\": ", fp);
            json_puts(fp, dict_source_sha256(run->dict, i));
            fputc('}', fp);
        }
        fputs("]},\n", fp);
    }
    {
        unsigned long cancer, trials;
        ts_table e = landscape_panel_e(run->ls, &cancer, &trials);

        fprintf(fp, "  \"panel_e\": {\"table\": \"%s\", \"cancer_trials\": "
                    "%lu, \"trials\": %lu, \"rule\": \"chemotherapy classes "
                    "when at least half of the trials are about cancer, drug "
                    "classes otherwise\"},\n",
                tally_name(landscape_table(run->ls, e)), cancer, trials);
    }
    fprintf(fp, "  \"denominator\": \"%s\",\n",
            landscape_denominator(run->ls) == TS_DENOM_ALL ? "all"
                                                           : "known");
    fputs("  \"tables\": {", fp);
    for (i = 0; i < TS_TABLE_COUNT; i++) {
        ts_tally *t = landscape_table(run->ls, (ts_table)i);

        fputs(i ? ", " : "", fp);
        json_puts(fp, tally_name(t));
        fprintf(fp, ": {\"denominator\": %lu, \"categories\": %zu}",
                landscape_table_denominator(run->ls, (ts_table)i),
                tally_rows(t));
    }
    fputs("},\n", fp);
    fprintf(fp, "  \"charts_rendered\": %s,\n", rendered ? "true" : "false");
    fprintf(fp, "  \"warnings_total\": %lu,\n", run->warnings_total);
    fputs("  \"warnings\": [", fp);
    for (i = 0; i < run->nwarnings; i++) {
        fputs(i ? ",\n    " : "\n    ", fp);
        json_puts(fp, run->warnings[i]);
    }
    fputs(run->nwarnings ? "\n  ]\n}\n" : "]\n}\n", fp);
    return stage_fclose(st, rel, fp, err);
}

/*
 * The trial-level outputs fill while the inputs are read. With a thread,
 * trials.tsv's lines are written into blocks of memory (open_memstream)
 * that go, whole, to a thread that writes them to the file and into the
 * workbook's Trials sheet, so the sheet is built on another core while
 * the inputs are read. (They went through a pipe before: every 64 KB the
 * kernel copied them and the two threads took turns, a tenth of the
 * reading thread's time.) Without a thread, trials.tsv is written
 * directly and read back into the sheet at the end.
 */
#define BLOCK (1 << 20)         /* bytes of rows handed over at once */
#define QUEUE 8                 /* blocks waiting at most */

typedef struct block {
    char *buf;                  /* owned; from open_memstream */
    size_t len;
} block;

struct ts_report {
    ts_stage *st;
    FILE *trials;               /* the staged trials.tsv */
    FILE *out;                  /* where rows go: trials, or a block */
    char *cur;                  /* the block being written (out's) */
    size_t cur_len;
    ts_xlsx *xlsx;
    int threaded;               /* a thread fills the Trials sheet */
    pthread_t thread;
    block queue[QUEUE];         /* blocks for the thread */
    unsigned long queued;       /* blocks handed over */
    unsigned long taken;        /* blocks the thread has taken */
    int ended;                  /* no more blocks will come */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int tee_errno;              /* the thread's first failed write to
                                 * trials.tsv (errno is per thread) */
    double seconds_sheet;       /* the thread's time on the sheet */
};

/* Copies trials.tsv lines from in into the Trials sheet. Returns 0, or
 * the errno of a failed read. */
static int fill_trials_sheet(ts_xlsx *x, FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int e = 0;

    errno = 0;
    while ((got = getline(&line, &cap, in)) > 0) {
        size_t n = (size_t)got;

        if (line[n - 1] == '\n')
            line[--n] = '\0';
        xlsx_trials_line(x, line, n);
    }
    if (!feof(in))
        e = errno ? errno : EIO;
    free(line);
    return e;
}

/* The lines of one block (buf[len] is writable) into the Trials sheet. */
static void fill_from_block(ts_xlsx *x, char *buf, size_t len)
{
    char *p = buf, *end = buf + len;

    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;

        *e = '\0';
        xlsx_trials_line(x, p, (size_t)(e - p));
        p = e + 1;
    }
}

static void *trials_thread(void *arg)
{
    ts_report *r = arg;
    double busy = 0;

    for (;;) {
        block b;
        double t0;

        pthread_mutex_lock(&r->mu);
        while (r->taken == r->queued && !r->ended)
            pthread_cond_wait(&r->cv, &r->mu);
        if (r->taken == r->queued) {
            pthread_mutex_unlock(&r->mu);
            break;
        }
        b = r->queue[r->taken % QUEUE];
        r->taken++;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        t0 = log_clock();
        /* 2026-11-30: errors showed at stage_fclose, which read the main
         * thread's errno: "Input/output error" for a full disk. */
        if (fwrite(b.buf, 1, b.len, r->trials) != b.len && !r->tee_errno)
            r->tee_errno = errno ? errno : EIO;
        fill_from_block(r->xlsx, b.buf, b.len);
        free(b.buf);
        busy += log_clock() - t0;
    }
    r->seconds_sheet = busy;
    return NULL;
}

/* Starts a new block for the rows to go to. */
static void open_block(ts_report *r)
{
    r->cur = NULL;
    r->cur_len = 0;
    r->out = open_memstream(&r->cur, &r->cur_len);
    if (!r->out)
        xalloc_fail(BLOCK);
}

/* Hands the current block to the thread (waiting while QUEUE wait) and,
 * unless last, starts the next. */
static void hand_over(ts_report *r, int last)
{
    if (fclose(r->out) != 0)
        xalloc_fail(r->cur_len);
    r->out = NULL;
    pthread_mutex_lock(&r->mu);
    if (r->cur_len > 0) {
        while (r->queued - r->taken == QUEUE)
            pthread_cond_wait(&r->cv, &r->mu);
        r->queue[r->queued % QUEUE].buf = r->cur;
        r->queue[r->queued % QUEUE].len = r->cur_len;
        r->queued++;
    } else {
        free(r->cur);
    }
    r->cur = NULL;
    if (last)
        r->ended = 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    if (!last)
        open_block(r);
}

/* Starts the thread; 0 when that cannot be done (the rows are then
 * written directly). */
static int start_thread(ts_report *r)
{
    pthread_attr_t attr;
    int ok;

    if (pthread_mutex_init(&r->mu, NULL) != 0)
        return 0;
    if (pthread_cond_init(&r->cv, NULL) != 0) {
        pthread_mutex_destroy(&r->mu);
        return 0;
    }
    /* A small stack: the thread needs little, and an address-space limit
     * (ulimit -v) should not stop the run. */
    ok = pthread_attr_init(&attr) == 0;
    if (ok) {
        pthread_attr_setstacksize(&attr, 1 << 20);
        ok = pthread_create(&r->thread, &attr, trials_thread, r) == 0;
        pthread_attr_destroy(&attr);
    }
    if (!ok) {
        pthread_cond_destroy(&r->cv);
        pthread_mutex_destroy(&r->mu);
        return 0;
    }
    open_block(r);
    return 1;
}

ts_status report_open(ts_stage *st, ts_landscape *ls, const char *version,
                      long long epoch, int threads, ts_report **out,
                      ts_error *err)
{
    ts_report *r = xcalloc(1, sizeof(*r));
    char *path;
    ts_status rc;

    *out = NULL;
    r->st = st;
    rc = stage_fopen(st, "trials.tsv", &r->trials, err);
    if (rc != TS_OK) {
        free(r);
        return rc;
    }
    setvbuf(r->trials, NULL, _IOFBF, 1 << 20);
    path = stage_path(st, "landscape.xlsx");
    rc = xlsx_open(path, "landscape.xlsx", stage_dir(st), ls, version, epoch,
                   threads, &r->xlsx, err);
    free(path);
    if (rc != TS_OK) {
        fclose(r->trials);
        free(r);
        return rc;
    }
    r->threaded = threads > 1 && start_thread(r);
    if (!r->threaded)
        r->out = r->trials;
    trials_write_header(r->out);
    *out = r;
    return TS_OK;
}

void report_trial(ts_report *r, const ts_trial *trial)
{
    trials_write_row(r->out, trial);
    if (r->threaded && ftello(r->out) >= BLOCK)
        hand_over(r, 0);
}

/* Hands the last rows over and waits for the thread to finish them. */
static void stop_thread(ts_report *r)
{
    if (!r->threaded)
        return;
    hand_over(r, 1);
    pthread_join(r->thread, NULL);
    pthread_cond_destroy(&r->cv);
    pthread_mutex_destroy(&r->mu);
    r->threaded = 0;
}

/* Ends the trial rows: the thread has written all of trials.tsv and the
 * Trials sheet, or the sheet has been read back from the file. */
static ts_status end_trials(ts_report *r, ts_error *err)
{
    ts_status rc;
    int filled = r->threaded;

    stop_thread(r);
    r->out = NULL;
    if (r->tee_errno)
        errno = r->tee_errno;   /* what stage_fclose reports */
    rc = stage_fclose(r->st, "trials.tsv", r->trials, err);
    r->trials = NULL;
    if (rc == TS_OK && !filled) {
        char *path = stage_path(r->st, "trials.tsv");
        FILE *fp = fopen(path, "rb");
        double t0 = log_clock();

        if (!fp) {
            rc = ts_error_sys(err, TS_ERR_OUTPUT, errno, "trials.tsv",
                              "cannot read back trials");
        } else {
            int e;

            setvbuf(fp, NULL, _IOFBF, 1 << 20);
            e = fill_trials_sheet(r->xlsx, fp);
            if (e)
                rc = ts_error_sys(err, TS_ERR_OUTPUT, e, "trials.tsv",
                                  "cannot read back trials");
            fclose(fp);
        }
        r->seconds_sheet = log_clock() - t0;
        free(path);
    }
    return rc;
}

void report_abort(ts_report *r)
{
    if (!r)
        return;
    if (r->trials) {
        ts_error ignored;

        stop_thread(r);
        /* Closed to free it; the stage's removal discards the file. */
        stage_fclose(r->st, "trials.tsv", r->trials, &ignored);
    }
    xlsx_discard(r->xlsx);
    free(r);
}

ts_status report_close(ts_report *r, const ts_run *run,
                       ts_report_opts *opts, ts_report_warn_fn warn,
                       void *ctx, ts_error *err)
{
    ts_status rc;
    size_t i;
    int render = opts->charts && plot_gnuplot_available();
    ts_xlsx_loss loss = {0, 0};
    ts_charts *charts = NULL;
    ts_error e;
    ts_status rc2;
    double t0, t1;

    /* The tallies are final: the tables and the charts' scripts first,
     * then gnuplot renders while the Trials sheet ends and the workbook
     * closes (the charts' time includes theirs). */
    rc = TS_OK;
    for (i = 0; i < TS_TABLE_COUNT && rc == TS_OK; i++)
        rc = write_table(r->st, run->ls, (ts_table)i, err);
    for (i = 0; i < TS_X_COUNT && rc == TS_OK; i++)
        rc = write_crosstab(r->st, landscape_crosstab(run->ls, (ts_xtab)i),
                            err);
    for (i = 0; i < TS_ENROLLMENT_TABLES && rc == TS_OK; i++)
        rc = write_enrollment(r->st, landscape_enrollment(run->ls, i), err);
    if (rc == TS_OK)
        rc = write_unmapped(r->st, run->ls, err);
    if (rc == TS_OK)
        rc = write_duplicates(r->st, run, err);
    if (rc == TS_OK)
        rc = write_json(r->st, run, err);
    if (rc == TS_OK && opts->charts && !render && warn) {
        ts_error w;

        ts_error_set(&w, TS_ERR_PLOT, NULL, 0, 0,
                     "gnuplot not found: figures/*.gp and *.dat written, "
                     "no PNG/SVG/PDF (install gnuplot, then run gnuplot "
                     "NAME.gp in figures/)");
        warn(ctx, &w);
    }
    t0 = log_clock();
    /* With -j 1 gnuplot renders before the rest, one process at a time. */
    if (rc == TS_OK)
        rc = figures_write(r->st, run, opts, render,
                           opts->jobs > 1 ? &charts : NULL, err);
    /* end_trials always runs: it stops the sheet's thread. Its error
     * (trials.tsv, written while reading) happened first. */
    rc2 = end_trials(r, &e);
    if (rc2 != TS_OK) {
        rc = rc2;
        *err = e;
    }
    opts->seconds_sheet = r->seconds_sheet;
    t1 = log_clock();
    if (rc == TS_OK) {
        rc = xlsx_close(r->xlsx, run, opts->top, &loss, err);
        r->xlsx = NULL;
    }
    opts->seconds_workbook = log_clock() - t1;
    rc2 = report_charts_finish(charts, &e);
    if (rc == TS_OK && rc2 != TS_OK) {
        rc = rc2;
        *err = e;
    }
    opts->seconds_charts = log_clock() - t0;
    if (rc != TS_OK) {
        report_abort(r);
        return rc;
    }
    if (rc == TS_OK && loss.cut && warn) {
        ts_error w;

        ts_error_set(&w, TS_ERR_XLSX, "landscape.xlsx", 0, 0,
                     "%lu cells longer than Excel's 32767 characters were "
                     "cut in the workbook (trials.tsv has them whole)",
                     loss.cut);
        warn(ctx, &w);
    }
    if (rc == TS_OK && loss.beyond && warn) {
        ts_error w;

        ts_error_set(&w, TS_ERR_XLSX, "landscape.xlsx", 0, 0,
                     "the Trials sheet is full at Excel's 1048576 rows: %lu "
                     "more trials are only in trials.tsv",
                     loss.beyond);
        warn(ctx, &w);
    }
    if (rc == TS_OK)
        rc = write_manifest(r->st, run, render, err);
    free(r);
    return rc;
}
