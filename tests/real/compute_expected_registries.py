#!/usr/bin/env python3
"""Expected trialscape tallies for real exports of registries other than
ClinicalTrials.gov: WHO ICTRP (CSV and XML), EU CTR full text, CTIS CSV and
ISRCTN CSV.

An *independent* reference (Python 3 standard library only: csv,
xml.etree, plain text parsing) of the counting contract README.md states
under "Registry vocabularies" and "What it reads"; it shares no code with
the C tool.  Output: one ``OUTDIR/<basename>.tsv`` per input, the same
format as compute_expected.py (section, category, trials; non-zero rows in
the fixed label order).

    python3 tests/real/compute_expected_registries.py [-o OUTDIR] FILE...

Contract implemented
--------------------
* One trial per group of linked records (README.md, "One trial, counted
  once"): a record's identifiers are its own number (the ICTRP TrialID
  without the EU CTR member-state suffix or the CTIS submission suffix, the
  EudraCT number of an EU CTR block, the CTIS trial number, the ISRCTN
  number) and the other registries' numbers in its secondary ids (ICTRP
  Secondary ID, EU CTR A.5.1/A.5.2/A.5.4, CTIS Protocol code, ISRCTN's
  EudraCT and ClinicalTrials.gov columns); records sharing one are one
  trial, unless the trial would then hold two numbers of one registry.  The
  trial is tallied with the values of one record: the registry order
  ClinicalTrials.gov, CTIS, EU CTR, ISRCTN, then the others; the registry's
  own export before an ICTRP copy; the first read.  EU CTR blocks of one
  number that follow each other are one record whose phase is any block's
  "Yes" and whose status is the most active block status.
* Phase: empty -> Not reported; EU CTR yes/no block -> the phases answered
  yes (none -> Not reported; a combination without a category -> its
  earliest phase: I+III -> Phase I ...); N/A, NA, Not applicable,
  Retrospective study, New Treatment Measure Clinical Study, Other -> Not
  applicable; Not selected -> Not reported; ChiCTR "0" -> Not applicable for
  observational study types, else Early Phase I; otherwise the phase
  numerals written after "Phase" (roman or arabic) or a value made only of
  numerals 0-4 ("1", "1-2"); phase 0 = Early Phase I; nothing -> Unclassified.
* Status: the table STATUS below; ISRCTN "Overall / Recruitment" by the
  overall status unless it is Ongoing or Deferred.
"""

import argparse
import csv
import os
import re
import sys
import xml.etree.ElementTree as ET

PHASE_LABELS = [
    "Early Phase I", "Phase I", "Phase I/II", "Phase II", "Phase II/III",
    "Phase III", "Phase IV", "Not applicable", "Not reported", "Unclassified",
]
STATUS_LABELS = [
    "Recruiting", "Not yet recruiting", "Enrolling by invitation",
    "Active, not recruiting", "Completed", "Terminated", "Withdrawn",
    "Suspended", "Unknown status", "Available", "No longer available",
    "Temporarily not available", "Approved for marketing", "Withheld",
    "Not reported", "Unclassified",
]
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

