#!/usr/bin/python3
"""Black-box ZooKeeper checks driven by kazoo, a client nobody on this project wrote.

Usage: kazoo_basic.py HOST:PORT [--min-session-ms N --max-session-ms N]

Run with Debian's /usr/bin/python3 (python3-kazoo). Every wait is bounded; the
script exits 0 when every check passed and 1 (naming the failed check) otherwise.
All nodes live under a fresh /kazoo-<random> root so runs never collide.
"""

import argparse
import logging
import re
import socket
import sys
import threading
import traceback
import uuid

from kazoo.client import KazooClient, KazooState
from kazoo.exceptions import (
    BadArgumentsError,
    BadVersionError,
    NoChildrenForEphemeralsError,
    NodeExistsError,
    NoNodeError,
    NotEmptyError,
    RolledBackError,
    RuntimeInconsistency,
)
from kazoo.retry import KazooRetry

WAIT_S = 15.0
START_TIMEOUT_S = 15.0
BLATHER = 5  # kazoo's most verbose log level; carries the negotiated session timeout.
SEQ_SUFFIX = re.compile(r"\d{10}$")


class CheckFailed(Exception):
    pass


def check(condition, what):
    if not condition:
        raise CheckFailed(what)


def expect_error(error_type, what, fn, *args, **kwargs):
    try:
        result = fn(*args, **kwargs)
    except error_type:
        return
    except Exception as e:  # noqa: BLE001 - report whatever the client raised instead
        raise CheckFailed(f"{what}: expected {error_type.__name__}, got {type(e).__name__}: {e!r}")
    raise CheckFailed(f"{what}: expected {error_type.__name__}, but the call returned {result!r}")


class WireLog(logging.Handler):
    """Sees what kazoo logs about the wire: raw notifications and the negotiated timeout.

    kazoo pops a watcher when its event arrives, so a second (wrong) notification for
    the same path would never reach a callback; counting the raw events is the only
    way a kazoo script can see whether the server really removed a one-shot watch.
    """

    def __init__(self):
        super().__init__(level=BLATHER)
        self.cond = threading.Condition()
        self.events = []  # (type, path) as sent by the server
        self.negotiated_ms = []

    def emit(self, record):
        message = record.msg if isinstance(record.msg, str) else ""
        with self.cond:
            if message.startswith("Received EVENT") and record.args:
                watch = record.args[0]
                self.events.append((watch.type, watch.path))
            elif message.startswith("Session created") and len(record.args) >= 3:
                self.negotiated_ms.append(int(record.args[2]))
            self.cond.notify_all()

    def raw_events_for(self, path):
        with self.cond:
            return [e for e in self.events if e[1] == path]


class Recorder:
    """A watch callback that remembers every WatchedEvent it was given."""

    def __init__(self, name):
        self.name = name
        self.cond = threading.Condition()
        self.events = []

    def __call__(self, event):
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()

    def wait_count(self, count):
        with self.cond:
            done = self.cond.wait_for(lambda: len(self.events) >= count, WAIT_S)
            check(done, f"{self.name}: waited {WAIT_S}s for {count} event(s), got {self.events}")
            return list(self.events)


class StateRecorder:
    """A kazoo connection-state listener; listeners must not block, so it only records."""

    def __init__(self):
        self.cond = threading.Condition()
        self.states = []

    def __call__(self, state):
        with self.cond:
            self.states.append(state)
            self.cond.notify_all()

    def wait_for(self, state, after=0):
        with self.cond:
            done = self.cond.wait_for(lambda: state in self.states[after:], WAIT_S)
            check(done, f"waited {WAIT_S}s for state {state} after index {after}, saw {self.states}")
            return self.states.index(state, after)


