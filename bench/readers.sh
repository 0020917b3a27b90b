#!/bin/sh
# Readers' throughput (make bench, before the peer comparison): generates a
# deterministic WHO ICTRP-like XML export (bench/gen_ictrp_xml.c) and times
# the ingest stage alone on it (bench/read_bench.c: every record read,
# cleaned and reshaped, nothing else), as CPU time of the reading thread,
# so the figure is one core's whatever else the machine runs. Median of
# BENCH_RUNS (3) runs. Then the whole `trialscape run` on the same file,
# for scale (wall and CPU time: on a busy machine the wall time says more
# about the others than about trialscape).
#
# Environment: BENCH_DIR (scratch, default build/bench), BENCH_XML_TRIALS
# (default 100000: about 305 MB, a few seconds of one core, so a shared
# machine is not held up), BENCH_RUNS.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-$top/build/bench}
n=${BENCH_XML_TRIALS:-100000}
runs=${BENCH_RUNS:-3}
reader=$top/build/bench/read_bench
mkdir -p "$dir"
say() { echo "bench: $*" >&2; }

cc -O2 -o "$dir/gen_ictrp_xml" "$top/bench/gen_ictrp_xml.c"
xml=$dir/ictrp-$n.xml
if [ ! -s "$xml" ]; then
    say "generating an ICTRP XML export of $n trials"
    "$dir/gen_ictrp_xml" "$n" 42 >"$xml.tmp"
    mv "$xml.tmp" "$xml"
fi
mb=$(du -m "$xml" | cut -f1)
cat "$xml" >/dev/null

: >"$dir/xml.runs"
i=0
while [ "$i" -lt "$runs" ]; do
    "$reader" "$xml" >>"$dir/xml.runs"
    i=$((i + 1))
done
# FORMAT RECORDS MB WALL MB/S CPU MB/CPU-S (tabs): the median by speed.
line=$(sort -t'	' -k7 -n "$dir/xml.runs" | awk -v r="$runs" 'NR == int((r + 1) / 2)')
echo
echo "XML reader (ictrp-xml), $n trials, $mb MB, median of $runs:"
echo "$line" | awk -F'\t' '{ printf "  %s records, %.2f CPU s, %s MB/s on one core (target: 100)\n", $2, $6, $7 }'
echo "$line" | awk -F'\t' '{ printf "  %-14s %9s trials: %5.0f MB per CPU s (one core), %5.0f MB/s wall\n", $1, $2, $7, $5 }' >"$dir/summary-xml.txt"
mbps=$(echo "$line" | cut -f7)
/usr/bin/time -f "%e %U %S %M" -o "$dir/xml.run.time" \
    "$top/trialscape" run -q --no-charts -o "$dir/out-xml" "$xml"
awk -v mb="$mb" '{ printf "  trialscape run on it (all outputs, no charts): %.2f s wall, %.2f CPU s (%.0f MB per CPU s), peak RSS %.0f MB\n", $1, $2 + $3, mb / ($2 + $3), $4 / 1024 }' "$dir/xml.run.time"
if [ "${mbps%.*}" -lt 100 ]; then
    say "the XML reader is under 100 MB/s on this machine ($mbps)"
fi