# Status words (compared case-insensitively, punctuation ignored).
STATUS = {
    "recruiting": "Recruiting",
    "not recruiting": "Active, not recruiting",
    "authorised": "Not yet recruiting",
    "authorized": "Not yet recruiting",
    "pending": "Not yet recruiting",
    "not yet recruiting": "Not yet recruiting",
    "completed": "Completed",
    "complete": "Completed",
    "terminated": "Terminated",
    "stopped": "Terminated",
    "stopped early": "Terminated",
    "withdrawn": "Withdrawn",
    "suspended": "Suspended",
    "not available": "Unknown status",
    "unknown": "Unknown status",
    "unknown status": "Unknown status",
    "active not recruiting": "Active, not recruiting",
    "enrolling by invitation": "Enrolling by invitation",
    "no longer recruiting": "Active, not recruiting",
    "closed to recruitment of participants": "Active, not recruiting",
    # EU CTR
    "ongoing": "Recruiting",
    "restarted": "Recruiting",
    "temporarily halted": "Suspended",
    "suspended by ca": "Suspended",
    "prematurely ended": "Terminated",
    "prohibited by ca": "Withdrawn",
    "not authorised": "Withdrawn",
    "gb no longer in eu eea": "Unknown status",
    "trial now transitioned": "Unknown status",
    # CTIS
    "authorised recruiting": "Recruiting",
    "authorised recruitment pending": "Not yet recruiting",
    "authorised not yet recruiting": "Not yet recruiting",
    "ongoing recruiting": "Recruiting",
    "ongoing recruitment ended": "Active, not recruiting",
    "ongoing recruitment pending": "Not yet recruiting",
    "ongoing not yet recruiting": "Not yet recruiting",
    "halted": "Suspended",
    "ended": "Completed",
    "early termination": "Terminated",
    "revoked": "Terminated",
    "cancelled": "Withdrawn",
    "expired": "Withdrawn",
    "under evaluation": "Not yet recruiting",
    "transitioned": "Unknown status",
}

OBSERVATIONAL_WORDS = {
    "observational study", "epidemilogical research",
    "epidemiological research", "prognosis study", "causative research",
    "diagnostic test", "screening", "health services research",
    "health services reaserch", "basic science", "relative factors research",
}
INTERVENTIONAL_WORDS = {"interventional study", "treatment study",
                        "prevention"}


def words(s):
    return " ".join(re.findall(r"[a-z0-9]+", s.lower()))


def observational(study_type):
    w = words(study_type)
    if w in OBSERVATIONAL_WORDS:
        return True
    if w in INTERVENTIONAL_WORDS:
        return False
    return w.startswith("observational")


def bits_to_phase(bits):
    exact = {frozenset(["0"]): "Early Phase I", frozenset(["1"]): "Phase I",
             frozenset(["0", "1"]): "Phase I",
             frozenset(["1", "2"]): "Phase I/II",
             frozenset(["2"]): "Phase II",
             frozenset(["2", "3"]): "Phase II/III",
             frozenset(["3"]): "Phase III", frozenset(["4"]): "Phase IV"}
    b = frozenset(bits)
    if b in exact:
        return exact[b]
    if "0" in b:
        return "Early Phase I"
    if "1" in b:
        return "Phase I/II" if "2" in b else "Phase I"
    if "2" in b:
        return "Phase II/III" if "3" in b else "Phase II"
    return "Phase III" if "3" in b else "Phase IV"


ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def phase_of(raw, chictr=False, study_type=""):
    v = raw.strip()
    if not v:
        return "Not reported"
    # EU CTR yes/no block
    answers = re.findall(r"\(Phase (IV|III|II|I)\)[ :]*(yes|no)", v, re.I)
    if len(answers) >= 2:
        yes = {ROMAN[r.upper()] for r, a in answers if a.lower() == "yes"}
        return bits_to_phase(yes) if yes else "Not reported"
    w = words(v)
    if w in ("na", "n a", "not applicable", "retrospective study",
             "new treatment measure clinical study", "other", "others"):
        return "Not applicable"
    if w in ("not selected", "not specified"):
        return "Not reported"
    if chictr and w == "0":
        return "Not applicable" if observational(study_type) else \
            "Early Phase I"
    toks = w.split()
    if toks and all(t in ("0", "1", "2", "3", "4") for t in toks):
        return bits_to_phase(set(toks))
    found = set()
    for m in re.finditer(r"phase\s*([0-4]|iv|iii|ii|i)\b((?:\s*(?:[/&+-]|and)?"
                         r"\s*(?:phase)?\s*(?:[0-4]|iv|iii|ii|i)\b)*)",
                         v.lower().replace("_", " ")):
        for n in re.findall(r"(?<![a-z0-9])([0-4]|iv|iii|ii|i)(?![a-z0-9])",
                            m.group(0).replace("phase", " ")):
            found.add(ROMAN.get(n.upper(), n))
    if not found:
        return "Unclassified"
    if "early" in w and found == {"1"}:
        return "Early Phase I"
    return bits_to_phase(found)


