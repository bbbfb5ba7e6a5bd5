#!/usr/bin/env bash
# bench/callgrind.sh -- instructions per request (callgrind Ir), real vs ours.
#
# usage: bench/callgrind.sh [--mode MODE] [--kinds keepalive,close]
#                           [--n1 1000] [--n2 3000] [--server-args "..."]
#   PORT=18081   server port
#
# For each library and each kind, the server runs under
# `valgrind --tool=callgrind` twice: once driven by exactly N1 sequential
# requests, once by N2 (bench/seqclient: one keep-alive connection, or one
# `Connection: close` connection per request).  Ir/request =
# (Ir(N2) - Ir(N1)) / (N2 - N1): start-up, shutdown and the readiness probe
# cancel out.  Counts everything executed in user space by the server process
# (libmicrohttpd + libc + the tiny handler), not the kernel.
set -u
. "$(dirname "$0")/common.sh"

MODE=external-select
KINDS=keepalive,close
N1=1000
N2=3000
SERVER_ARGS=""
PORT=${PORT:-18081}

while [ $# -gt 0 ]; do
    case $1 in
        --mode) MODE=$2; shift 2 ;;
        --mode=*) MODE=${1#*=}; shift ;;
        --kinds) KINDS=$2; shift 2 ;;
        --n1) N1=$2; shift 2 ;;
        --n2) N2=$2; shift 2 ;;
        --server-args) SERVER_ARGS=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

command -v valgrind >/dev/null || { echo "valgrind not found: apt-get install -y valgrind" >&2; exit 1; }
ulimit -n 4096 2>/dev/null
bench_build || { echo "build failed" >&2; exit 1; }
bench_find_ours
LIBS="A"
if [ $HAVE_OURS = 1 ]; then LIBS="A B"; else
    echo "NOTE: our library ($OURS_LIB) is missing: measuring only the real library" >&2
fi

RUN_DIR=$OUT_DIR/callgrind-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN_DIR"

# Without this, glibc clears big buffers with `rep stosb`, which callgrind
# counts once per byte (the real library memsets its 48 KiB connection pool
# per request): force the vectorised loop for both libraries.
export GLIBC_TUNABLES=glibc.cpu.x86_rep_stosb_threshold=1000000000

# total_ir LIB KIND N -> prints total Ir of one server run, or fails
total_ir() {
    local lib=$1 kind=$2 n=$3 tag="$1-$2-$3" pid envs copt=()
    local out=$RUN_DIR/$tag.callgrind log=$RUN_DIR/$tag.log
    envs=$(lib_env "$lib")
    # shellcheck disable=SC2086
    env "$envs" valgrind --tool=callgrind --callgrind-out-file="$out" \
        "$BIN_DIR/server" --mode "$MODE" --port "$PORT" $SERVER_ARGS >"$log" 2>&1 &
    pid=$!
    if ! wait_port "$PORT" "$pid" 60; then
        echo "ERROR: server under callgrind did not start ($tag), see $log" >&2
        stop_server "$pid" 30
        return 1
    fi
    check_lib "$pid" "$lib" || { stop_server "$pid" 30; return 1; }
    [ "$kind" = close ] && copt=(--close)
    if ! timeout 600 "$BIN_DIR/seqclient" "$PORT" "$n" "${copt[@]}" 2>>"$log"; then
        echo "ERROR: seqclient failed ($tag), see $log" >&2
        stop_server "$pid" 60
        return 1
    fi
    stop_server "$pid" 60 || return 1
    awk '/^summary:/ { print $2; found = 1 } END { exit !found }' "$out" ||
        { echo "ERROR: no summary in $out" >&2; return 1; }
}

printf '| mode | conn | Ir/request real | Ir/request ours | ours/real |\n|---|---|---|---|---|\n' |
    tee "$RUN_DIR/table.md"
IFS=, read -r -a kind_list <<<"$KINDS"
for kind in "${kind_list[@]}"; do
    declare -A per=([A]=NA [B]="(missing)")
    for lib in $LIBS; do
        if ir1=$(total_ir "$lib" "$kind" "$N1") && ir2=$(total_ir "$lib" "$kind" "$N2"); then
            per[$lib]=$(awk -v a="$ir1" -v b="$ir2" -v n1="$N1" -v n2="$N2" \
                'BEGIN { printf "%.0f", (b - a) / (n2 - n1) }')
            echo "  $lib $kind: Ir($N1)=$ir1 Ir($N2)=$ir2 -> ${per[$lib]}/request" >&2
        else
            per[$lib]=FAILED
        fi
    done
    ratio=$(awk -v a="${per[A]}" -v b="${per[B]}" \
        'BEGIN { if (a !~ /^[0-9]+$/ || b !~ /^[0-9]+$/ || a == 0) print "-"; else printf "%.2f", b / a }')
    echo "| $MODE | $kind | ${per[A]} | ${per[B]} | $ratio |" | tee -a "$RUN_DIR/table.md"
    unset per
done
echo "raw callgrind outputs: $RUN_DIR" >&2
