using System.Buffers;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Quorum;

/// <summary>
/// Finds where an unprefixed <see cref="QuorumPacket"/> ends (§11.1) without decoding it, so a
/// stream reader can wait for the rest of a packet and reject absurd lengths before buffering.
/// </summary>
internal static class QuorumPacketScanner
{
    private const int IdMinBytes = 8;

    public static bool TryMeasure(in ReadOnlySequence<byte> buffer, int maxDataBytes, out long length)
    {
        length = 0;
        var reader = new SequenceReader<byte>(buffer);
        if (!TrySkip(ref reader, 4 + 8))
            return false;
        if (!TrySkipBlob(ref reader, maxDataBytes, "data"))
            return false;
        if (!reader.TryReadBigEndian(out int count))
            return false;
        if (count < -1 || (long)count * IdMinBytes > maxDataBytes)
            throw new ProtocolException($"Unreasonable authinfo count = {count}");
        for (var i = 0; i < count; i++)
        {
            if (!TrySkipBlob(ref reader, maxDataBytes, "scheme") || !TrySkipBlob(ref reader, maxDataBytes, "id"))
                return false;
        }

        length = reader.Consumed;
        return true;
    }

    private static bool TrySkipBlob(ref SequenceReader<byte> reader, int maxBytes, string what)
    {
        if (!reader.TryReadBigEndian(out int length))
            return false;
        if (length < -1 || length > maxBytes)
            throw new ProtocolException($"Unreasonable {what} length = {length}");
        return length <= 0 || TrySkip(ref reader, length);
    }

    private static bool TrySkip(ref SequenceReader<byte> reader, int count)
    {
        if (reader.Remaining < count)
            return false;
        reader.Advance(count);
        return true;
    }
}