def status_of(raw, isrctn=False):
    v = raw.strip()
    if not v:
        return "Not reported"
    if isrctn:
        if " / " in v:
            overall, recruit = v.split(" / ", 1)
        else:
            overall, recruit = v, ""
        o = words(overall)
        if recruit == "" and o == "ongoing":
            return "Recruiting"
        if o in ("ongoing", "deferred"):
            r = words(recruit)
            return {"recruiting": "Recruiting",
                    "not yet recruiting": "Not yet recruiting",
                    "no longer recruiting": "Active, not recruiting",
                    "suspended": "Suspended"}.get(
                        r, STATUS.get(r, "Unclassified"))
        return STATUS.get(o, "Unclassified")
    return STATUS.get(words(v), "Unclassified")


class Tally:
    def __init__(self):
        self.trials = 0
        self.records = 0
        self.phase = {k: 0 for k in PHASE_LABELS}
        self.status = {k: 0 for k in STATUS_LABELS}
        self.group = {k: 0 for k in GROUP_LABELS}

    def add(self, phase, status):
        self.trials += 1
        self.phase[phase] += 1
        self.status[status] += 1
        self.group[GROUP[status]] += 1

    def render(self):
        out = ["section\tcategory\ttrials", "trials\tall\t%d" % self.trials]
        for name, labels, d in (("phase", PHASE_LABELS, self.phase),
                                ("status", STATUS_LABELS, self.status),
                                ("status_group", GROUP_LABELS, self.group)):
            out += ["%s\t%s\t%d" % (name, k, d[k]) for k in labels if d[k]]
        return "\n".join(out) + "\n"


# Registries in the precedence order of README.md ("One trial, counted
# once"): the first outranks the others; a record whose id is no
# registry's comes last.
REGISTRIES = ["ctgov", "ctis", "euctr", "isrctn", "anzctr", "chictr", "cris",
              "ctri", "drks", "irct", "jrct", "umin", "japic", "jma", "ntr",
              "omon", "pactr", "rebec", "rpcec", "repec", "slctr", "tctr",
              "lbctr", "itmctr", "utn"]
HYPHEN = "[-\u2010\u2011\u2012\u2013]"
ID_PATTERNS = [
    ("ctgov", r"NCT\s*[:-]?\s*(\d{8})(?!\d)", "NCT%s"),
    ("eudract", r"(?<!\d)(\d{4}%s\d{6}%s\d{2})(?!\d)" % (HYPHEN, HYPHEN),
     "%s"),
    ("isrctn", r"ISRCTN\s*[:-]?\s*(\d{8})(?!\d)", "ISRCTN%s"),
    ("anzctr", r"ACTRN\s*(\d{14})", "ACTRN%s"),
    ("chictr", r"ChiCTR(-?[A-Z]{3}-\d+|\d{8,10})", "ChiCTR%s"),
    ("cris", r"KCT\s*(\d{7})", "KCT%s"),
    ("ctri", r"CTRI/(\d{4}/\d{2,3}/\d{6})", "CTRI/%s"),
    ("drks", r"DRKS\s*(\d{8})", "DRKS%s"),
    ("irct", r"(IRCT\d+N\d+)", "%s"),
    ("jrct", r"jRCT\s*([a-z]?\d{7,10})", "jRCT%s"),
    ("umin", r"UMIN\s*(?:-CTR)?\s*(\d{9})", "UMIN%s"),
    ("japic", r"JapicCTI\s*-?\s*(\d{6})", "JapicCTI-%s"),
    ("omon", r"NL-OMON\s*(\d+)", "NL-OMON%s"),
    ("ntr", r"(?<![A-Za-z])(NTR\d+|NL\d+)", "%s"),
    ("pactr", r"PACTR\s*(\d+)", "PACTR%s"),
    ("tctr", r"TCTR\s*(\d+)", "TCTR%s"),
    ("utn", r"U1111-(\d{4}-\d{4})", "U1111-%s"),
]
ID_RE = re.compile("|".join("(?P<%s>%s)" % (k, p) for k, p, _ in ID_PATTERNS),
                   re.I)


