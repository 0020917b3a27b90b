/*
 * landscape.c - per-trial normalization and the run's tallies (analyze
 * stage).
 */
#include "analyze/landscape.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/country.h"
#include "analyze/sponsor.h"
#include "common/strbuf.h"
#include "common/strmap.h"
#include "common/xalloc.h"
#include "analyze/vocab.h"


enum {
    UNM_PHASE, UNM_STATUS, UNM_TYPE, UNM_FUNDER, UNM_START, UNM_COUNTRY,
    UNM_CONDITION,
    UNM_COUNT
};

static const char *const unmapped_fields[UNM_COUNT] = {
    "phase", "status", "study_type", "funder_type", "start_date", "country",
    "condition",
};

#define HOLD_TRIALS 5000            /* window of automatic indications */
#define HOLD_BYTES (6u << 20)

/* A record held back until the indications are decided: what it takes to
 * rebuild it, its values being in the landscape's hold buffer (kept small:
 * thousands are held). */
typedef struct held {
    const char *format;             /* static */
    ts_registry registry;
    int copy;
    unsigned long line, row;
    size_t off[TS_COL_COUNT];       /* value offsets in hold_buf */
    uint32_t len[TS_COL_COUNT];     /* (a field is at most 1 GB) */
    uint32_t name[TS_COL_COUNT];    /* ids in hold_files, or NO_NAME */
    uint32_t file;                  /* id in hold_files */
    unsigned char present[TS_COL_COUNT];
} held;

#define NO_NAME UINT32_MAX

struct ts_landscape {
    ts_denominator denom;
    unsigned long trials;
    unsigned long left_out;                 /* read, not counted: --where */
    unsigned long read_serial;              /* records read so far */
    ts_tally *table[TS_TABLE_COUNT];        /* owned */
    size_t seed[TS_DIM_COUNT][32];          /* vocab index -> tally id */
    size_t seed_registry[TS_REG_COUNT];     /* registry -> tally id */
    ts_tally *unmapped[UNM_COUNT];          /* owned */
    ts_countries *own_names;                /* owned; the built-in table */
    const ts_countries *names;              /* country spellings: own_names
                                             * or landscape_set_countries' */
    ts_strmap *country_raw;                 /* owned; country as written ->
                                             * row of country_id */
    size_t *country_id;                     /* owned; its tally id */
    unsigned char *country_unknown;         /* owned; 1: tally id not in
                                             * the table (grown with
                                             * country_mark) */
    size_t country_raw_cap;
    ts_strbuf label;                        /* an unmapped label */
    ts_strbuf countries;                    /* current trial's countries */
    unsigned long *country_mark;            /* owned; country tally id ->
                                             * last trial listing it */
    size_t country_cap;
    size_t *country_ids;                    /* owned; current trial's
                                             * country tally ids */
    size_t ncountry_ids, country_ids_cap;
    const ts_dict *dict;                    /* borrowed; may be NULL */
    ts_indications *ix;                     /* may be NULL */
    ts_indications *own_ix;                 /* owned; ix for rules */
    int seeded;                             /* indication rows seeded */
    unsigned long with_conditions;          /* counted trials */
    held *held;                             /* owned; the window */
    size_t nheld, held_cap;
    ts_strbuf hold_buf;                     /* their values */
    ts_strmap *hold_files;                  /* owned; their file names */
    ts_strmap *hold_ids;                    /* owned; NCT ids held */
    ts_class cls;                           /* current trial's class */
    ts_class probe;                         /* scratch: one intervention */
    ts_strbuf named;                        /* interventions with other
                                             * names standing in */
    ts_strbuf alias;                        /* scratch: one of them */
    size_t *target_row;                     /* owned; dict target -> id */
    size_t *immuno_row;                     /* owned; dict target -> id */
    size_t ntarget_rows;
    ts_strmap *unmatched_keys;              /* owned; key -> row index */
    size_t *unmatched_row;                  /* owned; key id -> tally id */
    size_t unmatched_cap;
    unsigned long mentions, matched, placebo;
    ts_crosstab *xtab[TS_X_COUNT];          /* owned */
    const char *phase_cols[TS_PHASE_COUNT]; /* static labels */
    const char *status_cols[TS_ST_COUNT];   /* static labels */
    const char *modality_cols[TS_MOD_COUNT];/* static labels */
    const char *funder_cols[TS_FUND_COUNT]; /* static labels */
    unsigned char touched[TS_X_COUNT];      /* cross-tabs the current trial
                                             * entered */
    const char *group_cols[TS_GRP_COUNT];   /* static labels */
    ts_enrollment *enroll[TS_ENROLLMENT_TABLES];  /* owned */
    ts_strmap *sponsor_keys;                /* owned; normalised names */
    ts_strbuf sponsor_names;                /* owned; their display forms,
                                             * NUL-ended */
    size_t *sponsor_off;                    /* owned; key id -> offset */
    size_t sponsor_cap;
    ts_strbuf scratch;                      /* owned; a sponsor's key */
};

/* Nominal tables are ordered by count, then name; ordinal ones keep
 * their natural order (the vocabulary's, or by label for years). */
