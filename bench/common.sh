# shellcheck shell=bash
# Shared helpers for bench/run.sh and bench/callgrind.sh (sourced, not run).
#
# Environment:
#   OURS_LIB   path to our library (default <repo>/target/release/libmicrohttpd.so)
#   REAL_LIB   path to GNU libmicrohttpd (default: the system one)
#   CC         C compiler (default cc)

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
OUT_DIR=${OUT_DIR:-$BENCH_DIR/out}
BIN_DIR=$OUT_DIR/bin
OURS_LIB=${OURS_LIB:-$REPO_DIR/target/release/libmicrohttpd.so}
REAL_LIB=${REAL_LIB:-/usr/lib/x86_64-linux-gnu/libmicrohttpd.so.12}
CC=${CC:-cc}
OURS_DIR=$OUT_DIR/ours-lib      # holds a libmicrohttpd.so.12 symlink to OURS_LIB
HAVE_OURS=0

mkdir -p "$BIN_DIR"

# Build the server and the sequential client once, against the REAL header and
# the REAL library, like any consumer of libmicrohttpd would.
bench_build() {
    local need=0
    for f in server seqclient; do
        if [ ! -x "$BIN_DIR/$f" ] || [ "$BENCH_DIR/$f.c" -nt "$BIN_DIR/$f" ]; then need=1; fi
    done
    [ $need = 1 ] || return 0
    echo "building server + seqclient against /usr/include/microhttpd.h and -lmicrohttpd" >&2
    $CC -O2 -g -Wall -Wextra -o "$BIN_DIR/server" "$BENCH_DIR/server.c" -lmicrohttpd -lpthread || return 1
    $CC -O2 -g -Wall -Wextra -o "$BIN_DIR/seqclient" "$BENCH_DIR/seqclient.c" || return 1
}

# Prepare LD_LIBRARY_PATH dir for our library: the binary asks for the SONAME
# libmicrohttpd.so.12, cargo only produces libmicrohttpd.so.
bench_find_ours() {
    HAVE_OURS=0
    if [ -f "$OURS_LIB" ]; then
        mkdir -p "$OURS_DIR"
        ln -sfn "$(readlink -f "$OURS_LIB")" "$OURS_DIR/libmicrohttpd.so.12"
        HAVE_OURS=1
    fi
}

# lib_env A|B -> prints the env assignment used to run with that library
lib_env() {
    if [ "$1" = A ]; then
        if [ "$REAL_LIB" = /usr/lib/x86_64-linux-gnu/libmicrohttpd.so.12 ]; then
            echo "LD_LIBRARY_PATH="
        else
            mkdir -p "$OUT_DIR/real-lib"
            ln -sfn "$(readlink -f "$REAL_LIB")" "$OUT_DIR/real-lib/libmicrohttpd.so.12"
            echo "LD_LIBRARY_PATH=$OUT_DIR/real-lib"
        fi
    else
        echo "LD_LIBRARY_PATH=$OURS_DIR"
    fi
}

# wait_port PORT PID TIMEOUT_S: wait until something accepts on 127.0.0.1:PORT
wait_port() {
    local port=$1 pid=$2 t=$3 i
    for ((i = 0; i < t * 20; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.05
    done
    return 1
}

# check_lib PID A|B: verify which libmicrohttpd the process actually mapped
check_lib() {
    local pid=$1 which=$2 mapped want
    mapped=$(grep -o '/[^ ]*libmicrohttpd[^ ]*' "/proc/$pid/maps" 2>/dev/null | head -n1)
    if [ "$which" = A ]; then want=$(readlink -f "$REAL_LIB"); else want=$(readlink -f "$OURS_LIB"); fi
    if [ "$(readlink -f "$mapped")" != "$want" ]; then
        echo "ERROR: server pid $pid mapped '$mapped', expected '$want'" >&2
        return 1
    fi
}

# stop_server PID TIMEOUT_S: SIGTERM, wait; SIGKILL if it does not exit
stop_server() {
    local pid=$1 t=$2 i
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < t * 20; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
        sleep 0.05
    done
    echo "WARNING: server pid $pid did not exit after SIGTERM, killing" >&2
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 1
}
