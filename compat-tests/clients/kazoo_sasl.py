"""kazoo SASL DIGEST-MD5 against a server whose JAAS Server section has user_bob="bobsecret".

Usage: kazoo_sasl.py host:port
Checks: bob authenticates, gets a sasl:bob identity an ACL can name, an anonymous client is refused
by that ACL, and bob (re-authenticated on a new connection) can read it. Exit 0 when all hold.
"""
import sys

from kazoo.client import KazooClient
from kazoo.exceptions import NoAuthError
from kazoo.security import make_acl

HOSTS = sys.argv[1]
SASL = {"mechanism": "DIGEST-MD5", "username": "bob", "password": "bobsecret"}


def fail(what):
    print("FAILED: " + what)
    sys.exit(1)


def client(sasl=None):
    zk = KazooClient(hosts=HOSTS, sasl_options=dict(sasl) if sasl else None, timeout=10)
    zk.start(timeout=15)
    return zk


bob = client(SASL)
path = "/sasl-only"
bob.create(path, b"secret", acl=[make_acl("sasl", "bob", all=True)])
acls, _ = bob.get_acls(path)
if [(a.perms, a.id.scheme, a.id.id) for a in acls] != [(31, "sasl", "bob")]:
    fail("ACL should be exactly sasl:bob with all perms, got %r" % (acls,))
bob.stop()

anon = client()
try:
    anon.get(path)
    fail("an unauthenticated client read a sasl:bob node")
except NoAuthError:
    pass
anon.stop()

again = client(SASL)
data, _ = again.get(path)
if data != b"secret":
    fail("bob should read his node after a new SASL login, got %r" % (data,))
again.delete(path)
again.stop()
print("all SASL checks passed")
