#!/usr/bin/env python3
"""Check `trialscape run --where` against counts made independently in Python.

Usage: tests/real/check_filters.py TRIALSCAPE FILE...

For every real export FILE the script reads the export with Python's csv
module (the reading and the phase/status tables of compute_expected.py,
which shares no code with the tool), picks filter values from the data
itself (the commonest country, the median start year, a frequent title
word, ...), so nothing is tuned to a particular file, and for each
expression or combination compares the NCT ids trialscape keeps
(trials.tsv of a filtered run) with the ids Python's own reading of the
documented semantics keeps:

* FIELD=V1,V2   any of the values, ASCII case ignored; multi-valued fields
                (country, condition, intervention) match any element;
                interventions match with or without their "TYPE: " prefix;
                sponsors compare by their normalised name.
* FIELD>=N ...  start_year and enrollment; trials without a value fail.
* FIELD~TEXT    the export's text contains TEXT (ASCII case ignored); for
                phase, status, study type, funder type, start year and
                country also their normalized labels.

Fields trialscape derives from its dictionaries (indication, regimen,
modality, substance, chemo_class, target, immuno_target) are checked
against the columns of an unfiltered run's trials.tsv, read here: the
filter must keep exactly the trials whose row lists the value.

Prints one line per check and "N passed, N failed"; exits 1 on a failure.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compute_expected as ce  # noqa: E402

# ---- the export's values, read independently -------------------------------

MODERN_COLS = {
    "title": "Study Title", "status": "Study Status", "sponsor": "Sponsor",
    "funder": "Funder Type", "design": "Study Design",
}
CLASSIC_COLS = {
    "title": "Title", "status": "Status", "sponsor": "Sponsor/Collaborators",
    "funder": "Funded Bys", "design": "Study Designs",
}

TYPE_LABELS = {"INTERVENTIONAL": "Interventional",
               "OBSERVATIONAL": "Observational",
               "EXPANDED_ACCESS": "Expanded access"}
FUNDER_LABELS = {"INDUSTRY": "Industry", "NIH": "NIH", "FED": "U.S. federal",
                 "U_S_FED": "U.S. federal", "OTHER_GOV": "Other government",
                 "INDIV": "Individual", "NETWORK": "Network",
                 "AMBIG": "Ambiguous", "OTHER": "Other", "UNKNOWN": "Unknown"}
INTERVENTION_TYPES = ("DRUG", "BIOLOGICAL", "RADIATION", "PROCEDURE",
                      "DEVICE", "GENETIC", "BEHAVIORAL", "DIETARY_SUPPLEMENT",
                      "DIETARY SUPPLEMENT", "DIAGNOSTIC_TEST",
                      "DIAGNOSTIC TEST", "COMBINATION_PRODUCT",
                      "COMBINATION PRODUCT", "OTHER")
COUNTRY_TAILS = ("republic of", "islamic republic of", "the former yugoslav",
                 "the democratic republic", "democratic people",
                 "province of china", "united republic of",
                 "bolivarian republic", "plurinational state",
                 "federated states of", "state of", "ascension and",
                 "sint eustatius", "british", "u.s.")
LEGAL_FORMS = {"ab", "ag", "aps", "as", "a s", "asa", "bv", "b v", "co",
               "company", "corp", "corporation", "cv", "de cv", "doo", "gmbh",
               "inc", "incorporated", "jsc", "kg", "kk", "lda", "limited",
               "llc", "llp", "lp", "ltd", "ltda", "mbh", "nv", "n v", "oy",
               "oyj", "pjsc", "plc", "pte", "pty", "pvt", "private", "sa",
               "s a", "sas", "sarl", "se", "sl", "spa", "s p a", "srl", "sro",
               "ulc"}


def fold(s):
    """ASCII and Latin-1 capitals made small, as trialscape compares."""
    out = []
    for ch in s:
        o = ord(ch)
        if 65 <= o <= 90 or (0xC0 <= o <= 0xDE and o != 0xD7):
            out.append(chr(o + 32))
        else:
            out.append(ch)
    return "".join(out)


def key_words(s):
    """Upper-case words joined by '_' (the registries' enum spelling)."""
    return "_".join(re.findall(r"[A-Za-z0-9]+", s)).upper()


def sponsor_key(name):
    words = []
    for w in re.findall(r"[A-Za-z0-9.'\u0080-\U0010ffff]+", name):
        k = w.replace(".", "").replace("'", "")
        if k:
            words.append(re.sub(r"[A-Z]", lambda m: m.group(0).lower(), k))
    a, b = 0, len(words)
    while True:
        if b - a >= 2 and words[b - 1] in LEGAL_FORMS:
            b -= 1
        elif b - a >= 3 and " ".join(words[b - 2:b]) in LEGAL_FORMS:
            b -= 2
        else:
            break
        if b - a >= 2 and words[b - 1] == "and":
            b -= 1
    if b - a >= 2 and words[a] == "the":
        a += 1
    return " ".join(words[a:b])


def year_of(raw):
    if not raw.strip():
        return 0
    m = re.search(r"(?<!\d)\d{4}(?!\d)", raw)
    if not m:
        return -1
    y = int(m.group(0))
    return y if 1900 <= y <= 2100 else -1


def countries_of(raw):
    out = []
    for site in raw.split("|"):
        parts = site.split(",")
        c = parts[-1].strip()
        if len(parts) >= 2 and c and any(
                fold(c).startswith(t) and (len(c) == len(t) or c[len(t)] in " '")
                for t in COUNTRY_TAILS):
            prev = parts[-2].strip()
            if prev:
                c = prev + "," + parts[-1].rstrip(" \t\n")
                c = c.strip()
        if c and c not in out:
            out.append(c)
    return out


def elements(raw):
    return [e.strip() for e in raw.split("|") if e.strip()]


def intervention_names(element):
    names = [element]
    m = re.match(r"^\s*([A-Za-z_ ]+?)\s*:\s*(.*)$", element, re.S)
    if m and m.group(1).upper() in INTERVENTION_TYPES and m.group(2).strip():
        names.append(m.group(2).strip())
    return names


class Trial:
    pass


def read_export(path):
    header, records = ce.read_records(path)
    index = ce.column_index(header)
    fmt = ce.detect_format(index)
    cols = MODERN_COLS if fmt == "modern" else CLASSIC_COLS
    url_col = ce.url_column(index)
    seen, trials = set(), []
    for record in records:
        if not any(ce.clean(v) for v in record):
            continue
        g = lambda name: ce.get(record, index, name)  # noqa: E731
        if "NCT Number" in index:
            nct = g("NCT Number")
        else:
            m = ce.NCT_RE.search(g(url_col)) if url_col else None
            nct = m.group(0) if m else ""
        if nct:
            if nct in seen:
                continue
            seen.add(nct)
        t = Trial()
        t.nct = nct
        raw = g("Phases")
        t.phase_raw = raw
        t.phase = ("Not reported" if raw == ""
                   else ce.PHASE_MAP[fmt].get(raw, "Unclassified"))
        raw = g(cols["status"])
        t.status_raw = raw
        t.status = ("Not reported" if raw == ""
                    else ce.STATUS_MAP[fmt].get(raw, "Unclassified"))
        t.group = ce.STATUS_GROUP[t.status]
        raw = g("Study Type")
        t.type_raw = raw
        k = key_words(raw[:100])
        t.study_type = "Not reported" if not raw else next(
            (v for p, v in TYPE_LABELS.items() if k.startswith(p)),
            "Unclassified")
        raw = g(cols["funder"])
        t.funder_raw = raw
        first = raw.split("|")[0]
        t.funder = ("Not reported" if not first.strip()
                    else FUNDER_LABELS.get(key_words(first), "Unclassified"))
        t.start_raw = g("Start Date")
        t.year = year_of(t.start_raw)
        raw = g("Enrollment")
        t.enrollment = int(raw) if re.fullmatch(r"\d{1,9}", raw) else -1
        t.enrollment_raw = raw
        t.sponsor = g(cols["sponsor"]).split("|")[0]
        t.countries = countries_of(g("Locations"))
        t.conditions_raw = g("Conditions")
        t.interventions_raw = g("Interventions")
        t.title = g(cols["title"])
        trials.append(t)
    return trials


def labels_of(t, field):
    if field == "phase":
        return [t.phase]
    if field == "status":
        return [t.status]
    if field == "status_group":
        return [t.group]
    if field == "study_type":
        return [t.study_type]
    if field == "funder_type":
        return [t.funder]
    if field == "start_year":
        return [str(t.year) if t.year > 0 else
                ("Not reported" if t.year == 0 else "Unclassified")]
    if field == "enrollment":
        return [str(t.enrollment) if t.enrollment >= 0 else "Not reported"]
    if field == "country":
        return t.countries or ["Not reported"]
    if field == "condition":
        return elements(t.conditions_raw) or ["Not reported"]
    if field == "intervention":
        out = []
        for e in elements(t.interventions_raw):
            out.extend(intervention_names(e))
        return out or ["Not reported"]
    if field == "title":
        return [t.title] if t.title else ["Not reported"]
    if field == "registry":
        return ["ClinicalTrials.gov"]
    raise KeyError(field)


RAW_TEXT = {"phase": "phase_raw", "status": "status_raw",
            "study_type": "type_raw", "funder_type": "funder_raw",
            "start_year": "start_raw", "enrollment": "enrollment_raw",
            "condition": "conditions_raw",
            "intervention": "interventions_raw", "title": "title",
            "sponsor": "sponsor"}
LABELS_TOO = {"phase", "status", "status_group", "study_type", "funder_type",
              "start_year", "country", "registry"}


def holds(t, expr):
    m = re.match(r"^\s*([a-z_]+)\s*(>=|<=|=|~|>|<)(.*)$", expr, re.S)
    field, op, rest = m.group(1), m.group(2), m.group(3).strip()
    if op in (">=", "<=", ">", "<"):
        have = (t.year if t.year > 0 else -1) if field == "start_year" \
            else t.enrollment
        if have < 0:
            return False
        n = int(rest)
        return {">=": have >= n, "<=": have <= n, ">": have > n,
                "<": have < n}[op]
    if op == "~":
        text = fold(rest)
        texts = []
        if field in RAW_TEXT:
            texts.append(getattr(t, RAW_TEXT[field]))
        if field in LABELS_TOO:
            texts.extend(labels_of(t, field))
        return any(text in fold(x) for x in texts)
    pieces = rest.split(",")
    values = [v.strip() for v in pieces]
    # A comma followed by a space may be part of a label ("Active, not
    # recruiting"): the joined runs of up to four pieces count too.
    for i in range(len(pieces)):
        for j in range(i + 1, min(len(pieces), i + 4)):
            if not pieces[j].startswith(" "):
                break
            values.append(", ".join(v.strip() for v in pieces[i:j + 1]))
    if field == "sponsor":
        have = sponsor_key(t.sponsor) if t.sponsor else None
        return any((have is not None and sponsor_key(v) == have) or
                   (have is None and fold(v) == "not reported")
                   for v in values)
    have = {fold(x) for x in labels_of(t, field)}
    return any(fold(v) in have for v in values)


# ---- values picked from the data ---------------------------------------------

def commonest(counter, skip=("Not reported", "Unclassified")):
    for v, _ in counter.most_common():
        if v not in skip and "," not in v and "\\" not in v and '"' not in v:
            return v
    return None


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else None


def frequent_word(texts, minlen=6):
    c = Counter()
    for s in texts:
        for w in set(re.findall(r"[A-Za-z]{%d,}" % minlen, s)):
            c[w.lower()] += 1
    return c.most_common(1)[0][0] if c else None


def cases_for(trials):
    """(expressions, description) for this export."""
    cases = []
    add = lambda *e: cases.append(list(e))  # noqa: E731
    add("phase=Phase II")
    add("phase=Phase I/II,Phase II/III,Not reported")
    add("status_group=Open")
    add("status=Active, not recruiting,Completed")
    add("status=" + (commonest(Counter(t.status for t in trials)) or "x"))
    add("study_type=Interventional")
    add("funder_type=Industry,NIH")
    years = [t.year for t in trials if t.year > 0]
    if years:
        y = median(years)
        add("start_year>=%d" % y)
        add("start_year<=%d" % y)
        add("start_year>%d" % y, "start_year<%d" % (y + 5))
        add("start_year=%d,%d" % (y, y - 1))
    add("start_year~-0")
    ens = [t.enrollment for t in trials if t.enrollment >= 0]
    if ens:
        add("enrollment>=%d" % median(ens))
        add("enrollment<=%d" % median(ens))
    c = Counter(x for t in trials for x in t.countries)
    top = [v for v, _ in c.most_common(3) if "," not in v]
    if top:
        add("country=" + ",".join(top[:2]))
        add("country~" + top[0][:4].lower())
    if any(t.countries and "," in " ".join(t.countries) for t in trials):
        comma = next(x for t in trials for x in t.countries if "," in x)
        add("country=" + comma)
    add("country=Not reported")
    cond = commonest(Counter(e for t in trials
                             for e in elements(t.conditions_raw)))
    if cond:
        add("condition=" + cond.upper())
    w = frequent_word([t.conditions_raw for t in trials])
    if w:
        add("condition~" + w)
    iv = commonest(Counter(n for t in trials
                           for e in elements(t.interventions_raw)
                           for n in intervention_names(e)[1:]))
    if iv:
        add("intervention=" + iv)
    add("intervention~drug:")
    w = frequent_word([t.title for t in trials])
    if w:
        add("title~" + w)
    titled = [t.title for t in trials if t.title and "," not in t.title and
              "\\" not in t.title and '"' not in t.title and "&" not in t.title]
    if titled:
        add("title=" + titled[len(titled) // 2])
    sp = commonest(Counter(t.sponsor for t in trials if t.sponsor))
    if sp:
        add("sponsor=" + sp.upper())
    w = frequent_word([t.sponsor for t in trials], 5)
    if w:
        add("sponsor~" + w)
    add("registry=ClinicalTrials.gov")
    # combinations
    if years:
        add("phase=Phase II,Phase III", "start_year>=%d" % median(years))
    if top:
        add("country=" + top[0], "status_group=Open,Completed",
            "title~" + (frequent_word([t.title for t in trials], 4) or "a"))
    if cond and ens:
        add("condition~" + cond[:5], "enrollment<=%d" % median(ens),
            "funder_type=Other,Industry")
    return cases


# ---- trials.tsv -----------------------------------------------------------

def read_trials_tsv(path):
    with open(path, encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
        rows = [dict(zip(head, line.rstrip("\n").split("\t"))) for line in fh]
    return rows


DERIVED = {"indication": "indication", "regimen": "regimen",
           "modality": "modalities", "substance": "substances",
           "chemo_class": "chemo_classes", "target": "targets",
           "immuno_target": "immuno_targets"}


def derived_cases(rows):
    cases = []
    for field, col in DERIVED.items():
        c = Counter(v for r in rows for v in
                    (r[col].split("; ") if col not in ("indication", "regimen")
                     else [r[col]]) if v)
        vals = [v for v, _ in c.most_common(3) if "," not in v]
        if vals:
            cases.append((field, col, vals[:2]))
    return cases


def run(bin_, src, out, where):
    shutil.rmtree(out, ignore_errors=True)
    cmd = [bin_, "run", "-q", "--no-charts", "-o", out]
    for e in where:
        cmd += ["--where", e]
    cmd.append(src)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode == 1 and b"passes --where" in p.stderr:
        return []
    if p.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), p.returncode,
                                                  p.stderr.decode()[-300:]))
    return [r["nct_id"] for r in read_trials_tsv(os.path.join(out,
                                                              "trials.tsv"))]


def report(name, expr, got, want, other="python"):
    """Prints one check's line; returns 1 if it passed."""
    if got == want:
        print("filters: ok %s: %s (%d trials)" % (name, expr, len(want)))
        return 1
    print("filters: FAIL %s: %s: trialscape %d, %s %d; only trialscape: %s; "
          "only %s: %s" % (name, expr, len(got), other, len(want),
                           sorted(set(got) - set(want))[:5], other,
                           sorted(set(want) - set(got))[:5]))
    return 0


def main():
    bin_, files = sys.argv[1], sys.argv[2:]
    tmp = tempfile.mkdtemp(prefix="trialscape-filters.")
    passed = failed = 0
    kinds = Counter()
    try:
        for src in files:
            name = os.path.basename(src)
            trials = read_export(src)
            for where in cases_for(trials):
                want = sorted(t.nct for t in trials
                              if all(holds(t, e) for e in where))
                got = sorted(run(bin_, src, os.path.join(tmp, "o"), where))
                for e in where:
                    kinds[re.match(r"\s*[a-z_]+\s*(>=|<=|=|~|>|<)",
                                   e).group(1)] += 1
                if len(where) > 1:
                    kinds["and"] += 1
                ok = report(name, " AND ".join(where), got, want)
                passed += ok
                failed += 1 - ok
            # fields derived from the dictionaries: against trials.tsv
            all_ids = run(bin_, src, os.path.join(tmp, "all"), [])
            rows = read_trials_tsv(os.path.join(tmp, "all", "trials.tsv"))
            assert [r["nct_id"] for r in rows] == all_ids
            for field, col, vals in derived_cases(rows):
                def has(r):
                    have = ([r[col]] if col in ("indication", "regimen")
                            else r[col].split("; "))
                    return any(fold(v) in {fold(h) for h in have}
                               for v in vals)
                want = sorted(r["nct_id"] for r in rows if has(r))
                expr = field + "=" + ",".join(vals)
                got = sorted(run(bin_, src, os.path.join(tmp, "o"), [expr]))
                kinds["derived"] += 1
                ok = report(name, expr, got, want, "trials.tsv")
                passed += ok
                failed += 1 - ok
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("filters: expressions checked by kind: %s" %
          ", ".join("%s %d" % kv for kv in sorted(kinds.items())))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
