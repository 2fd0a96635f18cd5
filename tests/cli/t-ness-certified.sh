#!/usr/bin/env bash
# nessgen ness certified: balls that contain the double solution of `ness`
# (its claimed digits checked) and the series of `series` at small lambda;
# the refusals (not unique: exit 1 and -o untouched; cannot certify: exit 1
# with the bound; N > 6, --observable: exit 2); the per-value digits of
# ness (doubles).
# Usage: t-ness-certified.sh PATH/TO/nessgen
set -u
ng="$1"
. "$(dirname "$0")/harness.sh"


# t_l of `ness` (doubles) within 10^-digits of the certified balls, N = 3, 4
for N in 3 4; do
    "$ng" ness certified --N $N --lambda 0.02 --format json >"$tmp/c.json" || bad "certified N=$N"
    "$ng" ness --N $N --lambda 0.02 --format json >"$tmp/d.json" || bad "ness N=$N"
    python3 - "$tmp/c.json" "$tmp/d.json" <<'PY' && ok || bad "N = $N: double vs certified"
import json, sys
from decimal import Decimal
c = json.load(open(sys.argv[1]))["results"][0]; d = json.load(open(sys.argv[2]))["results"][0]
digits = d["honesty"]["trusted_digits"]
assert digits >= 10, digits
for sc, sd in zip(c["sites"], d["sites"]):
    mid, rad = sc["t"]["ball"].strip("[]").split(" +/- ")
    assert Decimal(rad) < Decimal("1e-25"), rad
    assert abs(Decimal(repr(sd["t"])) - Decimal(mid)) <= Decimal(10) ** -digits, (sd["t"], mid)
PY
done

# At lambda = 1e-7 the series rho0 + lambda rho1 + lambda^2 rho2 of `series`
# (its sum at lambda, balls) differs from the certified NESS by lambda^3 t_3:
# between 1e-23 and 1e-19 (|t_3| of N = 3 is 0.27 ... 1.0, t-certified).
"$ng" ness certified --N 3 --lambda 1e-7 --format json >"$tmp/c.json" || bad "certified 1e-7"
"$ng" series --N 3 --order 2 --lambda 1e-7 --digits 30 --format json >"$tmp/s.json" ||
    bad "series 1e-7"
python3 - "$tmp/c.json" "$tmp/s.json" <<'PY' && ok || bad "series vs certified at 1e-7"
import json, sys
from decimal import Decimal
c = json.load(open(sys.argv[1]))["results"][0]; s = json.load(open(sys.argv[2]))
sites = s["results"][0]["sites"]
mid = lambda x: Decimal(x["ball"].strip("[]").split(" +/- ")[0])
for sc, ss in zip(c["sites"], sites):
    gap = abs(mid(sc["t"]) - mid(ss["t"]))
    assert Decimal("1e-23") < gap < Decimal("1e-19"), gap
PY

# not unique (xyz without couplings: the middle spin's sigma^z is conserved):
# exit 1, an existing -o target untouched
echo keep >"$tmp/o.txt"
expect 1 "not unique" -- ness certified --preset xyz --N 3 --Jx 0 --Jy 0 --Jz 0 \
    --lambda 0.01 -o "$tmp/o.txt"
[[ "$(cat "$tmp/o.txt")" == keep ]] && ok || bad "ness certified -o replaced its target"
expect 1 "cannot certify.*>= 1" -- ness certified --N 3 --lambda 1e-15
expect 2 "N <= 6" -- ness certified --N 7 --lambda 0.1
expect 2 "--observable" -- ness certified --N 3 --lambda 0.1 --observable X1
expect 2 "lambda" -- ness certified --N 3
expect 0 "^lambda,site,t_mid,t_rad,T_mid" -- ness certified --N 3 --lambda 1/64 --format csv
# LaTeX through the report core: the rounded balls and the certificate, compiled
expect 0 "Certificate: " -- ness certified --N 3 --lambda 0.1,1/64 --format latex --standalone
if command -v pdflatex >/dev/null; then
    cp "$tmp/out" "$tmp/cert.tex"
    (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error cert.tex >/dev/null 2>&1) &&
        ok || bad "ness certified LaTeX does not compile"
fi
expect 0 "certificate: \|\|I - R A\|\|_1 <=" -- ness certified --N 3 --lambda 0.1

# ness (doubles): each value shows only the digits its own error estimate
# supports.  h = 1e-6 (condition 1.8e10): t_l ~ 1e-6 have none (the certified
# solve shows they are off by ~1e-8), <A> keep two; h = 3e-8: none at all.
expect 0 "no significant digit is supported for t_1" -- ness --N 4 --h 1e-6 --lambda 0.01
grep -qE "^ +1 +noise +noise" "$tmp/out" && ok || bad "t_1 at h = 1e-6 not shown as noise"
grep -qE "^ +\(1,2\) +-0\.0061 +noise" "$tmp/out" && ok || bad "<A(1,2)> at h = 1e-6: $(grep '(1,2)' "$tmp/out")"
"$ng" ness --N 4 --h 1e-6 --lambda 0.01 --format json 2>/dev/null >"$tmp/j.json"
python3 - "$tmp/j.json" <<'PY' && ok || bad "ness json: null t with its error"
import json, sys
d = json.load(open(sys.argv[1]))["results"][0]
s = d["sites"][0]
assert s["t"] is None and d["honesty"]["error_per_pauli_string"] > 1e-6, (s, d["honesty"])
assert d["bonds"][0]["rhoA"] == -0.0061, d["bonds"][0]
w = json.load(open(sys.argv[1]))["warnings"]   # each null says why
assert any(x.startswith("lambda = 0.01: t_1 has no supported significant digit") for x in w), w
PY
expect 1 "no printed value supports a significant digit" -- ness --N 4 --h 3e-8 --lambda 0.01
[[ ! -s "$tmp/out" ]] && ok || bad "ness printed values that no digit supports"
expect 0 "" -- ness --N 4 --lambda 1e-8
grep -qE '  noise( |$)' "$tmp/out" && bad "well-conditioned ness shows noise" || ok

finish
