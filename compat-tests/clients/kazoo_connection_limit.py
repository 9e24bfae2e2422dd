"""kazoo against a server whose zoo.cfg says maxCnxns=N (all client connections, any address).

Usage: kazoo_connection_limit.py host:port N
Checks: N kazoo clients get sessions; one more is dropped by the server at every try and gets no
session; once one of the N stops, the extra client gets its session. Exit 0 when all hold.
"""
import logging
import sys

from kazoo.client import KazooClient
from kazoo.handlers.threading import KazooTimeoutError

HOSTS = sys.argv[1]
LIMIT = int(sys.argv[2])


class Drops(logging.Handler):
    """Counts kazoo's 'Connection dropped' warnings: the server closed the socket on it."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        if "Connection dropped" in record.getMessage():
            self.count += 1


def fail(what):
    print("FAILED: " + what)
    sys.exit(1)


def client(retries=-1):
    return KazooClient(hosts=HOSTS, timeout=10, connection_retry={"max_tries": retries, "delay": 0.1, "max_delay": 0.5})


drops = Drops()
logging.getLogger("kazoo.client").addHandler(drops)

held = []
for i in range(LIMIT):
    zk = client()
    # The server may still count the start-up probe's connection for a moment; kazoo retries.
    zk.start(timeout=15)
    held.append(zk)
drops.count = 0

extra = client(retries=3)
try:
    extra.start(timeout=5)
    fail("client %d of a maxCnxns=%d server got a session" % (LIMIT + 1, LIMIT))
except KazooTimeoutError:
    pass
extra.stop()
extra.close()
if drops.count == 0:
    fail("the extra client was never dropped by the server (it should be closed at once, not left waiting)")

held.pop().stop()
late = client()
late.start(timeout=15)
if late.client_id is None or late.client_id[0] == 0:
    fail("the client after a slot freed up has no session")
late.stop()
for zk in held:
    zk.stop()
print("PASS: %d sessions, the next refused (%d drops), admitted once a slot freed" % (LIMIT, drops.count))
