"""nessgen from Python: a thin ctypes binding over the C library libnessgen.

Every command of the ``nessgen`` program is a function here, and returns the
document the program prints, parsed::

    >>> import nessgen
    >>> doc = nessgen.rho0(N=4, theta="pi/3")   # nessgen rho0 --N 4 --theta pi/3 --format json
    >>> [s["t"] for s in doc["sites"]]           # balls {"mid", "rad", "ball"}
    >>> nessgen.interval(doc["sites"][0]["t"])   # the same ball as an mpmath interval

Keyword arguments are the command's options without the dashes (``N=4`` is
``--N 4``; ``lambda_`` is ``--lambda``, since ``lambda`` is a Python keyword;
``output`` is ``-o``); a list or tuple is joined with commas (``lambda_=[0.1,
0.01]`` is ``--lambda 0.1,0.01``); a value is passed as ``str(value)``, so
``Fraction(1, 3)`` is ``1/3`` and ``0.1`` is the exact decimal 0.1.
Positional arguments follow the command (``nessgen.table("p0l1")``,
``nessgen.ness("sweep", lambda_=0.01)``, ``nessgen.figure(4, out="figs")``).
The format is JSON (parsed into dicts and lists) unless ``format=`` names
another, which returns the text; ``figure`` and ``hierarchy("compare")`` print
text only and return it.

A command that fails raises :class:`NessgenError` with the exit status
(1: a computation that could not be completed, 2: bad usage or input), the
message the program would print on stderr, and the document if the command
wrote one (``verify`` and ``check`` print their table, then exit 1).
Messages of a successful command (warnings; progress on a terminal) are
written to ``sys.stderr``.

The C entry point is ``ng_cli_run`` (nessgen/cli.h): the program's own code
runs in-process, so the documents are the program's, byte for byte.  The
library is found from ``$NESSGEN_LIBRARY`` if set, else where ``meson
install`` put it, else by the loader's search path.
"""
import contextlib
import ctypes
import json
import os
import sys
from fractions import Fraction

__all__ = ["__version__", "NessgenError", "run", "command", "interval", "intervals", "library_version",
           "kernel", "table", "two_spin", "rho0", "ness", "series", "hierarchy", "figure",
           "verify", "check"]


class NessgenError(Exception):
    """A nessgen command exited with a nonzero status.

    status   1 (a computation that could not be completed) or 2 (bad usage
             or input), as the program's exit status
    message  what the program printed on stderr
    output   what it printed on stdout (a failing ``verify``/``check`` still
             prints its table), as text
    document ``output`` parsed when it is JSON, else None
    """

    def __init__(self, status, message, output="", document=None):
        super().__init__(message.strip() or "nessgen exited with status %d" % status)
        self.status = status
        self.message = message
        self.output = output
        self.document = document


def _library_path():
    path = os.environ.get("NESSGEN_LIBRARY")
    if path:
        return path
    try:
        from . import _config
    except ImportError:  # running from the source tree
        _config = None
    if _config is not None and os.path.exists(_config.LIBRARY):
        return _config.LIBRARY
    return "libnessgen.so.0"


def _load():
    lib = ctypes.CDLL(_library_path())
    lib.ng_cli_run.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p),
                               ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
    lib.ng_cli_run.restype = ctypes.c_int
    lib.ng_cli_free.argtypes = [ctypes.c_void_p]
    lib.ng_cli_free.restype = None
    return lib


_lib = _load()


def _take(ptr):
    """The text of a buffer from ng_cli_run, which is then freed."""
    if not ptr.value:
        return ""
    try:
        return ctypes.string_at(ptr.value).decode("utf-8", "surrogateescape")
    finally:
        _lib.ng_cli_free(ptr.value)


def run(*args):
    """Runs ``nessgen ARGS...`` in-process; returns (status, stdout, stderr)."""
    argv = [b"nessgen"] + [os.fsencode(str(a)) for a in args]
    c_argv = (ctypes.c_char_p * (len(argv) + 1))(*argv, None)
    out, err = ctypes.c_void_p(), ctypes.c_void_p()
    status = _lib.ng_cli_run(len(argv), c_argv, ctypes.byref(out), ctypes.byref(err))
    out_text, err_text = _take(out), _take(err)
    if status < 0:
        raise MemoryError("ng_cli_run: no memory for the output buffers")
    return status, out_text, err_text


def library_version():
    """The version of the C library in use (``nessgen --version``)."""
    return run("--version")[1].split()[-1]


__version__ = library_version()


def _option(name):
    if name in ("lambda_", "lam"):
        return "--lambda"
    if name == "output":
        return "-o"
    return "--" + name


def _value(v):
    if isinstance(v, (list, tuple)):
        return ",".join(_value(x) for x in v)
    return str(v)


def _arguments(positional, options):
    args = [str(p) for p in positional]
    for name, value in options.items():
        if value is None:
            continue
        args += [_option(name), _value(value)]
    return args


