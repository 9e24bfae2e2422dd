#!/usr/bin/python3
"""TCP relay that records every byte, per connection and direction.

Usage: relay.py OUTDIR NAME:LISTEN_PORT:TARGET_PORT [...]   (all on 127.0.0.1)

For each accepted connection N on NAME it writes OUTDIR/NAME.N.up.bin (client -> target)
and OUTDIR/NAME.N.down.bin (target -> client), and appends one line per chunk to
OUTDIR/events.log: "<monotonic ns> NAME.N up|down <offset> <length>", so the two
directions can be interleaved in time order afterwards. Runs until killed.
"""
import os
import socket
import sys
import threading
import time

lock = threading.Lock()
counters = {}


def pump(src, dst, path, tag, events):
    offset = 0
    with open(path, "wb") as out:
        while True:
            try:
                chunk = src.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            out.write(chunk)
            out.flush()
            with lock:
                events.write(f"{time.monotonic_ns()} {tag} {offset} {len(chunk)}\n")
                events.flush()
            offset += len(chunk)
            try:
                dst.sendall(chunk)
            except OSError:
                break
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve(outdir, name, listen_port, target_port, events):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", listen_port))
    server.listen(16)
    while True:
        client, _ = server.accept()
        try:
            target = socket.create_connection(("127.0.0.1", target_port), timeout=5)
            target.settimeout(None)
        except OSError:
            client.close()
            continue
        with lock:
            n = counters.get(name, 0)
            counters[name] = n + 1
        tag = f"{name}.{n}"
        for src, dst, direction in ((client, target, "up"), (target, client, "down")):
            path = os.path.join(outdir, f"{tag}.{direction}.bin")
            threading.Thread(target=pump, args=(src, dst, path, f"{tag} {direction}", events), daemon=True).start()


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    events = open(os.path.join(outdir, "events.log"), "a")
    for spec in sys.argv[2:]:
        name, listen_port, target_port = spec.split(":")
        threading.Thread(target=serve, args=(outdir, name, int(listen_port), int(target_port), events), daemon=True).start()
    print("relay ready", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
