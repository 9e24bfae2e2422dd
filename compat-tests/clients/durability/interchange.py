#!/usr/bin/python3
"""dataDir interchange between ZooKeeper servers, seen through kazoo.

  interchange.py write HOST:PORT --super-password PW --dump FILE --info FILE [--churn N]
      Fills the tree with every kind of state a dataDir must carry (data: empty, null,
      binary, large; ACLs: digest, ip, world read-only, 'auth', shared lists; sequential
      counters ahead of their children; multi; containers; TTL nodes; ephemerals of a
      session that stays alive, and of one that closed), probes the sequential counters,
      dumps every node with a super session to --dump, writes --info, prints READY and
      then waits to be killed (the test SIGKILLs the server first, so the ephemerals'
      session is alive in the dataDir).

  interchange.py read HOST:PORT --super-password PW --dump FILE --info FILE
      On the other server, started on that dataDir: dumps every node to --dump first
      (the test compares the two dumps), then resumes the writer's live session with its
      id and password, probes the counters again (each must be one past the writer's
      probe), closes the session and checks that its ephemerals go.

Exits 0 when every check passed; otherwise prints FAIL <what> and exits 1.
"""

import argparse
import json
import os
import sys
import threading
import traceback

from kazoo.exceptions import BadVersionError, NoNodeError, RolledBackError
from kazoo.security import ACL, Id, Permissions, make_acl, make_digest_acl, make_digest_acl_credential

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts (in the test output either)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zkdurable as z  # noqa: E402

ROOT = "/durability"
COUNTER_PARENTS = [f"{ROOT}/seq/a", f"{ROOT}/seq/b", f"{ROOT}/seq/eph"]
HOLDER_TIMEOUT_S = 15.0  # the test servers' maxSessionTimeout: the longest a dead server's session may live on
WAIT_TO_BE_KILLED_S = 180.0


def probe_counters(zk):
    """One more sequential child per counter parent, deleted at once; returns {parent: number}."""
    numbers = {}
    for parent in COUNTER_PARENTS:
        created = zk.create(f"{parent}/probe-", b"", sequence=True)
        numbers[parent] = int(created[-10:])
        zk.delete(created)
    return numbers


