using System.Buffers.Binary;
using ZkCompat.Server.Checksums;

namespace ZkCompat.Server.Tree;

/// <summary>
/// Java's digest of one node (PROTOCOL.md §11.9): CRC32 of path, data and a 60-byte stat block.
/// The tree digest is the sum of all node digests; nodes under /zookeeper/ count as 0.
/// </summary>
internal static class NodeDigest
{
    /// <param name="path">The node's path in UTF-8, as the tree keeps it.</param>
    public static long Of(ReadOnlySpan<byte> path, DataNode node)
    {
        if (path.StartsWith("/zookeeper/"u8))
            return 0;
        var crc = new Crc32();
        if (!path.SequenceEqual("/"u8))
            crc.Append(path);
        if (node.Data is not null)
            crc.Append(node.Data);
        Span<byte> block = stackalloc byte[60];
        BinaryPrimitives.WriteInt64BigEndian(block, node.Czxid.Value);
        BinaryPrimitives.WriteInt64BigEndian(block[8..], node.Mzxid.Value);
        BinaryPrimitives.WriteInt64BigEndian(block[16..], node.Pzxid.Value);
        BinaryPrimitives.WriteInt64BigEndian(block[24..], node.Ctime);
        BinaryPrimitives.WriteInt64BigEndian(block[32..], node.Mtime);
        BinaryPrimitives.WriteInt32BigEndian(block[40..], node.Version);
        BinaryPrimitives.WriteInt32BigEndian(block[44..], node.Cversion);
        BinaryPrimitives.WriteInt32BigEndian(block[48..], node.Aversion);
        BinaryPrimitives.WriteInt64BigEndian(block[52..], node.EphemeralOwner);
        crc.Append(block);
        return crc.Value;
    }
}
