#!/usr/bin/env python3
"""Compute the expected trialscape tallies for real ClinicalTrials.gov exports.

This is an *independent* reference implementation (Python 3 standard library
only, no pandas) of trialscape's counting contract.  Its output files are the
oracle for the C tool's tests, so it deliberately shares no code with the tool.

Usage
-----
    python3 tests/real/compute_expected.py [-o OUTDIR] [--check] FILE...

For every input FILE it writes ``OUTDIR/<basename of FILE>.tsv`` (default
OUTDIR: ``tests/real/expected`` next to this script).  Nothing from the input
files other than the derived counts is ever written.

With ``--check`` it also runs the sanity checks described under
"Cross-checks" below and exits non-zero if any of them fails.

Typical invocation from the project root::

    python3 tests/real/compute_expected.py --check \
        ../shared/data/real/ctgov_modern/* ../shared/data/real/ctgov_classic/*

Output format (tab-separated; header line first; categories in the fixed
order given by the tables below; only non-zero rows)::

    section       category  trials
    trials        all       <N>
    phase         <label>   <n>
    status        <label>   <n>
    status_group  <label>   <n>

Contract implemented
--------------------
* Format.  "Modern" exports (ctg-studies.csv, 2023+) have the columns
  "NCT Number", "Study Status", "Phases", "Study URL", ...  "Classic" exports
  (pre-2023 SearchResults.csv/.tsv) have "Rank", "Status", "Phases", "URL", ...
  A file is modern if its header has any of "Study Status"/"Study Title"/
  "Study URL", else classic if it has any of "Status"/"Rank"/"Title"/"URL",
  else modern.  The format selects the phase/status value tables.  Columns are looked up by header NAME; a file may
  lack any of them.  A UTF-8 BOM is stripped; empty header cells (e.g. the
  trailing ones Excel adds) are ignored.  ``*.tsv`` files are tab-delimited
  and, as CT.gov classic TSVs are, unquoted (a ``"`` is an ordinary character
  there); everything else is RFC-4180-ish CSV read with ``newline=''`` so that
  quoted fields may contain LF / CRLF.
* Values are whitespace-trimmed; the literal value ``null`` means empty.
* A trial is a data record with at least one non-empty field.  Its id is the
  "NCT Number" value, or -- only when that column is absent -- the first
  ``NCT\\d{8}`` found in "Study URL" (or, failing that column, "URL").  A repeated
  id is counted once (first occurrence wins).  Records with no id still
  count, each on its own.
* Phase and status values are mapped with the tables below (exact,
  case-sensitive match after trimming).  Empty value or absent column ->
  "Not reported"; any other value -> "Unclassified".

Cross-checks (``--check``)
--------------------------
The csv module in its default, non-strict mode is lenient with the malformed
quoting that CT.gov emitted in some classic files (``"Expanded
Access":Treatment IND/Protocol"``), but leniency could in principle shift
columns or swallow rows, so for every file we verify:

1. every record has exactly as many fields as the header;
2. every id (NCT Number / URL id) matches ``^NCT\\d{8}$``, and where both
   "NCT Number" and a URL column exist, the URL's id equals the NCT Number;
3. every non-empty status and phase value is a known one (no Unclassified);
4. an independent record count taken from the RAW text with a regular
   expression (lines that start a record: ``NCT\\d{8},`` for modern files,
   ``<rank>,`` / ``<rank>\\t`` for classic files) equals the parsed record
   count, and the set of NCT ids found that way equals the parsed id set;
5. for classic files, the "Rank" values are exactly 1..N in order.
"""

import argparse
import csv
import os
import re
import sys

# --------------------------------------------------------------------------
# Label tables (order = output order)
# --------------------------------------------------------------------------

PHASE_LABELS = [
    "Early Phase I", "Phase I", "Phase I/II", "Phase II", "Phase II/III",
    "Phase III", "Phase IV", "Not applicable", "Not reported", "Unclassified",
]

