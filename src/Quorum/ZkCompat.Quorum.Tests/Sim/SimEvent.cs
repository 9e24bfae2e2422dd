using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// Something the network delivers to server <see cref="To"/>, valid only for the incarnation it
/// was meant for (a restarted server never hears what was sent to its previous life).
/// </summary>
internal sealed record SimEvent(SimEventKind Kind, long To, int Incarnation)
{
    public long From { get; init; }

    public long Channel { get; init; }

    /// <summary>Position of a packet in its channel direction (FIFO).</summary>
    public long Seq { get; init; }

    public Notification? Vote { get; init; }

    public QuorumPacket? Packet { get; init; }

    public override string ToString() => Kind switch
    {
        SimEventKind.Vote => $"vote {From}->{To} {Vote!.State} leader={Vote.Leader} zxid=0x{Vote.Zxid:x} round={Vote.ElectionEpoch} epoch={Vote.PeerEpoch}",
        SimEventKind.Packet => $"packet {From}->{To} ch{Channel} {Packet!.Type} 0x{Packet.Zxid:x}",
        _ => $"{Kind} {From}->{To} ch{Channel}",
    };
}
