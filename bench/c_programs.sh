#!/usr/bin/env bash
# Real C through Kite against gcc and tcc, in one run. A benchmark, not a test: it prints
# tables and asserts nothing (it stops only when a command it measures fails or gives the
# wrong output).
#
#   bench/c_programs.sh [KITE]      (default: build/kite)
#
# 1. Code speed, as a user sees it: the 15 c-benchmarks (../shared/suites/c-benchmarks) at
#    their full argument, CPU time (user + system) of the whole process, so Kite's compile
#    time is in: gcc -O2 and gcc -O0 binaries (compiled beforehand, not timed), `tcc -run`
#    (when tcc is on PATH; Debian package tcc) and `kite run` at --jit -O1, --jit -O0 and
#    --lazy. Each round runs every variant of a benchmark back to back (paired), ROUNDS
#    rounds (default 1: a round takes about a quarter of an hour); the table gives the median
#    seconds and the median ratio to gcc -O2, and the last line the geometric mean of those
#    ratios. BENCHES="nbody sieve" picks benchmarks.
# 2. Compile time, best of CROUNDS (default 3) wall seconds: Lua's onelua.c and the 15 files
#    of zlib by gcc -O0 -c, gcc -O2 -c, tcc -c, `kite cc -S` (C to IR text) and `kite run
#    --jit` (C to machine code for every function, then a trivial run: `lua -v`, zlib's
#    zlibVersion).
set -u
here=$(cd "$(dirname "$0")" && pwd)
suites="$here/../../shared/suites"
kite=${1:-build/kite}
rounds=${ROUNDS:-1}
crounds=${CROUNDS:-3}
if [ ! -x "$kite" ]; then echo "c_programs.sh: no kite binary at '$kite' (build first)" >&2; exit 2; fi
if [ ! -d "$suites" ]; then echo "c_programs.sh: $suites is absent" >&2; exit 2; fi
command -v gcc > /dev/null || { echo "c_programs.sh: needs gcc" >&2; exit 2; }
kite=$(cd "$(dirname "$kite")" && pwd)/$(basename "$kite")
have_tcc=0
command -v tcc > /dev/null && have_tcc=1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp -r "$suites/c-benchmarks" "$suites/lua-5.4" "$suites/zlib" "$dir"/
cd "$dir" || exit 1

# CPU seconds (user + system) of "$@", its stdout to $out; stops on failure.
cpu() {
  /usr/bin/time -f "%U %S" -o time.txt "$@" > "$out" 2> err.txt
  local rc=$?
  if [ $rc -ne 0 ]; then echo "c_programs.sh: '$*' failed (exit $rc):" >&2; tail -3 err.txt >&2; exit 1; fi
  awk '{printf "%.3f", $1 + $2}' time.txt
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

cd c-benchmarks || exit 1
benches=${BENCHES:-$(ls *.arg | sed 's/\.arg$//' | tr '\n' ' ')}
variants="gcc-O2 gcc-O0"
[ $have_tcc = 1 ] && variants="$variants tcc-run"
variants="$variants kite-O1 kite-O0 kite-lazy"
echo "1. c-benchmarks at full argument: CPU seconds (median of $rounds), ratio to gcc -O2"
printf '%-16s' benchmark
for v in $variants; do printf ' %16s' "$v"; done
echo
declare -A sum_log
for v in $variants; do sum_log[$v]=0; done
nb=0
for b in $benches; do
  arg=$(sh "$b.arg")
  gcc -O2 -w -o "$b.O2" "$b.c" -lm && gcc -O0 -w -o "$b.O0" "$b.c" -lm || exit 1
  out=$b.ref
  "./$b.O2" "$arg" > "$out"
  declare -A secs=()
  declare -A ratios=()
  for ((r = 0; r < rounds; r++)); do
    for v in $variants; do
      out=$b.$v.out
      case $v in
        gcc-O2) s=$(cpu "./$b.O2" "$arg") ;;
        gcc-O0) s=$(cpu "./$b.O0" "$arg") ;;
        tcc-run) s=$(cpu tcc -w -lm -run "$b.c" "$arg") ;;
        kite-O1) s=$(cpu "$kite" run -w --jit -O1 "$b.c" -- "$arg") ;;
        kite-O0) s=$(cpu "$kite" run -w --jit -O0 "$b.c" -- "$arg") ;;
        kite-lazy) s=$(cpu "$kite" run -w --lazy "$b.c" -- "$arg") ;;
      esac
      cmp -s "$b.ref" "$out" || { echo "c_programs.sh: $v's output of $b differs from gcc -O2's" >&2; exit 1; }
      secs[$v]="${secs[$v]:-} $s"
      [ "$v" = gcc-O2 ] && base=$s
      ratios[$v]="${ratios[$v]:-} $(awk -v a="$s" -v b="$base" 'BEGIN {printf "%.4f", (b > 0 ? a / b : 1)}')"
    done
  done
  printf '%-16s' "$b"
  for v in $variants; do
    m=$(echo "${secs[$v]}" | median)
    q=$(echo "${ratios[$v]}" | median)
    printf ' %7.2f s %5.2fx' "$m" "$q"
    sum_log[$v]=$(awk -v s="${sum_log[$v]}" -v q="$q" 'BEGIN {printf "%.6f", s + log(q)}')
  done
  echo
  nb=$((nb + 1))
