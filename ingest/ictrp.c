/*
 * ictrp.c - WHO ICTRP search-portal CSV columns, and what the CSV and XML
 * readers share: turning each source registry's text into the
 * registry-neutral record (ingest stage).
 */
#include "ingest/ictrp.h"

#include <string.h>

#include "ingest/fieldmap.h"

static const ts_colname ictrp_cols[] = {
    {TS_COL_TRIAL_ID, "TrialID"},
    {TS_COL_TITLE, "Public title|Public_title"},
    {TS_COL_URL, "web address|web_address"},
    {TS_COL_ACRONYM, "Acronym"},
    {TS_COL_STATUS, "Recruitment Status|Recruitment_Status"},
    {TS_COL_CONDITIONS, "Condition"},
    {TS_COL_INTERVENTIONS, "Intervention"},
    {TS_COL_SPONSOR, "Primary sponsor|Primary_sponsor"},
    {TS_COL_COLLABORATORS, "Secondary sponsor|Secondary_Sponsor"},
    {TS_COL_SEX, "Inclusion gender|Inclusion_gender"},
    {TS_COL_PHASES, "Phase"},
    {TS_COL_ENROLLMENT, "Target size|Target_size"},
    {TS_COL_STUDY_TYPE, "Study type|Study_type"},
    {TS_COL_DESIGN, "Study design|Study_design"},
    {TS_COL_START, "Date enrollement|Date_enrollement|Date enrollment"},
    {TS_COL_FIRST_POSTED, "Date registration|Date_registration"},
    {TS_COL_REGISTRY, "Source Register|Source_Register"},
    {TS_COL_SECONDARY_IDS,
     "Secondary ID|Secondary IDs|SecondaryIDs|Secondary_ID"},
    {TS_COL_COUNTRIES, "Countries"},
    {TS_COL_COUNT, NULL},
};

static const char *const ictrp_signature[] = {
    "TrialID", "Source Register", "Recruitment Status", "Date enrollement",
    "Public title", "Scientific title", "Primary sponsor", "web address",
    "Bridging flag truefalse", "Bridged type", "Retrospective flag",
    "Last Refreshed on", "Date registration3", "Inclusion agemin", NULL,
};

static void ictrp_csv_shape(ts_record *rec, ts_shaper *sh)
{
    ictrp_shape(rec, sh);
}

const ts_csvformat ts_csv_ictrp = {
    TS_FORMAT_ICTRP_CSV, ictrp_signature, ictrp_cols, TS_COL_TRIAL_ID,
    "a WHO ICTRP export with a \"TrialID\" column", ictrp_csv_shape,
};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* 1 if s[0..14) is "YYYY-NNNNNN-NN", a EudraCT number. */
static int eudract_at(const char *s, size_t n)
{
    size_t i;

    if (n < 14)
        return 0;
    for (i = 0; i < 14; i++) {
        int dash = i == 4 || i == 11;

        if (dash ? s[i] != '-' : !is_digit(s[i]))
            return 0;
    }
    return 1;
}

size_t ictrp_trial_id(const char *s, size_t n, size_t *skip)
{
    size_t a = 0;

    while (a < n && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n'))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        n--;
    *skip = a;
    s += a;
    n -= a;
    /* EUCTR2020-001234-56-FR: the member state's copy of one trial. */
    if (n == 22 && record_prefix(s, n, "EUCTR") && eudract_at(s + 5, 14) &&
        s[19] == '-' && is_upper(s[20]) && is_upper(s[21]))
        return 19;
    /* CTIS2023-507385-11-00: -00, -01, ... are submissions of one trial. */
    if (n == 21 && record_prefix(s, n, "CTIS") && eudract_at(s + 4, 14) &&
        s[18] == '-' && is_digit(s[19]) && is_digit(s[20]))
        return 18;
    return n;
}

/* Which convention a record's interventions follow. */
typedef enum iv_style {
    IV_CTGOV,       /* "Drug: X;Drug: Y" */
    IV_CHICTR,      /* "group:intervention;group:intervention;" */
    IV_PRODUCTS,    /* EU CTR, CTIS: "Product Name: X<br>INN ...: Y" */
    IV_TEXT         /* free text, lines joined by <br> */
} iv_style;

static iv_style style_of(const ts_record *rec)
{
    const char *id = rec->value[TS_COL_TRIAL_ID];
    size_t n = rec->len[TS_COL_TRIAL_ID];
    const char *reg = rec->value[TS_COL_REGISTRY];
    size_t rn = rec->len[TS_COL_REGISTRY];

    if (record_prefix(id, n, "NCT") ||
        record_prefix(reg, rn, "ClinicalTrials.gov"))
        return IV_CTGOV;
    if (record_prefix(id, n, "ChiCTR") || record_prefix(reg, rn, "ChiCTR"))
        return IV_CHICTR;
    if (record_prefix(id, n, "EUCTR") || record_prefix(id, n, "CTIS") ||
        record_prefix(reg, rn, "EU Clinical Trials") ||
        record_prefix(reg, rn, "Clinical Trials Information"))
        return IV_PRODUCTS;
    return IV_TEXT;
}

/* Product-list keys whose value names the product. */
enum { KEY_NONE, KEY_PRODUCT, KEY_TRADE, KEY_INN, KEY_CODE, KEY_OTHER };

static int key_at(const char *s, size_t n, size_t *klen)
{
    static const struct {
        const char *key;
        int kind;
    } keys[] = {
        {"Product Name:", KEY_PRODUCT},
        {"Trade Name:", KEY_TRADE},
        {"INN or Proposed INN:", KEY_INN},
        {"Product Code:", KEY_CODE},
        {"Current Sponsor code:", KEY_CODE},
    };
    size_t i;

    for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (record_prefix(s, n, keys[i].key)) {
            *klen = strlen(keys[i].key);
            return keys[i].kind;
        }
    /* Any other "Words words:" key ends a value too (CTIS joins the
     * fields of a product with commas: "...,Product Code: X,..."). */
    for (i = 0; i < n && i < 48; i++) {
        char c = s[i];

        if (c == ':' && i > 1) {
            *klen = i + 1;
            return KEY_OTHER;
        }
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' ||
              c == '-' || c == '(' || c == ')'))
            break;
    }
    return KEY_NONE;
}

