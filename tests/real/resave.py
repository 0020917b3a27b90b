#!/usr/bin/env python3
"""Re-save a registry CSV export the way a spreadsheet does (issue 12,
item 6), for tests/run-real.sh: the converted copy is written to a scratch
file and removed by the caller, never kept in the repository.

Usage: resave.py MODE IN OUT
  excel-semicolon   ';'-separated, Windows-1252 (characters it lacks become
                    '?', as Excel writes them), CRLF: Excel's "CSV" in
                    locales whose decimal mark is a comma
  unicode-text      tab-separated UTF-16LE with a byte order mark, CRLF,
                    fields quoted only when they hold a tab, quote or
                    newline: Excel's "Unicode Text"
"""
import csv
import sys


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    mode, src, dst = argv[1:]
    is_tsv = src.lower().endswith(".tsv")
    with open(src, encoding="utf-8-sig", newline="") as fh:
        if is_tsv:
            rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        else:
            rows = list(csv.reader(fh))
    if mode == "excel-semicolon":
        out = open(dst, "w", encoding="cp1252", errors="replace", newline="")
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    elif mode == "unicode-text":
        out = open(dst, "w", encoding="utf-16", newline="")
        writer = csv.writer(out, delimiter="\t", lineterminator="\r\n")
    else:
        sys.exit("unknown mode " + mode)
    with out:
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
