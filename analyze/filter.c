/*
 * filter.c - --where expressions: parsing, matching a trial's normalized
 * facts, and the values no trial had (analyze stage).
 */
#include "analyze/filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/sponsor.h"
#include "common/strbuf.h"
#include "common/strmap.h"
#include "common/xalloc.h"

/* Distinct labels a field keeps for suggestions; a field with more (the
 * titles of a whole registry) suggests from the first ones seen. */
#define LABELS_MAX 50000
/* Bytes of a label compared when looking for the closest ones. */
#define CLOSE_BYTES 64
#define CLOSEST 3

typedef enum field_id {
    F_PHASE, F_STATUS, F_STATUS_GROUP, F_STUDY_TYPE, F_FUNDER_TYPE,
    F_START_YEAR, F_ENROLLMENT, F_INDICATION, F_REGIMEN, F_MODALITY,
    F_SUBSTANCE, F_CHEMO_CLASS, F_TARGET, F_IMMUNO_TARGET, F_COUNTRY,
    F_REGISTRY, F_SPONSOR, F_CONDITION, F_INTERVENTION, F_TITLE, F_COUNT
} field_id;

/* What "~" searches: the export's text of a column (raw), the field's
 * labels, or both. */
enum { SUB_RAW = 1, SUB_LABELS = 2, SUB_BOTH = 3 };

static const struct {
    const char *name;
    const char *plural;     /* trials.tsv's column name, if different */
    int numeric;            /* takes >=, <=, >, < */
    int sub;                /* SUB_*: what "~" searches */
    ts_column col;          /* the column of SUB_RAW */
} fields[F_COUNT] = {
    {"phase", NULL, 0, SUB_BOTH, TS_COL_PHASES},
    {"status", NULL, 0, SUB_BOTH, TS_COL_STATUS},
    {"status_group", NULL, 0, SUB_LABELS, TS_COL_COUNT},
    {"study_type", NULL, 0, SUB_BOTH, TS_COL_STUDY_TYPE},
    {"funder_type", NULL, 0, SUB_BOTH, TS_COL_FUNDER},
    {"start_year", NULL, 1, SUB_BOTH, TS_COL_START},
    {"enrollment", NULL, 1, SUB_RAW, TS_COL_ENROLLMENT},
    {"indication", NULL, 0, SUB_LABELS, TS_COL_COUNT},
    {"regimen", NULL, 0, SUB_LABELS, TS_COL_COUNT},
    {"modality", "modalities", 0, SUB_LABELS, TS_COL_COUNT},
    {"substance", "substances", 0, SUB_LABELS, TS_COL_COUNT},
    {"chemo_class", "chemo_classes", 0, SUB_LABELS, TS_COL_COUNT},
    {"target", "targets", 0, SUB_LABELS, TS_COL_COUNT},
    {"immuno_target", "immuno_targets", 0, SUB_LABELS, TS_COL_COUNT},
    {"country", "countries", 0, SUB_LABELS, TS_COL_COUNT},
    {"registry", NULL, 0, SUB_LABELS, TS_COL_COUNT},
    {"sponsor", NULL, 0, SUB_RAW, TS_COL_SPONSOR},
    {"condition", "conditions", 0, SUB_RAW, TS_COL_CONDITIONS},
    {"intervention", "interventions", 0, SUB_RAW, TS_COL_INTERVENTIONS},
    {"title", NULL, 0, SUB_RAW, TS_COL_TITLE},
};

static const char field_list[] =
    "phase, status, status_group, study_type, funder_type, start_year, "
    "enrollment, indication, regimen, modality, substance, chemo_class, "
    "target, immuno_target, country, registry, sponsor, condition, "
    "intervention, title";

typedef enum op_id { OP_EQ, OP_GE, OP_LE, OP_GT, OP_LT, OP_SUB } op_id;

/* One value after "=": a value as given, or a candidate made by joining
 * given values that a comma had split ("Active" + " not recruiting"). */