def populate(admin, hosts, password, churn):
    user1_digest = make_digest_acl_credential("user1", "pw1")
    mixed = [
        ACL(Permissions.READ | Permissions.WRITE, Id("digest", user1_digest)),
        ACL(Permissions.ADMIN | Permissions.DELETE, Id("ip", "127.0.0.1")),
        make_acl("world", "anyone", read=True),
    ]
    for parent in ["", "/data", "/acl", "/seq", "/seq/a", "/seq/b", "/seq/eph", "/eph", "/multi", "/container",
                   "/ttl", "/churn"]:
        admin.create(ROOT + parent, parent.encode() or b"root")

    # Data: empty, null, binary, UTF-8, large; versions moved by setData.
    d = f"{ROOT}/data"
    admin.create(f"{d}/empty", b"")
    admin.create(f"{d}/null", None)
    admin.create(f"{d}/binary", bytes(range(256)) * 3)
    admin.create(f"{d}/utf8", "h\u00e9llo \u2713 \u65e5\u672c".encode())
    admin.create(f"{d}/big", os.urandom(300_000))
    admin.create(f"{d}/todelete", b"gone in the multi")
    admin.set(f"{d}/binary", bytes(reversed(range(256))))
    admin.set(f"{d}/null", b"was null")
    admin.set(f"{d}/null", None)
    admin.set(f"{d}/empty", b"", version=0)

    # ACLs.
    a = f"{ROOT}/acl"
    admin.create(f"{a}/digest", b"d", acl=[make_digest_acl("user1", "pw1", all=True)])
    admin.create(f"{a}/ip", b"i", acl=[make_acl("ip", "127.0.0.1", all=True)])
    admin.create(f"{a}/ipmask", b"m", acl=[make_acl("ip", "127.0.0.0/8", read=True)])
    admin.create(f"{a}/worldread", b"w", acl=[make_acl("world", "anyone", read=True)])
    admin.create(f"{a}/worldread/child", b"c")  # the super session may create where nobody else can
    admin.create(f"{a}/nobody", b"n", acl=[make_digest_acl("someone", "else", read=True)])
    for i in range(5):
        admin.create(f"{a}/shared{i}", b"s", acl=mixed)
    admin.create(f"{a}/setacl", b"")
    admin.set_acls(f"{a}/setacl", mixed)
    admin.set_acls(f"{a}/setacl", [make_acl("world", "anyone", read=True)], version=1)
    user2 = z.connect(hosts, auth=[("digest", "user2:pw2")])
    # Java ignores an 'auth' ACL's id. kazoo sends make_acl("auth", "") as a null string, which ZkCompat
    # answers with MARSHALLINGERROR (not a durability matter), so this names one.
    user2.create(f"{a}/auth", b"a", acl=[ACL(Permissions.ALL, Id("auth", "user2"))])
    user2.stop()
    user2.close()

    # Sequential counters ahead of the children.
    s = f"{ROOT}/seq"
    made = [admin.create(f"{s}/a/n-", str(i).encode(), sequence=True) for i in range(7)]
    for path in made[:1] + made[4:]:
        admin.delete(path)
    for path in [admin.create(f"{s}/b/n-", b"", sequence=True) for _ in range(3)]:
        admin.delete(path)

    # Multi: one that commits (create, create child, set, delete, check) and one that rolls back.
    m = f"{ROOT}/multi"
    tx = admin.transaction()
    tx.create(f"{m}/a", b"multi a")
    tx.create(f"{m}/a/b", b"")
    tx.set_data(f"{d}/binary", b"\x00\xff" * 100)
    tx.delete(f"{d}/todelete")
    tx.check(m, 0)
    results = tx.commit()
    z.check(not any(isinstance(r, Exception) for r in results), f"the good multi failed: {results!r}")
    tx = admin.transaction()
    tx.create(f"{m}/never", b"")
    tx.check(m, 99)
    results = tx.commit()
    z.check(isinstance(results[0], RolledBackError) and isinstance(results[1], BadVersionError),
            f"the bad multi: {results!r}")

    # Containers (createContainer, op 19) and TTL nodes (createTTL, op 21; extendedTypesEnabled=true).
    c = f"{ROOT}/container"
    z.call(admin, z.CreateContainer(f"{c}/full", b"container", [make_acl("world", "anyone", all=True)]))
    admin.create(f"{c}/full/child", b"keeps it")
    z.call(admin, z.CreateContainer(f"{c}/empty", None, [make_acl("world", "anyone", all=True)]))
    t = f"{ROOT}/ttl"
    z.call(admin, z.CreateTTL(f"{t}/t1", b"ttl", [make_acl("world", "anyone", all=True)], 5, 3_600_000))
    z.call(admin, z.CreateTTL(f"{t}/s-", b"ttl seq", [make_acl("world", "anyone", all=True)], 6, 3_600_000))

    # Churn: enough txns for many snapshots and log files at snapCount=20.
    ch = f"{ROOT}/churn"
    pending = []
    for i in range(churn):
        pending.append(admin.create_async(f"{ch}/n{i}", f"n{i}".encode()))
        pending.append(admin.set_async(f"{ch}/n{i}", f"n{i} set".encode()))
        if i % 3 == 0:
            pending.append(admin.delete_async(f"{ch}/n{i}"))
    for result in pending:
        result.get(timeout=z.OP_TIMEOUT_S)

    # Ephemerals: one session that closes (its nodes must be gone), one that stays alive.
    e = f"{ROOT}/eph"
    gone = z.connect(hosts)
    gone.create(f"{e}/gone", b"", ephemeral=True)
    gone.stop()
    gone.close()
    holder = z.connect(hosts, timeout_s=HOLDER_TIMEOUT_S)
    ephemerals = [
        holder.create(f"{e}/live", b"ephemeral", ephemeral=True),
        holder.create(f"{e}/live-null", None, ephemeral=True),
        holder.create(f"{s}/eph/e-", b"eph seq", ephemeral=True, sequence=True),
        holder.create(f"{s}/eph/e-", b"eph seq", ephemeral=True, sequence=True),
    ]
    tx = holder.transaction()
    tx.create(f"{e}/from-multi", b"m", ephemeral=True)
    results = tx.commit()
    z.check(not any(isinstance(r, Exception) for r in results), f"the ephemeral multi failed: {results!r}")
    ephemerals.append(f"{e}/from-multi")
    return holder, ephemerals


