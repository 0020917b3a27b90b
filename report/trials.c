/*
 * trials.c - the trial-level TSV (report stage).
 */
#include "report/trials.h"

#include <string.h>

#include "report/textout.h"

static const char *const columns[] = {
    "nct_id",      "title",          "acronym",       "phase",
    "phase_raw",   "status",         "status_raw",    "status_group",
    "study_type",  "study_type_raw", "funder_type",   "funder_type_raw",
    "sponsor",     "enrollment",     "enrollment_type", "start_date",
    "start_year",  "design",         "masking",       "results",
    "countries",   "conditions",     "interventions", "indication",
    "regimen",     "modalities",     "chemo_classes", "drug_classes",
    "substances",  "inferred",       "targets",       "immuno_targets",
    "unmatched",   "trial_id",       "registry",      "identifiers",
    "records",     "url",            "source_file",   "source_line",
};

#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

size_t trials_ncolumns(void)
{
    return NCOLUMNS;
}

const char *trials_column(size_t i)
{
    return i < NCOLUMNS ? columns[i] : "";
}

void trials_write_header(FILE *fp)
{
    size_t i;

    for (i = 0; i < NCOLUMNS; i++) {
        if (i)
            putc_unlocked('\t', fp);
        fputs(columns[i], fp);
    }
    fputc('\n', fp);
}

const char *trials_url(char buf[TS_URL_SIZE], const char *nct)
{
    static const char base[] = "https://clinicaltrials.gov/study/";
    size_t n = 0;

    /* At most 11 characters of the id, as "%.11s" (once a row: no
     * printf). */
    buf[0] = '\0';
    if (!nct[0])
        return buf;
    while (n < 11 && nct[n])
        n++;
    if (sizeof(base) - 1 + n >= TS_URL_SIZE)
        n = TS_URL_SIZE - sizeof(base);
    memcpy(buf, base, sizeof(base) - 1);
    memcpy(buf + sizeof(base) - 1, nct, n);
    buf[sizeof(base) - 1 + n] = '\0';
    return buf;
}

/* A list item: "; " before all but the first (no printf: a million rows
 * of several lists). */
static void item(FILE *fp, size_t i, const char *s)
{
    if (i)
        fputs("; ", fp);
    fputs(s, fp);
}

/* A tab and v in decimal. */
static void tab_number(FILE *fp, unsigned long v)
{
    char b[24];
    size_t n = 0;

    do
        b[sizeof(b) - ++n] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    b[sizeof(b) - ++n] = '\t';
    fwrite(b + sizeof(b) - n, 1, n, fp);
}

static void raw(FILE *fp, const ts_record *rec, ts_column c)
{
    putc_unlocked('\t', fp);
    tsv_put(fp, rec->value[c], rec->len[c]);
}

static void label(FILE *fp, const char *s)
{
    putc_unlocked('\t', fp);
    tsv_put(fp, s, strlen(s));
}

/* Writes the classification columns ("; "-joined lists). */
static void write_class(FILE *fp, const ts_trial *t)
{
    const ts_class *c = t->cls;
    size_t i, n;

    label(fp, t->indication ? t->indication : "");
    if (!c) {
        for (i = 0; i < 9; i++)
            putc_unlocked('\t', fp);
        return;
    }
    label(fp, sb_str(&c->regimen));
    putc_unlocked('\t', fp);
    for (i = 0, n = 0; i < TS_MOD_COUNT; i++)
        if (c->modalities & (1u << i))
            item(fp, n++, dict_modality_label((ts_modality)i));
    putc_unlocked('\t', fp);
    for (i = 0, n = 0; i < TS_CHEMO_COUNT; i++)
        if (c->chemo_classes & (1u << i))
            item(fp, n++, dict_chemo_label((ts_chemo_class)i));
    putc_unlocked('\t', fp);
    for (i = 0; i < c->classes.n; i++)
        item(fp, i, dict_class(t->dict, c->classes.id[i])->label);
    putc_unlocked('\t', fp);
    for (i = 0; i < c->nsubs; i++) {
        if (i)
            fputs("; ", fp);
        tsv_put(fp, c->subs[i]->name, strlen(c->subs[i]->name));
    }
    /* Names no dictionary knows, classed by their INN stem. */
    putc_unlocked('\t', fp);
    for (i = 0, n = 0; i < c->nsubs; i++)
        if (c->subs[i]->inferred) {
            if (n++)
                fputs("; ", fp);
            tsv_put(fp, c->subs[i]->name, strlen(c->subs[i]->name));
            fputs(" (", fp);
            fputs(c->subs[i]->inferred, fp);
            putc_unlocked(')', fp);
        }
    putc_unlocked('\t', fp);
    for (i = 0; i < c->targets.n; i++)
        item(fp, i, dict_target(t->dict, c->targets.id[i])->symbol);
    putc_unlocked('\t', fp);
    for (i = 0; i < c->immuno.n; i++)
        item(fp, i, dict_target(t->dict, c->immuno.id[i])->symbol);
    putc_unlocked('\t', fp);
    for (i = 0; i < c->nunmatched; i++) {
        const char *u = classify_unmatched(c, i);

        if (i)
            fputs("; ", fp);
        tsv_put(fp, u, strlen(u));
    }
}

