using System.Buffers.Binary;

namespace ZkCompat.Server.Checksums;

/// <summary>
/// CRC-32 (IEEE 802.3, as java.util.zip.CRC32), for node digests. Slicing-by-8: eight bytes per
/// step through eight tables, several times faster than a byte at a time (every write hashes its node).
/// </summary>
internal struct Crc32
{
    private static readonly uint[] s_tables = BuildTables();
    private uint _state;

    public Crc32() => _state = 0xFFFFFFFF;

    public readonly uint Value => ~_state;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var state = _state;
        var t = s_tables.AsSpan();
        while (bytes.Length >= 8)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(bytes) ^ state;
            var high = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
            state = t[(7 * 256) + (int)(low & 0xFF)] ^ t[(6 * 256) + (int)((low >> 8) & 0xFF)]
                ^ t[(5 * 256) + (int)((low >> 16) & 0xFF)] ^ t[(4 * 256) + (int)(low >> 24)]
                ^ t[(3 * 256) + (int)(high & 0xFF)] ^ t[(2 * 256) + (int)((high >> 8) & 0xFF)]
                ^ t[256 + (int)((high >> 16) & 0xFF)] ^ t[(int)(high >> 24)];
            bytes = bytes[8..];
        }

        foreach (var b in bytes)
            state = t[(int)((state ^ b) & 0xFF)] ^ (state >> 8);
        _state = state;
    }

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            tables[n] = c;
        }

        for (var n = 0; n < 256; n++)
        {
            for (var k = 1; k < 8; k++)
                tables[(k * 256) + n] = (tables[((k - 1) * 256) + n] >> 8) ^ tables[(int)(tables[((k - 1) * 256) + n] & 0xFF)];
        }

        return tables;
    }
}
