#!/usr/bin/env python3
"""Check `trialscape compare` on snapshots made from real exports.

Usage: tests/real/check_compare.py TRIALSCAPE FILE...

For each real export FILE, two snapshots are written to a temporary
directory (never into the repository): A lacks some trials (B adds them),
B lacks others (B removes them), and B changes the status of some trials,
the phase of others, and both for a few, writing values of the export's
own vocabulary; B's rows are also shuffled and A is split over two files
(read with --add-a). The script then checks that

* changes.tsv lists exactly those changes (identifier, kind, from, to);
* every side-by-side table equals the tables of separate `trialscape run`s
  of A and of B (category, trials, percent), and difference_points is
  B's percent minus A's;
* the same holds with a --where filter on both sides, where a trial the
  filter keeps on one side only is added or removed.

Prints one line per check and "N passed, N failed"; exits 1 on a failure.
"""

import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compute_expected as ce  # noqa: E402

TABLES = ["phase", "status", "status_group", "indication", "regimen",
          "modality", "chemo_class", "targets", "immuno_targets",
          "study_type", "funder_type", "start_year", "country", "design",
          "masking", "results", "unmatched"]


def read_tsv(path):
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def write_export(path, header, rows, tsv):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        if tsv:
            for r in [header] + rows:
                fh.write("\t".join(r) + "\n")
        else:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), p.returncode,
                                                  p.stderr.decode()[-400:]))


class Snapshot:
    """The trials of an export with their identifiers and labels."""

    def __init__(self, path):
        self.header, records = ce.read_records(path)
        self.index = ce.column_index(self.header)
        self.fmt = ce.detect_format(self.index)
        self.status_col = ("Study Status" if self.fmt == "modern"
                           else "Status")
        self.rows, seen = [], set()
        url_col = ce.url_column(self.index)
        for r in records:
            if not any(ce.clean(v) for v in r):
                continue
            if "NCT Number" in self.index:
                nct = ce.get(r, self.index, "NCT Number")
            else:
                m = ce.NCT_RE.search(ce.get(r, self.index, url_col))
                nct = m.group(0) if m else ""
            if not nct or nct in seen:
                continue
            seen.add(nct)
            self.rows.append((nct, list(r)))

    def status(self, r):
        raw = ce.get(r, self.index, self.status_col)
        return ("Not reported" if raw == "" else
                ce.STATUS_MAP[self.fmt].get(raw, "Unclassified"))

    def phase(self, r):
        if "Phases" not in self.index:
            return "Not reported"
        raw = ce.get(r, self.index, "Phases")
        return ("Not reported" if raw == "" else
                ce.PHASE_MAP[self.fmt].get(raw, "Unclassified"))

    def group(self, r):
        return ce.STATUS_GROUP[self.status(r)]


