#!/bin/sh
# Installs the Debian packages a make target needs, only those that are
# missing. Used by `make run`, `make check` and the other targets; each
# names the profiles it needs.
#
# The lists come from what the code includes, links and runs (dpkg -S on
# every header and library, apt-cache depends on each -dev package, since
# apt-get runs with --no-install-recommends), not from memory; `make
# check-fresh` proves them on a bare Debian root. README.md lists them.
#
# Usage: scripts/install-deps.sh PROFILE...
#   build  compile and link ./trialscape
#   run    build + render the figures (make run)
#   check  run + unit, end-to-end and real-export tests (make check,
#          check-san and check-tsan: gcc's sanitizer runtimes come with gcc)
#   fuzz   check + clang and libFuzzer (make fuzz, make fuzz-regress)
#   render check + LibreOffice, to print the workbook (make check-render)
#   valgrind  make valgrind
#   --list    print the packages of the profiles instead of installing them
set -eu

# build: the C library's headers (stdio.h: libc6-dev, which gcc only
# recommends), pkg-config for the libraries' flags, libcsv, expat (the
# WHO ICTRP XML reader), libxlsxwriter and zlib (libxlsxwriter's
# pkg-config Libs name -lz, and report/zipspeed.c includes its minizip
# header, which includes zlib.h; report/xlsxzip.c deflates and inflates
# with zlib); ISA-L (libisal-dev: report/sheetrows.c deflates the Trials
# sheet with its igzip); libyajl for the ClinicalTrials.gov JSON reader
# (ingest/ctgov_json.c).
pkgs_build="libc6-dev make pkg-config libcsv-dev libexpat1-dev libxlsxwriter-dev zlib1g-dev libisal-dev libyajl-dev"
# run: gnuplot renders PNG, SVG and PDF with cairo; the figures are set in
# DejaVu Sans.
pkgs_run="gnuplot-nox fonts-dejavu-core"
# check: cmocka for the unit tests; python3 with openpyxl reads workbooks
# back in end-to-end tests and computes the real exports' expected tallies;
# poppler-utils (pdfinfo, pdftotext -bbox) measures the figures' size and
# text in points; wamerican's word list is what scripts/gen-drugs.py leaves
# everyday words out by (the real-export tests regenerate the dictionary).
pkgs_check="libcmocka-dev python3 python3-openpyxl poppler-utils wamerican"
# render: LibreOffice Calc without its GUI prints the workbook to PDF;
# pdftoppm (poppler-utils) rasterizes pages and figures.
pkgs_render="libreoffice-calc-nogui"
pkgs_fuzz="clang libclang-rt-14-dev"
pkgs_valgrind="valgrind"

list=""
print=0
for profile in "$@"; do
    case $profile in
    build) list="$list $pkgs_build" ;;
    run) list="$list $pkgs_build $pkgs_run" ;;
    check) list="$list $pkgs_build $pkgs_run $pkgs_check" ;;
    fuzz) list="$list $pkgs_build $pkgs_run $pkgs_check $pkgs_fuzz" ;;
    valgrind) list="$list $pkgs_build $pkgs_run $pkgs_valgrind" ;;
    render) list="$list $pkgs_build $pkgs_run $pkgs_check $pkgs_render" ;;
    --list) print=1 ;;
    *)
        echo "install-deps.sh: unknown profile '$profile' (build, run, check, fuzz, valgrind, render)" >&2
        exit 2
        ;;
    esac
done
[ -n "$list" ] || list="$pkgs_build"

need=""
for p in $list; do
    case " $need " in *" $p "*) ;; *) need="$need $p" ;; esac
done
if [ $print -eq 1 ]; then
    echo $need
    exit 0
fi

missing=""
for p in $need; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "trialscape: installing missing packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "trialscape: need root (or sudo) to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
    echo "trialscape: apt-get update failed: is the Debian mirror reachable?" >&2
    exit 1
fi
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
    echo "trialscape: could not install:$missing" >&2
    exit 1
fi
