/*
 * test_trends.c - unit tests of the trends, sponsors, enrollment and
 * design tables (issue 14): design, masking, results and enrollment type
 * from registry values (analyze/normalize.h), exact enrollment sums and
 * medians (analyze/enrollment.h), and the landscape's tables and
 * cross-tabs built from them (analyze/landscape.h).
 */
#include "tests/unit/unit.h"

#include "analyze/enrollment.h"
#include "analyze/landscape.h"
#include "analyze/merge.h"
#include "analyze/normalize.h"
#include "ingest/record.h"

#define S(lit) lit, sizeof(lit) - 1

static void design_of(const char *v, ts_study_type type, ts_design *d,
                      ts_masking *m)
{
    norm_design(v, strlen(v), type, d, m);
}

static void test_norm_design_reads_both_vocabularies(void **state)
{
    ts_design d;
    ts_masking m;

    (void)state;
    design_of("Allocation: RANDOMIZED|Intervention Model: PARALLEL|Masking: "
              "DOUBLE (PARTICIPANT, INVESTIGATOR)|Primary Purpose: TREATMENT",
              TS_TYPE_INTERVENTIONAL, &d, &m);
    assert_int_equal(d, TS_DESIGN_RANDOMIZED);
    assert_int_equal(m, TS_MASK_DOUBLE);
    design_of("Allocation: Non-Randomized|Intervention Model: Parallel "
              "Assignment|Masking: None (Open Label)|Primary Purpose: "
              "Treatment",
              TS_TYPE_INTERVENTIONAL, &d, &m);
    assert_int_equal(d, TS_DESIGN_NON_RANDOMIZED);
    assert_int_equal(m, TS_MASK_NONE);
    design_of("Allocation: N/A|Intervention Model: Single Group Assignment|"
              "Masking: Quadruple (Participant, Care Provider, Investigator, "
              "Outcomes Assessor)",
              TS_TYPE_INTERVENTIONAL, &d, &m);
    assert_int_equal(d, TS_DESIGN_SINGLE_ARM);
    assert_int_equal(m, TS_MASK_QUADRUPLE);
    design_of("Allocation: NA|Intervention Model: SINGLE_GROUP|Masking: "
              "TRIPLE (PARTICIPANT)",
              TS_TYPE_INTERVENTIONAL, &d, &m);
    assert_int_equal(d, TS_DESIGN_SINGLE_ARM);
    assert_int_equal(m, TS_MASK_TRIPLE);
    /* No allocation: one group is a single arm, anything else unknown. */
    design_of("Intervention Model: SINGLE_GROUP|Masking: SINGLE (OUTCOMES_"
              "ASSESSOR)",
              TS_TYPE_INTERVENTIONAL, &d, &m);
    assert_int_equal(d, TS_DESIGN_SINGLE_ARM);
    assert_int_equal(m, TS_MASK_SINGLE);
    design_of("Allocation: |Intervention Model: CROSSOVER|Masking: ",
              TS_TYPE_INTERVENTIONAL, &d, &m);
    assert_int_equal(d, TS_DESIGN_NOT_REPORTED);
    assert_int_equal(m, TS_MASK_NOT_REPORTED);
    design_of("Allocation: SOMETIMES|Masking: BLINDFOLDED",
              TS_TYPE_INTERVENTIONAL, &d, &m);
    assert_int_equal(d, TS_DESIGN_UNCLASSIFIED);
    assert_int_equal(m, TS_MASK_UNCLASSIFIED);
}

static void test_norm_design_not_applicable_to_observational_studies(
    void **state)
{
    ts_design d;
    ts_masking m;

    (void)state;
    design_of("Observational Model: COHORT|Time Perspective: PROSPECTIVE",
              TS_TYPE_OBSERVATIONAL, &d, &m);
    assert_int_equal(d, TS_DESIGN_NOT_APPLICABLE);
    assert_int_equal(m, TS_MASK_NOT_APPLICABLE);
    design_of("", TS_TYPE_EXPANDED, &d, &m);
    assert_int_equal(d, TS_DESIGN_NOT_APPLICABLE);
    design_of("", TS_TYPE_INTERVENTIONAL, &d, &m);
    assert_int_equal(d, TS_DESIGN_NOT_REPORTED);
    assert_int_equal(m, TS_MASK_NOT_REPORTED);
    design_of("", TS_TYPE_NOT_REPORTED, &d, &m);
    assert_int_equal(d, TS_DESIGN_NOT_REPORTED);
    /* A design without a type says what kind of study it is. */
    design_of("Observational Model: Case-Only", TS_TYPE_NOT_REPORTED, &d, &m);
    assert_int_equal(d, TS_DESIGN_NOT_APPLICABLE);
}

