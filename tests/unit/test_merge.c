/*
 * test_merge.c - unit tests of the merge stage (analyze/merge.h): records
 * linked by primary and secondary identifiers within and across
 * registries, EU CTR country copies and CTIS resubmissions, precedence,
 * countries of every record, refused links, streaming versus spooling,
 * and the rows of tables/duplicates.tsv.
 */
#include "tests/unit/unit.h"

#include "analyze/merge.h"
#include "ingest/registry.h"

/* What the merge handed over: one line per trial,
 * "ID <- NCT | records | countries | ids | registries". */
typedef struct got {
    ts_strbuf trials;
    size_t ntrials;
    ts_strbuf warns;
    size_t nwarns;
} got;

static void on_trial(void *ctx, const ts_merged *m)
{
    got *g = ctx;
    const ts_record *r = m->rec;
    size_t i;

    sb_printf(&g->trials, "%s(%s:%lu)|%s|%zu|%s|%s|", m->id, r->file,
              r->line, m->nct, m->nrecords,
              r->present[TS_COL_COUNTRIES] ? r->value[TS_COL_COUNTRIES]
                                           : r->value[TS_COL_LOCATIONS],
              m->ids);
    for (i = 0; i < TS_REG_COUNT; i++)
        if (m->registries & (1u << i))
            sb_printf(&g->trials, "%s,", registry_key((ts_registry)i));
    sb_printf(&g->trials, "|%s\n", r->value[TS_COL_PHASES]);
    g->ntrials++;
}

static void on_warn(void *ctx, const ts_error *w)
{
    got *g = ctx;

    sb_printf(&g->warns, "%s:%lu: %s\n", w->file, w->line, w->msg);
    g->nwarns++;
}

/* A record: registry, copy flag, file and line, id, other ids, country
 * list ("" for none), sites ("" for none) and phase. */
static ts_status add(ts_merge *m, ts_registry reg, int copy, const char *file,
                     unsigned long line, const char *id, const char *other,
                     const char *countries, const char *sites,
                     const char *phase)
{
    ts_record rec;
    ts_error err;
    ts_status rc;
    size_t i;

    memset(&rec, 0, sizeof(rec));
    rec.format = "unit";
    rec.registry = reg;
    rec.copy = copy;
    rec.file = file;
    rec.line = line;
    rec.row = line - 1;
    for (i = 0; i < TS_COL_COUNT; i++)
        rec.value[i] = "";
    rec.value[TS_COL_ID] = id;
    rec.value[TS_COL_OTHER_IDS] = other;
    rec.value[TS_COL_COUNTRIES] = countries;
    rec.value[TS_COL_LOCATIONS] = sites;
    rec.value[TS_COL_PHASES] = phase;
    for (i = 0; i < TS_COL_COUNT; i++)
        rec.len[i] = strlen(rec.value[i]);
    rec.present[TS_COL_ID] = rec.present[TS_COL_OTHER_IDS] = 1;
    rec.present[TS_COL_PHASES] = 1;
    rec.present[TS_COL_COUNTRIES] = countries[0] != '\0';
    rec.present[TS_COL_LOCATIONS] = sites[0] != '\0';
    rec.name[TS_COL_ID] = reg == TS_REG_CTGOV && !copy ? "NCT Number"
                                                       : "TrialID";
    rec.name[TS_COL_OTHER_IDS] = reg == TS_REG_CTGOV && !copy
                                     ? "Other IDs"
                                     : "Secondary IDs";
    rc = merge_add(m, &rec, &err);
    if (rc != TS_OK)
        assert_int_equal(err.status, rc);
    return rc;
}

/* The duplicates rows as "group|trial|record|registry|file:line|linked|
 * used" lines. */
static char *rows(ts_merge *m)
{
    ts_strbuf sb = {0};
    size_t i;

    for (i = 0; i < merge_dup_rows(m); i++) {
        ts_dup_row r;

        merge_dup_row(m, i, &r);
        sb_printf(&sb, "%zu|%s|%s|%s|%s:%lu|%s|%s\n", r.group, r.trial_id,
                  r.record_id, registry_key(r.registry), r.file, r.line,
                  r.linked_by, r.used ? "yes" : "no");
    }
    if (!sb.buf)
        sb_puts(&sb, "");
    return sb.buf;
}

