using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Checksums;
using ZkCompat.Server.Security;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Persistence;

/// <summary>A snapshot read back: the tree, the sessions with their timeouts, and its zxid.</summary>
internal sealed record LoadedSnapshot(long Zxid, DataTree Tree, Dictionary<long, int> Sessions);

/// <summary>
/// Reads snapshot.&lt;zxid&gt; (PROTOCOL.md §12.3), checking both Adler-32 seals. Any damage throws
/// <see cref="InvalidDataException"/>, so recovery can fall back to the previous snapshot.
/// </summary>
internal static class SnapshotReader
{
    public static LoadedSnapshot Read(IStorage storage, string path, long zxid)
    {
        byte[] bytes;
        using (var stream = storage.OpenRead(path))
        {
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }

        if (!FileHeader.IsValid(bytes, FileHeader.SnapshotMagic))
            throw new InvalidDataException($"{path}: not a snapshot (bad magic or version)");
        try
        {
            return Parse(bytes, zxid);
        }
        catch (ProtocolException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads the snapshot stream of a SNAP (§11.5): the body without header, seals or digest.</summary>
    public static LoadedSnapshot ReadStream(byte[] stream, long zxid)
    {
        var reader = new JuteReader(stream);
        var sessions = new Dictionary<long, int>();
        var count = reader.ReadInt();
        for (var i = 0; i < count; i++)
            sessions[reader.ReadLong()] = reader.ReadInt();
        var acls = ReadAclCache(ref reader);
        var tree = DataTree.FromNodes(ReadNodes(ref reader, acls));
        return new LoadedSnapshot(zxid, tree, sessions);
    }

    private static LoadedSnapshot Parse(byte[] bytes, long zxid)
    {
        var reader = new JuteReader(bytes.AsMemory(FileHeader.Size));
        var sessions = new Dictionary<long, int>();
        var count = reader.ReadInt();
        for (var i = 0; i < count; i++)
            sessions[reader.ReadLong()] = reader.ReadInt();
        var acls = ReadAclCache(ref reader);
        var tree = DataTree.FromNodes(ReadNodes(ref reader, acls));
        CheckSeal(bytes, ref reader);
        // 3.6+ appends the digest section and a second seal; 3.5 snapshots end here (§12.4).
        if (!reader.End)
        {
            reader.ReadLong();
            var version = reader.ReadInt();
            if (version >= 2)
                reader.ReadLong();
            else
                reader.ReadNullableString();
            CheckSeal(bytes, ref reader);
        }

        return new LoadedSnapshot(zxid, tree, sessions);
    }

    private static Dictionary<long, IReadOnlyList<Acl>> ReadAclCache(ref JuteReader reader)
    {
        var acls = new Dictionary<long, IReadOnlyList<Acl>> { [-1] = Acls.Open };
        var count = reader.ReadInt();
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadLong();
            acls[id] = reader.ReadVector(static (ref JuteReader r) => Acl.Read(ref r)) ?? [];
        }

        return acls;
    }

    private static List<(string, DataNode)> ReadNodes(ref JuteReader reader, Dictionary<long, IReadOnlyList<Acl>> acls)
    {
        var nodes = new List<(string, DataNode)>();
        while (true)
        {
            var path = reader.ReadString();
            if (path == "/")
                return nodes;
            var data = reader.ReadBuffer();
            var aclId = reader.ReadLong();
            var stat = StatPersisted.Read(ref reader);
            if (!acls.TryGetValue(aclId, out var list))
                throw new InvalidDataException($"node {path} refers to unknown ACL id {aclId}");
            nodes.Add((path.Length == 0 ? "/" : path, DataNode.Restore(data, list, stat)));
        }
    }

    /// <summary>A seal is the Adler-32 of every byte before it, then the string "/".</summary>
    private static void CheckSeal(byte[] bytes, ref JuteReader reader)
    {
        var before = FileHeader.Size + (int)reader.Consumed;
        var expected = Adler32.Of(bytes.AsSpan(0, before));
        var value = reader.ReadLong();
        if (reader.ReadString() != "/" || value != expected)
            throw new InvalidDataException("CRC corruption in snapshot");
    }
}
