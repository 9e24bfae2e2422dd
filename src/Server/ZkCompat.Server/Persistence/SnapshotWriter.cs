using System.Buffers;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Protocol.Txn;
using ZkCompat.Server.Checksums;
using ZkCompat.Server.Security;

namespace ZkCompat.Server.Persistence;

/// <summary>
/// Writes snapshot.&lt;zxid&gt; in Java's format (PROTOCOL.md §12.3): header, sessions, ACL cache,
/// nodes in pre-order (root as ""), "/", Adler-32 seal, then (unless digests are off) the digest
/// section and a second seal; compressed as a whole when asked, with the seals over the
/// uncompressed bytes, as Java's SnapStream does.
/// </summary>
internal static class SnapshotWriter
{
    private const int ChunkBytes = 256 * 1024;

    public static void Write(IStorage storage, string directory, SnapshotImage image, SnapshotCompression compression = SnapshotCompression.None)
    {
        // Written aside and renamed into place, so a crash never leaves a half snapshot under the
        // name of a good one (the startup snapshot can have the same zxid as the last one).
        var path = Path.Combine(directory, DataFiles.SnapshotName(image.Zxid.Value, compression));
        var temporary = path + ".tmp";
        if (storage.Exists(temporary))
            storage.Delete(temporary);
        using (var file = storage.Create(temporary))
        {
            using (var compressing = SnapshotCodec.Compressing(file, compression))
                WriteTo(compressing ?? file, image);
            file.Flush();
            storage.Sync(file);
        }

        storage.Rename(temporary, path);
    }

    /// <summary>
    /// The SNAP stream (§11.5): the snapshot body up to the "/" terminator, then "BenWasHere"; no
    /// header, seals or digest. Made by writing a whole snapshot and cutting off what SNAP lacks.
    /// </summary>
    public static byte[] Stream(SnapshotImage image)
    {
        using var memory = new MemoryStream();
        WriteTo(memory, image);
        var bytes = memory.ToArray();
        // Seal (long + "/"): 13 bytes; then digest section (long, int, long) and seal again: 20 + 13.
        var trailer = image.Digest is null ? 13 : 46;
        var body = bytes.AsSpan(FileHeader.Size, bytes.Length - FileHeader.Size - trailer);
        var signature = System.Text.Encoding.ASCII.GetBytes(ZkCompat.Protocol.Quorum.SnapshotTransfer.Signature);
        var stream = new byte[body.Length + 4 + signature.Length];
        body.CopyTo(stream);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(stream.AsSpan(body.Length), signature.Length);
        signature.CopyTo(stream.AsSpan(body.Length + 4));
        return stream;
    }

    private static void WriteTo(Stream stream, SnapshotImage image)
    {
        var output = new SealedOutput(stream);
        output.Writer.WriteRaw(FileHeader.For(FileHeader.SnapshotMagic, -1));
        output.Writer.WriteInt(image.Sessions.Count);
        foreach (var (id, timeoutMs) in image.Sessions)
        {
            output.Writer.WriteLong(id);
            output.Writer.WriteInt(timeoutMs);
        }

        var aclIds = WriteAclCache(output, image.Nodes);
        foreach (var node in image.ParentsFirst())
        {
            // A Jute string is its UTF-8 bytes after their length, as a buffer is; the root is "".
            output.Writer.WriteBuffer(node.Path.Length == 1 ? [] : node.Path.AsSpan());
            output.Writer.WriteBuffer(node.Data);
            output.Writer.WriteLong(ReferenceEquals(node.Acls, Acls.Open) ? -1 : aclIds[node.Acls]);
            node.WriteStat(output.Writer);
            output.SpillIfFull();
        }

        output.Writer.WriteString("/");
        output.Seal();
        if (image.Digest is { } digest)
        {
            output.Writer.WriteLong(image.Zxid.Value);
            output.Writer.WriteInt(TxnCodec.DigestVersion);
            output.Writer.WriteLong(digest);
            output.Seal();
        }

        output.Spill();
    }

    /// <summary>
    /// Java's ACL cache: each distinct list gets an id from 1; the built-in open ACL is -1. Nodes
    /// share their list instances (the tree interns them), so the lookup is by reference first and
    /// by content only once per instance.
    /// </summary>
    private static Dictionary<IReadOnlyList<Acl>, long> WriteAclCache(SealedOutput output, NodeImage[] nodes)
    {
        var ids = new Dictionary<IReadOnlyList<Acl>, long>(ReferenceEqualityComparer.Instance);
        var byContent = new Dictionary<string, long>(StringComparer.Ordinal);
        var lists = new List<IReadOnlyList<Acl>>();
        foreach (var node in nodes)
        {
            if (ReferenceEquals(node.Acls, Acls.Open) || ids.ContainsKey(node.Acls))
                continue;
            var key = AclKey(node.Acls);
            if (!byContent.TryGetValue(key, out var id))
            {
                byContent[key] = id = byContent.Count + 1;
                lists.Add(node.Acls);
            }

            ids[node.Acls] = id;
        }

        output.Writer.WriteInt(lists.Count);
        for (var i = 0; i < lists.Count; i++)
        {
            output.Writer.WriteLong(i + 1);
            output.Writer.WriteVector(lists[i], static (w, acl) => acl.Write(w));
        }

        return ids;
    }

    internal static string AclKey(IReadOnlyList<Acl> acls) =>
        string.Join('\n', acls.Select(a => $"{(int)a.Perms}\t{a.Id.Scheme}\t{a.Id.Ident}"));

    /// <summary>Buffers jute output, keeps a running Adler-32 of everything spilled, and writes seals.</summary>
    private sealed class SealedOutput(Stream file)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes + 4096);
        private Adler32 _checksum = new();

        public JuteWriter Writer => new(_buffer);

        public void SpillIfFull()
        {
            if (_buffer.WrittenCount >= ChunkBytes)
                Spill();
        }

        public void Spill()
        {
            _checksum.Append(_buffer.WrittenSpan);
            file.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }

        /// <summary>The checksum of every byte so far, then "/" (Java's SnapStream.sealStream).</summary>
        public void Seal()
        {
            Spill();
            Writer.WriteLong(_checksum.Value);
            Writer.WriteString("/");
        }
    }
}
