#!/bin/bash
# tests/vala/run.sh - Vala/GLib integration tests (the GLib integration plan).
#
# Builds, with valac and vapi/libmicrohttpd.vapi:
#   api_smoke    - uses (nearly) every binding; runtime checks of a few
#   fdset_fill   - the plan's exact MHD.FDSet/get_fdset lines fill the caller's sets
#   app          - the plan's Server + SocketMonitor (tests/vala/seed) with the
#                  example routes (examples/vala/socket-monitor-app.vala)
# and runs them against the REAL libmicrohttpd (system) and, when
# $OURS_LIBDIR/libmicrohttpd.so.12 exists, against ours via LD_LIBRARY_PATH.
#
# env: OURS_LIBDIR (default <repo>/target/release), LIBS="real ours"
#      (which to run), BUILD (build dir, default a temp dir), KEEP=1 keeps it.
# Last line: "N passed, N failed"; exit status 1 if anything failed.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OURS_LIBDIR=${OURS_LIBDIR:-$ROOT/target/release}
BUILD=${BUILD:-$(mktemp -d /tmp/mhd-vala-tests.XXXXXX)}
mkdir -p "$BUILD"
PASS=0
FAIL=0
APP_PID=

body() { cat "$1" 2>/dev/null; }
pass() { PASS=$((PASS + 1)); echo "PASS: $*"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
check() { # check <description> <command...>
  local d=$1; shift
  if "$@"; then pass "$d"; else fail "$d"; fi
}
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$BUILD"
}
trap cleanup EXIT

# ---------------------------------------------------------------- build
VALAFLAGS=(--vapidir "$ROOT/vapi" --pkg libmicrohttpd --pkg glib-2.0 --pkg gio-2.0 --pkg posix
           -X -I"$ROOT/vapi" -X -lmicrohttpd -X -w -X -O2 -X -D_FORTIFY_SOURCE=2)
