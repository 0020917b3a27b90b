/*
 * country.h - country names as every registry writes them, read as one
 * spelling each (analyze stage).
 *
 * Registries and their exports spell a country many ways ("United States",
 * "United States of America", "USA"; "Korea, Republic of", "South Korea",
 * "Korea, Republic Of"; "Viet Nam", "Vietnam"; "Czech Republic",
 * "Czechia"; "Turkey (Türkiye)"; "china"). A name is matched by its
 * letters and digits only, case and accents aside, against the names and
 * variants of the table in data/countries.tsv (built in, and read again
 * at run time so a user's lines count); the spelling given back is
 * ClinicalTrials.gov's, so its exports read as before. A name not in the
 * table is kept as written (trimmed): it is counted under its own label,
 * never dropped.
 */
#ifndef TS_ANALYZE_COUNTRY_H
#define TS_ANALYZE_COUNTRY_H

#include <stddef.h>

#include "common/error.h"

typedef struct ts_countries ts_countries;

/* The table built in (data/countries.tsv as of the build). */
ts_countries *country_new(void);
void country_free(ts_countries *ct);

/*
 * Reads a country file (data/countries.tsv: "country<TAB>variants", the
 * variants '|'-separated or "-") into ct: its lines add countries and
 * spellings, or give a spelling to another country; *changed (when not
 * NULL) is set to the spellings that were new or changed. TS_ERR_IO when
 * it cannot be read; TS_ERR_DICT, naming the line, for a bad header or
 * line, or a spelling two lines give to two countries.
 */
ts_status country_load(ts_countries *ct, const char *path, size_t *changed,
                       ts_error *err);

/* The canonical spelling of s[0..n) (a static or table-owned string), or
 * NULL when the table does not know it. */
const char *country_lookup(const ts_countries *ct, const char *s,
                           size_t n);

/*
 * The canonical spelling of the country name s[0..n): a static string
 * with *len set, or s itself trimmed (*len its length) when the name is
 * not in the table.
 */
const char *country_canonical(const ts_countries *ct, const char *s,
                              size_t n, size_t *len);

/*
 * Iterates over the country names of a field, as written (trimmed; pass
 * them to country_canonical()): with sites = 1 a list of sites,
 * "Facility, City, State, Zip, Country|...", whose country is each site's
 * last comma-separated part ("Seoul, Korea, Republic of" gives "Korea,
 * Republic of": a last part such as "Republic of" takes the part before
 * it along when the two make a known country); with sites = 0 a list of country names, "Germany|France".
 * Call with *pos = 0; each call returns 1 and sets the name's start and
 * length, or returns 0 at the end. Empty items are skipped.
 */
int country_next(const ts_countries *ct, const char *raw, size_t len,
                 int sites, size_t *pos, const char **start, size_t *clen);

#endif
