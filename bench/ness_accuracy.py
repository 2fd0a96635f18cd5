#!/usr/bin/env python3
"""Accuracy of `nessgen ness` over a lambda grid, against references, and
whether the digits it claims are honest.

For each theta, N and lambda, build/bench/bench_ness_accuracy gives the
double solver's t_l (17 digits) with their per-value error estimates, the
certified NESS balls (N <= 6) and the certified series partial sum
sum_{m<K} lambda^m t_m with its truncation estimate (the larger of the last
term kept and the next one, |lambda^m t_m| for m = K-1, K).  The
reference for t_l is, in this order:

  C  `ness certified` (balls of radius < 1e-25), N <= 6;
  S  the series, where its truncation estimate is below 1e-11;
  R  bench/ness_reference.py: refinement of the exact model's bordered
     Liouvillian with double-double residuals (independent Python code).

Where two references exist at a point, they are compared (`--cross-check`
also runs R wherever C or S exists).  Prints a Markdown table: per
lambda and N the error max_l |t_l - ref_l| and the smallest number of digits
claimed for a t_l, and then the worst honesty margin
min log10(estimate / error) over all values (>= 0: every claim holds).

    /usr/bin/python3 bench/ness_accuracy.py --N 3,4,5,6,7,8 --theta pi/4,pi/2 \\
        [--lambda 1e-8,3e-8,...] [--order 5] [--cross-check] [--save FILE]
"""
import argparse
import json
import math
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

GRID = "1e-8,3e-8,1e-7,3e-7,1e-6,3e-6,1e-5,3e-5,1e-4,3e-4,1e-3,3e-3,1e-2,3e-2,1e-1"
SERIES_OK = 1e-11
R_LAMBDAS = None  # --r-lambda: the lambdas at which R is run (default all)


