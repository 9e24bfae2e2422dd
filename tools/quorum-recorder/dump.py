#!/usr/bin/python3
"""Prints a readable transcript of a record.py work dir (capture/ and fakes/)."""
import glob
import os
import struct
import sys

import zab


def describe(item):
    kind, raw, value = item
    if kind == "packet":
        t, z, d, a = value
        extra = ""
        if d is not None and t in (11, 16) and len(d) >= 8:
            extra = " info=" + str(struct.unpack(">qiq", d[:20]) if len(d) == 20 else d.hex())
        elif d is not None and len(d) <= 64:
            extra = " data=" + d.hex()
        elif d is not None:
            extra = f" data={len(d)}B:{d[:48].hex()}..."
        return f"{zab.TYPES.get(t, t):18} zxid=0x{z & (2**64 - 1):x} auth={a}{extra}"
    if kind == "snapshot":
        return f"<snapshot {len(raw)}B, {value} nodes>"
    if kind == "hello":
        return f"hello {value}"
    return f"frame {len(raw)}B {value}"


def main():
    work = sys.argv[1]
    for path in sorted(glob.glob(os.path.join(work, "capture", "*.bin")) + glob.glob(os.path.join(work, "fakes", "*.bin"))):
        name = os.path.basename(path)
        data = open(path, "rb").read()
        if name.startswith("q") or name.startswith(("trunc", "snap", "activate")):
            items = zab.split_quorum_stream(data)
        else:
            items = zab.split_election_stream(data, with_hello=name.endswith(".up.bin") or name.startswith("connectback"))
        used = sum(len(i[1]) for i in items)
        print(f"== {name}: {len(data)} bytes, {len(items)} items, {len(data) - used} undecoded")
        for item in items[: int(os.environ.get("LIMIT", "40"))]:
            print("   ", describe(item))


if __name__ == "__main__":
    main()
