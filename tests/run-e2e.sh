#!/bin/sh
# End-to-end tests of the command line. Each tests/e2e/NNN-name/ holds:
#   cmd              shell commands; $TS is the trialscape binary, the
#                    working directory is a scratch copy of the case
#   expected.exit    the exit status of cmd
#   expected.stderr  (optional) exact standard error
#   expected.stdout  (optional) exact standard output
#   check            (optional) more assertions, run with sh -e (the first
#                    failing command fails the case) after cmd in the same
#                    directory with $TS set; must exit 0
# A cmd that exits 77 (and was not expected to) is a skip; it says why.
# Usage: tests/run-e2e.sh ./trialscape [CASE...]
set -u
bin=$1
shift
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(pwd)
outroot=$top/tests/out/e2e
pass=0
fail=0
skip=0

cases=$*
[ -n "$cases" ] || cases=$(ls tests/e2e)
rm -rf "$outroot"
mkdir -p "$outroot"
for name in $cases; do
    src=$top/tests/e2e/$name
    work=$outroot/$name
    cp -R "$src" "$work"
    (
        cd "$work" || exit 99
        TS=$bin TOP=$top sh ./cmd >actual.stdout 2>actual.stderr
        echo $? >actual.exit
    )
    ok=1
    why=""
    want=$(cat "$src/expected.exit")
    got=$(cat "$work/actual.exit")
    if [ "$got" = 77 ] && [ "$want" != 77 ]; then
        echo "e2e: SKIP $name: $(head -n 1 "$work/actual.stdout")"
        skip=$((skip + 1))
        continue
    fi
    if [ "$want" != "$got" ]; then
        ok=0
        why="exit $got, expected $want"
    fi
    for s in stderr stdout; do
        if [ $ok -eq 1 ] && [ -f "$src/expected.$s" ] &&
            ! diff -u "$src/expected.$s" "$work/actual.$s" >"$work/$s.diff"; then
            ok=0
            why="$s differs"
        fi
    done
    if [ $ok -eq 1 ] && [ -f "$src/check" ]; then
        if ! (cd "$work" && TS=$bin TOP=$top sh -e ./check >check.out 2>&1); then
            ok=0
            why="check failed"
        fi
    fi
    if [ $ok -eq 1 ]; then
        echo "e2e: ok $name"
        pass=$((pass + 1))
    else
        echo "e2e: FAIL $name: $why"
        for f in stderr.diff stdout.diff check.out; do
            [ -s "$work/$f" ] && sed 's/^/    /' "$work/$f"
        done
        [ "$why" = "${why#exit}" ] || sed 's/^/    stderr: /' "$work/actual.stderr"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
