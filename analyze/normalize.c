/*
 * normalize.c - vocabularies and label mapping (analyze stage).
 */
#include "analyze/normalize.h"

#include <string.h>
#include <strings.h>

static const char *const phase_labels[TS_PHASE_COUNT] = {
    "Early Phase I", "Phase I", "Phase I/II", "Phase II", "Phase II/III",
    "Phase III", "Phase IV", TS_LABEL_NOT_APPLICABLE, TS_LABEL_NOT_REPORTED,
    TS_LABEL_UNCLASSIFIED,
};

static const char *const status_labels[TS_ST_COUNT] = {
    "Recruiting", "Not yet recruiting", "Enrolling by invitation",
    "Active, not recruiting", "Completed", "Terminated", "Withdrawn",
    "Suspended", "Unknown status", "Available", "No longer available",
    "Temporarily not available", "Approved for marketing", "Withheld",
    TS_LABEL_NOT_REPORTED, TS_LABEL_UNCLASSIFIED,
};

/* Registry keys (upper case, runs of non-alphanumerics as one '_'). */
static const char *const status_keys[TS_ST_NOT_REPORTED] = {
    "RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION",
    "ACTIVE_NOT_RECRUITING", "COMPLETED", "TERMINATED", "WITHDRAWN",
    "SUSPENDED", "UNKNOWN", "AVAILABLE", "NO_LONGER_AVAILABLE",
    "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING", "WITHHELD",
};

static const char *const group_labels[TS_GRP_COUNT] = {
    "Open", "Planned", "Closed", "Completed", "Terminated", "Withdrawn",
    "Suspended", "Unknown", "Other", TS_LABEL_NOT_REPORTED,
    TS_LABEL_UNCLASSIFIED,
};

static const char *const type_labels[TS_TYPE_COUNT] = {
    "Interventional", "Observational", "Expanded access",
    TS_LABEL_NOT_REPORTED, TS_LABEL_UNCLASSIFIED,
};

static const char *const funder_labels[TS_FUND_COUNT] = {
    "Industry", "NIH", "U.S. federal", "Other government", "Individual",
    "Network", "Ambiguous", "Other", "Unknown", TS_LABEL_NOT_REPORTED,
    TS_LABEL_UNCLASSIFIED,
};

static const char *const funder_keys[TS_FUND_NOT_REPORTED] = {
    "INDUSTRY", "NIH", "FED", "OTHER_GOV", "INDIV", "NETWORK", "AMBIG",
    "OTHER", "UNKNOWN",
};

static const char *const design_labels[TS_DESIGN_COUNT] = {
    "Randomized", "Non-randomized", "Single arm", TS_LABEL_NOT_APPLICABLE,
    TS_LABEL_NOT_REPORTED, TS_LABEL_UNCLASSIFIED,
};

static const char *const masking_labels[TS_MASK_COUNT] = {
    "None (open label)", "Single", "Double", "Triple", "Quadruple",
    TS_LABEL_NOT_APPLICABLE, TS_LABEL_NOT_REPORTED, TS_LABEL_UNCLASSIFIED,
};

static const char *const results_labels[TS_RESULTS_COUNT] = {
    "Results posted", "No results posted", TS_LABEL_NOT_REPORTED,
    TS_LABEL_UNCLASSIFIED,
};

size_t norm_count(ts_dim dim)
{
    static const size_t counts[TS_DIM_COUNT] = {
        TS_PHASE_COUNT, TS_ST_COUNT, TS_GRP_COUNT, TS_TYPE_COUNT,
        TS_FUND_COUNT, TS_DESIGN_COUNT, TS_MASK_COUNT, TS_RESULTS_COUNT,
    };

    return (int)dim < TS_DIM_COUNT ? counts[dim] : 0;
}

