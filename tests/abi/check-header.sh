#!/usr/bin/env bash
# ABI/API check of include/microhttpd.h against the real libmicrohttpd
# 0.9.75 header.  Usage: bash tests/abi/check-header.sh [-v] [--keep]
#   [--real /usr/include/microhttpd.h] [--ours include/microhttpd.h]
# Prints one line per failure and a final "N passed, N failed" line;
# exits non-zero when anything failed.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec timeout 600 python3 "$here/abi_check.py" "$@"