def write(args):
    admin = z.connect(args.hosts, auth=[("digest", f"super:{args.super_password}")])
    holder, ephemerals = populate(admin, args.hosts, args.super_password, args.churn)
    probes = probe_counters(admin)
    z.write_dump(z.dump_tree(admin), args.dump)
    session_id, password = holder.client_id
    with open(args.info, "w", encoding="utf-8") as out:
        json.dump({"session": session_id, "password": password.hex(), "ephemerals": ephemerals, "probes": probes}, out)
    admin.stop()
    admin.close()
    print(f"READY session=0x{session_id:x} ephemerals={len(ephemerals)} probes={probes}", flush=True)
    # The holder stays connected until the test SIGKILLs the server and then this process.
    threading.Event().wait(WAIT_TO_BE_KILLED_S)
    z.fail(f"not killed within {WAIT_TO_BE_KILLED_S}s")


def read(args):
    with open(args.info, encoding="utf-8") as f:
        info = json.load(f)
    admin = z.connect(args.hosts, auth=[("digest", f"super:{args.super_password}")])
    nodes = z.dump_tree(admin)
    z.write_dump(nodes, args.dump)
    print(f"dumped {len(nodes)} nodes", flush=True)

    by_path = {n["path"]: n for n in nodes}
    for path in info["ephemerals"]:
        z.check(path in by_path, f"{path}: the live session's ephemeral is missing after the restart")
        owner = by_path[path]["stat"]["ephemeralOwner"]
        z.check(owner == info["session"], f"{path}: ephemeralOwner 0x{owner:x}, expected 0x{info['session']:x}")

    # The writer's live session must have come back (with its password), not just its nodes.
    try:
        holder = z.connect(args.hosts, timeout_s=HOLDER_TIMEOUT_S,
                           client_id=(info["session"], bytes.fromhex(info["password"])))
    except Exception as e:  # noqa: BLE001 - any failure to resume is the finding
        raise z.CheckFailed(f"resuming session 0x{info['session']:x} failed: {type(e).__name__}: {e}") from e
    z.check(holder.client_id[0] == info["session"],
            f"resumed as session 0x{holder.client_id[0]:x}, not 0x{info['session']:x} (the session was lost)")

    probes = probe_counters(admin)
    for parent, number in probes.items():
        expected = info["probes"][parent] + 1
        z.check(number == expected, f"{parent}: the next sequential number is {number}, expected {expected} "
                                    f"(the writer's probe got {info['probes'][parent]})")

    holder.stop()
    holder.close()

    def all_gone():
        return all(admin.exists(p) is None for p in info["ephemerals"])

    z.wait_until(all_gone, "the resumed session's ephemerals are still there after it closed")
    admin.stop()
    admin.close()
    print(f"OK probes={probes}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["write", "read"])
    parser.add_argument("hosts")
    parser.add_argument("--super-password", required=True)
    parser.add_argument("--dump", required=True)
    parser.add_argument("--info", required=True)
    parser.add_argument("--churn", type=int, default=250)
    args = parser.parse_args()
    try:
        (write if args.mode == "write" else read)(args)
    except z.CheckFailed as e:
        z.fail(str(e))
    except Exception:  # noqa: BLE001
        traceback.print_exc()
        z.fail("unexpected exception (traceback above)")
    sys.stdout.flush()
    os._exit(0)  # kazoo's threads never hold the exit up


if __name__ == "__main__":
    main()
