#!/usr/bin/env bash
# Records golden byte vectors of the ZooKeeper 3.8 client protocol:
# real Java 3.8.0 client (Record.java) -> proxy.py -> real Java 3.8.0 standalone server.
#
# Usage: tools/golden-recorder/record.sh            (KEEP=1 keeps the temp dir for debugging)
# Output: src/Protocol/ZkCompat.Protocol.Tests/Golden/*.hex + README.md
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
OUT="$REPO/src/Protocol/ZkCompat.Protocol.Tests/Golden"
PY=/usr/bin/python3
ZK_CP="/usr/share/java/zookeeper.jar"   # its manifest Class-Path pulls in the Debian dependency jars
WORK="$(mktemp -d /tmp/golden-recorder.XXXXXX)"
SERVER_PID=""
PROXY_PID=""

cleanup() {
    local rc=$?
    for pid in "$PROXY_PID" "$SERVER_PID"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    if [[ "${KEEP:-0}" == 1 || $rc -ne 0 ]]; then
        echo "work dir kept: $WORK" >&2
    else
        rm -rf "$WORK"
    fi
    exit $rc
}
trap cleanup EXIT INT TERM

free_port() {
    "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# ---- compile the client driver
mkdir -p "$WORK/classes" "$WORK/data" "$WORK/vectors"
javac -nowarn -d "$WORK/classes" -cp "$ZK_CP" "$HERE/Record.java"

# ---- JAAS: Server section for the server (DIGEST-MD5), Client section for the sasl client
cat >"$WORK/jaas.conf" <<'EOF'
Server {
    org.apache.zookeeper.server.auth.DigestLoginModule required
    user_bob="pw";
};
Client {
    org.apache.zookeeper.server.auth.DigestLoginModule required
    username="bob"
    password="pw";
};
EOF

# ---- standalone server on a free loopback port
ZK_PORT="$(free_port)"
cat >"$WORK/zoo.cfg" <<EOF
tickTime=2000
dataDir=$WORK/data
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
maxClientCnxns=0
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr
authProvider.1=org.apache.zookeeper.server.auth.SASLAuthenticationProvider
EOF

java -cp "$ZK_CP:/usr/share/java/slf4j-simple.jar" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
    -Dzookeeper.extendedTypesEnabled=true \
    -Djava.security.auth.login.config="$WORK/jaas.conf" \
    -Dzookeeper.jmx.log4j.disable=true \
    org.apache.zookeeper.server.ZooKeeperServerMain "$WORK/zoo.cfg" \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

ruok() {
    "$PY" - "$ZK_PORT" <<'EOF'
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)
    s.sendall(b"ruok"); print(s.recv(16).decode())
except OSError:
    pass
EOF
}
for _ in $(seq 100); do
    [[ "$(ruok)" == imok ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "server died" >&2; exit 1; }
    sleep 0.2
done
[[ "$(ruok)" == imok ]] || { echo "server did not start" >&2; exit 1; }
echo "server up on 127.0.0.1:$ZK_PORT"

# ---- recording proxy
"$PY" "$HERE/proxy.py" --server-port "$ZK_PORT" --out "$WORK/vectors" \
    --port-file "$WORK/proxy.ports" --trace "$WORK/trace.jsonl" 2>"$WORK/proxy.log" &
PROXY_PID=$!
for _ in $(seq 50); do [[ -s "$WORK/proxy.ports" ]] && break; sleep 0.1; done
read -r PROXY_PORT CONTROL_PORT <"$WORK/proxy.ports"
echo "proxy on 127.0.0.1:$PROXY_PORT (control $CONTROL_PORT)"

# ---- drive the real Java client through the proxy
java -cp "$WORK/classes:$ZK_CP:/usr/share/java/slf4j-nop.jar" \
    -Djava.security.auth.login.config="$WORK/jaas.conf" \
    -Dzookeeper.sasl.client.username=zookeeper \
    Record "127.0.0.1:$PROXY_PORT" "$CONTROL_PORT" sasl | tee "$WORK/client.log"

# ---- stop the proxy (flushes requests that never got a reply), then the server
"$PY" - "$CONTROL_PORT" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"quit\n"); s.recv(16)
EOF
wait "$PROXY_PID" || true
PROXY_PID=""
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

