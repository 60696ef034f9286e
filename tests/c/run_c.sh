#!/usr/bin/env bash
# Runs one C program and checks its exit status (0, or the number in NAME.status) and its
# standard output against NAME.expected, byte for byte.
# Usage: run_c.sh kite KITE FILE.c [kite run options...]   (Kite's build of the program)
#        run_c.sh text KITE FILE.c                          (its IR printed by `kite cc -S`,
#                                                            read back and run: the text is exact)
#        run_c.sh gcc FILE.c                                (gcc -O0's build: the oracle's check)
# Exit 77 = skipped (no gcc for the second form).
set -u
how=$1; shift
if [ "$how" = kite ] || [ "$how" = text ]; then
  kite=$1; file=$2; shift 2
else
  file=$1; shift
  command -v gcc > /dev/null || { echo "skipped: no gcc"; exit 77; }
fi
base=${file%.c}
want_status=0
[ -f "$base.status" ] && want_status=$(cat "$base.status")
out=$(mktemp)
if [ "$how" = kite ]; then
  "$kite" run "$@" "$file" > "$out"
  status=$?
elif [ "$how" = text ]; then
  ir=$(mktemp --suffix=.mir)
  "$kite" cc -S -w "$file" -o "$ir" || { echo "FAIL: kite cc -S $file"; rm -f "$ir" "$out"; exit 1; }
  "$kite" run --jit "$ir" > "$out"
  status=$?
  rm -f "$ir"
else
  exe=$(mktemp)
  gcc -O0 -w -o "$exe" "$file" -lm || { echo "FAIL: gcc cannot build $file"; rm -f "$exe" "$out"; exit 1; }
  "$exe" > "$out"
  status=$?
  rm -f "$exe"
fi
rc=0
if [ "$status" != "$want_status" ]; then
  echo "FAIL: $file exited $status, expected $want_status"; rc=1
fi
if ! cmp -s "$out" "$base.expected"; then
  echo "FAIL: $file output differs from $base.expected:"; diff "$base.expected" "$out" | head -20; rc=1
fi
rm -f "$out"
exit $rc