static void test_norm_results_and_enroll_type(void **state)
{
    (void)state;
    assert_int_equal(norm_results(S("YES")), TS_RESULTS_POSTED);
    assert_int_equal(norm_results(S("Has Results")), TS_RESULTS_POSTED);
    assert_int_equal(norm_results(S("NO")), TS_RESULTS_NONE);
    assert_int_equal(norm_results(S("No Results Available")),
                     TS_RESULTS_NONE);
    assert_int_equal(norm_results(S("")), TS_RESULTS_NOT_REPORTED);
    assert_int_equal(norm_results(S("maybe")), TS_RESULTS_UNCLASSIFIED);
    assert_string_equal(norm_label(TS_DIM_RESULTS, TS_RESULTS_NONE),
                        "No results posted");
    assert_string_equal(norm_label(TS_DIM_DESIGN, TS_DESIGN_SINGLE_ARM),
                        "Single arm");
    assert_string_equal(norm_label(TS_DIM_MASKING, TS_MASK_NONE),
                        "None (open label)");
    assert_string_equal(norm_dim_name(TS_DIM_MASKING), "masking");
    /* The export's word first, then the status. */
    assert_int_equal(norm_enroll_type(S("ACTUAL"), TS_ST_RECRUITING),
                     TS_ENROLL_ACTUAL);
    assert_int_equal(norm_enroll_type(S("Anticipated"), TS_ST_COMPLETED),
                     TS_ENROLL_PLANNED);
    assert_int_equal(norm_enroll_type(S("ESTIMATED"), TS_ST_COMPLETED),
                     TS_ENROLL_PLANNED);
    assert_int_equal(norm_enroll_type(S(""), TS_ST_RECRUITING),
                     TS_ENROLL_PLANNED);
    assert_int_equal(norm_enroll_type(S(""), TS_ST_SUSPENDED),
                     TS_ENROLL_PLANNED);
    assert_int_equal(norm_enroll_type(S(""), TS_ST_TERMINATED),
                     TS_ENROLL_ACTUAL);
    assert_int_equal(norm_enroll_type(S(""), TS_ST_WITHDRAWN),
                     TS_ENROLL_ACTUAL);
    assert_int_equal(norm_enroll_type(S(""), TS_ST_UNKNOWN),
                     TS_ENROLL_UNKNOWN);
    assert_int_equal(norm_enroll_type(S("?"), TS_ST_AVAILABLE),
                     TS_ENROLL_UNKNOWN);
}

/* ---- enrollment ----------------------------------------------------------- */

