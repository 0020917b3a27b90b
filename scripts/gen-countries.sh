#!/bin/sh
# Writes analyze/country_table.inc, the country table built into the
# program, from data/countries.tsv (its only source: edit the TSV, then
# run this script). The program also reads the data folder's
# countries.tsv at run time, so a user's added lines work without a
# rebuild; tests/unit/test_country.c checks the two agree.
# Usage: scripts/gen-countries.sh [data/countries.tsv] [analyze/country_table.inc]
set -eu
in=${1:-data/countries.tsv}
out=${2:-analyze/country_table.inc}
tmp=$out.tmp
awk -F '\t' '
BEGIN {
    print "/* Generated from data/countries.tsv by scripts/gen-countries.sh:"
    print " * do not edit; edit the TSV and run the script. */"
}
/^#/ || /^[ \t]*$/ { next }
!header { header = 1; next }
{
    v = $2
    gsub(/\\/, "\\\\", $1); gsub(/"/, "\\\"", $1)
    gsub(/\\/, "\\\\", v); gsub(/"/, "\\\"", v)
    if (v == "-")
        printf "{\"%s\", NULL},\n", $1
    else
        printf "{\"%s\", \"%s\"},\n", $1, v
}' "$in" >"$tmp"
mv "$tmp" "$out"
