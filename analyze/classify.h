/*
 * classify.h - classification of a trial's interventions with the
 * dictionaries: substances, modalities, regimen, chemotherapy and
 * therapeutic classes, targets and immunotherapy targets (analyze stage).
 *
 * An intervention is "TYPE: name" (either registry vocabulary) or a bare
 * name. The name is looked up whole; then without its parenthesised part
 * and as that part alone ("Pembrolizumab (MK-3475)"), unless it has a
 * separator outside parentheses; then split into parts at "+", " and ",
 * "/", ",", ";", " plus ", " with " ... and each part looked up the same
 * way; then runs of words inside an unmatched part are tried
 * ("Doxorubicin-based chemotherapy"). Names nothing matched may still
 * carry an INN stem ("-citinib": inferred, no target). Non-drug types map
 * to modalities: radiation to radiotherapy, surgical procedures to
 * surgery, the others to their registry type.
 *
 * Nothing is capped: a trial keeps every substance, target and unmatched
 * name it lists.
 */
#ifndef TS_ANALYZE_CLASSIFY_H
#define TS_ANALYZE_CLASSIFY_H

#include <stddef.h>

#include "analyze/dict.h"
#include "common/strbuf.h"
#include "common/strmap.h"

/* Registry intervention types. */
typedef enum ts_itype {
    TS_ITYPE_NONE,      /* no prefix */
    TS_ITYPE_DRUG,
    TS_ITYPE_BIOLOGICAL,
    TS_ITYPE_RADIATION,
    TS_ITYPE_PROCEDURE,
    TS_ITYPE_DEVICE,
    TS_ITYPE_GENETIC,
    TS_ITYPE_BEHAVIORAL,
    TS_ITYPE_DIETARY,
    TS_ITYPE_DIAGNOSTIC,
    TS_ITYPE_COMBINATION,
    TS_ITYPE_OTHER
} ts_itype;

/* A set of ids in order of insertion, without duplicates; it grows as
 * needed (a hash index is kept once it is large). */
typedef struct ts_idset {
    size_t *id;             /* owned */
    size_t n, cap;
    size_t *slot;           /* owned; open addressing, id + 1 or 0 */
    size_t nslot;
} ts_idset;

/* Adds id unless present; returns 1 if added. */
int idset_add(ts_idset *s, size_t id);
int idset_has(const ts_idset *s, size_t id);
void idset_reset(ts_idset *s);
void idset_free(ts_idset *s);

/* Why one field got a value (classify --explain). */
typedef struct ts_why {
    const char *field;      /* "substance", "modality", ... (static) */
    size_t value;           /* offset of the value in why_text */
    size_t source;          /* offset of "FILE:LINE" or "rule" */
    size_t how;             /* offset of the reasoning */
} ts_why;

typedef struct ts_class_pool ts_class_pool;
typedef struct ts_class_memo ts_class_memo;

