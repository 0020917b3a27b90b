#!/usr/bin/env python3
"""Check the trends, sponsor, enrollment and design tables on real exports.

Usage: tests/real/check_trends.py TRIALSCAPE FILE...

For every real export FILE, trialscape runs once (--no-charts) and these
tables are compared with counts made here from Python's own reading of the
export (check_filters.read_export, on compute_expected.py's csv reading),
following the documented rules:

* design.tsv, masking.tsv, results.tsv: the Study Design's Allocation (N/A
  or a single-group model without one = single arm) and Masking, "Not
  applicable" for designs without either (observational) and for studies
  of another type without a design; Study Results.
* enrollment_by_phase.tsv: per phase, the trials giving a planned number
  (status not yet recruiting, recruiting, enrolling by invitation,
  suspended) and an actual one (active not recruiting, completed,
  terminated, withdrawn), their sums and medians, and the trials whose
  number's type is unknown.
* start_year_x_status_group.tsv: trials by start year and status group.
* sponsor_x_phase.tsv: trials per lead sponsor, sponsors grouped by their
  normalised name; industry_sponsor_x_phase.tsv and
  other_sponsor_x_phase.tsv: the same for funder type Industry and for
  every other known funder type, by phase.
* start_year_x_modality.tsv against the run's own trials.tsv (modalities
  are the classifier's), and the figures' data: start_year.dat's columns
  are start_year_x_phase.tsv's years, none missing.
* industry and other sponsor x phase agree with sponsor_x_funder_type.tsv
  sponsor by sponsor, and in all with funder_type.tsv.

Prints one line per check and "N passed, N failed"; exits 1 on a failure.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_filters as cf  # noqa: E402
import compute_expected as ce  # noqa: E402

PLANNED = {"Not yet recruiting", "Recruiting", "Enrolling by invitation",
           "Suspended"}
ACTUAL = {"Active, not recruiting", "Completed", "Terminated", "Withdrawn"}


def design_parts(raw):
    parts = {}
    for p in raw.split("|"):
        if ":" in p:
            k, v = p.split(":", 1)
            v = v.split("(")[0]
            parts[cf.key_words(k)] = cf.key_words(v)
    return parts


def design_of(raw, study_type):
    parts = design_parts(raw)
    if not any(k in parts for k in ("ALLOCATION", "INTERVENTION_MODEL",
                                    "MASKING")):
        na = study_type != "Interventional" and (
            study_type != "Not reported" or raw.strip() != "")
        return ("Not applicable",) * 2 if na else ("Not reported",) * 2
    alloc = parts.get("ALLOCATION", "")
    model = parts.get("INTERVENTION_MODEL", "")
    if alloc == "RANDOMIZED":
        d = "Randomized"
    elif alloc == "NON_RANDOMIZED":
        d = "Non-randomized"
    elif alloc in ("N_A", "NA") or (not alloc and
                                    model.startswith("SINGLE_GROUP")):
        d = "Single arm"
    elif not alloc:
        d = "Not reported"
    else:
        d = "Unclassified"
    mask = parts.get("MASKING", "")
    m = "Not reported"
    for word, label in (("NONE", "None (open label)"), ("SINGLE", "Single"),
                        ("DOUBLE", "Double"), ("TRIPLE", "Triple"),
                        ("QUADRUPLE", "Quadruple")):
        if mask.startswith(word):
            m = label
    if mask and m == "Not reported":
        m = "Unclassified"
    return d, m


def results_of(raw):
    k = cf.key_words(raw)
    if not raw.strip():
        return "Not reported"
    if k in ("YES", "HAS_RESULTS", "TRUE"):
        return "Results posted"
    if k in ("NO", "NO_RESULTS_AVAILABLE", "FALSE"):
        return "No results posted"
    return "Unclassified"


def median_text(xs):
    if not xs:
        return ""
    m = statistics.median(xs)
    return "%d" % m if m == int(m) else "%.1f" % m


def read_table(path):
    with open(path, encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh]
    return rows[0], rows[1:]


def main():
    bin_, files = sys.argv[1], sys.argv[2:]
    tmp = tempfile.mkdtemp(prefix="trialscape-trends.")
    passed = failed = 0

    def check(name, what, got, want):
        nonlocal passed, failed
        if got == want:
            print("trends: ok %s: %s" % (name, what))
            passed += 1
        else:
            diff = sorted(set(got) ^ set(want))[:4] if isinstance(
                got, (set, dict)) else (got, want)
            print("trends: FAIL %s: %s: %s" % (name, what, diff))
            failed += 1

    try:
        for src in files:
            name = os.path.basename(src)
            header, records = ce.read_records(src)
            index = ce.column_index(header)
            fmt = ce.detect_format(index)
            trials = cf.read_export(src)
            # the raw columns read_export does not keep
            extra = {}
            seen = set()
            dcol = "Study Design" if fmt == "modern" else "Study Designs"
            for r in records:
                if not any(ce.clean(v) for v in r):
                    continue
                if "NCT Number" in index:
                    nct = ce.get(r, index, "NCT Number")
                else:
                    m = ce.NCT_RE.search(ce.get(r, index,
                                                ce.url_column(index)))
                    nct = m.group(0) if m else ""
                if nct in seen:
                    continue
                seen.add(nct)
                extra.setdefault(nct, (ce.get(r, index, dcol),
                                       ce.get(r, index, "Study Results")))
            out = os.path.join(tmp, "out")
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run([bin_, "run", "-q", "--no-charts", "-o", out, src],
                           check=True)

            def table(t):
                return {r[0]: int(r[1]) for r in
                        read_table(os.path.join(out, "tables",
                                                t + ".tsv"))[1]}
            designs = [design_of(extra[t.nct][0], t.study_type)
                       for t in trials]
            check(name, "design", table("design"),
                  dict(Counter(d for d, _ in designs)))
            check(name, "masking", table("masking"),
                  dict(Counter(m for _, m in designs)))
            check(name, "results", table("results"),
                  dict(Counter(results_of(extra[t.nct][1]) for t in trials)))
            # enrollment by phase
            want = defaultdict(lambda: {"n": 0, "p": [], "a": [], "u": 0})
            for t in trials:
                for key in (t.phase, "All trials"):
                    w = want[key]
                    w["n"] += 1
                    if t.enrollment < 0:
                        continue
                    if t.status in PLANNED:
                        w["p"].append(t.enrollment)
                    elif t.status in ACTUAL:
                        w["a"].append(t.enrollment)
                    else:
                        w["u"] += 1
            head, rows = read_table(os.path.join(out, "tables",
                                                 "enrollment_by_phase.tsv"))
            got = {r[0]: r[1:] for r in rows}
            exp = {k: [str(w["n"]), str(len(w["p"])), str(sum(w["p"])),
                       median_text(w["p"]), str(len(w["a"])),
                       str(sum(w["a"])), median_text(w["a"]), str(w["u"])]
                   for k, w in want.items()}
            check(name, "enrollment by phase (%d rows)" % len(exp),
                  got, exp)
            # start year x status group
            head, rows = read_table(os.path.join(
                out, "tables", "start_year_x_status_group.tsv"))
            got = {(r[0], r[1]): int(r[2]) for r in rows if r[2] != "0"}
            exp = Counter((str(t.year) if t.year > 0 else
                           ("Not reported" if t.year == 0 else
                            "Unclassified"), t.group) for t in trials)
            check(name, "start year x status group", got, dict(exp))
            # sponsors by normalised name: the row totals
            head, rows = read_table(os.path.join(out, "tables",
                                                 "sponsor_x_phase.tsv"))
            got = Counter()
            for r in rows:
                key = ("" if r[0] == "Not reported"
                       else cf.sponsor_key(r[0]))
                got[key] += int(r[2])
            exp = Counter(cf.sponsor_key(t.sponsor) if t.sponsor else ""
                          for t in trials)
            check(name, "sponsor x phase by normalised name (%d sponsors)"
                  % len(exp), dict(got), dict(exp))
            # industry against other known funder types, by phase
            for kind, keep in (
                    ("industry", lambda f: f == "Industry"),
                    ("other", lambda f: f not in (
                        "Industry", "Ambiguous", "Unknown", "Not reported",
                        "Unclassified"))):
                head, rows = read_table(os.path.join(
                    out, "tables", kind + "_sponsor_x_phase.tsv"))
                got = Counter()
                for r in rows:
                    if r[2] != "0":
                        key = ("" if r[0] == "Not reported"
                               else cf.sponsor_key(r[0]))
                        got[(key, r[1])] += int(r[2])
                exp = Counter((cf.sponsor_key(t.sponsor) if t.sponsor
                               else "", t.phase)
                              for t in trials if keep(t.funder))
                check(name, "%s sponsor x phase (%d cells)" % (kind, len(exp)),
                      dict(got), dict(exp))
                # each sponsor's row equals its cells of sponsor x funder
                # type, and the whole equals the funder type table's
                head, rows = read_table(os.path.join(
                    out, "tables", "sponsor_x_funder_type.tsv"))
                want = Counter()
                for r in rows:
                    if keep(r[1]) and r[2] != "0":
                        want[r[0]] += int(r[2])
                head, rows = read_table(os.path.join(
                    out, "tables", kind + "_sponsor_x_phase.tsv"))
                mine = Counter()
                for r in rows:
                    if r[2] != "0":
                        mine[r[0]] += int(r[2])
                check(name, "%s sponsor x phase = sponsor x funder type "
                      "(%d sponsors)" % (kind, len(want)), dict(mine),
                      dict(want))
                head, rows = read_table(os.path.join(out, "tables",
                                                     "funder_type.tsv"))
                check(name, "%s sponsors' trials = funder type table" % kind,
                      sum(mine.values()),
                      sum(int(r[1]) for r in rows if keep(r[0])))
            # start year x modality from the run's trials.tsv
            head, rows = read_table(os.path.join(
                out, "tables", "start_year_x_modality.tsv"))
            got = {(r[0], r[1]): int(r[2]) for r in rows if r[2] != "0"}
            exp = Counter()
            for r in cf.read_trials_tsv(os.path.join(out, "trials.tsv")):
                for m in filter(None, r["modalities"].split("; ")):
                    if m not in ("Not reported", "Unclassified"):
                        exp[(r["start_year"] or "Not reported", m)] += 1
            check(name, "start year x modality (%d cells)" % len(exp),
                  got, dict(exp))
            # the trend figure's bars: every year from first to last
            head, rows = read_table(os.path.join(
                out, "tables", "start_year_x_phase.tsv"))
            want = Counter()
            for r in rows:
                if r[0].isdigit():
                    want[r[0]] += int(r[2])
            want = {y: n for y, n in want.items() if n}
            # start_year.dat's first block: year, bottom and top of each
            # part of its column
            got = Counter()
            with open(os.path.join(out, "figures", "start_year.dat"),
                      encoding="utf-8") as fh:
                for ln in fh.read().split("\n\n\n")[0].split("\n"):
                    if ln and not ln.startswith("#"):
                        f = ln.split("\t")
                        got[f[0]] = max(got[f[0]], int(f[2]))
            check(name, "start_year.dat: %d years" % len(want), dict(got),
                  dict(want))
            dup = len(set(t.sponsor for t in trials if t.sponsor)) - len(
                set(cf.sponsor_key(t.sponsor) for t in trials if t.sponsor))
            print("trends: %s: %d spellings merged into other sponsors' rows"
                  % (name, dup))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