const char *norm_label(ts_dim dim, int i)
{
    if (i < 0 || (size_t)i >= norm_count(dim))
        return TS_LABEL_UNCLASSIFIED;
    switch (dim) {
    case TS_DIM_PHASE:
        return phase_labels[i];
    case TS_DIM_STATUS:
        return status_labels[i];
    case TS_DIM_STATUS_GROUP:
        return group_labels[i];
    case TS_DIM_STUDY_TYPE:
        return type_labels[i];
    case TS_DIM_FUNDER:
        return funder_labels[i];
    case TS_DIM_DESIGN:
        return design_labels[i];
    case TS_DIM_MASKING:
        return masking_labels[i];
    case TS_DIM_RESULTS:
        return results_labels[i];
    default:
        return TS_LABEL_UNCLASSIFIED;
    }
}

const char *norm_dim_name(ts_dim dim)
{
    static const char *const names[TS_DIM_COUNT] = {
        "phase", "status", "status_group", "study_type", "funder_type",
        "design", "masking", "results",
    };

    return (int)dim < TS_DIM_COUNT ? names[dim] : "?";
}

size_t norm_key(const char *raw, size_t len, char *key, size_t size)
{
    size_t i, k = 0;
    int sep = 0;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)raw[i];

        if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            if (sep && k > 0) {
                if (k + 1 >= size)
                    return 0;
                key[k++] = '_';
            }
            sep = 0;
            if (k + 1 >= size)
                return 0;
            key[k++] = (char)c;
        } else {
            sep = 1;
        }
    }
    key[k] = '\0';
    return k;
}

static int is_blank(const char *raw, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\n')
            return 0;
    return 1;
}

/* One phase token: returns a bit (1 = early 1, 2 = 1, 4 = 2, 8 = 3,
 * 16 = 4, 32 = not applicable) or 0 when unknown. */
static unsigned phase_bit(const char *key)
{
    static const struct {
        const char *key;
        unsigned bit;
    } tokens[] = {
        {"EARLY_PHASE1", 1}, {"EARLY_PHASE_1", 1}, {"EARLY_PHASE_I", 1},
        {"PHASE0", 1}, {"PHASE_0", 1},
        {"PHASE1", 2}, {"PHASE_1", 2}, {"PHASE_I", 2},
        {"PHASE2", 4}, {"PHASE_2", 4}, {"PHASE_II", 4},
        {"PHASE3", 8}, {"PHASE_3", 8}, {"PHASE_III", 8},
        {"PHASE4", 16}, {"PHASE_4", 16}, {"PHASE_IV", 16},
        {"NA", 32}, {"N_A", 32}, {"NOT_APPLICABLE", 32},
    };
    size_t i;

    for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++)
        if (strcmp(key, tokens[i].key) == 0)
            return tokens[i].bit;
    return 0;
}

ts_phase norm_phase(const char *raw, size_t len)
{
    unsigned bits = 0;
    size_t i = 0;

    if (is_blank(raw, len))
        return TS_PHASE_NOT_REPORTED;
    while (i <= len) {
        size_t j = i;
        char key[32];
        unsigned bit;

        while (j < len && raw[j] != '|')
            j++;
        if (norm_key(raw + i, j - i, key, sizeof(key)) == 0)
            return TS_PHASE_UNCLASSIFIED;
        bit = phase_bit(key);
        if (!bit)
            return TS_PHASE_UNCLASSIFIED;
        bits |= bit;
        i = j + 1;
    }
    switch (bits) {
    case 1:
        return TS_PHASE_EARLY_1;
    case 2:
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
    case 32:
        return TS_PHASE_NA;
    default:
        return TS_PHASE_UNCLASSIFIED;
    }
}