# ---- sanity check, then publish
"$PY" "$HERE/check.py" "$WORK/vectors"
mkdir -p "$OUT"
rm -f "$OUT"/*.hex
cp "$WORK/vectors"/*.hex "$OUT/"

ZK_DEB="$(dpkg-query -W -f='${Version}' zookeeper 2>/dev/null || echo unknown)"
JAVA_VER="$(java -version 2>&1 | head -1)"
CLIENT_VER="$(java -cp "$ZK_CP:/usr/share/java/slf4j-nop.jar" org.apache.zookeeper.Version 2>/dev/null | head -1 | sed "s/-[$][{]mvngit.commit.id[}]//" || true)"
MISSING="$("$PY" "$HERE/check.py" --missing "$OUT")"
COUNT="$(ls "$OUT"/*.hex | wc -l)"
cat >"$OUT/README.md" <<EOF
# Golden vectors: ZooKeeper 3.8 client protocol

Recorded by \`tools/golden-recorder/record.sh\` on $(date -u +%Y-%m-%d): the official Java client
(\`org.apache.zookeeper.ZooKeeper\` / \`ZooKeeperAdmin\`, driven by \`Record.java\`) talking through
\`proxy.py\` to a real standalone Java server (\`ZooKeeperServerMain\`, \`-Dzookeeper.extendedTypesEnabled=true\`,
JAAS DIGEST-MD5 \`Server\` section + \`SASLAuthenticationProvider\`).

- Debian package \`zookeeper\` $ZK_DEB (server and client jar: \`/usr/share/java/zookeeper.jar\`)
- Java client version: ${CLIENT_VER:-3.8.0}
- JVM: $JAVA_VER

Format: one file per frame, \`<dir>.<kind>[.<variant>...].hex\`, lowercase hex of the frame payload
**without** the 4-byte length prefix, one line. \`c2s\` = client to server, \`s2c\` = server to client.
\`kind\` is the op name of PROTOCOL.md §3.3 (or \`connect\` / \`notification\`). A request and its reply
share the same name, so \`c2s.X.hex\` pairs with \`s2c.X.hex\` (ping and auth replies carry the
special xids -2 and -4). Only the first frame of each name is kept. $COUNT files.

Variants: \`error\` = header-only error reply (and its request); \`failed\` = multi whose sub-results
are errors (ReplyHeader.err is 0); \`partial\` = multiRead with an error sub-result; \`watch\` = watch
flag set; \`ephemeral\`/\`persistentSequential\`/\`ephemeralSequential\` = create flags 1/2/3
(createTTL: flags 6); \`recursive\` = addWatch mode 1; \`reconnect\` = ConnectRequest with a session id
(the proxy dropped the connection); \`round2\` = second SASL round; notifications are named by event
type (\`created\`, \`deleted\`, \`dataChanged\`, \`childrenChanged\`).

Values that differ between runs: session ids and passwords, zxids, ctime/mtime, sequence numbers.

Not recorded (request kinds of §3.3 with no \`c2s\` file): ${MISSING:-none}.

Notes:
- \`check\` (13) is only sent inside multi; \`notification\` (0), \`deleteContainer\` (20) and
  \`createSession\` (-10) are never sent by clients.
- \`reconfig\` exists only as \`.error\` (-123 RECONFIGDISABLED, standalone server); \`exists\` of a
  missing node is \`.error\` (-101, header only).
- No -121 NOWATCHER reply: the Java client checks its own watch table and throws NoWatcher locally
  without sending checkWatches/removeWatches.
- setWatches/setWatches2 were sent by the Java client on reconnect with an **ordinary xid**, not -8,
  and the server echoed that xid (see c2s/s2c.setWatches*.hex). On reconnect the client sends the
  auth packet (xid -4) before setWatches.
- sasl: DIGEST-MD5 (JAAS DigestLoginModule, user bob); the first token is empty, \`round2\` carries
  the digest response; replies have zxid 0.
EOF
"$PY" "$HERE/check.py" "$OUT"
echo "wrote $COUNT vectors to $OUT"
