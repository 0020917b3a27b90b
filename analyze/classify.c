/*
 * classify.c - intervention text to substances and modalities (analyze
 * stage).
 */
#include "analyze/classify.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

void classify_reset(ts_class *c)
{
    ts_strbuf keep = c->unmatched_buf;

    memset(c, 0, sizeof(*c));
    c->unmatched_buf = keep;
    sb_reset(&c->unmatched_buf);
}

void classify_free(ts_class *c)
{
    sb_free(&c->unmatched_buf);
}

static const struct {
    const char *name;
    ts_itype type;
} itypes[] = {
    {"drug", TS_ITYPE_DRUG},
    {"biological", TS_ITYPE_BIOLOGICAL},
    {"radiation", TS_ITYPE_RADIATION},
    {"procedure", TS_ITYPE_PROCEDURE},
    {"procedure/surgery", TS_ITYPE_PROCEDURE},
    {"device", TS_ITYPE_DEVICE},
    {"genetic", TS_ITYPE_GENETIC},
    {"behavioral", TS_ITYPE_BEHAVIORAL},
    {"dietary supplement", TS_ITYPE_DIETARY},
    {"dietary_supplement", TS_ITYPE_DIETARY},
    {"diagnostic test", TS_ITYPE_DIAGNOSTIC},
    {"diagnostic_test", TS_ITYPE_DIAGNOSTIC},
    {"combination product", TS_ITYPE_COMBINATION},
    {"combination_product", TS_ITYPE_COMBINATION},
    {"other", TS_ITYPE_OTHER},
};

ts_itype classify_type(const char *text, size_t len, size_t *name_start)
{
    const char *colon = memchr(text, ':', len < 24 ? len : 24);
    size_t i, n;

    *name_start = 0;
    if (!colon)
        return TS_ITYPE_NONE;
    n = (size_t)(colon - text);
    for (i = 0; i < sizeof(itypes) / sizeof(itypes[0]); i++) {
        if (strlen(itypes[i].name) == n &&
            strncasecmp(itypes[i].name, text, n) == 0) {
            size_t s = n + 1;

            while (s < len && text[s] == ' ')
                s++;
            *name_start = s;
            return itypes[i].type;
        }
    }
    return TS_ITYPE_NONE;
}

static int drug_like(ts_itype t)
{
    return t == TS_ITYPE_NONE || t == TS_ITYPE_DRUG ||
           t == TS_ITYPE_BIOLOGICAL || t == TS_ITYPE_COMBINATION;
}

static void add_id(size_t *set, size_t *n, size_t max, size_t id)
{
    size_t i;

    for (i = 0; i < *n; i++)
        if (set[i] == id)
            return;
    if (*n < max)
        set[(*n)++] = id;
}

static void add_sub(ts_class *c, const ts_substance *s)
{
    size_t i;

    c->item_modalities |= 1u << s->modality;
    for (i = 0; i < c->nsubs; i++)
        if (c->subs[i] == s)
            return;
    if (c->nsubs < TS_CLASS_MAX_SUBS)
        c->subs[c->nsubs++] = s;
    c->modalities |= 1u << s->modality;
    if (s->modality == TS_MOD_CHEMO) {
        c->nchemo++;
        if (s->chemo != TS_CHEMO_NONE)
            c->chemo_classes |= 1u << s->chemo;
    }
    for (i = 0; i < s->ntargets; i++)
        add_id(c->targets, &c->ntargets, TS_CLASS_MAX_TARGETS,
               s->targets[i]);
    for (i = 0; i < s->nimmuno; i++)
        add_id(c->immuno, &c->nimmuno, TS_CLASS_MAX_TARGETS, s->immuno[i]);
}

