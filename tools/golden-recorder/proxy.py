#!/usr/bin/python3
"""Recording TCP proxy for the ZooKeeper client protocol.

Sits between a ZooKeeper client and server, parses the 4-byte big-endian
length framing in both directions, forwards every frame unchanged and writes
one golden vector per distinct name:

    <out>/<dir>.<kind>[.<variant>...].hex   (lowercase hex, one line, no length prefix)

Naming rules (see README.md in the Golden directory):
  * The first client frame of a connection is `connect` (`connect.reconnect`
    when sessionId != 0); the first server frame gets the same name.
  * Later client frames are RequestHeader{xid,type}+record; the opcode names
    the kind. Server frames are ReplyHeader{xid,zxid,err}+record, matched to
    the request by xid (-2 ping, -4 auth and -8 setWatches/setWatches2 are
    matched FIFO against pending requests with that xid; the Java 3.8.0 client
    actually sends setWatches with an ordinary xid); xid -1 is a
    `notification`, named by event type.
  * A request and its reply share one name (variant derived from both the
    request content and the reply), so c2s.X.hex and s2c.X.hex always pair.
    Names are decided when the reply arrives; requests that never get a reply
    are written when the connection closes.
  * Only the first instance of each file name is kept.

Control: a line-based TCP control port on 127.0.0.1.
    drop  -> close every proxied connection (both sides) to force a reconnect
    label <kind> <variant> -> the next request of <kind> gets exactly <variant>
    quit  -> flush and exit
Each command is answered with "ok". SIGUSR1 also drops all connections.
A JSON-lines trace of every frame is written with --trace.
"""
import argparse
import json
import os
import signal
import socket
import struct
import sys
import threading
import time

OPS = {
    0: "notification", 1: "create", 2: "delete", 3: "exists", 4: "getData",
    5: "setData", 6: "getACL", 7: "setACL", 8: "getChildren", 9: "sync",
    11: "ping", 12: "getChildren2", 13: "check", 14: "multi", 15: "create2",
    16: "reconfig", 17: "checkWatches", 18: "removeWatches",
    19: "createContainer", 20: "deleteContainer", 21: "createTTL",
    22: "multiRead", 100: "auth", 101: "setWatches", 102: "sasl",
    103: "getEphemerals", 104: "getAllChildrenNumber", 105: "setWatches2",
    106: "addWatch", 107: "whoAmI", -10: "createSession", -11: "closeSession",
}
CREATE_FLAGS = {1: "ephemeral", 2: "persistentSequential", 3: "ephemeralSequential",
                6: "persistentSequential"}
EVENTS = {1: "created", 2: "deleted", 3: "dataChanged", 4: "childrenChanged"}


class Reader:
    """Minimal jute reader for variant detection (never raises on short data)."""

    def __init__(self, b, pos=0):
        self.b, self.p = b, pos

    def int(self):
        v = struct.unpack_from(">i", self.b, self.p)[0]
        self.p += 4
        return v

    def long(self):
        v = struct.unpack_from(">q", self.b, self.p)[0]
        self.p += 8
        return v

    def bool(self):
        v = self.b[self.p] != 0
        self.p += 1
        return v

    def buf(self):
        n = self.int()
        if n < 0:
            return None
        v = self.b[self.p:self.p + n]
        self.p += n
        return v

    def ustring(self):
        v = self.buf()
        return None if v is None else v.decode("utf-8", "replace")


def request_variant(kind, payload):
    """Variant parts derived from the request record alone."""
    r = Reader(payload, 8)
    try:
        if kind in ("create", "create2", "createTTL", "createContainer"):
            r.ustring(); r.buf()
            n = r.int()
            for _ in range(max(n, 0)):
                r.int(); r.ustring(); r.ustring()
            flags = r.int()
            if kind == "createContainer":
                return [] if flags == 4 else ["flags%d" % flags]
            if kind == "createTTL":
                return [] if flags == 5 else [CREATE_FLAGS.get(flags, "flags%d" % flags)]
            return [] if flags == 0 else [CREATE_FLAGS.get(flags, "flags%d" % flags)]
        if kind in ("exists", "getData", "getChildren", "getChildren2"):
            r.ustring()
            return ["watch"] if r.bool() else []
        if kind == "addWatch":
            r.ustring()
            mode = r.int()
            return [] if mode == 0 else (["recursive"] if mode == 1 else ["mode%d" % mode])
    except (struct.error, IndexError):
        return ["malformed"]
    return []


