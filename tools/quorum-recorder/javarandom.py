"""java.util.Random, enough to derive the session password a Java server expects."""
MASK = (1 << 48) - 1
SUPER_SECRET = 0xB3415C00  # ZooKeeperServer.superSecret


def _next_int(seed):
    seed = (seed * 0x5DEECE66D + 0xB) & MASK
    value = seed >> 16
    return seed, value - (1 << 32) if value >= 1 << 31 else value


def next_bytes(seed, n):
    seed = (seed ^ 0x5DEECE66D) & MASK
    out = bytearray()
    while len(out) < n:
        seed, rnd = _next_int(seed)
        for _ in range(min(n - len(out), 4)):
            out.append(rnd & 0xff)
            rnd >>= 8
    return bytes(out)


def zk_password(session_id):
    """ZooKeeperServer.generatePasswd: new Random(id ^ superSecret).nextBytes(16 bytes)."""
    return next_bytes((session_id ^ SUPER_SECRET) & ((1 << 64) - 1), 16)