/* Looks s[0..n) up as one name; adds and counts what it stands for. */
static size_t lookup_add(const ts_dict *d, const char *s, size_t n,
                         ts_class *c)
{
    const ts_substance *found[TS_CLASS_MAX_SUBS];
    size_t k = dict_lookup(d, s, n, found, TS_CLASS_MAX_SUBS), i;

    for (i = 0; i < k && i < TS_CLASS_MAX_SUBS; i++)
        add_sub(c, found[i]);
    return k;
}

/* Whole name, then without parentheses, then (if inner) the
 * parenthesised part. */
static size_t match_simple(const ts_dict *d, const char *s, size_t n,
                           int inner, ts_class *c)
{
    const char *open = memchr(s, '(', n);
    char outer[512];
    size_t k, o = 0, i, depth = 0;

    k = lookup_add(d, s, n, c);
    if (k || !open)
        return k;
    for (i = 0; i < n && o < sizeof(outer); i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth)
            depth--;
        else if (!depth)
            outer[o++] = s[i];
    }
    k = lookup_add(d, outer, o, c);
    if (inner) {
        const char *close = memchr(open, ')', (size_t)(s + n - open));
        const char *end = close ? close : s + n;

        k += lookup_add(d, open + 1, (size_t)(end - open - 1), c);
    }
    return k;
}

static int is_word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9');
}

/* Runs of up to four words inside an unmatched part, longest first:
 * finds "doxorubicin" in "doxorubicin-based chemotherapy". A lone word
 * must have four or more letters, so abbreviations do not match by
 * accident inside prose. */
static size_t match_windows(const ts_dict *d, const char *s, size_t n,
                            ts_class *c)
{
    size_t ws[32], we[32], nw = 0, i = 0, k = 0, w, starts;

    while (i < n && nw < 32) {
        while (i < n && !is_word_char(s[i]))
            i++;
        if (i >= n)
            break;
        ws[nw] = i;
        while (i < n && is_word_char(s[i]))
            i++;
        we[nw++] = i;
    }
    /* In a long text ("X is an antibody targeting Y ...") only the first
     * words are taken as a name; the rest is prose. */
    starts = nw > 5 ? 1 : nw;
    for (w = 0; w < starts;) {
        size_t len, got = 0;

        for (len = nw - w < 4 ? nw - w : 4; len >= 1; len--) {
            size_t a = ws[w], b = we[w + len - 1];

            if (len == 1 && b - a < 4)
                break;
            got = lookup_add(d, s + a, b - a, c);
            if (got)
                break;
        }
        k += got;
        w += got ? len : 1;
    }
    return k;
}

static size_t words_in(const char *s, size_t n)
{
    size_t i = 0, w = 0;

    while (i < n) {
        while (i < n && !is_word_char(s[i]))
            i++;
        if (i < n)
            w++;
        while (i < n && is_word_char(s[i]))
            i++;
    }
    return w;
}

/* Where the separator at s[i] ends (0 if none): "+", "/", ",", ";", "&",
 * or one of the joining words between spaces. */
static size_t separator_at(const char *s, size_t n, size_t i)
{
    static const char *const words[] = {
        " and ",        " plus ",   " with ", " followed by ", " then ",
        " versus ",     " vs. ",    " vs ",   " or ",          " combined ",
        " in combination ",
    };
    size_t k;

    if (s[i] == '/') {
        /* "mg/kg", "ng/kg", "mg/m2" are units, not two names. */
        static const char *const units[] = {"mg", "ng", "mcg", "ug", "g",
                                            "ml", "iu", "units"};
        size_t b = i, k2;

        while (b > 0 && is_word_char(s[b - 1]))
            b--;
        /* A dose glued to its unit ("75mg/m2") is a unit too. */
        while (b < i && s[b] >= '0' && s[b] <= '9')
            b++;
        for (k2 = 0; k2 < sizeof(units) / sizeof(units[0]); k2++)
            if (strlen(units[k2]) == i - b &&
                strncasecmp(s + b, units[k2], i - b) == 0)
                return 0;
        return i + 1;
    }
    if (strchr("+,;&", s[i]))
        return i + 1;
    if (s[i] != ' ')
        return 0;
    for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        size_t m = strlen(words[k]);

        if (i + m <= n && strncasecmp(s + i, words[k], m) == 0)
            return i + m - 1;   /* keep the trailing space as text */
    }
    return 0;
}

