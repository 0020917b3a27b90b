/*
 * test_filter.c - unit tests of the --where filter (analyze/filter.h) and
 * of sponsor name normalisation (analyze/sponsor.h), through their
 * headers: parsing and its errors, every kind of field (single label,
 * multi-valued, numeric range, substring, derived classes, sponsors),
 * combinations, and the report of values no trial has.
 */
#include "tests/unit/unit.h"

#include "analyze/dict.h"
#include "analyze/filter.h"
#include "analyze/indication.h"
#include "analyze/landscape.h"
#include "analyze/sponsor.h"
#include "ingest/record.h"

/* ---- sponsor ------------------------------------------------------------ */

static const char *key_of(const char *name)
{
    static ts_strbuf sb;

    sponsor_key(name, strlen(name), &sb);
    return sb_str(&sb);
}

static const char *display_of(const char *name)
{
    static ts_strbuf sb;

    sponsor_display(name, strlen(name), &sb);
    return sb_str(&sb);
}

static void test_sponsor_key_drops_case_punctuation_and_legal_forms(
    void **state)
{
    (void)state;
    assert_string_equal(key_of("Eisai Co., Ltd."), "eisai");
    assert_string_equal(key_of("Eisai Inc."), "eisai");
    assert_string_equal(key_of("EISAI LIMITED"), "eisai");
    assert_string_equal(key_of("Janssen-Cilag, S.A."), "janssen cilag");
    assert_string_equal(key_of("Janssen-Cilag Ltd."), "janssen cilag");
    assert_string_equal(key_of("Life Molecular Imaging GmbH"),
                        "life molecular imaging");
    assert_string_equal(key_of("Novo Nordisk A/S"), "novo nordisk");
    assert_string_equal(key_of("Menarini S.p.A."), "menarini");
    assert_string_equal(key_of("Ono Pharmaceutical Co. Ltd"),
                        "ono pharmaceutical");
    assert_string_equal(key_of("Eli Lilly and Company"), "eli lilly");
    assert_string_equal(key_of("The University of Texas"),
                        "university of texas");
    assert_string_equal(key_of("  Hoffmann-La Roche  "), "hoffmann la roche");
    assert_string_equal(key_of("IRCCS Centro \"Bonino-Pulejo\""),
                        "irccs centro bonino pulejo");
    assert_string_equal(key_of("M.D. Anderson"), "md anderson");
}

static void test_sponsor_key_keeps_a_name_made_of_legal_words(void **state)
{
    (void)state;
    /* "AB" alone is a company's name, not only its legal form. */
    assert_string_equal(key_of("AB"), "ab");
    assert_string_equal(key_of("Inc."), "inc");
    assert_string_equal(key_of("Company"), "company");
    assert_string_equal(key_of(""), "");
    assert_string_equal(key_of(" ,.; "), "");
    /* Non-ASCII letters are part of words and kept as they are. */
    assert_string_equal(key_of("Universitätsklinikum Köln GmbH"),
                        "universitätsklinikum köln");
}

static void test_sponsor_display_keeps_spelling_without_legal_form(
    void **state)
{
    (void)state;
    assert_string_equal(display_of("Eisai Co., Ltd."), "Eisai");
    assert_string_equal(display_of("Janssen-Cilag, S.A."), "Janssen-Cilag");
    assert_string_equal(display_of("Pfizer"), "Pfizer");
    assert_string_equal(display_of("  National   Cancer\tInstitute (NCI) "),
                        "National Cancer Institute (NCI)");
    assert_string_equal(display_of("IRCCS Centro \"Bonino-Pulejo\""),
                        "IRCCS Centro \"Bonino-Pulejo\"");
    assert_string_equal(display_of("Eli Lilly and Company"), "Eli Lilly");
    assert_string_equal(display_of(""), "");
}

/* ---- a small landscape to filter ----------------------------------------- */

