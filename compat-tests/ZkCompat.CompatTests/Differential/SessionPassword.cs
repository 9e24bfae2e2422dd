namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// The password Java gives a session: 16 bytes of <c>new java.util.Random(id ^ 0xB3415C00L).nextBytes</c>
/// (PROTOCOL.md §2.3). Lets the transcript say "derived" instead of bytes that differ per session.
/// </summary>
internal static class SessionPassword
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Mask = (1L << 48) - 1;

    public static byte[] Derive(long sessionId)
    {
        var seed = ((sessionId ^ 0xB3415C00L) ^ Multiplier) & Mask;
        var bytes = new byte[16];
        for (var i = 0; i < bytes.Length; i += 4)
        {
            seed = ((seed * Multiplier) + 0xBL) & Mask;
            var next = (int)((ulong)seed >> 16);
            for (var b = 0; b < 4; b++)
                bytes[i + b] = (byte)(next >> (8 * b));
        }

        return bytes;
    }

    public static string Describe(long sessionId, byte[]? password)
    {
        if (password is null)
            return "null";
        if (password.Length == 16 && password.All(b => b == 0))
            return "zero16";
        var derived = Derive(sessionId);
        if (password.AsSpan().SequenceEqual(derived))
            return "derived";
        if (password.AsSpan().SequenceEqual(derived.Select(b => (byte)~b).ToArray()))
            return "inverted";
        return "0x" + Convert.ToHexStringLower(password);
    }
}
