#!/usr/bin/env bash
# Runs every test suite: Rust unit/integration tests, the ABI checks, the differential C
# suite (against Debian's libmicrohttpd and ours), Vala/GLib tests, meson consumer tests.
# Ends with one line "N passed, N failed" (summed over suites) and fails if any test failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh || exit 1
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"

set -e
cargo build --release
ln -sf libmicrohttpd.so target/release/libmicrohttpd.so.12
set +e

logdir=target/test-logs
mkdir -p "$logdir"
total_pass=0
total_fail=0
failed_suites=()

# run NAME COMMAND...: runs a suite, adds its "N passed, N failed" (or cargo's) counts.
run() {
  local name=$1
  shift
  echo "=== $name: $*"
  local log="$logdir/$name.log"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p=0 f=0
  if grep -q '^test result:' "$log"; then
    p=$(grep '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
    f=$(grep '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\2/' | awk '{s+=$1} END {print s+0}')
  else
    local line
    line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    p=$(sed -E 's/^([A-Za-z]+: )?([0-9]+) passed.*/\2/' <<<"$line")
    f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  fi
  p=${p:-0}
  f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1   # the suite failed without saying which test
  fi
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
  [ "$f" -eq 0 ] || failed_suites+=("$name")
}

run rust cargo test --release
run abi-header bash tests/abi/check-header.sh --lib-dir target/release
run abi-exports bash tests/abi/check-exports.sh target/release/libmicrohttpd.so
run c-differential env OURS_LIBDIR="$PWD/target/release" bash tests/c/run.sh both --all-modes
[ -f tests/vala/run.sh ] && run vala env OURS_LIBDIR="$PWD/target/release" bash tests/vala/run.sh
[ -f tests/meson-consumer/run.sh ] && run meson-consumer bash tests/meson-consumer/run.sh
for extra in tests/sse/run.sh tests/stress/run.sh tests/consumers/run.sh; do
  [ -f "$extra" ] && run "$(basename "$(dirname "$extra")")" bash "$extra"
done
# systemd-journal-remote --listen-https, unmodified, with each library.
run journal-remote-real bash tests/consumers/journal-remote.sh
run journal-remote-ours bash tests/consumers/journal-remote.sh target/release

echo
if ((${#failed_suites[@]})); then
  echo "failed suites: ${failed_suites[*]} (logs in $logdir/)"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
