/*
 * test_compare.c - unit tests of compare's identifier set and changes
 * (analyze/compare.h) and of the side-by-side rows of its report
 * (report/comparison.h), through their headers: added, removed, status
 * and phase changes, their order, duplicates, identifiers that are not
 * NCT numbers, trials without one, the filter's "kept" on each side, the
 * memory per trial, and rows merging both sides' categories.
 */
#include "tests/unit/unit.h"

#include "analyze/compare.h"
#include "analyze/landscape.h"
#include "ingest/record.h"
#include "report/comparison.h"

typedef struct side_trial {
    const char *id;             /* NCT number or another registry's id */
    const char *status;
    const char *phases;
} side_trial;

static void read_trial(ts_landscape *ls, const side_trial *s, ts_record *rec,
                       ts_trial *t)
{
    static ts_merged_one one;
    size_t i;

    memset(rec, 0, sizeof(*rec));
    rec->format = "ctgov-modern";
    rec->file = "unit.csv";
    for (i = 0; i < TS_COL_COUNT; i++) {
        rec->value[i] = "";
        rec->present[i] = 1;
    }
    rec->value[TS_COL_ID] = s->id;
    rec->len[TS_COL_ID] = strlen(s->id);
    rec->value[TS_COL_STATUS] = s->status;
    rec->len[TS_COL_STATUS] = strlen(s->status);
    rec->value[TS_COL_PHASES] = s->phases;
    rec->len[TS_COL_PHASES] = strlen(s->phases);
    landscape_read(ls, merge_one(rec, &one), t);
}

/* Reads a side's trials into ls and cmp; kept[i] == 0 leaves trial i out
 * (as a filter would); kept may be NULL. */
static void add_side(ts_compare *cmp, ts_landscape *ls, int side,
                     const side_trial *trials, size_t n, const int *kept)
{
    size_t i;

    for (i = 0; i < n; i++) {
        ts_record rec;
        ts_trial t;
        int k = kept ? kept[i] : 1;

        read_trial(ls, &trials[i], &rec, &t);
        if (k)
            landscape_count(ls, &t);
        else
            landscape_leave_out(ls, &t);
        if (side == 0)
            compare_add_a(cmp, &t, k);
        else
            compare_add_b(cmp, &t, k);
    }
}

/* Every change as "ID kind from>to" lines. */
static char *changes_of(ts_compare *cmp)
{
    ts_strbuf sb = {0};
    size_t i;

    for (i = 0; i < compare_changes(cmp); i++) {
        ts_change ch;

        compare_change(cmp, i, &ch);
        sb_printf(&sb, "%s %s %s>%s\n", ch.id, compare_kind_name(ch.kind),
                  ch.from, ch.to);
    }
    return sb.buf ? sb.buf : xstrdup("");
}

static void test_compare_finds_added_removed_status_and_phase(void **state)
{
    static const side_trial a[] = {
        {"NCT00000003", "RECRUITING", "PHASE2"},
        {"NCT00000001", "RECRUITING", "PHASE1"},
        {"NCT00000002", "COMPLETED", "PHASE2"},
        {"NCT00000004", "COMPLETED", "PHASE3"},
    };
    static const side_trial b[] = {
        {"NCT00000004", "COMPLETED", "PHASE3"},
        {"NCT00000005", "NOT_YET_RECRUITING", "PHASE1"},
        {"NCT00000001", "ACTIVE_NOT_RECRUITING", "PHASE1|PHASE2"},
        {"NCT00000002", "COMPLETED", ""},
    };
    ts_landscape *la = landscape_new(TS_DENOM_ALL);
    ts_landscape *lb = landscape_new(TS_DENOM_ALL);
    ts_compare *cmp = compare_new();
    char *got;

    (void)state;
    add_side(cmp, la, 0, a, 4, NULL);
    add_side(cmp, lb, 1, b, 4, NULL);
    compare_finish(cmp);
    got = changes_of(cmp);
    /* By identifier, then kind: a trial with both changes has two rows. */
    assert_string_equal(got,
                        "NCT00000001 status Recruiting>Active, not recruiting\n"
                        "NCT00000001 phase Phase I>Phase I/II\n"
                        "NCT00000002 phase Phase II>Not reported\n"
                        "NCT00000003 removed Recruiting>\n"
                        "NCT00000005 added >Not yet recruiting\n");
    assert_int_equal(compare_count(cmp, TS_CHANGE_ADDED), 1);
    assert_int_equal(compare_count(cmp, TS_CHANGE_REMOVED), 1);
    assert_int_equal(compare_count(cmp, TS_CHANGE_STATUS), 1);
    assert_int_equal(compare_count(cmp, TS_CHANGE_PHASE), 2);
    assert_int_equal(compare_held(cmp), 5);
    assert_int_equal(compare_unidentified(cmp, 0), 0);
    /* Out of order too. */
    {
        ts_change ch;

        compare_change(cmp, 3, &ch);
        assert_string_equal(ch.id, "NCT00000003");
        compare_change(cmp, 0, &ch);
        assert_string_equal(ch.id, "NCT00000001");
        assert_int_equal(ch.kind, TS_CHANGE_STATUS);
        compare_change(cmp, 1, &ch);
        assert_int_equal(ch.kind, TS_CHANGE_PHASE);
        compare_change(cmp, 5, &ch);
        assert_string_equal(ch.id, "");
    }
    free(got);
    compare_free(cmp);
    compare_free(NULL);
    landscape_free(la);
    landscape_free(lb);
}

