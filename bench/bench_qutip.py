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
  * else a higher-precision solve (--hp-reference): iterative refinement from
    I/2^N whose residuals L rho are evaluated with the exact model in
    50-digit mpmath arithmetic (operators as flip masks times diagonals, built
    from sin, cos and tanh at that precision), corrections from a sparse LU of
    the double-precision bordered Liouvillian (scipy splu), until the
    correction is below 1e-17.  Its digits are then those of the exact model,
    not of the model rounded to doubles.

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

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))


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


# ---- the higher-precision reference (exact model, mpmath) -----------------

def hp_operators(mp, N, lam, h=1, TL="3/2", TR="1/2", c=1, d=1):
    """The operators of examples/qutip_crosscheck.py, exact to mp.dps digits, as
    {xmask: list of n complex coefficients} (A|s> = sum f(s)|s ^ x>); bit l of
    s set = spin l down (sigma^z = -1), site 0 the least significant bit."""
    n = 1 << N
    ct, st = mp.cos(mp.pi / 4), mp.sin(mp.pi / 4)
    tL, tR = mp.tanh(h / mp.mpf(mp.fraction(*map(int, TL.split("/"))))), \
        mp.tanh(h / mp.mpf(mp.fraction(*map(int, TR.split("/")))))

    def z(s, l):
        return -1 if (s >> l) & 1 else 1

    def op(terms):
        """terms: list of (coef, {site: letter}) with letters 'x', 'z', '+', '-'."""
        A = {}
        for coef, letters in terms:
            x = 0
            for l, a in letters.items():
                if a in "x+-":
                    x |= 1 << l
            f = A.setdefault(x, [mp.mpc(0)] * n)
            for s in range(n):
                v = mp.mpc(coef)
                for l, a in letters.items():
                    up = not (s >> l) & 1
                    if a == "z":
                        v *= z(s, l)
                    elif a == "+" and up:  # sigma^+ |up> = 0
                        v = 0
                    elif a == "-" and not up:  # sigma^- |down> = 0
                        v = 0
                f[s] += v
        return A

    t1 = []
    for l in range(N - 1):
        t1 += [(ct * ct, {l: "z", l + 1: "z"}), (-ct * st, {l: "x", l + 1: "z"}),
               (-ct * st, {l: "z", l + 1: "x"}), (st * st, {l: "x", l + 1: "x"})]
    baths = [(0, tL), (N - 1, tR)]
    for e, t in baths:
        t1 += [(-ct * t * ct, {e: "z"}), (ct * t * st, {e: "x"})]
    H = op([(h, {l: "z"}) for l in range(N)] + [(lam * cf, s) for cf, s in t1])
    D = []
    for e, t in baths:
        X = op([(ct, {e: "z"}), (-st, {e: "x"})])
        # sigma^+ = |up><down|: from a down state (bit set) to up; as a flip with f(s) = 1
        # on down states; sigma^- the reverse.
        S = op([(d * ct / 2, {e: "z"}), (c * (1 - t) * (-st) / 2, {e: "+"}),
                (c * (1 + t) * (-st) / 2, {e: "-"})])
        D.append((X, S))
    return H, D


def hp_apply(mp, np, A, rho, left):
    """A rho (left) or rho A (right) for rho an n x n object array."""
    n = rho.shape[0]
    out = np.empty((n, n), dtype=object)
    out[:] = mp.mpc(0)
    idx = np.arange(n)
    for x, f in A.items():
        fa = np.array(f, dtype=object)
        if left:  # (A rho)[s ^ x, j] += f(s) rho[s, j]
            out[idx ^ x, :] += fa[:, None] * rho
        else:  # (rho A)[i, t] = rho[i, t ^ x] f(t)
            out += rho[:, idx ^ x] * fa[None, :]
    return out


def hp_dagger(mp, A, n):
    """A^dagger in the same representation: (A^dag)|t> = sum conj f(t ^ x) |t ^ x>."""
    B = {}
    for x, f in A.items():
        B[x] = [mp.conj(f[t ^ x]) for t in range(n)]
    return B


def hp_liouvillian(mp, np, H, D, lam, rho):
    """L rho = -i[H, rho] + lam^2 sum (-X S rho + S rho X - rho S^dag X + X rho S^dag)."""
    n = rho.shape[0]
    out = -1j * (hp_apply(mp, np, H, rho, True) - hp_apply(mp, np, H, rho, False))
    l2 = mp.mpf(lam) ** 2
    for X, S in D:
        Sd = hp_dagger(mp, S, n)
        Srho = hp_apply(mp, np, S, rho, True)
        Xrho = hp_apply(mp, np, X, rho, True)
        acc = -hp_apply(mp, np, X, Srho, True) + hp_apply(mp, np, X, Srho, False)
        acc += -hp_apply(mp, np, X, hp_apply(mp, np, Sd, rho, False), False)
        acc += hp_apply(mp, np, Sd, Xrho, False)
        out = out + l2 * acc
    return out


