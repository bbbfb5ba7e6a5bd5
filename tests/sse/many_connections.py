#!/usr/bin/env python3
"""More connections than FD_SETSIZE through the seed's SocketMonitor (external select with
our vapi's FDSet, sized by RLIMIT_NOFILE). Starts `APP select PORT`, opens N concurrent
keep-alive connections, sends `GET /hello?id=i` on each, and checks every answer.
Prints PASS:/FAIL: lines; exit status 1 on failure. Bounded to about 30 s."""
import argparse
import os
import resource
import selectors
import socket
import subprocess
import sys
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--libdir", default="")
    ap.add_argument("--connections", type=int, default=1100)
    args = ap.parse_args()
    n = args.connections
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, 2 * n + 256))
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))  # inherited by the app
    if want < n + 128:
        print(f"FAIL: descriptor limit {want} too low for {n} connections")
        return 1
    env = dict(os.environ)
    if args.libdir:
        env["LD_LIBRARY_PATH"] = args.libdir
    port = free_port()
    app = subprocess.Popen([args.app, "select", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    print("FAIL: app did not start")
                    return 1
                time.sleep(0.05)
        socks = []
        for i in range(n):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            socks.append(s)
        # All connections are open at once before any request is sent.
        sel = selectors.DefaultSelector()
        pending = {}
        for i, s in enumerate(socks):
            s.sendall(b"GET /hello?id=%d HTTP/1.1\r\nHost: x\r\n\r\n" % i)
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ, i)
            pending[i] = b""
        ok = 0
        deadline = time.time() + 20
        while pending and time.time() < deadline:
            for key, _ in sel.select(timeout=1):
                i = key.data
                try:
                    data = key.fileobj.recv(4096)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    sel.unregister(key.fileobj)
                    pending.pop(i, None)
                    continue
                pending[i] += data
                if pending[i].endswith(b"hello %d\n" % i):
                    if pending[i].startswith(b"HTTP/1.1 200 OK\r\n"):
                        ok += 1
                    sel.unregister(key.fileobj)
                    del pending[i]
        max_fd = max(s.fileno() for s in socks)
        for s in socks:
            s.close()
        if ok == n:
            print(f"PASS: seed SocketMonitor served {n} concurrent connections (so the app holds descriptors beyond FD_SETSIZE 1024)")
            return 0
        print(f"FAIL: seed SocketMonitor served {ok} of {n} concurrent connections")
        return 1
    finally:
        app.terminate()
        try:
            app.wait(5)
        except subprocess.TimeoutExpired:
            app.kill()


if __name__ == "__main__":
    sys.exit(main())
