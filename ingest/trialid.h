/*
 * trialid.h - trial identifiers of every registry found in text and
 * written one canonical way (ingest stage).
 *
 * Registries and exports write one number many ways: "NCT01234567",
 * "nct 01234567", "https://clinicaltrials.gov/study/NCT01234567";
 * "2015-001234-56", "EudraCT: 2015-001234-56", "EUCTR2015-001234-56-DE"
 * (WHO ICTRP's copy for Germany), "2015‐001234‐56" (U+2010 hyphens);
 * "JPRN-UMIN000012345"; and placeholders such as "Nil known", "N/A",
 * "None" or "NCT00000000". Each identifier found gets its registry, a
 * canonical form that is equal for equal trials, and the suffix that does
 * not change the trial (an EU CTR member state, a CTIS resubmission).
 *
 * Canonical forms: NCT + 8 digits; EudraCT and CTIS numbers as
 * YYYY-NNNNNN-NN (a CTIS number is one whose middle part starts with 5,
 * as CTIS issues them; EudraCT's never reached that); ISRCTN + 8 digits;
 * ACTRN + 14; ChiCTR + digits or ChiCTR-XXX-digits; CRiS KCT + 7;
 * CTRI/YYYY/MM/NNNNNN; DRKS + 8; IRCT...N.; jRCT[a-z]digits; UMIN + 9;
 * JapicCTI-NNNNNN; JMA-IIANNNNN; NTR + digits and NL + digits (Netherlands
 * Trial Register); NL-OMON + digits; PACTR, RPCEC, TCTR, LBCTR, ITMCTR +
 * digits; RBR-xxxxxx (lower case); SLCTR/YYYY/NNN; PER-NNN-YY;
 * U1111-NNNN-NNNN (WHO UTN). Prefixes are matched case-insensitively and
 * may be followed by a space, ':' or '-'; a number of zeros only is a
 * placeholder, not an identifier.
 */
#ifndef TS_INGEST_TRIALID_H
#define TS_INGEST_TRIALID_H

#include <stddef.h>

#include "ingest/registry.h"

#define TS_TRIALID_MAX 40

typedef struct ts_trialid {
    ts_registry registry;
    char id[TS_TRIALID_MAX];    /* canonical form */
    char suffix[8];             /* EU CTR member state ("DE", "3RD") or
                                 * CTIS resubmission ("01"); "" if none */
    size_t start, end;          /* where it was found: text[start..end) */
} ts_trialid;

/*
 * Finds the next identifier in text[*pos..len) (free text such as a
 * secondary-id field: "EudraCT 2015-001234-56 | NCT01234567; Nil known").
 * Returns 1 with *id filled and *pos moved past it, or 0 when there is no
 * more. Start with *pos = 0.
 */
int trialid_next(const char *text, size_t len, size_t *pos, ts_trialid *id);

/* The first identifier in text[0..len) (a primary-id field such as
 * "EUCTR2015-001234-56-DE"): 1 with *id filled, or 0 (a placeholder, or
 * nothing recognisable). */
int trialid_parse(const char *text, size_t len, ts_trialid *id);

#endif
