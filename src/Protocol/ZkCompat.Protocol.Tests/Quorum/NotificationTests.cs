using System.Buffers.Binary;
using System.Text;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Protocol.Tests.Quorum;

public class NotificationTests
{
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("server.1=127.0.0.1:1:2:participant\nversion=0");

    private static readonly Notification Sample = new(PeerState.Following, 3, 0x100000002, 1, 1, Notification.CurrentVersion, Config);

    [Fact]
    public void Version2_RoundTrips_With44PlusConfigBytes()
    {
        var payload = Sample.ToPayload();
        Assert.Equal(44 + Config.Length, payload.Length);
        Assert.Equal("00000001" + "0000000000000003" + "0000000100000002" + "0000000000000001" + "0000000000000001" + "00000002" + Config.Length.ToString("x8"), Convert.ToHexString(payload, 0, 44).ToLowerInvariant());
        Assert.True(Notification.TryParse(payload, out var n));
        Assert.Equal(payload, n!.ToPayload());
        Assert.Equal(Sample with { Config = n.Config }, n);
    }

    [Fact]
    public void Exactly28Bytes_TakesPeerEpochFromTheZxid()
    {
        Assert.True(Notification.TryParse(Sample.ToPayload().AsSpan(0, 28), out var n));
        Assert.Equal(1, n!.PeerEpoch);
        Assert.Equal(0, n.Version);
        Assert.Empty(n.Config);
        Assert.Equal(3, n.Leader);
    }

    [Fact]
    public void Exactly40Bytes_HasVersionZeroWhateverItSays()
    {
        Assert.True(Notification.TryParse(Sample.ToPayload().AsSpan(0, 40), out var n));
        Assert.Equal(0, n!.Version);
        Assert.Equal(1, n.PeerEpoch);
        Assert.Empty(n.Config);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    [InlineData(29)]
    [InlineData(36)]
    [InlineData(39)]
    [InlineData(41)]
    [InlineData(43)]
    public void ShortOrTornLengths_AreDropped(int length)
    {
        Assert.False(Notification.TryParse(Sample.ToPayload().AsSpan(0, length), out var n));
        Assert.Null(n);
    }

    [Fact]
    public void Version1_With44Bytes_IgnoresTheRest()
    {
        var payload = Sample.ToPayload();
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(36), 1);
        Assert.True(Notification.TryParse(payload, out var n));
        Assert.Equal(1, n!.Version);
        Assert.Empty(n.Config);
        Assert.True(Notification.TryParse(payload.AsSpan(0, 41), out _));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(1)]
    public void ConfigLengthBeyondThePayload_IsDropped(int extra)
    {
        var payload = Sample.ToPayload();
        var length = extra == int.MinValue ? int.MinValue : extra < 0 ? -1 : Config.Length + extra;
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(40), length);
        Assert.False(Notification.TryParse(payload, out _));
    }

    [Fact]
    public void TrailingBytesAfterTheConfig_AreIgnored()
    {
        byte[] payload = [.. Sample.ToPayload(), 0xAA, 0xBB];
        Assert.True(Notification.TryParse(payload, out var n));
        Assert.Equal(Config, n!.Config);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(0x100)]
    public void UnknownState_IsDropped(int state)
    {
        var payload = Sample.ToPayload();
        BinaryPrimitives.WriteInt32BigEndian(payload, state);
        Assert.False(Notification.TryParse(payload, out _));
    }

    [Fact]
    public void ObserverInitialVote_MinValues_RoundTrip()
    {
        var vote = new Notification(PeerState.Observing, long.MinValue, long.MinValue, 1, long.MinValue, 2, []);
        Assert.True(Notification.TryParse(vote.ToPayload(), out var n));
        Assert.Equal(vote with { Config = n!.Config }, n);
        Assert.Equal(44, vote.ToPayload().Length);
    }
}
