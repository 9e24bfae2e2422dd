using System.Buffers.Binary;

namespace ZkCompat.Server.Persistence;

/// <summary>The 16-byte header of logs and snapshots: magic, version 2, dbid (§12.2, §12.3).</summary>
internal static class FileHeader
{
    public const int LogMagic = 0x5A4B4C47; // "ZKLG"
    public const int SnapshotMagic = 0x5A4B534E; // "ZKSN"
    public const int Size = 16;

    public static byte[] For(int magic, long dbid)
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), 2);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), dbid);
        return bytes;
    }

    public static bool IsValid(ReadOnlySpan<byte> bytes, int magic) =>
        bytes.Length >= Size && BinaryPrimitives.ReadInt32BigEndian(bytes) == magic && BinaryPrimitives.ReadInt32BigEndian(bytes[4..]) == 2;
}
