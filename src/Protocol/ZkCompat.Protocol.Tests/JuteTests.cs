using System.Buffers;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Tests;

public class JuteTests
{
    [Fact]
    public void NullAndEmptyBuffers_StayDistinct()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new JuteWriter(output);
        writer.WriteBuffer((byte[]?)null);
        writer.WriteBuffer([]);
        writer.WriteString(null);
        Assert.Equal("FFFFFFFF00000000FFFFFFFF", Convert.ToHexString(output.WrittenSpan));
        var reader = new JuteReader(output.WrittenMemory);
        Assert.Null(reader.ReadBuffer());
        Assert.Empty(reader.ReadBuffer()!);
        Assert.Null(reader.ReadNullableString());
    }

    [Fact]
    public void LengthBeyondTheFrame_IsAProtocolError()
    {
        byte[] bytes = [0, 0, 0, 9, 1, 2];
        Assert.Throws<ProtocolException>(() => new JuteReader(bytes).ReadBuffer());
    }

    [Fact]
    public void ReadBool_TreatsAnyNonZeroByteAsTrue()
    {
        var reader = new JuteReader(new byte[] { 7 });
        Assert.True(reader.ReadBool());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0x100000)]
    [InlineData(int.MinValue)]
    public void FrameLength_OutsideMaxBuffer_IsRejectedBeforeTheBody(int length)
    {
        var header = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, length);
        var buffer = new ReadOnlySequence<byte>(header);
        Assert.Throws<ProtocolException>(() => FrameReader.TryReadFrame(ref buffer, FrameReader.DefaultMaxFrameBytes, out _));
    }

    [Fact]
    public void FrameLength_AtMaxBuffer_WaitsForTheBody()
    {
        byte[] header = [0x00, 0x0f, 0xff, 0xff];
        var buffer = new ReadOnlySequence<byte>(header);
        Assert.False(FrameReader.TryReadFrame(ref buffer, FrameReader.DefaultMaxFrameBytes, out _));
    }
}
