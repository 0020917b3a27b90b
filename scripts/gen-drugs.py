#!/usr/bin/env python3
"""gen-drugs.py - derives data/drugs-generated.tsv from open drug facts.

Usage: scripts/gen-drugs.py [--ref DIR] [--out FILE]

Reads the reference tables in DIR (default ../shared/data/reference beside
the repository; see its README for each licence) and writes one substance
per line in the columns of data/substances.tsv plus drug_class and source:

  - names and synonyms: DrugBank open vocabulary, DrugCentral 2016 names with
    the DrugCentral v54 synonym groups (joined by DrugCentral id; the shifted
    `name` column of that file is never used), ChEMBL 36 names of the same
    compounds, MeSH 2024 entry terms of the same descriptors, PharmGKB names;
  - targets: DrugCentral 2016 mechanism-of-action targets only (human
    proteins with an HGNC approved symbol; when the drug label is among the
    sources, the label's targets only; complexes of more than six subunits
    left out). Never DrugCentral's activity lists;
  - modality, chemotherapy class and therapeutic class: WHO ATC codes
    (PharmGKB), else MeSH pharmacological actions, mapped through
    data/classes.tsv; a drug with neither gets the class of its INN stem
    (data/stems.tsv), which the source column says.

Keys are computed exactly as the C loader computes them (the stop and unit
words are read from analyze/dict.c), so no two lines claim one key. Names
that the curated data/substances.tsv or data/regimens.tsv already use are
left to them: the loader gives curated entries precedence anyway, and the
file stays smaller. Python 3 standard library only; the output is sorted
and deterministic.
"""

import argparse
import csv
import os
import re
import sys
from collections import defaultdict

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Words that name no particular substance, never bound as a generated name.
GENERIC = {
    "water", "placebo", "saline", "vehicle", "control", "standard", "cream",
    "gel", "solution", "tablet", "capsule", "injection", "oil", "extract",
    "powder", "complex", "formula", "drug", "drugs", "medication", "therapy",
    "treatment", "vaccine", "vaccines", "antibody", "antibodies", "protein",
    "peptide", "enzyme", "hormone", "vitamin", "vitamins", "mineral",
    "minerals", "salt", "sugar", "acid", "base", "ester", "alcohol", "air",
    "gas", "light", "heat", "cold", "ice", "sham", "usual care", "care",
    "none", "other", "unknown", "mixture", "combination", "kit", "test",
    "device", "surgery", "diet", "food", "milk", "juice", "tea", "coffee",
    "wine", "beer", "honey", "plant", "herb", "herbal", "seed", "root",
    "leaf", "flower", "fruit", "bark", "cells", "cell", "blood", "plasma",
    "serum", "urine", "tissue", "bone", "skin", "hair", "gold", "silver",
    "copper", "tin", "lead", "iron", "zinc", "sodium", "potassium",
    "calcium", "magnesium", "chloride", "sulfate", "phosphate", "nitrogen",
    "hydrogen", "carbon", "sulfur", "iodine", "fluoride", "glucose",
    "dextrose", "lactose", "sucrose", "starch", "cellulose", "glycerin",
    "glycerol", "ethanol", "paraffin", "wax", "soap", "sunscreen",
}


def read_c_words(name):
    """The string list `name` in analyze/dict.c (stop or unit words)."""
    src = open(os.path.join(TOP, "analyze", "dict.c"), encoding="utf-8").read()
    m = re.search(r"static const char \*const %s\[\] = \{(.*?)\};" % name,
                  src, re.S)
    if not m:
        sys.exit("gen-drugs: %s not found in analyze/dict.c" % name)
    return set(re.findall(r'"([^"]+)"', m.group(1)))


STOP = read_c_words("stop_words")
UNITS = read_c_words("unit_words")


def split_words(text):
    """The C splitter: lower-case words of [a-z0-9.] ('.' cannot start a
    word, trailing dots dropped), "%" a word of its own; at most 64 words
    of at most 39 characters (bytes)."""
    words = []
    b = text.encode("utf-8", "replace")
    i, n = 0, len(b)
    while i < n and len(words) < 64:
        k = []
        while i < n:
            c = chr(b[i]).lower() if b[i] < 128 else "\x80"
            if ("a" <= c <= "z") or ("0" <= c <= "9") or (c == "." and k):
                break
            if c == "%":
                break
            i += 1
        if i < n and b[i] == ord("%"):
            words.append("%")
            i += 1
            continue
        while i < n:
            c = chr(b[i]).lower() if b[i] < 128 else "\x80"
            if not (("a" <= c <= "z") or ("0" <= c <= "9") or c == "."):
                break
            if len(k) < 39:
                k.append(c)
            i += 1
        while k and k[-1] == ".":
            k.pop()
        if k:
            words.append("".join(k))
    return words


