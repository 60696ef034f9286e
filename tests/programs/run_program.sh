#!/usr/bin/env bash
# Runs one IR program with `kite run` and checks its exit status (0, or the number in
# NAME.status) and, when NAME.expected exists, its standard output byte for byte.
# NAME.args holds the program's arguments.
# Usage: run_program.sh KITE FILE.mir [kite run options...]   Exit 77 = skipped.
set -u
kite=$1; file=$2; shift 2
if [ ! -f "$file" ]; then echo "skipped: $file is absent (../shared not beside the repo?)"; exit 77; fi
base=${file%.mir}
want_status=0
[ -f "$base.status" ] && want_status=$(cat "$base.status")
args=()
[ -f "$base.args" ] && read -r -a args < "$base.args"
out=$(mktemp)
"$kite" run "$@" "$file" -- "${args[@]}" > "$out"
status=$?
rc=0
if [ "$status" != "$want_status" ]; then
  echo "FAIL: $file exited $status, expected $want_status"; rc=1
fi
if [ -f "$base.expected" ] && ! cmp -s "$out" "$base.expected"; then
  echo "FAIL: $file output differs from $base.expected:"; diff "$base.expected" "$out" | head -20; rc=1
fi
rm -f "$out"
exit $rc