static const ts_table_info table_info[TS_TABLE_COUNT] = {
    {"phase", "Phase", TS_ORDER_SEED, 1, 0, 0, "trials",
     "trials with a known phase", "No phases in this export",
     "Trials by phase; combined phases (I/II, II/III) are their own "
     "categories"},
    {"status", "Status", TS_ORDER_SEED, 1, 0, 0, "trials",
     "trials with a known status", "No statuses in this export",
     "Trials by recruitment status as the registry names it"},
    {"status_group", "Status group", TS_ORDER_SEED, 1, 0, 0, "trials",
     "trials with a known status", "No statuses in this export",
     "Trials by status group: open, planned, closed, completed and the "
     "rest"},
    {"indication", "Indication", TS_ORDER_COUNT, 0, 0, 0, "trials",
     "trials with a known indication", "No conditions in this export",
     "Trials by indication group, from their conditions"},
    {"regimen", "Regimen", TS_ORDER_COUNT, 0, 0, 0, "trials",
     "trials with a classified regimen", "No interventions in this export",
     "Trials by treatment regimen: the modalities a trial combines"},
    {"modality", "Modality", TS_ORDER_COUNT, 0, 1, 0, "trials",
     "trials with a classified modality", "No interventions in this export",
     "Trials by treatment modality; a trial counts once per modality"},
    {"chemo_class", "Chemotherapy class", TS_ORDER_COUNT, 0, 1, 1,
     "trials with chemotherapy", "trials with chemotherapy of a known class",
     "No trials with chemotherapy",
     "Trials with chemotherapy by drug class; a trial counts once per "
     "class"},
    {"targets", "Targets", TS_ORDER_COUNT, 0, 1, 1,
     "trials with a protein target", "trials with a protein target",
     "No trials with a targeted protein",
     "Trials by targeted protein; a multi-kinase drug counts for each of "
     "its targets"},
    {"immuno_targets", "Immunotherapy targets", TS_ORDER_COUNT, 0, 1, 1,
     "trials with an immunotherapy target",
     "trials with an immunotherapy target",
     "No trials with an immunotherapy target",
     "Trials by immunotherapy target; PD-1/PD-L1 (combined) counts a trial "
     "against either or both once"},
    {"study_type", "Study type", TS_ORDER_COUNT, 0, 0, 0, "trials",
     "trials with a known study type", "No study types in this export",
     "Trials by study type"},
    {"funder_type", "Funder type", TS_ORDER_COUNT, 0, 0, 0, "trials",
     "trials with a known funder type", "No funder types in this export",
     "Trials by the lead sponsor's funder type"},
    {"start_year", "Start year", TS_ORDER_LABEL, 1, 0, 0, "trials",
     "trials with a known start year", "No start dates in this export",
     "Trials by the year they started (or are to start)"},
    {"country", "Country", TS_ORDER_COUNT, 0, 1, 0, "trials",
     "trials with a known country", "No locations in this export",
     "Trials by country of their sites; a trial counts once per country"},
    {"sponsor", "Sponsor", TS_ORDER_COUNT, 0, 0, 0, "trials",
     "trials with a known sponsor", "No sponsors in this export",
     "Trials by lead sponsor; spellings of one name (case, punctuation, "
     "legal form) count as one"},
    {"registry", "Source registry", TS_ORDER_COUNT, 0, 1, 0, "trials",
     "trials with a known source registry", "No registries in this export",
     "Trials by the registries holding a record of them; a trial merged "
     "across registries counts once per registry"},
    {"design", "Design", TS_ORDER_COUNT, 0, 0, 0, "trials",
     "trials with a known design", "No study designs in this export",
     "Trials by allocation: randomized, non-randomized or single arm; "
     "observational studies are not applicable"},
    {"masking", "Masking", TS_ORDER_SEED, 1, 0, 0, "trials",
     "trials with a known masking", "No study designs in this export",
     "Trials by masking (blinding), from open label to quadruple"},
    {"results", "Results posted", TS_ORDER_COUNT, 0, 0, 0, "trials",
     "trials known to have results or not", "No results status in this export",
     "Trials with results posted on the registry, and without"},
    {"unmatched", "Unmatched interventions", TS_ORDER_COUNT, 0, 1, 0,
     "trials", "trials", "Every drug name was matched",
     "Intervention names no dictionary entry matched, by trials"},
};

/* Scopes are what crosstab_trials() counts: every trial that entered
 * the cross-tab, "Not reported" rows included. */
static const ts_xtab_info xtab_info[TS_X_COUNT] = {
    {"trials", 0, 0, 0, "Trials by phase (rows) and status (columns)"},
    {"trials", 0, 1, 0,
     "Trials by indication and phase; gaps: no trial at phase II or later"},
    {"trials with a classified modality", 0, 0, 1,
     "Trials by modality and phase; a trial counts once per modality"},
    {"trials", 1, 0, 0, "Trials started per year, by phase"},
    {"trials with a molecular target", 0, 1, 1,
     "Trials by molecular target and phase; gaps: no trial at phase II or "
     "later"},
    {"trials with a classified modality", 1, 0, 1,
     "Trials started per year, by modality; a trial counts once per "
     "modality"},
    {"trials", 0, 0, 0, "Trials by lead sponsor and its funder type"},
    {"trials", 1, 0, 0, "Trials started per year, by status group"},
    {"trials", 0, 0, 0, "Trials by lead sponsor and phase"},
    {"trials funded by industry", 0, 0, 0,
     "Trials of industry lead sponsors, by phase (sponsor x phase where "
     "the funder type is Industry)"},
    {"trials of another known funder type", 0, 0, 0,
     "Trials of other lead sponsors, by phase (sponsor x phase where the "
     "funder type is known and not Industry)"},
};

const ts_table_info *landscape_table_info(ts_table i)
{
    return &table_info[i];
}

const ts_xtab_info *landscape_xtab_info(ts_xtab i)
{
    return &xtab_info[i];
}

int landscape_phase_late(size_t col)
{
    return col == TS_PHASE_1_2 || col == TS_PHASE_2 || col == TS_PHASE_2_3 ||
           col == TS_PHASE_3 || col == TS_PHASE_4;
}

/* The tables of a fixed vocabulary, seeded with it. */
static const struct {
    ts_table table;
    ts_dim dim;
} dim_table[] = {
    {TS_TABLE_PHASE, TS_DIM_PHASE},
    {TS_TABLE_STATUS, TS_DIM_STATUS},
    {TS_TABLE_STATUS_GROUP, TS_DIM_STATUS_GROUP},
    {TS_TABLE_STUDY_TYPE, TS_DIM_STUDY_TYPE},
    {TS_TABLE_FUNDER_TYPE, TS_DIM_FUNDER},
    {TS_TABLE_DESIGN, TS_DIM_DESIGN},
    {TS_TABLE_MASKING, TS_DIM_MASKING},
    {TS_TABLE_RESULTS, TS_DIM_RESULTS},
};

