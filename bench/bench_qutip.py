#!/usr/bin/env python3
"""nessgen ness against qutip.steadystate on the same model, side by side.

The tilted Ising chain at the paper's parameters (theta = pi/4), built in
QuTiP by examples/qutip_crosscheck.py.  For each N and lambda: wall and CPU
time of qutip.steadystate (default: direct sparse LU), its residual ||L rho||
and every warning it raised (Python warnings and QuTiP's log records are
recorded); wall and CPU time of the whole `nessgen ness` process, its residual
and claimed digits; and the digits of t_l of both against a reference:

  * the certified series rho0 + lambda rho1 + lambda^2 rho2 (`nessgen series`)
    where its own truncation estimate is below 1e-16 (lambda = 1e-6 at N <= 7);
  * else a higher-precision solve (--hp-reference): bench/ness_reference.py,
    iterative refinement whose residuals L rho of the exact model are
    evaluated in double-double arithmetic (vectorised numpy; coefficients
    from 40-digit mpmath), corrections by GMRES with a secular block
    preconditioner, until the correction stops shrinking (below 1e-22
    typically).  Its digits are those of the exact model, not of the model
    rounded to doubles; it agrees with `nessgen ness certified` to 1e-16 at
    N = 3..6 (bench/ness_accuracy.py --cross-check).

QuTiP's runs take minutes to tens of minutes at N = 7: --cache FILE keeps
them (JSON, keyed by N and lambda) so that the table can be re-made.
Prints a Markdown table for bench/RESULTS.md.

    /usr/bin/python3 bench/bench_qutip.py --nessgen build/gen/nessgen --N 6,7 \\
        --lambda 1e-2,1e-6 --cache qutip_cache.json --hp-reference

Needs QuTiP (Debian python3-qutip, run with /usr/bin/python3); skips cleanly
without it.
"""
import argparse
import json
import logging
import math
import os
import resource
import subprocess
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "examples"))
sys.path.insert(0, HERE)


def run_qutip(qt, np, N, lam):
    """qutip.steadystate with every warning and log record it emits."""
    from qutip_crosscheck import build_liouvillian
    L, Zs = build_liouvillian(qt, N, math.pi / 4, lam)
    records = []

    class Keep(logging.Handler):
        def emit(self, rec):
            records.append(f"log {rec.levelname}: {rec.getMessage()}")

    handler = Keep(level=logging.DEBUG)
    logging.getLogger().addHandler(handler)
    logging.getLogger("qutip").addHandler(handler)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c0, t0 = time.process_time(), time.time()
        rho = qt.steadystate(L)
        wall, cpu = time.time() - t0, time.process_time() - c0
    logging.getLogger().removeHandler(handler)
    logging.getLogger("qutip").removeHandler(handler)
    records += [f"{w.category.__name__}: {w.message}" for w in caught]
    # Qobj.norm() of a super-ket is not the 2-norm here (it printed 0): use numpy
    res = float(np.linalg.norm(L.data @ qt.operator_to_vector(rho).full()))
    return {"t": [float(-qt.expect(Z, rho)) for Z in Zs], "wall": wall, "cpu": cpu,
            "residual": res, "warnings": records, "qutip": qt.__version__}


def run_nessgen(exe, N, lam):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    out = subprocess.run([exe, "ness", "--N", str(N), "--theta", "pi/4", "--lambda", repr(lam),
                          "--format", "json"], capture_output=True, text=True, check=True)
    wall = time.time() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    doc = json.loads(out.stdout)["results"][0]  # JSON 0.2: one result per lambda
    return doc, wall, cpu


def hp_reference(N, lam):
    """t_l of the exact model's NESS (bench/ness_reference.py: double-double
    residuals, refinement until the correction stops shrinking)."""
    import ness_reference
    t, last, q = ness_reference.reference(N, "pi/4", lam)
    return t, last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nessgen", default=os.path.join("build", "gen", "nessgen"))
    ap.add_argument("--N", default="4,5,6")
    ap.add_argument("--lambda", dest="lam", default="0.01")
    ap.add_argument("--cache", help="JSON file keeping QuTiP's results across runs")
    ap.add_argument("--qutip-only", action="store_true", help="fill the cache, print nothing")
    ap.add_argument("--hp-reference", action="store_true",
                    help="where the series is no reference, refine with double-double residuals")
    ap.add_argument("--cached-only", action="store_true",
                    help="QuTiP's columns from the cache only (a run not in it: 'not finished')")
    args = ap.parse_args()
    try:
        import numpy as np
        import qutip as qt
    except ImportError:
        print("bench_qutip: QuTiP is not installed (Debian python3-qutip); skipped.")
        return 0
    cache = {}
    if args.cache and os.path.exists(args.cache):
        with open(args.cache) as f:
            cache = json.load(f)
    Ns = [int(x) for x in args.N.split(",")]
    args.lam_text = args.lam.split(",")
    lams = [float(x) for x in args.lam_text]
    if not args.qutip_only:
        print(f"QuTiP {qt.__version__}, tilted Ising theta = pi/4\n")
        print("| N | λ | QuTiP wall / CPU | QuTiP ‖Lρ‖ | QuTiP warnings | QuTiP digits "
              "| nessgen wall / CPU | nessgen ‖Lρ‖ | nessgen digits (claimed) | reference |")
        print("|---|---|---|---|---|---|---|---|---|---|")
    for N in Ns:
        for lam in lams:
            key = f"{N},{lam!r}"
            if key not in cache and not args.cached_only:
                cache[key] = run_qutip(qt, np, N, lam)
                if args.cache:
                    with open(args.cache, "w") as f:
                        json.dump(cache, f, indent=1)
            if args.qutip_only:
                continue
            q = cache.get(key)
            doc, tn, cn = run_nessgen(args.nessgen, N, lam)
            tns = [s["t"] for s in doc["sites"]]
            ser = json.loads(subprocess.run(
                [args.nessgen, "series", "--N", str(N), "--theta", "pi/4", "--order", "2",
                 "--digits", "16", "--lambda", repr(lam), "--format", "json"],
                capture_output=True, text=True, check=True).stdout)
            lmax = ser["truncation"]["lambda_max"]
            if lmax is not None and lam <= lmax:
                ref = [float(x["t"]["mid"]) for x in ser["results"][0]["sites"]]
                refname = "certified series to λ², truncation ≤ 1e-16"
            elif args.hp_reference:
                ref, last = hp_reference(N, args.lam_text[lams.index(lam)])
                refname = f"double-double refinement of the exact model (last step {last:.0e})"
            else:
                ref = tns
                refname = "nessgen (series not accurate at this λ)"

            def digits(ts):
                err = max(abs(a - b) for a, b in zip(ts, ref))
                return "≥ 16" if err < 1e-16 else f"{-math.log10(err):.1f}"

            if q is None:
                qcols = "not finished | | |"
            else:
                warn = "; ".join(q["warnings"]) if q["warnings"] else "none"
                qcols = (f"{q['wall']:.1f} s / {q['cpu']:.1f} s | {q['residual']:.1e} | {warn} "
                         f"| {digits(q['t'])}")
            print(f"| {N} | {lam:g} | {qcols} | {tn:.2f} s / {cn:.2f} s "
                  f"| {doc['honesty']['residual']:.1e} | "
                  f"{digits(tns) if ref is not tns else '—'} ({doc['honesty']['trusted_digits']}) "
                  f"| {refname} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
