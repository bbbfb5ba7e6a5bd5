#!/usr/bin/env bash
# Installs what building and testing microhttpd-rs needs on Debian 12 (idempotent).
set -euo pipefail

packages=(
  build-essential pkg-config
  libgnutls28-dev            # TLS: the library links the system GnuTLS, as libmicrohttpd does
  libmicrohttpd-dev          # the real library: differential tests and benchmarks
  libcurl4-gnutls-dev curl   # test clients
  openssl                    # tests/c/gen-certs.sh: throw-away CA and certificates for the HTTPS tests
  valac libglib2.0-dev meson ninja-build   # Vala bindings, meson subproject tests
  nginx-light                # reverse-proxy SSE test
  wrk valgrind               # benchmarks (bench/)
  debuginfod                 # an unmodified Debian consumer for the drop-in test (tests/consumers)
  systemd-journal-remote     # HTTPS consumer: tests/consumers/journal-remote.sh
  python3
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: installing Debian's rust toolchain" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq cargo rustc >/dev/null
fi
