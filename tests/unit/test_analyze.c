/*
 * test_analyze.c - unit tests of the analyze stage through its headers:
 * normalize (every phase, status, study type and funder value of both
 * ClinicalTrials.gov vocabularies, years, NCT ids, countries), tally
 * (orders, special rows, percentages), dict (keys, loading, lookup,
 * errors), classify (types, matching, regimens, coverage), indication
 * rules, and landscape (duplicates, countries, unmapped values,
 * denominators, classification tables).
 */
#include "tests/unit/unit.h"

#include "analyze/classify.h"
#include "analyze/dict.h"
#include "analyze/indication.h"
#include "analyze/landscape.h"
#include "analyze/normalize.h"
#include "analyze/tally.h"
#include "analyze/vocab.h"
#include "ingest/record.h"
#include "ingest/trialid.h"

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

static void test_norm_key_folds_case_and_separators(void **state)
{
    char key[20];

    (void)state;
    assert_int_equal(norm_key(S("  Not yet -- recruiting. "), key,
                              sizeof(key)), 18);
    assert_string_equal(key, "NOT_YET_RECRUITING");
    assert_int_equal(norm_key(S("Phase 1/Phase 2"), key, sizeof(key)), 15);
    assert_string_equal(key, "PHASE_1_PHASE_2");
    assert_int_equal(norm_key(S(" - / "), key, sizeof(key)), 0);
    assert_string_equal(key, "");
    /* 20 letters do not fit beside the terminating NUL; 19 do. */
    assert_int_equal(norm_key(S("abcdefghijklmnopqrst"), key, sizeof(key)),
                     0);
    assert_int_equal(norm_key(S("abcdefghijklmnopqrs"), key, sizeof(key)),
                     19);
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

/* norm_date: "y-m-d/precision", or "none". */
static void assert_date(const char *raw, const char *want)
{
    int y = 0, m = 0, d = 0, p = norm_date(raw, strlen(raw), &y, &m, &d);
    char got[32];

    if (p)
        snprintf(got, sizeof(got), "%04d-%02d-%02d/%d", y, m, d, p);
    else
        snprintf(got, sizeof(got), "none");
    if (strcmp(got, want) != 0)
        fail_msg("norm_date(\"%s\") = %s, want %s", raw, got, want);
}

static void test_norm_date_reads_registry_dates_to_the_day_or_month(
    void **state)
{
    (void)state;
    assert_date("2016-03-01", "2016-03-01/3");
    assert_date("2016-03", "2016-03-01/2");
    assert_date("March 2016", "2016-03-01/2");
    assert_date("March 3, 2016", "2016-03-03/3");
    assert_date("Sep 30, 2021", "2021-09-30/3");
    assert_date("3/1/2016", "2016-03-01/3");
    assert_date(" 2016-03-01 ", "2016-03-01/3");
    assert_date("2016-02-29", "2016-02-29/3");
    assert_date("2015-02-29", "none");
    assert_date("2016-13", "none");
    assert_date("2016", "none");
    assert_date("", "none");
    assert_date("sometime", "none");
    assert_date("Marchh 2016", "none");
    assert_date("2016-03-01x", "none");
    assert_date("1850-01-01", "none");
}

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

/* 2026-11-30: "Seoul, Korea, Republic of" gave the country "Republic of". */
static void test_norm_next_country_keeps_names_with_a_comma_whole(
    void **state)
{
    static const char locs[] =
        "H, Seoul, Korea, Republic of|H, Tehran, Iran, Islamic Republic of|"
        "H, Skopje, Macedonia, The Former Yugoslav Republic of|"
        "H, Chisinau, Moldova, Republic of|Republic of|H, X, Republic of";
    static const char *const want[] = {
        "Korea, Republic of", "Iran, Islamic Republic of",
        "Macedonia, The Former Yugoslav Republic of", "Moldova, Republic of",
        "Republic of", "X, Republic of",
    };
    const char *c = NULL;
    size_t pos = 0, n = 0, i;

    (void)state;
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 1);
        assert_int_equal(n, strlen(want[i]));
        assert_memory_equal(c, want[i], n);
    }
    assert_int_equal(norm_next_country(S(locs), &pos, &c, &n), 0);
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

/* ---- dict: keys -------------------------------------------------------- */

/* The key of a literal text, as a string owned by the caller's buffer. */
#define assert_key(text, keep_all, want)                                    \
    do {                                                                    \
        ts_strbuf k_ = {0};                                                 \
        size_t n_ = dict_key(S(text), keep_all, &k_);                       \
        assert_string_equal(sb_str(&k_), want);                             \
        assert_int_equal(n_, strlen(want));                                 \
        assert_int_equal(k_.len, strlen(want));                             \
        sb_free(&k_);                                                       \
    } while (0)

static void test_dict_key_lowercases_and_keeps_only_letters_and_digits(
    void **state)
{
    (void)state;
    assert_key("Doxorubicin", 0, "doxorubicin");
    assert_key("DOXORUBICIN", 0, "doxorubicin");
    assert_key("  (Doxorubicin)!  ", 0, "doxorubicin");
    assert_key("MK-3475", 0, "mk3475");
    assert_key("mk 3475", 0, "mk3475");
    assert_key("MK3475", 0, "mk3475");
    assert_key("Nab-Paclitaxel", 0, "nabpaclitaxel");
    assert_key("5-FU", 0, "5fu");
    assert_key("Ara-C", 0, "arac");
    assert_key("Taxol.", 0, "taxol");
    /* A number not followed by a unit is part of the name. */
    assert_key("Interleukin-2", 0, "interleukin2");
    assert_key("CD19 CAR-T", 0, "cd19cart");
    /* Greek letters by their names; mu stays "micro" of units. */
    assert_key("IFN-\xce\xb2-1a", 0, "ifnbeta1a");
    assert_key("interferon \xce\xb2-1a", 0, "interferonbeta1a");
    assert_key("TNF\xce\xb1", 0, "tnfalpha");
    assert_key("\xce\xb3-globulin", 0, "gammaglobulin");
    assert_key("\xcf\x89-3", 0, "omega3");
    /* Upper case too: "Δ9-THC" is delta-9-THC, "Ω-3" omega-3. */
    assert_key("\xce\x94" "9-THC", 0, "delta9thc");
    assert_key("\xce\xa9-3 fatty acids", 0, "omega3fattyacids");
    assert_key("50 \xce\xbcg paclitaxel", 0, "paclitaxel");
}

static void test_dict_key_drops_salt_formulation_and_route_words(
    void **state)
{
    (void)state;
    assert_key("Doxorubicin Hydrochloride", 0, "doxorubicin");
    assert_key("doxorubicin HCl", 0, "doxorubicin");
    assert_key("Pegylated Liposomal Doxorubicin", 0, "doxorubicin");
    assert_key("Imatinib Mesylate tablets", 0, "imatinib");
    assert_key("Pazopanib orally daily", 0, "pazopanib");
    assert_key("Docetaxel IV infusion", 0, "docetaxel");
    assert_key("high dose Methotrexate", 0, "methotrexate");
}

static void test_dict_key_drops_numbers_with_their_units(void **state)
{
    (void)state;
    assert_key("Pazopanib 800 mg", 0, "pazopanib");
    assert_key("Pazopanib 800 mg orally daily", 0, "pazopanib");
    assert_key("Trabectedin 0.5 mg/m2", 0, "trabectedin");
    assert_key("Vincristine 1.5 mg/m2 IV", 0, "vincristine");
    assert_key("Erlotinib 150mg", 0, "erlotinib");
    assert_key("Oxaliplatin 85mg/m2", 0, "oxaliplatin");
    assert_key("Ifosfamide 9 g/m2", 0, "ifosfamide");
    assert_key("Radiotherapy 60 Gy", 0, "radiotherapy");
    assert_key("Vitamin D 1000 IU", 0, "vitamind");
    assert_key("10mg", 0, "");
}

static void test_dict_key_keep_all_keeps_every_word(void **state)
{
    (void)state;
    assert_key("Doxorubicin Hydrochloride", 1, "doxorubicinhydrochloride");
    assert_key("Pazopanib 800 mg orally daily", 1,
               "pazopanib800mgorallydaily");
    assert_key("Trabectedin 0.5 mg/m2", 1, "trabectedin05mgm2");
    assert_key("Sodium Chloride injection", 1, "sodiumchlorideinjection");
}

static void test_dict_key_gives_empty_key_for_only_stop_words(void **state)
{
    ts_strbuf k = {0};

    (void)state;
    assert_key("Sodium Chloride injection", 0, "");
    assert_key("oral tablets daily", 0, "");
    assert_key("standard dose", 0, "");
    assert_key("800 mg", 0, "");
    assert_key("", 0, "");
    assert_key(" - / ", 1, "");
    /* The key is reset first, and only len bytes are read. */
    assert_int_equal(dict_key(S("Doxorubicin"), 0, &k), 11);
    assert_int_equal(dict_key("Doxorubicin Hydrochloride", 3, 0, &k), 3);
    assert_string_equal(sb_str(&k), "dox");
    assert_int_equal(dict_key(S("injection"), 0, &k), 0);
    assert_string_equal(sb_str(&k), "");
    sb_free(&k);
}

static void test_dict_modality_label_names_each_modality_and_class(
    void **state)
{
    (void)state;
    assert_string_equal(dict_modality_key(TS_MOD_CHEMO), "chemotherapy");
    assert_string_equal(dict_modality_key(TS_MOD_CELL_GENE), "cell_gene");
    assert_string_equal(dict_modality_key(TS_MOD_COUNT), "-");
    assert_string_equal(dict_modality_label(TS_MOD_TARGETED),
                        "Targeted therapy");
    assert_string_equal(dict_modality_label(TS_MOD_PLACEBO),
                        "Placebo/control");
    assert_string_equal(dict_modality_label(TS_MOD_COUNT), "");
    assert_string_equal(dict_chemo_key(TS_CHEMO_DNA_SYNTHESIS),
                        "dna_synthesis");
    assert_string_equal(dict_chemo_key(TS_CHEMO_NONE), "-");
    assert_string_equal(dict_chemo_label(TS_CHEMO_TOPOISOMERASE),
                        "Topoisomerase inhibitors");
    assert_string_equal(dict_chemo_label(TS_CHEMO_NONE), "");
}

/* ---- dict: loading and lookup ------------------------------------------ */

/* A small dictionary: CTLA4, PDGFRB and VEGFA are not in targets.tsv (they
 * are created on first use); ivonescimab lists the immune PDCD1 among its
 * targets too. */
static const char test_targets_tsv[] =
    "# unit-test targets\n"
    "symbol\tdisplay\tfamily\timmune\n"
    "EGFR\tEGFR\tERBB\tno\n"
    "KDR\tKDR (VEGFR2)\tVEGFR\tno\n"
    "TOP2A\tTOP2A\tTopoisomerase\tno\n"
    "PDCD1\tPD-1\tCheckpoint\tyes\n"
    "CD274\tPD-L1\t\tyes\n";

static const char test_substances_tsv[] =
    "name\tsynonyms\tmodality\tchemo_class\ttargets\timmuno_targets\n"
    "# chemotherapy\n"
    "doxorubicin\tAdriamycin|doxorubicine\tchemotherapy\ttopoisomerase\t"
    "TOP2A\t-\n"
    "ifosfamide\tIfex\tchemotherapy\tdna\t-\t-\n"
    "gemcitabine\tGemzar\tchemotherapy\tdna_synthesis\t-\t-\n"
    "docetaxel\tTaxotere\tchemotherapy\tmicrotubule\t-\t-\n"
    "paclitaxel\tTaxol\tchemotherapy\tmicrotubule\t-\t-\n"
    "nab-paclitaxel\tAbraxane|nanoparticle albumin-bound paclitaxel\t"
    "chemotherapy\tmicrotubule\t-\t-\n"
    "cyclophosphamide\tCTX\tchemotherapy\tdna\t-\t-\n"
    "\n"
    "pazopanib\tVotrient\ttargeted\t-\tKDR, PDGFRB,KDR\t-\n"
    "erlotinib\tTarceva\ttargeted\t-\tEGFR\t-\n"
    "pembrolizumab\tKeytruda|MK-3475\timmunotherapy\t-\t-\tPDCD1\n"
    "atezolizumab\tTecentriq\timmunotherapy\t-\t-\tCD274\n"
    "ipilimumab\tYervoy\timmunotherapy\t-\t-\tCTLA4\n"
    "ivonescimab\tAK112\timmunotherapy\t-\tVEGFA,PDCD1\tPDCD1\n"
    "filgrastim\tNeupogen\tsupportive\t-\t-\t-\n"
    "pegfilgrastim\tNeulasta\tsupportive\t-\t-\t-\n"
    "placebo\tmatching placebo|sodium chloride\tplacebo\t-\t-\t-\n"
    "radiotherapy\tradiation therapy\tradiotherapy\t-\t-\t-\n"
    "fludeoxyglucose f 18\t18F-FDG|FDG\tdiagnostic\t-\t-\t-\n";

static const char test_regimens_tsv[] =
    "name\tcomponents\tcase\n"
    "AI\tdoxorubicin|ifosfamide\tcapitals\n"
    "GemTax\tgemcitabine|docetaxel\n";

static const char test_classes_tsv[] =
    "key\tlabel\tcancer\tatc\tmesh\n"
    "antivirals\tAntivirals\tno\tJ05\t-\n"
    "corticosteroids\tCorticosteroids\tno\tH02\t-\n"
    "antineoplastics\tAntineoplastic agents\tyes\tL01\t-\n"
    "jak_inhibitors\tJAK inhibitors\tno\tL04AF\t-\n"
    "vaccines\tVaccines\tno\tJ07\t-\n"
    "immune_sera\tImmunoglobulins and antisera\tno\tJ06\t-\n";

/* Below the curated file: a new drug, a class for a curated one, a
 * synonym the curated file already uses (left to it). */
static const char test_generated_tsv[] =
    "# generated\n"
    "name\tsynonyms\tmodality\tchemo_class\ttargets\timmuno_targets\t"
    "drug_class\tsource\n"
    "remdesivir\tGS-5734|Veklury\tdrug\t-\t-\t-\tantivirals\tDB1\n"
    "prednisone\tDeltasone\tother\t-\t-\t-\tcorticosteroids\tDB2\n"
    "docetaxol\tTaxotere\tchemotherapy\tmicrotubule\t-\t-\t-\tDB3\n";

static const char test_stems_tsv[] =
    "stem\tmodality\tchemo_class\tdrug_class\tmeaning\n"
    "-tinib\ttargeted\t-\tantineoplastics\ttyrosine kinase inhibitors\n"
    "-citinib\ttargeted\t-\tjak_inhibitors\tJAK inhibitors\n"
    "-vir\tdrug\t-\tantivirals\tantivirals\n"
    "-li-mab\timmunotherapy\t-\t-\timmunomodulating antibodies\n"
    "-mab\tdrug\t-\t-\tmonoclonal antibodies\n";

/* Writes the small dictionary into dir and loads it. */
static ts_dict *load_test_dict(const char *dir)
{
    static const struct {
        const char *name, *text;
    } files[] = {
        {"targets.tsv", test_targets_tsv},
        {"classes.tsv", test_classes_tsv},
        {"substances.tsv", test_substances_tsv},
        {"regimens.tsv", test_regimens_tsv},
        {"drugs-generated.tsv", test_generated_tsv},
        {"stems.tsv", test_stems_tsv},
    };
    ts_dict *d = dict_new();
    ts_error err;
    size_t i;

    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        free(ut_write_text(dir, files[i].name, files[i].text));
    if (dict_load_dir(d, dir, &err) != TS_OK)
        fail_msg("%s:%lu:%lu: %s", err.file, err.line, err.column, err.msg);
    return d;
}

/* The one substance text names, by its preferred name; "" if it names
 * none, "n=K" if K. */
static const char *lookup_name(const ts_dict *d, const char *text)
{
    const ts_substance *out[4];
    size_t n = dict_lookup(d, text, strlen(text), out, 4, NULL);

    if (n == 0)
        return "";
    if (n != 1)
        return "several";
    return out[0]->name;
}

static void test_dict_load_dir_reads_every_file(void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_substance *s;

    /* 18 curated, 3 generated (remdesivir, prednisone, docetaxol). */
    assert_int_equal(dict_nsubstances(d), 21);
    assert_int_equal(dict_nregimens(d), 2);
    /* 5 listed targets, and PDGFRB, CTLA4, VEGFA created on first use. */
    assert_int_equal(dict_ntargets(d), 8);
    /* 18 names, 23 synonyms, 2 regimens; "doxorubicine" is its own key;
     * generated: 3 names and 3 synonyms ("Taxotere" was curated's). */
    assert_int_equal(dict_nkeys(d), 49);
    assert_int_equal(dict_nclasses(d), 6);
    assert_int_equal(dict_nstems(d), 5);
    s = dict_find(d, "doxorubicin");
    assert_non_null(s);
    assert_string_equal(s->name, "doxorubicin");
    assert_int_equal(s->modality, TS_MOD_CHEMO);
    assert_int_equal(s->chemo, TS_CHEMO_TOPOISOMERASE);
    assert_int_equal(s->ntargets, 1);
    assert_string_equal(dict_target(d, s->targets[0])->symbol, "TOP2A");
    assert_int_equal(s->nimmuno, 0);
    s = dict_find(d, "pembrolizumab");
    assert_int_equal(s->modality, TS_MOD_IMMUNO);
    assert_int_equal(s->chemo, TS_CHEMO_NONE);
    assert_int_equal(s->ntargets, 0);
    assert_int_equal(s->nimmuno, 1);
    assert_string_equal(dict_target(d, s->immuno[0])->symbol, "PDCD1");
    /* Names are exact; keys are for lookup. */
    assert_null(dict_find(d, "Doxorubicin"));
    assert_null(dict_find(d, "AI"));
    assert_null(dict_target(d, 8));
    dict_free(d);
}

static void test_dict_lookup_finds_name_synonym_and_code_spellings(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_substance *out[1];

    assert_string_equal(lookup_name(d, "Doxorubicin"), "doxorubicin");
    assert_string_equal(lookup_name(d, "DOXORUBICIN HYDROCHLORIDE"),
                        "doxorubicin");
    assert_string_equal(lookup_name(d, "doxorubicin 75 mg/m2 IV"),
                        "doxorubicin");
    assert_string_equal(lookup_name(d, "Adriamycin"), "doxorubicin");
    assert_string_equal(lookup_name(d, "Doxorubicine"), "doxorubicin");
    assert_string_equal(lookup_name(d, "Keytruda"), "pembrolizumab");
    assert_string_equal(lookup_name(d, "MK-3475"), "pembrolizumab");
    assert_string_equal(lookup_name(d, "MK 3475"), "pembrolizumab");
    assert_string_equal(lookup_name(d, "mk3475"), "pembrolizumab");
    assert_string_equal(lookup_name(d, "Abraxane"), "nab-paclitaxel");
    assert_string_equal(lookup_name(d, "nab paclitaxel"), "nab-paclitaxel");
    assert_string_equal(lookup_name(d, "Radiation Therapy"), "radiotherapy");
    assert_string_equal(lookup_name(d, "Blorbizan"), "");
    assert_string_equal(lookup_name(d, "MK-347"), "");
    assert_string_equal(lookup_name(d, "injection"), "");
    assert_string_equal(lookup_name(d, ""), "");
    /* The already computed key works too. */
    assert_int_equal(dict_lookup_key(d, S("mk3475"), out, 1, NULL), 1);
    assert_ptr_equal(out[0], dict_find(d, "pembrolizumab"));
    assert_int_equal(dict_lookup_key(d, S("MK3475"), out, 1, NULL), 0);
    dict_free(d);
}

static void test_dict_lookup_expands_regimen_to_components(void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_substance *out[4];

    assert_int_equal(dict_lookup(d, S("GemTax"), out, 4, NULL), 2);
    assert_ptr_equal(out[0], dict_find(d, "gemcitabine"));
    assert_ptr_equal(out[1], dict_find(d, "docetaxel"));
    assert_int_equal(dict_lookup(d, S("A.I."), out, 4, NULL), 2);
    assert_ptr_equal(out[0], dict_find(d, "doxorubicin"));
    assert_ptr_equal(out[1], dict_find(d, "ifosfamide"));
    /* The count is the regimen's size, even when fewer fit. */
    out[1] = NULL;
    assert_int_equal(dict_lookup(d, S("AI"), out, 1, NULL), 2);
    assert_ptr_equal(out[0], dict_find(d, "doxorubicin"));
    assert_null(out[1]);
    assert_int_equal(dict_lookup(d, S("AI"), out, 0, NULL), 2);
    dict_free(d);
}

/* A regimen whose case column says "capitals" ("ICE", "TEAM", "AI") is
 * matched only where the text writes it so: "Smile program", "ai" and
 * "Ice pack" name no chemotherapy. A name without a case ("GemTax") is
 * matched in any case; "exact" keeps the name's own case (below). */
