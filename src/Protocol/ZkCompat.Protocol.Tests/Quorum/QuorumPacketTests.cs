using System.Buffers;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Quorum;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Protocol.Tests.Quorum;

public class QuorumPacketTests
{
    private const int Max = QuorumPacket.DefaultMaxDataBytes;

    public static TheoryData<string> Packets() => new(Samples.Keys);

    private static readonly Dictionary<string, QuorumPacket> Samples = new()
    {
        ["ack"] = new(QuorumPacketType.Ack, 0x100000001, null),
        ["ping-empty"] = new(QuorumPacketType.Ping, 0x100000003, []),
        ["request-auth"] = new(QuorumPacketType.Request, -1, [1, 2, 3], [new Id("ip", "127.0.0.1"), new Id("digest", null)]),
        ["request-no-auth"] = new(QuorumPacketType.Request, -1, new byte[20], []),
        ["unknown-type"] = new((QuorumPacketType)77, 5, [9]),
    };

    [Fact]
    public void Ack_HasTheDocumentedBytes()
    {
        var bytes = QuorumPacket.ToBytes(new(QuorumPacketType.Ack, 0x100000001, null));
        Assert.Equal("00000003" + "0000000100000001" + "ffffffff" + "ffffffff", Convert.ToHexString(bytes).ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(Packets))]
    public void RoundTrip_SplitAtEveryByte_FalseUntilCompleteThenSame(string name)
    {
        var bytes = QuorumPacket.ToBytes(Samples[name]);
        for (var at = 0; at < bytes.Length; at++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, at);
            Assert.False(QuorumPacket.TryRead(ref partial, Max, out var none), $"prefix {at}");
            Assert.Null(none);
            Assert.Equal(at, partial.Length);
        }

        for (var at = 0; at <= bytes.Length; at++)
        {
            var whole = Segments.Split(bytes, at);
            Assert.True(QuorumPacket.TryRead(ref whole, Max, out var packet));
            Assert.Equal(0, whole.Length);
            Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(QuorumPacket.ToBytes(packet!)));
        }
    }

    [Fact]
    public void TwoPacketsBackToBack_ReadOneAtATime()
    {
        var first = QuorumPacket.ToBytes(Samples["request-auth"]);
        var second = QuorumPacket.ToBytes(Samples["ack"]);
        var buffer = new ReadOnlySequence<byte>([.. first, .. second, 0, 0]);
        Assert.True(QuorumPacket.TryRead(ref buffer, Max, out var a));
        Assert.Equal(QuorumPacketType.Request, a!.Type);
        Assert.Equal(2, a.AuthInfo!.Count);
        Assert.Null(a.AuthInfo[1].Ident);
        Assert.True(QuorumPacket.TryRead(ref buffer, Max, out var b));
        Assert.Equal(0x100000001, b!.Zxid);
        Assert.Null(b.Data);
        Assert.Null(b.AuthInfo);
        Assert.False(QuorumPacket.TryRead(ref buffer, Max, out _));
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void NullAndEmpty_StayDistinct()
    {
        var empty = Decode(QuorumPacket.ToBytes(new(QuorumPacketType.Ping, 1, [], [])));
        Assert.NotNull(empty.Data);
        Assert.Empty(empty.Data);
        Assert.NotNull(empty.AuthInfo);
        var none = Decode(QuorumPacket.ToBytes(new(QuorumPacketType.Ping, 1, null)));
        Assert.Null(none.Data);
        Assert.Null(none.AuthInfo);
    }

    [Theory]
    [InlineData("00000005 0000000000000001 fffffffe")]
    [InlineData("00000005 0000000000000001 80000000")]
    [InlineData("00000005 0000000000000001 00000401")]
    [InlineData("00000005 0000000000000001 ffffffff fffffffe")]
    [InlineData("00000005 0000000000000001 ffffffff 00000081")]
    [InlineData("00000005 0000000000000001 ffffffff 00000001 00000401")]
    [InlineData("00000005 0000000000000001 ffffffff 00000001 00000000 fffffff0")]
    public void BadLength_Throws_EvenBeforeTheBytesArrive(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(hex.Replace(" ", "")));
        Assert.Throws<ProtocolException>(() => QuorumPacket.TryRead(ref buffer, 1024, out _));
    }

    [Fact]
    public void NullScheme_Throws()
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString("000000050000000000000001ffffffff00000001ffffffffffffffff"));
        Assert.Throws<ProtocolException>(() => QuorumPacket.TryRead(ref buffer, 1024, out _));
    }

    [Fact]
    public void DataAtTheLimit_IsAccepted()
    {
        var bytes = QuorumPacket.ToBytes(new(QuorumPacketType.Proposal, 7, new byte[1024]));
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(QuorumPacket.TryRead(ref buffer, 1024, out var packet));
        Assert.Equal(1024, packet!.Data!.Length);
    }

    private static QuorumPacket Decode(byte[] bytes)
    {
        var reader = new JuteReader(bytes);
        var packet = QuorumPacket.Read(ref reader);
        Assert.True(reader.End);
        return packet;
    }
}
