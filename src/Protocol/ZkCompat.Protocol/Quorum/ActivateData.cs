using System.Buffers.Binary;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// The data of COMMITANDACTIVATE (<c>long designatedLeaderSid</c>, 8 bytes) and INFORMANDACTIVATE
/// (<c>long designatedLeaderSid</c> + the reconfig txn bytes of the PROPOSAL) (PROTOCOL.md §11.2;
/// recorded, see docs/QUORUM-PROTOCOL.md). <see cref="Txn"/> is empty for COMMITANDACTIVATE.
/// </summary>
public sealed record ActivateData(long DesignatedLeader, byte[] Txn)
{
    public const int HeaderLength = 8;

    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderLength + Txn.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, DesignatedLeader);
        Txn.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    public static ActivateData Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength)
            throw new ProtocolException($"activation data of {data.Length} bytes; at least 8 expected");
        return new(BinaryPrimitives.ReadInt64BigEndian(data), data[HeaderLength..].ToArray());
    }
}
