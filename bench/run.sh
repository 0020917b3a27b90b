#!/bin/sh
# trialscape benchmark (make bench): on two generated current-format
# exports of BENCH_TRIALS trials, times side by side, on the same file with
# a warm page cache, trialscape's default run (every output, the Trials
# sheet included), DuckDB and pandas tallying trials by status, phase token
# and intervention name, and `wc -l` as the floor. The two exports: our
# generator (bench/gen_ctgov.c, intervention names from our dictionary)
# and the independent one in ../shared/tools/perf/gen_ctgov_csv.py
# (skipped with a message when ../shared is not there).
#
# The tools take turns: each of BENCH_RUNS rounds runs every tool once
# (trialscape on the big file and on BENCH_SMALL trials, then each peer), so on a
# machine whose load changes every tool sees the same spread of it; each
# figure is the median of its rounds, and the load average is printed
# before and after. For each export it prints a table (tool, wall and CPU
# seconds, MB/s, peak RSS, trialscape's time over the tool's: at most 1.0
# means trialscape is as fast or faster), where trialscape's time goes
# (`run -v` of the median round: the critical path), and the time per
# trial at BENCH_SMALL and at BENCH_TRIALS.
#
# Then the other readers: a whole run on the JSON form of the same small
# trials beside the CSV's; the readers alone (ingest only,
# bench/read_bench.c) on the CSV and JSON forms, at the small and big size
# (MB/s of wall time and of the reading thread's CPU time, peak RSS); the
# two JSON parsers Debian packages, libyajl and json-c, on a 12k-study
# download (bench/json_parsers.c); and a callgrind profile of a 10k-trial
# run (instructions per stage).
#
# Environment: BENCH_DIR (scratch, default build/bench), BENCH_TRIALS
# (default 1000000), BENCH_SMALL (default 100000: the size the time per
# trial is compared at, and the other readers' size), BENCH_RUNS (default
# 3), BENCH_PEERS (default
# "duckdb pandas wc"; empty to time trialscape alone), BENCH_GENERATORS
# (default "ours independent"), BENCH_JSON_BIG (default 1; 0 reads JSON
# at the small size only: the big download is 3.4 GB), BENCH_PROFILE
# (default 1; 0 skips the callgrind profile), BENCH_TS (the binary timed,
# default ./trialscape).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-$top/build/bench}
big=${BENCH_TRIALS:-1000000}
small_n=${BENCH_SMALL:-100000}
runs=${BENCH_RUNS:-3}
peers=${BENCH_PEERS-duckdb pandas wc}
generators=${BENCH_GENERATORS:-ours independent}
ts=${BENCH_TS:-$top/trialscape}
read_bench=$top/build/bench/read_bench
indep=$top/../shared/tools/perf/gen_ctgov_csv.py
py=/usr/bin/python3
mkdir -p "$dir"

need() { command -v "$1" >/dev/null 2>&1; }
say() { echo "bench: $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# --- tools ---------------------------------------------------------------
if [ ! -f /usr/include/json-c/json.h ]; then
    say "installing libjson-c-dev (the parser comparison)"
    apt-get update -qq && apt-get install -y -qq libjson-c-dev >/dev/null
fi
if [ ! -x /usr/bin/time ] || ! need valgrind || [ ! -x $py ] ||
    { echo "$peers" | grep -q pandas && ! $py -c 'import pandas' 2>/dev/null; }; then
    say "installing time, valgrind, python3-pandas"
    apt-get update -qq && apt-get install -y -qq time valgrind python3 python3-pandas >/dev/null
fi
if echo "$peers" | grep -q duckdb && [ ! -d "$dir/node_modules/@duckdb/node-api" ]; then
    say "installing @duckdb/node-api (npm)"
    (cd "$dir" && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1)
fi
# ES modules resolve packages from the script's own directory.
cp "$top/bench/duckdb_bench.mjs" "$dir/"
cc -O2 -o "$dir/gen_ctgov" "$top/bench/gen_ctgov.c"
cc -O2 -o "$dir/json_parsers" "$top/bench/json_parsers.c" \
    $(pkg-config --cflags --libs yajl json-c)

# --- data ----------------------------------------------------------------
gen() {   # gen GENERATOR N [--json] -> path; deterministic
    case $1 in
    ours) f=$dir/ctg-$2.csv ;;
    independent) f=$dir/indep-$2.csv ;;
    esac
    [ "${3:-}" = --json ] && f=${f%.csv}.json
    if [ ! -s "$f" ]; then
        say "generating $2 trials ($1 generator) ${3:-}"
        case $1 in
        ours) "$dir/gen_ctgov" "$2" "$top/data/substances.tsv" 42 ${3:-} >"$f.tmp" ;;
        independent) $py "$indep" "$2" -o "$f.tmp" --seed 7 ;;
        esac
        mv "$f.tmp" "$f"
    fi
    echo "$f"
}

