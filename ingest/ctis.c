/*
 * ctis.c - EU Clinical Trials Information System (CTIS) search-result CSV:
 * its columns and values (ingest stage).
 *
 * CTIS writes "N/A" for a missing value, dates as dd/mm/yyyy, a trial
 * number whose last part (-00, -01, ...) numbers resubmissions of the
 * same trial, and "Location(s) and recruitment status" as
 * "Country:status, Country:status" where a status itself holds a comma
 * ("Croatia:Authorised, recruiting, Bulgaria:Ended").
 */
#include <string.h>

#include "ingest/fieldmap.h"

static const ts_colname ctis_cols[] = {
    {TS_COL_TRIAL_ID, "Trial number"},
    {TS_COL_TITLE, "Title of the trial"},
    {TS_COL_STATUS, "Overall trial status"},
    {TS_COL_LOCATIONS, "Location(s) and recruitment status"},
    {TS_COL_CONDITIONS, "Medical conditions|Medical condition"},
    {TS_COL_INTERVENTIONS, "Product|Products"},
    {TS_COL_SPONSOR, "Sponsor/Co-Sponsors|Sponsor"},
    {TS_COL_FUNDER, "Sponsor type"},
    {TS_COL_SEX, "Gender"},
    {TS_COL_AGE, "Age group"},
    {TS_COL_PHASES, "Trial phase"},
    {TS_COL_ENROLLMENT, "Number of participants enrolled"},
    {TS_COL_START, "Start date"},
    {TS_COL_COMPLETION, "End date"},
    {TS_COL_SECONDARY_IDS, "Protocol code"},
    {TS_COL_COUNT, NULL},
};

static const char *const ctis_signature[] = {
    "Trial number", "Protocol code", "Title of the trial",
    "Overall trial status", "Location(s) and recruitment status",
    "Age range secondary identifier", "Trial region", "Therapeutic area",
    "Trial phase", "Global end of the trial", "Sponsor type",
    "Sponsor/Co-Sponsors", "Decision date", NULL,
};

static int is_na(const char *s, size_t n)
{
    return n == 3 && memcmp(s, "N/A", 3) == 0;
}

/* Trial number without its submission suffix: 2024-513193-22-00 names
 * the same trial as 2024-513193-22-01. */
static size_t base_number(const char *s, size_t n)
{
    if (n == 17 && s[14] == '-' && s[15] >= '0' && s[15] <= '9' &&
        s[16] >= '0' && s[16] <= '9')
        return 14;
    return n;
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

static void ctis_shape(ts_record *rec, ts_shaper *sh)
{
    size_t c;

    shaper_reset(sh);
    /* "N/A" is CTIS's empty value. */
    for (c = 0; c < TS_COL_COUNT; c++)
        if (is_na(rec->value[c], rec->len[c])) {
            rec->value[c] = "";
            rec->len[c] = 0;
        }
    shaper_put(sh, TS_COL_TRIAL_ID, rec->value[TS_COL_TRIAL_ID],
               base_number(rec->value[TS_COL_TRIAL_ID],
                           rec->len[TS_COL_TRIAL_ID]));
    shaper_put(sh, TS_COL_REGISTRY, "CTIS", 4);
    shape_locations(rec, sh);
    shape_products(rec, sh);
    record_one_line(sh, TS_COL_TITLE, rec->value[TS_COL_TITLE],
                    rec->len[TS_COL_TITLE]);
    /* The sponsor type of the first sponsor. */
    {
        const char *f = rec->value[TS_COL_FUNDER];
        const char *comma = memchr(f, ',', rec->len[TS_COL_FUNDER]);

        shaper_put(sh, TS_COL_FUNDER, f,
                   comma ? (size_t)(comma - f) : rec->len[TS_COL_FUNDER]);
    }
}

const ts_csvformat ts_csv_ctis = {
    TS_FORMAT_CTIS, ctis_signature, ctis_cols, TS_COL_TRIAL_ID,
    "a CTIS export with a \"Trial number\" column", ctis_shape,
};
