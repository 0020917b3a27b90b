/*
 * ictrp.h - WHO ICTRP search-portal exports: the CSV format's columns and
 * the reshaping of a record's values shared by the CSV and XML readers
 * (ingest stage).
 *
 * ICTRP passes on each source registry's text as it is: lists joined with
 * ';' or the HTML line break "<br>", EU CTR member-state copies with a
 * country suffix on the id (EUCTR2020-001234-56-FR), interventions written
 * per registry (ClinicalTrials.gov "Drug: X;Drug: Y", ChiCTR
 * "group:intervention;", EU CTR and CTIS "Product Name: X ... INN or
 * Proposed INN: Y"). ictrp_shape() turns them into the registry-neutral
 * record: '|'-joined lists and the id of the trial itself.
 */
#ifndef TS_INGEST_ICTRP_H
#define TS_INGEST_ICTRP_H

#include <stddef.h>

#include "ingest/record.h"

/* Reshapes rec's cleaned ICTRP values through sh (then shaper_apply),
 * and sets its registry (from the TrialID) and copy flag. */
void ictrp_shape(ts_record *rec, ts_shaper *sh);

/* The registry that issued an ICTRP TrialID ("ChiCTR...", "EUCTR...",
 * "JPRN-jRCT..."); TS_REG_UNKNOWN if none. */
ts_registry ictrp_registry(const char *id, size_t n);

/*
 * Appends the medicinal products named in an EU CTR or CTIS product list
 * ("Product Name: X<br>...INN or Proposed INN: Y<br><br>Product Name:
 * ...", or the same joined with commas) as items: per product its INN,
 * else its product name, else its trade name, else its code. A product
 * ends at an empty line or where one of its keys comes again. Returns the
 * items added; *listed is 1 when the text is such a "Key: value" list at
 * all, whether it names a product or not.
 */
size_t ictrp_products(ts_shaper *sh, const char *s, size_t n, int *listed);

#endif
