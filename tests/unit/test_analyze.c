/*
 * test_analyze.c - unit tests of the analyze stage through its headers:
 * normalize (every phase, status, study type and funder value of both
 * ClinicalTrials.gov vocabularies, years, NCT ids, countries), tally
 * (orders, special rows, percentages) and landscape (duplicates,
 * countries, unmapped values, denominators).
 */
#include "tests/unit/unit.h"

#include "analyze/landscape.h"
#include "analyze/normalize.h"
#include "analyze/tally.h"
#include "ingest/record.h"

#define S(lit) lit, sizeof(lit) - 1

/* ---- normalize: vocabularies ------------------------------------------ */

static void test_norm_label_lists_each_vocabulary_in_display_order(
    void **state)
{
    static const char *const phases[] = {
        "Early Phase I", "Phase I", "Phase I/II", "Phase II",
        "Phase II/III", "Phase III", "Phase IV", "Not applicable",
        "Not reported", "Unclassified",
    };
    static const char *const groups[] = {
        "Open", "Planned", "Closed", "Completed", "Terminated", "Withdrawn",
        "Suspended", "Unknown", "Other", "Not reported", "Unclassified",
    };
    size_t i;

    (void)state;
    assert_int_equal(norm_count(TS_DIM_PHASE), TS_PHASE_COUNT);
    assert_int_equal(norm_count(TS_DIM_STATUS), TS_ST_COUNT);
    assert_int_equal(norm_count(TS_DIM_STATUS_GROUP), TS_GRP_COUNT);
    assert_int_equal(norm_count(TS_DIM_STUDY_TYPE), TS_TYPE_COUNT);
    assert_int_equal(norm_count(TS_DIM_FUNDER), TS_FUND_COUNT);
    assert_int_equal(norm_count(TS_DIM_COUNT), 0);
    for (i = 0; i < TS_PHASE_COUNT; i++)
        assert_string_equal(norm_label(TS_DIM_PHASE, (int)i), phases[i]);
    for (i = 0; i < TS_GRP_COUNT; i++)
        assert_string_equal(norm_label(TS_DIM_STATUS_GROUP, (int)i),
                            groups[i]);
    assert_string_equal(norm_label(TS_DIM_STATUS, TS_ST_ACTIVE),
                        "Active, not recruiting");
    assert_string_equal(norm_label(TS_DIM_STATUS, TS_ST_UNKNOWN),
                        "Unknown status");
    assert_string_equal(norm_label(TS_DIM_STUDY_TYPE, TS_TYPE_EXPANDED),
                        "Expanded access");
    assert_string_equal(norm_label(TS_DIM_FUNDER, TS_FUND_FED),
                        "U.S. federal");
    assert_string_equal(norm_label(TS_DIM_FUNDER, TS_FUND_OTHER_GOV),
                        "Other government");
    /* Each vocabulary ends with the two special rows. */
    for (i = 0; i < TS_DIM_COUNT; i++) {
        size_t n = norm_count((ts_dim)i);

        assert_string_equal(norm_label((ts_dim)i, (int)n - 2),
                            TS_LABEL_NOT_REPORTED);
        assert_string_equal(norm_label((ts_dim)i, (int)n - 1),
                            TS_LABEL_UNCLASSIFIED);
        assert_string_equal(norm_label((ts_dim)i, (int)n),
                            TS_LABEL_UNCLASSIFIED);
        assert_string_equal(norm_label((ts_dim)i, -1), TS_LABEL_UNCLASSIFIED);
    }
}

static void test_norm_dim_name_names_each_table(void **state)
{
    (void)state;
    assert_string_equal(norm_dim_name(TS_DIM_PHASE), "phase");
    assert_string_equal(norm_dim_name(TS_DIM_STATUS), "status");
    assert_string_equal(norm_dim_name(TS_DIM_STATUS_GROUP), "status_group");
    assert_string_equal(norm_dim_name(TS_DIM_STUDY_TYPE), "study_type");
    assert_string_equal(norm_dim_name(TS_DIM_FUNDER), "funder_type");
}

/* ---- normalize: phase -------------------------------------------------- */

#define assert_phase(raw, want) assert_int_equal(norm_phase(S(raw)), want)

static void test_norm_phase_maps_modern_values(void **state)
{
    (void)state;
    assert_phase("EARLY_PHASE1", TS_PHASE_EARLY_1);
    assert_phase("PHASE1", TS_PHASE_1);
    assert_phase("PHASE2", TS_PHASE_2);
    assert_phase("PHASE3", TS_PHASE_3);
    assert_phase("PHASE4", TS_PHASE_4);
    assert_phase("NA", TS_PHASE_NA);
}

