#!/usr/bin/env bash
# nessgen as an outside user meets it after `meson install --prefix PREFIX`:
# the examples of examples/c built with pkg-config alone and checked against
# the installed program, the Python module imported from the prefix and
# compared with the program for every command, and the library exporting its
# public API and nothing else.
# Usage: tests/install/t-install.sh PREFIX   (from anywhere; needs cc, nm, python3)
set -u
prefix=$(cd "$1" && pwd)
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python=${NG_PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

pc=$(find "$prefix" -name nessgen.pc | head -n 1)
[[ -n "$pc" ]] || { echo "FAIL: no nessgen.pc under $prefix"; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
libdir=$(pkg-config --variable=libdir nessgen)
includedir=$(pkg-config --variable=includedir nessgen)
ng="$prefix/bin/nessgen"

# ---- the exported symbols: ng_* only, each declared in an installed header
if bash "$src/tests/install/t-exports.sh" "$libdir/libnessgen.so" "$includedir"; then ok; else bad "exported symbols"; fi

# ---- the headers: nessgen.h includes every one; none points outside the install
for h in "$includedir"/nessgen/*.h; do
    b=$(basename "$h")
    [[ $b == nessgen.h ]] && continue
    grep -q "#include \"nessgen/$b\"" "$includedir/nessgen/nessgen.h" || bad "nessgen.h does not include $b"
done
ok
if grep -l "DESIGN" "$includedir"/nessgen/*.h >"$tmp/design"; then
    bad "installed headers cite DESIGN, which is not installed: $(tr '\n' ' ' <"$tmp/design")"
else
    ok
fi

# ---- examples/c with pkg-config alone, checked against the installed program
build_and_run() { # NAME ARGS... -> $tmp/NAME.out
    local name=$1
    shift
    if ! cc -std=c11 -Wall -Wextra -Werror -pedantic "$src/examples/c/$name.c" \
        $(pkg-config --cflags --libs nessgen) -o "$tmp/$name" 2>"$tmp/$name.cc"; then
        bad "examples/c/$name.c does not build with pkg-config: $(head -c 600 "$tmp/$name.cc")"
        return 1
    fi
    if ! LD_LIBRARY_PATH="$libdir" "$tmp/$name" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"; then
        bad "examples/c/$name $*: exit status $?: $(head -c 300 "$tmp/$name.err")"
        return 1
    fi
}
compare() { # NAME KEY -- PROGRAM ARGS...
    local name=$1 key=$2
    shift 3
    if ! "$ng" "$@" --format json >"$tmp/$name.json" 2>"$tmp/$name.ngerr"; then
        bad "nessgen $*: $(head -c 300 "$tmp/$name.ngerr")"
    elif "$python" "$src/tests/install/compare_example.py" "$tmp/$name.out" "$tmp/$name.json" $key; then
        ok
    else
        bad "examples/c/$name disagrees with nessgen $*"
    fi
}
build_and_run rho0_profile 5 && compare rho0_profile "" -- rho0 --N 5
build_and_run model_in_code && compare model_in_code "" -- rho0 --model "$src/examples/xxz_boundary_fields.json" --N 3
build_and_run series_at_lambda 4 1/100 && compare series_at_lambda results.0 -- series --order 2 --N 4 --lambda 1/100

# the README's example ("Use the library") as a reader would paste it
awk '/^#include <nessgen\/nessgen.h> .*rho0\.c/,/^}$/' "$src/README.md" >"$tmp/readme.c"
if [[ -s "$tmp/readme.c" ]] &&
    cc -std=c11 -Wall -Wextra -Werror -pedantic "$tmp/readme.c" $(pkg-config --cflags --libs nessgen) \
        -o "$tmp/readme" && LD_LIBRARY_PATH="$libdir" "$tmp/readme" >"$tmp/readme.out" &&
    [[ $(grep -c '^t_[1-4] = \[0\.' "$tmp/readme.out") -eq 4 ]]; then
    ok
else
    bad "the README's C example does not build, run or print t_1..t_4"
fi

# ---- the Python module, from the prefix alone (no NESSGEN_LIBRARY)
pydir=$(find "$prefix" -path '*-packages/nessgen/__init__.py' | head -n 1)
if [[ -z "$pydir" ]]; then
    bad "no Python module nessgen under $prefix"
else
    export PYTHONPATH="$(dirname "$(dirname "$pydir")")"
    unset NESSGEN_LIBRARY
    where=$("$python" -c 'import nessgen; print(nessgen.__file__); print(nessgen._library_path())')
    if [[ $where == "$prefix"/*$'\n'"$libdir"/libnessgen.so.* ]]; then
        ok
    else
        bad "the module or its library does not come from $prefix: $where"
    fi
    if "$python" "$src/tests/python/t-binding.py" "$ng"; then
        ok
    else
        bad "tests/python/t-binding.py against the installed module"
    fi
fi

echo "t-install: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