def hp_reference(N, lam):
    """t_l of the exact model's NESS at lam to about 1e-17."""
    import mpmath as mp
    import numpy as np
    import scipy.sparse as sp
    import scipy.sparse.linalg as spl
    mp.mp.dps = 50
    n = 1 << N
    H, D = hp_operators(mp, N, mp.mpf(lam))
    # the double bordered Liouvillian, column k = vec index i + n j (column-major)
    Hd = {x: np.array([complex(v) for v in f]) for x, f in H.items()}
    Dd = [({x: np.array([complex(v) for v in f]) for x, f in X.items()},
           {x: np.array([complex(v) for v in f]) for x, f in S.items()}) for X, S in D]

    def mat(A, left):
        """superoperator of rho -> A rho (left) or rho A (right), sparse."""
        rows, cols, vals = [], [], []
        idx = np.arange(n)
        for x, f in A.items():
            for j in range(n):
                if left:  # (A rho)[s^x, j] += f(s) rho[s, j]
                    rows.append((idx ^ x) + n * j)
                    cols.append(idx + n * j)
                    vals.append(f)
                else:  # (rho A)[i, t] = rho[i, t ^ x] f(t), t = j
                    rows.append(idx + n * j)
                    cols.append(idx + n * (j ^ x))
                    vals.append(np.full(n, f[j]))
        return sp.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                             shape=(n * n, n * n))

    def dag(A):
        return {x: np.conj(f[np.arange(n) ^ x]) for x, f in A.items()}

    Ld = -1j * (mat(Hd, True) - mat(Hd, False))
    for X, S in Dd:
        Sd = dag(S)
        Ld = Ld + lam * lam * (-mat(X, True) @ mat(S, True) + mat(X, False) @ mat(S, True)
                               - mat(X, False) @ mat(Sd, False) + mat(Sd, False) @ mat(X, True))
    diag = np.arange(n) * (n + 1)
    # A rho = L rho + Tr(rho)/n * Id: rows diag, columns diag
    B = sp.csc_matrix((np.full(n * n, 1.0 / n), (np.repeat(diag, n), np.tile(diag, n))),
                      shape=(n * n, n * n))
    lu = spl.splu((Ld + B).tocsc())
    rho = np.empty((n, n), dtype=object)
    rho[:] = mp.mpc(0)
    for i in range(n):
        rho[i, i] = mp.mpf(1) / n
    for it in range(8):
        r = -hp_liouvillian(mp, np, H, D, lam, rho)
        tr = sum(rho[i, i] for i in range(n))
        for i in range(n):
            r[i, i] += (1 - tr) / n
        rv = np.array([complex(v) for v in r.flatten(order="F")])
        dx = lu.solve(rv).reshape((n, n), order="F")
        for i in range(n):
            for j in range(n):
                rho[i, j] += mp.mpc(dx[i, j])
        if np.abs(dx).max() < 1e-19:
            break
    t = [-sum((-1 if (s >> l) & 1 else 1) * rho[s, s].real for s in range(n)) for l in range(N)]
    return [float(x) for x in t], it + 1


def hp_selftest(exe, N=3, lam=0.01):
    """The reference against nessgen ness on a small chain (both ~1e-13)."""
    ref, its = hp_reference(N, lam)
    doc, _, _ = run_nessgen(exe, N, lam)
    return max(abs(a - s["t"]) for a, s in zip(ref, doc["sites"])), its


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nessgen", default=os.path.join("build", "gen", "nessgen"))
    ap.add_argument("--N", default="4,5,6")
    ap.add_argument("--lambda", dest="lam", default="0.01")
    ap.add_argument("--cache", help="JSON file keeping QuTiP's results across runs")
    ap.add_argument("--qutip-only", action="store_true", help="fill the cache, print nothing")
    ap.add_argument("--hp-reference", action="store_true",
                    help="where the series is no reference, refine in 50-digit arithmetic")
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
    lams = [float(x) for x in args.lam.split(",")]
    if not args.qutip_only:
        print(f"QuTiP {qt.__version__}, tilted Ising theta = pi/4\n")
        print("| N | λ | QuTiP wall / CPU | QuTiP ‖Lρ‖ | QuTiP warnings | QuTiP digits "
              "| nessgen wall / CPU | nessgen ‖Lρ‖ | nessgen digits (claimed) | reference |")
        print("|---|---|---|---|---|---|---|---|---|---|")
    for N in Ns:
        for lam in lams:
            key = f"{N},{lam!r}"
            if key not in cache:
                cache[key] = run_qutip(qt, np, N, lam)
                if args.cache:
                    with open(args.cache, "w") as f:
                        json.dump(cache, f, indent=1)
            if args.qutip_only:
                continue
            q = cache[key]
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
                ref, its = hp_reference(N, lam)
                refname = f"50-digit refinement of the exact model ({its} steps)"
            else:
                ref = tns
                refname = "nessgen (series not accurate at this λ)"

            def digits(ts):
                err = max(abs(a - b) for a, b in zip(ts, ref))
                return "≥ 16" if err < 1e-16 else f"{-math.log10(err):.1f}"

            warn = "; ".join(q["warnings"]) if q["warnings"] else "none"
            print(f"| {N} | {lam:g} | {q['wall']:.1f} s / {q['cpu']:.1f} s | {q['residual']:.1e} "
                  f"| {warn} | {digits(q['t'])} | {tn:.2f} s / {cn:.2f} s "
                  f"| {doc['honesty']['residual']:.1e} | "
                  f"{digits(tns) if ref is not tns else '—'} ({doc['honesty']['trusted_digits']}) "
                  f"| {refname} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
