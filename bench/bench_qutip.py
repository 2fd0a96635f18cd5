#!/usr/bin/env python3
"""nessgen ness against qutip.steadystate on the same model, side by side.

The tilted Ising chain at the paper's parameters (theta = pi/4, lambda = 0.01
by default), built in QuTiP by examples/qutip_crosscheck.py.  For each N: the
wall time of qutip.steadystate (default direct sparse LU) and its residual
||L rho||, the wall time of the whole `nessgen ness` process and its residual,
and the digits of t_l of both: against the certified series where it is
accurate to 1e-16, else against nessgen (whose claimed digits are shown).
One run each.  Prints a Markdown table
for bench/RESULTS.md.

    /usr/bin/python3 bench/bench_qutip.py --nessgen build/gen/nessgen --N 4,5,6

Needs QuTiP (Debian python3-qutip); skips cleanly without it.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nessgen", default=os.path.join("build", "gen", "nessgen"))
    ap.add_argument("--N", default="4,5,6")
    ap.add_argument("--lambda", dest="lam", type=float, default=0.01)
    args = ap.parse_args()
    try:
        import numpy as np
        import qutip as qt
    except ImportError:
        print("bench_qutip: QuTiP is not installed (Debian python3-qutip); skipped.")
        return 0
    from qutip_crosscheck import build_liouvillian

    print(f"QuTiP {qt.__version__}, tilted Ising theta = pi/4, lambda = {args.lam:g}\n")
    print("| N | λ | QuTiP steadystate | QuTiP ‖Lρ‖ | QuTiP digits | nessgen ness (process) "
          "| nessgen ‖Lρ‖ | nessgen digits (claimed) | reference |")
    print("|---|---|---|---|---|---|---|---|---|")
    for N in [int(x) for x in args.N.split(",")]:
        L, Zs = build_liouvillian(qt, N, math.pi / 4, args.lam)
        t0 = time.time()
        rho = qt.steadystate(L)
        tq = time.time() - t0
        # Qobj.norm() of a super-ket is not the 2-norm here (it printed 0): use numpy
        rq = float(np.linalg.norm(L.data @ qt.operator_to_vector(rho).full()))
        tqs = [-qt.expect(Z, rho) for Z in Zs]
        t0 = time.time()
        out = subprocess.run([args.nessgen, "ness", "--N", str(N), "--lambda", repr(args.lam),
                              "--format", "json"], capture_output=True, text=True, check=True)
        tn = time.time() - t0
        doc = json.loads(out.stdout)
        tns = [s["t"] for s in doc["sites"]]
        # Digits against the certified series rho0 + lambda rho1 + lambda^2 rho2 where
        # its truncation is below 1e-16 (series' own estimate), else against nessgen
        # itself (whose claimed digits are then the only evidence).
        ser = json.loads(subprocess.run(
            [args.nessgen, "series", "--N", str(N), "--order", "2", "--digits", "16",
             "--lambda", repr(args.lam), "--format", "json"],
            capture_output=True, text=True, check=True).stdout)
        lmax = ser["truncation"]["lambda_max"]
        if lmax is not None and args.lam <= lmax:
            ref = [float(x["t"]["mid"]) for x in ser["sum"]["sites"]]
            refname = "certified series to λ², truncation ≤ 1e-16"
        else:
            ref = tns
            refname = "nessgen (series not accurate at this λ)"

        def digits(ts):
            err = max(abs(a - b) for a, b in zip(ts, ref))
            return "≥ 15" if err < 1e-15 else f"{-math.log10(err):.1f}"

        print(f"| {N} | {args.lam:g} | {tq:.2f} s | {rq:.1e} | {digits(tqs)} | {tn:.2f} s "
              f"| {doc['honesty']['residual']:.1e} | "
              f"{digits(tns) if ref is not tns else '—'} ({doc['honesty']['trusted_digits']}) "
              f"| {refname} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