/* A product being read: its names by kind (product, trade, INN, code). */
typedef struct product {
    const char *name[4];
    size_t len[4];
} product;

/* Emits a product's best name: INN, product name, trade name, code. */
static size_t emit_product(ts_shaper *sh, product *p)
{
    static const int order[4] = {2, 0, 1, 3};
    size_t i, added = 0;

    for (i = 0; i < 4; i++)
        if (p->name[order[i]]) {
            added = (size_t)shaper_item_once(sh, p->name[order[i]],
                                             p->len[order[i]]);
            break;
        }
    memset(p, 0, sizeof(*p));
    return added;
}

size_t ictrp_products(ts_shaper *sh, const char *s, size_t n, int *listed)
{
    product cur;
    size_t i = 0, added = 0;
    int blank_run = 0;

    memset(&cur, 0, sizeof(cur));
    *listed = 0;
    while (i < n) {
        size_t klen = 0, v, e;
        int kind, slot;
        size_t br = s[i] == '<' && record_prefix(s + i, n - i, "<br") ? 1 : 0;

        if (br || s[i] == '\n') {
            /* An empty line (<br><br>) ends a product. */
            if (blank_run)
                added += emit_product(sh, &cur);
            blank_run = 1;
            if (br)
                while (i < n && s[i] != '>')
                    i++;
            i++;
            continue;
        }
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == ',') {
            i++;
            continue;
        }
        blank_run = 0;
        kind = key_at(s + i, n - i, &klen);
        if (kind == KEY_NONE) {
            i++;
            continue;
        }
        *listed = 1;
        /* The value runs to the line's end or the next ",Key:". */
        v = i + klen;
        for (e = v; e < n; e++) {
            size_t k2;

            if (s[e] == '\n' || (s[e] == '<' && record_prefix(s + e, n - e,
                                                              "<br")))
                break;
            if (s[e] == ',' && e + 1 < n &&
                key_at(s + e + 1, n - e - 1, &k2) != KEY_NONE)
                break;
        }
        slot = kind == KEY_PRODUCT ? 0 : kind == KEY_TRADE ? 1
               : kind == KEY_INN   ? 2 : kind == KEY_CODE ? 3 : -1;
        if (slot >= 0) {
            size_t end = e;

            while (v < end && s[v] == ' ')
                v++;
            while (end > v && (s[end - 1] == ' ' || s[end - 1] == ','))
                end--;
            /* The same name key again: the next product has begun (a
             * product has a code and a sponsor code: codes do not). */
            if (cur.name[slot] && slot != 3)
                added += emit_product(sh, &cur);
            if (end > v && !cur.name[slot]) {
                cur.name[slot] = s + v;
                cur.len[slot] = end - v;
            }
        }
        i = e;
    }
    added += emit_product(sh, &cur);
    return added;
}

/* Condition parts that are MedDRA bookkeeping, not conditions. */
static int meddra_noise(const char *s, size_t n)
{
    static const char *const noise[] = {
        "MedDRA version", "Level:", "Classification code", "Term:",
        "System Organ Class", "Version:",
    };
    size_t i;

    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    for (i = 0; i < sizeof(noise) / sizeof(noise[0]); i++)
        if (record_prefix(s, n, noise[i]))
            return 1;
    /* A bare MedDRA code (NL-OMON appends "10034606"). */
    for (i = 0; i < n && is_digit(s[i]); i++)
        ;
    return n > 0 && i == n;
}

