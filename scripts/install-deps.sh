#!/bin/sh
# Installs the Debian packages trialscape needs to build, run and test,
# only when they are missing. Used by `make run` and `make check`.
# Usage: scripts/install-deps.sh [build|check|render]
#   render: what `make check-render` needs besides (LibreOffice to print
#   the workbook, poppler's pdftotext/pdftoppm to measure and rasterize)
set -eu

# The figures are laid out for DejaVu Sans, so its metrics must match.
need="libcsv-dev libxlsxwriter-dev pkg-config gnuplot-nox fonts-dejavu-core"
case "${1:-build}" in
check)
    need="$need libcmocka-dev python3 python3-openpyxl clang libclang-rt-14-dev valgrind poppler-utils"
    ;;
render)
    need="$need python3 poppler-utils libreoffice-calc-nogui"
    ;;
esac

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
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
