# Shared by the shell tests (sourced after `ng` is set): a scratch folder
# removed on exit, pass/fail counters, and `expect` for exit status + message.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect STATUS PATTERN -- ARGS...: exit status and a stderr (or stdout) match
expect() {
    local want="$1" pattern="$2"
    shift 3
    "$ng" "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [[ $got -ne $want ]]; then
        bad "nessgen $* exited $got, expected $want; stderr: $(head -c 300 "$tmp/err")"
    elif [[ -n "$pattern" ]] && ! grep -qiE -- "$pattern" "$tmp/err" "$tmp/out"; then
        bad "nessgen $*: no '$pattern' in output: $(head -c 300 "$tmp/err")"
    else
        ok
    fi
}

# finish [NAME]: the summary line; the script's status is whether all passed
finish() {
    echo "${1:+$1: }$pass passed, $fail failed"
    [[ $fail -eq 0 ]]
}
