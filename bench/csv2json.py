"""Turns a current-format ClinicalTrials.gov CSV export (as the bench
generators write it) into the same trials as a ClinicalTrials.gov JSON
export (API v2 shape: an array of studies), so `make bench` can time the
JSON reader on the same trials as the CSV one.
Usage: python3 csv2json.py IN.csv OUT.json"""
import csv
import json
import sys

csv.field_size_limit(1 << 30)


def split(v):
    return [x for x in v.split("|") if x] if v else []


def intervention(item):
    kind, sep, name = item.partition(": ")
    if not sep:
        return {"type": "OTHER", "name": item}
    return {"type": kind.strip().upper().replace(" ", "_"), "name": name}


def location(site):
    parts = [p.strip() for p in site.split(",")]
    loc = {"facility": parts[0]}
    if len(parts) > 1:
        loc["country"] = parts[-1]
    if len(parts) > 2:
        loc["city"] = parts[1]
    return loc


def study(r):
    ident = {"nctId": r["NCT Number"], "briefTitle": r["Study Title"]}
    if r.get("Acronym"):
        ident["acronym"] = r["Acronym"]
    status = {"overallStatus": r["Study Status"]}
    if r.get("Start Date"):
        status["startDateStruct"] = {"date": r["Start Date"]}
    design = {"studyType": r["Study Type"], "phases": split(r["Phases"])}
    if r.get("Enrollment", "").isdigit():
        design["enrollmentInfo"] = {"count": int(r["Enrollment"])}
    proto = {
        "identificationModule": ident,
        "statusModule": status,
        "sponsorCollaboratorsModule": {
            "leadSponsor": {"name": r["Sponsor"], "class": r["Funder Type"]}},
        "descriptionModule": {"briefSummary": r.get("Brief Summary", "")},
        "conditionsModule": {"conditions": split(r["Conditions"])},
        "designModule": design,
        "armsInterventionsModule": {
            "interventions": [intervention(i)
                              for i in split(r["Interventions"])]},
        "contactsLocationsModule": {
            "locations": [location(s) for s in split(r["Locations"])]},
    }
    return {"protocolSection": proto, "hasResults": False}


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f, \
            open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("[")
        for n, r in enumerate(csv.DictReader(f)):
            out.write(",\n" if n else "\n")
            json.dump(study(r), out, ensure_ascii=False)
        out.write("\n]\n")


main()
