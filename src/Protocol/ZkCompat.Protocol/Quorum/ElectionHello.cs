using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// The first bytes on an election connection (PROTOCOL.md §10.1): protocol version, sid, and the
/// initiator's election address. A first long of 0 or more is a pre-3.5 peer's bare sid.
/// </summary>
public sealed record ElectionHello(long ProtocolVersion, long ServerId, string? Address)
{
    public const long ProtocolV1 = -65536L;
    public const long ProtocolV2 = -65535L;
    public const int MaxAddressBytes = 2048;

    public byte[] ToBytes()
    {
        var address = Encoding.UTF8.GetBytes(Address ?? "");
        var bytes = new byte[20 + address.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ProtocolVersion);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), ServerId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), address.Length);
        address.CopyTo(bytes.AsSpan(20));
        return bytes;
    }

    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ElectionHello? hello)
    {
        hello = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadBigEndian(out long first))
            return false;
        if (first >= 0)
        {
            hello = new ElectionHello(0, first, null);
            buffer = buffer.Slice(reader.Consumed);
            return true;
        }

        if (first is not (ProtocolV1 or ProtocolV2))
            throw new ProtocolException($"unknown election protocol version {first}");
        if (!reader.TryReadBigEndian(out long sid) || !reader.TryReadBigEndian(out int length))
            return false;
        if (length is < 0 or > MaxAddressBytes)
            throw new ProtocolException($"election address length {length}");
        if (reader.Remaining < length)
            return false;
        var address = new byte[length];
        reader.TryCopyTo(address);
        reader.Advance(length);
        hello = new ElectionHello(first, sid, Encoding.UTF8.GetString(address));
        buffer = buffer.Slice(reader.Consumed);
        return true;
    }
}
