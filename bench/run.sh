#!/bin/sh
# trialscape benchmark (make bench): generates deterministic current-format
# exports, then times side by side, on the same file with a warm page cache,
# the median of 3 runs of: trialscape's default run, DuckDB and pandas
# counting trials by status and phase token, and `wc -l` as the floor.
# Prints one table (tool, wall seconds, MB/s, peak RSS, trialscape's ratio
# to each), time per trial at 100k and 1M trials, and a callgrind profile
# of a 10k-trial run (cost per stage).
#
# Then the readers alone (ingest only, bench/read_bench.c) on the CSV and
# the JSON form of the same generated trials, at 100k and the big size:
# MB/s of wall time and of the reading thread's CPU time, and peak RSS; and
# the two JSON parsers Debian packages, libyajl and json-c, on a 12k-study
# download (bench/json_parsers.c).
#
# Environment: BENCH_DIR (scratch, default build/bench), BENCH_TRIALS
# (default 1000000), BENCH_RUNS (default 3), BENCH_PEERS (default
# "duckdb pandas wc"; empty to time trialscape alone), BENCH_JSON_BIG
# (default 1; 0 reads JSON at 100k only: the big download is 3.4 GB).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-$top/build/bench}
big=${BENCH_TRIALS:-1000000}
runs=${BENCH_RUNS:-3}
peers=${BENCH_PEERS-duckdb pandas wc}
ts=$top/trialscape
mkdir -p "$dir"

need() { command -v "$1" >/dev/null 2>&1; }
say() { echo "bench: $*" >&2; }

# --- tools ---------------------------------------------------------------
if [ ! -f /usr/include/json-c/json.h ]; then
    say "installing libjson-c-dev (the parser comparison)"
    apt-get update -qq && apt-get install -y -qq libjson-c-dev >/dev/null
fi
if [ ! -x /usr/bin/time ] || ! need valgrind ||
    { echo "$peers" | grep -q pandas && ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; }; then
    say "installing time, valgrind, python3-pandas"
    apt-get update -qq && apt-get install -y -qq time valgrind python3-pandas >/dev/null
fi
if echo "$peers" | grep -q duckdb && [ ! -d "$dir/node_modules/@duckdb/node-api" ]; then
    say "installing @duckdb/node-api (npm)"
    (cd "$dir" && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1)
fi
cc -O2 -o "$dir/gen_ctgov" "$top/bench/gen_ctgov.c"
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$top" -o "$dir/read_bench" \
    "$top/bench/read_bench.c" "$top/build/libtrialscape.a" \
    $(pkg-config --libs xlsxwriter yajl) -lcsv -pthread -ldl
cc -O2 -o "$dir/json_parsers" "$top/bench/json_parsers.c" \
    $(pkg-config --cflags --libs yajl json-c)

# --- data ----------------------------------------------------------------
gen() {   # gen N [--json] -> path; deterministic (seed 42, the shipped dictionary)
    f=$dir/ctg-$1.csv
    [ "${2:-}" = --json ] && f=$dir/ctg-$1.json
    if [ ! -s "$f" ]; then
        say "generating $1 trials ${2:-}"
        "$dir/gen_ctgov" "$1" "$top/data/substances.tsv" 42 ${2:-} >"$f.tmp"
        mv "$f.tmp" "$f"
    fi
    echo "$f"
}

# time_cmd NAME CMD... : median wall seconds and peak RSS (KB) of $runs runs
time_cmd() {
    name=$1
    shift
    : >"$dir/times.$name"
    i=0
    while [ "$i" -lt "$runs" ]; do
        /usr/bin/time -f "%e %M" -o "$dir/one.time" "$@" >"$dir/out.$name" 2>"$dir/err.$name" ||
            { say "$name failed:"; cat "$dir/err.$name" >&2; exit 1; }
        cat "$dir/one.time" >>"$dir/times.$name"
        i=$((i + 1))
    done
    sort -n "$dir/times.$name" | awk -v n="$runs" 'NR == int((n + 1) / 2) { print $1, $2 }'
}

file=$(gen "$big")
small=$(gen 100000)
tiny=$(gen 10000)
mb=$(du -m "$file" | cut -f1)
say "warming the page cache ($mb MB)"
cat "$file" >/dev/null

results=$dir/results.tsv
: >"$results"
line=$(time_cmd trialscape "$ts" run -q -o "$dir/out-ts" "$file")
echo "trialscape run	$line" >>"$results"
for p in $peers; do
    case $p in
    wc) line=$(time_cmd wc wc -l "$file") ;;
    pandas) line=$(time_cmd pandas /usr/bin/python3 "$top/bench/pandas_bench.py" "$file") ;;
    duckdb)
        # ES modules resolve packages from the script's own directory.
        cp "$top/bench/duckdb_bench.mjs" "$dir/"
        line=$(time_cmd duckdb node "$dir/duckdb_bench.mjs" "$file") ;;
    esac
    echo "$p	$line" >>"$results"
