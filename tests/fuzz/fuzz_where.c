/*
 * fuzz_where.c - libFuzzer harness for the --where expression parser and
 * matcher (analyze/filter.h): each input line is an expression given to
 * filter_add(); the accepted ones are matched against trials whose text
 * fields (title, conditions, interventions, sponsor, locations, phase,
 * status, dates, enrollment) are the input itself and its lines, read and
 * classified with the real dictionaries; then the values no trial had
 * are reported.
 */
#include "analyze/filter.h"
#include "analyze/sponsor.h"
#include "tests/fuzz/fuzz.h"

static ts_dict *dict;           /* the real dictionaries, loaded once */
static ts_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_load_real(&dict, &rules);
    return 0;
}

static void on_unseen(void *ctx, const char *expr, const char *value,
                      const char *const *closest, size_t n)
{
    size_t *sum = ctx, i;

    if (!expr || !value || n > 3)
        fuzz_fail("unseen report out of its promises", NULL);
    *sum += strlen(expr) + strlen(value);
    for (i = 0; i < n; i++)
        *sum += strlen(closest[i]);
}

/* A record whose every text column is text[0..n). */
static void fill(ts_record *rec, const char *text, size_t n)
{
    size_t i;

    memset(rec, 0, sizeof(*rec));
    rec->format = "ctgov-modern";
    rec->file = "fuzz";
    for (i = 0; i < TS_COL_COUNT; i++) {
        rec->value[i] = text;
        rec->len[i] = n;
        rec->present[i] = 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Expressions are C strings: the input up to a NUL, one a line. */
    char *text = malloc(size + 1);
    ts_filter *f = filter_new();
    ts_landscape *ls = landscape_new(TS_DENOM_ALL);
    ts_strbuf joined = {0};
    size_t i = 0, n, accepted = 0, sum = 0;
    static ts_merged_one one;

    memcpy(text, data, size);
    text[size] = '\0';
    n = strlen(text);
    landscape_set_classifier(ls, dict, rules);
    while (i <= n) {
        char *nl = strchr(text + i, '\n');
        size_t len = nl ? (size_t)(nl - (text + i)) : n - i;
        char *expr = malloc(len + 1);
        ts_error err;
        ts_status rc;

        memcpy(expr, text + i, len);
        expr[len] = '\0';
        rc = filter_add(f, expr, &err);
        fuzz_check_error(rc, &err);
        if (rc != TS_OK && rc != TS_ERR_USAGE)
            fuzz_fail("filter_add returned neither OK nor a usage error",
                      err.msg);
        if (rc == TS_OK) {
            if (strcmp(filter_expr(f, accepted), expr) != 0)
                fuzz_fail("filter_expr differs from the expression", expr);
            if (accepted)
                sb_puts(&joined, " AND ");
            sb_puts(&joined, expr);
            accepted++;
        }
        sum += (size_t)filter_names_field(expr);
        free(expr);
        if (!nl)
            break;
        i += len + 1;
    }
    if (filter_count(f) != accepted)
        fuzz_fail("filter_count differs from the expressions accepted", NULL);
    if (strcmp(filter_text(f), sb_str(&joined)) != 0)
        fuzz_fail("filter_text differs from the expressions joined", NULL);
    /* Trials made of the input, whole and line by line. */
    for (i = 0; i <= n;) {
        char *nl = strchr(text + i, '\n');
        size_t len = nl ? (size_t)(nl - (text + i)) : n - i;
        ts_record rec;
        ts_trial t;

        fill(&rec, text + i, len);
        landscape_read(ls, merge_one(&rec, &one), &t);
        sum += (size_t)filter_match(f, &t);
        if (!nl)
            break;
        i += len + 1;
    }
    {
        ts_record rec;
        ts_trial t;

        fill(&rec, text, n);
        landscape_read(ls, merge_one(&rec, &one), &t);
        sum += (size_t)filter_match(f, &t);
    }
    if (filter_passed(f) > filter_tested(f))
        fuzz_fail("more trials passed than tested", NULL);
    sum += filter_report_unseen(f, on_unseen, &sum);
    {
        ts_strbuf a = {0}, b = {0};

        sponsor_key(text, n, &a);
        sponsor_display(text, n, &b);
        if (a.len && !b.len)
            fuzz_fail("a sponsor key without a display name", NULL);
        sum += a.len + b.len;
        sb_free(&a);
        sb_free(&b);
    }
    sb_free(&joined);
    filter_free(f);
    landscape_free(ls);
    free(text);
    if (sum == (size_t)-1)
        fuzz_fail("unreachable", NULL);
    return 0;
}
