#!/usr/bin/python3
"""A deterministic workload for Java ZooKeeper's data-directory tools, seen through kazoo.

  tools_workload.py write HOST:PORT --super-password PW --acks FILE
      Runs the same txns in the same order on any server: one request at a time, so every
      server logs the same txn sequence with the same zxids (only times and session ids
      differ). Writes one JSON line per acknowledged change to --acks (its zxid, what it
      did; a multi is one line per op), checks that the zxids come one after another,
      prints READY and waits to be killed with the 'holder' session alive (its ephemerals
      are in the dataDir).

  tools_workload.py check HOST:PORT --super-password PW --acks FILE --dump FILE
                    [--upto ZXID] [--override PATH=HEX]
      On a server started on such a dataDir (maybe cut at a zxid, maybe with a repaired
      entry): dumps the whole tree to --dump (zkdurable.dump_tree), then checks that the
      tree under the root is exactly what the acknowledged changes up to --upto make
      (every node, with its data; nothing after --upto), with --override's data in place
      of the acknowledged data of PATH.

Exits 0 when every check passed; otherwise prints FAIL <what> and exits 1.
"""

import argparse
import json
import os
import sys
import threading
import traceback

from kazoo.exceptions import BadVersionError, NodeExistsError, NoNodeError, RolledBackError
from kazoo.security import make_acl, make_digest_acl

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts (in the test output either)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zkdurable as z  # noqa: E402

ROOT = "/tools"
# The test flips a byte of this value inside the log entry that creates ROOT/flip (the only log entry holding it).
FLIP_MARKER = b"flip-me:0123456789abcdef"
# Sessions restored from a dataDir live this long (the test raises maxSessionTimeout to it), far
# longer than a check takes, so no expiry changes the tree while it is read.
SESSION_TIMEOUT_S = 60.0
WAIT_TO_BE_KILLED_S = 180.0
WORLD = [make_acl("world", "anyone", all=True)]


class Workload:
    """Runs ops one at a time and follows the zxid each consumes (kazoo's last_zxid after each reply)."""

    def __init__(self, out):
        self.out = out
        self.zxid = 0

    def ack(self, zxid, op, path=None, data=None, session=None):
        line = {"zxid": zxid, "op": op, "path": path, "data": None if data is None else data.hex(), "session": session}
        self.out.write(json.dumps(line, sort_keys=True) + "\n")

    def next(self, zk, what):
        """The zxid the reply just received carries: one past the previous txn's."""
        z.check(zk.last_zxid == self.zxid + 1,
                f"{what}: reply zxid 0x{zk.last_zxid:x}, expected 0x{self.zxid + 1:x} (txns are not one at a time)")
        self.zxid = zk.last_zxid
        return self.zxid

    def connect(self, hosts, auth=None):
        zk = z.connect(hosts, timeout_s=SESSION_TIMEOUT_S, auth=auth)
        self.zxid += 1  # createSession (checked by the next op's zxid)
        return zk

    def close(self, zk, name):
        zk.stop()
        zk.close()
        self.zxid += 1  # closeSession
        self.ack(self.zxid, "close", session=name)

    def create(self, zk, path, data, session=None, **kw):
        made = zk.create(path, data, **kw)
        self.ack(self.next(zk, f"create {path}"), "create", made, data, session if kw.get("ephemeral") else None)
        return made

    def set(self, zk, path, data, version=-1):
        zk.set(path, data, version=version)
        self.ack(self.next(zk, f"set {path}"), "set", path, data)

    def delete(self, zk, path):
        zk.delete(path)
        self.ack(self.next(zk, f"delete {path}"), "delete", path)

    def refused(self, zk, what, call, error):
        """A write the server refuses still takes a zxid: Java logs an error txn for it."""
        try:
            call()
        except error:
            self.ack(self.next(zk, what), "error")
            return
        raise z.CheckFailed(f"{what}: expected {error.__name__}")

    def call(self, zk, path, request, data):
        """createContainer or createTTL (kazoo has no API for them)."""
        made = z.call(zk, request)
        made = made[0] if isinstance(made, (list, tuple)) else made
        self.ack(self.next(zk, f"create {path}"), "create", made, data)
        return made


