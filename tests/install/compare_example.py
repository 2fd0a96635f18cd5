#!/usr/bin/env python3
"""Compares what an example of examples/c printed with the document of the
installed program: `NAME_l = mid +/- rad` lines must overlap the program's
ball sites[l-1][NAME] (two enclosures of one number, so they intersect; both
radii below 1e-12, so the test means something), `NAME = p/q` lines must equal
the program's exact value.  "Eq. 150 lhs/rhs" are compared with eq150.

Usage: compare_example.py EXAMPLE_OUTPUT PROGRAM_JSON [KEY]
(KEY: where the sites are, a dotted path, e.g. "results.0" for the sum of
series; default the top level)."""
import json
import re
import sys
from fractions import Fraction

out_file, json_file = sys.argv[1], sys.argv[2]
doc = json.load(open(json_file))
if len(sys.argv) > 3:
    for k in sys.argv[3].split("."):
        doc = doc[int(k)] if k.isdigit() else doc[k]
passed = failed = 0


def expected(name):
    m = re.fullmatch(r"(t|T)_(\d+)", name)
    if m:
        return doc["sites"][int(m.group(2)) - 1][m.group(1)]
    m = re.fullmatch(r"Eq\. 150 (lhs|rhs)", name)
    if m:
        return doc["eq150"][m.group(1)]
    return None


def agrees(text, want):
    if "+/-" in text:
        mid, rad = (Fraction(x.strip()) for x in text.split("+/-"))
        wmid, wrad = Fraction(want["mid"]), Fraction(want["rad"])
        return abs(mid - wmid) <= rad + wrad and max(rad, wrad) < Fraction(1, 10**12)
    return "exact" in want and Fraction(text.strip()) == Fraction(want["exact"])


for line in open(out_file):
    if " = " not in line:
        continue
    name, text = (s.strip() for s in line.split(" = ", 1))
    want = expected(name)
    if want is None:
        continue
    if agrees(text, want):
        passed += 1
    else:
        failed += 1
        print("FAIL: %s: %s = %s, the program says %s" % (out_file, name, text, want))
if passed + failed == 0:
    print("FAIL: %s: no value compared" % out_file)
    failed += 1
print("%s: %d values agree, %d differ" % (out_file, passed, failed))
sys.exit(1 if failed else 0)
