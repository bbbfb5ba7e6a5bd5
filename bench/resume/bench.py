#!/usr/bin/env python3
"""bench/resume/bench.py - resume latency: time from MHD_resume_connection on
the GLib thread to the first response byte at the client.

Uses tests/sse/sse-app (one binary; the library is swapped with
LD_LIBRARY_PATH).  Direct loopback connection to the app, no proxy.
  async  N sequential keep-alive requests /async?delay=D: the body carries
         g_get_real_time() taken right before MHD_resume_connection;
         latency = first byte received (blocking recv) - that time
  sse    one stream of N events every I ms: each event carries the time its
         GLib timer fired, which then pushes and resumes right away;
         latency = event received - that time
Both clocks are CLOCK_REALTIME on the same host.
"""
import argparse
import os
import socket
import subprocess
import sys
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))] if xs else float("nan")


def connect(port, timeout):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def bench_async(port, n, delay, timeout):
    lat, hung = [], 0
    s = connect(port, timeout)
    deadline = time.monotonic() + 30
    for i in range(n):
        if time.monotonic() > deadline:
            break
        s.sendall(f"GET /async?id={i}&delay={delay} HTTP/1.1\r\nHost: b\r\n\r\n".encode())
        buf, t_first = b"", None
        try:
            while True:
                d = s.recv(65536)
                if t_first is None:
                    t_first = time.time_ns() // 1000
                if not d:
                    raise OSError("closed")
                buf += d
                if b"\r\n\r\n" in buf:
                    head, body = buf.split(b"\r\n\r\n", 1)
                    cl = [int(x.split(b":")[1]) for x in head.split(b"\r\n") if x.lower().startswith(b"content-length:")]
                    if cl and len(body) >= cl[0]:
                        break
            parts = body.decode().split()
            assert parts[:2] == ["async", str(i)], body
            lat.append((t_first - int(parts[2])) / 1000)
        except (socket.timeout, OSError):
            hung += 1
            s.close()
            s = connect(port, timeout)
    s.close()
    return lat, hung


def bench_sse(port, n, interval, timeout):
    lat = []
    s = connect(port, timeout)
    s.sendall(f"GET /events?id=1&count={n}&interval={interval} HTTP/1.1\r\nHost: b\r\n\r\n".encode())
    buf = b""
    try:
        while len(lat) < n:
            d = s.recv(65536)
            t = time.time_ns() // 1000
            if not d:
                break
            buf += d
            # events are "data: 1 SEQ T\n\n" inside chunks; find complete ones
            while True:
                i = buf.find(b"data: ")
                j = buf.find(b"\n\n", i)
                if i < 0 or j < 0:
                    break
                _, seq, tf = buf[i + 6:j].split()
                lat.append((t - int(tf)) / 1000)
                buf = buf[j + 2:]
    except (socket.timeout, OSError):
        pass
    s.close()
    return lat, n - len(lat)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--libs", default="ours,real")
    ap.add_argument("--ours", required=True, help="dir with our libmicrohttpd.so.12")
    ap.add_argument("--modes", default="select,epoll,thread")
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--delay", type=int, default=5)
    ap.add_argument("--interval", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=1.0)
    args = ap.parse_args()
    rows = []
    for lib in args.libs.split(","):
        env = dict(os.environ)
        env.pop("LD_LIBRARY_PATH", None)
        if lib == "ours":
            env["LD_LIBRARY_PATH"] = args.ours
        for mode in args.modes.split(","):
            port = free_port()
            app = subprocess.Popen([args.app, mode, str(port)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                for _ in range(50):
                    try:
                        connect(port, 1).close()
                        break
                    except OSError:
                        time.sleep(0.1)
                with open(f"/proc/{app.pid}/maps") as f:
                    loaded = sorted({ln.split()[-1] for ln in f if "libmicrohttpd" in ln})
                bench_async(port, 10, args.delay, args.timeout)  # warm-up
                a, ah = bench_async(port, args.n, args.delay, args.timeout)
                e, eh = bench_sse(port, args.n, args.interval, args.timeout)
            finally:
                app.terminate()
                try:
                    app.wait(2)
                except subprocess.TimeoutExpired:
                    app.kill()
                    app.wait()
            rows.append((lib, mode, a, ah, e, eh))
            print(f"# {lib}/{mode}: loaded {loaded}; async n={len(a)} lost={ah}; sse n={len(e)} lost={eh}",
                  file=sys.stderr, flush=True)
    print("| library | mode | async resume→1st byte p50 / p99 / max (ms) | lost (>%gs) | SSE event resume→client p50 / p99 / max (ms) | lost |" % args.timeout)
    print("|---|---|---|---|---|---|")
    names = {"select": "seed SocketMonitor (external select)", "epoll": "one-fd epoll",
             "thread": "internal select thread + resume from GLib"}
    for lib, mode, a, ah, e, eh in rows:
        f = lambda xs: f"{pct(xs, 50):.3f} / {pct(xs, 99):.3f} / {max(xs, default=float('nan')):.3f}"
        print(f"| {lib} | {names.get(mode, mode)} | {f(a)} (n={len(a)}) | {ah} | {f(e)} (n={len(e)}) | {eh} |")


if __name__ == "__main__":
    main()
