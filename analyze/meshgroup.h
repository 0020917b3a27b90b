/*
 * meshgroup.h - indications chosen from the data: the level at which a
 * set of trials' MeSH descriptors is grouped (analyze stage).
 *
 * The rule. Trials are observed first, each as the descriptors its
 * conditions map to. A node of the MeSH forest covers a trial when one of
 * the trial's descriptors sits at or below it.
 *
 * 1. Focus. Starting above the top categories, step down to the child
 *    covering the most trials as long as that child covers more than half
 *    of the trials with a mapped condition (ties: the first in tree
 *    order). Where the steps stop is the focus: a disease when most trials
 *    share one (a single-disease search: "Multiple Sclerosis"), or nothing
 *    when no top category holds more than half of them (a mixed search).
 * 2. Groups. A trial goes to the deepest node on the path to the focus
 *    that covers it, and there to the child on the way down to its
 *    descriptors; among several, to the child covering the most trials.
 *    So the focus's trials are shown by its sub-indications (children),
 *    and the others by where they branch off the path: a mixed search
 *    shows disease areas (the top categories). With no focus, trials of
 *    the Neoplasms area are shown by primary site one level further down.
 *    A trial whose descriptors are the path node itself stays there
 *    ("Multiple Sclerosis" with no subtype; "Dementia (unspecified)").
 * 3. Small groups. Every group holding less than 1% of the trials joins
 *    its parent, as "Other <parent>" ("Other" at the top), deepest groups
 *    first so that a node's small children are gathered before the node is
 *    judged; then, while there are more than 20 groups, the smallest does
 *    (ties: the deeper, then by label).
 *
 * Trials seen after meshgroup_decide() are grouped by the same decision:
 * a trial whose group was not among the observed ones goes up to the
 * nearest group that was.
 */
#ifndef TS_ANALYZE_MESHGROUP_H
#define TS_ANALYZE_MESHGROUP_H

#include <stddef.h>

#include "analyze/mesh.h"

typedef struct ts_meshgroup ts_meshgroup;

#define TS_MESHGROUP_OTHER "Other"
#define TS_MESHGROUP_UNCLASSIFIED "Unclassified"

/* Groups with mesh (borrowed; must outlive the object). */
ts_meshgroup *meshgroup_new(const ts_mesh *mesh);
void meshgroup_free(ts_meshgroup *g);

/* Observes one trial whose conditions map to descriptors d[0..n) (in any
 * order, repeats allowed); n = 0 for a trial whose conditions map to
 * none. Only before meshgroup_decide(). */
void meshgroup_observe(ts_meshgroup *g, const size_t *d, size_t n);

/* Chooses the focus and the groups from the trials observed. */
void meshgroup_decide(ts_meshgroup *g);

/* The group label of a trial with descriptors d[0..n): "Unclassified"
 * when n = 0. Decides first if not decided yet. The view is valid until
 * meshgroup_free(). */
const char *meshgroup_label(ts_meshgroup *g, const size_t *d, size_t n);

/* After the decision: the focus node (TS_MESH_NONE: disease areas), the
 * trials observed (and of them, with a mapped descriptor), and the groups
 * in order (most observed trials first, ties by label, "Other" last). */
size_t meshgroup_focus(const ts_meshgroup *g);
/* Observed trials the focus covers (all mapped ones with no focus). */
unsigned long meshgroup_focus_trials(const ts_meshgroup *g);
unsigned long meshgroup_observed(const ts_meshgroup *g);
unsigned long meshgroup_mapped(const ts_meshgroup *g);
size_t meshgroup_ngroups(const ts_meshgroup *g);
const char *meshgroup_group(const ts_meshgroup *g, size_t i);

#endif
