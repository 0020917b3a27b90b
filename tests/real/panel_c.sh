#!/bin/sh
# Panel C on the real exports (issue 11): with no rules written by the
# user, at most 20% of the trials of an export with conditions may land in
# "Other" or "Unclassified". Runs trialscape over every file under the
# real-export folder that it reads, prints one line per export (the table
# in README.md comes from these lines) and fails if any is over 20%.
# Exports without conditions, and files this build cannot read, are
# listed and skipped.
# Usage: tests/real/panel_c.sh ./trialscape REAL_DIR OUT_DIR
set -u
bin=$1
real=$2
out=$3
pass=0
fail=0
for f in "$real"/*/*; do
    case $f in *.md) continue ;; esac
    name=${f#"$real"/}
    rm -rf "$out/panel-c"
    if ! "$bin" run -q --no-charts -o "$out/panel-c" "$f" 2>/dev/null; then
        echo "real: skip panel C $name: not read by this build"
        continue
    fi
    line=$(awk -F'\t' 'NR > 1 { t += $2; if ($1 == "Other" || $1 == "Unclassified") o += $2; if ($1 == "Not reported") nr += $2 }
        END { printf "%d %d %d", t, o, nr }' "$out/panel-c/tables/indication.tsv")
    set -- $line
    how=$(python3 -c '
import json, sys
ix = json.load(open(sys.argv[1]))["indications"]
if ix["rule_set"]:
    print("%s set %s" % (ix["grouping"], ix["rule_set"]))
elif ix["focus"]:
    print("MeSH, sub-indications of %s" % ix["focus"]["label"])
else:
    print("MeSH, %s" % ix["level"])' "$out/panel-c/manifest.json")
    if [ "$1" -eq "$3" ]; then
        echo "real: skip panel C $name: no conditions in this export"
        continue
    fi
    share=$(awk -v o="$2" -v t="$1" 'BEGIN { printf "%.1f", 100 * o / t }')
    if awk -v o="$2" -v t="$1" 'BEGIN { exit !(o * 100 <= t * 20) }'; then
        echo "real: ok panel C $name: $share% of $1 trials Other/Unclassified ($how)"
        pass=$((pass + 1))
    else
        echo "real: FAIL panel C $name: $share% of $1 trials Other/Unclassified > 20% ($how)"
        fail=$((fail + 1))
    fi
done
echo "panel C: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
