using ZkCompat.Protocol.Quorum;
using ZkCompat.Quorum.Config;

namespace ZkCompat.Quorum;

/// <summary>
/// What the core asks of the network. The runtime implements it with sockets; the simulator
/// with queues. Calls never block and never call back into the peer.
/// </summary>
public interface IPeerNetwork
{
    /// <summary>Sends an election notification to a voter (or back to a non-voter that wrote to us).</summary>
    void SendVote(long toSid, Notification notification);

    /// <summary>Sends a packet on a quorum channel. A SNAP packet's Data is the snapshot stream that follows it on the wire.</summary>
    void Send(long channel, QuorumPacket packet);

    /// <summary>Opens a channel to the leader's quorum port; the peer hears of it through <see cref="QuorumPeer.OnLeaderConnected"/>.</summary>
    void ConnectToLeader(QuorumMember leader);

    /// <summary>Closes a quorum channel; no further packets are delivered from it.</summary>
    void Close(long channel);
}
