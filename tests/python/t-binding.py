#!/usr/bin/env python3
"""The Python module against the program: every command called through
``nessgen`` (ctypes over ng_cli_run) returns what ``nessgen COMMAND ...
--format json`` prints (parsed), fails with the same exit status and message,
and its balls convert to mpmath intervals that contain the value.

Usage: t-binding.py PATH/TO/nessgen
(the module from PYTHONPATH; the library from $NESSGEN_LIBRARY or where the
module was installed).  Arguments are cheap (well under a second each)."""
import json
import os
import re
import subprocess
import sys
import tempfile
from fractions import Fraction

import mpmath
from mpmath.libmp import to_rational
import nessgen

NG = os.path.abspath(sys.argv[1])
passed = failed = 0


def cli(*args, cwd=None):
    p = subprocess.run([NG] + [str(a) for a in args], capture_output=True, text=True, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def report(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s%s" % (what, ("\n  " + detail) if detail else ""))


def same_document(call, args):
    """call() against `nessgen ARGS --format json`."""
    what = "nessgen " + " ".join(map(str, args))
    status, out, err = cli(*args, "--format", "json")
    if status != 0:
        return report(False, what, "the program failed: " + err)
    try:
        got = call()
    except nessgen.NessgenError as e:
        return report(False, what, "the module raised: %s" % e)
    report(got == json.loads(out), what + " (same document)")


def same_failure(call, args, status_wanted, json_doc=False):
    """call() raises NessgenError with the program's status and stderr."""
    what = "nessgen " + " ".join(map(str, args))
    status, out, err = cli(*args)
    if status != status_wanted:
        return report(False, what, "the program exited %d, expected %d" % (status, status_wanted))
    try:
        call()
    except nessgen.NessgenError as e:
        ok = e.status == status and e.message == err
        if json_doc:
            ok = ok and e.document == json.loads(out)
        return report(ok, what + " (same failure)",
                      "status %d vs %d, message %r vs %r" % (e.status, status, e.message, err))
    report(False, what, "the module raised nothing")


def ends(I):
    """The endpoints of an mpmath interval as exact fractions."""
    return tuple(Fraction(*to_rational(e)) for e in I._mpi_)


def no_timings(text):
    return re.sub(r"[0-9.]+ s\b", "# s", text)


def main():
    tmp = tempfile.mkdtemp()

    same_document(lambda: nessgen.kernel(N=2), ["kernel", "--N", 2])
    same_document(lambda: nessgen.table("p0l1"), ["table", "p0l1"])
    same_document(lambda: nessgen.two_spin(), ["two-spin"])
    same_document(lambda: nessgen.rho0(N=4, theta="pi/3"), ["rho0", "--N", 4, "--theta", "pi/3"])
    same_document(lambda: nessgen.rho0(preset="xxz", N=3, Delta=Fraction(1, 2), prec=64),
                  ["rho0", "--preset", "xxz", "--N", 3, "--Delta", "1/2", "--prec", 64])
    same_document(lambda: nessgen.ness(N=3, lambda_=[0.01, 0.02]),
                  ["ness", "--N", 3, "--lambda", "0.01,0.02"])
    same_document(lambda: nessgen.ness("sweep", N=3), ["ness", "sweep", "--N", 3])
    same_document(lambda: nessgen.series(order=2, N=3, lambda_=Fraction(1, 100)),
                  ["series", "--order", 2, "--N", 3, "--lambda", "1/100"])
    same_document(lambda: nessgen.hierarchy(N=6), ["hierarchy", "--N", 6])
    same_document(lambda: nessgen.verify(), ["verify"])

    # check reads a CSV file: the program's own ness output, consistent ...
    csv = os.path.join(tmp, "ness.csv")
    with open(csv, "w") as f:
        f.write(cli("ness", "--N", 3, "--lambda", "0.01,0.005", "--format", "csv")[1])
    same_document(lambda: nessgen.check(input=csv, N=3), ["check", "--input", csv, "--N", 3])
    # ... and made inconsistent: exit 1, the comparison still written
    bad = os.path.join(tmp, "bad.csv")
    with open(bad, "w") as f:
        f.write("lambda,site,t\n0.01,1,0.9\n0.01,2,0.5\n0.01,3,0.1\n")
    same_failure(lambda: nessgen.check(input=bad, N=3),
                 ["check", "--input", bad, "--N", 3, "--format", "json"], 1, json_doc=True)

    # text-only outputs come back as text
    status, out, _ = cli("hierarchy", "compare", "--N", 6)
    report(status == 0 and nessgen.hierarchy("compare", N=6) == out,
           "nessgen hierarchy compare --N 6 (same Markdown)")
    same_text = nessgen.rho0(N=3, format="latex") == cli("rho0", "--N", 3, "--format", "latex")[1]
    report(same_text, "nessgen rho0 --N 3 --format latex (same text)")

    # figure writes files: the same files from the same relative --out
    for d in ("cli", "py"):
        os.mkdir(os.path.join(tmp, d))
    status, out, _ = cli("figure", 4, "--out", "figs", cwd=os.path.join(tmp, "cli"))
    here = os.getcwd()
    os.chdir(os.path.join(tmp, "py"))
    try:
        text = nessgen.figure(4, out="figs")
    finally:
        os.chdir(here)
    same = status == 0 and no_timings(text) == no_timings(out)
    for name in ("fig4.csv", "fig4.tex", "fig4.gp"):
        with open(os.path.join(tmp, "cli", "figs", name), "rb") as a, \
                open(os.path.join(tmp, "py", "figs", name), "rb") as b:
            same = same and a.read() == b.read()
    report(same, "nessgen figure 4 --out figs (same report and files)")

    # failures: status and message as the program's
    same_failure(lambda: nessgen.rho0(N=0), ["rho0", "--N", 0], 2)
    same_failure(lambda: nessgen.command("frobnicate"), ["frobnicate"], 2)
    same_failure(lambda: nessgen.kernel(bogus=1), ["kernel", "--bogus", 1], 2)
    # theta = pi/2, N = 4: degenerate levels, the series' degenerate path
    same_document(lambda: nessgen.series(order=1, N=4, theta="pi/2"),
                  ["series", "--order", 1, "--N", 4, "--theta", "pi/2"])
    report(nessgen.library_version() == cli("--version")[1].split()[-1], "library_version")
    # a parse abandoned inside a cluster of short options ("-qz": unknown q)
    # must not leak into the next call in the same process
    same_failure(lambda: nessgen.command("kernel", "-qz"), ["kernel", "-qz"], 2)
    same_document(lambda: nessgen.kernel(N=3), ["kernel", "--N", 3])

    # balls as intervals, two ways: a 15-digit ball contains the 40-digit one,
    # and for an exact model (examples/xxz_boundary_fields.json: rational
    # throughout, exact route) the ball's interval contains the exact t
    t15 = nessgen.rho0(N=4, theta="pi/3")["sites"]
    t40 = nessgen.rho0(N=4, theta="pi/3", digits=40)["sites"]
    for a, b in zip(t15, t40):
        A, B = ends(nessgen.interval(a["t"])), ends(nessgen.interval(b["t"]))
        report(A[0] <= B[0] <= B[1] <= A[1] and B[1] - B[0] < Fraction(1, 10**35),
               "site %d: the 40-digit ball of t lies in the 15-digit one" % a["site"],
               "%s vs %s" % (A, B))
    model = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                         "xxz_boundary_fields.json")
    exact = nessgen.rho0(model=model, N=3)
    report(exact["exact"] is True, "the model file gives exact values")
    for s in exact["sites"]:
        q = Fraction(s["t"]["exact"])
        lo, hi = ends(nessgen.interval({"mid": s["t"]["mid"], "rad": s["t"]["rad"]}))
        report(lo <= q <= hi and lo < hi,
               "site %d: the ball's interval contains the exact t = %s" % (s["site"], q),
               "[%s, %s]" % (lo, hi))
        lo, hi = ends(nessgen.interval(s["t"]))  # the exact value is used when given
        report(lo <= q <= hi and hi - lo < Fraction(1, 2**100),
               "site %d: the interval of the exact t" % s["site"])
    converted = nessgen.intervals(exact)
    report(isinstance(converted["sites"][0]["t"], type(mpmath.iv.mpf(1))),
           "intervals() converts the balls of a document")

    print("t-binding: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