done
printf '%-16s' "geomean"
for v in $variants; do printf ' %16s' "$(awk -v s="${sum_log[$v]}" -v n=$nb 'BEGIN {printf "%.2fx", exp(s / n)}')"; done
echo
echo "(MIR's c2m -eg, measured on this machine for the issue with the same sizes: 1.29x)"
echo
cd ..

# Best wall seconds of CROUNDS runs of "$@" (exit status ignored: lua -v / zlibVersion).
best() {
  local b=""
  for ((r = 0; r < crounds; r++)); do
    /usr/bin/time -f "%e" -o time.txt "$@" > /dev/null 2> err.txt
    local t
    t=$(cat time.txt | tail -1)
    b=$(awk -v a="$t" -v b="$b" 'BEGIN {print (b == "" || a < b) ? a : b}')
  done
  echo "$b"
}
echo "2. compile time: wall seconds, best of $crounds"
printf '%-28s %10s %10s\n' "" "onelua.c" "zlib"
zsrc="adler32.c compress.c crc32.c deflate.c gzclose.c gzlib.c gzread.c gzwrite.c infback.c inffast.c inflate.c inftrees.c trees.c uncompr.c zutil.c"
row() {  # label, lua command..., '|', zlib command...
  local label=$1; shift
  local lua=() z=()
  while [ "$1" != "|" ]; do lua+=("$1"); shift; done
  shift
  z=("$@")
  printf '%-28s %10s %10s\n' "$label" "$(cd lua-5.4 && best "${lua[@]}")" "$(cd zlib && best "${z[@]}")"
}
row "gcc -O0 -c" gcc -O0 -w -c -DLUA_USE_LINUX onelua.c -o /dev/null "|" sh -c "gcc -O0 -w -c $zsrc"
row "gcc -O2 -c" gcc -O2 -w -c -DLUA_USE_LINUX onelua.c -o /dev/null "|" sh -c "gcc -O2 -w -c $zsrc"
if [ $have_tcc = 1 ]; then
  row "tcc -c" tcc -w -c -DLUA_USE_LINUX onelua.c -o /dev/null "|" sh -c "for f in $zsrc; do tcc -w -c \$f || exit 1; done"
fi
row "kite cc -S (C to IR)" "$kite" cc -S -w -DLUA_USE_LINUX onelua.c -o /dev/null "|" \
  sh -c "for f in $zsrc; do '$kite' cc -S -w -I. \$f -o /dev/null || exit 1; done"
row "kite run --jit (C to code)" "$kite" run -w --jit -DLUA_USE_LINUX onelua.c -- -v "|" \
  "$kite" run -w --jit -I. --entry zlibVersion $zsrc
