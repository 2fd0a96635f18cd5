#!/usr/bin/env bash
# nessgen ness: refusing a steady state that is not unique (exit 1, named),
# positivity reported as a diagnostic only; the truncation range that
# `series` reports, cross-checked against `ness`.
# Usage: t-ness.sh PATH/TO/nessgen
set -u
ng="$1"
. "$(dirname "$0")/harness.sh"


# Tilted Ising baths (theta = pi/4, examples/tilted_ising.json) with the spin
# coupling removed or reduced to alpha_zz: at N = 3 the middle spin's sigma^z
# is then conserved (no bath touches it, nothing flips it), so Ker L is
# two-dimensional.  Before the check, ness printed t_2 = -1.411 (no coupling)
# and t_2 = -42.99 (alpha_zz only) with exit 0 (issue 11, item 3).
model() { # model ALPHA-JSON FILE
    cat >"$2" <<JSON
{"N": 3, "h": 1, "alpha": $1,
 "baths": {
  "L": {"X": {"x": "-sin(pi/4)", "z": "cos(pi/4)"}, "Ybar": "-cos(pi/4)*tanh(2/3)",
        "c": 1, "d": 1, "T": "3/2"},
  "R": {"X": {"x": "-sin(pi/4)", "z": "cos(pi/4)"}, "Ybar": "-cos(pi/4)*tanh(2)",
        "c": 1, "d": 1, "T": "1/2"}}}
JSON
}
model '{}' "$tmp/free.json"
model '{"zz": "cos(pi/4)^2"}' "$tmp/zz.json"
for f in free zz; do
    for lam in 0.1 0.01 1e-4; do
        expect 1 "steady state is not unique" -- ness --model "$tmp/$f.json" --N 3 --lambda "$lam"
    done
    # nothing half-written: an existing -o target keeps its contents
    echo keep >"$tmp/o.txt"
    expect 1 "not unique" -- ness --model "$tmp/$f.json" --N 3 --lambda 0.01 -o "$tmp/o.txt"
    [[ "$(cat "$tmp/o.txt")" == keep ]] && ok || bad "ness -o replaced its target on failure"
    # one bad lambda in a list fails the command
    expect 1 "not unique" -- ness --model "$tmp/$f.json" --N 3 --lambda 0.1,0.01 --format json
done
# Below what doubles resolve (lambda^2 under the rounding of the level
# splittings) the slow block is ill-scaled: that is not a second null vector.
# Before, lambda = 1e-14 .. 1e-100 said "not unique" for the unique tilted
# Ising chain; now it says lambda is too small (exit 1), and never "not unique".
for lam in 1e-14 1e-30 1e-100; do
    expect 1 "too small for the double-precision solver" -- ness --N 3 --lambda "$lam"
    grep -qi "not unique" "$tmp/err" && bad "ness --lambda $lam: a false 'not unique'" || ok
done
# the full tilted Ising coupling makes it unique again (same baths)
model '{"xx": "sin(pi/4)^2", "xz": "-cos(pi/4)*sin(pi/4)", "zx": "-cos(pi/4)*sin(pi/4)", "zz": "cos(pi/4)^2"}' "$tmp/full.json"
expect 0 "" -- ness --model "$tmp/full.json" --N 3 --lambda 0.01,1e-4 --format json -o "$tmp/full.out"
python3 - "$tmp/full.out" <<'PY' && ok || bad "unique tilted Ising: uniqueness figure"
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    h = r["honesty"]
    assert h["uniqueness_sigma_min"] > 1e-6, h
    assert h["min_eigenvalue"] > 0, h
PY

# Positivity is a diagnostic, not an error: N = 2, theta = 1.2, lambda = 0.2,
# T = 0.08 / 0.05 has a unique steady state with a negative eigenvalue about
# -0.02 (issue 11, item 3; the Redfield-type L2 does not preserve positivity).
# Decimal values of cos(1.2), sin(1.2), tanh(1/T) from Python's math module.
python3 - "$tmp/redfield.json" <<'PY'
import json, math, sys
th = 1.2; c = math.cos(th); s = math.sin(th)
bath = lambda T: {"X": {"x": repr(-s), "z": repr(c)}, "Ybar": repr(-c * math.tanh(1 / T)),
                  "c": 1, "d": 1, "T": repr(T)}
json.dump({"N": 2, "h": 1,
           "alpha": {"xx": repr(s * s), "xz": repr(-c * s), "zx": repr(-c * s), "zz": repr(c * c)},
           "baths": {"L": bath(0.08), "R": bath(0.05)}}, open(sys.argv[1], "w"))
PY
expect 0 "smallest eigenvalue of rho -2.0" -- ness --model "$tmp/redfield.json" --N 2 --lambda 0.2
"$ng" ness --model "$tmp/redfield.json" --N 2 --lambda 0.2 --format json -o "$tmp/r.json" 2>/dev/null
python3 - "$tmp/r.json" <<'PY' && ok || bad "Redfield case: positivity diagnostic"
import json, sys
h = json.load(open(sys.argv[1]))["results"][0]["honesty"]
assert -0.03 < h["min_eigenvalue"] < -0.01, h
assert h["uniqueness_sigma_min"] > 1e-4, h
assert h["trusted_digits"] >= 10, h
PY