ts_trial_status norm_status(const char *raw, size_t len)
{
    char key[64];
    size_t i;

    if (is_blank(raw, len))
        return TS_ST_NOT_REPORTED;
    if (norm_key(raw, len, key, sizeof(key)) == 0)
        return TS_ST_UNCLASSIFIED;
    if (strcmp(key, "UNKNOWN_STATUS") == 0)
        return TS_ST_UNKNOWN;
    for (i = 0; i < TS_ST_NOT_REPORTED; i++)
        if (strcmp(key, status_keys[i]) == 0)
            return (ts_trial_status)i;
    return TS_ST_UNCLASSIFIED;
}

ts_status_group norm_status_group(ts_trial_status s)
{
    switch (s) {
    case TS_ST_RECRUITING:
    case TS_ST_BY_INVITATION:
        return TS_GRP_OPEN;
    case TS_ST_NOT_YET:
        return TS_GRP_PLANNED;
    case TS_ST_ACTIVE:
        return TS_GRP_CLOSED;
    case TS_ST_COMPLETED:
        return TS_GRP_COMPLETED;
    case TS_ST_TERMINATED:
        return TS_GRP_TERMINATED;
    case TS_ST_WITHDRAWN:
        return TS_GRP_WITHDRAWN;
    case TS_ST_SUSPENDED:
        return TS_GRP_SUSPENDED;
    case TS_ST_UNKNOWN:
        return TS_GRP_UNKNOWN;
    case TS_ST_AVAILABLE:
    case TS_ST_NO_LONGER_AVAILABLE:
    case TS_ST_TEMP_NOT_AVAILABLE:
    case TS_ST_APPROVED:
    case TS_ST_WITHHELD:
        return TS_GRP_OTHER;
    case TS_ST_NOT_REPORTED:
        return TS_GRP_NOT_REPORTED;
    default:
        return TS_GRP_UNCLASSIFIED;
    }
}

ts_study_type norm_study_type(const char *raw, size_t len)
{
    char key[128];

    if (is_blank(raw, len))
        return TS_TYPE_NOT_REPORTED;
    /* Classic values carry details: "Observational [Patient Registry]",
     * "Expanded Access:Treatment IND/Protocol". Only the prefix counts. */
    if (norm_key(raw, len < 100 ? len : 100, key, sizeof(key)) == 0)
        return TS_TYPE_UNCLASSIFIED;
    if (strncmp(key, "INTERVENTIONAL", 14) == 0)
        return TS_TYPE_INTERVENTIONAL;
    if (strncmp(key, "OBSERVATIONAL", 13) == 0)
        return TS_TYPE_OBSERVATIONAL;
    if (strncmp(key, "EXPANDED_ACCESS", 15) == 0)
        return TS_TYPE_EXPANDED;
    return TS_TYPE_UNCLASSIFIED;
}

ts_funder norm_funder(const char *raw, size_t len)
{
    char key[64];
    size_t i, n = 0;

    while (n < len && raw[n] != '|')
        n++;
    if (is_blank(raw, n))
        return TS_FUND_NOT_REPORTED;
    if (norm_key(raw, n, key, sizeof(key)) == 0)
        return TS_FUND_UNCLASSIFIED;
    if (strcmp(key, "U_S_FED") == 0)
        return TS_FUND_FED;
    for (i = 0; i < TS_FUND_NOT_REPORTED; i++)
        if (strcmp(key, funder_keys[i]) == 0)
            return (ts_funder)i;
    return TS_FUND_UNCLASSIFIED;
}

static int digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

int norm_year(const char *raw, size_t len)
{
    size_t i;

    if (is_blank(raw, len))
        return 0;
    /* The year is the one 4-digit number standing alone in the value. */
    for (i = 0; i + 4 <= len; i++) {
        int before = i == 0 || raw[i - 1] < '0' || raw[i - 1] > '9';
        int after = i + 4 == len || raw[i + 4] < '0' || raw[i + 4] > '9';

        if (before && after && digits(raw + i, 4)) {
            int y = (raw[i] - '0') * 1000 + (raw[i + 1] - '0') * 100 +
                    (raw[i + 2] - '0') * 10 + (raw[i + 3] - '0');

            return y >= 1900 && y <= 2100 ? y : -1;
        }
    }
    return -1;
}

