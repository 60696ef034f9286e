#!/usr/bin/env bash
# chibicc's tests (../shared/suites/chibicc/test) through `kite run`, as the suites README says:
# test/X.c compiled with -Itest together with test/common; it passes when it exits 0 and its
# last line is `OK`. Many use chibicc-specific behaviour, so this is a checklist of features
# (the count is reported) with a floor that only guards against regressions.
#   chibicc.sh KITE FLOOR [kite run options...]     Exit 77 = skipped (../shared absent).
set -u
kite=$1; floor=$2; shift 2
source "$(dirname "$0")/suite_lib.sh"
enter_suite_copy chibicc
cp test/common test/common.c  # kite run picks the front end by the .c suffix; tests include "test/X"
pass=0; fail=0
for path in test/*.c; do
  f=${path#test/}
  [ "$f" = common.c ] && continue
  out=$(timeout 20 "$kite" run -w -Itest "$@" "$path" test/common.c 2> "$f.stderr")
  rc=$?
  if [ $rc = 0 ] && [ "$(printf '%s\n' "$out" | tail -1)" = OK ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    why=$(head -1 "$f.stderr")
    [ -z "$why" ] && why=$(printf '%s\n' "$out" | grep 'expected but got' | head -1)
    echo "FAIL $f (exit $rc): $(echo "$why" | cut -c1-160)"
  fi
done
echo "chibicc: $pass passed, $fail failed"
check_floor "$pass" "$floor"