#define assert_rows_are(m, want)                                            \
    do {                                                                    \
        char *rows_ = rows(m);                                              \
        assert_string_equal(rows_, want);                                   \
        free(rows_);                                                        \
    } while (0)

static ts_merge *new_merge(got *g)
{
    memset(g, 0, sizeof(*g));
    return merge_new(NULL, on_trial, on_warn, g);
}

static void done(ts_merge *m, got *g)
{
    merge_free(m);
    sb_free(&g->trials);
    sb_free(&g->warns);
}

static void finish(ts_merge *m)
{
    ts_error err;

    assert_int_equal(merge_finish(m, &err), TS_OK);
}

static void test_merge_add_hands_streamed_record_over_at_once(void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    merge_stream(m);
    add(m, TS_REG_CTGOV, 0, "a.csv", 2, "NCT01234567",
        "ABC-1|EudraCT 2015-001234-56|NCT07654321", "",
        "S, Lyon, France|T, Seoul, Korea, Republic of", "PHASE2");
    /* Handed over before the end; its own registry's other number names
     * a related study and links nothing. */
    assert_string_equal(sb_str(&g.trials),
                        "NCT01234567(a.csv:2)|NCT01234567|1|S, Lyon, France|"
                        "T, Seoul, Korea, Republic of|NCT01234567; "
                        "2015-001234-56|ctgov,|PHASE2\n");
    finish(m);
    assert_int_equal(g.ntrials, 1);
    assert_int_equal(merge_records(m), 1);
    assert_int_equal(merge_trials(m), 1);
    assert_int_equal(merge_groups(m), 0);
    assert_rows_are(m, "");
    done(m, &g);
}

static void test_merge_add_counts_a_number_exported_twice_once(void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    merge_stream(m);
    add(m, TS_REG_CTGOV, 0, "a.csv", 2, "NCT00000001", "", "", "", "PHASE1");
    add(m, TS_REG_CTGOV, 0, "a.csv", 3, "NCT00000002", "", "", "", "PHASE2");
    add(m, TS_REG_CTGOV, 0, "b.csv", 7,
        "https://clinicaltrials.gov/study/NCT00000002", "", "", "",
        "PHASE3");
    add(m, TS_REG_CTGOV, 0, "b.csv", 8, "NCT00000001", "", "", "", "PHASE4");
    finish(m);
    assert_int_equal(g.ntrials, 2);
    assert_int_equal(merge_records(m), 4);
    assert_int_equal(merge_trials(m), 2);
    assert_int_equal(merge_groups(m), 2);
    /* Grouped by trial, whatever order the copies came in. */
    assert_rows_are(m, "1|NCT00000001|NCT00000001|ctgov|a.csv:2||yes\n"
                       "1|NCT00000001|NCT00000001|ctgov|b.csv:8|"
                       "same ClinicalTrials.gov number (the record is read "
                       "again)|no\n"
                       "2|NCT00000002|NCT00000002|ctgov|a.csv:3||yes\n"
                       "2|NCT00000002|NCT00000002|ctgov|b.csv:7|"
                       "same ClinicalTrials.gov number (the record is read "
                       "again)|no\n");
    assert_int_equal(g.nwarns, 0);
    done(m, &g);
}

static void test_merge_finish_hands_spooled_records_over_in_order(
    void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    /* Without merge_stream() nothing is handed over before the end. */
    add(m, TS_REG_CTGOV, 0, "a.csv", 2, "NCT00000002", "", "", "", "PHASE2");
    add(m, TS_REG_CTGOV, 0, "a.csv", 3, "NCT00000001", "", "", "", "PHASE1");
    add(m, TS_REG_CTGOV, 0, "a.csv", 4, "", "", "", "", "PHASE3");
    add(m, TS_REG_CTGOV, 0, "a.csv", 5, "", "", "", "", "PHASE4");
    assert_int_equal(g.ntrials, 0);
    finish(m);
    /* Records without a number are trials of their own. */
    assert_string_equal(sb_str(&g.trials),
                        "NCT00000002(a.csv:2)|NCT00000002|1||NCT00000002|"
                        "ctgov,|PHASE2\n"
                        "NCT00000001(a.csv:3)|NCT00000001|1||NCT00000001|"
                        "ctgov,|PHASE1\n"
                        "(a.csv:4)||1|||ctgov,|PHASE3\n"
                        "(a.csv:5)||1|||ctgov,|PHASE4\n");
    done(m, &g);
}