def find_ids(text):
    """Every (registry, canonical id) in text, in order."""
    out = []
    for m in ID_RE.finditer(text or ""):
        for k, p, fmt in ID_PATTERNS:
            if m.group(k) is None:
                continue
            body = re.match(p, m.group(k), re.I).group(1)
            if k == "eudract":
                body = re.sub(HYPHEN, "-", body)
                reg = "ctis" if body[5] == "5" else "euctr"
            else:
                reg = k
            if k in ("ctgov", "isrctn", "anzctr", "drks", "cris", "umin") \
                    and set(body) == {"0"}:
                break
            if k == "jrct":
                body = body.lower()
            elif k not in ("ctri",):
                body = body.upper() if k != "chictr" else body
            out.append((reg, fmt % body))
            break
    return out


class Record:
    def __init__(self, tid, secondary, phase, status, copy):
        ids = find_ids(tid)
        self.reg, self.key = ids[0] if ids else (None, tid.strip().upper())
        if not tid.strip():
            self.key = None
        self.copy = copy
        self.phase, self.status = phase, status
        own = [self.key]
        self.secondary = []
        for reg, key in find_ids(secondary):
            # a number of the record's own registry names a related study
            if reg == self.reg or key in own:
                continue
            own.append(key)
            self.secondary.append((reg, key))

    def rank(self):
        r = REGISTRIES.index(self.reg) if self.reg else len(REGISTRIES)
        return (r, 1 if self.copy else 0)


def groups(records):
    """The records of each trial (lists of indexes, in read order): records
    sharing an identifier are one trial, unless that would give a trial
    two numbers of one registry (the link is refused)."""
    parent = list(range(len(records)))
    numbers = [{} for _ in records]     # root -> {registry: key}
    index = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, r in enumerate(records):
        if r.reg:
            numbers[i][r.reg] = r.key
        if r.key is None:
            continue
        for reg, key in [(r.reg, r.key)] + r.secondary:
            if key not in index:
                index[key] = i
                continue
            a, b = sorted((find(index[key]), find(i)))
            if a == b:
                continue
            na, nb = numbers[a], numbers[b]
            if any(g in na and na[g] != k for g, k in nb.items()):
                continue                # refused
            parent[b] = a
            for g, k in nb.items():
                na.setdefault(g, k)
    out = {}
    for i in range(len(records)):
        out.setdefault(find(i), []).append(i)
    return list(out.values())


def merge(records):
    """Each trial tallied with the values of its best-ranked record, the
    first read among equals."""
    tally = Tally()
    tally.records = len(records)
    best = [min(g, key=lambda i: (records[i].rank(), i))
            for g in groups(records)]
    for i in sorted(best):
        tally.add(records[i].phase, records[i].status)
    return tally


def ictrp_rows_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            yield {k: (v or "") for k, v in r.items() if k}


def ictrp_rows_xml(path):
    for t in ET.parse(path).getroot().iter("Trial"):
        yield {c.tag.replace("_", " "): (c.text or "") for c in t}


def ictrp(rows):
    for r in rows:
        tid = r.get("TrialID", "").strip()
        if not any(v.strip() for v in r.values()):
            continue
        chictr = tid.upper().startswith("CHICTR") or \
            r.get("Source Register", "").strip().startswith("ChiCTR")
        phase = phase_of(r.get("Phase", "").replace("<br>", "\n"),
                         chictr, r.get("Study type", ""))
        sec = r.get("Secondary ID", "") or r.get("Secondary IDs", "") or \
            r.get("SecondaryIDs", "")
        yield Record(tid, sec, phase,
                     status_of(r.get("Recruitment Status", "")), True)