PHASE_MAP = {
    "modern": {
        "EARLY_PHASE1": "Early Phase I",
        "PHASE1": "Phase I",
        "PHASE1|PHASE2": "Phase I/II",
        "PHASE2": "Phase II",
        "PHASE2|PHASE3": "Phase II/III",
        "PHASE3": "Phase III",
        "PHASE4": "Phase IV",
        "NA": "Not applicable",
    },
    "classic": {
        "Early Phase 1": "Early Phase I",
        "Phase 1": "Phase I",
        "Phase 1|Phase 2": "Phase I/II",
        "Phase 2": "Phase II",
        "Phase 2|Phase 3": "Phase II/III",
        "Phase 3": "Phase III",
        "Phase 4": "Phase IV",
        "Not Applicable": "Not applicable",
    },
}

STATUS_LABELS = [
    "Recruiting", "Not yet recruiting", "Enrolling by invitation",
    "Active, not recruiting", "Completed", "Terminated", "Withdrawn",
    "Suspended", "Unknown status", "Available", "No longer available",
    "Temporarily not available", "Approved for marketing", "Withheld",
    "Not reported", "Unclassified",
]

# Modern enum values, in the same order as the first 14 STATUS_LABELS.
MODERN_STATUS_ENUMS = [
    "RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION",
    "ACTIVE_NOT_RECRUITING", "COMPLETED", "TERMINATED", "WITHDRAWN",
    "SUSPENDED", "UNKNOWN", "AVAILABLE", "NO_LONGER_AVAILABLE",
    "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING", "WITHHELD",
]

STATUS_MAP = {
    "modern": dict(zip(MODERN_STATUS_ENUMS, STATUS_LABELS[:14])),
    # Classic exports use the human-readable labels themselves.
    "classic": {label: label for label in STATUS_LABELS[:14]},
}

STATUS_GROUP_LABELS = [
    "Open", "Planned", "Closed", "Completed", "Terminated", "Withdrawn",
    "Suspended", "Unknown", "Other", "Not reported", "Unclassified",
]

STATUS_GROUP = {
    "Recruiting": "Open",
    "Enrolling by invitation": "Open",
    "Not yet recruiting": "Planned",
    "Active, not recruiting": "Closed",
    "Completed": "Completed",
    "Terminated": "Terminated",
    "Withdrawn": "Withdrawn",
    "Suspended": "Suspended",
    "Unknown status": "Unknown",
    # the five expanded-access statuses
    "Available": "Other",
    "No longer available": "Other",
    "Temporarily not available": "Other",
    "Approved for marketing": "Other",
    "Withheld": "Other",
    "Not reported": "Not reported",
    "Unclassified": "Unclassified",
}

NCT_RE = re.compile(r"NCT\d{8}")
NCT_FULL_RE = re.compile(r"^NCT\d{8}$")

# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def clean(value):
    """Trim whitespace; the literal 'null' means empty."""
    value = value.strip()
    return "" if value == "null" else value


def read_records(path):
    """Return (header, records) where header is the raw list of header cells
    (BOM stripped) and records is a list of raw field lists."""
    is_tsv = path.lower().endswith(".tsv")
    with open(path, "r", encoding="utf-8", newline="") as fh:
        if is_tsv:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            reader = csv.reader(fh, delimiter=",")  # default, non-strict
        rows = list(reader)
    if not rows:
        return [], []
    header = rows[0]
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    return header, rows[1:]


def column_index(header):
    """Map column name -> index, ignoring empty header cells (first wins)."""
    index = {}
    for i, name in enumerate(header):
        name = name.strip()
        if name and name not in index:
            index[name] = i
    return index


MODERN_ONLY = ("Study Status", "Study Title", "Study URL")
CLASSIC_ONLY = ("Status", "Rank", "Title", "URL")


def detect_format(index):
    """Classic if the header has classic-only column names and no modern-only
    ones; modern otherwise (the value tables differ, the column is the same)."""
    if any(name in index for name in MODERN_ONLY):
        return "modern"
    if any(name in index for name in CLASSIC_ONLY):
        return "classic"
    return "modern"


