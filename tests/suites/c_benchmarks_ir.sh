#!/usr/bin/env bash
# The c-benchmarks as MIR's C compiler writes them in IR (../shared/suites/c-benchmarks-ir),
# run by `kite run` and judged against gcc -O2's build of the same C source at the same argument.
#   c_benchmarks_ir.sh reference DIR NAME:ARG...   build each NAME.c with gcc -O2 in DIR and
#                                                  write its output and exit status for ARG to
#                                                  DIR/NAME.expected and DIR/NAME.status
#   c_benchmarks_ir.sh run KITE DIR NAME ARG [kite run options...]
#   c_benchmarks_ir.sh run-c KITE DIR NAME ARG [kite run options...]   the same from the C source
#                                                  (../shared/suites/c-benchmarks/NAME.c)
# Exit 77 = skipped (../shared absent, or no gcc to give the expected output).
set -u
here=$(cd "$(dirname "$0")" && pwd)
suites="$here/../../../shared/suites"
cmd=$1; shift
case "$cmd" in
  reference)
    dir=$1; shift
    if [ ! -d "$suites/c-benchmarks" ]; then echo "skipped: $suites/c-benchmarks is absent (../shared not beside the repo?)"; exit 77; fi
    if ! command -v gcc > /dev/null; then echo "skipped: no gcc to compute the expected outputs"; exit 77; fi
    mkdir -p "$dir"
    src=$(mktemp -d)
    cp "$suites"/c-benchmarks/*.c "$suites"/c-benchmarks/*.h "$src"/  # the folder is read-only
    rc=0
    for pair in "$@"; do
      name=${pair%%:*}; arg=${pair#*:}
      rm -f "$dir/$name.expected" "$dir/$name.status"
      if ! gcc -O2 -w -I"$src" -o "$dir/$name.gcc" "$src/$name.c" -lm; then echo "FAIL: gcc could not build $name.c"; rc=1; continue; fi
      "$dir/$name.gcc" "$arg" > "$dir/$name.out"
      echo $? > "$dir/$name.status"  # some benchmarks return non-zero
      mv "$dir/$name.out" "$dir/$name.expected"
      echo "$name $arg: $(wc -c < "$dir/$name.expected") bytes of expected output"
    done
    rm -rf "$src"
    exit $rc ;;
  run | run-c)
    kite=$1; dir=$2; name=$3; arg=$4; shift 4
    file="$suites/c-benchmarks-ir/$name.mir"
    [ "$cmd" = run-c ] && { file="$suites/c-benchmarks/$name.c"; set -- -w "$@"; }
    if [ ! -f "$file" ]; then echo "skipped: $file is absent (../shared not beside the repo?)"; exit 77; fi
    if [ ! -f "$dir/$name.expected" ] || [ ! -f "$dir/$name.status" ]; then echo "skipped: no gcc reference output for $name"; exit 77; fi
    # Some benchmarks never free what they allocate (binary-trees, spectral-norm): under ASan
    # that is the program's leak, not Kite's, which the other tests check.
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
    out=$(mktemp)
    "$kite" run "$@" "$file" -- "$arg" > "$out"
    status=$?
    want=$(cat "$dir/$name.status")
    rc=0
    if [ "$status" != "$want" ]; then echo "FAIL: $name exited $status, gcc's build $want"; rc=1; fi
    if ! cmp -s "$out" "$dir/$name.expected"; then
      echo "FAIL: $name $arg ($*): output differs from gcc -O2's:"; diff "$dir/$name.expected" "$out" | head -20; rc=1
    fi
    rm -f "$out"
    [ $rc = 0 ] && echo "ok: $name $arg ($*)"
    exit $rc ;;
  *) echo "usage: c_benchmarks_ir.sh reference DIR NAME:ARG... | run[-c] KITE DIR NAME ARG [options]"; exit 2 ;;
esac