typedef struct value {
    char *shown;            /* owned; as given, trimmed */
    char *key;              /* owned; what is compared (folded, or a
                             * sponsor key) */
    size_t keylen;
    long num;               /* numeric fields: the number, or -1 for a
                             * label such as "Not reported" */
    int joined;             /* 1: a candidate, never reported unseen */
    size_t first, last;     /* joined: the given values it spans */
    int seen;               /* some trial has it */
} value;

typedef struct clause {
    char *expr;             /* owned; as given */
    field_id field;
    op_id op;
    long num;               /* >=, <=, >, <: the bound */
    char *text;             /* owned; ~: folded TEXT */
    size_t textlen;
    value *values;          /* owned; =: given values, then candidates */
    size_t nvalues;
    size_t ngiven;
    ts_strmap *labels;      /* owned; =: the field's distinct labels */
} clause;

struct ts_filter {
    clause *c;              /* owned */
    size_t n, cap;
    ts_strbuf text;         /* filter_text() */
    ts_strbuf fold;         /* scratch: a folded label */
    ts_strbuf fold2;        /* scratch: a folded text for ~ */
    ts_strbuf sponsor_key;  /* the current trial's sponsor key */
    ts_strbuf sponsor_shown;/* and its display form */
    unsigned long tested, passed;
};

const char *filter_field_list(void)
{
    return field_list;
}

ts_filter *filter_new(void)
{
    return xcalloc(1, sizeof(ts_filter));
}

static void clause_free(clause *c)
{
    size_t i;

    free(c->expr);
    free(c->text);
    for (i = 0; i < c->nvalues; i++) {
        free(c->values[i].shown);
        free(c->values[i].key);
    }
    free(c->values);
    strmap_free(c->labels);
}

void filter_free(ts_filter *f)
{
    size_t i;

    if (!f)
        return;
    for (i = 0; i < f->n; i++)
        clause_free(&f->c[i]);
    free(f->c);
    sb_free(&f->text);
    sb_free(&f->fold);
    sb_free(&f->fold2);
    sb_free(&f->sponsor_key);
    sb_free(&f->sponsor_shown);
    free(f);
}

size_t filter_count(const ts_filter *f)
{
    return f ? f->n : 0;
}

const char *filter_expr(const ts_filter *f, size_t i)
{
    return i < f->n ? f->c[i].expr : "";
}

const char *filter_text(const ts_filter *f)
{
    return f ? sb_str(&f->text) : "";
}

unsigned long filter_tested(const ts_filter *f)
{
    return f ? f->tested : 0;
}

unsigned long filter_passed(const ts_filter *f)
{
    return f ? f->passed : 0;
}

/* ---- text helpers ----------------------------------------------------- */

/* Appends s[0..n) to out with ASCII and Latin-1 capitals made small. */
static void fold_append(ts_strbuf *out, const char *s, size_t n)
{
    char *d = sb_reserve(out, n);
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c + 32);
        } else if (c == 0xC3 && i + 1 < n) {
            unsigned char c2 = (unsigned char)s[i + 1];

            d[i] = (char)c;
            i++;
            /* U+00C0-U+00DE, but not U+00D7 (multiplication sign) */
            if (c2 >= 0x80 && c2 <= 0x9E && c2 != 0x97)
                c2 = (unsigned char)(c2 + 0x20);
            d[i] = (char)c2;
            continue;
        }
        d[i] = (char)c;
    }
    out->len += n;
    out->buf[out->len] = '\0';
}

static void fold_into(ts_strbuf *out, const char *s, size_t n)
{
    sb_reset(out);
    sb_reserve(out, 1);
    fold_append(out, s, n);
}

static int contains(const char *hay, size_t n, const char *needle, size_t m)
{
    size_t i;

    if (m == 0)
        return 1;
    for (i = 0; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                  (*s)[*n - 1] == '\n' || (*s)[*n - 1] == '\r'))
        (*n)--;
}

/* A whole number of 1 to 9 digits in s[0..n) (spaces around allowed);
 * -1 if it is not one. */