static const char test_targets_tsv[] =
    "symbol\tdisplay\tfamily\timmune\n"
    "KDR\tKDR (VEGFR2)\tVEGFR\tno\n"
    "PDGFRB\tPDGFRB\tPDGFR\tno\n"
    "TOP2A\tTOP2A\tTopoisomerase\tno\n"
    "PDCD1\tPD-1\tCheckpoint\tyes\n";

static const char test_substances_tsv[] =
    "name\tsynonyms\tmodality\tchemo_class\ttargets\timmuno_targets\n"
    "doxorubicin\tAdriamycin\tchemotherapy\ttopoisomerase\tTOP2A\t-\n"
    "ifosfamide\tIfex\tchemotherapy\tdna\t-\t-\n"
    "pazopanib\tVotrient\ttargeted\t-\tKDR,PDGFRB\t-\n"
    "pembrolizumab\tKeytruda\timmunotherapy\t-\t-\tPDCD1\n";

static const char test_regimens_tsv[] = "name\tcomponents\n";

static const char test_rules_tsv[] = "group\texpression\n"
                                     "MPNST\tmpnst|nerve sheath\n"
                                     "Sarcoma\tsarcoma\n";

typedef struct fixture {
    char *dir;
    ts_dict *dict;
    ts_rules *rules;
    ts_landscape *ls;
} fixture;

static int fixture_setup(void **state)
{
    fixture *fx = xcalloc(1, sizeof(*fx));
    char *p[4];
    ts_error err;
    size_t i;

    fx->dir = ut_mkdtemp();
    p[0] = ut_write_text(fx->dir, "targets.tsv", test_targets_tsv);
    p[1] = ut_write_text(fx->dir, "substances.tsv", test_substances_tsv);
    p[2] = ut_write_text(fx->dir, "regimens.tsv", test_regimens_tsv);
    p[3] = ut_write_text(fx->dir, "indications.tsv", test_rules_tsv);
    fx->dict = dict_new();
    if (dict_load_dir(fx->dict, fx->dir, &err) != TS_OK)
        fail_msg("dict: %s", err.msg);
    if (rules_load(p[3], &fx->rules, &err) != TS_OK)
        fail_msg("rules: %s", err.msg);
    for (i = 0; i < 4; i++)
        free(p[i]);
    fx->ls = landscape_new(TS_DENOM_ALL);
    landscape_set_classifier(fx->ls, fx->dict, fx->rules);
    *state = fx;
    return 0;
}

static int fixture_teardown(void **state)
{
    fixture *fx = *state;

    landscape_free(fx->ls);
    dict_free(fx->dict);
    rules_free(fx->rules);
    ut_rm_rf(fx->dir);
    free(fx->dir);
    free(fx);
    return 0;
}

/* One trial's columns; NULL leaves a column empty. */
typedef struct row {
    const char *nct, *title, *status, *phases, *conditions, *interventions;
    const char *sponsor, *funder, *start, *enrollment, *locations;
} row;

