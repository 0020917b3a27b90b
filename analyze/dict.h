/*
 * dict.h - the dictionaries: substances (with synonyms, modality,
 * chemotherapy class, targets, immunotherapy targets, therapeutic class),
 * named regimens, targets with their display names, families and antigen
 * aliases, therapeutic classes and INN stems (analyze stage).
 *
 * Files are tab-separated text a person can edit (see data/README.md).
 * Lookup is one hash probe on a normalized key, never a scan: the key of a
 * text is its words, lower-cased, without salt, formulation, route and
 * dose words, with only [a-z0-9] kept ("Doxorubicin Hydrochloride 60
 * mg/m2 IV" and "doxorubicin" have the same key).
 */
#ifndef TS_ANALYZE_DICT_H
#define TS_ANALYZE_DICT_H

#include <stddef.h>

#include "common/error.h"
#include "common/strbuf.h"

/* What an intervention is. The first ten are the oncology modalities of
 * SPEC section 5; "drug" is any other medicine (it has a therapeutic
 * class instead); the rest are the registries' non-drug intervention types
 * and assessments, which are not treatment. */
typedef enum ts_modality {
    TS_MOD_CHEMO,
    TS_MOD_TARGETED,
    TS_MOD_IMMUNO,
    TS_MOD_RADIO,
    TS_MOD_SURGERY,
    TS_MOD_CELL_GENE,
    TS_MOD_HORMONAL,
    TS_MOD_SUPPORTIVE,
    TS_MOD_PLACEBO,
    TS_MOD_OTHER,
    TS_MOD_DRUG,
    TS_MOD_DEVICE,
    TS_MOD_BEHAVIORAL,
    TS_MOD_PROCEDURE,
    TS_MOD_DIETARY,
    TS_MOD_DIAGNOSTIC,
    TS_MOD_GENETIC,
    TS_MOD_COMBINATION,
    TS_MOD_ASSESSMENT,
    TS_MOD_COUNT
} ts_modality;

typedef enum ts_chemo_class {
    TS_CHEMO_DNA,
    TS_CHEMO_DNA_SYNTHESIS,
    TS_CHEMO_MICROTUBULE,
    TS_CHEMO_TOPOISOMERASE,
    TS_CHEMO_OTHER,
    TS_CHEMO_COUNT,
    TS_CHEMO_NONE = -1
} ts_chemo_class;

/* No therapeutic class. */
#define TS_DRUG_CLASS_NONE ((size_t)-1)

/* Keys as written in the dictionary ("chemotherapy", "dna"), labels as
 * shown in tables ("Chemotherapy", "DNA inhibitors") and short labels for
 * charts ("Chemo"). */
const char *dict_modality_key(ts_modality m);
const char *dict_modality_label(ts_modality m);
const char *dict_modality_short(ts_modality m);
const char *dict_chemo_key(ts_chemo_class c);
const char *dict_chemo_label(ts_chemo_class c);

typedef struct ts_substance {
    const char *name;           /* preferred name; owned by the dict */
    ts_modality modality;
    ts_chemo_class chemo;
    const size_t *targets;      /* target ids (dict_target); owned */
    size_t ntargets;
    const size_t *immuno;       /* immune target ids; owned */
    size_t nimmuno;
    size_t drug_class;          /* dict_class id, or TS_DRUG_CLASS_NONE */
    const char *inferred;       /* NULL for a known substance; for a name
                                 * inferred from its INN stem, the stem
                                 * ("-citinib"); a view */
    const char *file;           /* where it is defined (file or rule); a
                                 * view valid until dict_free */
    unsigned long line;         /* its line there; 0 for a rule */
    const char *class_file;     /* where drug_class was stated; view */
    unsigned long class_line;
} ts_substance;

typedef struct ts_target {
    const char *symbol;         /* HGNC symbol */
    const char *display;        /* chart name, e.g. "KDR (VEGFR2)" */
    const char *family;         /* e.g. "VEGFR"; the symbol when none */
    int immune;
    unsigned long line;         /* its line in targets.tsv; 0 if none */
} ts_target;

/* A therapeutic class (classes.tsv). */
typedef struct ts_drug_class {
    const char *key;            /* "antivirals" */
    const char *label;          /* "Antivirals" */
    int cancer;                 /* 1 for antineoplastic and endocrine
                                 * cancer therapy classes */
    unsigned long line;
} ts_drug_class;

/* An INN stem (stems.tsv): a name ending in it, unknown to the
 * dictionaries, is inferred to have its modality and class, never a
 * target. */
typedef struct ts_stem {
    const char *stem;           /* "-citinib", or "-tu-mab" for a
                                 * monoclonal antibody substem */
    ts_modality modality;
    ts_chemo_class chemo;
    size_t drug_class;          /* or TS_DRUG_CLASS_NONE */
    const char *meaning;        /* "Janus kinase inhibitors" */
    const char *file;           /* stems.tsv as loaded; a view */
    unsigned long line;
} ts_stem;

