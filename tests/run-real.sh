#!/bin/sh
# Runs trialscape over every real export in ../shared/data/real
# (ClinicalTrials.gov CSV and JSON in ctgov_modern, ctgov_classic and
# ctgov_json; WHO ICTRP CSV and XML, EU CTR full text, CTIS and ISRCTN in
# ictrp, euctr, ctis and isrctn) and compares the trial count and the
# phase, status and status-group tallies with the figures in
# tests/real/expected/, which were computed independently in Python
# (tests/real/compute_expected.py with the csv module,
# compute_expected_json.py with the json module,
# compute_expected_registries.py with csv, xml.etree and plain text
# parsing). Then: the CSV and JSON downloads of one search give the same
# tables; exports re-saved as a spreadsheet would (converted on the fly,
# tests/real/resave.py) give the tallies of the original; --where filters
# against Python counts (tests/real/check_filters.py) and compare on
# snapshots made from the exports (tests/real/check_compare.py); the
# trends, sponsor, enrollment and design tables against Python counts
# (tests/real/check_trends.py). Skips when ../shared is absent.
# Usage: tests/run-real.sh ./trialscape
set -u
bin=${1:-./trialscape}
real=${TS_REAL_DIR:-../shared/data/real}
out=${TMPDIR:-/tmp}/trialscape-real.$$
pass=0
fail=0
skip=0

if [ ! -d "$real/ctgov_modern" ] || [ ! -d "$real/ctgov_classic" ] ||
    [ ! -d "$real/ctgov_json" ]; then
    echo "real: SKIP: $real not found (the real registry exports live in ../shared beside the repository)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
trap 'rm -rf "$out"' EXIT INT TERM
mkdir -p "$out"

for exp in tests/real/expected/*.tsv; do
    base=$(basename "$exp" .tsv)
    src=""
    for d in ctgov_modern ctgov_classic ctgov_json ictrp euctr ctis isrctn; do
        [ -f "$real/$d/$base" ] && src="$real/$d/$base"
    done
    if [ -z "$src" ]; then
        echo "real: SKIP $base: not in $real"
        skip=$((skip + 1))
        continue
    fi
    rm -rf "$out/run"
    if ! "$bin" run -q --no-charts -o "$out/run" "$src" 2>"$out/stderr"; then
        echo "real: FAIL $base: trialscape exited non-zero"
        sed 's/^/    /' "$out/stderr"
        fail=$((fail + 1))
        continue
    fi
    {
        printf 'section\tcategory\ttrials\n'
        trials=$(tail -n +2 "$out/run/trials.tsv" | wc -l)
        printf 'trials\tall\t%s\n' "$trials"
        for t in phase status status_group; do
            tail -n +2 "$out/run/tables/$t.tsv" | awk -F'\t' -v t="$t" \
                'BEGIN{OFS="\t"} {print t, $1, $2}'
        done
    } >"$out/actual.tsv"
    if diff -u "$exp" "$out/actual.tsv" >"$out/diff"; then
        echo "real: ok $base ($trials trials)"
        pass=$((pass + 1))
    else
        echo "real: FAIL $base"
        sed 's/^/    /' "$out/diff"
        fail=$((fail + 1))
    fi
done
# Intervention coverage (issue 3): at least 97% of drug and biological
# mentions, placebo aside, matched to a substance on two oncology exports.
for f in ctgov_classic/BassKot_BCell_SearchResults.csv \
         ctgov_modern/spikar_oncology_ctg-studies2.csv; do
    rm -rf "$out/run"
    "$bin" run -q --no-charts -o "$out/run" "$real/$f" 2>"$out/stderr"
    share=$(sed -n 's/.*"coverage": {[^}]*"share": \([0-9.]*\)}.*/\1/p' \
        "$out/run/manifest.json")
    if [ -n "$share" ] && awk -v s="$share" 'BEGIN { exit !(s >= 0.97) }'; then
        echo "real: ok coverage $(basename "$f"): $share"
        pass=$((pass + 1))
    else
        echo "real: FAIL coverage $(basename "$f"): '$share' < 0.97"
        fail=$((fail + 1))
    fi
