using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Protocol.Tests.Quorum;

public class QuorumPayloadTests
{
    [Fact]
    public void LearnerInfo_20Bytes_RoundTrips()
    {
        var info = new LearnerInfo(3, LearnerInfo.Version1_0, 0x100000000);
        var bytes = info.ToBytes();
        Assert.Equal("0000000000000003" + "00010000" + "0000000100000000", Convert.ToHexString(bytes));
        Assert.Equal(info, LearnerInfo.Parse(bytes));
    }

    [Fact]
    public void LearnerInfo_ShortForms_TakeJavasDefaults()
    {
        var bytes = new LearnerInfo(3, LearnerInfo.Version1_0, 9).ToBytes();
        Assert.Equal(new LearnerInfo(3, LearnerInfo.Version1_0, 0), LearnerInfo.Parse(bytes.AsSpan(0, 12)));
        Assert.Equal(new LearnerInfo(3, LearnerInfo.PreVersion1_0, 0), LearnerInfo.Parse(bytes.AsSpan(0, 8)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(19)]
    [InlineData(21)]
    public void LearnerInfo_OtherLengths_Throw(int length)
    {
        Assert.Throws<ProtocolException>(() => LearnerInfo.Parse(new byte[length]));
    }

    [Fact]
    public void RequestPacketData_SplitsAfter16Bytes()
    {
        var data = new RequestPacketData(0x1000001, 4, 1, [0xde, 0xad]);
        var bytes = data.ToBytes();
        Assert.Equal("0000000001000001" + "00000004" + "00000001" + "DEAD", Convert.ToHexString(bytes));
        var read = RequestPacketData.Parse(bytes);
        Assert.Equal((data.SessionId, data.Cxid, data.Type), (read.SessionId, read.Cxid, read.Type));
        Assert.Equal(data.Request, read.Request);
        Assert.Empty(RequestPacketData.Parse(bytes.AsSpan(0, 16)).Request);
        Assert.Throws<ProtocolException>(() => RequestPacketData.Parse(bytes.AsSpan(0, 15)));
    }

    [Fact]
    public void PingData_RoundTripsAndRejectsPartialEntries()
    {
        var ping = new PingData([(0x100, 4000), (-5, 30000)]);
        var bytes = ping.ToBytes();
        Assert.Equal(24, bytes.Length);
        Assert.Equal(ping.Touches, PingData.Parse(bytes).Touches);
        Assert.Empty(PingData.Parse([]).Touches);
        Assert.Throws<ProtocolException>(() => PingData.Parse(bytes.AsSpan(0, 13)));
    }

    [Fact]
    public void Revalidate_RequestAndReply_RoundTrip()
    {
        var request = new RevalidateRequest(0x1000001, 4000);
        Assert.Equal("000000000100000100000FA0", Convert.ToHexString(request.ToBytes()));
        Assert.Equal(request, RevalidateRequest.Parse(request.ToBytes()));
        var reply = new RevalidateReply(0x1000001, true);
        Assert.Equal("000000000100000101", Convert.ToHexString(reply.ToBytes()));
        Assert.Equal(reply, RevalidateReply.Parse(reply.ToBytes()));
        Assert.True(RevalidateReply.Parse(Convert.FromHexString("0000000001000001FF")).Valid);
        Assert.Throws<ProtocolException>(() => RevalidateRequest.Parse(new byte[11]));
        Assert.Throws<ProtocolException>(() => RevalidateReply.Parse(new byte[10]));
    }

    [Fact]
    public void EpochPayload_IsOneBigEndianInt()
    {
        Assert.Equal("00010000", Convert.ToHexString(EpochPayload.LeaderInfo(0x100000000).Data!));
        Assert.Equal("FFFFFFFF", Convert.ToHexString(EpochPayload.ToBytes(EpochPayload.EpochUnchanged)));
        Assert.Equal(EpochPayload.EpochUnchanged, EpochPayload.Parse(EpochPayload.AckEpoch(5, -1).Data));
        Assert.Throws<ProtocolException>(() => EpochPayload.Parse(new byte[3]));
    }

    [Fact]
    public void ActivateData_SidThenTxn()
    {
        var data = new ActivateData(3, [0xAB]);
        Assert.Equal("0000000000000003AB", Convert.ToHexString(data.ToBytes()));
        Assert.Equal(data.Txn, ActivateData.Parse(data.ToBytes()).Txn);
        Assert.Empty(ActivateData.Parse(data.ToBytes().AsSpan(0, 8)).Txn);
        Assert.Throws<ProtocolException>(() => ActivateData.Parse(new byte[7]));
    }
}
