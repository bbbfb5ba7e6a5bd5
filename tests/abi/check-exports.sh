#!/usr/bin/env bash
# Checks the dynamic symbol table of a libmicrohttpd.so build.
#
# Usage: bash tests/abi/check-exports.sh [--only-0.9.75] <path/to/libmicrohttpd.so>
#
#   - the SONAME is libmicrohttpd.so.12;
#   - every name listed in exports.txt (next to this script) is a defined,
#     unversioned, global function in the dynamic symbol table;
#   - no other symbol is exported except MHD_* ones (no Rust-mangled
#     _ZN..., no rust_*, no helper symbols); extra MHD_* exports are
#     reported as notes only.
#
# --only-0.9.75 skips the names listed after the "added in
# libmicrohttpd 1.0" marker in exports.txt (to check the real 0.9.75
# library, which does not have them).
#
# Prints one line per failure and a final "N passed, N failed" line;
# exits non-zero when anything failed.
set -u
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
list="$here/exports.txt"
only_old=0
if [ "${1:-}" = "--only-0.9.75" ]; then
  only_old=1
  shift
fi
lib="${1:-}"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

if [ -z "$lib" ]; then
  echo "usage: $0 [--only-0.9.75] <path/to/libmicrohttpd.so>" >&2
  bad "no library given"
  finish
fi
if [ ! -f "$lib" ]; then
  bad "library not found: $lib"
  finish
fi
for tool in nm readelf; do
  if ! command -v "$tool" >/dev/null; then
    bad "$tool not installed (binutils)"
    finish
  fi
done

# ---- expected names
if [ "$only_old" -eq 1 ]; then
  expected="$(sed '/added in libmicrohttpd 1.0/,$d' "$list" | grep -v '^#' | grep -v '^$')"
else
  expected="$(grep -v '^#' "$list" | grep -v '^$')"
fi
n_expected=$(printf '%s\n' "$expected" | wc -l)

# ---- SONAME
soname="$(timeout 60 readelf -d -W "$lib" 2>/dev/null \
  | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')"
if [ "$soname" = "libmicrohttpd.so.12" ]; then
  ok
else
  bad "SONAME is '${soname:-<none>}', expected 'libmicrohttpd.so.12'"
fi

# ---- dynamic symbols: "TYPE NAME" for every defined one
syms="$(timeout 60 nm -D --defined-only "$lib" 2>/dev/null | awk '{print $(NF-1), $NF}')"
if [ -z "$syms" ]; then
  bad "no defined dynamic symbols found in $lib (not a shared object?)"
  finish
fi
# symbol types from readelf: NAME -> FUNC/OBJECT..., and binding
dyn="$(timeout 60 readelf --dyn-syms -W "$lib" 2>/dev/null \
  | awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" {print $8, $4, $5}')"

while IFS= read -r name; do
  line="$(printf '%s\n' "$syms" | awk -v n="$name" '{split($2, a, "@")} a[1] == n {print; exit}')"
  if [ -z "$line" ]; then
    bad "$name: not exported (no defined dynamic symbol)"
    continue
  fi
  type="${line%% *}"
  full="${line#* }"
  problems=""
  if [ "$full" != "$name" ]; then
    problems="$problems versioned as '$full';"
  fi
  if [ "$type" != "T" ]; then
    problems="$problems nm type '$type' (expected T: global function in .text);"
  fi
  info="$(printf '%s\n' "$dyn" | awk -v n="$name" '{split($1, a, "@")} a[1] == n {print $2, $3; exit}')"
  if [ -n "$info" ] && [ "$info" != "FUNC GLOBAL" ]; then
    problems="$problems readelf says '$info' (expected FUNC GLOBAL);"
  fi
  if [ -n "$problems" ]; then
    bad "$name:$problems"
  else
    ok
  fi
done <<< "$expected"

# ---- nothing else may leak
all_expected="$(grep -v '^#' "$list" | grep -v '^$')"
leaks=0
extras=""
while read -r type full; do
  name="${full%%@*}"
  if printf '%s\n' "$all_expected" | grep -qxF -- "$name"; then
    continue
  fi
  case "$name" in
    MHD_*)
      extras="$extras $name"
      ;;
    *)
      leaks=$((leaks + 1))
      if [ "$leaks" -le 50 ]; then
        bad "unexpected exported symbol '$full' (type $type)"
      else
        fail=$((fail + 1))
      fi
      ;;
  esac
done <<< "$syms"
if [ "$leaks" -gt 50 ]; then
  echo "FAIL: ... and $((leaks - 50)) more unexpected exported symbols"
fi
if [ "$leaks" -eq 0 ]; then
  ok
fi
if [ -n "$extras" ]; then
  echo "note: extra MHD_* exports not in exports.txt (allowed):$extras"
fi

echo "checked $lib: SONAME, $n_expected expected functions, foreign exports"
finish