build() { # build <name> <sources...>
  local name=$1; shift
  if (cd "$BUILD" && timeout 300 valac "${VALAFLAGS[@]}" -d "$BUILD/c-$name" -o "$BUILD/$name" "$@") \
       >"$BUILD/$name.build.log" 2>&1; then
    pass "build $name"
  else
    fail "build $name"; sed 's/^/    /' "$BUILD/$name.build.log" | head -30
  fi
}
build api_smoke "$HERE/api_smoke.vala"
build fdset_fill "$HERE/fdset_fill.vala"
build app "$HERE/invercargill/Invercargill.vala" "$HERE"/seed/*.vala \
      "$ROOT/examples/vala/socket-monitor-app.vala"
build epoll_app "$ROOT/examples/vala/epoll-app.vala"
build plan_dynamic_timeout "$HERE/plan_dynamic_timeout.vala"
if timeout 120 cc -Wall -Wextra -O2 -o "$BUILD/hello_c" "$ROOT/examples/c/hello.c" -lmicrohttpd >"$BUILD/hello_c.build.log" 2>&1 \
   && ! grep -q warning "$BUILD/hello_c.build.log"; then
  pass "build examples/c/hello.c (no warnings)"
else
  fail "build examples/c/hello.c"; sed 's/^/    /' "$BUILD/hello_c.build.log" | head
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# ---------------------------------------------------------------- per library
run_suite() { # run_suite <label> <LD_LIBRARY_PATH or empty>
  local label=$1 ldp=$2 t
  echo "== $label${ldp:+ (LD_LIBRARY_PATH=$ldp)}"
  local lib
  lib=$(LD_LIBRARY_PATH=$ldp ldd "$BUILD/api_smoke" 2>/dev/null | awk '/libmicrohttpd/ {print $3}')
  echo "   loads $lib"
  if [ -n "$ldp" ]; then
    check "[$label] binary resolves libmicrohttpd from $ldp" test "$(dirname "$lib")" -ef "$ldp"
  fi

  # api smoke
  local out
  out=$(LD_LIBRARY_PATH=$ldp timeout 20 "$BUILD/api_smoke" 2>&1)
  check "[$label] api_smoke" test "$out" = "api_smoke OK"
  [ "$out" = "api_smoke OK" ] || echo "$out" | sed 's/^/    /' | head -20

  # fdset fill (raise the soft descriptor limit to prove the set is sized by it)
  out=$(ulimit -n 4096 2>/dev/null; LD_LIBRARY_PATH=$ldp timeout 20 "$BUILD/fdset_fill" "$(ulimit -n)" 2>&1)
  local rc=$?
  while IFS= read -r line; do
    case "$line" in
      "ok - "*) pass "[$label] fdset: ${line#ok - }" ;;
      "not ok - "*) fail "[$label] fdset: ${line#not ok - }" ;;
      "#"*) echo "   $line" ;;
    esac
  done <<<"$out"
  check "[$label] fdset_fill exit status 0" test "$rc" = 0

  out=$(LD_LIBRARY_PATH=$ldp timeout 20 "$BUILD/plan_dynamic_timeout" 2>&1)
  check "[$label] plan's dynamic-timeout snippet runs" test "$out" = "dyn timeout ok"

  # the plan's Server + SocketMonitor app
  local port
  port=$(free_port)
  LD_LIBRARY_PATH=$ldp timeout 120 "$BUILD/app" "$port" >"$BUILD/app-$label.log" 2>&1 &
  APP_PID=$!
  local up=0
  for _ in $(seq 1 50); do
    if curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/hello"; then up=1; break; fi
    sleep 0.1
  done
  check "[$label] app listening on $port" test "$up" = 1
  local base="http://127.0.0.1:$port"
  local C=(curl -s -m 10)

  # sync GET: exact head fields and body
  out=$("${C[@]}" -D "$BUILD/h" "$base/hello")
  check "[$label] GET /hello body" test "$out" = "Hello from Astralis"
  check "[$label] GET /hello status 200" grep -q '^HTTP/1.1 200 OK' "$BUILD/h"
  check "[$label] GET /hello Content-Length: 20" grep -qi '^Content-Length: 20' "$BUILD/h"

  out=$("${C[@]}" -w '%{http_code}' "$base/missing")
  check "[$label] GET /missing -> 404" test "$out" = "not found
404"

  # async: suspended, resumed from a GLib timeout
  t=$("${C[@]}" -o "$BUILD/async" -w '%{time_total}' "$base/async?delay=300")
  check "[$label] async body" test "$(body "$BUILD/async")" = "async done after 300 ms"
  check "[$label] async took >= 0.3s and < 3s ($t)" python3 -c "import sys; sys.exit(0 if 0.29 <= $t < 3 else 1)"

  # while one request is suspended, others are served at once
  "${C[@]}" -o "$BUILD/slow" "$base/async?delay=800" &
  local slow=$!
  sleep 0.1
  t=$("${C[@]}" -o "$BUILD/during" -w '%{time_total}' "$base/hello")
  check "[$label] GET /hello answered during a suspended request ($t s)" \
    python3 -c "import sys; sys.exit(0 if (open('$BUILD/during').read() if __import__('os').path.exists('$BUILD/during') else '') == 'Hello from Astralis\n' and $t < 0.5 else 1)"
  wait $slow
  check "[$label] suspended request completed" test "$(body "$BUILD/slow")" = "async done after 800 ms"

  # several async requests at once
  local pids=() i
  for i in 1 2 3 4; do "${C[@]}" -o "$BUILD/par$i" "$base/async?delay=$((100 * i))" & pids+=($!); done
  wait "${pids[@]}"
  local okp=1
  for i in 1 2 3 4; do [ "$(body "$BUILD/par$i")" = "async done after $((100 * i)) ms" ] || okp=0; done
  check "[$label] 4 concurrent async requests" test "$okp" = 1

  # SSE: chunked text/event-stream, events produced by a GLib timer
  out=$("${C[@]}" -N -D "$BUILD/sh" -w '%{time_total}' -o "$BUILD/sse" "$base/events?count=3&interval=100")
  check "[$label] SSE events received" test "$(body "$BUILD/sse")" = "$(printf 'data: event 1\n\ndata: event 2\n\ndata: event 3\n\n')"
  check "[$label] SSE Content-Type: text/event-stream" grep -qi '^Content-Type: text/event-stream' "$BUILD/sh"
  check "[$label] SSE Transfer-Encoding: chunked" grep -qi '^Transfer-Encoding: chunked' "$BUILD/sh"
  check "[$label] SSE took >= 0.3s ($out)" python3 -c "import sys; sys.exit(0 if $out >= 0.29 else 1)"

  # streaming, not buffering: after ~0.35 s of a 10 x 100 ms stream some but not all events arrived
  curl -s -N -m 0.35 -o "$BUILD/partial" "$base/events?count=10&interval=100"
  local n
  n=$(grep -c '^data: event' "$BUILD/partial" 2>/dev/null); n=${n:-0}
  check "[$label] SSE events delivered incrementally ($n of 10 after 0.35 s)" test "$n" -ge 1 -a "$n" -le 6

  # 3 parallel streams
  pids=()
  for i in 1 2 3; do "${C[@]}" -N -o "$BUILD/ps$i" "$base/events?count=$((i + 1))&interval=50" & pids+=($!); done
  wait "${pids[@]}"
  okp=1
  for i in 1 2 3; do [ "$(grep -c '^data: event' "$BUILD/ps$i" 2>/dev/null)" = $((i + 1)) ] || okp=0; done
  check "[$label] 3 parallel SSE streams complete" test "$okp" = 1

  # client going away mid-stream must not break the server
  curl -s -N -m 0.2 -o /dev/null "$base/events?count=100&interval=50"
  sleep 0.3
  out=$("${C[@]}" "$base/hello")
  check "[$label] server fine after SSE client abort" test "$out" = "Hello from Astralis"
  check "[$label] app still running" kill -0 "$APP_PID" 2>/dev/null

  kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; APP_PID=

  # one-fd epoll example (MHD.USE_EPOLL, epoll fd watched by one GLib source)
  if start_app "$label" epoll_app; then
    base="http://127.0.0.1:$port"
    out=$("${C[@]}" "$base/hello")
    check "[$label] epoll: GET /hello" test "$out" = "Hello from epoll"
    t=$("${C[@]}" -o "$BUILD/async" -w '%{time_total}' "$base/async?delay=200")
    check "[$label] epoll: async resumed ($t s)" python3 -c \
      "import sys; sys.exit(0 if (open('$BUILD/async').read() if __import__('os').path.exists('$BUILD/async') else '') == 'async done after 200 ms\n' and 0.19 <= $t < 1.0 else 1)"
    "${C[@]}" -N -D "$BUILD/sh" -o "$BUILD/sse" "$base/events?count=3&interval=100"
    check "[$label] epoll: SSE events" test "$(body "$BUILD/sse")" = "$(printf 'data: event 1\n\ndata: event 2\n\ndata: event 3\n\n')"
    check "[$label] epoll: SSE chunked" grep -qi '^Transfer-Encoding: chunked' "$BUILD/sh"
    check "[$label] epoll: app still running" kill -0 "$APP_PID" 2>/dev/null
  fi
  kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; APP_PID=

  # examples/c/hello.c (external select loop)
  if start_app "$label" hello_c; then
    out=$("${C[@]}" -D "$BUILD/h" "http://127.0.0.1:$port/")
    check "[$label] hello.c: body" test "$out" = "Hello, World!"
    check "[$label] hello.c: Content-Length: 14" grep -qi '^Content-Length: 14' "$BUILD/h"
    kill -INT "$APP_PID"
    local st=0
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || { st=1; break; }; sleep 0.1; done
    check "[$label] hello.c: exits on SIGINT" test "$st" = 1
  fi
  kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; APP_PID=
}

start_app() { # start_app <label> <binary>: sets APP_PID, port; waits until it answers
  port=$(free_port)
  LD_LIBRARY_PATH=$ldp timeout 120 "$BUILD/$2" "$port" >"$BUILD/$2-$1.log" 2>&1 &
  APP_PID=$!
  local up=0
  for _ in $(seq 1 50); do
    if curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/"; then up=1; break; fi
    sleep 0.1
  done
  check "[$1] $2 listening on $port" test "$up" = 1
  [ "$up" = 1 ]
}

for which in ${LIBS:-real ours}; do
  case $which in
    real) run_suite real "" ;;
    ours)
      if [ -e "$OURS_LIBDIR/libmicrohttpd.so.12" ]; then
        run_suite ours "$OURS_LIBDIR"
      else
        echo "== ours: SKIPPED ($OURS_LIBDIR/libmicrohttpd.so.12 not found)"
      fi ;;
  esac
done

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
