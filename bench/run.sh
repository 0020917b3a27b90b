#!/bin/sh
# trialscape benchmark (make bench): on two generated current-format
# exports of BENCH_TRIALS trials, times side by side, on the same file with
# a warm page cache, the median of BENCH_RUNS runs of trialscape's default
# run (every output, the Trials sheet included), DuckDB and pandas
# tallying trials by status, phase token and intervention name, and
# `wc -l` as the floor. The two exports: our generator (bench/gen_ctgov.c,
# intervention names from our dictionary) and the independent one in
# ../shared/tools/perf/gen_ctgov_csv.py (skipped with a message when
# ../shared is not there). For each it prints a table (tool, wall seconds,
# MB/s, peak RSS, trialscape's time over the tool's: at most 1.0 means
# trialscape is as fast or faster), the time per trial at 100k and at
# BENCH_TRIALS, and where trialscape's time goes (`run -v`: the critical
# path). Then the other readers' throughput on the same 100k trials (the
# ClinicalTrials.gov JSON reader), and a callgrind profile of a 10k-trial
# run (instructions per stage).
#
# Environment: BENCH_DIR (scratch, default build/bench), BENCH_TRIALS
# (default 1000000), BENCH_RUNS (default 3), BENCH_PEERS (default
# "duckdb pandas wc"; empty to time trialscape alone), BENCH_GENERATORS
# (default "ours independent").
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-$top/build/bench}
big=${BENCH_TRIALS:-1000000}
runs=${BENCH_RUNS:-3}
peers=${BENCH_PEERS-duckdb pandas wc}
generators=${BENCH_GENERATORS:-ours independent}
ts=$top/trialscape
indep=$top/../shared/tools/perf/gen_ctgov_csv.py
py=/usr/bin/python3
mkdir -p "$dir"

need() { command -v "$1" >/dev/null 2>&1; }
say() { echo "bench: $*" >&2; }

# --- tools ---------------------------------------------------------------
if [ ! -x /usr/bin/time ] || ! need valgrind || [ ! -x $py ] ||
    { echo "$peers" | grep -q pandas && ! $py -c 'import pandas' 2>/dev/null; }; then
    say "installing time, valgrind, python3-pandas"
    apt-get update -qq && apt-get install -y -qq time valgrind python3 python3-pandas >/dev/null
fi
if echo "$peers" | grep -q duckdb && [ ! -d "$dir/node_modules/@duckdb/node-api" ]; then
    say "installing @duckdb/node-api (npm)"
    (cd "$dir" && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1)
fi
cc -O2 -o "$dir/gen_ctgov" "$top/bench/gen_ctgov.c"

# --- data ----------------------------------------------------------------
gen() {   # gen GENERATOR N -> path; deterministic
    case $1 in
    ours) f=$dir/ctg-$2.csv ;;
    independent) f=$dir/indep-$2.csv ;;
    esac
    if [ ! -s "$f" ]; then
        say "generating $2 trials ($1 generator)"
        case $1 in
        ours) "$dir/gen_ctgov" "$2" "$top/data/substances.tsv" 42 >"$f.tmp" ;;
        independent) $py "$indep" "$2" -o "$f.tmp" --seed 7 ;;
        esac
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
        /usr/bin/time -f "%e %M %U %S" -o "$dir/one.time" "$@" >"$dir/out.$name" 2>"$dir/err.$name" ||
            { say "$name failed:"; cat "$dir/err.$name" >&2; exit 1; }
        cat "$dir/one.time" >>"$dir/times.$name"
        i=$((i + 1))
    done
    sort -n "$dir/times.$name" | awk -v n="$runs" 'NR == int((n + 1) / 2) { print $1, $2, $3 + $4 }'
}

