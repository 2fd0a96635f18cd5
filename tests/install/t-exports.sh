#!/usr/bin/env bash
# libnessgen exports the public ng_ API and nothing else: every defined
# dynamic symbol starts ng_ and is declared in a header of INCLUDEDIR/nessgen
# (internal helpers are named _ng_ and stay local by src/exports.map).
# Usage: tests/install/t-exports.sh LIBNESSGEN.so INCLUDEDIR   (needs nm)
set -u
lib=$1
includedir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
nm -D --defined-only "$lib" | awk '{print $3}' | sort >"$tmp/symbols"
nsym=$(wc -l <"$tmp/symbols")
if grep -v '^ng_' "$tmp/symbols" >"$tmp/foreign"; then
    echo "FAIL: $lib exports $(wc -l <"$tmp/foreign") symbols outside the ng_ API: $(head -n 5 "$tmp/foreign" | tr '\n' ' ')"
    fail=1
fi
undeclared=0
while read -r s; do
    grep -qw -- "$s" "$includedir"/nessgen/*.h || { undeclared=$((undeclared + 1)); echo "  exported, in no header: $s"; }
done <"$tmp/symbols"
if [[ $undeclared -ne 0 || $nsym -le 100 ]] || ! grep -qx ng_cli_run "$tmp/symbols"; then
    echo "FAIL: $undeclared exported symbols are declared in no header (of $nsym; ng_cli_run needed)"
    fail=1
fi
[[ $fail -eq 0 ]] && echo "t-exports: $nsym symbols, each ng_ and declared"
exit $fail
