namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>One end of a <see cref="SimChannel"/> and the packets travelling towards it.</summary>
internal sealed class ChannelEnd(long sid, int incarnation)
{
    public long Sid { get; } = sid;

    public int Incarnation { get; } = incarnation;

    /// <summary>Still receiving: not closed by its owner and no close delivered to it.</summary>
    public bool Open { get; set; } = true;

    public long Sent { get; set; }

    public long Delivered { get; set; }

    /// <summary>Packets after this one are lost (set when the channel breaks).</summary>
    public long Cutoff { get; set; } = long.MaxValue;

    /// <summary>Due time of the newest packet towards this end, so later ones never overtake it.</summary>
    public long LastDueMs { get; set; }
}
