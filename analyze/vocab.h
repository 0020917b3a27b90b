/*
 * vocab.h - phase, status, study type and sponsor vocabularies of the
 * registries other than ClinicalTrials.gov (analyze stage).
 *
 * WHO ICTRP passes each source registry's own words on (ChiCTR "0",
 * "1-2", "Retrospective study"; JPRN "Not selected"; EU CTR's yes/no
 * phase block; "Not recruiting", "Authorised", ...), and the EU CTR, CTIS
 * and ISRCTN exports have vocabularies of their own. Each function maps a
 * raw value to the categories of normalize.h. A value whose meaning is
 * ambiguous (ChiCTR phase "0", ICTRP "Not recruiting", EU CTR "Ongoing",
 * CTIS "Ended", ...) is mapped to the category documented in README.md
 * and *ambiguous is set to 1, so the caller lists it in unmapped.tsv.
 * ClinicalTrials.gov's own vocabularies stay in normalize.h.
 */
#ifndef TS_ANALYZE_VOCAB_H
#define TS_ANALYZE_VOCAB_H

#include <stddef.h>

#include "analyze/normalize.h"
#include "ingest/record.h"
#include "ingest/registry.h"

/* 1 if the record's values are read with these vocabularies (WHO ICTRP,
 * EU CTR, CTIS and ISRCTN exports), 0 for ClinicalTrials.gov's own. */
int vocab_applies(const ts_record *rec);

/* The registry whose vocabulary a record's values are in: the registry
 * of its primary id (set by its reader). */
ts_registry vocab_registry(const ts_record *rec);

/* Phase of a non-ClinicalTrials.gov registry. study_type (already
 * mapped) resolves ChiCTR's "0", which registrants use both for phase 0
 * and for "no phase". */
ts_phase vocab_phase(ts_registry reg, const char *raw, size_t len,
                     ts_study_type study_type, int *ambiguous);
ts_trial_status vocab_status(ts_registry reg, const char *raw, size_t len,
                             int *ambiguous);
ts_study_type vocab_study_type(ts_registry reg, const char *raw, size_t len,
                               int *ambiguous);
ts_funder vocab_funder(ts_registry reg, const char *raw, size_t len);

#endif
