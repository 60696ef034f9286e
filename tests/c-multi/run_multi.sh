#!/usr/bin/env bash
# Runs one multi-file C program: every .c file of DIR is its own translation unit (its own
# module), all linked together; the exit status must be 0 and stdout equal DIR/expected.
# Options for both compilers are in DIR/flags, if present.
# Usage: run_multi.sh kite KITE DIR [kite run options...]  (Kite's build)
#        run_multi.sh text KITE DIR                        (each file's IR from `kite cc -S`,
#                                                           read back and linked: the text is exact)
#        run_multi.sh gcc DIR                              (gcc -O0's build: the oracle's check)
# Exit 77 = skipped (no gcc for the last form).
set -u
how=$1; shift
if [ "$how" = kite ] || [ "$how" = text ]; then
  kite=$1; dir=$2; shift 2
else
  dir=$1; shift
  command -v gcc > /dev/null || { echo "skipped: no gcc"; exit 77; }
fi
flags=()
[ -f "$dir/flags" ] && read -r -a flags < "$dir/flags"
files=("$dir"/*.c)
out=$(mktemp)
tmp=$(mktemp -d)
case $how in
  kite)
    "$kite" run -w "${flags[@]}" "$@" "${files[@]}" > "$out"
    status=$? ;;
  text)
    irs=()
    for f in "${files[@]}"; do
      ir="$tmp/$(basename "${f%.c}").mir"
      "$kite" cc -S -w "${flags[@]}" "$f" -o "$ir" || { echo "FAIL: kite cc -S $f"; rm -rf "$out" "$tmp"; exit 1; }
      irs+=("$ir")
    done
    "$kite" run --jit "${irs[@]}" > "$out"
    status=$? ;;
  *)
    gcc -O0 -w "${flags[@]}" -o "$tmp/prog" "${files[@]}" -lm || { echo "FAIL: gcc cannot build $dir"; rm -rf "$out" "$tmp"; exit 1; }
    "$tmp/prog" > "$out"
    status=$? ;;
esac
rc=0
[ "$status" = 0 ] || { echo "FAIL: $dir exited $status"; rc=1; }
if ! cmp -s "$out" "$dir/expected"; then
  echo "FAIL: $dir output differs from $dir/expected:"; diff "$dir/expected" "$out" | head -20; rc=1
fi
rm -rf "$out" "$tmp"
exit $rc
