#!/usr/bin/python3
"""kazoo 2.8 tools for the ensemble tests (ZkCompat.CompatTests/Ensemble), one subcommand each.

  load HOSTS ROOT --stop-file F [--rate N] [--outstanding N] [--max-seconds S]
      Creates ROOT/w-<i> (data: i) at about N per second with at most --outstanding in flight,
      through a client that knows every member and reconnects at once. Prints `READY 0x<session>`
      once ROOT exists, then per request `ACK <path> <unix ms>` or `NACK <path> <error> <unix ms>`
      (a NACKed create may or may not have happened), until the file F exists; drains (bounded),
      prints `DONE acked=A nacked=N pending=P lost=L session=0x<session>` (L: sessions lost) and
      exits 0.
  fill HOSTS ROOT COUNT [--data-bytes N]
      Creates ROOT (parents as needed) and ROOT/f-<i> for i < COUNT, all in flight at once, and
      prints `FILLED <count>` once every create is acknowledged. Data: i, padded with '.' to N
      bytes when N is given.
  dump HOST OUT --super-password P
      Against that one member: sync, then every node (path, data, Stat, ACL) as JSON lines into
      OUT (zkdurable.dump_tree, through a digest super session). Prints `DUMPED <count>`.
  hold HOST PATH --timeout-ms T
      Against that one member: a session of T ms creates the ephemeral PATH (parents as needed),
      prints `READY 0x<session id>` and holds it until killed.
  wait-gone PATH --timeout-s S HOST [HOST ...]
      One client per member. First prints `PRESENT <host>` or `ABSENT <host>` for each (after a
      sync), then `GONE <host> <unix ms>` as each member stops showing PATH; exits 0 when none
      shows it, or prints `FAIL ...` and exits 1 at the deadline.
Every wait is bounded; any failed check prints FAIL <what> and exits 1.
"""

import argparse
import os
import sys
import threading
import time
import traceback

from kazoo.client import KazooClient, KazooState
from kazoo.retry import KazooRetry

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts (in the test output either)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "durability"))
import zkdurable as z  # noqa: E402

CONNECT_S = 30.0
DRAIN_S = 15.0
SESSION_S = 10.0
_print_lock = threading.Lock()


def emit(line):
    with _print_lock:
        print(line, flush=True)


def now_ms():
    return int(time.time() * 1000)


def client(hosts, timeout_s=SESSION_S, auth=None):
    """Reconnects to the next member at once: no jitter, a short capped delay, forever."""
    retry = KazooRetry(max_tries=-1, delay=0.05, backoff=1.5, max_jitter=0, max_delay=0.2)
    zk = KazooClient(hosts=hosts, timeout=timeout_s, connection_retry=retry, command_retry=None,
                     auth_data=auth or None)
    zk.start(timeout=CONNECT_S)
    return zk


def load(args):
    zk = client(args.hosts)
    lost = []
    zk.add_listener(lambda state: lost.append(now_ms()) if state == KazooState.LOST else None)
    zk.ensure_path(args.root)
    emit(f"READY 0x{zk.client_id[0]:x}")
    slots = threading.Semaphore(args.outstanding)
    counts = {"ACK": 0, "NACK": 0}

    def done(path):
        def callback(result):
            try:
                result.get()
                emit(f"ACK {path} {now_ms()}")
                counts["ACK"] += 1
            except Exception as e:  # noqa: BLE001 - every failure is a NACK, whatever its kind
                emit(f"NACK {path} {type(e).__name__} {now_ms()}")
                counts["NACK"] += 1
            slots.release()
        return callback

    pace = threading.Event()  # never set: waits on it only pace the load
    start = time.monotonic()
    i = 0
    while not os.path.exists(args.stop_file) and time.monotonic() - start < args.max_seconds:
        due = start + i / args.rate
        if due > time.monotonic():
            pace.wait(due - time.monotonic())
        if not slots.acquire(timeout=0.2):
            continue
        path = f"{args.root}/w-{i:07d}"
        zk.create_async(path, str(i).encode()).rawlink(done(path))
        i += 1

    drained = 0
    deadline = time.monotonic() + DRAIN_S
    while drained < args.outstanding and slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
        drained += 1
    emit(f"DONE acked={counts['ACK']} nacked={counts['NACK']} pending={args.outstanding - drained} "
         f"lost={len(lost)} session=0x{zk.client_id[0]:x}")
    zk.stop()
    zk.close()


