#!/usr/bin/env bash
# The report layer's contract (DESIGN §4, JSON 0.2) for the derivation
# commands table, two-spin, hierarchy, kernel and verify: every JSON document
# validates against its schema in schemas/, and a document in the old 0.1
# shape (a symbolic value as a bare string, a bond as {"bond": …}) does not.
# LaTeX: each command's --format latex compiles inside a document and
# --standalone compiles on its own (when pdflatex is installed); held
# parameters are written as math; every --help ends with examples that parse.
# Usage: t-report-derive.sh PATH/TO/nessgen SCHEMA_DIR
set -u
ng="$1"
schemas="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "python3-jsonschema is not installed (.ci/install)"; exit 77
fi

run() {
    local name="$1"
    shift
    "$ng" "$@" --format json -o "$tmp/$name.json" 2>"$tmp/$name.err" || bad "nessgen $*: $(cat "$tmp/$name.err")"
}
run table2 table p0l1
run table3 table p0l1 --N 3
run table_ising table p0l1 --preset tilted-ising
run table_held table p0l1 --preset tilted-ising --h 1 --TL 3/2 --TR 1 --theta 1/2
run twospin two-spin
run twospin_held two-spin --h 1 --c 1 --d 1 --theta 1 --TL 3/2 --TR 1
run twospin_needs two-spin --theta 1
run twospin_xxz two-spin --preset xxz
run hierarchy hierarchy
run kernel2 kernel --N 2
run kernel3 kernel --N 3
run verify verify

python3 - "$schemas" "$tmp" "$(dirname "$0")" <<'PY' || bad "JSON documents against schemas/"
import copy, glob, json, os, sys
sdir, tmp, here = sys.argv[1:]
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, here)
from schemas import load, validator, invalid
load(sdir)
docs = {}
for f in sorted(glob.glob(os.path.join(tmp, "*.json"))):
    d = json.load(open(f))
    errors = list(validator(d["command"]).iter_errors(d))
    assert not errors, (f, [(list(e.path), e.message[:200]) for e in errors[:5]])
    docs[os.path.basename(f)[:-5]] = d
assert set(docs) >= {"table2", "twospin", "hierarchy", "kernel2", "verify"}, sorted(docs)
# what the documents must say, beyond their shape
assert docs["twospin_held"]["held_as_symbols"]["K"]["mid"] is not None
assert "K_needs" in docs["twospin_needs"]["held_as_symbols"]
assert docs["twospin"]["K"]["theta_pi_2"]["exact"] == "0"
assert docs["twospin"]["K"]["theta_to_0"]["exact"] == "1"
assert docs["table2"]["P0_LI_bond_rho_PLE"][0]["sites"] == [1, 2]
# the 0.1 shapes are refused
d = copy.deepcopy(docs["twospin"]); d["K"]["value"] = d["K"]["value"]["exact"]
assert invalid("two-spin", d), "a symbolic value as a bare string"
d = copy.deepcopy(docs["twospin"]); d["K"] = {"expr": "1", "theta_pi_2": "0", "theta_to_0": "1"}
assert invalid("two-spin", d), "0.1's K"
d = copy.deepcopy(docs["table2"]); b = d["P0_LI_bond_rho_PLE"][0]; b["bond"] = b.pop("sites")
assert invalid("table", d), "0.1's bond"
d = copy.deepcopy(docs["kernel2"]); del d["schema_version"]
assert invalid("kernel", d), "no schema_version"
d = copy.deepcopy(docs["hierarchy"]); d["sums"][0]["kappa"] = "1/2"
assert invalid("hierarchy", d), "kappa as a string"
d = copy.deepcopy(docs["verify"]); d["checks"][0]["passed"] = "yes"
assert invalid("verify", d), "passed as a string"
PY

# LaTeX: --format latex is a fragment that compiles inside a document that
# \input's it; --standalone is a whole document.
if command -v pdflatex >/dev/null; then
    for args in "kernel --N 3" "table p0l1" "table p0l1 --N 3" \
        "two-spin --h 1 --c 1 --d 1 --theta 1 --TL 3/2 --TR 1" "two-spin --theta 1" \
        "two-spin --h 1 --c 1 --d 1 --theta pi/5 --TL 3/2 --TR 1" "hierarchy"; do
        # shellcheck disable=SC2086
        "$ng" $args --format latex -o "$tmp/frag.tex" 2>/dev/null &&
            ! grep -q documentclass "$tmp/frag.tex" &&
            printf '%s\n' '\documentclass{article}' '\usepackage{amsmath,amssymb}' \
                '\begin{document}' '\input{frag}' '\end{document}' >"$tmp/paper.tex" &&
            (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error paper.tex >/dev/null 2>&1) ||
            bad "LaTeX fragment of '$args' does not compile inside a document"
        # shellcheck disable=SC2086
        "$ng" $args --format latex --standalone -o "$tmp/doc.tex" 2>/dev/null &&
            grep -q documentclass "$tmp/doc.tex" &&
            (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null 2>&1) ||
            bad "LaTeX of '$args --standalone' does not compile"
    done
    # parameters are math, not typewriter text
    "$ng" two-spin --theta 1 --format latex -o "$tmp/held.tex" 2>/dev/null &&
        grep -qF '$\theta = 1$' "$tmp/held.tex" && ! grep -q 'texttt{theta' "$tmp/held.tex" ||
        bad "two-spin: the held theta = 1 is not written as math"
    "$ng" two-spin --theta 'pi/5' --format latex -o "$tmp/held.tex" 2>/dev/null &&
        grep -qF '$\theta = \frac{\pi}{5}$' "$tmp/held.tex" && ! grep -q 'texttt{pi' "$tmp/held.tex" ||
        bad "two-spin: the held theta = pi/5 is not written as math"