static void test_norm_phase_maps_classic_values(void **state)
{
    (void)state;
    assert_phase("Early Phase 1", TS_PHASE_EARLY_1);
    assert_phase("Phase 1", TS_PHASE_1);
    assert_phase("Phase 2", TS_PHASE_2);
    assert_phase("Phase 3", TS_PHASE_3);
    assert_phase("Phase 4", TS_PHASE_4);
    assert_phase("Not Applicable", TS_PHASE_NA);
    assert_phase("phase 2", TS_PHASE_2);
    assert_phase("Phase II", TS_PHASE_2);
}

static void test_norm_phase_maps_combined_phases(void **state)
{
    (void)state;
    assert_phase("PHASE1|PHASE2", TS_PHASE_1_2);
    assert_phase("PHASE2|PHASE3", TS_PHASE_2_3);
    assert_phase("Phase 1|Phase 2", TS_PHASE_1_2);
    assert_phase("Phase 2|Phase 3", TS_PHASE_2_3);
    assert_phase("PHASE2|PHASE1", TS_PHASE_1_2);
    /* Combinations that are not a category of their own. */
    assert_phase("PHASE1|PHASE3", TS_PHASE_UNCLASSIFIED);
    assert_phase("PHASE3|PHASE4", TS_PHASE_UNCLASSIFIED);
    assert_phase("PHASE1|NA", TS_PHASE_UNCLASSIFIED);
}

static void test_norm_phase_reports_empty_as_not_reported(void **state)
{
    (void)state;
    assert_int_equal(norm_phase("", 0), TS_PHASE_NOT_REPORTED);
    assert_phase("  \t", TS_PHASE_NOT_REPORTED);
}

static void test_norm_phase_leaves_junk_unclassified(void **state)
{
    (void)state;
    assert_phase("Phase 2/3b", TS_PHASE_UNCLASSIFIED);
    assert_phase("Retrospective study", TS_PHASE_UNCLASSIFIED);
    assert_phase("PHASE5", TS_PHASE_UNCLASSIFIED);
    assert_phase("PHASE1|junk", TS_PHASE_UNCLASSIFIED);
    assert_phase("PHASE1|", TS_PHASE_UNCLASSIFIED);
    assert_phase("Phase 1 Phase 1 Phase 1 Phase 1 Phase 1 Phase 1",
                 TS_PHASE_UNCLASSIFIED);
}

/* ---- normalize: status ------------------------------------------------- */

#define assert_status(raw, want) assert_int_equal(norm_status(S(raw)), want)

static void test_norm_status_maps_modern_values(void **state)
{
    (void)state;
    assert_status("RECRUITING", TS_ST_RECRUITING);
    assert_status("NOT_YET_RECRUITING", TS_ST_NOT_YET);
    assert_status("ENROLLING_BY_INVITATION", TS_ST_BY_INVITATION);
    assert_status("ACTIVE_NOT_RECRUITING", TS_ST_ACTIVE);
    assert_status("COMPLETED", TS_ST_COMPLETED);
    assert_status("TERMINATED", TS_ST_TERMINATED);
    assert_status("WITHDRAWN", TS_ST_WITHDRAWN);
    assert_status("SUSPENDED", TS_ST_SUSPENDED);
    assert_status("UNKNOWN", TS_ST_UNKNOWN);
    assert_status("AVAILABLE", TS_ST_AVAILABLE);
    assert_status("NO_LONGER_AVAILABLE", TS_ST_NO_LONGER_AVAILABLE);
    assert_status("TEMPORARILY_NOT_AVAILABLE", TS_ST_TEMP_NOT_AVAILABLE);
    assert_status("APPROVED_FOR_MARKETING", TS_ST_APPROVED);
    assert_status("WITHHELD", TS_ST_WITHHELD);
}

static void test_norm_status_maps_classic_values(void **state)
{
    (void)state;
    assert_status("Recruiting", TS_ST_RECRUITING);
    assert_status("Not yet recruiting", TS_ST_NOT_YET);
    assert_status("Enrolling by invitation", TS_ST_BY_INVITATION);
    assert_status("Active, not recruiting", TS_ST_ACTIVE);
    assert_status("Completed", TS_ST_COMPLETED);
    assert_status("Terminated", TS_ST_TERMINATED);
    assert_status("Withdrawn", TS_ST_WITHDRAWN);
    assert_status("Suspended", TS_ST_SUSPENDED);
    assert_status("Unknown status", TS_ST_UNKNOWN);
    assert_status("Available", TS_ST_AVAILABLE);
    assert_status("No longer available", TS_ST_NO_LONGER_AVAILABLE);
    assert_status("Temporarily not available", TS_ST_TEMP_NOT_AVAILABLE);
    assert_status("Approved for marketing", TS_ST_APPROVED);
    assert_status("Withheld", TS_ST_WITHHELD);
}

static void test_norm_status_reports_empty_and_junk(void **state)
{
    (void)state;
    assert_int_equal(norm_status("", 0), TS_ST_NOT_REPORTED);
    assert_status(" ", TS_ST_NOT_REPORTED);
    assert_status("Halted", TS_ST_UNCLASSIFIED);
    assert_status("Recruiting soon", TS_ST_UNCLASSIFIED);
    assert_status("Not Recruiting", TS_ST_UNCLASSIFIED);
}

