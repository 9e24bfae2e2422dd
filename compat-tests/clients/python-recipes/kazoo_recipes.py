#!/usr/bin/python3
"""kazoo 2.8's recipes against one server or an ensemble, one case at a time.

Usage: kazoo_recipes.py HOST:PORT[,HOST:PORT...] [CASE ...]

Run with Debian's /usr/bin/python3 (python3-kazoo). Prints one line per case,
`CASE <name> PASS` or `CASE <name> FAIL <why>`, and exits 0 only when all passed.
Each case gets its own clients and a fresh root; every wait is bounded. In an ensemble
each client may be on another member, and a member serves reads from its own, possibly
lagging, copy: a client syncs before it reads what another client wrote.
"""

import logging
import queue
import sys
import threading
import time
import traceback
import uuid

from kazoo.client import KazooClient

WAIT_S = 10.0
CASE_S = 30.0
SESSION_S = 10.0


class CheckFailed(Exception):
    pass


def check(condition, what):
    if not condition:
        raise CheckFailed(what)


def check_equal(expected, actual, what):
    check(expected == actual, f"{what}: expected {expected!r}, got {actual!r}")


def take(q, what):
    try:
        return q.get(timeout=WAIT_S)
    except queue.Empty:
        raise CheckFailed(f"waited {WAIT_S}s for {what}") from None


def wait_event(event, what):
    check(event.wait(WAIT_S), f"waited {WAIT_S}s for {what}")


class Clients:
    """Starts kazoo clients for one case and stops all of them when it ends."""

    def __init__(self, hosts):
        self.hosts = hosts
        self.started = []

    def __enter__(self):
        return self

    def new(self):
        zk = KazooClient(hosts=self.hosts, timeout=SESSION_S)
        self.started.append(zk)
        zk.start(timeout=WAIT_S)
        return zk

    def __exit__(self, *exc):
        for zk in self.started:
            try:
                zk.stop()
                zk.close()
            except Exception:  # noqa: BLE001 - best-effort cleanup
                pass


def background(target):
    """Runs `target` on a daemon thread; returns a queue that gets its result or exception."""
    out = queue.Queue()

    def run():
        try:
            out.put(target())
        except Exception as e:  # noqa: BLE001 - handed to the case to report
            out.put(e)

    threading.Thread(target=run, daemon=True).start()
    return out


def case_lock(hosts, root):
    with Clients(hosts) as c:
        a, b = c.new(), c.new()
        first, second = a.Lock(root, "first"), b.Lock(root, "second")
        check(first.acquire(timeout=WAIT_S), "first acquires")
        check(not second.acquire(blocking=False), "second is shut out while first holds the lock")
        check_equal(["first"], first.contenders(), "contenders while first holds")
        got = background(lambda: second.acquire(timeout=WAIT_S))
        first.release()
        check_equal(True, take(got, "second acquires after first released"), "second.acquire")
        check_equal(["second"], a.Lock(root).contenders(), "contenders after the hand-over")
        second.release()
        a.sync(root)
        check_equal([], a.get_children(root), "lock nodes left")


def case_election(hosts, root):
    with Clients(hosts) as c:
        a, b = c.new(), c.new()
        leading = queue.Queue()
        step_down = {"one": threading.Event(), "two": threading.Event()}

        def lead(name):
            leading.put(name)
            step_down[name].wait(WAIT_S)

        one, two = a.Election(root, "one"), b.Election(root, "two")
        threading.Thread(target=one.run, args=(lead, "one"), daemon=True).start()
        check_equal("one", take(leading, "the first leader"), "leader")
        threading.Thread(target=two.run, args=(lead, "two"), daemon=True).start()
        deadline = time.monotonic() + WAIT_S
        while len(one.contenders()) < 2:
            check(time.monotonic() < deadline, f"waited {WAIT_S}s for two contenders")
            time.sleep(0.02)
        check_equal(["one", "two"], one.contenders(), "contenders, leader first")
        check(leading.empty(), "only one leader at a time")
        step_down["one"].set()
        check_equal("two", take(leading, "the second leader"), "leader after the first stepped down")
        step_down["two"].set()


def case_barrier(hosts, root):
    with Clients(hosts) as c:
        a, b = c.new(), c.new()
        gate, waiter = a.Barrier(root), b.Barrier(root)
        gate.create()
        b.sync(root)
        check(not waiter.wait(timeout=0.2), "a set barrier holds the waiter")
        passed = background(lambda: waiter.wait(timeout=WAIT_S))
        gate.remove()
        check_equal(True, take(passed, "the waiter to pass"), "wait after remove")


def case_counter(hosts, root):
    with Clients(hosts) as c:
        a, b = c.new(), c.new()
        one, two = a.Counter(root), b.Counter(root)
        one += 5
        two -= 2
        a.sync(root)
        check_equal(3, one.value, "the counter after +5 and -2 from two clients")
        done = [background(lambda: [one.__add__(1) for _ in range(10)]),
                background(lambda: [two.__add__(1) for _ in range(10)])]
        for d in done:
            result = take(d, "concurrent increments")
            check(not isinstance(result, Exception), f"increment failed: {result!r}")
        b.sync(root)
        check_equal(23, two.value, "after 20 concurrent increments (version-checked sets)")
        floats = a.Counter(root + "-float", default=0.5)
        floats += 0.25
        check_equal(0.75, floats.value, "a float counter")