def number_kind(w):
    if not w or not ("0" <= w[0] <= "9"):
        return 0
    i = 0
    while i < len(w) and (("0" <= w[i] <= "9") or w[i] == "."):
        i += 1
    if i == len(w):
        return 1
    return 2 if w[i:] in UNITS else 0


def dict_key(text, keep_all=False):
    words = split_words(text)
    out = []
    w = 0
    while w < len(words):
        word = words[w]
        drop = False
        if not keep_all:
            nk = number_kind(word)
            if nk == 2:
                drop = True
                while w + 1 < len(words) and words[w + 1] in UNITS:
                    w += 1
            elif nk == 1 and w + 1 < len(words) and words[w + 1] in UNITS:
                drop = True
                while w + 1 < len(words) and words[w + 1] in UNITS:
                    w += 1
            elif word in STOP:
                drop = True
        if not drop:
            out.append(word.replace(".", "").replace("%", ""))
        w += 1
    return "".join(out)


def name_key(text):
    return dict_key(text) or dict_key(text, True)


def chemical(t):
    """Whether t reads as a systematic chemical name, which registries do
    not use ("(2S)-2-amino-...", "1,6-bisphosphate")."""
    return (len(re.findall(r"\d+[,'-]", t)) >= 2 or
            re.search(r"\((\d*[rsez]|[rs],[rs]|\d+h)\)", t, re.I) is not None or
            any(ch in t for ch in "[]{}") or len(t) > 50)


def cell_therapy(t):
    """Cell therapies are named by curated entries and the CAR-T rules."""
    low = t.lower()
    return "car-t" in low or "car t" in low or re.search(r"\bcells?\b", low)


def clean(text):
    """A name as it may stand in the dictionary, or None."""
    t = text.replace("\u00ae", "").replace("\u2122", "").strip()
    t = re.sub(r"\s+", " ", t)
    if not t or len(t) > 60 or "|" in t or "\t" in t:
        return None
    # Spellings of other languages and MeSH's inverted forms ("Acid,
    # Acetylsalicylic") are not how registries write names.
    if any(ord(ch) > 127 for ch in t) or "," in t:
        return None
    if any(ch in t for ch in "[]{};=<>\"") or t.count(",") > 1:
        return None
    if t.count("(") != t.count(")") or t.count("(") > 1:
        return None
    k = name_key(t)
    if len(k) < 3 or k.isdigit() or t.lower() in GENERIC:
        return None
    # Chemical names: many locants and hyphens ("1,2-bis(...)-trans-...").
    if len(re.findall(r"\d+[,-]", t)) >= 3:
        return None
    return t


# Proteins DrugCentral lists that carry a drug to its target or join it in
# a complex, and are not themselves what the drug acts on: FKBP12 (for the
# rapalogs and tacrolimus), BCR (the fusion partner of ABL1), cyclin T1 (of
# CDK9).
PARTNERS = {"FKBP1A", "BCR", "CCNT1"}

# Subunits of ion channels and ligand-gated receptors: DrugCentral lists
# the subtypes a drug was measured on (verapamil: the T-type CACNA1H beside
# the L-type channels), which is not how its label names its mechanism;
# they are taken from the label only.
CHANNEL = re.compile(r"^(CACN|SCN|KCN|HCN|GABR|GRI[AKND]|GLR|CHRN|P2RX|TRP|"
                     r"ASIC|CLCN|HTR3)")

