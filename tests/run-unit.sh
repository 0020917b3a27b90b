#!/bin/sh
# Runs each cmocka unit-test binary given as an argument, shows its output,
# and adds up its test cases from cmocka's summary lines ("[  PASSED  ] N
# test(s)." and "[  FAILED  ] N test(s)"). A binary that dies before its
# summary (crash, sanitizer abort) or exits non-zero with no failed case
# (e.g. a leak report) counts as one failure. Ends with "N passed, N failed"
# and exits non-zero if anything failed.
# Usage: tests/run-unit.sh build/tests/test_common build/tests/test_ingest ...
set -u
pass=0
fail=0
skip=0

# cmocka's standard output format is the one parsed below.
CMOCKA_MESSAGE_OUTPUT=stdout
export CMOCKA_MESSAGE_OUTPUT

# The last number cmocka printed after the given tag, or nothing.
count() {
    printf '%s\n' "$2" |
        sed -n "s/^\[  $1 *\] \([0-9][0-9]*\) test(s).*/\1/p" | tail -n 1
}

if [ "$#" -eq 0 ]; then
    echo "usage: tests/run-unit.sh TEST_BINARY..." >&2
    exit 2
fi

for bin in "$@"; do
    name=${bin##*/}
    if [ ! -x "$bin" ]; then
        echo "unit: FAIL $name: $bin is not an executable"
        fail=$((fail + 1))
        continue
    fi
    echo "unit: $name"
    output=$("$bin" 2>&1)
    rc=$?
    printf '%s\n' "$output"
    p=$(count PASSED "$output")
    f=$(count FAILED "$output")
    s=$(count SKIPPED "$output")
    if [ -z "$p" ]; then
        echo "unit: FAIL $name: no cmocka summary (exit status $rc)"
        fail=$((fail + 1))
        continue
    fi
    f=${f:-0}
    s=${s:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "unit: FAIL $name: exit status $rc with no failed test case"
        f=1
    fi
    pass=$((pass + p))
    fail=$((fail + f))
    skip=$((skip + s))
done
if [ "$skip" -gt 0 ]; then
    echo "unit: $skip test case(s) skipped"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