static void test_enrollment_sums_and_exact_medians(void **state)
{
    ts_enrollment *e = enrollment_new("enrollment_by_phase",
                                      "Enrollment by phase", "Phase");
    static const long planned[] = {10, 40, 20, 30};
    size_t i;

    (void)state;
    enrollment_seed(e, "Phase I");
    enrollment_seed(e, "Phase II");
    enrollment_seed(e, "Phase III");
    for (i = 0; i < 4; i++)
        enrollment_add(e, S("Phase II"), TS_ENROLL_PLANNED, planned[i]);
    enrollment_add(e, S("Phase II"), TS_ENROLL_ACTUAL, 7);
    enrollment_add(e, S("Phase II"), TS_ENROLL_ACTUAL, -1);
    enrollment_add(e, S("Phase I"), TS_ENROLL_ACTUAL, 0);
    enrollment_add(e, S("Phase I"), TS_ENROLL_ACTUAL, 0);
    enrollment_add(e, S("Phase I"), TS_ENROLL_ACTUAL, 5000000000L);
    enrollment_add(e, S("Phase I"), TS_ENROLL_UNKNOWN, 5);
    enrollment_add(e, S("Other"), TS_ENROLL_PLANNED, -1);
    assert_string_equal(enrollment_name(e), "enrollment_by_phase");
    assert_string_equal(enrollment_by(e), "Phase");
    /* Seed order; Phase III has no trial; "All trials" last. */
    assert_int_equal(enrollment_rows(e), 4);
    assert_string_equal(enrollment_row_label(e, 0), "Phase I");
    assert_string_equal(enrollment_row_label(e, 1), "Phase II");
    assert_string_equal(enrollment_row_label(e, 2), "Other");
    assert_string_equal(enrollment_row_label(e, 3), TS_LABEL_ALL_TRIALS);
    assert_int_equal(enrollment_row_trials(e, 1), 6);
    assert_int_equal(enrollment_count(e, 1, TS_ENROLL_PLANNED), 4);
    assert_int_equal(enrollment_sum(e, 1, TS_ENROLL_PLANNED), 100);
    assert_true(enrollment_median(e, 1, TS_ENROLL_PLANNED) == 25.0);
    assert_true(enrollment_median(e, 1, TS_ENROLL_ACTUAL) == 7.0);
    assert_int_equal(enrollment_count(e, 1, TS_ENROLL_ACTUAL), 1);
    /* A number past 32 bits counts as a trial without one. */
    assert_int_equal(enrollment_count(e, 0, TS_ENROLL_ACTUAL), 2);
    assert_true(enrollment_median(e, 0, TS_ENROLL_ACTUAL) == 0.0);
    assert_int_equal(enrollment_count(e, 0, TS_ENROLL_UNKNOWN), 1);
    assert_true(enrollment_median(e, 2, TS_ENROLL_PLANNED) < 0);
    assert_int_equal(enrollment_row_trials(e, 3), 11);
    assert_int_equal(enrollment_count(e, 3, TS_ENROLL_ACTUAL), 3);
    assert_int_equal(enrollment_sum(e, 3, TS_ENROLL_ACTUAL), 7);
    assert_true(enrollment_median(e, 3, TS_ENROLL_ACTUAL) == 0.0);
    enrollment_free(e);
    enrollment_free(NULL);
}

static void test_enrollment_median_of_many_values(void **state)
{
    ts_enrollment *e = enrollment_new("x", "X", "Y");
    long v;

    (void)state;
    /* 1..1001 twice, shuffled by a stride: median 501. */
    for (v = 0; v < 2002; v++)
        enrollment_add(e, S("a"), TS_ENROLL_ACTUAL, 1 + (v * 37) % 1001);
    assert_int_equal(enrollment_count(e, 0, TS_ENROLL_ACTUAL), 2002);
    assert_true(enrollment_median(e, 0, TS_ENROLL_ACTUAL) == 501.0);
    assert_int_equal(enrollment_sum(e, 0, TS_ENROLL_ACTUAL), 2 * 501501ULL);
    enrollment_add(e, S("a"), TS_ENROLL_ACTUAL, 2000);
    assert_true(enrollment_median(e, 0, TS_ENROLL_ACTUAL) == 501.0);
    enrollment_add(e, S("a"), TS_ENROLL_ACTUAL, 2000);
    assert_true(enrollment_median(e, 0, TS_ENROLL_ACTUAL) == 501.5);
    enrollment_free(e);
}

/* ---- the landscape's tables ---------------------------------------------- */

typedef struct row {
    const char *nct, *status, *phases, *design, *results, *enrollment;
    const char *sponsor, *start;
} row;

static void add_row(ts_landscape *ls, const row *r)
{
    ts_record rec;
    ts_trial t;
    ts_merged_one one;
    size_t i;

    memset(&rec, 0, sizeof(rec));
    rec.format = "ctgov-modern";
    rec.file = "unit.csv";
    for (i = 0; i < TS_COL_COUNT; i++) {
        rec.value[i] = "";
        rec.present[i] = 1;
    }
#define SET(c, v)                                                           \
    do {                                                                    \
        rec.value[c] = (v);                                                 \
        rec.len[c] = strlen(v);                                             \
    } while (0)
    SET(TS_COL_ID, r->nct);
    SET(TS_COL_STATUS, r->status);
    SET(TS_COL_PHASES, r->phases);
    SET(TS_COL_DESIGN, r->design);
    SET(TS_COL_RESULTS, r->results);
    SET(TS_COL_ENROLLMENT, r->enrollment);
    SET(TS_COL_SPONSOR, r->sponsor);
    SET(TS_COL_START, r->start);
    SET(TS_COL_STUDY_TYPE, "INTERVENTIONAL");
#undef SET
    /* A trial of its own, as the merge stage hands it over. */
    landscape_add(ls, merge_one(&rec, &one), &t);
}

