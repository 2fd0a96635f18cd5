#!/usr/bin/env bash
# The command line as a user meets it: exit statuses, messages that name the
# bad input, output written whole or not at all, and well-formed JSON/LaTeX.
# Usage: t-cli.sh PATH/TO/nessgen
set -u
ng="$1"
. "$(dirname "$0")/harness.sh"
examples="$(dirname "$0")/../../examples"


expect 0 "^nessgen [0-9]+\.[0-9]+\.[0-9]+" -- --version
expect 0 "kernel" -- --help
expect 0 "table" -- --help
expect 0 "Usage: nessgen kernel" -- kernel --help
expect 0 "Model options" -- table --help
expect 2 "unknown command 'frobnicate'" -- frobnicate
expect 2 "Usage" --
expect 2 "unknown option --bogus" -- kernel --bogus
expect 2 "missing value" -- kernel --N
expect 2 "--N: expected an integer from 1 to 64, got 0" -- kernel --N 0
expect 2 "--N: expected an integer from 1 to 64, got abc" -- kernel --N abc
expect 2 "--N: expected an integer from 1 to 64, got 65" -- kernel --N 65
expect 2 "--N.*3.5" -- kernel --N 3.5
expect 2 "too large.*GiB" -- kernel --N 40
expect 2 "--format: unsupported format csv" -- kernel --format csv
expect 2 "unexpected argument" -- kernel extra
expect 2 "expected the table name 'p0l1'" -- table
expect 2 "expected the table name 'p0l1', got p0l2" -- table p0l2
expect 2 "--theta: column" -- table p0l1 --preset tilted-ising --theta '1+*2'
expect 2 "preset" -- table p0l1 --preset nope
expect 2 "option --theta does not apply to nessgen kernel" -- kernel --theta 1
expect 2 "N" -- table p0l1 --N 1
expect 2 "needs a numeric h" -- table p0l1 --preset tilted-ising --TL 3/2 --TR 1/2
# A number no exact ring holds next to free names is held as a symbol (issue 10).
expect 0 "TL = 3/2 is held as the symbol tL \\(its value: tanh" -- table p0l1 --preset tilted-ising --h 1 --TL 3/2 --TR 1/2
expect 0 "theta = 1 is held as the symbol u_theta \\(its value: tan\\(1/2\\)\\)" -- table p0l1 --preset tilted-ising --theta 1

# Every real number a user types works (issue 10): undecidable rationality
# means balls, never an error; nan/inf are not numbers (exit 2); a rho0 that
# is not unique by the model's zero pattern is exit 1 naming the cause.
expect 0 "^  3 +\\[0\\.7" -- rho0 --N 3 --theta 1
expect 0 "^  2 +\\[" -- rho0 --N 2 --theta pi/7 --TL 0.7 --c "tanh(1/2)"
expect 0 "^  2 +\\[" -- rho0 --N 2 --theta 1e999
expect 0 "lhs t_N - t_1" -- series --N 3 --theta 0.5 --order 1
expect 0 "lambda = 0.01" -- ness --N 3 --theta 1/3 --lambda 0.01
expect 2 "--theta: .*'nan' is not a real number" -- rho0 --theta nan
expect 2 "--TL: .*'inf' is not a real number" -- rho0 --TL -inf
expect 2 "--c: .*'Infinity' is not a real number" -- ness --c Infinity --lambda 0.1
expect 1 "exp\\(1e7\\).*bits of precision" -- rho0 --theta "exp(1e7)"
expect 1 "not unique: neither bath can flip a spin" -- rho0 --N 2 --theta 0
expect 1 "not unique: neither bath can flip a spin" -- rho0 --N 3 --c 0
expect 1 "not unique: neither bath acts" -- rho0 --N 3 --c 0 --d 0
expect 1 "not unique: neither bath can flip a spin" -- series --N 3 --theta 0 --order 1
expect 1 "not unique" -- rho0 --N 2 --theta 0 --tL 1/2 --tR 1/3
# 0.005788816995480 = (t1 - t2)/(tL - tR) from 'rho0 --N 2 --theta 1 --c 1 --d 1
# --tL 1/2 --tR 1/4' (the N-spin engine, another route than two-spin's algebra)
expect 0 "at theta = 1, baths as given \\(certified ball\\): \\[0\\.00578881699548" -- two-spin --theta 1 --c 1 --d 1 --tL 1/2 --tR 1/4
expect 0 "at theta = 1, baths as given: needs values for cL, cR, dL, dR, tL, tR" -- two-spin --theta 1
# The certified route does not depend on the BLAS kernel (Prescott runs on
# every x86-64 CPU; it once ended in 'cannot be certified' here).
OPENBLAS_CORETYPE=Prescott expect 0 "^  1 +\\[0\\.773405262711864" -- rho0 --N 2 --theta pi/2 --digits 15
expect 2 "model" -- table p0l1 --model "$tmp/missing.json"
printf '{"N": 2, "h": 1' >"$tmp/broken.json"
expect 2 "broken.json" -- table p0l1 --model "$tmp/broken.json"

