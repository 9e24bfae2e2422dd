#!/usr/bin/python3
"""Crash-safety client: checks every acknowledged write of earlier rounds, then loads.

  crash_client.py HOST:PORT --round R --seed S --acks-dir DIR [--verify-only] [--max-ops N]

1. Verify: for every earlier round r (DIR/acks-r.txt, written by the test from this
   script's ACK lines), every acknowledged write must be in the tree with its data, and
   nothing may be half there:
     ACK C <name>            create of /crash/r<r>/<name>: the node exists; its data is the
                             create's data or one of its setData values
     ACK S <name> <k> <ver>  k-th setData of that node, acknowledged with version ver (= k):
                             the node holds the data of setData k' >= k and has version k'
     ACK M <i> <n>           multi i: all n of /crash/r<r>/m<i>-<j> exist with their data
   and for every node present, acknowledged or not: its data is one this script could have
   written, and each multi group it belongs to is complete (all or none).
   Prints "VERIFIED ...". With --verify-only it stops there.
2. Load: keeps up to 50 requests outstanding (creates, setData on created nodes, multis of
   2-3 creates) and prints one ACK line per success, until the server goes away (the test
   SIGKILLs it at a seeded point) or --max-ops were sent. Then it waits, bounded, for the
   outstanding requests to end, prints "DONE ..." and exits 0.
Any check that fails prints FAIL <what> and exits 1.
"""

import argparse
import glob
import hashlib
import os
import random
import re
import sys
import threading
import time
import traceback

from kazoo.exceptions import ConnectionClosedError, ConnectionLoss, SessionExpiredError

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts (in the test output either)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zkdurable as z  # noqa: E402

ROOT = "/crash"
OUTSTANDING = 50
LOAD_SECONDS = 60.0
DRAIN_SECONDS = 2.0
GONE = (ConnectionLoss, ConnectionClosedError, SessionExpiredError)
NAME = re.compile(r"^(c(\d+)|m(\d+)-(\d+))$")


