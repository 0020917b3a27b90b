/*
 * ictrp.c - WHO ICTRP search-portal CSV columns, and what the CSV and XML
 * readers share: turning each source registry's text into the
 * registry-neutral record (ingest stage).
 */
#include "ingest/ictrp.h"

#include <string.h>

#include "ingest/csvtable.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* CSV header names (the XML export's element names are in ictrp_xml.c). */
static const ts_csvname ictrp_names[] = {
    {TS_COL_ID, "TrialID"},
    {TS_COL_TITLE, "Public title"},
    {TS_COL_URL, "web address"},
    {TS_COL_ACRONYM, "Acronym"},
    {TS_COL_STATUS, "Recruitment Status"},
    {TS_COL_CONDITIONS, "Condition"},
    {TS_COL_INTERVENTIONS, "Intervention"},
    {TS_COL_SPONSOR, "Primary sponsor"},
    {TS_COL_COLLABORATORS, "Secondary sponsor"},
    {TS_COL_SEX, "Inclusion gender"},
    {TS_COL_PHASES, "Phase"},
    {TS_COL_ENROLLMENT, "Target size"},
    {TS_COL_STUDY_TYPE, "Study type"},
    {TS_COL_DESIGN, "Study design"},
    {TS_COL_START, "Date enrollement"},
    {TS_COL_START, "Date enrollment"},
    {TS_COL_FIRST_POSTED, "Date registration"},
    {TS_COL_OTHER_IDS, "Secondary ID"},
    {TS_COL_OTHER_IDS, "Secondary IDs"},
    {TS_COL_OTHER_IDS, "SecondaryIDs"},
    {TS_COL_COUNTRIES, "Countries"},
};

/* Header names no other export uses. */
static const char *const ictrp_signature[] = {
    "TrialID", "Source Register", "Recruitment Status", "Date enrollement",
    "Public title", "Scientific title", "Primary sponsor", "web address",
    "Bridging flag truefalse", "Bridged type", "Retrospective flag",
    "Last Refreshed on", "Date registration3", "Inclusion agemin",
};

static const ts_column ictrp_identity[] = {TS_COL_ID};

static const ts_column ictrp_important[] = {
    TS_COL_ID, TS_COL_STATUS, TS_COL_PHASES, TS_COL_CONDITIONS,
    TS_COL_INTERVENTIONS, TS_COL_STUDY_TYPE, TS_COL_START, TS_COL_COUNTRIES,
};

static ts_status ictrp_fix(const ts_csvtable *t, ts_record *rec,
                           ts_strbuf *scratch, ts_sink *sink, ts_error *err)
{
    ts_shaper sh;

    (void)t;
    (void)sink;
    (void)err;
    shaper_init(&sh, scratch);
    ictrp_shape(rec, &sh);
    shaper_apply(&sh, rec);
    return TS_OK;
}

static const ts_csvtable ictrp_table = {
    ictrp_names, COUNT(ictrp_names), ictrp_identity, COUNT(ictrp_identity),
    "unrecognized header: expected a WHO ICTRP export with a \"TrialID\" "
    "column",
    ictrp_important, COUNT(ictrp_important), TS_REG_UNKNOWN, 1, ictrp_fix,
};

/* Three of its own header names make an ICTRP export, whatever else the
 * header holds ("Acronym" and "Phase" are ClinicalTrials.gov's too). */
static int detect_ictrp(const ts_sniff *s)
{
    size_t hits = sniff_count_cells(s, ictrp_signature,
                                    COUNT(ictrp_signature));

    return hits >= 3 ? 80 : hits == 2 ? 65 : 0;
}

static ts_status read_ictrp(ts_source *src, const ts_ingest_opts *opts,
                            ts_sink *sink, ts_error *err)
{
    return csvtable_read(&ictrp_table, src, opts, sink, err);
}

const ts_reader reader_ictrp_csv = {
    "ictrp-csv", "WHO ICTRP search portal export (CSV)", TS_REG_UNKNOWN,
    detect_ictrp, read_ictrp,
};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}



/* Whether a ChiCTR "label:" names a group or arm rather than an
 * intervention: it has a group word ("Experimental group", "Control
 * arm", "Cohort 2"), or is a short code ("A", "B1", "II"). */
