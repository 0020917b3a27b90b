/*
 * vocab.c - the words of registries other than ClinicalTrials.gov for
 * phase, status, study type and sponsor (analyze stage). README.md,
 * "Registry vocabularies", documents every mapping and ambiguity.
 */
#include "analyze/vocab.h"

#include <string.h>
#include <strings.h>

int vocab_applies(const ts_record *rec)
{
    static const char *const formats[] = {
        "ictrp-csv", "ictrp-xml", "euctr-text", "ctis-csv", "isrctn-csv",
    };
    size_t i;

    for (i = 0; rec->format && i < sizeof(formats) / sizeof(formats[0]); i++)
        if (strcmp(rec->format, formats[i]) == 0)
            return 1;
    return 0;
}

ts_registry vocab_registry(const ts_record *rec)
{
    return rec->registry;
}

static int blank(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

/* Phase bits: 1 early phase I (phase 0), 2 I, 4 II, 8 III, 16 IV. */
static ts_phase phase_of_bits(unsigned bits, int *ambiguous)
{
    switch (bits) {
    case 1:
        return TS_PHASE_EARLY_1;
    case 2:
    case 1 | 2:
        return TS_PHASE_1;
    case 2 | 4:
        return TS_PHASE_1_2;
    case 4:
        return TS_PHASE_2;
    case 4 | 8:
        return TS_PHASE_2_3;
    case 8:
        return TS_PHASE_3;
    case 16:
        return TS_PHASE_4;
    default:
        break;
    }
    /* A combination the vocabulary has no category for (III and IV, I
     * and III, ...) counts as its earliest phase. */
    *ambiguous = 1;
    if (bits & 1)
        return TS_PHASE_EARLY_1;
    if (bits & 2)
        return bits & 4 ? TS_PHASE_1_2 : TS_PHASE_1;
    if (bits & 4)
        return bits & 8 ? TS_PHASE_2_3 : TS_PHASE_2;
    return bits & 8 ? TS_PHASE_3 : TS_PHASE_4;
}

/* The EU CTR yes/no block: "(Phase I): yes" ... "(Phase IV): no", in
 * any layout (one line each, spaces, "Therapeutic use - (Phase IV)").
 * Returns 1 and sets *bits when the value is such a block. */
static int eu_block(const char *s, size_t n, unsigned *bits)
{
    static const char *const marks[] = {
        "(Phase I)", "(Phase II)", "(Phase III)", "(Phase IV)",
    };
    size_t i, found = 0;

    *bits = 0;
    for (i = 0; i < 4; i++) {
        size_t k = strlen(marks[i]), j;

        for (j = 0; j + k <= n; j++) {
            size_t q;

            if (strncasecmp(s + j, marks[i], k) != 0)
                continue;
            q = j + k;
            while (q < n && (s[q] == ' ' || s[q] == ':'))
                q++;
            if (q + 3 <= n && strncasecmp(s + q, "yes", 3) == 0) {
                *bits |= 2u << i;
                found++;
            } else if (q + 2 <= n && strncasecmp(s + q, "no", 2) == 0) {
                found++;
            }
            break;
        }
    }
    return found >= 2;
}

/* Phase numerals in a key: roman I-IV or digits 0-4 standing after
 * PHASE (or glued to it: PHASE1), or a bare numeral value ("1", "1_2",
 * "2_3"). EARLY before phase 1 means early phase I. */
static unsigned numerals(const char *key)
{
    unsigned bits = 0, bare = 0;
    char tok[32];
    const char *p = key;
    int after_phase = 0, early = 0, only_numbers = 1;

    while (*p) {
        size_t k = 0;
        unsigned bit = 0;
        const char *t;
        int glued = 0;

        while (*p && *p != '_' && k + 1 < sizeof(tok))
            tok[k++] = *p++;
        tok[k] = '\0';
        while (*p && *p != '_')
            p++;        /* a token too long to be a numeral */
        while (*p == '_')
            p++;
        t = tok;
        if (strcmp(t, "PHASE") == 0) {
            after_phase = 1;
            only_numbers = 0;
            continue;
        }
        if (strncmp(t, "PHASE", 5) == 0) {
            t += 5;     /* PHASE1 */
            glued = 1;
            only_numbers = 0;
        }
        if (strcmp(t, "0") == 0)
            bit = 1;
        else if (strcmp(t, "1") == 0 || strcmp(t, "I") == 0)
            bit = 2;
        else if (strcmp(t, "2") == 0 || strcmp(t, "II") == 0)
            bit = 4;
        else if (strcmp(t, "3") == 0 || strcmp(t, "III") == 0)
            bit = 8;
        else if (strcmp(t, "4") == 0 || strcmp(t, "IV") == 0)
            bit = 16;
        if (!bit) {
            if (strcmp(t, "EARLY") == 0)
                early = 1;
            only_numbers = 0;
            after_phase = 0;
            continue;
        }
        if (after_phase || glued)
            bits |= bit;
        else if (t[0] >= '0' && t[0] <= '9')
            bare |= bit;    /* counts only if the value is all numerals */
        else
            only_numbers = 0;
    }
    /* "1", "1-2", "2-3" (ChiCTR, IRCT, JPRN) are phases; digits among
     * other words ("1/2/2020", a date a spreadsheet made) are not. */
    if (only_numbers)
        bits |= bare;
    if (early && bits == 2)
        bits = 1;
    return bits;
}

static int is_observational(ts_study_type t)
{
    return t == TS_TYPE_OBSERVATIONAL;
}

ts_phase vocab_phase(ts_registry reg, const char *raw, size_t len,
                     ts_study_type study_type, int *ambiguous)
{
    char key[96];
    unsigned bits;

    *ambiguous = 0;
    if (blank(raw, len))
        return TS_PHASE_NOT_REPORTED;
    if (eu_block(raw, len, &bits)) {
        if (!bits) {
            /* Every phase answered "no". */
            *ambiguous = 1;
            return TS_PHASE_NOT_REPORTED;
        }
        return phase_of_bits(bits, ambiguous);
    }
    if (norm_key(raw, len < 200 ? len : 200, key, sizeof(key)) == 0)
        return TS_PHASE_UNCLASSIFIED;
    if (strcmp(key, "NA") == 0 || strcmp(key, "N_A") == 0 ||
        strcmp(key, "NOT_APPLICABLE") == 0 ||
        strcmp(key, "RETROSPECTIVE_STUDY") == 0)
        return TS_PHASE_NA;
    if (strcmp(key, "NOT_SELECTED") == 0 || strcmp(key, "NOT_SPECIFIED") == 0)
        return TS_PHASE_NOT_REPORTED;
    if (strcmp(key, "NEW_TREATMENT_MEASURE_CLINICAL_STUDY") == 0 ||
        strcmp(key, "OTHER") == 0 || strcmp(key, "OTHERS") == 0) {
        /* No phase named: a study of a new procedure or device. */
        *ambiguous = 1;
        return TS_PHASE_NA;
    }
    if (reg == TS_REG_CHICTR && strcmp(key, "0") == 0) {
        *ambiguous = 1;
        return is_observational(study_type) ? TS_PHASE_NA : TS_PHASE_EARLY_1;
    }
    bits = numerals(key);
    if (!bits)
        return TS_PHASE_UNCLASSIFIED;
    return phase_of_bits(bits, ambiguous);
}

typedef struct word_map {
    const char *key;
    ts_trial_status status;
    int ambiguous;
} word_map;

static const word_map status_words[] = {
    /* WHO ICTRP's harmonized statuses */
    {"RECRUITING", TS_ST_RECRUITING, 0},
    {"NOT_RECRUITING", TS_ST_ACTIVE, 1},
    {"AUTHORISED", TS_ST_NOT_YET, 0},
    {"AUTHORIZED", TS_ST_NOT_YET, 0},
    {"PENDING", TS_ST_NOT_YET, 0},
    {"NOT_YET_RECRUITING", TS_ST_NOT_YET, 0},
    {"COMPLETED", TS_ST_COMPLETED, 0},
    {"COMPLETE", TS_ST_COMPLETED, 0},
    {"TERMINATED", TS_ST_TERMINATED, 0},
    {"STOPPED", TS_ST_TERMINATED, 0},
    {"STOPPED_EARLY", TS_ST_TERMINATED, 0},
    {"WITHDRAWN", TS_ST_WITHDRAWN, 0},
    {"SUSPENDED", TS_ST_SUSPENDED, 0},
    {"NOT_AVAILABLE", TS_ST_UNKNOWN, 1},
    {"UNKNOWN", TS_ST_UNKNOWN, 0},
    {"UNKNOWN_STATUS", TS_ST_UNKNOWN, 0},
    {"ACTIVE_NOT_RECRUITING", TS_ST_ACTIVE, 0},
    {"ENROLLING_BY_INVITATION", TS_ST_BY_INVITATION, 0},
    {"NO_LONGER_RECRUITING", TS_ST_ACTIVE, 0},
    {"CLOSED_TO_RECRUITMENT_OF_PARTICIPANTS", TS_ST_ACTIVE, 0},
    {"ACTIVE_NOT_RECRUITING", TS_ST_ACTIVE, 0},
    /* EU CTR */
    {"ONGOING", TS_ST_RECRUITING, 1},
    {"RESTARTED", TS_ST_RECRUITING, 1},
    {"TEMPORARILY_HALTED", TS_ST_SUSPENDED, 0},
    {"SUSPENDED_BY_CA", TS_ST_SUSPENDED, 0},
    {"PREMATURELY_ENDED", TS_ST_TERMINATED, 0},
    {"PROHIBITED_BY_CA", TS_ST_WITHDRAWN, 1},
    {"NOT_AUTHORISED", TS_ST_WITHDRAWN, 0},
    {"GB_NO_LONGER_IN_EU_EEA", TS_ST_UNKNOWN, 0},
    {"TRIAL_NOW_TRANSITIONED", TS_ST_UNKNOWN, 1},
    /* CTIS */
    {"AUTHORISED_RECRUITING", TS_ST_RECRUITING, 0},
    {"AUTHORISED_RECRUITMENT_PENDING", TS_ST_NOT_YET, 0},
    {"AUTHORISED_NOT_YET_RECRUITING", TS_ST_NOT_YET, 0},
    {"ONGOING_RECRUITING", TS_ST_RECRUITING, 0},
    {"ONGOING_RECRUITMENT_ENDED", TS_ST_ACTIVE, 0},
    {"ONGOING_RECRUITMENT_PENDING", TS_ST_NOT_YET, 0},
    {"ONGOING_NOT_YET_RECRUITING", TS_ST_NOT_YET, 0},
    {"HALTED", TS_ST_SUSPENDED, 0},
    {"ENDED", TS_ST_COMPLETED, 1},
    {"EARLY_TERMINATION", TS_ST_TERMINATED, 0},
    {"REVOKED", TS_ST_TERMINATED, 0},
    {"CANCELLED", TS_ST_WITHDRAWN, 0},
    {"EXPIRED", TS_ST_WITHDRAWN, 1},
    {"UNDER_EVALUATION", TS_ST_NOT_YET, 0},
    {"TRANSITIONED", TS_ST_UNKNOWN, 1},
};

static ts_trial_status lookup_status(const char *key, int *ambiguous)
{
    size_t i;

    for (i = 0; i < sizeof(status_words) / sizeof(status_words[0]); i++)
        if (strcmp(key, status_words[i].key) == 0) {
            *ambiguous = status_words[i].ambiguous;
            return status_words[i].status;
        }
    return TS_ST_UNCLASSIFIED;
}

/* ISRCTN: "Overall / Recruitment". The overall status decides unless it
 * is "Ongoing", when recruitment does. */
static ts_trial_status isrctn_status(const char *raw, size_t len,
                                     int *ambiguous)
{
    const char *slash = NULL;
    char a[64], b[64];
    size_t i;

    for (i = 0; i + 3 <= len; i++)
        if (memcmp(raw + i, " / ", 3) == 0) {
            slash = raw + i;
            break;
        }
    if (!slash) {
        if (norm_key(raw, len, a, sizeof(a)) == 0)
            return TS_ST_UNCLASSIFIED;
        if (strcmp(a, "ONGOING") == 0) {
            *ambiguous = 1;
            return TS_ST_RECRUITING;
        }
        if (strcmp(a, "NO_LONGER_RECRUITING") == 0) {
            *ambiguous = 1;
            return TS_ST_ACTIVE;
        }
        return lookup_status(a, ambiguous);
    }
    if (norm_key(raw, (size_t)(slash - raw), a, sizeof(a)) == 0 ||
        norm_key(slash + 3, len - (size_t)(slash - raw) - 3, b, sizeof(b)) ==
            0)
        return TS_ST_UNCLASSIFIED;
    /* "Deferred": the record's details are held back; recruitment
     * still tells the status. */
    if (strcmp(a, "DEFERRED") == 0)
        *ambiguous = 1;
    else if (strcmp(a, "ONGOING") != 0)
        return lookup_status(a, ambiguous);
    if (strcmp(b, "RECRUITING") == 0)
        return TS_ST_RECRUITING;
    if (strcmp(b, "NOT_YET_RECRUITING") == 0)
        return TS_ST_NOT_YET;
    if (strcmp(b, "NO_LONGER_RECRUITING") == 0)
        return TS_ST_ACTIVE;
    if (strcmp(b, "SUSPENDED") == 0)
        return TS_ST_SUSPENDED;
    return lookup_status(b, ambiguous);
}

ts_trial_status vocab_status(ts_registry reg, const char *raw, size_t len,
                             int *ambiguous)
{
    char key[96];

    *ambiguous = 0;
    if (blank(raw, len))
        return TS_ST_NOT_REPORTED;
    if (reg == TS_REG_ISRCTN)
        return isrctn_status(raw, len, ambiguous);
    if (norm_key(raw, len, key, sizeof(key)) == 0)
        return TS_ST_UNCLASSIFIED;
    {
        ts_trial_status st = lookup_status(key, ambiguous);

        if (st != TS_ST_UNCLASSIFIED)
            return st;
    }
    /* ClinicalTrials.gov labels that other exports pass on. */
    return norm_status(raw, len);
}

ts_study_type vocab_study_type(ts_registry reg, const char *raw, size_t len,
                               int *ambiguous)
{
    static const struct {
        const char *key;
        ts_study_type type;
        int ambiguous;
    } words[] = {
        /* ChiCTR's study types */
        {"INTERVENTIONAL_STUDY", TS_TYPE_INTERVENTIONAL, 0},
        {"TREATMENT_STUDY", TS_TYPE_INTERVENTIONAL, 0},
        {"PREVENTION", TS_TYPE_INTERVENTIONAL, 0},
        {"OBSERVATIONAL_STUDY", TS_TYPE_OBSERVATIONAL, 0},
        {"EPIDEMILOGICAL_RESEARCH", TS_TYPE_OBSERVATIONAL, 0},
        {"EPIDEMIOLOGICAL_RESEARCH", TS_TYPE_OBSERVATIONAL, 0},
        {"PROGNOSIS_STUDY", TS_TYPE_OBSERVATIONAL, 0},
        {"CAUSATIVE_RESEARCH", TS_TYPE_OBSERVATIONAL, 0},
        {"DIAGNOSTIC_TEST", TS_TYPE_OBSERVATIONAL, 1},
        {"SCREENING", TS_TYPE_OBSERVATIONAL, 1},
        {"HEALTH_SERVICES_RESEARCH", TS_TYPE_OBSERVATIONAL, 1},
        {"HEALTH_SERVICES_REASERCH", TS_TYPE_OBSERVATIONAL, 1},
        {"BASIC_SCIENCE", TS_TYPE_OBSERVATIONAL, 1},
        {"RELATIVE_FACTORS_RESEARCH", TS_TYPE_OBSERVATIONAL, 0},
    };
    char key[128];
    size_t i;

    (void)reg;
    *ambiguous = 0;
    if (blank(raw, len))
        return TS_TYPE_NOT_REPORTED;
    if (norm_key(raw, len < 100 ? len : 100, key, sizeof(key)) == 0)
        return TS_TYPE_UNCLASSIFIED;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcmp(key, words[i].key) == 0) {
            *ambiguous = words[i].ambiguous;
            return words[i].type;
        }
    /* "Interventional clinical trial of medicinal product", "Observational
     * invasive", "Observational [Patient Registry]": the first word. */
    return norm_study_type(raw, len);
}