# once NAME CMD... : one timed run; "wall RSS-KB user sys" appended to
# times.NAME, its stderr kept as err.NAME.ROUND
once() {
    name=$1
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$dir/one.time" "$@" >"$dir/out.$name" \
        2>"$dir/err.$name.$round" ||
        { say "$name failed:"; cat "$dir/err.$name.$round" >&2; exit 1; }
    cat "$dir/one.time" >>"$dir/times.$name"
}

# median NAME -> "wall RSS-KB CPU round" of the run with the median wall time
median() {
    awk '{ print $0, NR }' "$dir/times.$1" | sort -n |
        awk -v n="$runs" 'NR == int((n + 1) / 2) { print $1, $2, $3 + $4, $5 }'
}

summary=$dir/summary.tsv
pertrial=$dir/summary-per-trial.txt
readers=$dir/summary-readers.txt
: >"$summary"
: >"$pertrial"
: >"$readers"
for g in $generators; do
    if [ "$g" = independent ] && [ ! -f "$indep" ]; then
        say "no $indep (../shared): the independent generator's export is skipped"
        continue
    fi
    file=$(gen "$g" "$big")
    small=$(gen "$g" "$small_n")
    mb=$(du -mL "$file" | cut -f1)
    say "$g: warming the page cache ($mb MB)"
    cat "$file" "$small" >/dev/null

    tools="ts-$g ts-small-$g"
    for p in $peers; do tools="$tools $p-$g"; done
    for t in $tools; do : >"$dir/times.$t"; done
    load0=$(load)
    start=$(date -u '+%Y-%m-%d %H:%M')
    round=1
    while [ "$round" -le "$runs" ]; do
        say "$g: round $round of $runs (load average $(load))"
        once "ts-$g" "$ts" run -v -o "$dir/out-$g" "$file"
        once "ts-small-$g" "$ts" run -v -o "$dir/out-small-$g" "$small"
        for p in $peers; do
            case $p in
            wc) once "wc-$g" wc -l "$file" ;;
            pandas) once "pandas-$g" $py "$top/bench/pandas_bench.py" "$file" ;;
            duckdb) once "duckdb-$g" node "$dir/duckdb_bench.mjs" "$file" ;;
            esac
        done
        round=$((round + 1))
    done
    load1=$(load)

    results=$dir/results-$g.tsv
    echo "trialscape run	$(median "ts-$g")" >"$results"
    for p in $peers; do echo "$p	$(median "$p-$g")" >>"$results"; done

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

    set -- $(median "ts-$g")
    ts_time=$1 ts_cpu=$3 ts_round=$4
    echo
    echo "$g generator: $big trials, $mb MB ($(basename "$file")), $start UTC, median of $runs rounds"
    echo "load average (1, 5, 15 min): $load0 before, $load1 after"
    printf '%-16s %8s %8s %8s %12s %s\n' tool "wall s" "CPU s" "MB/s" "peak RSS MB" "trialscape's time / tool's (wall, CPU)"
    awk -F'\t' -v mb="$mb" -v t="$ts_time" -v c="$ts_cpu" -v g="$g" -v sum="$summary" '{
        split($2, a, " "); s = a[1]; rss = a[2] / 1024; cpu = a[3];
        r = ($1 == "trialscape run") ? "-" : sprintf("%.2f  %s", t / s, (cpu > 0 ? sprintf("%.2f", c / cpu) : "-"));
        printf "%-16s %8.2f %8.2f %8.0f %12.0f %s\n", $1, s, cpu, (s > 0 ? mb / s : 0), rss, r
        if ($1 != "trialscape run")
            printf "%s\t%s\t%.2f\t%s\n", g, $1, t / s, (cpu > 0 ? sprintf("%.2f", c / cpu) : "-") >>sum
    }' "$results"

    # The critical path, as trialscape itself reported it in that round.
    grep -E 'info: (read and analysed|wrote tables)' "$dir/err.ts-$g.$ts_round" |
        sed 's/^trialscape: info: /stages: /'

    # Linear cost: time per trial at the small and the big size, wall and CPU
    # (the CPU figure is the steadier one on a busy machine).
    set -- $(median "ts-small-$g")
    awk -v a="$1" -v ac="$3" -v b="$ts_time" -v bc="$ts_cpu" -v n="$big" -v m="$small_n" -v g="$g" -v sum="$pertrial" 'BEGIN {
        pa = a / m * 1e6; pb = b / n * 1e6;
        ca = ac / m * 1e6; cb = bc / n * 1e6;
        line = sprintf("time per trial: %.2f us at %d, %.2f us at %d (difference %.0f%%); CPU %.2f us and %.2f us (%.0f%%)",
            pa, m, pb, n, (pb > pa ? pb - pa : pa - pb) / pa * 100,
            ca, cb, (cb > ca ? cb - ca : ca - cb) / ca * 100)
        print line
        printf "  %-12s %s\n", g, line >>sum }'
    grep -E 'info: (read and analysed|wrote tables)' "$dir/err.ts-small-$g.$4" |
        sed "s/^trialscape: info: /stages at $small_n: /"
    # The part that grows with the input, reading and analysis, per trial
    # (the charts and the rest of the workbook are a fixed cost).
    ra=$(sed -n 's/.*info: read and analysed [0-9]* [a-z]*,\{0,1\}.* in \([0-9.]*\) s.*/\1/p' "$dir/err.ts-small-$g.$4")
    rb=$(sed -n 's/.*info: read and analysed [0-9]* [a-z]*,\{0,1\}.* in \([0-9.]*\) s.*/\1/p' "$dir/err.ts-$g.$ts_round")
    awk -v a="$ra" -v b="$rb" -v n="$big" -v m="$small_n" -v g="$g" -v sum="$pertrial" 'BEGIN {
        if (a + 0 <= 0 || b + 0 <= 0) {
            print "bench: no \"read and analysed\" time in run -v" > "/dev/stderr"
            exit 1
        }
        pa = a / m * 1e6; pb = b / n * 1e6;
        line = sprintf("reading and analysis per trial: %.2f us at %d, %.2f us at %d (difference %.0f%%)",
            pa, m, pb, n, (pb > pa ? pb - pa : pa - pb) / pa * 100)
        print line
        printf "  %-12s %s\n", g, line >>sum }'
