#!/bin/bash
# bench/resume/run.sh - resume latency (MHD_resume_connection on the GLib
# thread -> first byte at the client), ours vs the real libmicrohttpd, in the
# three GLib integrations of tests/sse/sse-app.vala (same binary, library
# swapped with LD_LIBRARY_PATH).  Prints a markdown table (see README.md).
# env: OURS_LIBDIR (default target/release), LIBS (default ours,real),
#      MODES (select,epoll,thread), N (200 resumes per cell), DELAY (async
#      suspend, ms, 5), INTERVAL (SSE event period, ms, 10)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OURS_LIBDIR=${OURS_LIBDIR:-$ROOT/target/release}
TMP=$(mktemp -d /tmp/mhd-resume-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
if [ -e "$OURS_LIBDIR/libmicrohttpd.so" ] && [ ! -e "$OURS_LIBDIR/libmicrohttpd.so.12" ]; then
  ln -sf libmicrohttpd.so "$OURS_LIBDIR/libmicrohttpd.so.12"
fi
(cd "$TMP" && timeout 300 valac --vapidir "$ROOT/vapi" --pkg libmicrohttpd --pkg glib-2.0 --pkg gio-2.0 --pkg posix \
   -X -I"$ROOT/vapi" -X -lmicrohttpd -X -w -X -O2 -d "$TMP/c" -o "$TMP/sse-app" \
   "$ROOT/tests/vala/invercargill/Invercargill.vala" "$ROOT"/tests/vala/seed/*.vala "$ROOT/tests/sse/sse-app.vala") \
   >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; exit 1; }
exec timeout 300 python3 "$HERE/bench.py" --app "$TMP/sse-app" --ours "$OURS_LIBDIR" \
  --libs "${LIBS:-ours,real}" --modes "${MODES:-select,epoll,thread}" -n "${N:-200}" \
  --delay "${DELAY:-5}" --interval "${INTERVAL:-10}"
