#!/usr/bin/env bash
# `kite cc` as a gcc-like driver and `kite run` of scripts: IR objects (-c), linking into an
# executable script, scripts with #!, -run, -include, -l/-L, -v, --time-passes and the
# errors. Every check asserts what a user sees: files made, exit statuses, output.
# Usage: driver_test.sh KITE     (prints "N passed, N failed"; exits 1 on any failure)
set -u
kite=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
# Linked programs and C scripts start with `#!/usr/bin/env -S kite run`: this build's kite.
export PATH="$(dirname "$kite"):$PATH"
passed=0
failed=0
# check NAME WANT_STATUS WANT_OUTPUT_REGEX COMMAND...: stdout and stderr together; the
# pattern "" wants no output at all.
check() {
  local name=$1 want=$2 pattern=$3
  shift 3
  local out status
  out=$("$@" 2>&1)
  status=$?
  if [ "$status" -ne "$want" ]; then
    echo "FAIL $name: exit $status, expected $want: $out"
    failed=$((failed + 1))
  elif [ -z "$pattern" ] && [ -n "$out" ]; then
    echo "FAIL $name: expected no output: $out"
    failed=$((failed + 1))
  elif [ -n "$pattern" ] && ! printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
    echo "FAIL $name: output does not match '$pattern': $out"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
}
# expect NAME CONDITION...: a test(1) condition.
expect() {
  local name=$1
  shift
  if test "$@"; then passed=$((passed + 1)); else echo "FAIL $name"; failed=$((failed + 1)); fi
}

mkdir src
cat > src/main.c << 'EOF'
#include <stdio.h>
int twice(int);
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) printf("[%s]", argv[i]);
  printf("\n");
  return twice(argc);
}
EOF
cat > src/twice.c << 'EOF'
int twice(int x) { return 2 * x; }
EOF

# -c: one IR object per C file, named as gcc names it (x.c -> ./x.o), holding IR text.
check c_objects 0 '' "$kite" cc -c src/main.c src/twice.c
expect c_main_o -f main.o
expect c_twice_o -f twice.o
check c_object_is_ir 0 '^twice.c:	module' head -1 twice.o
check c_o_name 0 '' "$kite" cc -c src/twice.c -o other.o
expect c_o_name_file -f other.o
check c_o_several 2 "cannot specify '-o' with '-c'" "$kite" cc -c src/main.c src/twice.c -o x.o

# Linking IR objects makes an executable script; it runs with its arguments.
check link 0 '' "$kite" cc -o prog main.o twice.o
expect link_executable -x prog
check link_shebang 0 '^#!/usr/bin/env -S kite run$' head -1 prog
check prog_runs 8 '^\[a b\]\[c d\]\[e\]$' ./prog "a b" "c d" e
check prog_through_run 4 '^\[x\]$' "$kite" run prog x
# C files, IR objects and IR text mixed; a.out by default.
"$kite" cc -S src/twice.c -o twice.mir
check link_mixed 0 '' "$kite" cc src/main.c twice.mir
check a_out 2 '' ./a.out
check link_unresolved 1 "unresolved import 'twice'" "$kite" cc -o bad src/main.c
expect link_unresolved_no_file ! -e bad

# kite run of IR objects.
check run_objects 6 '^\[p\]\[q\]$' "$kite" run main.o twice.o -- p q
# An ELF object is named as such, in one line.
printf '\177ELF\2\1\1\0\0\0\0\0\0\0\0\0' > elf.o
check elf_object 1 "^kite: 'elf.o' is an ELF object, not Kite IR \(compile it with kite cc -c\)$" \
  "$kite" run main.o elf.o
check elf_object_cc 1 "^kite: 'elf.o' is an ELF object, not Kite IR" "$kite" cc -o p2 main.o elf.o

# -run, as tcc's: everything after the first file is the program's.
cat > hello.c << 'EOF'
#include <stdio.h>
int main(int argc, char **argv) { printf("hello %s\n", argc > 1 ? argv[1] : "nobody"); return argc; }
EOF
check cc_run 2 '^hello src/twice.c$' "$kite" cc -w -run hello.c src/twice.c
check cc_run_args 3 '^hello -x$' "$kite" cc -O2 -run hello.c -x y