static void test_merge_joins_eu_ctr_country_copies(void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    add(m, TS_REG_EUCTR, 1, "ictrp.csv", 2, "EUCTR2015-001234-56-DE", "",
        "Germany", "", "Phase 2");
    add(m, TS_REG_EUCTR, 1, "ictrp.csv", 3, "EUCTR2015-001234-56-FR", "",
        "France|Germany", "", "Phase 3");
    add(m, TS_REG_EUCTR, 1, "ictrp.csv", 4, "EUCTR2016-000001-11-IT", "",
        "Italy", "", "Phase 1");
    finish(m);
    assert_string_equal(sb_str(&g.trials),
                        "2015-001234-56(ictrp.csv:2)||2|Germany|France|"
                        "2015-001234-56|euctr,|Phase 2\n"
                        "2016-000001-11(ictrp.csv:4)||1|Italy|"
                        "2016-000001-11|euctr,|Phase 1\n");
    assert_rows_are(m,
                    "1|2015-001234-56|EUCTR2015-001234-56-DE|euctr|"
                    "ictrp.csv:2||yes\n"
                    "1|2015-001234-56|EUCTR2015-001234-56-FR|euctr|"
                    "ictrp.csv:3|same EU CTR number as "
                    "EUCTR2015-001234-56-DE|no\n");
    done(m, &g);
}

static void test_merge_joins_ctis_resubmissions(void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    add(m, TS_REG_CTIS, 0, "ctis.csv", 2, "2023-501234-12-00", "", "Spain",
        "", "");
    add(m, TS_REG_CTIS, 0, "ctis.csv", 3, "2023-501234-12-01", "", "Italy",
        "", "");
    finish(m);
    assert_int_equal(g.ntrials, 1);
    assert_string_equal(sb_str(&g.trials),
                        "2023-501234-12(ctis.csv:2)||2|Spain|Italy|"
                        "2023-501234-12|ctis,|\n");
    done(m, &g);
}

/* The case of issue 12: an ICTRP export and a ClinicalTrials.gov export
 * of the same search, the EU CTR copy naming the NCT number. */
static void test_merge_clinicaltrials_record_takes_spooled_copies_over(
    void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    add(m, TS_REG_EUCTR, 1, "ictrp.csv", 2, "EUCTR2015-001234-56-DE",
        "NCT01234567", "Germany", "", "Phase 2");
    add(m, TS_REG_EUCTR, 1, "ictrp.csv", 3, "EUCTR2015-001234-56-FR", "",
        "France", "", "Phase 2");
    add(m, TS_REG_CTGOV, 1, "ictrp.csv", 4, "NCT01234567", "", "Spain", "",
        "Phase 3");
    add(m, TS_REG_CHICTR, 0, "ictrp.csv", 5, "ChiCTR2000029308", "", "China",
        "", "0");
    merge_stream(m);
    add(m, TS_REG_CTGOV, 0, "ctg.csv", 2, "NCT01234567", "", "",
        "S, Boston, United States|T, Berlin, Germany", "PHASE2|PHASE3");
    /* Taken over at once: ClinicalTrials.gov's values, every record's
     * countries and numbers. */
    assert_string_equal(sb_str(&g.trials),
                        "NCT01234567(ctg.csv:2)|NCT01234567|4|United States|"
                        "Germany|France|Spain|NCT01234567; 2015-001234-56|"
                        "ctgov,euctr,|PHASE2|PHASE3\n");
    finish(m);
    assert_int_equal(g.ntrials, 2);
    assert_int_equal(merge_records(m), 5);
    assert_int_equal(merge_groups(m), 1);
    assert_rows_are(m,
                    "1|NCT01234567|NCT01234567|ctgov|ctg.csv:2||yes\n"
                    "1|NCT01234567|EUCTR2015-001234-56-DE|euctr|ictrp.csv:2|"
                    "Secondary IDs of EUCTR2015-001234-56-DE lists "
                    "NCT01234567|no\n"
                    "1|NCT01234567|EUCTR2015-001234-56-FR|euctr|ictrp.csv:3|"
                    "same EU CTR number as EUCTR2015-001234-56-DE|no\n"
                    "1|NCT01234567|NCT01234567|ctgov|ictrp.csv:4|"
                    "Secondary IDs of EUCTR2015-001234-56-DE lists "
                    "NCT01234567|no\n");
    assert_int_equal(g.nwarns, 0);
    done(m, &g);
}