def create_data(round_no, name):
    """Deterministic, varied data: 0..400 bytes derived from the node's name (some empty)."""
    seed = hashlib.sha256(f"{round_no}/{name}".encode()).digest()
    size = int.from_bytes(seed[:2], "big") % 401
    return (seed * (size // len(seed) + 1))[:size]


def set_data(round_no, name, k):
    return f"r{round_no}/{name} set {k}".encode()


def multi_size(i):
    return 2 + i % 2


def round_dir(round_no):
    return f"{ROOT}/r{round_no}"


# ---------------------------------------------------------------- verification

def read_acks(acks_dir, before_round):
    """{round: [ack fields]} for every earlier round's file."""
    rounds = {}
    for file_name in glob.glob(os.path.join(acks_dir, "acks-*.txt")):
        r = int(os.path.basename(file_name)[5:-4])
        if r < before_round:
            with open(file_name, encoding="utf-8") as f:
                rounds[r] = [line.split()[1:] for line in f if line.startswith("ACK ")]
    return rounds


def read_round(zk, round_no):
    """{name: (data, stat)} of every node in a round's folder (pipelined reads)."""
    folder = round_dir(round_no)
    if zk.exists(folder) is None:
        return None
    names = zk.get_children(folder)
    pending = [(n, zk.get_async(f"{folder}/{n}")) for n in names]
    return {n: r.get(timeout=z.OP_TIMEOUT_S) for n, r in pending}


def verify_round(zk, round_no, acks):
    nodes = read_round(zk, round_no)
    if nodes is None:
        # The folder is made (and acknowledged) before the round's first ACK line.
        z.check(not acks, f"round {round_no}: {round_dir(round_no)} is missing but {len(acks)} writes were acknowledged")
        return 0
    where = round_dir(round_no)
    groups = {}
    for name, (data, stat) in nodes.items():
        match = NAME.match(name)
        z.check(match is not None, f"{where}/{name}: a node this client never creates")
        if match.group(2) is not None:
            k = stat.version
            expected = create_data(round_no, name) if k == 0 else set_data(round_no, name, k)
            z.check((data or b"") == expected,
                    f"{where}/{name}: version {k} holds {data!r}, expected {expected!r} "
                    "(data and version do not belong to the same write)")
        else:
            i, j = int(match.group(3)), int(match.group(4))
            groups.setdefault(i, set()).add(j)
            z.check((data or b"") == create_data(round_no, name) and stat.version == 0,
                    f"{where}/{name}: multi node holds {data!r} at version {stat.version}")
    for i, members in groups.items():
        z.check(members == set(range(multi_size(i))),
                f"{where}: multi {i} is half applied: members {sorted(members)} of {multi_size(i)} exist")

    for ack in acks:
        kind = ack[0]
        if kind == "C":
            name = ack[1]
            z.check(name in nodes, f"{where}/{name}: acknowledged create is missing")
        elif kind == "S":
            name, k, version = ack[1], int(ack[2]), int(ack[3])
            z.check(name in nodes, f"{where}/{name}: node with acknowledged setData {k} is missing")
            have = nodes[name][1].version
            z.check(have >= k and have >= version,
                    f"{where}/{name}: acknowledged setData {k} (version {version}) lost: the node is at version {have}")
        elif kind == "M":
            i, n = int(ack[1]), int(ack[2])
            z.check(i in groups and len(groups[i]) == n, f"{where}: acknowledged multi {i} is missing")
        else:
            raise z.CheckFailed(f"round {round_no}: unreadable ack {ack!r}")
    return len(nodes)


def verify(zk, acks_dir, round_no):
    rounds = read_acks(acks_dir, round_no)
    total_nodes = total_acks = 0
    for r in sorted(rounds):
        total_nodes += verify_round(zk, r, rounds[r])
        total_acks += len(rounds[r])
    print(f"VERIFIED rounds={len(rounds)} acks={total_acks} nodes={total_nodes}", flush=True)


# ---------------------------------------------------------------- load

class Load:
    def __init__(self, zk, round_no, seed, max_ops):
        self.zk = zk
        self.round_no = round_no
        self.rng = random.Random(seed * 1000 + round_no)
        self.max_ops = max_ops
        self.slots = threading.BoundedSemaphore(OUTSTANDING)
        self.lock = threading.Lock()
        self.gone = threading.Event()
        self.created = []  # acknowledged creates, setData targets
        self.next_set = {}
        self.sent = self.acked = 0
        self.failure = None

    def ack(self, line):
        with self.lock:
            self.acked += 1
            sys.stdout.write(f"ACK {line}\n")
            sys.stdout.flush()

    def finish(self, result, on_success):
        try:
            value = result.get()
        except GONE:
            self.gone.set()
        except Exception as e:  # noqa: BLE001 - any other error is the finding
            with self.lock:
                self.failure = self.failure or f"{type(e).__name__}: {e!r}"
            self.gone.set()
        else:
            try:
                on_success(value)
            except Exception as e:  # noqa: BLE001
                with self.lock:
                    self.failure = self.failure or f"{type(e).__name__}: {e!r}"
                self.gone.set()
        finally:
            self.slots.release()

    def send_one(self, n):
        folder = round_dir(self.round_no)
        roll = self.rng.random()
        with self.lock:
            targets = len(self.created)
        if roll < 0.3 and targets:
            with self.lock:
                name = self.created[self.rng.randrange(targets)]
                k = self.next_set[name] = self.next_set.get(name, 0) + 1

            def on_set(stat, name=name, k=k):
                if stat.version != k:
                    raise z.CheckFailed(f"setData {k} of {name} answered version {stat.version}")
                self.ack(f"S {name} {k} {stat.version}")

            result = self.zk.set_async(f"{folder}/{name}", set_data(self.round_no, name, k))
            result.rawlink(lambda r: self.finish(r, on_set))
        elif roll < 0.5:
            size = multi_size(n)
            tx = self.zk.transaction()
            for j in range(size):
                tx.create(f"{folder}/m{n}-{j}", create_data(self.round_no, f"m{n}-{j}"))

            def on_multi(results, n=n, size=size):
                bad = [r for r in results if isinstance(r, Exception)]
                if bad:
                    raise z.CheckFailed(f"multi {n} failed: {results!r}")
                self.ack(f"M {n} {size}")

            tx.commit_async().rawlink(lambda r: self.finish(r, on_multi))
        else:
            name = f"c{n}"

            def on_create(_path, name=name):
                self.ack(f"C {name}")
                with self.lock:
                    self.created.append(name)

            result = self.zk.create_async(f"{folder}/{name}", create_data(self.round_no, name))
            result.rawlink(lambda r: self.finish(r, on_create))

    def run(self):
        deadline = time.monotonic() + LOAD_SECONDS
        n = 0
        while not self.gone.is_set() and n < self.max_ops and time.monotonic() < deadline:
            if not self.slots.acquire(timeout=0.5):
                continue
            if self.gone.is_set():
                self.slots.release()
                break
            self.sent += 1
            self.send_one(n)
            n += 1
        # Requests queued but never sent stay pending once the server is gone; give the rest a bounded drain.
        drained = 0
        drain_deadline = time.monotonic() + DRAIN_SECONDS
        while drained < OUTSTANDING and time.monotonic() < drain_deadline:
            if self.slots.acquire(timeout=0.1):
                drained += 1
        with self.lock:
            if self.failure:
                raise z.CheckFailed(f"round {self.round_no}: a write failed with {self.failure}")
            print(f"DONE sent={self.sent} acked={self.acked} gone={self.gone.is_set()} pending={OUTSTANDING - drained}",
                  flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("hosts")
    parser.add_argument("--round", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--acks-dir", required=True)
    parser.add_argument("--verify-only", action="store_true")
    parser.add_argument("--max-ops", type=int, default=20_000)
    args = parser.parse_args()
    try:
        zk = z.connect(args.hosts)
        verify(zk, args.acks_dir, args.round)
        if not args.verify_only:
            zk.ensure_path(round_dir(args.round))
            print("LOADING", flush=True)
            Load(zk, args.round, args.seed, args.max_ops).run()
    except z.CheckFailed as e:
        z.fail(str(e))
    except Exception:  # noqa: BLE001
        traceback.print_exc()
        z.fail("unexpected exception (traceback above)")
    sys.stdout.flush()
    os._exit(0)  # kazoo keeps reconnecting to a dead server otherwise


if __name__ == "__main__":
    main()
