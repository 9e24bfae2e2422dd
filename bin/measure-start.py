#!/usr/bin/env python3
"""Measures a ZooKeeper server's start time (process start until it answers srvr on its client
port) and its idle RSS (VmRSS 5 s after that), as the README reports them.

usage: bin/measure-start.py <server command...>      (the zoo.cfg path is appended)
  e.g. N=5 bin/measure-start.py .build/release/zkcompat
"""
import os, socket, subprocess, sys, time, tempfile, shutil
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, n=int(__import__("os").environ.get("N","5"))):
    starts, rss = [], []
    for i in range(n):
        d = tempfile.mkdtemp()
        port = free_port()
        cfg = os.path.join(d, "zoo.cfg")
        open(cfg, "w").write(f"tickTime=2000\nclientPort={port}\nclientPortAddress=127.0.0.1\ndataDir={d}/data\nadmin.enableServer=false\n")
        t0 = time.monotonic()
        p = subprocess.Popen(cmd + [cfg], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=1); s.sendall(b"srvr")
                data = s.recv(100); s.close()
                if data: break
            except OSError:
                time.sleep(0.001)
        starts.append((time.monotonic() - t0) * 1000)
        time.sleep(5)
        for line in open(f"/proc/{p.pid}/status"):
            if line.startswith("VmRSS"): rss.append(int(line.split()[1]) / 1024)
        p.terminate(); p.wait(); shutil.rmtree(d)
    starts.sort(); rss.sort()
    print(f"{' '.join(cmd)}: start ms median {starts[n//2]:.0f} (min {starts[0]:.0f}, max {starts[-1]:.0f}); idle RSS MB median {rss[n//2]:.1f} (min {rss[0]:.1f}, max {rss[-1]:.1f})")
run(sys.argv[1:])
