using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>One server's view of the <see cref="SimFabric"/>: what its <see cref="QuorumPeer"/> talks to.</summary>
internal sealed class SimNetwork(SimFabric fabric, long sid, int incarnation) : IPeerNetwork
{
    public void SendVote(long toSid, Notification notification) => fabric.SendVote(sid, toSid, notification);

    public void Send(long channel, QuorumPacket packet) => fabric.Send(sid, channel, packet);

    public void ConnectToLeader(QuorumMember leader) => fabric.Connect(sid, incarnation, leader.Sid);

    public void Close(long channel) => fabric.Close(sid, channel);
}
