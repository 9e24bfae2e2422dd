#!/usr/bin/python3
"""Well-formedness check of golden vectors (decoding per /work/shared/PROTOCOL.md §2-§3).

Usage: check.py DIR            decode every *.hex, exit 1 on any problem
       check.py --missing DIR  print the §3.3 request kinds that have no c2s file
Each record is decoded completely; trailing bytes are an error.
"""
import os
import struct
import sys

OPCODES = {
    "create": 1, "delete": 2, "exists": 3, "getData": 4, "setData": 5, "getACL": 6,
    "setACL": 7, "getChildren": 8, "sync": 9, "ping": 11, "getChildren2": 12,
    "multi": 14, "create2": 15, "reconfig": 16, "checkWatches": 17, "removeWatches": 18,
    "createContainer": 19, "createTTL": 21, "multiRead": 22, "auth": 100,
    "setWatches": 101, "sasl": 102, "getEphemerals": 103, "getAllChildrenNumber": 104,
    "setWatches2": 105, "addWatch": 106, "whoAmI": 107, "closeSession": -11,
}
SPECIAL_XID = {"ping": -2, "auth": -4}
# The C client sends setWatches with xid -8; the Java 3.8.0 client overwrites it with its next
# ordinary xid (observed), and the server echoes whatever the request carried. Accept both.
EITHER_XID = {"setWatches": -8, "setWatches2": -8}


def xid_ok(kind, xid):
    if kind in SPECIAL_XID:
        return xid == SPECIAL_XID[kind]
    return xid > 0 or xid == EITHER_XID.get(kind)
EVENTS = {"created": 1, "deleted": 2, "dataChanged": 3, "childrenChanged": 4}


class Bad(Exception):
    pass


class R:
    def __init__(self, b):
        self.b, self.p = b, 0

    def take(self, n):
        if self.p + n > len(self.b):
            raise Bad("short read at %d (+%d of %d)" % (self.p, n, len(self.b)))
        v = self.b[self.p:self.p + n]
        self.p += n
        return v

    def int(self):
        return struct.unpack(">i", self.take(4))[0]

    def long(self):
        return struct.unpack(">q", self.take(8))[0]

    def bool(self):
        v = self.take(1)[0]
        if v not in (0, 1):
            raise Bad("boolean byte %d" % v)
        return bool(v)

    def buf(self):
        n = self.int()
        if n == -1:
            return None
        if n < 0:
            raise Bad("buffer length %d" % n)
        return self.take(n)

    def ustring(self):
        v = self.buf()
        return None if v is None else v.decode("utf-8")

    def vec(self, f):
        n = self.int()
        if n == -1:
            return None
        if n < 0:
            raise Bad("vector length %d" % n)
        return [f() for _ in range(n)]

    def acl(self):
        return (self.int(), self.ustring(), self.ustring())

    def stat(self):
        self.take(68)

    def end(self):
        if self.p != len(self.b):
            raise Bad("%d trailing bytes" % (len(self.b) - self.p))


def create_req(r, ttl=False):
    path = r.ustring()
    r.buf()
    acl = r.vec(r.acl)
    flags = r.int()
    if ttl:
        r.long()
    if not path or not path.startswith("/"):
        raise Bad("create path %r" % path)
    if not acl:
        raise Bad("empty acl")
    return flags


def path_bool(r):
    r.ustring(); r.bool()