static void test_norm_status_group_follows_the_letters_groups(void **state)
{
    static const ts_status_group want[TS_ST_COUNT] = {
        TS_GRP_OPEN,         /* recruiting */
        TS_GRP_PLANNED,      /* not yet recruiting */
        TS_GRP_OPEN,         /* enrolling by invitation */
        TS_GRP_CLOSED,       /* active, not recruiting */
        TS_GRP_COMPLETED,    TS_GRP_TERMINATED, TS_GRP_WITHDRAWN,
        TS_GRP_SUSPENDED,    TS_GRP_UNKNOWN,
        TS_GRP_OTHER,        /* available */
        TS_GRP_OTHER,        /* no longer available */
        TS_GRP_OTHER,        /* temporarily not available */
        TS_GRP_OTHER,        /* approved for marketing */
        TS_GRP_OTHER,        /* withheld */
        TS_GRP_NOT_REPORTED, TS_GRP_UNCLASSIFIED,
    };
    size_t i;

    (void)state;
    for (i = 0; i < TS_ST_COUNT; i++)
        assert_int_equal(norm_status_group((ts_trial_status)i), want[i]);
}

/* ---- normalize: study type and funder ---------------------------------- */

#define assert_type(raw, want) assert_int_equal(norm_study_type(S(raw)), want)
#define assert_funder(raw, want) assert_int_equal(norm_funder(S(raw)), want)

static void test_norm_study_type_uses_the_prefix(void **state)
{
    (void)state;
    assert_type("INTERVENTIONAL", TS_TYPE_INTERVENTIONAL);
    assert_type("OBSERVATIONAL", TS_TYPE_OBSERVATIONAL);
    assert_type("EXPANDED_ACCESS", TS_TYPE_EXPANDED);
    assert_type("Interventional", TS_TYPE_INTERVENTIONAL);
    assert_type("Observational [Patient Registry]", TS_TYPE_OBSERVATIONAL);
    assert_type("Expanded Access:Treatment IND/Protocol", TS_TYPE_EXPANDED);
    assert_type("Expanded Access:Individual Patients", TS_TYPE_EXPANDED);
    assert_int_equal(norm_study_type("", 0), TS_TYPE_NOT_REPORTED);
    assert_type("Registry", TS_TYPE_UNCLASSIFIED);
}

static void test_norm_funder_maps_both_vocabularies(void **state)
{
    (void)state;
    assert_funder("INDUSTRY", TS_FUND_INDUSTRY);
    assert_funder("NIH", TS_FUND_NIH);
    assert_funder("FED", TS_FUND_FED);
    assert_funder("OTHER_GOV", TS_FUND_OTHER_GOV);
    assert_funder("INDIV", TS_FUND_INDIV);
    assert_funder("NETWORK", TS_FUND_NETWORK);
    assert_funder("AMBIG", TS_FUND_AMBIG);
    assert_funder("OTHER", TS_FUND_OTHER);
    assert_funder("UNKNOWN", TS_FUND_UNKNOWN);
    assert_funder("Industry", TS_FUND_INDUSTRY);
    assert_funder("U.S. Fed", TS_FUND_FED);
    assert_funder("Other", TS_FUND_OTHER);
    assert_int_equal(norm_funder("", 0), TS_FUND_NOT_REPORTED);
    assert_funder("Aliens", TS_FUND_UNCLASSIFIED);
}

/* Classic "Funded Bys" joins lead and collaborator classes: the lead's
 * comes first and is the one that counts. */
static void test_norm_funder_uses_first_class_of_list(void **state)
{
    (void)state;
    assert_funder("Industry|Other", TS_FUND_INDUSTRY);
    assert_funder("Other|Industry", TS_FUND_OTHER);
    assert_funder("U.S. Fed|Industry|NIH", TS_FUND_FED);
    assert_funder("NIH|", TS_FUND_NIH);
    assert_funder("|Industry", TS_FUND_NOT_REPORTED);
}

/* ---- normalize: year, NCT id, countries -------------------------------- */

#define assert_year(raw, want) assert_int_equal(norm_year(S(raw)), want)

static void test_norm_year_reads_registry_dates(void **state)
{
    (void)state;
    assert_year("2016-03-01", 2016);
    assert_year("2016-03", 2016);
    assert_year("March 2016", 2016);
    assert_year("March 3, 2016", 2016);
    assert_year("3/1/2016", 2016);
    assert_year("1999", 1999);
    assert_year("", 0);
    assert_year("  ", 0);
    assert_year("soon", -1);
    assert_year("12016-01", -1);
    assert_year("3/1/16", -1);
    assert_year("1850-01-01", -1);
    assert_year("2101", -1);
}

