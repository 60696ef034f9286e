# Sourced by the suite runners (bash). The suites in ../shared/suites are read-only data, so a
# runner works in a copy.
#   enter_suite_copy REL [NAME]   copies ../shared/suites/REL into a new temporary folder (named
#                                 NAME inside it when given, for suites that include files by
#                                 that name) and enters it; exits 77 (skipped) when REL is absent
#   enter_temp_dir                enters a new temporary folder, removed on exit
#   check_floor PASS FLOOR        exits 1 with a message when PASS < FLOOR, else 0
suite_lib_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

enter_temp_dir() {
  suite_tmp=$(mktemp -d)
  trap 'rm -rf "$suite_tmp"' EXIT
  cd "$suite_tmp" || exit 1
}

enter_suite_copy() {
  local src="$suite_lib_here/../../../shared/suites/$1"
  if [ ! -d "$src" ]; then echo "skipped: $src is absent (../shared not beside the repo?)"; exit 77; fi
  enter_temp_dir
  local dir="$suite_tmp${2:+/$2}"
  mkdir -p "$dir"
  cp -r "$src"/. "$dir"/
  cd "$dir" || exit 1
  # Some programs never free what they allocate: under ASan that is the program's leak, not Kite's.
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
}

check_floor() {
  if [ "$1" -lt "$2" ]; then echo "FAIL: fewer than the floor of $2 pass"; exit 1; fi
  exit 0
}