typedef struct ts_dict ts_dict;

ts_dict *dict_new(void);
void dict_free(ts_dict *d);

/*
 * Loaders. Each returns TS_ERR_IO if the file cannot be read and
 * TS_ERR_DICT with file, line and column for a malformed line, an unknown
 * modality or class, or a name or synonym that already means another
 * substance in the same file. Substances loaded with override = 1 (from
 * --dict) replace same-named ones and take over their synonyms.
 */
ts_status dict_load_targets(ts_dict *d, const char *path, ts_error *err);
ts_status dict_load_classes(ts_dict *d, const char *path, ts_error *err);
ts_status dict_load_substances(ts_dict *d, const char *path, int override,
                               ts_error *err);
/*
 * Loads a generated dictionary (same columns as substances.tsv) below the
 * ones already loaded: a line whose name means a substance loaded before
 * adds its unused names to that substance and gives it a therapeutic
 * class if it has none; names already meaning something are left to what
 * they mean. Two lines of the file claiming one name is an error.
 */
ts_status dict_load_generated(ts_dict *d, const char *path, ts_error *err);
ts_status dict_load_regimens(ts_dict *d, const char *path, ts_error *err);
ts_status dict_load_stems(ts_dict *d, const char *path, ts_error *err);
/* Loads DIR/targets.tsv, classes.tsv, substances.tsv, regimens.tsv,
 * drugs-generated.tsv and stems.tsv, in that order: the curated files
 * first, so their names keep their meaning. */
ts_status dict_load_dir(ts_dict *d, const char *dir, ts_error *err);

/*
 * Writes the lookup key of text[0..len) into key (reset first) and returns
 * its length. With keep_all = 0 the stop words (salts, formulations,
 * routes, doses) are dropped; if nothing is left the key is empty.
 */
size_t dict_key(const char *text, size_t len, int keep_all, ts_strbuf *key);

/* Where a lookup's key was bound: the file and line of the name or
 * synonym, and the regimen it named (NULL for a substance). */
typedef struct ts_dict_hit {
    const char *file;           /* view valid until dict_free */
    unsigned long line;
    const char *regimen;        /* regimen name, or NULL */
} ts_dict_hit;

/*
 * Looks text up as one name (a substance or a named regimen). Returns the
 * number of substances it stands for (a regimen gives its components) and
 * stores up to max of them in out; 0 when unknown. A name the loader
 * bound by its full key, because its short key already meant another
 * entry, is found by that full key first: "nanoparticle albumin-bound
 * paclitaxel" can name nab-paclitaxel while "albumin-bound paclitaxel"
 * reads as paclitaxel. hit may be NULL.
 */
size_t dict_lookup(const ts_dict *d, const char *text, size_t len,
                   const ts_substance **out, size_t max, ts_dict_hit *hit);
/* Looks up an already computed key. */
size_t dict_lookup_key(const ts_dict *d, const char *key, size_t len,
                       const ts_substance **out, size_t max,
                       ts_dict_hit *hit);

const ts_target *dict_target(const ts_dict *d, size_t id);
/* The target with this HGNC symbol, or NULL. */
const ts_target *dict_target_by_symbol(const ts_dict *d, const char *sym);
/*
 * The targets an antigen or target name stands for ("BCMA", "PD-L1",
 * "HER2", "CDK4/6"), looked up by its key: the number of target ids,
 * stored up to max in out; 0 when unknown. *line is the targets.tsv line
 * that defines the alias.
 */
size_t dict_alias(const ts_dict *d, const char *key, size_t len, size_t *out,
                  size_t max, unsigned long *line);
size_t dict_ntargets(const ts_dict *d);
size_t dict_nsubstances(const ts_dict *d);
size_t dict_nkeys(const ts_dict *d);
size_t dict_nregimens(const ts_dict *d);

/* Therapeutic classes: count, one by id (or NULL), the id of a key (or
 * TS_DRUG_CLASS_NONE). */
size_t dict_nclasses(const ts_dict *d);
const ts_drug_class *dict_class(const ts_dict *d, size_t id);
size_t dict_class_by_key(const ts_dict *d, const char *key);

/* The INN stem a word (lower-case, a-z only) ends in, longest first, or
 * NULL. A monoclonal antibody "-mab" is looked up with its target substem
 * ("-tu-mab", "-li-mab") before the bare "-mab". */
const ts_stem *dict_stem(const ts_dict *d, const char *word, size_t len);
size_t dict_nstems(const ts_dict *d);

/* The files loaded, in order, with their SHA-256 (the dictionaries'
 * version in the manifest). Views valid until dict_free. */
size_t dict_nsources(const ts_dict *d);
const char *dict_source_path(const ts_dict *d, size_t i);
const char *dict_source_sha256(const ts_dict *d, size_t i);

/* The substance with this preferred name, or NULL. */
const ts_substance *dict_find(const ts_dict *d, const char *name);

#endif