static int group_label(const char *s, size_t n)
{
    static const char *const words[] = {
        "group", "arm", "cohort", "control", "experiment", "intervention",
        "treatment", "case", "placebo", "comparison", "comparator",
        "subgroup", "stage", "phase", "part", "blank", "observation",
        "patients", "participants", "healthy", "volunteers", "standard",
        "index", "test", "population", "exposure", "recovered",
    };
    char low[96];
    size_t i, k = 0;

    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n <= 3)
        return 1;
    if (n >= sizeof(low))
        return 1;   /* a long text before a colon is a description */
    for (i = 0; i < n; i++)
        low[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a'
                                                     : s[i]);
    low[k] = '\0';
    for (i = 0; i < COUNT(words); i++)
        if (strstr(low, words[i]))
            return 1;
    return 0;
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
    const char *id = rec->value[TS_COL_ID];
    size_t n = rec->len[TS_COL_ID];

    switch (rec->registry) {
    case TS_REG_CTGOV:
        return IV_CTGOV;
    case TS_REG_CHICTR:
        return IV_CHICTR;
    case TS_REG_EUCTR:
    case TS_REG_CTIS:
        return IV_PRODUCTS;
    default:
        break;
    }
    if (record_prefix(id, n, "NCT"))
        return IV_CTGOV;
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
        /* "group:intervention;": the group label goes. A text before
         * the colon that is no group label ("hydroxychloroquine
         * sulfate:200 mg bid") names the intervention and stays. */
        for (i = start = 0; i <= n; i++) {
            if (i < n && s[i] != ';')
                continue;
            {
                const char *colon = memchr(s + start, ':', i - start);
                size_t a = colon && group_label(s + start,
                                                (size_t)(colon - s) - start)
                               ? (size_t)(colon - s) + 1
                               : start;

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
            size_t at = sh->buf->len;
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
                const char *b = sh->buf->buf ? sh->buf->buf + off : "";
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

ts_registry ictrp_registry(const char *id, size_t n)
{
    static const struct {
        const char *prefix;
        ts_registry reg;
    } ids[] = {
        {"NCT", TS_REG_CTGOV},      {"EUCTR", TS_REG_EUCTR},
        {"CTIS", TS_REG_CTIS},      {"ISRCTN", TS_REG_ISRCTN},
        {"ChiCTR", TS_REG_CHICTR},  {"JPRN-jRCT", TS_REG_JRCT},
        {"jRCT", TS_REG_JRCT},      {"JPRN-UMIN", TS_REG_UMIN},
        {"UMIN", TS_REG_UMIN},      {"JPRN-JapicCTI", TS_REG_JAPIC},
        {"JapicCTI", TS_REG_JAPIC}, {"JPRN-JMA", TS_REG_JMA},
        {"JMA-", TS_REG_JMA},       {"CTRI", TS_REG_CTRI},
        {"DRKS", TS_REG_DRKS},      {"ACTRN", TS_REG_ANZCTR},
        {"IRCT", TS_REG_IRCT},      {"NL-OMON", TS_REG_OMON},
        {"NTR", TS_REG_NTR},        {"NL", TS_REG_NTR},
        {"TCTR", TS_REG_TCTR},      {"KCT", TS_REG_CRIS},
        {"RBR", TS_REG_REBEC},      {"RPCEC", TS_REG_RPCEC},
        {"PACTR", TS_REG_PACTR},    {"SLCTR", TS_REG_SLCTR},
        {"LBCTR", TS_REG_LBCTR},    {"ITMCTR", TS_REG_ITMCTR},
        {"PER-", TS_REG_REPEC},
    };
    size_t i;

    while (n && (*id == ' ' || *id == '\t' || *id == '\n')) {
        id++;
        n--;
    }
    for (i = 0; i < COUNT(ids); i++)
        if (strlen(ids[i].prefix) <= n &&
            memcmp(id, ids[i].prefix, strlen(ids[i].prefix)) == 0)
            return ids[i].reg;
    return TS_REG_UNKNOWN;
}

void ictrp_shape(ts_record *rec, ts_shaper *sh)
{
    rec->registry = ictrp_registry(rec->value[TS_COL_ID], rec->len[TS_COL_ID]);
    rec->copy = 1;
    shape_conditions(rec, sh);
    shape_interventions(rec, sh);
    shape_countries(rec, sh);
    shaper_begin(sh, TS_COL_OTHER_IDS);
    record_split(sh, rec->value[TS_COL_OTHER_IDS],
                 rec->len[TS_COL_OTHER_IDS], ";,");
    shaper_end(sh);
    /* Titles and sponsors: a line break is a space. */
    record_one_line(sh, TS_COL_TITLE, rec->value[TS_COL_TITLE],
                    rec->len[TS_COL_TITLE]);
    record_one_line(sh, TS_COL_SPONSOR, rec->value[TS_COL_SPONSOR],
                    rec->len[TS_COL_SPONSOR]);
    record_lines(sh, TS_COL_PHASES, rec->value[TS_COL_PHASES],
                 rec->len[TS_COL_PHASES]);
}
