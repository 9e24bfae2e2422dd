using System.Buffers;
using System.Text;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// The snapshot that follows a SNAP packet on the quorum stream (PROTOCOL.md §11.5): sessions,
/// the ACL cache, the nodes up to the "/" terminator, and the ustring "BenWasHere". It has no
/// length prefix, so the reader walks its structure to find where it ends.
/// </summary>
public static class SnapshotTransfer
{
    public const string Signature = "BenWasHere";

    /// <summary>StatPersisted: czxid, mzxid, ctime, mtime, version, cversion, aversion, ephemeralOwner, pzxid.</summary>
    private const int StatBytes = (8 * 4) + (4 * 3) + (8 * 2);

    /// <summary>
    /// False when the stream is not complete yet (buffer untouched); true with the whole stream
    /// (signature included) when it is. A bad length or a wrong signature throws.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, long maxBytes, out byte[] stream)
    {
        stream = [];
        var reader = new SequenceReader<byte>(buffer);
        if (!Walk(ref reader, maxBytes))
            return false;
        stream = buffer.Slice(0, reader.Consumed).ToArray();
        buffer = buffer.Slice(reader.Consumed);
        return true;
    }

    private static bool Walk(ref SequenceReader<byte> r, long maxBytes)
    {
        if (!Int(ref r, out var sessions))
            return false;
        Check(sessions, int.MaxValue / 12);
        if (!Skip(ref r, sessions * 12L))
            return false;
        if (!Int(ref r, out var aclLists))
            return false;
        Check(aclLists, int.MaxValue);
        for (var i = 0; i < aclLists; i++)
        {
            if (!Skip(ref r, 8) || !Int(ref r, out var acls))
                return false;
            Check(acls, int.MaxValue);
            for (var j = 0; j < acls; j++)
            {
                if (!Skip(ref r, 4) || !Bytes(ref r) || !Bytes(ref r))
                    return false;
            }

            if (r.Consumed > maxBytes)
                throw new ProtocolException($"snapshot stream larger than {maxBytes} bytes");
        }

        while (true)
        {
            if (!Str(ref r, out var path))
                return false;
            if (path == "/")
                break;
            if (!Bytes(ref r) || !Skip(ref r, 8 + StatBytes))
                return false;
            if (r.Consumed > maxBytes)
                throw new ProtocolException($"snapshot stream larger than {maxBytes} bytes");
        }

        if (!Str(ref r, out var signature))
            return false;
        return signature == Signature ? true : throw new ProtocolException($"snapshot stream signature is '{signature}'");
    }

    private static void Check(int count, int max)
    {
        if (count < 0 || count > max)
            throw new ProtocolException($"bad count {count} in a snapshot stream");
    }

    private static bool Int(ref SequenceReader<byte> r, out int value) => r.TryReadBigEndian(out value);

    private static bool Skip(ref SequenceReader<byte> r, long count)
    {
        if (r.Remaining < count)
            return false;
        r.Advance(count);
        return true;
    }

    /// <summary>A buffer or ustring: int length (-1 = null), then the bytes.</summary>
    private static bool Bytes(ref SequenceReader<byte> r)
    {
        if (!Int(ref r, out var length))
            return false;
        if (length < -1)
            throw new ProtocolException($"bad length {length} in a snapshot stream");
        return length <= 0 || Skip(ref r, length);
    }

    private static bool Str(ref SequenceReader<byte> r, out string? value)
    {
        value = null;
        if (!Int(ref r, out var length))
            return false;
        if (length < -1)
            throw new ProtocolException($"bad length {length} in a snapshot stream");
        if (length <= 0)
            return true;
        if (r.Remaining < length)
            return false;
        var bytes = new byte[length];
        r.TryCopyTo(bytes);
        r.Advance(length);
        value = Encoding.UTF8.GetString(bytes);
        return true;
    }
}