static long parse_number(const char *s, size_t n)
{
    long v = 0;
    size_t i;

    trim(&s, &n);
    if (n == 0 || n > 9)
        return -1;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* ---- a trial's values --------------------------------------------------- */

/* Receives one label of a trial's field; alias labels (a target's HGNC
 * symbol beside its display name) match but are not suggested. */
typedef void (*label_fn)(void *ctx, const char *s, size_t n, int alias);

static void emit(label_fn fn, void *ctx, const char *s)
{
    fn(ctx, s, strlen(s), 0);
}

static const char *registry_of(const ts_trial *t)
{
    if (t->rec->registry != TS_REG_UNKNOWN)
        return registry_name(t->rec->registry);
    return registry_name(t->nct[0] ? TS_REG_CTGOV : TS_REG_UNKNOWN);
}

/* Calls fn for each element of a "|"-joined list, trimmed;
 * "Not reported" when there is none. */
static void each_element(const char *v, size_t n, label_fn fn, void *ctx,
                         int interventions)
{
    size_t i = 0, found = 0;

    while (i < n) {
        size_t j = i, k;
        const char *s = v + i;

        while (j < n && v[j] != '|')
            j++;
        k = j - i;
        trim(&s, &k);
        if (k) {
            fn(ctx, s, k, 0);
            found++;
            if (interventions) {
                size_t start;

                (void)classify_type(s, k, &start);
                if (start > 0 && start < k) {
                    const char *name = s + start;
                    size_t m = k - start;

                    trim(&name, &m);
                    if (m)
                        fn(ctx, name, m, 1);
                }
            }
        }
        i = j + 1;
    }
    if (!found)
        emit(fn, ctx, TS_LABEL_NOT_REPORTED);
}

static void each_target(const ts_trial *t, const ts_idset *ids, label_fn fn,
                        void *ctx)
{
    size_t i;

    for (i = 0; i < ids->n; i++) {
        const ts_target *tg = dict_target(t->dict, ids->id[i]);

        if (!tg)
            continue;
        emit(fn, ctx, tg->display);
        fn(ctx, tg->symbol, strlen(tg->symbol), 1);
    }
}

/* The labels of field f for trial t: what the field's table counts the
 * trial under. */
static void each_label(ts_filter *flt, field_id f, const ts_trial *t,
                       label_fn fn, void *ctx)
{
    const ts_record *rec = t->rec;
    const ts_class *c = t->cls;
    char buf[24];
    size_t i;

    switch (f) {
    case F_PHASE:
        emit(fn, ctx, norm_label(TS_DIM_PHASE, (int)t->phase));
        break;
    case F_STATUS:
        emit(fn, ctx, norm_label(TS_DIM_STATUS, (int)t->status));
        break;
    case F_STATUS_GROUP:
        emit(fn, ctx, norm_label(TS_DIM_STATUS_GROUP, (int)t->group));
        break;
    case F_STUDY_TYPE:
        emit(fn, ctx, norm_label(TS_DIM_STUDY_TYPE, (int)t->study_type));
        break;
    case F_FUNDER_TYPE:
        emit(fn, ctx, norm_label(TS_DIM_FUNDER, (int)t->funder));
        break;
    case F_START_YEAR:
        if (t->start_year > 0) {
            snprintf(buf, sizeof(buf), "%d", t->start_year);
            emit(fn, ctx, buf);
        } else {
            emit(fn, ctx, t->start_year == 0 ? TS_LABEL_NOT_REPORTED
                                             : TS_LABEL_UNCLASSIFIED);
        }
        break;
    case F_ENROLLMENT:
        if (t->enrollment >= 0) {
            snprintf(buf, sizeof(buf), "%ld", t->enrollment);
            emit(fn, ctx, buf);
        } else {
            emit(fn, ctx, TS_LABEL_NOT_REPORTED);
        }
        break;
    case F_INDICATION:
        if (t->indication)
            emit(fn, ctx, t->indication);
        break;
    case F_REGIMEN:
        if (c)
            emit(fn, ctx, sb_str(&c->regimen));
        break;
    case F_MODALITY:
        if (!c)
            break;
        if (!rec->len[TS_COL_INTERVENTIONS])
            emit(fn, ctx, TS_LABEL_NOT_REPORTED);
        else if (!c->modalities)
            emit(fn, ctx, TS_LABEL_UNCLASSIFIED);
        for (i = 0; i < TS_MOD_COUNT; i++)
            if (c->modalities & (1u << i))
                emit(fn, ctx, dict_modality_label((ts_modality)i));
        break;
    case F_SUBSTANCE:
        for (i = 0; c && i < c->nsubs; i++)
            emit(fn, ctx, c->subs[i]->name);
        break;
    case F_CHEMO_CLASS:
        if (!c)
            break;
        if (!(c->modalities & (1u << TS_MOD_CHEMO)))
            emit(fn, ctx, TS_LABEL_NOT_APPLICABLE);
        else if (!c->chemo_classes)
            emit(fn, ctx, TS_LABEL_UNCLASSIFIED);
        for (i = 0; i < TS_CHEMO_COUNT; i++)
            if (c->chemo_classes & (1u << i))
                emit(fn, ctx, dict_chemo_label((ts_chemo_class)i));
        break;
    case F_TARGET: {
        size_t molecular = 0;

        if (!c)
            break;
        each_target(t, &c->targets, fn, ctx);
        for (i = 0; i < c->targets.n; i++)
            molecular += !dict_target(t->dict, c->targets.id[i])->immune;
        if (!molecular)
            emit(fn, ctx, TS_LABEL_NOT_APPLICABLE);
        break;
    }
    case F_IMMUNO_TARGET: {
        int pd = 0;

        if (!c)
            break;
        each_target(t, &c->immuno, fn, ctx);
        for (i = 0; i < c->immuno.n; i++) {
            const char *sym = dict_target(t->dict, c->immuno.id[i])->symbol;

            pd |= strcmp(sym, "PDCD1") == 0 || strcmp(sym, "CD274") == 0;
        }
        if (pd)
            emit(fn, ctx, TS_LABEL_PD1_PDL1);
        if (!c->immuno.n)
            emit(fn, ctx, TS_LABEL_NOT_APPLICABLE);
        break;
    }
    case F_COUNTRY: {
        const char *s = t->countries;

        if (!*s) {
            emit(fn, ctx, TS_LABEL_NOT_REPORTED);
            break;
        }
        while (*s) {
            const char *e = strstr(s, "; ");
            size_t n = e ? (size_t)(e - s) : strlen(s);

            fn(ctx, s, n, 0);
            s += n + (e ? 2 : 0);
        }
        break;
    }
    case F_REGISTRY:
        /* Every registry whose record was merged into the trial, as the
         * registry table counts them. */
        if (t->merged && t->merged->registries) {
            size_t r;

            if (t->merged->registries & 1u)
                emit(fn, ctx, TS_LABEL_NOT_REPORTED);
            for (r = 1; r < TS_REG_COUNT; r++)
                if (t->merged->registries & (1u << r))
                    emit(fn, ctx, registry_name((ts_registry)r));
        } else {
            emit(fn, ctx, registry_of(t));
        }
        break;
    case F_SPONSOR:
        if (flt->sponsor_shown.len)
            fn(ctx, flt->sponsor_shown.buf, flt->sponsor_shown.len, 0);
        else
            emit(fn, ctx, TS_LABEL_NOT_REPORTED);
        break;
    case F_CONDITION:
        each_element(rec->value[TS_COL_CONDITIONS],
                     rec->len[TS_COL_CONDITIONS], fn, ctx, 0);
        break;
    case F_INTERVENTION:
        each_element(rec->value[TS_COL_INTERVENTIONS],
                     rec->len[TS_COL_INTERVENTIONS], fn, ctx, 1);
        break;
    case F_TITLE: {
        const char *s = rec->value[TS_COL_TITLE];
        size_t n = rec->len[TS_COL_TITLE];

        trim(&s, &n);
        if (n)
            fn(ctx, s, n, 0);
        else
            emit(fn, ctx, TS_LABEL_NOT_REPORTED);
        break;
    }
    default:
        break;
    }
}

/* ---- parsing ------------------------------------------------------------ */

static int find_field(const char *name, size_t n)
{
    size_t i;
    char low[32];

    if (n == 0 || n >= sizeof(low))
        return -1;
    for (i = 0; i < n; i++)
        low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32
                                                           : name[i]);
    low[n] = '\0';
    for (i = 0; i < F_COUNT; i++)
        if (strcmp(low, fields[i].name) == 0 ||
            (fields[i].plural && strcmp(low, fields[i].plural) == 0))
            return (int)i;
    return -1;
}

