#!/usr/bin/env python3
"""A reference NESS of the exact tilted Ising model, independent of nessgen's C
code: iterative refinement with residuals in double-double arithmetic.

The model is built here from its formulas (the same as
examples/qutip_crosscheck.py, Eqs. 104-110): coefficients in 40-digit mpmath
(cos, sin of theta, tanh(h/T)), stored as double-double pairs (hi + lo), the
operators as flip masks times diagonals (A|s> = sum_x f_x(s) |s ^ x>).  The
bordered system

    A rho := L rho + Tr(rho) 1/2^N = 1/2^N,   L = L0 + lam L1 + lam^2 L2,

is solved by refinement: r = b - A rho is evaluated in double-double (every
product of a double-double coefficient and a double-double entry of rho
carries its rounding error: Dekker's product and two-sum, vectorised in
numpy, which never contracts into fma), rho is kept as a double-double, and
each correction solves A delta = r in double precision only approximately:
GMRES (scipy) right-preconditioned by a secular block preconditioner written
here (eigenbasis of H_S = H0 + lam H1; coherences divided by their diagonal
-i w_ab + lam^2 D_ab,ab; populations and near-degenerate coherences solved
as one dense block, the rate equation of Eqs. 45-47).  The fixed point of the
refinement is the solution of the exact system whatever the correction
solver, as long as it contracts; the quality of the corrections only sets the
speed.  So the reference's accuracy rests on the double-double residual and
on the observed contraction: `reference()` returns t_l = -<Z_l> with the size
of the last correction, which bounds the remaining error when the
corrections shrink geometrically (factor q < 1/2: error <= q/(1-q) |delta|).

Costs at N = 7 (n = 128): a few seconds per lambda; N = 8 about a minute.
Checked against `nessgen ness certified` (balls) at N = 3..6
(bench/ness_accuracy.py --check-reference).
"""
import math

import numpy as np

# ---- double-double arithmetic on numpy arrays (real hi, lo pairs) ----------


def _two_sum(a, b):
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _split(a):
    t = 134217729.0 * a  # 2^27 + 1 (Veltkamp)
    hi = t - (t - a)
    return hi, a - hi


def _two_prod(a, b):
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _norm(s, e):
    h = s + e
    return h, e - (h - s)


def dd_add(x, y):
    """(xh, xl) + (yh, yl), real."""
    s, e = _two_sum(x[0], y[0])
    return _norm(s, e + (x[1] + y[1]))


def dd_mul(x, y):
    p, e = _two_prod(x[0], y[0])
    return _norm(p, e + (x[0] * y[1] + x[1] * y[0]))


def dd_neg(x):
    return (-x[0], -x[1])


class CDD:
    """A complex double-double array: real and imaginary parts as dd pairs."""

    def __init__(self, re, im):
        self.re, self.im = re, im

    @staticmethod
    def zeros(shape):
        z = np.zeros(shape)
        return CDD((z, z.copy()), (z.copy(), z.copy()))

    @staticmethod
    def from_complex(hi, lo=None):
        lo = np.zeros_like(hi) if lo is None else lo
        return CDD((hi.real.copy(), lo.real.copy()), (hi.imag.copy(), lo.imag.copy()))

    def __add__(self, o):
        return CDD(dd_add(self.re, o.re), dd_add(self.im, o.im))

    def __sub__(self, o):
        return CDD(dd_add(self.re, dd_neg(o.re)), dd_add(self.im, dd_neg(o.im)))

    def __mul__(self, o):
        """elementwise (broadcasting) complex product"""
        re = dd_add(dd_mul(self.re, o.re), dd_neg(dd_mul(self.im, o.im)))
        im = dd_add(dd_mul(self.re, o.im), dd_mul(self.im, o.re))
        return CDD(re, im)

    def take(self, idx, axis):
        f = lambda a: np.take(a, idx, axis=axis)  # noqa: E731
        return CDD((f(self.re[0]), f(self.re[1])), (f(self.im[0]), f(self.im[1])))

    def reshape(self, *shape):
        f = lambda a: a.reshape(*shape)  # noqa: E731
        return CDD((f(self.re[0]), f(self.re[1])), (f(self.im[0]), f(self.im[1])))

    def hi(self):
        return self.re[0] + 1j * self.im[0]

    def lo(self):
        return self.re[1] + 1j * self.im[1]


