"""kazoo (a real, independent ZooKeeper client) for ZkCompat.Testing's tests.

usage: zk_client.py roundtrip|expire|resume|readall|pipeline|ephclose <connect-string> | write <connect-string> <path>
Prints one fact per line; 'expire' and 'resume' wait for a line on stdin after their setup.
Every wait is bounded; on failure a line starting with FAIL says why.
"""
import sys
import threading

from kazoo.client import KazooClient, KazooState

WAIT = 20


def client(connect):
    z = KazooClient(hosts=connect, timeout=4.0, connection_retry={"max_tries": -1, "delay": 0.1, "max_delay": 0.5})
    z.start(timeout=WAIT)
    return z


def say(line):
    print(line, flush=True)


def roundtrip(connect):
    z = client(connect)
    z.create("/roundtrip", b"hello")
    data, stat = z.get("/roundtrip")
    say("DATA " + data.decode())
    say("SESSION %x" % z.client_id[0])
    z.stop()


def expire(connect):
    z = client(connect)
    lost = threading.Event()
    z.add_listener(lambda state: lost.set() if state == KazooState.LOST else None)
    z.create("/eph", b"", ephemeral=True)
    say("SESSION %x" % z.client_id[0])
    sys.stdin.readline()
    say("LOST" if lost.wait(WAIT) else "FAIL no LOST state")
    other = client(connect)
    say("EPHEMERAL_GONE" if other.exists("/eph") is None else "EPHEMERAL_PRESENT")
    other.stop()
    z.stop()


def resume(connect):
    z = client(connect)
    z.create("/persist", b"kept")
    before = z.client_id[0]
    say("SESSION %x" % before)
    sys.stdin.readline()
    data = z.retry(lambda: z.get("/persist")[0])
    say("DATA " + data.decode())
    say("SAME_SESSION" if z.client_id[0] == before else "NEW_SESSION")
    z.stop()


def write(connect, path):
    z = client(connect)
    z.retry(z.create, path, b"v")
    say("OK " + path)
    z.stop()


def pipeline(connect):
    # One session, many requests in flight: per node a create, a setData and a getData that must
    # see the set; kazoo itself fails on a reply out of order. Ends with the count that held.
    z = client(connect)
    root = "/pipe-%x" % z.client_id[0]
    z.ensure_path(root)
    n = 300
    results = []
    for i in range(n):
        path = "%s/n%d" % (root, i)
        results.append((z.create_async(path, b"0"), z.set_async(path, b"1"), z.get_async(path)))
    good = 0
    for created, changed, got in results:
        created.get(timeout=WAIT)
        stat = changed.get(timeout=WAIT)
        data, read_stat = got.get(timeout=WAIT)
        if stat.version == 1 and data == b"1" and read_stat.mzxid == stat.mzxid:
            good += 1
    say("PIPELINE %d of %d" % (good, n))
    z.stop()


def ephclose(connect):
    # Ephemeral creates still in flight when the session closes (kazoo queues the close behind
    # them): every one must go with the session. Another client counts what is left after a sync.
    z = client(connect)
    root = "/ephclose-%x" % z.client_id[0]
    z.ensure_path(root)
    pending = [z.create_async("%s/e%d" % (root, i), b"", ephemeral=True) for i in range(100)]
    z.stop()
    created = sum(1 for p in pending if p.exception is None and p.value is not None)
    other = client(connect)
    other.sync(root)
    say("CREATED %d LEFT %d" % (created, len(other.get_children(root))))
    other.stop()


def readall(connect):
    # Each member alone, after sync: what it holds once it has caught up with the leader.
    for host in connect.split(","):
        z = client(host)
        z.sync("/")
        say(host + " " + ",".join(sorted(z.get_children("/"))))
        z.stop()


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    else:
        {"roundtrip": roundtrip, "expire": expire, "resume": resume, "readall": readall, "pipeline": pipeline, "ephclose": ephclose}[sys.argv[1]](sys.argv[2])
