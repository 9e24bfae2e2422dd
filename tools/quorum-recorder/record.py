#!/usr/bin/python3
"""Records quorum-port and election-port traffic of a live Java 3.8.0 ensemble.

3 participants + 1 observer on loopback. Server 2 (a follower) and server 4 (the observer) see
every other server's quorum and election ports through relay.py, so the traffic they exchange with
the leader and the other peers is captured byte for byte in both directions. fake_peer.py adds what
Java sends to an unknown election peer, to a dialled-back peer, and to fake learners (TRUNC, SNAP).

Usage: record.py WORKDIR [--reconfig]     (then extract.py OUTDIR WORKDIR... to write the golden vectors)

--reconfig: a separate run with reconfigEnabled=true (and zookeeper.skipACL) whose only workload is
one incremental reconfig sent through follower 2, to record COMMITANDACTIVATE and INFORMANDACTIVATE.
"""
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

from kazoo.client import KazooClient

import fake_peer
import javarandom

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"
CP = "/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"
procs = []


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def four(port, word=b"srvr"):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(word)
            data = b""
            while chunk := s.recv(4096):
                data += chunk
            return data.decode()
    except OSError:
        return ""


def mode(port):
    for line in four(port).splitlines():
        if line.startswith("Mode: "):
            return line[6:]
    return None


def zxid(port):
    for line in four(port).splitlines():
        if line.startswith("Zxid: "):
            return int(line[6:], 16)
    return None


def wait_for(what, condition, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.2)
    raise TimeoutError(what)


RECONFIG = "--reconfig" in sys.argv


