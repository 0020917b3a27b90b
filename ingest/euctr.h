/*
 * euctr.h - reader of the EU Clinical Trials Register's full-text download
 * (trials-full.txt: "EudraCT Number:" blocks of "key: value" lines,
 * sections A to P), streaming (ingest stage).
 *
 * The register writes one block per member state for a trial. The blocks
 * of one EudraCT number that follow each other become one record:
 *   - countries: the member state of every block, plus the non-EEA
 *     countries of E.8.6.3;
 *   - phase: E.7.1-E.7.4, a phase counting when any block says "Yes";
 *   - status: per block "P. End of Trial Status", else "Trial Status";
 *     the trial takes the most active one: Ongoing or Restarted, then
 *     Temporarily Halted or Suspended by CA, Prematurely Ended,
 *     Completed, Prohibited by CA, Not Authorised, and last any other;
 *   - start: the earliest "N. Date of Competent Authority Decision", else
 *     the earliest date the record was first entered in EudraCT;
 *     completion: the latest "P. Date of the global end of the trial";
 *   - title, acronym, sponsor, conditions: the first block's that has
 *     them, in English (E.1.1, else the condition in lay language);
 *     interventions: each IMP of every block (its INN, else its product
 *     name, else its trade name), once each; "Placebo" when one is used;
 *   - secondary ids: sponsor protocol code, ISRCTN, US NCT and other ids.
 * A number that comes back after other trials gives a second record of
 * the same trial id (to be merged by identity). A file that ends before
 * the last block's section P is cut short: an error naming the block's
 * line; the trials before it are kept, the cut one is not.
 */
#ifndef TS_INGEST_EUCTR_H
#define TS_INGEST_EUCTR_H

#include <stddef.h>

#include "ingest/reader.h"

/* The reader "euctr-text" (reader.h). */
extern const ts_reader reader_euctr;

#endif