# series: the lambda range in which the truncated sum is accurate to the digits
# shown (extrapolated from the growth of the terms), cross-checked against the
# full-Liouvillian solver: inside it (lambda_max / 2) the two agree to 1e-10,
# well outside (8 lambda_max) they do not, for orders 1, 2, 3 at N = 4.
python3 - "$ng" <<'PY' && ok || bad "series truncation range against ness"
import json, subprocess, sys
ng = sys.argv[1]
def run(*a):
    return json.loads(subprocess.run([ng, *a], capture_output=True, text=True, check=True).stdout)
for order in ("1", "2", "3"):
    tr = run("series", "--N", "4", "--order", order, "--digits", "10", "--format", "json")["truncation"]
    assert tr["digits"] == 10 and tr["lambda_max"] > 0, tr
    for factor, inside in ((0.5, True), (8.0, False)):
        lam = repr(tr["lambda_max"] * factor)
        s = run("series", "--N", "4", "--order", order, "--digits", "10", "--lambda", lam,
                "--format", "json")
        n = run("ness", "--N", "4", "--lambda", lam, "--format", "json")
        d = max(abs(float(a["t"]["mid"]) - b["t"]) for a, b in zip(s["results"][0]["sites"], n["results"][0]["sites"]))
        assert (d <= 1e-10) == inside, (order, factor, d)
        assert s["truncation"]["error_estimate_at_lambda"] > 0
tr = run("series", "--N", "4", "--order", "0", "--format", "json")["truncation"]
assert tr["lambda_max"] is None, tr
PY

# check: the lambda range in which its reference t0 + lambda t1 is accurate
# to the 1e-10 it prints (first omitted term lambda^2 max|t2|), against ness.
"$ng" ness --N 4 --lambda 1e-3,1e-4,5e-6,1e-6 --format csv -o "$tmp/n4.csv" 2>/dev/null
"$ng" check --input "$tmp/n4.csv" --format json -o "$tmp/c4.json" 2>/dev/null
python3 - "$tmp/c4.json" <<'PY' && ok || bad "check: reference accuracy range against ness"
import json, math, sys
d = json.load(open(sys.argv[1]))
ref = d["reference"]
lm = ref["lambda_max_1e-10"]
assert abs(lm - math.sqrt(1e-10 / ref["t2_max"])) <= 1e-12 * lm, ref
for res in d["results"]:
    for r in res["sites"]:
        if res["lambda"] <= lm:
            assert abs(r["dev_rho0_rho1"]) <= 1e-10, r
        if res["lambda"] >= 100 * lm:
            assert abs(r["dev_rho0_rho1"]) > 1e-10, r
lams = [res["lambda"] for res in d["results"]]
assert any(x <= lm for x in lams) and any(x >= 100 * lm for x in lams)
# the reference's orders (series' shape: m, sites of t) give each row's t0 + lambda t1
t = {o["m"]: {s["site"]: s["t"] for s in o["sites"]} for o in ref["orders"]}
assert ref["order"] == 1 and sorted(t) == [0, 1], ref
for res in d["results"]:
    for r in res["sites"]:
        want = t[0][r["site"]] + res["lambda"] * t[1][r["site"]]
        assert abs(r["reference"] - want) <= 1e-15, (r, want)
PY

# Model scales outside double precision (review of the ness solver): refused
# before solving, exit 2, naming the quantity.  Before: --h 1e-300 printed
# t_1 = 14.9 with exit 0 (later a false "not unique", exit 1); --c 1e400 ended
# in NaNs (a "not unique" with norm 0); --lambda 1e-200 squared to 0.
expect 2 "h = 1e-300 is too small.*needs \|h\| >=" -- ness --h 1e-300 --lambda 0.01
expect 2 "h = 5e-10 is too small" -- ness --h 5e-10 --lambda 0.01
expect 2 "quantity cL is too large for double" -- ness --c 1e400 --lambda 0.01
expect 2 "quantity dR is nonzero but rounds to 0" -- ness --dR 1e-400 --lambda 0.01
expect 2 "too small next to the dissipator.*--c" -- ness --c 1e200 --lambda 0.01
expect 2 "too small next to the dissipator" -- ness --c 1e12 --lambda 0.01
expect 2 "too small next to the dissipator.*--lambda" -- ness --lambda 1e5
expect 2 "--lambda: lambda = 1e-200 is outside" -- ness --lambda 1e-200
# inside the range but with no supported digit (condition ~1e15 at h = 1.4e-9; 2e-9 is at 0-1 digits depending on the BLAS kernel):
# exit 1 naming it, nothing printed, an existing -o target kept
echo keep >"$tmp/o.txt"
expect 1 "lambda = 0.01: the solution supports no significant digits" -- ness --h 1.4e-9 --lambda 0.01 -o "$tmp/o.txt"
[[ "$(cat "$tmp/o.txt")" == keep ]] && ok || bad "ness -o replaced its target with a no-digit result"
expect 1 "supports no significant digits" -- ness --h 1.4e-9 --lambda 0.01
[[ ! -s "$tmp/out" ]] && ok || bad "ness printed a no-digit result"
expect 1 "lambda = 0.01: the solution supports no significant digits" -- ness sweep --h 1.4e-9 --lambda 0.01
# some digits supported: printed with a warning, exit 0 (c = 1e10: 2 digits)
expect 0 "only about 2 significant digits" -- ness --c 1e10 --lambda 0.01

finish