/* Whether s[0..n) has a separator outside parentheses. */
static int splits_outside_parens(const char *s, size_t n)
{
    size_t i, depth = 0;

    for (i = 0; i < n; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth)
            depth--;
        else if (!depth && separator_at(s, n, i))
            return 1;
    }
    return 0;
}

static void note_unmatched(ts_class *c, const ts_dict *d, const char *s,
                           size_t n)
{
    ts_strbuf key = {0};

    (void)d;
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (dict_key(s, n, 0, &key) && c->nunmatched < TS_CLASS_MAX_UNMATCHED) {
        size_t i, ko;

        /* Once per trial per key. */
        for (i = 0; i < c->nunmatched; i++)
            if (strcmp(c->unmatched_buf.buf + c->unmatched_key[i],
                       key.buf) == 0)
                break;
        if (i == c->nunmatched) {
            c->unmatched_off[c->nunmatched] = c->unmatched_buf.len;
            sb_append(&c->unmatched_buf, s, n);
            sb_putc(&c->unmatched_buf, '\0');
            ko = c->unmatched_buf.len;
            sb_append(&c->unmatched_buf, key.buf, key.len);
            sb_putc(&c->unmatched_buf, '\0');
            c->unmatched_key[c->nunmatched++] = ko;
        }
    }
    sb_free(&key);
}

/* Modality from words in the text when the dictionary has no match. */
static int keyword_modality(const char *s, size_t n)
{
    static const struct {
        const char *word;
        ts_modality mod;
    } words[] = {
        /* First match wins: a biopsy is diagnostic whatever guides it. */
        {"biopsy", TS_MOD_OTHER},
        {"chemoradi", TS_MOD_RADIO},    {"radiotherap", TS_MOD_RADIO},
        {"radiation", TS_MOD_RADIO},    {"irradiation", TS_MOD_RADIO},
        {"brachytherap", TS_MOD_RADIO}, {"proton", TS_MOD_RADIO},
        {"imrt", TS_MOD_RADIO},         {"sbrt", TS_MOD_RADIO},
        {"stereotactic", TS_MOD_RADIO}, {"radiosurgery", TS_MOD_RADIO},
        {"surgery", TS_MOD_SURGERY},    {"surgical", TS_MOD_SURGERY},
        {"resection", TS_MOD_SURGERY},  {"excision", TS_MOD_SURGERY},
        {"amputation", TS_MOD_SURGERY}, {"ectomy", TS_MOD_SURGERY},
        {"transplant", TS_MOD_OTHER},
        {"chemotherap", TS_MOD_CHEMO},  {"placebo", TS_MOD_PLACEBO},
        {"sham", TS_MOD_PLACEBO},
    };
    char low[256];
    size_t i, m = n < sizeof(low) - 1 ? n : sizeof(low) - 1;

    for (i = 0; i < m; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a'
                                                   : s[i]);
    low[m] = '\0';
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strstr(low, words[i].word))
            return (int)words[i].mod;
    return -1;
}

