#!/usr/bin/python3
"""Probes for the engine keys (skipACL, digest.enabled) that print comparable lines.

  engine_keys.py acl HOST:PORT      every ACL-checked operation of a client without auth on a
                                    node only alice may use; one line each: PROBE NAME OK VALUE or PROBE NAME ERROR
  engine_keys.py churn HOST:PORT N  creates /churn-0 .. /churn-<N-1> (N txns after the session's)
"""
import sys

from kazoo.client import KazooClient
from kazoo.exceptions import KazooException
from kazoo.security import ACL, Id, make_digest_acl


def probe(name, action):
    try:
        print("PROBE", name, "OK", action(), flush=True)
    except KazooException as e:
        print("PROBE", name, type(e).__name__, flush=True)


def acl(hosts):
    owner = KazooClient(hosts=hosts, auth_data=[("digest", "alice:secret")])
    owner.start(timeout=30)
    alice_only = [make_digest_acl("alice", "secret", all=True)]
    owner.create("/keys-a", b"x", acl=alice_only)
    owner.create("/keys-a/b", b"", acl=alice_only)
    owner.create("/keys-r", b"", acl=[make_digest_acl("alice", "secret", all=True), ACL(1, Id("world", "anyone"))])

    zk = KazooClient(hosts=hosts)
    zk.start(timeout=30)
    probe("getData", lambda: zk.get("/keys-a")[0])
    probe("exists", lambda: zk.exists("/keys-a").version)
    probe("getChildren", lambda: zk.get_children("/keys-a"))
    probe("setData", lambda: zk.set("/keys-a", b"y").version)
    probe("getACL", lambda: zk.get_acls("/keys-a")[0])
    probe("getACL-read-only", lambda: zk.get_acls("/keys-r")[0])
    probe("create-child", lambda: zk.create("/keys-a/c", b""))
    probe("delete-child", lambda: zk.delete("/keys-a/b"))
    probe("multi", lambda: [type(r).__name__ for r in
                            (lambda t: (t.check("/keys-a", -1), t.create("/keys-a/t"), t.set_data("/keys-a", b"m"), t.commit())[-1])(zk.transaction())])
    probe("setACL", lambda: zk.set_acls("/keys-a", [ACL(1, Id("world", "anyone"))]).aversion)
    probe("setData-after-setACL", lambda: zk.set("/keys-a", b"z").version)
    probe("create-auth-acl", lambda: zk.create("/keys-q", b"", acl=[ACL(31, Id("auth", ""))]))
    probe("create-bad-acl", lambda: zk.create("/keys-q", b"", acl=[ACL(31, Id("bogus", "x"))]))
    probe("setData-config", lambda: zk.set("/zookeeper/config", b"").version)
    probe("delete-config", lambda: zk.delete("/zookeeper/config"))
    probe("getACL-stored", lambda: owner.get_acls("/keys-a")[0])
    zk.stop()
    owner.stop()


def churn(hosts, count):
    zk = KazooClient(hosts=hosts)
    zk.start(timeout=30)
    for i in range(count):
        zk.create("/churn-%d" % i, b"d")
    zk.stop()
    print("DONE", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "acl":
        acl(sys.argv[2])
    elif sys.argv[1] == "churn":
        churn(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit("usage: engine_keys.py acl|churn HOST:PORT [N]")
