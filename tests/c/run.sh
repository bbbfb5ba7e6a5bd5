#!/usr/bin/env bash
# Differential C conformance suite runner.
#   bash tests/c/run.sh [real|ours|both] [test-name-filter]
# Builds every tests/c/t_*.c against the requested libmicrohttpd(s) into
# tests/c/out/<lib>/ and runs each binary with a timeout.
# Env: OURS_INCLUDE (default /work/main/include if it has microhttpd.h,
#      else the system header), OURS_LIBDIR (default
#      /work/main/target/release), CC (default cc), VERBOSE=1 to show logs.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WHICH="${1:-both}"
FILTER="${2:-}"
CC="${CC:-cc}"
CFLAGS="${CFLAGS:--O1 -g -Wall -Wno-unused-function -Wno-deprecated-declarations}"
REAL_INCLUDE="${REAL_INCLUDE:-/usr/include}"
REAL_LIBDIR="${REAL_LIBDIR:-/usr/lib/x86_64-linux-gnu}"
OURS_LIBDIR="${OURS_LIBDIR:-$ROOT/target/release}"
if [ -z "${OURS_INCLUDE:-}" ]; then
  if [ -f "$ROOT/include/microhttpd.h" ]; then OURS_INCLUDE="$ROOT/include";
  else OURS_INCLUDE="/usr/include"; fi
fi
CURL_CFLAGS="$(pkg-config --cflags libcurl 2>/dev/null || true)"
CURL_LIBS="$(pkg-config --libs libcurl 2>/dev/null || echo -lcurl)"

case "$WHICH" in
  real) LIBS=(real) ;;
  ours) LIBS=(ours) ;;
  both) LIBS=(real ours) ;;
  *) echo "usage: $0 [real|ours|both] [filter]" >&2; exit 2 ;;
esac

pass=0; fail=0; missing=0
for lib in "${LIBS[@]}"; do
  if [ "$lib" = real ]; then
    inc="$REAL_INCLUDE"; libdir="$REAL_LIBDIR"; runenv=()
    if [ ! -e "$libdir/libmicrohttpd.so" ] && [ ! -e "$libdir/libmicrohttpd.so.12" ]; then
      echo "MISSING library real ($libdir)"; missing=1; continue
    fi
  else
    inc="$OURS_INCLUDE"; libdir="$OURS_LIBDIR"
    if [ ! -e "$libdir/libmicrohttpd.so" ] && [ ! -e "$libdir/libmicrohttpd.so.12" ]; then
      echo "MISSING library ours ($libdir/libmicrohttpd.so)"; missing=1; continue
    fi
    # make sure the SONAME link exists so the runtime loader finds ours
    if [ ! -e "$libdir/libmicrohttpd.so.12" ]; then
      ln -sf libmicrohttpd.so "$libdir/libmicrohttpd.so.12" 2>/dev/null || true
    fi
    runenv=(env "LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
  fi
  out="$HERE/out/$lib"
  mkdir -p "$out"
  $CC $CFLAGS -I"$inc" -c "$HERE/harness.c" -o "$out/harness.o" 2>"$out/harness.build.log" || {
    echo "FAIL harness-build [$lib]"; cat "$out/harness.build.log"; fail=$((fail+1)); continue; }
  for src in "$HERE"/t_*.c; do
    name="$(basename "$src" .c)"
    if [ -n "$FILTER" ] && [[ "$name" != *"$FILTER"* ]]; then continue; fi
    bin="$out/$name"
    extra=()
    if grep -q '<curl/curl.h>' "$src"; then extra=($CURL_LIBS); fi
    if ! $CC $CFLAGS $CURL_CFLAGS -I"$inc" "$src" "$out/harness.o" -o "$bin" \
         -L"$libdir" -Wl,-rpath-link,"$libdir" -lmicrohttpd "${extra[@]}" -lpthread \
         >"$out/$name.build.log" 2>&1; then
      echo "FAIL $name [$lib] (build)"; sed 's/^/    /' "$out/$name.build.log" | head -30
      fail=$((fail+1)); continue
    fi
    if [ "$lib" = ours ]; then
      "${runenv[@]}" HX_LIB=ours timeout 20 "$bin" >"$out/$name.log" 2>&1; rc=$?
    else
      HX_LIB=real timeout 20 "$bin" >"$out/$name.log" 2>&1; rc=$?
    fi
    if [ $rc -eq 0 ]; then
      echo "PASS $name [$lib]"; pass=$((pass+1))
      [ "${VERBOSE:-0}" = 1 ] && sed 's/^/    /' "$out/$name.log"
    else
      [ $rc -eq 124 ] && echo "    (timeout)" >>"$out/$name.log"
      echo "FAIL $name [$lib] (rc=$rc, log: $out/$name.log)"
      grep -v '^-- case' "$out/$name.log" | head -60 | sed 's/^/    /'
      fail=$((fail+1))
    fi
  done
done
echo "$pass passed, $fail failed"
if [ $fail -ne 0 ] || [ $missing -ne 0 ]; then exit 1; fi
exit 0