size_t classify_intervention(const ts_dict *d, const char *text, size_t len,
                             ts_class *c)
{
    size_t start, k = 0;
    ts_itype type = classify_type(text, len, &start);
    const char *s = text + start;
    size_t n = len - start;
    int drug = drug_like(type);

    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return 0;
    c->item_modalities = 0;
    /* With a separator outside parentheses the text names several
     * things ("Nivolumab (BMS-936558) + Ipilimumab"): a code in
     * parentheses stands for one of them only, so it waits for the split. */
    k = match_simple(d, s, n, !splits_outside_parens(s, n), c);
    if (!k) {
        /* Split into parts; parts that are only doses are ignored. */
        size_t i = 0, a = 0, nmiss = 0, miss_a[16], miss_n[16];
        ts_strbuf key = {0};

        while (i <= n) {
            size_t e = i < n ? separator_at(s, n, i) : 0;

            if (i == n || e) {
                size_t got;

                if (dict_key(s + a, i - a, 0, &key) > 0) {
                    got = match_simple(d, s + a, i - a, 1, c);
                    if (!got)
                        got = match_windows(d, s + a, i - a, c);
                    if (!got && nmiss < 16 && words_in(s + a, i - a) <= 3) {
                        miss_a[nmiss] = a;
                        miss_n[nmiss++] = i - a;
                    }
                    k += got;
                }
                if (i == n)
                    break;
                a = e;
                i = e;
                continue;
            }
            i++;
        }
        sb_free(&key);
        /* With part of the text matched, the rest is what is unmatched;
         * with nothing matched the whole text is (below). */
        for (i = 0; k && drug && i < nmiss; i++)
            note_unmatched(c, d, s + miss_a[i], miss_n[i]);
    }
    if (drug) {
        /* What this text matched, even if the trial had it already. */
        if (k && c->item_modalities == 1u << TS_MOD_PLACEBO)
            c->placebo++;
        else {
            c->mentions++;
            if (k)
                c->matched++;
        }
    }
    if (!k) {
        int kw = keyword_modality(s, n);

        if (type == TS_ITYPE_RADIATION)
            kw = TS_MOD_RADIO;
        else if (type == TS_ITYPE_GENETIC)
            kw = TS_MOD_CELL_GENE;
        else if (kw < 0 && !drug)
            kw = TS_MOD_OTHER;
        if (kw >= 0)
            c->modalities |= 1u << kw;
        if (drug)
            note_unmatched(c, d, s, n);
    }
    return k;
}

void classify_regimen(ts_class *c)
{
    static const ts_modality order[] = {
        TS_MOD_CHEMO,     TS_MOD_TARGETED, TS_MOD_IMMUNO,  TS_MOD_HORMONAL,
        TS_MOD_CELL_GENE, TS_MOD_RADIO,    TS_MOD_SURGERY, TS_MOD_OTHER,
    };
    unsigned mods = c->modalities;
    size_t i, o = 0;

    c->regimen[0] = '\0';
    if ((mods & ~((1u << TS_MOD_SUPPORTIVE) | (1u << TS_MOD_PLACEBO))) == 0) {
        if (mods & (1u << TS_MOD_SUPPORTIVE))
            snprintf(c->regimen, sizeof(c->regimen), "%s",
                     dict_modality_label(TS_MOD_SUPPORTIVE));
        else if (mods & (1u << TS_MOD_PLACEBO))
            snprintf(c->regimen, sizeof(c->regimen), "%s",
                     dict_modality_label(TS_MOD_PLACEBO));
        return;
    }
    for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        int times, t;

        if (!(mods & (1u << order[i])))
            continue;
        times = order[i] == TS_MOD_CHEMO && c->nchemo >= 2 ? 2 : 1;
        for (t = 0; t < times; t++) {
            int w = snprintf(c->regimen + o, sizeof(c->regimen) - o, "%s%s",
                             o ? " + " : "", dict_modality_label(order[i]));

            if (w < 0 || (size_t)w >= sizeof(c->regimen) - o)
                return;
            o += (size_t)w;
        }
    }
}

void classify_trial(const ts_dict *d, const char *field, size_t len,
                    ts_class *c)
{
    size_t i = 0;

    while (i < len) {
        size_t j = i;

        while (j < len && field[j] != '|')
            j++;
        if (j > i)
            classify_intervention(d, field + i, j - i, c);
        i = j + 1;
    }
    classify_regimen(c);
}
