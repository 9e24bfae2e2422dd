using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// The body of a learner's PING answer (PROTOCOL.md §11.7): <c>{long sessionId, int timeoutMs}</c>
/// repeated for every session touched since the last ping, with no count; may be empty. Pings from
/// the leader carry null data, which parses as no touches.
/// </summary>
public sealed record PingData(IReadOnlyList<(long SessionId, int TimeoutMs)> Touches)
{
    public const int EntryLength = 12;

    public byte[] ToBytes()
    {
        var bytes = new byte[Touches.Count * EntryLength];
        for (var i = 0; i < Touches.Count; i++)
        {
            var at = bytes.AsSpan(i * EntryLength);
            BinaryPrimitives.WriteInt64BigEndian(at, Touches[i].SessionId);
            BinaryPrimitives.WriteInt32BigEndian(at[8..], Touches[i].TimeoutMs);
        }

        return bytes;
    }

    /// <summary>A length that is not a multiple of 12 is malformed (Java's leader would hit EOF).</summary>
    public static PingData Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length % EntryLength != 0)
            throw new ProtocolException($"PING data of {data.Length} bytes is not a whole number of 12-byte entries");
        var touches = new (long, int)[data.Length / EntryLength];
        for (var i = 0; i < touches.Length; i++)
        {
            var at = data[(i * EntryLength)..];
            touches[i] = (BinaryPrimitives.ReadInt64BigEndian(at), BinaryPrimitives.ReadInt32BigEndian(at[8..]));
        }

        return new(touches);
    }
}