expect 2 "N = 2, got 3" -- two-spin --N 3
expect 2 "c ≥ 0|c >= 0|expected c" -- two-spin --c -1
expect 2 "T > 0" -- two-spin --h 1 --TL -1
expect 0 "gamma = alpha_\+/Dalpha\^z \(Eq. 98\) is" -- two-spin --tL 1/2 --tR 1/2
expect 0 "t1 vs Eq. 111 with K of Eq. 114: agrees" -- two-spin
expect 0 "K at theta = pi/2 \(u_theta = 1\): 0;  as theta -> 0: 1" -- two-spin
expect 0 "flat profile" -- two-spin --theta pi/2 --tL 1/2 --tR 1/3
# Eq. 103's g and rho^A coefficient from the N-spin engine agree with the
# two-spin derivation (Eq. 113: g = 0 when K = 0 at theta = pi/2)
expect 0 "^rhoA coefficient = 0$" -- rho0 --N 2 --theta pi/2 --tL 1/2 --tR 1/3
# ... and at a nontrivial exact point (cos(theta) = 3/5, unequal baths): the
# engine's sector route and the Ker L0 derivation give the same g and rho^A.
tilted="$(dirname "${BASH_SOURCE[0]}")/tilted_3_5.json"
g_engine=$("$ng" rho0 --model "$tilted" | sed -n 's/^g  *= //p; s/^rhoA coefficient = //p' | tr '\n' ' ')
g_derived=$("$ng" two-spin --model "$tilted" | sed -n 's/^  g = //p; s/^  rhoA coefficient = //p' | head -2 | tr '\n' ' ')
[[ -n "$g_engine" && "$g_engine" == "$g_derived" ]] && ok ||
    bad "g, rhoA: engine '$g_engine' vs two-spin '$g_derived'"

expect 2 "--order: expected an integer from 0 to 20, got -1" -- series --N 3 --order -1
expect 2 "--order m is required" -- series --N 3
expect 2 "--lambda: expected a number > 0, got 0" -- series --N 3 --order 1 --lambda 0
expect 2 "option --order does not apply to nessgen rho0" -- rho0 --order 1
expect 2 "N = 24 is too large: rho0 would need about .* GiB" -- rho0 --N 24
expect 0 "degenerate levels \(decided exactly\): Im P1 holds the coherences within each cluster of equal levels, dim Im P1 = 18" -- series --N 4 --order 1 --theta pi/2
# degenerate levels with an irrational H1: an XX chain with alpha = sqrt(2) is
# sqrt(2) times a rational P0 H1 P0, decided exactly from that shape; with
# opposite irrational z edge fields (+-1/sqrt(3): hopping + f (Z_1 - Z_N), equal
# levels for every f) the degeneracy cannot be decided: exit 1, saying so
cat >"$tmp/xxirr.json" <<'JSON'
{"N": 4, "h": 1, "alpha": {"xx": "sqrt(2)", "yy": "sqrt(2)"},
 "baths": {"L": {"X": {"x": 1}, "Ybar": 0, "c": 1, "d": 1, "t": "1/2"},
           "R": {"X": {"x": 1}, "Ybar": 0, "c": 1, "d": 1, "t": "1/4"}}}
JSON
expect 0 "degenerate levels \(decided exactly\): Im P1 holds the coherences within each cluster of equal levels, dim Im P1 = 18" -- series --model "$tmp/xxirr.json" --order 1
expect 0 "degenerate levels \(decided exactly\)" -- series --model "$examples/xx_chain_irrational.json" --N 4 --order 1
cat >"$tmp/xxpm.json" <<'JSON'
{"N": 4, "h": 1, "alpha": {"xx": 1, "yy": 1},
 "baths": {"L": {"X": {"x": 1, "z": 1}, "Ybar": "1/sqrt(3)", "c": 1, "d": 1, "t": "1/2"},
           "R": {"X": {"x": 1, "z": -1}, "Ybar": "1/sqrt(3)", "c": 1, "d": 1, "t": "1/4"}}}
JSON
expect 1 "cannot be separated at [0-9]+ bits, and whether they are exactly degenerate cannot be decided" -- series --model "$tmp/xxpm.json" --order 1
expect 0 "== sum at lambda = 0.01: rho_0 \+ lambda rho_1" -- series --N 3 --order 1 --lambda 0.01
# series JSON: Tr rho_m = 0 for m >= 1 (Eq. 63), and the sum is rho_0 + lambda rho_1 (balls)
"$ng" series --N 3 --order 1 --lambda 1/100 --format json -o "$tmp/s.json" &&
    python3 - "$tmp/s.json" <<'PY' && ok || bad "series JSON"
import json, sys
from decimal import Decimal as D
doc = json.load(open(sys.argv[1]))
assert doc["command"] == "series" and doc["order"] == 1 and len(doc["orders"]) == 2
assert len(doc["results"]) == 1 and doc["results"][0]["lambda"]["value"]["exact"] == "1/100"
b = lambda x: (D(x["mid"]), D(x["rad"]))
for o in doc["orders"]:
    assert [s["site"] for s in o["sites"]] == [1, 2, 3]
    assert (o["m"] == 0) == all(s["T"] is not None for s in o["sites"])
    if o["m"] >= 1:
        m, r = b(o["trace"])
        assert abs(m) <= r, o["trace"]