ts_funder vocab_funder(ts_registry reg, const char *raw, size_t len)
{
    char key[128];

    (void)reg;
    if (blank(raw, len))
        return TS_FUND_NOT_REPORTED;
    if (norm_key(raw, len < 100 ? len : 100, key, sizeof(key)) == 0)
        return TS_FUND_UNCLASSIFIED;
    /* EU CTR "Status of the sponsor", CTIS "Sponsor type". */
    if (strcmp(key, "COMMERCIAL") == 0 ||
        strcmp(key, "PHARMACEUTICAL_COMPANY") == 0)
        return TS_FUND_INDUSTRY;
    if (strcmp(key, "NON_COMMERCIAL") == 0 ||
        strncmp(key, "HOSPITAL", 8) == 0 ||
        strncmp(key, "EDUCATIONAL", 11) == 0 ||
        strncmp(key, "LABORATORY", 10) == 0 ||
        strncmp(key, "PATIENT_ORGANISATION", 20) == 0 ||
        strcmp(key, "HEALTH_CARE") == 0 ||
        strncmp(key, "NON_PROFIT", 10) == 0 ||
        strncmp(key, "INDIVIDUAL", 10) == 0)
        return TS_FUND_OTHER;
    if (strncmp(key, "PUBLIC", 6) == 0 || strncmp(key, "GOVERNMENT", 10) == 0)
        return TS_FUND_OTHER_GOV;
    return norm_funder(raw, len);
}