/* The operator at s, its length in *len; -1 if none. */
static int find_op(const char *s, size_t *len)
{
    if (s[0] == '>' && s[1] == '=')
        return *len = 2, OP_GE;
    if (s[0] == '<' && s[1] == '=')
        return *len = 2, OP_LE;
    if (s[0] == '>')
        return *len = 1, OP_GT;
    if (s[0] == '<')
        return *len = 1, OP_LT;
    if (s[0] == '=')
        return *len = 1, OP_EQ;
    if (s[0] == '~')
        return *len = 1, OP_SUB;
    return -1;
}

static const char *op_name(op_id op)
{
    static const char *const names[] = {"=", ">=", "<=", ">", "<", "~"};

    return names[op];
}

/* Makes v's comparison key from its text. */
static void value_key(ts_filter *f, clause *c, value *v)
{
    if (c->field == F_SPONSOR) {
        sponsor_key(v->shown, strlen(v->shown), &f->fold);
        /* "Not reported" stays a label, not a sponsor's name. */
        if (strcmp(v->shown, TS_LABEL_NOT_REPORTED) == 0)
            fold_into(&f->fold, v->shown, strlen(v->shown));
    } else {
        fold_into(&f->fold, v->shown, strlen(v->shown));
    }
    v->key = xstrdup(sb_str(&f->fold));
    v->keylen = f->fold.len;
}