for l in range(3):
    (m0, r0), (m1, r1) = b(doc["orders"][0]["sites"][l]["t"]), b(doc["orders"][1]["sites"][l]["t"])
    m, r = b(doc["results"][0]["sites"][l]["t"])
    assert abs(m - (m0 + m1 / 100)) <= r + r0 + r1 / 100 + D("1e-15"), l
PY
# degenerate series JSON (theta = pi/2, N = 4): the path taken, dim Im P1 as
# rho0's commutant route finds it, the symmetry note, and the odd orders of t_l
# (balls around 0) next to a nonzero t_2
"$ng" series --N 4 --theta pi/2 --order 3 --format json -o "$tmp/sd.json" &&
    "$ng" rho0 --N 4 --theta pi/2 --format json -o "$tmp/rd.json" &&
    python3 - "$tmp/sd.json" "$tmp/rd.json" <<'PY' && ok || bad "degenerate series JSON"
import json, sys
from decimal import Decimal as D
doc, r0 = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert doc["degenerate"] is True and doc["route"] == "cluster", doc["route"]
assert doc["dim_im_p1"] == r0["dim_im_p1"] == 18, (doc["dim_im_p1"], r0["dim_im_p1"])
assert doc["odd_orders_of_t_vanish"] is True
zero = lambda x: abs(D(x["mid"])) <= D(x["rad"])
for o in doc["orders"]:
    if o["m"] % 2:
        assert all(zero(s["t"]) for s in o["sites"]), o
assert not zero(doc["orders"][2]["sites"][0]["t"])
PY