static const char *cell(ts_crosstab *x, const char *rowl, const char *col)
{
    static char buf[32];
    size_t r, c;

    for (r = 0; r < crosstab_rows(x); r++)
        if (strcmp(crosstab_row_label(x, r), rowl) == 0)
            for (c = 0; c < crosstab_cols(x); c++)
                if (strcmp(crosstab_col_label(x, c), col) == 0) {
                    snprintf(buf, sizeof(buf), "%lu", crosstab_cell(x, r, c));
                    return buf;
                }
    return "-";
}

static void test_landscape_counts_design_results_enrollment_sponsors(
    void **state)
{
    static const row rows[] = {
        {"NCT00000001", "RECRUITING", "PHASE2",
         "Allocation: RANDOMIZED|Masking: DOUBLE", "NO", "100", "Eisai Inc.",
         "2019-01"},
        {"NCT00000002", "COMPLETED", "PHASE2",
         "Allocation: NA|Intervention Model: SINGLE_GROUP|Masking: NONE",
         "YES", "30", "EISAI CO., LTD.", "2019-05"},
        {"NCT00000003", "COMPLETED", "PHASE3",
         "Allocation: RANDOMIZED|Masking: QUADRUPLE", "YES", "500",
         "National Cancer Institute (NCI)", "2021"},
        {"NCT00000004", "UNKNOWN", "", "", "", "", "", ""},
    };
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_enrollment *e;
    ts_crosstab *x;
    size_t i;

    (void)state;
    for (i = 0; i < 4; i++)
        add_row(ls, &rows[i]);
    assert_string_equal(tally_row_label(landscape_table(ls, TS_TABLE_DESIGN),
                                        0),
                        "Randomized");
    assert_int_equal(tally_row_count(landscape_table(ls, TS_TABLE_DESIGN), 0),
                     2);
    assert_string_equal(tally_name(landscape_table(ls, TS_TABLE_RESULTS)),
                        "results");
    assert_int_equal(tally_rows(landscape_table(ls, TS_TABLE_RESULTS)), 3);
    assert_int_equal(tally_rows(landscape_table(ls, TS_TABLE_MASKING)), 4);
    /* Sponsors by their normalised name, the first spelling shown. */
    x = landscape_crosstab(ls, TS_X_SPONSOR_PHASE);
    assert_string_equal(crosstab_name(x), "sponsor_x_phase");
    assert_string_equal(crosstab_row_label(x, 0), "Eisai");
    assert_int_equal(crosstab_row_total(x, 0), 2);
    assert_string_equal(cell(x, "Eisai", "Phase II"), "2");
    assert_string_equal(cell(x, "Not reported", "Not reported"), "1");
    /* Trials started per year by status group. */
    x = landscape_crosstab(ls, TS_X_YEAR_GROUP);
    assert_string_equal(crosstab_name(x), "start_year_x_status_group");
    assert_string_equal(cell(x, "2019", "Open"), "1");
    assert_string_equal(cell(x, "2019", "Completed"), "1");
    assert_string_equal(cell(x, "2021", "Completed"), "1");
    assert_string_equal(cell(x, "Not reported", "Unknown"), "1");
    /* Enrollment: planned while recruiting, actual once completed. */
    e = landscape_enrollment(ls, 0);
    assert_string_equal(enrollment_row_label(e, 0), "Phase II");
    assert_int_equal(enrollment_count(e, 0, TS_ENROLL_PLANNED), 1);
    assert_int_equal(enrollment_sum(e, 0, TS_ENROLL_PLANNED), 100);
    assert_int_equal(enrollment_sum(e, 0, TS_ENROLL_ACTUAL), 30);
    assert_string_equal(enrollment_row_label(e, 2), "Not reported");
    assert_int_equal(enrollment_count(e, 2, TS_ENROLL_UNKNOWN), 0);
    assert_int_equal(enrollment_rows(e), 4);
    assert_int_equal(enrollment_sum(e, 3, TS_ENROLL_ACTUAL), 530);
    assert_true(enrollment_median(e, 3, TS_ENROLL_ACTUAL) == 265.0);
    assert_null(landscape_enrollment(ls, TS_ENROLLMENT_TABLES));
    landscape_free(ls);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_design_reads_both_vocabularies),
        cmocka_unit_test(
            test_norm_design_not_applicable_to_observational_studies),
        cmocka_unit_test(test_norm_results_and_enroll_type),
        cmocka_unit_test(test_enrollment_sums_and_exact_medians),
        cmocka_unit_test(test_enrollment_median_of_many_values),
        cmocka_unit_test(
            test_landscape_counts_design_results_enrollment_sponsors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
