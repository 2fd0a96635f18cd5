#!/usr/bin/env bash
# The report layer's contract (DESIGN §4, JSON 0.2) for rho0, series, ness,
# ness sweep and check: every JSON document validates against its schema in
# schemas/ (and a document in the old 0.1 shape does not); the CSVs are
# numbers that join on (site, lambda); check reads pandas' to_csv output;
# LaTeX fragments compile inside a document, --standalone on its own (when
# pdflatex is installed).
# Usage: t-report.sh PATH/TO/nessgen SCHEMA_DIR
set -u
ng="$1"
schemas="$2"
. "$(dirname "$0")/harness.sh"

if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "python3-jsonschema is not installed (.ci/install)"; exit 77
fi

# run NAME ARGS...: the document as $tmp/NAME.json
run() {
    local name="$1"
    shift
    "$ng" "$@" --format json -o "$tmp/$name.json" 2>"$tmp/$name.err" || bad "nessgen $*: $(cat "$tmp/$name.err")"
}
run rho0_ball rho0 --N 3 --observable 'X1 X3'
run rho0_two rho0 --N 2
run rho0_exact rho0 --model "$(dirname "$0")/tilted_3_5.json" --N 3
run rho0_degenerate rho0 --N 4 --theta pi/2
run rho0_closed rho0 --N 2 --theta theta --tL 1/2 --tR 1/5
run series series --N 3 --order 2
run series_sum series --N 3 --order 1 --lambda 1/10 --observable Z2
run series_degenerate series --N 4 --theta pi/2 --order 2
run ness ness --N 3 --lambda 0.1
run ness_list ness --N 3 --lambda 0.1,0.01 --observable 'X1 X3'
run sweep ness sweep --N 3 --lambda 0.02,0.01,0.005
run sweep_degenerate ness sweep --N 4 --theta pi/2 --lambda 0.01,0.005
run certified ness certified --N 3 --lambda 0.01,1e-9
"$ng" ness --N 3 --lambda 0.05,0.01,0.002 --format csv -o "$tmp/n3.csv" 2>/dev/null
run check check --input "$tmp/n3.csv"

python3 - "$schemas" "$tmp" "$(dirname "$0")" <<'PY' && ok || bad "JSON documents against schemas/"
import copy, glob, json, os, sys
sdir, tmp, here = sys.argv[1:]
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, here)
from schemas import load, validator, invalid
load(sdir)
which = {"rho0": "rho0", "series": "series", "check": "check"}
docs = {}
for f in sorted(glob.glob(os.path.join(tmp, "*.json"))):
    d = json.load(open(f))
    name = ("ness-sweep" if d.get("mode") == "sweep"
            else "ness-certified" if d.get("certified") else d["command"])
    errors = list(validator(name).iter_errors(d))
    assert not errors, (f, [(list(e.path), e.message[:200]) for e in errors[:5]])
    docs[os.path.basename(f)[:-5]] = (name, d)
assert len(docs) == 14, sorted(docs)
assert docs["series_degenerate"][1]["route"] == "cluster" and docs["series"][1]["route"] == "eigen"
# the schemas have teeth: the 0.1 shapes are refused
def refused(name, d):
    return any(True for _ in validator(name).iter_errors(d))
name, d = docs["certified"]
old = copy.deepcopy(d); old["results"][0]["certificate"]["inverse_residual_bound"] = 1.5
assert refused(name, old), "a certificate with ||I - RA|| >= 1"
old = copy.deepcopy(d); old["results"][0]["sites"][0]["t"] = 0.75
assert refused(name, old), "a certified t_l as a bare double"
name, d = docs["rho0_ball"]
old = copy.deepcopy(d); old["bonds"][0] = {"l": 1, "m": 2, "rhoA": d["bonds"][0]["rhoA"], "rhoB": d["bonds"][0]["rhoB"]}
assert refused(name, old), "bond {l, m}"
old = copy.deepcopy(d); old["sites"][0]["t"] = {"mid": "0.75", "rad": "1e-16"}
assert refused(name, old), "ball as strings"
old = copy.deepcopy(d); del old["schema_version"]
assert refused(name, old), "no schema_version"
name, d = docs["ness"]
old = copy.deepcopy(d); old.update(old.pop("results")[0])
assert refused(name, old), "ness flat for one lambda"
# one lambda is a list of one; a ball's interval holds the exact value
assert len(docs["ness"][1]["results"]) == 1 and len(docs["series_sum"][1]["results"]) == 1
from fractions import Fraction as F
for s in docs["rho0_exact"][1]["sites"]:
    q, mid, rad = F(s["t"]["exact"]), F(s["t"]["mid"]), F(s["t"]["rad"])
    assert mid - rad <= q <= mid + rad and rad < F(1, 10**15), s
assert docs["ness"][1]["results"][0]["lambda"] == 0.1
PY