static void add_value(clause *c, size_t *cap, const char *s, size_t n)
{
    value *v;

    if (c->nvalues == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        c->values = xrealloc(c->values, *cap * sizeof(value));
    }
    v = &c->values[c->nvalues++];
    memset(v, 0, sizeof(*v));
    v->shown = xmalloc(n + 1);
    memcpy(v->shown, s, n);
    v->shown[n] = '\0';
}

/* Splits the list after "=" at commas outside double quotes and not
 * escaped by a backslash. Each piece records whether a space followed its
 * comma (a candidate for joining back: "Active, not recruiting"). */
static ts_status split_values(ts_filter *f, clause *c, const char *s,
                              ts_error *err)
{
    ts_strbuf piece = {0};
    size_t cap = 0, i, j;
    unsigned char *spaced = NULL;   /* per piece: its comma had a space */
    size_t spaced_cap = 0;
    int quoted = 0, was_quoted = 0, after_space = 0;
    ts_status rc = TS_OK;

    for (i = 0;; i++) {
        char ch = s[i];

        if (ch == '\\' && s[i + 1]) {
            sb_putc(&piece, s[++i]);
            continue;
        }
        if (ch == '"') {
            quoted = !quoted;
            was_quoted = 1;
            continue;
        }
        if (ch && (quoted || ch != ',')) {
            sb_putc(&piece, ch);
            continue;
        }
        if (quoted) {
            rc = ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                              "a quoted value has no closing quote");
            break;
        }
        {
            const char *p = sb_str(&piece);
            size_t n = piece.len;

            if (!was_quoted)
                trim(&p, &n);
            if (n == 0) {
                rc = ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                                  c->nvalues || ch
                                      ? "an empty value in the list after "
                                        "'='"
                                      : "empty value after '='");
                break;
            }
            add_value(c, &cap, p, n);
            if (c->nvalues > spaced_cap) {
                spaced_cap = spaced_cap ? spaced_cap * 2 : 8;
                spaced = xrealloc(spaced, spaced_cap);
            }
            spaced[c->nvalues - 1] = (unsigned char)after_space;
        }
        if (!ch)
            break;
        after_space = s[i + 1] == ' ';
        sb_reset(&piece);
        was_quoted = 0;
    }
    sb_free(&piece);
    if (rc != TS_OK) {
        free(spaced);
        return rc;
    }
    c->ngiven = c->nvalues;
    /* Candidates: runs of given values whose commas had a space after
     * them, joined back ("Korea, Republic of"). */
    for (i = 0; i < c->ngiven; i++) {
        ts_strbuf joined = {0};

        sb_puts(&joined, c->values[i].shown);
        for (j = i + 1; j < c->ngiven && j < i + 4 && spaced[j]; j++) {
            value *v;

            sb_puts(&joined, ", ");
            sb_puts(&joined, c->values[j].shown);
            add_value(c, &cap, joined.buf, joined.len);
            v = &c->values[c->nvalues - 1];
            v->joined = 1;
            v->first = i;
            v->last = j;
        }
        sb_free(&joined);
    }
    free(spaced);
    for (i = 0; i < c->nvalues; i++)
        value_key(f, c, &c->values[i]);
    return TS_OK;
}