static void test_norm_nct_finds_id_in_value_and_url(void **state)
{
    char out[12];

    (void)state;
    assert_int_equal(norm_nct(S("NCT01234567"), out), 1234567);
    assert_string_equal(out, "NCT01234567");
    assert_int_equal(norm_nct(S("https://clinicaltrials.gov/study/"
                                "NCT00000042?tab=results"),
                              out),
                     42);
    assert_string_equal(out, "NCT00000042");
    assert_int_equal(norm_nct(S("https://ClinicalTrials.gov/show/"
                                "nct99999999"),
                              out),
                     99999999);
    assert_string_equal(out, "NCT99999999");
    assert_int_equal(norm_nct(S("  NCT00000001  "), out), 1);
}

static void test_norm_nct_returns_minus_one_without_id(void **state)
{
    char out[12];

    (void)state;
    memset(out, 'x', sizeof(out));
    assert_int_equal(norm_nct("", 0, out), -1);
    assert_string_equal(out, "");
    assert_int_equal(norm_nct(S("NCT0123456"), out), -1);   /* 7 digits */
    assert_int_equal(norm_nct(S("NCT012345678"), out), -1); /* 9 digits */
    assert_int_equal(norm_nct(S("NCT-01234567"), out), -1);
    assert_int_equal(norm_nct(S("EudraCT 2015-001234-56"), out), -1);
    assert_string_equal(out, "");
}

static void test_norm_next_country_takes_last_part_of_each_site(void **state)
{
    static const char locs[] =
        "A, City, State, 123, France|B, Town, Germany|C, X, France";
    const char *c = NULL;
    size_t pos = 0, n = 0;

    (void)state;
    assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 1);
    assert_int_equal(n, 6);
    assert_memory_equal(c, "France", 6);
    assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 1);
    assert_int_equal(n, 7);
    assert_memory_equal(c, "Germany", 7);
    assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 1);
    assert_int_equal(n, 6);
    assert_memory_equal(c, "France", 6);
    assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 0);
    assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 0);
}

static void test_norm_next_country_skips_empty_sites(void **state)
{
    static const char locs[] = "|Site, Tokyo,  Japan |  |, ,|Solo";
    const char *c = NULL;
    size_t pos = 0, n = 0;

    (void)state;
    assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 1);
    assert_int_equal(n, 5);
    assert_memory_equal(c, "Japan", 5);
    assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 1);
    assert_int_equal(n, 4);
    assert_memory_equal(c, "Solo", 4);
    assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 0);
    pos = 0;
    assert_int_equal(norm_next_country("", 0, &pos, &c, &n), 0);
}

/* ---- tally ------------------------------------------------------------- */

/* "label=count, ..." of a tally's rows, with "*" on special rows. */
static char *rows_of(ts_tally *t)
{
    ts_strbuf sb = {0};
    size_t i;

    for (i = 0; i < tally_rows(t); i++)
        sb_printf(&sb, "%s%s%s=%lu", i ? ", " : "",
                  tally_row_is_special(t, i) ? "*" : "",
                  tally_row_label(t, i), tally_row_count(t, i));
    return sb.buf ? sb.buf : xstrdup("");
}

#define assert_rows(t, want)                                                \
    do {                                                                    \
        char *got_ = rows_of(t);                                            \
        assert_string_equal(got_, want);                                    \
        free(got_);                                                         \
    } while (0)

static void test_tally_new_copies_name_and_title(void **state)
{
    char name[] = "phase", title[] = "Phase";
    ts_tally *t = tally_new(name, title, TS_ORDER_SEED);

    (void)state;
    name[0] = 'X';
    title[0] = 'X';
    assert_string_equal(tally_name(t), "phase");
    assert_string_equal(tally_title(t), "Phase");
    assert_int_equal(tally_rows(t), 0);
    tally_free(t);
    tally_free(NULL);
}

static void test_tally_rows_keep_seed_order_and_hide_zero_rows(void **state)
{
    ts_tally *t = tally_new("t", "T", TS_ORDER_SEED);
    size_t nr, b, a, c;

    (void)state;
    nr = tally_seed(t, TS_LABEL_NOT_REPORTED);
    b = tally_seed(t, "B");
    a = tally_seed(t, "A");
    c = tally_seed(t, "C");
    assert_int_equal(nr, 0);
    assert_int_equal(b, 1);
    assert_int_equal(a, 2);
    assert_int_equal(c, 3);
    assert_int_equal(tally_seed(t, "A"), a);
    tally_add_id(t, c, 1);
    tally_add_id(t, a, 2);
    tally_add_id(t, nr, 4);
    assert_int_equal(tally_add(t, S("Z"), 1), 4);
    assert_int_equal(tally_add(t, S("A"), 1), a);
    assert_rows(t, "A=3, C=1, Z=1, *Not reported=4");
    tally_free(t);
}

