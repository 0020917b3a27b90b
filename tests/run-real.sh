#!/bin/sh
# Runs trialscape over every real ClinicalTrials.gov export in
# ../shared/data/real/ctgov_modern and ctgov_classic and compares the trial
# count and the phase, status and status-group tallies with the figures in
# tests/real/expected/, which were computed independently with Python's csv
# module (tests/real/compute_expected.py). Skips when ../shared is absent.
# Usage: tests/run-real.sh ./trialscape
set -u
bin=${1:-./trialscape}
real=${TS_REAL_DIR:-../shared/data/real}
out=${TMPDIR:-/tmp}/trialscape-real.$$
pass=0
fail=0
skip=0

if [ ! -d "$real/ctgov_modern" ] || [ ! -d "$real/ctgov_classic" ]; then
    echo "real: SKIP: $real not found (the real registry exports live in ../shared beside the repository)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
trap 'rm -rf "$out"' EXIT INT TERM
mkdir -p "$out"

for exp in tests/real/expected/*.tsv; do
    base=$(basename "$exp" .tsv)
    src=""
    for d in ctgov_modern ctgov_classic; do
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
# Panel C (issue 11): at most 20% Other/Unclassified without user rules.
if sh tests/real/panel_c.sh "$bin" "$real" "$out"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
