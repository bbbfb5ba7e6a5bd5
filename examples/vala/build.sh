#!/bin/sh
# Builds the Vala examples into ${OUT:-build/examples-vala}:
#   socket-monitor-app  the integration plan's Server + SocketMonitor (per-fd GLib watches)
#   epoll-app           one epoll fd watched by one GLib source
# Run:  build/examples-vala/socket-monitor-app 8080   (then curl localhost:8080/hello,
#       /async?delay=300, curl -N '/events?count=5&interval=200')
# Against microhttpd-rs: LD_LIBRARY_PATH=target/release build/examples-vala/epoll-app 8080
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/build/examples-vala}
mkdir -p "$OUT"
V="valac --vapidir $ROOT/vapi --pkg libmicrohttpd --pkg gio-2.0 -X -I$ROOT/vapi -X -lmicrohttpd -X -w"
$V -d "$OUT/c" -o "$OUT/socket-monitor-app" \
   "$ROOT/tests/vala/invercargill/Invercargill.vala" "$ROOT"/tests/vala/seed/*.vala \
   "$ROOT/examples/vala/socket-monitor-app.vala"
$V -d "$OUT/c" -o "$OUT/epoll-app" "$ROOT/examples/vala/epoll-app.vala"
echo "built $OUT/socket-monitor-app $OUT/epoll-app"