def multi_result_variant(kind, payload):
    """'failed' (multi) / 'partial' (multiRead) if any sub-result is an error."""
    r = Reader(payload, 16)
    try:
        while True:
            typ, done, _err = r.int(), r.bool(), r.int()
            if done:
                return []
            if typ == -1:
                return ["failed" if kind == "multi" else "partial"]
            # skip the body
            if typ in (1,):
                r.ustring()
            elif typ == 15:
                r.ustring(); r.p += 68
            elif typ == 5:
                r.p += 68
            elif typ == 4:
                r.buf(); r.p += 68
            elif typ == 8:
                n = r.int()
                for _ in range(max(n, 0)):
                    r.ustring()
            elif typ in (2, 13):
                pass
            else:
                return ["unparsed"]
    except (struct.error, IndexError):
        return ["malformed"]


class Recorder:
    def __init__(self, out, trace):
        self.out = out
        self.lock = threading.Lock()
        self.written = set()
        self.labels = {}
        self.trace = open(trace, "a") if trace else None
        os.makedirs(out, exist_ok=True)

    def write(self, direction, name, payload):
        fname = "%s.%s.hex" % (direction, name)
        with self.lock:
            if fname in self.written:
                return
            self.written.add(fname)
            with open(os.path.join(self.out, fname), "w") as f:
                f.write(payload.hex() + "\n")

    def log(self, conn_id, direction, payload, note):
        if not self.trace:
            return
        with self.lock:
            self.trace.write(json.dumps({"t": round(time.time(), 3), "conn": conn_id,
                                         "dir": direction, "note": note,
                                         "hex": payload.hex()}) + "\n")
            self.trace.flush()

    def take_label(self, kind):
        with self.lock:
            return self.labels.pop(kind, None)


def read_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def read_frame(sock):
    hdr = read_exact(sock, 4)
    if hdr is None:
        return None
    (n,) = struct.unpack(">i", hdr)
    if n < 0 or n > 64 * 1024 * 1024:
        raise ValueError("bad frame length %d" % n)
    body = read_exact(sock, n)
    if body is None:
        return None
    return hdr, body


