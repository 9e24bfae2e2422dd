using System.Buffers;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// A packet on the quorum port: <c>int type, long zxid, buffer data, vector&lt;Id&gt; authinfo</c>,
/// with no length prefix (PROTOCOL.md §11.1).
/// </summary>
public sealed record QuorumPacket(QuorumPacketType Type, long Zxid, byte[]? Data, IReadOnlyList<Id>? AuthInfo = null)
{
    public static QuorumPacket Read(ref JuteReader reader)
    {
        var type = (QuorumPacketType)reader.ReadInt();
        var zxid = reader.ReadLong();
        var data = reader.ReadBuffer();
        var auth = reader.ReadVector(static (ref JuteReader r) => Id.Read(ref r));
        return new QuorumPacket(type, zxid, data, auth);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteLong(Zxid);
        writer.WriteBuffer(Data);
        writer.WriteVector(AuthInfo, static (w, id) => id.Write(w));
    }

    public static byte[] ToBytes(QuorumPacket packet)
    {
        var output = new ArrayBufferWriter<byte>();
        packet.Write(new JuteWriter(output));
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// False when the packet is not complete (buffer untouched); true and the buffer advanced past
    /// it when it is. Negative or oversized lengths throw <see cref="ProtocolException"/>.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxDataBytes, out QuorumPacket? packet)
    {
        packet = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadBigEndian(out int _) || !reader.TryReadBigEndian(out long _) || !reader.TryReadBigEndian(out int dataLength))
            return false;
        if (dataLength < -1 || dataLength > maxDataBytes)
            throw new ProtocolException($"quorum packet data length {dataLength} is out of range");
        if (dataLength > 0 && !Skip(ref reader, dataLength))
            return false;
        if (!reader.TryReadBigEndian(out int ids))
            return false;
        if (ids < -1 || ids > 1024)
            throw new ProtocolException($"quorum packet authinfo count {ids} is out of range");
        for (var i = 0; i < ids; i++)
        {
            for (var s = 0; s < 2; s++)
            {
                if (!reader.TryReadBigEndian(out int length))
                    return false;
                if (length < -1 || length > maxDataBytes)
                    throw new ProtocolException($"quorum packet authinfo length {length} is out of range");
                if (length > 0 && !Skip(ref reader, length))
                    return false;
            }
        }

        var jute = new JuteReader(buffer.Slice(0, reader.Consumed));
        packet = Read(ref jute);
        buffer = buffer.Slice(reader.Consumed);
        return true;
    }

    private static bool Skip(ref SequenceReader<byte> reader, int count)
    {
        if (reader.Remaining < count)
            return false;
        reader.Advance(count);
        return true;
    }
}