ts_landscape *landscape_new(ts_denominator denominator)
{
    ts_landscape *ls = xcalloc(1, sizeof(*ls));
    size_t i, k;

    ls->denom = denominator;
    for (i = 0; i < TS_TABLE_COUNT; i++)
        ls->table[i] = tally_new(table_info[i].name, table_info[i].title,
                                 table_info[i].order);
    for (i = 0; i < sizeof(dim_table) / sizeof(dim_table[0]); i++) {
        ts_dim d = dim_table[i].dim;

        for (k = 0; k < norm_count(d); k++)
            ls->seed[d][k] = tally_seed(ls->table[dim_table[i].table],
                                        norm_label(d, (int)k));
    }
    for (i = 0; i < UNM_COUNT; i++)
        ls->unmapped[i] = tally_new(unmapped_fields[i], unmapped_fields[i],
                                    TS_ORDER_COUNT);
    for (k = 0; k < TS_MOD_COUNT; k++)
        tally_seed(ls->table[TS_TABLE_MODALITY],
                   dict_modality_label((ts_modality)k));
    for (k = 0; k < TS_CHEMO_COUNT; k++)
        tally_seed(ls->table[TS_TABLE_CHEMO_CLASS],
                   dict_chemo_label((ts_chemo_class)k));
    ls->unmatched_keys = strmap_new();
    ls->own_names = country_new();
    ls->names = ls->own_names;
    ls->country_raw = strmap_new();
    /* Registries in their order; trials of an unknown one are "Not
     * reported". */
    for (k = 1; k < TS_REG_COUNT; k++)
        ls->seed_registry[k] = tally_seed(ls->table[TS_TABLE_REGISTRY],
                                          registry_name((ts_registry)k));
    for (k = 0; k < TS_PHASE_COUNT; k++)
        ls->phase_cols[k] = norm_label(TS_DIM_PHASE, (int)k);
    for (k = 0; k < TS_ST_COUNT; k++)
        ls->status_cols[k] = norm_label(TS_DIM_STATUS, (int)k);
    for (k = 0; k < TS_MOD_COUNT; k++)
        ls->modality_cols[k] = dict_modality_label((ts_modality)k);
    for (k = 0; k < TS_FUND_COUNT; k++)
        ls->funder_cols[k] = norm_label(TS_DIM_FUNDER, (int)k);
    ls->xtab[TS_X_PHASE_STATUS] =
        crosstab_new("phase_x_status", "Phase x status", "Phase", "Status",
                     TS_ORDER_SEED, ls->status_cols, TS_ST_COUNT);
    for (k = 0; k < TS_PHASE_COUNT; k++)
        crosstab_seed_row(ls->xtab[TS_X_PHASE_STATUS], ls->phase_cols[k]);
    ls->xtab[TS_X_INDICATION_PHASE] = crosstab_new(
        "indication_x_phase", "Indication x phase", "Indication", "Phase",
        TS_ORDER_COUNT, ls->phase_cols, TS_PHASE_COUNT);
    ls->xtab[TS_X_MODALITY_PHASE] =
        crosstab_new("modality_x_phase", "Modality x phase", "Modality",
                     "Phase", TS_ORDER_COUNT, ls->phase_cols, TS_PHASE_COUNT);
    for (k = 0; k < TS_MOD_COUNT; k++)
        crosstab_seed_row(ls->xtab[TS_X_MODALITY_PHASE],
                          dict_modality_label((ts_modality)k));
    ls->xtab[TS_X_YEAR_PHASE] =
        crosstab_new("start_year_x_phase", "Start year x phase", "Start year",
                     "Phase", TS_ORDER_LABEL, ls->phase_cols, TS_PHASE_COUNT);
    ls->xtab[TS_X_TARGET_PHASE] =
        crosstab_new("target_x_phase", "Target x phase", "Target", "Phase",
                     TS_ORDER_COUNT, ls->phase_cols, TS_PHASE_COUNT);
    ls->xtab[TS_X_YEAR_MODALITY] = crosstab_new(
        "start_year_x_modality", "Start year x modality", "Start year",
        "Modality", TS_ORDER_LABEL, ls->modality_cols, TS_MOD_COUNT);
    ls->xtab[TS_X_SPONSOR_FUNDER] = crosstab_new(
        "sponsor_x_funder_type", "Sponsor x funder type", "Sponsor",
        "Funder type", TS_ORDER_COUNT, ls->funder_cols, TS_FUND_COUNT);
    for (k = 0; k < TS_GRP_COUNT; k++)
        ls->group_cols[k] = norm_label(TS_DIM_STATUS_GROUP, (int)k);
    ls->xtab[TS_X_YEAR_GROUP] = crosstab_new(
        "start_year_x_status_group", "Start year x status group",
        "Start year", "Status group", TS_ORDER_LABEL, ls->group_cols,
        TS_GRP_COUNT);
    ls->xtab[TS_X_SPONSOR_PHASE] =
        crosstab_new("sponsor_x_phase", "Sponsor x phase", "Sponsor", "Phase",
                     TS_ORDER_COUNT, ls->phase_cols, TS_PHASE_COUNT);
    ls->xtab[TS_X_INDUSTRY_SPONSOR_PHASE] = crosstab_new(
        "industry_sponsor_x_phase", "Industry sponsor x phase",
        "Industry sponsor", "Phase", TS_ORDER_COUNT, ls->phase_cols,
        TS_PHASE_COUNT);
    ls->xtab[TS_X_OTHER_SPONSOR_PHASE] = crosstab_new(
        "other_sponsor_x_phase", "Other sponsor x phase", "Other sponsor",
        "Phase", TS_ORDER_COUNT, ls->phase_cols, TS_PHASE_COUNT);
    ls->enroll[0] = enrollment_new("enrollment_by_phase",
                                   "Enrollment by phase", "Phase");
    for (k = 0; k < TS_PHASE_COUNT; k++)
        enrollment_seed(ls->enroll[0], ls->phase_cols[k]);
    ls->enroll[1] = enrollment_new("enrollment_by_indication",
                                   "Enrollment by indication", "Indication");
    ls->sponsor_keys = strmap_new();
    return ls;
}

ts_crosstab *landscape_crosstab(ts_landscape *ls, ts_xtab i)
{
    return ls->xtab[i];
}

void landscape_set_countries(ts_landscape *ls, const ts_countries *ct)
{
    ls->names = ct ? ct : ls->own_names;
}

/* Seeds the indication rows once the grouping is known. */
static void seed_indications(ts_landscape *ls)
{
    size_t i, n;

    if (ls->seeded || !ls->ix || indication_pending(ls->ix))
        return;
    ls->seeded = 1;
    n = indication_ngroups(ls->ix);
    for (i = 0; i < n; i++) {
        tally_seed(ls->table[TS_TABLE_INDICATION],
                   indication_group(ls->ix, i));
        crosstab_seed_row(ls->xtab[TS_X_INDICATION_PHASE],
                          indication_group(ls->ix, i));
        enrollment_seed(ls->enroll[1], indication_group(ls->ix, i));
    }
}

void landscape_set_indications(ts_landscape *ls, ts_indications *ix)
{
    ls->ix = ix;
    ls->seeded = 0;
    seed_indications(ls);
}

ts_indications *landscape_indications(const ts_landscape *ls)
{
    return ls->ix;
}

unsigned long landscape_trials_with_conditions(const ts_landscape *ls)
{
    return ls->with_conditions;
}

void landscape_set_classifier(ts_landscape *ls, const ts_dict *dict,
                              const ts_rules *rules)
{
    size_t i, n = dict ? dict_ntargets(dict) : 0;

    ls->dict = dict;
    indication_free(ls->own_ix);
    ls->own_ix = NULL;
    if (rules) {
        ls->own_ix = indication_new();
        indication_use_rules(ls->own_ix, rules, rules_path(rules),
                             TS_GROUPING_FILE);
    }
    landscape_set_indications(ls, ls->own_ix);
    free(ls->target_row);
    free(ls->immuno_row);
    ls->target_row = xmalloc((n ? n : 1) * sizeof(size_t));
    ls->immuno_row = xmalloc((n ? n : 1) * sizeof(size_t));
    for (i = 0; i < n; i++)
        ls->target_row[i] = ls->immuno_row[i] = TS_STRMAP_NONE;
    ls->ntarget_rows = n;
}

void landscape_coverage(const ts_landscape *ls, unsigned long *mentions,
                        unsigned long *matched, unsigned long *placebo)
{
    *mentions = ls->mentions;
    *matched = ls->matched;
    *placebo = ls->placebo;
}

void landscape_free(ts_landscape *ls)
{
    size_t i;

    if (!ls)
        return;
    for (i = 0; i < TS_TABLE_COUNT; i++)
        tally_free(ls->table[i]);
    for (i = 0; i < UNM_COUNT; i++)
        tally_free(ls->unmapped[i]);
    country_free(ls->own_names);
    free(ls->country_unknown);
    strmap_free(ls->country_raw);
    free(ls->country_id);
    sb_free(&ls->label);
    sb_free(&ls->countries);
    free(ls->country_mark);
    free(ls->country_ids);
    classify_free(&ls->cls);
    classify_free(&ls->probe);
    sb_free(&ls->named);
    sb_free(&ls->alias);
    free(ls->target_row);
    free(ls->immuno_row);
    strmap_free(ls->unmatched_keys);
    free(ls->unmatched_row);
    for (i = 0; i < TS_X_COUNT; i++)
        crosstab_free(ls->xtab[i]);
    indication_free(ls->own_ix);
    free(ls->held);
    sb_free(&ls->hold_buf);
    strmap_free(ls->hold_files);
    strmap_free(ls->hold_ids);
    for (i = 0; i < TS_ENROLLMENT_TABLES; i++)
        enrollment_free(ls->enroll[i]);
    strmap_free(ls->sponsor_keys);
    sb_free(&ls->sponsor_names);
    free(ls->sponsor_off);
    sb_free(&ls->scratch);
    free(ls);
}