/* Checks and fills the values of "=" on a numeric field: whole numbers,
 * or labels of the field's table ("Not reported"). */
static ts_status numeric_values(clause *c, ts_error *err)
{
    size_t i;

    for (i = 0; i < c->nvalues; i++) {
        value *v = &c->values[i];

        v->num = parse_number(v->shown, strlen(v->shown));
        if (v->num >= 0 || v->joined)
            continue;
        if (strcmp(v->key, "not reported") == 0 ||
            (c->field == F_START_YEAR && strcmp(v->key, "unclassified") == 0))
            continue;
        return ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                            "%s= takes whole numbers or '%s', not \"%s\"",
                            fields[c->field].name, TS_LABEL_NOT_REPORTED,
                            v->shown);
    }
    return TS_OK;
}

/* Where the first operator of expr is (expr[*at], *oplen bytes); -1
 * when there is none. */
static int first_op(const char *expr, size_t *at, size_t *oplen)
{
    int op = -1;

    for (*at = 0; expr[*at]; (*at)++) {
        op = find_op(expr + *at, oplen);
        if (op >= 0)
            break;
    }
    return op;
}

int filter_names_field(const char *expr)
{
    size_t at, oplen, n;
    const char *name = expr;

    (void)first_op(expr, &at, &oplen);
    n = at;
    trim(&name, &n);
    return find_field(name, n) >= 0;
}

ts_status filter_add(ts_filter *f, const char *expr, ts_error *err)
{
    const char *name = expr, *rest;
    size_t nlen, oplen = 0, at;
    int fid, op = -1;
    clause c;
    ts_status rc;

    memset(&c, 0, sizeof(c));
    /* The field is whatever comes before the first operator. */
    op = first_op(expr, &at, &oplen);
    nlen = at;
    trim(&name, &nlen);
    if (op < 0) {
        fid = find_field(name, nlen);
        if (fid >= 0)
            return ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                                "missing operator after \"%s\": write "
                                "%s=V1,V2%s or %s~TEXT",
                                fields[fid].name, fields[fid].name,
                                fields[fid].numeric ? ", >=N, <=N" : "",
                                fields[fid].name);
        return ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                            "missing operator: write FIELD=V1,V2, "
                            "FIELD>=N, FIELD<=N or FIELD~TEXT");
    }
    if (nlen == 0)
        return ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                            "missing field name before '%s'",
                            op_name((op_id)op));
    fid = find_field(name, nlen);
    if (fid < 0)
        return ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                            "unknown field \"%.*s\"",
                            (int)(nlen > 40 ? 40 : nlen), name);
    rest = expr + at + oplen;
    c.field = (field_id)fid;
    c.op = (op_id)op;
    if (c.op != OP_EQ && c.op != OP_SUB && !fields[fid].numeric)
        return ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                            "%s takes = and ~, not %s (>=, <=, > and < are "
                            "for start_year and enrollment)",
                            fields[fid].name, op_name(c.op));
    switch (c.op) {
    case OP_EQ:
        rc = split_values(f, &c, rest, err);
        if (rc == TS_OK && fields[fid].numeric)
            rc = numeric_values(&c, err);
        if (rc != TS_OK) {
            clause_free(&c);
            return rc;
        }
        c.labels = strmap_new();
        break;
    case OP_SUB: {
        const char *t = rest;
        size_t n = strlen(rest);

        trim(&t, &n);
        if (n == 0)
            return ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                                "empty value after '~'");
        fold_into(&f->fold, t, n);
        c.text = xstrdup(f->fold.buf);
        c.textlen = f->fold.len;
        break;
    }
    default: {
        const char *t = rest;
        size_t n = strlen(rest);

        trim(&t, &n);
        if (n == 0)
            return ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                                "empty value after '%s'", op_name(c.op));
        c.num = parse_number(t, n);
        if (c.num < 0)
            return ts_error_set(err, TS_ERR_USAGE, NULL, 0, 0,
                                "%s%s takes a whole number, not \"%.*s\"",
                                fields[fid].name, op_name(c.op),
                                (int)(n > 40 ? 40 : n), t);
        break;
    }
    }
    c.expr = xstrdup(expr);
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 4;
        f->c = xrealloc(f->c, f->cap * sizeof(clause));
    }
    f->c[f->n++] = c;
    if (f->text.len)
        sb_puts(&f->text, " AND ");
    sb_puts(&f->text, expr);
    return TS_OK;
}

