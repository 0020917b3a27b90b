#!/bin/sh
# make check-render: prints what a reader gets and checks it.
#   - the bundled example's workbook, printed to PDF by LibreOffice
#     headless: every sheet one page wide (the footer names it) and at most
#     2 pages long;
#   - fig1 at 180 mm: its PDF at most 190 mm wide with no text under 6 pt
#     (pdftotext -bbox: a word's box is 1.16 times the font size for DejaVu
#     Sans), and rendered to PNG at 300 dpi, 2126 px wide.
# The PDFs and PNGs stay in build/render/ to be looked at.
# Usage: scripts/check-render.sh ./trialscape
set -eu
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
out=$(pwd)/build/render
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)

SOURCE_DATE_EPOCH=1700000000 "$bin" run -q -o "$out/example" \
    data/examples/mpnst-ctg-studies.csv

# LibreOffice with a profile of its own, so a running instance or another
# check does not get in the way.
profile=$(mktemp -d "${TMPDIR:-/tmp}/trialscape-lo.XXXXXX")
trap 'rm -rf "$profile"' EXIT INT TERM
soffice -env:UserInstallation=file://"$profile" --headless \
    --convert-to pdf --outdir "$out/example" \
    "$out/example/landscape.xlsx" >"$out/soffice.log" 2>&1 || {
    cat "$out/soffice.log" >&2
    echo "check-render: LibreOffice could not print the workbook" >&2
    exit 1
}
mkdir -p "$out/example/pages"
pdftoppm -r 50 -png "$out/example/landscape.pdf" "$out/example/pages/page"
pdftoppm -r 300 -png -singlefile "$out/example/figures/fig1.pdf" \
    "$out/example/fig1-300dpi"

/usr/bin/python3 - "$out/example" <<'PY'
import os, re, subprocess, sys, zipfile
d = sys.argv[1]
def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout
ok = True
# The workbook: sheets in order, from the workbook itself.
wb = zipfile.ZipFile(os.path.join(d, "landscape.xlsx")).read("xl/workbook.xml").decode()
sheets = [s.replace("&amp;", "&") for s in re.findall(r'<sheet name="([^"]*)"', wb)]
pdf = os.path.join(d, "landscape.pdf")
pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))
per = {s: 0 for s in sheets}
for p in range(1, pages + 1):
    text = run("pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-")
    foot = [l for l in text.splitlines() if re.search(r"Page \d+ of \d+\s*$", l)]
    name = re.sub(r"\s+Page \d+ of \d+\s*$", "", foot[-1]).strip() if foot else "?"
    if name not in per:
        print("check-render: page %d has no sheet footer (%r)" % (p, name))
        ok = False
        continue
    per[name] += 1
print("check-render: workbook printed to %d pages (A4 landscape, one page wide):" % pages)
for s in sheets:
    flag = "" if 1 <= per[s] <= 2 else "   <-- more than 2 pages" if per[s] else "   <-- not printed"
    print("  %-26s %d%s" % (s, per[s], flag))
    ok = ok and 1 <= per[s] <= 2
# fig1: size and the smallest text.
info = run("pdfinfo", os.path.join(d, "figures", "fig1.pdf"))
w, h = (float(x) * 25.4 / 72 for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
xml = run("pdftotext", "-bbox", os.path.join(d, "figures", "fig1.pdf"), "-")
sizes = [(float(b) - float(a)) / 1.16 for a, b in
         re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', xml)]
print("check-render: fig1.pdf %.1f x %.1f mm; %d words, smallest %.2f pt, largest %.2f pt"
      % (w, h, len(sizes), min(sizes), max(sizes)))
ok = ok and w <= 190 and min(sizes) >= 6
png = open(os.path.join(d, "fig1-300dpi.png"), "rb").read(24)
pw = int.from_bytes(png[16:20], "big")
print("check-render: fig1 at 300 dpi: %d px wide (%.1f mm)" % (pw, pw / 300 * 25.4))
ok = ok and abs(pw - 2126) <= 2
sys.exit(0 if ok else 1)
PY
echo "check-render: passed in $(($(date +%s) - start)) s; PDFs and PNGs in build/render/example/"