def workload(w, hosts, password):
    admin = w.connect(hosts, auth=[("digest", f"super:{password}")])
    # A read's reply carries the last zxid: this session's createSession, after whatever the server
    # logged before (the test harness's readiness probe opens and closes a session).
    admin.exists("/")
    w.zxid = admin.last_zxid
    w.create(admin, ROOT, b"tools")

    d = f"{ROOT}/data"
    w.create(admin, d, None)
    w.create(admin, f"{d}/text", b"hello")
    w.create(admin, f"{d}/empty", b"")
    w.create(admin, f"{d}/null", None)
    w.create(admin, f"{d}/binary", bytes(range(256)))
    w.create(admin, f"{d}/utf8", "h\u00e9llo \u2713 \u65e5\u672c".encode())
    w.create(admin, f"{d}/large", bytes((i * 7) % 251 for i in range(6000)))
    w.set(admin, f"{d}/text", b"hello again", version=0)
    w.set(admin, f"{d}/null", b"not null now")
    w.set(admin, f"{d}/empty", b"")
    w.refused(admin, "create an existing node", lambda: admin.create(f"{d}/text", b"x"), NodeExistsError)
    w.refused(admin, "set with a stale version", lambda: admin.set(f"{d}/text", b"x", version=0), BadVersionError)
    w.refused(admin, "delete a missing node", lambda: admin.delete(f"{d}/missing"), NoNodeError)

    a = f"{ROOT}/acl"
    w.create(admin, a, b"")
    w.create(admin, f"{a}/digest", b"d", acl=[make_digest_acl("user1", "pw1", all=True)])
    w.create(admin, f"{a}/worldread", b"w", acl=[make_acl("world", "anyone", read=True)])
    w.create(admin, f"{a}/ip", b"i", acl=[make_acl("ip", "127.0.0.1", all=True)])
    admin.set_acls(f"{a}/ip", [make_acl("ip", "127.0.0.0/8", read=True), make_digest_acl("user1", "pw1", read=True)])
    w.ack(w.next(admin, "setACL"), "setacl", f"{a}/ip")

    s = f"{ROOT}/seq"
    w.create(admin, s, b"")
    made = [w.create(admin, f"{s}/n-", str(i).encode(), sequence=True) for i in range(4)]
    w.delete(admin, made[1])

    m = f"{ROOT}/multi"
    w.create(admin, m, b"")
    tx = admin.transaction()
    tx.create(f"{m}/a", b"multi a")
    tx.create(f"{m}/a/b", b"multi b")
    tx.set_data(f"{d}/binary", bytes(reversed(range(256))))
    tx.delete(made[2])
    tx.check(m, 0)
    results = tx.commit()
    z.check(not any(isinstance(r, Exception) for r in results), f"the good multi failed: {results!r}")
    zxid = w.next(admin, "multi")
    w.ack(zxid, "create", f"{m}/a", b"multi a")
    w.ack(zxid, "create", f"{m}/a/b", b"multi b")
    w.ack(zxid, "set", f"{d}/binary", bytes(reversed(range(256))))
    w.ack(zxid, "delete", made[2])
    tx = admin.transaction()
    tx.create(f"{m}/never", b"")
    tx.check(m, 99)
    results = tx.commit()
    z.check(isinstance(results[0], RolledBackError) and isinstance(results[1], BadVersionError),
            f"the bad multi: {results!r}")
    w.ack(w.next(admin, "failed multi"), "error")

    # A container keeps its child (Java deletes empty ones on its own schedule); the TTL is an hour.
    c = f"{ROOT}/container"
    w.call(admin, c, z.CreateContainer(c, b"container", WORLD), b"container")
    w.create(admin, f"{c}/child", b"keeps it")
    w.call(admin, f"{ROOT}/ttl", z.CreateTTL(f"{ROOT}/ttl", b"ttl", WORLD, 5, 3_600_000), b"ttl")

    # Churn: enough txns for several logs and snapshots at a small snapCount.
    ch = f"{ROOT}/churn"
    w.create(admin, ch, b"")
    for i in range(24):
        w.create(admin, f"{ch}/c{i}", f"c{i}".encode())
        if i % 2:
            w.set(admin, f"{ch}/c{i}", f"c{i} set".encode())
        if i % 3 == 0:
            w.delete(admin, f"{ch}/c{i}")

    # Late in the history, so the dataDir has snapshots from before it.
    w.create(admin, f"{ROOT}/flip", FLIP_MARKER)

    e = f"{ROOT}/eph"
    w.create(admin, e, b"")
    gone = w.connect(hosts)
    w.create(gone, f"{e}/gone1", b"g1", "gone", ephemeral=True)
    w.create(gone, f"{e}/gone2", b"g2", "gone", ephemeral=True)
    w.create(gone, f"{e}/gone-", b"g3", "gone", ephemeral=True, sequence=True)
    w.close(gone, "gone")
    holder = w.connect(hosts)
    w.create(holder, f"{e}/live", b"live", "holder", ephemeral=True)
    w.create(holder, f"{e}/live-", None, "holder", ephemeral=True, sequence=True)
    w.set(admin, ROOT, b"tools done")
    w.close(admin, "admin")
    return holder