/* ---- matching ----------------------------------------------------------- */

typedef struct eq_ctx {
    ts_filter *f;
    clause *c;
    int hit;
} eq_ctx;

static void eq_label(void *ctx, const char *s, size_t n, int alias)
{
    eq_ctx *e = ctx;
    clause *c = e->c;
    ts_strbuf *key = &e->f->fold;
    size_t i;

    if (!alias && strmap_count(c->labels) < LABELS_MAX)
        strmap_intern(c->labels, s, n, NULL);
    if (c->field == F_SPONSOR && strcmp(s, TS_LABEL_NOT_REPORTED) != 0)
        key = &e->f->sponsor_key;
    else
        fold_into(key, s, n);
    for (i = 0; i < c->nvalues; i++) {
        value *v = &c->values[i];

        if (v->keylen == key->len && memcmp(v->key, key->buf, key->len) == 0) {
            v->seen = 1;
            e->hit = 1;
        }
    }
}

/* "=" on a numeric field: numbers compare as numbers ("02018"). */
static int eq_number(clause *c, long have)
{
    size_t i;
    int hit = 0;

    for (i = 0; i < c->nvalues; i++)
        if (c->values[i].num >= 0 && c->values[i].num == have) {
            c->values[i].seen = 1;
            hit = 1;
        }
    return hit;
}

static void sub_label(void *ctx, const char *s, size_t n, int alias)
{
    eq_ctx *e = ctx;

    (void)alias;
    if (e->hit)
        return;
    fold_into(&e->f->fold2, s, n);
    e->hit = contains(e->f->fold2.buf, e->f->fold2.len, e->c->text,
                      e->c->textlen);
}

/* The number a numeric field holds, or -1. */
static long number_of(field_id f, const ts_trial *t)
{
    if (f == F_START_YEAR)
        return t->start_year > 0 ? t->start_year : -1;
    return t->enrollment;
}

static int clause_match(ts_filter *f, clause *c, const ts_trial *t)
{
    eq_ctx e;
    long have;

    e.f = f;
    e.c = c;
    e.hit = 0;
    switch (c->op) {
    case OP_EQ:
        each_label(f, c->field, t, eq_label, &e);
        if (fields[c->field].numeric) {
            have = number_of(c->field, t);
            if (have >= 0 && eq_number(c, have))
                e.hit = 1;
        }
        return e.hit;
    case OP_SUB: {
        ts_column col = fields[c->field].col;

        if (fields[c->field].sub & SUB_RAW) {
            const ts_record *rec = t->rec;
            size_t n = rec->len[col];

            if (col == TS_COL_SPONSOR)
                n = t->sponsor_len;
            sub_label(&e, rec->value[col], n, 0);
        }
        if (!e.hit && (fields[c->field].sub & SUB_LABELS))
            each_label(f, c->field, t, sub_label, &e);
        return e.hit;
    }
    default:
        have = number_of(c->field, t);
        if (have < 0)
            return 0;
        switch (c->op) {
        case OP_GE:
            return have >= c->num;
        case OP_LE:
            return have <= c->num;
        case OP_GT:
            return have > c->num;
        default:
            return have < c->num;
        }
    }
}