def make_snapshots(snap, rnd):
    """Returns (rows_a, rows_b, expected changes as a set of tuples)."""
    n = len(snap.rows)
    order = list(range(n))
    rnd.shuffle(order)
    k = max(2, n // 20)
    only_b = set(order[:k])             # B adds them
    only_a = set(order[k:2 * k])        # B removes them
    st_change = order[2 * k:3 * k]
    ph_change = order[3 * k - k // 3:4 * k]  # overlaps: both change
    status_values = list(ce.STATUS_MAP[snap.fmt].items())
    phase_values = list(ce.PHASE_MAP[snap.fmt].items())
    has_phase = "Phases" in snap.index
    rows_a, rows_b = [], []
    for i, (nct, r) in enumerate(snap.rows):
        if i not in only_b:
            rows_a.append(r)
        if i in only_a:
            continue
        r2 = list(r)
        if i in st_change and snap.status_col in snap.index:
            old = snap.status(r)
            raw, _ = rnd.choice([sv for sv in status_values if sv[1] != old])
            r2[snap.index[snap.status_col]] = raw
        if i in ph_change and has_phase:
            old = snap.phase(r)
            raw, _ = rnd.choice([pv for pv in phase_values if pv[1] != old])
            r2[snap.index["Phases"]] = raw
        rows_b.append(r2)
    rnd.shuffle(rows_b)
    return rows_a, rows_b


def expected_changes(snap, rows_a, rows_b, keep):
    """Changes between the row sets as documented, keep(row) the filter."""
    def by_id(rows):
        out = {}
        for r in rows:
            if "NCT Number" in snap.index:
                nct = ce.get(r, snap.index, "NCT Number")
            else:
                nct = ce.NCT_RE.search(
                    ce.get(r, snap.index, ce.url_column(snap.index))).group(0)
            out.setdefault(nct, r)
        return out
    a, b = by_id(rows_a), by_id(rows_b)
    want = set()
    for nct in set(a) | set(b):
        ka = nct in a and keep(a[nct])
        kb = nct in b and keep(b[nct])
        if kb and not ka:
            want.add((nct, "added", "left out by --where" if nct in a else "",
                      snap.status(b[nct])))
        elif ka and not kb:
            want.add((nct, "removed", snap.status(a[nct]),
                      "left out by --where" if nct in b else ""))
        elif ka and kb:
            for kind, f in (("status", snap.status), ("phase", snap.phase)):
                if f(a[nct]) != f(b[nct]):
                    want.add((nct, kind, f(a[nct]), f(b[nct])))
    return want


def check_tables(out, run_a, run_b):
    """Problems found comparing compare's tables with the separate runs."""
    problems = []
    for t in TABLES:
        side = read_tsv(os.path.join(out, "tables", t + ".tsv"))
        if side[0] != ["category", "a_trials", "a_percent", "b_trials",
                       "b_percent", "difference_points"]:
            problems.append("%s: header %s" % (t, side[0]))
            continue
        sep = {}
        for s, d in (("a", run_a), ("b", run_b)):
            rows = read_tsv(os.path.join(d, "tables", t + ".tsv"))[1:]
            sep[s] = {r[0]: (r[1], r[2]) for r in rows}
        cats = [r[0] for r in side[1:]]
        if set(cats) != set(sep["a"]) | set(sep["b"]):
            problems.append("%s: categories differ from the runs'" % t)
        for r in side[1:]:
            for s, (n, p) in (("a", (r[1], r[2])), ("b", (r[3], r[4]))):
                if r[0] in sep[s]:
                    if (n, p) != sep[s][r[0]]:
                        problems.append("%s %s %s: %s/%s, run %s/%s" % (
                            t, s, r[0], n, p, *sep[s][r[0]]))
                elif n != "0":
                    problems.append("%s %s %s: %s trials, none in the run"
                                    % (t, s, r[0], n))
            if r[2] and r[4] and r[5]:
                d = float(r[4]) - float(r[2])
                if abs(d - float(r[5])) > 0.11:
                    problems.append("%s %s: difference %s" % (t, r[0], r[5]))
    return problems


def main():
    bin_, files = sys.argv[1], sys.argv[2:]
    tmp = tempfile.mkdtemp(prefix="trialscape-compare.")
    passed = failed = 0
    rnd = random.Random(14)
    try:
        for src in files:
            name = os.path.basename(src)
            snap = Snapshot(src)
            tsv = src.lower().endswith(".tsv")
            ext = ".tsv" if tsv else ".csv"
            rows_a, rows_b = make_snapshots(snap, rnd)
            half = len(rows_a) // 2
            a1, a2, b = (os.path.join(tmp, n + ext) for n in ("a1", "a2", "b"))
            write_export(a1, snap.header, rows_a[:half], tsv)
            write_export(a2, snap.header, rows_a[half:], tsv)
            write_export(b, snap.header, rows_b, tsv)
            aw = os.path.join(tmp, "a" + ext)
            write_export(aw, snap.header, rows_a, tsv)
            for where, keep in (
                    ([], lambda r: True),
                    (["status_group=Open,Completed,Closed"],
                     lambda r: snap.group(r) in ("Open", "Completed",
                                                 "Closed"))):
                out = os.path.join(tmp, "out")
                ra, rb = os.path.join(tmp, "ra"), os.path.join(tmp, "rb")
                for d in (out, ra, rb):
                    shutil.rmtree(d, ignore_errors=True)
                opts = ["-q", "--no-charts"]
                for e in where:
                    opts += ["--where", e]
                run([bin_, "compare"] + opts + ["-o", out, "--label-a",
                    "before", "--label-b", "after", a1, b, "--add-a", a2])
                run([bin_, "run"] + opts + ["-o", ra, aw])
                run([bin_, "run"] + opts + ["-o", rb, b])
                got = {tuple(r) for r in
                       read_tsv(os.path.join(out, "changes.tsv"))[1:]}
                want = expected_changes(snap, rows_a, rows_b, keep)
                kinds = {}
                for c in want:
                    kinds[c[1]] = kinds.get(c[1], 0) + 1
                what = "%s%s" % (name, " --where " + where[0] if where else "")
                if got == want:
                    print("compare: ok %s: changes %s" % (
                        what, ", ".join("%s %d" % kv
                                        for kv in sorted(kinds.items()))))
                    passed += 1
                else:
                    print("compare: FAIL %s: only trialscape %s; only "
                          "expected %s" % (what, sorted(got - want)[:4],
                                           sorted(want - got)[:4]))
                    failed += 1
                problems = check_tables(out, ra, rb)
                if problems:
                    print("compare: FAIL %s: tables: %s" % (what,
                                                           problems[:4]))
                    failed += 1
                else:
                    print("compare: ok %s: %d tables equal separate runs"
                          % (what, len(TABLES)))
                    passed += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
