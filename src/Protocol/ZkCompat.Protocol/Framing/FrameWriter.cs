using System.Buffers;
using System.Buffers.Binary;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Ids;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Framing;

/// <summary>Writes length-prefixed frames: reserve four bytes, write the body, then fill in its length.</summary>
public static class FrameWriter
{
    public static void WriteFrame(ArrayBufferWriter<byte> output, IJuteWritable header, IJuteWritable? body)
    {
        var start = output.WrittenCount;
        output.GetSpan(4);
        output.Advance(4);
        var writer = new JuteWriter(output);
        header.Write(writer);
        body?.Write(writer);
        PatchLength(output, start);
    }

    /// <summary>A reply frame: the <c>ReplyHeader</c> fields written from values (no header record), then the body.</summary>
    public static void WriteReplyFrame(ArrayBufferWriter<byte> output, int xid, Zxid zxid, ErrorCode err, IJuteWritable? body)
    {
        var start = output.WrittenCount;
        var header = output.GetSpan(20);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], xid);
        BinaryPrimitives.WriteInt64BigEndian(header[8..], zxid.Value);
        BinaryPrimitives.WriteInt32BigEndian(header[16..], (int)err);
        output.Advance(20);
        body?.Write(new JuteWriter(output));
        PatchLength(output, start);
    }

    /// <summary>Writes the length of everything written after <paramref name="start"/> + 4 into the reserved slot.</summary>
    public static void PatchLength(ArrayBufferWriter<byte> output, int start)
    {
        var length = output.WrittenCount - start - 4;
        var span = System.Runtime.InteropServices.MemoryMarshal.AsMemory(output.WrittenMemory).Span;
        BinaryPrimitives.WriteInt32BigEndian(span.Slice(start, 4), length);
    }
}
