#!/usr/bin/env python3
"""Compute the expected trialscape tallies for real ClinicalTrials.gov JSON
exports (issue 12).

An independent reference (Python 3 standard library only; it shares no code
with the C reader and none with compute_expected.py): each file is loaded
whole with the json module, its study objects are found by the documented
shapes below, and trials, phases and statuses are counted under the same
contract as the CSV exports.

Usage:
    python3 tests/real/compute_expected_json.py [-o OUTDIR] FILE...

writes OUTDIR/<basename of FILE>.tsv (default OUTDIR: tests/real/expected)
in the format of compute_expected.py: ``section  category  trials`` rows for
the trial count, phase, status and status_group (non-zero rows only, in the
labels' order). Nothing from the inputs but counts is written.

Shapes of a file:
* a top-level array of API v2 study objects (the website's Download JSON),
* an API v2 page: an object with "studies" (an array of study objects),
* a single API v2 study object (it has "protocolSection"),
* study objects one a line (NDJSON),
* the retired API v1: {"FullStudiesResponse": {"FullStudies": [{"Study":
  {"ProtocolSection": ...}}]}} with PascalCase keys and the classic
  export's human-readable values.
A trial is a study object; a repeated nctId counts once (first wins).
Phases: the "phases" list joined with "|" ("PHASE1|PHASE2"), or v1's
PhaseList.Phase ("Phase 1|Phase 2"); an empty or missing list is "Not
reported"; a value outside the table is "Unclassified". Status: v2's
overallStatus enum, or v1's label.
"""

import argparse
import json
import os
import sys

PHASE_LABELS = [
    "Early Phase I", "Phase I", "Phase I/II", "Phase II", "Phase II/III",
    "Phase III", "Phase IV", "Not applicable", "Not reported", "Unclassified",
]
PHASES = {
    "EARLY_PHASE1": "Early Phase I", "PHASE1": "Phase I",
    "PHASE1|PHASE2": "Phase I/II", "PHASE2": "Phase II",
    "PHASE2|PHASE3": "Phase II/III", "PHASE3": "Phase III",
    "PHASE4": "Phase IV", "NA": "Not applicable",
    "Early Phase 1": "Early Phase I", "Phase 1": "Phase I",
    "Phase 1|Phase 2": "Phase I/II", "Phase 2": "Phase II",
    "Phase 2|Phase 3": "Phase II/III", "Phase 3": "Phase III",
    "Phase 4": "Phase IV", "Not Applicable": "Not applicable",
}
STATUS_LABELS = [
    "Recruiting", "Not yet recruiting", "Enrolling by invitation",
    "Active, not recruiting", "Completed", "Terminated", "Withdrawn",
    "Suspended", "Unknown status", "Available", "No longer available",
    "Temporarily not available", "Approved for marketing", "Withheld",
    "Not reported", "Unclassified",
]
ENUMS = [
    "RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION",
    "ACTIVE_NOT_RECRUITING", "COMPLETED", "TERMINATED", "WITHDRAWN",
    "SUSPENDED", "UNKNOWN", "AVAILABLE", "NO_LONGER_AVAILABLE",
    "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING", "WITHHELD",
]
STATUSES = dict(zip(ENUMS, STATUS_LABELS[:14]))
STATUSES.update({label: label for label in STATUS_LABELS[:14]})
GROUP_LABELS = [
    "Open", "Planned", "Closed", "Completed", "Terminated", "Withdrawn",
    "Suspended", "Unknown", "Other", "Not reported", "Unclassified",
]
GROUP = {
    "Recruiting": "Open", "Enrolling by invitation": "Open",
    "Not yet recruiting": "Planned", "Active, not recruiting": "Closed",
    "Completed": "Completed", "Terminated": "Terminated",
    "Withdrawn": "Withdrawn", "Suspended": "Suspended",
    "Unknown status": "Unknown", "Not reported": "Not reported",
    "Unclassified": "Unclassified",
}
for label in STATUS_LABELS[9:14]:
    GROUP[label] = "Other"


def load_values(path):
    """All top-level JSON values of the file (one, or one a line)."""
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read()
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def studies(value):
    """(version, study object) pairs of one top-level value."""
    if isinstance(value, list):
        for item in value:
            yield from studies(item)
    elif isinstance(value, dict):
        if "protocolSection" in value:
            yield 2, value
        elif isinstance(value.get("studies"), list):
            for item in value["studies"]:
                if isinstance(item, dict) and "protocolSection" in item:
                    yield 2, item
        elif "FullStudiesResponse" in value:
            for wrap in value["FullStudiesResponse"].get("FullStudies", []):
                yield 1, wrap["Study"]


def get(obj, *keys):
    for key in keys:
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def facts(version, study):
    """(id, raw phase, raw status) of one study object."""
    if version == 2:
        p = study["protocolSection"]
        nct = get(p, "identificationModule", "nctId") or ""
        phases = get(p, "designModule", "phases") or []
        status = get(p, "statusModule", "overallStatus") or ""
    else:
        p = study["ProtocolSection"]
        nct = get(p, "IdentificationModule", "NCTId") or ""
        phases = get(p, "DesignModule", "PhaseList", "Phase") or []
        status = get(p, "StatusModule", "OverallStatus") or ""
    return nct.strip(), "|".join(x.strip() for x in phases), status.strip()


def analyse(path):
    seen = set()
    trials = 0
    phase = dict.fromkeys(PHASE_LABELS, 0)
    status = dict.fromkeys(STATUS_LABELS, 0)
    group = dict.fromkeys(GROUP_LABELS, 0)
    for value in load_values(path):
        for version, study in studies(value):
            nct, raw_phase, raw_status = facts(version, study)
            if nct:
                if nct in seen:
                    continue
                seen.add(nct)
            trials += 1
            ph = PHASES.get(raw_phase, "Unclassified") if raw_phase \
                else "Not reported"
            st = STATUSES.get(raw_status, "Unclassified") if raw_status \
                else "Not reported"
            phase[ph] += 1
            status[st] += 1
            group[GROUP[st]] += 1
    lines = ["section\tcategory\ttrials", "trials\tall\t%d" % trials]
    for name, labels, counts in (("phase", PHASE_LABELS, phase),
                                 ("status", STATUS_LABELS, status),
                                 ("status_group", GROUP_LABELS, group)):
        lines += ["%s\t%s\t%d" % (name, label, counts[label])
                  for label in labels if counts[label]]
    return trials, "\n".join(lines) + "\n"


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--outdir", default=os.path.join(here, "expected"))
    args = ap.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    for path in args.files:
        trials, text = analyse(path)
        out = os.path.join(args.outdir, os.path.basename(path) + ".tsv")
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        print("%-60s trials=%d" % (os.path.basename(path), trials))
    return 0


if __name__ == "__main__":
    sys.exit(main())