# A C file whose first line is #! runs when made executable; its arguments are the program's.
cat > script.c << 'EOF'
#!/usr/bin/env -S kite run
#include <stdio.h>
int main(int argc, char **argv) { printf("script %d %s\n", argc, argv[argc - 1]); return 7; }
EOF
chmod +x script.c
check c_script 7 '^script 3 two$' ./script.c one two
check c_script_run 7 '^script 2 --jit$' "$kite" run script.c --jit

# -include FILE: read before the main file, found in the current directory first.
echo '#define FORCED 40' > forced.h
echo 'int main(void) { return FORCED + 2; }' > forced.c
check include 42 '' "$kite" cc -include forced.h -run forced.c
check include_missing 1 "cannot find 'nothere.h' for -include" "$kite" cc -include nothere.h -run forced.c
# -x c: a C file by any name.
cp hello.c hello.txt
check x_c 1 '^hello nobody$' "$kite" cc -x c -run hello.txt

# -l: glibc's libraries always work, an unknown one is one line and exit 1.
cat > sqrt.c << 'EOF'
#include <math.h>
#include <stdlib.h>
int main(int argc, char **argv) { return (int)sqrt(atof(argc > 1 ? argv[1] : "0")); }
EOF
check lm_run 9 '' "$kite" cc -lm -lpthread -ldl -lc -run sqrt.c 81
check lm_link 0 '' "$kite" cc sqrt.c -lm -o sqrt
check lm_recorded 0 '^#kite-option: -lm$' sed -n 2p sqrt
check lm_prog 5 '' ./sqrt 25
check l_unknown 1 '^kite: cannot find -lno_such_library_anywhere$' "$kite" cc -lno_such_library_anywhere sqrt.c
check l_unknown_run 1 '^kite: cannot find -lno_such_library_anywhere$' "$kite" run -lno_such_library_anywhere sqrt.c
# A library of our own through -L, from a program run in another directory.
if command -v gcc > /dev/null; then
  mkdir lib
  echo 'int triple(int x) { return 3 * x; }' > lib/triple.c
  gcc -shared -fPIC -o lib/libtriple.so lib/triple.c
  echo 'int triple(int); int main(void) { return triple(5); }' > usetriple.c
  check l_own 0 '' "$kite" cc -L lib -ltriple usetriple.c -o usetriple
  check l_own_runs 15 '' sh -c 'cd / && "$0"' "$work/usetriple"
  check l_own_missing 1 'cannot find -ltriple' "$kite" cc -ltriple usetriple.c -o usetriple2
else
  echo "skipped: -L with a library of our own (no gcc)"
fi

# gcc's flags: code generation flags are ignored and -v names them once; unknown ones are
# a usage error.
check ignored 0 '^kite: ignoring -fPIC -march=native -Wl,--as-needed$' \
  "$kite" cc -v -fPIC -march=native -Wl,--as-needed -O3 -g -Wall -Wextra -pthread -std=gnu99 -c hello.c
check verbose_phases 0 'kite: C front end hello.c [0-9.]+ ms' "$kite" cc -v -c hello.c
check verbose_link 0 'kite: link [0-9.]+ ms' "$kite" cc -v hello.c -o hello
check verbose_run 1 'kite: code generation [0-9.]+ ms' "$kite" run -v hello.c
check unknown_option 2 "^kite: unknown option '--frobnicate'$" "$kite" cc --frobnicate hello.c
check unknown_language 2 "language 'c\+\+' is not supported" "$kite" cc -x c++ hello.c

# --time-passes shows the C front end's stages beside the back end's.
check time_passes 1 'c-front parse +1 files +[0-9.]+ ms' "$kite" run --jit --time-passes hello.c
check time_passes_irgen 1 'c-front irgen +1 files' "$kite" run --jit --time-passes hello.c
check time_passes_back 1 'codegen machinize +[0-9]+ runs' "$kite" run --jit --time-passes hello.c
check time_passes_cc 0 'c-front parse +2 files' "$kite" cc --time-passes -c hello.c sqrt.c

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