static void count(ts_landscape *ls, ts_table t, ts_dim d, int idx)
{
    tally_add_id(ls->table[t], ls->seed[d][idx], 1);
}

static void unmapped(ts_landscape *ls, int field, const char *v, size_t n)
{
    /* One line of a long value is enough to recognize it. */
    size_t k = 0;

    while (k < n && k < 200 && v[k] != '\n')
        k++;
    /* 2026-11-23: the cut split a UTF-8 character, and the invalid label
     * went to unmapped.tsv and landscape.json (fuzz_ingest_tsv). Cut where
     * a character begins. */
    while (k > 0 && k < n && ((unsigned char)v[k] & 0xC0) == 0x80)
        k--;
    tally_add(ls->unmapped[field], v, k, 1);
}

/* Lists a value of another registry in unmapped.tsv: on one line, with
 * its registry and, when it was mapped although ambiguous, the category
 * it was counted as. */
static void unmapped_vocab(ts_landscape *ls, int field, const char *v,
                           size_t n, ts_registry reg, const char *counted)
{
    size_t i, kept = 0;
    int space = 0;

    sb_reset(&ls->label);
    for (i = 0; i < n && kept < 200; i++) {
        char c = v[i];

        if (c == '\n') {
            sb_puts(&ls->label, " / ");
            space = 0;
            while (i + 1 < n && (v[i + 1] == ' ' || v[i + 1] == '\t'))
                i++;
            continue;
        }
        if (c == ' ' || c == '\t') {
            space = 1;
            continue;
        }
        if (space && ls->label.len)
            sb_putc(&ls->label, ' ');
        space = 0;
        sb_putc(&ls->label, c);
        kept++;
    }
    /* Cut where a character begins (see unmapped()). */
    while (i < n && i > 0 && ((unsigned char)v[i] & 0xC0) == 0x80 &&
           ls->label.len > 0 &&
           ((unsigned char)ls->label.buf[ls->label.len - 1] & 0xC0) != 0) {
        ls->label.len--;
        if (((unsigned char)ls->label.buf[ls->label.len] & 0xC0) == 0xC0)
            break;
    }
    ls->label.buf[ls->label.len] = '\0';
    if (counted)
        sb_printf(&ls->label, " [%s; counted as %s]",
                  registry_name(reg), counted);
    else
        sb_printf(&ls->label, " [%s]", registry_name(reg));
    tally_add(ls->unmapped[field], ls->label.buf, ls->label.len, 1);
}

/* Makes country_mark[] and country_unknown[] hold tally id id. */
static void grow_country_marks(ts_landscape *ls, size_t id)
{
    size_t cap = ls->country_cap ? ls->country_cap : 256;

    if (id < ls->country_cap)
        return;
    while (cap <= id)
        cap *= 2;
    ls->country_mark = xrealloc(ls->country_mark, cap * sizeof(unsigned long));
    memset(ls->country_mark + ls->country_cap, 0,
           (cap - ls->country_cap) * sizeof(unsigned long));
    ls->country_unknown = xrealloc(ls->country_unknown, cap);
    memset(ls->country_unknown + ls->country_cap, 0, cap - ls->country_cap);
    ls->country_cap = cap;
}

/* The tally id of a country as written: its canonical spelling's row,
 * found once per distinct spelling (one hash lookup per site after). */
static size_t country_row(ts_landscape *ls, const char *c, size_t clen)
{
    int added;
    size_t k = strmap_intern(ls->country_raw, c, clen, &added);

    if (added) {
        size_t len, id;
        const char *name = country_canonical(ls->names, c, clen, &len);

        if (k >= ls->country_raw_cap) {
            ls->country_raw_cap = ls->country_raw_cap
                                      ? ls->country_raw_cap * 2
                                      : 256;
            ls->country_id = xrealloc(ls->country_id,
                                      ls->country_raw_cap * sizeof(size_t));
        }
        id = tally_add(ls->table[TS_TABLE_COUNTRY], name, len, 0);
        ls->country_id[k] = id;
        grow_country_marks(ls, id);
        /* A spelling the table lacks is its own country, and listed in
         * unmapped.tsv; another spelling of a known country may have
         * made the same label known. */
        if (!country_lookup(ls->names, name, len))
            ls->country_unknown[id] = 1;
    }
    return ls->country_id[k];
}

/* Collects the trial's distinct countries (their tally ids, for counting
 * once each later) and their "; "-joined names, from its country list,
 * else its sites; one spelling per country (country.h). */
static void read_countries(ts_landscape *ls, const ts_record *rec)
{
    int sites = !(rec->present[TS_COL_COUNTRIES] &&
                  rec->len[TS_COL_COUNTRIES]);
    const char *v = rec->value[sites ? TS_COL_LOCATIONS : TS_COL_COUNTRIES];
    size_t n = rec->len[sites ? TS_COL_LOCATIONS : TS_COL_COUNTRIES];
    size_t pos = 0, clen;
    const char *c;
    ts_tally *t = ls->table[TS_TABLE_COUNTRY];
    /* Numbers this trial among all read. */
    unsigned long trial = ++ls->read_serial;

    sb_reset(&ls->countries);
    ls->ncountry_ids = 0;
    while (country_next(ls->names, v, n, sites, &pos, &c, &clen)) {
        /* 2026-11-23: each location rescanned the trial's list, so many
         * distinct countries took quadratic time (a 64 KB row, 2 s; a
         * 16 MB field, hours; fuzz_ingest_csv timeout). The country's id
         * in its table marks it listed for this trial. */
        size_t id = country_row(ls, c, clen);

        if (ls->country_mark[id] == trial)
            continue;
        ls->country_mark[id] = trial;
        if (ls->country_unknown[id])
            tally_add(ls->unmapped[UNM_COUNTRY], tally_label(t, id),
                      strlen(tally_label(t, id)), 1);
        if (ls->ncountry_ids)
            sb_puts(&ls->countries, "; ");
        sb_puts(&ls->countries, tally_label(t, id));
        if (ls->ncountry_ids == ls->country_ids_cap) {
            ls->country_ids_cap = ls->country_ids_cap ? ls->country_ids_cap * 2
                                                      : 16;
            ls->country_ids = xrealloc(ls->country_ids, ls->country_ids_cap *
                                                            sizeof(size_t));
        }
        ls->country_ids[ls->ncountry_ids++] = id;
    }
}

/* Each registry whose record is part of the trial, once. */
static void count_registries(ts_landscape *ls, unsigned registries)
{
    ts_tally *t = ls->table[TS_TABLE_REGISTRY];
    size_t r;

    if (registries & 1u)
        tally_add(t, TS_LABEL_NOT_REPORTED, strlen(TS_LABEL_NOT_REPORTED), 1);
    for (r = 1; r < TS_REG_COUNT; r++)
        if (registries & (1u << r))
            tally_add_id(t, ls->seed_registry[r], 1);
}