else
    echo "pdflatex not installed: LaTeX not compiled"
fi

# figure: units stated (k_B = 1, units of h), every axis labelled, and no
# title in the plot that repeats the caption (written in each file's header).
if "$ng" figure 4 --out "$tmp/fig" >/dev/null 2>&1; then
    for f in "$tmp/fig/fig4.gp" "$tmp/fig/fig4.tex"; do
        grep -q 'k_B = 1, temperatures and energies in units of h' "$f" || bad "$f: no units"
        grep -q 'xlabel' "$f" && grep -q 'ylabel' "$f" || bad "$f: an axis without a label"
    done
    grep -Eq "multiplot layout 1,2 title|set title 'Fig" "$tmp/fig/fig4.gp" && bad "fig4.gp: a title repeats the caption"
    grep -q 'title={\$N = ' "$tmp/fig/fig4.tex" && bad "fig4.tex: a title repeats the caption"
else
    bad "nessgen figure 4 failed"
fi

# figure takes the model options: at N = 5, theta = 1 and lambda = 0.01, 0.03
# the rows are rho0 and ness at that point (engine and solver run directly),
# the caption and the regenerate line say so, and one panel is drawn.
if "$ng" figure 5 --N 5 --theta 1 --lambda 0.01,0.03 --out "$tmp/figo" >/dev/null 2>&1 &&
    "$ng" rho0 --N 5 --theta 1 --format csv -o "$tmp/figo_rho0.csv" &&
    "$ng" ness --N 5 --theta 1 --lambda 0.03 --format csv -o "$tmp/figo_ness.csv" 2>/dev/null; then
    python3 - "$tmp/figo" <<'PY' || bad "figure 5 --N 5 --theta 1: data differ from rho0/ness there"
import csv, sys
d = sys.argv[1]
rows = list(csv.DictReader(l for l in open(d + "/fig5.csv") if not l.startswith("#")))
rho0 = {int(r["site"]): float(r["t_mid"]) for r in csv.DictReader(open(d + "_rho0.csv"))}
ness = {int(r["site"]): float(r["t"]) for r in csv.DictReader(open(d + "_ness.csv"))}
assert {r["theta"] for r in rows} == {"1"}, "one panel at theta = 1"
assert sorted({float(r["lambda"]) for r in rows}) == [0.0, 0.01, 0.03]
assert max(int(r["site"]) for r in rows) == 6, "N = 5: the right bath at site 6"
for r in rows:
    l, lam, t = int(r["site"]), float(r["lambda"]), float(r["t"])
    if lam == 0 and 1 <= l <= 5:
        assert abs(t - rho0[l]) <= 1e-10, (l, t, rho0[l])
    if lam == 0.03:
        assert abs(t - ness[l]) <= 1e-5, (l, t, ness[l])
head = open(d + "/fig5.csv").read(2000)
assert "# Regenerate with: nessgen figure 5 --N 5 --theta 1 --lambda 0.01,0.03 --out" in head
assert "N = 5 spins" in head and "theta = 1)" in head and "lambda = 0.01, 0.03" in head
gp = open(d + "/fig5.gp").read()
assert "multiplot layout 1,1" in gp and "set title 'θ = 1'" in gp
PY
else
    bad "nessgen figure 5 --N 5 --theta 1 --lambda 0.01,0.03 failed"
fi

# --help of every command and the top level ends with example command lines,
# and each of them is accepted by the option parser (run with --help appended,
# which parses every option before it and computes nothing).
for c in "" kernel table two-spin rho0 series hierarchy ness figure verify check; do
    # shellcheck disable=SC2086
    "$ng" $c --help 2>/dev/null | sed -n '/^Examples:/,$p' >"$tmp/ex" || true
    [ "$(grep -c '^  nessgen ' "$tmp/ex")" -ge 2 ] || bad "nessgen $c --help: fewer than 2 examples"
    while read -r line; do
        eval "set -- ${line#nessgen }"
        "$ng" "$@" --help >/dev/null 2>&1 || bad "help example does not parse: $line"
    done < <(grep '^  nessgen ' "$tmp/ex" | sed 's/^  //')
done

if [ "$fail" -ne 0 ]; then
    echo "$fail failure(s)"
    exit 1
fi
echo "all passed"