def case_queue(hosts, root):
    with Clients(hosts) as c:
        a, b = c.new(), c.new()
        producer, consumer = a.Queue(root), b.Queue(root)
        producer.put(b"low", priority=200)
        producer.put(b"first")
        producer.put(b"second")
        producer.put(b"urgent", priority=10)
        b.sync(root)
        check_equal(4, len(consumer), "queue length")
        got = [consumer.get() for _ in range(4)]
        check_equal([b"urgent", b"first", b"second", b"low"], got, "items by priority, then put order")
        check_equal(None, consumer.get(), "get from an empty queue")
        locking, taker = a.LockingQueue(root + "-locking"), b.LockingQueue(root + "-locking")
        locking.put(b"job")
        check_equal(b"job", taker.get(timeout=WAIT_S), "LockingQueue.get")
        check(taker.holds_lock(), "the taker holds the item's lock")
        check(taker.consume(), "consume")
        a.sync(root + "-locking")
        check_equal(0, len(locking), "LockingQueue length after consume")


def case_party(hosts, root):
    with Clients(hosts) as c:
        a, b = c.new(), c.new()
        alice, bob = a.Party(root, "alice"), b.Party(root, "bob")
        alice.join()
        bob.join()
        a.sync(root)
        check_equal(2, len(alice), "members after two joined")
        check_equal(["alice", "bob"], sorted(bob), "member names")
        bob.leave()
        a.sync(root)
        check_equal(["alice"], list(alice), "members after bob left")
        shallow = b.ShallowParty(root + "-shallow", "carol")
        shallow.join()
        a.sync(root + "-shallow")
        check_equal(["carol"], list(a.ShallowParty(root + "-shallow")), "a ShallowParty's members")
        c.started[0].stop()
        b.sync(root)
        check_equal(0, len(b.Party(root)), "a stopped member's session left the party")


def case_datawatch(hosts, root):
    with Clients(hosts) as c:
        watcher, actor = c.new(), c.new()
        seen = queue.Queue()
        watcher.DataWatch(root, lambda data, stat: seen.put((data, stat.version if stat else None)))
        check_equal((None, None), take(seen, "the first call, for a missing node"), "missing node")
        actor.create(root, b"one")
        check_equal((b"one", 0), take(seen, "the create"), "after create")
        actor.set(root, b"two")
        check_equal((b"two", 1), take(seen, "the first set"), "after set")
        actor.set(root, b"three")
        check_equal((b"three", 2), take(seen, "the second set (the watch re-armed)"), "after a second set")
        actor.delete(root)
        check_equal((None, None), take(seen, "the delete"), "after delete")


def case_childrenwatch(hosts, root):
    with Clients(hosts) as c:
        watcher, actor = c.new(), c.new()
        actor.create(root)
        # On an ensemble the watcher may be on a member that has not applied the create yet:
        # kazoo's ChildrenWatch on a missing node never calls back, so catch up first.
        watcher.sync(root)
        seen = queue.Queue()
        watcher.ChildrenWatch(root, lambda children: seen.put(sorted(children)))
        check_equal([], take(seen, "the first call"), "no children")
        actor.create(root + "/a")
        check_equal(["a"], take(seen, "a child created"), "after one create")
        actor.create(root + "/b", ephemeral=True)
        check_equal(["a", "b"], take(seen, "a second child"), "after two creates")
        actor.delete(root + "/a")
        check_equal(["b"], take(seen, "a child deleted"), "after delete")
        actor.stop()
        check_equal([], take(seen, "the ephemeral child gone with its session"), "after the actor's session closed")


CASES = {
    "lock": case_lock,
    "election": case_election,
    "barrier": case_barrier,
    "counter": case_counter,
    "queue": case_queue,
    "party": case_party,
    "datawatch": case_datawatch,
    "childrenwatch": case_childrenwatch,
}


def run_one(hosts, root, name):
    body = CASES.get(name)
    if body is None:
        return f"FAIL unknown case (known: {', '.join(CASES)})"
    outcome = queue.Queue()

    def run():
        try:
            body(hosts, root)
            outcome.put(None)
        except CheckFailed as e:
            outcome.put(str(e))
        except Exception as e:  # noqa: BLE001 - any client error fails just this case
            traceback.print_exc()
            outcome.put(f"{type(e).__name__}: {e!r}")

    start = time.monotonic()
    threading.Thread(target=run, daemon=True, name=f"case-{name}").start()
    try:
        why = outcome.get(timeout=CASE_S)
    except queue.Empty:
        return f"FAIL did not finish within {CASE_S}s"
    if why is None:
        return f"PASS ({(time.monotonic() - start) * 1000:.0f} ms)"
    return "FAIL " + why.replace("\n", " ")


def main():
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    hosts, names = sys.argv[1], sys.argv[2:] or list(CASES)
    base = f"/kazoo-recipes-{uuid.uuid4().hex[:8]}"
    failed = 0
    for name in names:
        result = run_one(hosts, f"{base}-{name}", name)
        print(f"CASE {name} {result}", flush=True)
        failed += not result.startswith("PASS")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