def fill(args):
    zk = client(args.hosts)
    try:
        zk.ensure_path(args.root)
        pending = [zk.create_async(f"{args.root}/f-{i:06d}", str(i).encode().ljust(args.data_bytes, b".")) for i in range(args.count)]
        for result in pending:
            result.get(timeout=CONNECT_S)
        emit(f"FILLED {len(pending)}")
    finally:
        zk.stop()
        zk.close()


def dump(args):
    zk = client(args.host, auth=[("digest", f"super:{args.super_password}")])
    try:
        zk.sync("/")
        nodes = z.dump_tree(zk)
        z.write_dump(nodes, args.out)
        emit(f"DUMPED {len(nodes)}")
    finally:
        zk.stop()
        zk.close()


def hold(args):
    zk = client(args.host, timeout_s=args.timeout_ms / 1000.0)
    parent = args.path.rsplit("/", 1)[0]
    if parent:
        zk.ensure_path(parent)
    zk.create(args.path, b"held", ephemeral=True)
    emit(f"READY 0x{zk.client_id[0]:x}")
    threading.Event().wait(600)  # the test kills this process long before


def wait_gone(args):
    clients = {host: client(host) for host in args.hosts}
    try:
        present = set()
        for host, zk in clients.items():
            zk.sync(args.path)
            there = zk.exists(args.path) is not None
            emit(f"{'PRESENT' if there else 'ABSENT'} {host}")
            if there:
                present.add(host)

        def all_gone():
            for host in sorted(present):
                zk = clients[host]
                zk.sync(args.path)
                if zk.exists(args.path) is None:
                    emit(f"GONE {host} {now_ms()}")
                    present.discard(host)
            return not present

        try:
            z.wait_until(all_gone, f"{args.path} to vanish", timeout_s=args.timeout_s, poll_s=0.02)
        except z.CheckFailed as e:
            z.fail(f"{e}: still present on {sorted(present)}")
    finally:
        for zk in clients.values():
            zk.stop()
            zk.close()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("load")
    p.add_argument("hosts")
    p.add_argument("root")
    p.add_argument("--stop-file", required=True)
    p.add_argument("--rate", type=float, default=200.0)
    p.add_argument("--outstanding", type=int, default=8)
    p.add_argument("--max-seconds", type=float, default=120.0)
    p.set_defaults(run=load)
    p = sub.add_parser("fill")
    p.add_argument("hosts")
    p.add_argument("root")
    p.add_argument("count", type=int)
    p.add_argument("--data-bytes", type=int, default=0)
    p.set_defaults(run=fill)
    p = sub.add_parser("dump")
    p.add_argument("host")
    p.add_argument("out")
    p.add_argument("--super-password", required=True)
    p.set_defaults(run=dump)
    p = sub.add_parser("hold")
    p.add_argument("host")
    p.add_argument("path")
    p.add_argument("--timeout-ms", type=int, required=True)
    p.set_defaults(run=hold)
    p = sub.add_parser("wait-gone")
    p.add_argument("path")
    p.add_argument("hosts", nargs="+")
    p.add_argument("--timeout-s", type=float, required=True)
    p.set_defaults(run=wait_gone)
    args = parser.parse_args()
    try:
        args.run(args)
    except z.CheckFailed as e:
        z.fail(str(e))
    except Exception:  # noqa: BLE001 - the test wants the evidence, not a traceback exit code
        z.fail("unexpected error:\n" + traceback.format_exc())


if __name__ == "__main__":
    main()