def command(name, *positional, format="json", **options):
    """Runs the nessgen command NAME with positional arguments and options
    (see the module's help); returns the parsed JSON document, or the text
    when format is not "json" (None: the command's default, text)."""
    args = [name] + _arguments(positional, options)
    if format is not None:
        args += ["--format", format]
    status, out, err = run(*args)
    document = None
    if format == "json" and out:
        try:
            document = json.loads(out)
        except ValueError:
            if status == 0:
                raise
    if status != 0:
        raise NessgenError(status, err, out, document)
    if err:
        sys.stderr.write(err)
    return document if format == "json" else out


def kernel(**options):
    """``nessgen kernel``: the Ker L0 basis and its sectors."""
    return command("kernel", **options)


def table(*positional, **options):
    """``nessgen table p0l1``: coefficient tables of P0 L1 (``table("p0l1")``)."""
    return command("table", *positional, **options)


def two_spin(**options):
    """``nessgen two-spin``: the two-spin theory derived."""
    return command("two-spin", **options)


def rho0(**options):
    """``nessgen rho0``: the zeroth-order NESS, exact or certified."""
    return command("rho0", **options)


def ness(*positional, **options):
    """``nessgen ness [sweep]``: the full-Liouvillian NESS at finite lambda."""
    return command("ness", *positional, **options)


def series(**options):
    """``nessgen series``: the terms rho_0..rho_m and their sum at lambda."""
    return command("series", **options)


def hierarchy(*positional, **options):
    """``nessgen hierarchy [compare]``: the N-spin hierarchy; ``compare``
    returns the Markdown report (text)."""
    if positional == ("compare",) and "format" not in options:
        options["format"] = None
    return command("hierarchy", *positional, **options)


def figure(*numbers, **options):
    """``nessgen figure 4 5 6 --out DIR``: writes the figures, returns the
    program's text report."""
    options.setdefault("format", None)
    return command("figure", *numbers, **options)


def verify(**options):
    """``nessgen verify``: every paper check as a pass/fail table."""
    return command("verify", **options)


def check(**options):
    """``nessgen check --input FILE``: external NESS results (CSV) against the
    weak-coupling series; an inconsistent file raises NessgenError(status=1)
    whose ``document`` holds the comparison."""
    return command("check", **options)


# ------------------------------------------------------------ balls as intervals

def _is_ball(x):
    return isinstance(x, dict) and ("ball" in x or ("mid" in x and "rad" in x))


def _exact_fraction(x):
    if isinstance(x, dict) and isinstance(x.get("exact"), str):
        try:
            return Fraction(x["exact"])
        except ValueError:  # a rational function of free names
            return None
    return None


@contextlib.contextmanager
def _precision(iv, bits):
    """mpmath's interval context has no workprec: set and restore prec."""
    saved = iv.prec
    iv.prec = bits
    try:
        yield
    finally:
        iv.prec = saved


def interval(x, prec=None):
    """The number x of a nessgen JSON document as an mpmath interval
    (``mpmath.iv.mpf``) that contains it: an exact rational {"exact": "p/q"}
    (with or without mid/rad) the tightest interval around p/q at prec, a
    ball {"mid", "rad", "ball"} the interval of Arb's text "ball" (every
    certified digit; [mid - rad, mid + rad] in doubles without it), a JSON
    number (a double) the point.
    prec: working precision in bits (default: mpmath.iv.prec, raised to hold
    every digit the document prints)."""
    import mpmath
    iv = mpmath.iv
    q = _exact_fraction(x)
    if q is not None:
        with _precision(iv, prec or max(iv.prec, 113)):
            return iv.mpf(q.numerator) / q.denominator
    if _is_ball(x) and isinstance(x.get("ball"), str):
        # Arb's text carries every certified digit: "[m +/- r]", "[+/- r]" or "m"
        text = x["ball"].strip("[]")
        mid, _, rad = text.partition("+/-")
        mid, rad = mid.strip() or "0", rad.strip() or "0"
        need = int(3.33 * (len(mid) + 2)) + 16
        with _precision(iv, max(prec or iv.prec, need)):
            r = iv.mpf(rad)
            return iv.mpf(mid) + iv.mpf([-r.b, r.b])
    if _is_ball(x):
        # doubles (schema 0.2: rad is widened so that [mid +- rad] holds the value)
        with _precision(iv, max(prec or iv.prec, 53)):
            r = iv.mpf(float(x["rad"]))
            return iv.mpf(float(x["mid"])) + iv.mpf([-r.b, r.b])
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return iv.mpf(x)
    raise TypeError("not a nessgen number (ball, exact rational or double): %r" % (x,))


def intervals(doc, prec=None):
    """A copy of a nessgen JSON document with every ball and exact rational
    replaced by its mpmath interval (see interval); other values unchanged."""
    if _is_ball(doc) or _exact_fraction(doc) is not None:
        return interval(doc, prec)
    if isinstance(doc, dict):
        return {k: intervals(v, prec) for k, v in doc.items()}
    if isinstance(doc, list):
        return [intervals(v, prec) for v in doc]
    return doc
