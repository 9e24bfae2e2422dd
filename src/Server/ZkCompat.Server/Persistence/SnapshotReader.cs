using ZkCompat.Protocol.Ids;
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
/// Reads snapshot.&lt;zxid&gt; (PROTOCOL.md §12.3), compressed or not, checking both Adler-32 seals.
/// Any damage throws <see cref="InvalidDataException"/>, so recovery can fall back to the previous
/// snapshot. With digests off (digest.enabled=false) the tree keeps none, and, as in Java, the
/// digest section and its seal are not read at all; with them on, a snapshot without one (3.5, or
/// written with digests off) reads as well.
/// </summary>
internal static class SnapshotReader
{
    private const long MinPausedBytes = 16 << 20;

    public static LoadedSnapshot Read(IStorage storage, string path, long zxid, bool digestEnabled = true)
    {
        using var stream = storage.OpenRead(path);
        var compression = SnapshotCodec.OfName(Path.GetFileName(path)) ?? SnapshotCompression.None;
        if (compression != SnapshotCompression.None)
            return Read(path, Decompress(path, stream, compression), zxid, digestEnabled);
        if (stream is not FileStream file)
            return Read(path, ReadAll(stream), zxid, digestEnabled);
        using var view = new FileView(file);
        return Read(path, view.Memory, zxid, digestEnabled);
    }

    private static LoadedSnapshot Read(string path, ReadOnlyMemory<byte> bytes, long zxid, bool digestEnabled)
    {
        if (!FileHeader.IsValid(bytes.Span, FileHeader.SnapshotMagic))
            throw new InvalidDataException($"{path}: not a snapshot (bad magic or version)");
        var paused = PauseCollections(bytes.Length);
        try
        {
            return Parse(bytes, zxid, digestEnabled);
        }
        catch (ProtocolException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        finally
        {
            ResumeCollections(paused);
        }
    }

    /// <summary>Reads the snapshot stream of a SNAP (§11.5): the body without header, seals or digest.</summary>
    public static LoadedSnapshot ReadStream(byte[] stream, long zxid, bool digestEnabled = true)
    {
        var reader = new JuteReader(stream);
        var sessions = new Dictionary<long, int>();
        var count = reader.ReadInt();
        for (var i = 0; i < count; i++)
            sessions[reader.ReadLong()] = reader.ReadInt();
        var acls = ReadAclCache(ref reader);
        var offset = (int)reader.Consumed;
        var tree = DataTree.FromNodes(ReadNodes(stream, ref offset, acls), digestEnabled);
        return new LoadedSnapshot(zxid, tree, sessions);
    }

    private static ReadOnlyMemory<byte> Decompress(string path, Stream stream, SnapshotCompression compression)
    {
        try
        {
            return SnapshotCodec.Decompress(stream, compression);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        var bytes = new byte[checked((int)stream.Length)];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static LoadedSnapshot Parse(ReadOnlyMemory<byte> bytes, long zxid, bool digestEnabled)
    {
        var reader = new JuteReader(bytes[FileHeader.Size..]);
        var sessions = new Dictionary<long, int>();
        var count = reader.ReadInt();
        for (var i = 0; i < count; i++)
            sessions[reader.ReadLong()] = reader.ReadInt();
        var acls = ReadAclCache(ref reader);
        var offset = FileHeader.Size + (int)reader.Consumed;
        var tree = DataTree.FromNodes(ReadNodes(bytes.Span, ref offset, acls), digestEnabled);
        reader = new JuteReader(bytes[offset..]);
        var sealedBytes = new Adler32();
        var sealedThrough = 0;
        CheckSeal(bytes.Span, ref sealedBytes, ref sealedThrough, offset, ref reader);
        // 3.6+ appends the digest section and a second seal; 3.5 snapshots and those written with
        // digests off end here (§12.4). With digests off Java reads no further, and neither do we.
        if (digestEnabled && !reader.End)
        {
            var digestZxid = reader.ReadLong();
            var version = reader.ReadInt();
            if (version >= 2)
                reader.ReadLong();
            else
                reader.ReadNullableString();
            CheckSeal(bytes.Span, ref sealedBytes, ref sealedThrough, offset, ref reader);
            // A fuzzy snapshot's digest is of a later state: Java records no digest until the replay reaches it.
            if (digestZxid > zxid)
                tree.DigestLog.FuzzyUntil(digestZxid);
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

    private static List<(byte[], DataNode)> ReadNodes(ReadOnlySpan<byte> span, ref int offset, Dictionary<long, IReadOnlyList<Acl>> acls)
    {
        var nodes = new List<(byte[], DataNode)>();
        while (true)
        {
            // Paths stay the UTF-8 bytes they are in the file: the tree keys nodes by them.
            var path = SpanJute.ReadBuffer(span, ref offset) ?? throw new ProtocolException("null where a string is required");
            if (path.AsSpan().SequenceEqual(Utf8Path.Root))
                return nodes;
            var data = SpanJute.ReadBuffer(span, ref offset);
            var aclId = SpanJute.ReadLong(span, ref offset);
            // StatPersisted (§3.4), read field by field into the node: no record per node.
            var czxid = SpanJute.ReadLong(span, ref offset);
            var mzxid = SpanJute.ReadLong(span, ref offset);
            var ctime = SpanJute.ReadLong(span, ref offset);
            var mtime = SpanJute.ReadLong(span, ref offset);
            var version = SpanJute.ReadInt(span, ref offset);
            var cversion = SpanJute.ReadInt(span, ref offset);
            var aversion = SpanJute.ReadInt(span, ref offset);
            var owner = SpanJute.ReadLong(span, ref offset);
            var pzxid = SpanJute.ReadLong(span, ref offset);
            if (!acls.TryGetValue(aclId, out var list))
                throw new InvalidDataException($"node {Utf8Path.Decode(path)} refers to unknown ACL id {aclId}");
            var node = DataNode.Create(data, list, new Zxid(czxid), ctime, owner);
            node.Mzxid = new Zxid(mzxid);
            node.Pzxid = new Zxid(pzxid);
            node.Mtime = mtime;
            node.Version = version;
            node.Cversion = cversion;
            node.Aversion = aversion;
            nodes.Add((path.Length == 0 ? Utf8Path.Root : path, node));
        }
    }

    /// <summary>
    /// Every object parsing makes is part of the tree and survives (about twice the file's bytes):
    /// with collections paused while it is built, nothing is copied from generation to generation
    /// (a million znodes: GC pauses 450 → 3 ms). Only for big snapshots; not when the GC cannot
    /// promise that much or another thread has paused it already.
    /// </summary>
    private static bool PauseCollections(long fileBytes)
    {
        if (fileBytes < MinPausedBytes)
            return false;
        try
        {
            return GC.TryStartNoGCRegion(fileBytes * 2);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void ResumeCollections(bool paused)
    {
        try
        {
            // The region ends by itself when parsing allocated more than promised.
            if (paused && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
                GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// A seal is the Adler-32 of every byte before it, then the string "/". <paramref name="sum"/>
    /// runs over the file once: it has taken the bytes up to <paramref name="sumThrough"/> already.
    /// </summary>
    private static void CheckSeal(ReadOnlySpan<byte> bytes, ref Adler32 sum, ref int sumThrough, int readerStart, ref JuteReader reader)
    {
        var before = readerStart + (int)reader.Consumed;
        sum.Append(bytes[sumThrough..before]);
        sumThrough = before;
        var expected = sum.Value;
        var value = reader.ReadLong();
        if (reader.ReadString() != "/" || value != expected)
            throw new InvalidDataException("CRC corruption in snapshot");
    }
}
