#!/bin/sh
# Whole-process start-up cost of `kite run`: instructions, as callgrind counts them from the
# first instruction of the dynamic loader to exit, for a program whose main returns 0, in
# each run mode. A benchmark, not a test: it prints numbers and asserts nothing.
#
#   bench/startup_process.sh [KITE]      (default: build/kite)
#
# For scale it also counts an empty C program built by gcc (the floor of any dynamically
# linked process here) and MIR's c2m on the same IR when they are on PATH.
set -eu

kite=${1:-build/kite}
if [ ! -x "$kite" ]; then
  echo "startup_process.sh: no kite binary at '$kite' (build first, or pass its path)" >&2
  exit 2
fi
if ! command -v valgrind >/dev/null 2>&1; then
  echo "startup_process.sh: needs valgrind" >&2
  exit 2
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'm: module\nexport main\nmain: func i32\nret 0\nendfunc\nendmodule\n' >"$dir/ret0.mir"

# Prints the instruction count of the whole process "$@" (its exit status must be 0).
count() {
  valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$@" >/dev/null 2>"$dir/log" || {
    echo "startup_process.sh: '$*' failed:" >&2
    cat "$dir/log" >&2
    exit 1
  }
  sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$dir/log"
}

printf '%-32s %12s\n' "process" "instructions"
for mode in --lazy --jit --interp; do
  printf '%-32s %12s\n' "kite run $mode" "$(count "$kite" run "$dir/ret0.mir" "$mode")"
done
if command -v gcc >/dev/null 2>&1; then
  printf 'int main(void) { return 0; }\n' >"$dir/empty.c"
  if gcc -O2 "$dir/empty.c" -o "$dir/empty" 2>/dev/null; then
    printf '%-32s %12s\n' "empty C program (gcc -O2)" "$(count "$dir/empty")"
  fi
fi
if command -v c2m >/dev/null 2>&1; then
  for mode in -ei -eg -el; do
    printf '%-32s %12s\n' "c2m $mode" "$(count c2m "$dir/ret0.mir" "$mode")"
  done
fi