# ---- the exact model as flip-mask operators (mpmath coefficients) ----------


def model_operators(mp, N, theta, lam, h=1, TL="3/2", TR="1/2", c=1, d=1):
    """H_S = H0 + lam H1 and per bath (X, S) as {xmask: [n mpc]}; bit l of s set =
    spin l down (sigma^z = -1), site 0 the least significant bit.  theta, TL, TR:
    strings read by mpmath (theta may be 'pi/4', 'pi/2')."""
    n = 1 << N
    th = mp.mpf(eval(theta, {"pi": mp.pi}))  # noqa: S307 -- our own literals
    ct, st = mp.cos(th), mp.sin(th)
    tL = mp.tanh(h / mp.mpf(mp.fraction(*map(int, TL.split("/")))))
    tR = mp.tanh(h / mp.mpf(mp.fraction(*map(int, TR.split("/")))))

    def op(terms):
        """terms: (coef, {site: letter}), letters 'x', 'z', '+', '-'."""
        A = {}
        for coef, letters in terms:
            x = sum(1 << l for l, a in letters.items() if a in "x+-")
            f = A.setdefault(x, [mp.mpc(0)] * n)
            for s in range(n):
                v = mp.mpc(coef)
                for l, a in letters.items():
                    up = not (s >> l) & 1
                    if a == "z":
                        v *= 1 if up else -1
                    elif (a == "+" and up) or (a == "-" and not up):
                        v = 0  # sigma^+|up> = 0, sigma^-|down> = 0
                f[s] += v
        return A

    h1 = []
    for l in range(N - 1):  # H_I: (ct Z - st X) x (ct Z - st X) on each bond
        h1 += [(ct * ct, {l: "z", l + 1: "z"}), (-ct * st, {l: "x", l + 1: "z"}),
               (-ct * st, {l: "z", l + 1: "x"}), (st * st, {l: "x", l + 1: "x"})]
    baths = [(0, tL), (N - 1, tR)]
    for e, t in baths:  # Hbar_SB = Ybar X_nu, Ybar = -ct t
        h1 += [(-ct * t * ct, {e: "z"}), (ct * t * st, {e: "x"})]
    H = op([(h, {l: "z"}) for l in range(N)] + [(lam * cf, s) for cf, s in h1])
    D = []
    for e, t in baths:  # X_nu = ct Z - st X; S_nu of Eq. 13
        X = op([(ct, {e: "z"}), (-st, {e: "x"})])
        S = op([(d * ct / 2, {e: "z"}), (c * (1 - t) * (-st) / 2, {e: "+"}),
                (c * (1 + t) * (-st) / 2, {e: "-"})])
        D.append((X, S))
    return H, D


def compose(mp, A, B, n):
    """A B in the flip-mask form: (AB)|s> = sum_{x,y} f_x(s^y) g_y(s) |s^y^x>."""
    C = {}
    for y, g in B.items():
        for x, f in A.items():
            h = C.setdefault(x ^ y, [mp.mpc(0)] * n)
            for s in range(n):
                h[s] += f[s ^ y] * g[s]
    return C


def dagger(mp, A, n):
    """(A^dag)|t> = sum_x conj f_x(t ^ x) |t ^ x>."""
    return {x: [mp.conj(f[t ^ x]) for t in range(n)] for x, f in A.items()}


def to_dd(A):
    """{x: CDD vector} from mpmath coefficients (hi = nearest double, lo = rest)."""
    out = {}
    for x, f in A.items():
        hr = np.array([float(v.real) for v in f])
        hi_ = np.array([float(v.imag) for v in f])
        lr = np.array([float(v.real - a) for v, a in zip(f, hr)])
        li = np.array([float(v.imag - a) for v, a in zip(f, hi_)])
        out[x] = CDD((hr, lr), (hi_, li))
    return out


def to_dense(A, n):
    """The double-precision n x n matrix of a flip-mask operator."""
    M = np.zeros((n, n), dtype=complex)
    idx = np.arange(n)
    for x, f in A.items():
        M[idx ^ x, idx] += np.array([complex(v) for v in f])
    return M


# ---- L in double-double -------------------------------------------------------