summary=$dir/summary.tsv
: >"$summary"
for g in $generators; do
    if [ "$g" = independent ] && [ ! -f "$indep" ]; then
        say "no $indep (../shared): the independent generator's export is skipped"
        continue
    fi
    file=$(gen "$g" "$big")
    small=$(gen "$g" 100000)
    mb=$(du -m "$file" | cut -f1)
    say "$g: warming the page cache ($mb MB)"
    cat "$file" >/dev/null

    results=$dir/results-$g.tsv
    : >"$results"
    line=$(time_cmd "ts-$g" "$ts" run -q -o "$dir/out-$g" "$file")
    echo "trialscape run	$line" >>"$results"
    for p in $peers; do
        case $p in
        wc) line=$(time_cmd "wc-$g" wc -l "$file") ;;
        pandas) line=$(time_cmd "pandas-$g" $py "$top/bench/pandas_bench.py" "$file") ;;
        duckdb)
            # ES modules resolve packages from the script's own directory.
            cp "$top/bench/duckdb_bench.mjs" "$dir/"
            line=$(time_cmd "duckdb-$g" node "$dir/duckdb_bench.mjs" "$file") ;;
        esac
        echo "$p	$line" >>"$results"
    done

    # Peers must agree with trialscape on the status counts (registry enum
    # -> trialscape label; exact, not the same order of magnitude).
    awk -F'\t' 'NR > 1 { print $2 }' "$dir/out-$g/tables/status.tsv" | sort -n >"$dir/check.ts"
    for p in $peers; do
        [ "$p" = wc ] && continue
        grep '^status' "$dir/out.$p-$g" | cut -f3 | sort -n >"$dir/check.$p"
        if ! cmp -s "$dir/check.ts" "$dir/check.$p"; then
            say "$p and trialscape disagree on the status counts ($g):"
            paste "$dir/check.ts" "$dir/check.$p" >&2
            exit 1
        fi
    done

    ts_time=$(awk -F'\t' '$1 == "trialscape run" { split($2, a, " "); print a[1] }' "$results")
    echo
    echo "$g generator: $big trials, $mb MB ($(basename "$file"))"
    printf '%-16s %8s %8s %8s %12s %s\n' tool "wall s" "CPU s" "MB/s" "peak RSS MB" "trialscape's time / tool's"
    awk -F'\t' -v mb="$mb" -v t="$ts_time" -v g="$g" -v sum="$summary" '{
        split($2, a, " "); s = a[1]; rss = a[2] / 1024; cpu = a[3];
        r = ($1 == "trialscape run") ? "-" : sprintf("%.2f", t / s);
        printf "%-16s %8.2f %8.2f %8.0f %12.0f %s\n", $1, s, cpu, (s > 0 ? mb / s : 0), rss, r
        if ($1 != "trialscape run") printf "%s\t%s\t%.2f\n", g, $1, t / s >>sum
    }' "$results"

    # The critical path, as trialscape itself reports it.
    "$ts" run -v -o "$dir/out-$g" "$file" 2>&1 |
        grep -E 'info: (read and analysed|wrote tables)' | sed 's/^trialscape: info: /stages: /'

    # Linear cost: time per trial at 100k and at the big size.
    line=$(time_cmd "ts-100k-$g" "$ts" run -q -o "$dir/out-100k-$g" "$small")
    s100=${line%% *}
    awk -v a="$s100" -v b="$ts_time" -v n="$big" 'BEGIN {
        pa = a / 100000 * 1e6; pb = b / n * 1e6;
        printf "time per trial: %.2f us at 100k, %.2f us at %d (difference %.0f%%)\n",
            pa, pb, n, (pb > pa ? pb - pa : pa - pb) / pa * 100 }'
done

if [ -s "$summary" ]; then
    echo
    echo "trialscape's time over each tool's (at most 1.0: as fast or faster):"
    awk -F'\t' '{ printf "  %-12s %-8s %s\n", $1, $2, $3 }' "$summary"
fi

# The other readers on the same 100k trials: throughput beside the CSV's.
small=$(gen ours 100000)
json=$dir/ctg-100000.json
if [ ! -s "$json" ]; then
    say "writing the 100k trials as a ClinicalTrials.gov JSON export"
    $py "$top/bench/csv2json.py" "$small" "$json.tmp" && mv "$json.tmp" "$json"
fi
echo
echo "readers on the same 100000 trials (trialscape run, every output):"
for f in "$small" "$json"; do
    cat "$f" >/dev/null
    line=$(time_cmd reader "$ts" run -q -o "$dir/out-reader" "$f")
    mb=$(du -m "$f" | cut -f1)
    fmt=$(grep -o '"format": "[^"]*"' "$dir/out-reader/manifest.json" | head -1 | cut -d'"' -f4)
    echo "$line" | awk -v f="$fmt" -v mb="$mb" '{
        printf "  %-14s %6d MB %7.2f s %7.0f MB/s %6.2f us/trial\n", f, mb, $1, mb / $1, $1 / 100000 * 1e6 }'
done

# Where the time goes: instructions per function for a 10k-trial run.
# (valgrind hides the SHA extensions, so the portable SHA-256 shows here;
# natively it costs about a fifth of that.)
tiny=$(gen ours 10000)
echo
say "callgrind profile of a 10k-trial run"
valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out" \
    "$ts" run -q --no-charts -o "$dir/out-10k" "$tiny" 2>/dev/null
callgrind_annotate --inclusive=yes "$dir/callgrind.out" 2>/dev/null |
    grep -E 'PROGRAM TOTALS|csvin_run|ingest_file|landscape_add|classify_trial|rules_match|trials_write_row|fill_trials_sheet|xlsx_trials_line|sheetrows_|xlsx_close|workbook_close|report_close|sha256_update|render_charts' |
    head -24
echo "full profile: callgrind_annotate $dir/callgrind.out"
