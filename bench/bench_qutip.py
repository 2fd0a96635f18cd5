#!/usr/bin/env python3
"""nessgen ness against qutip.steadystate on the same model, side by side.

The tilted Ising chain at the paper's parameters (theta = pi/4, lambda = 0.01
by default), built in QuTiP by examples/qutip_crosscheck.py.  For each N: the
wall time of qutip.steadystate (default direct sparse LU) and its residual
||L rho||, the wall time of the whole `nessgen ness` process and its residual,
and max_l |t_l(QuTiP) - t_l(nessgen)|.  One run each.  Prints a Markdown table
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
    print("| N | QuTiP steadystate | QuTiP ‖Lρ‖ | nessgen ness (process) | nessgen ‖Lρ‖ "
          "| max_l |Δt_l| |")
    print("|---|---|---|---|---|---|")
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
        dt = max(abs(a - b) for a, b in zip(tqs, tns))
        print(f"| {N} | {tq:.2f} s | {rq:.1e} | {tn:.2f} s | {doc['honesty']['residual']:.1e} "
              f"| {dt:.1e} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