long norm_nct(const char *raw, size_t len, char out[12])
{
    size_t i;

    out[0] = '\0';
    for (i = 0; i + 11 <= len; i++) {
        if ((raw[i] == 'N' || raw[i] == 'n') &&
            (raw[i + 1] == 'C' || raw[i + 1] == 'c') &&
            (raw[i + 2] == 'T' || raw[i + 2] == 't') &&
            digits(raw + i + 3, 8) &&
            (i + 11 == len || raw[i + 11] < '0' || raw[i + 11] > '9')) {
            long v = 0;
            size_t k;

            memcpy(out, "NCT", 3);
            for (k = 0; k < 8; k++) {
                out[3 + k] = raw[i + 3 + k];
                v = v * 10 + (raw[i + 3 + k] - '0');
            }
            out[11] = '\0';
            return v;
        }
    }
    return -1;
}

/* 1 if a site's last comma-separated part only ends a country name whose
 * own comma comes before it: "Korea, Republic of", "Iran, Islamic
 * Republic of", "Macedonia, The Former Yugoslav Republic of". */
static int country_tail(const char *s, size_t n)
{
    static const char *const tails[] = {
        "Republic of", "Islamic Republic of", "The Former Yugoslav",
        "The Democratic Republic", "Democratic People", "Province of China",
        "United Republic of", "Bolivarian Republic", "Plurinational State",
        "Federated States of", "State of", "Ascension and", "Sint Eustatius",
        "British", "U.S.",
    };
    size_t i;

    for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
        size_t k = strlen(tails[i]);

        if (n >= k && strncasecmp(s, tails[i], k) == 0 &&
            (n == k || s[k] == ' ' || s[k] == '\''))
            return 1;
    }
    return 0;
}

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

int norm_next_country(const char *raw, size_t len, size_t *pos,
                      const char **start, size_t *clen)
{
    while (*pos < len) {
        size_t a = *pos, b = a, c, part;

        while (b < len && raw[b] != '|')
            b++;
        *pos = b + 1;
        c = b;
        while (c > a && raw[c - 1] != ',')
            c--;
        part = c;               /* after the last comma, if any */
        while (c < b && blank(raw[c]))
            c++;
        while (b > c && blank(raw[b - 1]))
            b--;
        if (b > c && part > a && country_tail(raw + c, b - c)) {
            /* 2026-11-30: "Seoul, Korea, Republic of" was counted as the
             * country "Republic of" (776 sites in the shared exports). */
            size_t d = part - 1;    /* the comma before the tail */

            while (d > a && raw[d - 1] != ',')
                d--;
            while (d < part - 1 && blank(raw[d]))
                d++;
            if (d < part - 1)
                c = d;
        }
        if (b > c) {
            *start = raw + c;
            *clen = b - c;
            return 1;
        }
    }
    return 0;
}

/* 1-12 for an English month name or its three-letter abbreviation at
 * s[0..n), else 0. */
static int month_of(const char *s, size_t n)
{
    static const char *const names[12] = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december",
    };
    size_t m, k;

    if (n < 3)
        return 0;
    for (m = 0; m < 12; m++) {
        for (k = 0; k < n && names[m][k]; k++)
            if ((s[k] | 0x20) != names[m][k])
                break;
        if (k == n && (n == 3 || !names[m][k]))
            return (int)m + 1;
    }
    return 0;
}

