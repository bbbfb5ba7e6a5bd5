#!/usr/bin/env bash
# bench/run.sh -- wrk benchmark: GNU libmicrohttpd (A, "real") vs microhttpd-rs
# (B, "ours"), same server binary, library swapped with LD_LIBRARY_PATH.
#
# usage: bench/run.sh [--modes m1,m2,...] [--conns 10,100,1000]
#                     [--kinds keepalive,close] [--server-args "..."]
#   DUR=5      seconds per wrk run
#   THREADS=2  wrk threads
#   PORT=18080 server port
#   OURS_LIB / REAL_LIB: see common.sh
#
# Each (mode, kind, connections) cell runs A B B A and reports the means.
# Output: a markdown table on stdout (also saved in bench/out/run-*/table.md,
# with every raw wrk output next to it).
set -u
. "$(dirname "$0")/common.sh"

MODES=external-select
CONNS=10,100,1000
KINDS=keepalive,close
SERVER_ARGS=""
DUR=${DUR:-5}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}

while [ $# -gt 0 ]; do
    case $1 in
        --modes) MODES=$2; shift 2 ;;
        --modes=*) MODES=${1#*=}; shift ;;
        --conns) CONNS=$2; shift 2 ;;
        --conns=*) CONNS=${1#*=}; shift ;;
        --kinds) KINDS=$2; shift 2 ;;
        --kinds=*) KINDS=${1#*=}; shift ;;
        --server-args) SERVER_ARGS=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
bench_build || { echo "build failed" >&2; exit 1; }
bench_find_ours
if [ $HAVE_OURS = 1 ]; then
    ORDER="A B B A"
else
    echo "NOTE: our library ($OURS_LIB) is missing: measuring only the real library" >&2
    ORDER="A A"
fi

RUN_DIR=$OUT_DIR/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN_DIR"

# parse_wrk FILE -> "reqs rps p99_ms connect read write timeout non2xx"
parse_wrk() {
    awk '
    function ms(v) {
        if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
        if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
        if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
        if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
        return v + 0
    }
    BEGIN { reqs = 0; rps = 0; p99 = -1; c = r = w = t = 0; n2 = 0 }
    / requests in / { reqs = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /^ +99%/ { p99 = ms($2) }
    /Socket errors:/ {
        gsub(/,/, "");
        for (i = 1; i <= NF; i++) {
            if ($i == "connect") c = $(i+1); if ($i == "read") r = $(i+1)
            if ($i == "write") w = $(i+1);   if ($i == "timeout") t = $(i+1)
        }
    }
    /Non-2xx or 3xx responses:/ { n2 = $NF }
    END { printf "%s %s %s %s %s %s %s %s\n", reqs, rps, p99, c, r, w, t, n2 }
    ' "$1"
}

# one_run LIB(A|B) MODE KIND CONNS TAG -> prints "reqs rps p99 c r w t n2 cpu_s srv_reqs"
one_run() {
    local lib=$1 mode=$2 kind=$3 conns=$4 tag=$5
    local base=$RUN_DIR/$tag log pid hdr=() envs
    log=$base.server.log
    rm -f "$base.rusage"
    envs=$(lib_env "$lib")
    # shellcheck disable=SC2086
    env "$envs" "$BIN_DIR/server" --mode "$mode" --port "$PORT" \
        --rusage "$base.rusage" $SERVER_ARGS >"$log" 2>&1 &
    pid=$!
    if ! wait_port "$PORT" "$pid" 10; then
        echo "ERROR: server ($lib, $mode) did not start, see $log" >&2
        cat "$log" >&2
        stop_server "$pid" 2
        return 1
    fi
    check_lib "$pid" "$lib" || { stop_server "$pid" 2; return 1; }
    [ "$kind" = close ] && hdr=(-H 'Connection: close')
    timeout $((DUR + 30)) wrk -t"$THREADS" -c"$conns" -d"${DUR}s" --timeout 5s --latency \
        "${hdr[@]}" "http://127.0.0.1:$PORT/" >"$base.wrk" 2>&1
    stop_server "$pid" 10
    local cpu=NA sreq=NA
    if [ -s "$base.rusage" ]; then
        read -r u s sreq <"$base.rusage"
        cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.6f", u + s }')
    else
        echo "WARNING: no rusage from server ($tag)" >&2
    fi
    echo "$(parse_wrk "$base.wrk") $cpu $sreq"
}

fmt_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || a + 0 == 0) print "-"; else printf "%.2f", b / a }'; }

TABLE=$RUN_DIR/table.md
{
    echo "| mode | conn | c | req/s real | req/s ours | ours/real | p99 ms real | p99 ms ours | sock err real c/r/w/t | sock err ours c/r/w/t | CPU µs/req real | CPU µs/req ours | CPU ours/real |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$TABLE"
cat "$TABLE"

IFS=, read -r -a mode_list <<<"$MODES"
IFS=, read -r -a conn_list <<<"$CONNS"
IFS=, read -r -a kind_list <<<"$KINDS"

for mode in "${mode_list[@]}"; do
  for kind in "${kind_list[@]}"; do
    for c in "${conn_list[@]}"; do
      declare -A acc=()
      for lib in A B; do acc[$lib]=""; done
      i=0
      for lib in $ORDER; do
          i=$((i + 1))
          tag="${mode//=/}-$kind-c$c-$i$lib"
          if res=$(one_run "$lib" "$mode" "$kind" "$c" "$tag"); then
              acc[$lib]+="$res"$'\n'
              echo "  $tag: $res" >&2
          else
              echo "  $tag: FAILED" >&2
          fi
      done
      # aggregate per library: mean req/s, mean p99, summed errors,
      # CPU/request = sum(cpu) / sum(server-side requests)
      agg() {
          printf '%s' "$1" | awk '
          NF >= 10 { n++; rps += $2; p99 += $3; c += $4; r += $5; w += $6; t += $7; n2 += $8
                     if ($9 != "NA" && $10 != "NA" && $10 > 0) { cpu += $9; sreq += $10 } }
          END {
              if (n == 0) { print "NA NA NA NA"; exit }
              err = c "/" r "/" w "/" t; if (n2 > 0) err = err "+" n2 "non2xx"
              cpur = (sreq > 0) ? sprintf("%.2f", cpu * 1e6 / sreq) : "NA"
              printf "%.0f %.2f %s %s\n", rps / n, p99 / n, err, cpur
          }'
      }
      read -r a_rps a_p99 a_err a_cpu < <(agg "${acc[A]}")
      if [ $HAVE_OURS = 1 ]; then
          read -r b_rps b_p99 b_err b_cpu < <(agg "${acc[B]}")
      else
          b_rps="(missing)"; b_p99="-"; b_err="-"; b_cpu="NA"
      fi
      line="| $mode | $kind | $c | $a_rps | $b_rps | $(fmt_ratio "$a_rps" "${b_rps/(missing)/NA}") | $a_p99 | $b_p99 | $a_err | $b_err | $a_cpu | $b_cpu | $(fmt_ratio "$a_cpu" "$b_cpu") |"
      echo "$line" | tee -a "$TABLE"
      unset acc
    done
  done
done
echo >&2
echo "raw outputs and table: $RUN_DIR" >&2
