#!/usr/bin/env bash
# The C front end's speed and memory, in one run. A benchmark, not a test: it prints tables and
# asserts nothing (it stops only when a command it measures fails).
#
#   bench/c_frontend.sh [KITE]      (default: build/kite)
#
# 1. Instructions (callgrind, whole process, so the dynamic loader and Kite's start-up are in):
#    C to IR for ../shared/suites/c-benchmarks/nbody.c with its glibc headers (`kite check`
#    compiles and verifies, `kite cc -S` also prints the IR, `kite cc -E` only preprocesses),
#    and `kite run` of a C file whose main returns 0, bare and including <stdio.h>.
# 2. oggenc.c (58k lines, one file): wall seconds, best of ROUNDS (default 3), and peak
#    resident memory, for C to IR (`kite check`), C to running code (`kite run --jit`, which
#    compiles every function before main; oggenc then prints its usage and exits), against
#    `gcc -O0 -c` and `gcc -O2 -c` of the same file, and MIR's c2m when it is on PATH.
set -u
here=$(cd "$(dirname "$0")" && pwd)
suites="$here/../../shared/suites/c-benchmarks"
kite=${1:-build/kite}
rounds=${ROUNDS:-3}
if [ ! -x "$kite" ]; then echo "c_frontend.sh: no kite binary at '$kite' (build first)" >&2; exit 2; fi
if [ ! -d "$suites" ]; then echo "c_frontend.sh: $suites is absent" >&2; exit 2; fi
kite=$(cd "$(dirname "$kite")" && pwd)/$(basename "$kite")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$suites/nbody.c" "$suites/oggenc.c" "$dir"/
cd "$dir"
printf 'int main(void) { return 0; }\n' > empty.c
printf '#include <stdio.h>\nint main(void) { return 0; }\n' > stdio.c

# Instruction count of the whole process "$@"; its exit status must be 0 (or $ok_status).
count() {
  valgrind --tool=callgrind --callgrind-out-file=cg.out "$@" > /dev/null 2> cg.log
  local rc=$?
  if [ $rc -ne 0 ] && [ $rc -ne "${ok_status:-0}" ]; then
    echo "c_frontend.sh: '$*' failed (exit $rc):" >&2; tail -5 cg.log >&2; exit 1
  fi
  sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' cg.log
}

if command -v valgrind > /dev/null 2>&1; then
  printf '%-44s %14s\n' "process (callgrind)" "instructions"
  printf '%-44s %14s\n' "kite check nbody.c (C to verified IR)" "$(count "$kite" check nbody.c)"
  printf '%-44s %14s\n' "kite cc -S nbody.c (and print the IR)" "$(count "$kite" cc -S nbody.c -o nbody.mir)"
  printf '%-44s %14s\n' "kite cc -E nbody.c (preprocess only)" "$(count "$kite" cc -E nbody.c -o nbody.i)"
  for mode in --interp --lazy --jit; do
    printf '%-44s %14s\n' "kite run $mode empty.c" "$(count "$kite" run $mode empty.c)"
  done
  printf '%-44s %14s\n' "kite run --lazy stdio.c (<stdio.h>)" "$(count "$kite" run --lazy stdio.c)"
  echo
else
  echo "c_frontend.sh: valgrind absent, instruction counts skipped"
fi

# Best wall seconds and the peak RSS (KiB) of that run of "$@", printed as "SECONDS KIB".
best() {
  local bt="" bm="" t m rc
  for ((r = 0; r < rounds; r++)); do
    /usr/bin/time -f '%e %M' -o time.out "$@" > /dev/null 2> run.err
    rc=$?
    if [ $rc -ne 0 ] && [ $rc -ne "${ok_status:-0}" ]; then
      echo "c_frontend.sh: '$*' failed (exit $rc):" >&2; tail -5 run.err >&2; exit 1
    fi
    read -r t m < <(tail -1 time.out)
    if [ -z "$bt" ] || [ "$(echo "$t < $bt" | bc)" = 1 ]; then bt=$t; bm=$m; fi
  done
  echo "$bt $bm"
}

if [ ! -x /usr/bin/time ]; then echo "c_frontend.sh: /usr/bin/time absent (apt-get install time)" >&2; exit 2; fi
printf '%-40s %9s %11s\n' "oggenc.c ($(wc -l < oggenc.c) lines)" "seconds" "peak MiB"
row() {
  local label=$1; shift
  local t m
  read -r t m < <(best "$@")
  printf '%-40s %9s %11s\n' "$label" "$t" "$(echo "scale=1; $m / 1024" | bc)"
}
row "kite check (C to IR)" "$kite" check oggenc.c
ok_status=1 row "kite run --jit -O1 (C to running code)" "$kite" run --jit -O1 oggenc.c
ok_status=1 row "kite run --jit -O0 (C to running code)" "$kite" run --jit -O0 oggenc.c
if command -v gcc > /dev/null 2>&1; then
  row "gcc -O0 -c" gcc -O0 -w -c oggenc.c -o oggenc.o
  row "gcc -O2 -c" gcc -O2 -w -c oggenc.c -o oggenc.o
fi
if command -v c2m > /dev/null 2>&1; then
  row "c2m -c (MIR, C to IR)" c2m -c oggenc.c
  ok_status=1 row "c2m -eg (MIR, C to running code)" c2m oggenc.c -eg
fi
