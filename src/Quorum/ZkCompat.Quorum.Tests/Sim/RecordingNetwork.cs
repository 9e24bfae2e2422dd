using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>A network that only records what one peer sends, for rule tests that play the other side by hand.</summary>
internal sealed class RecordingNetwork : IPeerNetwork
{
    public List<(long To, Notification Notification)> Votes { get; } = [];

    public List<(long Channel, QuorumPacket Packet)> Packets { get; } = [];

    public List<long> Connects { get; } = [];

    public List<long> Closed { get; } = [];

    /// <summary>Called as each packet is sent (tests look at the disk at that moment).</summary>
    public Action<QuorumPacket>? OnSend { get; set; }

    public void SendVote(long toSid, Notification notification) => Votes.Add((toSid, notification));

    public void Send(long channel, QuorumPacket packet)
    {
        OnSend?.Invoke(packet);
        Packets.Add((channel, packet));
    }

    public void ConnectToLeader(QuorumMember leader) => Connects.Add(leader.Sid);

    public void Close(long channel) => Closed.Add(channel);
}
