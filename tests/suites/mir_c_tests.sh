#!/usr/bin/env bash
# One folder of mir-c-tests (../shared/suites/mir-c-tests/SET) through `kite run`, judged as the
# suites README says:
#   gcc, andrewchambers_c   exit status 0
#   lacc                    exit status equals X.c.expectrc (0 when absent)
#   new                     exit status equals X.expectrc or X.c.expectrc (0 when absent), stdout
#                           equals X.expect when present; add-X.c / add-X.mir go alongside X.c;
#                           programs using MIR-only builtins (__builtin_jcall, __builtin_prop_*)
#                           are out of scope and not counted
#   havoc                   rejected cleanly: exit 1 with an `error:` message (no crash, no hang)
# At least FLOOR cases must pass; failures are listed.
#   mir_c_tests.sh KITE SET FLOOR [kite run options...]     Exit 77 = skipped (../shared absent).
set -u
kite=$1; set_name=$2; floor=$3; shift 3
source "$(dirname "$0")/suite_lib.sh"
enter_suite_copy "mir-c-tests/$set_name"
# The torture tests call the C library the way only its own tests may (string-opt-18 passes
# strcpy the same buffer twice, to see that an equal-pointer shortcut keeps the result):
# under ASan the str* interceptors would judge the program, not Kite. Judged by exit status
# and stdout, so the interceptors' start-up notes on stderr do not matter either way.
export ASAN_OPTIONS="$ASAN_OPTIONS:replace_str=0:intercept_strlen=0:intercept_strchr=0:intercept_strndup=0"
pass=0; fail=0; skipped=0
for f in *.c; do
  case $f in add-*) continue ;; esac
  base=${f%.c}
  files=("$f")
  want_rc=0
  want_out=
  case $set_name in
    lacc) [ -f "$f.expectrc" ] && want_rc=$(cat "$f.expectrc") ;;
    new)
      if grep -q '__builtin_jcall\|__builtin_prop_' "$f"; then skipped=$((skipped + 1)); continue; fi
      [ -f "add-$base.c" ] && files+=("add-$base.c")
      [ -f "add-$base.mir" ] && files+=("add-$base.mir")
      [ -f "$base.expectrc" ] && want_rc=$(cat "$base.expectrc")
      [ -f "$f.expectrc" ] && want_rc=$(cat "$f.expectrc")
      [ -f "$base.expect" ] && want_out="$base.expect"
      ;;
    havoc) want_rc=1 ;;
  esac
  out=$(timeout 20 "$kite" run "$@" "${files[@]}" 2>"$base.stderr")
  rc=$?
  ok=1
  [ "$rc" = "$want_rc" ] || ok=0
  if [ -n "$want_out" ] && [ "$out" != "$(cat "$want_out")" ]; then ok=0; fi
  if [ "$set_name" = havoc ] && ! grep -q 'error:' "$base.stderr"; then ok=0; fi
  if [ $ok = 1 ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $f (exit $rc, want $want_rc): $(head -1 "$base.stderr" | cut -c1-160)"
  fi
done
out_of_scope=""
[ "$skipped" -gt 0 ] && out_of_scope=", $skipped out of scope (MIR-only builtins)"
echo "$set_name: $pass passed, $fail failed$out_of_scope"
check_floor "$pass" "$floor"