static void test_merge_links_by_other_ids_of_the_clinicaltrials_record(
    void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    add(m, TS_REG_EUCTR, 0, "euctr.txt", 2, "2015-001234-56", "", "Italy",
        "", "Phase 2");
    merge_stream(m);
    add(m, TS_REG_CTGOV, 0, "ctg.csv", 2, "NCT01234567",
        "CA209-1|EudraCT: 2015-001234-56", "", "S, Rome, Italy", "PHASE2");
    finish(m);
    assert_int_equal(g.ntrials, 1);
    assert_rows_are(m, "1|NCT01234567|NCT01234567|ctgov|ctg.csv:2||yes\n"
                       "1|NCT01234567|2015-001234-56|euctr|euctr.txt:2|"
                       "Other IDs of NCT01234567 lists 2015-001234-56|no\n");
    done(m, &g);
}

static void test_merge_chooses_values_by_precedence(void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    /* Read first, but the last in precedence: an ISRCTN record, then the
     * EU CTR's own record, then ICTRP's copy of the NCT record. */
    add(m, TS_REG_ISRCTN, 0, "isrctn.csv", 2, "ISRCTN12345678",
        "2015-001234-56|NCT01234567", "United Kingdom", "", "isrctn");
    add(m, TS_REG_EUCTR, 0, "euctr.txt", 9, "2015-001234-56", "", "Spain",
        "", "euctr");
    add(m, TS_REG_CTGOV, 1, "ictrp.csv", 4, "NCT01234567", "", "Peru", "",
        "ctgov copy");
    finish(m);
    assert_string_equal(sb_str(&g.trials),
                        "NCT01234567(ictrp.csv:4)|NCT01234567|3|Peru|"
                        "United Kingdom|Spain|NCT01234567; ISRCTN12345678; "
                        "2015-001234-56|ctgov,euctr,isrctn,|ctgov copy\n");
    assert_rows_are(m,
                    "1|NCT01234567|ISRCTN12345678|isrctn|isrctn.csv:2||no\n"
                    "1|NCT01234567|2015-001234-56|euctr|euctr.txt:9|"
                    "Secondary IDs of ISRCTN12345678 lists "
                    "2015-001234-56|no\n"
                    "1|NCT01234567|NCT01234567|ctgov|ictrp.csv:4|"
                    "Secondary IDs of ISRCTN12345678 lists NCT01234567|"
                    "yes\n");
    done(m, &g);
}

/* Two records listing the same number of a registry not read are one
 * trial too. */
static void test_merge_links_records_sharing_a_secondary_id(void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    add(m, TS_REG_ISRCTN, 0, "isrctn.csv", 2, "ISRCTN12345678",
        "U1111-1234-5678", "", "", "");
    add(m, TS_REG_DRKS, 1, "ictrp.csv", 3, "DRKS00012345",
        "U1111-1234-5678", "", "", "");
    finish(m);
    assert_int_equal(g.ntrials, 1);
    assert_rows_are(m,
                    "1|ISRCTN12345678|ISRCTN12345678|isrctn|isrctn.csv:2||"
                    "yes\n"
                    "1|ISRCTN12345678|DRKS00012345|drks|ictrp.csv:3|"
                    "Secondary IDs of DRKS00012345 and Secondary IDs of "
                    "ISRCTN12345678 both list U1111-1234-5678|no\n");
    done(m, &g);
}

/* A trial never holds two numbers of one registry: an EU trial listing
 * two NCT numbers joins the first, and the second link is refused. */