/* The number at s[*i..) of 1 to max digits; -1 when there is none. */
static int number_at(const char *s, size_t len, size_t *i, size_t max)
{
    int v = 0;
    size_t k = 0;

    while (*i < len && k < max && s[*i] >= '0' && s[*i] <= '9') {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    if (k == 0 || (*i < len && s[*i] >= '0' && s[*i] <= '9'))
        return -1;
    return v;
}

static int days_in(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int norm_date(const char *raw, size_t len, int *year, int *month, int *day)
{
    size_t i = 0, w;
    int y = -1, m = 0, d = 0, a, b;

    while (len && (raw[len - 1] == ' ' || raw[len - 1] == '\r'))
        len--;
    while (i < len && raw[i] == ' ')
        i++;
    if (i < len && raw[i] >= '0' && raw[i] <= '9') {
        a = number_at(raw, len, &i, 4);
        if (a >= 1000 && i < len && raw[i] == '-') {
            /* 2016-03-01 or 2016-03 */
            y = a;
            i++;
            m = number_at(raw, len, &i, 2);
            if (i < len && raw[i] == '-') {
                i++;
                d = number_at(raw, len, &i, 2);
                if (d < 1)
                    return 0;
            }
        } else if (a >= 1 && i < len && raw[i] == '/') {
            /* 3/1/2016, as spreadsheets re-save dates (month first) */
            i++;
            b = number_at(raw, len, &i, 2);
            if (b < 1 || i >= len || raw[i] != '/')
                return 0;
            i++;
            m = a;
            d = b;
            y = number_at(raw, len, &i, 4);
        } else {
            return 0;
        }
    } else {
        /* March 2016 or March 3, 2016 */
        for (w = i; w < len && ((raw[w] | 0x20) >= 'a' &&
                                (raw[w] | 0x20) <= 'z');
             w++)
            ;
        m = month_of(raw + i, w - i);
        i = w;
        while (i < len && raw[i] == ' ')
            i++;
        a = number_at(raw, len, &i, 4);
        if (a >= 1 && a <= 31 && i < len && raw[i] == ',') {
            d = a;
            i++;
            while (i < len && raw[i] == ' ')
                i++;
            y = number_at(raw, len, &i, 4);
        } else {
            y = a;
        }
    }
    if (i != len || y < 1900 || y > 2100 || m < 1 || m > 12 ||
        d > days_in(y, m))
        return 0;
    *year = y;
    *month = m;
    *day = d ? d : 1;
    return d ? 3 : 2;
}

/* The value of "Key: value" part key (a norm_key form) in a Study Design
 * value, as a key in out; 0 when the part is absent. */
static size_t design_part(const char *raw, size_t len, const char *key,
                          char *out, size_t size)
{
    size_t i = 0;

    while (i < len) {
        size_t j = i, colon;
        char k[48];

        while (j < len && raw[j] != '|')
            j++;
        for (colon = i; colon < j && raw[colon] != ':'; colon++)
            ;
        if (colon < j && norm_key(raw + i, colon - i, k, sizeof(k)) &&
            strcmp(k, key) == 0) {
            /* The value before any "(who is masked, ...)". */
            size_t end = colon + 1, n;

            while (end < j && raw[end] != '(')
                end++;
            n = norm_key(raw + colon + 1, end - colon - 1, out, size);

            if (n)
                return n;
            /* "N/A" and the like: too short to make a key of letters */
            out[0] = '\0';
            return 0;
        }
        i = j + 1;
    }
    return 0;
}

/* 1 if the value has a part named key at all. */
static int has_part(const char *raw, size_t len, const char *key)
{
    char v[64];

    v[0] = 'x';
    v[1] = '\0';
    return design_part(raw, len, key, v, sizeof(v)) > 0 || v[0] == '\0';
}

void norm_design(const char *raw, size_t len, ts_study_type type,
                 ts_design *design, ts_masking *masking)
{
    char alloc[64], model[64], mask[64];
    int interventional = type == TS_TYPE_INTERVENTIONAL;
    int any = has_part(raw, len, "ALLOCATION") ||
              has_part(raw, len, "INTERVENTION_MODEL") ||
              has_part(raw, len, "MASKING");

    if (!any) {
        /* An observational design, or no design at all. */
        int na = !interventional && (type != TS_TYPE_NOT_REPORTED ||
                                     !is_blank(raw, len));

        *design = na ? TS_DESIGN_NOT_APPLICABLE : TS_DESIGN_NOT_REPORTED;
        *masking = na ? TS_MASK_NOT_APPLICABLE : TS_MASK_NOT_REPORTED;
        return;
    }
    if (!design_part(raw, len, "ALLOCATION", alloc, sizeof(alloc)))
        alloc[0] = '\0';
    if (!design_part(raw, len, "INTERVENTION_MODEL", model, sizeof(model)))
        model[0] = '\0';
    if (strcmp(alloc, "RANDOMIZED") == 0)
        *design = TS_DESIGN_RANDOMIZED;
    else if (strcmp(alloc, "NON_RANDOMIZED") == 0)
        *design = TS_DESIGN_NON_RANDOMIZED;
    else if (strcmp(alloc, "N_A") == 0 || strcmp(alloc, "NA") == 0 ||
             (!alloc[0] && strncmp(model, "SINGLE_GROUP", 12) == 0))
        *design = TS_DESIGN_SINGLE_ARM;
    else if (!alloc[0])
        *design = TS_DESIGN_NOT_REPORTED;
    else
        *design = TS_DESIGN_UNCLASSIFIED;
    if (!design_part(raw, len, "MASKING", mask, sizeof(mask)))
        *masking = TS_MASK_NOT_REPORTED;
    else if (strncmp(mask, "NONE", 4) == 0)
        *masking = TS_MASK_NONE;
    else if (strncmp(mask, "SINGLE", 6) == 0)
        *masking = TS_MASK_SINGLE;
    else if (strncmp(mask, "DOUBLE", 6) == 0)
        *masking = TS_MASK_DOUBLE;
    else if (strncmp(mask, "TRIPLE", 6) == 0)
        *masking = TS_MASK_TRIPLE;
    else if (strncmp(mask, "QUADRUPLE", 9) == 0)
        *masking = TS_MASK_QUADRUPLE;
    else
        *masking = TS_MASK_UNCLASSIFIED;
}

ts_results norm_results(const char *raw, size_t len)
{
    char key[64];

    if (is_blank(raw, len))
        return TS_RESULTS_NOT_REPORTED;
    if (!norm_key(raw, len, key, sizeof(key)))
        return TS_RESULTS_UNCLASSIFIED;
    if (strcmp(key, "YES") == 0 || strcmp(key, "HAS_RESULTS") == 0 ||
        strcmp(key, "TRUE") == 0)
        return TS_RESULTS_POSTED;
    if (strcmp(key, "NO") == 0 || strcmp(key, "NO_RESULTS_AVAILABLE") == 0 ||
        strcmp(key, "FALSE") == 0)
        return TS_RESULTS_NONE;
    return TS_RESULTS_UNCLASSIFIED;
}

ts_enroll_type norm_enroll_type(const char *raw, size_t len,
                                ts_trial_status status)
{
    char key[32];

    if (!is_blank(raw, len) && norm_key(raw, len, key, sizeof(key))) {
        if (strcmp(key, "ACTUAL") == 0)
            return TS_ENROLL_ACTUAL;
        if (strcmp(key, "ESTIMATED") == 0 || strcmp(key, "ANTICIPATED") == 0)
            return TS_ENROLL_PLANNED;
    }
    switch (status) {
    case TS_ST_NOT_YET:
    case TS_ST_RECRUITING:
    case TS_ST_BY_INVITATION:
    case TS_ST_SUSPENDED:
        return TS_ENROLL_PLANNED;
    case TS_ST_ACTIVE:
    case TS_ST_COMPLETED:
    case TS_ST_TERMINATED:
    case TS_ST_WITHDRAWN:
        return TS_ENROLL_ACTUAL;
    default:
        return TS_ENROLL_UNKNOWN;
    }
}
