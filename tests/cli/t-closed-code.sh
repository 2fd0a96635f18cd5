#!/usr/bin/env bash
# The code `nessgen rho0 --format c|python` emits for closed forms (issue 14),
# compiled and imported, against the certified engine:
#  * the C file compiles with -Wall -Wextra -Wpedantic -Werror against Arb;
#  * NAME_arb at a random real angle theta = p/q rad (u = tan(theta/2) as an
#    Arb ball; t_L, t_R random rationals where free) overlaps the engine's
#    certified ball (rho0 --digits 30, mid and rad) for every site,
#    bond, three-body correlation and K, N = 2, 3, 4 (theta free) and N = 2
#    with theta, t_L, t_R free;
#  * NAME_d lies within its stated error bound of the Arb ball, and the
#    bound is below 1e-6 there (not vacuous; measured bounds for N = 4 reach
#    7e-9 near u = 0.45, where the actual error is 2e-12);
#  * the Python module, imported, gives at a random rational point an exact
#    Fraction inside the C ball at the same point.
# Usage: t-closed-code.sh PATH/TO/nessgen [CC ...]   (seed: NG_TEST_SEED)
set -u
ng="$1"
shift
cc=("${@:-cc}")
[[ $# -eq 0 ]] && cc=(cc)
. "$(dirname "$0")/harness.sh"
seed=${NG_TEST_SEED:-14}

# check NAME N FREE-OPTIONS...: FREE is "theta" or "theta,tL,tR"
check() {
    local name="$1" N="$2" free="$3"
    shift 3
    local d="$tmp/$name"
    mkdir -p "$d"
    if ! "$ng" rho0 --N "$N" "$@" --format c -o "$d/closed.c" 2>"$d/err" ||
        ! "$ng" rho0 --N "$N" "$@" --format python -o "$d/closed_py.py" 2>>"$d/err"; then
        bad "$name: nessgen failed: $(head -c 300 "$d/err")"
        return
    fi
    if ! "${cc[@]}" -std=c11 -Wall -Wextra -Wpedantic -Wmissing-prototypes -Werror \
        -c "$d/closed.c" -o "$d/closed.o" 2>"$d/cc.err"; then
        bad "$name: the emitted C does not compile: $(head -c 600 "$d/cc.err")"
        return
    fi
    ok
    # A driver calling every function: argv = prec, then each free name's value
    # as "p/q" (u_theta given as the angle theta = p/q: u = tan(theta/2)).
    {
        echo '#include <stdio.h>'
        echo '#include <stdlib.h>'
        echo '#include <arb.h>'
        grep -E '^(int|double) rho0_N[0-9]+_[A-Za-z0-9_]+\(.*\);$' "$d/closed.c"
        echo 'static void rat(arb_t x, const char *s, slong prec) {'
        echo '    fmpq_t q; fmpq_init(q); if (fmpq_set_str(q, s, 10)) abort();'
        echo '    arb_set_fmpq(x, q, prec); fmpq_clear(q); }'
        echo 'int main(int argc, char **argv) {'
        echo '    slong prec = 256; arb_t r, a[3]; double x[3], e, v; (void)argc;'
        echo '    arb_init(r); for (int i = 0; i < 3; i++) arb_init(a[i]);'
        echo '    /* argv[1]: theta (u = tan(theta/2)) or "u=p/q" for u itself */'
        echo '    if (argv[1][0] == '"'"'u'"'"') rat(a[0], argv[1] + 2, prec);'
        echo '    else { rat(a[0], argv[1], prec); arb_mul_2exp_si(a[0], a[0], -1); arb_tan(a[0], a[0], prec); }'
        echo '    for (int i = 1; i < 3 && argv[i + 1] != NULL; i++) rat(a[i], argv[i + 1], prec);'
        echo '    for (int i = 0; i < 3; i++) x[i] = arf_get_d(arb_midref(a[i]), ARF_RND_NEAR);'
        sed -nE 's/^int (rho0_N[0-9]+_([A-Za-z0-9_]+))_arb\(.*\);$/\1 \2/p' "$d/closed.c" |
            while read -r fn obs; do
                local args="a[0]" dargs="x[0]"
                [[ "$free" == theta,tL,tR ]] && args="a[0], a[1], a[2]" && dargs="x[0], x[1], x[2]"
                echo "    if (!${fn}_arb(r, $args, prec)) abort();"
                echo "    printf(\"$obs arb %s\\n\", arb_get_str(r, 60, ARB_STR_MORE));"
                if grep -q "^double ${fn}_d(" "$d/closed.c"; then
                    # the double version at the double nearest the point (exact there)
                    echo "    v = ${fn}_d(&e, $dargs);"
                    echo "    { arb_t y[3]; for (int i = 0; i < 3; i++) { arb_init(y[i]); arb_set_d(y[i], x[i]); }"
                    local yargs="y[0]"
                    [[ "$free" == theta,tL,tR ]] && yargs="y[0], y[1], y[2]"
                    echo "      if (!${fn}_arb(r, $yargs, prec)) abort();"
                    echo "      printf(\"$obs double %.17g %.17g %s\\n\", v, e, arb_get_str(r, 60, ARB_STR_MORE));"
                    echo "      for (int i = 0; i < 3; i++) arb_clear(y[i]); }"
                fi
            done
        echo '    return 0; }'
    } >"$d/driver.c"
    if ! "${cc[@]}" -std=c11 -Wall -Werror "$d/driver.c" "$d/closed.o" -o "$d/driver" \
        -lflint-arb -lflint -lgmp -lmpfr -lm 2>"$d/cc.err"; then
        bad "$name: the driver does not build: $(head -c 600 "$d/cc.err")"
        return
    fi
    python3 - "$ng" "$d" "$N" "$free" "$seed" "$@" <<'PY' && ok || bad "$name: emitted code vs engine"
import json, random, re, subprocess, sys
from fractions import Fraction
ng, d, N, free, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
opts = sys.argv[6:]
sys.path.insert(0, d)
import closed_py as py

def ball(s):
    """Arb's text "[m +/- r]" (or an exact "m") as exact (mid, rad)."""
    m = re.fullmatch(r"\[(\S+) \+/- (\S+)\]", s.strip())
    return (Fraction(m.group(1)), Fraction(m.group(2))) if m else (Fraction(s.strip()), Fraction(0))

def jball(o):
    """A JSON number of the engine: its "ball" (Arb's text, every certified
    digit), else "exact", else mid +/- rad."""
    if "ball" in o:
        return ball(o["ball"])
    if "exact" in o:
        return Fraction(o["exact"]), Fraction(0)
    return Fraction(str(o["mid"])), Fraction(str(o["rad"]))

def overlaps(a, b):
    return abs(a[0] - b[0]) <= a[1] + b[1]

rnd = random.Random(seed * 1000 + N + len(free))
names = free.split(",")
for trial in range(2):
    q = rnd.randint(1000, 9999)
    p = rnd.randint(q // 20, 3 * q // 2)          # theta in (0.05, 1.5) rad
    point = {"theta": "%d/%d" % (p, q)}
    for nm in names[1:]:
        point[nm] = "%d/%d" % (rnd.randint(1, 999), 1000)
    args = [point[nm] for nm in names]
    out = subprocess.run([d + "/driver"] + args, check=True, capture_output=True,
                         text=True).stdout.splitlines()
    closed = {}
    for line in out:
        obs, kind, rest = line.split(" ", 2)
        if kind == "arb":
            closed[obs] = ball(rest)
        else:                       # value, bound, ball at the double point
            v, e, b = rest.split(" ", 2)
            b = ball(b)
            v, e = Fraction(float(v)), Fraction(float(e))
            assert e < Fraction(1, 10**6), (obs, point, float(e))
            assert overlaps((v, e), b), (obs, point, float(v), float(e), b)
    eng_opts = list(opts)
    for nm in names:
        flag = {"theta": "--theta", "tL": "--tL", "tR": "--tR"}[nm]
        eng_opts[eng_opts.index(flag) + 1] = point[nm]
    doc = json.loads(subprocess.run([ng, "rho0", "--N", str(N)] + eng_opts +
                                    ["--digits", "30", "--format", "json"], check=True,
                                    capture_output=True, text=True).stdout)
    want = {"t_%d" % s["site"]: jball(s["t"]) for s in doc["sites"]}
    for b in doc["bonds"]:
        l, m = b["sites"]
        want["rhoA_%d_%d" % (l, m)] = jball(b["rhoA"])
        want["rhoB_%d_%d" % (l, m)] = jball(b["rhoB"])
    for t in doc.get("three_body", []):
        want["zA_%d" % t["site"]] = jball(t["zA"])
        want["Az_%d" % t["site"]] = jball(t["Az"])
    for k, w in want.items():
        assert k in closed, (k, sorted(closed))
        assert overlaps(closed[k], w), (k, point, closed[k], w)
    assert overlaps(closed["trace"], (Fraction(1), Fraction(0)))
    tl = Fraction(point.get("tL", opts[opts.index("--tL") + 1]))
    tr = Fraction(point.get("tR", opts[opts.index("--tR") + 1]))
    t1, tN = want["t_1"], want["t_%d" % N]
    K = ((t1[0] - tN[0]) / (tl - tr), (t1[1] + tN[1]) / abs(tl - tr))
    assert overlaps(closed["K"], K), (point, closed["K"], K)
    assert len(want) >= 3 * N - 2
# The Python module at a random rational point: an exact Fraction inside the C ball.
u = Fraction(rnd.randint(1, 999), 1000)
rest = [Fraction(rnd.randint(1, 999), 1000) for _ in names[1:]]
out = subprocess.run([d + "/driver", "u=%s" % u] + [str(x) for x in rest], check=True,
                     capture_output=True, text=True).stdout.splitlines()
seen = 0
for line in out:
    obs, kind, rest_text = line.split(" ", 2)
    if kind != "arb":
        continue
    exact = getattr(py, obs)(u, *rest)
    b = ball(rest_text)
    assert abs(exact - b[0]) <= b[1], (obs, exact, b)
    seen += 1
assert seen >= 3 * N - 1, seen
PY
}

tb=(--tL 1/2 --tR 1/5 --c 1 --d 1)
check N2 2 theta --theta theta "${tb[@]}"
check N2b 2 theta --theta theta --tL 1/3 --tR 1/7 --cL 1 --cR 2 --d 1
check N3b 3 theta --theta theta "${tb[@]}"
check N4 4 theta --theta theta "${tb[@]}"
check N2free 2 theta,tL,tR --theta theta --tL tL --tR tR --c 1 --d 1

# without free names --format c is a usage error
"$ng" rho0 --N 2 --format c >/dev/null 2>"$tmp/err"
if [[ $? -eq 2 ]] && grep -q "give at least one free name" "$tmp/err"; then ok; else bad "--format c without free names"; fi

finish