# LaTeX of rho0 and series (the formats a command accepts are checked at parse
# time: latex where it is listed, exit 2 elsewhere).  The table must say what
# JSON says, cell by cell: an exact model's values as the same fractions, a
# ball as its true value rounded to 15 places (within rad + 1/2 10^-15 of the
# JSON midpoint, with exactly 15 decimals); the header names the command.
expect 2 "--standalone: a whole LaTeX document" -- ness --lambda 0.1 --standalone
expect 2 "--format: unsupported format latex" -- verify --format latex
check_obs_latex() { # check_obs_latex FILE.json FILE.tex
    python3 - "$@" <<'PY'
import json, re, sys
doc, tex = json.load(open(sys.argv[1])), open(sys.argv[2]).read()
lines = tex.splitlines()
assert lines[0].startswith("% Generated by nessgen ") and lines[0].endswith("-- do not edit."), lines[0]
assert lines[1].startswith("% Regenerate with: nessgen " + doc["command"] + " "), lines[1]
assert lines[-1] == "\\end{document}"

def dec(s):  # the ring's decimal form: "1.5e-20" -> "1.5 \cdot 10^{-20}"
    m, _, e = s.partition("e")
    return m if not e else "%s \\cdot 10^{%d}" % (m, int(e))
def frac(q):  # "p/q" -> "\frac{p}{q}", sign in front
    sign, q = ("-", q[1:]) if q.startswith("-") else ("", q)
    p, _, d = q.partition("/")
    return sign + ("\\frac{%s}{%s}" % (p, d) if d else p)
from decimal import Decimal as D
PLACES = 15  # --digits: balls print as the true value rounded to this many places
class Rounded:  # a LaTeX cell that must be the ball's true value, rounded
    def __init__(self, v):
        self.mid, self.rad = D(v["mid"]), D(v["rad"])
    def __eq__(self, cell):  # |x - truth| <= 1/2 10^-PLACES, truth in mid +- rad
        m = re.fullmatch(r"-?\d+\.(\d+)", cell)
        return (m is not None and len(m.group(1)) == PLACES and
                abs(D(cell) - self.mid) <= self.rad + D("0.5e-%d" % PLACES))
    def __repr__(self):
        return "rounded(%s +- %s)" % (self.mid, self.rad)
def want(v, exact):
    return frac(v["exact"]) if exact else Rounded(v)
def has(before, v, exact, after):  # tex holds before + want(v) + after
    if exact:
        return before + frac(v["exact"]) + after in tex
    pat = re.escape(before) + r"(-?\d+\.\d+)" + re.escape(after)
    return any(Rounded(v) == c for c in re.findall(pat, tex))

def tables(tex):  # per tabular: its three blocks of rows, then both sides of Eq. 150
    pat = r"\\begin\{tabular\}\{rll\}\n(.*?)\\end\{tabular\}(.*?)\\end\{align\*\}"
    for body, after in re.findall(pat, tex, re.S):
        t, block = {"sites": [], "bonds": [], "three": []}, None
        for row in body.splitlines():
            if not row.endswith(" \\\\"):
                continue
            cells = [c.strip() for c in row[:-3].split("&")]
            if cells[0] in ("$l$", "$(l,l+1)$"):
                block = "bonds" if cells[0] != "$l$" else "sites" if "t_l" in cells[1] else "three"
                continue
            t[block].append([re.sub(r"^\$(\\displaystyle )?|\$$", "", c) for c in cells])
        t["lhs"] = re.search(r"left-hand side\} &= (.*?), \\\\\n", after).group(1)
        rhs = re.search(r"right-hand side\} &= (.*?)\.\n", after)
        t["rhs"] = rhs.group(1) if rhs else None
        yield t

def check(t, o, exact, with_T):
    n = len(o["sites"])
    assert [r[0] for r in t["sites"]] == [str(l) for l in range(1, n + 1)], t["sites"]
    for r, s in zip(t["sites"], o["sites"]):
        assert r[1] == want(s["t"], exact), (r, s)
        assert r[2] == (want(s["T"], False) if with_T else ""), (r, s)
    assert len(t["bonds"]) == n - 1 and len(t["three"]) == max(n - 2, 0)
    for r, b in zip(t["bonds"], o["bonds"]):
        assert r == ["(%d,%d)" % tuple(b["sites"]), want(b["rhoA"], exact), want(b["rhoB"], exact)], (r, b)
    for r, w in zip(t["three"], o["three_body"]):
        assert r == [str(w["site"]), want(w["zA"], exact), want(w["Az"], exact)], (r, w)
    assert t["lhs"] == want(o["eq150"]["lhs"], exact), (t["lhs"], o["eq150"])
    assert t["rhs"] == (want(o["eq150"]["rhs"], exact) if o["eq150"]["rhs"] else None)

found = list(tables(tex))
if doc["command"] == "rho0":
    exact = doc["exact"]
    assert len(found) == 1
    check(found[0], doc, exact, True)
    assert has("\\operatorname{Tr}\\rho_0 = ", doc["trace"], exact, "$")
    assert ("Route: \\texttt{%s}" % doc["route"]) in tex
    assert ("Degenerate levels." in tex) == doc["degenerate"]
    for lv in doc["degenerate_levels"]:  # a table: M, k, level, multiplicity, e, basis
        m = lv["magnetization"]
        assert has("%s & %d & %d & %d & $\\displaystyle " % (m if m >= 0 else "$%d$" % m,
                   lv["sector"], lv["index"], lv["multiplicity"]), lv["e"], False, "$")
    if doc["min_level_spacing"]:
        assert has("e^{(n)}_{k'}| = ", doc["min_level_spacing"], False, "$")
    if doc["N"] == 2:
        assert has("g &= ", doc["g"], exact, ",")
        assert has("{8} &= ", doc["rhoA_coefficient"], exact, ".")
else:
    orders = doc["orders"] + doc["results"]
    assert len(found) == len(orders), (len(found), len(orders))
    for k, (t, o) in enumerate(zip(found, orders)):
        check(t, o, False, k == 0 or k > doc["order"])
        tr = "\\rho_{%d} = " % o["m"] if "m" in o else "\\rho = "
        assert has("\\operatorname{Tr}" + tr, o["trace"], False, "$"), tr
    for res in doc["results"]:
        if "exact" in res["lambda"]["value"]:
            assert "\\lambda = %s$" % frac(res["lambda"]["value"]["exact"]) in tex
PY
}
obs_latex_case() { # obs_latex_case NAME ARGS...: the same run as JSON and as LaTeX
    local name="$1"
    shift
    "$ng" "$@" --format json -o "$tmp/$name.json" &&
        "$ng" "$@" --format latex --standalone -o "$tmp/$name.tex" &&
        check_obs_latex "$tmp/$name.json" "$tmp/$name.tex" && ok ||
        bad "LaTeX of '$*' differs from its JSON"
}
obs_latex_case exact3 rho0 --model "$tilted" --N 3 # exact rationals (commutant route)
obs_latex_case exact2 rho0 --model "$tilted"       # N = 2: Eq. 103's g, rho^A coefficient
obs_latex_case ball3 rho0 --N 3                     # certified balls (eigen route)
obs_latex_case degen4 rho0 --N 4 --theta pi/2       # the degenerate path
obs_latex_case series3 series --N 3 --order 2 --lambda 1/100
# the exact values really are fractions (t_1 of the JSON above), the model line exact too
grep -qF '$\displaystyle \frac{4699447156580873}{13954571242601874}$' "$tmp/exact3.tex" &&
    grep -qF '$\alpha_{zz} = \frac{9}{25}$' "$tmp/exact3.tex" &&
    ! grep -qF '\alpha_{zx}' "$tmp/exact3.tex" && ok || bad "rho0 LaTeX: exact fractions, model line"
# ... and g agrees with the text writer, a second printer of the same number
g_text=$("$ng" rho0 --model "$tilted" | sed -n 's/^g  *= //p')
[[ "$g_text" == "-28/819025" ]] && grep -qF 'g &= -\frac{28}{819025},' "$tmp/exact2.tex" && ok ||
    bad "rho0 --N 2 LaTeX: g is not the text writer's '$g_text'"

# Nothing half-written: a failing run leaves no file behind, a good one a whole one.
"$ng" table p0l1 --preset nope -o "$tmp/none.tex" 2>/dev/null
[[ ! -e "$tmp/none.tex" ]] && ok || bad "a failed run created its -o file"
expect 2 "cannot write" -- kernel -o "$tmp/no/such/dir/k.txt"
"$ng" kernel --N 3 -o "$tmp/k3.txt" && "$ng" kernel --N 3 >"$tmp/k3.stdout" &&
    cmp -s "$tmp/k3.txt" "$tmp/k3.stdout" && ok || bad "-o differs from stdout"
ls "$tmp" | grep -q '\.tmp' && bad "temporary file left behind" || ok