def measure(exe, N, theta, grid, order):
    out = subprocess.run([exe, str(N), theta, grid, str(order)], capture_output=True, text=True,
                         check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


REF_CACHE = {}


def hp(N, theta, lam):
    """ness_reference.reference, kept in REF_CACHE (--ref-cache FILE)."""
    import ness_reference
    key = f"{N},{theta},{lam}"
    if key not in REF_CACHE and REF_CACHE.get("_only"):
        return None
    if key not in REF_CACHE:
        REF_CACHE[key] = ness_reference.reference(N, theta, lam)
        if REF_CACHE.get("_file"):
            with open(REF_CACHE["_file"], "w") as f:
                json.dump(REF_CACHE, f)
    return REF_CACHE[key]


def max_diff(a, b):
    return max(abs(x - y) for x, y in zip(a, b))


def choose_reference(d, cross):
    """(name, t_ref, note) and cross-check differences between references."""
    N, lam = d["N"], d["lambda"]
    refs = {}
    if d.get("series") and d["series_truncation"] < SERIES_OK:
        refs["S"] = [m for m, _ in d["series"]]
    if d.get("certified"):
        refs["C"] = [m for m, _ in d["certified"]]
    if (not refs or cross) and (R_LAMBDAS is None or lam in R_LAMBDAS):
        got = hp(N, d["theta"], lam)  # None: not in the cache (--cached-refs-only)
        t, last, q = got if got is not None else (None, 0.0, [])
        if last < 1e-16 and all(x < 0.5 for x in q[-1:]):
            if t is not None:
                refs["R"] = t
        else:
            print(f"  N={N} lambda={lam}: refinement did not settle (last {last:.1e}, q {q})",
                  file=sys.stderr)
    name = next((k for k in "CSR" if k in refs), None)
    checks = {}
    for a in refs:
        for b in refs:
            if a < b:
                checks[a + b] = max_diff(refs[a], refs[b])
    return name, refs.get(name), checks


def analyse(d, cross):
    name, ref, checks = choose_reference(d, cross)
    row = {"N": d["N"], "theta": d["theta"], "lambda": d["lambda"], "ref": name,
           "checks": checks, "status": d["status"]}
    if ref is None or d["t"] is None:
        row["err"] = None
        return row
    errs = [abs(a - b) for a, b in zip(d["t"], ref)]
    row["err"] = max(errs)
    row["claimed"] = min(d["t_digits"])
    row["actual"] = min(math.floor(math.log10(abs(t) / e)) if e > 0 else 16
                        for t, e in zip(d["t"], errs))
    # honesty: every error within its estimate; margin log10(est / err)
    row["margin"] = min(math.log10(est / e) if e > 0 else 99.0
                        for est, e in zip(d["t_err_est"], errs))
    row["trusted"] = d["trusted_digits"]
    return row


def fmt(row):
    if row.get("err") is None:
        return "—" if row["status"] == 0 else f"exit {row['status']}"
    e = row["err"]
    es = "0" if e == 0 else f"{e:.1e}"
    return f"{es} ({row['claimed']}) {row['ref']}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", default=os.path.join("build", "bench", "bench_ness_accuracy"))
    ap.add_argument("--N", default="3,4,5,6")
    ap.add_argument("--theta", default="pi/4,pi/2")
    ap.add_argument("--lambda", dest="lam", default=GRID)
    ap.add_argument("--order", type=int, default=5, help="series terms: partial sum to ORDER-1")
    ap.add_argument("--cross-check", action="store_true",
                    help="also run the double-double refinement where ness certified exists")
    ap.add_argument("--save", help="write the analysed rows as JSON lines")
    ap.add_argument("--load", help="read bench_ness_accuracy JSON lines from files (comma "
                                   "separated) instead of running it")
    ap.add_argument("--refs-from", help="with --load: take the references (series, certified) "
                                        "from these files instead (same order of lines)")
    ap.add_argument("--ref-cache", help="JSON file keeping the R references across runs")
    ap.add_argument("--r-lambda", help="run R only at these lambdas (comma separated)")
    ap.add_argument("--cached-refs-only", action="store_true",
                    help="R only where --ref-cache has it (no new refinements)")
    args = ap.parse_args()
    global R_LAMBDAS
    if args.r_lambda:
        R_LAMBDAS = set(args.r_lambda.split(","))
    if args.ref_cache:
        if os.path.exists(args.ref_cache):
            with open(args.ref_cache) as f:
                REF_CACHE.update(json.load(f))
        REF_CACHE["_file"] = args.ref_cache
    REF_CACHE["_only"] = args.cached_refs_only
    Ns = [int(x) for x in args.N.split(",")]
    thetas = args.theta.split(",")
    data = []
    if args.load:
        for f in args.load.split(","):
            with open(f) as fh:
                data += [json.loads(x) for x in fh if x.strip()]
        if args.refs_from:
            old = []
            for f in args.refs_from.split(","):
                with open(f) as fh:
                    old += [json.loads(x) for x in fh if x.strip()]
            old = {(d["N"], d["theta"], d["lambda"]): d for d in old}
            for d in data:
                o = old[(d["N"], d["theta"], d["lambda"])]
                for k in ("certified", "series", "series_truncation", "series_order"):
                    d[k] = o.get(k)
    else:
        for th in thetas:
            for N in Ns:
                data += measure(args.exe, N, th, args.lam, args.order)
    rows = [analyse(d, args.cross_check) for d in data]
    if args.save:
        with open(args.save, "w") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")
    lams = sorted({r["lambda"] for r in rows}, key=float)
    for th in thetas:
        Ns_here = sorted({r["N"] for r in rows if r["theta"] == th})
        print(f"\ntheta = {th}: max_l |t_l - ref| (fewest digits claimed for a t_l) reference\n")
        print("| λ | " + " | ".join(f"N = {N}" for N in Ns_here) + " |")
        print("|---|" + "---|" * len(Ns_here))
        for lam in lams:
            cells = []
            for N in Ns_here:
                r = [x for x in rows if x["theta"] == th and x["N"] == N and x["lambda"] == lam]
                cells.append(fmt(r[0]) if r else "")
            print(f"| {lam} | " + " | ".join(cells) + " |")
    good = [r for r in rows if r.get("err") is not None]
    if good:
        worst = min(good, key=lambda r: r["margin"])
        worst_err = max(good, key=lambda r: r["err"])
        print(f"\nvalues compared: {sum(r['N'] for r in good)} t_l at {len(good)} points; "
              f"largest error {worst_err['err']:.2e} (N = {worst_err['N']}, theta = "
              f"{worst_err['theta']}, lambda = {worst_err['lambda']}); fewest correct digits "
              f"{min(r['actual'] for r in good)}; fewest claimed {min(r['claimed'] for r in good)}")
        print(f"honesty: worst margin log10(estimate/error) = {worst['margin']:.2f} "
              f"(N = {worst['N']}, theta = {worst['theta']}, lambda = {worst['lambda']}); "
              f"claims above the truth: {sum(1 for r in good if r['margin'] < 0)}")
    checks = {}
    for r in rows:
        for k, v in r["checks"].items():
            if v > checks.get(k, (-1, None))[0]:
                checks[k] = (v, r)
    for k, (v, r) in sorted(checks.items()):
        print(f"references {k[0]} vs {k[1]}: max difference {v:.2e} (N = {r['N']}, theta = "
              f"{r['theta']}, lambda = {r['lambda']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