REQ = {
    "create": lambda r: create_req(r), "create2": lambda r: create_req(r),
    "createContainer": lambda r: create_req(r), "createTTL": lambda r: create_req(r, True),
    "delete": lambda r: (r.ustring(), r.int()),
    "exists": path_bool, "getData": path_bool, "getChildren": path_bool, "getChildren2": path_bool,
    "setData": lambda r: (r.ustring(), r.buf(), r.int()),
    "getACL": lambda r: r.ustring(),
    "setACL": lambda r: (r.ustring(), r.vec(r.acl), r.int()),
    "sync": lambda r: r.ustring(),
    "ping": lambda r: None, "whoAmI": lambda r: None, "closeSession": lambda r: None,
    "reconfig": lambda r: (r.ustring(), r.ustring(), r.ustring(), r.long()),
    "checkWatches": lambda r: (r.ustring(), r.int()), "removeWatches": lambda r: (r.ustring(), r.int()),
    "auth": lambda r: (r.int(), r.ustring(), r.buf()),
    "setWatches": lambda r: (r.long(), r.vec(r.ustring), r.vec(r.ustring), r.vec(r.ustring)),
    "setWatches2": lambda r: (r.long(),) + tuple(r.vec(r.ustring) for _ in range(5)),
    "sasl": lambda r: r.buf(),
    "getEphemerals": lambda r: r.ustring(), "getAllChildrenNumber": lambda r: r.ustring(),
    "addWatch": lambda r: (r.ustring(), r.int()),
}


def multi_req(r, kind):
    n = 0
    allowed = {1, 15, 19, 21, 2, 5, 13} if kind == "multi" else {4, 8}
    while True:
        typ, done, err = r.int(), r.bool(), r.int()
        if done:
            if (typ, err) != (-1, -1):
                raise Bad("multi terminator %d/%d" % (typ, err))
            return n
        if typ not in allowed:
            raise Bad("sub-op %d not allowed in %s" % (typ, kind))
        if typ in (1, 15, 19):
            create_req(r)
        elif typ == 21:
            create_req(r, True)
        elif typ == 2 or typ == 13:
            r.ustring(); r.int()
        elif typ == 5:
            r.ustring(); r.buf(); r.int()
        else:
            path_bool(r)
        n += 1


REPLY = {
    "create": lambda r: r.ustring(),
    "create2": lambda r: (r.ustring(), r.stat()), "createContainer": lambda r: (r.ustring(), r.stat()),
    "createTTL": lambda r: (r.ustring(), r.stat()),
    "exists": lambda r: r.stat(), "setData": lambda r: r.stat(), "setACL": lambda r: r.stat(),
    "getData": lambda r: (r.buf(), r.stat()), "reconfig": lambda r: (r.buf(), r.stat()),
    "getACL": lambda r: (r.vec(r.acl), r.stat()),
    "getChildren": lambda r: r.vec(r.ustring), "getEphemerals": lambda r: r.vec(r.ustring),
    "getChildren2": lambda r: (r.vec(r.ustring), r.stat()),
    "sync": lambda r: r.ustring(), "sasl": lambda r: r.buf(),
    "getAllChildrenNumber": lambda r: r.int(),
    "whoAmI": lambda r: r.vec(lambda: (r.ustring(), r.ustring())),
}
EMPTY_REPLY = {"delete", "ping", "checkWatches", "removeWatches", "auth", "setWatches",
               "setWatches2", "closeSession"}


def multi_reply(r, kind, failed):
    saw_error = False
    while True:
        typ, done, err = r.int(), r.bool(), r.int()
        if done:
            if (typ, err) != (-1, -1):
                raise Bad("multi reply terminator %d/%d" % (typ, err))
            break
        if typ == -1:
            saw_error = True
            if r.int() != err:
                raise Bad("ErrorResponse differs from header err")
        elif err != 0:
            raise Bad("sub-result type %d with err %d" % (typ, err))
        elif typ == 1:
            r.ustring()
        elif typ == 15:
            r.ustring(); r.stat()
        elif typ in (2, 13):
            pass
        elif typ == 5:
            r.stat()
        elif typ == 4:
            r.buf(); r.stat()
        elif typ == 8:
            r.vec(r.ustring)
        else:
            raise Bad("unknown multi result type %d" % typ)
    if saw_error != failed:
        raise Bad("failed variant mismatch (error results: %s)" % saw_error)


