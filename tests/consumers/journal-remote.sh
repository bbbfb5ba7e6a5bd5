#!/usr/bin/env bash
# HTTPS drop-in check with an unmodified Debian program: systemd-journal-remote
# (package systemd-journal-remote) listens with --listen-https on a throw-away
# certificate (tests/c/gen-certs.sh); curl POSTs journal entries
# (application/vnd.fdo.journal, with a client certificate) over one TLS
# connection; the entries must arrive in the output journal file.
#   bash tests/consumers/journal-remote.sh            # Debian's libmicrohttpd
#   bash tests/consumers/journal-remote.sh LIBDIR     # LD_LIBRARY_PATH=LIBDIR (ours:
#                                                     # target/release)
# Debian 12 builds journal-remote without its own GnuTLS code, so --trust
# ("Option --trust is not available") and client-certificate checking are
# not available: the client certificate is sent but not verified.
# Not part of scripts/test.sh. Last line "N passed, N failed".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LIBDIR=${1:-}
JR=/lib/systemd/systemd-journal-remote
[ -x "$JR" ] || JR=/usr/lib/systemd/systemd-journal-remote
W=$(mktemp -d /tmp/mhd-journal-remote.XXXXXX)
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
if [ ! -x "$JR" ] || ! command -v journalctl >/dev/null; then
  echo "FAIL: systemd-journal-remote not installed (apt-get install systemd-journal-remote)"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ -n "$LIBDIR" ]; then
  LIBDIR=$(cd "$LIBDIR" && pwd) || exit 1
  [ -e "$LIBDIR/libmicrohttpd.so.12" ] || ln -sf libmicrohttpd.so "$LIBDIR/libmicrohttpd.so.12"
  lib="ours ($LIBDIR)"
else
  lib="real"
fi
bash "$ROOT/tests/c/gen-certs.sh" "$W/tls" || { echo "FAIL: certificates"; echo "0 passed, 1 failed"; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
LD_LIBRARY_PATH=$LIBDIR "$JR" --listen-https="127.0.0.1:$port" \
  --key="$W/tls/server.key" --cert="$W/tls/server.crt" \
  --output="$W/remote.journal" --split-mode=none >"$W/jr.log" 2>&1 &
PID=$!
tls=(--resolve "localhost:$port:127.0.0.1" --cacert "$W/tls/ca.crt"
     --cert "$W/tls/client.crt" --key "$W/tls/client.key" -m 10)
url="https://localhost:$port/upload"
up=0
for _ in $(seq 1 100); do
  curl -s -o /dev/null "${tls[@]}" -m 1 "https://localhost:$port/" && { up=1; break; }
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
check "[$lib] journal-remote serves HTTPS on 127.0.0.1:$port" test $up = 1
loaded=$(awk '/libmicrohttpd/ {print $6}' "/proc/$PID/maps" 2>/dev/null | sort -u)
if [ -n "$LIBDIR" ]; then
  check "[$lib] journal-remote loaded our library ($loaded)" test "$(dirname "${loaded:-/nonexistent}")" -ef "$LIBDIR"
else
  check "[$lib] journal-remote loaded $loaded" test -n "$loaded"
fi

boot=$(tr -d - </proc/sys/kernel/random/uuid)
entry() { # entry N
  printf '__REALTIME_TIMESTAMP=%s\n__MONOTONIC_TIMESTAMP=%s\n_BOOT_ID=%s\n_HOSTNAME=hx-test\nPRIORITY=6\nMESSAGE=microhttpd-rs journal-remote test %s %s\n\n' \
    "$(date +%s%6N)" "$((1000 + $1))" "$boot" "$boot" "$1"
}
entry 1 >"$W/e1"
entry 2 >"$W/e2"
# two POSTs in one curl run: the second must reuse the TLS connection
out=$(curl -s "${tls[@]}" -H 'Content-Type: application/vnd.fdo.journal' \
  --data-binary @"$W/e1" -D "$W/h1" -o "$W/b1" -w '%{http_code} %{num_connects};' "$url" \
  --next "${tls[@]}" -H 'Content-Type: application/vnd.fdo.journal' \
  --data-binary @"$W/e2" -D "$W/h2" -o "$W/b2" -w '%{http_code} %{num_connects}' "$url")
check "[$lib] two POSTs answered 202, the second on the same TLS connection ($out)" test "$out" = "202 1;202 0"
printf 'HTTP/1.1 202 Accepted\r\nDate: <D>\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nOK.\n' >"$W/expected"
cat "$W/h1" "$W/b1" 2>/dev/null | sed 's/^Date: .*/Date: <D>\r/' >"$W/got1"
check "[$lib] exact response bytes (Date normalised)" cmp -s "$W/expected" "$W/got1"
cmp -s "$W/expected" "$W/got1" || { echo "  got:"; od -c "$W/got1" | head -10; }
# plain HTTP on the HTTPS port: no HTTP response
code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "http://127.0.0.1:$port/upload")
check "[$lib] plain HTTP to the HTTPS port gets no HTTP response ($code)" test "$up" = 1 -a "$code" = 000
check "[$lib] journal-remote still running" kill -0 "$PID" 2>/dev/null
kill "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
PID=
check "[$lib] journal-remote wrote 2 entries (log: $(grep -m1 Finishing "$W/jr.log"))" grep -q "Finishing after writing 2 entries" "$W/jr.log"
n=$(journalctl --file="$W/remote.journal" -o export 2>/dev/null | grep -c "^MESSAGE=microhttpd-rs journal-remote test $boot [12]$")
check "[$lib] both entries in the journal file (journalctl --file: $n)" test "$n" = 2
if [ "$FAIL" != 0 ]; then echo "--- journal-remote log:"; cat "$W/jr.log"; fi
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