RANK = {"ongoing": 9, "restarted": 9, "temporarily halted": 8,
        "suspended by ca": 8, "prematurely ended": 7, "completed": 6,
        "prohibited by ca": 5, "not authorised": 4}


def euctr(path):
    """Blocks start at "EudraCT Number:"; consecutive blocks of one number
    are one trial."""
    text = open(path, encoding="utf-8", errors="replace").read()
    blocks = re.split(r"^(?=EudraCT Number:)", text, flags=re.M)[1:]
    merged = []
    for b in blocks:
        number = re.match(r"EudraCT Number:\s*(\S+)", b).group(1)
        end = re.search(r"^P\. End of Trial Status:[ \t]*(.*)$", b, re.M)
        summ = re.search(r"^Trial Status:[ \t]*(.*)$", b, re.M)
        st = (end.group(1).strip() if end and end.group(1).strip()
              else summ.group(1).strip() if summ else "")
        ids = " ; ".join(re.findall(
            r"^A\.5\.(?:1 ISRCTN|2 US NCT|4 Other)[^:]*:[ \t]*(.*)$", b, re.M))
        yes = set()
        seen = False
        for n, roman in (("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")):
            m = re.search(r"^E\.7\.%s [^\n]*\(Phase %s\):[ \t]*(\w*)" % (n, roman),
                          b, re.M)
            if m:
                seen = True
                if m.group(1).lower() == "yes":
                    yes.add(n)
        if merged and merged[-1][0] == number:
            merged[-1][1].update(yes)
            merged[-1][2] = merged[-1][2] or seen
            merged[-1][3].append(st)
            merged[-1][4] += " ; " + ids
        else:
            merged.append([number, yes, seen, [st], ids])
    for number, yes, seen, statuses, ids in merged:
        if not seen:
            phase = "Not reported"
        else:
            phase = bits_to_phase(yes) if yes else "Not reported"
        best = max(statuses, key=lambda s: RANK.get(s.lower(), 1 if s else 0))
        yield Record(number, ids, phase, status_of(best), False)


def ctis(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            def get(k):
                v = (r.get(k) or "").strip()
                return "" if v == "N/A" else v
            yield Record(get("Trial number"), get("Protocol code"),
                         phase_of(get("Trial phase")),
                         status_of(get("Overall trial status")), False)


def isrctn(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            if not any((v or "").strip() for v in r.values()):
                continue
            o = (r.get("Overall trial status") or "").strip()
            s = (r.get("Recruitment status") or "").strip()
            both = o + (" / " if o and s else "") + s
            links = " ; ".join((r.get(k) or "") for k in (
                "EudraCT number", "EudraCT/CTIS number",
                "ClinicalTrials.gov number"))
            yield Record((r.get("ISRCTN") or "").strip(), links,
                         phase_of(r.get("Phase") or ""), status_of(both, True),
                         False)


def analyse(path):
    with open(path, "rb") as fh:
        head = fh.read(65536).lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"<"):
        return merge(list(ictrp(ictrp_rows_xml(path))))
    if re.search(rb"^EudraCT Number:", head, re.M):
        return merge(list(euctr(path)))
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    if "TrialID" in first:
        return merge(list(ictrp(ictrp_rows_csv(path))))
    if "Trial number" in first:
        return merge(list(ctis(path)))
    if "ISRCTN" in first:
        return merge(list(isrctn(path)))
    raise SystemExit("%s: not an export this script knows" % path)


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("-o", "--outdir", default=os.path.join(here, "expected"))
    args = ap.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    for path in args.files:
        t = analyse(path)
        out = os.path.join(args.outdir, os.path.basename(path) + ".tsv")
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(t.render())
        print("%-55s records=%d trials=%d" % (os.path.basename(path), t.records,
                                                 t.trials))
    return 0


if __name__ == "__main__":
    sys.exit(main())