def check_file(d, fname):
    parts = fname[:-4].split(".")
    direction, kind, variant = parts[0], parts[1], parts[2:]
    with open(os.path.join(d, fname)) as f:
        text = f.read()
    if not text.endswith("\n") or text.count("\n") != 1 or text.strip() != text[:-1]:
        raise Bad("not one newline-terminated line")
    hx = text[:-1]
    if hx != hx.lower():
        raise Bad("not lowercase")
    r = R(bytes.fromhex(hx))
    if kind == "connect":
        if direction == "c2s":
            r.int(); r.long(); timeout = r.int(); sid = r.long(); pw = r.buf()
            if (sid != 0) != ("reconnect" in variant) or timeout <= 0 or len(pw or b"") != 16:
                raise Bad("ConnectRequest fields")
        else:
            proto, timeout, sid, pw = r.int(), r.int(), r.long(), r.buf()
            if proto != 0 or timeout <= 0 or sid == 0 or len(pw or b"") != 16:
                raise Bad("ConnectResponse fields")
        if r.p < len(r.b):
            r.bool()          # trailing readOnly flag
        r.end()
        return
    if direction == "c2s":
        xid, op = r.int(), r.int()
        if kind not in OPCODES:
            raise Bad("unknown kind %s" % kind)
        if op != OPCODES[kind]:
            raise Bad("opcode %d != %s(%d)" % (op, kind, OPCODES[kind]))
        if not xid_ok(kind, xid):
            raise Bad("xid %d for %s" % (xid, kind))
        if kind in ("multi", "multiRead"):
            multi_req(r, kind)
        else:
            REQ[kind](r)
        r.end()
        return
    xid, zxid, err = r.int(), r.long(), r.int()
    if kind == "notification":
        if (xid, zxid, err) != (-1, -1, 0):
            raise Bad("notification header %d/%d/%d" % (xid, zxid, err))
        etype, state, path = r.int(), r.int(), r.ustring()
        if state != 3 or not path or etype != EVENTS.get(variant[0] if variant else "", etype) \
                or etype not in EVENTS.values():
            raise Bad("WatcherEvent %d/%d/%r" % (etype, state, path))
        r.end()
        return
    if kind not in OPCODES:
        raise Bad("unknown kind %s" % kind)
    req = os.path.join(d, "c2s." + fname[4:])
    if os.path.exists(req):
        with open(req) as f:
            rxid = struct.unpack(">i", bytes.fromhex(f.read().strip())[:4])[0]
        if rxid != xid:
            raise Bad("reply xid %d != request xid %d" % (xid, rxid))
    elif not xid_ok(kind, xid):
        raise Bad("xid %d for %s" % (xid, kind))
    if ("error" in variant) != (err != 0):
        raise Bad("err %d vs variant %s" % (err, variant))
    if kind == "auth" and zxid != 0:
        raise Bad("auth reply zxid %d" % zxid)
    if err != 0:
        r.end()            # header only
        return
    if kind in ("multi", "multiRead"):
        multi_reply(r, kind, "failed" in variant or "partial" in variant)
    elif kind == "addWatch":
        if r.int() != 0:
            raise Bad("addWatch ErrorResponse != 0")
    elif kind in EMPTY_REPLY:
        pass
    else:
        REPLY[kind](r)
    r.end()


def main():
    args = sys.argv[1:]
    missing_mode = args[:1] == ["--missing"]
    d = args[-1]
    files = sorted(f for f in os.listdir(d) if f.endswith(".hex"))
    if missing_mode:
        have = {f.split(".")[1] for f in files if f.startswith("c2s.")}
        print(" ".join(k for k in OPCODES if k not in have) or "none")
        return 0
    bad = 0
    for f in files:
        try:
            check_file(d, f)
        except (Bad, ValueError, KeyError, UnicodeDecodeError) as e:
            bad += 1
            print("BAD  %s: %s" % (f, e))
    c2s = {f.split(".")[1] for f in files if f.startswith("c2s.")}
    s2c = {f.split(".")[1] for f in files if f.startswith("s2c.")}
    for k in OPCODES:
        if k not in c2s:
            print("MISSING c2s %s" % k)
        if k not in s2c:
            print("MISSING s2c %s" % k)
    print("%d files checked, %d bad" % (len(files), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
