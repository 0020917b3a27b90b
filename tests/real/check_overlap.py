#!/usr/bin/env python3
"""Overlapping inputs counted once: a WHO ICTRP CSV export and a
ClinicalTrials.gov CSV export of the same topic, read in one run, against
an independent merge in Python (compute_expected_registries.merge: records
sharing an identifier are one trial).

    python3 tests/real/check_overlap.py TRIALSCAPE ICTRP.csv CTGOV.csv

Checks the trial count, the records read, the merged groups listed in
tables/duplicates.tsv (and their records), and tables/registry.tsv (a
trial counts once for each registry whose record was read).  Prints one
"overlap: ok ..." or "overlap: FAIL ..." line per check; exits 1 on a
failure.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compute_expected_registries as reg  # noqa: E402

NAMES = {
    "ctgov": "ClinicalTrials.gov", "ctis": "CTIS", "euctr": "EU CTR",
    "isrctn": "ISRCTN", "anzctr": "ANZCTR", "chictr": "ChiCTR",
    "cris": "CRiS", "ctri": "CTRI", "drks": "DRKS", "irct": "IRCT",
    "jrct": "jRCT", "umin": "UMIN-CTR", "japic": "JapicCTI", "jma": "JMACCT",
    "ntr": "NTR", "omon": "OMON", "pactr": "PACTR", "rebec": "ReBEC",
    "rpcec": "RPCEC", "repec": "REPEC", "slctr": "SLCTR", "tctr": "TCTR",
    "lbctr": "LBCTR", "itmctr": "ITMCTR", "utn": "WHO UTN",
    None: "Unknown registry",
}


def ctgov_records(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            nct = (r.get("NCT Number") or "").strip()
            yield reg.Record(nct, r.get("Other IDs") or "", "Not reported",
                             "Not reported", False)


def main():
    bin_, ictrp, ctgov = sys.argv[1:4]
    # trialscape reads the ICTRP records first (they may be outranked)
    records = list(reg.ictrp(reg.ictrp_rows_csv(ictrp)))
    records += list(ctgov_records(ctgov))
    trials = reg.groups(records)
    merged = [g for g in trials if len(g) > 1]
    by_reg = {}
    for g in trials:
        for r in {records[i].reg for i in g}:
            by_reg[NAMES[r]] = by_reg.get(NAMES[r], 0) + 1

    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([bin_, "run", "-q", "--no-charts", "-o", out, ictrp,
                        ctgov], check=True)
        man = json.load(open(os.path.join(out, "manifest.json")))
        with open(os.path.join(out, "trials.tsv"), encoding="utf-8") as fh:
            n_trials = sum(1 for _ in fh) - 1
        with open(os.path.join(out, "tables", "duplicates.tsv"),
                  encoding="utf-8") as fh:
            dup = list(csv.DictReader(fh, delimiter="\t"))
        with open(os.path.join(out, "tables", "registry.tsv"),
                  encoding="utf-8") as fh:
            table = {r["category"]: int(r["trials"])
                     for r in csv.DictReader(fh, delimiter="\t")}

    def check(what, got, want):
        nonlocal fails
        if got == want:
            print("overlap: ok %s: %s" % (what, got))
        else:
            print("overlap: FAIL %s: trialscape %s, Python %s"
                  % (what, got, want))
            fails += 1

    check("records read", man.get("records"), len(records))
    check("trials after merging", n_trials, len(trials))
    check("merged groups", len({r["group"] for r in dup}), len(merged))
    check("records in merged groups", len(dup), sum(len(g) for g in merged))
    check("values used once per group",
          sum(1 for r in dup if r["values_used"] == "yes"), len(merged))
    check("trials by registry", table, by_reg)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
