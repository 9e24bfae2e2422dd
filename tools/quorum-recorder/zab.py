"""Decoders and encoders for the quorum and election ports (PROTOCOL.md §10, §11), for recording."""
import struct

TYPES = {1: "request", 2: "proposal", 3: "ack", 4: "commit", 5: "ping", 6: "revalidate", 7: "sync",
         8: "inform", 9: "commitAndActivate", 10: "newLeader", 11: "followerInfo", 12: "upToDate",
         13: "diff", 14: "trunc", 15: "snap", 16: "observerInfo", 17: "leaderInfo", 18: "ackEpoch",
         19: "informAndActivate"}
STATES = {0: "looking", 1: "following", 2: "leading", 3: "observing"}


class NeedMore(Exception):
    pass


class Reader:
    def __init__(self, data, pos=0):
        self.data, self.pos = data, pos

    def take(self, n):
        if self.pos + n > len(self.data):
            raise NeedMore()
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def int(self):
        return struct.unpack(">i", self.take(4))[0]

    def long(self):
        return struct.unpack(">q", self.take(8))[0]

    def buffer(self):
        n = self.int()
        return None if n < 0 else self.take(n)

    def ustring(self):
        b = self.buffer()
        return None if b is None else b.decode("utf-8", "replace")


def read_packet(r):
    """Returns (type, zxid, data, authinfo) or raises NeedMore."""
    ptype, zxid, data = r.int(), r.long(), r.buffer()
    count = r.int()
    auth = None if count < 0 else [(r.ustring(), r.ustring()) for _ in range(count)]
    return ptype, zxid, data, auth


def skip_snapshot(r):
    """The inline snapshot after SNAP (§11.5): sessions, ACL map, nodes up to "/", "BenWasHere"."""
    for _ in range(r.int()):
        r.long(), r.int()
    for _ in range(r.int()):
        r.long()
        for _ in range(r.int()):
            r.int(), r.ustring(), r.ustring()
    nodes = 0
    while True:
        path = r.ustring()
        if path == "/":
            break
        r.buffer(), r.long(), r.take(60)
        nodes += 1
    signature = r.ustring()
    if signature != "BenWasHere":
        raise ValueError(f"bad snapshot signature {signature!r}")
    return nodes


def split_quorum_stream(data):
    """Splits a captured quorum-port direction into items: ("packet", bytes, decoded) or ("snapshot", bytes, nodes)."""
    items, r = [], Reader(data)
    while r.pos < len(data):
        start = r.pos
        try:
            packet = read_packet(r)
        except NeedMore:
            break
        items.append(("packet", data[start:r.pos], packet))
        if packet[0] == 15:
            start = r.pos
            try:
                nodes = skip_snapshot(r)
            except NeedMore:
                break
            items.append(("snapshot", data[start:r.pos], nodes))
    return items


def read_hello(r):
    first = r.long()
    if first >= 0:
        return (None, first, None), r.pos
    sid = r.long()
    addr = r.take(r.int())
    return (first, sid, addr.decode()), r.pos


def split_election_stream(data, with_hello):
    """Splits an election-port direction into ("hello", bytes, decoded) and ("frame", bytes incl. length, notification)."""
    items, r = [], Reader(data)
    if with_hello:
        start = r.pos
        try:
            hello, _ = read_hello(r)
        except NeedMore:
            return items
        items.append(("hello", data[start:r.pos], hello))
    while True:
        start = r.pos
        try:
            payload = r.take(r.int())
        except NeedMore:
            break
        items.append(("frame", data[start:r.pos], parse_notification(payload)))
    return items


def parse_notification(p):
    state, leader, zxid, epoch, peer_epoch, version = struct.unpack(">iqqqqi", p[:40])
    config = p[44:44 + struct.unpack(">i", p[40:44])[0]] if version > 1 else b""
    return {"state": STATES.get(state, state), "leader": leader, "zxid": zxid, "electionEpoch": epoch,
            "peerEpoch": peer_epoch, "version": version, "config": config.decode("utf-8", "replace")}


def packet(ptype, zxid, data=None, auth=None):
    out = struct.pack(">iq", ptype, zxid)
    out += struct.pack(">i", -1) if data is None else struct.pack(">i", len(data)) + data
    if auth is None:
        out += struct.pack(">i", -1)
    else:
        out += struct.pack(">i", len(auth))
        for scheme, ident in auth:
            for s in (scheme, ident):
                b = s.encode()
                out += struct.pack(">i", len(b)) + b
    return out


def hello(sid, addr, version=-65536):
    a = addr.encode()
    return struct.pack(">qqi", version, sid, len(a)) + a


def notification(state, leader, zxid, epoch, peer_epoch, config=b""):
    body = struct.pack(">iqqqqii", state, leader, zxid, epoch, peer_epoch, 2, len(config)) + config
    return struct.pack(">i", len(body)) + body
