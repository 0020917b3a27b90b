/*
 * euctr.c - EU Clinical Trials Register full-text download, member-state
 * blocks merged into one record per trial (ingest stage).
 */
#include "ingest/euctr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

/* What a line's value is, by its key. */
enum key {
    K_NONE, K_NUMBER, K_STATUS, K_END_STATUS, K_END_SECTION, K_AUTHORITY,
    K_MEMBER_STATE, K_TITLE, K_ACRONYM, K_PROTOCOL, K_ISRCTN, K_NCT,
    K_OTHER_ID, K_SPONSOR, K_SPONSOR_STATUS, K_IMP, K_TRADE, K_PRODUCT,
    K_INN, K_PLACEBO, K_CONDITION, K_PHASE1, K_PHASE2, K_PHASE3, K_PHASE4,
    K_REGIONS, K_SUBJECTS, K_ENTERED, K_DECISION, K_GLOBAL_END, K_LAY
};

static const struct {
    const char *prefix;         /* the line starts with it */
    enum key key;
} keys[] = {
    {"EudraCT Number:", K_NUMBER},
    {"Trial Status:", K_STATUS},
    {"P. End of Trial Status:", K_END_STATUS},
    {"National Competent Authority:", K_AUTHORITY},
    {"A.1 Member State Concerned:", K_MEMBER_STATE},
    {"A.3 Full title of the trial:", K_TITLE},
    {"A.3.2 Name or abbreviated title of the trial where available:",
     K_ACRONYM},
    {"A.4.1 Sponsor's protocol code number:", K_PROTOCOL},
    {"A.5.1 ISRCTN (International Standard Randomised Controlled Trial) "
     "Number:",
     K_ISRCTN},
    {"A.5.2 US NCT (ClinicalTrials.gov registry) number:", K_NCT},
    {"A.5.4 Other Identifiers:", K_OTHER_ID},
    {"B.1.1 Name of Sponsor:", K_SPONSOR},
    {"B.3.1 and B.3.2\tStatus of the sponsor:", K_SPONSOR_STATUS},
    {"B.3.1 and B.3.2 Status of the sponsor:", K_SPONSOR_STATUS},
    {"D.IMP:", K_IMP},
    {"D.2.1.1.1 Trade name:", K_TRADE},
    {"D.3.1 Product name:", K_PRODUCT},
    {"D.3.8 INN - Proposed INN:", K_INN},
    {"D.8 Placebo:", K_PLACEBO},
    {"E.1.1 Medical condition(s) being investigated:", K_CONDITION},
    {"E.1.1.1 Medical condition in easily understood language:", K_LAY},
    {"E.7.1 Human pharmacology (Phase I):", K_PHASE1},
    {"E.7.2 Therapeutic exploratory (Phase II):", K_PHASE2},
    {"E.7.3 Therapeutic confirmatory (Phase III):", K_PHASE3},
    {"E.7.4 Therapeutic use (Phase IV):", K_PHASE4},
    {"E.8.6.3 If E.8.6.1 or E.8.6.2 are Yes, specify the regions in which "
     "trial sites are planned:",
     K_REGIONS},
    {"F.4.2.2 In the whole clinical trial:", K_SUBJECTS},
    {"Date on which this record was first entered in the EudraCT "
     "database:",
     K_ENTERED},
    {"N. Date of Competent Authority Decision:", K_DECISION},
    {"P. Date of the global end of the trial:", K_GLOBAL_END},
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* Lines of the summary that are keys without a section letter. */
static const char *const summary_keys[] = {
    "Summary", "EudraCT Number:", "Sponsor's Protocol Code Number:",
    "National Competent Authority:", "Clinical Trial Type:",
    "Trial Status:", "Date on which this record", "Link:", "Sponsor ",
    "MedDRA Classification", "Trial results",
};

/* The trial being merged from its blocks. */
typedef struct eu_trial {
    int open;                   /* a trial is being read */
    char number[32];            /* its EudraCT number */
    unsigned long line;         /* where its first block begins */
    unsigned blocks;
    ts_strbuf title, acronym, sponsor, funder, conditions, subjects;
    ts_strbuf lay;              /* the condition in lay language */
    ts_strbuf interventions;    /* '|'-joined, each once */
    ts_strbuf countries;        /* '|'-joined, each once */
    ts_strbuf ids;              /* '|'-joined, each once */
    ts_strbuf parts;            /* its blocks, "LINE STATE|..."
                                 * (TS_COL_PARTS) */
    unsigned phase_yes, phase_seen;     /* bits 1..4 */
    int status_rank;
    char status[96];
    char decision[16], entered[16], global_end[16];
    int placebo;
} eu_trial;

typedef struct eu_reader {
    const char *file;
    const ts_ingest_opts *opts;
    ts_sink *sink;
    ts_ingest_stats *stats;
    ts_error *err;
    size_t max_field;
    ts_strbuf line;             /* the line being assembled */
    int line_cut;               /* it went over max_field */
    unsigned long lineno;       /* number of the line in `line` */
    int seen_number;            /* an "EudraCT Number:" was met */
    eu_trial t;
    /* the current block */
    unsigned long block_line;
    int block_done;             /* its section P was met */
    char block_state[96];       /* its member state (or authority) */
    char block_status[96];
    char block_end_status[96];
    enum key cont;              /* key whose value continues, or K_NONE */
    ts_strbuf *cont_buf;
    /* the current IMP */
    ts_strbuf imp_trade, imp_product, imp_inn;
    ts_strbuf clean;
    ts_record rec;
} eu_reader;

static void warn(eu_reader *r, unsigned long line, const char *msg,
                 const char *arg)
{
    sink_warn(r->sink, line, 0, "%s%s", msg, arg);
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                  (*s)[*n - 1] == '\r'))
        (*n)--;
}

