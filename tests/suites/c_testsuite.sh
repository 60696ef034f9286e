#!/usr/bin/env bash
# c-testsuite (../shared/suites/c-testsuite/tests/single-exec) through `kite run`: each N.c must
# exit 0 with stdout+stderr equal to N.c.expected. The C front end does not pass all of them
# yet, so this checks a floor: at least FLOOR programs pass (raise it as the front end grows),
# and lists the failures.
#   c_testsuite.sh KITE FLOOR [kite run options...]      Exit 77 = skipped (../shared absent).
set -u
kite=$1; floor=$2; shift 2
source "$(dirname "$0")/suite_lib.sh"
enter_suite_copy c-testsuite/tests/single-exec
pass=0; fail=0
for f in *.c; do
  out=$(timeout 20 "$kite" run "$@" "$f" 2>&1)
  rc=$?
  if [ $rc = 0 ] && [ "$out" = "$(cat "$f.expected")" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $f (exit $rc): $(echo "$out" | head -1 | cut -c1-160)"
  fi
done
echo "$pass passed, $fail failed"
check_floor "$pass" "$floor"