static void test_dict_lookup_capital_acronym_only_in_capitals(void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_substance *out[4];
    ts_dict_hit hit;

    assert_int_equal(dict_lookup(d, S("ai"), out, 4, NULL), 0);
    assert_int_equal(dict_lookup(d, S("Ai"), out, 4, &hit), 0);
    assert_int_equal(dict_lookup(d, S("AIM"), out, 4, NULL), 0);
    assert_int_equal(dict_lookup(d, S("(AI)"), out, 4, &hit), 2);
    assert_string_equal(hit.regimen, "AI");
    assert_int_equal(dict_lookup(d, S("A.I."), out, 4, NULL), 2);
    assert_int_equal(dict_lookup(d, S("A.i."), out, 4, NULL), 0);
    assert_int_equal(dict_lookup(d, S("A-I"), out, 4, NULL), 2);
    assert_int_equal(dict_lookup(d, S("(A-I)"), out, 4, NULL), 2);
    assert_int_equal(dict_lookup(d, S("gemtax"), out, 4, NULL), 2);
    assert_int_equal(dict_lookup(d, S("GEMTAX"), out, 4, NULL), 2);
    dict_free(d);
}

static void test_dict_regimen_case_exact_and_errors(void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_substance *out[4];
    ts_error err;
    char *path;

    ts_error_clear(&err);
    path = ut_write_text(*state, "more_regimens.tsv",
                         "name\tcomponents\tcase\n"
                         "GeDo\tgemcitabine|docetaxel\texact\n"
                         "GeIf\tgemcitabine|ifosfamide\t-\n");
    assert_int_equal(dict_load_regimens(d, path, &err), TS_OK);
    assert_int_equal(dict_lookup(d, S("GeDo"), out, 4, NULL), 2);
    assert_int_equal(dict_lookup(d, S("GEDO"), out, 4, NULL), 0);
    assert_int_equal(dict_lookup(d, S("Gedo"), out, 4, NULL), 0);
    assert_int_equal(dict_lookup(d, S("geif"), out, 4, NULL), 2);
    /* An unknown case, and a case for a name that is not letters only,
     * are errors naming the line and column. */
    free(path);
    path = ut_write_text(*state, "more_regimens.tsv",
                         "name\tcomponents\tcase\n"
                         "DoIf\tdoxorubicin|ifosfamide\tupper\n");
    assert_int_equal(dict_load_regimens(d, path, &err), TS_ERR_DICT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 29);
    assert_non_null(strstr(err.msg, "unknown case \"upper\""));
    free(path);
    path = ut_write_text(*state, "more_regimens.tsv",
                         "name\tcomponents\tcase\n"
                         "Do-If\tdoxorubicin|ifosfamide\texact\n");
    assert_int_equal(dict_load_regimens(d, path, &err), TS_ERR_DICT);
    assert_non_null(strstr(err.msg, "letters only"));
    /* A third column needs the header's. */
    free(path);
    path = ut_write_text(*state, "more_regimens.tsv",
                         "name\tcomponents\n"
                         "DoCi\tdoxorubicin|ifosfamide\texact\n");
    assert_int_equal(dict_load_regimens(d, path, &err), TS_ERR_DICT);
    assert_int_equal(err.line, 2);
    free(path);
    dict_free(d);
}

/*
 * Regression (2026-11-23): a synonym whose short key already named another
 * substance was bound by its full key, but dict_lookup tried the short key
 * first and never reached the full one: "nanoparticle albumin-bound
 * paclitaxel", listed under nab-paclitaxel, looked up as paclitaxel.
 */
static void test_dict_lookup_prefers_full_key_bound_after_short_key_clash(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_strbuf k = {0};
    const ts_substance *out[1];

    assert_string_equal(lookup_name(d, "nanoparticle albumin-bound "
                                       "paclitaxel"),
                        "nab-paclitaxel");
    assert_string_equal(lookup_name(d, "Nanoparticle Albumin Bound "
                                       "PACLITAXEL"),
                        "nab-paclitaxel");
    /* The short key still means the substance that had it first. */
    dict_key(S("nanoparticle albumin-bound paclitaxel"), 0, &k);
    assert_string_equal(sb_str(&k), "paclitaxel");
    assert_int_equal(dict_lookup_key(d, k.buf, k.len, out, 1, NULL), 1);
    assert_ptr_equal(out[0], dict_find(d, "paclitaxel"));
    assert_string_equal(lookup_name(d, "albumin-bound paclitaxel"),
                        "paclitaxel");
    assert_string_equal(lookup_name(d, "Paclitaxel Injection"),
                        "paclitaxel");
    /* Only such bindings go first: "peg-filgrastim" has the short key of
     * filgrastim and the full key of pegfilgrastim, and reads as the
     * former (data/README.md). */
    assert_string_equal(lookup_name(d, "peg-filgrastim"), "filgrastim");
    assert_string_equal(lookup_name(d, "Pegfilgrastim"), "pegfilgrastim");
    /* A text of only dropped words is looked up by its full key. */
    assert_string_equal(lookup_name(d, "Sodium Chloride"), "placebo");
    assert_string_equal(lookup_name(d, "Sodium Chloride 0.9%"), "");
    sb_free(&k);
    dict_free(d);
}

static void test_dict_load_substances_creates_unknown_targets(void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_substance *s = dict_find(d, "pazopanib");
    const ts_target *t;

    /* "KDR, PDGFRB,KDR": trimmed and deduplicated, in order. */
    assert_int_equal(s->ntargets, 2);
    assert_string_equal(dict_target(d, s->targets[0])->display,
                        "KDR (VEGFR2)");
    t = dict_target(d, s->targets[1]);
    assert_string_equal(t->symbol, "PDGFRB");
    assert_string_equal(t->display, "PDGFRB");
    assert_string_equal(t->family, "");
    assert_int_equal(t->immune, 0);
    /* Created from an immuno_targets column: an immune target. */
    t = dict_target_by_symbol(d, "CTLA4");
    assert_non_null(t);
    assert_string_equal(t->display, "CTLA4");
    assert_int_equal(t->immune, 1);
    t = dict_target_by_symbol(d, "VEGFA");
    assert_non_null(t);
    assert_int_equal(t->immune, 0);
    dict_free(d);
}

static void test_dict_target_by_symbol_finds_loaded_targets(void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_target *t = dict_target_by_symbol(d, "KDR");

    assert_non_null(t);
    assert_ptr_equal(t, dict_target(d, 1));
    assert_string_equal(t->symbol, "KDR");
    assert_string_equal(t->display, "KDR (VEGFR2)");
    assert_string_equal(t->family, "VEGFR");
    assert_int_equal(t->immune, 0);
    t = dict_target_by_symbol(d, "PDCD1");
    assert_string_equal(t->display, "PD-1");
    assert_int_equal(t->immune, 1);
    /* An empty family reads "-". */
    assert_string_equal(dict_target_by_symbol(d, "CD274")->family, "-");
    assert_null(dict_target_by_symbol(d, "kdr"));
    assert_null(dict_target_by_symbol(d, "BRAF"));
    assert_null(dict_target_by_symbol(d, ""));
    dict_free(d);
}

/* Loads text as a substances file into a new dict and checks the error. */
static void check_substances_error(const char *dir, const char *text,
                                   unsigned long line, unsigned long column,
                                   const char *msg)
{
    char *path = ut_write_text(dir, "substances.tsv", text);
    ts_dict *d = dict_new();
    ts_error err;

    assert_int_equal(dict_load_substances(d, path, 0, &err), TS_ERR_DICT);
    assert_int_equal(err.status, TS_ERR_DICT);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_string_equal(err.msg, msg);
    dict_free(d);
    free(path);
}

#define SUBS_HEADER                                                         \
    "name\tsynonyms\tmodality\tchemo_class\ttargets\timmuno_targets\n"

static void test_dict_load_substances_rejects_wrong_header(void **state)
{
    check_substances_error(*state,
                           "# comment\n"
                           "name\tsynonyms\tmodality\n"
                           "doxorubicin\t-\tchemotherapy\n",
                           2, 1,
                           "bad header: expected \"name\tsynonyms\tmodality"
                           "\tchemo_class\ttargets\timmuno_targets\", "
                           "optionally followed by \"drug_class\tsource\"");
    check_substances_error(*state,
                           "name\tsynonyms\tmodality\tchemo_class\ttargets"
                           "\timmuno_targets\textra\n",
                           1, 1,
                           "bad header: expected \"name\tsynonyms\tmodality"
                           "\tchemo_class\ttargets\timmuno_targets\", "
                           "optionally followed by \"drug_class\tsource\"");
    check_substances_error(*state, "# only a comment\n", 1, 0,
                           "empty dictionary: expected the header \"name\t"
                           "synonyms\tmodality\tchemo_class\ttargets\t"
                           "immuno_targets\"");
}

static void test_dict_load_substances_rejects_wrong_column_count(
    void **state)
{
    check_substances_error(*state,
                           SUBS_HEADER
                           "doxorubicin\t-\tchemotherapy\ttopoisomerase\t-\t-\n"
                           "\n"
                           "ifosfamide\t-\tchemotherapy\n",
                           4, 0, "3 columns where 6 are expected");
    check_substances_error(*state,
                           SUBS_HEADER
                           "a\t-\tchemotherapy\tdna\t-\t-\t-\n",
                           2, 0, "7 columns where 6 are expected");
}

static void test_dict_load_substances_rejects_unknown_modality(void **state)
{
    check_substances_error(*state,
                           SUBS_HEADER "ifosfamide\t-\tchemo\tdna\t-\t-\n", 2,
                           14, "unknown modality \"chemo\"");
}

static void test_dict_load_substances_rejects_unknown_chemo_class(
    void **state)
{
    check_substances_error(*state,
                           SUBS_HEADER
                           "x\t-\tchemotherapy\tdna-damage\t-\t-\n",
                           2, 18, "unknown chemo_class \"dna-damage\"");
}

/* Loads text with loader into the test dictionary; checks the error. */
static void check_load_error(const char *dir, const char *file,
                             ts_status (*load)(ts_dict *, const char *,
                                               ts_error *),
                             const char *text, unsigned long line,
                             unsigned long column, const char *msg)
{
    ts_dict *d = load_test_dict(dir);
    char *path = ut_write_text(dir, file, text);
    ts_error err;

    assert_int_equal(load(d, path, &err), TS_ERR_DICT);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_string_equal(err.msg, msg);
    dict_free(d);
    free(path);
}

#define GEN_HEADER                                                          \
    "name\tsynonyms\tmodality\tchemo_class\ttargets\timmuno_targets\t"     \
    "drug_class\tsource\n"

static void test_dict_load_generated_rejects_malformed_lines(void **state)
{
    check_load_error(*state, "gen.tsv", dict_load_generated,
                     GEN_HEADER "zorib\t-\tdrug\t-\t-\t-\tantiviruses\tx\n",
                     2, 20,
                     "unknown drug_class \"antiviruses\" (not in "
                     "classes.tsv)");
    check_load_error(*state, "gen.tsv", dict_load_generated,
                     GEN_HEADER "zorib\t-\tmedicine\t-\t-\t-\t-\tx\n", 2, 9,
                     "unknown modality \"medicine\"");
    check_load_error(*state, "gen.tsv", dict_load_generated,
                     GEN_HEADER "zorib\t-\tdrug\t-\t-\t-\t-\n", 2, 0,
                     "7 columns where 8 are expected");
    /* Two lines of the file may not claim one name. */
    check_load_error(*state, "gen.tsv", dict_load_generated,
                     GEN_HEADER "zorib\tZR-1\tdrug\t-\t-\t-\t-\tx\n"
                                "quuxib\tZR 1\tdrug\t-\t-\t-\t-\tx\n",
                     3, 8, "\"ZR 1\" already names \"zorib\" (line 2)");
}

static void test_dict_load_generated_yields_to_curated_names(void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_substance *s;

    /* "Taxotere" stays docetaxel's; the generated line only adds its
     * own name. */
    assert_string_equal(lookup_name(d, "Taxotere"), "docetaxel");
    assert_string_equal(lookup_name(d, "docetaxol"), "docetaxol");
    /* A new substance, and its class; a class for a curated one comes from
     * the line that gives it. */
    s = dict_find(d, "remdesivir");
    assert_non_null(s);
    assert_string_equal(lookup_name(d, "GS-5734"), "remdesivir");
    assert_string_equal(dict_class(d, s->drug_class)->label, "Antivirals");
    assert_int_equal(s->line, 3);
    assert_non_null(strstr(s->class_file, "drugs-generated.tsv"));
    dict_free(d);
}

static void test_dict_load_classes_and_stems_reject_malformed_lines(
    void **state)
{
    check_load_error(*state, "cl.tsv", dict_load_classes,
                     "key\tlabel\tcancer\tatc\tmesh\n"
                     "Anti-virals\tAntivirals\tno\tJ05\t-\n",
                     2, 1, "a class key is lower-case letters, digits and '_'");
    check_load_error(*state, "cl.tsv", dict_load_classes,
                     "key\tlabel\tcancer\tatc\tmesh\n"
                     "antivirals\tAntivirals\tmaybe\tJ05\t-\n",
                     2, 23, "cancer must be yes or no, not \"maybe\"");
    check_load_error(*state, "st.tsv", dict_load_stems,
                     "stem\tmodality\tchemo_class\tdrug_class\tmeaning\n"
                     "tinib\ttargeted\t-\t-\tkinase inhibitors\n",
                     2, 1,
                     "a stem is '-' and lower-case letters (\"-tinib\", or "
                     "\"-tu-mab\" for an antibody substem), not \"tinib\"");
    check_load_error(*state, "st.tsv", dict_load_stems,
                     "stem\tmodality\tchemo_class\tdrug_class\tmeaning\n"
                     "-tinib\ttargeted\t-\tkinases\tkinase inhibitors\n",
                     2, 19, "unknown drug_class \"kinases\" (not in "
                     "classes.tsv)");
    /* The test dictionary has -tinib already. */
    check_load_error(*state, "st.tsv", dict_load_stems,
                     "stem\tmodality\tchemo_class\tdrug_class\tmeaning\n"
                     "-tinib\ttargeted\t-\t-\tkinase inhibitors\n",
                     2, 1, "duplicate stem \"-tinib\"");
}

static void test_dict_stem_finds_longest_stem_and_antibody_substems(
    void **state)
{
    ts_dict *d = load_test_dict(*state);

    assert_string_equal(dict_stem(d, S("zorbatinib"))->stem, "-tinib");
    assert_string_equal(dict_stem(d, S("zorbacitinib"))->stem, "-citinib");
    /* pembro-li-zu-mab: the target substem before the source substem. */
    assert_string_equal(dict_stem(d, S("quuxlizumab"))->stem, "-li-mab");
    assert_string_equal(dict_stem(d, S("quuxlimumab"))->stem, "-li-mab");
    assert_string_equal(dict_stem(d, S("quuxtuzumab"))->stem, "-mab");
    /* At least three letters before the stem. */
    assert_null(dict_stem(d, S("abtinib")));
    assert_null(dict_stem(d, S("tinib")));
    assert_null(dict_stem(d, S("zorib")));
    dict_free(d);
}

static void test_classify_is_cancer_reads_cancer_conditions(void **state)
{
    (void)state;
    assert_true(classify_is_cancer(S("Breast Cancer|Obesity")));
    assert_true(classify_is_cancer(S("Malignant Peripheral Nerve Sheath "
                                     "Tumor")));
    assert_true(classify_is_cancer(S("Neurofibromatosis 1|MPNST")));
    assert_true(classify_is_cancer(S("Diffuse Large B-Cell Lymphoma")));
    assert_true(classify_is_cancer(S("Acute Myeloid Leukemia")));
    assert_true(classify_is_cancer(S("AML")));
    assert_false(classify_is_cancer(S("Psoriasis|Psoriatic Arthritis")));
    assert_false(classify_is_cancer(S("Multiple Sclerosis")));
    assert_false(classify_is_cancer(S("Small Animal Study")));
    assert_false(classify_is_cancer(S("")));
}

static void test_dict_load_substances_rejects_duplicate_name(void **state)
{
    check_substances_error(*state,
                           SUBS_HEADER
                           "ifosfamide\t-\tchemotherapy\tdna\t-\t-\n"
                           "ifosfamide\tIfex\tchemotherapy\tdna\t-\t-\n",
                           3, 1, "duplicate substance \"ifosfamide\"");
}

static void test_dict_load_substances_rejects_synonym_naming_another(
    void **state)
{
    /* "alfa 1" and "Alfa-1" are one key. */
    check_substances_error(*state,
                           SUBS_HEADER
                           "alpha\tAlfa-1\ttargeted\t-\t-\t-\n"
                           "beta\tZeta|alfa 1\ttargeted\t-\t-\t-\n",
                           3, 6, "\"alfa 1\" already names \"alpha\" "
                                 "(line 2)");
    /* A name that is another substance's synonym. */
    check_substances_error(*state,
                           SUBS_HEADER
                           "# c\n"
                           "alpha\tAlfa-1|Alfa-2\ttargeted\t-\t-\t-\n"
                           "ALFA 2\t-\ttargeted\t-\t-\t-\n",
                           4, 1, "\"ALFA 2\" already names \"alpha\" "
                                 "(line 3)");
}

static void test_dict_load_regimens_rejects_unknown_component(void **state)
{
    char *path;
    ts_dict *d = load_test_dict(*state);
    ts_error err;

    path = ut_write_text(*state, "more_regimens.tsv",
                         "name\tcomponents\n"
                         "AC\tdoxorubicin|cyclophosphamid\n");
    assert_int_equal(dict_load_regimens(d, path, &err), TS_ERR_DICT);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 16);
    assert_string_equal(err.msg, "unknown substance \"cyclophosphamid\" in "
                                 "regimen \"AC\"");
    free(path);
    /* Components are preferred names, not synonyms. */
    path = ut_write_text(*state, "more_regimens.tsv",
                         "name\tcomponents\n"
                         "AC2\tAdriamycin|cyclophosphamide\n");
    assert_int_equal(dict_load_regimens(d, path, &err), TS_ERR_DICT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 5);
    assert_string_equal(err.msg, "unknown substance \"Adriamycin\" in "
                                 "regimen \"AC2\"");
    free(path);
    /* A regimen may not take a substance's key. */
    path = ut_write_text(*state, "more_regimens.tsv",
                         "name\tcomponents\n"
                         "Taxol\tpaclitaxel\n");
    assert_int_equal(dict_load_regimens(d, path, &err), TS_ERR_DICT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 1);
    {
        /* The line is in another file, which is named. */
        char want[512];

        snprintf(want, sizeof(want),
                 "\"Taxol\" already names \"paclitaxel\" (line 7 of "
                 "%s/substances.tsv)",
                 (const char *)*state);
        assert_string_equal(err.msg, want);
    }
    free(path);
    dict_free(d);
}

static void test_dict_load_targets_rejects_immune_not_yes_or_no(
    void **state)
{
    char *path = ut_write_text(*state, "targets.tsv",
                               "symbol\tdisplay\tfamily\timmune\n"
                               "KDR\tKDR (VEGFR2)\tVEGFR\tno\n"
                               "EGFR\tEGFR\tERBB\tYes\n");
    ts_dict *d = dict_new();
    ts_error err;

    assert_int_equal(dict_load_targets(d, path, &err), TS_ERR_DICT);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 16);
    assert_string_equal(err.msg, "immune must be yes or no, not \"Yes\"");
    dict_free(d);
    free(path);
}

static void test_dict_load_reports_missing_file_as_io_error(void **state)
{
    char *path = ut_path(*state, "nowhere.tsv");
    ts_dict *d = dict_new();
    ts_error err;
    char want[200];

    snprintf(want, sizeof(want), "cannot open dictionary: %s",
             strerror(ENOENT));
    assert_int_equal(dict_load_targets(d, path, &err), TS_ERR_IO);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.sys_errno, ENOENT);
    assert_string_equal(err.msg, want);
    assert_int_equal(dict_load_substances(d, path, 1, &err), TS_ERR_IO);
    assert_string_equal(err.msg, want);
    assert_int_equal(dict_load_regimens(d, path, &err), TS_ERR_IO);
    assert_string_equal(err.msg, want);
    /* A directory without the files. */
    assert_int_equal(dict_load_dir(d, *state, &err), TS_ERR_IO);
    assert_true(ut_contains(err.file, strlen(err.file), "/targets.tsv"));
    assert_int_equal(dict_nsubstances(d), 0);
    dict_free(d);
    free(path);
}

/* A name is never bound by a single character or a bare head noun left
 * once its stop words and doses are dropped: "A-16L" is not "A",
 * "nasal preparations" is not every text saying "preparations", nor
 * "albumin human" every text saying "human". */
static void test_dict_binds_no_single_letter_or_head_noun_key(void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_substance *out[2];
    char *path;
    ts_error err;

    path = ut_write_text(*state, "junk.tsv",
                         SUBS_HEADER
                         "a-16l\tT-helper antigen A16L\tother\t-\t-\t-\n"
                         "nasal preparations\t-\tother\t-\t-\t-\n"
                         "albumin human\t-\tother\t-\t-\t-\n");
    assert_int_equal(dict_load_substances(d, path, 0, &err), TS_OK);
    assert_int_equal(dict_lookup(d, S("A"), out, 2, NULL), 0);
    assert_int_equal(dict_lookup(d, S("preparations"), out, 2, NULL), 0);
    /* "albumin" is a dropped word: "Human" alone names no albumin. */
    assert_int_equal(dict_lookup(d, S("Human"), out, 2, NULL), 0);
    assert_int_equal(dict_lookup(d, S("Albumin (Human)"), out, 2, NULL), 1);
    assert_string_equal(out[0]->name, "albumin human");
    assert_int_equal(dict_lookup(d, S("A-16L"), out, 2, NULL), 1);
    assert_string_equal(out[0]->name, "a-16l");
    assert_int_equal(dict_lookup(d, S("Nasal preparations"), out, 2, NULL),
                     1);
    assert_string_equal(out[0]->name, "nasal preparations");
    free(path);
    dict_free(d);
}