done
# tables_equal A B NAME: the tables both runs share must be identical.
tables_equal() {
    bad=""
    for t in trials phase status status_group study_type funder_type \
        start_year country; do
        if [ "$t" = trials ]; then
            [ "$(wc -l <"$1/trials.tsv")" = "$(wc -l <"$2/trials.tsv")" ] ||
                bad="$bad trials"
        elif ! cmp -s "$1/tables/$t.tsv" "$2/tables/$t.tsv"; then
            bad="$bad $t"
        fi
    done
    if [ -z "$bad" ]; then
        echo "real: ok $3"
        pass=$((pass + 1))
    else
        echo "real: FAIL $3: differ:$bad"
        fail=$((fail + 1))
    fi
}

# The same search downloaded as CSV and as JSON (issue 12): same tables.
twin=unl-stat351_clusterheadache_ctg-studies
rm -rf "$out/csv" "$out/json"
"$bin" run -q --no-charts -o "$out/csv" "$real/ctgov_modern/$twin.csv" &&
    "$bin" run -q --no-charts -o "$out/json" "$real/ctgov_json/$twin.json"
tables_equal "$out/csv" "$out/json" "CSV and JSON twin $twin"
# ... and every trial's interventions are classified alike (the JSON's
# richer fields change nothing here: the other names of this search name no
# drug of the dictionary). Indications are not compared: the JSON carries
# ClinicalTrials.gov's own MeSH terms for the conditions, which panel C
# uses (issue 11), where the CSV's condition text is mapped by trialscape.
classes() {
    python3 -c 'import csv, sys
rows = csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""),
                      delimiter="\t", quoting=csv.QUOTE_NONE)
keys = ("regimen", "modalities", "chemo_classes", "substances",
        "targets", "immuno_targets", "unmatched")
for r in sorted(rows, key=lambda r: r["nct_id"]):
    print("\t".join([r["nct_id"]] + [r[k] for k in keys]))' "$1"
}
if classes "$out/csv/trials.tsv" >"$out/csv.classes" &&
    classes "$out/json/trials.tsv" >"$out/json.classes" &&
    diff "$out/csv.classes" "$out/json.classes" >"$out/diff"; then
    echo "real: ok CSV and JSON twin: every trial's interventions classified alike"
    pass=$((pass + 1))
else
    echo "real: FAIL CSV and JSON twin: trials classified differently"
    sed 's/^/    /' "$out/diff"
    fail=$((fail + 1))
fi

