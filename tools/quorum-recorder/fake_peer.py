"""Fake election peer and fake learner (raw sockets) that record what Java 3.8.0 sends them."""
import socket
import struct
import time

import zab


def _drain(sock, seconds):
    sock.settimeout(0.2)
    data, end = b"", time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        data += chunk
    return data


def election_unknown_sid(port, sid=99, seconds=1.5):
    """§10.3: a non-voter's notification is answered at once with the current vote. Returns raw bytes Java sent."""
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(zab.hello(sid, "127.0.0.1:1"))
    s.sendall(zab.notification(0, sid, 0, 1, 0))
    data = _drain(s, seconds)
    s.close()
    return data


def election_connect_back(port, seconds=1.5):
    """§10.1: a hello from sid 0 (lower than Java's) makes Java close and dial back the given address.
    Returns (what Java sent on the dial-back connection: hello + reply to our notification, closed_first)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(10)
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(zab.hello(0, f"127.0.0.1:{listener.getsockname()[1]}"))
    back, _ = listener.accept()
    s.settimeout(5)
    try:
        closed_first = s.recv(1) == b""
    except OSError:
        closed_first = True
    s.close()
    head = _drain(back, 0.5)
    back.sendall(zab.notification(0, 0, 0, 1, 0))
    data = head + _drain(back, seconds)
    back.close()
    listener.close()
    return data, closed_first


def learner(port, info_type, sid, accepted_epoch, last_zxid, seconds=1.5):
    """Runs the learner side of §11.4 against a Java leader. Returns everything the leader sent."""
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    info = struct.pack(">qiq", sid, 0x10000, 0)
    s.sendall(zab.packet(info_type, accepted_epoch << 32, info))
    received = b""
    state = "leaderinfo"
    answered = 0
    end = time.monotonic() + 20
    s.settimeout(0.2)
    while time.monotonic() < end:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            chunk = None
        if chunk == b"":
            break
        if chunk:
            received += chunk
        items = zab.split_quorum_stream(received)
        packets = [it[2] for it in items if it[0] == "packet"]
        if state == "leaderinfo" and packets and packets[0][0] == 17:
            new_epoch = packets[0][1] >> 32
            current = -1 if new_epoch == accepted_epoch else accepted_epoch
            s.sendall(zab.packet(18, last_zxid, struct.pack(">i", current)))
            state = "newleader"
        if state == "newleader" and any(p[0] == 10 for p in packets):
            s.sendall(zab.packet(3, next(p[1] for p in packets if p[0] == 10)))
            state = "uptodate"
        if state == "uptodate" and any(p[0] == 12 for p in packets):
            s.sendall(zab.packet(3, next(p[1] for p in packets if p[0] == 10)))
            state = "serving"
            end = time.monotonic() + seconds
        if state == "serving":
            pings = [p for p in packets if p[0] == 5]
            for p in pings[answered:]:
                s.sendall(zab.packet(5, p[1], b""))
            answered = len(pings)
    s.close()
    return received