def apply_left(A, rho, n, coef=None):
    """sum_x of (A rho): (A rho)[s ^ x, j] = f(s) rho[s, j]; rho a CDD n x n."""
    idx = np.arange(n)
    out = CDD.zeros((n, n))
    for x, f in A.items():
        g = f if coef is None else f * coef
        out = out + (g.reshape(n, 1) * rho).take(idx ^ x, 0)
    return out


def apply_right(A, rho, n):
    """rho A: (rho A)[i, t] = rho[i, t ^ x] f(t)."""
    idx = np.arange(n)
    out = CDD.zeros((n, n))
    for x, f in A.items():
        out = out + rho.take(idx ^ x, 1) * f.reshape(1, n)
    return out


class Model:
    """The exact model at one lam: operators in double-double and dense double."""

    def __init__(self, N, theta, lam):
        import mpmath as mp
        mp.mp.dps = 40
        self.N, self.n = N, 1 << N
        n = self.n
        lam_mp = mp.mpf(lam)  # lam as the decimal typed (e.g. 1e-2), 40 digits
        H, D = model_operators(mp, N, theta, lam_mp)
        self.H = to_dd(H)
        self.Hd = to_dense(H, n)
        l2 = lam_mp * lam_mp
        self.l2 = CDD((np.array([float(l2)]), np.array([float(l2 - float(l2))])),
                      (np.zeros(1), np.zeros(1)))
        self.D, self.Dd = [], []
        for X, S in D:
            Sd = dagger(mp, S, n)
            XS, SdX = compose(mp, X, S, n), compose(mp, Sd, X, n)
            self.D.append(tuple(to_dd(A) for A in (X, S, Sd, XS, SdX)))
            self.Dd.append(tuple(to_dense(A, n) for A in (X, S, Sd, XS, SdX)))
        self.lam = float(lam_mp)
        self.l2d = float(l2)

    def residual(self, rho):
        """b - A rho in double-double (rho: CDD); returns a CDD."""
        n = self.n
        mi = CDD((np.zeros(1), np.zeros(1)), (np.ones(1) * -1.0, np.zeros(1)))  # -i
        comm = apply_left(self.H, rho, n) - apply_right(self.H, rho, n)
        Lr = comm * mi
        acc = CDD.zeros((n, n))
        for X, S, Sd, XS, SdX in self.D:  # -XS rho + S rho X - rho S^dag X + X rho S^dag
            acc = acc - apply_left(XS, rho, n) + apply_right(X, apply_left(S, rho, n), n)
            acc = acc - apply_right(SdX, rho, n) + apply_right(Sd, apply_left(X, rho, n), n)
        Lr = Lr + acc * self.l2
        idx = np.arange(n)
        tr = (math.fsum(np.concatenate([rho.re[0][idx, idx], rho.re[1][idx, idx]])),
              math.fsum(np.concatenate([rho.im[0][idx, idx], rho.im[1][idx, idx]])))
        # b - Lrho - Tr(rho)/n I on the diagonal: (1 - Tr rho)/n
        r = CDD.zeros((n, n)) - Lr
        dre = dd_add((r.re[0][idx, idx], r.re[1][idx, idx]),
                     (np.full(n, (1.0 - tr[0]) / n), np.zeros(n)))
        dim = dd_add((r.im[0][idx, idx], r.im[1][idx, idx]), (np.full(n, -tr[1] / n), np.zeros(n)))
        r.re[0][idx, idx], r.re[1][idx, idx] = dre
        r.im[0][idx, idx], r.im[1][idx, idx] = dim
        return r

    def apply_a(self, rho):
        """A rho in double precision (dense products)."""
        H = self.Hd
        out = -1j * (H @ rho - rho @ H)
        for X, S, Sd, XS, SdX in self.Dd:
            out += self.l2d * (-XS @ rho + S @ rho @ X - rho @ SdX + X @ rho @ Sd)
        out[np.diag_indices(self.n)] += np.trace(rho) / self.n
        return out


