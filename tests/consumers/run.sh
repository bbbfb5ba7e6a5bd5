#!/usr/bin/env bash
# Drop-in check with an unmodified Debian program: debuginfod (internal epoll thread, pool of
# 4, responses from file descriptors) runs once against Debian's libmicrohttpd and once
# against ours (LD_LIBRARY_PATH); the same requests must get the same bytes (Date normalised).
# env: OURS_LIBDIR (default target/release). Last line "N passed, N failed".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OURS_LIBDIR=${OURS_LIBDIR:-$ROOT/target/release}
W=$(mktemp -d /tmp/mhd-consumers.XXXXXX)
PASS=0
FAIL=0
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT
check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then PASS=$((PASS + 1)); echo "PASS: $1"; else FAIL=$((FAIL + 1)); echo "FAIL: $1"; fi
}
if ! command -v debuginfod >/dev/null; then
  echo "FAIL: debuginfod not installed (scripts/install-deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$W/dbgi"
cp /usr/bin/true "$W/dbgi/"
id=$(readelf -n "$W/dbgi/true" | awk '/Build ID/ {print $3}')
base="http://127.0.0.1:$port"

for lib in real ours; do
  libdir=""
  [ "$lib" = ours ] && libdir=$OURS_LIBDIR
  LD_LIBRARY_PATH=$libdir debuginfod -p "$port" -d "$W/$lib.sqlite" -F "$W/dbgi" -t 0 -g 0 >"$W/$lib.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do curl -s -m 1 -o /dev/null "$base/metrics" && break; sleep 0.1; done
  loaded=$(awk '/libmicrohttpd/ {print $6}' "/proc/$PID/maps" | sort -u)
  if [ "$lib" = ours ]; then
    check "[$lib] debuginfod loaded our library ($loaded)" test "$(dirname "$loaded")" -ef "$OURS_LIBDIR"
  else
    check "[$lib] debuginfod loaded $loaded" test -n "$loaded"
  fi
  # the scan of the source directory is asynchronous: wait for the executable to be indexed
  code=
  for _ in $(seq 1 100); do
    code=$(curl -s -o "$W/$lib.exe" -w '%{http_code}' "$base/buildid/$id/executable")
    [ "$code" = 200 ] && break
    sleep 0.1
  done
  check "[$lib] /buildid/<id>/executable: 200 and byte-identical to the file" cmp -s "$W/$lib.exe" /usr/bin/true
  curl -s -i "$base/buildid/$id/executable" -o "$W/$lib.exe.full"
  head -c 400 "$W/$lib.exe.full" | sed -e 's/^Date: .*/Date: <D>\r/' -e '/^Last-Modified/d' | head -20 >"$W/$lib.exe.head"
  curl -s -i "$base/buildid/0000000000000000000000000000000000000000/debuginfo" | sed 's/^Date: .*/Date: <D>\r/' >"$W/$lib.404"
  # the metrics body (counters, timings) differs run to run: compare the status line and
  # the header names in order
  curl -s -i -H 'Connection: close' "$base/metrics" | sed '/^\r$/q' | cut -d: -f1 >"$W/$lib.metrics"
  kill "$PID"
  wait "$PID" 2>/dev/null
  PID=
done
check "unknown build id: same bytes (404) from both libraries" cmp -s "$W/real.404" "$W/ours.404"
check "executable response head: same bytes from both libraries" cmp -s "$W/real.exe.head" "$W/ours.exe.head"
check "metrics response: same status line and header names in the same order" cmp -s "$W/real.metrics" "$W/ours.metrics"
for f in 404 exe.head metrics; do
  cmp -s "$W/real.$f" "$W/ours.$f" || diff "$W/real.$f" "$W/ours.$f" | head -10
done
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