static void count_countries(ts_landscape *ls)
{
    ts_tally *t = ls->table[TS_TABLE_COUNTRY];
    size_t i;

    for (i = 0; i < ls->ncountry_ids; i++)
        tally_add_id(t, ls->country_ids[i], 1);
    if (!ls->ncountry_ids)
        tally_add(t, TS_LABEL_NOT_REPORTED, strlen(TS_LABEL_NOT_REPORTED), 1);
}

static void add_year(ts_landscape *ls, int year, const ts_record *rec)
{
    ts_tally *t = ls->table[TS_TABLE_START_YEAR];
    char buf[8];

    if (year == 0) {
        tally_add(t, TS_LABEL_NOT_REPORTED, strlen(TS_LABEL_NOT_REPORTED), 1);
    } else if (year < 0) {
        tally_add(t, TS_LABEL_UNCLASSIFIED, strlen(TS_LABEL_UNCLASSIFIED), 1);
        unmapped(ls, UNM_START, rec->value[TS_COL_START],
                 rec->len[TS_COL_START]);
    } else {
        buf[0] = (char)('0' + year / 1000);
        buf[1] = (char)('0' + year / 100 % 10);
        buf[2] = (char)('0' + year / 10 % 10);
        buf[3] = (char)('0' + year % 10);
        tally_add(t, buf, 4, 1);
    }
}

static void add_label(ts_landscape *ls, ts_table t, const char *label)
{
    tally_add(ls->table[t], label, strlen(label), 1);
}

/* 1 if text names a substance of the dictionary. */
static int names_substance(ts_landscape *ls, const char *text, size_t len)
{
    classify_reset(&ls->probe);
    return classify_intervention(ls->dict, text, len, &ls->probe) > 0;
}

/*
 * Structured exports (ClinicalTrials.gov JSON) give each intervention its
 * other names: an intervention whose own name names no substance ("Study
 * drug X") stands in by its first other name that does ("pazopanib"),
 * with its type. Returns the Interventions field to classify, and its
 * length in *len: the record's own when nothing changes.
 */
static const char *with_other_names(ts_landscape *ls, const ts_record *rec,
                                    size_t *len)
{
    const char *iv = rec->value[TS_COL_INTERVENTIONS];
    const char *on = rec->value[TS_COL_INTERVENTION_OTHER_NAMES];
    size_t ni = rec->len[TS_COL_INTERVENTIONS];
    size_t no = rec->len[TS_COL_INTERVENTION_OTHER_NAMES];
    size_t a = 0, b = 0;
    int changed = 0;

    *len = ni;
    if (!no || !ni)
        return iv;
    sb_reset(&ls->named);
    for (;;) {
        size_t ae = a, be = b, start;
        const char *use = iv + a;
        size_t ulen;

        while (ae < ni && iv[ae] != '|')
            ae++;
        while (be < no && on[be] != '|')
            be++;
        ulen = ae - a;
        if (be > b && !names_substance(ls, iv + a, ae - a)) {
            size_t p = b;

            classify_type(iv + a, ae - a, &start);
            while (start > 0 && iv[a + start - 1] == ' ')
                start--;
            while (p < be) {
                size_t q = p;

                while (q < be && !(on[q] == ';' && q + 1 < be &&
                                   on[q + 1] == ' '))
                    q++;
                sb_reset(&ls->alias);
                sb_append(&ls->alias, iv + a, start);
                if (start)
                    sb_putc(&ls->alias, ' ');
                sb_append(&ls->alias, on + p, q - p);
                if (q > p && names_substance(ls, ls->alias.buf,
                                             ls->alias.len)) {
                    use = ls->alias.buf;
                    ulen = ls->alias.len;
                    changed = 1;
                    break;
                }
                p = q < be ? q + 2 : be;
            }
        }
        if (ls->named.len)
            sb_putc(&ls->named, '|');
        sb_append(&ls->named, use, ulen);
        if (ae >= ni)
            break;
        a = ae + 1;
        b = be < no ? be + 1 : be;
    }
    if (!changed)
        return iv;
    *len = ls->named.len;
    return ls->named.buf;
}

/* Indication and intervention classes of one trial, counted or not. */
static void classify_all(ts_landscape *ls, const ts_record *rec,
                         ts_trial *trial)
{
    const char *cond = rec->value[TS_COL_CONDITIONS];
    size_t ncond = rec->len[TS_COL_CONDITIONS];

    if (ls->ix) {
        indication_decide(ls->ix);
        seed_indications(ls);
        trial->indication =
            indication_label(ls->ix, cond, ncond,
                             rec->value[TS_COL_CONDITION_MESH_ID],
                             rec->len[TS_COL_CONDITION_MESH_ID]);
    }
    if (ls->dict) {
        size_t n;
        const char *iv = with_other_names(ls, rec, &n);

        classify_reset(&ls->cls);
        classify_trial(ls->dict, iv, n, &ls->cls);
        trial->cls = &ls->cls;
        trial->dict = ls->dict;
        /* The regimen label as its table shows it, in trials.tsv too. */
        if (!ls->cls.regimen.len)
            sb_puts(&ls->cls.regimen, rec->len[TS_COL_INTERVENTIONS]
                                          ? TS_LABEL_UNCLASSIFIED
                                          : TS_LABEL_NOT_REPORTED);
    }
}

static void count_target(ts_landscape *ls, ts_table t, size_t *rows,
                         size_t id)
{
    if (id >= ls->ntarget_rows)
        return;
    if (rows[id] == TS_STRMAP_NONE) {
        const ts_target *tg = dict_target(ls->dict, id);

        rows[id] = tally_add(ls->table[t], tg->display, strlen(tg->display),
                             0);
    }
    tally_add_id(ls->table[t], rows[id], 1);
}

