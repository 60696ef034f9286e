#!/usr/bin/env bash
# Code speed on the c-benchmarks in IR (../shared/suites/c-benchmarks-ir, as MIR's c2m writes
# them) against gcc -O2's build of the same C source, in one run: each benchmark at the
# argument that folder's README gives (a tenth of the full size), in each kite mode, with the
# output checked against gcc's. A benchmark, not a test: it prints a table and asserts nothing.
#
#   bench/c_benchmarks_ir.sh [KITE] [MODE...]     (default: build/kite; --jit -O1, --jit -O0, --interp)
#
# Times are wall-clock seconds, best of ROUNDS (default 1; set ROUNDS=3 for steadier figures);
# ratios are kite / gcc, with their geometric mean over the benchmarks whose output matched.
set -u
here=$(cd "$(dirname "$0")" && pwd)
suites="$here/../../shared/suites"
kite=${1:-build/kite}
shift || true
modes=("$@")
[ ${#modes[@]} -eq 0 ] && modes=("--jit -O1" "--jit -O0" "--interp")
rounds=${ROUNDS:-1}
if [ ! -d "$suites/c-benchmarks-ir" ]; then echo "c_benchmarks_ir.sh: $suites/c-benchmarks-ir is absent" >&2; exit 2; fi
if [ ! -x "$kite" ]; then echo "c_benchmarks_ir.sh: no kite binary at '$kite'" >&2; exit 2; fi
args="array:600000 binary-trees:16 except:20000000 funnkuch-reduce:10 hash:5000 hash2:2000 heapsort:1000000
lists:3000 matrix:30000 method-call:70000000 mandelbrot:2200 nbody:5000000 sieve:30000 spectral-norm:3000
strcat:1000000"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$suites"/c-benchmarks/*.c "$suites"/c-benchmarks/*.h "$dir"/

# Best wall time of "$@" over the rounds, output to $dir/out.
best() {
  local b="" t s e
  for ((r = 0; r < rounds; r++)); do
    s=$(date +%s.%N)
    "$@" > "$dir/out" 2> /dev/null
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}

printf '%-16s %8s' benchmark gcc
for m in "${modes[@]}"; do printf ' %16s' "$m"; done
echo
declare -A logsum count
for pair in $args; do
  name=${pair%%:*}; arg=${pair#*:}
  gcc -O2 -w -I"$dir" -o "$dir/$name.gcc" "$dir/$name.c" -lm || continue
  g=$(best "$dir/$name.gcc" "$arg")
  cp "$dir/out" "$dir/$name.expected"
  printf '%-16s %8.3f' "$name" "$g"
  for m in "${modes[@]}"; do
    # shellcheck disable=SC2086
    k=$(best "$kite" run $m "$suites/c-benchmarks-ir/$name.mir" -- "$arg")
    if cmp -s "$dir/out" "$dir/$name.expected"; then
      ratio=$(echo "$k / $g" | bc -l)
      printf ' %7.3f (%5.2fx)' "$k" "$ratio"
      logsum[$m]=$(echo "${logsum[$m]:-0} + l($ratio)" | bc -l)
      count[$m]=$(( ${count[$m]:-0} + 1 ))
    else
      printf ' %16s' "WRONG OUTPUT"
    fi
  done
  echo
done
printf '%-16s %8s' "geomean" ""
for m in "${modes[@]}"; do
  if [ "${count[$m]:-0}" -gt 0 ]; then printf ' %7s (%5.2fx)' "n=${count[$m]}" "$(echo "e(${logsum[$m]} / ${count[$m]})" | bc -l)"; else printf ' %16s' "-"; fi
done
echo
