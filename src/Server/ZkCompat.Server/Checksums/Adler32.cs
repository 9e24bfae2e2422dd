namespace ZkCompat.Server.Checksums;

/// <summary>Adler-32 (as java.util.zip.Adler32), for txn log entries and snapshot seals (§12).</summary>
internal struct Adler32
{
    private const uint Modulus = 65521;
    // The largest n such that 255n(n+1)/2 + (n+1)(Modulus-1) fits in 32 bits.
    private const int Block = 5552;
    private uint _a;
    private uint _b;

    public Adler32()
    {
        _a = 1;
        _b = 0;
    }

    public readonly long Value => ((long)_b << 16) | _a;

    public static long Of(ReadOnlySpan<byte> bytes)
    {
        var adler = new Adler32();
        adler.Append(bytes);
        return adler.Value;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        uint a = _a, b = _b;
        while (!bytes.IsEmpty)
        {
            var chunk = bytes[..Math.Min(Block, bytes.Length)];
            foreach (var x in chunk)
            {
                a += x;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            bytes = bytes[chunk.Length..];
        }

        (_a, _b) = (a, b);
    }
}
