using System.Buffers;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Protocol.Tests.Quorum;

public class ElectionHelloTests
{
    // PROTOCOL.md §10.1 example (sid 1).
    private const string Sid1 = "ffffffffffff0000" + "0000000000000001" + "0000000f" + "3132372e302e302e313a3233333131";

    [Fact]
    public void ProtocolExample_Decodes()
    {
        var buffer = Hex(Sid1 + "00");
        Assert.True(ElectionHello.TryRead(ref buffer, out var hello));
        Assert.Equal(new ElectionHello(ElectionHello.ProtocolV1, 1, "127.0.0.1:23311"), hello);
        Assert.Equal(1, buffer.Length);
    }

    [Fact]
    public void V1_EncodesLikeTheExample()
    {
        Assert.Equal(Sid1, Convert.ToHexString(ElectionHello.V1(1, "127.0.0.1:23311").ToBytes()).ToLowerInvariant());
    }

    [Fact]
    public void SplitAtEveryByte_FalseUntilComplete()
    {
        var bytes = Convert.FromHexString(Sid1);
        for (var at = 0; at < bytes.Length; at++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, at);
            Assert.False(ElectionHello.TryRead(ref partial, out _), $"prefix {at}");
            Assert.Equal(at, partial.Length);
            var whole = Segments.Split(bytes, at);
            Assert.True(ElectionHello.TryRead(ref whole, out var hello));
            Assert.Equal("127.0.0.1:23311", hello!.Address);
            Assert.Equal(0, whole.Length);
        }
    }

    [Fact]
    public void V2_WithAddressList_RoundTrips()
    {
        var hello = new ElectionHello(ElectionHello.ProtocolV2, 7, "[::1]:3888|127.0.0.1:3888");
        var buffer = new ReadOnlySequence<byte>(hello.ToBytes());
        Assert.True(ElectionHello.TryRead(ref buffer, out var read));
        Assert.Equal(hello, read);
    }

    [Fact]
    public void FirstLongNotNegative_IsABarePre35Sid()
    {
        var buffer = Hex("0000000000000005" + "ffffffff");
        Assert.True(ElectionHello.TryRead(ref buffer, out var hello));
        Assert.Equal(new ElectionHello(ElectionHello.ProtocolPre35, 5, null), hello);
        Assert.Equal(4, buffer.Length);
        Assert.Equal("0000000000000005", Convert.ToHexString(hello!.ToBytes()));
    }

    [Theory]
    [InlineData("fffffffffffeffff")]
    [InlineData("ffffffffffffffff")]
    [InlineData("ffffffffffff0000 0000000000000001 00000000")]
    [InlineData("ffffffffffff0000 0000000000000001 ffffffff")]
    [InlineData("ffffffffffff0001 0000000000000001 00000801")]
    public void BadVersionOrAddressLength_Throws(string hex)
    {
        var buffer = Hex(hex);
        Assert.Throws<ProtocolException>(() => ElectionHello.TryRead(ref buffer, out _));
    }

    [Fact]
    public void AddressOf2048Bytes_IsAccepted()
    {
        var hello = ElectionHello.V1(2, new string('a', ElectionHello.MaxAddressBytes));
        var buffer = new ReadOnlySequence<byte>(hello.ToBytes());
        Assert.True(ElectionHello.TryRead(ref buffer, out var read));
        Assert.Equal(hello, read);
    }

    private static ReadOnlySequence<byte> Hex(string hex) => new(Convert.FromHexString(hex.Replace(" ", "")));
}
