#!/bin/sh
# make coverage: for every real export in ../shared/data/real that
# `trialscape run` can read, the share of drug and biological mentions
# (placebo aside) matched to a substance - by a dictionary or inferred from
# an INN stem - and the share of trials panel D leaves in Other,
# Unclassified or Placebo/control, and how many of the unmatched mentions
# are research codes. Files of a format trialscape does not
# read yet are listed as such. Prints a Markdown table (README's).
# Usage: scripts/coverage.sh [./trialscape]   (TS_REAL_DIR overrides the
# folder of exports)
set -u
bin=${1:-./trialscape}
real=${TS_REAL_DIR:-../shared/data/real}
out=${TMPDIR:-/tmp}/trialscape-coverage.$$
if [ ! -d "$real" ]; then
    echo "coverage: SKIP: $real not found (the real registry exports live in ../shared beside the repository)"
    exit 0
fi
trap 'rm -rf "$out"' EXIT INT TERM
mkdir -p "$out"

num() { # num KEY FILE: a number from manifest.json's coverage object
    sed -n "s/.*\"coverage\": {[^}]*\"$1\": \([0-9.]*\)[,}].*/\1/p" "$2"
}
row() { # row TABLE LABEL...: trials of these labels in tables/TABLE.tsv
    t=$1
    shift
    awk -F'\t' -v labels="$*" 'BEGIN { n = split(labels, l, "|") }
        NR > 1 { for (i = 1; i <= n; i++) if ($1 == l[i]) s += $2 }
        END { print s + 0 }' "$out/run/tables/$t.tsv"
}

printf '| export | format | trials | drug/biological mentions | matched | of which by INN stem | unmatched: research codes | panel D Other/Unclassified/Placebo-only | panel D Not reported |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
fail=0
for f in "$real"/*/*; do
    case $f in *.md) continue ;; esac
    [ -f "$f" ] || continue
    name=$(basename "$f")
    rm -rf "$out/run"
    if ! "$bin" run -q --no-charts -o "$out/run" "$f" 2>"$out/err"; then
        why=$(grep -o 'error: .*' "$out/err" | head -n 1 | cut -c8-70)
        printf '| %s | not read: %s | | | | | | | |\n' "$name" "$why"
        continue
    fi
    fmt=$(sed -n 's/.*"format": "\([^"]*\)".*/\1/p' "$out/run/manifest.json" | head -n 1)
    trials=$(tail -n +2 "$out/run/trials.tsv" | wc -l)
    m=$(num drug_mentions "$out/run/manifest.json")
    k=$(num matched "$out/run/manifest.json")
    i=$(num inferred "$out/run/manifest.json")
    d=$(row regimen 'Other|Unclassified|Unclassified drug|Placebo/control')
    nr=$(row regimen 'Not reported')
    # Unmatched names that are a sponsor's research code ("BMS-986322",
    # "GZ402668", "ISIS 420915"), by trials: no open reference names the
    # drug behind most of them, so they stay unmatched, and say why.
    rc=$(tail -n +2 "$out/run/tables/unmatched.tsv" |
        grep -E '^[A-Za-z]{1,8}([- ][A-Za-z]{1,4})?[- ]?[0-9][0-9]' |
        awk -F'\t' '{ s += $2 } END { print s + 0 }')
    awk -v name="$name" -v fmt="$fmt" -v t="$trials" -v m="$m" -v k="$k" \
        -v i="$i" -v d="$d" -v nr="$nr" -v rc="$rc" 'BEGIN {
        share = m ? sprintf("%.1f %%", 100 * k / m) : "-"
        codes = m > k ? sprintf("%d of %d", rc > m - k ? m - k : rc, m - k) : "-"
        printf "| %s | %s | %d | %d | %s | %d | %s | %.1f %% | %.1f %% |\n",
            name, fmt, t, m, share, i, codes, t ? 100 * d / t : 0,
            t ? 100 * nr / t : 0 }'
done