done

# The other readers on the same small set of trials: a whole run, beside
# the CSV's.
echo
echo "trialscape run on the same $small_n trials as CSV and JSON (every output, median of $runs):"
for f in $(gen ours "$small_n") $(gen ours "$small_n" --json); do
    cat "$f" >/dev/null
    : >"$dir/times.reader"
    round=1
    while [ "$round" -le "$runs" ]; do
        once reader "$ts" run -q -o "$dir/out-reader" "$f"
        round=$((round + 1))
    done
    mb=$(du -mL "$f" | cut -f1)
    fmt=$(grep -o '"format": "[^"]*"' "$dir/out-reader/manifest.json" | head -1 | cut -d'"' -f4)
    median reader | awk -v f="$fmt" -v mb="$mb" -v m="$small_n" '{
        printf "  %-14s %6d MB %7.2f s %7.2f CPU s %7.0f MB/s %6.2f us/trial\n",
            f, mb, $1, $3, mb / $1, $1 / m * 1e6 }'
done

# The readers alone: the same trials as CSV and as JSON.
echo
printf '%-14s %9s %8s %8s %9s %8s %10s %8s\n' reader trials MB "wall s" "MB/s" "CPU s" "MB/CPU s" "RSS MB"
sizes="$small_n"
[ "${BENCH_JSON_BIG:-1}" != 0 ] && [ "$big" != "$small_n" ] && sizes="$sizes $big"
for n in $sizes; do
    for form in csv json; do
        if [ "$form" = json ]; then f=$(gen ours "$n" --json); else f=$(gen ours "$n"); fi
        cat "$f" >/dev/null
        /usr/bin/time -f "%M" -o "$dir/one.time" "$read_bench" "$f" >"$dir/read.out"
        awk -F'\t' -v rss="$(cat "$dir/one.time")" -v sum="$readers" '{
            printf "%-14s %9s %8.0f %8.2f %9.0f %8.2f %10.0f %8.1f\n",
                $1, $2, $3, $4, $5, $6, $7, rss / 1024
            printf "  %-14s %9s trials: %5.0f MB per CPU s (one core), %5.0f MB/s wall\n",
                $1, $2, $7, $5 >>sum }' "$dir/read.out"
    done
