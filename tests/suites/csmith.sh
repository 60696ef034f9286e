#!/usr/bin/env bash
# Differential testing against gcc with csmith's random programs: for each seed, csmith writes a
# program, gcc -O0 builds and runs it, and `kite run` must print the same `checksum = ...` line.
# Programs gcc's build cannot finish within 5 s are skipped (csmith may write long loops); kite
# gets 20 s. Every mismatch, crash, timeout and compile error is listed by seed.
#   csmith.sh KITE FIRST_SEED COUNT [kite run options...]
# Exit 1 on any failure, 77 (skipped) when csmith or its headers are not installed.
# KITE_CSMITH_KEEP=DIR keeps the failing programs there (as seedN.c) for triage.
set -u
kite=$1; first=$2; count=$3; shift 3
csmith_inc=/usr/include/csmith
if ! command -v csmith > /dev/null || [ ! -f "$csmith_inc/csmith.h" ]; then
  echo "skipped: csmith is not installed (scripts/setup installs csmith and libcsmith-dev)"
  exit 77
fi
source "$(dirname "$0")/suite_lib.sh"
enter_temp_dir
# Fewer functions than csmith's default of 10 keeps programs short-running and quick to compile.
# No packed structs: Kite rejects #pragma pack for now (drop the option when it lands).
csmith_opts=(--max-funcs 4 --no-packed-struct)
pass=0; fail=0; skipped=0
for ((seed = first; seed < first + count; seed++)); do
  prog=seed$seed.c
  if ! csmith --seed "$seed" "${csmith_opts[@]}" > "$prog" 2> /dev/null; then
    skipped=$((skipped + 1)); continue
  fi
  if ! gcc -O0 -w -I"$csmith_inc" "$prog" -o ref 2> /dev/null; then
    skipped=$((skipped + 1)); continue
  fi
  want=$(timeout 5 ./ref 2> /dev/null | grep '^checksum = ')
  if [ "${PIPESTATUS[0]}" != 0 ] || [ -z "$want" ]; then
    skipped=$((skipped + 1)); continue  # gcc's build ran too long (or crashed): no reference
  fi
  out=$(timeout 20 "$kite" run -w -I"$csmith_inc" "$@" "$prog" 2> kite.err)
  rc=$?
  got=$(echo "$out" | grep '^checksum = ')
  why=""
  if [ $rc = 124 ]; then why="timeout"
  elif [ $rc -gt 128 ]; then why="crash (signal $((rc - 128)))"
  elif [ -s kite.err ] && [ -z "$got" ]; then why="compile error: $(head -1 kite.err | cut -c1-160)"
  elif [ "$got" != "$want" ]; then why="mismatch: gcc '$want', kite '${got:-no checksum}' (exit $rc)"
  fi
  if [ -z "$why" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL seed $seed: $why"
    if [ -n "${KITE_CSMITH_KEEP:-}" ]; then mkdir -p "$KITE_CSMITH_KEEP" && cp "$prog" "$KITE_CSMITH_KEEP"/; fi
  fi
done
echo "csmith seeds $first..$((first + count - 1)): $pass passed, $fail failed, $skipped skipped (no gcc reference)"
[ "$fail" = 0 ]