static void test_dict_load_substances_override_replaces_and_takes_over(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    const ts_substance *pac = dict_find(d, "paclitaxel");
    char *path;
    ts_error err;

    path = ut_write_text(*state, "extra.tsv",
                         SUBS_HEADER
                         "paclitaxel\t-\tchemotherapy\tother\tTUBB\t-\n"
                         "oraxol\tTaxol\tchemotherapy\tmicrotubule\t-\t-\n");
    /* Without override, the same file is refused. */
    assert_int_equal(dict_load_substances(d, path, 0, &err), TS_ERR_DICT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 1);
    assert_string_equal(err.msg, "duplicate substance \"paclitaxel\"");

    dict_free(d);
    d = load_test_dict(*state);
    pac = dict_find(d, "paclitaxel");
    assert_int_equal(dict_load_substances(d, path, 1, &err), TS_OK);
    assert_int_equal(dict_nsubstances(d), 22);
    /* Replaced: the same entry with the new facts. */
    assert_ptr_equal(dict_find(d, "paclitaxel"), pac);
    assert_int_equal(pac->chemo, TS_CHEMO_OTHER);
    assert_int_equal(pac->ntargets, 1);
    assert_string_equal(dict_target(d, pac->targets[0])->symbol, "TUBB");
    assert_string_equal(lookup_name(d, "Paclitaxel"), "paclitaxel");
    /* The colliding synonym now names the new substance. */
    assert_string_equal(lookup_name(d, "TAXOL"), "oraxol");
    assert_string_equal(lookup_name(d, "Oraxol"), "oraxol");
    free(path);

    /* Within one override file a key still names one thing. */
    path = ut_write_text(*state, "extra.tsv",
                         SUBS_HEADER
                         "a1\tGemzar\tchemotherapy\tother\t-\t-\n"
                         "a2\tgemzar\tchemotherapy\tother\t-\t-\n");
    assert_int_equal(dict_load_substances(d, path, 1, &err), TS_ERR_DICT);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 4);
    assert_string_equal(err.msg, "\"gemzar\" already names \"a1\" (line 2)");
    free(path);
    dict_free(d);
}

static void test_dict_free_accepts_null(void **state)
{
    ts_dict *d = dict_new();

    (void)state;
    dict_free(NULL);
    assert_int_equal(dict_nsubstances(d), 0);
    assert_int_equal(dict_nkeys(d), 0);
    assert_null(dict_find(d, "x"));
    dict_free(d);
}

/* ---- classify ---------------------------------------------------------- */

#define assert_itype(text, want_type, want_start)                           \
    do {                                                                    \
        size_t st_ = 99;                                                    \
        assert_int_equal(classify_type(S(text), &st_), want_type);          \
        assert_int_equal(st_, want_start);                                  \
    } while (0)

static void test_classify_type_reads_both_vocabularies(void **state)
{
    (void)state;
    assert_itype("DRUG: Doxorubicin", TS_ITYPE_DRUG, 6);
    assert_itype("Drug: Doxorubicin", TS_ITYPE_DRUG, 6);
    assert_itype("drug:Doxorubicin", TS_ITYPE_DRUG, 5);
    assert_itype("BIOLOGICAL: Pembrolizumab", TS_ITYPE_BIOLOGICAL, 12);
    assert_itype("Biological: Pembrolizumab", TS_ITYPE_BIOLOGICAL, 12);
    assert_itype("RADIATION: Proton beam", TS_ITYPE_RADIATION, 11);
    assert_itype("PROCEDURE: Surgery", TS_ITYPE_PROCEDURE, 11);
    assert_itype("Procedure/Surgery: Resection", TS_ITYPE_PROCEDURE, 19);
    assert_itype("DEVICE: Pump", TS_ITYPE_DEVICE, 8);
    assert_itype("GENETIC: Sequencing", TS_ITYPE_GENETIC, 9);
    assert_itype("BEHAVIORAL: Exercise", TS_ITYPE_BEHAVIORAL, 12);
    assert_itype("DIETARY_SUPPLEMENT: Vitamin D", TS_ITYPE_DIETARY, 20);
    assert_itype("Dietary Supplement: Vitamin D", TS_ITYPE_DIETARY, 20);
    assert_itype("DIAGNOSTIC_TEST: PET", TS_ITYPE_DIAGNOSTIC, 17);
    assert_itype("Diagnostic Test: PET", TS_ITYPE_DIAGNOSTIC, 17);
    assert_itype("COMBINATION_PRODUCT: X", TS_ITYPE_COMBINATION, 21);
    assert_itype("OTHER: Questionnaire", TS_ITYPE_OTHER, 7);
    assert_itype("DRUG:", TS_ITYPE_DRUG, 5);
    assert_itype("DRUG:   ", TS_ITYPE_DRUG, 8);
}

static void test_classify_type_ignores_unknown_or_late_prefix(void **state)
{
    (void)state;
    assert_itype("Doxorubicin", TS_ITYPE_NONE, 0);
    assert_itype("Drug Doxorubicin", TS_ITYPE_NONE, 0);
    assert_itype("DRUGS: Doxorubicin", TS_ITYPE_NONE, 0);
    assert_itype("Arm A: Doxorubicin", TS_ITYPE_NONE, 0);
    /* A colon past the first 24 bytes belongs to a long name. */
    assert_itype("Doxorubicin followed by maintenance: Pazopanib",
                 TS_ITYPE_NONE, 0);
    assert_itype("Single agent oral therapy, drug: Pazopanib", TS_ITYPE_NONE,
                 0);
    assert_int_equal(classify_type("DRUG: x", 0, &(size_t){99}),
                     TS_ITYPE_NONE);
}

/* Substance names of c, ","-joined; caller frees. */
static char *subs_of(const ts_class *c)
{
    ts_strbuf sb = {0};
    size_t i;

    for (i = 0; i < c->nsubs; i++)
        sb_printf(&sb, "%s%s", i ? "," : "", c->subs[i]->name);
    return sb.buf ? sb.buf : xstrdup("");
}

/* Target symbols of ids, ","-joined; caller frees. */
static char *symbols_of(const ts_dict *d, const size_t *ids, size_t n)
{
    ts_strbuf sb = {0};
    size_t i;

    for (i = 0; i < n; i++)
        sb_printf(&sb, "%s%s", i ? "," : "", dict_target(d, ids[i])->symbol);
    return sb.buf ? sb.buf : xstrdup("");
}

/* Unmatched names of c as "text=key, ..."; caller frees. */
static char *unmatched_of(const ts_class *c)
{
    ts_strbuf sb = {0};
    size_t i;

    for (i = 0; i < c->nunmatched; i++)
        sb_printf(&sb, "%s%s=%s", i ? ", " : "",
                  classify_unmatched(c, i),
                  classify_unmatched_key(c, i));
    return sb.buf ? sb.buf : xstrdup("");
}

#define assert_str_of(expr, want)                                           \
    do {                                                                    \
        char *got_ = (expr);                                                \
        assert_string_equal(got_, want);                                    \
        free(got_);                                                         \
    } while (0)

#define assert_subs(c, want) assert_str_of(subs_of(c), want)
#define assert_unmatched(c, want) assert_str_of(unmatched_of(c), want)
#define assert_targets(d, c, want)                                          \
    assert_str_of(symbols_of(d, (c)->targets.id, (c)->targets.n), want)
#define assert_immuno(d, c, want)                                           \
    assert_str_of(symbols_of(d, (c)->immuno.id, (c)->immuno.n), want)

/* Classifies one intervention text into a fresh c; returns the count. */
static size_t classify_one(const ts_dict *d, const char *text, ts_class *c)
{
    classify_reset(c);
    return classify_intervention(d, text, strlen(text), c);
}

static void test_classify_intervention_infers_class_from_inn_stem(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "DRUG: Zorbacitinib 10 mg", &c), 1);
    assert_subs(&c, "zorbacitinib");
    assert_string_equal(c.subs[0]->inferred, "-citinib");
    assert_int_equal(c.subs[0]->modality, TS_MOD_TARGETED);
    assert_string_equal(dict_class(d, c.subs[0]->drug_class)->label,
                        "JAK inhibitors");
    /* Never a target. */
    assert_int_equal(c.targets.n, 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    assert_int_equal(c.inferred, 1);
    /* A known name is not inferred, even with a stem. */
    assert_int_equal(classify_one(d, "Votrient", &c), 1);
    assert_null(c.subs[0]->inferred);
    assert_int_equal(c.inferred, 0);
    /* Only names of a drug type; a device is not a drug. */
    assert_int_equal(classify_one(d, "DEVICE: Zorbacitinib", &c), 0);
    classify_free(&c);
    dict_free(d);
}

/* Imaging words after a tracer ("PET/CT", "scan") are not part of its
 * name: the dictionary's tracer is found, and a radiolabelled agent no
 * dictionary names is called by the agent alone. Imaging words alone
 * name no agent. */
static void test_classify_intervention_reads_tracer_before_imaging_words(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "Drug: 18F-FDG PET/CT", &c), 1);
    assert_subs(&c, "fludeoxyglucose f 18");
    assert_int_equal(classify_one(d, "FDG-PET scan", &c), 1);
    assert_subs(&c, "fludeoxyglucose f 18");
    assert_int_equal(classify_one(d, "Drug: 68Ga-FAPI-46 PET imaging", &c),
                     1);
    assert_subs(&c, "68ga-fapi-46");
    assert_int_equal(c.subs[0]->modality, TS_MOD_DIAGNOSTIC);
    /* Only the words at the end: "PET" inside a name stays. */
    assert_int_equal(classify_one(d, "Drug: Votrient", &c), 1);
    assert_int_equal(classify_one(d, "Drug: PET/CT", &c), 0);
    assert_int_equal(classify_one(d, "Procedure: CT scan", &c), 0);
    classify_free(&c);
    dict_free(d);
}

/* A radiolabelled text is the dictionary's radiopharmaceutical its vector
 * and isotope name, in the isotope's other spellings and with words
 * after the name ("99mTc-MDP bone scan" is "Tc-99m MDP",
 * "[18F]fluoroestradiol" "fluoroestradiol F 18"), but only one of the
 * isotope's kind: a therapeutic isotope never makes the diagnostic
 * tracer of the same vector, and "PSMA-617" is not cut to "PSMA". A
 * labelled antibody no dictionary names binds what the antibody binds,
 * with a chelator between them too. Two labelled agents are two. */
static void test_classify_radiolabel_reads_vector_in_dictionary(void **state)
{
    static const char extra[] =
        "name\tsynonyms\tmodality\tchemo_class\ttargets\timmuno_targets\n"
        "technetium tc 99m medronate\tTc-99m MDP\tdiagnostic\t-\t-\t-\n"
        "fluoroestradiol f 18\tFES\tdiagnostic\t-\t-\t-\n"
        "edotreotide ga 68\tDOTATOC\tdiagnostic\t-\tKDR\t-\n"
        "gallium ga 68 psma\t68Ga-PSMA\tdiagnostic\t-\tKDR\t-\n"
        "cetuximab\tErbitux\ttargeted\t-\tEGFR\t-\n";
    ts_dict *d = load_test_dict(*state);
    char *path = ut_write_text(*state, "extra.tsv", extra);
    ts_error err;
    ts_class c;

    assert_int_equal(dict_load_substances(d, path, 1, &err), TS_OK);
    free(path);
    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "DRUG: 99mTc-MDP bone scan", &c), 1);
    assert_subs(&c, "technetium tc 99m medronate");
    assert_int_equal(classify_one(d, "[18F]fluoroestradiol PET/CT", &c), 1);
    assert_subs(&c, "fluoroestradiol f 18");
    assert_int_equal(classify_one(d, "Fluoroestradiol F18", &c), 1);
    assert_subs(&c, "fluoroestradiol f 18");
    /* The vector alone, when the entry names no other isotope. */
    assert_int_equal(classify_one(d, "Gallium-68 DOTATOC", &c), 1);
    assert_subs(&c, "edotreotide ga 68");
    /* A therapeutic isotope: not the diagnostic tracer. */
    assert_int_equal(classify_one(d, "177Lu-DOTATOC", &c), 1);
    assert_subs(&c, "177lu-dotatoc");
    assert_int_equal(c.subs[0]->modality, TS_MOD_RADIO);
    /* A run of words ends between words: PSMA-617 is not 68Ga-PSMA. */
    assert_int_equal(classify_one(d, "68Ga-PSMA-617", &c), 1);
    assert_subs(&c, "68ga-psma-617");
    assert_int_equal(classify_one(d, "68Ga-PSMA PET", &c), 1);
    assert_subs(&c, "gallium ga 68 psma");
    /* A labelled antibody: the antibody's target, not the antibody. */
    assert_int_equal(classify_one(d, "89Zr-cetuximab PET", &c), 1);
    assert_subs(&c, "89zr-cetuximab");
    assert_int_equal(c.subs[0]->modality, TS_MOD_DIAGNOSTIC);
    assert_int_equal(c.targets.n, 1);
    assert_string_equal(dict_target(d, c.targets.id[0])->symbol, "EGFR");
    /* A chelator between the isotope and the antibody. */
    assert_int_equal(classify_one(d, "89Zr-DFO-cetuximab", &c), 1);
    assert_int_equal(c.targets.n, 1);
    assert_string_equal(dict_target(d, c.targets.id[0])->symbol, "EGFR");
    /* A small molecule gives no target: its tracer may trace anything. */
    assert_int_equal(classify_one(d, "11C-erlotinib", &c), 1);
    assert_int_equal(c.targets.n, 0);
    /* Two radiolabelled agents are two, not one name made of both, with
     * the joining and imaging words between them left out; an isotope in
     * parentheses after the first names the same agent. */
    assert_true(classify_one(d, "DRUG: 18F-FDG and 68Ga-PSMA", &c) > 0);
    assert_subs(&c, "fludeoxyglucose f 18,gallium ga 68 psma");
    assert_true(classify_one(d, "18F-FDG, 89Zr-cetuximab", &c) > 0);
    assert_subs(&c, "fludeoxyglucose f 18,89zr-cetuximab");
    assert_true(classify_one(d, "PROCEDURE: PET with 11C-erlotinib or "
                                "PET with 64Cu-ATSM", &c) > 0);
    assert_subs(&c, "11c-erlotinib,64cu-atsm");
    assert_true(classify_one(d, "OTHER: 11C-MeNER ([11C]MRB)", &c) > 0);
    assert_subs(&c, "11c-mener-11c-mrb");
    classify_free(&c);
    dict_free(d);
}

/* Chinese and Japanese registries separate names with full-width and
 * ideographic punctuation; an isotope may be written mass first
 * ("90-Yttrium"). */
static void test_classify_intervention_reads_full_width_separators(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    /* U+FF1B, U+FF0C, U+3001 and U+FF0B between two names. */
    assert_int_equal(
        classify_one(d, "Drug: Tarceva\xef\xbc\x9b" "docetaxel", &c), 2);
    assert_subs(&c, "erlotinib,docetaxel");
    assert_int_equal(classify_one(d, "Votrient\xef\xbc\x8c" "Gemzar", &c), 2);
    assert_int_equal(classify_one(d, "Votrient\xe3\x80\x81" "Gemzar", &c), 2);
    assert_int_equal(classify_one(d, "Votrient\xef\xbc\x8b" "Gemzar", &c), 2);
    assert_int_equal(
        classify_one(d, "Drug: 90-Yttrium-labelled antibody", &c), 1);
    assert_int_equal(c.subs[0]->modality, TS_MOD_RADIO);
    classify_free(&c);
    dict_free(d);
}

/* A "/" inside a bracket does not split the text; a drug named after the
 * first words of a long drug-typed part is found, and so is one inside a
 * control arm's words; a later run is never an abbreviation by accident. */
static void test_classify_intervention_finds_name_later_in_part(void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "Drug: XY-355A (XY797/Votrient)", &c), 1);
    assert_subs(&c, "pazopanib");
    assert_unmatched(&c, "");
    assert_int_equal(classify_one(d, "Drug: XY-355A (XY797/Votrient 20 mg) "
                                     "tablet", &c), 1);
    assert_subs(&c, "pazopanib");
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(classify_one(d, "Drug: Dose-frequency escalation "
                                     "administration of Tarceva", &c), 1);
    assert_subs(&c, "erlotinib");
    /* Control words around a name: the medicine, not a control arm. */
    assert_int_equal(classify_one(d, "Drug: Standard of care administration "
                                     "of Votrient", &c), 1);
    assert_subs(&c, "pazopanib");
    assert_int_equal(c.placebo, 0);
    assert_int_equal(classify_one(d, "Drug: Standard of care", &c), 0);
    assert_int_equal(c.placebo, 1);
    /* A bracket of the letters of the name before it abbreviates that
     * name, and names nothing else: "Atezolizumab (AI)" is not the
     * regimen AI of doxorubicin and ifosfamide. A code or other letters
     * in the bracket are still looked up. */
    assert_int_equal(classify_one(d, "Drug: Atezolizumab (AI)", &c), 1);
    assert_subs(&c, "atezolizumab");
    assert_int_equal(classify_one(d, "Drug: Pazopanib (AI)", &c), 3);
    assert_subs(&c, "pazopanib,doxorubicin,ifosfamide");
    assert_int_equal(classify_one(d, "Drug: Cyclophosphamide (CTX)", &c), 2);
    assert_subs(&c, "cyclophosphamide");
    /* Nor is a name the body's biology follows ("Interferon Genes"). */
    assert_int_equal(classify_one(d, "Drug: Agonists of the stimulator of "
                                     "Tarceva Genes", &c), 0);
    /* "CTX 40 mg" late in a long part is no name (a short word). */
    assert_int_equal(classify_one(d, "Drug: Study drug tablets given twice "
                                     "daily as CTX 40 mg", &c), 0);
    /* A long part of a text of no drug type: its first words only. */
    assert_int_equal(classify_one(d, "Device: Monitor placement for home use "
                                     "of Tarceva", &c), 0);
    classify_free(&c);
    dict_free(d);
}

/* Drug-typed texts that name a procedure, a device or a behaviour are
 * that, and no drug mention; a named drug beside such words still counts,
 * and ovarian stimulation is a drug treatment. A part that is the
 * initials of the part before it names nothing more. */
static void test_classify_intervention_reads_procedure_words(void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "BIOLOGICAL: Lumbar puncture", &c), 0);
    assert_int_equal(c.mentions, 0);
    assert_true(c.rule_modalities & (1u << TS_MOD_PROCEDURE));
    assert_int_equal(classify_one(d, "DRUG: Blood punction", &c), 0);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(classify_one(d, "DRUG: Arthrocentesis", &c), 0);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(classify_one(d, "COMBINATION_PRODUCT: CPAP Therapy", &c),
                     0);
    assert_int_equal(c.mentions, 0);
    assert_true(c.rule_modalities & (1u << TS_MOD_PROCEDURE));
    assert_int_equal(
        classify_one(d, "BIOLOGICAL: Temporal Interference,TI", &c), 0);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(classify_one(d, "DRUG: Votrient with suction", &c), 1);
    assert_subs(&c, "pazopanib");
    assert_int_equal(classify_one(d, "DRUG: Controlled ovarian stimulation",
                                  &c), 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.nunmatched, 1);
    classify_free(&c);
    dict_free(d);
}

/* Spelling tolerance inside a name of several words: the key of the
 * name, then one of its words alone; a code never. */
static void test_classify_intervention_forgives_misspelling_in_words(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "Drug: Radiaton therapy", &c), 1);
    assert_subs(&c, "radiotherapy");
    assert_int_equal(classify_one(d, "Drug: intake Gemcitabin 0.2", &c), 1);
    assert_subs(&c, "gemcitabine");
    assert_int_equal(c.nunmatched, 0);
    /* A name of one word stays as it was: "Docetaxol" is its own name. */
    assert_int_equal(classify_one(d, "Drug: Gemcitabin", &c), 1);
    assert_subs(&c, "gemcitabine");
    /* Digits: a code, never a misspelling. */
    assert_int_equal(classify_one(d, "Drug: Gemcitab1ne two", &c), 0);
    /* A letter added at the end that is a word of its own names another
     * thing: "peptide" is not "peptide T". */
    {
        ts_error err;
        char *path = ut_write_text(*state, "more.tsv",
                                   "name\tsynonyms\tmodality\tchemo_class\t"
                                   "targets\timmuno_targets\n"
                                   "peptide T\t-\tdrug\t-\t-\t-\n");

        assert_int_equal(dict_load_substances(d, path, 1, &err), TS_OK);
        free(path);
    }
    assert_int_equal(classify_one(d, "Drug: Synthetic peptide", &c), 0);
    assert_int_equal(classify_one(d, "Drug: peptide", &c), 0);
    assert_int_equal(classify_one(d, "Drug: peptide T", &c), 1);
    classify_free(&c);
    dict_free(d);
}