int filter_match(ts_filter *f, const ts_trial *t)
{
    size_t i;
    int all = 1, sponsor = 0;

    if (!f)
        return 1;
    for (i = 0; i < f->n; i++)
        sponsor |= f->c[i].field == F_SPONSOR;
    if (sponsor) {
        const char *s = t->rec->value[TS_COL_SPONSOR];

        sponsor_key(s, t->sponsor_len, &f->sponsor_key);
        sponsor_display(s, t->sponsor_len, &f->sponsor_shown);
    }
    f->tested++;
    /* Every expression is tried, even after one fails, so each value's
     * "some trial has it" is known for the typo check. */
    for (i = 0; i < f->n; i++)
        if (!clause_match(f, &f->c[i], t))
            all = 0;
    f->passed += (unsigned long)all;
    return all;
}

/* ---- values no trial had ------------------------------------------------ */

/* Edit distance between a[0..n) and b[0..m), both at most CLOSE_BYTES. */
static size_t distance(const char *a, size_t n, const char *b, size_t m)
{
    size_t row[CLOSE_BYTES + 1], i, j;

    for (j = 0; j <= m; j++)
        row[j] = j;
    for (i = 1; i <= n; i++) {
        size_t diag = row[0];

        row[0] = i;
        for (j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);

            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

/* The CLOSEST labels of c nearest to v into out; returns how many. A
 * label that contains the value, or is contained in it, comes first. */
static size_t closest(ts_filter *f, clause *c, const value *v,
                      const char **out)
{
    size_t best[CLOSEST], score[CLOSEST], nbest = 0, i, k;
    size_t vn = v->keylen < CLOSE_BYTES ? v->keylen : CLOSE_BYTES;
    char vkey[CLOSE_BYTES];

    memcpy(vkey, v->key, vn);
    for (i = 0; i < strmap_count(c->labels); i++) {
        const char *label = strmap_key(c->labels, i);
        size_t s, ln;

        if (c->field == F_SPONSOR)
            sponsor_key(label, strlen(label), &f->fold);
        else
            fold_into(&f->fold, label, strlen(label));
        ln = f->fold.len < CLOSE_BYTES ? f->fold.len : CLOSE_BYTES;
        if (contains(f->fold.buf, f->fold.len, v->key, v->keylen) ||
            contains(v->key, v->keylen, f->fold.buf, f->fold.len))
            s = 0;
        else
            s = 1 + distance(vkey, vn, f->fold.buf, ln);
        /* "Not reported" and its kind come only after real labels. */
        if (strcmp(label, TS_LABEL_NOT_REPORTED) == 0 ||
            strcmp(label, TS_LABEL_NOT_APPLICABLE) == 0 ||
            strcmp(label, TS_LABEL_UNCLASSIFIED) == 0)
            s += 1000;
        /* Kept in order of score, then of first appearance. */
        for (k = 0; k < nbest && score[k] <= s; k++)
            ;
        if (k == CLOSEST)
            continue;
        if (nbest < CLOSEST)
            nbest++;
        memmove(best + k + 1, best + k, (nbest - 1 - k) * sizeof(size_t));
        memmove(score + k + 1, score + k, (nbest - 1 - k) * sizeof(size_t));
        best[k] = i;
        score[k] = s;
    }
    for (k = 0; k < nbest; k++)
        out[k] = strmap_key(c->labels, best[k]);
    return nbest;
}

size_t filter_report_unseen(ts_filter *f, ts_filter_unseen_fn fn, void *ctx)
{
    const char *near[CLOSEST];
    size_t i, k, j, n = 0;

    if (!f)
        return 0;
    for (i = 0; i < f->n; i++) {
        clause *c = &f->c[i];

        if (c->op != OP_EQ)
            continue;
        for (k = 0; k < c->ngiven; k++) {
            int covered = c->values[k].seen;

            /* A value a comma split off is fine when the whole it came
             * from is a label ("Active" of "Active, not recruiting"). */
            for (j = c->ngiven; j < c->nvalues && !covered; j++)
                covered = c->values[j].seen && c->values[j].first <= k &&
                          k <= c->values[j].last;
            if (covered)
                continue;
            fn(ctx, c->expr, c->values[k].shown, near,
               closest(f, c, &c->values[k], near));
            n++;
        }
    }
    return n;
}