def write_config(work, sid, ports, view):
    d = os.path.join(work, f"s{sid}")
    os.makedirs(os.path.join(d, "data"), exist_ok=True)
    with open(os.path.join(d, "data", "myid"), "w") as f:
        f.write(f"{sid}\n")
    lines = ["tickTime=200", "initLimit=20", "syncLimit=10", f"dataDir={d}/data",
             f"clientPort={ports['c'][sid]}", "admin.enableServer=false", "4lw.commands.whitelist=*"]
    if sid == 4:
        lines.append("peerType=observer")
    if RECONFIG:
        lines.append("reconfigEnabled=true")
    for other in (1, 2, 3, 4):
        q, e = view(other)
        lines.append(f"server.{other}=127.0.0.1:{q}:{e}" + (":observer" if other == 4 else ""))
    with open(os.path.join(d, "zoo.cfg"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(d, "log4j.properties"), "w") as f:
        f.write(f"log4j.rootLogger=INFO, F\nlog4j.appender.F=org.apache.log4j.FileAppender\n"
                f"log4j.appender.F.File={d}/server.log\nlog4j.appender.F.layout=org.apache.log4j.PatternLayout\n"
                "log4j.appender.F.layout.ConversionPattern=%d{ISO8601} [%t] %-5p %c{1} - %m%n\n")


def start(work, sid):
    d = os.path.join(work, f"s{sid}")
    extra = ["-Dzookeeper.skipACL=yes"] if RECONFIG else []
    p = subprocess.Popen(["java", "-Xmx128m", "-cp", CP, f"-Dlog4j.configuration=file:{d}/log4j.properties", *extra,
                          "org.apache.zookeeper.server.quorum.QuorumPeerMain", f"{d}/zoo.cfg"],
                         stdout=open(f"{d}/stdout.log", "ab"), stderr=subprocess.STDOUT)
    procs.append(p)
    return p


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def raw_connect(port, session_id, password, timeout_ms=4000):
    """A client ConnectRequest (§2.1) on a raw socket; returns (socket, timeout, session id, password)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    body = struct.pack(">iqiqi", 0, 0, timeout_ms, session_id, len(password)) + password + b"\0"
    s.sendall(struct.pack(">i", len(body)) + body)
    head = b""
    while len(head) < 4:
        head += s.recv(4 - len(head))
    n = struct.unpack(">i", head)[0]
    reply = b""
    while len(reply) < n:
        reply += s.recv(n - len(reply))
    _, timeout, sid, plen = struct.unpack(">iiqi", reply[:20])
    return s, timeout, sid, reply[20:20 + plen]


def main():
    work = os.path.abspath(sys.argv[1])
    os.makedirs(work, exist_ok=True)
    ports = {k: {i: free_port() for i in (1, 2, 3, 4)} for k in ("c", "q", "e", "rq", "re")}
    direct = lambda o: (ports["q"][o], ports["e"][o])
    relayed = lambda o: (ports["rq"][o], ports["re"][o])
    for sid in (1, 3):
        write_config(work, sid, ports, direct)
    write_config(work, 2, ports, lambda o: direct(o) if o in (2, 4) else relayed(o))
    write_config(work, 4, ports, lambda o: direct(o) if o == 4 else relayed(o))
    cap = os.path.join(work, "capture")
    specs = [f"q{i}:{ports['rq'][i]}:{ports['q'][i]}" for i in (1, 2, 3)] + \
            [f"e{i}:{ports['re'][i]}:{ports['e'][i]}" for i in (1, 2, 3)]
    relay = subprocess.Popen([PY, os.path.join(HERE, "relay.py"), cap] + specs, stdout=subprocess.PIPE)
    procs.append(relay)
    relay.stdout.readline()
    facts = {"ports": ports}
    try:
        servers = {1: start(work, 1), 3: start(work, 3)}
        wait_for("leader 3", lambda: mode(ports["c"][3]) == "leader")
        servers[2] = start(work, 2)
        servers[4] = start(work, 4)
        wait_for("follower 2", lambda: mode(ports["c"][2]) == "follower")
        wait_for("observer 4", lambda: mode(ports["c"][4]) == "observer")
        facts["modes"] = {i: mode(ports["c"][i]) for i in (1, 2, 3, 4)}
        facts["zxid_after_start"] = hex(zxid(ports["c"][3]))
        if RECONFIG:
            reconfig(work, ports, facts)
            return
        workload(ports, facts)
        # A follower restarted after writes gets DIFF + PROPOSAL/COMMIT pairs (§11.4).
        stop(servers[2])
        c1 = KazooClient(hosts=f"127.0.0.1:{ports['c'][1]}")
        c1.start(timeout=15)
        for i in range(3):
            c1.create(f"/while-down-{i}", b"d%d" % i)
        c1.stop()
        servers[2] = start(work, 2)
        wait_for("follower 2 again", lambda: mode(ports["c"][2]) == "follower")
        time.sleep(1)
        facts["zxid_before_fakes"] = hex(zxid(ports["c"][3]))
        fakes(work, ports, facts)
        facts["conf_text"] = four(ports["c"][3], b"conf")
    finally:
        for p in reversed(procs):
            stop(p)
        with open(os.path.join(work, "facts.json"), "w") as f:
            json.dump(facts, f, indent=2)


def workload(ports, facts):
    c2 = KazooClient(hosts=f"127.0.0.1:{ports['c'][2]}")
    c2.start(timeout=15)
    c2.create("/q", b"hello")
    c2.set("/q", b"world")
    c2.create("/q/e", b"", ephemeral=True)
    c2.sync("/q")
    c2.delete("/q/e")
    c4 = KazooClient(hosts=f"127.0.0.1:{ports['c'][4]}")
    c4.start(timeout=15)
    c4.create("/obs", b"o")
    time.sleep(1)  # several PING rounds, some carrying session touches
    # REVALIDATE (§11.8): a session made on server 1 reconnects on follower 2; then an unknown
    # session whose password is right (Java derives it from the id) gets valid=false.
    s, _, sid, pw = raw_connect(ports["c"][1], 0, b"\0" * 16)
    s.close()
    facts["password_derivation_ok"] = javarandom.zk_password(sid) == pw
    s, timeout, got, _ = raw_connect(ports["c"][2], sid, pw)
    facts["revalidate_valid"] = {"session": hex(sid), "timeout": timeout, "answered_session": hex(got)}
    s.close()
    bogus = (sid & ~0xffffff) | 0xabcdef
    s, timeout, got, _ = raw_connect(ports["c"][2], bogus, javarandom.zk_password(bogus))
    facts["revalidate_invalid"] = {"session": hex(bogus), "timeout": timeout, "answered_session": hex(got)}
    s.close()
    c2.stop()
    c4.stop()
    c2.close()
    c4.close()
    time.sleep(0.5)


def reconfig(work, ports, facts):
    """Re-declares the observer with a client address: membership is unchanged, the config version moves.

    With reconfigEnabled the learners adopt the leader's view at NEWLEADER and bypass the relays, so two
    fake learners (follower 88, observer 77) stay connected to the leader to receive the activation packets.
    """
    out = os.path.join(work, "fakes")
    os.makedirs(out, exist_ok=True)
    epoch = zxid(ports["c"][3]) >> 32
    results = {}
    threads = [threading.Thread(target=lambda name, *a: results.__setitem__(name, fake_peer.learner(*a, seconds=6)), args=args)
               for args in (("activate88", ports["q"][3], 11, 88, epoch, epoch << 32), ("activate77", ports["q"][3], 16, 77, epoch, epoch << 32))]
    for t in threads:
        t.start()
    time.sleep(2)
    c1 = KazooClient(hosts=f"127.0.0.1:{ports['c'][1]}")
    c1.start(timeout=15)
    joining = f"server.4=127.0.0.1:{ports['q'][4]}:{ports['e'][4]}:observer;127.0.0.1:{ports['c'][4]}"
    data, stat = c1.reconfig(joining=joining, leaving=None, new_members=None)
    facts["reconfig"] = {"joining": joining, "new_config": data.decode(), "zxid": hex(stat.mzxid)}
    c1.stop()
    c1.close()
    for t in threads:
        t.join()
    for name, data in results.items():
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(data)
    facts["conf_text_after_reconfig"] = four(ports["c"][3], b"conf")


def fakes(work, ports, facts):
    out = os.path.join(work, "fakes")
    os.makedirs(out, exist_ok=True)

    def save(name, data):
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(data)

    for sid in (1, 3, 4):
        save(f"unknown99.s{sid}", fake_peer.election_unknown_sid(ports["e"][sid]))
    for sid in (3, 4):
        data, closed = fake_peer.election_connect_back(ports["e"][sid])
        save(f"connectback0.s{sid}", data)
        facts[f"connectback0.s{sid}.closed_first"] = closed
    epoch = zxid(ports["c"][3]) >> 32
    save("trunc88", fake_peer.learner(ports["q"][3], 11, 88, epoch, (epoch << 32) | 0xff))
    save("snap77", fake_peer.learner(ports["q"][3], 16, 77, 0, 5))


if __name__ == "__main__":
    main()
