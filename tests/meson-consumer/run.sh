#!/bin/bash
# tests/meson-consumer/run.sh - builds the microhttpd-rs meson project and a
# Vala consumer of it, both ways:
#   (a) installed: meson install into a temp prefix, consumer finds it through
#       pkg-config (PKG_CONFIG_PATH) and the installed vapi;
#   (b) subproject: temp copy of the consumer whose subprojects/libmicrohttpd
#       is a symlink to this source tree (+ the .wrap), dependency('libmicrohttpd').
# The consumer binary must run and load OUR library (checked with ldd).
#
# env: PREBUILT_LIB=<libmicrohttpd.so>  skip cargo, package this file instead
#      (quick test of the meson plumbing; e.g. the system library)
#      CARGO_TARGET_DIR_OPT=<dir>       reuse a cargo target dir (-Dcargo_target_dir)
#      KEEP=1 keep the temp dir.
# Last line: "N passed, N failed"; exit status 1 if anything failed.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d /tmp/mhd-meson-consumer.XXXXXX)
PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); echo "PASS: $*"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
check() { local d=$1; shift; if "$@"; then pass "$d"; else fail "$d"; fi; }
trap '[ "${KEEP:-0}" = 1 ] && echo "kept $TMP" || rm -rf "$TMP"' EXIT
runlog() { # runlog <log> <cmd...>: run, keep output, show its tail on failure
  local log=$1; shift
  if timeout 1200 "$@" >"$log" 2>&1; then return 0; fi
  sed 's/^/    /' "$log" | tail -25; return 1
}

OPTS=()
[ -n "${PREBUILT_LIB:-}" ] && OPTS+=("-Dprebuilt_lib=$PREBUILT_LIB")
[ -n "${CARGO_TARGET_DIR_OPT:-}" ] && OPTS+=("-Dcargo_target_dir=$CARGO_TARGET_DIR_OPT")
if [ -n "${PREBUILT_LIB:-}" ]; then EXPECT=$(readlink -f "$PREBUILT_LIB"); else EXPECT=; fi

same_lib() { # same_lib <loaded .so path> <our built copy>: content equality
  [ -n "$1" ] && [ -e "$1" ] && cmp -s "$(readlink -f "$1")" "$2"
}

