#!/usr/bin/python3
"""Turns a record.py work dir into golden vectors: OUTDIR/<sender>.<kind>[.<variant>].hex.

Each file is a one-line '#' comment (what it is, where it came from) and one line of lowercase hex.
Quorum files hold one bare QuorumPacket (§11.1), except leader.snapStream (the bytes after SNAP up to
and including "BenWasHere"). election.hello files hold one hello (§10.1); election.notification files
one framed notification (int length + payload, §10.2). Only the first capture of each name is kept.

Usage: extract.py OUTDIR WORKDIR [RECONFIG_WORKDIR]
The second work dir (record.py --reconfig) adds the names the first lacks (the activation packets,
the reconfig txn) and its NEWLEADER as leader.newLeader.reconfigEnabled.
"""
import glob
import os
import struct
import sys

import zab

REQUESTS = {-10: "createSession", -11: "closeSession", 1: "create", 2: "delete", 5: "setData", 9: "sync",
            15: "create2", 14: "multi", 7: "setACL", 16: "reconfig"}
SECOND_RUN_VARIANTS = {"leader.newLeader", "election.notification.following"}


def txn_type(data):
    return struct.unpack(">i", data[28:32])[0]


def quorum_name(sender, ptype, zxid, data, auth):
    kind = zab.TYPES[ptype]
    if ptype == 1:
        request = struct.unpack(">i", data[12:16])[0]
        return f"{sender}.request.{REQUESTS.get(request, request)}"
    if ptype in (2, 8):
        return f"{sender}.{kind}.{REQUESTS.get(txn_type(data), txn_type(data))}"
    if ptype == 3:
        return f"{sender}.ack." + ("newLeader" if zxid & 0xffffffff == 0 else "proposal")
    if ptype == 5 and sender != "leader":
        return f"{sender}.ping." + ("touch" if data else "empty" if data is not None else "null")
    if ptype == 6:
        if sender == "leader":
            return "leader.revalidate." + ("valid" if data[8] else "invalid")
        return f"{sender}.revalidate"
    if ptype == 18:
        return f"{sender}.ackEpoch." + ("unchanged" if data == b"\xff\xff\xff\xff" else "currentEpoch")
    if ptype in (11, 16):
        return f"{sender}.{kind}." + ("fresh" if zxid == 0 else "restarted")
    return f"{sender}.{kind}"


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    vectors = {}
    for run, work in enumerate(sys.argv[2:]):
        collect(work, vectors, run)
    for old in glob.glob(os.path.join(out, "*.hex")):
        os.remove(old)
    for name, (raw, source) in sorted(vectors.items()):
        with open(os.path.join(out, name + ".hex"), "w") as f:
            f.write(f"# {name}: Java 3.8.0, {source}\n{raw.hex()}\n")
    print(f"{len(vectors)} vectors written to {out}")


def collect(work, vectors, run):
    def keep(name, raw, source):
        source = ("reconfig run, " if run else "") + source
        if run and name in SECOND_RUN_VARIANTS:
            name += ".reconfigEnabled"
        if name not in vectors:
            vectors[name] = (raw, source)

    streams = sorted(glob.glob(os.path.join(work, "capture", "q*.bin"))) + \
        sorted(glob.glob(os.path.join(work, "fakes", "trunc*.bin")) + glob.glob(os.path.join(work, "fakes", "snap*.bin"))
               + glob.glob(os.path.join(work, "fakes", "activate*.bin")))
    for path in streams:
        name = os.path.basename(path)
        items = zab.split_quorum_stream(open(path, "rb").read())
        if name.endswith(".up.bin"):
            sender = "follower" if items[0][2][0] == 11 else "observer"
        else:
            sender = "leader"
        for i, (kind, raw, value) in enumerate(items):
            source = f"{name} item {i}"
            if kind == "snapshot":
                keep("leader.snapStream", raw, source + f", {value} nodes")
            else:
                keep(quorum_name(sender, *value), raw, source + f", zxid 0x{value[1] & (2**64 - 1):x}")

    for path in sorted(glob.glob(os.path.join(work, "capture", "e*.bin"))) + \
            sorted(glob.glob(os.path.join(work, "fakes", "*99*.bin")) + glob.glob(os.path.join(work, "fakes", "connectback*.bin"))):
        name = os.path.basename(path)
        items = zab.split_election_stream(open(path, "rb").read(), with_hello=name.endswith(".up.bin") or name.startswith("connectback"))
        for i, (kind, raw, value) in enumerate(items):
            source = f"{name} item {i}"
            if kind == "hello":
                role = {2: "follower", 3: "leader", 4: "observer"}.get(value[1], "peer")
                keep(f"election.hello.{role}", raw, source + f", sid {value[1]}")
            else:
                variant = value["state"] + (".initialObserverVote" if value["leader"] == -2**63 else "")
                keep(f"election.notification.{variant}", raw, source +
                     f", leader {value['leader']} zxid 0x{value['zxid'] & (2**64 - 1):x} electionEpoch {value['electionEpoch']}"
                     f" peerEpoch {value['peerEpoch']}")


if __name__ == "__main__":
    main()