static void test_tally_rows_order_by_count_then_label(void **state)
{
    ts_tally *t = tally_new("country", "Country", TS_ORDER_COUNT);

    (void)state;
    tally_add(t, S(TS_LABEL_UNCLASSIFIED), 10);
    tally_add(t, S("x"), 1);
    tally_add(t, S("b"), 3);
    tally_add(t, S("a"), 3);
    tally_add(t, S("c"), 7);
    assert_rows(t, "c=7, a=3, b=3, x=1, *Unclassified=10");
    /* Rows are rebuilt after more counting. */
    tally_add(t, S("x"), 9);
    assert_rows(t, "x=10, c=7, a=3, b=3, *Unclassified=10");
    tally_free(t);
}

static void test_tally_rows_order_by_label(void **state)
{
    ts_tally *t = tally_new("start_year", "Start year", TS_ORDER_LABEL);

    (void)state;
    tally_add(t, S(TS_LABEL_NOT_REPORTED), 1);
    tally_add(t, S("2019"), 5);
    tally_add(t, S("2005"), 1);
    tally_add(t, S("2010"), 2);
    assert_rows(t, "2005=1, 2010=2, 2019=5, *Not reported=1");
    tally_free(t);
}

static void test_tally_rows_put_special_rows_last_in_fixed_order(
    void **state)
{
    static const ts_tally_order orders[] = {TS_ORDER_SEED, TS_ORDER_COUNT,
                                            TS_ORDER_LABEL};
    size_t i;

    (void)state;
    for (i = 0; i < 3; i++) {
        ts_tally *t = tally_new("t", "T", orders[i]);

        tally_add(t, S(TS_LABEL_UNCLASSIFIED), 5);
        tally_add(t, S(TS_LABEL_NOT_REPORTED), 6);
        tally_add(t, S("Zeta"), 1);
        tally_add(t, S(TS_LABEL_NOT_APPLICABLE), 7);
        tally_add(t, S("Alpha"), 1);
        if (orders[i] == TS_ORDER_SEED)
            assert_rows(t, "Zeta=1, Alpha=1, *Not applicable=7, "
                           "*Not reported=6, *Unclassified=5");
        else
            assert_rows(t, "Alpha=1, Zeta=1, *Not applicable=7, "
                           "*Not reported=6, *Unclassified=5");
        assert_int_equal(tally_special_total(t), 18);
        tally_free(t);
    }
}

static void test_tally_special_total_is_zero_without_special_rows(
    void **state)
{
    ts_tally *t = tally_new("t", "T", TS_ORDER_SEED);

    (void)state;
    tally_seed(t, TS_LABEL_NOT_REPORTED);   /* seeded, never counted */
    tally_add(t, S("Phase I"), 4);
    assert_int_equal(tally_special_total(t), 0);
    assert_int_equal(tally_rows(t), 1);
    tally_free(t);
}

static void test_tally_add_keeps_labels_with_nul_bytes_apart(void **state)
{
    ts_tally *t = tally_new("t", "T", TS_ORDER_SEED);

    (void)state;
    assert_int_equal(tally_add(t, "a\0b", 3, 1), 0);
    assert_int_equal(tally_add(t, "a", 1, 1), 1);
    assert_int_equal(tally_add(t, "a\0b", 3, 1), 0);
    assert_int_equal(tally_rows(t), 2);
    assert_int_equal(tally_row_count(t, 0), 2);
    tally_free(t);
}

#define assert_near(a, b, eps) assert_true(near(a, b, eps))

static int near(double a, double b, double eps)
{
    return a >= b - eps && a <= b + eps;
}

static void test_tally_percent_divides_or_gives_minus_one(void **state)
{
    (void)state;
    assert_near(tally_percent(1, 4), 25.0, 1e-9);
    assert_near(tally_percent(77, 131), 100.0 * 77 / 131, 1e-9);
    assert_near(tally_percent(0, 5), 0.0, 1e-9);
    assert_near(tally_percent(3, 3), 100.0, 1e-9);
    assert_near(tally_percent(0, 0), -1.0, 1e-9);
    assert_near(tally_percent(2, 0), -1.0, 1e-9);
}

/* ---- landscape --------------------------------------------------------- */

/* A record with every column present and empty. */
static void record_init(ts_record *rec)
{
    size_t i;

    memset(rec, 0, sizeof(*rec));
    rec->format = TS_FORMAT_CTGOV_MODERN;
    rec->file = "unit.csv";
    rec->line = 2;
    rec->row = 1;
    for (i = 0; i < TS_COL_COUNT; i++) {
        rec->value[i] = "";
        rec->len[i] = 0;
        rec->present[i] = 1;
    }
}

static void record_set(ts_record *rec, ts_column c, const char *v)
{
    rec->value[c] = v;
    rec->len[c] = strlen(v);
}