/* The trial's NCT number when its values come from a ClinicalTrials.gov
 * record, else "". */
static const char *own_nct(const ts_trial *t)
{
    if (t->merged && t->merged->registry != TS_REG_CTGOV)
        return "";
    return t->nct;
}

void trials_write_row(FILE *fp, const ts_trial *t)
{
    const ts_record *rec = t->rec;
    const char *nct = own_nct(t);
    char url[TS_URL_SIZE];

    /* One lock for the row, not one per call (a million rows of 30
     * fields). */
    flockfile(fp);
    /* The trial is named by the id of the record whose values are used:
     * a trial of another registry by its own id there, even when a
     * linked record gave it an NCT number (in identifiers). */
    if (nct[0])
        fputs(nct, fp);
    else
        tsv_put(fp, rec->value[TS_COL_ID], rec->len[TS_COL_ID]);
    raw(fp, rec, TS_COL_TITLE);
    raw(fp, rec, TS_COL_ACRONYM);
    label(fp, norm_label(TS_DIM_PHASE, t->phase));
    raw(fp, rec, TS_COL_PHASES);
    label(fp, norm_label(TS_DIM_STATUS, t->status));
    raw(fp, rec, TS_COL_STATUS);
    label(fp, norm_label(TS_DIM_STATUS_GROUP, t->group));
    label(fp, norm_label(TS_DIM_STUDY_TYPE, t->study_type));
    raw(fp, rec, TS_COL_STUDY_TYPE);
    label(fp, norm_label(TS_DIM_FUNDER, t->funder));
    raw(fp, rec, TS_COL_FUNDER);
    putc_unlocked('\t', fp);
    tsv_put(fp, rec->value[TS_COL_SPONSOR], t->sponsor_len);
    raw(fp, rec, TS_COL_ENROLLMENT);
    label(fp, t->enrollment < 0                      ? ""
              : t->enroll_type == TS_ENROLL_PLANNED ? "planned"
              : t->enroll_type == TS_ENROLL_ACTUAL  ? "actual"
                                                    : "unknown");
    raw(fp, rec, TS_COL_START);
    if (t->start_year > 0)
        tab_number(fp, (unsigned long)t->start_year);
    else
        label(fp, t->start_year == 0 ? TS_LABEL_NOT_REPORTED
                                     : TS_LABEL_UNCLASSIFIED);
    label(fp, norm_label(TS_DIM_DESIGN, t->design));
    label(fp, norm_label(TS_DIM_MASKING, t->masking));
    label(fp, norm_label(TS_DIM_RESULTS, t->results));
    label(fp, t->countries);
    raw(fp, rec, TS_COL_CONDITIONS);
    raw(fp, rec, TS_COL_INTERVENTIONS);
    write_class(fp, t);
    if (t->merged) {
        label(fp, t->merged->id);
        label(fp, registry_name(t->merged->registry));
        label(fp, t->merged->ids);
        fprintf(fp, "\t%zu", t->merged->nrecords);
    } else {
        fputs("\t\t\t\t1", fp);
    }
    if (rec->len[TS_COL_URL])
        raw(fp, rec, TS_COL_URL);
    else
        label(fp, trials_url(url, nct));
    label(fp, rec->file);
    tab_number(fp, rec->line);
    putc_unlocked('\n', fp);
    funlockfile(fp);
}
