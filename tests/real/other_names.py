#!/usr/bin/env python3
"""Which trials of a ClinicalTrials.gov JSON export the intervention other
names classify differently, and why (issue 12, item 5).

Runs trialscape on the export as it is and on a copy with every
"otherNames" list removed (written to a scratch directory, never kept),
and compares the trials' substances and regimen. Prints one line per trial
that differs: ``ID<TAB>substances without -> with<TAB>regimen without ->
with``, then, indented, why: the interventions whose own name names no
substance but one of whose other names does (checked with `trialscape
classify`).

Usage: other_names.py TRIALSCAPE EXPORT.json SCRATCHDIR
"""
import csv
import json
import os
import subprocess
import sys


def run(ts, path, out):
    subprocess.run([ts, "run", "-q", "--no-charts", "-o", out, path],
                   check=True)
    with open(os.path.join(out, "trials.tsv"), encoding="utf-8",
              newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t",
                                   quoting=csv.QUOTE_NONE))
    return {r["nct_id"]: (r["substances"], r["regimen"]) for r in rows}


def substance(ts, texts):
    """The substance `trialscape classify` finds for each text ("" none)."""
    out = subprocess.run([ts, "classify", "-"], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return [line.split("\t")[1] for line in out.splitlines()[1:]]


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    ts, src, scratch = argv[1:]
    os.makedirs(scratch, exist_ok=True)
    with open(src, encoding="utf-8") as fh:
        data = json.load(fh)
    studies = data if isinstance(data, list) else data.get("studies", [data])
    ivs = {}
    for s in studies:
        p = s["protocolSection"]
        nct = p["identificationModule"]["nctId"]
        ivs[nct] = p.get("armsInterventionsModule", {}).get("interventions", [])
    stripped = json.loads(json.dumps(data))
    for s in (stripped if isinstance(stripped, list)
              else stripped.get("studies", [stripped])):
        for iv in s["protocolSection"].get("armsInterventionsModule",
                                           {}).get("interventions", []):
            iv.pop("otherNames", None)
    bare = os.path.join(scratch, "no-other-names.json")
    with open(bare, "w", encoding="utf-8") as fh:
        json.dump(stripped, fh)
    with_names = run(ts, src, os.path.join(scratch, "with"))
    without = run(ts, bare, os.path.join(scratch, "without"))
    os.remove(bare)
    for nct in sorted(with_names):
        a, b = without[nct], with_names[nct]
        if a == b:
            continue
        print("%s\t%s -> %s\t%s -> %s" % (nct, a[0], b[0], a[1], b[1]))
        for iv in ivs[nct]:
            others = iv.get("otherNames") or []
            if not others:
                continue
            label = "%s: %s" % (iv.get("type", ""), iv.get("name", ""))
            found = substance(ts, [label] + ["%s: %s" % (iv.get("type", ""), o)
                                             for o in others])
            hits = [(o, f) for o, f in zip(others, found[1:]) if f]
            if not found[0] and hits:
                print("    why: \"%s\" names no substance; its other name "
                      "\"%s\" is %s" % (label, hits[0][0], hits[0][1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