done

# Peers must agree with trialscape on the status counts (registry enum ->
# trialscape label, same order of magnitude is not enough: exact).
awk -F'\t' 'NR > 1 { print $2 }' "$dir/out-ts/tables/status.tsv" | sort -n >"$dir/check.ts"
for p in $peers; do
    [ "$p" = wc ] && continue
    grep '^status' "$dir/out.$p" | cut -f3 | sort -n >"$dir/check.$p"
    if ! cmp -s "$dir/check.ts" "$dir/check.$p"; then
        say "$p and trialscape disagree on the status counts:"
        paste "$dir/check.ts" "$dir/check.$p" >&2
        exit 1
    fi
done

ts_time=$(awk -F'\t' '$1 == "trialscape run" { split($2, a, " "); print a[1] }' "$results")
echo
printf '%-16s %10s %10s %12s %s\n' tool "wall s" "MB/s" "peak RSS MB" "ratio"
awk -F'\t' -v mb="$mb" -v t="$ts_time" '{
    split($2, a, " "); s = a[1]; rss = a[2] / 1024;
    if ($1 == "trialscape run") r = "-";
    else if ($1 == "wc") r = sprintf("trialscape takes %.1fx the time of wc -l", t / s);
    else if (s >= t) r = sprintf("trialscape is %.1fx faster", s / t);
    else r = sprintf("trialscape takes %.1fx the time", t / s);
    printf "%-16s %10.2f %10.0f %12.0f %s\n", $1, s, (s > 0 ? mb / s : 0), rss, r
}' "$results"

# Where the wall time goes at the big size, as trialscape itself reports.
echo
"$ts" run -v -o "$dir/out-ts" "$file" 2>&1 |
    grep -E 'info: (read and analysed|wrote tables)' | sed 's/^trialscape: info: /stages: /'

# Linear cost: time per trial at 100k and at the big size.
line=$(time_cmd trialscape-100k "$ts" run -q -o "$dir/out-100k" "$small")
s100=${line% *}
echo
awk -v a="$s100" -v b="$ts_time" -v n="$big" 'BEGIN {
    pa = a / 100000 * 1e6; pb = b / n * 1e6;
    printf "time per trial: %.2f us at 100k, %.2f us at %d (difference %.0f%%)\n",
        pa, pb, n, (pb > pa ? pb - pa : pa - pb) / pa * 100 }'

# The readers alone: the same trials as CSV and as JSON.
echo
printf '%-14s %9s %8s %8s %9s %8s %10s %8s\n' reader trials MB "wall s" "MB/s" "CPU s" "MB/CPU s" "RSS MB"
sizes="100000"
[ "${BENCH_JSON_BIG:-1}" != 0 ] && [ "$big" != 100000 ] && sizes="$sizes $big"
for n in $sizes; do
    for form in csv json; do
        if [ "$form" = json ]; then f=$(gen "$n" --json); else f=$(gen "$n"); fi
        cat "$f" >/dev/null
        /usr/bin/time -f "%M" -o "$dir/one.time" "$dir/read_bench" "$f" >"$dir/read.out"
        awk -F'\t' -v rss="$(cat "$dir/one.time")" '{
            printf "%-14s %9s %8.0f %8.2f %9.0f %8.2f %10.0f %8.1f\n",
                $1, $2, $3, $4, $5, $6, $7, rss / 1024 }' "$dir/read.out"
    done
done

# The JSON parsers Debian packages, on a 12k-study download (41 MB):
# libyajl's events (what ingest/ctgov_json.c uses) against json-c, which
# builds the whole array in memory (it cannot stream one array's
# elements), and json-c fed one study a line (its best case, not possible
# for a pretty-printed file).
echo
f=$(gen 12000 --json)
for p in yajl json-c json-c-lines; do
    /usr/bin/time -f "%M" -o "$dir/one.time" "$dir/json_parsers" "$p" "$f" >"$dir/parse.out"
    awk -F'\t' -v rss="$(cat "$dir/one.time")" '{
        printf "parser %-13s %s wall, %s, %s, peak RSS %.1f MB\n", $1, $2, $4, $5, rss / 1024 }' "$dir/parse.out"
done

# Where the time goes: instructions per function for a 10k-trial run.
# (valgrind hides the SHA extensions, so the portable SHA-256 shows here;
# natively it costs about a fifth of that.)
echo
say "callgrind profile of a 10k-trial run"
valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out" \
    "$ts" run -q --no-charts -o "$dir/out-10k" "$tiny" 2>/dev/null
callgrind_annotate --inclusive=yes "$dir/callgrind.out" 2>/dev/null |
    grep -E 'csvin_run|ingest_file|landscape_add|classify_trial|rules_match|trials_write_row|fill_trials_sheet|xlsx_trials_line|xlsx_close|workbook_close|report_close|sha256_update|render_charts|main ' |
    head -20
echo "full profile: callgrind_annotate $dir/callgrind.out"
