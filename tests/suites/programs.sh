#!/usr/bin/env bash
# The real C programs of ../shared/suites, built from their sources by `kite run` (each .c file
# its own module) and judged as the suites README says:
#   zlib      test/example and test/infcover exit 0; test/minigzip compresses a file from stdin
#             and `minigzip -d` restores it byte for byte, and gzip -d agrees
#   coremark  the four CRCs of the README for `0x0 0x0 0x66 ITER 7 1 2000`, no "ERROR! ... crc"
#   awfy      all 14 benchmarks: exit 0, 14 "average:" lines, no "incorrect result"
#   miniz     examples 1 and 2 print "Success."; 3 and 5 compress a file and restore it
#   programs.sh KITE PROGRAM [kite run options...]     Exit 77 = skipped (../shared absent).
set -u
kite=$1; program=$2; shift 2
source "$(dirname "$0")/suite_lib.sh"
fail() { echo "FAIL: $program: $*"; exit 1; }
run() { timeout 900 "$kite" run -w "$@"; }
# Some text to compress: the C sources of the suite itself, a few hundred KB.
make_input() { cat "$@" > input.txt; [ -s input.txt ] || fail "no input"; }
case $program in
  zlib)
    enter_suite_copy zlib
    lib=(adler32.c compress.c crc32.c deflate.c gzclose.c gzlib.c gzread.c gzwrite.c infback.c inffast.c
         inflate.c inftrees.c trees.c uncompr.c zutil.c)
    run -I. "$@" "${lib[@]}" test/example.c > example.out 2>&1 || { cat example.out; fail "example exited $?"; }
    run -I. "$@" "${lib[@]}" test/infcover.c > infcover.out 2>&1 || { tail -5 infcover.out; fail "infcover exited $?"; }
    make_input ./*.c ./*.h
    run -I. "$@" "${lib[@]}" test/minigzip.c < input.txt > input.gz || fail "minigzip exited $?"
    run -I. "$@" "${lib[@]}" test/minigzip.c -- -d < input.gz > restored.txt || fail "minigzip -d exited $?"
    cmp -s input.txt restored.txt || fail "minigzip -d did not restore the input"
    if command -v gzip > /dev/null; then gzip -dc < input.gz | cmp -s - input.txt || fail "gzip -d disagrees"; fi
    echo "zlib: example, infcover and minigzip pass" ;;
  coremark)
    enter_suite_copy coremark
    iterations=${COREMARK_ITERATIONS:-20}
    run -I. -Iposix -DFLAGS_STR='"kite"' "$@" core_list_join.c core_main.c core_matrix.c core_state.c core_util.c \
      posix/core_portme.c -- 0x0 0x0 0x66 "$iterations" 7 1 2000 > coremark.out 2>&1
    rc=$?
    for want in "seedcrc          : 0xe9f5" "\[0\]crclist       : 0xe714" "\[0\]crcmatrix     : 0x1fd7" \
                "\[0\]crcstate      : 0x8e3a"; do
      grep -q "$want" coremark.out || { cat coremark.out; fail "no line '$want' (exit $rc)"; }
    done
    if grep -q "ERROR!.*crc" coremark.out; then cat coremark.out; fail "a CRC error"; fi
    echo "coremark: the four CRCs match ($iterations iterations)" ;;
  awfy)
    enter_suite_copy awfy-c
    run "$@" C/*.c C/som/*.c > awfy.out 2>&1 || { tail -5 awfy.out; fail "exited $?"; }
    n=$(grep -c "average:" awfy.out)
    [ "$n" = 14 ] || { tail -5 awfy.out; fail "$n of 14 benchmarks report an average"; }
    if grep -q "incorrect result" awfy.out; then grep "incorrect result" awfy.out; fail "an incorrect result"; fi
    echo "awfy: 14 benchmarks pass" ;;
  miniz)
    enter_suite_copy miniz
    lib=(miniz.c miniz_tdef.c miniz_tinfl.c miniz_zip.c)
    for e in 1 2; do
      run -I. "$@" "${lib[@]}" "examples/example$e.c" > "ex$e.out" 2>&1 || { tail -5 "ex$e.out"; fail "example$e exited $?"; }
      grep -q "Success\." "ex$e.out" || { tail -5 "ex$e.out"; fail "example$e printed no 'Success.'"; }
    done
    make_input ./*.c ./*.h
    for e in 3 5; do
      run -I. "$@" "${lib[@]}" "examples/example$e.c" -- c input.txt "packed$e" > /dev/null || fail "example$e c exited $?"
      run -I. "$@" "${lib[@]}" "examples/example$e.c" -- d "packed$e" "restored$e" > /dev/null || fail "example$e d exited $?"
      cmp -s input.txt "restored$e" || fail "example$e did not restore the file"
    done
    echo "miniz: examples 1, 2, 3 and 5 pass" ;;
  *) echo "programs.sh: unknown program '$program'"; exit 2 ;;
esac
exit 0