/* Biological products of no single substance: antivenoms, cord blood,
 * CD34-positive cells, bone marrow concentrate, adipose tissue; a kind
 * the dictionary has a line for only when it has one; a brand in the
 * text wins over the kind. */
static void test_classify_intervention_reads_tissue_and_blood_kinds(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "BIOLOGICAL: Snake (Micrurus) North "
                                     "American immune F(ab')2 Equine", &c), 1);
    assert_subs(&c, "antivenom");
    assert_string_equal(dict_class(d, c.subs[0]->drug_class)->label,
                        "Immunoglobulins and antisera");
    assert_int_equal(c.targets.n, 0);
    assert_int_equal(classify_one(d, "BIOLOGICAL: Cord Blood Infusion", &c),
                     1);
    assert_subs(&c, "cord blood cells");
    assert_int_equal(c.subs[0]->modality, TS_MOD_CELL_GENE);
    assert_int_equal(classify_one(d, "BIOLOGICAL: CD34-positive cells", &c),
                     1);
    assert_subs(&c, "cell therapy");
    assert_int_equal(classify_one(d, "Biological: Bone Marrow Concentrate "
                                     "treatment", &c), 1);
    assert_subs(&c, "bone marrow concentrate");
    assert_int_equal(classify_one(d, "Biological: Autologous "
                                     "micro-fragmented adipose tissue", &c), 1);
    assert_subs(&c, "autologous adipose tissue");
    assert_int_equal(c.subs[0]->modality, TS_MOD_CELL_GENE);
    assert_int_equal(classify_one(d, "DRUG: Acellular Adipose Tissue", &c), 0);
    /* No "fecal microbiota" line in this dictionary: no kind. */
    assert_int_equal(classify_one(d, "BIOLOGICAL: donor FMT", &c), 0);
    /* A brand names the product, not its kind. */
    assert_int_equal(classify_one(d, "DRUG: Antivenin Tarceva\xe2\x84\xa2",
                                  &c), 1);
    assert_subs(&c, "erlotinib");
    classify_free(&c);
    dict_free(d);
}

/* A product named only by its kind: vaccines, antisera, cell therapies,
 * a class wording; never a target. Texts of no registry type that say
 * they are behavioural are not drug mentions at all. */
static void test_classify_intervention_reads_kind_of_product(void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(
        classify_one(d, "BIOLOGICAL: 13-valent pneumococcal conjugate "
                        "vaccine (13-PCV)", &c), 1);
    assert_subs(&c, "vaccine");
    assert_string_equal(dict_class(d, c.subs[0]->drug_class)->label,
                        "Vaccines");
    assert_int_equal(c.targets.n, 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    assert_int_equal(
        classify_one(d, "Biological: High-titer anti-SARS-CoV-2 "
                        "convalescent plasma", &c), 1);
    assert_string_equal(dict_class(d, c.subs[0]->drug_class)->label,
                        "Immunoglobulins and antisera");
    assert_int_equal(
        classify_one(d, "Biological: Allogeneic umbilical cord mesenchymal "
                        "stem cells", &c), 1);
    assert_int_equal(c.modalities, 1u << TS_MOD_CELL_GENE);
    assert_int_equal(c.targets.n, 0);
    assert_int_equal(
        classify_one(d, "Biological: Pathogen-specific aAPC", &c), 1);
    assert_int_equal(c.modalities, 1u << TS_MOD_CELL_GENE);
    assert_int_equal(
        classify_one(d, "Biological: human fetal neural precursor cells", &c),
        1);
    assert_int_equal(c.modalities, 1u << TS_MOD_CELL_GENE);
    assert_int_equal(classify_one(d, "Drug: Antivirals", &c), 1);
    assert_string_equal(dict_class(d, c.subs[0]->drug_class)->label,
                        "Antivirals");
    /* A named drug beside a kind keeps its own meaning and targets. */
    assert_int_equal(
        classify_one(d, "Drug: Keytruda + autologous tumour lysate vaccine",
                     &c), 2);
    assert_subs(&c, "pembrolizumab,cancer vaccine");
    /* Not drug-like: the registry type decides. */
    assert_int_equal(classify_one(d, "Procedure: Stem cell collection", &c),
                     0);
    assert_int_equal(c.mentions, 0);
    /* No registry type, behavioural words: no drug mention, not
     * unmatched. */
    assert_int_equal(classify_one(d, "Psychological intervention", &c), 0);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(c.modalities, 1u << TS_MOD_BEHAVIORAL);
    /* A code no dictionary knows stays unmatched. */
    assert_int_equal(classify_one(d, "Drug: BXQ-350", &c), 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.nunmatched, 1);
    classify_free(&c);
    dict_free(d);
}

/* Free text of no registry type (ICTRP, ChiCTR, CTRI, CTIS) is judged part
 * by part: doses, schedules, group labels, headings and empty values are
 * no mention; control arms, samples and tests, procedures, devices and
 * groups of people are no medicine; a part that may name one stays a
 * mention, unmatched when nothing knows it. */
static void test_classify_intervention_judges_free_text_parts(void **state)
{
    static const char *const none[] = {
        "2 tablets (0.1 g/tablet), BID", "80mg on day4", "20ug each time",
        "7-14 days.", "1 bag", "Intervention 2", "None.", "r)",
        "Intervention Type: Drug", "Route-Oral", "Frequency-once daily (OD)",
        "Patients will be randomised in a 1:1 ratio to the following arms:",
        "Medical staff in a fever clinic", "DRUG: 100 mg twice daily",
        "DRUG: Part 2 with Food", "DRUG: Part 2 without food",
        "DRUG: 10 mg fasted",
        /* a group given nothing; texts about people, exposures, doses
         * for adults, counts of strengths, study parts */
        "Rheumatic disease with COVID-19:N/A", "Health care group: None",
        "Patients with pulmonary infection will have their management "
        "decided in one of two ways",
        "Exposure to COVID-19.", "The adult dose is 1600 mg on first day",
        "Intravenous drip, 0.2 g (4 vials) once daily for adults",
        "800mg twice a day (4x200mg administered 12 hours apart) on Day 1",
        "Planned Sub-studies", "early warning and prediction system",
        "Give mechanical ventilation and respiratory support",
        "Cesarean section:Case Series", "Underlying autoinflammatory disease",
        "Group 1: Patient with idiopathic polyneuropathy.", "number: 1",
    };
    ts_dict *d = load_test_dict(*state);
    ts_class c;
    size_t i;

    memset(&c, 0, sizeof(c));
    for (i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
        assert_int_equal(classify_one(d, none[i], &c), 0);
        if (c.mentions || c.nunmatched || c.placebo)
            fail_msg("\"%s\": %lu mentions, %zu unmatched", none[i],
                     c.mentions, c.nunmatched);
    }
    /* A medicine given to a group of people stays a mention, named or
     * not; so does a code beside a group. */
    assert_int_equal(classify_one(d, "Patients with COVID-19 given Zorblex",
                                  &c), 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(classify_one(d, "Patients with COVID-19 + remdesivir",
                                  &c), 1);
    assert_int_equal(c.matched, 1);
    assert_int_equal(classify_one(d, "Healthy volunteers: ZX-1201", &c), 0);
    assert_int_equal(c.mentions, 1);
    /* Leading numbers start no name ("7/5000" of a translation tool). */
    assert_int_equal(
        classify_one(d, "7/5000 Low dose gemcitabine therapy for two weeks", &c), 1);
    assert_subs(&c, "gemcitabine");
    /* The dose of a named drug is part of it, not a name unmatched. */
    assert_int_equal(
        classify_one(d, "Group A: gemcitabine 1000 mg/m2 on day 1, day 8",
                     &c), 1);
    assert_subs(&c, "gemcitabine");
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(
        classify_one(d, "Gemcitabine:Day1-3: 500mg,BID Day4-5:250mg,BID", &c),
        1);
    assert_int_equal(c.nunmatched, 0);
    /* Procedures, devices, samples and tests: no drug mention. */
    assert_int_equal(
        classify_one(d, "Arm 1: Continuous positive airway pressure (CPAP), "
                        "as per local protocol", &c), 0);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.modalities, 1u << TS_MOD_PROCEDURE);
    assert_int_equal(
        classify_one(d, "Nasopharyngeal swab, nucleic acid detection", &c), 0);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.modalities, 1u << TS_MOD_ASSESSMENT);
    /* A word that only contains an assessment word is none: the
     * "ratio" of "administration", the "IgG" of "IgG1". */
    assert_int_equal(classify_one(d, "Oral administration of Zorblex", &c),
                     0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.nunmatched, 1);
    assert_int_equal(
        classify_one(d, "IgG1 monoclonal antibody ZX-01", &c), 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(classify_one(d, "Neutrophil to lymphocyte ratio", &c),
                     0);
    assert_int_equal(c.mentions, 0);
    /* An unknown name beside them stays a mention, unmatched by itself,
     * listed by its base name ("injection" qualifies it). */
    assert_int_equal(classify_one(d, "Zorblex injection, throat swab", &c), 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 0);
    assert_int_equal(c.nunmatched, 1);
    assert_string_equal(classify_unmatched(&c, 0), "Zorblex");
    assert_int_equal(
        classify_one(d, "Conventional treatment plus Zorblex granules", &c),
        0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.nunmatched, 1);
    assert_string_equal(classify_unmatched(&c, 0), "Zorblex granules");
    /* A control arm beside a named drug does not hide it. */
    assert_int_equal(
        classify_one(d, "Routine treatment, docetaxel 75 mg/m2", &c), 1);
    assert_subs(&c, "docetaxel");
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    /* Control arms naming no agent, and negations, are Placebo/control. */
    assert_int_equal(classify_one(d, "Control group: routine treatment", &c),
                     0);
    assert_int_equal(c.placebo, 1);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(classify_one(d, "No use of herbal medicine", &c), 0);
    assert_int_equal(c.placebo, 1);
    assert_int_equal(c.mentions, 0);
    /* An herbal preparation named by its kind is a matched mention. */
    assert_int_equal(classify_one(d, "Herbal decoction of six herbs", &c), 1);
    assert_subs(&c, "herbal or traditional medicine");
    assert_int_equal(c.targets.n, 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    /* Research codes are never doses or labels ("on day 1" is the
     * schedule); a typed one-letter name stays a drug. */
    assert_int_equal(classify_one(d, "AT-1501 on day 1", &c), 0);
    assert_int_equal(c.mentions, 1);
    assert_string_equal(classify_unmatched(&c, 0), "AT-1501");
    assert_int_equal(classify_one(d, "DRUG: A", &c), 0);
    assert_int_equal(c.mentions, 1);
    /* A description of the study (a sentence starting with an article or
     * a word of study conduct, giving nothing) is no mention. */
    assert_int_equal(
        classify_one(d, "One hospital site will use method 1 and the other "
                        "method 2", &c), 0);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.nunmatched, 0);
    /* A sentence naming nothing known stays a mention (it may name an
     * unknown medicine). */
    assert_int_equal(
        classify_one(d, "Participants receive the study product every "
                        "morning for two weeks", &c), 0);
    assert_int_equal(c.mentions, 1);
    classify_free(&c);
    dict_free(d);
}

static void test_classify_intervention_matches_whole_name(void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_intervention(
                         d, S("DRUG: Doxorubicin Hydrochloride 75 mg/m2"),
                         &c),
                     1);
    assert_subs(&c, "doxorubicin");
    assert_int_equal(c.modalities, 1u << TS_MOD_CHEMO);
    assert_int_equal(c.chemo_classes, 1u << TS_CHEMO_TOPOISOMERASE);
    assert_int_equal(c.nchemo, 1);
    assert_targets(d, &c, "TOP2A");
    assert_immuno(d, &c, "");
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    assert_int_equal(c.placebo, 0);
    assert_int_equal(c.nunmatched, 0);
    assert_string_equal(sb_str(&c.regimen), "");

    assert_int_equal(classify_intervention(d, S("Biological: Keytruda"), &c),
                     1);
    /* A named regimen stands for its components. */
    assert_int_equal(classify_intervention(d, S("DRUG: GemTax "), &c), 2);
    assert_subs(&c, "doxorubicin,pembrolizumab,gemcitabine,docetaxel");
    assert_int_equal(c.modalities,
                     (1u << TS_MOD_CHEMO) | (1u << TS_MOD_IMMUNO));
    assert_int_equal(c.chemo_classes, (1u << TS_CHEMO_TOPOISOMERASE) |
                                          (1u << TS_CHEMO_DNA_SYNTHESIS) |
                                          (1u << TS_CHEMO_MICROTUBULE));
    assert_int_equal(c.nchemo, 3);
    assert_immuno(d, &c, "PDCD1");
    assert_int_equal(c.mentions, 3);
    assert_int_equal(c.matched, 3);
    /* A name seen before adds nothing but a mention. */
    assert_int_equal(classify_intervention(d, S("Adriamycin"), &c), 1);
    assert_int_equal(c.nsubs, 4);
    assert_int_equal(c.nchemo, 3);
    assert_int_equal(c.mentions, 4);
    assert_int_equal(c.matched, 4);
    /* Empty names are no mention. */
    assert_int_equal(classify_intervention(d, S("DRUG:  "), &c), 0);
    assert_int_equal(classify_intervention(d, "", 0, &c), 0);
    assert_int_equal(c.mentions, 4);
    classify_free(&c);
    dict_free(d);
}

static void test_classify_intervention_matches_name_or_code_in_parentheses(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    /* Only the code is known. */
    assert_int_equal(classify_one(d, "BIOLOGICAL: Lambrolizumab (MK-3475)",
                                  &c),
                     1);
    assert_subs(&c, "pembrolizumab");
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(c.matched, 1);
    /* Only the name is known. */
    assert_int_equal(classify_one(d, "Pembrolizumab (SCH 900475)", &c), 1);
    assert_subs(&c, "pembrolizumab");
    assert_int_equal(c.nunmatched, 0);
    /* Both are known: still one substance. */
    classify_one(d, "Pembrolizumab (MK-3475)", &c);
    assert_subs(&c, "pembrolizumab");
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    classify_one(d, "Taxotere (Docetaxel) 75 mg/m2", &c);
    assert_subs(&c, "docetaxel");
    assert_int_equal(c.nunmatched, 0);
    /* Neither: the whole text is unmatched. */
    assert_int_equal(classify_one(d, "DRUG: Blorbizan (BLB-01)", &c), 0);
    assert_unmatched(&c, "Blorbizan (BLB-01)=blorbizanblb01");
    classify_free(&c);
    dict_free(d);
}

static void test_classify_intervention_splits_combinations(void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "DRUG: Gemcitabine + Docetaxel", &c), 2);
    assert_subs(&c, "gemcitabine,docetaxel");
    assert_int_equal(c.nchemo, 2);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(classify_one(d, "Doxorubicin/Ifosfamide", &c), 2);
    assert_subs(&c, "doxorubicin,ifosfamide");
    assert_int_equal(classify_one(d, "Doxorubicin and Ifosfamide", &c), 2);
    assert_subs(&c, "doxorubicin,ifosfamide");
    assert_int_equal(classify_one(d, "Doxorubicin, Ifosfamide", &c), 2);
    assert_subs(&c, "doxorubicin,ifosfamide");
    assert_int_equal(classify_one(d, "Docetaxel; Gemcitabine", &c), 2);
    assert_subs(&c, "docetaxel,gemcitabine");
    assert_int_equal(classify_one(d, "Keytruda plus Yervoy", &c), 2);
    assert_subs(&c, "pembrolizumab,ipilimumab");
    assert_int_equal(classify_one(d, "Votrient WITH Tarceva", &c), 2);
    assert_subs(&c, "pazopanib,erlotinib");
    assert_int_equal(classify_one(d, "GemTax followed by Pembrolizumab", &c),
                     3);
    assert_subs(&c, "gemcitabine,docetaxel,pembrolizumab");
    assert_int_equal(classify_one(d, "Taxol + Zorib", &c), 1);
    assert_subs(&c, "paclitaxel");
    assert_unmatched(&c, "Zorib=zorib");
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    classify_free(&c);
    dict_free(d);
}

/*
 * Regression (2026-11-23): a code in parentheses matched on its own before
 * the text was split, so "Nivolumab (BMS-936558) + Ipilimumab" gave only
 * nivolumab, and the other parts were neither classified nor listed as
 * unmatched.
 */
static void test_classify_intervention_splits_combinations_with_codes(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    classify_one(d, "DRUG: Pembrolizumab (MK-3475) + Tarceva", &c);
    assert_subs(&c, "pembrolizumab,erlotinib");
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    classify_one(d, "Lambrolizumab (MK-3475) and Ipilimumab (BMS-734016)",
                 &c);
    assert_subs(&c, "pembrolizumab,ipilimumab");
    assert_int_equal(c.nunmatched, 0);
    classify_one(d, "Tarceva + Zorib (ZR-1)", &c);
    assert_subs(&c, "erlotinib");
    assert_unmatched(&c, "Zorib (ZR-1)=zoribzr1");
    /* A name with a separator is still found without its code. */
    assert_int_equal(classify_one(d, "Gem/Tax (GT-1)", &c), 2);
    assert_subs(&c, "gemcitabine,docetaxel");
    assert_int_equal(c.nunmatched, 0);
    /* Separators inside the parentheses do not split the name. */
    assert_int_equal(classify_one(d, "Ipilimumab (Yervoy, BMS-734016)", &c),
                     1);
    assert_subs(&c, "ipilimumab");
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(classify_one(d, "Docetaxel (75 mg/m2, day 1)", &c), 1);
    assert_subs(&c, "docetaxel");
    assert_int_equal(c.nunmatched, 0);
    classify_free(&c);
    dict_free(d);
}

static void test_classify_intervention_does_not_split_dose_units(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "Docetaxel 75 mg/m2 + Zorib", &c), 1);
    assert_subs(&c, "docetaxel");
    assert_unmatched(&c, "Zorib=zorib");
    assert_int_equal(classify_one(d, "Cyclophosphamide 10 mg/kg and Zorib",
                                  &c),
                     1);
    assert_subs(&c, "cyclophosphamide");
    assert_unmatched(&c, "Zorib=zorib");
    assert_int_equal(classify_one(d, "Filgrastim 5 ug/kg, Zorib", &c), 1);
    assert_unmatched(&c, "Zorib=zorib");
    /*
     * Regression (2026-11-23): a dose glued to its unit ("75mg/m2") was
     * split at the "/", and the "m2" left over was listed as an unmatched
     * intervention.
     */
    assert_int_equal(classify_one(d, "Docetaxel 75mg/m2 + Zorib", &c), 1);
    assert_subs(&c, "docetaxel");
    assert_unmatched(&c, "Zorib=zorib");
    assert_int_equal(classify_one(d, "Ifosfamide 1.8g/m2 + Zorib", &c), 1);
    assert_subs(&c, "ifosfamide");
    assert_unmatched(&c, "Zorib=zorib");
    assert_int_equal(classify_one(d, "Filgrastim 5mcg/kg + Zorib", &c), 1);
    assert_unmatched(&c, "Zorib=zorib");
    /* A "/" between names still splits. */
    assert_int_equal(classify_one(d, "Zorib/Taxol", &c), 1);
    assert_subs(&c, "paclitaxel");
    assert_unmatched(&c, "Zorib=zorib");
    classify_free(&c);
    dict_free(d);
}

static void test_classify_intervention_finds_names_in_word_windows(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_one(d, "Doxorubicin-based chemotherapy", &c),
                     1);
    assert_subs(&c, "doxorubicin");
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    assert_int_equal(classify_one(d, "Adriamycin containing regimen", &c),
                     1);
    assert_subs(&c, "doxorubicin");
    assert_int_equal(classify_one(d, "Gemcitabine Docetaxel doublet", &c), 2);
    assert_subs(&c, "gemcitabine,docetaxel");
    /* A run of words can be the name. */
    assert_int_equal(classify_one(d, "Hypofractionated radiation therapy",
                                  &c),
                     1);
    assert_subs(&c, "radiotherapy");
    /* A lone word needs four letters: "CTX" is only matched whole. */
    assert_int_equal(classify_one(d, "CTX-based regimen", &c), 0);
    assert_subs(&c, "");
    assert_unmatched(&c, "CTX-based regimen=ctxbasedregimen");
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 0);
    assert_int_equal(classify_one(d, "CTX", &c), 1);
    assert_subs(&c, "cyclophosphamide");
    classify_free(&c);
    dict_free(d);
}