static void count_classes(ts_landscape *ls, const ts_record *rec,
                          const ts_trial *trial)
{
    const ts_class *c = trial->cls;
    int has_items = rec->len[TS_COL_INTERVENTIONS] > 0;
    size_t i, n;
    int pd = 0;

    if (trial->indication) {
        add_label(ls, TS_TABLE_INDICATION, trial->indication);
        if (rec->len[TS_COL_CONDITIONS] || rec->len[TS_COL_CONDITION_MESH_ID])
            ls->with_conditions++;
        for (i = 0; i < indication_nunmapped(ls->ix); i++) {
            size_t un;
            const char *u = indication_unmapped(ls->ix, i, &un);

            unmapped(ls, UNM_CONDITION, u, un);
        }
    }
    if (!c)
        return;
    ls->mentions += c->mentions;
    ls->matched += c->matched;
    ls->placebo += c->placebo;
    add_label(ls, TS_TABLE_REGIMEN, sb_str(&c->regimen));
    if (!has_items) {
        add_label(ls, TS_TABLE_MODALITY, TS_LABEL_NOT_REPORTED);
    } else if (!c->modalities) {
        add_label(ls, TS_TABLE_MODALITY, TS_LABEL_UNCLASSIFIED);
    } else {
        for (i = 0; i < TS_MOD_COUNT; i++)
            if (c->modalities & (1u << i))
                add_label(ls, TS_TABLE_MODALITY,
                          dict_modality_label((ts_modality)i));
    }
    if (!(c->modalities & (1u << TS_MOD_CHEMO)))
        add_label(ls, TS_TABLE_CHEMO_CLASS, TS_LABEL_NOT_APPLICABLE);
    else if (!c->chemo_classes)
        add_label(ls, TS_TABLE_CHEMO_CLASS, TS_LABEL_UNCLASSIFIED);
    for (i = 0; i < TS_CHEMO_COUNT; i++)
        if (c->chemo_classes & (1u << i))
            add_label(ls, TS_TABLE_CHEMO_CLASS,
                      dict_chemo_label((ts_chemo_class)i));
    /* Panel F is about targeted proteins; immune targets are panel G's. */
    for (i = 0, n = 0; i < c->targets.n; i++)
        if (!dict_target(ls->dict, c->targets.id[i])->immune) {
            count_target(ls, TS_TABLE_TARGETS, ls->target_row,
                         c->targets.id[i]);
            n++;
        }
    if (!n)
        add_label(ls, TS_TABLE_TARGETS, TS_LABEL_NOT_APPLICABLE);
    /* PD-1 and PD-L1 share one row, so a trial against both (or two
     * anti-PD-1 agents) counts once and no trial counts twice. */
    for (i = 0; i < c->immuno.n; i++) {
        const char *sym = dict_target(ls->dict, c->immuno.id[i])->symbol;

        if (strcmp(sym, "PDCD1") == 0 || strcmp(sym, "CD274") == 0)
            pd = 1;
        else
            count_target(ls, TS_TABLE_IMMUNO_TARGETS, ls->immuno_row,
                         c->immuno.id[i]);
    }
    if (pd)
        add_label(ls, TS_TABLE_IMMUNO_TARGETS, TS_LABEL_PD1_PDL1);
    if (!c->immuno.n)
        add_label(ls, TS_TABLE_IMMUNO_TARGETS, TS_LABEL_NOT_APPLICABLE);
    for (i = 0; i < c->nunmatched; i++) {
        const char *key = classify_unmatched_key(c, i);
        const char *text = classify_unmatched(c, i);
        int added;
        size_t k = strmap_intern(ls->unmatched_keys, key, strlen(key),
                                 &added);

        if (added) {
            /* The first spelling seen names the row; others share it. */
            if (k >= ls->unmatched_cap) {
                ls->unmatched_cap = ls->unmatched_cap ? ls->unmatched_cap * 2
                                                      : 256;
                ls->unmatched_row = xrealloc(
                    ls->unmatched_row, ls->unmatched_cap * sizeof(size_t));
            }
            ls->unmatched_row[k] = tally_add(
                ls->table[TS_TABLE_UNMATCHED], text, strlen(text), 0);
        }
        tally_add_id(ls->table[TS_TABLE_UNMATCHED], ls->unmatched_row[k], 1);
    }
}

static void xadd(ts_landscape *ls, ts_xtab x, const char *row, size_t col)
{
    crosstab_add(ls->xtab[x], row, strlen(row), col);
    ls->touched[x] = 1;
}

/* The trial's lead sponsor as its tables show it: the first spelling
 * seen of its normalised name (sponsor.h), or "Not reported" when it has
 * none. A view valid until the next call. */
static const char *sponsor_name(ts_landscape *ls, const ts_trial *t)
{
    const char *s = t->rec->value[TS_COL_SPONSOR];
    int added;
    size_t id;

    if (!sponsor_key(s, t->sponsor_len, &ls->scratch))
        return TS_LABEL_NOT_REPORTED;
    id = strmap_intern(ls->sponsor_keys, ls->scratch.buf, ls->scratch.len,
                       &added);
    if (added) {
        ts_strbuf shown = {0};

        if (id >= ls->sponsor_cap) {
            ls->sponsor_cap = ls->sponsor_cap ? ls->sponsor_cap * 2 : 256;
            ls->sponsor_off = xrealloc(ls->sponsor_off,
                                       ls->sponsor_cap * sizeof(size_t));
        }
        sponsor_display(s, t->sponsor_len, &shown);
        ls->sponsor_off[id] = ls->sponsor_names.len;
        sb_append(&ls->sponsor_names, shown.buf, shown.len + 1);
        sb_free(&shown);
    }
    return ls->sponsor_names.buf + ls->sponsor_off[id];
}

/* The cross-tabs of one counted trial, whose lead sponsor is shown as
 * sponsor; phase is the column of all but phase x status. Each cross-tab
 * the trial enters counts it once. */
static void count_crosstabs(ts_landscape *ls, const ts_trial *t,
                            const char *sponsor)
{
    const ts_class *c = t->cls;
    size_t i, ph = (size_t)t->phase, mods[TS_MOD_COUNT], nmods = 0;
    char buf[12];
    const char *year = buf;

    memset(ls->touched, 0, sizeof(ls->touched));
    xadd(ls, TS_X_PHASE_STATUS, ls->phase_cols[ph], (size_t)t->status);
    if (t->indication)
        xadd(ls, TS_X_INDICATION_PHASE, t->indication, ph);
    if (t->start_year > 0)
        snprintf(buf, sizeof(buf), "%d", t->start_year);
    else
        year = t->start_year == 0 ? TS_LABEL_NOT_REPORTED
                                  : TS_LABEL_UNCLASSIFIED;
    xadd(ls, TS_X_YEAR_PHASE, year, ph);
    xadd(ls, TS_X_YEAR_GROUP, year, (size_t)t->group);
    xadd(ls, TS_X_SPONSOR_FUNDER, sponsor, (size_t)t->funder);
    xadd(ls, TS_X_SPONSOR_PHASE, sponsor, ph);
    /* sponsor x phase split by the trial's funder type, so a row of
     * either equals its sponsor's cells in sponsor x funder type:
     * industry against every other known funder type; a trial whose
     * funder type is ambiguous or not known is in neither. */
    if (t->funder == TS_FUND_INDUSTRY)
        xadd(ls, TS_X_INDUSTRY_SPONSOR_PHASE, sponsor, ph);
    else if (t->funder != TS_FUND_AMBIG && t->funder < TS_FUND_UNKNOWN)
        xadd(ls, TS_X_OTHER_SPONSOR_PHASE, sponsor, ph);
    if (c) {
        for (i = 0; i < TS_MOD_COUNT; i++)
            if (c->modalities & (1u << i)) {
                xadd(ls, TS_X_MODALITY_PHASE,
                     dict_modality_label((ts_modality)i), ph);
                mods[nmods++] = i;
            }
        if (nmods) {
            /* One trial in its year's row, once per modality. */
            crosstab_add_cols(ls->xtab[TS_X_YEAR_MODALITY], year,
                              strlen(year), mods, nmods);
            ls->touched[TS_X_YEAR_MODALITY] = 1;
        }
        /* Every molecular target, immune ones included: the gap
         * matrix. */
        for (i = 0; i < c->targets.n; i++)
            xadd(ls, TS_X_TARGET_PHASE,
                 dict_target(ls->dict, c->targets.id[i])->display, ph);
        for (i = 0; i < c->immuno.n; i++)
            if (!idset_has(&c->targets, c->immuno.id[i]))
                xadd(ls, TS_X_TARGET_PHASE,
                     dict_target(ls->dict, c->immuno.id[i])->display, ph);
    }
    for (i = 0; i < TS_X_COUNT; i++)
        if (ls->touched[i])
            crosstab_count_trial(ls->xtab[i]);
}