/* Adds an item to a '|'-joined list unless it is there already. */
static void add_item(ts_strbuf *list, const char *s, size_t n)
{
    size_t q = 0;

    trim(&s, &n);
    if (!n)
        return;
    while (q < list->len) {
        const char *bar = memchr(list->buf + q, '|', list->len - q);
        size_t e = bar ? (size_t)(bar - list->buf) : list->len;

        if (e - q == n && strncasecmp(list->buf + q, s, n) == 0)
            return;
        q = e + 1;
    }
    if (list->len)
        sb_putc(list, '|');
    while (n--) {
        char c = *s++;

        sb_putc(list, c == '|' ? '/' : c);
    }
}

/* "Spain - AEMPS" -> "Spain". */
static void add_country(eu_reader *r, const char *s, size_t n)
{
    const char *dash;

    trim(&s, &n);
    dash = n > 3 ? strstr(s, " - ") : NULL;
    if (dash && (size_t)(dash - s) < n)
        n = (size_t)(dash - s);
    if (n && !(n == 15 && memcmp(s, "Outside EU/EEA", 14) == 0))
        add_item(&r->t.countries, s, n);
}

static void set_text(ts_strbuf *b, const char *s, size_t n)
{
    trim(&s, &n);
    sb_reset(b);
    sb_append(b, s, n);
}

/* Keeps the earliest (or latest) yyyy-mm-dd date. */
static void keep_date(char *slot, const char *s, size_t n, int latest)
{
    trim(&s, &n);
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return;
    if (!slot[0] || (latest ? memcmp(s, slot, 10) > 0
                            : memcmp(s, slot, 10) < 0)) {
        memcpy(slot, s, 10);
        slot[10] = '\0';
    }
}

static int status_rank(const char *s)
{
    static const struct {
        const char *status;
        int rank;
    } ranks[] = {
        {"Ongoing", 9}, {"Restarted", 9}, {"Temporarily Halted", 8},
        {"Suspended by CA", 8}, {"Prematurely Ended", 7},
        {"Completed", 6}, {"Prohibited by CA", 5}, {"Not Authorised", 4},
    };
    size_t i;

    for (i = 0; i < sizeof(ranks) / sizeof(ranks[0]); i++)
        if (strcasecmp(s, ranks[i].status) == 0)
            return ranks[i].rank;
    return s[0] ? 1 : 0;
}

