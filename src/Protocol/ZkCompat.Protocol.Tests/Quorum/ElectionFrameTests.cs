using System.Buffers;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Protocol.Tests.Quorum;

public class ElectionFrameTests
{
    [Fact]
    public void Frame_SplitAtEveryByte_YieldsThePayloadSlice()
    {
        byte[] payload = [1, 2, 3, 4, 5];
        var framed = ElectionFrame.Frame(payload);
        Assert.Equal("0000000501020304 05".Replace(" ", ""), Convert.ToHexString(framed));
        for (var at = 0; at < framed.Length; at++)
        {
            var partial = new ReadOnlySequence<byte>(framed, 0, at);
            Assert.False(ElectionFrame.TryRead(ref partial, out _));
            Assert.Equal(at, partial.Length);
            var whole = Segments.Split(framed, at);
            Assert.True(ElectionFrame.TryRead(ref whole, out var read));
            Assert.Equal(payload, read.ToArray());
            Assert.Equal(0, whole.Length);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(ElectionFrame.MaxPayloadBytes + 1)]
    public void BadLength_Throws(int length)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Throws<ProtocolException>(() => ElectionFrame.TryRead(ref buffer, out _));
    }

    [Fact]
    public void MaxLength_IsAcceptedOnceComplete()
    {
        var framed = ElectionFrame.Frame(new byte[ElectionFrame.MaxPayloadBytes]);
        var buffer = new ReadOnlySequence<byte>(framed, 0, 100);
        Assert.False(ElectionFrame.TryRead(ref buffer, out _));
        buffer = new ReadOnlySequence<byte>(framed);
        Assert.True(ElectionFrame.TryRead(ref buffer, out var payload));
        Assert.Equal(ElectionFrame.MaxPayloadBytes, payload.Length);
    }

    [Fact]
    public void Frame_RefusesEmptyAndOversized()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ElectionFrame.Frame([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ElectionFrame.Frame(new byte[ElectionFrame.MaxPayloadBytes + 1]));
    }
}