# CSV: numbers only, shortest round-trip decimals (0.1, not 0.10000000000000001),
# balls as _mid/_rad; series' sum and ness join on (site, lambda) and agree to
# the truncation error; rho0 is the lambda = 0 row of the same keys.
"$ng" rho0 --N 3 --format csv -o "$tmp/r.csv" &&
    "$ng" series --N 3 --order 2 --lambda 0.01 --format csv -o "$tmp/s.csv" &&
    "$ng" ness --N 3 --lambda 0.01,0.1 --format csv -o "$tmp/n.csv" &&
    python3 - "$tmp" <<'PY' && ok || bad "CSV: numbers, (site, lambda) join"
import csv, sys
tmp = sys.argv[1]
def rows(name):
    with open("%s/%s.csv" % (tmp, name), newline="") as f:
        r = list(csv.DictReader(f))
    for row in r:
        for k, v in row.items():
            assert v == "" or float(v) == float(v), (name, k, v)  # numbers (or empty)
    return r
r, s, n = rows("r"), rows("s"), rows("n")
assert {"lambda", "site", "t_mid", "t_rad", "T_mid", "T_rad"} <= set(r[0]) and {"lambda", "site", "t", "T"} <= set(n[0])
assert [x["lambda"] for x in n] == ["0.01"] * 3 + ["0.1"] * 3
key = lambda x: (int(x["site"]), float(x["lambda"]))
ness = {key(x): x for x in n}
joined = [(x, ness[key(x)]) for x in s if x["lambda"] != "" and key(x) in ness]
assert len(joined) == 3, joined
for a, b in joined:
    assert abs(float(a["t_mid"]) - float(b["t"])) < 1e-5, (a, b)
assert all(x["lambda"] == "0" for x in r) and sorted(key(x) for x in r) == [(l, 0.0) for l in (1, 2, 3)]
# rho0's t is series' m = 0 term, within the balls
for a in r:
    b = [x for x in s if x["m"] == "0" and x["site"] == a["site"]][0]
    assert abs(float(a["t_mid"]) - float(b["t_mid"])) <= float(a["t_rad"]) + float(b["t_rad"]), (a, b)
PY

# check reads what pandas' DataFrame.to_csv() writes: an unnamed index column
python3 - "$tmp/n3.csv" "$tmp/p3.csv" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
with open(sys.argv[2], "w") as f:
    f.write("," + lines[0] + "\n")
    for i, line in enumerate(lines[1:]):
        f.write("%d,%s\n" % (i, line))
PY
"$ng" check --input "$tmp/p3.csv" >"$tmp/p3.out" 2>&1 && "$ng" check --input "$tmp/n3.csv" >"$tmp/n3.out" 2>&1 &&
    diff <(sed 1d "$tmp/p3.out") <(sed 1d "$tmp/n3.out") >/dev/null && ok ||
    bad "check on pandas' to_csv output: $(head -3 "$tmp/p3.out")"

# The cluster structure of a degenerate model is in the LaTeX too (as in text
# and JSON): one row per sector, N + 1 rows.
rows=$("$ng" rho0 --N 4 --theta pi/2 --format latex 2>/dev/null |
    sed -n '/Cluster structure/,/end{tabular}/p' | grep -cE '^[0-9]+ & ')
[[ "$rows" -eq 5 ]] && ok || bad "rho0 --N 4 --theta pi/2 --format latex: $rows cluster rows, expected 5"

# LaTeX: --format latex is a fragment that compiles inside a document that
# \input's it; --standalone is a whole document.
if command -v pdflatex >/dev/null; then
    "$ng" ness --N 3 --lambda 0.05,0.01,0.002 --format csv -o "$tmp/c.csv" 2>/dev/null
    for args in "rho0 --N 3" "rho0 --N 4 --theta pi/2" "rho0 --N 2 --theta theta --tL 1/2 --tR 1/5" \
        "series --N 3 --order 1 --lambda 1/10" "ness --N 3 --lambda 0.1,0.01" \
        "ness sweep --N 3 --lambda 0.02,0.01,0.005" "ness sweep --N 4 --theta pi/2 --lambda 0.01,0.005" \
        "check --input $tmp/c.csv"; do
        # shellcheck disable=SC2086
        "$ng" $args --format latex -o "$tmp/frag.tex" 2>/dev/null &&
            ! grep -q documentclass "$tmp/frag.tex" &&
            printf '%s\n' '\documentclass{article}' '\usepackage{amsmath,amssymb}' \
                '\begin{document}' '\input{frag}' '\end{document}' >"$tmp/paper.tex" &&
            (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error paper.tex >/dev/null 2>&1) &&
            ok || bad "LaTeX fragment of '$args' does not compile inside a document"
        # shellcheck disable=SC2086
        "$ng" $args --format latex --standalone -o "$tmp/doc.tex" 2>/dev/null &&
            (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null 2>&1) &&
            ok || bad "LaTeX of '$args --standalone' does not compile"
    done
else
    echo "pdflatex not installed: LaTeX not compiled"
fi

finish