static void test_compare_matches_other_registries_ids_and_counts_none(
    void **state)
{
    static const side_trial a[] = {
        {"ISRCTN12345678", "Recruiting", "Phase 2"},
        {"euctr2015-001234-56", "Completed", ""},
        {"", "Completed", ""},
        {"ISRCTN12345678", "Completed", "Phase 3"},     /* again: ignored */
    };
    static const side_trial b[] = {
        {" ISRCTN12345678 ", "Completed", "Phase 2"},
        {"ChiCTR2000029308", "Recruiting", ""},
        {"ChiCTR2000029308", "Recruiting", ""},         /* again */
        {"", "Recruiting", ""},
        {"", "Recruiting", ""},
    };
    ts_landscape *la = landscape_new(TS_DENOM_ALL);
    ts_landscape *lb = landscape_new(TS_DENOM_ALL);
    ts_compare *cmp = compare_new();
    char *got;

    (void)state;
    add_side(cmp, la, 0, a, 4, NULL);
    add_side(cmp, lb, 1, b, 5, NULL);
    compare_finish(cmp);
    got = changes_of(cmp);
    /* Non-NCT trials are matched by their canonical number (merge.h):
     * EudraCT numbers without ICTRP's EUCTR prefix. */
    assert_string_equal(got, "2015-001234-56 removed Completed>\n"
                             "CHICTR2000029308 added >Recruiting\n"
                             "ISRCTN12345678 status Recruiting>Completed\n");
    assert_int_equal(compare_unidentified(cmp, 0), 1);
    assert_int_equal(compare_unidentified(cmp, 1), 2);
    free(got);
    compare_free(cmp);
    landscape_free(la);
    landscape_free(lb);
}

static void test_compare_with_filter_adds_and_removes_by_kept(void **state)
{
    static const side_trial a[] = {
        {"NCT00000001", "RECRUITING", "PHASE2"},    /* kept, then not */
        {"NCT00000002", "RECRUITING", "PHASE1"},    /* not, then kept */
        {"NCT00000003", "RECRUITING", "PHASE1"},    /* kept on both */
        {"NCT00000004", "RECRUITING", "PHASE1"},    /* left out on both */
    };
    static const side_trial b[] = {
        {"NCT00000001", "COMPLETED", "PHASE3"},
        {"NCT00000002", "COMPLETED", "PHASE2"},
        {"NCT00000003", "COMPLETED", "PHASE1"},
        {"NCT00000004", "COMPLETED", "PHASE4"},
    };
    static const int kept_a[] = {1, 0, 1, 0}, kept_b[] = {0, 1, 1, 0};
    ts_landscape *la = landscape_new(TS_DENOM_ALL);
    ts_landscape *lb = landscape_new(TS_DENOM_ALL);
    ts_compare *cmp = compare_new();
    char *got;

    (void)state;
    add_side(cmp, la, 0, a, 4, kept_a);
    add_side(cmp, lb, 1, b, 4, kept_b);
    compare_finish(cmp);
    got = changes_of(cmp);
    assert_string_equal(got,
                        "NCT00000001 removed Recruiting>left out by --where\n"
                        "NCT00000002 added left out by --where>Completed\n"
                        "NCT00000003 status Recruiting>Completed\n");
    free(got);
    compare_free(cmp);
    landscape_free(la);
    landscape_free(lb);
}

