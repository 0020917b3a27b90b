/*
 * isrctn.c - ISRCTN registry search-result CSV: its columns and values
 * (ingest stage).
 *
 * Users choose the columns of this export, so every column is optional
 * but the ISRCTN number. Its "EudraCT number" and "ClinicalTrials.gov
 * number" columns link the trial to other registries: both are read as
 * secondary identifiers (TS_COL_OTHER_IDS gathers every column under its
 * names, see fieldmap.h). They hold placeholders ("Nil known", "N/A",
 * "NA"), sometimes several numbers, and sometimes a number written with
 * U+2010 hyphens. The trial's status is told by two columns, the overall
 * status and the recruitment status (TS_COL_RECRUITMENT), joined in
 * TS_COL_STATUS as "Overall / Recruitment" for the analyze stage to map.
 */
#include <string.h>
#include <strings.h>

#include "ingest/csvtable.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const ts_csvname isrctn_names[] = {
    {TS_COL_ID, "ISRCTN"},
    {TS_COL_ID, "ISRCTN number"},
    {TS_COL_TITLE, "Title"},
    {TS_COL_TITLE, "Public title"},
    {TS_COL_TITLE, "Scientific title"},
    {TS_COL_ACRONYM, "Acronym"},
    {TS_COL_STATUS, "Overall trial status"},
    {TS_COL_STATUS, "Overall status"},
    {TS_COL_RECRUITMENT, "Recruitment status"},
    {TS_COL_CONDITIONS, "Condition"},
    {TS_COL_CONDITIONS, "Conditions"},
    {TS_COL_CONDITIONS, "Condition category"},
    {TS_COL_INTERVENTIONS, "Drug names"},
    {TS_COL_INTERVENTIONS, "Intervention"},
    {TS_COL_SPONSOR, "Sponsor"},
    {TS_COL_FUNDER, "Sponsor type"},
    {TS_COL_PHASES, "Phase"},
    {TS_COL_PHASES, "Trial phase"},
    {TS_COL_ENROLLMENT, "Target number of participants"},
    {TS_COL_STUDY_TYPE, "Primary study design"},
    {TS_COL_START, "Overall trial start"},
    {TS_COL_START, "Overall study start date"},
    {TS_COL_COMPLETION, "Overall trial end"},
    {TS_COL_COMPLETION, "Overall study end date"},
    {TS_COL_FIRST_POSTED, "Date applied"},
    {TS_COL_OTHER_IDS, "EudraCT number"},
    {TS_COL_OTHER_IDS, "EudraCT/CTIS number"},
    {TS_COL_OTHER_IDS, "ClinicalTrials.gov number"},
    {TS_COL_COUNTRIES, "Countries of recruitment"},
};

static const char *const isrctn_signature[] = {
    "ISRCTN", "Overall trial start", "Overall trial end",
    "Recruitment status", "EudraCT number", "ClinicalTrials.gov number",
    "Basic results", "Peer-reviewed publications", "Record last updated",
    "Countries of recruitment", "Primary study design",
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

    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || placeholder(s, n))
        return;
    if (n >= sizeof(buf)) {
        shaper_item_once(sh, s, n);     /* not an id: kept as written */
        return;
    }
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
    shaper_item_once(sh, buf, k);
}

/* The ids of the gathered id columns ('|'-joined, see fieldmap.h), each
 * of which may hold several, separated by ',', ';' or new lines. */
static void put_ids(ts_shaper *sh, const char *s, size_t n)
{
    size_t i, a = 0;

    for (i = 0; i <= n; i++) {
        if (i < n && !strchr("|,;\n", s[i]))
            continue;
        put_id(sh, s + a, i - a);
        a = i + 1;
    }
}

static ts_status isrctn_fix(const ts_csvtable *t, ts_record *rec,
                            ts_strbuf *scratch, ts_sink *sink, ts_error *err)
{
    const char *st = rec->value[TS_COL_STATUS];
    const char *rs = rec->value[TS_COL_RECRUITMENT];
    size_t stn = rec->len[TS_COL_STATUS], rsn = rec->len[TS_COL_RECRUITMENT];
    ts_shaper sh;

    (void)t;
    (void)sink;
    (void)err;
    shaper_init(&sh, scratch);
    shaper_begin(&sh, TS_COL_OTHER_IDS);
    put_ids(&sh, rec->value[TS_COL_OTHER_IDS], rec->len[TS_COL_OTHER_IDS]);
    shaper_end(&sh);
    shaper_begin(&sh, TS_COL_STATUS);
    sb_append(sh.buf, st, stn);
    if (stn && rsn)
        sb_append(sh.buf, " / ", 3);
    sb_append(sh.buf, rs, rsn);
    shaper_end(&sh);
    shaper_begin(&sh, TS_COL_COUNTRIES);
    record_split(&sh, rec->value[TS_COL_COUNTRIES],
                 rec->len[TS_COL_COUNTRIES], ",;");
    shaper_end(&sh);
    shaper_begin(&sh, TS_COL_CONDITIONS);
    record_split(&sh, rec->value[TS_COL_CONDITIONS],
                 rec->len[TS_COL_CONDITIONS], ";");
    shaper_end(&sh);
    shaper_begin(&sh, TS_COL_INTERVENTIONS);
    record_split(&sh, rec->value[TS_COL_INTERVENTIONS],
                 rec->len[TS_COL_INTERVENTIONS], ",;");
    shaper_end(&sh);
    shaper_apply(&sh, rec);
    return TS_OK;
}

static const ts_column isrctn_identity[] = {TS_COL_ID};

static const ts_column isrctn_important[] = {
    TS_COL_ID, TS_COL_STATUS, TS_COL_PHASES, TS_COL_CONDITIONS,
    TS_COL_INTERVENTIONS,
};

static const ts_csvtable isrctn_table = {
    isrctn_names, COUNT(isrctn_names), isrctn_identity,
    COUNT(isrctn_identity),
    "unrecognized header: expected an ISRCTN export with an \"ISRCTN\" "
    "column",
    isrctn_important, COUNT(isrctn_important), TS_REG_ISRCTN, 0,
    isrctn_fix,
};

/* The ISRCTN column and one more of its own names. */
static int detect_isrctn(const ts_sniff *s)
{
    size_t hits = sniff_count_cells(s, isrctn_signature,
                                    COUNT(isrctn_signature));

    if (!sniff_has_cell(s, "ISRCTN"))
        return 0;
    return hits >= 2 ? 80 : 30;
}

static ts_status read_isrctn(ts_source *src, const ts_ingest_opts *opts,
                             ts_sink *sink, ts_error *err)
{
    return csvtable_read(&isrctn_table, src, opts, sink, err);
}

const ts_reader reader_isrctn = {
    "isrctn-csv", "ISRCTN search results (CSV)", TS_REG_ISRCTN,
    detect_isrctn, read_isrctn,
};
