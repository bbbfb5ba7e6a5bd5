#!/usr/bin/env bash
# Differential C conformance suite runner.
#   bash tests/c/run.sh [real|ours|both] [test-name-filter] [--all-modes]
# Builds every tests/c/t_*.c against the requested libmicrohttpd(s) into
# tests/c/out/<lib>/ and runs each binary (with a timeout) once per
# threading mode (env HX_THREADING for the binary, see harness.h).
# Modes: default "external" (or $HX_THREADING); --all-modes runs
#   $ALL_MODES; HX_MODES="external tpc ..." picks a list.
# Env: OURS_INCLUDE (default <repo>/include if it has microhttpd.h,
#      else the system header), OURS_LIBDIR (default
#      <repo>/target/release), CC (default cc), VERBOSE=1 to show logs,
#      JOBS (parallel test binaries, default 3), TEST_TIMEOUT (s, default 30),
#      HX_TLS_DIR (default tests/c/out/tls: gen-certs.sh writes fresh
#      certificates there when a selected test includes harness_tls.h).
# Output: "PASS name [lib/mode]", "SKIP name [lib/mode] (why)",
#         "FAIL name [lib/mode] ...", last line "N passed, N failed".
# A test binary exiting 77 is a skip (e.g. a mode it does not apply to).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ALL_MODES="external external-epoll internal-select internal-poll internal-epoll pool4 tpc"
WHICH=both; FILTER=""; ALLMODES=0; npos=0
for a in "$@"; do
  case "$a" in
    --all-modes) ALLMODES=1 ;;
    -*) echo "usage: $0 [real|ours|both] [filter] [--all-modes]" >&2; exit 2 ;;
    *) if [ $npos -eq 0 ]; then WHICH="$a"; else FILTER="$a"; fi; npos=$((npos+1)) ;;
  esac
done
if [ -n "${HX_MODES:-}" ]; then MODES="${HX_MODES//,/ }"
elif [ $ALLMODES = 1 ]; then MODES="$ALL_MODES"
else MODES="${HX_THREADING:-external}"; fi
CC="${CC:-cc}"
CFLAGS="${CFLAGS:--O1 -g -Wall -Wno-unused-function -Wno-deprecated-declarations}"
JOBS="${JOBS:-3}"
TEST_TIMEOUT="${TEST_TIMEOUT:-30}"
REAL_INCLUDE="${REAL_INCLUDE:-/usr/include}"
REAL_LIBDIR="${REAL_LIBDIR:-/usr/lib/x86_64-linux-gnu}"
OURS_LIBDIR="${OURS_LIBDIR:-$ROOT/target/release}"
if [ -z "${OURS_INCLUDE:-}" ]; then
  if [ -f "$ROOT/include/microhttpd.h" ]; then OURS_INCLUDE="$ROOT/include";
  else OURS_INCLUDE="/usr/include"; fi
fi
CURL_CFLAGS="$(pkg-config --cflags libcurl 2>/dev/null || true)"
CURL_LIBS="$(pkg-config --libs libcurl 2>/dev/null || echo -lcurl)"
GNUTLS_CFLAGS="$(pkg-config --cflags gnutls 2>/dev/null || true)"
GNUTLS_LIBS="$(pkg-config --libs gnutls 2>/dev/null || echo -lgnutls)"

case "$WHICH" in
  real) LIBS=(real) ;;
  ours) LIBS=(ours) ;;
  both) LIBS=(real ours) ;;
  *) echo "usage: $0 [real|ours|both] [filter] [--all-modes]" >&2; exit 2 ;;
esac

RES="$(mktemp -d /tmp/hx-results.XXXXXX)"
trap 'rm -rf "$RES"' EXIT
missing=0; buildfail=0

# run one binary in one mode; prints its whole report in one write
run_one() {
  local lib="$1" mode="$2" name="$3" bin="$4" libdir="$5"
  local logdir="$HERE/out/$lib/$mode"
  local log="$logdir/$name.log" rc msg
  mkdir -p "$logdir"
  if [ "$lib" = ours ]; then
    env "LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
      HX_LIB=ours HX_THREADING="$mode" timeout "$TEST_TIMEOUT" "$bin" >"$log" 2>&1; rc=$?
  else
    HX_LIB=real HX_THREADING="$mode" timeout "$TEST_TIMEOUT" "$bin" >"$log" 2>&1; rc=$?
  fi
  if [ $rc -eq 0 ]; then
    msg="PASS $name [$lib/$mode]"$'\n'
    [ "${VERBOSE:-0}" = 1 ] && msg+="$(sed 's/^/    /' "$log")"$'\n'
    echo pass >"$RES/$lib.$mode.$name"
  elif [ $rc -eq 77 ]; then
    msg="SKIP $name [$lib/$mode] ($(grep -m1 '^SKIP' "$log" | sed 's/^SKIP ([^)]*): //'))"$'\n'
    echo skip >"$RES/$lib.$mode.$name"
  else
    [ $rc -eq 124 ] && echo "    (timeout ${TEST_TIMEOUT}s)" >>"$log"
    msg="FAIL $name [$lib/$mode] (rc=$rc, log: $log)"$'\n'
    msg+="$(grep -v '^-- case' "$log" | head -60 | sed 's/^/    /')"$'\n'
    echo fail >"$RES/$lib.$mode.$name"
  fi
  printf '%s' "$msg"
}