static void test_classify_intervention_reads_only_first_words_of_prose(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(
        classify_one(d,
                     "Pembrolizumab is a humanized antibody given every "
                     "three weeks before Docetaxel",
                     &c),
        1);
    assert_subs(&c, "pembrolizumab");
    assert_int_equal(c.nunmatched, 0);
    /* Up to five words, a name may start anywhere... */
    assert_int_equal(classify_one(d, "Sequential Docetaxel therapy", &c), 1);
    assert_subs(&c, "docetaxel");
    /* ...beyond that only at the start, in free text of no registry
     * type; in a drug-typed text a later run of six letters or more
     * may be the name. */
    assert_int_equal(
        classify_one(d, "Sequential Docetaxel therapy in the clinic", &c), 0);
    assert_subs(&c, "");
    assert_int_equal(classify_one(d,
                                  "DRUG: Patients receive Pembrolizumab every "
                                  "three weeks until progression",
                                  &c),
                     1);
    assert_subs(&c, "pembrolizumab");
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(classify_one(d,
                                  "DRUG: Patients receive the study drug every "
                                  "three weeks until progression",
                                  &c),
                     0);
    assert_int_equal(c.nunmatched, 1);
    assert_string_equal(classify_unmatched(&c, 0),
                        "Patients receive the study drug every three weeks "
                        "until progression");
    /* Free text of no registry type that says a medicine is given: any
     * word of six letters or more, as a last resort. */
    assert_int_equal(classify_one(d,
                                  "Patients receive Pembrolizumab every "
                                  "three weeks until progression",
                                  &c),
                     1);
    assert_subs(&c, "pembrolizumab");
    assert_int_equal(c.nunmatched, 0);
    /* Without such words it stays prose. */
    assert_int_equal(
        classify_one(d, "Sequential Docetaxel therapy in the clinic", &c), 0);
    classify_free(&c);
    dict_free(d);
}

static void test_classify_intervention_records_unmatched_once_per_key(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_intervention(d, S("DRUG: Zorib"), &c), 0);
    assert_int_equal(c.modalities, 0);
    assert_int_equal(classify_intervention(d, S("BIOLOGICAL: ZORIB 10 mg "),
                                           &c),
                     0);
    assert_int_equal(classify_intervention(d, S("Drug: Blorbizan"), &c), 0);
    assert_int_equal(classify_intervention(d, S("Docetaxel + zorib tablets"),
                                           &c),
                     1);
    /* Parts of more than three words are prose, not names. */
    assert_int_equal(classify_intervention(
                         d,
                         S("Docetaxel + Newdrug A + other drugs the "
                           "investigator chooses"),
                         &c),
                     1);
    /* Nothing but dropped words: no name to list. */
    assert_int_equal(classify_intervention(d, S("DRUG: Potassium chloride "
                                                "tablets"),
                                           &c),
                     0);
    assert_unmatched(&c, "Zorib=zorib, Blorbizan=blorbizan, "
                         "Newdrug A=newdruga");
    assert_int_equal(c.mentions, 6);
    assert_int_equal(c.matched, 2);
    assert_int_equal(c.placebo, 0);
    classify_free(&c);
    dict_free(d);
}

static void test_classify_intervention_counts_placebo_apart_from_mentions(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(classify_intervention(d, S("DRUG: Placebo"), &c), 1);
    assert_subs(&c, "placebo");
    assert_int_equal(c.modalities, 1u << TS_MOD_PLACEBO);
    assert_int_equal(c.placebo, 1);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.matched, 0);
    /*
     * Regression (2026-11-23): placebo was recognized by the substances an
     * intervention added to the trial, so a second placebo (already
     * there) counted as a matched drug mention...
     */
    assert_int_equal(classify_intervention(d, S("Drug: Matching Placebo"),
                                           &c),
                     1);
    assert_int_equal(c.placebo, 2);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.matched, 0);
    /* Placebo inside a longer text is placebo too. */
    classify_intervention(d, S("DRUG: Saline placebo"), &c);
    assert_int_equal(c.placebo, 3);
    /* Other types are no drug mention at all. */
    classify_intervention(d, S("OTHER: Placebo"), &c);
    assert_int_equal(c.placebo, 3);
    assert_int_equal(c.mentions, 0);
    /* With a drug, it is a drug mention. */
    assert_int_equal(classify_intervention(d, S("Docetaxel + Placebo"), &c),
                     2);
    assert_int_equal(c.placebo, 3);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    assert_int_equal(c.nunmatched, 0);

    /* ...and a drug seen before, now with placebo, counted as placebo. */
    classify_reset(&c);
    classify_intervention(d, S("DRUG: Docetaxel"), &c);
    classify_intervention(d, S("DRUG: Docetaxel + Placebo"), &c);
    assert_subs(&c, "docetaxel,placebo");
    assert_int_equal(c.placebo, 0);
    assert_int_equal(c.mentions, 2);
    assert_int_equal(c.matched, 2);
    classify_free(&c);
    dict_free(d);
}

static void test_classify_intervention_maps_non_drug_types_to_modalities(
    void **state)
{
    static const struct {
        const char *text;
        ts_modality mod;
    } cases[] = {
        {"RADIATION: Proton beam", TS_MOD_RADIO},
        {"Radiation: Whole lung", TS_MOD_RADIO},
        {"PROCEDURE: Surgical resection", TS_MOD_SURGERY},
        {"Procedure/Surgery: Wide excision", TS_MOD_SURGERY},
        {"PROCEDURE: Physiotherapy", TS_MOD_PROCEDURE},
        {"GENETIC: AAV gene transfer", TS_MOD_GENETIC},
        {"BEHAVIORAL: Exercise program", TS_MOD_BEHAVIORAL},
        {"DEVICE: Cooling cap", TS_MOD_DEVICE},
        {"DIETARY_SUPPLEMENT: Omega-3 fatty acids", TS_MOD_DIETARY},
        /* An OTHER is read by its words; Other when none says. */
        {"OTHER: Acupuncture", TS_MOD_PROCEDURE},
        {"OTHER: Pilates exercises", TS_MOD_BEHAVIORAL},
        {"OTHER: Low-calorie diet", TS_MOD_DIETARY},
        {"OTHER: Kinesio taping", TS_MOD_DEVICE},
        {"OTHER: Hot stone", TS_MOD_OTHER},
        /* Assessments are not treatment, whatever their type. */
        {"GENETIC: Tumor sequencing", TS_MOD_ASSESSMENT},
        {"DIAGNOSTIC_TEST: PET scan", TS_MOD_ASSESSMENT},
        {"OTHER: Quality of life questionnaire", TS_MOD_ASSESSMENT},
        {"Other: Laboratory Biomarker Analysis", TS_MOD_ASSESSMENT},
        /* 2026-11-30 (issue 11): radiation counts only as therapy. */
        {"PROCEDURE: Acoustic radiation force impulse imaging",
         TS_MOD_ASSESSMENT},
        /* A control arm naming no agent. */
        {"OTHER: Standard of care", TS_MOD_PLACEBO},
    };
    ts_dict *d = load_test_dict(*state);
    ts_class c;
    size_t i;

    memset(&c, 0, sizeof(c));
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(classify_one(d, cases[i].text, &c), 0);
        assert_int_equal(c.modalities, 1u << cases[i].mod);
        assert_int_equal(c.nsubs, 0);
        assert_int_equal(c.nunmatched, 0);
        assert_int_equal(c.mentions, 0);
        assert_int_equal(c.matched, 0);
    }
    /* The dictionary is still asked first. */
    assert_int_equal(classify_one(d, "RADIATION: Radiation therapy", &c), 1);
    assert_subs(&c, "radiotherapy");
    assert_int_equal(c.modalities, 1u << TS_MOD_RADIO);
    assert_int_equal(c.mentions, 0);
    classify_free(&c);
    dict_free(d);
}

static void test_classify_trial_classifies_each_intervention(void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    classify_trial(d,
                   S("DRUG: Gemcitabine|DRUG: Docetaxel||RADIATION: Proton "
                     "beam|DRUG: Zorib|"),
                   &c);
    assert_subs(&c, "gemcitabine,docetaxel");
    assert_int_equal(c.modalities,
                     (1u << TS_MOD_CHEMO) | (1u << TS_MOD_RADIO));
    assert_int_equal(c.nchemo, 2);
    assert_unmatched(&c, "Zorib=zorib");
    assert_int_equal(c.mentions, 3);
    assert_int_equal(c.matched, 2);
    /* The unknown drug is a component: no label hides it. */
    assert_string_equal(sb_str(&c.regimen),
                        "Chemotherapy + Chemotherapy + Radiotherapy + "
                        "Unclassified drug");
    /* Only len bytes are read. */
    classify_reset(&c);
    classify_trial(d, "DRUG: Pazopanib|DRUG: Docetaxel", 15, &c);
    assert_subs(&c, "pazopanib");
    assert_string_equal(sb_str(&c.regimen), "Targeted therapy");
    classify_reset(&c);
    classify_trial(d, "", 0, &c);
    assert_int_equal(c.modalities, 0);
    assert_string_equal(sb_str(&c.regimen), "");
    classify_free(&c);
    dict_free(d);
}

/* The regimen label of a trial's interventions; oncology: its context. */
static const char *regimen_of(const ts_dict *d, ts_class *c, int oncology,
                              const char *field)
{
    classify_reset(c);
    c->oncology = oncology;
    classify_trial(d, field, strlen(field), c);
    return sb_str(&c->regimen);
}

static void test_classify_regimen_labels_components_in_fixed_order(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_string_equal(regimen_of(d, &c, 1, "Doxorubicin"), "Chemotherapy");
    assert_string_equal(regimen_of(d, &c, 1, "AI"),
                        "Chemotherapy + Chemotherapy");
    assert_string_equal(regimen_of(d, &c, 1,
                                   "Docetaxel|Radiation: Whole brain"),
                        "Chemotherapy + Radiotherapy");
    assert_string_equal(regimen_of(d, &c, 1,
                                   "Radiation: IMRT|Gemzar|Taxotere"),
                        "Chemotherapy + Chemotherapy + Radiotherapy");
    assert_string_equal(regimen_of(d, &c, 1, "Keytruda|Votrient"),
                        "Targeted therapy + Immunotherapy");
    /* Supportive care and placebo only when nothing else is there. */
    assert_string_equal(regimen_of(d, &c, 1, "Votrient|Neupogen|Placebo"),
                        "Targeted therapy");
    assert_string_equal(regimen_of(d, &c, 1, "Neupogen|Placebo"),
                        "Supportive care");
    assert_string_equal(regimen_of(d, &c, 1, "Placebo"), "Placebo/control");
    /* 2026-11-30 (issue 11, item 5): an unknown drug beside a placebo is
     * not a placebo-only trial. */
    assert_string_equal(regimen_of(d, &c, 1, "Placebo|Zorib"),
                        "Unclassified drug");
    /* Assessments are not treatment. */
    assert_string_equal(
        regimen_of(d, &c, 1,
                   "Docetaxel|Other: Quality-of-Life Assessment|"
                   "Other: Laboratory Biomarker Analysis|"
                   "Procedure: Computed Tomography"),
        "Chemotherapy");
    assert_string_equal(regimen_of(d, &c, 1, "Other: Questionnaire"),
                        "Assessment");
    /* A corticosteroid with chemotherapy belongs to it (prednisone in
     * CHOP); alone, or outside cancer, it counts by its class. */
    assert_string_equal(regimen_of(d, &c, 1, "AI|Prednisone"),
                        "Chemotherapy + Chemotherapy");
    assert_string_equal(regimen_of(d, &c, 0, "Remdesivir|Prednisone"),
                        "Antivirals + Corticosteroids");
    /* With any anticancer drug too (dexamethasone with lenalidomide,
     * prednisone with abiraterone); alone in a cancer trial a medicine of
     * modality other counts by its class, not as Other. */
    assert_string_equal(regimen_of(d, &c, 1, "Keytruda|Prednisone"),
                        "Immunotherapy");
    assert_string_equal(regimen_of(d, &c, 1, "Votrient|Deltasone"),
                        "Targeted therapy");
    assert_string_equal(regimen_of(d, &c, 1, "Prednisone"),
                        "Corticosteroids");
    /* Outside cancer a medicine counts by its class; registry types
     * name the rest. */
    assert_string_equal(regimen_of(d, &c, 0,
                                   "Drug: Veklury|Device: Ventilator|"
                                   "Behavioral: Exercise"),
                        "Antivirals + Device + Behavioural");
    assert_string_equal(regimen_of(d, &c, 1, ""), "");
    classify_free(&c);
    dict_free(d);
}

static void test_classify_trial_deduplicates_targets_across_substances(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    classify_trial(d,
                   S("BIOLOGICAL: Pembrolizumab|BIOLOGICAL: Ivonescimab|"
                     "DRUG: Pazopanib|DRUG: Votrient 800 mg|BIOLOGICAL: "
                     "Atezolizumab + Keytruda"),
                   &c);
    assert_subs(&c, "pembrolizumab,ivonescimab,pazopanib,atezolizumab");
    /* Immune symbols listed as targets stay in targets (the tables leave
     * them out); each appears once. */
    assert_targets(d, &c, "VEGFA,PDCD1,KDR,PDGFRB");
    assert_immuno(d, &c, "PDCD1,CD274");
    assert_int_equal(c.chemo_classes, 0);
    assert_int_equal(c.nchemo, 0);
    assert_string_equal(sb_str(&c.regimen), "Targeted therapy + Immunotherapy");
    assert_int_equal(c.mentions, 5);
    assert_int_equal(c.matched, 5);
    classify_free(&c);
    dict_free(d);
}

static void test_idset_add_keeps_order_and_each_id_once(void **state)
{
    ts_idset s = {0};
    size_t i;

    (void)state;
    /* Past the linear scan, through several rehashes. */
    for (i = 0; i < 1000; i++)
        assert_int_equal(idset_add(&s, (i * 7919) % 1000), 1);
    for (i = 0; i < 1000; i++) {
        assert_int_equal(idset_add(&s, i), 0);
        assert_true(idset_has(&s, i));
        assert_int_equal(s.id[i], (i * 7919) % 1000);
    }
    assert_int_equal(s.n, 1000);
    assert_false(idset_has(&s, 1000));
    idset_reset(&s);
    assert_int_equal(s.n, 0);
    assert_false(idset_has(&s, 5));
    assert_int_equal(idset_add(&s, 5), 1);
    assert_true(idset_has(&s, 5));
    idset_free(&s);
    idset_free(&s);
}

/* 2026-11-30 (issue 11, item 8): the 65th substance, 129th target and 33rd
 * unmatched name of a trial were dropped. */
static void test_classify_trial_keeps_every_unmatched_name_and_substance(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_strbuf field = {0};
    ts_class c;
    size_t i;

    memset(&c, 0, sizeof(c));
    for (i = 0; i < 300; i++)
        sb_printf(&field, "%sDRUG: QZ-%zu", i ? "|" : "", i);
    sb_puts(&field, "|DRUG: Votrient + Keytruda|DRUG: QZ-7|DRUG: GemTax");
    classify_trial(d, field.buf, field.len, &c);
    assert_int_equal(c.nunmatched, 300);
    for (i = 0; i < 300; i++) {
        char want[16];

        snprintf(want, sizeof(want), "QZ-%zu", i);
        assert_string_equal(classify_unmatched(&c, i), want);
    }
    assert_subs(&c, "pazopanib,pembrolizumab,gemcitabine,docetaxel");
    assert_int_equal(c.mentions, 303);
    assert_int_equal(c.matched, 2);
    classify_free(&c);
    sb_free(&field);
    dict_free(d);
}

/* The why record of field with value, as "source|how"; "" if none. */
static const char *why_of(const ts_class *c, const char *field,
                          const char *value)
{
    static char buf[600];
    size_t i;

    for (i = 0; i < c->nwhy; i++)
        if (strcmp(c->why[i].field, field) == 0 &&
            strcmp(classify_why_text(c, c->why[i].value), value) == 0) {
            snprintf(buf, sizeof(buf), "%s|%s",
                     classify_why_text(c, c->why[i].source),
                     classify_why_text(c, c->why[i].how));
            return buf;
        }
    return "";
}

static void test_classify_intervention_explains_each_field(void **state)
{
    const char *dir = *state;
    ts_dict *d = load_test_dict(dir);
    ts_class c;
    char want[700];

    memset(&c, 0, sizeof(c));
    c.explain = 1;
    classify_intervention(d, S("DRUG: Keytruda + Blorbizan"), &c);
    snprintf(want, sizeof(want),
             "%s/substances.tsv:13|the part \"Keytruda\" is a name of "
             "\"pembrolizumab\" (%s/substances.tsv:13)",
             dir, dir);
    assert_string_equal(why_of(&c, "substance", "pembrolizumab"), want);
    snprintf(want, sizeof(want), "%s/substances.tsv:13|of pembrolizumab",
             dir);
    assert_string_equal(why_of(&c, "modality", "immunotherapy"), want);
    assert_string_equal(why_of(&c, "immuno_targets", "PDCD1"), want);
    assert_string_equal(why_of(&c, "unmatched", "Blorbizan"),
                        "-|no dictionary name, rule or stem matched");
    /* A regimen names its file and line. */
    classify_reset(&c);
    classify_intervention(d, S("GemTax"), &c);
    snprintf(want, sizeof(want),
             "%s/substances.tsv:5|the whole text \"GemTax\" is the regimen "
             "\"GemTax\" (%s/regimens.tsv:3)",
             dir, dir);
    assert_string_equal(why_of(&c, "substance", "gemcitabine"), want);
    /* A rule names itself. */
    classify_reset(&c);
    classify_intervention(d, S("Radiation: Gamma Knife"), &c);
    assert_string_equal(why_of(&c, "modality", "radiotherapy"),
                        "rule|\"Gamma Knife\": registry type RADIATION");
    /* Without explain nothing is recorded. */
    c.explain = 0;
    classify_reset(&c);
    classify_intervention(d, S("Keytruda"), &c);
    assert_int_equal(c.nwhy, 0);
    classify_free(&c);
    dict_free(d);
}

/* A name with its dose, schedule, arm, part or cohort, trademark sign or
 * a verb before it is matched by the name alone. */
static void test_classify_intervention_reads_name_without_qualifiers(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    c.explain = 1;
    assert_int_equal(classify_one(d, "Pembrolizumab 200 mg at Dose A", &c),
                     1);
    assert_subs(&c, "pembrolizumab");
    assert_non_null(strstr(why_of(&c, "substance", "pembrolizumab"),
                           "the name without its dose and arm qualifiers "
                           "\"Pembrolizumab\" is a name of"));
    c.explain = 0;
    assert_int_equal(
        classify_one(d, "Keytruda\xc2\xae IV dose of 200 mg", &c), 1);
    assert_subs(&c, "pembrolizumab");
    assert_int_equal(
        classify_one(d, "Experimental: Erlotinib (Part II)", &c), 1);
    assert_subs(&c, "erlotinib");
    assert_int_equal(classify_one(d, "Part 1 Erlotinib", &c), 1);
    assert_subs(&c, "erlotinib");
    assert_int_equal(classify_one(d, "Erlotinib - MCI cohort", &c), 1);
    assert_subs(&c, "erlotinib");
    assert_int_equal(
        classify_one(d, "12 cm2 - 2 Active Gemcitabine Patches", &c), 1);
    assert_subs(&c, "gemcitabine");
    /* A part of schedule words only names nothing. */
    assert_int_equal(classify_one(d, "DRUG: Administer Pazopanib 800 mg, "
                                     "every two weeks.",
                                  &c),
                     1);
    assert_subs(&c, "pazopanib");
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    /* What follows the name is read too: another drug is not lost, a
     * qualifier ("at Dose A") names nothing. */
    assert_int_equal(classify_one(d, "DRUG: Erlotinib in Gemcitabine", &c),
                     2);
    assert_subs(&c, "erlotinib,gemcitabine");
    assert_int_equal(classify_one(d, "DRUG: Docetaxel * Paclitaxel", &c), 2);
    assert_subs(&c, "docetaxel,paclitaxel");
    assert_int_equal(classify_one(d, "Erlotinib 100 mg - Ifosfamide", &c),
                     2);
    assert_subs(&c, "erlotinib,ifosfamide");
    classify_free(&c);
    dict_free(d);
}

/* An unknown name written with five qualifiers is one unmatched name of
 * the trial, each text still a mention; a placebo of it stays a placebo;
 * a label alone is kept as written. */