static const row rows[] = {
    {"NCT00000001", "Pazopanib for MPNST", "RECRUITING", "PHASE2",
     "Malignant Peripheral Nerve Sheath Tumor|NF1", "DRUG: Pazopanib",
     "Eisai Inc.", "INDUSTRY", "2019-03", "40",
     "S, Lyon, France|S, Paris, France"},
    {"NCT00000002", "Doxorubicin and ifosfamide in sarcoma", "COMPLETED",
     "PHASE1|PHASE2", "Soft Tissue Sarcoma",
     "DRUG: Doxorubicin|DRUG: Ifosfamide", "Eisai Co., Ltd.", "INDUSTRY",
     "2015-06-01", "120", "S, Boston, United States"},
    {"NCT00000003", "Pembrolizumab in sarcoma", "ACTIVE_NOT_RECRUITING",
     "PHASE2", "Sarcoma", "BIOLOGICAL: Pembrolizumab",
     "National Cancer Institute (NCI)", "NIH", "2021", NULL,
     "S, Seoul, Korea, Republic of"},
    {"NCT00000004", "An observational registry", "UNKNOWN", NULL,
     "Neurofibromatosis 1", NULL, NULL, "OTHER", NULL, "1000", NULL},
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

static void set(ts_record *rec, ts_column c, const char *v)
{
    rec->value[c] = v ? v : "";
    rec->len[c] = v ? strlen(v) : 0;
}

static void read_row(fixture *fx, const row *r, ts_record *rec,
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
    set(rec, TS_COL_NCT, r->nct);
    set(rec, TS_COL_TITLE, r->title);
    set(rec, TS_COL_STATUS, r->status);
    set(rec, TS_COL_PHASES, r->phases);
    set(rec, TS_COL_CONDITIONS, r->conditions);
    set(rec, TS_COL_INTERVENTIONS, r->interventions);
    set(rec, TS_COL_SPONSOR, r->sponsor);
    set(rec, TS_COL_FUNDER, r->funder);
    set(rec, TS_COL_START, r->start);
    set(rec, TS_COL_ENROLLMENT, r->enrollment);
    set(rec, TS_COL_LOCATIONS, r->locations);
    set(rec, TS_COL_STUDY_TYPE, "INTERVENTIONAL");
    landscape_read(fx->ls, merge_one(rec, &one), t);
}

/* The NCT numbers' last digits of the trials that pass, e.g. "13". */
static const char *passing(fixture *fx, ts_filter *f)
{
    static char out[NROWS + 1];
    size_t i, n = 0;

    for (i = 0; i < NROWS; i++) {
        ts_record rec;
        ts_trial t;

        read_row(fx, &rows[i], &rec, &t);
        if (filter_match(f, &t))
            out[n++] = rows[i].nct[10];
    }
    out[n] = '\0';
    return out;
}

/* A filter of the given expressions (NULL-terminated); fails the test on
 * a parse error. */
static ts_filter *make(const char *first, ...)
{
    ts_filter *f = filter_new();
    const char *e = first;
    va_list ap;
    ts_error err;

    va_start(ap, first);
    while (e) {
        if (filter_add(f, e, &err) != TS_OK)
            fail_msg("filter_add(%s): %s", e, err.msg);
        e = va_arg(ap, const char *);
    }
    va_end(ap);
    return f;
}

static const char *where(fixture *fx, const char *expr)
{
    ts_filter *f = make(expr, NULL);
    const char *s = passing(fx, f);

    filter_free(f);
    return s;
}

/* ---- parsing ------------------------------------------------------------ */

static void assert_rejects(const char *expr, const char *msg)
{
    ts_filter *f = filter_new();
    ts_error err;

    assert_int_equal(filter_add(f, expr, &err), TS_ERR_USAGE);
    assert_int_equal(err.status, TS_ERR_USAGE);
    assert_string_equal(err.msg, msg);
    assert_int_equal(filter_count(f), 0);
    assert_string_equal(filter_text(f), "");
    filter_free(f);
}

static void test_filter_add_rejects_unknown_field(void **state)
{
    (void)state;
    assert_rejects("foo=1", "unknown field \"foo\"");
    assert_rejects("Phase II=x", "unknown field \"Phase II\"");
    assert_false(filter_names_field("foo=1"));
    assert_true(filter_names_field("phase=x"));
    assert_true(filter_names_field(" Targets ~x"));
    assert_true(filter_names_field("phase"));
    assert_false(filter_names_field("Phase II"));
    assert_non_null(strstr(filter_field_list(), "immuno_target, country"));
}

static void test_filter_add_rejects_missing_operator(void **state)
{
    (void)state;
    assert_rejects("phase", "missing operator after \"phase\": write "
                            "phase=V1,V2 or phase~TEXT");
    assert_rejects("start_year 2018",
                   "missing operator: write FIELD=V1,V2, FIELD>=N, "
                   "FIELD<=N or FIELD~TEXT");
    assert_rejects("start_year", "missing operator after \"start_year\": "
                                 "write start_year=V1,V2, >=N, <=N or "
                                 "start_year~TEXT");
    assert_rejects("=Phase II", "missing field name before '='");
    assert_rejects("", "missing operator: write FIELD=V1,V2, FIELD>=N, "
                       "FIELD<=N or FIELD~TEXT");
}

static void test_filter_add_rejects_empty_values(void **state)
{
    (void)state;
    assert_rejects("phase=", "empty value after '='");
    assert_rejects("phase=  ", "empty value after '='");
    assert_rejects("phase=Phase II,", "an empty value in the list after '='");
    assert_rejects("phase=,Phase II", "an empty value in the list after '='");
    assert_rejects("title~ ", "empty value after '~'");
    assert_rejects("start_year>=", "empty value after '>='");
    assert_rejects("status=\"Active, not", "a quoted value has no closing "
                                           "quote");
}

static void test_filter_add_rejects_non_numbers_and_wrong_operators(
    void **state)
{
    (void)state;
    assert_rejects("start_year>=abc",
                   "start_year>= takes a whole number, not \"abc\"");
    assert_rejects("enrollment<=-5",
                   "enrollment<= takes a whole number, not \"-5\"");
    assert_rejects("enrollment>1.5",
                   "enrollment> takes a whole number, not \"1.5\"");
    assert_rejects("start_year=2018,soon",
                   "start_year= takes whole numbers or 'Not reported', "
                   "not \"soon\"");
    assert_rejects("phase>=Phase II",
                   "phase takes = and ~, not >= (>=, <=, > and < are for "
                   "start_year and enrollment)");
}

static void test_filter_text_joins_expressions_as_given(void **state)
{
    ts_filter *f = make("phase=Phase II", "start_year>=2015", NULL);

    (void)state;
    assert_int_equal(filter_count(f), 2);
    assert_string_equal(filter_expr(f, 0), "phase=Phase II");
    assert_string_equal(filter_expr(f, 1), "start_year>=2015");
    assert_string_equal(filter_text(f), "phase=Phase II AND start_year>=2015");
    filter_free(f);
    filter_free(NULL);
}

/* ---- matching ----------------------------------------------------------- */

static void test_filter_match_single_label_is_exact_but_ignores_case(
    void **state)
{
    fixture *fx = *state;

    /* Phase II is not Phase I/II. */
    assert_string_equal(where(fx, "phase=Phase II"), "13");
    assert_string_equal(where(fx, "phase=phase ii"), "13");
    assert_string_equal(where(fx, "phase=Phase I/II,Not reported"), "24");
    assert_string_equal(where(fx, "status_group=Open,Closed"), "13");
    assert_string_equal(where(fx, "funder_type=NIH"), "3");
    assert_string_equal(where(fx, "study_type=Interventional"), "1234");
    assert_string_equal(where(fx, "registry=ClinicalTrials.gov"), "1234");
}

static void test_filter_match_value_with_comma_plain_quoted_or_escaped(
    void **state)
{
    fixture *fx = *state;

    assert_string_equal(where(fx, "status=Active, not recruiting"), "3");
    assert_string_equal(where(fx, "status=\"Active, not recruiting\""), "3");
    assert_string_equal(where(fx, "status=Active\\, not recruiting"), "3");
    assert_string_equal(
        where(fx, "status=Completed,Active, not recruiting"), "23");
    assert_string_equal(where(fx, "country=Korea, Republic of"), "3");
    /* Without a space after it, a comma separates values. */
    assert_string_equal(where(fx, "status=Completed,Recruiting"), "12");
}

static void test_filter_match_multi_valued_fields_any_element(void **state)
{
    fixture *fx = *state;

    assert_string_equal(where(fx, "country=France"), "1");
    assert_string_equal(where(fx, "country=Spain,United States"), "2");
    assert_string_equal(where(fx, "country=Not reported"), "4");
    assert_string_equal(where(fx, "condition=nf1"), "1");
    assert_string_equal(where(fx, "condition=Sarcoma"), "3");
    /* With or without its type prefix. */
    assert_string_equal(where(fx, "intervention=DRUG: Doxorubicin"), "2");
    assert_string_equal(where(fx, "intervention=Ifosfamide"), "2");
    assert_string_equal(where(fx, "intervention=Not reported"), "4");
    assert_string_equal(where(fx, "title=pembrolizumab in SARCOMA"), "3");
}

static void test_filter_match_classification_fields(void **state)
{
    fixture *fx = *state;

    assert_string_equal(where(fx, "indication=MPNST"), "1");
    assert_string_equal(where(fx, "indication=Sarcoma,Other"), "234");
    assert_string_equal(where(fx, "modality=Chemotherapy"), "2");
    assert_string_equal(where(fx, "modality=Not reported"), "4");
    assert_string_equal(where(fx, "substance=pazopanib,pembrolizumab"),
                        "13");
    assert_string_equal(where(fx, "chemo_class=Not applicable"), "134");
    /* Targets by the table's label or by the HGNC symbol. */
    assert_string_equal(where(fx, "target=KDR (VEGFR2)"), "1");
    assert_string_equal(where(fx, "target=kdr"), "1");
    assert_string_equal(where(fx, "target=TOP2A"), "2");
    assert_string_equal(where(fx, "immuno_target=PD-1"), "3");
    assert_string_equal(where(fx, "immuno_target=PDCD1"), "3");
    assert_string_equal(where(fx, "immuno_target=PD-1/PD-L1 (combined)"),
                        "3");
    assert_string_equal(where(fx, "immuno_target=Not applicable"), "124");
}

static void test_filter_match_sponsor_by_normalised_name(void **state)
{
    fixture *fx = *state;

    assert_string_equal(where(fx, "sponsor=Eisai"), "12");
    assert_string_equal(where(fx, "sponsor=EISAI LIMITED"), "12");
    assert_string_equal(where(fx, "sponsor=National Cancer Institute (NCI)"),
                        "3");
    assert_string_equal(where(fx, "sponsor=Not reported"), "4");
    assert_string_equal(where(fx, "sponsor~co., ltd"), "2");
}

static void test_filter_match_numeric_ranges_leave_out_missing_values(
    void **state)
{
    fixture *fx = *state;

    assert_string_equal(where(fx, "start_year>=2019"), "13");
    assert_string_equal(where(fx, "start_year<=2019"), "12");
    assert_string_equal(where(fx, "start_year>2019"), "3");
    assert_string_equal(where(fx, "start_year<2019"), "2");
    assert_string_equal(where(fx, "start_year=2015,02021"), "23");
    assert_string_equal(where(fx, "start_year=Not reported"), "4");
    assert_string_equal(where(fx, "enrollment>=100"), "24");
    assert_string_equal(where(fx, "enrollment<=100"), "1");
    assert_string_equal(where(fx, "enrollment=Not reported"), "3");
}

static void test_filter_match_substring_of_export_text_and_labels(
    void **state)
{
    fixture *fx = *state;

    assert_string_equal(where(fx, "title~SARCOMA"), "23");
    assert_string_equal(where(fx, "condition~nerve sheath"), "1");
    assert_string_equal(where(fx, "intervention~biological:"), "3");
    /* The export's raw value, and the label. */
    assert_string_equal(where(fx, "phase~phase1|"), "2");
    assert_string_equal(where(fx, "phase~I/II"), "2");
    assert_string_equal(where(fx, "status~active_not"), "3");
    assert_string_equal(where(fx, "target~vegfr"), "1");
    assert_string_equal(where(fx, "country~korea"), "3");
    assert_string_equal(where(fx, "start_year~-06-"), "2");
}

static void test_filter_match_requires_every_expression(void **state)
{
    fixture *fx = *state;
    ts_filter *f = make("phase=Phase II", "start_year>=2020", NULL);

    assert_string_equal(passing(fx, f), "3");
    assert_int_equal(filter_tested(f), NROWS);
    assert_int_equal(filter_passed(f), 1);
    filter_free(f);
    f = make("condition~sarcoma", "sponsor=eisai", "enrollment>=100", NULL);
    assert_string_equal(passing(fx, f), "2");
    filter_free(f);
    assert_int_equal(filter_match(NULL, NULL), 1);
}

/* ---- values no trial has ------------------------------------------------ */

typedef struct unseen_log {
    ts_strbuf sb;
    size_t calls;
} unseen_log;

static void log_unseen(void *ctx, const char *expr, const char *value,
                       const char *const *closest, size_t n)
{
    unseen_log *log = ctx;
    size_t i;

    log->calls++;
    sb_printf(&log->sb, "[%s] %s ->", expr, value);
    for (i = 0; i < n; i++)
        sb_printf(&log->sb, " %s;", closest[i]);
    sb_putc(&log->sb, '\n');
}

static void test_filter_report_unseen_lists_closest_labels(void **state)
{
    fixture *fx = *state;
    ts_filter *f = make("country=Frnce,Spain", "phase=Phase II",
                        "status=Active, not recruiting", "target=VEGFR2",
                        "title~nothing at all", NULL);
    unseen_log log = {{0}, 0};

    (void)passing(fx, f);
    assert_int_equal(filter_report_unseen(f, log_unseen, &log), 3);
    assert_int_equal(log.calls, 3);
    assert_string_equal(
        log.sb.buf,
        "[country=Frnce,Spain] Frnce -> France; United States; "
        "Korea, Republic of;\n"
        "[country=Frnce,Spain] Spain -> France; United States; "
        "Korea, Republic of;\n"
        "[target=VEGFR2] VEGFR2 -> KDR (VEGFR2); PDGFRB; TOP2A;\n");
    sb_free(&log.sb);
    filter_free(f);
}

static void test_filter_report_unseen_with_no_label_at_all(void **state)
{
    fixture *fx = *state;
    ts_filter *f = make("phase=Phase II", NULL);
    unseen_log log = {{0}, 0};

    /* No trial matched: nothing seen, nothing to suggest. */
    assert_int_equal(filter_report_unseen(f, log_unseen, &log), 1);
    assert_string_equal(log.sb.buf, "[phase=Phase II] Phase II ->\n");
    sb_free(&log.sb);
    filter_free(f);
    (void)fx;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_sponsor_key_drops_case_punctuation_and_legal_forms),
        cmocka_unit_test(test_sponsor_key_keeps_a_name_made_of_legal_words),
        cmocka_unit_test(
            test_sponsor_display_keeps_spelling_without_legal_form),
        cmocka_unit_test(test_filter_add_rejects_unknown_field),
        cmocka_unit_test(test_filter_add_rejects_missing_operator),
        cmocka_unit_test(test_filter_add_rejects_empty_values),
        cmocka_unit_test(
            test_filter_add_rejects_non_numbers_and_wrong_operators),
        cmocka_unit_test(test_filter_text_joins_expressions_as_given),
#define FX(t) cmocka_unit_test_setup_teardown(t, fixture_setup, \
                                              fixture_teardown)
        FX(test_filter_match_single_label_is_exact_but_ignores_case),
        FX(test_filter_match_value_with_comma_plain_quoted_or_escaped),
        FX(test_filter_match_multi_valued_fields_any_element),
        FX(test_filter_match_classification_fields),
        FX(test_filter_match_sponsor_by_normalised_name),
        FX(test_filter_match_numeric_ranges_leave_out_missing_values),
        FX(test_filter_match_substring_of_export_text_and_labels),
        FX(test_filter_match_requires_every_expression),
        FX(test_filter_report_unseen_lists_closest_labels),
        FX(test_filter_report_unseen_with_no_label_at_all),
#undef FX
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