static void test_merge_refuses_a_link_to_a_second_number_of_a_registry(
    void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    add(m, TS_REG_CTGOV, 1, "ictrp.csv", 2, "NCT00000001", "", "", "", "");
    add(m, TS_REG_CTGOV, 1, "ictrp.csv", 3, "NCT00000002", "", "", "", "");
    add(m, TS_REG_EUCTR, 1, "ictrp.csv", 4, "EUCTR2015-001234-56-DE",
        "NCT00000001; NCT00000002", "", "", "");
    finish(m);
    assert_int_equal(g.ntrials, 2);
    assert_int_equal(merge_refused(m), 1);
    assert_string_equal(sb_str(&g.warns),
                        "ictrp.csv:4: NCT00000002 links records not merged: "
                        "they would make one trial of NCT00000001 and "
                        "NCT00000002, two ClinicalTrials.gov numbers\n");
    done(m, &g);
}

/* The same in streaming: a ClinicalTrials.gov record cannot take over a
 * group another one took. */
static void test_merge_refuses_a_group_taken_by_another_streamed_record(
    void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    add(m, TS_REG_EUCTR, 0, "euctr.txt", 2, "2015-001234-56", "", "Italy",
        "", "");
    merge_stream(m);
    add(m, TS_REG_CTGOV, 0, "ctg.csv", 2, "NCT00000001", "2015-001234-56",
        "", "", "");
    add(m, TS_REG_CTGOV, 0, "ctg.csv", 3, "NCT00000002", "2015-001234-56",
        "", "", "");
    finish(m);
    assert_int_equal(g.ntrials, 2);
    assert_int_equal(merge_refused(m), 1);
    assert_int_equal(merge_groups(m), 1);
    done(m, &g);
}

/* A record read after streaming began still joins its trial (listed in
 * the duplicates), though it is handed over with its values already. */
static void test_merge_joins_late_record_to_streamed_trial(void **state)
{
    got g;
    ts_merge *m = new_merge(&g);

    (void)state;
    merge_stream(m);
    add(m, TS_REG_CTGOV, 0, "ctg.csv", 2, "NCT00000001", "", "", "", "");
    add(m, TS_REG_EUCTR, 1, "ictrp.csv", 2, "EUCTR2015-001234-56-DE",
        "NCT00000001", "", "", "");
    finish(m);
    assert_int_equal(g.ntrials, 1);
    assert_int_equal(merge_records(m), 2);
    assert_rows_are(m, "1|NCT00000001|NCT00000001|ctgov|ctg.csv:2||yes\n"
                       "1|NCT00000001|EUCTR2015-001234-56-DE|euctr|"
                       "ictrp.csv:2|Secondary IDs of EUCTR2015-001234-56-DE "
                       "lists NCT00000001|no\n");
    done(m, &g);
}

static void test_merge_defers_every_format_but_clinicaltrials_own(
    void **state)
{
    ts_reader ctgov, ictrp, euctr;

    (void)state;
    memset(&ctgov, 0, sizeof(ctgov));
    ictrp = euctr = ctgov;
    ctgov.registry = TS_REG_CTGOV;
    ictrp.registry = TS_REG_UNKNOWN;
    euctr.registry = TS_REG_EUCTR;
    assert_int_equal(merge_defers(&ctgov), 0);
    assert_int_equal(merge_defers(&ictrp), 1);
    assert_int_equal(merge_defers(&euctr), 1);
    assert_int_equal(merge_defers(NULL), 1);
}

static void test_merge_add_reports_a_spool_it_cannot_create(void **state)
{
    got g;
    ts_merge *m;
    ts_record rec;
    ts_error err;
    size_t i;

    (void)state;
    memset(&g, 0, sizeof(g));
    m = merge_new("/nonexistent/trialscape", on_trial, on_warn, &g);
    memset(&rec, 0, sizeof(rec));
    for (i = 0; i < TS_COL_COUNT; i++)
        rec.value[i] = "";
    rec.file = "x.csv";
    rec.registry = TS_REG_EUCTR;
    assert_int_equal(merge_add(m, &rec, &err), TS_ERR_OUTPUT);
    assert_string_equal(err.file, "/nonexistent/trialscape");
    assert_string_equal(err.msg, "cannot create the merge spool: No such "
                                 "file or directory");
    done(m, &g);
    merge_free(NULL);
}