# JSON is well formed and says what DESIGN §4 promises.
check_json() {
    python3 - "$@" <<'PY'
import json, math, sys
kind, path = sys.argv[1], sys.argv[2]
doc = json.load(open(path))
for key in ("command", "nessgen_version", "schema_version", "command_line"):
    assert key in doc, key
# Ker L0 depends on N alone: the kernel document has no model (0.1 wrote null)
assert ("model" in doc) == (kind != "kernel"), kind
if kind == "kernel":
    n = doc["N"]
    # dim Ker L0 = C(2N, N), sector by sector C(N, k)^2 (Sect. IV A)
    assert doc["dim"] == math.comb(2 * n, n), doc["dim"]
    assert [s["dim"] for s in doc["sectors"]] == [math.comb(n, k) ** 2 for k in range(n + 1)]
    assert len(doc["basis"]) == doc["dim"]
    assert len({b["name"] for b in doc["basis"]}) == doc["dim"]
else:
    rows = {r["element"]: r for r in doc["table"]}
    assert set(rows) == {"s00", "szz", "(s0z+sz0)", "rhoA", "rhoB", "rhoC"}, rows.keys()
    # only rhoB and rhoC have nonzero P0 L_I, only rhoA and rhoB nonzero P0 L_E (Eqs. 87-95)
    assert [k for k, r in rows.items() if r["P0_LI"]] == ["rhoB", "rhoC"]
    assert [k for k, r in rows.items() if r["P0_LE"]] == ["rhoA", "rhoB"]
    assert doc["factorisation_eq121"] and doc["eq122_holds"] and doc["eq123_holds"]
PY
}
"$ng" kernel --N 4 --format json -o "$tmp/k.json" && check_json kernel "$tmp/k.json" && ok ||
    bad "kernel JSON"
"$ng" table p0l1 --format json -o "$tmp/t.json" && check_json table "$tmp/t.json" && ok ||
    bad "table JSON"
"$ng" table p0l1 --preset tilted-ising --format json -o "$tmp/ti.json" &&
    check_json table "$tmp/ti.json" && ok || bad "tilted-ising table JSON"

# LaTeX documents compile where a TeX engine is installed.
if command -v pdflatex >/dev/null; then
    for args in "kernel --N 3 --standalone" "table p0l1 --standalone" "table p0l1 --N 3 --standalone" \
        "two-spin --standalone" "rho0 --N 3 --standalone" \
        "rho0 --model $tilted --N 3 --standalone" "rho0 --N 4 --theta pi/2 --standalone" \
        "series --N 3 --order 2 --lambda 1/100 --standalone"; do
        # shellcheck disable=SC2086
        "$ng" $args --format latex -o "$tmp/doc.tex" &&
            (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null) &&
            ok || bad "LaTeX of '$args' does not compile"
    done
else
    echo "pdflatex not installed: LaTeX compilation not checked"
fi

# nessgen figure: the paper's Figs. 4-6 as CSV, pgfplots and a gnuplot script
# (rendered to PNG where gnuplot is installed).
expect 2 "expected the figure number" -- figure
expect 2 "4, 5 or 6, got 7" -- figure 7
expect 2 "use --out DIR" -- figure 4 -o "$tmp/fig4.png"
expect 0 "Fig. 4 \(N = 2\)" -- figure 4 --out "$tmp/fig"
[[ -s "$tmp/fig/fig4.csv" && -s "$tmp/fig/fig4.tex" && -s "$tmp/fig/fig4.gp" ]] && ok ||
    bad "figure 4 did not write its files"
# the weak-coupling limit at theta = pi/4: t1 of Eq. 111 (rho0, certified)
grep -qx "pi/4,0,1,0.7645965470,0.9928630549" "$tmp/fig/fig4.csv" && ok ||
    bad "figure 4: rho0 row differs from Eq. 111"
if command -v gnuplot >/dev/null; then
    [[ -s "$tmp/fig/fig4.png" ]] && ok || bad "figure 4: no PNG although gnuplot is installed"
fi
if command -v pdflatex >/dev/null && kpsewhich pgfplots.sty >/dev/null; then
    (cd "$tmp/fig" && pdflatex -interaction=nonstopmode -halt-on-error fig4.tex >/dev/null) &&
        ok || bad "figure 4: fig4.tex does not compile"
fi

# nessgen verify: every paper check (Eqs. 44, 111-114, 150, alpha_zz = 0, numerics -> rho0)
expect 0 "checks passed \(" -- verify
expect 2 "unexpected argument" -- verify extra
"$ng" verify --format json -o "$tmp/v.json" && python3 - "$tmp/v.json" <<'PY' && ok || bad "verify JSON"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["command"] == "verify" and doc["all_passed"] and doc["failed"] == 0
assert len(doc["checks"]) >= 15 and all(c["passed"] for c in doc["checks"])
PY

# nessgen check: a solver's results against rho0 + lambda rho1.  Our own ness
# output passes (as it is, and as T or sz); a perturbed point fails; malformed
# input exits 2 naming the line.
"$ng" ness --N 3 --lambda 0.05,0.01,0.002 --format csv -o "$tmp/good.csv" 2>/dev/null
expect 0 "verdict: consistent" -- check --input "$tmp/good.csv"
awk -F, 'NR > 1 { print $1 "," $2 "," $4 } NR == 1 { print "lambda,site,T" }' \
    "$tmp/good.csv" >"$tmp/goodT.csv"
