"""Starting, probing and stopping the two servers with equivalent configs, pinned to one CPU."""
import glob
import os
import shutil
import signal
import socket
import struct
import subprocess
import time

JARS = "/usr/share/java"
JAVA_CP = ":".join(p for p in (f"{JARS}/{j}" for j in (
    "zookeeper.jar", "zookeeper-jute.jar", "slf4j-api.jar", "slf4j-log4j12.jar", "log4j-1.2.jar",
    "netty-handler.jar", "netty-transport.jar", "netty-common.jar", "netty-buffer.jar",
    "netty-codec.jar", "netty-resolver.jar", "netty-transport-native-unix-common.jar",
    "netty-transport-classes-epoll.jar", "snappy-java.jar", "metrics-core.jar", "commons-cli.jar")) if os.path.exists(p))
JAVA_HEAP = "-Xmx2g"
LOG4J = "log4j.rootLogger=WARN, CONSOLE\nlog4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender\n" \
        "log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout\n" \
        "log4j.appender.CONSOLE.layout.ConversionPattern=%d [%t] %-5p %c - %m%n\n"


_given = set()


def free_port():
    """A free loopback port, never the same one twice in a run (a port is bound only when its server starts)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _given:
            _given.add(port)
            return port


def _recv_frame(sock):
    head = _recv_exactly(sock, 4)
    (length,) = struct.unpack(">i", head)
    return _recv_exactly(sock, length)


def _recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise OSError("closed")
        data += chunk
    return data


def zk_get(port, path, timeout=1.0):
    """A session, getData(path) and closeSession: the error code and value length, or None when not serving."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            req = struct.pack(">iqiqi", 0, 0, 30000, 0, 16) + b"\0" * 16 + b"\0"
            s.sendall(struct.pack(">i", len(req)) + req)
            resp = _recv_frame(s)
            if struct.unpack(">i", resp[4:8])[0] <= 0:
                return None
            p = path.encode()
            body = struct.pack(">iii", 1, 4, len(p)) + p + b"\0"
            s.sendall(struct.pack(">i", len(body)) + body)
            reply = _recv_frame(s)
            _, _, err = struct.unpack(">iqi", reply[:16])
            length = struct.unpack(">i", reply[16:20])[0] if err == 0 else -1
            close = struct.pack(">ii", 2, -11)
            s.sendall(struct.pack(">i", len(close)) + close)
            try:
                _recv_frame(s)
            except OSError:
                pass
            return err, length
    except (OSError, struct.error):
        return None


def four_letter(port, word, timeout=2.0):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(word.encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    return data.decode(errors="replace")
                data += chunk
    except OSError:
        return ""


class Server:
    """One server process: kind is 'java' or 'zkcompat'; quorum is a list of (id, client, quorum, election) ports."""

    def __init__(self, kind, workdir, cpus, zkcompat_bin, port=None, myid=None, quorum=None):
        self.kind, self.cpus, self.bin = kind, cpus, zkcompat_bin
        self.dir = workdir
        self.data = os.path.join(workdir, "data")
        self.port = port or free_port()
        self.myid, self.quorum = myid, quorum
        self.proc = None
        self.log = None

    def write_config(self):
        os.makedirs(self.data, exist_ok=True)
        lines = ["tickTime=2000", "initLimit=10", "syncLimit=5", f"dataDir={self.data}",
                 f"clientPort={self.port}", "clientPortAddress=127.0.0.1", "admin.enableServer=false",
                 "4lw.commands.whitelist=*", "forceSync=yes", "maxClientCnxns=0"]
        for sid, _, qport, eport in self.quorum or []:
            lines.append(f"server.{sid}=127.0.0.1:{qport}:{eport}")
        if self.quorum:
            with open(os.path.join(self.data, "myid"), "w") as f:
                f.write(f"{self.myid}\n")
        with open(os.path.join(self.dir, "zoo.cfg"), "w") as f:
            f.write("\n".join(lines) + "\n")
        with open(os.path.join(self.dir, "log4j.properties"), "w") as f:
            f.write(LOG4J)

    def command(self):
        cfg = os.path.join(self.dir, "zoo.cfg")
        pin = ["taskset", "-c", self.cpus]
        if self.kind == "java":
            return pin + ["java", JAVA_HEAP, "-cp", JAVA_CP,
                          f"-Dlog4j.configuration=file:{self.dir}/log4j.properties",
                          "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg]
        return pin + [self.bin, "--log-level", "warn", cfg]

    def wipe(self):
        shutil.rmtree(self.data, ignore_errors=True)

    def start(self, ready_path="/zookeeper", timeout=600.0, wait=True):
        """Starts the process; returns ms from spawn until getData(ready_path) answers OK (None if not waited)."""
        self.write_config()
        self.log = open(os.path.join(self.dir, "server.log"), "ab")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(self.command(), stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if not wait:
            return None
        return self.wait_ready(t0, ready_path, timeout)

    def wait_ready(self, t0, path, timeout):
        deadline = t0 + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.kind} exited with {self.proc.returncode}; see {self.dir}/server.log")
            got = zk_get(self.port, path, timeout=0.5)
            if got is not None and got[0] == 0:
                return (time.monotonic() - t0) * 1000
            time.sleep(0.002)
        raise RuntimeError(f"{self.kind} not serving {path} after {timeout} s")

    @property
    def pid(self):
        return self.proc.pid

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS"):
                    return int(line.split()[1])
        return 0

    def snapshot_bytes(self):
        snaps = sorted(glob.glob(os.path.join(self.data, "version-2", "snapshot.*")), key=os.path.getmtime)
        return os.path.getsize(snaps[-1]) if snaps else 0

    def stop(self, sig=signal.SIGTERM):
        """Stops the process by its pid; returns ms until it exited."""
        if self.proc is None or self.proc.poll() is not None:
            return 0.0
        t0 = time.monotonic()
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.log:
            self.log.close()
        return (time.monotonic() - t0) * 1000