# ------------------------------------------------ (a) install + pkg-config
PREFIX=$TMP/prefix
check "meson setup (library)" runlog "$TMP/setup.log" meson setup "$TMP/build" "$ROOT" --prefix="$PREFIX" "${OPTS[@]}"
check "build library (cargo via meson)" runlog "$TMP/build.log" meson compile -C "$TMP/build"
check "meson install" runlog "$TMP/install.log" meson install -C "$TMP/build"
LIBDIR=$(cd "$PREFIX" && dirname "$(find . -name libmicrohttpd.so.12 | head -1)")
LIBDIR=$PREFIX/${LIBDIR#./}
BUILT=$TMP/build/libmicrohttpd.so.12
check "installed libmicrohttpd.so.12 -> versioned file" test -L "$LIBDIR/libmicrohttpd.so.12" -a -f "$LIBDIR/libmicrohttpd.so.12.60.0"
check "installed libmicrohttpd.so -> libmicrohttpd.so.12" test "$(readlink "$LIBDIR/libmicrohttpd.so")" = libmicrohttpd.so.12
check "installed SONAME is libmicrohttpd.so.12" sh -c "objdump -p '$LIBDIR/libmicrohttpd.so.12.60.0' | grep -q 'SONAME *libmicrohttpd.so.12'"
check "installed header + vapi + helper header" test -f "$PREFIX/include/microhttpd.h" -a -f "$PREFIX/share/vala/vapi/libmicrohttpd.vapi" \
  -a -f "$PREFIX/share/vala/vapi/libmicrohttpd.deps" -a -f "$PREFIX/share/vala/vapi/mhd-vala-fdset.h" -a -f "$PREFIX/include/mhd-vala-fdset.h"
export PKG_CONFIG_PATH=$LIBDIR/pkgconfig
check "pkg-config finds our libmicrohttpd 0.9.75" test "$(pkg-config --modversion libmicrohttpd)" = 0.9.75 -a \
  "$(pkg-config --variable=prefix libmicrohttpd)" = "$PREFIX"
check "pkg-config --libs has -lmicrohttpd" sh -c "pkg-config --libs libmicrohttpd | grep -q -- -lmicrohttpd"

check "consumer (a) meson setup via pkg-config" runlog "$TMP/ca-setup.log" meson setup "$TMP/ca" "$HERE"
check "consumer (a) found libmicrohttpd via pkg-config" grep -q "Run-time dependency libmicrohttpd found: YES 0.9.75" "$TMP/ca-setup.log"
check "consumer (a) build" runlog "$TMP/ca-build.log" meson compile -C "$TMP/ca"
loaded=$(LD_LIBRARY_PATH=$LIBDIR ldd "$TMP/ca/mhd-consumer" | awk '/libmicrohttpd/ {print $3}')
check "consumer (a) loads the installed library ($loaded)" test "$(readlink -f "$loaded")" = "$(readlink -f "$LIBDIR/libmicrohttpd.so.12")"
check "consumer (a) runs" runlog "$TMP/ca-run.log" env LD_LIBRARY_PATH="$LIBDIR" "$TMP/ca/mhd-consumer"
grep -q "CONSUMER PASS" "$TMP/ca-run.log" || sed 's/^/    /' "$TMP/ca-run.log" | head
unset PKG_CONFIG_PATH

# ------------------------------------------------ (b) subproject
CB=$TMP/consumer-src
mkdir -p "$CB/subprojects"
cp "$HERE/meson.build" "$HERE/main.vala" "$CB/"
cp "$HERE/subprojects/libmicrohttpd.wrap" "$CB/subprojects/"
ln -s "$ROOT" "$CB/subprojects/libmicrohttpd"
SUBOPTS=()
for o in "${OPTS[@]}"; do SUBOPTS+=("-Dlibmicrohttpd:${o#-D}"); done
# hide the system libmicrohttpd.pc so that plain dependency('libmicrohttpd')
# must be resolved through the wrap's [provide] section
PCDIR=$TMP/pkgconfig-without-mhd
mkdir -p "$PCDIR"
for d in $(pkg-config --variable pc_path pkg-config | tr : ' '); do
  for f in "$d"/*.pc; do
    [ -e "$f" ] || continue
    case $(basename "$f") in libmicrohttpd.pc) ;; *) ln -sf "$f" "$PCDIR/" ;; esac
  done
done
check "consumer (b) meson setup with subproject (wrap [provide], no pkg-config entry)" runlog "$TMP/cb-setup.log" \
  env PKG_CONFIG_LIBDIR="$PCDIR" meson setup "$TMP/cb" "$CB" "${SUBOPTS[@]}"
check "consumer (b) used the subproject" sh -c "grep -q 'Executing subproject libmicrohttpd' '$TMP/cb-setup.log' && grep -q 'Dependency libmicrohttpd found: YES 0.9.75 (overridden)' '$TMP/cb-setup.log'"
check "consumer (b) build (cargo via subproject)" runlog "$TMP/cb-build.log" meson compile -C "$TMP/cb"
SUBLIB=$TMP/cb/subprojects/libmicrohttpd/libmicrohttpd.so.12
loaded=$(ldd "$TMP/cb/mhd-consumer" | awk '/libmicrohttpd/ {print $3}')
check "consumer (b) loads the subproject's library without LD_LIBRARY_PATH ($loaded)" test "$(readlink -f "$loaded")" = "$(readlink -f "$SUBLIB")"
check "consumer (b) runs" runlog "$TMP/cb-run.log" "$TMP/cb/mhd-consumer"
grep -q "CONSUMER PASS" "$TMP/cb-run.log" || sed 's/^/    /' "$TMP/cb-run.log" | head
if [ -n "$EXPECT" ]; then
  check "packaged library is the prebuilt one" cmp -s "$BUILT" "$EXPECT"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