/* What one trial's interventions add up to. Arrays are deduplicated. */
typedef struct ts_class {
    unsigned modalities;        /* bit (1 << ts_modality) */
    unsigned chemo_classes;     /* bit (1 << ts_chemo_class) */
    size_t nchemo;              /* distinct chemotherapy agents */
    const ts_substance **subs;  /* owned array of borrowed entries (from
                                 * the dict, or from pool) */
    size_t nsubs, capsubs;
    ts_idset targets;           /* dict target ids, every one */
    ts_idset immuno;            /* immunotherapy targets (panel G) */
    ts_idset ftargets;          /* panel F: each substance's targets but
                                 * those it acts through as an
                                 * immunotherapy (its immuno_targets) */
    ts_idset primary;           /* each substance's first target */
    ts_idset classes;           /* therapeutic class ids */
    /* Unmatched drug/biological names: text views into text, each with
     * its lookup key (for grouping). */
    size_t *unmatched_off;      /* owned */
    size_t *unmatched_key;      /* owned */
    size_t nunmatched, capunmatched;
    size_t *unmatched_slot;     /* owned; hash index of the keys */
    size_t nunmatched_slot;
    ts_strbuf text;             /* owned; reused per trial */
    /* Coverage: drug and biological mentions, those matched to a
     * substance (inferred ones included), those inferred from an INN stem
     * only, and placebo mentions. */
    unsigned long mentions;
    unsigned long matched;
    unsigned long inferred;
    unsigned long placebo;
    unsigned item_modalities;   /* scratch: modalities the current
                                 * intervention matched */
    unsigned rule_modalities;   /* modalities given by rules and registry
                                 * types, not by a substance */
    unsigned long unknown;      /* drug mentions nothing identified */
    int oncology;               /* set by the caller before
                                 * classify_trial: 1 if the trial is about
                                 * cancer (classify_is_cancer) */
    const ts_dict *dict;        /* borrowed; the last one classified with */
    ts_strbuf regimen;          /* panel D label; owned */
    ts_strmap *near_miss;       /* owned; words that are no misspelling of
                                 * near_dict's names (kept across trials) */
    const ts_dict *near_dict;
    ts_class_pool *pool;        /* owned; substances made by rules and
                                 * stems for this trial */
    ts_class_memo *memo;        /* owned; what each distinct text gave
                                 * (kept across trials) */
    int explain;                /* 1: fill why (classify --explain) */
    ts_why *why;                /* owned */
    size_t nwhy, capwhy;
    ts_strbuf why_text;         /* owned */
} ts_class;

/* Clears c for the next trial (keeps its memory and explain setting). */
void classify_reset(ts_class *c);
/* Frees c's memory; c is then empty and reusable. */
void classify_free(ts_class *c);

/*
 * Classifies one intervention ("DRUG: Gemcitabine + Docetaxel") into c.
 * Returns the number of substances it matched.
 */
size_t classify_intervention(const ts_dict *d, const char *text, size_t len,
                             ts_class *c);

/* Classifies a "|"-joined Interventions field and sets c->regimen. */
void classify_trial(const ts_dict *d, const char *field, size_t len,
                    ts_class *c);

/*
 * Sets c->regimen, the panel D label (called by classify_trial). What the
 * trial gives, as components joined by " + " in a fixed order, none cut:
 *   - assessments (questionnaires, biomarker analyses, imaging, sampling)
 *     and diagnostic agents are not treatment and leave no component;
 *   - in a cancer trial (c->oncology) a substance counts by its modality
 *     ("Chemotherapy + Chemotherapy" for two or more cytotoxic agents), a
 *     corticosteroid given with an anticancer drug belongs to that
 *     regimen (prednisone in CHOP, dexamethasone with lenalidomide add
 *     nothing), and a non-cancer medicine (metformin) by its therapeutic
 *     class; outside cancer every medicine counts by its therapeutic class
 *     ("Antivirals + Corticosteroids");
 *   - non-drug interventions count by their registry type (Device,
 *     Behavioural, Procedure, ...), radiation and surgery as Radiotherapy
 *     and Surgery;
 *   - a drug nothing identified is "Unclassified drug";
 *   - supportive care (in a cancer trial) and placebo count only when
 *     nothing else does: "Placebo/control" only if every item is a
 *     placebo or control; then "Diagnostic" or "Assessment" when those are
 *     all there is; "" with nothing at all.
 * Labels come from c's substances and c->rule_modalities.
 */
void classify_regimen(ts_class *c);

/* Whether a trial's "|"-joined conditions name a cancer (carcinoma,
 * lymphoma, leukaemia, myeloma, sarcoma, melanoma, glioma, "tumor",
 * "neoplasm", "malignant", "metastatic", ...). */
int classify_is_cancer(const char *conditions, size_t len);

/* The type prefix of an intervention, and where the name starts. */
ts_itype classify_type(const char *text, size_t len, size_t *name_start);

/* The text of unmatched name i, and its key. Views into c->text. */
const char *classify_unmatched(const ts_class *c, size_t i);
const char *classify_unmatched_key(const ts_class *c, size_t i);

/* A view of why-record text at offset off. */
const char *classify_why_text(const ts_class *c, size_t off);

#endif
