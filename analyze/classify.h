/*
 * classify.h - classification of a trial's interventions with the
 * dictionaries: substances, modalities, regimen, chemotherapy classes,
 * targets and immunotherapy targets (analyze stage).
 *
 * An intervention is "TYPE: name" (either registry vocabulary) or a bare
 * name. The name is looked up whole; then without its parenthesised part
 * and as that part alone ("Pembrolizumab (MK-3475)"), unless it has a
 * separator outside parentheses; then split into parts at "+", " and ",
 * "/", ",", ";", " plus ", " with " ... and each part looked up the same
 * way; finally runs of words inside an unmatched part are tried
 * ("Doxorubicin-based chemotherapy"). Non-drug types map
 * to modalities: radiation to radiotherapy, surgical procedures to
 * surgery, genetic to cell or gene therapy.
 */
#ifndef TS_ANALYZE_CLASSIFY_H
#define TS_ANALYZE_CLASSIFY_H

#include <stddef.h>

#include "analyze/dict.h"
#include "common/strbuf.h"

#define TS_CLASS_MAX_SUBS 64
#define TS_CLASS_MAX_TARGETS 128
#define TS_CLASS_MAX_UNMATCHED 32

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

/* What one trial's interventions add up to. Arrays are deduplicated. */
typedef struct ts_class {
    unsigned modalities;                /* bit (1 << ts_modality) */
    unsigned chemo_classes;             /* bit (1 << ts_chemo_class) */
    size_t nchemo;                      /* distinct chemotherapy agents */
    const ts_substance *subs[TS_CLASS_MAX_SUBS];
    size_t nsubs;
    size_t targets[TS_CLASS_MAX_TARGETS];   /* dict target ids */
    size_t ntargets;
    size_t immuno[TS_CLASS_MAX_TARGETS];
    size_t nimmuno;
    /* Unmatched drug/biological names: text views into unmatched_buf,
     * each with its lookup key (for grouping). */
    size_t unmatched_off[TS_CLASS_MAX_UNMATCHED];
    size_t unmatched_key[TS_CLASS_MAX_UNMATCHED];
    size_t nunmatched;
    ts_strbuf unmatched_buf;            /* owned; reused per trial */
    /* Coverage: drug and biological mentions, matched ones, placebo. */
    unsigned long mentions;
    unsigned long matched;
    unsigned long placebo;
    unsigned item_modalities;           /* scratch: modalities the current
                                         * intervention matched */
    char regimen[160];                  /* panel D label */
} ts_class;

/* Clears c for the next trial (keeps its buffer). */
void classify_reset(ts_class *c);
/* Frees c's buffer. */
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

/* Sets c->regimen from the modalities (called by classify_trial):
 * "Chemotherapy + Chemotherapy" for two or more chemotherapy agents,
 * modalities joined in a fixed order, supportive care and placebo left out
 * when anything else is present, "Not reported" with no intervention. */
void classify_regimen(ts_class *c);

/* The type prefix of an intervention, and where the name starts. */
ts_itype classify_type(const char *text, size_t len, size_t *name_start);

#endif
