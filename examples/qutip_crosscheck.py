#!/usr/bin/env python3
"""Cross-check a QuTiP NESS solver against nessgen's weak-coupling limit.

Builds the tilted Ising chain of the paper in QuTiP -- H0 = h sum_l Z_l,
H1 = H_I + Hbar_SB, the dissipators D_nu rho = -[X_nu, S_nu rho] -
[rho S_nu^dag, X_nu] (Eq. 7 with S_nu of Eq. 13) -- solves
L = L0 + lambda L1 + lambda^2 L2 with qutip.steadystate for a few lambda,
writes t_l = -<Z_l> as CSV (columns lambda,site,t) and hands it to nessgen's
Python module:

    nessgen.check(input=FILE, N=n, theta=...)   # = nessgen check --input FILE ...

which compares every point with rho0 + lambda rho1 of nessgen's certified
N-spin engine and returns the verdict (NessgenError with status 1 if
inconsistent).  It also prints, per lambda and site, QuTiP's t_l next to
nessgen.series(order=2, lambda_=...), the certified t_0 + lambda t_1 +
lambda^2 t_2 as an mpmath interval.

Usage:
    python3 examples/qutip_crosscheck.py [--N 4] [--theta-over-pi 1/4]
        [--lambdas 0.05,0.02,0.01,0.005] [--csv qutip_results.csv]

Needs the nessgen module (installed by `meson install`; from a build tree:
PYTHONPATH=python NESSGEN_LIBRARY=build/libnessgen.so) and, for the solver,
QuTiP (Debian: apt-get install python3-qutip; run with /usr/bin/python3).
Without QuTiP it prints nessgen's weak-coupling predictions alone and exits 0.
Not part of the test suite.
"""
import argparse
import math
import sys
import time
from fractions import Fraction


def build_liouvillian(qt, N, theta, lam, h=1.0, TL=1.5, TR=0.5, c=1.0, d=1.0):
    """L = L0 + lam L1 + lam^2 L2 for the tilted Ising preset (Eqs. 104-110)."""
    I2, X, Y, Z = qt.qeye(2), qt.sigmax(), qt.sigmay(), qt.sigmaz()
    sp, sm = qt.sigmap(), qt.sigmam()  # (X + iY)/2, (X - iY)/2

    def site(op, l):  # op on spin l (0-based)
        return qt.tensor([op if k == l else I2 for k in range(N)])

    ct, st = math.cos(theta), math.sin(theta)
    tL, tR = math.tanh(h / TL), math.tanh(h / TR)
    H0 = sum(h * site(Z, l) for l in range(N))
    HI = 0
    for l in range(N - 1):
        HI += (ct * ct * site(Z, l) * site(Z, l + 1)
               - ct * st * (site(X, l) * site(Z, l + 1) + site(Z, l) * site(X, l + 1))
               + st * st * site(X, l) * site(X, l + 1))
    # X_nu = sigma^z' = cos(theta) Z - sin(theta) X on the edge spin; Ybar_nu = -cos(theta) t_nu
    baths = [(0, tL), (N - 1, tR)]
    Hbar = sum(-ct * t * (ct * site(Z, e) - st * site(X, e)) for e, t in baths)
    L = -1j * (qt.spre(H0) - qt.spost(H0))
    H1 = HI + Hbar
    L += lam * (-1j) * (qt.spre(H1) - qt.spost(H1))
    for e, t in baths:
        xz, xx = ct, -st
        Xn = xz * site(Z, e) + xx * site(X, e)
        # S = (1/2)[d x^z Z + c(1-t)(x^x - i x^y) sigma^+ + c(1+t)(x^x + i x^y) sigma^-]
        S = 0.5 * (d * xz * site(Z, e) + c * (1 - t) * xx * site(sp, e)
                   + c * (1 + t) * xx * site(sm, e))
        Sd = S.dag()
        # D rho = -X S rho + S rho X - rho S^dag X + X rho S^dag
        D = (-qt.spre(Xn * S) + qt.spre(S) * qt.spost(Xn)
             - qt.spost(Sd * Xn) + qt.spre(Xn) * qt.spost(Sd))
        L += lam * lam * D
    return L, [site(Z, l) for l in range(N)]


def predictions(nessgen, N, theta, lambdas):
    """nessgen's certified t_l(lambda) through second order, as intervals."""
    return {lam: [nessgen.interval(site["t"]) for site in
                  nessgen.series(order=2, N=N, theta=theta, lambda_=lam)["results"][0]["sites"]]
            for lam in lambdas}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--N", type=int, default=4)
    ap.add_argument("--theta-over-pi", default="1/4", help="theta / pi as a fraction")
    ap.add_argument("--lambdas", default="0.05,0.02,0.01,0.005")
    ap.add_argument("--csv", default="qutip_results.csv")
    args = ap.parse_args()
    try:
        import nessgen
    except (ImportError, OSError) as e:
        print(f"qutip_crosscheck: the nessgen module cannot be loaded ({e}); install it "
              "with meson install, or from a build tree set PYTHONPATH=python and "
              "NESSGEN_LIBRARY=build/libnessgen.so", file=sys.stderr)
        return 2
    frac = Fraction(args.theta_over_pi)
    theta_text = f"pi*{frac.numerator}/{frac.denominator}"
    lambdas = [Fraction(x) for x in args.lambdas.split(",")]
    expected = predictions(nessgen, args.N, theta_text, lambdas)
    try:
        import numpy as np
        import qutip as qt
    except ImportError:
        print("qutip_crosscheck: QuTiP is not installed (Debian: apt-get install "
              "python3-qutip, then run with /usr/bin/python3); nessgen's predictions "
              "alone:")
        for lam, ts in expected.items():
            for l, t in enumerate(ts):
                print(f"  lambda = {lam}, site {l + 1}: t0 + lambda t1 + lambda^2 t2 in {t}")
        return 0
    theta = math.pi * frac
    print(f"QuTiP {qt.__version__}: tilted Ising, N = {args.N}, theta = pi*{frac}, "
          f"lambda = {[str(x) for x in lambdas]}")
    with open(args.csv, "w") as f:
        f.write("# qutip.steadystate of L = L0 + lambda L1 + lambda^2 L2 "
                "(examples/qutip_crosscheck.py)\n")
        f.write("lambda,site,t\n")
        for lam in lambdas:
            L, Zs = build_liouvillian(qt, args.N, theta, float(lam))
            t0 = time.time()
            rho = qt.steadystate(L)
            secs = time.time() - t0
            res = float(np.linalg.norm(L.data @ qt.operator_to_vector(rho).full()))
            print(f"  lambda = {lam}: steadystate {secs:.2f} s, ||L rho|| = {res:.2e}")
            for l, Zl in enumerate(Zs):
                t = -qt.expect(Zl, rho)
                print(f"    site {l + 1}: QuTiP t = {t:.12f}, nessgen t0 + lambda t1 + "
                      f"lambda^2 t2 in {expected[lam][l]}")
                f.write(f"{float(lam)!r},{l + 1},{t!r}\n")
    print(f">>> nessgen.check(input={args.csv!r}, N={args.N}, theta={theta_text!r})")
    try:
        doc = nessgen.check(input=args.csv, N=args.N, theta=theta_text)
    except nessgen.NessgenError as e:
        if e.document is not None:
            print(f"verdict: {e.document['verdict']}: {e.document['reason']}")
        print(e.message, file=sys.stderr, end="")
        return e.status
    print(f"verdict: {doc['verdict']}: {doc['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
