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
* One trial per trial id: the ICTRP TrialID without the EU CTR member-state
  suffix (EUCTR2020-001234-56-FR) or the CTIS submission suffix (-00, -01),
  the EudraCT number of an EU CTR block, the CTIS trial number without its
  suffix, the ISRCTN number.  A repeated id counts once (first wins); EU CTR
  blocks of one number that follow each other are one trial whose phase is
  any block's "Yes" and whose status is the most active block status.
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
        self.ids = set()
        self.trials = 0
        self.phase = {k: 0 for k in PHASE_LABELS}
        self.status = {k: 0 for k in STATUS_LABELS}
        self.group = {k: 0 for k in GROUP_LABELS}

    def add(self, tid, phase, status):
        if tid:
            if tid in self.ids:
                return
            self.ids.add(tid)
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


def trial_key(tid):
    t = tid.strip().upper()
    m = re.fullmatch(r"EUCTR(\d{4}-\d{6}-\d{2})-[A-Z]{2}", t)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(?:EUCTR)?(\d{4}-\d{6}-\d{2})", t)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(?:CTIS)?(\d{4}-\d{6}-\d{2})(?:-\d{2})?", t)
    if m:
        return m.group(1)
    return t


def ictrp_rows_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            yield {k: (v or "") for k, v in r.items() if k}


def ictrp_rows_xml(path):
    for t in ET.parse(path).getroot().iter("Trial"):
        yield {c.tag.replace("_", " "): (c.text or "") for c in t}


def ictrp(rows):
    tally = Tally()
    for r in rows:
        tid = r.get("TrialID", "").strip()
        if not any(v.strip() for v in r.values()):
            continue
        chictr = tid.upper().startswith("CHICTR") or \
            r.get("Source Register", "").strip().startswith("ChiCTR")
        phase = phase_of(r.get("Phase", "").replace("<br>", "\n"),
                         chictr, r.get("Study type", ""))
        tally.add(trial_key(tid), phase,
                  status_of(r.get("Recruitment Status", "")))
    return tally


RANK = {"ongoing": 9, "restarted": 9, "temporarily halted": 8,
        "suspended by ca": 8, "prematurely ended": 7, "completed": 6,
        "prohibited by ca": 5, "not authorised": 4}


def euctr(path):
    """Blocks start at "EudraCT Number:"; consecutive blocks of one number
    are one trial."""
    tally = Tally()
    text = open(path, encoding="utf-8", errors="replace").read()
    blocks = re.split(r"^(?=EudraCT Number:)", text, flags=re.M)[1:]
    merged = []
    for b in blocks:
        number = re.match(r"EudraCT Number:\s*(\S+)", b).group(1)
        end = re.search(r"^P\. End of Trial Status:[ \t]*(.*)$", b, re.M)
        summ = re.search(r"^Trial Status:[ \t]*(.*)$", b, re.M)
        st = (end.group(1).strip() if end and end.group(1).strip()
              else summ.group(1).strip() if summ else "")
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
        else:
            merged.append([number, yes, seen, [st]])
    for number, yes, seen, statuses in merged:
        if not seen:
            phase = "Not reported"
        else:
            phase = bits_to_phase(yes) if yes else "Not reported"
        best = max(statuses, key=lambda s: RANK.get(s.lower(), 1 if s else 0))
        tally.add(number, phase, status_of(best))
    return tally


def ctis(path):
    tally = Tally()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            def get(k):
                v = (r.get(k) or "").strip()
                return "" if v == "N/A" else v
            tally.add(trial_key(get("Trial number")), phase_of(get("Trial phase")),
                      status_of(get("Overall trial status")))
    return tally


def isrctn(path):
    tally = Tally()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            if not any((v or "").strip() for v in r.values()):
                continue
            o = (r.get("Overall trial status") or "").strip()
            s = (r.get("Recruitment status") or "").strip()
            both = o + (" / " if o and s else "") + s
            tally.add((r.get("ISRCTN") or "").strip(),
                      phase_of(r.get("Phase") or ""), status_of(both, True))
    return tally


def analyse(path):
    with open(path, "rb") as fh:
        head = fh.read(65536).lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"<"):
        return ictrp(ictrp_rows_xml(path))
    if re.search(rb"^EudraCT Number:", head, re.M):
        return euctr(path)
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    if "TrialID" in first:
        return ictrp(ictrp_rows_csv(path))
    if "Trial number" in first:
        return ctis(path)
    if "ISRCTN" in first:
        return isrctn(path)
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
        print("%-55s trials=%d" % (os.path.basename(path), t.trials))
    return 0


if __name__ == "__main__":
    sys.exit(main())