/* The lead sponsor's length in the Sponsor value: classic
 * "Sponsor/Collaborators" lists the lead sponsor first. */
static size_t lead_sponsor_len(const char *s, size_t n)
{
    size_t k = 0;

    while (k < n && s[k] != '|')
        k++;
    return k;
}

/* Enrollment as a whole number of participants, or -1 when the value is
 * empty or not a plain number. */
static long read_enrollment(const char *v, size_t n)
{
    long x = 0;
    size_t i;

    if (n == 0 || n > 9)
        return -1;
    for (i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return -1;
        x = x * 10 + (v[i] - '0');
    }
    return x;
}

void landscape_read(ts_landscape *ls, const ts_merged *m, ts_trial *trial)
{
    const ts_record *rec = m->rec;
    const char *const *v = rec->value;
    const size_t *n = rec->len;

    memset(trial, 0, sizeof(*trial));
    trial->rec = rec;
    trial->merged = m;
    if (strlen(m->nct) == 11)
        memcpy(trial->nct, m->nct, 12);
    if (vocab_applies(rec)) {
        /* Other registries' words (vocab.h); ambiguous ones are counted
         * and listed in unmapped.tsv. */
        ts_registry reg = vocab_registry(rec);
        int amb = 0;

        trial->other_vocab = 1;
        trial->study_type = vocab_study_type(reg, v[TS_COL_STUDY_TYPE],
                                             n[TS_COL_STUDY_TYPE], &amb);
        trial->ambiguous |= amb ? TS_AMBIGUOUS_TYPE : 0;
        trial->phase = vocab_phase(reg, v[TS_COL_PHASES], n[TS_COL_PHASES],
                                   trial->study_type, &amb);
        trial->ambiguous |= amb ? TS_AMBIGUOUS_PHASE : 0;
        trial->status = vocab_status(reg, v[TS_COL_STATUS], n[TS_COL_STATUS],
                                     &amb);
        trial->ambiguous |= amb ? TS_AMBIGUOUS_STATUS : 0;
        trial->funder = vocab_funder(reg, v[TS_COL_FUNDER], n[TS_COL_FUNDER]);
    } else {
        trial->phase = norm_phase(v[TS_COL_PHASES], n[TS_COL_PHASES]);
        trial->status = norm_status(v[TS_COL_STATUS], n[TS_COL_STATUS]);
        trial->study_type =
            norm_study_type(v[TS_COL_STUDY_TYPE], n[TS_COL_STUDY_TYPE]);
        trial->funder = norm_funder(v[TS_COL_FUNDER], n[TS_COL_FUNDER]);
    }
    trial->group = norm_status_group(trial->status);
    trial->start_year = norm_year(v[TS_COL_START], n[TS_COL_START]);
    trial->enrollment =
        read_enrollment(v[TS_COL_ENROLLMENT], n[TS_COL_ENROLLMENT]);
    trial->enroll_type = norm_enroll_type(v[TS_COL_ENROLLMENT_TYPE],
                                          n[TS_COL_ENROLLMENT_TYPE],
                                          trial->status);
    norm_design(v[TS_COL_DESIGN], n[TS_COL_DESIGN], trial->study_type,
                &trial->design, &trial->masking);
    trial->results = norm_results(v[TS_COL_RESULTS], n[TS_COL_RESULTS]);
    trial->sponsor_len = lead_sponsor_len(v[TS_COL_SPONSOR],
                                          n[TS_COL_SPONSOR]);
    read_countries(ls, rec);
    trial->countries = sb_str(&ls->countries);
    classify_all(ls, rec, trial);
}

void landscape_count(ts_landscape *ls, const ts_trial *trial)
{
    const ts_record *rec = trial->rec;
    const char *const *v = rec->value;
    const size_t *n = rec->len;
    const char *sponsor = sponsor_name(ls, trial);

    count_countries(ls);
    count_registries(ls, trial->merged ? trial->merged->registries : 0);
    add_year(ls, trial->start_year, rec);
    count_classes(ls, rec, trial);
    count_crosstabs(ls, trial, sponsor);
    ls->trials++;
    count(ls, TS_TABLE_PHASE, TS_DIM_PHASE, trial->phase);
    count(ls, TS_TABLE_STATUS, TS_DIM_STATUS, trial->status);
    count(ls, TS_TABLE_STATUS_GROUP, TS_DIM_STATUS_GROUP, trial->group);
    count(ls, TS_TABLE_STUDY_TYPE, TS_DIM_STUDY_TYPE, trial->study_type);
    count(ls, TS_TABLE_FUNDER_TYPE, TS_DIM_FUNDER, trial->funder);
    tally_add(ls->table[TS_TABLE_SPONSOR], sponsor, strlen(sponsor), 1);
    count(ls, TS_TABLE_DESIGN, TS_DIM_DESIGN, trial->design);
    count(ls, TS_TABLE_MASKING, TS_DIM_MASKING, trial->masking);
    count(ls, TS_TABLE_RESULTS, TS_DIM_RESULTS, trial->results);
    {
        const char *ph = ls->phase_cols[trial->phase];
        const char *ind = trial->indication ? trial->indication
                                            : TS_LABEL_NOT_REPORTED;

        enrollment_add(ls->enroll[0], ph, strlen(ph), trial->enroll_type,
                       trial->enrollment);
        if (ls->ix)
            enrollment_add(ls->enroll[1], ind, strlen(ind),
                           trial->enroll_type, trial->enrollment);
    }
    if (trial->other_vocab) {
        ts_registry reg = vocab_registry(rec);
        int a = trial->ambiguous;

        if (trial->phase == TS_PHASE_UNCLASSIFIED || (a & TS_AMBIGUOUS_PHASE))
            unmapped_vocab(ls, UNM_PHASE, v[TS_COL_PHASES], n[TS_COL_PHASES],
                           reg, a & TS_AMBIGUOUS_PHASE
                                    ? norm_label(TS_DIM_PHASE, trial->phase)
                                    : NULL);
        if (trial->status == TS_ST_UNCLASSIFIED ||
            (a & TS_AMBIGUOUS_STATUS))
            unmapped_vocab(ls, UNM_STATUS, v[TS_COL_STATUS],
                           n[TS_COL_STATUS], reg,
                           a & TS_AMBIGUOUS_STATUS
                               ? norm_label(TS_DIM_STATUS, trial->status)
                               : NULL);
        if (trial->study_type == TS_TYPE_UNCLASSIFIED ||
            (a & TS_AMBIGUOUS_TYPE))
            unmapped_vocab(ls, UNM_TYPE, v[TS_COL_STUDY_TYPE],
                           n[TS_COL_STUDY_TYPE], reg,
                           a & TS_AMBIGUOUS_TYPE
                               ? norm_label(TS_DIM_STUDY_TYPE,
                                            trial->study_type)
                               : NULL);
        if (trial->funder == TS_FUND_UNCLASSIFIED)
            unmapped_vocab(ls, UNM_FUNDER, v[TS_COL_FUNDER],
                           n[TS_COL_FUNDER], reg, NULL);
        return;
    }
    if (trial->phase == TS_PHASE_UNCLASSIFIED)
        unmapped(ls, UNM_PHASE, v[TS_COL_PHASES], n[TS_COL_PHASES]);
    if (trial->status == TS_ST_UNCLASSIFIED)
        unmapped(ls, UNM_STATUS, v[TS_COL_STATUS], n[TS_COL_STATUS]);
    if (trial->study_type == TS_TYPE_UNCLASSIFIED)
        unmapped(ls, UNM_TYPE, v[TS_COL_STUDY_TYPE], n[TS_COL_STUDY_TYPE]);
    if (trial->funder == TS_FUND_UNCLASSIFIED)
        unmapped(ls, UNM_FUNDER, v[TS_COL_FUNDER], n[TS_COL_FUNDER]);
}

