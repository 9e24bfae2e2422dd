namespace ZkCompat.Server.Checksums;

/// <summary>CRC-32 (IEEE 802.3, as java.util.zip.CRC32), for node digests.</summary>
internal struct Crc32
{
    private static readonly uint[] s_table = BuildTable();
    private uint _state;

    public Crc32() => _state = 0xFFFFFFFF;

    public readonly uint Value => ~_state;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var state = _state;
        foreach (var b in bytes)
            state = s_table[(state ^ b) & 0xFF] ^ (state >> 8);
        _state = state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }

        return table;
    }
}
