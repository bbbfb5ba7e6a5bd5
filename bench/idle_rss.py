#!/usr/bin/env python3
"""Memory per idle keep-alive connection: RSS of bench/out/bin/server before and after
1000 clients each made one request and stayed connected. Usage:
    bench/idle_rss.py [MODE ...]      (default: internal-epoll external-epoll)
Needs bench/run.sh or bench/callgrind.sh to have built bench/out/ (server, ours-lib)."""
import os
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "out", "bin", "server")
OURS = os.path.join(HERE, "out", "ours-lib")
N = 1000


def measure(lib, mode, port):
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    if lib == "ours":
        env["LD_LIBRARY_PATH"] = OURS
    p = subprocess.Popen([SERVER, "--mode", mode, "--port", str(port)], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)

        def rss():
            with open(f"/proc/{p.pid}/status") as f:
                return next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))

        def serve(n):
            socks = []
            for _ in range(n):
                s = socket.create_connection(("127.0.0.1", port))
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                socks.append(s)
            for s in socks:
                s.settimeout(5)
                s.recv(4096)
            return socks

        warm = serve(10)
        time.sleep(0.3)
        base = rss()
        socks = serve(N)
        time.sleep(0.5)
        after = rss()
        for s in warm + socks:
            s.close()
        return (after - base) * 1024 / N
    finally:
        p.terminate()
        p.wait()


def main():
    modes = sys.argv[1:] or ["internal-epoll", "external-epoll"]
    print("| mode | bytes per idle keep-alive connection, real | ours | ours/real |")
    print("|---|---|---|---|")
    for i, mode in enumerate(modes):
        real = measure("real", mode, 18600 + 2 * i)
        ours = measure("ours", mode, 18601 + 2 * i)
        print(f"| {mode} | {real:.0f} | {ours:.0f} | {ours / real:.2f} |")


if __name__ == "__main__":
    main()