/* Adds a trial with the given NCT number, phase and locations. */
static void add_trial(ts_landscape *ls, const char *nct, const char *phases,
                      const char *locations, ts_trial *trial)
{
    ts_record rec;
    ts_trial scratch_trial;

    record_init(&rec);
    record_set(&rec, TS_COL_NCT, nct);
    record_set(&rec, TS_COL_PHASES, phases);
    record_set(&rec, TS_COL_LOCATIONS, locations);
    record_set(&rec, TS_COL_STATUS, "RECRUITING");
    record_set(&rec, TS_COL_STUDY_TYPE, "INTERVENTIONAL");
    record_set(&rec, TS_COL_FUNDER, "INDUSTRY");
    record_set(&rec, TS_COL_START, "2020-01");
    landscape_add(ls, &rec, trial ? trial : &scratch_trial);
}

static void test_landscape_table_names_each_table(void **state)
{
    static const struct {
        ts_table table;
        const char *name;
        const char *title;
    } want[] = {
        {TS_TABLE_PHASE, "phase", "Phase"},
        {TS_TABLE_STATUS, "status", "Status"},
        {TS_TABLE_STATUS_GROUP, "status_group", "Status group"},
        {TS_TABLE_STUDY_TYPE, "study_type", "Study type"},
        {TS_TABLE_FUNDER_TYPE, "funder_type", "Funder type"},
        {TS_TABLE_START_YEAR, "start_year", "Start year"},
        {TS_TABLE_COUNTRY, "country", "Country"},
    };
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        ts_tally *t = landscape_table(ls, want[i].table);

        assert_string_equal(tally_name(t), want[i].name);
        assert_string_equal(tally_title(t), want[i].title);
    }
    /* Seeded vocabularies show no row until a trial is counted. */
    for (i = 0; i < TS_TABLE_COUNT; i++)
        assert_int_equal(tally_rows(landscape_table(ls, (ts_table)i)), 0);
    assert_int_equal(landscape_trials(ls), 0);
    assert_int_equal(landscape_duplicates(ls), 0);
    assert_int_equal(landscape_denominator(ls), TS_DENOM_ALL);
    landscape_free(ls);
    landscape_free(NULL);
}

static void test_landscape_add_fills_trial_facts(void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_record rec;
    ts_trial t;

    (void)state;
    record_init(&rec);
    record_set(&rec, TS_COL_NCT, "NCT01234567");
    record_set(&rec, TS_COL_PHASES, "Phase 2|Phase 3");
    record_set(&rec, TS_COL_STATUS, "Active, not recruiting");
    record_set(&rec, TS_COL_STUDY_TYPE, "Expanded Access:Treatment IND/"
                                        "Protocol");
    record_set(&rec, TS_COL_FUNDER, "Industry|Other");
    record_set(&rec, TS_COL_START, "March 3, 2016");
    record_set(&rec, TS_COL_SPONSOR, "Lead Pharma|Partner University");
    record_set(&rec, TS_COL_LOCATIONS, "Site, Lyon, France");
    landscape_add(ls, &rec, &t);
    assert_ptr_equal(t.rec, &rec);
    assert_string_equal(t.nct, "NCT01234567");
    assert_int_equal(t.duplicate, 0);
    assert_int_equal(t.phase, TS_PHASE_2_3);
    assert_int_equal(t.status, TS_ST_ACTIVE);
    assert_int_equal(t.group, TS_GRP_CLOSED);
    assert_int_equal(t.study_type, TS_TYPE_EXPANDED);
    assert_int_equal(t.funder, TS_FUND_INDUSTRY);
    assert_int_equal(t.start_year, 2016);
    assert_int_equal(t.sponsor_len, strlen("Lead Pharma"));
    assert_string_equal(t.countries, "France");
    assert_int_equal(landscape_trials(ls), 1);
    assert_rows(landscape_table(ls, TS_TABLE_PHASE), "Phase II/III=1");
    assert_rows(landscape_table(ls, TS_TABLE_STATUS),
                "Active, not recruiting=1");
    assert_rows(landscape_table(ls, TS_TABLE_STATUS_GROUP), "Closed=1");
    assert_rows(landscape_table(ls, TS_TABLE_STUDY_TYPE),
                "Expanded access=1");
    assert_rows(landscape_table(ls, TS_TABLE_FUNDER_TYPE), "Industry=1");
    assert_rows(landscape_table(ls, TS_TABLE_START_YEAR), "2016=1");
    assert_rows(landscape_table(ls, TS_TABLE_COUNTRY), "France=1");
    landscape_free(ls);
}