# Where the JSON's intervention other names change a classification: the
# trials (against tests/real/expected/other_names/), each with why.
for exp in tests/real/expected/other_names/*.tsv; do
    base=$(basename "$exp" .tsv)
    if [ ! -f "$real/ctgov_json/$base" ]; then
        echo "real: SKIP other names $base: not in $real"
        skip=$((skip + 1))
        continue
    fi
    python3 tests/real/other_names.py "$bin" "$real/ctgov_json/$base" \
        "$out/on" >"$out/on.txt"
    if grep -v '^    ' "$out/on.txt" | diff -u "$exp" - >"$out/diff"; then
        echo "real: ok other names $base: $(grep -vc '^    ' "$out/on.txt") trials classified by them"
        sed 's/^/    /' "$out/on.txt"
        pass=$((pass + 1))
    else
        echo "real: FAIL other names $base"
        sed 's/^/    /' "$out/diff" "$out/on.txt"
        fail=$((fail + 1))
    fi
done

# Both twins in one run (issue 12, one trial counted once): the 120 trials
# once each, with the tables of either alone; every trial's two records
# listed in duplicates.tsv.
rm -rf "$out/both"
"$bin" run -q --no-charts -o "$out/both" "$real/ctgov_modern/$twin.csv" \
    "$real/ctgov_json/$twin.json"
tables_equal "$out/csv" "$out/both" "CSV and JSON twin $twin read together"
n=$(tail -n +2 "$out/csv/trials.tsv" | wc -l)
if grep -q "\"records\": $((2 * n))," "$out/both/manifest.json" &&
    grep -q "\"merged_trials\": $n," "$out/both/manifest.json" &&
    [ "$(tail -n +2 "$out/both/tables/duplicates.tsv" | wc -l)" = $((2 * n)) ]; then
    echo "real: ok $twin twins merged: $n trials from $((2 * n)) records"
    pass=$((pass + 1))
else
    echo "real: FAIL $twin twins merged: manifest or duplicates.tsv"
    fail=$((fail + 1))
fi

# Overlapping inputs (issue 12, one trial counted once): WHO ICTRP's
# COVID-19 export and a ClinicalTrials.gov COVID-19 export read together
# give the trials, merged groups and registry table of an independent merge
# in Python (tests/real/check_overlap.py).
if [ -f "$real/ictrp/ebmdatalab_ICTRP_COVID19-927-trials_7Apr2020.csv" ]; then
    if /usr/bin/python3 tests/real/check_overlap.py "$bin" \
        "$real/ictrp/ebmdatalab_ICTRP_COVID19-927-trials_7Apr2020.csv" \
        "$real/ctgov_classic/sametgumus212_coronavirus_SearchResults.csv" \
        >"$out/overlap" 2>&1; then
        echo "real: ok ICTRP and ClinicalTrials.gov overlap: $(grep 'trials after' "$out/overlap" | sed 's/.*: //') trials from $(grep 'records read' "$out/overlap" | sed 's/.*: //') records"
        pass=$((pass + 1))
    else
        sed 's/^/    /' "$out/overlap"
        echo "real: FAIL ICTRP and ClinicalTrials.gov overlap"
        fail=$((fail + 1))
    fi
fi

# Exports re-saved by a spreadsheet (issue 12, item 6), converted here and
# never kept: Excel's ';'-separated Windows-1252 CSV and its UTF-16 "Unicode
# text" give the tallies of the original.
for f in ctgov_modern/unl-stat351_clusterheadache_ctg-studies.csv \
         ctgov_modern/MarcMorcos_urology_ctg-studies.csv \
         ctgov_classic/BassKot_BCell_SearchResults.csv \
         ctgov_classic/dgg32_SearchResults.tsv; do
    rm -rf "$out/orig"
    "$bin" run -q --no-charts -o "$out/orig" "$real/$f"
    for mode in excel-semicolon unicode-text; do
        rm -rf "$out/resaved"
        python3 tests/real/resave.py "$mode" "$real/$f" "$out/resaved.csv" &&
            "$bin" run --no-charts -o "$out/resaved" "$out/resaved.csv" \
                2>"$out/stderr"
        if ! grep -q "warning: encoded in .*: decoded to UTF-8" "$out/stderr"; then
            echo "real: FAIL $mode $(basename "$f"): no warning naming the encoding"
            fail=$((fail + 1))
        fi
        tables_equal "$out/orig" "$out/resaved" "$mode $(basename "$f")"
    done
    rm -f "$out/resaved.csv"
done
# Issue 13 on real exports: one whose Conditions column is dropped (a
# copy made here, in the temporary directory) gives the "No conditions in
# this export" panel; one without a Phases column, "No phases"; fig1 of a
# full export is at most 190 mm wide; no figure labels a count "(0%)".
f=ctgov_modern/drstrupf_MS_landscape_clinicaltrials_allMS_trials.csv
/usr/bin/python3 - "$real/$f" "$out/noconditions.csv" <<'PY'
import csv, sys
rows = csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))
w = csv.writer(open(sys.argv[2], "w", newline="", encoding="utf-8"))
head = next(rows)
i = head.index("Conditions")
w.writerow(head[:i] + head[i + 1:])
for r in rows:
    w.writerow(r[:i] + r[i + 1:])
PY
check_figures() {   # NAME DIR MESSAGE
    if ! grep -q "^set label '$3'" "$2/figures/fig1.gp" ||
       grep -l '(0%)' "$2"/figures/*.dat >/dev/null 2>&1 ||
       [ "$(sed -n 's/^# trialscape figure fig1: \([0-9]*\) x .*/\1/p' "$2/figures/fig1.gp")" -gt 190 ]; then
        echo "real: FAIL figures $1: no '$3' panel, a (0%) label or fig1 too wide"
        fail=$((fail + 1))
    else
        echo "real: ok figures $1: '$3'"
        pass=$((pass + 1))
    fi
}
rm -rf "$out/run"
if "$bin" run -q --format=svg -o "$out/run" "$out/noconditions.csv" 2>"$out/stderr"; then
    check_figures "$(basename "$f") without Conditions" "$out/run" \
        "No conditions in this export"