# A radiolabelled agent ("gallium Ga 68 dotatate", "Lu-177 ..."): left to
# the curated file and the radiolabel rule, which give the isotope's
# modality and the vector's target.
ISOTOPE = re.compile(r"(\b(ga|gallium)[ -]?68\b|\b68[ -]?ga|\bf[ -]?18\b|"
                     r"\b18[ -]?f|fluorine[ -]?18|\bc[ -]?11\b|\b11c\b|"
                     r"lu[ -]?177|177[ -]?lu|cu[ -]?64|64[ -]?cu|tc[ -]?99m|"
                     r"99m[ -]?tc|in[ -]?111|111[ -]?in|zr[ -]?89|89[ -]?zr|"
                     r"\bi[ -]?131|131[ -]?i\b|\bi[ -]?123|123[ -]?i\b|"
                     r"\by[ -]?90\b|\b90[ -]?y\b|ac[ -]?225|225[ -]?ac|"
                     r"ra[ -]?223|223[ -]?ra|pb[ -]?212|212[ -]?pb)", re.I)


# ---- reading the references ----

def tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        head = next(r)
        for row in r:
            yield dict(zip(head, [c.strip().strip('"') for c in row]))


def read_obo(path):
    """PharmGKB drug terms: name, ATC codes, DrugBank, MeSH, ChEMBL ids."""
    terms, cur = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line == "[Term]":
            cur = {"atc": [], "drugbank": [], "mesh": [], "chembl": []}
            terms.append(cur)
        elif cur is None:
            continue
        elif line.startswith("id: "):
            cur["id"] = line[4:]
        elif line.startswith("name: "):
            cur["name"] = line[6:].replace("\\,", ",")
        elif line.startswith("property_value: skos:exactMatch "):
            ref = line.split(" ")[2]
            db, _, val = ref.partition(":")
            if db in cur:
                cur[db].append(val)
    return [t for t in terms if t.get("id", "").startswith("pharmgkb.drug:")
            and t.get("name")]


def read_classes(path):
    """classes.tsv: ordered (key, atc prefixes, mesh actions)."""
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or line.startswith("key\t") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        atc = [] if f[3] == "-" else f[3].split(",")
        mesh = [] if f[4] == "-" else f[4].split("|")
        out.append((f[0], atc, mesh, f[2] == "yes"))
    return out