static void test_classify_intervention_lists_unknown_base_name_once(
    void **state)
{
    static const char *const texts[] = {
        "DRUG: Zorib 40 mg (MAD)",
        "DRUG: Zorib 5 mg",
        "DRUG: Zorib at Dose A",
        "DRUG: Zorib (SAD)",
        "DRUG: Zorib - healthy participants",
        "DRUG: Zorib 20 \xc2\xb5g",
        "DRUG: Zorib\xe2\x84\xa2 drug product IV dose of 100 millions",
        "BIOLOGICAL: Zorib 40 mg (Part II)",
    };
    ts_dict *d = load_test_dict(*state);
    ts_class c;
    size_t i;

    memset(&c, 0, sizeof(c));
    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        assert_int_equal(
            classify_intervention(d, texts[i], strlen(texts[i]), &c), 0);
    assert_unmatched(&c, "Zorib=zorib");
    assert_int_equal(c.mentions, sizeof(texts) / sizeof(texts[0]));
    assert_int_equal(c.matched, 0);
    /* A placebo of a drug is not read as the drug alone: the placebo
     * stays. */
    classify_one(d, "DRUG: Erlotinib 150 mg matching placebo", &c);
    assert_subs(&c, "erlotinib,placebo");
    assert_int_equal(c.nunmatched, 0);
    /* A label left after the qualifiers is no name: the text stays. */
    classify_one(d, "DRUG: Formulation A", &c);
    assert_unmatched(&c, "Formulation A=formulationa");
    /* A strength is part of the name ("0.9% saline" is not "saline"). */
    classify_one(d, "DRUG: 5% Zorib 250 mL bolus", &c);
    assert_unmatched(&c, "5% Zorib=zorib");
    /* Route, group and schedule words with a number name nothing and
     * are no mention; a bolus is a dose; what follows a placebo is what
     * it stands in for. */
    classify_one(d, "BIOLOGICAL: 3 Nebulized inhalation for booster groups",
                 &c);
    assert_int_equal(c.mentions, 0);
    classify_one(d, "BIOLOGICAL: 21 Intramuscular injection for primary "
                    "groups",
                 &c);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(classify_one(d, "DRUG: 20ml bolus of Erlotinib", &c), 1);
    assert_subs(&c, "erlotinib");
    classify_one(d, "DRUG: Placebo for IV Erlotinib", &c);
    assert_subs(&c, "placebo");
    assert_int_equal(classify_one(d, "DRUG: Erlotinib Plus And", &c), 1);
    assert_int_equal(c.nunmatched, 0);
    /* A closing bracket naming the maker is no part of the name; a
     * bracket of one word ("(AG)", an abbreviation) may be. */
    classify_one(d, "DRUG: Zorib (Acme, Inc.)", &c);
    assert_unmatched(&c, "Zorib=zorib");
    assert_int_equal(classify_one(d, "DRUG: Investigational product "
                                     "administration Erlotinib "
                                     "(ACME PHARMACEUTICALS GMBH)",
                                  &c),
                     1);
    assert_subs(&c, "erlotinib");
    classify_one(d, "DRUG: Zorib (Inc)", &c);
    assert_unmatched(&c, "Zorib (Inc)=zoribinc");
    /* Generic words for a medicine not named are no mention. */
    classify_one(d, "DRUG: Study Drug", &c);
    assert_int_equal(c.mentions, 0);
    classify_one(d, "DRUG: Investigational Agent", &c);
    assert_int_equal(c.mentions, 0);
    classify_one(d, "BIOLOGICAL: Biological drug therapy", &c);
    assert_int_equal(c.mentions, 0);
    classify_one(d, "DRUG: Physician preference strategy", &c);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.placebo, 1);
    /* More than four words are prose: kept whole. */
    classify_one(d, "DRUG: Zorib Blorb Quux Frob Plonk 5 mg", &c);
    assert_unmatched(&c, "Zorib Blorb Quux Frob Plonk 5 mg="
                         "zoribblorbquuxfrobplonk");
    classify_free(&c);
    dict_free(d);
}

/* One edit from exactly one long dictionary name, from the third letter
 * on, is that name; two names that close, a changed letter in a shorter
 * word, a code, another start, a short name or a non-drug text are
 * not. */
static void test_classify_intervention_tolerates_one_misspelling(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    c.explain = 1;
    /* A letter left out, added, swapped; a letter changed in a name of
     * ten letters or more. */
    assert_int_equal(classify_one(d, "DRUG: Pazopanb", &c), 1);
    assert_subs(&c, "pazopanib");
    assert_non_null(strstr(why_of(&c, "misspelling", "pazopanib"),
                           "one letter from \"pazopanib\""));
    assert_non_null(strstr(why_of(&c, "substance", "pazopanib"),
                           "the word \"Pazopanb\": no dictionary name"));
    c.explain = 0;
    assert_int_equal(classify_one(d, "Gemciitabine 1000 mg/m2", &c), 1);
    assert_subs(&c, "gemcitabine");
    assert_int_equal(classify_one(d, "Ifosfamdie", &c), 1);
    assert_subs(&c, "ifosfamide");
    /* The one word left without its salt or formulation words. */
    assert_int_equal(classify_one(d, "DRUG: Pazopanb hydrochloride", &c), 1);
    assert_subs(&c, "pazopanib");
    assert_int_equal(classify_one(d, "DRUG: Pazopanb Zorib", &c), 0);
    assert_int_equal(classify_one(d, "BIOLOGICAL: Pembrolizumeb", &c), 1);
    assert_subs(&c, "pembrolizumab");
    /* Two dictionary names (docetaxel, docetaxol) one letter away. */
    assert_int_equal(classify_one(d, "DRUG: Docetaxl", &c), 0);
    assert_unmatched(&c, "Docetaxl=docetaxl");
    /* Asked again (a registry repeats its texts, kept once classified),
     * or in another text, the word remembered as no misspelling is still
     * unmatched, and a misspelling still found. */
    assert_int_equal(classify_one(d, "DRUG: Docetaxl", &c), 0);
    assert_unmatched(&c, "Docetaxl=docetaxl");
    assert_non_null(c.memo);
    assert_int_equal(classify_one(d, "DRUG: Docetaxl 20 mg", &c), 0);
    assert_unmatched(&c, "Docetaxl=docetaxl");
    assert_int_equal(classify_one(d, "Ifosfamdie", &c), 1);
    assert_subs(&c, "ifosfamide");
    /* A changed letter in a word under ten letters may be another drug
     * (Albutein is not albutoin): no match. */
    assert_int_equal(classify_one(d, "DRUG: Erlotinab", &c), 0);
    assert_unmatched(&c, "Erlotinab=erlotinab");
    /* Research codes, another first letter, short names, non-drug
     * texts. */
    assert_int_equal(classify_one(d, "DRUG: MK-3457", &c), 0);
    assert_int_equal(classify_one(d, "DRUG: MKA3475", &c), 0);
    assert_int_equal(classify_one(d, "DRUG: Xazopanib", &c), 0);
    /* The first two letters are kept ("Origin" is not Onrigin). */
    assert_int_equal(classify_one(d, "DRUG: Pzaopanib", &c), 0);
    assert_int_equal(classify_one(d, "DRUG: Pzopanib", &c), 0);
    assert_int_equal(classify_one(d, "DRUG: Taxl", &c), 0);
    assert_int_equal(classify_one(d, "DEVICE: Pazopanb", &c), 0);
    assert_int_equal(c.nsubs, 0);
    /* A real name is matched as it is, never as its neighbour. */
    assert_int_equal(classify_one(d, "DRUG: Docetaxol", &c), 1);
    assert_subs(&c, "docetaxol");
    classify_free(&c);
    dict_free(d);
}

/* Everything a trial's classification holds, as one line. */
static void class_dump(const ts_class *c, ts_strbuf *out)
{
    const ts_idset *sets[5];
    size_t i, k;

    sets[0] = &c->targets;
    sets[1] = &c->immuno;
    sets[2] = &c->ftargets;
    sets[3] = &c->primary;
    sets[4] = &c->classes;
    sb_reset(out);
    sb_printf(out, "mods=%x rule=%x chemo=%x nchemo=%zu subs=", c->modalities,
              c->rule_modalities, c->chemo_classes, c->nchemo);
    for (i = 0; i < c->nsubs; i++)
        sb_printf(out, "%s/%d/%zu;", c->subs[i]->name, (int)c->subs[i]->modality,
                  c->subs[i]->ntargets);
    for (k = 0; k < 5; k++) {
        sb_printf(out, " set%zu=", k);
        for (i = 0; i < sets[k]->n; i++)
            sb_printf(out, "%zu,", sets[k]->id[i]);
    }
    sb_printf(out, " unmatched=");
    for (i = 0; i < c->nunmatched; i++)
        sb_printf(out, "%s=%s;", classify_unmatched(c, i),
                  classify_unmatched_key(c, i));
    sb_printf(out, " n=%lu/%lu/%lu/%lu/%lu regimen=%s", c->mentions,
              c->matched, c->inferred, c->placebo, c->unknown,
              c->regimen.buf ? c->regimen.buf : "");
}

/* A registry repeats its texts, so each distinct text is classified once
 * and kept: trials of repeated texts, in any order and mix, get exactly
 * what classifying every text afresh gives (explain mode works without
 * the kept texts), including names made by rules that two texts of one
 * trial share and unmatched names a trial has already. */
static void test_classify_intervention_kept_texts_give_the_same(void **state)
{
    ts_dict *d = load_test_dict(*state);
    static const char *const trials[] = {
        "DRUG: Pazopanib|DRUG: Docetaxel|DRUG: Placebo",
        "BIOLOGICAL: NKG2D CAR-NK cells|BIOLOGICAL: ACE2 CAR-NK cells",
        "DRUG: Zorbacitinib 10 mg|DRUG: XYZ-123|DRUG: XYZ-123 20 mg",
        "DRUG: Pazopanib|BIOLOGICAL: NKG2D CAR-NK cells",
        "DRUG: Docetaxl|OTHER: Quality of life questionnaire|DRUG: Placebo",
        "DRUG: XYZ-123 20 mg|DRUG: Zorbacitinib 10 mg|DRUG: Gemciitabine",
        "BIOLOGICAL: ACE2 CAR-NK cells|BIOLOGICAL: NKG2D CAR-NK cells|"
        "DRUG: Docetaxel",
        "Gemcitabine + Docetaxel; blood sample|DRUG: Control arm",
        "DRUG: Pazopanib|DRUG: Docetaxel|DRUG: Placebo",
        "RADIATION: Stereotactic radiotherapy|PROCEDURE: Surgery|DRUG: Docetaxl",
    };
    ts_class kept, fresh;
    ts_strbuf a = {0}, b = {0};
    size_t round, t;

    memset(&kept, 0, sizeof(kept));
    memset(&fresh, 0, sizeof(fresh));
    fresh.explain = 1;
    for (round = 0; round < 2; round++)
        for (t = 0; t < sizeof(trials) / sizeof(trials[0]); t++) {
            classify_reset(&kept);
            classify_reset(&fresh);
            classify_trial(d, trials[t], strlen(trials[t]), &kept);
            classify_trial(d, trials[t], strlen(trials[t]), &fresh);
            class_dump(&kept, &a);
            class_dump(&fresh, &b);
            assert_string_equal(sb_str(&a), sb_str(&b));
        }
    assert_non_null(kept.memo);
    assert_null(fresh.memo);
    /* A name two texts of one trial make by the same rule is one
     * substance. */
    classify_reset(&kept);
    classify_trial(d, trials[1], strlen(trials[1]), &kept);
    assert_int_equal(kept.nsubs, 1);
    assert_string_equal(kept.subs[0]->name, "car-nk cells");
    sb_free(&a);
    sb_free(&b);
    classify_free(&kept);
    classify_free(&fresh);
    dict_free(d);
}

/* A drug-typed text of several parts is an assessment only when no part
 * names a medicine: an assessment beside a drug does not hide it. */
static void test_classify_intervention_typed_parts_before_assessment(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(
        classify_one(d, "DRUG: Docetaxel and quality of life questionnaire",
                     &c), 1);
    assert_subs(&c, "docetaxel");
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.matched, 1);
    assert_int_equal(c.modalities & (1u << TS_MOD_ASSESSMENT), 0);
    assert_int_equal(classify_one(d, "DRUG: Pazopanib, PK sampling", &c), 1);
    assert_subs(&c, "pazopanib");
    /* No part names one: an assessment, no mention, nothing unmatched. */
    assert_int_equal(
        classify_one(d, "DRUG: Blood sample and quality of life questionnaire",
                     &c), 0);
    assert_int_equal(c.modalities, 1u << TS_MOD_ASSESSMENT);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.nunmatched, 0);
    /* A one-part text is judged whole, as before. */
    assert_int_equal(classify_one(d, "DRUG: PK sampling", &c), 0);
    assert_int_equal(c.modalities, 1u << TS_MOD_ASSESSMENT);
    /* A generic wording names the treatment even among a control arm's
     * words; the control arm alone stays one. */
    assert_int_equal(
        classify_one(d, "DRUG: Intravenous infusion of MSC based on "
                        "conventional treatments", &c), 1);
    assert_int_equal(c.modalities, 1u << TS_MOD_CELL_GENE);
    assert_int_equal(classify_one(d, "DRUG: Conventional treatment", &c), 0);
    assert_int_equal(c.modalities, 1u << TS_MOD_PLACEBO);
    /* Typed as a drug but named by a device's, a procedure's, a diet's
     * or a behaviour's words: that, and no drug mention; an unknown
     * name with "injection" stays an unmatched mention. */
    assert_int_equal(classify_one(d, "DRUG: Femoral nerve catheter", &c), 0);
    assert_int_equal(c.modalities, 1u << TS_MOD_DEVICE);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(classify_one(d, "BIOLOGICAL: Skin allograft", &c), 0);
    assert_int_equal(c.modalities, 1u << TS_MOD_PROCEDURE);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(classify_one(d, "DRUG: Ketogenic diet", &c), 0);
    assert_int_equal(c.modalities, 1u << TS_MOD_DIETARY);
    assert_int_equal(classify_one(d, "DRUG: Zorblex injection", &c), 0);
    assert_int_equal(c.mentions, 1);
    assert_int_equal(c.nunmatched, 1);
    classify_free(&c);
    dict_free(d);
}

static void test_classify_reset_keeps_buffer_usable(void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_class c;
    const char *buf;
    size_t cap;

    memset(&c, 0, sizeof(c));
    classify_trial(d, S("DRUG: Zorib|DRUG: Blorbizan|DRUG: Docetaxel"), &c);
    assert_int_equal(c.nunmatched, 2);
    buf = c.text.buf;
    cap = c.text.cap;
    assert_non_null(buf);
    classify_reset(&c);
    assert_ptr_equal(c.text.buf, buf);
    assert_int_equal(c.text.cap, cap);
    assert_int_equal(c.text.len, 0);
    assert_int_equal(c.nsubs, 0);
    assert_int_equal(c.nunmatched, 0);
    assert_int_equal(c.modalities, 0);
    assert_int_equal(c.nchemo, 0);
    assert_int_equal(c.targets.n, 0);
    assert_int_equal(c.mentions, 0);
    assert_int_equal(c.matched, 0);
    assert_string_equal(sb_str(&c.regimen), "");
    classify_trial(d, S("DRUG: Quuxib|DRUG: Taxol"), &c);
    assert_unmatched(&c, "Quuxib=quuxib");
    assert_subs(&c, "paclitaxel");
    classify_free(&c);
    assert_null(c.text.buf);
    /* Freed and reset, it is an empty class again. */
    classify_reset(&c);
    classify_trial(d, S("DRUG: Zorib"), &c);
    assert_unmatched(&c, "Zorib=zorib");
    classify_free(&c);
    dict_free(d);
}

/* ---- indication -------------------------------------------------------- */

static const char test_rules_tsv[] =
    "# unit-test indication rules\n"
    "group\texpression\n"
    "NF1-associated MPNST\tnf1|neurofibromatosis & mpnst|malignant "
    "peripheral nerve sheath\n"
    "MPNST\tmpnst|malignant peripheral nerve sheath\n"
    "\n"
    "Soft tissue sarcoma\tsarcoma & !osteosarcoma|ewing\n"
    "Bone sarcoma\tOsteosarcoma|Ewing|chondrosarcoma\n"
    "Soft tissue sarcoma\tleiomyosarcoma|liposarcoma\n";

static ts_rules *load_test_rules(const char *dir)
{
    char *path = ut_write_text(dir, "indications.tsv", test_rules_tsv);
    ts_rules *r = NULL;
    ts_error err;

    if (rules_load(path, &r, &err) != TS_OK)
        fail_msg("%s:%lu:%lu: %s", err.file, err.line, err.column, err.msg);
    free(path);
    return r;
}

#define assert_group(r, conditions, want)                                   \
    assert_string_equal(rules_group(r, rules_match(r, S(conditions))), want)

static void test_rules_load_lists_each_group_once_in_file_order(
    void **state)
{
    ts_rules *r = load_test_rules(*state);

    assert_int_equal(rules_ngroups(r), 4);
    assert_string_equal(rules_group(r, 0), "NF1-associated MPNST");
    assert_string_equal(rules_group(r, 1), "MPNST");
    assert_string_equal(rules_group(r, 2), "Soft tissue sarcoma");
    assert_string_equal(rules_group(r, 3), "Bone sarcoma");
    assert_string_equal(rules_group(r, 4), TS_INDICATION_OTHER);
    assert_string_equal(rules_group(r, 99), "Other");
    rules_free(r);
    rules_free(NULL);
}

static void test_rules_match_requires_every_clause(void **state)
{
    ts_rules *r = load_test_rules(*state);

    assert_group(r,
                 "Neurofibromatosis 1|Malignant Peripheral Nerve Sheath "
                 "Tumors",
                 "NF1-associated MPNST");
    assert_group(r, "NF1|MPNST", "NF1-associated MPNST");
    assert_group(r, "MPNST", "MPNST");
    /* One clause of two is not enough. */
    assert_group(r, "Neurofibromatosis 1", "Other");
    assert_group(r, "Plexiform Neurofibroma", "Other");
    rules_free(r);
}

static void test_rules_match_handles_alternatives_and_negation(void **state)
{
    ts_rules *r = load_test_rules(*state);

    assert_group(r, "Soft Tissue Sarcoma", "Soft tissue sarcoma");
    assert_group(r, "Liposarcoma|Sarcoma", "Soft tissue sarcoma");
    assert_group(r, "Osteosarcoma", "Bone sarcoma");
    assert_group(r, "Chondrosarcoma", "Bone sarcoma");
    /* "sarcoma" holds but "!osteosarcoma|ewing" does not. */
    assert_group(r, "Ewing Sarcoma", "Bone sarcoma");
    assert_group(r, "Sarcoma|Osteosarcoma", "Bone sarcoma");
    assert_group(r, "Leiomyosarcoma", "Soft tissue sarcoma");
    rules_free(r);
}

static void test_rules_match_first_matching_rule_wins(void **state)
{
    ts_rules *r = load_test_rules(*state);

    assert_group(r, "Malignant Peripheral Nerve Sheath Tumor|Sarcoma",
                 "MPNST");
    assert_group(r, "Osteosarcoma|NF1|MPNST", "NF1-associated MPNST");
    /* A later rule of a group gives that group's index. */
    assert_int_equal(rules_match(r, S("Leiomyosarcoma")), 2);
    assert_int_equal(rules_match(r, S("Soft Tissue Sarcoma")), 2);
    rules_free(r);
}

static void test_rules_match_matches_terms_at_word_start(void **state)
{
    ts_rules *r = load_test_rules(*state);

    assert_group(r, "Neurofibrosarcoma", "Other");
    assert_group(r, "Rhabdomyosarcoma", "Other");
    assert_group(r, "Soft Tissue Sarcoma", "Soft tissue sarcoma");
    assert_group(r, "Sarcomas", "Soft tissue sarcoma");
    assert_group(r, "Gastrointestinal Stromal Tumor (Sarcoma)",
                 "Soft tissue sarcoma");
    assert_group(r, "xmpnst", "Other");
    assert_group(r, "2mpnst", "Other");
    assert_group(r, "MPNST-like tumor", "MPNST");
    rules_free(r);
}

/* The terms are found in one pass over the text (a term index): a term
 * of one byte, one that starts with punctuation, one that ends the text or
 * runs past it, and a set of more terms than the stack's bitset holds
 * match as a search of each term would. */
static void test_rules_match_term_index_edge_cases(void **state)
{
    static const char tsv[] =
        "group\texpression\n"
        "Long\tsarcoma of the uterus\n"
        "Letter\tx\n"
        "Bracketed\t(nf1)\n"
        "End\ttumour\n";
    ts_strbuf big = {0};
    char *path = ut_write_text(*state, "edge.tsv", tsv);
    ts_rules *r = NULL;
    ts_error err;
    size_t i;

    assert_int_equal(rules_load(path, &r, &err), TS_OK);
    assert_group(r, "x", "Letter");
    assert_group(r, "Type X", "Letter");
    assert_group(r, "box", "Other");
    assert_group(r, "Plexiform (NF1)", "Bracketed");
    /* "(" after a letter does not start a word. */
    assert_group(r, "Plexiform(NF1)", "Other");
    assert_group(r, "Plexiform (NF1", "Other");
    assert_group(r, "Desmoid tumour", "End");
    assert_group(r, "Desmoid tumou", "Other");
    assert_group(r, "Sarcoma of the uterus", "Long");
    assert_group(r, "Sarcoma of the uteru", "Other");
    assert_group(r, "", "Other");
    rules_free(r);
    free(path);

    /* 5000 distinct terms, the one that matches last in the file. */
    sb_puts(&big, "group\texpression\n");
    for (i = 0; i < 5000; i++)
        sb_printf(&big, "G%lu\tw%lu-z|o%lu-z\n", (unsigned long)(i % 7),
                  (unsigned long)i, (unsigned long)i);
    path = ut_write_text(*state, "big.tsv", sb_str(&big));
    assert_int_equal(rules_load(path, &r, &err), TS_OK);
    assert_group(r, "W4999-Z and more", "G1");
    assert_group(r, "x o12-z", "G5");
    assert_group(r, "w5000-z", "Other");
    rules_free(r);
    free(path);
    sb_free(&big);
}

