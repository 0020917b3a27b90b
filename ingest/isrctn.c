/*
 * isrctn.c - ISRCTN registry search-result CSV: its columns and values
 * (ingest stage).
 *
 * Users choose the columns of this export, so every column is optional
 * but the ISRCTN number. Its "EudraCT number" and "ClinicalTrials.gov
 * number" columns link the trial to other registries; they hold
 * placeholders ("Nil known", "N/A", "NA") and sometimes a number written
 * with U+2010 hyphens. The trial's status is told by two columns, the
 * overall status and the recruitment status, joined here as
 * "Overall / Recruitment" for the analyze stage to map.
 */
#include <string.h>
#include <strings.h>

#include "ingest/fieldmap.h"

static const ts_colname isrctn_cols[] = {
    {TS_COL_TRIAL_ID, "ISRCTN|ISRCTN number|ISRCTN ID"},
    {TS_COL_TITLE, "Title|Public title|Study title|Scientific title"},
    {TS_COL_ACRONYM, "Acronym"},
    {TS_COL_STATUS, "Overall trial status|Overall status"},
    {TS_COL_OTHER_IDS, "Recruitment status"},
    {TS_COL_CONDITIONS, "Condition|Conditions|Condition category"},
    {TS_COL_INTERVENTIONS, "Drug names|Intervention|Interventions"},
    {TS_COL_SPONSOR, "Sponsor|Sponsor name|Sponsor details"},
    {TS_COL_FUNDER, "Sponsor type"},
    {TS_COL_PHASES, "Phase|Trial phase"},
    {TS_COL_ENROLLMENT,
     "Target number of participants|Total final enrolment"},
    {TS_COL_STUDY_TYPE, "Primary study design|Study design"},
    {TS_COL_START, "Overall trial start|Overall study start date"},
    {TS_COL_COMPLETION, "Overall trial end|Overall study end date"},
    {TS_COL_FIRST_POSTED, "Date applied|Date assigned"},
    {TS_COL_SECONDARY_IDS, "EudraCT number|EudraCT/CTIS number"},
    {TS_COL_NCT, "ClinicalTrials.gov number"},
    {TS_COL_COUNTRIES, "Countries of recruitment|Country of recruitment"},
    {TS_COL_COUNT, NULL},
};

static const char *const isrctn_signature[] = {
    "ISRCTN", "Overall trial start", "Overall trial end",
    "Recruitment status", "EudraCT number", "ClinicalTrials.gov number",
    "Basic results", "Peer-reviewed publications", "Record last updated",
    "Countries of recruitment", "Primary study design", NULL,
};

/* Placeholders for "no such id". */
static int placeholder(const char *s, size_t n)
{
    static const char *const words[] = {
        "Nil known", "Nil", "N/A", "NA", "None", "Not applicable",
        "Not known", "-", "Nil known.", "No", "No available",
        "Not available",
    };
    size_t i;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
            return 1;
    return 0;
}

/* An id with every Unicode hyphen (U+2010..U+2015, U+2212) made '-'. */
static void put_id(ts_shaper *sh, const char *s, size_t n)
{
    char buf[96];
    size_t i = 0, k = 0;

    if (placeholder(s, n) || n >= sizeof(buf))
        return;
    while (i < n) {
        const unsigned char *u = (const unsigned char *)s + i;

        if (n - i >= 3 && u[0] == 0xE2 &&
            ((u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95) ||
             (u[1] == 0x88 && u[2] == 0x92))) {
            buf[k++] = '-';
            i += 3;
        } else {
            buf[k++] = s[i++];
        }
    }
    shaper_item(sh, buf, k);
}

static void isrctn_shape(ts_record *rec, ts_shaper *sh)
{
    const char *st = rec->value[TS_COL_STATUS];
    const char *rs = rec->value[TS_COL_OTHER_IDS];
    size_t stn = rec->len[TS_COL_STATUS], rsn = rec->len[TS_COL_OTHER_IDS];

    shaper_reset(sh);
    shaper_put(sh, TS_COL_REGISTRY, "ISRCTN", 6);
    shaper_begin(sh, TS_COL_SECONDARY_IDS);
    put_id(sh, rec->value[TS_COL_SECONDARY_IDS],
           rec->len[TS_COL_SECONDARY_IDS]);
    put_id(sh, rec->value[TS_COL_NCT], rec->len[TS_COL_NCT]);
    shaper_end(sh);
    /* The NCT number links to another registry: it is not this trial's
     * id, so it does not stay in the NCT column. */
    shaper_put(sh, TS_COL_NCT, "", 0);
    shaper_put(sh, TS_COL_OTHER_IDS, "", 0);
    shaper_begin(sh, TS_COL_STATUS);
    sb_append(&sh->buf, st, stn);
    if (stn && rsn)
        sb_append(&sh->buf, " / ", 3);
    sb_append(&sh->buf, rs, rsn);
    shaper_end(sh);
    shaper_begin(sh, TS_COL_COUNTRIES);
    record_split(sh, rec->value[TS_COL_COUNTRIES],
                 rec->len[TS_COL_COUNTRIES], ",;");
    shaper_end(sh);
    shaper_begin(sh, TS_COL_CONDITIONS);
    record_split(sh, rec->value[TS_COL_CONDITIONS],
                 rec->len[TS_COL_CONDITIONS], ";");
    shaper_end(sh);
    shaper_begin(sh, TS_COL_INTERVENTIONS);
    record_split(sh, rec->value[TS_COL_INTERVENTIONS],
                 rec->len[TS_COL_INTERVENTIONS], ",;");
    shaper_end(sh);
}

const ts_csvformat ts_csv_isrctn = {
    TS_FORMAT_ISRCTN, isrctn_signature, isrctn_cols, TS_COL_TRIAL_ID,
    "an ISRCTN export with an \"ISRCTN\" column", isrctn_shape,
};