class Connection:
    counter = 0

    def __init__(self, rec, client, server_addr, registry):
        Connection.counter += 1
        self.id = Connection.counter
        self.rec = rec
        self.client = client
        self.server = socket.create_connection(server_addr)
        self.registry = registry
        self.lock = threading.Lock()
        self.pending = {}          # xid -> (kind, variant, payload, labelled)
        self.fifo = {-2: [], -4: [], -8: []}
        self.connect_name = None
        self.sasl_rounds = 0
        self.closed = False

    def start(self):
        threading.Thread(target=self.pump, args=(self.client, self.server, "c2s"), daemon=True).start()
        threading.Thread(target=self.pump, args=(self.server, self.client, "s2c"), daemon=True).start()

    def close(self):
        with self.lock:
            if self.closed:
                return
            self.closed = True
            leftovers = list(self.pending.values()) + [p for q in self.fifo.values() for p in q]
            self.pending.clear()
        for s in (self.client, self.server):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        for kind, variant, payload, _final in leftovers:
            self.rec.write("c2s", ".".join([kind] + variant), payload)
        self.registry.discard(self)

    def pump(self, src, dst, direction):
        first = True
        try:
            while True:
                fr = read_frame(src)
                if fr is None:
                    break
                hdr, body = fr
                if direction == "c2s":
                    self.on_request(body, first)
                else:
                    self.on_reply(body, first)
                first = False
                dst.sendall(hdr + body)
        except (OSError, ValueError) as e:
            if not self.closed:
                sys.stderr.write("proxy conn %d %s: %s\n" % (self.id, direction, e))
        finally:
            self.close()

    def on_request(self, body, first):
        if first:
            try:
                sid = struct.unpack_from(">q", body, 16)[0]
            except struct.error:
                sid = 0
            self.connect_name = "connect" + (".reconnect" if sid else "")
            self.rec.write("c2s", self.connect_name, body)
            self.rec.log(self.id, "c2s", body, self.connect_name)
            return
        xid, op = struct.unpack_from(">ii", body, 0)
        kind = OPS.get(op, "op%d" % op)
        label = self.rec.take_label(kind)
        final = label is not None
        if final:
            variant = [label] if label else []
        else:
            variant = request_variant(kind, body)
            if kind == "sasl":
                self.sasl_rounds += 1
                if self.sasl_rounds > 1:
                    variant = ["round%d" % self.sasl_rounds]
        self.rec.log(self.id, "c2s", body, kind)
        with self.lock:
            if xid in self.fifo:
                self.fifo[xid].append((kind, variant, body, final))
            else:
                self.pending[xid] = (kind, variant, body, final)

    def on_reply(self, body, first):
        if first:
            name = self.connect_name or "connect"
            self.rec.write("s2c", name, body)
            self.rec.log(self.id, "s2c", body, name)
            return
        xid, _zxid, err = struct.unpack_from(">iqi", body, 0)
        if xid == -1:
            try:
                etype = struct.unpack_from(">i", body, 16)[0]
            except struct.error:
                etype = None
            name = "notification." + EVENTS.get(etype, "type%s" % etype)
            self.rec.write("s2c", name, body)
            self.rec.log(self.id, "s2c", body, name)
            return
        with self.lock:
            if xid in self.fifo:
                req = self.fifo[xid].pop(0) if self.fifo[xid] else None
            else:
                req = self.pending.pop(xid, None)
        if req is None:
            self.rec.log(self.id, "s2c", body, "unmatched")
            sys.stderr.write("proxy: unmatched reply xid %d\n" % xid)
            return
        kind, variant, payload, final = req
        if not final:
            if err == 0 and kind in ("multi", "multiRead"):
                variant = variant + multi_result_variant(kind, body)
            if err != 0:
                variant = variant + ["error"]
        name = ".".join([kind] + variant)
        self.rec.write("c2s", name, payload)
        self.rec.write("s2c", name, body)
        self.rec.log(self.id, "s2c", body, name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server-port", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--port-file", required=True,
                    help="written as '<proxyPort> <controlPort>' once listening")
    ap.add_argument("--trace")
    args = ap.parse_args()

    rec = Recorder(args.out, args.trace)
    registry = set()
    reg_lock = threading.Lock()
    stop = threading.Event()

    def drop_all():
        with reg_lock:
            conns = list(registry)
        for c in conns:
            c.close()
        return len(conns)

    signal.signal(signal.SIGUSR1, lambda *_: drop_all())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())

    lsock = socket.socket()
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(16)
    csock = socket.socket()
    csock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    csock.bind(("127.0.0.1", 0))
    csock.listen(4)

    def accept_loop():
        while not stop.is_set():
            try:
                cl, _ = lsock.accept()
            except OSError:
                return
            try:
                conn = Connection(rec, cl, ("127.0.0.1", args.server_port), registry)
            except OSError as e:
                sys.stderr.write("proxy: cannot reach server: %s\n" % e)
                cl.close()
                continue
            with reg_lock:
                registry.add(conn)
            conn.start()

    def control_client(s):
        f = s.makefile("rw")
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "drop":
                n = drop_all()
                f.write("ok %d\n" % n)
            elif parts[0] == "label" and len(parts) in (2, 3):
                with rec.lock:
                    rec.labels[parts[1]] = parts[2] if len(parts) == 3 else ""
                f.write("ok\n")
            elif parts[0] == "quit":
                f.write("ok\n")
                f.flush()
                stop.set()
                break
            else:
                f.write("error unknown command\n")
            f.flush()
        s.close()

    def control_loop():
        while not stop.is_set():
            try:
                s, _ = csock.accept()
            except OSError:
                return
            threading.Thread(target=control_client, args=(s,), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    threading.Thread(target=control_loop, daemon=True).start()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d %d\n" % (lsock.getsockname()[1], csock.getsockname()[1]))
    os.replace(tmp, args.port_file)

    while not stop.wait(0.2):
        pass
    lsock.close()
    csock.close()
    drop_all()
    time.sleep(0.2)
    if rec.trace:
        rec.trace.close()


if __name__ == "__main__":
    main()