static void test_rules_match_ignores_case(void **state)
{
    ts_rules *r = load_test_rules(*state);

    assert_group(r, "SOFT TISSUE SARCOMA", "Soft tissue sarcoma");
    assert_group(r, "osteosarcoma", "Bone sarcoma");
    assert_group(r, "EWING'S SARCOMA", "Bone sarcoma");
    assert_group(r, "mAlIgNaNt PeRiPhErAl NeRvE sHeAtH tUmOr", "MPNST");
    rules_free(r);
}

static void test_rules_match_returns_ngroups_for_other(void **state)
{
    ts_rules *r = load_test_rules(*state);
    ts_strbuf long_text = {0};
    size_t i;

    assert_int_equal(rules_match(r, S("Breast Cancer")), rules_ngroups(r));
    assert_int_equal(rules_match(r, "", 0), 4);
    /* Only len bytes are read. */
    assert_int_equal(rules_match(r, "Breast|Sarcoma", 6), 4);
    /* A text longer than the stack buffer. */
    for (i = 0; i < 400; i++)
        sb_puts(&long_text, "tumor ");
    sb_puts(&long_text, "osteosarcoma");
    assert_true(long_text.len > 2048);
    assert_int_equal(rules_match(r, long_text.buf, long_text.len), 3);
    long_text.len -= strlen("osteosarcoma");
    assert_int_equal(rules_match(r, long_text.buf, long_text.len), 4);
    sb_free(&long_text);
    rules_free(r);
}

/* Loads text as a rule file and checks the error. */
static void check_rules_error(const char *dir, const char *text,
                              unsigned long line, unsigned long column,
                              const char *msg)
{
    char *path = ut_write_text(dir, "rules.tsv", text);
    ts_rules *r = (ts_rules *)path;     /* must be set to NULL */
    ts_error err;

    assert_int_equal(rules_load(path, &r, &err), TS_ERR_DICT);
    assert_null(r);
    assert_int_equal(err.status, TS_ERR_DICT);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_string_equal(err.msg, msg);
    free(path);
}

static void test_rules_load_rejects_bad_header(void **state)
{
    static const char want[] =
        "bad header: expected \"group<TAB>expression\"";

    check_rules_error(*state, "group\texpressions\nA\tb\n", 1, 1, want);
    check_rules_error(*state, "# rules\n\nGroup\tExpression\nA\tb\n", 3, 1,
                      want);
    check_rules_error(*state, "A\tsarcoma\n", 1, 1, want);
}

/* 2026-11-23: a rule file saved with a UTF-8 BOM was rejected as a bad
 * header, though the dictionaries accept one. */
static void test_rules_load_accepts_utf8_bom(void **state)
{
    char *path = ut_write_text(*state, "rules.tsv",
                               "\xEF\xBB\xBFgroup\texpression\nNF1\tnf1\n");
    ts_rules *r = NULL;
    ts_error err;

    assert_int_equal(rules_load(path, &r, &err), TS_OK);
    assert_int_equal(rules_ngroups(r), 1);
    assert_int_equal(rules_match(r, "NF1", 3), 0);
    rules_free(r);
    free(path);
}

static void test_rules_load_rejects_rule_without_one_tab(void **state)
{
    static const char want[] = "expected \"group<TAB>expression\"";

    check_rules_error(*state, "group\texpression\nSarcoma sarcoma\n", 2, 1,
                      want);
    check_rules_error(*state, "group\texpression\nA\tb\n\tsarcoma\n", 3, 1,
                      want);
    check_rules_error(*state, "group\texpression\r\nA\tb\tc\r\n", 2, 1,
                      want);
}

static void test_rules_load_rejects_empty_term(void **state)
{
    check_rules_error(*state,
                      "group\texpression\n# x\nBone\tosteosarcoma||ewing\n",
                      3, 19, "empty term in rule for \"Bone\"");
    check_rules_error(*state, "group\texpression\nA\tb & |c\n", 2, 7,
                      "empty term in rule for \"A\"");
    check_rules_error(*state, "group\texpression\nA\tb|\n", 2, 5,
                      "empty term in rule for \"A\"");
    check_rules_error(*state, "group\texpression\nA\t\n", 2, 3,
                      "empty term in rule for \"A\"");
}

static void test_rules_load_rejects_file_without_rules(void **state)
{
    check_rules_error(*state, "# only comments\ngroup\texpression\n", 2, 0,
                      "no rules in file");
    check_rules_error(*state, "", 0, 0, "no rules in file");
}

static void test_rules_load_reports_missing_file_as_io_error(void **state)
{
    char *path = ut_path(*state, "nowhere.tsv");
    ts_rules *r = (ts_rules *)path;
    ts_error err;
    char want[200];

    snprintf(want, sizeof(want), "cannot open indication rules: %s",
             strerror(ENOENT));
    assert_int_equal(rules_load(path, &r, &err), TS_ERR_IO);
    assert_null(r);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.sys_errno, ENOENT);
    assert_string_equal(err.msg, want);
    free(path);
}

/* ---- landscape --------------------------------------------------------- */

/* A record with every column present and empty. */
static void record_init(ts_record *rec)
{
    size_t i;

    memset(rec, 0, sizeof(*rec));
    rec->format = "ctgov-modern";
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

/* Counts rec as a trial of its own, as the merge stage hands a record
 * nothing was merged into over. */
static void add_record(ts_landscape *ls, const ts_record *rec, ts_trial *t)
{
    static ts_merged_one one;

    landscape_add(ls, merge_one(rec, &one), t);
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
    add_record(ls, &rec, trial ? trial : &scratch_trial);
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
    add_record(ls, &rec, &t);
    assert_ptr_equal(t.rec, &rec);
    assert_string_equal(t.nct, "NCT01234567");
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

/* ---- country table --------------------------------------------------- */

static const char *canon(const ts_countries *ct, const char *s)
{
    static char buf[128];
    size_t len;
    const char *c = country_canonical(ct, s, strlen(s), &len);

    snprintf(buf, sizeof(buf), "%.*s", (int)len, c);
    return buf;
}

/* Every registry's spellings read as one country; unknown names are kept
 * as written (trimmed), and country_lookup says they are unknown. */
static void test_country_canonical_reads_registry_spellings(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"Korea, Republic of", "Korea, Republic of"},
        {"South Korea", "Korea, Republic of"},
        {"Republic of Korea", "Korea, Republic of"},
        {"KOREA, REPUBLIC OF", "Korea, Republic of"},
        {"Korea, Republic Of", "Korea, Republic of"},
        {"United States", "United States"},
        {"USA", "United States"},
        {"United States of America", "United States"},
        {"UNITED STATES", "United States"},
        {"Viet Nam", "Vietnam"},
        {"Vietnam", "Vietnam"},
        {"Iran, Islamic Republic of", "Iran, Islamic Republic of"},
        {"Iran (Islamic Republic of)", "Iran, Islamic Republic of"},
        {"Iran", "Iran, Islamic Republic of"},
        {"Russian Federation", "Russian Federation"},
        {"Russia", "Russian Federation"},
        {"T\xC3\xBCrkiye", "Turkey"},
        {"Turkey", "Turkey"},
        {"Czech Republic", "Czechia"},
        {"The Netherlands", "Netherlands"},
        {"Taiwan, Province Of China", "Taiwan"},
        {"C\xC3\xB4te d'Ivoire", "Cote D'Ivoire"},
        {" china ", "China"},
        {"  Wuhan ", "Wuhan"},
    };
    ts_countries *ct = country_new();
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_string_equal(canon(ct, cases[i].in), cases[i].want);
    assert_non_null(country_lookup(ct, "USA", 3));
    assert_null(country_lookup(ct, "Wuhan", 5));
    assert_null(country_lookup(ct, "Europe", 6));
    country_free(ct);
}

/* The built-in table is data/countries.tsv: loading the file changes
 * nothing (scripts/gen-countries.sh was run after the file's last edit). */
static void test_country_builtin_table_is_the_data_file(void **state)
{
    ts_countries *ct = country_new();
    size_t changed = 99;
    ts_error err;

    (void)state;
    assert_int_equal(country_load(ct, "data/countries.tsv", &changed, &err),
                     TS_OK);
    assert_int_equal(changed, 0);
    country_free(ct);
}

static ts_status load_text(ts_countries *ct, const char *dir,
                           const char *text, size_t *changed, ts_error *err)
{
    char *path = ut_path(dir, "countries.tsv");
    FILE *fp = fopen(path, "w");
    ts_status rc;

    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    rc = country_load(ct, path, changed, err);
    free(path);
    return rc;
}

/* A user's file adds countries and spellings and may give a spelling to
 * another country; a spelling given to two countries, a bad header or a
 * line without its two columns is an error naming the line. */
static void test_country_load_extends_and_checks_a_user_file(void **state)
{
    const char *dir = *state;
    ts_countries *ct = country_new();
    size_t changed = 0;
    ts_error err;

    assert_int_equal(load_text(ct, dir,
                               "# mine\n"
                               "country\tvariants\n"
                               "United States\tEtats-Unis|Amerika\n"
                               "Atlantis\t-\n"
                               "China\tWuhan\r\n",
                               &changed, &err),
                     TS_OK);
    assert_int_equal(changed, 4);
    assert_string_equal(canon(ct, "etats unis"), "United States");
    assert_string_equal(canon(ct, "USA"), "United States");
    assert_string_equal(canon(ct, "ATLANTIS"), "Atlantis");
    assert_string_equal(canon(ct, "Wuhan"), "China");
    country_free(ct);

    ct = country_new();
    assert_int_equal(load_text(ct, dir,
                               "country\tvariants\n"
                               "Austria\tAU\n"
                               "Australia\tA.U.\n",
                               NULL, &err),
                     TS_ERR_DICT);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.msg, "\"A.U.\" is already a spelling of "
                                 "\"Austria\" (line 2); a spelling names "
                                 "one country");
    assert_int_equal(load_text(ct, dir, "name\tsynonyms\n", NULL, &err),
                     TS_ERR_DICT);
    assert_int_equal(err.line, 1);
    assert_int_equal(load_text(ct, dir,
                               "country\tvariants\nFrance\n", NULL, &err),
                     TS_ERR_DICT);
    assert_int_equal(err.line, 2);
    assert_int_equal(load_text(ct, dir,
                               "country\tvariants\nFrance\tGaul||Gallia\n",
                               NULL, &err),
                     TS_ERR_DICT);
    assert_int_equal(err.line, 2);
    assert_int_equal(load_text(ct, dir, "# only comments\n", NULL, &err),
                     TS_ERR_DICT);
    assert_int_equal(country_load(ct, "/nonexistent/countries.tsv", NULL,
                                  &err),
                     TS_ERR_IO);
    country_free(ct);
}

/* Countries the table lacks are counted under their name as written and
 * listed in unmapped.tsv, once per trial; a table set on the landscape
 * replaces the built-in one. */
static void test_landscape_lists_unknown_countries(void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_countries *ct = country_new();
    ts_trial t;
    size_t changed;
    ts_error err;

    (void)state;
    add_trial(ls, "NCT00000001", "PHASE1",
              "A, Seoul, South Korea|B, Busan, Korea, Republic of|"
              "C, Wuhan|D, X, Wuhan|E, Y, Europe",
              &t);
    assert_string_equal(t.countries, "Korea, Republic of; Wuhan; Europe");
    add_trial(ls, "NCT00000002", "PHASE1", "F, Wuhan", &t);
    assert_rows(landscape_table(ls, TS_TABLE_COUNTRY),
                "Wuhan=2, Europe=1, Korea, Republic of=1");
    assert_rows(landscape_unmapped(ls, 5), "Wuhan=2, Europe=1");
    landscape_free(ls);

    ls = landscape_new(TS_DENOM_ALL);
    assert_int_equal(load_text(ct, *state,
                               "country\tvariants\nChina\tWuhan\n",
                               &changed, &err),
                     TS_OK);
    landscape_set_countries(ls, ct);
    add_trial(ls, "NCT00000003", "PHASE1", "C, Wuhan|D, Y, Europe", &t);
    assert_string_equal(t.countries, "China; Europe");
    assert_rows(landscape_unmapped(ls, 5), "Europe=1");
    landscape_free(ls);
    country_free(ct);
}