/* The IMP being read ends: its best name joins the interventions. */
static void end_imp(eu_reader *r)
{
    ts_strbuf *best = r->imp_inn.len       ? &r->imp_inn
                      : r->imp_product.len ? &r->imp_product
                                           : &r->imp_trade;

    if (best->len)
        add_item(&r->t.interventions, best->buf, best->len);
    sb_reset(&r->imp_inn);
    sb_reset(&r->imp_product);
    sb_reset(&r->imp_trade);
}

/* The current block ends: its status joins the trial's. */
static void end_block(eu_reader *r)
{
    const char *st = r->block_end_status[0] ? r->block_end_status
                                            : r->block_status;
    int rank = status_rank(st);

    end_imp(r);
    if (!r->t.open)
        return;
    if (!r->block_done)
        warn(r, r->block_line,
             "this block has no section P (End of Trial): EudraCT ",
             r->t.number);
    if (rank > r->t.status_rank) {
        r->t.status_rank = rank;
        snprintf(r->t.status, sizeof(r->t.status), "%s", st);
    }
    {
        /* The block as a part of the record; '|' separates parts. */
        char *p;

        for (p = r->block_state; *p; p++)
            if (*p == '|')
                *p = '/';
        sb_printf(&r->t.parts, "%s%lu%s%s", r->t.parts.len ? "|" : "",
                  r->block_line, r->block_state[0] ? " " : "",
                  r->block_state);
    }
    r->block_status[0] = r->block_end_status[0] = '\0';
    r->block_state[0] = '\0';
}

static void trial_reset(eu_trial *t)
{
    sb_reset(&t->title);
    sb_reset(&t->acronym);
    sb_reset(&t->sponsor);
    sb_reset(&t->funder);
    sb_reset(&t->conditions);
    sb_reset(&t->subjects);
    sb_reset(&t->lay);
    sb_reset(&t->interventions);
    sb_reset(&t->countries);
    sb_reset(&t->ids);
    sb_reset(&t->parts);
    t->phase_yes = t->phase_seen = 0;
    t->status_rank = 0;
    t->status[0] = t->decision[0] = t->entered[0] = t->global_end[0] = '\0';
    t->placebo = 0;
    t->blocks = 0;
    t->open = 0;
}

static void put_value(eu_reader *r, ts_column col, const char *s, size_t n,
                      size_t *off, int *bad)
{
    size_t clen = 0;

    off[col] = record_clean_value(&r->clean, s ? s : "", s ? n : 0, &clen,
                                  bad);
    r->rec.len[col] = clen;
}