static void test_landscape_add_does_not_count_duplicate_nct(void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_trial t;

    (void)state;
    add_trial(ls, "NCT00000001", "PHASE1", "S, C, France", &t);
    assert_int_equal(t.duplicate, 0);
    add_trial(ls, "NCT00000002", "PHASE2", "S, C, France", &t);
    assert_int_equal(t.duplicate, 0);
    /* The same trial exported again, with other values: not counted. */
    add_trial(ls, "NCT00000001", "PHASE3", "S, C, Spain", &t);
    assert_int_equal(t.duplicate, 1);
    assert_string_equal(t.nct, "NCT00000001");
    assert_int_equal(t.phase, TS_PHASE_3);
    assert_string_equal(t.countries, "Spain");
    /* Found in a URL, the same id is still the same trial. */
    add_trial(ls, "https://clinicaltrials.gov/study/NCT00000002", "PHASE4",
              "", &t);
    assert_int_equal(t.duplicate, 1);
    assert_int_equal(landscape_trials(ls), 2);
    assert_int_equal(landscape_duplicates(ls), 2);
    assert_rows(landscape_table(ls, TS_TABLE_PHASE), "Phase I=1, Phase II=1");
    assert_rows(landscape_table(ls, TS_TABLE_COUNTRY), "France=2");
    assert_rows(landscape_table(ls, TS_TABLE_START_YEAR), "2020=2");
    landscape_free(ls);
}

/* Without an id there is nothing to match on: every such row counts. */
static void test_landscape_add_counts_every_trial_without_nct(void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_trial t;

    (void)state;
    add_trial(ls, "", "PHASE1", "", &t);
    assert_int_equal(t.duplicate, 0);
    assert_string_equal(t.nct, "");
    add_trial(ls, "", "PHASE1", "", &t);
    assert_int_equal(t.duplicate, 0);
    assert_int_equal(landscape_trials(ls), 2);
    assert_int_equal(landscape_duplicates(ls), 0);
    landscape_free(ls);
}

static void test_landscape_add_takes_nct_from_url_without_nct_column(
    void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_record rec;
    ts_trial t;

    (void)state;
    record_init(&rec);
    rec.present[TS_COL_NCT] = 0;
    record_set(&rec, TS_COL_URL,
               "https://ClinicalTrials.gov/show/NCT07654321");
    landscape_add(ls, &rec, &t);
    assert_string_equal(t.nct, "NCT07654321");
    landscape_add(ls, &rec, &t);
    assert_int_equal(t.duplicate, 1);
    assert_int_equal(landscape_trials(ls), 1);
    landscape_free(ls);
}

static void test_landscape_add_counts_each_country_once_per_trial(
    void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_trial t;

    (void)state;
    add_trial(ls, "NCT00000001", "PHASE1",
              "A, City, State, 123, France|B, Town, Germany|C, X, France", &t);
    assert_string_equal(t.countries, "France; Germany");
    add_trial(ls, "NCT00000002", "PHASE1", "D, Paris, France", &t);
    assert_string_equal(t.countries, "France");
    add_trial(ls, "NCT00000003", "PHASE1", "", &t);
    assert_string_equal(t.countries, "");
    /* A name that is a prefix of one already listed is its own country. */
    add_trial(ls, "NCT00000004", "PHASE1",
              "S, Guinea-Bissau|T, Guinea|U, Guinea-Bissau", &t);
    assert_string_equal(t.countries, "Guinea-Bissau; Guinea");
    assert_rows(landscape_table(ls, TS_TABLE_COUNTRY),
                "France=2, Germany=1, Guinea=1, Guinea-Bissau=1, "
                "*Not reported=1");
    assert_int_equal(landscape_trials(ls), 4);
    landscape_free(ls);
}

static void test_landscape_unmapped_lists_raw_values(void **state)
{
    static const char *const fields[] = {"phase", "status", "study_type",
                                         "funder_type", "start_date"};
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_record rec;
    ts_trial t;
    size_t i;

    (void)state;
    assert_int_equal(landscape_unmapped_count(), 5);
    for (i = 0; i < 5; i++)
        assert_string_equal(landscape_unmapped_field(i), fields[i]);
    assert_string_equal(landscape_unmapped_field(5), "?");

    for (i = 0; i < 3; i++) {
        record_init(&rec);
        record_set(&rec, TS_COL_PHASES,
                   i < 2 ? "Phase 2/3b" : "Human pharmacology (Phase I): "
                                          "yes\nTherapeutic: no");
        record_set(&rec, TS_COL_STATUS, "Halted");
        record_set(&rec, TS_COL_STUDY_TYPE, "Registry");
        record_set(&rec, TS_COL_FUNDER, "Aliens|NIH");
        record_set(&rec, TS_COL_START, "soon");
        landscape_add(ls, &rec, &t);
        assert_int_equal(t.phase, TS_PHASE_UNCLASSIFIED);
        assert_int_equal(t.start_year, -1);
    }
    /* Mapped or empty values are not listed. */
    add_trial(ls, "", "", "", NULL);

    assert_rows(landscape_unmapped(ls, 0),
                "Phase 2/3b=2, Human pharmacology (Phase I): yes=1");
    assert_rows(landscape_unmapped(ls, 1), "Halted=3");
    assert_rows(landscape_unmapped(ls, 2), "Registry=3");
    assert_rows(landscape_unmapped(ls, 3), "Aliens|NIH=3");
    assert_rows(landscape_unmapped(ls, 4), "soon=3");
    assert_rows(landscape_table(ls, TS_TABLE_PHASE),
                "*Not reported=1, *Unclassified=3");
    assert_rows(landscape_table(ls, TS_TABLE_START_YEAR),
                "2020=1, *Unclassified=3");
    landscape_free(ls);
}