static void test_landscape_unmapped_lists_raw_values(void **state)
{
    static const char *const fields[] = {"phase", "status", "study_type",
                                         "funder_type", "start_date",
                                         "country", "condition"};
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_record rec;
    ts_trial t;
    size_t i;

    (void)state;
    assert_int_equal(landscape_unmapped_count(), 7);
    for (i = 0; i < 7; i++)
        assert_string_equal(landscape_unmapped_field(i), fields[i]);
    assert_string_equal(landscape_unmapped_field(7), "?");

    for (i = 0; i < 3; i++) {
        record_init(&rec);
        record_set(&rec, TS_COL_PHASES,
                   i < 2 ? "Phase 2/3b" : "Human pharmacology (Phase I): "
                                          "yes\nTherapeutic: no");
        record_set(&rec, TS_COL_STATUS, "Halted");
        record_set(&rec, TS_COL_STUDY_TYPE, "Registry");
        record_set(&rec, TS_COL_FUNDER, "Aliens|NIH");
        record_set(&rec, TS_COL_START, "soon");
        add_record(ls, &rec, &t);
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

/* ---- landscape with a classifier --------------------------------------- */

/* Adds a trial with the given NCT number, conditions and interventions. */
static void add_classified(ts_landscape *ls, const char *nct,
                           const char *conditions, const char *interventions,
                           ts_trial *trial)
{
    ts_record rec;
    ts_trial scratch_trial;

    record_init(&rec);
    record_set(&rec, TS_COL_NCT, nct);
    record_set(&rec, TS_COL_CONDITIONS, conditions);
    record_set(&rec, TS_COL_INTERVENTIONS, interventions);
    add_record(ls, &rec, trial ? trial : &scratch_trial);
}


/* Issue 12: JSON exports give each intervention its other names; an
 * intervention whose own name names no substance stands in by its first
 * other name that does, with its type. */
static void test_landscape_add_classifies_by_other_names(void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_record rec;
    ts_trial t;

    landscape_set_classifier(ls, d, NULL);
    record_init(&rec);
    record_set(&rec, TS_COL_NCT, "NCT00000001");
    record_set(&rec, TS_COL_INTERVENTIONS,
               "DRUG: Study drug Xylorib|DRUG: Gemcitabine|RADIATION: IMRT");
    /* The second has a name of its own; the third none that is a drug. */
    record_set(&rec, TS_COL_INTERVENTION_OTHER_NAMES,
               "XY-12; Adriamycin|Taxol|Proton beam");
    add_record(ls, &rec, &t);
    assert_non_null(t.cls);
    assert_int_equal(t.cls->nsubs, 2);
    assert_string_equal(t.cls->subs[0]->name, "doxorubicin");
    assert_string_equal(t.cls->subs[1]->name, "gemcitabine");
    assert_int_equal(t.cls->nunmatched, 0);
    /* The raw value stays as exported. */
    assert_string_equal(t.rec->value[TS_COL_INTERVENTIONS],
                        "DRUG: Study drug Xylorib|DRUG: Gemcitabine|"
                        "RADIATION: IMRT");
    /* Without other names the first is unmatched. */
    record_set(&rec, TS_COL_NCT, "NCT00000002");
    record_set(&rec, TS_COL_INTERVENTION_OTHER_NAMES, "");
    add_record(ls, &rec, &t);
    assert_int_equal(t.cls->nsubs, 1);
    assert_int_equal(t.cls->nunmatched, 1);
    landscape_free(ls);
    dict_free(d);
}

static void test_landscape_set_classifier_tallies_indications_and_classes(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_rules *r = load_test_rules(*state);
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    unsigned long mentions = 9, matched = 9, placebo = 9;
    ts_trial t;

    landscape_set_classifier(ls, d, r);
    /* Seeded rows show nothing until a trial is counted. */
    assert_rows(landscape_table(ls, TS_TABLE_INDICATION), "");
    assert_rows(landscape_table(ls, TS_TABLE_MODALITY), "");
    landscape_coverage(ls, &mentions, &matched, &placebo);
    assert_int_equal(mentions + matched + placebo, 0);

    add_classified(ls, "NCT00000001", "Soft Tissue Sarcoma",
                   "DRUG: Doxorubicin|DRUG: Ifosfamide", &t);
    assert_string_equal(t.indication, "Soft tissue sarcoma");
    assert_ptr_equal(t.dict, d);
    assert_non_null(t.cls);
    assert_subs(t.cls, "doxorubicin,ifosfamide");
    assert_string_equal(sb_str(&t.cls->regimen), "Chemotherapy + Chemotherapy");
    add_classified(ls, "NCT00000002", "Osteosarcoma",
                   "DRUG: Pembrolizumab|DRUG: Pazopanib Hydrochloride", NULL);
    add_classified(ls, "NCT00000003", "MPNST",
                   "BIOLOGICAL: Atezolizumab|BIOLOGICAL: Ivonescimab|"
                   "DRUG: Votrient|DRUG: Zorib",
                   NULL);
    add_classified(ls, "NCT00000004", "Breast Cancer",
                   "DRUG: Placebo|DRUG: ZORIB 10 mg|RADIATION: Proton beam",
                   &t);
    assert_string_equal(t.indication, "Other");
    /* The unknown drug beside the placebo stays in sight. */
    assert_string_equal(sb_str(&t.cls->regimen),
                        "Radiotherapy + Unclassified drug");
    add_classified(ls, "NCT00000005", "", "", &t);
    assert_string_equal(t.indication, TS_LABEL_NOT_REPORTED);
    add_classified(ls, "NCT00000006", "Leiomyosarcoma", "DRUG: Blorbizan",
                   NULL);
    add_classified(ls, "NCT00000007", "Liposarcoma", "Chemotherapy", NULL);
    assert_int_equal(landscape_trials(ls), 7);

    /* Nominal tables: by count, then name; special rows last. */
    assert_rows(landscape_table(ls, TS_TABLE_INDICATION),
                "Soft tissue sarcoma=3, Bone sarcoma=1, MPNST=1, Other=1, "
                "*Not reported=1");
    /* Unknown drugs stay in sight as "Unclassified drug". */
    assert_rows(landscape_table(ls, TS_TABLE_REGIMEN),
                "Chemotherapy=1, Chemotherapy + Chemotherapy=1, "
                "Radiotherapy + Unclassified drug=1, "
                "Targeted therapy + Immunotherapy=1, "
                "Targeted therapy + Immunotherapy + Unclassified drug=1, "
                "Unclassified drug=1, *Not reported=1");
    assert_rows(landscape_table(ls, TS_TABLE_MODALITY),
                "Chemotherapy=2, Immunotherapy=2, Targeted therapy=2, "
                "Placebo/control=1, Radiotherapy=1, *Not reported=1, "
                "*Unclassified=1");
    /* Trial 7's chemotherapy has no known agent, hence no class. */
    assert_rows(landscape_table(ls, TS_TABLE_CHEMO_CLASS),
                "DNA inhibitors=1, Topoisomerase inhibitors=1, "
                "*Not applicable=5, *Unclassified=1");
    /* Rows are display names; ivonescimab's PDCD1 is an immune target and
     * is not counted here. */
    assert_rows(landscape_table(ls, TS_TABLE_TARGETS),
                "KDR (VEGFR2)=2, PDGFRB=2, TOP2A=1, VEGFA=1, "
                "*Not applicable=4");
    /* Trial 3 has PD-1 and PD-L1 and counts once in the combined row;
     * PD-1 and PD-L1 have no rows of their own, so nothing counts twice
     * (issue 13). */
    assert_rows(landscape_table(ls, TS_TABLE_IMMUNO_TARGETS),
                "PD-1/PD-L1 (combined)=2, *Not applicable=5");
    /* Chemotherapy class applies to the 2 trials with chemotherapy: n
     * leaves out the 5 without; so do the percentages. */
    assert_int_equal(landscape_table_denominator(ls, TS_TABLE_CHEMO_CLASS),
                     2);
    assert_string_equal(landscape_table_counts(ls, TS_TABLE_CHEMO_CLASS),
                        "trials with chemotherapy");
    assert_int_equal(landscape_table_denominator(ls, TS_TABLE_PHASE), 7);
    /* Grouped by key; the first spelling seen names the row. */
    assert_rows(landscape_table(ls, TS_TABLE_UNMATCHED),
                "Zorib=2, Blorbizan=1, Chemotherapy=1");
    landscape_coverage(ls, &mentions, &matched, &placebo);
    assert_int_equal(mentions, 11);
    assert_int_equal(matched, 7);
    assert_int_equal(placebo, 1);
    landscape_free(ls);
    rules_free(r);
    dict_free(d);
}

static void test_landscape_set_classifier_takes_dict_or_rules_alone(
    void **state)
{
    ts_dict *d = load_test_dict(*state);
    ts_rules *r = load_test_rules(*state);
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    unsigned long mentions, matched, placebo;
    ts_trial t;

    landscape_set_classifier(ls, NULL, r);
    add_classified(ls, "NCT00000001", "Osteosarcoma", "DRUG: Doxorubicin",
                   &t);
    assert_string_equal(t.indication, "Bone sarcoma");
    assert_null(t.cls);
    assert_null(t.dict);
    assert_rows(landscape_table(ls, TS_TABLE_INDICATION), "Bone sarcoma=1");
    assert_rows(landscape_table(ls, TS_TABLE_REGIMEN), "");
    landscape_free(ls);

    ls = landscape_new(TS_DENOM_ALL);
    landscape_set_classifier(ls, d, NULL);
    add_classified(ls, "NCT00000001", "Osteosarcoma", "DRUG: Doxorubicin",
                   &t);
    assert_null(t.indication);
    assert_subs(t.cls, "doxorubicin");
    assert_rows(landscape_table(ls, TS_TABLE_INDICATION), "");
    assert_rows(landscape_table(ls, TS_TABLE_REGIMEN), "Chemotherapy=1");
    landscape_coverage(ls, &mentions, &matched, &placebo);
    assert_int_equal(mentions, 1);
    assert_int_equal(matched, 1);
    assert_int_equal(placebo, 0);
    landscape_free(ls);
    rules_free(r);
    dict_free(d);
}

/*
 * Regression (2026-11-23): an unmapped value was cut at 200 bytes even
 * inside a UTF-8 character, and the invalid label reached unmapped.tsv and
 * landscape.json (found by fuzz_ingest_tsv).
 */
static void test_landscape_unmapped_cuts_long_value_at_character_start(
    void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_tally *t;
    ts_record rec;
    ts_trial trial;
    char status[256];

    (void)state;
    memset(status, 'x', 199);
    snprintf(status + 199, sizeof(status) - 199, "%s", "\xC3\xA9tat");
    record_init(&rec);
    record_set(&rec, TS_COL_NCT, "NCT00000001");
    record_set(&rec, TS_COL_STATUS, status);
    add_record(ls, &rec, &trial);
    t = landscape_unmapped(ls, 1);
    assert_int_equal(tally_rows(t), 1);
    assert_int_equal(strlen(tally_row_label(t, 0)), 199);
    landscape_free(ls);
}

/*
 * Regression (2026-11-23): every location rescanned the trial's country
 * list, so a row with many distinct countries took quadratic time (a
 * fuzz_ingest_csv timeout). Each country is still listed and counted once
 * per trial.
 */
static void test_landscape_add_lists_many_distinct_countries_once(
    void **state)
{
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_strbuf loc = {0}, want = {0};
    ts_trial trial;
    size_t i;

    (void)state;
    for (i = 0; i < 3000; i++)
        sb_printf(&loc, "%sSite %zu, C%zu", i ? "|" : "", i, i % 1500);
    for (i = 0; i < 1500; i++)
        sb_printf(&want, "%sC%zu", i ? "; " : "", i);
    add_trial(ls, "NCT00000001", "PHASE1", loc.buf, &trial);
    assert_string_equal(trial.countries, want.buf);
    assert_int_equal(tally_rows(landscape_table(ls, TS_TABLE_COUNTRY)),
                     1500);
    assert_int_equal(tally_row_count(landscape_table(ls, TS_TABLE_COUNTRY),
                                     0),
                     1);
    add_trial(ls, "NCT00000002", "PHASE1", "A, Elsewhere|B, C7|C, C7",
              &trial);
    assert_string_equal(trial.countries, "Elsewhere; C7");
    assert_int_equal(tally_rows(landscape_table(ls, TS_TABLE_COUNTRY)),
                     1501);
    sb_free(&loc);
    sb_free(&want);
    landscape_free(ls);
}

/*
 * Regression (2026-11-23): white space at the end of a dictionary line was
 * overwritten with a NUL that stayed in the last column's length, so
 * "PDCD1 " made a second target PDCD1 and "- " a target "-" (found by
 * fuzz_dict). A trailing space or CR changes nothing.
 */
static void test_dict_load_substances_ignores_white_space_at_line_end(
    void **state)
{
    ts_dict *d = dict_new();
    char *targets, *subs;
    const ts_substance *s;
    ts_error err;

    targets = ut_write_text(*state, "targets.tsv",
                            "symbol\tdisplay\tfamily\timmune\n"
                            "PDCD1\tPD-1\tcheckpoint\tyes \n");
    subs = ut_write_text(*state, "substances.tsv",
                         SUBS_HEADER
                         "a1\t-\timmunotherapy\t-\t-\tPDCD1 \n"
                         "a2\t-\ttargeted\t-\t-\t- \r\n");
    assert_int_equal(dict_load_targets(d, targets, &err), TS_OK);
    assert_int_equal(dict_load_substances(d, subs, 0, &err), TS_OK);
    assert_int_equal(dict_ntargets(d), 1);
    s = dict_find(d, "a1");
    assert_non_null(s);
    assert_int_equal(s->nimmuno, 1);
    assert_string_equal(dict_target(d, s->immuno[0])->display, "PD-1");
    s = dict_find(d, "a2");
    assert_non_null(s);
    assert_int_equal(s->nimmuno, 0);
    free(targets);
    free(subs);
    dict_free(d);
}


/* ---- vocab: other registries' words ----------------------------------- */

static ts_phase vphase(ts_registry reg, const char *raw, ts_study_type t,
                       int *amb)
{
    return vocab_phase(reg, raw, strlen(raw), t, amb);
}

static void test_vocab_phase_maps_registry_words(void **state)
{
    int amb;

    (void)state;
    assert_int_equal(vphase(TS_REG_CTGOV, "Phase 2/Phase 3",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_2_3);
    assert_int_equal(amb, 0);
    assert_int_equal(vphase(TS_REG_CHICTR, "1-2", TS_TYPE_INTERVENTIONAL,
                            &amb),
                     TS_PHASE_1_2);
    assert_int_equal(vphase(TS_REG_CHICTR, "4", TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_4);
    assert_int_equal(vphase(TS_REG_CHICTR, "Retrospective study",
                            TS_TYPE_OBSERVATIONAL, &amb),
                     TS_PHASE_NA);
    assert_int_equal(amb, 0);
    assert_int_equal(vphase(TS_REG_JRCT, "Not selected",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_NOT_REPORTED);
    assert_int_equal(vphase(TS_REG_ISRCTN, "Phase I/II",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_1_2);
    assert_int_equal(vphase(TS_REG_CRIS, "Phase1/Phase2",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_1_2);
    assert_int_equal(vphase(TS_REG_CTIS,
                            "Therapeutic confirmatory  (Phase III)",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_3);
    assert_int_equal(vphase(TS_REG_CTIS,
                            "Phase I and Phase II (Integrated)- Other",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_1_2);
    assert_int_equal(vphase(TS_REG_EUCTR,
                            "Human pharmacology (Phase I): no\n"
                            "Therapeutic exploratory (Phase II): yes\n"
                            "Therapeutic confirmatory - (Phase III): yes\n"
                            "Therapeutic use (Phase IV): no",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_2_3);
    assert_int_equal(amb, 0);
    assert_int_equal(vphase(TS_REG_CTGOV, "Early Phase 1",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_EARLY_1);
    assert_int_equal(vphase(TS_REG_UNKNOWN, "", TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_NOT_REPORTED);
}

static void test_vocab_phase_flags_ambiguous_codes(void **state)
{
    int amb;

    (void)state;
    /* ChiCTR "0": phase 0, or no phase at all in observational studies. */
    assert_int_equal(vphase(TS_REG_CHICTR, "0", TS_TYPE_OBSERVATIONAL, &amb),
                     TS_PHASE_NA);
    assert_int_equal(amb, 1);
    assert_int_equal(vphase(TS_REG_CHICTR, "0", TS_TYPE_INTERVENTIONAL,
                            &amb),
                     TS_PHASE_EARLY_1);
    assert_int_equal(amb, 1);
    assert_int_equal(vphase(TS_REG_CHICTR,
                            "New Treatment Measure Clinical Study",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_NA);
    assert_int_equal(amb, 1);
    assert_int_equal(vphase(TS_REG_CTIS, "Phase III and phase IV (Integrated)",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_3);
    assert_int_equal(amb, 1);
    assert_int_equal(vphase(TS_REG_EUCTR,
                            "Human pharmacology (Phase I): no "
                            "Therapeutic exploratory (Phase II): no "
                            "Therapeutic confirmatory - (Phase III): no "
                            "Therapeutic use - (Phase IV): no",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_NOT_REPORTED);
    assert_int_equal(amb, 1);
    /* A spreadsheet's date is no phase. */
    assert_int_equal(vphase(TS_REG_CHICTR, "1/2/2020",
                            TS_TYPE_INTERVENTIONAL, &amb),
                     TS_PHASE_UNCLASSIFIED);
    assert_int_equal(amb, 0);
}

static ts_trial_status vstatus(ts_registry reg, const char *raw, int *amb)
{
    return vocab_status(reg, raw, strlen(raw), amb);
}

static void test_vocab_status_maps_registry_words(void **state)
{
    int amb;

    (void)state;
    assert_int_equal(vstatus(TS_REG_CHICTR, "Recruiting", &amb),
                     TS_ST_RECRUITING);
    assert_int_equal(amb, 0);
    assert_int_equal(vstatus(TS_REG_CHICTR, "Not Recruiting", &amb),
                     TS_ST_ACTIVE);
    assert_int_equal(amb, 1);
    assert_int_equal(vstatus(TS_REG_EUCTR, "Authorised", &amb),
                     TS_ST_NOT_YET);
    assert_int_equal(amb, 0);
    assert_int_equal(vstatus(TS_REG_EUCTR, "Ongoing", &amb),
                     TS_ST_RECRUITING);
    assert_int_equal(amb, 1);
    assert_int_equal(vstatus(TS_REG_EUCTR, "Prematurely Ended", &amb),
                     TS_ST_TERMINATED);
    assert_int_equal(vstatus(TS_REG_CTIS, "Ongoing, recruitment ended", &amb),
                     TS_ST_ACTIVE);
    assert_int_equal(vstatus(TS_REG_CTIS, "Authorised, recruitment pending",
                             &amb),
                     TS_ST_NOT_YET);
    assert_int_equal(vstatus(TS_REG_CTIS, "Ended", &amb), TS_ST_COMPLETED);
    assert_int_equal(amb, 1);
    assert_int_equal(vstatus(TS_REG_ISRCTN, "Ongoing / No longer recruiting",
                             &amb),
                     TS_ST_ACTIVE);
    assert_int_equal(amb, 0);
    assert_int_equal(vstatus(TS_REG_ISRCTN, "Stopped / Stopped", &amb),
                     TS_ST_TERMINATED);
    assert_int_equal(vstatus(TS_REG_ISRCTN, "Deferred / Recruiting", &amb),
                     TS_ST_RECRUITING);
    assert_int_equal(amb, 1);
    assert_int_equal(vstatus(TS_REG_UNKNOWN, "Whatever", &amb),
                     TS_ST_UNCLASSIFIED);
}

static void test_vocab_applies_to_other_registries_formats(void **state)
{
    ts_record rec;

    (void)state;
    memset(&rec, 0, sizeof(rec));
    rec.format = "ctis-csv";
    rec.registry = TS_REG_CTIS;
    assert_int_equal(vocab_applies(&rec), 1);
    assert_int_equal(vocab_registry(&rec), TS_REG_CTIS);
    rec.format = "ictrp-xml";
    assert_int_equal(vocab_applies(&rec), 1);
    rec.format = "ctgov-modern";
    assert_int_equal(vocab_applies(&rec), 0);
}

static void test_vocab_funder_maps_sponsor_types(void **state)
{
    (void)state;
    assert_int_equal(vocab_funder(TS_REG_CTIS, "Pharmaceutical company", 22),
                     TS_FUND_INDUSTRY);
    assert_int_equal(vocab_funder(TS_REG_EUCTR, "Non-Commercial", 14),
                     TS_FUND_OTHER);
    assert_int_equal(vocab_funder(TS_REG_CTIS,
                                  "Hospital/Clinic/Other health care facility",
                                  42),
                     TS_FUND_OTHER);
    assert_int_equal(vocab_funder(TS_REG_CTIS, "", 0), TS_FUND_NOT_REPORTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vocab_phase_maps_registry_words),
        cmocka_unit_test(test_vocab_phase_flags_ambiguous_codes),
        cmocka_unit_test(test_vocab_status_maps_registry_words),
        cmocka_unit_test(test_vocab_applies_to_other_registries_formats),
        cmocka_unit_test(test_vocab_funder_maps_sponsor_types),
        cmocka_unit_test(
            test_norm_label_lists_each_vocabulary_in_display_order),
        cmocka_unit_test(test_norm_dim_name_names_each_table),
        cmocka_unit_test(test_norm_key_folds_case_and_separators),
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
        cmocka_unit_test(
            test_norm_date_reads_registry_dates_to_the_day_or_month),
        cmocka_unit_test(test_norm_nct_finds_id_in_value_and_url),
        cmocka_unit_test(test_norm_nct_returns_minus_one_without_id),
        cmocka_unit_test(test_norm_next_country_takes_last_part_of_each_site),
        cmocka_unit_test(test_norm_next_country_skips_empty_sites),
        cmocka_unit_test(test_norm_next_country_keeps_names_with_a_comma_whole),
        cmocka_unit_test(test_tally_new_copies_name_and_title),
        cmocka_unit_test(test_tally_rows_keep_seed_order_and_hide_zero_rows),
        cmocka_unit_test(test_tally_rows_order_by_count_then_label),
        cmocka_unit_test(test_tally_rows_order_by_label),
        cmocka_unit_test(test_tally_rows_put_special_rows_last_in_fixed_order),
        cmocka_unit_test(test_tally_special_total_is_zero_without_special_rows),
        cmocka_unit_test(test_tally_add_keeps_labels_with_nul_bytes_apart),
        cmocka_unit_test(test_tally_percent_divides_or_gives_minus_one),
        cmocka_unit_test(
            test_dict_key_lowercases_and_keeps_only_letters_and_digits),
        cmocka_unit_test(test_dict_key_drops_salt_formulation_and_route_words),
        cmocka_unit_test(test_dict_key_drops_numbers_with_their_units),
        cmocka_unit_test(test_dict_key_keep_all_keeps_every_word),
        cmocka_unit_test(test_dict_key_gives_empty_key_for_only_stop_words),
        cmocka_unit_test(
            test_dict_modality_label_names_each_modality_and_class),
        ut_test_in_dir(test_dict_load_dir_reads_every_file),
        ut_test_in_dir(test_dict_load_generated_rejects_malformed_lines),
        ut_test_in_dir(test_dict_load_generated_yields_to_curated_names),
        ut_test_in_dir(
            test_dict_load_classes_and_stems_reject_malformed_lines),
        ut_test_in_dir(
            test_dict_stem_finds_longest_stem_and_antibody_substems),
        ut_test_in_dir(test_classify_intervention_infers_class_from_inn_stem),
        ut_test_in_dir(test_classify_intervention_reads_kind_of_product),
        ut_test_in_dir(test_classify_intervention_judges_free_text_parts),
        ut_test_in_dir(
            test_classify_intervention_reads_tracer_before_imaging_words),
        ut_test_in_dir(test_classify_radiolabel_reads_vector_in_dictionary),
        ut_test_in_dir(test_classify_intervention_reads_full_width_separators),
        ut_test_in_dir(test_classify_intervention_finds_name_later_in_part),
        ut_test_in_dir(test_classify_intervention_reads_procedure_words),
        ut_test_in_dir(test_classify_intervention_forgives_misspelling_in_words),
        ut_test_in_dir(test_classify_intervention_reads_tissue_and_blood_kinds),
        ut_test_in_dir(test_dict_binds_no_single_letter_or_head_noun_key),
        cmocka_unit_test(test_classify_is_cancer_reads_cancer_conditions),
        ut_test_in_dir(test_dict_lookup_finds_name_synonym_and_code_spellings),
        ut_test_in_dir(test_dict_lookup_expands_regimen_to_components),
        ut_test_in_dir(test_dict_lookup_capital_acronym_only_in_capitals),
        ut_test_in_dir(test_dict_regimen_case_exact_and_errors),
        ut_test_in_dir(
            test_dict_lookup_prefers_full_key_bound_after_short_key_clash),
        ut_test_in_dir(test_dict_load_substances_creates_unknown_targets),
        ut_test_in_dir(test_dict_target_by_symbol_finds_loaded_targets),
        ut_test_in_dir(test_dict_load_substances_rejects_wrong_header),
        ut_test_in_dir(test_dict_load_substances_rejects_wrong_column_count),
        ut_test_in_dir(test_dict_load_substances_rejects_unknown_modality),
        ut_test_in_dir(test_dict_load_substances_rejects_unknown_chemo_class),
        ut_test_in_dir(test_dict_load_substances_rejects_duplicate_name),
        ut_test_in_dir(
            test_dict_load_substances_rejects_synonym_naming_another),
        ut_test_in_dir(test_dict_load_regimens_rejects_unknown_component),
        ut_test_in_dir(test_dict_load_targets_rejects_immune_not_yes_or_no),
        ut_test_in_dir(test_dict_load_reports_missing_file_as_io_error),
        ut_test_in_dir(
            test_dict_load_substances_override_replaces_and_takes_over),
        cmocka_unit_test(test_dict_free_accepts_null),
        cmocka_unit_test(test_classify_type_reads_both_vocabularies),
        cmocka_unit_test(test_classify_type_ignores_unknown_or_late_prefix),
        ut_test_in_dir(test_classify_intervention_matches_whole_name),
        ut_test_in_dir(
            test_classify_intervention_matches_name_or_code_in_parentheses),
        ut_test_in_dir(test_classify_intervention_splits_combinations),
        ut_test_in_dir(
            test_classify_intervention_splits_combinations_with_codes),
        ut_test_in_dir(test_classify_intervention_does_not_split_dose_units),
        ut_test_in_dir(test_classify_intervention_finds_names_in_word_windows),
        ut_test_in_dir(
            test_classify_intervention_reads_only_first_words_of_prose),
        ut_test_in_dir(
            test_classify_intervention_records_unmatched_once_per_key),
        ut_test_in_dir(
            test_classify_intervention_counts_placebo_apart_from_mentions),
        ut_test_in_dir(
            test_classify_intervention_maps_non_drug_types_to_modalities),
        ut_test_in_dir(test_classify_trial_classifies_each_intervention),
        ut_test_in_dir(
            test_classify_regimen_labels_components_in_fixed_order),
        ut_test_in_dir(
            test_classify_trial_deduplicates_targets_across_substances),
        ut_test_in_dir(test_classify_reset_keeps_buffer_usable),
        cmocka_unit_test(test_idset_add_keeps_order_and_each_id_once),
        ut_test_in_dir(
            test_classify_trial_keeps_every_unmatched_name_and_substance),
        ut_test_in_dir(test_classify_intervention_explains_each_field),
        ut_test_in_dir(
            test_classify_intervention_reads_name_without_qualifiers),
        ut_test_in_dir(
            test_classify_intervention_lists_unknown_base_name_once),
        ut_test_in_dir(
            test_classify_intervention_tolerates_one_misspelling),
        ut_test_in_dir(test_classify_intervention_kept_texts_give_the_same),
        ut_test_in_dir(
            test_classify_intervention_typed_parts_before_assessment),
        ut_test_in_dir(test_rules_load_lists_each_group_once_in_file_order),
        ut_test_in_dir(test_rules_match_requires_every_clause),
        ut_test_in_dir(test_rules_match_handles_alternatives_and_negation),
        ut_test_in_dir(test_rules_match_first_matching_rule_wins),
        ut_test_in_dir(test_rules_match_matches_terms_at_word_start),
        ut_test_in_dir(test_rules_match_ignores_case),
        ut_test_in_dir(test_rules_match_term_index_edge_cases),
        ut_test_in_dir(test_rules_match_returns_ngroups_for_other),
        ut_test_in_dir(test_rules_load_rejects_bad_header),
        ut_test_in_dir(test_rules_load_accepts_utf8_bom),
        ut_test_in_dir(test_rules_load_rejects_rule_without_one_tab),
        ut_test_in_dir(test_rules_load_rejects_empty_term),
        ut_test_in_dir(test_rules_load_rejects_file_without_rules),
        ut_test_in_dir(test_rules_load_reports_missing_file_as_io_error),
        cmocka_unit_test(test_landscape_table_names_each_table),
        cmocka_unit_test(test_landscape_add_fills_trial_facts),
        cmocka_unit_test(test_landscape_add_counts_each_country_once_per_trial),
        cmocka_unit_test(test_country_canonical_reads_registry_spellings),
        cmocka_unit_test(test_country_builtin_table_is_the_data_file),
        ut_test_in_dir(test_country_load_extends_and_checks_a_user_file),
        ut_test_in_dir(test_landscape_lists_unknown_countries),
        cmocka_unit_test(test_landscape_unmapped_lists_raw_values),
        cmocka_unit_test(test_landscape_table_denominator_counts_all_or_known),
        ut_test_in_dir(
            test_landscape_set_classifier_tallies_indications_and_classes),
        ut_test_in_dir(test_landscape_set_classifier_takes_dict_or_rules_alone),
        ut_test_in_dir(test_landscape_add_classifies_by_other_names),
        cmocka_unit_test(
            test_landscape_unmapped_cuts_long_value_at_character_start),
        cmocka_unit_test(
            test_landscape_add_lists_many_distinct_countries_once),
        ut_test_in_dir(
            test_dict_load_substances_ignores_white_space_at_line_end),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
