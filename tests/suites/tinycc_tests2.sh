#!/usr/bin/env bash
# TinyCC's tests/tests2 (../shared/suites/tinycc-tests2/tests/tests2) through `kite run`, judged
# as the suites README says: the program's stdout and stderr equal N.expect, ignoring
# differences in white space. The tcc-specific cases are not counted: bound checking
# (112-116, 126, 132), 117, the `-dt` tests (60, 96, 125, 128), i386 (98, 99), 34 and
# 95_bitfields_ms. 31_args and 46_grep get their arguments; 104 and 120 link their `+` files.
# At least FLOOR cases must pass; failures are listed.
#   tinycc_tests2.sh KITE FLOOR [kite run options...]     Exit 77 = skipped (../shared absent).
set -u
kite=$1; floor=$2; shift 2
source "$(dirname "$0")/suite_lib.sh"
enter_suite_copy tinycc-tests2/tests/tests2 tests2  # 18_include includes "../tests2/18_include2.h"
pass=0; fail=0; skipped=0
for f in *.c; do
  base=${f%.c}
  num=${base%%_*}
  case $base in
    *+*) continue ;;  # the second file of a two-file test
    95_bitfields_ms) skipped=$((skipped + 1)); continue ;;
  esac
  case $num in
    112 | 113 | 114 | 115 | 116 | 126 | 132 | 117 | 60 | 96 | 125 | 128 | 98 | 99 | 34)
      skipped=$((skipped + 1)); continue ;;
  esac
  files=("$f")
  [ -f "$num+_${base#*_}.c" ] && files+=("$num+_${base#*_}.c")
  args=()
  case $num in
    31) args=(arg1 arg2 arg3 arg4 arg5) ;;
    46) args=('[^* ]*[:a:d: ]+\:\*-/: $' 46_grep.c) ;;
  esac
  # -w: the expected output has tcc's own warnings only where a test is about them.
  timeout 20 "$kite" run -w "$@" "${files[@]}" -- "${args[@]}" > "$base.out" 2>&1
  rc=$?
  if [ $rc -lt 124 ] && diff -w -B -q "$base.expect" "$base.out" > /dev/null; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $f (exit $rc): $(diff -w -B "$base.expect" "$base.out" | grep '^>' | head -1 | cut -c1-160)"
  fi
done
echo "tinycc tests2: $pass passed, $fail failed, $skipped tcc-specific not counted"
check_floor "$pass" "$floor"