/* Hands the merged trial to the caller. */
static ts_status emit(eu_reader *r)
{
    eu_trial *t = &r->t;
    size_t off[TS_COL_COUNT], i;
    int bad = 0;
    char phase[200] = "", url[128];
    ts_status rc;

    if (!t->open)
        return TS_OK;
    if (t->placebo)
        add_item(&t->interventions, "Placebo", 7);
    if (t->phase_seen) {
        snprintf(phase, sizeof(phase),
                 "Human pharmacology (Phase I): %s\n"
                 "Therapeutic exploratory (Phase II): %s\n"
                 "Therapeutic confirmatory (Phase III): %s\n"
                 "Therapeutic use (Phase IV): %s",
                 t->phase_yes & 1 ? "yes" : "no",
                 t->phase_yes & 2 ? "yes" : "no",
                 t->phase_yes & 4 ? "yes" : "no",
                 t->phase_yes & 8 ? "yes" : "no");
    }
    snprintf(url, sizeof(url),
             "https://www.clinicaltrialsregister.eu/ctr-search/search?"
             "query=%s",
             t->number);
    sb_reset(&r->clean);
    for (i = 0; i < TS_COL_COUNT; i++)
        put_value(r, (ts_column)i, "", 0, off, &bad);
    put_value(r, TS_COL_ID, t->number, strlen(t->number), off, &bad);
    put_value(r, TS_COL_URL, url, strlen(url), off, &bad);
    put_value(r, TS_COL_TITLE, t->title.buf, t->title.len, off, &bad);
    put_value(r, TS_COL_ACRONYM, t->acronym.buf, t->acronym.len, off, &bad);
    put_value(r, TS_COL_STATUS, t->status, strlen(t->status), off, &bad);
    if (t->conditions.len)
        put_value(r, TS_COL_CONDITIONS, t->conditions.buf, t->conditions.len,
                  off, &bad);
    else
        put_value(r, TS_COL_CONDITIONS, t->lay.buf, t->lay.len, off, &bad);
    put_value(r, TS_COL_INTERVENTIONS, t->interventions.buf,
              t->interventions.len, off, &bad);
    put_value(r, TS_COL_SPONSOR, t->sponsor.buf, t->sponsor.len, off, &bad);
    put_value(r, TS_COL_FUNDER, t->funder.buf, t->funder.len, off, &bad);
    put_value(r, TS_COL_PHASES, phase, strlen(phase), off, &bad);
    put_value(r, TS_COL_ENROLLMENT, t->subjects.buf, t->subjects.len, off,
              &bad);
    put_value(r, TS_COL_STUDY_TYPE, "Interventional clinical trial of "
                                    "medicinal product",
              49, off, &bad);
    {
        const char *start = t->decision[0] ? t->decision : t->entered;

        put_value(r, TS_COL_START, start, strlen(start), off, &bad);
    }
    put_value(r, TS_COL_COMPLETION, t->global_end, strlen(t->global_end),
              off, &bad);
    put_value(r, TS_COL_FIRST_POSTED, t->entered, strlen(t->entered), off,
              &bad);
    put_value(r, TS_COL_COUNTRIES, t->countries.buf, t->countries.len, off,
              &bad);
    put_value(r, TS_COL_OTHER_IDS, t->ids.buf, t->ids.len, off, &bad);
    if (t->blocks >= 2)
        put_value(r, TS_COL_PARTS, t->parts.buf, t->parts.len, off, &bad);
    for (i = 0; i < TS_COL_COUNT; i++) {
        r->rec.value[i] = r->clean.buf + off[i];
        r->rec.present[i] = 1;
        r->rec.name[i] = NULL;
    }
    r->stats->rows++;
    r->rec.line = t->line;
    r->rec.row = r->stats->rows;
    if (bad) {
        r->stats->bad_utf8_rows++;
        warn(r, t->line, "invalid UTF-8 replaced by U+FFFD", "");
    }
    r->rec.registry = TS_REG_EUCTR;
    rc = sink_record(r->sink, &r->rec, r->err);
    trial_reset(t);
    return rc;
}

static enum key key_of(const char *s, size_t n, size_t *klen)
{
    size_t i;

    for (i = 0; i < NKEYS; i++) {
        size_t k = strlen(keys[i].prefix);

        if (n >= k && memcmp(s, keys[i].prefix, k) == 0) {
            *klen = k;
            return keys[i].key;
        }
    }
    if (n == 15 && memcmp(s, "P. End of Trial", 15) == 0) {
        *klen = n;
        return K_END_SECTION;
    }
    return K_NONE;
}