else
    echo "real: FAIL $(basename "$f") without Conditions: trialscape exited non-zero"
    fail=$((fail + 1))
fi
f=ctgov_modern/sammijiyoung2_alzheimer_ctg-studies_9cols.csv
rm -rf "$out/run"
if "$bin" run -q --format=svg -o "$out/run" "$real/$f" 2>"$out/stderr"; then
    check_figures "$(basename "$f")" "$out/run" "No phases in this export"
else
    echo "real: FAIL $(basename "$f"): trialscape exited non-zero"
    fail=$((fail + 1))
fi
# Filters (issue 14): trials kept by --where expressions of every kind and
# their combinations, against counts made independently in Python.
if /usr/bin/python3 tests/real/check_filters.py "$bin" \
    "$real/ctgov_modern/spikar_oncology_ctg-studies2.csv" \
    "$real/ctgov_classic/BassKot_BCell_SearchResults.csv" \
    "$real/ctgov_classic/dgg32_SearchResults.tsv" >"$out/filters" 2>&1; then
    echo "real: ok filters: $(grep -c ': ok ' "$out/filters") checks; $(grep 'by kind' "$out/filters" | sed 's/^filters: //')"
    pass=$((pass + 1))
else
    grep -v ': ok ' "$out/filters" | sed 's/^/    /'
    echo "real: FAIL filters"
    fail=$((fail + 1))
fi
# Compare (issue 14): snapshots made from real exports (trials removed,
# added, statuses and phases changed) give exactly those changes, and the
# side-by-side tables equal separate runs.
if /usr/bin/python3 tests/real/check_compare.py "$bin" \
    "$real/ctgov_modern/spikar_oncology_ctg-studies2.csv" \
    "$real/ctgov_classic/BassKot_BCell_SearchResults.csv" \
    "$real/ctgov_classic/dgg32_SearchResults.tsv" >"$out/compare" 2>&1; then
    echo "real: ok compare: $(grep -c ': ok ' "$out/compare") checks"
    pass=$((pass + 1))
else
    grep -v ': ok ' "$out/compare" | sed 's/^/    /'
    echo "real: FAIL compare"
    fail=$((fail + 1))
fi
# Trends, sponsors, enrollment and design (issue 14) against counts made
# here in Python.
if /usr/bin/python3 tests/real/check_trends.py "$bin" \
    "$real/ctgov_modern/spikar_oncology_ctg-studies2.csv" \
    "$real/ctgov_modern/drstrupf_MS_landscape_clinicaltrials_allMS_trials.csv" \
    "$real/ctgov_classic/BassKot_BCell_SearchResults.csv" \
    "$real/ctgov_classic/dgg32_SearchResults.tsv" >"$out/trends" 2>&1; then
    echo "real: ok trends: $(grep -c ': ok ' "$out/trends") checks"
    pass=$((pass + 1))
else
    grep -v ': ok ' "$out/trends" | sed 's/^/    /'
    echo "real: FAIL trends"
    fail=$((fail + 1))
fi
# Panel C (issue 11): at most 20% Other/Unclassified without user rules.
if sh tests/real/panel_c.sh "$bin" "$real" "$out"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