/* Many copies of one trial and many trials: nothing quadratic, every
 * trial handed over once, the copies listed. */
static void test_merge_handles_many_records(void **state)
{
    got g;
    ts_merge *m = new_merge(&g);
    char id[64], other[64];
    unsigned long i;

    (void)state;
    for (i = 0; i < 2000; i++)
        add(m, TS_REG_EUCTR, 1, "ictrp.csv", i + 2,
            "EUCTR2015-001234-56-DE", "", "Germany", "", "");
    for (i = 0; i < 20000; i++) {
        snprintf(id, sizeof(id), "ISRCTN%08lu", i + 1);
        snprintf(other, sizeof(other), "NCT%08lu", i + 1);
        add(m, TS_REG_ISRCTN, 0, "isrctn.csv", i + 2, id, other, "", "", "");
    }
    merge_stream(m);
    for (i = 0; i < 20000; i += 2) {
        snprintf(id, sizeof(id), "NCT%08lu", i + 1);
        add(m, TS_REG_CTGOV, 0, "ctg.csv", i + 2, id, "", "", "", "");
    }
    finish(m);
    assert_int_equal(merge_records(m), 2000 + 20000 + 10000);
    assert_int_equal(g.ntrials, 1 + 20000);
    assert_int_equal(merge_groups(m), 1 + 10000);
    assert_int_equal(merge_dup_rows(m), 2000 + 2 * 10000);
    done(m, &g);
}

/* A record's file name need not outlive merge_add(): records held for
 * automatic indications name theirs with a copy freed on release. */
static void test_merge_copies_file_names(void **state)
{
    got g;
    ts_merge *m = new_merge(&g);
    char *a = strdup("a.csv"), *b = strdup("b.csv");

    (void)state;
    add(m, TS_REG_CTGOV, 0, a, 2, "NCT00000001", "", "", "", "PHASE1");
    add(m, TS_REG_CTGOV, 0, b, 3, "NCT00000001", "", "", "", "PHASE2");
    memset(a, 'x', 5);
    memset(b, 'y', 5);
    free(a);
    free(b);
    finish(m);
    assert_string_equal(sb_str(&g.trials),
                        "NCT00000001(a.csv:2)|NCT00000001|2||NCT00000001|"
                        "ctgov,|PHASE1\n");
    assert_rows_are(m, "1|NCT00000001|NCT00000001|ctgov|a.csv:2||yes\n"
                       "1|NCT00000001|NCT00000001|ctgov|b.csv:3|"
                       "same ClinicalTrials.gov number as NCT00000001|no\n");
    done(m, &g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_add_hands_streamed_record_over_at_once),
        cmocka_unit_test(test_merge_add_counts_a_number_exported_twice_once),
        cmocka_unit_test(
            test_merge_finish_hands_spooled_records_over_in_order),
        cmocka_unit_test(test_merge_joins_eu_ctr_country_copies),
        cmocka_unit_test(test_merge_joins_ctis_resubmissions),
        cmocka_unit_test(
            test_merge_clinicaltrials_record_takes_spooled_copies_over),
        cmocka_unit_test(
            test_merge_links_by_other_ids_of_the_clinicaltrials_record),
        cmocka_unit_test(test_merge_chooses_values_by_precedence),
        cmocka_unit_test(test_merge_links_records_sharing_a_secondary_id),
        cmocka_unit_test(
            test_merge_refuses_a_link_to_a_second_number_of_a_registry),
        cmocka_unit_test(
            test_merge_refuses_a_group_taken_by_another_streamed_record),
        cmocka_unit_test(test_merge_joins_late_record_to_streamed_trial),
        cmocka_unit_test(
            test_merge_defers_every_format_but_clinicaltrials_own),
        cmocka_unit_test(test_merge_add_reports_a_spool_it_cannot_create),
        cmocka_unit_test(test_merge_handles_many_records),
        cmocka_unit_test(test_merge_copies_file_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
