#!/usr/bin/env bash
# Lua 5.4's own test suite (../shared/suites/lua-5.4) through `kite run`, judged as the suites
# README says: the interpreter built from onelua.c with -DLUA_USE_LINUX (dlopen, POSIX) runs
# `lua -e"_U=true" all.lua` inside testes/ and must exit 0 and print `final OK !!!`.
#   lua.sh KITE [kite run options...]     Exit 77 = skipped (../shared absent).
set -u
kite=$1; shift
source "$(dirname "$0")/suite_lib.sh"
enter_suite_copy lua-5.4
chmod -R u+w .
cd testes || exit 1
timeout 600 "$kite" run -DLUA_USE_LINUX "$@" ../onelua.c -- -e"_U=true" all.lua > ../all.out 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q "final OK !!!" ../all.out; then
  echo "lua 5.4 test suite: final OK"
  exit 0
fi
echo "FAIL: lua 5.4 test suite (exit $rc); the end of its output:"
tail -5 ../all.out
exit 1