expect 0 "verdict: consistent" -- check --input "$tmp/goodT.csv" --N 3
awk -F, 'NR > 1 { print $1 "," $2 "," (-$3) } NR == 1 { print "lambda,site,sz" }' \
    "$tmp/good.csv" >"$tmp/goodsz.csv"
expect 0 "\"verdict\": \"consistent\"" -- check --input "$tmp/goodsz.csv" --format json
awk -F, 'NR > 1 && $1 == "0.002" && $2 == "2" { $3 = $3 + 1e-4 } { print }' OFS=, \
    "$tmp/good.csv" >"$tmp/bad.csv"
expect 1 "INCONSISTENT.*site 2 at lambda = 0.002" -- check --input "$tmp/bad.csv"
expect 1 "INCONSISTENT" -- check --input "$tmp/good.csv" --theta pi/3
printf 'lambda,site,t\n0.01,1,0.7\n' >"$tmp/m.csv"
expect 2 "site 1 but|N = 1|N: expected" -- check --input "$tmp/m.csv" --N 1
expect 2 "--input FILE is required" -- check
expect 2 "cannot read" -- check --input "$tmp/none.csv"
: >"$tmp/m.csv"
expect 2 "m.csv: empty" -- check --input "$tmp/m.csv"
printf 'lambda,t\n0.01,0.7\n' >"$tmp/m.csv"
expect 2 "line 1: expected a header" -- check --input "$tmp/m.csv"
printf 'lambda,site,t\n0.01,1,0.7\n0.01,2\n' >"$tmp/m.csv"
expect 2 "line 3: 2 fields, the header has 3" -- check --input "$tmp/m.csv"
printf 'lambda,site,t\n0.01,1,abc\n' >"$tmp/m.csv"
expect 2 "line 2, column 't': expected a number, got 'abc'" -- check --input "$tmp/m.csv"
printf 'lambda,site,t\n-1,1,0.5\n' >"$tmp/m.csv"
expect 2 "line 2, column 'lambda': expected a number > 0" -- check --input "$tmp/m.csv"
printf 'lambda,site,t\n0.01,0,0.5\n' >"$tmp/m.csv"
expect 2 "line 2, column 'site'" -- check --input "$tmp/m.csv"
printf 'lambda,site,t\n0.01,1,1.5\n' >"$tmp/m.csv"
expect 2 "line 2, column 't': expected a value in \[-1, 1\]" -- check --input "$tmp/m.csv"
printf 'lambda,site,t\n0.01,1,nan\n' >"$tmp/m.csv"
expect 2 "line 2, column 't'" -- check --input "$tmp/m.csv"
printf 'lambda,site,t\n# a comment\n0.01,1,0.5\n\n0.01,1,0.6\n' >"$tmp/m.csv"
expect 2 "lines 3 and 5: site 1 at lambda = 0.01 given twice" -- check --input "$tmp/m.csv"
printf 'lambda,site,t\n"0.01",1,0.5\n' >"$tmp/m.csv"
expect 2 "line 2: quoted fields" -- check --input "$tmp/m.csv"
printf 'lambda,site,t\n' >"$tmp/m.csv"
expect 2 "a header but no rows" -- check --input "$tmp/m.csv"
head -c 3000 /dev/urandom >"$tmp/m.csv"
expect 2 "" -- check --input "$tmp/m.csv"

# --observable EXPR (rho0, series, ness): bad input exits 2 naming it; values
# in every format; the currents: J_L + J_R = 0 exactly on rho0 at an exact
# point, the flat profile at theta = pi/2 carries J_L^[2] = -3/10 (t_L = 1/2,
# t_R = 1/5, Gamma = 2), bond currents equal J_L in the series and in ness.
expect 2 "--observable 'X4': site 4 outside 1..3" -- rho0 --N 3 --observable X4
expect 2 "'i\*X1 Y2' is not Hermitian" -- rho0 --N 3 --observable 'i*X1 Y2'
expect 2 "site 1 named twice" -- series --N 3 --order 1 --observable 'X1 X1'
expect 2 "expected a Pauli string" -- ness --N 3 --lambda 0.01 --observable 'X1 +'
expect 2 "free names need an exact state" -- rho0 --N 2 --observable 'a*Z1'
expect 2 "free names need an exact state" -- ness --N 2 --lambda 0.01 --observable 'a*Z1'
expect 2 "names i" -- rho0 --N 2 --observable '2*i*Z1'
# a symbolic coefficient on the exact rho0: a rational function of the free name
"$ng" rho0 --model "$tilted" --N 3 --observable 'a*Z1 + Z2' --format json -o "$tmp/sym.json" &&
    python3 - "$tmp/sym.json" <<'PY' && ok || bad "rho0 --observable with a free name"
