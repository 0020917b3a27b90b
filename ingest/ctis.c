/*
 * ctis.c - EU Clinical Trials Information System (CTIS) search-result CSV:
 * its columns and values (ingest stage).
 *
 * CTIS writes "N/A" for a missing value, dates as dd/mm/yyyy, a trial
 * number whose last part (-00, -01, ...) numbers resubmissions of the
 * same trial (the identity stage reads it so), and "Location(s) and recruitment status" as
 * "Country:status, Country:status" where a status itself holds a comma
 * ("Croatia:Authorised, recruiting, Bulgaria:Ended").
 */
#include <string.h>

#include "ingest/csvtable.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const ts_csvname ctis_names[] = {
    {TS_COL_ID, "Trial number"},
    {TS_COL_TITLE, "Title of the trial"},
    {TS_COL_STATUS, "Overall trial status"},
    {TS_COL_LOCATIONS, "Location(s) and recruitment status"},
    {TS_COL_CONDITIONS, "Medical conditions"},
    {TS_COL_CONDITIONS, "Medical condition"},
    {TS_COL_INTERVENTIONS, "Product"},
    {TS_COL_INTERVENTIONS, "Products"},
    {TS_COL_SPONSOR, "Sponsor/Co-Sponsors"},
    {TS_COL_FUNDER, "Sponsor type"},
    {TS_COL_SEX, "Gender"},
    {TS_COL_AGE, "Age group"},
    {TS_COL_PHASES, "Trial phase"},
    {TS_COL_ENROLLMENT, "Number of participants enrolled"},
    {TS_COL_START, "Start date"},
    {TS_COL_COMPLETION, "End date"},
    {TS_COL_OTHER_IDS, "Protocol code"},
};

static const char *const ctis_signature[] = {
    "Trial number", "Protocol code", "Title of the trial",
    "Overall trial status", "Location(s) and recruitment status",
    "Age range secondary identifier", "Trial region", "Therapeutic area",
    "Trial phase", "Global end of the trial", "Sponsor type",
    "Sponsor/Co-Sponsors", "Decision date",
};

static int is_na(const char *s, size_t n)
{
    return n == 3 && memcmp(s, "N/A", 3) == 0;
}

/* "Country:status, Country:status": the countries. A part without a
 * colon continues the status before it. */
static void shape_locations(const ts_record *rec, ts_shaper *sh)
{
    const char *s = rec->value[TS_COL_LOCATIONS];
    size_t n = rec->len[TS_COL_LOCATIONS], i, start = 0;

    shaper_begin(sh, TS_COL_COUNTRIES);
    for (i = 0; i <= n; i++) {
        if (i < n && s[i] != ',' && s[i] != '\n')
            continue;
        {
            const char *colon = memchr(s + start, ':', i - start);

            if (colon)
                shaper_item(sh, s + start, (size_t)(colon - (s + start)));
        }
        start = i + 1;
    }
    shaper_end(sh);
}

/* Products are ", "-joined; a comma inside a name is followed by a
 * lower-case word ("pulver til injeksjonsvaeske, opplosning"). */
static void shape_products(const ts_record *rec, ts_shaper *sh)
{
    const char *s = rec->value[TS_COL_INTERVENTIONS];
    size_t n = rec->len[TS_COL_INTERVENTIONS], i, start = 0;

    shaper_begin(sh, TS_COL_INTERVENTIONS);
    for (i = 0; i <= n; i++) {
        int sep = i == n || s[i] == '\n' ||
                  (s[i] == ',' && i + 2 < n && s[i + 1] == ' ' &&
                   !(s[i + 2] >= 'a' && s[i + 2] <= 'z'));

        if (sep) {
            shaper_item(sh, s + start, i - start);
            start = i + 1;
        }
    }
    shaper_end(sh);
}

static ts_status ctis_fix(const ts_csvtable *t, ts_record *rec,
                          ts_strbuf *scratch, ts_sink *sink, ts_error *err)
{
    ts_shaper sh;
    size_t c;

    (void)t;
    (void)sink;
    (void)err;
    /* "N/A" is CTIS's empty value. */
    for (c = 0; c < TS_COL_COUNT; c++)
        if (is_na(rec->value[c], rec->len[c])) {
            rec->value[c] = "";
            rec->len[c] = 0;
        }
    shaper_init(&sh, scratch);
    shape_locations(rec, &sh);
    shape_products(rec, &sh);
    record_one_line(&sh, TS_COL_TITLE, rec->value[TS_COL_TITLE],
                    rec->len[TS_COL_TITLE]);
    /* The sponsor type of the first sponsor. */
    {
        const char *f = rec->value[TS_COL_FUNDER];
        const char *comma = memchr(f, ',', rec->len[TS_COL_FUNDER]);

        shaper_put(&sh, TS_COL_FUNDER, f,
                   comma ? (size_t)(comma - f) : rec->len[TS_COL_FUNDER]);
    }
    shaper_apply(&sh, rec);
    return TS_OK;
}

static const ts_column ctis_identity[] = {TS_COL_ID};

static const ts_column ctis_important[] = {
    TS_COL_ID, TS_COL_STATUS, TS_COL_PHASES, TS_COL_CONDITIONS,
    TS_COL_INTERVENTIONS, TS_COL_START, TS_COL_LOCATIONS,
};

static const ts_csvtable ctis_table = {
    ctis_names, COUNT(ctis_names), ctis_identity, COUNT(ctis_identity),
    "unrecognized header: expected a CTIS export with a \"Trial number\" "
    "column",
    ctis_important, COUNT(ctis_important), TS_REG_CTIS, 0, ctis_fix,
};

/* Three of its own header names make a CTIS export. */
static int detect_ctis(const ts_sniff *s)
{
    size_t hits = sniff_count_cells(s, ctis_signature,
                                    COUNT(ctis_signature));

    return hits >= 3 ? 80 : hits == 2 ? 65 : 0;
}

static ts_status read_ctis(ts_source *src, const ts_ingest_opts *opts,
                           ts_sink *sink, ts_error *err)
{
    return csvtable_read(&ctis_table, src, opts, sink, err);
}

const ts_reader reader_ctis = {
    "ctis-csv", "EU CTIS search results (CSV)", TS_REG_CTIS, detect_ctis,
    read_ctis,
};