class GatedProxy:
    """A loopback TCP relay whose gate can refuse new connections.

    The session-expiry check needs the first client to stay disconnected while another
    client takes over and closes its session; a closed gate makes that ordering certain
    instead of racing kazoo's reconnect back-off.
    """

    def __init__(self, host, port):
        self.upstream = (host, port)
        self.gate_open = threading.Event()
        self.gate_open.set()
        self.stopped = threading.Event()
        self.sockets = []
        self.lock = threading.Lock()
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.settimeout(0.2)  # lets the accept loop notice stop()
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def _accept_loop(self):
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            if not self.gate_open.is_set():
                conn.close()
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                conn.close()
                continue
            conn.settimeout(None)
            upstream.settimeout(None)
            with self.lock:
                self.sockets += [conn, upstream]
            threading.Thread(target=self._pump, args=(conn, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, conn), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        try:
            while True:
                chunk = source.recv(65536)
                if not chunk:
                    break
                target.sendall(chunk)
        except OSError:
            pass
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def stop(self):
        self.stopped.set()
        self.listener.close()
        with self.lock:
            for s in self.sockets:
                s.close()


class Session:
    """Creates kazoo clients against one server and closes all of them at the end."""

    def __init__(self, hosts):
        self.hosts = hosts
        self.clients = []

    def client(self, hosts=None, **kwargs):
        wire = WireLog()
        logger = logging.getLogger(f"kazoo.compat.{uuid.uuid4().hex[:8]}")
        logger.setLevel(BLATHER)
        logger.propagate = False
        logger.addHandler(wire)
        printer = logging.StreamHandler(sys.stderr)
        printer.setLevel(logging.WARNING)
        logger.addHandler(printer)
        zk = KazooClient(hosts=hosts or self.hosts, logger=logger, **kwargs)
        zk.wire = wire
        self.clients.append(zk)
        zk.start(timeout=START_TIMEOUT_S)
        return zk

    def close_all(self):
        for zk in self.clients:
            try:
                zk.stop()
                zk.close()
            except Exception:  # noqa: BLE001 - best-effort cleanup
                pass


def barrier(watcher, actor, root):
    """Waits until every notification already due on `watcher`'s connection has arrived.

    The server sends notifications in txn order, so once the event for a fresh node
    created after the earlier changes is seen, any event those changes caused is in.
    """
    marker = f"{root}/barrier-{uuid.uuid4().hex[:8]}"
    seen = Recorder(f"barrier {marker}")
    check(watcher.exists(marker, watch=seen) is None, f"barrier node {marker} should not exist yet")
    actor.create(marker)
    seen.wait_count(1)
    actor.delete(marker)


def check_session_timeouts(s, args):
    zk = s.client()
    check(zk.connected, "client should be connected after start()")
    check(zk.client_id[0] != 0, f"session id should be non-zero, got {zk.client_id}")
    check(len(zk.client_id[1]) == 16, f"session password should be 16 bytes, got {zk.client_id[1]!r}")
    if args.max_session_ms:
        high = s.client(timeout=4 * args.max_session_ms / 1000.0)
        check(high.wire.negotiated_ms == [args.max_session_ms],
              f"a too-long requested timeout should negotiate to maxSessionTimeout "
              f"{args.max_session_ms}, got {high.wire.negotiated_ms}")
        high.stop()
    if args.min_session_ms:
        low = s.client(timeout=0.75 * args.min_session_ms / 1000.0)
        check(low.wire.negotiated_ms == [args.min_session_ms],
              f"a too-short requested timeout should negotiate to minSessionTimeout "
              f"{args.min_session_ms}, got {low.wire.negotiated_ms}")
        low.stop()


def check_builtin_nodes(zk):
    check(zk.exists("/") is not None, "/ should exist")
    check(zk.exists("/zookeeper") is not None, "/zookeeper should exist")
    children = zk.get_children("/zookeeper")
    check("quota" in children, f"/zookeeper should list quota, got {children}")
    expect_error(BadArgumentsError, "delete /zookeeper", zk.delete, "/zookeeper")


def check_crud(zk, root):
    p = f"{root}/crud"
    check(zk.create(p, b"v1") == p, "create should return the path it created")
    data, st = zk.get(p)
    check(data == b"v1", f"get should return the created data, got {data!r}")
    check((st.version, st.cversion, st.aversion) == (0, 0, 0), f"a new node has versions 0/0/0, got {st}")
    check(st.numChildren == 0 and st.dataLength == 2, f"numChildren 0 / dataLength 2 expected, got {st}")
    check(st.ephemeralOwner == 0, f"a persistent node has ephemeralOwner 0, got {st.ephemeralOwner}")
    check(st.czxid == st.mzxid == st.pzxid and st.czxid > 0, f"create sets czxid = mzxid = pzxid, got {st}")
    check(st.ctime == st.mtime and st.ctime > 0, f"create sets ctime = mtime, got {st}")
    check(zk.exists(p) == st, "exists should return the same Stat as get")

    st1 = zk.set(p, b"value-2", version=0)
    check(st1.version == 1 and st1.dataLength == 7, f"set should bump version to 1, dataLength 7, got {st1}")
    check(st1.mzxid > st.mzxid and st1.czxid == st.czxid, f"set moves mzxid only, got {st1} after {st}")
    check(st1.pzxid == st.pzxid and st1.cversion == 0, f"set leaves pzxid/cversion alone, got {st1}")
    expect_error(BadVersionError, "set with a stale version", zk.set, p, b"x", version=0)
    data, st_after_bad = zk.get(p)
    check(data == b"value-2" and st_after_bad == st1, "a failed set must change nothing")
    st2 = zk.set(p, b"", version=-1)
    check(st2.version == 2 and st2.dataLength == 0, f"set with version -1 matches any, got {st2}")
    check(zk.get(p)[0] == b"", "empty data should read back as b''")

    c1 = zk.create(f"{p}/c1")
    c2 = zk.create(f"{p}/c2", b"x")
    check((c1, c2) == (f"{p}/c1", f"{p}/c2"), "child create should return the child paths")
    c2_stat = zk.exists(c2)
    check(c2_stat.czxid > zk.exists(c1).czxid, "later creates get larger zxids")
    children, pst = zk.get_children(p, include_data=True)
    check(sorted(children) == ["c1", "c2"], f"get_children should list c1, c2, got {children}")
    check(pst.numChildren == 2 and pst.cversion == 2, f"two child creates: numChildren 2, cversion 2, got {pst}")
    check(pst.pzxid == c2_stat.czxid, f"parent pzxid should be the last child create zxid, got {pst}")
    check(pst.mzxid == st2.mzxid and pst.version == 2, f"child creates leave the parent's data stat, got {pst}")
    check(sorted(zk.get_children(p)) == ["c1", "c2"], "plain get_children should agree")

    expect_error(NotEmptyError, "delete a node with children", zk.delete, p)
    expect_error(BadVersionError, "delete with a wrong version", zk.delete, c1, version=5)
    zk.delete(c1, version=0)
    check(zk.exists(c1) is None, "a deleted node should not exist")
    pst2 = zk.exists(p)
    check(pst2.numChildren == 1 and pst2.cversion == 3, f"after one delete: numChildren 1, cversion 3, got {pst2}")
    check(pst2.pzxid > pst.pzxid, f"a child delete moves the parent pzxid, got {pst2} after {pst}")
    zk.delete(c2)
    zk.delete(p, version=2)
    check(zk.exists(p) is None, "the parent should be gone after its delete")


def check_ephemerals(s, zk, root):
    owner = s.client()
    e = f"{root}/eph"
    owner.create(e, b"tmp", ephemeral=True)
    st = zk.exists(e)
    check(st is not None, "another client should see the ephemeral node")
    check(st.ephemeralOwner == owner.client_id[0],
          f"ephemeralOwner should be the owner's session {owner.client_id[0]:#x}, got {st.ephemeralOwner:#x}")
    expect_error(NoChildrenForEphemeralsError, "child of an ephemeral (owner)", owner.create, f"{e}/child")
    expect_error(NoChildrenForEphemeralsError, "child of an ephemeral (other)", zk.create, f"{e}/child")
    gone = Recorder("ephemeral delete watch")
    check(zk.exists(e, watch=gone) is not None, "ephemeral should still exist before close")
    owner.stop()
    owner.close()
    event = gone.wait_count(1)[0]
    check((event.type, event.path) == ("DELETED", e), f"closing the owner should fire DELETED {e}, got {event}")
    check(zk.exists(e) is None, "the ephemeral should be gone after its session closed")


def check_sequentials(zk, root):
    s = f"{root}/seq"
    zk.create(s)
    p0 = zk.create(f"{s}/job-", sequence=True)
    p1 = zk.create(f"{s}/job-", b"x", sequence=True)
    check(p0 == f"{s}/job-0000000000", f"first sequential should end in 0000000000, got {p0}")
    check(p1 == f"{s}/job-0000000001", f"second sequential should end in 0000000001, got {p1}")
    zk.delete(p0)
    zk.create(f"{s}/plain")  # a plain create also advances the parent's counter
    p3 = zk.create(f"{s}/job-", sequence=True)
    check(p3 == f"{s}/job-0000000003", f"numbers are never reused and count every create, got {p3}")
    p4 = zk.create(f"{s}/eph-", ephemeral=True, sequence=True)
    check(p4 == f"{s}/eph-0000000004", f"the counter belongs to the parent, not the prefix, got {p4}")
    check(zk.exists(p4).ephemeralOwner == zk.client_id[0], "an ephemeral sequential is owned by its session")
    p5 = zk.create(f"{s}/", sequence=True)
    check(p5 == f"{s}/0000000005" and SEQ_SUFFIX.search(p5), f"a sequential may end in '/', got {p5}")
    children = sorted(zk.get_children(s))
    expected = sorted(["job-0000000001", "plain", "job-0000000003", "eph-0000000004", "0000000005"])
    check(children == expected, f"children should be {expected}, got {children}")


def check_errors(zk, root):
    missing = f"{root}/missing"
    check(zk.exists(missing) is None, "exists on a missing node returns None")
    expect_error(NoNodeError, "get missing", zk.get, missing)
    expect_error(NoNodeError, "set missing", zk.set, missing, b"x")
    expect_error(NoNodeError, "delete missing", zk.delete, missing)
    expect_error(NoNodeError, "get_children missing", zk.get_children, missing)
    expect_error(NoNodeError, "create under a missing parent", zk.create, f"{missing}/child")
    p = f"{root}/err"
    zk.create(p, b"a")
    expect_error(NodeExistsError, "create existing", zk.create, p)
    expect_error(BadVersionError, "set with version 99", zk.set, p, b"b", version=99)
    expect_error(BadVersionError, "delete with version 99", zk.delete, p, version=99)
    expect_error(BadArgumentsError, "create with a NUL in the path", zk.create, f"{root}/bad\x00nul")
    expect_error(BadArgumentsError, "create with a control character", zk.create, f"{root}/bad\x01ctl")
    expect_error(BadArgumentsError, "create with a U+FFFF character", zk.create, f"{root}/bad\uffffchar")
    check(zk.get(p)[0] == b"a", "failed writes must leave the node alone")


def check_watches(s, zk, root):
    actor = s.client()
    w = f"{root}/w"
    zk.create(w, b"a")

    changed = Recorder("data watch")
    zk.get(w, watch=changed)
    actor.set(w, b"b")
    event = changed.wait_count(1)[0]
    check((event.type, event.path) == ("CHANGED", w), f"data watch should fire CHANGED {w}, got {event}")
    actor.set(w, b"c")
    barrier(zk, actor, root)
    check(len(changed.events) == 1, f"a data watch fires once, got {changed.events}")
    check(len(zk.wire.raw_events_for(w)) == 1,
          f"the server must send one notification per one-shot watch, sent {zk.wire.raw_events_for(w)}")

    deleted = Recorder("data watch on delete")
    zk.get(w, watch=deleted)
    actor.delete(w)
    event = deleted.wait_count(1)[0]
    check((event.type, event.path) == ("DELETED", w), f"data watch should fire DELETED {w}, got {event}")

    later = f"{root}/later"
    created = Recorder("exists watch")
    check(zk.exists(later, watch=created) is None, f"{later} should not exist yet")
    actor.create(later)
    event = created.wait_count(1)[0]
    check((event.type, event.path) == ("CREATED", later), f"exists watch should fire CREATED {later}, got {event}")

    kids = Recorder("child watch")
    check(zk.get_children(later, watch=kids) == [], "a new node has no children")
    actor.create(f"{later}/k1")
    event = kids.wait_count(1)[0]
    check((event.type, event.path) == ("CHILD", later), f"child watch should fire CHILD {later}, got {event}")
    actor.create(f"{later}/k2")
    actor.set(later, b"data changes do not touch child watches")
    barrier(zk, actor, root)
    check(len(kids.events) == 1, f"a child watch fires once, got {kids.events}")
    check(len(zk.wire.raw_events_for(later)) == 2,
          f"expected exactly CREATED and one CHILD for {later}, sent {zk.wire.raw_events_for(later)}")

    own = Recorder("own change")
    zk.get(later, watch=own)
    zk.set(later, b"self")
    event = own.wait_count(1)[0]
    check(event.type == "CHANGED", f"a client sees its own change, got {event}")


def check_multi(zk, root):
    m = f"{root}/multi"
    zk.create(m, b"0")
    t = zk.transaction()
    t.create(f"{m}/a", b"A")
    t.create(f"{m}/b", b"B")
    t.set_data(m, b"1", version=0)
    t.check(m, 1)  # sees the set_data before it in the same multi
    results = t.commit()
    check(len(results) == 4, f"a 4-op multi returns 4 results, got {results}")
    check(results[0] == f"{m}/a" and results[1] == f"{m}/b", f"create results are paths, got {results}")
    check(getattr(results[2], "version", None) == 1, f"set_data result is the new Stat, got {results[2]}")
    check(results[3] is True, f"a passing check returns True, got {results[3]}")
    a_stat, b_stat = zk.exists(f"{m}/a"), zk.exists(f"{m}/b")
    data, m_stat = zk.get(m)
    check(data == b"1", f"multi set_data applied, got {data!r}")
    check(a_stat.czxid == b_stat.czxid == m_stat.mzxid, "all ops of one multi share one zxid")

    t = zk.transaction()
    t.create(f"{m}/c")
    t.delete(f"{m}/a")
    t.check(m, 0)  # stale: m is at version 1
    t.set_data(m, b"2")
    results = t.commit()
    kinds = [type(r) for r in results]
    check(kinds == [RolledBackError, RolledBackError, BadVersionError, RuntimeInconsistency],
          f"failed multi: ops before the failure roll back, the failure names its error, later ops "
          f"are RuntimeInconsistency; got {results}")
    check(zk.exists(f"{m}/c") is None, "a failed multi must not create")
    check(zk.exists(f"{m}/a") is not None, "a failed multi must not delete")
    check(zk.get(m)[0] == b"1" and zk.exists(m).version == 1, "a failed multi must not set data")

    t = zk.transaction()
    t.create(f"{m}/b")
    t.create(f"{m}/d")
    results = t.commit()
    kinds = [type(r) for r in results]
    check(kinds == [NodeExistsError, RuntimeInconsistency], f"first op fails: got {results}")
    check(zk.exists(f"{m}/d") is None, "nothing after a failed first op is applied")


def check_session_expiry(s, zk, root):
    host, port = s.hosts.rsplit(":", 1)
    proxy = GatedProxy(host, int(port))
    try:
        states = StateRecorder()
        fast_retry = KazooRetry(max_tries=-1, delay=0.1, backoff=1.5, max_delay=0.5)
        first = s.client(hosts=f"127.0.0.1:{proxy.port}", connection_retry=fast_retry)
        first.add_listener(states)
        e = f"{root}/expiring"
        first.create(e, ephemeral=True)
        session_id, password = first.client_id
        mark = len(states.states)

        proxy.gate_open.clear()
        hijack = s.client(client_id=(session_id, password))
        check(hijack.client_id[0] == session_id, "a client given a live session id/password resumes it")
        states.wait_for(KazooState.SUSPENDED, mark)  # the server dropped the session's old connection
        check(zk.exists(e).ephemeralOwner == session_id, "the session and its ephemeral survive the move")
        hijack.stop()  # closeSession
        check(zk.exists(e) is None, "closing the session deletes its ephemeral")

        proxy.gate_open.set()
        lost = states.wait_for(KazooState.LOST, mark)
        states.wait_for(KazooState.CONNECTED, lost)
        check(first.client_id[0] != session_id, "after LOST kazoo starts a new session")
        check(first.exists(e) is None, "the expired session's ephemeral stays gone")
        first.stop()  # before the proxy goes, so its connection does not drop under it
    finally:
        proxy.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hostport")
    parser.add_argument("--min-session-ms", type=int, default=0)
    parser.add_argument("--max-session-ms", type=int, default=0)
    args = parser.parse_args()

    s = Session(args.hostport)
    step = "session timeouts"
    try:
        check_session_timeouts(s, args)
        zk = s.client()
        root = zk.create(f"/kazoo-{uuid.uuid4().hex[:12]}")
        steps = [
            ("builtin nodes", lambda: check_builtin_nodes(zk)),
            ("crud", lambda: check_crud(zk, root)),
            ("ephemerals", lambda: check_ephemerals(s, zk, root)),
            ("sequentials", lambda: check_sequentials(zk, root)),
            ("errors", lambda: check_errors(zk, root)),
            ("watches", lambda: check_watches(s, zk, root)),
            ("multi", lambda: check_multi(zk, root)),
            ("session expiry", lambda: check_session_expiry(s, zk, root)),
        ]
        for step, run in steps:
            run()
            print(f"ok   {step}", flush=True)
    except CheckFailed as e:
        print(f"FAIL {step}: {e}", flush=True)
        return 1
    except Exception:  # noqa: BLE001 - an unexpected client error is a failed check too
        print(f"FAIL {step}: unexpected error", flush=True)
        traceback.print_exc(file=sys.stdout)
        return 1
    finally:
        s.close_all()
    print(f"kazoo_basic: {len(steps)} sections passed against {args.hostport}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
