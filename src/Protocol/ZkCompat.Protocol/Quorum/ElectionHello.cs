using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// The first message on an election connection (PROTOCOL.md §10.1), sent without a frame length:
/// <c>long protocolVersion, long sid, int addrLen, addr</c>. A pre-3.5 peer sends only its sid;
/// that form has <see cref="ProtocolVersion"/> = <see cref="ProtocolPre35"/> and a null
/// <see cref="Address"/>. The address text (V2: a <c>|</c>-joined list) is not parsed here.
/// </summary>
public sealed record ElectionHello(long ProtocolVersion, long ServerId, string? Address)
{
    public const long ProtocolV1 = -65536L;

    /// <summary>Sent by Java only with <c>multiAddress.enabled=true</c>; a receiver accepts both.</summary>
    public const long ProtocolV2 = -65535L;

    /// <summary>Marks the bare-sid hello of a pre-3.5 peer (a first long &gt;= 0).</summary>
    public const long ProtocolPre35 = 0L;

    /// <summary>QuorumCnxManager.maxBuffer: the longest address text Java accepts.</summary>
    public const int MaxAddressBytes = 2048;

    /// <summary>The hello every 3.5+ peer sends without multi-address: V1 and its own election address.</summary>
    public static ElectionHello V1(long serverId, string address) => new(ProtocolV1, serverId, address);

    public byte[] ToBytes()
    {
        if (ProtocolVersion >= 0)
        {
            if (ServerId < 0)
                throw new InvalidOperationException("a bare-sid hello needs a sid >= 0");
            var bare = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bare, ServerId);
            return bare;
        }

        var address = Address ?? throw new InvalidOperationException("a versioned hello needs an address");
        var length = Encoding.UTF8.GetByteCount(address);
        var bytes = new byte[20 + length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ProtocolVersion);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), ServerId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), length);
        Encoding.UTF8.GetBytes(address, bytes.AsSpan(20));
        return bytes;
    }

    /// <summary>
    /// Takes the hello off the front of <paramref name="buffer"/>; false (buffer untouched) when more
    /// bytes are needed. Java's InitialMessage rules: a version other than V1/V2, or an address length
    /// &lt;= 0 or &gt; 2048, closes the connection, so those throw <see cref="ProtocolException"/>.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ElectionHello? hello)
    {
        hello = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadBigEndian(out long first))
            return false;
        if (first >= 0)
        {
            hello = new(ProtocolPre35, first, null);
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        if (first is not (ProtocolV1 or ProtocolV2))
            throw new ProtocolException($"Got unrecognized protocol version {first}");
        if (!reader.TryReadBigEndian(out long serverId) || !reader.TryReadBigEndian(out int length))
            return false;
        if (length is <= 0 or > MaxAddressBytes)
            throw new ProtocolException($"Unreasonable buffer length: {length}");
        if (reader.Remaining < length)
            return false;
        var address = Encoding.UTF8.GetString(reader.UnreadSequence.Slice(0, length));
        reader.Advance(length);
        hello = new(first, serverId, address);
        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