static void shape_conditions(const ts_record *rec, ts_shaper *sh)
{
    const char *s = rec->value[TS_COL_CONDITIONS];
    size_t n = rec->len[TS_COL_CONDITIONS], i = 0, start = 0;

    shaper_begin(sh, TS_COL_CONDITIONS);
    /* Split as record_split does, but leave MedDRA lines out. */
    while (i <= n) {
        size_t br = 0;

        if (i < n && s[i] == '<' && record_prefix(s + i, n - i, "<br")) {
            br = 3;
            while (i + br < n && s[i + br] != '>' && br < 6)
                br++;
            br = i + br < n && s[i + br] == '>' ? br + 1 : 0;
        }
        if (i == n || br || s[i] == ';' || s[i] == '\n') {
            if (!meddra_noise(s + start, i - start))
                shaper_item(sh, s + start, i - start);
            i += br ? br : 1;
            start = i;
            continue;
        }
        i++;
    }
    shaper_end(sh);
}

static void shape_interventions(const ts_record *rec, ts_shaper *sh)
{
    const char *s = rec->value[TS_COL_INTERVENTIONS];
    size_t n = rec->len[TS_COL_INTERVENTIONS], i, start;

    shaper_begin(sh, TS_COL_INTERVENTIONS);
    switch (style_of(rec)) {
    case IV_CTGOV:
        record_split(sh, s, n, ";");
        break;
    case IV_CHICTR:
        /* "group:intervention;": the group label goes. */
        for (i = start = 0; i <= n; i++) {
            if (i < n && s[i] != ';')
                continue;
            {
                const char *colon = memchr(s + start, ':', i - start);
                size_t a = colon ? (size_t)(colon - s) + 1 : start;

                shaper_item_once(sh, s + a, i - a);
            }
            start = i + 1;
        }
        break;
    case IV_PRODUCTS: {
        int listed;

        /* A list without a name (only "Pharmaceutical Form: ...") gives
         * no intervention; free text is kept as such. */
        if (ictrp_products(sh, s, n, &listed) == 0 && !listed)
            record_split(sh, s, n, "");
        break;
    }
    default:
        record_split(sh, s, n, "");
        break;
    }
    shaper_end(sh);
}

/* Countries: ';'-separated; a comma not followed by a space also
 * separates (JPRN "Japan,Asia(except Japan),Europe"), unlike the comma
 * of "Korea, Republic of". Repeats within the trial are dropped. */
static void shape_countries(const ts_record *rec, ts_shaper *sh)
{
    const char *s = rec->value[TS_COL_COUNTRIES];
    size_t n = rec->len[TS_COL_COUNTRIES], i, start = 0;

    shaper_begin(sh, TS_COL_COUNTRIES);
    for (i = 0; i <= n; i++) {
        int sep = i == n || s[i] == ';' || s[i] == '\n' ||
                  (s[i] == ',' && i + 1 < n && s[i + 1] != ' ');

        if (!sep)
            continue;
        {
            const char *p = s + start;
            size_t k = i - start, off = sh->off[TS_COL_COUNTRIES];
            size_t at = sh->buf.len;
            int dup = 0;

            while (k && (*p == ' ' || *p == '\t')) {
                p++;
                k--;
            }
            while (k && (p[k - 1] == ' ' || p[k - 1] == '\t' ||
                         p[k - 1] == '?'))
                k--;
            /* Scan the items added so far for the same name. */
            {
                const char *b = sh->buf.buf ? sh->buf.buf + off : "";
                size_t blen = at - off, q = 0;

                while (k && q < blen) {
                    const char *bar = memchr(b + q, '|', blen - q);
                    size_t e = bar ? (size_t)(bar - b) : blen;

                    if (e - q == k && memcmp(b + q, p, k) == 0) {
                        dup = 1;
                        break;
                    }
                    q = e + 1;
                }
            }
            if (!dup)
                shaper_item(sh, p, k);
        }
        start = i + 1;
    }
    shaper_end(sh);
}

void ictrp_shape(ts_record *rec, ts_shaper *sh)
{
    size_t skip, k;
    const char *id = rec->value[TS_COL_TRIAL_ID];

    shaper_reset(sh);
    k = ictrp_trial_id(id, rec->len[TS_COL_TRIAL_ID], &skip);
    shaper_put(sh, TS_COL_TRIAL_ID, id + skip, k);
    if (k == 11 && record_prefix(id + skip, k, "NCT"))
        shaper_put(sh, TS_COL_NCT, id + skip, k);
    shape_conditions(rec, sh);
    shape_interventions(rec, sh);
    shape_countries(rec, sh);
    shaper_begin(sh, TS_COL_SECONDARY_IDS);
    record_split(sh, rec->value[TS_COL_SECONDARY_IDS],
                 rec->len[TS_COL_SECONDARY_IDS], ";,");
    shaper_end(sh);
    /* Titles and sponsors: a line break is a space. */
    record_one_line(sh, TS_COL_TITLE, rec->value[TS_COL_TITLE],
                    rec->len[TS_COL_TITLE]);
    record_one_line(sh, TS_COL_SPONSOR, rec->value[TS_COL_SPONSOR],
                    rec->len[TS_COL_SPONSOR]);
    record_lines(sh, TS_COL_PHASES, rec->value[TS_COL_PHASES],
                 rec->len[TS_COL_PHASES]);
}
