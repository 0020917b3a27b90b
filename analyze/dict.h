/*
 * dict.h - the curated dictionaries: substances (with synonyms, modality,
 * chemotherapy class, targets, immunotherapy targets), named regimens and
 * target display names (analyze stage).
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

/* Keys as written in the dictionary ("chemotherapy", "dna") and labels as
 * shown in tables ("Chemotherapy", "DNA inhibitors"). */
const char *dict_modality_key(ts_modality m);
const char *dict_modality_label(ts_modality m);
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
} ts_substance;

typedef struct ts_target {
    const char *symbol;         /* HGNC symbol */
    const char *display;        /* chart name, e.g. "KDR (VEGFR2)" */
    const char *family;
    int immune;
} ts_target;

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
ts_status dict_load_substances(ts_dict *d, const char *path, int override,
                               ts_error *err);
ts_status dict_load_regimens(ts_dict *d, const char *path, ts_error *err);
/* Loads DIR/targets.tsv, DIR/substances.tsv and DIR/regimens.tsv. */
ts_status dict_load_dir(ts_dict *d, const char *dir, ts_error *err);

/*
 * Writes the lookup key of text[0..len) into key (reset first) and returns
 * its length. With keep_all = 0 the stop words (salts, formulations,
 * routes, doses) are dropped; if nothing is left the key is empty.
 */
size_t dict_key(const char *text, size_t len, int keep_all, ts_strbuf *key);

/*
 * Looks text up as one name (a substance or a named regimen). Returns the
 * number of substances it stands for (a regimen gives its components) and
 * stores up to max of them in out; 0 when unknown. A name the loader
 * bound by its full key, because its short key already meant another
 * entry, is found by that full key first: "nanoparticle albumin-bound
 * paclitaxel" can name nab-paclitaxel while "albumin-bound paclitaxel"
 * reads as paclitaxel.
 */
size_t dict_lookup(const ts_dict *d, const char *text, size_t len,
                   const ts_substance **out, size_t max);
/* Looks up an already computed key. */
size_t dict_lookup_key(const ts_dict *d, const char *key, size_t len,
                       const ts_substance **out, size_t max);

const ts_target *dict_target(const ts_dict *d, size_t id);
/* The target with this HGNC symbol, or NULL. */
const ts_target *dict_target_by_symbol(const ts_dict *d, const char *sym);
size_t dict_ntargets(const ts_dict *d);
size_t dict_nsubstances(const ts_dict *d);
size_t dict_nkeys(const ts_dict *d);
size_t dict_nregimens(const ts_dict *d);
/* The files loaded, in order, with their SHA-256 (the dictionaries'
 * version in the manifest). Views valid until dict_free. */
size_t dict_nsources(const ts_dict *d);
const char *dict_source_path(const ts_dict *d, size_t i);
const char *dict_source_sha256(const ts_dict *d, size_t i);

/* The substance with this preferred name, or NULL. */
const ts_substance *dict_find(const ts_dict *d, const char *name);

#endif
