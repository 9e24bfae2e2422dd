using System.Buffers.Binary;
using ZkCompat.Protocol.Ids;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>The model's snapshot stream: <c>int count, (long zxid, int length, bytes)×count</c>.</summary>
internal static class SnapshotCodec
{
    public static byte[] Write(IReadOnlyList<LogEntry> entries)
    {
        var bytes = new byte[4 + entries.Sum(e => 12 + e.Txn.Length)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, entries.Count);
        var at = 4;
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at), entry.Zxid.Value);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at + 8), entry.Txn.Length);
            entry.Txn.CopyTo(bytes.AsSpan(at + 12));
            at += 12 + entry.Txn.Length;
        }

        return bytes;
    }

    public static List<LogEntry> Read(ReadOnlySpan<byte> bytes)
    {
        var count = BinaryPrimitives.ReadInt32BigEndian(bytes);
        var entries = new List<LogEntry>(count);
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            var zxid = new Zxid(BinaryPrimitives.ReadInt64BigEndian(bytes[at..]));
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes[(at + 8)..]);
            entries.Add(new LogEntry(zxid, bytes.Slice(at + 12, length).ToArray()));
            at += 12 + length;
        }

        return entries;
    }
}