def write(args):
    with open(args.acks, "w", encoding="utf-8") as out:
        w = Workload(out)
        holder = workload(w, args.hosts, args.super_password)
    print(f"READY last_zxid=0x{w.zxid:x} session=0x{holder.client_id[0]:x}", flush=True)
    # The holder stays connected until the test SIGKILLs the server and then this process.
    threading.Event().wait(WAIT_TO_BE_KILLED_S)
    z.fail(f"not killed within {WAIT_TO_BE_KILLED_S}s")


def expected_tree(acks, upto, overrides):
    """{path: data} under ROOT after every acknowledged change with zxid <= upto."""
    nodes, owned = {}, {}
    for ack in acks:
        if ack["zxid"] > upto:
            break
        op, path = ack["op"], ack["path"]
        if op == "create":
            nodes[path] = ack["data"]
            if ack["session"]:
                owned.setdefault(ack["session"], []).append(path)
        elif op == "set":
            nodes[path] = ack["data"]
        elif op == "delete":
            del nodes[path]
        elif op == "close":
            for path in owned.pop(ack["session"], []):
                nodes.pop(path, None)
    for path, data in overrides.items():
        if path in nodes:
            nodes[path] = data
    return nodes


def check(args):
    with open(args.acks, encoding="utf-8") as f:
        acks = [json.loads(line) for line in f]
    upto = int(args.upto, 0) if args.upto else acks[-1]["zxid"]
    overrides = dict(o.split("=", 1) for o in args.override)
    admin = z.connect(args.hosts, auth=[("digest", f"super:{args.super_password}")])
    nodes = z.dump_tree(admin)
    z.write_dump(nodes, args.dump)
    admin.stop()
    admin.close()
    served = {n["path"]: n["data"] for n in nodes if n["path"] == ROOT or n["path"].startswith(ROOT + "/")}
    expected = expected_tree(acks, upto, overrides)
    missing = sorted(p for p in expected if p not in served)
    extra = sorted(p for p in served if p not in expected)
    wrong = sorted(p for p in expected if p in served and served[p] != expected[p])
    z.check(not missing, f"acknowledged nodes up to 0x{upto:x} missing: {missing}")
    z.check(not extra, f"nodes no change up to 0x{upto:x} made: {extra}")
    z.check(not wrong, "wrong data: " + "; ".join(f"{p} has {served[p]} not {expected[p]}" for p in wrong))
    print(f"OK {len(expected)} nodes under {ROOT} as acknowledged up to 0x{upto:x}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["write", "check"])
    parser.add_argument("hosts")
    parser.add_argument("--super-password", required=True)
    parser.add_argument("--acks", required=True)
    parser.add_argument("--dump")
    parser.add_argument("--upto")
    parser.add_argument("--override", action="append", default=[])
    args = parser.parse_args()
    try:
        (write if args.mode == "write" else check)(args)
    except z.CheckFailed as e:
        z.fail(str(e))
    except Exception:  # noqa: BLE001
        traceback.print_exc()
        z.fail("unexpected exception (traceback above)")
    sys.stdout.flush()
    os._exit(0)  # kazoo's threads never hold the exit up


if __name__ == "__main__":
    main()