/* 1 if the line starts a new key (so it does not continue a value). */
static int looks_like_key(const char *s, size_t n)
{
    size_t i;

    if (n >= 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.')
        return 1;
    for (i = 0; i < sizeof(summary_keys) / sizeof(summary_keys[0]); i++) {
        size_t k = strlen(summary_keys[i]);

        if (n >= k && memcmp(s, summary_keys[i], k) == 0)
            return 1;
    }
    return 0;
}

static int yes(const char *s, size_t n)
{
    trim(&s, &n);
    return n == 3 && strncasecmp(s, "Yes", 3) == 0;
}

static ts_status on_line(eu_reader *r, const char *s, size_t n)
{
    size_t klen = 0;
    enum key k;
    const char *v;
    size_t vn;

    if (n && s[n - 1] == '\r')
        n--;
    if (n == 0)
        return TS_OK;
    k = key_of(s, n, &klen);
    if (k == K_NONE) {
        if (r->cont != K_NONE && !looks_like_key(s, n)) {
            if (r->cont == K_REGIONS)
                add_country(r, s, n);
            else if (r->cont_buf && r->cont_buf->len < r->max_field) {
                sb_putc(r->cont_buf, '\n');
                sb_append(r->cont_buf, s, n);
            }
            return TS_OK;
        }
        r->cont = K_NONE;
        r->cont_buf = NULL;
        return TS_OK;
    }
    r->cont = K_NONE;
    r->cont_buf = NULL;
    v = s + klen;
    vn = n - klen;
    trim(&v, &vn);
    if (!r->t.open && k != K_NUMBER)
        return TS_OK;   /* the preamble */
    switch (k) {
    case K_NUMBER: {
        ts_status rc = TS_OK;

        r->seen_number = 1;
        end_block(r);
        if (vn >= sizeof(r->t.number))
            vn = sizeof(r->t.number) - 1;
        if (r->t.open && (strlen(r->t.number) != vn ||
                          memcmp(r->t.number, v, vn) != 0))
            rc = emit(r);
        if (!r->t.open) {
            memcpy(r->t.number, v, vn);
            r->t.number[vn] = '\0';
            r->t.line = r->lineno;
            r->t.open = 1;
        }
        r->t.blocks++;
        r->block_line = r->lineno;
        r->block_done = 0;
        return rc;
    }
    case K_STATUS:
        snprintf(r->block_status, sizeof(r->block_status), "%.*s", (int)vn,
                 v);
        break;
    case K_END_STATUS:
        snprintf(r->block_end_status, sizeof(r->block_end_status), "%.*s",
                 (int)vn, v);
        r->block_done = 1;
        break;
    case K_END_SECTION:
        r->block_done = 1;
        break;
    case K_AUTHORITY:
    case K_MEMBER_STATE:
        add_country(r, v, vn);
        if (!r->block_state[0] || k == K_MEMBER_STATE)
            snprintf(r->block_state, sizeof(r->block_state), "%.*s",
                     (int)vn, v);
        break;
    case K_TITLE:
        if (!r->t.title.len) {
            set_text(&r->t.title, v, vn);
            r->cont = k;
            r->cont_buf = &r->t.title;
        }
        break;
    case K_ACRONYM:
        if (!r->t.acronym.len)
            set_text(&r->t.acronym, v, vn);
        break;
    case K_PROTOCOL:
    case K_ISRCTN:
    case K_NCT:
    case K_OTHER_ID:
        add_item(&r->t.ids, v, vn);
        break;
    case K_SPONSOR:
        if (!r->t.sponsor.len)
            set_text(&r->t.sponsor, v, vn);
        break;
    case K_SPONSOR_STATUS:
        if (!r->t.funder.len)
            set_text(&r->t.funder, v, vn);
        break;
    case K_IMP:
        end_imp(r);
        break;
    case K_TRADE:
        set_text(&r->imp_trade, v, vn);
        break;
    case K_PRODUCT:
        set_text(&r->imp_product, v, vn);
        break;
    case K_INN:
        set_text(&r->imp_inn, v, vn);
        break;
    case K_PLACEBO:
        r->t.placebo = 1;
        break;
    case K_LAY:
        if (!r->t.lay.len)
            set_text(&r->t.lay, v, vn);
        break;
    case K_CONDITION:
        if (!r->t.conditions.len) {
            set_text(&r->t.conditions, v, vn);
            r->cont = k;
            r->cont_buf = &r->t.conditions;
        }
        break;
    case K_PHASE1:
    case K_PHASE2:
    case K_PHASE3:
    case K_PHASE4: {
        unsigned bit = 1u << (k - K_PHASE1);

        r->t.phase_seen |= bit;
        if (yes(v, vn))
            r->t.phase_yes |= bit;
        break;
    }
    case K_REGIONS:
        add_country(r, v, vn);
        r->cont = k;
        break;
    case K_SUBJECTS:
        if (!r->t.subjects.len)
            set_text(&r->t.subjects, v, vn);
        break;
    case K_ENTERED:
        keep_date(r->t.entered, v, vn, 0);
        break;
    case K_DECISION:
        keep_date(r->t.decision, v, vn, 0);
        break;
    case K_GLOBAL_END:
        keep_date(r->t.global_end, v, vn, 1);
        break;
    default:
        break;
    }
    return TS_OK;
}

static ts_status on_chunk(eu_reader *r, const char *buf, size_t n,
                          ts_error *err)
{
    ts_status rc;

    (void)err;
    if (!buf) {
        /* End of input: the last line, then the last trial. */
        if (r->line.len) {
            r->lineno++;
            rc = on_line(r, r->line.buf, r->line.len);
            if (rc != TS_OK)
                return rc;
        }
        if (r->t.open && !r->block_done) {
            r->stats->rows++;
            r->stats->skipped++;
            return ts_error_set(
                r->err, TS_ERR_PARSE, r->file, r->block_line, 0,
                "file ends inside the block of EudraCT %s that begins on "
                "this line (no section P: cut short?); the trials before "
                "it are kept, this one is not",
                r->t.number);
        }
        end_block(r);
        return emit(r);
    }
    while (n) {
        const char *nl = memchr(buf, '\n', n);
        size_t len = nl ? (size_t)(nl - buf) : n;

        if (r->line.len + len > r->max_field) {
            size_t room = r->line.len < r->max_field
                              ? r->max_field - r->line.len
                              : 0;

            if (!r->line_cut)
                warn(r, r->lineno + 1,
                     "line longer than --max-field; the rest of it is "
                     "ignored",
                     "");
            r->line_cut = 1;
            sb_append(&r->line, buf, room);
        } else {
            sb_append(&r->line, buf, len);
        }
        if (!nl)
            break;
        r->lineno++;
        rc = on_line(r, r->line.buf ? r->line.buf : "", r->line.len);
        sb_reset(&r->line);
        r->line_cut = 0;
        if (rc != TS_OK)
            return rc;
        buf += len + 1;
        n -= len + 1;
    }
    return TS_OK;
}

/* The download's preamble, or an "EudraCT Number:" line near its start. */
static int detect_euctr(const ts_sniff *s)
{
    size_t i = 0, lines = 0;

    if (s->len >= 31 && memcmp(s->head, "This file contains full details", 31) == 0)
        return 100;
    while (i < s->len && lines < 40) {
        const char *nl = memchr(s->head + i, '\n', s->len - i);
        size_t len = nl ? (size_t)(nl - (s->head + i)) : s->len - i;

        if (len >= 15 && memcmp(s->head + i, "EudraCT Number:", 15) == 0)
            return 90;
        if (!nl)
            break;
        i += len + 1;
        lines++;
    }
    return 0;
}

static ts_status read_euctr(ts_source *src, const ts_ingest_opts *opts,
                            ts_sink *sink, ts_error *err)
{
    eu_reader *r = xcalloc(1, sizeof(*r));
    ts_status rc;
    int last_nl = 1;

    r->file = sink_name(sink);
    r->opts = opts;
    r->sink = sink;
    r->stats = sink_stats(sink);
    r->err = err;
    r->max_field = opts && opts->max_field ? opts->max_field
                                           : TS_MAX_FIELD_DEFAULT;
    r->rec.file = r->file;
    for (;;) {
        char *buf;
        size_t n;

        rc = source_read(src, &buf, &n, err);
        if (rc != TS_OK)
            break;
        if (n)
            last_nl = buf[n - 1] == '\n';
        rc = on_chunk(r, n ? buf : NULL, n, err);
        if (rc != TS_OK || n == 0)
            break;
    }
    r->stats->lines = r->lineno;
    (void)last_nl;
    if (rc == TS_OK && !r->seen_number)
        rc = ts_error_set(err, TS_ERR_PARSE, r->file, 0, 0,
                          "no \"EudraCT Number:\" line: not an EU Clinical "
                          "Trials Register full-text download");
    sb_free(&r->line);
    sb_free(&r->t.title);
    sb_free(&r->t.parts);
    sb_free(&r->t.acronym);
    sb_free(&r->t.sponsor);
    sb_free(&r->t.funder);
    sb_free(&r->t.conditions);
    sb_free(&r->t.subjects);
    sb_free(&r->t.lay);
    sb_free(&r->t.interventions);
    sb_free(&r->t.countries);
    sb_free(&r->t.ids);
    sb_free(&r->imp_trade);
    sb_free(&r->imp_product);
    sb_free(&r->imp_inn);
    sb_free(&r->clean);
    free(r);
    return rc;
}

const ts_reader reader_euctr = {
    "euctr-text", "EU Clinical Trials Register full-text download",
    TS_REG_EUCTR, detect_euctr, read_euctr,
};
