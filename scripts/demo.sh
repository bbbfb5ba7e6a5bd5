#!/usr/bin/env bash
# Builds libmicrohttpd.so.12 and starts the demo server on http://127.0.0.1:${PORT:-8080}/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release
ln -sf libmicrohttpd.so target/release/libmicrohttpd.so.12
cc -O2 -Wall -Iinclude examples/c/hello.c -Ltarget/release -lmicrohttpd -o target/release/hello
echo "demo: http://127.0.0.1:${PORT:-8080}/  (Ctrl-C stops it)"
exec env LD_LIBRARY_PATH="$PWD/target/release" target/release/hello "${PORT:-8080}"
