#!/usr/bin/env bash
# The 15 c-benchmarks (../shared/suites/c-benchmarks) compiled from C by `kite run` at their
# full argument (X.arg, a shell script that prints it); stdout must equal X.expect where there
# is one, else gcc -O2's output of the same program (skipped, with a message, without gcc).
# Prints each benchmark's wall time. Every benchmark must pass.
#   c_benchmarks.sh KITE [kite run options...]     Exit 77 = skipped (../shared absent).
set -u
kite=$1; shift
source "$(dirname "$0")/suite_lib.sh"
enter_suite_copy c-benchmarks
pass=0; fail=0; skipped=0
for arg_file in *.arg; do
  name=${arg_file%.arg}
  arg=$(sh "$arg_file")
  want=$name.expect
  if [ ! -f "$want" ]; then
    if ! command -v gcc > /dev/null; then echo "skip $name: no $want and no gcc"; skipped=$((skipped + 1)); continue; fi
    gcc -O2 -w -o "$name.gcc" "$name.c" -lm || { echo "FAIL $name: gcc cannot build it"; fail=$((fail + 1)); continue; }
    "./$name.gcc" "$arg" > "$name.gcc.out"
    want=$name.gcc.out
  fi
  start=$(date +%s.%N)
  timeout 900 "$kite" run -w "$@" "$name.c" -- "$arg" > "$name.out"
  rc=$?
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  if [ $rc -eq 0 ] && cmp -s "$want" "$name.out"; then
    pass=$((pass + 1))
    printf 'ok   %-16s %6.2f s\n' "$name" "$seconds"
  else
    fail=$((fail + 1))
    printf 'FAIL %-16s exit %d, output %s\n' "$name" "$rc" "$(cmp "$want" "$name.out" 2>&1 | head -1)"
  fi
done
echo "c-benchmarks: $pass passed, $fail failed, $skipped skipped"
[ $fail -eq 0 ]
