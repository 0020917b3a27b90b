#!/usr/bin/env python3
"""Prints the advance widths of printable ASCII in a TrueType font, in
thousandths of an em, as a C initializer (used for report/plot.c's label
layout). Usage: font-widths.py FONT.ttf"""
import struct, sys

def tables(data):
    n = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        out[tag.decode()] = data[off:off + length]
    return out

def cmap_format4(t):
    n = struct.unpack(">H", t[2:4])[0]
    for i in range(n):
        pid, eid, off = struct.unpack(">HHI", t[4 + 8 * i:12 + 8 * i])
        if pid == 3 and eid == 1 and struct.unpack(">H", t[off:off + 2])[0] == 4:
            s = t[off:]
            seg = struct.unpack(">H", s[6:8])[0] // 2
            ends = struct.unpack(">%dH" % seg, s[14:14 + 2 * seg])
            base = 16 + 2 * seg
            starts = struct.unpack(">%dH" % seg, s[base:base + 2 * seg])
            deltas = struct.unpack(">%dh" % seg, s[base + 2 * seg:base + 4 * seg])
            roff_at = base + 4 * seg
            roffs = struct.unpack(">%dH" % seg, s[roff_at:roff_at + 2 * seg])
            def glyph(c):
                for k in range(seg):
                    if starts[k] <= c <= ends[k]:
                        if roffs[k] == 0:
                            return (c + deltas[k]) & 0xFFFF
                        at = roff_at + 2 * k + roffs[k] + 2 * (c - starts[k])
                        g = struct.unpack(">H", s[at:at + 2])[0]
                        return (g + deltas[k]) & 0xFFFF if g else 0
                return 0
            return glyph
    raise SystemExit("no Unicode BMP cmap")

data = open(sys.argv[1], "rb").read()
t = tables(data)
upem = struct.unpack(">H", t["head"][18:20])[0]
nmetrics = struct.unpack(">H", t["hhea"][34:36])[0]
glyph = cmap_format4(t["cmap"])
def advance(g):
    g = min(g, nmetrics - 1)
    return struct.unpack(">H", t["hmtx"][4 * g:4 * g + 2])[0]
w = [round(1000 * advance(glyph(c)) / upem) for c in range(32, 127)]
for i in range(0, len(w), 12):
    print("    " + ", ".join("%d" % x for x in w[i:i + 12]) + ",")
