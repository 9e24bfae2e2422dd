using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>The single int of LEADERINFO (protocol version) and ACKEPOCH (current epoch or -1), §11.2.</summary>
public static class EpochPayload
{
    public static byte[] ToBytes(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    public static int Parse(ReadOnlySpan<byte> data) => data.Length < 4
        ? throw new ProtocolException($"epoch payload of {data.Length} bytes")
        : BinaryPrimitives.ReadInt32BigEndian(data);
}