class SecularPreconditioner:
    """Approximate inverse of A in the eigenbasis of H_S: the diagonal
    -i w_ab + lam^2 D_ab,ab on fast coherences, an exact dense block (with the
    trace border) on populations and the 2n - n coherences of smallest |w|
    below tau = 20 lam^2 ||L2||."""

    def __init__(self, m):
        import scipy.linalg as sla
        n = m.n
        E, U = np.linalg.eigh(m.Hd)
        self.U = U
        w = E[:, None] - E[None, :]
        T = [tuple(U.conj().T @ A @ U for A in ops) for ops in m.Dd]
        diag = np.zeros((n, n), dtype=complex)
        for X, S, Sd, XS, SdX in T:
            diag += (-np.diag(XS)[:, None] + np.outer(np.diag(S), np.diag(X))
                     - np.diag(SdX)[None, :] + np.outer(np.diag(X), np.diag(Sd)))
        self.den = -1j * w + m.l2d * diag
        norm2 = sum(4 * np.abs(X).sum(0).max() * np.abs(S).sum(0).max() for X, S, *_ in m.Dd)
        tau = 20 * m.l2d * norm2
        aw = np.abs(w).ravel()
        aw[np.arange(n) * (n + 1)] = -1.0  # populations first
        order = np.argsort(aw, kind="stable")
        ns = int(min(2 * n, np.count_nonzero(aw < tau)))
        ns = max(ns, n)
        sl = order[:ns]
        self.slow = sl
        a, b = sl // n, sl % n  # row-major ravel: pair (a, b)
        K = np.zeros((ns, ns), dtype=complex)
        c, d = a[None, :], b[None, :]
        a_, b_ = a[:, None], b[:, None]
        for X, S, Sd, XS, SdX in T:
            K += (-XS[a_, c] * (d == b_) + S[a_, c] * X[d, b_]
                  - (a_ == c) * SdX[d, b_] + X[a_, c] * Sd[d, b_])
        K *= m.l2d
        K += np.diag(-1j * w[a, b])
        K += np.outer(a == b, a == b) / n  # the trace border
        self.lu = sla.lu_factor(K)
        self.n = n

    def apply(self, v):
        import scipy.linalg as sla
        n, U = self.n, self.U
        vt = (U.conj().T @ v @ U).ravel()
        x = vt / self.den.ravel()
        x[self.slow] = sla.lu_solve(self.lu, vt[self.slow])
        return U @ x.reshape(n, n) @ U.conj().T


def correction(m, P, r, tol=1e-10):
    """delta with A delta ~ r (double; GMRES right-preconditioned by P)."""
    import scipy.sparse.linalg as spl
    n = m.n
    shape = (n * n, n * n)
    AP = spl.LinearOperator(shape, matvec=lambda v: m.apply_a(P.apply(v.reshape(n, n))).ravel(),
                            dtype=complex)
    kw = {"restart": 40, "maxiter": 20, "atol": 0.0}
    try:
        y, _ = spl.gmres(AP, r.ravel(), rtol=tol, **kw)
    except TypeError:  # scipy < 1.12
        y, _ = spl.gmres(AP, r.ravel(), tol=tol, **kw)
    return P.apply(y.reshape(n, n))


def reference(N, theta, lam, steps=8, log=None):
    """t_l of the exact model's NESS and the last correction's size (max over
    entries of |delta rho|, the t_l's error bound when the corrections
    contract); also the contraction factors seen."""
    m = Model(N, theta, lam)
    P = SecularPreconditioner(m)
    n = m.n
    b = np.eye(n, dtype=complex) / n
    rho = CDD.from_complex(P.apply(b))
    sizes = []
    for _ in range(steps):
        r = m.residual(rho)
        delta = correction(m, P, r.hi())
        rho = rho + CDD.from_complex(delta)
        sizes.append(float(np.abs(delta).max()))
        if log:
            log(f"  N={N} theta={theta} lam={lam}: |r| {np.abs(r.hi()).max():.2e}, "
                f"|delta| {sizes[-1]:.2e}")
        if sizes[-1] < 1e-22 or (len(sizes) > 2 and sizes[-1] > 0.5 * sizes[-2]):
            break
    idx = np.arange(n)
    t = []
    for l in range(N):
        z = np.where((idx >> l) & 1, 1.0, -1.0)  # -sigma^z_l
        t.append(math.fsum(np.concatenate([z * rho.re[0][idx, idx], z * rho.re[1][idx, idx]])))
    q = [b / a for a, b in zip(sizes, sizes[1:]) if a > 0]
    return t, sizes[-1], q