void landscape_leave_out(ts_landscape *ls, const ts_trial *trial)
{
    (void)trial;
    ls->left_out++;
}

void landscape_add(ts_landscape *ls, const ts_merged *m, ts_trial *trial)
{
    landscape_read(ls, m, trial);
    landscape_count(ls, trial);
}

unsigned long landscape_trials(const ts_landscape *ls)
{
    return ls->trials;
}

unsigned long landscape_left_out(const ts_landscape *ls)
{
    return ls->left_out;
}

ts_denominator landscape_denominator(const ts_landscape *ls)
{
    return ls->denom;
}

ts_tally *landscape_table(ts_landscape *ls, ts_table i)
{
    return ls->table[i];
}

/* Trials in the "Not applicable" row of a table. */
static unsigned long not_applicable(ts_tally *t)
{
    size_t k, n = tally_rows(t);

    for (k = 0; k < n; k++)
        if (strcmp(tally_row_label(t, k), TS_LABEL_NOT_APPLICABLE) == 0)
            return tally_row_count(t, k);
    return 0;
}

unsigned long landscape_table_denominator(ts_landscape *ls, ts_table i)
{
    if (ls->denom == TS_DENOM_KNOWN)
        return ls->trials - tally_special_total(ls->table[i]);
    if (table_info[i].applicable)
        return ls->trials - not_applicable(ls->table[i]);
    return ls->trials;
}

const char *landscape_table_counts(const ts_landscape *ls, ts_table i)
{
    return ls->denom == TS_DENOM_KNOWN ? table_info[i].known
                                       : table_info[i].scope;
}

double landscape_row_percent(ts_landscape *ls, ts_table i, size_t row)
{
    ts_tally *t = ls->table[i];

    if (ls->denom == TS_DENOM_KNOWN && tally_row_is_special(t, row))
        return -1.0;
    if (table_info[i].applicable &&
        strcmp(tally_row_label(t, row), TS_LABEL_NOT_APPLICABLE) == 0)
        return -1.0;
    return tally_percent(tally_row_count(t, row),
                         landscape_table_denominator(ls, i));
}

ts_enrollment *landscape_enrollment(ts_landscape *ls, size_t i)
{
    return i < TS_ENROLLMENT_TABLES ? ls->enroll[i] : NULL;
}

size_t landscape_unmapped_count(void)
{
    return UNM_COUNT;
}

const char *landscape_unmapped_field(size_t i)
{
    return i < UNM_COUNT ? unmapped_fields[i] : "?";
}

ts_tally *landscape_unmapped(ts_landscape *ls, size_t i)
{
    return ls->unmapped[i];
}

/* ---- the window of automatic indications ----------------------------- */

int landscape_pending(const ts_landscape *ls)
{
    return ls->ix && indication_pending(ls->ix);
}

int landscape_hold(ts_landscape *ls, const ts_record *rec)
{
    held *h;
    size_t i;
    char nct[12];
    int added = 1;

    if (!ls->hold_files) {
        ls->hold_files = strmap_new();
        ls->hold_ids = strmap_new();
    }
    /* A trial exported twice counts once toward the decision too. */
    if (norm_nct(rec->value[TS_COL_NCT], rec->len[TS_COL_NCT], nct) >= 0 ||
        (!rec->present[TS_COL_NCT] &&
         norm_nct(rec->value[TS_COL_URL], rec->len[TS_COL_URL], nct) >= 0))
        strmap_intern(ls->hold_ids, nct, strlen(nct), &added);
    if (added)
        indication_observe(ls->ix, rec->value[TS_COL_CONDITIONS],
                           rec->len[TS_COL_CONDITIONS],
                           rec->value[TS_COL_CONDITION_MESH_ID],
                           rec->len[TS_COL_CONDITION_MESH_ID]);
    if (ls->nheld == ls->held_cap) {
        ls->held_cap = ls->held_cap ? ls->held_cap * 2 : 256;
        ls->held = xrealloc(ls->held, ls->held_cap * sizeof(*ls->held));
    }
    h = &ls->held[ls->nheld++];
    h->format = rec->format;
    h->registry = rec->registry;
    h->copy = rec->copy;
    h->line = rec->line;
    h->row = rec->row;
    for (i = 0; i < TS_COL_COUNT; i++) {
        h->off[i] = ls->hold_buf.len;
        h->len[i] = (uint32_t)rec->len[i];
        h->present[i] = rec->present[i];
        sb_append(&ls->hold_buf, rec->value[i], rec->len[i]);
        sb_putc(&ls->hold_buf, '\0');
        /* The field names are views into the reader's header: copies. */
        h->name[i] = rec->name[i]
                         ? (uint32_t)strmap_intern(ls->hold_files,
                                                   rec->name[i],
                                                   strlen(rec->name[i]), NULL)
                         : NO_NAME;
    }
    h->file = (uint32_t)strmap_intern(ls->hold_files,
                                      rec->file ? rec->file : "",
                                      rec->file ? strlen(rec->file) : 0, NULL);
    return ls->nheld >= HOLD_TRIALS || ls->hold_buf.len >= HOLD_BYTES;
}

void landscape_release(ts_landscape *ls, ts_held_fn fn, void *ctx)
{
    size_t i, k;
    ts_record rec;

    if (ls->ix)
        indication_decide(ls->ix);
    seed_indications(ls);
    for (i = 0; i < ls->nheld; i++) {
        const held *h = &ls->held[i];

        memset(&rec, 0, sizeof(rec));
        rec.format = h->format;
        rec.registry = h->registry;
        rec.copy = h->copy;
        rec.line = h->line;
        rec.row = h->row;
        rec.file = strmap_key(ls->hold_files, h->file);
        for (k = 0; k < TS_COL_COUNT; k++) {
            rec.value[k] = ls->hold_buf.buf + h->off[k];
            rec.len[k] = h->len[k];
            rec.present[k] = h->present[k];
            rec.name[k] = h->name[k] == NO_NAME
                              ? NULL
                              : strmap_key(ls->hold_files, h->name[k]);
        }
        fn(ctx, &rec);
    }
    free(ls->held);
    ls->held = NULL;
    ls->nheld = ls->held_cap = 0;
    sb_free(&ls->hold_buf);
    strmap_free(ls->hold_files);
    strmap_free(ls->hold_ids);
    ls->hold_files = ls->hold_ids = NULL;
}
