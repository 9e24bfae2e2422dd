namespace ZkCompat.Server.Sessions;

/// <summary>
/// Session passwords as Java makes them: 16 bytes of java.util.Random seeded with
/// id ^ 0xB3415C00 (PROTOCOL.md §2.3), so a client can resume a session on either server kind.
/// </summary>
internal static class SessionPasswords
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Mask = (1L << 48) - 1;

    public static byte[] For(long sessionId)
    {
        var seed = ((sessionId ^ 0xB3415C00L) ^ Multiplier) & Mask;
        var password = new byte[16];
        for (var i = 0; i < password.Length; i += 4)
        {
            seed = ((seed * Multiplier) + 0xB) & Mask;
            var next = (int)((ulong)seed >> 16);
            for (var j = 0; j < 4; j++)
                password[i + j] = (byte)(next >> (8 * j));
        }

        return password;
    }
}