import json, sys
from fractions import Fraction as F
doc = json.load(open(sys.argv[1]))
v = doc["observables"][0]["value"]
text = v.get("exact", v.get("expr"))
t1, t2 = (F(doc["sites"][i]["t"]["exact"]) for i in (0, 1))
num, den = text.strip("()").split(")/")
# value = -a t1 - t2 = (-p a - q)/r with p/r = t1, q/r = t2
ca, c0 = num.split("*a")
assert F(int(ca), int(den)) == -t1 and F(int(c0), int(den)) == -t2, text
PY
expect 2 "option --observable does not apply to nessgen kernel" -- kernel --N 2 --observable Z1
expect 2 "not to 'ness sweep'" -- ness sweep --N 3 --observable Z1
expect 0 "^  X1 Y2 - Y1 X2  +0$" -- rho0 --N 3 --observable 'X1 Y2 - Y1 X2'
"$ng" rho0 --model "$tilted" --N 3 --observable 'Z1 Z3' --observable '1/2*Z1 Z3 + 1/2*Z1 Z3' \
    --observable 'sqrt(2)*Z1' --format json -o "$tmp/o.json" &&
    python3 - "$tmp/o.json" <<'PY' && ok || bad "rho0 --observable JSON, exact currents"
import json, sys
from fractions import Fraction as F
doc = json.load(open(sys.argv[1]))
o = doc["observables"]
assert [x["expression"] for x in o] == ["Z1 Z3", "1/2*Z1 Z3 + 1/2*Z1 Z3", "sqrt(2)*Z1"]
assert o[0]["value"]["exact"] == o[1]["value"]["exact"]          # linearity, exactly
assert "exact" not in o[2]["value"]                                # sqrt(2): a ball
t1 = F(doc["sites"][0]["t"]["exact"])
assert abs(float(o[2]["value"]["mid"]) + 2 ** 0.5 * float(t1)) < 1e-14
c = doc["currents"]
assert c["sum"]["exact"] == "0" and F(c["J_L"]["exact"]) == -F(c["J_R"]["exact"]) != 0
law = c["contact_law"][0]
assert law["h_Gamma_dt"]["exact"] == c["J_L"]["exact"]
PY
expect 0 "^J_L += -3/10$" -- rho0 --N 4 --theta pi/2 --tL 1/2 --tR 1/5
for f in csv latex; do
    "$ng" rho0 --N 3 --observable 'X1 X3' --format $f -o "$tmp/o.$f" || bad "rho0 --format $f"
done
head -1 "$tmp/o.csv" | grep -q '^lambda,site,t_mid,t_rad,.*,Js2_R_mid,Js2_R_rad,obs1_mid,obs1_rad$' &&
    ok || bad "rho0 CSV header"
grep -qF '\langle \texttt{X1 X3}\rangle' "$tmp/o.latex" && ok || bad "rho0 LaTeX observable"
"$ng" series --N 4 --order 1 --lambda 1/100 --observable 'X1 X3' --format json -o "$tmp/s2.json" &&
    python3 - "$tmp/s2.json" <<'PY' && ok || bad "series currents JSON"
import json, sys
doc = json.load(open(sys.argv[1]))
c2 = [c for c in doc["currents"] if c["lambda_power"] == 2][0]
jl, rad = float(c2["J_L"]["mid"]), float(c2["J_L"]["rad"])
assert jl > 0.1
for e in c2["energy"]:   # the bond currents carry J_L (Eq.: continuity of the bond energy)
    assert abs(float(e["j"]["mid"]) - jl) <= rad + float(e["j"]["rad"])
assert len(doc["orders"][1]["observables"]) == 1 and "observables" in doc["results"][0]
PY
"$ng" ness --N 4 --lambda 0.01 --observable 'X1 X3' --format json -o "$tmp/n.json" &&
    python3 - "$tmp/n.json" <<'PY' && ok || bad "ness currents JSON"
import json, sys
doc = json.load(open(sys.argv[1]))["results"][0]
c = doc["currents"]
assert abs(c["sum"]) < 1e-12 * abs(c["J_L"]) / 1e-4 and c["J_L"] > 0
# j = lambda <e1> + lambda^2 <e2> with <e1> = O(lambda): fewer supported digits
# than J_L (9 here against 11), each printed rounded to its own
assert all(abs(e["j"] - c["J_L"]) < 1e-8 * c["J_L"] for e in c["energy"])
assert len(repr(c["energy"][0]["j"])) < len(repr(c["J_L"])), c
assert c["sum_error"] > abs(c["sum"])
assert doc["observables"][0]["expression"] == "X1 X3"
PY
"$ng" ness --N 3 --lambda 0.01 --observable Z1 --format csv -o "$tmp/n.csv" &&
    head -1 "$tmp/n.csv" | grep -q '^lambda,site,t,T,rhoA,rhoB,zA,Az,j,js,J_L,J_R,Js_L,Js_R,obs1$' && ok ||
    bad "ness CSV header"
expect 0 "J_L/lambda\^2" -- ness sweep --N 3 --lambda 0.01,0.005,0.002
# check --observable: the ness CSV column obsK against <O>_rho0 + lambda <O>_rho1
"$ng" ness --N 3 --lambda 0.05,0.01,0.002 --observable 'X1 X3' --format csv -o "$tmp/no.csv" 2>/dev/null
expect 0 "verdict for <X1 X3>: consistent" -- check --input "$tmp/no.csv" --observable 'X1 X3'
awk -F, 'BEGIN { OFS = "," } NR > 1 && $1 + 0 == 0.01 { $NF = $NF + 1e-3 } { print }' \
    "$tmp/no.csv" >"$tmp/nob.csv"