def url_column(index):
    """The column the NCT id is taken from when "NCT Number" is absent."""
    for name in ("Study URL", "URL"):
        if name in index:
            return name
    return None


def get(record, index, name):
    i = index.get(name)
    if i is None or i >= len(record):
        return ""
    return clean(record[i])


# --------------------------------------------------------------------------
# Tallying
# --------------------------------------------------------------------------


def analyse(path):
    """Parse one file and return a dict with the tallies and diagnostics."""
    header, records = read_records(path)
    index = column_index(header)
    fmt = detect_format(index)
    status_col = "Study Status" if fmt == "modern" else "Status"
    url_col = url_column(index)

    phase_counts = {label: 0 for label in PHASE_LABELS}
    status_counts = {label: 0 for label in STATUS_LABELS}
    group_counts = {label: 0 for label in STATUS_GROUP_LABELS}
    seen_ids = set()
    duplicates = []          # (id, record number) of skipped repeats
    unclassified = []        # (section, raw value)
    no_id_records = 0
    trials = 0

    for recno, record in enumerate(records, start=1):
        if not any(clean(v) for v in record):
            continue  # blank record: not a trial

        # ---- identity / de-duplication ----
        if "NCT Number" in index:
            nct = get(record, index, "NCT Number")
        else:
            m = NCT_RE.search(get(record, index, url_col)) if url_col else None
            nct = m.group(0) if m else ""
        if nct:
            if nct in seen_ids:
                duplicates.append((nct, recno))
                continue
            seen_ids.add(nct)
        else:
            no_id_records += 1
        trials += 1

        # ---- phase ----
        if "Phases" in index:
            raw = get(record, index, "Phases")
            if raw == "":
                phase = "Not reported"
            else:
                phase = PHASE_MAP[fmt].get(raw, "Unclassified")
                if phase == "Unclassified":
                    unclassified.append(("phase", raw))
        else:
            phase = "Not reported"
        phase_counts[phase] += 1

        # ---- status ----
        if status_col in index:
            raw = get(record, index, status_col)
            if raw == "":
                status = "Not reported"
            else:
                status = STATUS_MAP[fmt].get(raw, "Unclassified")
                if status == "Unclassified":
                    unclassified.append(("status", raw))
        else:
            status = "Not reported"
        status_counts[status] += 1
        group_counts[STATUS_GROUP[status]] += 1

    return {
        "path": path,
        "format": fmt,
        "header": header,
        "index": index,
        "records": records,
        "trials": trials,
        "phase": phase_counts,
        "status": status_counts,
        "status_group": group_counts,
        "ids": seen_ids,
        "duplicates": duplicates,
        "unclassified": unclassified,
        "no_id_records": no_id_records,
    }


def render(result):
    lines = ["section\tcategory\ttrials", "trials\tall\t%d" % result["trials"]]
    for section, labels in (("phase", PHASE_LABELS),
                            ("status", STATUS_LABELS),
                            ("status_group", STATUS_GROUP_LABELS)):
        for label in labels:
            n = result[section][label]
            if n:
                lines.append("%s\t%s\t%d" % (section, label, n))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Independent cross-checks
# --------------------------------------------------------------------------