def read_stems(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or line.startswith("stem\t") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        out.append((f[0], f[1], f[2], f[3]))
    return out


def curated_keys():
    """Keys of the curated names and synonyms, and of the regimens."""
    keys, regimens = set(), set()
    for fn in ("substances.tsv", "regimens.tsv"):
        for line in open(os.path.join(TOP, "data", fn), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if f[0] == "name":
                continue
            names = [f[0]]
            if fn == "substances.tsv" and f[1] != "-":
                names += f[1].split("|")
            for n in names:
                k = name_key(n)
                if k:
                    keys.add(k)
                    if fn == "regimens.tsv":
                        regimens.add(k)
    return keys, regimens


# The INN stem of a name, as dict_stem() in analyze/dict.c finds it (the
# antibody substems spelt as they are there).
MAB_SOURCES = ["xizu", "axo", "zu", "xi", "u", "o", "a", "e", "i", ""]
MAB_TARGETS = [
    ("toxa", "toxa"), ("fung", "fung"), ("gros", "gros"), ("gro", "gros"),
    ("tox", "toxa"), ("lim", "li"), ("tuz", "tu"), ("cir", "ci"),
    ("kin", "ki"), ("ner", "ne"), ("sos", "so"), ("bac", "ba"),
    ("vir", "vi"), ("ami", "ami"), ("li", "li"), ("tu", "tu"), ("ta", "ta"),
    ("ci", "ci"), ("ki", "ki"), ("ne", "ne"), ("so", "so"), ("ba", "ba"),
    ("vi", "vi"), ("fu", "fung"), ("de", "de"), ("l", "li"), ("t", "tu"),
    ("c", "ci"), ("k", "ki"), ("n", "ne"), ("s", "so"), ("b", "ba"),
    ("v", "vi"),
]


def stem_of(word, stems):
    """The stems.tsv row a lower-case a-z word ends in, or None."""
    by = {st[0][1:]: st for st in stems}
    if len(word) > 3 and word.endswith("mab"):
        w = word[:-3]
        for src in MAB_SOURCES:
            if len(w) < len(src) + 3 or not w.endswith(src):
                continue
            end = len(w) - len(src)
            for spelt, sub in MAB_TARGETS:
                if end >= len(spelt) + 3 and w[:end].endswith(spelt) and \
                        sub + "-mab" in by:
                    return by[sub + "-mab"]
    longest = max(len(k) for k in by)
    for k in range(min(longest, len(word) - 3), 2, -1):
        if word[-k:] in by:
            return by[word[-k:]]
    return None


# ---- the drugs ----

WORDS = "/usr/share/dict/words"


def read_words():
    """The lower-case (ordinary) words of the system word list (Debian
    package wamerican): an intervention text is full of them ("Balance
    training", "Cardiac monitor"), so a drug is never named by one unless
    MeSH says the word is that drug ("Heroin", "Adrenaline")."""
    try:
        with open(WORDS, encoding="utf-8", errors="replace") as f:
            return {w.strip() for w in f if w.strip().islower()
                    and w.strip().isalpha()}
    except OSError:
        sys.exit("gen-drugs: %s missing (apt-get install wamerican)" % WORDS)


COMMON = set()


def plural_class(name):
    """Whether a word is the plural of an everyday word ("antibiotics")."""
    w = name.strip().lower()
    return w.endswith("s") and w[:-1] in COMMON


def ordinary(name, d):
    """Whether a one-word name is an everyday word that is not this drug:
    not its MeSH heading ("Heroin", "Ether"), nor, for a drug with an ATC
    code, a MeSH action or a target, a word or the head or tail of its own
    name ("Ginkgo" of "ginkgo biloba", "penicillin" of
    "benzylpenicillin"). MeSH entry terms do not count: they hold brands
    ("Metric", "Versed", "Muse")."""
    w = name.strip().lower()
    if " " in w or w not in COMMON or w in d.mesh_heads:
        return False
    own = d.name.strip().lower()
    if own == w:
        return True
    if w in (own + "s", own + "es") or w.replace("ae", "e") == own:
        return False    # "Cashews", "Haemoglobin"
    if not (d.atc or d.mesh_pa or d.targets):
        # Nothing says it is a medicine ("tobacco leaf", "salmon,
        # unspecified", "pearl (hyriopsis cumingii)": allergen extracts):
        # the word ("Tobacco treatment", "Salmon") means something else.
        return True
    if w in re.split(r"[^a-z0-9]+", own):
        return False
    return not (len(w) >= 6 and (own.startswith(w) or own.endswith(w)))

class Drug:
    def __init__(self, name):
        self.name = name
        self.syns = []
        self.ids = []
        self.atc = set()
        self.mesh_pa = set()
        self.dc_ids = set()
        self.targets = []
        self.mesh_heads = set()     # lower-cased headings of its MeSH


def atc_class(code, classes):
    """The class of one ATC code: the longest matching prefix."""
    best, blen = None, -1
    for i, (key, prefixes, _, _) in enumerate(classes):
        for p in prefixes:
            if code.startswith(p) and len(p) > blen:
                best, blen = i, len(p)
    return best


def modality_of(drug):
    """Modality and chemotherapy class from ATC codes, else MeSH."""
    atc = sorted(drug.atc)
    pa = drug.mesh_pa

    def any_atc(*prefixes):
        return any(a.startswith(p) for a in atc for p in prefixes)

    if any_atc("V10"):
        return "radiotherapy", "-"
    if any_atc("V09", "V04", "V08"):
        return "diagnostic", "-"
    if any_atc("L01A", "L01XA", "L01XB", "L01DA", "L01DB", "L01DC"):
        return "chemotherapy", "dna"
    if any_atc("L01B"):
        return "chemotherapy", "dna_synthesis"
    if any_atc("L01CA", "L01CD", "L01CC"):
        return "chemotherapy", "microtubule"
    if any_atc("L01CB", "L01CE"):
        return "chemotherapy", "topoisomerase"
    if any_atc("L01XC", "L01F"):
        immune = {"PDCD1", "CD274", "CTLA4", "LAG3", "TIGIT", "MS4A1",
                  "CD38", "SLAMF7", "CD52", "CCR4", "CD19"}
        if any_atc("L01FF") or set(drug.targets) & immune:
            return "immunotherapy", "-"
        return "targeted", "-"
    if any_atc("L01XE", "L01E", "L01XG", "L01XH", "L01XJ", "L01XK", "L01XY"):
        return "targeted", "-"
    if any_atc("L01"):
        return ("targeted", "-") if drug.targets else ("chemotherapy", "other")
    if any_atc("L02"):
        return "hormonal", "-"
    if any_atc("L03AA"):
        return "supportive", "-"
    if any_atc("L03"):
        return "immunotherapy", "-"
    if atc:
        return "drug", "-"
    hormone = {"ESR1", "ESR2", "AR", "PGR", "CYP19A1", "CYP17A1", "GNRHR",
               "SRD5A1", "SRD5A2"}
    cancer = pa & {"Antineoplastic Agents", "Antineoplastic Agents, Phytogenic",
                   "Angiogenesis Inhibitors", "Protein Kinase Inhibitors",
                   "Antineoplastic Agents, Immunological"}
    if cancer and set(drug.targets) & hormone:
        return "hormonal", "-"
    if cancer and drug.targets:
        return "targeted", "-"
    if "Antineoplastic Agents, Alkylating" in pa:
        return "chemotherapy", "dna"
    if "Antimetabolites, Antineoplastic" in pa:
        return "chemotherapy", "dna_synthesis"
    if "Antineoplastic Agents, Hormonal" in pa:
        return "hormonal", "-"
    if "Radiopharmaceuticals" in pa:
        return "diagnostic", "-"
    if "Contrast Media" in pa:
        return "diagnostic", "-"
    return "drug", "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ref", default=os.path.join(TOP, "..", "shared", "data",
                                                  "reference"))
    ap.add_argument("--out", default=os.path.join(TOP, "data",
                                                  "drugs-generated.tsv"))
    a = ap.parse_args()
    COMMON.update(read_words())
    ref = a.ref
    if not os.path.isdir(ref):
        sys.exit("gen-drugs: %s not found (the reference data lives in "
                 "../shared/data/reference)" % ref)
    classes = read_classes(os.path.join(TOP, "data", "classes.tsv"))
    stems = read_stems(os.path.join(TOP, "data", "stems.tsv"))
    curated, regimens = curated_keys()
    hgnc = set(r["Approved symbol"] for r in
               tsv(os.path.join(ref, "hgnc",
                                "hgnc_symbol_name_prev_alias_2021.tsv")))

    drugs = {}          # id -> Drug
    by_key = {}         # name key -> id (first comer)

    def add(rid, name):
        d = drugs.get(rid)
        if d is None:
            d = drugs[rid] = Drug(name)
            d.ids.append(rid)
        return d

    # DrugCentral 2016: names, identifiers, targets, classes.
    dc = os.path.join(ref, "drugcentral_2016")
    dc_name, dc_db, dc_chembl, dc_mesh = {}, {}, defaultdict(set), defaultdict(set)
    for r in tsv(os.path.join(dc, "identifiers.tsv")):
        i = r["DRUG_ID"]
        dc_name[i] = r["DRUG_NAME"]
        t, v = r["ID_TYPE"], r["IDENTIFIER"]
        if t == "DRUGBANK_ID":
            dc_db.setdefault(i, []).append(v)
        elif t == "ChEMBL_ID":
            dc_chembl[i].add(v)
        elif t in ("MESH_DESCRIPTOR_UI", "MESH_SUPPLEMENTAL_RECORD_UI"):
            dc_mesh[i].add(v)
    dc_rows = defaultdict(list)
    for r in tsv(os.path.join(dc, "drug_target.tsv")):
        dc_name.setdefault(r["DRUG_ID"], r["DRUG_NAME"])
        if r["CHEMBL_ID"]:
            dc_chembl[r["DRUG_ID"]].add(r["CHEMBL_ID"])
        dc_rows[r["DRUG_ID"]].append(r)
    dc_pa = defaultdict(set)
    for r in tsv(os.path.join(dc, "pharm_class.tsv")):
        dc_name.setdefault(r["DRUG_ID"], r["DRUG_NAME"])
        if r["TYPE"] == "PA" and r["SOURCE"] == "MeSH":
            dc_pa[r["DRUG_ID"]].add(r["CLASS"])
    # DrugBank ids are the hub: a DrugCentral drug with one joins it.
    db_rows = list(csv.DictReader(open(os.path.join(
        ref, "drugbank_vocabulary", "drugbank_vocabulary.csv"),
        encoding="utf-8")))
    rid_of_db, db_name_key = {}, {}
    for r in db_rows:
        rid_of_db[r["DrugBank ID"]] = "DB:" + r["DrugBank ID"]
        db_name_key[r["DrugBank ID"]] = name_key(r["Common name"])
    # A DrugCentral drug with several DrugBank ids (insulin glargine lists
    # insulin human's too) joins the one of the same name, else the first.
    db_of_dc = {}
    for i, dbs in dc_db.items():
        same = [db for db in dbs
                if db_name_key.get(db) == name_key(dc_name.get(i, ""))]
        db_of_dc[i] = (same or dbs)[0]
    for r in db_rows:
        d = add("DB:" + r["DrugBank ID"], r["Common name"])
        d.ids = [r["DrugBank ID"]]
        d.syns += [s.strip() for s in r["Synonyms"].split(" | ")]
        k = name_key(r["Common name"])
        by_key.setdefault(k, "DB:" + r["DrugBank ID"])
    dc_rid = {}
    for i, nm in dc_name.items():
        rid = rid_of_db.get(db_of_dc.get(i, ""))
        if rid is None:
            rid = by_key.get(name_key(nm))
        if rid is None:
            rid = "DC:" + i
            add(rid, nm)
            by_key.setdefault(name_key(nm), rid)
        d = drugs[rid]
        d.dc_ids.add(i)
        d.ids.append("DrugCentral %s" % i)
        d.syns.append(nm)
        d.mesh_pa |= dc_pa.get(i, set())
        dc_rid[i] = rid
    # DrugCentral v54 synonym groups, by DrugCentral id.
    for r in tsv(os.path.join(ref, "drugcentral_synonyms",
                              "drugcentral.synonyms.tsv")):
        cur = r["curie"]
        if not cur.startswith("drugcentral:"):
            continue
        if r["predicate"] != "oboInOwl:hasRelatedSynonym":
            continue
        rid = dc_rid.get(cur[12:])
        if rid:
            drugs[rid].syns.append(r["text"])
    # PharmGKB: ATC codes (and a name).
    pgkb_mesh = defaultdict(set)
    for t in read_obo(os.path.join(ref, "atc_pharmgkb", "pharmgkb.drug.obo")):
        rid = None
        for db in t["drugbank"]:
            rid = rid or rid_of_db.get(db)
        if rid is None:
            rid = by_key.get(name_key(t["name"]))
        if rid is None:
            if not t["atc"]:
                continue
            rid = "PGKB:" + t["id"].split(":")[1]
            add(rid, t["name"])
            by_key.setdefault(name_key(t["name"]), rid)
        d = drugs[rid]
        d.atc |= set(t["atc"])
        if t["atc"]:
            d.ids.append("ATC " + ",".join(sorted(t["atc"])))
        d.syns.append(t["name"])
        pgkb_mesh[rid] |= set(t["mesh"])
    # MeSH: pharmacological actions by record id (DrugCentral's MeSH ids)
    # or by a unique name; entry terms of linked descriptors.
    mesh = os.path.join(ref, "mesh_2024")
    pa_by_ui, pa_name = defaultdict(set), {}
    for r in tsv(os.path.join(mesh, "pharmacological_actions.tsv")):
        pa_by_ui[r["record_ui"]].add(r["pharm_action_name"])
        pa_name[r["record_ui"]] = r["record_name"]
    mesh_of = defaultdict(set)
    for i, uis in dc_mesh.items():
        if i in dc_rid:
            mesh_of[dc_rid[i]] |= uis
    for rid, uis in pgkb_mesh.items():
        mesh_of[rid] |= uis
    for ui, nm in pa_name.items():
        rid = by_key.get(name_key(nm))
        if rid:
            mesh_of[rid].add(ui)
    for rid, uis in mesh_of.items():
        for ui in uis:
            drugs[rid].mesh_pa |= pa_by_ui.get(ui, set())
    terms = defaultdict(list)
    for r in tsv(os.path.join(mesh, "entry_terms.tsv")):
        if r["descriptor_ui"].startswith("D"):
            terms[r["descriptor_ui"]].append(r["term"])
    for rid, uis in mesh_of.items():
        for ui in sorted(uis):
            # Only descriptors that are this drug (their name is one of
            # its names), not a class it belongs to.
            if ui in terms and name_key(pa_name.get(ui, "")) in \
                    {name_key(n) for n in [drugs[rid].name] + drugs[rid].syns}:
                drugs[rid].syns += terms[ui]
                drugs[rid].mesh_heads.add(pa_name.get(ui, "").lower())
    # ChEMBL names of the same compounds.
    chembl = {}
    for r in tsv(os.path.join(ref, "chembl_36_names", "chembl.compound.36.tsv")):
        chembl[r["identifier"]] = r["name"]
    for i, ids in dc_chembl.items():
        rid = dc_rid.get(i)
        if rid:
            drugs[rid].syns += [chembl[c] for c in sorted(ids) if c in chembl]

    # Targets: mechanism of action, human, HGNC, one protein a row (a row
    # naming a complex lists subunits the drug does not all act on); from
    # the best source a drug has (the label, then literature and IUPHAR,
    # then ChEMBL and KEGG); never a binding partner.
    rank = {"DRUG LABEL": 0, "SCIENTIFIC LITERATURE": 1, "IUPHAR": 1,
            "CHEMBL": 2, "KEGG DRUG": 2}
    for i, rows in dc_rows.items():
        rid = dc_rid.get(i)
        if rid is None:
            continue
        ok = []
        for r in rows:
            gene = r["GENE"]
            if not gene or "|" in gene or gene in PARTNERS:
                continue
            if not r["SWISSPROT"].endswith("_HUMAN") or gene not in hgnc:
                continue
            if r["ACTION_TYPE"] in ("SUBSTRATE", "OTHER", ""):
                continue
            if CHANNEL.match(gene) and r["SOURCE"] != "DRUG LABEL":
                continue
            ok.append((rank.get(r["SOURCE"], 2), gene))
        best = min((k for k, _ in ok), default=None)
        for k, g in ok:
            if k == best and g not in drugs[rid].targets:
                drugs[rid].targets.append(g)

    # Names: each key to one drug; a drug's own name wins over synonyms.
    name_of = {}
    for rid, d in drugs.items():
        k = name_key(d.name)
        name_of.setdefault(k, []).append(rid)
    # Two drugs with one name are one drug.
    for k, rids in name_of.items():
        if len(rids) > 1:
            keep = drugs[rids[0]]
            for r2 in rids[1:]:
                o = drugs.pop(r2)
                keep.syns += [o.name] + o.syns
                keep.ids += o.ids
                keep.atc |= o.atc
                keep.mesh_pa |= o.mesh_pa
                for t in o.targets:
                    if t not in keep.targets:
                        keep.targets.append(t)
    owner = defaultdict(set)
    for rid, d in drugs.items():
        for s in [d.name] + d.syns:
            c = clean(s) if s != d.name else s.strip()
            if c:
                owner[name_key(c)].add(rid)
    names = {}
    for rid, d in drugs.items():
        names[name_key(d.name)] = rid

    out_rows = []
    for rid, d in drugs.items():
        nm = d.name.strip()
        if ordinary(nm, d) and d.atc and \
                not any(len(c) == 7 for c in d.atc) and \
                not plural_class(nm) and not d.targets and not d.mesh_pa:
            # An ATC group named by an everyday word ("Skeleton",
            # "Various") names no drug; one named by a plural
            # ("Antibiotics", "Diuretics") is a kind of drug. A more
            # specific name may stand in.
            nm = next((clean(s) for s in d.syns
                       if clean(s) and not ordinary(clean(s), d)
                       and not chemical(clean(s)) and " " in clean(s)), "")
            if not nm:
                continue
        nk = name_key(nm)
        if not nk or nm.lower() in GENERIC or "|" in nm or "\t" in nm:
            continue
        if nk in regimens:
            continue        # "Rice" is not R-ICE
        if not d.atc and not d.targets and (chemical(nm) or cell_therapy(nm)):
            continue
        if ISOTOPE.search(nm) or any(ISOTOPE.search(x) for x in d.syns):
            continue
        seen = {nk}
        syns = []
        base = nm.lower()
        for s in d.syns:
            c = clean(s)
            if not c or chemical(c) or cell_therapy(c):
                continue
            if c.lower() in (base + "um", base + "e", base + "a"):
                continue    # Latin, French, Spanish forms of the INN
            k = name_key(c)
            if ordinary(c, d) or ordinary(k, d):
                # "Balance", "Monitor": brands that are words; "Heat spray",
                # "SAM-e", "Secondary potassium phosphate": names whose key
                # (form, route and salt words dropped) is a word.
                continue
            if k in seen or k in curated:
                continue
            if names.get(k, rid) != rid or len(owner[k]) > 1:
                continue        # another drug's name, or ambiguous
            seen.add(k)
            syns.append(c)
        ci = None
        for code in sorted(d.atc):
            c = atc_class(code, classes)
            if c is not None and (ci is None or c < ci):
                ci = c
        how = ""
        if ci is None:
            for j, (key, _, mesh_pa, _) in enumerate(classes):
                if d.mesh_pa & set(mesh_pa):
                    ci = j
                    how = "MeSH"
                    break
        mod, chemo = modality_of(d)
        src = []
        dbids = [x for x in d.ids if x.startswith("DB")]
        src += dbids[:1]
        src += [x for x in d.ids if x.startswith("DrugCentral")][:1]
        src += [x for x in d.ids if x.startswith("ATC")][:1]
        if ci is None and mod == "drug" and re.fullmatch(r"[a-z]{6,}", nm.lower()):
            st = stem_of(nm.lower(), stems)
            if st:
                mod, chemo = st[1], st[2]
                if st[3] != "-":
                    ci = [c[0] for c in classes].index(st[3])
                src.append("INN stem " + st[0])
        elif how:
            src.append("MeSH pharmacological action")
        # As in the curated file: cytotoxic chemotherapy, supportive care
        # and "other" substances carry no targets.
        targets = d.targets if mod not in ("supportive", "other",
                                           "chemotherapy") else []
        immuno = targets if mod == "immunotherapy" else []
        out_rows.append((nm.lower(), "|".join(syns), mod, chemo,
                         ",".join(targets) or "-", ",".join(immuno) or "-",
                         classes[ci][0] if ci is not None else "-",
                         "; ".join(src) or "-"))
    out_rows.sort()
    # Final guard: no key twice in the file (what the loader rejects).
    used = {}
    final = []
    for row in out_rows:
        k = name_key(row[0])
        if k in used:
            continue
        used[k] = row[0]
        final.append(row)
    rows2 = []
    for row in final:
        syns = []
        for s in (row[1].split("|") if row[1] else []):
            k = name_key(s)
            if used.get(k, row[0]) != row[0]:
                continue
            used[k] = row[0]
            syns.append(s)
        rows2.append((row[0], "|".join(syns) or "-") + row[2:])
    write(a.out, rows2, ref)


HEADER = """\
# trialscape generated drug dictionary: {n} substances. GENERATED by scripts/gen-drugs.py; do not edit by hand:
# add or correct entries in data/substances.tsv (which takes precedence) or with --dict, then regenerate.
# Columns as data/substances.tsv, plus drug_class (a key of data/classes.tsv) and source (the records a line comes
# from). Loaded below data/substances.tsv: names that file uses keep its meaning.
#
# Sources (read from ../shared/data/reference; versions as recorded there):
#   DrugBank open vocabulary (names, synonyms; samyama-ai/clinicaltrials-kg @ b6ae3d5) - CC0 1.0
#   DrugCentral 2016 (drug_target mechanism-of-action targets, identifiers, MeSH pharmacological classes;
#     olegursu/drugtarget @ 64630f7; Ursu et al., Nucleic Acids Res 2017) - CC BY 4.0
#   DrugCentral v54 synonyms (biopragmatics/obo-db-ingest @ 5613ff7) - CC BY-SA 4.0
#   PharmGKB drugs with WHO ATC codes (biopragmatics/obo-db-ingest @ 5613ff7) - CC BY-SA 4.0
#   ChEMBL 36 compound names (biopragmatics/obo-db-ingest @ 5613ff7) - CC BY-SA 3.0
#   MeSH 2024 entry terms and pharmacological actions (NLM; jaytimm/mesh-resources @ c72a6a5) - public domain
#   HGNC approved symbols (Feb 2021; CCC-MF/bwHC-HGNC-Catalog @ 5426b05) - CC0
# Targets are DrugCentral 2016 mechanism-of-action targets only (never activity lists).
# Everyday words (the lower-case words of Debian's wamerican word list, SCOWL) name no drug here unless
# they are the drug's MeSH heading or a word of its own name: brands such as "Balance", "Metric" or "Muse"
# are left out.
#
# LICENCE: this file is a derivative of CC BY-SA sources and is therefore licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/), attributing the sources above.
"""


def write(path, rows, ref):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(n=len(rows)))
        f.write("name\tsynonyms\tmodality\tchemo_class\ttargets\t"
                "immuno_targets\tdrug_class\tsource\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    os.replace(tmp, path)
    print("gen-drugs: %d substances written to %s" % (len(rows), path))


if __name__ == "__main__":
    main()