expect 1 "INCONSISTENT.*worst lambda = 0.01" -- check --input "$tmp/nob.csv" --observable 'X1 X3'
expect 2 "no column 'obs2'" -- check --input "$tmp/no.csv" --observable 'X1 X3' --observable Z1
expect 2 "site 4 outside 1..3" -- check --input "$tmp/no.csv" --observable 'X4'
# Closed forms (issue 14): the emitted Python module, imported, gives at
# u_theta = tan(theta/2) = 1/2 exactly what the exact engine gives for the same
# model written out at cos(theta) = 3/5 (tilted_3_5.json), for N = 3; the JSON
# "exact" strings and Eq. 150 as an identity; python without free names and
# csv with free names are usage errors.
cf=(rho0 --N 3 --theta theta --tL 1/2 --tR 1/4 --cL 1 --cR 2 --d 1)
if "$ng" "${cf[@]}" --format python -o "$tmp/closed3.py" &&
    "$ng" "${cf[@]}" --format json -o "$tmp/closed3.json" &&
    "$ng" rho0 --N 3 --model "$(dirname "$0")/tilted_3_5.json" --format json -o "$tmp/exact3.json"; then
    python3 - "$tmp" <<'PY' && ok || bad "rho0 closed forms (python module, JSON) vs the exact engine"
import json, sys
from fractions import Fraction
sys.path.insert(0, sys.argv[1])
import closed3 as c
exact = json.load(open(sys.argv[1] + "/exact3.json"))
closed = json.load(open(sys.argv[1] + "/closed3.json"))
u = Fraction(1, 2)
for l, site in enumerate(exact["sites"]):
    want = Fraction(site["t"]["exact"])
    got = getattr(c, "t_%d" % (l + 1))(u)
    assert got == want, (l, got, want)
for b in exact["bonds"]:
    assert getattr(c, "rhoA_%d_%d" % tuple(b["sites"]))(u) == Fraction(b["rhoA"]["exact"])
assert c.trace(u) == 1
assert closed["eq150"]["identity"] is True
assert closed["variables"] == ["u_theta"]
assert closed["sites"][0]["t"]["degrees"]["u_theta"][0] > 0
PY
else
    bad "rho0 closed forms: a command failed"
fi
expect 2 "give at least one free name" -- rho0 --N 3 --format python
expect 2 "closed forms" -- rho0 --N 2 --theta theta --tL 1/2 --tR 1/5 --format csv
expect 2 "not available for closed forms" -- rho0 --N 2 --theta theta --tL 1/2 --tR 1/5 --observable Z1
# The closed forms' cost estimate replaces a cap on the number of names: N = 2
# with five free names is cheap (about 1e4 evaluations) and runs under the
# default limit, with the estimate in the JSON; N = 3 with theta, tL, tR (about
# a minute) is refused with the figures under --max-cpu 1 (exit 1, a limit the
# user can raise), after the probes alone; --max-cpu needs free names.
if "$ng" rho0 --N 2 --theta theta --tL tL --tR tR --c c --d d --format json -o "$tmp/five.json"; then
    python3 - "$tmp/five.json" <<'PY' && ok || bad "rho0 with five free names"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["variables"] == ["u_theta", "c", "d", "tL", "tR"], d["variables"]
r = d["reconstruction"]
work = r["evaluations"] - r["estimate"]["probe_evaluations"]
assert 0.6 * work < r["estimate"]["evaluations"] < 1.6 * work, r
assert d["sites"][0]["t"]["degrees"]["d"][0] >= 1
PY
else
    bad "rho0 with five free names failed"
fi
expect 1 "estimated .* above the limit of 1 s .*--max-cpu.*u_theta [0-9]+ x tL ([0-9]+|[?]) x tR ([0-9]+|[?])" -- \
    rho0 --N 3 --theta theta --tL tL --tR tR --c 1 --d 1 --max-cpu 1
expect 2 "--max-cpu: limits closed forms" -- rho0 --N 2 --max-cpu 5
expect 2 "--max-cpu: expected seconds" -- rho0 --N 2 --theta theta --max-cpu 0
expect 2 "option --max-cpu does not apply to nessgen series" -- series --N 2 --max-cpu 5

# Progress (issue 15): on a terminal (script(1) gives the run one) the fraction
# done and the time left; redirected, nothing on stderr.
if command -v script >/dev/null; then
    out=$(script -qec "'$ng' rho0 --N 10 >/dev/null" /dev/null)
    grep -qE "nessgen rho0: +[0-9]+% done \(.*\); [0-9]+ s elapsed, about [0-9]+ s left" <<<"$out" &&
        grep -qF "100% done" <<<"$out" && ok || bad "rho0 --N 10 on a terminal: no progress with ETA: $out"
fi
"$ng" rho0 --N 10 >/dev/null 2>"$tmp/err" && [[ ! -s "$tmp/err" ]] && ok ||
    bad "rho0 --N 10 redirected: stderr not empty: $(head -c 200 "$tmp/err")"

finish