def cross_check(result):
    """Return a list of problems found (empty list = all good)."""
    problems = []
    path, fmt = result["path"], result["format"]
    header, index, records = result["header"], result["index"], result["records"]
    ncols = len(header)
    url_col = url_column(index)
    status_col = "Study Status" if fmt == "modern" else "Status"

    # 1. field count per record
    bad = [i for i, r in enumerate(records, 1) if len(r) != ncols]
    if bad:
        problems.append("%d records with != %d fields (first: #%d)"
                        % (len(bad), ncols, bad[0]))

    # 2. ids well-formed and consistent with the URL
    for recno, r in enumerate(records, 1):
        nct = get(r, index, "NCT Number") if "NCT Number" in index else None
        url = get(r, index, url_col) if url_col else None
        url_ids = NCT_RE.findall(url) if url is not None else None
        if nct is not None and not NCT_FULL_RE.match(nct):
            problems.append("record %d: bad NCT Number %r" % (recno, nct))
        if url_ids is not None and len(url_ids) != 1:
            problems.append("record %d: URL has %d NCT ids" % (recno, len(url_ids)))
        if nct is not None and url_ids and url_ids[0] != nct:
            problems.append("record %d: NCT Number %s != URL id %s"
                            % (recno, nct, url_ids[0]))

    # 3. all phase/status values known
    for recno, r in enumerate(records, 1):
        if "Phases" in index:
            v = get(r, index, "Phases")
            if v and v not in PHASE_MAP[fmt]:
                problems.append("record %d: unknown phase %r" % (recno, v))
        if status_col in index:
            v = get(r, index, status_col)
            if v and v not in STATUS_MAP[fmt]:
                problems.append("record %d: unknown status %r" % (recno, v))

    # 4. raw-text record count and id set, without the csv module
    with open(path, "r", encoding="utf-8", newline="") as fh:
        raw = fh.read()
    raw = raw.lstrip("\ufeff")
    sep = "\t" if path.lower().endswith(".tsv") else ","
    if fmt == "modern":
        # a modern record starts with its NCT Number (first column in all
        # our files) at the start of a physical line
        if header and header[0].strip() == "NCT Number":
            starts = re.findall(r"(?:^|\n)\"?(NCT\d{8})\"?" + re.escape(sep), raw)
            raw_ids = set(starts)
            if len(starts) != len(records):
                problems.append("raw record starts %d != parsed records %d"
                                % (len(starts), len(records)))
            if raw_ids != result["ids"]:
                problems.append("raw id set differs from parsed id set")
        else:
            problems.append("raw check skipped: first column is not NCT Number")
    else:
        # a classic record starts with its Rank at the start of a physical line
        starts = re.findall(r"(?:^|\n)\"?(\d+)\"?" + re.escape(sep), raw)
        if len(starts) != len(records):
            problems.append("raw record starts %d != parsed records %d"
                            % (len(starts), len(records)))
        # all NCT ids anywhere in the URL-ish text of the raw file
        raw_ids = set(re.findall(r"ClinicalTrials\.gov/show/(NCT\d{8})", raw))
        if raw_ids != result["ids"]:
            problems.append("raw URL id set (%d) differs from parsed ids (%d)"
                            % (len(raw_ids), len(result["ids"])))
        # 5. ranks are 1..N
        if "Rank" in index:
            ranks = [get(r, index, "Rank") for r in records]
            if ranks != [str(i) for i in range(1, len(records) + 1)]:
                problems.append("Rank column is not 1..N")
    return problems


# --------------------------------------------------------------------------


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", help="CT.gov CSV/TSV exports")
    ap.add_argument("-o", "--outdir", default=os.path.join(here, "expected"))
    ap.add_argument("--check", action="store_true",
                    help="run independent cross-checks; exit 1 on failure")
    args = ap.parse_args(argv)

    os.makedirs(args.outdir, exist_ok=True)
    failed = False
    for path in args.files:
        result = analyse(path)
        out = os.path.join(args.outdir, os.path.basename(path) + ".tsv")
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(render(result))
        msg = "%-55s %-7s trials=%d" % (os.path.basename(path),
                                         result["format"], result["trials"])
        if result["duplicates"]:
            msg += " duplicates=%s" % result["duplicates"]
        if result["unclassified"]:
            msg += " unclassified=%s" % result["unclassified"]
        if result["no_id_records"]:
            msg += " no_id=%d" % result["no_id_records"]
        print(msg)
        if args.check:
            problems = cross_check(result)
            for p in problems[:20]:
                print("    CHECK FAILED: " + p)
            if problems:
                failed = True
            else:
                print("    checks OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