done

# The JSON parsers Debian packages, on a 12k-study download (41 MB):
# libyajl's events (what ingest/ctgov_json.c uses) against json-c, which
# builds the whole array in memory (it cannot stream one array's
# elements), and json-c fed one study a line (its best case, not possible
# for a pretty-printed file).
echo
f=$(gen ours 12000 --json)
for p in yajl json-c json-c-lines; do
    /usr/bin/time -f "%M" -o "$dir/one.time" "$dir/json_parsers" "$p" "$f" >"$dir/parse.out"
    awk -F'\t' -v rss="$(cat "$dir/one.time")" '{
        printf "parser %-13s %s wall, %s, %s, peak RSS %.1f MB\n", $1, $2, $4, $5, rss / 1024 }' "$dir/parse.out"
done

# Where the time goes: instructions per function for a 10k-trial run.
# (valgrind hides the SHA extensions, so the portable SHA-256 shows here;
# natively it costs about a fifth of that.)
if [ "${BENCH_PROFILE:-1}" != 0 ]; then
    tiny=$(gen ours 10000)
    echo
    say "callgrind profile of a 10k-trial run"
    valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out" \
        "$ts" run -q --no-charts -o "$dir/out-10k" "$tiny" 2>/dev/null
    callgrind_annotate --inclusive=yes "$dir/callgrind.out" 2>/dev/null |
        grep -E 'PROGRAM TOTALS|csvin_run|ingest_file|landscape_add|classify_trial|rules_match|trials_write_row|fill_trials_sheet|xlsx_trials_line|sheetrows_|xlsx_close|workbook_close|report_close|sha256_update|render_charts' |
        head -24
    echo "full profile: callgrind_annotate $dir/callgrind.out"
fi

# The answers the issue asks for, together: trialscape's time over each
# peer's, the time per trial at both sizes, the readers' throughput.
echo
echo "summary ($(date -u '+%Y-%m-%d %H:%M') UTC, load average $(load)):"
if [ -s "$summary" ]; then
    echo "trialscape's time over each tool's (wall, CPU; at most 1.0: as fast or faster):"
    awk -F'\t' '{ printf "  %-12s %-8s %s  %s\n", $1, $2, $3, $4 }' "$summary"
fi
if [ -s "$pertrial" ]; then
    echo "time per trial (goal: within 15 %):"
    cat "$pertrial"
fi
echo "readers' throughput (ingest alone):"
cat "$readers"
[ -s "$dir/summary-xml.txt" ] && cat "$dir/summary-xml.txt"
true
