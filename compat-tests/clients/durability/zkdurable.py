"""Shared helpers for the durability scripts (kazoo 2.8, Debian's /usr/bin/python3).

Not a test by itself: interchange.py and crash_client.py import it from this folder.
"""

import base64
import hashlib
import json
import sys
import threading
import time
from collections import namedtuple

from kazoo.client import KazooClient, KazooState
from kazoo.protocol.serialization import Create2, int_struct, long_struct, write_buffer, write_string

CONNECT_TIMEOUT_S = 15.0
OP_TIMEOUT_S = 15.0


class CheckFailed(Exception):
    pass


def check(condition, what):
    if not condition:
        raise CheckFailed(what)


def fail(what):
    print(f"FAIL {what}", flush=True)
    sys.exit(1)


def super_digest(user, password):
    """The value of DigestAuthenticationProvider.superDigest for user:password."""
    sha = hashlib.sha1(f"{user}:{password}".encode()).digest()
    return f"{user}:{base64.b64encode(sha).decode()}"


def connect(hosts, timeout_s=10.0, client_id=None, auth=None):
    """A started client; `auth` is a list of (scheme, credential) added before anything else is sent."""
    zk = KazooClient(hosts=hosts, timeout=timeout_s, client_id=client_id, auth_data=auth or None,
                     connection_retry=None, command_retry=None)
    zk.start(timeout=CONNECT_TIMEOUT_S)
    return zk


class CreateContainer(Create2):
    """createContainer (op 19): kazoo 2.8 has no API for it, but the request is Create2's shape."""
    type = 19

    def __new__(cls, path, data, acl):
        return super().__new__(cls, path, data, acl, 4)


class CreateTTL(namedtuple("CreateTTL", "path data acl flags ttl")):
    """createTTL (op 21): CreateTTLRequest{path, data, acl, flags, ttl}; the reply is Create2's."""
    type = 21

    def serialize(self):
        b = bytearray()
        b.extend(write_string(self.path))
        b.extend(write_buffer(self.data))
        b.extend(int_struct.pack(len(self.acl)))
        for acl in self.acl:
            b.extend(int_struct.pack(acl.perms) + write_string(acl.id.scheme) + write_string(acl.id.id))
        b.extend(int_struct.pack(self.flags))
        b.extend(long_struct.pack(self.ttl))
        return b

    deserialize = Create2.deserialize


def call(zk, request):
    """Sends a kazoo request object and waits (bounded) for its result."""
    result = zk.handler.async_result()
    zk._call(request, result)  # noqa: SLF001 - kazoo's only way to send an op it has no method for
    return result.get(timeout=OP_TIMEOUT_S)


STAT_FIELDS = ("czxid", "mzxid", "ctime", "mtime", "version", "cversion", "aversion",
               "ephemeralOwner", "dataLength", "numChildren", "pzxid")


def stat_dict(stat):
    return {name: getattr(stat, name) for name in STAT_FIELDS}


def dump_tree(zk, root="/"):
    """Every node under root (inclusive), sorted by path: data (hex or null), Stat, ACLs.

    The session should be a super (digest) session so that ACLs cannot hide data.
    Reads are pipelined level by level to stay quick on large trees.
    """
    nodes = []
    level = [root]
    while level:
        data_results = [(p, zk.get_async(p), zk.get_acls_async(p), zk.get_children_async(p)) for p in level]
        next_level = []
        for path, data_r, acl_r, kids_r in data_results:
            data, stat = data_r.get(timeout=OP_TIMEOUT_S)
            acls, acl_stat = acl_r.get(timeout=OP_TIMEOUT_S)
            kids = kids_r.get(timeout=OP_TIMEOUT_S)
            check(stat_dict(stat) == stat_dict(acl_stat), f"{path}: getData and getACL disagree on the Stat")
            nodes.append({
                "path": path,
                "data": None if data is None else data.hex(),
                "stat": stat_dict(stat),
                "acl": sorted([a.perms, a.id.scheme, a.id.id] for a in acls),
            })
            check(len(kids) == stat.numChildren, f"{path}: {len(kids)} children listed, Stat says {stat.numChildren}")
            next_level.extend((path.rstrip("/") + "/" + k) for k in kids)
        level = next_level
    nodes.sort(key=lambda n: n["path"])
    return nodes


def write_dump(nodes, file_name):
    with open(file_name, "w", encoding="utf-8") as out:
        for node in nodes:
            out.write(json.dumps(node, sort_keys=True) + "\n")


def wait_until(condition, what, timeout_s=OP_TIMEOUT_S, poll_s=0.05):
    """Polls condition() until true; fails with `what` at the deadline."""
    deadline = time.monotonic() + timeout_s
    while True:
        if condition():
            return
        if time.monotonic() >= deadline:
            raise CheckFailed(f"{what} (not within {timeout_s}s)")
        threading.Event().wait(poll_s)


def state_watcher(zk):
    """An Event set as soon as the client leaves CONNECTED (server gone)."""
    lost = threading.Event()

    def listener(state):
        if state != KazooState.CONNECTED:
            lost.set()

    zk.add_listener(listener)
    return lost