static void add_phases(ts_landscape *ls)
{
    add_trial(ls, "NCT00000001", "PHASE1", "", NULL);
    add_trial(ls, "NCT00000002", "PHASE2", "", NULL);
    add_trial(ls, "NCT00000003", "PHASE2", "", NULL);
    add_trial(ls, "NCT00000004", "NA", "", NULL);
    add_trial(ls, "NCT00000005", "", "", NULL);
    add_trial(ls, "NCT00000006", "junk", "", NULL);
    add_trial(ls, "NCT00000006", "PHASE1", "", NULL); /* duplicate */
}

static void test_landscape_table_denominator_counts_all_or_known(
    void **state)
{
    ts_landscape *all = landscape_new(TS_DENOM_ALL);
    ts_landscape *known = landscape_new(TS_DENOM_KNOWN);

    (void)state;
    add_phases(all);
    add_phases(known);
    assert_int_equal(landscape_trials(all), 6);
    assert_int_equal(landscape_table_denominator(all, TS_TABLE_PHASE), 6);
    assert_int_equal(landscape_denominator(known), TS_DENOM_KNOWN);
    /* Not applicable, Not reported and Unclassified are left out. */
    assert_int_equal(landscape_table_denominator(known, TS_TABLE_PHASE), 3);
    /* Every trial has a status; none has a known country. */
    assert_int_equal(landscape_table_denominator(known, TS_TABLE_STATUS), 6);
    assert_int_equal(landscape_table_denominator(known, TS_TABLE_COUNTRY),
                     0);
    assert_rows(landscape_table(known, TS_TABLE_PHASE),
                "Phase I=1, Phase II=2, *Not applicable=1, *Not reported=1, "
                "*Unclassified=1");
    landscape_free(all);
    landscape_free(known);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_norm_label_lists_each_vocabulary_in_display_order),
        cmocka_unit_test(test_norm_dim_name_names_each_table),
        cmocka_unit_test(test_norm_phase_maps_modern_values),
        cmocka_unit_test(test_norm_phase_maps_classic_values),
        cmocka_unit_test(test_norm_phase_maps_combined_phases),
        cmocka_unit_test(test_norm_phase_reports_empty_as_not_reported),
        cmocka_unit_test(test_norm_phase_leaves_junk_unclassified),
        cmocka_unit_test(test_norm_status_maps_modern_values),
        cmocka_unit_test(test_norm_status_maps_classic_values),
        cmocka_unit_test(test_norm_status_reports_empty_and_junk),
        cmocka_unit_test(test_norm_status_group_follows_the_letters_groups),
        cmocka_unit_test(test_norm_study_type_uses_the_prefix),
        cmocka_unit_test(test_norm_funder_maps_both_vocabularies),
        cmocka_unit_test(test_norm_funder_uses_first_class_of_list),
        cmocka_unit_test(test_norm_year_reads_registry_dates),
        cmocka_unit_test(test_norm_nct_finds_id_in_value_and_url),
        cmocka_unit_test(test_norm_nct_returns_minus_one_without_id),
        cmocka_unit_test(test_norm_next_country_takes_last_part_of_each_site),
        cmocka_unit_test(test_norm_next_country_skips_empty_sites),
        cmocka_unit_test(test_tally_new_copies_name_and_title),
        cmocka_unit_test(test_tally_rows_keep_seed_order_and_hide_zero_rows),
        cmocka_unit_test(test_tally_rows_order_by_count_then_label),
        cmocka_unit_test(test_tally_rows_order_by_label),
        cmocka_unit_test(
            test_tally_rows_put_special_rows_last_in_fixed_order),
        cmocka_unit_test(
            test_tally_special_total_is_zero_without_special_rows),
        cmocka_unit_test(test_tally_add_keeps_labels_with_nul_bytes_apart),
        cmocka_unit_test(test_tally_percent_divides_or_gives_minus_one),
        cmocka_unit_test(test_landscape_table_names_each_table),
        cmocka_unit_test(test_landscape_add_fills_trial_facts),
        cmocka_unit_test(test_landscape_add_does_not_count_duplicate_nct),
        cmocka_unit_test(test_landscape_add_counts_every_trial_without_nct),
        cmocka_unit_test(
            test_landscape_add_takes_nct_from_url_without_nct_column),
        cmocka_unit_test(
            test_landscape_add_counts_each_country_once_per_trial),
        cmocka_unit_test(test_landscape_unmapped_lists_raw_values),
        cmocka_unit_test(
            test_landscape_table_denominator_counts_all_or_known),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