# HTTPS tests (sources including harness_tls.h): fresh throw-away
# certificates for this run, path exported as HX_TLS_DIR.
need_tls=0
for src in "$HERE"/t_*.c; do
  name="$(basename "$src" .c)"
  if [ -n "$FILTER" ] && [[ "$name" != *"$FILTER"* ]]; then continue; fi
  grep -q '"harness_tls.h"' "$src" && need_tls=1
done
if [ $need_tls = 1 ]; then
  export HX_TLS_DIR="${HX_TLS_DIR:-$HERE/out/tls}"
  bash "$HERE/gen-certs.sh" "$HX_TLS_DIR" || echo "WARNING: gen-certs.sh failed; HTTPS tests will fail"
fi

declare -a JOBLIST=()
for lib in "${LIBS[@]}"; do
  if [ "$lib" = real ]; then
    inc="$REAL_INCLUDE"; libdir="$REAL_LIBDIR"
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
  fi
  out="$HERE/out/$lib"
  mkdir -p "$out"
  $CC $CFLAGS -I"$inc" -c "$HERE/harness.c" -o "$out/harness.o" 2>"$out/harness.build.log" || {
    echo "FAIL harness-build [$lib]"; cat "$out/harness.build.log"; buildfail=$((buildfail+1)); continue; }
  if [ $need_tls = 1 ]; then
    $CC $CFLAGS $GNUTLS_CFLAGS -I"$inc" -c "$HERE/harness_tls.c" -o "$out/harness_tls.o" \
      2>"$out/harness_tls.build.log" || {
      echo "FAIL harness_tls-build [$lib]"; cat "$out/harness_tls.build.log"; buildfail=$((buildfail+1)); }
  fi
  # build in parallel (JOBS at a time)
  names=()
  for src in "$HERE"/t_*.c; do
    name="$(basename "$src" .c)"
    if [ -n "$FILTER" ] && [[ "$name" != *"$FILTER"* ]]; then continue; fi
    names+=("$name")
    (
      extra=(); objs=("$out/harness.o")
      if grep -q '<curl/curl.h>' "$src"; then extra=($CURL_LIBS); fi
      if grep -q '"harness_tls.h"' "$src"; then
        objs+=("$out/harness_tls.o"); extra+=($GNUTLS_LIBS); fi
      $CC $CFLAGS $CURL_CFLAGS $GNUTLS_CFLAGS -I"$inc" "$src" "${objs[@]}" -o "$out/$name" \
         -L"$libdir" -Wl,-rpath-link,"$libdir" -lmicrohttpd "${extra[@]}" -lpthread \
         >"$out/$name.build.log" 2>&1 || rm -f "$out/$name"
    ) &
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
  done
  wait
  for name in "${names[@]}"; do
    if [ ! -x "$out/$name" ]; then
      echo "FAIL $name [$lib] (build)"; sed 's/^/    /' "$out/$name.build.log" | head -30
      buildfail=$((buildfail+1)); continue
    fi
    for mode in $MODES; do JOBLIST+=("$lib|$mode|$name|$out/$name|$libdir"); done
  done
done

for j in "${JOBLIST[@]}"; do
  IFS='|' read -r lib mode name bin libdir <<<"$j"
  run_one "$lib" "$mode" "$name" "$bin" "$libdir" &
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
done
wait

pass=$(grep -lx pass "$RES"/* 2>/dev/null | wc -l)
fail=$(( $(grep -lx fail "$RES"/* 2>/dev/null | wc -l) + buildfail ))
skip=$(grep -lx skip "$RES"/* 2>/dev/null | wc -l)
[ "$skip" -gt 0 ] && echo "($skip skipped)"
echo "$pass passed, $fail failed"
if [ $fail -ne 0 ] || [ $missing -ne 0 ]; then exit 1; fi
exit 0
