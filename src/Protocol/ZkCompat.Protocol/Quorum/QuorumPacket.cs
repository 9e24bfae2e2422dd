using System.Buffers;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// One ZAB message on the quorum port (PROTOCOL.md §11.1): <c>int type, long zxid, buffer data,
/// vector&lt;Id&gt; authinfo</c>, sent bare, with no length prefix. <see cref="Type"/> is not
/// validated on read (Java's reader does not either); the caller decides what an unknown type means.
/// </summary>
public sealed record QuorumPacket(
    QuorumPacketType Type,
    long Zxid,
    byte[]? Data,
    IReadOnlyList<Id>? AuthInfo = null) : IJuteRecord<QuorumPacket>
{
    /// <summary>
    /// Java's bound on a buffer inside a record: <c>jute.maxbuffer</c> plus the extrasize, which
    /// defaults to the same 0xfffff (§1.3). A PROPOSAL for a near-1 MB znode needs more than 0xfffff.
    /// </summary>
    public const int DefaultMaxDataBytes = 2 * 0xfffff;

    public static QuorumPacket Read(ref JuteReader reader)
    {
        var type = (QuorumPacketType)reader.ReadInt();
        var zxid = reader.ReadLong();
        var data = reader.ReadBuffer();
        var authInfo = reader.ReadVector(static (ref JuteReader r) => Id.Read(ref r));
        return new(type, zxid, data, authInfo);
    }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteLong(Zxid);
        writer.WriteBuffer(Data);
        writer.WriteVector(AuthInfo, static (w, id) => id.Write(w));
    }

    /// <summary>
    /// Takes one whole packet off the front of <paramref name="buffer"/>. Returns false, leaving the
    /// buffer untouched, when the packet is not complete yet. Every declared length is checked before
    /// its bytes are awaited: a length below −1 or above <paramref name="maxDataBytes"/> (data, an Id
    /// string, or an authinfo count that could not fit in that many bytes) throws
    /// <see cref="ProtocolException"/>, so a hostile peer cannot make us buffer without bound.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxDataBytes, out QuorumPacket? packet)
    {
        packet = null;
        if (!QuorumPacketScanner.TryMeasure(buffer, maxDataBytes, out var length))
            return false;
        var reader = new JuteReader(buffer.Slice(0, length));
        packet = Read(ref reader);
        buffer = buffer.Slice(length);
        return true;
    }

    public static byte[] ToBytes(QuorumPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var output = new ArrayBufferWriter<byte>(32 + (packet.Data?.Length ?? 0));
        packet.Write(new JuteWriter(output));
        return output.WrittenSpan.ToArray();
    }

    public override string ToString() =>
        $"{Type} zxid=0x{Zxid:x} data={(Data is null ? "null" : Data.Length + "B")} auth={AuthInfo?.Count.ToString() ?? "null"}";
}
