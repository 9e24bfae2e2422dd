using System.Buffers;
using System.Text;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Protocol.Tests.Quorum;

public class QuorumGoldenVectorTests
{
    public static TheoryData<string> Incremental()
    {
        var data = new TheoryData<string>();
        foreach (var vector in QuorumGoldenVector.All().Where(v => !v.IsSnapshotStream))
            data.Add(vector.Name);
        return data;
    }

    public static TheoryData<string> Packets()
    {
        var data = new TheoryData<string>();
        foreach (var vector in QuorumGoldenVector.All().Where(v => v.IsQuorumPacket))
            data.Add(vector.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Incremental))]
    public void Vector_DecodesAndReencodesByteIdentical(string name)
    {
        var vector = QuorumGoldenVector.Named(name);
        var buffer = new ReadOnlySequence<byte>([.. vector.Bytes, 0x5a]);
        Assert.True(vector.TryDecodeAndEncode(ref buffer, out var encoded));
        Assert.Equal(Convert.ToHexString(vector.Bytes), Convert.ToHexString(encoded));
        Assert.Equal(1, buffer.Length);
    }

    [Theory]
    [MemberData(nameof(Incremental))]
    public void Vector_FalseUntilComplete_ThenSameAtEverySplit(string name)
    {
        var vector = QuorumGoldenVector.Named(name);
        for (var at = 0; at < vector.Bytes.Length; at++)
        {
            var partial = new ReadOnlySequence<byte>(vector.Bytes, 0, at);
            Assert.False(vector.TryDecodeAndEncode(ref partial, out _), $"prefix of {at} bytes");
            Assert.Equal(at, partial.Length);
            var whole = Segments.Split(vector.Bytes, at);
            Assert.True(vector.TryDecodeAndEncode(ref whole, out var encoded), $"split at {at}");
            Assert.True(vector.Bytes.AsSpan().SequenceEqual(encoded), $"split at {at}");
            Assert.Equal(0, whole.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Packets))]
    public void PacketData_ParsesWithItsHelper_AndReencodesByteIdentical(string name)
    {
        var vector = QuorumGoldenVector.Named(name);
        var packet = vector.ToPacket();
        Assert.Equal(vector.Kind, ToCamel(packet.Type));
        var data = packet.Data;
        switch (packet.Type)
        {
            case QuorumPacketType.FollowerInfo or QuorumPacketType.ObserverInfo:
                var info = LearnerInfo.Parse(data);
                Assert.Equal(LearnerInfo.Version1_0, info.ProtocolVersion);
                Assert.Equal(data, info.ToBytes());
                break;
            case QuorumPacketType.LeaderInfo:
                Assert.Equal(LearnerInfo.Version1_0, EpochPayload.Parse(data));
                break;
            case QuorumPacketType.AckEpoch:
                Assert.Equal(data, EpochPayload.ToBytes(EpochPayload.Parse(data)));
                break;
            case QuorumPacketType.Request:
                Assert.Equal(-1, packet.Zxid);
                Assert.Equal(data, RequestPacketData.Parse(data).ToBytes());
                break;
            case QuorumPacketType.Ping when vector.Sender == "leader":
                Assert.Null(data);
                break;
            case QuorumPacketType.Ping:
                Assert.Equal(data, PingData.Parse(data).ToBytes());
                break;
            case QuorumPacketType.Revalidate when vector.Sender == "leader":
                Assert.Equal(data, RevalidateReply.Parse(data).ToBytes());
                break;
            case QuorumPacketType.Revalidate:
                Assert.Equal(data, RevalidateRequest.Parse(data).ToBytes());
                break;
            case QuorumPacketType.NewLeader:
                Assert.StartsWith("server.", Encoding.UTF8.GetString(data!));
                break;
            case QuorumPacketType.CommitAndActivate:
                Assert.Empty(ActivateData.Parse(data).Txn);
                Assert.Equal(data, ActivateData.Parse(data).ToBytes());
                break;
            case QuorumPacketType.InformAndActivate:
                Assert.Equal(data, ActivateData.Parse(data).ToBytes());
                break;
            case QuorumPacketType.Proposal or QuorumPacketType.Inform:
                Assert.NotNull(data);
                break;
            default:
                Assert.Null(data);
                break;
        }

        if (packet.Type != QuorumPacketType.Request)
            Assert.Null(packet.AuthInfo);
    }

    [Fact]
    public void Recording_CoversEveryPacketType()
    {
        var recorded = QuorumGoldenVector.All().Where(v => v.IsQuorumPacket).Select(v => v.ToPacket().Type).ToHashSet();
        var missing = Enum.GetValues<QuorumPacketType>().Where(t => !recorded.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "no golden vector for: " + string.Join(", ", missing));
    }

    [Fact]
    public void SnapshotStream_EndsWithTheSignature_AfterANullDataSnap()
    {
        Assert.Null(QuorumGoldenVector.Named("leader.snap").ToPacket().Data);
        var stream = QuorumGoldenVector.Named("leader.snapStream").Bytes;
        Assert.EndsWith("0000000a" + Convert.ToHexString("BenWasHere"u8).ToLowerInvariant(), Convert.ToHexString(stream).ToLowerInvariant());
    }

    [Fact]
    public void NewLeaderConfig_IsTheLeadersNotificationConfig()
    {
        var newLeader = QuorumGoldenVector.Named("leader.newLeader").ToPacket().Data!;
        var leading = QuorumGoldenVector.Named("election.notification.leading").ToNotification();
        Assert.Equal(Encoding.UTF8.GetString(newLeader), Encoding.UTF8.GetString(leading.Config));
        Assert.EndsWith("\nversion=0", Encoding.UTF8.GetString(newLeader));
        Assert.Equal(Notification.CurrentVersion, leading.Version);
    }

    [Fact]
    public void InformCarriesTheProposalBytes()
    {
        foreach (var txn in new[] { "createSession", "create", "setData", "delete", "closeSession" })
        {
            var proposal = QuorumGoldenVector.Named("leader.proposal." + txn).ToPacket();
            var inform = QuorumGoldenVector.Named("leader.inform." + txn).ToPacket();
            Assert.Equal(proposal.Zxid, inform.Zxid);
            Assert.Equal(proposal.Data, inform.Data);
        }
    }

    [Fact]
    public void Activation_NamesTheLeader_AndInformCarriesTheReconfigTxn()
    {
        var commit = ActivateData.Parse(QuorumGoldenVector.Named("leader.commitAndActivate").ToPacket().Data);
        var informPacket = QuorumGoldenVector.Named("leader.informAndActivate").ToPacket();
        var inform = ActivateData.Parse(informPacket.Data);
        var proposal = QuorumGoldenVector.Named("leader.proposal.reconfig").ToPacket();
        Assert.Equal(3, commit.DesignatedLeader);
        Assert.Equal(3, inform.DesignatedLeader);
        Assert.Equal(proposal.Zxid, informPacket.Zxid);
        Assert.Equal(proposal.Data, inform.Txn);
    }

    [Fact]
    public void ReconfigEnabled_LeaderStampsItsConfigWithTheNewEpochZxid()
    {
        var text = Encoding.UTF8.GetString(QuorumGoldenVector.Named("leader.newLeader.reconfigEnabled").ToPacket().Data!);
        Assert.EndsWith("\nversion=100000000", text);
        var following = QuorumGoldenVector.Named("election.notification.following.reconfigEnabled").ToNotification();
        Assert.EndsWith("\nversion=100000000", Encoding.UTF8.GetString(following.Config));
    }

    [Fact]
    public void Hellos_AreV1WithTheSendersElectionAddress()
    {
        foreach (var vector in QuorumGoldenVector.All().Where(v => v.IsHello))
        {
            var buffer = new ReadOnlySequence<byte>(vector.Bytes);
            Assert.True(ElectionHello.TryRead(ref buffer, out var hello));
            Assert.Equal(ElectionHello.ProtocolV1, hello!.ProtocolVersion);
            Assert.StartsWith("127.0.0.1:", hello.Address);
        }
    }

    private static string ToCamel(QuorumPacketType type)
    {
        var text = type.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }
}