static void test_compare_memory_per_trial_of_a_million(void **state)
{
    ts_compare *cmp = compare_new();
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_record rec;
    ts_trial t;
    side_trial s = {"", "RECRUITING", "PHASE2"};
    char id[16];
    unsigned long i;
    double per;

    (void)state;
    for (i = 0; i < 1000000; i++) {
        snprintf(id, sizeof(id), "NCT%08lu", 10000000 + i * 7);
        s.id = id;
        read_trial(ls, &s, &rec, &t);
        compare_add_a(cmp, &t, 1);
    }
    per = (double)compare_memory(cmp) / (double)compare_held(cmp);
    assert_int_equal(compare_held(cmp), 1000000);
    /* 2^21 slots of 16 bytes: 33.6 bytes a trial. */
    assert_true(per > 33.0 && per < 34.0);
    compare_finish(cmp);
    assert_int_equal(compare_count(cmp, TS_CHANGE_REMOVED), 1000000);
    compare_free(cmp);
    landscape_free(ls);
}

/* ---- comparison_rows ------------------------------------------------------ */

static void test_comparison_rows_merge_both_sides_in_table_order(
    void **state)
{
    static const side_trial a[] = {
        {"NCT00000001", "RECRUITING", "PHASE2"},
        {"NCT00000002", "RECRUITING", "PHASE3"},
        {"NCT00000003", "COMPLETED", ""},
        {"NCT00000004", "COMPLETED", "PHASE2"},
    };
    static const side_trial b[] = {
        {"NCT00000001", "RECRUITING", "PHASE1"},
        {"NCT00000002", "RECRUITING", "PHASE2"},
    };
    ts_comparison c;
    ts_pair_row *rows;
    size_t n;

    (void)state;
    memset(&c, 0, sizeof(c));
    c.side[0].ls = landscape_new(TS_DENOM_KNOWN);
    c.side[1].ls = landscape_new(TS_DENOM_KNOWN);
    c.cmp = compare_new();
    add_side(c.cmp, c.side[0].ls, 0, a, 4, NULL);
    add_side(c.cmp, c.side[1].ls, 1, b, 2, NULL);
    n = comparison_rows(&c, TS_TABLE_PHASE, &rows);
    /* Vocabulary order over both sides; "Not reported" last, without a
     * percentage under the "known" denominator, on either side. */
    assert_int_equal(n, 4);
    assert_string_equal(rows[0].label, "Phase I");
    assert_int_equal(rows[0].n[0], 0);
    assert_int_equal(rows[0].n[1], 1);
    assert_true(rows[0].pct[0] == 0.0 && rows[0].pct[1] == 50.0);
    assert_string_equal(rows[1].label, "Phase II");
    assert_true(rows[1].n[0] == 2 && rows[1].n[1] == 1);
    assert_true(rows[1].pct[0] > 66.6 && rows[1].pct[0] < 66.7);
    assert_true(comparison_difference(&rows[1]) < -16.6 &&
                comparison_difference(&rows[1]) > -16.7);
    assert_string_equal(rows[2].label, "Phase III");
    assert_true(rows[2].n[0] == 1 && rows[2].n[1] == 0);
    assert_string_equal(rows[3].label, "Not reported");
    assert_true(rows[3].pct[0] < 0 && rows[3].pct[1] < 0);
    assert_true(comparison_difference(&rows[3]) < -1000);
    free(rows);
    n = comparison_rows(&c, TS_TABLE_STATUS, &rows);
    assert_int_equal(n, 2);
    assert_string_equal(rows[1].label, "Completed");
    assert_true(rows[1].n[0] == 2 && rows[1].n[1] == 0);
    free(rows);
    compare_free(c.cmp);
    landscape_free(c.side[0].ls);
    landscape_free(c.side[1].ls);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_finds_added_removed_status_and_phase),
        cmocka_unit_test(
            test_compare_matches_other_registries_ids_and_counts_none),
        cmocka_unit_test(test_compare_with_filter_adds_and_removes_by_kept),
        cmocka_unit_test(test_compare_memory_per_trial_of_a_million),
        cmocka_unit_test(
            test_comparison_rows_merge_both_sides_in_table_order),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
