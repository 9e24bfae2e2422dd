using System.Buffers.Binary;

namespace ZkCompat.Protocol.Quorum;

/// <summary>A learner's PING reply: the sessions it saw traffic from, <c>(long id, int timeout)</c> repeated (§11.7).</summary>
public sealed record PingData(IReadOnlyList<(long SessionId, int TimeoutMs)> Touches)
{
    public byte[] ToBytes()
    {
        var bytes = new byte[12 * Touches.Count];
        for (var i = 0; i < Touches.Count; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(i * 12), Touches[i].SessionId);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan((i * 12) + 8), Touches[i].TimeoutMs);
        }

        return bytes;
    }

    public static PingData Parse(ReadOnlySpan<byte> data)
    {
        var touches = new List<(long, int)>(data.Length / 12);
        for (var at = 0; at + 12 <= data.Length; at += 12)
            touches.Add((BinaryPrimitives.ReadInt64BigEndian(data[at..]), BinaryPrimitives.ReadInt32BigEndian(data[(at + 8)..])));
        return new PingData(touches);
    }
}
